package cli

import (
	"flag"
	"fmt"
	"strconv"
	"strings"
	"text/tabwriter"

	"gapwise/internal/gap"
	"gapwise/internal/workspace"
)

// gapItemJSON is one item of `gaps --json`. The names item, title, group,
// current, target and gap are a contract.
type gapItemJSON struct {
	Item         string `json:"item"`
	Title        string `json:"title"`
	Group        string `json:"group"`   // outermost group's title; "" when none
	Current      *int   `json:"current"` // null when not rated; 0 is "none yet"
	Target       *int   `json:"target"`  // null when none; fitted to the item's levels
	Gap          int    `json:"gap"`
	Status       string `json:"status"` // met, below, not_rated or no_target
	TargetSource string `json:"target_source"`
	TargetCapped bool   `json:"target_capped"` // lowered to the item's highest level
	TargetRaised bool   `json:"target_raised"` // raised to a level at which the item is defined
}

// changeJSON is one item whose rating moved since the previous assessment.
type changeJSON struct {
	Item   string `json:"item"`
	Title  string `json:"title"`
	Kind   string `json:"kind"`   // up, down, newly_rated or no_longer_rated
	Before *int   `json:"before"` // null when not rated then
	After  *int   `json:"after"`  // null when not rated now
	Delta  int    `json:"delta"`  // after - before when both are rated, else 0
}

// previousJSON names the assessment the changes are measured from.
type previousJSON struct {
	Assessment string `json:"assessment"`
	CreatedAt  string `json:"created_at"`
}

// gapsJSON is the stable JSON shape of `gaps --json`.
type gapsJSON struct {
	Assessment string        `json:"assessment"`
	Person     string        `json:"person"` // name
	Framework  string        `json:"framework"`
	Against    string        `json:"against"` // what the targets are: "the role level Senior data analyst", "no targets set" (gap.TargetsFrom)
	InScope    int           `json:"in_scope"`
	Rated      int           `json:"rated"`
	Met        int           `json:"met"`
	Below      int           `json:"below"`
	NotRated   int           `json:"not_rated"`
	NoTarget   int           `json:"no_target"`
	TotalGap   int           `json:"total_gap"`
	Items      []gapItemJSON `json:"items"` // largest gap first, then framework order
	Previous   *previousJSON `json:"previous"`
	Changes    []changeJSON  `json:"changes"`
}

// pathwayJSON is one role level of `pathways --json`.
type pathwayJSON struct {
	RoleFamily string `json:"role_family"`
	Role       string `json:"role"`
	RoleLevel  string `json:"role_level"`
	Title      string `json:"title"`
	Rank       int    `json:"rank"`
	Required   int    `json:"required"`
	Met        int    `json:"met"`
	Rated      int    `json:"rated"`
	// RatedRequired is the part of Required the pathway rests on (same as
	// rated); Unknown the required skills not rated, never met nor gap 0.
	RatedRequired int      `json:"rated_required"`
	Unknown       int      `json:"unknown"`
	Enough        bool     `json:"enough"` // rests on at least half of Required; ranked first
	Basis         string   `json:"basis"`  // "rests on 1 of 6 required skills: rate 5 more"
	TotalGap      int      `json:"total_gap"`
	Fit           float64  `json:"fit"`
	Transferable  []string `json:"transferable"`
	Missing       []string `json:"missing"`
	NotRated      []string `json:"not_rated"`
}

// pathwaysJSON is the stable JSON shape of `pathways --json`.
type pathwaysJSON struct {
	Assessment string        `json:"assessment"`
	Person     string        `json:"person"`
	Framework  string        `json:"framework"`
	Current    *string       `json:"current"` // role level id the targets come from; null when none
	Next       *pathwayJSON  `json:"next"`    // the next more senior level of the current role
	NoRatings  bool          `json:"no_ratings"`
	Pathways   []pathwayJSON `json:"pathways"` // enough rated first, then best fit (gap.Pathways)
}

func statusCode(s gap.Status) string {
	switch s {
	case gap.Met:
		return "met"
	case gap.Below:
		return "below"
	case gap.NotRated:
		return "not_rated"
	case gap.NoTarget:
		return "no_target"
	}
	return "unknown"
}

func changeCode(k gap.ChangeKind) string {
	return strings.ReplaceAll(k.String(), " ", "_")
}

// assessmentFlag parses the flags of a command that takes only --assessment and --json.
func assessmentFlag(name string, args []string) (id string, asJSON bool, err error) {
	pos, err := flags(name, args, func(fs *flag.FlagSet) {
		fs.StringVar(&id, "assessment", "", "assessment id")
		fs.BoolVar(&asJSON, "json", false, "JSON output")
	})
	switch {
	case err != nil:
		return "", false, err
	case len(pos) > 0:
		return "", false, usagef("%s takes no arguments besides --assessment", name)
	case id == "":
		return "", false, usagef("%s needs --assessment", name)
	}
	return id, asJSON, nil
}

func (e *env) gaps(args []string) error {
	id, asJSON, err := assessmentFlag("gaps", args)
	if err != nil {
		return err
	}
	return e.withWorkspace(func(ws *workspace.Workspace) error {
		v, err := ws.Gaps(e.ctx, id)
		if err != nil {
			return err
		}
		out := toGapsJSON(v)
		if asJSON {
			return writeJSON(e.out, out)
		}
		return printGaps(e, v, out)
	})
}

func toGapsJSON(v *workspace.GapView) gapsJSON {
	s, rep := v.Sheet, v.Report
	out := gapsJSON{
		Assessment: s.Assessment.ID, Person: s.Person.Name, Framework: s.Framework.Ref.String(),
		Against: gap.TargetsFrom(s.Framework, rep.Items), InScope: rep.Count, Rated: rep.Rated, Met: rep.Met, Below: rep.Below, NotRated: rep.NotRated, NoTarget: rep.NoTarget,
		TotalGap: rep.TotalGap, Items: make([]gapItemJSON, 0, len(rep.Items)), Changes: make([]changeJSON, 0, len(v.Changes)),
	}
	for _, g := range rep.Items {
		row := gapItemJSON{
			Item: g.Item.ID, Title: g.Item.Title, Current: g.Current, Target: g.Target, Gap: g.Gap,
			Status: statusCode(g.Status), TargetSource: g.TargetSource, TargetCapped: g.Capped, TargetRaised: g.Raised,
		}
		if g.TopGroup != nil {
			row.Group = g.TopGroup.Title
		}
		out.Items = append(out.Items, row)
	}
	if v.Previous != nil {
		out.Previous = &previousJSON{Assessment: v.Previous.ID, CreatedAt: stamp(v.Previous.CreatedAt)}
	}
	for _, c := range v.Changes {
		out.Changes = append(out.Changes, changeJSON{
			Item: c.Item.ID, Title: c.Item.Title, Kind: changeCode(c.Kind), Before: c.Before, After: c.After, Delta: c.Delta,
		})
	}
	return out
}

func printGaps(e *env, v *workspace.GapView, out gapsJSON) error {
	s, rep := v.Sheet, v.Report
	fmt.Fprintf(e.out, "Gaps: %s, %s (%s), assessment %s\n", s.Person.Name, s.Framework.Ref, s.Assessment.Kind, s.Assessment.ID)
	fmt.Fprintf(e.out, "Measured against: %s\n", out.Against)
	// With targets, the tables list the items that have one; without any,
	// every item with its current level.
	targeted := rep.NoTarget < rep.Count
	for _, grp := range rep.Groups {
		title := "Items"
		if grp.Group != nil {
			title = grp.Group.Title
		} else if len(rep.Groups) > 1 {
			title = "Other items"
		}
		fmt.Fprintf(e.out, "\n%s: %s\n", title, tallyText(grp.Tally))
		tw := tabwriter.NewWriter(e.out, 0, 0, 2, ' ', 0)
		if targeted && grp.NoTarget == grp.Count {
			continue
		}
		fmt.Fprintln(tw, "  ITEM\tCURRENT\tTARGET\tGAP\tSTATUS")
		for _, g := range rep.Items {
			if g.TopGroup != grp.Group || (targeted && g.Status == gap.NoTarget) {
				continue
			}
			current, target, gapText := "not rated", "-", "-"
			if g.Current != nil {
				current = strconv.Itoa(*g.Current)
			}
			if g.Target != nil {
				target = strconv.Itoa(*g.Target)
				if g.Adjusted() {
					target += fmt.Sprintf(" (asked %d)", g.RawTarget)
				}
			}
			if g.Status == gap.Below {
				gapText = strconv.Itoa(g.Gap)
			}
			fmt.Fprintf(tw, "  %s\t%s\t%s\t%s\t%s\n", clipText(g.Item.Label(), 60), current, target, gapText, g.Status)
		}
		if err := tw.Flush(); err != nil {
			return err
		}
	}
	fmt.Fprintf(e.out, "\n%d of %d rated; %s\n", rep.Rated, rep.Count, tallyText(rep.Tally))
	switch {
	case !targeted:
		fmt.Fprintf(e.out, "No targets yet: set them with gapwise-cli assess target --assessment %s\n", s.Assessment.ID)
	case rep.NoTarget > 0:
		fmt.Fprintf(e.out, "The %d items without a target are not listed (--json lists every item).\n", rep.NoTarget)
	}
	if v.Previous == nil {
		return nil
	}
	counts := map[string]int{}
	for _, c := range out.Changes {
		counts[c.Kind]++
	}
	fmt.Fprintf(e.out, "Since %s (assessment %s): %d up, %d down, %d newly rated, %d no longer rated\n",
		v.Previous.CreatedAt.Format("2 Jan 2006"), v.Previous.ID, counts["up"], counts["down"], counts["newly_rated"], counts["no_longer_rated"])
	for i, c := range v.Changes {
		if i == 10 {
			fmt.Fprintf(e.out, "  ... and %d more\n", len(v.Changes)-10)
			break
		}
		fmt.Fprintf(e.out, "  %-8s %s: %s -> %s\n", c.Kind, c.Item.Label(), levelText(c.Before), levelText(c.After))
	}
	return nil
}

func tallyText(t gap.Tally) string {
	return fmt.Sprintf("met %d, below %d, not rated %d, no target %d; total gap %d", t.Met, t.Below, t.NotRated, t.NoTarget, t.TotalGap)
}

func levelText(l *int) string {
	if l == nil {
		return "not rated"
	}
	return strconv.Itoa(*l)
}

func toPathwayJSON(p *gap.Pathway) pathwayJSON {
	return pathwayJSON{
		RoleFamily: p.Role.Family, Role: p.Role.Title, RoleLevel: p.Level.ID, Title: p.Level.Title, Rank: p.Level.Rank,
		Required: p.Required, Met: p.Met, Rated: p.Rated, RatedRequired: p.Rated, Unknown: p.Unknown, Enough: p.Enough, Basis: p.Basis(),
		TotalGap: p.TotalGap, Fit: p.Fit,
		Transferable: nonNil(p.Transferable), Missing: nonNil(p.Missing), NotRated: nonNil(p.NotRated),
	}
}

func nonNil(s []string) []string {
	if s == nil {
		return []string{}
	}
	return s
}

func (e *env) pathways(args []string) error {
	id, asJSON, err := assessmentFlag("pathways", args)
	if err != nil {
		return err
	}
	return e.withWorkspace(func(ws *workspace.Workspace) error {
		v, err := ws.Pathways(e.ctx, id)
		if err != nil {
			return err
		}
		s := v.Sheet
		out := pathwaysJSON{
			Assessment: s.Assessment.ID, Person: s.Person.Name, Framework: s.Framework.Ref.String(),
			NoRatings: v.AllRatedZero, Pathways: make([]pathwayJSON, 0, len(v.Ranked)),
		}
		if v.Current != nil {
			out.Current = &v.Current.ID
		}
		switch {
		case v.NextGap != nil:
			next := toPathwayJSON(v.NextGap)
			out.Next = &next
		case v.Next != nil: // a level with no skill at a stated level: nothing to measure
			out.Next = &pathwayJSON{RoleFamily: v.NextRole.Family, Role: v.NextRole.Title, RoleLevel: v.Next.ID, Title: v.Next.Title,
				Rank: v.Next.Rank, Transferable: []string{}, Missing: []string{}, NotRated: []string{}}
		}
		for i := range v.Ranked {
			out.Pathways = append(out.Pathways, toPathwayJSON(&v.Ranked[i]))
		}
		if asJSON {
			return writeJSON(e.out, out)
		}
		return printPathways(e, v, out)
	})
}

func printPathways(e *env, v *workspace.PathwayView, out pathwaysJSON) error {
	s := v.Sheet
	fmt.Fprintf(e.out, "Career pathways: %s, %s (%d role levels; those resting on at least half their skills first, then best fit)\n", s.Person.Name, s.Framework.Ref, len(out.Pathways))
	if v.AllRatedZero {
		fmt.Fprintln(e.out, "No item is rated yet, so the ranking says nothing yet: rate some items first.")
	}
	if v.Current != nil {
		fmt.Fprintf(e.out, "Measured against: %s (%s)", v.Current.Title, v.Current.ID)
		if p := v.CurrentPath; p != nil {
			fmt.Fprintf(e.out, ": %d of %d met, %s; %s", p.Met, p.Required, p.GapText(), p.Basis())
		}
		fmt.Fprintln(e.out)
	}
	fmt.Fprintln(e.out)
	tw := tabwriter.NewWriter(e.out, 0, 0, 2, ' ', 0)
	fmt.Fprintln(tw, "#\tFIT\tMET\tGAP\tRATED\tROLE LEVEL\tFAMILY\tID")
	for i, p := range out.Pathways {
		if i == 15 {
			break
		}
		gapText := strconv.Itoa(p.TotalGap)
		rated := fmt.Sprintf("%d/%d", p.RatedRequired, p.Required)
		if p.Unknown > 0 {
			gapText += "+" // a lower bound: unrated skills have no known gap
			rated += fmt.Sprintf(" (rate %d more)", p.Unknown)
		}
		fmt.Fprintf(tw, "%d\t%.0f%%\t%d/%d\t%s\t%s\t%s\t%s\t%s\n", i+1, p.Fit*100, p.Met, p.Required, gapText, rated, p.Title, p.RoleFamily, p.RoleLevel)
	}
	if err := tw.Flush(); err != nil {
		return err
	}
	if len(out.Pathways) > 15 {
		fmt.Fprintf(e.out, "... and %d more (--json lists them all)\n", len(out.Pathways)-15)
	}
	fmt.Fprintln(e.out)
	switch {
	case out.Next != nil && out.Next.Required > 0:
		n := out.Next
		fmt.Fprintf(e.out, "Next step: %s (%s): %d of %d met, %s; %s", n.Title, n.RoleLevel, n.Met, n.Required, v.NextGap.GapText(), n.Basis)
		if len(n.Missing) > 0 {
			fmt.Fprintf(e.out, "; to work on: %s", strings.Join(n.Missing, ", "))
		}
		fmt.Fprintln(e.out)
	case out.Next != nil:
		fmt.Fprintf(e.out, "Next step: %s (%s), which lists no skills at a stated level\n", out.Next.Title, out.Next.RoleLevel)
	case v.Current != nil:
		fmt.Fprintf(e.out, "Next step: %s is the most senior level of its role; see the ranking above for other roles\n", v.Current.Title)
	default:
		fmt.Fprintf(e.out, "Next step: set targets from a role level (gapwise-cli assess target --assessment %s --role-level ID) to see the next level\n", s.Assessment.ID)
	}
	return nil
}
