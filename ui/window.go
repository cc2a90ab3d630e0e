package ui

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/widget"
)

// The main window's last size, kept in Fyne's Preferences with the
// appearance settings (settings.go).
const (
	prefWindowWidth  = "window.width"
	prefWindowHeight = "window.height"
)

// Window sizing: every screen is laid out to work at 1024x768, the
// smallest screen the app supports, and a larger screen is used rather
// than left empty.
var (
	smallestWindow = fyne.NewSize(1024, 768)
	largestDefault = fyne.NewSize(1800, 1150) // a first start on a very large screen
	tinyWindow     = fyne.NewSize(640, 480)   // a remembered size below this is not restored
)

// defaultShare of the screen a first start fills, leaving the desktop
// visible round it.
const defaultShare = 0.9

// titleBar is room kept for the window's title bar, which the window
// manager adds above the size asked for.
const titleBar = 32

// windowSize is the size the main window opens at on a screen of the given
// size (both in Fyne's units; a zero screen is one the driver could not
// measure). A remembered size is restored if it is sensible, made smaller
// to fit the screen; otherwise the window takes most of the screen, at
// least 1024x768 where the screen has room, never more than the screen.
func windowSize(screen, saved fyne.Size) fyne.Size {
	known := screen.Width > 0 && screen.Height > 0
	var s fyne.Size
	switch {
	case saved.Width >= tinyWindow.Width && saved.Height >= tinyWindow.Height:
		s = saved
	case !known:
		s = fyne.NewSize(1280, 800) // the size every screen is tested at
	default:
		s = fyne.NewSize(screen.Width*defaultShare, screen.Height*defaultShare)
		s = s.Max(smallestWindow)
		s = s.Min(largestDefault)
	}
	if !known {
		return s
	}
	return s.Min(screen)
}

// savedWindowSize is the size remembered from the last run (zero if none).
func savedWindowSize(p fyne.Preferences) fyne.Size {
	return fyne.NewSize(float32(p.Float(prefWindowWidth)), float32(p.Float(prefWindowHeight)))
}

// rememberWindowSize keeps the window's size for the next start; a full
// screen window is not a size to come back to.
func rememberWindowSize(win fyne.Window) {
	size := win.Canvas().Size()
	if win.FullScreen() || size.Width < tinyWindow.Width || size.Height < tinyWindow.Height {
		return
	}
	p := fyne.CurrentApp().Preferences()
	p.SetFloat(prefWindowWidth, float64(size.Width))
	p.SetFloat(prefWindowHeight, float64(size.Height))
}

// FitWindow sizes the main window to the screen it is on, given in the
// screen's pixels (pixels <= 0: unknown), and centres it. The app calls it
// once the window exists (its canvas then knows the screen's scale).
func FitWindow(win fyne.Window, widthPx, heightPx int) {
	screen := fyne.Size{}
	if widthPx > 0 && heightPx > 0 {
		scale := win.Canvas().Scale()
		if scale <= 0 {
			scale = 1
		}
		screen = fyne.NewSize(float32(widthPx)/scale, float32(heightPx)/scale-titleBar)
	}
	win.Resize(windowSize(screen, savedWindowSize(fyne.CurrentApp().Preferences())))
	win.CenterOnScreen()
}

// collapsing holds a status line that takes no room while it says
// nothing, so an empty status does not push a screen's content down a row
// (the canvas lays its parent out again when the text comes).
func collapsing(l *widget.Label) fyne.CanvasObject {
	return container.New(&collapseLayout{l}, l)
}

type collapseLayout struct{ l *widget.Label }

func (c *collapseLayout) MinSize([]fyne.CanvasObject) fyne.Size {
	if c.l.Text == "" {
		return fyne.Size{}
	}
	return c.l.MinSize()
}

func (c *collapseLayout) Layout(objs []fyne.CanvasObject, size fyne.Size) {
	for _, o := range objs {
		o.Move(fyne.NewPos(0, 0))
		o.Resize(size)
	}
}
