package exchange

import (
	"errors"
	"testing"
	"time"

	"gapwise/internal/model"
)

// Small framework fixtures shaped like the real packs: SFIA with skills
// defined at some levels only, the FCI with a 0-4 scale that names 0, DDaT
// with role levels. They are not the packs' content.

func levels(names ...string) []model.Level {
	out := make([]model.Level, len(names))
	for i, n := range names {
		out[i] = model.Level{Value: i + 1, Name: n}
	}
	return out
}

func sfiaFixture(version string) *model.Framework {
	fw := &model.Framework{
		Ref:        model.FrameworkRef{ID: "sfia", Version: version},
		Name:       "SFIA " + version,
		GroupKinds: []string{"category", "subcategory"},
		Scale:      model.Scale{Name: "Levels of responsibility", Levels: levels("Follow", "Assist", "Apply", "Enable", "Ensure, advise", "Initiate, influence", "Set strategy")},
		Groups: []model.Group{
			{ID: "strategy-and-architecture", Title: "Strategy and architecture", Kind: "category"},
			{ID: "strategy-and-planning", Title: "Strategy and planning", Kind: "subcategory", Parent: "strategy-and-architecture"},
			{ID: "development-and-implementation", Title: "Development and implementation", Kind: "category"},
			{ID: "systems-development", Title: "Systems development", Kind: "subcategory", Parent: "development-and-implementation"},
		},
		Items: []model.Item{
			{ID: "ITSP", Title: "Strategic planning", Group: "strategy-and-planning", Levels: []int{4, 5, 6, 7}},
			{ID: "ARCH", Title: "Solution architecture", Group: "strategy-and-planning", Levels: []int{4, 5, 6}},
			{ID: "PROG", Title: "Programming/software development", Group: "systems-development", Levels: []int{2, 3, 4, 5, 6}},
			{ID: "DTAN", Title: "Data modelling and design", Group: "systems-development", Levels: []int{2, 3, 4, 5}},
		},
	}
	if version == "8" {
		fw.Items = fw.Items[:3]
	}
	return fw
}

func fciFixture() *model.Framework {
	lv := []model.Level{{Value: 0, Name: "Not yet"}}
	lv = append(lv, levels("Aware", "Developing", "Competent", "Expert / leads others")...)
	all := []int{0, 1, 2, 3, 4}
	return &model.Framework{
		Ref:        model.FrameworkRef{ID: "fci", Version: "2020-provisional"},
		Name:       "FCI core competencies (provisional)",
		GroupKinds: []string{"domain"},
		Scale:      model.Scale{Name: "Gapwise FCI scale", Levels: lv},
		Groups:     []model.Group{{ID: "1", Title: "Health and wellbeing in practice", Kind: "domain"}, {ID: "2", Title: "Information technologies and systems", Kind: "domain"}},
		Items: []model.Item{
			{ID: "1.1", Title: "Health and care systems", Group: "1", Levels: all},
			{ID: "1.2", Title: "Clinical safety", Group: "1", Levels: all},
			{ID: "2.1", Title: "Systems and standards", Group: "2", Levels: all},
		},
	}
}

func ddatFixture() *model.Framework {
	return &model.Framework{
		Ref:   model.FrameworkRef{ID: "ddat", Version: "2025-q3"},
		Name:  "Government Digital and Data Profession Capability Framework",
		Scale: model.Scale{Levels: levels("Awareness", "Working", "Practitioner", "Expert")},
		Items: []model.Item{
			{ID: "accessibility", Title: "Accessibility", Levels: []int{1, 2, 3, 4}},
			{ID: "data-ethics-and-privacy", Title: "Data ethics and privacy", Levels: []int{1, 2, 3, 4}},
			{ID: "data-management", Title: "Data management", Levels: []int{1, 2, 3, 4}},
			{ID: "data-visualisation", Title: "Data visualisation", Levels: []int{1, 2, 3, 4}},
		},
		Roles: []model.Role{{
			ID: "data/data-analyst", Family: "Data", Title: "Data analyst",
			Levels: []model.RoleLevel{
				{ID: "data/data-analyst/data-analyst", Title: "Data analyst", Rank: 1,
					Requirements: []model.Requirement{{Item: "data-management", Level: 2}, {Item: "data-visualisation", Level: 2}}},
				{ID: "data/data-analyst/senior-data-analyst", Title: "Senior data analyst", Rank: 2,
					Requirements: []model.Requirement{{Item: "data-management", Level: 3}, {Item: "data-visualisation", Level: 3}}},
			},
		}},
	}
}

// installation is what the fixtures' workspace would have installed.
var installation = []*model.Framework{ddatFixture(), fciFixture(), sfiaFixture("8"), sfiaFixture("9")}

func installedRefs() []model.FrameworkRef {
	refs := make([]model.FrameworkRef, len(installation))
	for i, fw := range installation {
		refs[i] = fw.Ref
	}
	return refs
}

func resolver(ref model.FrameworkRef) (*model.Framework, bool) {
	for _, fw := range installation {
		if fw.Ref == ref {
			return fw, true
		}
	}
	return nil, false
}

func at(s string) time.Time {
	t, err := time.Parse(time.RFC3339Nano, s)
	if err != nil {
		panic(err)
	}
	return t.UTC()
}

// ddatFile is the golden file's content: every field the format has except
// scope.group (DDaT has no groups), with level 0, a rating without
// confidence or evidence and items out of framework order.
func ddatFile() *File {
	return &File{
		Generator: "Gapwise 0.1.0",
		Person: model.Person{
			ID: "0b6c3f0e-8f5e-4b7a-9a51-2f4a6c1d7e90", Name: "Zoë Ødegård-Nęść", Discipline: model.Nurse,
			Role: "Chief Nursing Information Officer", Organisation: "Example NHS Foundation Trust & Partners <North>",
			InformaticsWTE: 0.4,
		},
		Assessment: model.Assessment{
			ID: "7c9e6679-7425-40de-944b-e07fc1f90ae7", PersonID: "0b6c3f0e-8f5e-4b7a-9a51-2f4a6c1d7e90",
			Framework: model.FrameworkRef{ID: "ddat", Version: "2025-q3"}, Kind: model.SelfAssessment,
			Assessor: "Zoë Ødegård-Nęść", Scope: model.Scope{RoleLevel: "data/data-analyst/senior-data-analyst"},
			CreatedAt: at("2025-03-01T09:30:00Z"), UpdatedAt: at("2025-03-02T10:00:00.25Z"),
		},
		Ratings: []model.Rating{
			{Item: "data-visualisation", Level: 0, RatedAt: at("2025-03-02T10:00:00.25Z")},
			{Item: "data-management", Level: 2, Confidence: 3, Evidence: "Built the ward dashboard.\nPresented it to the board \"twice\".", RatedAt: at("2025-03-01T09:45:00Z")},
		},
		Targets: []model.Target{
			{Item: "data-visualisation", Level: 3, Source: "role:ddat/data/data-analyst/senior-data-analyst"},
			{Item: "data-management", Level: 3, Source: "role:ddat/data/data-analyst/senior-data-analyst"},
			{Item: "accessibility", Level: 2, Source: "manual"},
		},
	}
}

// problems decodes text and returns the problems it reports (nil if none).
func problems(t *testing.T, text string) []Problem {
	t.Helper()
	f, err := Decode([]byte(text), resolver, installedRefs()...)
	if err == nil {
		if f == nil {
			t.Fatal("Decode returned neither a file nor an error")
		}
		return nil
	}
	if f != nil {
		t.Fatal("Decode returned a file and an error")
	}
	if k := model.KindOf(err); k != model.BadFile {
		t.Fatalf("error kind %v, want invalid input: %v", k, err)
	}
	var de *DecodeError
	if !errors.As(err, &de) {
		t.Fatalf("error is not a *DecodeError: %T %v", err, err)
	}
	if len(de.Problems) == 0 {
		t.Fatalf("DecodeError without problems: %v", err)
	}
	return de.Problems
}
