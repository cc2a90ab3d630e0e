package ui

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/driver/desktop"
)

// installKeys wires the window's keyboard: Ctrl+F searches the area on
// screen, and keys typed while nothing has focus go to the rating pad when
// the rating screen is shown.
func (s *Shell) installKeys() {
	c := s.win.Canvas()
	c.AddShortcut(&desktop.CustomShortcut{KeyName: fyne.KeyF, Modifier: fyne.KeyModifierShortcutDefault}, func(fyne.Shortcut) {
		s.focusSearch()
	})
	c.SetOnTypedRune(func(r rune) {
		if s.tabs.Selected() == s.rateTab {
			s.Rate.typedRune(r)
		}
	})
	c.SetOnTypedKey(func(e *fyne.KeyEvent) {
		if s.tabs.Selected() == s.rateTab {
			s.Rate.typedKey(e)
		}
	})
	s.win.SetCloseIntercept(func() {
		// Close only once every rating shown as saving has been written.
		s.Rate.WhenSaved(s.win.Close)
	})
}

func (s *Shell) focusSearch() {
	switch s.tabs.Selected() {
	case s.rateTab:
		s.Rate.FocusSearch()
	default:
		s.ShowTab("Frameworks")
		s.win.Canvas().Focus(s.Browser.search)
	}
}
