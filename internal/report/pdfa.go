package report

// PDF/A: every report is an archival PDF that an appraisal portfolio or a
// records system can keep. fpdf writes the page content, the embedded
// fonts, the XMP metadata stream and the sRGB output intent; archive then
// rewrites the file's last part to add what fpdf cannot: a time zone on the
// document dates, the file identifier, and PDF/A-3 associated files (the
// assessment's .gapwise.json inside a plan or appraisal). PDF/A-2 allows
// only PDF/A files as attachments, so a document with attachments claims
// PDF/A-3b and one without claims PDF/A-2b.

import (
	"bytes"
	"compress/zlib"
	"crypto/md5"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"sync"
	"time"
	"unicode/utf16"

	"codeberg.org/go-pdf/fpdf"
)

// Attachment is a file carried inside a PDF as a PDF/A-3 associated file of
// the whole document: the data the document was made from.
type Attachment struct {
	Name        string // file name a reader offers to save it as
	MIME        string // media type, e.g. "application/json"
	Description string
	Data        []byte
	Modified    time.Time // zero means the document's Generated time
}

// pdfaPart is the PDF/A part a document conforms to (level B).
func pdfaPart(m Meta) int {
	if len(m.Attachments) > 0 {
		return 3
	}
	return 2
}

// pdfDate is a date as PDF writes it, with the zone (D:YYYYMMDDHHmmSS+HH'mm').
func pdfDate(t time.Time) string {
	s := t.Format("20060102150405")
	_, off := t.Zone()
	if off == 0 {
		return "D:" + s + "Z"
	}
	sign := '+'
	if off < 0 {
		sign, off = '-', -off
	}
	return fmt.Sprintf("D:%s%c%02d'%02d'", s, sign, off/3600, off/60%60)
}

// xmpDate is a date as XMP writes it (ISO 8601 with the zone).
func xmpDate(t time.Time) string { return t.Format("2006-01-02T15:04:05Z07:00") }

// xmlText escapes s for XML character data.
func xmlText(s string) string {
	var b strings.Builder
	for _, r := range s {
		switch r {
		case '&':
			b.WriteString("&amp;")
		case '<':
			b.WriteString("&lt;")
		case '>':
			b.WriteString("&gt;")
		case '"':
			b.WriteString("&quot;")
		default:
			b.WriteRune(r)
		}
	}
	return b.String()
}

// docInfo is the document information that the Info dictionary and the XMP
// metadata must both hold, identically.
type docInfo struct {
	title, subject, creator, producer string
	authors                           []string
	date                              time.Time
	part                              int
}

// xmp is the document's XMP metadata packet: Dublin Core title, creators
// and description, the PDF producer, the creating tool and dates, and the
// PDF/A identification.
func (in docInfo) xmp() []byte {
	var b strings.Builder
	b.WriteString("<?xpacket begin=\"\ufeff\" id=\"W5M0MpCehiHzreSzNTczkc9d\"?>\n")
	b.WriteString(`<x:xmpmeta xmlns:x="adobe:ns:meta/">` + "\n")
	b.WriteString(`<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">` + "\n")
	b.WriteString(`<rdf:Description rdf:about=""` +
		` xmlns:dc="http://purl.org/dc/elements/1.1/"` +
		` xmlns:pdf="http://ns.adobe.com/pdf/1.3/"` +
		` xmlns:xmp="http://ns.adobe.com/xap/1.0/"` +
		` xmlns:pdfaid="http://www.aiim.org/pdfa/ns/id/">` + "\n")
	b.WriteString("<dc:format>application/pdf</dc:format>\n")
	fmt.Fprintf(&b, "<dc:title><rdf:Alt><rdf:li xml:lang=\"x-default\">%s</rdf:li></rdf:Alt></dc:title>\n", xmlText(in.title))
	if len(in.authors) > 0 {
		b.WriteString("<dc:creator><rdf:Seq>")
		for _, a := range in.authors {
			fmt.Fprintf(&b, "<rdf:li>%s</rdf:li>", xmlText(a))
		}
		b.WriteString("</rdf:Seq></dc:creator>\n")
	}
	fmt.Fprintf(&b, "<dc:description><rdf:Alt><rdf:li xml:lang=\"x-default\">%s</rdf:li></rdf:Alt></dc:description>\n", xmlText(in.subject))
	fmt.Fprintf(&b, "<pdf:Producer>%s</pdf:Producer>\n", xmlText(in.producer))
	fmt.Fprintf(&b, "<xmp:CreatorTool>%s</xmp:CreatorTool>\n", xmlText(in.creator))
	d := xmpDate(in.date)
	fmt.Fprintf(&b, "<xmp:CreateDate>%s</xmp:CreateDate>\n<xmp:ModifyDate>%s</xmp:ModifyDate>\n<xmp:MetadataDate>%s</xmp:MetadataDate>\n", d, d, d)
	fmt.Fprintf(&b, "<pdfaid:part>%d</pdfaid:part>\n<pdfaid:conformance>B</pdfaid:conformance>\n", in.part)
	b.WriteString("</rdf:Description>\n</rdf:RDF>\n</x:xmpmeta>\n")
	b.WriteString(`<?xpacket end="r"?>`)
	return []byte(b.String())
}

// setPDFA gives the document its metadata, XMP packet and output intent.
func setPDFA(p *fpdf.Fpdf, in docInfo) {
	p.SetTitle(in.title, true)
	p.SetSubject(in.subject, true)
	p.SetAuthor(strings.Join(in.authors, "; "), true)
	p.SetCreator(in.creator, true)
	p.SetProducer(in.producer, true)
	p.SetXmpMetadata(in.xmp())
	p.AddOutputIntent(fpdf.OutputIntentType{
		SubtypeIdent:              fpdf.OutputIntent_GTS_PDFA1,
		OutputConditionIdentifier: sRGBDescription,
		Info:                      sRGBDescription,
		ICCProfile:                sRGBProfile(),
	})
}

var (
	infoDate   = sync.OnceValue(func() *regexp.Regexp { return regexp.MustCompile(`/(CreationDate|ModDate) \(D:\d{14}\)`) })
	trailerRef = sync.OnceValue(func() *regexp.Regexp { return regexp.MustCompile(`/(Root|Info) (\d+) 0 R`) })
)

// archive rewrites a PDF that fpdf wrote: the Info dates get their zone,
// the attachments are added as associated files of the catalog, the header
// names PDF 1.7 (which PDF/A-2 and -3 are based on), and the trailer gets a
// file identifier derived from the content, so the same input still gives
// the same bytes.
func archive(raw []byte, date time.Time, atts []Attachment) ([]byte, error) {
	objs, root, info, err := pdfObjects(raw)
	if err != nil {
		return nil, err
	}
	var out bytes.Buffer
	first := len(raw)
	for _, o := range objs {
		first = min(first, o.start)
	}
	header := raw[:first]
	if bytes.HasPrefix(header, []byte("%PDF-1.")) && len(header) > 8 {
		header = append([]byte("%PDF-1.7"), header[8:]...)
	}
	out.Write(header)

	next := len(objs) + 1 // fpdf numbers its objects 1..n
	var specs []string
	var extra [][]byte
	names := map[string]bool{}
	for _, a := range atts {
		if names[a.Name] || a.Name == "" {
			return nil, fmt.Errorf("attachment name %q is empty or used twice", a.Name)
		}
		names[a.Name] = true
		mod := a.Modified
		if mod.IsZero() {
			mod = date
		}
		var z bytes.Buffer
		zw, _ := zlib.NewWriterLevel(&z, zlib.BestCompression)
		zw.Write(a.Data)
		zw.Close()
		sum := md5.Sum(a.Data)
		stream := next
		extra = append(extra, fmt.Appendf(nil,
			"%d 0 obj\n<< /Type /EmbeddedFile /Subtype /%s /Params << /Size %d /ModDate %s /CheckSum <%x> >> /Filter /FlateDecode /Length %d >>\nstream\n%s\nendstream\nendobj\n",
			stream, pdfName(a.MIME), len(a.Data), pdfLiteral(pdfDate(mod)), sum, z.Len(), z.Bytes()))
		spec := next + 1
		next += 2
		extra = append(extra, fmt.Appendf(nil,
			"%d 0 obj\n<< /Type /Filespec /F %s /UF %s /Desc %s /AFRelationship /Data /EF << /F %d 0 R /UF %d 0 R >> >>\nendobj\n",
			spec, pdfLiteral(asciiName(a.Name)), pdfUTF16(a.Name), pdfUTF16(a.Description), stream, stream))
		specs = append(specs, fmt.Sprintf("%s %d 0 R", pdfUTF16(a.Name), spec))
	}
	// A name tree's keys are sorted; the keys are the names as UTF-16.
	slices.Sort(specs)

	offsets := make([]int, next)
	for _, o := range objs {
		body := o.body
		switch o.num {
		case info:
			body = infoDate().ReplaceAll(body, []byte("/$1 "+pdfLiteral(pdfDate(date))))
		case root:
			body, err = catalog(body, specs)
			if err != nil {
				return nil, err
			}
		}
		offsets[o.num] = out.Len()
		out.Write(body)
	}
	for i, e := range extra {
		offsets[len(objs)+1+i] = out.Len()
		out.Write(e)
	}
	id := sha256.Sum256(out.Bytes())
	xref := out.Len()
	fmt.Fprintf(&out, "xref\n0 %d\n0000000000 65535 f \n", next)
	for _, off := range offsets[1:] {
		fmt.Fprintf(&out, "%010d 00000 n \n", off)
	}
	fmt.Fprintf(&out, "trailer\n<<\n/Size %d\n/Root %d 0 R\n/Info %d 0 R\n/ID [<%x> <%x>]\n>>\nstartxref\n%d\n%%%%EOF\n",
		next, root, info, id[:16], id[:16], xref)
	return out.Bytes(), nil
}

// catalog adds the associated files to the catalog dictionary, and drops
// fpdf's empty embedded-files tree when there are none.
func catalog(body []byte, specs []string) ([]byte, error) {
	s := string(body)
	i := strings.Index(s, "/EmbeddedFiles ")
	j := strings.LastIndex(s, ">>\nendobj")
	if i < 0 || j < i {
		return nil, fmt.Errorf("unexpected catalog %q", s)
	}
	// fpdf ends the catalog with "/Names <<" ... "/EmbeddedFiles << ... >>" ">>".
	names := strings.LastIndex(s[:i], "/Names <<")
	end := strings.Index(s[i:], "\n>>\n")
	if names < 0 || end < 0 {
		return nil, fmt.Errorf("unexpected catalog names %q", s)
	}
	end += i + len("\n>>\n")
	var add strings.Builder
	if len(specs) > 0 {
		add.WriteString("/Names << /EmbeddedFiles << /Names [" + strings.Join(specs, " ") + "] >> >>\n/AF [")
		for k, sp := range specs {
			if k > 0 {
				add.WriteString(" ")
			}
			f := strings.Fields(sp)
			add.WriteString(strings.Join(f[len(f)-3:], " "))
		}
		add.WriteString("]\n")
	}
	return []byte(s[:names] + add.String() + s[end:]), nil
}

// pdfObject is one indirect object of a PDF as written, from "N 0 obj" to
// the line after "endobj".
type pdfObject struct {
	num, start int
	body       []byte
}

// pdfObjects splits a PDF that fpdf wrote into its objects, using the
// cross-reference table, and finds the catalog and Info objects.
func pdfObjects(raw []byte) (objs []pdfObject, root, info int, err error) {
	sx := bytes.LastIndex(raw, []byte("startxref\n"))
	if sx < 0 {
		return nil, 0, 0, fmt.Errorf("pdf: no startxref")
	}
	xref, err := strconv.Atoi(strings.Fields(string(raw[sx+len("startxref\n"):]))[0])
	if err != nil || xref <= 0 || xref >= sx {
		return nil, 0, 0, fmt.Errorf("pdf: bad startxref")
	}
	tr := bytes.Index(raw[xref:], []byte("trailer"))
	if tr < 0 {
		return nil, 0, 0, fmt.Errorf("pdf: no trailer")
	}
	// fpdf's trailer names the catalog rightly but the Info dictionary as
	// the object before it, which is wrong once output intents are written
	// between the two; the Info dictionary is found by its content below.
	for _, m := range trailerRef().FindAllSubmatch(raw[xref+tr:sx], -1) {
		if string(m[1]) == "Root" {
			root, _ = strconv.Atoi(string(m[2]))
		}
	}
	lines := strings.Split(string(raw[xref:xref+tr]), "\n")
	if len(lines) < 3 || lines[0] != "xref" {
		return nil, 0, 0, fmt.Errorf("pdf: bad xref table")
	}
	for k, l := range lines[3:] {
		f := strings.Fields(l)
		if len(f) != 3 || f[2] != "n" {
			continue
		}
		off, err := strconv.Atoi(f[0])
		if err != nil || off <= 0 || off >= xref {
			return nil, 0, 0, fmt.Errorf("pdf: bad offset %q", l)
		}
		objs = append(objs, pdfObject{num: k + 1, start: off})
	}
	slices.SortFunc(objs, func(a, b pdfObject) int { return a.start - b.start })
	for k := range objs {
		end := xref
		if k+1 < len(objs) {
			end = objs[k+1].start
		}
		objs[k].body = raw[objs[k].start:end]
		if !bytes.HasPrefix(objs[k].body, fmt.Appendf(nil, "%d 0 obj", objs[k].num)) {
			return nil, 0, 0, fmt.Errorf("pdf: object %d is not at its offset", objs[k].num)
		}
		if b := objs[k].body; bytes.HasPrefix(b[bytes.IndexByte(b, '\n')+1:], []byte("<<\n")) &&
			infoDate().Match(b) && !bytes.Contains(b, []byte("\nstream\n")) {
			if info != 0 {
				return nil, 0, 0, fmt.Errorf("pdf: two Info dictionaries (%d and %d)", info, objs[k].num)
			}
			info = objs[k].num
		}
	}
	if root == 0 || info == 0 || len(objs) != root {
		return nil, 0, 0, fmt.Errorf("pdf: unexpected layout (%d objects, root %d, info %d)", len(objs), root, info)
	}
	return objs, root, info, nil
}

// pdfLiteral is s (ASCII) as a PDF literal string.
func pdfLiteral(s string) string {
	r := strings.NewReplacer(`\`, `\\`, `(`, `\(`, `)`, `\)`)
	return "(" + r.Replace(s) + ")"
}

// pdfUTF16 is s as a PDF text string in UTF-16BE with a byte-order mark.
func pdfUTF16(s string) string {
	b := []byte{0xFE, 0xFF}
	for _, u := range utf16.Encode([]rune(s)) {
		b = append(b, byte(u>>8), byte(u))
	}
	return "<" + strings.ToUpper(hex.EncodeToString(b)) + ">"
}

// pdfName is s as a PDF name (without the slash): bytes outside the
// regular characters are written #xx.
func pdfName(s string) string {
	var b strings.Builder
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c <= ' ' || c >= 0x7F || strings.IndexByte("#/%()<>[]{}", c) >= 0 {
			fmt.Fprintf(&b, "#%02X", c)
		} else {
			b.WriteByte(c)
		}
	}
	return b.String()
}

// asciiName is a file name with anything outside printable ASCII replaced,
// for the /F entry that older readers show (/UF holds the real name).
func asciiName(s string) string {
	return strings.Map(func(r rune) rune {
		if r < ' ' || r > '~' {
			return '_'
		}
		return r
	}, s)
}
