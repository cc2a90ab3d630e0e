package gap

import (
	"fmt"
	"slices"
	"strings"
	"testing"

	"gapwise/internal/model"
)

// familyFramework is DDaT-shaped with families: Data has two roles (one
// listing its levels out of rank order), Engineering one, and a Chief
// family whose only role has no levels.
func familyFramework() *model.Framework {
	var items []model.Item
	for _, id := range []string{"a", "b", "c", "d", "e", "g"} {
		items = append(items, model.Item{ID: id, Title: strings.ToUpper(id), Levels: []int{1, 2, 3, 4}})
	}
	req := func(pairs ...any) []model.Requirement {
		var out []model.Requirement
		for i := 0; i < len(pairs); i += 2 {
			out = append(out, model.Requirement{Item: pairs[i].(string), Level: pairs[i+1].(int)})
		}
		return out
	}
	return &model.Framework{
		Ref:   model.FrameworkRef{ID: "ddat", Version: "test"},
		Scale: model.Scale{Levels: []model.Level{{Value: 1}, {Value: 2}, {Value: 3}, {Value: 4}}},
		Items: items,
		Roles: []model.Role{
			{ID: "data/analyst", Family: "Data", Title: "Analyst", Levels: []model.RoleLevel{
				{ID: "data/analyst/trainee", Title: "Trainee analyst", Rank: 1, Requirements: req("a", 1, "b", 1)},
				{ID: "data/analyst/analyst", Title: "Analyst", Rank: 2, Requirements: req("a", 2, "b", 2, "c", 1)},
				{ID: "data/analyst/head", Title: "Head of analysis", Rank: 3, Requirements: req("a", 4, "b", 3, "c", 3)},
			}},
			{ID: "data/scientist", Family: "Data", Title: "Scientist", Levels: []model.RoleLevel{
				{ID: "data/scientist/lead", Title: "Lead scientist", Rank: 2, Requirements: req("c", 3, "d", 3)},
				{ID: "data/scientist/junior", Title: "Junior scientist", Rank: 1, Requirements: req("c", 1, "d", 1)},
			}},
			{ID: "eng/dev", Family: "Engineering", Title: "Developer", Levels: []model.RoleLevel{
				{ID: "eng/dev/junior", Title: "Junior developer", Rank: 1, Requirements: req("a", 1, "e", 1)},
				{ID: "eng/dev/senior", Title: "Senior developer", Rank: 2, Requirements: req("a", 2, "e", 3, "g", 2)},
			}},
			{ID: "eng/tester", Family: "Engineering", Title: "Tester", Levels: []model.RoleLevel{
				{ID: "eng/tester/tester", Title: "Tester", Rank: 1, Requirements: req("b", 1, "g", 1)},
			}},
			{ID: "ops/support", Family: "Operations", Title: "Support", Levels: []model.RoleLevel{
				{ID: "ops/support/analyst", Title: "Support analyst", Rank: 1, Requirements: req("a", 1, "g", 4)},
				{ID: "ops/support/unstated", Title: "Unstated", Rank: 2, Requirements: req("a", 0)},
			}},
			{ID: "chief/cdo", Family: "Chief", Title: "Chief data officer", Requirements: req("a", 0)},
		},
	}
}

// showLadder renders a ladder: one line per step with its standing, "<" on
// the level fitted now and "^" on the next step up, then the sideways moves.
func showLadder(l Ladder) []string {
	var out []string
	for _, r := range l.Roles {
		out = append(out, r.Role.Title+":")
		for k, p := range r.Steps {
			mark := ""
			if k == r.Fits {
				mark += " <"
			}
			if k == r.Next {
				mark += " ^"
			}
			out = append(out, fmt.Sprintf("  %s %s (%s)%s", p.Level.ID, p.Standing(), p.StepText(), mark))
		}
	}
	for _, p := range l.Sideways {
		out = append(out, fmt.Sprintf("sideways %s: %s", p.Level.ID, p.TransferText()))
	}
	return out
}

func TestRoleLadder(t *testing.T) {
	tests := []struct {
		name    string
		family  string
		ratings []model.Rating
		want    []string
	}{
		{
			name:   "nothing rated: every step unrated, start at the bottom, no sideways move",
			family: "Data",
			want: []string{
				"Analyst:",
				"  data/analyst/trainee unrated (not rated: rate its 2 required skills to know) ^",
				"  data/analyst/analyst unrated (not rated: rate its 3 required skills to know)",
				"  data/analyst/head unrated (not rated: rate its 3 required skills to know)",
				"Scientist:",
				"  data/scientist/junior unrated (not rated: rate its 2 required skills to know) ^",
				"  data/scientist/lead unrated (not rated: rate its 2 required skills to know)",
			},
		},
		{
			name:   "one rated skill met is not a reached level: the unknowns stay unknown",
			family: "Data",
			// a at 2 meets the trainee's and analyst's a, but b and c are unrated.
			ratings: []model.Rating{rate("a", 2)},
			want: []string{
				"Analyst:",
				"  data/analyst/trainee met so far (met so far: 1 of 2 met, rate 1 more to know) ^",
				"  data/analyst/analyst met so far (met so far: 1 of 3 met, rate 2 more to know)",
				"  data/analyst/head short (0 of 3 met, 2 unknown, gap 2+ on rated)",
				"Scientist:",
				"  data/scientist/junior unrated (not rated: rate its 2 required skills to know) ^",
				"  data/scientist/lead unrated (not rated: rate its 2 required skills to know)",
				// Equal shares (1 of 2), rated shares and gaps: the more
				// demanding level (support analyst asks for 5 levels in all) first.
				"sideways ops/support/analyst: 1 of 2 required skills transfer; rests on 1 of 2 required skills: rate 1 more",
				"sideways eng/dev/junior: 1 of 2 required skills transfer; rests on 1 of 2 required skills: rate 1 more",
			},
		},
		{
			name:    "fitted at the most senior level reached; next step up is the one above",
			family:  "Data",
			ratings: []model.Rating{rate("a", 2), rate("b", 2), rate("c", 1), rate("d", 4), rate("e", 1), rate("g", 1)},
			want: []string{
				"Analyst:",
				"  data/analyst/trainee reached (reached: all 2 required skills met)",
				"  data/analyst/analyst reached (reached: all 3 required skills met) <",
				"  data/analyst/head short (0 of 3 met, gap 5) ^",
				"Scientist:",
				"  data/scientist/junior reached (reached: all 2 required skills met) <",
				"  data/scientist/lead short (1 of 2 met, gap 2) ^",
				// Full shares first; the junior developer beats the senior one,
				// and the tester (2 of 2, same gap and demand) ties it, broken by role title.
				"sideways eng/dev/junior: 2 of 2 required skills transfer; rests on all 2 required skills",
				"sideways eng/tester/tester: 2 of 2 required skills transfer; rests on all 2 required skills",
				"sideways ops/support/analyst: 1 of 2 required skills transfer; rests on all 2 required skills",
			},
		},
		{
			name:    "the top reached: no step up",
			family:  "Engineering",
			ratings: []model.Rating{rate("a", 4), rate("e", 4), rate("g", 4), rate("b", 0)},
			want: []string{
				"Developer:",
				"  eng/dev/junior reached (reached: all 2 required skills met)",
				"  eng/dev/senior reached (reached: all 3 required skills met) <",
				"Tester:",
				"  eng/tester/tester short (1 of 2 met, gap 1) ^",
				"sideways ops/support/analyst: 2 of 2 required skills transfer; rests on all 2 required skills",
				// The head of analysis (1 of 3) loses to the trainee (1 of 2): one level per role.
				"sideways data/analyst/trainee: 1 of 2 required skills transfer; rests on all 2 required skills",
			},
		},
		{
			name:    "a level below skipped: the most senior reached still counts",
			family:  "Data",
			ratings: []model.Rating{rate("c", 3), rate("d", 3)},
			want: []string{
				"Analyst:",
				"  data/analyst/trainee unrated (not rated: rate its 2 required skills to know) ^",
				"  data/analyst/analyst met so far (met so far: 1 of 3 met, rate 2 more to know)",
				"  data/analyst/head met so far (met so far: 1 of 3 met, rate 2 more to know)",
				"Scientist:",
				"  data/scientist/junior reached (reached: all 2 required skills met)",
				"  data/scientist/lead reached (reached: all 2 required skills met) <",
			},
		},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			l, ok := RoleLadder(familyFramework(), tc.ratings, tc.family)
			if !ok {
				t.Fatal("no ladder")
			}
			if got := showLadder(l); !slices.Equal(got, tc.want) {
				t.Errorf("got\n%s\nwant\n%s", strings.Join(got, "\n"), strings.Join(tc.want, "\n"))
			}
		})
	}
}

func TestRoleLadderNone(t *testing.T) {
	f := familyFramework()
	for _, fam := range []string{"Chief", "Nowhere", ""} {
		if _, ok := RoleLadder(f, nil, fam); ok {
			t.Errorf("%q: a ladder for a family with no role levels", fam)
		}
	}
	if _, ok := RoleLadder(nil, nil, "Data"); ok {
		t.Error("a ladder with no framework")
	}
	if _, ok := RoleLadder(sfiaLike(), nil, "Data"); ok {
		t.Error("a ladder for a framework without roles")
	}
}

func TestLadderFamilies(t *testing.T) {
	f := familyFramework()
	if got, want := LadderFamilies(f), []string{"Data", "Engineering", "Operations"}; !slices.Equal(got, want) {
		t.Errorf("families %v, want %v (Chief has no levels)", got, want)
	}
	if got := LadderFamilies(sfiaLike()); len(got) != 0 {
		t.Errorf("SFIA-like families %v, want none", got)
	}
	tests := []struct {
		in, want string
		ok       bool
	}{
		{"Data", "Data", true},
		{"data", "Data", true},
		{" ENGINEERING ", "Engineering", true},
		{"chief", "", false},
		{"dat", "", false},
	}
	for _, tc := range tests {
		if got, ok := FindFamily(f, tc.in); got != tc.want || ok != tc.ok {
			t.Errorf("FindFamily(%q) = %q, %v; want %q, %v", tc.in, got, ok, tc.want, tc.ok)
		}
	}
}

func TestStanding(t *testing.T) {
	tests := []struct {
		p    Pathway
		want Standing
	}{
		{Pathway{Required: 3, Rated: 3, Met: 3}, Reached},
		{Pathway{Required: 3, Rated: 2, Met: 2, Unknown: 1}, MetSoFar},
		{Pathway{Required: 3, Rated: 2, Met: 1, Unknown: 1}, Short},
		{Pathway{Required: 3, Rated: 3, Met: 0}, Short},
		{Pathway{Required: 3, Unknown: 3}, Unrated},
	}
	for _, tc := range tests {
		if got := tc.p.Standing(); got != tc.want {
			t.Errorf("%+v: %v, want %v", tc.p, got, tc.want)
		}
	}
}
