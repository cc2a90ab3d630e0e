package exchange

import (
	"bytes"
	"errors"
	"flag"
	"math"
	"os"
	"path/filepath"
	"reflect"
	"slices"
	"strings"
	"testing"
	"time"
	"unicode/utf8"

	"gapwise/internal/model"
)

var update = flag.Bool("update", false, "rewrite the golden files in testdata/")

const goldenPath = "testdata/ddat-self.gapwise.json"

// TestEncodeGolden pins the exact bytes Encode writes. After an intended
// change to the format, run: go test ./internal/exchange/ -run Golden -update
func TestEncodeGolden(t *testing.T) {
	got, err := Encode(ddatFile(), ddatFixture())
	if err != nil {
		t.Fatal(err)
	}
	if *update {
		if err := os.MkdirAll(filepath.Dir(goldenPath), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(goldenPath, got, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	want, err := os.ReadFile(goldenPath)
	if err != nil {
		t.Fatalf("%v (run with -update to create it)", err)
	}
	if !bytes.Equal(got, want) {
		t.Errorf("Encode differs from %s (run with -update if intended):\n%s", goldenPath, got)
	}
}

// TestEncodeShape checks the promises the golden file stands for.
func TestEncodeShape(t *testing.T) {
	out, err := Encode(ddatFile(), ddatFixture())
	if err != nil {
		t.Fatal(err)
	}
	text := string(out)
	if !utf8.Valid(out) || !strings.HasSuffix(text, "}\n") || strings.HasSuffix(text, "\n\n") {
		t.Error("want UTF-8 ending in one newline")
	}
	if strings.Contains(text, "\t") || !strings.Contains(text, "\n  \"format\": \"gapwise.assessment\",\n  \"format_version\": 1,\n") {
		t.Error("want two-space indentation with format first")
	}
	for _, s := range []string{"Zoë Ødegård-Nęść", "& Partners <North>", `\"twice\"`, `"updated_at": "2025-03-02T10:00:00.25Z"`} {
		if !strings.Contains(text, s) {
			t.Errorf("output lacks %s", s)
		}
	}
	// Framework order, whatever order the File had: accessibility,
	// data-management, data-visualisation.
	targets := text[strings.Index(text, `"targets"`):]
	a, m, v := strings.Index(targets, `"item": "accessibility"`), strings.Index(targets, `"item": "data-management"`), strings.Index(targets, `"item": "data-visualisation"`)
	if !(0 < a && a < m && m < v) {
		t.Error("targets are not in framework order")
	}
	// Top-level keys in the documented order.
	var last int
	for _, k := range fileKeys {
		if k == "scope" && !strings.Contains(text, `"scope"`) {
			continue
		}
		i := strings.Index(text, "\n  \""+k+"\":")
		if i < last {
			t.Errorf("key %s is out of order", k)
		}
		last = i
	}
}

// TestEncodeDeterministic: equal assessments give identical bytes, however
// the File was put together.
func TestEncodeDeterministic(t *testing.T) {
	want, err := Encode(ddatFile(), ddatFixture())
	if err != nil {
		t.Fatal(err)
	}
	f := ddatFile()
	slices.Reverse(f.Ratings)
	slices.Reverse(f.Targets)
	f.Assessment.ID = strings.ToUpper(f.Assessment.ID)
	f.Person.ID = "{" + strings.ToUpper(f.Person.ID) + "}"
	// A self-assessment's assessor is the person; times are written in UTC
	// to the millisecond.
	f.Assessment.Assessor = ""
	f.Assessment.CreatedAt = f.Assessment.CreatedAt.In(mustZone(t, "Europe/London")).Add(999)
	for range 3 {
		got, err := Encode(f, ddatFixture())
		if err != nil {
			t.Fatal(err)
		}
		if !bytes.Equal(got, want) {
			t.Fatalf("Encode is not deterministic:\n%s\nwant\n%s", got, want)
		}
	}
	if f.Ratings[0].Item != "data-management" {
		t.Error("Encode reordered the caller's slice")
	}
}

func mustZone(t *testing.T, name string) *time.Location {
	t.Helper()
	loc, err := time.LoadLocation(name)
	if err != nil {
		t.Skipf("no time zone data: %v", err)
	}
	return loc
}

// TestRoundTrip: Decode(Encode(f)) == f for files in canonical form.
func TestRoundTrip(t *testing.T) {
	fci := &File{
		Person: model.Person{
			ID: "5f0c2a9e-1b7d-4c3e-8a6f-9d2e4b1c7a30", Name: "Zoë Ødegård-Nęść 山田 Ω", Discipline: model.AHP, InformaticsWTE: 1.25,
		},
		Assessment: model.Assessment{
			ID: "c2d3e4f5-a6b7-4c8d-9e0f-1a2b3c4d5e6f", PersonID: "5f0c2a9e-1b7d-4c3e-8a6f-9d2e4b1c7a30",
			Framework: model.FrameworkRef{ID: "fci", Version: "2020-provisional"}, Kind: model.AgreedAssessment,
			Assessor: "Zoë Ødegård-Nęść and Dr Ifeoma Okafor", Scope: model.Scope{Group: "1"},
			CreatedAt: at("2024-12-31T23:59:59.999Z"), UpdatedAt: at("2025-01-01T00:00:00Z"),
		},
		Ratings: []model.Rating{
			// 1.1 none yet without confidence, and wanted ("I want to develop this"); 1.2 not rated.
			{Item: "1.1", Level: 0, Interest: true, RatedAt: at("2025-01-01T00:00:00Z")},
			{Item: "2.1", Level: 4, Confidence: 5, Evidence: "Tabs\tand\r\nlines 🙂", RatedAt: at("2024-12-31T23:59:59.999Z")},
		},
	}
	sfia := &File{
		Person: model.Person{ID: "9a8b7c6d-5e4f-4a3b-9c2d-1e0f9a8b7c6d", Name: "A", Discipline: model.NonClinical},
		Assessment: model.Assessment{
			ID: "1a2b3c4d-5e6f-4a7b-8c9d-0e1f2a3b4c5d", PersonID: "9a8b7c6d-5e4f-4a3b-9c2d-1e0f9a8b7c6d",
			Framework: model.FrameworkRef{ID: "sfia", Version: "8"}, Kind: model.AppraiserAssessment, Assessor: "B",
			CreatedAt: at("2025-06-01T12:00:00Z"), UpdatedAt: at("2025-06-01T12:00:00Z"),
		},
		Ratings: []model.Rating{}, // nothing rated yet
		Targets: []model.Target{{Item: "PROG", Level: 2, Source: "person:0b6c3f0e-8f5e-4b7a-9a51-2f4a6c1d7e90"}},
	}
	for name, f := range map[string]*File{"ddat": ddatFile(), "fci": fci, "sfia@8": sfia} {
		t.Run(name, func(t *testing.T) {
			fw, _ := resolver(f.Assessment.Framework)
			out, err := Encode(f, fw)
			if err != nil {
				t.Fatal(err)
			}
			got, err := Decode(out, resolver)
			if err != nil {
				t.Fatalf("%v\n%s", err, out)
			}
			want := *f
			want.Ratings = slices.Clone(f.Ratings)
			want.Targets = slices.Clone(f.Targets)
			order := itemPositions(fw)
			slices.SortFunc(want.Ratings, func(x, y model.Rating) int { return order(x.Item) - order(y.Item) })
			slices.SortFunc(want.Targets, func(x, y model.Target) int { return order(x.Item) - order(y.Item) })
			if want.Ratings == nil {
				want.Ratings = []model.Rating{}
			}
			if want.Targets == nil {
				want.Targets = []model.Target{}
			}
			if !reflect.DeepEqual(got, &want) {
				t.Fatalf("round trip differs:\n got %+v\nwant %+v\n%s", got, &want, out)
			}
		})
	}
}

// TestLevelZeroIsNotNotRated: level 0 is written and read back as a
// rating; an item without a rating has no entry at all.
func TestLevelZeroIsNotNotRated(t *testing.T) {
	out, err := Encode(ddatFile(), ddatFixture())
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(string(out), "\"item\": \"data-visualisation\",\n      \"level\": 0,") {
		t.Errorf("level 0 is not written:\n%s", out)
	}
	if strings.Contains(string(out), `"item": "data-ethics-and-privacy"`) {
		t.Error("an item that is not rated is written")
	}
	f, err := Decode(out, resolver)
	if err != nil {
		t.Fatal(err)
	}
	rated := map[string]int{}
	for _, r := range f.Ratings {
		rated[r.Item] = r.Level
	}
	if lv, ok := rated["data-visualisation"]; !ok || lv != 0 {
		t.Error("level 0 did not come back as a rating")
	}
	if _, ok := rated["data-ethics-and-privacy"]; ok {
		t.Error("not rated came back as a rating")
	}
}

func TestEncodeDefaults(t *testing.T) {
	f := ddatFile()
	f.Ratings[0].RatedAt = time.Time{}
	f.Targets[2].Source = ""
	f.Generator = ""
	out, err := Encode(f, ddatFixture())
	if err != nil {
		t.Fatal(err)
	}
	g, err := Decode(out, resolver)
	if err != nil {
		t.Fatal(err)
	}
	if g.Ratings[1].Item != "data-visualisation" || g.Ratings[1].RatedAt != f.Assessment.UpdatedAt {
		t.Errorf("a rating without a time got %v, want updated_at", g.Ratings[1].RatedAt)
	}
	if g.Targets[0].Item != "accessibility" || g.Targets[0].Source != "manual" {
		t.Errorf("a target without a source got %q, want manual", g.Targets[0].Source)
	}
	if strings.Contains(string(out), "generator") {
		t.Error("an empty generator is written")
	}
}

// TestEncodeRefuses: Encode never writes a file Decode would refuse, and
// says why without line numbers.
func TestEncodeRefuses(t *testing.T) {
	tests := []struct {
		name   string
		change func(*File)
		kind   model.ErrorKind
		msg    string
	}{
		{"unknown item", func(f *File) { f.Ratings[0].Item = "ZZZZ" }, model.Invalid,
			`cannot write the assessment file of Zoë Ødegård-Nęść: item "ZZZZ" is not in ddat@2025-q3`},
		{"level not on the scale", func(f *File) { f.Ratings[1].Level = 5 }, model.Invalid,
			"level 5 is not defined for data-management in ddat@2025-q3 (defined: 1, 2, 3, 4; 0 = none yet)"},
		{"wte", func(f *File) { f.Person.InformaticsWTE = 3 }, model.Invalid, "person.informatics_wte 3 is out of range (0 to 2)"},
		{"wte NaN", func(f *File) { f.Person.InformaticsWTE = math.NaN() }, model.Invalid, "person.informatics_wte is not a number"},
		{"no times", func(f *File) { f.Assessment.CreatedAt = time.Time{} }, model.Invalid, "created_at 0001-01-01T00:00:00Z is not a plausible date"},
		{"no person id", func(f *File) { f.Person.ID, f.Assessment.PersonID = "", "" }, model.Invalid, `person.id "" is not a UUID`},
		{"no kind", func(f *File) { f.Assessment.Kind = "" }, model.Invalid, `kind "" is not one of self, appraiser or agreed`},
		{"appraiser without assessor", func(f *File) { f.Assessment.Kind, f.Assessment.Assessor = model.AppraiserAssessment, "" }, model.Invalid,
			"an appraiser assessment must say who gave the ratings"},
		{"two ratings of an item", func(f *File) { f.Ratings[1].Item = f.Ratings[0].Item }, model.Invalid, `item "data-visualisation" is rated twice`},
		{"another person", func(f *File) { f.Assessment.PersonID = "5f0c2a9e-1b7d-4c3e-8a6f-9d2e4b1c7a30" }, model.Internal, "it belongs to person 5f0c2a9e"},
		{"another framework", func(f *File) { f.Assessment.Framework.Version = "2025-q4" }, model.Internal, "it rates ddat@2025-q4, not ddat@2025-q3"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			f := ddatFile()
			tt.change(f)
			out, err := Encode(f, ddatFixture())
			if err == nil {
				t.Fatalf("Encode wrote\n%s", out)
			}
			if k := model.KindOf(err); k != tt.kind {
				t.Errorf("kind %v, want %v", k, tt.kind)
			}
			if !strings.Contains(err.Error(), tt.msg) || strings.Contains(err.Error(), "line ") {
				t.Errorf("got  %v\nwant …%s… and no line numbers", err, tt.msg)
			}
			if tt.kind == model.Invalid && tt.name != "wte NaN" {
				var de *DecodeError
				if !errors.As(err, &de) {
					t.Errorf("not a *DecodeError: %T", err)
				}
			}
		})
	}
	if _, err := Encode(nil, ddatFixture()); model.KindOf(err) != model.Internal {
		t.Errorf("Encode(nil): %v", err)
	}
	if _, err := Encode(ddatFile(), nil); model.KindOf(err) != model.Internal {
		t.Errorf("Encode(f, nil): %v", err)
	}
}

// TestGoldenDecodes: the golden file is a valid file with what ddatFile
// holds.
func TestGoldenDecodes(t *testing.T) {
	data, err := os.ReadFile(goldenPath)
	if err != nil {
		t.Fatal(err)
	}
	f, err := Decode(data, resolver)
	if err != nil {
		t.Fatal(err)
	}
	if f.Generator != "Gapwise 0.1.0" || len(f.Ratings) != 2 || len(f.Targets) != 3 || f.Assessment.Scope.RoleLevel == "" {
		t.Errorf("unexpected content: %+v", f)
	}
}
