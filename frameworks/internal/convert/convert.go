// Package convert turns the source data in frameworks/src into model.Framework
// values, one function per framework. It is the only code that knows the
// shape of the upstream CSV files; the packs it produces are what the app
// embeds, so a change to the sources shows up as a diff in frameworks/packs.
//
// The converters copy wording unchanged except for whitespace (see
// CleanText). Everything Gapwise adds (manifests, notices, the FCI scale,
// DDaT role-level order) is written in this package, in Go, so that it is
// reviewed like code.
package convert

import (
	"bytes"
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"slices"
	"strconv"
	"strings"
	"unicode"

	"gapwise/internal/exchange/frameworkfile"
	"gapwise/internal/model"
)

// All converts every framework in src (a view of frameworks/src), in the
// order the packs are listed: id, then version.
func All(src fs.FS) ([]*model.Framework, error) {
	var out []*model.Framework
	for _, conv := range []func(fs.FS) (*model.Framework, error){DDaT, FCI, SFIA8, SFIA9} {
		f, err := conv(src)
		if err != nil {
			return nil, err
		}
		out = append(out, f)
	}
	return out, nil
}

// Slug makes the lower-case, hyphenated ids used for DDaT skills, roles and
// SFIA groups (frameworkfile.Slug, shared with the app's framework import).
func Slug(s string) string { return frameworkfile.Slug(s) }

// CleanText normalises source text without changing its wording
// (frameworkfile.CleanText, shared with the app's framework import).
func CleanText(s string) string { return frameworkfile.CleanText(s) }

// table is a CSV file read whole, with its columns checked against what the
// converter expects so that an upstream format change fails loudly instead
// of producing an empty or shifted pack.
type table struct {
	name string
	cols map[string]int
	rows [][]string
	line []int // source line of each row, for error messages
}

// readTable reads a CSV file whose header must be exactly want.
func readTable(src fs.FS, name string, want ...string) (*table, error) {
	data, err := fs.ReadFile(src, name)
	if err != nil {
		return nil, fmt.Errorf("read source %s: %w", name, err)
	}
	data = bytes.TrimPrefix(data, []byte("\ufeff"))
	r := csv.NewReader(bytes.NewReader(data))
	r.FieldsPerRecord = len(want)
	header, err := r.Read()
	if err != nil {
		return nil, fmt.Errorf("read source %s: header: %w", name, err)
	}
	if !slices.Equal(header, want) {
		return nil, fmt.Errorf("read source %s: columns are %q, want %q", name, header, want)
	}
	t := &table{name: name, cols: make(map[string]int, len(want))}
	for i, c := range want {
		t.cols[c] = i
	}
	for {
		rec, err := r.Read()
		if err != nil {
			if errors.Is(err, io.EOF) {
				break
			}
			return nil, fmt.Errorf("read source %s: %w", name, err)
		}
		line, _ := r.FieldPos(0)
		t.rows = append(t.rows, rec)
		t.line = append(t.line, line)
	}
	return t, nil
}

// get returns a column of row i, trimmed of surrounding space (several
// official names carry a stray trailing space, e.g. "End user computing
// engineer "). Asking for a column the table lacks is a programming error.
func (t *table) get(i int, col string) string {
	c, ok := t.cols[col]
	if !ok {
		panic(fmt.Sprintf("convert: %s has no column %q", t.name, col))
	}
	return strings.TrimSpace(t.rows[i][c])
}

// text returns a column of row i as cleaned prose.
func (t *table) text(i int, col string) string { return CleanText(t.rows[i][t.cols[col]]) }

// errorf names the file and line of row i.
func (t *table) errorf(i int, format string, args ...any) error {
	return fmt.Errorf("%s line %d: %s", t.name, t.line[i], fmt.Sprintf(format, args...))
}

// parseLevels reads "4;5;6" (or "1, 2") into ascending ints.
func parseLevels(s string) ([]int, error) {
	var out []int
	for _, f := range strings.FieldsFunc(s, func(r rune) bool { return r == ';' || r == ',' || unicode.IsSpace(r) }) {
		n, err := strconv.Atoi(f)
		if err != nil {
			return nil, fmt.Errorf("level %q is not a whole number", f)
		}
		out = append(out, n)
	}
	slices.Sort(out)
	return slices.Compact(out), nil
}
