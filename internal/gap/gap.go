package gap

import (
	"cmp"
	"slices"

	"gapwise/internal/model"
)

// Status is where one item stands against its target.
type Status int

// Statuses. The zero value is not a status, so an ItemGap that was never
// computed is not mistaken for one that is met.
const (
	Met      Status = iota + 1 // rated at or above the target
	Below                      // rated below the target: Gap > 0
	NotRated                   // has a target but no rating: the gap is unknown
	NoTarget                   // has no target: no gap can be defined (rated or not)
)

func (s Status) String() string {
	switch s {
	case Met:
		return "met"
	case Below:
		return "below target"
	case NotRated:
		return "not rated"
	case NoTarget:
		return "no target"
	}
	return "unknown"
}

// ItemGap is one item's rating set against its target.
type ItemGap struct {
	Item         *model.Item  // points into the framework's items
	Group        *model.Group // innermost group; nil when the item has none
	TopGroup     *model.Group // outermost group; nil when the item has none
	Current      *int         // nil when not rated; 0 is "none yet"
	Target       *int         // after normalisation; nil when there is no target
	RawTarget    int          // the target as given (0 when none)
	Capped       bool         // the target was lowered to the item's highest defined level
	Raised       bool         // the target was raised to a level at which the item is defined
	Gap          int          // Target - Current when Status is Below, else 0
	Status       Status
	TargetSource string // the target's Source, e.g. "role:ddat/<role level id>"
}

// Adjusted reports whether the target used differs from the one given.
func (g ItemGap) Adjusted() bool { return g.Capped || g.Raised }

// Tally counts items by status. Count is the number of items, which Met,
// Below, NotRated and NoTarget partition; Rated counts every rated item
// whatever its status; TotalGap adds up the gaps of items below target (so a
// not-rated item never adds to it).
type Tally struct {
	Count                          int
	Rated                          int
	Met, Below, NotRated, NoTarget int
	TotalGap                       int
}

func (t *Tally) add(g *ItemGap) {
	t.Count++
	if g.Current != nil {
		t.Rated++
	}
	switch g.Status {
	case Met:
		t.Met++
	case Below:
		t.Below++
	case NotRated:
		t.NotRated++
	case NoTarget:
		t.NoTarget++
	}
	t.TotalGap += g.Gap
}

// GroupSummary tallies the items of one outermost group.
type GroupSummary struct {
	Group *model.Group // outermost group; nil for items that have no group
	Tally
}

// PersonGaps is the gap analysis of one assessment.
type PersonGaps struct {
	Items  []ItemGap      // by gap, largest first, then in framework order
	Groups []GroupSummary // outermost groups with items in scope, framework order; ungrouped last
	Tally                 // the whole scope
}

// Compute sets ratings against targets for the items in scope (nil scope:
// every item of the framework; an empty, non-nil scope gives an empty
// report). Scope items are matched to the framework's items by id, so the
// ItemGaps always point into f.
func Compute(f *model.Framework, scope []*model.Item, ratings []model.Rating, targets []model.Target) PersonGaps {
	var rep PersonGaps
	if f == nil {
		return rep
	}
	ix := newIndex(f)
	rated := ratingsByItem(ratings)
	wanted := make(map[string]model.Target, len(targets))
	for _, t := range targets {
		wanted[t.Item] = t
	}

	var order []int // framework indexes of the items in scope, ascending
	if scope == nil {
		order = make([]int, len(f.Items))
		for i := range order {
			order[i] = i
		}
	} else {
		seen := make(map[int]bool, len(scope))
		for _, it := range scope {
			if it == nil {
				continue
			}
			if i, ok := ix.item[it.ID]; ok && !seen[i] {
				seen[i] = true
				order = append(order, i)
			}
		}
		slices.Sort(order)
	}

	rep.Items = make([]ItemGap, 0, len(order))
	groupAt := map[*model.Group]int{} // top group -> index in rep.Groups
	var ungrouped *GroupSummary
	for _, i := range order {
		it := &f.Items[i]
		g := ItemGap{Item: it, Group: ix.group[it.Group]}
		g.TopGroup = f.TopGroup(it.Group)
		if r, ok := rated[it.ID]; ok {
			g.Current = ptr(r.Level)
		}
		if t, ok := wanted[it.ID]; ok && t.Level > 0 {
			g.RawTarget = t.Level
			g.TargetSource = t.Source
			level, capped, raised := NormaliseTarget(f, it, t.Level)
			g.Target, g.Capped, g.Raised = ptr(level), capped, raised
		}
		g.Gap, g.Status = assess(g.Current, g.Target)
		rep.Items = append(rep.Items, g)

		rep.add(&g)
		if g.TopGroup == nil {
			if ungrouped == nil {
				ungrouped = &GroupSummary{}
			}
			ungrouped.add(&g)
			continue
		}
		k, ok := groupAt[g.TopGroup]
		if !ok {
			k = len(rep.Groups)
			groupAt[g.TopGroup] = k
			rep.Groups = append(rep.Groups, GroupSummary{Group: g.TopGroup})
		}
		rep.Groups[k].add(&g)
	}

	// Items were appended in framework order, so a stable sort on gap alone
	// keeps framework order among equal gaps.
	slices.SortStableFunc(rep.Items, func(a, b ItemGap) int { return cmp.Compare(b.Gap, a.Gap) })
	slices.SortStableFunc(rep.Groups, func(a, b GroupSummary) int {
		return cmp.Compare(ix.groupOrder[a.Group], ix.groupOrder[b.Group])
	})
	if ungrouped != nil {
		rep.Groups = append(rep.Groups, *ungrouped)
	}
	return rep
}

// assess gives the gap and status of a current level against a normalised target.
func assess(current, target *int) (int, Status) {
	switch {
	case target == nil:
		return 0, NoTarget
	case current == nil:
		return 0, NotRated
	case *current < *target:
		return *target - *current, Below
	}
	return 0, Met
}

// NormaliseTarget fits a target to the levels at which the item is defined
// (its Levels, or the scale's levels when it lists none; level 0 never
// counts as a defined level). It returns the level to use and whether it was
// capped (lowered to the highest defined level) or raised (to the first
// defined level at or above it). A level of 0 or below is no target and is
// returned as 0, unchanged.
func NormaliseTarget(f *model.Framework, it *model.Item, level int) (target int, capped, raised bool) {
	if level <= 0 {
		return 0, false, false
	}
	var defined []int
	if it != nil {
		defined = it.Levels
	}
	if len(defined) == 0 && f != nil {
		for _, l := range f.Scale.Levels {
			defined = append(defined, l.Value)
		}
	}
	if !slices.IsSorted(defined) {
		defined = slices.Sorted(slices.Values(defined))
	}
	top := 0
	for _, l := range defined {
		top = max(top, l)
	}
	if top <= 0 {
		return level, false, false // nothing known about the item's levels
	}
	if level > top {
		return top, true, false
	}
	for _, l := range defined {
		if l >= level {
			return l, false, l != level
		}
	}
	return level, false, false // unreachable: top >= level
}

// index holds the lookups a computation needs, built once per call.
type index struct {
	f          *model.Framework
	item       map[string]int // item id -> index in f.Items
	group      map[string]*model.Group
	groupOrder map[*model.Group]int
}

func newIndex(f *model.Framework) *index {
	ix := &index{
		f:          f,
		item:       make(map[string]int, len(f.Items)),
		group:      make(map[string]*model.Group, len(f.Groups)),
		groupOrder: make(map[*model.Group]int, len(f.Groups)),
	}
	for i := range f.Items {
		if _, dup := ix.item[f.Items[i].ID]; !dup {
			ix.item[f.Items[i].ID] = i
		}
	}
	for i := range f.Groups {
		g := &f.Groups[i]
		if _, dup := ix.group[g.ID]; !dup {
			ix.group[g.ID] = g
		}
		ix.groupOrder[g] = i
	}
	return ix
}

// ratingsByItem keeps the last rating given for each item.
func ratingsByItem(ratings []model.Rating) map[string]model.Rating {
	m := make(map[string]model.Rating, len(ratings))
	for _, r := range ratings {
		m[r.Item] = r
	}
	return m
}

func ptr(v int) *int { return &v }
