//go:build !ci && !wasm && !android && !ios && !mobile

package main

import "github.com/go-gl/glfw/v3.4/glfw"

// screenPixels is the usable size (without task bars) of the primary
// screen, in pixels, or 0, 0 when it cannot be known. Fyne has no call for
// it, so this asks GLFW, which Fyne's desktop driver has initialised by the
// time a window exists; it must run on the main goroutine.
func screenPixels() (width, height int) {
	defer func() {
		if recover() != nil { // GLFW reports errors by panicking
			width, height = 0, 0
		}
	}()
	m := glfw.GetPrimaryMonitor()
	if m == nil {
		return 0, 0
	}
	if _, _, w, h := m.GetWorkarea(); w > 0 && h > 0 {
		return w, h
	}
	if mode := m.GetVideoMode(); mode != nil {
		return mode.Width, mode.Height
	}
	return 0, 0
}
