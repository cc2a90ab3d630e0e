package ui

import (
	"fmt"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/widget"

	"gapwise/internal/model"
)

// roleView browses role families, roles and role levels with the skills
// each level needs.
type roleView struct {
	fw     *model.Framework
	rows   []roleRow
	list   *widget.List
	detail *widget.RichText
	split  *container.Split
	find   *rolePicker // jumps to a role level by typing its words
	root   fyne.CanvasObject
}

type roleRow struct {
	heading bool
	depth   int
	text    string
	role    *model.Role
	level   *model.RoleLevel
}

func newRoleView(win fyne.Window) *roleView {
	v := &roleView{}
	v.find = newRolePicker(win, nil)
	v.find.PlaceHolder = "Find a role level (type to search)…"
	v.find.OnChanged = func(l *model.RoleLevel) { v.reveal(l.ID) }
	v.list = widget.NewList(
		func() int { return len(v.rows) },
		func() fyne.CanvasObject { return widget.NewLabel("template role level title") },
		func(id widget.ListItemID, o fyne.CanvasObject) {
			l := o.(*widget.Label)
			r := v.rows[id]
			l.TextStyle = fyne.TextStyle{Bold: r.heading}
			l.Truncation = fyne.TextTruncateEllipsis
			l.SetText(strings.Repeat("    ", r.depth) + r.text)
		},
	)
	v.list.OnSelected = func(id widget.ListItemID) {
		if id < 0 || id >= len(v.rows) || v.rows[id].role == nil {
			v.list.Unselect(id)
			return
		}
		v.detail.Segments = roleSegments(v.fw, v.rows[id].role, v.rows[id].level)
		v.detail.Refresh()
	}
	v.detail = widget.NewRichText()
	v.detail.Wrapping = fyne.TextWrapWord
	v.split = container.NewHSplit(v.list, container.NewVScroll(container.NewPadded(v.detail)))
	v.split.Offset = 0.38
	v.root = container.NewBorder(v.find, nil, nil, nil, v.split)
	return v
}

func (v *roleView) content() fyne.CanvasObject { return v.root }

// reveal selects a role level in the list and scrolls to it.
func (v *roleView) reveal(id string) {
	for i, r := range v.rows {
		if r.level != nil && r.level.ID == id {
			v.list.Select(i)
			v.list.ScrollTo(i)
			return
		}
	}
}

func (v *roleView) show(f *model.Framework) {
	v.fw = f
	v.find.SetFramework(f)
	v.rows = v.rows[:0]
	family := "\x00"
	for i := range f.Roles {
		r := &f.Roles[i]
		if r.Family != family {
			family = r.Family
			v.rows = append(v.rows, roleRow{heading: true, text: family})
		}
		if len(r.Levels) == 0 {
			v.rows = append(v.rows, roleRow{depth: 1, text: r.Title + " (no levels)", role: r})
			continue
		}
		v.rows = append(v.rows, roleRow{heading: true, depth: 1, text: r.Title})
		for j := range r.Levels {
			v.rows = append(v.rows, roleRow{depth: 2, text: r.Levels[j].Title, role: r, level: &r.Levels[j]})
		}
	}
	v.list.UnselectAll()
	v.list.Refresh()
	if len(f.Roles) == 0 {
		v.detail.Segments = []widget.RichTextSegment{para("This framework has no role profiles.")}
	} else {
		v.detail.Segments = []widget.RichTextSegment{para("Choose a role level to see the skills it needs.")}
	}
	v.detail.Refresh()
}

// roleSegments describes a role level (or a role with no levels) and the
// skill levels it requires.
func roleSegments(f *model.Framework, r *model.Role, l *model.RoleLevel) []widget.RichTextSegment {
	title, desc, reqs := r.Title, r.Description, r.Requirements
	if l != nil {
		title, desc, reqs = l.Title, l.Description, l.Requirements
	}
	segs := []widget.RichTextSegment{heading(title), emphasis(r.Family + " › " + r.Title)}
	if r.Type != "" {
		segs = append(segs, emphasis(r.Type))
	}
	segs = append(segs, para(desc), subheading(fmt.Sprintf("Skills needed (%d)", len(reqs))))
	for _, q := range reqs {
		name := q.Item
		if it, ok := f.Item(q.Item); ok {
			name = it.Title
		}
		lvl := "level not stated"
		if q.Level > 0 {
			lvl = f.Scale.LevelName(q.Level)
		}
		segs = append(segs, para(fmt.Sprintf("%s — %s", name, lvl)))
	}
	return segs
}
