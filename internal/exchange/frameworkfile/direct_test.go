package frameworkfile

import (
	"reflect"
	"slices"
	"strings"
	"testing"

	"gapwise/internal/model"
)

func directFiles(t *testing.T, ext string, names ...string) []File {
	t.Helper()
	var out []File
	for _, n := range names {
		if !strings.Contains(n, ".") {
			n += ext
		}
		out = append(out, readTestFile(t, "testdata/direct/"+n))
	}
	return out
}

var directTablesAll = []string{"competency_domain", "competency", "skill", "skill_level", "learning_resource", "provider", "tool_language_methodology", "LICENSE.md"}

// The DIRECT download read from its per-table CSV files and from its JSON
// files gives the same framework: 7 domains, 20 competencies, 164 skills on
// the 0-4 scale, with related skills and resources.
func TestDirectTables(t *testing.T) {
	csvFiles := directFiles(t, ".csv", directTablesAll...)
	jsonFiles := directFiles(t, ".json", directTablesAll...)
	if !detectDirectCSV(csvFiles) || detectDirectJSON(csvFiles) || !detectDirectJSON(jsonFiles) || detectDirectCSV(jsonFiles) {
		t.Fatal("detection does not tell DIRECT CSV from DIRECT JSON")
	}
	fc, warn, err := readDirectCSV(csvFiles)
	if err != nil {
		t.Fatal(err)
	}
	if len(warn) != 0 {
		t.Errorf("warnings on the official CSV files: %q", warn)
	}
	mustValidate(t, fc)
	fj, _, err := readDirectJSON(jsonFiles)
	if err != nil {
		t.Fatal(err)
	}
	mustValidate(t, fj)
	c := fc.Counts()
	if c.Groups != 27 || c.Items != 164 || c.Levels != 5 {
		t.Errorf("counts %+v, want 27 groups (7 domains + 20 competencies), 164 items, 5 levels", c)
	}
	if fc.Licence != "Creative Commons Attribution 4.0 International (CC BY 4.0)" || fc.Ref.ID != "direct" {
		t.Errorf("licence %q ref %s", fc.Licence, fc.Ref)
	}
	// (The publisher's JSON names level 0 "None or not applicable" and gives
	// it a focus; its CSV says "None or N/A". Everything else is the same.)
	if !reflect.DeepEqual(fc.Groups, fj.Groups) || !reflect.DeepEqual(fc.Items, fj.Items) || !reflect.DeepEqual(fc.Scale.Levels[1:], fj.Scale.Levels[1:]) {
		t.Error("the CSV and JSON tables read differently")
	}
	names := []string{}
	for _, l := range fc.Scale.Levels {
		names = append(names, l.Name)
	}
	if strings.Join(names, ",") != "None or N/A,Awareness,Working,Practitioner,Expert" || fc.Scale.Levels[0].Value != 0 {
		t.Errorf("scale %q", names)
	}
	if !strings.HasPrefix(fc.Scale.Levels[4].Description, "Leading and/or being a recognised authority\n\nTechnical: highly skilled") {
		t.Errorf("level 4 description %q", fc.Scale.Levels[4].Description)
	}
	if fc.Groups[0].ID != "information-and-data-technologies" || fc.Groups[0].Kind != "competency domain" || fc.Groups[1].Parent != "information-and-data-technologies" {
		t.Errorf("first groups %+v", fc.Groups[:2])
	}
	it, ok := fc.Item("data-and-database-query-languages")
	if !ok {
		t.Fatal("no data-and-database-query-languages")
	}
	if !reflect.DeepEqual(it.Levels, []int{1, 2, 3, 4}) || !slices.Contains(it.Related, "data-and-database-management") {
		t.Errorf("levels %v related %v", it.Levels, it.Related)
	}
	want := model.Resource{Title: "Databases and SQL by The Carpentries", Kind: "learning resource"}
	var carp *model.Resource
	for i, r := range it.Resources {
		if strings.Contains(r.Title, "SQL") && r.Kind == "learning resource" {
			carp = &it.Resources[i]
		}
	}
	if carp == nil || carp.URL == "" || carp.Provider == "" {
		t.Errorf("learning resource of SQL skill: %+v (want like %+v with a URL and provider)", it.Resources, want)
	}
	kinds := map[string]bool{}
	for _, it := range fc.Items {
		for _, r := range it.Resources {
			kinds[r.Kind] = true
		}
	}
	for _, k := range []string{"learning resource", "tool", "language", "methodology"} {
		if !kinds[k] {
			t.Errorf("no resource of kind %q", k)
		}
	}
}

// The all-in-one files hold the same skills; without the lookup tables the
// resources keep their slugs and the import says so.
func TestDirectAllInOne(t *testing.T) {
	tables, _, err := readDirectCSV(directFiles(t, ".csv", directTablesAll...))
	if err != nil {
		t.Fatal(err)
	}
	aio := directFiles(t, "", "DIRECT-framework-all-in-one.csv")
	if !detectDirectCSV(aio) {
		t.Fatal("all-in-one CSV not detected")
	}
	f, warn, err := readDirectCSV(aio)
	if err != nil {
		t.Fatal(err)
	}
	mustValidate(t, f)
	ids := func(f *model.Framework) []string {
		var out []string
		for _, it := range f.Items {
			out = append(out, it.ID)
		}
		slices.Sort(out)
		return out
	}
	if !reflect.DeepEqual(ids(f), ids(tables)) {
		t.Error("the all-in-one CSV holds different skills from the tables")
	}
	if len(warn) != 3 || !strings.Contains(strings.Join(warn, "\n"), "skill levels table (skill_level) was not given") {
		t.Errorf("warnings %q", warn)
	}
	if f.Licence != "" {
		t.Errorf("licence %q without LICENSE.md", f.Licence)
	}
	withLevels, _, err := readDirectCSV(append(aio, directFiles(t, ".csv", "skill_level", "learning_resource", "provider", "tool_language_methodology")...))
	if err != nil {
		t.Fatal(err)
	}
	a, _ := withLevels.Item("data-cleaning")
	b, _ := tables.Item("data-cleaning")
	if !reflect.DeepEqual(withLevels.Scale, tables.Scale) || len(a.Resources) != len(b.Resources) {
		t.Errorf("all-in-one with lookup tables: %d resources, tables %d", len(a.Resources), len(b.Resources))
	}

	j := directFiles(t, "", "DIRECT-framework-all-in-one.json")
	if !detectDirectJSON(j) {
		t.Fatal("all-in-one JSON not detected")
	}
	fj, _, err := readDirectJSON(j)
	if err != nil {
		t.Fatal(err)
	}
	mustValidate(t, fj)
	if len(fj.Items) != 164 || len(fj.Groups) != 27 {
		t.Errorf("all-in-one JSON: %d items %d groups", len(fj.Items), len(fj.Groups))
	}
}

func TestDirectRefuses(t *testing.T) {
	dom := "name,description,slug,rank\nDonnées,Des données,donnees,10\n"
	comp := "name,description,slug,competency_domain,rank\nGestion,Gérer,gestion,donnees,10\n"
	skill := "name,description,slug,competency,tools_languages_methodologies,learning_resources,related_skills,rank\n"
	csv := func(name, body string) File { return File{Name: name, Data: []byte(body)} }
	tests := []struct {
		name  string
		files []File
		want  []string
	}{
		{"unknown competency", []File{csv("d.csv", dom), csv("c.csv", comp), csv("s.csv", skill+"Nettoyage,x,nettoyage,ailleurs,,,,10\n")},
			[]string{"s.csv line 2", `competency "ailleurs", which is not in c.csv`}},
		{"unknown domain", []File{csv("d.csv", dom), csv("c.csv", strings.Replace(comp, ",donnees,", ",nulle-part,", 1)), csv("s.csv", skill+"N,x,n,gestion,,,,1\n")},
			[]string{"c.csv line 2", `domain "nulle-part"`}},
		{"duplicate slug", []File{csv("d.csv", dom), csv("c.csv", comp), csv("s.csv", skill+"A,x,a,gestion,,,,1\nB,y,a,gestion,,,,2\n")},
			[]string{"s.csv line 3", `slug "a" is already used at s.csv line 2`}},
		{"missing table", []File{csv("d.csv", dom), csv("s.csv", skill+"A,x,a,gestion,,,,1\n")}, []string{"missing: competency"}},
		{"bad rank", []File{csv("d.csv", dom), csv("c.csv", comp), csv("s.csv", skill+"A,x,a,gestion,,,,first\n")}, []string{"s.csv line 2", `rank "first"`}},
		{"no skills", []File{csv("d.csv", dom), csv("c.csv", comp), csv("s.csv", skill)}, []string{"no DIRECT skills"}},
		{"malformed csv", []File{csv("d.csv", dom), csv("c.csv", comp), csv("s.csv", skill+"A,\"x,a,gestion,,,,1\n")}, []string{"s.csv line 2"}},
		{"foreign table", []File{csv("d.csv", dom), csv("x.csv", "colour,size\nred,1\n")}, []string{"x.csv line 1: not a DIRECT table"}},
		{"two skill tables", []File{csv("d.csv", dom), csv("c.csv", comp), csv("s.csv", skill+"A,x,a,gestion,,,,1\n"), csv("t.csv", skill+"B,x,b,gestion,,,,1\n")},
			[]string{"s.csv and t.csv are both DIRECT skill tables"}},
		{"skill before competency", []File{csv("aio.csv", "competency_domain,competency,skill,description,slug\n,,Alone,x,alone\n")}, []string{"aio.csv line 2: a skill before any competency"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, _, err := readDirectCSV(tt.files)
			wantInvalid(t, err, tt.want...)
		})
	}
	_, _, err := readDirectJSON([]File{{Name: "skill.json", Data: []byte("[\n  {\"name\": \"A\",\n   \"slug\": \"a\" \"competency\": \"x\"}\n]")}})
	wantInvalid(t, err, "skill.json line 3, column 16")
	_, _, err = readDirectJSON([]File{{Name: "x.json", Data: []byte(`{"framework": {}}`)}})
	wantInvalid(t, err, `without "competency_domains"`)
}

// Non-English text survives byte for byte, and related skills resolve.
func TestDirectText(t *testing.T) {
	files := []File{
		{Name: "competency_domain.csv", Data: []byte("name,description,slug,rank\n数据,「データ」と données,shuju,10\n")},
		{Name: "competency.csv", Data: []byte("name,description,slug,competency_domain,rank\nGestión,Gestión de datos,gestion,shuju,10\n")},
		{Name: "skill.csv", Data: []byte("name,description,slug,competency,tools_languages_methodologies,learning_resources,related_skills,rank\n" +
			"Nettoyage des données,Détecter les erreurs — 検出,nettoyage,gestion,,,modelisation|absent,20\n" +
			"Modélisation,Concevoir,modelisation,gestion,,,,10\n")},
	}
	f, warn, err := readDirectCSV(files)
	if err != nil {
		t.Fatal(err)
	}
	mustValidate(t, f)
	if f.Groups[0].Title != "数据" || f.Groups[0].Description != "「データ」と données" || f.Items[1].Title != "Nettoyage des données" ||
		f.Items[1].Description != "Détecter les erreurs — 検出" {
		t.Errorf("text changed: %+v %+v", f.Groups[0], f.Items[1])
	}
	if f.Items[0].ID != "modelisation" || !reflect.DeepEqual(f.Items[1].Related, []string{"modelisation"}) {
		t.Errorf("order by rank or related: %s, %v", f.Items[0].ID, f.Items[1].Related)
	}
	if !strings.Contains(strings.Join(warn, "\n"), `related skill "absent" is not in the files`) {
		t.Errorf("warnings %q", warn)
	}
}
