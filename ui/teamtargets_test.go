package ui

import (
	"context"
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"gapwise/internal/model"
)

// tapOverlayButton taps the button labelled text in the top dialog.
func tapOverlayButton(t *testing.T, s *Shell, text string) {
	t.Helper()
	top := s.win.Canvas().Overlays().Top()
	if top == nil {
		t.Fatal("no dialog open")
	}
	for _, o := range test.LaidOutObjects(top) {
		if b, ok := o.(*widget.Button); ok && b.Text == text && b.Visible() {
			test.Tap(b)
			return
		}
	}
	t.Fatalf("no %q button in the dialog", text)
}

// TestTeamTargetsInOneStep: for the FCI (no role levels) the team targets
// dialog sets every item, a group, a person's assessment's levels, or a copy
// of another team, where it used to offer only "No team targets".
func TestTeamTargetsInOneStep(t *testing.T) {
	s := openSampleTeam(t)
	tm := s.team
	f := tm.view.Framework
	if len(f.Roles) != 0 {
		t.Fatalf("the sample team uses %s, which has role levels; this test is about a framework without", f.Ref)
	}
	tests := []struct {
		choice string
		pick   func(c targetsControls)
		want   func(n int) bool
	}{
		{targetAll, func(c targetsControls) { c.level.SetSelectedIndex(1) }, func(n int) bool { return n == len(f.Items) }},
		{targetNone, func(targetsControls) {}, func(n int) bool { return n == 0 }},
		{targetGroup, func(c targetsControls) { c.level.SetSelectedIndex(0); c.group.SetSelectedIndex(0) }, func(n int) bool { return n > 0 && n < len(f.Items) }},
		{targetAssessment, func(c targetsControls) { c.assessment.SetSelectedIndex(0) }, func(n int) bool { return n > 0 }},
	}
	for _, tc := range tests {
		tm.setTargets()
		c := tm.targetsControls
		if !strings.Contains(strings.Join(c.choice.Options, "|"), tc.choice) {
			t.Fatalf("choices %v lack %q", c.choice.Options, tc.choice)
		}
		c.choice.SetSelected(tc.choice)
		tc.pick(c)
		tapOverlayButton(t, s, "Set")
		if n := len(tm.view.Targets); !tc.want(n) {
			t.Errorf("%s: %d team targets", tc.choice, n)
		}
		closeOverlays(s)
	}
	// The workshop display's dialog offers no list of people's assessments.
	tm.toggleWorkshop()
	tm.setTargets()
	if c := tm.targetsControls; !c.assessment.Disabled() || len(c.assessment.Options) != 0 {
		t.Errorf("workshop display lists assessments: %v", c.assessment.Options)
	}
	closeOverlays(s)
}

// TestTeamTargetsFromARoleLevelBySearching: a DDaT team takes its targets
// from a role level found by typing words, not by scrolling 201 entries.
func TestTeamTargetsFromARoleLevelBySearching(t *testing.T) {
	s, w, ws := newTestShell(t)
	person := createProfileThroughForm(t, s)
	ctx := context.Background()
	team, err := ws.CreateTeam(ctx, "Data team", model.FrameworkRef{ID: "ddat", Version: "2025-q3"})
	if err != nil {
		t.Fatal(err)
	}
	if err := ws.AddMember(ctx, model.TeamID(team.ID), model.PersonID(person.ID)); err != nil {
		t.Fatal(err)
	}
	s.showTab("Team")
	s.team.selectTeam(team.ID)
	tm := s.team
	tm.setTargets()
	c := tm.targetsControls
	if c.roleLevel == nil || c.choice.Selected != targetRoleLevel {
		t.Fatalf("DDaT team targets: role level picker %v, choice %q", c.roleLevel, c.choice.Selected)
	}
	test.Tap(c.roleLevel.button)
	typeAsUser(w, "head of data eng")
	c.roleLevel.entry.TypedKey(&fyne.KeyEvent{Name: fyne.KeyReturn})
	if l := c.roleLevel.Selected(); l == nil || l.ID != "data/data-engineer/head-of-data-engineering" {
		t.Fatalf("picked %v", l)
	}
	tapOverlayButton(t, s, "Set")
	if n := len(tm.view.Targets); n != 11 {
		t.Errorf("%d team targets, want head of data engineering's 11", n)
	}
}
