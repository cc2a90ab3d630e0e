package exchange

import (
	"errors"
	"fmt"
	"reflect"
	"strings"
	"testing"

	"gapwise/internal/model"
)

// base is a valid file written by hand (not by Encode): its line numbers are
// what the refusal tests expect.
const base = `{
  "format": "gapwise.assessment",
  "format_version": 1,
  "id": "7C9E6679-7425-40DE-944B-E07FC1F90AE7",
  "person": {
    "id": "0b6c3f0e-8f5e-4b7a-9a51-2f4a6c1d7e90",
    "name": "Zoë Ødegård-Nęść",
    "discipline": "nurse",
    "role": "Chief Nursing Information Officer",
    "organisation": "Example NHS Foundation Trust",
    "informatics_wte": 0.4
  },
  "framework": {
    "id": "sfia",
    "version": "9"
  },
  "kind": "self",
  "assessor": "",
  "created_at": "2025-03-01T09:30:00Z",
  "updated_at": "2025-03-02T11:00:00.250+01:00",
  "ratings": [
    {
      "item": "PROG",
      "level": 0
    },
    {
      "item": "ITSP",
      "level": 5,
      "confidence": 3,
      "evidence": "Led the trust's digital strategy refresh.",
      "rated_at": "2025-03-01T09:45:00Z"
    }
  ],
  "targets": [
    {
      "item": "ITSP",
      "level": 6,
      "source": "manual"
    }
  ]
}
`

func TestDecodeBase(t *testing.T) {
	f, err := Decode([]byte(base), resolver)
	if err != nil {
		t.Fatal(err)
	}
	want := &File{
		Person: model.Person{
			ID: "0b6c3f0e-8f5e-4b7a-9a51-2f4a6c1d7e90", Name: "Zoë Ødegård-Nęść", Discipline: model.Nurse,
			Role: "Chief Nursing Information Officer", Organisation: "Example NHS Foundation Trust", InformaticsWTE: 0.4,
		},
		Assessment: model.Assessment{
			ID:        "7c9e6679-7425-40de-944b-e07fc1f90ae7", // lower-cased
			PersonID:  "0b6c3f0e-8f5e-4b7a-9a51-2f4a6c1d7e90",
			Framework: model.FrameworkRef{ID: "sfia", Version: "9"}, Kind: model.SelfAssessment,
			// assessor was empty in a self-assessment: it is the person.
			Assessor: "Zoë Ødegård-Nęść",
			// updated_at was in +01:00: it is read in UTC.
			CreatedAt: at("2025-03-01T09:30:00Z"), UpdatedAt: at("2025-03-02T10:00:00.25Z"),
		},
		Ratings: []model.Rating{ // framework order: ITSP comes before PROG
			{Item: "ITSP", Level: 5, Confidence: 3, Evidence: "Led the trust's digital strategy refresh.", RatedAt: at("2025-03-01T09:45:00Z")},
			{Item: "PROG", Level: 0, RatedAt: at("2025-03-02T10:00:00.25Z")}, // rated_at defaults to updated_at
		},
		Targets: []model.Target{{Item: "ITSP", Level: 6, Source: "manual"}},
	}
	if !reflect.DeepEqual(f, want) {
		t.Fatalf("Decode(base):\n got %+v\nwant %+v", f, want)
	}
	// "Not rated" is the absence of a rating: ARCH and DTAN have none.
	for _, r := range f.Ratings {
		if r.Item == "ARCH" || r.Item == "DTAN" {
			t.Errorf("%s should not be rated", r.Item)
		}
	}
}

// TestDecodeAccepts lists variations that are valid and what they decode to.
func TestDecodeAccepts(t *testing.T) {
	tests := []struct {
		name     string
		old, new string
		check    func(*File) string
	}{
		{"byte-order mark", "{\n  \"format\"", "\ufeff{\n  \"format\"", nil},
		{"urn uuid", `"7C9E6679-7425-40DE-944B-E07FC1F90AE7"`, `"urn:uuid:7C9E6679-7425-40DE-944B-E07FC1F90AE7"`,
			func(f *File) string { return f.Assessment.ID }},
		{"braced uuid", `"7C9E6679-7425-40DE-944B-E07FC1F90AE7"`, `"{7c9e6679-7425-40de-944b-e07fc1f90ae7}"`,
			func(f *File) string { return f.Assessment.ID }},
		{"confidence null", `"confidence": 3`, `"confidence": null`,
			func(f *File) string { return fmt.Sprint(f.Ratings[0].Confidence) }},
		{"confidence 0", `"confidence": 3`, `"confidence": 0`,
			func(f *File) string { return fmt.Sprint(f.Ratings[0].Confidence) }},
		{"interest", `"confidence": 3`, `"confidence": 3, "interest": true`,
			func(f *File) string {
				return fmt.Sprintln(f.Ratings[0].Item, f.Ratings[0].Interest, f.Ratings[1].Interest)
			}},
		{"interest false", `"confidence": 3`, `"confidence": 3, "interest": false`,
			func(f *File) string { return fmt.Sprint(f.Ratings[0].Interest) }},
		{"interest null", `"confidence": 3`, `"confidence": 3, "interest": null`,
			func(f *File) string { return fmt.Sprint(f.Ratings[0].Interest) }},
		{"no ratings yet", base[strings.Index(base, `"ratings": [`):strings.Index(base, `"targets"`)], `"ratings": [],` + "\n  ",
			func(f *File) string { return fmt.Sprint(len(f.Ratings), f.Ratings != nil) }},
		{"no targets key", ",\n  \"targets\": [\n    {\n      \"item\": \"ITSP\",\n      \"level\": 6,\n      \"source\": \"manual\"\n    }\n  ]", "",
			func(f *File) string { return fmt.Sprint(len(f.Targets)) }},
		{"generator", `"format_version": 1,`, `"format_version": 1, "generator": "Gapwise 0.1.0",`,
			func(f *File) string { return f.Generator }},
		{"scope", `"kind": "self",`, `"kind": "self", "scope": {"group": "strategy-and-planning"},`,
			func(f *File) string { return f.Assessment.Scope.Group }},
		{"empty scope", `"kind": "self",`, `"kind": "self", "scope": {},`,
			func(f *File) string { return fmt.Sprint(f.Assessment.Scope == model.Scope{}) }},
		{"appraiser", `"kind": "self",
  "assessor": "",`, `"kind": "appraiser",
  "assessor": "Dr A. Appraiser",`, func(f *File) string { return f.Assessment.Assessor }},
		{"wte 2", `0.4`, `2`, func(f *File) string { return fmt.Sprint(f.Person.InformaticsWTE) }},
		{"wte negative zero", `0.4`, `-0`, func(f *File) string { return fmt.Sprint(f.Person.InformaticsWTE) }},
		{"wte exponent", `0.4`, `4e-1`, func(f *File) string { return fmt.Sprint(f.Person.InformaticsWTE) }},
		{"nanoseconds kept to the millisecond", `"2025-03-01T09:30:00Z"`, `"2025-03-01T09:30:00.123456789Z"`,
			func(f *File) string { return stamp(f.Assessment.CreatedAt) }},
		{"CRLF line ends", "\n", "\r\n", nil},
	}
	want := map[string]string{
		"urn uuid": "7c9e6679-7425-40de-944b-e07fc1f90ae7", "braced uuid": "7c9e6679-7425-40de-944b-e07fc1f90ae7",
		"confidence null": "0", "confidence 0": "0", "interest": "ITSP true false\n", "interest false": "false", "interest null": "false",
		"no ratings yet": "0 true", "no targets key": "0",
		"generator": "Gapwise 0.1.0", "scope": "strategy-and-planning", "empty scope": "true", "appraiser": "Dr A. Appraiser",
		"wte 2": "2", "wte negative zero": "0", "wte exponent": "0.4",
		"nanoseconds kept to the millisecond": "2025-03-01T09:30:00.123Z",
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			text := strings.Replace(base, tt.old, tt.new, 1)
			if tt.name == "CRLF line ends" {
				text = strings.ReplaceAll(base, tt.old, tt.new)
			}
			if text == base {
				t.Fatal("the replacement changed nothing")
			}
			f, err := Decode([]byte(text), resolver)
			if err != nil {
				t.Fatal(err)
			}
			if tt.check != nil {
				if got := tt.check(f); got != want[tt.name] {
					t.Errorf("got %q, want %q", got, want[tt.name])
				}
			}
		})
	}
}

// TestDecodeRefuses covers every rule: a change to base, and the line and
// message a person sees.
func TestDecodeRefuses(t *testing.T) {
	long := strings.Repeat("é", MaxTextLen+1)
	tests := []struct {
		name     string
		old, new string // replace the first old in base with new
		line     int
		msg      string
	}{
		// The file as a whole.
		{"trailing comma", `"level": 0
    }`, `"level": 0,
    }`, 25, "not valid JSON: invalid character '}' looking for beginning of object key string"},
		{"cut short", base[strings.Index(base, `"targets"`):], `"targets": [`, 34, "the file ends too early"},
		{"data after the object", "  ]\n}\n", "  ]\n}\n{}\n", 42, "unexpected data after the end of the JSON object"},
		{"not UTF-8", "Zoë", "Zo\xebe", 7, "the file is not UTF-8 text"},
		{"UTF-16", base, "\xff\xfe{\x00\n\x00}\x00", 1, "the file is UTF-16 text"},
		{"UTF-16 without a mark", base, "{\x00\n\x00}\x00", 1, "the file is UTF-16 text"},
		{"encoded surrogate", "Zoë", "Zo\xed\xa0\x80", 7, "the file is not UTF-8 text"},
		{"a list", base, "[1, 2]", 1, "the file holds a list, not a JSON object: it is not a Gapwise assessment file"},
		{"null", base, "null", 1, "the file holds null, not a JSON object"},
		{"empty", base, " \n\t", 1, "the file is empty"},
		{"too deep", `"evidence": "Led the trust's digital strategy refresh."`,
			`"evidence": ` + strings.Repeat("[", 40) + strings.Repeat("]", 40), 30, "nested too deeply"},

		// Format and version come first and alone.
		{"no format", `"format": "gapwise.assessment",`, ``, 1, `"format" is missing: this is not a Gapwise assessment file`},
		{"other format", `"gapwise.assessment"`, `"gapwise.plan"`, 2, `format is "gapwise.plan", not "gapwise.assessment"`},
		{"a pack", `"gapwise.assessment"`, `"gapwise.pack"`, 2, "this is a framework pack"},
		{"format not a string", `"gapwise.assessment"`, `1`, 2, `format must be "gapwise.assessment", not the number 1`},
		{"newer version", `"format_version": 1`, `"format_version": 2`, 3,
			"the file was made by a newer Gapwise (format version 2; this Gapwise reads version 1): update Gapwise to import it"},
		{"version 0", `"format_version": 1`, `"format_version": 0`, 3, "format_version 0 is not valid"},
		{"version 1.0", `"format_version": 1`, `"format_version": 1.0`, 3, "format_version must be a whole number, not the number 1.0"},
		{"version as text", `"format_version": 1`, `"format_version": "1"`, 3, `format_version must be a whole number, not the string "1"`},
		{"no version", `"format_version": 1,`, ``, 1, "format_version is missing"},

		// Top level.
		{"unknown field", `"kind": "self",`, `"kind": "self", "colour": "blue",`, 17, `unknown field "colour"`},
		{"duplicate field", `"kind": "self",`, `"kind": "self", "kind": "agreed",`, 17, `field "kind" appears twice`},
		{"null generator", `"format_version": 1,`, `"format_version": 1, "generator": null,`, 3, "generator must be a string, not null"},
		{"id not a uuid", `"7C9E6679-7425-40DE-944B-E07FC1F90AE7"`, `"assessment-1"`, 4, `id "assessment-1" is not a UUID`},
		{"id too short", `"7C9E6679-7425-40DE-944B-E07FC1F90AE7"`, `"7C9E6679-7425-40DE-944B-E07FC1F90AE"`, 4, "is not a UUID"},
		{"id not hex", `"7C9E6679-7425-40DE-944B-E07FC1F90AE7"`, `"7C9E6679-7425-40DE-944B-E07FC1F90AEG"`, 4, "is not a UUID"},
		{"nil uuid", `"7C9E6679-7425-40DE-944B-E07FC1F90AE7"`, `"00000000-0000-0000-0000-000000000000"`, 4, "id is the placeholder UUID"},
		{"id missing", `"id": "7C9E6679-7425-40DE-944B-E07FC1F90AE7",`, ``, 1, "id is missing"},
		{"kind", `"kind": "self"`, `"kind": "peer"`, 17, `kind "peer" is not one of self, appraiser or agreed`},
		{"appraiser without assessor", `"kind": "self"`, `"kind": "appraiser"`, 18, "assessor is missing or empty: an appraiser assessment must say who gave the ratings"},
		{"assessor null", `"assessor": ""`, `"assessor": null`, 18, "assessor must be a string, not null"},
		{"assessor too long", `"assessor": ""`, `"assessor": "` + long + `"`, 18, "assessor is 201 characters long; the limit is 200"},
		{"created_at not RFC 3339", `"2025-03-01T09:30:00Z"`, `"01/03/2025 09:30"`, 19, `created_at "01/03/2025 09:30" is not an RFC 3339 date and time`},
		{"created_at without zone", `"2025-03-01T09:30:00Z"`, `"2025-03-01T09:30:00"`, 19, "is not an RFC 3339 date and time"},
		{"created_at date only", `"2025-03-01T09:30:00Z"`, `"2025-03-01"`, 19, "is not an RFC 3339 date and time"},
		{"created_at with a comma", `"2025-03-01T09:30:00Z"`, `"2025-03-01T09:30:00,5Z"`, 19, "is not an RFC 3339 date and time"},
		{"created_at offset 24h", `"2025-03-01T09:30:00Z"`, `"2025-03-01T09:30:00+24:00"`, 19, "is not an RFC 3339 date and time"},
		{"created_at lower-case z", `"2025-03-01T09:30:00Z"`, `"2025-03-01T09:30:00z"`, 19, "is not an RFC 3339 date and time"},
		{"created_at 30 February", `"2025-03-01T09:30:00Z"`, `"2025-02-30T09:30:00Z"`, 19, "is not an RFC 3339 date and time"},
		{"clock reset", `"2025-03-01T09:30:00Z"`, `"1970-01-01T00:00:00Z"`, 19, "created_at 1970-01-01T00:00:00Z is not a plausible date"},
		{"updated before created", `"2025-03-02T11:00:00.250+01:00"`, `"2025-03-01T09:29:59Z"`, 20,
			"updated_at 2025-03-01T09:29:59Z is before created_at 2025-03-01T09:30:00Z"},
		{"updated_at missing", `"updated_at": "2025-03-02T11:00:00.250+01:00",`, ``, 1, "updated_at is missing"},

		// Person.
		{"person null", base[strings.Index(base, `"person": {`):strings.Index(base, `"framework"`)], `"person": null,` + "\n  ", 5, "person must be an object, not null"},
		{"person id", `"0b6c3f0e-8f5e-4b7a-9a51-2f4a6c1d7e90"`, `42`, 6, "person.id must be a string, not the number 42"},
		{"name empty", `"name": "Zoë Ødegård-Nęść"`, `"name": "   "`, 7, "person.name is empty"},
		{"name missing", `"name": "Zoë Ødegård-Nęść",`, ``, 5, "person.name is missing"},
		{"name too long", `"name": "Zoë Ødegård-Nęść"`, `"name": "` + long + `"`, 7, "person.name is 201 characters long; the limit is 200"},
		{"name with a control character", `"name": "Zoë Ødegård-Nęść"`, `"name": "Zoë\u0007"`, 7, "person.name holds a control character (U+0007)"},
		{"name with a line break", `"name": "Zoë Ødegård-Nęść"`, `"name": "Zoë\nØdegård"`, 7, "person.name holds a line break (U+000A)"},
		{"name with a zero-width space", `"name": "Zoë Ødegård-Nęść"`, `"name": "Corpus\u200bPerson"`, 7, `person.name holds an invisible zero-width space (U+200B) after "Corpus"`},
		{"name with a raw zero-width joiner", `"name": "Zoë Ødegård-Nęść"`, "\"name\": \"Corpus\u200dPerson\"", 7, `person.name holds an invisible zero-width joiner (U+200D)`},
		{"name with a right-to-left override", `"name": "Zoë Ødegård-Nęść"`, `"name": "Sam \u202esenoJ"`, 7, `person.name holds a bidirectional override`},
		{"name with an isolate", `"name": "Zoë Ødegård-Nęść"`, `"name": "Sam\u2067"`, 7, `person.name holds a bidirectional control`},
		{"name with a byte-order mark", `"name": "Zoë Ødegård-Nęść"`, "\"name\": \"Zoë\ufeff\"", 7, `person.name holds an invisible byte-order mark (U+FEFF)`},
		{"role with a left-to-right mark", `"role": "Chief`, `"role": "\u200eChief`, 9, `person.role holds an invisible bidirectional mark (U+200E) at the start`},
		{"name with a lone high surrogate", `"name": "Zoë Ødegård-Nęść"`, `"name": "Zo\ud800"`, 7, `\ud800 is half of a UTF-16 surrogate pair`},
		{"name with a lone low surrogate", `"name": "Zoë Ødegård-Nęść"`, `"name": "Zo\uDC00x"`, 7, `\uDC00 is half of a UTF-16 surrogate pair`},
		{"name with reversed surrogates", `"name": "Zoë Ødegård-Nęść"`, `"name": "Zo\udc00\ud800"`, 7, `\udc00 is half of a UTF-16 surrogate pair`},
		{"discipline", `"discipline": "nurse"`, `"discipline": "surgeon"`, 8,
			`person.discipline "surgeon" is not one of doctor, nurse, midwife, ahp, pharmacist, healthcare-scientist, social-worker, dentist, other, non-clinical`},
		{"discipline case", `"discipline": "nurse"`, `"discipline": "Nurse"`, 8, `person.discipline "Nurse" is not one of`},
		{"unknown person field", `"role": "Chief`, `"grade": "8a", "role": "Chief`, 9, `unknown field "grade" in person`},
		{"wte too high", `0.4`, `2.5`, 11, "person.informatics_wte 2.5 is out of range (0 to 2)"},
		{"wte negative", `0.4`, `-0.1`, 11, "person.informatics_wte -0.1 is out of range (0 to 2)"},
		{"wte overflow", `0.4`, `1e400`, 11, "person.informatics_wte 1e400 is out of range"},
		{"wte as text", `0.4`, `"0.4"`, 11, `person.informatics_wte must be a number, not the string "0.4"`},

		// Framework.
		{"framework not installed", `"version": "9"`, `"version": "10"`, 13,
			"framework version sfia@10 is not installed (installed: ddat@2025-q3, fci@2020-provisional, sfia@8, sfia@9)"},
		{"framework id empty", `"id": "sfia"`, `"id": ""`, 14, "framework.id is empty"},
		{"framework missing", base[strings.Index(base, `"framework": {`):strings.Index(base, `"kind"`)], ``, 1, "framework is missing"},
		{"framework as a string", base[strings.Index(base, `"framework": {`):strings.Index(base, `"kind"`)], `"framework": "sfia@9",` + "\n  ", 13,
			`framework must be an object, not the string "sfia@9"`},

		// Scope.
		{"scope group", `"kind": "self",`, `"kind": "self", "scope": {"group": "nursing"},`, 17, `scope.group "nursing" is not a group of sfia@9`},
		{"scope role level", `"kind": "self",`, `"kind": "self", "scope": {"role_level": "data/data-analyst/senior-data-analyst"},`, 17,
			`scope.role_level "data/data-analyst/senior-data-analyst" is not a role level of sfia@9`},
		{"scope null", `"kind": "self",`, `"kind": "self", "scope": null,`, 17, "scope must be an object, not null"},
		{"scope unknown field", `"kind": "self",`, `"kind": "self", "scope": {"team": "x"},`, 17, `unknown field "team" in scope`},

		// Ratings.
		{"ratings missing", base[strings.Index(base, `"ratings": [`):strings.Index(base, `"targets"`)], ``, 1, "ratings is missing"},
		{"ratings null", base[strings.Index(base, `"ratings": [`):strings.Index(base, `"targets"`)], `"ratings": null,` + "\n  ", 21, "ratings must be a list, not null"},
		{"ratings an object", base[strings.Index(base, `"ratings": [`):strings.Index(base, `"targets"`)], `"ratings": {},` + "\n  ", 21, "ratings must be a list, not an object"},
		{"rating not an object", "{\n      \"item\": \"PROG\",\n      \"level\": 0\n    }", `"PROG"`, 22, `ratings[0] must be an object, not the string "PROG"`},
		{"unknown item", `"item": "ITSP"`, `"item": "ZZZZ"`, 27, `item "ZZZZ" is not in sfia@9`},
		{"item in another version only", `"item": "PROG"`, `"item": "DTAN"`, 0, ""}, // sfia@9 has DTAN: fine
		{"item id case", `"item": "ITSP"`, `"item": "itsp"`, 27, `item "itsp" is not in sfia@9`},
		{"item missing", `"item": "PROG",`, ``, 22, "ratings[0].item is missing"},
		{"item a number", `"item": "PROG"`, `"item": 1.2`, 23, "ratings[0].item must be a string, not the number 1.2"},
		{"item rated twice", `"item": "PROG"`, `"item": "ITSP"`, 27, `item "ITSP" is rated twice (also on line 23)`},
		{"level not defined", `"level": 5`, `"level": 2`, 28, "level 2 is not defined for ITSP in sfia@9 (defined: 4, 5, 6, 7; 0 = none yet)"},
		{"level above the scale", `"level": 5`, `"level": 8`, 28, "level 8 is not defined for ITSP in sfia@9"},
		{"level negative", `"level": 5`, `"level": -1`, 28, "level -1 is not defined for ITSP in sfia@9"},
		{"level fraction", `"level": 5`, `"level": 2.5`, 28, "ITSP rating: level must be a whole number, not the number 2.5"},
		{"level exponent", `"level": 5`, `"level": 1e3`, 28, "ITSP rating: level must be a whole number, not the number 1e3"},
		{"level 5.0", `"level": 5`, `"level": 5.0`, 28, "ITSP rating: level must be a whole number, not the number 5.0"},
		{"level huge", `"level": 5`, `"level": 99999999999999999999`, 28, "ITSP rating: level 99999999999999999999 is out of range"},
		{"level null", `"level": 5`, `"level": null`, 28, "ITSP rating: level must be a whole number, not null"},
		{"level as text", `"level": 5`, `"level": "5"`, 28, `ITSP rating: level must be a whole number, not the string "5"`},
		{"level true", `"level": 5`, `"level": true`, 28, `ITSP rating: level must be a whole number, not true`},
		{"level missing", `"level": 0`, `"rated_at": "2025-03-01T09:45:00Z"`, 22, "ratings[0].level is missing"},
		{"confidence 6", `"confidence": 3`, `"confidence": 6`, 29, "ITSP rating: confidence 6 is out of range (1 to 5, or left out)"},
		{"confidence negative", `"confidence": 3`, `"confidence": -1`, 29, "ITSP rating: confidence -1 is out of range"},
		{"confidence fraction", `"confidence": 3`, `"confidence": 2.5`, 29, "ITSP rating: confidence must be a whole number, not the number 2.5"},
		{"interest as text", `"confidence": 3`, `"confidence": 3, "interest": "yes"`, 29, `ITSP rating: interest must be true or false, not the string "yes"`},
		{"interest as a number", `"confidence": 3`, `"confidence": 3, "interest": 1`, 29, "ITSP rating: interest must be true or false, not the number 1"},
		{"evidence null", `"evidence": "Led the trust's digital strategy refresh."`, `"evidence": null`, 30, "ITSP rating: evidence must be a string, not null"},
		{"evidence too long", `"evidence": "Led the trust's digital strategy refresh."`, `"evidence": "` + strings.Repeat("x", MaxEvidenceLen+1) + `"`, 30,
			"ITSP rating: evidence is 10001 characters long; the limit is 10000"},
		{"evidence with a NUL", `"evidence": "Led the trust's`, `"evidence": "Led\u0000 the trust's`, 30, "ITSP rating: evidence holds a NUL character (U+0000)"},
		{"evidence with an override", `"evidence": "Led the trust's`, `"evidence": "Led\u202e the trust's`, 30, "ITSP rating: evidence holds a bidirectional override"},
		{"rated_at", `"rated_at": "2025-03-01T09:45:00Z"`, `"rated_at": "yesterday"`, 31, `ITSP rating: rated_at "yesterday" is not an RFC 3339 date and time`},
		{"rated_at null", `"rated_at": "2025-03-01T09:45:00Z"`, `"rated_at": null`, 31, `ITSP rating: rated_at must be a string, not null`},
		{"unknown rating field", `"level": 0`, `"level": 0, "score": 2`, 24, `unknown field "score" in ratings[0]`},
		{"duplicate rating field", `"level": 0`, `"level": 0, "level": 1`, 24, `field "level" appears twice in ratings[0]`},

		// Targets.
		{"targets null", base[strings.Index(base, `"targets": [`) : strings.LastIndex(base, "  ]")+3], `"targets": null`, 34, "targets must be a list, not null"},
		{"target item", `"level": 6,
      "source"`, `"level": 6, "item": "x",
      "source"`, 37, `field "item" appears twice in targets[0]`},
		{"target unknown item", `"item": "ITSP",
      "level": 6`, `"item": "ZZZZ",
      "level": 6`, 36, `item "ZZZZ" is not in sfia@9`},
		{"target level 0", `"level": 6`, `"level": 0`, 37, "target level 0 is not defined for ITSP in sfia@9 (a target is one of: 4, 5, 6, 7)"},
		{"target level above the scale", `"level": 6`, `"level": 9`, 37, "target level 9 is not defined for ITSP in sfia@9"},
		{"target level not defined", `"level": 6`, `"level": 3`, 37, "target level 3 is not defined for ITSP in sfia@9"},
		{"target level fraction", `"level": 6`, `"level": 6.5`, 37, "ITSP target: level must be a whole number, not the number 6.5"},
		{"target source empty", `"source": "manual"`, `"source": ""`, 38, "ITSP target: source is empty"},
		{"target source too long", `"source": "manual"`, `"source": "` + long + `"`, 38, "ITSP target: source is 201 characters long"},
		{"target source missing", `"level": 6,
      "source": "manual"`, `"level": 6`, 35, "targets[0].source is missing"},
		{"target twice", `"targets": [
    {`, `"targets": [
    {"item": "ITSP", "level": 7, "source": "manual"},
    {`, 37, `item "ITSP" has two targets (also on line 35)`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			text := strings.Replace(base, tt.old, tt.new, 1)
			if text == base {
				t.Fatal("the replacement changed nothing")
			}
			got := problems(t, text)
			if tt.msg == "" {
				if got != nil {
					t.Fatalf("want no problem, got %v", got)
				}
				return
			}
			if len(got) != 1 {
				t.Fatalf("want one problem at line %d (%q), got %d: %v", tt.line, tt.msg, len(got), got)
			}
			if got[0].Line != tt.line || !strings.Contains(got[0].Msg, tt.msg) {
				t.Errorf("got  line %d: %s\nwant line %d: …%s…", got[0].Line, got[0].Msg, tt.line, tt.msg)
			}
		})
	}
}

func TestDecodeTooBig(t *testing.T) {
	data := []byte(base)
	data = append(data, make([]byte, MaxFileSize-len(data)+1)...)
	got := problems(t, string(data))
	if len(got) != 1 || got[0].Line != 0 || !strings.Contains(got[0].Msg, "is at most 10 MiB") {
		t.Fatalf("got %v", got)
	}
	_, err := Decode(data, resolver)
	if strings.HasPrefix(err.Error(), "line") {
		t.Errorf("a whole-file problem has no line: %v", err)
	}
}

func TestDecodeNoResolver(t *testing.T) {
	_, err := Decode([]byte(base), nil)
	if err == nil || !strings.Contains(err.Error(), "line 13: framework version sfia@9 is not installed in this Gapwise") {
		t.Fatalf("got %v", err)
	}
}

// TestDecodeManyProblems checks that every problem is reported at once, in
// line order, and how the error reads.
func TestDecodeManyProblems(t *testing.T) {
	text := strings.NewReplacer(
		`"discipline": "nurse"`, `"discipline": "surgeon"`,
		`"item": "ITSP"`, `"item": "ZZZZ"`,
		`"kind": "self"`, `"kind": "self", "colour": "blue"`,
		`"level": 6`, `"level": 2.5`,
		`"version": "9"`, `"version": "10"`,
	).Replace(base)
	got := problems(t, text)
	want := []Problem{
		{8, `person.discipline "surgeon" is not one of doctor, nurse, midwife, ahp, pharmacist, healthcare-scientist, social-worker, dentist, other, non-clinical`},
		{13, "framework version sfia@10 is not installed (installed: ddat@2025-q3, fci@2020-provisional, sfia@8, sfia@9)"},
		{17, `unknown field "colour"`},
		{37, "ZZZZ target: level must be a whole number, not the number 2.5"},
	}
	// Without the framework, items cannot be looked up: ZZZZ is not reported.
	if !reflect.DeepEqual(got, want) {
		t.Fatalf("got\n%v\nwant\n%v", got, want)
	}

	// With the framework installed, the item problems appear too.
	text = strings.Replace(text, `"version": "10"`, `"version": "9"`, 1)
	got = problems(t, text)
	lines := []int{}
	for _, p := range got {
		lines = append(lines, p.Line)
	}
	if !reflect.DeepEqual(lines, []int{8, 17, 27, 36, 37}) {
		t.Fatalf("lines %v: %v", lines, got)
	}

	_, err := Decode([]byte(text), resolver)
	wantErr := `line 8: person.discipline "surgeon" is not one of doctor, nurse, midwife, ahp, pharmacist, healthcare-scientist, social-worker, dentist, other, non-clinical; ` +
		`line 17: unknown field "colour"; line 27: item "ZZZZ" is not in sfia@9; line 36: item "ZZZZ" is not in sfia@9; ` +
		`line 37: targets[0]: level must be a whole number, not the number 2.5`
	if err.Error() != wantErr {
		t.Errorf("Error():\n got %s\nwant %s", err, wantErr)
	}
}

func TestDecodeErrorText(t *testing.T) {
	e := &DecodeError{}
	for i := 1; i <= 7; i++ {
		e.Problems = append(e.Problems, Problem{Line: i, Msg: fmt.Sprintf("p%d", i)})
	}
	if got, want := e.Error(), "line 1: p1; line 2: p2; line 3: p3; line 4: p4; line 5: p5; and 2 more problems"; got != want {
		t.Errorf("got %q, want %q", got, want)
	}
	e.Problems = e.Problems[:6]
	if got, want := e.Error(), "line 1: p1; line 2: p2; line 3: p3; line 4: p4; line 5: p5; and 1 more problem"; got != want {
		t.Errorf("got %q, want %q", got, want)
	}
	e.Problems, e.More = e.Problems[:1], 3
	e.Problems[0].Line = 0
	if got, want := e.Error(), "p1; and 3 more problems"; got != want {
		t.Errorf("got %q, want %q", got, want)
	}
}

// TestDecodeProblemLimit: a file full of mistakes lists MaxProblems of them
// and counts the rest.
func TestDecodeProblemLimit(t *testing.T) {
	var b strings.Builder
	for i := range 250 {
		if i > 0 {
			b.WriteString(",\n")
		}
		fmt.Fprintf(&b, `{"item": "X%d", "level": 1}`, i)
	}
	text := strings.Replace(base, base[strings.Index(base, `"ratings": [`):strings.Index(base, `"targets"`)], `"ratings": [`+b.String()+"],\n  ", 1)
	_, err := Decode([]byte(text), resolver)
	var de *DecodeError
	if !errors.As(err, &de) {
		t.Fatalf("got %v", err)
	}
	if len(de.Problems) != MaxProblems || de.More != 150 {
		t.Fatalf("%d problems listed, %d more; want %d and 150", len(de.Problems), de.More, MaxProblems)
	}
	if !strings.HasSuffix(err.Error(), "; and 245 more problems") {
		t.Errorf("Error() = %s", err)
	}
	if de.Problems[0].Line != 21 || de.Problems[99].Line != 120 {
		t.Errorf("first/last listed on lines %d and %d, want 21 and 120", de.Problems[0].Line, de.Problems[99].Line)
	}
}

// TestDecodeDoesNotKeepInput: the file's bytes can be reused by the caller.
func TestDecodeDoesNotKeepInput(t *testing.T) {
	data := []byte(base)
	f, err := Decode(data, resolver)
	if err != nil {
		t.Fatal(err)
	}
	for i := range data {
		data[i] = 'x'
	}
	if f.Person.Name != "Zoë Ødegård-Nęść" || f.Ratings[0].Evidence != "Led the trust's digital strategy refresh." {
		t.Fatal("the decoded file shares memory with the input")
	}
}
