package store

import (
	"context"
	"database/sql"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"gapwise/internal/model"
)

// appraisalFixture is a person with a self-assessment and an earlier plan,
// and an appraisal started from them.
type appraisalFixture struct {
	person   model.Person
	self     model.Assessment
	previous model.Plan
	ap       model.Appraisal
}

func startAppraisal(t *testing.T, s *Store) appraisalFixture {
	t.Helper()
	ctx := context.Background()
	p, self := newAssessment(t, s)
	if err := s.SetTargets(ctx, self.ID, []model.Target{{Item: "A", Level: 3}}); err != nil {
		t.Fatal(err)
	}
	prev, err := s.CreatePlan(ctx, model.Plan{PersonID: p.ID, Framework: testRef, Title: "Last year"})
	if err != nil {
		t.Fatal(err)
	}
	ap, err := s.CreateAppraisal(ctx, AppraisalStart{
		Appraisal: model.Appraisal{PersonID: p.ID, Framework: testRef, SelfID: self.ID, Period: "2026/27",
			Appraisers: []model.Appraiser{{Name: "Dr Bea Appraiser", Role: "informatics appraiser"}}, PreviousPlan: prev.ID},
		Agreed:        model.Assessment{PersonID: p.ID, Framework: testRef, Kind: model.AgreedAssessment, Assessor: "agreed"},
		AgreedTargets: []model.Target{{Item: "A", Level: 3}},
		Plan:          model.Plan{PersonID: p.ID, Framework: testRef, Title: "This year"},
	})
	if err != nil {
		t.Fatal(err)
	}
	return appraisalFixture{person: p, self: self, previous: prev, ap: ap}
}

func TestAppraisalLifecycle(t *testing.T) {
	ctx := context.Background()
	s := newStore(t)
	fx := startAppraisal(t, s)
	ap := fx.ap
	if !uuidV4.MatchString(ap.ID) || ap.AgreedID == "" || ap.Plan == "" || len(ap.Appraisers) != 1 || ap.Appraisers[0].AssessmentID != "" {
		t.Fatalf("CreateAppraisal = %+v", ap)
	}
	agreed, err := s.Assessment(ctx, ap.AgreedID)
	if err != nil || agreed.Kind != model.AgreedAssessment || agreed.PersonID != fx.person.ID {
		t.Fatalf("agreed assessment %+v, %v", agreed, err)
	}
	if ts, _ := s.Targets(ctx, ap.AgreedID); len(ts) != 1 || ts[0].Level != 3 {
		t.Errorf("agreed targets = %v", ts)
	}
	if pl, err := s.Plan(ctx, ap.Plan); err != nil || pl.Title != "This year" || len(pl.Actions) != 0 {
		t.Errorf("new plan = %+v, %v", pl, err)
	}

	got, err := s.Appraisal(ctx, ap.ID)
	if err != nil {
		t.Fatal(err)
	}
	if got.SelfID != fx.self.ID || got.PreviousPlan != fx.previous.ID || got.Period != "2026/27" ||
		len(got.Appraisers) != 1 || got.Appraisers[0].Name != "Dr Bea Appraiser" || got.Appraisers[0].Role != "informatics appraiser" ||
		got.Appraisers[0].Scope != nil || got.Framework != testRef || got.ItemNotes == nil ||
		!got.CreatedAt.Equal(ap.CreatedAt) || !got.AppraiseeSignedAt.IsZero() {
		t.Errorf("Appraisal = %+v, want %+v", got, ap)
	}

	// The appraiser's assessment is made once.
	first, created, err := s.StartAppraiserAssessment(ctx, ap.ID, 0, model.Assessment{PersonID: fx.person.ID, Framework: testRef, Kind: model.AppraiserAssessment, Assessor: "Dr Bea Appraiser"})
	if err != nil || !created {
		t.Fatalf("StartAppraiserAssessment: %+v %v %v", first, created, err)
	}
	again, created, err := s.StartAppraiserAssessment(ctx, ap.ID, 0, model.Assessment{PersonID: fx.person.ID, Framework: testRef, Kind: model.AppraiserAssessment})
	if err != nil || created || again.ID != first.ID || again.Assessor != "Dr Bea Appraiser" {
		t.Errorf("second StartAppraiserAssessment: %+v %v %v", again, created, err)
	}

	// Notes: set, replace, remove.
	for _, n := range []struct{ item, note string }{{"A", "discussed"}, {"B", "x"}, {"A", "agreed 2 after discussion"}, {"B", " "}} {
		if err := s.SetAppraisalNote(ctx, ap.ID, n.item, n.note); err != nil {
			t.Fatal(err)
		}
	}
	wantKind(t, s.SetAppraisalNote(ctx, ap.ID, "Z", "no such item"), model.Invalid)
	wantKind(t, s.SetAppraisalNote(ctx, "nope", "A", "x"), model.NotFound)

	got.Period, got.OverallNotes, got.PreviousPlan = "2026-27", "A good year.", ""
	if err := s.UpdateAppraisal(ctx, got); err != nil {
		t.Fatal(err)
	}
	got, err = s.Appraisal(ctx, ap.ID)
	if err != nil {
		t.Fatal(err)
	}
	if got.Period != "2026-27" || got.OverallNotes != "A good year." || got.PreviousPlan != "" || got.Appraisers[0].AssessmentID != first.ID ||
		len(got.ItemNotes) != 1 || got.ItemNotes["A"] != "agreed 2 after discussion" {
		t.Errorf("after update: %+v", got)
	}

	// Bad links are refused.
	other, _ := s.CreatePerson(ctx, model.Person{Name: "Other", Discipline: model.Doctor})
	otherPlan, _ := s.CreatePlan(ctx, model.Plan{PersonID: other.ID, Framework: testRef})
	for name, mutate := range map[string]func(a *model.Appraisal){
		"someone else's plan":   func(a *model.Appraisal) { a.PreviousPlan = otherPlan.ID },
		"the plan it makes":     func(a *model.Appraisal) { a.PreviousPlan = a.Plan },
		"missing previous plan": func(a *model.Appraisal) { a.PreviousPlan = "nope" },
	} {
		bad := got
		mutate(&bad)
		if err := s.UpdateAppraisal(ctx, bad); err == nil {
			t.Errorf("%s: accepted", name)
		}
	}

	// Sign-off locks the appraisal until withdrawn.
	at := time.Date(2026, 11, 22, 10, 0, 0, 0, time.UTC)
	if err := s.SignAppraisal(ctx, ap.ID, -1, at); err != nil {
		t.Fatal(err)
	}
	wantKind(t, s.SignAppraisal(ctx, ap.ID, 1, at), model.NotFound)
	wantKind(t, s.SignAppraisal(ctx, "nope", 0, at), model.NotFound)
	wantKind(t, s.AddAppraiser(ctx, ap.ID, model.Appraiser{Name: "Late"}, nil), model.Conflict)
	wantKind(t, s.SetAppraisalNote(ctx, ap.ID, "A", "changed"), model.Conflict)
	wantKind(t, s.UpdateAppraisal(ctx, got), model.Conflict)
	if got, _ := s.Appraisal(ctx, ap.ID); !got.AppraiseeSignedAt.Equal(at) || !got.Appraisers[0].SignedAt.IsZero() {
		t.Errorf("signed at %v / %v", got.AppraiseeSignedAt, got.Appraisers[0].SignedAt)
	}
	if err := s.SignAppraisal(ctx, ap.ID, -1, time.Time{}); err != nil {
		t.Fatal(err)
	}
	if err := s.SetAppraisalNote(ctx, ap.ID, "A", "changed"); err != nil {
		t.Errorf("after withdrawing the sign-off: %v", err)
	}

	list, err := s.AppraisalsFor(ctx, fx.person.ID)
	if err != nil || len(list) != 1 || list[0].ID != ap.ID || list[0].ItemNotes["A"] != "changed" {
		t.Errorf("AppraisalsFor = %+v, %v", list, err)
	}
	if _, err := s.AppraisalsFor(ctx, "nobody"); model.KindOf(err) != model.NotFound {
		t.Errorf("AppraisalsFor(nobody): %v", err)
	}
	if a, ok, err := s.AppraisalOfPlan(ctx, ap.Plan); err != nil || !ok || a.ID != ap.ID {
		t.Errorf("AppraisalOfPlan = %v %v %v", a.ID, ok, err)
	}
	if _, ok, err := s.AppraisalOfPlan(ctx, fx.previous.ID); err != nil || ok {
		t.Errorf("AppraisalOfPlan(previous) = %v %v", ok, err)
	}

	// What the appraisal is made of cannot be deleted from under it.
	if err := s.DeleteAssessment(ctx, fx.self.ID); err == nil {
		t.Error("deleted the self-assessment an appraisal uses")
	}
	if err := s.DeletePlan(ctx, ap.Plan); err == nil {
		t.Error("deleted the plan an appraisal made")
	}
	// Deleting the appraiser's assessment or the previous plan unlinks it.
	if err := s.DeleteAssessment(ctx, first.ID); err != nil {
		t.Fatal(err)
	}
	if got, _ := s.Appraisal(ctx, ap.ID); got.Appraisers[0].AssessmentID != "" {
		t.Errorf("appraiser link outlived its assessment: %q", got.Appraisers[0].AssessmentID)
	}

	if err := s.DeleteAppraisal(ctx, ap.ID); err != nil {
		t.Fatal(err)
	}
	wantKind(t, s.DeleteAppraisal(ctx, ap.ID), model.NotFound)
	for _, table := range []string{"appraisal_notes", "appraisers"} {
		if n := count(t, s, "SELECT count(*) FROM "+table); n != 0 {
			t.Errorf("%d rows of %s outlived their appraisal", n, table)
		}
	}
	if _, err := s.Assessment(ctx, ap.AgreedID); err != nil {
		t.Errorf("deleting an appraisal deleted its agreed assessment: %v", err)
	}
}

func TestCreateAppraisalRefusesBadLinks(t *testing.T) {
	ctx := context.Background()
	s := newStore(t)
	if _, err := s.SeedPacks(ctx, []PackData{packOf(t, tinyFramework("2"))}); err != nil {
		t.Fatal(err)
	}
	p, self := newAssessment(t, s)
	appraiserKind, _ := s.CreateAssessment(ctx, model.Assessment{PersonID: p.ID, Framework: testRef, Kind: model.AppraiserAssessment})
	other, othersSelf := newAssessment(t, s)
	v2 := model.FrameworkRef{ID: "test", Version: "2"}
	good := func() AppraisalStart {
		return AppraisalStart{
			Appraisal: model.Appraisal{PersonID: p.ID, Framework: testRef, SelfID: self.ID, Appraisers: []model.Appraiser{{Name: "Bea"}}},
			Agreed:    model.Assessment{PersonID: p.ID, Framework: testRef, Kind: model.AgreedAssessment},
			Plan:      model.Plan{PersonID: p.ID, Framework: testRef},
		}
	}
	tests := []struct {
		name   string
		mutate func(*AppraisalStart)
		kind   model.ErrorKind
	}{
		{"no appraiser", func(in *AppraisalStart) { in.Appraisal.Appraisers = nil }, model.Invalid},
		{"blank appraiser name", func(in *AppraisalStart) { in.Appraisal.Appraisers = []model.Appraiser{{Name: " "}} }, model.Invalid},
		{"same appraiser twice", func(in *AppraisalStart) {
			in.Appraisal.Appraisers = []model.Appraiser{{Name: "Bea"}, {Name: " bea "}}
		}, model.Conflict},
		{"five appraisers", func(in *AppraisalStart) {
			in.Appraisal.Appraisers = []model.Appraiser{{Name: "A"}, {Name: "B"}, {Name: "C"}, {Name: "D"}, {Name: "E"}}
		}, model.Invalid},
		{"agreed of wrong kind", func(in *AppraisalStart) { in.Agreed.Kind = model.SelfAssessment }, model.Invalid},
		{"self is not self", func(in *AppraisalStart) { in.Appraisal.SelfID = appraiserKind.ID }, model.Invalid},
		{"self of someone else", func(in *AppraisalStart) { in.Appraisal.SelfID = othersSelf.ID }, model.Invalid},
		{"self missing", func(in *AppraisalStart) { in.Appraisal.SelfID = "nope" }, model.NotFound},
		{"other framework version", func(in *AppraisalStart) {
			in.Appraisal.Framework, in.Agreed.Framework, in.Plan.Framework = v2, v2, v2
		}, model.Invalid},
		{"plan of someone else", func(in *AppraisalStart) { in.Plan.PersonID = other.ID }, model.Invalid},
		{"previous plan missing", func(in *AppraisalStart) { in.Appraisal.PreviousPlan = "nope" }, model.NotFound},
		{"agreed target level undefined", func(in *AppraisalStart) { in.AgreedTargets = []model.Target{{Item: "A", Level: 7}} }, model.Invalid},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			before := count(t, s, "SELECT count(*) FROM assessments") + count(t, s, "SELECT count(*) FROM plans")
			in := good()
			tc.mutate(&in)
			_, err := s.CreateAppraisal(ctx, in)
			wantKind(t, err, tc.kind)
			if n := count(t, s, "SELECT count(*) FROM assessments") + count(t, s, "SELECT count(*) FROM plans"); n != before {
				t.Errorf("a refused appraisal left %d rows behind", n-before)
			}
		})
	}
	if _, err := s.CreateAppraisal(ctx, good()); err != nil {
		t.Errorf("the good appraisal: %v", err)
	}
}

func TestImportAppraiserAssessment(t *testing.T) {
	ctx := context.Background()
	s := newStore(t)
	fx := startAppraisal(t, s)
	placeholder, _, err := s.StartAppraiserAssessment(ctx, fx.ap.ID, 0, model.Assessment{PersonID: fx.person.ID, Framework: testRef, Kind: model.AppraiserAssessment})
	if err != nil {
		t.Fatal(err)
	}
	file := model.Assessment{ID: newID(), PersonID: fx.person.ID, Framework: testRef, Kind: model.AppraiserAssessment,
		Assessor: "Dr Bea", UpdatedAt: time.Now().Add(-time.Hour)}
	ratings := []model.Rating{{Item: "A", Level: 2}, {Item: "C", Level: 0}}
	out, err := s.ImportAppraiserAssessment(ctx, fx.ap.ID, 0, file, ratings, nil, nil, file.UpdatedAt)
	if err != nil || out != Added {
		t.Fatalf("import: %v %v", out, err)
	}
	got, _ := s.Appraisal(ctx, fx.ap.ID)
	if got.Appraisers[0].AssessmentID != file.ID {
		t.Errorf("linked %q, want %q", got.Appraisers[0].AssessmentID, file.ID)
	}
	if _, err := s.Assessment(ctx, placeholder.ID); model.KindOf(err) != model.NotFound {
		t.Errorf("the empty placeholder was kept: %v", err)
	}
	if out, err := s.ImportAppraiserAssessment(ctx, fx.ap.ID, 0, file, ratings, nil, nil, file.UpdatedAt); err != nil || out != Unchanged {
		t.Errorf("same file again: %v %v", out, err)
	}

	// A second, different appraiser's assessment does not replace one with ratings.
	second := file
	second.ID = newID()
	_, err = s.ImportAppraiserAssessment(ctx, fx.ap.ID, 0, second, ratings, nil, nil, second.UpdatedAt)
	wantKind(t, err, model.Conflict)
	// Nor can a file turn the self-assessment into an appraiser's.
	hijack := file
	hijack.ID = fx.self.ID
	_, err = s.ImportAppraiserAssessment(ctx, fx.ap.ID, 0, hijack, nil, nil, nil, hijack.UpdatedAt)
	wantKind(t, err, model.Conflict)
	if a, _ := s.Assessment(ctx, fx.self.ID); a.Kind != model.SelfAssessment {
		t.Errorf("self-assessment became %s", a.Kind)
	}
	wrong := file
	wrong.Kind = model.SelfAssessment
	_, err = s.ImportAppraiserAssessment(ctx, fx.ap.ID, 0, wrong, nil, nil, nil, wrong.UpdatedAt)
	wantKind(t, err, model.BadFile)
}

func TestActivityIsOneOfTheList(t *testing.T) {
	ctx := context.Background()
	s := newStore(t)
	p, _ := newAssessment(t, s)
	plan, err := s.CreatePlan(ctx, model.Plan{PersonID: p.ID, Framework: testRef})
	if err != nil {
		t.Fatal(err)
	}
	for _, act := range append([]string{""}, model.Activities...) {
		if _, err := s.SaveAction(ctx, plan.ID, model.Action{Objective: "x", Activity: act}); err != nil {
			t.Errorf("activity %q refused: %v", act, err)
		}
	}
	_, err = s.SaveAction(ctx, plan.ID, model.Action{Objective: "x", Activity: "juggling"})
	wantKind(t, err, model.Invalid)
	a, _ := s.SaveAction(ctx, plan.ID, model.Action{Objective: "y", Activity: "mentoring"})
	a.Activity = "Mentoring"
	_, err = s.SaveAction(ctx, plan.ID, a)
	wantKind(t, err, model.Invalid)
}

// storeAtVersion makes a database at schema version n (an older binary's
// database) and returns it open without migrating further. Only the
// methods that use tables of schema n may be called on it.
func storeAtVersion(t *testing.T, path string, n int) *Store {
	t.Helper()
	ctx := context.Background()
	if err := os.WriteFile(path, nil, 0o600); err != nil {
		t.Fatal(err)
	}
	db, err := sql.Open("sqlite", readWriteDSN(path))
	if err != nil {
		t.Fatal(err)
	}
	s := &Store{db: db, path: path}
	ms, err := loadMigrations()
	if err != nil {
		t.Fatal(err)
	}
	conn, err := db.Conn(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := conn.ExecContext(ctx, "PRAGMA foreign_keys = OFF"); err != nil {
		t.Fatal(err)
	}
	for _, m := range ms[:n] {
		if err := s.apply(ctx, conn, m); err != nil {
			t.Fatal(err)
		}
	}
	if err := restoreForeignKeys(conn); err != nil {
		t.Fatal(err)
	}
	conn.Close()
	s.version = n
	return s
}

func TestMigrateFromVersion1KeepsData(t *testing.T) {
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "gapwise.db")
	old := storeAtVersion(t, path, 1)
	if _, err := old.SeedPacks(ctx, []PackData{packOf(t, tinyFramework("1"))}); err != nil {
		t.Fatal(err)
	}
	p, a := newAssessment(t, old)
	rateAtOldSchema(t, old, a.ID, model.Rating{Item: "A", Level: 2, Confidence: 3, Evidence: "audit"})
	if err := old.SetTargets(ctx, a.ID, []model.Target{{Item: "B", Level: 5}}); err != nil {
		t.Fatal(err)
	}
	// Schema 1 let any activity in; the upgrade must not refuse or change it.
	plan, err := old.CreatePlan(ctx, model.Plan{PersonID: p.ID, Framework: testRef, Title: "2025",
		Actions: []model.Action{{Objective: "Audit", Items: []string{"A"}, Activity: "free text from schema 1", Due: "2026-03-31"}}})
	if err != nil {
		t.Fatal(err)
	}
	var v int
	old.db.QueryRow("PRAGMA user_version").Scan(&v)
	if v != 1 || strings.Contains(schemaOf(t, old), "appraisals") {
		t.Fatalf("the version-1 database is at %d or already has appraisals", v)
	}
	before := tablesAndIndexesOf(t, old) // its triggers move out of the file (migration 10)
	old.Close()

	s := openAt(t, path)
	if s.SchemaVersion() != LatestSchema {
		t.Fatalf("SchemaVersion() = %d after upgrade", s.SchemaVersion())
	}
	after := tablesAndIndexesOf(t, s)
	for _, want := range []string{"table appraisals:", "table appraisal_notes:"} {
		if !strings.Contains(after, want) {
			t.Errorf("upgraded schema lacks %s", want)
		}
	}
	for _, want := range []string{"actions_activity_insert", "appraisals_links_insert"} {
		if !slices.Contains(rulesOf(t, s), want) {
			t.Errorf("upgraded database's connections lack the rule %s", want)
		}
	}
	// Schema 1's objects are untouched, but for ratings, which migration 3
	// rebuilds (its data is checked below).
	for _, line := range strings.Split(before, "\n") {
		if strings.Contains(line, "ratings") {
			continue
		}
		if !strings.Contains(after, line) {
			t.Errorf("upgrade changed %s", line)
		}
	}
	if problems, err := s.Check(ctx); err != nil || len(problems) != 0 {
		t.Errorf("Check after upgrade: %v %v", problems, err)
	}
	if got, err := s.Person(ctx, p.ID); err != nil || got.Name != p.Name {
		t.Errorf("person after upgrade: %+v %v", got, err)
	}
	rs, _ := s.Ratings(ctx, a.ID)
	ts, _ := s.Targets(ctx, a.ID)
	if len(rs) != 1 || rs[0].Level != 2 || rs[0].Evidence != "audit" || len(ts) != 1 || ts[0].Level != 5 {
		t.Errorf("ratings %+v targets %+v after upgrade", rs, ts)
	}
	got, err := s.Plan(ctx, plan.ID)
	if err != nil || len(got.Actions) != 1 || got.Actions[0].Activity != "free text from schema 1" ||
		!slices.Equal(got.Actions[0].Items, []string{"A"}) || got.Actions[0].Due != "2026-03-31" {
		t.Errorf("plan after upgrade: %+v %v", got, err)
	}
	// The old action can still be saved unchanged; a new bad activity cannot.
	if _, err := s.SaveAction(ctx, plan.ID, got.Actions[0]); err != nil {
		t.Errorf("re-saving an old action: %v", err)
	}
	bad := got.Actions[0]
	bad.Activity = "other free text"
	_, err = s.SaveAction(ctx, plan.ID, bad)
	wantKind(t, err, model.Invalid)

	// The upgraded database takes appraisals of the old data.
	if _, err := s.CreateAppraisal(ctx, AppraisalStart{
		Appraisal: model.Appraisal{PersonID: p.ID, Framework: testRef, SelfID: a.ID, Appraisers: []model.Appraiser{{Name: "Bea"}}, PreviousPlan: plan.ID},
		Agreed:    model.Assessment{PersonID: p.ID, Framework: testRef, Kind: model.AgreedAssessment},
		Plan:      model.Plan{PersonID: p.ID, Framework: testRef},
	}); err != nil {
		t.Errorf("appraisal on upgraded data: %v", err)
	}
}

func TestDeletingThePersonDeletesTheirAppraisals(t *testing.T) {
	ctx := context.Background()
	s := newStore(t)
	fx := startAppraisal(t, s)
	if err := s.SetAppraisalNote(ctx, fx.ap.ID, "A", "private remark"); err != nil {
		t.Fatal(err)
	}
	if err := s.DeletePerson(ctx, fx.person.ID); err != nil {
		t.Fatal(err)
	}
	for _, table := range []string{"appraisals", "appraisal_notes", "assessments", "plans"} {
		if n := count(t, s, "SELECT count(*) FROM "+table); n != 0 {
			t.Errorf("%d rows of %s outlived the person", n, table)
		}
	}
	if problems, err := s.Check(ctx); err != nil || len(problems) != 0 {
		t.Errorf("Check: %v %v", problems, err)
	}
}

// TestAppraisalSchemaConstraints proves the database itself refuses
// appraisals that link the wrong assessments or plans.
func TestAppraisalSchemaConstraints(t *testing.T) {
	s := newStore(t)
	fx := startAppraisal(t, s)
	ap := fx.ap
	other, otherSelf := newAssessment(t, s)
	const now = "2026-01-01T00:00:00.000Z"
	insert := func(self, agreed, plan, previous any) error {
		_, err := s.db.Exec(`INSERT INTO appraisals (id, person, framework, self_assessment,
			agreed_assessment, plan, previous_plan, created_at, updated_at) VALUES ('x', ?, 'test@1', ?, ?, ?, ?, ?, ?)`,
			fx.person.ID, self, agreed, plan, previous, now, now)
		return err
	}
	agreed2 := newID()
	if _, err := s.db.Exec(`INSERT INTO assessments (id, person, framework, kind, created_at, updated_at)
		VALUES (?, ?, 'test@1', 'agreed', ?, ?)`, agreed2, fx.person.ID, now, now); err != nil {
		t.Fatal(err)
	}
	plan2, _ := s.CreatePlan(context.Background(), model.Plan{PersonID: fx.person.ID, Framework: testRef})
	otherPlan, _ := s.CreatePlan(context.Background(), model.Plan{PersonID: other.ID, Framework: testRef})
	tests := []struct {
		name string
		err  error
	}{
		{"self of another person", insert(otherSelf.ID, agreed2, plan2.ID, nil)},
		{"agreed that is a self", insert(fx.self.ID, fx.self.ID, plan2.ID, nil)},
		{"agreed already used", insert(fx.self.ID, ap.AgreedID, plan2.ID, nil)},
		{"plan already used", insert(fx.self.ID, agreed2, ap.Plan, nil)},
		{"plan of another person", insert(fx.self.ID, agreed2, otherPlan.ID, nil)},
		{"previous plan of another person", insert(fx.self.ID, agreed2, plan2.ID, otherPlan.ID)},
		{"reviews its own plan", insert(fx.self.ID, agreed2, plan2.ID, plan2.ID)},
		{"appraiser link to the self-assessment", func() error {
			_, err := s.db.Exec("UPDATE appraisers SET assessment = ? WHERE appraisal = ?", fx.self.ID, ap.ID)
			return err
		}()},
		{"appraiser with another person's assessment", func() error {
			a, err := s.CreateAssessment(context.Background(), model.Assessment{PersonID: other.ID, Framework: testRef, Kind: model.AppraiserAssessment})
			if err != nil {
				t.Fatal(err)
			}
			_, err = s.db.Exec("INSERT INTO appraisers (appraisal, position, name, assessment) VALUES (?, 2, 'Cy', ?)", ap.ID, a.ID)
			return err
		}()},
		{"fifth appraiser", func() error {
			_, err := s.db.Exec("INSERT INTO appraisers (appraisal, position, name) VALUES (?, 5, 'Cy')", ap.ID)
			return err
		}()},
		{"same name twice", func() error {
			_, err := s.db.Exec("INSERT INTO appraisers (appraisal, position, name) VALUES (?, 2, 'DR BEA APPRAISER')", ap.ID)
			return err
		}()},
		{"scope not a list", func() error {
			_, err := s.db.Exec("INSERT INTO appraisers (appraisal, position, name, scope) VALUES (?, 2, 'Cy', '\"A\"')", ap.ID)
			return err
		}()},
		{"moved to another self-assessment", func() error {
			_, err := s.db.Exec("UPDATE appraisals SET self_assessment = ? WHERE id = ?", otherSelf.ID, ap.ID)
			return err
		}()},
		{"blank note", func() error {
			_, err := s.db.Exec("INSERT INTO appraisal_notes (appraisal, framework, item, note, updated_at) VALUES (?, 'test@1', 'A', ' ', ?)", ap.ID, now)
			return err
		}()},
	}
	for _, tc := range tests {
		if tc.err == nil {
			t.Errorf("%s: the database accepted it", tc.name)
		} else if k := kindOf(tc.err); k != model.Invalid && k != model.Conflict {
			t.Errorf("%s: kind %v (%v)", tc.name, k, tc.err)
		}
	}
	if err := insert(fx.self.ID, agreed2, plan2.ID, fx.previous.ID); err != nil {
		t.Errorf("a second, well-formed appraisal of the same self-assessment: %v", err)
	}
}

// TestMigrateOneAppraiserAppraisal upgrades a schema-5 database holding a
// signed one-appraiser appraisal: the appraiser becomes appraiser number 1
// with their name, assessment and sign-off; nothing else about it changes.
func TestMigrateOneAppraiserAppraisal(t *testing.T) {
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "gapwise.db")
	old := storeAtVersion(t, path, 5)
	if _, err := old.SeedPacks(ctx, []PackData{packOf(t, tinyFramework("1"))}); err != nil {
		t.Fatal(err)
	}
	p, self := newAssessment(t, old)
	appr, err := old.CreateAssessment(ctx, model.Assessment{PersonID: p.ID, Framework: testRef, Kind: model.AppraiserAssessment, Assessor: "Dr Bea"})
	if err != nil {
		t.Fatal(err)
	}
	agreed, err := old.CreateAssessment(ctx, model.Assessment{PersonID: p.ID, Framework: testRef, Kind: model.AgreedAssessment})
	if err != nil {
		t.Fatal(err)
	}
	for _, r := range []struct {
		a     string
		level int
	}{{self.ID, 2}, {appr.ID, 3}, {agreed.ID, 3}} {
		rateAtOldSchema(t, old, r.a, model.Rating{Item: "A", Level: r.level})
	}
	prev, _ := old.CreatePlan(ctx, model.Plan{PersonID: p.ID, Framework: testRef, Title: "Last year"})
	plan, _ := old.CreatePlan(ctx, model.Plan{PersonID: p.ID, Framework: testRef, Title: "This year"})
	const created, signedEE, signedER = "2026-04-01T09:00:00.000Z", "2026-04-29T10:15:00.000Z", "2026-04-30T08:05:00.000Z"
	if _, err := old.db.Exec(`INSERT INTO appraisals (id, person, framework, period, appraiser_name, self_assessment,
		appraiser_assessment, agreed_assessment, previous_plan, plan, overall_notes, appraisee_signed_at,
		appraiser_signed_at, created_at, updated_at) VALUES ('ap1', ?, 'test@1', '2026/27', 'Dr Bea', ?, ?, ?, ?, ?,
		'A good year.', ?, ?, ?, ?)`, p.ID, self.ID, appr.ID, agreed.ID, prev.ID, plan.ID, signedEE, signedER, created, created); err != nil {
		t.Fatal(err)
	}
	if _, err := old.db.Exec(`INSERT INTO appraisal_notes (appraisal, framework, item, note, updated_at)
		VALUES ('ap1', 'test@1', 'A', 'agreed 3 after the audit', ?)`, created); err != nil {
		t.Fatal(err)
	}
	old.Close()

	s := openAt(t, path)
	if s.SchemaVersion() != LatestSchema {
		t.Fatalf("schema %d after upgrade", s.SchemaVersion())
	}
	got, err := s.Appraisal(ctx, "ap1")
	if err != nil {
		t.Fatal(err)
	}
	stampOf := func(v string) time.Time { tm, _ := time.Parse(time.RFC3339, v); return tm }
	want := model.Appraiser{Name: "Dr Bea", AssessmentID: appr.ID, SignedAt: stampOf(signedER)}
	if len(got.Appraisers) != 1 || got.Appraisers[0].Name != want.Name || got.Appraisers[0].AssessmentID != want.AssessmentID ||
		!got.Appraisers[0].SignedAt.Equal(want.SignedAt) || got.Appraisers[0].Scope != nil || got.Appraisers[0].Role != "" {
		t.Errorf("appraisers after upgrade: %+v, want [%+v]", got.Appraisers, want)
	}
	if got.SelfID != self.ID || got.AgreedID != agreed.ID || got.PreviousPlan != prev.ID || got.Plan != plan.ID ||
		got.Period != "2026/27" || got.OverallNotes != "A good year." || !got.AppraiseeSignedAt.Equal(stampOf(signedEE)) ||
		!got.CreatedAt.Equal(stampOf(created)) || got.ItemNotes["A"] != "agreed 3 after the audit" || !got.AllSigned() {
		t.Errorf("appraisal after upgrade: %+v", got)
	}
	if problems, err := s.Check(ctx); err != nil || len(problems) != 0 {
		t.Errorf("Check after upgrade: %v %v", problems, err)
	}
	// The upgraded appraisal takes a second appraiser once the sign-off is withdrawn.
	wantKind(t, s.AddAppraiser(ctx, "ap1", model.Appraiser{Name: "Dr Cy"}, nil), model.Conflict)
	for _, who := range []int{-1, 0} {
		if err := s.SignAppraisal(ctx, "ap1", who, time.Time{}); err != nil {
			t.Fatal(err)
		}
	}
	if err := s.AddAppraiser(ctx, "ap1", model.Appraiser{Name: "Dr Cy", Role: "clinical appraiser", Scope: []string{"G1"}}, nil); err != nil {
		t.Fatal(err)
	}
	if got, _ := s.Appraisal(ctx, "ap1"); len(got.Appraisers) != 2 || !slices.Equal(got.Appraisers[1].Scope, []string{"G1"}) {
		t.Errorf("after adding: %+v", got.Appraisers)
	}
	// Deleting the appraisal still takes its notes and appraisers with it.
	if err := s.DeleteAppraisal(ctx, "ap1"); err != nil {
		t.Fatal(err)
	}
	for _, table := range []string{"appraisal_notes", "appraisers"} {
		if n := count(t, s, "SELECT count(*) FROM "+table); n != 0 {
			t.Errorf("%d rows of %s outlived their appraisal", n, table)
		}
	}
}
