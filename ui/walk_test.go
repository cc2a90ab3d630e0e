package ui

import (
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"
)

// walk visits o and every object under it: a container's objects, a
// widget's renderer objects (which include what it draws, hidden or not),
// the contents of every tab of an AppTabs, and a List or Table's cells for
// every row, not only those scrolled into view.
func walk(o fyne.CanvasObject, visit func(fyne.CanvasObject)) {
	seen := map[fyne.CanvasObject]bool{}
	var rec func(fyne.CanvasObject)
	rec = func(o fyne.CanvasObject) {
		if o == nil || seen[o] {
			return
		}
		seen[o] = true
		visit(o)
		switch x := o.(type) {
		case *fyne.Container:
			for _, c := range x.Objects {
				rec(c)
			}
		case *container.AppTabs:
			for _, it := range x.Items {
				rec(it.Content)
			}
		case *container.DocTabs:
			for _, it := range x.Items {
				rec(it.Content)
			}
		case *widget.List:
			if x.Length != nil && x.CreateItem != nil && x.UpdateItem != nil {
				for i := 0; i < x.Length(); i++ {
					cell := x.CreateItem()
					x.UpdateItem(i, cell)
					rec(cell)
				}
			}
		case *widget.Table:
			if x.Length != nil && x.CreateCell != nil && x.UpdateCell != nil {
				rows, cols := x.Length()
				for r := 0; r < rows; r++ {
					for c := 0; c < cols; c++ {
						cell := x.CreateCell()
						x.UpdateCell(widget.TableCellID{Row: r, Col: c}, cell)
						rec(cell)
					}
				}
				if x.CreateHeader != nil && x.UpdateHeader != nil {
					for r := 0; r < rows; r++ {
						h := x.CreateHeader()
						x.UpdateHeader(widget.TableCellID{Row: r, Col: -1}, h)
						rec(h)
					}
					for c := 0; c < cols; c++ {
						h := x.CreateHeader()
						x.UpdateHeader(widget.TableCellID{Row: -1, Col: c}, h)
						rec(h)
					}
				}
			}
		}
		if w, ok := o.(fyne.Widget); ok {
			for _, c := range test.WidgetRenderer(w).Objects() {
				rec(c)
			}
		}
	}
	rec(o)
}

// textsOf is every piece of text an object holds or draws: label, entry
// and placeholder text, rich text segments, every option of a select or
// radio or check group, hyperlinks, buttons, form item labels and hints.
func textsOf(o fyne.CanvasObject) []string {
	var out []string
	add := func(s ...string) {
		for _, x := range s {
			if strings.TrimSpace(x) != "" {
				out = append(out, x)
			}
		}
	}
	walk(o, func(o fyne.CanvasObject) {
		switch x := o.(type) {
		case *canvas.Text:
			add(x.Text)
		case *widget.Label:
			add(x.Text)
		case *widget.Entry:
			add(x.Text, x.PlaceHolder)
		case *widget.Select:
			add(x.Selected, x.PlaceHolder)
			add(x.Options...)
		case *widget.SelectEntry:
			add(x.Text)
		case *widget.RadioGroup:
			add(x.Options...)
		case *widget.CheckGroup:
			add(x.Options...)
		case *widget.Check:
			add(x.Text)
		case *widget.Button:
			add(x.Text)
		case *widget.Hyperlink:
			add(x.Text)
		case *widget.RichText:
			for _, s := range x.Segments {
				add(s.Textual())
			}
		case *widget.Form:
			for _, it := range x.Items {
				add(it.Text, it.HintText)
			}
		case *widget.Card:
			add(x.Title, x.Subtitle)
		case *widget.Accordion:
			for _, it := range x.Items {
				add(it.Title)
				for _, s := range textsOf(it.Detail) {
					add(s)
				}
			}
		case *widget.TextGrid:
			add(x.Text())
		}
	})
	return out
}

// windowTexts is every text in a window: its content and every overlay
// (dialogs, pop-ups), with the window title.
func windowTexts(w fyne.Window) []string {
	out := []string{w.Title()}
	out = append(out, textsOf(w.Content())...)
	for _, o := range w.Canvas().Overlays().List() {
		out = append(out, textsOf(o)...)
	}
	return out
}

// findSelect is the first Select under o whose options include option.
func findSelect(o fyne.CanvasObject, option string) *widget.Select {
	var found *widget.Select
	walk(o, func(o fyne.CanvasObject) {
		if s, ok := o.(*widget.Select); ok && found == nil {
			for _, x := range s.Options {
				if x == option {
					found = s
				}
			}
		}
	})
	return found
}
