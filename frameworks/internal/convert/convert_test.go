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
