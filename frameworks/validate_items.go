package frameworks

import (
	"fmt"
	"slices"
	"strings"

	"gapwise/internal/model"
)

func (v *validator) items() error {
	f := v.f
	if len(f.Items) == 0 {
		return fmt.Errorf("pack has no items")
	}
	v.itemByID = make(map[string]*model.Item, len(f.Items))
	for i := range f.Items {
		it := &f.Items[i]
		if !idRe().MatchString(it.ID) {
			return fmt.Errorf("item %d: id %q must start with a letter or digit and hold only letters, digits, '.', '_' and '-'", i+1, it.ID)
		}
		if _, dup := v.itemByID[it.ID]; dup {
			return fmt.Errorf("item id %q is used twice", it.ID)
		}
		v.itemByID[it.ID] = it
		if err := v.item(it); err != nil {
			return fmt.Errorf("item %q: %w", it.ID, err)
		}
	}
	// Cross-references can point forward, so they are checked once every id is known.
	for i := range f.Items {
		if err := v.links(&f.Items[i]); err != nil {
			return fmt.Errorf("item %q: %w", f.Items[i].ID, err)
		}
	}
	return nil
}

// links checks an item's related items and resources.
func (v *validator) links(it *model.Item) error {
	seen := make(map[string]bool, len(it.Related))
	for _, id := range it.Related {
		switch {
		case id == it.ID:
			return fmt.Errorf("related: lists the item itself")
		case v.itemByID[id] == nil:
			return fmt.Errorf("related: item %q does not exist", id)
		case seen[id]:
			return fmt.Errorf("related: item %q is listed twice", id)
		}
		seen[id] = true
	}
	for i, r := range it.Resources {
		if strings.TrimSpace(r.Title) == "" {
			return fmt.Errorf("resource %d: title is missing", i+1)
		}
	}
	return nil
}

func (v *validator) item(it *model.Item) error {
	if strings.TrimSpace(it.Title) == "" {
		return fmt.Errorf("title is missing")
	}
	switch {
	case len(v.f.Groups) == 0 && it.Group != "":
		return fmt.Errorf("group %q does not exist (the pack has no groups)", it.Group)
	case len(v.f.Groups) > 0 && it.Group == "":
		return fmt.Errorf("group is missing; every item of a pack with groups belongs to one")
	case len(v.f.Groups) > 0 && v.groupByID[it.Group] == nil:
		return fmt.Errorf("group %q does not exist", it.Group)
	}
	if len(it.Levels) == 0 {
		return fmt.Errorf("no levels: list the scale levels at which the item is defined")
	}
	if err := v.ascendingOnScale(it.Levels); err != nil {
		return err
	}
	for i, d := range it.Descriptors {
		if !slices.Contains(it.Levels, d.Level) {
			return fmt.Errorf("descriptor for level %d, but the item is not defined at level %d", d.Level, d.Level)
		}
		if i > 0 && d.Level <= it.Descriptors[i-1].Level {
			return fmt.Errorf("descriptor for level %d comes after level %d; descriptors must be in ascending order without repeats", d.Level, it.Descriptors[i-1].Level)
		}
		if strings.TrimSpace(d.Text) == "" {
			return fmt.Errorf("descriptor for level %d has no text", d.Level)
		}
	}
	return nil
}

// ascendingOnScale checks a list of levels is strictly ascending and every
// level is on the scale.
func (v *validator) ascendingOnScale(levels []int) error {
	for i, l := range levels {
		if !v.onScale[l] {
			return fmt.Errorf("level %d is not on the scale", l)
		}
		if i > 0 && l <= levels[i-1] {
			return fmt.Errorf("level %d comes after level %d; levels must be in ascending order without repeats", l, levels[i-1])
		}
	}
	return nil
}

func (v *validator) roles() error {
	roleIDs := map[string]bool{}
	levelIDs := map[string]bool{}
	for i := range v.f.Roles {
		r := &v.f.Roles[i]
		if !pathIDRe().MatchString(r.ID) {
			return fmt.Errorf("role %d: id %q must be letters, digits, '.', '_' and '-', in parts separated by '/'", i+1, r.ID)
		}
		if roleIDs[r.ID] {
			return fmt.Errorf("role id %q is used twice", r.ID)
		}
		roleIDs[r.ID] = true
		if strings.TrimSpace(r.Title) == "" {
			return fmt.Errorf("role %q: title is missing", r.ID)
		}
		if err := v.requirements(r.Requirements); err != nil {
			return fmt.Errorf("role %q: %w", r.ID, err)
		}
		for j := range r.Levels {
			l := &r.Levels[j]
			if !pathIDRe().MatchString(l.ID) {
				return fmt.Errorf("role %q: level %d: id %q must be letters, digits, '.', '_' and '-', in parts separated by '/'", r.ID, j+1, l.ID)
			}
			if levelIDs[l.ID] {
				return fmt.Errorf("role level id %q is used twice", l.ID)
			}
			levelIDs[l.ID] = true
			if strings.TrimSpace(l.Title) == "" {
				return fmt.Errorf("role level %q: title is missing", l.ID)
			}
			if j > 0 && l.Rank <= r.Levels[j-1].Rank {
				return fmt.Errorf("role %q: level %q (rank %d) comes after %q (rank %d); levels must be ordered most junior first with distinct ranks",
					r.ID, l.ID, l.Rank, r.Levels[j-1].ID, r.Levels[j-1].Rank)
			}
			if err := v.requirements(l.Requirements); err != nil {
				return fmt.Errorf("role level %q: %w", l.ID, err)
			}
		}
	}
	return nil
}

// requirements checks each names an existing item once, at a level the item
// is defined at, or at 0 (needed with no level stated).
func (v *validator) requirements(reqs []model.Requirement) error {
	seen := make(map[string]bool, len(reqs))
	for _, q := range reqs {
		it, ok := v.itemByID[q.Item]
		if !ok {
			return fmt.Errorf("requires item %q, which does not exist", q.Item)
		}
		if seen[q.Item] {
			return fmt.Errorf("requires item %q twice", q.Item)
		}
		seen[q.Item] = true
		if q.Level != model.NoneLevel && !slices.Contains(it.Levels, q.Level) {
			return fmt.Errorf("requires item %q at level %d, where it is not defined (it is defined at %v; 0 means no level stated)", q.Item, q.Level, it.Levels)
		}
	}
	return nil
}

func (v *validator) attributes() error {
	codes := map[string]bool{}
	for i := range v.f.Attributes {
		a := &v.f.Attributes[i]
		if !idRe().MatchString(a.Code) {
			return fmt.Errorf("attribute %d: code %q must start with a letter or digit and hold only letters, digits, '.', '_' and '-'", i+1, a.Code)
		}
		if codes[a.Code] {
			return fmt.Errorf("attribute code %q is used twice", a.Code)
		}
		codes[a.Code] = true
		if strings.TrimSpace(a.Name) == "" {
			return fmt.Errorf("attribute %q: name is missing", a.Code)
		}
		if len(a.Levels) == 0 {
			return fmt.Errorf("attribute %q: no levels are described", a.Code)
		}
		for j, d := range a.Levels {
			if !v.onScale[d.Level] {
				return fmt.Errorf("attribute %q: level %d is not on the scale", a.Code, d.Level)
			}
			if j > 0 && d.Level <= a.Levels[j-1].Level {
				return fmt.Errorf("attribute %q: level %d comes after level %d; levels must be in ascending order without repeats", a.Code, d.Level, a.Levels[j-1].Level)
			}
			if strings.TrimSpace(d.Text) == "" {
				return fmt.Errorf("attribute %q: level %d has no text", a.Code, d.Level)
			}
		}
	}
	return nil
}
