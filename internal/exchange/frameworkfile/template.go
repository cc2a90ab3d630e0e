package frameworkfile

import (
	"fmt"
	"slices"
	"strconv"
	"strings"

	"gapwise/frameworks"
	"gapwise/internal/model"
)

// Gapwise's spreadsheet template for an organisation's own framework
// (docs/packs.md, "Spreadsheet template"; samples in frameworks/templates/).
// It is one workbook with up to three sheets, or the same tables as CSV
// files given together:
//
//   - Items (required): group, group id, item id, title, description, level,
//     descriptor, and optionally guidance, url and note. One row per item and
//     level; an item's own fields may be left blank after its first row.
//     Nested groups are written "Outer > Inner".
//   - About (optional): field, value: id, version, name, short name,
//     publisher, licence, licence url, attribution, source url, released,
//     notice, scale name, scale description, group kinds.
//   - Levels (optional): level, name, description: the rating scale.
//
// Tables are recognised by their headings, not sheet or file names.

var templateReader = Reader{Format: FormatTemplate, Detect: detectTemplate, Read: readTemplate}

// tmplTable is one table of the template, from a sheet or a CSV file.
type tmplTable struct {
	where  func(row int) string // "file line N" or "file, sheet S, row N"
	col    map[string]int
	rows   [][]string
	header int // index of the header row in rows
}

func (t *tmplTable) get(row int, name string) string {
	c, ok := t.col[name]
	if !ok {
		return ""
	}
	return at(t.rows[row], c)
}

func (t *tmplTable) kind() string {
	switch {
	case t.has("item id", "title"):
		return "items"
	case t.has("field", "value"):
		return "about"
	case t.has("level", "name"):
		return "levels"
	}
	return ""
}

func (t *tmplTable) has(cols ...string) bool {
	for _, c := range cols {
		if _, ok := t.col[c]; !ok {
			return false
		}
	}
	return true
}

func headingMap(row []string) map[string]int {
	col := map[string]int{}
	for c, v := range row {
		k := strings.ToLower(strings.Join(strings.Fields(v), " "))
		if _, dup := col[k]; k != "" && !dup {
			col[k] = c
		}
	}
	return col
}

// templateTables reads every file as template tables: each sheet of a
// workbook, or a CSV file. The header is the first non-empty row.
func templateTables(files []File) ([]*tmplTable, error) {
	var out []*tmplTable
	for _, f := range files {
		if isZip(f.Data) {
			b, err := openXLSX(f)
			if err != nil {
				return nil, err
			}
			for _, s := range b.names {
				rows := b.sheets[s]
				h := slices.IndexFunc(rows, func(r []string) bool { return !isBlank(r) })
				if h < 0 {
					continue
				}
				sheetName := s
				out = append(out, &tmplTable{rows: rows, header: h, col: headingMap(rows[h]),
					where: func(r int) string { return b.rowRef(sheetName, r) }})
			}
			continue
		}
		t, err := readTextCSV(f)
		if err != nil {
			return nil, err
		}
		rows := append([][]string{t.header}, t.rows...)
		lines := append([]int{t.hline}, t.lines...)
		name := t.file
		out = append(out, &tmplTable{rows: rows, header: 0, col: headingMap(t.header),
			where: func(r int) string { return fmt.Sprintf("%s line %d", name, lines[r]) }})
	}
	return out, nil
}

// detectTemplate accepts template tables, alone or together (an about or
// levels table on its own too, so that files given one by one are put
// together; reading one alone then asks for the items table).
func detectTemplate(files []File) bool {
	tables := 0
	for _, f := range files {
		if isZip(f.Data) {
			b, err := openXLSX(f)
			if err != nil {
				return false
			}
			items := false
			for _, s := range b.names {
				for _, row := range b.sheets[s] {
					if !isBlank(row) {
						col := headingMap(row)
						_, id := col["item id"]
						_, title := col["title"]
						items = items || (id && title)
						break
					}
				}
			}
			if !items {
				return false
			}
			tables++
			continue
		}
		col := map[string]int{}
		for k, v := range headingMap(strings.Split(strings.ToLower(headerLine(f.Data)), string(sniffDelimiter(f.Data)))) {
			col[strings.Trim(k, `"`)] = v // headings may be quoted
		}
		_, id := col["item id"]
		_, title := col["title"]
		_, field := col["field"]
		_, value := col["value"]
		_, level := col["level"]
		_, name := col["name"]
		if !(id && title) && !(field && value) && !(level && name && len(col) <= 3) {
			return false
		}
		tables++
	}
	return tables > 0
}

func readTemplate(files []File) (*model.Framework, []string, error) {
	tables, err := templateTables(files)
	if err != nil {
		return nil, nil, err
	}
	var items, about, levels *tmplTable
	for _, t := range tables {
		var slot **tmplTable
		switch t.kind() {
		case "items":
			slot = &items
		case "about":
			slot = &about
		case "levels":
			slot = &levels
		default:
			continue
		}
		if *slot != nil {
			return nil, nil, invalidf("%s: a second %s table; give one", t.where(t.header), t.kind())
		}
		*slot = t
	}
	if items == nil {
		return nil, nil, invalidf("%s: no items table: the template needs a sheet or CSV file whose header has the columns \"item id\" and \"title\"", names(files))
	}
	r := &tmplRead{f: &model.Framework{}}
	if about != nil {
		if err := r.about(about); err != nil {
			return nil, nil, err
		}
	}
	if levels != nil {
		if err := r.levels(levels); err != nil {
			return nil, nil, err
		}
	}
	if err := r.items(items); err != nil {
		return nil, nil, err
	}
	f := r.f
	if strings.TrimSpace(f.Name) == "" {
		f.Name = strings.TrimSuffix(baseName(files[0]), filepathExt(baseName(files[0])))
		r.warn = append(r.warn, fmt.Sprintf("the template gives no name; the framework is called %q after the file", f.Name))
	}
	if f.Ref.ID == "" || f.Ref.Version == "" {
		p := proposedRef(f.Name, "framework", f.Ref.Version, files)
		if f.Ref.ID == "" {
			f.Ref.ID = p.ID
		}
		if f.Ref.Version == "" {
			f.Ref.Version = p.Version
		}
	}
	return f, r.warn, nil
}

func filepathExt(name string) string {
	if i := strings.LastIndexByte(name, '.'); i > 0 {
		return name[i:]
	}
	return ""
}

type tmplRead struct {
	f    *model.Framework
	warn []string
}

func (r *tmplRead) about(t *tmplTable) error {
	f := r.f
	seen := map[string]bool{}
	for i := t.header + 1; i < len(t.rows); i++ {
		field := strings.ToLower(strings.Join(strings.Fields(t.get(i, "field")), " "))
		value := CleanText(t.get(i, "value"))
		if field == "" {
			if value != "" {
				return invalidf("%s: a value with no field", t.where(i))
			}
			continue
		}
		if seen[field] {
			return invalidf("%s: field %q is given twice", t.where(i), field)
		}
		seen[field] = true
		switch field {
		case "id":
			if !frameworks.ValidFrameworkID(value) {
				return invalidf("%s: id %q must start with a lower-case letter and hold only a-z, 0-9 and -", t.where(i), value)
			}
			f.Ref.ID = value
		case "version":
			if !frameworks.ValidVersion(value) {
				return invalidf("%s: version %q must start with a letter or digit and hold only letters, digits, '.', '_' and '-'", t.where(i), value)
			}
			f.Ref.Version = value
		case "name":
			f.Name = value
		case "short name":
			f.ShortName = value
		case "publisher":
			f.Publisher = value
		case "licence", "license":
			f.Licence = value
		case "licence url", "license url":
			f.LicenceURL = value
		case "attribution":
			f.Attribution = value
		case "source url":
			f.SourceURL = value
		case "released":
			f.Released = value
		case "notice":
			f.Notice = value
		case "scale name":
			f.Scale.Name = value
		case "scale description":
			f.Scale.Description = value
		case "group kinds":
			for _, k := range strings.Split(value, ",") {
				if k = strings.TrimSpace(k); k != "" {
					f.GroupKinds = append(f.GroupKinds, k)
				}
			}
		default:
			return invalidf("%s: unknown field %q (fields: id, version, name, short name, publisher, licence, licence url, attribution, source url, released, notice, scale name, scale description, group kinds)", t.where(i), field)
		}
	}
	return nil
}

func (r *tmplRead) levels(t *tmplTable) error {
	for i := t.header + 1; i < len(t.rows); i++ {
		if isBlank(t.rows[i]) {
			continue
		}
		raw := strings.TrimSpace(t.get(i, "level"))
		v, err := strconv.Atoi(raw)
		if err != nil || v < 0 {
			return invalidf("%s: level %q is not a whole number of 0 or more", t.where(i), raw)
		}
		name := strings.TrimSpace(t.get(i, "name"))
		if name == "" {
			return invalidf("%s: level %d has no name", t.where(i), v)
		}
		if n := len(r.f.Scale.Levels); n > 0 && v <= r.f.Scale.Levels[n-1].Value {
			return invalidf("%s: level %d comes after level %d; list levels in ascending order, each once", t.where(i), v, r.f.Scale.Levels[n-1].Value)
		}
		r.f.Scale.Levels = append(r.f.Scale.Levels, model.Level{Value: v, Name: name, Description: CleanText(t.get(i, "description"))})
	}
	if len(r.f.Scale.Levels) == 0 {
		return invalidf("%s: the levels table lists no levels", t.where(t.header))
	}
	return nil
}

// tmplGroup is a group met in the items table, keyed by its title path.
type tmplGroup struct {
	path  []string
	id    string
	where string
}

func (r *tmplRead) items(t *tmplTable) error {
	f := r.f
	byID := map[string]int{}
	itemWhere := map[string]string{}
	groups := map[string]*tmplGroup{}
	var groupOrder []string
	explicit := map[string]string{} // group id -> path key, for clashes
	used := map[int]bool{}          // levels the items use
	for i := t.header + 1; i < len(t.rows); i++ {
		row := t.rows[i]
		if isBlank(row) {
			continue
		}
		where := t.where(i)
		rawID := strings.TrimSpace(t.get(i, "item id"))
		if rawID == "" {
			return invalidf("%s: the row has no item id", where)
		}
		if !frameworks.ValidID(rawID) {
			return invalidf("%s: item id %q must start with a letter or digit and hold only letters, digits, '.', '_' and '-'", where, rawID)
		}
		// The group, a path of titles.
		var path []string
		for _, p := range strings.Split(t.get(i, "group"), ">") {
			if p = strings.TrimSpace(p); p != "" {
				path = append(path, p)
			}
		}
		gid := strings.TrimSpace(t.get(i, "group id"))
		if gid != "" && len(path) == 0 {
			return invalidf("%s: a group id with no group title", where)
		}
		if gid != "" && !frameworks.ValidID(gid) {
			return invalidf("%s: group id %q must start with a letter or digit and hold only letters, digits, '.', '_' and '-'", where, gid)
		}
		groupKey := ""
		for d := range path {
			key := strings.Join(path[:d+1], "\x00")
			g, ok := groups[key]
			if !ok {
				g = &tmplGroup{path: path[:d+1], where: where}
				groups[key] = g
				groupOrder = append(groupOrder, key)
			}
			if d == len(path)-1 && gid != "" {
				if g.id != "" && g.id != gid {
					return invalidf("%s: group %q has id %q here but %q at %s", where, strings.Join(path, " > "), gid, g.id, g.where)
				}
				if other, ok := explicit[gid]; ok && other != key {
					return invalidf("%s: group id %q is already used by group %q", where, gid, strings.ReplaceAll(other, "\x00", " > "))
				}
				g.id, g.where = gid, where
				explicit[gid] = key
			}
			groupKey = key
		}
		k, seen := byID[rawID]
		if !seen {
			k = len(f.Items)
			byID[rawID] = k
			itemWhere[rawID] = where
			f.Items = append(f.Items, model.Item{ID: rawID, Group: groupKey})
		}
		it := &f.Items[k]
		if seen && groupKey != "" && groupKey != it.Group {
			return invalidf("%s: item %s is in group %q here but %q at %s", where, rawID, strings.Join(path, " > "), strings.ReplaceAll(it.Group, "\x00", " > "), itemWhere[rawID])
		}
		for _, fld := range []struct {
			col string
			dst *string
		}{{"title", &it.Title}, {"description", &it.Description}, {"guidance", &it.Guidance}, {"url", &it.URL}, {"note", &it.Note}} {
			v := CleanText(t.get(i, fld.col))
			if fld.col == "title" || fld.col == "url" {
				v = strings.TrimSpace(v)
			}
			switch {
			case v == "":
			case *fld.dst == "":
				*fld.dst = v
			case *fld.dst != v:
				return invalidf("%s: item %s has a different %s from its row at %s; give it once, or the same each time", where, rawID, fld.col, itemWhere[rawID])
			}
		}
		rawLevel := strings.TrimSpace(t.get(i, "level"))
		text := CleanText(t.get(i, "descriptor"))
		if rawLevel == "" {
			if text != "" {
				return invalidf("%s: a descriptor with no level", where)
			}
			continue
		}
		v, err := strconv.Atoi(strings.TrimSuffix(rawLevel, ".0"))
		if err != nil || v < 0 {
			return invalidf("%s: level %q is not a whole number of 0 or more", where, rawLevel)
		}
		if slices.Contains(it.Levels, v) {
			return invalidf("%s: item %s has level %d twice", where, rawID, v)
		}
		it.Levels = append(it.Levels, v)
		used[v] = true
		if text != "" {
			it.Descriptors = append(it.Descriptors, model.Descriptor{Level: v, Text: text})
		}
	}
	if len(f.Items) == 0 {
		return invalidf("%s: the items table has a header but no items", t.where(t.header))
	}
	// The scale: as given, else the levels the items use, by number.
	if len(f.Scale.Levels) == 0 {
		var vs []int
		for v := range used {
			vs = append(vs, v)
		}
		slices.Sort(vs)
		if len(vs) == 0 {
			return invalidf("%s: no levels: give a levels table or a level on the items' rows", t.where(t.header))
		}
		for _, v := range vs {
			f.Scale.Levels = append(f.Scale.Levels, model.Level{Value: v, Name: fmt.Sprintf("Level %d", v)})
		}
	}
	onScale := map[int]bool{}
	var all []int
	for _, l := range f.Scale.Levels {
		onScale[l.Value] = true
		if l.Value != model.NoneLevel {
			all = append(all, l.Value)
		}
	}
	for k := range f.Items {
		it := &f.Items[k]
		if it.Title == "" {
			return invalidf("%s: item %s has no title", itemWhere[it.ID], it.ID)
		}
		for _, v := range it.Levels {
			if !onScale[v] {
				return invalidf("%s: item %s uses level %d, which is not in the levels table", itemWhere[it.ID], it.ID, v)
			}
		}
		if len(it.Levels) == 0 {
			it.Levels = slices.Clone(all) // no level given: defined at every level of the scale
		}
		slices.Sort(it.Levels)
		slices.SortFunc(it.Descriptors, func(a, b model.Descriptor) int { return a.Level - b.Level })
	}
	return r.groupsOut(groups, groupOrder)
}

// groupsOut gives every group an id (its own, else a slug of its title) and
// replaces the items' title-path keys with ids.
func (r *tmplRead) groupsOut(groups map[string]*tmplGroup, order []string) error {
	f := r.f
	if len(order) == 0 {
		return nil
	}
	ids := newIDMaker("group")
	for _, g := range groups {
		if g.id != "" {
			ids.used[g.id] = true
		}
	}
	depth := 0
	idOf := map[string]string{}
	for _, key := range order {
		g := groups[key]
		if g.id == "" {
			g.id, _ = ids.make(Slug(g.path[len(g.path)-1]))
		}
		idOf[key] = g.id
		depth = max(depth, len(g.path))
	}
	if len(f.GroupKinds) == 0 {
		for d := 0; d < depth; d++ {
			f.GroupKinds = append(f.GroupKinds, map[int]string{0: "group", 1: "subgroup"}[d])
			if d > 1 {
				f.GroupKinds[d] = fmt.Sprintf("level %d group", d+1)
			}
		}
	}
	if len(f.GroupKinds) < depth {
		return invalidf("the about table names %d group kinds (%s), but groups are nested %d deep", len(f.GroupKinds), strings.Join(f.GroupKinds, ", "), depth)
	}
	for _, key := range order {
		g := groups[key]
		parent := ""
		if len(g.path) > 1 {
			parent = idOf[strings.Join(g.path[:len(g.path)-1], "\x00")]
		}
		f.Groups = append(f.Groups, model.Group{ID: g.id, Title: g.path[len(g.path)-1], Kind: f.GroupKinds[len(g.path)-1], Parent: parent})
	}
	for k := range f.Items {
		if f.Items[k].Group == "" {
			return invalidf("item %s has no group, but other items do; give every item a group, or none", f.Items[k].ID)
		}
		f.Items[k].Group = idOf[f.Items[k].Group]
	}
	return nil
}
