package cli

import (
	"flag"
	"fmt"

	"gapwise/internal/model"
	"gapwise/internal/workspace"
)

// roleLevelJSON is the stable JSON shape of `roles list --json`.
type roleLevelJSON struct {
	RoleFamily   string `json:"role_family"`
	Role         string `json:"role"`
	RoleLevel    string `json:"role_level"`
	Title        string `json:"title"`
	Rank         int    `json:"rank"`
	Requirements int    `json:"requirements"`
}

func (e *env) rolesList(args []string) error {
	var asJSON bool
	var fw string
	pos, err := flags("roles list", args, func(fs *flag.FlagSet) {
		fs.BoolVar(&asJSON, "json", false, "JSON output")
		fs.StringVar(&fw, "framework", "ddat", "framework ID or ID@VERSION")
	})
	if err != nil {
		return err
	}
	if len(pos) > 0 {
		return usagef("roles list takes no arguments")
	}
	return e.withWorkspace(func(ws *workspace.Workspace) error {
		f, err := ws.ResolveFramework(e.ctx, fw)
		if err != nil {
			return err
		}
		out := []roleLevelJSON{}
		for _, r := range f.Roles {
			if len(r.Levels) == 0 {
				out = append(out, roleLevelJSON{RoleFamily: r.Family, Role: r.Title, Title: r.Title + " (no levels)", Requirements: len(r.Requirements)})
			}
			for _, l := range r.Levels {
				out = append(out, roleLevelJSON{RoleFamily: r.Family, Role: r.Title, RoleLevel: l.ID, Title: l.Title, Rank: l.Rank, Requirements: len(l.Requirements)})
			}
		}
		if !asJSON {
			fmt.Fprintf(e.out, "%s (%s): %s\n", f.Name, f.Ref, model.Plural(len(f.Roles), "role", "roles"))
		}
		return printList(e, asJSON, out, listing[roleLevelJSON]{
			header: "FAMILY\tROLE\tLEVEL\tSKILLS\tID",
			row: func(_ int, r roleLevelJSON) string {
				return fmt.Sprintf("%s\t%s\t%s\t%d\t%s", r.RoleFamily, r.Role, r.Title, r.Requirements, r.RoleLevel)
			},
			empty: "This framework defines no roles.",
		})
	})
}
