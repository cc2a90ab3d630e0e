package main

import (
	"fmt"
	"os"
	"runtime"
	"runtime/debug"
	"runtime/pprof"
	"time"
)

// releaseStartupMemory hands back to the system, once, the memory the Go
// runtime kept from opening the database and building the first screens
// (which finish in the background within a few seconds of the shell
// appearing): the runtime returns idle memory only gradually, and a freshly
// started app held about 15 MB it no longer used (issue 12). It costs one
// collection.
func releaseStartupMemory() {
	time.AfterFunc(5*time.Second, debug.FreeOSMemory)
}

// envMemProfile names a file to which the app writes a heap profile of what
// it holds 15 seconds after start (after a collection), for finding what
// the app keeps in memory at start-up (issue 12); scripts/bench-team.sh
// uses it. Unset, nothing happens.
const envMemProfile = "GAPWISE_MEMPROFILE"

func startMemProfile() {
	path := os.Getenv(envMemProfile)
	if path == "" {
		return
	}
	// One allocation in 4 KB is recorded, not one in 512 KB: the app holds
	// only a few tens of MB at start, and the default profile was too coarse
	// to say which screen or text style held what. (Recording every
	// allocation slowed the start and doubled the heap it measures.)
	runtime.MemProfileRate = 4096
	time.AfterFunc(15*time.Second, func() {
		runtime.GC()
		f, err := os.Create(path)
		if err != nil {
			return
		}
		defer f.Close()
		pprof.Lookup("heap").WriteTo(f, 0)
		var m runtime.MemStats
		runtime.ReadMemStats(&m)
		fmt.Fprintf(os.Stderr, "gapwise: heap in use %.1f MB, idle %.1f MB (released %.1f MB), stacks %.1f MB, runtime total %.1f MB\n",
			mb(m.HeapInuse), mb(m.HeapIdle), mb(m.HeapReleased), mb(m.StackSys), mb(m.Sys))
	})
}

func mb(n uint64) float64 { return float64(n) / (1 << 20) }
