package ui

import (
	"context"
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"gapwise/internal/model"
)

// newPickerWindow puts a role picker over the real DDaT pack in a window
// at 1024x768, with another widget to hold focus.
func newPickerWindow(t *testing.T) (*rolePicker, fyne.Window, *[]string) {
	t.Helper()
	ws := openWorkspace(t)
	f, err := ws.ResolveFramework(context.Background(), "ddat")
	if err != nil {
		t.Fatal(err)
	}
	w := test.NewTempApp(t).NewWindow("picker")
	t.Cleanup(w.Close)
	p := newRolePicker(w, f)
	var chosen []string
	p.OnChanged = func(l *model.RoleLevel) { chosen = append(chosen, l.ID) }
	w.SetContent(container.NewVBox(widget.NewEntry(), p))
	w.Resize(fyne.NewSize(1024, 768))
	return p, w, &chosen
}

func matchTitles(p *rolePicker) []string {
	var out []string
	for _, i := range p.matches {
		out = append(out, p.levels[i].Title)
	}
	return out
}

func TestRolePickerTypingWholeWords(t *testing.T) {
	p, w, chosen := newPickerWindow(t)
	if p.Len() != 201 {
		t.Fatalf("%d role levels, want DDaT's 201", p.Len())
	}
	test.Tap(p.button)
	if !p.searching() || w.Canvas().Focused() != p.entry {
		t.Fatalf("tapping the picker: searching %v, focus %v", p.searching(), w.Canvas().Focused())
	}
	typeAsUser(w, "data eng")
	got := matchTitles(p)
	if len(got) < 4 || got[0] != "Data engineer" || !strings.Contains(p.count.Text, "of 201 role levels match") {
		t.Fatalf("\"data eng\" matches %v (%q)", got, p.count.Text)
	}
	for _, title := range got[:4] {
		if !strings.Contains(strings.ToLower(title), "data engineer") {
			t.Errorf("title matches first, but %q comes before them: %v", title, got)
		}
	}
	// Down twice, up once, Enter: the second match is chosen, the search
	// closes and focus returns to the picker.
	for _, k := range []fyne.KeyName{fyne.KeyDown, fyne.KeyDown, fyne.KeyUp, fyne.KeyReturn} {
		w.Canvas().Focused().TypedKey(&fyne.KeyEvent{Name: k})
	}
	if p.searching() || p.Selected() == nil || p.Selected().Title != got[1] || len(*chosen) != 1 {
		t.Fatalf("after Down Down Up Enter: searching %v, chosen %v, calls %v; want %q", p.searching(), p.Selected(), *chosen, got[1])
	}
	if w.Canvas().Focused() != p.button || p.button.Text != "Data › "+got[1] {
		t.Errorf("after choosing: focus %v, button %q", w.Canvas().Focused(), p.button.Text)
	}

	// Escape cancels and keeps the choice; typing went nowhere else.
	test.Tap(p.button)
	if p.hi < 0 || p.levels[p.matches[p.hi]].Title != got[1] {
		t.Errorf("reopening does not highlight the choice")
	}
	typeAsUser(w, "head of")
	w.Canvas().Focused().TypedKey(&fyne.KeyEvent{Name: fyne.KeyEscape})
	if p.searching() || p.Selected().Title != got[1] || len(*chosen) != 1 {
		t.Errorf("Escape: searching %v, chosen %v", p.searching(), p.Selected())
	}

	// Pasted words search too; nothing matching says so and Enter does nothing.
	test.Tap(p.button)
	cb := test.NewClipboard()
	cb.SetContent("senior TEST engineer")
	p.entry.TypedShortcut(&fyne.ShortcutPaste{Clipboard: cb})
	if got := matchTitles(p); len(got) != 1 || got[0] != "Senior test engineer" {
		t.Errorf("pasted \"senior TEST engineer\" matches %v", got)
	}
	p.entry.SetText("zebra keeper")
	p.entry.TypedKey(&fyne.KeyEvent{Name: fyne.KeyReturn})
	if !p.searching() || !strings.Contains(p.count.Text, "No role level matches \"zebra keeper\"") {
		t.Errorf("no match: searching %v, %q", p.searching(), p.count.Text)
	}
	// Tapping a row chooses it at once, even the highlighted one.
	p.entry.SetText("principal data analyst")
	var row *pickerRow
	walk(w.Canvas().Overlays().Top(), func(o fyne.CanvasObject) {
		if r, ok := o.(*pickerRow); ok && r.k == 0 && row == nil {
			row = r
		}
	})
	if row == nil {
		t.Fatal("no row for the match")
	}
	test.Tap(row)
	if p.searching() || p.Selected().ID != "data/data-analyst/principal-data-analyst" {
		t.Errorf("tapping a row: searching %v, chosen %v", p.searching(), p.Selected())
	}
}

func TestRolePickerWithoutRoleLevels(t *testing.T) {
	w := test.NewTempApp(t).NewWindow("picker")
	t.Cleanup(w.Close)
	p := newRolePicker(w, &model.Framework{})
	w.SetContent(p)
	test.Tap(p.button)
	if p.searching() || !p.button.Disabled() || !strings.Contains(p.button.Text, "no role levels") {
		t.Errorf("no role levels: searching %v, disabled %v, %q", p.searching(), p.button.Disabled(), p.button.Text)
	}
}

// Every place a role level is chosen searches: setting targets in My gaps,
// starting an assessment (in Me), team targets, Pathways and Frameworks.
func TestRoleLevelsAreChosenBySearching(t *testing.T) {
	s, w, ws := newTestShell(t)
	person := createProfileThroughForm(t, s)
	startDDaT(t, s, ws, person)

	// My gaps: Set targets.
	s.showTab("My gaps")
	s.gaps.setTargets()
	var picker *rolePicker
	for _, o := range w.Canvas().Overlays().List() {
		walk(o, func(o fyne.CanvasObject) {
			if rp, ok := o.(*rolePicker); ok {
				picker = rp
			}
		})
	}
	if picker == nil {
		t.Fatal("Set targets has no searchable role level picker")
	}
	test.Tap(picker.button)
	typeAsUser(w, "lead data eng")
	picker.entry.TypedKey(&fyne.KeyEvent{Name: fyne.KeyReturn})
	if picker.Selected() == nil || picker.Selected().ID != "data/data-engineer/lead-data-engineer" {
		t.Fatalf("My gaps picker chose %v", picker.Selected())
	}
	// The dialog is still open beneath, with the choice in it.
	if n := len(w.Canvas().Overlays().List()); n != 1 {
		t.Errorf("%d overlays after choosing; want the Set targets dialog only", n)
	}

	// Pathways: Find a role level jumps to it in the ranked list.
	w.Canvas().Overlays().Top().Hide()
	s.showTab("Pathways")
	p := s.pathways
	test.Tap(p.find.button)
	typeAsUser(w, "senior test eng") // "senior test" alone finds the senior QA test analyst first
	p.find.entry.TypedKey(&fyne.KeyEvent{Name: fyne.KeyEnter})
	if p.ranked.pw == nil || p.ranked.pw.Level.ID != seniorTestEngineer {
		t.Errorf("Pathways find: detail shows %v", p.ranked.pw)
	}
}

func TestStartFormChoosesARoleLevelBySearching(t *testing.T) {
	ws := openWorkspace(t)
	w := test.NewTempApp(t).NewWindow("start")
	t.Cleanup(w.Close)
	ddat, err := ws.ResolveFramework(context.Background(), "ddat")
	if err != nil {
		t.Fatal(err)
	}
	f := newStartForm(w, []*model.Framework{ddat})
	w.SetContent(f.content)
	w.Resize(fyne.NewSize(1024, 768))
	f.scope.SetSelected(scopeRole)
	test.Tap(f.level.button)
	typeAsUser(w, "principal data analyst")
	f.level.entry.TypedKey(&fyne.KeyEvent{Name: fyne.KeyReturn})
	sc, missing := f.scopeChoice()
	if missing != "" || sc.RoleLevel != "data/data-analyst/principal-data-analyst" || !strings.Contains(f.covers.Text, "covers 9 of 188") {
		t.Errorf("start form: scope %+v, %q, %q", sc, missing, f.covers.Text)
	}
}

// Frameworks › Roles: Find a role level selects it in the list and shows
// the skills it needs.
func TestRolesViewFindsARoleLevelByTyping(t *testing.T) {
	ws := openWorkspace(t)
	f, err := ws.ResolveFramework(context.Background(), "ddat")
	if err != nil {
		t.Fatal(err)
	}
	w := test.NewTempApp(t).NewWindow("roles")
	t.Cleanup(w.Close)
	v := newRoleView(w)
	w.SetContent(v.content())
	w.Resize(fyne.NewSize(1024, 768))
	v.show(f)
	test.Tap(v.find.button)
	typeAsUser(w, "lead data eng")
	v.find.entry.TypedKey(&fyne.KeyEvent{Name: fyne.KeyReturn})
	if txt := richText(v.detail); !strings.HasPrefix(txt, "Lead data engineer\n") || !strings.Contains(txt, "Skills needed (11)") {
		t.Errorf("detail after finding lead data engineer:\n%s", txt)
	}
	if v.find.searching() || w.Canvas().Focused() != v.find.button {
		t.Errorf("search still open %v, focus %v", v.find.searching(), w.Canvas().Focused())
	}
}
