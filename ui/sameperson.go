package ui

import (
	"errors"
	"fmt"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/widget"

	"gapwise/internal/model"
)

// askSamePerson handles an import refused because the file names someone
// else under the id of a person here (*model.PersonMismatchError): it shows
// both, and if the user says they are the same person, calls accept to
// import again taking the file's details (else cancel, when set). It
// reports whether err was such a refusal. In projection mode it names nobody and offers nothing: the
// room must not see who the file claims to be.
func askSamePerson(s *Shell, err error, accept, cancel func()) bool {
	var pm *model.PersonMismatchError
	if !errors.As(err, &pm) {
		return false
	}
	if s.projecting() {
		d := dialog.NewInformation("Check this file", "A file gives another name to someone already in this database, so it was not imported. Leave workshop display to review it.", s.win)
		if cancel != nil {
			d.SetOnClosed(cancel)
		}
		d.Show()
		return true
	}
	who := func(p model.Person) string {
		return fmt.Sprintf("%s (%s)", p.Name, strings.ToLower(p.Discipline.Label()))
	}
	text := widget.NewLabel(fmt.Sprintf(
		"This file says the person with id %s is\n\n    %s\n\nbut in this database that person is\n\n    %s\n\n"+
			"If they are the same person (a changed name, say), import the file and update the profile to the file's details. "+
			"If not, cancel: nothing has been imported, and the file's sender should export it again from their own profile.",
		pm.Stored.ID, who(pm.File), who(pm.Stored)))
	text.Wrapping = fyne.TextWrapWord
	d := dialog.NewCustomConfirm("Is this the same person?", "Same person: import and update", "Cancel", text, func(ok bool) {
		switch {
		case ok:
			accept()
		case cancel != nil:
			cancel()
		}
	}, s.win)
	d.Resize(fyne.NewSize(620, 340))
	d.Show()
	return true
}
