package frameworkfile

import (
	"bytes"
	"crypto/sha256"
	"encoding/csv"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"path/filepath"
	"strings"
	"unicode/utf8"

	"gapwise/frameworks"
	"gapwise/internal/model"
)

// Helpers shared by the readers of outside formats (Moodle, Mahara, DIRECT,
// SFIA spreadsheet, template): reading CSV with line numbers, naming places
// in errors, making pack ids from a source's own ids, and turning a tree of
// any depth into groups and items.

// baseName is how a file is named in messages: the user knows which folder
// they picked it from.
func baseName(f File) string {
	if f.Name == "" {
		return "the file"
	}
	return filepath.Base(f.Name)
}

// invalidf makes the reader error every refusal uses.
func invalidf(format string, args ...any) error {
	return model.Errorf(model.Invalid, format, args...)
}

// textTable is a CSV file read whole: a header and rows, each row with the
// line it starts on (a quoted field may span lines).
type textTable struct {
	file   string
	header []string       // as written, trimmed
	col    map[string]int // lower-cased header -> index
	rows   [][]string
	lines  []int
	hline  int // line of the header
}

// readTextCSV reads a UTF-8 CSV file whose first non-empty line is a header. The
// delimiter is the comma unless the header holds more semicolons or tabs
// (spreadsheets in many European locales save with ';'). Rows that are wholly
// empty are skipped; a row with more fields than the header is refused
// unless the extra fields are empty.
func readTextCSV(f File) (*textTable, error) {
	name := baseName(f)
	data := bytes.TrimPrefix(f.Data, []byte("\ufeff"))
	if len(bytes.TrimSpace(data)) == 0 {
		return nil, invalidf("%s is empty", name)
	}
	if !utf8.Valid(data) {
		line := bytes.Count(data[:firstInvalidUTF8(data)], []byte("\n")) + 1
		return nil, invalidf("%s line %d: the text is not UTF-8; save the file as \"CSV UTF-8\" and try again", name, line)
	}
	r := csv.NewReader(bytes.NewReader(data))
	r.Comma = sniffDelimiter(data)
	r.FieldsPerRecord = -1
	t := &textTable{file: name, col: map[string]int{}}
	for {
		rec, err := r.Read()
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			var pe *csv.ParseError
			if errors.As(err, &pe) {
				return nil, invalidf("%s line %d, column %d: %v", name, pe.Line, pe.Column, pe.Err)
			}
			return nil, invalidf("%s: %v", name, err)
		}
		line, _ := r.FieldPos(0)
		if isBlank(rec) {
			continue
		}
		if t.header == nil {
			t.hline = line
			for i, h := range rec {
				h = strings.TrimSpace(h)
				t.header = append(t.header, h)
				if h == "" {
					continue
				}
				key := strings.ToLower(h)
				if _, dup := t.col[key]; dup {
					return nil, invalidf("%s line %d: column %q appears twice in the header", name, line, h)
				}
				t.col[key] = i
			}
			continue
		}
		if len(rec) > len(t.header) {
			if !isBlank(rec[len(t.header):]) {
				return nil, invalidf("%s line %d: %d fields, but the header has %d columns", name, line, len(rec), len(t.header))
			}
			rec = rec[:len(t.header)]
		}
		t.rows = append(t.rows, rec)
		t.lines = append(t.lines, line)
	}
	if t.header == nil {
		return nil, invalidf("%s is empty", name)
	}
	return t, nil
}

func firstInvalidUTF8(b []byte) int {
	for i := 0; i < len(b); {
		r, n := utf8.DecodeRune(b[i:])
		if r == utf8.RuneError && n <= 1 {
			return i
		}
		i += n
	}
	return len(b)
}

func isBlank(rec []string) bool {
	for _, v := range rec {
		if strings.TrimSpace(v) != "" {
			return false
		}
	}
	return true
}

// sniffDelimiter counts candidate delimiters outside quotes on the first line.
func sniffDelimiter(data []byte) rune {
	counts := map[rune]int{}
	inQuote := false
	for _, r := range string(data) {
		if r == '"' {
			inQuote = !inQuote
			continue
		}
		if inQuote {
			continue
		}
		if r == '\n' {
			break
		}
		if r == ',' || r == ';' || r == '\t' {
			counts[r]++
		}
	}
	best := ','
	for _, d := range []rune{';', '\t'} {
		if counts[d] > counts[best] {
			best = d
		}
	}
	return best
}

// where names row i for an error: "file line N".
func (t *textTable) where(i int) string { return fmt.Sprintf("%s line %d", t.file, t.lines[i]) }

// index finds the first of the names the header uses, or -1.
func (t *textTable) index(names ...string) int {
	for _, n := range names {
		if i, ok := t.col[strings.ToLower(n)]; ok {
			return i
		}
	}
	return -1
}

// headerLine returns the first non-empty line of a text file, without a BOM,
// for cheap detection.
func headerLine(data []byte) string {
	data = bytes.TrimPrefix(data, []byte("\ufeff"))
	for len(data) > 0 {
		line := data
		if i := bytes.IndexByte(data, '\n'); i >= 0 {
			line, data = data[:i], data[i+1:]
		} else {
			data = nil
		}
		if s := strings.TrimSpace(string(line)); s != "" {
			return s
		}
	}
	return ""
}

// idMaker turns a source's own ids into pack ids: kept when they fit the
// pack's id rule and are unused, otherwise made to fit (spaces and other
// characters become '-') and numbered apart. Changes are reported so that a
// person can match ratings to their old system.
type idMaker struct {
	used     map[string]bool
	fallback string // prefix for ids with nothing usable, e.g. "item"
	n        int
}

func newIDMaker(fallback string) *idMaker {
	return &idMaker{used: map[string]bool{}, fallback: fallback}
}

// make returns the pack id for raw; changed is true when it differs.
func (m *idMaker) make(raw string) (id string, changed bool) {
	raw = strings.TrimSpace(raw)
	m.n++
	id = raw
	if !frameworks.ValidID(id) {
		id = idChars(raw)
	}
	if id == "" {
		id = fmt.Sprintf("%s-%d", m.fallback, m.n)
	}
	if m.used[id] {
		base := id
		for k := 2; m.used[id]; k++ {
			id = fmt.Sprintf("%s-%d", base, k)
		}
	}
	m.used[id] = true
	return id, id != raw
}

// idChars keeps ASCII letters, digits, '.', '_' and '-', turns every other
// run into one '-', and trims what an id may not start or end with.
func idChars(s string) string {
	var b strings.Builder
	pending := false
	for _, r := range s {
		ok := (r >= 'a' && r <= 'z') || (r >= 'A' && r <= 'Z') || (r >= '0' && r <= '9') || r == '.' || r == '_' || r == '-'
		if !ok {
			pending = true
			continue
		}
		if pending && b.Len() > 0 {
			b.WriteByte('-')
		}
		pending = false
		b.WriteRune(r)
	}
	return strings.TrimLeft(strings.TrimRight(b.String(), "-"), "._-")
}

// proposedRef makes the id@version a framework is offered under before the
// user chooses: the id from its name (or the format when the name has no
// usable letters), the version from the file's own version or else from its
// content, so the same file always proposes the same ref.
func proposedRef(name, fallbackID, version string, files []File) model.FrameworkRef {
	id := Slug(name)
	if len(id) > 40 {
		id = strings.TrimRight(id[:40], "-")
	}
	if !frameworks.ValidFrameworkID(id) {
		id = fallbackID
	}
	version = strings.TrimSpace(version)
	if !frameworks.ValidVersion(version) {
		if v := idChars(version); v != "" && frameworks.ValidVersion(v) {
			version = v
		} else {
			version = contentVersion(files)
		}
	}
	return model.FrameworkRef{ID: id, Version: version}
}

// contentVersion is a short hash of the files' bytes, in the given order.
func contentVersion(files []File) string {
	h := sha256.New()
	for _, f := range files {
		h.Write(f.Data)
	}
	return "h" + hex.EncodeToString(h.Sum(nil))[:8]
}
