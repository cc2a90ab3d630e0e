package frameworks_test

import (
	"testing"

	"gapwise/frameworks"
	"gapwise/internal/model"
)

// smallPack is a minimal valid framework using every part of the format:
// groups two deep, level 0 on the scale, descriptors, a related item and
// resources, a role with levels and a role-wide requirement, and an attribute.
func smallPack() *model.Framework {
	return &model.Framework{
		Ref:         model.FrameworkRef{ID: "acme", Version: "1"},
		Name:        "Acme informatics skills",
		ShortName:   "Acme",
		Publisher:   "Acme NHS Trust",
		Licence:     "Internal use",
		Attribution: "Acme NHS Trust",
		Released:    "2025-01-01",
		Notice:      "For use inside Acme NHS Trust.",
		GroupKinds:  []string{"domain", "area"},
		Scale: model.Scale{Name: "Acme scale", Levels: []model.Level{
			{Value: 0, Name: "Not yet"}, {Value: 1, Name: "Aware"}, {Value: 2, Name: "Able"}, {Value: 3, Name: "Leads"},
		}},
		Groups: []model.Group{
			{ID: "data", Title: "Data", Kind: "domain"},
			{ID: "data.quality", Title: "Data quality", Kind: "area", Parent: "data"},
		},
		Items: []model.Item{
			{ID: "DQ1", Title: "Checking data", Group: "data.quality", Levels: []int{1, 2, 3},
				Descriptors: []model.Descriptor{{Level: 1, Text: "Knows why"}, {Level: 3, Text: "Leads checks"}}},
			{ID: "DQ2", Title: "Fixing data", Group: "data", Levels: []int{0, 1, 2, 3}, Related: []string{"DQ1"},
				Resources: []model.Resource{
					{Title: "Data quality course", URL: "https://example.org/dq", Provider: "Acme Academy", Kind: "learning resource"},
					{Title: "OpenRefine", Kind: "tool"},
				}},
		},
		Roles: []model.Role{
			{ID: "data/analyst", Family: "Data", Title: "Analyst", Levels: []model.RoleLevel{
				{ID: "data/analyst/junior", Title: "Junior analyst", Rank: 1, Requirements: []model.Requirement{{Item: "DQ1", Level: 1}}},
				{ID: "data/analyst/senior", Title: "Senior analyst", Rank: 2, Requirements: []model.Requirement{{Item: "DQ1", Level: 3}, {Item: "DQ2", Level: 2}}},
			}},
			{ID: "data/chief", Family: "Data", Title: "Chief data officer", Requirements: []model.Requirement{{Item: "DQ2", Level: 0}}},
		},
		Attributes: []model.Attribute{{Code: "AUTO", Name: "Autonomy", Levels: []model.Descriptor{{Level: 1, Text: "Follows"}, {Level: 3, Text: "Leads"}}}},
	}
}

func smallPackJSON(t testing.TB) []byte {
	t.Helper()
	data, err := frameworks.Encode(smallPack())
	if err != nil {
		t.Fatalf("encode small pack: %v", err)
	}
	return data
}

// embedded returns the embedded pack with the given ref.
func embedded(t testing.TB, ref string) *model.Framework {
	t.Helper()
	packs, err := frameworks.Embedded()
	if err != nil {
		t.Fatalf("Embedded: %v", err)
	}
	for _, p := range packs {
		if p.Framework.Ref.String() == ref {
			return p.Framework
		}
	}
	t.Fatalf("no embedded pack %s", ref)
	return nil
}
