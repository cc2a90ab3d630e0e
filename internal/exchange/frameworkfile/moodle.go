package frameworkfile

import (
	"encoding/json"
	"fmt"
	"slices"
	"strconv"
	"strings"

	"gapwise/internal/model"
)

// Moodle competency framework CSV, as written and read by Moodle's
// tool_lpimportcsv: one framework row ("Is framework" set) and one row per
// competency, nested by "Parent ID number" to any depth and in any row
// order. Columns are found by their English headings (Moodle's exporter
// writes those; both the 14-column layout and the older 12-column one
// without cross-references and export ids are read).
//
// A competency with children becomes a group named by the framework's
// taxonomy for its depth; one without children an item. The scale is the
// framework's "Scale values" (lowest first), its configuration's default and
// proficient values noted in the scale's description; a competency with its
// own scale is defined at that scale's length, with the scale's names as its
// descriptors. Descriptions in HTML (format 1) or Moodle auto-format (0) are
// turned into plain text. Cross-referenced ID numbers become related items.
// Completion rules are Moodle's course logic and are not imported.

var moodleReader = Reader{Format: FormatMoodle, Detect: detectMoodle, Read: readMoodle}

// Column headings: the current ones, then older or lang-string-key forms.
var moodleCols = map[string][]string{
	"parent":      {"parent id number", "parentidnumber"},
	"id":          {"id number", "idnumber"},
	"shortname":   {"short name", "shortname"},
	"description": {"description"},
	"format":      {"description format", "descriptionformat"},
	"scale":       {"scale values", "scalevalues"},
	"scaleconfig": {"scale configuration", "scaleconfiguration"},
	"ruletype":    {"rule type (optional)", "rule type", "ruletype"},
	"related":     {"cross-referenced competency id numbers", "relatedidnumbers"},
	"framework":   {"is framework", "isframework"},
	"taxonomy":    {"taxonomy", "taxonomies"},
}

func detectMoodle(files []File) bool {
	if len(files) != 1 || isZip(files[0].Data) {
		return false
	}
	h := strings.ToLower(headerLine(files[0].Data))
	if strings.Contains(h, "parent id number") && strings.Contains(h, "id number") && strings.Contains(h, "is framework") {
		return true
	}
	// A Moodle in another language writes translated headings; the
	// columns are then known by their place.
	t, err := readTextCSV(files[0])
	if err != nil {
		return false
	}
	_, ok := moodlePositional(t)
	return ok
}

// moodleLayouts are the column orders of tool_lpimportcsv's default mapping:
// 14 columns since cross-references and export ids were added, 12 before.
var moodleLayouts = map[int]map[string]int{
	14: {"parent": 0, "id": 1, "shortname": 2, "description": 3, "format": 4, "scale": 5, "scaleconfig": 6, "ruletype": 7, "related": 10, "framework": 12, "taxonomy": 13},
	12: {"parent": 0, "id": 1, "shortname": 2, "description": 3, "format": 4, "scale": 5, "scaleconfig": 6, "ruletype": 7, "related": -1, "framework": 10, "taxonomy": 11},
}

// moodlePositional reads the columns by place when the file has Moodle's
// column count and, in the is-framework column, exactly one framework row
// with no parent and a scale, every other row saying 0 or nothing there.
func moodlePositional(t *textTable) (map[string]int, bool) {
	col, ok := moodleLayouts[len(t.header)]
	if !ok {
		return nil, false
	}
	frameworks := 0
	for _, row := range t.rows {
		v := strings.TrimSpace(at(row, col["framework"]))
		switch {
		case truthy(v):
			if strings.TrimSpace(at(row, col["parent"])) != "" || strings.TrimSpace(at(row, col["scale"])) == "" {
				return nil, false
			}
			frameworks++
		case v == "" || v == "0" || strings.EqualFold(v, "false"):
		default:
			return nil, false
		}
	}
	return col, frameworks == 1
}

type moodleRow struct {
	i       int
	parent  string
	id      string
	title   string
	desc    string
	scale   []string
	related []string
}

func readMoodle(files []File) (*model.Framework, []string, error) {
	if len(files) != 1 {
		return nil, nil, invalidf("a Moodle competency framework is one CSV file; %d files given", len(files))
	}
	t, err := readTextCSV(files[0])
	if err != nil {
		return nil, nil, err
	}
	col := map[string]int{}
	for k, names := range moodleCols {
		col[k] = t.index(names...)
	}
	var warn []string
	for _, k := range []string{"parent", "id", "shortname", "framework"} {
		if col[k] >= 0 {
			continue
		}
		pos, ok := moodlePositional(t)
		if !ok {
			return nil, nil, invalidf("%s line %d: not a Moodle competency framework CSV: the header lacks %q (it has %q)", t.file, t.hline, moodleCols[k][0], t.header)
		}
		col = pos
		warn = append(warn, fmt.Sprintf("%s line %d: the headings are not Moodle's English ones; the %d columns are read in Moodle's standard order", t.file, t.hline, len(t.header)))
		break
	}
	get := func(i int, k string) string { return at(t.rows[i], col[k]) }
	var fwRow = -1
	var rows []*moodleRow
	seen := map[string]int{}
	rules := 0
	for i := range t.rows {
		if truthy(get(i, "framework")) {
			if fwRow >= 0 {
				return nil, nil, invalidf("%s: a second framework row (the first is line %d); a file holds one framework", t.where(i), t.lines[fwRow])
			}
			fwRow = i
			continue
		}
		id := strings.TrimSpace(get(i, "id"))
		if id == "" {
			return nil, nil, invalidf("%s: a competency without an ID number", t.where(i))
		}
		if prev, dup := seen[id]; dup {
			return nil, nil, invalidf("%s: ID number %q is used twice (also line %d)", t.where(i), id, t.lines[prev])
		}
		seen[id] = i
		title := moodleTitle(get(i, "shortname"))
		if title == "" {
			return nil, nil, invalidf("%s: competency %q has no short name", t.where(i), id)
		}
		desc, err := moodleDescription(get(i, "description"), get(i, "format"))
		if err != nil {
			return nil, nil, invalidf("%s: %v", t.where(i), err)
		}
		r := &moodleRow{i: i, parent: strings.TrimSpace(get(i, "parent")), id: id, title: title, desc: desc, scale: scaleValues(get(i, "scale"))}
		for _, rel := range strings.Split(get(i, "related"), ",") {
			if rel = strings.TrimSpace(strings.ReplaceAll(rel, "%2C", ",")); rel != "" && !slices.Contains(r.related, rel) {
				r.related = append(r.related, rel)
			}
		}
		if strings.TrimSpace(get(i, "ruletype")) != "" {
			rules++
		}
		rows = append(rows, r)
	}
	if fwRow < 0 {
		return nil, nil, invalidf("%s: no framework row (a row with \"Is framework\" set to 1)", t.file)
	}
	if len(rows) == 0 {
		return nil, nil, invalidf("%s: the framework has no competencies", t.file)
	}
	if rules > 0 {
		warn = append(warn, fmt.Sprintf("%d competencies have Moodle completion rules; rules are course logic and are not imported", rules))
	}

	// The framework row: name, scale, taxonomy.
	name := moodleTitle(get(fwRow, "shortname"))
	fwID := strings.TrimSpace(get(fwRow, "id"))
	if name == "" {
		name = fwID
	}
	if name == "" {
		return nil, nil, invalidf("%s: the framework row has no short name or ID number", t.where(fwRow))
	}
	scale, err := moodleScale(scaleValues(get(fwRow, "scale")), get(fwRow, "scaleconfig"))
	if err != nil {
		return nil, nil, invalidf("%s: %v", t.where(fwRow), err)
	}
	taxonomy, err := moodleTaxonomy(get(fwRow, "taxonomy"))
	if err != nil {
		return nil, nil, invalidf("%s: %v", t.where(fwRow), err)
	}

	nodes := make([]*treeNode, len(rows))
	byID := map[string]*moodleRow{}
	for k, r := range rows {
		nodes[k] = &treeNode{key: r.id, parent: r.parent, title: r.title, description: r.desc, where: t.where(r.i)}
		byID[r.id] = r
	}
	top := 0
	for _, l := range scale.Levels {
		top = max(top, l.Value)
	}
	defaultLevels := func() []int {
		var out []int
		for _, l := range scale.Levels {
			out = append(out, l.Value)
		}
		return out
	}
	fill := func(n *treeNode, it *model.Item) {
		r := byID[n.key]
		if len(r.scale) == 0 || slices.Equal(r.scale, scaleNames(scale)) {
			it.Levels = defaultLevels()
			return
		}
		// The competency's own scale: defined at its length, its names as descriptors.
		for v, name := range r.scale {
			it.Levels = append(it.Levels, v+1)
			it.Descriptors = append(it.Descriptors, model.Descriptor{Level: v + 1, Text: name})
		}
		top = max(top, len(r.scale))
		warn = append(warn, fmt.Sprintf("%s: %q has its own scale (%s); its levels carry those names", n.where, r.id, strings.Join(r.scale, ", ")))
	}
	kind := func(depth int) string {
		if k, ok := taxonomy[depth+1]; ok {
			return k
		}
		return "competency"
	}
	out, err := buildTree(nodes, kind, newIDMaker("competency"), newIDMaker("group"), fill)
	if err != nil {
		return nil, nil, err
	}
	warn = append(warn, out.warn...)
	for v := len(scale.Levels) + 1; v <= top; v++ {
		scale.Levels = append(scale.Levels, model.Level{Value: v, Name: fmt.Sprintf("Level %d", v)})
	}
	// Cross-references, to items only (a group is not rated).
	keyOf := make(map[string]string, len(out.itemOf))
	for k, v := range out.itemOf {
		keyOf[v] = k
	}
	for k := range out.items {
		it := &out.items[k]
		src := byID[keyOf[it.ID]]
		for _, rel := range src.related {
			target, ok := out.itemOf[rel]
			switch {
			case rel == src.id:
			case ok && target != it.ID && !slices.Contains(it.Related, target):
				it.Related = append(it.Related, target)
			case !ok && byID[rel] != nil:
				warn = append(warn, fmt.Sprintf("%s: cross-reference to %q, which has competencies under it and so is a group, is left out", t.where(src.i), rel))
			case !ok:
				warn = append(warn, fmt.Sprintf("%s: cross-reference to %q, which is not in the file, is left out", t.where(src.i), rel))
			}
		}
	}
	// Moodle's related competencies are one link between two: a file may
	// list it on one side only, and both show it.
	index := make(map[string]int, len(out.items))
	for k, it := range out.items {
		index[it.ID] = k
	}
	for k := range out.items {
		for _, rel := range out.items[k].Related {
			other := &out.items[index[rel]]
			if !slices.Contains(other.Related, out.items[k].ID) {
				other.Related = append(other.Related, out.items[k].ID)
			}
		}
	}
	f := &model.Framework{
		Ref:        proposedRef(name, "moodle", "", files),
		Name:       name,
		GroupKinds: out.kinds,
		Scale:      scale,
		Groups:     out.groups,
		Items:      out.items,
	}
	if fwID != "" && fwID != name {
		f.ShortName = fwID
	}
	return f, warn, nil
}

func truthy(s string) bool {
	switch strings.ToLower(strings.TrimSpace(s)) {
	case "1", "true", "yes", "y":
		return true
	}
	return false
}

// moodleTitle cleans a short name: Moodle keeps it as text, but a file may
// carry entities or tags.
func moodleTitle(s string) string {
	if strings.ContainsAny(s, "<&") {
		return strings.Join(strings.Fields(htmlText(s)), " ")
	}
	return strings.TrimSpace(s)
}

// moodleDescription turns a description into plain text by its format:
// 0 Moodle auto-format (line breaks kept, HTML allowed), 1 HTML, 2 plain
// text, 4 Markdown (kept as written).
func moodleDescription(s, format string) (string, error) {
	switch strings.TrimSpace(format) {
	case "", "1":
		return htmlText(s), nil
	case "0":
		return htmlText(strings.ReplaceAll(strings.ReplaceAll(s, "\r\n", "\n"), "\n", "<br>")), nil
	case "2", "4":
		return CleanText(s), nil
	}
	return "", fmt.Errorf("description format %q is not one of Moodle's (0 auto, 1 HTML, 2 plain, 4 Markdown)", format)
}

// scaleValues splits Moodle's compact scale: values separated by commas.
func scaleValues(s string) []string {
	var out []string
	for _, v := range strings.Split(s, ",") {
		if v = strings.TrimSpace(v); v != "" {
			out = append(out, v)
		}
	}
	return out
}

func scaleNames(s model.Scale) []string {
	var out []string
	for _, l := range s.Levels {
		out = append(out, l.Name)
	}
	return out
}

// moodleScale makes the scale from the framework's values (lowest first,
// numbered from 1) and notes the configuration's default and proficient
// values: [{"scaleid":"1"},{"id":2,"scaledefault":1,"proficient":1},...].
func moodleScale(values []string, config string) (model.Scale, error) {
	if len(values) == 0 {
		return model.Scale{}, fmt.Errorf("the framework row has no scale values")
	}
	s := model.Scale{Name: "Moodle competency scale"}
	for i, v := range values {
		s.Levels = append(s.Levels, model.Level{Value: i + 1, Name: v})
	}
	var notes []string
	if c := strings.TrimSpace(config); c != "" {
		var entries []map[string]any
		if err := json.Unmarshal([]byte(c), &entries); err != nil {
			return s, fmt.Errorf("scale configuration is not Moodle's JSON list: %v", err)
		}
		var def string
		var proficient []string
		for _, e := range entries {
			id, ok := jsonInt(e["id"])
			if !ok {
				continue // the {"scaleid": ...} entry
			}
			if id < 1 || id > len(values) {
				return s, fmt.Errorf("scale configuration names value %d, but the scale has %d values", id, len(values))
			}
			if n, _ := jsonInt(e["scaledefault"]); n == 1 {
				def = values[id-1]
			}
			if n, _ := jsonInt(e["proficient"]); n == 1 {
				proficient = append(proficient, values[id-1])
			}
		}
		if def != "" {
			notes = append(notes, "default: "+def)
		}
		if len(proficient) > 0 {
			notes = append(notes, "proficient: "+strings.Join(proficient, ", "))
		}
	}
	s.Description = "The framework's Moodle scale, lowest value first."
	if len(notes) > 0 {
		s.Description += " In Moodle, " + strings.Join(notes, "; ") + "."
	}
	return s, nil
}

func jsonInt(v any) (int, bool) {
	switch x := v.(type) {
	case float64:
		return int(x), x == float64(int(x))
	case string:
		n, err := strconv.Atoi(strings.TrimSpace(x))
		return n, err == nil
	}
	return 0, false
}

// moodleTaxonomy reads the framework's taxonomy per depth: Moodle's exporter
// writes a comma list ("domain,competency,behaviour"); older files a JSON
// object {"1": "domain", ...}.
func moodleTaxonomy(s string) (map[int]string, error) {
	out := map[int]string{}
	s = strings.TrimSpace(s)
	if s == "" {
		return out, nil
	}
	if strings.HasPrefix(s, "{") {
		var m map[string]string
		if err := json.Unmarshal([]byte(s), &m); err != nil {
			return nil, fmt.Errorf("taxonomy is neither a comma list nor a JSON object: %v", err)
		}
		for k, v := range m {
			n, err := strconv.Atoi(k)
			if err != nil || n < 1 {
				return nil, fmt.Errorf("taxonomy key %q is not a depth (1, 2, ...)", k)
			}
			out[n] = strings.TrimSpace(v)
		}
		return out, nil
	}
	for i, v := range strings.Split(s, ",") {
		out[i+1] = strings.TrimSpace(v)
	}
	return out, nil
}
