package model

import (
	"errors"
	"fmt"
	"testing"
)

func TestParseFrameworkRef(t *testing.T) {
	cases := []struct {
		in   string
		want FrameworkRef
		ok   bool
	}{
		{"sfia@9", FrameworkRef{"sfia", "9"}, true},
		{" ddat@2025-q3 ", FrameworkRef{"ddat", "2025-q3"}, true},
		{"sfia", FrameworkRef{}, false},
		{"@9", FrameworkRef{}, false},
		{"sfia@", FrameworkRef{}, false},
	}
	for _, c := range cases {
		got, err := ParseFrameworkRef(c.in)
		if (err == nil) != c.ok || got != c.want {
			t.Errorf("ParseFrameworkRef(%q) = %v, %v", c.in, got, err)
		}
		if c.ok && got.String() != c.want.ID+"@"+c.want.Version {
			t.Errorf("String() = %q", got.String())
		}
	}
}

func TestCompareVersionsOrdersNumbersAsNumbers(t *testing.T) {
	cases := []struct {
		a, b string
		want int
	}{
		{"8", "9", -1},
		{"9", "10", -1},
		{"2025-q3", "2025-q4", -1},
		{"2025-q4", "2026-q1", -1},
		{"2020-provisional", "2020-provisional", 0},
		{"9", "9.1", -1},
	}
	for _, c := range cases {
		if got := CompareVersions(c.a, c.b); got != c.want {
			t.Errorf("CompareVersions(%q, %q) = %d, want %d", c.a, c.b, got, c.want)
		}
		if got := CompareVersions(c.b, c.a); got != -c.want {
			t.Errorf("CompareVersions(%q, %q) = %d, want %d", c.b, c.a, got, -c.want)
		}
	}
}

func TestSlugAndLabel(t *testing.T) {
	cases := []struct{ in, want string }{
		{"Business architecture", "business-architecture"},
		{"Analysis and synthesis (data ethics)", "analysis-and-synthesis-data-ethics"},
		{"Quality assurance testing (QAT)", "quality-assurance-testing-qat"},
		{"  Zoë Ødegård–Nęść ", "zoë-ødegård-nęść"},
	}
	for _, c := range cases {
		if got := Slug(c.in); got != c.want {
			t.Errorf("Slug(%q) = %q, want %q", c.in, got, c.want)
		}
	}
	ddat := Item{ID: "business-architecture", Title: "Business architecture"}
	sfia := Item{ID: "ITSP", Title: "Strategic planning"}
	if ddat.Label() != "Business architecture" || sfia.Label() != "ITSP  Strategic planning" {
		t.Errorf("labels %q, %q", ddat.Label(), sfia.Label())
	}
}

func TestValidLevelKeepsNoneApartFromUndefinedLevels(t *testing.T) {
	itsp := Item{ID: "ITSP", Levels: []int{4, 5, 6, 7}}
	for lv, want := range map[int]bool{0: true, 1: false, 3: false, 4: true, 7: true, 8: false, -1: false} {
		if got := itsp.ValidLevel(lv); got != want {
			t.Errorf("ITSP ValidLevel(%d) = %v", lv, got)
		}
	}
}

func TestSearchNeedsEveryWord(t *testing.T) {
	f := &Framework{Items: []Item{
		{ID: "ITSP", Title: "Strategic planning", Descriptors: []Descriptor{{Level: 5, Text: "Leads the strategy"}}},
		{ID: "DTAN", Title: "Data modelling and design"},
	}}
	if got := f.Search(""); len(got) != 2 {
		t.Errorf("empty query matched %d", len(got))
	}
	if got := f.Search("leads STRATEGY"); len(got) != 1 || got[0].ID != "ITSP" {
		t.Errorf("level text search: %v", got)
	}
	if got := f.Search("data strategy"); len(got) != 0 {
		t.Errorf("words must all match: %v", got)
	}
}

func TestErrorKinds(t *testing.T) {
	base := errors.New("disk full")
	err := fmt.Errorf("saving: %w", Wrap(Denied, base, "cannot write %s", "x.db"))
	if KindOf(err) != Denied || !errors.Is(err, base) {
		t.Errorf("kind %v, unwraps to base %v", KindOf(err), errors.Is(err, base))
	}
	if KindOf(errors.New("plain")) != Internal {
		t.Error("an unkinded error must count as internal, never as the user's fault")
	}
	if !Disagree(ptr(2), ptr(3)) || Disagree(ptr(3), ptr(3)) || Disagree(nil, ptr(1)) {
		t.Error("Disagree: one level apart is a disagreement; unrated is not")
	}
}

func ptr(v int) *int { return &v }

func TestClinicalDisciplines(t *testing.T) {
	// The Wachter benchmark counts clinicians' time: every registered
	// health or care profession, social work included, but not non-clinical
	// staff or a background Gapwise does not know.
	cases := []struct {
		d    Discipline
		want bool
	}{
		{Doctor, true}, {Nurse, true}, {Midwife, true}, {AHP, true}, {Pharmacist, true},
		{HealthcareScientist, true}, {SocialWorker, true}, {Dentist, true}, {OtherClinical, true},
		{NonClinical, false}, {"", false}, {"astronaut", false},
	}
	for _, c := range cases {
		if got := c.d.Clinical(); got != c.want {
			t.Errorf("%q clinical: %v, want %v", c.d, got, c.want)
		}
	}
	if len(Disciplines) != 10 {
		t.Errorf("%d disciplines: decide whether each new one is clinical and add it here", len(Disciplines))
	}
}
