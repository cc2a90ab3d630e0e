package cli

import (
	"bytes"
	"context"
	"path/filepath"
	"runtime"
	"testing"
)

// gapwise-cli runs a command on one core (cmd/gapwise-cli); the imports,
// which check files on every core, take the runtime's default back, and
// other commands leave the setting alone.
func TestImportsTakeEveryCore(t *testing.T) {
	if runtime.NumCPU() < 2 {
		t.Skip("one CPU")
	}
	t.Setenv("GOMAXPROCS", "")
	defer runtime.GOMAXPROCS(runtime.GOMAXPROCS(0))
	db := filepath.Join(t.TempDir(), "gapwise.db")
	run := func(args ...string) {
		var out, errb bytes.Buffer
		Run(context.Background(), append([]string{"--db", db}, args...), &out, &errb)
	}
	runtime.GOMAXPROCS(1)
	run("people", "list")
	if n := runtime.GOMAXPROCS(0); n != 1 {
		t.Errorf("people list changed GOMAXPROCS to %d", n)
	}
	for _, args := range [][]string{
		{"assess", "import", filepath.Join(t.TempDir(), "missing.gapwise.json")},
		{"team", "import", "--team", "no-such-team", t.TempDir()},
	} {
		runtime.GOMAXPROCS(1)
		run(args...)
		if n := runtime.GOMAXPROCS(0); n < 2 {
			t.Errorf("%v ran on %d core(s)", args, n)
		}
	}
}
