package store

import (
	"bufio"
	"context"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	"gapwise/internal/model"
)

// Environment switches that turn the test binary into the crash child.
const (
	crashDBEnv         = "GAPWISE_STORE_CRASH_DB"
	crashAssessmentEnv = "GAPWISE_STORE_CRASH_ASSESSMENT"
)

func TestMain(m *testing.M) {
	if path := os.Getenv(crashDBEnv); path != "" {
		crashChild(path, os.Getenv(crashAssessmentEnv))
		return
	}
	if path := os.Getenv(crashImportEnv); path != "" {
		crashImportChild(path)
		return
	}
	dir, err := os.MkdirTemp("", "gapwise-checked-")
	if err != nil {
		panic(err)
	}
	checkCacheDir = func() (string, error) { return dir, nil }
	code := m.Run()
	os.RemoveAll(dir)
	os.Exit(code)
}

const crashItems = 2000

func crashItemID(i int) string { return fmt.Sprintf("K%04d", i) }

// crashChild rates items forever, printing each item once SetRating has
// returned, until its parent kills it.
func crashChild(path, assessmentID string) {
	ctx := context.Background()
	s, err := Open(ctx, path)
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(3)
	}
	for k := 0; ; k++ {
		item := crashItemID(k % crashItems)
		level := k/crashItems%3 + 1
		if err := s.SetRating(ctx, assessmentID, model.Rating{Item: item, Level: level, Evidence: strings.Repeat("e", 200)}); err != nil {
			fmt.Fprintln(os.Stderr, err)
			os.Exit(4)
		}
		fmt.Printf("committed %s %d\n", item, level)
	}
}

// TestCrashSafety kills a writer mid-stream with SIGKILL and checks that
// the database opens cleanly with every rating the writer reported saved.
func TestCrashSafety(t *testing.T) {
	if testing.Short() {
		t.Skip("spawns a child process")
	}
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "gapwise.db")
	var ids []string
	for i := range crashItems {
		ids = append(ids, crashItemID(i))
	}
	s, err := Open(ctx, path)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := s.SeedPacks(ctx, []PackData{packOf(t, tinyFramework("1", ids...))}); err != nil {
		t.Fatal(err)
	}
	_, a := newAssessment(t, s)
	s.Close()

	runCtx, cancel := context.WithTimeout(ctx, 2*time.Minute)
	defer cancel()
	cmd := exec.CommandContext(runCtx, os.Args[0], "-test.run=^$")
	cmd.Env = append(os.Environ(), crashDBEnv+"="+path, crashAssessmentEnv+"="+a.ID)
	var stderr strings.Builder
	cmd.Stderr = &stderr
	out, err := cmd.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	committed := map[string]int{}
	lines := 0
	sc := bufio.NewScanner(out)
	for sc.Scan() {
		f := strings.Fields(sc.Text())
		if len(f) != 3 || f[0] != "committed" {
			continue
		}
		lv, _ := strconv.Atoi(f[2])
		committed[f[1]] = lv
		if lines++; lines == 150 {
			cmd.Process.Kill() // SIGKILL: no deferred code, no Close, no checkpoint
		}
	}
	err = cmd.Wait()
	if lines < 150 {
		t.Fatalf("child stopped after %d ratings: %v\n%s", lines, err, stderr.String())
	}
	if lines >= crashItems {
		t.Fatalf("child wrote %d ratings before dying; the test needs items it has not yet rewritten", lines)
	}
	if _, err := os.Stat(path + "-wal"); err != nil {
		t.Logf("no -wal after the kill (%v); the crash left less to recover than expected", err)
	}

	s = openAt(t, path)
	if problems, err := s.Check(ctx); err != nil || len(problems) > 0 {
		t.Fatalf("Check after crash: %v, %v", problems, err)
	}
	got := map[string]int{}
	for _, r := range mustRatings(t, s, a.ID) {
		got[r.Item] = r.Level
	}
	for item, lv := range committed {
		if got[item] != lv {
			t.Errorf("%s: reported saved at level %d, found %d after the crash", item, lv, got[item])
		}
	}
	t.Logf("child reported %d ratings saved before and after the kill; %d found", lines, len(got))
}
