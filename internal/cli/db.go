package cli

import (
	"encoding/json"
	"flag"
	"fmt"
	"runtime"

	"gapwise/internal/appinfo"
	"gapwise/internal/model"
	"gapwise/internal/workspace"
)

// noArgs parses a command that takes no flags and no arguments.
func noArgs(name string, args []string) error {
	pos, err := flags(name, args, func(*flag.FlagSet) {})
	if err == nil && len(pos) > 0 {
		err = usagef("%s takes no arguments", name)
	}
	return err
}

// dbJSON is the stable JSON shape of `db init --json`.
type dbJSON struct {
	Path       string `json:"path"`
	Schema     int    `json:"schema"`
	Frameworks int    `json:"frameworks"` // framework versions in it
}

func (e *env) dbInit(args []string) error {
	var asJSON bool
	pos, err := flags("db init", args, func(fs *flag.FlagSet) {
		fs.BoolVar(&asJSON, "json", false, "print the database as JSON")
	})
	if err != nil {
		return err
	}
	if len(pos) > 0 {
		return usagef("db init takes no arguments")
	}
	return e.withWorkspace(func(ws *workspace.Workspace) error {
		infos, err := ws.Frameworks(e.ctx)
		if err != nil {
			return err
		}
		if asJSON {
			return writeJSON(e.out, dbJSON{Path: ws.Path(), Schema: workspace.SchemaVersion, Frameworks: len(infos)})
		}
		fmt.Fprintf(e.out, "Database ready: %s (schema %d, %d framework versions)\n", ws.Path(), workspace.SchemaVersion, len(infos))
		return nil
	})
}

func (e *env) dbCheck(args []string) error {
	if err := noArgs("db check", args); err != nil {
		return err
	}
	return e.withWorkspace(func(ws *workspace.Workspace) error {
		problems, err := ws.Check(e.ctx)
		if err != nil {
			return err
		}
		if len(problems) > 0 {
			for _, p := range problems {
				fmt.Fprintln(e.out, p)
			}
			return model.Errorf(model.Invalid, "%s has %d integrity problem(s); restore a backup", ws.Path(), len(problems))
		}
		fmt.Fprintf(e.out, "ok: %s\n", ws.Path())
		return nil
	})
}

func (e *env) dbBackup(args []string) error {
	var asJSON bool
	pos, err := flags("db backup", args, func(fs *flag.FlagSet) {
		fs.BoolVar(&asJSON, "json", false, "print the file written as JSON")
	})
	if err != nil {
		return err
	}
	if len(pos) != 1 {
		return usagef("db backup needs one destination PATH")
	}
	dest := pos[0]
	return e.withWorkspace(func(ws *workspace.Workspace) error {
		if err := ws.Backup(e.ctx, dest); err != nil {
			return err
		}
		return e.wrote(asJSON, func(e *env) error {
			_, err := fmt.Fprintf(e.out, "Backup written: %s\n", dest)
			return err
		}, fileJSON{Path: dest, Format: "sqlite"})
	})
}

func (e *env) version(args []string) error {
	var asJSON bool
	if _, err := flags("version", args, func(fs *flag.FlagSet) { fs.BoolVar(&asJSON, "json", false, "JSON output") }); err != nil {
		return err
	}
	if asJSON {
		b, _ := json.Marshal(map[string]any{"name": appinfo.Name, "version": appinfo.Version, "schema": workspace.SchemaVersion, "go": runtime.Version()})
		_, err := fmt.Fprintln(e.out, string(b))
		return err
	}
	_, err := fmt.Fprintf(e.out, "%s %s (database schema %d, %s)\n", appinfo.Name, appinfo.Version, workspace.SchemaVersion, runtime.Version())
	return err
}
