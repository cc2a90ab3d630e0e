package frameworkfile

import (
	"bytes"
	"cmp"
	"encoding/json"
	"fmt"
	"strings"

	"gapwise/internal/model"
)

// Mahara SmartEvidence matrix (.matrix): a JSON object {"framework": {...}}
// with the framework's name and description, its standards and their
// standard elements. Current files list the elements apart
// ("standardelements", each naming its "standardid", and nesting to any
// depth by "parentelementid" naming another element's "elementid" in the
// same standard); older files nest them in each standard
// ("standardelement", no ids). Descriptions are HTML.
//
// Standards, and elements that have elements under them, become groups;
// the other elements become items. Mahara's evidence statuses (ready for
// assessment, doesn't meet, partially meets, meets) are the state of a
// piece of evidence in an assessor's workflow, not levels of a person's
// ability, and a matrix defines no levels: so the framework is rated on one
// level, "Meets", with 0 ("none yet") meaning not yet met. The statuses are
// kept in the scale's description.

var maharaReader = Reader{Format: FormatMahara, Detect: detectMahara, Read: readMahara}

func detectMahara(files []File) bool {
	if len(files) != 1 {
		return false
	}
	data := bytes.TrimLeft(bytes.TrimPrefix(files[0].Data, []byte("\ufeff")), " \t\r\n")
	if len(data) == 0 || data[0] != '{' {
		return false
	}
	var probe struct {
		Framework *struct {
			Standards json.RawMessage `json:"standards"`
		} `json:"framework"`
	}
	return json.Unmarshal(data, &probe) == nil && probe.Framework != nil && probe.Framework.Standards != nil
}

// flexID is an id Mahara files write as a string or a number.
type flexID string

func (f *flexID) UnmarshalJSON(b []byte) error {
	b = bytes.TrimSpace(b)
	switch {
	case bytes.Equal(b, []byte("null")), bytes.Equal(b, []byte("false")), bytes.Equal(b, []byte("true")):
		*f = ""
	case len(b) > 0 && b[0] == '"':
		var s string
		if err := json.Unmarshal(b, &s); err != nil {
			return err
		}
		*f = flexID(strings.TrimSpace(s))
	default:
		var n json.Number
		if err := json.Unmarshal(b, &n); err != nil {
			return fmt.Errorf("an id must be text or a number, not %s", b)
		}
		*f = flexID(n.String())
	}
	return nil
}

type maharaElement struct {
	Shortname       string          `json:"shortname"`
	Name            string          `json:"name"`
	Description     string          `json:"description"`
	StandardID      flexID          `json:"standardid"`
	ElementID       flexID          `json:"elementid"`
	ParentElementID flexID          `json:"parentelementid"`
	Priority        json.RawMessage `json:"priority"`
	Parent          json.RawMessage `json:"parent"`
}

type maharaStandard struct {
	Shortname   string            `json:"shortname"`
	Name        string            `json:"name"`
	Description string            `json:"description"`
	StandardID  flexID            `json:"standardid"`
	Priority    json.RawMessage   `json:"priority"`
	Elements    []json.RawMessage `json:"standardelement"`
}

// rawAt finds where each raw array entry sits in the file, for messages
// ("file line N"): entries appear in order, so each is searched from the
// end of the one before.
type rawAt struct {
	data []byte
	from int
	name string
}

func (r *rawAt) where(raw json.RawMessage, what string) string {
	i := bytes.Index(r.data[r.from:], raw)
	if i < 0 {
		return fmt.Sprintf("%s, %s", r.name, what)
	}
	off := r.from + i
	r.from = off + len(raw)
	return fmt.Sprintf("%s line %d (%s)", r.name, bytes.Count(r.data[:off], []byte("\n"))+1, what)
}

func readMahara(files []File) (*model.Framework, []string, error) {
	if len(files) != 1 {
		return nil, nil, invalidf("a Mahara matrix is one .matrix file; %d files given", len(files))
	}
	name := baseName(files[0])
	data := bytes.TrimPrefix(files[0].Data, []byte("\ufeff"))
	if len(bytes.TrimSpace(data)) == 0 {
		return nil, nil, invalidf("%s is empty", name)
	}
	var doc struct {
		Framework *struct {
			Name             string              `json:"name"`
			Description      string              `json:"description"`
			EvidenceStatuses []map[string]string `json:"evidencestatuses"`
			Standards        []json.RawMessage   `json:"standards"`
			StandardElements []json.RawMessage   `json:"standardelements"`
		} `json:"framework"`
	}
	dec := json.NewDecoder(bytes.NewReader(data))
	if err := dec.Decode(&doc); err != nil {
		return nil, nil, jsonError(name, data, err)
	}
	if dec.More() {
		return nil, nil, invalidf("%s: more data after the matrix's JSON object", name)
	}
	fw := doc.Framework
	if fw == nil {
		return nil, nil, invalidf("%s: not a Mahara matrix: no \"framework\" object", name)
	}
	title := strings.Join(strings.Fields(htmlText(fw.Name)), " ")
	if title == "" {
		return nil, nil, invalidf("%s: the framework has no name", name)
	}
	if len(fw.Standards) == 0 {
		return nil, nil, invalidf("%s: the framework has no standards", name)
	}
	var warn []string
	at := &rawAt{data: data, name: name}
	var nodes []*treeNode
	stdKey := map[string]string{} // standardid -> node key
	hasElements := map[string]bool{}
	var stdNodes []*treeNode
	var oldStyle []struct {
		key   string
		elems []json.RawMessage
	}
	for i, raw := range fw.Standards {
		var s maharaStandard
		where := at.where(raw, fmt.Sprintf("standard %d", i+1))
		if err := json.Unmarshal(raw, &s); err != nil {
			return nil, nil, invalidf("%s: %v", where, strings.TrimPrefix(err.Error(), "json: "))
		}
		t := maharaTitle(s.Name, s.Shortname)
		if t == "" {
			return nil, nil, invalidf("%s: a standard with no name or short name", where)
		}
		key := fmt.Sprintf("standard %d", i+1)
		if s.StandardID != "" {
			if _, dup := stdKey[string(s.StandardID)]; dup {
				return nil, nil, invalidf("%s: standardid %s is used twice", where, s.StandardID)
			}
			stdKey[string(s.StandardID)] = key
		}
		n := &treeNode{key: key, id: "standard-" + cmp.Or(string(s.StandardID), fmt.Sprint(i+1)), title: t, description: htmlText(s.Description), where: where}
		stdNodes = append(stdNodes, n)
		if len(s.Elements) > 0 {
			oldStyle = append(oldStyle, struct {
				key   string
				elems []json.RawMessage
			}{key, s.Elements})
		}
	}
	// Elements, current style: apart, each naming its standard and parent.
	elemKey := map[string]string{} // standardid/elementid -> node key
	type pending struct {
		n   *treeNode
		std string
		par flexID
	}
	var elems []pending
	at.from = 0
	for i, raw := range fw.StandardElements {
		var e maharaElement
		where := at.where(raw, fmt.Sprintf("standard element %d", i+1))
		if err := json.Unmarshal(raw, &e); err != nil {
			return nil, nil, invalidf("%s: %v", where, strings.TrimPrefix(err.Error(), "json: "))
		}
		std, ok := stdKey[string(e.StandardID)]
		if !ok {
			return nil, nil, invalidf("%s: standardid %q is not one of the standards' ids", where, e.StandardID)
		}
		t := maharaTitle(e.Name, e.Shortname)
		if t == "" {
			return nil, nil, invalidf("%s: an element with no name or short name", where)
		}
		key := fmt.Sprintf("element %d", i+1)
		id := cmp.Or(string(e.ElementID), e.Shortname)
		if e.ElementID != "" {
			k := string(e.StandardID) + "/" + string(e.ElementID)
			if _, dup := elemKey[k]; dup {
				return nil, nil, invalidf("%s: elementid %q is used twice in standard %s", where, e.ElementID, e.StandardID)
			}
			elemKey[k] = key
		}
		n := &treeNode{key: key, id: id, title: t, description: htmlText(e.Description), where: where}
		elems = append(elems, pending{n, string(e.StandardID), e.ParentElementID})
		hasElements[std] = true
	}
	for _, p := range elems {
		if p.par == "" {
			p.n.parent = stdKey[p.std]
		} else {
			k, ok := elemKey[p.std+"/"+string(p.par)]
			if !ok {
				return nil, nil, invalidf("%s: parentelementid %q is not the elementid of an element of standard %s", p.n.where, p.par, p.std)
			}
			p.n.parent = k
		}
		nodes = append(nodes, p.n)
	}
	// Elements, older style: inside their standard, no hierarchy.
	at.from = 0
	for _, o := range oldStyle {
		for j, raw := range o.elems {
			var e maharaElement
			where := at.where(raw, fmt.Sprintf("%s, element %d", o.key, j+1))
			if err := json.Unmarshal(raw, &e); err != nil {
				return nil, nil, invalidf("%s: %v", where, strings.TrimPrefix(err.Error(), "json: "))
			}
			t := maharaTitle(e.Name, e.Shortname)
			if t == "" {
				return nil, nil, invalidf("%s: an element with no name or short name", where)
			}
			nodes = append(nodes, &treeNode{key: fmt.Sprintf("%s element %d", o.key, j+1), id: cmp.Or(string(e.ElementID), e.Shortname),
				parent: o.key, title: t, description: htmlText(e.Description), where: where})
			hasElements[o.key] = true
		}
	}
	var all []*treeNode
	for _, s := range stdNodes {
		if !hasElements[s.key] {
			warn = append(warn, fmt.Sprintf("%s: standard %q has no elements and is left out", s.where, s.title))
			continue
		}
		all = append(all, s)
	}
	if len(nodes) == 0 {
		return nil, nil, invalidf("%s: the framework's standards have no elements", name)
	}
	kind := func(depth int) string {
		switch depth {
		case 0:
			return "standard"
		case 1:
			return "element"
		case 2:
			return "sub-element"
		}
		return fmt.Sprintf("element level %d", depth)
	}
	out, err := buildTree(append(all, nodes...), kind, newIDMaker("element"), newIDMaker("standard"), func(_ *treeNode, it *model.Item) {
		it.Levels = []int{1}
	})
	if err != nil {
		return nil, nil, err
	}
	warn = append(warn, out.warn...)
	f := &model.Framework{
		Ref:        proposedRef(title, "mahara", "", files),
		Name:       title,
		GroupKinds: out.kinds,
		Scale:      maharaScale(fw.EvidenceStatuses),
		Groups:     out.groups,
		Items:      out.items,
	}
	return f, warn, nil
}

// maharaTitle is an element's full name, else its short name, as one line.
func maharaTitle(name, short string) string {
	if t := strings.Join(strings.Fields(htmlText(name)), " "); t != "" {
		return t
	}
	return strings.Join(strings.Fields(htmlText(short)), " ")
}

// maharaScale is the one-level scale, its description naming the matrix's
// evidence statuses (or Mahara's defaults) as what they are.
func maharaScale(statuses []map[string]string) model.Scale {
	names := map[string]string{"begun": "Ready for assessment", "incomplete": "Doesn't match", "partialcomplete": "Partially complete", "completed": "Completed"}
	for _, m := range statuses {
		for k, v := range m {
			switch k {
			case "0":
				k = "begun"
			case "1":
				k = "incomplete"
			case "2":
				k = "partialcomplete"
			case "3":
				k = "completed"
			}
			if v = strings.TrimSpace(v); v != "" {
				names[k] = v
			}
		}
	}
	var list []string
	for _, k := range []string{"begun", "incomplete", "partialcomplete", "completed"} {
		list = append(list, names[k])
	}
	return model.Scale{
		Name: "Meets the standard",
		Description: "A Mahara SmartEvidence matrix defines no levels: it records evidence against each standard element, " +
			"and an assessor's status for each piece of evidence (" + strings.Join(list, "; ") + "). Those statuses " +
			"describe evidence in a workflow, not a person's level, so they are not levels here. Each element is rated " +
			"Meets (1) or, by leaving it at none yet (0), not yet met.",
		Levels: []model.Level{{Value: 1, Name: "Meets", Description: "Meets the standard element."}},
	}
}
