package ui

import (
	"image/color"
	"strconv"
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/driver/desktop"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"
)

func TestHeatmapColumnsShowTitlesWithAKeyAndTheWholeTitleOnHover(t *testing.T) {
	s := openSampleTeam(t)
	tm := s.team
	tm.tabs.SelectIndex(1)
	it := tm.cols[3].Item // "Health and care system context: policy, economics and current challenges"
	h := tm.table.CreateHeader().(*heatHeader)
	tm.updateHeader(widget.TableCellID{Row: -1, Col: 3}, h)
	if h.code.Text != it.ID || h.short.Text == "" || !strings.HasSuffix(h.short.Text, "…") ||
		!strings.HasPrefix(it.Title, strings.TrimSuffix(h.short.Text, "…")) {
		t.Fatalf("column header %q / %q; want %s over the start of %q", h.code.Text, h.short.Text, it.ID, it.Title)
	}
	if w := fyne.MeasureText(h.short.Text, h.short.TextSize, h.short.TextStyle).Width; w > heatColumnW {
		t.Errorf("the abbreviated title is %v wide, more than its %v column", w, heatColumnW)
	}
	h.MouseIn(&desktop.MouseEvent{})
	if got := tm.hoverLine.Text; got != it.ID+" "+it.Title {
		t.Fatalf("hovering over %s shows %q, not its whole title", it.ID, got)
	}
	h.MouseOut()
	if tm.hoverLine.Text != hoverHint {
		t.Errorf("the title stays after the mouse leaves the header: %q", tm.hoverLine.Text)
	}
	// A row label is whole where there is room, and cut short only in a
	// table too narrow for it, where it shows whole on hover.
	tm.updateHeader(widget.TableCellID{Row: 0, Col: -1}, h)
	name := tm.memberLabel(0)
	if h.MouseIn(&desktop.MouseEvent{}); h.text() != name || tm.hoverLine.Text != name {
		t.Errorf("at 1280 wide the row reads %q and hovering shows %q, not %q", h.text(), tm.hoverLine.Text, name)
	}
	h.MouseOut()
	tm.fitRowHeads(200)
	tm.updateHeader(widget.TableCellID{Row: 0, Col: -1}, h)
	if h.MouseIn(&desktop.MouseEvent{}); h.text() == name || !strings.HasSuffix(h.text(), "…") || tm.hoverLine.Text != name {
		t.Errorf("in a narrow table the row reads %q and hovering shows %q, not %q", h.text(), tm.hoverLine.Text, name)
	}
	h.MouseOut()
	tm.fitRowHeads(tm.table.Size().Width)
	// Nothing is put over the window: an overlay would take the mouse
	// from the header.
	if top := s.win.Canvas().Overlays().Top(); top != nil {
		t.Errorf("hovering left %v over the window", top)
	}
	// The key gives every column's code and whole title, in column order.
	key := richText(tm.heatKey)
	at := 0
	for _, m := range tm.cols {
		i := strings.Index(key[at:], m.Item.ID+"  "+m.Item.Title)
		if i < 0 {
			t.Fatalf("the key lacks %s %q (or has it out of order):\n%s", m.Item.ID, m.Item.Title, key)
		}
		at += i
	}
}

// luminance is the relative brightness of c drawn over bg.
func luminance(c, bg color.Color) float64 {
	r, g, b, a := c.RGBA()
	br, bgg, bb, _ := bg.RGBA()
	mix := func(x, y uint32) float64 { return (float64(x) + float64(y)*(1-float64(a)/0xffff)) / 0xffff }
	return 0.2126*mix(r, br) + 0.7152*mix(g, bgg) + 0.0722*mix(b, bb)
}

func TestHeatmapLegendIsDrawnInTheCellsColoursInBothThemes(t *testing.T) {
	s := openSampleTeam(t)
	tm := s.team
	// The app's own theme, not the test theme (which has one variant).
	fyne.CurrentApp().Settings().SetTheme(theme.DefaultTheme())
	for _, dark := range []bool{false, true} {
		mode := themeLight
		if dark {
			mode = themeDark
		}
		applyAppearance(fyne.CurrentApp(), appearance{theme: mode, scale: 1})
		tm.arrange()
		bg := theme.Color(theme.ColorNameBackground)
		// The swatch of each level is the colour of a cell at that level.
		swatch := map[string]color.Color{}
		for _, o := range tm.swatches.Objects {
			if sw, ok := o.(*heatSwatch); ok {
				test.WidgetRenderer(sw).Refresh()
				swatch[sw.text] = test.WidgetRenderer(sw).(*swatchRenderer).bg.FillColor
			}
		}
		top := tm.view.Framework.Scale.Top()
		if len(swatch) != top+3 {
			t.Fatalf("%s: %d swatches %v; want levels 0–%d, not rated and below target", mode, len(swatch), swatch, top)
		}
		found := map[int]bool{}
		for row := range tm.rows {
			for col := range tm.cols {
				cell := tm.newCell()
				tm.updateCell(widget.TableCellID{Row: row, Col: col}, cell)
				objs := cell.(*fyne.Container).Objects
				text := objs[1].(*canvas.Text).Text
				lv, err := strconv.Atoi(strings.Fields(text + " x")[0])
				if err != nil {
					continue
				}
				found[lv] = true
				if got := objs[0].(*canvas.Rectangle).FillColor; got != swatch[strconv.Itoa(lv)] {
					t.Fatalf("%s: a level %d cell is %v, its swatch %v", mode, lv, got, swatch[strconv.Itoa(lv)])
				}
			}
		}
		if len(found) < 3 {
			t.Fatalf("%s: the sample shows only levels %v: the comparison is blind", mode, found)
		}
		// The swatches run one way: darker with the level on a light
		// background, brighter on a dark one; the words claim neither.
		for v := 2; v <= top; v++ {
			lo, hi := luminance(swatch[strconv.Itoa(v-1)], bg), luminance(swatch[strconv.Itoa(v)], bg)
			if dark != (hi > lo) {
				t.Errorf("%s: level %d (%.3f) against level %d (%.3f)", mode, v, hi, v-1, lo)
			}
		}
		if l := strings.ToLower(tm.legend.Text); strings.Contains(l, "darker") || strings.Contains(l, "lighter") {
			t.Errorf("%s: the legend says %q", mode, tm.legend.Text)
		}
	}
}

// The team screen as a CCIO sees it with the sample team: the composition
// charts in named display, the heatmap with its swatches, hover line and
// key in workshop display, as markup goldens (made and checked with -tags ci).
func TestTeamScreenMarkup(t *testing.T) {
	s := openSampleTeam(t)
	tm := s.team
	tm.tabs.SelectIndex(0)
	test.AssertRendersToMarkup(t, "team_composition.xml", s.win.Canvas())
	tm.setWorkshop(true)
	tm.tabs.SelectIndex(1)
	test.AssertRendersToMarkup(t, "team_heatmap_workshop.xml", s.win.Canvas())
}
