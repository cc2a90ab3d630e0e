package frameworkfile

import (
	"strings"
	"testing"

	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
)

// htmlSamples are descriptions as Moodle's and Mahara's editors write them,
// and the malformed HTML people paste.
var htmlSamples = []string{
	"<p>Vérifier les <strong>données</strong>.</p>\n<ul><li>exhaustivité</li><li>データ品質</li></ul>",
	"Données &amp; qualité",
	"<p>Les <em>ākonga</em></p>",
	"<P CLASS=\"x\">Upper case</P><BR>next",
	"line one<br/>line two<br />three",
	`See <a href="https://example.org/a?x=1&amp;y=2">the guide</a>.`,
	`<a href='https://example.org/?a=1&notify=2&copy=3'>odd link</a>`,
	`<a href=https://example.org/plain>unquoted</a> and <a href="https://example.org/same">https://example.org/same</a>`,
	`<a href="mailto:x@example.org">mail</a> <a>no href</a> <a href="/relative">rel</a>`,
	"<script>alert('<p>no</p>')</script>kept<style>p { color: red }</style>",
	"<!-- a comment <p>inside</p> -->after<!DOCTYPE html><?xml version=\"1.0\"?>",
	"a < b and c > d, 1<2, x <- y, <3",
	"<table><tr><th>Head</th><td>Cell</td></tr><tr><td>A</td><td>B</td></tr></table>",
	"<div>one</div><div><div>nested</div></div><hr>after rule",
	"&nbsp;spaced&nbsp; &lt;tag&gt; &#8212; &#x2014; &copy 2026 &notanentity; & alone",
	"<h1>Title</h1><h2>Sub</h2><blockquote>quote</blockquote><pre>  pre  text </pre>",
	"<dl><dt>Term</dt><dd>Definition</dd></dl>",
	"cut off <a href=\"https://example.org",
	"cut off <b",
	"unclosed <p>para <li>item",
	"</>empty end</ p>bogus</3>",
	"<textarea><b>literal</b> &amp;</textarea><title>T &amp; U</title>",
	"<p>\r\nwindows\r\nlines\r</p>",
	"<p data-x=\"a>b\">quoted gt</p>",
	"<p\tclass='a'\n>tabbed</p>",
	"<ul>\n  <li>first</li>\n  <li>second <a href=\"https://e.org\">link</a></li>\n</ul>",
	"<p></p><p></p><p>after empties</p>\n\n\n<p>x</p>",
	"<img src=x alt=y/>text<input disabled>more",
	"<a href=\"https://a.org\" href=\"https://b.org\">two hrefs</a>",
}

// TestHTMLTextMatchesTheTokenizerItReplaced: Gapwise's own scanner turns
// descriptions into the same text as golang.org/x/net/html's tokenizer did
// (kept for this test only), so imports read as they did before.
func TestHTMLTextMatchesTheTokenizerItReplaced(t *testing.T) {
	for _, s := range htmlSamples {
		if got, want := htmlText(s), referenceHTMLText(s); got != want {
			t.Errorf("htmlText(%q)\n got %q\nwant %q", s, got, want)
		}
	}
}

func FuzzHTMLText(f *testing.F) {
	for _, s := range htmlSamples {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		got := htmlText(s)
		if strings.Contains(got, "<script") || strings.Contains(got, "<style") {
			if !strings.Contains(s, "&lt;") && !strings.Contains(s, "&#") {
				t.Errorf("htmlText(%q) kept a tag: %q", s, got)
			}
		}
		if again := htmlText(s); again != got {
			t.Errorf("htmlText(%q) not deterministic", s)
		}
	})
}

// referenceHTMLText is htmlText as it was on golang.org/x/net/html.
func referenceHTMLText(s string) string {
	if !strings.ContainsAny(s, "<&") {
		return CleanText(collapseSpace(s))
	}
	z := html.NewTokenizer(strings.NewReader(s))
	var b strings.Builder
	var href string
	linkStart := 0
	skip := 0
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
