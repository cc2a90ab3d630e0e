package workspace

import (
	"context"
	"slices"

	"gapwise/internal/gap"
	"gapwise/internal/model"
)

// GapView is a person's gaps in one assessment, with what changed since
// their previous assessment of the same framework version.
type GapView struct {
	Sheet    *Sheet
	Report   gap.PersonGaps
	Previous *model.Assessment // nil when there is none
	Changes  []gap.Change
}

// Gaps computes the gap report of an assessment against its targets.
func (w *Workspace) Gaps(ctx context.Context, assessmentID string) (*GapView, error) {
	return inSnapshot(ctx, w, func(ctx context.Context) (*GapView, error) { return w.gaps(ctx, assessmentID) })
}

func (w *Workspace) gaps(ctx context.Context, assessmentID string) (*GapView, error) {
	s, err := w.sheet(ctx, assessmentID)
	if err != nil {
		return nil, err
	}
	v := &GapView{Sheet: s, Report: gap.Compute(s.Framework, s.Items, s.ratingList(), s.targetList())}
	prev, err := w.store.PreviousAssessment(ctx, s.Assessment)
	if err != nil || prev == nil {
		return v, err
	}
	before, err := w.store.LevelsByItem(ctx, prev.ID) // what gap.Compare needs, by item
	if err != nil {
		return nil, err
	}
	v.Previous = prev
	v.Changes = gap.Compare(s.Framework, s.inScope(before), s.inScope(s.ratingList()))
	return v, nil
}

// OwnAssessment is the assessment that My gaps, Pathways and plans use for
// the person an assessment is of: that assessment when it is their
// self-assessment; otherwise (an appraiser's or an agreed assessment, open
// while appraising) their latest self-assessment of the same framework
// version, else their latest self-assessment of any. Someone else's view of
// a person is never shown as the person's own level. NotFound when the
// person has no self-assessment.
func (w *Workspace) OwnAssessment(ctx context.Context, assessmentID string) (model.Assessment, error) {
	a, err := w.store.Assessment(ctx, assessmentID)
	if err != nil || a.Kind == model.SelfAssessment {
		return a, err
	}
	all, err := w.store.Assessments(ctx, a.PersonID) // newest first
	if err != nil {
		return model.Assessment{}, err
	}
	var other *model.Assessment
	for i := range all {
		if all[i].Kind != model.SelfAssessment {
			continue
		}
		if all[i].Framework == a.Framework {
			return all[i], nil
		}
		if other == nil {
			other = &all[i]
		}
	}
	if other != nil {
		return *other, nil
	}
	p, err := w.store.Person(ctx, a.PersonID)
	if err != nil {
		return model.Assessment{}, err
	}
	return model.Assessment{}, model.Errorf(model.NotFound, "%s has no self-assessment yet: My gaps, Pathways and plans use their own ratings, never an appraiser's", p.Name)
}

// inScope keeps the ratings of the items this assessment covers, so that an
// earlier assessment with a wider scope does not show items as no longer rated.
func (s *Sheet) inScope(ratings []model.Rating) []model.Rating {
	ids := make(map[string]bool, len(s.Items))
	for _, it := range s.Items {
		ids[it.ID] = true
	}
	return slices.DeleteFunc(ratings, func(r model.Rating) bool { return !ids[r.Item] })
}

func (s *Sheet) ratingList() []model.Rating {
	out := make([]model.Rating, 0, len(s.Ratings))
	for _, it := range s.Framework.Items {
		if r, ok := s.Ratings[it.ID]; ok {
			out = append(out, r)
		}
	}
	return out
}

func (s *Sheet) targetList() []model.Target {
	out := make([]model.Target, 0, len(s.Targets))
	for _, it := range s.Framework.Items {
		if t, ok := s.Targets[it.ID]; ok {
			out = append(out, t)
		}
	}
	return out
}

// PathwayView is a person's career options over a framework's role profiles.
type PathwayView struct {
	Sheet *Sheet
	// Current is the role level the person is measured against (from their
	// targets or their assessment's scope); nil when none.
	CurrentRole  *model.Role
	Current      *model.RoleLevel
	NextRole     *model.Role
	Next         *model.RoleLevel // the next more senior level of Current's role
	NextGap      *gap.Pathway     // how the person stands against Next
	CurrentPath  *gap.Pathway     // how the person stands against Current
	Ranked       []gap.Pathway    // every role level by fit
	AllRatedZero bool             // no ratings yet: ranking says nothing
}

// Pathways ranks every role level of the assessment's framework by how well
// the person's ratings fit it.
func (w *Workspace) Pathways(ctx context.Context, assessmentID string) (*PathwayView, error) {
	return inSnapshot(ctx, w, func(ctx context.Context) (*PathwayView, error) { return w.pathways(ctx, assessmentID) })
}

func (w *Workspace) pathways(ctx context.Context, assessmentID string) (*PathwayView, error) {
	s, err := w.sheet(ctx, assessmentID)
	if err != nil {
		return nil, err
	}
	f := s.Framework
	if !slices.ContainsFunc(f.Roles, func(r model.Role) bool { return len(r.Levels) > 0 }) {
		return nil, model.Errorf(model.Invalid, "%s has no role profiles; career pathways use the DDaT framework's roles", f.Ref)
	}
	v := &PathwayView{Sheet: s, Ranked: gap.Pathways(f, s.ratingList()), AllRatedZero: len(s.Ratings) == 0}
	if id := s.roleLevelID(); id != "" {
		v.CurrentRole, v.Current, _ = f.RoleLevel(id)
		v.NextRole, v.Next, _ = gap.NextLevel(f, id)
	}
	for i := range v.Ranked {
		p := &v.Ranked[i]
		if v.Current != nil && p.Level.ID == v.Current.ID {
			v.CurrentPath = p
		}
		if v.Next != nil && p.Level.ID == v.Next.ID {
			v.NextGap = p
		}
	}
	return v, nil
}

// roleLevelID is the role level the assessment is aimed at: its targets'
// role source, else its scope.
func (s *Sheet) roleLevelID() string {
	for _, t := range s.targetList() {
		if fw, id, ok := gap.ParseRoleSource(t.Source); ok && fw == s.Framework.Ref.ID {
			return id
		}
	}
	return s.Assessment.Scope.RoleLevel
}

// Families are the role families a ladder can be drawn for, in pack order.
func (v *PathwayView) Families() []string { return gap.LadderFamilies(v.Sheet.Framework) }

// DefaultFamily is the family a ladder opens on: the family of the role
// level the person is measured against, else of their best-ranked role
// level, else the first.
func (v *PathwayView) DefaultFamily() string {
	fams := v.Families()
	switch {
	case v.CurrentRole != nil && slices.Contains(fams, v.CurrentRole.Family):
		return v.CurrentRole.Family
	case len(v.Ranked) > 0:
		return v.Ranked[0].Role.Family
	case len(fams) > 0:
		return fams[0]
	}
	return ""
}

// Ladder is the family's career ladders for the person's ratings, with the
// sideways moves out of it; ok is false for a family with no role levels.
func (v *PathwayView) Ladder(family string) (gap.Ladder, bool) {
	return gap.RoleLadder(v.Sheet.Framework, v.Sheet.ratingList(), family)
}
