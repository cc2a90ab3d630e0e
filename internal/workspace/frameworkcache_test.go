package workspace

import (
	"context"
	"path/filepath"
	"reflect"
	"testing"

	"gapwise/frameworks"
	"gapwise/internal/model"
)

// An imported framework read through its compiled form is the one its JSON
// gives, on the first open (which saves the form) and the next (which uses
// it); a damaged form is ignored, the JSON read instead, and the form
// rebuilt.
func TestFrameworkFromCompiledFormIsTheParsedOne(t *testing.T) {
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "gapwise.db")
	ws0, err := Open(ctx, path)
	if err != nil {
		t.Fatal(err)
	}
	ref := importFiles(t, ws0, "", alteredDDaTFiles(t)...).Ref
	ws0.Close()
	if IsBuiltIn(ref) {
		t.Fatalf("%s is built in", ref)
	}
	raw := func(ws *Workspace) []byte {
		r, err := ws.store.FrameworkRaw(ctx, ref)
		if err != nil {
			t.Fatal(err)
		}
		return r
	}
	load := func(step string) *model.Framework {
		t.Helper()
		ws, err := Open(ctx, path)
		if err != nil {
			t.Fatal(err)
		}
		defer ws.Close()
		got, err := ws.Framework(ctx, ref)
		if err != nil {
			t.Fatalf("%s: %v", step, err)
		}
		want, err := frameworks.Parse(raw(ws))
		if err != nil {
			t.Fatal(err)
		}
		if !reflect.DeepEqual(got, want) {
			t.Errorf("%s: the framework differs from its parsed JSON", step)
		}
		if savedCompiled(t, ws, ref) == nil {
			t.Errorf("%s: no compiled form saved", step)
		}
		return got
	}
	load("first open")
	load("second open")

	// Damage the saved form (as a bad sector inside the blob would).
	ws, err := Open(ctx, path)
	if err != nil {
		t.Fatal(err)
	}
	_, sum, err := ws.store.FrameworkSource(ctx, ref)
	if err != nil {
		t.Fatal(err)
	}
	good := frameworks.Compile(load("again"))
	bad := append([]byte{}, good...)
	bad[len(bad)/2] ^= 1
	if err := ws.store.SaveCompiledFramework(ctx, ref, sum, frameworks.CompiledVersion, bad); err != nil {
		t.Fatal(err)
	}
	ws.Close()
	load("after damage")
	ws, err = Open(ctx, path)
	if err != nil {
		t.Fatal(err)
	}
	saved := savedCompiled(t, ws, ref)
	ws.Close()
	if !reflect.DeepEqual(saved, good) {
		t.Error("the damaged compiled form was not rebuilt")
	}
}

// A built-in pack is read from the program's own compiled form, not the
// database's: it is exactly the parsed JSON the database holds, and no
// compiled copy of it is written to the database.
func TestBuiltInFrameworkIsReadFromTheProgram(t *testing.T) {
	ctx := context.Background()
	ws, err := Open(ctx, filepath.Join(t.TempDir(), "gapwise.db"))
	if err != nil {
		t.Fatal(err)
	}
	defer ws.Close()
	files, err := frameworks.Files()
	if err != nil {
		t.Fatal(err)
	}
	for _, file := range files {
		got, err := ws.Framework(ctx, file.Ref)
		if err != nil {
			t.Fatal(err)
		}
		raw, err := ws.store.FrameworkRaw(ctx, file.Ref)
		if err != nil {
			t.Fatal(err)
		}
		want, err := frameworks.Parse(raw)
		if err != nil {
			t.Fatal(err)
		}
		if !reflect.DeepEqual(got, want) {
			t.Errorf("%s: the framework differs from the JSON in the database", file.Ref)
		}
		if savedCompiled(t, ws, file.Ref) != nil {
			t.Errorf("%s: a compiled copy was written to the database", file.Ref)
		}
	}
}

// savedCompiled is the compiled form of ref the database holds for the
// pack's JSON as it is now (nil: none).
func savedCompiled(t *testing.T, ws *Workspace, ref model.FrameworkRef) []byte {
	t.Helper()
	ctx := context.Background()
	sum, err := ws.store.FrameworkChecksum(ctx, ref)
	if err != nil {
		t.Fatal(err)
	}
	var saved []byte
	if err := ws.store.CompiledFramework(ctx, ref, sum, frameworks.CompiledVersion, func(d []byte) { saved = append([]byte{}, d...) }); err != nil {
		t.Fatal(err)
	}
	return saved
}
