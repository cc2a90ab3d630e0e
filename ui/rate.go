package ui

import (
	"context"
	"fmt"
	"strings"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"gapwise/internal/gap"
	"gapwise/internal/model"
	"gapwise/internal/workspace"
)

// maxLevelRows is the most level choices an item can show: none yet plus
// SFIA's seven levels.
const maxLevelRows = 8

// confidenceChoices are the confidence radio options; index = confidence.
var confidenceChoices = []string{"Not given", "1", "2", "3", "4", "5"}

// rateScreen is where a person rates themself: items in framework order
// with a contents list and search, every level's descriptor inline, and
// every change saved at once.
type rateScreen struct {
	loading newest // latest-wins loads (ui/async.go)
	shell   *Shell
	sheet   *workspace.Sheet
	rows    []browseRow // headings and items of the contents list (filtered)
	cur     *model.Item // the item on screen

	search     *widget.Entry
	list       *widget.List
	progress   *widget.ProgressBar
	count      *widget.Label
	saveStatus *widget.Label

	title      *widget.Label
	path       *widget.Label
	desc       *widget.Label
	levelBtns  []*widget.Button
	levelDescs []*widget.Label
	levelRows  []*fyne.Container
	notRated   *widget.Button
	yours      *widget.Label
	confidence *widget.RadioGroup
	interest   *widget.Check // "I want to develop this", kept with the rating
	evidence   *widget.Entry
	target     *widget.Select
	targetLvls []int // target choices' levels, index-aligned with target's options (0 = no target)
	targetNote *widget.Label
	pad        *keyPad
	filling    bool          // true while the panel is being filled, so no change is saved
	quiet      bool          // true while the program (not the user) selects a list row: focus stays put
	choose     *widget.Label // "Choose your level", or the appraiser's words (wordsFor)

	only    onlyItems // a set of items the list is restricted to (rateonly.go)
	saver   *saver
	carry   *carryPanel   // carry-forward banner, review note and attribution
	history ratingHistory // changes since the assessment was opened, for Ctrl+Z
	note    string        // what the last undo did, kept on the status line once saved
	body    *fyne.Container
	empty   fyne.CanvasObject
	detail  *container.Scroll
	root    *fyne.Container
}

func newRateScreen(s *Shell) *rateScreen {
	r := &rateScreen{shell: s, saver: &saver{}}
	r.carry = newCarryPanel(r)
	r.saver.onDone = r.saved

	r.search = widget.NewEntry()
	r.search.SetPlaceHolder("Search items (Ctrl+F)")
	r.search.OnChanged = func(string) { r.refilter() }
	r.list = widget.NewList(
		func() int { return len(r.rows) },
		func() fyne.CanvasObject {
			name := widget.NewLabel("item template title")
			name.Truncation = fyne.TextTruncateEllipsis
			return container.NewBorder(nil, nil, nil, widget.NewLabel("not rated"), name)
		},
		func(id widget.ListItemID, o fyne.CanvasObject) { r.updateRow(id, o.(*fyne.Container)) },
	)
	r.list.OnSelected = func(id widget.ListItemID) {
		if id < 0 || id >= len(r.rows) || r.rows[id].heading {
			r.list.Unselect(id)
			return
		}
		r.showItem(r.rows[id].item)
		if !r.quiet {
			// A row chosen by mouse or from the keyboard: keys now rate it.
			r.focusPad()
		}
	}
	r.progress = widget.NewProgressBar()
	r.progress.TextFormatter = func() string { return "" }
	r.count = widget.NewLabel("")
	r.saveStatus = widget.NewLabel("")

	r.title = widget.NewLabelWithStyle("", fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	r.title.Wrapping = fyne.TextWrapWord
	r.title.SizeName = theme.SizeNameSubHeadingText
	r.path = widget.NewLabelWithStyle("", fyne.TextAlignLeading, fyne.TextStyle{Italic: true})
	r.path.Wrapping = fyne.TextWrapWord
	r.desc = widget.NewLabel("")
	r.desc.Wrapping = fyne.TextWrapWord
	levels := container.NewVBox()
	for i := 0; i < maxLevelRows; i++ {
		btn := widget.NewButton("", nil)
		btn.Alignment = widget.ButtonAlignLeading
		d := widget.NewLabel("")
		d.Wrapping = fyne.TextWrapWord
		row := container.NewBorder(nil, nil, fixedWidth(230, btn), nil, d)
		r.levelBtns, r.levelDescs, r.levelRows = append(r.levelBtns, btn), append(r.levelDescs, d), append(r.levelRows, row)
		levels.Add(row)
	}
	r.notRated = widget.NewButtonWithIcon("Not rated", theme.ContentClearIcon(), func() { r.clear() })
	r.yours = widget.NewLabelWithStyle("", fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	r.confidence = widget.NewRadioGroup(confidenceChoices, func(string) { r.changeConfidence() })
	// Six choices side by side are too wide for 1024 pixels with large
	// text: then they go one under the other.
	r.confidence.Horizontal = textScale() <= 1.1
	fyne.CurrentApp().Settings().AddListener(func(fyne.Settings) {
		if h := textScale() <= 1.1; h != r.confidence.Horizontal {
			r.confidence.Horizontal = h
			r.confidence.Refresh()
		}
	})
	r.interest = widget.NewCheck(interestLabel, func(bool) { r.changeInterest() })
	r.evidence = widget.NewMultiLineEntry()
	r.evidence.SetPlaceHolder("Evidence: what you have done that shows this level (saved as you type)")
	r.evidence.Wrapping = fyne.TextWrapWord
	r.evidence.SetMinRowsVisible(3)
	r.evidence.OnChanged = func(string) { r.changeEvidence() }
	r.target = widget.NewSelect(nil, func(string) { r.changeTarget() })
	r.targetNote = widget.NewLabel("")
	r.targetNote.Wrapping = fyne.TextWrapWord
	r.pad = newKeyPad(r.typedRune, r.typedKey)
	r.choose = widget.NewLabelWithStyle(wordsFor(nil).choose, fyne.TextAlignLeading, fyne.TextStyle{Bold: true})

	panel := container.NewVBox(
		r.pad, r.title, r.path, r.desc, r.carry.review,
		r.choose,
		levels,
		container.NewHBox(r.notRated, r.yours),
		r.interest,
		widget.NewSeparator(),
		// The label above the choices, not beside them: side by side they
		// were 800 pixels wide and left the contents list 100 at 1024x768.
		widget.NewLabel("Confidence in this rating"), r.confidence,
		r.evidence,
		container.NewBorder(nil, nil, widget.NewLabel("Target"), nil, r.target),
		r.targetNote,
	)
	r.detail = container.NewVScroll(container.NewPadded(panel))
	left := container.NewBorder(container.NewVBox(r.search, r.only.bar(r)), nil, nil, nil, r.list)
	split := container.NewHSplit(left, r.detail)
	split.Offset = 0.32
	// The status line has its own row: an undo message is long, and beside
	// the progress bar it would widen the screen past a 1024-pixel window.
	r.saveStatus.Truncation = fyne.TextTruncateEllipsis
	top := container.NewVBox(container.NewBorder(nil, nil, r.count, nil, r.progress), r.saveStatus)
	r.body = container.NewBorder(container.NewVBox(top, r.carry.banner), r.carry.attribution, nil, nil, split)

	goMe := widget.NewButtonWithIcon("Go to Me", theme.AccountIcon(), func() { s.showTab("Me") })
	msg := widget.NewLabel("No assessment is open. In Me, start an assessment or open one from your list.")
	r.empty = container.NewCenter(container.NewVBox(msg, container.NewHBox(layout.NewSpacer(), goMe, layout.NewSpacer())))
	r.root = container.NewStack(r.empty)
	return r
}

// content is the screen's root object.
func (r *rateScreen) content() fyne.CanvasObject { return r.root }

// load opens an assessment ("" shows the empty state).
func (r *rateScreen) load(id string) {
	if id == "" {
		r.loading.stale()
		r.sheet = nil
		r.root.Objects = []fyne.CanvasObject{r.empty}
		r.root.Refresh()
		r.shell.updateHeader("")
		return
	}
	r.open(id, "", false)
}

// reload rereads the open assessment after a change made elsewhere (targets
// set in My gaps, agreed levels in Appraisal), once this screen's own
// queued writes have landed, staying on the item shown. An assessment that
// has gone is closed without an error.
func (r *rateScreen) reload() {
	if r.sheet == nil {
		return
	}
	id, keep := r.sheet.Assessment.ID, ""
	if r.cur != nil {
		keep = r.cur.ID
	}
	r.whenSaved(func() {
		if r.sheet != nil && r.sheet.Assessment.ID == id {
			r.open(id, keep, true)
		}
	})
}

// open loads an assessment and shows keep (or the first item). The undo
// history starts again: it runs back to the ratings the screen opened with.
func (r *rateScreen) open(id, keep string, reloading bool) {
	loadNewest(&r.loading, r.shell.ctx, func(ctx context.Context) (rateLoad, error) {
		sh, err := r.shell.ws.Sheet(ctx, id)
		if err != nil {
			return rateLoad{}, err
		}
		// Newer versions are only an offer: failing to list them is no error.
		newer, _ := r.shell.ws.NewerVersions(ctx, id)
		return rateLoad{sh, newer}, nil
	}, func(l rateLoad, err error) {
		if reloading && model.KindOf(err) == model.NotFound {
			r.shell.openAssessment("", false)
			return
		}
		if err != nil {
			showError(r.shell.win, err)
			return
		}
		sh := l.sheet
		r.sheet = sh
		r.cur = nil
		r.history.reset()
		r.note = ""
		words := wordsFor(sh)
		r.choose.SetText(words.choose)
		r.evidence.SetPlaceHolder(words.evidence)
		r.root.Objects = []fyne.CanvasObject{r.body}
		r.root.Refresh()
		if !reloading {
			r.search.SetText("")
		}
		r.refilter()
		if keep != "" {
			r.selectItem(keep)
		}
		r.updateProgress()
		r.saveStatus.SetText("")
		r.shell.updateHeader(sheetTitle(sh))
		r.carry.loaded(sh, l.newer)
	})
}

// rateLoad is what opening an assessment reads in the background.
type rateLoad struct {
	sheet *workspace.Sheet
	newer []workspace.FrameworkInfo // newer versions of its framework, for the carry banner
}

// headerTitle is what the header says about the assessment on screen.
func (r *rateScreen) headerTitle() string {
	if r.sheet == nil {
		return ""
	}
	return sheetTitle(r.sheet)
}

// sheetTitle names an assessment for the header.
func sheetTitle(sh *workspace.Sheet) string {
	kind := sh.Assessment.Kind.Noun()
	t := fmt.Sprintf("%s %s, %s", sh.Framework.ShortName, kind, scopeLabel(sh))
	if sh.Framework.Provisional {
		t += " (provisional framework)"
	}
	return t
}

// shownSheet is the assessment on screen, nil when none.
func (r *rateScreen) shownSheet() *workspace.Sheet { return r.sheet }

// shownItem is the item on screen.
func (r *rateScreen) shownItem() *model.Item { return r.cur }

func (r *rateScreen) refilter() {
	if r.sheet == nil {
		return
	}
	inScope := map[string]bool{}
	for _, it := range r.sheet.Items {
		inScope[it.ID] = true
	}
	r.only.sync(r.sheet.Assessment.ID)
	var items []*model.Item
	for _, it := range r.sheet.Framework.Search(r.search.Text) {
		if inScope[it.ID] && r.only.keeps(r.sheet.Assessment.ID, it.ID) {
			items = append(items, it)
		}
	}
	r.rows = outlineRows(r.sheet.Framework, items)
	r.quiet = true
	r.list.UnselectAll()
	r.quiet = false
	r.list.Refresh()
	switch {
	case len(items) == 0:
		r.cur = nil
		r.title.SetText("No items match your search.")
		r.path.SetText("")
		r.desc.SetText("")
		for _, row := range r.levelRows {
			row.Hide()
		}
	case r.cur != nil && r.selectItem(r.cur.ID):
	default:
		r.selectItem(items[0].ID)
	}
	if r.only.focus && r.only.on(r.sheet.Assessment.ID) {
		r.only.focus = false
		r.focusPad() // the restricted items are on screen: keys rate them
	}
}

// selectItem shows an item; false if it is not in the contents list. It
// leaves keyboard focus where it is: searching selects the first match as
// the user types, and the next letter must reach the search box, not the
// rating keys ("n" would clear the rating).
func (r *rateScreen) selectItem(id string) bool {
	for i, row := range r.rows {
		if !row.heading && row.item.ID == id {
			r.quiet = true
			r.list.Select(i)
			r.quiet = false
			r.list.ScrollTo(i)
			return true
		}
	}
	return false
}

// jumpTo shows an item the user asked to rate (from My gaps) with the
// rating keys focused.
func (r *rateScreen) jumpTo(id string) {
	if r.selectItem(id) {
		r.focusPad()
	}
}

func (r *rateScreen) updateRow(id widget.ListItemID, c *fyne.Container) {
	row := r.rows[id]
	status := ""
	if !row.heading {
		status = "–"
		if rt, ok := r.sheet.Ratings[row.item.ID]; ok {
			status = fmt.Sprint(rt.Level)
			if rt.Interest {
				status += " · develop"
			}
			if _, review := r.sheet.Review[row.item.ID]; review {
				status += " · review"
			}
		}
	}
	setLabel(c.Objects[0].(*widget.Label), strings.Repeat("   ", row.depth)+row.text, row.heading)
	setLabel(c.Objects[1].(*widget.Label), status, false)
}

// setLabel changes a label only when its text or weight differs: the list
// refreshes every visible row on each selection, and re-shaping unchanged
// text is most of an item switch's cost.
func setLabel(l *widget.Label, text string, bold bool) {
	if l.Text == text && l.TextStyle.Bold == bold {
		return
	}
	l.TextStyle.Bold = bold
	l.SetText(text)
}

// showItem fills the item panel. It reuses the level rows, so switching
// items does little work on the UI goroutine.
func (r *rateScreen) showItem(it *model.Item) {
	r.filling = true
	defer func() { r.filling = false }()
	r.cur = it
	f := r.sheet.Framework
	r.title.SetText(strings.Replace(it.Label(), "  ", " — ", 1))
	var path []string
	for _, g := range f.GroupPath(it.Group) {
		path = append(path, g.Title)
	}
	r.path.SetText(strings.Join(path, " › "))
	if len(path) == 0 {
		r.path.Hide()
	} else {
		r.path.Show()
	}
	desc := it.Description
	if it.Confidence != "" {
		desc += "\n(Provisional entry, provenance: " + it.Confidence + ")"
	}
	r.desc.SetText(desc)

	rating, rated := r.sheet.Ratings[it.ID]
	levels := append([]int{model.NoneLevel}, it.Levels...)
	if len(it.Levels) > 0 && it.Levels[0] == model.NoneLevel {
		levels = it.Levels
	}
	keys := make([]string, len(levels))
	for i, lv := range levels {
		keys[i] = fmt.Sprint(lv)
	}
	r.pad.setLevels(strings.Join(keys, ", "))
	for i, row := range r.levelRows {
		if i >= len(levels) {
			row.Hide()
			continue
		}
		lv := levels[i]
		btn := r.levelBtns[i]
		btn.Text = fmt.Sprintf("%d · %s", lv, f.Scale.LevelName(lv))
		btn.OnTapped = func() { r.rate(lv); r.focusPad() }
		if rated && rating.Level == lv {
			btn.Importance = widget.HighImportance
		} else {
			btn.Importance = widget.MediumImportance
		}
		btn.Refresh()
		text, ok := it.Descriptor(lv)
		if !ok {
			text = scaleMeaning(f, lv)
			if lv == model.NoneLevel && text == "" {
				text = wordsFor(r.sheet).noneYet
			}
		}
		r.levelDescs[i].SetText(strings.TrimSpace(text))
		row.Show()
	}
	if rated {
		r.yours.SetText(fmt.Sprintf("%s: %d · %s", wordsFor(r.sheet).rating, rating.Level, f.Scale.LevelName(rating.Level)))
		r.confidence.Enable()
		r.evidence.Enable()
		r.confidence.SetSelected(confidenceChoices[rating.Confidence])
		r.interest.Enable()
		r.interest.SetChecked(rating.Interest)
		r.evidence.SetText(rating.Evidence)
	} else {
		r.yours.SetText("Not rated yet")
		r.confidence.SetSelected("")
		r.confidence.Disable()
		r.interest.SetChecked(false)
		r.interest.Disable()
		r.evidence.SetText("")
		r.evidence.Disable()
	}
	r.fillTarget(it)
	r.carry.showItem(it)
	r.detail.ScrollToTop()
}

func (r *rateScreen) fillTarget(it *model.Item) {
	f := r.sheet.Framework
	opts := []string{"No target"}
	r.targetLvls = []int{0}
	for _, lv := range it.Levels {
		if lv != model.NoneLevel {
			opts = append(opts, fmt.Sprintf("%d · %s", lv, f.Scale.LevelName(lv)))
			r.targetLvls = append(r.targetLvls, lv)
		}
	}
	r.target.SetOptions(opts)
	t, ok := r.sheet.Targets[it.ID]
	if !ok {
		r.target.SetSelectedIndex(0)
		r.targetNote.SetText("No target for this item. Set targets from a role level in My gaps, or pick one here.")
		return
	}
	for i, lv := range r.targetLvls {
		if lv == t.Level {
			r.target.SetSelectedIndex(i)
		}
	}
	r.targetNote.SetText("Target " + targetSourceLabel(f, t.Source))
}

// targetSourceLabel says where a target came from.
func targetSourceLabel(f *model.Framework, source string) string {
	if _, id, ok := gap.ParseRoleSource(source); ok {
		if r, l, ok := f.RoleLevel(id); ok {
			return "from the role level " + l.Title + " (" + r.Family + ")"
		}
		return "from role level " + id
	}
	if strings.HasPrefix(source, gap.PersonSourcePrefix) {
		return "from another person's profile"
	}
	return "set by hand"
}

// focusPad sends keys to the rating pad.
func (r *rateScreen) focusPad() {
	r.shell.win.Canvas().Focus(r.pad)
}

// focusSearch puts the cursor in the search box (Ctrl+F).
func (r *rateScreen) focusSearch() { r.shell.win.Canvas().Focus(r.search) }

func (r *rateScreen) typedRune(ch rune) {
	switch {
	case ch >= '0' && ch <= '9':
		r.rateKey(int(ch - '0'))
	case ch == 'n' || ch == 'N':
		r.clear()
	case ch == 'i' || ch == 'I':
		r.toggleInterest()
	case ch == '/':
		r.focusSearch()
	}
}

func (r *rateScreen) typedKey(e *fyne.KeyEvent) {
	switch e.Name {
	case fyne.KeyDown, fyne.KeyRight, fyne.KeyPageDown:
		r.move(1)
	case fyne.KeyUp, fyne.KeyLeft, fyne.KeyPageUp:
		r.move(-1)
	case fyne.KeyDelete, fyne.KeyBackspace:
		r.clear()
	}
}

// rateKey rates the current item from a number key, refusing levels the
// item does not define.
func (r *rateScreen) rateKey(level int) {
	if r.cur == nil {
		return
	}
	if !r.cur.ValidLevel(level) {
		r.saveStatus.SetText(fmt.Sprintf("Level %d is not defined for %s", level, r.cur.ID))
		return
	}
	r.rate(level)
}

// move goes to the previous or next item in the contents list.
func (r *rateScreen) move(step int) {
	if r.cur == nil {
		return
	}
	at := -1
	for i, row := range r.rows {
		if !row.heading && row.item.ID == r.cur.ID {
			at = i
		}
	}
	for i := at + step; i >= 0 && i < len(r.rows); i += step {
		if !r.rows[i].heading {
			r.list.Select(i)
			r.list.ScrollTo(i)
			r.focusPad()
			return
		}
	}
}

// rate records a level for the current item and saves it.
func (r *rateScreen) rate(level int) {
	if r.cur == nil || r.sheet == nil {
		return
	}
	it := r.cur
	rt := r.sheet.Ratings[it.ID]
	rt.Item, rt.Level, rt.RatedAt = it.ID, level, time.Now().UTC()
	r.change(it.ID, ratingState{rated: true, rating: rt}, false)
	r.afterChange(it)
}

func (r *rateScreen) clear() {
	if r.cur == nil || r.sheet == nil {
		return
	}
	it := r.cur
	if _, ok := r.sheet.Ratings[it.ID]; !ok {
		return
	}
	r.change(it.ID, ratingState{}, false)
	r.afterChange(it)
}

func (r *rateScreen) changeConfidence() {
	if r.filling || r.cur == nil {
		return
	}
	rt, ok := r.sheet.Ratings[r.cur.ID]
	if !ok {
		return
	}
	rt.Confidence = 0
	for i, c := range confidenceChoices {
		if c == r.confidence.Selected {
			rt.Confidence = i
		}
	}
	r.change(rt.Item, ratingState{rated: true, rating: rt}, false)
}

// interestLabel is the rating screen's words for model.Rating.Interest.
const interestLabel = "I want to develop this"

// changeInterest saves the check box's "I want to develop this" with the rating.
func (r *rateScreen) changeInterest() {
	if r.filling || r.cur == nil {
		return
	}
	rt, ok := r.sheet.Ratings[r.cur.ID]
	if !ok || rt.Interest == r.interest.Checked {
		return
	}
	rt.Interest = r.interest.Checked
	r.change(rt.Item, ratingState{rated: true, rating: rt}, false)
	r.list.Refresh()
}

// toggleInterest is the I key: it turns "I want to develop this" on or off
// for the item on screen. Interest goes with a rating, so an item not rated
// yet is refused visibly (0, "none yet", is a rating).
func (r *rateScreen) toggleInterest() {
	if r.cur == nil || r.sheet == nil {
		return
	}
	it := r.cur
	rt, ok := r.sheet.Ratings[it.ID]
	if !ok {
		r.saveStatus.SetText(fmt.Sprintf("Rate %s first (0 if you have none yet): \"%s\" goes with a rating", it.ID, interestLabel))
		return
	}
	rt.Interest = !rt.Interest
	r.change(it.ID, ratingState{rated: true, rating: rt}, false)
	r.afterChange(it)
}

func (r *rateScreen) changeEvidence() {
	if r.filling || r.cur == nil {
		return
	}
	rt, ok := r.sheet.Ratings[r.cur.ID]
	if !ok {
		return
	}
	rt.Evidence = r.evidence.Text
	r.change(rt.Item, ratingState{rated: true, rating: rt}, true)
}

// change is the one way a rating changes: it updates the sheet, records the
// change for undo and queues the write. Redrawing is the caller's job (the
// evidence entry must not be refilled while it is being typed in).
func (r *rateScreen) change(item string, to ratingState, evidence bool) {
	r.history.record(ratingChange{item: item, before: r.state(item), after: to, evidence: evidence})
	r.note = ""
	r.put(item, to)
}

// state is an item's rating on screen now.
func (r *rateScreen) state(item string) ratingState {
	rt, ok := r.sheet.Ratings[item]
	return ratingState{rated: ok, rating: rt}
}

// put sets an item's rating on the sheet and queues the write.
func (r *rateScreen) put(item string, to ratingState) {
	id, ws := r.sheet.Assessment.ID, r.shell.ws
	if r.note != "" {
		r.saveStatus.SetText(r.note + " · saving…")
	} else {
		r.saveStatus.SetText("Saving…")
	}
	delete(r.sheet.Review, item) // any change to a carried rating confirms it (the store does the same)
	if to.rated {
		r.sheet.Ratings[item] = to.rating
		rt := to.rating
		r.saver.do("rating:"+item, func() error { return ws.Rate(r.saveCtx(), id, rt) })
		return
	}
	delete(r.sheet.Ratings, item)
	r.saver.do("rating:"+item, func() error { return ws.ClearRating(r.saveCtx(), model.AssessmentID(id), model.ItemID(item)) })
}

// undo takes back the latest rating change (level, not rated, confidence or
// evidence) and saves the result like any change; repeated, it returns to
// the ratings the assessment was opened with.
func (r *rateScreen) undo() {
	if r.sheet == nil {
		return
	}
	c, ok := r.history.pop()
	if !ok {
		r.saveStatus.SetText("Nothing to undo")
		return
	}
	r.note = undoMessage(c)
	r.put(c.item, c.before)
	r.updateProgress()
	r.list.Refresh()
	if r.cur == nil || r.cur.ID != c.item {
		r.selectItem(c.item) // show what changed, leaving focus where it is
	} else {
		r.showItem(r.cur)
	}
}

func (r *rateScreen) changeTarget() {
	if r.filling || r.cur == nil {
		return
	}
	it := r.cur
	level := 0
	if i := r.target.SelectedIndex(); i > 0 && i < len(r.targetLvls) {
		level = r.targetLvls[i]
	}
	if level == 0 {
		delete(r.sheet.Targets, it.ID)
	} else {
		r.sheet.Targets[it.ID] = model.Target{Item: it.ID, Level: level, Source: gap.ManualSource}
	}
	r.targetNote.SetText("Target " + targetSourceLabel(r.sheet.Framework, gap.ManualSource))
	r.saveStatus.SetText("Saving…")
	id, ws := r.sheet.Assessment.ID, r.shell.ws
	r.saver.do("target:"+it.ID, func() error { return ws.SetTarget(r.saveCtx(), model.AssessmentID(id), model.ItemID(it.ID), level) })
}

// afterChange redraws what a rating change affects.
func (r *rateScreen) afterChange(it *model.Item) {
	r.updateProgress()
	r.list.Refresh()
	if r.cur == it {
		r.showItem(it)
	}
}

// saved runs after each write: only now does the screen say "saved".
func (r *rateScreen) saved(err error, pending int) {
	if err != nil {
		r.saveStatus.SetText("Not saved")
		showError(r.shell.win, err)
		if r.sheet != nil {
			r.load(r.sheet.Assessment.ID) // show what the database really holds
		}
		return
	}
	if pending == 0 {
		if r.note != "" {
			r.saveStatus.SetText(r.note + " · all changes saved")
		} else {
			r.saveStatus.SetText("All changes saved")
		}
	}
}

func (r *rateScreen) updateProgress() {
	if r.sheet == nil {
		return
	}
	n, total := r.sheet.Rated(), len(r.sheet.Items)
	r.count.SetText(fmt.Sprintf("%d of %d rated", n, total))
	if total > 0 {
		r.progress.SetValue(float64(n) / float64(total))
	}
}

// whenSaved runs f on the UI goroutine once every change has been written.
func (r *rateScreen) whenSaved(f func()) { r.saver.whenIdle(f) }

func (r *rateScreen) firstItemRow() int {
	for i, row := range r.rows {
		if !row.heading {
			return i
		}
	}
	return -1
}

// saveCtx is for queued rating writes: closing the window waits for them
// (installKeys), so they are not cancelled with the window's context. They
// carry this screen's origin: it already shows its own changes.
func (r *rateScreen) saveCtx() context.Context {
	return workspace.WithOrigin(context.WithoutCancel(r.shell.ctx), rateOrigin{})
}
