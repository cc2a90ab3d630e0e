package ui

import (
	"context"
	"errors"
	"slices"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"gapwise/internal/model"
)

// under lists every object of type T in the tree under o, in order,
// looking inside widgets through their renderers.
func under[T any](o fyne.CanvasObject) []T {
	var out []T
	var walk func(fyne.CanvasObject)
	walk = func(o fyne.CanvasObject) {
		if o == nil {
			return
		}
		if v, ok := o.(T); ok {
			out = append(out, v)
		}
		switch x := o.(type) {
		case *fyne.Container:
			for _, c := range x.Objects {
				walk(c)
			}
		case fyne.Widget:
			for _, c := range test.WidgetRenderer(x).Objects() {
				walk(c)
			}
		}
	}
	walk(o)
	return out
}

// labelsIn is the text of every label under o.
func labelsIn(o fyne.CanvasObject) []string {
	var texts []string
	for _, l := range under[*widget.Label](o) {
		texts = append(texts, l.Text)
	}
	return texts
}

func buttonIn(t *testing.T, o fyne.CanvasObject, text string) *widget.Button {
	t.Helper()
	for _, b := range under[*widget.Button](o) {
		if b.Text == text {
			return b
		}
	}
	t.Fatalf("no %q button", text)
	return nil
}

func TestErrorTitlesFollowTheKind(t *testing.T) {
	ctx := context.Background()
	ws := openWorkspace(t)
	p, err := ws.AddPerson(ctx, model.Person{Name: "Ada", Discipline: model.Nurse})
	if err != nil {
		t.Fatal(err)
	}
	self, err := ws.StartAssessment(ctx, p.ID, model.FrameworkRef{ID: "fci", Version: "2020-provisional"}, model.SelfAssessment, "", model.Scope{})
	if err != nil {
		t.Fatal(err)
	}
	plan, err := ws.CreatePlan(ctx, p.ID, model.FrameworkRef{ID: "fci", Version: "2020-provisional"}, "Plan")
	if err != nil {
		t.Fatal(err)
	}
	_, badDate := ws.SaveAction(ctx, plan.ID, model.Action{Objective: "Learn", Due: "31/03/2027"})
	_, noAppraiser := ws.StartAppraisal(ctx, self.ID, []model.Appraiser{{Name: " "}}, "2026/27")
	_, badFile := ws.ImportAssessment(ctx, []byte(`{"format": "nope"`))
	for _, tc := range []struct {
		name string
		err  error
		want string
	}{
		{"bad date", badDate, "Check what you entered"},
		{"no appraiser name", noAppraiser, "Check what you entered"},
		{"no assessment open", model.Errorf(model.NotYet, "open an assessment first"), "One step first"},
		{"a broken import file", badFile, "This file cannot be used"},
		{"database held by another program", &model.Error{Kind: model.InUse, Msg: "in use"}, "Database in use"},
		{"unclassified", errors.New("boom"), "Something went wrong"},
	} {
		if tc.err == nil {
			t.Errorf("%s: no error", tc.name)
			continue
		}
		if title, _ := describe(tc.err); title != tc.want {
			t.Errorf("%s (%v): title %q, want %q", tc.name, tc.err, title, tc.want)
		}
	}
}

func TestStartAppraisalFormKeepsWhatWasTypedAfterAnError(t *testing.T) {
	ctx := context.Background()
	s, w, ws := newTestShell(t)
	person := createProfileThroughForm(t, s)
	if _, err := ws.StartAssessment(ctx, person.ID, model.FrameworkRef{ID: "fci", Version: "2020-provisional"}, model.SelfAssessment, "", model.Scope{}); err != nil {
		t.Fatal(err)
	}
	s.showTab("Appraisal")
	s.appraisal.start()
	overlays := w.Canvas().Overlays()
	form := overlays.Top()
	if form == nil {
		t.Fatal("no start-appraisal dialog")
	}
	entries := under[*widget.Entry](form)
	if len(entries) != 3 {
		t.Fatalf("%d entries in the form, want two appraisers' names and the period", len(entries))
	}
	appraiser, period := entries[0], entries[2]
	period.SetText("Spring 2027 review")
	test.Tap(buttonIn(t, form, "Start")) // no appraiser's name: refused
	if n := len(overlays.List()); n != 2 || !slices.Contains(labelsIn(overlays.Top()), "Check what you entered") {
		t.Fatalf("%d dialogs after the refusal; the top one says %q", n, labelsIn(overlays.Top()))
	}
	test.Tap(buttonIn(t, overlays.Top(), "OK"))
	if overlays.Top() != form || period.Text != "Spring 2027 review" {
		t.Fatalf("the form was thrown away (top %v) or lost the period (%q)", overlays.Top(), period.Text)
	}
	test.Type(appraiser, "Dr Grace Appraiser")
	test.Tap(buttonIn(t, form, "Start"))
	if overlays.Top() != nil {
		t.Errorf("a dialog is still open after a successful start: %q", labelsIn(overlays.Top()))
	}
	v := s.appraisal.shown()
	if v == nil || len(v.Appraisal.Appraisers) != 1 || v.Appraisal.Appraisers[0].Name != "Dr Grace Appraiser" || v.Appraisal.Period != "Spring 2027 review" {
		t.Errorf("appraisal on screen: %+v", v)
	}
}
