package workspace

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"gapwise/internal/gap"
	"gapwise/internal/model"
)

func writeTemp(t *testing.T, name, text string) string {
	t.Helper()
	p := filepath.Join(t.TempDir(), name)
	if err := os.WriteFile(p, []byte(text), 0o600); err != nil {
		t.Fatal(err)
	}
	return p
}

const fciCatalogue = "Title,Provider,URL,Type,Items\n" +
	"Clinical safety officer training,NHS England,https://learn.example/cso,Course,1.2\n" +
	"Shadow the CCIO,Trust informatics team,,Shadowing,1.1;1.3\n"

// Import previews the catalogue and asks before replacing; the plan drafted
// from the gaps uses it; only the actions kept are saved, in one plan.
func TestCatalogueAndDraftedPlan(t *testing.T) {
	ctx := context.Background()
	w := openTemp(t)
	p := addPerson(t, w, "Pat")
	a := start(t, w, p.ID, fci, model.Scope{})
	for item, lv := range map[string][2]int{"1.1": {1, 3}, "1.2": {0, 3}, "1.3": {2, 3}, "1.4": {1, 2}} {
		if err := w.Rate(ctx, a.ID, model.Rating{Item: item, Level: lv[0]}); err != nil {
			t.Fatal(err)
		}
		if err := w.SetTarget(ctx, model.AssessmentID(a.ID), model.ItemID(item), lv[1]); err != nil {
			t.Fatal(err)
		}
	}

	// Without a catalogue: generic drafts, largest gap first.
	d, err := w.DraftPlan(ctx, a.ID)
	if err != nil {
		t.Fatal(err)
	}
	if d.Catalogue != nil || d.Below != 4 || len(d.Drafts) != 4 || d.Drafts[0].Action.Items[0] != "1.2" || d.Drafts[0].Entry != nil {
		t.Fatalf("draft without a catalogue: %+v", d)
	}

	ci, err := w.ReadCatalogueFiles(ctx, fci, []string{writeTemp(t, "courses.csv", fciCatalogue)})
	if err != nil {
		t.Fatal(err)
	}
	if ci.Replaces != nil || len(ci.Catalogue.Entries) != 2 {
		t.Fatalf("preview %+v", ci)
	}
	if _, err := w.ImportCatalogue(ctx, ci, false); err != nil {
		t.Fatal(err)
	}
	again, err := w.ReadCatalogueFiles(ctx, fci, []string{writeTemp(t, "courses.csv", fciCatalogue)})
	if err != nil || again.Replaces == nil || again.Replaces.Entries != 2 {
		t.Fatalf("second preview: %+v %v", again, err)
	}
	if _, err := w.ImportCatalogue(ctx, again, false); model.KindOf(err) != model.Conflict {
		t.Errorf("import over a catalogue without replace: %v", err)
	}

	d, err = w.DraftPlan(ctx, a.ID)
	if err != nil {
		t.Fatal(err)
	}
	if d.Catalogue == nil || d.Catalogue.Entries != 2 {
		t.Fatalf("draft's catalogue: %+v", d.Catalogue)
	}
	var objectives []string
	for _, dr := range d.Drafts {
		objectives = append(objectives, dr.Action.Objective)
	}
	// 1.2 (gap 3) gets the course; 1.1 (gap 2) the shadowing; 1.3's only
	// entry is proposed already, so 1.3 joins it; 1.4 gets a generic one.
	if len(d.Drafts) != 3 || !strings.HasPrefix(objectives[0], `Take "Clinical safety officer training" (NHS England, Course)`) ||
		!strings.HasSuffix(objectives[0], "https://learn.example/cso") || d.Drafts[0].Action.Activity != "course or qualification" ||
		strings.Join(d.Drafts[1].Action.Items, ",") != "1.1,1.3" || d.Drafts[1].Action.Activity != "shadowing" ||
		!strings.HasPrefix(objectives[2], "Develop Health and care system context") {
		t.Fatalf("drafts:\n%s", strings.Join(objectives, "\n"))
	}

	// The person keeps the first, edited, and the last; drops the second.
	kept := []model.Action{d.Drafts[0].Action, d.Drafts[2].Action}
	kept[0].Objective += " by March 2027"
	plan, err := w.CreatePlanWithActions(ctx, a.ID, "", kept)
	if err != nil {
		t.Fatal(err)
	}
	got, err := w.Plan(ctx, plan.ID)
	if err != nil || len(got.Actions) != 2 || !strings.HasSuffix(got.Actions[0].Objective, "by March 2027") || got.PersonID != p.ID {
		t.Fatalf("saved plan %+v %v", got, err)
	}
	// A bad action refuses the whole plan.
	before, _ := w.Plans(ctx, p.ID)
	_, err = w.CreatePlanWithActions(ctx, a.ID, "", []model.Action{d.Drafts[0].Action, {Objective: ""}})
	if model.KindOf(err) != model.Invalid || !strings.Contains(err.Error(), "action 2") {
		t.Errorf("bad action: %v", err)
	}
	if after, _ := w.Plans(ctx, p.ID); len(after) != len(before) {
		t.Errorf("a refused plan was saved")
	}

	n, err := w.RemoveCatalogue(ctx, fci)
	if err != nil || n != 2 {
		t.Fatalf("remove: %d %v", n, err)
	}
	if list, err := w.Catalogues(ctx); err != nil || len(list) != 0 {
		t.Errorf("after remove: %+v %v", list, err)
	}
	if got, _ := w.Plan(ctx, plan.ID); len(got.Actions) != 2 {
		t.Errorf("removing the catalogue changed the plan")
	}
}

// A team's drafts come from its common gaps as the display shows them, and
// the kept ones join its plan together.
func TestDraftTeamPlan(t *testing.T) {
	ctx := context.Background()
	w := openTemp(t)
	team, err := w.CreateTeam(ctx, "Digital nursing", fci)
	if err != nil {
		t.Fatal(err)
	}
	for i, name := range []string{"Ann", "Bob", "Cat"} {
		p := addPerson(t, w, name)
		a := start(t, w, p.ID, fci, model.Scope{})
		if err := w.Rate(ctx, a.ID, model.Rating{Item: "1.1", Level: 1}); err != nil {
			t.Fatal(err)
		}
		if i < 2 { // 1.2 rests on two members
			if err := w.Rate(ctx, a.ID, model.Rating{Item: "1.2", Level: 1}); err != nil {
				t.Fatal(err)
			}
		}
		if err := w.AddMember(ctx, model.TeamID(team.ID), model.PersonID(p.ID)); err != nil {
			t.Fatal(err)
		}
	}
	if err := w.SetTeamTargetsInBulk(ctx, team.ID, TeamTargetsFrom{All: true, Level: 3}); err != nil {
		t.Fatal(err)
	}
	named, err := w.DraftTeamPlan(ctx, team.ID, gap.NamedDisplay())
	if err != nil || len(named.Drafts) != 2 || named.Common != 2 {
		t.Fatalf("named: %+v %v", named, err)
	}
	workshop, err := w.DraftTeamPlan(ctx, team.ID, gap.WorkshopDisplay(3))
	if err != nil || len(workshop.Drafts) != 1 || workshop.Drafts[0].Action.Items[0] != "1.1" {
		t.Fatalf("workshop: %+v %v", workshop, err)
	}
	for _, name := range []string{"Ann", "Bob", "Cat"} {
		if strings.Contains(workshop.Drafts[0].Action.Objective, name) {
			t.Errorf("a workshop draft names %s", name)
		}
	}
	saved, err := w.AddTeamActions(ctx, team.ID, []model.Action{named.Drafts[0].Action})
	if err != nil || len(saved) != 1 {
		t.Fatalf("add: %v", err)
	}
	again, err := w.DraftTeamPlan(ctx, team.ID, gap.NamedDisplay())
	if err != nil || len(again.Drafts) != 1 || again.Addressed != 1 {
		t.Fatalf("after adding: %+v %v", again, err)
	}
}
