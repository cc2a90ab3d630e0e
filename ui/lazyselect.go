package ui

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/widget"
)

// lazySelect is a Select whose full list of options is read only when it is
// opened (tapped, or a key that opens or steps through it), not when the
// screen is built: Me's person picker on an organisation's database would
// otherwise hold 10,000 names from the start that nobody has asked to see.
// Until then it shows what its owner gives it (the person shown).
type lazySelect struct {
	widget.Select
	ensure func(then func()) // runs then once the options are complete (at once, or after reading them)
}

func newLazySelect(ensure func(then func()), changed func(string)) *lazySelect {
	l := &lazySelect{ensure: ensure}
	l.OnChanged = changed
	l.ExtendBaseWidget(l)
	return l
}

// Tapped opens the list once it is complete.
func (l *lazySelect) Tapped(e *fyne.PointEvent) {
	if l.Disabled() {
		return
	}
	l.ensure(func() { l.Select.Tapped(e) })
}

// TypedKey opens or steps through the list once it is complete.
func (l *lazySelect) TypedKey(e *fyne.KeyEvent) {
	switch e.Name {
	case fyne.KeySpace, fyne.KeyUp, fyne.KeyDown, fyne.KeyLeft, fyne.KeyRight:
		l.ensure(func() { l.Select.TypedKey(e) })
	default:
		l.Select.TypedKey(e)
	}
}
