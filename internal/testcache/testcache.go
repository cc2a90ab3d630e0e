// Package testcache gives a test binary its own user cache folder, so the
// clean-check records store writes (store/cleancheck.go) never land in the
// real user's cache. Imported only by tests.
package testcache

import (
	"os"
	"testing"
)

// Main runs m with XDG_CACHE_HOME (Linux, BSDs) and LOCALAPPDATA (Windows)
// pointing at a temporary folder, removed afterwards, and exits.
func Main(m *testing.M) {
	dir, err := os.MkdirTemp("", "gapwise-test-cache-")
	if err != nil {
		panic(err)
	}
	os.Setenv("XDG_CACHE_HOME", dir)
	os.Setenv("LOCALAPPDATA", dir)
	code := m.Run()
	os.RemoveAll(dir)
	os.Exit(code)
}
