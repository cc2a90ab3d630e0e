package ui

import (
	"image/color"
	"math"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"gapwise/internal/chart"
)

// barChart draws one chart.BarChart (geometry from internal/chart, as in the
// team PDF): solid or hatched bars, each row labelled with its words and
// number, the value axis, and a dashed reference line with its label.
type barChart struct {
	widget.BaseWidget
	chart chart.BarChart
}

func newBarChart(c chart.BarChart) *barChart {
	b := &barChart{chart: c}
	b.ExtendBaseWidget(b)
	return b
}

// Sizes of the chart's parts, in Fyne units.
const (
	barRowH   = 26
	barTitleH = 28
	barRefH   = 20 // the reference line's label, above the rows
	barTicksH = 22
	barMinW   = 160 // the least room the bars grow in
)

// barWidths are the label and value text columns: as wide as the widest
// text, so nothing is cut while there is room.
func (c *barChart) barWidths() (labelW, textW float32) {
	size := c.Theme().Size(theme.SizeNameText)
	for _, b := range c.chart.Bars {
		labelW = max(labelW, fyne.MeasureText(b.Label, size, fyne.TextStyle{Bold: b.Total}).Width)
		textW = max(textW, fyne.MeasureText(b.Text, size, fyne.TextStyle{}).Width)
	}
	return labelW + 12, textW + 12
}

func (c *barChart) MinSize() fyne.Size {
	labelW, textW := c.barWidths()
	h := float32(barTitleH + barTicksH + barRowH*len(c.chart.Bars))
	if c.chart.Ref > 0 {
		h += barRefH
	}
	return fyne.NewSize(labelW+textW+barMinW, h)
}

// CreateRenderer draws at the minimum size at once, so the chart's text
// exists before it is first laid out (the privacy walk reads it).
func (c *barChart) CreateRenderer() fyne.WidgetRenderer {
	r := &barRenderer{chart: c}
	r.Layout(c.MinSize())
	return r
}

type barRenderer struct {
	chart   *barChart
	objects []fyne.CanvasObject
}

func (r *barRenderer) Destroy()                     {}
func (r *barRenderer) MinSize() fyne.Size           { return r.chart.MinSize() }
func (r *barRenderer) Objects() []fyne.CanvasObject { return r.objects }
func (r *barRenderer) Refresh()                     { r.Layout(r.chart.Size()); canvas.Refresh(r.chart) }

// barFill is the colour of a solid bar and of hatching: the theme's primary
// colour, so it reads on either theme's background.
func barFill(th fyne.Theme, v fyne.ThemeVariant) color.Color {
	return th.Color(theme.ColorNamePrimary, v)
}

func (r *barRenderer) Layout(size fyne.Size) {
	c := r.chart.chart
	th := r.chart.Theme()
	v := themeVariant()
	fg := th.Color(theme.ColorNameForeground, v)
	grid := th.Color(theme.ColorNameSeparator, v)
	fill := barFill(th, v)
	textSize := th.Size(theme.SizeNameText)
	caption := th.Size(theme.SizeNameCaptionText)

	text := func(s string, x, y float32, size float32, style fyne.TextStyle, align chart.Align) *canvas.Text {
		t := canvas.NewText(s, fg)
		t.TextSize, t.TextStyle = size, style
		m := fyne.MeasureText(s, size, style)
		switch align {
		case chart.AlignRight:
			x -= m.Width
		case chart.AlignCentre:
			x -= m.Width / 2
		}
		t.Move(fyne.NewPos(x, y-m.Height/2))
		return t
	}
	line := func(a, b chart.Point, col color.Color, w float32) *canvas.Line {
		l := canvas.NewLine(col)
		l.StrokeWidth = w
		l.Position1 = fyne.NewPos(float32(a.X), float32(a.Y))
		l.Position2 = fyne.NewPos(float32(b.X), float32(b.Y))
		return l
	}

	objs := []fyne.CanvasObject{text(c.Title, 0, barTitleH/2, textSize, fyne.TextStyle{Bold: true}, chart.AlignLeft)}
	top := float32(barTitleH)
	if c.Ref > 0 {
		top += barRefH
	}
	labelW, textW := r.chart.barWidths()
	g := c.Geometry(0, float64(top), float64(size.Width), float64(labelW), float64(textW), barRowH)

	// Value axis: grid lines at each tick, numbers under the rows.
	bottom := g.Plot.Y + g.Plot.H
	for _, tk := range g.Ticks {
		objs = append(objs, line(chart.Point{X: tk.X, Y: g.Plot.Y}, chart.Point{X: tk.X, Y: bottom}, grid, 1))
		objs = append(objs, text(tk.Label, float32(tk.X), float32(bottom)+barTicksH/2, caption, fyne.TextStyle{}, chart.AlignCentre))
	}
	objs = append(objs, text(c.Unit, float32(g.UnitAt.X), float32(g.UnitAt.Y)+barTicksH/2, caption, fyne.TextStyle{Italic: true}, chart.AlignRight))
	for _, row := range g.Rows {
		style := fyne.TextStyle{Bold: row.Total}
		objs = append(objs, text(row.Label, float32(row.LabelAt.X), float32(row.LabelAt.Y), textSize, style, chart.AlignRight))
		if row.Box.W > 0 {
			box := canvas.NewRectangle(fill)
			if row.Hatched {
				box.FillColor = color.Transparent
				box.StrokeColor, box.StrokeWidth = fill, 1.5
			}
			box.Move(fyne.NewPos(float32(row.Box.X), float32(row.Box.Y)))
			box.Resize(fyne.NewSize(float32(row.Box.W), float32(row.Box.H)))
			objs = append(objs, box)
			for _, s := range row.Hatch {
				objs = append(objs, line(s.A, s.B, fill, 1.5))
			}
		}
		ts := fyne.TextStyle{Italic: row.Hidden}
		objs = append(objs, text(row.Text, float32(row.TextAt.X), float32(row.TextAt.Y), textSize, ts, chart.AlignLeft))
	}
	if g.Ref != nil {
		// Dashed, in the text colour: it must stand out from the bars on
		// either theme.
		const dash, gap = 5.0, 4.0
		for y := g.Ref.A.Y; y < g.Ref.B.Y; y += dash + gap {
			objs = append(objs, line(chart.Point{X: g.Ref.A.X, Y: y}, chart.Point{X: g.Ref.A.X, Y: math.Min(y+dash, g.Ref.B.Y)}, fg, 2))
		}
		// The label ends at the line, or starts there when the row labels
		// leave no room to its left.
		align, x := chart.AlignRight, float32(g.Ref.A.X)+4
		if w := fyne.MeasureText(c.RefLabel, caption, fyne.TextStyle{Bold: true}).Width; x-w < 0 {
			align, x = chart.AlignLeft, float32(g.Ref.A.X)-4
		}
		objs = append(objs, text(c.RefLabel, x, top-barRefH/2, caption, fyne.TextStyle{Bold: true}, align))
	}
	r.objects = objs
}

// barChartBlock is a chart with its key and note underneath, as wrapping
// labels: they are sentences, and must not be cut at 1024 pixels.
func barChartBlock(c chart.BarChart) fyne.CanvasObject {
	if len(c.Bars) == 0 { // everything hidden: the title and the note say so
		title := widget.NewLabelWithStyle(c.Title, fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
		note := widget.NewLabel(c.Note)
		note.Wrapping = fyne.TextWrapWord
		return container.NewVBox(title, note)
	}
	objs := []fyne.CanvasObject{newBarChart(c)}
	for _, s := range []string{c.Key(), c.Note} {
		if s == "" {
			continue
		}
		l := widget.NewLabel(s)
		l.Wrapping = fyne.TextWrapWord
		l.SizeName = theme.SizeNameCaptionText
		objs = append(objs, l)
	}
	return container.NewVBox(objs...)
}
