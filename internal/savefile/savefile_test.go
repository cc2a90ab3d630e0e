package savefile

import (
	"errors"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"sort"
	"strings"
	"testing"
	"time"

	"gapwise/internal/model"
)

// names lists a folder.
func names(t *testing.T, dir string) []string {
	t.Helper()
	es, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	var out []string
	for _, e := range es {
		out = append(out, e.Name())
	}
	sort.Strings(out)
	return out
}

func TestSaveNewFileWritesAPrivateWholeFile(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "team.csv")
	if err := SaveNewFile(path, func(w io.Writer) error { _, err := io.WriteString(w, "a,b\n"); return err }); err != nil {
		t.Fatal(err)
	}
	data, err := os.ReadFile(path)
	if err != nil || string(data) != "a,b\n" {
		t.Fatalf("file holds %q, %v", data, err)
	}
	if fi, _ := os.Stat(path); runtime.GOOS != "windows" && fi.Mode().Perm() != 0o600 {
		t.Errorf("mode %v, want 0600", fi.Mode().Perm())
	}
	if got := names(t, dir); len(got) != 1 {
		t.Errorf("folder holds %v, want only the file", got)
	}
}

func TestSaveNewFileNeverOverwrites(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "plan.pdf")
	os.WriteFile(path, []byte("mine"), 0o644)
	called := false
	err := SaveNewFile(path, func(w io.Writer) error { called = true; return nil })
	if model.KindOf(err) != model.Conflict || called {
		t.Errorf("existing file: %v (render called: %v); want Conflict before rendering", err, called)
	}
	// The name appears while rendering: still not replaced.
	late := filepath.Join(dir, "late.pdf")
	err = SaveNewFile(late, func(w io.Writer) error {
		io.WriteString(w, "ours")
		return os.WriteFile(late, []byte("theirs"), 0o644)
	})
	if model.KindOf(err) != model.Conflict {
		t.Errorf("name taken while rendering: %v; want Conflict", err)
	}
	for p, want := range map[string]string{path: "mine", late: "theirs"} {
		if data, _ := os.ReadFile(p); string(data) != want {
			t.Errorf("%s holds %q, want %q", filepath.Base(p), data, want)
		}
	}
	if got := names(t, dir); strings.Join(got, " ") != "late.pdf plan.pdf" {
		t.Errorf("folder holds %v", got)
	}
}

// A render that fails or panics half-way leaves nothing at all.
func TestSaveNewFileLeavesNothingOnFailure(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "report.pdf")
	boom := errors.New("boom")
	halfway := func(w io.Writer) {
		io.WriteString(w, strings.Repeat("x", 100_000)) // past any buffer, onto disk
	}
	if err := SaveNewFile(path, func(w io.Writer) error { halfway(w); return boom }); !errors.Is(err, boom) {
		t.Errorf("error %v, want the render's", err)
	}
	func() {
		defer func() {
			if r := recover(); r != "render panicked" {
				t.Errorf("recovered %v; the panic must reach the caller", r)
			}
		}()
		SaveNewFile(path, func(w io.Writer) error { halfway(w); panic("render panicked") })
	}()
	err := SaveNewFileAt(path, func(tmp string) error {
		os.WriteFile(tmp+"-journal", []byte("j"), 0o600) // as SQLite leaves one
		return boom
	})
	if !errors.Is(err, boom) {
		t.Errorf("SaveNewFileAt: %v", err)
	}
	if got := names(t, dir); len(got) != 0 {
		t.Errorf("folder holds %v after failures, want nothing", got)
	}
}

// deadPID is the id of a process that has exited.
func deadPID(t *testing.T) int {
	t.Helper()
	if runtime.GOOS == "windows" {
		t.Skip("process liveness is not checked on Windows")
	}
	cmd := exec.Command(os.Args[0], "-test.run=^$")
	if err := cmd.Run(); err != nil {
		t.Fatal(err)
	}
	return cmd.Process.Pid
}

func TestCleanRemovesOnlyStaleLeftoversOfOurs(t *testing.T) {
	dir := t.TempDir()
	dead := deadPID(t)
	write := func(name string, age time.Duration) {
		p := filepath.Join(dir, name)
		if err := os.WriteFile(p, []byte("x"), 0o600); err != nil {
			t.Fatal(err)
		}
		at := time.Now().Add(-age)
		os.Chtimes(p, at, at)
	}
	gone := []string{
		fmt.Sprintf("team.pdf.gapwise-partial-%d-0badcafe", dead),          // its process has gone
		fmt.Sprintf("backup.db.gapwise-partial-%d-0badcafe-journal", dead), // and SQLite's file beside it
		fmt.Sprintf("a.csv.gapwise-partial-%d-12345678", os.Getppid()),     // a live process, but a day old
		".gapwise-report-123456.tmp",                                       // an earlier version's, an hour old
		".gapwise-write-test-987",
	}
	kept := []string{
		fmt.Sprintf("b.csv.gapwise-partial-%d-12345678", os.Getppid()), // a live process's, fresh
		".gapwise-report-555.tmp",                                      // an earlier version's, fresh
		"notes.gapwise-partial-1-xyz",                                  // not our pattern
		fmt.Sprintf("c.pdf.gapwise-partial-%d-0badcafe.bak", dead),     // not our pattern
		"report.pdf",
	}
	for _, n := range gone[:2] {
		write(n, time.Minute)
	}
	write(gone[2], 25*time.Hour)
	write(gone[3], 2*time.Hour)
	write(gone[4], 2*time.Hour)
	for _, n := range kept {
		write(n, time.Minute)
	}
	// The next save into the folder tidies it.
	if err := SaveNewFile(filepath.Join(dir, "new.pdf"), func(w io.Writer) error { return nil }); err != nil {
		t.Fatal(err)
	}
	want := append(append([]string{}, kept...), "new.pdf")
	sort.Strings(want)
	if got := names(t, dir); strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("folder after the save:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
}

// A save killed part-way (kill -9 of a real process while it renders)
// leaves no file under the target's name, and the next run removes what it
// left.
func TestKilledSaveIsCleanedByTheNextRun(t *testing.T) {
	if os.Getenv("SAVEFILE_CHILD") != "" {
		SaveNewFile(os.Getenv("SAVEFILE_CHILD"), func(w io.Writer) error {
			io.WriteString(w, strings.Repeat("half a report ", 10_000))
			time.Sleep(time.Minute) // killed here
			return nil
		})
		return
	}
	if runtime.GOOS == "windows" {
		t.Skip("process liveness is not checked on Windows")
	}
	dir := t.TempDir()
	target := filepath.Join(dir, "team.pdf")
	cmd := exec.Command(os.Args[0], "-test.run=^TestKilledSaveIsCleanedByTheNextRun$")
	cmd.Env = append(os.Environ(), "SAVEFILE_CHILD="+target)
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	deadline := time.Now().Add(30 * time.Second)
	for {
		if got := names(t, dir); len(got) == 1 && strings.Contains(got[0], marker) {
			if fi, err := os.Stat(filepath.Join(dir, got[0])); err == nil && fi.Size() > 0 {
				break
			}
		}
		if time.Now().After(deadline) {
			cmd.Process.Kill()
			t.Fatal("the child never started writing")
		}
		time.Sleep(10 * time.Millisecond)
	}
	cmd.Process.Kill()
	cmd.Wait()
	left := names(t, dir)
	if len(left) != 1 || left[0] == "team.pdf" || !strings.HasPrefix(left[0], "team.pdf"+marker) || strings.HasPrefix(left[0], ".") {
		t.Fatalf("after the kill the folder holds %v; want one visible temporary file named after the target", left)
	}
	if err := SaveNewFile(target, func(w io.Writer) error { _, err := io.WriteString(w, "whole"); return err }); err != nil {
		t.Fatalf("retry: %v", err)
	}
	if got := names(t, dir); strings.Join(got, " ") != "team.pdf" {
		t.Errorf("after the retry the folder holds %v; want only team.pdf", got)
	}
}

func TestProbeLeavesNothing(t *testing.T) {
	dir := t.TempDir()
	if err := Probe(dir, "gapwise.db"); err != nil {
		t.Fatal(err)
	}
	if got := names(t, dir); len(got) != 0 {
		t.Errorf("folder holds %v", got)
	}
	if err := Probe(filepath.Join(dir, "missing"), "gapwise.db"); err == nil {
		t.Error("probe of a missing folder succeeded")
	}
}

func TestReplaceFileReplacesWholeOnlyWhenDone(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "Gapwise plan - 2026-12-01.pdf")
	if err := os.WriteFile(path, []byte("the old plan"), 0o644); err != nil {
		t.Fatal(err)
	}
	// While the new file is being written, the old one is still whole.
	err := ReplaceFile(path, func(w io.Writer) error {
		if data, _ := os.ReadFile(path); string(data) != "the old plan" {
			t.Errorf("while rendering, the file holds %q: the old one was touched before the new one was ready", data)
		}
		_, err := io.WriteString(w, "the new plan")
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	if data, _ := os.ReadFile(path); string(data) != "the new plan" {
		t.Errorf("after replacing, the file holds %q", data)
	}
	if fi, _ := os.Stat(path); runtime.GOOS != "windows" && fi.Mode().Perm() != 0o600 {
		t.Errorf("mode %v, want 0600", fi.Mode().Perm())
	}
	if got := names(t, dir); len(got) != 1 {
		t.Errorf("folder holds %v, want only the file", got)
	}
}

func TestReplaceFileKeepsTheOldFileOnFailure(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "team.xlsx")
	os.WriteFile(path, []byte("keep me"), 0o600)
	for name, render := range map[string]func(io.Writer) error{
		"error": func(w io.Writer) error { io.WriteString(w, "half"); return errors.New("the database went away") },
		"panic": func(w io.Writer) error { io.WriteString(w, "half"); panic("boom") },
	} {
		t.Run(name, func(t *testing.T) {
			func() {
				defer func() { recover() }()
				if err := ReplaceFile(path, render); err == nil {
					t.Error("a failed render reported success")
				}
			}()
			if data, _ := os.ReadFile(path); string(data) != "keep me" {
				t.Errorf("after a failed replace the file holds %q", data)
			}
			if got := names(t, dir); len(got) != 1 {
				t.Errorf("folder holds %v, want only the old file", got)
			}
		})
	}
}

func TestReplaceFileRefusesFoldersAndLinks(t *testing.T) {
	dir := t.TempDir()
	folder := filepath.Join(dir, "reports")
	os.Mkdir(folder, 0o700)
	if err := ReplaceFile(folder, func(w io.Writer) error { return nil }); model.KindOf(err) != model.Invalid {
		t.Errorf("replacing a folder: %v, want Invalid", err)
	}
	if runtime.GOOS == "windows" {
		return
	}
	target := filepath.Join(dir, "elsewhere.pdf")
	os.WriteFile(target, []byte("someone else's"), 0o600)
	link := filepath.Join(dir, "plan.pdf")
	if err := os.Symlink(target, link); err != nil {
		t.Skip(err)
	}
	if err := ReplaceFile(link, func(w io.Writer) error { return nil }); model.KindOf(err) != model.Invalid {
		t.Errorf("replacing a link: %v, want Invalid", err)
	}
	if data, _ := os.ReadFile(target); string(data) != "someone else's" {
		t.Errorf("the link's target now holds %q", data)
	}
}

func TestReplaceFileCreatesAMissingFile(t *testing.T) {
	path := filepath.Join(t.TempDir(), "new.csv")
	if err := ReplaceFile(path, func(w io.Writer) error { _, err := io.WriteString(w, "x"); return err }); err != nil {
		t.Fatal(err)
	}
	if data, _ := os.ReadFile(path); string(data) != "x" {
		t.Errorf("file holds %q", data)
	}
}
