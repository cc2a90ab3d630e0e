package gap

import "testing"

func TestTargetsFrom(t *testing.T) {
	f := ddatLike()
	lvl := 2
	with := func(sources ...string) []ItemGap {
		var out []ItemGap
		for _, s := range sources {
			out = append(out, ItemGap{Target: &lvl, TargetSource: s})
		}
		return append(out, ItemGap{TargetSource: ManualSource}) // no target: never counted
	}
	tests := []struct {
		name  string
		items []ItemGap
		want  string
	}{
		{"none", nil, "no targets set"},
		{"only untargeted items", with(), "no targets set"},
		{"role level", with(RoleSource("ddat", "data/analyst/senior"), RoleSource("ddat", "data/analyst/senior")), "the role Analyst at level Senior analyst"},
		{"a level named after its role", with(RoleSource("ddat", "data/analyst/analyst")), "the role level Analyst"},
		{"unknown role level", with(RoleSource("ddat", "gone/level")), "the role level gone/level"},
		{"by hand", with(ManualSource, ""), "your own targets (set by hand)"},
		{"another profile", with(PersonSource("p1"), PersonSource("p2")), "another person's saved profile"},
		{"mixed, in item order", with(RoleSource("ddat", "data/analyst/senior"), ManualSource), "the role Analyst at level Senior analyst; your own targets (set by hand)"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			if got := TargetsFrom(f, tc.items); got != tc.want {
				t.Errorf("got %q, want %q", got, tc.want)
			}
		})
	}
	if got := TargetsFrom(nil, with(RoleSource("ddat", "x/y"))); got != "the role level x/y" {
		t.Errorf("nil framework: %q", got)
	}
}
