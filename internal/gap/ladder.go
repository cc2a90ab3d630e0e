package gap

import (
	"cmp"
	"fmt"
	"slices"
	"strings"

	"gapwise/internal/model"
)

// Standing is how a set of ratings stands against one role level, kept
// honest about skills not rated: a level is reached only when every
// required skill is rated and met.
type Standing int

const (
	// Short: at least one rated required skill is below the level's.
	Short Standing = iota
	// Unrated: none of the level's required skills is rated.
	Unrated
	// MetSoFar: every rated required skill is met but some are not rated,
	// so whether the level fits is unknown.
	MetSoFar
	// Reached: every required skill is rated and met.
	Reached
)

func (s Standing) String() string {
	switch s {
	case Reached:
		return "reached"
	case MetSoFar:
		return "met so far"
	case Unrated:
		return "unrated"
	}
	return "short"
}

// Standing is where the ratings leave the pathway's role level.
func (p *Pathway) Standing() Standing {
	switch {
	case p.Met < p.Rated:
		return Short
	case p.Rated == 0:
		return Unrated
	case p.Unknown > 0:
		return MetSoFar
	}
	return Reached
}

// LadderRole is one role of a family as a career ladder: its levels in
// order of seniority with how the ratings fit each.
type LadderRole struct {
	Role  *model.Role
	Steps []Pathway // most junior first (by Rank, then pack order)
	// Fits is the index in Steps of the most senior level reached (every
	// required skill rated and met), -1 when none is. Next is the step up
	// from there: Fits+1, the first step when none is reached, -1 when the
	// top is reached.
	Fits, Next int
}

// Ladder is a role family's ladders and the sideways moves out of it.
type Ladder struct {
	Family string
	Roles  []LadderRole // the family's roles that have levels, in pack order
	// Sideways are moves to other families: for each of their roles the
	// level that the most of its required skills transfer to, ranked by
	// transferable skills (see Sideways). Roles with nothing met are left
	// out: with no skill transferring there is no move to speak of.
	Sideways []Pathway
}

// LadderFamilies lists the role families that have at least one role level
// with a requirement at a stated level, in pack order: the families a
// ladder can be drawn for.
func LadderFamilies(f *model.Framework) []string {
	if f == nil {
		return nil
	}
	var out []string
	for i := range f.Roles {
		r := &f.Roles[i]
		if slices.Contains(out, r.Family) {
			continue
		}
		for j := range r.Levels {
			if slices.ContainsFunc(r.Levels[j].Requirements, func(q model.Requirement) bool { return q.Level > 0 }) {
				out = append(out, r.Family)
				break
			}
		}
	}
	return out
}

// FindFamily matches a family by name or slug, ignoring case and the
// difference between spaces and hyphens ("IT operations", "it-operations").
func FindFamily(f *model.Framework, name string) (string, bool) {
	norm := func(s string) string {
		return strings.ReplaceAll(strings.ToLower(strings.TrimSpace(s)), " ", "-")
	}
	want := norm(name)
	for _, fam := range LadderFamilies(f) {
		if norm(fam) == want {
			return fam, true
		}
	}
	return "", false
}

// RoleLadder sets the ratings against every level of the family's roles, in
// ladder order, and ranks the sideways moves to other families. ok is false
// when the family has no role level to set them against.
func RoleLadder(f *model.Framework, ratings []model.Rating, family string) (Ladder, bool) {
	if f == nil {
		return Ladder{}, false
	}
	all := Pathways(f, ratings)
	l := Ladder{Family: family}
	byRole := map[*model.Role][]Pathway{}
	for _, p := range all {
		byRole[p.Role] = append(byRole[p.Role], p)
	}
	for i := range f.Roles {
		role := &f.Roles[i]
		steps := byRole[role]
		if role.Family != family || len(steps) == 0 {
			continue
		}
		pos := func(lv *model.RoleLevel) int {
			return slices.IndexFunc(role.Levels, func(x model.RoleLevel) bool { return x.ID == lv.ID })
		}
		slices.SortFunc(steps, func(a, b Pathway) int {
			return cmp.Or(cmp.Compare(a.Level.Rank, b.Level.Rank), cmp.Compare(pos(a.Level), pos(b.Level)))
		})
		lr := LadderRole{Role: role, Steps: steps, Fits: -1}
		for k := range steps {
			if steps[k].Standing() == Reached {
				lr.Fits = k
			}
		}
		lr.Next = lr.Fits + 1
		if lr.Next == len(steps) {
			lr.Next = -1
		}
		l.Roles = append(l.Roles, lr)
	}
	if len(l.Roles) == 0 {
		return Ladder{}, false
	}
	l.Sideways = Sideways(all, family)
	return l, true
}

// Sideways picks, for each role outside the family, its level with the most
// transferable skills and ranks those. Transferable skills are the level's
// required skills the ratings already meet; only rated skills can transfer.
// Order: the larger share of the level's required skills met (unrated ones
// counting as not met), then more skills met, then the larger rated share
// (what the figure rests on), then the smaller total gap on rated skills,
// then the more demanding level (the bigger move for the same share), then
// family, role title, level title and id, so the order never varies. Levels
// with no skill met are left out.
func Sideways(pathways []Pathway, family string) []Pathway {
	better := func(a, b *Pathway) int {
		if c := cmp.Compare(b.Met*a.Required, a.Met*b.Required); c != 0 {
			return c
		}
		if c := cmp.Compare(b.Met, a.Met); c != 0 {
			return c
		}
		if c := cmp.Compare(b.Rated*a.Required, a.Rated*b.Required); c != 0 {
			return c
		}
		if c := cmp.Compare(a.TotalGap, b.TotalGap); c != 0 {
			return c
		}
		if c := cmp.Compare(b.Demand, a.Demand); c != 0 {
			return c
		}
		return cmp.Or(strings.Compare(a.Role.Family, b.Role.Family), strings.Compare(a.Role.Title, b.Role.Title),
			strings.Compare(a.Level.Title, b.Level.Title), strings.Compare(a.Level.ID, b.Level.ID))
	}
	best := map[*model.Role]int{}
	var out []Pathway
	for i := range pathways {
		p := &pathways[i]
		if p.Role.Family == family || p.Met == 0 {
			continue
		}
		k, ok := best[p.Role]
		switch {
		case !ok:
			best[p.Role] = len(out)
			out = append(out, *p)
		case better(p, &out[k]) < 0:
			out[k] = *p
		}
	}
	slices.SortFunc(out, func(a, b Pathway) int { return better(&a, &b) })
	return out
}

// TransferText says what a sideways move rests on: "4 of 6 required skills
// transfer; rests on 5 of 6 required skills: rate 1 more".
func (p *Pathway) TransferText() string {
	return fmt.Sprintf("%d of %d required skills transfer; %s", p.Met, p.Required, p.Basis())
}

// StepText says how the ratings stand against a ladder step, honest about
// unrated skills: "reached: all 6 required skills met", "met so far: 4 of 6
// met, rate 2 more to know", or "5 of 8 met, 1 unknown, gap 3+ on rated".
func (p *Pathway) StepText() string {
	switch p.Standing() {
	case Reached:
		if p.Required == 1 {
			return "reached: its 1 required skill met"
		}
		return fmt.Sprintf("reached: all %d required skills met", p.Required)
	case MetSoFar:
		return fmt.Sprintf("met so far: %d of %d met, rate %d more to know", p.Met, p.Required, p.Unknown)
	case Unrated:
		if p.Required == 1 {
			return "not rated: rate its 1 required skill to know"
		}
		return fmt.Sprintf("not rated: rate its %d required skills to know", p.Required)
	}
	s := fmt.Sprintf("%d of %d met", p.Met, p.Required)
	if p.Unknown > 0 {
		s += fmt.Sprintf(", %d unknown", p.Unknown)
	}
	return s + ", " + p.GapText()
}
