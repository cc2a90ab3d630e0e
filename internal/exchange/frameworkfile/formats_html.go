package frameworkfile

import (
	"regexp"
	"strings"
	"sync"

	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
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
	z := html.NewTokenizer(strings.NewReader(s))
	var b strings.Builder
	var href string
	linkStart := 0
	skip := 0 // inside <script> or <style>
	newline := func() {
		if b.Len() > 0 && !strings.HasSuffix(b.String(), "\n") {
			b.WriteByte('\n')
		}
	}
	for {
		tt := z.Next()
		switch tt {
		case html.ErrorToken:
			return tidyLines(b.String())
		case html.TextToken:
			if skip > 0 {
				continue
			}
			text := collapseSpace(string(z.Text()))
			if strings.HasSuffix(b.String(), "\n") || b.Len() == 0 {
				text = strings.TrimLeft(text, " ")
			}
			b.WriteString(text)
		case html.StartTagToken, html.EndTagToken, html.SelfClosingTagToken:
			name, hasAttr := z.TagName()
			a := atom.Lookup(name)
			start := tt != html.EndTagToken
			switch a {
			case atom.Script, atom.Style:
				if tt == html.StartTagToken {
					skip++
				} else if tt == html.EndTagToken && skip > 0 {
					skip--
				}
			case atom.Br:
				b.WriteByte('\n')
			case atom.Li:
				newline()
				if start {
					b.WriteString("- ")
				}
			case atom.P, atom.Div, atom.Ul, atom.Ol, atom.H1, atom.H2, atom.H3, atom.H4, atom.H5, atom.H6,
				atom.Tr, atom.Table, atom.Blockquote, atom.Pre, atom.Section, atom.Dt, atom.Dd, atom.Dl, atom.Hr:
				newline()
			case atom.Td, atom.Th:
				if !start {
					b.WriteByte(' ')
				}
			case atom.A:
				if start && tt == html.StartTagToken {
					href, linkStart = "", b.Len()
					for hasAttr {
						var k, v []byte
						k, v, hasAttr = z.TagAttr()
						if string(k) == "href" {
							href = strings.TrimSpace(string(v))
						}
					}
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
}

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
