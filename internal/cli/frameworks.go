package cli

import (
	"flag"
	"fmt"
	"strings"

	"gapwise/frameworks"
	"gapwise/internal/model"
	"gapwise/internal/workspace"
)

// frameworkJSON is the stable JSON shape of `frameworks list --json`.
type frameworkJSON struct {
	ID               string `json:"id"`
	Version          string `json:"version"`
	Ref              string `json:"ref"`
	Name             string `json:"name"`
	Provisional      bool   `json:"provisional"`
	Licence          string `json:"licence"`
	Attribution      string `json:"attribution"`
	Items            int    `json:"items"`
	Groups           int    `json:"groups"`
	Levels           int    `json:"levels"`
	Roles            int    `json:"roles"`
	RoleLevels       int    `json:"role_levels"`
	Requirements     int    `json:"requirements"`
	LevelDescriptors int    `json:"level_descriptors"`
	Attributes       int    `json:"attributes"`
}

func (e *env) frameworksList(args []string) error {
	var asJSON bool
	pos, err := flags("frameworks list", args, func(fs *flag.FlagSet) { fs.BoolVar(&asJSON, "json", false, "JSON output") })
	if err != nil {
		return err
	}
	if len(pos) > 0 {
		return usagef("frameworks list takes no arguments")
	}
	return e.withWorkspace(func(ws *workspace.Workspace) error {
		infos, err := ws.Frameworks(e.ctx)
		if err != nil {
			return err
		}
		return printList(e, asJSON, frameworksJSON(infos), listing[frameworkJSON]{
			header: "FRAMEWORK\tNAME\tITEMS\tGROUPS\tLEVELS\tROLE LEVELS\tLICENCE",
			row: func(_ int, f frameworkJSON) string {
				name := f.Name
				if f.Provisional {
					name += " [PROVISIONAL]"
				}
				return fmt.Sprintf("%s\t%s\t%d\t%d\t%d\t%d\t%s", f.Ref, name, f.Items, f.Groups, f.Levels, f.RoleLevels, f.Licence)
			},
			one: "framework version", many: "framework versions",
		})
	})
}

func frameworksJSON(infos []workspace.FrameworkInfo) []frameworkJSON {
	out := make([]frameworkJSON, 0, len(infos))
	for _, f := range infos {
		c := f.Counts
		out = append(out, frameworkJSON{
			ID: f.Ref.ID, Version: f.Ref.Version, Ref: f.Ref.String(), Name: f.Name,
			Provisional: f.Provisional, Licence: f.Licence, Attribution: f.Attribution,
			Items: c.Items, Groups: c.Groups, Levels: c.Levels, Roles: c.Roles, RoleLevels: c.RoleLevels,
			Requirements: c.Requirements, LevelDescriptors: c.LevelDescriptors, Attributes: c.Attributes,
		})
	}
	return out
}

func (e *env) frameworksShow(args []string) error {
	var asJSON bool
	var itemID, search string
	pos, err := flags("frameworks show", args, func(fs *flag.FlagSet) {
		fs.BoolVar(&asJSON, "json", false, "the pack in its JSON format")
		fs.StringVar(&itemID, "item", "", "show one item with every level descriptor")
		fs.StringVar(&search, "search", "", "only items matching this text")
	})
	if err != nil {
		return err
	}
	if len(pos) != 1 {
		return usagef("frameworks show needs one framework, e.g. sfia@9")
	}
	return e.withWorkspace(func(ws *workspace.Workspace) error {
		f, err := ws.ResolveFramework(e.ctx, pos[0])
		if err != nil {
			return err
		}
		if asJSON {
			raw, err := frameworks.Encode(f)
			if err != nil {
				return err
			}
			_, err = e.out.Write(raw)
			return err
		}
		if itemID != "" {
			it, ok := f.Item(itemID)
			if !ok {
				return model.Errorf(model.NotFound, "%s has no item %q", f.Ref, itemID)
			}
			printHeader(e, f)
			printItem(e, f, it)
			return nil
		}
		printHeader(e, f)
		printOutline(e, f, f.Search(search))
		return nil
	})
}

func printHeader(e *env, f *model.Framework) {
	fmt.Fprintf(e.out, "%s (%s)\n", f.Name, f.Ref)
	if f.Provisional {
		fmt.Fprintf(e.out, "PROVISIONAL: %s\n", f.ProvisionalNote)
	}
	fmt.Fprintf(e.out, "Publisher: %s\nSource: %s\nLicence: %s\n%s\n\n", f.Publisher, f.SourceURL, f.Licence, f.Attribution)
	fmt.Fprintf(e.out, "Scale: %s\n", f.Scale.Name)
	for _, l := range f.Scale.Levels {
		fmt.Fprintf(e.out, "  %d %s: %s\n", l.Value, l.Name, oneLine(l.Description))
	}
	fmt.Fprintln(e.out)
}

// printOutline lists items under their groups, outermost group first.
func printOutline(e *env, f *model.Framework, items []*model.Item) {
	lastGroup := "\x00"
	for _, it := range items {
		if it.Group != lastGroup {
			lastGroup = it.Group
			if path := groupPath(f, it.Group); path != "" {
				fmt.Fprintf(e.out, "%s\n", path)
			}
		}
		fmt.Fprintf(e.out, "  %-8s %s  [levels %s]\n", it.ID, it.Title, levelList(it.Levels))
	}
	fmt.Fprintf(e.out, "\n%d of %d items\n", len(items), len(f.Items))
}

func printItem(e *env, f *model.Framework, it *model.Item) {
	fmt.Fprintf(e.out, "%s  %s\n", it.ID, it.Title)
	if path := groupPath(f, it.Group); path != "" {
		fmt.Fprintf(e.out, "Group: %s\n", path)
	}
	if it.Confidence != "" {
		fmt.Fprintf(e.out, "Provenance: %s\n", it.Confidence)
	}
	fmt.Fprintf(e.out, "\n%s\n", it.Description)
	if it.Guidance != "" {
		fmt.Fprintf(e.out, "\nGuidance:\n%s\n", it.Guidance)
	}
	if it.Note != "" {
		fmt.Fprintf(e.out, "\nTopics: %s\n", it.Note)
	}
	fmt.Fprintln(e.out)
	for _, lv := range it.Levels {
		text, ok := it.Descriptor(lv)
		if !ok {
			text = "(no item-specific descriptor; the scale's meaning applies)"
		}
		fmt.Fprintf(e.out, "Level %d %s:\n%s\n\n", lv, f.Scale.LevelName(lv), indent(text))
	}
}

// groupPath is "Outer > Inner" for the groups above (and at) id.
func groupPath(f *model.Framework, id string) string {
	var parts []string
	for _, g := range f.GroupPath(id) {
		parts = append(parts, g.Title)
	}
	return strings.Join(parts, " > ")
}

func levelList(levels []int) string {
	s := make([]string, len(levels))
	for i, l := range levels {
		s[i] = fmt.Sprint(l)
	}
	return strings.Join(s, ",")
}

func oneLine(s string) string { return strings.Join(strings.Fields(s), " ") }

func indent(s string) string {
	lines := strings.Split(strings.TrimSpace(s), "\n")
	for i, l := range lines {
		lines[i] = "  " + strings.TrimSpace(l)
	}
	return strings.Join(lines, "\n")
}
