package cli

import (
	"flag"
	"fmt"
	"slices"
	"strconv"
	"strings"
	"text/tabwriter"
	"time"

	"gapwise/internal/model"
	"gapwise/internal/workspace"
)

// appraiserJSON is one appraiser of an appraisal.
type appraiserJSON struct {
	Name       string   `json:"name"`
	Role       string   `json:"role"`       // "" when not given
	Scope      []string `json:"scope"`      // group and item ids; [] = every item
	Assessment *string  `json:"assessment"` // null until they have one
	SignedAt   *string  `json:"signed_at"`  // null until signed
}

// appraisalJSON is the stable JSON shape of an appraisal in `appraisal
// start --json` and `appraisal list --json`.
type appraisalJSON struct {
	ID                string          `json:"id"`
	Person            string          `json:"person"` // id
	PersonName        string          `json:"person_name"`
	Framework         string          `json:"framework"`
	Period            string          `json:"period"`
	Appraisers        []appraiserJSON `json:"appraisers"` // in order
	SelfAssessment    string          `json:"self_assessment"`
	AgreedAssessment  string          `json:"agreed_assessment"`
	PreviousPlan      *string         `json:"previous_plan"` // null when none
	Plan              string          `json:"plan"`
	AppraiseeSignedAt *string         `json:"appraisee_signed_at"` // null until signed
	AllSigned         bool            `json:"all_signed"`
	CreatedAt         string          `json:"created_at"`
	UpdatedAt         string          `json:"updated_at"`
}

// appraisalItemJSON is one item of `appraisal show --json`.
type appraisalItemJSON struct {
	Item         string          `json:"item"`
	Title        string          `json:"title"`
	Group        string          `json:"group"`         // outermost group's title; "" when none
	Self         *int            `json:"self"`          // null when not rated; 0 is "none yet"
	Appraisers   map[string]*int `json:"appraisers"`    // name -> level (null when not rated), for those who review the item
	OutsideScope []string        `json:"outside_scope"` // appraisers who do not review it
	Agreed       *int            `json:"agreed"`        // null when no level is recorded yet
	Matching     *int            `json:"matching"`      // the level everyone gave, while none is recorded; else null
	Differs      bool            `json:"differs"`       // any two ratings differ by one level or more
	Note         string          `json:"note"`
}

// signatoryJSON is one signatory of `appraisal show --json`.
type signatoryJSON struct {
	Who      string  `json:"who"` // "appraisee" or the appraiser's name, as `appraisal sign --as` takes
	Name     string  `json:"name"`
	Role     string  `json:"role"`
	SignedAt *string `json:"signed_at"`
}

// appraisalShowJSON is the stable JSON shape of `appraisal show --json`.
type appraisalShowJSON struct {
	Appraisal         string              `json:"appraisal"`
	Person            string              `json:"person"` // name, as in `assess show` and `gaps`
	PersonID          string              `json:"person_id"`
	Framework         string              `json:"framework"`
	Period            string              `json:"period"`
	Appraisers        []appraiserJSON     `json:"appraisers"`
	SelfAssessment    string              `json:"self_assessment"`
	AgreedAssessment  string              `json:"agreed_assessment"`
	PreviousPlan      *string             `json:"previous_plan"`
	Plan              string              `json:"plan"`
	OverallNotes      string              `json:"overall_notes"`
	InScope           int                 `json:"in_scope"`
	RatedByBoth       int                 `json:"rated_by_both"` // by the appraisee and at least one appraiser
	Disagreements     int                 `json:"disagreements"`
	Agreed            int                 `json:"agreed"`
	Outstanding       int                 `json:"outstanding"` // rated by the appraisee and an appraiser, not agreed: these stop sign-off
	Matching          int                 `json:"matching"`    // of those, where everyone gave the same level
	ReadyToSign       bool                `json:"ready_to_sign"`
	AppraiseeSignedAt *string             `json:"appraisee_signed_at"`
	AllSigned         bool                `json:"all_signed"`
	Signatories       []signatoryJSON     `json:"signatories"`
	Items             []appraisalItemJSON `json:"items"` // in scope, framework order
}

// optStamp is a timestamp that is null when unset.
func optStamp(t time.Time) *string {
	if t.IsZero() {
		return nil
	}
	s := stamp(t)
	return &s
}

func optID(id string) *string {
	if id == "" {
		return nil
	}
	return &id
}

func toAppraisersJSON(a model.Appraisal) []appraiserJSON {
	out := make([]appraiserJSON, len(a.Appraisers))
	for i, ap := range a.Appraisers {
		out[i] = appraiserJSON{Name: ap.Name, Role: ap.Role, Scope: append([]string{}, ap.Scope...),
			Assessment: optID(ap.AssessmentID), SignedAt: optStamp(ap.SignedAt)}
	}
	return out
}

func toAppraisalJSON(a model.Appraisal, name string) appraisalJSON {
	return appraisalJSON{
		ID: a.ID, Person: a.PersonID, PersonName: name, Framework: a.Framework.String(), Period: a.Period,
		Appraisers: toAppraisersJSON(a), SelfAssessment: a.SelfID,
		AgreedAssessment: a.AgreedID, PreviousPlan: optID(a.PreviousPlan), Plan: a.Plan,
		AppraiseeSignedAt: optStamp(a.AppraiseeSignedAt), AllSigned: a.AllSigned(),
		CreatedAt: stamp(a.CreatedAt), UpdatedAt: stamp(a.UpdatedAt),
	}
}

func toAppraisalShowJSON(v *workspace.AppraisalView) appraisalShowJSON {
	a := v.Appraisal
	out := appraisalShowJSON{
		Appraisal: a.ID, Person: v.Person.Name, PersonID: a.PersonID, Framework: a.Framework.String(), Period: a.Period,
		Appraisers: toAppraisersJSON(a), SelfAssessment: a.SelfID,
		AgreedAssessment: a.AgreedID, PreviousPlan: optID(a.PreviousPlan), Plan: a.Plan, OverallNotes: a.OverallNotes,
		InScope: v.Counts.Items, RatedByBoth: v.Counts.RatedByBoth, Disagreements: v.Counts.Disagreements,
		Agreed: v.Counts.Agreed, Outstanding: v.Counts.Outstanding, Matching: v.Counts.Matching, ReadyToSign: v.ReadyToSign(),
		AppraiseeSignedAt: optStamp(a.AppraiseeSignedAt), AllSigned: a.AllSigned(),
		Items: make([]appraisalItemJSON, 0, len(v.Items)),
	}
	for _, s := range v.Signatories() {
		out.Signatories = append(out.Signatories, signatoryJSON{Who: s.Who, Name: s.Name, Role: s.Role, SignedAt: optStamp(s.SignedAt)})
	}
	for _, r := range v.Items {
		row := appraisalItemJSON{Item: r.Item.ID, Title: r.Item.Title, Self: r.Self, Agreed: r.Agreed, Matching: r.Matching,
			Differs: r.Differs, Note: r.Note, Appraisers: map[string]*int{}, OutsideScope: []string{}}
		for i, ap := range a.Appraisers {
			if r.Covered[i] {
				row.Appraisers[ap.Name] = r.Appraisers[i]
			} else {
				row.OutsideScope = append(row.OutsideScope, ap.Name)
			}
		}
		if r.TopGroup != nil {
			row.Group = r.TopGroup.Title
		}
		out.Items = append(out.Items, row)
	}
	return out
}

// appraiserFlags collects --appraiser NAME, each followed by its own
// --appraiser-role and --scope: a role or scope belongs to the appraiser
// named before it.
type appraiserFlags struct {
	list []model.Appraiser
}

func (f *appraiserFlags) name() flag.Value {
	return flagFunc(func(v string) error { f.list = append(f.list, model.Appraiser{Name: v}); return nil })
}
func (f *appraiserFlags) role() flag.Value {
	return flagFunc(func(v string) error { return f.last("--appraiser-role", func(a *model.Appraiser) { a.Role = v }) })
}
func (f *appraiserFlags) scope() flag.Value {
	return flagFunc(func(v string) error { return f.last("--scope", func(a *model.Appraiser) { a.Scope = splitList(v) }) })
}

func (f *appraiserFlags) last(flagName string, set func(*model.Appraiser)) error {
	if len(f.list) == 0 {
		return fmt.Errorf("%s comes after the --appraiser it belongs to", flagName)
	}
	set(&f.list[len(f.list)-1])
	return nil
}

// flagFunc is a flag.Value that hands each value to a function.
type flagFunc func(string) error

func (f flagFunc) String() string     { return "" }
func (f flagFunc) Set(v string) error { return f(v) }

// splitList reads "a, b,c" as [a b c].
func splitList(v string) []string {
	var out []string
	for _, s := range strings.Split(v, ",") {
		if s = strings.TrimSpace(s); s != "" {
			out = append(out, s)
		}
	}
	return out
}

func (e *env) appraisalStart(args []string) error {
	var self, period string
	var appraisers appraiserFlags
	var asJSON bool
	pos, err := flags("appraisal start", args, func(fs *flag.FlagSet) {
		fs.StringVar(&self, "assessment", "", "the appraisee's self-assessment id")
		fs.Var(appraisers.name(), "appraiser", "an appraiser's name (repeat for a joint appraisal)")
		fs.Var(appraisers.role(), "appraiser-role", "the role of the appraiser named before it, e.g. \"clinical appraiser\"")
		fs.Var(appraisers.scope(), "scope", "the groups or items the appraiser named before it reviews, comma-separated (default: all)")
		fs.StringVar(&period, "period", "", "appraisal period, e.g. 2026/27 (default: the current April-March year)")
		fs.BoolVar(&asJSON, "json", false, "print the new appraisal as JSON")
	})
	switch {
	case err != nil:
		return err
	case len(pos) > 0:
		return usagef("appraisal start takes no arguments")
	case self == "" || len(appraisers.list) == 0:
		return usagef("appraisal start needs --assessment SELF_ID and --appraiser NAME")
	}
	return e.withWorkspace(func(ws *workspace.Workspace) error {
		a, err := ws.StartAppraisal(e.ctx, self, appraisers.list, period)
		if err != nil {
			return err
		}
		p, err := ws.Person(e.ctx, a.PersonID)
		if err != nil {
			return err
		}
		if asJSON {
			return writeJSON(e.out, toAppraisalJSON(a, p.Name))
		}
		fmt.Fprintln(e.out, a.ID)
		fmt.Fprintf(e.out, "%s appraisal of %s by %s against %s: agreed levels in assessment %s, new plan %s\n",
			a.Period, p.Name, a.AppraiserNames(), a.Framework, a.AgreedID, a.Plan)
		if a.PreviousPlan != "" {
			fmt.Fprintf(e.out, "reviews plan %s\n", a.PreviousPlan)
		} else {
			fmt.Fprintln(e.out, "no earlier plan to review")
		}
		return nil
	})
}

func (e *env) appraisalAddAppraiser(args []string) error {
	var id, name, role, scope string
	pos, err := flags("appraisal add-appraiser", args, func(fs *flag.FlagSet) {
		fs.StringVar(&id, "appraisal", "", "appraisal id")
		fs.StringVar(&name, "name", "", "the appraiser's name")
		fs.StringVar(&role, "role", "", "their role, e.g. \"clinical appraiser\"")
		fs.StringVar(&scope, "scope", "", "the groups or items they review, comma-separated (default: all)")
	})
	switch {
	case err != nil:
		return err
	case len(pos) > 0:
		return usagef("appraisal add-appraiser takes no arguments")
	case id == "" || name == "":
		return usagef("appraisal add-appraiser needs --appraisal ID and --name NAME")
	}
	return e.withWorkspace(func(ws *workspace.Workspace) error {
		if err := ws.AddAppraiser(e.ctx, id, model.Appraiser{Name: name, Role: role, Scope: splitList(scope)}); err != nil {
			return err
		}
		_, err := fmt.Fprintf(e.out, "%s added as an appraiser\n", strings.TrimSpace(name))
		return err
	})
}

// appraisalRemoveAppraiser takes an appraiser off an appraisal nobody has
// signed, erasing their assessment: it says what goes and asks first.
func (e *env) appraisalRemoveAppraiser(args []string) error {
	var id, name string
	var yes bool
	pos, err := flags("appraisal remove-appraiser", args, func(fs *flag.FlagSet) {
		fs.StringVar(&id, "appraisal", "", "appraisal id")
		fs.StringVar(&name, "name", "", "the appraiser's name")
		fs.BoolVar(&yes, "yes", false, "do not ask for confirmation")
	})
	switch {
	case err != nil:
		return err
	case len(pos) > 0:
		return usagef("appraisal remove-appraiser takes no arguments")
	case strings.TrimSpace(id) == "" || strings.TrimSpace(name) == "":
		return usagef("appraisal remove-appraiser needs --appraisal ID and --name NAME")
	}
	return e.withWorkspace(func(ws *workspace.Workspace) error {
		return e.erase(ws, workspace.EraseAppraiser, workspace.AppraiserRef(strings.TrimSpace(id), name), yes)
	})
}

func (e *env) appraisalList(args []string) error {
	var person string
	var asJSON bool
	pos, err := flags("appraisal list", args, func(fs *flag.FlagSet) {
		fs.StringVar(&person, "person", "", "person id or unique name")
		fs.BoolVar(&asJSON, "json", false, "JSON output")
	})
	switch {
	case err != nil:
		return err
	case len(pos) > 0:
		return usagef("appraisal list takes no arguments")
	case person == "":
		return usagef("appraisal list needs --person")
	}
	return e.withWorkspace(func(ws *workspace.Workspace) error {
		p, err := resolvePerson(e, ws, person)
		if err != nil {
			return err
		}
		list, err := ws.Appraisals(e.ctx, p.ID)
		if err != nil {
			return err
		}
		rows := make([]appraisalJSON, 0, len(list))
		for _, a := range list {
			rows = append(rows, toAppraisalJSON(a, p.Name))
		}
		return printList(e, asJSON, rows, listing[appraisalJSON]{
			header: "ID\tPERIOD\tAPPRAISERS\tFRAMEWORK\tSIGNED\tUPDATED",
			row: func(i int, r appraisalJSON) string {
				return fmt.Sprintf("%s\t%s\t%s\t%s\t%s\t%s", r.ID, orDash(r.Period), list[i].AppraiserNames(), r.Framework, signedCount(list[i]), r.UpdatedAt)
			},
			one: "appraisal", many: "appraisals",
			empty: "No appraisals yet for " + p.Name + "; start one with: gapwise-cli appraisal start --assessment SELF_ID --appraiser NAME",
		})
	})
}

// signedCount says how many of the signatories have signed: "2 of 3".
func signedCount(a model.Appraisal) string {
	n := 0
	if !a.AppraiseeSignedAt.IsZero() {
		n++
	}
	for _, ap := range a.Appraisers {
		if !ap.SignedAt.IsZero() {
			n++
		}
	}
	return fmt.Sprintf("%d of %d", n, len(a.Appraisers)+1)
}

// appraisalFlag reads --appraisal (or a lone positional id) and --json.
func appraisalFlag(name string, args []string) (id string, asJSON bool, err error) {
	pos, err := flags(name, args, func(fs *flag.FlagSet) {
		fs.StringVar(&id, "appraisal", "", "appraisal id")
		fs.BoolVar(&asJSON, "json", false, "JSON output")
	})
	if err != nil {
		return "", false, err
	}
	if len(pos) == 1 && id == "" {
		id = pos[0]
	} else if len(pos) > 0 {
		return "", false, usagef("%s takes no arguments besides --appraisal", name)
	}
	if id == "" {
		return "", false, usagef("%s needs --appraisal", name)
	}
	return id, asJSON, nil
}

// levelCell is a level in a table cell: "-" when there is none.
func levelCell(l *int) string {
	if l == nil {
		return "-"
	}
	return strconv.Itoa(*l)
}

func (e *env) appraisalShow(args []string) error {
	id, asJSON, err := appraisalFlag("appraisal show", args)
	if err != nil {
		return err
	}
	return e.withWorkspace(func(ws *workspace.Workspace) error {
		v, err := ws.AppraisalView(e.ctx, id)
		if err != nil {
			return err
		}
		out := toAppraisalShowJSON(v)
		if asJSON {
			return writeJSON(e.out, out)
		}
		a := v.Appraisal
		fmt.Fprintf(e.out, "Appraisal %s\n%s, %s appraisal against %s\n", a.ID, v.Person.Name, orDash(a.Period), a.Framework)
		for i, ap := range a.Appraisers {
			role := ap.Role
			if role == "" {
				role = "appraiser"
			}
			fmt.Fprintf(e.out, "Appraiser %d: %s (%s), reviews %s", i+1, ap.Name, role, v.ScopeText(i))
			if v.Assessments[i] == nil {
				fmt.Fprintf(e.out, "; has not rated yet (gapwise-cli appraisal rate-as-appraiser --appraisal %s --appraiser %q, or import-appraiser FILE)", a.ID, ap.Name)
			}
			fmt.Fprintln(e.out)
		}
		// Only items someone rated, agreed or noted: the full scope is in --json.
		tw := tabwriter.NewWriter(e.out, 0, 0, 2, ' ', 0)
		head := "ITEM\tTITLE\tSELF"
		for i := range a.Appraisers {
			head += fmt.Sprintf("\tA%d", i+1)
		}
		fmt.Fprintln(tw, head+"\tAGREED\t\tNOTE")
		quiet := 0
		for k, r := range out.Items {
			row := v.Items[k]
			if r.Self == nil && r.Agreed == nil && r.Note == "" && !slices.ContainsFunc(row.Appraisers, func(l *int) bool { return l != nil }) {
				quiet++
				continue
			}
			mark := ""
			switch {
			case r.Differs:
				mark = "differ"
			case r.Matching != nil:
				mark = "all match"
			}
			title := r.Title
			if model.Slug(title) == r.Item {
				title = ""
			}
			line := fmt.Sprintf("%s\t%s\t%s", r.Item, clipText(title, 40), levelCell(r.Self))
			for i := range a.Appraisers {
				cell := levelCell(row.Appraisers[i])
				if !row.Covered[i] {
					cell = "n/a"
				}
				line += "\t" + cell
			}
			fmt.Fprintf(tw, "%s\t%s\t%s\t%s\n", line, levelCell(r.Agreed), mark, clipText(r.Note, 40))
		}
		if err := tw.Flush(); err != nil {
			return err
		}
		if quiet > 0 {
			fmt.Fprintf(e.out, "(%d other items not rated by anyone)\n", quiet)
		}
		fmt.Fprintf(e.out, "%d rated by the appraisee and an appraiser, %d rated differently, %d agreed, %d still to agree (%d of them all match)\n",
			out.RatedByBoth, out.Disagreements, out.Agreed, out.Outstanding, out.Matching)
		if a.OverallNotes != "" {
			fmt.Fprintf(e.out, "Notes: %s\n", oneLine(a.OverallNotes))
		}
		if v.PreviousPlan != nil {
			fmt.Fprintf(e.out, "Reviews plan %s %q (%d actions)\n", v.PreviousPlan.ID, v.PreviousPlan.Title, len(v.PreviousPlan.Actions))
		}
		fmt.Fprintf(e.out, "New plan %s %q (%d actions)\n", v.Plan.ID, v.Plan.Title, len(v.Plan.Actions))
		for _, s := range v.Signatories() {
			if s.SignedAt.IsZero() {
				fmt.Fprintf(e.out, "Not signed by %s (%s)\n", s.Name, s.Role)
			} else {
				fmt.Fprintf(e.out, "Signed by %s (%s) at %s\n", s.Name, s.Role, stamp(s.SignedAt))
			}
		}
		return nil
	})
}

func (e *env) appraisalRateAsAppraiser(args []string) error {
	var id, name string
	var asJSON bool
	pos, err := flags("appraisal rate-as-appraiser", args, func(fs *flag.FlagSet) {
		fs.StringVar(&id, "appraisal", "", "appraisal id")
		fs.StringVar(&name, "appraiser", "", "which appraiser (needed when there are several)")
		fs.BoolVar(&asJSON, "json", false, "JSON output")
	})
	switch {
	case err != nil:
		return err
	case len(pos) == 1 && id == "":
		id = pos[0]
	case len(pos) > 0:
		return usagef("appraisal rate-as-appraiser takes no arguments besides --appraisal")
	}
	if id == "" {
		return usagef("appraisal rate-as-appraiser needs --appraisal")
	}
	return e.withWorkspace(func(ws *workspace.Workspace) error {
		a, err := ws.RateAsAppraiser(e.ctx, id, name)
		if err != nil {
			return err
		}
		if asJSON {
			s, err := ws.Sheet(e.ctx, a.ID)
			if err != nil {
				return err
			}
			return writeJSON(e.out, toAssessmentJSON(s))
		}
		fmt.Fprintln(e.out, a.ID)
		_, err = fmt.Fprintf(e.out, "%s's assessment; rate with: gapwise-cli assess rate --assessment %s --item ITEM --level N\n", a.Assessor, a.ID)
		return err
	})
}

func (e *env) appraisalImportAppraiser(args []string) error {
	var id string
	var asJSON bool
	var opts workspace.AssessmentImportOptions
	files, err := flags("appraisal import-appraiser", args, func(fs *flag.FlagSet) {
		fs.StringVar(&id, "appraisal", "", "appraisal id")
		fs.BoolVar(&asJSON, "json", false, "JSON output")
		acceptPersonFlag(fs, &opts)
	})
	switch {
	case err != nil:
		return err
	case id == "":
		return usagef("appraisal import-appraiser needs --appraisal")
	case len(files) != 1:
		return usagef("appraisal import-appraiser needs one FILE")
	}
	return e.withWorkspace(func(ws *workspace.Workspace) error {
		res, err := ws.ImportAppraiserPath(e.ctx, id, files[0], opts)
		if err != nil {
			return personHint(err)
		}
		if asJSON {
			return writeJSON(e.out, importJSON{File: files[0], Outcome: outcomeNames[res.Outcome], Assessment: res.Assessment.ID,
				Person: res.Person.Name, Framework: res.Assessment.Framework.String(), Ratings: res.Ratings, PersonUpdated: res.PersonUpdated})
		}
		_, err = fmt.Fprintf(e.out, "%s: %s; linked to appraisal %s as %s's assessment\n", files[0], res.Describe(), id, res.Assessment.Assessor)
		return err
	})
}

func (e *env) appraisalAgree(args []string) error {
	var id, item string
	var level optInt
	var clear, matching bool
	pos, err := flags("appraisal agree", args, func(fs *flag.FlagSet) {
		fs.StringVar(&id, "appraisal", "", "appraisal id")
		fs.StringVar(&item, "item", "", "item id")
		fs.Var(&level, "level", "the agreed level (0 = none yet)")
		fs.BoolVar(&clear, "clear", false, "remove the agreed level")
		fs.BoolVar(&matching, "all-matching", false, "agree every item where the appraisee and every appraiser gave the same level")
	})
	switch {
	case err != nil:
		return err
	case len(pos) > 0:
		return usagef("appraisal agree takes no arguments")
	case id == "":
		return usagef("appraisal agree needs --appraisal")
	case matching && (item != "" || level.set || clear):
		return usagef("appraisal agree --all-matching takes no --item, --level or --clear")
	case !matching && item == "":
		return usagef("appraisal agree needs --item ITEM (or --all-matching)")
	case !matching && level.set == clear:
		return usagef("appraisal agree needs --level N or --clear (one of them)")
	}
	return e.withWorkspace(func(ws *workspace.Workspace) error {
		switch {
		case matching:
			n, err := ws.AgreeAllMatching(e.ctx, id)
			if err != nil {
				return err
			}
			_, err = fmt.Fprintf(e.out, "%d matching items agreed\n", n)
			return err
		case clear:
			if err := ws.ClearAgreed(e.ctx, model.AppraisalID(id), model.ItemID(item)); err != nil {
				return err
			}
			_, err := fmt.Fprintf(e.out, "%s: no agreed level\n", item)
			return err
		}
		if err := ws.SetAgreed(e.ctx, model.AppraisalID(id), model.ItemID(item), level.v); err != nil {
			return err
		}
		_, err := fmt.Fprintf(e.out, "%s: agreed %d\n", item, level.v)
		return err
	})
}

func (e *env) appraisalNote(args []string) error {
	var id, item string
	var text optString
	pos, err := flags("appraisal note", args, func(fs *flag.FlagSet) {
		fs.StringVar(&id, "appraisal", "", "appraisal id")
		fs.StringVar(&item, "item", "", "the item the note is on (without it: the overall notes)")
		fs.Var(&text, "text", "the note; empty removes it")
	})
	switch {
	case err != nil:
		return err
	case len(pos) > 0:
		return usagef("appraisal note takes no arguments")
	case id == "" || !text.set:
		return usagef("appraisal note needs --appraisal and --text (empty to remove)")
	}
	return e.withWorkspace(func(ws *workspace.Workspace) error {
		if item == "" {
			if err := ws.SetOverallNotes(e.ctx, id, text.v); err != nil {
				return err
			}
			_, err := fmt.Fprintln(e.out, "Overall notes saved")
			return err
		}
		if err := ws.SetAppraisalNote(e.ctx, id, item, text.v); err != nil {
			return err
		}
		_, err := fmt.Fprintf(e.out, "Note on %s saved\n", item)
		return err
	})
}

func (e *env) appraisalSign(args []string) error {
	var id, who, name string
	var withdraw, unsign bool
	pos, err := flags("appraisal sign", args, func(fs *flag.FlagSet) {
		fs.StringVar(&id, "appraisal", "", "appraisal id")
		fs.StringVar(&who, "as", "", "appraisee, appraiser, or an appraiser's name")
		fs.StringVar(&name, "appraiser", "", "which appraiser signs (with --as appraiser, when there are several)")
		fs.BoolVar(&withdraw, "withdraw", false, "withdraw the signature")
		fs.BoolVar(&unsign, "unsign", false, "the same as --withdraw")
	})
	switch {
	case err != nil:
		return err
	case len(pos) > 0:
		return usagef("appraisal sign takes no arguments")
	case id == "":
		return usagef("appraisal sign needs --appraisal")
	case who == "" && name == "":
		return usagef("appraisal sign needs --as appraisee, --as appraiser or --appraiser NAME")
	case name != "" && who != "" && who != "appraiser":
		return usagef("appraisal sign: --appraiser NAME goes with --as appraiser (or alone)")
	}
	if name != "" {
		who = name
	}
	return e.withWorkspace(func(ws *workspace.Workspace) error {
		if withdraw || unsign {
			setAside, err := ws.Unsign(e.ctx, id, who)
			if err != nil {
				return err
			}
			msg := fmt.Sprintf("Signature of %s withdrawn; the appraisal is open for changes", who)
			if len(setAside) > 0 {
				msg += fmt.Sprintf(" (the signatures of %s are set aside too: everyone signs again)", strings.Join(setAside, ", "))
			}
			_, err = fmt.Fprintln(e.out, msg)
			return err
		}
		if err := ws.SignOff(e.ctx, id, who); err != nil {
			return err
		}
		v, err := ws.AppraisalView(e.ctx, id)
		if err != nil {
			return err
		}
		for _, s := range v.Signatories() {
			if s.Who == who || strings.EqualFold(s.Who, strings.TrimSpace(who)) || (who == "appraiser" && s.Who != workspace.SignAppraisee) {
				fmt.Fprintf(e.out, "Signed by %s (%s) at %s\n", s.Name, s.Role, stamp(s.SignedAt))
				break
			}
		}
		if v.Appraisal.AllSigned() {
			_, err = fmt.Fprintln(e.out, "Everyone has signed: the agreed levels, notes and plan are now read-only")
		}
		return err
	})
}
