package store

import (
	"context"
	"database/sql"
	"fmt"
	"slices"
	"strings"
	"time"

	"gapwise/internal/model"
)

// SetRating records (or replaces) one item's rating in an assessment and
// marks the assessment as updated, in one transaction. The database refuses
// a negative level, a level the item does not define, a confidence outside
// 0-5 and an item not in the assessment's framework version (all Invalid).
// A zero RatedAt means now.
func (s *Store) SetRating(ctx context.Context, assessmentID string, r model.Rating) error {
	return s.write(ctx, func(tx *sql.Tx) error {
		fw, err := assessmentFramework(ctx, tx, assessmentID)
		if err != nil {
			return err
		}
		at := now()
		if err := writeRating(ctx, tx, assessmentID, fw, r, at, true); err != nil {
			return err
		}
		return touchAssessment(ctx, tx, assessmentID, at)
	})
}

// SetRatings records several ratings of one assessment in one transaction:
// all of them, or none when one is refused (as SetRating refuses).
func (s *Store) SetRatings(ctx context.Context, assessmentID string, rs []model.Rating) error {
	return s.write(ctx, func(tx *sql.Tx) error {
		fw, err := assessmentFramework(ctx, tx, assessmentID)
		if err != nil {
			return err
		}
		at := now()
		for _, r := range rs {
			if err := writeRating(ctx, tx, assessmentID, fw, r, at, true); err != nil {
				return err
			}
		}
		return touchAssessment(ctx, tx, assessmentID, at)
	})
}

// ClearRating makes an item "not rated" again. Clearing an item that has no
// rating does nothing.
func (s *Store) ClearRating(ctx context.Context, assessmentID, item string) error {
	return s.write(ctx, func(tx *sql.Tx) error {
		if _, err := assessmentFramework(ctx, tx, assessmentID); err != nil {
			return err
		}
		res, err := tx.ExecContext(ctx, "DELETE FROM ratings WHERE assessment = ? AND item = ?", assessmentID, item)
		if err != nil {
			return fail(err, "cannot clear the rating of %q", item)
		}
		if n, _ := res.RowsAffected(); n == 0 {
			return nil
		}
		return touchAssessment(ctx, tx, assessmentID, now())
	})
}

// Ratings returns an assessment's ratings in the framework's item order.
// Items without a rating are absent: not rated is not level 0.
func (s *Store) Ratings(ctx context.Context, assessmentID string) ([]model.Rating, error) {
	return s.ratings(ctx, assessmentID, `SELECT r.item, r.level, r.confidence, r.evidence, r.interest, r.rated_at
			FROM ratings r JOIN items i ON i.framework = r.framework AND i.id = r.item
			WHERE r.assessment = ? ORDER BY i.position, r.item`, scanRating)
}

// RatingsByItem returns an assessment's ratings in no particular order, for
// a caller that looks them up by item: without the framework's order to
// join and sort by, reading them costs half as much (issue 12).
func (s *Store) RatingsByItem(ctx context.Context, assessmentID string) ([]model.Rating, error) {
	return s.ratings(ctx, assessmentID, `SELECT item, level, confidence, evidence, interest, rated_at
			FROM ratings WHERE assessment = ?`, scanRating)
}

// scanRating reads a row of item, level, confidence, evidence, interest and
// rated_at.
func scanRating(rows *sql.Rows, r *model.Rating) error {
	return rows.Scan(&r.Item, &r.Level, &r.Confidence, &r.Evidence, &r.Interest, ts(&r.RatedAt))
}

// LevelsByItem returns an assessment's ratings with only Item, Level and
// RatedAt set, in no particular order: what comparing it with a later
// assessment needs (gap.Compare). The driver's work is per column, and it
// was most of reading the other assessment's ratings (issue 12).
func (s *Store) LevelsByItem(ctx context.Context, assessmentID string) ([]model.Rating, error) {
	return s.ratings(ctx, assessmentID, "SELECT item, level, rated_at FROM ratings WHERE assessment = ?",
		func(rows *sql.Rows, r *model.Rating) error { return rows.Scan(&r.Item, &r.Level, ts(&r.RatedAt)) })
}

// ratings reads an assessment's ratings with query, scanning each row with
// scan (scanRating: every field).
func (s *Store) ratings(ctx context.Context, assessmentID, query string, scan func(*sql.Rows, *model.Rating) error) ([]model.Rating, error) {
	var out []model.Rating
	err := s.read(ctx, func(tx *sql.Tx) error {
		if _, err := assessmentFramework(ctx, tx, assessmentID); err != nil {
			return err
		}
		rows, err := tx.QueryContext(ctx, query, assessmentID)
		if err != nil {
			return err
		}
		defer rows.Close()
		for rows.Next() {
			var r model.Rating
			if err := scan(rows, &r); err != nil {
				return err
			}
			out = append(out, r)
		}
		return rows.Err()
	})
	if err != nil {
		return nil, fail(err, "cannot read the ratings of assessment %s", assessmentID)
	}
	return out, nil
}

// SetTargets replaces all of an assessment's targets in one transaction; if
// any target is refused, the old targets stay. An empty Source means "manual".
func (s *Store) SetTargets(ctx context.Context, assessmentID string, targets []model.Target) error {
	return s.write(ctx, func(tx *sql.Tx) error {
		fw, err := assessmentFramework(ctx, tx, assessmentID)
		if err != nil {
			return err
		}
		if _, err := tx.ExecContext(ctx, "DELETE FROM targets WHERE assessment = ?", assessmentID); err != nil {
			return fail(err, "cannot replace the targets of assessment %s", assessmentID)
		}
		at := now()
		for _, t := range targets {
			if err := writeTarget(ctx, tx, "targets", "assessment", assessmentID, fw, t, at); err != nil {
				return err
			}
		}
		return touchAssessment(ctx, tx, assessmentID, at)
	})
}

// Targets returns an assessment's targets in the framework's item order.
func (s *Store) Targets(ctx context.Context, assessmentID string) ([]model.Target, error) {
	return s.targets(ctx, assessmentID, true)
}

// TargetsByItem returns an assessment's targets in no particular order, for
// a caller that looks them up by item (the sheet of every view): the join
// and sort that give the framework's order were most of the read (issue 12).
func (s *Store) TargetsByItem(ctx context.Context, assessmentID string) ([]model.Target, error) {
	return s.targets(ctx, assessmentID, false)
}

func (s *Store) targets(ctx context.Context, assessmentID string, inItemOrder bool) ([]model.Target, error) {
	var out []model.Target
	err := s.read(ctx, func(tx *sql.Tx) error {
		if _, err := assessmentFramework(ctx, tx, assessmentID); err != nil {
			return err
		}
		var err error
		out, err = queryTargets(ctx, tx, "targets", "assessment", assessmentID, inItemOrder)
		return err
	})
	if err != nil {
		return nil, fail(err, "cannot read the targets of assessment %s", assessmentID)
	}
	return out, nil
}

// writeRating inserts one rating, or with upsert replaces the item's rating.
func writeRating(ctx context.Context, tx *sql.Tx, assessmentID, fw string, r model.Rating, at time.Time, upsert bool) error {
	q := `INSERT INTO ratings (assessment, framework, item, level, confidence, evidence, interest, rated_at)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?)`
	if upsert {
		q += ` ON CONFLICT (assessment, item) DO UPDATE SET level = excluded.level,
			confidence = excluded.confidence, evidence = excluded.evidence, interest = excluded.interest,
			rated_at = excluded.rated_at`
	}
	_, err := tx.ExecContext(ctx, q, assessmentID, fw, r.Item, r.Level, r.Confidence, r.Evidence, boolInt(r.Interest), stamp(norm(r.RatedAt, at)))
	if err == nil {
		return nil
	}
	if isDuplicate(err) {
		return model.Errorf(model.Invalid, "item %q is rated twice", r.Item)
	}
	if isConstraint(err) {
		if r.Confidence < 0 || r.Confidence > 5 {
			return model.Wrap(model.Invalid, err, "confidence %d for item %q is out of range (1 to 5, or 0 when not given)", r.Confidence, r.Item)
		}
		return levelErr(ctx, tx, fw, r.Item, r.Level, "rating", err)
	}
	return fail(err, "cannot save the rating of %q", r.Item)
}

// writeTarget inserts one target into targets (owner "assessment") or
// team_targets (owner "team"); the table and column names are constants.
func writeTarget(ctx context.Context, tx *sql.Tx, table, owner, ownerID, fw string, t model.Target, at time.Time) error {
	source := t.Source
	if source == "" {
		source = "manual"
	}
	q := fmt.Sprintf("INSERT INTO %s (%s, framework, item, level, source, set_at) VALUES (?, ?, ?, ?, ?, ?)", table, owner)
	_, err := execCached(ctx, tx, q, ownerID, fw, t.Item, t.Level, source, stamp(at))
	if err == nil {
		return nil
	}
	if isDuplicate(err) {
		return model.Errorf(model.Invalid, "item %q has two targets", t.Item)
	}
	if isConstraint(err) {
		return levelErr(ctx, tx, fw, t.Item, t.Level, "target", err)
	}
	return fail(err, "cannot save the target for %q", t.Item)
}

// levelErr explains, after the database refused a level, which rule it broke.
func levelErr(ctx context.Context, q queryer, fw, item string, level int, what string, err error) error {
	levels, lerr := itemLevels(ctx, q, fw, item)
	if lerr != nil {
		return lerr // unknown item: Invalid, naming it
	}
	if level != model.NoneLevel && !slices.Contains(levels, level) {
		valid := "0"
		if len(levels) > 0 {
			valid = "0 or " + strings.ReplaceAll(levelList(levels), ",", ", ")
		}
		return model.Wrap(model.Invalid, err, "%s level %d is not valid for item %q in %s (valid: %s)", what, level, item, fw, valid)
	}
	return model.Wrap(model.Invalid, err, "%s for item %q refused", what, item)
}

func queryTargets(ctx context.Context, q queryer, table, owner, ownerID string, inItemOrder bool) ([]model.Target, error) {
	query := fmt.Sprintf(`SELECT item, level, source FROM %s WHERE %s = ?`, table, owner)
	if inItemOrder {
		query = fmt.Sprintf(`SELECT t.item, t.level, t.source FROM %s t
		JOIN items i ON i.framework = t.framework AND i.id = t.item
		WHERE t.%s = ? ORDER BY i.position, t.item`, table, owner)
	}
	rows, err := q.QueryContext(ctx, query, ownerID)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []model.Target
	for rows.Next() {
		var t model.Target
		if err := rows.Scan(&t.Item, &t.Level, &t.Source); err != nil {
			return nil, err
		}
		out = append(out, t)
	}
	return out, rows.Err()
}

// ratingsPerInsert is how many ratings one INSERT statement carries when a
// whole assessment is written: far fewer statements to compile and run.
const ratingsPerInsert = 50

// insertRatings writes a whole assessment's ratings with multi-row INSERTs.
// When a chunk is refused it is written again row by row, so the error names
// the rating at fault exactly.
//
// A batch import writes a million and a half ratings, and the driver's work
// per bound parameter (looking up its name, copying its value) was a fifth of
// it, so a row carries four: the assessment and framework version are bound
// once a statement, and level, confidence and interest travel as one number
// (level×16 + confidence×2 + interest) that the statement takes apart. The
// rows go in item order, the table's key within an assessment.
func insertRatings(ctx context.Context, tx *sql.Tx, assessmentID, fw string, ratings []model.Rating, at time.Time) error {
	const cols = 4
	sorted := slices.SortedFunc(slices.Values(ratings), func(a, b model.Rating) int { return strings.Compare(a.Item, b.Item) })
	args := make([]any, 0, 2+ratingsPerInsert*cols)
	var lastAt time.Time
	lastStamp := ""
	for start := 0; start < len(sorted); start += ratingsPerInsert {
		chunk := sorted[start:min(start+ratingsPerInsert, len(sorted))]
		var q strings.Builder
		q.WriteString(`INSERT INTO ratings (assessment, framework, item, level, confidence, evidence, interest, rated_at)
			SELECT ?1, ?2, column1, column2 >> 4, (column2 >> 1) & 7, column3, column2 & 1, column4 FROM (VALUES `)
		args = append(args[:0], assessmentID, fw)
		packable := true
		for i, r := range chunk {
			if i > 0 {
				q.WriteByte(',')
			}
			q.WriteString("(?, ?, ?, ?)")
			if t := norm(r.RatedAt, at); lastStamp == "" || t != lastAt {
				lastAt, lastStamp = t, stamp(t)
			}
			packable = packable && r.Level >= 0 && r.Confidence >= 0 && r.Confidence <= 7
			args = append(args, r.Item, r.Level<<4|r.Confidence<<1|boolInt(r.Interest), r.Evidence, lastStamp)
		}
		q.WriteByte(')')
		if packable {
			if _, err := execCached(ctx, tx, q.String(), args...); err == nil {
				continue
			}
		}
		// A refused statement wrote nothing (and a level or confidence
		// that does not pack is out of range): find the row at fault.
		for _, r := range chunk {
			if err := writeRating(ctx, tx, assessmentID, fw, r, at, false); err != nil {
				return err
			}
		}
	}
	return nil
}

// stmtCache keeps prepared statements for the life of one transaction, so a
// batch of ten thousand files prepares its few INSERT shapes once instead
// of once a file (13% of a batch import's time). It travels in the context
// (withStmtCache) because it only speeds up what the callers already do.
type stmtCache struct {
	tx *sql.Tx
	m  map[string]*sql.Stmt
}

type stmtCacheKey struct{}

// withStmtCache gives ctx a statement cache for tx; close it when tx ends.
func withStmtCache(ctx context.Context, tx *sql.Tx) (context.Context, *stmtCache) {
	c := &stmtCache{tx: tx, m: map[string]*sql.Stmt{}}
	return context.WithValue(ctx, stmtCacheKey{}, c), c
}

func (c *stmtCache) close() {
	for _, st := range c.m {
		st.Close()
	}
}

// cached returns ctx's prepared statement for query in tx, preparing it the
// first time; nil when ctx has no cache for this very transaction.
func cached(ctx context.Context, tx *sql.Tx, query string) (*sql.Stmt, error) {
	c, ok := ctx.Value(stmtCacheKey{}).(*stmtCache)
	if !ok || c.tx != tx {
		return nil, nil
	}
	st, ok := c.m[query]
	if !ok {
		var err error
		if st, err = tx.PrepareContext(ctx, query); err != nil {
			return nil, err
		}
		c.m[query] = st
	}
	return st, nil
}

// execCached runs query in tx, through ctx's statement cache when it has
// one for this very transaction.
func execCached(ctx context.Context, tx *sql.Tx, query string, args ...any) (sql.Result, error) {
	st, err := cached(ctx, tx, query)
	switch {
	case err != nil:
		return nil, err
	case st == nil:
		return tx.ExecContext(ctx, query, args...)
	}
	return st.ExecContext(ctx, args...)
}

// cachedTx is tx seen through ctx's statement cache: what a batch import
// runs for every file (finding the person and the assessment, adding them,
// the savepoints) is prepared once for the batch, not once a file.
type cachedTx struct{ tx *sql.Tx }

func (q cachedTx) ExecContext(ctx context.Context, query string, args ...any) (sql.Result, error) {
	return execCached(ctx, q.tx, query, args...)
}

func (q cachedTx) QueryContext(ctx context.Context, query string, args ...any) (*sql.Rows, error) {
	st, err := cached(ctx, q.tx, query)
	switch {
	case err != nil:
		return nil, err
	case st == nil:
		return q.tx.QueryContext(ctx, query, args...)
	}
	return st.QueryContext(ctx, args...)
}

func (q cachedTx) QueryRowContext(ctx context.Context, query string, args ...any) *sql.Row {
	st, err := cached(ctx, q.tx, query)
	if err != nil || st == nil {
		return q.tx.QueryRowContext(ctx, query, args...) // a failed prepare fails here again, with its error
	}
	return st.QueryRowContext(ctx, args...)
}
