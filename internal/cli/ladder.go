package cli

import (
	"flag"
	"fmt"
	"strings"
	"text/tabwriter"

	"gapwise/internal/gap"
	"gapwise/internal/model"
	"gapwise/internal/workspace"
)

// maxSideways is how many sideways moves the text output lists.
const maxSideways = 10

// ladderStepJSON is one level of a role's ladder in `ladder --json`.
type ladderStepJSON struct {
	pathwayJSON
	Standing string `json:"standing"`  // reached | met_so_far | short | unrated (gap.Standing)
	FitsNow  bool   `json:"fits_now"`  // the most senior level reached in this role
	NextStep bool   `json:"next_step"` // the step up from there; the first level when none is reached
}

// ladderRoleJSON is one role of the family with its levels most junior first.
type ladderRoleJSON struct {
	Role   string           `json:"role"`
	Title  string           `json:"title"`
	Levels []ladderStepJSON `json:"levels"`
}

// ladderJSON is the stable JSON shape of `ladder --json`.
type ladderJSON struct {
	Assessment string           `json:"assessment"`
	Person     string           `json:"person"`
	Framework  string           `json:"framework"`
	Family     string           `json:"family"`
	Families   []string         `json:"families"` // every family with role levels
	Current    *string          `json:"current"`  // role level the targets come from; null when none
	NoRatings  bool             `json:"no_ratings"`
	Roles      []ladderRoleJSON `json:"roles"`
	Sideways   []pathwayJSON    `json:"sideways"` // other families, ranked by transferable skills (gap.Sideways)
}

func standingCode(s gap.Standing) string { return strings.ReplaceAll(s.String(), " ", "_") }

func (e *env) ladder(args []string) error {
	var id, family string
	var asJSON bool
	pos, err := flags("ladder", args, func(fs *flag.FlagSet) {
		fs.StringVar(&id, "assessment", "", "assessment id")
		fs.StringVar(&family, "family", "", "role family (name or slug; default: the family of the role level you are measured against)")
		fs.BoolVar(&asJSON, "json", false, "JSON output")
	})
	switch {
	case err != nil:
		return err
	case len(pos) > 0:
		return usagef("ladder takes no arguments besides its flags")
	case id == "":
		return usagef("ladder needs --assessment")
	}
	return e.withWorkspace(func(ws *workspace.Workspace) error {
		v, err := ws.Pathways(e.ctx, id)
		if err != nil {
			return err
		}
		fams := v.Families()
		fam := v.DefaultFamily()
		if family != "" {
			var ok bool
			if fam, ok = gap.FindFamily(v.Sheet.Framework, family); !ok {
				return model.Errorf(model.Invalid, "%s has no role family %q with role levels; families: %s", v.Sheet.Framework.Ref, family, strings.Join(fams, ", "))
			}
		}
		l, ok := v.Ladder(fam)
		if !ok {
			return model.Errorf(model.Invalid, "%s has no role levels to draw a ladder from", v.Sheet.Framework.Ref)
		}
		s := v.Sheet
		out := ladderJSON{
			Assessment: s.Assessment.ID, Person: s.Person.Name, Framework: s.Framework.Ref.String(),
			Family: l.Family, Families: fams, NoRatings: v.AllRatedZero,
			Roles: []ladderRoleJSON{}, Sideways: []pathwayJSON{},
		}
		if v.Current != nil {
			out.Current = &v.Current.ID
		}
		for _, r := range l.Roles {
			rj := ladderRoleJSON{Role: r.Role.ID, Title: r.Role.Title}
			for k := range r.Steps {
				p := &r.Steps[k]
				rj.Levels = append(rj.Levels, ladderStepJSON{pathwayJSON: toPathwayJSON(p), Standing: standingCode(p.Standing()), FitsNow: k == r.Fits, NextStep: k == r.Next})
			}
			out.Roles = append(out.Roles, rj)
		}
		for i := range l.Sideways {
			out.Sideways = append(out.Sideways, toPathwayJSON(&l.Sideways[i]))
		}
		if asJSON {
			return writeJSON(e.out, out)
		}
		return printLadder(e, v, &l)
	})
}

func printLadder(e *env, v *workspace.PathwayView, l *gap.Ladder) error {
	s := v.Sheet
	fmt.Fprintf(e.out, "Career ladder: %s, %s, %s family (%d roles)\n", s.Person.Name, s.Framework.Ref, l.Family, len(l.Roles))
	fmt.Fprintln(e.out, "A level is reached when every skill it requires is rated and met; unrated skills are unknown, never met.")
	if v.AllRatedZero {
		fmt.Fprintln(e.out, "No item is rated yet: rate some items first.")
	}
	tw := tabwriter.NewWriter(e.out, 0, 0, 2, ' ', 0)
	for _, r := range l.Roles {
		fmt.Fprintf(tw, "\n%s\n", r.Role.Title) // no tab: each role's levels align on their own
		for k := range r.Steps {
			p := &r.Steps[k]
			mark := ""
			switch {
			case k == r.Fits:
				mark = "you fit here"
			case k == r.Next && r.Fits < 0:
				mark = "start here" // no level of this role reached yet
			case k == r.Next:
				mark = "next step up"
			}
			if v.Current != nil && p.Level.ID == v.Current.ID {
				mark = strings.TrimPrefix(mark+", your target", ", ")
			}
			fmt.Fprintf(tw, "  %s\t%s\t%s\t%s\n", p.Level.Title, p.StepText(), mark, p.Level.ID)
		}
	}
	if err := tw.Flush(); err != nil {
		return err
	}
	fmt.Fprintln(e.out)
	if len(l.Sideways) == 0 {
		fmt.Fprintln(e.out, "Sideways moves: none yet (no rated skill of yours meets another family's role level)")
		return nil
	}
	fmt.Fprintln(e.out, "Sideways moves to other families, by the share of the level's required skills you already meet (rated skills only):")
	tw = tabwriter.NewWriter(e.out, 0, 0, 2, ' ', 0)
	for i := range l.Sideways {
		if i == maxSideways {
			break
		}
		p := &l.Sideways[i]
		fmt.Fprintf(tw, "  %.0f%%\t%s\t%s\t%s\t%s\n", p.Fit*100, p.Level.Title, p.Role.Family, p.TransferText(), p.Level.ID)
	}
	if err := tw.Flush(); err != nil {
		return err
	}
	if len(l.Sideways) > maxSideways {
		fmt.Fprintf(e.out, "... and %d more (--json lists them all)\n", len(l.Sideways)-maxSideways)
	}
	return nil
}
