package frameworks_test

import (
	"bytes"
	"flag"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"gapwise/frameworks"
	"gapwise/frameworks/internal/convert"
)

var update = flag.Bool("update", false, "rewrite frameworks/packs from frameworks/src")

// TestPacksUpToDate regenerates every pack (and NOTICE) from src/ and fails
// if a committed file differs, so a change to the sources or the converter
// cannot ship without its packs. With -update it rewrites packs/ and NOTICE
// instead (and removes packs the converter no longer makes).
func TestPacksUpToDate(t *testing.T) {
	fws, err := convert.All(os.DirFS("src"))
	if err != nil {
		t.Fatalf("convert: %v", err)
	}
	want := map[string][]byte{}
	for _, f := range fws {
		data, err := frameworks.Encode(f)
		if err != nil {
			t.Fatalf("encode %s: %v", f.Ref, err)
		}
		want[f.Ref.String()+".json"] = data
	}

	checkFile(t, "NOTICE", convert.Notice(fws))

	existing, err := filepath.Glob(filepath.Join("packs", "*.json"))
	if err != nil {
		t.Fatal(err)
	}
	for _, p := range existing {
		name := filepath.Base(p)
		if _, ok := want[name]; ok {
			continue
		}
		if *update {
			if err := os.Remove(p); err != nil {
				t.Fatal(err)
			}
			t.Logf("removed stale %s", p)
			continue
		}
		t.Errorf("packs/%s is not made by the converter; run go test ./frameworks -run TestPacksUpToDate -update", name)
	}

	names := make([]string, 0, len(want))
	for name := range want {
		names = append(names, name)
	}
	slices.Sort(names)
	for _, name := range names {
		checkFile(t, filepath.Join("packs", name), want[name])
	}
}

// checkFile compares a generated file with the committed one, or writes it
// (and its folder) under -update; the failure names the test that
// regenerates it, the one calling.
func checkFile(t *testing.T, path string, want []byte) {
	t.Helper()
	got, err := os.ReadFile(path)
	if err == nil && bytes.Equal(got, want) {
		return
	}
	if *update {
		if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(path, want, 0o644); err != nil {
			t.Fatal(err)
		}
		t.Logf("wrote %s (%d bytes)", path, len(want))
		return
	}
	regen := "run go test ./frameworks -run '^" + t.Name() + "$' -update"
	if err != nil {
		t.Errorf("%s: %v; %s", path, err, regen)
		return
	}
	t.Errorf("%s is out of date (first difference at line %d); %s", path, firstDiffLine(got, want), regen)
}

func firstDiffLine(a, b []byte) int {
	al, bl := strings.Split(string(a), "\n"), strings.Split(string(b), "\n")
	for i := range min(len(al), len(bl)) {
		if al[i] != bl[i] {
			return i + 1
		}
	}
	return min(len(al), len(bl)) + 1
}
