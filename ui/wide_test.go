package ui

import (
	"context"
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"
)

// wideWindow is the window a first start opens on a 1920x1080 screen
// (windowSize: 90% of it).
var wideWindow = fyne.NewSize(1728, 972-titleBar)

// TestLabelsWholeOnAWideWindow: with room to spare (a 1920x1080 screen),
// nothing is cut with "…": Pathways' rows and ladder, the plan's actions,
// the heatmap's member names (named and under workshop labels). On a
// 1024x768 screen long rows wrap rather than being cut, and a heatmap row
// is cut only when its label needs more than the row headings' share of
// the table.
func TestLabelsWholeOnAWideWindow(t *testing.T) {
	a := test.NewTempApp(t)
	a.Settings().SetTheme(newAppTheme(theme.DefaultTheme(), appearance{themeSystem, 1}))
	w := a.NewWindow("Gapwise")
	ws := openWorkspace(t)
	if _, err := ws.CreateSampleData(context.Background()); err != nil {
		t.Fatal(err)
	}
	s := newShell(w, ws)
	w.SetContent(s.content())
	w.Resize(wideWindow)
	t.Cleanup(w.Close)
	wholeOnScreen := func(what string) {
		t.Helper()
		settle(w)
		for _, c := range clipped(w) {
			t.Errorf("%s: %s", what, c)
		}
	}
	s.showTab("Pathways")
	if v := s.pathways.shown(); v == nil {
		t.Fatal("no pathways for the sample person")
	}
	for _, it := range s.pathways.views.Items {
		s.pathways.views.Select(it)
		wholeOnScreen("Pathways › " + it.Text)
	}
	s.showTab("Plan")
	wholeOnScreen("Plan")

	s.showTab("Team")
	tm := s.team
	tm.tabs.SelectIndex(1)
	names := func(what string) {
		t.Helper()
		settle(w)
		h := newHeatHeader(tm.hoverLine)
		for r := range tm.rows {
			tm.updateHeader(widget.TableCellID{Row: r, Col: -1}, h)
			if want := tm.memberLabel(r); h.text() != want {
				t.Errorf("%s: row %d reads %q, not %q, on a window %.0f wide", what, r, h.text(), want, w.Canvas().Size().Width)
			}
		}
	}
	names("named display")
	if !strings.Contains(tm.memberLabel(0), "(fictional)") {
		t.Fatalf("row 0 is %q, not a sample member's whole name", tm.memberLabel(0))
	}
	tm.setWorkshop(true)
	tm.setIndividual(true)
	names("workshop display, individual rows")
	tm.setIndividual(false)
	names("workshop display, counts per level")

	// At 1024 wide the plan's actions and Pathways' rows wrap onto more
	// lines rather than being cut while the screen has room below.
	tm.setWorkshop(false)
	w.Resize(smallScreen)
	s.showTab("Pathways")
	for _, it := range s.pathways.views.Items {
		s.pathways.views.Select(it)
		wholeOnScreen("Pathways › " + it.Text + " at 1024 wide")
	}
	s.showTab("Plan")
	wholeOnScreen("Plan at 1024 wide")
	if h := s.plan.list.Size().Height; h < 300 {
		t.Errorf("the plan's list has %.0f high", h)
	}

	// At 1024 wide a heatmap label longer than the share is cut, and only then.
	s.showTab("Team")
	tm.tabs.SelectIndex(1)
	settle(w)
	share := tm.table.Size().Width * rowHeadShare
	h := newHeatHeader(tm.hoverLine)
	for r := range tm.rows {
		tm.updateHeader(widget.TableCellID{Row: r, Col: -1}, h)
		label := tm.memberLabel(r)
		fits := fyne.MeasureText(label, theme.TextSize(), fyne.TextStyle{}).Width+2*theme.Padding() <= max(share, tm.rowHeadW)
		if cut := h.text() != label; cut == fits {
			t.Errorf("at 1024 wide row %q reads %q (room %.0f)", label, h.text(), tm.rowHeadW)
		}
	}
}
