package exchange

import (
	"bytes"
	"encoding/json"
	"errors"
	"os"
	"reflect"
	"strings"
	"testing"
	"unicode/utf8"

	"gapwise/internal/model"
)

// FuzzDecode feeds arbitrary bytes to Decode. It must never panic; it
// either refuses the file with an invalid-input *DecodeError whose lines are
// in the file, or returns a File that Encode writes and Decode reads back
// unchanged (and Encode then writes byte for byte the same again).
func FuzzDecode(f *testing.F) {
	golden, err := os.ReadFile(goldenPath)
	if err != nil {
		f.Fatal(err)
	}
	f.Add(golden)
	f.Add([]byte(base))
	broken := []struct{ old, new string }{
		{`"level": 2`, `"level": 2.5`},
		{`"level": 0`, `"level": null`},
		{`"item": "data-management"`, `"item": "ZZZZ"`},
		{`"kind": "self"`, `"kind": "self", "kind": "agreed"`},
		{`"version": "2025-q3"`, `"version": "2025-q4"`},
		{`"format_version": 1`, `"format_version": 2`},
		{`"confidence": 3`, `"confidence": 1e400`},
		{`"confidence": 3`, `"confidence": 3, "interest": true`},
		{`"confidence": 3`, `"confidence": 3, "interest": "true"`},
		{`"level": 0`, `"level": 0, "interest": null`},
		{`"informatics_wte": 0.4`, `"informatics_wte": -0`},
		{`"scope": {`, `"scope": {"group": "x",`},
		{`"Zoë`, "\"Zo\xff"},
		{"\n  ]\n}\n", "\n  ]\n}\n{}"},
		{`"evidence": "`, `"evidence": "\ud800\u0000`},
		{`"created_at": "2025-03-01T09:30:00Z"`, `"created_at": "2025-03-01T09:30:00.123456789+14:00"`},
		{`"id": "7c9e6679-7425-40de-944b-e07fc1f90ae7"`, `"id": "URN:UUID:7C9E6679-7425-40DE-944B-E07FC1F90AE7"`},
	}
	for _, b := range broken {
		f.Add(bytes.Replace(golden, []byte(b.old), []byte(b.new), 1))
	}
	f.Add(golden[:len(golden)/2])
	f.Add(append([]byte("\ufeff"), golden...))
	f.Add([]byte(strings.Repeat("[", 100)))
	f.Add([]byte(strings.Repeat("[", 20000) + strings.Repeat("]", 20000)))
	f.Add([]byte(`{"format":"gapwise.assessment","format_version":1,"person":{"name":"a\u00e9\ud83d\ude00\/"}}`))
	f.Add([]byte(`{"format":"gapwise.assessment","format_version":1,"ratings":[{"item":"x","level":-0}]}`))
	f.Add([]byte(`null`))
	f.Add([]byte{})
	addCorpusSeeds(f)

	f.Fuzz(func(t *testing.T, data []byte) {
		file, err := Decode(data, resolver, installedRefs()...)
		if err != nil {
			if file != nil {
				t.Fatal("Decode returned a file and an error")
			}
			if k := model.KindOf(err); k != model.BadFile {
				t.Fatalf("Decode failed with kind %v: %v", k, err)
			}
			var de *DecodeError
			if !errors.As(err, &de) || len(de.Problems) == 0 {
				t.Fatalf("no problems listed: %v", err)
			}
			lines := bytes.Count(data, []byte("\n")) + 1
			for _, p := range de.Problems {
				if p.Line < 0 || p.Line > lines || p.Msg == "" {
					t.Fatalf("problem %+v outside a %d-line file", p, lines)
				}
			}
			return
		}
		fw, ok := resolver(file.Assessment.Framework)
		if !ok {
			t.Fatalf("decoded a file of uninstalled %s", file.Assessment.Framework)
		}
		out, err := Encode(file, fw)
		if err != nil {
			t.Fatalf("Encode of a decoded file: %v", err)
		}
		again, err := Decode(out, resolver)
		if err != nil {
			t.Fatalf("Decode of an encoded file: %v\n%s", err, out)
		}
		if !reflect.DeepEqual(file, again) {
			t.Fatalf("Decode(Encode(f)) differs from f:\n%+v\n%+v", file, again)
		}
		out2, err := Encode(again, fw)
		if err != nil || !bytes.Equal(out, out2) {
			t.Fatalf("Encode is not stable: %v", err)
		}
	})
}

// FuzzUnescape checks the string decoder against encoding/json: they agree
// on every JSON string, except that unescape refuses a lone surrogate escape
// that encoding/json turns into U+FFFD.
func FuzzUnescape(f *testing.F) {
	for _, s := range []string{`a`, `\u00e9`, `\ud83d\ude00`, `\ud800`, `\udc00\ud800`, `\ud800\u0041`, `\ud800x`, `\"\\\/\b\f\n\r\t`, `\uD83D\uDE00z`} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, inner string) {
		raw := []byte(`"` + inner + `"`)
		if !json.Valid(raw) {
			return
		}
		var want string
		if err := json.Unmarshal(raw, &want); err != nil {
			t.Fatal(err)
		}
		got, _, err := unescape([]byte(inner))
		if err != nil {
			if !strings.ContainsRune(want, utf8.RuneError) {
				t.Fatalf("unescape(%q) refused what encoding/json reads as %q: %v", inner, want, err)
			}
			return
		}
		if got != want && !strings.ContainsRune(inner, utf8.RuneError) && utf8.ValidString(inner) {
			t.Fatalf("unescape(%q) = %q, encoding/json %q", inner, got, want)
		}
	})
}

// plainUTC, the regexp-free shortcut for the commonest time, never accepts a
// string the rfc3339 pattern refuses, and accepts the plain UTC form.
func TestPlainUTCIsRFC3339(t *testing.T) {
	for _, s := range []string{"2025-03-01T09:30:00Z", "2099-12-31T23:59:59Z", "0000-00-00T00:00:00Z"} {
		if !plainUTC(s) {
			t.Errorf("plainUTC(%q) = false", s)
		}
	}
	for _, s := range []string{"2025-03-01T09:30:00z", "2025-03-01 09:30:00Z", "2025-03-01T09:30:00.5Z", "2025-03-01T09:30:00+00:00",
		"2025-3-01T09:30:00Z", "2025-03-01T09:30:0xZ", "２025-03-01T09:30:00Z", "2025-03-01T09:30:00Z ", ""} {
		if plainUTC(s) {
			t.Errorf("plainUTC(%q) = true", s)
		}
	}
}

func FuzzPlainUTC(f *testing.F) {
	f.Add("2025-03-01T09:30:00Z")
	f.Add("2025-03-01T09:30:00+01:00")
	f.Fuzz(func(t *testing.T, s string) {
		if plainUTC(s) && !rfc3339().MatchString(s) {
			t.Errorf("plainUTC accepts %q, which rfc3339 refuses", s)
		}
	})
}
