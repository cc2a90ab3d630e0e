//go:build unix

package workspace

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"

	"gapwise/internal/model"
)

// mkfifo makes a named pipe and, until the test ends, keeps opening its
// write end: an import that blocks opening it (as Gapwise once did) is
// then released with an empty read, and fails the test on its message
// instead of hanging the run.
func mkfifo(t *testing.T, path string) {
	t.Helper()
	if err := syscall.Mkfifo(path, 0o600); err != nil {
		t.Skipf("mkfifo: %v", err)
	}
	stop := make(chan struct{})
	done := make(chan struct{})
	go func() {
		defer close(done)
		for {
			select {
			case <-stop:
				return
			case <-time.After(20 * time.Millisecond):
			}
			if f, err := os.OpenFile(path, os.O_WRONLY|syscall.O_NONBLOCK, 0); err == nil {
				f.Close()
			}
		}
	}()
	t.Cleanup(func() { close(stop); <-done })
}

func TestImportRefusesNonRegularFiles(t *testing.T) {
	ctx := context.Background()
	dir := t.TempDir()
	fifo := filepath.Join(dir, "x.gapwise.json")
	mkfifo(t, fifo)
	folder := filepath.Join(t.TempDir(), "members")
	if err := os.Mkdir(folder, 0o700); err != nil {
		t.Fatal(err)
	}
	mkfifo(t, filepath.Join(folder, "x.json"))
	link := filepath.Join(dir, "link.gapwise.json")
	if err := os.Symlink(fifo, link); err != nil {
		t.Fatal(err)
	}

	w := openTemp(t)
	team, err := w.CreateTeam(ctx, "Ward informatics", sfia9)
	if err != nil {
		t.Fatal(err)
	}
	_, self := appraisee(t, w, "Ada Lovelace")
	ap, err := w.StartAppraisal(ctx, self.ID, one("Dr Grace Hopper"), "2026/27")
	if err != nil {
		t.Fatal(err)
	}
	before := dumpTables(t, w)

	const want = "is a named pipe (FIFO), not a file"
	check := func(what string, err error) {
		t.Helper()
		if model.KindOf(err) != model.BadFile || !strings.Contains(err.Error(), want) {
			t.Errorf("%s: %v, want a refusal saying it %s", what, err, want)
		}
	}
	_, err = w.ImportAssessmentFile(ctx, fifo)
	check("assess import", err)
	_, err = w.ImportAssessmentFile(ctx, link)
	check("assess import through a symbolic link", err)
	_, err = w.ImportAppraiserPath(ctx, ap.ID, fifo)
	check("appraisal import-appraiser", err)
	for _, paths := range [][]string{{fifo}, {folder}} {
		res, err := w.ImportTeamFiles(ctx, team.ID, paths, nil)
		if err != nil || len(res.Refused) != 1 || len(res.Imported)+len(res.Same) != 0 {
			t.Fatalf("team import of %v: %+v, %v", paths, res, err)
		}
		check("team import", res.Refused[0].Err)
	}
	if after := dumpTables(t, w); after != before {
		t.Error("a refused FIFO changed the database")
	}
}

func TestImportRefusesDevicesFoldersAndHugeFiles(t *testing.T) {
	ctx := context.Background()
	w := openTemp(t)
	huge := filepath.Join(t.TempDir(), "huge.gapwise.json")
	f, err := os.Create(huge)
	if err != nil {
		t.Fatal(err)
	}
	if err := f.Truncate(3 << 30); err != nil { // sparse: no disk used
		t.Fatal(err)
	}
	f.Close()
	for _, c := range []struct{ path, want string }{
		{"/dev/zero", "is a device, not a file"},
		{t.TempDir(), "is a folder, not a file"},
		{huge, "is 3.0 GiB; an assessment file is at most 10 MiB"},
		{filepath.Join(t.TempDir(), "gone.json"), "does not exist"},
	} {
		_, err := w.ImportAssessmentFile(ctx, c.path)
		if err == nil || !strings.Contains(err.Error(), c.want) {
			t.Errorf("%s: %v, want %q", c.path, err, c.want)
		}
		if errors.Is(err, context.DeadlineExceeded) {
			t.Fatal(err)
		}
	}
}
