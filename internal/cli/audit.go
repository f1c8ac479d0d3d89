package cli

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"os"
	"runtime"
	"strings"

	"github.com/sourcegraph/conc/pool"

	"github.com/ampscan/ampscan/report"
	"github.com/ampscan/ampscan/rules"
	"github.com/ampscan/ampscan/scanner"
	"github.com/ampscan/ampscan/source"
	"github.com/ampscan/ampscan/source/remote"
)

// auditSpec is what a listing command hands the shared audit.
type auditSpec struct {
	what    string // "github org acme"
	list    lister
	token   string // the API token, reused for clones on the API's host
	apiHost string
}

// errReposFailed means the audit ran but some repositories could not be
// scanned: exit 2 unless findings already make it 1.
type errReposFailed struct{ names []string }

func (e errReposFailed) Error() string {
	return fmt.Sprintf("%d repositories could not be scanned: %s", len(e.names), strings.Join(e.names, ", "))
}

// runAudit lists, selects, then clones and scans --jobs repositories at a
// time, and writes one report. A repository that fails is recorded with
// its reason and the audit goes on.
func runAudit(ctx context.Context, streams *IO, opts *options, f *auditFlags, spec auditSpec) error {
	if err := opts.validate(); err != nil {
		return err
	}
	if opts.accept.baseline != "" || opts.accept.writeBaseline != "" {
		// A baseline's entries name paths within one repository; across an
		// organisation they would collide.
		return usagef("--baseline and --write-baseline take one repository: scan it with ampscan git")
	}
	if err := opts.loadConfig(""); err != nil {
		return err
	}
	cat, err := opts.catalogue()
	if err != nil {
		return err
	}
	listed, selected, repos, err := f.selection(ctx, streams, opts, spec)
	if err != nil {
		return err
	}
	if f.list {
		return printListing(streams, repos)
	}
	audit := &report.Audit{Source: spec.what, Listed: listed, Selected: selected, Shard: f.shard}
	audit.Repos, err = scanAll(ctx, streams, opts, cat, f, spec, repos)
	if err != nil {
		return err
	}
	for i := range audit.Repos {
		if rep := audit.Repos[i].Report; rep != nil {
			// The configuration's policy and allow entries, and
			// --no-inline-allow, apply to every repository alike.
			if err := opts.acceptFindings(rep, func(string) {}); err != nil {
				return err
			}
		}
	}
	if err := writeAudit(streams, opts, audit); err != nil {
		return err
	}
	if opts.failed(audit.Combined()) {
		return errFindings
	}
	if failed := audit.Failed(); len(failed) > 0 {
		return errReposFailed{failed}
	}
	return nil
}

func printListing(streams *IO, repos []source.Repo) error {
	var b strings.Builder
	for _, r := range repos {
		var flags []string
		if r.Fork {
			flags = append(flags, "fork")
		}
		if r.Archived {
			flags = append(flags, "archived")
		}
		fmt.Fprintf(&b, "%s\t%s\t%s\n", r.FullName, remote.Redact(r.CloneURL), strings.Join(flags, ","))
	}
	_, err := fmt.Fprint(streams.Stdout, b.String())
	return err
}

// scanAll scans the repositories, opts.jobs at once, and returns their
// outcomes in listing order. Only cancellation stops it early.
func scanAll(ctx context.Context, streams *IO, opts *options, cat *rules.Catalogue, f *auditFlags, spec auditSpec, repos []source.Repo) ([]report.AuditRepo, error) {
	out := make([]report.AuditRepo, len(repos))
	workers := max(1, runtime.NumCPU()/opts.jobs)
	prog := newAuditProgress(streams.Stderr, opts.quiet, len(repos))
	defer prog.stop()
	p := pool.New().WithMaxGoroutines(opts.jobs)
	for i, r := range repos {
		p.Go(func() {
			var err error
			out[i], err = scanOne(ctx, cat, workers, f, spec, r, prog)
			if err != nil {
				out[i].Err = failure(err)
				if !opts.quiet {
					prog.println(fmt.Sprintf("ampscan: %s: %v", r.FullName, err))
				}
			}
		})
	}
	p.Wait()
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	return out, nil
}

// scanOne clones and scans one repository; an error says why it failed.
func scanOne(ctx context.Context, cat *rules.Catalogue, workers int, f *auditFlags, spec auditSpec, r source.Repo, prog *auditProgress) (report.AuditRepo, error) {
	res := report.AuditRepo{Name: r.FullName, URL: remote.Redact(r.CloneURL), Web: r.Web}
	creds := remote.Credentials{Token: cloneToken(spec.token, spec.apiHost, r.CloneURL), Env: os.Getenv}
	ep, err := remote.Parse(r.CloneURL, creds)
	if err != nil {
		return res, err
	}
	ep = ep.WithWeb(r.Kind, r.Web)
	res.URL = ep.URL
	track := prog.start(r.FullName)
	defer prog.done(track)
	eng := &scanner.Engine{Rules: cat, Jobs: workers, Progress: track.counts}
	rep, err := remote.Scan(ctx, eng, ep, remote.Options{TempDir: f.tempDir, Cloned: track.cloned})
	res.Report = rep
	return res, err
}

// failure is the reason a repository failed as the report gives it: the
// same on every run, so that reports (and merged shards) compare byte for
// byte. A transport's own words vary with timing; they go to stderr.
func failure(err error) string {
	switch {
	case errors.Is(err, remote.ErrNotFound):
		return "repository not found, or not visible with the credentials given"
	case errors.Is(err, remote.ErrAuth):
		return "authentication failed: the token was refused or lacks access"
	case errors.Is(err, remote.ErrClone):
		return "clone failed: the repository could not be fetched or is corrupt (the cause is in the run's log)"
	case errors.Is(err, context.Canceled), errors.Is(err, context.DeadlineExceeded):
		return "interrupted"
	}
	var bad *remote.URLError
	if errors.As(err, &bad) {
		return err.Error()
	}
	return "scan failed: the clone could not be read (the cause is in the run's log)"
}

// writeAudit renders in memory first, as writeReport does.
func writeAudit(streams *IO, opts *options, a *report.Audit) error {
	color := opts.output == "" && !opts.noColor && os.Getenv("NO_COLOR") == "" && isTerminal(streams.Stdout)
	w, err := report.NewAudit(opts.format, report.Options{ShowSecrets: opts.noRedact, Color: color, Version: Version()})
	if err != nil {
		return usageError{err}
	}
	var buf bytes.Buffer
	if err := w.WriteAudit(&buf, a); err != nil {
		return err
	}
	if wn, ok := w.(report.Warner); ok {
		for _, m := range wn.Warnings() {
			fmt.Fprintf(streams.Stderr, "ampscan: %s\n", m)
		}
	}
	if opts.output == "" {
		_, err := streams.Stdout.Write(buf.Bytes())
		return err
	}
	return writeFileAtomic(opts.output, buf.Bytes())
}
