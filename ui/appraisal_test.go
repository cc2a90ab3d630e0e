package ui

import (
	"context"
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"gapwise/internal/model"
	"gapwise/internal/workspace"
)

func TestPlanScreenShowsTheSamplePlanAndStartsANewOne(t *testing.T) {
	s, _, ws := newTestShell(t)
	res, err := ws.CreateSampleData(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	s.setPerson(&res.Person)
	s.showTab("Plan")
	p := s.plan.shown()
	if p == nil || len(p.Actions) != 3 {
		t.Fatalf("plan on screen: %+v", p)
	}
	if line := actionLine(p.Actions[0]); !strings.Contains(line, string(p.Actions[0].Status)) || !strings.Contains(line, "due ") {
		t.Errorf("action line %q lacks its status or due date", line)
	}
	before := len(s.plan.plans)
	s.plan.newPlan()
	d := s.plan.drafts
	if d == nil || len(d.keep) == 0 {
		t.Fatal("New plan from my gaps drafted nothing for the sample person")
	}
	test.Tap(d.save)
	if len(s.plan.plans) != before+1 || len(s.plan.shown().Actions) != len(d.keep) {
		t.Errorf("New plan from my gaps: %d plans (was %d), %d actions on screen, %d drafted", len(s.plan.plans), before, len(s.plan.shown().Actions), len(d.keep))
	}
}

var fci = model.FrameworkRef{ID: "fci", Version: "2020-provisional"}

// jointOnScreen is a person with an FCI self-assessment rated on four
// items, an appraisal with an informatics appraiser (all items) and a
// clinical appraiser (domain 1 only), both rated, on the Appraisal screen.
func jointOnScreen(t *testing.T) (*Shell, fyne.Window, *workspace.Workspace, model.Appraisal) {
	t.Helper()
	ctx := context.Background()
	s, w, ws := newTestShell(t)
	person := createProfileThroughForm(t, s)
	self, err := ws.StartAssessment(ctx, person.ID, fci, model.SelfAssessment, "", model.Scope{})
	if err != nil {
		t.Fatal(err)
	}
	f, _ := ws.Framework(ctx, fci)
	domain1 := f.Groups[0].ID
	ap, err := ws.StartAppraisal(ctx, self.ID, []model.Appraiser{
		{Name: "Dr Łukasz Inf", Role: "informatics appraiser"},
		{Name: "Dr Ben Clin", Role: "clinical appraiser", Scope: []string{domain1}},
	}, "2026/27")
	if err != nil {
		t.Fatal(err)
	}
	inf, _ := ws.RateAsAppraiser(ctx, ap.ID, "Dr Łukasz Inf")
	clin, _ := ws.RateAsAppraiser(ctx, ap.ID, "Dr Ben Clin")
	for _, r := range []struct {
		a          string
		item       string
		self, appr int
	}{
		{self.ID, "1.1", 3, 0}, {inf.ID, "1.1", 3, 0}, {clin.ID, "1.1", 3, 0}, // all match
		{self.ID, "1.2", 1, 0}, {inf.ID, "1.2", 1, 0}, {clin.ID, "1.2", 3, 0}, // the clinical appraiser differs
		{self.ID, "2.1", 2, 0}, {inf.ID, "2.1", 2, 0}, // outside the clinical scope; matches
		{self.ID, "2.2", 4, 0}, {inf.ID, "2.2", 2, 0}, // self and informatics differ
	} {
		if err := ws.Rate(ctx, r.a, model.Rating{Item: r.item, Level: r.self}); err != nil {
			t.Fatal(err)
		}
	}
	s.showTab("Appraisal")
	if v := s.appraisal.shown(); v == nil || v.Appraisal.ID != ap.ID {
		t.Fatalf("appraisal view: %+v", v)
	}
	return s, w, ws, ap
}

func rowOf(t *testing.T, a *appraisalScreen, item string) workspace.AppraisalRow {
	t.Helper()
	for _, r := range a.shown().Items {
		if r.Item.ID == item {
			return r
		}
	}
	t.Fatalf("no item %s", item)
	return workspace.AppraisalRow{}
}

// selectOnList selects an item as a user does: tap its row on the list.
func selectOnList(t *testing.T, a *appraisalScreen, item string) {
	t.Helper()
	for pos, i := range a.visible {
		if a.view.Items[i].Item.ID == item {
			a.list.Select(pos)
			if a.selectedRow() == nil || a.selectedRow().Item.ID != item {
				t.Fatalf("selecting %s selected %v", item, a.selectedRow())
			}
			return
		}
	}
	t.Fatalf("%s is not on the list", item)
}

func TestAppraisalScreenShowsEveryAppraiserSideBySide(t *testing.T) {
	s, _, _, _ := jointOnScreen(t)
	a := s.appraisal
	v := a.shown()
	if c := v.Counts; c.RatedByBoth != 4 || c.Disagreements != 2 || c.Outstanding != 4 || c.Matching != 2 {
		t.Fatalf("counts %+v", c)
	}
	for i, want := range []string{"Zoë (self)", "Dr Łukasz Inf", "Dr Ben Clin", "Agreed"} {
		if a.heads[i].Text != want || !a.heads[i].Visible() {
			t.Errorf("header %d = %q, want %q", i, a.heads[i].Text, want)
		}
	}
	if a.heads[4].Visible() {
		t.Error("a column is shown for a third appraiser who does not exist")
	}
	c := a.list.CreateItem().(*fyne.Container) // a row, bound as the list binds it
	cells := func(item string) []string {
		pos := -1
		for p, i := range a.visible {
			if v.Items[i].Item.ID == item {
				pos = p
			}
		}
		a.updateRow(pos, c)
		var out []string
		out = append(out, c.Objects[0].(*widget.Label).Text)
		for _, o := range c.Objects[1].(*fyne.Container).Objects {
			if o.Visible() {
				out = append(out, o.(*widget.Label).Text)
			}
		}
		return out
	}
	for item, want := range map[string][]string{
		"1.1": {"", "3", "3", "3", "3 (all match)"},
		"1.2": {"≠2", "1", "1", "3", "to agree"},
		"2.1": {"", "2", "2", "n/a", "2 (all match)"},
		"2.2": {"≠2", "4", "2", "n/a", "to agree"},
	} {
		got := cells(item)
		if !strings.HasPrefix(got[0], want[0]) || strings.Join(got[1:], "|") != strings.Join(want[1:], "|") {
			t.Errorf("%s row %q, want %q", item, got, want)
		}
	}
	if !strings.Contains(a.who.Text, "Dr Ben Clin (clinical appraiser; reviews Health and Wellbeing in practice)") ||
		!strings.Contains(a.summary.Text, "4 still to agree (2 of them all match)") {
		t.Errorf("summary %q, appraisers %q", a.summary.Text, a.who.Text)
	}
	// Only disagreements.
	test.Tap(a.onlyDiffer)
	if len(a.visible) != 2 {
		t.Errorf("%d rows with only disagreements, want 2", len(a.visible))
	}
}

func TestAgreeAllMatchingIsOneAction(t *testing.T) {
	s, _, _, _ := jointOnScreen(t)
	a := s.appraisal
	if a.agreeAll.Disabled() || a.agreeAll.Text != "Agree all matching (2)" {
		t.Fatalf("agree all button: %q disabled %v", a.agreeAll.Text, a.agreeAll.Disabled())
	}
	test.Tap(a.agreeAll)
	v := a.shown()
	if c := v.Counts; c.Agreed != 2 || c.Matching != 0 || c.Outstanding != 2 {
		t.Errorf("after agree all matching: %+v", c)
	}
	for _, item := range []string{"1.1", "2.1"} {
		if r := rowOf(t, a, item); r.Agreed == nil || r.Matching != nil {
			t.Errorf("%s not agreed: %+v", item, r)
		}
	}
	if !a.agreeAll.Disabled() {
		t.Error("agree all matching is still offered with nothing left to match")
	}
}

// TestKeyboardAgreementOnTheList: select an item, press a number; the
// level is recorded without a dialog and the next item to agree is selected.
func TestKeyboardAgreementOnTheList(t *testing.T) {
	s, w, _, _ := jointOnScreen(t)
	a := s.appraisal
	selectOnList(t, a, "1.2")
	w.Canvas().Focus(a.list)
	test.Type(a.list, "3")
	if w.Canvas().Overlays().Top() != nil {
		t.Fatal("a number key opened a dialog")
	}
	if r := rowOf(t, a, "1.2"); r.Agreed == nil || *r.Agreed != 3 {
		t.Fatalf("1.2 after pressing 3: %+v", r.Agreed)
	}
	if sel := a.selectedRow(); sel == nil || sel.Item.ID != "2.1" {
		t.Fatalf("after agreeing 1.2 the selection is %v, want the next item to agree, 2.1", sel)
	}
	// Enter records the pre-filled (matching) level.
	a.list.TypedKey(&fyne.KeyEvent{Name: fyne.KeyReturn})
	if r := rowOf(t, a, "2.1"); r.Agreed == nil || *r.Agreed != 2 {
		t.Fatalf("2.1 after Enter: %+v", r.Agreed)
	}
	// Up moves back; Delete clears; a level the item lacks is refused in words.
	selectOnList(t, a, "2.2")
	a.list.TypedKey(&fyne.KeyEvent{Name: fyne.KeyUp})
	if sel := a.selectedRow(); sel == nil || sel.Item.ID != "2.1" {
		t.Fatalf("Up selected %v", sel)
	}
	a.list.TypedKey(&fyne.KeyEvent{Name: fyne.KeyDelete})
	if r := rowOf(t, a, "2.1"); r.Agreed != nil {
		t.Errorf("Delete left %v", *r.Agreed)
	}
	test.Type(a.list, "9")
	if !strings.Contains(a.status.Text, "cannot be agreed at 9") {
		t.Errorf("status after 9: %q", a.status.Text)
	}
	// The note is inline: typed, and saved when the selection moves on.
	selectOnList(t, a, "1.2")
	test.Type(a.note, "Agreed 3 after the ward audit evidence")
	selectOnList(t, a, "2.2")
	if r := rowOf(t, a, "1.2"); r.Note != "Agreed 3 after the ward audit evidence" {
		t.Errorf("note on 1.2 = %q", r.Note)
	}
}

// TestSigningWithItemsToAgreeSaysSoFirst: the screen says what is missing
// before asking anyone to sign; once everything is agreed it asks, signs,
// and offers Withdraw instead of Sign.
func TestSigningWithItemsToAgreeSaysSoFirst(t *testing.T) {
	s, w, ws, ap := jointOnScreen(t)
	a := s.appraisal
	signButton := func(who string) *widget.Button {
		for _, o := range a.signBox.Objects { // a signatory's state, then their button
			if strings.Contains(under[*widget.Label](o)[0].Text, who) {
				return under[*widget.Button](o)[0]
			}
		}
		t.Fatalf("no sign-off row for %s", who)
		return nil
	}
	test.Tap(signButton("Zoë"))
	top := w.Canvas().Overlays().Top()
	if top == nil {
		t.Fatal("signing with items to agree showed nothing")
	}
	text := allText(top)
	if !strings.Contains(text, "Not ready to sign yet") || !strings.Contains(text, "4 item(s)") || strings.Contains(text, "Already there") || strings.Contains(text, "Yes") {
		t.Errorf("the dialog should say what is missing, without asking: %q", text)
	}
	w.Canvas().Overlays().Remove(top)
	if got, _ := ws.Appraisal(context.Background(), ap.ID); got.AnySigned() {
		t.Fatal("signed with items still to agree")
	}

	test.Tap(a.agreeAll)
	for item, level := range map[string]int{"1.2": 3, "2.2": 3} {
		if err := ws.SetAgreed(context.Background(), model.AppraisalID(ap.ID), model.ItemID(item), level); err != nil {
			t.Fatal(err)
		}
	}
	a.show(ap.ID)
	test.Tap(signButton("Zoë"))
	top = w.Canvas().Overlays().Top()
	if top == nil || !strings.Contains(allText(top), "Sign off as Zoë Ødegård-Nęść") {
		t.Fatalf("no confirmation before signing: %v", top)
	}
	tapButton(t, top, "Yes")
	got, _ := ws.Appraisal(context.Background(), ap.ID)
	if got.AppraiseeSignedAt.IsZero() {
		t.Fatal("not signed after confirming")
	}
	if b := signButton("Zoë"); b.Text != "Withdraw signature" {
		t.Errorf("after signing the button says %q", b.Text)
	}
	if !a.lock.Visible() || !a.note.Disabled() {
		t.Errorf("signed appraisal not shown locked: %q, note disabled %v", a.lock.Text, a.note.Disabled())
	}
	test.Tap(signButton("Zoë"))
	if q := allText(w.Canvas().Overlays().Top()); !strings.Contains(q, "reopens the appraisal") {
		t.Errorf("the withdraw question does not say it reopens the appraisal: %q", q)
	}
	tapButton(t, w.Canvas().Overlays().Top(), "Yes")
	if got, _ := ws.Appraisal(context.Background(), ap.ID); got.AnySigned() {
		t.Error("withdraw did not withdraw")
	}
}

// allText is every label's and button's text under o.
func allText(o fyne.CanvasObject) string {
	var b strings.Builder
	var walk func(fyne.CanvasObject)
	walk = func(o fyne.CanvasObject) {
		switch x := o.(type) {
		case *widget.Label:
			b.WriteString(x.Text + " | ")
		case *widget.Button:
			b.WriteString(x.Text + " | ")
		case *widget.RichText:
			b.WriteString(x.String() + " | ")
		}
		if c, ok := o.(*fyne.Container); ok {
			for _, k := range c.Objects {
				walk(k)
			}
		} else if w, ok := o.(fyne.Widget); ok {
			for _, k := range test.WidgetRenderer(w).Objects() {
				walk(k)
			}
		}
	}
	walk(o)
	return b.String()
}

func tapButton(t *testing.T, o fyne.CanvasObject, text string) {
	t.Helper()
	var found *widget.Button
	var walk func(fyne.CanvasObject)
	walk = func(o fyne.CanvasObject) {
		if b, ok := o.(*widget.Button); ok && b.Text == text {
			found = b
		}
		if c, ok := o.(*fyne.Container); ok {
			for _, k := range c.Objects {
				walk(k)
			}
		} else if w, ok := o.(fyne.Widget); ok {
			for _, k := range test.WidgetRenderer(w).Objects() {
				walk(k)
			}
		}
	}
	walk(o)
	if found == nil {
		t.Fatalf("no %q button in %s", text, allText(o))
	}
	test.Tap(found)
}

// TestAppraiserScreenSpeaksToTheAppraiser: the rating screen opened for an
// appraiser names the appraisee; My gaps keeps using the person's own
// self-assessment and says so.
func TestAppraiserScreenSpeaksToTheAppraiser(t *testing.T) {
	s, _, _, _ := jointOnScreen(t)
	s.appraisal.rateAsAppraiser("Dr Ben Clin")
	if s.rate.shownSheet() == nil || s.rate.shownSheet().Assessment.Kind != model.AppraiserAssessment {
		t.Fatalf("rating screen shows %+v", s.rate.shownSheet())
	}
	if got := s.rate.choose.Text; got != "Choose Zoë’s level: each level says what Zoë can do" {
		t.Errorf("rating screen heading %q", got)
	}
	s.showTab("My gaps")
	v := s.gaps.shown()
	if v == nil || v.Sheet.Assessment.Kind != model.SelfAssessment {
		t.Fatalf("My gaps uses %+v", v)
	}
	if !strings.HasPrefix(s.gaps.summary.Text, "Zoë Ødegård-Nęść’s FCI") || !strings.Contains(s.gaps.summary.Text, "self-assessment") {
		t.Errorf("My gaps summary %q does not say whose self-assessment it uses", s.gaps.summary.Text)
	}
	s.showTab("Me")
	s.openAssessment(v.Sheet.Assessment.ID, true)
	if got := s.rate.choose.Text; got != "Choose your level" {
		t.Errorf("own rating screen heading %q", got)
	}
}

// TestInlineNoteThatCannotBeSavedIsKept: moving on from an item whose note
// is refused goes back to it with the note as typed.
func TestInlineNoteThatCannotBeSavedIsKept(t *testing.T) {
	s, w, _, _ := jointOnScreen(t)
	a := s.appraisal
	selectOnList(t, a, "1.2")
	long := strings.Repeat("evidence ", 1200) // over the 10,000-character limit
	a.note.SetText(long)
	for pos, i := range a.visible {
		if a.view.Items[i].Item.ID == "2.2" {
			a.list.Select(pos)
		}
	}
	if w.Canvas().Overlays().Top() == nil {
		t.Fatal("a refused note showed no message")
	}
	if sel := a.selectedRow(); sel == nil || sel.Item.ID != "1.2" || a.note.Text != long {
		t.Errorf("after the refusal: selected %v, note kept %v", sel, a.note.Text == long)
	}
}

// TestEnterConfirmsSigning: Enter answers the sign-off question yes, as its
// highlighted button does; it signs nothing while the question is covered
// by another dialog, or once it is gone.
func TestEnterConfirmsSigning(t *testing.T) {
	s, w, ws, ap := jointOnScreen(t)
	a := s.appraisal
	test.Tap(a.agreeAll)
	for item, level := range map[string]int{"1.2": 3, "2.2": 3} {
		if err := ws.SetAgreed(context.Background(), model.AppraisalID(ap.ID), model.ItemID(item), level); err != nil {
			t.Fatal(err)
		}
	}
	a.show(ap.ID)
	signFirst := func() {
		t.Helper()
		b := under[*widget.Button](a.signBox.Objects[0])[0]
		test.Tap(b)
		if top := w.Canvas().Overlays().Top(); top == nil || !strings.Contains(allText(top), "Sign off as") {
			t.Fatalf("no sign-off question: %v", top)
		}
	}
	enter := func() { w.Canvas().OnTypedKey()(&fyne.KeyEvent{Name: fyne.KeyReturn}) }
	signed := func() bool {
		got, err := ws.Appraisal(context.Background(), ap.ID)
		if err != nil {
			t.Fatal(err)
		}
		return got.AnySigned()
	}

	signFirst()
	dialog.ShowInformation("Another question", "on top", w)
	enter()
	if signed() {
		t.Fatal("Enter signed while another dialog covered the question")
	}
	w.Canvas().Overlays().Remove(w.Canvas().Overlays().Top())
	enter()
	if !signed() {
		t.Fatal("Enter did not confirm the sign-off")
	}
	if w.Canvas().Overlays().Top() != nil {
		t.Error("the question stayed open after Enter")
	}
	if a.status.Text == "" || !strings.Contains(a.status.Text, "Signed by") {
		t.Errorf("status after Enter: %q", a.status.Text)
	}
	// Gone, it answers nothing more: Enter on the screen signs nobody else.
	test.Tap(under[*widget.Button](a.signBox.Objects[0])[0]) // Withdraw…
	confirmTop(t, s, true)
	if signed() {
		t.Fatal("withdraw did not withdraw")
	}
	enter()
	if signed() {
		t.Error("Enter signed again with no question open")
	}
}
