package frameworkfile

import (
	"html"
	"regexp"
	"strings"
	"sync"
)

// htmlText turns the HTML that Moodle and Mahara store in descriptions into
// the plain text packs carry: tags go, entities are decoded, paragraphs and
// line breaks become new lines, list items become "- " lines, and a link
// keeps its address after its text so nothing a reader needs is lost.
// Whitespace inside a paragraph collapses as a browser would show it.
func htmlText(s string) string {
	if !strings.ContainsAny(s, "<&") {
		return CleanText(collapseSpace(s))
	}
	z := htmlScanner{s: s}
	var b strings.Builder
	var href string
	linkStart := 0
	newline := func() {
		if b.Len() > 0 && !strings.HasSuffix(b.String(), "\n") {
			b.WriteByte('\n')
		}
	}
	for {
		tok, ok := z.next()
		if !ok {
			return tidyLines(b.String())
		}
		if tok.kind == htmlText_ {
			if tok.skip {
				continue
			}
			text := collapseSpace(tok.text)
			if strings.HasSuffix(b.String(), "\n") || b.Len() == 0 {
				text = strings.TrimLeft(text, " ")
			}
			b.WriteString(text)
			continue
		}
		start := tok.kind != htmlEndTag
		switch tok.text {
		case "br":
			b.WriteByte('\n')
		case "li":
			newline()
			if start {
				b.WriteString("- ")
			}
		case "p", "div", "ul", "ol", "h1", "h2", "h3", "h4", "h5", "h6",
			"tr", "table", "blockquote", "pre", "section", "dt", "dd", "dl", "hr":
			newline()
		case "td", "th":
			if !start {
				b.WriteByte(' ')
			}
		case "a":
			if tok.kind == htmlStartTag {
				href, linkStart = strings.TrimSpace(tok.href), b.Len()
			} else if !start && href != "" {
				text := strings.TrimSpace(b.String()[min(linkStart, b.Len()):])
				if (strings.HasPrefix(href, "http://") || strings.HasPrefix(href, "https://")) && text != href {
					b.WriteString(" (" + href + ")")
				}
				href = ""
			}
		}
	}
}

// The kinds of token htmlScanner returns.
const (
	htmlText_ = iota
	htmlStartTag
	htmlEndTag
	htmlSelfClosingTag
)

// htmlToken is a run of text (entities decoded) or a tag (its name in lower
// case, and for a start tag its href attribute, decoded).
type htmlToken struct {
	kind int
	text string // the text, or the tag's name
	href string
	skip bool // text inside <script> or <style>, which no reader sees
}

// htmlScanner splits HTML into text and tags the way a browser's tokenizer
// does for what descriptions contain: a '<' that cannot start a tag is text;
// comments, doctypes and processing instructions are dropped; the contents
// of raw-text elements (script, style and the like) are not read as tags; a
// tag cut off by the end of the input is dropped. It is Gapwise's own, small
// on purpose: golang.org/x/net/html built its table of 2,231 entities at the
// start of every command, a twentieth of `gapwise-cli version` (issue 12),
// where the standard library's html package builds its table on first use.
type htmlScanner struct {
	s   string
	off int
	raw string // inside this raw-text element: text runs to its end tag
}

// rawTextElements are those whose contents are text until their end tag.
var rawTextElements = map[string]bool{
	"script": true, "style": true, "textarea": true, "title": true, "xmp": true,
	"iframe": true, "noembed": true, "noframes": true, "noscript": true,
}

func (z *htmlScanner) next() (htmlToken, bool) {
	for z.off < len(z.s) {
		if z.raw != "" {
			return z.rawText(), true
		}
		if z.s[z.off] != '<' || !z.startsMarkup() {
			return z.text(), true
		}
		if tok, ok := z.markup(); ok {
			return tok, true
		}
	}
	return htmlToken{}, false
}

// startsMarkup reports whether the '<' at off opens a tag, comment or the
// like rather than being a literal '<'.
func (z *htmlScanner) startsMarkup() bool {
	if z.off+1 >= len(z.s) {
		return false
	}
	c := z.s[z.off+1]
	if c == '/' {
		return z.off+2 < len(z.s) // "</" at the very end is text
	}
	return isASCIILetter(c) || c == '!' || c == '?'
}

// text reads text up to the next '<' that opens markup.
func (z *htmlScanner) text() htmlToken {
	start := z.off
	z.off++
	for z.off < len(z.s) && (z.s[z.off] != '<' || !z.startsMarkup()) {
		z.off++
	}
	return htmlToken{kind: htmlText_, text: decodeText(z.s[start:z.off])}
}

// rawText reads the contents of a raw-text element up to its end tag, which
// it leaves for next.
func (z *htmlScanner) rawText() htmlToken {
	start, name := z.off, z.raw
	z.raw = ""
	for i := start; i < len(z.s); i++ {
		if z.s[i] == '<' && i+2+len(name) <= len(z.s) && z.s[i+1] == '/' &&
			strings.EqualFold(z.s[i+2:i+2+len(name)], name) {
			if j := i + 2 + len(name); j == len(z.s) || isTagEnd(z.s[j]) {
				z.off = i
				return z.rawToken(name, z.s[start:i])
			}
		}
	}
	z.off = len(z.s)
	return z.rawToken(name, z.s[start:])
}

func (z *htmlScanner) rawToken(name, text string) htmlToken {
	text = strings.ReplaceAll(text, "\x00", "\uFFFD") // as browsers read raw text
	if name == "textarea" || name == "title" {
		text = decodeText(text) // these two hold text with entities (RCDATA)
	}
	return htmlToken{kind: htmlText_, text: text, skip: name == "script" || name == "style"}
}

// markup reads what starts at the '<' at off. ok is false for what yields
// no token (a comment, a doctype, a tag cut off by the end of the input).
func (z *htmlScanner) markup() (htmlToken, bool) {
	s := z.s
	switch c := s[z.off+1]; {
	case c == '!' && strings.HasPrefix(s[z.off:], "<!--"):
		z.off = commentEnd(s, z.off+4)
		return htmlToken{}, false
	case c == '!' || c == '?' || (c == '/' && (z.off+2 >= len(s) || !isASCIILetter(s[z.off+2]))):
		// A doctype, processing instruction or "</" not followed by a
		// name: dropped up to the next '>' ("</>" included).
		end := strings.IndexByte(s[z.off+1:], '>')
		if end < 0 {
			z.off = len(s)
		} else {
			z.off += 1 + end + 1
		}
		return htmlToken{}, false
	}
	tok := htmlToken{kind: htmlStartTag}
	i := z.off + 1
	if s[i] == '/' {
		tok.kind = htmlEndTag
		i++
	}
	nameStart := i
	for i < len(s) && !isTagEnd(s[i]) {
		i++
	}
	tok.text = strings.ToLower(s[nameStart:i])
	hasHref := false
	for {
		slash := false // "/>" ends a self-closing tag; a '/' inside a value does not
		for i < len(s) && (isHTMLSpace(s[i]) || s[i] == '/') {
			slash = s[i] == '/'
			i++
		}
		if i >= len(s) {
			z.off = len(s)
			return htmlToken{}, false // cut off: dropped
		}
		if s[i] == '>' {
			if slash && tok.kind == htmlStartTag {
				tok.kind = htmlSelfClosingTag
			}
			z.off = i + 1
			break
		}
		// One attribute: a name, then perhaps '=' and a value.
		attrStart := i
		i++ // a name may start with '='
		for i < len(s) && !isTagEnd(s[i]) && s[i] != '=' {
			i++
		}
		name := strings.ToLower(s[attrStart:i])
		for i < len(s) && isHTMLSpace(s[i]) {
			i++
		}
		value := ""
		if i < len(s) && s[i] == '=' {
			i++
			for i < len(s) && isHTMLSpace(s[i]) {
				i++
			}
			if i < len(s) && (s[i] == '"' || s[i] == '\'') {
				q := s[i]
				end := strings.IndexByte(s[i+1:], q)
				if end < 0 {
					z.off = len(s)
					return htmlToken{}, false
				}
				value = s[i+1 : i+1+end]
				i += 1 + end + 1
			} else {
				valueStart := i
				for i < len(s) && !isHTMLSpace(s[i]) && s[i] != '>' {
					i++
				}
				value = s[valueStart:i]
			}
		}
		if name == "href" && tok.kind == htmlStartTag && !hasHref {
			tok.href, hasHref = decodeAttribute(value), true // the first wins, as in browsers
		}
	}
	if tok.kind == htmlStartTag && rawTextElements[tok.text] {
		z.raw = tok.text
	}
	return tok, true
}

// commentEnd is the offset just past the comment whose text starts at i:
// "-->" or "--!>" ends it, and so does a '>' straight after "<!--" or "<!---".
func commentEnd(s string, i int) int {
	switch {
	case strings.HasPrefix(s[i:], ">"):
		return i + 1
	case strings.HasPrefix(s[i:], "->"):
		return i + 2
	}
	for j := i; j < len(s); j++ {
		if strings.HasPrefix(s[j:], "-->") {
			return j + 3
		}
		if strings.HasPrefix(s[j:], "--!>") {
			return j + 4
		}
	}
	return len(s)
}

// decodeText decodes entities and makes every line end a "\n", as a
// browser's tokenizer does with text.
func decodeText(s string) string {
	if strings.IndexByte(s, '\r') >= 0 {
		s = strings.ReplaceAll(strings.ReplaceAll(s, "\r\n", "\n"), "\r", "\n")
	}
	if strings.IndexByte(s, '&') >= 0 {
		s = html.UnescapeString(s)
	}
	return s
}

// decodeAttribute decodes entities in an attribute's value as browsers do:
// a reference without its ';' that runs on into letters, digits or '=' is
// left as written, so a link's "?a=1&notify=2" keeps its "&not".
func decodeAttribute(s string) string {
	if strings.IndexByte(s, '&') < 0 {
		return s
	}
	var b strings.Builder
	for {
		amp := strings.IndexByte(s, '&')
		if amp < 0 {
			b.WriteString(s)
			return b.String()
		}
		b.WriteString(s[:amp])
		end := amp + 1
		if end < len(s) && s[end] == '#' {
			end++
		}
		for end < len(s) && isASCIIAlnum(s[end]) {
			end++
		}
		ref := s[amp:end]
		switch {
		case end < len(s) && s[end] == ';':
			b.WriteString(html.UnescapeString(s[amp : end+1]))
			end++
		case ref[1:] != "" && ref[1] == '#':
			b.WriteString(html.UnescapeString(ref))
		default:
			decoded := html.UnescapeString(ref)
			runsOn := decoded != "" && isASCIIAlnum(decoded[len(decoded)-1]) // only part of the name was a reference
			if runsOn || (end < len(s) && s[end] == '=') {
				decoded = ref
			}
			b.WriteString(decoded)
		}
		s = s[end:]
	}
}

func isASCIIAlnum(c byte) bool { return isASCIILetter(c) || (c >= '0' && c <= '9') }

func isASCIILetter(c byte) bool { return c|0x20 >= 'a' && c|0x20 <= 'z' }

func isHTMLSpace(c byte) bool { return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' }

// isTagEnd: a tag's or attribute's name runs up to one of these.
func isTagEnd(c byte) bool { return isHTMLSpace(c) || c == '/' || c == '>' }

var spaceRun = lazyRegexp(`[ \t\r\n\f]+`)

// collapseSpace turns runs of HTML whitespace into one space; other spaces
// (no-break, ideographic) are content and stay.
func collapseSpace(s string) string { return spaceRun().ReplaceAllString(s, " ") }

// tidyLines trims each line and keeps at most one blank line in a row.
func tidyLines(s string) string {
	lines := strings.Split(s, "\n")
	out := lines[:0]
	blank := false
	for _, l := range lines {
		l = strings.Trim(l, " ")
		if l == "" {
			if blank || len(out) == 0 {
				continue
			}
			blank = true
		} else {
			blank = false
		}
		out = append(out, l)
	}
	return CleanText(strings.Join(out, "\n"))
}

// lazyRegexp compiles a pattern on first use rather than at every start of
// the program (which compiled six of them before any command ran).
func lazyRegexp(pattern string) func() *regexp.Regexp {
	return sync.OnceValue(func() *regexp.Regexp { return regexp.MustCompile(pattern) })
}
