package frameworkfile

import (
	"testing"
)

// Every sample, given without --format, is read by its own reader and no
// other reader claims it: detection goes by content, and the readers'
// detectors do not overlap.
func TestDetectEachFormat(t *testing.T) {
	ddat := []File{
		readTestFile(t, "../../../frameworks/src/ddat/role_content_capability_framework.csv"),
		readTestFile(t, "../../../frameworks/src/ddat/skill_description_content_capability_framework.csv"),
	}
	tests := []struct {
		name  string
		files []File
		want  Format
	}{
		{"sfia 8", []File{readTestFile(t, sfia8File)}, FormatSFIA},
		{"sfia 9", []File{{Name: "sfia-9.xlsx", Data: sfia9Workbook(t)}}, FormatSFIA},
		{"template csv", templateCSVFiles(t), FormatTemplate},
		{"template xlsx", []File{readTestFile(t, templateDir+"framework-template.xlsx")}, FormatTemplate},
		{"moodle", []File{readTestFile(t, moodleFile)}, FormatMoodle},
		{"mahara", []File{readTestFile(t, "testdata/mahara/nace_usa.matrix")}, FormatMahara},
		{"direct csv", directFiles(t, ".csv", directTablesAll...), FormatDirectCSV},
		{"direct csv all-in-one", directFiles(t, "", "DIRECT-framework-all-in-one.csv"), FormatDirectCSV},
		{"direct json", directFiles(t, ".json", directTablesAll...), FormatDirectJSON},
		{"direct json all-in-one", directFiles(t, "", "DIRECT-framework-all-in-one.json"), FormatDirectJSON},
		{"ddat", ddat, FormatDDaT},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var claimed []Format
			for _, r := range Readers() {
				if detect(r, tt.files) {
					claimed = append(claimed, r.Format)
				}
			}
			if len(claimed) != 1 || claimed[0] != tt.want {
				t.Errorf("claimed by %v, want only %s", claimed, tt.want)
			}
			res, err := Read(tt.files, "")
			if err != nil {
				t.Fatal(err)
			}
			if res.Format != tt.want || len(res.Framework.Items) == 0 {
				t.Errorf("read as %s with %d items", res.Format, len(res.Framework.Items))
			}
		})
	}
}

// Files of one multi-file format given together stay one framework when the
// import splits what the user gave (each file is detected on its own first).
func TestSplitKeepsTablesTogether(t *testing.T) {
	direct := directFiles(t, ".csv", "competency", "competency_domain", "learning_resource", "provider", "skill", "skill_level", "tool_language_methodology")
	directJSON := directFiles(t, ".json", "skill_level", "skill", "competency", "competency_domain")
	for name, files := range map[string][]File{"direct csv": direct, "direct json": directJSON, "template csv": templateCSVFiles(t)} {
		groups := Split(files, "")
		if len(groups) != 1 || len(groups[0]) != len(files) {
			t.Errorf("%s: split into %d groups", name, len(groups))
		}
	}
	mixed := append(directFiles(t, ".csv", "competency_domain", "competency", "skill"), readTestFile(t, moodleFile))
	if groups := Split(mixed, ""); len(groups) != 2 {
		t.Errorf("DIRECT tables and a Moodle file: %d groups, want 2", len(groups))
	}
	// A lookup table alone is read as DIRECT, and refused for what it lacks.
	_, err := Read(directFiles(t, ".csv", "skill_level"), "")
	wantInvalid(t, err, "missing: competency_domain, competency, skill")
	_, err = Read([]File{readTestFile(t, templateDir+"levels.csv")}, "")
	wantInvalid(t, err, "no items table")
}
