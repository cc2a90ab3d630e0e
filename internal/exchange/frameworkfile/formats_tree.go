package frameworkfile

import (
	"cmp"
	"fmt"
	"strings"

	"gapwise/internal/model"
)

// Tree building. Moodle and Mahara nest competencies to any depth; Gapwise
// rates items and groups them. A node with children becomes a group, a node
// without children an item in its parent's group; a top-level node with no
// children (a competency on its own) becomes a group holding just itself as
// an item, because every item of a pack with groups belongs to one.

type treeNode struct {
	key         string // the source's id, unique in the file
	id          string // the id to make the pack id from, when not key
	parent      string // the parent's key, "" at the top
	title       string
	description string
	where       string // "file line N" or "element 3", for errors
	children    []*treeNode
}

// treeOut is what buildTree makes.
type treeOut struct {
	kinds  []string
	groups []model.Group
	items  []model.Item
	itemOf map[string]string // node key -> item id, for cross-references
	warn   []string
}

// buildTree checks the hierarchy (unknown parents, cycles) and lays it out
// depth first in source order. kind names the groups at a depth (0 is the
// top); names are made unique per depth. itemFill lets a reader add to each
// item (levels, descriptors).
func buildTree(nodes []*treeNode, kind func(depth int) string, itemIDs, groupIDs *idMaker, itemFill func(n *treeNode, it *model.Item)) (*treeOut, error) {
	byKey := make(map[string]*treeNode, len(nodes))
	for _, n := range nodes {
		byKey[n.key] = n
	}
	var roots []*treeNode
	for _, n := range nodes {
		if n.parent == "" {
			roots = append(roots, n)
			continue
		}
		p, ok := byKey[n.parent]
		if !ok {
			return nil, invalidf("%s: parent %q of %q is not in the file", n.where, n.parent, n.key)
		}
		p.children = append(p.children, n)
	}
	// Every node must reach a root; a node that does not sits on a cycle.
	reached := make(map[*treeNode]bool, len(nodes))
	var mark func(n *treeNode)
	mark = func(n *treeNode) {
		reached[n] = true
		for _, c := range n.children {
			mark(c)
		}
	}
	for _, r := range roots {
		mark(r)
	}
	for _, n := range nodes {
		if !reached[n] {
			return nil, invalidf("%s: %q is in a cycle of parents (%s)", n.where, n.key, cyclePath(n, byKey))
		}
	}
	if len(roots) == 0 {
		return nil, invalidf("no competencies in the file")
	}

	out := &treeOut{itemOf: map[string]string{}}
	kindAt := map[int]string{}
	usedKind := map[string]bool{}
	kindFor := func(depth int) string {
		if k, ok := kindAt[depth]; ok {
			return k
		}
		k := strings.TrimSpace(kind(depth))
		if k == "" {
			k = fmt.Sprintf("level %d", depth+1)
		}
		if usedKind[k] {
			k = fmt.Sprintf("%s (level %d)", k, depth+1)
		}
		usedKind[k] = true
		kindAt[depth] = k
		out.kinds = append(out.kinds, k)
		return k
	}
	addItem := func(n *treeNode, group string) {
		raw := cmp.Or(n.id, n.key)
		id, changed := itemIDs.make(raw)
		if changed {
			out.warn = append(out.warn, fmt.Sprintf("%s: id %q is stored as %q (pack ids are letters, digits, '.', '_' and '-')", n.where, raw, id))
		}
		it := model.Item{ID: id, Title: n.title, Group: group, Description: n.description}
		if itemFill != nil {
			itemFill(n, &it)
		}
		out.itemOf[n.key] = id
		out.items = append(out.items, it)
	}
	var walk func(n *treeNode, depth int, parentGroup string)
	walk = func(n *treeNode, depth int, parentGroup string) {
		if len(n.children) == 0 && depth > 0 {
			addItem(n, parentGroup)
			return
		}
		gid, _ := groupIDs.make(cmp.Or(n.id, n.key))
		g := model.Group{ID: gid, Title: n.title, Kind: kindFor(depth), Parent: parentGroup, Description: n.description}
		out.groups = append(out.groups, g)
		if len(n.children) == 0 {
			out.warn = append(out.warn, fmt.Sprintf("%s: %q has nothing under it, so it is a group holding itself as its one item", n.where, n.key))
			addItem(n, gid)
			return
		}
		for _, c := range n.children {
			walk(c, depth+1, gid)
		}
	}
	// Kinds must be listed outermost first; visit depths in order by
	// reserving them as the walk meets them (a parent always comes first).
	for _, r := range roots {
		walk(r, 0, "")
	}
	return out, nil
}

func cyclePath(n *treeNode, byKey map[string]*treeNode) string {
	var path []string
	seen := map[*treeNode]bool{}
	for cur := n; cur != nil && !seen[cur]; cur = byKey[cur.parent] {
		seen[cur] = true
		path = append(path, cur.key)
	}
	if len(path) > 0 {
		path = append(path, path[0])
	}
	return strings.Join(path, " -> ")
}
