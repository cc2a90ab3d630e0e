package workspace

import (
	"context"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"testing"

	"gapwise/frameworks"
	"gapwise/internal/store"
)

// Opening for reading a database that lacks this build's packs (one made by
// the store alone, or by an older build) gives the command what the app
// would see: the packs are added, as Open adds them, and what opening it
// did is still told (here, making it private).
func TestOpenReaderAddsMissingPacks(t *testing.T) {
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "gapwise.db")
	st, err := store.Open(ctx, path)
	if err != nil {
		t.Fatal(err)
	}
	st.Close()
	if runtime.GOOS != "windows" {
		if err := os.Chmod(path, 0o644); err != nil {
			t.Fatal(err)
		}
	}

	ws, err := OpenReader(ctx, path)
	if err != nil {
		t.Fatal(err)
	}
	defer ws.Close()
	got, err := ws.Frameworks(ctx)
	if err != nil {
		t.Fatal(err)
	}
	files, err := frameworks.Files()
	if err != nil {
		t.Fatal(err)
	}
	if len(got) != len(files) {
		t.Errorf("%d framework versions after opening for reading; want the %d built in", len(got), len(files))
	}
	if runtime.GOOS != "windows" && !strings.Contains(strings.Join(ws.Notices(), "\n"), "made it private") {
		t.Errorf("notices %q; want the one saying the file was made private", ws.Notices())
	}
}

// With the packs in place, a reading workspace shows a view and cannot save.
func TestOpenReaderReadsAndCannotSave(t *testing.T) {
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "gapwise.db")
	ws, err := Open(ctx, path)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := ws.CreateSampleData(ctx); err != nil {
		t.Fatal(err)
	}
	ws.Close()

	r, err := OpenReader(ctx, path)
	if err != nil {
		t.Fatal(err)
	}
	defer r.Close()
	people, err := r.People(ctx)
	if err != nil || len(people) == 0 {
		t.Fatalf("people read for reading: %d %v", len(people), err)
	}
	p := people[0]
	p.Name = "Renamed Example"
	if err := r.UpdatePerson(ctx, p); err == nil {
		t.Error("a workspace opened for reading saved a change")
	}
}
