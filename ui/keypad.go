package ui

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"
)

// keyPad is the rating screen's keyboard target: while it has focus, number
// keys rate, N clears and the arrow keys move between items. It shows the
// keys it takes and highlights itself when focused, so keyboard users can
// see where their keys go.
type keyPad struct {
	widget.BaseWidget
	hint    *widget.Label
	bg      *canvas.Rectangle
	focused bool
	onRune  func(rune)
	onKey   func(*fyne.KeyEvent)
}

func newKeyPad(onRune func(rune), onKey func(*fyne.KeyEvent)) *keyPad {
	k := &keyPad{onRune: onRune, onKey: onKey}
	k.hint = widget.NewLabel("")
	k.setLevels("0–7")
	k.hint.Wrapping = fyne.TextWrapWord
	k.hint.SizeName = theme.SizeNameCaptionText
	k.bg = canvas.NewRectangle(theme.Color(theme.ColorNameInputBackground))
	k.bg.CornerRadius = theme.InputRadiusSize()
	k.ExtendBaseWidget(k)
	return k
}

func (k *keyPad) CreateRenderer() fyne.WidgetRenderer {
	return widget.NewSimpleRenderer(container.NewStack(k.bg, k.hint))
}

func (k *keyPad) Refresh() {
	if k.focused {
		k.bg.FillColor = theme.Color(theme.ColorNameFocus)
		k.hint.TextStyle = fyne.TextStyle{Bold: true}
	} else {
		k.bg.FillColor = theme.Color(theme.ColorNameInputBackground)
		k.hint.TextStyle = fyne.TextStyle{}
	}
	k.bg.Refresh()
	k.hint.Refresh()
}

// Tapped gives the pad focus, so a click anywhere on it turns keys on.
func (k *keyPad) Tapped(*fyne.PointEvent) {
	if c := fyne.CurrentApp().Driver().CanvasForObject(k); c != nil {
		c.Focus(k)
	}
}

func (k *keyPad) FocusGained()              { k.focused = true; k.Refresh() }
func (k *keyPad) FocusLost()                { k.focused = false; k.Refresh() }
func (k *keyPad) TypedRune(r rune)          { k.onRune(r) }
func (k *keyPad) TypedKey(e *fyne.KeyEvent) { k.onKey(e) }

// setLevels names the number keys the item on screen accepts.
func (k *keyPad) setLevels(keys string) {
	k.hint.SetText("Keys: " + keys + " rate this item · N not rated · I want to develop this (on/off) · Up/Down arrows previous / next · Ctrl+Z undo · Ctrl+F search · Tab to confidence and evidence")
}
