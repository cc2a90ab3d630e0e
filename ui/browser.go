package ui

import (
	"context"
	"fmt"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"gapwise/internal/model"
	"gapwise/internal/workspace"
)

// browser is the frameworks browser: pick a framework version, browse its
// groups and items, read every level descriptor, its licence and provenance.
type browser struct {
	listing, loading newest          // latest-wins loads (ui/async.go)
	ctx              context.Context // the window's, cancelled when it closes
	win              fyne.Window
	ws               *workspace.Workspace
	started          bool // Frameworks has been shown (start): the list is loaded and kept up to date

	infos  []workspace.FrameworkInfo
	fw     *model.Framework
	rows   []browseRow
	picked *model.Item

	picker      *widget.Select
	search      *widget.Entry
	list        *widget.List
	matches     *widget.Label
	detail      *widget.RichText
	roles       *roleView
	levels      *widget.RichText
	about       *widget.RichText
	provisional *widget.Label
	banner      *fyne.Container
	attribution *widget.Label
	tabs        *container.AppTabs
	rolesTab    *container.TabItem
	root        fyne.CanvasObject
	removeBtn   *widget.Button
	toolbar     *fyne.Container
	lastDiff    *widget.Label // the text of the last diff shown (tests)
	catalogue   *catalogueTab // the version's learning catalogue (ui/catalogue.go)

	// OnLoaded, if set, is called on the UI goroutine each time a framework
	// has been loaded and shown (tests wait on it).
	onLoaded func()
}

// browseRow is one line of the item list: a group heading or an item.
type browseRow struct {
	heading bool
	depth   int
	text    string
	item    *model.Item
}

// newBrowser builds the browser and starts loading the framework list.
func newBrowser(ctx context.Context, win fyne.Window, ws *workspace.Workspace) *browser {
	b := &browser{ctx: ctx, win: win, ws: ws}
	b.picker = widget.NewSelect(nil, b.onPick)
	b.picker.PlaceHolder = "Choose a framework"
	b.search = widget.NewEntry()
	b.search.SetPlaceHolder("Search items (title, code or level text)")
	b.search.OnChanged = func(string) { b.refilter() }
	b.matches = widget.NewLabel("")

	b.list = widget.NewList(
		func() int { return len(b.rows) },
		func() fyne.CanvasObject {
			l := widget.NewLabel("template item title that is long enough")
			l.Truncation = fyne.TextTruncateEllipsis
			return l
		},
		func(id widget.ListItemID, o fyne.CanvasObject) {
			r := b.rows[id]
			setLabel(o.(*widget.Label), strings.Repeat("    ", r.depth)+r.text, r.heading)
		},
	)
	b.list.OnSelected = func(id widget.ListItemID) {
		if id < 0 || id >= len(b.rows) || b.rows[id].heading {
			b.list.Unselect(id)
			return
		}
		b.showItem(b.rows[id].item)
	}

	b.detail = widget.NewRichText()
	b.detail.Wrapping = fyne.TextWrapWord
	b.levels = widget.NewRichText()
	b.levels.Wrapping = fyne.TextWrapWord
	b.about = widget.NewRichText()
	b.about.Wrapping = fyne.TextWrapWord
	b.roles = newRoleView(win)

	b.provisional = widget.NewLabel("")
	b.provisional.Wrapping = fyne.TextWrapWord
	b.provisional.Importance = widget.WarningImportance
	b.banner = container.NewBorder(nil, nil, widget.NewIcon(theme.WarningIcon()), nil, b.provisional)
	b.banner.Hide()
	b.attribution = widget.NewLabel("")
	b.attribution.Wrapping = fyne.TextWrapWord
	b.attribution.TextStyle = fyne.TextStyle{Italic: true}

	left := container.NewBorder(container.NewVBox(b.search, b.matches), nil, nil, nil, b.list)
	split := container.NewHSplit(left, container.NewVScroll(container.NewPadded(b.detail)))
	split.Offset = 0.38
	b.rolesTab = container.NewTabItem("Roles", b.roles.content())
	b.catalogue = newCatalogueTab(b)
	b.tabs = container.NewAppTabs(
		container.NewTabItem("Items", split),
		container.NewTabItem("Levels", container.NewVScroll(container.NewPadded(b.levels))),
		b.rolesTab,
		container.NewTabItem("About this framework", container.NewVScroll(container.NewPadded(b.about))),
		container.NewTabItem("Learning catalogue", b.catalogue.root),
	)
	importBtn := widget.NewButtonWithIcon("Import a framework…", theme.ContentAddIcon(), func() { b.importFramework() })
	compareBtn := widget.NewButtonWithIcon("Compare versions…", theme.ViewRefreshIcon(), b.compare)
	b.removeBtn = widget.NewButtonWithIcon("Remove this version", theme.DeleteIcon(), b.remove)
	b.removeBtn.Hide()
	b.toolbar = newBar(widget.NewLabel("Framework"), b.picker, compareBtn, importBtn, b.removeBtn)
	top := container.NewVBox(b.toolbar, b.banner)
	b.root = container.NewBorder(top, b.attribution, nil, nil, b.tabs)
	b.detail.Segments = []widget.RichTextSegment{&widget.TextSegment{Text: "Loading frameworks…"}}
	return b
}

// start lists the frameworks and shows the first; the shell calls it when
// Frameworks is first shown (nothing is read for an area nobody opened).
func (b *browser) start() {
	b.started = true
	b.loadList()
}

// content is the browser's root object.
func (b *browser) content() fyne.CanvasObject { return b.root }

// loadList fetches the framework versions in the background, keeping the
// version on screen (and rereading its learning catalogue) when it is still there.
func (b *browser) loadList() {
	if b.fw == nil {
		b.reload(model.FrameworkRef{})
		return
	}
	b.reload(b.fw.Ref)
	b.catalogue.show(b.fw)
}

// reload fetches the framework versions again and shows ref (or the first).
func (b *browser) reload(ref model.FrameworkRef) {
	loadNewest(&b.listing, b.ctx, func(ctx context.Context) ([]workspace.FrameworkInfo, error) {
		return b.ws.Frameworks(ctx)
	}, func(infos []workspace.FrameworkInfo, err error) {
		if err != nil {
			showError(b.win, err)
			return
		}
		b.infos = infos
		opts := make([]string, len(infos))
		for i, f := range infos {
			opts[i] = pickerLabel(f)
		}
		b.picker.SetOptions(opts)
		if len(opts) > 0 && !b.selectFramework(ref) {
			b.picker.SetSelectedIndex(0)
		}
	})
}

func pickerLabel(f workspace.FrameworkInfo) string {
	l := fmt.Sprintf("%s (%s)", f.Name, f.Ref)
	if f.Provisional {
		l += " — provisional"
	}
	return l
}

// selectFramework shows the framework version with the given ref, if present.
func (b *browser) selectFramework(ref model.FrameworkRef) bool {
	for i, f := range b.infos {
		if f.Ref == ref {
			b.picker.SetSelectedIndex(i)
			return true
		}
	}
	return false
}

func (b *browser) onPick(string) {
	i := b.picker.SelectedIndex()
	if i < 0 || i >= len(b.infos) {
		return
	}
	ref := b.infos[i].Ref
	loadNewest(&b.loading, b.ctx, func(ctx context.Context) (*model.Framework, error) {
		return b.ws.Framework(ctx, ref)
	}, func(f *model.Framework, err error) {
		if err != nil {
			showError(b.win, err)
			return
		}
		b.show(f)
	})
}

// show puts a loaded framework on screen.
func (b *browser) show(f *model.Framework) {
	b.fw = f
	b.picked = nil
	if f.Provisional {
		b.provisional.SetText("Provisional: " + f.ProvisionalNote)
		b.banner.Show()
	} else {
		b.banner.Hide()
	}
	b.attribution.SetText(attributionLine(f))
	if workspace.IsBuiltIn(f.Ref) {
		b.removeBtn.Hide()
	} else {
		b.removeBtn.Show()
	}
	b.toolbar.Refresh()
	b.levels.Segments = levelSegments(f)
	b.levels.Refresh()
	b.about.Segments = aboutSegments(f)
	b.about.Refresh()
	b.roles.show(f)
	b.catalogue.show(f)
	if len(f.Roles) > 0 {
		b.rolesTab.Text = fmt.Sprintf("Roles (%d)", len(f.Roles))
	} else {
		b.rolesTab.Text = "Roles (none)"
	}
	b.tabs.Refresh()
	b.refilter()
	if b.onLoaded != nil {
		b.onLoaded()
	}
}

// shown is the framework on screen, nil before the first load.
func (b *browser) shown() *model.Framework { return b.fw }

// selectItem shows one item of the current framework; false if it is not in
// the current search results.
func (b *browser) selectItem(id string) bool {
	for i, r := range b.rows {
		if !r.heading && r.item.ID == id {
			b.list.Select(i)
			b.list.ScrollTo(i)
			return true
		}
	}
	return false
}

// searchFor sets the search text, as if typed.
func (b *browser) searchFor(text string) { b.search.SetText(text) }

func (b *browser) firstItemRow() int {
	for i, r := range b.rows {
		if !r.heading {
			return i
		}
	}
	return -1
}

// refilter rebuilds the item list for the current search text.
func (b *browser) refilter() {
	if b.fw == nil {
		return
	}
	items := b.fw.Search(b.search.Text)
	b.rows = outlineRows(b.fw, items)
	b.list.UnselectAll()
	b.list.Refresh()
	if b.search.Text == "" {
		b.matches.SetText(fmt.Sprintf("%d items", len(b.fw.Items)))
	} else {
		b.matches.SetText(fmt.Sprintf("%d of %d items match", len(items), len(b.fw.Items)))
	}
	switch {
	case len(items) == 0:
		b.detail.Segments = []widget.RichTextSegment{&widget.TextSegment{Text: "No items match your search."}}
		b.detail.Refresh()
	case b.picked != nil && b.selectItem(b.picked.ID):
	default:
		b.list.Select(b.firstItemRow())
	}
}

// outlineRows interleaves group headings (outermost first) with the items.
func outlineRows(f *model.Framework, items []*model.Item) []browseRow {
	var rows []browseRow
	shown := map[string]bool{}
	for _, it := range items {
		chain := f.GroupPath(it.Group)
		for d, g := range chain {
			if !shown[g.ID] {
				shown[g.ID] = true
				rows = append(rows, browseRow{heading: true, depth: d, text: g.Title})
			}
		}
		rows = append(rows, browseRow{depth: len(chain), text: it.Label(), item: it})
	}
	return rows
}

func (b *browser) showItem(it *model.Item) {
	b.picked = it
	b.detail.Segments = itemSegments(b.fw, it)
	b.detail.Refresh()
}

// attributionLine is shown under every framework's text, as its licence requires.
func attributionLine(f *model.Framework) string {
	s := f.Attribution
	if f.Licence != "" {
		s = "Licence: " + f.Licence + ". " + s
	}
	return s
}
