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

// impostorFile writes a file carrying sam's id under "Mallory Other"
// (pharmacist), as a new assessment that would become Sam's latest.
func impostorFile(t *testing.T, ws *workspace.Workspace) (model.Person, string) {
	t.Helper()
	ctx := context.Background()
	sam, err := ws.AddPerson(ctx, model.Person{Name: "Sam Jones", Discipline: model.Nurse})
	if err != nil {
		t.Fatal(err)
	}
	a, err := ws.StartAssessment(ctx, sam.ID, model.FrameworkRef{ID: "fci", Version: "2020-provisional"}, model.SelfAssessment, "", model.Scope{})
	if err != nil {
		t.Fatal(err)
	}
	data, _, err := ws.ExportAssessment(ctx, a.ID)
	if err != nil {
		t.Fatal(err)
	}
	s := strings.Replace(string(data), `"name": "Sam Jones"`, `"name": "Mallory Other"`, 1)
	s = strings.Replace(s, `"discipline": "nurse"`, `"discipline": "pharmacist"`, 1)
	s = strings.Replace(s, a.ID, "5f0c1a2b-3c4d-4e5f-8a9b-0c1d2e3f4a5b", 1)
	path := filepath.Join(t.TempDir(), "mallory.gapwise.json")
	if err := os.WriteFile(path, []byte(s), 0o600); err != nil {
		t.Fatal(err)
	}
	return sam, path
}

func TestMeImportAsksWhetherAnImpostorIsTheSamePerson(t *testing.T) {
	for _, same := range []bool{false, true} {
		s, _, ws := newTestShell(t)
		sam, path := impostorFile(t, ws)
		s.showTab("Me")
		s.profile.importPath(path, workspace.AssessmentImportOptions{})
		top := s.win.Canvas().Overlays().Top()
		if top == nil {
			t.Fatal("no question about the person")
		}
		shown := strings.Join(textsOf(top), "\n")
		for _, want := range []string{"Is this the same person?", "Mallory Other (pharmacist)", "Sam Jones (nurse)", sam.ID} {
			if !strings.Contains(shown, want) {
				t.Errorf("the dialog does not say %q:\n%s", want, shown)
			}
		}
		confirmTop(t, s, same)
		p, _ := ws.Person(context.Background(), sam.ID)
		as, _ := ws.Assessments(context.Background(), sam.ID)
		switch {
		case !same && (p.Name != "Sam Jones" || len(as) != 1):
			t.Errorf("after cancelling: %+v with %d assessments", p, len(as))
		case same && (p.Name != "Mallory Other" || p.Discipline != model.Pharmacist || len(as) != 2):
			t.Errorf("after confirming: %+v with %d assessments", p, len(as))
		case same && !strings.Contains(s.profile.status.Text, "profile now has the file's details"):
			t.Errorf("status after confirming: %q", s.profile.status.Text)
		}
	}
}

func TestTeamImportAsksAboutEachImpostor(t *testing.T) {
	s, _, ws := newTestShell(t)
	ctx := context.Background()
	sam, path := impostorFile(t, ws)
	team, err := ws.CreateTeam(ctx, "Ward informatics", model.FrameworkRef{ID: "fci", Version: "2020-provisional"})
	if err != nil {
		t.Fatal(err)
	}
	res, err := ws.ImportTeamFiles(ctx, team.ID, []string{path}, nil)
	if err != nil || len(res.Refused) != 1 {
		t.Fatalf("import: %s, %v", res.Summary(), err)
	}
	s.showTab("Team")
	s.team.selectTeam(team.ID)
	s.team.askSamePeople(team.ID, res.Refused)
	confirmTop(t, s, true)
	if p, _ := ws.Person(ctx, sam.ID); p.Name != "Mallory Other" {
		t.Errorf("after confirming: %+v", p)
	}
	if m, _ := ws.Members(ctx, team.ID); len(m) != 1 {
		t.Errorf("members after confirming: %+v", m)
	}
}

func TestProjectionNamesNobodyWhenAFileIsAnImpostor(t *testing.T) {
	s := openSampleTeam(t)
	const id = "0b6c3f0e-8f5e-4b7a-9a51-2f4a6c1d7e90"
	err := model.CheckIdentity(model.Person{ID: id, Name: "Sam Jones", Discipline: model.Nurse}, model.Person{ID: id, Name: "Mallory Other", Discipline: model.Pharmacist})
	s.setProjection(true)
	defer s.setProjection(false)
	if !askSamePerson(s, err, func() { t.Error("accepted in projection mode") }, nil) {
		t.Fatal("not recognised as an impostor")
	}
	shown := strings.Join(textsOf(s.win.Canvas().Overlays().Top()), "\n")
	if strings.Contains(shown, "Sam Jones") || strings.Contains(shown, "Mallory") || strings.Contains(shown, id) {
		t.Errorf("projection mode shows who the file claims to be:\n%s", shown)
	}
}

// The profile form applies the import's character rule: a name with a
// hidden character is refused, saying which and where.
func TestProfileFormRefusesAHiddenCharacterInTheName(t *testing.T) {
	s, _, ws := newTestShell(t)
	s.showTab("Me")
	p := s.profile
	test.Type(p.name, "Corpus\u200bPerson")
	p.discipline.SetSelected(model.Nurse.Label())
	test.Tap(p.save)
	if people, _ := ws.People(context.Background()); len(people) != 0 {
		t.Fatalf("saved %+v", people)
	}
	var shown []string
	if top := s.win.Canvas().Overlays().Top(); top != nil {
		shown = textsOf(top)
	}
	shown = append(shown, p.status.Text)
	if all := strings.Join(shown, "\n"); !strings.Contains(all, `zero-width space (U+200B) after "Corpus"`) {
		t.Errorf("the refusal does not say what and where:\n%s", all)
	}
}
