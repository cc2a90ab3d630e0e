package store

import (
	"context"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"

	"gapwise/internal/model"
)

// Check looks for damage and broken references and returns one line per
// problem; an empty list means the database is healthy.
func (s *Store) Check(ctx context.Context) ([]string, error) {
	conn, err := s.db.Conn(ctx)
	if err != nil {
		return nil, fail(err, "cannot check %s", s.path)
	}
	defer conn.Close()

	var problems []string
	rows, err := conn.QueryContext(ctx, "PRAGMA integrity_check")
	if err != nil {
		return nil, checkErr(s.path, err)
	}
	for rows.Next() {
		var msg string
		if err := rows.Scan(&msg); err != nil {
			rows.Close()
			return nil, checkErr(s.path, err)
		}
		if msg != "ok" {
			problems = append(problems, problemText(msg))
		}
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return nil, checkErr(s.path, err)
	}

	fk, err := foreignKeyProblems(ctx, conn)
	if err != nil {
		return nil, checkErr(s.path, err)
	}
	problems = append(problems, fk...)

	var appID int64
	if err := conn.QueryRowContext(ctx, "PRAGMA application_id").Scan(&appID); err != nil {
		return nil, checkErr(s.path, err)
	}
	if appID != ApplicationID {
		problems = append(problems, fmt.Sprintf("application id is %#x, not Gapwise's %#x", appID, ApplicationID))
	}
	v, err := userVersion(ctx, conn)
	if err != nil {
		return nil, checkErr(s.path, err)
	}
	if v != LatestSchema {
		problems = append(problems, fmt.Sprintf("schema version is %d, expected %d", v, LatestSchema))
	}
	return problems, nil
}

// checkErr reports corruption that stops a check from finishing as a
// problem of the file rather than of the program.
func checkErr(path string, err error) error {
	switch primaryCode(err) {
	case codeCorrupt, codeNotADB:
		return model.Errorf(model.BadFile, "%s is damaged: %s", path, oneLine(err.Error()))
	}
	return fail(err, "cannot check %s", path)
}

// Backup writes a consistent copy of the database to dest with VACUUM INTO,
// which is safe while the database is in use (copying a live WAL database
// file is not). dest must not exist: a backup never overwrites anything.
// The copy is created private (0600) and synced to disk before Backup
// returns.
func (s *Store) Backup(ctx context.Context, dest string) error {
	abs, err := filepath.Abs(dest)
	if err != nil {
		return model.Wrap(model.Invalid, err, "cannot use %s as a backup path", dest)
	}
	if _, err := os.Lstat(abs); err == nil {
		return model.Errorf(model.Conflict, "%s already exists; choose a new name for the backup", abs)
	} else if !errors.Is(err, fs.ErrNotExist) {
		return model.Wrap(model.Denied, err, "cannot write a backup to %s", abs)
	}
	if err := os.MkdirAll(filepath.Dir(abs), 0o700); err != nil {
		return model.Wrap(model.Denied, err, "cannot write a backup to %s", abs)
	}
	// Creating the empty file ourselves fixes its mode and closes the race
	// with anything else creating the same name; VACUUM INTO accepts an
	// empty file.
	f, err := os.OpenFile(abs, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o600)
	if errors.Is(err, fs.ErrExist) {
		return model.Errorf(model.Conflict, "%s already exists; choose a new name for the backup", abs)
	}
	if err != nil {
		return model.Wrap(model.Denied, err, "cannot write a backup to %s", abs)
	}
	f.Close()

	if err := s.vacuumInto(ctx, abs); err != nil {
		os.Remove(abs) // ours, and incomplete
		return err
	}
	return nil
}

func (s *Store) vacuumInto(ctx context.Context, abs string) error {
	if _, err := s.db.ExecContext(ctx, "VACUUM INTO ?", abs); err != nil {
		return fail(err, "cannot write a backup to %s", abs)
	}
	f, err := os.OpenFile(abs, os.O_RDWR, 0)
	if err != nil {
		return model.Wrap(model.Denied, err, "cannot write a backup to %s", abs)
	}
	err = f.Sync()
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		return model.Wrap(model.Denied, err, "cannot write a backup to %s", abs)
	}
	syncDir(filepath.Dir(abs))
	return nil
}

// syncDir makes a new file's directory entry durable. Not every platform
// can sync a directory, so failure is ignored.
func syncDir(dir string) {
	if d, err := os.Open(dir); err == nil {
		d.Sync()
		d.Close()
	}
}
