package frameworkfile

import (
	"reflect"
	"strings"
	"testing"
)

// Mahara's NACE example matrix: one standard of seven elements, rated on
// the one level "Meets"; the evidence statuses are described, not levels.
func TestMaharaNACE(t *testing.T) {
	file := readTestFile(t, "testdata/mahara/nace_usa.matrix")
	if !detectMahara([]File{file}) || detectDirectJSON([]File{file}) {
		t.Fatal("detection")
	}
	f, warn, err := readMahara([]File{file})
	if err != nil {
		t.Fatal(err)
	}
	mustValidate(t, f)
	if len(warn) != 0 {
		t.Errorf("warnings %q", warn)
	}
	if f.Name != "Career Readiness" || f.Ref.ID != "career-readiness" || len(f.Groups) != 1 || len(f.Items) != 7 {
		t.Fatalf("name %q ref %s, %d groups, %d items", f.Name, f.Ref, len(f.Groups), len(f.Items))
	}
	if g := f.Groups[0]; g.ID != "standard-1" || g.Kind != "standard" || g.Title != "Career Readiness Competencies" {
		t.Errorf("group %+v", g)
	}
	it := f.Items[0]
	if it.ID != "1.0" || it.Title != "Critical Thinking/Problem Solving" || !reflect.DeepEqual(it.Levels, []int{1}) || !strings.HasPrefix(it.Description, "Exercise sound reasoning") {
		t.Errorf("item %+v", it)
	}
	if len(f.Scale.Levels) != 1 || f.Scale.Levels[0].Name != "Meets" || !strings.Contains(f.Scale.Description, "Doesn't meet the competency; Partially meets the competency") {
		t.Errorf("scale %+v", f.Scale)
	}
}

const maharaDeep = `{"framework": {
  "name": "Normes d'enseignement — 教員基準",
  "description": "<p>Cadre</p>",
  "evidencestatuses": [{"begun": "Prêt"}, {"completed": "Atteint"}],
  "standards": [
    {"shortname": "S1", "name": "Connaître les élèves", "description": "<p>Les <em>ākonga</em></p>", "standardid": 1},
    {"shortname": "S2", "name": "Vide", "description": "", "standardid": "2"}
  ],
  "standardelements": [
    {"shortname": "1.1.1", "name": "Sous-élément", "description": "<ol><li>un</li><li>deux</li></ol>", "standardid": 1, "elementid": "1.1.1", "parentelementid": "1.1"},
    {"shortname": "1.1", "name": "Élément", "description": "", "standardid": 1, "elementid": "1.1"},
    {"shortname": "1.2", "name": "Autre élément", "description": "Voir <a href=\"https://example.org/x\">la source</a>", "standardid": 1, "elementid": 12},
    {"shortname": "1.1.2", "name": "Deuxième", "description": "", "standardid": 1, "elementid": "1.1.2", "parentelementid": "1.1"}
  ]
}}`

// Elements nest by parentelementid to any depth and in any order; ids may
// be numbers; HTML becomes text; non-English text is kept byte for byte.
func TestMaharaNested(t *testing.T) {
	f, warn, err := readMahara([]File{{Name: "n.matrix", Data: []byte(maharaDeep)}})
	if err != nil {
		t.Fatal(err)
	}
	mustValidate(t, f)
	if f.Name != "Normes d'enseignement — 教員基準" || !reflect.DeepEqual(f.GroupKinds, []string{"standard", "element"}) {
		t.Errorf("name %q kinds %q", f.Name, f.GroupKinds)
	}
	ids := []string{}
	for _, it := range f.Items {
		ids = append(ids, it.ID+"@"+it.Group)
	}
	if strings.Join(ids, " ") != "1.1.1@1.1 1.1.2@1.1 12@standard-1" {
		t.Errorf("items %q", ids)
	}
	if it, _ := f.Item("1.1.1"); it.Description != "- un\n- deux" {
		t.Errorf("description %q", it.Description)
	}
	if it, _ := f.Item("12"); it.Description != "Voir la source (https://example.org/x)" {
		t.Errorf("link %q", it.Description)
	}
	if g, _ := f.Group("standard-1"); g.Description != "Les ākonga" {
		t.Errorf("standard description %q", g.Description)
	}
	if len(warn) != 1 || !strings.Contains(warn[0], `standard "Vide" has no elements`) {
		t.Errorf("warnings %q", warn)
	}
	if !strings.Contains(f.Scale.Description, "Prêt") || !strings.Contains(f.Scale.Description, "Atteint") {
		t.Errorf("scale %q", f.Scale.Description)
	}
}

// The older layout: elements inside each standard, no ids.
func TestMaharaOldLayout(t *testing.T) {
	data := `{"framework": {"name": "SmartEvidence", "selfassess": true, "standards": [
	  {"shortname": "PK1", "name": "Know the students", "priority": 1, "standardelement": [
	    {"shortname": "1.1", "name": "one point one", "description": "first", "priority": 1, "parent": false},
	    {"shortname": "1.2", "name": "one point two", "description": "second", "priority": 2, "parent": true}]},
	  {"shortname": "U1", "name": "Unused", "priority": 3}]}}`
	f, warn, err := readMahara([]File{{Name: "example.matrix", Data: []byte(data)}})
	if err != nil {
		t.Fatal(err)
	}
	mustValidate(t, f)
	if len(f.Items) != 2 || f.Items[1].ID != "1.2" || f.Items[1].Group != "standard-1" || len(warn) != 1 {
		t.Errorf("items %+v warnings %q", f.Items, warn)
	}
}

func TestMaharaRefuses(t *testing.T) {
	el := func(std, id, parent string) string {
		return `{"shortname":"` + id + `","name":"E ` + id + `","standardid":` + std + `,"elementid":"` + id + `","parentelementid":"` + parent + `"}`
	}
	doc := func(elems ...string) string {
		return `{"framework":{"name":"F","standards":[{"shortname":"S","name":"S","standardid":1}],` + "\n" + `"standardelements":[` + "\n" + strings.Join(elems, ",\n") + `]}}`
	}
	tests := []struct {
		name string
		data string
		want []string
	}{
		{"empty", "", []string{"m.matrix is empty"}},
		{"syntax", "{\"framework\": {\n\"name\": \"F\",,}}", []string{"m.matrix line 2, column 13"}},
		{"no framework", `{"name": "F"}`, []string{`no "framework" object`}},
		{"no name", `{"framework": {"standards": [{"name": "S"}]}}`, []string{"the framework has no name"}},
		{"no standards", `{"framework": {"name": "F"}}`, []string{"has no standards"}},
		{"unknown standard", doc(el("2", "1.1", "")), []string{"m.matrix line 3 (standard element 1)", `standardid "2"`}},
		{"unknown parent", doc(el("1", "1.1", ""), el("1", "1.2", "9.9")), []string{"m.matrix line 4 (standard element 2)", `parentelementid "9.9"`}},
		{"duplicate element", doc(el("1", "1.1", ""), el("1", "1.1", "")), []string{"line 4", `elementid "1.1" is used twice`}},
		{"cycle", doc(el("1", "1.1", ""), el("1", "A", "B"), el("1", "B", "A")), []string{"cycle"}},
		{"bad id type", doc(`{"name":"E","standardid":1,"elementid":{"x":1}}`), []string{"line 3", "an id must be text or a number"}},
		{"no elements", `{"framework":{"name":"F","standards":[{"name":"S","standardid":1}]}}`, []string{"standards have no elements"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, _, err := readMahara([]File{{Name: "m.matrix", Data: []byte(tt.data)}})
			wantInvalid(t, err, tt.want...)
		})
	}
}
