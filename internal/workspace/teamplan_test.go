package workspace

import (
	"context"
	"testing"

	"gapwise/internal/model"
)

func TestTeamPlanActionsForTheTeamOrAMember(t *testing.T) {
	ctx := context.Background()
	ws := openTemp(t)
	team, err := ws.CreateTeam(ctx, "Informatics", model.FrameworkRef{ID: "fci", Version: "2020-provisional"})
	if err != nil {
		t.Fatal(err)
	}
	member, _ := ws.AddPerson(ctx, model.Person{Name: "Ana", Discipline: model.Nurse})
	outsider, _ := ws.AddPerson(ctx, model.Person{Name: "Ben", Discipline: model.Doctor})
	if err := ws.AddMember(ctx, model.TeamID(team.ID), model.PersonID(member.ID)); err != nil {
		t.Fatal(err)
	}
	whole := model.Action{Objective: "Business analysts run a process-mapping session for the team", Items: []string{"2.2"}, Activity: "project work", Status: model.Planned}
	if _, err := ws.SaveTeamAction(ctx, team.ID, whole); err != nil {
		t.Fatal(err)
	}
	mine := model.Action{Objective: "Shadow the clinical safety officer for a hazard workshop", Items: []string{"1.2"}, Owner: member.ID, Status: model.Planned}
	if _, err := ws.SaveTeamAction(ctx, team.ID, mine); err != nil {
		t.Fatal(err)
	}
	mine.Owner = outsider.ID
	if _, err := ws.SaveTeamAction(ctx, team.ID, mine); model.KindOf(err) != model.Invalid {
		t.Errorf("an action owned by someone outside the team: %v", err)
	}
	p, err := ws.TeamPlan(ctx, team.ID)
	if err != nil {
		t.Fatal(err)
	}
	if len(p.Actions) != 2 || p.TeamID != team.ID {
		t.Fatalf("team plan has %d actions: %+v", len(p.Actions), p)
	}
	again, _ := ws.TeamPlan(ctx, team.ID)
	if again.ID != p.ID {
		t.Error("asking for the team plan again made a second plan")
	}
}
