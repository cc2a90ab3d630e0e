package workspace

import (
	"context"
	"slices"
	"strings"
	"testing"
	"time"

	"gapwise/internal/model"
)

func TestDefaultPlanTitle(t *testing.T) {
	w := openTemp(t)
	day := time.Date(2026, 11, 22, 12, 0, 0, 0, time.Local)
	for ref, want := range map[model.FrameworkRef]string{
		ddat:  "Development plan — DDaT 2025-q3 — 22 Nov 2026",
		sfia9: "Development plan — SFIA 9 — 22 Nov 2026",
		fci:   "Development plan — FCI 2020-provisional — 22 Nov 2026",
	} {
		if got := DefaultPlanTitle(framework(t, w, ref), day); got != want {
			t.Errorf("%s: %q, want %q", ref, got, want)
		}
	}
}

func TestPlanFromGapsStartsEmpty(t *testing.T) {
	ctx := context.Background()
	w := openTemp(t)
	p := addPerson(t, w, "Pat")
	a := start(t, w, p.ID, ddat, model.Scope{RoleLevel: seniorDataAnalyst})
	plan, err := w.PlanFromGaps(ctx, a.ID)
	if err != nil {
		t.Fatal(err)
	}
	if plan.PersonID != p.ID || plan.Framework != ddat || len(plan.Actions) != 0 ||
		!strings.HasPrefix(plan.Title, "Development plan — DDaT 2025-q3 — ") {
		t.Errorf("PlanFromGaps = %+v", plan)
	}
	if _, err := w.PlanFromGaps(ctx, "nope"); model.KindOf(err) != model.NotFound {
		t.Errorf("unknown assessment: %v", err)
	}
	named, err := w.CreatePlan(ctx, p.ID, sfia9, "  My 2027 plan ")
	if err != nil || named.Title != "My 2027 plan" {
		t.Errorf("CreatePlan = %+v, %v", named, err)
	}
	if _, err := w.CreatePlan(ctx, p.ID, sfia9, "line\nbreak"); model.KindOf(err) != model.Invalid {
		t.Errorf("title with a line break: %v", err)
	}
	if _, err := w.CreatePlan(ctx, "nobody", sfia9, ""); model.KindOf(err) != model.NotFound {
		t.Errorf("plan for nobody: %v", err)
	}
	plans, err := w.Plans(ctx, p.ID)
	if err != nil || len(plans) != 2 || plans[0].ID != named.ID {
		t.Errorf("Plans = %+v, %v (want newest first)", plans, err)
	}
	if latest, ok, err := w.LatestPlan(ctx, p.ID); err != nil || !ok || latest.ID != named.ID {
		t.Errorf("LatestPlan = %v %v %v", latest.ID, ok, err)
	}
}

func TestSaveActionValidates(t *testing.T) {
	ctx := context.Background()
	w := openTemp(t)
	p := addPerson(t, w, "Pat")
	plan, err := w.CreatePlan(ctx, p.ID, sfia9, "")
	if err != nil {
		t.Fatal(err)
	}
	good := model.Action{Objective: "Lead the ward's data quality audit by March", Items: []string{"DTAN", "ITSP"},
		Activity: "project work", Due: "2027-03-31", Status: model.InProgress, Evidence: "audit report"}
	tests := []struct {
		name   string
		mutate func(a *model.Action)
		kind   model.ErrorKind
		msg    string
	}{
		{"good", func(a *model.Action) {}, 0, ""},
		{"no status means planned", func(a *model.Action) { a.Status = "" }, 0, ""},
		{"no activity yet", func(a *model.Action) { a.Activity = "" }, 0, ""},
		{"no items", func(a *model.Action) { a.Items = nil }, 0, ""},
		{"blank objective", func(a *model.Action) { a.Objective = "  " }, model.Invalid, "needs an objective"},
		{"long objective", func(a *model.Action) { a.Objective = strings.Repeat("x", 1001) }, model.Invalid, "longer than 1000"},
		{"objective at the limit", func(a *model.Action) { a.Objective = strings.Repeat("é", 1000) }, 0, ""},
		{"item of another framework", func(a *model.Action) { a.Items = []string{"1.2"} }, model.Invalid, `sfia@9 has no item "1.2"`},
		{"item twice", func(a *model.Action) { a.Items = []string{"DTAN", "DTAN"} }, model.Invalid, "twice"},
		{"unknown activity", func(a *model.Action) { a.Activity = "juggling" }, model.Invalid, "unknown activity"},
		{"bad due date", func(a *model.Action) { a.Due = "31/03/2027" }, model.Invalid, "YYYY-MM-DD"},
		{"impossible due date", func(a *model.Action) { a.Due = "2027-02-30" }, model.Invalid, "not a date"},
		{"bad status", func(a *model.Action) { a.Status = "finished" }, model.Invalid, "unknown status"},
		{"long evidence", func(a *model.Action) { a.Evidence = strings.Repeat("x", 10_001) }, model.Invalid, "longer than 10000"},
		{"unknown action id", func(a *model.Action) { a.ID = "nope" }, model.NotFound, "has no action"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			a := good
			a.Items = slices.Clone(good.Items)
			tc.mutate(&a)
			saved, err := w.SaveAction(ctx, plan.ID, a)
			if tc.kind == 0 {
				if err != nil {
					t.Fatal(err)
				}
				if saved.ID == "" || saved.Status == "" {
					t.Errorf("saved %+v", saved)
				}
				return
			}
			if model.KindOf(err) != tc.kind || !strings.Contains(err.Error(), tc.msg) {
				t.Errorf("error %v (kind %v), want kind %v mentioning %q", err, model.KindOf(err), tc.kind, tc.msg)
			}
		})
	}
	if _, err := w.SaveAction(ctx, "nope", good); model.KindOf(err) != model.NotFound {
		t.Errorf("unknown plan: %v", err)
	}

	// Updating changes the action in place; another plan's action is refused.
	got, _ := w.Plan(ctx, plan.ID)
	first := got.Actions[0]
	first.Status, first.Evidence = model.Done, "  certificate  "
	if _, err := w.SaveAction(ctx, plan.ID, first); err != nil {
		t.Fatal(err)
	}
	got, _ = w.Plan(ctx, plan.ID)
	if got.Actions[0].Status != model.Done || got.Actions[0].Evidence != "certificate" || got.Actions[0].Objective != good.Objective {
		t.Errorf("updated action = %+v", got.Actions[0])
	}
	other, _ := w.CreatePlan(ctx, p.ID, sfia9, "other")
	if _, err := w.SaveAction(ctx, other.ID, first); model.KindOf(err) != model.NotFound {
		t.Errorf("saving plan A's action into plan B: %v", err)
	}
	if err := w.DeleteAction(ctx, model.PlanID(other.ID), model.ActionID(first.ID)); model.KindOf(err) != model.NotFound {
		t.Errorf("deleting plan A's action from plan B: %v", err)
	}
	n := len(got.Actions)
	if err := w.DeleteAction(ctx, model.PlanID(plan.ID), model.ActionID(first.ID)); err != nil {
		t.Fatal(err)
	}
	if got, _ = w.Plan(ctx, plan.ID); len(got.Actions) != n-1 {
		t.Errorf("%d actions after delete, want %d", len(got.Actions), n-1)
	}
	if err := w.DeletePlan(ctx, plan.ID); err != nil {
		t.Fatal(err)
	}
	if _, err := w.Plan(ctx, plan.ID); model.KindOf(err) != model.NotFound {
		t.Errorf("plan after delete: %v", err)
	}
}
