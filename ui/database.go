package ui

import (
	"fmt"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"gapwise/internal/workspace"
)

// newDatabasePanel shows where the data lives and offers an integrity check
// and a backup, both run off the UI goroutine.
func newDatabasePanel(s *Shell) fyne.CanvasObject {
	ctx, win, ws := s.ctx, s.win, s.ws
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
	backup = widget.NewButtonWithIcon("Back up…", theme.DocumentSaveIcon(), func() {
		s.saveAs(saveBackup, fileName(".db", "Gapwise backup", time.Now().Format("2006-01-02 1504")), func(dest string, replace bool) error {
			if replace {
				return ws.BackupReplacing(ctx, dest)
			}
			return ws.Backup(ctx, dest)
		}, result, func(dest string) { result.SetText("Backup written to " + dest) })
	})
	return container.NewPadded(container.NewVBox(
		widget.NewLabelWithStyle("Your database", fyne.TextAlignLeading, fyne.TextStyle{Bold: true}),
		path,
		widget.NewLabel(fmt.Sprintf("Schema version %d. Readable by your user account only.", workspace.SchemaVersion)),
		container.NewHBox(check, backup),
		result,
	))
}
