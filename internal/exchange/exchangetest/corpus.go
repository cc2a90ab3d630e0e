// Package exchangetest serves the bad-file corpus of assessment files
// (internal/exchange/testdata) to the tests of every layer that imports
// them: the decoder, the workspace and the CLI.
package exchangetest

import (
	"bufio"
	"fmt"
	"os"
	"path/filepath"
	"runtime"
	"strconv"
	"strings"
)

// Dir is the corpus folder: bad/ (with expect.tsv), good/ and
// corpus-setup.gapwise.json, the data a test database holds first.
func Dir() string {
	_, file, _, _ := runtime.Caller(0)
	return filepath.Join(filepath.Dir(file), "..", "testdata")
}

// Bad is one file of bad/ and what its refusal must say.
type Bad struct {
	File     string // name in bad/
	Decoder  bool   // refused by the decoder itself, else by the workspace
	Line     int    // the line the message names; 0 for none
	Fragment string // words the message contains
}

// Path is where the file is.
func (b Bad) Path() string { return filepath.Join(Dir(), "bad", b.File) }

// BadFiles reads bad/expect.tsv.
func BadFiles() ([]Bad, error) {
	f, err := os.Open(filepath.Join(Dir(), "bad", "expect.tsv"))
	if err != nil {
		return nil, err
	}
	defer f.Close()
	var out []Bad
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		if strings.HasPrefix(sc.Text(), "#") {
			continue
		}
		p := strings.SplitN(sc.Text(), "\t", 4)
		if len(p) != 4 {
			return nil, fmt.Errorf("expect.tsv: %q", sc.Text())
		}
		line, err := strconv.Atoi(p[2])
		if err != nil {
			return nil, fmt.Errorf("expect.tsv: %q: %w", sc.Text(), err)
		}
		out = append(out, Bad{File: p[0], Decoder: p[1] == "d", Line: line, Fragment: p[3]})
	}
	return out, sc.Err()
}

// GoodFiles lists the files of good/, which must be accepted.
func GoodFiles() ([]string, error) {
	return filepath.Glob(filepath.Join(Dir(), "good", "*.gapwise.json"))
}
