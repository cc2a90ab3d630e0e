package frameworks

import (
	"fmt"
	"regexp"
	"strings"
	"sync"

	"gapwise/internal/model"
)

// Id rules. Framework ids and versions appear in ID@VERSION and in file names;
// item, group and role ids appear in assessment files people keep for years,
// so they are restricted to characters that survive any file, URL or shell.
// They are compiled on first use, not at every start of every command.
var (
	frameworkIDRe = lazyRegexp(`^[a-z][a-z0-9-]*$`)
	versionRe     = lazyRegexp(`^[A-Za-z0-9][A-Za-z0-9._-]*$`)
	idRe          = lazyRegexp(`^[A-Za-z0-9][A-Za-z0-9._-]*$`)
	pathIDRe      = lazyRegexp(`^[A-Za-z0-9][A-Za-z0-9._-]*(/[A-Za-z0-9][A-Za-z0-9._-]*)*$`)
)

func lazyRegexp(pattern string) func() *regexp.Regexp {
	return sync.OnceValue(func() *regexp.Regexp { return regexp.MustCompile(pattern) })
}

// ValidID reports whether s may be an item, group or attribute id, so that
// readers of outside formats can keep a source's own id when it fits.
func ValidID(s string) bool { return idRe().MatchString(s) }

// ValidFrameworkID reports whether s may be a framework id.
func ValidFrameworkID(s string) bool { return frameworkIDRe().MatchString(s) }

// ValidVersion reports whether s may be a framework version.
func ValidVersion(s string) bool { return versionRe().MatchString(s) }

// Validate checks the structural rules every pack must keep (see
// docs/packs.md). It reports the first problem found, as a model.Invalid
// error naming the pack and the offending id.
func Validate(f *model.Framework) error {
	if f == nil {
		return model.Errorf(model.Invalid, "pack: no framework")
	}
	v := &validator{f: f}
	for _, check := range []func() error{v.manifest, v.scale, v.groups, v.items, v.roles, v.attributes} {
		if err := check(); err != nil {
			return model.Errorf(model.Invalid, "pack %s: %v", v.name(), err)
		}
	}
	return nil
}

type validator struct {
	f         *model.Framework
	onScale   map[int]bool
	groupByID map[string]*model.Group
	itemByID  map[string]*model.Item
}

func (v *validator) name() string {
	if v.f.Ref.ID == "" && v.f.Ref.Version == "" {
		return "(no id)"
	}
	return v.f.Ref.String()
}

func (v *validator) manifest() error {
	f := v.f
	if !frameworkIDRe().MatchString(f.Ref.ID) {
		return fmt.Errorf("id %q must start with a lower-case letter and hold only a-z, 0-9 and -", f.Ref.ID)
	}
	if !versionRe().MatchString(f.Ref.Version) {
		return fmt.Errorf("version %q must start with a letter or digit and hold only letters, digits, '.', '_' and '-'", f.Ref.Version)
	}
	for _, field := range []struct{ key, val string }{
		{"name", f.Name}, {"publisher", f.Publisher}, {"licence", f.Licence},
	} {
		if strings.TrimSpace(field.val) == "" {
			return fmt.Errorf("%s is missing", field.key)
		}
	}
	if f.Provisional && strings.TrimSpace(f.ProvisionalNote) == "" {
		return fmt.Errorf("provisional_note is missing: a provisional pack must say why")
	}
	return nil
}

func (v *validator) scale() error {
	levels := v.f.Scale.Levels
	if len(levels) == 0 {
		return fmt.Errorf("scale has no levels")
	}
	v.onScale = make(map[int]bool, len(levels))
	for i, l := range levels {
		if l.Value < 0 {
			return fmt.Errorf("scale: level %d is negative", l.Value)
		}
		if i > 0 && l.Value <= levels[i-1].Value {
			return fmt.Errorf("scale: level %d comes after level %d; levels must be in ascending order without repeats", l.Value, levels[i-1].Value)
		}
		if strings.TrimSpace(l.Name) == "" {
			return fmt.Errorf("scale: level %d has no name", l.Value)
		}
		v.onScale[l.Value] = true
	}
	return nil
}

// groups checks the hierarchy: a group of the outermost kind has no parent,
// and every other group's parent is of the kind just outside its own. That
// also rules out cycles.
func (v *validator) groups() error {
	f := v.f
	kinds := map[string]int{}
	for i, k := range f.GroupKinds {
		if strings.TrimSpace(k) == "" {
			return fmt.Errorf("group_kinds: entry %d is empty", i+1)
		}
		if _, dup := kinds[k]; dup {
			return fmt.Errorf("group_kinds: %q is listed twice", k)
		}
		kinds[k] = i
	}
	v.groupByID = make(map[string]*model.Group, len(f.Groups))
	for i := range f.Groups {
		g := &f.Groups[i]
		if !idRe().MatchString(g.ID) {
			return fmt.Errorf("group %d: id %q must start with a letter or digit and hold only letters, digits, '.', '_' and '-'", i+1, g.ID)
		}
		if _, dup := v.groupByID[g.ID]; dup {
			return fmt.Errorf("group id %q is used twice", g.ID)
		}
		v.groupByID[g.ID] = g
		if strings.TrimSpace(g.Title) == "" {
			return fmt.Errorf("group %q: title is missing", g.ID)
		}
		if _, ok := kinds[g.Kind]; !ok {
			return fmt.Errorf("group %q: kind %q is not one of group_kinds %q", g.ID, g.Kind, f.GroupKinds)
		}
	}
	for i := range f.Groups {
		g := &f.Groups[i]
		depth := kinds[g.Kind]
		if depth == 0 {
			if g.Parent != "" {
				return fmt.Errorf("group %q: a %s is outermost and cannot have a parent", g.ID, g.Kind)
			}
			continue
		}
		p, ok := v.groupByID[g.Parent]
		if !ok {
			return fmt.Errorf("group %q: parent %q does not exist", g.ID, g.Parent)
		}
		if want := f.GroupKinds[depth-1]; p.Kind != want {
			return fmt.Errorf("group %q: parent %q is a %s, want a %s", g.ID, g.Parent, p.Kind, want)
		}
	}
	return nil
}
