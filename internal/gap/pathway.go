package gap

import (
	"cmp"
	"fmt"
	"slices"
	"strings"

	"gapwise/internal/model"
)

// Pathway is how one set of ratings fits one role level.
type Pathway struct {
	Role  *model.Role      // points into the framework's roles
	Level *model.RoleLevel // points into Role.Levels
	// Required counts the level's requirements at a stated level; Met those
	// rated at or above it; Rated those rated at all (level 0 included), the
	// part of the level the pathway rests on; Unknown those not rated
	// (Required = Rated + Unknown), which are neither met nor a gap of 0.
	Required, Met, Rated, Unknown int
	// Enough says the pathway rests on at least half of the level's required
	// skills (Rated*2 >= Required); Pathways ranks these first.
	Enough bool
	// TotalGap adds up the gaps of rated required items only: not-rated items
	// have no known gap, so it is a lower bound when Unknown is not zero.
	TotalGap int
	// Demand adds up the required levels: a cross-role measure of how much a
	// level asks for, since Rank compares levels only within one role.
	Demand int
	Fit    float64 // Met / Required, 0..1; not-rated items count against it
	// Item ids, in the role level's requirement order. Missing holds every
	// required item not met, rated below or not rated; NotRated is the
	// not-rated part of Missing.
	Transferable []string
	Missing      []string
	NotRated     []string
}

// Pathways sets the ratings against every level of every role in the
// framework and ranks them. Levels resting on enough rated skills (Enough)
// come first, so a level whose one rated skill is met while five are unrated
// never outranks a level the ratings actually cover. Within each part: best
// fit (met share of all required skills, unknowns counting as not met) first,
// then the larger rated share, then smallest total gap, then the most
// demanding level (so among equal fits the biggest step up comes first), then
// title and id so the order never varies.
// Requirements at level 0 and role-wide requirements are left out; a role
// level with no requirement at a stated level gets no pathway.
func Pathways(f *model.Framework, ratings []model.Rating) []Pathway {
	if f == nil {
		return nil
	}
	ix := newIndex(f)
	rated := ratingsByItem(ratings)
	n, reqs := 0, 0
	for i := range f.Roles {
		n += len(f.Roles[i].Levels)
		for j := range f.Roles[i].Levels {
			reqs += len(f.Roles[i].Levels[j].Requirements)
		}
	}
	// The id lists of every pathway share one backing array, each capped to
	// its own length, so appending to one never writes into another.
	buf := make([]string, 0, 2*reqs)
	all := make([]Pathway, 0, n)
	for i := range f.Roles {
		role := &f.Roles[i]
		for j := range role.Levels {
			if p, ok := pathway(ix, rated, role, &role.Levels[j], &buf); ok {
				all = append(all, p)
			}
		}
	}
	// Sort positions rather than the (large) values; the position breaks any
	// remaining tie, so the order is total and the same on every run.
	order := make([]int, len(all))
	for i := range order {
		order[i] = i
	}
	slices.SortFunc(order, func(x, y int) int {
		a, b := &all[x], &all[y]
		if a.Enough != b.Enough {
			if a.Enough {
				return -1
			}
			return 1
		}
		if c := cmp.Compare(b.Met*a.Required, a.Met*b.Required); c != 0 { // Met/Required, exactly
			return c
		}
		if c := cmp.Compare(b.Rated*a.Required, a.Rated*b.Required); c != 0 { // Rated/Required, exactly
			return c
		}
		if c := cmp.Compare(a.TotalGap, b.TotalGap); c != 0 {
			return c
		}
		if c := cmp.Compare(b.Demand, a.Demand); c != 0 {
			return c
		}
		return cmp.Or(strings.Compare(a.Level.Title, b.Level.Title), strings.Compare(a.Level.ID, b.Level.ID), cmp.Compare(x, y))
	})
	out := make([]Pathway, len(all))
	for i, k := range order {
		out[i] = all[k]
	}
	return out
}

// pathway sets the ratings against one role level. Its id lists are cut from
// buf, which has room for two ids per requirement of the framework: a window
// of n slots whose front fills with met ids and whose back fills (backwards)
// with missing ones, then up to n slots for the not-rated ids.
func pathway(ix *index, rated map[string]model.Rating, role *model.Role, lvl *model.RoleLevel, buf *[]string) (Pathway, bool) {
	p := Pathway{Role: role, Level: lvl}
	n := len(lvl.Requirements)
	start := len(*buf)
	win := (*buf)[start : start+2*n]
	met, missing, notRated := 0, n, n
	for _, q := range lvl.Requirements {
		if q.Level <= 0 {
			continue
		}
		i, ok := ix.item[q.Item]
		if !ok {
			continue // the pack validator refuses these; never count them
		}
		target, _, _ := NormaliseTarget(ix.f, &ix.f.Items[i], q.Level)
		p.Required++
		p.Demand += target
		r, ok := rated[q.Item]
		switch {
		case !ok:
			missing--
			win[missing] = q.Item
			win[notRated] = q.Item
			notRated++
		case r.Level >= target:
			p.Rated++
			win[met] = q.Item
			met++
		default:
			p.Rated++
			p.TotalGap += target - r.Level
			missing--
			win[missing] = q.Item
		}
	}
	if p.Required == 0 {
		return Pathway{}, false
	}
	p.Met = met
	p.Unknown = p.Required - p.Rated
	p.Enough = 2*p.Rated >= p.Required
	p.Fit = float64(p.Met) / float64(p.Required)
	slices.Reverse(win[missing:n]) // filled from the end: back to requirement order
	p.Transferable = clip(win[:met])
	p.Missing = clip(win[missing:n])
	p.NotRated = clip(win[n:notRated])
	*buf = (*buf)[:start+notRated]
	return p, true
}

// Basis says how much of the role level the pathway rests on, for the app
// and the CLI alike: "rests on 1 of 6 required skills: rate 5 more", or
// "rests on all 6 required skills" when nothing is unknown.
func (p *Pathway) Basis() string {
	if p.Unknown == 0 {
		if p.Required == 1 {
			return "rests on its 1 required skill"
		}
		return fmt.Sprintf("rests on all %d required skills", p.Required)
	}
	return fmt.Sprintf("rests on %d of %d required skills: rate %d more", p.Rated, p.Required, p.Unknown)
}

// GapText states the total gap honestly: "gap 3" when every required skill
// is rated, else "gap 3+ on rated" since unrated skills have no known gap.
func (p *Pathway) GapText() string {
	if p.Unknown == 0 {
		return fmt.Sprintf("gap %d", p.TotalGap)
	}
	return fmt.Sprintf("gap %d+ on rated", p.TotalGap)
}

// clip caps a slice at its length (so appending copies) and makes an empty one nil.
func clip(s []string) []string {
	if len(s) == 0 {
		return nil
	}
	return s[:len(s):len(s)]
}

// NextLevel finds the next more senior level of the same role: the level
// with the smallest Rank above the given one's. ok is false when the role
// level is unknown or already the most senior.
func NextLevel(f *model.Framework, roleLevelID string) (*model.Role, *model.RoleLevel, bool) {
	if f == nil {
		return nil, nil, false
	}
	role, cur, ok := f.RoleLevel(roleLevelID)
	if !ok {
		return nil, nil, false
	}
	var next *model.RoleLevel
	for j := range role.Levels {
		l := &role.Levels[j]
		if l.Rank > cur.Rank && (next == nil || l.Rank < next.Rank) {
			next = l
		}
	}
	return role, next, next != nil
}
