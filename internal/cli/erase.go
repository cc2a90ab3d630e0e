package cli

import (
	"bufio"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"strings"

	"github.com/mattn/go-isatty"

	"gapwise/internal/model"
	"gapwise/internal/workspace"
)

// terminal is where a deletion asks for confirmation: standard input, and
// whether it is a terminal someone can answer at. Tests replace it.
var terminal = func() (io.Reader, bool) {
	fd := os.Stdin.Fd()
	return os.Stdin, isatty.IsTerminal(fd) || isatty.IsCygwinTerminal(fd)
}

// errKept is the answer "no": nothing was deleted (exit 1).
var errKept = errors.New("nothing deleted")

// eraseCmd is one "rm" command: its flag, what it takes and how it finds
// the thing to erase.
type eraseCmd struct {
	name, flag, what string
	kind             workspace.ErasureKind
	resolve          func(e *env, ws *workspace.Workspace, s string) (string, error)
}

func byID(_ *env, _ *workspace.Workspace, s string) (string, error) { return strings.TrimSpace(s), nil }

var (
	peopleRm = eraseCmd{"people rm", "person", "ID|NAME", workspace.ErasePerson,
		func(e *env, ws *workspace.Workspace, s string) (string, error) {
			p, err := resolvePerson(e, ws, s)
			return p.ID, err
		}}
	assessRm    = eraseCmd{"assess rm", "assessment", "ID", workspace.EraseAssessment, byID}
	planRm      = eraseCmd{"plan rm", "plan", "ID", workspace.ErasePlan, byID}
	appraisalRm = eraseCmd{"appraisal rm", "appraisal", "ID", workspace.EraseAppraisal, byID}
	teamRm      = eraseCmd{"team rm", "team", "ID|NAME", workspace.EraseTeam,
		func(e *env, ws *workspace.Workspace, s string) (string, error) {
			t, err := resolveTeam(e, ws, s)
			return t.ID, err
		}}
)

// run parses --FLAG and --yes, says exactly what goes (counted from the
// database), asks unless --yes was given, and erases.
func (c eraseCmd) run(e *env, args []string) error {
	var target string
	var yes bool
	pos, err := flags(c.name, args, func(fs *flag.FlagSet) {
		fs.StringVar(&target, c.flag, "", "what to delete")
		fs.BoolVar(&yes, "yes", false, "do not ask for confirmation")
	})
	switch {
	case err != nil:
		return err
	case len(pos) > 0:
		return usagef("%s takes no arguments (use --%s %s)", c.name, c.flag, c.what)
	case strings.TrimSpace(target) == "":
		return usagef("%s needs --%s %s", c.name, c.flag, c.what)
	}
	return e.withWorkspace(func(ws *workspace.Workspace) error {
		id, err := c.resolve(e, ws, target)
		if err != nil {
			return err
		}
		return e.erase(ws, c.kind, id, yes)
	})
}

// erase shows what goes, confirms and erases; "Deleted …" is printed only
// once it has gone.
func (e *env) erase(ws *workspace.Workspace, kind workspace.ErasureKind, id string, yes bool) error {
	preview, err := ws.Erasure(e.ctx, kind, id)
	if err != nil {
		return err
	}
	if !yes {
		if err := e.confirm(preview.Summary()); err != nil {
			return err
		}
	}
	gone, err := ws.Erase(e.ctx, kind, id)
	if gone.Name != "" { // deleted, even if clearing the old copies was held back
		fmt.Fprintf(e.out, "Deleted %s.\n", gone.Summary())
	}
	return err
}

// confirm asks on a terminal; without one it refuses, since a script that
// meant it says --yes.
func (e *env) confirm(summary string) error {
	in, isTerm := terminal()
	if !isTerm {
		return model.Errorf(model.Invalid, "this would delete %s; nothing deleted: add --yes to confirm (standard input is not a terminal to ask at)", summary)
	}
	e.flushOut()
	fmt.Fprintf(e.errOut, "This deletes %s.\nIt cannot be undone. Delete? [y/N] ", summary)
	line, err := bufio.NewReader(in).ReadString('\n')
	if err != nil && !errors.Is(err, io.EOF) {
		return err
	}
	switch strings.ToLower(strings.TrimSpace(line)) {
	case "y", "yes":
		return nil
	}
	return errKept
}

// teamRemove takes one person out of a team (no confirmation: nothing of
// theirs is deleted).
func (e *env) teamRemove(args []string) error {
	var team, person string
	pos, err := flags("team remove", args, func(fs *flag.FlagSet) {
		fs.StringVar(&team, "team", "", "team id or name")
		fs.StringVar(&person, "person", "", "person id or name")
	})
	switch {
	case err != nil:
		return err
	case len(pos) > 0:
		return usagef("team remove takes no arguments")
	case team == "" || person == "":
		return usagef("team remove needs --team ID and --person ID|NAME")
	}
	return e.withWorkspace(func(ws *workspace.Workspace) error {
		t, err := resolveTeam(e, ws, team)
		if err != nil {
			return err
		}
		p, err := resolvePerson(e, ws, person)
		if err != nil {
			return err
		}
		gone, err := ws.Erase(e.ctx, workspace.EraseMembership, workspace.MembershipID(model.TeamID(t.ID), model.PersonID(p.ID)))
		if gone.Name != "" {
			fmt.Fprintf(e.out, "Removed %s.\n", gone.Summary())
		}
		return err
	})
}
