package ui

import (
	"context"
	"fmt"
	"path/filepath"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"gapwise/internal/gap"
	"gapwise/internal/model"
	"gapwise/internal/workspace"
)

// BenchmarkHeatmapScroll100x150 measures the UI-goroutine work of scrolling
// the team heatmap to a new region of a 100 member x 150 item team (one
// frame's worth: the table re-binds only the visible cells).
func BenchmarkHeatmapScroll100x150(b *testing.B) {
	a := test.NewTempApp(b)
	w := a.NewWindow("Gapwise")
	w.Resize(fyne.NewSize(1280, 800))
	ws, err := workspace.Open(context.Background(), filepath.Join(b.TempDir(), "g.db"))
	if err != nil {
		b.Fatal(err)
	}
	b.Cleanup(func() { ws.Close() })
	s := newShell(w, ws)
	w.SetContent(s.content())
	f, _ := ws.ResolveFramework(context.Background(), "ddat")
	v := &workspace.TeamView{Team: model.Team{Name: "Bench"}, Framework: f}
	var members []gap.MemberRatings
	for i := 0; i < 100; i++ {
		p := model.Person{ID: fmt.Sprintf("p%03d", i), Name: fmt.Sprintf("Member %03d", i), Discipline: model.Nurse}
		v.Members = append(v.Members, p)
		var list []model.Rating
		for j := 0; j < 150; j++ {
			r := model.Rating{Item: f.Items[j].ID, Level: (i + j) % 5}
			list = append(list, r)
		}
		members = append(members, gap.MemberRatings{PersonID: p.ID, Ratings: list})
	}
	scope := make([]*model.Item, 150)
	for j := range scope {
		scope[j] = &f.Items[j]
	}
	v.Ratings = gap.TeamRatingsOf(f, members)
	v.Measures = gap.MeasureTeam(f, scope, members, nil)
	v.Composition = gap.TeamComposition(v.Members)
	s.showTab("Team")
	s.team.show(v)
	s.team.tabs.SelectIndex(1) // the heatmap
	if r, c := s.team.tableSize(); r != 100 || c != 150 {
		b.Fatalf("heatmap %dx%d", r, c)
	}
	w.Resize(fyne.NewSize(1280, 801)) // lay out the newly shown tabs
	if s.team.table.Size().Height < 300 {
		b.Fatal("the heatmap is not laid out: the benchmark would measure nothing")
	}
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		s.team.table.ScrollTo(widget.TableCellID{Row: (i * 37) % 100, Col: (i * 53) % 150})
	}
}
