package workspace

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"gapwise/internal/model"
)

// samAndExport makes Sam Jones (nurse) with a rated self-assessment, and
// returns that assessment's exported file.
func samAndExport(t *testing.T, w *Workspace) (model.Person, model.Assessment, string) {
	t.Helper()
	ctx := context.Background()
	p, err := w.AddPerson(ctx, model.Person{Name: "Sam Jones", Discipline: model.Nurse, Role: "Ward sister", InformaticsWTE: 0.4})
	if err != nil {
		t.Fatal(err)
	}
	a := start(t, w, p.ID, sfia9, model.Scope{})
	if err := w.Rate(ctx, a.ID, model.Rating{Item: "ITSP", Level: 4, Evidence: "Led the EPR optimisation"}); err != nil {
		t.Fatal(err)
	}
	data, _, err := w.ExportAssessment(ctx, a.ID)
	if err != nil {
		t.Fatal(err)
	}
	return p, a, string(data)
}

// impostor rewrites an exported file: the same person id, another name and
// discipline, and a new assessment (which would become the latest).
func impostor(t *testing.T, file string, a model.Assessment, name, discipline string) []byte {
	t.Helper()
	out := strings.Replace(file, `"name": "Sam Jones"`, `"name": "`+name+`"`, 1)
	out = strings.Replace(out, `"discipline": "nurse"`, `"discipline": "`+discipline+`"`, 1)
	out = strings.Replace(out, a.ID, "5f0c1a2b-3c4d-4e5f-8a9b-0c1d2e3f4a5b", 1)
	out = strings.Replace(out, `"assessor": "Sam Jones"`, `"assessor": "`+name+`"`, 1)
	out = strings.Replace(out, `"level": 4`, `"level": 6`, 1)
	if out == file {
		t.Fatal("fixture: nothing replaced")
	}
	return []byte(out)
}

func TestImportRefusesAFileNamingSomeoneElseUnderAKnownID(t *testing.T) {
	ctx := context.Background()
	w := openTemp(t)
	sam, a, file := samAndExport(t, w)
	spoof := impostor(t, file, a, "Mallory Other", "pharmacist")
	before := dumpTables(t, w)

	_, err := w.ImportAssessment(ctx, spoof)
	var pm *model.PersonMismatchError
	if model.KindOf(err) != model.Conflict || !errors.As(err, &pm) {
		t.Fatalf("import of an impostor: %v, want a conflict naming both people", err)
	}
	want := `this file says person ` + sam.ID + ` is "Mallory Other" (pharmacist), but in this database ` + sam.ID + ` is "Sam Jones" (nurse)`
	if err.Error() != want {
		t.Errorf("message:\n%s\nwant\n%s", err, want)
	}
	if dumpTables(t, w) != before {
		t.Fatal("a refused impostor changed the database")
	}

	// Only the discipline differs: still someone else.
	if _, err := w.ImportAssessment(ctx, impostor(t, file, a, "Sam Jones", "pharmacist")); !errors.As(err, &pm) {
		t.Errorf("another discipline: %v, want a refusal", err)
	}
	if dumpTables(t, w) != before {
		t.Fatal("a refused file changed the database")
	}

	// Trivial differences of spacing and case are the same person, and a
	// new role is ordinary change: imported, the profile left as edited.
	same := strings.Replace(string(impostor(t, file, a, "  sam   JONES ", "nurse")), `"role": "Ward sister"`, `"role": "CNIO"`, 1)
	res, err := w.ImportAssessment(ctx, []byte(same))
	if err != nil || res.Outcome != Added || res.PersonUpdated {
		t.Fatalf("same person, other spacing: %+v, %v", res, err)
	}
	if p, _ := w.Person(ctx, sam.ID); p.Name != "Sam Jones" || p.Role != "Ward sister" {
		t.Errorf("profile changed by an ordinary import: %+v", p)
	}
}

func TestAcceptPersonUpdateTakesTheFilesDetails(t *testing.T) {
	ctx := context.Background()
	w := openTemp(t)
	sam, a, file := samAndExport(t, w)
	res, err := w.ImportAssessment(ctx, impostor(t, file, a, "Samantha Jones-Ali", "midwife"), AssessmentImportOptions{AcceptPersonUpdate: true})
	if err != nil || res.Outcome != Added || !res.PersonUpdated {
		t.Fatalf("accepted import: %+v, %v", res, err)
	}
	p, _ := w.Person(ctx, sam.ID)
	if p.Name != "Samantha Jones-Ali" || p.Discipline != model.Midwife || res.Person.Name != p.Name {
		t.Errorf("after accepting: stored %+v, result names %q", p, res.Person.Name)
	}
	if !strings.Contains(res.Describe(), "Samantha Jones-Ali's profile now has the file's details (midwife)") {
		t.Errorf("Describe = %q", res.Describe())
	}
}

func TestTeamImportRefusesTheImpostorAndTakesTheRest(t *testing.T) {
	ctx := context.Background()
	dir, _, ids := exportTeamFolder(t, 3)
	w := openTemp(t)
	team, err := w.CreateTeam(ctx, "Ward informatics", sfia9)
	if err != nil {
		t.Fatal(err)
	}
	sam, a, file := samAndExport(t, w)
	if err := w.AddMember(ctx, model.TeamID(team.ID), model.PersonID(sam.ID)); err != nil {
		t.Fatal(err)
	}
	spoofPath := filepath.Join(dir, "zz-mallory.gapwise.json")
	if err := os.WriteFile(spoofPath, impostor(t, file, a, "Mallory Other", "pharmacist"), 0o600); err != nil {
		t.Fatal(err)
	}
	res, err := w.ImportTeamFiles(ctx, team.ID, []string{dir}, nil)
	if err != nil {
		t.Fatal(err)
	}
	if len(res.Imported) != len(ids) || len(res.Refused) != 1 || res.Refused[0].File != spoofPath {
		t.Fatalf("batch: %s; refused %+v", res.Summary(), res.Refused)
	}
	if msg := res.Refused[0].Err.Error(); !strings.Contains(msg, `"Mallory Other" (pharmacist)`) || !strings.Contains(msg, `"Sam Jones" (nurse)`) {
		t.Errorf("refusal: %s", msg)
	}
	latest, err := w.Assessments(ctx, sam.ID)
	if err != nil || len(latest) != 1 || latest[0].ID != a.ID {
		t.Errorf("Sam's assessments after the batch: %+v, %v", latest, err)
	}

	// Accepting in a second run takes that one file.
	res, err = w.ImportTeamFiles(ctx, team.ID, []string{spoofPath}, nil, AssessmentImportOptions{AcceptPersonUpdate: true})
	if err != nil || len(res.Imported) != 1 || !res.Imported[0].PersonUpdated {
		t.Fatalf("accepted: %s, %v", res.Summary(), err)
	}
	if p, _ := w.Person(ctx, sam.ID); p.Name != "Mallory Other" {
		t.Errorf("after accepting: %+v", p)
	}
}

// Two files of one batch cannot give one new person id two names either.
func TestBatchRefusesTwoNamesForOneNewPerson(t *testing.T) {
	ctx := context.Background()
	src := openTemp(t)
	_, a, file := samAndExport(t, src)
	dir := t.TempDir()
	first := filepath.Join(dir, "a.gapwise.json")
	second := filepath.Join(dir, "b.gapwise.json")
	if err := os.WriteFile(first, []byte(file), 0o600); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(second, impostor(t, file, a, "Mallory Other", "pharmacist"), 0o600); err != nil {
		t.Fatal(err)
	}
	w := openTemp(t)
	res, err := w.ImportFiles(ctx, []string{dir}, nil)
	if err != nil {
		t.Fatal(err)
	}
	var pm *model.PersonMismatchError
	if len(res.Imported) != 1 || len(res.Refused) != 1 || !errors.As(res.Refused[0].Err, &pm) {
		t.Fatalf("batch: %s, refused %+v", res.Summary(), res.Refused)
	}
	if people, _ := w.People(ctx); len(people) != 1 || people[0].Name != "Sam Jones" {
		t.Errorf("people: %+v", people)
	}
}

func TestAppraiserImportRefusesAnImpostorOfTheAppraisee(t *testing.T) {
	ctx := context.Background()
	w := openTemp(t)
	p, self := appraisee(t, w, "Ada Lovelace")
	ap, err := w.StartAppraisal(ctx, self.ID, one("Dr Grace Hopper"), "2026/27")
	if err != nil {
		t.Fatal(err)
	}
	good := appraiserFile(t, w, self.ID, sfia9, model.AppraiserAssessment, map[string]int{"ITSP": 5})
	bad := []byte(strings.Replace(string(good), `"name": "Ada Lovelace"`, `"name": "Mallory Other"`, 1))
	before := dumpTables(t, w)
	_, err = w.ImportAppraiserFile(ctx, ap.ID, bad)
	var pm *model.PersonMismatchError
	if !errors.As(err, &pm) || !strings.Contains(err.Error(), `is "Ada Lovelace"`) {
		t.Fatalf("impostor appraiser file: %v", err)
	}
	if dumpTables(t, w) != before {
		t.Fatal("a refused appraiser file changed the database")
	}
	res, err := w.ImportAppraiserFile(ctx, ap.ID, bad, AssessmentImportOptions{AcceptPersonUpdate: true})
	if err != nil || !res.PersonUpdated || res.Person.Name != "Mallory Other" {
		t.Fatalf("accepted: %+v, %v", res, err)
	}
	if got, _ := w.Person(ctx, p.ID); got.Name != "Mallory Other" {
		t.Errorf("profile after accepting: %+v", got)
	}
}
