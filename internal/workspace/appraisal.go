package workspace

import (
	"context"
	"fmt"
	"time"

	"gapwise/internal/exchange"
	"gapwise/internal/model"
	"gapwise/internal/store"
)

// Who signs an appraisal off (SignOff, Unsign).
const (
	SignAppraisee = store.Appraisee
	SignAppraiser = store.Appraiser
)

// AppraisalPeriod is the UK appraisal (financial) year a day falls in,
// April to March: "2026/27" from 1 April 2026 to 31 March 2027.
func AppraisalPeriod(day time.Time) string {
	y := day.Year()
	if day.Month() < time.April {
		y--
	}
	return fmt.Sprintf("%d/%02d", y, (y+1)%100)
}

// signed reports whether either party has signed the appraisal off.
func signed(a model.Appraisal) bool {
	return !a.AppraiseeSignedAt.IsZero() || !a.AppraiserSignedAt.IsZero()
}

// errSigned refuses to change what has been signed.
func errSigned() error {
	return model.Errorf(model.Conflict, "this appraisal has been signed; withdraw the sign-off before changing it")
}

// StartAppraisal starts a joint appraisal from a person's self-assessment:
// an agreed assessment (kind agreed, same scope, starting with the
// self-assessment's targets) and a new, empty plan, both the person's and
// against the same framework version. The plan reviewed this time is the
// person's latest plan for that framework version, if any. An empty period
// means the current UK appraisal year (AppraisalPeriod). Everything is
// written in one transaction.
func (w *Workspace) StartAppraisal(ctx context.Context, selfAssessmentID, appraiserName, period string) (model.Appraisal, error) {
	self, err := w.store.Assessment(ctx, selfAssessmentID)
	if err != nil {
		return model.Appraisal{}, err
	}
	if self.Kind != model.SelfAssessment {
		return model.Appraisal{}, model.Errorf(model.Invalid, "assessment %s is a %s assessment; an appraisal starts from the appraisee's self-assessment", self.ID, self.Kind)
	}
	if appraiserName, err = checkLine("appraiser's name", appraiserName); err != nil {
		return model.Appraisal{}, err
	}
	if appraiserName == "" {
		return model.Appraisal{}, model.Errorf(model.Invalid, "an appraisal needs the appraiser's name")
	}
	if period, err = checkLine("appraisal period", period); err != nil {
		return model.Appraisal{}, err
	}
	now := time.Now()
	if period == "" {
		period = AppraisalPeriod(now)
	}
	person, err := w.store.Person(ctx, self.PersonID)
	if err != nil {
		return model.Appraisal{}, err
	}
	f, err := w.Framework(ctx, self.Framework)
	if err != nil {
		return model.Appraisal{}, err
	}
	targets, err := w.store.Targets(ctx, self.ID)
	if err != nil {
		return model.Appraisal{}, err
	}
	plans, err := w.store.PlansFor(ctx, person.ID)
	if err != nil {
		return model.Appraisal{}, err
	}
	previous := ""
	for _, p := range plans { // newest first
		if p.Framework == self.Framework {
			previous = p.ID
			break
		}
	}
	at := now.UTC()
	ap, err := w.store.CreateAppraisal(ctx, store.AppraisalStart{
		Appraisal: model.Appraisal{
			PersonID: person.ID, Framework: self.Framework, Period: period, AppraiserName: appraiserName,
			SelfID: self.ID, PreviousPlan: previous, CreatedAt: at, UpdatedAt: at,
		},
		Agreed: model.Assessment{
			PersonID: person.ID, Framework: self.Framework, Kind: model.AgreedAssessment, Scope: self.Scope,
			Assessor:  model.ClipText(fmt.Sprintf("agreed by %s and %s", person.Name, appraiserName), exchange.MaxTextLen),
			CreatedAt: at, UpdatedAt: at,
		},
		AgreedTargets: targets,
		Plan: model.Plan{
			PersonID: person.ID, Framework: self.Framework, CreatedAt: at, UpdatedAt: at,
			Title: model.ClipText(fmt.Sprintf("Development plan — %s — %s appraisal", frameworkLabel(f), period), exchange.MaxTextLen),
		},
	})
	if err == nil { // with it come an agreed assessment and a plan
		w.changed(ctx, nil, AssessmentChanged, ap.AgreedID)
		w.changed(ctx, nil, PlanChanged)
	}
	return ap, w.changed(ctx, err, AppraisalChanged, ap.ID)
}

// Appraisals lists a person's appraisals, newest first.
func (w *Workspace) Appraisals(ctx context.Context, personID string) ([]model.Appraisal, error) {
	return w.store.AppraisalsFor(ctx, personID)
}

// Appraisal returns one appraisal with its item notes.
func (w *Workspace) Appraisal(ctx context.Context, id string) (model.Appraisal, error) {
	return w.store.Appraisal(ctx, id)
}

// DeleteAppraisal removes an appraisal and its notes. Its assessments and
// plans stay with the person, who can delete them on their own.
func (w *Workspace) DeleteAppraisal(ctx context.Context, id string) error {
	_, err := w.Erase(ctx, EraseAppraisal, id)
	return err
}

// unsigned returns the appraisal, refusing (Conflict) one that has been signed.
func (w *Workspace) unsigned(ctx context.Context, id string) (model.Appraisal, error) {
	a, err := w.store.Appraisal(ctx, id)
	if err != nil {
		return model.Appraisal{}, err
	}
	if signed(a) {
		return model.Appraisal{}, errSigned()
	}
	return a, nil
}

// RateAsAppraiser returns the appraiser's assessment of the appraisal,
// creating it the first time (kind appraiser, the appraiser as assessor, the
// self-assessment's scope) and linking it. The app then rates it with Rate.
func (w *Workspace) RateAsAppraiser(ctx context.Context, appraisalID string) (model.Assessment, error) {
	ap, err := w.store.Appraisal(ctx, appraisalID)
	if err != nil {
		return model.Assessment{}, err
	}
	if ap.AppraiserID != "" {
		return w.store.Assessment(ctx, ap.AppraiserID)
	}
	if signed(ap) {
		return model.Assessment{}, errSigned()
	}
	self, err := w.store.Assessment(ctx, ap.SelfID)
	if err != nil {
		return model.Assessment{}, err
	}
	at := time.Now().UTC()
	a, _, err := w.store.StartAppraiserAssessment(ctx, ap.ID, model.Assessment{
		PersonID: ap.PersonID, Framework: ap.Framework, Kind: model.AppraiserAssessment,
		Assessor: ap.AppraiserName, Scope: self.Scope, CreatedAt: at, UpdatedAt: at,
	})
	if err == nil {
		w.changed(ctx, nil, AssessmentChanged, a.ID)
	}
	return a, w.changed(ctx, err, AppraisalChanged, ap.ID)
}

// ImportAppraiserFile imports the appraiser's assessment from a
// .gapwise.json file and links it to the appraisal. The file must be an
// appraiser's assessment of the appraisee against the appraisal's framework
// version; it is validated whole and stored as ImportAssessment stores a
// file (newer wins, the older kept as history), in one transaction with the
// link.
//
// A file giving the appraisee another name or discipline is refused as
// ImportAssessment refuses it, unless opts accept the file's details.
func (w *Workspace) ImportAppraiserFile(ctx context.Context, appraisalID string, data []byte, opts ...AssessmentImportOptions) (ImportResult, error) {
	ap, err := w.unsigned(ctx, appraisalID)
	if err != nil {
		return ImportResult{}, err
	}
	person, err := w.store.Person(ctx, ap.PersonID)
	if err != nil {
		return ImportResult{}, err
	}
	resolve, installed, err := w.resolver(ctx)
	if err != nil {
		return ImportResult{}, err
	}
	f, err := exchange.Decode(data, resolve, installed...)
	if err != nil {
		return ImportResult{}, err
	}
	switch {
	case f.Assessment.Kind != model.AppraiserAssessment:
		return ImportResult{}, model.Errorf(model.BadFile, "this file is a %s assessment of %s; an appraisal takes the appraiser's assessment (kind appraiser)", f.Assessment.Kind, f.Person.Name)
	case f.Person.ID != ap.PersonID:
		return ImportResult{}, model.Errorf(model.BadFile, "this file is an appraiser's assessment of %s, not %s", f.Person.Name, person.Name)
	case f.Assessment.Framework != ap.Framework:
		return ImportResult{}, model.Errorf(model.BadFile, "this file is an appraiser's assessment rated against %s; this appraisal uses %s", f.Assessment.Framework, ap.Framework)
	}
	if ahead := time.Until(f.Assessment.UpdatedAt); ahead > 24*time.Hour {
		return ImportResult{}, model.Errorf(model.BadFile, "the file says it was updated on %s, in the future: check the sender's computer clock and export again",
			f.Assessment.UpdatedAt.Format("2 Jan 2006"))
	}
	res := ImportResult{Person: person, Assessment: f.Assessment, Ratings: len(f.Ratings)}
	if res.PersonUpdated, err = w.personChange(ctx, f.Person, optionsOf(opts)); err != nil {
		return ImportResult{}, err
	}
	previous, storedUpdated, err := w.previousVersion(ctx, f)
	if err != nil {
		return res, err
	}
	if res.Outcome, err = w.store.ImportAppraiserAssessment(ctx, ap.ID, f.Assessment, f.Ratings, f.Targets, previous, storedUpdated); err != nil {
		return res, err
	}
	w.changed(ctx, nil, AssessmentChanged, f.Assessment.ID)
	w.changed(ctx, nil, AppraisalChanged, ap.ID)
	if res.PersonUpdated {
		p := f.Person
		p.Sample, p.CreatedAt = person.Sample, person.CreatedAt
		if err := w.store.UpdatePerson(ctx, p); err != nil {
			return res, fmt.Errorf("the appraiser's assessment is imported, but %s's profile could not take the file's details: %w", person.Name, err)
		}
		res.Person = p
		w.changed(ctx, nil, PersonChanged, p.ID)
	}
	return res, nil
}

// ImportAppraiserPath reads a file and imports it as the appraisal's
// appraiser's assessment (see ImportAppraiserFile).
func (w *Workspace) ImportAppraiserPath(ctx context.Context, appraisalID, path string, opts ...AssessmentImportOptions) (ImportResult, error) {
	data, err := readLimited(path, exchange.MaxFileSize)
	if err != nil {
		return ImportResult{}, err
	}
	res, err := w.ImportAppraiserFile(ctx, appraisalID, data, opts...)
	if err != nil {
		return res, fmt.Errorf("%s: %w", path, err)
	}
	return res, nil
}

// SetAgreed records the level both agreed on for an item, in the agreed
// assessment (through Rate, so the level must be valid for the item and
// the item in scope).
func (w *Workspace) SetAgreed(ctx context.Context, appraisalID, item string, level int) error {
	ap, err := w.unsigned(ctx, appraisalID)
	if err != nil {
		return err
	}
	return w.changed(ctx, w.Rate(ctx, ap.AgreedID, model.Rating{Item: item, Level: level}), AppraisalChanged, appraisalID)
}

// ClearAgreed makes an item "not agreed yet" again.
func (w *Workspace) ClearAgreed(ctx context.Context, appraisalID, item string) error {
	ap, err := w.unsigned(ctx, appraisalID)
	if err != nil {
		return err
	}
	return w.changed(ctx, w.ClearRating(ctx, ap.AgreedID, item), AppraisalChanged, appraisalID)
}

// SetAppraisalNote saves the discussion note on one item (up to 10,000
// characters); an empty note removes it.
func (w *Workspace) SetAppraisalNote(ctx context.Context, appraisalID, item, note string) error {
	ap, err := w.unsigned(ctx, appraisalID)
	if err != nil {
		return err
	}
	f, err := w.Framework(ctx, ap.Framework)
	if err != nil {
		return err
	}
	if _, ok := f.Item(item); !ok {
		return model.Errorf(model.NotFound, "%s has no item %q", f.Ref, item)
	}
	if note, err = checkText("note", note, MaxActionText); err != nil {
		return err
	}
	return w.changed(ctx, w.store.SetAppraisalNote(ctx, appraisalID, item, note), AppraisalChanged, appraisalID)
}

// SetOverallNotes saves the appraisal's overall notes (up to 10,000 characters).
func (w *Workspace) SetOverallNotes(ctx context.Context, appraisalID, notes string) error {
	ap, err := w.unsigned(ctx, appraisalID)
	if err != nil {
		return err
	}
	if ap.OverallNotes, err = checkText("overall notes", notes, MaxActionText); err != nil {
		return err
	}
	return w.changed(ctx, w.store.UpdateAppraisal(ctx, ap), AppraisalChanged, appraisalID)
}

// SetAppraisalDetails changes the appraisal's period and appraiser's name.
func (w *Workspace) SetAppraisalDetails(ctx context.Context, appraisalID, period, appraiserName string) error {
	ap, err := w.unsigned(ctx, appraisalID)
	if err != nil {
		return err
	}
	if ap.Period, err = checkLine("appraisal period", period); err != nil {
		return err
	}
	if ap.AppraiserName, err = checkLine("appraiser's name", appraiserName); err != nil {
		return err
	}
	if ap.AppraiserName == "" {
		return model.Errorf(model.Invalid, "an appraisal needs the appraiser's name")
	}
	return w.changed(ctx, w.store.UpdateAppraisal(ctx, ap), AppraisalChanged, appraisalID)
}

// SetPreviousPlan chooses the plan reviewed at this appraisal ("" for none):
// another of the appraisee's plans.
func (w *Workspace) SetPreviousPlan(ctx context.Context, appraisalID, planID string) error {
	ap, err := w.unsigned(ctx, appraisalID)
	if err != nil {
		return err
	}
	ap.PreviousPlan = planID
	return w.changed(ctx, w.store.UpdateAppraisal(ctx, ap), AppraisalChanged, appraisalID)
}

// SignOff records who ("appraisee" or "appraiser") signs the appraisal off
// now. It is refused while an item both rated has no agreed level. Signing
// again keeps the first time. Once either has signed, the agreed levels and
// notes are locked until every sign-off is withdrawn (Unsign); the plan
// stays editable through the year.
func (w *Workspace) SignOff(ctx context.Context, appraisalID, who string) error {
	v, err := w.AppraisalView(ctx, appraisalID)
	if err != nil {
		return err
	}
	var already time.Time
	switch who {
	case SignAppraisee:
		already = v.Appraisal.AppraiseeSignedAt
	case SignAppraiser:
		already = v.Appraisal.AppraiserSignedAt
	default:
		return model.Errorf(model.Invalid, "sign-off is by the appraisee or the appraiser, not %q", who)
	}
	if !already.IsZero() {
		return nil
	}
	if v.Counts.Outstanding > 0 {
		return model.Errorf(model.Conflict, "agree a level for every item you both rated before signing (%d still to agree)", v.Counts.Outstanding)
	}
	return w.changed(ctx, w.store.SignAppraisal(ctx, appraisalID, who, time.Now()), AppraisalChanged, appraisalID)
}

// Unsign withdraws who's sign-off.
func (w *Workspace) Unsign(ctx context.Context, appraisalID, who string) error {
	return w.changed(ctx, w.store.SignAppraisal(ctx, appraisalID, who, time.Time{}), AppraisalChanged, appraisalID)
}

// AppraisalRow is one item of an appraisal: the two ratings side by side,
// the agreed level and the discussion note.
type AppraisalRow struct {
	Item                    *model.Item  // points into the framework
	TopGroup                *model.Group // outermost group; nil when none
	Self, Appraiser, Agreed *int         // nil when not rated (or not agreed); 0 is "none yet"
	Disagree                bool         // self and appraiser differ (model.Disagree)
	Note                    string
}

// AppraisalCounts summarise an appraisal's items.
type AppraisalCounts struct {
	Items         int // in scope
	RatedByBoth   int // rated by the appraisee and the appraiser
	Disagreements int // of those, rated differently
	Agreed        int // items with an agreed level
	Outstanding   int // rated by both but not agreed yet: these stop sign-off
}

// AppraisalView is everything the appraisal screen (and report) needs.
type AppraisalView struct {
	Appraisal    model.Appraisal
	Person       model.Person
	Framework    *model.Framework
	Self         model.Assessment
	Appraiser    *model.Assessment // nil until the appraiser has an assessment
	Agreed       model.Assessment
	Items        []AppraisalRow // in scope, framework order
	Counts       AppraisalCounts
	PreviousPlan *model.Plan // nil when none
	Plan         model.Plan
}

// Signed reports whether either party has signed off (the agreed levels
// and notes are then locked).
func (v *AppraisalView) Signed() bool { return signed(v.Appraisal) }

// ReadyToSign reports whether every item both rated has an agreed level.
func (v *AppraisalView) ReadyToSign() bool { return v.Counts.Outstanding == 0 }

// AppraisalView loads an appraisal with its items in the self-assessment's
// scope, in framework order.
func (w *Workspace) AppraisalView(ctx context.Context, id string) (*AppraisalView, error) {
	ap, err := w.store.Appraisal(ctx, id)
	if err != nil {
		return nil, err
	}
	v := &AppraisalView{Appraisal: ap}
	if v.Person, err = w.store.Person(ctx, ap.PersonID); err != nil {
		return nil, err
	}
	if v.Framework, err = w.Framework(ctx, ap.Framework); err != nil {
		return nil, err
	}
	if v.Self, err = w.store.Assessment(ctx, ap.SelfID); err != nil {
		return nil, err
	}
	if v.Agreed, err = w.store.Assessment(ctx, ap.AgreedID); err != nil {
		return nil, err
	}
	levels := func(assessmentID string) (map[string]int, error) {
		rs, err := w.store.Ratings(ctx, assessmentID)
		out := make(map[string]int, len(rs))
		for _, r := range rs {
			out[r.Item] = r.Level
		}
		return out, err
	}
	selfLevels, err := levels(ap.SelfID)
	if err != nil {
		return nil, err
	}
	agreedLevels, err := levels(ap.AgreedID)
	if err != nil {
		return nil, err
	}
	appraiserLevels := map[string]int{}
	if ap.AppraiserID != "" {
		a, err := w.store.Assessment(ctx, ap.AppraiserID)
		if err != nil {
			return nil, err
		}
		v.Appraiser = &a
		if appraiserLevels, err = levels(a.ID); err != nil {
			return nil, err
		}
	}
	items, err := ScopeItems(v.Framework, v.Self.Scope)
	if err != nil {
		return nil, err
	}
	at := func(m map[string]int, item string) *int {
		if l, ok := m[item]; ok {
			return &l
		}
		return nil
	}
	v.Items = make([]AppraisalRow, 0, len(items))
	for _, it := range items {
		row := AppraisalRow{
			Item: it, TopGroup: v.Framework.TopGroup(it.Group), Note: ap.ItemNotes[it.ID],
			Self: at(selfLevels, it.ID), Appraiser: at(appraiserLevels, it.ID), Agreed: at(agreedLevels, it.ID),
		}
		row.Disagree = model.Disagree(row.Self, row.Appraiser)
		v.Counts.Items++
		if row.Self != nil && row.Appraiser != nil {
			v.Counts.RatedByBoth++
			if row.Agreed == nil {
				v.Counts.Outstanding++
			}
		}
		if row.Disagree {
			v.Counts.Disagreements++
		}
		if row.Agreed != nil {
			v.Counts.Agreed++
		}
		v.Items = append(v.Items, row)
	}
	if ap.PreviousPlan != "" {
		p, err := w.store.Plan(ctx, ap.PreviousPlan)
		switch {
		case err == nil:
			v.PreviousPlan = &p
		case model.KindOf(err) != model.NotFound:
			return nil, err
		}
	}
	if v.Plan, err = w.store.Plan(ctx, ap.Plan); err != nil {
		return nil, err
	}
	return v, nil
}
