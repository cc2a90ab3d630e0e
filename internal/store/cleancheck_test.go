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
