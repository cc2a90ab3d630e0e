package ui

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"fyne.io/fyne/v2/test"

	"gapwise/internal/model"
	"gapwise/internal/workspace"
)

func writeCatalogue(t *testing.T, name, text string) string {
	t.Helper()
	p := filepath.Join(t.TempDir(), name)
	if err := os.WriteFile(p, []byte(text), 0o600); err != nil {
		t.Fatal(err)
	}
	return p
}

// A person's assessment of FCI with three gaps: 1.2 (3), 1.1 (2), 1.3 (1).
func fciGaps(t *testing.T) (*Shell, model.Person, model.Assessment) {
	t.Helper()
	ctx := context.Background()
	s, _, ws := newTestShell(t)
	person := createProfileThroughForm(t, s)
	a, err := ws.StartAssessment(ctx, person.ID, fci, model.SelfAssessment, "", model.Scope{})
	if err != nil {
		t.Fatal(err)
	}
	for _, r := range [][3]int{{1, 1, 3}, {2, 0, 3}, {3, 2, 3}} {
		item := "1." + string(rune('0'+r[0]))
		if err := ws.Rate(ctx, a.ID, model.Rating{Item: item, Level: r[1]}); err != nil {
			t.Fatal(err)
		}
		if err := ws.SetTarget(ctx, model.AssessmentID(a.ID), model.ItemID(item), r[2]); err != nil {
			t.Fatal(err)
		}
	}
	s.openAssessment(a.ID, false)
	return s, person, a
}

// "New plan from my gaps" shows the drafted actions before saving; the
// person drops one, edits another, and only those kept are saved.
func TestNewPlanFromMyGapsDraftsActions(t *testing.T) {
	ctx := context.Background()
	s, person, _ := fciGaps(t)
	ci, err := s.ws.ReadCatalogueFiles(ctx, fci, []string{writeCatalogue(t, "courses.csv",
		"Title,Provider,URL,Type,Items\nClinical safety officer training,NHS England,https://learn.example/cso,Course,1.2\n")})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := s.ws.ImportCatalogue(ctx, ci, false); err != nil {
		t.Fatal(err)
	}
	s.showTab("Plan")
	test.Tap(buttonIn(t, s.plan.content(), "New plan from my gaps"))
	d := s.plan.drafts
	if d == nil || len(d.keep) != 3 {
		t.Fatalf("draft dialog: %+v", d)
	}
	said := confirmDialogText(t, s)
	for _, want := range []string{"An action for each of your 3 largest gaps", "learning catalogue from courses.csv", "Addresses: 1.2", "from the learning catalogue"} {
		if !strings.Contains(said, want) {
			t.Errorf("the dialog does not say %q:\n%s", want, said)
		}
	}
	if got := d.objectives[0].Text; !strings.HasPrefix(got, `Take "Clinical safety officer training" (NHS England, Course)`) {
		t.Errorf("first draft %q", got)
	}
	if plans, _ := s.ws.Plans(ctx, person.ID); len(plans) != 0 {
		t.Fatal("a plan was saved before Create plan")
	}
	test.Tap(d.keep[1])
	if !d.objectives[1].Disabled() {
		t.Error("a dropped action can still be edited")
	}
	d.objectives[2].SetText("")
	test.Type(d.objectives[2], "Shadow the trust's CCIO at two design reviews by June")
	d.title.SetText("")
	test.Type(d.title, "My 2027 plan")
	test.Tap(d.save)
	plans, err := s.ws.Plans(ctx, person.ID)
	if err != nil || len(plans) != 1 {
		t.Fatalf("plans after Create: %d %v", len(plans), err)
	}
	p := plans[0]
	if p.Title != "My 2027 plan" || len(p.Actions) != 2 || p.Actions[1].Objective != "Shadow the trust's CCIO at two design reviews by June" ||
		p.Actions[0].Activity != "course or qualification" {
		t.Errorf("saved plan %q with %+v", p.Title, p.Actions)
	}
	if shown := s.plan.shown(); shown == nil || shown.ID != p.ID {
		t.Error("the new plan is not on screen")
	}
	if s.win.Canvas().Overlays().Top() != nil {
		t.Error("the dialog stayed open after saving")
	}
}

// An objective emptied by mistake keeps the dialog open with the rest as typed.
func TestDraftDialogKeepsWhatWasTypedOnError(t *testing.T) {
	s, person, _ := fciGaps(t)
	s.showTab("Plan")
	s.plan.newPlan()
	d := s.plan.drafts
	d.objectives[0].SetText("   ")
	d.objectives[1].SetText("Shadow the CCIO by March")
	test.Tap(d.save)
	if plans, _ := s.ws.Plans(context.Background(), person.ID); len(plans) != 0 {
		t.Fatal("a plan was saved with an empty objective")
	}
	if d.objectives[1].Text != "Shadow the CCIO by March" || s.win.Canvas().Overlays().Top() == nil {
		t.Errorf("typed text lost: %q", d.objectives[1].Text)
	}
}

// The team plan drafts from common gaps; in workshop display the dialog
// names no one.
func TestTeamDraftFromCommonGaps(t *testing.T) {
	s := openSampleTeam(t)
	tm := s.team
	if err := s.ws.SetTeamTargetsInBulk(context.Background(), tm.view.Team.ID, workspace.TeamTargetsFrom{All: true, Level: 3}); err != nil {
		t.Fatal(err)
	}
	tm.load(tm.view.Team.ID)
	tm.toggleWorkshop()
	before := len(tm.plan.Actions)
	for _, it := range tm.tabs.Items {
		if it.Text == "Team plan" {
			tm.tabs.Select(it)
		}
	}
	test.Tap(buttonIn(t, tm.root, "Draft from common gaps…"))
	d := tm.drafts
	if d == nil || len(d.keep) == 0 {
		t.Fatal("no drafts for the sample team")
	}
	said := confirmDialogText(t, s)
	if !strings.Contains(said, "Workshop display") {
		t.Errorf("the dialog does not say it is in workshop display:\n%s", said)
	}
	for _, m := range tm.view.Members {
		for _, e := range d.objectives {
			if strings.Contains(e.Text, m.Name) {
				t.Errorf("a draft names %s", m.Name)
			}
		}
		if strings.Contains(said, m.Name) {
			t.Errorf("the dialog names %s", m.Name)
		}
	}
	test.Tap(d.keep[0])
	test.Tap(d.save)
	if got := len(tm.plan.Actions); got != before+len(d.keep)-1 {
		t.Errorf("team plan has %d actions, want %d", got, before+len(d.keep)-1)
	}
}

// The frameworks browser's catalogue tab: a bad file is refused naming its
// row and column; a good one is previewed with counts and first entries,
// imported, shown as loaded, replaced after asking, and removed.
func TestCatalogueTabImportsAndReplaces(t *testing.T) {
	s, _, _ := newTestShell(t)
	s.showTab("Frameworks")
	b := s.browser
	if !b.selectFramework(fci) {
		t.Fatal("FCI not in the browser")
	}
	c := b.catalogue
	if !strings.Contains(c.status.Text, "has no learning catalogue") {
		t.Errorf("status %q", c.status.Text)
	}
	bad := c.importCatalogue(writeCatalogue(t, "bad.csv", "Title,Items\nA,1.1\nB,nine\n"))
	if text := richText(bad.summary); !strings.Contains(text, `bad.csv line 3, column Items: "nine" is not an item`) || !bad.importBtn.Disabled() {
		t.Errorf("bad file: %q, import enabled %v", text, !bad.importBtn.Disabled())
	}
	closeOverlays(s)

	good := writeCatalogue(t, "courses.csv", "Title,Provider,URL,Type,Items\n"+
		"Clinical safety officer training,NHS England,https://learn.example/cso,Course,1.2\nShadow the CCIO,,,Shadowing,1.1;1.3\n")
	ci := c.importCatalogue(good)
	text := richText(ci.summary)
	for _, want := range []string{"2 entries developing 3 of the 36 items", "1 with a web address", "Clinical safety officer training (NHS England, Course) · develops 1.2 · https://learn.example/cso"} {
		if !strings.Contains(text, want) {
			t.Errorf("preview lacks %q:\n%s", want, text)
		}
	}
	test.Tap(ci.importBtn)
	if !strings.Contains(c.status.Text, "Loaded for fci@2020-provisional: 2 entries from courses.csv") || c.list.Length() != 2 {
		t.Errorf("after import: %q, %d rows", c.status.Text, c.list.Length())
	}

	again := c.importCatalogue(good)
	if again.importBtn.Text != "Replace…" || !strings.Contains(richText(again.summary), "Importing this one replaces it") {
		t.Errorf("second import: button %q", again.importBtn.Text)
	}
	test.Tap(again.importBtn)
	if said := confirmDialogText(t, s); !strings.Contains(said, "Replace the learning catalogue of fci@2020-provisional (2 entries from courses.csv)") {
		t.Errorf("replace asks %q", said)
	}
	tapOverlayButton(t, s, "Yes")
	closeOverlays(s)

	test.Tap(c.removeBtn)
	if said := confirmDialogText(t, s); !strings.Contains(said, "This deletes the learning catalogue of fci@2020-provisional: 2 entries") {
		t.Errorf("remove asks %q", said)
	}
	tapOverlayButton(t, s, "Yes")
	if !strings.Contains(c.status.Text, "has no learning catalogue") || c.list.Length() != 0 {
		t.Errorf("after remove: %q", c.status.Text)
	}
}

// "Add a file…" in the catalogue and framework import dialogs opens the
// file chooser. (Fyne 2.8 panics when a file dialog is resized before it
// is shown, which these dialogs did: the app closed.)
func TestImportDialogsOpenTheFileChooser(t *testing.T) {
	s, _, _ := newTestShell(t)
	s.showTab("Frameworks")
	b := s.browser
	b.selectFramework(fci)
	b.catalogue.importCatalogue()
	test.Tap(buttonIn(t, s.win.Canvas().Overlays().Top(), "Add a file…"))
	if said := confirmDialogText(t, s); !strings.Contains(said, "Open File") && s.win.Canvas().Overlays().Top() == nil {
		t.Errorf("no file chooser: %q", said)
	}
	closeOverlays(s)
	b.importFramework()
	test.Tap(buttonIn(t, s.win.Canvas().Overlays().Top(), "Add a file…"))
	closeOverlays(s)
}
