package store

import (
	"context"
	"database/sql"
	"errors"

	"gapwise/internal/model"
)

// Footprint counts what an erasure removes (and what it changes but keeps),
// read from the database so that a confirmation says exactly what goes. The
// same counting runs inside the erasure's transaction, so what is reported
// afterwards is what was removed. Fields that do not apply to the kind of
// thing erased are zero.
type Footprint struct {
	Name string // the person's name, team's name, plan's title, or the assessment's or appraisal's person

	Assessments int // assessments removed
	Ratings     int // ratings in them
	Targets     int // targets in them
	History     int // older versions of them kept from imports
	Plans       int // plans removed (personal, or the team's)
	Actions     int // actions in those plans
	Appraisals  int // appraisals removed
	Notes       int // appraisal item notes removed
	Teams       int // team memberships removed (a person), or members taken out (a team)
	TeamTargets int // a team's targets

	Unassigned int // actions in other plans that stay, with no owner
	Unlinked   int // appraisals that stay but lose a link (the appraiser's assessment, the plan reviewed)
}

// footprintSQL counts, for one id, each part of a footprint. Every query
// takes the id once per "?".
type footprintSQL struct {
	exists func(ctx context.Context, q queryer, id string) error
	name   string // SELECT returning the Name
	counts []countSQL
}

type countSQL struct {
	field func(*Footprint) *int
	query string
}

const (
	personAssessments = "SELECT id FROM assessments WHERE person = ?1"
	personPlans       = "SELECT id FROM plans WHERE person = ?1"
	personAppraisals  = "SELECT id FROM appraisals WHERE person = ?1"
	teamPlans         = "SELECT id FROM plans WHERE team = ?1"
)

var personFootprint = footprintSQL{
	exists: personExists,
	name:   "SELECT name FROM people WHERE id = ?1",
	counts: []countSQL{
		{func(f *Footprint) *int { return &f.Assessments }, "SELECT count(*) FROM assessments WHERE person = ?1"},
		{func(f *Footprint) *int { return &f.Ratings }, "SELECT count(*) FROM ratings WHERE assessment IN (" + personAssessments + ")"},
		{func(f *Footprint) *int { return &f.Targets }, "SELECT count(*) FROM targets WHERE assessment IN (" + personAssessments + ")"},
		{func(f *Footprint) *int { return &f.History }, "SELECT count(*) FROM assessment_history WHERE assessment IN (" + personAssessments + ")"},
		{func(f *Footprint) *int { return &f.Plans }, "SELECT count(*) FROM plans WHERE person = ?1"},
		{func(f *Footprint) *int { return &f.Actions }, "SELECT count(*) FROM actions WHERE plan IN (" + personPlans + ")"},
		{func(f *Footprint) *int { return &f.Appraisals }, "SELECT count(*) FROM appraisals WHERE person = ?1"},
		{func(f *Footprint) *int { return &f.Notes }, "SELECT count(*) FROM appraisal_notes WHERE appraisal IN (" + personAppraisals + ")"},
		{func(f *Footprint) *int { return &f.Teams }, "SELECT count(*) FROM memberships WHERE person = ?1"},
		{func(f *Footprint) *int { return &f.Unassigned }, "SELECT count(*) FROM actions WHERE owner = ?1 AND plan NOT IN (" + personPlans + ")"},
	},
}

var assessmentFootprint = footprintSQL{
	exists: assessmentExists,
	name:   "SELECT p.name FROM assessments a JOIN people p ON p.id = a.person WHERE a.id = ?1",
	counts: []countSQL{
		{func(f *Footprint) *int { return &f.Assessments }, "SELECT count(*) FROM assessments WHERE id = ?1"},
		{func(f *Footprint) *int { return &f.Ratings }, "SELECT count(*) FROM ratings WHERE assessment = ?1"},
		{func(f *Footprint) *int { return &f.Targets }, "SELECT count(*) FROM targets WHERE assessment = ?1"},
		{func(f *Footprint) *int { return &f.History }, "SELECT count(*) FROM assessment_history WHERE assessment = ?1"},
		{func(f *Footprint) *int { return &f.Unlinked }, "SELECT count(*) FROM appraisers WHERE assessment = ?1"},
	},
}

var teamFootprint = footprintSQL{
	exists: teamExists,
	name:   "SELECT name FROM teams WHERE id = ?1",
	counts: []countSQL{
		{func(f *Footprint) *int { return &f.Teams }, "SELECT count(*) FROM memberships WHERE team = ?1"},
		{func(f *Footprint) *int { return &f.Plans }, "SELECT count(*) FROM plans WHERE team = ?1"},
		{func(f *Footprint) *int { return &f.Actions }, "SELECT count(*) FROM actions WHERE plan IN (" + teamPlans + ")"},
		{func(f *Footprint) *int { return &f.TeamTargets }, "SELECT count(*) FROM team_targets WHERE team = ?1"},
	},
}

var planFootprint = footprintSQL{
	exists: planExistsErr,
	name:   "SELECT title FROM plans WHERE id = ?1",
	counts: []countSQL{
		{func(f *Footprint) *int { return &f.Plans }, "SELECT count(*) FROM plans WHERE id = ?1"},
		{func(f *Footprint) *int { return &f.Actions }, "SELECT count(*) FROM actions WHERE plan = ?1"},
		{func(f *Footprint) *int { return &f.Unlinked }, "SELECT count(*) FROM appraisals WHERE previous_plan = ?1"},
	},
}

var appraisalFootprint = footprintSQL{
	exists: appraisalExists,
	name:   "SELECT p.name FROM appraisals a JOIN people p ON p.id = a.person WHERE a.id = ?1",
	counts: []countSQL{
		{func(f *Footprint) *int { return &f.Appraisals }, "SELECT count(*) FROM appraisals WHERE id = ?1"},
		{func(f *Footprint) *int { return &f.Notes }, "SELECT count(*) FROM appraisal_notes WHERE appraisal = ?1"},
	},
}

func (fs footprintSQL) read(ctx context.Context, q queryer, id string) (Footprint, error) {
	var f Footprint
	if err := fs.exists(ctx, q, id); err != nil {
		return f, err
	}
	if err := q.QueryRowContext(ctx, fs.name, id).Scan(&f.Name); err != nil {
		return f, fail(err, "cannot read %s", id)
	}
	for _, c := range fs.counts {
		if err := q.QueryRowContext(ctx, c.query, id).Scan(c.field(&f)); err != nil {
			return f, fail(err, "cannot count what belongs to %s", id)
		}
	}
	return f, nil
}

// PersonFootprint counts what ErasePerson would remove.
func (s *Store) PersonFootprint(ctx context.Context, id string) (f Footprint, err error) {
	return s.footprint(ctx, personFootprint, id)
}

// AssessmentFootprint counts what DeleteAssessment would remove.
func (s *Store) AssessmentFootprint(ctx context.Context, id string) (Footprint, error) {
	return s.footprint(ctx, assessmentFootprint, id)
}

// TeamFootprint counts what DeleteTeam would remove.
func (s *Store) TeamFootprint(ctx context.Context, id string) (Footprint, error) {
	return s.footprint(ctx, teamFootprint, id)
}

// PlanFootprint counts what DeletePlan would remove.
func (s *Store) PlanFootprint(ctx context.Context, id string) (Footprint, error) {
	return s.footprint(ctx, planFootprint, id)
}

// AppraisalFootprint counts what DeleteAppraisal would remove.
func (s *Store) AppraisalFootprint(ctx context.Context, id string) (Footprint, error) {
	return s.footprint(ctx, appraisalFootprint, id)
}

func (s *Store) footprint(ctx context.Context, fs footprintSQL, id string) (f Footprint, err error) {
	err = s.read(ctx, func(tx *sql.Tx) error {
		f, err = fs.read(ctx, tx, id)
		return err
	})
	return f, err
}

// erase counts and deletes in one transaction, then clears the deleted
// bytes out of the write-ahead log (see scrub). before runs inside the
// transaction after counting, for changes the schema does not cascade.
func (s *Store) erase(ctx context.Context, fs footprintSQL, id, del string, before func(tx *sql.Tx) error) (f Footprint, err error) {
	err = s.write(ctx, func(tx *sql.Tx) error {
		if f, err = fs.read(ctx, tx, id); err != nil {
			return err
		}
		if before != nil {
			if err := before(tx); err != nil {
				return err
			}
		}
		if _, err := tx.ExecContext(ctx, del, id); err != nil {
			return fail(err, "cannot delete %s", id)
		}
		return nil
	})
	if err != nil {
		return Footprint{}, err
	}
	return f, s.scrub(ctx)
}

// scrub makes an erasure final in the file. secure_delete (set on every
// connection, see readWriteDSN) zeroes deleted rows and freed pages, but in
// WAL mode the old versions of those pages are still in the -wal file until
// a checkpoint copies the new ones back and the log is truncated. Another
// connection reading at that moment (the desktop app open on the same file)
// can hold the checkpoint back; SQLite waits for it up to busy_timeout, and
// then it is reported, since the erasure is not yet complete on disk (the
// next checkpoint, at the latest when the last connection closes, ends it).
func (s *Store) scrub(ctx context.Context) error {
	var busy, logFrames, done int
	err := s.db.QueryRowContext(ctx, "PRAGMA wal_checkpoint(TRUNCATE)").Scan(&busy, &logFrames, &done)
	if err != nil {
		return fail(err, "cannot clear erased data from %s", s.path)
	}
	if busy != 0 {
		return model.Errorf(model.Conflict,
			"the data was deleted, but another Gapwise window or program is reading %s, so old copies remain in its -wal file until it closes", s.path)
	}
	return nil
}

// ErasePerson removes a person and everything about them: assessments with
// their ratings, targets and history, personal plans, appraisals and their
// notes, team memberships. Actions they own in team plans stay, with no
// owner. It returns what was removed.
func (s *Store) ErasePerson(ctx context.Context, id string) (Footprint, error) {
	return s.erase(ctx, personFootprint, id, "DELETE FROM people WHERE id = ?", nil)
}

// EraseMembership takes a person out of a team and takes them off the
// team's plan actions (they stay with no owner). Unassigned counts those.
func (s *Store) EraseMembership(ctx context.Context, team model.TeamID, person model.PersonID) (Footprint, error) {
	teamID, personID := string(team), string(person)
	var f Footprint
	err := s.write(ctx, func(tx *sql.Tx) error {
		if err := teamExists(ctx, tx, teamID); err != nil {
			return err
		}
		if err := personExists(ctx, tx, personID); err != nil {
			return err
		}
		if err := tx.QueryRowContext(ctx, "SELECT name FROM people WHERE id = ?", personID).Scan(&f.Name); err != nil {
			return fail(err, "cannot read person %s", personID)
		}
		res, err := tx.ExecContext(ctx, "DELETE FROM memberships WHERE team = ? AND person = ?", teamID, personID)
		if err != nil {
			return fail(err, "cannot remove person %s from team %s", personID, teamID)
		}
		n, _ := res.RowsAffected()
		if n == 0 {
			return model.Errorf(model.NotFound, "%s is not a member of team %s", f.Name, teamID)
		}
		f.Teams = int(n)
		res, err = tx.ExecContext(ctx, "UPDATE actions SET owner = NULL, updated_at = ? WHERE owner = ? AND plan IN (SELECT id FROM plans WHERE team = ?)",
			stamp(now()), personID, teamID)
		if err != nil {
			return fail(err, "cannot take person %s off team %s's actions", personID, teamID)
		}
		n, _ = res.RowsAffected()
		f.Unassigned = int(n)
		return nil
	})
	if err != nil {
		return Footprint{}, err
	}
	return f, s.scrub(ctx)
}

func assessmentExists(ctx context.Context, q queryer, id string) error {
	return rowExists(ctx, q, "SELECT 1 FROM assessments WHERE id = ?", id, "assessment")
}

func planExistsErr(ctx context.Context, q queryer, id string) error {
	return rowExists(ctx, q, "SELECT 1 FROM plans WHERE id = ?", id, "plan")
}

func appraisalExists(ctx context.Context, q queryer, id string) error {
	return rowExists(ctx, q, "SELECT 1 FROM appraisals WHERE id = ?", id, "appraisal")
}

func rowExists(ctx context.Context, q queryer, query, id, what string) error {
	var one int
	err := q.QueryRowContext(ctx, query, id).Scan(&one)
	if errors.Is(err, sql.ErrNoRows) {
		return model.Errorf(model.NotFound, "%s %s not found", what, id)
	}
	if err != nil {
		return fail(err, "cannot read %s %s", what, id)
	}
	return nil
}

// EraseAssessment removes an assessment with its ratings, targets and
// history. An appraisal that used it as the appraiser's assessment stays,
// without one (Unlinked); the schema refuses to remove an appraisal's self
// or agreed assessment.
func (s *Store) EraseAssessment(ctx context.Context, id string) (Footprint, error) {
	return s.erase(ctx, assessmentFootprint, id, "DELETE FROM assessments WHERE id = ?", nil)
}

// EraseTeam removes a team with its memberships, targets and team plans;
// the people stay.
func (s *Store) EraseTeam(ctx context.Context, id string) (Footprint, error) {
	return s.erase(ctx, teamFootprint, id, "DELETE FROM teams WHERE id = ?", nil)
}

// ErasePlan removes a plan and its actions. An appraisal that reviewed it
// stays, without the review link (Unlinked); the schema refuses to remove
// the plan agreed at an appraisal.
func (s *Store) ErasePlan(ctx context.Context, id string) (Footprint, error) {
	return s.erase(ctx, planFootprint, id, "DELETE FROM plans WHERE id = ?", nil)
}

// EraseAppraisal removes an appraisal and its item notes. The assessments
// and plans it links stay: they are the person's, listed with their others.
func (s *Store) EraseAppraisal(ctx context.Context, id string) (Footprint, error) {
	return s.erase(ctx, appraisalFootprint, id, "DELETE FROM appraisals WHERE id = ?", nil)
}

// appraiserFootprint counts an appraiser's own assessment: the one row of
// assessments (when they have rated), its ratings, targets and history.
// Every query takes the assessment id as ?1 ("" when there is none).
var appraiserFootprint = []countSQL{
	{func(f *Footprint) *int { return &f.Assessments }, "SELECT count(*) FROM assessments WHERE id = ?1"},
	{func(f *Footprint) *int { return &f.Ratings }, "SELECT count(*) FROM ratings WHERE assessment = ?1"},
	{func(f *Footprint) *int { return &f.Targets }, "SELECT count(*) FROM targets WHERE assessment = ?1"},
	{func(f *Footprint) *int { return &f.History }, "SELECT count(*) FROM assessment_history WHERE assessment = ?1"},
}

// appraiserAt reads the appraisal and checks that appraiser i (0-based) may
// be removed: nobody has signed, and another appraiser remains.
func appraiserAt(ctx context.Context, q queryer, appraisalID string, i int) (model.Appraisal, Footprint, error) {
	var f Footprint
	a, err := appraisal(ctx, q, appraisalID)
	if err != nil {
		return a, f, err
	}
	switch {
	case i < 0 || i >= len(a.Appraisers):
		return a, f, model.Errorf(model.NotFound, "appraisal %s has no appraiser number %d", appraisalID, i+1)
	case a.AnySigned():
		return a, f, signedErr()
	case len(a.Appraisers) == 1:
		return a, f, model.Errorf(model.Invalid, "%s is this appraisal's only appraiser: add the new appraiser first, or delete the appraisal", a.Appraisers[i].Name)
	}
	f.Name = a.Appraisers[i].Name
	for _, c := range appraiserFootprint {
		if err := q.QueryRowContext(ctx, c.query, a.Appraisers[i].AssessmentID).Scan(c.field(&f)); err != nil {
			return a, f, fail(err, "cannot count %s's ratings", f.Name)
		}
	}
	return a, f, nil
}

// AppraiserFootprint counts what EraseAppraiser would remove.
func (s *Store) AppraiserFootprint(ctx context.Context, appraisalID string, i int) (f Footprint, err error) {
	err = s.read(ctx, func(tx *sql.Tx) error {
		_, f, err = appraiserAt(ctx, tx, appraisalID, i)
		return err
	})
	return f, err
}

// EraseAppraiser removes appraiser i (0-based) of an appraisal nobody has
// signed, with their assessment (ratings, targets, history), in one
// transaction: the appraisers after them move up, and the agreed
// assessment's assessor ("agreed by ...") is rewritten as agreedBy, so the
// name is not left behind there either. The agreed levels and item notes
// stay. It refuses to remove the only appraiser.
func (s *Store) EraseAppraiser(ctx context.Context, appraisalID string, i int, agreedBy func(model.Appraisal) string) (Footprint, error) {
	var f Footprint
	err := s.write(ctx, func(tx *sql.Tx) error {
		a, fp, err := appraiserAt(ctx, tx, appraisalID, i)
		if err != nil {
			return err
		}
		f = fp
		gone := a.Appraisers[i]
		if _, err := tx.ExecContext(ctx, "DELETE FROM appraisers WHERE appraisal = ? AND position = ?", appraisalID, i+1); err != nil {
			return fail(err, "cannot remove appraiser %s", gone.Name)
		}
		for pos := i + 2; pos <= len(a.Appraisers); pos++ { // one at a time: (appraisal, position) is unique
			if _, err := tx.ExecContext(ctx, "UPDATE appraisers SET position = ? WHERE appraisal = ? AND position = ?", pos-1, appraisalID, pos); err != nil {
				return fail(err, "cannot renumber the appraisers of %s", appraisalID)
			}
		}
		if gone.AssessmentID != "" {
			if _, err := tx.ExecContext(ctx, "DELETE FROM assessments WHERE id = ?", gone.AssessmentID); err != nil {
				return fail(err, "cannot delete %s's assessment", gone.Name)
			}
		}
		a.Appraisers = append(a.Appraisers[:i:i], a.Appraisers[i+1:]...)
		at := stamp(now())
		if err := setAgreedBy(ctx, tx, a, agreedBy, at); err != nil {
			return err
		}
		return touchAppraisal(ctx, tx, appraisalID, at)
	})
	if err != nil {
		return Footprint{}, err
	}
	return f, s.scrub(ctx)
}
