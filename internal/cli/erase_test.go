package cli

import (
	"bytes"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// answering makes the confirmation prompt read answer from a terminal
// (isTerm) or from a pipe, for the rest of the test.
func answering(t *testing.T, answer string, isTerm bool) {
	t.Helper()
	old := terminal
	terminal = func() (io.Reader, bool) { return strings.NewReader(answer), isTerm }
	t.Cleanup(func() { terminal = old })
}

// TestPeopleRmErasesForReal: after `people rm` the person's name and
// evidence are nowhere in the database file, its -wal or -shm, nor in a
// backup made afterwards.
func TestPeopleRmErasesForReal(t *testing.T) {
	const name, evidence = "Ottoline Vexhammer", "Vexhammer ran the sepsis dashboard pilot"
	db := tempDB(t)
	cli := func(args ...string) string { t.Helper(); return mustRun(t, append([]string{"--db", db}, args...)...) }
	cli("people", "add", "--name", "Kim Lee", "--discipline", "nurse") // stays
	cli("people", "add", "--name", name, "--discipline", "doctor")
	self := firstLine(cli("assess", "new", "--person", name, "--framework", "sfia@9"))
	cli("assess", "rate", "--assessment", self, "--item", "ITSP", "--level", "4", "--evidence", evidence)
	cli("assess", "rate", "--assessment", self, "--item", "DTAN", "--level", "3", "--evidence", strings.Repeat(evidence+" ", 100))
	team := firstLine(cli("team", "create", "--name", "Ward 7", "--framework", "sfia@9"))
	cli("team", "add", "--team", team, "--person", name)
	cli("team", "add", "--team", team, "--person", "Kim Lee")
	plan := firstLine(cli("plan", "new", "--assessment", self, "--title", "Vexhammer's plan"))
	cli("plan", "action", "add", "--plan", plan, "--objective", "Teach", "--evidence", evidence)
	firstLine(cli("appraisal", "start", "--assessment", self, "--appraiser", "Dr Who"))

	contains := func(paths ...string) []string {
		var found []string
		for _, p := range paths {
			data, err := os.ReadFile(p)
			if err != nil && !os.IsNotExist(err) {
				t.Fatal(err)
			}
			for _, mark := range []string{name, evidence, "Vexhammer"} {
				if bytes.Contains(data, []byte(mark)) {
					found = append(found, filepath.Base(p)+": "+mark)
				}
			}
		}
		return found
	}
	files := []string{db, db + "-wal", db + "-shm"}
	if len(contains(files...)) == 0 {
		t.Fatal("the marks are not in the database before erasure: the test proves nothing")
	}
	want := name + ": 2 assessments, 2 ratings, 2 plans, 1 appraisal, member of 1 team"

	// A pipe cannot be asked: refused, with what would go and how to go on.
	answering(t, "yes\n", false)
	code, _, errOut := run(t, "--db", db, "people", "rm", "--person", name)
	if code != ExitUser || !strings.Contains(errOut, "add --yes") || !strings.Contains(errOut, want) {
		t.Errorf("without a terminal: exit %d %q; want exit 1 saying what would go and to add --yes", code, errOut)
	}
	// A terminal answered "no" (or nothing) keeps everything.
	for _, answer := range []string{"n\n", "\n", ""} {
		answering(t, answer, true)
		code, _, errOut = run(t, "--db", db, "people", "rm", "--person", name)
		if code != ExitUser || !strings.Contains(errOut, "This deletes "+want) || !strings.Contains(errOut, "nothing deleted") {
			t.Errorf("answer %q: exit %d %q", answer, code, errOut)
		}
	}
	if out := cli("people", "list"); !strings.Contains(out, name) {
		t.Fatal("the person went without a yes")
	}

	answering(t, "yes\n", true)
	out := cli("people", "rm", "--person", name)
	if out != "Deleted "+want+".\n" {
		t.Errorf("people rm said %q", out)
	}
	if found := contains(files...); len(found) > 0 {
		t.Errorf("after people rm: %v", found)
	}
	backup := filepath.Join(t.TempDir(), "after.db")
	cli("db", "backup", backup)
	if found := contains(backup); len(found) > 0 {
		t.Errorf("backup after people rm: %v", found)
	}
	if out := cli("people", "list"); strings.Contains(out, name) || !strings.Contains(out, "Kim Lee") {
		t.Errorf("people list after rm:\n%s", out)
	}
	code, _, errOut = run(t, "--db", db, "people", "rm", "--person", name, "--yes")
	if code != ExitUser || !strings.Contains(errOut, "no person") {
		t.Errorf("rm again: exit %d %q", code, errOut)
	}
}

func TestRmCommands(t *testing.T) {
	db := tempDB(t)
	cli := func(args ...string) string { t.Helper(); return mustRun(t, append([]string{"--db", db}, args...)...) }
	fails := failsOn(t, db)
	answering(t, "", false)
	cli("people", "add", "--name", "Ada Lovelace", "--discipline", "nurse")
	self := firstLine(cli("assess", "new", "--person", "Ada Lovelace", "--framework", "sfia@9"))
	cli("assess", "rate", "--assessment", self, "--item", "ITSP", "--level", "4")
	spare := firstLine(cli("assess", "new", "--person", "Ada Lovelace", "--framework", "sfia@9"))
	ap := firstLine(cli("appraisal", "start", "--assessment", self, "--appraiser", "Dr Who"))
	team := firstLine(cli("team", "create", "--name", "Ward 7", "--framework", "sfia@9"))
	cli("team", "add", "--team", team, "--person", "Ada Lovelace")

	fails(2, "needs --assessment", "assess", "rm")
	fails(2, "takes no arguments", "assess", "rm", "x", "--assessment", self)
	fails(1, "delete the appraisal first", "assess", "rm", "--assessment", self, "--yes")
	fails(1, "add --yes", "assess", "rm", "--assessment", spare)
	fails(1, "not found", "plan", "rm", "--plan", "nope", "--yes")
	fails(2, "needs --team ID and --person", "team", "remove", "--team", team)

	if out := cli("assess", "rm", "--assessment", spare, "--yes"); !strings.HasPrefix(out, "Deleted Ada Lovelace's self-assessment against SFIA 9 (") ||
		!strings.HasSuffix(out, "): 0 ratings, 0 targets.\n") {
		t.Errorf("assess rm: %q", out)
	}
	if out := cli("appraisal", "rm", "--appraisal", ap, "--yes"); !strings.Contains(out, "appraisal with Dr Who: 0 item notes") {
		t.Errorf("appraisal rm: %q", out)
	}
	if out := cli("team", "remove", "--team", "Ward 7", "--person", "Ada Lovelace"); out != "Removed Ada Lovelace in team Ward 7: no longer a member; their assessments stay.\n" {
		t.Errorf("team remove: %q", out)
	}
	fails(1, "not a member", "team", "remove", "--team", team, "--person", "Ada Lovelace")
	if out := cli("team", "rm", "--team", "Ward 7", "--yes"); out != "Deleted team Ward 7: 0 team plans, 0 actions, 0 team targets; 0 members stay, with their assessments.\n" {
		t.Errorf("team rm: %q", out)
	}
	plans := decode[[]planJSON](t, cli("plan", "list", "--person", "Ada Lovelace", "--json"))
	if len(plans) != 1 {
		t.Fatalf("plans: %+v", plans)
	}
	if out := cli("plan", "rm", "--plan", plans[0].ID, "--yes"); !strings.HasPrefix(out, "Deleted plan ") || !strings.HasSuffix(out, "(Ada Lovelace): 0 actions.\n") {
		t.Errorf("plan rm: %q", out)
	}
}

func TestDemoRemoveCountsWhatGoes(t *testing.T) {
	db := tempDB(t)
	mustRun(t, "--db", db, "demo")
	out := mustRun(t, "--db", db, "demo", "--remove")
	if !strings.HasPrefix(out, "Removed sample data: 8 fictional people, 1 team, ") || !strings.HasSuffix(out, "; your own data is not touched.\n") {
		t.Errorf("demo --remove: %q", out)
	}
}
