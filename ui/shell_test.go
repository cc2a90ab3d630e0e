package ui

import (
	"context"
	"errors"
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"

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
	if shell == nil || shell.Browser.Framework() == nil {
		t.Fatal("the shell did not open with a framework on screen")
	}
}
