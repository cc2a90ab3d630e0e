package store

import (
	"context"
	"slices"
	"testing"
	"time"

	"gapwise/internal/model"
)

func TestRatingsRoundTrip(t *testing.T) {
	ctx := context.Background()
	s := newStore(t)
	_, a := newAssessment(t, s)
	ratedAt := time.Date(2026, 3, 4, 5, 6, 7, 891_000_000, time.UTC)

	if rs := mustRatings(t, s, a.ID); len(rs) != 0 {
		t.Fatalf("new assessment has ratings: %v", rs)
	}
	// Set out of item order; C stays not rated.
	for _, r := range []model.Rating{
		{Item: "B", Level: model.NoneLevel},
		{Item: "A", Level: 2, Confidence: 3, Evidence: "ran the audit", RatedAt: ratedAt},
	} {
		if err := s.SetRating(ctx, a.ID, r); err != nil {
			t.Fatal(err)
		}
	}
	rs := mustRatings(t, s, a.ID)
	if len(rs) != 2 || rs[0].Item != "A" || rs[1].Item != "B" {
		t.Fatalf("ratings %+v: want A then B (item order), and C absent (not rated)", rs)
	}
	if want := (model.Rating{Item: "A", Level: 2, Confidence: 3, Evidence: "ran the audit", RatedAt: ratedAt}); rs[0] != want {
		t.Errorf("A = %+v, want %+v", rs[0], want)
	}
	if rs[1].Level != 0 || rs[1].RatedAt.IsZero() {
		t.Errorf("B = %+v: want level 0 (none yet) kept as a rating, with a time", rs[1])
	}

	before, _ := s.Assessment(ctx, a.ID)
	time.Sleep(5 * time.Millisecond)
	if err := s.SetRating(ctx, a.ID, model.Rating{Item: "A", Level: 3}); err != nil {
		t.Fatal(err)
	}
	after, _ := s.Assessment(ctx, a.ID)
	if !after.UpdatedAt.After(before.UpdatedAt) {
		t.Errorf("updated_at %v not after %v", after.UpdatedAt, before.UpdatedAt)
	}
	if rs := mustRatings(t, s, a.ID); rs[0].Level != 3 || rs[0].Evidence != "" || len(rs) != 2 {
		t.Errorf("after replacing A: %+v", rs)
	}

	if err := s.ClearRating(ctx, a.ID, "A"); err != nil {
		t.Fatal(err)
	}
	if err := s.ClearRating(ctx, a.ID, "C"); err != nil {
		t.Errorf("clearing an unrated item: %v", err)
	}
	if rs := mustRatings(t, s, a.ID); len(rs) != 1 || rs[0].Item != "B" {
		t.Errorf("after clearing A: %+v", rs)
	}
	wantKind(t, s.ClearRating(ctx, "no-such-assessment", "A"), model.NotFound)
	_, err := s.Ratings(ctx, "no-such-assessment")
	wantKind(t, err, model.NotFound)
}

func TestSetRatingRefusesBadRatings(t *testing.T) {
	ctx := context.Background()
	s := newStore(t)
	_, a := newAssessment(t, s)
	if err := s.SetRating(ctx, a.ID, model.Rating{Item: "A", Level: 1}); err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name       string
		assessment string
		rating     model.Rating
		kind       model.ErrorKind
	}{
		{"negative level", a.ID, model.Rating{Item: "A", Level: -1}, model.Invalid},
		{"level above the item's", a.ID, model.Rating{Item: "A", Level: 4}, model.Invalid},
		{"level below the item's", a.ID, model.Rating{Item: "B", Level: 3}, model.Invalid},
		{"unknown item", a.ID, model.Rating{Item: "Z", Level: 1}, model.Invalid},
		{"confidence 6", a.ID, model.Rating{Item: "A", Level: 2, Confidence: 6}, model.Invalid},
		{"negative confidence", a.ID, model.Rating{Item: "A", Level: 2, Confidence: -1}, model.Invalid},
		{"unknown assessment", "nope", model.Rating{Item: "A", Level: 1}, model.NotFound},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			before, _ := s.Assessment(ctx, a.ID)
			err := s.SetRating(ctx, tc.assessment, tc.rating)
			wantKind(t, err, tc.kind)
			t.Log(err)
			if rs := mustRatings(t, s, a.ID); len(rs) != 1 || rs[0].Level != 1 {
				t.Errorf("ratings changed: %+v", rs)
			}
			if after, _ := s.Assessment(ctx, a.ID); !after.UpdatedAt.Equal(before.UpdatedAt) {
				t.Error("a refused rating still touched the assessment")
			}
		})
	}
}

func TestTargets(t *testing.T) {
	ctx := context.Background()
	s := newStore(t)
	_, a := newAssessment(t, s)
	set := []model.Target{{Item: "B", Level: 5, Source: "role:data/analyst/senior"}, {Item: "A", Level: 3}}
	if err := s.SetTargets(ctx, a.ID, set); err != nil {
		t.Fatal(err)
	}
	got, err := s.Targets(ctx, a.ID)
	want := []model.Target{{Item: "A", Level: 3, Source: "manual"}, {Item: "B", Level: 5, Source: "role:data/analyst/senior"}}
	if err != nil || !slices.Equal(got, want) {
		t.Fatalf("Targets = %v, %v; want %v", got, err, want)
	}
	if err := s.SetTargets(ctx, a.ID, []model.Target{{Item: "C", Level: 2}}); err != nil {
		t.Fatal(err)
	}
	for _, bad := range [][]model.Target{
		{{Item: "A", Level: 1}, {Item: "Z", Level: 1}},
		{{Item: "A", Level: 1}, {Item: "A", Level: 2}},
		{{Item: "B", Level: 2}},
	} {
		err := s.SetTargets(ctx, a.ID, bad)
		wantKind(t, err, model.Invalid)
		t.Log(err)
	}
	if got, _ := s.Targets(ctx, a.ID); !slices.Equal(got, []model.Target{{Item: "C", Level: 2, Source: "manual"}}) {
		t.Errorf("refused replacement changed targets: %v", got)
	}
	wantKind(t, s.SetTargets(ctx, "nope", nil), model.NotFound)
}
