package ui

import (
	"context"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/theme"
)

// smallScreen is what a 1024x768 screen leaves for the window's content
// once the title bar is drawn (windowSize and FitWindow's rule).
var smallScreen = fyne.NewSize(1024, 768-titleBar)

// Every area fits a 1024x768 screen: the window's content never asks for
// more room than the screen has, so nothing is pushed off it, with the
// sample data on screen, in workshop display too.
//
// Text sizes up to 110% fit. At 125% every area fits outside workshop
// display (whose banner and notes then need a taller screen); at 150% the
// Frameworks toolbar and the team screen need a wider one.
func TestEveryAreaFitsA1024x768Screen(t *testing.T) {
	for _, scale := range textScales {
		if scale > 1.1 {
			continue
		}
		t.Run(scaleLabel(scale), func(t *testing.T) { fitsAt(t, scale) })
	}
}

func fitsAt(t *testing.T, scale float64) {
	a := test.NewTempApp(t)
	a.Settings().SetTheme(newAppTheme(theme.DefaultTheme(), appearance{themeSystem, scale}))
	w := a.NewWindow("Gapwise")
	ws := openWorkspace(t)
	if _, err := ws.CreateSampleData(context.Background()); err != nil {
		t.Fatal(err)
	}
	s := newShell(w, ws)
	w.SetContent(s.content())
	w.Resize(smallScreen)
	t.Cleanup(w.Close)
	check := func(when string) {
		t.Helper()
		for _, it := range s.tabs.Items {
			s.tabs.Select(it)
			if m := s.content().MinSize(); m.Width > smallScreen.Width || m.Height > smallScreen.Height {
				t.Errorf("%s, %s needs %v, more than a 1024x768 screen has (%v)", when, it.Text, m, smallScreen)
			}
		}
	}
	check("with the sample person open")
	s.showTab("Team")
	if s.team.view == nil {
		t.Fatal("the sample team did not load")
	}
	for _, sub := range s.team.tabs.Items {
		s.team.tabs.Select(sub)
		if m := s.content().MinSize(); m.Width > smallScreen.Width || m.Height > smallScreen.Height {
			t.Errorf("Team's %s needs %v, more than a 1024x768 screen has", sub.Text, m)
		}
	}
	test.Tap(s.team.mode)
	if !s.projecting() {
		t.Fatal("workshop display did not start")
	}
	check("in workshop display")
}
