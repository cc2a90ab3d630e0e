package cli

import (
	"flag"
	"fmt"
	"strconv"
	"text/tabwriter"
	"time"

	"gapwise/internal/model"
	"gapwise/internal/workspace"
)

// appraisalJSON is the stable JSON shape of an appraisal in `appraisal
// start --json` and `appraisal list --json`.
type appraisalJSON struct {
	ID                  string  `json:"id"`
	Person              string  `json:"person"` // id
	PersonName          string  `json:"person_name"`
	Framework           string  `json:"framework"`
	Period              string  `json:"period"`
	Appraiser           string  `json:"appraiser"` // the appraiser's name
	SelfAssessment      string  `json:"self_assessment"`
	AppraiserAssessment *string `json:"appraiser_assessment"` // null until the appraiser has one
	AgreedAssessment    string  `json:"agreed_assessment"`
	PreviousPlan        *string `json:"previous_plan"` // null when none
	Plan                string  `json:"plan"`
	AppraiseeSignedAt   *string `json:"appraisee_signed_at"` // null until signed
	AppraiserSignedAt   *string `json:"appraiser_signed_at"`
	CreatedAt           string  `json:"created_at"`
	UpdatedAt           string  `json:"updated_at"`
}

// appraisalItemJSON is one item of `appraisal show --json`.
type appraisalItemJSON struct {
	Item      string `json:"item"`
	Title     string `json:"title"`
	Group     string `json:"group"`     // outermost group's title; "" when none
	Self      *int   `json:"self"`      // null when not rated; 0 is "none yet"
	Appraiser *int   `json:"appraiser"` // null when not rated
	Agreed    *int   `json:"agreed"`    // null when no level is agreed yet
	Disagree  bool   `json:"disagree"`  // self and appraiser differ
	Note      string `json:"note"`
}

// appraisalShowJSON is the stable JSON shape of `appraisal show --json`.
type appraisalShowJSON struct {
	Appraisal           string              `json:"appraisal"`
	Person              string              `json:"person"` // name, as in `assess show` and `gaps`
	PersonID            string              `json:"person_id"`
	Framework           string              `json:"framework"`
	Period              string              `json:"period"`
	Appraiser           string              `json:"appraiser"`
	SelfAssessment      string              `json:"self_assessment"`
	AppraiserAssessment *string             `json:"appraiser_assessment"`
	AgreedAssessment    string              `json:"agreed_assessment"`
	PreviousPlan        *string             `json:"previous_plan"`
	Plan                string              `json:"plan"`
	OverallNotes        string              `json:"overall_notes"`
	InScope             int                 `json:"in_scope"`
	RatedByBoth         int                 `json:"rated_by_both"`
	Disagreements       int                 `json:"disagreements"`
	Agreed              int                 `json:"agreed"`
	Outstanding         int                 `json:"outstanding"` // rated by both, not agreed: these stop sign-off
	ReadyToSign         bool                `json:"ready_to_sign"`
	AppraiseeSignedAt   *string             `json:"appraisee_signed_at"`
	AppraiserSignedAt   *string             `json:"appraiser_signed_at"`
	Items               []appraisalItemJSON `json:"items"` // in scope, framework order
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

func toAppraisalJSON(a model.Appraisal, name string) appraisalJSON {
	return appraisalJSON{
		ID: a.ID, Person: a.PersonID, PersonName: name, Framework: a.Framework.String(), Period: a.Period,
		Appraiser: a.AppraiserName, SelfAssessment: a.SelfID, AppraiserAssessment: optID(a.AppraiserID),
		AgreedAssessment: a.AgreedID, PreviousPlan: optID(a.PreviousPlan), Plan: a.Plan,
		AppraiseeSignedAt: optStamp(a.AppraiseeSignedAt), AppraiserSignedAt: optStamp(a.AppraiserSignedAt),
		CreatedAt: stamp(a.CreatedAt), UpdatedAt: stamp(a.UpdatedAt),
	}
}

func toAppraisalShowJSON(v *workspace.AppraisalView) appraisalShowJSON {
	a := v.Appraisal
	out := appraisalShowJSON{
		Appraisal: a.ID, Person: v.Person.Name, PersonID: a.PersonID, Framework: a.Framework.String(), Period: a.Period,
		Appraiser: a.AppraiserName, SelfAssessment: a.SelfID, AppraiserAssessment: optID(a.AppraiserID),
		AgreedAssessment: a.AgreedID, PreviousPlan: optID(a.PreviousPlan), Plan: a.Plan, OverallNotes: a.OverallNotes,
		InScope: v.Counts.Items, RatedByBoth: v.Counts.RatedByBoth, Disagreements: v.Counts.Disagreements,
		Agreed: v.Counts.Agreed, Outstanding: v.Counts.Outstanding, ReadyToSign: v.ReadyToSign(),
		AppraiseeSignedAt: optStamp(a.AppraiseeSignedAt), AppraiserSignedAt: optStamp(a.AppraiserSignedAt),
		Items: make([]appraisalItemJSON, 0, len(v.Items)),
	}
	for _, r := range v.Items {
		row := appraisalItemJSON{Item: r.Item.ID, Title: r.Item.Title, Self: r.Self, Appraiser: r.Appraiser,
			Agreed: r.Agreed, Disagree: r.Disagree, Note: r.Note}
		if r.TopGroup != nil {
			row.Group = r.TopGroup.Title
		}
		out.Items = append(out.Items, row)
	}
	return out
}

func (e *env) appraisal(args []string) error {
	if len(args) == 0 {
		return sayHint("appraisal") // dispatch answers this first; kept for direct calls
	}
	switch args[0] {
	case "start":
		return e.appraisalStart(args[1:])
	case "list":
		return e.appraisalList(args[1:])
	case "show":
		return e.appraisalShow(args[1:])
	case "rate-as-appraiser":
		return e.appraisalRateAsAppraiser(args[1:])
	case "import-appraiser":
		return e.appraisalImportAppraiser(args[1:])
	case "agree":
		return e.appraisalAgree(args[1:])
	case "note":
		return e.appraisalNote(args[1:])
	case "rm":
		return appraisalRm.run(e, args[1:])
	case "sign":
		return e.appraisalSign(args[1:])
	}
	return usagef("appraisal: unknown subcommand %q", args[0])
}

func (e *env) appraisalStart(args []string) error {
	var self, appraiser, period string
	var asJSON bool
	pos, err := flags("appraisal start", args, func(fs *flag.FlagSet) {
		fs.StringVar(&self, "assessment", "", "the appraisee's self-assessment id")
		fs.StringVar(&appraiser, "appraiser", "", "the appraiser's name")
		fs.StringVar(&period, "period", "", "appraisal period, e.g. 2026/27 (default: the current April-March year)")
		fs.BoolVar(&asJSON, "json", false, "print the new appraisal as JSON")
	})
	switch {
	case err != nil:
		return err
	case len(pos) > 0:
		return usagef("appraisal start takes no arguments")
	case self == "" || appraiser == "":
		return usagef("appraisal start needs --assessment SELF_ID and --appraiser NAME")
	}
	return e.withWorkspace(func(ws *workspace.Workspace) error {
		a, err := ws.StartAppraisal(e.ctx, self, appraiser, period)
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
			a.Period, p.Name, a.AppraiserName, a.Framework, a.AgreedID, a.Plan)
		if a.PreviousPlan != "" {
			fmt.Fprintf(e.out, "reviews plan %s\n", a.PreviousPlan)
		} else {
			fmt.Fprintln(e.out, "no earlier plan to review")
		}
		return nil
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
		if asJSON {
			return writeJSON(e.out, rows)
		}
		tw := tabwriter.NewWriter(e.out, 0, 0, 2, ' ', 0)
		fmt.Fprintln(tw, "ID\tPERIOD\tAPPRAISER\tFRAMEWORK\tSIGNED\tUPDATED")
		for _, r := range rows {
			fmt.Fprintf(tw, "%s\t%s\t%s\t%s\t%s\t%s\n", r.ID, orDash(r.Period), r.Appraiser, r.Framework, signedText(r.AppraiseeSignedAt, r.AppraiserSignedAt), r.UpdatedAt)
		}
		if err := tw.Flush(); err != nil {
			return err
		}
		_, err = fmt.Fprintf(e.out, "%d appraisals\n", len(rows))
		return err
	})
}

func signedText(appraisee, appraiser *string) string {
	switch {
	case appraisee != nil && appraiser != nil:
		return "both"
	case appraisee != nil:
		return "appraisee"
	case appraiser != nil:
		return "appraiser"
	}
	return "no"
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
		fmt.Fprintf(e.out, "Appraisal %s\n%s, %s appraisal by %s against %s\n", a.ID, v.Person.Name, orDash(a.Period), a.AppraiserName, a.Framework)
		if v.Appraiser == nil {
			fmt.Fprintf(e.out, "The appraiser has not rated yet (gapwise-cli appraisal rate-as-appraiser --appraisal %s, or import-appraiser FILE)\n", a.ID)
		}
		// Only items someone rated, agreed or noted: the full scope is in --json.
		tw := tabwriter.NewWriter(e.out, 0, 0, 2, ' ', 0)
		fmt.Fprintln(tw, "ITEM\tTITLE\tSELF\tAPPRAISER\tAGREED\t\tNOTE")
		quiet := 0
		for _, r := range out.Items {
			if r.Self == nil && r.Appraiser == nil && r.Agreed == nil && r.Note == "" {
				quiet++
				continue
			}
			mark := ""
			if r.Disagree {
				mark = "differ"
			}
			title := r.Title
			if model.Slug(title) == r.Item {
				title = ""
			}
			fmt.Fprintf(tw, "%s\t%s\t%s\t%s\t%s\t%s\t%s\n", r.Item, clipText(title, 40), levelCell(r.Self), levelCell(r.Appraiser),
				levelCell(r.Agreed), mark, clipText(r.Note, 40))
		}
		if err := tw.Flush(); err != nil {
			return err
		}
		if quiet > 0 {
			fmt.Fprintf(e.out, "(%d other items not rated by either)\n", quiet)
		}
		fmt.Fprintf(e.out, "%d rated by both, %d rated differently, %d agreed, %d still to agree\n",
			out.RatedByBoth, out.Disagreements, out.Agreed, out.Outstanding)
		if a.OverallNotes != "" {
			fmt.Fprintf(e.out, "Notes: %s\n", oneLine(a.OverallNotes))
		}
		if v.PreviousPlan != nil {
			fmt.Fprintf(e.out, "Reviews plan %s %q (%d actions)\n", v.PreviousPlan.ID, v.PreviousPlan.Title, len(v.PreviousPlan.Actions))
		}
		fmt.Fprintf(e.out, "New plan %s %q (%d actions)\n", v.Plan.ID, v.Plan.Title, len(v.Plan.Actions))
		for _, s := range []struct {
			who string
			at  *string
		}{{"appraisee", out.AppraiseeSignedAt}, {"appraiser", out.AppraiserSignedAt}} {
			if s.at != nil {
				fmt.Fprintf(e.out, "Signed by the %s at %s\n", s.who, *s.at)
			} else {
				fmt.Fprintf(e.out, "Not signed by the %s\n", s.who)
			}
		}
		return nil
	})
}

func (e *env) appraisalRateAsAppraiser(args []string) error {
	id, asJSON, err := appraisalFlag("appraisal rate-as-appraiser", args)
	if err != nil {
		return err
	}
	return e.withWorkspace(func(ws *workspace.Workspace) error {
		a, err := ws.RateAsAppraiser(e.ctx, id)
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
		_, err = fmt.Fprintf(e.out, "the appraiser's assessment; rate with: gapwise-cli assess rate --assessment %s --item ITEM --level N\n", a.ID)
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
		_, err = fmt.Fprintf(e.out, "%s: %s; linked to appraisal %s\n", files[0], res.Describe(), id)
		return err
	})
}

func (e *env) appraisalAgree(args []string) error {
	var id, item string
	var level optInt
	var clear bool
	pos, err := flags("appraisal agree", args, func(fs *flag.FlagSet) {
		fs.StringVar(&id, "appraisal", "", "appraisal id")
		fs.StringVar(&item, "item", "", "item id")
		fs.Var(&level, "level", "the agreed level (0 = none yet)")
		fs.BoolVar(&clear, "clear", false, "remove the agreed level")
	})
	switch {
	case err != nil:
		return err
	case len(pos) > 0:
		return usagef("appraisal agree takes no arguments")
	case id == "" || item == "":
		return usagef("appraisal agree needs --appraisal and --item")
	case level.set == clear:
		return usagef("appraisal agree needs --level N or --clear (one of them)")
	}
	return e.withWorkspace(func(ws *workspace.Workspace) error {
		if clear {
			if err := ws.ClearAgreed(e.ctx, id, item); err != nil {
				return err
			}
			_, err := fmt.Fprintf(e.out, "%s: no agreed level\n", item)
			return err
		}
		if err := ws.SetAgreed(e.ctx, id, item, level.v); err != nil {
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
	var id, who string
	var unsign bool
	pos, err := flags("appraisal sign", args, func(fs *flag.FlagSet) {
		fs.StringVar(&id, "appraisal", "", "appraisal id")
		fs.StringVar(&who, "as", "", "appraisee or appraiser")
		fs.BoolVar(&unsign, "unsign", false, "withdraw the sign-off")
	})
	switch {
	case err != nil:
		return err
	case len(pos) > 0:
		return usagef("appraisal sign takes no arguments")
	case id == "":
		return usagef("appraisal sign needs --appraisal")
	case who != workspace.SignAppraisee && who != workspace.SignAppraiser:
		return usagef("appraisal sign needs --as appraisee or --as appraiser")
	}
	return e.withWorkspace(func(ws *workspace.Workspace) error {
		if unsign {
			if err := ws.Unsign(e.ctx, id, who); err != nil {
				return err
			}
			_, err := fmt.Fprintf(e.out, "Sign-off by the %s withdrawn\n", who)
			return err
		}
		if err := ws.SignOff(e.ctx, id, who); err != nil {
			return err
		}
		a, err := ws.Appraisal(e.ctx, id)
		if err != nil {
			return err
		}
		at := a.AppraiseeSignedAt
		if who == workspace.SignAppraiser {
			at = a.AppraiserSignedAt
		}
		_, err = fmt.Fprintf(e.out, "Signed by the %s at %s\n", who, stamp(at))
		return err
	})
}
