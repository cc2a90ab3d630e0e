package gap

import (
	"fmt"
	"strings"

	"gapwise/internal/model"
)

// sfiaLike is a small framework shaped like SFIA: a 1-7 scale, two levels of
// groups, skills defined at some levels only (one with a hole), and one item
// that lists no levels of its own (so the scale's apply).
func sfiaLike() *model.Framework {
	levels := func(vs ...int) []int { return vs }
	return &model.Framework{
		Ref:        model.FrameworkRef{ID: "sfia", Version: "9"},
		GroupKinds: []string{"category", "subcategory"},
		Scale: model.Scale{Levels: []model.Level{
			{Value: 1}, {Value: 2}, {Value: 3}, {Value: 4}, {Value: 5}, {Value: 6}, {Value: 7},
		}},
		Groups: []model.Group{
			{ID: "strat", Title: "Strategy", Kind: "category"},
			{ID: "plan", Title: "Planning", Kind: "subcategory", Parent: "strat"},
			{ID: "dev", Title: "Development", Kind: "category"},
			{ID: "empty", Title: "Empty", Kind: "category"},
		},
		Items: []model.Item{
			{ID: "ITSP", Group: "plan", Levels: levels(4, 5, 6, 7)},
			{ID: "BUAN", Group: "plan", Levels: levels(2, 3, 4, 5)},
			{ID: "HOLE", Group: "dev", Levels: levels(2, 4, 5)},
			{ID: "PROG", Group: "dev", Levels: levels(2, 3, 4, 5, 6)},
			{ID: "LOOSE"}, // no group, no levels: the scale's 1-7 apply
			{ID: "STRAY", Group: "nowhere", Levels: levels(1, 2, 3)},
		},
	}
}

// ddatLike is a small framework shaped like DDaT: a 1-4 scale and roles with
// ranked levels. The eng/dev role lists its levels out of rank order on
// purpose, so NextLevel is seen to go by Rank.
func ddatLike() *model.Framework {
	items := []model.Item{}
	for _, id := range []string{"s1", "s2", "s3", "s4", "s5", "s6"} {
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
		Ref:   model.FrameworkRef{ID: "ddat", Version: "2025-q3"},
		Scale: model.Scale{Levels: []model.Level{{Value: 1}, {Value: 2}, {Value: 3}, {Value: 4}}},
		Items: items,
		Roles: []model.Role{
			{ID: "data/analyst", Title: "Analyst", Levels: []model.RoleLevel{
				{ID: "data/analyst/junior", Title: "Junior analyst", Rank: 1, Requirements: req("s1", 1, "s2", 1)},
				{ID: "data/analyst/analyst", Title: "Analyst", Rank: 2, Requirements: req("s1", 2, "s2", 2, "s3", 1)},
				{ID: "data/analyst/senior", Title: "Senior analyst", Rank: 3, Requirements: req("s1", 3, "s2", 3, "s3", 2, "s4", 0)},
			}},
			{ID: "eng/dev", Title: "Developer", Levels: []model.RoleLevel{
				{ID: "eng/dev/lead", Title: "Lead developer", Rank: 3, Requirements: req("s5", 4, "s6", 3, "s1", 3)},
				{ID: "eng/dev/dev", Title: "Developer", Rank: 2, Requirements: req("s5", 3, "s6", 2)},
				{ID: "eng/dev/junior", Title: "Junior developer", Rank: 1, Requirements: req("s5", 2, "s6", 1)},
			}},
			{ID: "ops/support", Title: "Support", Levels: []model.RoleLevel{
				{ID: "ops/support/trainee", Title: "Trainee support", Rank: 1, Requirements: req("s5", 1, "s6", 2)},
				{ID: "ops/support/analyst", Title: "Support analyst", Rank: 2, Requirements: req("s5", 3, "s6", 2)},
				{ID: "ops/support/unlevelled", Title: "Unlevelled", Rank: 3, Requirements: req("s1", 0, "s2", 0)},
			}},
			{ID: "chief/cdo", Title: "Chief data officer", Requirements: req("s1", 0, "s2", 0)},
		},
	}
}

func rate(item string, level int) model.Rating { return model.Rating{Item: item, Level: level} }

func want(item string, level int) model.Target {
	return model.Target{Item: item, Level: level, Source: "manual"}
}

// describe renders an ItemGap compactly: "BUAN 3/5 gap 2 below (capped from 7)",
// with "-" for not rated or no target.
func describe(g ItemGap) string {
	num := func(p *int) string {
		if p == nil {
			return "-"
		}
		return fmt.Sprint(*p)
	}
	s := fmt.Sprintf("%s %s/%s gap %d %s", g.Item.ID, num(g.Current), num(g.Target), g.Gap, g.Status)
	switch {
	case g.Capped:
		s += fmt.Sprintf(" (capped from %d)", g.RawTarget)
	case g.Raised:
		s += fmt.Sprintf(" (raised from %d)", g.RawTarget)
	}
	return s
}
