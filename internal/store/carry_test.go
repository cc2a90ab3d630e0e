package store

import (
	"context"
	"testing"

	"gapwise/internal/model"
)

// TestReviewFlags: a carried rating stays flagged until the person re-rates
// it or confirms it; clearing the rating takes the flag with it.
func TestReviewFlags(t *testing.T) {
	ctx := context.Background()
	s := newStore(t)
	p, _ := newAssessment(t, s)
	a, err := s.CarryAssessment(ctx, model.Assessment{PersonID: p.ID, Framework: testRef, Kind: model.SelfAssessment},
		[]model.Rating{{Item: "A", Level: 2}, {Item: "B", Level: 5}, {Item: "C", Level: 1}},
		[]model.Target{{Item: "A", Level: 3}},
		map[string]string{"A": "changed: descriptor 2", "B": "changed: title", "C": "changed: levels"})
	if err != nil {
		t.Fatal(err)
	}
	reviews := func() map[string]string {
		r, err := s.Reviews(ctx, a.ID)
		if err != nil {
			t.Fatal(err)
		}
		return r
	}
	if r := reviews(); len(r) != 3 || r["A"] != "changed: descriptor 2" {
		t.Fatalf("reviews = %v", r)
	}
	if err := s.SetRating(ctx, a.ID, model.Rating{Item: "A", Level: 2}); err != nil {
		t.Fatal(err)
	}
	if err := s.ClearRating(ctx, a.ID, "B"); err != nil {
		t.Fatal(err)
	}
	if r := reviews(); len(r) != 1 || r["C"] == "" {
		t.Errorf("after re-rating A and clearing B: %v, want only C", r)
	}
	if err := s.ConfirmReview(ctx, a.ID, ""); err != nil {
		t.Fatal(err)
	}
	if r := reviews(); len(r) != 0 {
		t.Errorf("after confirming all: %v", r)
	}
	if rs, _ := s.Ratings(ctx, a.ID); len(rs) != 2 {
		t.Errorf("ratings = %v", rs)
	}
	// A flag without a rating is refused, and nothing is written.
	_, err = s.CarryAssessment(ctx, model.Assessment{PersonID: p.ID, Framework: testRef, Kind: model.SelfAssessment},
		[]model.Rating{{Item: "A", Level: 2}}, nil, map[string]string{"B": "changed"})
	if err == nil {
		t.Error("a review flag on an unrated item was accepted")
	}
	if list, _ := s.Assessments(ctx, p.ID); len(list) != 2 {
		t.Errorf("%d assessments, want 2 (the refused carry left none)", len(list))
	}
}
