package cli

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestEmptyFileGivenAsDBIsRefused(t *testing.T) {
	db := tempDB(t)
	if err := os.WriteFile(db, nil, 0o600); err != nil {
		t.Fatal(err)
	}
	code, _, errOut := run(t, "--db", db, "people", "list")
	if code != ExitUser || !strings.Contains(errOut, "is an empty file") || strings.Count(errOut, "\n") != 1 {
		t.Errorf("exit %d %q; want exit 1 with one line saying the file is empty", code, errOut)
	}
	if fi, err := os.Stat(db); err != nil || fi.Size() != 0 {
		t.Errorf("the empty file changed: %v %v", fi, err)
	}
}

func TestOpenDatabaseIsMadePrivateWithOneNote(t *testing.T) {
	db := tempDB(t)
	mustRun(t, "--db", db, "db", "init")
	if err := os.Chmod(db, 0o644); err != nil {
		t.Fatal(err)
	}
	code, _, errOut := run(t, "--db", db, "people", "list", "--json")
	if code != ExitOK || !strings.HasPrefix(errOut, "gapwise-cli: note: "+db+" could be read by other users") {
		t.Errorf("exit %d, stderr %q; want a note that the file was made private", code, errOut)
	}
	if fi, _ := os.Stat(db); fi.Mode().Perm() != 0o600 {
		t.Errorf("mode %v after open, want 0600", fi.Mode().Perm())
	}
	if _, _, errOut := run(t, "--db", db, "people", "list"); errOut != "" {
		t.Errorf("second run said %q; the note is said once", errOut)
	}
}

// A backup killed part-way leaves only a temporary file beside the target,
// never a file at the target; the retry succeeds and tidies it away.
func TestBackupRetryAfterAKilledBackup(t *testing.T) {
	db := tempDB(t)
	mustRun(t, "--db", db, "demo")
	dir := t.TempDir()
	dest := filepath.Join(dir, "backup.db")
	left := fmt.Sprintf("%s.gapwise-partial-%d-0badcafe", dest, 999999999) // its process is gone
	os.WriteFile(left, []byte("SQLite format 3\x00half"), 0o600)
	os.WriteFile(left+"-journal", []byte("j"), 0o600)

	mustRun(t, "--db", db, "db", "backup", dest)
	es, _ := os.ReadDir(dir)
	if len(es) != 1 || es[0].Name() != "backup.db" {
		t.Errorf("folder after the retry holds %d entries; want only backup.db", len(es))
	}
	if out := mustRun(t, "--db", dest, "db", "check"); !strings.HasPrefix(out, "ok: ") {
		t.Errorf("db check of the backup: %q", out)
	}
	code, _, errOut := run(t, "--db", db, "db", "backup", dest)
	if code != ExitUser || !strings.Contains(errOut, "already exists") {
		t.Errorf("backup over an existing file: exit %d %q", code, errOut)
	}
}
