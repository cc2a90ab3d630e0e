package frameworkdiff

import (
	"fmt"
	"testing"

	"gapwise/internal/model"
)

func fw(version string, items []model.Item, roles ...model.Role) *model.Framework {
	return &model.Framework{Ref: model.FrameworkRef{ID: "t", Version: version}, Items: items, Roles: roles}
}

func item(id, title string, levels []int, texts ...string) model.Item {
	it := model.Item{ID: id, Title: title, Levels: levels}
	for i, t := range texts {
		it.Descriptors = append(it.Descriptors, model.Descriptor{Level: levels[i], Text: t})
	}
	return it
}

func TestCompare(t *testing.T) {
	base := []model.Item{
		item("a", "Data quality", []int{1, 2}, "Knows it.", "Does it."),
		item("b", "Ownership and topic", []int{1, 2}, "Owns it.", "Leads it."),
		item("c", "Coding", []int{1, 2, 3}, "Writes code.", "Reviews code.", "Designs code."),
	}
	role := func(reqs ...model.Requirement) model.Role {
		return model.Role{ID: "r", Title: "R", Levels: []model.RoleLevel{{ID: "r/1", Title: "R1", Rank: 1, Requirements: reqs}}}
	}
	edit := func(f func(items []model.Item) []model.Item) []model.Item {
		items := make([]model.Item, len(base))
		for i, it := range base {
			it.Descriptors = append([]model.Descriptor(nil), it.Descriptors...)
			it.Levels = append([]int(nil), it.Levels...)
			items[i] = it
		}
		return f(items)
	}
	tests := []struct {
		name     string
		old, new *model.Framework
		want     string
	}{
		{"same", fw("1", base), fw("2", base), "added [] removed [] renamed [] changed [] roles []"},
		{"whitespace only", fw("1", base), fw("2", edit(func(it []model.Item) []model.Item {
			it[0].Descriptors[0].Text = "  Knows\n it. "
			it[0].Title = "Data  quality"
			return it
		})), "added [] removed [] renamed [] changed [] roles []"},
		{"one word of a title, texts changed too", fw("1", base), fw("2", edit(func(it []model.Item) []model.Item {
			it[1].ID, it[1].Title = "b2", "Ownership and initiative"
			it[1].Descriptors[1].Text = "Leads it well."
			return it
		})), "added [] removed [] renamed [{b b2}] changed [{b2 [descriptor 2]}] roles []"},
		{"same texts under a new title", fw("1", base), fw("2", edit(func(it []model.Item) []model.Item {
			it[2].ID, it[2].Title = "c9", "Programming"
			return it
		})), "added [] removed [] renamed [{c c9}] changed [] roles []"},
		{"removed and added", fw("1", base), fw("2", edit(func(it []model.Item) []model.Item {
			it[2] = item("z", "Zoology", []int{1}, "Knows animals.")
			return it
		})), "added [z] removed [c] renamed [] changed [] roles []"},
		{"title, description and levels", fw("1", base), fw("2", edit(func(it []model.Item) []model.Item {
			it[2].Title, it[2].Description = "Coding well", "New words."
			it[2].Levels, it[2].Descriptors = []int{2, 3}, it[2].Descriptors[1:]
			return it
		})), "added [] removed [] renamed [] changed [{c [title description levels descriptor 1]}] roles []"},
		{"requirements, a renamed skill followed", fw("1", base, role(model.Requirement{Item: "a", Level: 1}, model.Requirement{Item: "b", Level: 2})),
			fw("2", edit(func(it []model.Item) []model.Item {
				it[1].ID, it[1].Title = "b2", "Ownership and initiative"
				return it
			}), role(model.Requirement{Item: "a", Level: 2}, model.Requirement{Item: "b2", Level: 2}, model.Requirement{Item: "c", Level: 3})),
			"added [] removed [] renamed [{b b2}] changed [] roles [{r/1 R1 changed [{c 3}] [] [{a 1 2}]}]"},
		{"role level removed", fw("1", base, role(model.Requirement{Item: "a", Level: 1})), fw("2", base),
			"added [] removed [] renamed [] changed [] roles [{r/1 R1 removed [] [{a 1}] []}]"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			d := Compare(tt.old, tt.new)
			got := fmt.Sprintf("added %v removed %v renamed %v changed %v roles %v", d.Added, d.Removed, d.Renamed, d.Changed, d.RoleLevels)
			if got != tt.want {
				t.Errorf("got  %s\nwant %s", got, tt.want)
			}
			if d.Empty() != (tt.want == "added [] removed [] renamed [] changed [] roles []") {
				t.Errorf("Empty() = %v", d.Empty())
			}
		})
	}
}
