package ui

import (
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"
)

// "I want to develop this" is saved with the rating from the check box and
// from the I key, shows in the contents list, is refused on an item not
// rated yet, and Ctrl+Z takes it back like any other change.
func TestInterestOnTheRatingScreen(t *testing.T) {
	s, w, ws := newTestShell(t)
	person := createProfileThroughForm(t, s)
	id := startDDaT(t, s, ws, person)
	r := s.rate
	item := r.shownItem().ID
	if !r.interest.Disabled() {
		t.Error("the interest box is enabled on an item not rated yet")
	}
	w.Canvas().Focus(r.pad)
	test.Type(r.pad, "i")
	if _, ok := savedRatings(t, ws, id)[item]; ok || !strings.Contains(r.saveStatus.Text, "first") {
		t.Errorf("I on an unrated item: status %q, saved %v", r.saveStatus.Text, savedRatings(t, ws, id)[item])
	}

	test.Type(r.pad, "1")
	test.Tap(r.interest)
	if got := savedRatings(t, ws, id)[item]; !got.Interest || got.Level != 1 {
		t.Fatalf("after ticking the box, saved %+v", got)
	}
	row := -1
	for i, rw := range r.rows {
		if !rw.heading && rw.item.ID == item {
			row = i
		}
	}
	o := r.list.CreateItem().(*fyne.Container)
	r.updateRow(row, o)
	if got := o.Objects[1].(*widget.Label).Text; got != "1 · develop" {
		t.Errorf("contents row says %q, want %q", got, "1 · develop")
	}

	// The I key turns it off again, keeping the level; focus stays on the pad.
	w.Canvas().Focus(r.pad)
	test.Type(r.pad, "I")
	if got := savedRatings(t, ws, id)[item]; got.Interest || got.Level != 1 {
		t.Errorf("after the I key, saved %+v", got)
	}
	if r.interest.Checked {
		t.Error("the box is still ticked after the I key")
	}
	// Ctrl+Z brings it back, and says what it undid.
	pressShortcut(w, &fyne.ShortcutUndo{})
	if got := savedRatings(t, ws, id)[item]; !got.Interest {
		t.Errorf("after Ctrl+Z, saved %+v", got)
	}
	if !r.interest.Checked || !strings.Contains(r.saveStatus.Text, interestLabel) {
		t.Errorf("after Ctrl+Z: box %v, status %q", r.interest.Checked, r.saveStatus.Text)
	}
	// A new level keeps the interest; Not rated drops it with the rating.
	test.Type(r.pad, "2")
	if got := savedRatings(t, ws, id)[item]; !got.Interest || got.Level != 2 {
		t.Errorf("re-rating lost the interest: %+v", got)
	}
	test.Tap(r.notRated)
	if _, ok := savedRatings(t, ws, id)[item]; ok || r.interest.Checked || !r.interest.Disabled() {
		t.Errorf("Not rated: box %v disabled %v", r.interest.Checked, r.interest.Disabled())
	}
}
