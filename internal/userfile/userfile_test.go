package userfile

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"testing/iotest"
)

// Read gives a file's bytes exactly, whatever its size, and refuses one
// over the limit.
func TestReadGivesTheWholeFile(t *testing.T) {
	dir := t.TempDir()
	for _, n := range []int{0, 1, 511, 512, 513, 21135, 1 << 20} {
		data := bytes.Repeat([]byte("0123456789abcdef"), n/16+1)[:n]
		path := filepath.Join(dir, "f.json")
		if err := os.WriteFile(path, data, 0o600); err != nil {
			t.Fatal(err)
		}
		got, err := Read(path, 1<<20, "a test file")
		if err != nil || !bytes.Equal(got, data) {
			t.Errorf("%d bytes: read %d bytes, %v", n, len(got), err)
		}
	}
	big := filepath.Join(dir, "big.json")
	os.WriteFile(big, make([]byte, 2000), 0o600)
	if _, err := Read(big, 1000, "a test file"); err == nil {
		t.Error("a file over the limit was read")
	}
}

// readAll reads past the size it was told (a file that grew since it was
// opened), and from a reader that gives a byte at a time.
func TestReadAllBeyondTheExpectedSize(t *testing.T) {
	want := strings.Repeat("x", 5000)
	for _, size := range []int64{0, 10, 4999, 5000, 6000} {
		got, err := readAll(iotest.OneByteReader(strings.NewReader(want)), size)
		if err != nil || string(got) != want {
			t.Errorf("size %d: %d bytes, %v", size, len(got), err)
		}
	}
}
