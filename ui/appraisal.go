package ui

import (
	"context"
	"fmt"
	"io"
	"slices"
	"strings"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/storage"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"gapwise/internal/model"
	"gapwise/internal/workspace"
)

// appraisalScreen runs a joint appraisal: the self-assessment beside each
// appraiser's, disagreements flagged (never averaged), items where everyone
// agrees pre-filled, an agreed level per item set from the keyboard on the
// list, a note per item inline, the plans, every signatory's sign-off and
// withdrawal, then the PDF.
type appraisalScreen struct {
	listing, loading newest // latest-wins loads (ui/async.go)
	shell            *Shell
	appraisals       []model.Appraisal
	view             *workspace.AppraisalView
	visible          []int // indexes into view.Items, after the filter
	selected         int   // index into view.Items; -1 when none

	picker     *widget.Select
	summary    *widget.Label
	who        *widget.Label // the appraisers, their roles and scopes
	lock       *widget.Label
	review     *widget.Label
	onlyDiffer *widget.Check
	agreeAll   *widget.Button
	rateAs     *widget.Select
	addAppr    *widget.Button
	removeAppr *widget.Button
	importBtn  *widget.Button
	heads      []*widget.Label // column headers: self, each appraiser, agreed
	list       *agreeList

	itemTitle  *widget.Label
	itemLevels *widget.Label
	prefill    *widget.Label
	levelBox   *fyne.Container
	clearBtn   *widget.Button
	note       *widget.Entry
	saveNote   *widget.Button
	signBox    *fyne.Container
	overall    *widget.Entry
	saveOver   *widget.Button
	status     *widget.Label
	body       fyne.CanvasObject
	empty      *widget.Label
	root       *fyne.Container
}

// Widths of the list's level columns.
const (
	levelColW  = 80
	agreedColW = 118
)

func newAppraisalScreen(s *Shell) *appraisalScreen {
	a := &appraisalScreen{shell: s, selected: -1}
	a.picker = widget.NewSelect(nil, func(string) {
		if i := a.picker.SelectedIndex(); i >= 0 && i < len(a.appraisals) {
			a.show(a.appraisals[i].ID)
		}
	})
	a.picker.PlaceHolder = "Choose an appraisal"
	a.summary = widget.NewLabelWithStyle("", fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	a.summary.Wrapping = fyne.TextWrapWord
	a.who = widget.NewLabel("")
	a.who.Wrapping = fyne.TextWrapWord
	a.lock = widget.NewLabel("")
	a.lock.Wrapping = fyne.TextWrapWord
	a.lock.Importance = widget.WarningImportance
	a.review = widget.NewLabel("")
	a.review.Wrapping = fyne.TextWrapWord
	a.status = widget.NewLabel("")
	a.status.Wrapping = fyne.TextWrapWord
	a.onlyDiffer = widget.NewCheck("Only disagreements", func(bool) { a.refilter() })
	a.agreeAll = widget.NewButtonWithIcon("Agree all matching", theme.ConfirmIcon(), func() { a.agreeAllMatching() })
	a.rateAs = widget.NewSelect(nil, func(name string) {
		if name != "" {
			a.rateAs.ClearSelected()
			a.rateAsAppraiser(name)
		}
	})
	a.rateAs.PlaceHolder = "Rate as appraiser…"
	a.addAppr = widget.NewButtonWithIcon("Add appraiser…", theme.ContentAddIcon(), func() { a.addAppraiser() })
	a.removeAppr = widget.NewButtonWithIcon("Remove appraiser…", theme.ContentRemoveIcon(), func() { a.removeAppraiser() })
	a.importBtn = widget.NewButtonWithIcon("Import appraiser's file…", theme.DownloadIcon(), func() { a.importAppraiser() })

	a.heads = make([]*widget.Label, model.MaxAppraisers+2)
	for i := range a.heads {
		// A name wraps onto a second line rather than being cut ("Dr Alex …").
		a.heads[i] = widget.NewLabelWithStyle("", fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
		a.heads[i].Wrapping = fyne.TextWrapWord
	}
	a.list = newAgreeList(a)

	a.itemTitle = widget.NewLabelWithStyle("Select an item on the list.", fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	a.itemTitle.Wrapping = fyne.TextWrapWord
	a.itemLevels = widget.NewLabel("")
	a.itemLevels.Wrapping = fyne.TextWrapWord
	a.prefill = widget.NewLabel("")
	a.prefill.Wrapping = fyne.TextWrapWord
	a.levelBox = newCells(150)
	a.clearBtn = widget.NewButtonWithIcon("Not agreed yet", theme.ContentClearIcon(), func() { a.agreeSelected(-1) })
	a.note = widget.NewMultiLineEntry()
	a.note.SetPlaceHolder("Note on this item: what you discussed, and why the agreed level")
	a.note.Wrapping = fyne.TextWrapWord
	a.note.SetMinRowsVisible(3)
	a.saveNote = widget.NewButtonWithIcon("Save note", theme.DocumentSaveIcon(), func() { a.saveItemNote() })
	a.signBox = container.NewVBox()
	a.overall = widget.NewMultiLineEntry()
	a.overall.SetPlaceHolder("Overall discussion and summary")
	a.overall.Wrapping = fyne.TextWrapWord
	a.overall.SetMinRowsVisible(3)
	a.saveOver = widget.NewButtonWithIcon("Save summary", theme.DocumentSaveIcon(), func() { a.saveOverall() })

	start := widget.NewButtonWithIcon("Start an appraisal…", theme.ContentAddIcon(), func() { a.start() })
	pdf := widget.NewButtonWithIcon("Save appraisal PDF…", theme.DocumentPrintIcon(), func() { a.savePDF() })
	keys := widget.NewLabel("On the list: Up/Down move · a number key agrees that level · Enter records the matching level · Delete clears")
	keys.Wrapping = fyne.TextWrapWord
	keys.SizeName = theme.SizeNameCaptionText

	headCells := make([]fyne.CanvasObject, len(a.heads))
	for i, h := range a.heads {
		headCells[i] = h
	}
	header := container.NewBorder(nil, nil, nil, container.New(&levelColumns{}, headCells...),
		widget.NewLabelWithStyle("Item", fyne.TextAlignLeading, fyne.TextStyle{Bold: true}))
	left := container.NewBorder(container.NewVBox(container.New(layout.NewRowWrapLayout(), a.onlyDiffer, a.agreeAll), header), keys, nil, nil, a.list)
	detail := container.NewVBox(
		a.itemTitle, a.itemLevels, a.prefill,
		widget.NewLabelWithStyle("Agreed level", fyne.TextAlignLeading, fyne.TextStyle{Bold: true}),
		a.levelBox, container.NewHBox(a.clearBtn),
		a.note, container.NewHBox(a.saveNote),
		widget.NewSeparator(),
		// The summary comes before the sign-off, as in the PDF: once anyone
		// signs it is locked, so it is written first.
		widget.NewLabelWithStyle("Summary", fyne.TextAlignLeading, fyne.TextStyle{Bold: true}),
		a.overall, container.NewHBox(a.saveOver),
		widget.NewSeparator(),
		widget.NewLabelWithStyle("Sign-off", fyne.TextAlignLeading, fyne.TextStyle{Bold: true}),
		a.signBox,
	)
	split := container.NewHSplit(left, container.NewVScroll(container.NewPadded(detail)))
	split.Offset = 0.64 // the list keeps room for item names at 1024 wide
	del := widget.NewButtonWithIcon("Delete appraisal…", theme.DeleteIcon(), func() { a.deleteAppraisal() })
	top := container.NewVBox(
		newBar(widget.NewLabel("Appraisal"), a.picker, start, del),
		// Wraps rather than running off a narrow window (1024 wide, say).
		container.New(layout.NewRowWrapLayout(), a.rateAs, a.importBtn, a.addAppr, a.removeAppr, pdf),
		a.summary, a.who, a.lock, a.review,
	)
	a.body = container.NewBorder(top, a.status, nil, nil, split)
	a.empty = widget.NewLabel("No appraisal yet for this person. Start one from a self-assessment.")
	a.root = container.NewStack(container.NewBorder(container.NewHBox(start), nil, nil, nil, container.NewCenter(a.empty)))
	return a
}

// Content is the screen's root object.
func (a *appraisalScreen) content() fyne.CanvasObject { return a.root }

// View is the appraisal on screen, nil when none.
func (a *appraisalScreen) shown() *workspace.AppraisalView { return a.view }

// Selected is the item selected on the list, nil when none.
func (a *appraisalScreen) selectedRow() *workspace.AppraisalRow {
	if a.view == nil || a.selected < 0 || a.selected >= len(a.view.Items) {
		return nil
	}
	return &a.view.Items[a.selected]
}

// levelColumns lays out the list's level cells at fixed widths, so rows and
// header line up: one column per signatory's rating, then a wider agreed
// column. Hidden cells take no room.
type levelColumns struct{}

func (levelColumns) MinSize(objs []fyne.CanvasObject) fyne.Size {
	w, h := float32(0), float32(0)
	for i, o := range objs {
		if !o.Visible() {
			continue
		}
		w += colWidth(i, objs)
		h = max(h, o.MinSize().Height)
	}
	return fyne.NewSize(w, h)
}

func (levelColumns) Layout(objs []fyne.CanvasObject, size fyne.Size) {
	x := float32(0)
	for i, o := range objs {
		if !o.Visible() {
			continue
		}
		w := colWidth(i, objs)
		o.Move(fyne.NewPos(x, 0))
		o.Resize(fyne.NewSize(w, size.Height))
		x += w
	}
}

// colWidth is wider for the last visible cell (agreed).
func colWidth(i int, objs []fyne.CanvasObject) float32 {
	for j := i + 1; j < len(objs); j++ {
		if objs[j].Visible() {
			return levelColW
		}
	}
	return agreedColW
}

// agreeList is the item list, taking number keys to agree a level: select
// an item, press its level; Up/Down move the selection.
type agreeList struct {
	widget.List
	screen *appraisalScreen
}

func newAgreeList(a *appraisalScreen) *agreeList {
	l := &agreeList{screen: a}
	l.Length = func() int { return len(a.visible) }
	l.CreateItem = func() fyne.CanvasObject {
		name := widget.NewLabel("item template name")
		name.Truncation = fyne.TextTruncateEllipsis
		cells := make([]fyne.CanvasObject, model.MaxAppraisers+2)
		shown := 3 // self, one appraiser, agreed
		if a.view != nil {
			shown = len(a.view.Appraisal.Appraisers) + 2
		}
		for i := range cells {
			c := widget.NewLabel("0")
			c.Truncation = fyne.TextTruncateEllipsis
			if i >= shown { // else the list's least width is that of four appraisers
				c.Hide()
			}
			cells[i] = c
		}
		return container.NewBorder(nil, nil, nil, container.New(&levelColumns{}, cells...), name)
	}
	l.UpdateItem = func(id widget.ListItemID, o fyne.CanvasObject) { a.updateRow(id, o.(*fyne.Container)) }
	l.OnSelected = func(id widget.ListItemID) {
		if id >= 0 && id < len(a.visible) {
			a.selectItem(a.visible[id])
		}
	}
	l.ExtendBaseWidget(l)
	return l
}

// TypedRune agrees the level of a number key for the selected item.
func (l *agreeList) TypedRune(r rune) { l.screen.typedRune(r) }

// TypedKey moves the selection with Up/Down, records the matching level
// with Enter and clears with Delete; other keys work as on any list.
func (l *agreeList) TypedKey(e *fyne.KeyEvent) {
	if !l.screen.typedKey(e) {
		l.List.TypedKey(e)
	}
}

func (a *appraisalScreen) typedRune(r rune) {
	if r >= '0' && r <= '9' {
		a.agreeSelected(int(r - '0'))
	}
}

// typedKey handles the list's own keys; false leaves the key to the list.
func (a *appraisalScreen) typedKey(e *fyne.KeyEvent) bool {
	switch e.Name {
	case fyne.KeyDown:
		a.moveSelection(1)
	case fyne.KeyUp:
		a.moveSelection(-1)
	case fyne.KeyReturn, fyne.KeyEnter:
		if row := a.selectedRow(); row != nil && row.Matching != nil {
			a.agreeSelected(*row.Matching)
		}
	case fyne.KeyDelete, fyne.KeyBackspace:
		a.agreeSelected(-1)
	default:
		return false
	}
	return true
}

// moveSelection selects the row step rows away from the selected one.
func (a *appraisalScreen) moveSelection(step int) {
	if len(a.visible) == 0 {
		return
	}
	pos := a.shownPos(a.selected)
	switch {
	case pos < 0 && step > 0:
		pos = 0
	case pos < 0:
		pos = len(a.visible) - 1
	default:
		pos = min(max(pos+step, 0), len(a.visible)-1)
	}
	a.list.Select(pos)
}

// shownPos is where item index i is on the filtered list, -1 when absent.
func (a *appraisalScreen) shownPos(i int) int {
	for pos, k := range a.visible {
		if k == i {
			return pos
		}
	}
	return -1
}

func levelText(v *int) string {
	if v == nil {
		return "–"
	}
	return fmt.Sprint(*v)
}

// agreedText is the agreed column: the recorded level, the matching level
// pre-filled, "to agree" when it stops sign-off, else a dash.
func agreedText(r *workspace.AppraisalRow) (string, fyne.TextStyle) {
	switch {
	case r.Agreed != nil:
		return fmt.Sprint(*r.Agreed), fyne.TextStyle{Bold: true}
	case r.Matching != nil:
		return fmt.Sprintf("%d (all match)", *r.Matching), fyne.TextStyle{Italic: true}
	case r.NeedsAgreement():
		return "to agree", fyne.TextStyle{Italic: true}
	}
	return "–", fyne.TextStyle{}
}

func (a *appraisalScreen) updateRow(id widget.ListItemID, c *fyne.Container) {
	if a.view == nil || id < 0 || id >= len(a.visible) {
		return
	}
	row := &a.view.Items[a.visible[id]]
	name := row.Item.Label()
	if row.Differs {
		name = fmt.Sprintf("≠%d  %s", row.Spread, name)
	}
	if row.Note != "" {
		name += " · note"
	}
	setLabel(c.Objects[0].(*widget.Label), name, row.Differs)
	cells := c.Objects[1].(*fyne.Container).Objects
	n := len(a.view.Appraisal.Appraisers)
	for i, o := range cells {
		l := o.(*widget.Label)
		switch {
		case i == 0:
			setLabel(l, levelText(row.Self), false)
		case i <= n:
			text := levelText(row.Appraisers[i-1])
			if !row.Covered[i-1] {
				text = "n/a"
			}
			setLabel(l, text, false)
		case i == n+1:
			text, style := agreedText(row)
			if l.Text != text || l.TextStyle != style {
				l.TextStyle = style
				l.SetText(text)
			}
		default:
			if l.Visible() {
				l.Hide()
			}
			continue
		}
		if !l.Visible() {
			l.Show()
		}
	}
}

// load lists the current person's appraisals and shows the newest (or keepID).
func (a *appraisalScreen) load(keepID string) {
	person := a.shell.person
	if person == nil {
		a.listing.stale()
		a.loading.stale()
		a.view = nil
		a.root.Objects = []fyne.CanvasObject{container.NewCenter(a.empty)}
		a.root.Refresh()
		return
	}
	loadNewest(&a.listing, a.shell.ctx, func(ctx context.Context) ([]model.Appraisal, error) {
		return a.shell.ws.Appraisals(ctx, person.ID)
	}, func(list []model.Appraisal, err error) {
		if err != nil {
			showError(a.shell.win, err)
			return
		}
		a.appraisals = list
		names := make([]string, len(list))
		for i, ap := range list {
			names[i] = fmt.Sprintf("%s · %s · %s", ap.Period, ap.Framework, ap.AppraiserNames())
		}
		a.picker.SetOptions(names)
		if len(list) == 0 {
			a.view = nil
			a.root.Objects = []fyne.CanvasObject{container.NewBorder(container.NewHBox(widget.NewButtonWithIcon("Start an appraisal…", theme.ContentAddIcon(), func() { a.start() })), nil, nil, nil, container.NewCenter(a.empty))}
			a.root.Refresh()
			return
		}
		a.root.Objects = []fyne.CanvasObject{a.body}
		a.root.Refresh()
		idx := 0
		for i, ap := range list {
			if ap.ID == keepID {
				idx = i
			}
		}
		if a.picker.SelectedIndex() == idx && a.view != nil && a.view.Appraisal.ID == list[idx].ID {
			a.show(list[idx].ID)
			return
		}
		a.picker.SetSelectedIndex(idx)
	})
}

// show loads an appraisal and puts it on screen, keeping the selection
// when it is the one already shown.
func (a *appraisalScreen) show(id string) {
	loadNewest(&a.loading, a.shell.ctx, func(ctx context.Context) (*workspace.AppraisalView, error) {
		return a.shell.ws.AppraisalView(ctx, id)
	}, func(v *workspace.AppraisalView, err error) {
		if err != nil {
			showError(a.shell.win, err)
			return
		}
		a.apply(v)
	})
}

// apply puts a loaded view on screen: the UI goroutine's share of opening
// an appraisal (BenchmarkAppraisalView188).
func (a *appraisalScreen) apply(v *workspace.AppraisalView) {
	keep := ""
	if a.view != nil && a.view.Appraisal.ID == v.Appraisal.ID {
		if row := a.selectedRow(); row != nil {
			keep = row.Item.ID
		}
	}
	prev := a.view
	a.view = v
	a.selected = -1
	for i := range v.Items {
		if v.Items[i].Item.ID == keep {
			a.selected = i
		}
	}
	c := v.Counts
	ap := v.Appraisal
	who := make([]string, len(ap.Appraisers))
	for i, x := range ap.Appraisers {
		role := x.Role
		if role == "" {
			role = "appraiser"
		}
		who[i] = fmt.Sprintf("%s (%s; reviews %s)", x.Name, role, v.ScopeText(i))
	}
	a.summary.SetText(fmt.Sprintf("%s · %s · %s · %d disagreement(s) · %d agreed, %d still to agree (%d of them all match)",
		v.Person.Name, v.Framework.ShortName, ap.Period, c.Disagreements, c.Agreed, c.Outstanding, c.Matching))
	a.who.SetText("Appraisers: " + strings.Join(who, " · "))
	switch {
	case ap.AllSigned():
		a.lock.SetText("Signed by everyone: the agreed levels, notes and plan are read-only until a signature is withdrawn.")
		a.lock.Show()
	case ap.AnySigned():
		a.lock.SetText("Signed by some: the agreed levels and notes are locked until every signature is withdrawn; the rest can still sign.")
		a.lock.Show()
	default:
		a.lock.Hide()
	}
	a.review.SetText(previousPlanText(v.PreviousPlan))
	// A redraw after another change (an agreed level, a sign-off) keeps a
	// summary being typed and not yet saved.
	if prev == nil || prev.Appraisal.ID != v.Appraisal.ID || a.overall.Text == prev.Appraisal.OverallNotes {
		a.overall.SetText(ap.OverallNotes)
	}
	names := make([]string, len(ap.Appraisers))
	for i, x := range ap.Appraisers {
		names[i] = x.Name
	}
	a.rateAs.SetOptions(names)
	a.heads[0].SetText(firstName(v.Person.Name) + " (self)")
	for i := 1; i < len(a.heads); i++ {
		switch {
		case i <= len(ap.Appraisers):
			a.heads[i].SetText(ap.Appraisers[i-1].Name)
			a.heads[i].Show()
		case i == len(ap.Appraisers)+1:
			a.heads[i].SetText("Agreed")
			a.heads[i].Show()
		default:
			a.heads[i].Hide()
		}
	}
	locked := ap.AnySigned()
	for _, w := range []fyne.Disableable{a.agreeAll, a.addAppr, a.removeAppr, a.importBtn, a.saveOver, a.overall} {
		if locked {
			w.Disable()
		} else {
			w.Enable()
		}
	}
	if c.Matching == 0 || locked {
		a.agreeAll.Disable()
	}
	a.agreeAll.SetText(fmt.Sprintf("Agree all matching (%d)", c.Matching))
	if len(ap.Appraisers) >= model.MaxAppraisers {
		a.addAppr.Disable()
	}
	a.showSignOff()
	a.refilter()
}

// refilter applies the disagreements-only filter and keeps the selection.
func (a *appraisalScreen) refilter() {
	a.visible = a.visible[:0]
	if a.view != nil {
		for i := range a.view.Items {
			if !a.onlyDiffer.Checked || a.view.Items[i].Differs {
				a.visible = append(a.visible, i)
			}
		}
	}
	a.list.UnselectAll()
	a.list.Refresh()
	if pos := a.shownPos(a.selected); pos >= 0 {
		a.list.Select(pos)
		return
	}
	a.selectItem(-1)
}

// selectItem fills the detail panel for item index i (-1: none), first
// saving a note edited on the item it leaves.
func (a *appraisalScreen) selectItem(i int) {
	if prev := a.selectedRow(); prev != nil && i != a.selected && a.note.Text != prev.Note && !a.view.Appraisal.AnySigned() {
		item, text := prev.Item.ID, a.note.Text
		defer a.saveNoteText(item, text) // once the new item is on screen
	}
	a.selected = i
	row := a.selectedRow()
	a.levelBox.Objects = nil
	if row == nil {
		a.itemTitle.SetText("Select an item on the list, then press the number of the agreed level.")
		a.itemLevels.SetText("")
		a.prefill.SetText("")
		a.note.SetText("")
		a.note.Disable()
		a.saveNote.Disable()
		a.clearBtn.Disable()
		a.levelBox.Refresh()
		return
	}
	v := a.view
	f := v.Framework
	a.itemTitle.SetText(row.Item.Label())
	lines := []string{fmt.Sprintf("%s (self): %s", v.Person.Name, levelWords(f, row.Self))}
	for k, x := range v.Appraisal.Appraisers {
		text := levelWords(f, row.Appraisers[k])
		if !row.Covered[k] {
			text = "outside their scope"
		}
		lines = append(lines, fmt.Sprintf("%s: %s", x.Name, text))
	}
	if row.Differs {
		lines = append(lines, fmt.Sprintf("They differ by up to %d level(s): discuss and agree a level (nothing is averaged).", row.Spread))
	}
	a.itemLevels.SetText(strings.Join(lines, "\n"))
	switch {
	case row.Agreed != nil:
		a.prefill.SetText(fmt.Sprintf("Agreed: %s.", levelWords(f, row.Agreed)))
	case row.Matching != nil:
		a.prefill.SetText(fmt.Sprintf("Everyone gave %d: pre-filled as agreed. Press Enter (or %d) to record it, or choose another level.", *row.Matching, *row.Matching))
	default:
		a.prefill.SetText("No agreed level yet.")
	}
	locked := v.Appraisal.AnySigned()
	for _, lv := range itemLevels(row.Item) {
		btn := widget.NewButton(fmt.Sprintf("%d · %s", lv, f.Scale.LevelName(lv)), nil)
		btn.OnTapped = func() { a.agreeSelected(lv); a.focusList() }
		if shown := row.Shown(); shown != nil && *shown == lv {
			btn.Importance = widget.HighImportance
		}
		if locked {
			btn.Disable()
		}
		a.levelBox.Add(btn)
	}
	a.levelBox.Refresh()
	a.note.SetText(row.Note)
	if locked {
		a.note.Disable()
		a.saveNote.Disable()
		a.clearBtn.Disable()
	} else {
		a.note.Enable()
		a.saveNote.Enable()
		a.clearBtn.Enable()
	}
}

// focusList gives the item list the keyboard after a button is used.
func (a *appraisalScreen) focusList() {
	if c := fyne.CurrentApp().Driver().CanvasForObject(a.list); c != nil {
		c.Focus(a.list)
	}
}

// itemLevels are the levels an item can be agreed at: "none yet" and those it defines.
func itemLevels(it *model.Item) []int {
	if len(it.Levels) > 0 && it.Levels[0] == model.NoneLevel {
		return it.Levels
	}
	return append([]int{model.NoneLevel}, it.Levels...)
}

func levelWords(f *model.Framework, v *int) string {
	if v == nil {
		return "not rated"
	}
	return fmt.Sprintf("%d · %s", *v, f.Scale.LevelName(*v))
}

// agreeSelected records level as the selected item's agreed level (-1
// clears it), then moves to the next item still to agree.
func (a *appraisalScreen) agreeSelected(level int) {
	row := a.selectedRow()
	if row == nil {
		a.status.SetText("Select an item on the list first.")
		return
	}
	v := a.view
	if v.Appraisal.AnySigned() {
		a.status.SetText("This appraisal has been signed: withdraw the signatures to change agreed levels.")
		return
	}
	if level >= 0 && !row.Item.ValidLevel(level) && level != model.NoneLevel {
		a.status.SetText(fmt.Sprintf("%s cannot be agreed at %d: choose one of its levels.", row.Item.ID, level))
		return
	}
	id, item, at := v.Appraisal.ID, row.Item.ID, a.selected
	inBackground(func() (*workspace.AppraisalView, error) {
		ctx := a.shell.ctx
		var err error
		if level < 0 {
			err = a.shell.ws.ClearAgreed(ctx, model.AppraisalID(id), model.ItemID(item))
		} else {
			err = a.shell.ws.SetAgreed(ctx, model.AppraisalID(id), model.ItemID(item), level)
		}
		if err != nil {
			return nil, err
		}
		return a.shell.ws.AppraisalView(ctx, id)
	}, func(nv *workspace.AppraisalView, err error) {
		if err != nil {
			showError(a.shell.win, err)
			return
		}
		a.loading.stale() // this view is newer than any load still on its way
		if level < 0 {
			a.status.SetText(item + ": no agreed level.")
		} else {
			a.status.SetText(fmt.Sprintf("%s: agreed %d.", item, level))
		}
		a.apply(nv)
		if level >= 0 {
			a.selectNextToAgree(at)
		}
	})
}

// selectNextToAgree moves to the next row after item index from that still
// needs an agreed level; it stays put when there is none.
func (a *appraisalScreen) selectNextToAgree(from int) {
	pos := a.shownPos(from)
	for p := pos + 1; p < len(a.visible); p++ {
		if a.view.Items[a.visible[p]].NeedsAgreement() {
			a.list.Select(p)
			a.list.ScrollTo(p)
			return
		}
	}
}

func (a *appraisalScreen) agreeAllMatching() {
	if a.view == nil {
		return
	}
	id := a.view.Appraisal.ID
	inBackground(func() (int, error) {
		return a.shell.ws.AgreeAllMatching(a.shell.ctx, id)
	}, func(n int, err error) {
		if err != nil {
			showError(a.shell.win, err)
			return
		}
		a.status.SetText(fmt.Sprintf("%d matching item(s) agreed.", n))
		a.show(id)
	})
}

func (a *appraisalScreen) saveItemNote() {
	if row := a.selectedRow(); row != nil {
		a.saveNoteText(row.Item.ID, a.note.Text)
	}
}

func (a *appraisalScreen) saveNoteText(item, text string) {
	id := a.view.Appraisal.ID
	inBackground(func() (struct{}, error) {
		return struct{}{}, a.shell.ws.SetAppraisalNote(a.shell.ctx, id, item, text)
	}, func(_ struct{}, err error) {
		if err != nil {
			// Back to the item with the note as typed, so nothing is lost.
			for i := range a.view.Items {
				if a.view.Items[i].Item.ID == item {
					if pos := a.shownPos(i); pos >= 0 {
						a.list.Select(pos)
					}
				}
			}
			if row := a.selectedRow(); row != nil && row.Item.ID == item {
				a.note.SetText(text)
			}
			showError(a.shell.win, err)
			return
		}
		a.status.SetText("Note on " + item + " saved.")
		a.show(id)
	})
}

// previousPlanText reviews last period's plan: each action's status.
func previousPlanText(p *model.Plan) string {
	if p == nil {
		return "Previous plan: none to review."
	}
	counts := map[model.ActionStatus]int{}
	for _, ac := range p.Actions {
		counts[ac.Status]++
	}
	return fmt.Sprintf("Previous plan (%s): %d action(s): %d done, %d in progress, %d planned, %d dropped. Update their status in Plan.",
		p.Title, len(p.Actions), counts[model.Done], counts[model.InProgress], counts[model.Planned], counts[model.Dropped])
}

// showSignOff lists every signatory with a Sign or a Withdraw button.
func (a *appraisalScreen) showSignOff() {
	a.signBox.Objects = nil
	for _, s := range a.view.Signatories() {
		state := "not signed"
		var btn *widget.Button
		if s.SignedAt.IsZero() {
			btn = widget.NewButtonWithIcon("Sign", theme.ConfirmIcon(), func() { a.sign(s) })
		} else {
			state = "signed " + s.SignedAt.Local().Format("2 Jan 2006 15:04")
			btn = widget.NewButtonWithIcon("Withdraw signature", theme.CancelIcon(), func() { a.withdraw(s) })
		}
		// The state on a line of its own, the button under it: on a narrow
		// pane a label beside the button was cut before "not signed".
		text := widget.NewLabel(fmt.Sprintf("%s (%s): %s", s.Name, s.Role, state))
		text.Wrapping = fyne.TextWrapWord
		a.signBox.Add(container.NewVBox(text, container.NewHBox(btn)))
	}
	a.signBox.Refresh()
}

// sign checks first whether s can sign, says why not if not, and only then
// asks them to confirm.
func (a *appraisalScreen) sign(s workspace.Signatory) {
	v := a.view
	if v == nil {
		return
	}
	if err := v.SignCheck(s.Who); err != nil {
		dialog.NewInformation("Not ready to sign yet", err.Error(), a.shell.win).Show()
		return
	}
	msg := fmt.Sprintf("Sign this appraisal as %s (%s), dated %s?\n\nOnce anyone has signed, the agreed levels and notes are locked; once everyone has, the agreed plan is too, until a signature is withdrawn.",
		s.Name, s.Role, time.Now().Format("2 Jan 2006"))
	d := dialog.NewConfirm("Sign off as "+s.Name, msg, func(ok bool) {
		if !ok {
			return
		}
		id := v.Appraisal.ID
		inBackground(func() (struct{}, error) {
			return struct{}{}, a.shell.ws.SignOff(a.shell.ctx, id, s.Who)
		}, func(_ struct{}, err error) {
			if err != nil {
				showError(a.shell.win, err)
				return
			}
			a.status.SetText("Signed by " + s.Name + ".")
			a.show(id)
		})
	}, a.shell.win)
	a.shell.showEnterConfirms(d)
}

func (a *appraisalScreen) withdraw(s workspace.Signatory) {
	v := a.view
	if v == nil {
		return
	}
	msg := fmt.Sprintf("Withdraw the signature %s gave on %s? This reopens the appraisal: the agreed levels, notes and plan can be changed again.",
		s.Name, s.SignedAt.Local().Format("2 Jan 2006"))
	if others := v.OtherSignatures(s.Who); len(others) > 0 {
		msg += fmt.Sprintf(" The signatures of %s are set aside too, so everyone signs again what is finally agreed.", model.AndList(others))
	}
	dialog.ShowConfirm("Withdraw "+s.Name+"'s signature", msg, func(ok bool) {
		if !ok {
			return
		}
		id := v.Appraisal.ID
		inBackground(func() (struct{}, error) {
			_, err := a.shell.ws.Unsign(a.shell.ctx, id, s.Who)
			return struct{}{}, err
		}, func(_ struct{}, err error) {
			if err != nil {
				showError(a.shell.win, err)
				return
			}
			a.status.SetText(s.Name + "'s signature withdrawn: the appraisal is open for changes; everyone signs again.")
			a.show(id)
		})
	}, a.shell.win)
}

// appraiserRoles are offered when adding an appraiser; any other role can be typed.
var appraiserRoles = []string{"informatics appraiser", "clinical appraiser", "appraiser"}

// scopeOptions are what an appraiser can be given to review: every group,
// each under its parent and indented, or, in a framework without groups
// (DDaT), every item. ids line up with labels.
func scopeOptions(f *model.Framework) (labels, ids []string) {
	if len(f.Groups) == 0 {
		for i := range f.Items {
			labels, ids = append(labels, f.Items[i].Label()), append(ids, f.Items[i].ID)
		}
		return labels, ids
	}
	children := map[string][]*model.Group{}
	for i := range f.Groups {
		g := &f.Groups[i]
		parent := g.Parent
		if _, ok := f.Group(parent); !ok {
			parent = "" // a missing parent: shown at the top
		}
		children[parent] = append(children[parent], g)
	}
	seen := map[string]bool{}
	var add func(parent string, depth int)
	add = func(parent string, depth int) {
		for _, g := range children[parent] {
			if seen[g.ID] { // a cycle in a pack from outside
				continue
			}
			seen[g.ID] = true
			label := strings.Repeat("\u2003", depth) + g.Title
			if slices.Contains(labels, label) {
				label += " (" + g.ID + ")"
			}
			labels, ids = append(labels, label), append(ids, g.ID)
			add(g.ID, depth+1)
		}
	}
	add("", 0)
	return labels, ids
}

// scopePicker chooses what an appraiser reviews: "All items", or any
// number of groups (items, in a framework without groups).
type scopePicker struct {
	all  *widget.Check
	list *widget.CheckGroup
	ids  []string
	box  fyne.CanvasObject
}

func newScopePicker(f *model.Framework, height float32) *scopePicker {
	p := &scopePicker{}
	p.all = widget.NewCheck("All items", func(on bool) {
		switch {
		case on && len(p.list.Selected) > 0:
			p.list.SetSelected(nil)
		case !on && len(p.list.Selected) == 0:
			p.all.SetChecked(true) // nothing chosen is every item
		}
	})
	p.list = widget.NewCheckGroup(nil, func(sel []string) {
		if on := len(sel) == 0; p.all.Checked != on {
			p.all.SetChecked(on)
		}
	})
	scroll := container.NewVScroll(p.list)
	scroll.SetMinSize(fyne.NewSize(0, height))
	p.box = container.NewBorder(p.all, nil, nil, nil, scroll)
	p.setFramework(f)
	return p
}

// setFramework offers f's groups (or items), every item chosen.
func (p *scopePicker) setFramework(f *model.Framework) {
	p.list.Options, p.ids = scopeOptions(f)
	p.list.Selected = nil
	p.list.Refresh()
	p.all.SetChecked(true)
}

// value is the ids chosen, in the framework's order; nil for every item.
func (p *scopePicker) value() []string {
	var out []string
	for i, label := range p.list.Options {
		if slices.Contains(p.list.Selected, label) {
			out = append(out, p.ids[i])
		}
	}
	return out
}

// appraiserFields are the name, role and scope of one appraiser in a form.
type appraiserFields struct {
	name  *widget.Entry
	role  *widget.SelectEntry
	scope *scopePicker
}

func newAppraiserFields(f *model.Framework, placeholder, role string, listHeight float32) appraiserFields {
	af := appraiserFields{name: widget.NewEntry(), role: widget.NewSelectEntry(appraiserRoles), scope: newScopePicker(f, listHeight)}
	af.name.SetPlaceHolder(placeholder)
	af.role.SetText(role)
	return af
}

func (af appraiserFields) value() model.Appraiser {
	return model.Appraiser{Name: af.name.Text, Role: af.role.Text, Scope: af.scope.value()}
}

// start begins an appraisal from one of the person's self-assessments, with
// one appraiser or two.
func (a *appraisalScreen) start() {
	s := a.shell
	if s.person == nil {
		showError(s.win, model.Errorf(model.NotYet, "choose the appraisee in Me first"))
		return
	}
	person := *s.person
	type choice struct {
		self []model.Assessment
		fws  []*model.Framework
	}
	inBackground(func() (choice, error) {
		ctx := a.shell.ctx
		as, err := s.ws.Assessments(ctx, person.ID)
		var c choice
		for _, x := range as {
			if x.Kind != model.SelfAssessment {
				continue
			}
			f, err := s.ws.Framework(ctx, x.Framework)
			if err != nil {
				return c, err
			}
			c.self, c.fws = append(c.self, x), append(c.fws, f)
		}
		return c, err
	}, func(c choice, err error) {
		if err != nil {
			showError(s.win, err)
			return
		}
		if len(c.self) == 0 {
			showError(s.win, model.Errorf(model.NotYet, "%s has no self-assessment yet: an appraisal starts from one", person.Name))
			return
		}
		opts := make([]string, len(c.self))
		for i, x := range c.self {
			opts[i] = fmt.Sprintf("%s · started %s", x.Framework, x.CreatedAt.Local().Format("2 Jan 2006"))
		}
		pick := widget.NewSelect(opts, nil)
		first := newAppraiserFields(c.fws[0], "Appraiser's name", "informatics appraiser", 112)
		second := newAppraiserFields(c.fws[0], "Second appraiser's name (optional)", "clinical appraiser", 112)
		pick.OnChanged = func(string) {
			if i := pick.SelectedIndex(); i >= 0 {
				first.scope.setFramework(c.fws[i])
				second.scope.setFramework(c.fws[i])
			}
		}
		pick.SetSelectedIndex(0)
		period := widget.NewEntry()
		period.SetText(workspace.AppraisalPeriod(time.Now()))
		form := widget.NewForm(
			widget.NewFormItem("Self-assessment", pick),
			widget.NewFormItem("Appraiser", first.name), widget.NewFormItem("Role", first.role), widget.NewFormItem("Reviews", first.scope.box),
			widget.NewFormItem("Second appraiser", second.name), widget.NewFormItem("Role", second.role), widget.NewFormItem("Reviews", second.scope.box),
			widget.NewFormItem("Period", period))
		showForm(s.win, "Start an appraisal for "+person.Name, "Start", form, fyne.NewSize(700, 660),
			func() (func() (model.Appraisal, error), error) {
				i := pick.SelectedIndex()
				if i < 0 {
					return nil, model.Errorf(model.Invalid, "choose the self-assessment the appraisal starts from")
				}
				appraisers := []model.Appraiser{first.value()}
				if strings.TrimSpace(second.name.Text) != "" {
					appraisers = append(appraisers, second.value())
				}
				selfID, per := c.self[i].ID, period.Text
				return func() (model.Appraisal, error) {
					return s.ws.StartAppraisal(a.shell.ctx, selfID, appraisers, per)
				}, nil
			}, func(ap model.Appraisal) { a.load(ap.ID) })
	})
}

// addAppraiser adds another appraiser before anyone has signed.
func (a *appraisalScreen) addAppraiser() {
	v := a.view
	if v == nil {
		return
	}
	af := newAppraiserFields(v.Framework, "Appraiser's name", "clinical appraiser", 220)
	form := widget.NewForm(widget.NewFormItem("Name", af.name), widget.NewFormItem("Role", af.role), widget.NewFormItem("Reviews", af.scope.box))
	id := v.Appraisal.ID
	showForm(a.shell.win, "Add an appraiser", "Add", form, fyne.NewSize(600, 460),
		func() (func() (struct{}, error), error) {
			ap := af.value()
			return func() (struct{}, error) {
				return struct{}{}, a.shell.ws.AddAppraiser(a.shell.ctx, id, ap)
			}, nil
		}, func(struct{}) { a.load(id) })
}

// removeAppraiser takes an appraiser off the appraisal before anyone
// signs, erasing their assessment and ratings: it asks which one when there
// are several, then says exactly what goes before doing it.
func (a *appraisalScreen) removeAppraiser() {
	v := a.view
	if v == nil {
		return
	}
	id := v.Appraisal.ID
	erase := func(who model.Appraiser) {
		confirmErase(a.shell, "Remove "+who.Name, workspace.EraseAppraiser, workspace.AppraiserRef(id, who.Name), func(gone workspace.Erasure) {
			if s := a.shell; who.AssessmentID != "" && s.openAssessmentID() == who.AssessmentID {
				s.assessment = "" // it went with them
				s.rate.load("")
				s.updateHeader("")
			}
			a.status.SetText("Removed " + gone.Summary() + ".")
			a.load(id)
		})
	}
	aps := v.Appraisal.Appraisers
	if len(aps) == 1 { // refused, in words: an appraisal keeps an appraiser
		erase(aps[0])
		return
	}
	names := make([]string, len(aps))
	for i, x := range aps {
		names[i] = x.Name
	}
	choice := widget.NewRadioGroup(names, nil)
	dialog.ShowForm("Remove an appraiser", "Next…", "Cancel", []*widget.FormItem{widget.NewFormItem("Appraiser", choice)}, func(ok bool) {
		if i := slices.Index(names, choice.Selected); ok && i >= 0 {
			erase(aps[i])
		}
	}, a.shell.win)
}

// rateAsAppraiser opens the named appraiser's assessment on the rating screen.
func (a *appraisalScreen) rateAsAppraiser(name string) {
	if a.view == nil {
		return
	}
	id := a.view.Appraisal.ID
	inBackground(func() (model.Assessment, error) {
		return a.shell.ws.RateAsAppraiser(a.shell.ctx, id, name)
	}, func(as model.Assessment, err error) {
		if err != nil {
			showError(a.shell.win, err)
			return
		}
		a.shell.openAssessment(as.ID, true)
	})
}

// importAppraiserPath imports an appraiser's file, asking first whether a
// file giving the appraisee other details is the same person.
func (a *appraisalScreen) importAppraiserPath(id, path string, opts workspace.AssessmentImportOptions) {
	inBackground(func() (workspace.ImportResult, error) {
		return a.shell.ws.ImportAppraiserPath(a.shell.ctx, id, path, opts)
	}, func(res workspace.ImportResult, err error) {
		if err != nil {
			if !askSamePerson(a.shell, err, func() { a.importAppraiserPath(id, path, workspace.AssessmentImportOptions{AcceptPersonUpdate: true}) }, nil) {
				showError(a.shell.win, err)
			}
			return
		}
		a.status.SetText(res.Describe() + ": " + res.Assessment.Assessor + "'s ratings.")
		a.show(id)
	})
}

// importAppraiser takes an appraiser's .gapwise.json file of kind
// "appraiser"; its assessor says which appraiser sent it.
func (a *appraisalScreen) importAppraiser() {
	if a.view == nil {
		return
	}
	id := a.view.Appraisal.ID
	d := dialog.NewFileOpen(func(r fyne.URIReadCloser, err error) {
		if err != nil {
			showError(a.shell.win, err)
			return
		}
		if r == nil {
			return
		}
		path := r.URI().Path()
		r.Close()
		a.importAppraiserPath(id, path, workspace.AssessmentImportOptions{})
	}, a.shell.win)
	d.SetFilter(storage.NewExtensionFileFilter([]string{".json"}))
	d.Show()
}

func (a *appraisalScreen) saveOverall() {
	if a.view == nil {
		return
	}
	id, text := a.view.Appraisal.ID, a.overall.Text
	inBackground(func() (struct{}, error) {
		return struct{}{}, a.shell.ws.SetOverallNotes(a.shell.ctx, id, text)
	}, func(_ struct{}, err error) {
		if err != nil {
			showError(a.shell.win, err)
			return
		}
		a.status.SetText("Summary saved.")
	})
}

func (a *appraisalScreen) savePDF() {
	if a.view == nil {
		return
	}
	id := a.view.Appraisal.ID
	name := fileName(".pdf", "Joint appraisal", a.view.Person.Name, a.view.Appraisal.Period)
	a.shell.saveAs(savePDF, name, rendered(func(w io.Writer) error {
		return a.shell.ws.AppraisalReport(a.shell.ctx, id, w, time.Now())
	}), a.status, nil)
}

// firstName is how the app speaks of someone: their first name, or the
// whole name when it starts with a title.
func firstName(name string) string {
	name = strings.TrimSpace(name)
	first, _, ok := strings.Cut(name, " ")
	if !ok {
		return name
	}
	switch strings.ToLower(strings.TrimSuffix(first, ".")) {
	case "dr", "mr", "mrs", "ms", "miss", "mx", "prof", "professor", "sir", "dame", "rev":
		return name
	}
	return first
}

// possessive is "Sam’s".
func possessive(name string) string { return name + "’s" }

// rateWords are the rating screen's words for the one rating: the person
// themself, or an appraiser rating the appraisee ("Choose Sam’s level";
// descriptors introduced as what Sam can do).
type rateWords struct {
	choose, noneYet, rating, evidence string
}

func wordsFor(sh *workspace.Sheet) rateWords {
	if sh == nil || sh.Assessment.Kind != model.AppraiserAssessment {
		return rateWords{
			choose:   "Choose your level",
			noneYet:  "You have not yet reached the first level this framework defines for this item.",
			rating:   "Your rating",
			evidence: "Evidence: what you have done that shows this level (saved as you type)",
		}
	}
	n := firstName(sh.Person.Name)
	return rateWords{
		choose:   fmt.Sprintf("Choose %s level: each level says what %s can do", possessive(n), n),
		noneYet:  fmt.Sprintf("%s has not yet reached the first level this framework defines for this item.", n),
		rating:   fmt.Sprintf("Your rating of %s", n),
		evidence: fmt.Sprintf("Evidence: what %s has done that shows this level (saved as you type)", n),
	}
}

// ownTitle says whose assessment a screen uses: "Sam Jones’s SFIA 9
// self-assessment, all items".
func ownTitle(sh *workspace.Sheet) string {
	return possessive(sh.Person.Name) + " " + sheetTitle(sh)
}
