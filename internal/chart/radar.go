// Package chart is chart geometry: where the points of a radar chart go and
// how dark a heatmap cell is. It is pure arithmetic with no drawing, shared
// by the Fyne screens (ui/) and the PDF reports (internal/report) so the two
// always agree.
//
// Coordinates are screen and PDF coordinates: x grows to the right and y
// grows DOWN. Units are whatever the caller's are (pixels, points, mm).
//
// Colour is never the only carrier of meaning: renderers print the level
// number with every shade and mark not-rated axes in words or symbols too.
package chart

import (
	"fmt"
	"math"
	"slices"
	"strconv"
)

// MaxAxes is the most axes one radar chart has: Fyne's ArbitraryPolygon takes
// at most 16 points, and more spokes than that are unreadable anyway.
const MaxAxes = 16

// MinAxes is the fewest axes that make a radar chart. With fewer, the
// geometry is still computed but renderers should show a bar list instead.
const MinAxes = 3

// LabelGap is how far beyond the chart's radius the label anchors sit, as a
// fraction of the radius (so it works in any unit).
const LabelGap = 0.12

// MaxRings bounds the number of level rings, whatever Max says.
const MaxRings = 20

// Axis is one spoke of a radar chart: an item with its current level and
// target. A nil Value is "not rated", which is not zero: it is drawn at the
// centre and listed in RadarGeometry.NotRated so renderers can mark it.
type Axis struct {
	Label string
	// Levels is the end of Label a renderer keeps whole when it has to
	// shorten the rest to fit its room ("2/3"; see LevelAxis); "" when the
	// whole label may be shortened.
	Levels string
	Value  *float64 // nil: not rated
	Target *float64 // nil: no target
}

// Radar is one radar chart: up to MaxAxes axes on a scale from 0 to Max.
type Radar struct {
	Title string
	Axes  []Axis
	Max   float64
}

// SplitRadar splits a group's axes into as few charts as keep each within
// MaxAxes, with sizes as even as possible (larger charts first) and the axes
// kept in order: 17 axes make 9 + 8, 32 make 16 + 16, 33 make 11 + 11 + 11.
// Split charts are titled "Title (1 of 2)"; a single chart keeps the title.
// Any chart that is split has at least 8 axes; a group of fewer than MinAxes
// axes stays one small chart (see RadarGeometry.BarList). No axes, no charts.
func SplitRadar(title string, axes []Axis, maxLevel float64) []Radar {
	n := len(axes)
	if n == 0 {
		return nil
	}
	k := (n + MaxAxes - 1) / MaxAxes
	out := make([]Radar, 0, k)
	lo := 0
	for i := range k {
		size := n / k
		if i < n%k {
			size++
		}
		r := Radar{Title: title, Axes: slices.Clone(axes[lo : lo+size]), Max: maxLevel}
		if k > 1 {
			r.Title = fmt.Sprintf("%s (%d of %d)", title, i+1, k)
		}
		out = append(out, r)
		lo += size
	}
	return out
}

// Point is a position in screen coordinates (y down).
type Point struct{ X, Y float64 }

// Align is where a label's text sits horizontally relative to its anchor.
type Align int

// Horizontal alignments. AlignLeft means the anchor is the left edge of the
// text (the text runs rightwards, away from a chart on its left).
const (
	AlignCentre Align = iota
	AlignLeft
	AlignRight
)

// VAlign is where a label's text sits vertically relative to its anchor.
type VAlign int

// Vertical alignments. VAlignBottom means the anchor is the bottom of the
// text (the text sits above it, away from a chart below it).
const (
	VAlignMiddle VAlign = iota
	VAlignTop
	VAlignBottom
)

// AxisGeometry is where one axis and its label go.
type AxisGeometry struct {
	Label   string
	Levels  string  // the end of Label to keep whole (Axis.Levels)
	Angle   float64 // radians clockwise from 12 o'clock
	End     Point   // where the spoke meets the outer circle
	LabelAt Point   // label anchor, LabelGap beyond End
	Align   Align
	VAlign  VAlign
}

// Ring is the polygon of one whole level, one point per axis.
type Ring struct {
	Level  int
	Points []Point
}

// RadarGeometry is a radar chart laid out in a circle. Polygons have one
// point per axis, in axis order; every point lies within Radius of Centre,
// every label anchor at LabelRadius.
type RadarGeometry struct {
	Centre      Point
	Radius      float64
	LabelRadius float64
	Axes        []AxisGeometry
	Rings       []Ring  // levels 1..floor(Max), innermost first (at most MaxRings)
	Values      []Point // current levels, clamped to [0, Max]; not rated at the centre
	Targets     []Point // target levels, clamped; nil when no axis has a target
	NotRated    []int   // indexes of axes with no value, drawn at the centre
	NoTarget    []int   // indexes of axes with no target when Targets is not nil
	// BarList is set when there are fewer than MinAxes axes: the polygons
	// degenerate to a point or a line, so renderers should show the values
	// as a list of bars instead.
	BarList bool
}

// Geometry lays the chart out in the circle of radius r centred on (cx, cy).
// The first axis points to 12 o'clock and the rest follow clockwise, evenly
// spaced. A value or target v is drawn at r*v/Max after clamping v to
// [0, Max]; a NaN value counts as not rated and a NaN target as none. With
// Max not above zero (or not finite) there is no scale: no rings, and every
// value sits at the centre. A negative r counts as 0.
func (c Radar) Geometry(cx, cy, r float64) RadarGeometry {
	if !(r > 0) || math.IsInf(r, 0) {
		r = 0
	}
	n := len(c.Axes)
	g := RadarGeometry{
		Centre:      Point{cx, cy},
		Radius:      r,
		LabelRadius: r * (1 + LabelGap),
		BarList:     n < MinAxes,
	}
	if n == 0 {
		return g
	}
	scaled := c.Max > 0 && !math.IsInf(c.Max, 0)
	at := func(angle, v float64) Point {
		if !scaled {
			return g.Centre
		}
		v = min(max(v, 0), c.Max)
		return polar(cx, cy, angle, r*v/c.Max)
	}

	g.Axes = make([]AxisGeometry, n)
	g.Values = make([]Point, n)
	targets := make([]Point, n)
	hasTarget := false
	for i, a := range c.Axes {
		angle := 2 * math.Pi * float64(i) / float64(n)
		ag := AxisGeometry{
			Label:   a.Label,
			Levels:  a.Levels,
			Angle:   angle,
			End:     polar(cx, cy, angle, r),
			LabelAt: polar(cx, cy, angle, g.LabelRadius),
		}
		ag.Align, ag.VAlign = align(angle)
		g.Axes[i] = ag

		if a.Value == nil || math.IsNaN(*a.Value) {
			g.NotRated = append(g.NotRated, i)
			g.Values[i] = g.Centre
		} else {
			g.Values[i] = at(angle, *a.Value)
		}
		if a.Target == nil || math.IsNaN(*a.Target) {
			g.NoTarget = append(g.NoTarget, i)
			targets[i] = g.Centre
		} else {
			hasTarget = true
			targets[i] = at(angle, *a.Target)
		}
	}
	if hasTarget {
		g.Targets = targets
	} else {
		g.NoTarget = nil
	}

	if scaled {
		for level := 1; float64(level) <= c.Max && level <= MaxRings; level++ {
			ring := Ring{Level: level, Points: make([]Point, n)}
			d := r * float64(level) / c.Max
			for i := range n {
				ring.Points[i] = polar(cx, cy, g.Axes[i].Angle, d)
			}
			g.Rings = append(g.Rings, ring)
		}
	}
	return g
}

// polar is the point at distance d from (cx, cy) at an angle measured
// clockwise from 12 o'clock, with y pointing down.
func polar(cx, cy, angle, d float64) Point {
	return Point{cx + d*math.Sin(angle), cy - d*math.Cos(angle)}
}

// Labels on spokes within 10 degrees of straight up or down are centred;
// those within 60 degrees of straight up sit above their anchor, and within
// 60 degrees of straight down, below it.
var (
	centreBand = math.Sin(10 * math.Pi / 180)
	sideBand   = math.Cos(60 * math.Pi / 180)
)

// align puts a label's text outside the circle: right of spokes on the right
// half, left of those on the left, centred at the top and bottom; above
// spokes in the upper third, below those in the lower third.
func align(angle float64) (Align, VAlign) {
	s, c := math.Sin(angle), math.Cos(angle)
	h := AlignCentre
	switch {
	case s > centreBand:
		h = AlignLeft
	case s < -centreBand:
		h = AlignRight
	}
	v := VAlignMiddle
	switch {
	case c > sideBand:
		v = VAlignBottom
	case c < -sideBand:
		v = VAlignTop
	}
	return h, v
}

// LevelAxis is an axis for an item at a current and a target level (nil: not
// rated / no target). Its label carries the numbers as "name now/target",
// with "–" for a missing one, so the chart never relies on colour or shape
// alone; the app and the PDF reports both label axes this way.
func LevelAxis(name string, current, target *int) Axis {
	a := Axis{}
	cur, tgt := "–", "–"
	if current != nil {
		v := float64(*current)
		a.Value = &v
		cur = strconv.Itoa(*current)
	}
	if target != nil {
		v := float64(*target)
		a.Target = &v
		tgt = strconv.Itoa(*target)
	}
	a.Levels = cur + "/" + tgt
	a.Label = name + " " + a.Levels
	return a
}
