package store

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"gapwise/internal/model"
)

// A file Gapwise closed cleanly is opened without reading it whole; one
// changed since (damaged, written by another program, or left with a
// write-ahead log by a crash) is checked in full and refused when damaged.
func TestCleanCloseSkipsCheckButDamageIsStillRefused(t *testing.T) {
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "gapwise.db")
	gapwiseDB(t, path)
	if !knownClean(path) {
		t.Fatal("after a clean close the file is not known clean: every open would read it whole")
	}
	s, err := Open(ctx, path)
	if err != nil {
		t.Fatal(err)
	}
	if err := s.Close(); err != nil {
		t.Fatal(err)
	}
	if !knownClean(path) {
		t.Fatal("after a second clean close the file is not known clean")
	}

	// Damage between two runs: the next open must check and refuse.
	f, err := os.OpenFile(path, os.O_RDWR, 0)
	if err != nil {
		t.Fatal(err)
	}
	const page = 4096
	if _, err := f.WriteAt([]byte(strings.Repeat("\xa5", 4*page)), 4*page); err != nil {
		t.Fatal(err)
	}
	f.Close()
	// Even when the damage lands within the same clock tick as the close.
	later := time.Now().Add(time.Second)
	os.Chtimes(path, later, later)
	if knownClean(path) {
		t.Fatal("a damaged file is still known clean")
	}
	_, err = Open(ctx, path)
	if err == nil || model.KindOf(err) != model.BadFile || !strings.Contains(err.Error(), "is damaged") {
		t.Fatalf("open of a file damaged since its clean close: %v, want refused as damaged", err)
	}
}

// A write-ahead log beside the file (a crash, or another process with it
// open) always means a full check.
func TestWALFileMeansFullCheck(t *testing.T) {
	path := filepath.Join(t.TempDir(), "gapwise.db")
	gapwiseDB(t, path)
	if err := os.WriteFile(path+"-wal", []byte("not empty"), 0o600); err != nil {
		t.Fatal(err)
	}
	if knownClean(path) {
		t.Error("a file with a non-empty -wal is known clean")
	}
}

// recordStamp is the clean-check record's modification time, set back an
// hour first so that a rewrite shows.
func agedRecord(t *testing.T, path string) (string, time.Time) {
	t.Helper()
	rp, err := recordPath(path)
	if err != nil {
		t.Fatal(err)
	}
	old := time.Now().Add(-time.Hour).Truncate(time.Second)
	if err := os.Chtimes(rp, old, old); err != nil {
		t.Fatal(err)
	}
	return rp, old
}

// A command that only reads a known-clean file leaves its clean-check
// record as it was (neither emptied nor rewritten: two file writes fewer
// per command), and the file stays known clean; one that writes has its
// record rewritten with the file's new identity.
func TestReadOnlySessionLeavesTheRecord(t *testing.T) {
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "gapwise.db")
	gapwiseDB(t, path)
	rp, old := agedRecord(t, path)

	s, err := Open(ctx, path)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := s.ListFrameworks(ctx); err != nil {
		t.Fatal(err)
	}
	if err := s.Close(); err != nil {
		t.Fatal(err)
	}
	if fi, err := os.Stat(rp); err != nil || !fi.ModTime().Equal(old) || fi.Size() == 0 {
		t.Errorf("a read-only session touched the clean-check record (%v, %v)", fi, err)
	}
	if !knownClean(path) {
		t.Fatal("after a read-only session the file is not known clean")
	}

	s, err = Open(ctx, path)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := s.CreatePerson(ctx, model.Person{Name: "Ada Example", Discipline: model.Nurse}); err != nil {
		t.Fatal(err)
	}
	if err := s.Close(); err != nil {
		t.Fatal(err)
	}
	if fi, err := os.Stat(rp); err != nil || fi.ModTime().Equal(old) {
		t.Errorf("a session that wrote left the old record (%v, %v)", fi, err)
	}
	if !knownClean(path) {
		t.Fatal("after a session that wrote and closed cleanly the file is not known clean")
	}
	// The written file, damaged later, is refused as before.
	f, err := os.OpenFile(path, os.O_RDWR, 0)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := f.WriteAt([]byte(strings.Repeat("\xa5", 4*4096)), 4*4096); err != nil {
		t.Fatal(err)
	}
	f.Close()
	later := time.Now().Add(time.Second)
	os.Chtimes(path, later, later)
	if _, err := Open(ctx, path); err == nil || !strings.Contains(err.Error(), "is damaged") {
		t.Fatalf("open of a file damaged after a session that wrote: %v", err)
	}
}

// A file known clean at open that another connection writes during the
// session is not left with the open's record.
func TestWriteByAnotherConnectionRewritesTheRecord(t *testing.T) {
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "gapwise.db")
	gapwiseDB(t, path)
	rp, old := agedRecord(t, path)
	s, err := Open(ctx, path)
	if err != nil {
		t.Fatal(err)
	}
	other, err := Open(ctx, path)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := other.CreatePerson(ctx, model.Person{Name: "Ada Example", Discipline: model.Nurse}); err != nil {
		t.Fatal(err)
	}
	if err := s.Close(); err != nil { // not the last connection: the log stays
		t.Fatal(err)
	}
	if knownClean(path) {
		t.Error("known clean with another connection's changes in the log")
	}
	if err := other.Close(); err != nil {
		t.Fatal(err)
	}
	if fi, err := os.Stat(rp); err != nil || fi.ModTime().Equal(old) || !knownClean(path) {
		t.Errorf("after the writer's clean close: record %v (%v), known clean %v", fi, err, knownClean(path))
	}
}
