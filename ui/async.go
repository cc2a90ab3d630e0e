package ui

import "fyne.io/fyne/v2"

// background runs slow work (database, files, PDFs) off the UI goroutine;
// the work hands its results back with fyne.Do. Tests replace it with a
// synchronous runner so screens can be driven step by step.
var background = func(work func()) { go work() }

// inBackground runs work off the UI goroutine, then apply on it.
func inBackground[T any](work func() (T, error), apply func(T, error)) {
	background(func() {
		v, err := work()
		fyne.Do(func() { apply(v, err) })
	})
}
