package gap

import (
	"fmt"
	"maps"
	"math"
	"slices"
	"strconv"
	"strings"
	"testing"

	"gapwise/internal/model"
)

// Sentinels for a member's answer on the item under test.
const (
	notRated     = -1 // the member has an assessment but did not rate the item
	noAssessment = -2 // the member has no assessment at all (nil Ratings)
)

// teamOn builds one member per answer, each rating item (and, so that "not
// rated" is seen to be about the item, another item too).
func teamOn(item string, answers ...int) []MemberRatings {
	var out []MemberRatings
	for n, a := range answers {
		m := MemberRatings{PersonID: fmt.Sprintf("p%d", n+1)}
		switch a {
		case noAssessment:
		case notRated:
			m.Ratings = []model.Rating{rate("STRAY", 1)}
		default:
			m.Ratings = []model.Rating{rate("STRAY", 1), rate(item, a)}
		}
		out = append(out, m)
	}
	return out
}

// describeMeasure renders an ItemMeasure compactly, "-" for nil figures.
func describeMeasure(m ItemMeasure) string {
	var flags []string
	if m.Covered {
		flags = append(flags, "covered")
	}
	if m.Fragile {
		flags = append(flags, "fragile")
	}
	var levels []string
	for _, l := range slices.Sorted(maps.Keys(m.Levels)) {
		levels = append(levels, fmt.Sprintf("%d:%d", l, m.Levels[l]))
	}
	return fmt.Sprintf("rated %d/%d target %s meet %d below %d median %s max %s share %.3f [%s] levels {%s}",
		m.Rated, m.Members, level(m.Target), m.Meeting, m.Below, level(m.Median), level(m.Max), m.BelowShare,
		strings.Join(flags, " "), strings.Join(levels, " "))
}

func measureOf(t *testing.T, rep TeamMeasures, item string) ItemMeasure {
	t.Helper()
	for _, m := range rep.Items {
		if m.Item.ID == item {
			return m
		}
	}
	t.Fatalf("item %s missing from the team report", item)
	return ItemMeasure{}
}

func TestTeamMeasuresItem(t *testing.T) {
	tests := []struct {
		name    string
		item    string
		target  int // 0: no target
		answers []int
		want    string
	}{
		{"no members", "PROG", 3, nil,
			"rated 0/0 target 3 meet 0 below 0 median - max - share 0.000 [] levels {}"},
		{"not rated and no assessment count as members, never as rated", "PROG", 3, []int{notRated, noAssessment},
			"rated 0/2 target 3 meet 0 below 0 median - max - share 0.000 [] levels {}"},
		{"level 0 is rated, and below target", "PROG", 3, []int{0, 3},
			"rated 2/2 target 3 meet 1 below 1 median 0 max 3 share 0.500 [covered fragile] levels {0:1 3:1}"},
		{"not rated is not below", "PROG", 3, []int{notRated, 3, noAssessment, 2},
			"rated 2/4 target 3 meet 1 below 1 median 2 max 3 share 0.500 [covered fragile] levels {2:1 3:1}"},
		{"odd count: the middle", "PROG", 3, []int{2, 5, 3},
			"rated 3/3 target 3 meet 2 below 1 median 3 max 5 share 0.333 [covered] levels {2:1 3:1 5:1}"},
		{"even count: the lower middle", "PROG", 3, []int{2, 5, 3, 6},
			"rated 4/4 target 3 meet 3 below 1 median 3 max 6 share 0.250 [covered] levels {2:1 3:1 5:1 6:1}"},
		{"even count with repeats", "PROG", 5, []int{4, 4, 2, 2},
			"rated 4/4 target 5 meet 0 below 4 median 2 max 4 share 1.000 [] levels {2:2 4:2}"},
		{"one rated member", "PROG", 3, []int{notRated, 6},
			"rated 1/2 target 3 meet 1 below 0 median 6 max 6 share 0.000 [covered fragile] levels {6:1}"},
		{"no target: spread only", "PROG", 0, []int{2, 5, notRated},
			"rated 2/3 target - meet 0 below 0 median 2 max 5 share 0.000 [] levels {2:1 5:1}"},
		{"target capped to the item's top", "BUAN", 7, []int{5, 4, 3},
			"rated 3/3 target 5 meet 1 below 2 median 4 max 5 share 0.667 [covered fragile] levels {3:1 4:1 5:1}"},
		{"target raised to the first defined level", "ITSP", 2, []int{0, 4, 5},
			"rated 3/3 target 4 meet 2 below 1 median 4 max 5 share 0.333 [covered] levels {0:1 4:1 5:1}"},
		{"target in a hole raised", "HOLE", 3, []int{2, 4},
			"rated 2/2 target 4 meet 1 below 1 median 2 max 4 share 0.500 [covered fragile] levels {2:1 4:1}"},
		{"item without levels: scale caps the target", "LOOSE", 9, []int{7, 6},
			"rated 2/2 target 7 meet 1 below 1 median 6 max 7 share 0.500 [covered fragile] levels {6:1 7:1}"},
		{"nobody meets: not covered", "PROG", 4, []int{3, 2, 0},
			"rated 3/3 target 4 meet 0 below 3 median 2 max 3 share 1.000 [] levels {0:1 2:1 3:1}"},
		{"everyone meets: covered, not fragile", "PROG", 2, []int{2, 3},
			"rated 2/2 target 2 meet 2 below 0 median 2 max 3 share 0.000 [covered] levels {2:1 3:1}"},
	}
	f := sfiaLike()
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			var targets []model.Target
			if tc.target != 0 {
				targets = []model.Target{want(tc.item, tc.target)}
			}
			rep := MeasureTeam(f, nil, teamOn(tc.item, tc.answers...), targets)
			if rep.Members != len(tc.answers) {
				t.Errorf("Members = %d, want %d", rep.Members, len(tc.answers))
			}
			m := measureOf(t, rep, tc.item)
			if got := describeMeasure(m); got != tc.want {
				t.Errorf("got  %s\nwant %s", got, tc.want)
			}
			if m.Item != &f.Items[slices.IndexFunc(f.Items, func(it model.Item) bool { return it.ID == tc.item })] {
				t.Error("Item does not point into the framework")
			}
			if m.Target != nil && m.Meeting+m.Below != m.Rated {
				t.Errorf("meeting %d + below %d != rated %d", m.Meeting, m.Below, m.Rated)
			}
			if m.Rated == 0 && m.Levels != nil {
				t.Errorf("Levels = %v, want nil when none rated", m.Levels)
			}
		})
	}
}

func TestTeamMeasuresLaterEntriesWin(t *testing.T) {
	f := sfiaLike()
	members := []MemberRatings{
		{PersonID: "a", Ratings: []model.Rating{rate("PROG", 2), rate("PROG", 5)}}, // later rating wins: 5
		{PersonID: "b", Ratings: []model.Rating{rate("PROG", 6)}},
		{PersonID: "c", Ratings: []model.Rating{rate("PROG", 3)}},
		{PersonID: "b", Ratings: []model.Rating{rate("PROG", 2)}}, // b again: this entry wins, b counted once
		{PersonID: "d"},
	}
	targets := []model.Target{want("PROG", 6), want("PROG", 4)} // later target wins: 4
	rep := MeasureTeam(f, nil, members, targets)
	if rep.Members != 4 {
		t.Errorf("Members = %d, want 4 (a, b, c, d)", rep.Members)
	}
	got := describeMeasure(measureOf(t, rep, "PROG"))
	if want := "rated 3/4 target 4 meet 1 below 2 median 3 max 5 share 0.667 [covered fragile] levels {2:1 3:1 5:1}"; got != want {
		t.Errorf("got  %s\nwant %s", got, want)
	}
	// A later target of 0 clears an earlier one.
	rep = MeasureTeam(f, nil, members, []model.Target{want("PROG", 4), want("PROG", 0)})
	if m := measureOf(t, rep, "PROG"); m.Target != nil || m.Below != 0 || m.Covered {
		t.Errorf("target 0 should clear: %s", describeMeasure(m))
	}
}

func TestTeamMeasuresScope(t *testing.T) {
	f := sfiaLike()
	members := []MemberRatings{{PersonID: "a", Ratings: []model.Rating{
		rate("ITSP", 4), rate("HOLE", 2), rate("GHOST", 3), // GHOST is not in the framework
	}}}
	targets := []model.Target{want("HOLE", 4), want("GHOST", 4)}
	ids := func(rep TeamMeasures) []string {
		var out []string
		for _, m := range rep.Items {
			out = append(out, m.Item.ID)
		}
		return out
	}
	tests := []struct {
		name  string
		scope []*model.Item
		want  []string
		gaps  int
	}{
		{"nil scope is every item", nil, []string{"ITSP", "BUAN", "HOLE", "PROG", "LOOSE", "STRAY"}, 1},
		{"empty scope is none", []*model.Item{}, nil, 0},
		{"scope in any order, with repeats and strangers", []*model.Item{{ID: "HOLE"}, nil, {ID: "NOPE"}, &f.Items[0], {ID: "HOLE"}},
			[]string{"ITSP", "HOLE"}, 1},
		{"items outside the scope are ignored", []*model.Item{{ID: "PROG"}}, []string{"PROG"}, 0},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			rep := MeasureTeam(f, tc.scope, members, targets)
			if got := ids(rep); !slices.Equal(got, tc.want) {
				t.Errorf("items %v, want %v", got, tc.want)
			}
			if len(rep.CommonGaps) != tc.gaps || rep.Members != 1 {
				t.Errorf("%d common gaps, %d members; want %d, 1", len(rep.CommonGaps), rep.Members, tc.gaps)
			}
		})
	}
	if rep := MeasureTeam(nil, nil, members, targets); rep.Members != 0 || rep.Items != nil {
		t.Errorf("nil framework: %+v", rep)
	}
}

func TestTeamCommonGaps(t *testing.T) {
	f := sfiaLike()
	r := func(pairs ...any) []model.Rating {
		var out []model.Rating
		for i := 0; i < len(pairs); i += 2 {
			out = append(out, rate(pairs[i].(string), pairs[i+1].(int)))
		}
		return out
	}
	members := []MemberRatings{
		{"p1", r("ITSP", 4, "BUAN", 3, "HOLE", 2, "PROG", 2, "LOOSE", 1, "STRAY", 1)},
		{"p2", r("ITSP", 0, "BUAN", 3, "PROG", 2)},
		{"p3", r("BUAN", 2, "PROG", 3)},
		{"p4", r("BUAN", 0, "PROG", 6)},
		{"p5", nil},
	}
	targets := []model.Target{want("ITSP", 4), want("BUAN", 3), want("HOLE", 4), want("PROG", 3), want("LOOSE", 1)}
	rep := MeasureTeam(f, nil, members, targets)
	// HOLE 1 of 1 below; BUAN and PROG 2 of 4 (a tie: framework order);
	// ITSP 1 of 2 (the same share as BUAN and PROG, but fewer people below);
	// LOOSE nobody below; STRAY has no target.
	var got []string
	for _, m := range rep.CommonGaps {
		got = append(got, fmt.Sprintf("%s %d/%d", m.Item.ID, m.Below, m.Rated))
	}
	if want := []string{"HOLE 1/1", "BUAN 2/4", "PROG 2/4", "ITSP 1/2"}; !slices.Equal(got, want) {
		t.Errorf("common gaps %v, want %v", got, want)
	}
	// They point into Items, so the UI can mark them in the grid.
	for _, g := range rep.CommonGaps {
		if i := slices.IndexFunc(rep.Items, func(m ItemMeasure) bool { return m.Item == g.Item }); i < 0 || &rep.Items[i] != g {
			t.Errorf("%s does not point into Items", g.Item.ID)
		}
	}
}

func TestTeamComposition(t *testing.T) {
	person := func(id string, d model.Discipline, wte float64) model.Person {
		return model.Person{ID: id, Name: id, Discipline: d, InformaticsWTE: wte}
	}
	type row struct {
		d     model.Discipline
		count int
		share float64
		wte   float64
	}
	tests := []struct {
		name    string
		people  []model.Person
		members int
		rows    []row
		total   float64
		// the clinical members and their WTE: only they count towards the benchmark
		clinical, nonClinical       int
		clinicalWTE, nonClinicalWTE float64
	}{
		{"nobody", nil, 0, nil, 0, 0, 0, 0, 0},
		{
			"disciplines in model order, shares and WTE per discipline",
			[]model.Person{
				person("a", model.NonClinical, 1.0), person("b", model.Nurse, 0.4), person("c", model.Doctor, 0.2),
				person("d", model.Nurse, 0.1), person("e", model.Nurse, 0.3), person("f", model.Pharmacist, 0),
			},
			6,
			[]row{{model.Doctor, 1, 1.0 / 6, 0.2}, {model.Nurse, 3, 0.5, 0.8}, {model.Pharmacist, 1, 1.0 / 6, 0}, {model.NonClinical, 1, 1.0 / 6, 1.0}},
			2.0, 5, 1, 1.0, 1.0,
		},
		{
			"a mostly non-clinical team is far from the clinical benchmark",
			[]model.Person{
				person("a", model.NonClinical, 1.0), person("b", model.NonClinical, 1.0), person("c", model.NonClinical, 1.0),
				person("d", model.NonClinical, 1.0), person("e", model.Nurse, 0.5), person("f", model.SocialWorker, 0.5),
			},
			6,
			[]row{{model.Nurse, 1, 1.0 / 6, 0.5}, {model.SocialWorker, 1, 1.0 / 6, 0.5}, {model.NonClinical, 4, 4.0 / 6, 4.0}},
			5.0, 2, 4, 1.0, 4.0,
		},
		{
			"a person given twice counts once, with the later entry",
			[]model.Person{person("a", model.Doctor, 0.5), person("b", model.Midwife, 0.1), person("a", model.AHP, 0.7)},
			2,
			[]row{{model.Midwife, 1, 0.5, 0.1}, {model.AHP, 1, 0.5, 0.7}},
			0.8, 2, 0, 0.8, 0,
		},
		{
			"unknown disciplines last in order of appearance; negative WTE counts as 0",
			[]model.Person{person("a", "astronaut", 0.3), person("b", model.Dentist, -1), person("c", "", 0.1)},
			3,
			[]row{{model.Dentist, 1, 1.0 / 3, 0}, {"astronaut", 1, 1.0 / 3, 0.3}, {"", 1, 1.0 / 3, 0.1}},
			0.4, 1, 2, 0, 0.4,
		},
	}
	near := func(a, b float64) bool { return math.Abs(a-b) < 1e-9 }
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			c := TeamComposition(tc.people)
			if c.Members != tc.members || c.Disciplines != len(tc.rows) || len(c.ByDiscipline) != len(tc.rows) {
				t.Fatalf("members %d, disciplines %d, rows %+v", c.Members, c.Disciplines, c.ByDiscipline)
			}
			shares := 0.0
			for i, w := range tc.rows {
				g := c.ByDiscipline[i]
				if g.Discipline != w.d || g.Count != w.count || !near(g.Share, w.share) || !near(g.WTE, w.wte) {
					t.Errorf("row %d: got %+v, want %+v", i, g, w)
				}
				shares += g.Share
			}
			if len(tc.rows) > 0 && !near(shares, 1) {
				t.Errorf("shares add up to %v", shares)
			}
			for _, g := range c.ByDiscipline {
				if g.Clinical != g.Discipline.Clinical() {
					t.Errorf("%s: clinical %v", g.Discipline, g.Clinical)
				}
			}
			if c.ClinicalMembers != tc.clinical || c.NonClinicalMembers != tc.nonClinical ||
				!near(c.ClinicalWTE, tc.clinicalWTE) || !near(c.NonClinicalWTE, tc.nonClinicalWTE) {
				t.Errorf("clinical %d (%v WTE), non-clinical %d (%v WTE); want %d (%v), %d (%v)", c.ClinicalMembers, c.ClinicalWTE,
					c.NonClinicalMembers, c.NonClinicalWTE, tc.clinical, tc.clinicalWTE, tc.nonClinical, tc.nonClinicalWTE)
			}
			// The benchmark counts the clinical members' time only.
			if !near(c.TotalWTE, tc.total) || c.WachterBenchmark != 5 || !near(c.ShareOfBenchmark, tc.clinicalWTE/5) {
				t.Errorf("total %v benchmark %v share %v; want %v, 5, %v", c.TotalWTE, c.WachterBenchmark, c.ShareOfBenchmark, tc.total, tc.clinicalWTE/5)
			}
		})
	}
}

// teamSized is an organisation as large as the scale target: 10,000 people
// rating the 188 items of a DDaT-sized framework (about 1.5 million ratings
// over the first 150).
func teamSized() (*model.Framework, []MemberRatings, []model.Target) {
	f, _ := ddatSized()
	members := make([]MemberRatings, 10_000)
	for n := range members {
		rs := make([]model.Rating, 0, 150)
		for i := range 150 {
			rs = append(rs, model.Rating{Item: f.Items[i].ID, Level: (n*7 + i*3) % 5})
		}
		members[n] = MemberRatings{PersonID: fmt.Sprintf("person-%05d", n), Ratings: rs}
	}
	targets := make([]model.Target, len(f.Items))
	for i := range f.Items {
		targets[i] = want(f.Items[i].ID, 3)
	}
	return f, members, targets
}

func BenchmarkTeamMeasures(b *testing.B) {
	f, members, targets := teamSized()
	b.ReportAllocs()
	for b.Loop() {
		MeasureTeam(f, nil, members, targets)
	}
}

func level(p *int) string {
	if p == nil {
		return "-"
	}
	return strconv.Itoa(*p)
}
