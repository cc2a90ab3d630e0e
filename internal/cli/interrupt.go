package cli

import (
	"context"
	"os"
	"os/signal"
	"sync"
	"time"
)

// Interruptible returns a context that Ctrl+C (os.Interrupt) cancels, and
// the function that stops listening for it. It starts listening only when
// something first waits on it (Done), as every command that can be
// cancelled does through its transactions: listening starts the runtime's
// signal thread and a goroutine, 0.3 ms of CPU, a twentieth of a quick
// command such as `gaps` (issue 12), which runs without cancellation
// (quick) and so never asks.
func Interruptible(parent context.Context) (context.Context, func()) {
	c := &lazyInterrupt{parent: parent}
	return c, c.stop
}

type lazyInterrupt struct {
	parent context.Context
	once   sync.Once
	ctx    context.Context // set by listen
	cancel func()
	mu     sync.Mutex
	done   bool // stop was called
}

func (c *lazyInterrupt) listen() context.Context {
	c.once.Do(func() {
		c.mu.Lock()
		defer c.mu.Unlock()
		if c.done {
			c.ctx = c.parent
			return
		}
		c.ctx, c.cancel = signal.NotifyContext(c.parent, os.Interrupt)
	})
	return c.ctx
}

func (c *lazyInterrupt) stop() {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.done = true
	if c.cancel != nil {
		c.cancel()
	}
}

// current is the context c stands for so far: the parent until something
// has waited on c (nothing can have been interrupted before then).
func (c *lazyInterrupt) current() context.Context {
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.ctx == nil {
		return c.parent
	}
	return c.ctx
}

func (c *lazyInterrupt) Deadline() (time.Time, bool) { return c.parent.Deadline() }
func (c *lazyInterrupt) Done() <-chan struct{}       { return c.listen().Done() }
func (c *lazyInterrupt) Err() error                  { return c.current().Err() }

// Value answers from the listening context once there is one, so that a
// context derived from c is cancelled with it directly, without a goroutine
// to watch c.
func (c *lazyInterrupt) Value(key any) any { return c.current().Value(key) }
