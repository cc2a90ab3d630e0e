package ui

import (
	"context"
	"testing"

	"gapwise/internal/model"
)

// BenchmarkAppraisalView188 measures the UI-goroutine work of opening a
// joint appraisal of all 188 DDaT items with two appraisers: applying the
// loaded view (summary, headers, sign-off rows, the filtered list) and
// laying out and drawing the window once. Loading the view from the
// database runs off the UI goroutine and is not counted.
func BenchmarkAppraisalView188(b *testing.B) {
	ctx := context.Background()
	s, _ := benchShell(b)
	ws := s.ws
	p, err := ws.AddPerson(ctx, model.Person{Name: "Sam Jones", Discipline: model.Nurse})
	if err != nil {
		b.Fatal(err)
	}
	ddat := model.FrameworkRef{ID: "ddat", Version: "2025-q3"}
	self, err := ws.StartAssessment(ctx, p.ID, ddat, model.SelfAssessment, "", model.Scope{})
	if err != nil {
		b.Fatal(err)
	}
	f, err := ws.Framework(ctx, ddat)
	if err != nil {
		b.Fatal(err)
	}
	ap, err := ws.StartAppraisal(ctx, self.ID, []model.Appraiser{
		{Name: "Dr Ann Inf", Role: "informatics appraiser"}, {Name: "Dr Ben Clin", Role: "clinical appraiser"},
	}, "2026/27")
	if err != nil {
		b.Fatal(err)
	}
	inf, _ := ws.RateAsAppraiser(ctx, ap.ID, "Dr Ann Inf")
	clin, _ := ws.RateAsAppraiser(ctx, ap.ID, "Dr Ben Clin")
	for i := range f.Items {
		it := &f.Items[i]
		lv := it.Levels[i%len(it.Levels)]
		for k, a := range []string{self.ID, inf.ID, clin.ID} {
			l := lv
			if k == 2 && i%5 == 0 {
				l = it.Levels[(i+1)%len(it.Levels)]
			}
			if err := ws.Rate(ctx, a, model.Rating{Item: it.ID, Level: l}); err != nil {
				b.Fatal(err)
			}
		}
	}
	v, err := ws.AppraisalView(ctx, ap.ID)
	if err != nil {
		b.Fatal(err)
	}
	if len(v.Items) != len(f.Items) || len(f.Items) < 188 {
		b.Fatalf("%d items in the view, %d in DDaT", len(v.Items), len(f.Items))
	}
	s.showTab("Appraisal")
	c := s.win.Canvas()
	b.Run("apply", func(b *testing.B) {
		for i := 0; i < b.N; i++ {
			s.appraisal.view = nil // opened afresh each time
			s.appraisal.apply(v)
		}
	})
	// With one frame drawn by the software renderer (slower than the GL
	// driver, which draws on its own thread).
	b.Run("apply+frame", func(b *testing.B) {
		for i := 0; i < b.N; i++ {
			s.appraisal.view = nil
			s.appraisal.apply(v)
			_ = c.Capture()
		}
	})
}
