package frameworkfile

import (
	"cmp"
	"slices"
	"strings"
	"unicode"

	"gapwise/internal/model"
)

// The official DDaT data says nothing about which level of a role is more
// senior (order_in_file is alphabetical), so Gapwise reads it from the title.
// Tiers, most junior first, checked against every title in the 2025 data and
// against the mean skill level each level requires:
//
//	apprentice, trainee < associate < junior < (no word) < senior, major
//	  < lead < principal < head < chief, director
//
// "Associate" sits below "junior": in the user-centred design roles the
// associate level is described as an entry-level trainee post and requires
// less than the junior level (e.g. associate service designer 1.0, junior
// 1.57); in architecture it sits above trainee.
var tierWords = []struct {
	word string
	tier int
}{
	{"chief", 9}, {"director", 9}, {"head", 8}, {"principal", 7}, {"lead", 6},
	{"senior", 5}, {"major", 5}, {"junior", 3}, {"associate", 2}, {"trainee", 1}, {"apprentice", 1},
}

const plainTier = 4

// seniority orders role level titles within one role.
type seniority struct {
	track   int // 0: analyst levels of a manager's role; 1: the role's own ladder; 2: head/chief
	tier    int
	variant int // 1 for the "- management" twin of a technical level, which sits just above it
}

func (a seniority) compare(b seniority) int {
	return cmp.Or(cmp.Compare(a.track, b.track), cmp.Compare(a.tier, b.tier), cmp.Compare(a.variant, b.variant))
}

func words(s string) []string {
	return strings.FieldsFunc(strings.ToLower(s), func(r rune) bool { return !unicode.IsLetter(r) })
}

// titleSeniority reads a role level title. In roles named after a manager
// (service desk manager, problem manager, IT service manager ...) the analyst
// levels form the bottom of the ladder, so "Senior service desk analyst"
// comes below "Service desk manager" even though it says senior.
func titleSeniority(role, title string) seniority {
	w := words(title)
	s := seniority{track: 1, tier: plainTier}
	for _, tw := range tierWords {
		if slices.Contains(w, tw.word) {
			s.tier = tw.tier
			break
		}
	}
	switch {
	case s.tier >= 8:
		s.track = 2
	case slices.Contains(w, "analyst") && !slices.Contains(words(role), "analyst"):
		s.track = 0
	}
	if strings.HasSuffix(strings.ToLower(strings.TrimSpace(title)), "- management") {
		s.variant = 1
	}
	return s
}

// MeanRequiredLevel is the average stated level of a role level's
// requirements (0 when none states a level). It breaks ties between titles
// of equal seniority and is what the tests compare ranks against.
func MeanRequiredLevel(l model.RoleLevel) float64 {
	sum, n := 0, 0
	for _, r := range l.Requirements {
		if r.Level != model.NoneLevel {
			sum += r.Level
			n++
		}
	}
	if n == 0 {
		return 0
	}
	return float64(sum) / float64(n)
}

// orderRoleLevels sorts a role's levels most junior first and numbers their
// Rank 1..n. Two titles of equal seniority (e.g. "Configuration analyst" and
// "Change and release analyst") are ordered by the mean level they require,
// then by title, so the order is always the same.
func orderRoleLevels(role string, levels []model.RoleLevel) {
	slices.SortStableFunc(levels, func(a, b model.RoleLevel) int {
		return cmp.Or(
			titleSeniority(role, a.Title).compare(titleSeniority(role, b.Title)),
			cmp.Compare(MeanRequiredLevel(a), MeanRequiredLevel(b)),
			cmp.Compare(a.Title, b.Title),
		)
	})
	for i := range levels {
		levels[i].Rank = i + 1
	}
}
