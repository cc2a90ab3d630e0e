package frameworkfile

import (
	"encoding/csv"
	"flag"
	"os"
	"reflect"
	"strings"
	"testing"

	"gapwise/internal/model"
)

var updateTemplates = flag.Bool("update-templates", false, "rewrite frameworks/templates/framework-template.xlsx from the sample CSV files")

const templateDir = "../../../frameworks/templates/"

func templateCSVFiles(t *testing.T) []File {
	t.Helper()
	var out []File
	for _, n := range []string{"about.csv", "levels.csv", "items.csv"} {
		out = append(out, readTestFile(t, templateDir+n))
	}
	return out
}

func csvRows(t *testing.T, f File) [][]string {
	t.Helper()
	r := csv.NewReader(strings.NewReader(string(f.Data)))
	r.FieldsPerRecord = -1
	rows, err := r.ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	return rows
}

// The sample template reads the same as CSV files and as the workbook, and
// says what the docs say it does.
func TestTemplateSamples(t *testing.T) {
	files := templateCSVFiles(t)
	if !detectTemplate(files) {
		t.Fatal("the sample CSV files are not detected as a template")
	}
	f, warn, err := readTemplate(files)
	if err != nil {
		t.Fatal(err)
	}
	mustValidate(t, f)
	if len(warn) != 0 {
		t.Errorf("warnings: %q", warn)
	}
	if f.Ref.String() != "acme-informatics@2026" || f.Licence != "Internal use only" || f.ShortName != "Acme informatics" {
		t.Errorf("manifest %s %q %q", f.Ref, f.Licence, f.ShortName)
	}
	if !reflect.DeepEqual(f.GroupKinds, []string{"domain", "area"}) || len(f.Groups) != 4 {
		t.Fatalf("kinds %q groups %+v", f.GroupKinds, f.Groups)
	}
	wantGroups := []model.Group{
		{ID: "data", Title: "Data", Kind: "domain"},
		{ID: "D1", Title: "Data quality", Kind: "area", Parent: "data"},
		{ID: "D2", Title: "Standards", Kind: "area", Parent: "data"},
		{ID: "S", Title: "Safety", Kind: "domain"},
	}
	if !reflect.DeepEqual(f.Groups, wantGroups) {
		t.Errorf("groups %+v", f.Groups)
	}
	dq1, _ := f.Item("DQ1")
	if !reflect.DeepEqual(dq1.Levels, []int{1, 2, 3}) || len(dq1.Descriptors) != 3 || dq1.Group != "D1" ||
		dq1.Descriptors[1].Text != "Runs routine data quality checks and reports the results.\nExplains the findings to the teams who record the data." {
		t.Errorf("DQ1 %+v", dq1)
	}
	if dq2, _ := f.Item("DQ2"); !reflect.DeepEqual(dq2.Levels, []int{1, 2}) || dq2.ValidLevel(3) {
		t.Errorf("DQ2 levels %v: defined only where the template gives a level", dq2.Levels)
	}
	if cs1, _ := f.Item("CS1"); !reflect.DeepEqual(cs1.Levels, []int{1, 2, 3}) {
		t.Errorf("CS1 with no level rows has levels %v, want every level of the scale", cs1.Levels)
	}
	if len(f.Scale.Levels) != 4 || f.Scale.Levels[0].Name != "Not yet" || f.Scale.Name != "Acme proficiency scale" {
		t.Errorf("scale %+v", f.Scale)
	}

	book := makeXLSX(t, sheet{"About", csvRows(t, files[0])}, sheet{"Levels", csvRows(t, files[1])}, sheet{"Items", csvRows(t, files[2])})
	xlsxPath := templateDir + "framework-template.xlsx"
	if *updateTemplates {
		if err := os.WriteFile(xlsxPath, book, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	for _, data := range [][]byte{book, readTestFile(t, xlsxPath).Data} {
		x := []File{{Name: "framework-template.xlsx", Data: data}}
		if !detectTemplate(x) || detectSFIA(x) {
			t.Fatal("the template workbook is not detected as a template (only)")
		}
		g, _, err := readTemplate(x)
		if err != nil {
			t.Fatal(err)
		}
		if !reflect.DeepEqual(g, f) {
			t.Errorf("the workbook reads differently from the CSV files (run with -update-templates after changing them)")
		}
	}
}

// Just an items table: the scale is the levels used, the id comes from the
// name, and text in any language survives byte for byte.
func TestTemplateMinimal(t *testing.T) {
	items := "Item ID;Title;Description;Level;Descriptor\n" +
		"q1;Qualité des données;Vérifier « l'exhaustivité » des données;1;Sait pourquoi — 理由を知っている\n" +
		"q1;;;2;データ品質を確認する\n"
	f, _, err := readTemplate([]File{{Name: "Cadre_de_compétences.csv", Data: []byte(items)}})
	if err != nil {
		t.Fatal(err)
	}
	mustValidate(t, f)
	it := f.Items[0]
	if it.Title != "Qualité des données" || it.Description != "Vérifier « l'exhaustivité » des données" ||
		it.Descriptors[0].Text != "Sait pourquoi — 理由を知っている" || it.Descriptors[1].Text != "データ品質を確認する" {
		t.Errorf("text changed: %+v", it)
	}
	if f.Name != "Cadre_de_compétences" || f.Ref.ID != "cadre-de-comp-tences" || !strings.HasPrefix(f.Ref.Version, "h") {
		t.Errorf("name %q ref %s", f.Name, f.Ref)
	}
	if len(f.Scale.Levels) != 2 || f.Scale.Levels[1].Name != "Level 2" || f.Licence != "" {
		t.Errorf("scale %+v licence %q", f.Scale.Levels, f.Licence)
	}
}

func TestTemplateRefuses(t *testing.T) {
	head := "group,item id,title,description,level,descriptor\n"
	tests := []struct {
		name  string
		files []File
		want  []string
	}{
		{"empty", []File{{Name: "t.csv", Data: []byte("\n\n")}}, []string{"t.csv is empty"}},
		{"malformed csv", []File{{Name: "t.csv", Data: []byte(head + "G,A1,\"Title,,1,x\n")}}, []string{"t.csv line 2", "extraneous or missing \" in quoted-field"}},
		{"not utf-8", []File{{Name: "t.csv", Data: []byte(head + "G,A1,Caf\xe9,,1,x\n")}}, []string{"t.csv line 2", "not UTF-8"}},
		{"no items table", []File{{Name: "t.csv", Data: []byte("field,value\nid,x\n")}}, []string{"no items table"}},
		{"no items", []File{{Name: "t.csv", Data: []byte(head)}}, []string{"header but no items"}},
		{"no item id", []File{{Name: "t.csv", Data: []byte(head + "G,,Title,,1,x\n")}}, []string{"t.csv line 2: the row has no item id"}},
		{"bad item id", []File{{Name: "t.csv", Data: []byte(head + "G,A 1,Title,,1,x\n")}}, []string{"line 2", `item id "A 1"`}},
		{"no title", []File{{Name: "t.csv", Data: []byte(head + "G,A1,,,1,x\n")}}, []string{"t.csv line 2: item A1 has no title"}},
		{"conflicting title", []File{{Name: "t.csv", Data: []byte(head + "G,A1,One,,1,x\nG,A1,Two,,2,y\n")}}, []string{"t.csv line 3", "different title from its row at t.csv line 2"}},
		{"duplicate level", []File{{Name: "t.csv", Data: []byte(head + "G,A1,One,,1,x\nG,A1,,,1,y\n")}}, []string{"t.csv line 3", "level 1 twice"}},
		{"bad level", []File{{Name: "t.csv", Data: []byte(head + "G,A1,One,,high,x\n")}}, []string{"t.csv line 2", `level "high"`}},
		{"descriptor without level", []File{{Name: "t.csv", Data: []byte(head + "G,A1,One,,,x\n")}}, []string{"t.csv line 2: a descriptor with no level"}},
		{"moved group", []File{{Name: "t.csv", Data: []byte(head + "G,A1,One,,1,x\nH,A1,,,2,y\n")}}, []string{"t.csv line 3", "item A1 is in group"}},
		{"mixed groups", []File{{Name: "t.csv", Data: []byte(head + "G,A1,One,,1,x\n,A2,Two,,1,y\n")}}, []string{"item A2 has no group"}},
		{"no levels", []File{{Name: "t.csv", Data: []byte(head + "G,A1,One,,,\n")}}, []string{"no levels"}},
		{"level off scale", []File{
			{Name: "levels.csv", Data: []byte("level,name\n1,Aware\n")},
			{Name: "items.csv", Data: []byte(head + "G,A1,One,,2,x\n")},
		}, []string{"items.csv line 2: item A1 uses level 2, which is not in the levels table"}},
		{"levels out of order", []File{
			{Name: "levels.csv", Data: []byte("level,name\n2,Able\n1,Aware\n")},
			{Name: "items.csv", Data: []byte(head + "G,A1,One,,1,x\n")},
		}, []string{"levels.csv line 3: level 1 comes after level 2"}},
		{"unknown about field", []File{
			{Name: "about.csv", Data: []byte("field,value\nowner,me\n")},
			{Name: "items.csv", Data: []byte(head + "G,A1,One,,1,x\n")},
		}, []string{"about.csv line 2", `unknown field "owner"`}},
		{"bad id", []File{
			{Name: "about.csv", Data: []byte("field,value\nid,FCI\n")},
			{Name: "items.csv", Data: []byte(head + "G,A1,One,,1,x\n")},
		}, []string{"about.csv line 2", `id "FCI"`}},
		{"two items tables", []File{
			{Name: "a.csv", Data: []byte(head + "G,A1,One,,1,x\n")},
			{Name: "b.csv", Data: []byte(head + "G,A2,Two,,1,x\n")},
		}, []string{"b.csv line 1: a second items table"}},
		{"group id clash", []File{{Name: "t.csv", Data: []byte("group,group id,item id,title,level\nG,X,A1,One,1\nH,X,A2,Two,1\n")}},
			[]string{"t.csv line 3", `group id "X" is already used by group "G"`}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, _, err := readTemplate(tt.files)
			wantInvalid(t, err, tt.want...)
		})
	}
}
