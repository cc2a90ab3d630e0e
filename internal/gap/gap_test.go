package gap

import (
	"slices"
	"testing"

	"gapwise/internal/model"
)

func TestComputeItems(t *testing.T) {
	tests := []struct {
		name    string
		ratings []model.Rating
		targets []model.Target
		item    string
		want    string
	}{
		{"not rated with a target", nil, []model.Target{want("PROG", 4)}, "PROG", "PROG -/4 gap 0 not rated"},
		{"not rated, no target", nil, nil, "PROG", "PROG -/- gap 0 no target"},
		{"rated, no target", []model.Rating{rate("PROG", 3)}, nil, "PROG", "PROG 3/- gap 0 no target"},
		{"target 0 is no target", []model.Rating{rate("PROG", 3)}, []model.Target{want("PROG", 0)}, "PROG", "PROG 3/- gap 0 no target"},
		{"level 0 is a real rating", []model.Rating{rate("PROG", 0)}, []model.Target{want("PROG", 3)}, "PROG", "PROG 0/3 gap 3 below target"},
		{"below", []model.Rating{rate("PROG", 2)}, []model.Target{want("PROG", 5)}, "PROG", "PROG 2/5 gap 3 below target"},
		{"met exactly", []model.Rating{rate("PROG", 3)}, []model.Target{want("PROG", 3)}, "PROG", "PROG 3/3 gap 0 met"},
		{"above target", []model.Rating{rate("PROG", 6)}, []model.Target{want("PROG", 3)}, "PROG", "PROG 6/3 gap 0 met"},
		{"target above the item's top is capped", []model.Rating{rate("BUAN", 3)}, []model.Target{want("BUAN", 7)}, "BUAN", "BUAN 3/5 gap 2 below target (capped from 7)"},
		{"capped target met at the item's top", []model.Rating{rate("BUAN", 5)}, []model.Target{want("BUAN", 7)}, "BUAN", "BUAN 5/5 gap 0 met (capped from 7)"},
		{"target above the scale top is capped (item without levels)", []model.Rating{rate("LOOSE", 2)}, []model.Target{want("LOOSE", 9)}, "LOOSE", "LOOSE 2/7 gap 5 below target (capped from 9)"},
		{"target below the first defined level is raised", []model.Rating{rate("ITSP", 0)}, []model.Target{want("ITSP", 2)}, "ITSP", "ITSP 0/4 gap 4 below target (raised from 2)"},
		{"raised target met", []model.Rating{rate("ITSP", 4)}, []model.Target{want("ITSP", 2)}, "ITSP", "ITSP 4/4 gap 0 met (raised from 2)"},
		{"target in a hole of the levels is raised", []model.Rating{rate("HOLE", 2)}, []model.Target{want("HOLE", 3)}, "HOLE", "HOLE 2/4 gap 2 below target (raised from 3)"},
		{"gap across a hole counts scale levels", []model.Rating{rate("HOLE", 2)}, []model.Target{want("HOLE", 5)}, "HOLE", "HOLE 2/5 gap 3 below target"},
		{"later rating and target win", []model.Rating{rate("PROG", 1), rate("PROG", 4)}, []model.Target{want("PROG", 2), want("PROG", 5)}, "PROG", "PROG 4/5 gap 1 below target"},
		{"later target 0 clears an earlier one", []model.Rating{rate("PROG", 2)}, []model.Target{want("PROG", 5), want("PROG", 0)}, "PROG", "PROG 2/- gap 0 no target"},
	}
	f := sfiaLike()
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			rep := Compute(f, nil, tc.ratings, tc.targets)
			for _, g := range rep.Items {
				if g.Item.ID == tc.item {
					if got := describe(g); got != tc.want {
						t.Errorf("got %q, want %q", got, tc.want)
					}
					return
				}
			}
			t.Fatalf("item %s missing from the report", tc.item)
		})
	}
}

func TestComputeTargetSourceAndPointers(t *testing.T) {
	f := sfiaLike()
	rep := Compute(f, nil, []model.Rating{rate("ITSP", 5)},
		[]model.Target{{Item: "ITSP", Level: 6, Source: "role:sfia/x"}})
	g := rep.Items[0]
	if g.Item != &f.Items[0] {
		t.Errorf("Item does not point into the framework")
	}
	if g.TargetSource != "role:sfia/x" || g.RawTarget != 6 || g.Adjusted() {
		t.Errorf("got source %q raw %d adjusted %v", g.TargetSource, g.RawTarget, g.Adjusted())
	}
	if g.Group == nil || g.Group.ID != "plan" || g.TopGroup == nil || g.TopGroup.ID != "strat" {
		t.Errorf("groups: got %v / %v, want plan / strat", g.Group, g.TopGroup)
	}
	// Values are copies: changing the report does not reach the inputs.
	*g.Current = 1
	if again := Compute(f, nil, []model.Rating{rate("ITSP", 5)}, nil); *again.Items[0].Current != 5 {
		t.Errorf("ratings shared storage with an earlier report")
	}
}

func TestComputePersonGaps(t *testing.T) {
	f := sfiaLike()
	ratings := []model.Rating{
		rate("ITSP", 4), rate("BUAN", 2), rate("HOLE", 2), rate("PROG", 0), rate("STRAY", 1),
		rate("GHOST", 3), // not in the framework: ignored
	}
	targets := []model.Target{
		want("ITSP", 6), want("BUAN", 7), want("HOLE", 4), want("PROG", 3), want("LOOSE", 4),
		want("GHOST", 5),
	}
	ids := func(gs []ItemGap) []string {
		var out []string
		for _, g := range gs {
			out = append(out, g.Item.ID)
		}
		return out
	}
	type group struct {
		id string // "" for ungrouped
		Tally
	}
	groups := func(gs []GroupSummary) []group {
		var out []group
		for _, g := range gs {
			id := ""
			if g.Group != nil {
				id = g.Group.ID
			}
			out = append(out, group{id, g.Tally})
		}
		return out
	}
	tests := []struct {
		name   string
		scope  []*model.Item
		order  []string
		tally  Tally
		groups []group
	}{
		{
			name: "whole framework",
			// Gaps: BUAN 3 (capped to 5), PROG 3, ITSP 2, HOLE 2; ties in framework order.
			order: []string{"BUAN", "PROG", "ITSP", "HOLE", "LOOSE", "STRAY"},
			tally: Tally{Count: 6, Rated: 5, Met: 0, Below: 4, NotRated: 1, NoTarget: 1, TotalGap: 10},
			groups: []group{
				{"strat", Tally{Count: 2, Rated: 2, Below: 2, TotalGap: 5}},
				{"dev", Tally{Count: 2, Rated: 2, Below: 2, TotalGap: 5}},
				{"", Tally{Count: 2, Rated: 1, NotRated: 1, NoTarget: 1}},
			},
		},
		{
			name:  "empty scope",
			scope: []*model.Item{},
		},
		{
			name: "scope in any order, with duplicates and strangers",
			scope: []*model.Item{
				{ID: "HOLE"}, &f.Items[0], {ID: "HOLE"}, {ID: "NOPE"}, nil,
			},
			order:  []string{"ITSP", "HOLE"},
			tally:  Tally{Count: 2, Rated: 2, Below: 2, TotalGap: 4},
			groups: []group{{"strat", Tally{Count: 1, Rated: 1, Below: 1, TotalGap: 2}}, {"dev", Tally{Count: 1, Rated: 1, Below: 1, TotalGap: 2}}},
		},
		{
			name:   "only ungrouped",
			scope:  []*model.Item{{ID: "LOOSE"}},
			order:  []string{"LOOSE"},
			tally:  Tally{Count: 1, NotRated: 1},
			groups: []group{{"", Tally{Count: 1, NotRated: 1}}},
		},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			rep := Compute(f, tc.scope, ratings, targets)
			if got := ids(rep.Items); !slices.Equal(got, tc.order) {
				t.Errorf("order: got %v, want %v", got, tc.order)
			}
			if rep.Tally != tc.tally {
				t.Errorf("tally: got %+v, want %+v", rep.Tally, tc.tally)
			}
			if got := groups(rep.Groups); !slices.Equal(got, tc.groups) {
				t.Errorf("groups: got %+v, want %+v", got, tc.groups)
			}
			// The statuses partition the items, and not rated never adds to the gap.
			n, gap := 0, 0
			for _, g := range rep.Items {
				if g.Status == NotRated && g.Gap != 0 {
					t.Errorf("%s: not rated but gap %d", g.Item.ID, g.Gap)
				}
				gap += g.Gap
				n++
			}
			if rep.Met+rep.Below+rep.NotRated+rep.NoTarget != n || rep.Count != n || rep.TotalGap != gap {
				t.Errorf("tally %+v does not add up over %d items with gap %d", rep.Tally, n, gap)
			}
		})
	}
}

func TestComputeTiesKeepFrameworkOrder(t *testing.T) {
	f := sfiaLike()
	// Every item has gap 1 except PROG (0, met) and LOOSE (not rated).
	rep := Compute(f, nil,
		[]model.Rating{rate("STRAY", 1), rate("HOLE", 4), rate("ITSP", 4), rate("BUAN", 4), rate("PROG", 4)},
		[]model.Target{want("STRAY", 2), want("HOLE", 5), want("ITSP", 5), want("BUAN", 5), want("PROG", 4), want("LOOSE", 1)})
	var got []string
	for _, g := range rep.Items {
		got = append(got, g.Item.ID)
	}
	if w := []string{"ITSP", "BUAN", "HOLE", "STRAY", "PROG", "LOOSE"}; !slices.Equal(got, w) {
		t.Errorf("got %v, want %v", got, w)
	}
}

func TestComputeNilFramework(t *testing.T) {
	if rep := Compute(nil, nil, []model.Rating{rate("x", 1)}, nil); len(rep.Items) != 0 || rep.Tally != (Tally{}) {
		t.Errorf("got %+v", rep)
	}
}

func TestNormaliseTarget(t *testing.T) {
	f := sfiaLike()
	fci := &model.Item{ID: "1.2", Levels: []int{0, 1, 2, 3, 4}}
	unsorted := &model.Item{ID: "u", Levels: []int{5, 3, 4}}
	tests := []struct {
		name          string
		item          *model.Item
		level, target int
		capped        bool
		raised        bool
	}{
		{"none", &f.Items[0], 0, 0, false, false},
		{"negative is none", &f.Items[0], -2, 0, false, false},
		{"in range", &f.Items[0], 5, 5, false, false},
		{"top", &f.Items[0], 7, 7, false, false},
		{"above top", &f.Items[1], 7, 5, true, false},
		{"below first", &f.Items[0], 1, 4, false, true},
		{"hole", &f.Items[2], 3, 4, false, true},
		{"level 0 listed is not a defined level", fci, 1, 1, false, false},
		{"fci above top", fci, 5, 4, true, false},
		{"no levels: scale applies", &f.Items[4], 8, 7, true, false},
		{"unsorted levels", unsorted, 2, 3, false, true},
		{"nil item: scale applies", nil, 9, 7, true, false},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			target, capped, raised := NormaliseTarget(f, tc.item, tc.level)
			if target != tc.target || capped != tc.capped || raised != tc.raised {
				t.Errorf("got %d capped %v raised %v, want %d %v %v", target, capped, raised, tc.target, tc.capped, tc.raised)
			}
		})
	}
	// Nothing known at all: the target passes through.
	if target, capped, raised := NormaliseTarget(&model.Framework{}, &model.Item{}, 3); target != 3 || capped || raised {
		t.Errorf("no levels anywhere: got %d %v %v", target, capped, raised)
	}
}

func TestStatusStrings(t *testing.T) {
	for s, w := range map[Status]string{Met: "met", Below: "below target", NotRated: "not rated", NoTarget: "no target", 0: "unknown"} {
		if s.String() != w {
			t.Errorf("%d: got %q, want %q", s, s, w)
		}
	}
}
