package ui

import (
	"context"
	"fmt"
	"path/filepath"
	"strings"

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

// catalogueTab is the frameworks browser's "Learning catalogue" tab: which
// catalogue the framework version on screen has, its entries, and importing,
// replacing or removing it.
type catalogueTab struct {
	b       *browser
	loading newest
	ref     model.FrameworkRef
	cat     *model.Catalogue // nil when the version has none
	info    *workspace.CatalogueInfo

	status    *widget.Label
	list      *widget.List
	importBtn *widget.Button
	removeBtn *widget.Button
	root      fyne.CanvasObject
	importer  *catalogueImport // the last import dialog (tests)
}

func newCatalogueTab(b *browser) *catalogueTab {
	c := &catalogueTab{b: b}
	c.status = widget.NewLabel("")
	c.status.Wrapping = fyne.TextWrapWord
	c.list = widget.NewList(
		func() int {
			if c.cat == nil {
				return 0
			}
			return len(c.cat.Entries)
		},
		func() fyne.CanvasObject {
			l := widget.NewLabel("catalogue entry template")
			l.Truncation = fyne.TextTruncateEllipsis
			return l
		},
		func(id widget.ListItemID, o fyne.CanvasObject) {
			setLabel(o.(*widget.Label), entryLine(c.cat.Entries[id]), false)
		},
	)
	c.importBtn = widget.NewButtonWithIcon("Import a catalogue…", theme.ContentAddIcon(), func() { c.importCatalogue() })
	c.removeBtn = widget.NewButtonWithIcon("Remove the catalogue…", theme.DeleteIcon(), c.remove)
	c.removeBtn.Hide()
	help := widget.NewLabel("A learning catalogue lists your organisation's courses, e-learning, mentoring and other opportunities " +
		"and the items each develops. \"New plan from my gaps\" and team plans propose its entries for the largest gaps. " +
		"Addresses are shown, never opened by Gapwise.")
	help.Wrapping = fyne.TextWrapWord
	top := container.NewVBox(help, container.NewHBox(c.importBtn, c.removeBtn), c.status, widget.NewSeparator())
	c.root = container.NewBorder(top, nil, nil, nil, c.list)
	return c
}

func entryLine(e model.CatalogueEntry) string {
	var about []string
	for _, s := range []string{e.Provider, e.Type} {
		if s != "" {
			about = append(about, s)
		}
	}
	line := e.Title
	if len(about) > 0 {
		line += " (" + strings.Join(about, ", ") + ")"
	}
	line += " · develops " + strings.Join(e.Items, ", ")
	if e.URL != "" {
		line += " · " + e.URL
	}
	return line
}

// show loads the catalogue of the framework version on screen.
func (c *catalogueTab) show(f *model.Framework) {
	ref := f.Ref
	c.ref = ref
	type loaded struct {
		cat  *model.Catalogue
		info *workspace.CatalogueInfo
	}
	loadNewest(&c.loading, c.b.ctx, func(ctx context.Context) (loaded, error) {
		cat, ok, err := c.b.ws.Catalogue(ctx, ref)
		if err != nil || !ok {
			return loaded{}, err
		}
		list, err := c.b.ws.Catalogues(ctx)
		if err != nil {
			return loaded{}, err
		}
		for i := range list {
			if list[i].Framework == ref {
				return loaded{cat: &cat, info: &list[i]}, nil
			}
		}
		return loaded{cat: &cat}, nil
	}, func(l loaded, err error) {
		if err != nil {
			showError(c.b.win, err)
			return
		}
		c.cat, c.info = l.cat, l.info
		c.list.Refresh()
		if c.cat == nil {
			c.status.SetText(fmt.Sprintf("%s has no learning catalogue. Drafted plans propose general actions until you import one.", ref))
			c.importBtn.SetText("Import a catalogue…")
			c.removeBtn.Hide()
			return
		}
		when := ""
		if c.info != nil {
			when = ", imported " + c.info.ImportedAt.Local().Format("2 Jan 2006 15:04")
		}
		c.status.SetText(fmt.Sprintf("Loaded for %s: %s from %s%s.", ref, model.Plural(len(c.cat.Entries), "entry", "entries"), c.cat.Source, when))
		c.importBtn.SetText("Replace the catalogue…")
		c.removeBtn.Show()
	})
}

// remove erases the catalogue after asking.
func (c *catalogueTab) remove() {
	if c.cat == nil {
		return
	}
	ref, n := c.ref, len(c.cat.Entries)
	dialog.NewConfirm("Remove the learning catalogue",
		fmt.Sprintf("This deletes the learning catalogue of %s: %s. Plans drafted from it keep their actions. It cannot be undone.", ref, model.Plural(n, "entry", "entries")),
		func(ok bool) {
			if !ok {
				return
			}
			inBackground(func() (int, error) { return c.b.ws.RemoveCatalogue(c.b.ctx, ref) }, func(_ int, err error) {
				if err != nil {
					showError(c.b.win, err)
				}
				if c.b.fw != nil {
					c.show(c.b.fw)
				}
			})
		}, c.b.win).Show()
}

// catalogueImport is the import dialog: files chosen (DIRECT's tables are
// several), a preview with counts, the first entries and any problem by row
// and column, and Import (or Replace, after asking).
type catalogueImport struct {
	c       *catalogueTab
	ref     model.FrameworkRef
	paths   []string
	preview *workspace.CatalogueImport

	files     *widget.Label
	summary   *widget.RichText
	importBtn *widget.Button
	dlg       dialog.Dialog
}

func (c *catalogueTab) importCatalogue(paths ...string) *catalogueImport {
	if c.b.fw == nil {
		return nil
	}
	ci := &catalogueImport{c: c, ref: c.b.fw.Ref}
	ci.files = widget.NewLabel("")
	ci.files.Wrapping = fyne.TextWrapWord
	ci.summary = widget.NewRichText()
	ci.summary.Wrapping = fyne.TextWrapWord
	add := widget.NewButtonWithIcon("Add a file…", theme.FileIcon(), ci.pick)
	clear := widget.NewButtonWithIcon("Start again", theme.ContentClearIcon(), func() { ci.paths = nil; ci.read() })
	ci.importBtn = widget.NewButtonWithIcon("Import", theme.DocumentSaveIcon(), ci.save)
	ci.importBtn.Importance = widget.HighImportance
	ci.importBtn.Disable()
	cancel := widget.NewButton("Cancel", func() { ci.dlg.Hide() })
	help := widget.NewLabel(fmt.Sprintf("A CSV or XLSX file with the columns Title, Provider, URL, Type and Items; Items holds the ids or titles of the %s items "+
		"each entry develops, separated by ; or ,. For DIRECT, add its learning_resource.csv, skill.csv and provider.csv. The whole file is checked; nothing is saved until you press Import.", ci.ref))
	help.Wrapping = fyne.TextWrapWord
	body := container.NewBorder(
		container.NewVBox(help, container.NewHBox(add, clear), ci.files, widget.NewSeparator()),
		container.NewHBox(layout.NewSpacer(), cancel, ci.importBtn),
		nil, nil,
		container.NewVScroll(ci.summary),
	)
	ci.dlg = dialog.NewCustomWithoutButtons("Import a learning catalogue for "+ci.ref.String(), body, c.b.win)
	ci.dlg.Resize(fyne.NewSize(820, 600))
	ci.dlg.Show()
	c.importer = ci
	ci.paths = append(ci.paths, paths...)
	ci.read()
	return ci
}

func (ci *catalogueImport) pick() {
	d := dialog.NewFileOpen(func(r fyne.URIReadCloser, err error) {
		if err != nil {
			showError(ci.c.b.win, err)
			return
		}
		if r == nil {
			return
		}
		path := r.URI().Path()
		r.Close()
		ci.paths = append(ci.paths, path)
		ci.read()
	}, ci.c.b.win)
	d.SetFilter(storage.NewExtensionFileFilter([]string{".csv", ".xlsx", ".CSV", ".XLSX"}))
	d.Show() // a file dialog cannot be resized before it is shown (Fyne 2.8 panics)
	d.Resize(fyne.NewSize(700, 500))
}

func (ci *catalogueImport) setSummary(segs ...widget.RichTextSegment) {
	ci.summary.Segments = segs
	ci.summary.Refresh()
}

// read previews the chosen files in the background.
func (ci *catalogueImport) read() {
	ci.preview = nil
	ci.importBtn.Disable()
	ci.importBtn.SetText("Import")
	if len(ci.paths) == 0 {
		ci.files.SetText("No file chosen yet.")
		ci.setSummary(para("Add the catalogue's file."))
		return
	}
	names := make([]string, len(ci.paths))
	for i, p := range ci.paths {
		names[i] = filepath.Base(p)
	}
	ci.files.SetText("Files: " + strings.Join(names, ", "))
	ci.setSummary(para("Reading…"))
	paths, ref, b := append([]string(nil), ci.paths...), ci.ref, ci.c.b
	inBackground(func() (*workspace.CatalogueImport, error) {
		return b.ws.ReadCatalogueFiles(b.ctx, ref, paths)
	}, func(p *workspace.CatalogueImport, err error) {
		if err != nil {
			segs := []widget.RichTextSegment{subheading("This catalogue cannot be imported"),
				para("Nothing was saved. Correct the file and press Start again, or add the file it asks for:")}
			for _, line := range strings.Split(err.Error(), "\n") {
				segs = append(segs, para("• "+line))
			}
			ci.setSummary(segs...)
			return
		}
		ci.show(p)
	})
}

// show previews a catalogue that read cleanly.
func (ci *catalogueImport) show(p *workspace.CatalogueImport) {
	ci.preview = p
	entries := p.Catalogue.Entries
	items, urls := map[string]bool{}, 0
	for _, e := range entries {
		for _, id := range e.Items {
			items[id] = true
		}
		if e.URL != "" {
			urls++
		}
	}
	total := 0
	if ci.c.b.fw != nil {
		total = len(ci.c.b.fw.Items)
	}
	segs := []widget.RichTextSegment{
		subheading(fmt.Sprintf("%s developing %d of the %d items of %s", model.Plural(len(entries), "entry", "entries"), len(items), total, ci.ref)),
		para(fmt.Sprintf("%d with a web address. The first entries:", urls)),
	}
	for i, e := range entries {
		if i == 5 {
			segs = append(segs, para(fmt.Sprintf("… and %d more.", len(entries)-5)))
			break
		}
		segs = append(segs, para("• "+entryLine(e)))
	}
	if len(p.Warnings) > 0 {
		segs = append(segs, subheading(fmt.Sprintf("Warnings (%d)", len(p.Warnings))))
		for _, w := range p.Warnings {
			segs = append(segs, para("• "+w))
		}
	}
	if r := p.Replaces; r != nil {
		segs = append(segs, subheading("This replaces the catalogue there now"),
			para(fmt.Sprintf("%s has a learning catalogue: %s from %s, imported %s. Importing this one replaces it.",
				ci.ref, model.Plural(r.Entries, "entry", "entries"), r.Source, r.ImportedAt.Local().Format("2 Jan 2006"))))
		ci.importBtn.SetText("Replace…")
	}
	ci.setSummary(segs...)
	ci.importBtn.Enable()
}

// save stores the previewed catalogue, asking first when it replaces one.
func (ci *catalogueImport) save() {
	p := ci.preview
	if p == nil {
		return
	}
	b := ci.c.b
	store := func() {
		ci.importBtn.Disable()
		inBackground(func() (workspace.CatalogueInfo, error) {
			return b.ws.ImportCatalogue(b.ctx, p, p.Replaces != nil)
		}, func(_ workspace.CatalogueInfo, err error) {
			ci.importBtn.Enable()
			if err != nil {
				showError(b.win, err)
				return
			}
			ci.dlg.Hide()
			if b.fw != nil {
				ci.c.show(b.fw)
			}
		})
	}
	if r := p.Replaces; r != nil {
		dialog.NewConfirm("Replace the learning catalogue",
			fmt.Sprintf("Replace the learning catalogue of %s (%s from %s) with these %s? Plans drafted from it keep their actions.",
				ci.ref, model.Plural(r.Entries, "entry", "entries"), r.Source, model.Plural(len(p.Catalogue.Entries), "entry", "entries")),
			func(ok bool) {
				if ok {
					store()
				}
			}, b.win).Show()
		return
	}
	store()
}
