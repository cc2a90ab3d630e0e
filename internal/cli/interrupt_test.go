package cli

import (
	"context"
	"errors"
	"os"
	"os/signal"
	"runtime"
	"testing"
	"time"
)

// Ctrl+C cancels a command's context once the command waits on it, and a
// command that never waits on it (a quick one) is not listening for it.
func TestInterruptibleListensOnceWaitedOn(t *testing.T) {
	if runtime.GOOS == "windows" {
		t.Skip("a process cannot send itself os.Interrupt on Windows")
	}
	// The test catches the signal too, so that one nobody else listens for
	// does not end the test process.
	caught := make(chan os.Signal, 4)
	signal.Notify(caught, os.Interrupt)
	defer signal.Stop(caught)
	self, err := os.FindProcess(os.Getpid())
	if err != nil {
		t.Fatal(err)
	}
	interrupt := func() {
		t.Helper()
		if err := self.Signal(os.Interrupt); err != nil {
			t.Fatal(err)
		}
		select {
		case <-caught:
		case <-time.After(5 * time.Second):
			t.Fatal("the interrupt never arrived")
		}
	}

	ctx, stop := Interruptible(context.Background())
	defer stop()
	interrupt()
	if err := ctx.Err(); err != nil {
		t.Fatalf("cancelled by an interrupt before anything waited on it: %v", err)
	}
	derived, cancel := context.WithCancel(ctx) // as a command's transaction does: it waits on ctx
	defer cancel()
	interrupt()
	select {
	case <-derived.Done():
	case <-time.After(5 * time.Second):
		t.Fatal("an interrupt while the command waits did not cancel it")
	}
	if !errors.Is(ctx.Err(), context.Canceled) {
		t.Errorf("after the interrupt: %v; want context.Canceled", ctx.Err())
	}
}
