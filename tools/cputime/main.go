// Command cputime runs a command several times and prints the median CPU
// time (user+sys) and peak resident memory of its runs. On a machine shared
// by many builds wall time says more about the neighbours than about the
// program; CPU time, read from the kernel's accounting of each child, does
// not (GNU time rounds it to 10 ms, too coarse for a 5 ms command).
//
//	cputime [-n 21] [-label TEXT] -- COMMAND [ARG...]
//
// The command's output is discarded; a run that fails stops cputime with
// its error. It is a development tool, not part of the app.
package main

import (
	"flag"
	"fmt"
	"os"
	"os/exec"
	"slices"
	"strings"
	"syscall"
	"time"
)

func main() {
	n := flag.Int("n", 21, "number of runs")
	label := flag.String("label", "", "what to call the command in the output (default: the command)")
	flag.Parse()
	args := flag.Args()
	if len(args) == 0 || *n < 1 {
		fmt.Fprintln(os.Stderr, "usage: cputime [-n RUNS] [-label TEXT] -- COMMAND [ARG...]")
		os.Exit(2)
	}
	var cpu, wall []time.Duration
	var rss []int64
	for range *n {
		cmd := exec.Command(args[0], args[1:]...)
		start := time.Now()
		if out, err := cmd.CombinedOutput(); err != nil {
			fmt.Fprintf(os.Stderr, "cputime: %s: %v\n%s", strings.Join(args, " "), err, out)
			os.Exit(1)
		}
		wall = append(wall, time.Since(start))
		cpu = append(cpu, cmd.ProcessState.UserTime()+cmd.ProcessState.SystemTime())
		if ru, ok := cmd.ProcessState.SysUsage().(*syscall.Rusage); ok {
			rss = append(rss, int64(ru.Maxrss)) // KiB on Linux
		}
	}
	name := *label
	if name == "" {
		name = strings.Join(args, " ")
	}
	fmt.Printf("%s: CPU %.1f ms (min %.1f, max %.1f), wall %.1f ms, peak %.1f MB, median of %d\n", name,
		ms(median(cpu)), ms(slices.Min(cpu)), ms(slices.Max(cpu)), ms(median(wall)), float64(median(rss))/1024, *n)
}

func median[T int64 | time.Duration](v []T) T {
	if len(v) == 0 {
		return 0
	}
	s := slices.Clone(v)
	slices.Sort(s)
	return s[(len(s)-1)/2]
}

func ms(d time.Duration) float64 { return float64(d) / float64(time.Millisecond) }
