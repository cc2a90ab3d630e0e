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
	tx, err := s.db.BeginTx(ctx, &sql.TxOptions{ReadOnly: true})
	if err != nil {
		return fail(err, "cannot read %s", s.path)
	}
	defer tx.Rollback()
	return inUse(fn(tx))
}
