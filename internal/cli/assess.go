package cli

import (
	"errors"
	"flag"
	"fmt"
	"strconv"
	"strings"
	"text/tabwriter"

	"gapwise/internal/model"
	"gapwise/internal/workspace"
)

// assessmentJSON is the stable JSON shape of one assessment (`assess list
// --json`, `assess new --json`, `demo --json`).
type assessmentJSON struct {
	ID             string `json:"id"`
	Person         string `json:"person"`
	PersonName     string `json:"person_name"`
	Framework      string `json:"framework"`
	Kind           string `json:"kind"`
	Assessor       string `json:"assessor"`
	ScopeGroup     string `json:"scope_group"`
	ScopeRoleLevel string `json:"scope_role_level"`
	Items          int    `json:"items"`   // items in scope
	Rated          int    `json:"rated"`   // of those, rated (level 0 included)
	Targets        int    `json:"targets"` // targets set
	Sample         bool   `json:"sample"`
	CreatedAt      string `json:"created_at"`
	UpdatedAt      string `json:"updated_at"`
}

func toAssessmentJSON(s *workspace.Sheet) assessmentJSON {
	a := s.Assessment
	return assessmentJSON{
		ID: a.ID, Person: a.PersonID, PersonName: s.Person.Name, Framework: a.Framework.String(), Kind: string(a.Kind),
		Assessor: a.Assessor, ScopeGroup: a.Scope.Group, ScopeRoleLevel: a.Scope.RoleLevel,
		Items: len(s.Items), Rated: s.Rated(), Targets: len(s.Targets), Sample: s.Person.Sample,
		CreatedAt: stamp(a.CreatedAt), UpdatedAt: stamp(a.UpdatedAt),
	}
}

// sheetItemJSON is one item of `assess show --json`.
type sheetItemJSON struct {
	Item         string  `json:"item"`
	Title        string  `json:"title"`
	Group        string  `json:"group"`      // outermost group's title; "" when none
	Level        *int    `json:"level"`      // null when not rated; 0 is "none yet"
	LevelName    string  `json:"level_name"` // "" when not rated
	Confidence   *int    `json:"confidence"` // null when not given
	Evidence     string  `json:"evidence"`
	RatedAt      *string `json:"rated_at"`
	Target       *int    `json:"target"` // null when none
	TargetSource string  `json:"target_source"`
	Review       string  `json:"review"`   // why a carried rating awaits review; "" when it does not
	Interest     bool    `json:"interest"` // "I want to develop this"; false when not rated
}

// sheetJSON is the stable JSON shape of `assess show --json`.
type sheetJSON struct {
	Assessment     string          `json:"assessment"`
	Person         string          `json:"person"` // name, as in `gaps --json`
	PersonID       string          `json:"person_id"`
	Framework      string          `json:"framework"`
	Kind           string          `json:"kind"`
	Assessor       string          `json:"assessor"`
	ScopeGroup     string          `json:"scope_group"`
	ScopeRoleLevel string          `json:"scope_role_level"`
	InScope        int             `json:"in_scope"`
	Rated          int             `json:"rated"`
	Items          []sheetItemJSON `json:"items"`
}

func (e *env) assessNew(args []string) error {
	var person, fw, kind, assessor, group, roleLevel string
	var asJSON bool
	pos, err := flags("assess new", args, func(fs *flag.FlagSet) {
		fs.StringVar(&person, "person", "", "person id or unique name")
		fs.StringVar(&fw, "framework", "", "framework ID or ID@VERSION")
		fs.StringVar(&kind, "kind", "self", "self, appraiser or agreed")
		fs.StringVar(&assessor, "assessor", "", "who gives the ratings (default: the person)")
		fs.StringVar(&group, "group", "", "only the items of this group")
		fs.StringVar(&roleLevel, "role-level", "", "only the items this role level needs; they become the targets")
		fs.BoolVar(&asJSON, "json", false, "print the new assessment as JSON")
	})
	if err != nil {
		return err
	}
	switch {
	case len(pos) > 0:
		return usagef("assess new takes no arguments")
	case person == "":
		return usagef("assess new needs --person")
	case fw == "":
		return usagef("assess new needs --framework, e.g. sfia@9")
	case group != "" && roleLevel != "":
		return usagef("assess new: give --group or --role-level, not both")
	}
	k, err := model.ParseAssessmentKind(kind)
	if err != nil {
		return model.Wrap(model.Invalid, err, "--kind")
	}
	return e.withWorkspace(func(ws *workspace.Workspace) error {
		p, err := resolvePerson(e, ws, person)
		if err != nil {
			return err
		}
		f, err := ws.ResolveFramework(e.ctx, fw)
		if err != nil {
			return err
		}
		a, err := ws.StartAssessment(e.ctx, p.ID, f.Ref, k, assessor, model.Scope{Group: group, RoleLevel: roleLevel})
		if err != nil {
			return err
		}
		s, err := ws.Sheet(e.ctx, a.ID)
		if err != nil {
			return err
		}
		if asJSON {
			return writeJSON(e.out, toAssessmentJSON(s))
		}
		fmt.Fprintln(e.out, a.ID)
		fmt.Fprintf(e.out, "covers %d items of %s for %s (%s)", len(s.Items), f.Ref, p.Name, a.Kind)
		if len(s.Targets) > 0 {
			fmt.Fprintf(e.out, "; %d targets from %s", len(s.Targets), roleLevel)
		}
		_, err = fmt.Fprintln(e.out)
		return err
	})
}

func (e *env) assessList(args []string) error {
	var person string
	var asJSON bool
	pos, err := flags("assess list", args, func(fs *flag.FlagSet) {
		fs.StringVar(&person, "person", "", "only this person (id or unique name)")
		fs.BoolVar(&asJSON, "json", false, "JSON output")
	})
	if err != nil {
		return err
	}
	if len(pos) > 0 {
		return usagef("assess list takes no arguments")
	}
	return e.withWorkspace(func(ws *workspace.Workspace) error {
		var people []model.Person
		if person != "" {
			p, err := resolvePerson(e, ws, person)
			if err != nil {
				return err
			}
			people = []model.Person{p}
		} else if people, err = ws.People(e.ctx); err != nil {
			return err
		}
		rows := []assessmentJSON{}
		for _, p := range people {
			as, err := ws.Assessments(e.ctx, p.ID)
			if err != nil {
				return err
			}
			for _, a := range as {
				s, err := ws.Sheet(e.ctx, a.ID)
				if err != nil {
					return err
				}
				rows = append(rows, toAssessmentJSON(s))
			}
		}
		return printList(e, asJSON, rows, listing[assessmentJSON]{
			header: "ID\tPERSON\tFRAMEWORK\tKIND\tSCOPE\tRATED\tTARGETS\tUPDATED",
			row: func(_ int, r assessmentJSON) string {
				scope := "all items"
				switch {
				case r.ScopeRoleLevel != "":
					scope = "role level " + r.ScopeRoleLevel
				case r.ScopeGroup != "":
					scope = "group " + r.ScopeGroup
				}
				return fmt.Sprintf("%s\t%s\t%s\t%s\t%s\t%d/%d\t%d\t%s", r.ID, sampleName(r.PersonName, r.Sample), r.Framework, r.Kind, scope, r.Rated, r.Items, r.Targets, r.UpdatedAt)
			},
			one: "assessment", many: "assessments",
			empty: "No assessments yet; start one with: gapwise-cli assess new --person ID|NAME --framework ID",
		})
	})
}

// optInt is an integer flag that knows whether it was given.
type optInt struct {
	v   int
	set bool
}

func (o *optInt) String() string {
	if o == nil || !o.set {
		return ""
	}
	return strconv.Itoa(o.v)
}

func (o *optInt) Set(s string) error {
	n, err := strconv.Atoi(s)
	if err != nil {
		return errors.New("not a whole number")
	}
	o.v, o.set = n, true
	return nil
}

// optString is a string flag that knows whether it was given.
type optString struct {
	v   string
	set bool
}

func (o *optString) String() string {
	if o == nil {
		return ""
	}
	return o.v
}

func (o *optString) Set(s string) error { o.v, o.set = s, true; return nil }

// optBool is a boolean flag that knows whether it was given: --interest,
// --interest=false.
type optBool struct {
	v   bool
	set bool
}

func (o *optBool) String() string {
	if o == nil || !o.set {
		return ""
	}
	return strconv.FormatBool(o.v)
}

func (o *optBool) Set(s string) error {
	b, err := strconv.ParseBool(s)
	if err != nil {
		return errors.New("true or false")
	}
	o.v, o.set = b, true
	return nil
}

func (o *optBool) IsBoolFlag() bool { return true }

func (e *env) assessRate(args []string) error {
	var id, item string
	var level, confidence optInt
	var evidence optString
	var interest optBool
	var notRated bool
	pos, err := flags("assess rate", args, func(fs *flag.FlagSet) {
		fs.StringVar(&id, "assessment", "", "assessment id")
		fs.StringVar(&item, "item", "", "item id, e.g. ITSP, 1.2 or data-analysis")
		fs.Var(&level, "level", "level (0 = none yet)")
		fs.BoolVar(&notRated, "not-rated", false, "make the item not rated again")
		fs.Var(&confidence, "confidence", "how sure the rating is, 1-5 (kept when not given)")
		fs.Var(&evidence, "evidence", "evidence for the rating (kept when not given)")
		fs.Var(&interest, "interest", "\"I want to develop this\" (--interest=false to drop it; kept when not given)")
	})
	if err != nil {
		return err
	}
	switch {
	case len(pos) > 0:
		return usagef("assess rate takes no arguments")
	case id == "" || item == "":
		return usagef("assess rate needs --assessment and --item")
	case level.set && notRated:
		return usagef("assess rate needs --level N or --not-rated (one of them)")
	case !level.set && !notRated && !interest.set:
		return usagef("assess rate needs --level N, --not-rated or --interest")
	case notRated && (confidence.set || evidence.set || interest.set):
		return usagef("assess rate --not-rated takes no --confidence, --evidence or --interest")
	case !level.set && !notRated && (confidence.set || evidence.set):
		return usagef("assess rate --confidence and --evidence go with --level N")
	}
	return e.withWorkspace(func(ws *workspace.Workspace) error {
		s, err := ws.Sheet(e.ctx, id)
		if err != nil {
			return err
		}
		it, ok := s.Framework.Item(item)
		if !ok {
			return model.Errorf(model.NotFound, "%s has no item %q", s.Framework.Ref, item)
		}
		if notRated {
			if err := ws.ClearRating(e.ctx, model.AssessmentID(id), model.ItemID(it.ID)); err != nil {
				return err
			}
			_, err := fmt.Fprintf(e.out, "%s: not rated\n", it.ID)
			return err
		}
		r := model.Rating{Item: it.ID, Level: level.v}
		old, rated := s.Ratings[it.ID]
		if rated {
			r.Confidence, r.Evidence, r.Interest = old.Confidence, old.Evidence, old.Interest
		}
		if !level.set { // --interest alone: on the rating the item has
			if !rated {
				return model.Errorf(model.Invalid, "%s is not rated: give --level too (0 if none yet); interest goes with a rating", it.ID)
			}
			r.Level, r.RatedAt = old.Level, old.RatedAt
		}
		if interest.set {
			r.Interest = interest.v
		}
		if confidence.set {
			if confidence.v < 1 || confidence.v > 5 {
				return model.Errorf(model.Invalid, "confidence must be 1 to 5, not %d", confidence.v)
			}
			r.Confidence = confidence.v
		}
		if evidence.set {
			r.Evidence = strings.TrimSpace(evidence.v)
		}
		if err := ws.Rate(e.ctx, id, r); err != nil {
			return err
		}
		wanted := ""
		if r.Interest {
			wanted = ", want to develop"
		}
		_, err = fmt.Fprintf(e.out, "%s: %d %s%s\n", it.ID, r.Level, s.Framework.Scale.LevelName(r.Level), wanted)
		return err
	})
}

func (e *env) assessShow(args []string) error {
	var id string
	var asJSON bool
	pos, err := flags("assess show", args, func(fs *flag.FlagSet) {
		fs.StringVar(&id, "assessment", "", "assessment id")
		fs.BoolVar(&asJSON, "json", false, "JSON output")
	})
	if err != nil {
		return err
	}
	if len(pos) == 1 && id == "" {
		id = pos[0]
	} else if len(pos) > 0 {
		return usagef("assess show takes no arguments besides --assessment")
	}
	if id == "" {
		return usagef("assess show needs --assessment")
	}
	return e.withWorkspace(func(ws *workspace.Workspace) error {
		s, err := ws.Sheet(e.ctx, id)
		if err != nil {
			return err
		}
		f, a := s.Framework, s.Assessment
		out := sheetJSON{
			Assessment: a.ID, Person: s.Person.Name, PersonID: a.PersonID, Framework: f.Ref.String(), Kind: string(a.Kind),
			Assessor: a.Assessor, ScopeGroup: a.Scope.Group, ScopeRoleLevel: a.Scope.RoleLevel,
			InScope: len(s.Items), Rated: s.Rated(), Items: make([]sheetItemJSON, 0, len(s.Items)),
		}
		for _, it := range s.Items {
			row := sheetItemJSON{Item: it.ID, Title: it.Title, Group: topGroupTitle(f, it.Group)}
			if r, ok := s.Ratings[it.ID]; ok {
				row.Level, row.LevelName, row.Evidence = &r.Level, f.Scale.LevelName(r.Level), r.Evidence
				if r.Confidence > 0 {
					row.Confidence = &r.Confidence
				}
				at := stamp(r.RatedAt)
				row.RatedAt = &at
				row.Review = s.Review[it.ID]
				row.Interest = r.Interest
			}
			if t, ok := s.Targets[it.ID]; ok && t.Level > 0 {
				row.Target, row.TargetSource = &t.Level, t.Source
			}
			out.Items = append(out.Items, row)
		}
		if asJSON {
			return writeJSON(e.out, out)
		}
		fmt.Fprintf(e.out, "Assessment %s\n%s, %s (%s, by %s)\n", a.ID, s.Person.Name, f.Ref, a.Kind, a.Assessor)
		tw := tabwriter.NewWriter(e.out, 0, 0, 2, ' ', 0)
		fmt.Fprintln(tw, "ITEM\tTITLE\tLEVEL\tCONFIDENCE\tTARGET\tEVIDENCE")
		for _, r := range out.Items {
			level, conf, target := "not rated", "", "-"
			if r.Level != nil {
				level = fmt.Sprintf("%d %s", *r.Level, r.LevelName)
				if r.Review != "" {
					level += " (review)"
				}
				if r.Interest {
					level += " (develop)"
				}
			}
			if r.Confidence != nil {
				conf = strconv.Itoa(*r.Confidence)
			}
			if r.Target != nil {
				target = strconv.Itoa(*r.Target)
			}
			title := r.Title
			if model.Slug(title) == r.Item {
				title = "" // the id says it already (DDaT skills)
			}
			fmt.Fprintf(tw, "%s\t%s\t%s\t%s\t%s\t%s\n", r.Item, clipText(title, 50), level, conf, target, clipText(r.Evidence, 40))
		}
		if err := tw.Flush(); err != nil {
			return err
		}
		_, err = fmt.Fprintf(e.out, "%d of %d rated\n", out.Rated, out.InScope)
		return err
	})
}

func (e *env) assessTarget(args []string) error {
	var id, roleLevel, from, item string
	var level optInt
	var clear bool
	pos, err := flags("assess target", args, func(fs *flag.FlagSet) {
		fs.StringVar(&id, "assessment", "", "assessment id")
		fs.StringVar(&roleLevel, "role-level", "", "replace the targets with what this role level needs")
		fs.StringVar(&from, "from-assessment", "", "replace the targets with another assessment's ratings")
		fs.StringVar(&item, "item", "", "set one item's target (with --level; 0 removes it)")
		fs.Var(&level, "level", "the item's target level")
		fs.BoolVar(&clear, "clear", false, "remove every target")
	})
	if err != nil {
		return err
	}
	modes := 0
	for _, on := range []bool{roleLevel != "", from != "", item != "", clear} {
		if on {
			modes++
		}
	}
	switch {
	case len(pos) > 0:
		return usagef("assess target takes no arguments")
	case id == "":
		return usagef("assess target needs --assessment")
	case modes != 1:
		return usagef("assess target needs one of --role-level, --from-assessment, --item ITEM --level N or --clear")
	case item != "" && !level.set:
		return usagef("assess target --item needs --level N (0 removes the target)")
	case item == "" && level.set:
		return usagef("assess target --level goes with --item")
	}
	return e.withWorkspace(func(ws *workspace.Workspace) error {
		var err error
		switch {
		case roleLevel != "":
			err = ws.SetTargetsFromRoleLevel(e.ctx, model.AssessmentID(id), model.RoleLevelID(roleLevel))
		case from != "":
			err = ws.SetTargetsFromAssessment(e.ctx, model.AssessmentID(id), model.AssessmentID(from))
		case item != "":
			err = ws.SetTarget(e.ctx, model.AssessmentID(id), model.ItemID(item), level.v)
		default:
			err = ws.ClearTargets(e.ctx, id)
		}
		if err != nil {
			return err
		}
		s, err := ws.Sheet(e.ctx, id)
		if err != nil {
			return err
		}
		inScope := 0
		for _, it := range s.Items {
			if _, ok := s.Targets[it.ID]; ok {
				inScope++
			}
		}
		_, err = fmt.Fprintf(e.out, "Targets: %d (on %d of the %d items in scope)\n", len(s.Targets), inScope, len(s.Items))
		return err
	})
}

// topGroupTitle is the title of the outermost group above (or at) id; "" when none.
func topGroupTitle(f *model.Framework, id string) string {
	if g := f.TopGroup(id); g != nil {
		return g.Title
	}
	return ""
}

// clipText shortens s to at most n characters for a table cell.
func clipText(s string, n int) string {
	return model.ClipText(oneLine(s), n)
}
