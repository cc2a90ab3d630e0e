package ui

import (
	"context"
	"fmt"
	"path/filepath"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"gapwise/internal/workspace"
)

// newDatabasePanel shows where the data lives and offers an integrity check
// and a backup, both run off the UI goroutine.
func newDatabasePanel(ctx context.Context, win fyne.Window, ws *workspace.Workspace) fyne.CanvasObject {
	path := widget.NewLabel(ws.Path())
	path.Wrapping = fyne.TextWrapBreak
	result := widget.NewLabel("")
	result.Wrapping = fyne.TextWrapWord

	var check, backup *widget.Button
	busy := func(on bool) {
		if on {
			check.Disable()
			backup.Disable()
		} else {
			check.Enable()
			backup.Enable()
		}
	}
	check = widget.NewButtonWithIcon("Check integrity", theme.ConfirmIcon(), func() {
		busy(true)
		result.SetText("Checking…")
		inBackground(func() ([]string, error) {
			return ws.Check(ctx)
		}, func(problems []string, err error) {
			busy(false)
			switch {
			case err != nil:
				result.SetText("")
				showError(win, err)
			case len(problems) == 0:
				result.SetText("The database is healthy.")
			default:
				result.SetText(fmt.Sprintf("%d problem(s) found: %v. Restore a backup.", len(problems), problems))
			}
		})
	})
	backup = widget.NewButtonWithIcon("Back up to a folder…", theme.DocumentSaveIcon(), func() {
		dialog.ShowFolderOpen(func(dir fyne.ListableURI, err error) {
			if err != nil {
				showError(win, err)
				return
			}
			if dir == nil {
				return
			}
			dest := filepath.Join(dir.Path(), "gapwise-backup-"+time.Now().Format("20060102-150405")+".db")
			busy(true)
			result.SetText("Backing up…")
			inBackground(func() (struct{}, error) {
				return struct{}{}, ws.Backup(ctx, dest)
			}, func(_ struct{}, err error) {
				busy(false)
				if err != nil {
					result.SetText("")
					showError(win, err)
					return
				}
				result.SetText("Backup written to " + dest)
			})
		}, win)
	})
	return container.NewPadded(container.NewVBox(
		widget.NewLabelWithStyle("Your database", fyne.TextAlignLeading, fyne.TextStyle{Bold: true}),
		path,
		widget.NewLabel(fmt.Sprintf("Schema version %d. Readable by your user account only.", workspace.SchemaVersion)),
		container.NewHBox(check, backup),
		result,
	))
}
