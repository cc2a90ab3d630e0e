package gap

import (
	"fmt"
	"slices"
	"strings"
	"testing"

	"gapwise/internal/model"
)

func showPathway(p Pathway) string {
	list := func(ids []string) string { return "[" + strings.Join(ids, " ") + "]" }
	return fmt.Sprintf("%s req %d demand %d met %d rated %d gap %d fit %.3f ok %s miss %s unrated %s",
		p.Level.ID, p.Required, p.Demand, p.Met, p.Rated, p.TotalGap, p.Fit,
		list(p.Transferable), list(p.Missing), list(p.NotRated))
}

func TestPathways(t *testing.T) {
	tests := []struct {
		name    string
		ratings []model.Rating
		want    []string
	}{
		{
			name: "ranked by fit, then total gap, then demand, then title",
			// s3 is not rated: it is missing from every level that needs it, never met.
			ratings: []model.Rating{rate("s1", 2), rate("s2", 2), rate("s5", 4), rate("s6", 0)},
			want: []string{
				"data/analyst/junior req 2 demand 2 met 2 rated 2 gap 0 fit 1.000 ok [s1 s2] miss [] unrated []",
				"data/analyst/analyst req 3 demand 5 met 2 rated 2 gap 0 fit 0.667 ok [s1 s2] miss [s3] unrated [s3]",
				"eng/dev/junior req 2 demand 3 met 1 rated 2 gap 1 fit 0.500 ok [s5] miss [s6] unrated []",
				"eng/dev/dev req 2 demand 5 met 1 rated 2 gap 2 fit 0.500 ok [s5] miss [s6] unrated []",
				"ops/support/analyst req 2 demand 5 met 1 rated 2 gap 2 fit 0.500 ok [s5] miss [s6] unrated []",
				"ops/support/trainee req 2 demand 3 met 1 rated 2 gap 2 fit 0.500 ok [s5] miss [s6] unrated []",
				"eng/dev/lead req 3 demand 10 met 1 rated 3 gap 4 fit 0.333 ok [s5] miss [s6 s1] unrated []",
				"data/analyst/senior req 3 demand 8 met 0 rated 2 gap 2 fit 0.000 ok [] miss [s1 s2 s3] unrated [s3]",
			},
		},
		{
			name: "nothing rated: no fit, no gap, everything not rated",
			want: []string{
				"eng/dev/lead req 3 demand 10 met 0 rated 0 gap 0 fit 0.000 ok [] miss [s5 s6 s1] unrated [s5 s6 s1]",
				"data/analyst/senior req 3 demand 8 met 0 rated 0 gap 0 fit 0.000 ok [] miss [s1 s2 s3] unrated [s1 s2 s3]",
				"data/analyst/analyst req 3 demand 5 met 0 rated 0 gap 0 fit 0.000 ok [] miss [s1 s2 s3] unrated [s1 s2 s3]",
				"eng/dev/dev req 2 demand 5 met 0 rated 0 gap 0 fit 0.000 ok [] miss [s5 s6] unrated [s5 s6]",
				"ops/support/analyst req 2 demand 5 met 0 rated 0 gap 0 fit 0.000 ok [] miss [s5 s6] unrated [s5 s6]",
				"eng/dev/junior req 2 demand 3 met 0 rated 0 gap 0 fit 0.000 ok [] miss [s5 s6] unrated [s5 s6]",
				"ops/support/trainee req 2 demand 3 met 0 rated 0 gap 0 fit 0.000 ok [] miss [s5 s6] unrated [s5 s6]",
				"data/analyst/junior req 2 demand 2 met 0 rated 0 gap 0 fit 0.000 ok [] miss [s1 s2] unrated [s1 s2]",
			},
		},
		{
			name:    "everything at level 0: rated, all missing, gaps counted",
			ratings: []model.Rating{rate("s1", 0), rate("s2", 0), rate("s3", 0), rate("s5", 0), rate("s6", 0)},
			want: []string{
				"data/analyst/junior req 2 demand 2 met 0 rated 2 gap 2 fit 0.000 ok [] miss [s1 s2] unrated []",
				"eng/dev/junior req 2 demand 3 met 0 rated 2 gap 3 fit 0.000 ok [] miss [s5 s6] unrated []",
				"ops/support/trainee req 2 demand 3 met 0 rated 2 gap 3 fit 0.000 ok [] miss [s5 s6] unrated []",
				"data/analyst/analyst req 3 demand 5 met 0 rated 3 gap 5 fit 0.000 ok [] miss [s1 s2 s3] unrated []",
				"eng/dev/dev req 2 demand 5 met 0 rated 2 gap 5 fit 0.000 ok [] miss [s5 s6] unrated []",
				"ops/support/analyst req 2 demand 5 met 0 rated 2 gap 5 fit 0.000 ok [] miss [s5 s6] unrated []",
				"data/analyst/senior req 3 demand 8 met 0 rated 3 gap 8 fit 0.000 ok [] miss [s1 s2 s3] unrated []",
				"eng/dev/lead req 3 demand 10 met 0 rated 3 gap 10 fit 0.000 ok [] miss [s5 s6 s1] unrated []",
			},
		},
		{
			name:    "a level fully met and above; equal fit 1 ranks the most demanding level first",
			ratings: []model.Rating{rate("s1", 4), rate("s2", 4), rate("s3", 4), rate("s5", 4), rate("s6", 4)},
			want: []string{
				"eng/dev/lead req 3 demand 10 met 3 rated 3 gap 0 fit 1.000 ok [s5 s6 s1] miss [] unrated []",
				"data/analyst/senior req 3 demand 8 met 3 rated 3 gap 0 fit 1.000 ok [s1 s2 s3] miss [] unrated []",
				"data/analyst/analyst req 3 demand 5 met 3 rated 3 gap 0 fit 1.000 ok [s1 s2 s3] miss [] unrated []",
				"eng/dev/dev req 2 demand 5 met 2 rated 2 gap 0 fit 1.000 ok [s5 s6] miss [] unrated []",
				"ops/support/analyst req 2 demand 5 met 2 rated 2 gap 0 fit 1.000 ok [s5 s6] miss [] unrated []",
				"eng/dev/junior req 2 demand 3 met 2 rated 2 gap 0 fit 1.000 ok [s5 s6] miss [] unrated []",
				"ops/support/trainee req 2 demand 3 met 2 rated 2 gap 0 fit 1.000 ok [s5 s6] miss [] unrated []",
				"data/analyst/junior req 2 demand 2 met 2 rated 2 gap 0 fit 1.000 ok [s1 s2] miss [] unrated []",
			},
		},
	}
	f := ddatLike()
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			ps := Pathways(f, tc.ratings)
			var got []string
			for _, p := range ps {
				got = append(got, showPathway(p))
				if !ownsLevel(p.Role, p.Level) {
					t.Errorf("%s: Level does not point into its Role", p.Level.ID)
				}
			}
			if !slices.Equal(got, tc.want) {
				t.Errorf("got\n  %s\nwant\n  %s", strings.Join(got, "\n  "), strings.Join(tc.want, "\n  "))
			}
		})
	}
	if Pathways(nil, nil) != nil {
		t.Error("nil framework: want no pathways")
	}
}

func ownsLevel(r *model.Role, l *model.RoleLevel) bool {
	for j := range r.Levels {
		if &r.Levels[j] == l {
			return true
		}
	}
	return false
}

func TestPathwaysEqualFitsCompareExactly(t *testing.T) {
	// 2/4 and 1/2 are the same fit: the tie is broken by gap and rank, not by rounding.
	f := &model.Framework{
		Ref:   model.FrameworkRef{ID: "x"},
		Items: []model.Item{{ID: "a", Levels: []int{1, 2}}, {ID: "b", Levels: []int{1, 2}}, {ID: "c", Levels: []int{1, 2}}, {ID: "d", Levels: []int{1, 2}}},
		Roles: []model.Role{{ID: "r", Levels: []model.RoleLevel{
			{ID: "r/two", Title: "Two", Rank: 2, Requirements: []model.Requirement{{Item: "a", Level: 1}, {Item: "b", Level: 2}}},
			{ID: "r/one", Title: "One", Rank: 1, Requirements: []model.Requirement{{Item: "a", Level: 1}, {Item: "b", Level: 2}, {Item: "c", Level: 1}, {Item: "d", Level: 2}}},
		}}},
	}
	ps := Pathways(f, []model.Rating{rate("a", 1), rate("b", 1), rate("c", 1), rate("d", 1)})
	if len(ps) != 2 || ps[0].Level.ID != "r/two" || ps[0].Fit != ps[1].Fit {
		t.Fatalf("got %s then %s", showPathway(ps[0]), showPathway(ps[1]))
	}
}

func TestNextLevel(t *testing.T) {
	f := ddatLike()
	tests := []struct{ from, want string }{
		{"data/analyst/junior", "data/analyst/analyst"},
		{"data/analyst/analyst", "data/analyst/senior"},
		{"data/analyst/senior", ""},
		// eng/dev lists lead, dev, junior: the order of the list does not matter, Rank does.
		{"eng/dev/junior", "eng/dev/dev"},
		{"eng/dev/dev", "eng/dev/lead"},
		{"eng/dev/lead", ""},
		{"no/such/level", ""},
	}
	for _, tc := range tests {
		role, next, ok := NextLevel(f, tc.from)
		got := ""
		if ok {
			got = next.ID
			if !strings.HasPrefix(next.ID, role.ID+"/") {
				t.Errorf("%s: role %s does not own %s", tc.from, role.ID, next.ID)
			}
		}
		if got != tc.want || ok != (tc.want != "") {
			t.Errorf("NextLevel(%s) = %q, %v; want %q", tc.from, got, ok, tc.want)
		}
	}
	if _, _, ok := NextLevel(nil, "x"); ok {
		t.Error("nil framework: want not ok")
	}
}

func TestTargetsFromRoleLevel(t *testing.T) {
	f := ddatLike()
	f.Roles = append(f.Roles, model.Role{ID: "data/data-analyst", Levels: []model.RoleLevel{{
		ID: "data/data-analyst/senior-data-analyst", Rank: 3,
		Requirements: []model.Requirement{{Item: "s1", Level: 3}, {Item: "s4", Level: 0}, {Item: "s2", Level: 2}},
	}}})
	got, err := TargetsFromRoleLevel(f, "data/data-analyst/senior-data-analyst")
	if err != nil {
		t.Fatal(err)
	}
	const src = "role:ddat/data/data-analyst/senior-data-analyst"
	w := []model.Target{{Item: "s1", Level: 3, Source: src}, {Item: "s2", Level: 2, Source: src}}
	if !slices.Equal(got, w) {
		t.Errorf("got %+v, want %+v", got, w)
	}
	if fw, lvl, ok := ParseRoleSource(src); !ok || fw != "ddat" || lvl != "data/data-analyst/senior-data-analyst" {
		t.Errorf("ParseRoleSource: got %q %q %v", fw, lvl, ok)
	}
	for _, bad := range []string{"manual", "person:x", "role:", "role:ddat", "role:/x", "role:ddat/"} {
		if _, _, ok := ParseRoleSource(bad); ok {
			t.Errorf("ParseRoleSource(%q) ok", bad)
		}
	}

	if _, err := TargetsFromRoleLevel(f, "no/such"); model.KindOf(err) != model.NotFound {
		t.Errorf("unknown role level: got %v (kind %v), want not found", err, model.KindOf(err))
	}
	if _, err := TargetsFromRoleLevel(nil, "x"); err == nil {
		t.Error("nil framework: want an error")
	}

	// Targets from a role level feed Compute unchanged.
	targets, _ := TargetsFromRoleLevel(f, "data/analyst/analyst")
	rep := Compute(f, nil, []model.Rating{rate("s1", 1), rate("s2", 2)}, targets)
	if rep.Below != 1 || rep.Met != 1 || rep.NotRated != 1 || rep.TotalGap != 1 || rep.Items[0].TargetSource != "role:ddat/data/analyst/analyst" {
		t.Errorf("got %+v, first %s from %q", rep.Tally, describe(rep.Items[0]), rep.Items[0].TargetSource)
	}
}

func TestTargetsFromRatings(t *testing.T) {
	src := PersonSource("p-1")
	got := TargetsFromRatings([]model.Rating{rate("a", 2), rate("b", 0), rate("c", 3), rate("a", 4), rate("c", 0), rate("d", 1)}, src)
	w := []model.Target{{Item: "a", Level: 4, Source: "person:p-1"}, {Item: "d", Level: 1, Source: "person:p-1"}}
	if !slices.Equal(got, w) {
		t.Errorf("got %+v, want %+v", got, w)
	}
	if got := TargetsFromRatings(nil, src); len(got) != 0 {
		t.Errorf("no ratings: got %+v", got)
	}
}

func TestPathwayListsDoNotShareRoom(t *testing.T) {
	ps := Pathways(ddatLike(), []model.Rating{rate("s1", 2), rate("s2", 2), rate("s5", 4), rate("s6", 0)})
	before := make([]string, len(ps))
	for i, p := range ps {
		before[i] = showPathway(p)
	}
	for i := range ps {
		ps[i].Transferable = append(ps[i].Transferable, "x")
		ps[i].Missing = append(ps[i].Missing, "y")
		ps[i].NotRated = append(ps[i].NotRated, "z")
	}
	for i, p := range ps {
		p.Transferable = p.Transferable[:len(p.Transferable)-1]
		p.Missing = p.Missing[:len(p.Missing)-1]
		p.NotRated = p.NotRated[:len(p.NotRated)-1]
		if got := showPathway(p); got != before[i] {
			t.Errorf("appending changed another list:\n got %s\nwant %s", got, before[i])
		}
	}
}

// TestPathwaysRankOnWhatIsRated: a level is never ranked first because its
// few rated skills are met while most are unrated. Each case is two role
// levels and the order they must come in; on the old ranking (fit, then the
// total gap of rated skills only) each came the other way round.
func TestPathwaysRankOnWhatIsRated(t *testing.T) {
	items := []model.Item{}
	for _, id := range []string{"a", "b", "c", "d", "e", "f", "g", "h", "i", "j", "k"} {
		items = append(items, model.Item{ID: id, Levels: []int{1, 2, 3}})
	}
	req := func(ids ...string) []model.Requirement {
		var out []model.Requirement
		for _, id := range ids {
			out = append(out, model.Requirement{Item: id, Level: 2})
		}
		return out
	}
	tests := []struct {
		name           string
		first, second  []model.Requirement
		ratings        []model.Rating
		wantUnknown    [2]int
		wantBasisFirst string
	}{
		{
			name: "equal fit: the level resting on all its skills first, not the one whose unrated skills hide their gap",
			// Both fit 1 of 6; the second's gap of 0 is only that g to k are unrated.
			first: req("a", "b", "c", "d", "e", "f"), second: req("a", "g", "h", "i", "j", "k"),
			ratings:        []model.Rating{rate("a", 2), rate("b", 1), rate("c", 1), rate("d", 1), rate("e", 1), rate("f", 1)},
			wantUnknown:    [2]int{0, 5},
			wantBasisFirst: "rests on all 6 required skills",
		},
		{
			name:  "a level rated at least half comes before a higher fit resting on too little",
			first: req("a", "b"), second: req("c", "d", "e", "f"),
			ratings:        []model.Rating{rate("a", 1), rate("b", 1), rate("c", 3)},
			wantUnknown:    [2]int{0, 3},
			wantBasisFirst: "rests on all 2 required skills",
		},
		{
			name:  "half rated is enough",
			first: req("a", "b"), second: req("c", "d", "e", "f", "g"),
			ratings:        []model.Rating{rate("a", 1), rate("c", 3), rate("d", 3)},
			wantUnknown:    [2]int{1, 3},
			wantBasisFirst: "rests on 1 of 2 required skills: rate 1 more",
		},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			f := &model.Framework{Ref: model.FrameworkRef{ID: "x"}, Items: items, Roles: []model.Role{{ID: "r", Levels: []model.RoleLevel{
				// "second" is listed first, with the higher rank and title order, so nothing but the rule puts "first" ahead.
				{ID: "r/second", Title: "A second", Rank: 2, Requirements: tc.second},
				{ID: "r/first", Title: "B first", Rank: 1, Requirements: tc.first},
			}}}}
			ps := Pathways(f, tc.ratings)
			if len(ps) != 2 {
				t.Fatalf("%d pathways", len(ps))
			}
			if ps[0].Level.ID != "r/first" {
				t.Fatalf("ranked %s before %s", showPathway(ps[0]), showPathway(ps[1]))
			}
			if got := [2]int{ps[0].Unknown, ps[1].Unknown}; got != tc.wantUnknown {
				t.Errorf("unknown %v, want %v", got, tc.wantUnknown)
			}
			for _, p := range ps {
				if p.Rated+p.Unknown != p.Required || len(p.NotRated) != p.Unknown {
					t.Errorf("%s: rated %d + unknown %d != required %d", showPathway(p), p.Rated, p.Unknown, p.Required)
				}
			}
			if got := ps[0].Basis(); got != tc.wantBasisFirst {
				t.Errorf("basis %q, want %q", got, tc.wantBasisFirst)
			}
		})
	}
}
