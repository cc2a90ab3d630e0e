package ui

import (
	"context"
	"slices"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"

	"gapwise/internal/model"
)

// Me's person picker reads nobody's name until it is opened: before, it
// offers only the person shown; opened, it lists everyone by name, lets
// one be chosen, and keeps up with people added afterwards.
func TestPersonPickerReadsNamesOnlyWhenOpened(t *testing.T) {
	ctx := context.Background()
	s, w, ws := newTestShell(t)
	p := s.profile
	var bob model.Person
	for _, name := range []string{"Cy Three", "Ann One", "Bob Two"} {
		x, err := ws.AddPerson(ctx, model.Person{Name: name, Discipline: model.Nurse})
		if err != nil {
			t.Fatal(err)
		}
		if name == "Bob Two" {
			bob = x
		}
	}
	if p.listed || len(p.picker.Options) != 0 {
		t.Fatalf("before opening, the picker offers %q (listed %v); want nothing", p.picker.Options, p.listed)
	}
	if p.sampleBtn.Text != "Try with sample data" {
		t.Errorf("sample button %q", p.sampleBtn.Text)
	}
	s.setPerson(&bob)
	if !slices.Equal(p.picker.Options, []string{"Bob Two"}) || p.picker.Selected != "Bob Two" {
		t.Fatalf("with Bob shown, the unopened picker offers %q, selected %q; want only Bob, selected", p.picker.Options, p.picker.Selected)
	}

	test.Tap(p.picker)
	if want := []string{"Ann One", "Bob Two", "Cy Three"}; !slices.Equal(p.picker.Options, want) {
		t.Fatalf("opened, the picker offers %q; want %q", p.picker.Options, want)
	}
	if p.picker.Selected != "Bob Two" {
		t.Errorf("opened, the picker has %q selected; want Bob still", p.picker.Selected)
	}
	menu, ok := w.Canvas().Overlays().Top().(fyne.Widget)
	if !ok || menu == nil {
		t.Fatal("tapping the picker opened no list")
	}
	w.Canvas().Overlays().Remove(menu)

	p.picker.SetSelected("Cy Three")
	if got := s.shownPerson(); got == nil || got.Name != "Cy Three" {
		t.Fatalf("choosing Cy shows %v", got)
	}
	if _, err := ws.AddPerson(ctx, model.Person{Name: "Dee Four", Discipline: model.Nurse}); err != nil {
		t.Fatal(err)
	}
	if !slices.Contains(p.picker.Options, "Dee Four") {
		t.Errorf("once opened, the picker %q lacks a person added later", p.picker.Options)
	}

	// The keyboard opens it as well, on a fresh shell.
	s2, _, ws2 := newTestShell(t)
	if _, err := ws2.AddPerson(ctx, model.Person{Name: "Eve Five", Discipline: model.Nurse}); err != nil {
		t.Fatal(err)
	}
	s2.profile.picker.TypedKey(&fyne.KeyEvent{Name: fyne.KeyDown})
	if !slices.Equal(s2.profile.picker.Options, []string{"Eve Five"}) || !s2.profile.listed {
		t.Errorf("after Down the picker offers %q; want everyone", s2.profile.picker.Options)
	}
}

// The sample button knows there is sample data before anyone opens the picker.
func TestSampleButtonWithoutListingPeople(t *testing.T) {
	ctx := context.Background()
	s, _, ws := newTestShell(t)
	if _, err := ws.CreateSampleData(ctx); err != nil {
		t.Fatal(err)
	}
	if s.profile.listed {
		t.Fatal("adding sample data listed everyone")
	}
	if s.profile.sampleBtn.Text != "Remove sample data" {
		t.Errorf("sample button %q; want Remove sample data", s.profile.sampleBtn.Text)
	}
}
