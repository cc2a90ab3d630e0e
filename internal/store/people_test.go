package store

import (
	"context"
	"regexp"
	"slices"
	"testing"
	"time"

	"gapwise/internal/model"
)

var uuidV4 = regexp.MustCompile(`^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$`)

func TestPeople(t *testing.T) {
	ctx := context.Background()
	s := newStore(t)
	zoe, err := s.CreatePerson(ctx, model.Person{Name: "zoe Smith", Discipline: model.Doctor, Role: "CCIO", InformaticsWTE: 0.5})
	if err != nil {
		t.Fatal(err)
	}
	if !uuidV4.MatchString(zoe.ID) || zoe.CreatedAt.IsZero() {
		t.Errorf("created %+v: want a v4 UUID and a creation time", zoe)
	}
	amir, err := s.CreatePerson(ctx, model.Person{ID: "6f1c1d1e-0000-4000-8000-000000000001", Name: "Amir Khan",
		Discipline: model.Pharmacist, Organisation: "Trust", Sample: true})
	if err != nil || amir.ID != "6f1c1d1e-0000-4000-8000-000000000001" {
		t.Fatalf("given id: %+v, %v", amir, err)
	}

	people, err := s.People(ctx)
	if err != nil || len(people) != 2 || people[0].ID != amir.ID || people[1] != zoe {
		t.Fatalf("People = %+v, %v; want Amir then zoe, as created", people, err)
	}
	names, err := s.PersonNames(ctx)
	want := []model.PersonName{{ID: amir.ID, Name: "Amir Khan", Sample: true}, {ID: zoe.ID, Name: "zoe Smith"}}
	if err != nil || !slices.Equal(names, want) {
		t.Errorf("PersonNames = %+v, %v; want %+v (People's order)", names, err, want)
	}
	if got, err := s.Person(ctx, amir.ID); err != nil || got != amir {
		t.Errorf("Person = %+v, %v; want %+v", got, err, amir)
	}

	zoe.Name, zoe.InformaticsWTE = "Zoe Smith", 0.6
	if err := s.UpdatePerson(ctx, zoe); err != nil {
		t.Fatal(err)
	}
	if got, _ := s.Person(ctx, zoe.ID); got != zoe {
		t.Errorf("after update %+v, want %+v", got, zoe)
	}

	_, err = s.CreatePerson(ctx, amir)
	wantKind(t, err, model.Conflict)
	_, err = s.Person(ctx, "nobody")
	wantKind(t, err, model.NotFound)
	wantKind(t, s.UpdatePerson(ctx, model.Person{ID: "nobody", Name: "X", Discipline: model.Nurse}), model.NotFound)
	for _, bad := range []model.Person{
		{Name: "", Discipline: model.Nurse},
		{Name: "X", Discipline: "surgeon"},
		{Name: "X", Discipline: ""},
		{Name: "X", Discipline: model.Nurse, InformaticsWTE: -1},
	} {
		_, err := s.CreatePerson(ctx, bad)
		wantKind(t, err, model.Invalid)
	}
}

func TestDeletePersonErasesTheirData(t *testing.T) {
	ctx := context.Background()
	s := newStore(t)
	p, a := newAssessment(t, s)
	if err := s.SetRating(ctx, a.ID, model.Rating{Item: "A", Level: 1}); err != nil {
		t.Fatal(err)
	}
	team, _ := s.CreateTeam(ctx, model.Team{Name: "Team", Framework: testRef})
	s.AddMember(ctx, model.TeamID(team.ID), model.PersonID(p.ID))
	if _, err := s.CreatePlan(ctx, model.Plan{PersonID: p.ID, Framework: testRef, Actions: []model.Action{{Objective: "Learn"}}}); err != nil {
		t.Fatal(err)
	}
	if err := s.DeletePerson(ctx, p.ID); err != nil {
		t.Fatal(err)
	}
	for _, table := range []string{"people", "assessments", "ratings", "memberships", "plans", "actions"} {
		if n := count(t, s, "SELECT count(*) FROM "+table); n != 0 {
			t.Errorf("%s: %d rows left", table, n)
		}
	}
	wantKind(t, s.DeletePerson(ctx, p.ID), model.NotFound)
}

func TestAssessments(t *testing.T) {
	ctx := context.Background()
	s := newStore(t)
	p, err := s.CreatePerson(ctx, model.Person{Name: "Sam", Discipline: model.AHP, Sample: true})
	if err != nil {
		t.Fatal(err)
	}
	day := func(d int) time.Time { return time.Date(2026, 1, d, 9, 0, 0, 0, time.UTC) }
	var ids []string
	for d := 1; d <= 3; d++ {
		a, err := s.CreateAssessment(ctx, model.Assessment{PersonID: p.ID, Framework: testRef, Kind: model.AppraiserAssessment,
			Assessor: "Dr Who", Scope: model.Scope{Group: "g1"}, CreatedAt: day(d)})
		if err != nil {
			t.Fatal(err)
		}
		if !uuidV4.MatchString(a.ID) || !a.UpdatedAt.Equal(day(d)) {
			t.Errorf("created %+v", a)
		}
		ids = append(ids, a.ID)
	}
	list, err := s.Assessments(ctx, p.ID)
	if err != nil || len(list) != 3 || list[0].ID != ids[2] || list[2].ID != ids[0] {
		t.Fatalf("Assessments = %+v, %v; want newest first", list, err)
	}
	got, err := s.Assessment(ctx, ids[0])
	want := model.Assessment{ID: ids[0], PersonID: p.ID, Framework: testRef, Kind: model.AppraiserAssessment, Assessor: "Dr Who",
		Scope: model.Scope{Group: "g1"}, CreatedAt: day(1), UpdatedAt: day(1)}
	if err != nil || got != want {
		t.Errorf("Assessment = %+v, %v; want %+v", got, err, want)
	}
	if n := count(t, s, "SELECT count(*) FROM assessments WHERE sample = 1"); n != 3 {
		t.Errorf("assessments of a sample person should be sample data; %d are", n)
	}

	tests := []struct {
		name string
		a    model.Assessment
		kind model.ErrorKind
	}{
		{"unknown person", model.Assessment{PersonID: "nobody", Framework: testRef, Kind: model.SelfAssessment}, model.NotFound},
		{"unknown framework", model.Assessment{PersonID: p.ID, Framework: model.FrameworkRef{ID: "sfia", Version: "99"}, Kind: model.SelfAssessment}, model.NotFound},
		{"unknown kind", model.Assessment{PersonID: p.ID, Framework: testRef, Kind: "peer"}, model.Invalid},
		{"duplicate id", model.Assessment{ID: ids[0], PersonID: p.ID, Framework: testRef, Kind: model.SelfAssessment}, model.Conflict},
	}
	for _, tc := range tests {
		_, err := s.CreateAssessment(ctx, tc.a)
		if model.KindOf(err) != tc.kind {
			t.Errorf("%s: %v, want kind %v", tc.name, err, tc.kind)
		}
	}

	if err := s.SetRating(ctx, ids[0], model.Rating{Item: "A", Level: 2}); err != nil {
		t.Fatal(err)
	}
	if err := s.DeleteAssessment(ctx, ids[0]); err != nil {
		t.Fatal(err)
	}
	if n := count(t, s, "SELECT count(*) FROM ratings"); n != 0 {
		t.Errorf("%d ratings outlived their assessment", n)
	}
	wantKind(t, s.DeleteAssessment(ctx, ids[0]), model.NotFound)
	_, err = s.Assessments(ctx, "nobody")
	wantKind(t, err, model.NotFound)
}

func TestReplaceAssessmentKeepsHistory(t *testing.T) {
	ctx := context.Background()
	s := newStore(t)
	p, err := s.CreatePerson(ctx, model.Person{Name: "Kim", Discipline: model.Midwife})
	if err != nil {
		t.Fatal(err)
	}
	a := model.Assessment{ID: "11111111-2222-4333-8444-555555555555", PersonID: p.ID, Framework: testRef, Kind: model.SelfAssessment,
		CreatedAt: time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)}
	first := []model.Rating{{Item: "A", Level: 1}, {Item: "B", Level: 4}}
	if err := s.ReplaceAssessment(ctx, a, first, []model.Target{{Item: "A", Level: 3}}, nil); err != nil {
		t.Fatal(err)
	}
	a.UpdatedAt = time.Date(2026, 2, 1, 0, 0, 0, 0, time.UTC)
	second := []model.Rating{{Item: "A", Level: 2}}
	if err := s.ReplaceAssessment(ctx, a, second, nil, []byte(`{"format":"gapwise.assessment","ratings":[]}`)); err != nil {
		t.Fatal(err)
	}
	rs := mustRatings(t, s, a.ID)
	if len(rs) != 1 || rs[0].Level != 2 {
		t.Errorf("ratings %+v, want only the newer file's", rs)
	}
	if ts, _ := s.Targets(ctx, a.ID); len(ts) != 0 {
		t.Errorf("targets %+v, want none", ts)
	}
	hist, err := s.AssessmentHistory(ctx, a.ID)
	if err != nil || len(hist) != 1 || string(hist[0].Snapshot) != `{"format":"gapwise.assessment","ratings":[]}` {
		t.Errorf("history %+v, %v", hist, err)
	}
	if got, _ := s.Assessment(ctx, a.ID); !got.UpdatedAt.Equal(a.UpdatedAt) {
		t.Errorf("updated_at %v, want the file's %v", got.UpdatedAt, a.UpdatedAt)
	}

	// A refused file changes nothing.
	err = s.ReplaceAssessment(ctx, a, []model.Rating{{Item: "A", Level: 9}}, nil, []byte(`{}`))
	wantKind(t, err, model.Invalid)
	if rs := mustRatings(t, s, a.ID); len(rs) != 1 || rs[0].Level != 2 {
		t.Errorf("refused file changed ratings: %+v", rs)
	}
	if hist, _ := s.AssessmentHistory(ctx, a.ID); len(hist) != 1 {
		t.Errorf("refused file added history: %d entries", len(hist))
	}
	other, _ := s.CreatePerson(ctx, model.Person{Name: "Lee", Discipline: model.Nurse})
	moved := a
	moved.PersonID = other.ID
	wantKind(t, s.ReplaceAssessment(ctx, moved, nil, nil, nil), model.Conflict)
	wantKind(t, s.ReplaceAssessment(ctx, a, []model.Rating{{Item: "A", Level: 1}, {Item: "A", Level: 2}}, nil, nil), model.Invalid)
}
