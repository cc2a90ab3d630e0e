package ui

import (
	"context"
	"fmt"
	"reflect"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"
)

// smallScreen is what a 1024x768 screen leaves for the window's content
// once the title bar is drawn (windowSize and FitWindow's rule).
var smallScreen = fyne.NewSize(1024, 768-titleBar)

// underMenu is the room smallScreen leaves below the window's menu bar
// (File), which the desktop driver draws inside the window on Linux and
// Windows but a test window leaves out: a line of text at the text size
// now, padded, and its separator.
func underMenu() fyne.Size {
	bar := fyne.MeasureText("File", theme.TextSize(), fyne.TextStyle{}).Height + 2*theme.Padding() + 1
	return smallScreen.SubtractWidthHeight(0, bar)
}

// Every area, and every tab within an area, fits a 1024x768 screen at every
// text size Settings offers, with the sample data on screen, in workshop
// display too: the window's content never asks for more room than the
// screen has (the window would run off it), and nothing on screen is
// given less room than it needs (a button or a line of text cut). A page
// may scroll; nothing may be cut.
func TestEveryAreaFitsA1024x768Screen(t *testing.T) {
	for _, scale := range textScales {
		t.Run(scaleLabel(scale), func(t *testing.T) { fitsAt(t, scale, scale) })
	}
	// The text size changed in Settings while the app runs: sizes worked
	// out when the screens were built must follow.
	t.Run("100% then 150% in Settings", func(t *testing.T) { fitsAt(t, 1, 1.5) })
}

func fitsAt(t *testing.T, built, scale float64) {
	a := test.NewTempApp(t)
	a.Settings().SetTheme(newAppTheme(theme.DefaultTheme(), appearance{themeSystem, built}))
	w := a.NewWindow("Gapwise")
	ws := openWorkspace(t)
	if _, err := ws.CreateSampleData(context.Background()); err != nil {
		t.Fatal(err)
	}
	s := newShell(w, ws)
	w.SetContent(s.content())
	w.Resize(underMenu())
	t.Cleanup(w.Close)
	if scale != built {
		s.showTab("Settings")
		s.settings.sizes.SetSelected(scaleLabel(scale))
		if textScale() != float32(scale) {
			t.Fatalf("Settings did not change the text size to %s", scaleLabel(scale))
		}
		w.Resize(underMenu()) // the menu bar grew with the text
	}
	room := underMenu()
	check := func(what string) {
		t.Helper()
		settle(w)
		if m := s.content().MinSize(); m.Width > room.Width+0.5 || m.Height > room.Height+0.5 {
			t.Errorf("%s needs %.0fx%.0f, more than a 1024x768 screen has under the title and menu bars (%.0fx%.0f)", what, m.Width, m.Height, room.Width, room.Height)
		}
		for _, c := range cutOff(s.content()) {
			t.Errorf("%s: %s", what, c)
		}
	}
	tabs := func(where string, at *container.AppTabs) {
		t.Helper()
		for _, it := range at.Items {
			at.Select(it)
			check(where + it.Text)
		}
	}
	for _, it := range s.tabs.Items {
		s.tabs.Select(it)
		check(it.Text)
		switch it.Text {
		case "Pathways":
			tabs("Pathways › ", s.pathways.views)
		case "Frameworks":
			tabs("Frameworks › ", s.browser.tabs)
		}
	}
	s.showTab("Team")
	if s.team.view == nil {
		t.Fatal("the sample team did not load")
	}
	tabs("Team › ", s.team.tabs)
	test.Tap(s.team.mode)
	if !s.projecting() {
		t.Fatal("workshop display did not start")
	}
	tabs("Workshop display › Team › ", s.team.tabs)
	s.team.setIndividual(true)
	s.team.tabs.SelectIndex(1)
	check("Workshop display › Team › Heatmap with individual rows")
	for _, it := range s.tabs.Items {
		s.tabs.Select(it)
		check("Workshop display › " + it.Text)
	}
}

// settle lays the window out until sizes stop changing: text that wraps
// knows how tall it is only once it has a width, and the canvas lays its
// parents out again then (as the real driver does on the next frame).
func settle(w fyne.Window) {
	size := w.Canvas().Size()
	for range 3 {
		w.Resize(size.AddWidthHeight(1, 1))
		w.Resize(size)
	}
}

// cutOff lists what is drawn with less room than it needs, or placed
// outside its parent, under o. Lists and tables are checked as a whole
// (their rows are virtual and scroll); what a scroll holds may be larger
// than the scroll (that is what it is for) but never smaller than it needs.
func cutOff(o fyne.CanvasObject) []string {
	var out []string
	var walk func(o fyne.CanvasObject, path string)
	walk = func(o fyne.CanvasObject, path string) {
		var kids []fyne.CanvasObject
		inScroll := false
		switch c := o.(type) {
		case *fyne.Container:
			kids = c.Objects
		case *container.Scroll:
			kids, inScroll = []fyne.CanvasObject{c.Content}, true
		case *widget.List, *widget.Table, *widget.GridWrap, *widget.Tree, *widget.Entry, *widget.Select, *widget.SelectEntry, *widget.RadioGroup, *widget.Check, *widget.RichText:
			return
		case fyne.Widget:
			kids = test.WidgetRenderer(c).Objects()
		}
		for _, k := range kids {
			if k == nil || !k.Visible() {
				continue
			}
			m, sz, p := k.MinSize(), k.Size(), k.Position()
			if sz.Width == 0 || sz.Height == 0 {
				continue // collapsed on purpose (an empty status line)
			}
			name := describeObject(k)
			_, isWidget := k.(fyne.Widget)
			_, isBox := k.(*fyne.Container)
			if (isWidget || isBox) && (m.Width > sz.Width+0.5 || m.Height > sz.Height+0.5) {
				out = append(out, fmt.Sprintf("%s › %s needs %.0fx%.0f, has %.0fx%.0f", path, name, m.Width, m.Height, sz.Width, sz.Height))
			}
			if _, ok := k.(*canvas.Rectangle); ok {
				continue // a divider's or a background's shape
			}
			if ps := o.Size(); !inScroll && (p.X+sz.Width > ps.Width+0.5 || p.Y+sz.Height > ps.Height+0.5) {
				out = append(out, fmt.Sprintf("%s › %s at %.0f,%.0f size %.0fx%.0f runs outside %.0fx%.0f", path, name, p.X, p.Y, sz.Width, sz.Height, ps.Width, ps.Height))
			}
			walk(k, path+" › "+name)
		}
	}
	walk(o, "window")
	return out
}

// describeObject names an object for a failure message by its type and
// the text it shows, if any.
func describeObject(o fyne.CanvasObject) string {
	name := reflect.TypeOf(o).String()
	switch v := o.(type) {
	case *widget.Label:
		return fmt.Sprintf("%s %q", name, clipForMessage(v.Text))
	case *widget.Button:
		return fmt.Sprintf("%s %q", name, clipForMessage(v.Text))
	case *widget.RichText:
		return fmt.Sprintf("%s %q", name, clipForMessage(v.String()))
	case *widget.Select:
		return fmt.Sprintf("%s %q", name, clipForMessage(v.Selected))
	}
	return name
}

func clipForMessage(s string) string {
	if r := []rune(s); len(r) > 40 {
		return string(r[:40]) + "…"
	}
	return s
}
