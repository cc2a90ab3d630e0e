package frameworkfile

import (
	"encoding/csv"
	"os"
	"strings"
	"testing"
)

const sfia8File = "testdata/sfia/sfia-8_en_220221.xlsx"

// The official SFIA 8 spreadsheet reads into exactly the embedded sfia@8
// pack's groups, items, levels and descriptors, plus what the pack lacks:
// the levels of responsibility sheet's five generic attributes.
func TestSFIA8Spreadsheet(t *testing.T) {
	file := readTestFile(t, sfia8File)
	if !detectSFIA([]File{file}) {
		t.Fatal("the SFIA 8 spreadsheet is not detected")
	}
	f, warn, err := readSFIA([]File{file})
	if err != nil {
		t.Fatal(err)
	}
	mustValidate(t, f)
	want := embeddedPack(t, "sfia@8")
	sameContent(t, f, want)
	if f.Ref.String() != "sfia@8-220221" || f.ShortName != "SFIA 8" || f.Attribution != want.Attribution || f.Licence != want.Licence {
		t.Errorf("manifest %s %q %q %q", f.Ref, f.ShortName, f.Attribution, f.Licence)
	}
	if f.Released != "2022-02-21 (SFIA 8 spreadsheet revision 220221)" {
		t.Errorf("released %q", f.Released)
	}
	if len(warn) != 0 {
		t.Errorf("warnings on the official file: %q", warn)
	}
	var codes []string
	for _, a := range f.Attributes {
		codes = append(codes, a.Code)
		if len(a.Levels) != 7 {
			t.Errorf("attribute %s described at %d levels, want 7", a.Code, len(a.Levels))
		}
	}
	if strings.Join(codes, ",") != "autonomy,influence,complexity,business-skills,knowledge" {
		t.Errorf("attributes %q", codes)
	}
	if !strings.HasPrefix(f.Attributes[0].Levels[0].Text, "Works under close direction.") {
		t.Errorf("autonomy at level 1: %q", f.Attributes[0].Levels[0].Text)
	}
	for _, l := range f.Scale.Levels {
		if l.Name != "Level "+string(rune('0'+l.Value)) {
			t.Errorf("scale level %d named %q; the SFIA 8 sheet names none", l.Value, l.Name)
		}
	}
}

// sfia9Workbook rebuilds the SFIA 9 spreadsheet's layout from the sheet
// exports in frameworks/src: the Skills sheet cell for cell, a transposed
// levels sheet and an Attributes sheet.
func sfia9Workbook(t *testing.T) []byte {
	t.Helper()
	dir := "../../../frameworks/src/sfia/sfia9/"
	read := func(name string) [][]string {
		data, err := os.ReadFile(dir + name)
		if err != nil {
			t.Fatal(err)
		}
		r := csv.NewReader(strings.NewReader(string(data)))
		r.FieldsPerRecord = -1
		rows, err := r.ReadAll()
		if err != nil {
			t.Fatal(err)
		}
		return rows
	}
	skills := read("sfia-9_current-standard_en_250129_Skills.utf8.csv")
	lor := read("levels_of_responsibility.csv")
	levels := [][]string{{"Level"}, {"Guiding phrase"}, {"Essence of the level"}, {"URL"}}
	for _, row := range lor[1:] {
		levels[0] = append(levels[0], row[0])
		levels[1] = append(levels[1], row[1])
		levels[2] = append(levels[2], "Essence of the level: "+row[2])
		levels[3] = append(levels[3], row[3])
	}
	attrs := read("attributes.csv")
	attrLevels := read("attribute_levels.csv")
	attrSheet := [][]string{{"Levels", "", "", "", "", "", "", "Code", "URL", "Attribute name", "Type", "Overall description", "Guidance notes",
		"Level 1 description", "Level 2 description", "Level 3 description", "Level 4 description", "Level 5 description", "Level 6 description", "Level 7 description"}}
	for _, a := range attrs[1:] {
		row := make([]string, 20)
		row[7], row[8], row[9], row[10], row[11], row[12] = a[0], a[5], a[1], a[2], a[3], a[4]
		for _, l := range attrLevels[1:] {
			if l[0] == a[0] {
				n := int(l[2][0] - '0')
				row[n-1] = l[2]
				row[12+n] = l[3]
			}
		}
		attrSheet = append(attrSheet, row)
	}
	return makeXLSX(t, sheet{"Skills", skills}, sheet{"Attributes", attrSheet}, sheet{"Levels of responsibility", levels})
}

// The SFIA 9 layout (URL column, Attributes sheet, transposed levels) reads
// into the embedded sfia@9 pack's content.
func TestSFIA9Spreadsheet(t *testing.T) {
	file := File{Name: "sfia-9_current-standard_en_250129.xlsx", Data: sfia9Workbook(t)}
	if !detectSFIA([]File{file}) {
		t.Fatal("the SFIA 9 layout is not detected")
	}
	f, warn, err := readSFIA([]File{file})
	if err != nil {
		t.Fatal(err)
	}
	mustValidate(t, f)
	want := embeddedPack(t, "sfia@9")
	sameContent(t, f, want)
	if f.Ref.String() != "sfia@9-250129" || len(warn) != 0 {
		t.Errorf("ref %s, warnings %q", f.Ref, warn)
	}
	for i, l := range f.Scale.Levels {
		if l.Name != want.Scale.Levels[i].Name || l.Description != want.Scale.Levels[i].Description {
			t.Errorf("level %d: %q %q, want %q %q", l.Value, l.Name, l.Description, want.Scale.Levels[i].Name, want.Scale.Levels[i].Description)
		}
	}
	if len(f.Attributes) != len(want.Attributes) {
		t.Fatalf("%d attributes, want %d", len(f.Attributes), len(want.Attributes))
	}
	for i, a := range f.Attributes {
		w := want.Attributes[i]
		if a.Code != w.Code || a.Name != w.Name || a.Type != w.Type || len(a.Levels) != len(w.Levels) {
			t.Errorf("attribute %d: %s %q %q %d levels, want %s %q %q %d", i, a.Code, a.Name, a.Type, len(a.Levels), w.Code, w.Name, w.Type, len(w.Levels))
		}
	}
}

func sfiaRows(extra ...[]string) [][]string {
	head := []string{"#", "Levels", "", "", "", "", "", "", "Code", "Skill", "Category", "Subcategory", "Overall description", "Guidance notes",
		"Level 1 description", "Level 2 description", "Level 3 description", "Level 4 description", "Level 5 description", "Level 6 description", "Level 7 description"}
	return append([][]string{head}, extra...)
}

func sfiaRow(code, name, l3, l4 string) []string {
	row := make([]string, 21)
	row[0], row[8], row[9], row[10], row[11], row[12] = "1", code, name, "Strategy and architecture", "Strategy and planning", "What it is."
	if l3 != "" {
		row[3], row[16] = "3", l3
	}
	if l4 != "" {
		row[4], row[17] = "4", l4
	}
	return row
}

func TestSFIAReadsText(t *testing.T) {
	// Accented and CJK text survives byte for byte; only defined levels are ratable.
	name := "Gestión de datos — データ管理"
	l3 := "Applique les règles « qualité » ; 数据质量。\r\nSecond line  "
	data := makeXLSX(t, sheet{"Skills", sfiaRows(sfiaRow("DATM", name, l3, ""))})
	f, _, err := readSFIA([]File{{Name: "sfia-9_en_250129.xlsx", Data: data}})
	if err != nil {
		t.Fatal(err)
	}
	it := f.Items[0]
	if it.Title != name || len(it.Levels) != 1 || it.Levels[0] != 3 {
		t.Fatalf("item %q levels %v", it.Title, it.Levels)
	}
	if it.Descriptors[0].Text != "Applique les règles « qualité » ; 数据质量。\nSecond line" {
		t.Errorf("descriptor %q", it.Descriptors[0].Text)
	}
	if !it.ValidLevel(3) || it.ValidLevel(4) || !it.ValidLevel(0) {
		t.Error("levels ratable are not exactly none-yet and the defined level")
	}
}

func TestSFIARefuses(t *testing.T) {
	badFlag := sfiaRow("ITSP", "Strategic planning", "x", "")
	badFlag[3] = "three"
	tests := []struct {
		name string
		data []byte
		want []string
	}{
		{"not a spreadsheet", []byte("Code,Skill\nITSP,Planning\n"), []string{"not an XLSX spreadsheet"}},
		{"broken zip", []byte("PK\x03\x04garbage"), []string{"cannot be read as an XLSX"}},
		{"other spreadsheet", makeXLSX(t, sheet{"Budget", [][]string{{"Cost centre", "Amount"}, {"A1", "10"}}}),
			[]string{"not the SFIA spreadsheet", "Code, Skill, Category", "sheets: Budget"}},
		{"no skills", makeXLSX(t, sheet{"Skills", sfiaRows()}), []string{`sheet "Skills": the skills sheet has a header but no skills`}},
		{"duplicate code", makeXLSX(t, sheet{"Skills", sfiaRows(sfiaRow("ITSP", "A", "x", ""), sfiaRow("ITSP", "B", "y", ""))}),
			[]string{"cell I3", "ITSP is used twice (rows 2 and 3)"}},
		{"no levels", makeXLSX(t, sheet{"Skills", sfiaRows(sfiaRow("ITSP", "A", "", ""))}), []string{"row 2", "defined at no level"}},
		{"bad level cell", makeXLSX(t, sheet{"Skills", sfiaRows(badFlag)}), []string{"cell D2", `holds "three"`}},
		{"no name", makeXLSX(t, sheet{"Skills", sfiaRows(sfiaRow("ITSP", "", "x", ""))}), []string{"cell J2", "has no skill"}},
		{"bad code", makeXLSX(t, sheet{"Skills", sfiaRows(sfiaRow("IT SP", "A", "x", ""))}), []string{"cell I2", `"IT SP" is not a code`}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, _, err := readSFIA([]File{{Name: "x.xlsx", Data: tt.data}})
			wantInvalid(t, err, tt.want...)
		})
	}
}

// A description without its level marked (or the reverse) is read, and said.
func TestSFIALevelDisagreement(t *testing.T) {
	row := sfiaRow("ITSP", "Strategic planning", "Does three.", "")
	row[5] = "5"
	data := makeXLSX(t, sheet{"Skills", sfiaRows(row)})
	f, warn, err := readSFIA([]File{{Name: "sfia-8_en_220221.xlsx", Data: data}})
	if err != nil {
		t.Fatal(err)
	}
	if got := f.Items[0].Levels; len(got) != 2 || got[0] != 3 || got[1] != 5 {
		t.Errorf("levels %v, want [3 5]", got)
	}
	if len(warn) != 1 || !strings.Contains(warn[0], "marked at level 5 but has no description") {
		t.Errorf("warnings %q", warn)
	}
}

// The SFIA Foundation's translations keep the layout but translate the
// headings: the skills and levels sheets are then read by their shape.
func TestSFIATranslatedHeadings(t *testing.T) {
	b, err := openXLSX(File{Name: "sfia-9.xlsx", Data: sfia9Workbook(t)})
	if err != nil {
		t.Fatal(err)
	}
	skills := b.sheets["Skills"]
	de := []string{"#", "Stufen", "", "", "", "", "", "", "Kürzel", "URL", "Fähigkeit", "Kategorie", "Unterkategorie", "Gesamtbeschreibung", "Hinweise",
		"Stufe 1", "Stufe 2", "Stufe 3", "Stufe 4", "Stufe 5", "Stufe 6", "Stufe 7"}
	skills[0] = de
	levels := b.sheets["Levels of responsibility"]
	levels[0][0], levels[1][0], levels[2][0] = "Stufe", "Leitsatz", "Wesen der Stufe"
	for c := 1; c <= 7; c++ {
		levels[2][c] = strings.Replace(levels[2][c], "Essence of the level:", "Wesen der Stufe:", 1)
	}
	data := makeXLSX(t, sheet{"Fähigkeiten", skills}, sheet{"Verantwortungsstufen", levels})
	file := []File{{Name: "sfia-9_de_250129.xlsx", Data: data}}
	if !detectSFIA(file) {
		t.Fatal("a translated spreadsheet is not detected")
	}
	f, warn, err := readSFIA(file)
	if err != nil {
		t.Fatal(err)
	}
	mustValidate(t, f)
	want := embeddedPack(t, "sfia@9")
	sameContent(t, f, want)
	for i, l := range f.Scale.Levels {
		if l.Name != want.Scale.Levels[i].Name || l.Description != want.Scale.Levels[i].Description {
			t.Errorf("level %d: %q %q", l.Value, l.Name, l.Description)
		}
	}
	if len(warn) != 1 || !strings.Contains(warn[0], "read by the columns' places") {
		t.Errorf("warnings %q", warn)
	}
	// Other wide sheets are still not SFIA.
	wide := make([]string, 22)
	for i := range wide {
		wide[i] = "h"
	}
	row := make([]string, 22)
	row[8] = "lower"
	if detectSFIA([]File{{Name: "x.xlsx", Data: makeXLSX(t, sheet{"S", [][]string{wide, row}})}}) {
		t.Error("a wide sheet without skill codes is detected as SFIA")
	}
}
