package store

import (
	"context"
	"slices"
	"testing"

	"gapwise/internal/model"
)

func TestTeams(t *testing.T) {
	ctx := context.Background()
	s := newStore(t)
	team, err := s.CreateTeam(ctx, model.Team{Name: "Digital nursing", Framework: testRef})
	if err != nil || !uuidV4.MatchString(team.ID) {
		t.Fatalf("CreateTeam: %+v, %v", team, err)
	}
	_, err = s.CreateTeam(ctx, model.Team{Name: "X", Framework: model.FrameworkRef{ID: "x", Version: "1"}})
	wantKind(t, err, model.NotFound)
	_, err = s.CreateTeam(ctx, model.Team{Name: " ", Framework: testRef})
	wantKind(t, err, model.Invalid)

	var people []model.Person
	for _, name := range []string{"Cara", "Ann", "Ben"} {
		p, err := s.CreatePerson(ctx, model.Person{Name: name, Discipline: model.Nurse})
		if err != nil {
			t.Fatal(err)
		}
		people = append(people, p)
		if err := s.AddMember(ctx, model.TeamID(team.ID), model.PersonID(p.ID)); err != nil {
			t.Fatal(err)
		}
	}
	if err := s.AddMember(ctx, model.TeamID(team.ID), model.PersonID(people[0].ID)); err != nil {
		t.Errorf("adding a member twice: %v", err)
	}
	if err := s.RemoveMember(ctx, model.TeamID(team.ID), model.PersonID(people[2].ID)); err != nil {
		t.Fatal(err)
	}
	members, err := s.Members(ctx, team.ID)
	var names []string
	for _, m := range members {
		names = append(names, m.Name)
	}
	if err != nil || !slices.Equal(names, []string{"Ann", "Cara"}) {
		t.Errorf("Members = %v, %v", names, err)
	}
	wantKind(t, s.AddMember(ctx, "nope", model.PersonID(people[0].ID)), model.NotFound)
	wantKind(t, s.AddMember(ctx, model.TeamID(team.ID), "nobody"), model.NotFound)
	_, err = s.Members(ctx, "nope")
	wantKind(t, err, model.NotFound)

	if err := s.SetTeamTargets(ctx, team.ID, []model.Target{{Item: "B", Level: 6}, {Item: "A", Level: 2}}); err != nil {
		t.Fatal(err)
	}
	wantKind(t, s.SetTeamTargets(ctx, team.ID, []model.Target{{Item: "A", Level: 7}}), model.Invalid)
	if got, _ := s.TeamTargets(ctx, team.ID); !slices.Equal(got, []model.Target{{Item: "A", Level: 2, Source: "manual"}, {Item: "B", Level: 6, Source: "manual"}}) {
		t.Errorf("TeamTargets = %v", got)
	}

	teams, err := s.Teams(ctx)
	if err != nil || len(teams) != 1 || teams[0] != team {
		t.Errorf("Teams = %+v, %v; want %+v", teams, err, team)
	}
	if err := s.DeleteTeam(ctx, team.ID); err != nil {
		t.Fatal(err)
	}
	if n := count(t, s, "SELECT count(*) FROM people"); n != 3 {
		t.Errorf("deleting a team deleted people: %d left", n)
	}
	if n := count(t, s, "SELECT count(*) FROM memberships") + count(t, s, "SELECT count(*) FROM team_targets"); n != 0 {
		t.Errorf("%d membership/target rows outlived the team", n)
	}
}

func TestPlans(t *testing.T) {
	ctx := context.Background()
	s := newStore(t)
	p, err := s.CreatePerson(ctx, model.Person{Name: "Ola", Discipline: model.Nurse})
	if err != nil {
		t.Fatal(err)
	}
	plan, err := s.CreatePlan(ctx, model.Plan{PersonID: p.ID, Framework: testRef, Title: "2026 development",
		Actions: []model.Action{{Objective: "Lead a data audit", Items: []string{"B", "A"}, Due: "2026-06-30"}}})
	if err != nil {
		t.Fatal(err)
	}
	if !uuidV4.MatchString(plan.ID) || len(plan.Actions) != 1 || !uuidV4.MatchString(plan.Actions[0].ID) || plan.Actions[0].Status != model.Planned {
		t.Fatalf("CreatePlan = %+v", plan)
	}
	second, err := s.SaveAction(ctx, plan.ID, model.Action{Objective: "Shadow the CCIO", Owner: p.ID, Status: model.InProgress})
	if err != nil {
		t.Fatal(err)
	}
	first := plan.Actions[0]
	first.Status, first.Evidence, first.Items = model.Done, "audit report", []string{"A"}
	if _, err := s.SaveAction(ctx, plan.ID, first); err != nil {
		t.Fatal(err)
	}

	got, err := s.Plan(ctx, plan.ID)
	if err != nil {
		t.Fatal(err)
	}
	if len(got.Actions) != 2 || got.Actions[1].ID != second.ID || got.Title != "2026 development" || got.PersonID != p.ID {
		t.Fatalf("Plan = %+v", got)
	}
	if a := got.Actions[0]; a.Status != model.Done || a.Evidence != "audit report" || !slices.Equal(a.Items, []string{"A"}) || a.Due != "2026-06-30" {
		t.Errorf("updated action = %+v", a)
	}
	if got.UpdatedAt.Before(plan.UpdatedAt) {
		t.Errorf("plan updated_at went back: %v < %v", got.UpdatedAt, plan.UpdatedAt)
	}

	for _, bad := range []model.Action{
		{Objective: "x", Items: []string{"Z"}},
		{Objective: "x", Items: []string{"A", "A"}},
		{Objective: "x", Status: "maybe"},
		{Objective: "x", Due: "next June"},
	} {
		_, err := s.SaveAction(ctx, plan.ID, bad)
		wantKind(t, err, model.Invalid)
	}
	_, err = s.SaveAction(ctx, plan.ID, model.Action{Objective: "x", Owner: "nobody"})
	wantKind(t, err, model.NotFound)
	_, err = s.SaveAction(ctx, "nope", model.Action{Objective: "x"})
	wantKind(t, err, model.NotFound)

	team, _ := s.CreateTeam(ctx, model.Team{Name: "T", Framework: testRef})
	teamPlan, err := s.CreatePlan(ctx, model.Plan{TeamID: team.ID, Framework: testRef})
	if err != nil {
		t.Fatal(err)
	}
	_, err = s.SaveAction(ctx, teamPlan.ID, model.Action{ID: second.ID, Objective: "steal"})
	wantKind(t, err, model.Conflict)
	_, err = s.CreatePlan(ctx, model.Plan{PersonID: p.ID, TeamID: team.ID, Framework: testRef})
	wantKind(t, err, model.Invalid)
	_, err = s.CreatePlan(ctx, model.Plan{Framework: testRef})
	wantKind(t, err, model.Invalid)
	_, err = s.CreatePlan(ctx, model.Plan{PersonID: "nobody", Framework: testRef})
	wantKind(t, err, model.NotFound)

	plans, err := s.PlansFor(ctx, p.ID)
	if err != nil || len(plans) != 1 || len(plans[0].Actions) != 2 {
		t.Errorf("PlansFor = %+v, %v", plans, err)
	}
	if tp, err := s.PlansForTeam(ctx, team.ID); err != nil || len(tp) != 1 || tp[0].TeamID != team.ID {
		t.Errorf("PlansForTeam = %+v, %v", tp, err)
	}

	if err := s.DeleteAction(ctx, first.ID); err != nil {
		t.Fatal(err)
	}
	wantKind(t, s.DeleteAction(ctx, first.ID), model.NotFound)
	if got, _ := s.Plan(ctx, plan.ID); len(got.Actions) != 1 || got.Actions[0].ID != second.ID {
		t.Errorf("after delete: %+v", got.Actions)
	}
	if err := s.DeletePlan(ctx, plan.ID); err != nil {
		t.Fatal(err)
	}
	_, err = s.Plan(ctx, plan.ID)
	wantKind(t, err, model.NotFound)
	if n := count(t, s, "SELECT count(*) FROM actions"); n != 0 {
		t.Errorf("%d actions outlived their plan", n)
	}
}

func TestSettings(t *testing.T) {
	ctx := context.Background()
	s := newStore(t)
	if v, ok, err := s.Setting(ctx, "workshop.min_people"); err != nil || ok || v != "" {
		t.Errorf("unset setting: %q, %v, %v", v, ok, err)
	}
	for _, v := range []string{"3", "5"} {
		if err := s.SetSetting(ctx, "workshop.min_people", v); err != nil {
			t.Fatal(err)
		}
	}
	if v, ok, err := s.Setting(ctx, "workshop.min_people"); err != nil || !ok || v != "5" {
		t.Errorf("setting: %q, %v, %v", v, ok, err)
	}
}
