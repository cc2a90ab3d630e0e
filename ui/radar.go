package ui

import (
	"image/color"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"gapwise/internal/chart"
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
	v := fyne.CurrentApp().Settings().ThemeVariant()
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

	top := float32(40)
	h := size.Height - top
	radius := float64(min(size.Width, h)) * 0.30
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
		txt := canvas.NewText(a.Label, fg)
		txt.TextSize = th.Size(theme.SizeNameCaptionText)
		ts := fyne.MeasureText(a.Label, txt.TextSize, txt.TextStyle)
		x, y := float32(a.LabelAt.X), float32(a.LabelAt.Y)
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
