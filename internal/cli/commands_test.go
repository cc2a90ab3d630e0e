package cli

import (
	"encoding/json"
	"flag"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"
)

var update = flag.Bool("update", false, "rewrite testdata/usage.golden and README.md's command list")

func TestUsageTextGolden(t *testing.T) {
	golden := filepath.Join("testdata", "usage.golden")
	got := usageText()
	if *update {
		if err := os.WriteFile(golden, []byte(got), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	want, err := os.ReadFile(golden)
	if err != nil {
		t.Fatal(err)
	}
	if got != string(want) {
		t.Errorf("usage text differs from %s (run go test -tags ci ./internal/cli -run TestUsageTextGolden -update and review the diff)\n%s", golden, got)
	}
	code, out, _ := run(t, "--help")
	if code != ExitOK || out != got {
		t.Errorf("--help: exit %d, output is not the usage text", code)
	}
	// One command's --help, which shows its flags as parsed.
	golden = filepath.Join("testdata", "help-team-export.golden")
	_, got, _ = run(t, "team", "export", "--help")
	if *update {
		if err := os.WriteFile(golden, []byte(got), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	if want, err = os.ReadFile(golden); err != nil || got != string(want) {
		t.Errorf("team export --help differs from %s (%v):\n%s", golden, err, got)
	}
}

// TestEveryCommandTakesHelp: --help and -h on every leaf print its usage and
// flags to stdout and exit 0 without touching a database; on a group, its
// subcommands.
func TestEveryCommandTakesHelp(t *testing.T) {
	t.Setenv("GAPWISE_DB", filepath.Join(t.TempDir(), "never-created.db"))
	for _, c := range leaves() {
		for _, h := range []string{"--help", "-h"} {
			args := append(strings.Fields(c.path()), h)
			code, out, errOut := run(t, args...)
			if code != ExitOK || errOut != "" || !strings.HasPrefix(out, "Usage: gapwise-cli "+c.path()) || !strings.Contains(out, "\nFlags:\n") {
				t.Errorf("%s: exit %d, stdout %q, stderr %q", strings.Join(args, " "), code, out, errOut)
			}
		}
	}
	var walk func([]*command)
	walk = func(cs []*command) {
		for _, c := range cs {
			if len(c.subs) == 0 {
				continue
			}
			code, out, errOut := run(t, append(strings.Fields(c.path()), "--help")...)
			if code != ExitOK || errOut != "" || !strings.Contains(out, "Subcommands:") {
				t.Errorf("%s --help: exit %d, stdout %q, stderr %q", c.path(), code, out, errOut)
			}
			for _, s := range c.subs {
				if !strings.Contains(out, "  "+s.path()) {
					t.Errorf("%s --help does not list %s", c.path(), s.path())
				}
			}
			walk(c.subs)
		}
	}
	walk(commands)
	if _, err := os.Stat(os.Getenv("GAPWISE_DB")); err == nil {
		t.Error("asking for help created a database")
	}
	code, out, _ := run(t, "help", "team", "export")
	if code != ExitOK || !strings.HasPrefix(out, "Usage: gapwise-cli team export --team ID") {
		t.Errorf("help team export: exit %d %q", code, out)
	}
}

func TestVersionAndUsageMistakes(t *testing.T) {
	code, out, errOut := run(t, "--version")
	if code != ExitOK || !strings.HasPrefix(out, "Gapwise ") || strings.Count(out, "\n") != 1 || errOut != "" {
		t.Errorf("--version: exit %d, stdout %q, stderr %q", code, out, errOut)
	}
	for _, args := range [][]string{
		{"--frobnicate"}, {"frobnicate"}, {"team"}, {"team", "frob"}, {"plan", "action"},
		{"team", "export", "--jsn"}, {"db", "init", "extra"}, {"completion"}, {"completion", "fish"},
	} {
		code, out, errOut := run(t, args...)
		first, _, _ := strings.Cut(errOut, "\n")
		if code != ExitUsage || out != "" || !strings.HasPrefix(first, "gapwise-cli: ") ||
			strings.TrimRight(errOut, "\n") != first+"\n(run gapwise-cli --help for usage)" {
			t.Errorf("%q: exit %d, stdout %q, stderr %q; want exit 2 and one line", args, code, out, errOut)
		}
	}
	code, _, errOut = run(t, "assess")
	if code != ExitUsage || !strings.Contains(errOut, "assess: say new, list, rate, show, target, export, import, carry, confirm or rm") {
		t.Errorf("assess: exit %d %q; want the hint from the table", code, errOut)
	}
}

// TestEveryLeafRunsFromTheTable: the table is the only dispatch, so every
// leaf names its run and no group has one (a group that dispatched itself
// would be a second list of its subcommands, free to drift).
func TestEveryLeafRunsFromTheTable(t *testing.T) {
	var walk func(cs []*command)
	walk = func(cs []*command) {
		for _, c := range cs {
			switch {
			case len(c.subs) == 0 && c.run == nil:
				t.Errorf("%s: a leaf with no run", c.path())
			case len(c.subs) > 0 && c.run != nil:
				t.Errorf("%s: a group with its own run", c.path())
			}
			walk(c.subs)
		}
	}
	walk(commands)
}

// TestSynopsisNamesTheRealFlags: every flag a synopsis shows is one the
// command parses, and every flag it parses is in its synopsis.
func TestSynopsisNamesTheRealFlags(t *testing.T) {
	flagRE := regexp.MustCompile(`--[a-z][a-z-]*`)
	for _, c := range leaves() {
		defined, err := leafFlags(c)
		if err != nil {
			t.Fatal(err)
		}
		shown := map[string]bool{}
		for _, f := range flagRE.FindAllString(c.args, -1) {
			shown[f] = true
		}
		has := map[string]bool{}
		for _, f := range defined {
			has[f] = true
			if !shown[f] && !strings.Contains(c.args, "[the same flags]") {
				t.Errorf("%s parses %s but its synopsis %q does not show it", c.path(), f, c.args)
			}
		}
		for f := range shown {
			if !has[f] {
				t.Errorf("%s: synopsis shows %s, which it does not parse", c.path(), f)
			}
		}
	}
}

func TestCompletionScriptsNameEveryCommand(t *testing.T) {
	for _, shell := range completionShells {
		code, script, errOut := run(t, "completion", shell)
		if code != ExitOK {
			t.Fatalf("completion %s: exit %d %s", shell, code, errOut)
		}
		for _, c := range leaves() {
			for _, q := range []string{`"`, `'`} {
				if strings.Contains(script, q+c.path()+q) {
					goto found
				}
			}
			t.Errorf("the %s completion does not name %s", shell, c.path())
		found:
		}
		if !strings.Contains(script, "--min-people") || !strings.Contains(script, "rate-as-appraiser") {
			t.Errorf("the %s completion lacks flags or subcommands", shell)
		}
	}
}

// TestBashCompletionCompletes sources the script in bash and asks it to
// complete as bash would.
func TestBashCompletionCompletes(t *testing.T) {
	bash, err := exec.LookPath("bash")
	if err != nil {
		t.Skip("no bash here")
	}
	_, script, _ := run(t, "completion", "bash")
	path := filepath.Join(t.TempDir(), "gapwise-cli.bash")
	if err := os.WriteFile(path, []byte(script), 0o600); err != nil {
		t.Fatal(err)
	}
	if out, err := exec.Command(bash, "-n", path).CombinedOutput(); err != nil {
		t.Fatalf("bash -n: %v\n%s", err, out)
	}
	dir := t.TempDir()
	os.WriteFile(filepath.Join(dir, "ward-staff.csv"), nil, 0o600)
	cases := []struct {
		line string // the words typed; the last is being completed
		want []string
		not  []string
	}{
		{"gapwise-cli ", []string{"frameworks", "team", "completion", "--version"}, []string{"export"}},
		{"gapwise-cli te", []string{"team"}, []string{"frameworks"}},
		{"gapwise-cli team ", []string{"create", "export", "gaps", "--help"}, []string{"frameworks"}},
		{"gapwise-cli --db x.db team ex", []string{"export"}, []string{"create"}},
		{"gapwise-cli team export --", []string{"--team", "--xlsx", "--csv", "--workshop", "--min-people", "--json", "--help"}, []string{"--person"}},
		{"gapwise-cli team export --team T --w", []string{"--workshop"}, []string{"--team"}},
		{"gapwise-cli plan action ", []string{"add", "set", "rm"}, []string{"new"}},
		{"gapwise-cli plan action set --", []string{"--objective", "--action", "--plan"}, nil},
		{"gapwise-cli team add --team T --people ward", []string{"ward-staff.csv"}, nil},
		{"gapwise-cli completion ", []string{"bash", "zsh", "powershell"}, nil},
	}
	for _, c := range cases {
		words := strings.Split(c.line, " ")
		var quoted []string
		for _, w := range words {
			quoted = append(quoted, strconv.Quote(w))
		}
		prog := "source " + strconv.Quote(path) + "\ncd " + strconv.Quote(dir) +
			"\nCOMP_WORDS=(" + strings.Join(quoted, " ") + ")\nCOMP_CWORD=" + strconv.Itoa(len(words)-1) +
			"\n_gapwise_cli\nprintf '%s\\n' \"${COMPREPLY[@]}\"\n"
		out, err := exec.Command(bash, "--norc", "--noprofile", "-c", prog).CombinedOutput()
		if err != nil {
			t.Fatalf("%q: %v\n%s", c.line, err, out)
		}
		got := map[string]bool{}
		for _, w := range strings.Fields(string(out)) {
			got[w] = true
		}
		for _, w := range c.want {
			if !got[w] {
				t.Errorf("%q completes to %q, missing %s", c.line, strings.Fields(string(out)), w)
			}
		}
		for _, w := range c.not {
			if got[w] {
				t.Errorf("%q completes to %q, which should not include %s", c.line, strings.Fields(string(out)), w)
			}
		}
	}
}

// readmeCommands is README.md's list of every command, generated from the table.
func readmeCommands() string {
	var b strings.Builder
	for _, c := range leaves() {
		syn := strings.Join(strings.Fields(c.path()+" "+strings.ReplaceAll(c.args, "\n", " ")), " ")
		b.WriteString("- `gapwise-cli " + syn + "`: " + strings.Join(strings.Fields(c.help), " ") + "\n")
	}
	return b.String()
}

const (
	readmeBegin = "<!-- commands: generated from internal/cli/commands.go; go test ./internal/cli -run TestREADME -update -->\n"
	readmeEnd   = "<!-- end of commands -->\n"
)

// TestREADMEListsEveryCommand: README.md's command list is the table's.
func TestREADMEListsEveryCommand(t *testing.T) {
	path := filepath.Join("..", "..", "README.md")
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	readme := string(b)
	i, j := strings.Index(readme, readmeBegin), strings.Index(readme, readmeEnd)
	if i < 0 || j < i {
		t.Fatalf("README.md has no command list between %q and %q", readmeBegin, readmeEnd)
	}
	got, want := readme[i+len(readmeBegin):j], readmeCommands()
	if got != want && *update {
		readme = readme[:i+len(readmeBegin)] + want + readme[j:]
		if err := os.WriteFile(path, []byte(readme), 0o644); err != nil {
			t.Fatal(err)
		}
		got = want
	}
	if got != want {
		t.Errorf("README.md's command list is not the command table's (run go test -tags ci ./internal/cli -run TestREADME -update); want:\n%s", want)
	}
	for _, c := range leaves() {
		if !strings.Contains(readme, "`gapwise-cli "+c.path()) {
			t.Errorf("README.md does not mention %s", c.path())
		}
	}
}

// TestFileWritersPrintJSON: every command that writes a file prints, with
// --json, only {"files": [...]} on stdout, naming the file it made; the
// privacy note goes to stderr.
func TestFileWritersPrintJSON(t *testing.T) {
	db := tempDB(t)
	var demo demoJSON
	if err := json.Unmarshal([]byte(mustRun(t, "--db", db, "demo", "--json")), &demo); err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	assessment := demo.Assessments[0].ID
	mustRun(t, "--db", db, "plan", "new", "--assessment", assessment) // for report plan --person
	cases := []struct {
		args   []string
		format string
		note   string
	}{
		{[]string{"db", "backup", filepath.Join(dir, "b.db"), "--json"}, "sqlite", "Backup written"},
		{[]string{"assess", "export", "--assessment", assessment, "--out", filepath.Join(dir, "a.gapwise.json"), "--json"}, "gapwise.json", "personal data"},
		{[]string{"report", "plan", "--person", demo.Person.ID, "--out", filepath.Join(dir, "p.pdf"), "--json"}, "pdf", "personal data"},
		{[]string{"team", "report", "--team", demo.Team, "--workshop", "--out", filepath.Join(dir, "t.pdf"), "--json"}, "pdf", "names hidden"},
		{[]string{"team", "export", "--team", demo.Team, "--csv", filepath.Join(dir, "t.csv"), "--json"}, "csv", "Written"},
	}
	for _, c := range cases {
		code, out, errOut := run(t, append([]string{"--db", db}, c.args...)...)
		if code != ExitOK {
			t.Fatalf("%q: exit %d %s", c.args, code, errOut)
		}
		var got writtenJSON
		if err := json.Unmarshal([]byte(out), &got); err != nil {
			t.Fatalf("%q: stdout is not JSON: %v\n%s", c.args, err, out)
		}
		path := c.args[len(c.args)-2]
		fi, err := os.Stat(path)
		if err != nil || len(got.Files) != 1 || got.Files[0].Path != path || got.Files[0].Format != c.format || got.Files[0].Bytes != fi.Size() || fi.Size() == 0 {
			t.Errorf("%q: printed %+v; the file: %v %v", c.args, got, fi, err)
		}
		if !strings.Contains(errOut, c.note) {
			t.Errorf("%q: stderr %q lacks the note %q", c.args, errOut, c.note)
		}
	}
	if code, _, _ := run(t, "--db", db, "assess", "export", "--assessment", assessment, "--json"); code != ExitUsage {
		t.Errorf("assess export --json without --out: exit %d, want 2", code)
	}
}

func TestDBInitJSON(t *testing.T) {
	db := tempDB(t)
	var got dbJSON
	if err := json.Unmarshal([]byte(mustRun(t, "--db", db, "db", "init", "--json")), &got); err != nil {
		t.Fatal(err)
	}
	if got.Path != db || got.Schema < 1 || got.Frameworks != 4 {
		t.Errorf("db init --json = %+v", got)
	}
}

// TestZshCompletionCompletes sources the zsh script with compadd and _files
// replaced by recorders and asks it to complete.
func TestZshCompletionCompletes(t *testing.T) {
	zsh, err := exec.LookPath("zsh")
	if err != nil {
		t.Skip("no zsh here")
	}
	_, script, _ := run(t, "completion", "zsh")
	path := filepath.Join(t.TempDir(), "_gapwise-cli")
	if err := os.WriteFile(path, []byte(script), 0o600); err != nil {
		t.Fatal(err)
	}
	if out, err := exec.Command(zsh, "-n", path).CombinedOutput(); err != nil {
		t.Fatalf("zsh -n: %v\n%s", err, out)
	}
	cases := []struct {
		words []string // the last is being completed
		want  string
	}{
		{[]string{"gapwise-cli", ""}, "frameworks roles people assess gaps"},
		{[]string{"gapwise-cli", "--db", "x.db", "team", "export", "--"}, "--csv --individual --json --min-people --teaching-csv --team --workshop --xlsx --help"},
		{[]string{"gapwise-cli", "plan", "action", ""}, "add set rm --help"},
		{[]string{"gapwise-cli", "team", "add", "--people", "w"}, "FILES"},
	}
	for _, c := range cases {
		var quoted []string
		for _, w := range c.words {
			quoted = append(quoted, strconv.Quote(w))
		}
		prog := `compdef() { : }; compadd() { [[ $1 == -a ]] && print -r -- ${(P)2} }; _files() { print FILES }
source ` + strconv.Quote(path) + "\nwords=(" + strings.Join(quoted, " ") + ")\nCURRENT=" + strconv.Itoa(len(c.words)) + "\n_gapwise_cli\n"
		out, err := exec.Command(zsh, "-f", "-c", prog).CombinedOutput()
		if err != nil || !strings.Contains(string(out), c.want) {
			t.Errorf("%q completes to %q (%v), want %q", c.words, out, err, c.want)
		}
	}
}
