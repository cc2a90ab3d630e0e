package report

import (
	"bytes"
	"compress/zlib"
	"encoding/binary"
	"encoding/xml"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"
	"unicode/utf16"
)

// pdfFile is a test's reading of a PDF: each object's text by number,
// found through the cross-reference table (not by searching, so a stream's
// bytes cannot fool it), and the trailer.
type pdfFile struct {
	objs    map[int][]byte
	trailer string
}

func readPDF(t *testing.T, pdf []byte) pdfFile {
	t.Helper()
	sx := bytes.LastIndex(pdf, []byte("startxref\n"))
	if sx < 0 {
		t.Fatal("no startxref")
	}
	xref, err := strconv.Atoi(strings.Fields(string(pdf[sx+10:]))[0])
	if err != nil || !bytes.HasPrefix(pdf[xref:], []byte("xref\n")) {
		t.Fatalf("startxref %d does not point at the xref table", xref)
	}
	tr := xref + bytes.Index(pdf[xref:], []byte("trailer"))
	type ent struct{ n, off int }
	var ents []ent
	for k, l := range strings.Split(string(pdf[xref:tr]), "\n")[3:] {
		if f := strings.Fields(l); len(f) == 3 && f[2] == "n" {
			off, _ := strconv.Atoi(f[0])
			ents = append(ents, ent{k + 1, off})
		}
	}
	slices.SortFunc(ents, func(a, b ent) int { return a.off - b.off })
	f := pdfFile{objs: map[int][]byte{}, trailer: string(pdf[tr:sx])}
	for i, e := range ents {
		end := xref
		if i+1 < len(ents) {
			end = ents[i+1].off
		}
		body := pdf[e.off:end]
		if !bytes.HasPrefix(body, []byte(strconv.Itoa(e.n)+" 0 obj")) {
			t.Fatalf("object %d is not at offset %d", e.n, e.off)
		}
		f.objs[e.n] = body
	}
	return f
}

// ref is the object number that key refers to in text (key N 0 R).
func ref(t *testing.T, text, key string) int {
	t.Helper()
	m := regexp.MustCompile(regexp.QuoteMeta(key) + ` (\d+) 0 R`).FindStringSubmatch(text)
	if m == nil {
		t.Fatalf("no %s reference in %.300q", key, text)
	}
	n, _ := strconv.Atoi(m[1])
	return n
}

// stream is the data of a stream object, inflated if it is compressed.
func (f pdfFile) stream(t *testing.T, n int) (dict string, data []byte) {
	t.Helper()
	body := f.objs[n]
	i := bytes.Index(body, []byte("stream\n"))
	if i < 0 {
		t.Fatalf("object %d is not a stream", n)
	}
	dict = string(body[:i])
	m := regexp.MustCompile(`/Length (\d+)`).FindStringSubmatch(dict)
	if m == nil {
		t.Fatalf("stream %d has no /Length", n)
	}
	l, _ := strconv.Atoi(m[1])
	data = body[i+7 : i+7+l]
	if !bytes.HasPrefix(body[i+7+l:], []byte("\nendstream")) {
		t.Fatalf("stream %d: /Length %d does not end at endstream", n, l)
	}
	if strings.Contains(dict, "/FlateDecode") {
		r, err := zlib.NewReader(bytes.NewReader(data))
		if err != nil {
			t.Fatal(err)
		}
		if data, err = io.ReadAll(r); err != nil {
			t.Fatal(err)
		}
	}
	return dict, data
}

// xmpPacket is the part of the XMP metadata these tests read.
type xmpPacket struct {
	Desc struct {
		Title       []string `xml:"title>Alt>li"`
		Creators    []string `xml:"creator>Seq>li"`
		Description []string `xml:"description>Alt>li"`
		Producer    string   `xml:"Producer"`
		CreatorTool string   `xml:"CreatorTool"`
		CreateDate  string   `xml:"CreateDate"`
		ModifyDate  string   `xml:"ModifyDate"`
		Part        string   `xml:"part"`
		Conformance string   `xml:"conformance"`
	} `xml:"RDF>Description"`
}

// infoText decodes an Info entry written as a UTF-16BE literal string.
func infoText(t *testing.T, info, key string) string {
	t.Helper()
	i := strings.Index(info, "/"+key+" (")
	if i < 0 {
		return ""
	}
	s := info[i+len(key)+3:]
	var raw []byte
	for k := 0; k < len(s); k++ {
		c := s[k]
		if c == '\\' {
			k++
			switch s[k] {
			case 'n':
				raw = append(raw, '\n')
			case 'r':
				raw = append(raw, '\r')
			default:
				raw = append(raw, s[k])
			}
			continue
		}
		if c == ')' {
			break
		}
		raw = append(raw, c)
	}
	if !bytes.HasPrefix(raw, []byte{0xFE, 0xFF}) {
		return string(raw)
	}
	u := make([]uint16, 0, len(raw)/2)
	for k := 2; k+1 < len(raw); k += 2 {
		u = append(u, uint16(raw[k])<<8|uint16(raw[k+1]))
	}
	return string(utf16.Decode(u))
}

// checkPDFA reads a document's PDF/A claims and checks them against what
// the standard asks: XMP metadata naming the part and level B, agreeing
// with the Info dictionary; an sRGB output intent with a usable ICC
// profile; embedded fonts only; a file identifier. It returns the XMP.
func checkPDFA(t *testing.T, pdf []byte, part string) (xmpPacket, pdfFile) {
	t.Helper()
	f := readPDF(t, pdf)
	if !bytes.HasPrefix(pdf, []byte("%PDF-1.7\n%")) || pdf[10] < 128 || pdf[11] < 128 || pdf[12] < 128 || pdf[13] < 128 {
		t.Errorf("header %q: want %%PDF-1.7 and a binary comment", pdf[:14])
	}
	if !regexp.MustCompile(`/ID \[<[0-9a-f]{32}> <[0-9a-f]{32}>\]`).MatchString(f.trailer) {
		t.Errorf("trailer has no file identifier: %q", f.trailer)
	}
	cat := string(f.objs[ref(t, f.trailer, "/Root")])
	info := string(f.objs[ref(t, f.trailer, "/Info")])

	dict, data := f.stream(t, ref(t, cat, "/Metadata"))
	if !strings.Contains(dict, "/Type /Metadata /Subtype /XML") || strings.Contains(dict, "/Filter") {
		t.Errorf("metadata stream %q: want an uncompressed XML metadata stream", dict)
	}
	var x xmpPacket
	if err := xml.Unmarshal(data, &x); err != nil {
		t.Fatalf("XMP does not parse: %v\n%s", err, data)
	}
	d := x.Desc
	if d.Part != part || d.Conformance != "B" {
		t.Errorf("pdfaid part %q conformance %q; want %s and B", d.Part, d.Conformance, part)
	}
	if len(d.Title) != 1 || d.Title[0] != infoText(t, info, "Title") || d.Title[0] == "" {
		t.Errorf("XMP title %q; Info title %q", d.Title, infoText(t, info, "Title"))
	}
	if author := strings.Join(d.Creators, "; "); author != infoText(t, info, "Author") {
		t.Errorf("XMP creators %q; Info author %q", d.Creators, infoText(t, info, "Author"))
	}
	if len(d.Description) != 1 || d.Description[0] != infoText(t, info, "Subject") || d.Description[0] == "" {
		t.Errorf("XMP description %q; Info subject %q", d.Description, infoText(t, info, "Subject"))
	}
	if d.Producer != infoText(t, info, "Producer") || d.CreatorTool != infoText(t, info, "Creator") || d.Producer == "" {
		t.Errorf("XMP producer %q tool %q; Info %q %q", d.Producer, d.CreatorTool, infoText(t, info, "Producer"), infoText(t, info, "Creator"))
	}
	for key, xd := range map[string]string{"CreationDate": d.CreateDate, "ModDate": d.ModifyDate} {
		pd := infoText(t, info, key)
		xt, err := time.Parse(time.RFC3339, xd)
		if err != nil {
			t.Errorf("XMP date %q: %v", xd, err)
			continue
		}
		if pd != pdfDate(xt) {
			t.Errorf("Info %s %q; XMP %q", key, pd, xd)
		}
	}

	oi := regexp.MustCompile(`/OutputIntents \[\s*<< /Type /OutputIntent /S /GTS_PDFA1 /OutputConditionIdentifier \(sRGB IEC61966-2\.1\) [^>]*/DestOutputProfile (\d+) 0 R >>\s*\]`).FindStringSubmatch(cat)
	if oi == nil {
		t.Fatalf("catalog has no PDF/A sRGB output intent: %q", cat)
	}
	n, _ := strconv.Atoi(oi[1])
	dict, icc := f.stream(t, n)
	if !strings.Contains(dict, "/N 3") {
		t.Errorf("ICC stream %q: want /N 3", dict)
	}
	checkICC(t, icc)

	for num, body := range f.objs {
		if bytes.Contains(body, []byte("/Type /FontDescriptor")) && !bytes.Contains(body, []byte("/FontFile2 ")) {
			t.Errorf("font descriptor %d has no embedded font program: %.200q", num, body)
		}
		if bytes.Contains(body, []byte("/Type /Annot")) {
			t.Errorf("object %d has an annotation, which PDF/A needs flagged for printing: %.200q", num, body)
		}
	}
	qpdfCheck(t, pdf)
	return x, f
}

// checkICC checks the parts of an ICC profile that PDF/A readers rely on.
func checkICC(t *testing.T, p []byte) {
	t.Helper()
	if len(p) < 132 || int(binary.BigEndian.Uint32(p)) != len(p) || string(p[36:40]) != "acsp" ||
		string(p[12:16]) != "mntr" || string(p[16:20]) != "RGB " || string(p[20:24]) != "XYZ " || p[8] != 2 {
		t.Fatalf("not a version 2 RGB display ICC profile: header % x", p[:min(len(p), 40)])
	}
	n := int(binary.BigEndian.Uint32(p[128:]))
	tags := map[string][]byte{}
	for i := range n {
		e := p[132+12*i:]
		off, size := int(binary.BigEndian.Uint32(e[4:])), int(binary.BigEndian.Uint32(e[8:]))
		if off%4 != 0 || off+size > len(p) || off < 132+12*n {
			t.Fatalf("tag %q at %d+%d is out of place", e[:4], off, size)
		}
		tags[string(e[:4])] = p[off : off+size]
	}
	for _, sig := range []string{"desc", "cprt", "wtpt", "rXYZ", "gXYZ", "bXYZ", "rTRC", "gTRC", "bTRC"} {
		if tags[sig] == nil {
			t.Errorf("ICC profile lacks the %s tag a display profile needs", sig)
		}
	}
	// The sRGB tone curve: black, white and mid-grey (0.5 is 21.4% light).
	c := tags["rTRC"]
	pts := int(binary.BigEndian.Uint32(c[8:]))
	at := func(i int) float64 { return float64(binary.BigEndian.Uint16(c[12+2*i:])) / 65535 }
	if string(c[:4]) != "curv" || pts < 256 || at(0) != 0 || at(pts-1) != 1 {
		t.Fatalf("rTRC is not a sampled curve from 0 to 1")
	}
	if mid := at((pts - 1) / 2); mid < 0.21 || mid > 0.218 {
		t.Errorf("sRGB curve at 0.5 is %.4f; want about 0.214", mid)
	}
	// The primaries add up to the D50 white.
	var sum [3]float64
	for _, sig := range []string{"rXYZ", "gXYZ", "bXYZ"} {
		for k := range 3 {
			sum[k] += float64(int32(binary.BigEndian.Uint32(tags[sig][8+4*k:]))) / 65536
		}
	}
	for k, want := range []float64{0.9642, 1.0, 0.8249} {
		if d := sum[k] - want; d > 0.001 || d < -0.001 {
			t.Errorf("primaries sum to %v; want D50 %v", sum, want)
		}
	}
}

// qpdfCheck runs qpdf --check on the file where qpdf is installed.
func qpdfCheck(t *testing.T, pdf []byte) {
	t.Helper()
	tool, err := exec.LookPath("qpdf")
	if err != nil {
		t.Log("qpdf is not installed: structure not checked by qpdf")
		return
	}
	path := filepath.Join(t.TempDir(), "doc.pdf")
	if err := os.WriteFile(path, pdf, 0o644); err != nil {
		t.Fatal(err)
	}
	out, err := exec.Command(tool, "--check", path).CombinedOutput()
	if err != nil || !strings.Contains(string(out), "No syntax or stream encoding errors found") {
		t.Errorf("qpdf --check: %v\n%s", err, out)
	}
}

// TestEveryReportIsPDFA: plans, appraisals and team reports, named and in
// workshop display, all carry the PDF/A-2b metadata and output intent.
func TestEveryReportIsPDFA(t *testing.T) {
	docs := map[string]func(*bytes.Buffer) error{}
	for _, g := range goldens {
		docs[g.name] = g.fn()
	}
	docs["team_named"] = teamDoc(teamFor(fciFramework(), teamPeople, false))
	docs["team_workshop"] = teamDoc(teamFor(fciFramework(), teamPeople, true))
	if len(docs) < 6 {
		t.Fatalf("only %d documents", len(docs))
	}
	for name, fn := range docs {
		t.Run(name, func(t *testing.T) {
			x, _ := checkPDFA(t, render(t, name, fn), "2")
			if strings.HasPrefix(name, "plan") || strings.HasPrefix(name, "appraisal") {
				if len(x.Desc.Creators) == 0 || x.Desc.Creators[0] == "" {
					t.Errorf("a personal document has no author: %q", x.Desc.Creators)
				}
			}
		})
	}
}

// TestAttachedAssessment: a plan carrying its assessment file is PDF/A-3b,
// the file is an associated file of the document (so a portfolio keeps
// the data with the report) and comes back out byte for byte.
func TestAttachedAssessment(t *testing.T) {
	in := fciPlan()
	data := []byte(`{"format_version": 1, "person": {"name": "Zoë Ødegård"}}` + "\n")
	in.Attachments = []Attachment{
		{Name: "zoë.gapwise.json", MIME: "application/json", Description: "The assessment this plan was made from", Data: data},
		{Name: "b.gapwise.json", MIME: "application/json", Data: []byte("{}")},
	}
	in.Authors = []string{"Zoë Ødegård", "Dr A (Appraiser)"}
	pdf := render(t, "plan_attached", planDoc(in))
	x, f := checkPDFA(t, pdf, "3")
	if !slices.Equal(x.Desc.Creators, []string{"Zoë Ødegård", "Dr A (Appraiser)"}) {
		t.Errorf("creators %q", x.Desc.Creators)
	}
	cat := string(f.objs[ref(t, f.trailer, "/Root")])
	af := regexp.MustCompile(`/AF \[(\d+) 0 R (\d+) 0 R\]`).FindStringSubmatch(cat)
	if af == nil || !strings.Contains(cat, "/EmbeddedFiles << /Names [") {
		t.Fatalf("catalog has no associated files and embedded-files tree: %q", cat)
	}
	found := map[string][]byte{}
	for _, s := range af[1:] {
		n, _ := strconv.Atoi(s)
		spec := string(f.objs[n])
		for _, want := range []string{"/Type /Filespec", "/AFRelationship /Data", "/F (", "/UF <FEFF"} {
			if !strings.Contains(spec, want) {
				t.Errorf("file specification lacks %s: %q", want, spec)
			}
		}
		dict, got := f.stream(t, ref(t, spec, "/EF << /F"))
		if !strings.Contains(dict, "/Subtype /application#2Fjson") || !strings.Contains(dict, "/ModDate (D:20260504143000Z)") {
			t.Errorf("embedded file %q lacks its media type or date", dict)
		}
		found[regexp.MustCompile(`/F \(([^)]*)\)`).FindStringSubmatch(spec)[1]] = got
	}
	if !bytes.Equal(found["zo_.gapwise.json"], data) || string(found["b.gapwise.json"]) != "{}" {
		t.Errorf("attachments came back as %q", found)
	}

	// poppler's pdfdetach, as a reader would, finds the file by its real name.
	if tool, err := exec.LookPath("pdfdetach"); err == nil {
		dir := t.TempDir()
		path := filepath.Join(dir, "p.pdf")
		os.WriteFile(path, pdf, 0o644)
		out, err := exec.Command(tool, "-list", "-enc", "UTF-8", path).CombinedOutput()
		if err != nil || !strings.Contains(string(out), "2 embedded files") || !strings.Contains(string(out), "zoë.gapwise.json") {
			t.Errorf("pdfdetach -list: %v\n%s", err, out)
		}
	}
	a := render(t, "plan_attached", planDoc(in))
	if !bytes.Equal(a, pdf) {
		t.Error("two renders of the same plan with attachments differ")
	}
}

func TestPDFDate(t *testing.T) {
	tests := []struct {
		t    time.Time
		want string
	}{
		{time.Date(2026, 5, 4, 14, 30, 0, 0, time.UTC), "D:20260504143000Z"},
		{time.Date(2026, 7, 1, 9, 5, 7, 0, time.FixedZone("BST", 3600)), "D:20260701090507+01'00'"},
		{time.Date(2026, 1, 2, 3, 4, 5, 0, time.FixedZone("", -(9*3600+30*60))), "D:20260102030405-09'30'"},
	}
	for _, tc := range tests {
		if got := pdfDate(tc.t); got != tc.want {
			t.Errorf("pdfDate(%v) = %q; want %q", tc.t, got, tc.want)
		}
	}
}
