// Command gapwise-cli is Gapwise's headless command line. It builds without
// cgo, so it runs on servers and in scripts with no display.
package main

import (
	"context"
	"os"
	"os/signal"

	"gapwise/internal/cli"
)

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt)
	code := cli.Run(ctx, os.Args[1:], os.Stdout, os.Stderr)
	stop()
	os.Exit(code)
}
