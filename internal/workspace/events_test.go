package workspace

import (
	"context"
	"fmt"
	"slices"
	"sync"
	"sync/atomic"
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
	expect("ClearRating", w.ClearRating(ctx, model.AssessmentID(a.ID), "1.1"), RatingsChanged)
	expect("SetTarget", w.SetTarget(ctx, model.AssessmentID(a.ID), "1.1", 3), RatingsChanged)
	team, err := w.CreateTeam(ctx, "Nurses", fci)
	expect("CreateTeam", err, TeamChanged)
	expect("AddMember", w.AddMember(ctx, model.TeamID(team.ID), model.PersonID(p.ID)), TeamChanged)
	plan, err := w.CreatePlan(ctx, p.ID, fci, "Mine")
	expect("CreatePlan", err, PlanChanged)
	_, err = w.SaveAction(ctx, plan.ID, model.Action{Objective: "Shadow the CCIO"})
	expect("SaveAction", err, PlanChanged)
	ap, err := w.StartAppraisal(ctx, a.ID, one("Grace"), "2026/27")
	expect("StartAppraisal", err, AppraisalChanged, AssessmentChanged, PlanChanged)
	expect("SetAgreed", w.SetAgreed(ctx, model.AppraisalID(ap.ID), "1.1", 2), AppraisalChanged, RatingsChanged)
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

// The workspace is used from several goroutines at once (the app's
// background work, its save queue): framework cache, writes, reads and the
// subscriber list must hold up. Run under -race by scripts/test.sh.
func TestConcurrentUse(t *testing.T) {
	ctx := context.Background()
	w := openTemp(t)
	fci := model.FrameworkRef{ID: "fci", Version: "2020-provisional"}
	var ratings atomic.Int32
	w.Subscribe(func(e Event) {
		if e.Kind == RatingsChanged {
			ratings.Add(1)
		}
	})
	var ids []string
	for i := range 4 {
		p, err := w.AddPerson(ctx, model.Person{Name: fmt.Sprintf("Person %d", i), Discipline: model.Nurse})
		if err != nil {
			t.Fatal(err)
		}
		a, err := w.StartAssessment(ctx, p.ID, fci, model.SelfAssessment, "", model.Scope{})
		if err != nil {
			t.Fatal(err)
		}
		ids = append(ids, a.ID)
	}
	items := []string{"1.1", "1.2", "1.3", "1.4"}
	var wg sync.WaitGroup
	errs := make(chan error, 100)
	for _, id := range ids {
		wg.Go(func() {
			for i, item := range items {
				if err := w.Rate(ctx, id, model.Rating{Item: item, Level: i % 4}); err != nil {
					errs <- err
				}
				if _, err := w.Sheet(ctx, id); err != nil {
					errs <- err
				}
			}
		})
		wg.Go(func() { // a screen opening and closing while changes flow
			for range 10 {
				stop := w.Subscribe(func(Event) {})
				if _, err := w.Frameworks(ctx); err != nil {
					errs <- err
				}
				stop()
			}
		})
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		t.Error(err)
	}
	if got, want := ratings.Load(), int32(len(ids)*len(items)); got != want {
		t.Errorf("%d rating events for %d ratings", got, want)
	}
}
