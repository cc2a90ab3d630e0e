package gap

import (
	"cmp"
	"slices"
	"time"

	"gapwise/internal/model"
)

// ChangeKind says how an item's rating moved between two assessments.
type ChangeKind int

// Kinds of change, in the order Compare lists them.
const (
	Up            ChangeKind = iota + 1 // rated both times, higher now
	Down                                // rated both times, lower now
	NewlyRated                          // not rated before, rated now
	NoLongerRated                       // rated before, not rated now
)

func (k ChangeKind) String() string {
	switch k {
	case Up:
		return "up"
	case Down:
		return "down"
	case NewlyRated:
		return "newly rated"
	case NoLongerRated:
		return "no longer rated"
	}
	return "unknown"
}

// Change is one item whose rating differs between two assessments.
type Change struct {
	Item     *model.Item // points into the framework's items
	Kind     ChangeKind
	Before   *int // nil when not rated before
	After    *int // nil when not rated now
	Delta    int  // After - Before when both are rated, else 0
	BeforeAt time.Time
	AfterAt  time.Time
}

// Compare lists the items whose rating changed between a previous and a
// current assessment of the same framework version: level changes, items
// newly rated and items no longer rated. Becoming rated is not a rise from
// zero (not rated is not zero), so those changes carry no Delta.
//
// Order: rises, largest first; then falls, largest first; then newly rated;
// then no longer rated; ties in framework order. Ratings of items that are
// not in the framework are ignored.
func Compare(f *model.Framework, previous, current []model.Rating) []Change {
	if f == nil {
		return nil
	}
	before, after := ratingsByItem(previous), ratingsByItem(current)
	var out []Change
	for i := range f.Items {
		it := &f.Items[i]
		b, hadB := before[it.ID]
		a, hadA := after[it.ID]
		c := Change{Item: it, BeforeAt: b.RatedAt, AfterAt: a.RatedAt}
		switch {
		case hadB && hadA:
			if a.Level == b.Level {
				continue
			}
			c.Before, c.After, c.Delta = ptr(b.Level), ptr(a.Level), a.Level-b.Level
			c.Kind = Down
			if c.Delta > 0 {
				c.Kind = Up
			}
		case hadA:
			c.Kind, c.After = NewlyRated, ptr(a.Level)
		case hadB:
			c.Kind, c.Before = NoLongerRated, ptr(b.Level)
		default:
			continue
		}
		out = append(out, c)
	}
	// Built in framework order; the stable sort keeps it among ties.
	slices.SortStableFunc(out, func(x, y Change) int {
		return cmp.Or(cmp.Compare(x.Kind, y.Kind), cmp.Compare(abs(y.Delta), abs(x.Delta)))
	})
	return out
}

func abs(n int) int {
	if n < 0 {
		return -n
	}
	return n
}
