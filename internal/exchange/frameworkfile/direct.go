package frameworkfile

import (
	"bytes"
	"cmp"
	"encoding/json"
	"errors"
	"fmt"
	"slices"
	"strconv"
	"strings"

	"gapwise/frameworks"
	"gapwise/internal/model"
)

// DIRECT, the digital research competencies framework
// (github.com/direct-framework/digital-research-competencies-framework),
// published as one table per entity in CSV and in JSON, and as an
// "all-in-one" CSV (domain, competency and skill rows in order) and JSON
// (domains nesting competencies nesting skills).
//
// Domains and competencies become groups, skills items, and the skill-level
// table the scale (0 "None or N/A" to 4). Every skill is defined at every
// level: DIRECT's levels are generic, not per skill. A skill's related
// skills are kept as related items, its learning resources and its tools,
// languages and methodologies as its resources (with titles, addresses and
// providers when those tables are given too). Files are told apart by their
// columns or keys; a LICENSE.md given with them sets the licence when it is
// Creative Commons Attribution 4.0, as DIRECT's is.

var (
	directCSVReader  = Reader{Format: FormatDirectCSV, Detect: detectDirectCSV, Read: readDirectCSV}
	directJSONReader = Reader{Format: FormatDirectJSON, Detect: detectDirectJSON, Read: readDirectJSON}
)

// directRecord is one row or object, keys lower-cased.
type directRecord struct {
	f     map[string]string
	where string
}

func (r directRecord) get(k string) string { return strings.TrimSpace(r.f[k]) }

// directKind tells a table by its columns.
func directKind(cols map[string]bool) string {
	switch {
	case cols["competency_domain"] && cols["competency"] && cols["skill"]:
		return "all-in-one"
	case cols["level"] && cols["name"] && (cols["short_description"] || cols["focus"]):
		return "skill_level"
	case cols["ror"]:
		return "provider"
	case cols["provider"] && cols["url"]:
		return "learning_resource"
	case cols["kind"] && cols["slug"]:
		return "tool_language_methodology"
	case cols["competency"] && cols["slug"] && cols["name"]:
		return "skill"
	case cols["competency_domain"] && cols["slug"] && cols["name"]:
		return "competency"
	case cols["slug"] && cols["name"] && cols["description"]:
		return "competency_domain"
	}
	return ""
}

// isLicenceText recognises DIRECT's LICENSE.md.
func isLicenceText(data []byte) bool {
	return bytes.Contains(data, []byte("Attribution 4.0 International")) && bytes.Contains(data, []byte("Creative Commons"))
}

// detectDirectCSV accepts DIRECT CSV tables, alone or together: a lookup
// table on its own (skill_level.csv) is detected too, so that files given
// one by one are put together (Split); reading one alone then says which
// tables are missing. A licence file is read only with the tables.
func detectDirectCSV(files []File) bool {
	tables := 0
	for _, f := range files {
		if isLicenceText(f.Data) {
			continue
		}
		line := headerLine(f.Data)
		if line == "" || strings.HasPrefix(line, "{") || strings.HasPrefix(line, "[") || isZip(f.Data) {
			return false
		}
		cols := map[string]bool{}
		for _, c := range strings.Split(line, ",") {
			cols[strings.ToLower(strings.Trim(strings.TrimSpace(c), `"`))] = true
		}
		if directKind(cols) == "" {
			return false
		}
		tables++
	}
	return tables > 0
}

func detectDirectJSON(files []File) bool {
	tables := 0
	for _, f := range files {
		if isLicenceText(f.Data) {
			continue
		}
		kind, _, err := directJSONTable(f)
		if err != nil || kind == "" {
			return false
		}
		tables++
	}
	return tables > 0
}

// directTables is what the files hold, by kind.
type directTables struct {
	byKind  map[string][]directRecord
	file    map[string]string // kind -> file name
	aioJSON []directAIODomain // all-in-one JSON
	licence bool
}

func (d *directTables) add(kind, file string, recs []directRecord) error {
	if prev, dup := d.file[kind]; dup {
		return invalidf("%s and %s are both DIRECT %s tables; give one", prev, file, kind)
	}
	d.file[kind] = file
	d.byKind[kind] = recs
	return nil
}

func readDirectCSV(files []File) (*model.Framework, []string, error) {
	d := &directTables{byKind: map[string][]directRecord{}, file: map[string]string{}}
	for _, f := range files {
		if isLicenceText(f.Data) {
			d.licence = true
			continue
		}
		t, err := readTextCSV(f)
		if err != nil {
			return nil, nil, err
		}
		cols := map[string]bool{}
		for _, h := range t.header {
			cols[strings.ToLower(h)] = true
		}
		kind := directKind(cols)
		if kind == "" {
			return nil, nil, invalidf("%s line %d: not a DIRECT table (columns %q)", t.file, t.hline, t.header)
		}
		recs := make([]directRecord, len(t.rows))
		for i, row := range t.rows {
			m := map[string]string{}
			for c, h := range t.header {
				m[strings.ToLower(h)] = at(row, c)
			}
			recs[i] = directRecord{f: m, where: t.where(i)}
		}
		if err := d.add(kind, t.file, recs); err != nil {
			return nil, nil, err
		}
	}
	return d.build(files)
}

// The all-in-one JSON: domains nest competencies nest skills, without slugs.
type directAIODomain struct {
	Title        string `json:"title"`
	Description  string `json:"description"`
	Competencies []struct {
		Title       string `json:"title"`
		Description string `json:"description"`
		Skills      []struct {
			Title       string `json:"title"`
			Description string `json:"description"`
			Tools       string `json:"tools_languages_methodologies"`
			Training    string `json:"training_resources"`
			Learning    string `json:"learning_resources"`
			Related     string `json:"related_skills"`
		} `json:"skills"`
	} `json:"competencies"`
}

// directJSONTable reads a JSON file as a DIRECT table: an array of flat
// objects (values strings or numbers), or the all-in-one object.
func directJSONTable(f File) (string, []directRecord, error) {
	name := baseName(f)
	data := bytes.TrimSpace(bytes.TrimPrefix(f.Data, []byte("\ufeff")))
	if len(data) == 0 {
		return "", nil, invalidf("%s is empty", name)
	}
	switch data[0] {
	case '{':
		var probe map[string]json.RawMessage
		if err := json.Unmarshal(data, &probe); err != nil {
			return "", nil, jsonError(name, data, err)
		}
		if _, ok := probe["competency_domains"]; ok {
			return "all-in-one", nil, nil
		}
		return "", nil, invalidf("%s: a JSON object without \"competency_domains\" is not a DIRECT file", name)
	case '[':
	default:
		return "", nil, invalidf("%s is not JSON (it starts with %q)", name, string(data[:1]))
	}
	var arr []map[string]any
	if err := json.Unmarshal(data, &arr); err != nil {
		return "", nil, jsonError(name, data, err)
	}
	cols := map[string]bool{}
	recs := make([]directRecord, len(arr))
	for i, obj := range arr {
		m := map[string]string{}
		for k, v := range obj {
			k = strings.ToLower(k)
			cols[k] = true
			switch x := v.(type) {
			case string:
				m[k] = x
			case float64:
				m[k] = strconv.FormatFloat(x, 'f', -1, 64)
			case nil:
			case []any:
				var parts []string
				for _, p := range x {
					if s, ok := p.(string); ok {
						parts = append(parts, s)
					}
				}
				m[k] = strings.Join(parts, "|")
			default:
				return "", nil, invalidf("%s: object %d: %q must be text, a number or a list of text", name, i+1, k)
			}
		}
		recs[i] = directRecord{f: m, where: fmt.Sprintf("%s, object %d", name, i+1)}
	}
	if len(arr) == 0 {
		return "", nil, invalidf("%s: an empty list", name)
	}
	kind := directKind(cols)
	if kind == "" {
		return "", nil, invalidf("%s: not a DIRECT table (keys %q)", name, slices.Sorted(func(yield func(string) bool) {
			for k := range cols {
				if !yield(k) {
					return
				}
			}
		}))
	}
	return kind, recs, nil
}

// jsonError names the line and column of a JSON syntax error.
func jsonError(name string, data []byte, err error) error {
	var syn *json.SyntaxError
	var typ *json.UnmarshalTypeError
	off := int64(-1)
	switch {
	case asErr(err, &syn):
		off = syn.Offset - 1
	case asErr(err, &typ):
		off = typ.Offset
	}
	if off >= 0 {
		off = min(max(off, 0), int64(len(data)))
		line := bytes.Count(data[:off], []byte("\n")) + 1
		col := int(off) - bytes.LastIndexByte(data[:off], '\n')
		return invalidf("%s line %d, column %d: %v", name, line, col, strings.TrimPrefix(err.Error(), "json: "))
	}
	return invalidf("%s: %v", name, strings.TrimPrefix(err.Error(), "json: "))
}

func readDirectJSON(files []File) (*model.Framework, []string, error) {
	d := &directTables{byKind: map[string][]directRecord{}, file: map[string]string{}}
	for _, f := range files {
		if isLicenceText(f.Data) {
			d.licence = true
			continue
		}
		kind, recs, err := directJSONTable(f)
		if err != nil {
			return nil, nil, err
		}
		if kind == "all-in-one" {
			if d.aioJSON != nil {
				return nil, nil, invalidf("%s: a second all-in-one file; give one", baseName(f))
			}
			var doc struct {
				Domains []directAIODomain `json:"competency_domains"`
			}
			if err := json.Unmarshal(bytes.TrimPrefix(f.Data, []byte("\ufeff")), &doc); err != nil {
				return nil, nil, jsonError(baseName(f), f.Data, err)
			}
			d.aioJSON = doc.Domains
			if err := d.add(kind, baseName(f), d.fromAIOJSON(baseName(f))); err != nil {
				return nil, nil, err
			}
			continue
		}
		if err := d.add(kind, baseName(f), recs); err != nil {
			return nil, nil, err
		}
	}
	return d.build(files)
}

// fromAIOJSON flattens the nested all-in-one JSON into all-in-one rows,
// with slugs made from the titles (the file has none).
func (d *directTables) fromAIOJSON(file string) []directRecord {
	var out []directRecord
	for i, dm := range d.aioJSON {
		out = append(out, directRecord{where: fmt.Sprintf("%s, domain %d", file, i+1),
			f: map[string]string{"competency_domain": dm.Title, "description": dm.Description, "slug": Slug(dm.Title)}})
		for j, c := range dm.Competencies {
			out = append(out, directRecord{where: fmt.Sprintf("%s, domain %d, competency %d", file, i+1, j+1),
				f: map[string]string{"competency": c.Title, "description": c.Description, "slug": Slug(c.Title)}})
			for k, s := range c.Skills {
				lr := s.Learning
				if lr == "" {
					lr = s.Training
				}
				out = append(out, directRecord{where: fmt.Sprintf("%s, domain %d, competency %d, skill %d", file, i+1, j+1, k+1),
					f: map[string]string{"skill": s.Title, "description": s.Description, "slug": Slug(s.Title),
						"tools_languages_methodologies": s.Tools, "learning_resources": lr, "related_skills": s.Related}})
			}
		}
	}
	return out
}

// directNode is a domain, competency or skill with its source record.
type directNode struct {
	rec    directRecord
	slug   string
	parent string
	rank   int
	order  int
}

// build makes the framework from whichever tables were given.
func (d *directTables) build(files []File) (*model.Framework, []string, error) {
	var warn []string
	domains, comps, skills, err := d.structure()
	if err != nil {
		return nil, nil, err
	}
	f := &model.Framework{
		Name:       "DIRECT digital research competencies framework",
		ShortName:  "DIRECT",
		SourceURL:  "https://github.com/direct-framework/digital-research-competencies-framework",
		GroupKinds: []string{"competency domain", "competency"},
	}
	if d.licence {
		f.Licence = "Creative Commons Attribution 4.0 International (CC BY 4.0)"
		f.LicenceURL = "https://creativecommons.org/licenses/by/4.0/"
	}
	f.Ref = proposedRef("direct", "direct", "", files)
	scale, w, err := d.scale()
	if err != nil {
		return nil, nil, err
	}
	warn = append(warn, w...)
	f.Scale = scale
	var levels []int
	for _, l := range scale.Levels {
		if l.Value != model.NoneLevel {
			levels = append(levels, l.Value)
		}
	}
	if len(levels) == 0 {
		return nil, nil, invalidf("%s: the skill levels table has no level above 0", d.file["skill_level"])
	}

	// Order: domains, then each domain's competencies, then their skills,
	// by DIRECT's rank where given, else file order.
	byRank := func(a, b *directNode) int { return cmp.Or(cmp.Compare(a.rank, b.rank), cmp.Compare(a.order, b.order)) }
	slices.SortStableFunc(domains, byRank)
	slices.SortStableFunc(comps, byRank)
	slices.SortStableFunc(skills, byRank)
	compsOf := map[string][]*directNode{}
	for _, c := range comps {
		compsOf[c.parent] = append(compsOf[c.parent], c)
	}
	skillsOf := map[string][]*directNode{}
	for _, s := range skills {
		skillsOf[s.parent] = append(skillsOf[s.parent], s)
	}
	for _, dm := range domains {
		f.Groups = append(f.Groups, model.Group{ID: dm.slug, Title: dm.rec.get("name"), Kind: "competency domain", Description: CleanText(dm.rec.f["description"])})
		for _, c := range compsOf[dm.slug] {
			f.Groups = append(f.Groups, model.Group{ID: c.slug, Title: c.rec.get("name"), Kind: "competency", Parent: dm.slug, Description: CleanText(c.rec.f["description"])})
			for _, s := range skillsOf[c.slug] {
				f.Items = append(f.Items, model.Item{ID: s.slug, Title: s.rec.get("name"), Group: c.slug,
					Description: CleanText(s.rec.f["description"]), Levels: slices.Clone(levels)})
			}
		}
	}
	w, err = d.links(f, skills)
	if err != nil {
		return nil, nil, err
	}
	warn = append(warn, w...)
	return f, warn, nil
}

// structure reads domains, competencies and skills from the per-entity
// tables or the all-in-one file, checking ids and parents.
func (d *directTables) structure() (domains, comps, skills []*directNode, err error) {
	aio, hasAIO := d.byKind["all-in-one"]
	_, hasSkill := d.byKind["skill"]
	if hasAIO && (hasSkill || d.byKind["competency"] != nil || d.byKind["competency_domain"] != nil) {
		return nil, nil, nil, invalidf("%s is DIRECT's all-in-one file; give it alone or the domain, competency and skill tables, not both", d.file["all-in-one"])
	}
	slugs := map[string]string{} // slug -> where first used
	node := func(rec directRecord, nameKey string, order int) (*directNode, error) {
		slug := rec.get("slug")
		name := rec.get(nameKey)
		if name == "" {
			return nil, invalidf("%s: no %s", rec.where, nameKey)
		}
		if slug == "" {
			slug = Slug(name)
		}
		if !frameworks.ValidID(slug) {
			return nil, invalidf("%s: slug %q must be letters, digits, '.', '_' and '-'", rec.where, slug)
		}
		if prev, dup := slugs[slug]; dup {
			return nil, invalidf("%s: slug %q is already used at %s", rec.where, slug, prev)
		}
		slugs[slug] = rec.where
		rank := 0
		if r := rec.get("rank"); r != "" {
			n, err := strconv.Atoi(r)
			if err != nil {
				return nil, invalidf("%s: rank %q is not a whole number", rec.where, r)
			}
			rank = n
		}
		rec.f["name"] = name
		return &directNode{rec: rec, slug: slug, rank: rank, order: order}, nil
	}
	if hasAIO {
		// Rows in order: a domain row, its competency rows, each followed by
		// its skill rows; the parent is the last row of the kind above.
		var dom, comp string
		for i, rec := range aio {
			switch {
			case rec.get("competency_domain") != "":
				n, err := node(rec, "competency_domain", i)
				if err != nil {
					return nil, nil, nil, err
				}
				dom, comp = n.slug, ""
				domains = append(domains, n)
			case rec.get("competency") != "":
				if dom == "" {
					return nil, nil, nil, invalidf("%s: a competency before any competency domain", rec.where)
				}
				n, err := node(rec, "competency", i)
				if err != nil {
					return nil, nil, nil, err
				}
				n.parent, comp = dom, n.slug
				comps = append(comps, n)
			case rec.get("skill") != "":
				if comp == "" {
					return nil, nil, nil, invalidf("%s: a skill before any competency", rec.where)
				}
				n, err := node(rec, "skill", i)
				if err != nil {
					return nil, nil, nil, err
				}
				n.parent = comp
				skills = append(skills, n)
			default:
				return nil, nil, nil, invalidf("%s: the row names no competency domain, competency or skill", rec.where)
			}
		}
	} else {
		var missing []string
		for _, k := range []string{"competency_domain", "competency", "skill"} {
			if _, ok := d.byKind[k]; !ok {
				missing = append(missing, k)
			}
		}
		if len(missing) > 0 {
			return nil, nil, nil, invalidf("DIRECT needs the competency_domain, competency and skill tables (or the all-in-one file); missing: %s", strings.Join(missing, ", "))
		}
		for i, rec := range d.byKind["competency_domain"] {
			n, err := node(rec, "name", i)
			if err != nil {
				return nil, nil, nil, err
			}
			domains = append(domains, n)
		}
		domainSet := map[string]bool{}
		for _, n := range domains {
			domainSet[n.slug] = true
		}
		for i, rec := range d.byKind["competency"] {
			n, err := node(rec, "name", i)
			if err != nil {
				return nil, nil, nil, err
			}
			n.parent = rec.get("competency_domain")
			if !domainSet[n.parent] {
				return nil, nil, nil, invalidf("%s: competency %q is in domain %q, which is not in %s", rec.where, n.slug, n.parent, d.file["competency_domain"])
			}
			comps = append(comps, n)
		}
		compSet := map[string]bool{}
		for _, n := range comps {
			compSet[n.slug] = true
		}
		for i, rec := range d.byKind["skill"] {
			n, err := node(rec, "name", i)
			if err != nil {
				return nil, nil, nil, err
			}
			n.parent = rec.get("competency")
			if !compSet[n.parent] {
				return nil, nil, nil, invalidf("%s: skill %q is in competency %q, which is not in %s", rec.where, n.slug, n.parent, d.file["competency"])
			}
			skills = append(skills, n)
		}
	}
	if len(skills) == 0 {
		return nil, nil, nil, invalidf("no DIRECT skills in the files")
	}
	return domains, comps, skills, nil
}

// directLevelNames are DIRECT v2's published skill levels, used when the
// skill levels table is not given.
var directLevelNames = []string{"None or N/A", "Awareness", "Working", "Practitioner", "Expert"}

func (d *directTables) scale() (model.Scale, []string, error) {
	s := model.Scale{Name: "DIRECT skill levels",
		Description: "DIRECT's scale of proficiency, autonomy or awareness in applying a skill; level 0 is none or not applicable."}
	recs, ok := d.byKind["skill_level"]
	if !ok {
		for v, n := range directLevelNames {
			s.Levels = append(s.Levels, model.Level{Value: v, Name: n})
		}
		return s, []string{"the skill levels table (skill_level) was not given; the scale is DIRECT v2's five levels by name only"}, nil
	}
	for _, rec := range recs {
		raw := rec.get("level")
		v, err := strconv.Atoi(raw)
		if err != nil || v < 0 {
			return s, nil, invalidf("%s: level %q is not a whole number of 0 or more", rec.where, raw)
		}
		name := rec.get("name")
		if name == "" {
			return s, nil, invalidf("%s: level %d has no name", rec.where, v)
		}
		if slices.ContainsFunc(s.Levels, func(l model.Level) bool { return l.Value == v }) {
			return s, nil, invalidf("%s: level %d is listed twice", rec.where, v)
		}
		var desc []string
		for _, k := range []string{"short_description", "description"} {
			if t := CleanText(rec.f[k]); t != "" {
				desc = append(desc, t)
			}
		}
		if t := CleanText(rec.f["focus"]); t != "" {
			desc = append(desc, "Focus: "+t)
		}
		s.Levels = append(s.Levels, model.Level{Value: v, Name: name, Description: strings.Join(desc, "\n\n")})
	}
	// DIRECT lists its levels from the top down; scales go up.
	slices.SortFunc(s.Levels, func(a, b model.Level) int { return a.Value - b.Value })
	return s, nil, nil
}

// links fills each item's related items and resources.
func (d *directTables) links(f *model.Framework, skills []*directNode) ([]string, error) {
	var warn []string
	providers := map[string]string{}
	for _, rec := range d.byKind["provider"] {
		if s := rec.get("slug"); s != "" {
			providers[s] = rec.get("name")
		}
	}
	lookup := func(kind string) map[string]model.Resource {
		out := map[string]model.Resource{}
		for _, rec := range d.byKind[kind] {
			slug := rec.get("slug")
			if slug == "" {
				continue
			}
			r := model.Resource{Title: rec.get("name"), URL: rec.get("url")}
			if r.Title == "" {
				r.Title = slug
			}
			if kind == "learning_resource" {
				r.Kind = "learning resource"
				if p := rec.get("provider"); p != "" {
					r.Provider = cmp.Or(providers[p], p)
				}
			} else {
				r.Kind = cmp.Or(rec.get("kind"), "tool")
			}
			out[slug] = r
		}
		return out
	}
	learning, tools := lookup("learning_resource"), lookup("tool_language_methodology")
	_, haveLearning := d.byKind["learning_resource"]
	_, haveTools := d.byKind["tool_language_methodology"]
	noLearning, noTools := false, false
	ids := map[string]bool{}
	for _, it := range f.Items {
		ids[it.ID] = true
	}
	split := func(s string) []string {
		var out []string
		for _, p := range strings.FieldsFunc(s, func(r rune) bool { return r == '|' || r == ';' }) {
			if p = strings.TrimSpace(p); p != "" && !slices.Contains(out, p) {
				out = append(out, p)
			}
		}
		return out
	}
	bySlug := map[string]*directNode{}
	for _, s := range skills {
		bySlug[s.slug] = s
	}
	for k := range f.Items {
		it := &f.Items[k]
		n := bySlug[it.ID]
		for _, rel := range split(n.rec.f["related_skills"]) {
			switch {
			case rel == it.ID:
			case !ids[rel]:
				warn = append(warn, fmt.Sprintf("%s: related skill %q is not in the files and is left out", n.rec.where, rel))
			default:
				it.Related = append(it.Related, rel)
			}
		}
		for _, slug := range split(n.rec.f["learning_resources"]) {
			r, ok := learning[slug]
			if !ok {
				if haveLearning {
					warn = append(warn, fmt.Sprintf("%s: learning resource %q is not in %s; kept by its slug", n.rec.where, slug, d.file["learning_resource"]))
				}
				noLearning = noLearning || !haveLearning
				r = model.Resource{Title: slug, Kind: "learning resource"}
			}
			it.Resources = append(it.Resources, r)
		}
		for _, slug := range split(n.rec.f["tools_languages_methodologies"]) {
			r, ok := tools[slug]
			if !ok {
				if haveTools {
					warn = append(warn, fmt.Sprintf("%s: tool %q is not in %s; kept by its slug", n.rec.where, slug, d.file["tool_language_methodology"]))
				}
				noTools = noTools || !haveTools
				r = model.Resource{Title: slug, Kind: "tool"}
			}
			it.Resources = append(it.Resources, r)
		}
	}
	if noLearning {
		warn = append(warn, "the learning resources table (learning_resource) was not given; learning resources are named by their slugs")
	}
	if noTools {
		warn = append(warn, "the tools table (tool_language_methodology) was not given; tools, languages and methodologies are named by their slugs")
	}
	return warn, nil
}

func asErr[T error](err error, target *T) bool { return errors.As(err, target) }
