package cli

import (
	"bytes"
	"encoding/csv"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"strconv"
	"strings"
	"text/tabwriter"
	"time"

	"gapwise/internal/gap"
	"gapwise/internal/model"
	"gapwise/internal/workspace"
)

// teamJSON is the stable JSON shape of a team (`team list --json`, `team
// create --json`).
type teamJSON struct {
	ID        string `json:"id"`
	Name      string `json:"name"`
	Framework string `json:"framework"`
	Members   int    `json:"members"`
	Sample    bool   `json:"sample"`
}

// teamMemberJSON is one member in `team show --json`.
type teamMemberJSON struct {
	ID             string  `json:"id"`
	Name           string  `json:"name"`
	Discipline     string  `json:"discipline"`
	Role           string  `json:"role"`
	Organisation   string  `json:"organisation"`
	InformaticsWTE float64 `json:"informatics_wte"`
	Assessed       bool    `json:"assessed"` // has a self-assessment of the team's framework version
	Rated          int     `json:"rated"`    // items rated in it (level 0 included)
	Sample         bool    `json:"sample"`
}

// disciplineJSON is one discipline of a team's composition.
type disciplineJSON struct {
	Discipline string  `json:"discipline"`
	Label      string  `json:"label"`
	Count      int     `json:"count"`
	Share      float64 `json:"share"`    // of the members
	WTE        float64 `json:"wte"`      // summed informatics WTE
	Clinical   bool    `json:"clinical"` // counts towards the benchmark
}

// compositionJSON is who a team is made of.
type compositionJSON struct {
	Members          int              `json:"members"`
	Disciplines      int              `json:"disciplines"`
	TotalWTE         float64          `json:"total_wte"`
	ClinicalMembers  int              `json:"clinical_members"`
	ClinicalWTE      float64          `json:"clinical_wte"` // what the benchmark counts
	WachterBenchmark float64          `json:"wachter_benchmark"`
	ShareOfBenchmark float64          `json:"share_of_benchmark"` // clinical_wte / wachter_benchmark
	ByDiscipline     []disciplineJSON `json:"by_discipline"`
}

// teamShowJSON is the stable JSON shape of `team show --json`.
type teamShowJSON struct {
	Team        string           `json:"team"` // id
	Name        string           `json:"name"`
	Framework   string           `json:"framework"`
	Sample      bool             `json:"sample"`
	Assessed    int              `json:"assessed"`
	Targets     int              `json:"targets"`
	Members     []teamMemberJSON `json:"members"` // by name
	Composition compositionJSON  `json:"composition"`
}

// teamItemJSON is one item of `team gaps --json`. In workshop display the
// figures of an item that fewer than min_people members rated are null and
// suppressed is true; target is the team's own choice and always shown.
type teamItemJSON struct {
	Item       string   `json:"item"`
	Title      string   `json:"title"`
	Rated      *int     `json:"rated"`
	Meeting    *int     `json:"meeting"`
	Below      *int     `json:"below"`
	Median     *int     `json:"median"` // the lower middle value when the count is even; null when none rated
	Max        *int     `json:"max"`    // null when none rated
	Covered    *bool    `json:"covered"`
	Fragile    *bool    `json:"fragile"`
	BelowShare *float64 `json:"below_share"`
	Target     *int     `json:"target"` // null when none
	Suppressed bool     `json:"suppressed"`
	// Who can teach whom (gap.Teach): members who could teach the item, who
	// want to learn it (flagged interest or below target) and who flagged
	// "I want to develop this"; null when suppressed.
	Teachers   *int `json:"teachers"`
	Learners   *int `json:"learners"`
	Interested *int `json:"interested"`
}

// teamGapsJSON is the stable JSON shape of `team gaps --json`.
type teamGapsJSON struct {
	Team       string         `json:"team"` // id
	Name       string         `json:"name"`
	Framework  string         `json:"framework"`
	Members    int            `json:"members"`
	Assessed   int            `json:"assessed"`
	MinPeople  int            `json:"min_people"`
	Workshop   bool           `json:"workshop"`
	Items      []teamItemJSON `json:"items"`       // framework order
	CommonGaps []string       `json:"common_gaps"` // item ids, most widespread first; suppressed items left out
}

// teamImportedJSON is one file `team import` took.
type teamImportedJSON struct {
	File       string `json:"file"`
	Person     string `json:"person"` // name
	PersonID   string `json:"person_id"`
	Assessment string `json:"assessment"`
	Outcome    string `json:"outcome"` // added | replaced
	// PersonUpdated: --accept-person-update gave the person the file's details.
	PersonUpdated bool `json:"person_updated,omitempty"`
}

// teamRefusedJSON is one file `team import` refused.
type teamRefusedJSON struct {
	File  string `json:"file"`
	Error string `json:"error"`
}

// teamImportJSON is the stable JSON shape of `team import --json`.
type teamImportJSON struct {
	Imported  []teamImportedJSON `json:"imported"`
	Unchanged int                `json:"unchanged"`
	Refused   []teamRefusedJSON  `json:"refused"`
}

// resolveTeam finds a team by id or, failing that, by a name that matches
// exactly one team (ignoring case).
func resolveTeam(e *env, ws *workspace.Workspace, s string) (model.Team, error) {
	return resolve(s, "team", "teams", "team", func(id string) (model.Team, error) { return ws.Team(e.ctx, id) },
		func() ([]model.Team, error) { return ws.Teams(e.ctx) },
		func(t model.Team) (string, string) { return t.ID, t.Name })
}

func toTeamJSON(t model.Team, members int) teamJSON {
	return teamJSON{ID: t.ID, Name: t.Name, Framework: t.Framework.String(), Members: members, Sample: t.Sample}
}

func (e *env) teamCreate(args []string) error {
	var name, fw string
	var asJSON bool
	pos, err := flags("team create", args, func(fs *flag.FlagSet) {
		fs.StringVar(&name, "name", "", "the team's name")
		fs.StringVar(&fw, "framework", "", "framework ID or ID@VERSION")
		fs.BoolVar(&asJSON, "json", false, "print the new team as JSON")
	})
	switch {
	case err != nil:
		return err
	case len(pos) > 0:
		return usagef("team create takes no arguments (use --name)")
	case strings.TrimSpace(name) == "":
		return usagef("team create needs --name")
	case fw == "":
		return usagef("team create needs --framework, e.g. fci or sfia@9")
	}
	return e.withWorkspace(func(ws *workspace.Workspace) error {
		f, err := ws.ResolveFramework(e.ctx, fw)
		if err != nil {
			return err
		}
		t, err := ws.CreateTeam(e.ctx, name, f.Ref)
		if err != nil {
			return err
		}
		if asJSON {
			return writeJSON(e.out, toTeamJSON(t, 0))
		}
		_, err = fmt.Fprintf(e.out, "%s\nCreated team %q on %s; add members with: gapwise-cli team add --team %s --person ID|NAME\n", t.ID, t.Name, t.Framework, t.ID)
		return err
	})
}

func (e *env) teamList(args []string) error {
	var asJSON bool
	pos, err := flags("team list", args, func(fs *flag.FlagSet) { fs.BoolVar(&asJSON, "json", false, "JSON output") })
	if err != nil {
		return err
	}
	if len(pos) > 0 {
		return usagef("team list takes no arguments")
	}
	return e.withWorkspace(func(ws *workspace.Workspace) error {
		teams, err := ws.Teams(e.ctx)
		if err != nil {
			return err
		}
		rows := make([]teamJSON, 0, len(teams))
		for _, t := range teams {
			members, err := ws.Members(e.ctx, t.ID)
			if err != nil {
				return err
			}
			rows = append(rows, toTeamJSON(t, len(members)))
		}
		return printList(e, asJSON, rows, listing[teamJSON]{
			header: "ID\tNAME\tFRAMEWORK\tMEMBERS",
			row: func(_ int, r teamJSON) string {
				return fmt.Sprintf("%s\t%s\t%s\t%d", r.ID, sampleName(r.Name, r.Sample), r.Framework, r.Members)
			},
			one: "team", many: "teams",
			empty: "No teams yet; create one with: gapwise-cli team create --name NAME --framework ID",
		})
	})
}

func (e *env) teamAdd(args []string) error {
	var teamID, csvPath string
	var persons stringList
	var asJSON bool
	pos, err := flags("team add", args, func(fs *flag.FlagSet) {
		fs.StringVar(&teamID, "team", "", "team id or unique name")
		fs.Var(&persons, "person", "person id or unique name (repeat for more)")
		fs.StringVar(&csvPath, "people", "", "a CSV file with a column id, person or name: one person per row")
		fs.BoolVar(&asJSON, "json", false, "print what was added as JSON")
	})
	switch {
	case err != nil:
		return err
	case len(pos) > 0:
		return usagef("team add takes no arguments (repeat --person, or give --people FILE.csv)")
	case teamID == "" || (len(persons) == 0 && csvPath == ""):
		return usagef("team add needs --team ID and --person ID|NAME (repeatable) or --people FILE.csv")
	}
	names := []string(persons)
	if csvPath != "" {
		fromFile, err := readPeopleCSV(csvPath)
		if err != nil {
			return err
		}
		names = append(names, fromFile...)
	}
	return e.withWorkspace(func(ws *workspace.Workspace) error {
		t, err := resolveTeam(e, ws, teamID)
		if err != nil {
			return err
		}
		people, err := resolvePeople(e, ws, names)
		if err != nil {
			return err
		}
		ids := make([]string, len(people))
		for i, p := range people {
			ids[i] = p.ID
		}
		added, err := ws.AddMembers(e.ctx, t.ID, ids)
		if err != nil {
			return err
		}
		members, err := ws.Members(e.ctx, t.ID)
		if err != nil {
			return err
		}
		if asJSON {
			return writeJSON(e.out, struct {
				Team    string `json:"team"`
				Added   int    `json:"added"`
				Already int    `json:"already_members"`
				Members int    `json:"members"`
			}{t.ID, added, len(people) - added, len(members)})
		}
		switch {
		case len(people) == 1 && added == 0:
			_, err = fmt.Fprintf(e.out, "%s is already in %s (%d members); nothing changed\n", people[0].Name, t.Name, len(members))
		case len(people) == 1:
			_, err = fmt.Fprintf(e.out, "Added %s to %s (%d members)\n", people[0].Name, t.Name, len(members))
		default:
			_, err = fmt.Fprintf(e.out, "Added %d of %d people to %s (%d members); %d were members already\n",
				added, len(people), t.Name, len(members), len(people)-added)
		}
		return err
	})
}

// resolvePeople finds each of names (ids or unique names, as --person takes)
// with one read of the people list, so a thousand names cost one query, and
// refuses the whole list when any is unknown or ambiguous.
func resolvePeople(e *env, ws *workspace.Workspace, names []string) ([]model.Person, error) {
	all, err := ws.People(e.ctx)
	if err != nil {
		return nil, err
	}
	byID := make(map[string]int, len(all))
	byName := make(map[string][]int, len(all))
	for i, p := range all {
		byID[p.ID] = i
		key := strings.ToLower(p.Name)
		byName[key] = append(byName[key], i)
	}
	seen := map[string]bool{}
	var out []model.Person
	for _, n := range names {
		n = strings.TrimSpace(n)
		i, ok := byID[n]
		if !ok {
			switch m := byName[strings.ToLower(n)]; len(m) {
			case 0:
				return nil, model.Errorf(model.NotFound, "no person has the id or name %q (see: gapwise-cli people list); nobody was added", n)
			case 1:
				i = m[0]
			default:
				return nil, model.Errorf(model.Invalid, "%d people are called %q; give an id; nobody was added", len(m), n)
			}
		}
		if !seen[all[i].ID] {
			seen[all[i].ID] = true
			out = append(out, all[i])
		}
	}
	return out, nil
}

// readPeopleCSV reads the person column of a CSV file: the first column
// headed id, person or name (any case). Blank rows are skipped.
func readPeopleCSV(path string) ([]string, error) {
	fi, err := os.Stat(path)
	if err != nil {
		return nil, model.Wrap(model.NotFound, err, "cannot read %s", path)
	}
	if !fi.Mode().IsRegular() {
		return nil, model.Errorf(model.Invalid, "%s is not a regular file", path)
	}
	if fi.Size() > maxPeopleCSV {
		return nil, model.Errorf(model.Invalid, "%s is %d bytes; a people list is at most %d", path, fi.Size(), maxPeopleCSV)
	}
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, model.Wrap(model.Denied, err, "cannot read %s", path)
	}
	r := csv.NewReader(bytes.NewReader(bytes.TrimPrefix(data, []byte("\xef\xbb\xbf"))))
	r.FieldsPerRecord = -1
	header, err := r.Read()
	if err != nil {
		return nil, model.Wrap(model.Invalid, err, "%s: no header row", path)
	}
	col := -1
	for i, h := range header {
		switch strings.ToLower(strings.TrimSpace(h)) {
		case "id", "person", "name":
			if col < 0 {
				col = i
			}
		}
	}
	if col < 0 {
		return nil, model.Errorf(model.Invalid, "%s: line 1 has no column called id, person or name", path)
	}
	var out []string
	for {
		rec, err := r.Read()
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			return nil, model.Wrap(model.Invalid, err, "%s", path)
		}
		if col < len(rec) && strings.TrimSpace(rec[col]) != "" {
			out = append(out, rec[col])
		}
	}
	if len(out) == 0 {
		return nil, model.Errorf(model.Invalid, "%s names nobody", path)
	}
	return out, nil
}

// maxPeopleCSV bounds a people list: 50,000 names fit in far less.
const maxPeopleCSV = 16 << 20

// stringList is a flag that may be given more than once.
type stringList []string

func (l *stringList) String() string     { return strings.Join(*l, ",") }
func (l *stringList) Set(v string) error { *l = append(*l, v); return nil }

// teamImport imports members' self-assessment files: a bad file is
// refused whole and reported, the others still import, and the exit status
// is 1 if any file was refused.
func (e *env) teamImport(args []string) error {
	var teamID string
	var asJSON bool
	var opts workspace.AssessmentImportOptions
	paths, err := flags("team import", args, func(fs *flag.FlagSet) {
		fs.StringVar(&teamID, "team", "", "team id or unique name")
		fs.BoolVar(&asJSON, "json", false, "JSON output")
		acceptPersonFlag(fs, &opts)
	})
	switch {
	case err != nil:
		return err
	case teamID == "":
		return usagef("team import needs --team ID")
	case len(paths) == 0:
		return usagef("team import needs one or more FILEs or FOLDERs")
	}
	return e.withWorkspace(func(ws *workspace.Workspace) error {
		t, err := resolveTeam(e, ws, teamID)
		if err != nil {
			return err
		}
		files, err := workspace.ExpandPaths(paths)
		if err != nil {
			return err
		}
		out := teamImportJSON{Imported: []teamImportedJSON{}, Refused: []teamRefusedJSON{}}
		all, err := ws.ImportTeamFiles(e.ctx, t.ID, files, nil, opts)
		if err != nil {
			return err
		}
		for _, r := range all.Refused {
			msg := oneLine(personHint(r.Err).Error())
			out.Refused = append(out.Refused, teamRefusedJSON{File: r.File, Error: msg})
			if !asJSON {
				fmt.Fprintf(e.out, "refused: %s\n", msg)
			}
		}
		for _, r := range append(all.Imported, all.Same...) {
			if r.Outcome == workspace.Unchanged {
				out.Unchanged++
			} else {
				out.Imported = append(out.Imported, teamImportedJSON{File: r.File, Person: r.Person.Name, PersonID: r.Person.ID,
					Assessment: r.Assessment.ID, Outcome: outcomeNames[r.Outcome], PersonUpdated: r.PersonUpdated})
			}
			if !asJSON {
				fmt.Fprintf(e.out, "%s: %s\n", r.File, r.Describe())
			}
		}
		if asJSON {
			if err := writeJSON(e.out, out); err != nil {
				return err
			}
		} else {
			fmt.Fprintf(e.out, "%s: %s\n", t.Name, all.Summary())
		}
		if n := len(all.Refused); n > 0 {
			return model.Errorf(model.Invalid, "%d of %d file(s) refused; nothing from them was written", n, len(files))
		}
		return nil
	})
}

func (e *env) teamShow(args []string) error {
	var teamID string
	var asJSON bool
	pos, err := flags("team show", args, func(fs *flag.FlagSet) {
		fs.StringVar(&teamID, "team", "", "team id or unique name")
		fs.BoolVar(&asJSON, "json", false, "JSON output")
	})
	switch {
	case err != nil:
		return err
	case len(pos) > 0:
		return usagef("team show takes no arguments besides --team")
	case teamID == "":
		return usagef("team show needs --team ID")
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
		out := teamShowJSON{
			Team: t.ID, Name: t.Name, Framework: t.Framework.String(), Sample: t.Sample, Assessed: v.Assessed,
			Targets: len(v.Targets), Members: make([]teamMemberJSON, 0, len(v.Members)), Composition: toCompositionJSON(v.Composition),
		}
		for _, p := range v.Members {
			out.Members = append(out.Members, teamMemberJSON{
				ID: p.ID, Name: p.Name, Discipline: string(p.Discipline), Role: p.Role, Organisation: p.Organisation,
				InformaticsWTE: p.InformaticsWTE, Assessed: v.HasAssessed(p.ID), Rated: v.Ratings.Count(p.ID), Sample: p.Sample,
			})
		}
		if asJSON {
			return writeJSON(e.out, out)
		}
		name := sampleName(t.Name, t.Sample)
		fmt.Fprintf(e.out, "Team %s (%s)\n%s; %d members, %d with a self-assessment; %d targets\n",
			name, t.ID, t.Framework, len(out.Members), out.Assessed, out.Targets)
		if len(out.Members) > 0 {
			tw := tabwriter.NewWriter(e.out, 0, 0, 2, ' ', 0)
			fmt.Fprintln(tw, "ID\tNAME\tDISCIPLINE\tROLE\tWTE\tASSESSED")
			items := len(v.Framework.Items)
			for _, m := range out.Members {
				status := "no"
				if m.Assessed {
					status = fmt.Sprintf("yes, %d/%d rated", m.Rated, items)
				}
				fmt.Fprintf(tw, "%s\t%s\t%s\t%s\t%g\t%s\n", m.ID, m.Name, m.Discipline, clipText(m.Role, 40), m.InformaticsWTE, status)
			}
			if err := tw.Flush(); err != nil {
				return err
			}
		} else {
			fmt.Fprintf(e.out, "No members yet: add them with gapwise-cli team add --team %s --person ID|NAME\n", t.ID)
		}
		return printComposition(e, v.Composition, gap.NamedDisplay())
	})
}

func toCompositionJSON(c gap.Composition) compositionJSON {
	out := compositionJSON{
		Members: c.Members, Disciplines: c.Disciplines, TotalWTE: c.TotalWTE, WachterBenchmark: c.WachterBenchmark,
		ClinicalMembers: c.ClinicalMembers, ClinicalWTE: c.ClinicalWTE,
		ShareOfBenchmark: c.ShareOfBenchmark, ByDiscipline: make([]disciplineJSON, 0, len(c.ByDiscipline)),
	}
	for _, d := range c.ByDiscipline {
		out.ByDiscipline = append(out.ByDiscipline, disciplineJSON{Discipline: string(d.Discipline), Label: d.Discipline.Label(), Count: d.Count, Share: d.Share, WTE: d.WTE, Clinical: d.Clinical})
	}
	return out
}

// printComposition writes the composition summary lines, as the display
// allows.
func printComposition(e *env, c gap.Composition, d gap.Display) error {
	if c.Members > 0 && d.Hides(c.Members) {
		_, err := fmt.Fprintf(e.out, "Composition: %d members, too few to show in workshop display\n", c.Members)
		return err
	}
	f := d.CompositionFigures(c)
	sums := []string{}
	if f.TotalWTE {
		sums = append(sums, fmt.Sprintf("informatics %.1f WTE", c.TotalWTE))
	}
	if f.ClinicalWTE {
		sums = append(sums, fmt.Sprintf("clinical %.1f WTE, %.0f%% of the Wachter benchmark (%g WTE, clinical disciplines only)",
			c.ClinicalWTE, c.ShareOfBenchmark*100, c.WachterBenchmark))
	}
	if f.NonClinical && c.NonClinicalMembers > 0 {
		sums = append(sums, fmt.Sprintf("non-clinical %.1f WTE", c.NonClinicalWTE))
	}
	from := ""
	if f.Disciplines {
		from = fmt.Sprintf(" from %d disciplines", c.Disciplines)
	}
	fmt.Fprintf(e.out, "Composition: %d members%s; %s\n", c.Members, from, strings.Join(sums, "; "))
	if len(c.ByDiscipline) == 0 {
		return nil
	}
	parts := make([]string, 0, len(c.ByDiscipline))
	hidden := 0
	for _, dc := range c.ByDiscipline {
		switch {
		case f.Hidden[dc.Discipline]:
			hidden++ // not named: the name alone could point to the one pharmacist
		case f.DisciplineWTE:
			parts = append(parts, fmt.Sprintf("%s %d (%.1f WTE)", dc.Discipline.Label(), dc.Count, dc.WTE))
		default:
			parts = append(parts, fmt.Sprintf("%s %d", dc.Discipline.Label(), dc.Count))
		}
	}
	if hidden > 0 {
		parts = append(parts, fmt.Sprintf("disciplines with fewer than %d members not shown", d.MinPeople))
	}
	_, err := fmt.Fprintf(e.out, "  %s\n", strings.Join(parts, ", "))
	return err
}

func (e *env) teamTarget(args []string) error {
	var teamID, item, roleLevel, group, fromAssessment, fromTeam string
	var level optInt
	var clear, all bool
	pos, err := flags("team target", args, func(fs *flag.FlagSet) {
		fs.StringVar(&teamID, "team", "", "team id or unique name")
		fs.StringVar(&item, "item", "", "set one item's target (with --level; 0 removes it)")
		fs.Var(&level, "level", "the target level (with --item, --all or --group)")
		fs.StringVar(&roleLevel, "role-level", "", "replace the targets with what this role level needs")
		fs.BoolVar(&all, "all", false, "set every item to --level N (replaces all targets)")
		fs.StringVar(&group, "group", "", "set this group's items to --level N (other targets stay)")
		fs.StringVar(&fromAssessment, "from-assessment", "", "replace the targets with this assessment's rated levels")
		fs.StringVar(&fromTeam, "from-team", "", "replace the targets with a copy of another team's (id or unique name)")
		fs.BoolVar(&clear, "clear", false, "remove every target")
	})
	modes := 0
	for _, on := range []bool{item != "", roleLevel != "", clear, all, group != "", fromAssessment != "", fromTeam != ""} {
		if on {
			modes++
		}
	}
	switch {
	case err != nil:
		return err
	case len(pos) > 0:
		return usagef("team target takes no arguments")
	case teamID == "":
		return usagef("team target needs --team ID")
	case modes != 1:
		return usagef("team target needs one of --item ITEM --level N, --all --level N, --group GROUP --level N, --role-level ID, --from-assessment ID, --from-team ID or --clear")
	case item != "" && !level.set:
		return usagef("team target --item needs --level N (0 removes the target)")
	case (all || group != "") && !level.set:
		return usagef("team target --all and --group need --level N")
	case item == "" && !all && group == "" && level.set:
		return usagef("team target --level goes with --item, --all or --group")
	}
	return e.withWorkspace(func(ws *workspace.Workspace) error {
		t, err := resolveTeam(e, ws, teamID)
		if err != nil {
			return err
		}
		switch {
		case item != "":
			err = ws.SetTeamTarget(e.ctx, model.TeamID(t.ID), model.ItemID(item), level.v)
		case roleLevel != "":
			err = ws.SetTeamTargetsFromRoleLevel(e.ctx, model.TeamID(t.ID), model.RoleLevelID(roleLevel))
		case all || group != "":
			err = ws.SetTeamTargetsInBulk(e.ctx, t.ID, workspace.TeamTargetsFrom{All: all, Group: group, Level: level.v})
		case fromAssessment != "":
			err = ws.SetTeamTargetsInBulk(e.ctx, t.ID, workspace.TeamTargetsFrom{FromAssessment: fromAssessment})
		case fromTeam != "":
			var src model.Team
			if src, err = resolveTeam(e, ws, fromTeam); err == nil {
				err = ws.SetTeamTargetsInBulk(e.ctx, t.ID, workspace.TeamTargetsFrom{FromTeam: src.ID})
			}
		default:
			err = ws.ClearTeamTargets(e.ctx, t.ID)
		}
		if err != nil {
			return err
		}
		targets, err := ws.TeamTargets(e.ctx, t.ID)
		if err != nil {
			return err
		}
		f, err := ws.Framework(e.ctx, t.Framework)
		if err != nil {
			return err
		}
		_, err = fmt.Fprintf(e.out, "Team targets for %s: %d (of %d items)\n", t.Name, len(targets), len(f.Items))
		return err
	})
}

// displayFlags are the workshop display flags shared by gaps, report and export.
type displayFlags struct {
	workshop   bool
	individual bool
	minPeople  optInt
}

func (d *displayFlags) define(fs *flag.FlagSet) {
	fs.BoolVar(&d.workshop, "workshop", false, "workshop display: hide names and suppress figures resting on few people")
	fs.Var(&d.minPeople, "min-people", "in workshop display, the fewest rated members a figure may rest on (default 3)")
	fs.BoolVar(&d.individual, "individual", false, "in workshop display, a row per member under neutral labels instead of counts per level")
}

// check validates the flags and returns the display they ask for.
func (d *displayFlags) check(cmd string) (gap.Display, error) {
	disp := gap.Display{Workshop: d.workshop, MinPeople: gap.DefaultMinPeople, Individual: d.individual}
	if d.individual && !d.workshop {
		return disp, usagef("%s --individual goes with --workshop", cmd)
	}
	if !d.minPeople.set {
		return disp, nil
	}
	if !d.workshop {
		return disp, usagef("%s --min-people goes with --workshop", cmd)
	}
	disp.MinPeople = d.minPeople.v
	if err := disp.Validate(); err != nil {
		return disp, usagef("%s --min-people must be 1 or more, not %d", cmd, d.minPeople.v)
	}
	return disp, nil
}

func (e *env) teamGaps(args []string) error {
	var teamID string
	var asJSON bool
	var disp displayFlags
	pos, err := flags("team gaps", args, func(fs *flag.FlagSet) {
		fs.StringVar(&teamID, "team", "", "team id or unique name")
		fs.BoolVar(&asJSON, "json", false, "JSON output")
		disp.define(fs)
	})
	switch {
	case err != nil:
		return err
	case len(pos) > 0:
		return usagef("team gaps takes no arguments besides --team")
	case teamID == "":
		return usagef("team gaps needs --team ID")
	}
	d, err := disp.check("team gaps")
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
		out := toTeamGapsJSON(v, d)
		if asJSON {
			return writeJSON(e.out, out)
		}
		return printTeamGaps(e, v, out, d)
	})
}

func toTeamGapsJSON(v *workspace.TeamView, d gap.Display) teamGapsJSON {
	out := teamGapsJSON{
		Team: v.Team.ID, Name: v.Team.Name, Framework: v.Team.Framework.String(), Members: v.Measures.Members,
		Assessed: v.Assessed, MinPeople: d.MinPeople, Workshop: d.Workshop,
		Items: make([]teamItemJSON, 0, len(v.Measures.Items)), CommonGaps: []string{},
	}
	hidden := func(m *gap.ItemMeasure) bool { return d.Hides(m.Rated) }
	for i := range v.Measures.Items {
		m := &v.Measures.Items[i]
		row := teamItemJSON{Item: m.Item.ID, Title: m.Item.Title, Target: m.Target, Suppressed: hidden(m)}
		if !row.Suppressed {
			rated, meeting, below, covered, fragile, share := m.Rated, m.Meeting, m.Below, m.Covered, m.Fragile, m.BelowShare
			row.Rated, row.Meeting, row.Below = &rated, &meeting, &below
			row.Median, row.Max = m.Median, m.Max
			row.Covered, row.Fragile, row.BelowShare = &covered, &fragile, &share
			c := gap.TeachCounts(v.Framework, v.Ratings, m)
			row.Teachers, row.Learners, row.Interested = &c.Teachers, &c.Learners, &c.Interested
		}
		out.Items = append(out.Items, row)
	}
	for _, m := range v.Measures.CommonGaps {
		if !hidden(m) {
			out.CommonGaps = append(out.CommonGaps, m.Item.ID)
		}
	}
	return out
}

func printTeamGaps(e *env, v *workspace.TeamView, out teamGapsJSON, d gap.Display) error {
	fmt.Fprintf(e.out, "Team gaps: %s, %s; %d members, %d with a self-assessment\n", out.Name, out.Framework, out.Members, out.Assessed)
	if v.Framework.Provisional {
		fmt.Fprintf(e.out, "%s is provisional (see: gapwise-cli frameworks show %s)\n", out.Framework, out.Framework)
	}
	if out.Workshop {
		fmt.Fprintf(e.out, "Workshop display: figures resting on fewer than %d rated members are suppressed.\n", out.MinPeople)
	}
	yesNo := func(b *bool, target *int) string {
		switch {
		case b == nil:
			return ""
		case target == nil:
			return "-"
		case *b:
			return "yes"
		}
		return "no"
	}
	num := func(p *int) string {
		if p == nil {
			return "-"
		}
		return strconv.Itoa(*p)
	}
	fmt.Fprintln(e.out)
	tw := tabwriter.NewWriter(e.out, 0, 0, 2, ' ', 0)
	fmt.Fprintln(tw, "ITEM\tTITLE\tRATED\tMEETING\tBELOW\tMEDIAN\tMAX\tTARGET\tCOVERED\tFRAGILE\tBELOW SHARE")
	for _, r := range out.Items {
		title := r.Title
		if model.Slug(title) == r.Item {
			title = "" // the id says it already (DDaT skills)
		}
		if r.Suppressed {
			fmt.Fprintf(tw, "%s\t%s\tsuppressed\t\t\t\t\t%s\t\t\t\n", r.Item, clipText(title, 40), num(r.Target))
			continue
		}
		meeting, below, share := "-", "-", "-"
		if r.Target != nil {
			meeting, below = strconv.Itoa(*r.Meeting), strconv.Itoa(*r.Below)
			if *r.Rated > 0 {
				share = fmt.Sprintf("%.0f%%", *r.BelowShare*100)
			}
		}
		fmt.Fprintf(tw, "%s\t%s\t%d/%d\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\n", r.Item, clipText(title, 40), *r.Rated, out.Members,
			meeting, below, num(r.Median), num(r.Max), num(r.Target), yesNo(r.Covered, r.Target), yesNo(r.Fragile, r.Target), share)
	}
	if err := tw.Flush(); err != nil {
		return err
	}
	fmt.Fprintln(e.out)
	switch {
	case len(v.Targets) == 0:
		fmt.Fprintf(e.out, "No team targets yet: set them with gapwise-cli team target --team %s\n", out.Team)
	case len(out.CommonGaps) == 0:
		fmt.Fprintln(e.out, "Common gaps: none")
	default:
		fmt.Fprintf(e.out, "Common gaps, most widespread first: %s\n", strings.Join(out.CommonGaps, ", "))
	}
	printTeaching(e, v, d, nil)
	return printComposition(e, v.Composition, d)
}

// printTeaching lists, per item (or only one), who could teach whom
// (gap.TeachingLines), and reports whether it printed anything.
func printTeaching(e *env, v *workspace.TeamView, d gap.Display, only *gap.ItemMeasure) bool {
	r := v.Roster(d)
	order := v.Ratings.DisplayOrder(r)
	first := true
	for i := range v.Measures.Items {
		m := &v.Measures.Items[i]
		if only != nil && m != only {
			continue
		}
		lines := gap.TeachingLines(d, r, v.Ratings, gap.Teach(v.Framework, v.Ratings, m, order), m)
		if len(lines) == 0 {
			continue
		}
		if first {
			fmt.Fprintln(e.out, "\nWho can teach whom (teachers meet the team target; each learner goes to the one furthest on):")
			first = false
		}
		fmt.Fprintf(e.out, "  %s\n", m.Item.Label())
		for _, l := range lines {
			fmt.Fprintf(e.out, "    %s\n", l)
		}
	}
	return !first
}

func (e *env) teamReport(args []string) error {
	var teamID, out string
	var disp displayFlags
	var asJSON bool
	pos, err := flags("team report", args, func(fs *flag.FlagSet) {
		fs.BoolVar(&asJSON, "json", false, "print the file written as JSON")
		fs.StringVar(&teamID, "team", "", "team id or unique name")
		fs.StringVar(&out, "out", "", "PDF file to write (must not exist)")
		disp.define(fs)
	})
	switch {
	case err != nil:
		return err
	case len(pos) > 0:
		return usagef("team report takes no arguments")
	case teamID == "" || out == "":
		return usagef("team report needs --team ID and --out FILE.pdf")
	}
	d, err := disp.check("team report")
	if err != nil {
		return err
	}
	return e.withWorkspace(func(ws *workspace.Workspace) error {
		t, err := resolveTeam(e, ws, teamID)
		if err != nil {
			return err
		}
		generated := time.Now()
		if err := workspace.SaveNewFile(out, func(w io.Writer) error {
			return ws.WriteTeamPDF(e.ctx, t.ID, w, generated, d)
		}); err != nil {
			return err
		}
		return e.wrote(asJSON, func(e *env) error { return teamWritten(e, out, d) }, fileJSON{Path: out})
	})
}

func (e *env) teamExport(args []string) error {
	var teamID, xlsx, csvPath, teachPath string
	var disp displayFlags
	var asJSON bool
	pos, err := flags("team export", args, func(fs *flag.FlagSet) {
		fs.BoolVar(&asJSON, "json", false, "print the file written as JSON")
		fs.StringVar(&teamID, "team", "", "team id or unique name")
		fs.StringVar(&xlsx, "xlsx", "", "spreadsheet to write (must not exist)")
		fs.StringVar(&csvPath, "csv", "", "CSV file of the matrix to write (must not exist)")
		fs.StringVar(&teachPath, "teaching-csv", "", "CSV file of who can teach whom to write (must not exist)")
		disp.define(fs)
	})
	switch {
	case err != nil:
		return err
	case len(pos) > 0:
		return usagef("team export takes no arguments")
	case teamID == "":
		return usagef("team export needs --team ID")
	case countSet(xlsx, csvPath, teachPath) != 1:
		return usagef("team export needs one of --xlsx FILE, --csv FILE or --teaching-csv FILE")
	}
	d, err := disp.check("team export")
	if err != nil {
		return err
	}
	path, format := xlsx, workspace.TeamFormatXLSX
	switch {
	case csvPath != "":
		path, format = csvPath, workspace.TeamFormatCSV
	case teachPath != "":
		path, format = teachPath, workspace.TeamFormatTeachingCSV
	}
	return e.withWorkspace(func(ws *workspace.Workspace) error {
		t, err := resolveTeam(e, ws, teamID)
		if err != nil {
			return err
		}
		generated := time.Now()
		if err := workspace.SaveNewFile(path, func(w io.Writer) error {
			return ws.WriteTeamExport(e.ctx, t.ID, w, format, generated, d)
		}); err != nil {
			return err
		}
		return e.wrote(asJSON, func(e *env) error { return teamWritten(e, path, d) }, fileJSON{Path: path})
	})
}

// countSet counts the values given (not "").
func countSet(values ...string) int {
	n := 0
	for _, v := range values {
		if v != "" {
			n++
		}
	}
	return n
}

func teamWritten(e *env, path string, d gap.Display) error {
	switch {
	case d.Workshop && d.Individual:
		_, err := fmt.Fprintf(e.out, "Written: %s (names hidden; each member's levels are shown under a neutral label, so share it only with the team)\n", path)
		return err
	case d.Workshop:
		_, err := fmt.Fprintf(e.out, "Written: %s (names hidden; members counted per level, no row for anyone; share it only with the team)\n", path)
		return err
	}
	_, err := fmt.Fprintf(e.out, "Written: %s (personal data: share it only with whoever needs it)\n", path)
	return err
}
