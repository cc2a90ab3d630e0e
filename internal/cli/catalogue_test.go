package cli

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func writeFile(t *testing.T, name, text string) string {
	t.Helper()
	p := filepath.Join(t.TempDir(), name)
	if err := os.WriteFile(p, []byte(text), 0o600); err != nil {
		t.Fatal(err)
	}
	return p
}

const cliCatalogue = "Title,Provider,URL,Type,Items\n" +
	"Clinical safety officer training,NHS England,https://learn.example/cso,Course,1.2\n" +
	"Shadow the CCIO,Trust informatics team,,Shadowing,1.1;1.3\n"

// The journey on the command line: import a catalogue, a refused one naming
// its row and column, a second import asking first, a plan drafted from
// the gaps, list and erase.
func TestCatalogueCommands(t *testing.T) {
	db := tempDB(t)
	mustRun := func(args ...string) string {
		t.Helper()
		code, out, errOut := run(t, append([]string{"--db", db}, args...)...)
		if code != ExitOK {
			t.Fatalf("%v: exit %d: %s", args, code, errOut)
		}
		return out
	}
	file := writeFile(t, "courses.csv", cliCatalogue)
	out := mustRun("catalogue", "import", "--framework", "fci", file)
	if !strings.Contains(out, "Imported a learning catalogue of 2 entries for fci@2020-provisional from courses.csv") {
		t.Errorf("import says %q", out)
	}

	// A bad file: exit 1, one line naming the place; the catalogue stays.
	bad := writeFile(t, "bad.csv", "Title,Items\nA,1.1\nB,9.9\n")
	code, _, errOut := run(t, "--db", db, "catalogue", "import", "--framework", "fci", "--replace", bad)
	if code != ExitUser || !strings.Contains(errOut, `bad.csv line 3, column Items: "9.9" is not an item of fci@2020-provisional`) || strings.Count(strings.TrimSpace(errOut), "\n") != 0 {
		t.Errorf("bad file: exit %d, %q", code, errOut)
	}
	// Again without --replace: refused without a terminal, asked on one.
	answering(t, "", false)
	code, _, errOut = run(t, "--db", db, "catalogue", "import", "--framework", "fci", file)
	if code != ExitUser || !strings.Contains(errOut, "add --replace") {
		t.Errorf("second import from a script: exit %d, %q", code, errOut)
	}
	answering(t, "n\n", true)
	if code, _, _ = run(t, "--db", db, "catalogue", "import", "--framework", "fci", file); code != ExitUser {
		t.Errorf("answered no: exit %d", code)
	}
	answering(t, "y\n", true)
	out = mustRun("catalogue", "import", "--framework", "fci", file, "--json")
	var imp catalogueJSON
	if err := json.Unmarshal([]byte(out), &imp); err != nil || imp.Entries != 2 || imp.Replaced == nil || *imp.Replaced != 2 || imp.Framework != "fci@2020-provisional" {
		t.Errorf("replace --json: %v %s", err, out)
	}
	var list []catalogueJSON
	if err := json.Unmarshal([]byte(mustRun("catalogue", "list", "--json")), &list); err != nil || len(list) != 1 || list[0].Source != "courses.csv" {
		t.Errorf("list: %v %+v", err, list)
	}
	var entries []catalogueEntryJSON
	if err := json.Unmarshal([]byte(mustRun("catalogue", "show", "--framework", "fci", "--json")), &entries); err != nil ||
		len(entries) != 2 || entries[1].Activity != "shadowing" || strings.Join(entries[1].Items, ",") != "1.1,1.3" {
		t.Errorf("show: %v %+v", err, entries)
	}

	// A plan drafted from the gaps.
	mustRun("people", "add", "--name", "Sam Jones", "--discipline", "nurse")
	aid := strings.TrimSpace(strings.SplitN(mustRun("assess", "new", "--person", "Sam Jones", "--framework", "fci"), "\n", 2)[0])
	for _, r := range [][3]string{{"1.1", "1", "3"}, {"1.2", "0", "3"}} {
		mustRun("assess", "rate", "--assessment", aid, "--item", r[0], "--level", r[1])
		mustRun("assess", "target", "--assessment", aid, "--item", r[0], "--level", r[2])
	}
	var plan planJSON
	if err := json.Unmarshal([]byte(mustRun("plan", "new", "--assessment", aid, "--from-gaps", "--json")), &plan); err != nil {
		t.Fatal(err)
	}
	if len(plan.Actions) != 2 || !strings.HasPrefix(plan.Actions[0].Objective, `Take "Clinical safety officer training" (NHS England, Course)`) ||
		plan.Actions[0].Activity != "course or qualification" || plan.Actions[1].Items[0] != "1.1" {
		t.Errorf("drafted plan: %+v", plan.Actions)
	}
	out = mustRun("plan", "new", "--assessment", aid, "--from-gaps")
	if !strings.Contains(out, "2 actions drafted for the largest of 2 items below target, using the learning catalogue from courses.csv") {
		t.Errorf("plan new --from-gaps says %q", out)
	}

	// Erasure asks, and the framework version is then free to go.
	answering(t, "", false)
	if code, _, errOut = run(t, "--db", db, "catalogue", "rm", "--framework", "fci@2020-provisional"); code != ExitUser || !strings.Contains(errOut, "add --yes") {
		t.Errorf("rm without --yes: %d %q", code, errOut)
	}
	out = mustRun("catalogue", "rm", "--framework", "fci@2020-provisional", "--yes")
	if !strings.Contains(out, "Deleted the learning catalogue of fci@2020-provisional: 2 entries.") {
		t.Errorf("rm says %q", out)
	}
	if out := mustRun("catalogue", "list"); !strings.Contains(out, "No learning catalogue yet") {
		t.Errorf("list after rm: %q", out)
	}
}

// team draft adds actions for the common gaps, naming no one.
func TestTeamDraft(t *testing.T) {
	db := tempDB(t)
	mustRun := func(args ...string) string {
		t.Helper()
		code, out, errOut := run(t, append([]string{"--db", db}, args...)...)
		if code != ExitOK {
			t.Fatalf("%v: exit %d: %s", args, code, errOut)
		}
		return out
	}
	team := strings.TrimSpace(strings.SplitN(mustRun("team", "create", "--name", "Ward informatics", "--framework", "fci"), "\n", 2)[0])
	for _, name := range []string{"Ann Ash", "Bob Birch", "Cat Cedar"} {
		mustRun("people", "add", "--name", name, "--discipline", "nurse")
		aid := strings.TrimSpace(strings.SplitN(mustRun("assess", "new", "--person", name, "--framework", "fci"), "\n", 2)[0])
		mustRun("assess", "rate", "--assessment", aid, "--item", "1.1", "--level", "1")
		mustRun("team", "add", "--team", team, "--person", name)
	}
	mustRun("team", "target", "--team", team, "--all", "--level", "3")
	out := mustRun("team", "draft", "--team", team, "--workshop")
	if !strings.Contains(out, "Added 1 action to the plan of team Ward informatics") || !strings.Contains(out, "Agree how the team will develop Clinical concepts and language to level 3") {
		t.Errorf("team draft says %q", out)
	}
	for _, name := range []string{"Ann", "Bob", "Cat"} {
		if strings.Contains(out, name) {
			t.Errorf("team draft names %s", name)
		}
	}
	if out := mustRun("team", "draft", "--team", team); !strings.Contains(out, "Nothing to draft: 1 common gap shown, 1 already addressed") {
		t.Errorf("second draft says %q", out)
	}
}
