package ui

import (
	"fmt"
	"path/filepath"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"gapwise/internal/model"
	"gapwise/internal/workspace"
)

// frameworkImport is the "Import a framework…" dialog: the user adds files
// (the DDaT pair is two), sees what they hold, says what to call it and,
// when the files carry none, its licence; nothing is written until Import.
type frameworkImport struct {
	b       *browser
	paths   []string
	preview *workspace.FrameworkImport

	files       *widget.Label
	summary     *widget.RichText
	as          *widget.Entry
	licence     *widget.Entry
	attribution *widget.Entry
	form        *fyne.Container // the three rows below, shown with a preview
	licenceRow  *fyne.Container
	attribRow   *fyne.Container
	importBtn   *widget.Button
	body        *fyne.Container
	dlg         dialog.Dialog
}

// importFramework opens the import dialog, with paths already chosen (tests
// and drag-and-drop pass them; the dialog's own button adds more).
func (b *browser) importFramework(paths ...string) *frameworkImport {
	fi := &frameworkImport{b: b}
	fi.files = widget.NewLabel("")
	fi.files.Wrapping = fyne.TextWrapWord
	fi.summary = widget.NewRichText()
	fi.summary.Wrapping = fyne.TextWrapWord
	fi.as = widget.NewEntry()
	fi.as.SetPlaceHolder("ID@VERSION, e.g. ddat@2025-q4")
	fi.licence = widget.NewEntry()
	fi.licence.SetPlaceHolder("Under what terms you hold it, e.g. Internal use only")
	fi.attribution = widget.NewEntry()
	fi.attribution.SetPlaceHolder("Text to show with the framework, if its terms require one")
	row := func(label string, e *widget.Entry) *fyne.Container {
		l := widget.NewLabelWithStyle(label, fyne.TextAlignTrailing, fyne.TextStyle{Bold: true})
		return container.NewBorder(nil, nil, l, nil, e)
	}
	fi.licenceRow, fi.attribRow = row("Licence", fi.licence), row("Attribution", fi.attribution)
	fi.form = container.NewVBox(row("Save as", fi.as), fi.licenceRow, fi.attribRow)
	fi.form.Hide()
	add := widget.NewButtonWithIcon("Add a file…", theme.FileIcon(), fi.pick)
	clear := widget.NewButtonWithIcon("Start again", theme.ContentClearIcon(), func() { fi.paths = nil; fi.read() })
	fi.importBtn = widget.NewButtonWithIcon("Import", theme.DocumentSaveIcon(), fi.save)
	fi.importBtn.Importance = widget.HighImportance
	fi.importBtn.Disable()
	cancel := widget.NewButton("Cancel", func() { fi.dlg.Hide() })
	help := widget.NewLabel("A Gapwise pack (.json), the two official DDaT downloads (\"Role content\" and \"Skill " +
		"description content\" CSVs, added one after the other), or another format Gapwise reads. Nothing is saved until you press Import.")
	help.Wrapping = fyne.TextWrapWord
	fi.body = container.NewBorder(
		container.NewVBox(help, container.NewHBox(add, clear), fi.files, widget.NewSeparator()),
		container.NewVBox(fi.form, container.NewHBox(layout.NewSpacer(), cancel, fi.importBtn)),
		nil, nil,
		container.NewVScroll(fi.summary),
	)
	fi.dlg = dialog.NewCustomWithoutButtons("Import a framework", fi.body, b.win)
	fi.dlg.Resize(fyne.NewSize(760, 600))
	fi.dlg.Show()
	fi.paths = append(fi.paths, paths...)
	fi.read()
	return fi
}

func (fi *frameworkImport) pick() {
	d := dialog.NewFileOpen(func(r fyne.URIReadCloser, err error) {
		if err != nil {
			showError(fi.b.win, err)
			return
		}
		if r == nil {
			return
		}
		path := r.URI().Path()
		r.Close()
		fi.paths = append(fi.paths, path)
		fi.read()
	}, fi.b.win)
	d.Show() // a file dialog cannot be resized before it is shown (Fyne 2.8 panics)
	d.Resize(fyne.NewSize(700, 500))
}

// read previews the chosen files in the background.
func (fi *frameworkImport) read() {
	fi.preview = nil
	fi.importBtn.Disable()
	fi.form.Hide()
	fi.body.Refresh()
	if len(fi.paths) == 0 {
		fi.files.SetText("No file chosen yet.")
		fi.setSummary(para("Add the framework's file."))
		return
	}
	names := make([]string, len(fi.paths))
	for i, p := range fi.paths {
		names[i] = filepath.Base(p)
	}
	fi.files.SetText("Files: " + strings.Join(names, ", "))
	fi.setSummary(para("Reading…"))
	paths := append([]string(nil), fi.paths...)
	inBackground(func() ([]*workspace.FrameworkImport, error) {
		return fi.b.ws.ReadFrameworkFiles(fi.b.ctx, paths, "")
	}, func(imps []*workspace.FrameworkImport, err error) {
		switch {
		case err != nil:
			fi.setSummary(subheading("These files cannot be imported"), para(err.Error()))
			return
		case len(imps) != 1:
			fi.setSummary(subheading("One framework at a time"), para(fmt.Sprintf("These files hold %d frameworks; start again and import them one at a time.", len(imps))))
			return
		}
		fi.show(imps[0])
	})
}

func (fi *frameworkImport) show(p *workspace.FrameworkImport) {
	fi.preview = p
	f := p.Framework
	c := f.Counts()
	segs := []widget.RichTextSegment{
		subheading(f.Name),
		para(fmt.Sprintf("Read as %s from %d file(s). It will be called %s.", p.Format, len(p.Files), f.Ref)),
		para(fmt.Sprintf("Publisher: %s\nLicence: %s\nAttribution: %s", orNone(f.Publisher), orNone(f.Licence), orNone(f.Attribution))),
		para(fmt.Sprintf("%d groups · %d items · %d scale levels · %d roles · %d role levels · %d requirements · %d level descriptors",
			c.Groups, c.Items, c.Levels, c.Roles, c.RoleLevels, c.Requirements, c.LevelDescriptors)),
	}
	if p.Exists {
		segs = append(segs, para(fmt.Sprintf("%s is already in this database: give it another version below (e.g. %s@2).", f.Ref, f.Ref.ID)))
	}
	if p.VersionFromContent {
		segs = append(segs, para("The files do not say which release they are, so the version is named from their content. "+
			"If you know the release (e.g. 2025-q4), type it below."))
	}
	if len(p.Warnings) > 0 {
		segs = append(segs, subheading(fmt.Sprintf("Warnings (%d)", len(p.Warnings))))
		for _, w := range p.Warnings {
			segs = append(segs, para("• "+w))
		}
	}
	fi.setSummary(segs...)
	fi.as.SetText(f.Ref.String())
	fi.licence.SetText("")
	fi.attribution.SetText("")
	missing := func(field string) bool {
		for _, m := range p.Missing {
			if m == field {
				return true
			}
		}
		return false
	}
	show := func(row *fyne.Container, on bool) {
		if on {
			row.Show()
		} else {
			row.Hide()
		}
	}
	show(fi.licenceRow, missing("licence"))
	show(fi.attribRow, missing("attribution"))
	fi.form.Show()
	fi.body.Refresh() // the rows below the summary changed height
	fi.importBtn.Enable()
}

func orNone(s string) string {
	if strings.TrimSpace(s) == "" {
		return "(none in the file)"
	}
	return s
}

func (fi *frameworkImport) setSummary(segs ...widget.RichTextSegment) {
	fi.summary.Segments = segs
	fi.summary.Refresh()
}

// save applies the form and stores the framework.
func (fi *frameworkImport) save() {
	p := fi.preview
	if p == nil {
		return
	}
	opts := workspace.ImportOptions{As: fi.as.Text, Licence: fi.licence.Text, Attribution: fi.attribution.Text}
	if err := p.Apply(opts); err != nil {
		showError(fi.b.win, err)
		return
	}
	fi.importBtn.Disable()
	inBackground(func() ([]workspace.FrameworkInfo, error) {
		return fi.b.ws.ImportFrameworks(fi.b.ctx, []*workspace.FrameworkImport{p})
	}, func(infos []workspace.FrameworkInfo, err error) {
		fi.importBtn.Enable()
		if err != nil {
			showError(fi.b.win, err)
			return
		}
		fi.dlg.Hide()
		fi.b.reload(infos[0].Ref)
	})
}

// showPreview is the framework the dialog would import, nil when none (tests).
func (fi *frameworkImport) showPreview() *workspace.FrameworkImport { return fi.preview }

// compare shows what changed from another version of the framework on
// screen to this one.
func (b *browser) compare() {
	if b.fw == nil {
		return
	}
	var others []string
	for _, f := range b.infos {
		if f.Ref.ID == b.fw.Ref.ID && f.Ref != b.fw.Ref {
			others = append(others, f.Ref.String())
		}
	}
	if len(others) == 0 {
		dialog.NewInformation("Compare versions", fmt.Sprintf("%s is the only version of %s in this database. Import another to compare.", b.fw.Ref, b.fw.Ref.ID), b.win).Show()
		return
	}
	pick := widget.NewSelect(others, nil)
	pick.SetSelectedIndex(0)
	cur := b.fw.Ref.String()
	dialog.NewCustomConfirm("Compare versions", "Compare", "Cancel",
		widget.NewForm(widget.NewFormItem("What changed from", pick), widget.NewFormItem("to", widget.NewLabel(cur))),
		func(ok bool) {
			if ok && pick.Selected != "" {
				b.showDiff(pick.Selected, cur)
			}
		}, b.win).Show()
}

// showDiff shows the differences between two versions in a dialog.
func (b *browser) showDiff(old, new string) {
	inBackground(func() (*workspace.FrameworkDiff, error) {
		return b.ws.DiffFrameworks(b.ctx, old, new)
	}, func(d *workspace.FrameworkDiff, err error) {
		if err != nil {
			showError(b.win, err)
			return
		}
		text := widget.NewLabel(workspace.DescribeDiff(d))
		text.Wrapping = fyne.TextWrapWord
		attribution := widget.NewLabelWithStyle(attributionLine(d.NewFramework), fyne.TextAlignLeading, fyne.TextStyle{Italic: true})
		attribution.Wrapping = fyne.TextWrapWord
		body := container.NewBorder(nil, attribution, nil, nil, container.NewVScroll(text))
		dlg := dialog.NewCustom(fmt.Sprintf("What changed: %s to %s", d.Old, d.New), "Close", body, b.win)
		dlg.Resize(fyne.NewSize(860, 620))
		dlg.Show()
		b.lastDiff = text
	})
}

// remove deletes the imported version on screen after asking.
func (b *browser) remove() {
	if b.fw == nil {
		return
	}
	ref := b.fw.Ref
	if workspace.IsBuiltIn(ref) {
		dialog.NewInformation("Remove this version", fmt.Sprintf("%s is built into Gapwise and cannot be removed.", ref), b.win).Show()
		return
	}
	dialog.NewConfirm("Remove this version", fmt.Sprintf("Remove %s (%s) from this database? Only a version nothing is rated against can be removed.", ref, b.fw.Name),
		func(ok bool) {
			if !ok {
				return
			}
			inBackground(func() (struct{}, error) {
				return struct{}{}, b.ws.RemoveFramework(b.ctx, ref)
			}, func(_ struct{}, err error) {
				if err != nil {
					showError(b.win, err)
					return
				}
				b.reload(model.FrameworkRef{})
			})
		}, b.win).Show()
}
