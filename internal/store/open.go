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
	"runtime"
	"strings"
	"sync/atomic"

	"gapwise/internal/model"
	"gapwise/internal/savefile"

	"modernc.org/sqlite" // also registers the "sqlite" driver
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
	notices []string
	// opened is the file's identity at open when it was known clean
	// (cleancheck.go); nil when it was checked in full.
	opened *fileIdentity
	// ruled is set once the schema is current: from then on every new
	// connection gets the write rules (rules.go). Nil for a reading store.
	ruled *atomic.Bool
}

// Open opens the database at path, creating it (and its folder) if missing,
// and brings its schema up to date. An existing file is inspected read-only
// first and refused, untouched, when it is not a healthy Gapwise database
// this version can use. Open does not seed framework packs; see SeedPacks.
func Open(ctx context.Context, path string) (*Store, error) { return open(ctx, path, false) }

// OpenReader is Open for a command that only reads, such as gaps: its
// connections cannot write (query_only) and so carry none of the rules for
// writing, which SQLite would otherwise parse on each (rules.sql). A file
// whose schema needs an upgrade is opened as Open does, and upgraded.
func OpenReader(ctx context.Context, path string) (*Store, error) { return open(ctx, path, true) }

func open(ctx context.Context, path string, reading bool) (*Store, error) {
	if strings.TrimSpace(path) == "" {
		return nil, model.Errorf(model.Invalid, "no database path given")
	}
	abs, err := filepath.Abs(path)
	if err != nil {
		return nil, model.Wrap(model.Invalid, err, "cannot use %s as a database path", path)
	}
	notices, opened, err := prepareFile(ctx, abs)
	if err != nil {
		return nil, err
	}
	var s *Store
	if reading {
		s, err = openReading(ctx, abs)
	}
	if s == nil && err == nil {
		s, err = openMigrated(ctx, abs, abs)
	}
	if err != nil {
		if werr := checkWritable(abs); werr != nil {
			return nil, werr // the clearer reason (prepareFile may have skipped this check)
		}
		return nil, err
	}
	s.notices, s.opened = notices, opened
	return s, nil
}

// openMigrated opens the file at file read-write, naming it path in
// messages, and brings its schema up to date.
func openMigrated(ctx context.Context, file, path string) (*Store, error) {
	conn, err := sqlite.NewConnector(readWriteDSN(file))
	if err != nil {
		return nil, model.Wrap(model.Internal, err, "cannot open %s", path)
	}
	ready := new(atomic.Bool)
	db := sql.OpenDB(ruledConnector{Connector: conn, ready: ready})
	db.SetMaxOpenConns(maxConns)
	db.SetMaxIdleConns(maxConns)
	s := &Store{db: db, path: path, ruled: ready}
	if err := s.migrate(ctx); err != nil {
		db.Close()
		return nil, err
	}
	return s, nil
}

// openReading opens file with connections that only read, or returns nil
// when its schema is not this version's, for the caller to upgrade it.
func openReading(ctx context.Context, file string) (*Store, error) {
	db, err := sql.Open("sqlite", readingDSN(file))
	if err != nil {
		return nil, model.Wrap(model.Internal, err, "cannot open %s", file)
	}
	db.SetMaxOpenConns(maxConns)
	db.SetMaxIdleConns(maxConns)
	v, err := userVersion(ctx, db)
	if err != nil || v != LatestSchema {
		db.Close()
		return nil, nil // openMigrated says what is wrong, or upgrades it
	}
	return &Store{db: db, path: file, version: v}, nil
}

// Notices are things Open did that the person should hear about once (it
// made a database readable by others private). The app shows them; the CLI
// prints them on standard error.
func (s *Store) Notices() []string { return s.notices }

// Close closes the database. SQLite checkpoints the write-ahead log into the
// main file when the last connection closes, so a closed database is one file.
//
// After a clean close the file's identity is remembered, so the next open
// need not read the whole file to check it (cleancheck.go). When the file
// was known clean at open and nothing was written since (the -wal file is
// still empty), the record already says what the close leaves, so it is
// neither emptied nor rewritten: two fewer file writes for every command
// that only reads (issue 12).
func (s *Store) Close() error {
	quiet := s.opened != nil && walEmpty(s.path)
	if !quiet {
		forgetClean(s.path) // until this close completes, the file is not known clean
	}
	if err := s.db.Close(); err != nil {
		if quiet {
			forgetClean(s.path)
		}
		return fail(err, "close %s", s.path)
	}
	if quiet {
		if now, ok := identify(s.path); ok && now == *s.opened {
			return nil
		}
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

// readingDSN is for a store that only reads (OpenReader): query_only makes
// SQLite refuse any write on its connections, which have none of the rules
// for writing. It sets no journal mode, as changing one is a write; Gapwise
// files are in WAL mode from their first open, and reading works in any.
func readingDSN(path string) string {
	return fileURI(path, url.Values{
		"_pragma": {fmt.Sprintf("busy_timeout(%d)", busyTimeoutMS), "query_only(1)"},
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

// prepareFile makes sure path is safe to open read-write: either a new
// database we create ourselves (mode 0600, folder 0700) or an existing
// Gapwise database that passes inspection in a writable place. An existing
// database readable by others is made private, with a notice.
func prepareFile(ctx context.Context, path string) (notices []string, clean *fileIdentity, err error) {
	fi, err := os.Stat(path)
	switch {
	case errors.Is(err, fs.ErrNotExist):
		return nil, nil, createDatabase(ctx, path)
	case err != nil:
		return nil, nil, model.Wrap(model.Denied, err, "cannot read %s", path)
	case fi.IsDir():
		return nil, nil, model.Errorf(model.BadFile, "%s is a folder, not a Gapwise database", path)
	case !fi.Mode().IsRegular():
		return nil, nil, model.Errorf(model.BadFile, "%s is not a Gapwise database (it is not a regular file)", path)
	case fi.Size() == 0:
		// A backup or copy cut short looks like this; opening it would
		// silently start an empty database where the person expects theirs.
		return nil, nil, model.Errorf(model.BadFile,
			"%s is an empty file, not a Gapwise database (a copy or backup cut short?); Gapwise makes a new database only where no file exists: choose another name, or remove the empty file", path)
	}
	clean, err = inspect(ctx, path)
	if err != nil {
		return nil, nil, err
	}
	if clean != nil {
		// Gapwise wrote this file and its -wal and -shm in this folder at
		// its last clean close; creating a probe file on every start cost
		// more than the rest of opening. If the folder has become read-only
		// since, opening fails and Open asks checkWritable why.
		if err := checkFileWritable(path); err != nil {
			return nil, nil, err
		}
	} else if err := checkWritable(path); err != nil {
		return nil, nil, err
	}
	return makePrivate(path, fi.Mode().Perm()), clean, nil
}

// makePrivate sets a database others can read, and its -wal and -shm files,
// to 0600 before SQLite opens it (SQLite creates -wal and -shm with the
// database file's mode). Permission bits mean nothing on Windows.
func makePrivate(path string, mode fs.FileMode) []string {
	if runtime.GOOS == "windows" || mode&0o077 == 0 {
		return nil
	}
	for _, name := range []string{path, path + "-wal", path + "-shm"} {
		if err := os.Chmod(name, 0o600); err != nil && !errors.Is(err, fs.ErrNotExist) {
			return []string{fmt.Sprintf("%s can be read by other users of this computer (mode %#o) and Gapwise could not change that (%v); it holds personal data", path, mode, err)}
		}
	}
	return []string{fmt.Sprintf("%s could be read by other users of this computer (mode %#o); Gapwise has made it private (0600), as it holds personal data", path, mode)}
}

// createDatabase makes a new database at path whole or not at all: it is
// built under a temporary name beside path (mode 0600 from the first byte;
// SQLite gives the -wal and -shm files the database's mode), closed, and
// only then named path, never replacing anything. A run killed part-way
// leaves no empty or half-made file at path (savefile).
func createDatabase(ctx context.Context, path string) error {
	if err := os.MkdirAll(filepath.Dir(path), 0o700); err != nil {
		return model.Wrap(model.Denied, err, "cannot create %s", path)
	}
	err := savefile.SaveNewFileAt(path, func(tmp string) error {
		s, err := openMigrated(ctx, tmp, path)
		if err != nil {
			return err
		}
		return s.db.Close()
	})
	var pe *fs.PathError
	switch {
	case model.KindOf(err) == model.Conflict:
		return model.Errorf(model.Conflict, "%s appeared while Gapwise was creating it; try again", path)
	case errors.As(err, &pe): // the folder would not take a file
		return model.Wrap(model.Denied, pe.Err, "cannot create %s", path)
	}
	return err
}

// checkWritable finds out, without changing the database, whether SQLite
// will be able to write it and create its -wal and -shm files beside it
// (a probe file, named so that a run killed in between leaves one the next
// run removes, is created and removed in the folder). Failing here gives a
// clear message instead of an error halfway through.
func checkWritable(path string) error {
	if err := checkFileWritable(path); err != nil {
		return err
	}
	if err := savefile.Probe(filepath.Dir(path), filepath.Base(path)); err != nil {
		return model.Wrap(model.Denied, err, "cannot write in the folder of %s", path)
	}
	return nil
}

// checkFileWritable finds out whether the file itself can be opened for
// writing, without changing it.
func checkFileWritable(path string) error {
	f, err := os.OpenFile(path, os.O_RDWR, 0)
	if err != nil {
		return model.Wrap(model.Denied, err, "cannot write to %s", path)
	}
	return f.Close()
}

// inspect decides, reading only, whether an existing non-empty file is a
// healthy Gapwise database this binary can use. clean reports that the file
// is exactly as Gapwise left it at a clean close (cleancheck.go), in which
// case SQLite is not even opened: the header bytes are then the whole truth
// about the file's application id and schema version (with no -wal file,
// SQLite reads them from those very bytes), and it was checked before.
func inspect(ctx context.Context, path string) (clean *fileIdentity, err error) {
	hdr, err := readHeader(path)
	if err != nil {
		return nil, err
	}
	if len(hdr) < len(sqliteMagic) || !bytes.Equal(hdr[:len(sqliteMagic)], sqliteMagic) {
		return nil, model.Errorf(model.BadFile, "%s is not a Gapwise database (it is not an SQLite file)", path)
	}
	// Another program's id is in the header: refuse without asking SQLite.
	if len(hdr) >= 72 {
		if id := binary.BigEndian.Uint32(hdr[68:72]); id != 0 && id != ApplicationID {
			return nil, notGapwise(path)
		}
	}
	if len(hdr) >= 100 && binary.BigEndian.Uint32(hdr[68:72]) == ApplicationID {
		if id, ok := cleanIdentity(path); ok {
			if v := binary.BigEndian.Uint32(hdr[60:64]); v > LatestSchema {
				return &id, newerErr(path, int(v))
			}
			return &id, nil
		}
	}
	return nil, inspectSQLite(ctx, path, hdr)
}

// inspectSQLite is inspect's full check of a file not known clean: SQLite's
// view of its id and version, and PRAGMA quick_check.
func inspectSQLite(ctx context.Context, path string, hdr []byte) error {

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
	// The check reads every page once; SQLite's usual 2 MiB page cache gains
	// it nothing, and the memory a full cache takes stays with the process
	// afterwards (the C allocator keeps freed regions for reuse): about
	// 3 MB of the app's resident memory after checking an organisation's
	// file, for the same CPU (issue 12).
	if _, err := conn.ExecContext(ctx, fmt.Sprintf("PRAGMA cache_size = %d", checkCachePages)); err != nil {
		return inspectErr(path, err)
	}
	if problems, err := quickCheck(ctx, conn); err != nil {
		return inspectErr(path, err)
	} else if len(problems) > 0 {
		return model.Errorf(model.BadFile, "%s is damaged: %s", path, strings.Join(problems, "; "))
	}
	if userVersion > LatestSchema {
		return newerErr(path, int(userVersion))
	}
	return nil
}

// checkCachePages is the page cache of the connection that checks a file
// not known clean.
const checkCachePages = 64

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
