package workspace

import (
	"context"
	"fmt"
	"slices"
	"strings"

	"gapwise/internal/frameworkdiff"
	"gapwise/internal/model"
)

// CarryResult is what carrying an assessment forward did.
type CarryResult struct {
	Person                     model.Person
	Assessment                 model.Assessment // the new assessment
	From                       model.Assessment // the original, unchanged
	FromFramework, ToFramework *model.Framework
	frameworkdiff.Carried
	Notes []string // other things the person should know (a scope that no longer exists)
}

// Counts: ratings copied (including those flagged), flagged for review,
// ratings and targets left behind, and new items not rated.
func (r *CarryResult) Counts() (carried, review, dropped, new int) {
	return len(r.Ratings), len(r.Review), len(r.Dropped), len(r.New)
}

// Summary is the result for a person to read, in the app and the CLI.
func (r *CarryResult) Summary() string {
	var b strings.Builder
	carried, review, dropped, fresh := r.Counts()
	fmt.Fprintf(&b, "Carried %s's %s assessment from %s to %s: new assessment %s.\n", r.Person.Name, r.From.Kind,
		r.FromFramework.Ref, r.ToFramework.Ref, r.Assessment.ID)
	fmt.Fprintf(&b, "%d ratings carried, %d of them to review; %d left behind; %d new items not rated.\n", carried, review, dropped, fresh)
	fmt.Fprintf(&b, "The original assessment is unchanged.\n")
	if review > 0 {
		fmt.Fprintf(&b, "\nTo review (the wording changed; rate again or confirm):\n")
		for _, rt := range r.Ratings {
			if why, ok := r.Review[rt.Item]; ok {
				fmt.Fprintf(&b, "  %s  %s, rated %d: %s\n", rt.Item, title(r.ToFramework, rt.Item), rt.Level, why)
			}
		}
	}
	if dropped > 0 {
		fmt.Fprintf(&b, "\nLeft behind (still in the original assessment):\n")
		for _, d := range r.Dropped {
			fmt.Fprintf(&b, "  %s %s at %d: %s\n", d.Item, d.What, d.Level, d.Reason)
		}
	}
	for _, n := range r.Notes {
		fmt.Fprintf(&b, "\n%s\n", n)
	}
	return b.String()
}

func title(f *model.Framework, id string) string {
	if it, ok := f.Item(id); ok {
		return it.Title
	}
	return id
}

// CarryAssessment creates a new assessment against another version of the
// same framework (to: ID@VERSION, or a bare ID for its newest version) from
// an existing one: unchanged items' ratings copied, changed and renamed
// items' copied and flagged for review, the rest listed as left behind. The
// original assessment is never changed.
func (w *Workspace) CarryAssessment(ctx context.Context, assessmentID, to string) (*CarryResult, error) {
	a, err := w.store.Assessment(ctx, assessmentID)
	if err != nil {
		return nil, err
	}
	from, err := w.Framework(ctx, a.Framework)
	if err != nil {
		return nil, err
	}
	dest, err := w.ResolveFramework(ctx, to)
	if err != nil {
		return nil, err
	}
	if dest.Ref.ID != from.Ref.ID {
		return nil, model.Errorf(model.Invalid, "assessment %s is of %s; it can be carried to another version of %s, not to %s", a.ID, from.Ref, from.Ref.ID, dest.Ref)
	}
	if dest.Ref == from.Ref {
		return nil, model.Errorf(model.Invalid, "assessment %s is already of %s", a.ID, dest.Ref)
	}
	p, err := w.store.Person(ctx, a.PersonID)
	if err != nil {
		return nil, err
	}
	ratings, err := w.store.Ratings(ctx, a.ID)
	if err != nil {
		return nil, err
	}
	targets, err := w.store.Targets(ctx, a.ID)
	if err != nil {
		return nil, err
	}
	d := frameworkdiff.Compare(from, dest)
	c := frameworkdiff.Carry(d, from, dest, ratings, targets)
	res := &CarryResult{Person: p, From: a, FromFramework: from, ToFramework: dest, Carried: c}

	next := model.Assessment{PersonID: a.PersonID, Framework: dest.Ref, Kind: a.Kind, Assessor: a.Assessor, Scope: a.Scope}
	if g := next.Scope.Group; g != "" {
		if _, ok := dest.Group(g); !ok {
			next.Scope.Group = ""
			res.Notes = append(res.Notes, fmt.Sprintf("The original covered group %q, which %s does not have; the new assessment covers the whole framework.", g, dest.Ref))
		}
	}
	if rl := next.Scope.RoleLevel; rl != "" {
		if _, _, ok := dest.RoleLevel(rl); !ok {
			next.Scope.RoleLevel = ""
			res.Notes = append(res.Notes, fmt.Sprintf("The original covered role level %q, which %s does not have; the new assessment covers the whole framework.", rl, dest.Ref))
		}
	}
	res.Assessment, err = w.store.CarryAssessment(ctx, next, c.Ratings, c.Targets, c.Review)
	if err != nil {
		return nil, err
	}
	w.changed(ctx, nil, AssessmentChanged, res.Assessment.ID)
	return res, nil
}

// ConfirmReview keeps a carried rating as it is and clears its review flag
// (item "" confirms every flagged item of the assessment).
func (w *Workspace) ConfirmReview(ctx context.Context, assessment model.AssessmentID, itemID model.ItemID) error {
	assessmentID, item := string(assessment), string(itemID)
	return w.changed(ctx, w.store.ConfirmReview(ctx, assessmentID, item), RatingsChanged, assessmentID)
}

// NewerVersions lists versions of an assessment's framework newer than its
// own that the person has not yet been assessed against in the same way:
// what the "carry forward" banner offers.
func (w *Workspace) NewerVersions(ctx context.Context, assessmentID string) ([]FrameworkInfo, error) {
	a, err := w.store.Assessment(ctx, assessmentID)
	if err != nil {
		return nil, err
	}
	all, err := w.Frameworks(ctx)
	if err != nil {
		return nil, err
	}
	theirs, err := w.store.Assessments(ctx, a.PersonID)
	if err != nil {
		return nil, err
	}
	var out []FrameworkInfo
	for _, f := range all {
		if f.Ref.ID != a.Framework.ID || model.CompareVersions(f.Ref.Version, a.Framework.Version) <= 0 {
			continue
		}
		if slices.ContainsFunc(theirs, func(o model.Assessment) bool { return o.Framework == f.Ref && o.Kind == a.Kind }) {
			continue
		}
		out = append(out, f)
	}
	return out, nil
}
