//go:build ci || wasm || android || ios || mobile

package main

// screenPixels cannot measure the screen without the desktop driver.
func screenPixels() (width, height int) { return 0, 0 }
