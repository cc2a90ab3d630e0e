package ui

import (
	"sync"

	"fyne.io/fyne/v2"
)

// saver writes changes to the database one at a time, in order, off the UI
// goroutine. A queued change to the same key (say, evidence being typed) is
// replaced by the newer one, so a burst of edits costs one write. The screen
// says "saved" only after the write has committed.
type saver struct {
	mu      sync.Mutex
	queue   []saveJob
	running bool
	idle    []func()

	// onDone runs on the UI goroutine after each write, with how many remain.
	onDone func(err error, pending int)
}

type saveJob struct {
	key string
	run func() error
}

// do queues a write.
func (s *saver) do(key string, run func() error) {
	s.mu.Lock()
	if n := len(s.queue); n > 0 && s.queue[n-1].key == key {
		s.queue[n-1].run = run
	} else {
		s.queue = append(s.queue, saveJob{key, run})
	}
	if s.running {
		s.mu.Unlock()
		return
	}
	s.running = true
	s.mu.Unlock()
	background(s.drain)
}

func (s *saver) drain() {
	for {
		s.mu.Lock()
		if len(s.queue) == 0 {
			s.running = false
			idle := s.idle
			s.idle = nil
			s.mu.Unlock()
			for _, f := range idle {
				fyne.Do(f)
			}
			return
		}
		job := s.queue[0]
		s.queue = s.queue[1:]
		s.mu.Unlock()
		err := job.run()
		s.mu.Lock()
		pending := len(s.queue)
		s.mu.Unlock()
		if s.onDone != nil {
			fyne.Do(func() { s.onDone(err, pending) })
		}
	}
}

// whenIdle runs f on the UI goroutine once every queued write has finished
// (at once if none is queued): the window waits for it before closing.
func (s *saver) whenIdle(f func()) {
	s.mu.Lock()
	if !s.running {
		s.mu.Unlock()
		f()
		return
	}
	s.idle = append(s.idle, f)
	s.mu.Unlock()
}
