package frameworkfile

import (
	"reflect"
	"strings"
	"testing"
)

const moodleFile = "testdata/moodle/example_tool_lpimportcsv_2016.csv"

// Moodle's own example framework (12-column 2016 layout, rows in no order):
// 6 domains, their competencies, and the behaviours under them as items.
func TestMoodleExample(t *testing.T) {
	file := readTestFile(t, moodleFile)
	if !detectMoodle([]File{file}) {
		t.Fatal("not detected")
	}
	f, warn, err := readMoodle([]File{file})
	if err != nil {
		t.Fatal(err)
	}
	mustValidate(t, f)
	if len(warn) != 0 {
		t.Errorf("warnings %q", warn)
	}
	if f.Name != "Pharmacy" || f.Ref.ID != "pharmacy" || !reflect.DeepEqual(f.GroupKinds, []string{"domain", "competency"}) {
		t.Errorf("name %q ref %s kinds %q", f.Name, f.Ref, f.GroupKinds)
	}
	var domains, comps int
	for _, g := range f.Groups {
		switch g.Kind {
		case "domain":
			domains++
		case "competency":
			comps++
		}
	}
	if domains != 6 || len(f.Items) != 210-1-6-comps {
		t.Errorf("%d domains, %d competencies, %d items", domains, comps, len(f.Items))
	}
	if names := scaleNames(f.Scale); strings.Join(names, "|") != "Mostly separate knowing|Separate and connected|Mostly connected knowing" {
		t.Errorf("scale %q", names)
	}
	if !strings.Contains(f.Scale.Description, "default: Separate and connected; proficient: Separate and connected") {
		t.Errorf("scale description %q", f.Scale.Description)
	}
	// The first rows are 1.2 and 1.1.1 before their parents 1 and 1.1: order does not matter.
	it, ok := f.Item("1.1.1")
	if !ok || it.Group != "1.1" || it.Title != "Demonstrates a patient-centred approach to practice" || len(it.Levels) != 3 {
		t.Errorf("1.1.1: %+v", it)
	}
	if g, _ := f.Group("1.1"); g == nil || g.Parent != "1" || g.Title != "Practises patient-centred care" {
		t.Errorf("group 1.1: %+v", g)
	}
	// Groups come depth first in file order of siblings: domain 1 first, then its competencies.
	if f.Groups[0].ID != "1" || f.Groups[1].ID != "1.2" {
		t.Errorf("group order starts %s, %s", f.Groups[0].ID, f.Groups[1].ID)
	}
}

const moodleHead = `"Parent ID number","ID number","Short name",Description,"Description format","Scale values","Scale configuration","Rule type (optional)","Rule outcome (optional)","Rule config (optional)","Cross-referenced competency ID numbers","Exported ID (optional)","Is framework",Taxonomy` + "\n"

const moodleFW = `,FW1,"Compétences numériques","<p>Cadre</p>",1,"Pas encore,En cours,Acquis","[{""scaleid"":""3""},{""id"":1,""scaledefault"":1,""proficient"":0},{""id"":3,""scaledefault"":0,""proficient"":1}]",,,,,,1,"domain,competency,skill,skill"` + "\n"

// The 14-column export of a current Moodle: HTML descriptions with line
// breaks in quoted fields, deeper nesting, cross-references, a competency
// with its own scale, and text in French and Japanese kept byte for byte.
func TestMoodleCurrentExport(t *testing.T) {
	rows := moodleFW +
		`A,A.1,"Données &amp; qualité","<p>Vérifier les <strong>données</strong>.</p>` + "\n" + `<ul><li>exhaustivité</li><li>データ品質</li></ul>",1,,,,,null,"A.2,B",12,0,` + "\n" +
		`,A,"Gérer l'information",,1,,,core_competency\competency_rule_all,1,null,,10,0,` + "\n" +
		`A,A.2,"Protection","Plain text line one` + "\n" + `line two",2,"Non,Oui","[{""scaleid"":""4""},{""id"":2,""scaledefault"":1,""proficient"":1}]",,,null,A.1,13,0,` + "\n" +
		`,B,"Communiquer",,1,,,,,null,,11,0,` + "\n" +
		`B,B.1,Écrire,,1,,,,,null,,14,0,` + "\n" +
		`B.1,B.1.1,"Écrire un courriel",,1,,,,,null,,15,0,` + "\n"
	f, warn, err := readMoodle([]File{{Name: "fw.csv", Data: []byte(moodleHead + rows)}})
	if err != nil {
		t.Fatal(err)
	}
	mustValidate(t, f)
	a1, _ := f.Item("A.1")
	if a1.Title != "Données & qualité" || a1.Description != "Vérifier les données.\n- exhaustivité\n- データ品質" {
		t.Errorf("A.1 %q %q", a1.Title, a1.Description)
	}
	if !reflect.DeepEqual(a1.Related, []string{"A.2"}) {
		t.Errorf("A.1 related %v (B is a group and is left out)", a1.Related)
	}
	a2, _ := f.Item("A.2")
	if a2.Description != "Plain text line one\nline two" || !reflect.DeepEqual(a2.Levels, []int{1, 2}) || a2.Descriptors[1].Text != "Oui" || !reflect.DeepEqual(a2.Related, []string{"A.1"}) {
		t.Errorf("A.2 %+v", a2)
	}
	if b11, _ := f.Item("B.1.1"); b11.Group != "B.1" || !reflect.DeepEqual(b11.Levels, []int{1, 2, 3}) {
		t.Errorf("B.1.1 %+v", b11)
	}
	if !reflect.DeepEqual(f.GroupKinds, []string{"domain", "competency"}) || f.ShortName != "FW1" || f.Name != "Compétences numériques" {
		t.Errorf("kinds %q short %q name %q", f.GroupKinds, f.ShortName, f.Name)
	}
	joined := strings.Join(warn, "\n")
	for _, w := range []string{"completion rules", `"A.2" has its own scale (Non, Oui)`, `cross-reference to "B", which has competencies under it`} {
		if !strings.Contains(joined, w) {
			t.Errorf("warnings lack %q: %q", w, warn)
		}
	}
	if !strings.Contains(f.Scale.Description, "default: Pas encore; proficient: Acquis") {
		t.Errorf("scale %q", f.Scale.Description)
	}
}

func TestMoodleRefuses(t *testing.T) {
	row := func(parent, id string) string { return parent + "," + id + ",Name " + id + ",,1,,,,,null,,,0,\n" }
	tests := []struct {
		name string
		data string
		want []string
	}{
		{"empty", "", []string{"fw.csv is empty"}},
		{"not moodle", "a,b,c\n1,2,3\n", []string{"fw.csv line 1: not a Moodle competency framework CSV", `"parent id number"`}},
		{"no framework row", moodleHead + row("", "A"), []string{"no framework row"}},
		{"two framework rows", moodleHead + moodleFW + moodleFW, []string{"fw.csv line 3: a second framework row (the first is line 2)"}},
		{"no competencies", moodleHead + moodleFW, []string{"has no competencies"}},
		{"duplicate id", moodleHead + moodleFW + row("", "A") + row("", "A"), []string{"fw.csv line 4", `ID number "A" is used twice (also line 3)`}},
		{"unknown parent", moodleHead + moodleFW + row("", "A") + row("Z", "A.1"), []string{"fw.csv line 4", `parent "Z" of "A.1" is not in the file`}},
		{"cycle", moodleHead + moodleFW + row("", "A") + row("C", "B") + row("B", "C"), []string{"fw.csv line 4", "cycle", "B -> C -> B"}},
		{"self parent", moodleHead + moodleFW + row("", "A") + row("B", "B"), []string{"cycle", "B -> B"}},
		{"no id", moodleHead + moodleFW + row("", ""), []string{"fw.csv line 3: a competency without an ID number"}},
		{"no scale", moodleHead + strings.Replace(moodleFW, `"Pas encore,En cours,Acquis"`, "", 1) + row("", "A"), []string{"fw.csv line 2", "no scale values"}},
		{"bad scale config", moodleHead + strings.Replace(moodleFW, `""id"":3`, `""id"":9`, 1) + row("", "A"), []string{"fw.csv line 2", "names value 9, but the scale has 3"}},
		{"bad format", moodleHead + moodleFW + strings.Replace(row("", "A"), ",1,", ",7,", 1), []string{"fw.csv line 3", `description format "7"`}},
		{"unclosed quote", moodleHead + moodleFW + `,A,"Name,,1,,,,,null,,,0,` + "\n", []string{"fw.csv line 3"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, _, err := readMoodle([]File{{Name: "fw.csv", Data: []byte(tt.data)}})
			wantInvalid(t, err, tt.want...)
		})
	}
}

// A Moodle in another language writes its headings translated; the columns
// are read by their place in Moodle's layout, 14 or 12 columns.
func TestMoodleTranslatedHeadings(t *testing.T) {
	fr := `"Numéro d'identification du parent","Numéro d'identification","Nom abrégé",Description,"Format de description","Valeurs du barème","Configuration du barème","Type de règle (facultatif)","Résultat de la règle (facultatif)","Configuration de la règle (facultatif)","Numéros d'identification des compétences liées","ID exporté (facultatif)","Est un référentiel",Taxonomie` + "\n"
	rows := moodleFW + `,A,"Gérer",,1,,,,,null,,10,0,` + "\n" + `A,A.1,"Données",,1,,,,,null,A.2,11,0,` + "\n" + `A,A.2,"Qualité",,1,,,,,null,,12,0,` + "\n"
	file := []File{{Name: "référentiel.csv", Data: []byte(fr + rows)}}
	if !detectMoodle(file) {
		t.Fatal("a translated export is not detected")
	}
	f, warn, err := readMoodle(file)
	if err != nil {
		t.Fatal(err)
	}
	mustValidate(t, f)
	if a1, _ := f.Item("A.1"); a1 == nil || a1.Title != "Données" || len(a1.Related) != 1 || f.Name != "Compétences numériques" {
		t.Errorf("read %+v", f.Items)
	}
	// A.1 lists A.2; Moodle's link is mutual.
	if a2, _ := f.Item("A.2"); !reflect.DeepEqual(a2.Related, []string{"A.1"}) {
		t.Errorf("A.2 related %v, want [A.1]", a2.Related)
	}
	if len(warn) != 1 || !strings.Contains(warn[0], "read in Moodle's standard order") {
		t.Errorf("warnings %q", warn)
	}

	// The 2016 example with its headings translated reads like the original.
	orig := readTestFile(t, moodleFile)
	want, _, err := readMoodle([]File{orig})
	if err != nil {
		t.Fatal(err)
	}
	body := orig.Data[strings.IndexByte(string(orig.Data), '\n'):]
	de := append([]byte(`"Übergeordnete ID-Nummer","ID-Nummer",Kurzname,Beschreibung,Beschreibungsformat,Skalenwerte,Skalenkonfiguration,Regeltyp,Regelergebnis,Regelkonfiguration,"Ist Kompetenzrahmen",Taxonomie`), body...)
	got, _, err := readMoodle([]File{{Name: "de.csv", Data: de}})
	if err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(got.Items, want.Items) || !reflect.DeepEqual(got.Groups, want.Groups) {
		t.Error("the example with German headings reads differently")
	}
	// Another CSV of 14 columns is not taken for Moodle.
	other := strings.Repeat("a,", 13) + "n\n" + strings.Repeat("x,", 13) + "y\n"
	if detectMoodle([]File{{Name: "o.csv", Data: []byte(other)}}) {
		t.Error("a 14-column CSV without a framework row is detected as Moodle")
	}
}
