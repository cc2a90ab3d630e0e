package model

import (
	"fmt"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"
)

// The characters text may hold, in one place for the exchange decoder, the
// CLI and the app. A name is how people tell records apart, so it may not
// hold anything a reader cannot see: "Corpus\u200bPerson" would otherwise
// pose as "Corpus Person", and a right-to-left override would reverse the
// text after it on every screen and PDF that shows the name.
//
// One-line text (names, roles, organisations, assessors, titles) refuses
// every control character, line and paragraph separators, bidirectional
// controls (embeddings, overrides, isolates and the LRM, RLM and ALM marks),
// zero-width and other invisible format characters (Unicode category Cf,
// the soft hyphen, Hangul fillers, the byte-order mark), and noncharacters.
// The zero-width joiner and non-joiner are allowed only where they change
// how a word is written: between two letters of a script that joins or
// forms conjuncts (Arabic, Devanagari, ...), and the joiner inside an emoji
// sequence.
//
// Free text (evidence, notes, objectives) may hold tabs and line breaks, and
// the invisible characters real writing uses (zero-width space, joiners,
// LRM/RLM, soft hyphen); it refuses other control characters, the
// bidirectional embeddings, overrides and isolates (they can reorder the
// text after them, which is how a sentence is made to read as something
// else), the byte-order mark inside text, tag characters and noncharacters.

// TextFault is the first character a text may not hold.
type TextFault struct {
	Rune   rune
	Offset int    // byte offset in the text
	Before string // up to a few characters before it, to find it by
}

// Error says what the character is and where, as the end of a sentence
// that starts with the field's name: "name holds ...".
func (f *TextFault) Error() string {
	where := "at the start"
	if f.Before != "" {
		where = "after " + strconv.Quote(f.Before)
	}
	name, why := runeName(f.Rune)
	if why != "" {
		why = ", " + why
	}
	return fmt.Sprintf("holds %s (U+%04X) %s%s; remove it and try again", name, f.Rune, where, why)
}

// CheckLine checks one line of text: a name, role, organisation, assessor
// or title. It returns a *TextFault, or nil.
func CheckLine(s string) error {
	if plainASCII(s, false) {
		return nil
	}
	return check(s, badInLine)
}

// CheckText checks free text that may run to several lines. It returns a
// *TextFault, or nil.
func CheckText(s string) error {
	if plainASCII(s, true) {
		return nil
	}
	return check(s, badInText)
}

// plainASCII reports whether s is printable ASCII (with tabs and line
// breaks when multiline), which both checks accept whole: no invisible or
// reordering characters, and only Latin letters, which cannot mix scripts.
// Nearly all text is, and the rune-by-rune check (which looks back over the
// word for every letter) was a tenth of importing ten thousand files.
func plainASCII(s string, multiline bool) bool {
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c >= 0x20 && c < 0x7f || multiline && (c == '\t' || c == '\n' || c == '\r') {
			continue
		}
		return false
	}
	return true
}

// CleanLine trims a one-line text and checks it (see CheckLine).
func CleanLine(s string) (string, error) {
	s = strings.TrimSpace(s)
	return s, CheckLine(s)
}

// CleanText trims free text and checks it (see CheckText).
func CleanText(s string) (string, error) {
	s = strings.TrimSpace(s)
	return s, CheckText(s)
}

func check(s string, bad func(s string, i int, r rune) bool) error {
	for i, r := range s {
		if r == utf8.RuneError {
			if _, size := utf8.DecodeRuneInString(s[i:]); size == 1 {
				return fault(s, i, r)
			}
		}
		if bad(s, i, r) {
			return fault(s, i, r)
		}
	}
	return nil
}

func fault(s string, i int, r rune) *TextFault {
	before := []rune(s[:i])
	if len(before) > 12 {
		before = before[len(before)-12:]
	}
	return &TextFault{Rune: r, Offset: i, Before: string(before)}
}

const (
	zwnj = '\u200c'
	zwj  = '\u200d'
)

func badInLine(s string, i int, r rune) bool {
	switch {
	case r < 0x20 || (r >= 0x7f && r < 0xa0), r == '\u2028', r == '\u2029':
		return true
	case isBidi(r), isNonchar(r), isInvisible(r):
		return true
	case r == zwnj || r == zwj:
		return !joinerWanted(s, i, r)
	case unicode.Is(unicode.Cf, r), unicode.Is(unicode.Co, r):
		return true
	case isVariationSelector(r):
		return !selectorWanted(s, i, r)
	case unicode.IsMark(r):
		return marksBefore(s, i) >= maxMarks
	case unicode.IsLetter(r):
		return mixesScripts(s, i, r)
	}
	return false
}

// maxMarks is the most combining marks one letter may carry in a name:
// Vietnamese needs two, Indic and Tibetan stacks a few more; dozens are
// the "Zalgo" trick of text that spills over the lines around it.
const maxMarks = 8

// marksBefore counts the combining marks just before s[i].
func marksBefore(s string, i int) int {
	n := 0
	for i > 0 {
		r, size := utf8.DecodeLastRuneInString(s[:i])
		if !unicode.IsMark(r) {
			break
		}
		n++
		i -= size
	}
	return n
}

func isVariationSelector(r rune) bool {
	return r >= 0xfe00 && r <= 0xfe0f || r >= 0xe0100 && r <= 0xe01ef || r >= 0x180b && r <= 0x180d || r == 0x180f
}

// selectorWanted allows a variation selector after the characters that
// have variants: symbols (emoji), CJK ideographs, and Mongolian letters
// for the Mongolian selectors.
func selectorWanted(s string, i int, r rune) bool {
	prev, _ := utf8.DecodeLastRuneInString(s[:i])
	if r >= 0x180b && r <= 0x180f {
		return unicode.Is(unicode.Mongolian, prev)
	}
	return unicode.Is(unicode.So, prev) || unicode.Is(unicode.Sm, prev) || unicode.Is(unicode.Han, prev)
}

// confusable are the scripts whose letters look alike: a word that mixes
// them ("Sаm" with a Cyrillic а) is how a name is made to pose as another.
var confusable = []*unicode.RangeTable{unicode.Latin, unicode.Cyrillic, unicode.Greek}

// mixesScripts reports whether the letter at s[i] is from a different one
// of the confusable scripts than an earlier letter of the same word.
func mixesScripts(s string, i int, r rune) bool {
	mine := scriptOf(r)
	if mine == nil {
		return false
	}
	for i > 0 {
		p, size := utf8.DecodeLastRuneInString(s[:i])
		i -= size
		if !unicode.IsLetter(p) && !unicode.IsMark(p) {
			return false // the start of the word
		}
		if t := scriptOf(p); t != nil && t != mine {
			return true
		}
	}
	return false
}

func scriptOf(r rune) *unicode.RangeTable {
	for _, t := range confusable {
		if unicode.Is(t, r) {
			return t
		}
	}
	return nil
}

func badInText(s string, i int, r rune) bool {
	switch {
	case r == '\t' || r == '\n' || r == '\r':
		return false
	case r < 0x20 || (r >= 0x7f && r < 0xa0):
		return true
	case isReordering(r), isNonchar(r), r == '\ufeff', r >= 0xe0000 && r <= 0xe007f:
		return true
	}
	return false
}

// isReordering is a bidirectional embedding, override or isolate: each
// changes the order in which the text after it is shown.
func isReordering(r rune) bool {
	return r >= 0x202a && r <= 0x202e || r >= 0x2066 && r <= 0x2069
}

// isBidi is any bidirectional control, the marks included.
func isBidi(r rune) bool {
	return isReordering(r) || r == '\u200e' || r == '\u200f' || r == '\u061c'
}

func isNonchar(r rune) bool {
	return r >= 0xfdd0 && r <= 0xfdef || r&0xfffe == 0xfffe
}

// isInvisible lists characters that show nothing and are not in category
// Cf (which badInLine refuses as a whole).
func isInvisible(r rune) bool {
	switch r {
	case '\u00ad', '\u034f', '\u115f', '\u1160', '\u17b4', '\u17b5', '\u180b', '\u180c', '\u180d', '\u180e', '\u180f',
		'\u3164', '\uffa0', '\u200b', '\u2060', '\ufeff':
		return true
	}
	return false
}

// joiningScripts are the scripts in which a zero-width joiner or non-joiner
// between letters changes how a word is written.
var joiningScripts = []*unicode.RangeTable{
	unicode.Arabic, unicode.Syriac, unicode.Nko, unicode.Mongolian, unicode.Devanagari, unicode.Bengali,
	unicode.Gurmukhi, unicode.Gujarati, unicode.Oriya, unicode.Tamil, unicode.Telugu, unicode.Kannada,
	unicode.Malayalam, unicode.Sinhala, unicode.Khmer, unicode.Myanmar, unicode.Tibetan,
}

// joinerWanted reports whether the joiner or non-joiner at s[i] sits where
// it does something visible.
func joinerWanted(s string, i int, r rune) bool {
	prev, _ := utf8.DecodeLastRuneInString(s[:i])
	next, _ := utf8.DecodeRuneInString(s[i+utf8.RuneLen(r):])
	if prev == utf8.RuneError || next == utf8.RuneError {
		return false
	}
	if r == zwj && (unicode.Is(unicode.So, prev) || prev == '\ufe0f') && unicode.Is(unicode.So, next) {
		return true // an emoji sequence such as a health worker
	}
	letter := func(c rune) bool { return unicode.IsLetter(c) || unicode.IsMark(c) }
	if !letter(prev) || !letter(next) {
		return false
	}
	for _, t := range joiningScripts {
		if unicode.Is(t, prev) && unicode.Is(t, next) {
			return true
		}
	}
	return false
}

// runeName names the characters these rules refuse, for messages, with
// why one that does something unseen is refused.
func runeName(r rune) (name, why string) {
	switch {
	case r == '\n' || r == '\r' || r == '\u2028' || r == '\u2029':
		return "a line break", ""
	case r == '\t':
		return "a tab", ""
	case r == 0:
		return "a NUL character", ""
	case r < 0x20 || (r >= 0x7f && r < 0xa0):
		return "a control character", ""
	case r == '\u202e' || r == '\u202d':
		return "a bidirectional override", "which reverses how the text after it is shown"
	case isReordering(r):
		return "a bidirectional control", "which reorders how the text after it is shown"
	case isBidi(r):
		return "an invisible bidirectional mark", ""
	case r == '\u200b':
		return "an invisible zero-width space", ""
	case r == zwnj:
		return "an invisible zero-width non-joiner", ""
	case r == zwj:
		return "an invisible zero-width joiner", ""
	case r == '\ufeff':
		return "an invisible byte-order mark", ""
	case r == '\u2060':
		return "an invisible word joiner", ""
	case r == '\u00ad':
		return "an invisible soft hyphen", ""
	case r == utf8.RuneError:
		return "a byte that is not UTF-8 text", ""
	case unicode.Is(unicode.Co, r):
		return "a private-use character", "which shows differently on every computer"
	case isVariationSelector(r):
		return "an invisible variation selector", ""
	case unicode.IsMark(r):
		return "a pile of combining marks", "which spills over the text around it"
	case unicode.IsLetter(r):
		return "a letter of another alphabet in the same word", "which is how a name is made to look like another"
	case isNonchar(r):
		return "a Unicode noncharacter", ""
	}
	return "an invisible formatting character", ""
}
