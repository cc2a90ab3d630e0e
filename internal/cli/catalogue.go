package cli

import (
	"bufio"
	"errors"
	"flag"
	"fmt"
	"io"
	"strings"

	"gapwise/internal/model"
	"gapwise/internal/workspace"
)

// catalogueJSON is the stable JSON shape of a learning catalogue's summary
// (`catalogue import|list --json`).
type catalogueJSON struct {
	Framework  string   `json:"framework"`
	Source     string   `json:"source"`
	ImportedAt string   `json:"imported_at"`
	Entries    int      `json:"entries"`
	Replaced   *int     `json:"replaced,omitempty"` // import only: entries of the catalogue it replaced
	Warnings   []string `json:"warnings,omitempty"` // import only
}

// catalogueEntryJSON is one entry (`catalogue show --json`).
type catalogueEntryJSON struct {
	Title    string   `json:"title"`
	Provider string   `json:"provider"`
	URL      string   `json:"url"`
	Type     string   `json:"type"`
	Activity string   `json:"activity"` // the plan activity its type stands for; "" when none
	Items    []string `json:"items"`
}

func toCatalogueJSON(c workspace.CatalogueInfo) catalogueJSON {
	return catalogueJSON{Framework: c.Framework.String(), Source: c.Source, ImportedAt: stamp(c.ImportedAt), Entries: c.Entries}
}

func (e *env) catalogueImport(args []string) error {
	var fw string
	var replace, asJSON bool
	pos, err := flags("catalogue import", args, func(fs *flag.FlagSet) {
		fs.StringVar(&fw, "framework", "", "the framework version whose items the catalogue names")
		fs.BoolVar(&replace, "replace", false, "replace the version's catalogue without asking")
		fs.BoolVar(&asJSON, "json", false, "JSON output")
	})
	switch {
	case err != nil:
		return err
	case len(pos) == 0:
		return usagef("catalogue import needs a FILE (CSV or XLSX)")
	case fw == "":
		return usagef("catalogue import needs --framework ID[@VERSION]: the framework whose items the catalogue names")
	}
	return e.withWorkspace(func(ws *workspace.Workspace) error {
		f, err := ws.ResolveFramework(e.ctx, fw)
		if err != nil {
			return err
		}
		ci, err := ws.ReadCatalogueFiles(e.ctx, f.Ref, pos)
		if err != nil {
			return err
		}
		if ci.Replaces != nil && !replace {
			if err := e.confirmReplace(*ci.Replaces, len(ci.Catalogue.Entries)); err != nil {
				return err
			}
		}
		info, err := ws.ImportCatalogue(e.ctx, ci, replace || ci.Replaces != nil)
		if err != nil {
			return err
		}
		for _, w := range ci.Warnings {
			fmt.Fprintf(e.errOut, "gapwise-cli: warning: %s\n", w)
		}
		if asJSON {
			out := toCatalogueJSON(info)
			out.Warnings = ci.Warnings
			if ci.Replaces != nil {
				n := ci.Replaces.Entries
				out.Replaced = &n
			}
			return writeJSON(e.out, out)
		}
		verb := "Imported"
		if ci.Replaces != nil {
			verb = fmt.Sprintf("Replaced the learning catalogue of %s (%s) with", info.Framework, model.Plural(ci.Replaces.Entries, "entry", "entries"))
			_, err = fmt.Fprintf(e.out, "%s %s from %s\n", verb, model.Plural(info.Entries, "entry", "entries"), info.Source)
			return err
		}
		_, err = fmt.Fprintf(e.out, "%s a learning catalogue of %s for %s from %s\n", verb, model.Plural(info.Entries, "entry", "entries"), info.Framework, info.Source)
		return err
	})
}

// errNotReplaced is the answer "no": the old catalogue stays (exit 1).
var errNotReplaced = errors.New("nothing imported: the catalogue there stays")

// confirmReplace asks on a terminal before one catalogue replaces another;
// without a terminal it refuses, since a script that means it says --replace.
func (e *env) confirmReplace(old workspace.CatalogueInfo, entries int) error {
	what := fmt.Sprintf("%s already has a learning catalogue (%s from %s, imported %s)", old.Framework,
		model.Plural(old.Entries, "entry", "entries"), old.Source, old.ImportedAt.Local().Format("2 Jan 2006"))
	in, isTerm := terminal()
	if !isTerm {
		return model.Errorf(model.Conflict, "%s; nothing imported: add --replace to replace it (standard input is not a terminal to ask at)", what)
	}
	e.flushOut()
	fmt.Fprintf(e.errOut, "%s.\nReplace it with these %s? [y/N] ", what, model.Plural(entries, "entry", "entries"))
	line, err := bufio.NewReader(in).ReadString('\n')
	if err != nil && !errors.Is(err, io.EOF) {
		return err
	}
	switch strings.ToLower(strings.TrimSpace(line)) {
	case "y", "yes":
		return nil
	}
	return errNotReplaced
}

func (e *env) catalogueList(args []string) error {
	var asJSON bool
	pos, err := flags("catalogue list", args, func(fs *flag.FlagSet) {
		fs.BoolVar(&asJSON, "json", false, "JSON output")
	})
	switch {
	case err != nil:
		return err
	case len(pos) > 0:
		return usagef("catalogue list takes no arguments")
	}
	return e.withWorkspace(func(ws *workspace.Workspace) error {
		list, err := ws.Catalogues(e.ctx)
		if err != nil {
			return err
		}
		rows := make([]catalogueJSON, 0, len(list))
		for _, c := range list {
			rows = append(rows, toCatalogueJSON(c))
		}
		return printList(e, asJSON, rows, listing[catalogueJSON]{
			header: "FRAMEWORK\tENTRIES\tSOURCE\tIMPORTED",
			row: func(i int, r catalogueJSON) string {
				return fmt.Sprintf("%s\t%d\t%s\t%s", r.Framework, r.Entries, r.Source, list[i].ImportedAt.Local().Format("2 Jan 2006 15:04"))
			},
			one: "catalogue", many: "catalogues",
			empty: "No learning catalogue yet; import one with: gapwise-cli catalogue import --framework ID FILE",
		})
	})
}

func (e *env) catalogueShow(args []string) error {
	var fw string
	var asJSON bool
	pos, err := flags("catalogue show", args, func(fs *flag.FlagSet) {
		fs.StringVar(&fw, "framework", "", "framework version")
		fs.BoolVar(&asJSON, "json", false, "JSON output")
	})
	switch {
	case err != nil:
		return err
	case len(pos) > 0:
		return usagef("catalogue show takes no arguments")
	case fw == "":
		return usagef("catalogue show needs --framework ID[@VERSION]")
	}
	return e.withWorkspace(func(ws *workspace.Workspace) error {
		f, err := ws.ResolveFramework(e.ctx, fw)
		if err != nil {
			return err
		}
		c, ok, err := ws.Catalogue(e.ctx, f.Ref)
		if err != nil {
			return err
		}
		if !ok {
			return model.Errorf(model.NotFound, "%s has no learning catalogue; import one with: gapwise-cli catalogue import --framework %s FILE", f.Ref, f.Ref)
		}
		if asJSON {
			out := make([]catalogueEntryJSON, 0, len(c.Entries))
			for _, en := range c.Entries {
				out = append(out, catalogueEntryJSON{Title: en.Title, Provider: en.Provider, URL: en.URL, Type: en.Type,
					Activity: model.ActivityFor(en.Type), Items: en.Items})
			}
			return writeJSON(e.out, out)
		}
		fmt.Fprintf(e.out, "Learning catalogue of %s: %s from %s\n", f.Ref, model.Plural(len(c.Entries), "entry", "entries"), c.Source)
		for _, en := range c.Entries {
			var about []string
			for _, s := range []string{en.Provider, en.Type, en.URL} {
				if s != "" {
					about = append(about, s)
				}
			}
			line := "- " + en.Title
			if len(about) > 0 {
				line += " (" + strings.Join(about, ", ") + ")"
			}
			fmt.Fprintf(e.out, "%s\n    develops: %s\n", line, strings.Join(en.Items, ", "))
		}
		return nil
	})
}

func (e *env) catalogueRm(args []string) error {
	var fw string
	var yes bool
	pos, err := flags("catalogue rm", args, func(fs *flag.FlagSet) {
		fs.StringVar(&fw, "framework", "", "framework version")
		fs.BoolVar(&yes, "yes", false, "do not ask for confirmation")
	})
	switch {
	case err != nil:
		return err
	case len(pos) > 0:
		return usagef("catalogue rm takes no arguments (use --framework ID@VERSION)")
	case fw == "":
		return usagef("catalogue rm needs --framework ID[@VERSION]")
	}
	return e.withWorkspace(func(ws *workspace.Workspace) error {
		f, err := ws.ResolveFramework(e.ctx, fw)
		if err != nil {
			return err
		}
		c, ok, err := ws.Catalogue(e.ctx, f.Ref)
		if err != nil {
			return err
		}
		if !ok {
			return model.Errorf(model.NotFound, "%s has no learning catalogue", f.Ref)
		}
		summary := fmt.Sprintf("the learning catalogue of %s: %s (plans drafted from it keep their actions)", f.Ref, model.Plural(len(c.Entries), "entry", "entries"))
		if !yes {
			if err := e.confirm(summary); err != nil {
				return err
			}
		}
		n, err := ws.RemoveCatalogue(e.ctx, f.Ref)
		if n > 0 {
			fmt.Fprintf(e.out, "Deleted the learning catalogue of %s: %s.\n", f.Ref, model.Plural(n, "entry", "entries"))
		}
		return err
	})
}

// planFromGaps is `plan new --from-gaps`: the drafted plan, saved with
// every drafted action (change or remove them with plan action set|rm).
func (e *env) planFromGaps(assessment, title string, asJSON bool) error {
	return e.withWorkspace(func(ws *workspace.Workspace) error {
		d, err := ws.DraftPlan(e.ctx, assessment)
		if err != nil {
			return err
		}
		actions := make([]model.Action, len(d.Drafts))
		for i, dr := range d.Drafts {
			actions[i] = dr.Action
		}
		p, err := ws.CreatePlanWithActions(e.ctx, d.Assessment.ID, title, actions)
		if err != nil {
			return err
		}
		name, err := personName(e, ws, p)
		if err != nil {
			return err
		}
		if asJSON {
			return writeJSON(e.out, toPlanJSON(p, name))
		}
		fmt.Fprintln(e.out, p.ID)
		from := "no learning catalogue for " + p.Framework.String()
		if d.Catalogue != nil {
			from = "the learning catalogue from " + d.Catalogue.Source
		}
		fmt.Fprintf(e.out, "%q for %s (%s): %s drafted for the largest of %s below target, using %s\n",
			p.Title, name, p.Framework, model.Plural(len(p.Actions), "action", "actions"), model.Plural(d.Below, "item", "items"), from)
		for _, a := range p.Actions {
			fmt.Fprintf(e.out, "- %s %s\n", a.ID, a.Objective)
		}
		if len(p.Actions) > 0 {
			_, err = fmt.Fprintf(e.out, "Edit or remove them with: gapwise-cli plan action set|rm --plan %s --action ID\n", p.ID)
		}
		return err
	})
}

// teamDraft is `team draft`: actions for the team's largest common gaps as
// the display shows them, added to its plan.
func (e *env) teamDraft(args []string) error {
	var teamID string
	var asJSON bool
	var disp displayFlags
	pos, err := flags("team draft", args, func(fs *flag.FlagSet) {
		fs.StringVar(&teamID, "team", "", "team id or unique name")
		fs.BoolVar(&asJSON, "json", false, "JSON output")
		// Drafts list no one, so --individual has nothing to show.
		fs.BoolVar(&disp.workshop, "workshop", false, "workshop display: leave out gaps resting on few people")
		fs.Var(&disp.minPeople, "min-people", "in workshop display, the fewest rated members a gap may rest on (default 3)")
	})
	switch {
	case err != nil:
		return err
	case len(pos) > 0:
		return usagef("team draft takes no arguments besides --team")
	case teamID == "":
		return usagef("team draft needs --team ID")
	}
	d, err := disp.check("team draft")
	if err != nil {
		return err
	}
	return e.withWorkspace(func(ws *workspace.Workspace) error {
		t, err := resolveTeam(e, ws, teamID)
		if err != nil {
			return err
		}
		draft, err := ws.DraftTeamPlan(e.ctx, t.ID, d)
		if err != nil {
			return err
		}
		actions := make([]model.Action, len(draft.Drafts))
		for i, dr := range draft.Drafts {
			actions[i] = dr.Action
		}
		var saved []model.Action
		if len(actions) > 0 {
			if saved, err = ws.AddTeamActions(e.ctx, t.ID, actions); err != nil {
				return err
			}
		}
		if asJSON {
			out := make([]actionJSON, 0, len(saved))
			for _, a := range saved {
				out = append(out, toActionJSON(a))
			}
			return writeJSON(e.out, out)
		}
		if len(saved) == 0 {
			_, err := fmt.Fprintf(e.out, "Nothing to draft: %s shown, %d already addressed by open actions\n",
				model.Plural(draft.Common, "common gap", "common gaps"), draft.Addressed)
			return err
		}
		fmt.Fprintf(e.out, "Added %s to the plan of team %s:\n", model.Plural(len(saved), "action", "actions"), t.Name)
		for _, a := range saved {
			fmt.Fprintf(e.out, "- %s %s\n", a.ID, a.Objective)
		}
		return nil
	})
}
