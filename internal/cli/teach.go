package cli

import (
	"flag"
	"fmt"

	"gapwise/internal/gap"
	"gapwise/internal/model"
	"gapwise/internal/workspace"
)

// teamTeachJSON is the stable JSON shape of `team teach --json`.
type teamTeachJSON struct {
	Team      string          `json:"team"`
	Name      string          `json:"name"`
	Framework string          `json:"framework"`
	Workshop  bool            `json:"workshop"`
	MinPeople int             `json:"min_people"`
	Items     []teachItemJSON `json:"items"`  // every item, or the one asked for
	Agreed    []teachedAction `json:"agreed"` // the team actions --agree added; [] without it
}

// teachItemJSON is one item's teaching as the display shows it.
type teachItemJSON struct {
	Item       string `json:"item"`
	Title      string `json:"title"`
	Suppressed bool   `json:"suppressed"` // rests on fewer than min_people rated members (workshop display)
	// Counts (gap.Teach); null when suppressed.
	Teachers   *int `json:"teachers"`
	Learners   *int `json:"learners"`
	Interested *int `json:"interested"`
	Sessions   *int `json:"sessions"`
	// Lines are the team screen's words (gap.TeachingLines); [] when it
	// says nothing.
	Lines []string `json:"lines"`
}

// teachedAction is a team action --agree added. Owner is its owner as the
// display labels them (a name, or "Member A" with individual rows), ""
// in workshop display without them; never a person id.
type teachedAction struct {
	ID        string `json:"id"`
	Objective string `json:"objective"`
	Owner     string `json:"owner"`
}

// teamTeach lists who can teach whom and, with --agree, adds an item's
// suggested sessions to the team plan, as the team screen's "Agree as team
// actions" does (workspace.AgreePairings).
func (e *env) teamTeach(args []string) error {
	var teamID, item string
	var agree, asJSON bool
	var disp displayFlags
	pos, err := flags("team teach", args, func(fs *flag.FlagSet) {
		fs.StringVar(&teamID, "team", "", "team id or unique name")
		fs.StringVar(&item, "item", "", "only this item (its id, e.g. 1.2)")
		fs.BoolVar(&agree, "agree", false, "add the item's suggested sessions to the team plan (with --item)")
		fs.BoolVar(&asJSON, "json", false, "JSON output")
		disp.define(fs)
	})
	switch {
	case err != nil:
		return err
	case len(pos) > 0:
		return usagef("team teach takes no arguments besides --team")
	case teamID == "":
		return usagef("team teach needs --team ID")
	case agree && item == "":
		return usagef("team teach --agree needs --item ITEM: sessions are agreed one item at a time")
	}
	d, err := disp.check("team teach")
	if err != nil {
		return err
	}
	return e.withWorkspace(func(ws *workspace.Workspace) error {
		t, err := resolveTeam(e, ws, teamID)
		if err != nil {
			return err
		}
		v, err := ws.TeamView(e.ctx, t.ID)
		if err != nil {
			return err
		}
		var only *gap.ItemMeasure
		if item != "" {
			for i := range v.Measures.Items {
				if v.Measures.Items[i].Item.ID == item {
					only = &v.Measures.Items[i]
				}
			}
			if only == nil {
				return model.Errorf(model.NotFound, "%s has no item %q", v.Framework.Ref, item)
			}
		}
		out := toTeamTeachJSON(v, d, only)
		if agree {
			added, err := ws.AgreePairings(e.ctx, t.ID, item, d)
			if err != nil {
				return err
			}
			r := v.Roster(d)
			for _, a := range added {
				owner := ""
				if d.PersonRows() {
					owner = r.Label(a.Owner)
				}
				out.Agreed = append(out.Agreed, teachedAction{ID: a.ID, Objective: a.Objective, Owner: owner})
			}
		}
		if asJSON {
			return writeJSON(e.out, out)
		}
		return printTeamTeach(e, v, d, out, only)
	})
}

// toTeamTeachJSON is every item's teaching (or only's) as d shows it.
func toTeamTeachJSON(v *workspace.TeamView, d gap.Display, only *gap.ItemMeasure) teamTeachJSON {
	out := teamTeachJSON{Team: v.Team.ID, Name: v.Team.Name, Framework: v.Team.Framework.String(),
		Workshop: d.Workshop, MinPeople: d.MinPeople, Items: []teachItemJSON{}, Agreed: []teachedAction{}}
	r := v.Roster(d)
	order := v.Ratings.DisplayOrder(r)
	for i := range v.Measures.Items {
		m := &v.Measures.Items[i]
		if only != nil && m != only {
			continue
		}
		row := teachItemJSON{Item: m.Item.ID, Title: m.Item.Title, Suppressed: d.Hides(m.Rated), Lines: []string{}}
		if !row.Suppressed {
			tc := gap.Teach(v.Framework, v.Ratings, m, order)
			teachers, learners, interested, sessions := len(tc.Teachers), len(tc.Learners), len(tc.Interested), len(tc.Pairings)
			row.Teachers, row.Learners, row.Interested, row.Sessions = &teachers, &learners, &interested, &sessions
			if lines := gap.TeachingLines(d, r, v.Ratings, tc, m); lines != nil {
				row.Lines = lines
			}
		}
		out.Items = append(out.Items, row)
	}
	return out
}

func printTeamTeach(e *env, v *workspace.TeamView, d gap.Display, out teamTeachJSON, only *gap.ItemMeasure) error {
	fmt.Fprintf(e.out, "Team %s, %s\n", out.Name, out.Framework)
	if d.Workshop {
		what := "counts only"
		if d.Individual {
			what = "members under neutral labels"
		}
		fmt.Fprintf(e.out, "Workshop display: %s; items rated by fewer than %d members are not shown.\n", what, d.MinPeople)
	}
	if only != nil {
		it := out.Items[0]
		switch {
		case it.Suppressed:
			fmt.Fprintf(e.out, "%s rests on fewer than %d rated members: not shown in workshop display.\n", only.Item.Label(), d.MinPeople)
		case len(it.Lines) == 0:
			fmt.Fprintf(e.out, "%s: nobody could teach it yet, and nobody has asked to learn it.\n", only.Item.Label())
		}
	}
	if !printTeaching(e, v, d, only) && only == nil {
		fmt.Fprintln(e.out, "Nobody could teach an item yet, and nobody has asked to learn one.")
	}
	if len(out.Agreed) == 0 {
		return nil
	}
	fmt.Fprintf(e.out, "\nAdded %s on %s to the plan of team %s:\n", model.Plural(len(out.Agreed), "action", "actions"), only.Item.ID, out.Name)
	for _, a := range out.Agreed {
		if a.Owner != "" {
			fmt.Fprintf(e.out, "- %s %s (%s)\n", a.ID, a.Objective, a.Owner)
		} else {
			fmt.Fprintf(e.out, "- %s %s\n", a.ID, a.Objective)
		}
	}
	return nil
}
