package ui

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"gapwise/internal/model"
	"gapwise/internal/workspace"
)

// labelText is the text of every label under o.
func labelText(o fyne.CanvasObject) string {
	var b strings.Builder
	for _, l := range under[*widget.Label](o) {
		b.WriteString(l.Text + "\n")
	}
	return b.String()
}

// oldDatabase makes a database with one person in an "old" place.
func oldDatabase(t *testing.T) workspace.Location {
	t.Helper()
	dir := t.TempDir()
	loc := workspace.Location{Old: filepath.Join(dir, "Roaming", "Gapwise", "gapwise.db"), New: filepath.Join(dir, "Local", "Gapwise", "gapwise.db")}
	loc.Path = loc.Old
	os.MkdirAll(filepath.Dir(loc.Old), 0o700)
	ws, err := workspace.Open(context.Background(), loc.Old)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := ws.AddPerson(context.Background(), model.Person{Name: "Zoë Ødegård", Discipline: "nurse"}); err != nil {
		t.Fatal(err)
	}
	ws.Close()
	return loc
}

func TestOfferMoveMovesWithConsent(t *testing.T) {
	a := test.NewTempApp(t)
	w := a.NewWindow("Gapwise")
	loc := oldDatabase(t)
	var opened []string
	OfferMove(w, loc, func(path string) { opened = append(opened, path) })
	top := w.Canvas().Overlays().Top()
	if top == nil {
		t.Fatal("no question was asked")
	}
	if text := labelText(top); !strings.Contains(text, loc.Old) || !strings.Contains(text, loc.New) {
		t.Errorf("the question does not name both places:\n%s", text)
	}
	if len(opened) != 0 {
		t.Fatal("a database was opened before the user answered")
	}
	test.Tap(buttonIn(t, top, "Move it"))
	if len(opened) != 1 || opened[0] != loc.New {
		t.Fatalf("opened %q; want the new place", opened)
	}
	if _, err := os.Stat(loc.Old); !os.IsNotExist(err) {
		t.Errorf("the old database is still there: %v", err)
	}
	ws, err := workspace.Open(context.Background(), loc.New)
	if err != nil {
		t.Fatal(err)
	}
	defer ws.Close()
	if people, _ := ws.People(context.Background()); len(people) != 1 || people[0].Name != "Zoë Ødegård" {
		t.Errorf("the moved database holds %v", people)
	}
}

func TestOfferMoveNotNowKeepsTheOldPlace(t *testing.T) {
	a := test.NewTempApp(t)
	w := a.NewWindow("Gapwise")
	loc := oldDatabase(t)
	var opened []string
	OfferMove(w, loc, func(path string) { opened = append(opened, path) })
	test.Tap(buttonIn(t, w.Canvas().Overlays().Top(), "Not now"))
	if len(opened) != 1 || opened[0] != loc.Old {
		t.Fatalf("opened %q; want the old place", opened)
	}
	if _, err := os.Stat(loc.New); !os.IsNotExist(err) {
		t.Errorf("something was written to the new place: %v", err)
	}
}

func TestWarnAboutStorage(t *testing.T) {
	a := test.NewTempApp(t)
	w := a.NewWindow("Gapwise")
	WarnAboutStorage(w, filepath.Join(t.TempDir(), "gapwise.db"))
	if w.Canvas().Overlays().Top() != nil {
		t.Error("a warning for a local folder")
	}
	WarnAboutStorage(w, filepath.Join(t.TempDir(), "Dropbox", "gapwise.db"))
	top := w.Canvas().Overlays().Top()
	if top == nil {
		t.Fatal("no warning for a Dropbox folder")
	}
	if text := labelText(top); !strings.Contains(text, "Dropbox synchronises") || !strings.Contains(text, "--db") {
		t.Errorf("the warning does not say what and what to do:\n%s", text)
	}
}
