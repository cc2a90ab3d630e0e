package ui

import (
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"
)

// Layouts that follow the text size. Every size here is worked out when
// the layout runs, never when the screen is built: the text size can change
// in Settings while the app runs, and a size fixed at start (a GridWrap's
// cell, a padding read once) would then cut the larger text.

// cellsLayout lays objects out in rows of equal cells, like a GridWrap, but
// a cell is never smaller than its tallest object needs (nor narrower than
// the widest): a cell sized for 100% text cuts a button's label at 150%.
type cellsLayout struct {
	width   float32 // the least cell width
	lastPer int     // cells a row in the last layout (0 before the first)
}

// newCells is a wrapping grid of cells at least w wide.
func newCells(w float32, objs ...fyne.CanvasObject) *fyne.Container {
	return container.New(&cellsLayout{width: w}, objs...)
}

func (l *cellsLayout) cell(objs []fyne.CanvasObject) fyne.Size {
	c := fyne.NewSize(l.width, 0)
	for _, o := range objs {
		if o.Visible() {
			c = c.Max(o.MinSize())
		}
	}
	return c
}

func visibleCount(objs []fyne.CanvasObject) int {
	n := 0
	for _, o := range objs {
		if o.Visible() {
			n++
		}
	}
	return n
}

func (l *cellsLayout) Layout(objs []fyne.CanvasObject, size fyne.Size) {
	c, p := l.cell(objs), theme.Padding()
	per := max(1, int((size.Width+p)/(c.Width+p)))
	l.lastPer = per
	i := 0
	for _, o := range objs {
		if !o.Visible() {
			continue
		}
		o.Move(fyne.NewPos(float32(i%per)*(c.Width+p), float32(i/per)*(c.Height+p)))
		o.Resize(c)
		i++
	}
}

// MinSize is one cell wide, and as tall as the rows the last layout made
// (one cell a row before the first).
func (l *cellsLayout) MinSize(objs []fyne.CanvasObject) fyne.Size {
	n := visibleCount(objs)
	if n == 0 {
		return fyne.Size{}
	}
	c, p := l.cell(objs), theme.Padding()
	per := max(1, min(l.lastPer, n))
	rows := (n + per - 1) / per
	return fyne.NewSize(c.Width, float32(rows)*c.Height+float32(rows-1)*p)
}

// atLeastWide holds one object at least w wide (wider if it needs more)
// and as tall as it needs.
type atLeastWide struct {
	width func() float32
	exact bool // the width as given, even if the object asks for more
}

// fixedWidth holds o at least w wide, as tall as it needs at the text size
// now; width, if set, is worked out each time instead of w.
func fixedWidth(w float32, o fyne.CanvasObject) *fyne.Container {
	return container.New(&atLeastWide{width: func() float32 { return w }}, o)
}

// widthFor holds o exactly as wide as width says (worked out at each
// layout, so it can follow the text size), and as tall as it needs.
func widthFor(width func() float32, o fyne.CanvasObject) *fyne.Container {
	return container.New(&atLeastWide{width: width, exact: true}, o)
}

func (l *atLeastWide) MinSize(objs []fyne.CanvasObject) fyne.Size {
	s := fyne.NewSize(l.width(), 0)
	for _, o := range objs {
		if o.Visible() {
			s = s.Max(o.MinSize())
		}
	}
	if l.exact {
		s.Width = l.width()
	}
	return s
}

// Layout gives the object the whole width and the height it needs, at the
// top: beside a tall neighbour (a level's wrapped description) a button
// stays one line high, as in a GridWrap.
func (l *atLeastWide) Layout(objs []fyne.CanvasObject, size fyne.Size) {
	for _, o := range objs {
		o.Move(fyne.Position{})
		o.Resize(fyne.NewSize(size.Width, min(size.Height, o.MinSize().Height)))
	}
}

// barLayout is a toolbar row: a label, a control that takes the room left
// (a picker) and buttons at the end. When the buttons do not fit beside
// the control they go on rows of their own underneath, so the bar never
// asks for more width than its widest part: a window 1024 pixels wide
// keeps every button on screen at any text size.
type barLayout struct {
	lastW float32 // the width of the last layout (0 before the first)
}

// newBar is a toolbar row: label (may be nil), the expanding control, then
// the buttons.
func newBar(label, control fyne.CanvasObject, buttons ...fyne.CanvasObject) *fyne.Container {
	if label == nil {
		label = container.New(&atLeastWide{width: func() float32 { return 0 }})
	}
	return container.New(&barLayout{}, append([]fyne.CanvasObject{label, control}, buttons...)...)
}

// rows places the objects for a width w: the positions and sizes, and the
// total size taken.
func (l *barLayout) rows(objs []fyne.CanvasObject, w float32) ([]fyne.Position, []fyne.Size, fyne.Size) {
	p := theme.Padding()
	pos := make([]fyne.Position, len(objs))
	sizes := make([]fyne.Size, len(objs))
	label, control, buttons := objs[0], objs[1], objs[2:]
	lm, cm := label.MinSize(), control.MinSize()
	want := wantedWidth(control)
	var bw, bh float32
	nb := 0
	for _, b := range buttons {
		if b.Visible() {
			m := b.MinSize()
			bw += m.Width
			bh = max(bh, m.Height)
			nb++
		}
	}
	if nb > 0 {
		bw += float32(nb-1) * p
	}
	h := max(lm.Height, cm.Height, bh)
	lead := lm.Width
	if lead > 0 {
		lead += p
	}
	// One row while the control keeps the width its text wants (a picker's
	// choice shown whole), or at least half the row; else the buttons go
	// underneath.
	keep := min(want, max(cm.Width, (w-lead)/2))
	oneRow := lead+keep+p+bw <= w || nb == 0
	ctrlW := w - lead
	if oneRow && nb > 0 {
		ctrlW -= bw + p
	}
	ctrlW = max(ctrlW, cm.Width)
	pos[0], sizes[0] = fyne.NewPos(0, 0), fyne.NewSize(lm.Width, h)
	pos[1], sizes[1] = fyne.NewPos(lead, 0), fyne.NewSize(ctrlW, h)
	used := fyne.NewSize(lead+ctrlW, h)
	x, y := lead+ctrlW+p, float32(0)
	if !oneRow {
		// The buttons wrap on rows of their own, from the leading edge.
		x, y = 0, h+p
	}
	rowH := bh
	for i, b := range buttons {
		if !b.Visible() {
			continue
		}
		m := b.MinSize()
		if !oneRow && x > 0 && x+m.Width > w {
			x, y = 0, y+rowH+p
		}
		pos[i+2], sizes[i+2] = fyne.NewPos(x, y), fyne.NewSize(m.Width, max(m.Height, bh))
		if oneRow {
			sizes[i+2].Height = h
		}
		x += m.Width + p
		used = used.Max(fyne.NewSize(x-p, y+sizes[i+2].Height))
	}
	return pos, sizes, used
}

// wantedWidth is the width a bar's control needs to show its text whole: a
// picker's choice (or placeholder) with its arrow; its least width for
// anything else.
func wantedWidth(o fyne.CanvasObject) float32 {
	m := o.MinSize().Width
	sel, ok := o.(*widget.Select)
	if !ok {
		return m
	}
	text := sel.Selected
	if text == "" {
		text = sel.PlaceHolder
	}
	return max(m, fyne.MeasureText(text, theme.TextSize(), fyne.TextStyle{}).Width+2*theme.InnerPadding()+theme.IconInlineSize()+2*theme.Padding())
}

func (l *barLayout) Layout(objs []fyne.CanvasObject, size fyne.Size) {
	l.lastW = size.Width
	pos, sizes, _ := l.rows(objs, size.Width)
	for i, o := range objs {
		o.Move(pos[i])
		o.Resize(sizes[i])
	}
}

// MinSize is as wide as the widest part (the label and control, or one
// button) and as tall as the rows it took at the last width laid out (the
// rows a single line would take before the first layout).
func (l *barLayout) MinSize(objs []fyne.CanvasObject) fyne.Size {
	p := theme.Padding()
	lm, cm := objs[0].MinSize(), objs[1].MinSize()
	w := cm.Width
	if lm.Width > 0 {
		w += lm.Width + p
	}
	widest := w
	for _, b := range objs[2:] {
		if b.Visible() {
			widest = max(widest, b.MinSize().Width)
		}
	}
	at := l.lastW
	if at <= 0 {
		at = 1e6 // before any layout: as on a wide window
	}
	_, _, used := l.rows(objs, max(at, widest))
	return fyne.NewSize(widest, used.Height)
}

// wrappedRows gives a list of one-label rows the height their text needs
// at the list's width, up to maxLines lines (cut with "…" only past
// those): a row is cut only when there is no room, never to keep a fixed
// height. The row labels must wrap by word and truncate (wrapRowLabel).
type wrappedRows struct {
	list     *widget.List
	count    func() int
	text     func(id int) string
	style    func(id int) fyne.TextStyle // the row's text style; nil: plain
	maxLines int
	lastW    float32
}

// fitRows lays list out with rows as tall as their text needs; call
// refit after the rows' text changes.
func fitRows(list *widget.List, count func() int, text func(id int) string, maxLines int) (*fyne.Container, *wrappedRows) {
	r := &wrappedRows{list: list, count: count, text: text, maxLines: maxLines}
	return container.New(r, list), r
}

// wrapRowLabel is a list row's label for fitRows.
func wrapRowLabel(template string) *widget.Label {
	l := widget.NewLabel(template)
	l.Wrapping = fyne.TextWrapWord
	l.Truncation = fyne.TextTruncateEllipsis
	return l
}

func (r *wrappedRows) MinSize(objs []fyne.CanvasObject) fyne.Size { return objs[0].MinSize() }

func (r *wrappedRows) Layout(objs []fyne.CanvasObject, size fyne.Size) {
	if size.Width != r.lastW {
		r.lastW = size.Width
		r.refit()
	}
	objs[0].Move(fyne.Position{})
	objs[0].Resize(size)
}

// refit sets each row's height for the width last laid out.
func (r *wrappedRows) refit() {
	if r.lastW <= 0 {
		return
	}
	size := theme.TextSize()
	room := r.lastW - 2*theme.InnerPadding() - 1 // the label's own room; the scroll bar is drawn over the rows
	one := widget.NewLabel("Xy").MinSize().Height
	line := fyne.MeasureText("Xy", size, fyne.TextStyle{}).Height + theme.LineSpacing()
	for id := range r.count() {
		st := fyne.TextStyle{}
		if r.style != nil {
			st = r.style(id)
		}
		n := min(r.maxLines, wrappedLines(r.text(id), size, st, room))
		r.list.SetItemHeight(id, one+float32(n-1)*line)
	}
}

// wrappedLines is how many lines s takes wrapped by word in width room.
func wrappedLines(s string, size float32, st fyne.TextStyle, room float32) int {
	if room <= 0 {
		return 1
	}
	lines, cur := 1, ""
	words := strings.Fields(s)
	if len(words) > 0 {
		// Leading spaces (a ladder row's indent) take room on the first line.
		words[0] = s[:len(s)-len(strings.TrimLeft(s, " "))] + words[0]
	}
	for _, w := range words {
		next := w
		if cur != "" {
			next = cur + " " + w
		}
		if cur != "" && fyne.MeasureText(next, size, st).Width > room {
			lines++
			cur = w
			continue
		}
		cur = next
	}
	return lines
}
