// Package cli is the headless command line over the workspace. The main in
// cmd/gapwise-cli only calls Run, so every command is testable in-process.
package cli

import (
	"context"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"strings"

	"gapwise/internal/workspace"
)

// Exit statuses, part of the CLI contract.
const (
	ExitOK    = 0
	ExitUser  = 1 // the user's input, file or database is wrong; one line on stderr
	ExitUsage = 2 // the command line itself is wrong
)

// usageError marks a mistake in the command line (exit 2).
type usageError struct{ msg string }

func (e usageError) Error() string { return e.msg }

func usagef(format string, args ...any) error { return usageError{fmt.Sprintf(format, args...)} }

const usageText = `Usage: gapwise-cli [--db PATH] COMMAND [ARGS]

Gapwise: competency gap analysis for health and care informatics, offline.
The database is PATH, else $GAPWISE_DB, else your configuration folder.

Commands:
  frameworks list [--json]                  framework versions and their figures
  frameworks show ID[@VERSION] [--json] [--item ID] [--search TEXT]
                                            a framework's groups, items and levels
  frameworks import [--format F] [--as ID@VERSION] [--licence L] [--attribution A] [--json] FILE...
                                            add a framework from its files (a pack JSON, the two
                                            official DDaT CSVs together, ...); all or nothing
  frameworks rm ID@VERSION                  remove an imported version nothing uses
  frameworks diff OLD NEW [--json]          items added, removed, renamed and changed, and role
                                            levels whose requirements changed
  roles list --framework ID[@VERSION] [--json]
                                            role families, roles and role levels
  people add --name NAME --discipline D [--role R] [--organisation O] [--wte 0.4] [--json]
                                            add a person; prints the new id
  people list [--json]                      everyone in the database
  people rm --person ID|NAME [--yes]        erase a person and everything that is theirs
                                            (asks first; without a terminal, needs --yes)
  assess new --person ID|NAME --framework ID[@VERSION] [--kind self|appraiser|agreed]
             [--assessor NAME] [--group GROUP_ID | --role-level ROLE_LEVEL_ID] [--json]
                                            start an assessment; prints its id
  assess list [--person ID|NAME] [--json]   assessments, newest first per person
  assess rate --assessment ID --item ITEM (--level N | --not-rated)
              [--confidence 1-5] [--evidence TEXT]
                                            rate one item (0 = none yet)
  assess show --assessment ID [--json]      every item in scope with its rating and target
  assess target --assessment ID (--role-level ROLE_LEVEL_ID | --from-assessment ID |
                --item ITEM --level N | --clear)
                                            set targets (--level 0 removes one)
  assess export --assessment ID [--out FILE]
                                            write a .gapwise.json file (never overwrites);
                                            without --out, to standard output
  assess import FILE... [--accept-person-update] [--json]
                                            validate and import .gapwise.json files; a file
                                            naming someone else under a known person id is
                                            refused unless --accept-person-update
  assess carry --assessment ID --to ID@VERSION [--json]
                                            a new assessment against another version: ratings of
                                            changed items flagged for review, the rest listed
  assess confirm --assessment ID (--item ITEM | --all)
                                            keep carried ratings awaiting review as they are
  assess rm --assessment ID [--yes]         delete an assessment with its ratings and targets
  gaps --assessment ID [--json]             gaps against targets, and what moved since last time
  pathways --assessment ID [--json]         role levels ranked by fit, and the next step
  plan new --assessment ID [--title T] [--json]
                                            start an empty development plan; prints its id
  plan list --person ID|NAME [--json]       a person's plans, newest first
  plan show --plan ID [--json]              a plan and its actions
  plan action add --plan ID --objective TEXT [--items ID,ID] [--activity A]
                  [--due YYYY-MM-DD] [--status S] [--evidence TEXT] [--json]
                                            add a SMART action; prints its id
  plan action set --plan ID --action ID [the same flags]
                                            change the given fields of an action
  plan action rm --plan ID --action ID      remove an action
  plan rm --plan ID [--yes]                 delete a plan and its actions
  appraisal start --assessment SELF_ID --appraiser NAME [--period P] [--json]
                                            start a joint appraisal; prints its id
  appraisal list --person ID|NAME [--json]  a person's appraisals, newest first
  appraisal show --appraisal ID [--json]    self, appraiser's and agreed levels side by side
  appraisal rate-as-appraiser --appraisal ID [--json]
                                            the appraiser's assessment (made once); prints its id
  appraisal import-appraiser --appraisal ID FILE [--accept-person-update] [--json]
                                            import the appraiser's .gapwise.json file
  appraisal agree --appraisal ID --item ITEM (--level N | --clear)
                                            record (or remove) the agreed level
  appraisal note --appraisal ID [--item ITEM] --text TEXT
                                            a note on an item, or the overall notes ("" removes)
  appraisal sign --appraisal ID --as appraisee|appraiser [--unsign]
                                            sign off (every item both rated must be agreed)
  appraisal rm --appraisal ID [--yes]       delete an appraisal and its notes (its assessments
                                            and agreed plan stay)
  report plan (--plan ID | --person ID|NAME) [--out FILE.pdf] [--xlsx FILE.xlsx]
                                            a development plan as PDF (a person's latest plan)
  report appraisal --appraisal ID [--out FILE.pdf] [--xlsx FILE.xlsx]
                                            a joint appraisal as PDF; reports never overwrite
  team create --name NAME --framework ID[@VERSION] [--json]
                                            create a team; prints its id
  team list [--json]                        teams with their framework and member count
  team add --team ID (--person ID|NAME ... | --people FILE.csv) [--json]
                                            put people in a team, all or none, in one
                                            transaction (--person repeats; the CSV's
                                            column id, person or name lists them)
  team remove --team ID --person ID|NAME    take a person out of a team (and off its actions)
  team rm --team ID [--yes]                 delete a team, its targets and plans (not its people)
  team import --team ID FILE_OR_FOLDER... [--accept-person-update] [--json]
                                            import members' self-assessment files (a folder:
                                            its *.json files); exit 1 if any is refused
  team show --team ID [--json]              members (discipline, WTE, assessed) and composition
  team target --team ID (--item ITEM --level N | --role-level ID | --clear)
                                            set team targets (--level 0 removes one)
  team gaps --team ID [--json] [--workshop] [--min-people N]
                                            per item: rated, meeting, below, median, max,
                                            covered, fragile; common gaps
  team report --team ID --out FILE.pdf [--workshop [--individual]] [--min-people N]
                                            the team gap report as PDF
  team export --team ID (--xlsx FILE | --csv FILE) [--workshop [--individual]] [--min-people N]
                                            matrix and measures as a spreadsheet, or the
                                            matrix as CSV; never overwrites
                                            (--team also takes a unique team name; --workshop
                                            hides names and suppresses figures resting on
                                            fewer than --min-people rated members, default 3,
                                            and counts members per level instead of a row
                                            each; --individual: a row each, neutral labels)
  demo [--json] [--remove]                  create (or remove) fictional sample data
  db init                                   create the database (or check it opens)
  db check                                  check the database's integrity
  db backup PATH                            write a consistent copy; never overwrites
  version [--json]                          this program's version
`

// env is what a command runs with.
type env struct {
	ctx    context.Context
	dbPath string
	out    io.Writer
	errOut io.Writer // warnings and prompts that must not mix with --json output
}

// Run executes one command line and returns the exit status.
func Run(ctx context.Context, args []string, stdout, stderr io.Writer) int {
	global := flag.NewFlagSet("gapwise-cli", flag.ContinueOnError)
	global.SetOutput(io.Discard)
	db := global.String("db", "", "database file")
	help := global.Bool("help", false, "show help")
	global.BoolVar(help, "h", false, "show help")
	if err := global.Parse(args); err != nil {
		fmt.Fprintf(stderr, "gapwise-cli: %v\n%s", err, usageText)
		return ExitUsage
	}
	rest := global.Args()
	if *help || len(rest) == 0 || rest[0] == "help" {
		fmt.Fprint(stdout, usageText)
		if len(rest) == 0 && !*help {
			return ExitUsage
		}
		return ExitOK
	}
	e := &env{ctx: ctx, dbPath: *db, out: stdout, errOut: stderr}
	err := dispatch(e, rest[0], rest[1:])
	return report(err, stderr)
}

// report prints err as one line and maps it to an exit status.
func report(err error, stderr io.Writer) int {
	if err == nil {
		return ExitOK
	}
	var ue usageError
	if errors.As(err, &ue) {
		fmt.Fprintf(stderr, "gapwise-cli: %s\n(run gapwise-cli --help for usage)\n", ue.msg)
		return ExitUsage
	}
	msg := strings.ReplaceAll(err.Error(), "\n", " ")
	fmt.Fprintf(stderr, "gapwise-cli: %s\n", msg)
	return ExitUser
}

func dispatch(e *env, cmd string, args []string) error {
	switch cmd {
	case "frameworks":
		return e.frameworks(args)
	case "roles":
		return e.roles(args)
	case "people":
		return e.people(args)
	case "assess":
		return e.assess(args)
	case "gaps":
		return e.gaps(args)
	case "pathways":
		return e.pathways(args)
	case "plan":
		return e.plan(args)
	case "appraisal":
		return e.appraisal(args)
	case "team":
		return e.team(args)
	case "report":
		return e.reports(args)
	case "demo":
		return e.demo(args)
	case "db":
		return e.db(args)
	case "version":
		return e.version(args)
	}
	return usagef("unknown command %q", cmd)
}

// open opens the workspace named by --db, $GAPWISE_DB or the default path.
func (e *env) open() (*workspace.Workspace, error) {
	path := e.dbPath
	if path == "" {
		loc, err := workspace.DefaultLocation()
		if err != nil {
			return nil, err
		}
		path = loc.Path
		if loc.Old != "" && e.errOut != nil {
			fmt.Fprintf(e.errOut, "gapwise-cli: note: your database is still in %s, where earlier versions kept it (Roaming AppData, often on a network drive); "+
				"it belongs in %s. Start the Gapwise app once and it offers to move it, or run: gapwise-cli --db \"%s\" db backup \"%s\" and then delete the old file.\n",
				loc.Old, loc.New, loc.Old, loc.New)
		}
	}
	if w := workspace.StorageWarning(path); w != "" && e.errOut != nil {
		fmt.Fprintf(e.errOut, "gapwise-cli: warning: %s\n", w)
	}
	ws, err := workspace.Open(e.ctx, path)
	if err != nil {
		return nil, err
	}
	for _, n := range ws.Notices() {
		fmt.Fprintf(e.errOut, "gapwise-cli: note: %s\n", n)
	}
	return ws, nil
}

// withWorkspace opens the workspace for one command and always closes it.
func (e *env) withWorkspace(fn func(*workspace.Workspace) error) (err error) {
	ws, err := e.open()
	if err != nil {
		return err
	}
	defer func() { err = errors.Join(err, ws.Close()) }()
	return fn(ws)
}

// flags parses a subcommand's flags; positional arguments may come before or
// after them.
func flags(name string, args []string, define func(*flag.FlagSet)) ([]string, error) {
	fs := flag.NewFlagSet(name, flag.ContinueOnError)
	fs.SetOutput(io.Discard)
	define(fs)
	var pos []string
	for {
		if err := fs.Parse(args); err != nil {
			return nil, usagef("%s: %v", name, err)
		}
		if fs.NArg() == 0 {
			return pos, nil
		}
		pos = append(pos, fs.Arg(0))
		args = fs.Args()[1:]
	}
}

func writeJSON(w io.Writer, v any) error {
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	enc.SetEscapeHTML(false)
	return enc.Encode(v)
}
