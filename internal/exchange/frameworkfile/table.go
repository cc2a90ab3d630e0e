package frameworkfile

import (
	"fmt"
	"strings"

	"gapwise/internal/xlsx"
)

// Table is one CSV file or one spreadsheet sheet read whole, with a header
// row, for readers of other tables that go with a framework (learning
// catalogues): the same CSV rules (UTF-8 with or without a BOM, the
// delimiter sniffed, blank rows skipped) and the same XLSX limits as the
// framework readers, and places named the same way in messages.
type Table struct {
	File   string // the file's base name
	Sheet  string // the sheet's name; "" for a CSV file
	Header []string
	Rows   [][]string
	at     []int // CSV line, or 1-based sheet row, of each row
}

// Row names row i for a message: "file.csv line 12" or
// `file.xlsx, sheet "Courses", row 12`.
func (t *Table) Row(i int) string {
	if t.Sheet == "" {
		return fmt.Sprintf("%s line %d", t.File, t.at[i])
	}
	return fmt.Sprintf("%s, sheet %q, row %d", t.File, t.Sheet, t.at[i])
}

// Cell names column col of row i: "file.csv line 12, column url" or
// `file.xlsx, sheet "Courses", cell C12 (url)`.
func (t *Table) Cell(i, col int) string {
	name := ""
	if col >= 0 && col < len(t.Header) {
		name = t.Header[col]
	}
	if t.Sheet == "" {
		return fmt.Sprintf("%s line %d, column %s", t.File, t.at[i], name)
	}
	return fmt.Sprintf("%s, sheet %q, cell %s (%s)", t.File, t.Sheet, xlsx.CellName(col+1, t.at[i]), name)
}

// Value is the text of column col in row i ("" past a short row or col < 0).
func (t *Table) Value(i, col int) string { return at(t.Rows[i], col) }

// Column finds the first of names (compared ignoring case and surrounding
// space) the header uses, or -1.
func (t *Table) Column(names ...string) int {
	for _, n := range names {
		for c, h := range t.Header {
			if strings.EqualFold(strings.TrimSpace(h), n) {
				return c
			}
		}
	}
	return -1
}

// ReadTables reads a CSV file as one table, or an XLSX workbook as one table
// per sheet that holds anything (its first non-empty row is the header).
// Errors are model.Invalid and name the file and line.
func ReadTables(f File) ([]*Table, error) {
	if isZip(f.Data) {
		b, err := openXLSX(f)
		if err != nil {
			return nil, err
		}
		var out []*Table
		for _, s := range b.names {
			t := &Table{File: b.file, Sheet: s}
			for r, row := range b.sheets[s] {
				if isBlank(row) {
					continue
				}
				if t.Header == nil {
					for _, h := range row {
						t.Header = append(t.Header, strings.TrimSpace(h))
					}
					continue
				}
				if len(row) > len(t.Header) && !isBlank(row[len(t.Header):]) {
					return nil, invalidf("%s, sheet %q, row %d: a value beyond the last column of the header", b.file, s, r+1)
				}
				t.Rows = append(t.Rows, row)
				t.at = append(t.at, r+1)
			}
			if t.Header != nil {
				out = append(out, t)
			}
		}
		if len(out) == 0 {
			return nil, invalidf("%s is an empty workbook", b.file)
		}
		return out, nil
	}
	c, err := readTextCSV(f)
	if err != nil {
		return nil, err
	}
	return []*Table{{File: c.file, Header: c.header, Rows: c.rows, at: c.lines}}, nil
}
