package frameworkfile

import (
	"strings"
	"unicode"
)

// CleanText normalises source text without changing its wording: line
// endings become \n, trailing spaces and tabs are cut from every line, and
// leading and trailing blank space is cut from the whole. Readers of every
// format and the embedded packs' converter use it, so that the same text
// reads the same whichever way it arrived.
func CleanText(s string) string {
	s = strings.ReplaceAll(s, "\r\n", "\n")
	s = strings.ReplaceAll(s, "\r", "\n")
	lines := strings.Split(s, "\n")
	for i, l := range lines {
		lines[i] = strings.TrimRight(l, " \t")
	}
	return strings.TrimFunc(strings.Join(lines, "\n"), unicode.IsSpace)
}

// Slug makes the lower-case, hyphenated ids of items, roles and groups read
// from names: every run of characters other than a-z and 0-9 becomes one
// hyphen, e.g. "Quality assurance testing (QAT)" -> "quality-assurance-testing-qat".
// It keeps ids to the characters the pack format allows.
func Slug(s string) string {
	var b strings.Builder
	pendingHyphen := false
	for _, r := range strings.ToLower(s) {
		if (r >= 'a' && r <= 'z') || (r >= '0' && r <= '9') {
			if pendingHyphen && b.Len() > 0 {
				b.WriteByte('-')
			}
			pendingHyphen = false
			b.WriteRune(r)
			continue
		}
		pendingHyphen = true
	}
	return b.String()
}
