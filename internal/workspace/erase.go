package workspace

import (
	"context"
	"fmt"
	"slices"
	"strings"

	"gapwise/internal/model"
	"gapwise/internal/store"
)

// ErasureKind says what an erasure removes.
type ErasureKind int

// What can be erased. A membership is named "TEAM_ID/PERSON_ID" (see
// MembershipID).
const (
	ErasePerson ErasureKind = iota + 1
	EraseAssessment
	EraseTeam
	ErasePlan
	EraseAppraisal
	EraseMembership
	EraseSample    // every sample person and team; the id is ignored
	EraseAppraiser // one appraiser of an appraisal, named by AppraiserRef
)

// AppraiserRef names one appraiser of one appraisal for Erasure and Erase.
func AppraiserRef(appraisalID, name string) string {
	return appraisalID + "/" + strings.TrimSpace(name)
}

// MembershipID names one person's membership of one team for Erasure and Erase.
func MembershipID(team model.TeamID, person model.PersonID) string {
	return string(team) + "/" + string(person)
}

// Erasure is what deleting one thing removes, counted from the database. The
// app's confirmation, the CLI's prompt and both of their reports after the
// deletion print Summary, so they say the same thing.
//
// The rules, decided once here:
//   - A person goes with everything that is theirs: assessments (ratings,
//     targets, earlier versions kept from imports), personal plans,
//     appraisals and their notes, team memberships. Actions they own in team
//     plans are the team's: they stay, with no owner.
//   - Taking someone out of a team also takes them off that team's plan
//     actions (the actions stay, with no owner); their assessments stay.
//   - An assessment that an appraisal is built on (its self or agreed
//     assessment) cannot be removed while the appraisal exists: remove the
//     appraisal first. The appraiser's assessment can, unless the appraisal is
//     signed: the appraisal then shows the appraiser as not yet rated.
//   - A plan agreed at an appraisal cannot be removed while the appraisal
//     exists; a plan an appraisal reviewed can, and the appraisal loses the
//     review.
//   - Removing an appraisal removes its notes and sign-off; its assessments
//     and agreed plan stay with the person, to remove on their own.
//   - Removing an appraiser from an appraisal, before anyone has signed,
//     removes their assessment with its ratings, targets and history, and
//     their name from the agreed assessment; the agreed levels and notes
//     stay. An appraisal keeps at least one appraiser.
//   - Removing a team removes its targets and team plans; its members and
//     their assessments stay.
//
// Every erasure is final in the file: deleted bytes are overwritten and the
// write-ahead log is checkpointed and emptied (store.ErasePerson and the
// others). A backup made earlier still holds what was erased.
type Erasure struct {
	Kind    ErasureKind
	Subject string // who or what, as a person would name it: "Sam Jones", "team Ward 7"
	store.Footprint
	People, TeamsRemoved int // sample data only: the fictional people and teams
}

// Summary is the one-line account of an erasure, e.g. "Sam Jones: 3
// assessments, 412 ratings, 1 plan, 1 appraisal, member of 2 teams".
func (e Erasure) Summary() string {
	f := e.Footprint
	var parts, kept []string
	add := func(n int, one, many string) {
		parts = append(parts, model.Plural(n, one, many))
	}
	switch e.Kind {
	case ErasePerson:
		add(f.Assessments, "assessment", "assessments")
		add(f.Ratings, "rating", "ratings")
		add(f.Plans, "plan", "plans")
		add(f.Appraisals, "appraisal", "appraisals")
		parts = append(parts, "member of "+model.Plural(f.Teams, "team", "teams"))
		if f.Unassigned > 0 {
			kept = append(kept, model.Plural(f.Unassigned, "team plan action they own stays", "team plan actions they own stay")+", with no owner")
		}
	case EraseAssessment:
		add(f.Ratings, "rating", "ratings")
		add(f.Targets, "target", "targets")
		if f.History > 0 {
			add(f.History, "earlier version", "earlier versions")
		}
		if f.Unlinked > 0 {
			kept = append(kept, "its appraisal stays, without the appraiser's assessment")
		}
	case EraseTeam:
		add(f.Plans, "team plan", "team plans")
		add(f.Actions, "action", "actions")
		add(f.TeamTargets, "team target", "team targets")
		kept = append(kept, model.Plural(f.Teams, "member stays", "members stay")+", with their assessments")
	case ErasePlan:
		add(f.Actions, "action", "actions")
		if f.Unlinked > 0 {
			kept = append(kept, model.Plural(f.Unlinked, "appraisal that reviewed it stays", "appraisals that reviewed it stay")+", without the review")
		}
	case EraseAppraiser:
		if f.Assessments == 0 {
			parts = append(parts, "no ratings yet")
		} else {
			parts = append(parts, "their assessment")
			add(f.Ratings, "rating", "ratings")
			add(f.Targets, "target", "targets")
			if f.History > 0 {
				add(f.History, "earlier version", "earlier versions")
			}
		}
		kept = append(kept, "the agreed levels and notes stay")
	case EraseAppraisal:
		add(f.Notes, "item note", "item notes")
		parts = append(parts, "the overall notes and sign-off")
		kept = append(kept, "its assessments and agreed plan stay with "+f.Name)
	case EraseSample:
		parts = append(parts, model.Plural(e.People, "fictional person", "fictional people"))
		add(e.TeamsRemoved, "team", "teams")
		add(f.Assessments, "assessment", "assessments")
		add(f.Ratings, "rating", "ratings")
		add(f.Plans, "plan", "plans")
		add(f.Appraisals, "appraisal", "appraisals")
		kept = append(kept, "your own data is not touched")
	case EraseMembership:
		parts = append(parts, "no longer a member")
		if f.Unassigned > 0 {
			kept = append(kept, model.Plural(f.Unassigned, "team plan action they own stays", "team plan actions they own stay")+", with no owner")
		}
		kept = append(kept, "their assessments stay")
	}
	s := e.Subject + ": " + strings.Join(parts, ", ")
	if len(kept) > 0 {
		s += "; " + strings.Join(kept, "; ")
	}
	return s
}

// Erasure counts what Erase(kind, id) would remove, without removing
// anything. A deletion the rules refuse is refused here too (Conflict), so a
// confirmation is never offered for it.
func (w *Workspace) Erasure(ctx context.Context, kind ErasureKind, id string) (Erasure, error) {
	return w.erasure(ctx, kind, id, false)
}

// Erase deletes one thing with everything that belongs to it (see Erasure
// for the rules) and returns what went.
func (w *Workspace) Erase(ctx context.Context, kind ErasureKind, id string) (Erasure, error) {
	e, err := w.erasure(ctx, kind, id, true)
	if err == nil || e.Name != "" { // something went, even if a later step failed
		w.erased(ctx, kind, id)
	}
	return e, err
}

// erased says what an erasure may have changed: removing a person or the
// sample data reaches their assessments, plans, appraisals and teams.
func (w *Workspace) erased(ctx context.Context, kind ErasureKind, id string) {
	switch kind {
	case EraseAssessment:
		w.changed(ctx, nil, AssessmentChanged, id)
	case EraseTeam, EraseMembership:
		w.changed(ctx, nil, TeamChanged)
	case ErasePlan:
		w.changed(ctx, nil, PlanChanged, id)
	case EraseAppraisal:
		w.changed(ctx, nil, AppraisalChanged, id)
	case EraseAppraiser:
		appraisalID, _, _ := strings.Cut(id, "/")
		w.changed(ctx, nil, AssessmentChanged)
		w.changed(ctx, nil, AppraisalChanged, appraisalID)
	default: // a person, or every sample person and team
		for _, k := range []EventKind{PersonChanged, AssessmentChanged, TeamChanged, PlanChanged, AppraisalChanged} {
			w.changed(ctx, nil, k)
		}
	}
}

func (w *Workspace) erasure(ctx context.Context, kind ErasureKind, id string, do bool) (e Erasure, err error) {
	e.Kind = kind
	pick := func(count, erase func(context.Context, string) (store.Footprint, error)) (store.Footprint, error) {
		if do {
			return erase(ctx, id)
		}
		return count(ctx, id)
	}
	switch kind {
	case ErasePerson:
		e.Footprint, err = pick(w.store.PersonFootprint, w.store.ErasePerson)
		e.Subject = e.Name
		if do && e.Name != "" { // erased, even if the checkpoint was held back
			if ferr := w.forgetCurrent(ctx, id); err == nil {
				err = ferr
			}
		}
	case EraseAssessment:
		if e.Subject, err = w.assessmentErasable(ctx, id); err != nil {
			return e, err
		}
		e.Footprint, err = pick(w.store.AssessmentFootprint, w.store.EraseAssessment)
	case EraseTeam:
		e.Footprint, err = pick(w.store.TeamFootprint, w.store.EraseTeam)
		e.Subject = "team " + e.Name
	case ErasePlan:
		if e.Subject, err = w.planErasable(ctx, id); err != nil {
			return e, err
		}
		e.Footprint, err = pick(w.store.PlanFootprint, w.store.ErasePlan)
	case EraseAppraisal:
		ap, err := w.store.Appraisal(ctx, id)
		if err != nil {
			return e, err
		}
		e.Footprint, err = pick(w.store.AppraisalFootprint, w.store.EraseAppraisal)
		e.Subject = fmt.Sprintf("%s's %s appraisal with %s", e.Name, periodOr(ap.Period), ap.AppraiserNames())
		return e, err
	case EraseAppraiser:
		return w.appraiserErasure(ctx, e, id, do)
	case EraseMembership:
		teamID, personID, ok := strings.Cut(id, "/")
		if !ok {
			return e, model.Errorf(model.Invalid, "%q does not name a team membership", id)
		}
		t, err := w.store.Team(ctx, teamID)
		if err != nil {
			return e, err
		}
		p, err := w.store.Person(ctx, personID)
		if err != nil {
			return e, err
		}
		e.Subject = fmt.Sprintf("%s in team %s", p.Name, t.Name)
		if do {
			e.Footprint, err = w.store.EraseMembership(ctx, model.TeamID(teamID), model.PersonID(personID))
			return e, err
		}
		return w.membershipPreview(ctx, e, t, p)
	case EraseSample:
		return w.sampleErasure(ctx, e, do)
	default:
		return e, model.Errorf(model.Internal, "unknown kind of erasure %d", kind)
	}
	return e, err
}

// appraiserErasure counts (or makes) the removal of one appraiser, named
// by AppraiserRef, from an appraisal nobody has signed.
func (w *Workspace) appraiserErasure(ctx context.Context, e Erasure, ref string, do bool) (Erasure, error) {
	appraisalID, name, ok := strings.Cut(ref, "/")
	if !ok {
		return e, model.Errorf(model.Invalid, "%q does not name an appraiser of an appraisal", ref)
	}
	ap, err := w.store.Appraisal(ctx, appraisalID)
	if err != nil {
		return e, err
	}
	i, err := appraiserIndex(ap, name)
	if err != nil {
		return e, err
	}
	p, err := w.store.Person(ctx, ap.PersonID)
	if err != nil {
		return e, err
	}
	e.Subject = fmt.Sprintf("%s as appraiser of %s's %s appraisal", ap.Appraisers[i].Name, p.Name, periodOr(ap.Period))
	if !do {
		e.Footprint, err = w.store.AppraiserFootprint(ctx, appraisalID, i)
		return e, err
	}
	e.Footprint, err = w.store.EraseAppraiser(ctx, appraisalID, i, func(left model.Appraisal) string {
		return agreedBy(p, left)
	})
	return e, err
}

// membershipPreview counts a membership removal without making it.
func (w *Workspace) membershipPreview(ctx context.Context, e Erasure, t model.Team, p model.Person) (Erasure, error) {
	members, err := w.store.Members(ctx, t.ID)
	if err != nil {
		return e, err
	}
	found := false
	for _, m := range members {
		found = found || m.ID == p.ID
	}
	if !found {
		return e, model.Errorf(model.NotFound, "%s is not a member of team %s", p.Name, t.Name)
	}
	e.Name, e.Teams = p.Name, 1
	plans, err := w.store.PlansForTeam(ctx, t.ID)
	if err != nil {
		return e, err
	}
	for _, pl := range plans {
		for _, a := range pl.Actions {
			if a.Owner == p.ID {
				e.Unassigned++
			}
		}
	}
	return e, nil
}

// assessmentErasable names an assessment and refuses (Conflict) one an
// appraisal is built on, or the appraiser's assessment of a signed one.
func (w *Workspace) assessmentErasable(ctx context.Context, id string) (string, error) {
	a, err := w.store.Assessment(ctx, id)
	if err != nil {
		return "", err
	}
	p, err := w.store.Person(ctx, a.PersonID)
	if err != nil {
		return "", err
	}
	aps, err := w.store.AppraisalsFor(ctx, a.PersonID)
	if err != nil {
		return "", err
	}
	for _, ap := range aps {
		switch {
		case ap.SelfID == id || ap.AgreedID == id:
			return "", model.Errorf(model.Conflict, "this assessment is part of the %s appraisal; delete the appraisal first", periodOr(ap.Period))
		case slices.ContainsFunc(ap.Appraisers, func(x model.Appraiser) bool { return x.AssessmentID == id }) && ap.AnySigned():
			return "", model.Errorf(model.Conflict, "this is the appraiser's assessment in the signed %s appraisal; withdraw the sign-off first", periodOr(ap.Period))
		}
	}
	label := string(a.Framework.ID) + " " + a.Framework.Version
	if f, err := w.Framework(ctx, a.Framework); err == nil {
		label = frameworkLabel(f)
	}
	return fmt.Sprintf("%s's %s against %s (%s)", p.Name, a.Kind.Noun(), label, a.CreatedAt.Local().Format("2 Jan 2006")), nil
}

// planErasable names a plan and refuses (Conflict) the one agreed at an
// appraisal.
func (w *Workspace) planErasable(ctx context.Context, id string) (string, error) {
	ap, ok, err := w.store.AppraisalOfPlan(ctx, id)
	if err != nil {
		return "", err
	}
	if ok {
		return "", model.Errorf(model.Conflict, "this plan was agreed at the %s appraisal with %s; delete the appraisal first", periodOr(ap.Period), ap.AppraiserNames())
	}
	pl, err := w.store.Plan(ctx, id)
	if err != nil {
		return "", err
	}
	owner := ""
	if pl.PersonID != "" {
		if p, err := w.store.Person(ctx, pl.PersonID); err == nil {
			owner = p.Name
		}
	} else if t, err := w.store.Team(ctx, pl.TeamID); err == nil {
		owner = "team " + t.Name
	}
	title := pl.Title
	if title == "" {
		title = "untitled plan"
	}
	return fmt.Sprintf("plan %q (%s)", title, owner), nil
}

// forgetCurrent stops the app opening an erased person next time.
func (w *Workspace) forgetCurrent(ctx context.Context, id string) error {
	cur, found, err := w.store.Setting(ctx, settingCurrentPerson)
	if err != nil || !found || cur != id {
		return err
	}
	return w.store.SetSetting(ctx, settingCurrentPerson, "")
}

// sampleErasure counts (or removes) every sample team, then every sample
// person with everything about them. Real people are never touched, even
// when they were added to the sample team.
func (w *Workspace) sampleErasure(ctx context.Context, e Erasure, do bool) (Erasure, error) {
	e.Subject = "sample data"
	teams, err := w.store.Teams(ctx)
	if err != nil {
		return e, err
	}
	for _, t := range teams {
		if !t.Sample {
			continue
		}
		f := w.store.TeamFootprint
		if do {
			f = w.store.EraseTeam
		}
		got, err := f(ctx, t.ID)
		if err != nil {
			return e, err
		}
		e.TeamsRemoved++
		e.Plans += got.Plans
	}
	people, err := w.store.People(ctx)
	if err != nil {
		return e, err
	}
	for _, p := range people {
		if !p.Sample {
			continue
		}
		f := w.store.PersonFootprint
		if do {
			f = w.store.ErasePerson
		}
		got, err := f(ctx, p.ID)
		if err != nil {
			return e, err
		}
		e.People++
		e.Assessments += got.Assessments
		e.Ratings += got.Ratings
		e.Plans += got.Plans
		e.Appraisals += got.Appraisals
		if do {
			if err := w.forgetCurrent(ctx, p.ID); err != nil {
				return e, err
			}
		}
	}
	return e, nil
}
