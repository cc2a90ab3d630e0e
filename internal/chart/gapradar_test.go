package chart

import (
	"fmt"
	"strings"
	"testing"

	"gapwise/internal/gap"
	"gapwise/internal/model"
)

// fourGroups: "big" has 5 items, "small" 2, both with short codes; the
// "slugs" group has DDaT-style ids that are only their titles as slugs.
func fourGroups() *model.Framework {
	f := &model.Framework{Scale: model.Scale{Levels: []model.Level{{Value: 1}, {Value: 2}, {Value: 3}, {Value: 4}}}}
	f.Groups = []model.Group{{ID: "big", Title: "Big"}, {ID: "small", Title: "Small"}, {ID: "slugs", Title: "Slugs"}}
	for i := 1; i <= 5; i++ {
		f.Items = append(f.Items, model.Item{ID: fmt.Sprintf("B%d", i), Title: fmt.Sprintf("Big item %d", i), Group: "big", Levels: []int{1, 2, 3, 4}})
	}
	for i := 1; i <= 2; i++ {
		f.Items = append(f.Items, model.Item{ID: fmt.Sprintf("S%d", i), Title: "Small item", Group: "small", Levels: []int{1, 2, 3, 4}})
	}
	for _, title := range []string{"Data ethics and privacy", "Data management", "Communicating between the technical and non-technical"} {
		f.Items = append(f.Items, model.Item{ID: model.Slug(title), Title: title, Group: "slugs", Levels: []int{1, 2, 3, 4}})
	}
	return f
}

func TestGapRadars(t *testing.T) {
	f := fourGroups()
	scope := make([]*model.Item, len(f.Items))
	for i := range f.Items {
		scope[i] = &f.Items[i]
	}
	rate := func(ids ...string) []model.Rating {
		var out []model.Rating
		for _, id := range ids {
			out = append(out, model.Rating{Item: id, Level: 2})
		}
		return out
	}
	target := func(ids ...string) []model.Target {
		var out []model.Target
		for _, id := range ids {
			out = append(out, model.Target{Item: id, Level: 3})
		}
		return out
	}
	tests := []struct {
		name        string
		ratings     []model.Rating
		targets     []model.Target
		wantCharts  []string // title: axis names
		wantSkipped int
	}{
		{
			name:       "no targets: the rated items, unrated left out",
			ratings:    rate("B1", "B2", "B3", "S1"),
			wantCharts: []string{"Big: B1 B2 B3"},
			// Small has one rated item: too few for a chart, and said so.
			wantSkipped: 1,
		},
		{
			name:       "targets: only targeted items, rated or not",
			ratings:    rate("B1", "B2", "B3", "B4", "B5"),
			targets:    target("B1", "B4", "B5", "data-ethics-and-privacy", "data-management", "communicating-between-the-technical-and-non-technical"),
			wantCharts: []string{"Big: B1 B4 B5", "Slugs: Data ethics and… Data management Communicating b…"},
		},
		{
			name:    "nothing rated, no targets: no charts",
			ratings: nil,
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			rep := gap.Compute(f, scope, tt.ratings, tt.targets)
			charts, skipped := GapRadars(f, rep, 16)
			var got []string
			for _, c := range charts {
				var names []string
				for _, a := range c.Axes {
					name := a.Label[:strings.LastIndex(a.Label, " ")] // drop "now/target"
					names = append(names, name)
				}
				got = append(got, c.Title+": "+strings.Join(names, " "))
			}
			if strings.Join(got, "|") != strings.Join(tt.wantCharts, "|") {
				t.Errorf("charts:\n got  %q\n want %q", got, tt.wantCharts)
			}
			if skipped != tt.wantSkipped {
				t.Errorf("skipped = %d, want %d", skipped, tt.wantSkipped)
			}
		})
	}
}
