package store

import (
	"bytes"
	"context"
	"database/sql"
	"encoding/binary"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"net/url"
	"os"
	"path/filepath"
	"strings"

	"gapwise/internal/model"

	_ "modernc.org/sqlite" // registers the "sqlite" driver
)

// ApplicationID marks a SQLite file as Gapwise's ("Gapw"), so that another
// program's database is never mistaken for ours and migrated.
const ApplicationID = 0x47617077

// busyTimeoutMS is how long a statement waits for another connection or
// process to finish writing before giving up (a variable so a test can
// shorten the wait).
var busyTimeoutMS = 5000

// maxConns keeps the pool small: SQLite writes one at a time anyway, and a
// desktop app needs only a few readers.
const maxConns = 4

var sqliteMagic = []byte("SQLite format 3\x00")

// Store is an open Gapwise database. It is safe for concurrent use.
type Store struct {
	db      *sql.DB
	path    string
	version int
}

// Open opens the database at path, creating it (and its folder) if missing,
// and brings its schema up to date. An existing file is inspected read-only
// first and refused, untouched, when it is not a healthy Gapwise database
// this version can use. Open does not seed framework packs; see SeedPacks.
func Open(ctx context.Context, path string) (*Store, error) {
	if strings.TrimSpace(path) == "" {
		return nil, model.Errorf(model.Invalid, "no database path given")
	}
	abs, err := filepath.Abs(path)
	if err != nil {
		return nil, model.Wrap(model.Invalid, err, "cannot use %s as a database path", path)
	}
	if err := prepareFile(ctx, abs); err != nil {
		return nil, err
	}
	db, err := sql.Open("sqlite", readWriteDSN(abs))
	if err != nil {
		return nil, model.Wrap(model.Internal, err, "cannot open %s", abs)
	}
	db.SetMaxOpenConns(maxConns)
	db.SetMaxIdleConns(maxConns)
	s := &Store{db: db, path: abs}
	if err := s.migrate(ctx); err != nil {
		db.Close()
		return nil, err
	}
	return s, nil
}

// Close closes the database. SQLite checkpoints the write-ahead log into the
// main file when the last connection closes, so a closed database is one file.
//
// After a clean close the file's identity is remembered, so the next open
// need not read the whole file to check it (cleancheck.go).
func (s *Store) Close() error {
	forgetClean(s.path) // until this close completes, the file is not known clean
	if err := s.db.Close(); err != nil {
		return fail(err, "close %s", s.path)
	}
	rememberClean(s.path)
	return nil
}

// Path is the absolute path of the database file.
func (s *Store) Path() string { return s.path }

// SchemaVersion is the schema version of the open database; after a
// successful Open it is LatestSchema.
func (s *Store) SchemaVersion() int { return s.version }

// readWriteDSN sets the connection pragmas in the DSN so that every pooled
// connection gets them, not only the first: foreign keys are per connection
// in SQLite and off by default. synchronous=FULL makes each commit durable
// before it returns (a rating shown as saved survives a crash or power cut);
// secure_delete overwrites deleted personal data rather than leaving it in
// free pages; _txlock=immediate takes the write lock at BEGIN, so two writers
// queue under busy_timeout instead of one failing with SQLITE_BUSY when it
// upgrades a read transaction.
func readWriteDSN(path string) string {
	return fileURI(path, url.Values{
		"_pragma": {
			fmt.Sprintf("busy_timeout(%d)", busyTimeoutMS),
			"foreign_keys(1)",
			"journal_mode(WAL)",
			"synchronous(FULL)",
			"secure_delete(1)",
		},
		"_txlock": {"immediate"},
	})
}

// readOnlyDSN opens a file for inspection. It sets no journal mode:
// switching a database to WAL rewrites its header, which must not happen to
// a file that may not be ours. immutable stops SQLite creating -wal and -shm
// files beside a WAL database that has none, so refusing another program's
// database leaves nothing behind; it is only safe when there is no -wal file
// holding committed changes that are not yet in the main file.
func readOnlyDSN(path string, immutable bool) string {
	q := url.Values{
		"mode":    {"ro"},
		"_pragma": {fmt.Sprintf("busy_timeout(%d)", busyTimeoutMS)},
	}
	if immutable {
		q.Set("immutable", "1")
	}
	return fileURI(path, q)
}

// fileURI builds a SQLite URI filename. A URI, with the path escaped, is the
// only form in which a path containing '?', '#' or '%' reaches SQLite intact
// and the driver still sees the query parameters.
func fileURI(path string, q url.Values) string {
	p := filepath.ToSlash(path)
	if !strings.HasPrefix(p, "/") {
		p = "/" + p // Windows: C:/x becomes /C:/x, as SQLite expects
	}
	u := url.URL{Scheme: "file", Path: p, RawQuery: q.Encode()}
	return u.String()
}

// prepareFile makes sure path is safe to open read-write: either a new file
// we create ourselves (mode 0600, folder 0700) or an existing Gapwise
// database that passes inspection in a writable place.
func prepareFile(ctx context.Context, path string) error {
	fi, err := os.Stat(path)
	switch {
	case errors.Is(err, fs.ErrNotExist):
		return createFile(path)
	case err != nil:
		return model.Wrap(model.Denied, err, "cannot read %s", path)
	case fi.IsDir():
		return model.Errorf(model.BadFile, "%s is a folder, not a Gapwise database", path)
	case !fi.Mode().IsRegular():
		return model.Errorf(model.BadFile, "%s is not a Gapwise database (it is not a regular file)", path)
	}
	if fi.Size() > 0 {
		if err := inspect(ctx, path); err != nil {
			return err
		}
	}
	if err := checkWritable(path); err != nil {
		return err
	}
	// An empty file is about to become a new database of personal data:
	// make it private like one we created.
	if fi.Size() == 0 && fi.Mode().Perm()&0o077 != 0 {
		if err := os.Chmod(path, 0o600); err != nil {
			return model.Wrap(model.Denied, err, "cannot make %s private", path)
		}
	}
	return nil
}

// createFile creates the database file before SQLite sees it, so that its
// mode is 0600 from the first byte; SQLite gives the -wal and -shm files the
// mode of the database file.
func createFile(path string) error {
	dir := filepath.Dir(path)
	if err := os.MkdirAll(dir, 0o700); err != nil {
		return model.Wrap(model.Denied, err, "cannot create %s", path)
	}
	f, err := os.OpenFile(path, os.O_RDWR|os.O_CREATE|os.O_EXCL, 0o600)
	if errors.Is(err, fs.ErrExist) {
		return model.Errorf(model.Conflict, "%s appeared while Gapwise was creating it; try again", path)
	}
	if err != nil {
		return model.Wrap(model.Denied, err, "cannot create %s", path)
	}
	if err := f.Close(); err != nil {
		return model.Wrap(model.Denied, err, "cannot create %s", path)
	}
	return nil
}

// checkWritable finds out, without changing the database, whether SQLite
// will be able to write it and create its -wal and -shm files beside it
// (a probe file is created and removed in the folder). Failing here gives a
// clear message instead of an error halfway through.
func checkWritable(path string) error {
	f, err := os.OpenFile(path, os.O_RDWR, 0)
	if err != nil {
		return model.Wrap(model.Denied, err, "cannot write to %s", path)
	}
	f.Close()
	probe, err := os.CreateTemp(filepath.Dir(path), ".gapwise-write-test-*")
	if err != nil {
		return model.Wrap(model.Denied, err, "cannot write in the folder of %s", path)
	}
	name := probe.Name()
	probe.Close()
	os.Remove(name)
	return nil
}

// inspect decides, reading only, whether an existing non-empty file is a
// healthy Gapwise database this binary can use.
func inspect(ctx context.Context, path string) error {
	hdr, err := readHeader(path)
	if err != nil {
		return err
	}
	if len(hdr) < len(sqliteMagic) || !bytes.Equal(hdr[:len(sqliteMagic)], sqliteMagic) {
		return model.Errorf(model.BadFile, "%s is not a Gapwise database (it is not an SQLite file)", path)
	}
	// Another program's id is in the header: refuse without asking SQLite.
	if len(hdr) >= 72 {
		if id := binary.BigEndian.Uint32(hdr[68:72]); id != 0 && id != ApplicationID {
			return notGapwise(path)
		}
	}

	// Header bytes 18 and 19 are 2 for a WAL database.
	wal := len(hdr) >= 20 && (hdr[18] == 2 || hdr[19] == 2)
	_, walErr := os.Stat(path + "-wal")
	db, err := sql.Open("sqlite", readOnlyDSN(path, wal && errors.Is(walErr, fs.ErrNotExist)))
	if err != nil {
		return model.Wrap(model.Internal, err, "cannot read %s", path)
	}
	defer db.Close()
	db.SetMaxOpenConns(1)
	conn, err := db.Conn(ctx)
	if err != nil {
		return inspectErr(path, err)
	}
	defer conn.Close()

	var appID, userVersion, tables int64
	if err := conn.QueryRowContext(ctx, "PRAGMA application_id").Scan(&appID); err != nil {
		return inspectErr(path, err)
	}
	if err := conn.QueryRowContext(ctx, "PRAGMA user_version").Scan(&userVersion); err != nil {
		return inspectErr(path, err)
	}
	err = conn.QueryRowContext(ctx,
		`SELECT count(*) FROM sqlite_schema WHERE type = 'table' AND name NOT LIKE 'sqlite\_%' ESCAPE '\'`).Scan(&tables)
	if err != nil {
		return inspectErr(path, err)
	}
	// An empty database with no id and no version may become ours; anything
	// with content or a version but not our id belongs to someone else.
	if appID != ApplicationID && (appID != 0 || tables > 0 || userVersion != 0) {
		return notGapwise(path)
	}
	if knownClean(path) {
		// Exactly as Gapwise left it after a clean close (cleancheck.go).
	} else if problems, err := quickCheck(ctx, conn); err != nil {
		return inspectErr(path, err)
	} else if len(problems) > 0 {
		return model.Errorf(model.BadFile, "%s is damaged: %s", path, strings.Join(problems, "; "))
	}
	if userVersion > LatestSchema {
		return newerErr(path, int(userVersion))
	}
	return nil
}

// readHeader returns up to the first 100 bytes of the file: the SQLite
// database header.
func readHeader(path string) ([]byte, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, model.Wrap(model.Denied, err, "cannot read %s", path)
	}
	defer f.Close()
	hdr := make([]byte, 100)
	n, err := io.ReadFull(f, hdr)
	if err != nil && !errors.Is(err, io.ErrUnexpectedEOF) && !errors.Is(err, io.EOF) {
		return nil, model.Wrap(model.Denied, err, "cannot read %s", path)
	}
	return hdr[:n], nil
}

// quickCheck runs PRAGMA quick_check and returns its complaints (at most a
// few, flattened to one line each); none means the file is sound.
func quickCheck(ctx context.Context, conn *sql.Conn) ([]string, error) {
	rows, err := conn.QueryContext(ctx, "PRAGMA quick_check(5)")
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []string
	for rows.Next() {
		var msg string
		if err := rows.Scan(&msg); err != nil {
			return nil, err
		}
		if msg != "ok" { // anything else, even unreadable, is a problem
			out = append(out, problemText(msg))
		}
	}
	return out, rows.Err()
}

func notGapwise(path string) error {
	return model.Errorf(model.BadFile, "%s is not a Gapwise database", path)
}

func newerErr(path string, version int) error {
	return model.Errorf(model.Newer,
		"%s was written by a newer version of Gapwise (schema %d, this version knows up to %d); update Gapwise to open it",
		path, version, LatestSchema)
}

// inspectErr explains a SQLite failure while inspecting a file. Corruption
// often shows up as an error rather than as quick_check output.
func inspectErr(path string, err error) error {
	switch primaryCode(err) {
	case codeCorrupt, codeNotADB:
		return model.Errorf(model.BadFile, "%s is damaged: %s", path, oneLine(err.Error()))
	case codeReadOnly, codeCantOpen:
		// A WAL database cannot even be read without its -shm file, which
		// SQLite cannot create in a read-only folder.
		return model.Wrap(model.Denied, err, "cannot open %s: Gapwise needs to write to it and to its folder", path)
	}
	return fail(err, "cannot read %s", path)
}

// problemText flattens a quick_check or integrity_check report (one row may
// hold several lines) to one line, dropping the "*** in database main ***"
// banner.
func problemText(msg string) string {
	var parts []string
	for _, line := range strings.Split(msg, "\n") {
		if line = oneLine(line); line != "" && !strings.HasPrefix(line, "*** in database") {
			parts = append(parts, line)
		}
	}
	if len(parts) == 0 {
		return oneLine(msg)
	}
	return strings.Join(parts, "; ")
}

func oneLine(s string) string {
	return strings.Join(strings.Fields(s), " ")
}
