package workspace

import (
	"context"
	"slices"
	"time"

	"gapwise/internal/model"
)

// TeamPlan returns the team's development plan, creating an empty one the
// first time: a workshop agrees one plan for the team.
func (w *Workspace) TeamPlan(ctx context.Context, teamID string) (model.Plan, error) {
	team, err := w.store.Team(ctx, teamID)
	if err != nil {
		return model.Plan{}, err
	}
	plans, err := w.store.PlansForTeam(ctx, teamID)
	if err != nil {
		return model.Plan{}, err
	}
	if len(plans) > 0 {
		return plans[0], nil
	}
	return w.store.CreatePlan(ctx, model.Plan{
		TeamID: teamID, Framework: team.Framework, Title: "Team development plan — " + team.Name,
		CreatedAt: time.Now().UTC(),
	})
}

// SaveTeamAction adds or changes an action of a team's plan. An action
// belongs to the whole team (no owner) or to a named member.
func (w *Workspace) SaveTeamAction(ctx context.Context, teamID string, a model.Action) (model.Action, error) {
	p, err := w.TeamPlan(ctx, teamID)
	if err != nil {
		return model.Action{}, err
	}
	if a.Owner != "" {
		members, err := w.store.Members(ctx, teamID)
		if err != nil {
			return model.Action{}, err
		}
		if !slices.ContainsFunc(members, func(m model.Person) bool { return m.ID == a.Owner }) {
			return model.Action{}, model.Errorf(model.Invalid, "the action's owner is not a member of this team")
		}
	}
	return w.SaveAction(ctx, p.ID, a)
}
