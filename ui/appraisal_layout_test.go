package ui

import (
	"context"
	"fmt"
	"slices"
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"gapwise/internal/model"
	"gapwise/internal/workspace"
)

// ddatJointOnScreen is a 188-item DDaT joint appraisal with an informatics
// appraiser reviewing the first 110 skills and a clinical appraiser the
// last 98 (twenty overlap), everyone rated, a few disagreements, open on
// the Appraisal screen of a window w by h.
func ddatJointOnScreen(t *testing.T, w, h float32) (*Shell, fyne.Window, *workspace.Workspace, model.Appraisal) {
	t.Helper()
	ctx := context.Background()
	s, win, ws := newTestShell(t)
	win.Resize(fyne.NewSize(w, h))
	person := createProfileThroughForm(t, s)
	ddat := model.FrameworkRef{ID: "ddat", Version: "2025-q3"}
	self, err := ws.StartAssessment(ctx, person.ID, ddat, model.SelfAssessment, "", model.Scope{})
	if err != nil {
		t.Fatal(err)
	}
	f, err := ws.Framework(ctx, ddat)
	if err != nil {
		t.Fatal(err)
	}
	ids := make([]string, len(f.Items))
	for i := range f.Items {
		ids[i] = f.Items[i].ID
	}
	ap, err := ws.StartAppraisal(ctx, self.ID, []model.Appraiser{
		{Name: "Dr Alexandra Featherstonehaugh", Role: "informatics appraiser", Scope: ids[:110]},
		{Name: "Dr Ben Clin", Role: "clinical appraiser", Scope: ids[90:]},
	}, "2026/27")
	if err != nil {
		t.Fatal(err)
	}
	inf, err := ws.RateAsAppraiser(ctx, ap.ID, "Dr Alexandra Featherstonehaugh")
	if err != nil {
		t.Fatal(err)
	}
	clin, err := ws.RateAsAppraiser(ctx, ap.ID, "Dr Ben Clin")
	if err != nil {
		t.Fatal(err)
	}
	for i := range f.Items {
		it := &f.Items[i]
		lv := it.Levels[i%len(it.Levels)]
		rate := func(id string, l int) {
			if err := ws.Rate(ctx, id, model.Rating{Item: it.ID, Level: l}); err != nil {
				t.Fatal(err)
			}
		}
		rate(self.ID, lv)
		if i < 110 {
			rate(inf.ID, lv)
		}
		if i >= 90 {
			if i%23 == 0 {
				lv = it.Levels[(i+1)%len(it.Levels)]
			}
			rate(clin.ID, lv)
		}
	}
	s.showTab("Appraisal")
	if v := s.appraisal.shown(); v == nil || len(v.Items) != len(f.Items) {
		t.Fatalf("appraisal view: %+v", v)
	}
	return s, win, ws, ap
}

// clipped lists what is cut off on the window: a button, select, check or
// label running past its right edge, a truncating label whose text does not
// fit, a label given less height than its lines need. Lists are left out:
// their rows shorten long item names by design.
func clipped(win fyne.Window) []string {
	d := fyne.CurrentApp().Driver()
	width := win.Canvas().Size().Width
	var out []string
	var rec func(o fyne.CanvasObject)
	rec = func(o fyne.CanvasObject) {
		if o == nil || !o.Visible() {
			return
		}
		if _, ok := o.(*agreeList); ok {
			return
		}
		right := d.AbsolutePositionForObject(o).X + o.Size().Width
		switch x := o.(type) {
		case *widget.Button:
			if right > width+1 {
				out = append(out, fmt.Sprintf("button %q ends at x=%.0f, past the window's %.0f", x.Text, right, width))
			}
		case *widget.Select:
			if right > width+1 {
				out = append(out, fmt.Sprintf("select %q ends at x=%.0f, past the window's %.0f", x.PlaceHolder, right, width))
			}
		case *widget.Check:
			if right > width+1 {
				out = append(out, fmt.Sprintf("check %q ends at x=%.0f, past the window's %.0f", x.Text, right, width))
			}
		case *widget.Label:
			if x.Text == "" {
				break
			}
			if right > width+1 {
				out = append(out, fmt.Sprintf("label %q ends at x=%.0f, past the window's %.0f", x.Text, right, width))
			}
			if x.Truncation != fyne.TextTruncateOff && x.Wrapping != fyne.TextWrapOff {
				// Wrapped, it is cut when its last line shown ends in "…".
				if cutShort(x) {
					out = append(out, fmt.Sprintf("label %q is cut: its %.0fx%.0f shows it with \"…\"", x.Text, x.Size().Width, x.Size().Height))
				}
			} else if x.Truncation != fyne.TextTruncateOff {
				need := fyne.MeasureText(x.Text, theme.TextSize(), x.TextStyle).Width + 2*theme.InnerPadding()
				if need > x.Size().Width+1 {
					out = append(out, fmt.Sprintf("label %q is cut: it needs %.0f wide, has %.0f", x.Text, need, x.Size().Width))
				}
			}
			if x.MinSize().Height > x.Size().Height+1 {
				out = append(out, fmt.Sprintf("label %q is cut: it needs %.0f high, has %.0f", x.Text, x.MinSize().Height, x.Size().Height))
			}
		}
		if c, ok := o.(*fyne.Container); ok {
			for _, k := range c.Objects {
				rec(k)
			}
		} else if w, ok := o.(fyne.Widget); ok {
			for _, k := range test.WidgetRenderer(w).Objects() {
				rec(k)
			}
		}
	}
	rec(win.Canvas().Content())
	return out
}

// cutShort reports whether a wrapping label shows its text cut with "…".
func cutShort(l *widget.Label) bool {
	shown := ""
	walk(l, func(o fyne.CanvasObject) {
		if t, ok := o.(*canvas.Text); ok {
			shown += t.Text
		}
	})
	return strings.HasSuffix(shown, "…") && !strings.HasSuffix(l.Text, "…")
}

// TestTwoAppraiserScreenFitsAt1024: at 1024x768 and 1280x800, in the
// default theme, nothing on the two-appraiser screen is cut off or runs off
// the window, scopes of 110 and 98 skills are said in a line each, and the
// item list keeps room to work in. (Light and dark differ in colour only.)
func TestTwoAppraiserScreenFitsAt1024(t *testing.T) {
	for _, size := range []fyne.Size{{Width: 1024, Height: 768}, {Width: 1280, Height: 800}} {
		t.Run(fmt.Sprintf("%.0fx%.0f", size.Width, size.Height), func(t *testing.T) {
			s, win, _, _ := ddatJointOnScreen(t, size.Width, size.Height)
			test.ApplyTheme(t, theme.DefaultTheme())
			a := s.appraisal
			win.Resize(size)
			win.Content().Refresh()
			for _, c := range clipped(win) {
				t.Error(c)
			}
			if h := a.list.Size().Height; h < 250 {
				t.Errorf("the item list has %.0f of %.0f high left to work in", h, size.Height)
			}
			for _, l := range under[*widget.Label](a.content()) {
				if n := len([]rune(l.Text)); n > 400 {
					t.Errorf("a label of %d characters: %.120q…", n, l.Text)
				}
			}
		})
	}
}

// TestChoosingAPersonOpensTheirOwnAssessment: after an appraisal, the
// newest assessment of a person is an appraiser's; choosing the person
// still opens their own self-assessment for rating, not Dr Ben's of them.
func TestChoosingAPersonOpensTheirOwnAssessment(t *testing.T) {
	s, _, ws, ap := jointOnScreen(t)
	person := *s.shownPerson()
	as, err := ws.Assessments(context.Background(), person.ID)
	if err != nil || len(as) == 0 || as[0].Kind == model.SelfAssessment {
		t.Fatalf("the newest assessment should be an appraiser's or the agreed one: %+v %v", as, err)
	}
	s.setPerson(nil)
	s.setPerson(&person)
	sh := s.rate.shownSheet()
	if sh == nil || sh.Assessment.ID != ap.SelfID {
		t.Fatalf("choosing %s opened %+v, want the self-assessment %s", person.Name, sh, ap.SelfID)
	}
}

// TestSummaryComesBeforeSignOff: the summary is locked once anyone signs,
// so the screen offers it before the sign-off, in the PDF's order.
func TestSummaryComesBeforeSignOff(t *testing.T) {
	s, _, _, _ := jointOnScreen(t)
	a := s.appraisal
	pos := func(o fyne.CanvasObject) int {
		for i, k := range objectsInOrder(a.content()) {
			if k == o {
				return i
			}
		}
		t.Fatalf("%T not on the screen", o)
		return -1
	}
	if pos(a.overall) > pos(a.signBox) {
		t.Error("the summary comes after the sign-off: whoever signs first locks it before anyone sees it")
	}
}

// objectsInOrder lists o and everything under it, depth first in screen order.
func objectsInOrder(o fyne.CanvasObject) []fyne.CanvasObject {
	out := []fyne.CanvasObject{o}
	switch x := o.(type) {
	case *fyne.Container:
		for _, k := range x.Objects {
			out = append(out, objectsInOrder(k)...)
		}
	case fyne.Widget:
		if _, ok := x.(*agreeList); ok {
			break
		}
		for _, k := range test.WidgetRenderer(x).Objects() {
			out = append(out, objectsInOrder(k)...)
		}
	}
	return out
}

// TestStartAppraisalWithSeveralGroups: the clinical appraiser can be given
// two of the framework's groups in the app; ticking "All items" clears them.
func TestStartAppraisalWithSeveralGroups(t *testing.T) {
	ctx := context.Background()
	s, w, ws := newTestShell(t)
	person := createProfileThroughForm(t, s)
	if _, err := ws.StartAssessment(ctx, person.ID, fci, model.SelfAssessment, "", model.Scope{}); err != nil {
		t.Fatal(err)
	}
	f, _ := ws.Framework(ctx, fci)
	s.showTab("Appraisal")
	s.appraisal.start()
	d := w.Canvas().Overlays().Top()
	if d == nil {
		t.Fatal("Start an appraisal opened nothing")
	}
	entries := under[*widget.Entry](d)
	typeInto := func(placeholder, text string) {
		t.Helper()
		for _, e := range entries {
			if e.PlaceHolder == placeholder {
				test.Type(e, text)
				return
			}
		}
		t.Fatalf("no %q field", placeholder)
	}
	typeInto("Appraiser's name", "Dr Ann Inf")
	typeInto("Second appraiser's name (optional)", "Dr Ben Clin")
	groups := under[*widget.CheckGroup](d)
	if len(groups) != 2 {
		t.Fatalf("%d scope lists, want one per appraiser", len(groups))
	}
	var top []string
	for i := range f.Groups {
		if f.Groups[i].Parent == "" {
			top = append(top, f.Groups[i].Title)
		}
	}
	if len(top) < 3 || !slices.Contains(groups[1].Options, top[0]) || !slices.Contains(groups[1].Options, top[2]) {
		t.Fatalf("scope options %q lack the framework's groups %q", groups[1].Options, top)
	}
	tick := func(g *widget.CheckGroup, label string) {
		t.Helper()
		for _, c := range under[*widget.Check](g) {
			if c.Text == label {
				test.Tap(c)
				return
			}
		}
		t.Fatalf("no %q to tick", label)
	}
	all := func(i int) *widget.Check {
		var found []*widget.Check
		for _, c := range under[*widget.Check](d) {
			if c.Text == "All items" {
				found = append(found, c)
			}
		}
		return found[i]
	}
	// The first appraiser: one group ticked, then "All items" again.
	tick(groups[0], top[1])
	if all(0).Checked {
		t.Error("All items stays ticked beside a chosen group")
	}
	test.Tap(all(0))
	if len(groups[0].Selected) != 0 {
		t.Errorf("All items left %q ticked", groups[0].Selected)
	}
	// The second: two groups.
	tick(groups[1], top[0])
	tick(groups[1], top[2])
	tapButton(t, d, "Start")
	list, err := ws.Appraisals(ctx, person.ID)
	if err != nil || len(list) != 1 {
		t.Fatalf("appraisals after Start: %+v %v", list, err)
	}
	got := list[0].Appraisers
	want := []string{}
	for i := range f.Groups {
		if g := &f.Groups[i]; g.Title == top[0] || g.Title == top[2] {
			want = append(want, g.ID)
		}
	}
	if len(got) != 2 || len(got[0].Scope) != 0 || strings.Join(got[1].Scope, ",") != strings.Join(want, ",") {
		t.Errorf("appraisers %+v; want Dr Ann Inf on all items and Dr Ben Clin on %v", got, want)
	}
}

// TestScopeOptionsOfAFrameworkWithoutGroups: DDaT has no groups, so an
// appraiser is given skills.
func TestScopeOptionsOfAFrameworkWithoutGroups(t *testing.T) {
	ws := openWorkspace(t)
	f, err := ws.Framework(context.Background(), model.FrameworkRef{ID: "ddat", Version: "2025-q3"})
	if err != nil {
		t.Fatal(err)
	}
	labels, ids := scopeOptions(f)
	if len(f.Groups) != 0 || len(ids) != len(f.Items) || ids[0] != f.Items[0].ID || labels[0] != f.Items[0].Label() {
		t.Errorf("%d options for %d DDaT skills: %q…", len(ids), len(f.Items), labels[:min(3, len(labels))])
	}
}

// TestRemoveAppraiserInTheApp: Remove appraiser asks which, then says
// exactly what goes (their assessment and its ratings) before it goes; the
// screen then shows one appraiser. After a signature it is not offered.
func TestRemoveAppraiserInTheApp(t *testing.T) {
	s, w, ws, ap := jointOnScreen(t)
	a := s.appraisal
	s.appraisal.rateAsAppraiser("Dr Ben Clin") // open on the rating screen
	ben := s.openAssessmentID()
	s.showTab("Appraisal")
	test.Tap(a.removeAppr)
	d := w.Canvas().Overlays().Top()
	if d == nil {
		t.Fatal("Remove appraiser opened nothing")
	}
	radio := under[*widget.RadioGroup](d)
	if len(radio) != 1 || strings.Join(radio[0].Options, "|") != "Dr Łukasz Inf|Dr Ben Clin" {
		t.Fatalf("which appraiser: %v", radio)
	}
	radio[0].SetSelected("Dr Ben Clin")
	tapButton(t, d, "Next…")
	confirm := w.Canvas().Overlays().Top()
	text := allText(confirm)
	if !strings.Contains(text, "This deletes Dr Ben Clin as appraiser of Zoë Ødegård-Nęść's 2026/27 appraisal: their assessment, 2 ratings, 0 targets; the agreed levels and notes stay.") {
		t.Fatalf("the confirmation does not say what goes: %q", text)
	}
	tapButton(t, confirm, "Delete")
	v := a.shown()
	if v == nil || len(v.Appraisal.Appraisers) != 1 || v.Appraisal.Appraisers[0].Name != "Dr Łukasz Inf" {
		t.Fatalf("after removing Dr Ben Clin: %+v", v)
	}
	if a.heads[2].Text != "Agreed" || slices.Contains(a.rateAs.Options, "Dr Ben Clin") {
		t.Errorf("the screen still shows Dr Ben Clin: header %q, rate as %q", a.heads[2].Text, a.rateAs.Options)
	}
	if _, err := ws.Assessment(context.Background(), ben); model.KindOf(err) != model.NotFound {
		t.Errorf("Dr Ben Clin's assessment after the removal: %v", err)
	}
	if s.openAssessmentID() == ben || s.rate.shownSheet() != nil && s.rate.shownSheet().Assessment.ID == ben {
		t.Error("the rating screen still has the removed appraiser's assessment open")
	}
	// Once anyone signs it is not offered.
	test.Tap(a.agreeAll)
	if err := ws.SetAgreed(context.Background(), model.AppraisalID(ap.ID), "2.2", 3); err != nil {
		t.Fatal(err)
	}
	if err := ws.SignOff(context.Background(), ap.ID, workspace.SignAppraisee); err != nil {
		t.Fatal(err)
	}
	a.show(ap.ID)
	if !a.removeAppr.Disabled() {
		t.Error("Remove appraiser is offered on a signed appraisal")
	}
}
