package store

import (
	"context"
	"database/sql"
	"errors"
	"time"

	"gapwise/internal/model"
)

const planCols = "id, person, team, framework, title, created_at, updated_at"

func scanPlan(sc scanner) (model.Plan, error) {
	var p model.Plan
	var person, team sql.NullString
	var ref string
	err := sc.Scan(&p.ID, &person, &team, &ref, &p.Title, ts(&p.CreatedAt), ts(&p.UpdatedAt))
	p.PersonID, p.TeamID, p.Framework = person.String, team.String, parseRef(ref)
	return p, err
}

// CreatePlan adds a development plan for one person or one team, with any
// actions it already has, and returns it with ids filled in.
func (s *Store) CreatePlan(ctx context.Context, p model.Plan) (model.Plan, error) {
	if (p.PersonID == "") == (p.TeamID == "") {
		return model.Plan{}, model.Errorf(model.Invalid, "a plan belongs to one person or one team")
	}
	if p.ID == "" {
		p.ID = newID()
	}
	at := now()
	p.CreatedAt = norm(p.CreatedAt, at)
	p.UpdatedAt = norm(p.UpdatedAt, p.CreatedAt)
	p.Actions = append([]model.Action(nil), p.Actions...)
	err := s.write(ctx, func(tx *sql.Tx) error {
		if p.PersonID != "" {
			if err := personExists(ctx, tx, p.PersonID); err != nil {
				return err
			}
		} else if err := teamExists(ctx, tx, p.TeamID); err != nil {
			return err
		}
		if err := frameworkExists(ctx, tx, p.Framework); err != nil {
			return err
		}
		_, err := tx.ExecContext(ctx, `INSERT INTO plans (id, person, team, framework, title, created_at, updated_at)
			VALUES (?, ?, ?, ?, ?, ?, ?)`, p.ID, nullable(p.PersonID), nullable(p.TeamID), p.Framework.String(),
			p.Title, stamp(p.CreatedAt), stamp(p.UpdatedAt))
		if isDuplicate(err) {
			return model.Errorf(model.Conflict, "a plan with id %s already exists", p.ID)
		}
		if err != nil {
			return fail(err, "cannot add plan %q", p.Title)
		}
		for i := range p.Actions {
			if p.Actions[i], err = saveAction(ctx, tx, p.ID, p.Framework.String(), p.Actions[i], at); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		return model.Plan{}, err
	}
	return p, nil
}

// Plan returns a plan with its actions in order.
func (s *Store) Plan(ctx context.Context, id string) (model.Plan, error) {
	var p model.Plan
	err := s.read(ctx, func(tx *sql.Tx) error {
		var err error
		p, err = scanPlan(tx.QueryRowContext(ctx, "SELECT "+planCols+" FROM plans WHERE id = ?", id))
		if errors.Is(err, sql.ErrNoRows) {
			return model.Errorf(model.NotFound, "plan %s not found", id)
		}
		if err != nil {
			return err
		}
		p.Actions, err = loadActions(ctx, tx, id)
		return err
	})
	if err != nil {
		return model.Plan{}, fail(err, "cannot read plan %s", id)
	}
	return p, nil
}

// PlansFor lists a person's own plans, most recently started first, with
// their actions.
func (s *Store) PlansFor(ctx context.Context, personID string) ([]model.Plan, error) {
	return s.plans(ctx, "person", personID, personExists)
}

// PlansForTeam lists a team's plans, most recently started first, with their
// actions.
func (s *Store) PlansForTeam(ctx context.Context, teamID string) ([]model.Plan, error) {
	return s.plans(ctx, "team", teamID, teamExists)
}

// plans lists the plans whose owner column ("person" or "team") is id.
func (s *Store) plans(ctx context.Context, owner, id string, exists func(context.Context, queryer, string) error) ([]model.Plan, error) {
	var out []model.Plan
	err := s.read(ctx, func(tx *sql.Tx) error {
		if err := exists(ctx, tx, id); err != nil {
			return err
		}
		rows, err := tx.QueryContext(ctx, "SELECT "+planCols+" FROM plans WHERE "+owner+" = ? ORDER BY created_at DESC, id DESC", id)
		if err != nil {
			return err
		}
		defer rows.Close()
		for rows.Next() {
			p, err := scanPlan(rows)
			if err != nil {
				return err
			}
			out = append(out, p)
		}
		if err := rows.Err(); err != nil {
			return err
		}
		rows.Close()
		for i := range out {
			if out[i].Actions, err = loadActions(ctx, tx, out[i].ID); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		return nil, fail(err, "cannot list the plans of %s %s", owner, id)
	}
	return out, nil
}

// DeletePlan removes a plan and its actions.
func (s *Store) DeletePlan(ctx context.Context, id string) error {
	_, err := s.ErasePlan(ctx, id)
	return err
}

// SaveAction adds an action at the end of a plan (when its ID is empty or
// new) or updates it in place, and returns it as stored. The action's items
// must belong to the plan's framework version.
func (s *Store) SaveAction(ctx context.Context, planID string, a model.Action) (model.Action, error) {
	err := s.write(ctx, func(tx *sql.Tx) error {
		var fw string
		err := tx.QueryRowContext(ctx, "SELECT framework FROM plans WHERE id = ?", planID).Scan(&fw)
		if errors.Is(err, sql.ErrNoRows) {
			return model.Errorf(model.NotFound, "plan %s not found", planID)
		}
		if err != nil {
			return fail(err, "cannot read plan %s", planID)
		}
		at := now()
		if a, err = saveAction(ctx, tx, planID, fw, a, at); err != nil {
			return err
		}
		return touchPlan(ctx, tx, planID, at)
	})
	if err != nil {
		return model.Action{}, err
	}
	return a, nil
}

// AddActions adds several actions to a plan in one transaction: all of
// them or, on any error, none.
func (s *Store) AddActions(ctx context.Context, planID string, actions []model.Action) ([]model.Action, error) {
	out := make([]model.Action, len(actions))
	err := s.write(ctx, func(tx *sql.Tx) error {
		var fw string
		err := tx.QueryRowContext(ctx, "SELECT framework FROM plans WHERE id = ?", planID).Scan(&fw)
		if errors.Is(err, sql.ErrNoRows) {
			return model.Errorf(model.NotFound, "plan %s not found", planID)
		}
		if err != nil {
			return fail(err, "cannot read plan %s", planID)
		}
		at := now()
		for i, a := range actions {
			a.ID = ""
			if out[i], err = saveAction(ctx, tx, planID, fw, a, at); err != nil {
				return err
			}
		}
		return touchPlan(ctx, tx, planID, at)
	})
	if err != nil {
		return nil, err
	}
	return out, nil
}

// DeleteAction removes an action from its plan.
func (s *Store) DeleteAction(ctx context.Context, id string) error {
	return s.write(ctx, func(tx *sql.Tx) error {
		var plan string
		err := tx.QueryRowContext(ctx, "SELECT plan FROM actions WHERE id = ?", id).Scan(&plan)
		if errors.Is(err, sql.ErrNoRows) {
			return model.Errorf(model.NotFound, "action %s not found", id)
		}
		if err != nil {
			return fail(err, "cannot read action %s", id)
		}
		if _, err := tx.ExecContext(ctx, "DELETE FROM actions WHERE id = ?", id); err != nil {
			return fail(err, "cannot delete action %s", id)
		}
		return touchPlan(ctx, tx, plan, now())
	})
}

func checkAction(a model.Action) error {
	switch a.Status {
	case "", model.Planned, model.InProgress, model.Done, model.Dropped:
	default:
		return model.Errorf(model.Invalid, "unknown action status %q (planned, in-progress, done or dropped)", a.Status)
	}
	if a.Due != "" {
		if _, err := time.Parse(time.DateOnly, a.Due); err != nil {
			return model.Errorf(model.Invalid, "due date %q is not a date (YYYY-MM-DD)", a.Due)
		}
	}
	return nil
}

// saveAction inserts or updates one action of planID and replaces its items.
func saveAction(ctx context.Context, tx *sql.Tx, planID, fw string, a model.Action, at time.Time) (model.Action, error) {
	if err := checkAction(a); err != nil {
		return model.Action{}, err
	}
	if a.Status == "" {
		a.Status = model.Planned
	}
	if a.Owner != "" {
		if err := personExists(ctx, tx, a.Owner); err != nil {
			return model.Action{}, err
		}
	}
	var current string
	if a.ID != "" {
		err := tx.QueryRowContext(ctx, "SELECT plan FROM actions WHERE id = ?", a.ID).Scan(&current)
		if err != nil && !errors.Is(err, sql.ErrNoRows) {
			return model.Action{}, fail(err, "cannot read action %s", a.ID)
		}
		if current != "" && current != planID {
			return model.Action{}, model.Errorf(model.Conflict, "action %s belongs to another plan", a.ID)
		}
	} else {
		a.ID = newID()
	}
	var err error
	if current != "" {
		_, err = tx.ExecContext(ctx, `UPDATE actions SET objective = ?, activity = ?, owner = ?, due = ?, status = ?,
			evidence = ?, updated_at = ? WHERE id = ?`,
			a.Objective, a.Activity, nullable(a.Owner), nullable(a.Due), string(a.Status), a.Evidence, stamp(at), a.ID)
	} else {
		_, err = tx.ExecContext(ctx, `INSERT INTO actions
			(id, plan, position, objective, activity, owner, due, status, evidence, created_at, updated_at)
			SELECT ?, ?, coalesce(max(position) + 1, 0), ?, ?, ?, ?, ?, ?, ?, ? FROM actions WHERE plan = ?`,
			a.ID, planID, a.Objective, a.Activity, nullable(a.Owner), nullable(a.Due), string(a.Status), a.Evidence,
			stamp(at), stamp(at), planID)
	}
	if err != nil {
		return model.Action{}, fail(err, "cannot save action %q", a.Objective)
	}
	if _, err := tx.ExecContext(ctx, "DELETE FROM action_items WHERE action = ?", a.ID); err != nil {
		return model.Action{}, fail(err, "cannot save action %q", a.Objective)
	}
	for i, item := range a.Items {
		_, err := tx.ExecContext(ctx, "INSERT INTO action_items (action, framework, item, position) VALUES (?, ?, ?, ?)",
			a.ID, fw, item, i)
		if isDuplicate(err) {
			return model.Action{}, model.Errorf(model.Invalid, "action %q lists item %q twice", a.Objective, item)
		}
		if isConstraint(err) {
			return model.Action{}, model.Wrap(model.Invalid, err, "action %q: item %q is not in framework %s", a.Objective, item, fw)
		}
		if err != nil {
			return model.Action{}, fail(err, "cannot save action %q", a.Objective)
		}
	}
	a.Items = append([]string(nil), a.Items...)
	return a, nil
}

func loadActions(ctx context.Context, q queryer, planID string) ([]model.Action, error) {
	rows, err := q.QueryContext(ctx, `SELECT id, objective, activity, owner, due, status, evidence
		FROM actions WHERE plan = ? ORDER BY position, created_at, id`, planID)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []model.Action
	index := map[string]int{}
	for rows.Next() {
		var a model.Action
		var owner, due sql.NullString
		var status string
		if err := rows.Scan(&a.ID, &a.Objective, &a.Activity, &owner, &due, &status, &a.Evidence); err != nil {
			return nil, err
		}
		a.Owner, a.Due, a.Status = owner.String, due.String, model.ActionStatus(status)
		index[a.ID] = len(out)
		out = append(out, a)
	}
	if err := rows.Err(); err != nil {
		return nil, err
	}
	rows.Close()

	items, err := q.QueryContext(ctx, `SELECT ai.action, ai.item FROM action_items ai
		JOIN actions a ON a.id = ai.action WHERE a.plan = ? ORDER BY ai.action, ai.position`, planID)
	if err != nil {
		return nil, err
	}
	defer items.Close()
	for items.Next() {
		var action, item string
		if err := items.Scan(&action, &item); err != nil {
			return nil, err
		}
		if i, ok := index[action]; ok {
			out[i].Items = append(out[i].Items, item)
		}
	}
	return out, items.Err()
}

func touchPlan(ctx context.Context, tx *sql.Tx, id string, at time.Time) error {
	if _, err := tx.ExecContext(ctx, "UPDATE plans SET updated_at = ? WHERE id = ?", stamp(at), id); err != nil {
		return fail(err, "cannot update plan %s", id)
	}
	return nil
}
