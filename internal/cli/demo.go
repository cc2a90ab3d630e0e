package cli

import (
	"flag"
	"fmt"

	"gapwise/internal/workspace"
)

// demoJSON is the stable JSON shape of `demo --json`.
type demoJSON struct {
	Created     bool             `json:"created"` // false: the sample already existed and nothing changed
	Person      personJSON       `json:"person"`
	Assessments []assessmentJSON `json:"assessments"`
	Team        string           `json:"team"` // the fictional team's id
}

// demoRemovedJSON is the stable JSON shape of `demo --remove --json`;
// removed is the number of sample people.
type demoRemovedJSON struct {
	Removed     int `json:"removed"`
	Teams       int `json:"teams"`
	Assessments int `json:"assessments"`
	Ratings     int `json:"ratings"`
	Plans       int `json:"plans"`
	Appraisals  int `json:"appraisals"`
}

func (e *env) demo(args []string) error {
	var asJSON, remove bool
	pos, err := flags("demo", args, func(fs *flag.FlagSet) {
		fs.BoolVar(&asJSON, "json", false, "JSON output")
		fs.BoolVar(&remove, "remove", false, "delete the sample data instead")
	})
	if err != nil {
		return err
	}
	if len(pos) > 0 {
		return usagef("demo takes no arguments")
	}
	return e.withWorkspace(func(ws *workspace.Workspace) error {
		if remove {
			gone, err := ws.RemoveSampleData(e.ctx)
			if err != nil {
				return err
			}
			if asJSON {
				return writeJSON(e.out, demoRemovedJSON{Removed: gone.People, Teams: gone.TeamsRemoved,
					Assessments: gone.Assessments, Ratings: gone.Ratings, Plans: gone.Plans, Appraisals: gone.Appraisals})
			}
			_, err = fmt.Fprintf(e.out, "Removed %s.\n", gone.Summary())
			return err
		}
		res, err := ws.CreateSampleData(e.ctx)
		if err != nil {
			return err
		}
		out := demoJSON{Created: res.Created, Person: toPersonJSON(res.Person), Assessments: make([]assessmentJSON, 0, len(res.Assessments)), Team: res.Team.ID}
		for _, a := range res.Assessments {
			s, err := ws.Sheet(e.ctx, a.ID)
			if err != nil {
				return err
			}
			out.Assessments = append(out.Assessments, toAssessmentJSON(s))
		}
		if asJSON {
			return writeJSON(e.out, out)
		}
		p := res.Person
		if res.Created {
			fmt.Fprintf(e.out, "Created sample data: %s (%s), a fictional %s, %g WTE informatics at %s\n",
				p.Name, p.ID, p.Role, p.InformaticsWTE, p.Organisation)
		} else {
			fmt.Fprintf(e.out, "Sample data already exists: %s (%s); nothing changed.\n", p.Name, p.ID)
		}
		for _, a := range out.Assessments {
			fmt.Fprintf(e.out, "  %s  %-21s %s  %d/%d rated, %d targets\n", a.ID, a.Framework, a.CreatedAt[:10], a.Rated, a.Items, a.Targets)
		}
		if res.Team.ID != "" {
			fmt.Fprintf(e.out, "Team: %s (%s), with %s and 7 fictional colleagues; see: gapwise-cli team gaps --team %s\n", res.Team.Name, res.Team.ID, p.Name, res.Team.ID)
		}
		_, err = fmt.Fprintln(e.out, "Everything is marked as sample data; remove it with: gapwise-cli demo --remove")
		return err
	})
}
