// Package xlsx writes and reads Office Open XML spreadsheets (.xlsx) with
// the standard library: the writer streams sheets row by row into the zip
// archive with the styling Gapwise's workbooks use (fonts, solid fills,
// alignment, built-in number formats, column widths, row heights, frozen
// panes, autofilters, printing), and the reader takes every sheet's cell
// text from files written by Excel, LibreOffice and others.
//
// It replaces a general spreadsheet library whose package initialisation
// alone cost every run of the command line about 2 ms and 1.3 MB (issue 12).
package xlsx

import (
	"archive/zip"
	"bufio"
	"errors"
	"fmt"
	"io"
	"math"
	"strconv"
	"strings"
	"time"
	"unicode/utf16"
	"unicode/utf8"
)

// Style is how a cell looks. The zero Style is the workbook's default
// (Calibri 11, no fill, general number format).
type Style struct {
	Bold       bool
	Size       float64 // font size in points; 0 is 11
	Color      string  // font colour "RRGGBB"; "" is automatic
	Fill       string  // solid background "RRGGBB"; "" is none
	NumFmt     int     // a built-in number format, e.g. 9 for 0%
	Wrap       bool    // wrap text in the cell
	Horizontal string  // "", "left", "center", "right"
	Vertical   string  // "", "top", "center", "bottom"
	Rotation   int     // text rotation in degrees, 0-180 (90: reads upwards)
}

// Cell is one cell to write: Value is nil (blank; written only when it has
// a style), a string, a bool, or a number (any Go integer or float type).
type Cell struct {
	Value any
	Style int // from Workbook.Style; 0 is the default style
}

// Props are the document properties (docProps/core.xml and app.xml).
type Props struct {
	Title, Subject, Creator, LastModifiedBy, Version string
	Created, Modified                                time.Time // zero: left out
	Application                                      string
}

// Col sets the width, in characters, of columns Min to Max (1-based).
type Col struct {
	Min, Max int
	Width    float64
}

// Print is how a sheet prints.
type Print struct {
	Landscape bool
	A4        bool
	// FitWidth pages across and FitHeight pages down (0: as many as
	// needed); both 0 prints at full size.
	FitWidth, FitHeight int
	// Titles are the rows and columns repeated on every page, as a
	// reference such as "'Sheet'!$1:$1" or "'Sheet'!$A:$A,'Sheet'!$1:$1".
	Titles string
}

// SheetOptions are a sheet's settings, written before its rows.
type SheetOptions struct {
	Cols []Col
	// FreezeCols and FreezeRows keep that many columns and rows in view.
	FreezeCols, FreezeRows int
	// AutoFilter is the filtered range, e.g. "A1:G10"; "" for none.
	AutoFilter string
	Print      *Print
}

// Limits of the format (Excel refuses more).
const (
	MaxRows      = 1048576
	MaxCols      = 16384
	MaxCellChars = 32767 // UTF-16 code units of text in one cell
	maxStyles    = 64000
	maxSheetName = 31
)

// Workbook writes an .xlsx file. Make one with New, add sheets in order
// with Sheet and write their rows, then Close; the file is complete only
// after Close returns nil.
type Workbook struct {
	zw     *zip.Writer
	buf    *bufio.Writer // the open sheet's part
	err    error
	styles []Style // index = style id; 0 is the default
	ids    map[Style]int
	sheets []sheetInfo
	row    int // last row written on the open sheet
	cols   int // columns of the open sheet's widest row
	props  Props
	active int
	closed bool
	num    []byte // scratch for numbers
}

type sheetInfo struct {
	name       string
	autoFilter string // absolute range
	print      *Print
	opts       SheetOptions
}

// New starts a workbook written to w.
func New(w io.Writer) *Workbook {
	return &Workbook{zw: zip.NewWriter(w), styles: []Style{{}}, ids: map[Style]int{{}: 0}}
}

// SetProps sets the document properties.
func (b *Workbook) SetProps(p Props) { b.props = p }

// SetActive makes sheet i (0-based, in the order added) the one shown when
// the file opens.
func (b *Workbook) SetActive(i int) { b.active = i }

// Style returns the id of a cell style, adding it the first time.
func (b *Workbook) Style(s Style) (int, error) {
	if id, ok := b.ids[s]; ok {
		return id, nil
	}
	for _, c := range []string{s.Color, s.Fill} {
		if c != "" && !isRGB(c) {
			return 0, fmt.Errorf("xlsx: colour %q is not RRGGBB", c)
		}
	}
	switch {
	case s.Rotation < 0 || s.Rotation > 180:
		return 0, fmt.Errorf("xlsx: text rotation %d is outside 0-180", s.Rotation)
	case s.NumFmt < 0 || s.NumFmt > 163:
		return 0, fmt.Errorf("xlsx: number format %d is not a built-in one", s.NumFmt)
	case s.Size < 0 || s.Size > 409:
		return 0, fmt.Errorf("xlsx: font size %g", s.Size)
	case !oneOf(s.Horizontal, "", "left", "center", "right"), !oneOf(s.Vertical, "", "top", "center", "bottom"):
		return 0, fmt.Errorf("xlsx: alignment %q/%q", s.Horizontal, s.Vertical)
	case len(b.styles) >= maxStyles:
		return 0, errors.New("xlsx: too many cell styles")
	}
	id := len(b.styles)
	b.styles = append(b.styles, s)
	b.ids[s] = id
	return id, nil
}

func oneOf(s string, set ...string) bool {
	for _, v := range set {
		if s == v {
			return true
		}
	}
	return false
}

func isRGB(s string) bool {
	if len(s) != 6 {
		return false
	}
	for i := 0; i < 6; i++ {
		if !isHex(s[i]) {
			return false
		}
	}
	return true
}

func isHex(c byte) bool { return c >= '0' && c <= '9' || c >= 'a' && c <= 'f' || c >= 'A' && c <= 'F' }

// Sheet ends the sheet being written, if any, and starts a new one named
// name; its rows follow with Row.
func (b *Workbook) Sheet(name string, o SheetOptions) error {
	if b.err != nil {
		return b.err
	}
	if b.closed {
		return errors.New("xlsx: the workbook is closed")
	}
	if err := checkSheetName(name); err != nil {
		return err
	}
	for _, s := range b.sheets {
		if strings.EqualFold(s.name, name) {
			return fmt.Errorf("xlsx: two sheets named %q", name)
		}
	}
	info := sheetInfo{name: name, print: o.Print, opts: o}
	if o.AutoFilter != "" {
		abs, err := absoluteRange(o.AutoFilter)
		if err != nil {
			return err
		}
		info.autoFilter = abs
	}
	if o.FreezeCols < 0 || o.FreezeRows < 0 || o.FreezeCols >= MaxCols || o.FreezeRows >= MaxRows {
		return fmt.Errorf("xlsx: frozen panes %d x %d", o.FreezeCols, o.FreezeRows)
	}
	if err := b.endSheet(); err != nil {
		return err
	}
	b.sheets = append(b.sheets, info)
	w, err := b.zw.Create(fmt.Sprintf("xl/worksheets/sheet%d.xml", len(b.sheets)))
	if err != nil {
		return b.fail(err)
	}
	b.buf = bufio.NewWriterSize(w, 32<<10)
	b.row, b.cols = 0, 0
	b.str(xmlHeader + `<worksheet xmlns="` + nsMain + `" xmlns:r="` + nsRel + `">`)
	if o.Print != nil && (o.Print.FitWidth > 0 || o.Print.FitHeight > 0) {
		b.str(`<sheetPr><pageSetUpPr fitToPage="1"/></sheetPr>`)
	}
	b.str(`<sheetViews><sheetView workbookViewId="0"`)
	if len(b.sheets)-1 == b.active {
		b.str(` tabSelected="1"`)
	}
	if o.FreezeCols > 0 || o.FreezeRows > 0 {
		pane := "bottomRight"
		switch {
		case o.FreezeCols == 0:
			pane = "bottomLeft"
		case o.FreezeRows == 0:
			pane = "topRight"
		}
		b.str(`><pane`)
		if o.FreezeCols > 0 {
			b.str(` xSplit="` + strconv.Itoa(o.FreezeCols) + `"`)
		}
		if o.FreezeRows > 0 {
			b.str(` ySplit="` + strconv.Itoa(o.FreezeRows) + `"`)
		}
		b.str(` topLeftCell="` + CellName(o.FreezeCols+1, o.FreezeRows+1) + `" activePane="` + pane + `" state="frozen"/>`)
		b.str(`<selection pane="` + pane + `"/></sheetView>`)
	} else {
		b.str(`/>`)
	}
	b.str(`</sheetViews><sheetFormatPr defaultRowHeight="15"/>`)
	if len(o.Cols) > 0 {
		b.str(`<cols>`)
		for _, c := range o.Cols {
			if c.Min < 1 || c.Max < c.Min || c.Max > MaxCols || c.Width < 0 || c.Width > 255 {
				return b.fail(fmt.Errorf("xlsx: column widths %+v", c))
			}
			b.str(`<col min="` + strconv.Itoa(c.Min) + `" max="` + strconv.Itoa(c.Max) + `" width="` +
				strconv.FormatFloat(c.Width, 'f', -1, 64) + `" customWidth="1"/>`)
		}
		b.str(`</cols>`)
	}
	b.str(`<sheetData>`)
	return b.err
}

func checkSheetName(name string) error {
	switch {
	case name == "" || utf8.RuneCountInString(name) > maxSheetName:
		return fmt.Errorf("xlsx: a sheet name has 1 to %d characters: %q", maxSheetName, name)
	case strings.ContainsAny(name, `:\/?*[]`) || strings.HasPrefix(name, "'") || strings.HasSuffix(name, "'"):
		return fmt.Errorf("xlsx: sheet name %q has a character a spreadsheet refuses", name)
	case !utf8.ValidString(name):
		return fmt.Errorf("xlsx: sheet name %q is not UTF-8", name)
	}
	return nil
}

// Row writes the next row of the open sheet, cells from column A; height
// is in points (0: the default, grown by the spreadsheet as it likes).
func (b *Workbook) Row(cells []Cell, height float64) error {
	return b.RowAt(b.row+1, cells, height)
}

// RowAt writes row r (1-based), which must come after the rows written
// before it; rows skipped are empty.
func (b *Workbook) RowAt(r int, cells []Cell, height float64) error {
	switch {
	case b.err != nil:
		return b.err
	case b.buf == nil:
		return errors.New("xlsx: no sheet to write a row on")
	case r <= b.row || r > MaxRows:
		return fmt.Errorf("xlsx: row %d after row %d", r, b.row)
	case len(cells) > MaxCols:
		return fmt.Errorf("xlsx: %d cells in a row", len(cells))
	case height < 0 || height > 409:
		return fmt.Errorf("xlsx: row height %g", height)
	}
	b.row = r
	rs := strconv.Itoa(r)
	b.str(`<row r="` + rs + `"`)
	if height > 0 {
		b.str(` ht="` + strconv.FormatFloat(height, 'f', -1, 64) + `" customHeight="1"`)
	}
	b.str(`>`)
	for j, c := range cells {
		if err := b.cell(colName(j+1)+rs, c); err != nil {
			return b.fail(err)
		}
		if c.Value != nil || c.Style != 0 {
			b.cols = max(b.cols, j+1)
		}
	}
	b.str(`</row>`)
	return b.err
}

func (b *Workbook) cell(ref string, c Cell) error {
	if c.Style < 0 || c.Style >= len(b.styles) {
		return fmt.Errorf("xlsx: cell %s: no style %d", ref, c.Style)
	}
	if c.Value == nil && c.Style == 0 {
		return nil
	}
	b.str(`<c r="` + ref + `"`)
	if c.Style != 0 {
		b.str(` s="` + strconv.Itoa(c.Style) + `"`)
	}
	n := b.num[:0]
	switch v := c.Value.(type) {
	case nil:
		b.str(`/>`)
		return nil
	case string:
		b.str(` t="inlineStr"><is><t xml:space="preserve">`)
		b.text(v)
		b.str(`</t></is></c>`)
		return nil
	case bool:
		if v {
			b.str(` t="b"><v>1</v></c>`)
		} else {
			b.str(` t="b"><v>0</v></c>`)
		}
		return nil
	case int:
		n = strconv.AppendInt(n, int64(v), 10)
	case int8:
		n = strconv.AppendInt(n, int64(v), 10)
	case int16:
		n = strconv.AppendInt(n, int64(v), 10)
	case int32:
		n = strconv.AppendInt(n, int64(v), 10)
	case int64:
		n = strconv.AppendInt(n, v, 10)
	case uint:
		n = strconv.AppendUint(n, uint64(v), 10)
	case uint8:
		n = strconv.AppendUint(n, uint64(v), 10)
	case uint16:
		n = strconv.AppendUint(n, uint64(v), 10)
	case uint32:
		n = strconv.AppendUint(n, uint64(v), 10)
	case uint64:
		n = strconv.AppendUint(n, v, 10)
	case float32:
		if math.IsNaN(float64(v)) || math.IsInf(float64(v), 0) {
			return fmt.Errorf("xlsx: cell %s: %v is not a number a spreadsheet holds", ref, v)
		}
		n = strconv.AppendFloat(n, float64(v), 'f', -1, 32)
	case float64:
		if math.IsNaN(v) || math.IsInf(v, 0) {
			return fmt.Errorf("xlsx: cell %s: %v is not a number a spreadsheet holds", ref, v)
		}
		n = strconv.AppendFloat(n, v, 'f', -1, 64)
	default:
		return fmt.Errorf("xlsx: cell %s: cannot write a %T", ref, c.Value)
	}
	b.num = n
	b.str(`><v>`)
	if b.err == nil {
		_, b.err = b.buf.Write(n)
	}
	b.str(`</v></c>`)
	return nil
}

// text writes s as XML character data: invalid UTF-8 and characters XML
// 1.0 cannot hold become U+FFFD, a literal "_xHHHH_" is escaped as the
// format's own escapes would read it back, and text past MaxCellChars is
// cut, as Excel holds no more.
func (b *Workbook) text(s string) {
	units := 0
	for i := 0; i < len(s); {
		r, size := utf8.DecodeRuneInString(s[i:])
		if r == utf8.RuneError && size == 1 {
			r = '\uFFFD'
		}
		units += utf16.RuneLen(r)
		if units > MaxCellChars {
			return
		}
		switch {
		case r == '<':
			b.str("&lt;")
		case r == '>':
			b.str("&gt;")
		case r == '&':
			b.str("&amp;")
		case r == '\r':
			b.str("&#xD;")
		case r == '\t' || r == '\n':
			b.byte(byte(r))
		case r < 0x20 || r == 0xFFFE || r == 0xFFFF:
			b.str("\uFFFD")
		case r == '_' && isEscape(s[i:]):
			b.str("_x005F_")
		case r == '\uFFFD':
			b.str("\uFFFD")
		default:
			b.str(s[i : i+size])
		}
		i += size
	}
}

// isEscape reports whether s starts with "_xHHHH_", which the format reads
// as one character.
func isEscape(s string) bool {
	if len(s) < 7 || s[1] != 'x' || s[6] != '_' {
		return false
	}
	for i := 2; i < 6; i++ {
		if !isHex(s[i]) {
			return false
		}
	}
	return true
}

func (b *Workbook) str(s string) {
	if b.err == nil && b.buf != nil {
		_, b.err = b.buf.WriteString(s)
	}
}

func (b *Workbook) byte(c byte) {
	if b.err == nil && b.buf != nil {
		b.err = b.buf.WriteByte(c)
	}
}

func (b *Workbook) fail(err error) error {
	if b.err == nil {
		b.err = err
	}
	return b.err
}

// endSheet closes the open sheet's part.
func (b *Workbook) endSheet() error {
	if b.buf == nil {
		return b.err
	}
	s := b.sheets[len(b.sheets)-1]
	b.str(`</sheetData>`)
	if s.autoFilter != "" {
		b.str(`<autoFilter ref="` + s.autoFilter + `"/>`)
	}
	if p := s.print; p != nil {
		b.str(`<pageMargins left="0.7" right="0.7" top="0.75" bottom="0.75" header="0.3" footer="0.3"/><pageSetup`)
		if p.A4 {
			b.str(` paperSize="9"`)
		}
		if p.FitWidth > 0 || p.FitHeight > 0 {
			b.str(` fitToWidth="` + strconv.Itoa(p.FitWidth) + `" fitToHeight="` + strconv.Itoa(p.FitHeight) + `"`)
		}
		if p.Landscape {
			b.str(` orientation="landscape"`)
		} else {
			b.str(` orientation="portrait"`)
		}
		b.str(`/>`)
	}
	b.str(`</worksheet>`)
	if b.err == nil {
		b.err = b.buf.Flush()
	}
	b.buf = nil
	return b.err
}

// Close ends the last sheet and writes the rest of the package: the
// workbook, its styles and relationships, and the document properties.
func (b *Workbook) Close() error {
	if b.closed {
		return b.err
	}
	if err := b.endSheet(); err != nil {
		return err
	}
	b.closed = true
	if len(b.sheets) == 0 {
		return b.fail(errors.New("xlsx: a workbook needs a sheet"))
	}
	if b.active < 0 || b.active >= len(b.sheets) {
		return b.fail(fmt.Errorf("xlsx: no sheet %d to show first", b.active))
	}
	parts := []struct {
		name  string
		write func(*strings.Builder)
	}{
		{"xl/workbook.xml", b.workbookXML},
		{"xl/styles.xml", b.stylesXML},
		{"xl/_rels/workbook.xml.rels", b.workbookRels},
		{"docProps/core.xml", b.coreXML},
		{"docProps/app.xml", b.appXML},
		{"_rels/.rels", rootRels},
		{"[Content_Types].xml", b.contentTypes},
	}
	for _, p := range parts {
		var sb strings.Builder
		sb.WriteString(xmlHeader)
		p.write(&sb)
		w, err := b.zw.Create(p.name)
		if err != nil {
			return b.fail(err)
		}
		if _, err := io.WriteString(w, sb.String()); err != nil {
			return b.fail(err)
		}
	}
	return b.fail(b.zw.Close())
}

const (
	xmlHeader = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>` + "\n"
	nsMain    = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
	nsRel     = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
	nsPkgRel  = "http://schemas.openxmlformats.org/package/2006/relationships"
)

func (b *Workbook) workbookXML(sb *strings.Builder) {
	sb.WriteString(`<workbook xmlns="` + nsMain + `" xmlns:r="` + nsRel + `"><bookViews><workbookView activeTab="`)
	sb.WriteString(strconv.Itoa(b.active))
	sb.WriteString(`"/></bookViews><sheets>`)
	for i, s := range b.sheets {
		sb.WriteString(`<sheet name="`)
		attr(sb, s.name)
		fmt.Fprintf(sb, `" sheetId="%d" r:id="rId%d"/>`, i+1, i+1)
	}
	sb.WriteString(`</sheets>`)
	var names strings.Builder
	for i, s := range b.sheets {
		if s.autoFilter != "" {
			fmt.Fprintf(&names, `<definedName name="_xlnm._FilterDatabase" localSheetId="%d" hidden="1">`, i)
			text(&names, quoteSheet(s.name)+"!"+s.autoFilter)
			names.WriteString(`</definedName>`)
		}
		if s.print != nil && s.print.Titles != "" {
			fmt.Fprintf(&names, `<definedName name="_xlnm.Print_Titles" localSheetId="%d">`, i)
			text(&names, s.print.Titles)
			names.WriteString(`</definedName>`)
		}
	}
	if names.Len() > 0 {
		sb.WriteString(`<definedNames>` + names.String() + `</definedNames>`)
	}
	sb.WriteString(`</workbook>`)
}

// quoteSheet is a sheet name as a formula reference writes it: 'Name'.
func quoteSheet(name string) string { return "'" + strings.ReplaceAll(name, "'", "''") + "'" }

func (b *Workbook) stylesXML(sb *strings.Builder) {
	type font struct {
		bold  bool
		size  float64
		color string
	}
	var fonts []font
	fontID := map[font]int{}
	fills := []string{"", ""} // none and gray125 come first, as the format requires
	fillID := map[string]int{}
	addFont := func(f font) int {
		if id, ok := fontID[f]; ok {
			return id
		}
		fontID[f] = len(fonts)
		fonts = append(fonts, f)
		return len(fonts) - 1
	}
	addFont(font{size: 11})
	xf := make([][2]int, len(b.styles))
	for i, s := range b.styles {
		size := s.Size
		if size == 0 {
			size = 11
		}
		xf[i][0] = addFont(font{s.Bold, size, strings.ToUpper(s.Color)})
		if s.Fill != "" {
			c := strings.ToUpper(s.Fill)
			id, ok := fillID[c]
			if !ok {
				id = len(fills)
				fillID[c] = id
				fills = append(fills, c)
			}
			xf[i][1] = id
		}
	}
	sb.WriteString(`<styleSheet xmlns="` + nsMain + `">`)
	fmt.Fprintf(sb, `<fonts count="%d">`, len(fonts))
	for _, f := range fonts {
		sb.WriteString(`<font>`)
		if f.bold {
			sb.WriteString(`<b/>`)
		}
		sb.WriteString(`<sz val="` + strconv.FormatFloat(f.size, 'f', -1, 64) + `"/>`)
		if f.color != "" {
			sb.WriteString(`<color rgb="FF` + f.color + `"/>`)
		}
		sb.WriteString(`<name val="Calibri"/><family val="2"/></font>`)
	}
	fmt.Fprintf(sb, `</fonts><fills count="%d"><fill><patternFill patternType="none"/></fill><fill><patternFill patternType="gray125"/></fill>`, len(fills))
	for _, c := range fills[2:] {
		sb.WriteString(`<fill><patternFill patternType="solid"><fgColor rgb="FF` + c + `"/><bgColor indexed="64"/></patternFill></fill>`)
	}
	sb.WriteString(`</fills><borders count="1"><border><left/><right/><top/><bottom/><diagonal/></border></borders>`)
	sb.WriteString(`<cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs>`)
	fmt.Fprintf(sb, `<cellXfs count="%d">`, len(b.styles))
	for i, s := range b.styles {
		fmt.Fprintf(sb, `<xf numFmtId="%d" fontId="%d" fillId="%d" borderId="0" xfId="0"`, s.NumFmt, xf[i][0], xf[i][1])
		if s.NumFmt != 0 {
			sb.WriteString(` applyNumberFormat="1"`)
		}
		if xf[i][0] != 0 {
			sb.WriteString(` applyFont="1"`)
		}
		if xf[i][1] != 0 {
			sb.WriteString(` applyFill="1"`)
		}
		if !s.Wrap && s.Horizontal == "" && s.Vertical == "" && s.Rotation == 0 {
			sb.WriteString(`/>`)
			continue
		}
		sb.WriteString(` applyAlignment="1"><alignment`)
		if s.Horizontal != "" {
			sb.WriteString(` horizontal="` + s.Horizontal + `"`)
		}
		if s.Vertical != "" {
			sb.WriteString(` vertical="` + s.Vertical + `"`)
		}
		if s.Rotation != 0 {
			sb.WriteString(` textRotation="` + strconv.Itoa(s.Rotation) + `"`)
		}
		if s.Wrap {
			sb.WriteString(` wrapText="1"`)
		}
		sb.WriteString(`/></xf>`)
	}
	sb.WriteString(`</cellXfs><cellStyles count="1"><cellStyle name="Normal" xfId="0" builtinId="0"/></cellStyles></styleSheet>`)
}

func (b *Workbook) workbookRels(sb *strings.Builder) {
	sb.WriteString(`<Relationships xmlns="` + nsPkgRel + `">`)
	for i := range b.sheets {
		fmt.Fprintf(sb, `<Relationship Id="rId%d" Type="%s/worksheet" Target="worksheets/sheet%d.xml"/>`, i+1, nsRel, i+1)
	}
	fmt.Fprintf(sb, `<Relationship Id="rId%d" Type="%s/styles" Target="styles.xml"/></Relationships>`, len(b.sheets)+1, nsRel)
}

func rootRels(sb *strings.Builder) {
	sb.WriteString(`<Relationships xmlns="` + nsPkgRel + `">` +
		`<Relationship Id="rId1" Type="` + nsRel + `/officeDocument" Target="xl/workbook.xml"/>` +
		`<Relationship Id="rId2" Type="http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties" Target="docProps/core.xml"/>` +
		`<Relationship Id="rId3" Type="` + nsRel + `/extended-properties" Target="docProps/app.xml"/></Relationships>`)
}

func (b *Workbook) coreXML(sb *strings.Builder) {
	p := b.props
	sb.WriteString(`<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" ` +
		`xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:dcterms="http://purl.org/dc/terms/" ` +
		`xmlns:dcmitype="http://purl.org/dc/dcmitype/" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">`)
	elem := func(name, v string) {
		if v != "" {
			sb.WriteString("<" + name + ">")
			text(sb, v)
			sb.WriteString("</" + name + ">")
		}
	}
	elem("dc:title", p.Title)
	elem("dc:subject", p.Subject)
	elem("dc:creator", p.Creator)
	elem("cp:lastModifiedBy", p.LastModifiedBy)
	for _, d := range []struct {
		name string
		t    time.Time
	}{{"dcterms:created", p.Created}, {"dcterms:modified", p.Modified}} {
		if !d.t.IsZero() {
			sb.WriteString("<" + d.name + ` xsi:type="dcterms:W3CDTF">` + d.t.UTC().Format(time.RFC3339) + "</" + d.name + ">")
		}
	}
	elem("cp:version", p.Version)
	sb.WriteString(`</cp:coreProperties>`)
}

func (b *Workbook) appXML(sb *strings.Builder) {
	sb.WriteString(`<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/extended-properties" ` +
		`xmlns:vt="http://schemas.openxmlformats.org/officeDocument/2006/docPropsVTypes">`)
	if b.props.Application != "" {
		sb.WriteString(`<Application>`)
		text(sb, b.props.Application)
		sb.WriteString(`</Application>`)
	}
	sb.WriteString(`</Properties>`)
}

func (b *Workbook) contentTypes(sb *strings.Builder) {
	const ct = "application/vnd.openxmlformats-officedocument."
	sb.WriteString(`<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">` +
		`<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>` +
		`<Default Extension="xml" ContentType="application/xml"/>` +
		`<Override PartName="/xl/workbook.xml" ContentType="` + ct + `spreadsheetml.sheet.main+xml"/>` +
		`<Override PartName="/xl/styles.xml" ContentType="` + ct + `spreadsheetml.styles+xml"/>`)
	for i := range b.sheets {
		fmt.Fprintf(sb, `<Override PartName="/xl/worksheets/sheet%d.xml" ContentType="%sspreadsheetml.worksheet+xml"/>`, i+1, ct)
	}
	sb.WriteString(`<Override PartName="/docProps/core.xml" ContentType="application/vnd.openxmlformats-package.core-properties+xml"/>` +
		`<Override PartName="/docProps/app.xml" ContentType="` + ct + `extended-properties+xml"/></Types>`)
}

// text writes XML character data (for the small parts built in memory).
func text(sb *strings.Builder, s string) {
	for _, r := range s {
		switch {
		case r == '<':
			sb.WriteString("&lt;")
		case r == '>':
			sb.WriteString("&gt;")
		case r == '&':
			sb.WriteString("&amp;")
		case r == '\t' || r == '\n':
			sb.WriteRune(r)
		case r < 0x20 || r == 0xFFFE || r == 0xFFFF:
			sb.WriteRune('\uFFFD')
		default:
			sb.WriteRune(r)
		}
	}
}

// attr writes an XML attribute value.
func attr(sb *strings.Builder, s string) {
	for _, r := range s {
		switch r {
		case '"':
			sb.WriteString("&quot;")
		case '\'':
			sb.WriteString("&apos;")
		default:
			text(sb, string(r))
		}
	}
}

// CellName is a cell's A1 reference: column col and row row, both 1-based
// (CellName(3, 12) is "C12"). Out of range, it says so in words.
func CellName(col, row int) string {
	if col < 1 || col > MaxCols || row < 1 || row > MaxRows {
		return fmt.Sprintf("row %d, column %d", row, col)
	}
	return colName(col) + strconv.Itoa(row)
}

// ColumnName is a column's letters: 1 is "A", 27 is "AA".
func ColumnName(col int) string {
	if col < 1 || col > MaxCols {
		return fmt.Sprintf("column %d", col)
	}
	return colName(col)
}

func colName(col int) string {
	var buf [3]byte
	i := len(buf)
	for col > 0 {
		col--
		i--
		buf[i] = byte('A' + col%26)
		col /= 26
	}
	return string(buf[i:])
}

// absoluteRange turns "A1:G10" into "$A$1:$G$10".
func absoluteRange(r string) (string, error) {
	from, to, ok := strings.Cut(r, ":")
	if !ok {
		to = from
	}
	var out []string
	for _, ref := range []string{from, to} {
		col, row, err := ParseCell(ref)
		if err != nil {
			return "", err
		}
		out = append(out, "$"+colName(col)+"$"+strconv.Itoa(row))
	}
	return out[0] + ":" + out[1], nil
}

// ParseCell reads an A1 reference ("C12", "$C$12") as a 1-based column
// and row.
func ParseCell(ref string) (col, row int, err error) {
	s := strings.TrimPrefix(ref, "$")
	i := 0
	for i < len(s) && i < 4 && (s[i] >= 'A' && s[i] <= 'Z' || s[i] >= 'a' && s[i] <= 'z') {
		c := s[i] | 0x20
		col = col*26 + int(c-'a'+1)
		i++
	}
	rest := strings.TrimPrefix(s[i:], "$")
	if i == 0 || col > MaxCols || rest == "" || len(rest) > 7 {
		return 0, 0, fmt.Errorf("xlsx: %q is not a cell reference", ref)
	}
	for j := 0; j < len(rest); j++ {
		if rest[j] < '0' || rest[j] > '9' {
			return 0, 0, fmt.Errorf("xlsx: %q is not a cell reference", ref)
		}
		row = row*10 + int(rest[j]-'0')
	}
	if row < 1 || row > MaxRows {
		return 0, 0, fmt.Errorf("xlsx: %q is not a cell reference", ref)
	}
	return col, row, nil
}
