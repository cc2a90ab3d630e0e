package store

import (
	"context"
	"database/sql"
	"errors"
	"strings"
	"time"

	"gapwise/internal/model"
)

// Who signs an appraisal off.
const (
	Appraisee = "appraisee"
	Appraiser = "appraiser"
)

const appraisalCols = `id, person, framework, period, appraiser_name, self_assessment, appraiser_assessment,
	agreed_assessment, previous_plan, plan, overall_notes, appraisee_signed_at, appraiser_signed_at, created_at, updated_at`

func scanAppraisal(sc scanner) (model.Appraisal, error) {
	var a model.Appraisal
	var ref string
	var appraiser, previous sql.NullString
	err := sc.Scan(&a.ID, &a.PersonID, &ref, &a.Period, &a.AppraiserName, &a.SelfID, &appraiser, &a.AgreedID,
		&previous, &a.Plan, &a.OverallNotes, ts(&a.AppraiseeSignedAt), ts(&a.AppraiserSignedAt),
		ts(&a.CreatedAt), ts(&a.UpdatedAt))
	a.Framework, a.AppraiserID, a.PreviousPlan = parseRef(ref), appraiser.String, previous.String
	return a, err
}

// signedErr refuses a change to an appraisal that one party has signed: what
// they signed must stay what is recorded.
func signedErr() error {
	return model.Errorf(model.Conflict, "this appraisal has been signed; withdraw the sign-off before changing it")
}

func isSigned(a model.Appraisal) bool {
	return !a.AppraiseeSignedAt.IsZero() || !a.AppraiserSignedAt.IsZero()
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
	case strings.TrimSpace(ap.AppraiserName) == "":
		return model.Appraisal{}, model.Errorf(model.Invalid, "an appraisal needs the appraiser's name")
	case ag.Kind != model.AgreedAssessment:
		return model.Appraisal{}, model.Errorf(model.Invalid, "an appraisal's agreed levels are kept in an assessment of kind agreed, not %q", ag.Kind)
	case ag.PersonID != ap.PersonID || ag.Framework != ap.Framework || pl.PersonID != ap.PersonID || pl.TeamID != "" || pl.Framework != ap.Framework:
		return model.Appraisal{}, model.Errorf(model.Invalid, "an appraisal's agreed assessment and plan must be the appraisee's, against %s", ap.Framework)
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
	ap.AgreedID, ap.Plan, ap.AppraiserID = ag.ID, pl.ID, ""
	ap.AppraiseeSignedAt, ap.AppraiserSignedAt = time.Time{}, time.Time{}
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
		_, err = tx.ExecContext(ctx, `INSERT INTO appraisals (id, person, framework, period, appraiser_name,
			self_assessment, appraiser_assessment, agreed_assessment, previous_plan, plan, overall_notes,
			appraisee_signed_at, appraiser_signed_at, created_at, updated_at)
			VALUES (?, ?, ?, ?, ?, ?, NULL, ?, ?, ?, ?, NULL, NULL, ?, ?)`,
			ap.ID, ap.PersonID, fw, ap.Period, ap.AppraiserName, ap.SelfID, ap.AgreedID, nullable(ap.PreviousPlan),
			ap.Plan, ap.OverallNotes, stamp(ap.CreatedAt), stamp(ap.UpdatedAt))
		if isDuplicate(err) {
			return model.Errorf(model.Conflict, "an appraisal with id %s already exists", ap.ID)
		}
		if err != nil {
			return fail(err, "cannot start the appraisal")
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

// appraisal reads an appraisal without its notes.
func appraisal(ctx context.Context, q queryer, id string) (model.Appraisal, error) {
	a, err := scanAppraisal(q.QueryRowContext(ctx, "SELECT "+appraisalCols+" FROM appraisals WHERE id = ?", id))
	if errors.Is(err, sql.ErrNoRows) {
		return model.Appraisal{}, model.Errorf(model.NotFound, "appraisal %s not found", id)
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
	a, err = scanAppraisal(s.db.QueryRowContext(ctx, "SELECT "+appraisalCols+" FROM appraisals WHERE plan = ?", planID))
	if errors.Is(err, sql.ErrNoRows) {
		return model.Appraisal{}, false, nil
	}
	if err != nil {
		return model.Appraisal{}, false, fail(err, "cannot read the appraisal of plan %s", planID)
	}
	return a, true, nil
}

// UpdateAppraisal saves an appraisal's period, appraiser's name, link to the
// appraiser's assessment, previous plan and overall notes. The rest is fixed
// when it starts (item notes and sign-off have their own methods). A signed
// appraisal is refused (Conflict).
func (s *Store) UpdateAppraisal(ctx context.Context, a model.Appraisal) error {
	if strings.TrimSpace(a.AppraiserName) == "" {
		return model.Errorf(model.Invalid, "an appraisal needs the appraiser's name")
	}
	return s.write(ctx, func(tx *sql.Tx) error {
		cur, err := appraisal(ctx, tx, a.ID)
		if err != nil {
			return err
		}
		if isSigned(cur) {
			return signedErr()
		}
		if a.AppraiserID != "" && a.AppraiserID != cur.AppraiserID {
			if err := checkLinkedAssessment(ctx, tx, cur, a.AppraiserID, model.AppraiserAssessment); err != nil {
				return err
			}
			if err := appraiserFree(ctx, tx, a.AppraiserID, cur.ID); err != nil {
				return err
			}
		}
		if a.PreviousPlan != "" && a.PreviousPlan != cur.PreviousPlan {
			cur.PreviousPlan = a.PreviousPlan
			if err := checkPreviousPlan(ctx, tx, cur); err != nil {
				return err
			}
		}
		_, err = tx.ExecContext(ctx, `UPDATE appraisals SET period = ?, appraiser_name = ?, appraiser_assessment = ?,
			previous_plan = ?, overall_notes = ?, updated_at = ? WHERE id = ?`,
			a.Period, a.AppraiserName, nullable(a.AppraiserID), nullable(a.PreviousPlan), a.OverallNotes, stamp(now()), a.ID)
		if err != nil {
			return fail(err, "cannot save appraisal %s", a.ID)
		}
		return nil
	})
}

// appraiserFree makes sure an appraiser's assessment is not already the one
// another appraisal discusses.
func appraiserFree(ctx context.Context, q queryer, assessmentID, appraisalID string) error {
	var other string
	err := q.QueryRowContext(ctx, "SELECT id FROM appraisals WHERE appraiser_assessment = ? AND id <> ?",
		assessmentID, appraisalID).Scan(&other)
	switch {
	case errors.Is(err, sql.ErrNoRows):
		return nil
	case err != nil:
		return fail(err, "cannot read assessment %s", assessmentID)
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
		if isSigned(a) {
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

// SignAppraisal records that who (Appraisee or Appraiser) signed the
// appraisal off at the given time; a zero time withdraws their sign-off.
// Whether the appraisal is ready to sign is the caller's rule.
func (s *Store) SignAppraisal(ctx context.Context, id, who string, at time.Time) error {
	var col string
	switch who {
	case Appraisee:
		col = "appraisee_signed_at"
	case Appraiser:
		col = "appraiser_signed_at"
	default:
		return model.Errorf(model.Invalid, "sign-off is by the appraisee or the appraiser, not %q", who)
	}
	var signed sql.NullString
	if !at.IsZero() {
		signed = nullable(stamp(at))
	}
	res, err := s.db.ExecContext(ctx, "UPDATE appraisals SET "+col+" = ?, updated_at = ? WHERE id = ?",
		signed, stamp(now()), id)
	if err != nil {
		return fail(err, "cannot record the sign-off of appraisal %s", id)
	}
	return mustAffect(res, model.Errorf(model.NotFound, "appraisal %s not found", id))
}

// DeleteAppraisal removes an appraisal and its item notes. The assessments
// and plans it links stay: they are the person's, listed with their other
// assessments and plans.
func (s *Store) DeleteAppraisal(ctx context.Context, id string) error {
	_, err := s.EraseAppraisal(ctx, id)
	return err
}

// StartAppraiserAssessment adds the appraiser's assessment a (kind
// appraiser, of the appraisee against the appraisal's framework version)
// and links it to the appraisal, in one transaction. When the appraisal
// already has one, that one is returned and created is false.
func (s *Store) StartAppraiserAssessment(ctx context.Context, appraisalID string, a model.Assessment) (out model.Assessment, created bool, err error) {
	err = s.write(ctx, func(tx *sql.Tx) error {
		ap, err := appraisal(ctx, tx, appraisalID)
		if err != nil {
			return err
		}
		if ap.AppraiserID != "" {
			out, err = scanAssessment(tx.QueryRowContext(ctx, "SELECT "+assessmentCols+" FROM assessments WHERE id = ?", ap.AppraiserID))
			if err != nil {
				return fail(err, "cannot read assessment %s", ap.AppraiserID)
			}
			return nil
		}
		if isSigned(ap) {
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
		if err := linkAppraiser(ctx, tx, appraisalID, a.ID); err != nil {
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

func linkAppraiser(ctx context.Context, tx *sql.Tx, appraisalID, assessmentID string) error {
	_, err := tx.ExecContext(ctx, "UPDATE appraisals SET appraiser_assessment = ?, updated_at = ? WHERE id = ?",
		assessmentID, stamp(now()), appraisalID)
	if err != nil {
		return fail(err, "cannot link the appraiser's assessment to appraisal %s", appraisalID)
	}
	return nil
}

// ImportAppraiserAssessment stores the appraiser's assessment read from a
// file, as ImportAssessment does (added, or replacing an older version kept
// as history, or unchanged), and links it to the appraisal, all in one
// transaction. The appraisee must already be in the database. An empty
// assessment the appraisal linked before (one started here and never rated)
// is deleted; one with ratings or targets is kept and the import refused
// (Conflict), as is any change to a signed appraisal.
func (s *Store) ImportAppraiserAssessment(ctx context.Context, appraisalID string, a model.Assessment, ratings []model.Rating, targets []model.Target, previous []byte, storedUpdated time.Time) (ImportOutcome, error) {
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
		case isSigned(ap):
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
		if err := appraiserFree(ctx, tx, a.ID, ap.ID); err != nil {
			return err
		}
		if old := ap.AppraiserID; old != "" && old != a.ID {
			var n int
			err := tx.QueryRowContext(ctx, `SELECT (SELECT count(*) FROM ratings WHERE assessment = ?)
				+ (SELECT count(*) FROM targets WHERE assessment = ?)`, old, old).Scan(&n)
			if err != nil {
				return fail(err, "cannot read assessment %s", old)
			}
			if n > 0 {
				return model.Errorf(model.Conflict, "this appraisal already has the appraiser's assessment %s, with ratings; delete it before importing another", old)
			}
			if _, err := tx.ExecContext(ctx, "DELETE FROM assessments WHERE id = ?", old); err != nil {
				return fail(err, "cannot replace the appraiser's empty assessment %s", old)
			}
		}
		if out, err = replaceAssessment(ctx, tx, a, ratings, targets, previous, storedUpdated); err != nil {
			return err
		}
		if ap.AppraiserID == a.ID {
			return touchAppraisal(ctx, tx, ap.ID, stamp(now()))
		}
		return linkAppraiser(ctx, tx, ap.ID, a.ID)
	})
	return out, err
}

func touchAppraisal(ctx context.Context, tx *sql.Tx, id, at string) error {
	if _, err := tx.ExecContext(ctx, "UPDATE appraisals SET updated_at = ? WHERE id = ?", at, id); err != nil {
		return fail(err, "cannot update appraisal %s", id)
	}
	return nil
}
