// Package model is Gapwise's vocabulary: frameworks, people, assessments,
// ratings, targets and plans. It imports only the standard library so that
// every other layer (store, gap maths, reports, UI) can share it and the
// domain logic tests fast without cgo.
package model

import (
	"fmt"
	"slices"
	"strings"
)

// NoneLevel is the app-defined level 0, "none yet": the person has not reached
// the first level the framework defines for an item. It is a real rating and is
// kept apart from "not rated", which is the absence of a rating.
const NoneLevel = 0

// FrameworkRef names one framework at one version, e.g. sfia@9. Ratings are
// always tied to a version so that a new release never changes old ratings.
type FrameworkRef struct {
	ID      string `json:"id"`
	Version string `json:"version"`
}

// String renders the ref as ID@VERSION, the form used on the command line.
func (r FrameworkRef) String() string { return r.ID + "@" + r.Version }

// ParseFrameworkRef reads ID@VERSION.
func ParseFrameworkRef(s string) (FrameworkRef, error) {
	id, ver, ok := strings.Cut(strings.TrimSpace(s), "@")
	if !ok || id == "" || ver == "" {
		return FrameworkRef{}, fmt.Errorf("framework %q: want ID@VERSION, e.g. sfia@9", s)
	}
	return FrameworkRef{ID: id, Version: ver}, nil
}

// Framework is one pack: a framework at one version with its scale, groups,
// items and optional role profiles.
type Framework struct {
	Ref             FrameworkRef
	Name            string
	ShortName       string
	Publisher       string
	SourceURL       string
	Licence         string
	LicenceURL      string
	Attribution     string // text that must be shown wherever the framework's text is shown
	Provisional     bool
	ProvisionalNote string   // why it is provisional, shown with the flag
	Released        string   // ISO date or period the data represents
	Notice          string   // plain statement of the licence terms for NOTICE and the about box
	GroupKinds      []string // names of the hierarchy levels, outermost first, e.g. [category subcategory]
	Scale           Scale
	Groups          []Group
	Items           []Item
	Roles           []Role
	Attributes      []Attribute // generic attributes described per level (SFIA 9)
}

// Scale is the ordered set of levels a framework rates on.
type Scale struct {
	Name        string
	Description string
	Levels      []Level
}

// Level is one step of a scale.
type Level struct {
	Value       int
	Name        string
	Description string
}

// Group is a node of the framework hierarchy (domain, category, subcategory).
type Group struct {
	ID          string
	Title       string
	Kind        string // one of Framework.GroupKinds
	Parent      string // empty for a top-level group
	Description string
	Note        string // provenance or confidence remark shown with the group
}

// Item is one competency or skill that a person is rated on.
type Item struct {
	ID          string
	Title       string
	Group       string // innermost group id; empty when the framework has no groups
	Description string
	Guidance    string
	URL         string
	Levels      []int // levels at which the item is defined, ascending
	Descriptors []Descriptor
	Confidence  string // provenance grade of the item itself (FCI: verified/strong/inferred)
	Note        string
	Related     []string   // ids of other items the framework cross-references (Moodle, DIRECT)
	Resources   []Resource // learning resources and tools the framework links to the item (DIRECT)
}

// Resource is something a framework points to for developing an item: a
// course, a tutorial, a tool. Only the title is required.
type Resource struct {
	Title    string
	URL      string
	Provider string // who offers it, e.g. "The Carpentries"
	Kind     string // what it is, in the framework's words: "learning resource", "tool", "language"
}

// Descriptor is what an item means at one level.
type Descriptor struct {
	Level int
	Text  string
}

// Role is a job role with levels of seniority, each needing skills at levels.
type Role struct {
	ID           string
	Family       string
	Title        string
	Description  string
	Type         string        // e.g. "Senior Civil Service"
	Levels       []RoleLevel   // ordered by seniority, most junior first
	Requirements []Requirement // skills the role needs at no stated level (roles with no levels)
}

// RoleLevel is one step of a role (e.g. senior data analyst).
type RoleLevel struct {
	ID           string // unique in the pack: family/role/level slugs
	Title        string
	Description  string
	Rank         int // seniority within the career ladder, higher is more senior
	Requirements []Requirement
}

// Requirement is a skill needed at a level. Level 0 means needed with no level stated.
type Requirement struct {
	Item  string
	Level int
}

// Attribute is a generic attribute described at each level of the scale
// (SFIA's autonomy, influence, complexity, knowledge and business skills).
type Attribute struct {
	Code        string
	Name        string
	Type        string
	Description string
	Levels      []Descriptor
}

// renamedItems are item ids a corrected pack replaced within one version:
// the first ddat@2025-q3 was built from a copy of the DDaT downloads in
// which "initiative" had become "topic". Schema migration 4 moves stored
// ratings; files exported before the correction are read through this.
var renamedItems = map[FrameworkRef]map[string]string{
	{ID: "ddat", Version: "2025-q3"}: {"ownership-and-topic": "ownership-and-initiative"},
}

// CurrentItemID is the id an item of ref has now: id itself, or the id that
// replaced it when a corrected pack renamed it within the version.
func CurrentItemID(ref FrameworkRef, id string) string {
	if now, ok := renamedItems[ref][id]; ok {
		return now
	}
	return id
}

// Item returns the item with the given id.
func (f *Framework) Item(id string) (*Item, bool) {
	for i := range f.Items {
		if f.Items[i].ID == id {
			return &f.Items[i], true
		}
	}
	return nil, false
}

// Group returns the group with the given id.
func (f *Framework) Group(id string) (*Group, bool) {
	for i := range f.Groups {
		if f.Groups[i].ID == id {
			return &f.Groups[i], true
		}
	}
	return nil, false
}

// GroupPath is the chain of groups from the outermost down to id (empty
// when id names no group). It stops at a missing parent or a repeated group,
// so a pack from outside with a cycle cannot hang a screen or a report.
func (f *Framework) GroupPath(id string) []*Group {
	var chain []*Group
	seen := make(map[string]bool)
	for id != "" && !seen[id] {
		g, ok := f.Group(id)
		if !ok {
			break
		}
		seen[id] = true
		chain = append(chain, g)
		id = g.Parent
	}
	slices.Reverse(chain)
	return chain
}

// SameGroup reports whether a and b are the same group (both nil: "no group").
func SameGroup(a, b *Group) bool {
	if a == nil || b == nil {
		return a == b
	}
	return a.ID == b.ID
}

// TopGroup is the outermost group above (or at) id; nil when id names no group.
func (f *Framework) TopGroup(id string) *Group {
	if path := f.GroupPath(id); len(path) > 0 {
		return path[0]
	}
	return nil
}

// RoleLevel finds a role level by id, with its role.
func (f *Framework) RoleLevel(id string) (*Role, *RoleLevel, bool) {
	for i := range f.Roles {
		for j := range f.Roles[i].Levels {
			if f.Roles[i].Levels[j].ID == id {
				return &f.Roles[i], &f.Roles[i].Levels[j], true
			}
		}
	}
	return nil, nil, false
}

// RoleFamilies lists the distinct role families in pack order.
func (f *Framework) RoleFamilies() []string {
	var out []string
	for _, r := range f.Roles {
		if !slices.Contains(out, r.Family) {
			out = append(out, r.Family)
		}
	}
	return out
}

// Counts summarises a pack; the figures are part of the CLI contract.
type Counts struct {
	Items            int
	Groups           int
	Levels           int // scale size
	Roles            int
	RoleLevels       int
	Requirements     int
	LevelDescriptors int
	Attributes       int
}

// Counts returns the pack's figures.
func (f *Framework) Counts() Counts {
	c := Counts{Items: len(f.Items), Groups: len(f.Groups), Levels: len(f.Scale.Levels), Roles: len(f.Roles), Attributes: len(f.Attributes)}
	for _, it := range f.Items {
		c.LevelDescriptors += len(it.Descriptors)
	}
	for _, r := range f.Roles {
		c.RoleLevels += len(r.Levels)
		c.Requirements += len(r.Requirements)
		for _, l := range r.Levels {
			c.Requirements += len(l.Requirements)
		}
	}
	return c
}

// ValidLevel reports whether level is a rating the item accepts: none yet (0)
// or one of the levels at which the item is defined.
func (it *Item) ValidLevel(level int) bool {
	return level == NoneLevel || slices.Contains(it.Levels, level)
}

// Descriptor returns the item's own text at a level, if it has one.
func (it *Item) Descriptor(level int) (string, bool) {
	for _, d := range it.Descriptors {
		if d.Level == level {
			return d.Text, true
		}
	}
	return "", false
}

// LevelName names a level on the scale; level 0 is "None yet" unless the scale names it.
func (s Scale) LevelName(v int) string {
	for _, l := range s.Levels {
		if l.Value == v {
			return l.Name
		}
	}
	if v == NoneLevel {
		return "None yet"
	}
	return fmt.Sprintf("Level %d", v)
}

// Top is the highest level on the scale.
func (s Scale) Top() int {
	top := 0
	for _, l := range s.Levels {
		top = max(top, l.Value)
	}
	return top
}
