package workspace

import (
	"context"
	"path/filepath"
	"reflect"
	"testing"

	"gapwise/frameworks"
	"gapwise/internal/model"
)

// A framework read through its compiled form is the one its JSON gives, on
// the first open (which saves the form) and the next (which uses it); a
// damaged form is ignored, the JSON read instead, and the form rebuilt.
func TestFrameworkFromCompiledFormIsTheParsedOne(t *testing.T) {
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "gapwise.db")
	ref := model.FrameworkRef{ID: "ddat", Version: "2025-q3"}
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
		var saved []byte
		if err := ws.store.CompiledFramework(ctx, ref, frameworks.CompiledVersion, func(d []byte) { saved = append(saved, d...) }); err != nil {
			t.Fatal(err)
		}
		if saved == nil {
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
	var saved []byte
	if err := ws.store.CompiledFramework(ctx, ref, frameworks.CompiledVersion, func(d []byte) { saved = append(saved, d...) }); err != nil {
		t.Fatal(err)
	}
	ws.Close()
	if !reflect.DeepEqual(saved, good) {
		t.Error("the damaged compiled form was not rebuilt")
	}
}
