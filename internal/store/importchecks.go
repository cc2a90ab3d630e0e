package store

import (
	"context"
	"database/sql"
	"database/sql/driver"
	"errors"
	"fmt"
	"slices"

	"gapwise/internal/model"
)

// A batch import writes ten thousand files of 150 ratings each in one
// transaction. For every rating SQLite ran the level trigger
// (ratings_level_insert) as a sub-program and looked up both parents of its
// foreign keys (the assessment, and the item in the framework version): with
// the B-tree insert itself, that was nearly all of the import's SQLite work.
// The batch makes the same checks once a file instead, before the file is
// written, and holds the rest true by how it writes:
//
//   - Levels and items: every rating's and target's item must be in the
//     assessment's framework version, and a rating's level other than 0 one
//     the item defines. itemLevelTable checks them in Go against the items
//     table read inside the import's own transaction (the rows the trigger
//     and foreign key read), with the same refusal and message.
//   - The other foreign keys hold by construction, each checked where the row
//     is written: the team (teamExists), the person (written or found before
//     the assessment; insertAssessment's personExists), the framework version
//     (frameworkExists), the assessment of ratings, targets and history (the
//     assessment written or found with the same framework version just
//     before). The one cascade a batch relies on, rating reviews of ratings
//     it replaces, is deleted explicitly (replaceAssessment).
//   - Before the commit, PRAGMA foreign_key_check runs over every table the
//     batch writes except ratings (whose rows the two checks above cover):
//     those tables hold a row per person or assessment, so it costs little,
//     and anything amiss refuses the whole batch.
//
// The trigger is one of the rules on the batch's own connection (rules.sql):
// it is dropped inside the transaction and created again before the
// commit, and foreign keys are off only on that connection, for its
// transaction, and back on before the connection returns to the pool. No
// other connection is ever without the trigger, and a batch that fails, or
// is killed, takes the drop with it when its transaction rolls back.

// levelTrigger is the trigger set aside during a batch import.
const levelTrigger = "ratings_level_insert"

// errLevelNotDefined is what itemLevelTable.check wraps: the trigger's own words.
var errLevelNotDefined = errors.New("level is not defined for this item")

// suspendLevelTrigger drops ratings_level_insert from tx's connection inside
// tx and returns the function that creates it again.
func suspendLevelTrigger(ctx context.Context, tx *sql.Tx) (restore func() error, err error) {
	again := ruleStatement(levelTrigger)
	if again == "" {
		return nil, model.Errorf(model.Internal, "this build of Gapwise is broken: rules.sql has no %s", levelTrigger)
	}
	if _, err := tx.ExecContext(ctx, "DROP TRIGGER temp."+levelTrigger); err != nil {
		return nil, fail(err, "cannot prepare the import")
	}
	return func() error {
		if _, err := tx.ExecContext(ctx, again); err != nil {
			return fail(err, "cannot finish the import")
		}
		return nil
	}, nil
}

// itemLevelTable is the levels each item defines, read from the items
// table inside the import's own transaction (the rows the trigger reads),
// one framework version at a time as files need it.
type itemLevelTable struct {
	q  queryer
	fw map[string]map[string][]int // framework ref -> item -> levels
}

func newItemLevelTable(q queryer) *itemLevelTable {
	return &itemLevelTable{q: q, fw: map[string]map[string][]int{}}
}

// check refuses ratings and targets about to be written to an assessment of
// fw when one names an item fw does not have (the foreign key's refusal), or
// a rating has a level other than 0 that its item does not define (the
// condition of ratings_level_insert, rules.sql); a negative level is
// left to the CHECK constraint and a target's level to its own trigger.
// TestImportChecksMatchTheSchema holds them to the schema's answers.
func (t *itemLevelTable) check(ctx context.Context, fw string, ratings []model.Rating, targets []model.Target) error {
	items, ok := t.fw[fw]
	if !ok {
		var err error
		if items, err = t.load(ctx, fw); err != nil {
			return err
		}
		t.fw[fw] = items
	}
	for _, r := range ratings {
		levels, known := items[r.Item]
		if !known || r.Level != model.NoneLevel && !slices.Contains(levels, r.Level) {
			return levelErr(ctx, t.q, fw, r.Item, r.Level, "rating", errLevelNotDefined)
		}
	}
	for _, tg := range targets {
		if _, known := items[tg.Item]; !known {
			return levelErr(ctx, t.q, fw, tg.Item, tg.Level, "target", errLevelNotDefined)
		}
	}
	return nil
}

func (t *itemLevelTable) load(ctx context.Context, fw string) (map[string][]int, error) {
	rows, err := t.q.QueryContext(ctx, "SELECT id, levels FROM items WHERE framework = ?", fw)
	if err != nil {
		return nil, fail(err, "cannot read the items of %s", fw)
	}
	defer rows.Close()
	items := map[string][]int{}
	for rows.Next() {
		var id, levels string
		if err := rows.Scan(&id, &levels); err != nil {
			return nil, fail(err, "cannot read the items of %s", fw)
		}
		items[id] = parseLevels(levels)
	}
	if err := rows.Err(); err != nil {
		return nil, fail(err, "cannot read the items of %s", fw)
	}
	return items, nil
}

// batchChecked lists the tables a batch import writes, other than ratings,
// for PRAGMA foreign_key_check before its commit.
var batchChecked = []string{"people", "assessments", "assessment_history", "targets", "memberships", "rating_reviews"}

// checkForeignKeys refuses the batch when a row of the tables it wrote
// (but ratings) breaks a foreign key.
func checkForeignKeys(ctx context.Context, tx *sql.Tx) error {
	for _, table := range batchChecked {
		rows, err := tx.QueryContext(ctx, fmt.Sprintf("PRAGMA foreign_key_check(%s)", table))
		if err != nil {
			return fail(err, "cannot check the import")
		}
		bad := rows.Next()
		var parent string
		if bad {
			var tbl string
			var rowid sql.NullInt64
			var fk int
			err = rows.Scan(&tbl, &rowid, &parent, &fk)
		}
		rows.Close()
		if err == nil {
			err = rows.Err()
		}
		if err != nil {
			return fail(err, "cannot check the import")
		}
		if bad {
			return model.Errorf(model.Internal, "the import would leave a row of %s pointing at a missing %s; nothing was imported", table, parent)
		}
	}
	return nil
}

// writeBatch is write for a batch import: its transaction runs on a
// connection of its own with foreign keys off (see above), which are on
// again before the connection goes back to the pool.
func (s *Store) writeBatch(ctx context.Context, fn func(tx *sql.Tx) error) error {
	conn, err := s.db.Conn(ctx)
	if err != nil {
		return fail(err, "cannot start a change to %s", s.path)
	}
	defer conn.Close()
	if _, err := conn.ExecContext(ctx, "PRAGMA foreign_keys = OFF"); err != nil {
		return fail(err, "cannot start a change to %s", s.path)
	}
	defer func() {
		bg := context.WithoutCancel(ctx)
		on := 0
		_, err := conn.ExecContext(bg, "PRAGMA foreign_keys = ON")
		if err == nil {
			err = conn.QueryRowContext(bg, "PRAGMA foreign_keys").Scan(&on)
		}
		if err != nil || on != 1 {
			// Never hand the pool a connection without foreign keys.
			conn.Raw(func(any) error { return driver.ErrBadConn })
		}
	}()
	tx, err := conn.BeginTx(ctx, nil)
	if err != nil {
		return fail(err, "cannot start a change to %s", s.path)
	}
	defer tx.Rollback()
	if err := fn(tx); err != nil {
		return inUse(err)
	}
	if err := checkForeignKeys(ctx, tx); err != nil {
		return err
	}
	if err := tx.Commit(); err != nil {
		return fail(err, "cannot save the change to %s", s.path)
	}
	return nil
}
