package workspace

import (
	"context"
	"slices"
	"testing"

	"gapwise/internal/model"
)

func TestChangesPublishEvents(t *testing.T) {
	ctx := context.Background()
	w := openTemp(t)
	var got []Event
	stop := w.Subscribe(func(e Event) { got = append(got, e) })
	expect := func(what string, err error, want ...EventKind) {
		t.Helper()
		if err != nil {
			t.Fatalf("%s: %v", what, err)
		}
		var kinds []EventKind
		for _, e := range got {
			kinds = append(kinds, e.Kind)
		}
		for _, k := range want {
			if !slices.Contains(kinds, k) {
				t.Errorf("%s published %v; want a %s event", what, kinds, k)
			}
		}
		got = nil
	}
	fci := model.FrameworkRef{ID: "fci", Version: "2020-provisional"}
	p, err := w.AddPerson(ctx, model.Person{Name: "Ada", Discipline: model.Nurse})
	expect("AddPerson", err, PersonChanged)
	p.Role = "CCIO"
	expect("UpdatePerson", w.UpdatePerson(ctx, p), PersonChanged)
	a, err := w.StartAssessment(ctx, p.ID, fci, model.SelfAssessment, "", model.Scope{})
	expect("StartAssessment", err, AssessmentChanged)
	mine := WithOrigin(ctx, "rate screen")
	expect("Rate", w.Rate(mine, a.ID, model.Rating{Item: "1.1", Level: 2}), RatingsChanged)
	expect("ClearRating", w.ClearRating(ctx, a.ID, "1.1"), RatingsChanged)
	expect("SetTarget", w.SetTarget(ctx, a.ID, "1.1", 3), RatingsChanged)
	team, err := w.CreateTeam(ctx, "Nurses", fci)
	expect("CreateTeam", err, TeamChanged)
	expect("AddMember", w.AddMember(ctx, team.ID, p.ID), TeamChanged)
	plan, err := w.CreatePlan(ctx, p.ID, fci, "Mine")
	expect("CreatePlan", err, PlanChanged)
	_, err = w.SaveAction(ctx, plan.ID, model.Action{Objective: "Shadow the CCIO"})
	expect("SaveAction", err, PlanChanged)
	ap, err := w.StartAppraisal(ctx, a.ID, "Grace", "2026/27")
	expect("StartAppraisal", err, AppraisalChanged, AssessmentChanged, PlanChanged)
	expect("SetAgreed", w.SetAgreed(ctx, ap.ID, "1.1", 2), AppraisalChanged, RatingsChanged)
	expect("SetOverallNotes", w.SetOverallNotes(ctx, ap.ID, "Good year"), AppraisalChanged)
	data, _, err := w.ExportAssessment(ctx, a.ID)
	if err != nil {
		t.Fatal(err)
	}
	other := openTemp(t)
	var imported []Event
	other.Subscribe(func(e Event) { imported = append(imported, e) })
	if _, err := other.ImportAssessment(ctx, data); err != nil {
		t.Fatal(err)
	}
	if len(imported) < 2 || imported[0].Kind != PersonChanged || imported[0].ID != p.ID || imported[1].Kind != AssessmentChanged || imported[1].ID != a.ID {
		t.Errorf("import published %+v; want the person and the assessment", imported)
	}
	got = nil

	// The event names what changed and who asked for it.
	if err := w.Rate(mine, a.ID, model.Rating{Item: "1.2", Level: 1}); err != nil {
		t.Fatal(err)
	}
	if len(got) != 1 || got[0] != (Event{Kind: RatingsChanged, ID: a.ID, Origin: "rate screen"}) {
		t.Errorf("rating published %+v", got)
	}
	got = nil
	// A refused change publishes nothing; after unsubscribing, nothing arrives.
	if err := w.Rate(ctx, a.ID, model.Rating{Item: "1.1", Level: 99}); err == nil {
		t.Fatal("level 99 accepted")
	}
	stop()
	if err := w.Rate(ctx, a.ID, model.Rating{Item: "1.1", Level: 1}); err != nil {
		t.Fatal(err)
	}
	if len(got) != 0 {
		t.Errorf("published %+v after a refusal and unsubscribing", got)
	}
}
