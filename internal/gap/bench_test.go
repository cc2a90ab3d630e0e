package gap

import (
	"fmt"
	"testing"

	"gapwise/internal/model"
)

// ddatSized is a synthetic framework the size of DDaT 2025-Q3: 188 items,
// 52 roles with 201 levels between them and about 1,800 requirements, plus a
// rating for every item.
func ddatSized() (*model.Framework, []model.Rating) {
	const nItems, nRoles, nLevels = 188, 52, 201
	f := &model.Framework{
		Ref:   model.FrameworkRef{ID: "ddat", Version: "bench"},
		Scale: model.Scale{Levels: []model.Level{{Value: 1}, {Value: 2}, {Value: 3}, {Value: 4}}},
	}
	ratings := make([]model.Rating, 0, nItems)
	for i := range nItems {
		id := fmt.Sprintf("skill-%03d", i)
		f.Items = append(f.Items, model.Item{ID: id, Title: id, Levels: []int{1, 2, 3, 4}})
		ratings = append(ratings, model.Rating{Item: id, Level: i % 5}) // 0..4
	}
	levels := 0
	for r := range nRoles {
		role := model.Role{ID: fmt.Sprintf("family/role-%02d", r), Title: fmt.Sprintf("Role %02d", r)}
		n := nLevels / nRoles // 3, and 4 for the first few roles
		if r < nLevels%nRoles {
			n++
		}
		for k := range n {
			lvl := model.RoleLevel{ID: fmt.Sprintf("%s/level-%d", role.ID, k), Title: fmt.Sprintf("Level %d", k), Rank: k + 1}
			for q := range 9 {
				lvl.Requirements = append(lvl.Requirements, model.Requirement{
					Item:  f.Items[(r*17+k*5+q*11)%nItems].ID,
					Level: 1 + (k+q)%4,
				})
			}
			role.Levels = append(role.Levels, lvl)
			levels++
		}
		f.Roles = append(f.Roles, role)
	}
	return f, ratings
}

func TestDDaTSizedFixture(t *testing.T) {
	f, ratings := ddatSized()
	c := f.Counts()
	if c.Items != 188 || c.RoleLevels != 201 || c.Requirements < 1750 || c.Requirements > 1850 || len(ratings) != 188 {
		t.Fatalf("fixture counts %+v, %d ratings", c, len(ratings))
	}
	if ps := Pathways(f, ratings); len(ps) != 201 {
		t.Fatalf("got %d pathways, want 201", len(ps))
	}
}

func BenchmarkPathways(b *testing.B) {
	f, ratings := ddatSized()
	b.ReportAllocs()
	for b.Loop() {
		Pathways(f, ratings)
	}
}

func BenchmarkCompute(b *testing.B) {
	f, ratings := ddatSized()
	targets, err := TargetsFromRoleLevel(f, f.Roles[0].Levels[2].ID)
	if err != nil {
		b.Fatal(err)
	}
	b.ReportAllocs()
	for b.Loop() {
		Compute(f, nil, ratings, targets)
	}
}
