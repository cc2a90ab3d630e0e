package workspace

import (
	"context"
	"os"
	"path/filepath"
	"testing"

	"gapwise/frameworks"
	"gapwise/internal/model"
	"gapwise/internal/store"
)

func openTemp(t testing.TB) *Workspace {
	t.Helper()
	ws, err := Open(context.Background(), filepath.Join(t.TempDir(), "gapwise.db"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { ws.Close() })
	return ws
}

func TestOpenSeedsEveryPackOnceAndReopensUnchanged(t *testing.T) {
	path := filepath.Join(t.TempDir(), "gapwise.db")
	ws, err := Open(context.Background(), path)
	if err != nil {
		t.Fatal(err)
	}
	first, err := ws.Frameworks(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	ws.Close()
	info, err := os.Stat(path)
	if err != nil {
		t.Fatal(err)
	}
	if info.Mode().Perm()&0o077 != 0 {
		t.Errorf("database mode %v is readable by others", info.Mode().Perm())
	}
	ws, err = Open(context.Background(), path)
	if err != nil {
		t.Fatal(err)
	}
	defer ws.Close()
	again, _ := ws.Frameworks(context.Background())
	if len(first) != 4 || len(again) != len(first) {
		t.Fatalf("framework versions: first open %d, reopen %d; want 4 both times", len(first), len(again))
	}
}

func TestResolveFramework(t *testing.T) {
	ws := openTemp(t)
	cases := []struct {
		in   string
		want string
		kind model.ErrorKind
	}{
		{"sfia", "sfia@9", 0},
		{"sfia@8", "sfia@8", 0},
		{"ddat", "ddat@2025-q3", 0},
		{"itil", "", model.NotFound},
		{"sfia@10", "", model.NotFound},
		{"@9", "", model.Invalid},
	}
	for _, c := range cases {
		f, err := ws.ResolveFramework(context.Background(), c.in)
		if c.want == "" {
			if model.KindOf(err) != c.kind {
				t.Errorf("%q: error %v (kind %v), want kind %v", c.in, err, model.KindOf(err), c.kind)
			}
			continue
		}
		if err != nil || f.Ref.String() != c.want {
			t.Errorf("%q resolved to %v, %v; want %s", c.in, f, err, c.want)
		}
	}
}

// BenchmarkOpenNewAndSeed measures a first start: create the database and
// seed every embedded pack (target: under 1 s on a 2-core machine).
func BenchmarkOpenNewAndSeed(b *testing.B) {
	for i := 0; i < b.N; i++ {
		ws, err := Open(context.Background(), filepath.Join(b.TempDir(), "gapwise.db"))
		if err != nil {
			b.Fatal(err)
		}
		ws.Close()
	}
}

// BenchmarkOpenExisting measures every later start.
func BenchmarkOpenExisting(b *testing.B) {
	path := filepath.Join(b.TempDir(), "gapwise.db")
	ws, err := Open(context.Background(), path)
	if err != nil {
		b.Fatal(err)
	}
	ws.Close()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		ws, err := Open(context.Background(), path)
		if err != nil {
			b.Fatal(err)
		}
		ws.Close()
	}
}

// BenchmarkLoadLargestPack reads the DDaT pack back from the database and
// parses it, as the first visit to it in a session does.
func BenchmarkLoadLargestPack(b *testing.B) {
	ws := openTemp(b)
	ref := model.FrameworkRef{ID: "ddat", Version: "2025-q3"}
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		ws.mu.Lock()
		delete(ws.cache, ref)
		ws.mu.Unlock()
		if _, err := ws.Framework(context.Background(), ref); err != nil {
			b.Fatal(err)
		}
	}
}

// A database that lacks the packs (as a new one does) is seeded from the
// files' checksums alone; one that has them is left as it is.
func TestSeedIfNeededComparesChecksums(t *testing.T) {
	ctx := context.Background()
	st, err := store.Open(ctx, filepath.Join(t.TempDir(), "gapwise.db"))
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	files, err := frameworks.Files()
	if err != nil {
		t.Fatal(err)
	}
	for round := 1; round <= 2; round++ {
		if err := seedIfNeeded(ctx, st, files); err != nil {
			t.Fatal(err)
		}
		sums, err := st.PackChecksums(ctx)
		if err != nil {
			t.Fatal(err)
		}
		for _, f := range files {
			if sums[f.Ref.String()] != f.SHA256 {
				t.Errorf("round %d: %s stored with checksum %q, want the file's", round, f.Ref, sums[f.Ref.String()])
			}
		}
	}
}

// dumpTables is every row of the database (but for the tables skipped), to
// show that a refused import changed nothing.
func dumpTables(t testing.TB, w *Workspace, skip ...string) string {
	t.Helper()
	d, err := w.store.Dump(context.Background(), skip...)
	if err != nil {
		t.Fatal(err)
	}
	return d
}
