// Package frameworkdiff compares two versions of a framework: which items
// were added, removed, renamed (a new id for the same item) or changed in
// wording, and which role levels need different skills. It is pure: the CLI,
// the app and carrying an assessment forward all use the same answer.
package frameworkdiff

import (
	"slices"
	"strconv"
	"strings"

	"gapwise/internal/model"
)

// Diff is what changed from Old to New.
type Diff struct {
	Old, New   model.FrameworkRef
	Added      []string // item ids only in New (not the target of a rename)
	Removed    []string // item ids only in Old (not the source of a rename)
	Renamed    []Rename
	Changed    []Change          // items (New ids) whose wording or levels changed
	RoleLevels []RoleLevelChange // role levels (or level-less roles) whose requirements changed
}

// Rename is an item that kept its meaning under a new id.
type Rename struct {
	From, To string
}

// Change is one item whose text or levels changed. Fields are "title",
// "description", "levels" and "descriptor N" for the level N text, in that
// order. A renamed item's new title is not listed: the rename says it.
type Change struct {
	Item   string
	Fields []string
}

// RoleLevelChange is a role level whose requirements differ. ID is the role
// level id, or the role id for a role with no levels. Status is "added",
// "removed" or "changed".
type RoleLevelChange struct {
	ID      string
	Title   string
	Status  string
	Added   []model.Requirement
	Removed []model.Requirement
	Changed []LevelChange
}

// LevelChange is a requirement whose level changed.
type LevelChange struct {
	Item     string
	From, To int
}

// Empty reports whether nothing changed.
func (d *Diff) Empty() bool {
	return len(d.Added)+len(d.Removed)+len(d.Renamed)+len(d.Changed)+len(d.RoleLevels) == 0
}

// Follow maps an Old item id to its New id: itself when kept, the new id
// when renamed, "" when removed.
func (d *Diff) Follow(old string) string {
	for _, r := range d.Renamed {
		if r.From == old {
			return r.To
		}
	}
	if slices.Contains(d.Removed, old) {
		return ""
	}
	return old
}

// ChangeOf returns the changed fields of a New item, nil if unchanged.
func (d *Diff) ChangeOf(item string) []string {
	for _, c := range d.Changed {
		if c.Item == item {
			return c.Fields
		}
	}
	return nil
}

// norm is text as a reader compares it: whitespace runs count as one
// space, so re-wrapped or trimmed text is not a change.
func norm(s string) string { return strings.Join(strings.Fields(s), " ") }

// Compare diffs two framework versions. Items are matched by id; an item
// only in Old and one only in New are the same item renamed when their
// level texts (or, lacking those, descriptions) are the same, or when their
// titles differ in exactly one word.
func Compare(old, new *model.Framework) *Diff {
	d := &Diff{Old: old.Ref, New: new.Ref}
	oldItems := make(map[string]*model.Item, len(old.Items))
	for i := range old.Items {
		oldItems[old.Items[i].ID] = &old.Items[i]
	}
	newItems := make(map[string]*model.Item, len(new.Items))
	for i := range new.Items {
		newItems[new.Items[i].ID] = &new.Items[i]
	}
	var gone, fresh []*model.Item
	for i := range old.Items {
		if _, ok := newItems[old.Items[i].ID]; !ok {
			gone = append(gone, &old.Items[i])
		}
	}
	for i := range new.Items {
		if _, ok := oldItems[new.Items[i].ID]; !ok {
			fresh = append(fresh, &new.Items[i])
		}
	}

	renamedTo := map[string]string{} // new id -> old id
	taken := map[string]bool{}
	for _, g := range gone {
		best, bestScore := -1, 0
		for j, f := range fresh {
			if taken[f.ID] {
				continue
			}
			if s := sameItem(g, f); s > bestScore {
				best, bestScore = j, s
			}
		}
		if best < 0 {
			d.Removed = append(d.Removed, g.ID)
			continue
		}
		taken[fresh[best].ID] = true
		renamedTo[fresh[best].ID] = g.ID
		d.Renamed = append(d.Renamed, Rename{From: g.ID, To: fresh[best].ID})
	}
	for _, f := range fresh {
		if !taken[f.ID] {
			d.Added = append(d.Added, f.ID)
		}
	}

	for i := range new.Items {
		n := &new.Items[i]
		oldID, renamed := renamedTo[n.ID]
		if !renamed {
			oldID = n.ID
		}
		o, ok := oldItems[oldID]
		if !ok {
			continue
		}
		if fields := changedFields(o, n, renamed); len(fields) > 0 {
			d.Changed = append(d.Changed, Change{Item: n.ID, Fields: fields})
		}
	}
	d.RoleLevels = compareRoles(old, new, d)
	return d
}

// sameItem scores how surely two items under different ids are one: 2 for
// the same level texts (or description, when neither has level texts), 1
// for titles that differ in one word, 0 for different items.
func sameItem(a, b *model.Item) int {
	if len(a.Descriptors) > 0 && len(a.Descriptors) == len(b.Descriptors) {
		same := true
		for i := range a.Descriptors {
			if a.Descriptors[i].Level != b.Descriptors[i].Level || norm(a.Descriptors[i].Text) != norm(b.Descriptors[i].Text) {
				same = false
				break
			}
		}
		if same {
			return 2
		}
	}
	if len(a.Descriptors) == 0 && len(b.Descriptors) == 0 && norm(a.Description) != "" && norm(a.Description) == norm(b.Description) {
		return 2
	}
	wa, wb := strings.Fields(strings.ToLower(a.Title)), strings.Fields(strings.ToLower(b.Title))
	if len(wa) == len(wb) && len(wa) > 1 {
		diff := 0
		for i := range wa {
			if wa[i] != wb[i] {
				diff++
			}
		}
		if diff == 1 {
			return 1
		}
	}
	return 0
}

func changedFields(o, n *model.Item, renamed bool) []string {
	var f []string
	if !renamed && norm(o.Title) != norm(n.Title) {
		f = append(f, "title")
	}
	if norm(o.Description) != norm(n.Description) {
		f = append(f, "description")
	}
	if !slices.Equal(o.Levels, n.Levels) {
		f = append(f, "levels")
	}
	levels := slices.Clone(o.Levels)
	for _, l := range n.Levels {
		if !slices.Contains(levels, l) {
			levels = append(levels, l)
		}
	}
	for _, d := range o.Descriptors {
		if !slices.Contains(levels, d.Level) {
			levels = append(levels, d.Level)
		}
	}
	for _, d := range n.Descriptors {
		if !slices.Contains(levels, d.Level) {
			levels = append(levels, d.Level)
		}
	}
	slices.Sort(levels)
	for _, l := range levels {
		a, _ := o.Descriptor(l)
		b, _ := n.Descriptor(l)
		if norm(a) != norm(b) {
			f = append(f, "descriptor "+strconv.Itoa(l))
		}
	}
	return f
}

// roleStep is one requirement list: a role level's, or a level-less role's.
type roleStep struct {
	id, title string
	reqs      []model.Requirement
}

func steps(f *model.Framework) ([]roleStep, map[string]roleStep) {
	var list []roleStep
	for _, r := range f.Roles {
		if len(r.Levels) == 0 {
			list = append(list, roleStep{r.ID, r.Title, r.Requirements})
		}
		for _, l := range r.Levels {
			list = append(list, roleStep{l.ID, l.Title, l.Requirements})
		}
	}
	byID := make(map[string]roleStep, len(list))
	for _, s := range list {
		byID[s.id] = s
	}
	return list, byID
}

// compareRoles lists role levels whose requirements changed, reading old
// requirements through the renames so that a renamed skill is no change.
func compareRoles(old, new *model.Framework, d *Diff) []RoleLevelChange {
	oldList, oldBy := steps(old)
	newList, newBy := steps(new)
	var out []RoleLevelChange
	for _, n := range newList {
		o, ok := oldBy[n.id]
		if !ok {
			out = append(out, RoleLevelChange{ID: n.id, Title: n.title, Status: "added", Added: slices.Clone(n.reqs)})
			continue
		}
		was := map[string]int{}
		var order []string
		for _, r := range o.reqs {
			id := d.Follow(r.Item)
			if id == "" {
				id = r.Item
			}
			was[id] = r.Level
			order = append(order, id)
		}
		c := RoleLevelChange{ID: n.id, Title: n.title, Status: "changed"}
		now := map[string]bool{}
		for _, r := range n.reqs {
			now[r.Item] = true
			lv, ok := was[r.Item]
			switch {
			case !ok:
				c.Added = append(c.Added, r)
			case lv != r.Level:
				c.Changed = append(c.Changed, LevelChange{Item: r.Item, From: lv, To: r.Level})
			}
		}
		for _, id := range order {
			if !now[id] {
				c.Removed = append(c.Removed, model.Requirement{Item: id, Level: was[id]})
			}
		}
		if len(c.Added)+len(c.Removed)+len(c.Changed) > 0 {
			out = append(out, c)
		}
	}
	for _, o := range oldList {
		if _, ok := newBy[o.id]; !ok {
			out = append(out, RoleLevelChange{ID: o.id, Title: o.title, Status: "removed", Removed: slices.Clone(o.reqs)})
		}
	}
	return out
}
