package report

import (
	"bytes"
	"fmt"
	"io"
	"strconv"
	"strings"
	"time"

	"codeberg.org/go-pdf/fpdf"

	"gapwise/assets"
	"gapwise/internal/appinfo"
	"gapwise/internal/model"
)

// Meta is what every document's provenance line and cover need.
type Meta struct {
	Framework  *model.Framework // required
	AppVersion string           // "" means appinfo.Version
	Generated  time.Time        // printed as given (its own zone); zero means now
	Title      string           // "" means the document's usual title
	// Authors are the people the document is by, for its metadata; none
	// means the person named on the cover (none at all for a team report).
	Authors []string
	// Attachments are carried inside the PDF (the assessment files it was
	// made from); any make it PDF/A-3b rather than PDF/A-2b.
	Attachments []Attachment
}

// Page geometry in millimetres: A4 portrait with 15 mm side and top margins.
const (
	pageW    = 210.0
	pageH    = 297.0
	marginX  = 15.0
	marginT  = 15.0
	marginB  = 10.0
	contentW = pageW - 2*marginX
	headerY  = 10.0 // baseline of the running header on pages after the cover
	bodyTop  = 18.0 // where content starts on pages after the cover

	family    = "dejavu"
	bodySize  = 9.5
	tableSize = 8.5
	smallSize = 7.5
	footSize  = 6.5
	ptMM      = 25.4 / 72 // one point in millimetres
	leading   = 1.3       // line height as a multiple of the font size

	padX = 1.3 // table cell padding
	padY = 1.0
)

// rgb is a colour. The palette is calm greys; the one tint (the radar's
// shaded area and the disagreement rows) reads as light grey in greyscale
// and always comes with words or markers.
type rgb struct{ r, g, b int }

var (
	ink         = rgb{25, 25, 25}
	muted       = rgb{90, 90, 90}
	ruleGrey    = rgb{170, 170, 170}
	faintGrey   = rgb{215, 215, 215}
	headFill    = rgb{228, 228, 228}
	groupFill   = rgb{242, 242, 242}
	markFill    = rgb{252, 238, 205}
	currentFill = rgb{178, 200, 226}
	currentLine = rgb{40, 80, 130}
)

// pagesAlias is replaced by the page count when the document is written.
const pagesAlias = "{gw:nb}"

// sectionAlias is replaced by the page a numbered section starts on.
func sectionAlias(n int) string { return "{gw:s" + strconv.Itoa(n) + "}" }

// footLine is one line of the footer: an optional bold prefix, then text
// indented by the prefix's width (a hanging indent on following lines).
type footLine struct {
	prefix string
	text   string
	indent float64
}

// doc is a document being laid out: fpdf with manual page breaks, a running
// header, a footer measured up front, and the section starts for the
// contents list.
type doc struct {
	pdf      *fpdf.Fpdf
	meta     Meta
	running  string // running header on pages after the cover
	foot     []footLine
	footLast string // the last footer line, left of "Page n of N"
	footTop  float64
	bottom   float64 // content ends above this
	sections []int   // page on which each numbered section starts
}

func appVersion(m Meta) string {
	if m.AppVersion != "" {
		return m.AppVersion
	}
	return appinfo.Version
}

// newDoc starts a document on its first page (the cover).
func newDoc(m Meta, title, person string) (*doc, error) {
	if m.Framework == nil {
		return nil, model.Errorf(model.Invalid, "A report needs the framework its ratings are made against.")
	}
	if m.Generated.IsZero() {
		m.Generated = time.Now()
	}
	p := fpdf.New("P", "mm", "A4", "")
	running := title
	if strings.TrimSpace(person) != "" {
		running += " · " + person
	}
	d := &doc{pdf: p, meta: m, running: clean(running)}
	p.SetCatalogSort(true)
	p.SetCreationDate(m.Generated)
	p.SetModificationDate(m.Generated)
	p.AliasNbPages(pagesAlias)
	p.AddUTF8FontFromBytes(family, "", assets.FontRegular)
	p.AddUTF8FontFromBytes(family, "B", assets.FontBold)
	p.AddUTF8FontFromBytes(family, "I", assets.FontItalic)
	p.SetMargins(marginX, marginT, marginX)
	p.SetCellMargin(0)
	p.SetAutoPageBreak(false, 0)
	p.SetLineCapStyle("butt")
	p.SetLineJoinStyle("miter")
	var authors []string
	for _, a := range m.Authors {
		if a = clean(a); strings.TrimSpace(a) != "" {
			authors = append(authors, a)
		}
	}
	if len(m.Authors) == 0 && strings.TrimSpace(person) != "" {
		authors = []string{clean(person)}
	}
	setPDFA(p, docInfo{
		title:    clean(running),
		subject:  clean(title + " against " + m.Framework.Name + ", version " + m.Framework.Ref.Version),
		authors:  authors,
		creator:  appinfo.Name + " " + appVersion(m),
		producer: appinfo.Name + " " + appVersion(m) + " (go-pdf/fpdf)",
		date:     m.Generated,
		part:     pdfaPart(m),
	})
	p.SetLang("en-GB")
	if err := p.Error(); err != nil {
		return nil, model.Wrap(model.Internal, err, "The report fonts could not be loaded")
	}
	d.layoutFooter()
	p.SetHeaderFunc(d.header)
	p.SetFooterFunc(d.footer)
	p.AddPage()
	p.SetY(marginT)
	return d, nil
}

// finish writes the document, filling in page numbers.
func (d *doc) finish(w io.Writer) error {
	for i, page := range d.sections {
		d.pdf.RegisterAlias(sectionAlias(i+1), strconv.Itoa(page))
	}
	var raw bytes.Buffer
	if err := d.pdf.Output(&raw); err != nil {
		return model.Wrap(model.Internal, err, "The PDF could not be written")
	}
	out, err := archive(raw.Bytes(), d.meta.Generated, d.meta.Attachments)
	if err != nil {
		return model.Wrap(model.Internal, err, "The PDF could not be made archival (PDF/A)")
	}
	if _, err := w.Write(out); err != nil {
		return model.Wrap(model.Internal, err, "The PDF could not be written")
	}
	return nil
}

// generatedText is when the document was made, in the zone it was given in.
func (d *doc) generatedText() string {
	return d.meta.Generated.Format("2 January 2006, 15:04 MST")
}

// layoutFooter measures the footer once, so every page knows where its
// content must stop.
func (d *doc) layoutFooter() {
	fw := d.meta.Framework
	p := d.pdf
	p.SetFont(family, "", footSize)
	prov := sentence(fmt.Sprintf("%s, version %s", fw.Name, fw.Ref.Version))
	if fw.Licence != "" {
		prov += " Licence: " + sentence(fw.Licence)
	}
	if fw.Attribution != "" {
		prov += " " + sentence(fw.Attribution)
	}
	for _, l := range d.split(prov, contentW) {
		d.foot = append(d.foot, footLine{text: l})
	}
	if fw.Provisional {
		p.SetFont(family, "B", footSize)
		indent := p.GetStringWidth("PROVISIONAL") + 1.5
		p.SetFont(family, "", footSize)
		note := firstSentence(fw.ProvisionalNote)
		if note == "" {
			note = "This framework is provisional."
		}
		for i, l := range d.split(note, contentW-indent) {
			fl := footLine{text: l, indent: indent}
			if i == 0 {
				fl.prefix = "PROVISIONAL"
			}
			d.foot = append(d.foot, fl)
		}
	}
	d.footLast = fmt.Sprintf("%s %s · generated %s", appinfo.Name, appVersion(d.meta), d.generatedText())
	lh := lineHeight(footSize)
	d.footTop = pageH - marginB - float64(len(d.foot)+1)*lh
	d.bottom = d.footTop - 5
}

func (d *doc) header() {
	if d.pdf.PageNo() <= 1 {
		return
	}
	p := d.pdf
	d.font("", smallSize, muted)
	right := d.meta.Framework.ShortName
	if right == "" {
		right = d.meta.Framework.Ref.String()
	}
	if d.meta.Framework.Provisional {
		right += " (provisional)"
	}
	rw := p.GetStringWidth(right)
	p.Text(pageW-marginX-rw, headerY, right)
	left := d.fitLine(d.running, contentW-rw-6)
	p.Text(marginX, headerY, left)
	d.line(marginX, headerY+2, pageW-marginX, headerY+2, 0.2, ruleGrey)
}

func (d *doc) footer() {
	p := d.pdf
	lh := lineHeight(footSize)
	d.line(marginX, d.footTop-1.5, pageW-marginX, d.footTop-1.5, 0.2, ruleGrey)
	y := d.footTop
	for _, l := range d.foot {
		if l.prefix != "" {
			d.font("B", footSize, ink)
			p.Text(marginX, baseline(y, footSize), l.prefix)
		}
		d.font("", footSize, muted)
		p.Text(marginX+l.indent, baseline(y, footSize), l.text)
		y += lh
	}
	d.font("", footSize, muted)
	p.Text(marginX, baseline(y, footSize), d.footLast)
	// The page count is filled in when the document is written, so the text
	// is left-aligned in a box wide enough for any real count.
	d.font("B", footSize, ink)
	boxW := p.GetStringWidth("Page 8888 of 8888")
	p.Text(pageW-marginX-boxW, baseline(y, footSize), fmt.Sprintf("Page %d of %s", p.PageNo(), pagesAlias))
}

// lineHeight is the height of one line of text at a font size.
func lineHeight(size float64) float64 { return size * ptMM * leading }

// baseline is where text sits in a line box starting at top.
func baseline(top, size float64) float64 { return top + size*ptMM*1.02 }

func (d *doc) font(style string, size float64, c rgb) {
	d.pdf.SetFont(family, style, size)
	d.pdf.SetTextColor(c.r, c.g, c.b)
}

func (d *doc) y() float64     { return d.pdf.GetY() }
func (d *doc) setY(y float64) { d.pdf.SetY(y) }
func (d *doc) down(h float64) { d.pdf.SetY(d.pdf.GetY() + h) }

// room reports whether h more millimetres fit on the page.
func (d *doc) room(h float64) bool { return d.y()+h <= d.bottom+0.01 }

// atTop reports whether nothing has been drawn yet on this page's body.
func (d *doc) atTop() bool { return d.y() <= bodyTop+0.01 }

func (d *doc) newPage() {
	d.pdf.AddPage()
	d.pdf.SetY(bodyTop)
}

// need starts a new page unless h more millimetres fit on this one.
func (d *doc) need(h float64) {
	if !d.room(h) && !d.atTop() {
		d.newPage()
	}
}

func (d *doc) line(x1, y1, x2, y2, width float64, c rgb) {
	d.pdf.SetLineWidth(width)
	d.pdf.SetDrawColor(c.r, c.g, c.b)
	d.pdf.Line(x1, y1, x2, y2)
}

func (d *doc) fillRect(x, y, w, h float64, c rgb) {
	d.pdf.SetFillColor(c.r, c.g, c.b)
	d.pdf.Rect(x, y, w, h, "F")
}

// split wraps text to a width in the current font, breaking at spaces and
// newlines (a no-break space U+00A0 holds words together) and inside words
// longer than the width. It always returns at least one line.
func (d *doc) split(text string, w float64) []string {
	text = clean(text)
	p := d.pdf
	space := p.GetStringWidth(" ")
	var lines []string
	for _, para := range strings.Split(text, "\n") {
		var line strings.Builder
		lineW := 0.0
		flush := func() {
			lines = append(lines, line.String())
			line.Reset()
			lineW = 0
		}
		for _, word := range strings.Split(para, " ") {
			ww := p.GetStringWidth(word)
			switch {
			case line.Len() == 0 && ww <= w:
			case line.Len() > 0 && lineW+space+ww <= w:
				line.WriteByte(' ')
				lineW += space
			default:
				if line.Len() > 0 {
					flush()
				}
				if ww > w {
					// A word wider than the line is broken where it must be.
					for _, r := range word {
						rw := p.GetStringWidth(string(r))
						if lineW+rw > w && line.Len() > 0 {
							flush()
						}
						line.WriteRune(r)
						lineW += rw
					}
					continue
				}
			}
			line.WriteString(word)
			lineW += ww
		}
		lines = append(lines, strings.TrimRight(line.String(), " "))
	}
	return lines
}

// fitLine shortens one line of text with an ellipsis to fit a width in the
// current font.
func (d *doc) fitLine(text string, w float64) string {
	text = strings.ReplaceAll(clean(text), "\n", " ")
	if d.pdf.GetStringWidth(text) <= w {
		return text
	}
	r := []rune(text)
	for len(r) > 0 && d.pdf.GetStringWidth(string(r)+"…") > w {
		r = r[:len(r)-1]
	}
	return strings.TrimRight(string(r), " ") + "…"
}

// para prints wrapped text from the current position, breaking pages
// between lines (never leaving a single first line at a page's foot).
func (d *doc) para(text, style string, size float64, c rgb) {
	d.paraAt(text, style, size, c, marginX, contentW)
}

func (d *doc) paraAt(text, style string, size float64, c rgb, x, w float64) {
	d.font(style, size, c)
	lh := lineHeight(size)
	lines := d.split(text, w)
	for i, l := range lines {
		first := lh
		if i == 0 && len(lines) > 1 {
			first = 2 * lh
		}
		if !d.room(first) {
			d.newPage()
			d.font(style, size, c)
		}
		d.pdf.Text(x, baseline(d.y(), size), l)
		d.down(lh)
	}
}

// heading starts a numbered section, keeping it on a page with at least
// keep millimetres of what follows.
func (d *doc) heading(n int, title string, keep float64) {
	const size = 13.0
	h := lineHeight(size) + 3
	if !d.atTop() {
		if d.room(7 + h + keep) {
			d.down(7)
		} else {
			d.newPage()
		}
	}
	for len(d.sections) < n {
		d.sections = append(d.sections, d.pdf.PageNo())
	}
	label := fmt.Sprintf("%d  %s", n, title)
	d.font("B", size, ink)
	d.pdf.Bookmark(label, 0, -1)
	d.pdf.Text(marginX, baseline(d.y(), size), label)
	d.down(lineHeight(size) + 0.5)
	d.line(marginX, d.y(), pageW-marginX, d.y(), 0.3, ruleGrey)
	d.down(2.5)
}

// subheading is a smaller unnumbered heading kept with what follows.
func (d *doc) subheading(title string, keep float64) {
	const size = 10.5
	h := lineHeight(size) + 1
	if !d.atTop() {
		if d.room(3 + h + keep) {
			d.down(3)
		} else {
			d.newPage()
		}
	}
	d.font("B", size, ink)
	d.pdf.Text(marginX, baseline(d.y(), size), d.fitLine(title, contentW))
	d.down(h)
}

// keyValues prints label: value pairs in two columns, values wrapping; a
// short block is kept on one page.
func (d *doc) keyValues(pairs [][2]string, keyW float64, size float64) {
	lh := lineHeight(size)
	if total := d.keyValuesHeight(pairs, keyW, size); total < (d.bottom-bodyTop)/3 {
		d.need(total)
	}
	for _, kv := range pairs {
		d.font("", size, ink)
		lines := d.split(kv[1], contentW-keyW)
		d.need(lh * float64(min(len(lines), 3)))
		d.font("B", size, muted)
		d.pdf.Text(marginX, baseline(d.y(), size), kv[0])
		d.paraAt(kv[1], "", size, ink, marginX+keyW, contentW-keyW)
		d.down(0.8)
	}
}

// keyValuesHeight is the height keyValues takes.
func (d *doc) keyValuesHeight(pairs [][2]string, keyW float64, size float64) float64 {
	d.font("", size, ink)
	total := 0.0
	for _, kv := range pairs {
		total += lineHeight(size)*float64(len(d.split(kv[1], contentW-keyW))) + 0.8
	}
	return total
}

// contents lists the numbered sections with the page each starts on.
func (d *doc) contents(titles []string) {
	d.font("B", bodySize, ink)
	d.pdf.Text(marginX, baseline(d.y(), bodySize), "Contents")
	d.down(lineHeight(bodySize) + 1)
	for i, t := range titles {
		d.font("", bodySize, ink)
		y := baseline(d.y(), bodySize)
		d.pdf.Text(marginX, y, fmt.Sprintf("%d", i+1))
		d.pdf.Text(marginX+7, y, t)
		d.font("", bodySize, muted)
		d.pdf.Text(marginX+110, y, "page "+sectionAlias(i+1))
		d.down(lineHeight(bodySize))
	}
}

// noteBox prints text in a light box with a bold label, kept on one page
// when it fits.
func (d *doc) noteBox(label, text string) {
	const size = 8.5
	w := contentW - 8
	d.font("", size, ink)
	lines := d.split(text, w)
	lh := lineHeight(size)
	h := lh*float64(len(lines)+1) + 5
	d.need(h)
	top := d.y()
	if d.room(h) {
		d.fillRect(marginX, top, contentW, h, groupFill)
		d.line(marginX, top, marginX, top+h, 0.8, ruleGrey)
	}
	d.down(2.5)
	d.font("B", size, ink)
	d.pdf.Text(marginX+4, baseline(d.y(), size), label)
	d.down(lh)
	d.paraAt(text, "", size, ink, marginX+4, w)
	d.down(2.5)
}

// column is one column of a table. Fit columns are as wide as their widest
// cell (up to max); the others share the rest of the width by weight.
type column struct {
	head   string
	align  byte // 'L', 'C' or 'R'
	fit    bool
	max    float64
	weight float64
	w      float64 // worked out by the table
}

// cell is one table cell's text and font style ("", "B" or "I").
type cell struct {
	text  string
	style string
}

// row is a table row, or a group heading spanning the table when group is set.
type row struct {
	cells []cell
	group string
	shade bool // a highlight that always comes with a word or marker
	span  bool // the last cell runs across the remaining columns
}

// spans reports whether cell i of r runs across the columns after it too.
func (r row) spans(i int) bool { return r.span && i == len(r.cells)-1 }

type table struct {
	cols []column
	rows []row
}

// sizeColumns works out the column widths.
func (d *doc) sizeColumns(t *table) {
	fixed, weights := 0.0, 0.0
	for i := range t.cols {
		c := &t.cols[i]
		if !c.fit {
			weights += c.weight
			continue
		}
		d.font("B", tableSize, ink)
		w := 0.0
		for _, word := range strings.Fields(c.head) {
			w = max(w, d.pdf.GetStringWidth(word))
		}
		for _, r := range t.rows {
			if r.group != "" || i >= len(r.cells) || r.spans(i) {
				continue
			}
			d.font(r.cells[i].style, tableSize, ink)
			for _, l := range strings.Split(clean(r.cells[i].text), "\n") {
				w = max(w, d.pdf.GetStringWidth(l))
			}
		}
		w += 2*padX + 0.2
		if c.max > 0 {
			w = min(w, c.max)
		}
		c.w = w
		fixed += w
	}
	rest := max(contentW-fixed, 0)
	for i := range t.cols {
		if c := &t.cols[i]; !c.fit {
			c.w = rest * c.weight / weights
		}
	}
}

// preparedRow is a row with each cell wrapped into lines.
type preparedRow struct {
	row
	lines [][]string
	n     int // lines in the tallest cell
}

func (d *doc) prepare(t *table, r row) preparedRow {
	pr := preparedRow{row: r}
	if r.group != "" {
		d.font("B", tableSize, ink)
		pr.lines = [][]string{d.split(r.group, contentW-2*padX)}
		pr.n = len(pr.lines[0])
		return pr
	}
	pr.lines = make([][]string, len(t.cols))
	for i := range t.cols {
		var cl cell
		if i < len(r.cells) {
			cl = r.cells[i]
		} else if r.span {
			continue // covered by the spanning cell
		}
		d.font(cl.style, tableSize, ink)
		pr.lines[i] = d.split(cl.text, spanWidth(t, r, i)-2*padX)
		pr.n = max(pr.n, len(pr.lines[i]))
	}
	return pr
}

// spanWidth is the width of cell i of r: its column's, or the columns' it
// runs across.
func spanWidth(t *table, r row, i int) float64 {
	if !r.spans(i) {
		return t.cols[i].w
	}
	w := 0.0
	for _, c := range t.cols[i:] {
		w += c.w
	}
	return w
}

func rowHeight(lines int) float64 { return float64(lines)*lineHeight(tableSize) + 2*padY }

// drawTable prints a table from the current position. The heading row is
// repeated on every page the table runs onto, with the current group's
// heading marked "(continued)"; group headings are kept with their first
// row; a row taller than a third of a page may split between lines.
func (d *doc) drawTable(t *table) {
	d.sizeColumns(t)
	rows := make([]preparedRow, len(t.rows))
	for i, r := range t.rows {
		rows[i] = d.prepare(t, r)
	}
	d.font("B", tableSize, ink)
	heads := make([][]string, len(t.cols))
	headN := 1
	for i, c := range t.cols {
		heads[i] = d.split(c.head, c.w-2*padX)
		headN = max(headN, len(heads[i]))
	}
	headH := rowHeight(headN)
	lh := lineHeight(tableSize)
	maxLines := int((d.bottom - bodyTop - headH - rowHeight(2) - 2*padY) / lh)

	drawHead := func() {
		y := d.y()
		d.fillRect(marginX, y, contentW, headH, headFill)
		d.font("B", tableSize, ink)
		x := marginX
		for i, c := range t.cols {
			d.cellLines(heads[i], 0, len(heads[i]), x, y, c.w, c.align)
			x += c.w
		}
		d.line(marginX, y+headH, pageW-marginX, y+headH, 0.3, ruleGrey)
		d.setY(y + headH)
	}
	group := ""
	drawGroup := func(text string, lines []string) {
		y := d.y()
		h := rowHeight(len(lines))
		d.fillRect(marginX, y, contentW, h, groupFill)
		d.font("B", tableSize, ink)
		d.cellLines(lines, 0, len(lines), marginX, y, contentW, 'L')
		d.line(marginX, y+h, pageW-marginX, y+h, 0.2, ruleGrey)
		d.setY(y + h)
	}
	breakPage := func() {
		d.newPage()
		drawHead()
		if group != "" {
			d.font("B", tableSize, ink)
			drawGroup(group, d.split(group+" (continued)", contentW-2*padX))
		}
	}
	// firstChunk is what must fit below a heading for row i to start
	// there: the whole row, unless it is tall enough to split (below).
	firstChunk := func(i int) float64 {
		if i >= len(rows) {
			return 0
		}
		if rows[i].n > maxLines/3 {
			return rowHeight(3)
		}
		return rowHeight(rows[i].n)
	}

	// The heading row stays with the first rows.
	keep := headH + firstChunk(0)
	if len(rows) > 0 && rows[0].group != "" {
		keep += rowHeight(rows[0].n) + firstChunk(1)
	}
	d.need(keep)
	drawHead()

	for i, r := range rows {
		if r.group != "" {
			if !d.room(rowHeight(r.n) + firstChunk(i+1)) {
				group = ""
				breakPage()
			}
			group = r.group
			drawGroup(group, r.lines[0])
			continue
		}
		for from := 0; from < r.n; {
			fit := int((d.bottom - d.y() - 2*padY) / lh)
			left := r.n - from
			switch {
			case left <= fit:
				d.drawRow(t, r, from, r.n)
				from = r.n
			case r.n > maxLines/3 && fit >= 3:
				d.drawRow(t, r, from, from+fit)
				from += fit
				breakPage()
			default:
				breakPage()
				if left > maxLines {
					// Taller than a whole page: print what fits and go on.
					d.drawRow(t, r, from, from+maxLines)
					from += maxLines
					breakPage()
				}
			}
		}
	}
}

// drawRow prints lines [from, to) of a row's cells.
func (d *doc) drawRow(t *table, r preparedRow, from, to int) {
	y := d.y()
	h := rowHeight(to - from)
	if r.shade {
		d.fillRect(marginX, y, contentW, h, markFill)
	}
	x := marginX
	for i, c := range t.cols {
		style := ""
		if i < len(r.cells) {
			style = r.cells[i].style
		}
		d.font(style, tableSize, ink)
		if r.spans(i) {
			// A spanning cell is a sentence: it reads from the left.
			d.cellLines(r.lines[i], from, min(to, len(r.lines[i])), x, y, spanWidth(t, r.row, i), 'L')
			break
		}
		d.cellLines(r.lines[i], from, min(to, len(r.lines[i])), x, y, c.w, c.align)
		x += c.w
	}
	d.line(marginX, y+h, pageW-marginX, y+h, 0.15, faintGrey)
	d.setY(y + h)
}

// cellLines prints lines [from, to) of one cell whose box starts at (x, y).
func (d *doc) cellLines(lines []string, from, to int, x, y, w float64, align byte) {
	lh := lineHeight(tableSize)
	for k := from; k < to; k++ {
		l := lines[k]
		tx := x + padX
		switch align {
		case 'R':
			tx = x + w - padX - d.pdf.GetStringWidth(l)
		case 'C':
			tx = x + (w-d.pdf.GetStringWidth(l))/2
		}
		d.pdf.Text(tx, baseline(y+padY+float64(k-from)*lh, tableSize), l)
	}
}

// signatureBlock prints a labelled line to sign or write on.
func (d *doc) writeLine(x, y, w float64, label, filled string) {
	d.font("", bodySize, muted)
	d.pdf.Text(x, y, label)
	lw := d.pdf.GetStringWidth(label) + 2
	if filled != "" {
		d.font("", bodySize, ink)
		d.pdf.Text(x+lw, y, d.fitLine(filled, w-lw))
		return
	}
	d.line(x+lw, y+0.8, x+w, y+0.8, 0.25, muted)
}

// clean makes text safe to print: newlines normalised, tabs and other
// control characters turned into spaces, and characters beyond the Basic
// Multilingual Plane (which the fonts do not cover) replaced by U+FFFD.
func clean(s string) string {
	if !needsClean(s) {
		return s
	}
	s = strings.ReplaceAll(s, "\r\n", "\n")
	var b strings.Builder
	b.Grow(len(s))
	for _, r := range s {
		switch {
		case r == '\n':
			b.WriteRune(r)
		case r == '\r' || r == '\u2028' || r == '\u2029':
			b.WriteRune('\n')
		case r < 0x20 || r == 0x7f || (r >= 0x80 && r < 0xa0):
			b.WriteRune(' ')
		case r > 0xffff:
			b.WriteRune('\ufffd')
		default:
			b.WriteRune(r)
		}
	}
	return b.String()
}

func needsClean(s string) bool {
	for _, r := range s {
		if (r < 0x20 && r != '\n') || r == 0x7f || (r >= 0x80 && r < 0xa0) || r == '\u2028' || r == '\u2029' || r > 0xffff {
			return true
		}
	}
	return false
}

// sentence ends text with a full stop unless it already ends a sentence.
func sentence(s string) string {
	s = strings.TrimSpace(s)
	if s == "" || strings.HasSuffix(s, ".") || strings.HasSuffix(s, "!") || strings.HasSuffix(s, "?") {
		return s
	}
	return s + "."
}

// firstSentence is the text up to its first full stop followed by a space
// (or all of it).
func firstSentence(s string) string {
	s = strings.TrimSpace(s)
	if i := strings.Index(s, ". "); i >= 0 {
		return s[:i+1]
	}
	return s
}
