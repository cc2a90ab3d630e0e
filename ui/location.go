package ui

import (
	"context"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/widget"

	"gapwise/internal/workspace"
)

// OfferMove asks, before anything is opened, whether to move a database
// that an earlier version left in Roaming AppData to Local AppData, then
// calls open with the path to use: the new place once moved, the old one
// when the user says not now or the move fails (the failure is shown; the
// old database is untouched).
func OfferMove(win fyne.Window, loc workspace.Location, open func(path string)) {
	win.SetContent(container.NewCenter(widget.NewLabel("Your Gapwise database is in an old place.")))
	msg := widget.NewLabel("Your Gapwise database is in Roaming AppData:\n" + loc.Old +
		"\n\nTrusts often keep Roaming AppData on a network drive, where the database can be damaged or lose changes. " +
		"Gapwise now keeps it in Local AppData, on this computer:\n" + loc.New +
		"\n\nMove it there now? Everything in it is kept; the old copy is removed once the new one has been checked.")
	msg.Wrapping = fyne.TextWrapWord
	d := dialog.NewCustomConfirm("Move your database to this computer?", "Move it", "Not now",
		container.NewGridWrap(fyne.NewSize(560, 230), msg), func(move bool) {
			if !move {
				open(loc.Old)
				return
			}
			inBackground(func() (struct{}, error) {
				return struct{}{}, workspace.MoveDatabase(context.Background(), loc.Old, loc.New)
			}, func(_ struct{}, err error) {
				if err != nil {
					open(loc.Old)
					showError(win, err)
					return
				}
				open(loc.New)
			})
		}, win)
	d.Show()
}

// WarnAboutStorage checks, off the UI goroutine, whether the database at
// path is on a network drive or in a synced folder, and if so says so in a
// dialog with what to do. The database is open either way.
func WarnAboutStorage(win fyne.Window, path string) {
	inBackground(func() (string, error) {
		return workspace.StorageWarning(path), nil
	}, func(text string, _ error) {
		if text == "" {
			return
		}
		msg := widget.NewLabel(text)
		msg.Wrapping = fyne.TextWrapWord
		dialog.NewCustom("Your database is not on a local disk", "OK",
			container.NewGridWrap(fyne.NewSize(520, 150), msg), win).Show()
	})
}
