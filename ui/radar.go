package ui

import (
	"image/color"
	"strings"
	"unicode/utf8"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"gapwise/internal/chart"
	"gapwise/internal/model"
)

// radarChart draws one chart.Radar: rings per level, spokes, the target
// outline (dashed look via a thin stroke) and the current-level shape.
// Axis labels carry the numbers too, so colour never carries meaning alone.
type radarChart struct {
	widget.BaseWidget
	radar chart.Radar
}

func newRadarChart(r chart.Radar) *radarChart {
	c := &radarChart{radar: r}
	c.ExtendBaseWidget(c)
	return c
}

func (c *radarChart) MinSize() fyne.Size { return fyne.NewSize(340, 320) }

func (c *radarChart) CreateRenderer() fyne.WidgetRenderer {
	r := &radarRenderer{chart: c}
	return r
}

type radarRenderer struct {
	chart   *radarChart
	objects []fyne.CanvasObject
}

func (r *radarRenderer) Destroy()                     {}
func (r *radarRenderer) MinSize() fyne.Size           { return r.chart.MinSize() }
func (r *radarRenderer) Objects() []fyne.CanvasObject { return r.objects }
func (r *radarRenderer) Refresh()                     { r.Layout(r.chart.Size()) }

// Layout rebuilds the drawing for the new size: the geometry is cheap and
// shared with the PDF reports through internal/chart.
func (r *radarRenderer) Layout(size fyne.Size) {
	th := r.chart.Theme()
	v := themeVariant()
	fg := th.Color(theme.ColorNameForeground, v)
	grid := th.Color(theme.ColorNameSeparator, v)
	primary := th.Color(theme.ColorNamePrimary, v)
	warn := th.Color(theme.ColorNameWarning, v)

	title := canvas.NewText(r.chart.radar.Title, fg)
	title.TextStyle = fyne.TextStyle{Bold: true}
	title.Move(fyne.NewPos(4, 0))
	legend := canvas.NewText("Filled: your level · outline: target · labels: now/target", fg)
	legend.TextSize = th.Size(theme.SizeNameCaptionText)
	legend.Move(fyne.NewPos(4, 20))
	objs := []fyne.CanvasObject{title, legend}

	top := legend.Position().Y + fyne.MeasureText(legend.Text, legend.TextSize, legend.TextStyle).Height + theme.Padding()
	h := size.Height - top
	// The chart takes what the labels leave: over a quarter of the width on
	// either side, a line above and below.
	radius := float64(min(size.Width*0.22, h*0.40))
	g := r.chart.radar.Geometry(float64(size.Width)/2, float64(top+h/2), radius)

	for _, ring := range g.Rings {
		p := canvas.NewArbitraryPolygon(toPositions(ring.Points), color.Transparent)
		p.StrokeColor, p.StrokeWidth = grid, 1
		p.Resize(size)
		objs = append(objs, p)
	}
	for _, a := range g.Axes {
		l := canvas.NewLine(grid)
		l.Position1 = fyne.NewPos(float32(g.Centre.X), float32(g.Centre.Y))
		l.Position2 = fyne.NewPos(float32(a.End.X), float32(a.End.Y))
		objs = append(objs, l)
	}
	if len(g.Axes) >= chart.MinAxes {
		if g.Targets != nil {
			t := canvas.NewArbitraryPolygon(toPositions(g.Targets), color.Transparent)
			t.StrokeColor, t.StrokeWidth = warn, 2
			t.Resize(size)
			objs = append(objs, t)
		}
		rr, gg, bb, _ := primary.RGBA()
		fill := color.NRGBA{R: uint8(rr >> 8), G: uint8(gg >> 8), B: uint8(bb >> 8), A: 90}
		val := canvas.NewArbitraryPolygon(toPositions(g.Values), fill)
		val.StrokeColor, val.StrokeWidth = primary, 2
		val.Resize(size)
		objs = append(objs, val)
	}
	for _, a := range g.Axes {
		txt := canvas.NewText("", fg)
		txt.TextSize = th.Size(theme.SizeNameCaptionText)
		x, y := float32(a.LabelAt.X), float32(a.LabelAt.Y)
		txt.Text = fitLabel(a.Label, a.Levels, labelRoom(a.Align, x, size.Width), func(s string) float32 {
			return fyne.MeasureText(s, txt.TextSize, txt.TextStyle).Width
		})
		ts := fyne.MeasureText(txt.Text, txt.TextSize, txt.TextStyle)
		switch a.Align {
		case chart.AlignCentre:
			x -= ts.Width / 2
		case chart.AlignRight:
			x -= ts.Width
		}
		switch a.VAlign {
		case chart.VAlignMiddle:
			y -= ts.Height / 2
		case chart.VAlignBottom:
			y -= ts.Height
		}
		txt.Move(fyne.NewPos(x, y))
		objs = append(objs, txt)
	}
	r.objects = objs
}

func toPositions(pts []chart.Point) []fyne.Position {
	out := make([]fyne.Position, len(pts))
	for i, p := range pts {
		out[i] = fyne.NewPos(float32(p.X), float32(p.Y))
	}
	return out
}

// labelRoom is the width an axis label anchored at x may take inside a
// chart w wide, given which way it runs from its anchor.
func labelRoom(al chart.Align, x, w float32) float32 {
	const edge = 2
	switch al {
	case chart.AlignRight:
		return x - edge
	case chart.AlignCentre:
		return 2*min(x, w-x) - edge
	}
	return w - x - edge
}

// fitLabel is label as it fits in room: whole when it fits, else with its
// name shortened (model.ClipText) as little as needed and its levels
// ("2/3") kept whole, so a label is cut only when there is no room.
func fitLabel(label, levels string, room float32, width func(string) float32) string {
	if width(label) <= room {
		return label
	}
	name, suffix := label, ""
	if levels != "" && strings.HasSuffix(label, " "+levels) {
		name, suffix = strings.TrimSuffix(label, " "+levels), " "+levels
	}
	n := utf8.RuneCountInString(name)
	for ; n > 2; n-- {
		if s := model.ClipText(name, n) + suffix; width(s) <= room {
			return s
		}
	}
	return model.ClipText(name, 2) + suffix
}

// radarGrid lays radar charts out in as many columns as the width allows,
// each chart as wide as its column (so its labels get the room there is)
// and a little less tall, within bounds. Like Fyne's grid wrap, its height
// follows the width it was last given.
type radarGrid struct {
	width float32 // the width last laid out; 0 before the first layout
}

const (
	radarMinW = 360 // a chart narrower than this cuts most labels
	radarMinH = 330
	radarMaxH = 560
	radarBest = 440 // the width at which a second column is started
)

func newRadarGrid() *radarGrid { return &radarGrid{} }

func (g *radarGrid) cells(n int, w float32) (cols int, cw, ch float32) {
	cols = max(1, min(n, int(w/radarBest)))
	cw = max(w/float32(cols), radarMinW)
	ch = min(max(cw*0.8, radarMinH), radarMaxH)
	return cols, cw, ch
}

func (g *radarGrid) Layout(objs []fyne.CanvasObject, size fyne.Size) {
	var shown []fyne.CanvasObject
	for _, o := range objs {
		if o.Visible() {
			shown = append(shown, o)
		}
	}
	cols, cw, ch := g.cells(len(shown), size.Width)
	for i, o := range shown {
		o.Move(fyne.NewPos(float32(i%cols)*cw, float32(i/cols)*ch))
		o.Resize(fyne.NewSize(cw, ch))
	}
	g.width = size.Width
}

func (g *radarGrid) MinSize(objs []fyne.CanvasObject) fyne.Size {
	n := 0
	for _, o := range objs {
		if o.Visible() {
			n++
		}
	}
	if n == 0 {
		return fyne.Size{}
	}
	if g.width == 0 {
		return fyne.NewSize(radarMinW, float32(n)*radarMinH)
	}
	cols, _, ch := g.cells(n, g.width)
	return fyne.NewSize(radarMinW, float32((n+cols-1)/cols)*ch)
}
