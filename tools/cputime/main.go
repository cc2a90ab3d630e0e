// Command cputime runs commands several times and prints the median CPU
// time (user+sys) and peak resident memory of each one's runs. On a machine
// shared by many builds wall time says more about the neighbours than about
// the program; CPU time, read from the kernel's accounting of each child,
// does not (GNU time rounds it to 10 ms, too coarse for a 5 ms command).
//
//	cputime [-n 21] [-warm 0] [-label TEXT]... -- COMMAND [ARG...] [--- COMMAND [ARG...]]...
//
// Several commands (separated by ---) run in turn, run by run (A B C, then
// B C A, C A B, then backwards: C B A, A C B, B A C), so that a quieter or
// busier moment of the machine, or what the one before left in the CPU's
// caches, falls on all of them alike rather than on whichever ran first or
// second: a ratio of two of them taken this way is fair. With -warm 1 each
// counted run follows an uncounted run of the same command, so it is timed
// warm, as when one command is run again and again, while the machine's
// drift still falls on every command alike. Each -label names the command
// in the same position.
//
// Output is discarded; a run that fails stops cputime with its error. It is
// a development tool, not part of the app.
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

// labels collects repeated -label flags.
type labels []string

func (l *labels) String() string     { return strings.Join(*l, ", ") }
func (l *labels) Set(s string) error { *l = append(*l, s); return nil }

// runs is what one command's runs measured.
type runs struct {
	name      string
	args      []string
	cpu, wall []time.Duration
	rss       []int64 // KiB
}

func main() {
	n := flag.Int("n", 21, "number of runs of each command")
	warm := flag.Int("warm", 0, "runs of a command, not counted, just before each counted one (so each counted run finds the caches as its own run left them, not as another command did)")
	var names labels
	flag.Var(&names, "label", "what to call a command in the output, in the order of the commands (default: the command); repeat for each")
	flag.Parse()
	cmds := split(flag.Args())
	if len(cmds) == 0 || *n < 1 || len(names) > len(cmds) {
		fmt.Fprintln(os.Stderr, "usage: cputime [-n RUNS] [-warm RUNS] [-label TEXT]... -- COMMAND [ARG...] [--- COMMAND [ARG...]]...")
		os.Exit(2)
	}
	all := make([]*runs, len(cmds))
	for i, args := range cmds {
		all[i] = &runs{name: strings.Join(args, " "), args: args}
		if i < len(names) {
			all[i].name = names[i]
		}
	}
	for i := range *n {
		for j := range all {
			r := all[order(i, j, len(all))]
			for range *warm {
				if err := r.run(); err != nil {
					fmt.Fprintf(os.Stderr, "cputime: %s: %v\n", strings.Join(r.args, " "), err)
					os.Exit(1)
				}
			}
			if err := r.once(); err != nil {
				fmt.Fprintf(os.Stderr, "cputime: %s: %v\n", strings.Join(r.args, " "), err)
				os.Exit(1)
			}
		}
	}
	for _, r := range all {
		fmt.Printf("%s: CPU %.1f ms (min %.1f, max %.1f), wall %.1f ms, peak %.1f MB, median of %d\n", r.name,
			ms(median(r.cpu)), ms(slices.Min(r.cpu)), ms(slices.Max(r.cpu)), ms(median(r.wall)), float64(median(r.rss))/1024, *n)
	}
}

// order is which of k commands runs j-th in round i. Each starts a round
// in turn, and every k rounds the direction turns round (A B C, B C A,
// C A B, then C B A, A C B, B A C): a command's runs follow the one before
// it in the list as often as the one after it, so what a command leaves in
// the CPU's caches or the kernel's (a larger binary's pages, say) falls on
// its neighbours alike. With two or three commands every one follows every
// other equally often over 2k rounds.
func order(i, j, k int) int {
	if (i/k)%2 == 1 {
		return ((i % k) - j + k*2) % k
	}
	return (i + j) % k
}

// split cuts the arguments into commands at each "---".
func split(args []string) [][]string {
	var out [][]string
	for len(args) > 0 {
		i := slices.Index(args, "---")
		if i < 0 {
			i = len(args)
		}
		if i > 0 {
			out = append(out, args[:i])
		}
		args = args[min(i+1, len(args)):]
	}
	return out
}

// run runs the command one time without recording it.
func (r *runs) run() error {
	_, err := r.exec()
	return err
}

// once runs the command one time and records what it cost.
func (r *runs) once() error {
	start := time.Now()
	cmd, err := r.exec()
	if err != nil {
		return err
	}
	r.wall = append(r.wall, time.Since(start))
	r.cpu = append(r.cpu, cmd.ProcessState.UserTime()+cmd.ProcessState.SystemTime())
	if ru, ok := cmd.ProcessState.SysUsage().(*syscall.Rusage); ok {
		r.rss = append(r.rss, int64(ru.Maxrss)) // KiB on Linux
	}
	return nil
}

// exec runs the command to its end, its output discarded unless it fails.
func (r *runs) exec() (*exec.Cmd, error) {
	cmd := exec.Command(r.args[0], r.args[1:]...)
	if out, err := cmd.CombinedOutput(); err != nil {
		return nil, fmt.Errorf("%w\n%s", err, out)
	}
	return cmd, nil
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
