package gap

import (
	"cmp"
	"slices"

	"gapwise/internal/model"
)

// Team measures: the figures of the CCIO's team gap workshop.
//
// Every figure about an item rests on the members who rated it, and says how
// many that is (Rated) beside the team's size (Members). A member who did not
// rate an item, or who has no assessment at all, counts as a member but never
// as rated, and never as below target: not rated is not zero. Level 0 ("none
// yet") is a real rating and counts as rated.
//
// Team targets are normalised like personal ones (NormaliseTarget): a target
// of 3 on a SFIA skill defined at 4 to 7 is a target of 4. An item without a
// team target has no Meeting, Below, Covered, Fragile or BelowShare figure
// (all zero), but still has its spread of levels, median and maximum.
//
// How the figures may be shown (named, or workshop display with names
// hidden and figures resting on few people suppressed) is Display's.

// DefaultMinPeople is how many people a figure must rest on to be shown in
// workshop display mode, unless the user chooses another number.
const DefaultMinPeople = 3

// MemberRatings is one team member's ratings, from their latest assessment.
// A member with no assessment has nil Ratings: they still count as a member,
// never as rated.
type MemberRatings struct {
	PersonID string
	Ratings  []model.Rating
}

// ItemMeasure is what a team looks like on one item.
type ItemMeasure struct {
	Item    *model.Item // points into the framework's items
	Members int         // team size the figure rests on
	Rated   int         // members who rated the item (level 0 counts as rated)
	Target  *int        // team target after NormaliseTarget; nil when there is none
	// Among rated members: at or above the target, and below it. Both are 0
	// when there is no target, and Meeting+Below == Rated when there is one.
	Meeting, Below int
	Median         *int // of rated levels; the lower middle value when the count is even; nil when none rated
	Max            *int // highest rated level; nil when none rated
	Covered        bool // at least one member meets the target (false without a target)
	Fragile        bool // exactly one member meets it: a single point of failure
	// BelowShare is Below / Rated: the share of the rated members who are
	// below target (0 when none rated or there is no target).
	BelowShare float64
	// Levels counts the rated members at each level, for the heatmap legend;
	// nil when none rated.
	Levels map[int]int
}

// TeamMeasures is the team's measures over the items in scope.
type TeamMeasures struct {
	Members int           // distinct members, rated or not
	Items   []ItemMeasure // framework order
	// CommonGaps are the items with a target that some rated members are
	// below (Below > 0), most widespread first: by BelowShare, then Below,
	// both descending, then framework order. They point into Items.
	CommonGaps []*ItemMeasure
}

// MeasureTeam computes, for each item in scope (nil scope: every item of the
// framework; an empty, non-nil scope gives no items), how the team's members
// stand against the team targets.
//
// Members are told apart by PersonID: a PersonID given twice is one member,
// with the ratings of its later entry (as elsewhere, the later entry wins).
// Within one member's ratings, and among targets, the later entry for an
// item wins too. Ratings and targets for items that are not in the framework
// or not in scope are ignored.
func MeasureTeam(f *model.Framework, scope []*model.Item, members []MemberRatings, targets []model.Target) TeamMeasures {
	if f == nil {
		return TeamMeasures{}
	}
	return MeasureTeamRatings(f, scope, TeamRatingsOf(f, members), targets)
}

// TeamRatingsOf puts members' ratings in the compact table: a PersonID given
// twice is one member with its later entry's ratings, a member with nil
// Ratings has no assessment, and ratings of items f lacks are dropped.
func TeamRatingsOf(f *model.Framework, members []MemberRatings) *TeamRatings {
	members = distinctMembers(members)
	ids := make([]string, len(members))
	for i, m := range members {
		ids[i] = m.PersonID
	}
	t := NewTeamRatings(f, ids)
	for i, m := range members {
		if m.Ratings != nil {
			t.SetAssessed(i)
		}
		for _, r := range m.Ratings {
			t.Set(i, r.Item, r.Level, r.Confidence)
			if r.Interest {
				t.SetInterest(i, r.Item)
			}
		}
	}
	return t
}

// MeasureTeamRatings is TeamMeasures over a team's ratings in compact form:
// what the team view, PDF and exports use, reading each item's column once.
func MeasureTeamRatings(f *model.Framework, scope []*model.Item, t *TeamRatings, targets []model.Target) TeamMeasures {
	var rep TeamMeasures
	if f == nil || t == nil {
		return rep
	}
	ix := newIndex(f)
	order := scopeOrder(ix, f, scope)
	rep.Members = t.Members()

	wanted := make(map[string]int, len(targets))
	for _, tg := range targets {
		wanted[tg.Item] = tg.Level
	}

	rep.Items = make([]ItemMeasure, len(order))
	for k, i := range order {
		it := &f.Items[i]
		m := ItemMeasure{Item: it, Members: rep.Members}
		if tl, ok := wanted[it.ID]; ok && tl > 0 {
			level, _, _ := NormaliseTarget(f, it, tl)
			m.Target = ptr(level)
		}
		var h histogram
		if i < t.items {
			for member := 0; member < t.Members(); member++ {
				if c := t.cells[member*t.items+i]; c != 0 {
					h.add(cellLevel(c))
				}
			}
		}
		h.measure(&m)
		rep.Items[k] = m
	}

	for k := range rep.Items {
		if m := &rep.Items[k]; m.Target != nil && m.Below > 0 {
			rep.CommonGaps = append(rep.CommonGaps, m)
		}
	}
	// Collected in framework order; the stable sort keeps it among ties.
	// Shares are compared exactly, as fractions.
	slices.SortStableFunc(rep.CommonGaps, func(a, b *ItemMeasure) int {
		return cmp.Or(
			cmp.Compare(int64(b.Below)*int64(a.Rated), int64(a.Below)*int64(b.Rated)),
			cmp.Compare(b.Below, a.Below))
	})
	return rep
}

// scopeOrder gives the framework indexes of the items in scope, ascending,
// matched by id (nil scope: every item).
func scopeOrder(ix *index, f *model.Framework, scope []*model.Item) []int {
	if scope == nil {
		order := make([]int, len(f.Items))
		for i := range order {
			order[i] = i
		}
		return order
	}
	var order []int
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
	return order
}

// distinctMembers keeps one entry per PersonID, the later one, in the order
// of their first appearance. It returns members itself when there are no
// repeats, which is the usual case.
func distinctMembers(members []MemberRatings) []MemberRatings {
	at := make(map[string]int, len(members))
	repeats := false
	for i, m := range members {
		if _, dup := at[m.PersonID]; dup {
			repeats = true
		}
		at[m.PersonID] = i
	}
	if !repeats {
		return members
	}
	out := make([]MemberRatings, 0, len(at))
	done := make(map[string]bool, len(at))
	for _, m := range members {
		if done[m.PersonID] {
			continue
		}
		done[m.PersonID] = true
		out = append(out, members[at[m.PersonID]])
	}
	return out
}

// histogram counts members at each level of one item. Scales are short, so
// a few pairs searched in line beat a map.
type histogram struct{ levels, counts []int }

func (h *histogram) add(level int) {
	for j, l := range h.levels {
		if l == level {
			h.counts[j]++
			return
		}
	}
	h.levels = append(h.levels, level)
	h.counts = append(h.counts, 1)
}

// measure fills m's figures from the histogram; m.Target must be set first.
func (h *histogram) measure(m *ItemMeasure) {
	if len(h.levels) == 0 {
		return
	}
	idx := make([]int, len(h.levels))
	for j := range idx {
		idx[j] = j
	}
	slices.SortFunc(idx, func(a, b int) int { return cmp.Compare(h.levels[a], h.levels[b]) })

	m.Levels = make(map[int]int, len(h.levels))
	for j, l := range h.levels {
		m.Levels[l] = h.counts[j]
		m.Rated += h.counts[j]
		if m.Target != nil && l >= *m.Target {
			m.Meeting += h.counts[j]
		}
	}
	m.Max = ptr(h.levels[idx[len(idx)-1]])
	// The lower middle of the sorted levels is the ((Rated+1)/2)th.
	middle, upto := (m.Rated+1)/2, 0
	for _, j := range idx {
		if upto += h.counts[j]; upto >= middle {
			m.Median = ptr(h.levels[j])
			break
		}
	}
	if m.Target != nil {
		m.Below = m.Rated - m.Meeting
		m.Covered = m.Meeting >= 1
		m.Fragile = m.Meeting == 1
		m.BelowShare = float64(m.Below) / float64(m.Rated)
	}
}

// WachterBenchmark is the Wachter review's yardstick for the clinical
// informatics workforce of an average-sized NHS trust: "at least 5" clinicians
// with advanced informatics training (Making IT Work: Harnessing the Power of
// Health Information Technology to Improve Care in England, National Advisory
// Group on Health IT in England, chaired by Robert Wachter, September 2016).
// The review counts individuals; Gapwise compares it with the summed
// informatics whole-time equivalent (WTE) of the team's clinical members
// (model.Discipline.Clinical), so reaching it means the time of about five
// full-time clinical informaticians, which asks more than five people who
// each give a few sessions a week. Non-clinical members' time is counted
// apart: the review is about clinicians. Read it as a rough guide for a
// trust-wide team, not a standard for a small project team.
const WachterBenchmark = 5.0

// BenchmarkRule says in words which members' time the benchmark counts
// (model.Discipline.Clinical), for every output that shows the benchmark.
const BenchmarkRule = "The benchmark counts clinical disciplines only: doctors, nurses, midwives, allied health professionals, " +
	"pharmacists, healthcare scientists, social workers, dentists and other clinical staff. Non-clinical members' time is shown apart."

// DisciplineCount is how many of a team come from one discipline.
type DisciplineCount struct {
	Discipline model.Discipline
	Count      int
	Share      float64 // Count / Composition.Members
	WTE        float64 // their summed informatics WTE
	Clinical   bool    // Discipline.Clinical(): counts towards the benchmark
}

// Composition is who a team is made of.
type Composition struct {
	Members          int
	ByDiscipline     []DisciplineCount // in model.Disciplines order, only those present; unknown ones last
	Disciplines      int               // distinct disciplines represented
	TotalWTE         float64           // summed informatics WTE
	WachterBenchmark float64           // WachterBenchmark (5 WTE)
	ShareOfBenchmark float64           // ClinicalWTE / WachterBenchmark

	// The team split by model.Discipline.Clinical: only the clinical
	// members' time counts towards the benchmark.
	ClinicalMembers, NonClinicalMembers int
	ClinicalWTE, NonClinicalWTE         float64
}

// TeamComposition counts a team's members by discipline and sums their
// informatics WTE, the clinical members' against the Wachter benchmark.
// People are told apart by ID (a person given twice counts once, with the
// later entry). A discipline
// outside model.Disciplines is kept as given and listed after the known ones,
// in order of first appearance; a negative WTE (which the store refuses)
// counts as 0.
func TeamComposition(people []model.Person) Composition {
	c := Composition{WachterBenchmark: WachterBenchmark}
	latest := make(map[string]int, len(people))
	for i, p := range people {
		latest[p.ID] = i
	}
	rank := make(map[model.Discipline]int, len(model.Disciplines))
	for i, d := range model.Disciplines {
		rank[d] = i
	}
	at := map[model.Discipline]int{} // discipline -> index in ByDiscipline
	for i, p := range people {
		if latest[p.ID] != i {
			continue
		}
		c.Members++
		k, ok := at[p.Discipline]
		if !ok {
			k = len(c.ByDiscipline)
			at[p.Discipline] = k
			c.ByDiscipline = append(c.ByDiscipline, DisciplineCount{Discipline: p.Discipline})
		}
		c.ByDiscipline[k].Count++
		c.ByDiscipline[k].WTE += max(p.InformaticsWTE, 0)
	}
	// Known disciplines in their order, unknown ones after in order of first
	// appearance (the order they were appended: the sort is stable).
	known := func(d model.Discipline) int {
		if r, ok := rank[d]; ok {
			return r
		}
		return len(model.Disciplines)
	}
	slices.SortStableFunc(c.ByDiscipline, func(a, b DisciplineCount) int {
		return cmp.Compare(known(a.Discipline), known(b.Discipline))
	})
	for k := range c.ByDiscipline {
		d := &c.ByDiscipline[k]
		d.Share = float64(d.Count) / float64(c.Members)
		d.Clinical = d.Discipline.Clinical()
		c.TotalWTE += d.WTE
		if d.Clinical {
			c.ClinicalMembers += d.Count
			c.ClinicalWTE += d.WTE
		} else {
			c.NonClinicalMembers += d.Count
			c.NonClinicalWTE += d.WTE
		}
	}
	c.Disciplines = len(c.ByDiscipline)
	c.ShareOfBenchmark = c.ClinicalWTE / WachterBenchmark
	return c
}
