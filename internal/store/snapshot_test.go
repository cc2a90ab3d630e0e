package store

import (
	"context"
	"slices"
	"strings"
	"testing"

	"gapwise/internal/model"
)

// Reads under one Snapshot see one state of the database: a change
// committed meanwhile (on another connection) shows only after it.
func TestSnapshotReadsOneState(t *testing.T) {
	ctx := context.Background()
	s := newStore(t)
	p, a := newAssessment(t, s)
	if err := s.SetRating(ctx, a.ID, model.Rating{Item: "A", Level: 1}); err != nil {
		t.Fatal(err)
	}
	err := s.Snapshot(ctx, func(ctx context.Context) error {
		before, err := s.Ratings(ctx, a.ID)
		if err != nil {
			return err
		}
		// A change made meanwhile, through the same context: it commits.
		if err := s.SetRating(ctx, a.ID, model.Rating{Item: "A", Level: 2}); err != nil {
			return err
		}
		p.Name = "Renamed"
		if err := s.UpdatePerson(ctx, p); err != nil {
			return err
		}
		after, err := s.Ratings(ctx, a.ID)
		if err != nil {
			return err
		}
		who, err := s.Person(ctx, p.ID) // a single statement, not s.read
		if err != nil {
			return err
		}
		if before[0].Level != 1 || after[0].Level != 1 || who.Name != "Ada Example" {
			t.Errorf("inside the snapshot: levels %d then %d, name %q; want 1, 1 and the old name", before[0].Level, after[0].Level, who.Name)
		}
		// A nested snapshot is the same one.
		return s.Snapshot(ctx, func(ctx context.Context) error {
			inner, err := s.Ratings(ctx, a.ID)
			if err == nil && inner[0].Level != 1 {
				t.Errorf("a nested snapshot sees level %d", inner[0].Level)
			}
			return err
		})
	})
	if err != nil {
		t.Fatal(err)
	}
	now, err := s.Ratings(ctx, a.ID)
	if err != nil || now[0].Level != 2 {
		t.Fatalf("after the snapshot: %v, %v; want level 2", now, err)
	}
}

// RatingsByItem holds the same ratings as Ratings, in any order.
func TestRatingsByItemSameAsRatings(t *testing.T) {
	ctx := context.Background()
	s := newStore(t)
	_, a := newAssessment(t, s)
	for _, r := range []model.Rating{{Item: "B", Level: 5, Confidence: 3, Evidence: "did it", Interest: true}, {Item: "A", Level: 1}} {
		if err := s.SetRating(ctx, a.ID, r); err != nil {
			t.Fatal(err)
		}
	}
	ordered, err := s.Ratings(ctx, a.ID)
	if err != nil {
		t.Fatal(err)
	}
	unordered, err := s.RatingsByItem(ctx, a.ID)
	if err != nil {
		t.Fatal(err)
	}
	byItem := func(x, y model.Rating) int { return strings.Compare(x.Item, y.Item) }
	slices.SortFunc(ordered, byItem)
	slices.SortFunc(unordered, byItem)
	if len(ordered) != 2 || !slices.EqualFunc(ordered, unordered, func(x, y model.Rating) bool {
		return x.Item == y.Item && x.Level == y.Level && x.Confidence == y.Confidence && x.Evidence == y.Evidence &&
			x.Interest == y.Interest && x.RatedAt.Equal(y.RatedAt)
	}) {
		t.Errorf("Ratings %+v\nRatingsByItem %+v", ordered, unordered)
	}
	if _, err := s.RatingsByItem(ctx, "no-such-assessment"); model.KindOf(err) != model.NotFound {
		t.Errorf("an unknown assessment: %v, want not found", err)
	}
}
