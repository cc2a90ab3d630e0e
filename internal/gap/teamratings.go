package gap

import "gapwise/internal/model"

// TeamRatings is a team's latest ratings in compact form: one small cell per
// member and framework item (level and confidence, or not rated), in the
// members' order and the framework's item order. It is what every team
// figure, the heatmap, the team PDF and the exports read. A cell also keeps
// the member's "I want to develop this" (interest) flag in a spare bit, so
// teachers and learners cost no memory beyond the levels.
//
// A map of ratings per member cost about 48 KB a member (477 MB at 10,000
// members); this costs two bytes a cell (3.8 MB at 10,000 x 188), so memory
// grows with the team only as the framework's width, not with per-rating
// allocations.
type TeamRatings struct {
	items    int
	itemAt   map[string]int32
	memberAt map[string]int32
	ids      []string
	cells    []uint16 // member-major; 0 = not rated, else level*16 + interest*8 + confidence + 1
	assessed []bool
	rated    []int32 // cells rated per member
}

// maxCellLevel is the highest level a cell holds; scales are far shorter.
const maxCellLevel = (1<<16 - 1 - 15) / 16

// interestBit is the cell bit (before the +1) that says "I want to develop this".
const interestBit = 8

// cellLevel is the level of a rated cell (c != 0).
func cellLevel(c uint16) int { return int(c-1) / 16 }

// NewTeamRatings makes an empty table for the members (person ids; a
// repeated id is one member, at its first place) over f's items.
func NewTeamRatings(f *model.Framework, personIDs []string) *TeamRatings {
	t := &TeamRatings{items: len(f.Items), itemAt: make(map[string]int32, len(f.Items)), memberAt: make(map[string]int32, len(personIDs))}
	for i := len(f.Items) - 1; i >= 0; i-- { // the first of a repeated id wins, as Framework.Item finds it
		t.itemAt[f.Items[i].ID] = int32(i)
	}
	for _, id := range personIDs {
		if _, dup := t.memberAt[id]; !dup {
			t.memberAt[id] = int32(len(t.ids))
			t.ids = append(t.ids, id)
		}
	}
	t.cells = make([]uint16, len(t.ids)*t.items)
	t.assessed = make([]bool, len(t.ids))
	t.rated = make([]int32, len(t.ids))
	return t
}

// Members is how many members the table holds.
func (t *TeamRatings) Members() int { return len(t.ids) }

// Member is the position of a person in the table.
func (t *TeamRatings) Member(personID string) (int, bool) {
	m, ok := t.memberAt[personID]
	return int(m), ok
}

// ItemIndex is the position of an item id in the framework's items.
func (t *TeamRatings) ItemIndex(itemID string) (int, bool) {
	i, ok := t.itemAt[itemID]
	return int(i), ok
}

// SetAssessed records that a member has an assessment (even an empty one):
// they count as assessed, never as rated on items they left out.
func (t *TeamRatings) SetAssessed(member int) { t.assessed[member] = true }

// Set records member's rating of item (a framework item id); ratings of
// items the framework does not have are ignored, a later rating of the same
// item replaces the earlier one, and it marks the member assessed.
func (t *TeamRatings) Set(member int, item string, level, confidence int) {
	i, ok := t.itemAt[item]
	if !ok || level < 0 || level > maxCellLevel {
		return
	}
	confidence = min(max(confidence, 0), 7)
	c := &t.cells[member*t.items+int(i)]
	if *c == 0 {
		t.rated[member]++
	}
	*c = uint16(level*16+confidence) + 1
	t.assessed[member] = true
}

// SetInterest records that member wants to develop item, on the rating
// already Set for it (interest rides on a rating; an unrated or unknown
// item is ignored).
func (t *TeamRatings) SetInterest(member int, item string) {
	i, ok := t.itemAt[item]
	if !ok {
		return
	}
	if c := &t.cells[member*t.items+int(i)]; *c != 0 {
		*c = ((*c - 1) | interestBit) + 1
	}
}

// Interested reports whether member flagged the framework's item i as one
// they want to develop.
func (t *TeamRatings) Interested(member, i int) bool {
	c := t.cells[member*t.items+i]
	return c != 0 && (c-1)&interestBit != 0
}

// At is member's rating of the framework's item i.
func (t *TeamRatings) At(member, i int) (level, confidence int, ok bool) {
	c := t.cells[member*t.items+i]
	if c == 0 {
		return 0, 0, false
	}
	v := int(c - 1)
	return v / 16, v % 8, true
}

// Get is a person's rating of an item, by ids, with Item, Level,
// Confidence and Interest filled in (a team view carries no evidence).
func (t *TeamRatings) Get(person model.PersonID, item model.ItemID) (model.Rating, bool) {
	personID, itemID := string(person), string(item)
	m, ok := t.memberAt[personID]
	if !ok {
		return model.Rating{}, false
	}
	i, ok := t.itemAt[itemID]
	if !ok {
		return model.Rating{}, false
	}
	level, conf, ok := t.At(int(m), int(i))
	if !ok {
		return model.Rating{}, false
	}
	return model.Rating{Item: itemID, Level: level, Confidence: conf, Interest: t.Interested(int(m), int(i))}, true
}

// Count is how many items a person rated (0 for a stranger).
func (t *TeamRatings) Count(personID string) int {
	if m, ok := t.memberAt[personID]; ok {
		return int(t.rated[m])
	}
	return 0
}

// Assessed reports whether a person has an assessment of the framework.
func (t *TeamRatings) Assessed(personID string) bool {
	m, ok := t.memberAt[personID]
	return ok && t.assessed[m]
}

// AssessedCount is how many members have an assessment.
func (t *TeamRatings) AssessedCount() int {
	n := 0
	for _, a := range t.assessed {
		if a {
			n++
		}
	}
	return n
}
