package gap

import (
	"cmp"
	"fmt"
	"slices"
	"strings"

	"gapwise/internal/model"
)

// Drafted plans: "New plan from my gaps" and a team's plan from its common
// gaps propose an action for each of the largest gaps, for the person to
// keep, edit or drop before anything is saved. The rules, decided once here
// for the app and the CLI:
//
//   - A person's gaps are their items below target, largest gap first,
//     ties in framework order; a team's are its common gaps in their order
//     (most widespread first), leaving out any the display hides and any an
//     open action of the plan already addresses. The first DraftGaps of them
//     are drafted.
//   - With a learning catalogue, a gap gets the first entry (in the
//     catalogue's order) that develops its item and has not been proposed
//     for an earlier gap: "Take <title> (<provider>, <type>) to develop …",
//     with its address. When every entry that develops it has been proposed
//     already, the item joins the first such draft, which then addresses
//     both. The action's activity is the entry's type where Gapwise knows
//     the word (model.ActivityFor), else left for the person to choose.
//   - Without one, a gap gets an honest generic action naming the item and
//     the levels, and the ways people usually develop it; its activity is
//     left for the person to choose.
//   - Team drafts belong to the whole team and never name a person, and say
//     nothing a display would hide (no counts), so they are safe to show in
//     workshop display.

// DraftGaps is how many of the largest gaps a drafted plan addresses.
const DraftGaps = 5

// Draft is one proposed action.
type Draft struct {
	Action model.Action          // status planned; no owner; no due date
	Entry  *model.CatalogueEntry // the catalogue entry it proposes; nil for a generic action
}

// draftGap is one gap to draft for: an item, where its holder is (nil for a
// team) and the target.
type draftGap struct {
	item   *model.Item
	from   *int
	target int
}

// DraftPersonPlan drafts actions for a person's largest gaps (the Items of
// Compute's result), using the catalogue when there is one (nil or empty:
// generic actions only). n <= 0 means DraftGaps.
func DraftPersonPlan(f *model.Framework, gaps []ItemGap, cat *model.Catalogue, n int) []Draft {
	if f == nil {
		return nil
	}
	order := itemOrder(f)
	below := make([]ItemGap, 0, len(gaps))
	for _, g := range gaps {
		if g.Status == Below && g.Item != nil && g.Current != nil && g.Target != nil {
			below = append(below, g)
		}
	}
	slices.SortStableFunc(below, func(a, b ItemGap) int {
		return cmp.Or(cmp.Compare(b.Gap, a.Gap), cmp.Compare(order[a.Item.ID], order[b.Item.ID]))
	})
	var picked []draftGap
	for _, g := range below {
		picked = append(picked, draftGap{item: g.Item, from: g.Current, target: *g.Target})
	}
	return draft(f, picked, cat, n, personWords)
}

// DraftTeamPlan drafts actions for a team's common gaps (MeasureTeam's
// CommonGaps, in their order), leaving out those d hides and those an open
// action in existing (planned or in progress) already addresses.
func DraftTeamPlan(f *model.Framework, common []*ItemMeasure, d Display, existing []model.Action, cat *model.Catalogue, n int) []Draft {
	if f == nil {
		return nil
	}
	addressed := map[string]bool{}
	for _, a := range existing {
		if a.Status == model.Done || a.Status == model.Dropped {
			continue
		}
		for _, id := range a.Items {
			addressed[id] = true
		}
	}
	var picked []draftGap
	for _, m := range common {
		if m == nil || m.Item == nil || m.Target == nil || m.Below == 0 || d.Hides(m.Rated) || addressed[m.Item.ID] {
			continue
		}
		picked = append(picked, draftGap{item: m.Item, target: *m.Target})
	}
	return draft(f, picked, cat, n, teamWords)
}

// words writes one kind of plan's objectives.
type words struct {
	take    func(entry string, develop []string) string
	generic func(develop string) string
}

var personWords = words{
	take: func(entry string, develop []string) string {
		return fmt.Sprintf("Take %s to develop %s.", entry, model.AndList(develop))
	},
	generic: func(develop string) string {
		return fmt.Sprintf("Develop %s: choose the way that suits you (shadowing someone who works at that level, a course, "+
			"or a piece of project work that needs it), agree it with your appraiser, and note what will show it is done.", develop)
	},
}

var teamWords = words{
	take: func(entry string, develop []string) string {
		return fmt.Sprintf("Arrange %s for the members below the team target, to develop %s.", entry, model.AndList(develop))
	},
	generic: func(develop string) string {
		return fmt.Sprintf("Agree how the team will develop %s: a session run by a member who is already there, "+
			"shadowing, a course or a shared piece of project work.", develop)
	},
}

func draft(f *model.Framework, gaps []draftGap, cat *model.Catalogue, n int, w words) []Draft {
	if n <= 0 {
		n = DraftGaps
	}
	if len(gaps) > n {
		gaps = gaps[:n]
	}
	var out []Draft
	var develop [][]string    // per draft, the phrases of the gaps it addresses
	proposed := map[int]int{} // catalogue entry index -> draft index
	for _, g := range gaps {
		phrase := developPhrase(f, g)
		entry, merge := -1, -1
		if cat != nil {
			for i := range cat.Entries {
				if !cat.Entries[i].Develops(g.item.ID) {
					continue
				}
				if k, done := proposed[i]; done {
					if merge < 0 {
						merge = k
					}
					continue
				}
				entry = i
				break
			}
		}
		switch {
		case entry >= 0:
			e := &cat.Entries[entry]
			proposed[entry] = len(out)
			out = append(out, Draft{Entry: e, Action: model.Action{Items: []string{g.item.ID}, Activity: model.ActivityFor(e.Type), Status: model.Planned}})
			develop = append(develop, []string{phrase})
		case merge >= 0:
			out[merge].Action.Items = append(out[merge].Action.Items, g.item.ID)
			develop[merge] = append(develop[merge], phrase)
		default:
			out = append(out, Draft{Action: model.Action{Objective: w.generic(phrase), Items: []string{g.item.ID}, Status: model.Planned}})
			develop = append(develop, nil)
		}
	}
	for k := range out {
		if e := out[k].Entry; e != nil {
			obj := w.take(entryPhrase(e), develop[k])
			if e.URL != "" {
				obj += " " + e.URL
			}
			out[k].Action.Objective = model.ClipText(obj, model.MaxObjectiveLen)
		}
	}
	return out
}

// entryPhrase names a catalogue entry: `"Title" (Provider, Type)`.
func entryPhrase(e *model.CatalogueEntry) string {
	s := `"` + e.Title + `"`
	var about []string
	for _, p := range []string{e.Provider, e.Type} {
		if p != "" {
			about = append(about, p)
		}
	}
	if len(about) > 0 {
		s += " (" + strings.Join(about, ", ") + ")"
	}
	return s
}

// developPhrase says what a gap asks for: "Data quality from level 1
// (Awareness) to level 3 (Practitioner)", or for a team "Data quality to
// level 3 (Practitioner)".
func developPhrase(f *model.Framework, g draftGap) string {
	level := func(v int) string {
		name := f.Scale.LevelName(v)
		if name == fmt.Sprintf("Level %d", v) {
			return fmt.Sprintf("level %d", v)
		}
		return fmt.Sprintf("level %d (%s)", v, name)
	}
	if g.from == nil {
		return fmt.Sprintf("%s to %s", g.item.Title, level(g.target))
	}
	return fmt.Sprintf("%s from %s to %s", g.item.Title, level(*g.from), level(g.target))
}

func itemOrder(f *model.Framework) map[string]int {
	out := make(map[string]int, len(f.Items))
	for i, it := range f.Items {
		out[it.ID] = i
	}
	return out
}
