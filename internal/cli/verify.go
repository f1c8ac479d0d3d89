package cli

import (
	"context"
	"fmt"
	"net/http"
	"os"
	"time"

	"github.com/spf13/pflag"

	"github.com/ampscan/ampscan/scanner"
	"github.com/ampscan/ampscan/verify"
)

// verifyOptions are the --verify flags. Nothing is sent over the network
// unless enabled is set.
type verifyOptions struct {
	enabled  bool
	public   bool
	onlyLive bool
	timeout  time.Duration
}

// Test hooks: where verification requests go, and how far apart they are
// spaced per host (zero: the verify package's default).
var (
	verifyTransport http.RoundTripper
	verifyHostGap   time.Duration
)

func addVerifyFlags(fs *pflag.FlagSet, o *verifyOptions) {
	fs.BoolVar(&o.enabled, "verify", false,
		"check, read-only, whether each key found is still live (sends requests to Amplitude; see the README for exactly which)")
	fs.BoolVar(&o.public, "verify-public", false, "with --verify, also check public API keys found without their secret key")
	fs.BoolVar(&o.onlyLive, "only-live", false, "with --verify, report only keys verified live (and exit 1 only for them)")
	fs.DurationVar(&o.timeout, "verify-timeout", verify.DefaultTimeout, "with --verify, give up on a request after `DURATION`")
}

func (o *verifyOptions) validate() error {
	switch {
	case o.onlyLive && !o.enabled:
		return usagef("--only-live needs --verify")
	case o.public && !o.enabled:
		return usagef("--verify-public needs --verify")
	case o.timeout <= 0:
		return usagef("--verify-timeout must be positive, not %s", o.timeout)
	}
	return nil
}

// verifyReport runs the opt-in checks on the report's findings and, with
// --only-live, keeps only the live ones. Without --verify it does nothing.
func (o *options) verifyReport(ctx context.Context, streams *IO, rep *scanner.Report) error {
	vo := o.verify
	if !vo.enabled {
		return nil
	}
	v, err := verify.New(verify.Options{
		Timeout: vo.timeout, HostGap: verifyHostGap, Public: vo.public, Version: Version(),
		BaseURL: os.Getenv(verify.EnvBaseURL), Transport: verifyTransport,
	})
	if err != nil {
		return usageError{err}
	}
	// Checks are spaced a few a second per host, so a big report takes a
	// while: say so on a terminal rather than look stuck.
	if !o.quiet && isTerminal(streams.Stderr) && len(rep.Findings) > 0 {
		fmt.Fprintf(streams.Stderr, "ampscan: verifying %d findings with read-only requests to Amplitude…\n", len(rep.Findings))
	}
	if err := v.Verify(ctx, rep.Findings); err != nil {
		return fmt.Errorf("verify: %w", err)
	}
	rep.Notes = append(rep.Notes, v.Summary())
	if vo.onlyLive {
		kept := rep.Findings[:0]
		for _, f := range rep.Findings {
			if f.Live() {
				kept = append(kept, f)
			}
		}
		if left := len(rep.Findings) - len(kept); left > 0 {
			rep.Notes = append(rep.Notes, fmt.Sprintf("--only-live: %d findings not verified live are left out", left))
		}
		rep.Findings = kept
	}
	return nil
}
