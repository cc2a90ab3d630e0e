package report

import (
	"fmt"

	"codeberg.org/go-pdf/fpdf"

	"gapwise/internal/chart"
	"gapwise/internal/gap"
	"gapwise/internal/model"
)

// Radar label and title sizes in points.
const (
	radarLabelSize = 6.5
	radarTitleSize = 8.5
	ringLabelSize  = 5.0
)

// pdfAxisRunes is the room a PDF radar has for an axis name; the page has
// more room than the app's chart.
const pdfAxisRunes = 22

// radarsFor makes the summary charts by the app's rule (chart.GapRadars).
func radarsFor(f *model.Framework, rep gap.PersonGaps) (charts []chart.Radar, skipped int) {
	return chart.GapRadars(f, rep, pdfAxisRunes)
}

// radarLegend explains the charts in words and shapes.
func (d *doc) radarLegend(top int) {
	p := d.pdf
	size := 8.0
	lh := lineHeight(size)
	y := d.y()
	x := marginX
	mid := y + lh/2

	p.SetFillColor(currentFill.r, currentFill.g, currentFill.b)
	p.SetDrawColor(currentLine.r, currentLine.g, currentLine.b)
	p.SetLineWidth(0.3)
	p.Rect(x, mid-1.6, 5, 3.2, "FD")
	x += 6.5
	d.font("", size, ink)
	t := "Shaded area: current level"
	p.Text(x, baseline(y, size), t)
	x += p.GetStringWidth(t) + 7

	p.SetDrawColor(ink.r, ink.g, ink.b)
	p.SetLineWidth(0.55)
	p.SetDashPattern([]float64{1.2, 0.8}, 0)
	p.Line(x, mid, x+8, mid)
	p.SetDashPattern(nil, 0)
	x += 9.5
	t = "Dashed outline: target"
	p.Text(x, baseline(y, size), t)
	d.down(lh + 0.8)
	d.paraAt(fmt.Sprintf("Each label gives the item and its levels as now/target (– means not rated, or no target). Rings mark levels 1 to %d from the centre; level 0 (none yet) and not rated both sit at the centre, so read the numbers.", top),
		"", size, muted, marginX, contentW)
}

// radarLayout is how the charts of a section are placed.
type radarLayout struct {
	cols   int
	radius float64
	cellW  float64
	height float64
}

func (d *doc) layoutRadars(charts []chart.Radar) radarLayout {
	d.font("", radarLabelSize, ink)
	labelW := 0.0
	for _, c := range charts {
		for _, a := range c.Axes {
			labelW = max(labelW, d.pdf.GetStringWidth(a.Label))
		}
	}
	labelH := radarLabelSize * ptMM
	// Two charts a row (three rows a page) when the labels leave room for
	// a readable radius, else one larger chart a row.
	lay := radarLayout{cols: 2, cellW: (contentW - 6) / 2}
	r := (lay.cellW/2 - labelW - 1.5) / (1 + chart.LabelGap)
	top := 27.0
	if r < 24 {
		lay = radarLayout{cols: 1, cellW: contentW}
		r = (lay.cellW/2 - labelW - 1.5) / (1 + chart.LabelGap)
		top = 34
	}
	lay.radius = min(max(r, 18), top)
	lay.height = lineHeight(radarTitleSize) + 2*labelH + 2*lay.radius*(1+chart.LabelGap) + 5
	return lay
}

// radars draws the charts in rows of one or two.
func (d *doc) radars(charts []chart.Radar) {
	lay := d.layoutRadars(charts)
	for i := 0; i < len(charts); i += lay.cols {
		d.need(lay.height)
		y := d.y()
		for j := 0; j < lay.cols && i+j < len(charts); j++ {
			x := marginX + float64(j)*(lay.cellW+6)
			d.radar(charts[i+j], x, y, lay)
		}
		d.setY(y + lay.height)
	}
}

// radar draws one chart in the cell at (x, y).
func (d *doc) radar(c chart.Radar, x, y float64, lay radarLayout) {
	p := d.pdf
	d.font("B", radarTitleSize, ink)
	p.Text(x, baseline(y, radarTitleSize), d.fitLine(c.Title, lay.cellW))
	labelH := radarLabelSize * ptMM
	cx := x + lay.cellW/2
	cy := y + lineHeight(radarTitleSize) + labelH + lay.radius*(1+chart.LabelGap) + 1
	g := c.Geometry(cx, cy, lay.radius)

	// Current level: a shaded area under the grid.
	p.SetFillColor(currentFill.r, currentFill.g, currentFill.b)
	p.Polygon(points(g.Values), "F")

	// Grid: a ring per level and a spoke per axis.
	p.SetLineWidth(0.15)
	p.SetDrawColor(ruleGrey.r, ruleGrey.g, ruleGrey.b)
	for _, ring := range g.Rings {
		p.Polygon(points(ring.Points), "D")
	}
	for _, a := range g.Axes {
		p.Line(g.Centre.X, g.Centre.Y, a.End.X, a.End.Y)
	}
	d.font("", ringLabelSize, muted)
	for _, ring := range g.Rings {
		if len(ring.Points) > 0 {
			pt := ring.Points[0]
			p.Text(pt.X+0.6, pt.Y-0.4, fmt.Sprint(ring.Level))
		}
	}

	// Current outline, then the target as a thicker dark dashed outline.
	p.SetLineWidth(0.35)
	p.SetDrawColor(currentLine.r, currentLine.g, currentLine.b)
	p.Polygon(points(g.Values), "D")
	if g.Targets != nil {
		p.SetLineWidth(0.6)
		p.SetDrawColor(ink.r, ink.g, ink.b)
		p.SetDashPattern([]float64{1.4, 0.9}, 0)
		p.Polygon(points(g.Targets), "D")
		p.SetDashPattern(nil, 0)
	}

	d.font("", radarLabelSize, ink)
	em := radarLabelSize * ptMM
	for _, a := range g.Axes {
		w := p.GetStringWidth(a.Label)
		tx, ty := a.LabelAt.X, a.LabelAt.Y
		switch a.Align {
		case chart.AlignCentre:
			tx -= w / 2
		case chart.AlignRight:
			tx -= w
		}
		switch a.VAlign {
		case chart.VAlignMiddle:
			ty += 0.36 * em
		case chart.VAlignBottom:
			ty -= 0.25 * em
		case chart.VAlignTop:
			ty += 0.85 * em
		}
		p.Text(tx, ty, a.Label)
	}
}

func points(pts []chart.Point) []fpdf.PointType {
	out := make([]fpdf.PointType, len(pts))
	for i, pt := range pts {
		out[i] = fpdf.PointType{X: pt.X, Y: pt.Y}
	}
	return out
}
