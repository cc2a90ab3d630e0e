package model

import (
	"errors"
	"strings"
	"testing"
)

func TestCheckLineAndText(t *testing.T) {
	cases := []struct {
		name       string
		in         string
		lineOK     bool
		textOK     bool
		wantInLine string // part of CheckLine's message
	}{
		{"plain", "Sam Jones", true, true, ""},
		{"accents and Welsh", "Siân Ní Bhriain-Llŷr", true, true, ""},
		{"Arabic", "سارة أحمد", true, true, ""},
		{"Chinese", "李小龍", true, true, ""},
		{"Persian non-joiner between letters", "می\u200cخواهم", true, true, ""},
		{"Devanagari joiner after virama", "क्\u200dष", true, true, ""},
		{"emoji sequence", "Sam 👩\u200d⚕", true, true, ""},
		{"no-break space", "Sam\u00a0Jones", true, true, ""},
		{"zero-width space", "Corpus\u200bPerson", false, true, `zero-width space (U+200B) after "Corpus"`},
		{"zero-width non-joiner in Latin", "Corpus\u200cPerson", false, true, "U+200C"},
		{"zero-width joiner in Latin", "Corpus\u200dPerson", false, true, "U+200D"},
		{"joiner at the end", "Sam\u200d", false, true, "U+200D"},
		{"word joiner", "Sam\u2060Jones", false, true, "U+2060"},
		{"byte-order mark inside", "Sam\ufeffJones", false, false, "U+FEFF"},
		{"soft hyphen", "Sam\u00adJones", false, true, "U+00AD"},
		{"right-to-left override", "Sam \u202eenoJ", false, false, "reverses"},
		{"left-to-right embedding", "\u202aSam", false, false, "at the start"},
		{"pop directional", "Sam\u202c", false, false, "U+202C"},
		{"isolate", "Sam\u2066x\u2069", false, false, "U+2066"},
		{"first-strong isolate", "Sam\u2068", false, false, "U+2068"},
		{"left-to-right mark", "Sam\u200eJones", false, true, "U+200E"},
		{"right-to-left mark", "Sam\u200f", false, true, "U+200F"},
		{"Arabic letter mark", "Sam\u061c", false, true, "U+061C"},
		{"tag character", "Sam\U000e0041", false, false, "U+E0041"},
		{"Hangul filler", "Sam\u3164", false, true, "U+3164"},
		{"NUL", "Sam\x00", false, false, "NUL"},
		{"line break", "Sam\nJones", false, true, "line break"},
		{"tab", "Sam\tJones", false, true, "tab"},
		{"line separator", "Sam\u2028Jones", false, true, "line break"},
		{"C1 control", "Sam\u0085", false, false, "U+0085"},
		{"DEL", "Sam\x7f", false, false, "U+007F"},
		{"noncharacter", "Sam\uffff", false, false, "noncharacter"},
		{"invalid UTF-8", "Sam\xff", false, false, "not UTF-8"},
		{"replacement character itself", "Sam\ufffd", true, true, ""},
		{"Cyrillic a in a Latin word", "S\u0430m Jones", false, true, "another alphabet"},
		{"Greek omicron in a Latin word", "C\u03bfrpus Person", false, true, "another alphabet"},
		{"Latin and Cyrillic words side by side", "Sam Иванов", true, true, ""},
		{"Greek name", "Ελένη Παπαδοπούλου", true, true, ""},
		{"Vietnamese", "Nguyễn Thị Ánh", true, true, ""},
		{"combining marks flood", "Sa" + strings.Repeat("\u0301", 9) + "m", false, true, "combining marks"},
		{"decomposed accent", "Jose\u0301", true, true, ""},
		{"variation selector after a letter", "Sam\ufe0fJones", false, true, "variation selector"},
		{"emoji with variation selector", "Sam \u2764\ufe0f", true, true, ""},
		{"private use", "Sam\ue000", false, true, "private-use"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			err := CheckLine(c.in)
			if (err == nil) != c.lineOK {
				t.Errorf("CheckLine(%q) = %v, want ok=%v", c.in, err, c.lineOK)
			}
			if err != nil && !strings.Contains(err.Error(), c.wantInLine) {
				t.Errorf("CheckLine(%q) = %q, want it to mention %q", c.in, err, c.wantInLine)
			}
			var tf *TextFault
			if err != nil && !errors.As(err, &tf) {
				t.Errorf("CheckLine(%q) is not a *TextFault", c.in)
			}
			if err := CheckText(c.in); (err == nil) != c.textOK {
				t.Errorf("CheckText(%q) = %v, want ok=%v", c.in, err, c.textOK)
			}
		})
	}
}

func TestCleanLineTrims(t *testing.T) {
	got, err := CleanLine("  Sam Jones \t")
	if err != nil || got != "Sam Jones" {
		t.Errorf("CleanLine = %q, %v", got, err)
	}
}

func TestSameIdentity(t *testing.T) {
	sam := Person{ID: "x", Name: "Sam Jones", Discipline: Nurse, Role: "Ward sister"}
	cases := []struct {
		other Person
		same  bool
	}{
		{Person{Name: "Sam Jones", Discipline: Nurse}, true},
		{Person{Name: " sam  JONES ", Discipline: Nurse, Role: "CNIO", Organisation: "Elsewhere"}, true},
		{Person{Name: "Sam Jones", Discipline: Pharmacist}, false},
		{Person{Name: "Mallory Other", Discipline: Nurse}, false},
		{Person{Name: "Sam Jone", Discipline: Nurse}, false},
		{Person{Name: "Sam\u200bJones", Discipline: Nurse}, false},
	}
	for _, c := range cases {
		if got := SameIdentity(sam, c.other); got != c.same {
			t.Errorf("SameIdentity(%q/%s, %q/%s) = %v", sam.Name, sam.Discipline, c.other.Name, c.other.Discipline, got)
		}
	}
	err := CheckIdentity(sam, Person{ID: "x", Name: "Mallory Other", Discipline: Pharmacist})
	var pm *PersonMismatchError
	if KindOf(err) != Conflict || !errors.As(err, &pm) {
		t.Fatalf("CheckIdentity = %v", err)
	}
	want := `this file says person x is "Mallory Other" (pharmacist), but in this database x is "Sam Jones" (nurse)`
	if err.Error() != want {
		t.Errorf("message = %q\nwant      %q", err, want)
	}
}

// The ASCII shortcut accepts only what the full check accepts.
func FuzzPlainASCIIAgreesWithFullCheck(f *testing.F) {
	for _, s := range []string{"", "Sam Smith", "line\nbreak\ttab", "bell\a", "del\x7f", "Sаm", "e\u0301"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		if plainASCII(s, false) && check(s, badInLine) != nil {
			t.Errorf("%q: the shortcut accepts a line the full check refuses", s)
		}
		if plainASCII(s, true) && check(s, badInText) != nil {
			t.Errorf("%q: the shortcut accepts text the full check refuses", s)
		}
	})
}
