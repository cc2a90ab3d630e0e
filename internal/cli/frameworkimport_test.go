package cli

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

const (
	ddatRoleCSV  = "../../frameworks/src/ddat/role_content_capability_framework.csv"
	ddatSkillCSV = "../../frameworks/src/ddat/skill_description_content_capability_framework.csv"
)

// A pack with no attribution, for the --licence/--attribution path.
const acmePack = `{"format": "gapwise.pack", "format_version": 1, "id": "acme", "version": "1",
 "name": "Acme skills", "publisher": "Acme NHS Trust", "licence": "Internal use only", "provisional": false,
 "scale": {"levels": [{"value": 1, "name": "Aware"}, {"value": 2, "name": "Able"}]},
 "items": [{"id": "DQ1", "title": "Checking data quality", "levels": [1, 2]}]}`

func TestFrameworksImportAndRemove(t *testing.T) {
	db := tempDB(t)
	dir := t.TempDir()
	acme := filepath.Join(dir, "acme@1.json")
	if err := os.WriteFile(acme, []byte(acmePack), 0o600); err != nil {
		t.Fatal(err)
	}
	bad := filepath.Join(dir, "bad.json")
	if err := os.WriteFile(bad, []byte(strings.Replace(acmePack, `"levels": [1, 2]}`, `"levels": [1, 9]}`, 1)), 0o600); err != nil {
		t.Fatal(err)
	}
	count := func() int {
		return len(decode[[]frameworkJSON](t, mustRun(t, "--db", db, "frameworks", "list", "--json")))
	}
	before := count()

	// Refusals leave the database as it was: a bad pack beside a good one
	// stores neither.
	for _, tc := range []struct {
		args []string
		code int
		want string
	}{
		{[]string{"frameworks", "import"}, ExitUsage, "needs at least one FILE"},
		{[]string{"frameworks", "import", "--format", "docx", acme}, ExitUsage, `--format "docx" is not one of`},
		{[]string{"frameworks", "import", acme, bad}, ExitUser, `bad.json: pack acme@1: item "DQ1": level 9 is not on the scale`},
		// acme is valid, sfia@9 is already there: the transaction stores neither.
		{[]string{"frameworks", "import", acme, "../../frameworks/packs/sfia@9.json"}, ExitUser, "sfia@9 is already in this database with exactly this content"},
		{[]string{"frameworks", "import", ddatRoleCSV}, ExitUser, `the "Skill description content" CSV is missing`},
		{[]string{"frameworks", "import", "--as", "ddat@2025-q3", ddatRoleCSV, ddatSkillCSV}, ExitUser, "ddat@2025-q3 is already in this database with other content"},
		{[]string{"frameworks", "import", "--as", "x@1", acme, ddatRoleCSV, ddatSkillCSV}, ExitUsage, "--as names one framework, but the files hold"},
		{[]string{"frameworks", "import", "--licence", "CC BY 4.0", acme}, ExitUser, `the file gives its own licence ("Internal use only")`},
		{[]string{"frameworks", "rm", "sfia@9"}, ExitUser, "sfia@9 is built into Gapwise and cannot be removed"},
		{[]string{"frameworks", "rm", "acme@1"}, ExitUser, "framework acme@1 is not in this database"},
		{[]string{"frameworks", "rm", "acme"}, ExitUsage, "needs one ID@VERSION"},
	} {
		code, _, errOut := run(t, append([]string{"--db", db}, tc.args...)...)
		if code != tc.code || !strings.Contains(errOut, tc.want) {
			t.Errorf("%q: exit %d, stderr %q; want %d and %q", tc.args, code, errOut, tc.code, tc.want)
		}
	}
	if n := count(); n != before {
		t.Fatalf("%d frameworks after refusals, want %d", n, before)
	}

	// The two official DDaT downloads together, in one command with a pack.
	out := decode[[]frameworkJSON](t, mustRun(t, "--db", db, "frameworks", "import", "--json", ddatSkillCSV, ddatRoleCSV))
	if len(out) != 1 || out[0].ID != "ddat" || !strings.HasPrefix(out[0].Version, "h") || out[0].Items != 188 || out[0].Requirements != 1809 ||
		out[0].LevelDescriptors != 604 || out[0].Licence != "Open Government Licence v3.0" {
		t.Errorf("DDaT import = %+v", out)
	}
	out = decode[[]frameworkJSON](t, mustRun(t, "--db", db, "frameworks", "import", "--json", "--as", "acme@2-local", "--attribution", "Acme internal.", acme))
	if len(out) != 1 || out[0].Ref != "acme@2-local" || out[0].Attribution != "Acme internal." || out[0].Items != 1 {
		t.Errorf("acme import = %+v", out)
	}
	if n := count(); n != before+2 {
		t.Errorf("%d frameworks, want %d", n, before+2)
	}
	if show := mustRun(t, "--db", db, "frameworks", "show", "acme@2-local"); !strings.Contains(show, "Acme internal.") {
		t.Errorf("show does not carry the attribution:\n%s", show)
	}

	// In use: refused, naming the assessment.
	person := firstLine(mustRun(t, "--db", db, "people", "add", "--name", "Ada Example", "--discipline", "nurse"))
	assessment := firstLine(mustRun(t, "--db", db, "assess", "new", "--person", person, "--framework", "acme@2-local"))
	code, _, errOut := run(t, "--db", db, "frameworks", "rm", "acme@2-local")
	if code != ExitUser || !strings.Contains(errOut, "acme@2-local is still used by assessment "+assessment+" (Ada Example, self)") {
		t.Errorf("rm in use: exit %d, %q", code, errOut)
	}
	mustRun(t, "--db", db, "frameworks", "import", "--as", "acme@3", acme)
	if got := mustRun(t, "--db", db, "frameworks", "rm", "acme@3"); !strings.Contains(got, "Removed acme@3") {
		t.Errorf("rm = %q", got)
	}
	if n := count(); n != before+2 {
		t.Errorf("%d frameworks after rm, want %d", n, before+2)
	}
}

func TestFrameworksDiffJSON(t *testing.T) {
	db := tempDB(t)
	d := decode[map[string]any](t, mustRun(t, "--db", db, "frameworks", "diff", "sfia@8", "sfia@9", "--json"))
	for _, key := range []string{"old", "new", "added", "removed", "renamed", "changed", "role_levels"} {
		if _, ok := d[key]; !ok {
			t.Errorf("no %q in %v", key, d)
		}
	}
	if added := d["added"].([]any); len(added) != 26 {
		t.Errorf("%d added, want 26", len(added))
	}
	changed := d["changed"].([]any)
	first := changed[0].(map[string]any)
	if first["item"] != "ITSP" || len(first["fields"].([]any)) == 0 {
		t.Errorf("first change = %v", first)
	}
	same := decode[map[string]any](t, mustRun(t, "--db", db, "frameworks", "diff", "ddat@2025-q3", "ddat", "--json"))
	if len(same["changed"].([]any))+len(same["renamed"].([]any)) != 0 {
		t.Errorf("a version against itself: %v", same)
	}
	if code, _, errOut := run(t, "--db", db, "frameworks", "diff", "sfia@9"); code != ExitUsage || !strings.Contains(errOut, "needs OLD and NEW") {
		t.Errorf("one argument: %d %q", code, errOut)
	}
}

func TestAssessCarryJSON(t *testing.T) {
	db := tempDB(t)
	person := firstLine(mustRun(t, "--db", db, "people", "add", "--name", "Ada Example", "--discipline", "nurse"))
	a := firstLine(mustRun(t, "--db", db, "assess", "new", "--person", person, "--framework", "sfia@8"))
	mustRun(t, "--db", db, "assess", "rate", "--assessment", a, "--item", "INOV", "--level", "5")
	mustRun(t, "--db", db, "assess", "rate", "--assessment", a, "--item", "ITSP", "--level", "5")
	out := decode[map[string]any](t, mustRun(t, "--db", db, "assess", "carry", "--assessment", a, "--to", "sfia@9", "--json"))
	if out["id"] == "" || out["id"] == a || out["carried"] != 2.0 || out["review"] != 2.0 || out["dropped"] != 0.0 || out["new"] != 26.0 {
		t.Errorf("carry = %v", out)
	}
	id := out["id"].(string)
	show := decode[map[string]any](t, mustRun(t, "--db", db, "assess", "show", "--assessment", id, "--json"))
	flagged := 0
	for _, it := range show["items"].([]any) {
		if it.(map[string]any)["review"] != "" {
			flagged++
		}
	}
	if flagged != 2 {
		t.Errorf("assess show flags %d items for review, want 2", flagged)
	}
	mustRun(t, "--db", db, "assess", "confirm", "--assessment", id, "--item", "INOV")
	mustRun(t, "--db", db, "assess", "confirm", "--assessment", id, "--all")
	for _, tc := range []struct {
		args []string
		code int
		want string
	}{
		{[]string{"assess", "carry", "--assessment", a}, ExitUsage, "needs --assessment ID and --to"},
		{[]string{"assess", "carry", "--assessment", a, "--to", "sfia@8"}, ExitUser, "is already of sfia@8"},
		{[]string{"assess", "carry", "--assessment", a, "--to", "ddat"}, ExitUser, "not to ddat@2025-q3"},
		{[]string{"assess", "confirm", "--assessment", id}, ExitUsage, "one of --item ITEM or --all"},
	} {
		code, _, errOut := run(t, append([]string{"--db", db}, tc.args...)...)
		if code != tc.code || !strings.Contains(errOut, tc.want) {
			t.Errorf("%q: exit %d, %q; want %d and %q", tc.args, code, errOut, tc.code, tc.want)
		}
	}
}
