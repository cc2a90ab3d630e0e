package ui

import (
	"fmt"
	"strings"
	"unicode"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"gapwise/internal/model"
)

// rolePicker chooses one of a framework's role levels (DDaT has about 200)
// by typing words: a button shows the choice, and pressing it opens a
// search box over the list ("data eng" finds every data engineer level).
// Arrows move through the matches, Enter chooses, Escape cancels; pasted
// text searches too. Levels are in pack order, as the framework lists them,
// so SelectedIndex matches a caller's own walk of f.Roles[].Levels[].
type rolePicker struct {
	widget.DisableableWidget
	win      fyne.Window
	levels   []*model.RoleLevel
	roles    []*model.Role // the role of each level
	labels   []string      // "Data › Senior data engineer"
	words    [][]string    // what a search matches, in lower case
	selected int           // index into levels; -1 for none

	// PlaceHolder is shown on the button when nothing is chosen.
	PlaceHolder string
	// OnChanged is called when the user chooses a level (not on ClearSelected).
	OnChanged func(*model.RoleLevel)

	button *widget.Button

	// The open search: nil popup when closed.
	popup   *widget.PopUp
	entry   *pickerEntry
	list    *widget.List
	count   *widget.Label
	matches []int // indexes into levels, best first
	hi      int   // the highlighted match (the list's selection); -1 for none
}

func newRolePicker(win fyne.Window, f *model.Framework) *rolePicker {
	p := &rolePicker{win: win, selected: -1, PlaceHolder: "Choose a role level (type to search)…"}
	p.button = widget.NewButtonWithIcon("", theme.SearchIcon(), p.open)
	p.button.Alignment = widget.ButtonAlignLeading
	p.ExtendBaseWidget(p)
	p.SetFramework(f)
	return p
}

func (p *rolePicker) CreateRenderer() fyne.WidgetRenderer { return widget.NewSimpleRenderer(p.button) }

// SetFramework offers f's role levels (none for a framework without them)
// and clears the choice.
func (p *rolePicker) SetFramework(f *model.Framework) {
	p.levels, p.roles, p.labels, p.words = nil, nil, nil, nil
	if f != nil {
		for i := range f.Roles {
			r := &f.Roles[i]
			for j := range r.Levels {
				l := &r.Levels[j]
				p.levels = append(p.levels, l)
				p.roles = append(p.roles, r)
				p.labels = append(p.labels, r.Family+" › "+l.Title)
				p.words = append(p.words, searchWords(r.Family+" "+r.Title+" "+l.Title+" "+l.ID))
			}
		}
	}
	p.ClearSelected()
}

// searchWords splits text into lower-case words at anything not a letter or digit.
func searchWords(s string) []string {
	return strings.FieldsFunc(strings.ToLower(s), func(r rune) bool { return !unicode.IsLetter(r) && !unicode.IsDigit(r) })
}

// Len is how many role levels there are to choose from.
func (p *rolePicker) Len() int { return len(p.levels) }

// SelectedIndex is the chosen level's index in pack order, -1 for none.
func (p *rolePicker) SelectedIndex() int { return p.selected }

// Selected is the chosen level, nil for none.
func (p *rolePicker) Selected() *model.RoleLevel {
	if p.selected < 0 {
		return nil
	}
	return p.levels[p.selected]
}

// SetSelectedID chooses a level by id, as if the user had; false if there is none.
func (p *rolePicker) SetSelectedID(id string) bool {
	for i, l := range p.levels {
		if l.ID == id {
			p.choose(i)
			return true
		}
	}
	return false
}

// SetSelectedIndex chooses the i-th level in pack order, as if the user had.
func (p *rolePicker) SetSelectedIndex(i int) {
	if i >= 0 && i < len(p.levels) {
		p.choose(i)
	}
}

// ClearSelected leaves nothing chosen, without calling OnChanged.
func (p *rolePicker) ClearSelected() {
	p.selected = -1
	p.refreshButton()
}

func (p *rolePicker) Disable() { p.DisableableWidget.Disable(); p.button.Disable() }
func (p *rolePicker) Enable()  { p.DisableableWidget.Enable(); p.button.Enable() }

func (p *rolePicker) refreshButton() {
	switch {
	case p.selected >= 0:
		p.button.SetText(p.labels[p.selected])
	case len(p.levels) == 0:
		p.button.SetText("(this framework has no role levels)")
	default:
		p.button.SetText(p.PlaceHolder)
	}
	if len(p.levels) == 0 {
		p.button.Disable()
	} else if !p.Disabled() {
		p.button.Enable()
	}
}

// choose makes levels[i] the choice and tells OnChanged.
func (p *rolePicker) choose(i int) {
	p.selected = i
	p.refreshButton()
	if p.OnChanged != nil {
		p.OnChanged(p.levels[i])
	}
}

// filter finds the levels every typed word starts a word of (family, role,
// level title or id): levels whose title has them all come first, then the
// rest, each in pack order.
func (p *rolePicker) filter(query string) []int {
	q := searchWords(query)
	var inTitle, elsewhere []int
	has := func(words []string, w string) bool {
		for _, x := range words {
			if strings.HasPrefix(x, w) {
				return true
			}
		}
		return false
	}
	for i, words := range p.words {
		all := true
		for _, w := range q {
			if !has(words, w) {
				all = false
				break
			}
		}
		if !all {
			continue
		}
		title := searchWords(p.levels[i].Title)
		titled := true
		for _, w := range q {
			if !has(title, w) {
				titled = false
				break
			}
		}
		if titled {
			inTitle = append(inTitle, i)
		} else {
			elsewhere = append(elsewhere, i)
		}
	}
	return append(inTitle, elsewhere...)
}

// open shows the search over the role levels, focused, with the current
// choice highlighted.
func (p *rolePicker) open() {
	if p.popup != nil || len(p.levels) == 0 || p.Disabled() {
		return
	}
	c := p.win.Canvas()
	p.entry = newPickerEntry(p.key)
	p.entry.SetPlaceHolder("Type words of a role level, e.g. data eng; ↑↓ move, Enter chooses, Esc cancels")
	p.count = widget.NewLabel("")
	p.list = widget.NewList(
		func() int { return len(p.matches) },
		func() fyne.CanvasObject { return newPickerRow(p) },
		func(id widget.ListItemID, o fyne.CanvasObject) {
			i := p.matches[id]
			r := o.(*pickerRow)
			r.k = id
			r.label.SetText(p.labels[i] + "  ·  " + p.roles[i].Title)
		},
	)
	cancel := widget.NewButton("Cancel", p.close)
	ok := widget.NewButton("Choose", func() { p.pick(p.hi) })
	ok.Importance = widget.HighImportance
	title := widget.NewLabelWithStyle("Choose a role level", fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	top := container.NewVBox(title, p.entry, p.count)
	bottom := container.NewHBox(cancel, ok)
	p.popup = widget.NewModalPopUp(container.NewBorder(top, container.NewBorder(nil, nil, nil, bottom), nil, nil, p.list), c)
	p.entry.OnChanged = func(s string) { p.search(s, -1) }
	p.search("", p.selected)
	size := c.Size()
	p.popup.Resize(fyne.NewSize(min(620, size.Width-40), min(480, size.Height-40)))
	p.popup.Show()
	c.Focus(p.entry)
}

// search lists the matches of query and highlights keep (a level index)
// if it is among them, else the first match.
func (p *rolePicker) search(query string, keep int) {
	p.matches = p.filter(query)
	p.hi = -1
	if len(p.matches) > 0 {
		p.hi = 0
	}
	for k, i := range p.matches {
		if i == keep {
			p.hi = k
		}
	}
	switch {
	case len(p.matches) == 0:
		p.count.SetText(fmt.Sprintf("No role level matches %q.", strings.TrimSpace(query)))
	case len(p.matches) == len(p.levels):
		p.count.SetText(fmt.Sprintf("%d role levels", len(p.levels)))
	default:
		p.count.SetText(fmt.Sprintf("%d of %d role levels match", len(p.matches), len(p.levels)))
	}
	p.list.Refresh()
	p.highlight(p.hi)
}

// highlight marks a match without choosing it.
func (p *rolePicker) highlight(k int) {
	if k < 0 || k >= len(p.matches) {
		p.list.UnselectAll()
		return
	}
	p.hi = k
	p.list.Select(k)
	p.list.ScrollTo(k)
}

// key handles the search box's navigation keys; false lets the box have it.
func (p *rolePicker) key(e *fyne.KeyEvent) bool {
	switch e.Name {
	case fyne.KeyDown:
		if p.hi+1 < len(p.matches) {
			p.highlight(p.hi + 1)
		}
	case fyne.KeyUp:
		if p.hi > 0 {
			p.highlight(p.hi - 1)
		}
	case fyne.KeyPageDown:
		p.highlight(min(p.hi+10, len(p.matches)-1))
	case fyne.KeyPageUp:
		p.highlight(max(p.hi-10, 0))
	case fyne.KeyReturn, fyne.KeyEnter:
		p.pick(p.hi)
	case fyne.KeyEscape:
		p.close()
	default:
		return false
	}
	return true
}

// pick chooses the k-th match and closes the search.
func (p *rolePicker) pick(k int) {
	if k < 0 || k >= len(p.matches) {
		return
	}
	i := p.matches[k]
	p.close()
	p.choose(i)
}

// close hides the search; focus goes back to the picker's button.
func (p *rolePicker) close() {
	if p.popup == nil {
		return
	}
	p.popup.Hide()
	p.popup = nil
	p.win.Canvas().Focus(p.button)
}

// searching says whether the search is open (for tests).
func (p *rolePicker) searching() bool { return p.popup != nil }

// pickerRow is one match in the search list: a tap or click chooses it,
// highlighted or not (the list's own selection only highlights).
type pickerRow struct {
	widget.BaseWidget
	p     *rolePicker
	k     int // the match shown
	label *widget.Label
}

func newPickerRow(p *rolePicker) *pickerRow {
	r := &pickerRow{p: p, label: widget.NewLabel("Family › role level title template")}
	r.label.Truncation = fyne.TextTruncateEllipsis
	r.ExtendBaseWidget(r)
	return r
}

func (r *pickerRow) CreateRenderer() fyne.WidgetRenderer { return widget.NewSimpleRenderer(r.label) }

func (r *pickerRow) Tapped(*fyne.PointEvent) { r.p.pick(r.k) }

// pickerEntry is a search box that gives navigation keys to its picker.
type pickerEntry struct {
	widget.Entry
	onKey func(*fyne.KeyEvent) bool
}

func newPickerEntry(onKey func(*fyne.KeyEvent) bool) *pickerEntry {
	e := &pickerEntry{onKey: onKey}
	e.ExtendBaseWidget(e)
	return e
}

func (e *pickerEntry) TypedKey(k *fyne.KeyEvent) {
	if e.onKey(k) {
		return
	}
	e.Entry.TypedKey(k)
}
