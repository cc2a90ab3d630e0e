package frameworkfile

import (
	"bytes"
	"fmt"

	"gapwise/internal/xlsx"
)

// xlsxBook is a workbook read whole: each sheet's cell text, as the
// spreadsheet shows it, in sheet order.
type xlsxBook struct {
	file     string
	names    []string
	sheets   map[string][][]string
	modified string // core property dcterms:modified, ISO 8601, may be empty
}

// isZip is the cheap first test for a spreadsheet: XLSX is a zip archive.
func isZip(data []byte) bool { return bytes.HasPrefix(data, []byte("PK\x03\x04")) }

// Limits for reading a workbook: framework spreadsheets are a few megabytes;
// these refuse a zip bomb before it fills memory.
const (
	xlsxUnzipLimit    = 256 << 20
	xlsxUnzipXMLLimit = 64 << 20
)

// openXLSX reads every sheet of a workbook.
func openXLSX(f File) (*xlsxBook, error) {
	name := baseName(f)
	if !isZip(f.Data) {
		return nil, invalidf("%s is not an XLSX spreadsheet (an .xlsx file is a zip archive; this one is not)", name)
	}
	x, err := xlsx.Read(f.Data, xlsx.Limits{Total: xlsxUnzipLimit, Part: xlsxUnzipXMLLimit})
	if err != nil {
		return nil, invalidf("%s cannot be read as an XLSX spreadsheet: %v", name, err)
	}
	b := &xlsxBook{file: name, sheets: map[string][][]string{}, modified: x.Modified}
	for _, s := range x.Sheets {
		b.names = append(b.names, s.Name)
		b.sheets[s.Name] = s.Rows
	}
	return b, nil
}

// cell names a cell for messages: "file, sheet Skills, cell M12".
func (b *xlsxBook) cell(sheet string, row, col int) string {
	return fmt.Sprintf("%s, sheet %q, cell %s", b.file, sheet, xlsx.CellName(col+1, row+1))
}

// rowRef names a row for messages.
func (b *xlsxBook) rowRef(sheet string, row int) string {
	return fmt.Sprintf("%s, sheet %q, row %d", b.file, sheet, row+1)
}

// at returns the cell text, or "" past the end of a short row.
func at(row []string, col int) string {
	if col < 0 || col >= len(row) {
		return ""
	}
	return row[col]
}
