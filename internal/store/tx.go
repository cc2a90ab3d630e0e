package store

import (
	"context"
	"database/sql"
)

// write runs fn in one write transaction (BEGIN IMMEDIATE, from the DSN)
// and commits it; any error rolls everything back.
func (s *Store) write(ctx context.Context, fn func(tx *sql.Tx) error) error {
	tx, err := s.db.BeginTx(ctx, nil)
	if err != nil {
		return fail(err, "cannot start a change to %s", s.path)
	}
	defer tx.Rollback()
	if err := fn(tx); err != nil {
		return inUse(err)
	}
	if err := tx.Commit(); err != nil {
		return fail(err, "cannot save the change to %s", s.path)
	}
	return nil
}

// read runs fn in a read transaction, so that several queries see one
// consistent snapshot without holding the write lock.
func (s *Store) read(ctx context.Context, fn func(tx *sql.Tx) error) error {
	if tx := s.snapshotOf(ctx); tx != nil {
		return inUse(fn(tx))
	}
	tx, err := s.db.BeginTx(ctx, &sql.TxOptions{ReadOnly: true})
	if err != nil {
		return fail(err, "cannot read %s", s.path)
	}
	defer tx.Rollback()
	return inUse(fn(tx))
}

// snapshot is a read transaction that the reads under a context share.
type snapshot struct {
	s  *Store
	tx *sql.Tx
}

type snapshotKey struct{}

// Snapshot runs fn with a context under which this store's reads share one
// read transaction: they see one consistent state of the database, and a
// view that reads a dozen things (an assessment, its person, framework,
// ratings, targets, reviews, the previous assessment) begins and ends one
// transaction instead of a dozen (issue 12). Inside, reads must not run
// concurrently (they share one connection); writes still work, on another
// connection, and later reads inside do not see them. A Snapshot inside a
// Snapshot of the same store is the outer one.
func (s *Store) Snapshot(ctx context.Context, fn func(ctx context.Context) error) error {
	if s.snapshotOf(ctx) != nil {
		return fn(ctx)
	}
	tx, err := s.db.BeginTx(ctx, &sql.TxOptions{ReadOnly: true})
	if err != nil {
		return fail(err, "cannot read %s", s.path)
	}
	defer tx.Rollback()
	return fn(context.WithValue(ctx, snapshotKey{}, &snapshot{s: s, tx: tx}))
}

func (s *Store) snapshotOf(ctx context.Context) *sql.Tx {
	if sn, ok := ctx.Value(snapshotKey{}).(*snapshot); ok && sn.s == s {
		return sn.tx
	}
	return nil
}

// querier runs one statement: *sql.DB, *sql.Tx or *sql.Conn.
type querier interface {
	QueryContext(ctx context.Context, query string, args ...any) (*sql.Rows, error)
	QueryRowContext(ctx context.Context, query string, args ...any) *sql.Row
}

// reader is where a single read statement runs: the context's snapshot, or
// the pool.
func (s *Store) reader(ctx context.Context) querier {
	if tx := s.snapshotOf(ctx); tx != nil {
		return tx
	}
	return s.db
}
