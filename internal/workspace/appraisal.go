package workspace

import (
	"context"
	"fmt"
	"slices"
	"strings"
	"time"

	"gapwise/internal/exchange"
	"gapwise/internal/model"
	"gapwise/internal/store"
)

// SignAppraisee names the appraisee as the signatory (SignOff, Unsign);
// an appraiser signs under their name.
const SignAppraisee = "appraisee"

// AppraisalPeriod is the UK appraisal (financial) year a day falls in,
// April to March: "2026/27" from 1 April 2026 to 31 March 2027.
func AppraisalPeriod(day time.Time) string {
	y := day.Year()
	if day.Month() < time.April {
		y--
	}
	return fmt.Sprintf("%d/%02d", y, (y+1)%100)
}

// errSigned refuses to change what has been signed.
func errSigned() error {
	return model.Errorf(model.Conflict, "this appraisal has been signed; withdraw the sign-off before changing it")
}

// checkAppraisers tidies the appraisers of a new appraisal (or one being
// added) against its framework: a name each, distinct, a role and scope of
// existing group or item ids, and no more than model.MaxAppraisers.
func checkAppraisers(f *model.Framework, aps []model.Appraiser) ([]model.Appraiser, error) {
	if len(aps) == 0 {
		return nil, model.Errorf(model.Invalid, "an appraisal needs the appraiser's name")
	}
	if len(aps) > model.MaxAppraisers {
		return nil, model.Errorf(model.Invalid, "an appraisal has at most %d appraisers, not %d", model.MaxAppraisers, len(aps))
	}
	out := make([]model.Appraiser, len(aps))
	for i, ap := range aps {
		var err error
		if ap.Name, err = checkLine("appraiser's name", ap.Name); err != nil {
			return nil, err
		}
		if ap.Name == "" {
			return nil, model.Errorf(model.Invalid, "an appraisal needs the appraiser's name")
		}
		if ap.Role, err = checkLine("appraiser's role", ap.Role); err != nil {
			return nil, err
		}
		if ap.Scope, err = checkScope(f, ap.Scope); err != nil {
			return nil, fmt.Errorf("%s: %w", ap.Name, err)
		}
		for _, o := range out[:i] {
			if strings.EqualFold(o.Name, ap.Name) {
				return nil, model.Errorf(model.Conflict, "%s is named twice as an appraiser", ap.Name)
			}
		}
		out[i] = model.Appraiser{Name: ap.Name, Role: ap.Role, Scope: ap.Scope}
	}
	return out, nil
}

// checkScope keeps an appraiser's scope to group and item ids the framework
// has, once each; empty means every item.
func checkScope(f *model.Framework, scope []string) ([]string, error) {
	var out []string
	for _, id := range scope {
		id = strings.TrimSpace(id)
		if id == "" || slices.Contains(out, id) {
			continue
		}
		_, isGroup := f.Group(id)
		_, isItem := f.Item(id)
		if !isGroup && !isItem {
			return nil, model.Errorf(model.NotFound, "%s has no group or item %q to put in an appraiser's scope", f.Ref, id)
		}
		out = append(out, id)
	}
	return out, nil
}

// covers reports whether the appraiser reviews the item.
func covers(f *model.Framework, ap model.Appraiser, it *model.Item) bool {
	return ap.Covers(it.ID, it.Group, func(g string) string {
		if grp, ok := f.Group(g); ok {
			return grp.Parent
		}
		return ""
	})
}

// scopeNamed is how many of an appraiser's groups and items ScopeText names
// before it counts the rest: a scope of 110 DDaT skills is a line, not a page.
const scopeNamed = 3

// ScopeText says in words what an appraiser reviews: "all items", the
// titles of their groups and items, or, for a long scope, the first few
// and how many more ("Accessibility; Agile working and 108 more items").
// The exact ids are in the appraisal (CLI --json) and the PDF marks each
// item outside a scope "n/a".
func ScopeText(f *model.Framework, ap model.Appraiser) string {
	if len(ap.Scope) == 0 {
		return "all items"
	}
	names := make([]string, 0, min(len(ap.Scope), scopeNamed))
	groups, items := 0, 0
	for k, id := range ap.Scope {
		g, it := groupOrItem(f, id)
		if len(ap.Scope) > scopeNamed && k >= scopeNamed-1 {
			if g != nil {
				groups++
			} else {
				items++
			}
			continue
		}
		switch {
		case g != nil:
			names = append(names, g.Title)
		case it != nil:
			names = append(names, it.Label())
		default:
			names = append(names, id)
		}
	}
	text := strings.Join(names, "; ")
	switch {
	case groups > 0 && items > 0:
		text += fmt.Sprintf(" and %d more (%s, %s)", groups+items, model.Plural(groups, "group", "groups"), model.Plural(items, "item", "items"))
	case groups > 0:
		text += fmt.Sprintf(" and %d more %s", groups, pluralWord(groups, "group", "groups"))
	case items > 0:
		text += fmt.Sprintf(" and %d more %s", items, pluralWord(items, "item", "items"))
	}
	return text
}

func pluralWord(n int, one, many string) string {
	if n == 1 {
		return one
	}
	return many
}

func groupOrItem(f *model.Framework, id string) (*model.Group, *model.Item) {
	if g, ok := f.Group(id); ok {
		return g, nil
	}
	if it, ok := f.Item(id); ok {
		return nil, it
	}
	return nil, nil
}

// StartAppraisal starts a joint appraisal from a person's self-assessment
// with one or more appraisers (name, role and scope each; an empty scope is
// every item): an agreed assessment (kind agreed, same scope, starting with
// the self-assessment's targets) and a new, empty plan, both the person's
// and against the same framework version. The plan reviewed this time is
// the person's latest plan for that framework version, if any. An empty
// period means the current UK appraisal year (AppraisalPeriod). Everything
// is written in one transaction.
func (w *Workspace) StartAppraisal(ctx context.Context, selfAssessmentID string, appraisers []model.Appraiser, period string) (model.Appraisal, error) {
	self, err := w.store.Assessment(ctx, selfAssessmentID)
	if err != nil {
		return model.Appraisal{}, err
	}
	if self.Kind != model.SelfAssessment {
		return model.Appraisal{}, model.Errorf(model.Invalid, "assessment %s is a %s assessment; an appraisal starts from the appraisee's self-assessment", self.ID, self.Kind)
	}
	f, err := w.Framework(ctx, self.Framework)
	if err != nil {
		return model.Appraisal{}, err
	}
	if appraisers, err = checkAppraisers(f, appraisers); err != nil {
		return model.Appraisal{}, err
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
	names := model.Appraisal{Appraisers: appraisers}
	ap, err := w.store.CreateAppraisal(ctx, store.AppraisalStart{
		Appraisal: model.Appraisal{
			PersonID: person.ID, Framework: self.Framework, Period: period, Appraisers: appraisers,
			SelfID: self.ID, PreviousPlan: previous, CreatedAt: at, UpdatedAt: at,
		},
		Agreed: model.Assessment{
			PersonID: person.ID, Framework: self.Framework, Kind: model.AgreedAssessment, Scope: self.Scope,
			Assessor:  agreedBy(person, names),
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

// agreedBy is the assessor of an appraisal's agreed assessment: "agreed by
// Sam Jones and Dr Ann Inf", "agreed by Sam Jones, Dr Ann Inf and Dr Ben Clin".
func agreedBy(person model.Person, a model.Appraisal) string {
	everyone := model.Appraisal{Appraisers: append([]model.Appraiser{{Name: person.Name}}, a.Appraisers...)}
	return model.ClipText("agreed by "+everyone.AppraiserNames(), exchange.MaxTextLen)
}

// RemoveAppraiser erases one appraiser (by name) from an appraisal nobody
// has signed, with their assessment; see Erasure for the rules.
func (w *Workspace) RemoveAppraiser(ctx context.Context, appraisalID, name string) (Erasure, error) {
	return w.Erase(ctx, EraseAppraiser, AppraiserRef(appraisalID, name))
}

// AddAppraiser adds another appraiser (name, role, scope) to an appraisal
// nobody has signed yet.
func (w *Workspace) AddAppraiser(ctx context.Context, appraisalID string, ap model.Appraiser) error {
	cur, err := w.unsigned(ctx, appraisalID)
	if err != nil {
		return err
	}
	f, err := w.Framework(ctx, cur.Framework)
	if err != nil {
		return err
	}
	if len(cur.Appraisers) >= model.MaxAppraisers {
		return model.Errorf(model.Invalid, "this appraisal already has %d appraisers, the most one appraisal can have", len(cur.Appraisers))
	}
	one, err := checkAppraisers(f, []model.Appraiser{ap})
	if err != nil {
		return err
	}
	person, err := w.store.Person(ctx, cur.PersonID)
	if err != nil {
		return err
	}
	by := func(a model.Appraisal) string { return agreedBy(person, a) }
	return w.changed(ctx, w.store.AddAppraiser(ctx, appraisalID, one[0], by), AppraisalChanged, appraisalID)
}

// SetAppraiser changes the name, role and scope of the appraiser called
// name, before anyone has signed.
func (w *Workspace) SetAppraiser(ctx context.Context, appraisalID, name string, ap model.Appraiser) error {
	cur, err := w.unsigned(ctx, appraisalID)
	if err != nil {
		return err
	}
	i, err := appraiserIndex(cur, name)
	if err != nil {
		return err
	}
	f, err := w.Framework(ctx, cur.Framework)
	if err != nil {
		return err
	}
	one, err := checkAppraisers(f, []model.Appraiser{ap})
	if err != nil {
		return err
	}
	person, err := w.store.Person(ctx, cur.PersonID)
	if err != nil {
		return err
	}
	by := func(a model.Appraisal) string { return agreedBy(person, a) }
	return w.changed(ctx, w.store.UpdateAppraiser(ctx, appraisalID, i, one[0], by), AppraisalChanged, appraisalID)
}

// appraiserIndex finds the appraiser called name; "" is the only appraiser
// of a one-appraiser appraisal.
func appraiserIndex(a model.Appraisal, name string) (int, error) {
	if strings.TrimSpace(name) == "" {
		if len(a.Appraisers) == 1 {
			return 0, nil
		}
		return -1, model.Errorf(model.Invalid, "this appraisal has %d appraisers (%s): say which one", len(a.Appraisers), a.AppraiserNames())
	}
	if i := a.AppraiserNamed(name); i >= 0 {
		return i, nil
	}
	return -1, model.Errorf(model.NotFound, "%s is not an appraiser of this appraisal (its appraisers: %s)", strings.TrimSpace(name), a.AppraiserNames())
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

// unsigned returns the appraisal, refusing (Conflict) one that anyone has signed.
func (w *Workspace) unsigned(ctx context.Context, id string) (model.Appraisal, error) {
	a, err := w.store.Appraisal(ctx, id)
	if err != nil {
		return model.Appraisal{}, err
	}
	if a.AnySigned() {
		return model.Appraisal{}, errSigned()
	}
	return a, nil
}

// RateAsAppraiser returns the assessment of the appraiser called name ("" when
// there is one appraiser), creating it the first time (kind appraiser, the
// appraiser as assessor, the self-assessment's scope, narrowed to the
// appraiser's group when they review exactly one) and linking it. The app
// then rates it with Rate, which keeps to the appraiser's scope.
func (w *Workspace) RateAsAppraiser(ctx context.Context, appraisalID, name string) (model.Assessment, error) {
	ap, err := w.store.Appraisal(ctx, appraisalID)
	if err != nil {
		return model.Assessment{}, err
	}
	i, err := appraiserIndex(ap, name)
	if err != nil {
		return model.Assessment{}, err
	}
	who := ap.Appraisers[i]
	if who.AssessmentID != "" {
		return w.store.Assessment(ctx, who.AssessmentID)
	}
	if ap.AnySigned() {
		return model.Assessment{}, errSigned()
	}
	self, err := w.store.Assessment(ctx, ap.SelfID)
	if err != nil {
		return model.Assessment{}, err
	}
	scope := self.Scope
	if f, err := w.Framework(ctx, ap.Framework); err == nil && len(who.Scope) == 1 && scope == (model.Scope{}) {
		if _, ok := f.Group(who.Scope[0]); ok {
			scope.Group = who.Scope[0]
		}
	}
	at := time.Now().UTC()
	a, _, err := w.store.StartAppraiserAssessment(ctx, ap.ID, i, model.Assessment{
		PersonID: ap.PersonID, Framework: ap.Framework, Kind: model.AppraiserAssessment,
		Assessor: who.Name, Scope: scope, CreatedAt: at, UpdatedAt: at,
	})
	if err == nil {
		w.changed(ctx, nil, AssessmentChanged, a.ID)
	}
	return a, w.changed(ctx, err, AppraisalChanged, ap.ID)
}

// appraiserRating checks a rating of an appraiser's assessment: the item is
// in their scope and the appraisal is not signed. Other assessments pass.
func (w *Workspace) appraiserRating(ctx context.Context, a model.Assessment, f *model.Framework, it *model.Item) error {
	if a.Kind != model.AppraiserAssessment {
		return nil
	}
	ap, i, ok, err := w.store.AppraiserOf(ctx, a.ID)
	if err != nil || !ok {
		return err
	}
	if ap.AnySigned() {
		return errSigned()
	}
	if who := ap.Appraisers[i]; !covers(f, who, it) {
		return model.Errorf(model.Invalid, "%s is outside %s's scope in this appraisal (%s)", it.Label(), who.Name, ScopeText(f, who))
	}
	return nil
}

// ImportAppraiserFile imports an appraiser's assessment from a .gapwise.json
// file (kind appraiser) and links it to the appraiser the file names as its
// assessor. The file must be of the appraisee against the appraisal's
// framework version, and rate only items in that appraiser's scope; it is
// validated whole and stored as ImportAssessment stores a file (newer wins,
// the older kept as history), in one transaction with the link.
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
		return ImportResult{}, model.Errorf(model.BadFile, "this file is a %s assessment of %s; an appraisal takes an appraiser's assessment (kind appraiser)", f.Assessment.Kind, f.Person.Name)
	case f.Person.ID != ap.PersonID:
		return ImportResult{}, model.Errorf(model.BadFile, "this file is an appraiser's assessment of %s, not %s", f.Person.Name, person.Name)
	case f.Assessment.Framework != ap.Framework:
		return ImportResult{}, model.Errorf(model.BadFile, "this file is an appraiser's assessment rated against %s; this appraisal uses %s", f.Assessment.Framework, ap.Framework)
	}
	i := ap.AppraiserNamed(f.Assessment.Assessor)
	if i < 0 {
		return ImportResult{}, model.Errorf(model.BadFile, "this file's assessor is %q, who is not an appraiser of this appraisal (%s); the appraiser exports it under their own name, as added here",
			f.Assessment.Assessor, ap.AppraiserNames())
	}
	fw, err := w.Framework(ctx, ap.Framework)
	if err != nil {
		return ImportResult{}, err
	}
	who := ap.Appraisers[i]
	rated := make(map[string]bool, len(f.Ratings))
	for _, r := range f.Ratings {
		rated[r.Item] = true
	}
	var outside []string // in framework order
	for i := range fw.Items {
		if it := &fw.Items[i]; rated[it.ID] && !covers(fw, who, it) {
			outside = append(outside, it.ID)
		}
	}
	if len(outside) > 0 {
		shown := outside
		if len(shown) > 5 {
			shown = shown[:5]
		}
		more := ""
		if len(outside) > len(shown) {
			more = fmt.Sprintf(" and %d more", len(outside)-len(shown))
		}
		return ImportResult{}, model.Errorf(model.BadFile, "this file from %s rates %d item(s) outside their scope in this appraisal (%s): %s%s; nothing was imported",
			who.Name, len(outside), ScopeText(fw, who), strings.Join(shown, ", "), more)
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
	if res.Outcome, err = w.store.ImportAppraiserAssessment(ctx, ap.ID, i, f.Assessment, f.Ratings, f.Targets, previous, storedUpdated); err != nil {
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

// ImportAppraiserPath reads a file and imports it as one appraiser's
// assessment (see ImportAppraiserFile).
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
func (w *Workspace) SetAgreed(ctx context.Context, appraisal model.AppraisalID, itemID model.ItemID, level int) error {
	appraisalID, item := string(appraisal), string(itemID)
	ap, err := w.unsigned(ctx, appraisalID)
	if err != nil {
		return err
	}
	return w.changed(ctx, w.Rate(ctx, ap.AgreedID, model.Rating{Item: item, Level: level}), AppraisalChanged, appraisalID)
}

// ClearAgreed makes an item "not agreed yet" again.
func (w *Workspace) ClearAgreed(ctx context.Context, appraisal model.AppraisalID, itemID model.ItemID) error {
	appraisalID, item := string(appraisal), string(itemID)
	ap, err := w.unsigned(ctx, appraisalID)
	if err != nil {
		return err
	}
	return w.changed(ctx, w.ClearRating(ctx, model.AssessmentID(ap.AgreedID), model.ItemID(item)), AppraisalChanged, appraisalID)
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

// SetAppraisalPeriod changes the appraisal's period.
func (w *Workspace) SetAppraisalPeriod(ctx context.Context, appraisalID, period string) error {
	ap, err := w.unsigned(ctx, appraisalID)
	if err != nil {
		return err
	}
	if ap.Period, err = checkLine("appraisal period", period); err != nil {
		return err
	}
	return w.changed(ctx, w.store.UpdateAppraisal(ctx, ap), AppraisalChanged, appraisalID)
}

// SetPreviousPlan chooses the plan reviewed at this appraisal ("" for none):
// another of the appraisee's plans.
func (w *Workspace) SetPreviousPlan(ctx context.Context, appraisal model.AppraisalID, plan model.PlanID) error {
	appraisalID, planID := string(appraisal), string(plan)
	ap, err := w.unsigned(ctx, appraisalID)
	if err != nil {
		return err
	}
	ap.PreviousPlan = planID
	return w.changed(ctx, w.store.UpdateAppraisal(ctx, ap), AppraisalChanged, appraisalID)
}

// AgreeAllMatching records, in one transaction, the agreed level of every
// item that has none yet where the appraisee and every appraiser who
// reviews it gave the same level, and returns how many it recorded.
func (w *Workspace) AgreeAllMatching(ctx context.Context, appraisalID string) (int, error) {
	v, err := w.AppraisalView(ctx, appraisalID)
	if err != nil {
		return 0, err
	}
	if v.Appraisal.AnySigned() {
		return 0, errSigned()
	}
	var rs []model.Rating
	for _, r := range v.Items {
		if r.Matching != nil {
			rs = append(rs, model.Rating{Item: r.Item.ID, Level: *r.Matching})
		}
	}
	if len(rs) == 0 {
		return 0, nil
	}
	if err := w.store.SetRatings(ctx, v.Appraisal.AgreedID, rs); err != nil {
		return 0, err
	}
	w.changed(ctx, nil, RatingsChanged, v.Appraisal.AgreedID)
	w.changed(ctx, nil, AppraisalChanged, appraisalID)
	return len(rs), nil
}

// Signatory is one person who signs an appraisal off.
type Signatory struct {
	Who      string // SignAppraisee, or the appraiser's name
	Name     string
	Role     string // "appraisee", or the appraiser's role (or "appraiser")
	SignedAt time.Time
}

// OtherSignatures names those other than who (a Signatory.Who) who have
// signed: the signatures a withdrawal by who sets aside.
func (v *AppraisalView) OtherSignatures(who string) []string {
	var out []string
	for _, s := range v.Signatories() {
		if s.Who != who && !s.SignedAt.IsZero() {
			out = append(out, s.Name)
		}
	}
	return out
}

// Signatories lists the appraisee, then each appraiser in order.
func (v *AppraisalView) Signatories() []Signatory {
	out := []Signatory{{Who: SignAppraisee, Name: v.Person.Name, Role: "appraisee", SignedAt: v.Appraisal.AppraiseeSignedAt}}
	for _, ap := range v.Appraisal.Appraisers {
		role := ap.Role
		if role == "" {
			role = "appraiser"
		}
		out = append(out, Signatory{Who: ap.Name, Name: ap.Name, Role: role, SignedAt: ap.SignedAt})
	}
	return out
}

// signatory finds who signs: SignAppraisee (-1), an appraiser's name (their
// index), or "appraiser" when there is exactly one.
func signatory(a model.Appraisal, who string) (int, error) {
	switch strings.TrimSpace(who) {
	case SignAppraisee:
		return -1, nil
	case "appraiser":
		return appraiserIndex(a, "")
	case "":
		return 0, model.Errorf(model.Invalid, "say who signs: the appraisee or an appraiser by name (%s)", a.AppraiserNames())
	}
	return appraiserIndex(a, who)
}

// SignCheck says whether who may sign now, with the reason when not: the
// app asks for a signature only once this passes, so nobody is asked to
// confirm something that is then refused.
func (v *AppraisalView) SignCheck(who string) error {
	i, err := signatory(v.Appraisal, who)
	if err != nil {
		return err
	}
	name, at := v.Person.Name, v.Appraisal.AppraiseeSignedAt
	if i >= 0 {
		name, at = v.Appraisal.Appraisers[i].Name, v.Appraisal.Appraisers[i].SignedAt
	}
	if !at.IsZero() {
		return model.Errorf(model.Conflict, "%s signed this appraisal on %s", name, at.Local().Format("2 Jan 2006"))
	}
	if c := v.Counts; c.Outstanding > 0 {
		msg := fmt.Sprintf("%d item(s) rated by the appraisee and an appraiser still have no agreed level: agree them before signing", c.Outstanding)
		if c.Matching > 0 {
			msg += fmt.Sprintf(" (%d of them match: Agree all matching records those in one step)", c.Matching)
		}
		return model.Errorf(model.Conflict, "%s", msg)
	}
	return nil
}

// SignOff records that who (SignAppraisee, or an appraiser's name) signs
// the appraisal off now. It is refused (Conflict) while an item rated by the
// appraisee and an appraiser has no agreed level, and when who has already
// signed. Once anyone has signed, the agreed levels, notes and appraisers
// are locked; once everyone has, the agreed plan is too, until a signature
// is withdrawn (Unsign), which reopens all of it.
func (w *Workspace) SignOff(ctx context.Context, appraisalID, who string) error {
	v, err := w.AppraisalView(ctx, appraisalID)
	if err != nil {
		return err
	}
	if err := v.SignCheck(who); err != nil {
		return err
	}
	i, _ := signatory(v.Appraisal, who)
	return w.changed(ctx, w.store.SignAppraisal(ctx, appraisalID, i, time.Now()), AppraisalChanged, appraisalID)
}

// Unsign withdraws who's sign-off (SignAppraisee, or an appraiser's name)
// and so reopens the appraisal: the agreed levels, notes and plan can be
// changed again. A signature is given to what was agreed, so the other
// signatures are set aside with it and everyone signs again what is finally
// agreed; their names are returned so the caller can say so (the app says
// it before asking). One that was not signed is refused (Conflict) so a
// typo is not silent.
func (w *Workspace) Unsign(ctx context.Context, appraisalID, who string) (setAside []string, err error) {
	v, err := w.AppraisalView(ctx, appraisalID)
	if err != nil {
		return nil, err
	}
	i, err := signatory(v.Appraisal, who)
	if err != nil {
		return nil, err
	}
	sigs := v.Signatories()
	if sigs[i+1].SignedAt.IsZero() {
		name := sigs[i+1].Name
		if i < 0 {
			name = "the appraisee"
		}
		return nil, model.Errorf(model.Conflict, "%s has not signed this appraisal; there is nothing to withdraw", name)
	}
	setAside = v.OtherSignatures(sigs[i+1].Who)
	return setAside, w.changed(ctx, w.store.ClearSignatures(ctx, appraisalID), AppraisalChanged, appraisalID)
}

// planLocked refuses (Conflict) a change to a plan agreed at an appraisal
// that everyone has signed.
func (w *Workspace) planLocked(ctx context.Context, planID string) error {
	ap, ok, err := w.store.AppraisalOfPlan(ctx, planID)
	if err != nil || !ok || !ap.AllSigned() {
		return err
	}
	return model.Errorf(model.Conflict, "this plan was agreed and signed at the %s appraisal; withdraw a signature there before changing it (progress, status and completion evidence can still be recorded)", periodOr(ap.Period))
}

// AppraisalRow is one item of an appraisal: the appraisee's and each
// appraiser's ratings side by side, the agreed level and the note.
type AppraisalRow struct {
	Item       *model.Item  // points into the framework
	TopGroup   *model.Group // outermost group; nil when none
	Self       *int         // nil when not rated; 0 is "none yet"
	Appraisers []*int       // one per appraiser, in order; nil when not rated or outside their scope
	Covered    []bool       // whether each appraiser reviews this item
	Agreed     *int         // the agreed level recorded; nil when none yet
	// Matching is the level the appraisee and every appraiser who reviews
	// the item all gave, while no agreed level is recorded: it is shown as
	// agreed and recorded by AgreeAllMatching (or a keypress). nil otherwise.
	Matching *int
	Differs  bool // any two of the ratings differ by one level or more (model.Disagree)
	Spread   int  // the largest difference between two of them
	Note     string
}

// Levels lists the self rating followed by each appraiser's.
func (r *AppraisalRow) Levels() []*int { return append([]*int{r.Self}, r.Appraisers...) }

// Shown is the agreed level to show: the recorded one, else the matching one.
func (r *AppraisalRow) Shown() *int {
	if r.Agreed != nil {
		return r.Agreed
	}
	return r.Matching
}

// NeedsAgreement reports whether the item stops sign-off: the appraisee and
// at least one appraiser rated it and no agreed level is recorded.
func (r *AppraisalRow) NeedsAgreement() bool {
	if r.Self == nil || r.Agreed != nil {
		return false
	}
	for _, l := range r.Appraisers {
		if l != nil {
			return true
		}
	}
	return false
}

// AppraisalCounts summarise an appraisal's items.
type AppraisalCounts struct {
	Items         int // in scope
	RatedByBoth   int // rated by the appraisee and at least one appraiser
	Disagreements int // rated differently by any two of them
	Agreed        int // items with an agreed level recorded
	Outstanding   int // rated by the appraisee and an appraiser but not agreed yet: these stop sign-off
	Matching      int // of the outstanding, those where everyone gave the same level
}

// AppraisalView is everything the appraisal screen (and report) needs.
type AppraisalView struct {
	Appraisal    model.Appraisal
	Person       model.Person
	Framework    *model.Framework
	Self         model.Assessment
	Assessments  []*model.Assessment // one per appraiser, in order; nil until they have one
	Agreed       model.Assessment
	Items        []AppraisalRow // in scope, framework order
	Counts       AppraisalCounts
	PreviousPlan *model.Plan // nil when none
	Plan         model.Plan
}

// Signed reports whether anyone has signed off (the agreed levels and notes
// are then locked).
func (v *AppraisalView) Signed() bool { return v.Appraisal.AnySigned() }

// ReadyToSign reports whether every item needing agreement has an agreed level.
func (v *AppraisalView) ReadyToSign() bool { return v.Counts.Outstanding == 0 }

// ScopeText says what the appraiser at index i reviews.
func (v *AppraisalView) ScopeText(i int) string {
	return ScopeText(v.Framework, v.Appraisal.Appraisers[i])
}

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
	n := len(ap.Appraisers)
	apprLevels := make([]map[string]int, n)
	v.Assessments = make([]*model.Assessment, n)
	for i, who := range ap.Appraisers {
		apprLevels[i] = map[string]int{}
		if who.AssessmentID == "" {
			continue
		}
		a, err := w.store.Assessment(ctx, who.AssessmentID)
		if err != nil {
			return nil, err
		}
		v.Assessments[i] = &a
		if apprLevels[i], err = levels(a.ID); err != nil {
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
	// One backing array for every row's appraiser columns: 188 items with
	// two appraisers is two allocations, not 376.
	cols := make([]*int, len(items)*n)
	cov := make([]bool, len(items)*n)
	for k, it := range items {
		row := AppraisalRow{
			Item: it, TopGroup: v.Framework.TopGroup(it.Group), Note: ap.ItemNotes[it.ID],
			Self: at(selfLevels, it.ID), Agreed: at(agreedLevels, it.ID),
			Appraisers: cols[k*n : (k+1)*n : (k+1)*n], Covered: cov[k*n : (k+1)*n : (k+1)*n],
		}
		everyone, reviewers := row.Self != nil, 0
		for i, who := range ap.Appraisers {
			if row.Covered[i] = covers(v.Framework, who, it); !row.Covered[i] {
				continue
			}
			reviewers++
			if row.Appraisers[i] = at(apprLevels[i], it.ID); row.Appraisers[i] == nil {
				everyone = false
			}
		}
		levels := row.Levels()
		row.Differs, row.Spread = model.Disagree(levels...), model.Spread(levels...)
		if everyone && reviewers > 0 && !row.Differs && row.Agreed == nil {
			m := *row.Self
			row.Matching = &m
		}
		v.Counts.Items++
		if row.NeedsAgreement() {
			v.Counts.Outstanding++
			if row.Matching != nil {
				v.Counts.Matching++
			}
		}
		if row.Self != nil && slices.ContainsFunc(row.Appraisers, func(l *int) bool { return l != nil }) {
			v.Counts.RatedByBoth++
		}
		if row.Differs {
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
