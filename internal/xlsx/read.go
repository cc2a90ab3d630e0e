package xlsx

import (
	"archive/zip"
	"bytes"
	"encoding/xml"
	"errors"
	"fmt"
	"io"
	"math"
	"path"
	"strconv"
	"strings"
	"time"
)

// Book is a workbook read whole: every sheet's cell text, in sheet order.
type Book struct {
	Sheets   []Sheet
	Modified string // the core property dcterms:modified as written; may be empty
}

// Sheet is one worksheet's cells as text, row by row from row 1. A row
// ends at its last non-empty cell; blank rows between are empty, and rows
// after the last non-empty one are left out.
type Sheet struct {
	Name string
	Rows [][]string
}

// Limits bound what Read unpacks, so a zip bomb is refused before it fills
// memory. Zero fields take the defaults.
type Limits struct {
	Total int64 // all parts read, uncompressed (default 256 MiB)
	Part  int64 // one XML part, uncompressed (default 64 MiB)
	Cells int   // cells held, blanks padding a row included (default 4 million)
}

func (l Limits) withDefaults() Limits {
	if l.Total <= 0 {
		l.Total = 256 << 20
	}
	if l.Part <= 0 {
		l.Part = 64 << 20
	}
	if l.Cells <= 0 {
		l.Cells = 4 << 20
	}
	return l
}

// Read reads every sheet of an .xlsx workbook as text, as a spreadsheet
// shows it, with these rules for numbers: a number in a date or time
// format is written as ISO 8601 (2025-01-29, 2025-01-29 14:30:00, 14:30:00),
// one in a percentage format as a percentage (50%, 12.50%), and any other
// number as its value (3, 0.25; to 15 significant digits), whatever decimal
// places or thousands separators its format shows. Booleans read TRUE and
// FALSE, errors as their code (#N/A), formulas as their last result.
func Read(data []byte, lim Limits) (*Book, error) {
	zr, err := zip.NewReader(bytes.NewReader(data), int64(len(data)))
	if err != nil {
		return nil, fmt.Errorf("not a zip archive: %w", err)
	}
	r := &reader{files: map[string]*zip.File{}, lim: lim.withDefaults()}
	for _, f := range zr.File {
		r.files[strings.ToLower(strings.TrimPrefix(f.Name, "/"))] = f
	}
	return r.read()
}

type reader struct {
	files    map[string]*zip.File
	lim      Limits
	total    int64
	cells    int
	shared   []string
	formats  []numFormat // per cell style (cellXfs index)
	date1904 bool
}

// numFormat is how a style shows a number.
type numFormat uint8

const (
	fmtGeneral numFormat = iota
	fmtPercent0
	fmtPercent2
	fmtDate
	fmtDateTime
	fmtTime
)

// part reads one part of the package, within the limits; nil if absent.
func (r *reader) part(name string) ([]byte, error) {
	f, ok := r.files[strings.ToLower(strings.TrimPrefix(name, "/"))]
	if !ok {
		return nil, nil
	}
	rc, err := f.Open()
	if err != nil {
		return nil, fmt.Errorf("%s: %w", name, err)
	}
	defer rc.Close()
	limit := min(r.lim.Part, r.lim.Total-r.total)
	data, err := io.ReadAll(io.LimitReader(rc, limit+1))
	if err != nil {
		return nil, fmt.Errorf("%s: %w", name, err)
	}
	if int64(len(data)) > limit {
		return nil, fmt.Errorf("%s unpacks to more than the %d MB a spreadsheet may hold", name, limit>>20)
	}
	r.total += int64(len(data))
	return data, nil
}

type relationship struct {
	ID     string `xml:"Id,attr"`
	Type   string `xml:"Type,attr"`
	Target string `xml:"Target,attr"`
	Mode   string `xml:"TargetMode,attr"`
}

// rels reads the relationships of part (e.g. "xl/workbook.xml").
func (r *reader) rels(part string) ([]relationship, error) {
	dir, file := path.Split(part)
	data, err := r.part(dir + "_rels/" + file + ".rels")
	if err != nil || data == nil {
		return nil, err
	}
	var doc struct {
		Rels []relationship `xml:"Relationship"`
	}
	if err := xml.Unmarshal(data, &doc); err != nil {
		return nil, fmt.Errorf("%s relationships: %w", part, err)
	}
	// Targets are relative to the part's folder, or absolute from the root.
	for i := range doc.Rels {
		t := doc.Rels[i].Target
		if strings.HasPrefix(t, "/") {
			t = strings.TrimPrefix(t, "/")
		} else {
			t = path.Join(dir, t)
		}
		doc.Rels[i].Target = t
	}
	return doc.Rels, nil
}

func relOfType(rels []relationship, suffix string) string {
	for _, rel := range rels {
		if strings.HasSuffix(rel.Type, suffix) && rel.Mode != "External" {
			return rel.Target
		}
	}
	return ""
}

func (r *reader) read() (*Book, error) {
	root, err := r.rels("")
	if err != nil {
		return nil, err
	}
	wbPath := relOfType(root, "/officeDocument")
	if wbPath == "" {
		wbPath = "xl/workbook.xml"
	}
	wbData, err := r.part(wbPath)
	if err != nil {
		return nil, err
	}
	if wbData == nil {
		return nil, errors.New("no workbook in the archive (is it an .xlsx file?)")
	}
	var wb struct {
		Pr struct {
			Date1904 string `xml:"date1904,attr"`
		} `xml:"workbookPr"`
		Sheets []struct {
			Name  string `xml:"name,attr"`
			RID   string `xml:"http://schemas.openxmlformats.org/officeDocument/2006/relationships id,attr"`
			State string `xml:"state,attr"`
		} `xml:"sheets>sheet"`
	}
	if err := xml.Unmarshal(wbData, &wb); err != nil {
		return nil, fmt.Errorf("the workbook part cannot be read: %w", err)
	}
	r.date1904 = wb.Pr.Date1904 == "1" || wb.Pr.Date1904 == "true"
	rels, err := r.rels(wbPath)
	if err != nil {
		return nil, err
	}
	if p := relOfType(rels, "/sharedStrings"); p != "" {
		if err := r.readShared(p); err != nil {
			return nil, err
		}
	}
	if p := relOfType(rels, "/styles"); p != "" {
		if err := r.readStyles(p); err != nil {
			return nil, err
		}
	}
	b := &Book{}
	if p := relOfType(root, "/core-properties"); p != "" {
		if data, err := r.part(p); err == nil && data != nil {
			var core struct {
				Modified string `xml:"http://purl.org/dc/terms/ modified"`
			}
			if xml.Unmarshal(data, &core) == nil {
				b.Modified = strings.TrimSpace(core.Modified)
			}
		}
	}
	byID := map[string]string{}
	for _, rel := range rels {
		byID[rel.ID] = rel.Target
	}
	for _, s := range wb.Sheets {
		target, ok := byID[s.RID]
		if !ok {
			return nil, fmt.Errorf("sheet %q has no part in the archive", s.Name)
		}
		data, err := r.part(target)
		if err != nil {
			return nil, fmt.Errorf("sheet %q: %w", s.Name, err)
		}
		if data == nil {
			// A chart sheet or a missing part: no cells.
			b.Sheets = append(b.Sheets, Sheet{Name: s.Name})
			continue
		}
		rows, err := r.readSheet(data)
		if err != nil {
			return nil, fmt.Errorf("sheet %q: %w", s.Name, err)
		}
		b.Sheets = append(b.Sheets, Sheet{Name: s.Name, Rows: rows})
	}
	return b, nil
}

// readShared reads the shared string table: plain and rich text items,
// phonetic guides left out.
func (r *reader) readShared(p string) error {
	data, err := r.part(p)
	if err != nil || data == nil {
		return err
	}
	d := xml.NewDecoder(bytes.NewReader(data))
	for {
		tok, err := d.Token()
		if err == io.EOF {
			return nil
		}
		if err != nil {
			return fmt.Errorf("the shared strings cannot be read: %w", err)
		}
		if se, ok := tok.(xml.StartElement); ok && se.Name.Local == "si" {
			s, err := stringItem(d, se)
			if err != nil {
				return fmt.Errorf("the shared strings cannot be read: %w", err)
			}
			r.shared = append(r.shared, s)
			if len(r.shared) > r.lim.Cells {
				return errors.New("too many shared strings")
			}
		}
	}
}

// stringItem reads the text of an <si> or <is> element: its <t>, or the
// <t> of each rich text run <r>; <rPh> (phonetic reading) is skipped.
func stringItem(d *xml.Decoder, start xml.StartElement) (string, error) {
	var sb strings.Builder
	depth, inT := 0, false
	for {
		tok, err := d.Token()
		if err != nil {
			return "", err
		}
		switch t := tok.(type) {
		case xml.StartElement:
			depth++
			switch t.Name.Local {
			case "rPh", "phoneticPr":
				if err := d.Skip(); err != nil {
					return "", err
				}
				depth--
			case "t":
				inT = true
			}
		case xml.EndElement:
			if depth == 0 {
				return unescape(sb.String()), nil
			}
			depth--
			if t.Name.Local == "t" {
				inT = false
			}
		case xml.CharData:
			if inT {
				sb.Write(t)
			}
		}
	}
}

// unescape reads the format's escapes of characters XML cannot hold:
// "_x000D_" is a carriage return, "_x005F_" a literal underscore.
func unescape(s string) string {
	if !strings.Contains(s, "_x") {
		return s
	}
	var sb strings.Builder
	for i := 0; i < len(s); {
		if s[i] == '_' && isEscape(s[i:]) {
			n, _ := strconv.ParseUint(s[i+2:i+6], 16, 16)
			if n == 0x5F {
				sb.WriteByte('_')
			} else {
				sb.WriteRune(rune(n))
			}
			i += 7
			continue
		}
		sb.WriteByte(s[i])
		i++
	}
	return sb.String()
}

// readStyles learns which cell styles show numbers as dates, times or
// percentages.
func (r *reader) readStyles(p string) error {
	data, err := r.part(p)
	if err != nil || data == nil {
		return err
	}
	var st struct {
		NumFmts []struct {
			ID   int    `xml:"numFmtId,attr"`
			Code string `xml:"formatCode,attr"`
		} `xml:"numFmts>numFmt"`
		Xfs []struct {
			NumFmt int `xml:"numFmtId,attr"`
		} `xml:"cellXfs>xf"`
	}
	if err := xml.Unmarshal(data, &st); err != nil {
		return fmt.Errorf("the styles cannot be read: %w", err)
	}
	custom := map[int]string{}
	for _, f := range st.NumFmts {
		custom[f.ID] = f.Code
	}
	r.formats = make([]numFormat, len(st.Xfs))
	for i, xf := range st.Xfs {
		if code, ok := custom[xf.NumFmt]; ok {
			r.formats[i] = classify(code)
		} else {
			r.formats[i] = builtin(xf.NumFmt)
		}
	}
	return nil
}

// builtin classifies Excel's built-in number formats.
func builtin(id int) numFormat {
	switch {
	case id == 9:
		return fmtPercent0
	case id == 10:
		return fmtPercent2
	case id >= 14 && id <= 17, id >= 27 && id <= 31, id >= 50 && id <= 58: // dates (and East Asian dates)
		return fmtDate
	case id == 22:
		return fmtDateTime
	case id >= 18 && id <= 21, id >= 45 && id <= 47, id >= 32 && id <= 36:
		return fmtTime
	}
	return fmtGeneral
}

// classify reads a custom format code: which of date, time or percent it
// shows, looking only outside quoted text, escapes and [brackets]; for a
// code of several sections, the first.
func classify(code string) numFormat {
	var date, tim, pct bool
	for i := 0; i < len(code); i++ {
		c := code[i]
		switch c {
		case ';':
			i = len(code)
		case '"':
			if j := strings.IndexByte(code[i+1:], '"'); j >= 0 {
				i += j + 1
			} else {
				i = len(code)
			}
		case '\\', '_', '*':
			i++
		case '[':
			if j := strings.IndexByte(code[i:], ']'); j >= 0 {
				inner := strings.ToLower(code[i+1 : i+j])
				if inner == "h" || inner == "hh" || inner == "m" || inner == "mm" || inner == "s" || inner == "ss" {
					tim = true // elapsed time
				}
				i += j
			} else {
				i = len(code)
			}
		case 'y', 'Y', 'd', 'D':
			date = true
		case 'h', 'H', 's', 'S':
			tim = true
		case 'm', 'M':
			date = true // months, or minutes beside hours: either way a date or time
		case '%':
			pct = true
		}
	}
	switch {
	case date && tim:
		return fmtDateTime
	case date:
		return fmtDate
	case tim:
		return fmtTime
	case pct:
		if strings.Contains(code, ".") {
			return fmtPercent2
		}
		return fmtPercent0
	}
	return fmtGeneral
}

// readSheet reads a worksheet's cells as text.
func (r *reader) readSheet(data []byte) ([][]string, error) {
	d := xml.NewDecoder(bytes.NewReader(data))
	var rows [][]string
	last := 0 // rows up to the last one with a value
	rowNum := 0
	var cur []string
	inRow := false
	col := 0
	endRow := func() {
		if len(cur) > 0 {
			r.cells += max(0, rowNum-1-len(rows)) // blank rows between
			for len(rows) < rowNum-1 {
				rows = append(rows, nil)
			}
			rows = append(rows, cur)
			last = len(rows)
		}
		cur, inRow = nil, false
	}
	for {
		tok, err := d.Token()
		if err == io.EOF {
			break
		}
		if err != nil {
			return nil, fmt.Errorf("cannot be read: %w", err)
		}
		switch t := tok.(type) {
		case xml.StartElement:
			switch t.Name.Local {
			case "row":
				if inRow {
					endRow()
				}
				n := rowNum + 1
				if v := attrOf(t, "r"); v != "" {
					if n, err = strconv.Atoi(v); err != nil || n < 1 || n > MaxRows {
						return nil, fmt.Errorf("row number %q", v)
					}
				}
				if n <= rowNum {
					return nil, fmt.Errorf("row %d comes after row %d", n, rowNum)
				}
				rowNum, inRow, col = n, true, 0
			case "c":
				if !inRow {
					return nil, errors.New("a cell outside a row")
				}
				c := col + 1
				if ref := attrOf(t, "r"); ref != "" {
					cc, rr, err := ParseCell(ref)
					if err != nil {
						return nil, fmt.Errorf("cell reference %q", ref)
					}
					if rr != rowNum || cc <= col {
						return nil, fmt.Errorf("cell %s is out of place in row %d", ref, rowNum)
					}
					c = cc
				}
				col = c
				v, formula, err := r.cellValue(d, t)
				if err != nil {
					return nil, fmt.Errorf("cell %s: %w", CellName(c, rowNum), err)
				}
				if v != "" || formula {
					r.cells += c - len(cur)
					if r.cells > r.lim.Cells {
						return nil, fmt.Errorf("more than %d cells", r.lim.Cells)
					}
					for len(cur) < c-1 {
						cur = append(cur, "")
					}
					cur = append(cur, v)
				}
			case "worksheet", "sheetData":
			default:
				if !inRow {
					if err := d.Skip(); err != nil {
						return nil, fmt.Errorf("cannot be read: %w", err)
					}
				}
			}
		case xml.EndElement:
			if t.Name.Local == "row" {
				endRow()
			}
		}
	}
	if inRow {
		endRow()
	}
	if r.cells > r.lim.Cells {
		return nil, fmt.Errorf("more than %d cells", r.lim.Cells)
	}
	return rows[:last], nil
}

func attrOf(se xml.StartElement, name string) string {
	for _, a := range se.Attr {
		if a.Name.Local == name && a.Name.Space == "" {
			return a.Value
		}
	}
	return ""
}

// cellValue reads a <c> element to its end: its text, and whether it has
// a formula.
func (r *reader) cellValue(d *xml.Decoder, start xml.StartElement) (string, bool, error) {
	typ := attrOf(start, "t")
	style := 0
	if s := attrOf(start, "s"); s != "" {
		n, err := strconv.Atoi(s)
		if err != nil || n < 0 {
			return "", false, fmt.Errorf("style %q", s)
		}
		style = n
	}
	var v, inline strings.Builder
	formula, hasInline := false, false
	for {
		tok, err := d.Token()
		if err != nil {
			return "", false, err
		}
		switch t := tok.(type) {
		case xml.StartElement:
			switch t.Name.Local {
			case "v":
				s, err := charData(d)
				if err != nil {
					return "", false, err
				}
				v.WriteString(s)
			case "f":
				formula = true
				if err := d.Skip(); err != nil {
					return "", false, err
				}
			case "is":
				s, err := stringItem(d, t)
				if err != nil {
					return "", false, err
				}
				inline.WriteString(s)
				hasInline = true
			default:
				if err := d.Skip(); err != nil {
					return "", false, err
				}
			}
		case xml.EndElement:
			val, err := r.format(typ, style, v.String(), inline.String(), hasInline)
			return val, formula, err
		}
	}
}

// charData reads the text of an element to its end.
func charData(d *xml.Decoder) (string, error) {
	var sb strings.Builder
	depth := 0
	for {
		tok, err := d.Token()
		if err != nil {
			return "", err
		}
		switch t := tok.(type) {
		case xml.StartElement:
			depth++
		case xml.EndElement:
			if depth == 0 {
				return sb.String(), nil
			}
			depth--
		case xml.CharData:
			sb.Write(t)
		}
	}
}

func (r *reader) format(typ string, style int, v, inline string, hasInline bool) (string, error) {
	switch typ {
	case "s":
		if strings.TrimSpace(v) == "" {
			return "", nil
		}
		i, err := strconv.Atoi(strings.TrimSpace(v))
		if err != nil || i < 0 || i >= len(r.shared) {
			return "", fmt.Errorf("no shared string %q", v)
		}
		return r.shared[i], nil
	case "inlineStr":
		if hasInline {
			return inline, nil
		}
		return unescape(v), nil
	case "str", "e", "d":
		return unescape(v), nil
	case "b":
		switch strings.TrimSpace(v) {
		case "1", "true":
			return "TRUE", nil
		case "0", "false":
			return "FALSE", nil
		}
		return v, nil
	}
	s := strings.TrimSpace(v)
	if s == "" {
		return "", nil
	}
	f, err := strconv.ParseFloat(s, 64)
	if err != nil || math.IsInf(f, 0) || math.IsNaN(f) {
		return v, nil // not a number after all: the text as written
	}
	nf := fmtGeneral
	if style < len(r.formats) {
		nf = r.formats[style]
	}
	switch nf {
	case fmtPercent0:
		return general(math.Round(f*100)) + "%", nil
	case fmtPercent2:
		return strconv.FormatFloat(f*100, 'f', 2, 64) + "%", nil
	case fmtDate, fmtDateTime, fmtTime:
		if t, ok := r.serialTime(f); ok {
			switch {
			case nf == fmtTime:
				return t.Format("15:04:05"), nil
			case nf == fmtDateTime || t.Hour() != 0 || t.Minute() != 0 || t.Second() != 0:
				return t.Format("2006-01-02 15:04:05"), nil
			}
			return t.Format("2006-01-02"), nil
		}
	}
	return generalText(s, f), nil
}

// generalText is a number as the General format shows it: its value, to
// 15 significant digits.
func generalText(s string, f float64) string {
	digits := 0
	mant, _, _ := strings.Cut(strings.ToLower(s), "e")
	lead := true
	for i := 0; i < len(mant); i++ {
		c := mant[i]
		if c < '0' || c > '9' {
			continue
		}
		if c == '0' && lead {
			continue
		}
		lead = false
		digits++
	}
	if digits > 15 {
		return strconv.FormatFloat(f, 'G', 15, 64)
	}
	return general(f)
}

func general(f float64) string { return strconv.FormatFloat(f, 'f', -1, 64) }

// serialTime turns a spreadsheet date serial into a time, rounded to the
// second.
func (r *reader) serialTime(f float64) (time.Time, bool) {
	if f < 0 || f > 2958466 { // after 9999-12-31
		return time.Time{}, false
	}
	epoch := time.Date(1899, 12, 30, 0, 0, 0, 0, time.UTC)
	if r.date1904 {
		epoch = time.Date(1904, 1, 1, 0, 0, 0, 0, time.UTC)
	} else if f < 61 {
		// Excel counts 29 February 1900, which did not exist: serials
		// before 1 March 1900 are a day later than they would be.
		epoch = epoch.AddDate(0, 0, 1)
	}
	days := math.Floor(f)
	secs := math.Round((f - days) * 86400)
	return epoch.AddDate(0, 0, int(days)).Add(time.Duration(secs) * time.Second), true
}
