package cli

import (
	"flag"
	"fmt"
	"slices"
	"strings"

	"gapwise/internal/model"
	"gapwise/internal/workspace"
)

func (e *env) frameworksImport(args []string) error {
	var format, as, licence, attribution string
	var asJSON bool
	pos, err := flags("frameworks import", args, func(fs *flag.FlagSet) {
		fs.StringVar(&format, "format", "", "file format (default: detected from content)")
		fs.StringVar(&as, "as", "", "store it as ID@VERSION")
		fs.StringVar(&licence, "licence", "", "licence, when the file carries none")
		fs.StringVar(&attribution, "attribution", "", "attribution, when the file carries none")
		fs.BoolVar(&asJSON, "json", false, "JSON output")
	})
	if err != nil {
		return err
	}
	if len(pos) == 0 {
		return usagef("frameworks import needs at least one FILE")
	}
	if format != "" && !slices.Contains(workspace.FrameworkFormats(), format) {
		return usagef("frameworks import: --format %q is not one of %s", format, strings.Join(workspace.FrameworkFormats(), ", "))
	}
	return e.withWorkspace(func(ws *workspace.Workspace) error {
		imports, err := ws.ReadFrameworkFiles(e.ctx, pos, format)
		if err != nil {
			return err
		}
		if as != "" && len(imports) > 1 {
			return usagef("frameworks import: --as names one framework, but the files hold %d", len(imports))
		}
		for _, fi := range imports {
			if err := fi.Apply(workspace.ImportOptions{As: as, Licence: licence, Attribution: attribution}); err != nil {
				if model.KindOf(err) == model.Invalid && slices.Contains(fi.Missing, "licence") && strings.TrimSpace(licence) == "" {
					return model.Errorf(model.Invalid, "%s carries no licence: give --licence (and --attribution if its terms require one)", strings.Join(fi.Files, ", "))
				}
				return err
			}
		}
		infos, err := ws.ImportFrameworks(e.ctx, imports)
		if err != nil {
			return err
		}
		for _, fi := range imports {
			for _, w := range fi.Warnings {
				fmt.Fprintf(e.errOut, "gapwise-cli: warning: %s\n", w)
			}
		}
		if asJSON {
			return writeJSON(e.out, frameworksJSON(infos))
		}
		for i, fi := range imports {
			fmt.Fprintf(e.out, "Imported %s from %s (%s)\n", fi.Summary(), strings.Join(fi.Files, ", "), fi.Format)
			fmt.Fprintf(e.out, "  Licence: %s. %s\n", infos[i].Licence, infos[i].Attribution)
		}
		return nil
	})
}

func (e *env) frameworksRemove(args []string) error {
	pos, err := flags("frameworks rm", args, func(*flag.FlagSet) {})
	if err != nil {
		return err
	}
	if len(pos) != 1 || !strings.Contains(pos[0], "@") {
		return usagef("frameworks rm needs one ID@VERSION")
	}
	ref, err := model.ParseFrameworkRef(pos[0])
	if err != nil {
		return usagef("frameworks rm: %v", err)
	}
	return e.withWorkspace(func(ws *workspace.Workspace) error {
		if err := ws.RemoveFramework(e.ctx, ref); err != nil {
			return err
		}
		fmt.Fprintf(e.out, "Removed %s\n", ref)
		return nil
	})
}
