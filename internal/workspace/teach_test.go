package workspace

import (
	"context"
	"strings"
	"testing"

	"gapwise/internal/gap"
	"gapwise/internal/model"
)

// AgreePairings adds an item's suggested sessions as team actions owned by
// the teacher and each learner, naming no one in their words; it refuses
// an unknown item, an item with no session, an item the display hides and
// sessions already in the plan.
func TestAgreePairings(t *testing.T) {
	ctx := context.Background()
	w, v := sampleTeamView(t)
	var paired, unpaired *gap.ItemMeasure
	for i := range v.Measures.Items {
		m := &v.Measures.Items[i]
		n := len(gap.Teach(v.Framework, v.Ratings, m, nil).Pairings)
		switch {
		case n > 0 && paired == nil:
			paired = m
		case n == 0 && unpaired == nil:
			unpaired = m
		}
	}
	if paired == nil || unpaired == nil {
		t.Fatal("the sample has no item with sessions, or none without")
	}
	tc := gap.Teach(v.Framework, v.Ratings, paired, v.Ratings.DisplayOrder(v.Roster(individual)))
	added, err := w.AgreePairings(ctx, v.Team.ID, paired.Item.ID, individual)
	if err != nil {
		t.Fatal(err)
	}
	want := map[string]string{}
	for _, p := range tc.Pairings {
		want[v.Ratings.MemberID(p.Teacher)] = gap.PairingObjective(paired.Item, len(p.Learners))
		for _, l := range p.Learners {
			want[v.Ratings.MemberID(l)] = gap.JoinObjective(paired.Item)
		}
	}
	if len(added) != len(want) {
		t.Fatalf("%d actions added; want %d (a teacher's and each learner's)", len(added), len(want))
	}
	for _, a := range added {
		if want[a.Owner] != a.Objective || len(a.Items) != 1 || a.Items[0] != paired.Item.ID || a.Status != model.Planned {
			t.Errorf("action %+v; want %q for its owner", a, want[a.Owner])
		}
		for _, p := range v.Members {
			if strings.Contains(a.Objective, strings.TrimSuffix(p.Name, " (fictional)")) {
				t.Errorf("%q names %s", a.Objective, p.Name)
			}
		}
	}
	plan, err := w.TeamPlan(ctx, v.Team.ID)
	if err != nil || len(plan.Actions) != len(added) {
		t.Fatalf("team plan has %d actions (%v); want %d", len(plan.Actions), err, len(added))
	}

	for _, tt := range []struct {
		name, item string
		d          gap.Display
		kind       model.ErrorKind
	}{
		{"again", paired.Item.ID, gap.NamedDisplay(), model.Invalid},
		{"no session", unpaired.Item.ID, gap.NamedDisplay(), model.Invalid},
		{"hidden in workshop display", paired.Item.ID, gap.WorkshopDisplay(paired.Rated + 1), model.Invalid},
		{"no such item", "9.99", gap.NamedDisplay(), model.NotFound},
	} {
		if _, err := w.AgreePairings(ctx, v.Team.ID, tt.item, tt.d); model.KindOf(err) != tt.kind {
			t.Errorf("%s: %v; want kind %v", tt.name, err, tt.kind)
		}
	}
	if again, _ := w.TeamPlan(ctx, v.Team.ID); len(again.Actions) != len(added) {
		t.Errorf("refusals changed the plan: %d actions, had %d", len(again.Actions), len(added))
	}
}
