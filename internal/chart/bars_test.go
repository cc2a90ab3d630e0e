package chart

import (
	"math"
	"strings"
	"testing"

	"gapwise/internal/gap"
	"gapwise/internal/model"
)

func TestBarGeometry(t *testing.T) {
	near := func(a, b float64) bool { return math.Abs(a-b) < 1e-9 }
	cases := []struct {
		name   string
		bars   []float64
		ref    float64
		max    float64
		ticks  int
		refX   float64 // the reference line's x; -1 none
		widths []float64
	}{
		// Plot: x from 100 to 400 (300 wide).
		{"the benchmark beyond every bar sets the axis", []float64{1, 2.5}, 5, 5, 6, 400, []float64{60, 150}},
		{"a bar beyond the benchmark sets the axis", []float64{7.2, 1}, 5, 8, 5, 100 + 300*5.0/8, []float64{300 * 7.2 / 8, 300.0 / 8}},
		{"counts", []float64{4, 1, 12}, 0, 15, 4, -1, []float64{80, 20, 240}},
		{"one member", []float64{1, 1}, 0, 1, 2, -1, []float64{300, 300}},
		{"nothing at all", []float64{0}, 0, 1, 2, -1, []float64{0}},
		{"tenths", []float64{0.6, 0.3}, 0.01, 0.6, 4, 100 + 300*0.01/0.6, []float64{300, 150}},
		{"negative counts as zero", []float64{-3, 2}, 0, 2, 3, -1, []float64{0, 300}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			bc := BarChart{Ref: c.ref, Whole: c.ref == 0}
			for _, v := range c.bars {
				bc.Bars = append(bc.Bars, Bar{Value: v, Hatched: true})
			}
			g := bc.Geometry(0, 10, 500, 100, 100, 20)
			if !near(g.Max, c.max) || len(g.Ticks) != c.ticks {
				t.Fatalf("axis to %v with %d ticks %+v; want %v, %d", g.Max, len(g.Ticks), g.Ticks, c.max, c.ticks)
			}
			for _, tk := range g.Ticks {
				if strings.Count(tk.Label, "0") > 3 || (bc.Whole && strings.Contains(tk.Label, ".")) {
					t.Errorf("tick label %q", tk.Label)
				}
			}
			if !near(g.Ticks[0].X, 100) || !near(g.Ticks[len(g.Ticks)-1].X, 400) || g.Ticks[0].Label != "0" {
				t.Errorf("ticks %+v do not run from 0 at x=100 to the axis end at 400", g.Ticks)
			}
			switch {
			case c.refX < 0 && g.Ref != nil:
				t.Errorf("a reference line at %+v with none asked", g.Ref)
			case c.refX >= 0 && (g.Ref == nil || !near(g.Ref.A.X, c.refX) || !near(g.Ref.A.Y, 10) || !near(g.Ref.B.Y, 10+20*float64(len(c.bars)))):
				t.Errorf("reference line %+v; want at x=%v over every row", g.Ref, c.refX)
			}
			for i, r := range g.Rows {
				if !near(r.Box.W, c.widths[i]) || !near(r.Box.X, 100) || !near(r.TextAt.X, 410) {
					t.Errorf("row %d: box %+v, text at %+v; want width %v from 100", i, r.Box, r.TextAt, c.widths[i])
				}
				if r.Box.Y < 10+20*float64(i) || r.Box.Y+r.Box.H > 10+20*float64(i+1) {
					t.Errorf("row %d: box %+v outside its row", i, r.Box)
				}
				if (r.Box.W > 0) != (len(r.Hatch) > 0) {
					t.Errorf("row %d: %d hatch lines for a bar %v wide", i, len(r.Hatch), r.Box.W)
				}
			}
		})
	}
}

func TestHatchLinesStayInsideTheirBox(t *testing.T) {
	for _, r := range []Rect{{10, 5, 100, 12}, {0, 0, 3, 12}, {0, 0, 12, 3}} {
		lines := HatchLines(r, 4)
		if len(lines) == 0 {
			t.Errorf("%+v: no hatching", r)
		}
		for _, s := range lines {
			for _, p := range []Point{s.A, s.B} {
				if p.X < r.X-1e-9 || p.X > r.X+r.W+1e-9 || p.Y < r.Y-1e-9 || p.Y > r.Y+r.H+1e-9 {
					t.Errorf("%+v: line %+v leaves the box", r, s)
				}
			}
			if dx, dy := s.B.X-s.A.X, s.A.Y-s.B.Y; math.Abs(dx-dy) > 1e-9 || dx <= 0 {
				t.Errorf("%+v: line %+v is not a rising diagonal", r, s)
			}
		}
	}
	if HatchLines(Rect{0, 0, 0, 10}, 4) != nil {
		t.Error("an empty box is hatched")
	}
}

func TestCompositionChartsShowWhatTheDisplayAllows(t *testing.T) {
	var people []model.Person
	add := func(d model.Discipline, n int, wte float64) {
		for range n {
			people = append(people, model.Person{ID: string(d) + string(rune('a'+len(people))), Discipline: d, InformaticsWTE: wte})
		}
	}
	add(model.Nurse, 4, 0.5)
	add(model.Doctor, 3, 0.2)
	add(model.Pharmacist, 1, 0.8) // the one pharmacist
	add(model.NonClinical, 3, 1)
	c := gap.TeamComposition(people)
	rows := func(bc BarChart) string {
		var out []string
		for _, b := range bc.Bars {
			s := b.Label + "=" + b.Text
			if b.Hatched {
				s += " [hatched]"
			}
			if b.Hidden {
				s += " [hidden]"
			}
			out = append(out, s)
		}
		return strings.Join(out, "; ")
	}
	cases := []struct {
		name     string
		d        gap.Display
		mix, wte string
	}{
		{"named", gap.NamedDisplay(),
			"Doctor=3 members (27%) · 0.6 WTE; Nurse=4 members (36%) · 2 WTE; Pharmacist=1 member (9%) · 0.8 WTE; Non-clinical=3 members (27%) · 3 WTE [hatched]",
			"Doctor=0.6 WTE; Nurse=2 WTE; Pharmacist=0.8 WTE; Non-clinical=3 WTE [hatched]; " +
				"Clinical disciplines, total=3.4 WTE (8 members) · 68% of the benchmark; Non-clinical, total=3 WTE (3 members) [hatched]"},
		// The pharmacist has no row (nor the doctors: their count would
		// give the pharmacist's by subtraction), and with no discipline's
		// time shown the sums give nobody's time away.
		{"workshop", gap.WorkshopDisplay(3),
			"Nurse=4 members (36%); Non-clinical=3 members (27%) [hatched]",
			"Clinical disciplines, total=3.4 WTE · 68% of the benchmark; Non-clinical, total=3 WTE [hatched]"},
		{"workshop, at least 4", gap.WorkshopDisplay(4),
			"Nurse=4 members (36%)",
			"Clinical disciplines, total=3.4 WTE · 68% of the benchmark; Non-clinical, total=fewer than 4 people: not shown [hatched] [hidden]"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			charts := CompositionCharts(c, tc.d)
			if len(charts) != 2 {
				t.Fatalf("%d charts", len(charts))
			}
			if got := rows(charts[0]); got != tc.mix {
				t.Errorf("mix:\n got %s\nwant %s", got, tc.mix)
			}
			if got := rows(charts[1]); got != tc.wte {
				t.Errorf("WTE:\n got %s\nwant %s", got, tc.wte)
			}
			if charts[1].Ref != 5 || !strings.Contains(charts[1].RefLabel, "clinical disciplines only") || !strings.Contains(charts[1].Note, "clinical disciplines only") {
				t.Errorf("the benchmark line %v %q does not say it counts clinical disciplines only (%q)", charts[1].Ref, charts[1].RefLabel, charts[1].Note)
			}
			if tc.d.Workshop && strings.Contains(rows(charts[0])+rows(charts[1])+charts[0].Note+charts[1].Note, "Pharmacist") {
				t.Error("workshop display names the one pharmacist")
			}
		})
	}
}

func TestDisciplineLabelSaysWhatIsNotClinical(t *testing.T) {
	for d, want := range map[model.Discipline]string{
		model.Nurse: "Nurse", model.SocialWorker: "Social worker", model.NonClinical: "Non-clinical",
		"": "Not recorded (not clinical)", "astronaut": "astronaut (not clinical)",
	} {
		if got := DisciplineLabel(d); got != want {
			t.Errorf("%q: %q, want %q", d, got, want)
		}
	}
}
