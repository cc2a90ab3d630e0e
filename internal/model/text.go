package model

import (
	"strings"
	"unicode/utf8"
)

// ClipText shortens s to at most n characters (runes, never bytes, so a
// name is not cut inside a letter), ending with "…" when it cut anything.
// Screens, reports and the CLI all clip labels this one way.
func ClipText(s string, n int) string {
	if n <= 0 {
		return ""
	}
	if utf8.RuneCountInString(s) <= n {
		return s
	}
	r := []rune(s)
	return strings.TrimRight(string(r[:n-1]), " ") + "…"
}

// AndList joins names as a sentence does: "A", "A and B", "A, B and C".
// Every list of people or items Gapwise writes in prose goes through it.
func AndList(names []string) string {
	switch len(names) {
	case 0:
		return ""
	case 1:
		return names[0]
	}
	return strings.Join(names[:len(names)-1], ", ") + " and " + names[len(names)-1]
}
