package cli

import (
	"flag"
	"fmt"
	"strings"
	"text/tabwriter"

	"gapwise/internal/model"
	"gapwise/internal/workspace"
)

// actionJSON is the stable JSON shape of one development action.
type actionJSON struct {
	ID        string   `json:"id"`
	Objective string   `json:"objective"`
	Items     []string `json:"items"`    // item ids; [] when none
	Activity  string   `json:"activity"` // one of the activities, or "" when not chosen
	Owner     string   `json:"owner"`    // person id; "" for the plan's person
	Due       *string  `json:"due"`      // YYYY-MM-DD; null when none
	Status    string   `json:"status"`   // planned, in-progress, done or dropped
	Evidence  string   `json:"evidence"`
}

// planJSON is the stable JSON shape of a plan (`plan new|list|show --json`).
type planJSON struct {
	ID         string       `json:"id"`
	Person     string       `json:"person"` // id
	PersonName string       `json:"person_name"`
	Framework  string       `json:"framework"`
	Title      string       `json:"title"`
	CreatedAt  string       `json:"created_at"`
	UpdatedAt  string       `json:"updated_at"`
	Actions    []actionJSON `json:"actions"`
}

func toActionJSON(a model.Action) actionJSON {
	out := actionJSON{ID: a.ID, Objective: a.Objective, Items: a.Items, Activity: a.Activity, Owner: a.Owner,
		Status: string(a.Status), Evidence: a.Evidence}
	if out.Items == nil {
		out.Items = []string{}
	}
	if a.Due != "" {
		due := a.Due
		out.Due = &due
	}
	return out
}

func toPlanJSON(p model.Plan, personName string) planJSON {
	out := planJSON{ID: p.ID, Person: p.PersonID, PersonName: personName, Framework: p.Framework.String(), Title: p.Title,
		CreatedAt: stamp(p.CreatedAt), UpdatedAt: stamp(p.UpdatedAt), Actions: make([]actionJSON, 0, len(p.Actions))}
	for _, a := range p.Actions {
		out.Actions = append(out.Actions, toActionJSON(a))
	}
	return out
}

// personName is the name of a plan's person, "" for a team plan.
func personName(e *env, ws *workspace.Workspace, p model.Plan) (string, error) {
	if p.PersonID == "" {
		return "", nil
	}
	person, err := ws.Person(e.ctx, p.PersonID)
	return person.Name, err
}

func (e *env) planNew(args []string) error {
	var assessment string
	var title optString
	var asJSON, fromGaps bool
	pos, err := flags("plan new", args, func(fs *flag.FlagSet) {
		fs.StringVar(&assessment, "assessment", "", "the assessment whose person and framework version the plan is for")
		fs.Var(&title, "title", "the plan's title (default: framework and today's date)")
		fs.BoolVar(&fromGaps, "from-gaps", false, "draft an action for each of the largest gaps (from the learning catalogue where it has an entry)")
		fs.BoolVar(&asJSON, "json", false, "print the new plan as JSON")
	})
	switch {
	case err != nil:
		return err
	case len(pos) > 0:
		return usagef("plan new takes no arguments")
	case assessment == "":
		return usagef("plan new needs --assessment")
	}
	if fromGaps {
		return e.planFromGaps(assessment, title.v, asJSON)
	}
	return e.withWorkspace(func(ws *workspace.Workspace) error {
		var p model.Plan
		if title.set {
			a, err := ws.Assessment(e.ctx, assessment)
			if err != nil {
				return err
			}
			p, err = ws.CreatePlan(e.ctx, a.PersonID, a.Framework, title.v)
			if err != nil {
				return err
			}
		} else if p, err = ws.PlanFromGaps(e.ctx, assessment); err != nil {
			return err
		}
		name, err := personName(e, ws, p)
		if err != nil {
			return err
		}
		if asJSON {
			return writeJSON(e.out, toPlanJSON(p, name))
		}
		fmt.Fprintln(e.out, p.ID)
		_, err = fmt.Fprintf(e.out, "%q for %s (%s); add actions with: gapwise-cli plan action add --plan %s --objective TEXT\n",
			p.Title, name, p.Framework, p.ID)
		return err
	})
}

func (e *env) planList(args []string) error {
	var person string
	var asJSON bool
	pos, err := flags("plan list", args, func(fs *flag.FlagSet) {
		fs.StringVar(&person, "person", "", "person id or unique name")
		fs.BoolVar(&asJSON, "json", false, "JSON output")
	})
	switch {
	case err != nil:
		return err
	case len(pos) > 0:
		return usagef("plan list takes no arguments")
	case person == "":
		return usagef("plan list needs --person")
	}
	return e.withWorkspace(func(ws *workspace.Workspace) error {
		p, err := resolvePerson(e, ws, person)
		if err != nil {
			return err
		}
		plans, err := ws.Plans(e.ctx, p.ID)
		if err != nil {
			return err
		}
		rows := make([]planJSON, 0, len(plans))
		for _, pl := range plans {
			rows = append(rows, toPlanJSON(pl, p.Name))
		}
		return printList(e, asJSON, rows, listing[planJSON]{
			header: "ID\tTITLE\tFRAMEWORK\tACTIONS\tDONE\tUPDATED",
			row: func(_ int, r planJSON) string {
				done := 0
				for _, a := range r.Actions {
					if a.Status == string(model.Done) {
						done++
					}
				}
				return fmt.Sprintf("%s\t%s\t%s\t%d\t%d\t%s", r.ID, clipText(r.Title, 60), r.Framework, len(r.Actions), done, r.UpdatedAt)
			},
			one: "plan", many: "plans",
			empty: "No plans yet for " + p.Name + "; start one with: gapwise-cli plan new --assessment ID",
		})
	})
}

func (e *env) planShow(args []string) error {
	var id string
	var asJSON bool
	pos, err := flags("plan show", args, func(fs *flag.FlagSet) {
		fs.StringVar(&id, "plan", "", "plan id")
		fs.BoolVar(&asJSON, "json", false, "JSON output")
	})
	if err != nil {
		return err
	}
	if len(pos) == 1 && id == "" {
		id = pos[0]
	} else if len(pos) > 0 {
		return usagef("plan show takes no arguments besides --plan")
	}
	if id == "" {
		return usagef("plan show needs --plan")
	}
	return e.withWorkspace(func(ws *workspace.Workspace) error {
		p, err := ws.Plan(e.ctx, id)
		if err != nil {
			return err
		}
		name, err := personName(e, ws, p)
		if err != nil {
			return err
		}
		out := toPlanJSON(p, name)
		if asJSON {
			return writeJSON(e.out, out)
		}
		fmt.Fprintf(e.out, "Plan %s\n%s\n%s, %s\n", p.ID, p.Title, name, p.Framework)
		if len(p.Actions) == 0 {
			_, err := fmt.Fprintf(e.out, "No actions yet; add one with: gapwise-cli plan action add --plan %s --objective TEXT\n", p.ID)
			return err
		}
		tw := tabwriter.NewWriter(e.out, 0, 0, 2, ' ', 0)
		fmt.Fprintln(tw, "ACTION\tOBJECTIVE\tITEMS\tACTIVITY\tDUE\tSTATUS\tEVIDENCE")
		for _, a := range out.Actions {
			due := "-"
			if a.Due != nil {
				due = *a.Due
			}
			fmt.Fprintf(tw, "%s\t%s\t%s\t%s\t%s\t%s\t%s\n", a.ID, clipText(a.Objective, 50), strings.Join(a.Items, ","),
				orDash(a.Activity), due, a.Status, clipText(a.Evidence, 30))
		}
		if err := tw.Flush(); err != nil {
			return err
		}
		_, err = fmt.Fprintf(e.out, "%d actions\n", len(out.Actions))
		return err
	})
}

func orDash(s string) string {
	if s == "" {
		return "-"
	}
	return s
}

// splitItems reads --items ID,ID (spaces allowed; empty means none).
func splitItems(s string) []string {
	var out []string
	for _, part := range strings.Split(s, ",") {
		if part = strings.TrimSpace(part); part != "" {
			out = append(out, part)
		}
	}
	return out
}

// planActionSave is `plan action add` (a new action) and `plan action set`
// (change the given fields of an existing one).
func (e *env) planActionSave(name string, args []string, update bool) error {
	var planID, actionID string
	var objective, items, activity, due, status, evidence optString
	var asJSON bool
	pos, err := flags(name, args, func(fs *flag.FlagSet) {
		fs.StringVar(&planID, "plan", "", "plan id")
		if update {
			fs.StringVar(&actionID, "action", "", "action id")
		}
		fs.Var(&objective, "objective", "the SMART objective: what will be achieved, and how you will know")
		fs.Var(&items, "items", "item ids the action develops, comma-separated")
		fs.Var(&activity, "activity", "one of: "+strings.Join(model.Activities, ", "))
		fs.Var(&due, "due", "due date, YYYY-MM-DD (empty: none)")
		fs.Var(&status, "status", "planned, in-progress, done or dropped")
		fs.Var(&evidence, "evidence", "evidence of completion")
		fs.BoolVar(&asJSON, "json", false, "print the action as JSON")
	})
	switch {
	case err != nil:
		return err
	case len(pos) > 0:
		return usagef("%s takes no arguments", name)
	case planID == "":
		return usagef("%s needs --plan", name)
	case update && actionID == "":
		return usagef("%s needs --action", name)
	case !update && !objective.set:
		return usagef("%s needs --objective", name)
	case update && !(objective.set || items.set || activity.set || due.set || status.set || evidence.set):
		return usagef("%s: give at least one of --objective, --items, --activity, --due, --status, --evidence", name)
	}
	return e.withWorkspace(func(ws *workspace.Workspace) error {
		var a model.Action
		if update {
			p, err := ws.Plan(e.ctx, planID)
			if err != nil {
				return err
			}
			found := false
			for _, x := range p.Actions {
				if x.ID == actionID {
					a, found = x, true
				}
			}
			if !found {
				return model.Errorf(model.NotFound, "plan %q has no action %s (see: gapwise-cli plan show --plan %s)", p.Title, actionID, p.ID)
			}
		}
		if objective.set {
			a.Objective = objective.v
		}
		if items.set {
			a.Items = splitItems(items.v)
		}
		if activity.set {
			a.Activity = activity.v
		}
		if due.set {
			a.Due = due.v
		}
		if status.set {
			st, err := model.ParseActionStatus(strings.TrimSpace(status.v))
			if err != nil {
				return err
			}
			a.Status = st
		}
		if evidence.set {
			a.Evidence = evidence.v
		}
		saved, err := ws.SaveAction(e.ctx, planID, a)
		if err != nil {
			return err
		}
		if asJSON {
			return writeJSON(e.out, toActionJSON(saved))
		}
		if !update {
			fmt.Fprintln(e.out, saved.ID)
		}
		_, err = fmt.Fprintf(e.out, "%s: %s (%s)\n", clipText(saved.Objective, 60), saved.Status, orDash(saved.Due))
		return err
	})
}

func (e *env) planActionRm(args []string) error {
	var planID, actionID string
	pos, err := flags("plan action rm", args, func(fs *flag.FlagSet) {
		fs.StringVar(&planID, "plan", "", "plan id")
		fs.StringVar(&actionID, "action", "", "action id")
	})
	switch {
	case err != nil:
		return err
	case len(pos) > 0:
		return usagef("plan action rm takes no arguments")
	case planID == "" || actionID == "":
		return usagef("plan action rm needs --plan and --action")
	}
	return e.withWorkspace(func(ws *workspace.Workspace) error {
		if err := ws.DeleteAction(e.ctx, model.PlanID(planID), model.ActionID(actionID)); err != nil {
			return err
		}
		_, err := fmt.Fprintf(e.out, "Action %s removed\n", actionID)
		return err
	})
}
