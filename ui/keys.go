package ui

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/driver/desktop"
)

// installKeys wires the window's keyboard: Ctrl+F searches the area on
// screen, and keys typed while nothing has focus go to the rating pad when
// the rating screen is shown. While a dialog is open the window's own keys
// do nothing: a key meant for the dialog (typed after clicking its
// background) must not rate the item hidden behind it.
func (s *Shell) installKeys() {
	c := s.win.Canvas()
	c.AddShortcut(&desktop.CustomShortcut{KeyName: fyne.KeyF, Modifier: fyne.KeyModifierShortcutDefault}, func(fyne.Shortcut) {
		if !s.dialogOpen() {
			s.focusSearch()
		}
	})
	// Ctrl+Z (Cmd+Z on macOS) reaches the window only when the focused
	// widget does not take shortcuts itself: in the search box or the
	// evidence entry it undoes typing there, as in any text field.
	c.AddShortcut(&fyne.ShortcutUndo{}, func(fyne.Shortcut) {
		if s.tabs.Selected() == s.rateTab && !s.dialogOpen() && !s.projecting() {
			s.rate.undo()
		}
	})
	c.SetOnTypedRune(func(r rune) {
		if s.tabs.Selected() == s.rateTab && !s.dialogOpen() && !s.projecting() {
			s.rate.typedRune(r)
		} else if s.tabs.Selected() == s.apprTab && !s.dialogOpen() && !s.projecting() {
			s.appraisal.typedRune(r)
		}
	})
	c.SetOnTypedKey(func(e *fyne.KeyEvent) {
		if s.enterConfirm.answer(c, e) {
			return
		}
		if s.tabs.Selected() == s.rateTab && !s.dialogOpen() && !s.projecting() {
			s.rate.typedKey(e)
		} else if s.tabs.Selected() == s.apprTab && !s.dialogOpen() && !s.projecting() {
			s.appraisal.typedKey(e)
		}
	})
	// Ctrl+, (Cmd+, on macOS) opens Settings, as in most desktop apps.
	c.AddShortcut(settingsShortcut, func(fyne.Shortcut) {
		if !s.dialogOpen() {
			s.showTab("Settings")
		}
	})
	s.win.SetCloseIntercept(s.Close)
}

// Close closes the window as its close button does: the window's size is
// remembered and it closes once every rating shown as saving has been
// written. The app calls it when the system asks it to end (SIGTERM at
// logout or shutdown), so that the database is closed cleanly and its next
// open need not check the whole file.
func (s *Shell) Close() {
	rememberWindowSize(s.win)
	s.rate.whenSaved(s.win.Close)
}

// settingsShortcut opens the Settings area.
var settingsShortcut = &desktop.CustomShortcut{KeyName: fyne.KeyComma, Modifier: fyne.KeyModifierShortcutDefault}

// installMenu gives the window its main menu: Settings (Fyne adds Quit,
// which closes the window the same way as its close button, so pending
// ratings are written first).
func (s *Shell) installMenu() {
	settings := fyne.NewMenuItem("Settings…", func() { s.showTab("Settings") })
	settings.Shortcut = settingsShortcut
	s.win.SetMainMenu(fyne.NewMainMenu(fyne.NewMenu("File", settings)))
}

// dialogOpen is true while a dialog (or other overlay) covers the window.
func (s *Shell) dialogOpen() bool { return s.win.Canvas().Overlays().Top() != nil }

func (s *Shell) focusSearch() {
	switch {
	case s.tabs.Selected() == s.rateTab && !s.projecting():
		s.rate.focusSearch()
	default:
		s.showTab("Frameworks")
		s.win.Canvas().Focus(s.browser.search)
	}
}

// enterConfirm is a question that Enter answers yes, as its highlighted
// button does. Fyne's dialogs take no keys of their own: Enter, typed while
// no button has focus, reaches the window, which passes it on only while
// that dialog is the one on top (a dialog opened over it, or a button
// focused with Tab, gets the key instead).
type enterConfirm struct {
	d   *dialog.ConfirmDialog
	top fyne.CanvasObject // the dialog's overlay
}

// showEnterConfirms shows d, answered yes by Enter as well as its button.
func (s *Shell) showEnterConfirms(d *dialog.ConfirmDialog) {
	d.SetOnClosed(func() { s.enterConfirm = enterConfirm{} })
	d.Show()
	s.enterConfirm = enterConfirm{d: d, top: s.win.Canvas().Overlays().Top()}
}

// answer confirms the dialog for Enter or Return while it is on top, and
// reports whether it did.
func (e *enterConfirm) answer(c fyne.Canvas, k *fyne.KeyEvent) bool {
	if e.d == nil || (k.Name != fyne.KeyReturn && k.Name != fyne.KeyEnter) || c.Overlays().Top() != e.top || e.top == nil {
		return false
	}
	d := e.d
	*e = enterConfirm{}
	d.Confirm()
	return true
}
