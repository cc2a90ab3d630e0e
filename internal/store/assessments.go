package store

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"time"

	"gapwise/internal/model"
)

const assessmentCols = `id, person, framework, kind, assessor, scope_group, scope_role_level, created_at, updated_at`

func scanAssessment(sc scanner) (model.Assessment, error) {
	var a model.Assessment
	var ref, kind string
	err := sc.Scan(&a.ID, &a.PersonID, &ref, &kind, &a.Assessor, &a.Scope.Group, &a.Scope.RoleLevel,
		ts(&a.CreatedAt), ts(&a.UpdatedAt))
	a.Framework = parseRef(ref)
	a.Kind = model.AssessmentKind(kind)
	return a, err
}

func checkAssessment(a model.Assessment) error {
	if _, err := model.ParseAssessmentKind(string(a.Kind)); err != nil {
		return model.Wrap(model.Invalid, err, "assessment")
	}
	return nil
}

// CreateAssessment starts an assessment of a person against one framework
// version, giving it a new UUID when ID is empty. An assessment of a sample
// person is itself sample data.
func (s *Store) CreateAssessment(ctx context.Context, a model.Assessment) (model.Assessment, error) {
	if err := checkAssessment(a); err != nil {
		return model.Assessment{}, err
	}
	if a.ID == "" {
		a.ID = newID()
	}
	a.CreatedAt = norm(a.CreatedAt, now())
	a.UpdatedAt = norm(a.UpdatedAt, a.CreatedAt)
	err := s.write(ctx, func(tx *sql.Tx) error {
		return insertAssessment(ctx, tx, a)
	})
	if err != nil {
		return model.Assessment{}, err
	}
	return a, nil
}

func insertAssessment(ctx context.Context, tx *sql.Tx, a model.Assessment) error {
	q := cachedTx{tx}
	if err := personExists(ctx, q, a.PersonID); err != nil {
		return err
	}
	if err := frameworkExists(ctx, q, a.Framework); err != nil {
		return err
	}
	_, err := q.ExecContext(ctx, `INSERT INTO assessments
		(id, person, framework, kind, assessor, scope_group, scope_role_level, sample, created_at, updated_at)
		SELECT ?, id, ?, ?, ?, ?, ?, sample, ?, ? FROM people WHERE id = ?`,
		a.ID, a.Framework.String(), string(a.Kind), a.Assessor, a.Scope.Group, a.Scope.RoleLevel,
		stamp(a.CreatedAt), stamp(a.UpdatedAt), a.PersonID)
	if isDuplicate(err) {
		return model.Errorf(model.Conflict, "an assessment with id %s already exists", a.ID)
	}
	if err != nil {
		return fail(err, "cannot add assessment %s", a.ID)
	}
	return nil
}

// Assessment returns one assessment (without its ratings; see Ratings).
func (s *Store) Assessment(ctx context.Context, id string) (model.Assessment, error) {
	a, err := scanAssessment(s.reader(ctx).QueryRowContext(ctx, "SELECT "+assessmentCols+" FROM assessments WHERE id = ?", id))
	if errors.Is(err, sql.ErrNoRows) {
		return model.Assessment{}, model.Errorf(model.NotFound, "assessment %s not found", id)
	}
	if err != nil {
		return model.Assessment{}, fail(err, "cannot read assessment %s", id)
	}
	return a, nil
}

// Assessments lists a person's assessments, most recently started first.
func (s *Store) Assessments(ctx context.Context, personID string) ([]model.Assessment, error) {
	var out []model.Assessment
	err := s.read(ctx, func(tx *sql.Tx) error {
		if err := personExists(ctx, tx, personID); err != nil {
			return err
		}
		rows, err := tx.QueryContext(ctx, "SELECT "+assessmentCols+` FROM assessments WHERE person = ?
			ORDER BY created_at DESC, id DESC`, personID)
		if err != nil {
			return err
		}
		defer rows.Close()
		for rows.Next() {
			a, err := scanAssessment(rows)
			if err != nil {
				return err
			}
			out = append(out, a)
		}
		return rows.Err()
	})
	if err != nil {
		return nil, fail(err, "cannot list the assessments of person %s", personID)
	}
	return out, nil
}

// PreviousAssessment is the person's latest assessment of the same kind and
// framework version created before a (among those made at the same moment,
// the one Assessments lists first); nil when there is none. One indexed
// read, not all of the person's assessments listed to choose from.
func (s *Store) PreviousAssessment(ctx context.Context, a model.Assessment) (*model.Assessment, error) {
	var prev *model.Assessment
	err := s.read(ctx, func(tx *sql.Tx) error {
		row := tx.QueryRowContext(ctx, "SELECT "+assessmentCols+` FROM assessments INDEXED BY assessments_by_person
			WHERE person = ? AND created_at < ? AND framework = ? AND kind = ? AND id <> ?
			ORDER BY created_at DESC, id DESC LIMIT 1`,
			a.PersonID, stamp(a.CreatedAt), a.Framework.String(), string(a.Kind), a.ID)
		p, err := scanAssessment(row)
		if errors.Is(err, sql.ErrNoRows) {
			return nil
		}
		if err != nil {
			return err
		}
		prev = &p
		return nil
	})
	if err != nil {
		return nil, fail(err, "cannot find the assessment before %s", a.ID)
	}
	return prev, nil
}

// DeleteAssessment removes an assessment with its ratings, targets and history.
func (s *Store) DeleteAssessment(ctx context.Context, id string) error {
	_, err := s.EraseAssessment(ctx, id)
	return err
}

// HistoryEntry is an older version of an assessment, as the exchange file
// that described it.
type HistoryEntry struct {
	ReplacedAt time.Time
	Snapshot   []byte
}

// ReplaceAssessment stores a whole assessment (as read from an exchange
// file) in one transaction: created if new, otherwise its details, ratings
// and targets are replaced, and previous (the older version as JSON, if
// given) is kept in its history. It never moves an assessment to another
// person or framework version (Conflict). The person must already exist.
func (s *Store) ReplaceAssessment(ctx context.Context, a model.Assessment, ratings []model.Rating, targets []model.Target, previous []byte) error {
	if err := checkImport(&a, previous); err != nil {
		return err
	}
	return s.write(ctx, func(tx *sql.Tx) error {
		_, err := replaceAssessment(ctx, tx, a, ratings, targets, previous, time.Time{})
		return err
	})
}

// ImportOutcome says what an import did.
type ImportOutcome int

// Import outcomes.
const (
	Added     ImportOutcome = iota + 1 // a new assessment
	Replaced                           // a newer version of one already here; the older is kept as history
	Unchanged                          // the same or an older version: nothing written
)

// ImportAssessment stores an assessment read from a file, with its person,
// all in one transaction: the person is added if unknown (an existing
// profile is left as the user edited it); the assessment is added, or
// replaces the stored one when the file's updated_at is later, keeping
// previous (the stored version as JSON) in its history. storedUpdated is the
// updated_at the caller saw when it made previous: if the stored version
// changed since, the import is refused (Conflict) rather than losing an edit.
func (s *Store) ImportAssessment(ctx context.Context, p model.Person, a model.Assessment, ratings []model.Rating, targets []model.Target, previous []byte, storedUpdated time.Time) (ImportOutcome, error) {
	return s.Import(ctx, ImportItem{Person: p, Assessment: a, Ratings: ratings, Targets: targets, Previous: previous, StoredUpdated: storedUpdated})
}

// Import is ImportAssessment of one ImportItem.
func (s *Store) Import(ctx context.Context, it ImportItem) (ImportOutcome, error) {
	if err := it.check(); err != nil {
		return 0, err
	}
	var out ImportOutcome
	err := s.write(ctx, func(tx *sql.Tx) error {
		var err error
		out, err = importTx(ctx, tx, "", it)
		return err
	})
	return out, err
}

// ImportItem is one validated assessment file ready to be written.
type ImportItem struct {
	Person        model.Person
	Assessment    model.Assessment
	Ratings       []model.Rating
	Targets       []model.Target
	Previous      []byte    // the older version to keep as history, if any
	StoredUpdated time.Time // updated_at of the stored version Previous was made from
	// UpdatePerson takes the file's details for a person already here whose
	// name or discipline differs (the user said they are the same person).
	// Without it such a file is refused: see model.CheckIdentity.
	UpdatePerson bool
}

func (it *ImportItem) check() error {
	if err := checkPerson(it.Person); err != nil {
		return err
	}
	if it.Person.ID == "" || it.Person.ID != it.Assessment.PersonID {
		return model.Errorf(model.Invalid, "the assessment's person id does not match its person")
	}
	return checkImport(&it.Assessment, it.Previous)
}

// ImportDone is what became of one ImportItem in a batch.
type ImportDone struct {
	Outcome ImportOutcome
	Err     error // nil when written (or unchanged)
}

// ImportBatch writes many assessment files, each with its person and (when
// teamID is set) team membership, in one transaction with a savepoint per
// file: a refused file leaves nothing behind, the others are written, and
// the whole batch costs one commit instead of one per file. A failure of the
// commit itself is returned as err and nothing is written.
func (s *Store) ImportBatch(ctx context.Context, teamID string, items []ImportItem) ([]ImportDone, error) {
	return s.ImportEach(ctx, teamID, len(items), func(i int) (ImportItem, error) { return items[i], nil })
}

// ImportEach is ImportBatch with the n items made one at a time by item, in
// the transaction, so a batch of ten thousand files never holds them all in
// memory. An error from item refuses that file alone, like a bad file.
func (s *Store) ImportEach(ctx context.Context, teamID string, n int, item func(i int) (ImportItem, error)) ([]ImportDone, error) {
	done := make([]ImportDone, n)
	err := s.writeBatch(ctx, func(tx *sql.Tx) error {
		clear(done) // a retried transaction starts again
		ctx, stmts := withStmtCache(ctx, tx)
		defer stmts.close()
		q := cachedTx{tx}
		if teamID != "" {
			if err := teamExists(ctx, tx, teamID); err != nil {
				return err
			}
		}
		// Levels and items are checked in Go before each file is written,
		// not by a trigger and a foreign key for every rating
		// (importchecks.go); the trigger is back before the commit.
		restore, err := suspendLevelTrigger(ctx, tx)
		if err != nil {
			return err
		}
		levels := newItemLevelTable(q)
		for i := 0; i < n; i++ {
			it, err := item(i)
			if err == nil {
				err = it.check()
			}
			if err == nil {
				err = levels.check(ctx, it.Assessment.Framework.String(), it.Ratings, it.Targets)
			}
			if err != nil {
				done[i].Err = err
				continue
			}
			if _, err := q.ExecContext(ctx, "SAVEPOINT import_file"); err != nil {
				return fail(err, "cannot import file %d", i+1)
			}
			out, err := importTx(ctx, tx, teamID, it)
			if err != nil {
				done[i].Err = err
				if _, rerr := q.ExecContext(ctx, "ROLLBACK TO import_file"); rerr != nil {
					return fail(rerr, "cannot undo file %d", i+1)
				}
			} else {
				done[i].Outcome = out
			}
			if _, err := q.ExecContext(ctx, "RELEASE import_file"); err != nil {
				return fail(err, "cannot import file %d", i+1)
			}
		}
		return restore()
	})
	return done, err
}

// importTx writes one import inside tx: the person if unknown, the
// assessment (newer wins), and the team membership. A person already here
// is left as the user edited them, unless the file names someone else
// under their id: that is refused (or, with UpdatePerson, the file's
// details are taken), checked here in the transaction so that two files of
// one batch cannot give one id two names either.
func importTx(ctx context.Context, tx *sql.Tx, teamID string, it ImportItem) (ImportOutcome, error) {
	q := cachedTx{tx}
	p := it.Person
	stored, err := scanPerson(q.QueryRowContext(ctx, "SELECT "+personCols+" FROM people WHERE id = ?", p.ID))
	switch {
	case errors.Is(err, sql.ErrNoRows):
		p.CreatedAt = norm(p.CreatedAt, now())
		if _, err := q.ExecContext(ctx, `INSERT INTO people
			(id, name, discipline, role, organisation, informatics_wte, sample, created_at, updated_at)
			VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
			p.ID, p.Name, string(p.Discipline), p.Role, p.Organisation, p.InformaticsWTE, boolInt(p.Sample),
			stamp(p.CreatedAt), stamp(now())); err != nil {
			return 0, fail(err, "cannot add %q", p.Name)
		}
	case err != nil:
		return 0, fail(err, "cannot read person %s", p.ID)
	case model.SameIdentity(stored, p):
	case !it.UpdatePerson:
		return 0, model.CheckIdentity(stored, p)
	default:
		if _, err := q.ExecContext(ctx, `UPDATE people SET name = ?, discipline = ?, role = ?, organisation = ?,
			informatics_wte = ?, updated_at = ? WHERE id = ?`,
			p.Name, string(p.Discipline), p.Role, p.Organisation, p.InformaticsWTE, stamp(now()), p.ID); err != nil {
			return 0, fail(err, "cannot update %q", stored.Name)
		}
	}
	out, err := replaceAssessment(ctx, tx, it.Assessment, it.Ratings, it.Targets, it.Previous, it.StoredUpdated)
	if err != nil || teamID == "" {
		return out, err
	}
	if err := teamExists(ctx, q, teamID); err != nil {
		return 0, err
	}
	_, err = q.ExecContext(ctx, `INSERT INTO memberships (team, person, joined_at) VALUES (?, ?, ?)
		ON CONFLICT (team, person) DO NOTHING`, teamID, p.ID, stamp(now()))
	return out, fail(err, "cannot add %q to team %s", p.Name, teamID)
}

// checkImport validates and normalises an assessment about to be written whole.
func checkImport(a *model.Assessment, previous []byte) error {
	if err := checkAssessment(*a); err != nil {
		return err
	}
	if a.ID == "" {
		return model.Errorf(model.Invalid, "the assessment has no id")
	}
	if previous != nil && !json.Valid(previous) {
		return model.Errorf(model.Invalid, "the previous version of assessment %s is not valid JSON", a.ID)
	}
	a.CreatedAt = norm(a.CreatedAt, now())
	a.UpdatedAt = norm(a.UpdatedAt, a.CreatedAt)
	return nil
}

// replaceAssessment writes a whole assessment inside tx. With a non-zero
// storedUpdated it keeps newer-wins semantics: a version not newer than the
// stored one changes nothing.
func replaceAssessment(ctx context.Context, tx *sql.Tx, a model.Assessment, ratings []model.Rating, targets []model.Target, previous []byte, storedUpdated time.Time) (ImportOutcome, error) {
	q := cachedTx{tx}
	at := now()
	fw := a.Framework.String()
	var person, framework, kind string
	var updated time.Time
	err := q.QueryRowContext(ctx, "SELECT person, framework, kind, updated_at FROM assessments WHERE id = ?", a.ID).Scan(&person, &framework, &kind, ts(&updated))
	outcome := Replaced
	switch {
	case errors.Is(err, sql.ErrNoRows):
		if err := insertAssessment(ctx, tx, a); err != nil {
			return 0, err
		}
		if previous != nil { // an older file of the same assessment in the same import
			if _, err := q.ExecContext(ctx, "INSERT INTO assessment_history (assessment, replaced_at, snapshot) VALUES (?, ?, ?)",
				a.ID, stamp(at), string(previous)); err != nil {
				return 0, fail(err, "cannot keep the previous version of assessment %s", a.ID)
			}
		}
		outcome = Added
	case err != nil:
		return 0, fail(err, "cannot read assessment %s", a.ID)
	case person != a.PersonID || framework != fw:
		return 0, model.Errorf(model.Conflict, "assessment %s already exists for another person or framework version", a.ID)
	case kind != string(a.Kind):
		// An appraisal relies on which assessment is self, appraiser or agreed.
		return 0, model.Errorf(model.Conflict, "assessment %s is a %s assessment here; a file cannot turn it into a %s one", a.ID, kind, a.Kind)
	case !storedUpdated.IsZero() && !a.UpdatedAt.After(updated):
		return Unchanged, nil
	case !storedUpdated.IsZero() && !updated.Equal(storedUpdated):
		return 0, model.Errorf(model.Conflict, "assessment %s changed while it was being imported; try again", a.ID)
	default:
		if previous != nil {
			if _, err := q.ExecContext(ctx, "INSERT INTO assessment_history (assessment, replaced_at, snapshot) VALUES (?, ?, ?)",
				a.ID, stamp(at), string(previous)); err != nil {
				return 0, fail(err, "cannot keep the previous version of assessment %s", a.ID)
			}
		}
		if _, err := q.ExecContext(ctx, `UPDATE assessments SET kind = ?, assessor = ?, scope_group = ?,
			scope_role_level = ?, created_at = ?, updated_at = ? WHERE id = ?`,
			string(a.Kind), a.Assessor, a.Scope.Group, a.Scope.RoleLevel, stamp(a.CreatedAt), stamp(a.UpdatedAt), a.ID); err != nil {
			return 0, fail(err, "cannot update assessment %s", a.ID)
		}
		// Rating reviews go with their ratings (the foreign key's cascade,
		// said here too for a batch import, which writes without it).
		for _, del := range []string{"DELETE FROM rating_reviews WHERE assessment = ?", "DELETE FROM ratings WHERE assessment = ?", "DELETE FROM targets WHERE assessment = ?"} {
			if _, err := q.ExecContext(ctx, del, a.ID); err != nil {
				return 0, fail(err, "cannot update assessment %s", a.ID)
			}
		}
	}
	if err := insertRatings(ctx, tx, a.ID, fw, ratings, at); err != nil {
		return 0, err
	}
	for _, t := range targets {
		if err := writeTarget(ctx, tx, "targets", "assessment", a.ID, fw, t, at); err != nil {
			return 0, err
		}
	}
	return outcome, nil
}

// AssessmentHistory lists the older versions of an assessment, newest first.
func (s *Store) AssessmentHistory(ctx context.Context, id string) ([]HistoryEntry, error) {
	var out []HistoryEntry
	err := s.read(ctx, func(tx *sql.Tx) error {
		if _, err := assessmentFramework(ctx, tx, id); err != nil {
			return err
		}
		rows, err := tx.QueryContext(ctx, "SELECT replaced_at, snapshot FROM assessment_history WHERE assessment = ? ORDER BY seq DESC", id)
		if err != nil {
			return err
		}
		defer rows.Close()
		for rows.Next() {
			var h HistoryEntry
			var snap string
			if err := rows.Scan(ts(&h.ReplacedAt), &snap); err != nil {
				return err
			}
			h.Snapshot = []byte(snap)
			out = append(out, h)
		}
		return rows.Err()
	})
	if err != nil {
		return nil, fail(err, "cannot read the history of assessment %s", id)
	}
	return out, nil
}

// assessmentFramework returns the framework ref an assessment rates against.
func assessmentFramework(ctx context.Context, q queryer, id string) (string, error) {
	var fw string
	err := q.QueryRowContext(ctx, "SELECT framework FROM assessments WHERE id = ?", id).Scan(&fw)
	if errors.Is(err, sql.ErrNoRows) {
		return "", model.Errorf(model.NotFound, "assessment %s not found", id)
	}
	if err != nil {
		return "", fail(err, "cannot read assessment %s", id)
	}
	return fw, nil
}

// touchAssessment records that an assessment changed, for exchange files:
// the newer file of the same assessment wins.
func touchAssessment(ctx context.Context, tx *sql.Tx, id string, at time.Time) error {
	if _, err := tx.ExecContext(ctx, "UPDATE assessments SET updated_at = ? WHERE id = ?", stamp(at), id); err != nil {
		return fail(err, "cannot update assessment %s", id)
	}
	return nil
}
