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
