// Command gapwise-cli is Gapwise's headless command line. It builds without
// cgo, so it runs on servers and in scripts with no display.
package main

import (
	"context"
	"math"
	"os"
	"runtime"
	"runtime/debug"

	"gapwise/internal/cli"
)

func main() {
	noEarlyGC()
	oneCore()
	ctx, stop := cli.Interruptible(context.Background())
	code := cli.Run(ctx, os.Args[1:], os.Stdout, os.Stderr)
	stop()
	os.Exit(code)
}

// noEarlyGC lets a short command finish without a garbage collection, which
// was a sixth of the CPU time of `gaps` on a personal database (issue 12):
// collection is off until the process's Go memory first nears 16 MiB (a
// soft memory limit makes the runtime collect then), and that first
// collection restores the usual settings, so a command working through a
// whole organisation collects as it always did and its peak is unchanged.
// GOGC or GOMEMLIMIT in the environment are left to rule.
func noEarlyGC() {
	if os.Getenv("GOGC") != "" || os.Getenv("GOMEMLIMIT") != "" {
		return
	}
	percent := debug.SetGCPercent(-1)
	debug.SetMemoryLimit(16 << 20)
	sentinel := new([64]byte) // big enough not to share a tiny-allocator block, whose cleanup might never run
	runtime.AddCleanup(sentinel, func(percent int) {
		debug.SetGCPercent(percent)
		debug.SetMemoryLimit(math.MaxInt64)
	}, percent)
}

// oneCore runs the command on one core (GOMAXPROCS=1): database/sql starts
// a goroutine for every transaction and query that lives for microseconds,
// and with a second core idle the runtime woke a thread for each, which
// cost a short command such as gaps a seventh of its CPU time (issue 12).
// Commands that decode on both cores (the imports) take them back, as
// internal/cli's command table says; GOMAXPROCS in the environment rules.
func oneCore() {
	if os.Getenv("GOMAXPROCS") == "" {
		runtime.GOMAXPROCS(1)
	}
}
