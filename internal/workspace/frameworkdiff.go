package workspace

import (
	"context"
	"fmt"
	"strconv"
	"strings"

	"gapwise/internal/frameworkdiff"
	"gapwise/internal/model"
)

// FrameworkDiff is what changed between two framework versions, with both.
type FrameworkDiff struct {
	*frameworkdiff.Diff
	OldFramework, NewFramework *model.Framework
}

// DiffFrameworks compares two versions in the database (ID@VERSION, or a
// bare ID for its newest version). Comparing different frameworks is
// refused: their ids mean different things.
func (w *Workspace) DiffFrameworks(ctx context.Context, oldName, newName string) (*FrameworkDiff, error) {
	old, err := w.ResolveFramework(ctx, oldName)
	if err != nil {
		return nil, err
	}
	new, err := w.ResolveFramework(ctx, newName)
	if err != nil {
		return nil, err
	}
	if old.Ref.ID != new.Ref.ID {
		return nil, model.Errorf(model.Invalid, "%s and %s are different frameworks; compare two versions of one", old.Ref, new.Ref)
	}
	return &FrameworkDiff{Diff: frameworkdiff.Compare(old, new), OldFramework: old, NewFramework: new}, nil
}

// DescribeDiff is the diff as text for a person: the CLI prints it and the
// app shows it.
func DescribeDiff(d *FrameworkDiff) string {
	var b strings.Builder
	old, new := d.OldFramework, d.NewFramework
	fmt.Fprintf(&b, "%s -> %s (%s)\n", old.Ref, new.Ref, new.Name)
	if d.Empty() {
		b.WriteString("No differences in items or role requirements.\n")
		return b.String()
	}
	title := func(f *model.Framework, id string) string {
		if it, ok := f.Item(id); ok {
			return it.Title
		}
		return id
	}
	fmt.Fprintf(&b, "\nRenamed (%d):\n", len(d.Renamed))
	for _, r := range d.Renamed {
		fmt.Fprintf(&b, "  %s -> %s  (%q -> %q)\n", r.From, r.To, title(old, r.From), title(new, r.To))
	}
	fmt.Fprintf(&b, "\nChanged (%d):\n", len(d.Changed))
	for _, c := range d.Changed {
		fields := make([]string, len(c.Fields))
		for i, f := range c.Fields {
			fields[i] = f
			if lv, ok := strings.CutPrefix(f, "descriptor "); ok {
				if n, err := strconv.Atoi(lv); err == nil {
					fields[i] = fmt.Sprintf("level %d (%s) text", n, new.Scale.LevelName(n))
				}
			}
		}
		fmt.Fprintf(&b, "  %s  %s: %s\n", c.Item, title(new, c.Item), strings.Join(fields, ", "))
	}
	fmt.Fprintf(&b, "\nAdded (%d):\n", len(d.Added))
	for _, id := range d.Added {
		fmt.Fprintf(&b, "  %s  %s\n", id, title(new, id))
	}
	fmt.Fprintf(&b, "\nRemoved (%d):\n", len(d.Removed))
	for _, id := range d.Removed {
		fmt.Fprintf(&b, "  %s  %s\n", id, title(old, id))
	}
	if len(old.Roles)+len(new.Roles) > 0 {
		fmt.Fprintf(&b, "\nRole levels with different requirements (%d):\n", len(d.RoleLevels))
		for _, r := range d.RoleLevels {
			var parts []string
			for _, q := range r.Added {
				parts = append(parts, fmt.Sprintf("+ %s at %d", q.Item, q.Level))
			}
			for _, q := range r.Removed {
				parts = append(parts, fmt.Sprintf("- %s", q.Item))
			}
			for _, c := range r.Changed {
				parts = append(parts, fmt.Sprintf("%s %d -> %d", c.Item, c.From, c.To))
			}
			status := ""
			if r.Status != "changed" {
				status = " [" + r.Status + "]"
			}
			fmt.Fprintf(&b, "  %s%s: %s\n", r.ID, status, strings.Join(parts, "; "))
		}
	}
	return b.String()
}
