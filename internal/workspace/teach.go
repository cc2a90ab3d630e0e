package workspace

import (
	"context"
	"slices"
	"strings"

	"gapwise/internal/gap"
	"gapwise/internal/model"
)

// PairingActions are the team actions that agree an item's suggested
// sessions (gap.Teach): for each pairing, the teacher's "Run a session"
// and each learner's "Join the session", owned by them. The objectives name
// nobody (gap.PairingObjective), so the plan is safe to project.
func PairingActions(tc gap.Teaching, t *gap.TeamRatings) []model.Action {
	var out []model.Action
	for _, p := range tc.Pairings {
		out = append(out, model.Action{
			Objective: gap.PairingObjective(tc.Item, len(p.Learners)), Items: []string{tc.Item.ID},
			Activity: "mentoring", Owner: t.MemberID(p.Teacher), Status: model.Planned,
		})
		for _, l := range p.Learners {
			out = append(out, model.Action{
				Objective: gap.JoinObjective(tc.Item), Items: []string{tc.Item.ID},
				Activity: "mentoring", Owner: t.MemberID(l), Status: model.Planned,
			})
		}
	}
	return out
}

// AgreePairings adds an item's suggested sessions, as the team's ratings
// stand now, to its plan in one transaction (PairingActions) and returns
// the actions added. An item with no suggested session is Invalid, naming
// it, and so is an item whose figures d hides (its sessions are not shown
// there, so they are not agreed there either). Otherwise display d only
// orders ties (gap.Teach); the actions are the same people whichever
// display chose them. Actions the plan already holds open are not added
// again; when all are, it is Invalid.
func (w *Workspace) AgreePairings(ctx context.Context, teamID, itemID string, d gap.Display) ([]model.Action, error) {
	v, err := w.TeamView(ctx, teamID)
	if err != nil {
		return nil, err
	}
	var m *gap.ItemMeasure
	for i := range v.Measures.Items {
		if v.Measures.Items[i].Item.ID == itemID {
			m = &v.Measures.Items[i]
		}
	}
	if m == nil {
		return nil, model.Errorf(model.NotFound, "%s has no item %q", v.Framework.Ref, itemID)
	}
	if d.Hides(m.Rated) {
		return nil, model.Errorf(model.Invalid, "%s rests on fewer than %d rated members, so workshop display does not show its sessions", itemID, d.MinPeople)
	}
	tc := gap.Teach(v.Framework, v.Ratings, m, v.Ratings.DisplayOrder(v.Roster(d)))
	actions := PairingActions(tc, v.Ratings)
	if len(actions) == 0 {
		return nil, model.Errorf(model.Invalid, "nobody in the team is paired on %s: no one is both further on and asked to teach", itemID)
	}
	p, err := w.TeamPlan(ctx, teamID)
	if err != nil {
		return nil, err
	}
	// Agreeing again adds only what the plan does not already hold open
	// (the same owner, objective and item, planned or in progress).
	open := map[[3]string]bool{}
	for _, a := range p.Actions {
		if a.Status == model.Planned || a.Status == model.InProgress {
			open[[3]string{a.Owner, a.Objective, strings.Join(a.Items, ",")}] = true
		}
	}
	actions = slices.DeleteFunc(actions, func(a model.Action) bool {
		return open[[3]string{a.Owner, a.Objective, strings.Join(a.Items, ",")}]
	})
	if len(actions) == 0 {
		return nil, model.Errorf(model.Invalid, "the suggested sessions on %s are already in the team plan", itemID)
	}
	for i := range actions {
		if err := checkAction(v.Framework, &actions[i]); err != nil {
			return nil, err
		}
	}
	saved, err := w.store.AddActions(ctx, p.ID, actions)
	return saved, w.changed(ctx, err, PlanChanged, p.ID)
}
