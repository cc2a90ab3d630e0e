package store

import (
	"context"
	"database/sql"
	"errors"
	"slices"

	"gapwise/internal/model"
)

// A batch import writes ten thousand files of 150 ratings each in one
// transaction. The schema holds every rating's level to the levels its item
// defines with a trigger (ratings_level_insert), which SQLite runs as a
// sub-program for every row: it was half the SQLite work of such an import.
// For the batch the trigger is set aside inside the transaction and the same
// rule is checked in Go against the items table, read once in the same
// transaction, for every rating of a file before the file is written; the
// trigger is put back, exactly as it was, before the transaction commits. Nothing outside the transaction ever sees
// the schema without it (readers see the last committed schema; a crash or
// kill rolls the drop back with everything else), and a rating the trigger
// would refuse refuses its file all the same, with the same message.

// levelTrigger is the trigger set aside during a batch import.
const levelTrigger = "ratings_level_insert"

// errLevelNotDefined is what itemLevelTable.check wraps: the trigger's own words.
var errLevelNotDefined = errors.New("level is not defined for this item")

// suspendLevelTrigger drops ratings_level_insert inside tx and returns the
// function that creates it again from its stored definition; ok is false
// (and restore a no-op) when the schema has no such trigger.
func suspendLevelTrigger(ctx context.Context, tx *sql.Tx) (restore func() error, ok bool, err error) {
	var def string
	err = tx.QueryRowContext(ctx, "SELECT sql FROM sqlite_schema WHERE type = 'trigger' AND name = ?", levelTrigger).Scan(&def)
	if errors.Is(err, sql.ErrNoRows) {
		return func() error { return nil }, false, nil
	}
	if err != nil {
		return nil, false, fail(err, "cannot read the schema")
	}
	if _, err := tx.ExecContext(ctx, "DROP TRIGGER "+levelTrigger); err != nil {
		return nil, false, fail(err, "cannot prepare the import")
	}
	return func() error {
		if _, err := tx.ExecContext(ctx, def); err != nil {
			return fail(err, "cannot finish the import")
		}
		return nil
	}, true, nil
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

// check refuses ratings about to be written to an assessment of fw when one
// has a level other than 0 that its item does not define: the condition of
// ratings_level_insert (migration 0003). As with the trigger, an unknown item
// is left to the foreign key and a negative level to the CHECK constraint.
// TestImportLevelCheckMatchesTrigger holds the two to the same answers.
func (t *itemLevelTable) check(ctx context.Context, fw string, ratings []model.Rating) error {
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
		if r.Level != model.NoneLevel && known && !slices.Contains(levels, r.Level) {
			return levelErr(ctx, t.q, fw, r.Item, r.Level, "rating", errLevelNotDefined)
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
