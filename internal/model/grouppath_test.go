package model

import (
	"strings"
	"testing"
)

func TestGroupPathAndTopGroup(t *testing.T) {
	f := &Framework{Groups: []Group{
		{ID: "d1", Title: "Domain"},
		{ID: "s1", Title: "Sub", Parent: "d1"},
		{ID: "s2", Title: "Subsub", Parent: "s1"},
		{ID: "orphan", Title: "Orphan", Parent: "missing"},
		{ID: "a", Title: "A", Parent: "b"}, // a cycle, as a file from outside may carry
		{ID: "b", Title: "B", Parent: "a"},
		{ID: "self", Title: "Self", Parent: "self"},
	}}
	titles := func(gs []*Group) string {
		var s []string
		for _, g := range gs {
			s = append(s, g.Title)
		}
		return strings.Join(s, ">")
	}
	tests := []struct {
		id, path, top string
	}{
		{"s2", "Domain>Sub>Subsub", "Domain"},
		{"d1", "Domain", "Domain"},
		{"orphan", "Orphan", "Orphan"},
		{"a", "B>A", "B"},
		{"self", "Self", "Self"},
		{"nope", "", ""},
		{"", "", ""},
	}
	for _, tt := range tests {
		if got := titles(f.GroupPath(tt.id)); got != tt.path {
			t.Errorf("GroupPath(%q) = %q, want %q", tt.id, got, tt.path)
		}
		top := ""
		if g := f.TopGroup(tt.id); g != nil {
			top = g.Title
		}
		if top != tt.top {
			t.Errorf("TopGroup(%q) = %q, want %q", tt.id, top, tt.top)
		}
	}
}

func TestClipText(t *testing.T) {
	tests := []struct {
		in   string
		n    int
		want string
	}{
		{"short", 10, "short"},
		{"exactly10!", 10, "exactly10!"},
		{"Zoë Ødegård-Nęść", 6, "Zoë Ø…"},
		{"cut at space here", 5, "cut…"},
		{"anything", 0, ""},
		{"ab", 1, "…"},
	}
	for _, tt := range tests {
		got := ClipText(tt.in, tt.n)
		if got != tt.want {
			t.Errorf("ClipText(%q, %d) = %q, want %q", tt.in, tt.n, got, tt.want)
		}
		if tt.n > 0 && len([]rune(got)) > tt.n {
			t.Errorf("ClipText(%q, %d) = %q: longer than %d", tt.in, tt.n, got, tt.n)
		}
	}
}
