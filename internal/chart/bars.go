package chart

import (
	"math"
	"strconv"
)

// BarChart is a horizontal bar chart: one row per bar, a value axis from 0
// and, optionally, a reference line (a benchmark). Bars are solid or
// hatched, and each row is labelled with its words and number, so neither
// colour nor pattern carries the meaning alone.
type BarChart struct {
	Title    string
	Unit     string // what the axis counts ("members", "WTE")
	Bars     []Bar
	Ref      float64 // the reference line's value; 0 or less: none
	RefLabel string  // what the reference line is
	Note     string  // said under the chart: what the legend and the rows leave out
	Whole    bool    // the values are counts: ticks at whole numbers only
}

// Key explains the bar styles the chart uses, for printing beside it.
func (c BarChart) Key() string {
	solid, hatched := false, false
	for _, b := range c.Bars {
		hatched = hatched || b.Hatched
		solid = solid || !b.Hatched
	}
	switch {
	case solid && hatched:
		return ClinicalKey + " · " + NonClinicalKey
	case hatched:
		return NonClinicalKey
	case solid:
		return ClinicalKey
	}
	return ""
}

// Bar is one row of a BarChart.
type Bar struct {
	Label   string
	Value   float64 // the bar's length in the axis unit; below 0 counts as 0
	Text    string  // the value in words, printed after the bar
	Hatched bool    // drawn hatched rather than solid (in Gapwise: not clinical)
	Total   bool    // a total row: drawn in bold, after the rows it sums
	Hidden  bool    // no bar: the figure is suppressed and Text says so
}

// Rect is a rectangle: top-left corner and size.
type Rect struct{ X, Y, W, H float64 }

// Segment is a straight line from A to B.
type Segment struct{ A, B Point }

// BarRow is where one bar's parts go.
type BarRow struct {
	Bar
	LabelAt Point     // the label's right end, vertically centred on the row
	Box     Rect      // the bar; zero width for a hidden or zero value
	Hatch   []Segment // the hatching lines inside Box when Bar.Hatched
	TextAt  Point     // the value text's left end, right of the plot, vertically centred
}

// Tick is a mark on the value axis.
type Tick struct {
	X     float64
	Label string
}

// BarGeometry is a laid-out BarChart.
type BarGeometry struct {
	Rows  []BarRow
	Plot  Rect    // the area the bars grow in, from x = Plot.X (value 0)
	Max   float64 // the value at the plot's right edge
	Ticks []Tick  // along the bottom of Plot, at round values
	Ref   *Segment
	// UnitAt is where the axis unit goes: its right end, level with the
	// tick labels, under the row labels.
	UnitAt Point
}

// Geometry lays the chart out with its top-left corner at (x, y), w wide:
// labelW for the row labels on the left, textW on the right for the value
// text after the longest bar, and rowH per row. The axis runs to a round
// value at or above the largest bar and the reference line, so the line is
// always inside the plot. The value texts line up in a column right of the
// plot, so none runs over a bar or the reference line.
func (c BarChart) Geometry(x, y, w, labelW, textW, rowH float64) BarGeometry {
	g := BarGeometry{Plot: Rect{X: x + labelW, Y: y, W: max(w-labelW-textW, 1), H: rowH * float64(len(c.Bars))}}
	top := max(c.Ref, 0)
	for _, b := range c.Bars {
		if !b.Hidden {
			top = max(top, b.Value)
		}
	}
	step := niceStep(top)
	if c.Whole {
		step = math.Max(1, math.Round(step))
	}
	g.Max = math.Ceil(top/step-1e-9) * step
	if g.Max <= 0 {
		g.Max = step
	}
	scale := func(v float64) float64 { return g.Plot.X + g.Plot.W*min(max(v, 0), g.Max)/g.Max }
	for i, b := range c.Bars {
		ry := y + rowH*float64(i)
		box := Rect{X: g.Plot.X, Y: ry + rowH*0.2, H: rowH * 0.6}
		if !b.Hidden {
			box.W = scale(b.Value) - g.Plot.X
		}
		r := BarRow{Bar: b, Box: box,
			LabelAt: Point{g.Plot.X - rowH*0.3, ry + rowH/2},
			TextAt:  Point{g.Plot.X + g.Plot.W + rowH*0.5, ry + rowH/2}}
		if b.Hatched && box.W > 0 {
			r.Hatch = HatchLines(box, box.H/2.5)
		}
		g.Rows = append(g.Rows, r)
	}
	decimals := max(0, int(-math.Floor(math.Log10(step)+1e-9)))
	for i := 0; float64(i)*step <= g.Max+step/2; i++ {
		v := float64(i) * step
		label := strconv.FormatFloat(v, 'f', decimals, 64)
		if i == 0 {
			label = "0"
		}
		g.Ticks = append(g.Ticks, Tick{X: scale(v), Label: label})
	}
	g.UnitAt = Point{g.Plot.X - rowH*0.3, g.Plot.Y + g.Plot.H}
	if c.Ref > 0 {
		rx := scale(c.Ref)
		g.Ref = &Segment{Point{rx, g.Plot.Y}, Point{rx, g.Plot.Y + g.Plot.H}}
	}
	return g
}

// niceStep is a round tick step (1, 2 or 5 times a power of ten) giving at
// most about five ticks up to top; 1 for a top of 0 or less.
func niceStep(top float64) float64 {
	if top <= 0 || math.IsNaN(top) || math.IsInf(top, 0) {
		return 1
	}
	raw := top / 5
	p := math.Pow(10, math.Floor(math.Log10(raw)))
	for _, m := range []float64{1, 2, 5, 10} {
		if m*p >= raw-1e-12 {
			return m * p
		}
	}
	return 10 * p
}

// HatchLines are the lines of a "/" hatching of r, spaced step apart
// (measured along the x axis), each cut to r. Both renderers draw the same
// lines, so a hatched bar looks the same on screen and on paper.
func HatchLines(r Rect, step float64) []Segment {
	if r.W <= 0 || r.H <= 0 || step <= 0 {
		return nil
	}
	var out []Segment
	x0, x1, bottom := r.X, r.X+r.W, r.Y+r.H
	// A line starts at (c, bottom) and rises one unit up per unit right.
	for c := x0 - r.H + step/2; c < x1; c += step {
		t0, t1 := max(0, x0-c), min(r.H, x1-c)
		if t1-t0 < 1e-9 {
			continue
		}
		out = append(out, Segment{Point{c + t0, bottom - t0}, Point{c + t1, bottom - t1}})
	}
	return out
}
