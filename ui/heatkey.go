package ui

import (
	"fmt"
	"image/color"
	"strconv"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/driver/desktop"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"gapwise/internal/chart"
	"gapwise/internal/model"
)

// heatFill is the colour of a heatmap cell of the given shade (0 to 1,
// chart.LevelShade or a share of the team) in the current theme: the
// theme's primary colour, more opaque for a higher shade. On a light
// background that is darker, on a dark one brighter, so the legend draws
// the colours themselves rather than saying which way they go.
func heatFill(shade float64) color.Color {
	if shade <= 0 {
		return color.Transparent
	}
	pr, pg, pb, _ := theme.Color(theme.ColorNamePrimary).RGBA()
	return color.NRGBA{R: uint8(pr >> 8), G: uint8(pg >> 8), B: uint8(pb >> 8), A: uint8(200 * min(shade, 1))}
}

// heatSwatch is one sample of the heatmap legend: a cell of the given
// shade with its text, coloured afresh on every refresh (a theme change
// refreshes it) by heatFill, the cells' own rule.
type heatSwatch struct {
	widget.BaseWidget
	shade float64
	text  string
}

func newHeatSwatch(shade float64, text string) *heatSwatch {
	s := &heatSwatch{shade: shade, text: text}
	s.ExtendBaseWidget(s)
	return s
}

func (s *heatSwatch) CreateRenderer() fyne.WidgetRenderer {
	bg := canvas.NewRectangle(color.Transparent)
	bg.StrokeWidth = 1
	l := canvas.NewText(s.text, theme.Color(theme.ColorNameForeground))
	l.Alignment = fyne.TextAlignCenter
	r := &swatchRenderer{s: s, bg: bg, text: l}
	r.Refresh()
	return r
}

type swatchRenderer struct {
	s    *heatSwatch
	bg   *canvas.Rectangle
	text *canvas.Text
}

func (r *swatchRenderer) Destroy()                     {}
func (r *swatchRenderer) Objects() []fyne.CanvasObject { return []fyne.CanvasObject{r.bg, r.text} }
func (r *swatchRenderer) MinSize() fyne.Size {
	return fyne.NewSize(max(44, fyne.MeasureText(r.s.text, theme.TextSize(), fyne.TextStyle{}).Width+12), 30)
}
func (r *swatchRenderer) Layout(size fyne.Size) {
	r.bg.Resize(size)
	r.text.Resize(size)
}
func (r *swatchRenderer) Refresh() {
	r.bg.FillColor = heatFill(r.s.shade)
	r.bg.StrokeColor = theme.Color(theme.ColorNameSeparator)
	r.text.Text = r.s.text
	r.text.Color = theme.Color(theme.ColorNameForeground)
	r.bg.Refresh()
	r.text.Refresh()
}

// legendSwatches is the heatmap's key drawn in its own colours: each level
// of the scale (per-person rows), or shares of the team (counts per
// level), then not rated and below target.
func (t *teamScreen) legendSwatches() []fyne.CanvasObject {
	caption := func(s string) fyne.CanvasObject { return widget.NewLabel(s) }
	objs := []fyne.CanvasObject{caption("Key:")}
	top := t.view.Framework.Scale.Top()
	if t.display.PersonRows() {
		for v := 0; v <= top; v++ {
			objs = append(objs, newHeatSwatch(chart.LevelShade(v, top), strconv.Itoa(v)))
		}
		objs = append(objs, caption("levels 0–"+strconv.Itoa(top)), newHeatSwatch(0, "–"), caption("not rated"),
			newHeatSwatch(chart.LevelShade(min(2, top), top), "2 ↓"), caption("below the team target"))
		return objs
	}
	for _, q := range []int{25, 50, 75, 100} {
		objs = append(objs, newHeatSwatch(float64(q)/100, strconv.Itoa(q)+"%"))
	}
	return append(objs, caption("of the members at the level"), newHeatSwatch(0.5, "n ↓"), caption("below the team target"))
}

// heatHeader is a heatmap header cell: for an item column, its code in
// bold over its title cut to the column; for a row, the member's label (or
// level) on one line. Hovering says the whole heading in the line above the
// table (hoverLine): not in a pop-up, which as an overlay would take the
// mouse from the header and close at once.
type heatHeader struct {
	widget.BaseWidget
	code, short *canvas.Text
	full        string        // the whole heading
	line        *widget.Label // where hovering shows it
}

var _ desktop.Hoverable = (*heatHeader)(nil)

func newHeatHeader(line *widget.Label) *heatHeader {
	h := &heatHeader{line: line,
		code:  canvas.NewText("Member name template xx", theme.Color(theme.ColorNameForeground)),
		short: canvas.NewText("", theme.Color(theme.ColorNameForeground))}
	h.short.TextSize = theme.CaptionTextSize()
	h.ExtendBaseWidget(h)
	return h
}

// text is what the cell shows, both lines.
func (h *heatHeader) text() string {
	if h.short.Text == "" {
		return h.code.Text
	}
	return h.code.Text + " " + h.short.Text
}

func (h *heatHeader) set(code, short, full string, bold bool) {
	if h.code.Text != code || h.code.TextStyle.Bold != bold {
		h.code.Text, h.code.TextStyle.Bold = code, bold
		h.code.Refresh()
	}
	if h.short.Text != short {
		h.short.Text = short
		h.short.Refresh()
	}
	h.full = full
	h.Refresh()
}

func (h *heatHeader) MouseIn(*desktop.MouseEvent) {
	if h.full != "" && h.line != nil {
		h.line.SetText(h.full)
	}
}

func (h *heatHeader) MouseMoved(*desktop.MouseEvent) {}

func (h *heatHeader) MouseOut() {
	if h.line != nil {
		h.line.SetText(hoverHint)
	}
}

// hoverHint is the hover line's text while no heading is under the mouse.
const hoverHint = "Hover over a column or row heading to read it whole; the key beside the heatmap names every column."

// newHoverLine is the line above the heatmap where a hovered heading is
// shown whole: one line, so the table does not move as it changes.
func newHoverLine() *widget.Label {
	l := widget.NewLabelWithStyle(hoverHint, fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	l.Truncation = fyne.TextTruncateEllipsis
	return l
}

func (h *heatHeader) CreateRenderer() fyne.WidgetRenderer { return &headerRenderer{h: h} }

type headerRenderer struct{ h *heatHeader }

func (r *headerRenderer) Destroy() {}
func (r *headerRenderer) Objects() []fyne.CanvasObject {
	return []fyne.CanvasObject{r.h.code, r.h.short}
}
func (r *headerRenderer) Refresh() {
	r.h.code.Color = theme.Color(theme.ColorNameForeground)
	r.h.short.Color = theme.Color(theme.ColorNameForeground)
	r.Layout(r.h.Size())
	canvas.Refresh(r.h)
}

// MinSize is two lines high: the header row fits code and title; row
// headers get the rows' height and show one line.
func (r *headerRenderer) MinSize() fyne.Size {
	pad := theme.Padding()
	c := fyne.MeasureText(r.h.code.Text, theme.TextSize(), fyne.TextStyle{Bold: true})
	s := fyne.MeasureText("Xy", theme.CaptionTextSize(), fyne.TextStyle{})
	return fyne.NewSize(c.Width+2*pad, c.Height+s.Height+2*pad)
}

func (r *headerRenderer) Layout(size fyne.Size) {
	pad := theme.Padding()
	c := fyne.MeasureText(r.h.code.Text, r.h.code.TextSize, r.h.code.TextStyle)
	if r.h.short.Text == "" {
		r.h.code.Move(fyne.NewPos(pad, (size.Height-c.Height)/2))
		r.h.code.Resize(fyne.NewSize(size.Width-2*pad, c.Height))
		return
	}
	s := fyne.MeasureText(r.h.short.Text, r.h.short.TextSize, fyne.TextStyle{})
	y := max(0, (size.Height-c.Height-s.Height)/2)
	r.h.code.Move(fyne.NewPos(pad, y))
	r.h.code.Resize(fyne.NewSize(size.Width-2*pad, c.Height))
	r.h.short.Move(fyne.NewPos(pad, y+c.Height))
	r.h.short.Resize(fyne.NewSize(size.Width-2*pad, s.Height))
}

// heatColumnW is the width of an item column: room for "88 ↓" and a few
// letters of the title.
const heatColumnW = 92

// shortTitle is an item's title cut (model.ClipText) to fit an item
// column; the key and the hover give it whole.
func shortTitle(title string) string {
	return clipToWidth(title, theme.CaptionTextSize(), float32(heatColumnW)-2*theme.Padding())
}

// clipToWidth is s cut (model.ClipText) to fit room at a text size: whole
// when it fits.
func clipToWidth(s string, size, room float32) string {
	n := len([]rune(s))
	out := s
	for n > 1 && fyne.MeasureText(out, size, fyne.TextStyle{}).Width > room {
		n--
		out = model.ClipText(s, n)
	}
	return out
}

// Row headings take the width their longest label needs, up to a share of
// the table (so the cells keep the room on a 1024-pixel window), and never
// less than a short name needs.
const (
	rowHeadShare = 0.3
	rowHeadLeast = "Member name templ"
)

// fitRowHeads sets the width of the heatmap's row headings for a table
// tableW wide: each label whole when there is room (a full name on a wide
// screen), cut only when the labels need more than the share.
func (t *teamScreen) fitRowHeads(tableW float32) {
	size, pad := theme.TextSize(), theme.Padding()
	least := fyne.MeasureText(rowHeadLeast, size, fyne.TextStyle{}).Width + 2*pad
	need := least
	for r := range t.rows {
		need = max(need, fyne.MeasureText(t.memberLabel(r), size, fyne.TextStyle{}).Width+3*pad)
	}
	w := min(need, max(least, tableW*rowHeadShare))
	if w != t.rowHeadW {
		t.rowHeadW = w
		t.table.SetColumnWidth(-1, w)
	}
}

// rowHeadFit lays the heatmap out at its size, its row headings first
// fitted to that width.
type rowHeadFit struct{ t *teamScreen }

func (l *rowHeadFit) MinSize(objs []fyne.CanvasObject) fyne.Size { return objs[0].MinSize() }

func (l *rowHeadFit) Layout(objs []fyne.CanvasObject, size fyne.Size) {
	if l.t.view != nil {
		l.t.fitRowHeads(size.Width)
	}
	objs[0].Move(fyne.Position{})
	objs[0].Resize(size)
}

// heatKeyText is the key to the heatmap's columns: each shown item's code
// and whole title, in column order.
func (t *teamScreen) heatKeyText() []widget.RichTextSegment {
	segs := []widget.RichTextSegment{subheading("Key to the columns")}
	if len(t.cols) == 0 {
		return append(segs, para(t.noColumnsText()))
	}
	for _, m := range t.cols {
		segs = append(segs, para(m.Item.ID+"  "+m.Item.Title))
	}
	return segs
}

// noColumnsText says why the heatmap has no columns.
func (t *teamScreen) noColumnsText() string {
	if t.display.Workshop && len(t.measures) > 0 {
		return fmt.Sprintf("No item shown: each was rated by fewer than %d people.", t.display.MinPeople)
	}
	return "No items to show."
}

// keyBox lays the heatmap and, beside it, how to read it and the key to
// its columns: there, not above the table, they leave the table its rows at
// 1024x768.
func keyBox(table fyne.CanvasObject, legend *widget.Label, key *widget.RichText) fyne.CanvasObject {
	split := container.NewHSplit(table, container.NewVScroll(container.NewVBox(legend, key)))
	split.Offset = 0.74
	return split
}
