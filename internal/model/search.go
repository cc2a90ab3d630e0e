package model

import (
	"cmp"
	"strconv"
	"strings"
	"unicode"
)

// Search returns the items whose id, title, description, guidance or level
// descriptors contain every word of the query (case-insensitive), in
// framework order. An empty query matches everything.
func (f *Framework) Search(query string) []*Item {
	words := strings.Fields(strings.ToLower(query))
	var out []*Item
	for i := range f.Items {
		it := &f.Items[i]
		if len(words) == 0 || it.matches(words) {
			out = append(out, it)
		}
	}
	return out
}

func (it *Item) matches(words []string) bool {
	var b strings.Builder
	for _, s := range []string{it.ID, it.Title, it.Description, it.Guidance, it.Note} {
		b.WriteString(strings.ToLower(s))
		b.WriteByte('\n')
	}
	for _, d := range it.Descriptors {
		b.WriteString(strings.ToLower(d.Text))
		b.WriteByte('\n')
	}
	text := b.String()
	for _, w := range words {
		if !strings.Contains(text, w) {
			return false
		}
	}
	return true
}

// CompareVersions orders version strings so that numeric runs compare as
// numbers ("9" < "10", "2025-q3" < "2025-q4").
func CompareVersions(a, b string) int {
	for a != "" && b != "" {
		ra, rb := leadingRun(a), leadingRun(b)
		na, errA := strconv.Atoi(ra)
		nb, errB := strconv.Atoi(rb)
		var c int
		if errA == nil && errB == nil {
			c = cmp.Compare(na, nb)
		} else {
			c = strings.Compare(ra, rb)
		}
		if c != 0 {
			return c
		}
		a, b = a[len(ra):], b[len(rb):]
	}
	return cmp.Compare(len(a), len(b))
}

// leadingRun is the first run of digits, or of non-digits, in s.
func leadingRun(s string) string {
	digit := unicode.IsDigit(rune(s[0]))
	for i, r := range s {
		if unicode.IsDigit(r) != digit {
			return s[:i]
		}
	}
	return s
}

// Slug is the lower-case, hyphenated form of a title used for stable ids
// ("Analysis and synthesis (data ethics)" -> "analysis-and-synthesis-data-ethics").
func Slug(s string) string {
	var b strings.Builder
	dash := false
	for _, r := range strings.ToLower(s) {
		if unicode.IsLetter(r) || unicode.IsDigit(r) {
			if dash && b.Len() > 0 {
				b.WriteByte('-')
			}
			b.WriteRune(r)
			dash = false
		} else {
			dash = true
		}
	}
	return b.String()
}

// Label is how an item is named in lists: "ITSP Strategic planning" where
// the id is a code, just the title where the id is only its slug.
func (it *Item) Label() string {
	if it.ID == Slug(it.Title) {
		return it.Title
	}
	return it.ID + "  " + it.Title
}
