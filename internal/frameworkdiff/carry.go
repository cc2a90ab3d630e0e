package frameworkdiff

import (
	"fmt"
	"strings"

	"gapwise/internal/model"
)

// Carried is what carrying an assessment's ratings and targets from the
// Old version to the New one keeps, flags and leaves behind. Nothing is
// dropped silently: every rating or target not carried is in Dropped.
type Carried struct {
	Ratings []model.Rating    // for the new assessment, on New ids
	Targets []model.Target    // likewise
	Review  map[string]string // New item -> why its carried rating needs the person's review
	Dropped []Dropped         // ratings and targets that could not be carried
	New     []string          // New items that did not exist before: not rated
}

// Dropped is a rating or target left behind, on its Old item.
type Dropped struct {
	Item   string // Old item id
	Title  string
	What   string // "rating" or "target"
	Level  int
	Reason string
}

// Carry maps ratings and targets made against d.Old onto d.New: an
// unchanged item's rating is copied; a changed or renamed one is copied and
// flagged for review; a removed item's, or one at a level New no longer
// defines, is dropped with the reason. Level 0 ("none yet") is valid for
// every item and always carries.
func Carry(d *Diff, old, new *model.Framework, ratings []model.Rating, targets []model.Target) Carried {
	c := Carried{Review: map[string]string{}}
	renamedFrom := map[string]string{}
	for _, r := range d.Renamed {
		renamedFrom[r.To] = r.From
	}
	title := func(id string) string {
		if it, ok := old.Item(id); ok {
			return it.Title
		}
		return id
	}
	// follow finds where an old item's rating or target goes, or why nowhere.
	follow := func(item string, level int) (*model.Item, string) {
		id := d.Follow(item)
		if _, known := old.Item(item); !known {
			id = ""
		}
		it, ok := new.Item(id)
		if id == "" || !ok {
			return nil, fmt.Sprintf("%s is not in %s", title(item), d.New)
		}
		if !it.ValidLevel(level) {
			return nil, fmt.Sprintf("level %d is no longer defined for %s in %s (defined: %s)", level, it.Title, d.New, levels(it.Levels))
		}
		return it, ""
	}
	for _, r := range ratings {
		it, why := follow(r.Item, r.Level)
		if it == nil {
			c.Dropped = append(c.Dropped, Dropped{Item: r.Item, Title: title(r.Item), What: "rating", Level: r.Level, Reason: why})
			continue
		}
		var reasons []string
		if from, ok := renamedFrom[it.ID]; ok {
			reasons = append(reasons, fmt.Sprintf("renamed from %q", title(from)))
		}
		if f := d.ChangeOf(it.ID); len(f) > 0 {
			reasons = append(reasons, "changed: "+strings.Join(f, ", "))
		}
		if len(reasons) > 0 {
			c.Review[it.ID] = strings.Join(reasons, "; ")
		}
		r.Item = it.ID
		c.Ratings = append(c.Ratings, r)
	}
	for _, t := range targets {
		it, why := follow(t.Item, t.Level)
		if it == nil {
			c.Dropped = append(c.Dropped, Dropped{Item: t.Item, Title: title(t.Item), What: "target", Level: t.Level, Reason: why})
			continue
		}
		t.Item = it.ID
		c.Targets = append(c.Targets, t)
	}
	c.New = append(c.New, d.Added...)
	return c
}

func levels(l []int) string {
	s := make([]string, len(l))
	for i, v := range l {
		s[i] = fmt.Sprint(v)
	}
	return strings.Join(s, ", ")
}
