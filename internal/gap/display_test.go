package gap

import (
	"fmt"
	"slices"
	"strconv"
	"strings"
	"testing"

	"gapwise/internal/model"
)

func TestDisplayHidesFiguresRestingOnFewPeople(t *testing.T) {
	f := sfiaLike()
	tests := []struct {
		name    string
		answers []int
		d       Display
		hides   bool
	}{
		{"exactly the threshold is shown", []int{2, 3, 4}, WorkshopDisplay(3), false},
		{"one fewer is suppressed", []int{2, 3, notRated}, WorkshopDisplay(3), true},
		{"members who did not rate do not count", []int{2, notRated, noAssessment, 5}, WorkshopDisplay(3), true},
		{"threshold 1 shows a single rating", []int{4}, WorkshopDisplay(1), false},
		{"threshold 1 hides an item no one rated", []int{notRated}, WorkshopDisplay(1), true},
		{"default threshold", []int{2, 3}, WorkshopDisplay(DefaultMinPeople), true},
		{"named display hides nothing", []int{notRated}, NamedDisplay(), false},
		{"individual rows keep the threshold", []int{2, 3}, Display{Workshop: true, MinPeople: 3, Individual: true}, true},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			rep := MeasureTeam(f, nil, teamOn("PROG", tc.answers...), []model.Target{want("PROG", 4)})
			m := measureOf(t, rep, "PROG")
			if got := tc.d.Hides(m.Rated); got != tc.hides {
				t.Fatalf("%+v.Hides(%d) = %v, want %v", tc.d, m.Rated, got, tc.hides)
			}
		})
	}
}

func TestDisplayValidate(t *testing.T) {
	tests := []struct {
		d  Display
		ok bool
	}{
		{NamedDisplay(), true},
		{Display{}, true},
		{WorkshopDisplay(1), true},
		{WorkshopDisplay(0), false},
		{WorkshopDisplay(-2), false},
		{Display{Workshop: true, MinPeople: 3, Individual: true}, true},
		{Display{MinPeople: 3, Individual: true}, false},
	}
	for _, tc := range tests {
		err := tc.d.Validate()
		if (err == nil) != tc.ok {
			t.Errorf("%+v.Validate() = %v, want ok %v", tc.d, err, tc.ok)
		}
		if err != nil && model.KindOf(err) != model.Invalid {
			t.Errorf("%+v.Validate(): kind %v, want Invalid", tc.d, model.KindOf(err))
		}
	}
}

func TestDisplayPersonRows(t *testing.T) {
	if !NamedDisplay().PersonRows() || !NamedDisplay().Names() {
		t.Error("named display must have named person rows")
	}
	w := WorkshopDisplay(3)
	if w.PersonRows() || w.Names() {
		t.Error("workshop display must default to distribution rows without names")
	}
	w.Individual = true
	if !w.PersonRows() || w.Names() {
		t.Error("individual workshop rows are per person, without names")
	}
}

func TestHiddenDisciplinesCannotBeWorkedOutBySubtraction(t *testing.T) {
	comp := func(counts ...int) Composition {
		c := Composition{}
		for i, n := range counts {
			c.ByDiscipline = append(c.ByDiscipline, DisciplineCount{Discipline: model.Disciplines[i], Count: n})
			c.Members += n
		}
		return c
	}
	cases := []struct {
		name   string
		counts []int
		want   []model.Discipline
	}{
		{"none small", []int{3, 4}, nil},
		{"one small hides the smallest shown too", []int{5, 1, 3}, []model.Discipline{model.Nurse, model.Midwife}},
		{"two small are safe together", []int{5, 1, 2}, []model.Discipline{model.Nurse, model.Midwife}},
		{"all small", []int{1, 2}, []model.Discipline{model.Doctor, model.Nurse}},
		{"one small and nothing shown", []int{2}, []model.Discipline{model.Doctor}},
	}
	for _, c := range cases {
		got := WorkshopDisplay(3).HiddenDisciplines(comp(c.counts...))
		if len(got) != len(c.want) {
			t.Errorf("%s: hidden %v, want %v", c.name, got, c.want)
			continue
		}
		for _, d := range c.want {
			if !got[d] {
				t.Errorf("%s: %s not hidden (%v)", c.name, d, got)
			}
		}
		if n := len(NamedDisplay().HiddenDisciplines(comp(c.counts...))); n != 0 {
			t.Errorf("%s: named display hides %d disciplines", c.name, n)
		}
	}
}

func TestCompositionFiguresCannotBeWorkedOutBySubtraction(t *testing.T) {
	person := func(id string, d model.Discipline) model.Person {
		return model.Person{ID: id, Discipline: d, InformaticsWTE: 0.5}
	}
	team := func(ds ...model.Discipline) Composition {
		var ps []model.Person
		for i, d := range ds {
			ps = append(ps, person(strconv.Itoa(i), d))
		}
		return TeamComposition(ps)
	}
	n, d, p, x := model.Nurse, model.Doctor, model.Pharmacist, model.NonClinical
	cases := []struct {
		name                                  string
		comp                                  Composition
		clinical, nonClinical, total, perDisc bool
		disciplines                           bool // the number of disciplines may be stated
	}{
		{"every sum rests on three or more", team(n, n, n, d, d, d, x, x, x), true, true, true, false, true},
		// Clinical and whole-team sums together would give the one
		// non-clinical member's time.
		{"one non-clinical member", team(n, n, n, d, d, d, x), true, false, false, false, false},
		{"no non-clinical members", team(n, n, n, p), true, true, true, false, false},
		{"two clinical members", team(n, p, x, x, x), false, true, false, false, false},
		{"too few in all", team(n, x), false, false, false, false, false},
	}
	for _, c := range cases {
		f := WorkshopDisplay(3).CompositionFigures(c.comp)
		if f.ClinicalWTE != c.clinical || f.NonClinical != c.nonClinical || f.TotalWTE != c.total || f.DisciplineWTE != c.perDisc {
			t.Errorf("%s: clinical %v, non-clinical %v, total %v, per discipline %v; want %v, %v, %v, %v", c.name,
				f.ClinicalWTE, f.NonClinical, f.TotalWTE, f.DisciplineWTE, c.clinical, c.nonClinical, c.total, c.perDisc)
		}
		if f.Disciplines != c.disciplines {
			t.Errorf("%s: number of disciplines stated %v, want %v (hidden: %v)", c.name, f.Disciplines, c.disciplines, f.Hidden)
		}
		if len(f.Hidden) != len(WorkshopDisplay(3).HiddenDisciplines(c.comp)) {
			t.Errorf("%s: hidden %v is not HiddenDisciplines' answer", c.name, f.Hidden)
		}
		named := NamedDisplay().CompositionFigures(c.comp)
		if !named.ClinicalWTE || !named.NonClinical || !named.TotalWTE || !named.DisciplineWTE || !named.Disciplines || len(named.Hidden) != 0 {
			t.Errorf("%s: named display hides %+v", c.name, named)
		}
	}
}

func TestMemberLabel(t *testing.T) {
	for k, want := range map[int]string{0: "Member A", 1: "Member B", 25: "Member Z", 26: "Member AA", 27: "Member AB", 51: "Member AZ", 52: "Member BA", 701: "Member ZZ", 702: "Member AAA"} {
		if got := MemberLabel(k); got != want {
			t.Errorf("MemberLabel(%d) = %q, want %q", k, got, want)
		}
	}
}

// people makes n members whose ids and names both sort in the same order,
// the case where labels following either would map back to names.
func people(n int) []model.Person {
	out := make([]model.Person, n)
	for i := range out {
		out[i] = model.Person{ID: fmt.Sprintf("id-%02d", i), Name: fmt.Sprintf("Person %02d", i)}
	}
	return out
}

func TestRosterNamedKeepsOrderAndNames(t *testing.T) {
	ms := people(4)
	r := NamedDisplay().Roster("team", ms)
	if !slices.Equal(r.Order, []int{0, 1, 2, 3}) {
		t.Fatalf("order %v", r.Order)
	}
	for _, m := range ms {
		if r.Label(m.ID) != m.Name {
			t.Errorf("label of %s = %q", m.ID, r.Label(m.ID))
		}
	}
	if r.Label("stranger") != "" {
		t.Error("a non-member has a label")
	}
}

func TestRosterWorkshopLabelsDoNotFollowNames(t *testing.T) {
	ms := people(12)
	d := WorkshopDisplay(3)
	r := d.Roster("team-1", ms)
	if len(r.Order) != len(ms) || len(r.Labels) != len(ms) {
		t.Fatalf("roster of %d for %d members", len(r.Order), len(ms))
	}
	if slices.IsSorted(r.Order) {
		t.Fatalf("workshop order %v follows the order of names", r.Order)
	}
	seen := map[string]bool{}
	for k, i := range r.Order {
		want := MemberLabel(k)
		if r.Labels[k] != want || r.Label(ms[i].ID) != want {
			t.Errorf("position %d: label %q / %q, want %q", k, r.Labels[k], r.Label(ms[i].ID), want)
		}
		if p, ok := r.Position(ms[i].ID); !ok || p != k {
			t.Errorf("position of %s = %d %v, want %d", ms[i].ID, p, ok, k)
		}
		if strings.Contains(r.Labels[k], "Person") || seen[r.Labels[k]] {
			t.Errorf("label %q repeats or names someone", r.Labels[k])
		}
		seen[r.Labels[k]] = true
	}
	// The same team gives the same labels whatever order the members come in.
	rev := slices.Clone(ms)
	slices.Reverse(rev)
	r2 := d.Roster("team-1", rev)
	for _, m := range ms {
		if r.Label(m.ID) != r2.Label(m.ID) {
			t.Errorf("%s is %q, then %q after reordering", m.ID, r.Label(m.ID), r2.Label(m.ID))
		}
	}
	// Another team labels the same people differently.
	other := d.Roster("team-2", ms)
	if slices.Equal(other.Order, r.Order) {
		t.Error("two teams give the same people the same letters")
	}
}

func TestRosterCountsARepeatedPersonOnce(t *testing.T) {
	ms := append(people(3), model.Person{ID: "id-01", Name: "Person 01 again"})
	for _, d := range []Display{NamedDisplay(), WorkshopDisplay(3)} {
		r := d.Roster("t", ms)
		if len(r.Order) != 3 {
			t.Errorf("%+v: %d rows for 3 people", d, len(r.Order))
		}
	}
}
