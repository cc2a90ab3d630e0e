package ui

import (
	"testing"
	"unicode/utf8"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/test"

	"gapwise/internal/chart"
)

// Radar labels are cut only when there is no room, and never lose the
// levels they carry.
func TestFitLabel(t *testing.T) {
	width := func(s string) float32 { return float32(utf8.RuneCountInString(s)) * 7 }
	label := "Developing code for analysis 0/3"
	for _, tc := range []struct {
		room float32
		want string
	}{
		{1000, label},
		{width(label), label},
		{width(label) - 1, "Developing code for analys… 0/3"},
		{width("Develop… 0/3"), "Develop… 0/3"},
		{10, "D… 0/3"},
	} {
		if got := fitLabel(label, "0/3", tc.room, width); got != tc.want {
			t.Errorf("room %v: %q, want %q", tc.room, got, tc.want)
		}
	}
	if got := fitLabel("ITSP", "", 14, width); got != "I…" {
		t.Errorf("a label without levels: %q", got)
	}
}

// The old chart cut every name to 18 characters whatever its room; now a
// chart with room shows names whole, and one without cuts only what does
// not fit.
func TestRadarLabelsUseTheRoomThereIs(t *testing.T) {
	test.NewTempApp(t)
	three := 3
	names := []string{"Developing code for analysis", "Applying statistical and analytical tools", "Data management",
		"Managing a data project", "Communicating between the technical and non-technical", "Data ethics and privacy"}
	var axes []chart.Axis
	for _, n := range names {
		axes = append(axes, chart.LevelAxis(n, &three, &three))
	}
	labels := func(w, h float32) map[string]bool {
		c := newRadarChart(chart.Radar{Title: "All items", Axes: axes, Max: 5})
		c.Resize(fyne.NewSize(w, h))
		r := test.TempWidgetRenderer(t, c)
		r.Layout(fyne.NewSize(w, h))
		out := map[string]bool{}
		for _, o := range r.Objects() {
			tx, ok := o.(*canvas.Text)
			if !ok {
				continue
			}
			out[tx.Text] = true
			tw := fyne.MeasureText(tx.Text, tx.TextSize, tx.TextStyle).Width
			if x := tx.Position().X; x < 0 || x+tw > w+0.5 {
				t.Errorf("at %vx%v the label %q runs off the chart (%v to %v)", w, h, tx.Text, x, x+tw)
			}
		}
		return out
	}
	wide := labels(1100, 560)
	for _, n := range names {
		if !wide[n+" 3/3"] {
			t.Errorf("at 1100 wide %q is cut: %v", n, wide)
		}
	}
	narrow := labels(440, 352)
	if !narrow["Data management 3/3"] || !narrow["Developing code for analysis 3/3"] {
		t.Errorf("at 440 wide a name with room is cut: %v", narrow)
	}
	if narrow["Communicating between the technical and non-technical 3/3"] {
		t.Error("at 440 wide a long name was left whole")
	}
}

func TestRadarGridGivesChartsTheWidth(t *testing.T) {
	g := newRadarGrid()
	objs := []fyne.CanvasObject{newRadarChart(chart.Radar{}), newRadarChart(chart.Radar{}), newRadarChart(chart.Radar{})}
	g.Layout(objs, fyne.NewSize(500, 2000))
	if s := objs[0].Size(); s.Width != 500 {
		t.Errorf("one column: a chart is %v wide, want all 500", s)
	}
	g.Layout(objs, fyne.NewSize(1000, 2000))
	if s := objs[1].Size(); s.Width != 500 || objs[1].Position().X != 500 {
		t.Errorf("two columns: the second chart is %v at %v", s, objs[1].Position())
	}
	if m := g.MinSize(objs); m.Height != 2*min(max(500*0.8, radarMinH), radarMaxH) {
		t.Errorf("two rows of charts need %v", m)
	}
}
