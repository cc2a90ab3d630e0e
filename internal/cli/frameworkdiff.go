package cli

import (
	"flag"
	"fmt"

	"gapwise/internal/workspace"
)

// diffJSON is the stable JSON shape of `frameworks diff --json`.
type diffJSON struct {
	Old        string              `json:"old"`
	New        string              `json:"new"`
	Added      []string            `json:"added"`
	Removed    []string            `json:"removed"`
	Renamed    []renameJSON        `json:"renamed"`
	Changed    []itemChangeJSON    `json:"changed"`
	RoleLevels []roleLevelDiffJSON `json:"role_levels"`
}

type renameJSON struct {
	From string `json:"from"`
	To   string `json:"to"`
}

type itemChangeJSON struct {
	Item   string   `json:"item"`
	Fields []string `json:"fields"`
}

type requirementJSON struct {
	Item  string `json:"item"`
	Level int    `json:"level"`
}

type levelChangeJSON struct {
	Item string `json:"item"`
	From int    `json:"from"`
	To   int    `json:"to"`
}

type roleLevelDiffJSON struct {
	RoleLevel string            `json:"role_level"`
	Title     string            `json:"title"`
	Status    string            `json:"status"`
	Added     []requirementJSON `json:"added"`
	Removed   []requirementJSON `json:"removed"`
	Changed   []levelChangeJSON `json:"changed"`
}

func (e *env) frameworksDiff(args []string) error {
	var asJSON bool
	pos, err := flags("frameworks diff", args, func(fs *flag.FlagSet) { fs.BoolVar(&asJSON, "json", false, "JSON output") })
	if err != nil {
		return err
	}
	if len(pos) != 2 {
		return usagef("frameworks diff needs OLD and NEW, e.g. sfia@8 sfia@9")
	}
	return e.withWorkspace(func(ws *workspace.Workspace) error {
		d, err := ws.DiffFrameworks(e.ctx, pos[0], pos[1])
		if err != nil {
			return err
		}
		if asJSON {
			return writeJSON(e.out, toDiffJSON(d))
		}
		fmt.Fprint(e.out, workspace.DescribeDiff(d))
		return nil
	})
}

func toDiffJSON(d *workspace.FrameworkDiff) diffJSON {
	out := diffJSON{Old: d.Old.String(), New: d.New.String(), Added: nonNil(d.Added), Removed: nonNil(d.Removed),
		Renamed: []renameJSON{}, Changed: []itemChangeJSON{}, RoleLevels: []roleLevelDiffJSON{}}
	for _, r := range d.Renamed {
		out.Renamed = append(out.Renamed, renameJSON{From: r.From, To: r.To})
	}
	for _, c := range d.Changed {
		out.Changed = append(out.Changed, itemChangeJSON{Item: c.Item, Fields: c.Fields})
	}
	for _, r := range d.RoleLevels {
		j := roleLevelDiffJSON{RoleLevel: r.ID, Title: r.Title, Status: r.Status, Added: []requirementJSON{}, Removed: []requirementJSON{}, Changed: []levelChangeJSON{}}
		for _, q := range r.Added {
			j.Added = append(j.Added, requirementJSON{Item: q.Item, Level: q.Level})
		}
		for _, q := range r.Removed {
			j.Removed = append(j.Removed, requirementJSON{Item: q.Item, Level: q.Level})
		}
		for _, c := range r.Changed {
			j.Changed = append(j.Changed, levelChangeJSON{Item: c.Item, From: c.From, To: c.To})
		}
		out.RoleLevels = append(out.RoleLevels, j)
	}
	return out
}
