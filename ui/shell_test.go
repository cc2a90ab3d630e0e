package ui

import (
	"context"
	"errors"
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"gapwise/internal/model"
	"gapwise/internal/workspace"
)

func TestStartShowsWhyTheDatabaseCannotOpen(t *testing.T) {
	a := test.NewTempApp(t)
	w := a.NewWindow("Gapwise")
	w.Resize(fyne.NewSize(800, 600))
	bad := model.Errorf(model.Newer, "/home/x/gapwise.db was written by a newer version of Gapwise")
	var gotErr error
	Start(w, func(context.Context) (*workspace.Workspace, error) { return nil, bad }, func(_ *Shell, err error) { gotErr = err })
	if !errors.Is(gotErr, bad) {
		t.Fatalf("done got %v", gotErr)
	}
	if len(w.Canvas().Overlays().List()) == 0 {
		t.Error("no dialog shown for a database that cannot be opened")
	}
	markup := test.RenderToMarkup(w.Canvas())
	for _, want := range []string{"Made by a newer Gapwise", "written by a newer version", "has not been changed"} {
		if !strings.Contains(markup, want) {
			t.Errorf("window does not say %q", want)
		}
	}
}

func TestStartOpensTheFrameworksBrowser(t *testing.T) {
	a := test.NewTempApp(t)
	w := a.NewWindow("Gapwise")
	w.Resize(fyne.NewSize(1280, 800))
	ws := openWorkspace(t)
	var shell *Shell
	Start(w, func(context.Context) (*workspace.Workspace, error) { return ws, nil }, func(s *Shell, err error) {
		if err != nil {
			t.Fatal(err)
		}
		shell = s
	})
	if shell == nil || shell.browser.shown() == nil {
		t.Fatal("the shell did not open with a framework on screen")
	}
}

// Nothing runs that the user did not ask for: the opening screen's
// animation stops when the shell replaces it, and no team is loaded until
// Team is shown (on an organisation's database a team view is large).
func TestStartDoesNoUnaskedWork(t *testing.T) {
	a := test.NewTempApp(t)
	w := a.NewWindow("Gapwise")
	w.Resize(fyne.NewSize(1280, 800))
	ws := openWorkspace(t)
	if _, err := ws.CreateSampleData(context.Background()); err != nil {
		t.Fatal(err)
	}
	var bar *widget.ProgressBarInfinite
	var shell *Shell
	Start(w, func(context.Context) (*workspace.Workspace, error) {
		for _, o := range test.LaidOutObjects(w.Content()) {
			if b, ok := o.(*widget.ProgressBarInfinite); ok {
				bar = b
			}
		}
		return ws, nil
	}, func(s *Shell, err error) {
		if err != nil {
			t.Fatal(err)
		}
		shell = s
	})
	if bar == nil {
		t.Fatal("no progress bar while opening")
	}
	if bar.Running() {
		t.Error("the opening progress bar still animates after the shell replaced it")
	}
	if shell.team.view != nil {
		t.Error("a team's view was loaded before Team was shown")
	}
	shell.showTab("Team")
	if shell.team.view == nil {
		t.Error("showing Team did not load the sample team")
	}
}
