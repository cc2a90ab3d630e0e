package ui

import (
	"context"
	"path/filepath"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"

	"gapwise/internal/model"
	"gapwise/internal/workspace"
)

// benchShell opens the app with a person and a full SFIA 9 assessment.
func benchShell(b *testing.B) (*Shell, string) {
	b.Helper()
	a := test.NewTempApp(b)
	w := a.NewWindow("Gapwise")
	w.Resize(fyne.NewSize(1280, 800))
	ws, err := workspace.Open(context.Background(), filepath.Join(b.TempDir(), "g.db"))
	if err != nil {
		b.Fatal(err)
	}
	b.Cleanup(func() { ws.Close() })
	p, err := ws.AddPerson(context.Background(), model.Person{Name: "Bench", Discipline: model.Nurse})
	if err != nil {
		b.Fatal(err)
	}
	as, err := ws.StartAssessment(context.Background(), p.ID, model.FrameworkRef{ID: "sfia", Version: "9"}, model.SelfAssessment, "", model.Scope{})
	if err != nil {
		b.Fatal(err)
	}
	s := newShell(w, ws)
	w.SetContent(s.content())
	return s, as.ID
}

// BenchmarkRateScreenOpenSFIA9 opens the rating screen on all 147 SFIA 9
// skills: database read, contents list and first item.
func BenchmarkRateScreenOpenSFIA9(b *testing.B) {
	s, id := benchShell(b)
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		s.openAssessment(id, true)
	}
}

// BenchmarkRateScreenSwitchItem is the UI-goroutine work of moving to the
// next item (target: under 16 ms, one frame).
func BenchmarkRateScreenSwitchItem(b *testing.B) {
	s, id := benchShell(b)
	s.openAssessment(id, true)
	r := s.rate
	if len(r.shownSheet().Items) != 147 {
		b.Fatalf("%d items", len(r.shownSheet().Items))
	}
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		r.selectItem(r.shownSheet().Items[i%147].ID)
	}
}
