//go:build unix

package cli

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"

	"gapwise/internal/exchange/exchangetest"
)

// The CLI refuses the whole bad-file corpus, and a FIFO, with exit 1 and
// without hanging.
func TestAssessImportRefusesTheBadCorpusAndFIFOs(t *testing.T) {
	db := tempDB(t)
	if code, _, errOut := run(t, "--db", db, "demo"); code != ExitOK {
		t.Fatalf("demo: %s", errOut)
	}
	// Sam Jones, whom the spoofing files impersonate.
	if code, _, errOut := run(t, "--db", db, "assess", "import", filepath.Join(exchangetest.Dir(), "corpus-setup.gapwise.json")); code != ExitOK {
		t.Fatalf("setup: %s", errOut)
	}
	bad := filepath.Join(exchangetest.Dir(), "bad")
	files, _ := filepath.Glob(filepath.Join(bad, "*.json"))
	code, out, errOut := run(t, "--db", db, "assess", "import", bad)
	if code != ExitUser || strings.Count(out, "refused: ") != len(files) || strings.Contains(out, "Imported") ||
		!strings.Contains(errOut, fmt.Sprintf("%d of %d file(s) refused", len(files), len(files))) {
		t.Fatalf("exit %d, %d refusals of %d files; stderr %q", code, strings.Count(out, "refused: "), len(files), errOut)
	}

	dir := t.TempDir()
	fifo := filepath.Join(dir, "x.json")
	if err := syscall.Mkfifo(fifo, 0o600); err != nil {
		t.Skip(err)
	}
	defer os.Remove(fifo)
	for _, args := range [][]string{{"assess", "import", fifo}, {"assess", "import", dir}} {
		code, out, _ := run(t, append([]string{"--db", db}, args...)...)
		if code != ExitUser || !strings.Contains(out, "is a named pipe (FIFO), not a file") {
			t.Errorf("%v: exit %d %q", args, code, out)
		}
	}
}
