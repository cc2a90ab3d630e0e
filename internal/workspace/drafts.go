package workspace

import (
	"context"
	"time"

	"gapwise/internal/gap"
	"gapwise/internal/model"
)

// PlanDraft is a plan proposed from a person's gaps, shown for them to keep,
// edit or drop each action before anything is saved (see gap.DraftPersonPlan
// for the rules).
type PlanDraft struct {
	Assessment model.Assessment // the person's own assessment the gaps come from
	Framework  *model.Framework
	Title      string // the title the plan gets
	Drafts     []gap.Draft
	Below      int            // items below target in the assessment
	Catalogue  *CatalogueInfo // the catalogue the drafts drew on; nil when the framework version has none
}

// DraftPlan proposes a plan from the gaps of the person's own assessment
// (OwnAssessment: never an appraiser's view): one action for each of the
// gap.DraftGaps largest, from the framework version's learning catalogue
// where it has an entry for the item. Nothing is written.
func (w *Workspace) DraftPlan(ctx context.Context, assessmentID string) (*PlanDraft, error) {
	a, err := w.OwnAssessment(ctx, assessmentID)
	if err != nil {
		return nil, err
	}
	v, err := w.Gaps(ctx, a.ID)
	if err != nil {
		return nil, err
	}
	f := v.Sheet.Framework
	cat, info, err := w.catalogueFor(ctx, a.Framework)
	if err != nil {
		return nil, err
	}
	return &PlanDraft{
		Assessment: a, Framework: f, Title: DefaultPlanTitle(f, time.Now()),
		Drafts: gap.DraftPersonPlan(f, v.Report.Items, cat, gap.DraftGaps), Below: v.Report.Below, Catalogue: info,
	}, nil
}

// catalogueFor is a framework version's catalogue and its summary, both nil
// when it has none.
func (w *Workspace) catalogueFor(ctx context.Context, ref model.FrameworkRef) (*model.Catalogue, *CatalogueInfo, error) {
	c, ok, err := w.store.Catalogue(ctx, ref)
	if err != nil || !ok {
		return nil, nil, err
	}
	info, _, err := w.catalogueInfo(ctx, ref)
	if err != nil {
		return nil, nil, err
	}
	return &c, &info, nil
}

// CreatePlanWithActions starts a plan for the person and framework version
// of the assessment's own assessment (OwnAssessment) holding the actions the
// person kept from a draft, each checked like any action, all in one
// transaction. An empty title gets the default one; no actions gives an
// empty plan.
func (w *Workspace) CreatePlanWithActions(ctx context.Context, assessmentID, title string, actions []model.Action) (model.Plan, error) {
	a, err := w.OwnAssessment(ctx, assessmentID)
	if err != nil {
		return model.Plan{}, err
	}
	f, err := w.Framework(ctx, a.Framework)
	if err != nil {
		return model.Plan{}, err
	}
	if title, err = checkLine("plan title", title); err != nil {
		return model.Plan{}, err
	}
	if title == "" {
		title = DefaultPlanTitle(f, time.Now())
	}
	kept := make([]model.Action, len(actions))
	for i, act := range actions {
		act.ID, act.Owner = "", ""
		if err := checkAction(f, &act); err != nil {
			return model.Plan{}, model.Wrap(model.KindOf(err), err, "action %d", i+1)
		}
		kept[i] = act
	}
	p, err := w.store.CreatePlan(ctx, model.Plan{PersonID: a.PersonID, Framework: a.Framework, Title: title, Actions: kept})
	return p, w.changed(ctx, err, PlanChanged, p.ID)
}

// TeamPlanDraft is actions proposed for a team's plan from its common gaps
// (gap.DraftTeamPlan), shown for the team to keep, edit or drop.
type TeamPlanDraft struct {
	Drafts    []gap.Draft
	Catalogue *CatalogueInfo // nil when the team's framework version has none
	// Common is how many common gaps the display shows; Addressed how many
	// of those open actions of the plan already address.
	Common, Addressed int
}

// DraftTeamPlan proposes actions for a team's largest common gaps as the
// display shows them: in workshop display, gaps resting on fewer than its
// threshold are left out, and no draft names anyone. Nothing is written.
func (w *Workspace) DraftTeamPlan(ctx context.Context, teamID string, d gap.Display) (*TeamPlanDraft, error) {
	if err := d.Validate(); err != nil {
		return nil, err
	}
	v, err := w.TeamView(ctx, teamID)
	if err != nil {
		return nil, err
	}
	var existing []model.Action
	plans, err := w.store.PlansForTeam(ctx, teamID)
	if err != nil {
		return nil, err
	}
	if len(plans) > 0 {
		existing = plans[0].Actions
	}
	cat, info, err := w.catalogueFor(ctx, v.Team.Framework)
	if err != nil {
		return nil, err
	}
	out := &TeamPlanDraft{Catalogue: info, Drafts: gap.DraftTeamPlan(v.Framework, v.Measures.CommonGaps, d, existing, cat, gap.DraftGaps)}
	open := map[string]bool{}
	for _, a := range existing {
		if a.Status != model.Done && a.Status != model.Dropped {
			for _, id := range a.Items {
				open[id] = true
			}
		}
	}
	for _, m := range v.Measures.CommonGaps {
		if !d.Hides(m.Rated) {
			out.Common++
			if open[m.Item.ID] {
				out.Addressed++
			}
		}
	}
	return out, nil
}

// AddTeamActions adds the actions a team kept from a draft to its plan (made
// the first time), all in one transaction. Each belongs to the whole team.
func (w *Workspace) AddTeamActions(ctx context.Context, teamID string, actions []model.Action) ([]model.Action, error) {
	p, err := w.TeamPlan(ctx, teamID)
	if err != nil {
		return nil, err
	}
	f, err := w.Framework(ctx, p.Framework)
	if err != nil {
		return nil, err
	}
	kept := make([]model.Action, len(actions))
	for i, act := range actions {
		act.ID, act.Owner = "", ""
		if err := checkAction(f, &act); err != nil {
			return nil, model.Wrap(model.KindOf(err), err, "action %d", i+1)
		}
		kept[i] = act
	}
	saved, err := w.store.AddActions(ctx, p.ID, kept)
	return saved, w.changed(ctx, err, PlanChanged, p.ID)
}
