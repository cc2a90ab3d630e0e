package ui

import (
	"context"
	"errors"
	"slices"
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
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

// The frameworks browser reads nothing until Frameworks is shown, then
// opens with a framework on screen.
func TestFrameworksShowsAFrameworkWhenFirstOpened(t *testing.T) {
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
	if shell == nil {
		t.Fatal("no shell")
	}
	if shell.browser.shown() != nil {
		t.Error("a framework was loaded for the browser before Frameworks was shown")
	}
	shell.showTab("Frameworks")
	if shell.browser.shown() == nil {
		t.Fatal("Frameworks opened without a framework on screen")
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
	// Areas not yet shown are not built into the window: their widgets are
	// neither measured nor drawn at start (issue 12: memory at start).
	for name, o := range map[string]fyne.CanvasObject{"Rate": shell.rate.content(), "Frameworks": shell.browser.content(), "Team": shell.team.content()} {
		if inTabs(shell.tabs, o) {
			t.Errorf("%s is in the window before it was shown", name)
		}
	}
	shell.showTab("Rate")
	if !inTabs(shell.tabs, shell.rate.content()) {
		t.Error("showing Rate did not put the rating screen in the window")
	}
	shell.showTab("Team")
	if shell.team.view == nil {
		t.Error("showing Team did not load the sample team")
	}
}

// inTabs reports whether o is in the content of one of the tabs (through
// containers; shown or not).
func inTabs(tabs *container.AppTabs, o fyne.CanvasObject) bool {
	var in func(c fyne.CanvasObject) bool
	in = func(c fyne.CanvasObject) bool {
		if c == o {
			return true
		}
		if box, ok := c.(*fyne.Container); ok {
			return slices.ContainsFunc(box.Objects, in)
		}
		return false
	}
	return slices.ContainsFunc(tabs.Items, func(t *container.TabItem) bool { return in(t.Content) })
}
