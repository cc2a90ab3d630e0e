package store

import (
	"context"
	"database/sql"
	"database/sql/driver"
	"embed"
	"fmt"
	"io/fs"
	"path"
	"strconv"
	"strings"

	"gapwise/internal/model"
)

// LatestSchema is the newest schema version this binary knows: the number
// of the last file in migrations/. A database with a higher user_version was
// written by a newer Gapwise and is refused rather than misread.
const LatestSchema = 10

//go:embed migrations/*.sql
var migrationFiles embed.FS

type migration struct {
	version int
	name    string
	sql     string
}

// loadMigrations reads the embedded files, named NNNN_what.sql, and insists
// they are numbered 1..LatestSchema with no gaps, so a file added without
// bumping LatestSchema (or the reverse) fails every test.
func loadMigrations() ([]migration, error) {
	entries, err := fs.ReadDir(migrationFiles, "migrations")
	if err != nil {
		return nil, err
	}
	var out []migration
	for _, e := range entries {
		num, _, ok := strings.Cut(e.Name(), "_")
		v, err := strconv.Atoi(num)
		if !ok || err != nil || !strings.HasSuffix(e.Name(), ".sql") {
			return nil, fmt.Errorf("migration file %q is not named NNNN_name.sql", e.Name())
		}
		body, err := fs.ReadFile(migrationFiles, path.Join("migrations", e.Name()))
		if err != nil {
			return nil, err
		}
		out = append(out, migration{version: v, name: e.Name(), sql: string(body)})
	}
	for i, m := range out { // ReadDir sorts by name
		if m.version != i+1 {
			return nil, fmt.Errorf("migration %s: want number %d (no gaps, no duplicates)", m.name, i+1)
		}
	}
	if len(out) != LatestSchema {
		return nil, fmt.Errorf("%d migration files but LatestSchema is %d", len(out), LatestSchema)
	}
	return out, nil
}

// migrate brings the schema to LatestSchema, one migration per transaction
// so that a failure leaves the database at the last good version.
//
// Migrations run on one connection with foreign keys off, the procedure
// SQLite documents for schema changes: with them on, dropping a parent table
// while rebuilding it would cascade-delete ratings. Each migration must
// leave PRAGMA foreign_key_check clean before it commits, and the connection
// is discarded if the pragma cannot be switched back on.
//
// The connection then gets the rules for writing (rules.go), and so does
// every connection opened after it.
func (s *Store) migrate(ctx context.Context) error {
	conn, err := s.db.Conn(ctx)
	if err != nil {
		return fail(err, "cannot open %s", s.path)
	}
	defer conn.Close()
	if err := s.upgrade(ctx, conn); err != nil {
		return err
	}
	if _, err := conn.ExecContext(ctx, rulesSQL); err != nil {
		return model.Wrap(model.Internal, err, "cannot set up the rules for writing to %s", s.path)
	}
	s.ruled.Store(true)
	return nil
}

// upgrade runs on conn the migrations the file has not had.
func (s *Store) upgrade(ctx context.Context, conn *sql.Conn) (err error) {
	current, err := userVersion(ctx, conn)
	if err != nil {
		return fail(err, "cannot read %s", s.path)
	}
	if current > LatestSchema {
		return newerErr(s.path, current)
	}
	if current == LatestSchema {
		s.version = current
		return nil
	}
	migrations, err := loadMigrations() // only when there is something to do
	if err != nil {
		return model.Wrap(model.Internal, err, "this build of Gapwise is broken")
	}

	if _, err := conn.ExecContext(ctx, "PRAGMA foreign_keys = OFF"); err != nil {
		return fail(err, "cannot prepare %s for an upgrade", s.path)
	}
	defer func() {
		if restoreForeignKeys(conn) != nil {
			// Never hand a connection without foreign keys back to the pool.
			conn.Raw(func(any) error { return driver.ErrBadConn })
			if err == nil {
				err = model.Errorf(model.Internal, "cannot re-enable foreign keys on %s", s.path)
			}
		}
	}()

	for _, m := range migrations {
		if m.version <= current {
			continue
		}
		if err := s.apply(ctx, conn, m); err != nil {
			return err
		}
		current = m.version
	}
	s.version = current
	return nil
}

// apply runs one migration in its own transaction. It re-reads the version
// inside the transaction because another Gapwise may have upgraded the file
// since we looked.
func (s *Store) apply(ctx context.Context, conn *sql.Conn, m migration) error {
	tx, err := conn.BeginTx(ctx, nil)
	if err != nil {
		return fail(err, "cannot upgrade %s", s.path)
	}
	defer tx.Rollback()

	var v int
	if err := tx.QueryRowContext(ctx, "PRAGMA user_version").Scan(&v); err != nil {
		return fail(err, "cannot upgrade %s", s.path)
	}
	if v > LatestSchema {
		return newerErr(s.path, v)
	}
	if v >= m.version {
		return nil
	}
	if _, err := tx.ExecContext(ctx, m.sql); err != nil {
		return model.Wrap(model.Internal, err, "cannot upgrade %s (migration %s)", s.path, m.name)
	}
	if m.version == 1 {
		if _, err := tx.ExecContext(ctx, fmt.Sprintf("PRAGMA application_id = %d", ApplicationID)); err != nil {
			return model.Wrap(model.Internal, err, "cannot upgrade %s", s.path)
		}
	}
	if _, err := tx.ExecContext(ctx, fmt.Sprintf("PRAGMA user_version = %d", m.version)); err != nil {
		return model.Wrap(model.Internal, err, "cannot upgrade %s", s.path)
	}
	problems, err := foreignKeyProblems(ctx, tx)
	if err != nil {
		return model.Wrap(model.Internal, err, "cannot upgrade %s", s.path)
	}
	if len(problems) > 0 {
		return model.Errorf(model.Internal, "cannot upgrade %s: migration %s breaks references: %s",
			s.path, m.name, strings.Join(problems, "; "))
	}
	if err := tx.Commit(); err != nil {
		return fail(err, "cannot upgrade %s", s.path)
	}
	return nil
}

func restoreForeignKeys(conn *sql.Conn) error {
	ctx := context.Background() // must run even when the caller's ctx is done
	if _, err := conn.ExecContext(ctx, "PRAGMA foreign_keys = ON"); err != nil {
		return err
	}
	var on int
	if err := conn.QueryRowContext(ctx, "PRAGMA foreign_keys").Scan(&on); err != nil {
		return err
	}
	if on != 1 {
		return fmt.Errorf("foreign_keys is %d", on)
	}
	return nil
}

type queryer interface {
	ExecContext(ctx context.Context, query string, args ...any) (sql.Result, error)
	QueryContext(ctx context.Context, query string, args ...any) (*sql.Rows, error)
	QueryRowContext(ctx context.Context, query string, args ...any) *sql.Row
}

func userVersion(ctx context.Context, q queryer) (int, error) {
	var v int
	err := q.QueryRowContext(ctx, "PRAGMA user_version").Scan(&v)
	return v, err
}

// foreignKeyProblems lists rows whose references point nowhere.
func foreignKeyProblems(ctx context.Context, q queryer) ([]string, error) {
	rows, err := q.QueryContext(ctx, "PRAGMA foreign_key_check")
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []string
	for rows.Next() {
		var table, parent string
		var rowid sql.NullInt64
		var fkid int
		if err := rows.Scan(&table, &rowid, &parent, &fkid); err != nil {
			return nil, err
		}
		row := "a row"
		if rowid.Valid {
			row = fmt.Sprintf("row %d", rowid.Int64)
		}
		out = append(out, fmt.Sprintf("%s %s refers to a missing %s", table, row, parent))
	}
	return out, rows.Err()
}
