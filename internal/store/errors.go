package store

import (
	"database/sql"
	"errors"
	"fmt"

	"gapwise/internal/model"

	sqlite3 "modernc.org/sqlite/lib"
)

// SQLite result codes the store tells apart. Extended codes carry the
// primary code in their low byte.
const (
	codeBusy     = sqlite3.SQLITE_BUSY
	codeLocked   = sqlite3.SQLITE_LOCKED
	codeReadOnly = sqlite3.SQLITE_READONLY
	codePerm     = sqlite3.SQLITE_PERM
	codeCantOpen = sqlite3.SQLITE_CANTOPEN
	codeFull     = sqlite3.SQLITE_FULL
	codeCorrupt  = sqlite3.SQLITE_CORRUPT
	codeNotADB   = sqlite3.SQLITE_NOTADB
)

// sqliteCode is the extended result code of a SQLite error, or 0.
func sqliteCode(err error) int {
	var e interface{ Code() int }
	if errors.As(err, &e) {
		return e.Code()
	}
	return 0
}

func primaryCode(err error) int { return sqliteCode(err) & 0xff }

// kindOf maps a database failure to what the person can do about it.
func kindOf(err error) model.ErrorKind {
	var me *model.Error
	if errors.As(err, &me) {
		return me.Kind
	}
	if errors.Is(err, sql.ErrNoRows) {
		return model.NotFound
	}
	switch sqliteCode(err) {
	case sqlite3.SQLITE_CONSTRAINT_PRIMARYKEY, sqlite3.SQLITE_CONSTRAINT_UNIQUE:
		return model.Conflict
	}
	switch primaryCode(err) {
	case sqlite3.SQLITE_CONSTRAINT, sqlite3.SQLITE_MISMATCH:
		return model.Invalid
	case codeBusy, codeLocked:
		return model.InUse // another window or program is writing
	case codeReadOnly, codePerm, codeCantOpen, codeFull:
		return model.Denied
	case codeCorrupt, codeNotADB:
		return model.Invalid
	}
	return model.Internal
}

// fail wraps err with what was being done and a kind. An error that already
// has a kind keeps its own message: it was written for the person already.
func fail(err error, format string, args ...any) error {
	if err == nil {
		return nil
	}
	var me *model.Error
	if errors.As(err, &me) {
		return err
	}
	if kindOf(err) == model.InUse {
		return inUse(err)
	}
	return model.Wrap(kindOf(err), err, format, args...)
}

// inUseMessage replaces SQLite's "database is locked (5) (SQLITE_BUSY)":
// the person needs to know who holds the file and what to do.
const inUseMessage = "another Gapwise window or program (such as gapwise-cli) is using this database and did not finish within %d seconds; close it (or wait for it to finish), then try again"

// inUse turns a busy or locked failure into an InUse error with a message
// that says what to do; any other error is returned as it is.
func inUse(err error) error {
	if err == nil || kindOf(err) != model.InUse {
		return err
	}
	var me *model.Error
	if errors.As(err, &me) {
		return err
	}
	return &model.Error{Kind: model.InUse, Msg: fmt.Sprintf(inUseMessage, max(1, busyTimeoutMS/1000))}
}

func isConstraint(err error) bool {
	return primaryCode(err) == sqlite3.SQLITE_CONSTRAINT
}

func isDuplicate(err error) bool {
	c := sqliteCode(err)
	return c == sqlite3.SQLITE_CONSTRAINT_PRIMARYKEY || c == sqlite3.SQLITE_CONSTRAINT_UNIQUE
}

func isForeignKey(err error) bool {
	return sqliteCode(err) == sqlite3.SQLITE_CONSTRAINT_FOREIGNKEY
}
