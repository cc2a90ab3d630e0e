package convert

import (
	"os"
	"strings"
	"testing"
	"testing/fstest"
)

func TestSlug(t *testing.T) {
	tests := map[string]string{
		"Business architecture":               "business-architecture",
		"Quality assurance testing (QAT)":     "quality-assurance-testing-qat",
		"Agile working (content design)":      "agile-working-content-design",
		"Lead DevOps engineer - management":   "lead-devops-engineer-management",
		"End user computing engineer ":        "end-user-computing-engineer",
		"Head of (Agile) delivery management": "head-of-agile-delivery-management",
		"Governance, risk and compliance":     "governance-risk-and-compliance",
		"  --  ":                              "",
	}
	for in, want := range tests {
		if got := Slug(in); got != want {
			t.Errorf("Slug(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestCleanText(t *testing.T) {
	tests := map[string]string{
		"Leads. \r\nDirects.  \n":  "Leads.\nDirects.",
		"\n  You can:\n- act \t\n": "You can:\n- act",
		"a\u00a0b":                 "a\u00a0b", // wording, including no-break spaces, is kept
	}
	for in, want := range tests {
		if got := CleanText(in); got != want {
			t.Errorf("CleanText(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestTitleSeniority(t *testing.T) {
	// Each list is most junior first within one role.
	tests := []struct {
		role   string
		titles []string
	}{
		{"Data scientist", []string{"Trainee data scientist", "Associate data scientist", "Data scientist", "Lead data scientist", "Principal data scientist", "Head of data science"}},
		{"Content designer", []string{"Associate content designer", "Junior content designer", "Content designer", "Senior content designer"}},
		{"Service desk manager", []string{"Service desk analyst", "Senior service desk analyst", "Service desk manager", "Head of service desk"}},
		{"Software developer", []string{"Apprentice developer", "Senior developer", "Senior developer - management", "Lead developer"}},
		{"Incident manager", []string{"Incident manager", "Major incident manager"}},
		{"Data architect", []string{"Senior data architect", "Chief data architect"}},
		{"Data ethicist", []string{"Data ethics lead", "Head of data ethics"}},
	}
	for _, tt := range tests {
		for i := 1; i < len(tt.titles); i++ {
			a, b := titleSeniority(tt.role, tt.titles[i-1]), titleSeniority(tt.role, tt.titles[i])
			if a.compare(b) >= 0 {
				t.Errorf("%s: %q (%+v) should rank below %q (%+v)", tt.role, tt.titles[i-1], a, tt.titles[i], b)
			}
		}
	}
}

// TestReadTableRefusesChangedColumns: an upstream column rename must stop
// the conversion, not produce a pack with empty fields.
func TestReadTableRefusesChangedColumns(t *testing.T) {
	src := fstest.MapFS{"x.csv": {Data: []byte("code,title\nA,B\n")}}
	_, err := readTable(src, "x.csv", "code", "name")
	if err == nil || !strings.Contains(err.Error(), `x.csv: columns are ["code" "title"]`) {
		t.Errorf("readTable = %v", err)
	}
}

// TestAll converts the real sources; figures are checked in package frameworks.
func TestAll(t *testing.T) {
	fws, err := All(os.DirFS("../../src"))
	if err != nil {
		t.Fatal(err)
	}
	if len(fws) != 4 {
		t.Errorf("%d frameworks, want 4", len(fws))
	}
}
