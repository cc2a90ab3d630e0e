package cli

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestExportImportBetweenDatabases(t *testing.T) {
	a := tempDB(t)
	code, out, errOut := run(t, "--db", a, "people", "add", "--name", "Zoë Ødegård-Nęść", "--discipline", "ahp")
	if code != ExitOK {
		t.Fatalf("people add: %d %s", code, errOut)
	}
	person := strings.TrimSpace(out)
	code, out, errOut = run(t, "--db", a, "assess", "new", "--person", person, "--framework", "ddat")
	if code != ExitOK {
		t.Fatalf("assess new: %d %s", code, errOut)
	}
	id := strings.Fields(out)[0]
	for _, args := range [][]string{
		{"--item", "accessibility", "--level", "2", "--evidence", "Ran the accessibility audit"},
		{"--item", "agile-working", "--level", "0"},
	} {
		if code, _, errOut := run(t, append([]string{"--db", a, "assess", "rate", "--assessment", id}, args...)...); code != ExitOK {
			t.Fatalf("assess rate %v: %s", args, errOut)
		}
	}
	file := filepath.Join(t.TempDir(), "zoe.gapwise.json")
	if code, _, errOut := run(t, "--db", a, "assess", "export", "--assessment", id, "--out", file); code != ExitOK {
		t.Fatalf("export: %s", errOut)
	}
	if code, _, errOut := run(t, "--db", a, "assess", "export", "--assessment", id, "--out", file); code != ExitUser || !strings.Contains(errOut, "already exists") {
		t.Errorf("export over an existing file: exit %d %q", code, errOut)
	}

	b := filepath.Join(t.TempDir(), "second.db")
	code, out, errOut = run(t, "--db", b, "assess", "import", file, "--json")
	if code != ExitOK {
		t.Fatalf("import: %d %s", code, errOut)
	}
	var res []importJSON
	if err := json.Unmarshal([]byte(out), &res); err != nil || len(res) != 1 || res[0].Outcome != "added" || res[0].Ratings != 2 {
		t.Fatalf("import result %s (%v)", out, err)
	}
	code, out, _ = run(t, "--db", b, "assess", "show", "--assessment", id, "--json")
	if code != ExitOK || !strings.Contains(out, "Ran the accessibility audit") || !strings.Contains(out, "Zoë Ødegård-Nęść") {
		t.Errorf("the imported assessment lost its ratings or person:\n%s", out)
	}
	if code, out, _ := run(t, "--db", b, "assess", "import", file); code != ExitOK || !strings.Contains(out, "Already up to date") {
		t.Errorf("second import: exit %d %q", code, out)
	}

	bad := filepath.Join(t.TempDir(), "bad.gapwise.json")
	data, _ := os.ReadFile(file)
	os.WriteFile(bad, []byte(strings.Replace(string(data), `"accessibility"`, `"no-such-skill"`, 1)), 0o600)
	code, out, errOut = run(t, "--db", b, "assess", "import", bad, file)
	if code != ExitUser || !strings.Contains(out, "no-such-skill") || !strings.Contains(errOut, "1 of 2") {
		t.Errorf("a folder of one bad and one good file: exit %d, out %q, err %q", code, out, errOut)
	}
}

// A file carrying Sam's id under another name is refused, naming both,
// with how to accept it; --accept-person-update takes the file's details.
func TestImportRefusesAnImpostorUnlessAccepted(t *testing.T) {
	db := tempDB(t)
	code, out, errOut := run(t, "--db", db, "people", "add", "--name", "Sam Jones", "--discipline", "nurse")
	if code != ExitOK {
		t.Fatalf("people add: %s", errOut)
	}
	person := strings.TrimSpace(out)
	code, out, errOut = run(t, "--db", db, "assess", "new", "--person", person, "--framework", "ddat")
	if code != ExitOK {
		t.Fatalf("assess new: %s", errOut)
	}
	id := strings.Fields(out)[0]
	code, out, errOut = run(t, "--db", db, "assess", "export", "--assessment", id)
	if code != ExitOK {
		t.Fatalf("export: %s", errOut)
	}
	spoof := strings.Replace(strings.Replace(out, `"name": "Sam Jones"`, `"name": "Mallory Other"`, 1), `"discipline": "nurse"`, `"discipline": "pharmacist"`, 1)
	spoof = strings.Replace(spoof, id, "5f0c1a2b-3c4d-4e5f-8a9b-0c1d2e3f4a5b", 1)
	file := filepath.Join(t.TempDir(), "mallory.gapwise.json")
	if err := os.WriteFile(file, []byte(spoof), 0o600); err != nil {
		t.Fatal(err)
	}
	code, out, errOut = run(t, "--db", db, "assess", "import", file)
	if code != ExitUser || !strings.Contains(out, `is "Mallory Other" (pharmacist), but in this database `+person+` is "Sam Jones" (nurse)`) ||
		!strings.Contains(out, "--accept-person-update") {
		t.Fatalf("impostor: exit %d\n%s\n%s", code, out, errOut)
	}
	if _, out, _ := run(t, "--db", db, "people", "list"); !strings.Contains(out, "Sam Jones") || strings.Contains(out, "Mallory") {
		t.Errorf("people after a refusal:\n%s", out)
	}
	code, out, errOut = run(t, "--db", db, "assess", "import", "--accept-person-update", "--json", file)
	if code != ExitOK || !strings.Contains(out, `"person_updated": true`) || !strings.Contains(out, `"person": "Mallory Other"`) {
		t.Fatalf("accepted: exit %d\n%s\n%s", code, out, errOut)
	}
	if _, out, _ := run(t, "--db", db, "people", "list"); !strings.Contains(out, "Mallory Other") {
		t.Errorf("people after accepting:\n%s", out)
	}
}

// The CLI's forms apply the same character rule as imports.
func TestPeopleAddRefusesHiddenCharacters(t *testing.T) {
	db := tempDB(t)
	for _, c := range []struct{ name, want string }{
		{"Corpus\u200bPerson", `the name holds an invisible zero-width space (U+200B) after "Corpus"`},
		{"Sam \u202eenoJ", "the name holds a bidirectional override (U+202E)"},
		{"S\u0430m Jones", "another alphabet"},
	} {
		code, _, errOut := run(t, "--db", db, "people", "add", "--name", c.name, "--discipline", "nurse")
		if code != ExitUser || !strings.Contains(errOut, c.want) {
			t.Errorf("people add %q: exit %d %q", c.name, code, errOut)
		}
	}
	if code, _, errOut := run(t, "--db", db, "team", "create", "--name", "Ward\u2066 team", "--framework", "fci"); code != ExitUser || !strings.Contains(errOut, "team name holds a bidirectional control") {
		t.Errorf("team create: exit %d %q", code, errOut)
	}
	if _, out, _ := run(t, "--db", db, "people", "list"); strings.Contains(out, "Corpus") || strings.Contains(out, "Sam") {
		t.Errorf("a refused person was added:\n%s", out)
	}
}
