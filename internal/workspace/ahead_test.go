package workspace

import (
	"context"
	"sync/atomic"
	"testing"
	"time"
)

func TestAheadKeepsOrderAndBoundsWork(t *testing.T) {
	var running, most atomic.Int32
	next, stop := ahead(context.Background(), 50, 3, func(i int) int {
		n := running.Add(1)
		for {
			m := most.Load()
			if n <= m || most.CompareAndSwap(m, n) {
				break
			}
		}
		time.Sleep(time.Duration(50-i) * 50 * time.Microsecond) // later ones finish first
		running.Add(-1)
		return i * i
	})
	defer stop()
	for i := 0; i < 50; i++ {
		if got := next(); got != i*i {
			t.Fatalf("result %d is %d, want %d", i, got, i*i)
		}
	}
	if m := most.Load(); m > 3 {
		t.Errorf("%d ran at once; the window is 3", m)
	}
}

func TestAheadStopsEarly(t *testing.T) {
	var started atomic.Int32
	next, stop := ahead(context.Background(), 1000, 2, func(i int) int { started.Add(1); return i })
	next()
	stop()
	if n := started.Load(); n > 4 {
		t.Errorf("%d of 1000 started after stopping at the first", n)
	}
}
