package cli

import (
	"context"
	"fmt"
	"io"
	"os"
	"os/signal"
	"syscall"

	"github.com/ampscan/ampscan/scanner"
)

// ExitInterrupted is the status of a scan stopped by SIGINT or SIGTERM
// (128 + SIGINT, as shells report an interrupted command).
const ExitInterrupted = 130

// Main runs ampscan as a process: the first SIGINT or SIGTERM stops the
// scan, which still writes what it found so far, marked incomplete, and
// exits 130; a second one kills the process at once. SIGPIPE is ignored,
// so that writing to a closed pipe is an error ampscan reports (exit 2),
// not a silent death by signal.
func Main(args []string, stdin io.Reader, stdout, stderr io.Writer) int {
	signal.Ignore(syscall.SIGPIPE)
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	go func() {
		<-ctx.Done()
		stop() // back to the default action: a second signal ends the process
	}()
	return Run(ctx, args, stdin, stdout, stderr)
}

// interruptedError ends an interrupted scan after its partial report.
type interruptedError struct{ reason string }

func (e interruptedError) Error() string {
	return "scan interrupted (" + e.reason + "): the report holds only what was found before it stopped"
}

// finishInterrupted writes the partial report of a scan stopped by ctx
// (an empty one when it stopped before producing any) and returns the
// error that makes the exit status 130.
func finishInterrupted(ctx context.Context, streams *IO, opts *options, rep *scanner.Report) error {
	reason := "interrupted"
	if cause := context.Cause(ctx); cause != nil && cause != context.Canceled {
		reason = cause.Error()
	}
	if rep == nil {
		rep = &scanner.Report{Stats: scanner.Stats{Skipped: map[string]int64{}}}
	}
	rep.Incomplete = reason
	if err := opts.acceptFindings(rep, func(string) {}); err != nil {
		return fmt.Errorf("%w (and the scan was interrupted: %s)", err, reason)
	}
	if err := writeReport(streams, opts, rep); err != nil {
		return fmt.Errorf("%w (and the scan was interrupted: %s)", err, reason)
	}
	return interruptedError{reason}
}
