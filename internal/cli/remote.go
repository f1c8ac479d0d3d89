package cli

import (
	"context"
	"fmt"
	"os"

	"github.com/ampscan/ampscan/scanner"
	"github.com/ampscan/ampscan/scanner/history"
	"github.com/ampscan/ampscan/source/remote"
)

// runRemoteGit is `ampscan git URL`: a bare clone in a temporary directory
// (or --keep DIR), the same history scan as a local repository, and the
// clone removed afterwards. Only --config applies: a remote repository's
// own .ampscan.toml is not read, since the clone has no work tree.
// hopts is o.history with --since parsed.
func runRemoteGit(ctx context.Context, o *gitOptions, hopts history.Options) error {
	streams, opts, keep := o.streams, o.options, o.keep
	ep, err := remote.Parse(o.repo, remote.Credentials{Env: os.Getenv})
	if err != nil {
		return usageError{err}
	}
	if err := opts.loadConfig(""); err != nil {
		return err
	}
	if !opts.quiet && isTerminal(streams.Stderr) {
		// The clone comes before the progress line has anything to count.
		fmt.Fprintf(streams.Stderr, "ampscan: cloning %s\n", ep.URL)
	}
	return runWith(ctx, streams, opts, func(ctx context.Context, eng *scanner.Engine, onError func(scanner.FileError)) (*scanner.Report, error) {
		rep, err := remote.Scan(ctx, eng, ep, remote.Options{Keep: keep, History: hopts, OnError: onError})
		return rep, revisionUsage(err, hopts)
	})
}
