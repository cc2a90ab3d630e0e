package ui

import (
	"reflect"
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"

	"gapwise/internal/model"
)

// pressShortcut sends a shortcut as the desktop window does: to the focused
// widget if it takes shortcuts, else to the window's own.
func pressShortcut(w fyne.Window, sc fyne.Shortcut) {
	if f, ok := w.Canvas().Focused().(fyne.Shortcutable); ok {
		f.TypedShortcut(sc)
		return
	}
	windowShortcuts(w).TypedShortcut(sc)
}

// windowShortcuts is the test window's own shortcut handler. The test
// canvas wraps the software one and does not pass TypedShortcut through.
func windowShortcuts(w fyne.Window) fyne.Shortcutable {
	c := w.Canvas()
	if sc, ok := c.(fyne.Shortcutable); ok {
		return sc
	}
	return reflect.ValueOf(c).Elem().FieldByName("WindowlessCanvas").Interface().(fyne.Shortcutable)
}

func rated(level, conf int, evidence string) ratingState {
	return ratingState{rated: true, rating: model.Rating{Item: "1.2", Level: level, Confidence: conf, Evidence: evidence}}
}

func TestUndoMessage(t *testing.T) {
	for _, tc := range []struct {
		before, after ratingState
		want          string
	}{
		{ratingState{}, rated(3, 0, ""), "Undid: 1.2 level 3 -> not rated"},
		{rated(2, 4, "x"), ratingState{}, "Undid: 1.2 not rated -> level 2"},
		{rated(2, 0, ""), rated(3, 0, ""), "Undid: 1.2 level 3 -> level 2"},
		{rated(0, 0, ""), rated(3, 0, ""), "Undid: 1.2 level 3 -> level 0"},
		{rated(2, 0, ""), rated(2, 4, ""), "Undid: 1.2 confidence 4 -> not given"},
		{rated(2, 1, ""), rated(2, 4, ""), "Undid: 1.2 confidence 4 -> 1"},
		{rated(2, 1, ""), rated(2, 1, "Led it"), "Undid: 1.2 evidence edit"},
	} {
		if got := undoMessage(ratingChange{item: "1.2", before: tc.before, after: tc.after}); got != tc.want {
			t.Errorf("%+v -> %+v: %q, want %q", tc.before, tc.after, got, tc.want)
		}
	}
}

func TestHistoryMergesTypingIntoOneChange(t *testing.T) {
	var h ratingHistory
	h.record(ratingChange{item: "1.2", before: ratingState{}, after: rated(2, 0, "")})
	for _, text := range []string{"L", "Le", "Led"} {
		prev := h.changes[len(h.changes)-1].after
		h.record(ratingChange{item: "1.2", before: prev, after: rated(2, 0, text), evidence: true})
	}
	h.record(ratingChange{item: "1.3", before: ratingState{}, after: ratingState{}}) // no change: not recorded
	if len(h.changes) != 2 {
		t.Fatalf("%d changes, want 2 (the level, then the typing)", len(h.changes))
	}
	c, _ := h.pop()
	if c.before.rating.Evidence != "" || c.after.rating.Evidence != "Led" {
		t.Errorf("merged evidence change %+v", c)
	}
	// Typing then deleting back to the start leaves nothing to undo for it.
	h.record(ratingChange{item: "1.2", before: rated(2, 0, ""), after: rated(2, 0, "x"), evidence: true})
	h.record(ratingChange{item: "1.2", before: rated(2, 0, "x"), after: rated(2, 0, ""), evidence: true})
	if len(h.changes) != 1 {
		t.Errorf("typed and deleted: %d changes, want only the level", len(h.changes))
	}
}

func TestCtrlZUndoesRatingChangesBackToTheOpeningState(t *testing.T) {
	s, w, ws := newTestShell(t)
	person := createProfileThroughForm(t, s)
	id := startDDaT(t, s, ws, person)
	r := s.rate
	undo := &fyne.ShortcutUndo{}

	// Nothing changed yet: undo says so and writes nothing.
	w.Canvas().Focus(r.pad)
	pressShortcut(w, undo)
	if r.saveStatus.Text != "Nothing to undo" {
		t.Errorf("status %q with nothing to undo", r.saveStatus.Text)
	}

	first := r.shownItem()
	test.Type(r.pad, "3")
	test.Type(r.pad, "2")
	r.confidence.SetSelected("4")
	w.Canvas().Focus(r.evidence)
	typeAsUser(w, "Led the audit")
	r.pad.TypedKey(&fyne.KeyEvent{Name: fyne.KeyDown})
	second := r.shownItem()
	test.Type(r.pad, "1")
	if got := savedRatings(t, ws, id); got[first.ID].Evidence != "Led the audit" || got[second.ID].Level != 1 {
		t.Fatalf("setup saved %v", got)
	}

	// Each press takes back one change, saved at once, and says what it did.
	w.Canvas().Focus(r.pad)
	steps := []struct {
		status string
		check  func(map[string]model.Rating) bool
	}{
		{"Undid: " + second.ID + " level 1 -> not rated", func(m map[string]model.Rating) bool { _, ok := m[second.ID]; return !ok }},
		{"Undid: " + first.ID + " evidence edit", func(m map[string]model.Rating) bool { return m[first.ID].Evidence == "" && m[first.ID].Confidence == 4 }},
		{"Undid: " + first.ID + " confidence 4 -> not given", func(m map[string]model.Rating) bool { return m[first.ID].Confidence == 0 && m[first.ID].Level == 2 }},
		{"Undid: " + first.ID + " level 2 -> level 3", func(m map[string]model.Rating) bool { return m[first.ID].Level == 3 }},
		{"Undid: " + first.ID + " level 3 -> not rated", func(m map[string]model.Rating) bool { return len(m) == 0 }},
	}
	for i, st := range steps {
		pressShortcut(w, undo)
		if !strings.HasPrefix(r.saveStatus.Text, st.status) || !strings.Contains(r.saveStatus.Text, "saved") {
			t.Errorf("undo %d: status %q, want %q (saved)", i+1, r.saveStatus.Text, st.status)
		}
		if got := savedRatings(t, ws, id); !st.check(got) {
			t.Errorf("undo %d (%s): database holds %v", i+1, st.status, got)
		}
	}
	if r.shownItem().ID != first.ID || r.yours.Text != "Not rated yet" {
		t.Errorf("after undoing everything the screen shows %s: %q", r.shownItem().ID, r.yours.Text)
	}
	pressShortcut(w, undo)
	if r.saveStatus.Text != "Nothing to undo" || len(savedRatings(t, ws, id)) != 0 {
		t.Errorf("undo past the opening state: %q", r.saveStatus.Text)
	}
	if w.Canvas().Focused() != r.pad {
		t.Errorf("undo moved focus to %T", w.Canvas().Focused())
	}
}

// In a text field Ctrl+Z is the field's own undo: in the search box it takes
// back typing and rates nothing; in the evidence entry it takes back typing,
// and the evidence saved follows what the entry shows.
func TestCtrlZInATextFieldUndoesTyping(t *testing.T) {
	s, w, ws := newTestShell(t)
	person := createProfileThroughForm(t, s)
	id := startDDaT(t, s, ws, person)
	r := s.rate
	w.Canvas().Focus(r.pad)
	test.Type(r.pad, "2")
	r.pad.TypedKey(&fyne.KeyEvent{Name: fyne.KeyDown})
	test.Type(r.pad, "3")
	before := savedRatings(t, ws, id)

	r.focusSearch()
	typeAsUser(w, "data")
	pressShortcut(w, &fyne.ShortcutUndo{})
	if after := savedRatings(t, ws, id); !sameRatings(before, after) {
		t.Errorf("Ctrl+Z in the search box changed ratings: %v -> %v", before, after)
	}
	if r.search.Text == "data" {
		t.Error("Ctrl+Z in the search box did not undo the typing")
	}

	r.search.SetText("")
	r.selectItem(r.rows[r.firstItemRow()].item.ID)
	item := r.shownItem().ID
	w.Canvas().Focus(r.evidence)
	typeAsUser(w, "Led")
	pressShortcut(w, &fyne.ShortcutUndo{})
	got := savedRatings(t, ws, id)[item]
	if got.Evidence != r.evidence.Text || got.Level != 2 {
		t.Errorf("after Ctrl+Z in evidence: entry %q, saved %+v", r.evidence.Text, got)
	}
}
