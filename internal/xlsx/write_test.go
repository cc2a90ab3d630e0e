package xlsx

import (
	"archive/zip"
	"bytes"
	"encoding/xml"
	"io"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/xuri/excelize/v2"
)

// sample writes a two-sheet workbook with every feature the exports use.
func sample(t testing.TB) []byte {
	t.Helper()
	var buf bytes.Buffer
	b := New(&buf)
	b.SetProps(Props{Title: "Team <matrix> & more", Subject: "fci@2020", Creator: "Gapwise", LastModifiedBy: "Gapwise",
		Version: "1.2.3", Created: time.Date(2026, 3, 4, 10, 30, 0, 0, time.UTC), Modified: time.Date(2026, 3, 4, 10, 30, 0, 0, time.UTC),
		Application: "Gapwise"})
	head, _ := b.Style(Style{Bold: true, Size: 9, Wrap: true, Vertical: "bottom", Horizontal: "center", Rotation: 90})
	bold, _ := b.Style(Style{Bold: true})
	pct, _ := b.Style(Style{NumFmt: 9})
	dark, _ := b.Style(Style{Fill: "1F4E79", Color: "FFFFFF", Horizontal: "center"})
	light, _ := b.Style(Style{Fill: "d0dce8", Color: "000000", Horizontal: "center"})
	if again, _ := b.Style(Style{Bold: true}); again != bold {
		t.Fatalf("the same style twice has ids %d and %d", bold, again)
	}
	if err := b.Sheet("Matrix", SheetOptions{
		Cols:       []Col{{1, 1, 26}, {2, 3, 5}},
		FreezeCols: 1, FreezeRows: 1, AutoFilter: "A1:C4",
		Print: &Print{Landscape: true, A4: true, FitWidth: 2, Titles: "'Matrix'!$A:$A,'Matrix'!$1:$1"},
	}); err != nil {
		t.Fatal(err)
	}
	rows := [][]Cell{
		{{Value: "Member", Style: bold}, {Value: "Health (1.1)", Style: head}, {Value: "Data (1.2)", Style: head}},
		{{Value: "Zoë Ødegård"}, {Value: 3, Style: dark}, {Value: 0}},
		{{Value: `=HYPERLINK("x")`}, {Value: 1, Style: light}, {}, {}},
		{{Value: "Nobody"}},
	}
	for i, r := range rows {
		h := 0.0
		if i == 0 {
			h = 170
		}
		if err := b.Row(r, h); err != nil {
			t.Fatal(err)
		}
	}
	if err := b.Sheet("Measures & notes", SheetOptions{FreezeRows: 1, Print: &Print{Landscape: true, A4: true, FitWidth: 1, Titles: "'Measures & notes'!$1:$1"}}); err != nil {
		t.Fatal(err)
	}
	if err := b.Row([]Cell{{Value: "Share"}, {Value: "Text"}}, 45); err != nil {
		t.Fatal(err)
	}
	if err := b.Row([]Cell{{Value: 0.5, Style: pct}, {Value: "two\nlines\r\tand _x000D_ literally, \x01 control"}, {Value: true}, {Value: int64(-7)}, {Value: 1.25}}, 0); err != nil {
		t.Fatal(err)
	}
	if err := b.RowAt(5, []Cell{{Value: "after a gap"}, {Style: bold}}, 0); err != nil {
		t.Fatal(err)
	}
	b.SetActive(0)
	if err := b.Close(); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

var wantMatrix = [][]string{
	{"Member", "Health (1.1)", "Data (1.2)"},
	{"Zoë Ødegård", "3", "0"},
	{`=HYPERLINK("x")`, "1"},
	{"Nobody"},
}

var wantMeasures = [][]string{
	{"Share", "Text"},
	{"50%", "two\nlines\r\tand _x000D_ literally, \uFFFD control", "TRUE", "-7", "1.25"},
	nil, nil,
	{"after a gap"},
}

// What the writer writes, its own reader reads back.
func TestWriteReadBack(t *testing.T) {
	b, err := Read(sample(t), Limits{})
	if err != nil {
		t.Fatal(err)
	}
	if len(b.Sheets) != 2 || b.Sheets[0].Name != "Matrix" || b.Sheets[1].Name != "Measures & notes" {
		t.Fatalf("sheets %+v", b.Sheets)
	}
	if !sameRows(b.Sheets[0].Rows, wantMatrix) {
		t.Errorf("matrix %q", b.Sheets[0].Rows)
	}
	if !sameRows(b.Sheets[1].Rows, wantMeasures) {
		t.Errorf("measures %q", b.Sheets[1].Rows)
	}
	if b.Modified != "2026-03-04T10:30:00Z" {
		t.Errorf("modified %q", b.Modified)
	}
}

// Excelize, a widely used independent reader, reads the same cells, the
// same styles, panes, printing, filters and properties.
func TestWriteReadByExcelize(t *testing.T) {
	data := sample(t)
	x, err := excelize.OpenReader(bytes.NewReader(data))
	if err != nil {
		t.Fatal(err)
	}
	defer x.Close()
	if got := x.GetSheetList(); !slices.Equal(got, []string{"Matrix", "Measures & notes"}) {
		t.Fatalf("sheets %v", got)
	}
	for sheet, want := range map[string][][]string{"Matrix": wantMatrix, "Measures & notes": wantMeasures} {
		got, err := x.GetRows(sheet)
		if err != nil {
			t.Fatal(err)
		}
		if !sameRows(got, want) {
			t.Errorf("%s: excelize reads\n%q\nwant\n%q", sheet, got, want)
		}
	}
	if typ, _ := x.GetCellType("Matrix", "B2"); typ != excelize.CellTypeUnset && typ != excelize.CellTypeNumber {
		t.Errorf("a number is stored as %v", typ)
	}
	if f, _ := x.GetCellFormula("Matrix", "A3"); f != "" {
		t.Errorf("text that looks like a formula became the formula %q", f)
	}
	if raw, _ := x.GetCellValue("Measures & notes", "A2", excelize.Options{RawCellValue: true}); raw != "0.5" {
		t.Errorf("a percentage is stored as %q", raw)
	}
	style := func(sheet, cell string) *excelize.Style {
		t.Helper()
		id, err := x.GetCellStyle(sheet, cell)
		if err != nil {
			t.Fatal(err)
		}
		st, err := x.GetStyle(id)
		if err != nil {
			t.Fatal(err)
		}
		return st
	}
	if st := style("Matrix", "B1"); st.Font == nil || !st.Font.Bold || st.Font.Size != 9 || st.Alignment == nil ||
		st.Alignment.TextRotation != 90 || !st.Alignment.WrapText || st.Alignment.Vertical != "bottom" || st.Alignment.Horizontal != "center" {
		t.Errorf("heading style %+v %+v", st.Font, st.Alignment)
	}
	if st := style("Matrix", "A1"); st.Font == nil || !st.Font.Bold {
		t.Errorf("bold style %+v", st.Font)
	}
	fill := func(cell string) string {
		id, err := x.GetCellStyle("Matrix", cell)
		if err != nil {
			t.Fatal(err)
		}
		fill, font := rawColours(t, data, id)
		if fill == "" {
			return ""
		}
		return fill + "/" + font
	}
	if f := fill("B2"); f != "1F4E79/FFFFFF" {
		t.Errorf("dark cell fill/font %q", f)
	}
	if f := fill("B3"); f != "D0DCE8/000000" {
		t.Errorf("light cell fill/font %q", f)
	}
	if f := fill("C2"); f != "" {
		t.Errorf("plain cell fill %q", f)
	}
	if st := style("Measures & notes", "A2"); st.NumFmt != 9 {
		t.Errorf("percentage format %d", st.NumFmt)
	}
	if w, _ := x.GetColWidth("Matrix", "A"); w != 26 {
		t.Errorf("column A width %g", w)
	}
	if w, _ := x.GetColWidth("Matrix", "C"); w != 5 {
		t.Errorf("column C width %g", w)
	}
	if h, _ := x.GetRowHeight("Matrix", 1); h != 170 {
		t.Errorf("row 1 height %g", h)
	}
	if h, _ := x.GetRowHeight("Measures & notes", 1); h != 45 {
		t.Errorf("measures row 1 height %g", h)
	}
	p, err := x.GetPanes("Matrix")
	if err != nil || !p.Freeze || p.XSplit != 1 || p.YSplit != 1 || p.TopLeftCell != "B2" {
		t.Errorf("matrix panes %+v %v", p, err)
	}
	if p, _ := x.GetPanes("Measures & notes"); !p.Freeze || p.XSplit != 0 || p.YSplit != 1 || p.TopLeftCell != "A2" {
		t.Errorf("measures panes %+v", p)
	}
	for _, sheet := range []string{"Matrix", "Measures & notes"} {
		l, err := x.GetPageLayout(sheet)
		if err != nil || l.Orientation == nil || *l.Orientation != "landscape" || l.Size == nil || *l.Size != 9 || l.FitToWidth == nil || l.FitToHeight == nil || *l.FitToHeight != 0 {
			t.Errorf("%s: page layout %+v %v", sheet, l, err)
		}
		props, err := x.GetSheetProps(sheet)
		if err != nil || props.FitToPage == nil || !*props.FitToPage {
			t.Errorf("%s: not fit to page (%v)", sheet, err)
		}
	}
	if l, _ := x.GetPageLayout("Matrix"); *l.FitToWidth != 2 {
		t.Errorf("matrix printed %d pages wide", *l.FitToWidth)
	}
	names := map[string]string{}
	for _, n := range x.GetDefinedName() {
		names[n.Name+" "+n.Scope] = n.RefersTo
	}
	for k, v := range map[string]string{
		"_xlnm._FilterDatabase Matrix":        "'Matrix'!$A$1:$C$4",
		"_xlnm.Print_Titles Matrix":           "'Matrix'!$A:$A,'Matrix'!$1:$1",
		"_xlnm.Print_Titles Measures & notes": "'Measures & notes'!$1:$1",
	} {
		if names[k] != v {
			t.Errorf("defined name %s = %q; want %q (all: %q)", k, names[k], v, names)
		}
	}
	props, err := x.GetDocProps()
	if err != nil || props.Title != "Team <matrix> & more" || props.Creator != "Gapwise" || props.Created != "2026-03-04T10:30:00Z" ||
		props.Modified != props.Created || props.Version != "1.2.3" || props.Subject != "fci@2020" || props.LastModifiedBy != "Gapwise" {
		t.Errorf("document properties %+v %v", props, err)
	}
	app, err := x.GetAppProps()
	if err != nil || app.Application != "Gapwise" {
		t.Errorf("application %+v %v", app, err)
	}
	if idx := x.GetActiveSheetIndex(); idx != 0 {
		t.Errorf("active sheet %d", idx)
	}
}

func TestWriteIsDeterministicAndStreams(t *testing.T) {
	a, b := sample(t), sample(t)
	if !bytes.Equal(a, b) {
		t.Error("the same workbook twice gave two files")
	}
	zr, err := zip.NewReader(bytes.NewReader(a), int64(len(a)))
	if err != nil {
		t.Fatal(err)
	}
	var names []string
	for _, f := range zr.File {
		names = append(names, f.Name)
	}
	// Sheets are written first, as their rows come: nothing is held back
	// for a shared string table.
	if !slices.Equal(names[:2], []string{"xl/worksheets/sheet1.xml", "xl/worksheets/sheet2.xml"}) || slices.Contains(names, "xl/sharedStrings.xml") {
		t.Errorf("parts %v", names)
	}
}

func TestWriteRefuses(t *testing.T) {
	b := New(io.Discard)
	for _, s := range []Style{{Fill: "blue"}, {Color: "12345"}, {Rotation: 200}, {Horizontal: "middle"}, {NumFmt: 500}} {
		if _, err := b.Style(s); err == nil {
			t.Errorf("style %+v accepted", s)
		}
	}
	for _, name := range []string{"", "a/b", "x[1]", "'quoted'", strings.Repeat("n", 32)} {
		if err := New(io.Discard).Sheet(name, SheetOptions{}); err == nil {
			t.Errorf("sheet name %q accepted", name)
		}
	}
	if err := b.Row([]Cell{{Value: 1}}, 0); err == nil {
		t.Error("a row before any sheet was accepted")
	}
	if err := b.Sheet("S", SheetOptions{}); err != nil {
		t.Fatal(err)
	}
	if err := b.Sheet("s", SheetOptions{}); err == nil {
		t.Error("two sheets whose names differ only in case")
	}
	b = New(io.Discard)
	_ = b.Sheet("S", SheetOptions{})
	if err := b.RowAt(2, []Cell{{Value: 1}}, 0); err != nil {
		t.Fatal(err)
	}
	if err := b.RowAt(2, []Cell{{Value: 1}}, 0); err == nil {
		t.Error("row 2 twice")
	}
	b = New(io.Discard)
	_ = b.Sheet("S", SheetOptions{})
	if err := b.Row([]Cell{{Value: struct{}{}}}, 0); err == nil {
		t.Error("a struct in a cell")
	}
	if err := New(io.Discard).Close(); err == nil {
		t.Error("a workbook with no sheet")
	}
}

// Text longer than a cell holds is cut where Excel stops, not refused.
func TestWriteLongText(t *testing.T) {
	var buf bytes.Buffer
	b := New(&buf)
	_ = b.Sheet("S", SheetOptions{})
	long := strings.Repeat("é", MaxCellChars+10)
	if err := b.Row([]Cell{{Value: long}}, 0); err != nil {
		t.Fatal(err)
	}
	if err := b.Close(); err != nil {
		t.Fatal(err)
	}
	got, err := Read(buf.Bytes(), Limits{})
	if err != nil {
		t.Fatal(err)
	}
	if n := len([]rune(got.Sheets[0].Rows[0][0])); n != MaxCellChars {
		t.Errorf("%d characters kept", n)
	}
}

func TestCellNames(t *testing.T) {
	for _, c := range []struct {
		col, row int
		want     string
	}{{1, 1, "A1"}, {26, 9, "Z9"}, {27, 10, "AA10"}, {702, 1, "ZZ1"}, {703, 1, "AAA1"}, {MaxCols, MaxRows, "XFD1048576"}} {
		if got := CellName(c.col, c.row); got != c.want {
			t.Errorf("CellName(%d, %d) = %q; want %q", c.col, c.row, got, c.want)
		}
		col, row, err := ParseCell(c.want)
		if err != nil || col != c.col || row != c.row {
			t.Errorf("ParseCell(%q) = %d, %d, %v", c.want, col, row, err)
		}
	}
	for _, bad := range []string{"", "A", "1", "A0", "XFE1", "A1048577", "A1B", "ABCDE1"} {
		if _, _, err := ParseCell(bad); err == nil {
			t.Errorf("ParseCell(%q) accepted", bad)
		}
	}
}

// rawColours reads a cell style's solid fill and font colours ("RRGGBB")
// from styles.xml itself: excelize reports colours only for a workbook with
// a theme part, which these files do not need.
func rawColours(t testing.TB, data []byte, style int) (fill, font string) {
	t.Helper()
	zr, err := zip.NewReader(bytes.NewReader(data), int64(len(data)))
	if err != nil {
		t.Fatal(err)
	}
	var raw []byte
	for _, f := range zr.File {
		if f.Name == "xl/styles.xml" {
			rc, _ := f.Open()
			raw, _ = io.ReadAll(rc)
			rc.Close()
		}
	}
	var st struct {
		Fonts []struct {
			Color struct {
				RGB string `xml:"rgb,attr"`
			} `xml:"color"`
		} `xml:"fonts>font"`
		Fills []struct {
			Pattern struct {
				Type string `xml:"patternType,attr"`
				Fg   struct {
					RGB string `xml:"rgb,attr"`
				} `xml:"fgColor"`
			} `xml:"patternFill"`
		} `xml:"fills>fill"`
		Xfs []struct {
			Font int `xml:"fontId,attr"`
			Fill int `xml:"fillId,attr"`
		} `xml:"cellXfs>xf"`
	}
	if err := xml.Unmarshal(raw, &st); err != nil {
		t.Fatal(err)
	}
	if style < 0 || style >= len(st.Xfs) {
		t.Fatalf("no style %d", style)
	}
	xf := st.Xfs[style]
	if f := st.Fills[xf.Fill].Pattern; f.Type == "solid" {
		fill = strings.TrimPrefix(strings.ToUpper(f.Fg.RGB), "FF")
	}
	font = strings.TrimPrefix(strings.ToUpper(st.Fonts[xf.Font].Color.RGB), "FF")
	return fill, font
}
