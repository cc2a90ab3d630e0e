package cli

import (
	"bytes"
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// run executes one command line in-process.
func run(t *testing.T, args ...string) (code int, stdout, stderr string) {
	t.Helper()
	var out, errb bytes.Buffer
	code = Run(context.Background(), args, &out, &errb)
	return code, out.String(), errb.String()
}

func tempDB(t *testing.T) string {
	t.Helper()
	t.Setenv("GAPWISE_DB", "")
	return filepath.Join(t.TempDir(), "gapwise.db")
}

func TestFrameworksListJSONReportsThePackFigures(t *testing.T) {
	db := tempDB(t)
	code, out, errOut := run(t, "--db", db, "frameworks", "list", "--json")
	if code != ExitOK {
		t.Fatalf("exit %d: %s", code, errOut)
	}
	var got []frameworkJSON
	if err := json.Unmarshal([]byte(out), &got); err != nil {
		t.Fatalf("output is not JSON: %v\n%s", err, out)
	}
	want := map[string]frameworkJSON{
		"ddat@2025-q3":         {Items: 188, Groups: 0, Levels: 4, Roles: 52, RoleLevels: 201, Requirements: 1809, LevelDescriptors: 604}, // 1,825 official rows, 16 of them exact duplicates,
		"sfia@9":               {Items: 147, Groups: 28, Levels: 7, LevelDescriptors: 672, Attributes: 16},
		"sfia@8":               {Items: 121, Groups: 25, Levels: 7, LevelDescriptors: 495},
		"fci@2020-provisional": {Items: 36, Groups: 6, Levels: 5, Provisional: true},
	}
	if len(got) != len(want) {
		t.Fatalf("%d framework versions listed, want %d", len(got), len(want))
	}
	for _, g := range got {
		w, ok := want[g.Ref]
		if !ok {
			t.Errorf("unexpected framework %s", g.Ref)
			continue
		}
		if g.Items != w.Items || g.Groups != w.Groups || g.Levels != w.Levels || g.Roles != w.Roles ||
			g.RoleLevels != w.RoleLevels || g.Requirements != w.Requirements ||
			g.LevelDescriptors != w.LevelDescriptors || g.Provisional != w.Provisional || g.Attributes != w.Attributes {
			t.Errorf("%s figures = %+v, want %+v", g.Ref, g, w)
		}
		if g.Licence == "" || g.Attribution == "" || g.ID+"@"+g.Version != g.Ref {
			t.Errorf("%s: licence/attribution/ref incomplete: %+v", g.Ref, g)
		}
	}
}

func TestFrameworksShowPrintsEveryLevelAndTheAcknowledgement(t *testing.T) {
	db := tempDB(t)
	code, out, errOut := run(t, "--db", db, "frameworks", "show", "sfia@9", "--item", "ITSP")
	if code != ExitOK {
		t.Fatalf("exit %d: %s", code, errOut)
	}
	for _, want := range []string{"Strategic planning", "Level 4", "Level 7", "with the permission of the SFIA Foundation"} {
		if !strings.Contains(out, want) {
			t.Errorf("output lacks %q", want)
		}
	}
	if strings.Contains(out, "Level 1 ") {
		t.Error("ITSP shown at level 1, where SFIA does not define it")
	}
	code, out, _ = run(t, "--db", db, "frameworks", "show", "fci")
	if code != ExitOK || !strings.Contains(out, "PROVISIONAL") {
		t.Errorf("FCI shown without its provisional flag (exit %d)", code)
	}
}

func TestRolesListDDaT(t *testing.T) {
	db := tempDB(t)
	code, out, errOut := run(t, "--db", db, "roles", "list", "--framework", "ddat", "--json")
	if code != ExitOK {
		t.Fatalf("exit %d: %s", code, errOut)
	}
	var rows []roleLevelJSON
	if err := json.Unmarshal([]byte(out), &rows); err != nil {
		t.Fatal(err)
	}
	levels := 0
	found := false
	for _, r := range rows {
		if r.RoleLevel != "" {
			levels++
		}
		if r.RoleLevel == "data/data-analyst/senior-data-analyst" {
			found = r.Requirements > 0 && r.RoleFamily == "Data"
		}
	}
	if levels != 201 {
		t.Errorf("%d role levels listed, want 201", levels)
	}
	if !found {
		t.Error("senior data analyst missing or without skills")
	}
}

func TestExitStatusesAndOneLineErrors(t *testing.T) {
	dir := t.TempDir()
	t.Setenv("GAPWISE_DB", "")
	notDB := filepath.Join(dir, "notes.db")
	original := []byte("these are my meeting notes, not a database\n")
	if err := os.WriteFile(notDB, original, 0o644); err != nil {
		t.Fatal(err)
	}
	cases := []struct {
		name string
		args []string
		code int
	}{
		{"no command", nil, ExitUsage},
		{"unknown command", []string{"frobnicate"}, ExitUsage},
		{"unknown flag", []string{"frameworks", "list", "--jsn"}, ExitUsage},
		{"show without a framework", []string{"--db", filepath.Join(dir, "a.db"), "frameworks", "show"}, ExitUsage},
		{"unknown framework", []string{"--db", filepath.Join(dir, "a.db"), "frameworks", "show", "itil@4"}, ExitUser},
		{"not a database", []string{"--db", notDB, "frameworks", "list"}, ExitUser},
		{"help", []string{"--help"}, ExitOK},
		{"version", []string{"version"}, ExitOK},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			code, _, errOut := run(t, c.args...)
			if code != c.code {
				t.Fatalf("exit %d, want %d (stderr %q)", code, c.code, errOut)
			}
			if code == ExitUser && strings.Count(strings.TrimRight(errOut, "\n"), "\n") != 0 {
				t.Errorf("user error is not one line: %q", errOut)
			}
		})
	}
	after, _ := os.ReadFile(notDB)
	if !bytes.Equal(after, original) {
		t.Error("the user's non-database file was modified")
	}
}

func TestDBInitCheckAndBackup(t *testing.T) {
	db := tempDB(t)
	if code, out, errOut := run(t, "--db", db, "db", "init"); code != ExitOK || !strings.Contains(out, "4 framework versions") {
		t.Fatalf("db init: exit %d %q %q", code, out, errOut)
	}
	if code, out, _ := run(t, "--db", db, "db", "check"); code != ExitOK || !strings.HasPrefix(out, "ok") {
		t.Fatalf("db check on a fresh database: exit %d %q", code, out)
	}
	backup := filepath.Join(t.TempDir(), "backup.db")
	if code, _, errOut := run(t, "--db", db, "db", "backup", backup); code != ExitOK {
		t.Fatalf("backup: exit %d %s", code, errOut)
	}
	if code, out, _ := run(t, "--db", backup, "frameworks", "list"); code != ExitOK || !strings.Contains(out, "sfia@9") {
		t.Errorf("the backup does not open as a Gapwise database (exit %d)", code)
	}
	before, _ := os.ReadFile(backup)
	code, _, errOut := run(t, "--db", db, "db", "backup", backup)
	if code != ExitUser || !strings.Contains(errOut, backup) {
		t.Errorf("backup over an existing file: exit %d %q; want refusal naming the file", code, errOut)
	}
	after, _ := os.ReadFile(backup)
	if !bytes.Equal(before, after) {
		t.Error("an existing backup file was overwritten")
	}
}

// TestWarnsAboutASyncedFolder: a database in a OneDrive folder still opens,
// with one warning line on stderr saying what to do; stdout (which scripts
// parse) is untouched.
func TestWarnsAboutASyncedFolder(t *testing.T) {
	t.Setenv("GAPWISE_DB", "")
	dir := filepath.Join(t.TempDir(), "OneDrive - Example NHS Trust")
	os.MkdirAll(dir, 0o700)
	code, out, errOut := run(t, "--db", filepath.Join(dir, "gapwise.db"), "people", "list", "--json")
	if code != ExitOK || !strings.HasPrefix(strings.TrimSpace(out), "[") {
		t.Fatalf("exit %d, out %q: %s", code, out, errOut)
	}
	if !strings.Contains(errOut, "warning: ") || !strings.Contains(errOut, "OneDrive synchronises") ||
		!strings.Contains(errOut, "--db") || strings.Count(strings.TrimSpace(errOut), "\n") != 0 {
		t.Errorf("stderr %q: want one warning line naming OneDrive and what to do", errOut)
	}
	_, _, errOut = run(t, "--db", tempDB(t), "people", "list")
	if errOut != "" {
		t.Errorf("a database in a local folder gets a warning: %q", errOut)
	}
}
