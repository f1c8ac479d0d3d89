package cli

import (
	"bytes"
	"context"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"sync"
	"time"

	"github.com/mattn/go-isatty"
	"github.com/spf13/cobra"

	"github.com/ampscan/ampscan/report"
	// The HTML audit page registers the "html" format.
	_ "github.com/ampscan/ampscan/report/html"
	"github.com/ampscan/ampscan/scanner"
)

// dirOptions is `ampscan dir`: the shared scan flags and the paths to scan.
type dirOptions struct {
	streams *IO
	*options
	paths []string // never empty: the command defaults it to "."
}

func newDirCmd(streams *IO, opts *options) *cobra.Command {
	return &cobra.Command{
		Use:   "dir [PATH...]",
		Short: "Scan files and directory trees (default: the current directory)",
		Args:  cobra.ArbitraryArgs,
		RunE: func(cmd *cobra.Command, args []string) error {
			if len(args) == 0 {
				args = []string{"."}
			}
			return runDir(cmd.Context(), &dirOptions{streams: streams, options: opts, paths: args})
		},
	}
}

func runDir(ctx context.Context, o *dirOptions) error {
	for _, a := range o.paths {
		if err := checkReadable(a); err != nil {
			return usagef("cannot scan %s: %v", a, unwrapPathError(err))
		}
	}
	// The first path's root holds the configuration (see configRoot).
	root := configRoot(o.paths[0])
	if err := o.loadConfig(root); err != nil {
		return err
	}
	src := &scanner.Dir{Roots: o.paths}
	if root != o.paths[0] && root != "." {
		// A file in a repository: paths are shown from the repository's
		// root, where its allowlist and baseline name them.
		src.Base = root
	}
	return runScan(ctx, o.streams, o.options, src, nil)
}

// checkReadable fails for a path given on the command line that does not
// exist or cannot be opened: that is a usage error (exit 2), unlike a file
// deep in a tree, which is reported and skipped.
func checkReadable(path string) error {
	f, err := os.Open(path)
	if err != nil {
		return err
	}
	return f.Close()
}

func unwrapPathError(err error) error {
	if pe, ok := err.(*os.PathError); ok {
		return pe.Err
	}
	return err
}

// stdinOptions is `ampscan stdin`: the shared scan flags, the name to
// report, and the directory whose work tree holds the configuration.
type stdinOptions struct {
	streams *IO
	*options
	name    string
	workDir string
}

func newStdinCmd(streams *IO, opts *options) *cobra.Command {
	o := &stdinOptions{streams: streams, options: opts, workDir: "."}
	cmd := &cobra.Command{
		Use:   "stdin",
		Short: "Scan standard input",
		Args:  cobra.NoArgs,
		RunE: func(cmd *cobra.Command, args []string) error {
			return runStdin(cmd.Context(), o)
		},
	}
	cmd.Flags().StringVar(&o.name, "name", "stdin", "path to report for the input (its extension hints client code)")
	return cmd
}

func runStdin(ctx context.Context, o *stdinOptions) error {
	if err := o.loadConfig(stdinConfigRoot(o.workDir)); err != nil {
		return err
	}
	return runScan(ctx, o.streams, o.options, &scanner.Reader{Name: o.name, R: o.streams.Stdin}, nil)
}

// runScan scans one Source with the engine; see runWith.
func runScan(ctx context.Context, streams *IO, opts *options, src scanner.Source, prepare func(*scanner.Report) error) error {
	return runWith(ctx, streams, opts, func(ctx context.Context, eng *scanner.Engine, onError func(scanner.FileError)) (*scanner.Report, error) {
		rep, err := scanner.Collect(ctx, eng, src, onError)
		if err == nil && prepare != nil {
			err = prepare(rep)
		}
		return rep, err
	})
}

// scanFunc produces a report with a ready engine; onError is told about
// each unreadable input as it happens.
type scanFunc func(ctx context.Context, eng *scanner.Engine, onError func(scanner.FileError)) (*scanner.Report, error)

// runWith is the shared path of every scanning command: load rules, run the
// scan with progress on a terminal, write the report, decide the exit status.
func runWith(ctx context.Context, streams *IO, opts *options, scan scanFunc) error {
	if err := opts.validate(); err != nil {
		return err
	}
	cat, err := opts.catalogue()
	if err != nil {
		return err
	}
	if err := opts.resolvePolicy(cat); err != nil {
		return err
	}
	if err := opts.accept.loadBaseline(); err != nil {
		return err
	}
	prog := &scanner.Progress{}
	eng := &scanner.Engine{Rules: cat, Jobs: opts.jobs, Progress: prog}
	pr := startProgress(streams.Stderr, opts.quiet, prog)
	rep, err := scan(ctx, eng, func(fe scanner.FileError) {
		if !opts.quiet {
			pr.clear()
			fmt.Fprintf(streams.Stderr, "ampscan: %s\n", redactMessage("cannot read "+report.TerminalSafe(fe.Path)+": "+report.TerminalSafe(fe.Err)))
		}
	})
	pr.stop()
	if scanner.Interrupted(ctx, err) {
		return finishInterrupted(ctx, streams, opts, rep)
	}
	if err != nil {
		return err
	}
	say := func(m string) {
		if !opts.quiet {
			fmt.Fprintf(streams.Stderr, "ampscan: %s\n", m)
		}
	}
	if err := opts.acceptFindings(rep, say); err != nil {
		return err
	}
	if err := opts.verifyReport(ctx, streams, rep); err != nil {
		return err
	}
	if err := writeReport(streams, opts, rep); err != nil {
		return err
	}
	if opts.failed(rep) {
		return errFindings
	}
	return nil
}

// writeReport writes nothing when the report cannot be rendered: an empty
// SARIF upload would close every open alert. Writers that foresee their
// errors (report.Streamer) stream to the destination; others are rendered
// in memory first. A file named by --output is replaced only once whole.
func writeReport(streams *IO, opts *options, rep *scanner.Report) error {
	for i := range rep.Stats.Errors { // a corrupt object's error may quote its bytes
		rep.Stats.Errors[i].Err = redactMessage(rep.Stats.Errors[i].Err)
	}
	color := opts.output == "" && !opts.noColor && os.Getenv("NO_COLOR") == "" && isTerminal(streams.Stdout)
	w, err := report.New(opts.format, report.Options{ShowSecrets: opts.noRedact, Color: color, Version: Version(), ShowSuppressed: opts.accept.showSuppressed})
	if err != nil {
		return usageError{err}
	}
	render := func(out io.Writer) error { return renderTo(out, w, rep) }
	if _, ok := w.(report.Streamer); !ok {
		var buf bytes.Buffer
		if err := renderTo(&buf, w, rep); err != nil {
			if re, ok := err.(renderError); ok {
				return re.err
			}
			return err
		}
		render = func(out io.Writer) error { _, err := out.Write(buf.Bytes()); return err }
	}
	dest := opts.output
	if dest == "" {
		dest = "standard output"
		err = render(streams.Stdout)
	} else {
		err = streamFileAtomic(opts.output, render)
	}
	if re, ok := err.(renderError); ok {
		return re.err
	}
	// Said even with --quiet: a truncated report must not pass unnoticed.
	if wn, ok := w.(report.Warner); ok {
		for _, m := range wn.Warnings() {
			fmt.Fprintf(streams.Stderr, "ampscan: %s\n", m)
		}
	}
	if err != nil {
		// A full disk, a closed pipe: exit 2, and no partial file is left.
		return fmt.Errorf("cannot write the report to %s: %w", dest, unwrapPathError(err))
	}
	return nil
}

// renderError is a writer's own failure, as opposed to its destination's.
type renderError struct{ err error }

func (e renderError) Error() string { return e.err.Error() }

// renderTo writes rep to out with w; a failure of out is returned as it
// is, any other failure as a renderError.
func renderTo(out io.Writer, w report.Writer, rep *scanner.Report) error {
	dw := &destWriter{w: out}
	if err := w.Write(dw, rep); err != nil {
		if dw.err != nil {
			return dw.err
		}
		return renderError{err}
	}
	return nil
}

// destWriter remembers the first error of the writer it wraps.
type destWriter struct {
	w   io.Writer
	err error
}

func (d *destWriter) Write(p []byte) (int, error) {
	n, err := d.w.Write(p)
	if err != nil && d.err == nil {
		d.err = err
	}
	return n, err
}

// writeFileAtomic replaces a regular file in one step; see streamFileAtomic.
func writeFileAtomic(path string, data []byte) error {
	return streamFileAtomic(path, func(w io.Writer) error {
		_, err := w.Write(data)
		return err
	})
}

// streamFileAtomic replaces a regular file in one step with what write
// writes, so a reader (an upload step, say) never sees half a report, and
// a failed write leaves the old file. Anything else that already exists
// (/dev/null, a pipe, /dev/stdout) is written in place: renaming over a
// device would replace it with a plain file.
func streamFileAtomic(path string, write func(io.Writer) error) error {
	if st, err := os.Stat(path); err == nil && !st.Mode().IsRegular() {
		f, err := os.OpenFile(path, os.O_WRONLY|os.O_TRUNC, 0)
		if err != nil {
			return err
		}
		if err := write(f); err != nil {
			f.Close()
			return err
		}
		return f.Close()
	}
	tmp, err := os.CreateTemp(filepath.Dir(path), ".ampscan-*")
	if err != nil {
		return err
	}
	defer os.Remove(tmp.Name())
	if err := write(tmp); err != nil {
		tmp.Close()
		return err
	}
	if err := tmp.Close(); err != nil {
		return err
	}
	if err := os.Chmod(tmp.Name(), 0o644); err != nil {
		return err
	}
	return os.Rename(tmp.Name(), path)
}

func isTerminal(w io.Writer) bool {
	f, ok := w.(*os.File)
	return ok && (isatty.IsTerminal(f.Fd()) || isatty.IsCygwinTerminal(f.Fd()))
}

// progress draws one status line on a terminal's stderr while a scan that
// lasts more than a moment runs. It never draws when stderr is a pipe or
// file, or with --quiet.
type progress struct {
	w       io.Writer
	done    chan struct{}
	wg      sync.WaitGroup
	mu      sync.Mutex
	drawn   bool
	enabled bool
}

const progressDelay = 700 * time.Millisecond

func startProgress(w io.Writer, quiet bool, p *scanner.Progress) *progress {
	pr := &progress{w: w, done: make(chan struct{}), enabled: !quiet && isTerminal(w)}
	if !pr.enabled {
		return pr
	}
	start := time.Now()
	var walked time.Time // when the history walk's commit total was known
	pr.wg.Add(1)
	go func() {
		defer pr.wg.Done()
		t := time.NewTicker(200 * time.Millisecond)
		defer t.Stop()
		for {
			select {
			case <-pr.done:
				return
			case <-t.C:
				el := time.Since(start)
				if el < progressDelay {
					continue
				}
				b := p.Bytes.Load()
				commits := ""
				// The rate counts from when the walk was listed, not from
				// the start (a clone, or listing the commits, comes first).
				if walked.IsZero() && p.CommitsTotal.Load() > 0 {
					walked = time.Now()
				}
				if c := p.Commits.Load(); c > 0 && !walked.IsZero() {
					commits = commitStatus(c, p.CommitsTotal.Load(), time.Since(walked)) + ", "
				} else if c > 0 {
					commits = fmt.Sprintf("%d commits, ", c)
				}
				pr.mu.Lock()
				fmt.Fprintf(pr.w, "\r\033[Kscanning: %s%d files, %.1f MB, %.0f MB/s",
					commits, p.Files.Load(), float64(b)/1e6, float64(b)/1e6/el.Seconds())
				pr.drawn = true
				pr.mu.Unlock()
			}
		}
	}()
	return pr
}

func (pr *progress) clear() {
	pr.mu.Lock()
	defer pr.mu.Unlock()
	if pr.drawn {
		fmt.Fprint(pr.w, "\r\033[K")
		pr.drawn = false
	}
}

func (pr *progress) stop() {
	if pr.enabled {
		close(pr.done)
		pr.wg.Wait()
	}
	pr.clear()
}
