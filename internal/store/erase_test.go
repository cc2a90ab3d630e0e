package store

import (
	"bytes"
	"context"
	"database/sql"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"gapwise/internal/model"
)

// The marks are distinctive enough never to occur by chance in a database.
const (
	eraseName     = "Zebediah Quillfeather-Ostrowski"
	eraseEvidence = "Led the Quillfeather discharge-summary rollout at St Elsewhere"
	eraseNote     = "Quillfeather agreed to mentor two nurses"
)

// eraseMarks are byte strings that must not survive an erasure. The first
// word of each is checked too, so a page holding half of a string counts.
var eraseMarks = []string{eraseName, eraseEvidence, eraseNote, "Quillfeather"}

// personToErase adds a person with everything Gapwise can hold about them,
// each piece carrying a mark, plus a second person who stays.
func personToErase(t *testing.T, s *Store) model.Person {
	t.Helper()
	ctx := context.Background()
	stay, a0 := newAssessment(t, s)
	if err := s.SetRating(ctx, a0.ID, model.Rating{Item: "A", Level: 2, Evidence: "Ada's own evidence"}); err != nil {
		t.Fatal(err)
	}
	p, err := s.CreatePerson(ctx, model.Person{Name: eraseName, Discipline: model.Doctor, Role: "CCIO", Organisation: "St Elsewhere"})
	if err != nil {
		t.Fatal(err)
	}
	self, err := s.CreateAssessment(ctx, model.Assessment{PersonID: p.ID, Framework: testRef, Kind: model.SelfAssessment, Assessor: eraseName})
	if err != nil {
		t.Fatal(err)
	}
	long := strings.Repeat(eraseEvidence+". ", 200) // overflow pages
	for _, r := range []model.Rating{
		{Item: "A", Level: 3, Confidence: 4, Evidence: eraseEvidence},
		{Item: "B", Level: 5, Evidence: long},
		{Item: "C", Level: 2, Evidence: eraseEvidence + " (again)"},
	} {
		if err := s.SetRating(ctx, self.ID, r); err != nil {
			t.Fatal(err)
		}
	}
	// An import replacing it keeps the older version, with the name, as history.
	snapshot := []byte(`{"person":{"name":"` + eraseName + `"},"ratings":[{"evidence":"` + eraseEvidence + `"}]}`)
	if err := s.ReplaceAssessment(ctx, self, []model.Rating{{Item: "A", Level: 3, Evidence: eraseEvidence}}, nil, snapshot); err != nil {
		t.Fatal(err)
	}
	team, err := s.CreateTeam(ctx, model.Team{Name: "Ward team", Framework: testRef})
	if err != nil {
		t.Fatal(err)
	}
	for _, id := range []string{p.ID, stay.ID} {
		if err := s.AddMember(ctx, model.TeamID(team.ID), model.PersonID(id)); err != nil {
			t.Fatal(err)
		}
	}
	if _, err := s.CreatePlan(ctx, model.Plan{PersonID: p.ID, Framework: testRef, Title: eraseName + "'s plan",
		Actions: []model.Action{{Objective: "Learn", Evidence: eraseEvidence}}}); err != nil {
		t.Fatal(err)
	}
	if _, err := s.CreatePlan(ctx, model.Plan{TeamID: team.ID, Framework: testRef, Title: "Team plan",
		Actions: []model.Action{{Objective: "Teach", Owner: p.ID}}}); err != nil {
		t.Fatal(err)
	}
	ap, err := s.CreateAppraisal(ctx, AppraisalStart{
		Appraisal: model.Appraisal{PersonID: p.ID, Framework: testRef, Period: "2026/27", Appraisers: []model.Appraiser{{Name: "Dr Who"}}, SelfID: self.ID,
			OverallNotes: eraseNote},
		Agreed: model.Assessment{PersonID: p.ID, Framework: testRef, Kind: model.AgreedAssessment},
		Plan:   model.Plan{PersonID: p.ID, Framework: testRef, Title: "Agreed plan"},
	})
	if err != nil {
		t.Fatal(err)
	}
	if err := s.SetAppraisalNote(ctx, ap.ID, "A", eraseNote); err != nil {
		t.Fatal(err)
	}
	return p
}

// marksIn returns the marks found in the raw bytes of the files.
func marksIn(t *testing.T, paths ...string) []string {
	t.Helper()
	var found []string
	for _, path := range paths {
		data, err := os.ReadFile(path)
		if os.IsNotExist(err) {
			continue
		}
		if err != nil {
			t.Fatal(err)
		}
		for _, m := range eraseMarks {
			if bytes.Contains(data, []byte(m)) {
				found = append(found, filepath.Base(path)+": "+m)
			}
		}
	}
	return found
}

func TestErasePersonLeavesNoBytes(t *testing.T) {
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "gapwise.db")
	s := openAt(t, path)
	if _, err := s.SeedPacks(ctx, []PackData{packOf(t, tinyFramework("1"))}); err != nil {
		t.Fatal(err)
	}
	p := personToErase(t, s)
	files := []string{path, path + "-wal", path + "-shm"}
	if len(marksIn(t, files...)) == 0 {
		t.Fatal("the marks are not in the database before erasure: the test proves nothing")
	}

	before, err := s.PersonFootprint(ctx, p.ID)
	if err != nil {
		t.Fatal(err)
	}
	got, err := s.ErasePerson(ctx, p.ID)
	if err != nil {
		t.Fatal(err)
	}
	want := Footprint{Name: eraseName, Assessments: 2, Ratings: 1, History: 1, Plans: 2, Actions: 1,
		Appraisals: 1, Notes: 1, Teams: 1, Unassigned: 1}
	if got != want || before != want {
		t.Errorf("footprint before %+v, erased %+v; want %+v", before, got, want)
	}

	// Open: the checkpoint has emptied the log.
	if found := marksIn(t, files...); len(found) > 0 {
		t.Errorf("after erasure, with the database open: %v", found)
	}
	if fi, err := os.Stat(path + "-wal"); err == nil && fi.Size() != 0 {
		t.Errorf("-wal holds %d bytes after the erasure's checkpoint", fi.Size())
	}
	backup := filepath.Join(t.TempDir(), "after.db")
	if err := s.Backup(ctx, backup); err != nil {
		t.Fatal(err)
	}
	if n := count(t, s, "SELECT count(*) FROM assessment_history"); n != 0 {
		t.Errorf("%d history rows left", n)
	}
	if n := count(t, s, "SELECT count(*) FROM actions WHERE owner IS NULL AND objective = 'Teach'"); n != 1 {
		t.Errorf("the team action they owned: %d unowned, want 1 (it stays)", n)
	}
	if n := count(t, s, "SELECT count(*) FROM people"); n != 1 {
		t.Errorf("%d people left, want the one who stays", n)
	}
	if err := s.Close(); err != nil {
		t.Fatal(err)
	}
	if found := marksIn(t, append(files, backup)...); len(found) > 0 {
		t.Errorf("after erasure and close: %v", found)
	}
}

func TestEraseFootprints(t *testing.T) {
	ctx := context.Background()
	s := newStore(t)
	p := personToErase(t, s)
	aps, err := s.AppraisalsFor(ctx, p.ID)
	if err != nil || len(aps) != 1 {
		t.Fatal(aps, err)
	}
	ap := aps[0]
	teams, _ := s.Teams(ctx)
	team := teams[0]

	// An appraisal's self assessment and agreed plan are refused by the schema.
	if _, err := s.EraseAssessment(ctx, ap.SelfID); err == nil {
		t.Error("erased an appraisal's self-assessment")
	}
	if _, err := s.ErasePlan(ctx, ap.Plan); err == nil {
		t.Error("erased an appraisal's agreed plan")
	}

	f, err := s.EraseAppraisal(ctx, ap.ID)
	if want := (Footprint{Name: eraseName, Appraisals: 1, Notes: 1}); err != nil || f != want {
		t.Errorf("EraseAppraisal = %+v, %v; want %+v", f, err, want)
	}
	f, err = s.EraseAssessment(ctx, ap.SelfID)
	if want := (Footprint{Name: eraseName, Assessments: 1, Ratings: 1, History: 1}); err != nil || f != want {
		t.Errorf("EraseAssessment = %+v, %v; want %+v", f, err, want)
	}
	f, err = s.ErasePlan(ctx, ap.Plan)
	if want := (Footprint{Name: "Agreed plan", Plans: 1}); err != nil || f != want {
		t.Errorf("ErasePlan = %+v, %v; want %+v", f, err, want)
	}
	f, err = s.EraseMembership(ctx, model.TeamID(team.ID), model.PersonID(p.ID))
	if want := (Footprint{Name: eraseName, Teams: 1, Unassigned: 1}); err != nil || f != want {
		t.Errorf("EraseMembership = %+v, %v; want %+v", f, err, want)
	}
	_, err = s.EraseMembership(ctx, model.TeamID(team.ID), model.PersonID(p.ID))
	wantKind(t, err, model.NotFound)
	f, err = s.EraseTeam(ctx, team.ID)
	if want := (Footprint{Name: "Ward team", Teams: 1, Plans: 1, Actions: 1}); err != nil || f != want {
		t.Errorf("EraseTeam = %+v, %v; want %+v", f, err, want)
	}
	for _, fn := range []func() (Footprint, error){
		func() (Footprint, error) { return s.ErasePerson(ctx, "nobody") },
		func() (Footprint, error) { return s.EraseTeam(ctx, "nobody") },
		func() (Footprint, error) { return s.PlanFootprint(ctx, "nobody") },
		func() (Footprint, error) { return s.AppraisalFootprint(ctx, "nobody") },
		func() (Footprint, error) { return s.AssessmentFootprint(ctx, "nobody") },
	} {
		_, err := fn()
		wantKind(t, err, model.NotFound)
	}
}

// A reader in another connection holds the checkpoint back: the erasure is
// made, and the caller is told that old copies remain for now.
func TestEraseReportsAHeldCheckpoint(t *testing.T) {
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	path := filepath.Join(t.TempDir(), "gapwise.db")
	s := openAt(t, path)
	if _, err := s.SeedPacks(ctx, []PackData{packOf(t, tinyFramework("1"))}); err != nil {
		t.Fatal(err)
	}
	p := personToErase(t, s)
	other := openAt(t, path)
	tx, err := other.db.BeginTx(ctx, &sql.TxOptions{ReadOnly: true})
	if err != nil {
		t.Fatal(err)
	}
	var n int
	if err := tx.QueryRowContext(ctx, "SELECT count(*) FROM people").Scan(&n); err != nil {
		t.Fatal(err)
	}
	_, err = s.ErasePerson(ctx, p.ID)
	wantKind(t, err, model.Conflict)
	tx.Rollback()
	if _, err := s.Person(ctx, p.ID); model.KindOf(err) != model.NotFound {
		t.Errorf("person after a held checkpoint: %v; want them gone", err)
	}
	if err := s.scrub(ctx); err != nil {
		t.Errorf("scrub once the reader has gone: %v", err)
	}
	if found := marksIn(t, path, path+"-wal", path+"-shm"); len(found) > 0 {
		t.Errorf("after the reader has gone: %v", found)
	}
}
