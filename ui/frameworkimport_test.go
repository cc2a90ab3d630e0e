package ui

import (
	"image/png"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"

	"gapwise/internal/model"
)

const (
	ddatRoleCSV  = "../frameworks/src/ddat/role_content_capability_framework.csv"
	ddatSkillCSV = "../frameworks/src/ddat/skill_description_content_capability_framework.csv"
)

// snap saves the window as a PNG when GAPWISE_SCREENSHOTS names a folder.
func snap(t *testing.T, w fyne.Window, name string) {
	t.Helper()
	dir := os.Getenv("GAPWISE_SCREENSHOTS")
	if dir == "" {
		return
	}
	f, err := os.Create(filepath.Join(dir, name))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	if err := png.Encode(f, w.Canvas().Capture()); err != nil {
		t.Fatal(err)
	}
}

func TestImportFrameworkPreviewThenImport(t *testing.T) {
	b, w := newTestBrowser(t)
	before := len(b.infos)

	// One of the DDaT pair: the preview says what is missing, Import stays off.
	fi := b.importFramework(ddatRoleCSV)
	if fi.showPreview() != nil || !fi.importBtn.Disabled() || !strings.Contains(richText(fi.summary), `the "Skill description content" CSV is missing`) {
		t.Fatalf("one DDaT file: preview %v, summary %q", fi.showPreview(), richText(fi.summary))
	}
	// The second file: a preview with what it holds and what it will be called.
	fi.paths = append(fi.paths, ddatSkillCSV)
	fi.read()
	p := fi.showPreview()
	if p == nil || fi.importBtn.Disabled() {
		t.Fatalf("no preview: %q", richText(fi.summary))
	}
	text := richText(fi.summary)
	for _, want := range []string{"Government Digital and Data Profession Capability Framework", "It will be called ddat@h",
		"Licence: Open Government Licence v3.0", "0 groups · 188 items · 4 scale levels · 52 roles · 201 role levels · 1809 requirements",
		"the version is named from their content"} {
		if !strings.Contains(text, want) {
			t.Errorf("preview lacks %q:\n%s", want, text)
		}
	}
	if fi.licenceRow.Visible() || !strings.HasPrefix(fi.as.Text, "ddat@h") {
		t.Errorf("licence field shown for a file with a licence, or save-as %q", fi.as.Text)
	}
	if len(b.infos) != before {
		t.Fatal("the preview wrote to the database")
	}
	snap(t, w, "framework-import-preview.png")
	test.Type(fi.as, "") // focus
	fi.as.SetText("ddat@2025-q4")
	test.Tap(fi.importBtn)
	if len(b.infos) != before+1 || b.shown().Ref.String() != "ddat@2025-q4" {
		t.Fatalf("after import: %d versions, showing %s", len(b.infos), b.shown().Ref)
	}
	if !b.removeBtn.Visible() || !strings.Contains(b.attribution.Text, "Open Government Licence") {
		t.Error("an imported version shows no remove button or no attribution")
	}

	// Compare the embedded version with the imported one: the same files.
	b.showDiff("ddat@2025-q3", "ddat@2025-q4")
	if b.lastDiff == nil || !strings.Contains(b.lastDiff.Text, "No differences") {
		t.Errorf("diff of one download with itself: %v", b.lastDiff)
	}
	b.showDiff("sfia@8", "sfia@9")
	if !strings.Contains(b.lastDiff.Text, "Added (26):") || !strings.Contains(b.lastDiff.Text, "INOV  Innovation management: title") {
		t.Errorf("SFIA diff:\n%.400s", b.lastDiff.Text)
	}
	snap(t, w, "framework-diff.png")

	// A pack with no attribution: the field is offered.
	dir := t.TempDir()
	pack := filepath.Join(dir, "acme.json")
	os.WriteFile(pack, []byte(`{"format": "gapwise.pack", "format_version": 1, "id": "acme", "version": "1", "name": "Acme skills",
 "publisher": "Acme", "licence": "Internal use only", "provisional": false, "scale": {"levels": [{"value": 1, "name": "Aware"}]},
 "items": [{"id": "DQ1", "title": "Checking data quality", "levels": [1]}]}`), 0o600)
	fi = b.importFramework(pack)
	if fi.showPreview() == nil || !fi.attribRow.Visible() || fi.licenceRow.Visible() {
		t.Fatalf("acme preview: %q", richText(fi.summary))
	}
	fi.attribution.SetText("Acme NHS Trust, internal.")
	test.Tap(fi.importBtn)
	if b.shown().Ref.String() != "acme@1" || !strings.Contains(b.attribution.Text, "Acme NHS Trust, internal.") {
		t.Errorf("acme on screen: %s %q", b.shown().Ref, b.attribution.Text)
	}
	b.selectFramework(model.FrameworkRef{ID: "sfia", Version: "9"})
	if b.removeBtn.Visible() {
		t.Error("a built-in pack offers Remove")
	}
}
