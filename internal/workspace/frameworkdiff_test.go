package workspace

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"gapwise/internal/frameworkdiff"
)

const (
	ddatRoleCSV  = "../../frameworks/src/ddat/role_content_capability_framework.csv"
	ddatSkillCSV = "../../frameworks/src/ddat/skill_description_content_capability_framework.csv"
)

// alteredDDaTFiles writes the third party's altered copy of the official
// downloads: "initiative" made "topic" everywhere, and (as its later commit
// did) spaces trimmed and doubled inside cells, which must not count.
func alteredDDaTFiles(t testing.TB) []string {
	t.Helper()
	dir := t.TempDir()
	var out []string
	for _, src := range []string{ddatRoleCSV, ddatSkillCSV} {
		data, err := os.ReadFile(src)
		if err != nil {
			t.Fatal(err)
		}
		data = bytes.ReplaceAll(data, []byte("initiative"), []byte("topic"))
		data = bytes.ReplaceAll(data, []byte("Initiative"), []byte("Topic"))
		data = bytes.ReplaceAll(data, []byte("You can:\n- "), []byte("You can: \n-  "))
		path := filepath.Join(dir, filepath.Base(src))
		if err := os.WriteFile(path, data, 0o600); err != nil {
			t.Fatal(err)
		}
		out = append(out, path)
	}
	return out
}

func importFiles(t testing.TB, w *Workspace, as string, paths ...string) FrameworkInfo {
	t.Helper()
	ctx := context.Background()
	imps, err := w.ReadFrameworkFiles(ctx, paths, "")
	if err != nil {
		t.Fatal(err)
	}
	if len(imps) != 1 {
		t.Fatalf("%d frameworks in %q", len(imps), paths)
	}
	if err := imps[0].Apply(ImportOptions{As: as}); err != nil {
		t.Fatal(err)
	}
	infos, err := w.ImportFrameworks(ctx, imps)
	if err != nil {
		t.Fatal(err)
	}
	return infos[0]
}

func TestDiffFrameworksRealVersions(t *testing.T) {
	ctx := context.Background()
	w := openTemp(t)
	altered := importFiles(t, w, "ddat@altered", alteredDDaTFiles(t)...)
	official := importFiles(t, w, "", ddatRoleCSV, ddatSkillCSV)

	tests := []struct {
		name, old, new string
		check          func(t *testing.T, d *frameworkdiff.Diff)
	}{
		{"official download against the embedded pack made from it", "ddat@2025-q3", official.Ref.String(), func(t *testing.T, d *frameworkdiff.Diff) {
			if !d.Empty() {
				t.Errorf("diff = %+v, want none", d)
			}
		}},
		{"altered copy to the official text", altered.Ref.String(), "ddat@2025-q3", func(t *testing.T, d *frameworkdiff.Diff) {
			if want := []frameworkdiff.Rename{{From: "ownership-and-topic", To: "ownership-and-initiative"}}; !slices.Equal(d.Renamed, want) {
				t.Errorf("renamed = %v, want %v", d.Renamed, want)
			}
			want := []frameworkdiff.Change{
				{Item: "architecture-communication", Fields: []string{"descriptor 4"}},
				{Item: "community-collaboration", Fields: []string{"descriptor 3"}},
				{Item: "strategic-cyber-security-planning", Fields: []string{"description"}},
			}
			if len(d.Changed) != len(want) {
				t.Fatalf("changed = %v, want %v", d.Changed, want)
			}
			for i := range want {
				if d.Changed[i].Item != want[i].Item || !slices.Equal(d.Changed[i].Fields, want[i].Fields) {
					t.Errorf("changed[%d] = %v, want %v", i, d.Changed[i], want[i])
				}
			}
			if len(d.Added)+len(d.Removed)+len(d.RoleLevels) != 0 {
				t.Errorf("added %v removed %v role levels %v; want none (the renamed skill is followed)", d.Added, d.Removed, d.RoleLevels)
			}
		}},
		{"SFIA 8 to 9", "sfia@8", "sfia@9", func(t *testing.T, d *frameworkdiff.Diff) {
			if len(d.Added) != 26 || len(d.Removed) != 0 || len(d.Renamed) != 0 || len(d.Changed) != 116 {
				t.Errorf("added %d removed %d renamed %d changed %d; want 26, 0, 0, 116", len(d.Added), len(d.Removed), len(d.Renamed), len(d.Changed))
			}
			if f := d.ChangeOf("INOV"); !slices.Equal(f, []string{"title"}) {
				t.Errorf("INOV changed %v, want [title]", f)
			}
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			d, err := w.DiffFrameworks(ctx, tt.old, tt.new)
			if err != nil {
				t.Fatal(err)
			}
			tt.check(t, d.Diff)
			if text := DescribeDiff(d); !strings.HasPrefix(text, tt.old) {
				t.Errorf("description starts %q", text[:40])
			}
		})
	}
	if _, err := w.DiffFrameworks(ctx, "sfia@9", "ddat"); err == nil || !strings.Contains(err.Error(), "are different frameworks") {
		t.Errorf("diff across frameworks: %v", err)
	}
}

// BenchmarkDiffDDaT compares two DDaT versions (the altered copy and the
// official text), as `frameworks diff` does once both are loaded.
func BenchmarkDiffDDaT(b *testing.B) {
	ctx := context.Background()
	w := openTemp(b)
	altered := importFiles(b, w, "ddat@altered", alteredDDaTFiles(b)...)
	old, err := w.Framework(ctx, altered.Ref)
	if err != nil {
		b.Fatal(err)
	}
	new, err := w.ResolveFramework(ctx, "ddat@2025-q3")
	if err != nil {
		b.Fatal(err)
	}
	b.ResetTimer()
	for range b.N {
		if d := frameworkdiff.Compare(old, new); len(d.Changed) != 3 {
			b.Fatal(d.Changed)
		}
	}
}

// BenchmarkImportDDaTPair reads, validates and stores the official DDaT
// CSV pair into a fresh database each time.
func BenchmarkImportDDaTPair(b *testing.B) {
	for i := range b.N {
		b.StopTimer()
		w := openTemp(b)
		b.StartTimer()
		importFiles(b, w, "ddat@bench-"+strings.Repeat("x", i%2+1), ddatRoleCSV, ddatSkillCSV)
	}
}
