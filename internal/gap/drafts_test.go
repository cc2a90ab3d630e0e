package gap

import (
	"strings"
	"testing"

	"gapwise/internal/model"
)

// draftFramework has six items on a named 0-4 scale, in framework order a-f.
func draftFramework() *model.Framework {
	f := &model.Framework{
		Ref: model.FrameworkRef{ID: "fci", Version: "t"},
		Scale: model.Scale{Levels: []model.Level{
			{Value: 0, Name: "Not yet"}, {Value: 1, Name: "Awareness"}, {Value: 2, Name: "Working"}, {Value: 3, Name: "Practitioner"}, {Value: 4, Name: "Expert"},
		}},
	}
	for _, id := range []string{"a", "b", "c", "d", "e", "f"} {
		f.Items = append(f.Items, model.Item{ID: id, Title: "Item " + strings.ToUpper(id), Levels: []int{0, 1, 2, 3, 4}})
	}
	return f
}

func TestDraftPersonPlan(t *testing.T) {
	f := draftFramework()
	type rt struct {
		item            string
		current, target int
	}
	compute := func(rows ...rt) []ItemGap {
		var rs []model.Rating
		var ts []model.Target
		for _, r := range rows {
			if r.current >= 0 {
				rs = append(rs, model.Rating{Item: r.item, Level: r.current})
			}
			ts = append(ts, model.Target{Item: r.item, Level: r.target})
		}
		return Compute(f, nil, rs, ts).Items
	}
	course := model.CatalogueEntry{Title: "Governance course", Provider: "NHS Academy", Type: "Course", URL: "https://learn.example/gov", Items: []string{"b", "c"}}
	mentor := model.CatalogueEntry{Title: "Mentoring circle", Type: "coaching", Items: []string{"c"}}
	webinar := model.CatalogueEntry{Title: "Webinar", Items: []string{"d"}}
	cat := &model.Catalogue{Entries: []model.CatalogueEntry{course, mentor, webinar}}
	tests := []struct {
		name string
		gaps []ItemGap
		cat  *model.Catalogue
		n    int
		// want: per draft, "items|activity|objective substring"
		want []string
	}{
		{"no gaps, no drafts", compute(rt{"a", 3, 3}, rt{"b", 4, 2}), cat, 5, nil},
		{"not rated is not a gap", compute(rt{"a", -1, 3}, rt{"b", 1, 2}), nil, 5,
			[]string{"b||Develop Item B from level 1 (Awareness) to level 2 (Working): choose the way that suits you"}},
		{"largest first, ties in framework order, at most n", compute(rt{"a", 2, 3}, rt{"b", 0, 3}, rt{"c", 1, 2}, rt{"d", 1, 4}, rt{"e", 2, 3}), nil, 3,
			[]string{"b||Item B from level 0 (Not yet) to level 3", "d||Item D from level 1", "a||Item A from level 2"}},
		{"catalogue entry named with provider, type and address; activity from its type", compute(rt{"b", 1, 3}), cat, 5,
			[]string{`b|course or qualification|Take "Governance course" (NHS Academy, Course) to develop Item B from level 1 (Awareness) to level 3 (Practitioner). https://learn.example/gov`}},
		{"a later gap gets an entry not proposed yet", compute(rt{"b", 1, 4}, rt{"c", 1, 3}), cat, 5,
			[]string{`b|course or qualification|"Governance course"`, `c|mentoring|Take "Mentoring circle" (coaching) to develop Item C`}},
		{"when its only entry is proposed, the item joins that draft", compute(rt{"b", 1, 4}, rt{"c", 1, 3}),
			&model.Catalogue{Entries: []model.CatalogueEntry{course}}, 5,
			[]string{`b c|course or qualification|to develop Item B from level 1 (Awareness) to level 4 (Expert) and Item C from level 1 (Awareness) to level 3 (Practitioner).`}},
		{"no entry for an item: generic; unknown type: activity left to choose", compute(rt{"a", 0, 2}, rt{"d", 1, 2}), cat, 5,
			[]string{"a||Develop Item A from level 0 (Not yet)", `d||Take "Webinar" to develop Item D`}},
		{"n of 0 means DraftGaps", compute(rt{"a", 0, 1}, rt{"b", 0, 1}, rt{"c", 0, 1}, rt{"d", 0, 1}, rt{"e", 0, 1}, rt{"f", 0, 1}), nil, 0,
			[]string{"a||", "b||", "c||", "d||", "e||"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := DraftPersonPlan(f, tt.gaps, tt.cat, tt.n)
			if len(got) != len(tt.want) {
				t.Fatalf("%d drafts %+v, want %d", len(got), got, len(tt.want))
			}
			for i, w := range tt.want {
				parts := strings.SplitN(w, "|", 3)
				a := got[i].Action
				if strings.Join(a.Items, " ") != parts[0] || a.Activity != parts[1] || !strings.Contains(a.Objective, parts[2]) {
					t.Errorf("draft %d = items %q activity %q objective %q; want %q", i, a.Items, a.Activity, a.Objective, w)
				}
				if a.Status != model.Planned || a.Owner != "" || a.Due != "" {
					t.Errorf("draft %d: status %q owner %q due %q", i, a.Status, a.Owner, a.Due)
				}
				if (got[i].Entry == nil) != strings.HasPrefix(a.Objective, "Develop") {
					t.Errorf("draft %d: entry %v for %q", i, got[i].Entry, a.Objective)
				}
			}
		})
	}
}

func TestDraftPersonPlanKeepsObjectiveWithinLimit(t *testing.T) {
	f := draftFramework()
	long := model.CatalogueEntry{Title: strings.Repeat("T", 300), Provider: strings.Repeat("P", 200), Type: strings.Repeat("Y", 200),
		URL: "https://x.example/" + strings.Repeat("u", 480), Items: []string{"a", "b", "c"}}
	gaps := Compute(f, nil, []model.Rating{{Item: "a", Level: 0}, {Item: "b", Level: 0}, {Item: "c", Level: 0}},
		[]model.Target{{Item: "a", Level: 4}, {Item: "b", Level: 4}, {Item: "c", Level: 4}}).Items
	d := DraftPersonPlan(f, gaps, &model.Catalogue{Entries: []model.CatalogueEntry{long}}, 5)
	if len(d) != 1 || len([]rune(d[0].Action.Objective)) > model.MaxObjectiveLen {
		t.Fatalf("drafts %d, objective of %d characters", len(d), len([]rune(d[0].Action.Objective)))
	}
}

func TestDraftTeamPlan(t *testing.T) {
	f := draftFramework()
	members := []MemberRatings{
		{PersonID: "p1", Ratings: []model.Rating{{Item: "a", Level: 1}, {Item: "b", Level: 1}, {Item: "c", Level: 3}}},
		{PersonID: "p2", Ratings: []model.Rating{{Item: "a", Level: 1}, {Item: "b", Level: 3}, {Item: "c", Level: 1}}},
		{PersonID: "p3", Ratings: []model.Rating{{Item: "a", Level: 1}, {Item: "c", Level: 1}}},
	}
	targets := []model.Target{{Item: "a", Level: 2}, {Item: "b", Level: 2}, {Item: "c", Level: 2}}
	rep := MeasureTeam(f, nil, members, targets)
	cat := &model.Catalogue{Entries: []model.CatalogueEntry{{Title: "Item C masterclass", Provider: "Faculty", Type: "Masterclass", Items: []string{"c"}}}}
	tests := []struct {
		name     string
		display  Display
		existing []model.Action
		want     []string
	}{
		{"named display: every common gap, most widespread first", NamedDisplay(), nil,
			[]string{"a||Agree how the team will develop Item A to level 2 (Working)", `c|course or qualification|Arrange "Item C masterclass" (Faculty, Masterclass) for the members below the team target, to develop Item C to level 2 (Working).`, "b||Item B"}},
		{"workshop display leaves out gaps resting on fewer than N", WorkshopDisplay(3), nil,
			[]string{"a||Item A", "c||Item C"}},
		{"an open action already addresses an item; a done one does not", NamedDisplay(),
			[]model.Action{{Items: []string{"a"}, Status: model.InProgress}, {Items: []string{"c"}, Status: model.Done}},
			[]string{"c||Item C", "b||Item B"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := DraftTeamPlan(f, rep.CommonGaps, tt.display, tt.existing, cat, 5)
			if len(got) != len(tt.want) {
				t.Fatalf("%d drafts %+v, want %d", len(got), got, len(tt.want))
			}
			for i, w := range tt.want {
				parts := strings.SplitN(w, "|", 3)
				a := got[i].Action
				if strings.Join(a.Items, " ") != parts[0] || (parts[1] != "" && a.Activity != parts[1]) || !strings.Contains(a.Objective, parts[2]) {
					t.Errorf("draft %d = items %q activity %q objective %q; want %q", i, a.Items, a.Activity, a.Objective, w)
				}
				if a.Owner != "" {
					t.Errorf("draft %d has an owner", i)
				}
				for _, p := range []string{"p1", "p2", "p3", "Member"} {
					if strings.Contains(a.Objective, p) {
						t.Errorf("draft %d names %q: %q", i, p, a.Objective)
					}
				}
			}
		})
	}
}
