package ui

import (
	"strings"
	"testing"

	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"
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
