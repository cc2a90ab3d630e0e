package chart

import (
	"fmt"
	"math"
	"math/rand/v2"
	"slices"
	"testing"
)

const eps = 1e-9

func f64(v float64) *float64 { return &v }

func near(a, b Point) bool { return math.Abs(a.X-b.X) < eps && math.Abs(a.Y-b.Y) < eps }

func dist(a, b Point) float64 { return math.Hypot(a.X-b.X, a.Y-b.Y) }

func axes(n int) []Axis {
	out := make([]Axis, n)
	for i := range out {
		out[i] = Axis{Label: fmt.Sprint("a", i), Value: f64(float64(i % 5)), Target: f64(3)}
	}
	return out
}

func TestGeometryFourAxes(t *testing.T) {
	// Centre (200, 200), radius 100, scale 0-4: the axes point up, right,
	// down and left, in that order (clockwise on a screen whose y grows down).
	c := Radar{Max: 4, Axes: []Axis{
		{Label: "up", Value: f64(4), Target: f64(2)},
		{Label: "right", Value: f64(2)},                 // no target
		{Label: "down", Value: f64(9), Target: f64(-1)}, // clamped to 4 and 0
		{Label: "left", Target: f64(4)},                 // not rated
	}}
	g := c.Geometry(200, 200, 100)
	tests := []struct {
		name string
		got  []Point
		want []Point
	}{
		{"ends", []Point{g.Axes[0].End, g.Axes[1].End, g.Axes[2].End, g.Axes[3].End},
			[]Point{{200, 100}, {300, 200}, {200, 300}, {100, 200}}},
		{"labels", []Point{g.Axes[0].LabelAt, g.Axes[1].LabelAt, g.Axes[2].LabelAt, g.Axes[3].LabelAt},
			[]Point{{200, 88}, {312, 200}, {200, 312}, {88, 200}}},
		{"values", g.Values, []Point{{200, 100}, {250, 200}, {200, 300}, {200, 200}}},
		{"targets", g.Targets, []Point{{200, 150}, {200, 200}, {200, 200}, {100, 200}}},
		{"ring 1", g.Rings[0].Points, []Point{{200, 175}, {225, 200}, {200, 225}, {175, 200}}},
		{"ring 4", g.Rings[3].Points, []Point{{200, 100}, {300, 200}, {200, 300}, {100, 200}}},
	}
	for _, tc := range tests {
		if !slices.EqualFunc(tc.got, tc.want, near) {
			t.Errorf("%s: got %v, want %v", tc.name, tc.got, tc.want)
		}
	}
	if len(g.Rings) != 4 || g.Rings[0].Level != 1 || g.Rings[3].Level != 4 {
		t.Errorf("rings: got %d, want levels 1-4", len(g.Rings))
	}
	if !slices.Equal(g.NotRated, []int{3}) || !slices.Equal(g.NoTarget, []int{1}) {
		t.Errorf("not rated %v, no target %v; want [3] and [1]", g.NotRated, g.NoTarget)
	}
	if g.BarList {
		t.Error("four axes: want a radar, not a bar list")
	}
	aligns := []struct {
		h Align
		v VAlign
	}{{AlignCentre, VAlignBottom}, {AlignLeft, VAlignMiddle}, {AlignCentre, VAlignTop}, {AlignRight, VAlignMiddle}}
	for i, a := range aligns {
		if g.Axes[i].Align != a.h || g.Axes[i].VAlign != a.v {
			t.Errorf("axis %s: got align %d/%d, want %d/%d", g.Axes[i].Label, g.Axes[i].Align, g.Axes[i].VAlign, a.h, a.v)
		}
	}
}

func TestGeometryAnglesClockwiseFromTop(t *testing.T) {
	for _, n := range []int{3, 5, 7, 8, 9, 16} {
		t.Run(fmt.Sprint(n), func(t *testing.T) {
			c := Radar{Max: 4, Axes: axes(n)}
			g := c.Geometry(50, 60, 40)
			centre := Point{50, 60}
			for i, a := range g.Axes {
				want := 2 * math.Pi * float64(i) / float64(n)
				if math.Abs(a.Angle-want) > eps {
					t.Errorf("axis %d: angle %v, want %v", i, a.Angle, want)
				}
				if d := dist(a.End, centre); math.Abs(d-40) > eps {
					t.Errorf("axis %d: end %v is %v from the centre, want 40", i, a.End, d)
				}
				// Screen angle, clockwise from up: atan2 of (dx, -dy).
				got := math.Atan2(a.End.X-50, -(a.End.Y - 60))
				if got < -eps {
					got += 2 * math.Pi
				}
				if math.Abs(got-want) > 1e-9 {
					t.Errorf("axis %d: on the circle at %v rad, want %v", i, got, want)
				}
			}
			if !near(g.Axes[0].End, Point{50, 20}) {
				t.Errorf("first axis ends at %v, want straight up (50, 20)", g.Axes[0].End)
			}
			// Clockwise: the second axis is right of the first, the last left of it.
			if g.Axes[1].End.X <= 50 || g.Axes[n-1].End.X >= 50 {
				t.Errorf("axes do not run clockwise: second %v, last %v", g.Axes[1].End, g.Axes[n-1].End)
			}
		})
	}
}

func TestGeometryClamping(t *testing.T) {
	tests := []struct {
		name  string
		value float64
		want  float64 // distance from the centre, radius 10, Max 4
	}{
		{"zero", 0, 0},
		{"half", 2, 5},
		{"fraction", 1.5, 3.75},
		{"top", 4, 10},
		{"above top", 7, 10},
		{"negative", -3, 0},
		{"+inf", math.Inf(1), 10},
		{"-inf", math.Inf(-1), 0},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			c := Radar{Max: 4, Axes: []Axis{{Value: f64(tc.value)}, {Value: f64(tc.value)}, {Value: f64(tc.value)}}}
			g := c.Geometry(0, 0, 10)
			for i, p := range g.Values {
				if d := dist(p, Point{}); math.Abs(d-tc.want) > eps {
					t.Errorf("axis %d: %v from the centre, want %v", i, d, tc.want)
				}
			}
			if len(g.NotRated) != 0 || g.Targets != nil || g.NoTarget != nil {
				t.Errorf("not rated %v, targets %v, no target %v: want none", g.NotRated, g.Targets, g.NoTarget)
			}
		})
	}
}

func TestGeometryNotRated(t *testing.T) {
	c := Radar{Max: 4, Axes: []Axis{{Value: f64(2)}, {}, {Value: f64(math.NaN()), Target: f64(math.NaN())}, {Value: f64(0), Target: f64(1)}}}
	g := c.Geometry(10, 10, 8)
	if !slices.Equal(g.NotRated, []int{1, 2}) {
		t.Errorf("not rated: got %v, want [1 2] (NaN counts as not rated)", g.NotRated)
	}
	if !slices.Equal(g.NoTarget, []int{0, 1, 2}) {
		t.Errorf("no target: got %v, want [0 1 2]", g.NoTarget)
	}
	for _, i := range []int{1, 2, 3} { // not rated, and a real 0, all at the centre
		if !near(g.Values[i], Point{10, 10}) {
			t.Errorf("axis %d: value at %v, want the centre", i, g.Values[i])
		}
	}
}

func TestGeometryFewAxes(t *testing.T) {
	for n := range 4 {
		t.Run(fmt.Sprint(n), func(t *testing.T) {
			g := Radar{Max: 4, Axes: axes(n)}.Geometry(0, 0, 10)
			if g.BarList != (n < 3) {
				t.Errorf("BarList %v with %d axes", g.BarList, n)
			}
			if len(g.Axes) != n || len(g.Values) != n {
				t.Errorf("got %d axes and %d values, want %d", len(g.Axes), len(g.Values), n)
			}
			wantRings := 4
			if n == 0 {
				wantRings = 0
			}
			if len(g.Rings) != wantRings {
				t.Errorf("got %d rings, want %d", len(g.Rings), wantRings)
			}
			for _, r := range g.Rings {
				if len(r.Points) != n {
					t.Errorf("ring %d has %d points, want %d", r.Level, len(r.Points), n)
				}
			}
			if n >= 1 && !near(g.Axes[0].End, Point{0, -10}) {
				t.Errorf("first axis ends at %v, want (0, -10)", g.Axes[0].End)
			}
			if n == 2 && !near(g.Axes[1].End, Point{0, 10}) {
				t.Errorf("second of two axes ends at %v, want straight down", g.Axes[1].End)
			}
		})
	}
}

func TestGeometryScale(t *testing.T) {
	tests := []struct {
		name  string
		max   float64
		rings []int
	}{
		{"whole levels only", 4.5, []int{1, 2, 3, 4}},
		{"seven", 7, []int{1, 2, 3, 4, 5, 6, 7}},
		{"below one", 0.5, nil},
		{"zero", 0, nil},
		{"negative", -2, nil},
		{"NaN", math.NaN(), nil},
		{"infinite", math.Inf(1), nil},
		{"huge", 1e9, []int{1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			g := Radar{Max: tc.max, Axes: axes(5)}.Geometry(0, 0, 10)
			var got []int
			for _, r := range g.Rings {
				got = append(got, r.Level)
				for _, p := range r.Points {
					if want := 10 * float64(r.Level) / tc.max; math.Abs(dist(p, Point{})-want) > eps {
						t.Errorf("ring %d point %v is %v from the centre, want %v", r.Level, p, dist(p, Point{}), want)
					}
				}
			}
			if !slices.Equal(got, tc.rings) {
				t.Errorf("rings %v, want %v", got, tc.rings)
			}
			if !(tc.max > 0) || math.IsInf(tc.max, 0) {
				for i, p := range slices.Concat(g.Values, g.Targets) {
					if !near(p, Point{}) {
						t.Errorf("no scale: point %d at %v, want the centre", i, p)
					}
				}
			}
		})
	}
}

func TestSplitRadar(t *testing.T) {
	tests := []struct {
		n      int
		sizes  []int
		titles []string
	}{
		{0, nil, nil},
		{1, []int{1}, []string{"Skills"}},
		{2, []int{2}, []string{"Skills"}},
		{3, []int{3}, []string{"Skills"}},
		{16, []int{16}, []string{"Skills"}},
		{17, []int{9, 8}, []string{"Skills (1 of 2)", "Skills (2 of 2)"}},
		{32, []int{16, 16}, []string{"Skills (1 of 2)", "Skills (2 of 2)"}},
		{33, []int{11, 11, 11}, []string{"Skills (1 of 3)", "Skills (2 of 3)", "Skills (3 of 3)"}},
		{34, []int{12, 11, 11}, []string{"Skills (1 of 3)", "Skills (2 of 3)", "Skills (3 of 3)"}},
		{49, []int{13, 12, 12, 12}, []string{"Skills (1 of 4)", "Skills (2 of 4)", "Skills (3 of 4)", "Skills (4 of 4)"}},
	}
	for _, tc := range tests {
		t.Run(fmt.Sprint(tc.n), func(t *testing.T) {
			in := axes(tc.n)
			rs := SplitRadar("Skills", in, 4)
			var sizes []int
			var titles []string
			var labels []string
			for _, r := range rs {
				sizes = append(sizes, len(r.Axes))
				titles = append(titles, r.Title)
				if r.Max != 4 {
					t.Errorf("%s: Max %v, want 4", r.Title, r.Max)
				}
				if len(r.Axes) > MaxAxes || (tc.n >= MinAxes && len(r.Axes) < MinAxes) {
					t.Errorf("%s: %d axes", r.Title, len(r.Axes))
				}
				for _, a := range r.Axes {
					labels = append(labels, a.Label)
				}
			}
			if !slices.Equal(sizes, tc.sizes) || !slices.Equal(titles, tc.titles) {
				t.Errorf("got %v %q, want %v %q", sizes, titles, tc.sizes, tc.titles)
			}
			var want []string
			for _, a := range in {
				want = append(want, a.Label)
			}
			if !slices.Equal(labels, want) {
				t.Errorf("axes out of order: %v", labels)
			}
		})
	}
	// The charts own their axes: changing the input afterwards changes no chart.
	in := axes(17)
	rs := SplitRadar("x", in, 4)
	in[0].Label = "changed"
	if rs[0].Axes[0].Label != "a0" {
		t.Error("SplitRadar shares its input slice")
	}
}

// Every point of every polygon lies within the circle, and every label
// anchor on the label circle, whatever the values.
func TestGeometryStaysInsideTheCircle(t *testing.T) {
	rng := rand.New(rand.NewPCG(1, 2))
	value := func() *float64 {
		switch rng.IntN(8) {
		case 0:
			return nil
		case 1:
			return f64(-rng.Float64() * 10)
		case 2:
			return f64(10 + rng.Float64()*100)
		case 3:
			return f64(math.NaN())
		}
		return f64(rng.Float64() * 8)
	}
	for run := range 500 {
		n := rng.IntN(MaxAxes + 1)
		c := Radar{Max: []float64{1, 4, 4.5, 7, 0}[rng.IntN(5)], Axes: make([]Axis, n)}
		for i := range c.Axes {
			c.Axes[i] = Axis{Value: value(), Target: value()}
		}
		cx, cy, r := rng.Float64()*500, rng.Float64()*500, rng.Float64()*300
		g := c.Geometry(cx, cy, r)
		centre := Point{cx, cy}
		points := slices.Concat(g.Values, g.Targets)
		for _, ring := range g.Rings {
			points = append(points, ring.Points...)
		}
		for _, a := range g.Axes {
			points = append(points, a.End)
			if d := dist(a.LabelAt, centre); math.Abs(d-g.LabelRadius) > 1e-6 {
				t.Fatalf("run %d: label %v at %v from the centre, want %v", run, a.LabelAt, d, g.LabelRadius)
			}
		}
		for _, p := range points {
			if math.IsNaN(p.X) || math.IsNaN(p.Y) || dist(p, centre) > r+1e-6 {
				t.Fatalf("run %d (%+v): point %v is %v from the centre, radius %v", run, c, p, dist(p, centre), r)
			}
		}
		if len(g.Values) != n || (g.Targets != nil && len(g.Targets) != n) {
			t.Fatalf("run %d: %d values, %d targets for %d axes", run, len(g.Values), len(g.Targets), n)
		}
	}
}

func TestLevelAxisCarriesTheNumbers(t *testing.T) {
	three, five := 3, 5
	cases := []struct {
		cur, tgt *int
		label    string
	}{
		{&three, &five, "ITSP 3/5"},
		{nil, &five, "ITSP –/5"},
		{&three, nil, "ITSP 3/–"},
	}
	for _, c := range cases {
		a := LevelAxis("ITSP", c.cur, c.tgt)
		if a.Label != c.label || (a.Value == nil) != (c.cur == nil) || (a.Target == nil) != (c.tgt == nil) {
			t.Errorf("LevelAxis(%v, %v) = %+v", c.cur, c.tgt, a)
		}
		// The numbers are kept apart, so a renderer short of room cuts the name, never them.
		if g := (Radar{Axes: []Axis{a, a, a}, Max: 5}).Geometry(0, 0, 10); a.Label != "ITSP "+a.Levels || g.Axes[0].Levels != a.Levels {
			t.Errorf("LevelAxis(%v, %v): levels %q, in the geometry %q", c.cur, c.tgt, a.Levels, g.Axes[0].Levels)
		}
		if c.cur != nil && *a.Value != float64(*c.cur) {
			t.Errorf("value %v", *a.Value)
		}
	}
}
