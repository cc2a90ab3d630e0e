package workspace

import (
	"context"
	"fmt"
	"slices"
	"strings"
	"time"
	"unicode/utf8"

	"gapwise/internal/exchange"
	"gapwise/internal/gap"
	"gapwise/internal/model"
)

// ScopeItems lists the items an assessment with this scope covers, in
// framework order: all items, one group and its subgroups, or the items a
// role level needs.
func ScopeItems(f *model.Framework, scope model.Scope) ([]*model.Item, error) {
	var out []*model.Item
	switch {
	case scope.RoleLevel != "":
		_, lvl, ok := f.RoleLevel(scope.RoleLevel)
		if !ok {
			return nil, model.Errorf(model.NotFound, "%s has no role level %q", f.Ref, scope.RoleLevel)
		}
		need := map[string]bool{}
		for _, r := range lvl.Requirements {
			need[r.Item] = true
		}
		for i := range f.Items {
			if need[f.Items[i].ID] {
				out = append(out, &f.Items[i])
			}
		}
	case scope.Group != "":
		if _, ok := f.Group(scope.Group); !ok {
			return nil, model.Errorf(model.NotFound, "%s has no group %q", f.Ref, scope.Group)
		}
		for i := range f.Items {
			if inGroup(f, f.Items[i].Group, scope.Group) {
				out = append(out, &f.Items[i])
			}
		}
	default:
		for i := range f.Items {
			out = append(out, &f.Items[i])
		}
	}
	return out, nil
}

// inGroup reports whether group g is want or lies under it.
func inGroup(f *model.Framework, g, want string) bool {
	return slices.ContainsFunc(f.GroupPath(g), func(grp *model.Group) bool { return grp.ID == want })
}

// StartAssessment creates an assessment of a person against a framework
// version. When it is narrowed to a role level, that level's required skill
// levels become its targets.
func (w *Workspace) StartAssessment(ctx context.Context, personID string, ref model.FrameworkRef, kind model.AssessmentKind, assessor string, scope model.Scope) (model.Assessment, error) {
	f, err := w.Framework(ctx, ref)
	if err != nil {
		return model.Assessment{}, err
	}
	if scope.Group != "" && scope.RoleLevel != "" {
		return model.Assessment{}, model.Errorf(model.Invalid, "an assessment covers a group or a role level, not both")
	}
	if _, err := ScopeItems(f, scope); err != nil {
		return model.Assessment{}, err
	}
	if kind == "" {
		kind = model.SelfAssessment
	}
	p, err := w.store.Person(ctx, personID)
	if err != nil {
		return model.Assessment{}, err
	}
	if assessor, err = checkLine("assessor's name", assessor); err != nil {
		return model.Assessment{}, err
	}
	if assessor == "" {
		assessor = p.Name
	}
	now := time.Now().UTC()
	a, err := w.store.CreateAssessment(ctx, model.Assessment{
		PersonID: personID, Framework: ref, Kind: kind, Assessor: strings.TrimSpace(assessor),
		Scope: scope, CreatedAt: now, UpdatedAt: now,
	})
	if err != nil {
		return model.Assessment{}, err
	}
	w.changed(ctx, nil, AssessmentChanged, a.ID)
	if scope.RoleLevel != "" {
		if err := w.SetTargetsFromRoleLevel(ctx, model.AssessmentID(a.ID), model.RoleLevelID(scope.RoleLevel)); err != nil {
			return a, err
		}
	}
	return a, nil
}

// Assessments lists a person's assessments, newest first.
func (w *Workspace) Assessments(ctx context.Context, personID string) ([]model.Assessment, error) {
	return w.store.Assessments(ctx, personID)
}

// Assessment returns one assessment.
func (w *Workspace) Assessment(ctx context.Context, id string) (model.Assessment, error) {
	return w.store.Assessment(ctx, id)
}

// DeleteAssessment removes an assessment with its ratings and targets (see
// Erasure for what it refuses).
func (w *Workspace) DeleteAssessment(ctx context.Context, id string) error {
	_, err := w.Erase(ctx, EraseAssessment, id)
	return err
}

// Sheet is everything the rating screen needs about one assessment.
type Sheet struct {
	Person     model.Person
	Assessment model.Assessment
	Framework  *model.Framework
	Items      []*model.Item // in scope, framework order
	Ratings    map[string]model.Rating
	Targets    map[string]model.Target
	// Review holds items whose rating was carried from another framework
	// version and awaits the person's review, with why (see CarryAssessment).
	Review map[string]string
}

// Rated counts the items in scope that have a rating.
func (s *Sheet) Rated() int {
	n := 0
	for _, it := range s.Items {
		if _, ok := s.Ratings[it.ID]; ok {
			n++
		}
	}
	return n
}

// Sheet loads an assessment with its framework, scope, ratings and targets.
func (w *Workspace) Sheet(ctx context.Context, assessmentID string) (*Sheet, error) {
	return inSnapshot(ctx, w, func(ctx context.Context) (*Sheet, error) { return w.sheet(ctx, assessmentID) })
}

func (w *Workspace) sheet(ctx context.Context, assessmentID string) (*Sheet, error) {
	a, err := w.store.Assessment(ctx, assessmentID)
	if err != nil {
		return nil, err
	}
	p, err := w.store.Person(ctx, a.PersonID)
	if err != nil {
		return nil, err
	}
	f, err := w.Framework(ctx, a.Framework)
	if err != nil {
		return nil, err
	}
	items, err := ScopeItems(f, a.Scope)
	if err != nil {
		return nil, err
	}
	ratings, err := w.store.RatingsByItem(ctx, a.ID) // into a map
	if err != nil {
		return nil, err
	}
	targets, err := w.store.TargetsByItem(ctx, a.ID) // into a map
	if err != nil {
		return nil, err
	}
	review, err := w.store.Reviews(ctx, a.ID)
	if err != nil {
		return nil, err
	}
	s := &Sheet{Person: p, Assessment: a, Framework: f, Items: items, Ratings: map[string]model.Rating{}, Targets: map[string]model.Target{}, Review: review}
	for _, r := range ratings {
		s.Ratings[r.Item] = r
	}
	for _, t := range targets {
		s.Targets[t.Item] = t
	}
	return s, nil
}

// Rate saves one rating at once. The level must be valid for the item
// (0 = none yet); confidence is 0 (not given) or 1-5.
func (w *Workspace) Rate(ctx context.Context, assessmentID string, r model.Rating) error {
	a, err := w.store.Assessment(ctx, assessmentID)
	if err != nil {
		return err
	}
	f, err := w.Framework(ctx, a.Framework)
	if err != nil {
		return err
	}
	it, ok := f.Item(r.Item)
	if !ok {
		return model.Errorf(model.NotFound, "%s has no item %q", f.Ref, r.Item)
	}
	if !it.ValidLevel(r.Level) {
		return model.Errorf(model.Invalid, "level %d is not defined for %s in %s (valid: %s)", r.Level, it.ID, f.Ref, validLevels(it))
	}
	if err := w.appraiserRating(ctx, a, f, it); err != nil {
		return err
	}
	if a.Scope != (model.Scope{}) {
		scope, err := ScopeItems(f, a.Scope)
		if err != nil {
			return err
		}
		if !slices.ContainsFunc(scope, func(s *model.Item) bool { return s.ID == it.ID }) {
			return model.Errorf(model.Invalid, "%s is not among the %d items this assessment covers", it.ID, len(scope))
		}
	}
	if err := model.CheckText(r.Evidence); err != nil {
		return model.Errorf(model.Invalid, "the evidence %v", err)
	}
	if utf8.RuneCountInString(r.Evidence) > exchange.MaxEvidenceLen {
		return model.Errorf(model.Invalid, "evidence is limited to %d characters; keep the detail in your portfolio and summarise here", exchange.MaxEvidenceLen)
	}
	if r.Confidence < 0 || r.Confidence > 5 {
		return model.Errorf(model.Invalid, "confidence must be 1 to 5 (or not given)")
	}
	if r.RatedAt.IsZero() {
		r.RatedAt = time.Now().UTC()
	}
	return w.changed(ctx, w.store.SetRating(ctx, assessmentID, r), RatingsChanged, assessmentID)
}

func validLevels(it *model.Item) string {
	parts := []string{"0 (none yet)"}
	for _, l := range it.Levels {
		if l != model.NoneLevel {
			parts = append(parts, fmt.Sprint(l))
		}
	}
	return strings.Join(parts, ", ")
}

// ClearRating returns an item to "not rated".
func (w *Workspace) ClearRating(ctx context.Context, assessment model.AssessmentID, itemID model.ItemID) error {
	assessmentID, item := string(assessment), string(itemID)
	a, err := w.store.Assessment(ctx, assessmentID)
	if err != nil {
		return err
	}
	if a.Kind == model.AppraiserAssessment {
		if ap, _, ok, err := w.store.AppraiserOf(ctx, a.ID); err != nil {
			return err
		} else if ok && ap.AnySigned() {
			return errSigned()
		}
	}
	return w.changed(ctx, w.store.ClearRating(ctx, assessmentID, item), RatingsChanged, assessmentID)
}

// SetTargetsFromRoleLevel replaces an assessment's targets with the skill
// levels a role level requires.
func (w *Workspace) SetTargetsFromRoleLevel(ctx context.Context, assessment model.AssessmentID, roleLevel model.RoleLevelID) error {
	assessmentID, roleLevelID := string(assessment), string(roleLevel)
	a, err := w.store.Assessment(ctx, assessmentID)
	if err != nil {
		return err
	}
	f, err := w.Framework(ctx, a.Framework)
	if err != nil {
		return err
	}
	targets, err := gap.TargetsFromRoleLevel(f, roleLevelID)
	if err != nil {
		return err
	}
	return w.changed(ctx, w.store.SetTargets(ctx, assessmentID, targets), RatingsChanged, assessmentID)
}

// SetTargetsFromAssessment replaces an assessment's targets with another
// saved profile's ratings (someone whose skills the person aims for). Both
// must be against the same framework version.
func (w *Workspace) SetTargetsFromAssessment(ctx context.Context, assessment, source model.AssessmentID) error {
	assessmentID, fromID := string(assessment), string(source)
	a, err := w.store.Assessment(ctx, assessmentID)
	if err != nil {
		return err
	}
	from, err := w.store.Assessment(ctx, fromID)
	if err != nil {
		return err
	}
	if from.Framework != a.Framework {
		return model.Errorf(model.Invalid, "that profile is rated against %s, not %s", from.Framework, a.Framework)
	}
	ratings, err := w.store.Ratings(ctx, fromID)
	if err != nil {
		return err
	}
	return w.changed(ctx, w.store.SetTargets(ctx, assessmentID, gap.TargetsFromRatings(ratings, gap.PersonSource(from.PersonID))), RatingsChanged, assessmentID)
}

// SetTarget sets (level > 0) or removes (level 0) one item's target by hand,
// keeping the others.
func (w *Workspace) SetTarget(ctx context.Context, assessment model.AssessmentID, itemID model.ItemID, level int) error {
	assessmentID, item := string(assessment), string(itemID)
	a, err := w.store.Assessment(ctx, assessmentID)
	if err != nil {
		return err
	}
	f, err := w.Framework(ctx, a.Framework)
	if err != nil {
		return err
	}
	targets, err := w.store.Targets(ctx, assessmentID)
	if err != nil {
		return err
	}
	if targets, err = withManualTarget(f, targets, item, level); err != nil {
		return err
	}
	return w.changed(ctx, w.store.SetTargets(ctx, assessmentID, targets), RatingsChanged, assessmentID)
}

// withManualTarget returns targets with one item's target set by hand
// (level > 0) or removed (level 0); shared by personal and team targets.
func withManualTarget(f *model.Framework, targets []model.Target, item string, level int) ([]model.Target, error) {
	it, ok := f.Item(item)
	if !ok {
		return nil, model.Errorf(model.NotFound, "%s has no item %q", f.Ref, item)
	}
	if level < 0 || (level > 0 && !it.ValidLevel(level)) {
		return nil, model.Errorf(model.Invalid, "level %d is not defined for %s in %s (valid: %s)", level, it.ID, f.Ref, validLevels(it))
	}
	targets = slices.DeleteFunc(targets, func(t model.Target) bool { return t.Item == item })
	if level > 0 {
		targets = append(targets, model.Target{Item: item, Level: level, Source: gap.ManualSource})
	}
	return targets, nil
}

// ClearTargets removes every target of an assessment.
func (w *Workspace) ClearTargets(ctx context.Context, assessmentID string) error {
	return w.changed(ctx, w.store.SetTargets(ctx, assessmentID, nil), RatingsChanged, assessmentID)
}
