package cli

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"runtime"
	"sort"
	"strings"
)

// command is one entry of the command table, the single source of the
// usage text, each command's --help, the "say …" hints, completion
// scripts and the README's command list.
type command struct {
	name string
	// args is the synopsis after the command's path; "\n" starts a
	// continuation line (indented under the first argument).
	args string
	// help says what the command does; "\n" breaks lines.
	help string
	// run runs a leaf with the arguments after its name; groups have none
	// (dispatch walks the table to their leaves).
	run func(e *env, args []string) error
	// subs are the subcommands of a group.
	subs []*command
	// values are the words a positional argument takes, for completion.
	values []string

	parent *command
}

// commands is the command table, in the order of the usage text.
var commands []*command

func init() {
	commands = commandTable()
	var link func(parent *command, cs []*command)
	link = func(parent *command, cs []*command) {
		for _, c := range cs {
			c.parent = parent
			link(c, c.subs)
		}
	}
	link(nil, commands)
}

func leaf(name, args, help string, run func(*env, []string) error) *command {
	return &command{name: name, args: args, help: help, run: run}
}

// allCores marks a command that reads and checks files on every core
// (workspace's imports): gapwise-cli runs others on one (cmd/gapwise-cli,
// oneCore), and this gives the command the runtime's default back unless
// GOMAXPROCS in the environment says otherwise.
func allCores(run func(*env, []string) error) func(*env, []string) error {
	return func(e *env, args []string) error {
		if os.Getenv("GOMAXPROCS") == "" {
			runtime.SetDefaultGOMAXPROCS()
		}
		return run(e, args)
	}
}

// quick marks a command that reads one assessment's view and ends within
// milliseconds whatever the database's size. It opens the database for
// reading alone (workspace.OpenReader: no rules for writing to parse), and
// runs without the cancellation Ctrl+C gives the others, since under a
// context that can be cancelled every transaction and query starts a
// goroutine to watch it (database/sql's and the SQLite driver's), a
// fifteenth of `gaps` (issue 12). Ctrl+C pressed during one lets it finish,
// a few milliseconds later; it only reads, so there is nothing to undo.
func quick(run func(*env, []string) error) func(*env, []string) error {
	return func(e *env, args []string) error {
		if e.ctx != nil { // nil when only its help is asked for
			e.ctx = context.WithoutCancel(e.ctx)
		}
		e.reading = true
		return run(e, args)
	}
}

func group(name string, subs ...*command) *command {
	return &command{name: name, subs: subs}
}

func commandTable() []*command {
	return []*command{
		group("frameworks",
			leaf("list", "[--json]", "framework versions and their figures", (*env).frameworksList),
			leaf("show", "ID[@VERSION] [--json] [--item ID] [--search TEXT]", "a framework's groups, items and levels", (*env).frameworksShow),
			leaf("import", "[--format F] [--as ID@VERSION] [--licence L] [--attribution A] [--json] FILE...",
				"add a framework from its files (a pack JSON, the two\nofficial DDaT CSVs together, ...); all or nothing", (*env).frameworksImport),
			leaf("rm", "ID@VERSION", "remove an imported version nothing uses", (*env).frameworksRemove),
			leaf("diff", "OLD NEW [--json]", "items added, removed, renamed and changed, and role\nlevels whose requirements changed", (*env).frameworksDiff),
		),
		group("roles",
			leaf("list", "--framework ID[@VERSION] [--json]", "role families, roles and role levels", (*env).rolesList),
		),
		group("people",
			leaf("add", "--name NAME --discipline D [--role R] [--organisation O] [--wte 0.4] [--json]",
				"add a person; prints the new id", (*env).peopleAdd),
			leaf("list", "[--json]", "everyone in the database", (*env).peopleList),
			leaf("rm", "--person ID|NAME [--yes]", "erase a person and everything that is theirs\n(asks first; without a terminal, needs --yes)", peopleRm.run),
		),
		group("assess",
			leaf("new", "--person ID|NAME --framework ID[@VERSION] [--kind self|appraiser|agreed]\n[--assessor NAME] [--group GROUP_ID | --role-level ROLE_LEVEL_ID] [--json]",
				"start an assessment; prints its id", (*env).assessNew),
			leaf("list", "[--person ID|NAME] [--json]", "assessments, newest first per person", (*env).assessList),
			leaf("rate", "--assessment ID --item ITEM (--level N | --not-rated)\n[--confidence 1-5] [--evidence TEXT] [--interest[=false]]",
				"rate one item (0 = none yet); --interest: I want to develop this", (*env).assessRate),
			leaf("show", "--assessment ID [--json]", "every item in scope with its rating and target", quick((*env).assessShow)),
			leaf("target", "--assessment ID (--role-level ROLE_LEVEL_ID | --from-assessment ID |\n--item ITEM --level N | --clear)",
				"set targets (--level 0 removes one)", (*env).assessTarget),
			leaf("export", "--assessment ID [--out FILE [--json]]",
				"write a .gapwise.json file (never overwrites);\nwithout --out, to standard output", (*env).assessExport),
			leaf("import", "FILE... [--accept-person-update] [--json]",
				"validate and import .gapwise.json files; a file\nnaming someone else under a known person id is\nrefused unless --accept-person-update", allCores((*env).assessImport)),
			leaf("carry", "--assessment ID --to ID@VERSION [--json]",
				"a new assessment against another version: ratings of\nchanged items flagged for review, the rest listed", (*env).assessCarry),
			leaf("confirm", "--assessment ID (--item ITEM | --all)", "keep carried ratings awaiting review as they are", (*env).assessConfirm),
			leaf("rm", "--assessment ID [--yes]", "delete an assessment with its ratings and targets", assessRm.run),
		),
		leaf("gaps", "--assessment ID [--json]", "gaps against targets, and what moved since last time", quick((*env).gaps)),
		leaf("pathways", "--assessment ID [--json]", "role levels ranked by fit, and the next step", quick((*env).pathways)),
		leaf("ladder", "--assessment ID [--family FAMILY] [--json]", "a role family's career ladder: your fit at each level,\nthe next step up, sideways moves to other families", quick((*env).ladder)),
		group("plan",
			leaf("new", "--assessment ID [--title T] [--from-gaps] [--json]", "start a development plan; prints its id (--from-gaps:\nan action drafted for each of the 5 largest gaps)", (*env).planNew),
			leaf("list", "--person ID|NAME [--json]", "a person's plans, newest first", (*env).planList),
			leaf("show", "--plan ID [--json]", "a plan and its actions", (*env).planShow),
			group("action",
				leaf("add", "--plan ID --objective TEXT [--items ID,ID] [--activity A]\n[--due YYYY-MM-DD] [--status S] [--evidence TEXT] [--json]",
					"add a SMART action; prints its id",
					func(e *env, args []string) error { return e.planActionSave("plan action add", args, false) }),
				leaf("set", "--plan ID --action ID [the same flags]", "change the given fields of an action",
					func(e *env, args []string) error { return e.planActionSave("plan action set", args, true) }),
				leaf("rm", "--plan ID --action ID", "remove an action", (*env).planActionRm),
			),
			leaf("rm", "--plan ID [--yes]", "delete a plan and its actions", planRm.run),
		),
		group("catalogue",
			leaf("import", "--framework ID[@VERSION] [--replace] [--json] FILE...",
				"import a learning catalogue (CSV or XLSX: title, provider,\nURL, type, items; or DIRECT's tables); asks before\nreplacing the version's catalogue", (*env).catalogueImport),
			leaf("list", "[--json]", "learning catalogues by framework version", (*env).catalogueList),
			leaf("show", "--framework ID[@VERSION] [--json]", "a catalogue's entries and the items each develops", (*env).catalogueShow),
			leaf("rm", "--framework ID[@VERSION] [--yes]", "erase a framework version's learning catalogue", (*env).catalogueRm),
		),
		group("appraisal",
			leaf("start", "--assessment SELF_ID --appraiser NAME [--appraiser-role ROLE] [--scope GROUP,...]\n[--appraiser NAME ...] [--period P] [--json]",
				"start a joint appraisal (up to 4 appraisers; a role and\nscope belong to the --appraiser before them); prints its id", (*env).appraisalStart),
			leaf("add-appraiser", "--appraisal ID --name NAME [--role ROLE] [--scope GROUP,...]", "add another appraiser before anyone signs", (*env).appraisalAddAppraiser),
			leaf("remove-appraiser", "--appraisal ID --name NAME [--yes]",
				"erase an appraiser and their ratings before anyone signs\n(the agreed levels and notes stay)", (*env).appraisalRemoveAppraiser),
			leaf("list", "--person ID|NAME [--json]", "a person's appraisals, newest first", (*env).appraisalList),
			leaf("show", "--appraisal ID [--json]", "self, each appraiser's and agreed levels side by side", (*env).appraisalShow),
			leaf("rate-as-appraiser", "--appraisal ID [--appraiser NAME] [--json]", "that appraiser's assessment (made once); prints its id", (*env).appraisalRateAsAppraiser),
			leaf("import-appraiser", "--appraisal ID FILE [--accept-person-update] [--json]",
				"import an appraiser's .gapwise.json file (its assessor\nnames the appraiser; items outside their scope are refused)", (*env).appraisalImportAppraiser),
			leaf("agree", "--appraisal ID (--item ITEM (--level N | --clear) | --all-matching)",
				"record (or remove) an agreed level, or agree every item\nwhere everyone gave the same level", (*env).appraisalAgree),
			leaf("note", "--appraisal ID [--item ITEM] --text TEXT", "a note on an item, or the overall notes (\"\" removes)", (*env).appraisalNote),
			leaf("sign", "--appraisal ID (--as appraisee | --as appraiser [--appraiser NAME] | --as NAME)\n[--withdraw | --unsign]",
				"sign off (every item rated by the appraisee and an\nappraiser must be agreed), or withdraw a signature", (*env).appraisalSign),
			leaf("rm", "--appraisal ID [--yes]", "delete an appraisal and its notes (its assessments\nand agreed plan stay)", appraisalRm.run),
		),
		group("report",
			leaf("plan", "(--plan ID | --person ID|NAME) [--out FILE.pdf] [--xlsx FILE.xlsx] [--json]", "a development plan as PDF (a person's latest plan)", (*env).reportPlan),
			leaf("appraisal", "--appraisal ID [--out FILE.pdf] [--xlsx FILE.xlsx] [--json]", "a joint appraisal as PDF; reports never overwrite", (*env).reportAppraisal),
		),
		group("team",
			leaf("create", "--name NAME --framework ID[@VERSION] [--json]", "create a team; prints its id", (*env).teamCreate),
			leaf("list", "[--json]", "teams with their framework and member count", (*env).teamList),
			leaf("add", "--team ID (--person ID|NAME ... | --people FILE.csv) [--json]",
				"put people in a team, all or none, in one\ntransaction (--person repeats; the CSV's\ncolumn id, person or name lists them)", (*env).teamAdd),
			leaf("remove", "--team ID --person ID|NAME", "take a person out of a team (and off its actions)", (*env).teamRemove),
			leaf("rm", "--team ID [--yes]", "delete a team, its targets and plans (not its people)", teamRm.run),
			leaf("import", "--team ID FILE_OR_FOLDER... [--accept-person-update] [--json]",
				"import members' self-assessment files (a folder:\nits *.json files); exit 1 if any is refused", allCores((*env).teamImport)),
			leaf("show", "--team ID [--json]", "members (discipline, WTE, assessed) and composition", (*env).teamShow),
			leaf("target", "--team ID (--item ITEM --level N | --all --level N | --group GROUP --level N |\n--role-level ID | --from-assessment ID | --from-team ID | --clear)",
				"set team targets in one step (--level 0 removes one item's)", (*env).teamTarget),
			leaf("gaps", "--team ID [--json] [--workshop [--individual]] [--min-people N]",
				"per item: rated, meeting, below, median, max,\ncovered, fragile, who can teach whom; common gaps", (*env).teamGaps),
			leaf("teach", "--team ID [--item ITEM [--agree]] [--workshop [--individual]] [--min-people N] [--json]",
				"who can teach whom per item; --agree adds the\nitem's suggested sessions to the team plan (each\nowner's action names no one)", (*env).teamTeach),
			leaf("report", "--team ID --out FILE.pdf [--workshop [--individual]] [--min-people N] [--json]", "the team gap report as PDF", (*env).teamReport),
			leaf("draft", "--team ID [--workshop [--min-people N]] [--json]",
				"add to the team's plan an action for each of its 5\nlargest common gaps shown (from the learning catalogue\nwhere it has an entry); names no one", (*env).teamDraft),
			leaf("export", "--team ID (--xlsx FILE | --csv FILE | --teaching-csv FILE) [--workshop [--individual]]\n[--min-people N] [--json]",
				"matrix, measures and who can teach whom as a\nspreadsheet, or the matrix or who can teach whom\nas CSV; never overwrites\n"+
					"(--team also takes a unique team name; --workshop\nhides names and suppresses figures resting on\n"+
					"fewer than --min-people rated members, default 3,\nand counts members per level instead of a row\n"+
					"each; --individual: a row each, neutral labels)", (*env).teamExport),
		),
		leaf("demo", "[--json] [--remove]", "create (or remove) fictional sample data", (*env).demo),
		group("db",
			leaf("init", "[--json]", "create the database (or check it opens)", (*env).dbInit),
			leaf("check", "", "check the database's integrity", (*env).dbCheck),
			leaf("backup", "PATH [--json]", "write a consistent copy; never overwrites", (*env).dbBackup),
		),
		leaf("version", "[--json]", "this program's version (also: gapwise-cli --version)", (*env).version),
		{name: "completion", args: "bash|zsh|powershell", help: "a shell completion script for these commands",
			run: (*env).completion, values: completionShells},
		leaf("help", "[COMMAND...]", "this text, or one command's usage (also: COMMAND --help)", (*env).help),
	}
}

// path is the command's words from the top, e.g. "plan action add".
func (c *command) path() string {
	if c.parent == nil {
		return c.name
	}
	return c.parent.path() + " " + c.name
}

func lookup(cs []*command, name string) *command {
	for _, c := range cs {
		if c.name == name {
			return c
		}
	}
	return nil
}

// find returns the command at path (words), or nil.
func find(path ...string) *command {
	cs := commands
	var c *command
	for _, w := range path {
		if c = lookup(cs, w); c == nil {
			return nil
		}
		cs = c.subs
	}
	return c
}

// leaves lists every runnable command (those without subcommands) in table order.
func leaves() []*command {
	var out []*command
	var walk func([]*command)
	walk = func(cs []*command) {
		for _, c := range cs {
			if len(c.subs) == 0 {
				out = append(out, c)
			}
			walk(c.subs)
		}
	}
	walk(commands)
	return out
}

// hint is what to say after a group's name: "add, list or rm".
func (c *command) hint() string {
	names := make([]string, len(c.subs))
	for i, s := range c.subs {
		names[i] = s.name
	}
	if len(names) == 1 {
		return names[0]
	}
	return strings.Join(names[:len(names)-1], ", ") + " or " + names[len(names)-1]
}

// sayHint is the usage error for a group given no subcommand.
func sayHint(path string) error {
	c := find(strings.Fields(path)...)
	return usagef("%s: say %s", path, c.hint())
}

// helpColumn is where the usage text starts a command's help.
const helpColumn = 44

// usageLines writes the usage entries of cs and everything under them.
func usageLines(b *strings.Builder, cs []*command) {
	for _, c := range cs {
		if len(c.subs) > 0 {
			usageLines(b, c.subs)
			continue
		}
		prefix := "  " + c.path() + " "
		lines := strings.Split(c.args, "\n")
		for i, l := range lines {
			if i > 0 {
				l = strings.Repeat(" ", len(prefix)) + l
			} else {
				l = strings.TrimRight(prefix+l, " ")
			}
			lines[i] = l
		}
		help := strings.Split(c.help, "\n")
		last := lines[len(lines)-1]
		if len(lines) == 1 && len(last) <= helpColumn-2 {
			lines[len(lines)-1] = last + strings.Repeat(" ", helpColumn-len(last)) + help[0]
			help = help[1:]
		}
		for _, l := range lines {
			b.WriteString(l + "\n")
		}
		for _, h := range help {
			b.WriteString(strings.Repeat(" ", helpColumn) + h + "\n")
		}
	}
}

// usageText is the top-level usage, every command with its arguments.
func usageText() string {
	var b strings.Builder
	b.WriteString(`Usage: gapwise-cli [--db PATH] COMMAND [ARGS]
       gapwise-cli --version

Gapwise: competency gap analysis for health and care informatics, offline.
The database is PATH, else $GAPWISE_DB, else your configuration folder.
Every command takes --help.

Commands:
`)
	usageLines(&b, commands)
	return b.String()
}

// commandUsage is one command's --help: its synopsis, what it does and,
// for a leaf, its flags as parsed (fs may be nil); for a group, its
// subcommands.
func commandUsage(c *command, fs *flag.FlagSet) string {
	var b strings.Builder
	prefix := "Usage: gapwise-cli " + c.path() + " "
	if len(c.subs) > 0 {
		b.WriteString(prefix + "SUBCOMMAND [ARGS]\n\nSubcommands:\n")
		usageLines(&b, c.subs)
		fmt.Fprintf(&b, "\nRun gapwise-cli %s SUBCOMMAND --help for one subcommand's flags.\n", c.path())
		return b.String()
	}
	for i, l := range strings.Split(c.args, "\n") {
		if i > 0 {
			l = strings.Repeat(" ", len(prefix)) + l
		} else {
			l = strings.TrimRight(prefix+l, " ")
		}
		b.WriteString(l + "\n")
	}
	b.WriteString("\n" + wrap(strings.ToUpper(c.help[:1])+c.help[1:]+".", 78))
	if fs == nil {
		return b.String()
	}
	type row struct{ left, usage string }
	var rows []row
	width := 0
	fs.VisitAll(func(f *flag.Flag) {
		value, usage := flag.UnquoteUsage(f)
		left := "--" + f.Name
		if value != "" {
			left += " " + c.placeholder(f.Name)
		}
		if f.DefValue != "" && f.DefValue != "false" && f.DefValue != "0" && f.DefValue != "[]" {
			usage += fmt.Sprintf(" (default %s)", f.DefValue)
		}
		rows = append(rows, row{left, usage})
		width = max(width, len(left))
	})
	rows = append(rows, row{"--help", "this text"})
	width = max(width, len("--help"))
	b.WriteString("\nFlags:\n")
	for _, r := range rows {
		fmt.Fprintf(&b, "  %-*s  %s\n", width, r.left, r.usage)
	}
	return b.String()
}

// wrap fills text's words into lines of at most width columns.
func wrap(text string, width int) string {
	var b strings.Builder
	n := 0
	for _, w := range strings.Fields(text) {
		if n > 0 && n+1+len(w) > width {
			b.WriteString("\n")
			n = 0
		}
		if n > 0 {
			b.WriteString(" ")
			n++
		}
		b.WriteString(w)
		n += len(w)
	}
	return b.String() + "\n"
}

// placeholder is what the synopsis names flag's value ("ID|NAME" for
// "--person ID|NAME"), else VALUE.
func (c *command) placeholder(flagName string) string {
	words := strings.Fields(c.args)
	for i := 0; i+1 < len(words); i++ {
		if strings.Trim(words[i], "[]()") != "--"+flagName {
			continue
		}
		v := words[i+1]
		for strings.HasSuffix(v, "]") && strings.Count(v, "]") > strings.Count(v, "[") ||
			strings.HasSuffix(v, ")") && strings.Count(v, ")") > strings.Count(v, "(") {
			v = v[:len(v)-1]
		}
		if v != "" && !strings.ContainsAny(v[:1], "-[(|") {
			return v
		}
	}
	return "VALUE"
}

// helpRequested is --help (or -h) on a leaf: its usage goes to stdout and
// the exit status is 0. fs is the leaf's parsed flag set.
type helpRequested struct {
	name string
	fs   *flag.FlagSet
}

func (h helpRequested) Error() string { return h.name + ": help requested" }

func isHelp(arg string) bool {
	return arg == "-h" || arg == "--help" || arg == "-help" || arg == "help"
}

// dispatch finds args' command in the table and runs it.
func dispatch(e *env, args []string) error {
	cs := commands
	var parent *command
	for {
		c := lookup(cs, args[0])
		switch {
		case c == nil && parent == nil:
			return usagef("unknown command %q", args[0])
		case c == nil:
			return usagef("%s: unknown subcommand %q", parent.path(), args[0])
		}
		args = args[1:]
		if len(c.subs) == 0 {
			return c.run(e, args)
		}
		switch {
		case len(args) == 0:
			return sayHint(c.path())
		case isHelp(args[0]):
			_, err := io.WriteString(e.out, commandUsage(c, nil))
			return err
		}
		parent, cs = c, c.subs
	}
}

// printHelp prints the usage of the command that asked for help.
func printHelp(h helpRequested, stdout io.Writer) error {
	c := find(strings.Fields(h.name)...)
	if c == nil {
		return fmt.Errorf("no usage for %q", h.name)
	}
	_, err := io.WriteString(stdout, commandUsage(c, h.fs))
	return err
}

func (e *env) help(args []string) error {
	path, err := flags("help", args, func(*flag.FlagSet) {})
	if err != nil {
		return err
	}
	if len(path) == 0 {
		_, err := io.WriteString(e.out, usageText())
		return err
	}
	return dispatch(e, append(path, "--help"))
}

// leafFlags are the flags a leaf defines, read by asking it for --help
// (every leaf parses its flags before it does anything else).
func leafFlags(c *command) ([]string, error) {
	path := strings.Fields(c.path())
	err := dispatch(&env{out: io.Discard, errOut: io.Discard}, append(path, "--help"))
	var h helpRequested
	if !errors.As(err, &h) {
		return nil, fmt.Errorf("%s --help did not ask for its usage: %v", c.path(), err)
	}
	var names []string
	h.fs.VisitAll(func(f *flag.Flag) { names = append(names, "--"+f.Name) })
	sort.Strings(names)
	return names, nil
}
