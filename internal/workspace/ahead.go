package workspace

import "context"

// ahead runs fn(0) … fn(n-1) on up to window goroutines at a time and hands
// the results back in order through next, so reading and decoding files
// keeps both cores busy while the caller (a write transaction, say) works
// through them one by one. At most window results wait unread, so memory
// stays bounded whatever n is. next must be called at most n times, in
// order; stop ends the work early (and must be called in any case).
func ahead[T any](ctx context.Context, n, window int, fn func(int) T) (next func() T, stop func()) {
	ctx, cancel := context.WithCancel(ctx)
	slots := make([]chan T, n)
	for i := range slots {
		slots[i] = make(chan T, 1)
	}
	tokens := make(chan struct{}, max(window, 1))
	done := make(chan struct{})
	go func() {
		defer close(done)
		for i := 0; i < n; i++ {
			select {
			case tokens <- struct{}{}:
			case <-ctx.Done():
				return
			}
			go func(i int) { slots[i] <- fn(i) }(i)
		}
	}()
	k := 0
	next = func() T {
		v := <-slots[k]
		slots[k] = nil
		k++
		<-tokens
		return v
	}
	stop = func() {
		cancel()
		<-done
		// Results already started finish into their buffered slots and
		// are dropped with them; release their tokens.
	}
	return next, stop
}
