package gap

import (
	"cmp"
	"hash/fnv"
	"slices"

	"gapwise/internal/model"
)

// Display is how a team's figures are shown, decided once here for the app,
// the CLI, the team PDF and the XLSX/CSV exports, so that none of them can
// show what another hides.
//
// Named display (Workshop false) is for the CCIO alone: real names, one row
// per member, every figure. Workshop display is for projecting to the team
// or handing out: no names (members are "Member A", "Member B" … in an order
// that does not follow their names), no evidence, no action owners in
// print, any figure resting on fewer than MinPeople rated members
// suppressed, and no per-person rows: the heatmap shows, per item, how many
// members are at each level. Individual brings back per-person rows under
// the neutral labels, and only after a deliberate choice with its own
// warning: people in the room may recognise a colleague from their levels.
type Display struct {
	Workshop   bool
	MinPeople  int  // in workshop display, the fewest rated members a figure may rest on
	Individual bool // in workshop display, per-person rows under neutral labels
}

// MaxMinPeople is the largest threshold the app offers.
const MaxMinPeople = 50

// NamedDisplay is the CCIO's own display: names and every figure.
func NamedDisplay() Display { return Display{MinPeople: DefaultMinPeople} }

// WorkshopDisplay is the display for projecting, with the given threshold,
// distribution rows only.
func WorkshopDisplay(minPeople int) Display { return Display{Workshop: true, MinPeople: minPeople} }

// Validate refuses a workshop threshold below one person and per-person
// workshop rows asked for outside workshop display.
func (d Display) Validate() error {
	switch {
	case d.Workshop && d.MinPeople < 1:
		return model.Errorf(model.Invalid, "in workshop display a figure must rest on at least 1 person, not %d", d.MinPeople)
	case d.Individual && !d.Workshop:
		return model.Errorf(model.Invalid, "individual rows under neutral labels go with workshop display")
	}
	return nil
}

// Hides reports whether a figure resting on rated members is suppressed:
// in workshop display, when fewer than MinPeople rated. Named display hides
// nothing.
func (d Display) Hides(rated int) bool { return d.Workshop && rated < d.MinPeople }

// Names reports whether real names (and evidence, action owners, person
// ids and each member's discipline) may be shown.
func (d Display) Names() bool { return !d.Workshop }

// PersonRows reports whether the heatmap and matrix have one row per
// member; otherwise they have one row per level, counting members.
func (d Display) PersonRows() bool { return !d.Workshop || d.Individual }

// HiddenDisciplines says which discipline counts the display hides: none in
// named display; in workshop display every discipline with fewer than
// MinPeople members and, when exactly one would be hidden, also the smallest
// one shown. Otherwise the hidden count could be worked out by subtracting
// the shown counts from the team size.
func (d Display) HiddenDisciplines(c Composition) map[model.Discipline]bool {
	hidden := map[model.Discipline]bool{}
	if !d.Workshop {
		return hidden
	}
	var shown []DisciplineCount
	for _, dc := range c.ByDiscipline {
		if dc.Count < d.MinPeople {
			hidden[dc.Discipline] = true
		} else {
			shown = append(shown, dc)
		}
	}
	if len(hidden) == 1 && len(shown) > 0 {
		smallest := slices.MinFunc(shown, func(a, b DisciplineCount) int { return a.Count - b.Count })
		hidden[smallest.Discipline] = true
	}
	return hidden
}

// CompositionFigures is what a display shows of a team's composition.
type CompositionFigures struct {
	Hidden map[model.Discipline]bool // disciplines not shown at all (HiddenDisciplines)
	// DisciplineWTE: each shown discipline's informatics WTE. Off in
	// workshop display: with the clinical and whole-team sums beside it,
	// subtraction would give a hidden discipline's time.
	DisciplineWTE bool
	ClinicalWTE   bool // the clinical members' summed WTE, against the benchmark
	NonClinical   bool // the non-clinical members' summed WTE
	TotalWTE      bool // the whole team's summed WTE
	// Disciplines: the number of disciplines represented may be stated. Off
	// in workshop display once any discipline is hidden: beside the counts
	// shown it tells how many hidden disciplines the remaining members
	// share ("8 members from 8 disciplines": one each).
	Disciplines bool
}

// CompositionFigures decides which composition figures the display shows.
// Named display shows them all. Workshop display shows the discipline
// counts HiddenDisciplines allows, no discipline's WTE, and each sum of WTE
// only when it rests on at least MinPeople members (or on none, when it is
// 0); the whole team's sum only when both the clinical and non-clinical
// sums are shown, since the whole minus one part gives the other.
func (d Display) CompositionFigures(c Composition) CompositionFigures {
	f := CompositionFigures{Hidden: d.HiddenDisciplines(c)}
	if !d.Workshop {
		f.DisciplineWTE, f.ClinicalWTE, f.NonClinical, f.TotalWTE, f.Disciplines = true, true, true, true, true
		return f
	}
	f.Disciplines = len(f.Hidden) == 0
	shows := func(n int) bool { return n == 0 || !d.Hides(n) }
	f.ClinicalWTE = shows(c.ClinicalMembers)
	f.NonClinical = shows(c.NonClinicalMembers)
	f.TotalWTE = f.ClinicalWTE && f.NonClinical && shows(c.Members)
	return f
}

// Roster is a team's members as a display shows them: in which order and
// under which label. The screen, the PDF and the exports all take it from
// Display.Roster, so "Member C" is the same person in each.
type Roster struct {
	Order  []int    // indexes into the members given, in display order
	Labels []string // Labels[k] is the label of members[Order[k]]
	at     map[string]int
}

// Roster orders and labels a team's members. Named display keeps the order
// given (the store's, by name) and labels members by name. Workshop display
// orders them by a hash of the team and person ids, so the labels follow
// neither the names nor the order people were added, and the same person is
// not the same letter in every team; members are then "Member A", "Member
// B" … in that order. A person id given twice keeps its first place.
func (d Display) Roster(teamID string, members []model.Person) Roster {
	r := Roster{at: make(map[string]int, len(members))}
	for i, m := range members {
		if _, dup := r.at[m.ID]; !dup {
			r.at[m.ID] = -1
			r.Order = append(r.Order, i)
		}
	}
	if d.Workshop {
		key := func(i int) uint64 {
			h := fnv.New64a()
			h.Write([]byte(teamID))
			h.Write([]byte{0})
			h.Write([]byte(members[i].ID))
			return h.Sum64()
		}
		slices.SortStableFunc(r.Order, func(a, b int) int { return cmp.Compare(key(a), key(b)) })
	}
	r.Labels = make([]string, len(r.Order))
	for k, i := range r.Order {
		r.at[members[i].ID] = k
		if d.Workshop {
			r.Labels[k] = MemberLabel(k)
		} else {
			r.Labels[k] = members[i].Name
		}
	}
	return r
}

// Label is the label of the member with personID, "" when not a member.
func (r Roster) Label(personID string) string {
	if k, ok := r.at[personID]; ok && k >= 0 {
		return r.Labels[k]
	}
	return ""
}

// Position is the display position of the member with personID.
func (r Roster) Position(personID string) (int, bool) {
	k, ok := r.at[personID]
	return k, ok && k >= 0
}

// MemberLabel is the neutral label of the member at display position k
// (from 0): "Member A" to "Member Z", then "Member AA", "Member AB" … like
// spreadsheet columns.
func MemberLabel(k int) string {
	var b []byte
	for n := k + 1; n > 0; n = (n - 1) / 26 {
		b = append([]byte{byte('A' + (n-1)%26)}, b...)
	}
	return "Member " + string(b)
}

// AtLevel is how many rated members are at level l on the item.
func (m ItemMeasure) AtLevel(l int) int { return m.Levels[l] }

// NotRated is how many members did not rate the item.
func (m ItemMeasure) NotRated() int { return m.Members - m.Rated }
