package gap

import (
	"slices"
	"strings"

	"gapwise/internal/model"
)

// Who can teach whom: the one rule behind the team screen, the CLI, the team
// PDF and the spreadsheets.
//
// On each item, among the members who rated it:
//   - a teacher is at or above the team target; without a target, at the
//     team's highest level on the item, provided that level reaches the
//     middle of the item's defined levels (TeachFloor), so a team whose best
//     is "awareness" has no teacher;
//   - a learner flagged "I want to develop this" (model.Rating.Interest) or
//     is below the target. A teacher who flagged interest is a learner too:
//     someone further on may still teach them.
//   - each learner is paired with the teacher with the most headroom over
//     them (the highest level, which must be above the learner's); among
//     teachers at that level, the one with fewest learners so far, then the
//     first in display order (the Roster's: names in named display, labels
//     in workshop display), so equally strong teachers share the learners in
//     turn. One teacher may take several learners; nobody is paired with
//     themself. A learner with nobody in the team above them is Unpaired:
//     the team looks for a teacher outside.
//
// Not rated is neither teacher nor learner: interest rides on a rating.

// Teaching is who could teach and who wants to learn one item. Members are
// positions in the TeamRatings, each list in display order.
type Teaching struct {
	Item  *model.Item
	Floor int // the level a teacher is at or above; 0 when nobody can teach
	// Teachers, Learners and Interested (members who flagged interest)
	// in display order.
	Teachers, Learners, Interested []int
	// SecondHolders: on a fragile item (one member meets the target),
	// the interested members who could become its second holder.
	SecondHolders []int
	Pairings      []Pairing // in the display order of their teachers
	Unpaired      []int     // learners nobody in the team is above
}

// Pairing is one suggested session: a teacher and the learners it is for,
// in display order.
type Pairing struct {
	Teacher  int
	Learners []int
}

// TeachFloor is the lowest level the team's best may be at, without a team
// target, to teach an item: the middle one of the item's defined levels
// above 0 (the upper middle of an even count), e.g. 3 of FCI's 1-4, 4 of
// SFIA's 1-7, 6 of a skill defined at 4-7. An item that lists no levels
// takes the scale's.
func TeachFloor(f *model.Framework, it *model.Item) int {
	var defined []int
	if it != nil {
		for _, l := range it.Levels {
			if l > 0 {
				defined = append(defined, l)
			}
		}
	}
	if len(defined) == 0 && f != nil {
		for _, l := range f.Scale.Levels {
			if l.Value > 0 {
				defined = append(defined, l.Value)
			}
		}
	}
	if len(defined) == 0 {
		return 1
	}
	slices.Sort(defined)
	return defined[len(defined)/2]
}

// DisplayOrder is the table's members in the roster's display order
// (members the roster lacks come after, in table order): the order every
// list of Teach is in, and the order ties are broken by.
func (t *TeamRatings) DisplayOrder(r Roster) []int {
	type pos struct{ member, at int }
	ps := make([]pos, len(t.ids))
	for m, id := range t.ids {
		at, ok := r.Position(id)
		if !ok {
			at = len(t.ids) + m
		}
		ps[m] = pos{m, at}
	}
	slices.SortFunc(ps, func(a, b pos) int { return a.at - b.at })
	out := make([]int, len(ps))
	for k, p := range ps {
		out[k] = p.member
	}
	return out
}

// MemberID is the person id of the member at position m.
func (t *TeamRatings) MemberID(m int) string { return t.ids[m] }

// teachFloor is the level teachers of m's item are at or above, 0 for none.
func teachFloor(f *model.Framework, m *ItemMeasure) int {
	if m.Target != nil {
		return *m.Target
	}
	if m.Max != nil && *m.Max >= TeachFloor(f, m.Item) {
		return *m.Max
	}
	return 0
}

// Teach applies the rule to one item of a team's measures. order is the
// members in display order (TeamRatings.DisplayOrder); nil is table order.
// It reads the item's column once and costs time and memory in proportion
// to the team, so callers that need only figures use TeachCounts.
func Teach(f *model.Framework, t *TeamRatings, m *ItemMeasure, order []int) Teaching {
	out := Teaching{Item: m.Item}
	i, ok := t.ItemIndex(m.Item.ID)
	if !ok {
		return out
	}
	if order == nil {
		order = make([]int, t.Members())
		for k := range order {
			order[k] = k
		}
	}
	out.Floor = teachFloor(f, m)
	top := -1 // the highest teacher's level
	for _, member := range order {
		level, _, rated := t.At(member, i)
		if !rated {
			continue
		}
		interested := t.Interested(member, i)
		if out.Floor > 0 && level >= out.Floor {
			out.Teachers = append(out.Teachers, member)
			top = max(top, level)
		}
		if interested {
			out.Interested = append(out.Interested, member)
		}
		if interested || (m.Target != nil && level < *m.Target) {
			out.Learners = append(out.Learners, member)
		}
		if interested && m.Fragile && level < *m.Target {
			out.SecondHolders = append(out.SecondHolders, member)
		}
	}
	// The teachers with the most headroom are those at the top level; each
	// learner below it goes to the one of them with fewest so far, then the
	// first in display order: in turn, in display order.
	var best []int
	for _, member := range out.Teachers {
		if level, _, _ := t.At(member, i); level == top {
			best = append(best, member)
		}
	}
	taken := make([][]int, len(best))
	next := 0
	for _, member := range out.Learners {
		if level, _, _ := t.At(member, i); len(best) == 0 || level >= top {
			out.Unpaired = append(out.Unpaired, member)
			continue
		}
		taken[next] = append(taken[next], member)
		next = (next + 1) % len(best)
	}
	for k, teacher := range best {
		if len(taken[k]) > 0 {
			out.Pairings = append(out.Pairings, Pairing{Teacher: teacher, Learners: taken[k]})
		}
	}
	return out
}

// TeachingCounts is how many could teach, want to learn and flagged
// interest on one item, and how many sessions the pairings suggest.
type TeachingCounts struct {
	Teachers, Learners, Interested, Pairings int
}

// TeachCounts is Teach's figures without its lists: what the CLI's JSON,
// the Measures sheet and the coverage table show, at any team size.
func TeachCounts(f *model.Framework, t *TeamRatings, m *ItemMeasure) TeachingCounts {
	var c TeachingCounts
	i, ok := t.ItemIndex(m.Item.ID)
	if !ok {
		return c
	}
	floor := teachFloor(f, m)
	top, atTop, below := -1, 0, 0
	var levels []int // learners' levels, to count those below the top
	for member := 0; member < t.Members(); member++ {
		level, _, rated := t.At(member, i)
		if !rated {
			continue
		}
		interested := t.Interested(member, i)
		if floor > 0 && level >= floor {
			c.Teachers++
			switch {
			case level > top:
				top, atTop = level, 1
			case level == top:
				atTop++
			}
		}
		if interested {
			c.Interested++
		}
		if interested || (m.Target != nil && level < *m.Target) {
			c.Learners++
			levels = append(levels, level)
		}
	}
	for _, l := range levels {
		if l < top {
			below++
		}
	}
	c.Pairings = min(atTop, below)
	return c
}

// PairingObjective is the team action a pairing becomes for its teacher,
// naming no one (the owner is the teacher; each learner gets a
// JoinObjective action of their own), so the plan is safe to project.
func PairingObjective(it *model.Item, learners int) string {
	who := " who want to learn it"
	if learners == 1 {
		who = " who wants to learn it"
	}
	return "Run a session on " + itemWords(it) + " for " + model.Plural(learners, "member", "members") + who
}

// JoinObjective is the team action of a learner in a pairing.
func JoinObjective(it *model.Item) string {
	return "Join the session on " + itemWords(it) + " and practise it"
}

// PairingLine says a pairing in words with the labels given: "Member A runs
// a session on 1.2 Clinical safety for Member C and Member D".
func PairingLine(it *model.Item, teacher string, learners []string) string {
	return teacher + " runs a session on " + itemWords(it) + " for " + model.AndList(learners)
}

// TeachingLists reports whether a display lists, member by member, who
// could teach and who wants to learn an item resting on rated members:
// under names in named display, under neutral labels once individual rows
// were chosen. Plain workshop display only counts (a label beside each
// item a member teaches or learns would be their row of levels by another
// name), and an item whose figures are hidden shows neither.
func (d Display) TeachingLists(rated int) bool { return d.PersonRows() && !d.Hides(rated) }

// maxListed is the most members a line of TeachingLines names before "and
// N more": a workshop reads a line, not an organisation's roster.
const maxListed = 12

// TeachingLines is what display d says about teaching on one item, line by
// line, for the team screen, the CLI and the team PDF alike: nothing on an
// item whose figures d hides or where nobody could teach or wants to learn;
// counts in plain workshop display; otherwise who could teach, who wants
// to learn, the suggested sessions, who has nobody ahead of them and, on a
// fragile item, who could become its second holder, labelled by r.
func TeachingLines(d Display, r Roster, t *TeamRatings, tc Teaching, m *ItemMeasure) []string {
	if d.Hides(m.Rated) || (len(tc.Teachers) == 0 && len(tc.Learners) == 0) {
		return nil
	}
	if !d.TeachingLists(m.Rated) {
		return TeachingSummary(d, tc, m)
	}
	label := func(ms []int) []string { return labels(r, t, ms) }
	var lines []string
	if len(tc.Teachers) > 0 {
		lines = append(lines, "Could teach: "+model.AndList(label(tc.Teachers)))
	}
	if len(tc.Learners) > 0 {
		line := "Want to learn: " + model.AndList(label(tc.Learners))
		if len(tc.Interested) > 0 {
			line += " (interested: " + model.AndList(label(tc.Interested)) + ")"
		}
		lines = append(lines, line)
	}
	for k, p := range tc.Pairings {
		if k == maxListed {
			lines = append(lines, "and "+model.Plural(len(tc.Pairings)-maxListed, "more session", "more sessions"))
			break
		}
		lines = append(lines, "Suggested: "+PairingLine(m.Item, r.Label(t.MemberID(p.Teacher)), label(p.Learners)))
	}
	if len(tc.Unpaired) > 0 {
		lines = append(lines, "Nobody in the team is further on than "+model.AndList(label(tc.Unpaired))+": look for a teacher outside the team")
	}
	if line := SecondHolderLine(d, r, t, tc, m); line != "" {
		lines = append(lines, line)
	}
	return lines
}

// labels are the members' labels by r, the first maxListed of them and
// then "N more".
func labels(r Roster, t *TeamRatings, ms []int) []string {
	out := make([]string, 0, min(len(ms), maxListed+1))
	for k, member := range ms {
		if k == maxListed {
			out = append(out, model.Plural(len(ms)-maxListed, "more", "more"))
			break
		}
		out = append(out, r.Label(t.MemberID(member)))
	}
	return out
}

// SecondHolderLine is what display d says, on a fragile item, about the
// members interested in becoming its second holder (Teaching.SecondHolders):
// who, labelled by r, where d lists members (TeachingLists); how many in
// plain workshop display; "" when there are none or d hides the item's
// figures. The last line of TeachingLines, and the Coverage tab's.
func SecondHolderLine(d Display, r Roster, t *TeamRatings, tc Teaching, m *ItemMeasure) string {
	switch {
	case len(tc.SecondHolders) == 0 || d.Hides(m.Rated):
		return ""
	case d.TeachingLists(m.Rated):
		return "Interested in becoming the second holder: " + model.AndList(labels(r, t, tc.SecondHolders))
	}
	return secondHolders(len(tc.SecondHolders))
}

// secondHolders counts the members interested in becoming the second
// holder, naming none.
func secondHolders(n int) string {
	return model.Plural(n, "member is", "members are") + " interested in becoming the second holder"
}

// TeachingSummary is what TeachingLines says in plain workshop display:
// how many could teach, want to learn, flagged interest and would be in a
// suggested session, and on a fragile item how many are interested in
// becoming its second holder; naming no one. It is also what a display
// that lists members says when the members are too many to print (the
// team PDF of an organisation). Nothing on an item whose figures d hides
// or where nobody could teach or wants to learn.
func TeachingSummary(d Display, tc Teaching, m *ItemMeasure) []string {
	if d.Hides(m.Rated) || (len(tc.Teachers) == 0 && len(tc.Learners) == 0) {
		return nil
	}
	line := model.Plural(len(tc.Teachers), "could teach", "could teach") + " · " +
		model.Plural(len(tc.Learners), "wants to learn", "want to learn") + " · " +
		model.Plural(len(tc.Interested), "flagged interest", "flagged interest") + " · " +
		model.Plural(len(tc.Pairings), "suggested session", "suggested sessions")
	lines := []string{line}
	if len(tc.SecondHolders) > 0 {
		lines = append(lines, secondHolders(len(tc.SecondHolders)))
	}
	return lines
}

// itemWords names an item in a sentence: "1.2 Clinical safety", a DDaT
// skill by its title (Item.Label, with one space).
func itemWords(it *model.Item) string { return strings.Replace(it.Label(), "  ", " ", 1) }
