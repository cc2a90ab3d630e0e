package exchange

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"gapwise/frameworks"
	"gapwise/internal/exchange/exchangetest"
	"gapwise/internal/model"
)

// The bad-file corpus (testdata/bad, written by testdata/gen_corpus.py):
// every file the decoder should refuse is refused, with the words and the
// line expect.tsv gives; the few that only the workspace can refuse (a
// person id someone else has, an assessment id already used) decode, and
// internal/workspace's corpus test imports them all.

// realResolver resolves the framework packs Gapwise ships.
func realResolver(t testing.TB) (Resolver, []model.FrameworkRef) {
	t.Helper()
	packs, err := frameworks.Embedded()
	if err != nil {
		t.Fatal(err)
	}
	var refs []model.FrameworkRef
	for _, p := range packs {
		refs = append(refs, p.Framework.Ref)
	}
	return func(ref model.FrameworkRef) (*model.Framework, bool) {
		for _, p := range packs {
			if p.Framework.Ref == ref {
				return p.Framework, true
			}
		}
		return nil, false
	}, refs
}

func TestCorpusDecoderRefusals(t *testing.T) {
	resolve, refs := realResolver(t)
	cases, err := exchangetest.BadFiles()
	if err != nil {
		t.Fatal(err)
	}
	if len(cases) < 100 {
		t.Fatalf("%d bad files", len(cases))
	}
	files, _ := filepath.Glob(filepath.Join("testdata", "bad", "*.json"))
	if len(files) != len(cases) {
		t.Errorf("%d files in testdata/bad but %d in expect.tsv", len(files), len(cases))
	}
	for _, c := range cases {
		t.Run(c.File, func(t *testing.T) {
			data, err := os.ReadFile(c.Path())
			if err != nil {
				t.Fatal(err)
			}
			f, err := Decode(data, resolve, refs...)
			if !c.Decoder {
				if err != nil {
					t.Fatalf("the workspace is to refuse this file, but the decoder already does: %v", err)
				}
				return
			}
			var de *DecodeError
			if f != nil || model.KindOf(err) != model.BadFile || !errors.As(err, &de) {
				t.Fatalf("Decode = %v, %v; want a bad-file *DecodeError", f != nil, err)
			}
			if !strings.Contains(err.Error(), c.Fragment) {
				t.Errorf("message does not say %q:\n%s", c.Fragment, err)
			}
			if c.Line > 0 && !strings.Contains(err.Error(), fmt.Sprintf("line %d: ", c.Line)) {
				t.Errorf("message does not name line %d:\n%s", c.Line, err)
			}
		})
	}
}

func TestCorpusGoodFilesDecode(t *testing.T) {
	resolve, refs := realResolver(t)
	files, _ := exchangetest.GoodFiles()
	if len(files) < 5 {
		t.Fatalf("%d good files", len(files))
	}
	for _, p := range files {
		data, err := os.ReadFile(p)
		if err != nil {
			t.Fatal(err)
		}
		if _, err := Decode(data, resolve, refs...); err != nil {
			t.Errorf("%s: %v", filepath.Base(p), err)
		}
	}
}

// addCorpusSeeds gives a fuzz target every file of the corpus.
func addCorpusSeeds(f *testing.F) {
	for _, dir := range []string{"bad", "good"} {
		files, _ := filepath.Glob(filepath.Join("testdata", dir, "*.json"))
		for _, p := range files {
			if data, err := os.ReadFile(p); err == nil {
				f.Add(data)
			}
		}
	}
}
