package frameworkfile

import (
	"bytes"
	"fmt"

	"github.com/xuri/excelize/v2"
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
	x, err := excelize.OpenReader(bytes.NewReader(f.Data), excelize.Options{UnzipSizeLimit: xlsxUnzipLimit, UnzipXMLSizeLimit: xlsxUnzipXMLLimit})
	if err != nil {
		return nil, invalidf("%s cannot be read as an XLSX spreadsheet: %v", name, err)
	}
	defer x.Close()
	b := &xlsxBook{file: name, sheets: map[string][][]string{}}
	if props, err := x.GetDocProps(); err == nil && props != nil {
		b.modified = props.Modified
	}
	for _, s := range x.GetSheetList() {
		rows, err := x.GetRows(s)
		if err != nil {
			return nil, invalidf("%s, sheet %q cannot be read: %v", name, s, err)
		}
		b.names = append(b.names, s)
		b.sheets[s] = rows
	}
	return b, nil
}

// cell names a cell for messages: "file, sheet Skills, cell M12".
func (b *xlsxBook) cell(sheet string, row, col int) string {
	ref, err := excelize.CoordinatesToCellName(col+1, row+1)
	if err != nil {
		ref = fmt.Sprintf("row %d, column %d", row+1, col+1)
	}
	return fmt.Sprintf("%s, sheet %q, cell %s", b.file, sheet, ref)
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
