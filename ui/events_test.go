package ui

import (
	"context"
	"fmt"
	"slices"
	"strings"
	"testing"

	"fyne.io/fyne/v2/test"

	"gapwise/internal/model"
)

// Changes made through the workspace, from anywhere, show on the screens
// that are visible, without switching away and back or restarting.
func TestVisibleScreensFollowChangesMadeThroughTheWorkspace(t *testing.T) {
	ctx := context.Background()
	s, _, ws := newTestShell(t)
	person := createProfileThroughForm(t, s)
	fci := model.FrameworkRef{ID: "fci", Version: "2020-provisional"}

	// Me: an assessment started and fully rated elsewhere is listed with
	// its real progress, and "No assessments yet" goes.
	s.showTab("Me")
	s.profile.reloadAssessments()
	if s.profile.status.Text != noAssessmentsYet {
		t.Fatalf("Me status %q before any assessment", s.profile.status.Text)
	}
	a, err := ws.StartAssessment(ctx, person.ID, fci, model.SelfAssessment, "", model.Scope{Group: "1"})
	if err != nil {
		t.Fatal(err)
	}
	sh, err := ws.Sheet(ctx, a.ID)
	if err != nil {
		t.Fatal(err)
	}
	for _, it := range sh.Items {
		if err := ws.Rate(ctx, a.ID, model.Rating{Item: it.ID, Level: 1}); err != nil {
			t.Fatal(err)
		}
	}
	n := len(sh.Items)
	if len(s.profile.assessments) != 1 || !strings.Contains(s.profile.assessments[0].label, fmt.Sprintf("%d of %d rated", n, n)) {
		t.Errorf("Me lists %v; want the assessment with %d of %d rated", s.profile.assessments, n, n)
	}
	if s.profile.status.Text == noAssessmentsYet {
		t.Error("Me still says there are no assessments")
	}

	// Me: people a team import adds are in the person picker at once (once
	// it has been opened: before that it lists nobody but the person shown).
	test.Tap(s.profile.picker)
	s.win.Canvas().Overlays().Remove(s.win.Canvas().Overlays().Top())
	team, err := ws.CreateTeam(ctx, "Ward informatics", fci)
	if err != nil {
		t.Fatal(err)
	}
	newcomer, err := ws.AddPerson(ctx, model.Person{Name: "Priya Newcomer", Discipline: model.Pharmacist})
	if err != nil {
		t.Fatal(err)
	}
	if !slices.Contains(s.profile.picker.Options, "Priya Newcomer") {
		t.Errorf("person picker %q lacks the new person", s.profile.picker.Options)
	}

	// The header follows a rename of the person shown.
	renamed := person
	renamed.Name = "Zoë Renamed"
	if err := ws.UpdatePerson(ctx, renamed); err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(s.header.Text, "Zoë Renamed") {
		t.Errorf("header %q after the rename", s.header.Text)
	}

	// The rating screen and My gaps follow targets set elsewhere.
	s.openAssessment(a.ID, false)
	s.showTab("My gaps")
	before := s.gaps.shown().Report.NoTarget
	if err := ws.SetTarget(ctx, model.AssessmentID(a.ID), model.ItemID(sh.Items[0].ID), 3); err != nil {
		t.Fatal(err)
	}
	if got := s.gaps.shown().Report.NoTarget; got != before-1 {
		t.Errorf("My gaps counts %d items without a target after one was set (was %d)", got, before)
	}
	if tg, ok := s.rate.shownSheet().Targets[sh.Items[0].ID]; !ok || tg.Level != 3 {
		t.Errorf("the rating screen does not know the new target: %+v", s.rate.shownSheet().Targets)
	}

	// Team: a member added elsewhere is counted.
	s.showTab("Team")
	s.team.selectTeam(team.ID)
	if err := ws.AddMember(ctx, model.TeamID(team.ID), model.PersonID(newcomer.ID)); err != nil {
		t.Fatal(err)
	}
	if v := s.team.shown(); v == nil || len(v.Members) != 1 {
		t.Errorf("team view after adding a member: %v", v != nil && len(v.Members) == 1)
	}

	// Plan: an action saved elsewhere is listed.
	s.showTab("Plan")
	plan, err := ws.CreatePlan(ctx, person.ID, fci, "This year")
	if err != nil {
		t.Fatal(err)
	}
	s.plan.load(plan.ID)
	if _, err := ws.SaveAction(ctx, plan.ID, model.Action{Objective: "Shadow the CCIO for a day"}); err != nil {
		t.Fatal(err)
	}
	if p := s.plan.shown(); p == nil || len(p.Actions) != 1 {
		t.Errorf("plan on screen after an action was saved: %+v", p)
	}
}
