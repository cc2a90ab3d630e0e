package xlsx

import (
	"archive/zip"
	"bytes"
	"os"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"
)

// excelizeBook writes, with excelize, what a framework or catalogue
// spreadsheet holds: shared strings, rich text, numbers, dates,
// percentages, booleans, formulas, blanks and several sheets.
func excelizeBook(t testing.TB) []byte {
	t.Helper()
	x := excelize.NewFile()
	defer x.Close()
	must := func(err error) {
		t.Helper()
		if err != nil {
			t.Fatal(err)
		}
	}
	must(x.SetSheetName("Sheet1", "Items"))
	must(x.SetCellStr("Items", "A1", "Item ID"))
	must(x.SetCellStr("Items", "C1", "  padded title  "))
	must(x.SetCellValue("Items", "A2", 3))
	must(x.SetCellValue("Items", "B2", 0.1+0.2)) // 0.30000000000000004: General shows 0.3
	must(x.SetCellValue("Items", "C2", true))
	must(x.SetCellStr("Items", "D2", "Qualité — 理由 _x000D_ literal\nsecond line"))
	must(x.SetCellRichText("Items", "A4", []excelize.RichTextRun{{Text: "bold "}, {Text: "and plain", Font: &excelize.Font{Bold: true}}}))
	must(x.SetCellFormula("Items", "B4", "A2*2"))
	must(x.SetCellValue("Items", "E6", 1234567.5))
	date, _ := x.NewStyle(&excelize.Style{NumFmt: 14})
	stamp, _ := x.NewStyle(&excelize.Style{NumFmt: 22})
	custom := "dd/mm/yyyy"
	own, _ := x.NewStyle(&excelize.Style{CustomNumFmt: &custom})
	pct, _ := x.NewStyle(&excelize.Style{NumFmt: 10})
	two, _ := x.NewStyle(&excelize.Style{NumFmt: 2}) // 0.00
	must(x.SetCellValue("Items", "A7", 45686))       // 2025-01-29
	must(x.SetCellStyle("Items", "A7", "A7", date))
	must(x.SetCellValue("Items", "B7", 45686.5))
	must(x.SetCellStyle("Items", "B7", "B7", stamp))
	must(x.SetCellValue("Items", "C7", 45686))
	must(x.SetCellStyle("Items", "C7", "C7", own))
	must(x.SetCellValue("Items", "D7", 0.125))
	must(x.SetCellStyle("Items", "D7", "D7", pct))
	must(x.SetCellValue("Items", "E7", 3))
	must(x.SetCellStyle("Items", "E7", "E7", two))
	must(x.SetCellStyle("Items", "A9", "C9", pct)) // styled blanks only
	if _, err := x.NewSheet("Empty"); err != nil {
		t.Fatal(err)
	}
	if _, err := x.NewSheet("Levels"); err != nil {
		t.Fatal(err)
	}
	must(x.SetCellStr("Levels", "B3", "only cell"))
	var buf bytes.Buffer
	must(x.Write(&buf))
	return buf.Bytes()
}

func TestReadExcelizeWorkbook(t *testing.T) {
	data := excelizeBook(t)
	b, err := Read(data, Limits{})
	if err != nil {
		t.Fatal(err)
	}
	want := map[string][][]string{
		"Items": {
			{"Item ID", "", "  padded title  "},
			// excelize writes a literal "_x000D_" unescaped, so it reads (in
			// excelize too) as the carriage return it encodes.
			{"3", "0.3", "TRUE", "Qualité — 理由 \r literal\nsecond line"},
			nil,
			{"bold and plain", ""},
			nil,
			{"", "", "", "", "1234567.5"},
			// Dates as ISO 8601, whatever the format; 3 in a 0.00 format is 3.
			{"2025-01-29", "2025-01-29 12:00:00", "2025-01-29", "12.50%", "3"},
		},
		"Empty":  nil,
		"Levels": {nil, nil, {"", "only cell"}},
	}
	if len(b.Sheets) != 3 {
		t.Fatalf("sheets %+v", b.Sheets)
	}
	for i, name := range []string{"Items", "Empty", "Levels"} {
		s := b.Sheets[i]
		if s.Name != name || !sameRows(s.Rows, want[name]) {
			t.Errorf("sheet %d %q:\n got %q\nwant %q", i, s.Name, s.Rows, want[name])
		}
	}
	// Where excelize's own reading has no format of its choosing to apply
	// (text, General numbers), the two agree.
	_, rows, _ := excelizeRows(t, data)
	for r := 0; r < 6; r++ {
		if r == 3 {
			continue // the formula's cell: excelize has no cached result to show either, but keeps the cell
		}
		if !sameRows([][]string{b.Sheets[0].Rows[r]}, [][]string{rows[0][r]}) {
			t.Errorf("row %d: %q; excelize reads %q", r+1, b.Sheets[0].Rows[r], rows[0][r])
		}
	}
}

// zipOf builds an archive of the given parts.
func zipOf(t testing.TB, parts map[string]string) []byte {
	t.Helper()
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	for name, body := range parts {
		w, err := zw.Create(name)
		if err != nil {
			t.Fatal(err)
		}
		if _, err := w.Write([]byte(body)); err != nil {
			t.Fatal(err)
		}
	}
	if err := zw.Close(); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

const minimalWorkbook = `<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets><sheet name="S" sheetId="1" r:id="rId1"/></sheets></workbook>`
const minimalRels = `<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/><Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings" Target="/xl/sharedStrings.xml"/></Relationships>`

func sheetBook(t testing.TB, sheetData, shared string) []byte {
	return zipOf(t, map[string]string{
		"xl/workbook.xml":            minimalWorkbook,
		"xl/_rels/workbook.xml.rels": minimalRels,
		"xl/worksheets/sheet1.xml":   `<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>` + sheetData + `</sheetData></worksheet>`,
		"xl/sharedStrings.xml":       `<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">` + shared + `</sst>`,
	})
}

// Hand-written parts as other programs write them: no r attributes, rich
// text with phonetic guides, inline strings, errors, an archive without
// the root relationships.
func TestReadOtherWriters(t *testing.T) {
	data := sheetBook(t,
		`<row><c t="s"><v>0</v></c><c t="s"><v>1</v></c><c t="inlineStr"><is><r><t>in</t></r><r><t>line</t></r></is></c></row>`+
			`<row r="3"><c r="C3" t="e"><v>#N/A</v></c><c t="str"><f>A1</f><v>text result</v></c><c t="b"><v>0</v></c></row>`,
		`<si><t>plain</t></si><si><r><rPr><b/></rPr><t xml:space="preserve">漢字 </t></r><rPh sb="0" eb="1"><t>かんじ</t></rPh><r><t>kanji</t></r></si>`)
	b, err := Read(data, Limits{})
	if err != nil {
		t.Fatal(err)
	}
	want := [][]string{{"plain", "漢字 kanji", "inline"}, nil, {"", "", "#N/A", "text result", "FALSE"}}
	if !sameRows(b.Sheets[0].Rows, want) {
		t.Errorf("got %q\nwant %q", b.Sheets[0].Rows, want)
	}
}

func TestReadRefuses(t *testing.T) {
	big := strings.Repeat("<row><c><v>1</v></c></row>", 1<<16)
	tests := []struct {
		name string
		data []byte
		lim  Limits
		want string
	}{
		{"not a zip", []byte("PK\x03\x04 not really"), Limits{}, "not a zip"},
		{"no workbook", zipOf(t, map[string]string{"a.txt": "x"}), Limits{}, "no workbook"},
		{"bad shared index", sheetBook(t, `<row><c t="s"><v>7</v></c></row>`, ``), Limits{}, "no shared string"},
		{"cells out of order", sheetBook(t, `<row r="2"><c r="B2"><v>1</v></c><c r="A2"><v>1</v></c></row>`, ``), Limits{}, "out of place"},
		{"rows out of order", sheetBook(t, `<row r="3"/><row r="2"/>`, ``), Limits{}, "comes after"},
		{"cell beyond the last column", sheetBook(t, `<row r="1"><c r="XFE1"><v>1</v></c></row>`, ``), Limits{}, "cell reference"},
		{"malformed xml", sheetBook(t, `<row><c><v>1</c></row>`, ``), Limits{}, "XML syntax error"},
		{"a part too big", sheetBook(t, big, ``), Limits{Part: 1 << 20}, "more than"},
		{"too many cells", sheetBook(t, `<row r="1"><c r="XFD1"><v>1</v></c></row><row r="2"><c r="XFD2"><v>1</v></c></row>`, ``), Limits{Cells: 20000}, "more than 20000 cells"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := Read(tt.data, tt.lim)
			if err == nil || !strings.Contains(err.Error(), tt.want) {
				t.Errorf("error %v; want one saying %q", err, tt.want)
			}
		})
	}
}

// FuzzRead: any input is read or refused with an error, never a panic or
// more cells than the limit allows.
func FuzzRead(f *testing.F) {
	f.Add(excelizeBook(f))
	f.Add(sample(f))
	f.Add(sheetBook(f, `<row><c t="s"><v>0</v></c><c t="inlineStr"><is><t>x_x0041_</t></is></c></row>`, `<si><r><t>a</t></r><rPh><t>b</t></rPh></si>`))
	for _, p := range realFiles(f) {
		if data, err := os.ReadFile(p); err == nil && len(data) < 1<<20 {
			f.Add(data)
		}
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		lim := Limits{Total: 8 << 20, Part: 4 << 20, Cells: 1 << 16}
		b, err := Read(data, lim)
		if err != nil {
			return
		}
		cells := 0
		for _, s := range b.Sheets {
			for _, r := range s.Rows {
				cells += len(r)
			}
		}
		if cells > lim.Cells {
			t.Fatalf("%d cells read; the limit is %d", cells, lim.Cells)
		}
	})
}
