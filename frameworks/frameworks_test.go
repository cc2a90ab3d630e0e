package frameworks_test

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"maps"
	"slices"
	"strings"
	"sync"
	"testing"

	"gapwise/frameworks"
	"gapwise/internal/model"
)

// TestEmbeddedFigures pins the figures the CLI's `frameworks list` reports
// and users see on the framework screen.
func TestEmbeddedFigures(t *testing.T) {
	tests := []struct {
		ref         string
		counts      model.Counts
		groupKinds  []string
		kindCounts  map[string]int
		levels      []int
		levelNames  []string
		provisional bool
	}{
		{
			ref:        "ddat@2025-q3",
			counts:     model.Counts{Items: 188, Groups: 0, Levels: 4, Roles: 52, RoleLevels: 201, Requirements: 1809, LevelDescriptors: 604},
			levels:     []int{1, 2, 3, 4},
			levelNames: []string{"Awareness", "Working", "Practitioner", "Expert"},
		},
		{
			ref:         "fci@2020-provisional",
			counts:      model.Counts{Items: 36, Groups: 6, Levels: 5},
			groupKinds:  []string{"domain"},
			kindCounts:  map[string]int{"domain": 6},
			levels:      []int{0, 1, 2, 3, 4},
			levelNames:  []string{"Not yet", "Aware", "Developing", "Competent", "Expert / leads others"},
			provisional: true,
		},
		{
			ref:        "sfia@8",
			counts:     model.Counts{Items: 121, Groups: 25, Levels: 7, LevelDescriptors: 495},
			groupKinds: []string{"category", "subcategory"},
			kindCounts: map[string]int{"category": 6, "subcategory": 19},
			levels:     []int{1, 2, 3, 4, 5, 6, 7},
			levelNames: []string{"Level 1", "Level 2", "Level 3", "Level 4", "Level 5", "Level 6", "Level 7"},
		},
		{
			ref:        "sfia@9",
			counts:     model.Counts{Items: 147, Groups: 28, Levels: 7, LevelDescriptors: 672, Attributes: 16},
			groupKinds: []string{"category", "subcategory"},
			kindCounts: map[string]int{"category": 6, "subcategory": 22},
			levels:     []int{1, 2, 3, 4, 5, 6, 7},
			levelNames: []string{"Follow", "Assist", "Apply", "Enable", "Ensure, advise", "Initiate, influence", "Set strategy, inspire, mobilise"},
		},
	}
	for _, tt := range tests {
		t.Run(tt.ref, func(t *testing.T) {
			f := embedded(t, tt.ref)
			if got := f.Counts(); got != tt.counts {
				t.Errorf("Counts() = %+v\nwant       %+v", got, tt.counts)
			}
			if !slices.Equal(f.GroupKinds, tt.groupKinds) {
				t.Errorf("GroupKinds = %q, want %q", f.GroupKinds, tt.groupKinds)
			}
			kinds := map[string]int{}
			for _, g := range f.Groups {
				kinds[g.Kind]++
			}
			if !maps.Equal(kinds, tt.kindCounts) {
				t.Errorf("groups per kind = %v, want %v", kinds, tt.kindCounts)
			}
			var values []int
			var names []string
			for _, l := range f.Scale.Levels {
				values = append(values, l.Value)
				names = append(names, l.Name)
			}
			if !slices.Equal(values, tt.levels) || !slices.Equal(names, tt.levelNames) {
				t.Errorf("scale = %v %q, want %v %q", values, names, tt.levels, tt.levelNames)
			}
			if f.Provisional != tt.provisional {
				t.Errorf("Provisional = %v, want %v", f.Provisional, tt.provisional)
			}
		})
	}
}

// TestEmbeddedManifests checks what must be shown to users with each
// framework: who publishes it, under what terms, and the attribution.
func TestEmbeddedManifests(t *testing.T) {
	const (
		ogl  = "Contains public sector information licensed under the Open Government Licence v3.0."
		sfia = "This publication contains information from the Skills Framework for the Information Age with the permission of the SFIA Foundation."
	)
	tests := []struct {
		ref         string
		attribution string   // exact, when fixed by the publisher
		notice      []string // phrases the notice must contain
		licence     string   // phrase the licence must contain
	}{
		{"ddat@2025-q3", ogl, []string{"Open Government Licence v3.0", "Crown copyright", "no government logo"}, "Open Government Licence v3.0"},
		{"fci@2020-provisional", "", []string{"Faculty of Clinical Informatics", "does not contain the FCI's competency statements", "own words"}, "No open licence"},
		{"sfia@8", sfia, []string{"needs a licence from the SFIA Foundation", "not the definitive SFIA", "official SFIA spreadsheet under their own licence"}, "not an open licence"},
		{"sfia@9", sfia, []string{"needs a licence from the SFIA Foundation", "not the definitive SFIA", "official SFIA spreadsheet under their own licence"}, "not an open licence"},
	}
	for _, tt := range tests {
		t.Run(tt.ref, func(t *testing.T) {
			f := embedded(t, tt.ref)
			for field, v := range map[string]string{
				"Name": f.Name, "ShortName": f.ShortName, "Publisher": f.Publisher, "SourceURL": f.SourceURL,
				"Licence": f.Licence, "Attribution": f.Attribution, "Released": f.Released, "Notice": f.Notice,
			} {
				if strings.TrimSpace(v) == "" {
					t.Errorf("%s is empty", field)
				}
			}
			if tt.attribution != "" && f.Attribution != tt.attribution {
				t.Errorf("Attribution = %q, want %q", f.Attribution, tt.attribution)
			}
			for _, phrase := range tt.notice {
				if !strings.Contains(f.Notice, phrase) {
					t.Errorf("Notice lacks %q", phrase)
				}
			}
			if !strings.Contains(f.Licence, tt.licence) {
				t.Errorf("Licence = %q, want it to contain %q", f.Licence, tt.licence)
			}
		})
	}
}

// TestEmbeddedPacks checks the loader's promises: order, checksums, a
// cached result, and that the bytes are exactly what Encode makes (so the
// store can trust Raw as the canonical form).
func TestEmbeddedPacks(t *testing.T) {
	packs, err := frameworks.Embedded()
	if err != nil {
		t.Fatal(err)
	}
	var refs []string
	for _, p := range packs {
		refs = append(refs, p.Framework.Ref.String())
		sum := sha256.Sum256(p.Raw)
		if p.SHA256 != hex.EncodeToString(sum[:]) {
			t.Errorf("%s: SHA256 does not match Raw", p.Framework.Ref)
		}
		again, err := frameworks.Encode(p.Framework)
		if err != nil {
			t.Errorf("%s: Encode: %v", p.Framework.Ref, err)
		} else if !bytes.Equal(again, p.Raw) {
			t.Errorf("%s: Encode(Framework) differs from Raw", p.Framework.Ref)
		}
	}
	want := []string{"ddat@2025-q3", "fci@2020-provisional", "sfia@8", "sfia@9"}
	if !slices.Equal(refs, want) {
		t.Errorf("Embedded() order = %q, want %q", refs, want)
	}

	// Concurrent callers share one parse.
	var wg sync.WaitGroup
	got := make([][]frameworks.Pack, 8)
	for i := range got {
		wg.Go(func() {
			p, err := frameworks.Embedded()
			if err != nil {
				t.Error(err)
			}
			got[i] = p
		})
	}
	wg.Wait()
	for i := range got {
		for j := range got[i] {
			if got[i][j].Framework != packs[j].Framework {
				t.Fatalf("call %d returned a different parse of %s", i, packs[j].Framework.Ref)
			}
		}
	}
	// Reordering the returned slice must not disturb the cache.
	slices.Reverse(got[0])
	again, _ := frameworks.Embedded()
	if again[0].Framework.Ref.ID != "ddat" {
		t.Error("Embedded() returned the cached slice itself; a caller reordered it")
	}
}

func TestSFIAContent(t *testing.T) {
	s9, s8 := embedded(t, "sfia@9"), embedded(t, "sfia@8")
	tests := []struct {
		f      *model.Framework
		code   string
		title  string
		group  string
		parent string
		levels []int
	}{
		{s9, "ITSP", "Strategic planning", "strategy-and-planning", "strategy-and-architecture", []int{4, 5, 6, 7}},
		{s9, "PROG", "Programming/software development", "systems-development", "development-and-implementation", []int{2, 3, 4, 5, 6}},
		{s8, "ITSP", "Strategic planning", "strategy-and-planning", "strategy-and-architecture", []int{5, 6, 7}},
	}
	for _, tt := range tests {
		t.Run(tt.f.Ref.String()+"/"+tt.code, func(t *testing.T) {
			it, ok := tt.f.Item(tt.code)
			if !ok {
				t.Fatalf("no item %s", tt.code)
			}
			if it.Title != tt.title || it.Group != tt.group || !slices.Equal(it.Levels, tt.levels) {
				t.Errorf("got %q in %q at %v, want %q in %q at %v", it.Title, it.Group, it.Levels, tt.title, tt.group, tt.levels)
			}
			if g, _ := tt.f.Group(it.Group); g == nil || g.Parent != tt.parent {
				t.Errorf("group %q: parent is not %q", it.Group, tt.parent)
			}
			if !strings.HasSuffix(it.URL, "/"+tt.code) {
				t.Errorf("URL %q does not point at %s", it.URL, tt.code)
			}
		})
	}
	// SFIA describes every skill at exactly the levels where it is defined.
	for _, f := range []*model.Framework{s9, s8} {
		for _, it := range f.Items {
			var at []int
			for _, d := range it.Descriptors {
				at = append(at, d.Level)
			}
			if !slices.Equal(at, it.Levels) {
				t.Errorf("%s %s: descriptors at %v, defined at %v", f.Ref, it.ID, at, it.Levels)
			}
		}
	}
	// SFIA 8 codes all carry over to SFIA 9, so ratings can be compared.
	for _, it := range s8.Items {
		if _, ok := s9.Item(it.ID); !ok {
			t.Errorf("SFIA 8 skill %s is not in SFIA 9", it.ID)
		}
	}
	generic := 0
	for _, a := range s9.Attributes {
		if len(a.Levels) != 7 {
			t.Errorf("attribute %s described at %d levels, want 7", a.Code, len(a.Levels))
		}
		if a.Type == "Attributes" {
			generic++
		}
	}
	if generic != 4 {
		t.Errorf("%d generic attributes (autonomy, influence, complexity, knowledge), want 4", generic)
	}
	if len(s8.Attributes) != 0 || s8.Scale.Levels[0].Description != "" {
		t.Error("sfia@8 must not carry level or attribute text (none in our SFIA 8 source)")
	}
}

func TestFCIContent(t *testing.T) {
	f := embedded(t, "fci@2020-provisional")
	if !f.Provisional || !strings.Contains(f.ProvisionalNote, "provisional") || !strings.Contains(f.ProvisionalNote, "not included") {
		t.Errorf("ProvisionalNote = %q", f.ProvisionalNote)
	}
	for i, g := range f.Groups {
		if want := string(rune('1' + i)); g.ID != want || g.Kind != "domain" || g.Note == "" {
			t.Errorf("group %d = %+v, want id %s, kind domain, a note", i, g, want)
		}
	}
	grades := map[string]int{}
	for _, it := range f.Items {
		grades[it.Confidence]++
		if !strings.HasPrefix(it.ID, it.Group+".") {
			t.Errorf("item %s is in domain %s", it.ID, it.Group)
		}
		if !slices.Equal(it.Levels, []int{0, 1, 2, 3, 4}) || len(it.Descriptors) != 0 {
			t.Errorf("item %s: levels %v, %d descriptors; want 0..4 and none", it.ID, it.Levels, len(it.Descriptors))
		}
		if it.Description == "" || it.Note == "" {
			t.Errorf("item %s lacks its own-words summary or topics", it.ID)
		}
	}
	if want := map[string]int{"verified": 3, "strong": 22, "inferred": 11}; !maps.Equal(grades, want) {
		t.Errorf("confidence grades %v, want %v", grades, want)
	}
	if it, _ := f.Item("1.2"); it == nil || it.Title != "Clinical Governance" || it.Confidence != "verified" {
		t.Errorf("item 1.2 = %+v", it)
	}
	for _, l := range f.Scale.Levels {
		if l.Description == "" {
			t.Errorf("scale level %d has no descriptor", l.Value)
		}
	}
}

// Files is what start-up compares with the database instead of parsing:
// it must name and checksum exactly the packs Embedded parses.
func TestFilesMatchEmbedded(t *testing.T) {
	files, err := frameworks.Files()
	if err != nil {
		t.Fatal(err)
	}
	packs, err := frameworks.Embedded()
	if err != nil {
		t.Fatal(err)
	}
	if len(files) != len(packs) {
		t.Fatalf("%d files, %d packs", len(files), len(packs))
	}
	for i := range files {
		if files[i].Ref != packs[i].Framework.Ref || files[i].SHA256 != packs[i].SHA256 {
			t.Errorf("file %d is %s %s; pack is %s %s", i, files[i].Ref, files[i].SHA256[:8], packs[i].Framework.Ref, packs[i].SHA256[:8])
		}
	}
}
