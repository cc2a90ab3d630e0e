package ui

import (
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/dialog"

	"gapwise/internal/workspace"
)

// confirmErase asks before deleting anything, saying exactly what goes as
// counted from the database (workspace.Erasure), then erases it in the
// background and calls done with what went. A deletion the rules refuse
// shows the refusal instead of a confirmation.
func confirmErase(s *Shell, title string, kind workspace.ErasureKind, id string, done func(workspace.Erasure)) {
	ws := s.ws
	inBackground(func() (workspace.Erasure, error) {
		return ws.Erasure(s.ctx, kind, id)
	}, func(e workspace.Erasure, err error) {
		if err != nil {
			showError(s.win, err)
			return
		}
		d := dialog.NewConfirm(title, "This deletes "+e.Summary()+".\n\nIt cannot be undone.", func(ok bool) {
			if !ok {
				return
			}
			inBackground(func() (workspace.Erasure, error) {
				return ws.Erase(s.ctx, kind, id)
			}, func(gone workspace.Erasure, err error) {
				if err != nil && gone.Name == "" {
					showError(s.win, err)
					return
				}
				done(gone)
				if err != nil { // deleted, but something after it failed: say so
					showError(s.win, err)
				}
			})
		}, s.win)
		d.SetConfirmText("Delete")
		d.SetDismissText("Keep")
		d.Show()
	})
}

// showNotices tells the person, once, what opening the database did on
// their behalf (it made a file others could read private).
func showNotices(win fyne.Window, notices []string) {
	if len(notices) > 0 {
		dialog.ShowInformation("Your database", strings.Join(notices, "\n\n"), win)
	}
}
