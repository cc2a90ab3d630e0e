package store

import (
	"context"
	"database/sql"
	"database/sql/driver"
	"encoding/json"
	"fmt"
	"strings"
	"time"

	"gapwise/internal/model"
)

// latestSQL picks each person's latest assessment of one kind against one
// framework version (updated last; then created last; then the greater id,
// so the choice never depends on row order) and returns one row per person:
// their id, and their ratings packed in one text, each "ITEM\x1fN" where N is
// level*16+interest*8+confidence (confidence is 0-5 and interest 0 or 1 by
// the schema), separated by \x1e;
// NULL when the assessment has no ratings. %s is where a filter on people
// goes.
//
// One row per person, not one per rating, is what makes it fast: handing a
// row from SQLite to Go costs more than reading the rating, and packing
// 150 ratings into a string inside SQLite costs far less than 150 rows.
// Item ids are letters, digits, '.', '_' and '-' (the pack validator's
// rule), so the two separators cannot occur in them; the parse checks
// every id anyway.
const latestSQL = `WITH latest AS (
	SELECT id, person FROM (
		SELECT id, person, row_number() OVER (
			PARTITION BY person ORDER BY updated_at DESC, created_at DESC, id DESC) AS k
		FROM assessments WHERE framework = ?1 AND kind = ?2%s
	) WHERE k = 1
)
SELECT l.person, (SELECT group_concat(r.item || char(31) || (r.level * 16 + r.interest * 8 + r.confidence), char(30))
	FROM ratings r WHERE r.assessment = l.id)
FROM latest l`

// ratingChunk is the most ratings allocated at a time: large enough to be
// cheap, small enough that the room left at the end of one is little.
const ratingChunk = 1 << 16

// LatestRatings reads, for each person, the ratings of their latest
// assessment of kind against framework version ref: the one updated last
// (then created last, then the greater id). It is the read behind team
// measures and is built for a whole organisation at once (10,000 people
// with 150 ratings each): one query returning one row per person, and the
// ratings laid out in a few large allocations.
//
// personIDs limits the read to those people; nil means everyone. The map is
// keyed by person id and holds only people who have such an assessment: a
// person missing from it has none (a team member who is never rated). A
// person whose latest assessment has no ratings maps to an empty slice.
// Each person's ratings are in the framework's item order.
//
// Only Item, Level, Confidence and Interest are filled in: team figures
// need the levels, and at this scale evidence text and timestamps would cost more
// memory than everything else together. Ratings gives one assessment whole.
func (s *Store) LatestRatings(ctx context.Context, ref model.FrameworkRef, kind model.AssessmentKind, personIDs []string) (map[string][]model.Rating, error) {
	out := map[string][]model.Rating{}
	var (
		chunk []model.Rating
		size  int // capacity of the latest chunk
	)
	err := s.EachLatestRatings(ctx, ref, kind, personIDs, func(person string, rs []model.Rating) error {
		if chunk == nil || cap(chunk)-len(chunk) < len(rs) { // never nil: no ratings is an empty slice
			// Small teams get small chunks; an organisation's grow to ratingChunk.
			size = min(ratingChunk, max(2*size, 1024))
			chunk = make([]model.Rating, 0, max(size, len(rs)))
		}
		start := len(chunk)
		chunk = append(chunk, rs...)
		out[person] = chunk[start:len(chunk):len(chunk)]
		return nil
	})
	if err != nil {
		return nil, err
	}
	return out, nil
}

// EachLatestRatings is LatestRatings streamed: fn is called once per person
// who has such an assessment, in no particular order, with their ratings in
// item order (Item, Level, Confidence and Interest only). The slice is reused between
// calls, so memory does not grow with the number of people; fn must copy
// what it keeps. An error from fn stops the read and is returned.
func (s *Store) EachLatestRatings(ctx context.Context, ref model.FrameworkRef, kind model.AssessmentKind, personIDs []string, fn func(person string, ratings []model.Rating) error) error {
	if _, err := model.ParseAssessmentKind(string(kind)); err != nil {
		return model.Wrap(model.Invalid, err, "latest ratings")
	}
	if personIDs != nil && len(personIDs) == 0 {
		return nil
	}
	var fnErr error
	err := s.read(ctx, func(tx *sql.Tx) error {
		if err := frameworkExists(ctx, tx, ref); err != nil {
			return err
		}
		items, err := itemOrder(ctx, tx, ref)
		if err != nil {
			return err
		}
		query, args := fmt.Sprintf(latestSQL, ""), []any{ref.String(), string(kind)}
		if personIDs != nil {
			ids, err := json.Marshal(personIDs)
			if err != nil {
				return err
			}
			query = fmt.Sprintf(latestSQL, " AND person IN (SELECT value FROM json_each(?3))")
			args = append(args, string(ids))
		}
		rows, err := tx.QueryContext(ctx, query, args...)
		if err != nil {
			return err
		}
		defer rows.Close()
		var (
			person string
			packed sql.NullString
			buf    []model.Rating
			value  = make([]int64, len(items.ids))
			mark   = make([]int32, len(items.ids))
		)
		dest := []any{&person, &packed}
		for row := int32(1); rows.Next(); row++ {
			if err := rows.Scan(dest...); err != nil {
				return err
			}
			if _, err := unpackRatings(packed.String, items, value, mark, row); err != nil {
				return fmt.Errorf("ratings of person %s: %w", person, err)
			}
			buf = buf[:0]
			for k := range value {
				if mark[k] == row {
					v := value[k] - 1
					buf = append(buf, model.Rating{Item: items.ids[k], Level: int(v / 16), Interest: v/8%2 == 1, Confidence: int(v % 8)})
				}
			}
			if fnErr = fn(person, buf); fnErr != nil {
				return fnErr
			}
		}
		return rows.Err()
	})
	if fnErr != nil {
		return fnErr
	}
	if err != nil {
		return fail(err, "cannot read the latest %s assessments of %s", kind, ref)
	}
	return nil
}

// itemIndex numbers a framework's items in item order and keeps one copy of
// each id, so that a million ratings share a few hundred strings.
type itemIndex struct {
	ids []string
	at  map[string]int32
}

func itemOrder(ctx context.Context, tx *sql.Tx, ref model.FrameworkRef) (*itemIndex, error) {
	rows, err := tx.QueryContext(ctx, "SELECT id FROM items WHERE framework = ? ORDER BY position, id", ref.String())
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	ix := &itemIndex{at: map[string]int32{}}
	for rows.Next() {
		var id string
		if err := rows.Scan(&id); err != nil {
			return nil, err
		}
		ix.at[id] = int32(len(ix.ids))
		ix.ids = append(ix.ids, id)
	}
	return ix, rows.Err()
}

// unpackRatings reads one packed text into value and mark (see
// unpackLatest) and returns how many ratings it held.
func unpackRatings(packed string, items *itemIndex, value []int64, mark []int32, row int32) (int, error) {
	n := 0
	for rest := packed; rest != ""; {
		rec, tail, _ := strings.Cut(rest, "\x1e")
		rest = tail
		id, num, ok := strings.Cut(rec, "\x1f")
		k, known := items.at[id]
		if !ok || !known || num == "" {
			return 0, fmt.Errorf("unexpected rating %q", rec)
		}
		var v int64
		for i := 0; i < len(num); i++ {
			c := num[i]
			if c < '0' || c > '9' || v > 1<<40 {
				return 0, fmt.Errorf("unexpected rating %q", rec)
			}
			v = v*10 + int64(c-'0')
		}
		if mark[k] != row {
			n++
		}
		value[k], mark[k] = v+1, row
	}
	return n, nil
}

// BulkPerson is a new person with their assessments, for BulkLoad.
type BulkPerson struct {
	Person      model.Person
	Assessments []BulkAssessment
}

// BulkAssessment is an assessment with its ratings, for BulkLoad.
type BulkAssessment struct {
	Assessment model.Assessment
	Ratings    []model.Rating
}

// bulkRows is how many ratings one INSERT statement of BulkLoad carries
// (8 parameters each, well under SQLite's limit of 32,766).
const bulkRows = 64

// BulkLoad adds many new people, with their assessments and ratings, in one
// transaction. It exists for development tools that build organisation-sized
// databases (tools/teambench); the app adds people and assessments through
// CreatePerson, CreateAssessment, SetRating and ImportAssessment.
//
// Every check of the schema still applies (levels valid for the item, items
// in the assessment's framework version, no person or assessment twice), and
// the first refusal rolls the whole batch back. Empty ids are given new
// UUIDs, written back into people (as are the times stored); an assessment
// always belongs to the person it is listed under.
// Ratings go in many to a statement: that, and one commit per batch, is
// what makes it fast.
func (s *Store) BulkLoad(ctx context.Context, people []BulkPerson) error {
	at := now()
	for i := range people {
		p := &people[i].Person
		if err := checkPerson(*p); err != nil {
			return err
		}
		if p.ID == "" {
			p.ID = newID()
		}
		p.CreatedAt = norm(p.CreatedAt, at)
		for j := range people[i].Assessments {
			a := &people[i].Assessments[j].Assessment
			if a.PersonID != "" && a.PersonID != p.ID {
				return model.Errorf(model.Invalid, "assessment %s is listed under person %s but belongs to %s", a.ID, p.ID, a.PersonID)
			}
			a.PersonID = p.ID
			if err := checkAssessment(*a); err != nil {
				return err
			}
			if a.ID == "" {
				a.ID = newID()
			}
			a.CreatedAt = norm(a.CreatedAt, at)
			a.UpdatedAt = norm(a.UpdatedAt, a.CreatedAt)
		}
	}
	// One connection of its own, with a page cache large enough that the
	// batch's changes are not spilled to the log and read back mid-way, and
	// statement journals (kept so that a refused statement undoes only
	// itself) in memory rather than in temporary files. The connection's
	// usual settings are restored before it goes back to the pool.
	conn, err := s.db.Conn(ctx)
	if err != nil {
		return fail(err, "cannot start a change to %s", s.path)
	}
	defer conn.Close()
	// Changing temp_store deletes what the connection keeps in its temp
	// schema, the rules for writing among it (rules.go), so both changes
	// put them back.
	var cacheSize, tempStore int
	if err := conn.QueryRowContext(ctx, "SELECT cache_size, temp_store FROM pragma_cache_size, pragma_temp_store").Scan(&cacheSize, &tempStore); err != nil {
		return fail(err, "cannot start a change to %s", s.path)
	}
	defer func() {
		restore := fmt.Sprintf("PRAGMA cache_size = %d; PRAGMA temp_store = %d;\n%s", cacheSize, tempStore, rulesSQL)
		if _, err := conn.ExecContext(context.WithoutCancel(ctx), restore); err != nil {
			// Never hand the pool a connection with a 128 MiB cache, or
			// without the rules.
			conn.Raw(func(any) error { return driver.ErrBadConn })
		}
	}()
	if _, err := conn.ExecContext(ctx, fmt.Sprintf("PRAGMA cache_size = %d; PRAGMA temp_store = MEMORY;\n%s", bulkCacheKiB, rulesSQL)); err != nil {
		return fail(err, "cannot start a change to %s", s.path)
	}

	tx, err := conn.BeginTx(ctx, nil)
	if err != nil {
		return fail(err, "cannot start a change to %s", s.path)
	}
	defer tx.Rollback()
	b := bulk{ctx: ctx, tx: tx, at: at, stmts: map[int]*sql.Stmt{}}
	defer b.close()
	for _, bp := range people {
		if err := b.person(bp); err != nil {
			return err
		}
	}
	if err := tx.Commit(); err != nil {
		return fail(err, "cannot save the change to %s", s.path)
	}
	return nil
}

// bulkCacheKiB is BulkLoad's page cache (negative: in KiB), 128 MiB.
const bulkCacheKiB = -128 << 10

// bulk holds BulkLoad's prepared statements, one per number of ratings.
type bulk struct {
	ctx    context.Context
	tx     *sql.Tx
	at     time.Time
	stmts  map[int]*sql.Stmt
	people *sql.Stmt
	assess *sql.Stmt
	args   []any
}

func (b *bulk) close() {
	for _, st := range b.stmts {
		st.Close()
	}
	for _, st := range []*sql.Stmt{b.people, b.assess} {
		if st != nil {
			st.Close()
		}
	}
}

func (b *bulk) prepare(st **sql.Stmt, query string) error {
	if *st != nil {
		return nil
	}
	var err error
	*st, err = b.tx.PrepareContext(b.ctx, query)
	return err
}

func (b *bulk) person(bp BulkPerson) error {
	p := bp.Person
	if err := b.prepare(&b.people, `INSERT INTO people
		(id, name, discipline, role, organisation, informatics_wte, sample, created_at, updated_at)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`); err != nil {
		return fail(err, "cannot add people")
	}
	_, err := b.people.ExecContext(b.ctx, p.ID, p.Name, string(p.Discipline), p.Role, p.Organisation,
		p.InformaticsWTE, boolInt(p.Sample), stamp(p.CreatedAt), stamp(b.at))
	if isDuplicate(err) {
		return model.Errorf(model.Conflict, "a person with id %s already exists", p.ID)
	}
	if err != nil {
		return fail(err, "cannot add %q", p.Name)
	}
	if err := b.prepare(&b.assess, `INSERT INTO assessments
		(id, person, framework, kind, assessor, scope_group, scope_role_level, sample, created_at, updated_at)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`); err != nil {
		return fail(err, "cannot add assessments")
	}
	for _, ba := range bp.Assessments {
		a := ba.Assessment
		_, err := b.assess.ExecContext(b.ctx, a.ID, p.ID, a.Framework.String(), string(a.Kind), a.Assessor,
			a.Scope.Group, a.Scope.RoleLevel, boolInt(p.Sample), stamp(a.CreatedAt), stamp(a.UpdatedAt))
		switch {
		case isDuplicate(err):
			return model.Errorf(model.Conflict, "an assessment with id %s already exists", a.ID)
		case isConstraint(err):
			return model.Wrap(model.Invalid, err, "assessment %s refused (is framework %s installed?)", a.ID, a.Framework)
		case err != nil:
			return fail(err, "cannot add assessment %s", a.ID)
		}
		if err := b.ratings(a, ba.Ratings); err != nil {
			return err
		}
	}
	return nil
}

// ratings inserts an assessment's ratings bulkRows to a statement. When the
// database refuses a statement, only that statement is undone: its ratings
// are then written one by one, which names the rating at fault.
func (b *bulk) ratings(a model.Assessment, ratings []model.Rating) error {
	fw := a.Framework.String()
	for len(ratings) > 0 {
		n := min(len(ratings), bulkRows)
		st, ok := b.stmts[n]
		if !ok {
			q := `INSERT INTO ratings (assessment, framework, item, level, confidence, evidence, interest, rated_at) VALUES ` +
				strings.TrimSuffix(strings.Repeat("(?, ?, ?, ?, ?, ?, ?, ?), ", n), ", ")
			var err error
			if st, err = b.tx.PrepareContext(b.ctx, q); err != nil {
				return fail(err, "cannot add ratings")
			}
			b.stmts[n] = st
		}
		b.args = b.args[:0]
		for _, r := range ratings[:n] {
			b.args = append(b.args, a.ID, fw, r.Item, r.Level, r.Confidence, r.Evidence, boolInt(r.Interest), stamp(norm(r.RatedAt, a.UpdatedAt)))
		}
		if _, err := st.ExecContext(b.ctx, b.args...); err != nil {
			for _, r := range ratings[:n] {
				if err := writeRating(b.ctx, b.tx, a.ID, fw, r, a.UpdatedAt, false); err != nil {
					return model.Wrap(model.KindOf(err), err, "assessment %s", a.ID)
				}
			}
			return fail(err, "cannot add the ratings of assessment %s", a.ID)
		}
		ratings = ratings[n:]
	}
	return nil
}
