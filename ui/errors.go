package ui

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/dialog"

	"gapwise/internal/model"
)

// describe picks a title for an error by its kind; the message is the
// error's own sentence, which names the file and the problem.
func describe(err error) (title, msg string) {
	msg = err.Error()
	switch model.KindOf(err) {
	case model.NotFound:
		return "Not found", msg
	case model.Invalid:
		return "Check what you entered", msg
	case model.BadFile:
		return "This file cannot be used", msg
	case model.NotYet:
		return "One step first", msg
	case model.InUse:
		return "Database in use", msg
	case model.Conflict:
		return "Already there", msg
	case model.Newer:
		return "Made by a newer Gapwise", msg
	case model.Denied:
		return "No permission", msg
	}
	return "Something went wrong", msg
}

// showError shows err in a dialog titled by its kind.
func showError(win fyne.Window, err error) {
	title, msg := describe(err)
	dialog.NewInformation(title, msg, win).Show()
}
