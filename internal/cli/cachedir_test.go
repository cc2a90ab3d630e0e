package cli

import (
	"os"
	"testing"
)

// TestMain keeps the tests' clean-check records (store/cleancheck.go) out
// of the real user's cache folder: each run gets its own, removed after.
func TestMain(m *testing.M) {
	dir, err := os.MkdirTemp("", "gapwise-test-cache-")
	if err != nil {
		panic(err)
	}
	os.Setenv("XDG_CACHE_HOME", dir) // Linux and the BSDs
	os.Setenv("LOCALAPPDATA", dir)   // Windows
	code := m.Run()
	os.RemoveAll(dir)
	os.Exit(code)
}
