package ui

import (
	"context"
	"slices"
	"testing"

	"fyne.io/fyne/v2/test"

	"gapwise/internal/model"
)

// heldWork replaces the background runner with one that holds work back
// until the test runs it, in any order: a stand-in for goroutines that
// finish out of order.
type heldWork struct{ queue []func() }

func holdBackground(t *testing.T) *heldWork {
	h := &heldWork{}
	old := background
	background = func(work func()) { h.queue = append(h.queue, work) }
	t.Cleanup(func() { background = old })
	return h
}

// run runs the held work in the order given (indexes into the queue), then
// stops holding so later work runs at once.
func (h *heldWork) run(t *testing.T, order ...int) {
	q := h.queue
	h.queue = nil
	if len(order) != len(q) {
		t.Fatalf("%d pieces of work held, order names %d", len(q), len(order))
	}
	for _, i := range order {
		q[i]()
	}
}

func TestNewestLoadWins(t *testing.T) {
	test.NewTempApp(t)
	h := holdBackground(t)
	var n newest
	var applied []int
	for i := range 3 {
		loadNewest(&n, context.Background(), func(context.Context) (int, error) { return i, nil },
			func(v int, _ error) { applied = append(applied, v) })
	}
	h.run(t, 2, 0, 1)
	if !slices.Equal(applied, []int{2}) {
		t.Errorf("applied %v; want only the newest load (2)", applied)
	}

	// A stale() request (the screen went empty) drops a load in flight, and
	// nothing is applied once the window's context is cancelled.
	applied = nil
	loadNewest(&n, context.Background(), func(context.Context) (int, error) { return 7, nil },
		func(v int, _ error) { applied = append(applied, v) })
	n.stale()
	ctx, cancel := context.WithCancel(context.Background())
	var sawCancel bool
	loadNewest(&n, ctx, func(c context.Context) (int, error) { cancel(); sawCancel = c.Err() != nil; return 8, nil },
		func(v int, _ error) { applied = append(applied, v) })
	h.run(t, 0, 1)
	if len(applied) != 0 || !sawCancel {
		t.Errorf("applied %v after stale() and a closed window (work saw cancel: %v)", applied, sawCancel)
	}
}

// Two assessments opened quickly one after the other: whichever load
// finishes last, the screens show the one asked for last.
func TestSlowEarlierLoadsNeverOverwriteNewerOnes(t *testing.T) {
	ctx := context.Background()
	s, _, ws := newTestShell(t)
	person := createProfileThroughForm(t, s)
	first, err := ws.StartAssessment(ctx, person.ID, model.FrameworkRef{ID: "fci", Version: "2020-provisional"}, model.SelfAssessment, "", model.Scope{})
	if err != nil {
		t.Fatal(err)
	}
	second, err := ws.StartAssessment(ctx, person.ID, model.FrameworkRef{ID: "ddat", Version: "2025-q3"}, model.SelfAssessment, "", model.Scope{})
	if err != nil {
		t.Fatal(err)
	}
	h := holdBackground(t)
	s.rate.load(first.ID)
	s.rate.load(second.ID)
	h.run(t, 1, 0) // the newer load finishes first
	if sh := s.rate.shownSheet(); sh == nil || sh.Assessment.ID != second.ID {
		t.Errorf("rating screen shows %v; want the assessment opened last (%s)", sh, second.ID)
	}

	s.gaps.load(first.ID)
	s.gaps.load(second.ID)
	h.run(t, 1, 0)
	if v := s.gaps.shown(); v == nil || v.Sheet.Assessment.ID != second.ID {
		t.Errorf("My gaps shows %v; want %s", v, second.ID)
	}

	// Opening an assessment and then closing it (no assessment): the late
	// load must not bring it back.
	s.rate.load(first.ID)
	s.rate.load("")
	h.run(t, 0)
	if s.rate.shownSheet() != nil {
		t.Errorf("a load finished after the screen was emptied and showed %s", s.rate.shownSheet().Assessment.ID)
	}
}

func TestTeamScreenShowsTheTeamChosenLast(t *testing.T) {
	ctx := context.Background()
	s := openSampleTeam(t)
	ws := s.ws
	other, err := ws.CreateTeam(ctx, "Second team", model.FrameworkRef{ID: "fci", Version: "2020-provisional"})
	if err != nil {
		t.Fatal(err)
	}
	sample := s.team.shown().Team.ID
	h := holdBackground(t)
	s.team.load(sample)
	s.team.load(other.ID)
	h.run(t, 1, 0)
	if v := s.team.shown(); v == nil || v.Team.ID != other.ID {
		t.Errorf("team screen shows %v; want the team chosen last (%s)", v.Team.Name, other.Name)
	}
}
