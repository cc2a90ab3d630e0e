package gap

import (
	"slices"
	"strings"

	"gapwise/internal/model"
)

// Prefixes of model.Target.Source.
const (
	ManualSource       = "manual"
	RoleSourcePrefix   = "role:"
	PersonSourcePrefix = "person:"
)

// RoleSource is the target source for a role level:
// "role:<framework id>/<role level id>", e.g.
// "role:ddat/data/data-analyst/senior-data-analyst".
func RoleSource(frameworkID, roleLevelID string) string {
	return RoleSourcePrefix + frameworkID + "/" + roleLevelID
}

// ParseRoleSource splits a role target source into framework id and role
// level id; ok is false for any other source.
func ParseRoleSource(source string) (frameworkID, roleLevelID string, ok bool) {
	rest, ok := strings.CutPrefix(source, RoleSourcePrefix)
	if !ok {
		return "", "", false
	}
	frameworkID, roleLevelID, ok = strings.Cut(rest, "/")
	if !ok || frameworkID == "" || roleLevelID == "" {
		return "", "", false
	}
	return frameworkID, roleLevelID, true
}

// PersonSource is the target source for another person's saved profile:
// "person:<id>".
func PersonSource(personID string) string { return PersonSourcePrefix + personID }

// TargetsFromRoleLevel turns a role level's requirements into targets, in
// requirement order, with Source RoleSource(f.Ref.ID, roleLevelID).
// Requirements at level 0 (needed, no level stated) give no target. Levels
// are used as the pack states them; Compute normalises them like any target.
func TargetsFromRoleLevel(f *model.Framework, roleLevelID string) ([]model.Target, error) {
	if f == nil {
		return nil, model.Errorf(model.Internal, "No framework was given to take role level %q from.", roleLevelID)
	}
	_, lvl, ok := f.RoleLevel(roleLevelID)
	if !ok {
		return nil, model.Errorf(model.NotFound, "There is no role level %q in %s.", roleLevelID, f.Ref)
	}
	source := RoleSource(f.Ref.ID, roleLevelID)
	out := make([]model.Target, 0, len(lvl.Requirements))
	for _, q := range lvl.Requirements {
		if q.Level > 0 {
			out = append(out, model.Target{Item: q.Item, Level: q.Level, Source: source})
		}
	}
	return out, nil
}

// TargetsFromRatings uses someone's ratings as targets ("aim for what this
// saved profile has"). Ratings at level 0 give no target, since a target of
// 0 means none. Each item appears once, where it first appears in ratings,
// with the level of its last rating (the later rating wins, as in Compute).
func TargetsFromRatings(ratings []model.Rating, source string) []model.Target {
	last := ratingsByItem(ratings)
	out := make([]model.Target, 0, len(last))
	done := make(map[string]bool, len(last))
	for _, r := range ratings {
		if done[r.Item] {
			continue
		}
		done[r.Item] = true
		if l := last[r.Item].Level; l > 0 {
			out = append(out, model.Target{Item: r.Item, Level: l, Source: source})
		}
	}
	return out
}

// TargetsFrom says, for the app's My gaps, the CLI's gaps and the plan PDF
// alike, what an assessment's gaps are measured against: "the role level
// Senior data analyst", "your own targets (set by hand)", "another person's
// saved profile", several of these joined by "; " when targets were mixed,
// or "no targets set". It reads the sources of the targets in the report, so
// it changes the moment the targets do.
func TargetsFrom(f *model.Framework, items []ItemGap) string {
	var out []string
	seen := map[string]bool{}
	for _, g := range items {
		if g.Target == nil || seen[g.TargetSource] {
			continue
		}
		seen[g.TargetSource] = true
		if t := sourceText(f, g.TargetSource); !slices.Contains(out, t) {
			out = append(out, t)
		}
	}
	if len(out) == 0 {
		return "no targets set"
	}
	return strings.Join(out, "; ")
}

func sourceText(f *model.Framework, source string) string {
	if _, id, ok := ParseRoleSource(source); ok {
		if f != nil {
			if role, lvl, ok := f.RoleLevel(id); ok {
				if role.Title != "" && !strings.Contains(lvl.Title, role.Title) {
					return "the role " + role.Title + " at level " + lvl.Title
				}
				return "the role level " + lvl.Title
			}
		}
		return "the role level " + id
	}
	switch {
	case source == "" || source == ManualSource:
		return "your own targets (set by hand)"
	case strings.HasPrefix(source, PersonSourcePrefix):
		return "another person's saved profile"
	}
	return source
}

// TargetsAtLevel sets every item of the framework, or of one group (its
// subgroups included, group "" for all), to one target level, in framework
// order with Source ManualSource: a team's "all of us at 3 in this domain".
// Each level is normalised for its item (NormaliseTarget): capped to the
// item's highest defined level, raised into its defined levels, as anywhere
// else a target is set. A level below 1 and an unknown group are refused.
func TargetsAtLevel(f *model.Framework, group string, level int) ([]model.Target, error) {
	if f == nil {
		return nil, model.Errorf(model.Internal, "No framework was given to set targets in.")
	}
	if level < 1 {
		return nil, model.Errorf(model.Invalid, "A target level must be 1 or more (clear the targets to remove them).")
	}
	if group != "" {
		if _, ok := f.Group(group); !ok {
			return nil, model.Errorf(model.NotFound, "There is no group %q in %s.", group, f.Ref)
		}
	}
	var out []model.Target
	for i := range f.Items {
		it := &f.Items[i]
		if group != "" && !slices.ContainsFunc(f.GroupPath(it.Group), func(g *model.Group) bool { return g.ID == group }) {
			continue
		}
		if t, _, _ := NormaliseTarget(f, it, level); t > 0 {
			out = append(out, model.Target{Item: it.ID, Level: t, Source: ManualSource})
		}
	}
	if len(out) == 0 {
		return nil, model.Errorf(model.Invalid, "Group %q of %s holds no items to set a target on.", group, f.Ref)
	}
	return out, nil
}
