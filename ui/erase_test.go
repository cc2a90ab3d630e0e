package ui

import (
	"context"
	"strings"
	"testing"

	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"gapwise/internal/model"
	"gapwise/internal/workspace"
)

// confirmDialogText is everything the top dialog says.
func confirmDialogText(t *testing.T, s *Shell) string {
	t.Helper()
	top := s.win.Canvas().Overlays().Top()
	if top == nil {
		t.Fatal("no dialog shown")
	}
	return strings.Join(labelsIn(top), "\n")
}

// Deleting a person from Me asks with exactly what goes, "Keep" keeps it,
// "Delete" erases them and the screen forgets them.
func TestDeletePersonFromMe(t *testing.T) {
	ctx := context.Background()
	s, _, ws := newTestShell(t)
	person := createProfileThroughForm(t, s)
	a, err := ws.StartAssessment(ctx, person.ID, model.FrameworkRef{ID: "fci", Version: "2020-provisional"}, model.SelfAssessment, "", model.Scope{})
	if err != nil {
		t.Fatal(err)
	}
	f, err := ws.Framework(ctx, a.Framework)
	if err != nil {
		t.Fatal(err)
	}
	if err := ws.Rate(ctx, a.ID, model.Rating{Item: f.Items[0].ID, Level: 0, Evidence: "ward audit"}); err != nil {
		t.Fatal(err)
	}
	want, err := ws.Erasure(ctx, workspace.ErasePerson, person.ID)
	if err != nil {
		t.Fatal(err)
	}
	s.showTab("Me")
	test.Tap(buttonIn(t, s.profile.content(), "Delete person…"))
	if got := confirmDialogText(t, s); !strings.Contains(got, "This deletes "+want.Summary()+".") {
		t.Fatalf("confirmation says %q; want %q", got, want.Summary())
	}
	test.Tap(buttonIn(t, s.win.Canvas().Overlays().Top(), "Keep"))
	if _, err := ws.Person(ctx, person.ID); err != nil {
		t.Fatalf("Keep deleted them: %v", err)
	}

	test.Tap(buttonIn(t, s.profile.content(), "Delete person…"))
	test.Tap(buttonIn(t, s.win.Canvas().Overlays().Top(), "Delete"))
	if _, err := ws.Person(ctx, person.ID); model.KindOf(err) != model.NotFound {
		t.Fatalf("after Delete: %v; want them gone", err)
	}
	if s.shownPerson() != nil || s.openAssessmentID() != "" {
		t.Errorf("the shell still shows %v / %q", s.shownPerson(), s.openAssessmentID())
	}
	if !strings.Contains(s.profile.status.Text, "Deleted "+person.Name+": 1 assessment, 1 rating") {
		t.Errorf("status %q", s.profile.status.Text)
	}
	for _, opt := range s.profile.picker.Options {
		if strings.Contains(opt, person.Name) {
			t.Errorf("the picker still offers %q", opt)
		}
	}
}

// The sample data removal says what it removes, counted, before it does.
func TestRemoveSampleSaysWhatGoes(t *testing.T) {
	ctx := context.Background()
	s, _, ws := newTestShell(t)
	if _, err := ws.CreateSampleData(ctx); err != nil {
		t.Fatal(err)
	}
	s.profile.reloadPeople()
	test.Tap(buttonIn(t, s.profile.content(), "Remove sample data"))
	got := confirmDialogText(t, s)
	if !strings.Contains(got, "This deletes sample data: 8 fictional people, 1 team, ") || !strings.Contains(got, "your own data is not touched") {
		t.Fatalf("confirmation says %q", got)
	}
	test.Tap(buttonIn(t, s.win.Canvas().Overlays().Top(), "Delete"))
	if people, _ := ws.People(ctx); len(people) != 0 {
		t.Errorf("%d people left", len(people))
	}
	if !strings.HasPrefix(s.profile.status.Text, "Removed sample data: 8 fictional people") {
		t.Errorf("status %q", s.profile.status.Text)
	}
}

// Deleting the team on screen: the confirmation names no member, and the
// screen goes back to "no teams".
func TestDeleteTeamFromTeam(t *testing.T) {
	ctx := context.Background()
	s, _, ws := newTestShell(t)
	if _, err := ws.CreateSampleData(ctx); err != nil {
		t.Fatal(err)
	}
	s.showTab("Team")
	if s.team.view == nil {
		t.Fatal("no team shown")
	}
	name := s.team.view.Team.Name
	test.Tap(buttonIn(t, s.team.content(), "Delete team…"))
	got := confirmDialogText(t, s)
	if !strings.Contains(got, "This deletes team "+name+": ") || !strings.Contains(got, "8 members stay") {
		t.Fatalf("confirmation says %q", got)
	}
	for _, m := range s.team.view.Members {
		if strings.Contains(got, m.Name) {
			t.Errorf("the confirmation names %s", m.Name)
		}
	}
	test.Tap(buttonIn(t, s.win.Canvas().Overlays().Top(), "Delete"))
	if teams, _ := ws.Teams(ctx); len(teams) != 0 {
		t.Errorf("teams left: %+v", teams)
	}
	if !strings.Contains(strings.Join(labelsIn(s.team.content()), "\n"), "No teams yet") {
		t.Error("the Team screen still shows the deleted team")
	}
}

// A plan and a team member are deleted from their screens after the same
// kind of confirmation.
func TestDeletePlanAndRemoveMember(t *testing.T) {
	ctx := context.Background()
	s, _, ws := newTestShell(t)
	res, err := ws.CreateSampleData(ctx)
	if err != nil {
		t.Fatal(err)
	}
	s.setPerson(&res.Person)
	s.showTab("Plan")
	plan := s.plan.shown()
	if plan == nil {
		t.Fatal("no plan shown")
	}
	test.Tap(buttonIn(t, s.plan.content(), "Delete plan…"))
	if got := confirmDialogText(t, s); !strings.Contains(got, "This deletes plan \""+plan.Title+"\"") || !strings.Contains(got, "3 actions") {
		t.Fatalf("confirmation says %q", got)
	}
	test.Tap(buttonIn(t, s.win.Canvas().Overlays().Top(), "Delete"))
	if _, err := ws.Plan(ctx, plan.ID); model.KindOf(err) != model.NotFound {
		t.Errorf("plan after Delete: %v", err)
	}

	s.showTab("Team")
	before := len(s.team.view.Members)
	test.Tap(buttonIn(t, s.team.content(), "Remove a person…"))
	top := s.win.Canvas().Overlays().Top()
	under[*widget.Select](top)[0].SetSelectedIndex(0)
	gone := s.team.view.Members[0]
	test.Tap(buttonIn(t, top, "Next"))
	if got := confirmDialogText(t, s); !strings.Contains(got, gone.Name+" in team ") {
		t.Fatalf("confirmation says %q", got)
	}
	test.Tap(buttonIn(t, s.win.Canvas().Overlays().Top(), "Delete"))
	if n := len(s.team.view.Members); n != before-1 {
		t.Errorf("%d members on screen after removing one of %d", n, before)
	}
	if _, err := ws.Person(ctx, gone.ID); err != nil {
		t.Errorf("removing a member deleted the person: %v", err)
	}
}

// An appraisal is deleted from its screen; its assessments stay.
func TestDeleteAppraisalFromAppraisal(t *testing.T) {
	ctx := context.Background()
	s, _, ws := newTestShell(t)
	person := createProfileThroughForm(t, s)
	self, err := ws.StartAssessment(ctx, person.ID, model.FrameworkRef{ID: "fci", Version: "2020-provisional"}, model.SelfAssessment, "", model.Scope{})
	if err != nil {
		t.Fatal(err)
	}
	ap, err := ws.StartAppraisal(ctx, self.ID, []model.Appraiser{{Name: "Dr Grace Hopper"}}, "2026/27")
	if err != nil {
		t.Fatal(err)
	}
	s.showTab("Appraisal")
	if s.appraisal.shown() == nil {
		t.Fatal("no appraisal shown")
	}
	test.Tap(buttonIn(t, s.appraisal.content(), "Delete appraisal…"))
	if got := confirmDialogText(t, s); !strings.Contains(got, "2026/27 appraisal with Dr Grace Hopper") || !strings.Contains(got, "its assessments and agreed plan stay") {
		t.Fatalf("confirmation says %q", got)
	}
	test.Tap(buttonIn(t, s.win.Canvas().Overlays().Top(), "Delete"))
	if _, err := ws.Appraisal(ctx, ap.ID); model.KindOf(err) != model.NotFound {
		t.Errorf("appraisal after Delete: %v", err)
	}
	if _, err := ws.Assessment(ctx, self.ID); err != nil {
		t.Errorf("the self-assessment went with the appraisal: %v", err)
	}
	if s.appraisal.shown() != nil {
		t.Error("the screen still shows the deleted appraisal")
	}
}

// Removing a member lists names, so it is off while the workshop display is on.
func TestRemoveMemberOffInWorkshopDisplay(t *testing.T) {
	s, _, ws := newTestShell(t)
	if _, err := ws.CreateSampleData(context.Background()); err != nil {
		t.Fatal(err)
	}
	s.showTab("Team")
	s.team.setWorkshop(true)
	if !s.team.removeBtn.Disabled() {
		t.Error("Remove a person… is on in workshop display")
	}
	s.team.setWorkshop(false)
	if s.team.removeBtn.Disabled() {
		t.Error("Remove a person… stays off after leaving workshop display")
	}
}
