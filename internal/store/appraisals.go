package store

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"strings"
	"time"

	"gapwise/internal/model"
)

const appraisalCols = `id, person, framework, period, self_assessment, agreed_assessment, previous_plan, plan,
	overall_notes, appraisee_signed_at, created_at, updated_at`

func scanAppraisal(sc scanner) (model.Appraisal, error) {
	var a model.Appraisal
	var ref string
	var previous sql.NullString
	err := sc.Scan(&a.ID, &a.PersonID, &ref, &a.Period, &a.SelfID, &a.AgreedID,
		&previous, &a.Plan, &a.OverallNotes, ts(&a.AppraiseeSignedAt), ts(&a.CreatedAt), ts(&a.UpdatedAt))
	a.Framework, a.PreviousPlan = parseRef(ref), previous.String
	return a, err
}

// appraisersOf reads an appraisal's appraisers in order.
func appraisersOf(ctx context.Context, q queryer, id string) ([]model.Appraiser, error) {
	rows, err := q.QueryContext(ctx, `SELECT name, role, scope, assessment, signed_at FROM appraisers
		WHERE appraisal = ? ORDER BY position`, id)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []model.Appraiser
	for rows.Next() {
		var ap model.Appraiser
		var scope string
		var assessment sql.NullString
		if err := rows.Scan(&ap.Name, &ap.Role, &scope, &assessment, ts(&ap.SignedAt)); err != nil {
			return nil, err
		}
		if err := json.Unmarshal([]byte(scope), &ap.Scope); err != nil {
			return nil, fmt.Errorf("appraiser %s of appraisal %s: scope: %w", ap.Name, id, err)
		}
		if len(ap.Scope) == 0 {
			ap.Scope = nil
		}
		ap.AssessmentID = assessment.String
		out = append(out, ap)
	}
	return out, rows.Err()
}

// scopeJSON is how an appraiser's scope is kept: a JSON array, [] for all.
func scopeJSON(scope []string) string {
	if len(scope) == 0 {
		return "[]"
	}
	b, _ := json.Marshal(scope) // strings always encode
	return string(b)
}

// signedErr refuses a change to an appraisal that one party has signed: what
// they signed must stay what is recorded.
func signedErr() error {
	return model.Errorf(model.Conflict, "this appraisal has been signed; withdraw the sign-off before changing it")
}

// checkAppraiser tidies an appraiser's name and role and refuses a blank
// name or one already used in the appraisal (other than at index skip).
func checkAppraiser(ap *model.Appraiser, others []model.Appraiser, skip int) error {
	ap.Name, ap.Role = strings.TrimSpace(ap.Name), strings.TrimSpace(ap.Role)
	if ap.Name == "" {
		return model.Errorf(model.Invalid, "an appraiser needs a name")
	}
	for i, o := range others {
		if i != skip && strings.EqualFold(o.Name, ap.Name) {
			return model.Errorf(model.Conflict, "%s is already an appraiser of this appraisal", o.Name)
		}
	}
	return nil
}

func insertAppraiser(ctx context.Context, tx *sql.Tx, appraisalID string, position int, ap model.Appraiser) error {
	_, err := tx.ExecContext(ctx, `INSERT INTO appraisers (appraisal, position, name, role, scope, assessment, signed_at)
		VALUES (?, ?, ?, ?, ?, NULL, NULL)`, appraisalID, position, ap.Name, ap.Role, scopeJSON(ap.Scope))
	if err != nil {
		return fail(err, "cannot add appraiser %s", ap.Name)
	}
	return nil
}

// AppraisalStart is everything a new appraisal is made of. CreateAppraisal
// writes it all in one transaction.
type AppraisalStart struct {
	// Appraisal gives the person, framework version, self-assessment,
	// period, appraiser's name and (optionally) the previous plan and notes.
	// Its ID is made when empty; AgreedID and Plan are filled in.
	Appraisal model.Appraisal
	// Agreed is the new assessment (kind agreed) that holds the agreed levels.
	Agreed model.Assessment
	// AgreedTargets start the agreed assessment's targets.
	AgreedTargets []model.Target
	// Plan is the new plan (the appraisee's) agreed at this appraisal.
	Plan model.Plan
}

// CreateAppraisal starts an appraisal: it adds the agreed assessment, the new
// plan and the appraisal linking them to the self-assessment, in one
// transaction, and returns the appraisal as stored.
func (s *Store) CreateAppraisal(ctx context.Context, in AppraisalStart) (model.Appraisal, error) {
	ap, ag, pl := in.Appraisal, in.Agreed, in.Plan
	switch {
	case len(ap.Appraisers) == 0:
		return model.Appraisal{}, model.Errorf(model.Invalid, "an appraisal needs the appraiser's name")
	case len(ap.Appraisers) > model.MaxAppraisers:
		return model.Appraisal{}, model.Errorf(model.Invalid, "an appraisal has at most %d appraisers", model.MaxAppraisers)
	case ag.Kind != model.AgreedAssessment:
		return model.Appraisal{}, model.Errorf(model.Invalid, "an appraisal's agreed levels are kept in an assessment of kind agreed, not %q", ag.Kind)
	case ag.PersonID != ap.PersonID || ag.Framework != ap.Framework || pl.PersonID != ap.PersonID || pl.TeamID != "" || pl.Framework != ap.Framework:
		return model.Appraisal{}, model.Errorf(model.Invalid, "an appraisal's agreed assessment and plan must be the appraisee's, against %s", ap.Framework)
	}
	ap.Appraisers = append([]model.Appraiser(nil), ap.Appraisers...)
	for i := range ap.Appraisers {
		if err := checkAppraiser(&ap.Appraisers[i], ap.Appraisers[:i], -1); err != nil {
			return model.Appraisal{}, err
		}
		ap.Appraisers[i].AssessmentID, ap.Appraisers[i].SignedAt = "", time.Time{}
	}
	at := now()
	if ap.ID == "" {
		ap.ID = newID()
	}
	if ag.ID == "" {
		ag.ID = newID()
	}
	if pl.ID == "" {
		pl.ID = newID()
	}
	ap.CreatedAt = norm(ap.CreatedAt, at)
	ap.UpdatedAt = norm(ap.UpdatedAt, ap.CreatedAt)
	ag.CreatedAt = norm(ag.CreatedAt, at)
	ag.UpdatedAt = norm(ag.UpdatedAt, ag.CreatedAt)
	pl.CreatedAt = norm(pl.CreatedAt, at)
	pl.UpdatedAt = norm(pl.UpdatedAt, pl.CreatedAt)
	ap.AgreedID, ap.Plan = ag.ID, pl.ID
	ap.AppraiseeSignedAt = time.Time{}
	ap.ItemNotes = map[string]string{}
	pl.Actions = append([]model.Action(nil), pl.Actions...)

	err := s.write(ctx, func(tx *sql.Tx) error {
		if err := personExists(ctx, tx, ap.PersonID); err != nil {
			return err
		}
		if err := frameworkExists(ctx, tx, ap.Framework); err != nil {
			return err
		}
		if err := checkLinkedAssessment(ctx, tx, ap, ap.SelfID, model.SelfAssessment); err != nil {
			return err
		}
		if ap.PreviousPlan != "" {
			if err := checkPreviousPlan(ctx, tx, ap); err != nil {
				return err
			}
		}
		if err := insertAssessment(ctx, tx, ag); err != nil {
			return err
		}
		fw := ap.Framework.String()
		for _, t := range in.AgreedTargets {
			if err := writeTarget(ctx, tx, "targets", "assessment", ag.ID, fw, t, at); err != nil {
				return err
			}
		}
		_, err := tx.ExecContext(ctx, `INSERT INTO plans (id, person, team, framework, title, created_at, updated_at)
			VALUES (?, ?, NULL, ?, ?, ?, ?)`, pl.ID, pl.PersonID, fw, pl.Title, stamp(pl.CreatedAt), stamp(pl.UpdatedAt))
		if isDuplicate(err) {
			return model.Errorf(model.Conflict, "a plan with id %s already exists", pl.ID)
		}
		if err != nil {
			return fail(err, "cannot add plan %q", pl.Title)
		}
		for i := range pl.Actions {
			if pl.Actions[i], err = saveAction(ctx, tx, pl.ID, fw, pl.Actions[i], at); err != nil {
				return err
			}
		}
		_, err = tx.ExecContext(ctx, `INSERT INTO appraisals (id, person, framework, period,
			self_assessment, agreed_assessment, previous_plan, plan, overall_notes,
			appraisee_signed_at, created_at, updated_at)
			VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, NULL, ?, ?)`,
			ap.ID, ap.PersonID, fw, ap.Period, ap.SelfID, ap.AgreedID, nullable(ap.PreviousPlan),
			ap.Plan, ap.OverallNotes, stamp(ap.CreatedAt), stamp(ap.UpdatedAt))
		if isDuplicate(err) {
			return model.Errorf(model.Conflict, "an appraisal with id %s already exists", ap.ID)
		}
		if err != nil {
			return fail(err, "cannot start the appraisal")
		}
		for i, a := range ap.Appraisers {
			if err := insertAppraiser(ctx, tx, ap.ID, i+1, a); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		return model.Appraisal{}, err
	}
	return ap, nil
}

// checkLinkedAssessment makes sure id is an assessment of the appraisee,
// against the appraisal's framework version, of the given kind.
func checkLinkedAssessment(ctx context.Context, q queryer, ap model.Appraisal, id string, kind model.AssessmentKind) error {
	var person, fw, k string
	err := q.QueryRowContext(ctx, "SELECT person, framework, kind FROM assessments WHERE id = ?", id).Scan(&person, &fw, &k)
	switch {
	case errors.Is(err, sql.ErrNoRows):
		return model.Errorf(model.NotFound, "assessment %s not found", id)
	case err != nil:
		return fail(err, "cannot read assessment %s", id)
	case person != ap.PersonID:
		return model.Errorf(model.Invalid, "assessment %s is of someone else, not the appraisee", id)
	case fw != ap.Framework.String():
		return model.Errorf(model.Invalid, "assessment %s is rated against %s; this appraisal uses %s", id, fw, ap.Framework)
	case k != string(kind):
		return model.Errorf(model.Invalid, "assessment %s is a %s assessment, not a %s one", id, k, kind)
	}
	return nil
}

// checkPreviousPlan makes sure the plan to review is another of the appraisee's plans.
func checkPreviousPlan(ctx context.Context, q queryer, ap model.Appraisal) error {
	var person sql.NullString
	err := q.QueryRowContext(ctx, "SELECT person FROM plans WHERE id = ?", ap.PreviousPlan).Scan(&person)
	switch {
	case errors.Is(err, sql.ErrNoRows):
		return model.Errorf(model.NotFound, "plan %s not found", ap.PreviousPlan)
	case err != nil:
		return fail(err, "cannot read plan %s", ap.PreviousPlan)
	case person.String != ap.PersonID:
		return model.Errorf(model.Invalid, "plan %s is not one of the appraisee's plans", ap.PreviousPlan)
	case ap.PreviousPlan == ap.Plan:
		return model.Errorf(model.Invalid, "an appraisal cannot review the plan it makes")
	}
	return nil
}

// Appraisal returns one appraisal with its item notes.
func (s *Store) Appraisal(ctx context.Context, id string) (model.Appraisal, error) {
	var a model.Appraisal
	err := s.read(ctx, func(tx *sql.Tx) error {
		var err error
		a, err = appraisal(ctx, tx, id)
		if err != nil {
			return err
		}
		a.ItemNotes, err = appraisalNotes(ctx, tx, id)
		return err
	})
	if err != nil {
		return model.Appraisal{}, fail(err, "cannot read appraisal %s", id)
	}
	return a, nil
}

// appraisal reads an appraisal with its appraisers, without its notes.
func appraisal(ctx context.Context, q queryer, id string) (model.Appraisal, error) {
	a, err := scanAppraisal(q.QueryRowContext(ctx, "SELECT "+appraisalCols+" FROM appraisals WHERE id = ?", id))
	if errors.Is(err, sql.ErrNoRows) {
		return model.Appraisal{}, model.Errorf(model.NotFound, "appraisal %s not found", id)
	}
	if err == nil {
		a.Appraisers, err = appraisersOf(ctx, q, id)
	}
	if err != nil {
		return model.Appraisal{}, fail(err, "cannot read appraisal %s", id)
	}
	return a, nil
}

func appraisalNotes(ctx context.Context, q queryer, id string) (map[string]string, error) {
	rows, err := q.QueryContext(ctx, "SELECT item, note FROM appraisal_notes WHERE appraisal = ?", id)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	out := map[string]string{}
	for rows.Next() {
		var item, note string
		if err := rows.Scan(&item, &note); err != nil {
			return nil, err
		}
		out[item] = note
	}
	return out, rows.Err()
}

// AppraisalsFor lists a person's appraisals, most recently started first,
// with their item notes.
func (s *Store) AppraisalsFor(ctx context.Context, personID string) ([]model.Appraisal, error) {
	var out []model.Appraisal
	err := s.read(ctx, func(tx *sql.Tx) error {
		if err := personExists(ctx, tx, personID); err != nil {
			return err
		}
		rows, err := tx.QueryContext(ctx, "SELECT "+appraisalCols+` FROM appraisals WHERE person = ?
			ORDER BY created_at DESC, id DESC`, personID)
		if err != nil {
			return err
		}
		defer rows.Close()
		for rows.Next() {
			a, err := scanAppraisal(rows)
			if err != nil {
				return err
			}
			out = append(out, a)
		}
		if err := rows.Err(); err != nil {
			return err
		}
		rows.Close()
		for i := range out {
			if out[i].ItemNotes, err = appraisalNotes(ctx, tx, out[i].ID); err != nil {
				return err
			}
			if out[i].Appraisers, err = appraisersOf(ctx, tx, out[i].ID); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		return nil, fail(err, "cannot list the appraisals of person %s", personID)
	}
	return out, nil
}

// AppraisalOfPlan finds the appraisal at which a plan was agreed; ok is
// false when the plan belongs to no appraisal.
func (s *Store) AppraisalOfPlan(ctx context.Context, planID string) (a model.Appraisal, ok bool, err error) {
	a, err = scanAppraisal(s.reader(ctx).QueryRowContext(ctx, "SELECT "+appraisalCols+" FROM appraisals WHERE plan = ?", planID))
	if errors.Is(err, sql.ErrNoRows) {
		return model.Appraisal{}, false, nil
	}
	if err == nil {
		a.Appraisers, err = appraisersOf(ctx, s.db, a.ID)
	}
	if err != nil {
		return model.Appraisal{}, false, fail(err, "cannot read the appraisal of plan %s", planID)
	}
	return a, true, nil
}

// UpdateAppraisal saves an appraisal's period, previous plan and overall
// notes. The rest is fixed when it starts (appraisers, item notes and
// sign-off have their own methods). A signed appraisal is refused (Conflict).
func (s *Store) UpdateAppraisal(ctx context.Context, a model.Appraisal) error {
	return s.write(ctx, func(tx *sql.Tx) error {
		cur, err := appraisal(ctx, tx, a.ID)
		if err != nil {
			return err
		}
		if cur.AnySigned() {
			return signedErr()
		}
		if a.PreviousPlan != "" && a.PreviousPlan != cur.PreviousPlan {
			cur.PreviousPlan = a.PreviousPlan
			if err := checkPreviousPlan(ctx, tx, cur); err != nil {
				return err
			}
		}
		_, err = tx.ExecContext(ctx, `UPDATE appraisals SET period = ?, previous_plan = ?, overall_notes = ?,
			updated_at = ? WHERE id = ?`,
			a.Period, nullable(a.PreviousPlan), a.OverallNotes, stamp(now()), a.ID)
		if err != nil {
			return fail(err, "cannot save appraisal %s", a.ID)
		}
		return nil
	})
}

// AddAppraiser adds an appraiser (name, role, scope) at the end of an
// appraisal's list, before anyone has signed; at most model.MaxAppraisers.
// agreedBy, when given, rewrites the agreed assessment's assessor from the
// new list of appraisers (see EraseAppraiser).
func (s *Store) AddAppraiser(ctx context.Context, appraisalID string, ap model.Appraiser, agreedBy func(model.Appraisal) string) error {
	return s.write(ctx, func(tx *sql.Tx) error {
		cur, err := appraisal(ctx, tx, appraisalID)
		if err != nil {
			return err
		}
		switch {
		case cur.AnySigned():
			return signedErr()
		case len(cur.Appraisers) >= model.MaxAppraisers:
			return model.Errorf(model.Invalid, "this appraisal already has %d appraisers, the most one appraisal can have", len(cur.Appraisers))
		}
		if err := checkAppraiser(&ap, cur.Appraisers, -1); err != nil {
			return err
		}
		if err := insertAppraiser(ctx, tx, appraisalID, len(cur.Appraisers)+1, ap); err != nil {
			return err
		}
		cur.Appraisers = append(cur.Appraisers, ap)
		at := stamp(now())
		if err := setAgreedBy(ctx, tx, cur, agreedBy, at); err != nil {
			return err
		}
		return touchAppraisal(ctx, tx, appraisalID, at)
	})
}

// UpdateAppraiser changes the name, role and scope of the appraiser at index
// i (0-based, in order), before anyone has signed; agreedBy as AddAppraiser.
func (s *Store) UpdateAppraiser(ctx context.Context, appraisalID string, i int, ap model.Appraiser, agreedBy func(model.Appraisal) string) error {
	return s.write(ctx, func(tx *sql.Tx) error {
		cur, err := appraisal(ctx, tx, appraisalID)
		if err != nil {
			return err
		}
		if i < 0 || i >= len(cur.Appraisers) {
			return model.Errorf(model.NotFound, "appraisal %s has no appraiser number %d", appraisalID, i+1)
		}
		if cur.AnySigned() {
			return signedErr()
		}
		if err := checkAppraiser(&ap, cur.Appraisers, i); err != nil {
			return err
		}
		if _, err := tx.ExecContext(ctx, "UPDATE appraisers SET name = ?, role = ?, scope = ? WHERE appraisal = ? AND position = ?",
			ap.Name, ap.Role, scopeJSON(ap.Scope), appraisalID, i+1); err != nil {
			return fail(err, "cannot save appraiser %s", ap.Name)
		}
		if cur.Appraisers[i].AssessmentID != "" && ap.Name != cur.Appraisers[i].Name {
			if _, err := tx.ExecContext(ctx, "UPDATE assessments SET assessor = ? WHERE id = ?", ap.Name, cur.Appraisers[i].AssessmentID); err != nil {
				return fail(err, "cannot rename the assessor of %s", cur.Appraisers[i].AssessmentID)
			}
		}
		cur.Appraisers[i].Name = ap.Name
		at := stamp(now())
		if err := setAgreedBy(ctx, tx, cur, agreedBy, at); err != nil {
			return err
		}
		return touchAppraisal(ctx, tx, appraisalID, at)
	})
}

// AppraiserOf finds the appraisal and appraiser (index) whose ratings an
// assessment holds; ok is false when it is no appraiser's.
func (s *Store) AppraiserOf(ctx context.Context, assessmentID string) (a model.Appraisal, i int, ok bool, err error) {
	var id string
	var pos int
	err = s.reader(ctx).QueryRowContext(ctx, "SELECT appraisal, position FROM appraisers WHERE assessment = ?", assessmentID).Scan(&id, &pos)
	if errors.Is(err, sql.ErrNoRows) {
		return model.Appraisal{}, 0, false, nil
	}
	if err != nil {
		return model.Appraisal{}, 0, false, fail(err, "cannot read the appraisal of assessment %s", assessmentID)
	}
	if a, err = s.Appraisal(ctx, id); err != nil {
		return model.Appraisal{}, 0, false, err
	}
	return a, pos - 1, true, nil
}

// appraiserFree makes sure an appraiser's assessment is not already the one
// another appraiser (of this or another appraisal) gave.
func appraiserFree(ctx context.Context, q queryer, assessmentID, appraisalID string, position int) error {
	var other, name string
	err := q.QueryRowContext(ctx, `SELECT appraisal, name FROM appraisers WHERE assessment = ?
		AND NOT (appraisal = ? AND position = ?)`, assessmentID, appraisalID, position).Scan(&other, &name)
	switch {
	case errors.Is(err, sql.ErrNoRows):
		return nil
	case err != nil:
		return fail(err, "cannot read assessment %s", assessmentID)
	case other == appraisalID:
		return model.Errorf(model.Conflict, "assessment %s is already %s's assessment in this appraisal", assessmentID, name)
	}
	return model.Errorf(model.Conflict, "assessment %s is already the appraiser's assessment of appraisal %s", assessmentID, other)
}

// SetAppraisalNote saves the discussion note on one item; an empty (or
// blank) note removes it. A signed appraisal is refused (Conflict).
func (s *Store) SetAppraisalNote(ctx context.Context, appraisalID, item, note string) error {
	return s.write(ctx, func(tx *sql.Tx) error {
		a, err := appraisal(ctx, tx, appraisalID)
		if err != nil {
			return err
		}
		if a.AnySigned() {
			return signedErr()
		}
		fw := a.Framework.String()
		at := stamp(now())
		if strings.TrimSpace(note) == "" {
			_, err = tx.ExecContext(ctx, "DELETE FROM appraisal_notes WHERE appraisal = ? AND item = ?", appraisalID, item)
		} else {
			if _, err := itemLevels(ctx, tx, fw, item); err != nil {
				return err
			}
			_, err = tx.ExecContext(ctx, `INSERT INTO appraisal_notes (appraisal, framework, item, note, updated_at)
				VALUES (?, ?, ?, ?, ?) ON CONFLICT (appraisal, item) DO UPDATE SET note = excluded.note,
				updated_at = excluded.updated_at`, appraisalID, fw, item, note, at)
		}
		if err != nil {
			return fail(err, "cannot save the note on %q", item)
		}
		return touchAppraisal(ctx, tx, appraisalID, at)
	})
}

// SignAppraisal records that a signatory signed the appraisal off at the
// given time; a zero time withdraws their sign-off. who is -1 for the
// appraisee, else the index of an appraiser. Whether the appraisal is ready
// to sign is the caller's rule.
func (s *Store) SignAppraisal(ctx context.Context, id string, who int, at time.Time) error {
	var signed sql.NullString
	if !at.IsZero() {
		signed = nullable(stamp(at))
	}
	return s.write(ctx, func(tx *sql.Tx) error {
		cur, err := appraisal(ctx, tx, id)
		if err != nil {
			return err
		}
		switch {
		case who == -1:
			_, err = tx.ExecContext(ctx, "UPDATE appraisals SET appraisee_signed_at = ? WHERE id = ?", signed, id)
		case who >= 0 && who < len(cur.Appraisers):
			_, err = tx.ExecContext(ctx, "UPDATE appraisers SET signed_at = ? WHERE appraisal = ? AND position = ?", signed, id, who+1)
		default:
			return model.Errorf(model.NotFound, "appraisal %s has no appraiser number %d", id, who+1)
		}
		if err != nil {
			return fail(err, "cannot record the sign-off of appraisal %s", id)
		}
		return touchAppraisal(ctx, tx, id, stamp(now()))
	})
}

// ClearSignatures sets aside every signature of an appraisal in one
// transaction (the appraisal reopens for changes).
func (s *Store) ClearSignatures(ctx context.Context, id string) error {
	return s.write(ctx, func(tx *sql.Tx) error {
		if _, err := appraisal(ctx, tx, id); err != nil {
			return err
		}
		if _, err := tx.ExecContext(ctx, "UPDATE appraisals SET appraisee_signed_at = NULL WHERE id = ?", id); err != nil {
			return fail(err, "cannot withdraw the sign-off of appraisal %s", id)
		}
		if _, err := tx.ExecContext(ctx, "UPDATE appraisers SET signed_at = NULL WHERE appraisal = ?", id); err != nil {
			return fail(err, "cannot withdraw the sign-off of appraisal %s", id)
		}
		return touchAppraisal(ctx, tx, id, stamp(now()))
	})
}

// DeleteAppraisal removes an appraisal and its item notes. The assessments
// and plans it links stay: they are the person's, listed with their other
// assessments and plans.
func (s *Store) DeleteAppraisal(ctx context.Context, id string) error {
	_, err := s.EraseAppraisal(ctx, id)
	return err
}

// StartAppraiserAssessment adds the assessment a (kind appraiser, of the
// appraisee against the appraisal's framework version) of the appraiser at
// index i and links it, in one transaction. When that appraiser already has
// one, it is returned and created is false.
func (s *Store) StartAppraiserAssessment(ctx context.Context, appraisalID string, i int, a model.Assessment) (out model.Assessment, created bool, err error) {
	err = s.write(ctx, func(tx *sql.Tx) error {
		ap, err := appraisal(ctx, tx, appraisalID)
		if err != nil {
			return err
		}
		if i < 0 || i >= len(ap.Appraisers) {
			return model.Errorf(model.NotFound, "appraisal %s has no appraiser number %d", appraisalID, i+1)
		}
		if id := ap.Appraisers[i].AssessmentID; id != "" {
			out, err = scanAssessment(tx.QueryRowContext(ctx, "SELECT "+assessmentCols+" FROM assessments WHERE id = ?", id))
			if err != nil {
				return fail(err, "cannot read assessment %s", id)
			}
			return nil
		}
		if ap.AnySigned() {
			return signedErr()
		}
		if a.Kind != model.AppraiserAssessment || a.PersonID != ap.PersonID || a.Framework != ap.Framework {
			return model.Errorf(model.Invalid, "the appraiser's assessment must be of kind appraiser, of the appraisee, against %s", ap.Framework)
		}
		if a.ID == "" {
			a.ID = newID()
		}
		a.CreatedAt = norm(a.CreatedAt, now())
		a.UpdatedAt = norm(a.UpdatedAt, a.CreatedAt)
		if err := insertAssessment(ctx, tx, a); err != nil {
			return err
		}
		if err := linkAppraiser(ctx, tx, appraisalID, i, a.ID); err != nil {
			return err
		}
		out, created = a, true
		return nil
	})
	if err != nil {
		return model.Assessment{}, false, err
	}
	return out, created, nil
}

func linkAppraiser(ctx context.Context, tx *sql.Tx, appraisalID string, i int, assessmentID string) error {
	if _, err := tx.ExecContext(ctx, "UPDATE appraisers SET assessment = ? WHERE appraisal = ? AND position = ?",
		assessmentID, appraisalID, i+1); err != nil {
		return fail(err, "cannot link the appraiser's assessment to appraisal %s", appraisalID)
	}
	return touchAppraisal(ctx, tx, appraisalID, stamp(now()))
}

// ImportAppraiserAssessment stores the assessment of the appraiser at index
// i read from a file, as ImportAssessment does (added, or replacing an older
// version kept as history, or unchanged), and links it to that appraiser,
// all in one transaction. The appraisee must already be in the database. An
// empty assessment the appraiser had before (one started here and never
// rated) is deleted; one with ratings or targets is kept and the import
// refused (Conflict), as is any change to a signed appraisal. Whether the
// file's items are in the appraiser's scope is the caller's rule.
func (s *Store) ImportAppraiserAssessment(ctx context.Context, appraisalID string, i int, a model.Assessment, ratings []model.Rating, targets []model.Target, previous []byte, storedUpdated time.Time) (ImportOutcome, error) {
	if err := checkImport(&a, previous); err != nil {
		return 0, err
	}
	if a.Kind != model.AppraiserAssessment {
		return 0, model.Errorf(model.BadFile, "this file is a %s assessment, not an appraiser's", a.Kind)
	}
	var out ImportOutcome
	err := s.write(ctx, func(tx *sql.Tx) error {
		ap, err := appraisal(ctx, tx, appraisalID)
		if err != nil {
			return err
		}
		switch {
		case i < 0 || i >= len(ap.Appraisers):
			return model.Errorf(model.NotFound, "appraisal %s has no appraiser number %d", appraisalID, i+1)
		case ap.AnySigned():
			return signedErr()
		case a.PersonID != ap.PersonID:
			return model.Errorf(model.BadFile, "this file is an assessment of someone else, not the appraisee")
		case a.Framework != ap.Framework:
			return model.Errorf(model.BadFile, "this file is rated against %s; this appraisal uses %s", a.Framework, ap.Framework)
		}
		var kind string
		err = tx.QueryRowContext(ctx, "SELECT kind FROM assessments WHERE id = ?", a.ID).Scan(&kind)
		switch {
		case errors.Is(err, sql.ErrNoRows):
		case err != nil:
			return fail(err, "cannot read assessment %s", a.ID)
		case kind != string(model.AppraiserAssessment):
			return model.Errorf(model.Conflict, "assessment %s is already here as a %s assessment", a.ID, kind)
		}
		if err := appraiserFree(ctx, tx, a.ID, ap.ID, i+1); err != nil {
			return err
		}
		if old := ap.Appraisers[i].AssessmentID; old != "" && old != a.ID {
			var n int
			err := tx.QueryRowContext(ctx, `SELECT (SELECT count(*) FROM ratings WHERE assessment = ?)
				+ (SELECT count(*) FROM targets WHERE assessment = ?)`, old, old).Scan(&n)
			if err != nil {
				return fail(err, "cannot read assessment %s", old)
			}
			if n > 0 {
				return model.Errorf(model.Conflict, "%s already has the appraiser's assessment %s in this appraisal, with ratings; delete it before importing another", ap.Appraisers[i].Name, old)
			}
			if _, err := tx.ExecContext(ctx, "DELETE FROM assessments WHERE id = ?", old); err != nil {
				return fail(err, "cannot replace the appraiser's empty assessment %s", old)
			}
		}
		if out, err = replaceAssessment(ctx, tx, a, ratings, targets, previous, storedUpdated); err != nil {
			return err
		}
		if ap.Appraisers[i].AssessmentID == a.ID {
			return touchAppraisal(ctx, tx, ap.ID, stamp(now()))
		}
		return linkAppraiser(ctx, tx, ap.ID, i, a.ID)
	})
	return out, err
}

// setAgreedBy rewrites the assessor of a's agreed assessment ("agreed by
// ...") from its appraisers as they now are; nil leaves it.
func setAgreedBy(ctx context.Context, tx *sql.Tx, a model.Appraisal, agreedBy func(model.Appraisal) string, at string) error {
	if agreedBy == nil {
		return nil
	}
	if _, err := tx.ExecContext(ctx, "UPDATE assessments SET assessor = ?, updated_at = ? WHERE id = ?", agreedBy(a), at, a.AgreedID); err != nil {
		return fail(err, "cannot rename the agreed assessment of %s", a.ID)
	}
	return nil
}

func touchAppraisal(ctx context.Context, tx *sql.Tx, id, at string) error {
	if _, err := tx.ExecContext(ctx, "UPDATE appraisals SET updated_at = ? WHERE id = ?", at, id); err != nil {
		return fail(err, "cannot update appraisal %s", id)
	}
	return nil
}
