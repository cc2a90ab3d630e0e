package ui

import (
	"context"
	"slices"
	"strings"
	"testing"

	"fyne.io/fyne/v2/test"

	"gapwise/internal/gap"
	"gapwise/internal/model"
	"gapwise/internal/workspace"
)

const seniorTestEngineer = "quality-assurance-testing-qat/test-engineer/senior-test-engineer"

// startAllDDaT starts a DDaT self-assessment of every item, rates the given
// items at a level and opens it.
func startAllDDaT(t *testing.T, s *Shell, ws *workspace.Workspace, person model.Person, level int, items ...string) string {
	t.Helper()
	ctx := context.Background()
	a, err := ws.StartAssessment(ctx, person.ID, model.FrameworkRef{ID: "ddat", Version: "2025-q3"}, model.SelfAssessment, "", model.Scope{})
	if err != nil {
		t.Fatal(err)
	}
	for _, it := range items {
		if err := ws.Rate(ctx, a.ID, model.Rating{Item: it, Level: level}); err != nil {
			t.Fatal(err)
		}
	}
	s.openAssessment(a.ID, false)
	return a.ID
}

// requirementsOf lists a role level's required items.
func requirementsOf(t *testing.T, ws *workspace.Workspace, id string) []string {
	t.Helper()
	f, err := ws.ResolveFramework(context.Background(), "ddat")
	if err != nil {
		t.Fatal(err)
	}
	_, l, ok := f.RoleLevel(id)
	if !ok {
		t.Fatalf("no role level %s", id)
	}
	var out []string
	for _, q := range l.Requirements {
		out = append(out, q.Item)
	}
	return out
}

// selectRanked selects a role level in the ranked list.
func selectRanked(t *testing.T, p *pathwaysScreen, id string) *gap.Pathway {
	t.Helper()
	i := slices.IndexFunc(p.view.Ranked, func(pw gap.Pathway) bool { return pw.Level.ID == id })
	if i < 0 {
		t.Fatalf("%s is not ranked", id)
	}
	p.list.Select(i)
	return &p.view.Ranked[i]
}

// From a role level resting on 1 of its 6 skills, one button opens Rate on
// just the 5 unrated ones; rating one and going back shows 2 of 6.
func TestPathwaysRateJustTheUnratedSkills(t *testing.T) {
	s, _, ws := newTestShell(t)
	person := createProfileThroughForm(t, s)
	reqs := requirementsOf(t, ws, seniorTestEngineer)
	if len(reqs) != 6 {
		t.Fatalf("senior test engineer needs %d skills; this test expects 6", len(reqs))
	}
	aid := startAllDDaT(t, s, ws, person, 4, reqs[0])
	s.showTab("Pathways")
	p := s.pathways
	pw := selectRanked(t, p, seniorTestEngineer)
	if pw.Rated != 1 || pw.Unknown != 5 {
		t.Fatalf("senior test engineer rests on %d, %d unknown", pw.Rated, pw.Unknown)
	}
	if !strings.Contains(richText(p.detail), "rests on 1 of 6 required skills: rate 5 more") {
		t.Errorf("detail lacks the basis:\n%s", richText(p.detail))
	}
	btn := p.ranked.rate
	if btn.Hidden || btn.Disabled() || btn.Text != "Rate just its 5 unrated skills" {
		t.Fatalf("rate button: %q hidden %v disabled %v", btn.Text, btn.Hidden, btn.Disabled())
	}
	test.Tap(btn)

	if s.tabs.Selected() != s.rateTab {
		t.Fatal("the button did not open Rate")
	}
	r := s.rate
	var listed []string
	for _, row := range r.rows {
		if !row.heading {
			listed = append(listed, row.item.ID)
		}
	}
	slices.Sort(listed)
	want := slices.Clone(reqs[1:])
	slices.Sort(want)
	if !slices.Equal(listed, want) {
		t.Errorf("Rate lists %v, want the 5 unrated skills %v", listed, want)
	}
	if r.only.box.Hidden || !strings.Contains(r.only.label.Text, "the 5 unrated required skills of Senior test engineer") {
		t.Errorf("the restriction is not shown: hidden %v, %q", r.only.box.Hidden, r.only.label.Text)
	}
	first := r.shownItem().ID
	test.Type(r.pad, "2") // the keys rate the first of them at once
	r.whenSaved(func() {})
	if got := savedRatings(t, ws, aid)[first]; got.Level != 2 {
		t.Errorf("%s saved at %d, want 2", first, got.Level)
	}

	test.Tap(r.only.back)
	if s.tabs.Selected() != s.pathsTab {
		t.Fatal("Back to Pathways did not go back")
	}
	pw = selectRanked(t, p, seniorTestEngineer)
	if pw.Rated != 2 || !strings.Contains(richText(p.detail), "rests on 2 of 6 required skills: rate 4 more") {
		t.Errorf("after rating one: rated %d\n%s", pw.Rated, richText(p.detail))
	}

	s.showTab("Rate")
	test.Tap(r.only.all)
	if !r.only.box.Hidden || countItems(r.rows) != len(r.shownSheet().Items) {
		t.Errorf("Show all items: strip hidden %v, %d of %d items", r.only.box.Hidden, countItems(r.rows), len(r.shownSheet().Items))
	}
}

// An assessment scoped to a role level cannot rate another level's skills:
// the button says how many it can, and why not the rest.
func TestPathwaysRateButtonKeepsToTheAssessmentsScope(t *testing.T) {
	s, _, ws := newTestShell(t)
	person := createProfileThroughForm(t, s)
	startDDaT(t, s, ws, person) // senior data analyst's 9 items
	s.showTab("Pathways")
	p := s.pathways
	// Senior test engineer shares one skill with senior data analyst.
	selectRanked(t, p, seniorTestEngineer)
	if btn := p.ranked.rate; btn.Disabled() || btn.Text != "Rate 1 of its 6 unrated skills" || p.ranked.scope.Hidden || !strings.Contains(p.ranked.scope.Text, "5 of them are outside") {
		t.Errorf("partly in scope: button %q disabled %v; note %q", btn.Text, btn.Disabled(), p.ranked.scope.Text)
	}
	// A level sharing none of them: nothing to rate here, and the note says why.
	inScope := map[string]bool{}
	for _, it := range p.view.Sheet.Items {
		inScope[it.ID] = true
	}
	i := slices.IndexFunc(p.view.Ranked, func(pw gap.Pathway) bool {
		return !slices.ContainsFunc(pw.NotRated, func(id string) bool { return inScope[id] })
	})
	if i < 0 {
		t.Fatal("every role level shares a skill with senior data analyst")
	}
	p.list.Select(i)
	n := len(p.view.Ranked[i].NotRated)
	if btn := p.ranked.rate; !btn.Disabled() || !strings.Contains(p.ranked.scope.Text, "are outside") || !strings.Contains(p.ranked.scope.Text, "all items") {
		t.Errorf("%s, %d unrated, none in scope: button %q disabled %v; note %q", p.view.Ranked[i].Level.ID, n, btn.Text, btn.Disabled(), p.ranked.scope.Text)
	}
	selectRanked(t, p, "data/data-analyst/principal-data-analyst")
	if btn := p.ranked.rate; btn.Disabled() || btn.Text != "Rate just its 9 unrated skills" || !p.ranked.scope.Hidden {
		t.Errorf("in scope: button %q disabled %v; note hidden %v", btn.Text, btn.Disabled(), p.ranked.scope.Hidden)
	}
}

// The ladder opens on the family of the target role level, marks the
// target, where the person fits and the next step up, and lists sideways
// moves out of the family; choosing another family redraws it.
func TestPathwaysLadder(t *testing.T) {
	s, _, ws := newTestShell(t)
	person := createProfileThroughForm(t, s)
	analyst := requirementsOf(t, ws, "data/data-analyst/data-analyst")
	aid := startAllDDaT(t, s, ws, person, 2, analyst...)
	if err := ws.SetTargetsFromRoleLevel(context.Background(), model.AssessmentID(aid), "data/data-analyst/senior-data-analyst"); err != nil {
		t.Fatal(err)
	}
	s.showTab("Pathways")
	p := s.pathways
	p.views.SelectIndex(1)
	if p.family.Selected != "Data" {
		t.Fatalf("ladder family %q, want Data (the target's)", p.family.Selected)
	}
	lines := make([]string, len(p.lrows))
	for i, r := range p.lrows {
		lines[i] = ladderLine(r)
	}
	text := strings.Join(lines, "\n")
	for _, want := range []string{
		"Data analyst\n    Associate data analyst — reached: all 9 required skills met\n    You fit here · Data analyst — reached: all 9 required skills met\n    Next step up, your target · Senior data analyst — 0 of 9 met, gap 9\n",
		"Sideways moves to other families, by skills that transfer",
	} {
		if !strings.Contains(text, want) {
			t.Errorf("ladder lacks %q:\n%s", want, text)
		}
	}
	for _, r := range p.lrows {
		if r.side && r.pw.Role.Family == "Data" {
			t.Errorf("a sideways move within the family: %s", r.pw.Level.ID)
		}
	}
	if sel := p.ldetail.pw; sel == nil || sel.Level.ID != "data/data-analyst/senior-data-analyst" {
		t.Errorf("the ladder does not open on the target: %v", sel)
	}

	p.family.SetSelected("IT operations")
	if p.lrows[0].heading != "Application operations engineer" || !strings.Contains(p.lnote.Text, "12 roles") {
		t.Errorf("IT operations ladder: first row %q, note %q", p.lrows[0].heading, p.lnote.Text)
	}
	// No level of a role reached: its first level is where to start.
	if l := ladderLine(p.lrows[1]); !strings.HasPrefix(l, "    Start here · ") {
		t.Errorf("first step of a role with nothing reached: %q", l)
	}
	// A ladder step offers to rate its unrated skills too.
	for i, r := range p.lrows {
		if r.pw != nil && r.pw.Unknown > 0 {
			p.llist.Select(i)
			break
		}
	}
	if b := p.ldetail.rate; b.Hidden || b.Disabled() || !strings.HasPrefix(b.Text, "Rate just its ") {
		t.Errorf("ladder step rate button %q hidden %v", b.Text, b.Hidden)
	}
}

// FCI and SFIA define no role levels: Pathways says so rather than
// showing an empty screen.
func TestPathwaysWithoutRoleLevelsSaysSo(t *testing.T) {
	s, _, ws := newTestShell(t)
	person := createProfileThroughForm(t, s)
	a, err := ws.StartAssessment(context.Background(), person.ID, model.FrameworkRef{ID: "fci", Version: "2020-provisional"}, model.SelfAssessment, "", model.Scope{})
	if err != nil {
		t.Fatal(err)
	}
	s.openAssessment(a.ID, false)
	s.showTab("Pathways")
	if s.pathways.shown() != nil {
		t.Fatal("pathways shown for FCI")
	}
	msg := s.pathways.empty.Text
	if !strings.Contains(msg, "(FCI) has no role levels") || !strings.Contains(msg, "DDaT self-assessment") {
		t.Errorf("FCI message: %q", msg)
	}
}

// Pathways as a person sees it with part of a role level rated: the ranked
// list with a level resting on 1 of its 6 skills, and the ladder of the
// target's family, as markup goldens (made and checked with -tags ci).
func TestPathwaysMarkup(t *testing.T) {
	s, w, ws := newTestShell(t)
	person := createProfileThroughForm(t, s)
	analyst := requirementsOf(t, ws, "data/data-analyst/data-analyst")
	aid := startAllDDaT(t, s, ws, person, 2, analyst[:6]...)
	if err := ws.SetTargetsFromRoleLevel(context.Background(), model.AssessmentID(aid), "data/data-analyst/senior-data-analyst"); err != nil {
		t.Fatal(err)
	}
	s.showTab("Pathways")
	selectRanked(t, s.pathways, seniorTestEngineer)
	test.AssertRendersToMarkup(t, "pathways_screen.xml", w.Canvas())
	s.pathways.views.SelectIndex(1)
	test.AssertRendersToMarkup(t, "pathways_ladder.xml", w.Canvas())
}

// The restriction belongs to one assessment: opening another lists all its
// items and hides the strip; going back to the first shows the set again.
func TestRateOnlyBelongsToItsAssessment(t *testing.T) {
	s, _, ws := newTestShell(t)
	person := createProfileThroughForm(t, s)
	reqs := requirementsOf(t, ws, seniorTestEngineer)
	aid := startAllDDaT(t, s, ws, person, 4, reqs[0])
	s.rateOnly(aid, reqs[1:], "the 5 unrated required skills of Senior test engineer")
	r := s.rate
	if countItems(r.rows) != 5 || r.only.box.Hidden {
		t.Fatalf("restricted: %d items, strip hidden %v", countItems(r.rows), r.only.box.Hidden)
	}
	startDDaT(t, s, ws, person)
	if countItems(r.rows) != 9 || !r.only.box.Hidden {
		t.Errorf("another assessment: %d items (want its 9), strip hidden %v", countItems(r.rows), r.only.box.Hidden)
	}
	s.openAssessment(aid, true)
	if countItems(r.rows) != 5 || r.only.box.Hidden {
		t.Errorf("back to the first: %d items, strip hidden %v", countItems(r.rows), r.only.box.Hidden)
	}
}
