package gap

import (
	"fmt"
	"slices"
	"strings"
	"testing"

	"gapwise/internal/model"
)

// teachTeam builds a team from "name:level" cells for one item of
// sfiaLike (BUAN, defined 2-5; a trailing "*" flags interest; "-" is not
// rated), in the order given, which is also the display order.
func teachTeam(t *testing.T, item string, target int, cells ...string) (*model.Framework, *TeamRatings, *ItemMeasure, []string) {
	t.Helper()
	f := sfiaLike()
	var names []string
	var members []MemberRatings
	for _, c := range cells {
		name, v, _ := strings.Cut(c, ":")
		names = append(names, name)
		m := MemberRatings{PersonID: name, Ratings: []model.Rating{}}
		if v != "-" {
			var level int
			fmt.Sscan(strings.TrimSuffix(v, "*"), &level)
			m.Ratings = append(m.Ratings, model.Rating{Item: item, Level: level, Interest: strings.HasSuffix(v, "*")})
		}
		members = append(members, m)
	}
	tr := TeamRatingsOf(f, members)
	var targets []model.Target
	if target > 0 {
		targets = []model.Target{{Item: item, Level: target}}
	}
	it, _ := f.Item(item)
	ms := MeasureTeamRatings(f, []*model.Item{it}, tr, targets)
	return f, tr, &ms.Items[0], names
}

func namesOf(names []string, ms []int) string {
	var out []string
	for _, m := range ms {
		out = append(out, names[m])
	}
	return strings.Join(out, ",")
}

func pairingsOf(names []string, ps []Pairing) string {
	var out []string
	for _, p := range ps {
		out = append(out, names[p.Teacher]+">"+namesOf(names, p.Learners))
	}
	return strings.Join(out, " ")
}

func TestTeachPairings(t *testing.T) {
	tests := []struct {
		name     string
		item     string
		target   int
		cells    []string
		order    []int // display order; nil: as given
		teachers string
		learners string
		pairs    string
		unpaired string
		second   string
	}{
		{"below target learn from the strongest", "BUAN", 3, []string{"ann:5", "bob:3", "cy:2", "dee:0"}, nil,
			"ann,bob", "cy,dee", "ann>cy,dee", "", ""},
		{"equal top teachers share learners in turn", "BUAN", 3, []string{"ann:4", "bob:4", "cy:2", "dee:2", "eve:3*"}, nil,
			"ann,bob,eve", "cy,dee,eve", "ann>cy,eve bob>dee", "", ""},
		{"ties follow display order, not names", "BUAN", 3, []string{"ann:4", "bob:4", "cy:2"}, []int{1, 0, 2},
			"bob,ann", "cy", "bob>cy", "", ""},
		{"an interested teacher is a learner, never their own teacher", "BUAN", 3, []string{"ann:5*", "bob:3*"}, nil,
			"ann,bob", "ann,bob", "ann>bob", "ann", ""},
		{"nobody above: unpaired", "BUAN", 5, []string{"ann:4", "bob:2*"}, nil,
			"", "ann,bob", "", "ann,bob", ""},
		{"not rated is neither", "BUAN", 3, []string{"ann:4", "bob:-", "cy:-"}, nil,
			"ann", "", "", "", ""},
		{"no target: the team's best, if at the middle level", "BUAN", 0, []string{"ann:4", "bob:4", "cy:2*", "dee:3"}, nil,
			"ann,bob", "cy", "ann>cy", "", ""},
		{"no target and the best is low: no teacher", "BUAN", 0, []string{"ann:3", "cy:2*"}, nil,
			"", "cy", "", "cy", ""},
		{"no target: below-best is not a learner without interest", "PROG", 0, []string{"ann:6", "bob:2", "cy:3*"}, nil,
			"ann", "cy", "ann>cy", "", ""},
		{"fragile: the interested could be second holder", "BUAN", 4, []string{"ann:5", "bob:3*", "cy:2", "dee:0*"}, nil,
			"ann", "bob,cy,dee", "ann>bob,cy,dee", "", "bob,dee"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			f, tr, m, names := teachTeam(t, tt.item, tt.target, tt.cells...)
			got := Teach(f, tr, m, tt.order)
			for _, c := range []struct{ what, got, want string }{
				{"teachers", namesOf(names, got.Teachers), tt.teachers},
				{"learners", namesOf(names, got.Learners), tt.learners},
				{"pairings", pairingsOf(names, got.Pairings), tt.pairs},
				{"unpaired", namesOf(names, got.Unpaired), tt.unpaired},
				{"second holders", namesOf(names, got.SecondHolders), tt.second},
			} {
				if c.got != c.want {
					t.Errorf("%s: got %q, want %q", c.what, c.got, c.want)
				}
			}
			for _, p := range got.Pairings {
				if slices.Contains(p.Learners, p.Teacher) {
					t.Errorf("%s is paired with themself", names[p.Teacher])
				}
			}
			// The figures without the lists agree with the lists.
			c := TeachCounts(f, tr, m)
			want := TeachingCounts{len(got.Teachers), len(got.Learners), len(got.Interested), len(got.Pairings)}
			if c != want {
				t.Errorf("TeachCounts %+v, Teach gives %+v", c, want)
			}
		})
	}
}

// Lists go with per-person rows and rated members enough; counts with
// rated members enough.
func TestTeachingListsFollowTheDisplay(t *testing.T) {
	ind := WorkshopDisplay(3)
	ind.Individual = true
	tests := []struct {
		name  string
		d     Display
		rated int
		lists bool
		hides bool
	}{
		{"named, one rated", NamedDisplay(), 1, true, false},
		{"workshop, counts only", WorkshopDisplay(3), 5, false, false},
		{"workshop, below N", WorkshopDisplay(3), 2, false, true},
		{"individual rows", ind, 3, true, false},
		{"individual rows, below N", ind, 2, false, true},
	}
	for _, tt := range tests {
		if got := tt.d.TeachingLists(tt.rated); got != tt.lists {
			t.Errorf("%s: TeachingLists = %v", tt.name, got)
		}
		if got := tt.d.Hides(tt.rated); got != tt.hides {
			t.Errorf("%s: Hides = %v", tt.name, got)
		}
	}
}

func TestTeachFloorAndWords(t *testing.T) {
	f := sfiaLike()
	for id, want := range map[string]int{"ITSP": 6, "BUAN": 4, "HOLE": 4, "LOOSE": 4, "STRAY": 2} {
		it, _ := f.Item(id)
		if got := TeachFloor(f, it); got != want {
			t.Errorf("TeachFloor(%s) = %d, want %d", id, got, want)
		}
	}
	it := &model.Item{ID: "1.2", Title: "Clinical safety"}
	if got := PairingLine(it, "Member A", []string{"Member C", "Member D", "Member E"}); got != "Member A runs a session on 1.2 Clinical safety for Member C, Member D and Member E" {
		t.Errorf("PairingLine: %q", got)
	}
	if got := PairingObjective(&model.Item{ID: "data-analysis", Title: "Data analysis"}, 1); got != "Run a session on Data analysis for 1 member who wants to learn it" {
		t.Errorf("PairingObjective: %q", got)
	}
}

// DisplayOrder follows the roster: workshop labels, not names.
func TestDisplayOrderFollowsTheRoster(t *testing.T) {
	f := sfiaLike()
	people := []model.Person{{ID: "p1", Name: "Ann"}, {ID: "p2", Name: "Bob"}, {ID: "p3", Name: "Cy"}}
	tr := NewTeamRatings(f, []string{"p1", "p2", "p3"})
	r := WorkshopDisplay(3).Roster("team-1", people)
	order := tr.DisplayOrder(r)
	for k, m := range order {
		if r.Labels[k] != r.Label(tr.MemberID(m)) {
			t.Errorf("position %d is %s, labelled %q, want %q", k, tr.MemberID(m), r.Label(tr.MemberID(m)), r.Labels[k])
		}
	}
}

// TeachingLines by display: names in named display, counts only in plain
// workshop display (the same lines as TeachingSummary), neutral labels
// with individual rows, nothing when the item rests on too few people or
// nobody teaches or learns.
func TestTeachingLinesByDisplay(t *testing.T) {
	ind := WorkshopDisplay(3)
	ind.Individual = true
	cells := []string{"ann:5", "bob:3*", "cy:2", "dee:0*"} // target 4: fragile
	tests := []struct {
		name   string
		d      Display
		target int
		want   []string
	}{
		{"named", NamedDisplay(), 4, []string{
			"Could teach: ann",
			"Want to learn: bob, cy and dee (interested: bob and dee)",
			"Suggested: ann runs a session on BUAN Business analysis for bob, cy and dee",
			"Interested in becoming the second holder: bob and dee",
		}},
		{"workshop counts", WorkshopDisplay(3), 4, []string{
			"1 could teach · 3 want to learn · 2 flagged interest · 1 suggested session",
			"2 members are interested in becoming the second holder",
		}},
		{"workshop, below N", WorkshopDisplay(5), 4, nil},
		// The labels follow the roster's hash order, not the names'.
		{"individual rows", ind, 4, []string{
			"Could teach: Member B",
			"Want to learn: Member A, Member C and Member D (interested: Member A and Member C)",
			"Suggested: Member B runs a session on BUAN Business analysis for Member A, Member C and Member D",
			"Interested in becoming the second holder: Member A and Member C",
		}},
		{"nobody could teach or wants to learn", NamedDisplay(), 0, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			cs := cells
			if tt.target == 0 {
				cs = []string{"ann:2", "bob:3"}
			}
			f, tr, m, names := teachTeam(t, "BUAN", tt.target, cs...)
			m.Item.Title = "Business analysis"
			people := make([]model.Person, len(names))
			for k, n := range names {
				people[k] = model.Person{ID: n, Name: n}
			}
			r := tt.d.Roster("team-1", people)
			tc := Teach(f, tr, m, tr.DisplayOrder(r))
			got := TeachingLines(tt.d, r, tr, tc, m)
			if !slices.Equal(got, tt.want) {
				t.Errorf("lines:\n%q\nwant\n%q", got, tt.want)
			}
			// The Coverage tab's line is TeachingLines' own.
			wantSH := ""
			for _, l := range tt.want {
				if strings.Contains(l, "second holder") {
					wantSH = l
				}
			}
			if sh := SecondHolderLine(tt.d, r, tr, tc, m); sh != wantSH {
				t.Errorf("SecondHolderLine %q, want %q", sh, wantSH)
			}
			if !tt.d.TeachingLists(m.Rated) {
				if sum := TeachingSummary(tt.d, tc, m); !slices.Equal(sum, got) {
					t.Errorf("TeachingSummary %q, TeachingLines %q", sum, got)
				}
			}
			for _, n := range names {
				for _, l := range got {
					if tt.d.Workshop && strings.Contains(l, n+" ") {
						t.Errorf("workshop line %q names %s", l, n)
					}
				}
			}
		})
	}
}
