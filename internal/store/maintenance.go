package store

import (
	"context"
	"fmt"
	"os"
	"path/filepath"

	"gapwise/internal/model"
	"gapwise/internal/savefile"
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
// file is not). The copy is made beside dest under a temporary name, synced
// and only then named dest (savefile), so a backup killed part-way leaves no
// file at dest to be mistaken for a database. dest must not exist: a backup
// never overwrites anything. The copy is private (0600).
func (s *Store) Backup(ctx context.Context, dest string) error {
	return s.backup(ctx, dest, savefile.SaveNewFileAt)
}

// BackupReplacing is Backup over a file the user has agreed to replace:
// the old file stays whole until the new copy is complete beside it
// (savefile.ReplaceFileAt).
func (s *Store) BackupReplacing(ctx context.Context, dest string) error {
	return s.backup(ctx, dest, savefile.ReplaceFileAt)
}

// isDatabase reports whether path is this database's file or one SQLite
// keeps beside it, which a backup must never replace.
func (s *Store) isDatabase(path string) bool {
	for _, suffix := range []string{"", "-wal", "-shm", "-journal"} {
		own := s.Path() + suffix
		if path == own {
			return true
		}
		a, errA := os.Stat(path)
		b, errB := os.Stat(own)
		if errA == nil && errB == nil && os.SameFile(a, b) {
			return true
		}
	}
	return false
}

func (s *Store) backup(ctx context.Context, dest string, save func(string, func(string) error) error) error {
	abs, err := filepath.Abs(dest)
	if err != nil {
		return model.Wrap(model.Invalid, err, "cannot use %s as a backup path", dest)
	}
	if s.isDatabase(abs) {
		return model.Errorf(model.Invalid, "%s is the database itself; choose another name for the backup", abs)
	}
	if err := os.MkdirAll(filepath.Dir(abs), 0o700); err != nil {
		return model.Wrap(model.Denied, err, "cannot write a backup to %s", abs)
	}
	return save(abs, func(tmp string) error {
		// VACUUM INTO fills the empty file savefile made (mode 0600).
		if _, err := s.db.ExecContext(ctx, "VACUUM INTO ?", tmp); err != nil {
			return fail(err, "cannot write a backup to %s", abs)
		}
		return nil
	})
}
