package workspace

import (
	"context"
	"testing"

	"gapwise/internal/gap"
	"gapwise/internal/model"
)

// BenchmarkPathwaysDDaT ranks all 201 real DDaT role levels for one person
// with every skill rated (target: under 50 ms).
func BenchmarkPathwaysDDaT(b *testing.B) {
	ws := openTemp(b)
	f, err := ws.ResolveFramework(context.Background(), "ddat@2025-q3")
	if err != nil {
		b.Fatal(err)
	}
	ratings := make([]model.Rating, len(f.Items))
	for i, it := range f.Items {
		ratings[i] = model.Rating{Item: it.ID, Level: i % 5}
	}
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		if got := gap.Pathways(f, ratings); len(got) != 201 {
			b.Fatalf("%d pathways", len(got))
		}
	}
}

// BenchmarkPathwaysView is the whole verb the Pathways screen and CLI call:
// read the assessment and its ratings from the database, then rank.
func BenchmarkPathwaysView(b *testing.B) {
	ws := openTemp(b)
	ctx := context.Background()
	p, err := ws.AddPerson(ctx, model.Person{Name: "Bench", Discipline: model.Nurse})
	if err != nil {
		b.Fatal(err)
	}
	a, err := ws.StartAssessment(ctx, p.ID, model.FrameworkRef{ID: "ddat", Version: "2025-q3"}, model.SelfAssessment, "", model.Scope{})
	if err != nil {
		b.Fatal(err)
	}
	f, _ := ws.Framework(ctx, a.Framework)
	for i, it := range f.Items {
		if err := ws.Rate(ctx, a.ID, model.Rating{Item: it.ID, Level: i % 5}); err != nil {
			b.Fatal(err)
		}
	}
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		if _, err := ws.Pathways(ctx, a.ID); err != nil {
			b.Fatal(err)
		}
	}
}
