package store

import (
	"context"
	"database/sql"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"gapwise/internal/model"
)

// rawDB writes a SQLite file with plain SQL, as another program would.
func rawDB(t *testing.T, path string, stmts ...string) {
	t.Helper()
	db, err := sql.Open("sqlite", path)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	for _, q := range stmts {
		if _, err := db.Exec(q); err != nil {
			t.Fatalf("%s: %v", q, err)
		}
	}
}

// gapwiseDB makes a healthy Gapwise database with enough rows to span
// many pages, and closes it.
func gapwiseDB(t *testing.T, path string) {
	t.Helper()
	var extra []string
	for i := range 400 {
		extra = append(extra, fmt.Sprintf("X%03d-%s", i, strings.Repeat("x", 60)))
	}
	s, err := Open(context.Background(), path)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := s.SeedPacks(context.Background(), []PackData{packOf(t, tinyFramework("1", extra...))}); err != nil {
		t.Fatal(err)
	}
	if err := s.Close(); err != nil {
		t.Fatal(err)
	}
}

func TestOpenRefusesFilesItMustNotTouch(t *testing.T) {
	const page = 4096
	tests := []struct {
		name    string
		make    func(t *testing.T, path string)
		kind    model.ErrorKind
		message string
	}{
		{"text file", func(t *testing.T, path string) {
			os.WriteFile(path, []byte("name,level\nAda,3\n"), 0o644)
		}, model.BadFile, "is not a Gapwise database (it is not an SQLite file)"},
		{"tiny file", func(t *testing.T, path string) {
			os.WriteFile(path, []byte("SQLite"), 0o644)
		}, model.BadFile, "it is not an SQLite file"},
		{"damaged pages", func(t *testing.T, path string) {
			gapwiseDB(t, path)
			f, err := os.OpenFile(path, os.O_RDWR, 0)
			if err != nil {
				t.Fatal(err)
			}
			defer f.Close()
			fi, _ := f.Stat()
			if fi.Size() < 12*page {
				t.Fatalf("test database too small: %d bytes", fi.Size())
			}
			garbage := []byte(strings.Repeat("\xa5", 4*page))
			if _, err := f.WriteAt(garbage, 4*page); err != nil {
				t.Fatal(err)
			}
		}, model.BadFile, "is damaged"},
		{"truncated", func(t *testing.T, path string) {
			gapwiseDB(t, path)
			fi, _ := os.Stat(path)
			if err := os.Truncate(path, fi.Size()/2/page*page); err != nil {
				t.Fatal(err)
			}
		}, model.BadFile, "is damaged"},
		{"newer Gapwise", func(t *testing.T, path string) {
			rawDB(t, path, fmt.Sprintf("PRAGMA application_id = %d", ApplicationID), "PRAGMA user_version = 999",
				"CREATE TABLE people (id TEXT)")
		}, model.Newer, fmt.Sprintf("was written by a newer version of Gapwise (schema 999, this version knows up to %d); update Gapwise to open it", LatestSchema)},
		{"another program's database", func(t *testing.T, path string) {
			rawDB(t, path, "CREATE TABLE contacts (name TEXT)", "INSERT INTO contacts VALUES ('Ada')")
		}, model.BadFile, "is not a Gapwise database"},
		{"another program's WAL database", func(t *testing.T, path string) {
			rawDB(t, path, "PRAGMA journal_mode = WAL", "CREATE TABLE contacts (name TEXT)")
		}, model.BadFile, "is not a Gapwise database"},
		{"another program's application id", func(t *testing.T, path string) {
			rawDB(t, path, "PRAGMA application_id = 305419896")
		}, model.BadFile, "is not a Gapwise database"},
		{"versioned but empty", func(t *testing.T, path string) {
			rawDB(t, path, "PRAGMA user_version = 3")
		}, model.BadFile, "is not a Gapwise database"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			path := filepath.Join(t.TempDir(), "file.db")
			tc.make(t, path)
			// An old mtime shows any write, however quick.
			old := time.Date(2020, 1, 2, 3, 4, 5, 0, time.UTC)
			if err := os.Chtimes(path, old, old); err != nil {
				t.Fatal(err)
			}
			before := stateOf(t, path)

			s, err := Open(context.Background(), path)
			if err == nil {
				s.Close()
			}
			wantKind(t, err, tc.kind)
			t.Log(err)
			if !strings.Contains(err.Error(), path) || !strings.Contains(err.Error(), tc.message) {
				t.Errorf("message %q: want the path and %q", err, tc.message)
			}
			if strings.Contains(err.Error(), "\n") {
				t.Errorf("message is not one line: %q", err)
			}
			if err := before.same(stateOf(t, path)); err != nil {
				t.Errorf("refused file was modified: %v", err)
			}
			if entries, _ := os.ReadDir(filepath.Dir(path)); len(entries) != 1 {
				t.Errorf("refusing left files behind: %v", entries)
			}
		})
	}
}

func TestOpenRefusesFolder(t *testing.T) {
	dir := t.TempDir()
	_, err := Open(context.Background(), dir)
	wantKind(t, err, model.BadFile)
}

func TestOpenCreatesPrivateFiles(t *testing.T) {
	ctx := context.Background()
	dir := filepath.Join(t.TempDir(), "Gapwise")
	path := filepath.Join(dir, "gapwise.db")
	s := openAt(t, path)
	if s.Path() != path {
		t.Errorf("Path() = %q, want %q", s.Path(), path)
	}
	if _, err := s.SeedPacks(ctx, []PackData{packOf(t, tinyFramework("1"))}); err != nil {
		t.Fatal(err)
	}
	_, a := newAssessment(t, s)
	if err := s.SetRating(ctx, a.ID, model.Rating{Item: "A", Level: 2}); err != nil {
		t.Fatal(err)
	}
	if fi, err := os.Stat(dir); err != nil || fi.Mode().Perm() != 0o700 {
		t.Errorf("folder: %v, %v; want mode 0700", fi.Mode(), err)
	}
	// While the store is open the -wal and -shm files exist; they hold
	// the same personal data and must be as private as the database.
	for _, name := range []string{path, path + "-wal", path + "-shm"} {
		fi, err := os.Stat(name)
		if err != nil {
			t.Fatal(err)
		}
		if fi.Mode().Perm()&0o077 != 0 {
			t.Errorf("%s: mode %v is readable by others", filepath.Base(name), fi.Mode())
		}
	}
}

// An empty file (a copy or backup cut short) is refused, untouched: only a
// path where nothing exists becomes a new database.
func TestOpenRefusesAnEmptyFile(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "empty.db")
	if err := os.WriteFile(path, nil, 0o644); err != nil {
		t.Fatal(err)
	}
	before := stateOf(t, path)
	_, err := Open(context.Background(), path)
	wantKind(t, err, model.BadFile)
	if !strings.Contains(err.Error(), path+" is an empty file") {
		t.Errorf("message %q: want it to name the empty file", err)
	}
	if err := before.same(stateOf(t, path)); err != nil {
		t.Errorf("the empty file was touched: %v", err)
	}
	if es, _ := os.ReadDir(dir); len(es) != 1 {
		t.Errorf("the folder gained files: %d entries", len(es))
	}
}

// A new database is built under a temporary name and appears whole: a run
// killed before that leaves no file at the path (the next run removes the
// leftover), and nothing else is left in the folder.
func TestOpenCreatesTheDatabaseWhole(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "gapwise.db")
	stale := path + ".gapwise-partial-999999999-0badcafe" // a run that died half-way
	os.WriteFile(stale, nil, 0o600)
	os.WriteFile(stale+"-journal", []byte("x"), 0o600)
	s := openAt(t, path)
	if s.SchemaVersion() != LatestSchema {
		t.Errorf("schema %d, want %d", s.SchemaVersion(), LatestSchema)
	}
	if len(s.Notices()) != 0 {
		t.Errorf("notices for a new database: %v", s.Notices())
	}
	s.Close()
	es, _ := os.ReadDir(dir)
	if len(es) != 1 || es[0].Name() != "gapwise.db" {
		var names []string
		for _, e := range es {
			names = append(names, e.Name())
		}
		t.Errorf("folder holds %v; want only gapwise.db", names)
	}
	if fi, _ := os.Stat(path); fi.Mode().Perm() != 0o600 {
		t.Errorf("mode %v, want 0600", fi.Mode())
	}
}

// A database others can read is made private on open, with its -wal and
// -shm, and the person is told once.
func TestOpenMakesAnOpenDatabasePrivate(t *testing.T) {
	path := filepath.Join(t.TempDir(), "gapwise.db")
	s := openAt(t, path)
	s.Close()
	if err := os.Chmod(path, 0o644); err != nil {
		t.Fatal(err)
	}
	s = openAt(t, path)
	if n := s.Notices(); len(n) != 1 || !strings.Contains(n[0], "mode 0644") || !strings.Contains(n[0], "private (0600)") {
		t.Errorf("notices %q; want one saying the file was made private", n)
	}
	if _, err := s.db.ExecContext(context.Background(), "PRAGMA user_version"); err != nil {
		t.Fatal(err)
	}
	if _, err := s.db.ExecContext(context.Background(), "CREATE TABLE IF NOT EXISTS scratch (x); DROP TABLE scratch"); err != nil {
		t.Fatal(err)
	}
	for _, name := range []string{path, path + "-wal", path + "-shm"} {
		fi, err := os.Stat(name)
		if err != nil {
			t.Fatal(err)
		}
		if fi.Mode().Perm() != 0o600 {
			t.Errorf("%s: mode %v, want 0600", filepath.Base(name), fi.Mode().Perm())
		}
	}
	s.Close()
	s = openAt(t, path)
	if n := s.Notices(); len(n) != 0 {
		t.Errorf("second open: notices %q; want none (said once)", n)
	}
}

// A SQLite file with no tables, no id and no version is as good as empty.
func TestOpenAdoptsBlankSQLiteFile(t *testing.T) {
	path := filepath.Join(t.TempDir(), "blank.db")
	rawDB(t, path, "CREATE TABLE scratch (x)", "DROP TABLE scratch")
	if hdr, err := readHeader(path); err != nil || len(hdr) < 100 {
		t.Fatalf("setup made no SQLite file: %d bytes, %v", len(hdr), err)
	}
	s := openAt(t, path)
	if problems, err := s.Check(context.Background()); err != nil || len(problems) > 0 {
		t.Errorf("Check: %v, %v", problems, err)
	}
}

func TestOpenDeniedOnReadOnlyFilesystem(t *testing.T) {
	// Root ignores permission bits, so use places no one can write.
	for _, path := range []string{"/proc/gapwise-test/x.db", "/proc/gapwise-test.db", "/sys/gapwise-test/x.db"} {
		t.Run(path, func(t *testing.T) {
			if _, err := os.Stat(filepath.Dir(filepath.Dir(path))); err != nil {
				t.Skip(err)
			}
			_, err := Open(context.Background(), path)
			wantKind(t, err, model.Denied)
			t.Log(err)
			if !strings.Contains(err.Error(), path) || strings.Contains(err.Error(), "\n") {
				t.Errorf("message %q: want one line naming %s", err, path)
			}
		})
	}
}

func TestOpenDeniedWithoutPermission(t *testing.T) {
	if os.Geteuid() == 0 {
		t.Skip("root bypasses permissions; see TestOpenDeniedOnReadOnlyFilesystem")
	}
	t.Run("new file in read-only folder", func(t *testing.T) {
		dir := t.TempDir()
		os.Chmod(dir, 0o500)
		t.Cleanup(func() { os.Chmod(dir, 0o700) })
		_, err := Open(context.Background(), filepath.Join(dir, "gapwise.db"))
		wantKind(t, err, model.Denied)
	})
	t.Run("database in read-only folder", func(t *testing.T) {
		dir := t.TempDir()
		path := filepath.Join(dir, "gapwise.db")
		gapwiseDB(t, path)
		before := stateOf(t, path)
		os.Chmod(dir, 0o500)
		t.Cleanup(func() { os.Chmod(dir, 0o700) })
		_, err := Open(context.Background(), path)
		wantKind(t, err, model.Denied)
		t.Log(err)
		if err := before.same(stateOf(t, path)); err != nil {
			t.Error(err)
		}
	})
	t.Run("read-only database", func(t *testing.T) {
		path := filepath.Join(t.TempDir(), "gapwise.db")
		gapwiseDB(t, path)
		os.Chmod(path, 0o400)
		before := stateOf(t, path)
		_, err := Open(context.Background(), path)
		wantKind(t, err, model.Denied)
		t.Log(err)
		if err := before.same(stateOf(t, path)); err != nil {
			t.Error(err)
		}
	})
	t.Run("unreadable file", func(t *testing.T) {
		path := filepath.Join(t.TempDir(), "gapwise.db")
		os.WriteFile(path, []byte("secret"), 0o200)
		_, err := Open(context.Background(), path)
		wantKind(t, err, model.Denied)
	})
}

func TestOpenPathWithAwkwardCharacters(t *testing.T) {
	path := filepath.Join(t.TempDir(), "my data?#%", "gap wise.db")
	s := openAt(t, path)
	if _, err := os.Stat(path); err != nil {
		t.Fatalf("database not at %q: %v", path, err)
	}
	if _, err := s.SeedPacks(context.Background(), []PackData{packOf(t, tinyFramework("1"))}); err != nil {
		t.Fatal(err)
	}
}

func TestPragmasOnEveryConnection(t *testing.T) {
	s := newStore(t)
	ctx := context.Background()
	// Hold maxConns connections at once so each is a distinct one.
	var conns []*sql.Conn
	for range maxConns {
		c, err := s.db.Conn(ctx)
		if err != nil {
			t.Fatal(err)
		}
		defer c.Close()
		conns = append(conns, c)
	}
	want := map[string]string{"foreign_keys": "1", "journal_mode": "wal", "busy_timeout": "5000", "synchronous": "2", "secure_delete": "1"}
	for i, c := range conns {
		for pragma, v := range want {
			var got string
			if err := c.QueryRowContext(ctx, "PRAGMA "+pragma).Scan(&got); err != nil {
				t.Fatal(err)
			}
			if got != v {
				t.Errorf("connection %d: %s = %s, want %s", i, pragma, got, v)
			}
		}
	}
}
