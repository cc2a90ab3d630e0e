// Package cli is the headless command line over the workspace. The main in
// cmd/gapwise-cli only calls Run, so every command is testable in-process.
package cli

import (
	"bufio"
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

// Every command, with its synopsis and help, is in the command table in
// commands.go; a new verb goes there (and README.md's list is generated
// from it by go test ./internal/cli -run TestREADME -update).

// env is what a command runs with.
type env struct {
	ctx    context.Context
	dbPath string
	out    io.Writer
	errOut io.Writer // warnings and prompts that must not mix with --json output
	// reading is set for a command that only reads (quick): its database
	// is opened for reading alone (workspace.OpenReader).
	reading bool
}

// Run executes one command line and returns the exit status. Standard
// output is buffered and written when the command ends, before its error
// line and before any question on standard error: a table printed straight
// to the terminal or a pipe cost a write call a cell, 3,365 of them for one
// `assess show`, a fifth of its time (issue 12).
func Run(ctx context.Context, args []string, stdout, stderr io.Writer) int {
	out := bufio.NewWriterSize(stdout, 64<<10)
	code := runBuffered(ctx, args, out, stderr)
	if err := out.Flush(); err != nil && code == ExitOK {
		fmt.Fprintf(stderr, "gapwise-cli: writing the output: %v\n", err)
		return ExitUser
	}
	return code
}

// flusher is standard output as Run buffers it.
type flusher interface{ Flush() error }

// flushOut writes what the command has printed so far, so that it comes
// before a question or an error on standard error.
func (e *env) flushOut() {
	if f, ok := e.out.(flusher); ok {
		_ = f.Flush() // a failure shows again, and is reported, at the end of Run
	}
}

func runBuffered(ctx context.Context, args []string, stdout *bufio.Writer, stderr io.Writer) int {
	global := flag.NewFlagSet("gapwise-cli", flag.ContinueOnError)
	global.SetOutput(io.Discard)
	db := global.String("db", "", "database file")
	help := global.Bool("help", false, "show help")
	global.BoolVar(help, "h", false, "show help")
	version := global.Bool("version", false, "show the version")
	if err := global.Parse(args); err != nil {
		return report(usagef("%v", err), stdout, stderr)
	}
	rest := global.Args()
	e := &env{ctx: ctx, dbPath: *db, out: stdout, errOut: stderr}
	switch {
	case *version:
		return report(e.version(rest), stdout, stderr)
	case *help:
		fmt.Fprint(stdout, usageText())
		return ExitOK
	case len(rest) == 0:
		fmt.Fprint(stderr, usageText())
		return ExitUsage
	}
	err := dispatch(e, rest)
	if err != nil {
		e.flushOut()
	}
	return report(err, stdout, stderr)
}

// report prints err as one line and maps it to an exit status; a request
// for help prints the command's usage on stdout.
func report(err error, stdout, stderr io.Writer) int {
	if err == nil {
		return ExitOK
	}
	var h helpRequested
	if errors.As(err, &h) {
		if err := printHelp(h, stdout); err != nil {
			fmt.Fprintf(stderr, "gapwise-cli: %v\n", err)
			return ExitUser
		}
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
	open := workspace.Open
	if e.reading {
		open = workspace.OpenReader
	}
	ws, err := open(e.ctx, path)
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
		if err := fs.Parse(args); errors.Is(err, flag.ErrHelp) {
			return nil, helpRequested{name, fs}
		} else if err != nil {
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
