// Command ampscan finds leaked Amplitude credentials in files and git
// history. All the work is in internal/cli; main only wires the process.
package main

import (
	"context"
	"os"
	"os/signal"

	"github.com/ampscan/ampscan/internal/cli"
)

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt)
	code := cli.Run(ctx, os.Args[1:], os.Stdin, os.Stdout, os.Stderr)
	stop()
	os.Exit(code)
}
