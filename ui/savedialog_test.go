package ui

import (
	"context"
	"io"
	"os"
	"path/filepath"
	"runtime"
	"slices"
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/storage"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"gapwise/internal/model"
)

func TestFileNameSuggestions(t *testing.T) {
	for _, tc := range []struct {
		parts []string
		want  string
	}{
		{[]string{"Development plan", "Zoë Ødegård", "2026-12-01"}, "Development plan - Zoë Ødegård - 2026-12-01.pdf"},
		{[]string{"Team report", "Ward 7/8: nursing", "", "2026-12-01"}, "Team report - Ward 7-8- nursing - 2026-12-01.pdf"},
		{[]string{"Joint appraisal", "  Sam\tJones\n", "2026/27."}, "Joint appraisal - Sam Jones - 2026-27.pdf"},
		{[]string{"", " . "}, "Gapwise.pdf"},
	} {
		if got := fileName(".pdf", tc.parts...); got != tc.want {
			t.Errorf("fileName(%q) = %q, want %q", tc.parts, got, tc.want)
		}
	}
}

// saveDialog finds the open Save dialog's name field and Save button.
func saveDialog(t *testing.T, w fyne.Window) (*widget.Entry, *widget.Button) {
	t.Helper()
	top := w.Canvas().Overlays().Top()
	if top == nil {
		t.Fatal("no Save dialog opened")
	}
	var name *widget.Entry
	for _, e := range under[*widget.Entry](top) {
		if strings.HasSuffix(e.Text, ".pdf") || name == nil {
			name = e
		}
	}
	if name == nil {
		t.Fatal("the Save dialog has no name field")
	}
	return name, buttonIn(t, top, "Save")
}

// saveThroughDialog saves a PDF saying what into dir under name, as the
// user would: the Save dialog opens with the suggested name, the user types
// another and presses Save.
func saveThroughDialog(t *testing.T, s *Shell, dir, name, what string) *widget.Label {
	t.Helper()
	status := widget.NewLabel("")
	s.lastSaveFolder = dir
	s.saveAs(savePDF, "Development plan - Sam - 2026-12-01.pdf", rendered(func(w io.Writer) error {
		_, err := io.WriteString(w, what)
		return err
	}), status, nil)
	entry, save := saveDialog(t, s.win)
	if entry.Text != "Development plan - Sam - 2026-12-01.pdf" {
		t.Errorf("the Save dialog suggests %q", entry.Text)
	}
	entry.SetText(name)
	test.Tap(save)
	return status
}

func TestSaveDialogWritesANewFile(t *testing.T) {
	s, w, _ := newTestShell(t)
	dir := t.TempDir()
	status := saveThroughDialog(t, s, dir, "my plan.pdf", "new plan")
	path := filepath.Join(dir, "my plan.pdf")
	if data, err := os.ReadFile(path); err != nil || string(data) != "new plan" {
		t.Fatalf("the file holds %q, %v", data, err)
	}
	if fi, _ := os.Stat(path); runtime.GOOS != "windows" && fi.Mode().Perm() != 0o600 {
		t.Errorf("mode %v, want 0600: it holds personal data", fi.Mode().Perm())
	}
	if !strings.Contains(status.Text, "Saved") {
		t.Errorf("status says %q", status.Text)
	}
	if w.Canvas().Overlays().Top() != nil {
		t.Error("a dialog is still open after saving")
	}
	// A name typed without its extension gets it.
	saveThroughDialog(t, s, dir, "short", "short plan")
	if data, _ := os.ReadFile(filepath.Join(dir, "short.pdf")); string(data) != "short plan" {
		t.Errorf("short.pdf holds %q", data)
	}
}

// Replacing a file is a second step the user confirms, and until the new
// file is complete the old one is whole: the Save dialog's own writer
// would empty it the moment the user said yes.
func TestSaveDialogReplacesOnlyWhenTold(t *testing.T) {
	s, w, _ := newTestShell(t)
	dir := t.TempDir()
	path := filepath.Join(dir, "plan.pdf")
	os.WriteFile(path, []byte("last year's plan"), 0o600)

	saveThroughDialog(t, s, dir, "plan.pdf", "this year's plan")
	ask := w.Canvas().Overlays().Top()
	if ask == nil || !strings.Contains(strings.Join(textsOf(ask), " "), "overwrite") {
		t.Fatalf("no question before replacing; on screen: %q", textsOf(ask))
	}
	if data, _ := os.ReadFile(path); string(data) != "last year's plan" {
		t.Fatalf("while asking, the file holds %q", data)
	}
	test.Tap(buttonIn(t, ask, "No"))
	if data, _ := os.ReadFile(path); string(data) != "last year's plan" {
		t.Fatalf("after No, the file holds %q", data)
	}

	saveThroughDialog(t, s, dir, "plan.pdf", "this year's plan")
	test.Tap(buttonIn(t, w.Canvas().Overlays().Top(), "Yes"))
	if data, _ := os.ReadFile(path); string(data) != "this year's plan" {
		t.Errorf("after Yes, the file holds %q", data)
	}
	if got, _ := os.ReadDir(dir); len(got) != 1 {
		t.Errorf("the folder holds %d files, want only plan.pdf", len(got))
	}

	// "plan" becomes plan.pdf, which the dialog did not ask about: we ask.
	saveThroughDialog(t, s, dir, "plan", "a third plan")
	ask = w.Canvas().Overlays().Top()
	if ask == nil || !strings.Contains(strings.Join(textsOf(ask), " "), "Replace it") {
		t.Fatalf("no question before replacing plan.pdf for the name %q; on screen: %q", "plan", textsOf(ask))
	}
	test.Tap(buttonIn(t, ask, "No"))
	if data, _ := os.ReadFile(path); string(data) != "this year's plan" {
		t.Errorf("after No, the file holds %q", data)
	}
}

// The writer Fyne's dialog hands out touches nothing until written to.
func TestDeferredWriterLeavesTheDiskAlone(t *testing.T) {
	test.NewTempApp(t)
	installDeferredFiles()
	dir := t.TempDir()
	old := filepath.Join(dir, "old.pdf")
	os.WriteFile(old, []byte("keep"), 0o600)
	for _, p := range []string{old, filepath.Join(dir, "new.pdf")} {
		u := storageURI(p)
		w, err := storageWriter(u)
		if err != nil {
			t.Fatal(err)
		}
		if err := w.Close(); err != nil {
			t.Fatal(err)
		}
	}
	if data, _ := os.ReadFile(old); string(data) != "keep" {
		t.Errorf("an unused writer emptied the file: %q", data)
	}
	if _, err := os.Stat(filepath.Join(dir, "new.pdf")); !os.IsNotExist(err) {
		t.Errorf("an unused writer created a file: %v", err)
	}
	// Written to, it behaves as Fyne's own.
	w, _ := storageWriter(storageURI(old))
	io.WriteString(w, "new")
	w.Close()
	if data, _ := os.ReadFile(old); string(data) != "new" {
		t.Errorf("a used writer left %q", data)
	}
}

func storageURI(path string) fyne.URI { return storage.NewFileURI(path) }

func storageWriter(u fyne.URI) (fyne.URIWriteCloser, error) { return storage.Writer(u) }

// The database backup goes through the same dialog: a dated suggested
// name, and an existing backup replaced by a whole new copy once the user
// agrees.
func TestBackupThroughTheSaveDialog(t *testing.T) {
	s, w, _ := newTestShell(t)
	dir := t.TempDir()
	old := filepath.Join(dir, "weekly.db")
	os.WriteFile(old, []byte("last week's backup"), 0o600)
	s.lastSaveFolder = dir
	s.showTab("Database")
	test.Tap(buttonIn(t, s.tabs.Selected().Content, "Back up…"))
	top := w.Canvas().Overlays().Top()
	var name *widget.Entry
	for _, e := range under[*widget.Entry](top) {
		if strings.HasPrefix(e.Text, "Gapwise backup - ") && strings.HasSuffix(e.Text, ".db") {
			name = e
		}
	}
	if name == nil {
		t.Fatalf("the Save dialog does not suggest a dated backup name: %q", textsOf(top))
	}
	name.SetText("weekly.db")
	test.Tap(buttonIn(t, top, "Save"))
	test.Tap(buttonIn(t, w.Canvas().Overlays().Top(), "Yes"))
	data, err := os.ReadFile(old)
	if err != nil || !strings.HasPrefix(string(data), "SQLite format 3") {
		t.Fatalf("weekly.db is not a fresh backup: %.20q, %v", data, err)
	}
}

// Exporting an assessment suggests the exchange file's own name and
// writes it where the user chose.
func TestExportSuggestsTheFileName(t *testing.T) {
	s, w, ws := newTestShell(t)
	person := createProfileThroughForm(t, s)
	a, err := ws.StartAssessment(context.Background(), person.ID, model.FrameworkRef{ID: "fci", Version: "2020-provisional"}, model.SelfAssessment, "", model.Scope{})
	if err != nil {
		t.Fatal(err)
	}
	s.openAssessment(a.ID, false)
	dir := t.TempDir()
	s.lastSaveFolder = dir
	s.profile.exportOpen()
	_, want, err := ws.ExportAssessment(context.Background(), a.ID)
	if err != nil {
		t.Fatal(err)
	}
	top := w.Canvas().Overlays().Top()
	if got := textsOf(top); !slices.Contains(got, want) {
		t.Fatalf("the Save dialog does not suggest %q: %q", want, got)
	}
	test.Tap(buttonIn(t, top, "Save"))
	if data, err := os.ReadFile(filepath.Join(dir, want)); err != nil || !strings.Contains(string(data), "format_version") {
		t.Errorf("the exported file holds %.40q, %v", data, err)
	}
}
