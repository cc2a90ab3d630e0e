package ui

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/widget"
)

// showForm shows content in a dialog with Cancel and a confirm button.
// Pressing confirm calls submit on the UI goroutine: it reads what was typed
// and returns the work to run in the background, or an error about the
// input. The dialog closes only once that work has succeeded, then done
// runs; on any error the message is shown over the dialog, which stays open
// with everything the user typed.
func showForm[T any](win fyne.Window, title, confirm string, content fyne.CanvasObject, size fyne.Size,
	submit func() (func() (T, error), error), done func(T)) *dialog.CustomDialog {
	d := dialog.NewCustomWithoutButtons(title, content, win)
	var ok *widget.Button
	ok = widget.NewButton(confirm, func() {
		work, err := submit()
		if err != nil {
			showError(win, err)
			return
		}
		ok.Disable() // one press, one action
		inBackground(work, func(v T, err error) {
			ok.Enable()
			if err != nil {
				showError(win, err)
				return
			}
			d.Hide()
			done(v)
		})
	})
	ok.Importance = widget.HighImportance
	d.SetButtons([]fyne.CanvasObject{widget.NewButton("Cancel", d.Hide), ok})
	d.Resize(size)
	d.Show()
	return d
}
