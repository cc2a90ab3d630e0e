package workspace

import (
	"context"
	"fmt"
	"slices"
	"strings"
	"time"
	"unicode/utf8"

	"gapwise/internal/exchange"
	"gapwise/internal/model"
)

// Limits of a development action.
const (
	MaxObjectiveLen = model.MaxObjectiveLen   // characters of a SMART objective
	MaxActionText   = exchange.MaxEvidenceLen // characters of completion evidence, notes
)

// frameworkLabel names a framework version for titles: "DDaT 2025-q3", "SFIA 9".
func frameworkLabel(f *model.Framework) string {
	name := f.ShortName
	if name == "" {
		name = f.Ref.ID
	}
	if strings.Contains(name, f.Ref.Version) {
		return name
	}
	return name + " " + f.Ref.Version
}

// DefaultPlanTitle is the title a new plan gets when none is given, e.g.
// "Development plan — DDaT 2025-q3 — 22 Nov 2026".
func DefaultPlanTitle(f *model.Framework, day time.Time) string {
	return fmt.Sprintf("Development plan — %s — %s", frameworkLabel(f), day.Local().Format("2 Jan 2006"))
}

// checkLine tidies a one-line text (a title, a name) and refuses one that is
// too long or holds a line break.
func checkLine(what, s string) (string, error) {
	s, err := model.CleanLine(s)
	if err != nil {
		return "", model.Errorf(model.Invalid, "the %s %v", what, err)
	}
	if utf8.RuneCountInString(s) > exchange.MaxTextLen {
		return "", model.Errorf(model.Invalid, "the %s is longer than %d characters", what, exchange.MaxTextLen)
	}
	return s, nil
}

// checkText tidies a longer text (notes, evidence) and refuses one over limit
// characters. Line breaks are kept.
func checkText(what, s string, limit int) (string, error) {
	s, err := model.CleanText(s)
	if err != nil {
		return "", model.Errorf(model.Invalid, "the %s %v", what, err)
	}
	if utf8.RuneCountInString(s) > limit {
		return "", model.Errorf(model.Invalid, "the %s is longer than %d characters", what, limit)
	}
	return s, nil
}

// CreatePlan starts an empty development plan for a person against one
// framework version. An empty title gets the default one.
func (w *Workspace) CreatePlan(ctx context.Context, personID string, ref model.FrameworkRef, title string) (model.Plan, error) {
	f, err := w.Framework(ctx, ref)
	if err != nil {
		return model.Plan{}, err
	}
	if title, err = checkLine("plan title", title); err != nil {
		return model.Plan{}, err
	}
	if title == "" {
		title = DefaultPlanTitle(f, time.Now())
	}
	p, err := w.store.CreatePlan(ctx, model.Plan{PersonID: personID, Framework: ref, Title: title})
	return p, w.changed(ctx, err, PlanChanged, p.ID)
}

// PlanFromGaps starts an empty plan for an assessment's person and framework
// version, titled after the framework and today's date. It invents no
// actions: the person writes them, looking at their gaps.
func (w *Workspace) PlanFromGaps(ctx context.Context, assessmentID string) (model.Plan, error) {
	a, err := w.store.Assessment(ctx, assessmentID)
	if err != nil {
		return model.Plan{}, err
	}
	return w.CreatePlan(ctx, a.PersonID, a.Framework, "")
}

// Plans lists a person's plans, newest first, with their actions.
func (w *Workspace) Plans(ctx context.Context, personID string) ([]model.Plan, error) {
	return w.store.PlansFor(ctx, personID)
}

// Plan returns one plan with its actions in order.
func (w *Workspace) Plan(ctx context.Context, id string) (model.Plan, error) {
	return w.store.Plan(ctx, id)
}

// LatestPlan is a person's most recently started plan; ok is false when
// they have none.
func (w *Workspace) LatestPlan(ctx context.Context, personID string) (p model.Plan, ok bool, err error) {
	plans, err := w.store.PlansFor(ctx, personID)
	if err != nil || len(plans) == 0 {
		return model.Plan{}, false, err
	}
	return plans[0], true, nil
}

// SaveAction adds an action to a plan (when a.ID is empty) or replaces one of
// its actions, and returns it as saved. The objective is needed (up to 1,000
// characters); items must exist in the plan's framework version; the
// activity is one of model.Activities or "" (not chosen yet); the due date is
// YYYY-MM-DD or ""; the status is one of model.ActionStatuses ("" means
// planned); evidence is up to 10,000 characters.
func (w *Workspace) SaveAction(ctx context.Context, planID string, a model.Action) (model.Action, error) {
	p, err := w.store.Plan(ctx, planID)
	if err != nil {
		return model.Action{}, err
	}
	i := slices.IndexFunc(p.Actions, func(x model.Action) bool { return x.ID == a.ID })
	if a.ID != "" && i < 0 {
		return model.Action{}, model.Errorf(model.NotFound, "plan %q has no action %s", p.Title, a.ID)
	}
	f, err := w.Framework(ctx, p.Framework)
	if err != nil {
		return model.Action{}, err
	}
	if err := checkAction(f, &a); err != nil {
		return model.Action{}, err
	}
	// A signed appraisal's plan keeps what was agreed; progress on it
	// (status and completion evidence) is still recorded through the year.
	if i < 0 || !sameAgreement(p.Actions[i], a) {
		if err := w.planLocked(ctx, planID); err != nil {
			return model.Action{}, err
		}
	}
	saved, err := w.store.SaveAction(ctx, planID, a)
	return saved, w.changed(ctx, err, PlanChanged, planID)
}

// sameAgreement reports whether two versions of an action agree on what was
// agreed (objective, items, activity, due date): they may differ in progress.
func sameAgreement(a, b model.Action) bool {
	return a.Objective == b.Objective && slices.Equal(a.Items, b.Items) && a.Activity == b.Activity && a.Due == b.Due && a.Owner == b.Owner
}

// checkAction tidies and validates an action against its plan's framework.
func checkAction(f *model.Framework, a *model.Action) error {
	var err error
	if a.Objective, err = checkText("objective", a.Objective, MaxObjectiveLen); err != nil {
		return err
	}
	if a.Objective == "" {
		return model.Errorf(model.Invalid, "an action needs an objective: what will be achieved, and how you will know")
	}
	if a.Evidence, err = checkText("completion evidence", a.Evidence, MaxActionText); err != nil {
		return err
	}
	items := make([]string, 0, len(a.Items))
	for _, id := range a.Items {
		id = strings.TrimSpace(id)
		if id == "" {
			continue
		}
		if _, ok := f.Item(id); !ok {
			return model.Errorf(model.Invalid, "%s has no item %q", f.Ref, id)
		}
		if slices.Contains(items, id) {
			return model.Errorf(model.Invalid, "item %s is listed twice", id)
		}
		items = append(items, id)
	}
	a.Items = items
	a.Activity = strings.TrimSpace(a.Activity)
	if a.Activity != "" && !slices.Contains(model.Activities, a.Activity) {
		return model.Errorf(model.Invalid, "unknown activity %q (one of: %s)", a.Activity, strings.Join(model.Activities, ", "))
	}
	a.Due = strings.TrimSpace(a.Due)
	if a.Due != "" {
		if _, err := time.Parse(time.DateOnly, a.Due); err != nil {
			return model.Errorf(model.Invalid, "due date %q is not a date: use YYYY-MM-DD, e.g. 2027-03-31", a.Due)
		}
	}
	if a.Status == "" {
		a.Status = model.Planned
	}
	if _, err := model.ParseActionStatus(string(a.Status)); err != nil {
		return err
	}
	return nil
}

// DeleteAction removes one action from a plan.
func (w *Workspace) DeleteAction(ctx context.Context, plan model.PlanID, action model.ActionID) error {
	planID, actionID := string(plan), string(action)
	p, err := w.store.Plan(ctx, planID)
	if err != nil {
		return err
	}
	if !slices.ContainsFunc(p.Actions, func(x model.Action) bool { return x.ID == actionID }) {
		return model.Errorf(model.NotFound, "plan %q has no action %s", p.Title, actionID)
	}
	if err := w.planLocked(ctx, planID); err != nil {
		return err
	}
	return w.changed(ctx, w.store.DeleteAction(ctx, actionID), PlanChanged, planID)
}

// DeletePlan removes a plan and its actions. The plan agreed at an appraisal
// is part of its record and is refused (Conflict) while the appraisal exists.
func (w *Workspace) DeletePlan(ctx context.Context, id string) error {
	_, err := w.Erase(ctx, ErasePlan, id)
	return err
}

func periodOr(period string) string {
	if period == "" {
		return "undated"
	}
	return period
}
