package ui

import (
	"errors"
	"fmt"
	"slices"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"fyne.io/fyne/v2/test"
)

// realGoroutines runs background work on goroutines for one test, as the
// app does (the package's tests otherwise run it inline).
func realGoroutines(t *testing.T) {
	old := background
	background = func(work func()) { go work() }
	t.Cleanup(func() { background = old })
}

// wait fails the test if ch is not closed soon: a guard against a hang,
// not a measurement.
func wait(t *testing.T, ch <-chan struct{}, what string) {
	t.Helper()
	select {
	case <-ch:
	case <-time.After(20 * time.Second):
		t.Fatalf("%s never happened", what)
	}
}

// The rating save queue on real goroutines: writes run one at a time in the
// order asked, a burst of changes to one key costs one write of the newest,
// "saved" is reported only once the queue is empty, and the window's close
// (whenIdle) waits for every write.
func TestSaverWritesInOrderOneAtATime(t *testing.T) {
	test.NewTempApp(t)
	realGoroutines(t)
	var (
		mu        sync.Mutex
		written   []string
		pendings  []int
		errs      []error
		active    atomic.Int32
		overlaps  atomic.Int32
		hold      = make(chan struct{})
		firstDone = make(chan struct{})
	)
	s := &saver{}
	s.onDone = func(err error, pending int) {
		mu.Lock()
		defer mu.Unlock()
		pendings = append(pendings, pending)
		if err != nil {
			errs = append(errs, err)
		}
	}
	write := func(name string, fail bool) func() error {
		return func() error {
			if active.Add(1) > 1 {
				overlaps.Add(1)
			}
			defer active.Add(-1)
			mu.Lock()
			written = append(written, name)
			mu.Unlock()
			if fail {
				return errors.New("disk full")
			}
			return nil
		}
	}
	s.do("rating:1.1", func() error {
		defer close(firstDone)
		<-hold // the first write is slow: everything after it queues
		return write("1.1 level 3", false)()
	})
	for i := range 50 { // evidence typed letter by letter
		s.do("rating:1.2", write(fmt.Sprintf("1.2 evidence %d", i), false))
	}
	s.do("target:1.2", write("1.2 target", true))
	s.do("rating:1.1", write("1.1 level 2", false))
	idle := make(chan struct{})
	s.whenIdle(func() { close(idle) })
	close(hold)
	wait(t, idle, "the queue emptying")
	<-firstDone

	mu.Lock()
	// The first 1.2 write may have started before the rest of the burst was
	// queued; after it, only the newest is written.
	got := slices.DeleteFunc(slices.Clone(written), func(w string) bool { return w == "1.2 evidence 0" })
	want := []string{"1.1 level 3", "1.2 evidence 49", "1.2 target", "1.1 level 2"}
	if !slices.Equal(got, want) {
		t.Errorf("writes %q; want %q", written, want)
	}
	if n := overlaps.Load(); n != 0 {
		t.Errorf("%d writes ran while another was running", n)
	}
	if len(errs) != 1 || errs[0].Error() != "disk full" {
		t.Errorf("errors reported %v; want the one failed write", errs)
	}
	if len(pendings) != len(written) || pendings[len(pendings)-1] != 0 {
		t.Errorf("pending counts %v after %d writes: one per write, the last 0", pendings, len(written))
	}

	// A change queued once the queue is idle starts a new run, and whenIdle
	// with nothing queued runs at once.
	written = nil
	mu.Unlock()
	again := make(chan struct{})
	s.do("rating:1.3", write("1.3 level 1", false))
	s.whenIdle(func() { close(again) })
	wait(t, again, "the second run finishing")
	mu.Lock()
	if !slices.Equal(written, []string{"1.3 level 1"}) {
		t.Errorf("second run wrote %q", written)
	}
	mu.Unlock()
	ran := false
	s.whenIdle(func() { ran = true })
	if !ran {
		t.Error("whenIdle on an idle queue did not run at once")
	}
}

// Several goroutines queueing at once: every write runs exactly once and
// never two together.
func TestSaverUnderConcurrentCallers(t *testing.T) {
	test.NewTempApp(t)
	realGoroutines(t)
	s := &saver{}
	var active, overlaps, runs atomic.Int32
	var callers sync.WaitGroup
	for g := range 8 {
		callers.Go(func() {
			for i := range 25 {
				s.do(fmt.Sprintf("rating:%d.%d", g, i), func() error {
					if active.Add(1) > 1 {
						overlaps.Add(1)
					}
					runs.Add(1)
					active.Add(-1)
					return nil
				})
			}
		})
	}
	callers.Wait()
	idle := make(chan struct{})
	s.whenIdle(func() { close(idle) })
	wait(t, idle, "the queue emptying")
	if runs.Load() != 200 || overlaps.Load() != 0 {
		t.Errorf("%d writes of 200 ran, %d overlapping", runs.Load(), overlaps.Load())
	}
}
