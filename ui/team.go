package ui

import (
	"context"
	"fmt"
	"image/color"
	"io"
	"slices"
	"strconv"
	"strings"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"gapwise/internal/chart"
	"gapwise/internal/gap"
	"gapwise/internal/model"
	"gapwise/internal/workspace"
)

// teamScreen is the CCIO's team gap workshop: merge members' files, see the
// team's composition, a members x items heatmap, coverage, single points of
// failure and common gaps, with a workshop display for projecting.
type teamScreen struct {
	listing, loading newest // latest-wins loads (ui/async.go)
	shell            *Shell
	teams            []model.Team
	view             *workspace.TeamView
	plan             *model.Plan          // the team's development plan
	drafts           *draftDialog         // the last "Draft from common gaps" dialog (tests)
	targetsForm      *dialog.CustomDialog // the team targets dialog last opened (teamactions.go)
	targetsControls  targetsControls
	teach            *teachPanel // the "Who can teach whom" tab (teach.go)

	display gap.Display // named or workshop display (gap.Display decides what each shows)
	roster  gap.Roster  // the members in the display's order, under its labels

	rows     []int              // heatmap rows: indexes into view.Members
	cols     []*gap.ItemMeasure // heatmap columns after filter and sort
	measures []*gap.ItemMeasure // measure list rows (same filter and sort)
	rowHeadW float32            // the width of the heatmap's row headings (fitRowHeads)

	picker      *widget.Select
	mode        *widget.Button
	rowsBtn     *widget.Button // in workshop display: individual rows, or back to counts per level
	importBtn   *widget.Button
	addBtn      *widget.Button
	removeBtn   *widget.Button    // lists names: off in workshop display
	blank       fyne.CanvasObject // shown when there is no team
	modeNote    *widget.Label
	status      *widget.Label // what the last save did; never the banner
	minEntry    *widget.Entry
	groupFilter *widget.Select
	sortBy      *widget.Select
	composition *widget.RichText
	compCharts  *fyne.Container  // the composition as bar charts (compchart.go)
	compMembers *widget.RichText // named display: who is in the team
	table       *widget.Table
	list        *widget.List
	common      *widget.RichText
	actions     *widget.List
	actionRows  *wrappedRows // the team plan's rows as tall as their text
	legend      *widget.Label
	swatches    *fyne.Container  // the legend drawn in the cells' colours (heatkey.go)
	heatKey     *widget.RichText // item codes and their whole titles
	hoverLine   *widget.Label    // the heading under the mouse, whole
	tabs        *container.AppTabs
	body        *container.Scroll // the team's page, scrolling when the window is too short
	empty       *widget.Label
	root        *fyne.Container
}

const (
	sortFramework = "Framework order"
	sortGap       = "Largest share below target"
	allGroups     = "All groups"
)

func newTeamScreen(s *Shell) *teamScreen {
	t := &teamScreen{shell: s, display: gap.NamedDisplay()}
	t.picker = widget.NewSelect(nil, func(string) { t.pick() })
	t.picker.PlaceHolder = "Choose a team"
	newTeam := widget.NewButtonWithIcon("New team…", theme.ContentAddIcon(), func() { t.newTeam() })
	t.importBtn = widget.NewButtonWithIcon("Import members' files…", theme.DownloadIcon(), func() { t.importFolder() })
	t.addBtn = widget.NewButtonWithIcon("Add a person…", theme.AccountIcon(), func() { t.addMember() })
	t.removeBtn = widget.NewButtonWithIcon("Remove a person…", theme.ContentRemoveIcon(), func() { t.removeMember() })
	targets := widget.NewButtonWithIcon("Team targets…", theme.SettingsIcon(), func() { t.setTargets() })
	t.mode = widget.NewButtonWithIcon("Workshop display", theme.VisibilityOffIcon(), func() { t.toggleWorkshop() })
	t.modeNote = widget.NewLabel("")
	t.modeNote.Wrapping = fyne.TextWrapWord
	t.status = widget.NewLabel("")
	t.status.Truncation = fyne.TextTruncateEllipsis
	t.rowsBtn = widget.NewButtonWithIcon("Show individual rows…", theme.VisibilityIcon(), func() { t.toggleRows() })
	t.rowsBtn.Hide()
	t.minEntry = widget.NewEntry()
	t.minEntry.SetText(strconv.Itoa(gap.DefaultMinPeople))
	t.minEntry.OnSubmitted = func(string) { t.setMinPeople() }

	t.groupFilter = widget.NewSelect([]string{allGroups}, func(string) { t.arrange() })
	t.groupFilter.SetSelected(allGroups)
	t.sortBy = widget.NewSelect([]string{sortFramework, sortGap}, func(string) { t.arrange() })
	sortBox := fixedWidth(300, t.sortBy)
	groupBox := fixedWidth(300, t.groupFilter)
	t.sortBy.SetSelected(sortFramework)

	t.composition = widget.NewRichText()
	t.composition.Wrapping = fyne.TextWrapWord
	t.compCharts = container.NewVBox()
	t.compMembers = widget.NewRichText()
	t.compMembers.Wrapping = fyne.TextWrapWord
	t.teach = newTeachPanel(t)
	t.table = widget.NewTableWithHeaders(t.tableSize, t.newCell, t.updateCell)
	// Headers are plain text, cut to fit, rather than labels: the table
	// refreshes every header on each scroll and labels re-shape their text.
	// Hovering shows the heading whole (heatkey.go).
	t.hoverLine = newHoverLine()
	t.table.CreateHeader = func() fyne.CanvasObject { return newHeatHeader(t.hoverLine) }
	t.table.UpdateHeader = t.updateHeader
	t.table.OnSelected = func(id widget.TableCellID) { t.showCell(id); t.table.UnselectAll() }
	t.list = widget.NewList(
		func() int { return len(t.measures) },
		func() fyne.CanvasObject {
			l := widget.NewLabel("measure template row")
			l.Truncation = fyne.TextTruncateEllipsis
			return l
		},
		func(id widget.ListItemID, o fyne.CanvasObject) {
			setLabel(o.(*widget.Label), t.measureLine(t.measures[id]), false)
		},
	)
	t.list.OnSelected = func(id widget.ListItemID) {
		t.list.Unselect(id)
		if id >= 0 && id < len(t.measures) {
			t.setItemTarget(t.measures[id].Item)
		}
	}
	t.common = widget.NewRichText()
	t.common.Wrapping = fyne.TextWrapWord

	t.actions = widget.NewList(
		func() int {
			if t.plan == nil {
				return 0
			}
			return len(t.plan.Actions)
		},
		func() fyne.CanvasObject { return wrapRowLabel("action template") },
		func(id widget.ListItemID, o fyne.CanvasObject) {
			setLabel(o.(*widget.Label), t.teamActionLine(t.plan.Actions[id]), false)
		},
	)
	var actionRows fyne.CanvasObject
	actionRows, t.actionRows = fitRows(t.actions, func() int {
		if t.plan == nil {
			return 0
		}
		return len(t.plan.Actions)
	}, func(id int) string { return t.teamActionLine(t.plan.Actions[id]) }, 3)
	t.actions.OnSelected = func(id widget.ListItemID) {
		t.actions.Unselect(id)
		if t.plan != nil && id >= 0 && id < len(t.plan.Actions) {
			t.editAction(t.plan.Actions[id])
		}
	}
	addAction := widget.NewButtonWithIcon("Add team action…", theme.ContentAddIcon(), func() { t.editAction(model.Action{Status: model.Planned}) })
	addAction.Importance = widget.HighImportance
	draft := widget.NewButtonWithIcon("Draft from common gaps…", theme.ContentAddIcon(), func() { t.draftActions() })
	planNote := widget.NewLabel("Actions for the whole team or for named members, linked to the items they address.")
	planNote.Truncation = fyne.TextTruncateEllipsis
	planTab := container.NewBorder(container.NewBorder(nil, nil, container.NewHBox(addAction, draft), nil, planNote), nil, nil, nil, actionRows)

	t.legend = widget.NewLabel("")
	t.legend.Wrapping = fyne.TextWrapWord
	t.swatches = container.NewHBox() // not RowWrap: its height before layout is one row per swatch
	t.heatKey = widget.NewRichText()
	t.heatKey.Wrapping = fyne.TextWrapWord
	// The controls wrap: with workshop display's rows button they are wider than 1024 pixels at 110% text.
	heat := container.NewBorder(container.NewVBox(container.New(layout.NewRowWrapLayout(), container.NewHBox(widget.NewLabel("Show"), groupBox), container.NewHBox(widget.NewLabel("Sort"), sortBox), t.rowsBtn), t.swatches, t.hoverLine), nil, nil, nil,
		keyBox(container.New(&rowHeadFit{t}, t.table), t.legend, t.heatKey))
	measures := container.NewHSplit(t.list, container.NewVScroll(container.NewPadded(t.common)))
	measures.Offset = 0.6
	t.tabs = container.NewAppTabs(
		container.NewTabItem("Composition", container.NewVScroll(container.NewPadded(container.NewVBox(t.composition, t.compCharts, t.compMembers)))),
		container.NewTabItem("Heatmap", heat),
		container.NewTabItem("Coverage and common gaps", measures),
		container.NewTabItem("Who can teach whom", t.teach.root),
		container.NewTabItem("Team plan", planTab),
	)
	// One bar that wraps, so the window fits 1024 pixels (two rows there,
	// one on a wide screen) and leaves the room below to the figures; the
	// banner's Leave button stays on screen.
	pdf := widget.NewButtonWithIcon("Save team report PDF…", theme.DocumentPrintIcon(), func() { t.saveOutput("pdf") })
	xlsx := widget.NewButtonWithIcon("Export XLSX…", theme.UploadIcon(), func() { t.saveOutput(string(workspace.TeamFormatXLSX)) })
	csv := widget.NewButtonWithIcon("Export CSV…", theme.UploadIcon(), func() { t.saveOutput(string(workspace.TeamFormatCSV)) })
	delTeam := widget.NewButtonWithIcon("Delete team…", theme.DeleteIcon(), func() { t.deleteTeam() })
	// Room for three digits, whatever the text size.
	minBox := widthFor(func() float32 {
		return fyne.MeasureText("000", theme.TextSize(), fyne.TextStyle{}).Width + 4*theme.Padding() + theme.InnerPadding()
	}, t.minEntry)
	bar := container.New(layout.NewRowWrapLayout(), newTeam, t.importBtn, t.addBtn, targets, t.mode,
		container.NewHBox(widget.NewLabel("hide figures from fewer than"), minBox, widget.NewLabel("people")),
		pdf, xlsx, csv)
	top := container.NewVBox(newBar(widget.NewLabel("Team"), t.picker, t.removeBtn, delTeam), bar, t.modeNote, collapsing(t.status))
	// The page scrolls when the window is too short for it (150% text on a
	// 768-pixel screen, with workshop display's banner): the heatmap keeps
	// the rows it needs rather than being squeezed to nothing.
	t.body = container.NewVScroll(container.NewBorder(top, nil, nil, nil, t.tabs))
	t.empty = widget.NewLabel("No teams yet. Create one with New team…, then import members' .gapwise.json files.")
	t.blank = container.NewBorder(container.NewHBox(newTeam), nil, nil, nil, container.NewCenter(t.empty))
	t.root = container.NewStack(t.blank)
	// Nothing is loaded until Team is shown (Shell.refreshTab): on an
	// organisation's database a team's view is hundreds of megabytes.
	return t
}

// content is the screen's root object.
func (t *teamScreen) content() fyne.CanvasObject { return t.root }

// shown is the team on screen, nil when none.
func (t *teamScreen) shown() *workspace.TeamView { return t.view }

// workshopOn reports whether the workshop display is on.
func (t *teamScreen) workshopOn() bool { return t.display.Workshop }

func (t *teamScreen) reloadTeams(selectID string) {
	loadNewest(&t.listing, t.shell.ctx, func(ctx context.Context) ([]model.Team, error) {
		return t.shell.ws.Teams(ctx)
	}, func(teams []model.Team, err error) {
		if err != nil {
			showError(t.shell.win, err)
			return
		}
		t.teams = teams
		names := make([]string, len(teams))
		for i, tm := range teams {
			names[i] = tm.Name + " (" + tm.Framework.String() + ")"
		}
		t.picker.SetOptions(names)
		if len(teams) == 0 {
			t.root.Objects = []fyne.CanvasObject{t.blank}
			t.root.Refresh()
			return
		}
		t.root.Objects = []fyne.CanvasObject{t.body}
		t.root.Refresh()
		idx := 0
		for i, tm := range teams {
			if tm.ID == selectID {
				idx = i
			}
		}
		if t.picker.SelectedIndex() == idx {
			t.load(teams[idx].ID) // same team: reload its figures
			return
		}
		t.picker.SetSelectedIndex(idx)
	})
}

func (t *teamScreen) teamID() string {
	if i := t.picker.SelectedIndex(); i >= 0 && i < len(t.teams) {
		return t.teams[i].ID
	}
	return ""
}

func (t *teamScreen) pick() { t.load(t.teamID()) }

// load recomputes a team's view in the background.
func (t *teamScreen) load(id string) {
	if id == "" {
		t.loading.stale()
		return
	}
	type loaded struct {
		view *workspace.TeamView
		plan model.Plan
	}
	loadNewest(&t.loading, t.shell.ctx, func(ctx context.Context) (loaded, error) {
		v, err := t.shell.ws.TeamView(ctx, id)
		if err != nil {
			return loaded{}, err
		}
		p, err := t.shell.ws.TeamPlan(ctx, id)
		return loaded{v, p}, err
	}, func(l loaded, err error) {
		if err != nil {
			showError(t.shell.win, err)
			return
		}
		t.plan = &l.plan
		t.show(l.view)
	})
}

// selectTeam shows a team by id.
func (t *teamScreen) selectTeam(id string) { t.reloadTeams(id) }

func (t *teamScreen) show(v *workspace.TeamView) {
	t.view = v
	if len(t.root.Objects) != 1 || t.root.Objects[0] != t.body {
		t.root.Objects = []fyne.CanvasObject{t.body}
		t.root.Refresh()
	}
	groups := []string{allGroups}
	for _, g := range v.Framework.Groups {
		if g.Parent == "" {
			groups = append(groups, g.Title)
		}
	}
	t.groupFilter.SetOptions(groups)
	if !slices.Contains(groups, t.groupFilter.Selected) {
		t.groupFilter.SetSelected(allGroups)
	}
	t.arrange()
}

// arrange applies the group filter and sort to the heatmap and measures.
func (t *teamScreen) arrange() {
	v := t.view
	if v == nil {
		return
	}
	var cols []*gap.ItemMeasure
	for i := range v.Measures.Items {
		m := &v.Measures.Items[i]
		if t.groupFilter.Selected == allGroups || t.groupFilter.Selected == "" || topGroupTitle(v.Framework, m.Item) == t.groupFilter.Selected {
			cols = append(cols, m)
		}
	}
	if t.sortBy.Selected == sortGap {
		slices.SortStableFunc(cols, func(a, b *gap.ItemMeasure) int {
			switch {
			case a.BelowShare > b.BelowShare:
				return -1
			case a.BelowShare < b.BelowShare:
				return 1
			}
			return b.Below - a.Below
		})
	}
	// The heatmap in workshop display leaves out items rated by too few
	// people: their cells would show what the measures suppress.
	t.cols, t.measures = nil, cols
	for _, m := range cols {
		if !t.hidden(m.Rated) {
			t.cols = append(t.cols, m)
		}
	}
	t.roster = v.Roster(t.display)
	t.rows = t.roster.Order
	if !t.display.PersonRows() {
		t.rows = nil
		for _, l := range v.Framework.Scale.Levels {
			t.rows = append(t.rows, l.Value)
		}
		t.rows = append(t.rows, notRatedRow)
	}
	// The legend after the rows: setting its text lays the tab out again,
	// which redraws the table's cells for the display just chosen.
	t.fitRowHeads(t.table.Size().Width)
	t.legend.SetText(t.legendText())
	t.swatches.Objects = t.legendSwatches()
	t.swatches.Refresh()
	t.heatKey.Segments = t.heatKeyText()
	t.heatKey.Refresh()
	for i := range cols {
		t.table.SetColumnWidth(i, heatColumnW)
	}
	t.showComposition()
	t.common.Segments = t.commonGapSegments()
	t.common.Refresh()
	t.table.Refresh()
	t.list.Refresh()
	t.teach.refresh()
	t.actionRows.refit()
	t.actions.Refresh()
	t.updateModeNote()
}

func topGroupTitle(f *model.Framework, it *model.Item) string {
	if g := f.TopGroup(it.Group); g != nil {
		return g.Title
	}
	return ""
}

// notRatedRow stands for the "not rated" row of the distribution heatmap.
const notRatedRow = -1

// legendText explains the heatmap's cells as the display shows them; the
// swatches above it (legendSwatches) show the colours themselves, in
// whichever theme is on.
func (t *teamScreen) legendText() string {
	if !t.display.PersonRows() {
		return fmt.Sprintf("Each cell counts the members at a level on an item, shaded by their share of the team; the last row counts those who did not rate it. "+
			"Items rated by fewer than %d people are left out. Individual rows are hidden in workshop display.", t.display.MinPeople)
	}
	if t.display.Workshop {
		return "Cells give the level as a number. Rows are neutral labels; evidence stays hidden."
	}
	return "Cells give the level as a number. Select a cell for the rating and its evidence."
}

// memberLabel is the label of heatmap row r: the member's name, a neutral
// label in workshop display (the roster's), or a level of the scale in the
// distribution shown by default in workshop display.
func (t *teamScreen) memberLabel(r int) string {
	if t.display.PersonRows() {
		return t.roster.Labels[r]
	}
	if t.rows[r] == notRatedRow {
		return "Not rated"
	}
	return fmt.Sprintf("%d · %s", t.rows[r], t.view.Framework.Scale.LevelName(t.rows[r]))
}

// distributionCell is the count a distribution cell shows, and whether its
// level is below the item's team target.
func (t *teamScreen) distributionCell(id widget.TableCellID) (int, bool) {
	m := t.cols[id.Col]
	lv := t.rows[id.Row]
	if lv == notRatedRow {
		return m.NotRated(), false
	}
	return m.AtLevel(lv), m.Target != nil && lv < *m.Target
}

func (t *teamScreen) tableSize() (int, int) {
	if t.view == nil {
		return 0, 0
	}
	return len(t.rows), len(t.cols)
}

// newCell is the heatmap's one cell template: a shaded background with the
// level as text, so colour never carries the meaning alone.
func (t *teamScreen) newCell() fyne.CanvasObject {
	bg := canvas.NewRectangle(color.Transparent)
	l := canvas.NewText("–", theme.Color(theme.ColorNameForeground))
	l.Alignment = fyne.TextAlignCenter
	return container.NewStack(bg, l)
}

func (t *teamScreen) updateCell(id widget.TableCellID, o fyne.CanvasObject) {
	c := o.(*fyne.Container)
	bg := c.Objects[0].(*canvas.Rectangle)
	l := c.Objects[1].(*canvas.Text)
	if id.Row >= len(t.rows) || id.Col >= len(t.cols) {
		return
	}
	text, shade := "–", 0.0
	if !t.display.PersonRows() {
		// A count of members: the share of the team sets the shade.
		n, below := t.distributionCell(id)
		text = ""
		if n > 0 {
			text = strconv.Itoa(n)
			if below {
				text += " ↓"
			}
			shade = float64(n) / float64(max(1, t.cols[id.Col].Members))
		}
	} else if t.rows[id.Row] < 0 {
		return // a level row left from the display before; the table is being redrawn
	} else if r, ok := t.view.Ratings.Get(model.PersonID(t.view.Members[t.rows[id.Row]].ID), model.ItemID(t.cols[id.Col].Item.ID)); ok {
		text = strconv.Itoa(r.Level)
		shade = chart.LevelShade(r.Level, t.view.Framework.Scale.Top())
		if tg := t.cols[id.Col].Target; tg != nil && r.Level < *tg {
			text += " ↓"
		}
	}
	if fill := heatFill(shade); bg.FillColor != fill {
		bg.FillColor = fill
		bg.Refresh()
	}
	// The text colour too: the theme may have changed since the cell was made.
	if fg := theme.Color(theme.ColorNameForeground); l.Text != text || l.Color != fg {
		l.Text, l.Color = text, fg
		l.Refresh()
	}
}

func (t *teamScreen) updateHeader(id widget.TableCellID, o fyne.CanvasObject) {
	h := o.(*heatHeader)
	switch {
	case t.view == nil:
		h.set("", "", "", false)
	case id.Row < 0 && id.Col >= 0 && id.Col < len(t.cols):
		it := t.cols[id.Col].Item
		h.set(model.ClipText(it.ID, 10), shortTitle(it.Title), it.ID+" "+it.Title, true)
	case id.Col < 0 && id.Row >= 0 && id.Row < len(t.rows):
		label := t.memberLabel(id.Row)
		h.set(clipToWidth(label, theme.TextSize(), t.rowHeadW-2*theme.Padding()), "", label, false)
	default:
		h.set("", "", "", false)
	}
}

// showCell shows a rating with its evidence, read from the member's
// assessment. In workshop display evidence stays hidden: it is personal and
// could identify the member.
func (t *teamScreen) showCell(id widget.TableCellID) {
	if t.view == nil || id.Row < 0 || id.Col < 0 || id.Row >= len(t.rows) || id.Col >= len(t.cols) {
		return
	}
	it := t.cols[id.Col].Item
	f := t.view.Framework
	title := t.memberLabel(id.Row) + " · " + it.Label()
	if !t.display.PersonRows() {
		n, below := t.distributionCell(id)
		msg := fmt.Sprintf("%d of %d members at level %s.", n, t.cols[id.Col].Members, t.memberLabel(id.Row))
		if t.rows[id.Row] == notRatedRow {
			msg = fmt.Sprintf("%d of %d members did not rate this item.", n, t.cols[id.Col].Members)
		}
		if below {
			msg += "\nThis level is below the team target."
		}
		dialog.NewInformation(title, msg, t.shell.win).Show()
		return
	}
	m := t.view.Members[t.rows[id.Row]]
	if t.display.Workshop {
		// Evidence is personal and could identify the member: it is not
		// even read.
		msg := "Not rated."
		if r, ok := t.view.Ratings.Get(model.PersonID(m.ID), model.ItemID(it.ID)); ok {
			msg = fmt.Sprintf("Level %d · %s.\nEvidence is hidden in workshop display.", r.Level, f.Scale.LevelName(r.Level))
		}
		dialog.NewInformation(title, msg, t.shell.win).Show()
		return
	}
	inBackground(func() (*model.Rating, error) {
		r, ok, err := t.shell.ws.LatestRating(t.shell.ctx, m.ID, f.Ref, it.ID)
		if !ok {
			return nil, err
		}
		return &r, err
	}, func(r *model.Rating, err error) {
		if err != nil {
			showError(t.shell.win, err)
			return
		}
		var msg string
		switch {
		case r == nil:
			msg = "Not rated."
		default:
			msg = fmt.Sprintf("Level %d · %s", r.Level, f.Scale.LevelName(r.Level))
			if r.Confidence > 0 {
				msg += fmt.Sprintf(", confidence %d of 5", r.Confidence)
			}
			if r.Evidence != "" {
				msg += "\n\nEvidence: " + r.Evidence
			} else {
				msg += "\n\nNo evidence recorded."
			}
		}
		dialog.NewInformation(title, msg, t.shell.win).Show()
	})
}

// hidden reports whether a figure resting on n people is suppressed now.
func (t *teamScreen) hidden(n int) bool { return t.display.Hides(n) }

// measureLine states an item's team figures, status first (it is what a
// workshop discusses), each figure with how many people it rests on.
func (t *teamScreen) measureLine(m *gap.ItemMeasure) string {
	head := m.Item.Label()
	if t.hidden(m.Rated) {
		return fmt.Sprintf("[hidden] %s — rated by fewer than %d people", head, t.display.MinPeople)
	}
	figures := fmt.Sprintf("rated by %d of %d", m.Rated, m.Members)
	if m.Median != nil {
		figures += fmt.Sprintf(" · median %d, highest %d", *m.Median, *m.Max)
	}
	if m.Target == nil {
		return fmt.Sprintf("[no target] %s — %s", head, figures)
	}
	status := "covered"
	switch {
	case m.Fragile:
		status = "FRAGILE: one person"
	case !m.Covered:
		status = "NOT COVERED"
	}
	return fmt.Sprintf("[%s] %s — %d meet target %d, %d below · %s", status, head, m.Meeting, *m.Target, m.Below, figures)
}

func (t *teamScreen) commonGapSegments() []widget.RichTextSegment {
	v := t.view
	segs := []widget.RichTextSegment{subheading("Common gaps")}
	if len(v.Targets) == 0 {
		return append(segs, para("Set team targets (Team targets…) to see coverage, single points of failure and common gaps."))
	}
	n := 0
	for _, m := range v.Measures.CommonGaps {
		if t.hidden(m.Rated) {
			continue
		}
		n++
		if n > 15 {
			break
		}
		segs = append(segs, para(fmt.Sprintf("%s: %d of %d rated members below target %d (%.0f%%)", m.Item.Label(), m.Below, m.Rated, *m.Target, m.BelowShare*100)))
	}
	if n == 0 {
		segs = append(segs, para("None shown."))
	}
	// Each fragile item with who is interested in becoming its second
	// holder, as the display allows (gap.SecondHolderLine: names, labels
	// with individual rows, else a count).
	type fragileItem struct{ label, second string }
	var fragile []fragileItem
	var order []int
	for i := range v.Measures.Items {
		if m := &v.Measures.Items[i]; m.Fragile && !t.hidden(m.Rated) {
			if order == nil {
				order = v.Ratings.DisplayOrder(t.roster)
			}
			tc := gap.Teach(v.Framework, v.Ratings, m, order)
			fragile = append(fragile, fragileItem{m.Item.Label(), gap.SecondHolderLine(t.display, t.roster, v.Ratings, tc, m)})
		}
	}
	segs = append(segs, subheading(fmt.Sprintf("Single points of failure (%d)", len(fragile))))
	if len(fragile) == 0 {
		segs = append(segs, para("No item rests on exactly one member."))
	}
	for _, f := range fragile {
		segs = append(segs, para(f.label))
		if f.second != "" {
			segs = append(segs, emphasis(f.second))
		}
	}
	return segs
}

// toggleWorkshop switches the display for projecting. Going back to names
// needs a deliberate confirmation, so a slip of the mouse in front of a room
// does not show who rated what.
func (t *teamScreen) toggleWorkshop() {
	if !t.display.Workshop {
		t.setMinPeople()
		t.setWorkshop(true)
		return
	}
	dialog.ShowConfirm("Leave workshop display?", "Names, evidence and figures resting on few people will be shown again. Is the screen private?", func(ok bool) {
		if ok {
			t.setWorkshop(false)
		}
	}, t.shell.win)
}

// setWorkshop turns the workshop display on or off directly.
func (t *teamScreen) setWorkshop(on bool) {
	t.display.Workshop = on
	t.display.Individual = false
	t.status.SetText("")
	if on {
		t.mode.SetText("Show names…")
		t.mode.SetIcon(theme.VisibilityIcon())
		// Both list real names (people to add, files imported).
		t.importBtn.Disable()
		t.addBtn.Disable()
		t.removeBtn.Disable()
		t.rowsBtn.Show()
	} else {
		t.mode.SetText("Workshop display")
		t.mode.SetIcon(theme.VisibilityOffIcon())
		t.importBtn.Enable()
		t.addBtn.Enable()
		t.removeBtn.Enable()
		t.rowsBtn.Hide()
	}
	t.updateRowsButton()
	// Rows first: the projection redraws the window, heatmap included.
	t.arrange()
	t.shell.setProjection(on)
}

// toggleRows switches the workshop heatmap between counts per level and
// one row per member under neutral labels. Individual rows need their own
// confirmation: people in the room may recognise a colleague from a row of
// levels, even without a name.
func (t *teamScreen) toggleRows() {
	if !t.display.Workshop {
		return
	}
	if t.display.Individual {
		t.setIndividual(false)
		return
	}
	dialog.ShowConfirm("Show individual rows?",
		"Each member gets a row of their own under a neutral label (Member A, Member B …). "+
			"People in the room can often tell who is who from a row of levels, and a label is the same "+
			"person in the PDF and the exports made now. Show them only if the team has agreed.",
		func(ok bool) {
			if ok {
				t.setIndividual(true)
			}
		}, t.shell.win)
}

func (t *teamScreen) setIndividual(on bool) {
	t.display.Individual = on && t.display.Workshop
	t.updateRowsButton()
	t.shell.updateBanner()
	t.arrange()
}

func (t *teamScreen) updateRowsButton() {
	if t.display.Individual {
		t.rowsBtn.SetText("Show counts per level")
		t.rowsBtn.SetIcon(theme.VisibilityOffIcon())
	} else {
		t.rowsBtn.SetText("Show individual rows…")
		t.rowsBtn.SetIcon(theme.VisibilityIcon())
	}
}

func (t *teamScreen) setMinPeople() {
	n, err := strconv.Atoi(strings.TrimSpace(t.minEntry.Text))
	d := t.display
	d.MinPeople = n
	if err != nil || d.Validate() != nil || n > gap.MaxMinPeople {
		t.minEntry.SetText(strconv.Itoa(t.display.MinPeople))
		return
	}
	t.display = d
	t.shell.updateBanner()
	t.arrange()
}

func (t *teamScreen) updateModeNote() {
	if t.display.Workshop {
		t.modeNote.SetText(fmt.Sprintf("Workshop display: names replaced by labels; figures resting on fewer than %d people are hidden; members' files cannot be imported or people added until you leave it. Reports and exports follow the display.", t.display.MinPeople))
		t.modeNote.Importance = widget.WarningImportance
	} else {
		t.modeNote.SetText("Names shown: switch to workshop display before projecting. Reports and exports follow the display.")
		t.modeNote.Importance = widget.MediumImportance
	}
	t.modeNote.Refresh()
}

// teamActionLine describes a team action, naming its owner (a neutral label
// in workshop display).
func (t *teamScreen) teamActionLine(a model.Action) string {
	who := "whole team"
	if l := t.roster.Label(a.Owner); l != "" {
		who = l
	}
	return who + " · " + actionLine(a)
}

// editAction edits one action of the team's plan.
func (t *teamScreen) editAction(a model.Action) {
	if t.view == nil || t.plan == nil {
		return
	}
	s, id := t.shell, t.view.Team.ID
	var items []*model.Item
	for _, m := range t.view.Measures.CommonGaps {
		items = append(items, m.Item)
	}
	for _, iid := range a.Items {
		if it, ok := t.view.Framework.Item(iid); ok && !slices.Contains(items, it) {
			items = append(items, it)
		}
	}
	// The owners in the roster's order under its labels: in workshop display
	// by label, never in the order of the names behind them.
	owners := make([]model.Person, len(t.roster.Order))
	for k, i := range t.roster.Order {
		owners[k] = t.view.Members[i]
	}
	roster := t.roster
	form := actionForm{
		shell: s, action: a, items: items, owners: owners, ownerL: func(k int) string { return roster.Labels[k] },
		hideEvidence: !t.display.Names(),
		save: func(a model.Action) error {
			_, err := s.ws.SaveTeamAction(t.shell.ctx, id, a)
			return err
		},
		remove: func(aid string) error {
			return s.ws.DeleteAction(t.shell.ctx, model.PlanID(t.plan.ID), model.ActionID(aid))
		},
		done: func() { t.load(id) },
	}
	form.show()
}

// saveOutput saves the team report (pdf) or the matrix and measures
// (xlsx, csv) where the user chooses, honouring workshop display.
func (t *teamScreen) saveOutput(format string) {
	if t.view == nil {
		return
	}
	name, render := t.output(format)
	kind := map[string]saveKind{"pdf": savePDF, "xlsx": saveXLSX, "csv": saveCSV}[format]
	t.shell.saveAs(kind, name, rendered(render), t.status, nil)
}

// output is the file name and the writer of a team output as the display
// on screen now shows it.
func (t *teamScreen) output(format string) (string, func(io.Writer) error) {
	id, display := t.view.Team.ID, t.display
	what, mode := "Team report", ""
	if format != "pdf" {
		what = "Team matrix"
	}
	if display.Workshop {
		mode = "workshop"
	}
	name := fileName("."+format, what, t.view.Team.Name, mode, time.Now().Format("2006-01-02"))
	ws := t.shell.ws
	return name, func(w io.Writer) error {
		if format == "pdf" {
			return ws.WriteTeamPDF(t.shell.ctx, id, w, time.Now(), display)
		}
		return ws.WriteTeamExport(t.shell.ctx, id, w, workspace.TeamFormat(format), time.Now(), display)
	}
}
