package report

import (
	"gapwise/internal/chart"
)

// Bar chart sizes in millimetres and points.
const (
	barRowH     = 5.2
	barTextSize = 8.0
	barRefSize  = 7.0
)

// Bar colours: a solid blue for clinical bars, the same blue's outline and
// hatching for the others, so they differ in print without colour too.
var barInk = currentLine

// barChart draws a chart.BarChart (the team screen's geometry) at the
// current position, with its title, the key to its bar styles and its
// note; a chart whose bars are all hidden is its title and note.
func (d *doc) barChart(c chart.BarChart) {
	if len(c.Bars) == 0 {
		d.subheading(c.Title, 12)
		d.para(c.Note, "I", smallSize, muted)
		d.down(2)
		return
	}
	refH := 0.0
	if c.Ref > 0 {
		refH = lineHeight(barRefSize) + 1
	}
	height := refH + barRowH*float64(len(c.Bars)) + lineHeight(smallSize) + 2
	d.subheading(c.Title, height+12)
	d.need(height)

	labelW, textW := 0.0, 0.0
	for _, b := range c.Bars {
		d.font(boldIf(b.Total), barTextSize, ink)
		labelW = max(labelW, d.pdf.GetStringWidth(b.Label))
		d.font(italicIf(b.Hidden), barTextSize, ink)
		textW = max(textW, d.pdf.GetStringWidth(b.Text))
	}
	labelW = min(labelW+3, contentW*0.3)
	textW = min(textW+4, contentW*0.45)
	top := d.y() + refH
	g := c.Geometry(marginX, top, contentW, labelW, textW, barRowH)

	bottom := g.Plot.Y + g.Plot.H
	for _, tk := range g.Ticks {
		d.line(tk.X, g.Plot.Y, tk.X, bottom, 0.1, faintGrey)
		d.font("", smallSize, muted)
		d.pdf.Text(tk.X-d.pdf.GetStringWidth(tk.Label)/2, baseline(bottom+0.6, smallSize), tk.Label)
	}
	d.font("I", smallSize, muted)
	d.pdf.Text(g.UnitAt.X-d.pdf.GetStringWidth(c.Unit), baseline(bottom+0.6, smallSize), c.Unit)
	for _, r := range g.Rows {
		mid := func(size float64) float64 { return baseline(r.LabelAt.Y-lineHeight(size)/2, size) }
		d.font(boldIf(r.Total), barTextSize, ink)
		label := d.fitLine(r.Label, labelW-2)
		d.pdf.Text(r.LabelAt.X-d.pdf.GetStringWidth(label), mid(barTextSize), label)
		if r.Box.W > 0 {
			if r.Hatched {
				d.pdf.SetLineWidth(0.3)
				d.pdf.SetDrawColor(barInk.r, barInk.g, barInk.b)
				d.pdf.Rect(r.Box.X, r.Box.Y, r.Box.W, r.Box.H, "D")
				for _, s := range r.Hatch {
					d.line(s.A.X, s.A.Y, s.B.X, s.B.Y, 0.25, barInk)
				}
			} else {
				d.fillRect(r.Box.X, r.Box.Y, r.Box.W, r.Box.H, barInk)
			}
		}
		d.font(italicIf(r.Hidden), barTextSize, ink)
		d.pdf.Text(r.TextAt.X, mid(barTextSize), d.fitLine(r.Text, textW))
	}
	if g.Ref != nil {
		d.pdf.SetLineWidth(0.5)
		d.pdf.SetDrawColor(ink.r, ink.g, ink.b)
		d.pdf.SetDashPattern([]float64{1.2, 0.8}, 0)
		d.pdf.Line(g.Ref.A.X, g.Ref.A.Y-1, g.Ref.B.X, g.Ref.B.Y)
		d.pdf.SetDashPattern(nil, 0)
		d.font("B", barRefSize, ink)
		w := d.pdf.GetStringWidth(c.RefLabel)
		x := g.Ref.A.X - w - 1 // ends at the line, or starts there when there is no room
		if x < marginX {
			x = g.Ref.A.X + 1
		}
		d.pdf.Text(x, baseline(top-refH, barRefSize), c.RefLabel)
	}
	d.setY(bottom + lineHeight(smallSize) + 2)

	d.para(c.Key(), "", smallSize, muted)
	if c.Note != "" {
		d.para(c.Note, "", smallSize, muted)
	}
	d.down(2)
}

func boldIf(b bool) string {
	if b {
		return "B"
	}
	return ""
}

func italicIf(b bool) string {
	if b {
		return "I"
	}
	return ""
}
