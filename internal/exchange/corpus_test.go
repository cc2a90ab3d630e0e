package exchange

import (
	"bufio"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"gapwise/frameworks"
	"gapwise/internal/model"
)

// The bad-file corpus (testdata/bad, written by testdata/gen_corpus.py):
// every file the decoder should refuse is refused, with the words and the
// line expect.tsv gives; the few that only the workspace can refuse (a
// person id someone else has, an assessment id already used) decode, and
// internal/workspace's corpus test imports them all.

type corpusCase struct {
	file     string
	decoder  bool
	line     int
	fragment string
}

func corpusCases(t testing.TB) []corpusCase {
	t.Helper()
	f, err := os.Open(filepath.Join("testdata", "bad", "expect.tsv"))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	var out []corpusCase
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		if strings.HasPrefix(sc.Text(), "#") {
			continue
		}
		p := strings.SplitN(sc.Text(), "\t", 4)
		if len(p) != 4 {
			t.Fatalf("expect.tsv: %q", sc.Text())
		}
		line, err := strconv.Atoi(p[2])
		if err != nil {
			t.Fatal(err)
		}
		out = append(out, corpusCase{p[0], p[1] == "d", line, p[3]})
	}
	return out
}

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
	cases := corpusCases(t)
	if len(cases) < 100 {
		t.Fatalf("%d bad files", len(cases))
	}
	files, _ := filepath.Glob(filepath.Join("testdata", "bad", "*.json"))
	if len(files) != len(cases) {
		t.Errorf("%d files in testdata/bad but %d in expect.tsv", len(files), len(cases))
	}
	for _, c := range cases {
		t.Run(c.file, func(t *testing.T) {
			data, err := os.ReadFile(filepath.Join("testdata", "bad", c.file))
			if err != nil {
				t.Fatal(err)
			}
			f, err := Decode(data, resolve, refs...)
			if !c.decoder {
				if err != nil {
					t.Fatalf("the workspace is to refuse this file, but the decoder already does: %v", err)
				}
				return
			}
			var de *DecodeError
			if f != nil || model.KindOf(err) != model.BadFile || !errors.As(err, &de) {
				t.Fatalf("Decode = %v, %v; want a bad-file *DecodeError", f != nil, err)
			}
			if !strings.Contains(err.Error(), c.fragment) {
				t.Errorf("message does not say %q:\n%s", c.fragment, err)
			}
			if c.line > 0 && !strings.Contains(err.Error(), fmt.Sprintf("line %d: ", c.line)) {
				t.Errorf("message does not name line %d:\n%s", c.line, err)
			}
		})
	}
}

func TestCorpusGoodFilesDecode(t *testing.T) {
	resolve, refs := realResolver(t)
	files, _ := filepath.Glob(filepath.Join("testdata", "good", "*.gapwise.json"))
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
