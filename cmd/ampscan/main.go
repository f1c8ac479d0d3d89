// Command ampscan finds leaked Amplitude credentials in files and git
// history. All the work is in internal/cli; main only wires the process.
package main

import (
	"os"

	"github.com/ampscan/ampscan/internal/cli"
)

func main() {
	os.Exit(cli.Main(os.Args[1:], os.Stdin, os.Stdout, os.Stderr))
}
