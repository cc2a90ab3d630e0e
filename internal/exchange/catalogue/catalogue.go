// Package catalogue reads an organisation's learning catalogue: a CSV file
// or XLSX workbook listing courses, e-learning, mentoring schemes and the
// like, each with the items of a framework it develops. DIRECT's published
// tables are read too: its learning_resource table with its skill table
// (whose learning_resources column links skills to resources) and,
// optionally, its provider table.
//
// The whole file is checked before anything is returned: a catalogue with
// one bad row is refused, naming the row and column, so an import is all or
// nothing. Addresses are checked for form only (http or https); nothing is
// ever fetched.
package catalogue

import (
	"bytes"
	"cmp"
	"fmt"
	"net/url"
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"

	"gapwise/internal/exchange/frameworkfile"
	"gapwise/internal/model"
)

// Limits on a catalogue. A trust's catalogue is a few hundred rows; these
// refuse a file picked by mistake, and text no screen or PDF can show.
const (
	MaxFileSize   = 16 << 20 // bytes per file
	MaxFiles      = 4        // files in one import (DIRECT: resources, skills, providers)
	MaxEntries    = 5000     // entries in one catalogue
	MaxTitleLen   = 300      // characters of a title
	MaxTextLen    = 200      // characters of a provider or type
	MaxURLLen     = 500      // characters of an address
	maxProblems   = 20       // problems listed before the rest are counted
	maxItemTokens = 200      // items one entry may name
)

// File is one file the user gave.
type File = frameworkfile.File

// Result is a catalogue read and checked, not yet stored.
type Result struct {
	Catalogue *model.Catalogue
	// Warnings are what a person should know before saving: entries left
	// out because nothing links them to an item (DIRECT), sheets not read.
	Warnings []string
}

// The header names each column may have, compared ignoring case.
var (
	titleCols    = []string{"title", "name", "course", "course title", "resource", "learning resource", "activity title", "opportunity"}
	providerCols = []string{"provider", "supplier", "offered by", "organisation", "organization", "delivered by", "source"}
	urlCols      = []string{"url", "link", "web address", "address", "website", "web link", "uri"}
	typeCols     = []string{"activity type", "type", "kind", "format", "activity", "delivery", "mode"}
	itemCols     = []string{"items", "item", "item ids", "item codes", "develops", "items it develops", "competencies",
		"competency", "competency ids", "skills", "skill", "skill codes", "skill ids", "codes", "code"}
	slugCols = []string{"slug", "id", "resource id"}
)

// Read reads a catalogue for framework f from the files given: one
// catalogue table (a CSV file or a workbook's sheet), and for DIRECT the
// tables that link it to skills and name its providers.
func Read(files []File, f *model.Framework) (*Result, error) {
	if f == nil {
		return nil, model.Errorf(model.NotYet, "choose the framework the catalogue is for")
	}
	switch {
	case len(files) == 0:
		return nil, model.Errorf(model.Invalid, "no catalogue file given")
	case len(files) > MaxFiles:
		return nil, model.Errorf(model.Invalid, "%d files given; a catalogue is at most %d files", len(files), MaxFiles)
	}
	r := &reader{f: f, ids: map[string]string{}, titles: map[string]string{}, order: map[string]int{}, links: map[string][]string{}, providers: map[string]string{}}
	for i, it := range f.Items {
		r.ids[strings.ToLower(it.ID)] = it.ID
		if _, dup := r.titles[strings.ToLower(it.Title)]; !dup {
			r.titles[strings.ToLower(strings.TrimSpace(it.Title))] = it.ID
		}
		r.order[it.ID] = i
	}
	var main *frameworkfile.Table
	for _, file := range files {
		if len(file.Data) > MaxFileSize {
			return nil, model.Errorf(model.Invalid, "%s is larger than %d MB, too large for a learning catalogue", name(file), MaxFileSize>>20)
		}
		if head := bytes.TrimLeft(bytes.TrimPrefix(file.Data, []byte("\ufeff")), " \t\r\n"); len(head) > 0 && (head[0] == '{' || head[0] == '[') {
			return nil, model.Errorf(model.Invalid, "%s is JSON; a learning catalogue is a CSV or XLSX file (for DIRECT, give its CSV tables)", name(file))
		}
		tables, err := frameworkfile.ReadTables(file)
		if err != nil {
			return nil, err
		}
		for _, t := range tables {
			switch kind(t) {
			case kindLinks:
				if err := r.readLinks(t); err != nil {
					return nil, err
				}
			case kindProviders:
				r.readProviders(t)
			case kindTools:
				r.warn = append(r.warn, fmt.Sprintf("%s links resources to DIRECT's tools, not to skills, and was not read", where(t)))
			case kindCatalogue:
				if main != nil {
					return nil, model.Errorf(model.Invalid, "%s and %s are both catalogues; give one", where(main), where(t))
				}
				main = t
			default:
				if t.Sheet != "" && len(tables) > 1 {
					r.warn = append(r.warn, fmt.Sprintf("%s has no title column and was not read", where(t)))
					continue
				}
				return nil, model.Errorf(model.Invalid, "%s is not a learning catalogue: it needs a title column (%s) and a column of the items each entry develops (%s)",
					where(t), quoteList(titleCols[:2]), quoteList(itemCols[:3]))
			}
		}
	}
	if main == nil {
		return nil, model.Errorf(model.Invalid, "no catalogue in %s: give the table of learning opportunities (a title column, and the items each develops)", names(files))
	}
	entries, err := r.readCatalogue(main)
	if err != nil {
		return nil, err
	}
	return &Result{
		Catalogue: &model.Catalogue{Framework: f.Ref, Source: names(files), Entries: entries},
		Warnings:  r.warn,
	}, nil
}

type reader struct {
	f         *model.Framework
	ids       map[string]string // lower-cased id -> id
	titles    map[string]string // lower-cased title -> id
	order     map[string]int    // id -> framework position
	links     map[string][]string
	haveLinks bool
	linksFrom string
	providers map[string]string // slug -> name
	warn      []string
	problems  []string
	more      int
}

type tableKind int

const (
	kindUnknown tableKind = iota
	kindCatalogue
	kindLinks     // DIRECT skill or all-in-one table: item slug -> resource slugs
	kindProviders // DIRECT provider table: slug -> name
	kindTools     // DIRECT tools table: links resources to tools, not items
)

func kind(t *frameworkfile.Table) tableKind {
	has := func(names ...string) bool { return t.Column(names...) >= 0 }
	switch {
	case has("learning_resources") && has("kind"):
		return kindTools
	case has("learning_resources") && has("slug"):
		return kindLinks
	case has("ror") && has("slug"):
		return kindProviders
	case has(titleCols...) && (has(itemCols...) || has(urlCols...) || has(providerCols...)):
		return kindCatalogue
	}
	return kindUnknown
}

func (r *reader) readLinks(t *frameworkfile.Table) error {
	if r.haveLinks {
		return model.Errorf(model.Invalid, "%s and %s both link skills to resources; give one", r.linksFrom, where(t))
	}
	r.haveLinks, r.linksFrom = true, where(t)
	slug, res := t.Column("slug"), t.Column("learning_resources")
	for i := range t.Rows {
		list := splitList(t.Value(i, res))
		if len(list) == 0 {
			continue
		}
		raw := strings.TrimSpace(t.Value(i, slug))
		id, ok := r.item(raw)
		if !ok {
			return model.Errorf(model.Invalid, "%s: %s is not an item of %s; import the catalogue for the framework these skills belong to",
				t.Cell(i, slug), quote(raw), r.f.Ref)
		}
		for _, s := range list {
			if !slices.Contains(r.links[s], id) {
				r.links[s] = append(r.links[s], id)
			}
		}
	}
	return nil
}

func (r *reader) readProviders(t *frameworkfile.Table) {
	slug, nm := t.Column("slug"), t.Column("name")
	for i := range t.Rows {
		s, n := strings.TrimSpace(t.Value(i, slug)), strings.TrimSpace(t.Value(i, nm))
		if s != "" && n != "" {
			r.providers[s] = n
		}
	}
}

// problem records one refusal; the first maxProblems are kept.
func (r *reader) problem(format string, args ...any) {
	if len(r.problems) < maxProblems {
		r.problems = append(r.problems, fmt.Sprintf(format, args...))
		return
	}
	r.more++
}

func (r *reader) readCatalogue(t *frameworkfile.Table) ([]model.CatalogueEntry, error) {
	col := struct{ title, provider, url, typ, items, slug int }{
		t.Column(titleCols...), t.Column(providerCols...), t.Column(urlCols...), t.Column(typeCols...), t.Column(itemCols...), t.Column(slugCols...),
	}
	if col.items < 0 && !r.haveLinks {
		if col.slug >= 0 && t.Column("language") >= 0 {
			return nil, model.Errorf(model.Invalid, "%s is DIRECT's learning resources table, which does not say which skills each resource develops: give DIRECT's skill.csv with it (its learning_resources column links them)", where(t))
		}
		return nil, model.Errorf(model.Invalid, "%s has no column of the items each entry develops: add one headed %s, holding item ids or titles separated by ; or ,",
			where(t), quoteList(itemCols[:3]))
	}
	if len(t.Rows) == 0 {
		return nil, model.Errorf(model.Invalid, "%s has a header but no entries", where(t))
	}
	if len(t.Rows) > MaxEntries {
		return nil, model.Errorf(model.Invalid, "%s has %d entries; a catalogue holds at most %d", where(t), len(t.Rows), MaxEntries)
	}
	var out []model.CatalogueEntry
	seen := map[string]int{} // title|provider|url -> row
	unlinked := 0
	for i := range t.Rows {
		e := model.CatalogueEntry{
			Title:    r.line(t, i, col.title, MaxTitleLen),
			Provider: r.line(t, i, col.provider, MaxTextLen),
			Type:     r.line(t, i, col.typ, MaxTextLen),
			URL:      r.address(t, i, col.url),
		}
		if e.Title == "" && col.title >= 0 && strings.TrimSpace(t.Value(i, col.title)) == "" {
			r.problem("%s: no title", t.Cell(i, col.title))
		}
		if p, ok := r.providers[e.Provider]; ok {
			e.Provider = p
		}
		var items []string
		if col.items >= 0 {
			items = r.items(t, i, col.items)
		}
		if r.haveLinks {
			slug := ""
			if col.slug >= 0 {
				slug = strings.TrimSpace(t.Value(i, col.slug))
			}
			for _, id := range r.links[cmp.Or(slug, frameworkfile.Slug(e.Title))] {
				if !slices.Contains(items, id) {
					items = append(items, id)
				}
			}
		}
		slices.SortFunc(items, func(a, b string) int { return cmp.Compare(r.order[a], r.order[b]) })
		e.Items = items
		if len(items) == 0 {
			if col.items < 0 { // DIRECT: a resource no skill links to
				unlinked++
				continue
			}
			if strings.TrimSpace(t.Value(i, col.items)) == "" {
				r.problem("%s: names no item the entry develops", t.Cell(i, col.items))
			}
			continue
		}
		key := strings.ToLower(e.Title) + "\x00" + strings.ToLower(e.Provider) + "\x00" + e.URL
		if prev, dup := seen[key]; dup && e.Title != "" {
			r.problem("%s: the same entry as %s (title, provider and address)", t.Row(i), t.Row(prev))
			continue
		}
		seen[key] = i
		out = append(out, e)
	}
	if len(r.problems) > 0 {
		msg := strings.Join(r.problems, "\n")
		if r.more > 0 {
			msg += fmt.Sprintf("\nand %d more problems", r.more)
		}
		return nil, model.Errorf(model.Invalid, "%s", msg)
	}
	if r.haveLinks && len(r.providers) == 0 && col.provider >= 0 {
		r.warn = append(r.warn, "DIRECT's provider table was not given; providers are named by their slugs")
	}
	if unlinked > 0 {
		r.warn = append(r.warn, model.Plural(unlinked, "entry is", "entries are")+" left out: no skill in "+r.linksFrom+" links to them")
	}
	if len(out) == 0 {
		return nil, model.Errorf(model.Invalid, "%s: no entry is linked to an item of %s", where(t), r.f.Ref)
	}
	return out, nil
}

// line reads a one-line text cell, recording a problem when it holds a
// character no screen should show or is too long.
func (r *reader) line(t *frameworkfile.Table, i, col, limit int) string {
	if col < 0 {
		return ""
	}
	s, err := model.CleanLine(collapse(t.Value(i, col)))
	if err != nil {
		r.problem("%s %v", t.Cell(i, col), err)
		return ""
	}
	if n := utf8.RuneCountInString(s); n > limit {
		r.problem("%s: %d characters; at most %d", t.Cell(i, col), n, limit)
		return ""
	}
	return s
}

// collapse joins the lines of a cell that wrapped in a spreadsheet.
func collapse(s string) string {
	if !strings.ContainsAny(s, "\r\n") {
		return s
	}
	return strings.Join(strings.Fields(s), " ")
}

// address reads a web address: http or https with a host, no spaces, no
// user name or password (which can make an address read as another site).
func (r *reader) address(t *frameworkfile.Table, i, col int) string {
	if col < 0 {
		return ""
	}
	raw := strings.TrimSpace(t.Value(i, col))
	if raw == "" {
		return ""
	}
	if err := model.CheckLine(raw); err != nil {
		r.problem("%s %v", t.Cell(i, col), err)
		return ""
	}
	if n := utf8.RuneCountInString(raw); n > MaxURLLen {
		r.problem("%s: an address of %d characters; at most %d", t.Cell(i, col), n, MaxURLLen)
		return ""
	}
	u, err := url.Parse(raw)
	switch {
	case err != nil || strings.IndexFunc(raw, unicode.IsSpace) >= 0:
		r.problem("%s: %s is not a web address", t.Cell(i, col), quote(raw))
	case u.Scheme != "http" && u.Scheme != "https":
		r.problem("%s: %s is not a web address starting http:// or https://", t.Cell(i, col), quote(raw))
	case u.Host == "" || u.Hostname() == "":
		r.problem("%s: %s names no web site", t.Cell(i, col), quote(raw))
	case u.User != nil:
		r.problem("%s: %s holds a user name or password; give the address without it", t.Cell(i, col), quote(raw))
	default:
		return raw
	}
	return ""
}

// items reads the items an entry develops: ids or titles of the
// framework's items, separated by ";", "," or "|".
func (r *reader) items(t *frameworkfile.Table, i, col int) []string {
	var out []string
	tokens := splitList(t.Value(i, col))
	if len(tokens) > maxItemTokens {
		r.problem("%s: %d items; an entry develops at most %d", t.Cell(i, col), len(tokens), maxItemTokens)
		return nil
	}
	for _, tok := range tokens {
		id, ok := r.item(tok)
		if !ok {
			r.problem("%s: %s is not an item of %s (give item ids or titles, separated by ; or ,)", t.Cell(i, col), quote(tok), r.f.Ref)
			continue
		}
		if !slices.Contains(out, id) {
			out = append(out, id)
		}
	}
	return out
}

// item finds an item by id (any case), else by title (any case).
func (r *reader) item(s string) (string, bool) {
	s = strings.ToLower(strings.TrimSpace(s))
	if id, ok := r.ids[s]; ok {
		return id, true
	}
	id, ok := r.titles[s]
	return id, ok
}

// splitList splits a cell of several values on ";", "," or "|".
func splitList(s string) []string {
	var out []string
	for _, p := range strings.FieldsFunc(s, func(c rune) bool { return c == ';' || c == ',' || c == '|' || c == '\n' }) {
		if p = strings.TrimSpace(p); p != "" {
			out = append(out, p)
		}
	}
	return out
}

// quote shows a value from the file in a message, cut short and with any
// character a terminal would act on escaped.
func quote(s string) string {
	if utf8.RuneCountInString(s) > 60 {
		s = string([]rune(s)[:60]) + "…"
	}
	return fmt.Sprintf("%q", s)
}

func quoteList(names []string) string {
	q := make([]string, len(names))
	for i, n := range names {
		q[i] = `"` + n + `"`
	}
	return strings.Join(q, ", ")
}

func where(t *frameworkfile.Table) string {
	if t.Sheet == "" {
		return t.File
	}
	return fmt.Sprintf("%s, sheet %q", t.File, t.Sheet)
}

func name(f File) string {
	if f.Name == "" {
		return "the file"
	}
	return baseName(f.Name)
}

func baseName(p string) string {
	if i := strings.LastIndexAny(p, `/\`); i >= 0 {
		return p[i+1:]
	}
	return p
}

func names(files []File) string {
	n := make([]string, len(files))
	for i, f := range files {
		n[i] = name(f)
	}
	return strings.Join(n, ", ")
}
