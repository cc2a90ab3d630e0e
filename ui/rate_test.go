package ui

import (
	"context"
	"fmt"
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"gapwise/internal/gap"
	"gapwise/internal/model"
	"gapwise/internal/workspace"
)

// newTestShell opens the whole app on a fresh database at 1280x800.
func newTestShell(t *testing.T) (*Shell, fyne.Window, *workspace.Workspace) {
	t.Helper()
	s, w, ws := newUnclosedTestShell(t)
	t.Cleanup(w.Close)
	return s, w, ws
}

// newUnclosedTestShell is newTestShell for a test that closes the window
// itself: the test driver's window panics when closed twice.
func newUnclosedTestShell(t *testing.T) (*Shell, fyne.Window, *workspace.Workspace) {
	t.Helper()
	a := test.NewTempApp(t)
	w := a.NewWindow("Gapwise")
	ws := openWorkspace(t)
	s := newShell(w, ws)
	w.SetContent(s.content())
	w.Resize(fyne.NewSize(1280, 800))
	return s, w, ws
}

// createProfileThroughForm fills in Me and presses Save, as a new user does.
func createProfileThroughForm(t *testing.T, s *Shell) model.Person {
	t.Helper()
	s.showTab("Me")
	p := s.profile
	test.Type(p.name, "Zoë Ødegård-Nęść")
	p.discipline.SetSelected(model.Nurse.Label())
	test.Type(p.role, "Nurse informatician")
	test.Type(p.wte, "0.4")
	test.Tap(p.save)
	if s.shownPerson() == nil {
		t.Fatalf("saving the profile did not create a person; status %q", p.status.Text)
	}
	return *s.shownPerson()
}

// startDDaT starts a DDaT assessment scoped to a role level and opens it.
func startDDaT(t *testing.T, s *Shell, ws *workspace.Workspace, person model.Person) string {
	t.Helper()
	a, err := ws.StartAssessment(context.Background(), person.ID, model.FrameworkRef{ID: "ddat", Version: "2025-q3"},
		model.SelfAssessment, "", model.Scope{RoleLevel: "data/data-analyst/senior-data-analyst"})
	if err != nil {
		t.Fatal(err)
	}
	s.openAssessment(a.ID, true)
	if s.rate.shownSheet() == nil {
		t.Fatal("the assessment did not open on the rating screen")
	}
	return a.ID
}

func savedRatings(t *testing.T, ws *workspace.Workspace, id string) map[string]model.Rating {
	t.Helper()
	sh, err := ws.Sheet(context.Background(), id)
	if err != nil {
		t.Fatal(err)
	}
	return sh.Ratings
}

func TestRatingByTappingALevelSavesAtOnce(t *testing.T) {
	s, _, ws := newTestShell(t)
	person := createProfileThroughForm(t, s)
	if !strings.Contains(s.header.Text, "Zoë Ødegård-Nęść") {
		t.Errorf("header does not say whose work is open: %q", s.header.Text)
	}
	id := startDDaT(t, s, ws, person)
	r := s.rate
	item := r.shownItem()
	if item == nil {
		t.Fatal("no item shown")
	}
	if got := r.count.Text; !strings.HasPrefix(got, "0 of ") {
		t.Errorf("progress before rating = %q", got)
	}
	// Row 0 is "none yet", row 2 is level 2.
	test.Tap(r.levelBtns[2])
	saved := savedRatings(t, ws, id)
	if saved[item.ID].Level != 2 {
		t.Fatalf("tapping level 2 saved %+v", saved[item.ID])
	}
	if r.saveStatus.Text != "All changes saved" {
		t.Errorf("save status %q after the write committed", r.saveStatus.Text)
	}
	if !strings.HasPrefix(r.count.Text, "1 of ") {
		t.Errorf("progress after one rating = %q", r.count.Text)
	}
	// Confidence and evidence are saved with the rating.
	r.confidence.SetSelected("4")
	test.Type(r.evidence, "Led the audit")
	saved = savedRatings(t, ws, id)
	if got := saved[item.ID]; got.Confidence != 4 || got.Evidence != "Led the audit" || got.Level != 2 {
		t.Errorf("after confidence and evidence, saved %+v", got)
	}
	test.Tap(r.notRated)
	if _, ok := savedRatings(t, ws, id)[item.ID]; ok {
		t.Error("Not rated did not clear the saved rating")
	}
}

func TestKeyboardOnlyRating(t *testing.T) {
	s, w, ws := newTestShell(t)
	person := createProfileThroughForm(t, s)
	id := startDDaT(t, s, ws, person)
	r := s.rate
	w.Canvas().Focus(r.pad)
	first := r.shownItem()
	test.Type(r.pad, "3")
	r.pad.TypedKey(&fyne.KeyEvent{Name: fyne.KeyDown})
	second := r.shownItem()
	if second == nil || second.ID == first.ID {
		t.Fatal("the down arrow did not move to the next item")
	}
	test.Type(r.pad, "0")
	test.Type(r.pad, "7") // DDaT has four levels: refused, nothing saved
	if !strings.Contains(r.saveStatus.Text, "not defined") {
		t.Errorf("an undefined level key should be refused visibly; status %q", r.saveStatus.Text)
	}
	saved := savedRatings(t, ws, id)
	if saved[first.ID].Level != 3 {
		t.Errorf("key 3 on %s saved %+v", first.ID, saved[first.ID])
	}
	if rt, ok := saved[second.ID]; !ok || rt.Level != 0 {
		t.Errorf("key 0 should save 'none yet' (a real rating) on %s; got %+v, %v", second.ID, rt, ok)
	}
	r.pad.TypedKey(&fyne.KeyEvent{Name: fyne.KeyUp})
	if r.shownItem().ID != first.ID {
		t.Error("the up arrow did not go back")
	}
	test.Type(r.pad, "n")
	if _, ok := savedRatings(t, ws, id)[first.ID]; ok {
		t.Error("N did not return the item to not rated")
	}
	// Keys typed with nothing focused still reach the rating screen.
	w.Canvas().Unfocus()
	test.TypeOnCanvas(w.Canvas(), "1")
	if savedRatings(t, ws, id)[first.ID].Level != 1 {
		t.Error("a number key with nothing focused did not rate")
	}
}

func TestSearchOnTheRatingScreen(t *testing.T) {
	s, _, ws := newTestShell(t)
	person := createProfileThroughForm(t, s)
	startDDaT(t, s, ws, person)
	r := s.rate
	total := len(r.shownSheet().Items)
	r.search.SetText("data")
	items := countItems(r.rows)
	if items == 0 || items >= total {
		t.Errorf("search shows %d of %d items", items, total)
	}
	if r.shownItem() == nil || r.shownItem().ID != r.rows[r.firstItemRow()].item.ID {
		t.Error("the first match is not shown")
	}
	r.search.SetText("")
	if n := countItems(r.rows); n != total {
		t.Errorf("clearing the search shows %d of %d items", n, total)
	}
}

func TestGapsViewShowsTheRoleLevelsGaps(t *testing.T) {
	s, _, ws := newTestShell(t)
	person := createProfileThroughForm(t, s)
	startDDaT(t, s, ws, person)
	r := s.rate
	test.Type(r.pad, "1") // rate the first item at Awareness
	s.showTab("My gaps")
	v := s.gaps.shown()
	if v == nil {
		t.Fatal("My gaps shows nothing for an open assessment")
	}
	if v.Report.Below+v.Report.Met != 1 || v.Report.NotRated != len(v.Sheet.Items)-1 {
		t.Errorf("report: met %d below %d not rated %d of %d", v.Report.Met, v.Report.Below, v.Report.NotRated, len(v.Sheet.Items))
	}
	if !strings.Contains(s.gaps.summary.Text, "not rated") {
		t.Errorf("summary %q", s.gaps.summary.Text)
	}
	found := false
	for _, row := range s.gaps.rows {
		if row.g != nil && row.g.Current != nil {
			found = true
			if txt := gapText(row.g); !strings.Contains(txt, "target") {
				t.Errorf("gap row without its target: %q", txt)
			}
		}
	}
	if !found {
		t.Error("the rated item is not in the gaps list")
	}
	s.showTab("Pathways")
	pv := s.pathways.shown()
	if pv == nil || len(pv.Ranked) != 201 {
		t.Fatalf("pathways: %v", pv)
	}
	if pv.Current == nil || pv.Current.ID != "data/data-analyst/senior-data-analyst" || pv.Next == nil {
		t.Errorf("current %v next %v; want senior data analyst and the level above", pv.Current, pv.Next)
	}
	// One skill rated: the first level shown says what it rests on, and no
	// level with unrated skills shows a plain "gap 0".
	top := &pv.Ranked[0]
	if line := pathwayLine(top); top.Unknown > 0 && (!strings.Contains(line, fmt.Sprintf("met, %d unknown", top.Unknown)) || strings.Contains(line, "gap 0)")) {
		t.Errorf("top line hides its unknowns: %q", line)
	}
	if !strings.Contains(s.pathways.next.Text, "rests on") || !strings.Contains(s.pathways.next.Text, "rate ") {
		t.Errorf("next step does not say what it rests on: %q", s.pathways.next.Text)
	}
	if !strings.Contains(s.pathways.note.Text, "No role level rests on half its skills yet") {
		t.Errorf("one skill rated, and the note does not warn that the order rests on little: %q", s.pathways.note.Text)
	}
	if txt := richText(s.pathways.detail); !strings.Contains(txt, "The fit rests on") {
		t.Errorf("detail lacks the basis: %q", txt)
	}
}

func TestStartFormCountsItemsBeforeStarting(t *testing.T) {
	ws := openWorkspace(t)
	w := test.NewTempApp(t).NewWindow("start")
	t.Cleanup(w.Close)
	sfia, err := ws.ResolveFramework(context.Background(), "sfia@9")
	if err != nil {
		t.Fatal(err)
	}
	ddat, _ := ws.ResolveFramework(context.Background(), "ddat")
	f := newStartForm(w, []*model.Framework{ddat, sfia})
	if !strings.Contains(f.covers.Text, "188 of 188") {
		t.Errorf("DDaT, all items: %q", f.covers.Text)
	}
	f.scope.SetSelected(scopeRole)
	if !strings.Contains(f.covers.Text, "Choose a role level") {
		t.Errorf("role scope without a level: %q", f.covers.Text)
	}
	f.level.SetSelectedIndex(0)
	if !strings.Contains(f.covers.Text, "covers") {
		t.Errorf("role level scope: %q", f.covers.Text)
	}
	f.framework.SetSelectedIndex(1)
	f.scope.SetSelected(scopeGroup)
	f.group.SetSelectedIndex(0) // SFIA's first category, with its subcategories
	if sc, missing := f.scopeChoice(); missing != "" || sc.Group == "" {
		t.Fatalf("group scope: %+v %q", sc, missing)
	}
	if strings.Contains(f.covers.Text, "147 of 147") || !strings.Contains(f.covers.Text, "of 147") {
		t.Errorf("a category should cover part of SFIA 9: %q", f.covers.Text)
	}
}

func countItems(rows []browseRow) int {
	n := 0
	for _, row := range rows {
		if !row.heading {
			n++
		}
	}
	return n
}

// The rating and gaps screens as a new user sees them after rating one item,
// as markup goldens (run with the same -tags as CI: fonts differ).
func TestRatingAndGapsScreensMarkup(t *testing.T) {
	s, w, ws := newTestShell(t)
	person := createProfileThroughForm(t, s)
	startDDaT(t, s, ws, person)
	test.Type(s.rate.pad, "2")
	test.AssertRendersToMarkup(t, "rate_screen.xml", w.Canvas())
	s.showTab("My gaps")
	test.AssertRendersToMarkup(t, "gaps_screen.xml", w.Canvas())
}

// typeAsUser types text one key at a time into whatever has keyboard focus,
// as a window does: test.Type alone sends every key to one widget, so a
// widget that moves focus part-way through a word would go unnoticed.
func typeAsUser(w fyne.Window, text string) {
	c := w.Canvas()
	for _, ch := range text {
		if f := c.Focused(); f != nil {
			test.Type(f, string(ch))
		} else {
			test.TypeOnCanvas(c, string(ch))
		}
	}
}

func TestTypingASearchNeverRates(t *testing.T) {
	s, w, ws := newTestShell(t)
	person := createProfileThroughForm(t, s)
	id := startDDaT(t, s, ws, person)
	r := s.rate
	// Rate the first item, so a stray "n" or digit would show.
	w.Canvas().Focus(r.pad)
	test.Type(r.pad, "2")
	before := savedRatings(t, ws, id)
	if len(before) != 1 {
		t.Fatalf("setup: %d ratings", len(before))
	}
	r.focusSearch()
	// "analysis" holds an "n"; "data 1" ends in a digit (both are rating keys).
	for _, word := range []string{"analysis", "data 1"} {
		r.search.SetText("")
		typeAsUser(w, word)
		if r.search.Text != word {
			t.Errorf("search box holds %q after typing %q", r.search.Text, word)
		}
		if w.Canvas().Focused() != r.search {
			t.Errorf("typing %q moved keyboard focus to %T", word, w.Canvas().Focused())
		}
		if after := savedRatings(t, ws, id); !sameRatings(before, after) {
			t.Errorf("typing %q in the search box changed ratings: %v -> %v", word, before, after)
		}
	}
	// Choosing a row is still a request to rate it: keys go to the pad.
	r.search.SetText("")
	r.list.Select(r.firstItemRow() + 1)
	if w.Canvas().Focused() != r.pad {
		t.Errorf("selecting an item focused %T, want the rating keys", w.Canvas().Focused())
	}
}

func sameRatings(a, b map[string]model.Rating) bool {
	if len(a) != len(b) {
		return false
	}
	for k, v := range a {
		if w, ok := b[k]; !ok || w.Level != v.Level || w.Confidence != v.Confidence || w.Evidence != v.Evidence {
			return false
		}
	}
	return true
}

func TestKeysDoNotReachTheRatingBehindADialog(t *testing.T) {
	s, w, ws := newTestShell(t)
	person := createProfileThroughForm(t, s)
	id := startDDaT(t, s, ws, person)
	r := s.rate
	w.Canvas().Focus(r.pad)
	test.Type(r.pad, "2")
	before := savedRatings(t, ws, id)
	// A dialog is open and nothing in it has focus (the user clicked its
	// background): the keys are for the dialog, not the item behind it.
	dialog.ShowInformation("Note", "Something to read", w)
	w.Canvas().Unfocus()
	test.TypeOnCanvas(w.Canvas(), "n3")
	w.Canvas().OnTypedKey()(&fyne.KeyEvent{Name: fyne.KeyDelete})
	if after := savedRatings(t, ws, id); !sameRatings(before, after) {
		t.Errorf("keys typed over a dialog changed ratings: %v -> %v", before, after)
	}
}

// Whole words with rating keys in them ("n", digits) typed into the other
// text fields stay in those fields and rate nothing.
func TestTypingInTextFieldsKeepsFocusAndRatings(t *testing.T) {
	s, w, ws := newTestShell(t)
	person := createProfileThroughForm(t, s)
	id := startDDaT(t, s, ws, person)
	r := s.rate
	w.Canvas().Focus(r.pad)
	test.Type(r.pad, "2")
	w.Canvas().Focus(r.evidence)
	typeAsUser(w, "Ran 3 analyses, then 1 more")
	before := savedRatings(t, ws, id)
	if got := before[r.shownItem().ID].Evidence; got != "Ran 3 analyses, then 1 more" {
		t.Errorf("evidence saved as %q", got)
	}
	fields := []struct {
		tab   string
		entry *widget.Entry
	}{
		{"Frameworks", s.browser.search},
		{"Me", s.profile.role},
		{"Me", s.profile.org},
	}
	for _, f := range fields {
		s.showTab(f.tab)
		f.entry.SetText("")
		w.Canvas().Focus(f.entry)
		typeAsUser(w, "clinical n 12")
		if f.entry.Text != "clinical n 12" || w.Canvas().Focused() != f.entry {
			t.Errorf("%s field holds %q, focus on %T", f.tab, f.entry.Text, w.Canvas().Focused())
		}
	}
	if after := savedRatings(t, ws, id); !sameRatings(before, after) {
		t.Errorf("typing in text fields changed ratings: %v -> %v", before, after)
	}
}

// TestGapsSummaryNamesTheTargetAndFollowsIt: My gaps says what it measures
// against, and says the new target once it changes (it used to keep saying
// the assessment's scope, "items for Senior data analyst", whatever the targets).
func TestGapsSummaryNamesTheTargetAndFollowsIt(t *testing.T) {
	s, _, ws := newTestShell(t)
	person := createProfileThroughForm(t, s)
	id := startDDaT(t, s, ws, person)
	ctx := context.Background()
	s.showTab("My gaps")
	sh := s.gaps.shown().Sheet
	_, next, ok := gap.NextLevel(sh.Framework, "data/data-analyst/senior-data-analyst")
	if !ok {
		t.Fatal("no level above senior data analyst")
	}
	steps := []struct {
		name string
		set  func() error
		want string
	}{
		{"role level", func() error {
			return ws.SetTargetsFromRoleLevel(ctx, model.AssessmentID(id), "data/data-analyst/senior-data-analyst")
		}, "measured against: the role Data analyst at level Senior data analyst —"},
		{"next role level", func() error {
			return ws.SetTargetsFromRoleLevel(ctx, model.AssessmentID(id), model.RoleLevelID(next.ID))
		}, "measured against: the role Data analyst at level " + next.Title + " —"},
		{"cleared", func() error { return ws.ClearTargets(ctx, id) }, "measured against: no targets set —"},
		{"by hand", func() error { return ws.SetTarget(ctx, model.AssessmentID(id), model.ItemID(sh.Items[0].ID), 2) }, "measured against: your own targets (set by hand) —"},
	}
	for _, st := range steps {
		if err := st.set(); err != nil {
			t.Fatalf("%s: %v", st.name, err)
		}
		s.showTab("My gaps")
		if got := s.gaps.summary.Text; !strings.Contains(got, st.want) {
			t.Errorf("%s: summary %q, want %q", st.name, got, st.want)
		}
	}
}

// Closing the shell (as the app does when the system ends it) writes the
// rating just given before the window goes.
func TestShellCloseWritesPendingRatingsThenClosesTheWindow(t *testing.T) {
	s, w, ws := newUnclosedTestShell(t)
	person := createProfileThroughForm(t, s)
	id := startDDaT(t, s, ws, person)
	item := s.rate.shownItem()
	w.Canvas().Focus(s.rate.pad)
	held := holdBackground(t) // the write stays in flight until released
	test.Type(s.rate.pad, "3")
	s.Close()
	if !windowOpen(w) {
		t.Fatal("Close closed the window with a rating still being written")
	}
	order := make([]int, len(held.queue))
	for i := range order {
		order[i] = i
	}
	held.run(t, order...)
	if got := savedRatings(t, ws, id)[item.ID]; got.Level != 3 {
		t.Errorf("after Close the rating is %+v, want level 3", got)
	}
	if windowOpen(w) {
		t.Fatal("Close left the window open once the rating was written")
	}
}

func windowOpen(w fyne.Window) bool {
	for _, open := range fyne.CurrentApp().Driver().AllWindows() {
		if open == w {
			return true
		}
	}
	return false
}
