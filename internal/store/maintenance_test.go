package store

import (
	"context"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"testing"

	"gapwise/internal/model"
)

func TestCheck(t *testing.T) {
	ctx := context.Background()
	s := newStore(t)
	p, a := newAssessment(t, s)
	if err := s.SetRating(ctx, a.ID, model.Rating{Item: "A", Level: 1}); err != nil {
		t.Fatal(err)
	}
	if problems, err := s.Check(ctx); err != nil || len(problems) != 0 {
		t.Fatalf("healthy database: %v, %v", problems, err)
	}

	// Break a reference behind the store's back, as a bug or another tool might.
	conn, err := s.db.Conn(ctx)
	if err != nil {
		t.Fatal(err)
	}
	conn.ExecContext(ctx, "PRAGMA foreign_keys = OFF")
	_, err = conn.ExecContext(ctx, "INSERT INTO memberships (team, person, joined_at) VALUES ('ghost-team', ?, 'x')", p.ID)
	conn.ExecContext(ctx, "PRAGMA foreign_keys = ON")
	conn.Close()
	if err != nil {
		t.Fatal(err)
	}
	problems, err := s.Check(ctx)
	if err != nil || len(problems) != 1 || !strings.Contains(problems[0], "memberships") {
		t.Errorf("Check = %q, %v; want one problem in memberships", problems, err)
	}
}

func TestBackup(t *testing.T) {
	ctx := context.Background()
	s := newStore(t)
	_, a := newAssessment(t, s)
	for _, r := range []model.Rating{{Item: "A", Level: 2, Evidence: "audit"}, {Item: "C", Level: 0}} {
		if err := s.SetRating(ctx, a.ID, r); err != nil {
			t.Fatal(err)
		}
	}
	dir := t.TempDir()

	existing := filepath.Join(dir, "precious.db")
	os.WriteFile(existing, []byte("do not overwrite"), 0o644)
	before := stateOf(t, existing)
	wantKind(t, s.Backup(ctx, existing), model.Conflict)
	if err := before.same(stateOf(t, existing)); err != nil {
		t.Errorf("backup touched an existing file: %v", err)
	}
	wantKind(t, s.Backup(ctx, s.Path()), model.Invalid)
	// Replacing, once the user agreed, keeps the old file until the copy is whole,
	// and never takes the database itself (or SQLite's files beside it).
	wantKind(t, s.BackupReplacing(ctx, s.Path()), model.Invalid)
	wantKind(t, s.BackupReplacing(ctx, s.Path()+"-wal"), model.Invalid)
	if err := s.BackupReplacing(ctx, existing); err != nil {
		t.Fatal(err)
	}
	if data, _ := os.ReadFile(existing); !strings.HasPrefix(string(data), "SQLite format 3") {
		t.Errorf("the replaced backup is not a database: %.20q", data)
	}

	dest := filepath.Join(dir, "backups", "gapwise-2026-01-01.db")
	if err := s.Backup(ctx, dest); err != nil {
		t.Fatal(err)
	}
	if fi, err := os.Stat(dest); err != nil || fi.Mode().Perm() != 0o600 {
		t.Errorf("backup mode: %v, %v; want 0600", fi.Mode(), err)
	}
	wantKind(t, s.Backup(ctx, dest), model.Conflict)

	b := openAt(t, dest)
	if problems, err := b.Check(ctx); err != nil || len(problems) > 0 {
		t.Errorf("backup Check: %v, %v", problems, err)
	}
	if got, want := mustRatings(t, b, a.ID), mustRatings(t, s, a.ID); !slices.Equal(got, want) {
		t.Errorf("backup ratings %+v, want %+v", got, want)
	}
}

// Two Gapwise windows (or the app and the CLI) writing at once must queue,
// not fail with "database is locked".
func TestTwoStoresWriteAtOnce(t *testing.T) {
	ctx := context.Background()
	first := newStore(t)
	_, a := newAssessment(t, first)
	second := openAt(t, first.Path())
	items := []string{"A", "B", "C"}
	levels := map[string][]int{"A": {1, 2, 3}, "B": {4, 5, 6, 7}, "C": {1, 2, 3, 4}}
	var wg sync.WaitGroup
	errs := make(chan error, 400)
	for w, s := range []*Store{first, second, first, second} {
		wg.Go(func() {
			for i := range 25 {
				item := items[(w+i)%3]
				lv := levels[item][i%len(levels[item])]
				if err := s.SetRating(ctx, a.ID, model.Rating{Item: item, Level: lv}); err != nil {
					errs <- err
				}
				if _, err := s.Ratings(ctx, a.ID); err != nil {
					errs <- err
				}
			}
		})
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		t.Error(err)
	}
}

// A write that waits past busy_timeout for another program's lock says who
// holds the file and what to do, never SQLite's "database is locked (5)".
func TestLockTimeoutSaysAnotherProgramHasTheFile(t *testing.T) {
	defer func(ms int) { busyTimeoutMS = ms }(busyTimeoutMS)
	busyTimeoutMS = 50
	ctx := context.Background()
	s := newStore(t)
	_, a := newAssessment(t, s)
	other := openAt(t, s.Path())
	hold, err := other.db.BeginTx(ctx, nil) // BEGIN IMMEDIATE: takes the write lock
	if err != nil {
		t.Fatal(err)
	}
	defer hold.Rollback()
	if _, err := hold.ExecContext(ctx, "UPDATE settings SET value = value"); err != nil {
		t.Fatal(err)
	}
	err = s.SetRating(ctx, a.ID, model.Rating{Item: "A", Level: 1})
	if model.KindOf(err) != model.InUse {
		t.Fatalf("kind %v, err %v; want in use", model.KindOf(err), err)
	}
	msg := err.Error()
	for _, bad := range []string{"SQLITE_BUSY", "locked (5)", "database is locked"} {
		if strings.Contains(msg, bad) {
			t.Errorf("message shows SQLite's words %q: %s", bad, msg)
		}
	}
	for _, want := range []string{"another Gapwise window or program", "close it", "try again"} {
		if !strings.Contains(msg, want) {
			t.Errorf("message %q does not say %q", msg, want)
		}
	}
}
