package ui

import (
	"context"

	"fyne.io/fyne/v2"
)

// background runs slow work (database, files, PDFs) off the UI goroutine;
// the work hands its results back with fyne.Do. Tests replace it with a
// synchronous runner so screens can be driven step by step, or with one
// that holds work back and runs it out of order.
var background = func(work func()) { go work() }

// inBackground runs work off the UI goroutine, then apply on it.
func inBackground[T any](work func() (T, error), apply func(T, error)) {
	background(func() {
		v, err := work()
		fyne.Do(func() { apply(v, err) })
	})
}

// newest makes a screen's loads latest-wins: starting a load cancels the
// one before it, and a result that arrives after a newer load started is
// dropped, however the goroutines happen to be scheduled, so a slow earlier
// load can never overwrite a newer one. A screen keeps one per thing it
// loads. Use it only on the UI goroutine.
type newest struct {
	seq    uint64
	cancel context.CancelFunc
}

// loadNewest runs work off the UI goroutine under a context derived from
// parent (the window's: cancelled when it closes) and applies the result on
// the UI goroutine, unless a newer load through n has started since or the
// window has closed.
func loadNewest[T any](n *newest, parent context.Context, work func(context.Context) (T, error), apply func(T, error)) {
	if n.cancel != nil {
		n.cancel()
	}
	ctx, cancel := context.WithCancel(parent)
	n.seq++
	seq := n.seq
	n.cancel = cancel
	background(func() {
		v, err := work(ctx)
		fyne.Do(func() {
			defer cancel()
			if seq != n.seq || parent.Err() != nil {
				return // superseded, or the window is gone
			}
			apply(v, err)
		})
	})
}

// stale drops any load in flight through n: its result will not be applied.
func (n *newest) stale() {
	if n.cancel != nil {
		n.cancel()
	}
	n.seq++
}
