// Package cli is ampscan's command line: flag parsing, wiring sources to the
// engine and writers, and the one place where errors become exit codes.
//
// Every command has three parts, in its own file: an options struct
// (fooOptions) holding its streams, every flag value and its arguments,
// with the shared scan flags embedded as *options; newFooCmd, whose RunE
// only fills that struct from cobra; and runFoo(ctx, *fooOptions) error,
// which does the work and can be called from a test without cobra. A
// command is added to the root in newRoot, or by appending its newFooCmd to
// extraCommands from its file's init. Errors become exit statuses only in
// exitCode: usageError for 2, errFindings for 1, interruptedError for 130.
package cli

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"runtime"
	"runtime/debug"
	"strings"

	"github.com/spf13/cobra"
	"github.com/spf13/pflag"

	"github.com/ampscan/ampscan/report"
	"github.com/ampscan/ampscan/rules"
	"github.com/ampscan/ampscan/scanner"
)

// Exit codes: the contract in README.md, "Exit status".
const (
	ExitClean    = 0
	ExitFindings = 1
	ExitUsage    = 2
)

// version, commit and date are stamped at release time with -ldflags
// "-X …/internal/cli.version=… -X …/internal/cli.commit=… -X …/internal/cli.date=…"
// (see .goreleaser.yaml).
var (
	version = ""
	commit  = ""
	date    = ""
)

// Version returns the build's version: the stamped one, else the module
// version go install recorded, else "dev".
func Version() string {
	if version != "" {
		return version
	}
	if bi, ok := debug.ReadBuildInfo(); ok && bi.Main.Version != "" && bi.Main.Version != "(devel)" {
		return bi.Main.Version
	}
	return "dev"
}

// usageError marks problems the user must fix in the invocation (exit 2).
type usageError struct{ err error }

func (u usageError) Error() string { return u.err.Error() }
func (u usageError) Unwrap() error { return u.err }

func usagef(format string, args ...any) error {
	return usageError{fmt.Errorf(format, args...)}
}

// errFindings means the scan worked and found something at or above --fail-on.
var errFindings = errors.New("findings at or above the --fail-on level")

// IO bundles the process streams so that tests can run the CLI in-process.
type IO struct {
	Stdin          io.Reader
	Stdout, Stderr io.Writer
}

// options are the flags shared by every scanning command.
type options struct {
	format     string
	output     string
	configPath string
	failOn     string
	noRedact   bool
	jobs       int
	noColor    bool
	quiet      bool
	config     *rules.Config // loaded by loadConfig
	configName string        // the file it came from, for errors
	accept     acceptOptions
	verify     verifyOptions
	// Whether --fail-on and --format were given, not left at their
	// defaults: the configuration's fail_on yields to a given --fail-on,
	// and merge writes JSON unless --format is given.
	failOnGiven, formatGiven bool
}

// Run executes ampscan with args and returns the exit code.
func Run(ctx context.Context, args []string, stdin io.Reader, stdout, stderr io.Writer) int {
	streams := &IO{Stdin: stdin, Stdout: stdout, Stderr: stderr}
	root := newRoot(streams)
	root.SetArgs(args)
	root.SetIn(stdin)
	root.SetOut(stdout)
	root.SetErr(stderr)
	err := root.ExecuteContext(ctx)
	return exitCode(err, stderr)
}

func exitCode(err error, stderr io.Writer) int {
	switch {
	case err == nil:
		return ExitClean
	case errors.Is(err, errFindings):
		return ExitFindings
	case errors.As(err, new(interruptedError)):
		fmt.Fprintf(stderr, "ampscan: %v\n", err)
		return ExitInterrupted
	}
	fmt.Fprintf(stderr, "ampscan: %s\n", redactMessage(err.Error()))
	return ExitUsage
}

func newRoot(streams *IO) *cobra.Command {
	opts := &options{}
	root := &cobra.Command{
		Use:   "ampscan",
		Short: "Find leaked Amplitude credentials and say what to do about each",
		Long: "ampscan finds Amplitude credentials (all nine key types) in files and git history,\n" +
			"labels each public or private by Amplitude's policy, and says how to remediate it.",
		SilenceUsage:  true,
		SilenceErrors: true,
		Args:          cobra.NoArgs,
		RunE: func(cmd *cobra.Command, args []string) error {
			return cmd.Help()
		},
	}
	root.SetFlagErrorFunc(func(_ *cobra.Command, err error) error { return usageError{err} })
	addScanFlags(root.PersistentFlags(), opts)
	// Every subcommand passes here before its RunE: what pflag alone knows
	// goes into opts, so that run functions need no cobra.
	root.PersistentPreRun = func(cmd *cobra.Command, _ []string) {
		opts.failOnGiven = cmd.Flags().Changed("fail-on")
		opts.formatGiven = cmd.Flags().Changed("format")
	}

	root.AddCommand(
		newDirCmd(streams, opts),
		newStdinCmd(streams, opts),
		newRulesCmd(streams, opts),
		newVersionCmd(streams),
	)
	for _, add := range extraCommands {
		root.AddCommand(add(streams, opts))
	}
	// Unknown subcommands and stray arguments are usage errors.
	for _, c := range root.Commands() {
		wrapArgs(c)
	}
	return root
}

// addScanFlags registers the flags every scanning command shares, with
// their defaults, on fs (the root's persistent flags).
func addScanFlags(pf *pflag.FlagSet, opts *options) {
	pf.StringVarP(&opts.format, "format", "f", "text", "output format: text, json, sarif or html")
	pf.StringVarP(&opts.output, "output", "o", "", "write the report to `FILE` instead of standard output")
	pf.StringVar(&opts.configPath, "config", "", "read extra rules from the TOML `FILE` (same schema as the built-in catalogue)")
	pf.StringVar(&opts.failOn, "fail-on", "private", "exit 1 when a finding is at least this class: private, public or none")
	pf.BoolVar(&opts.noRedact, "no-redact", false, "show whole secret values in text and JSON output (never in SARIF)")
	pf.IntVarP(&opts.jobs, "jobs", "j", runtime.NumCPU(), "number of files scanned at once")
	pf.BoolVar(&opts.noColor, "no-color", false, "disable colour (also when NO_COLOR is set or stdout is not a terminal)")
	pf.BoolVarP(&opts.quiet, "quiet", "q", false, "no progress and no per-file warnings on stderr")
	addAcceptFlags(pf, &opts.accept)
	addVerifyFlags(pf, &opts.verify)
}

// extraCommands lets each command's file register it from its init (git,
// staged, hook, config, github, gitlab, merge), so adding one edits no list.
var extraCommands []func(*IO, *options) *cobra.Command

func wrapArgs(c *cobra.Command) {
	if c.Args == nil {
		return
	}
	inner := c.Args
	c.Args = func(cmd *cobra.Command, args []string) error {
		if err := inner(cmd, args); err != nil {
			return usageError{err}
		}
		return nil
	}
}

func (o *options) validate() error {
	switch o.failOn {
	case "private", "public", "none":
	default:
		return usagef("--fail-on must be private, public or none, not %q", o.failOn)
	}
	if o.jobs < 1 {
		return usagef("--jobs must be at least 1")
	}
	if err := o.verify.validate(); err != nil {
		return err
	}
	found := false
	for _, f := range report.Formats {
		found = found || f == o.format
	}
	if !found {
		return usagef("--format must be one of %s, not %q", strings.Join(report.Formats, ", "), o.format)
	}
	return nil
}

// loadConfig reads --config, or else .ampscan.toml in root if there is
// one (root may be ""). A missing --config file is a usage error.
func (o *options) loadConfig(root string) error {
	path := o.configPath
	if path == "" && root != "" {
		candidate := filepath.Join(root, ".ampscan.toml")
		if st, err := os.Stat(candidate); err == nil && st.Mode().IsRegular() {
			path = candidate
		}
	}
	if path == "" {
		o.config = &rules.Config{}
		return nil
	}
	raw, err := os.ReadFile(path)
	if err != nil {
		return usagef("config: %v", err)
	}
	cfg, err := rules.ParseConfigFile(path, raw)
	if err != nil {
		return usagef("bad config %v", err)
	}
	o.config, o.configName = cfg, path
	return nil
}

// catalogue loads the built-in rules plus any from the configuration.
func (o *options) catalogue() (*rules.Catalogue, error) {
	if o.config == nil {
		if err := o.loadConfig(""); err != nil {
			return nil, err
		}
	}
	c, err := rules.BuiltinWith(o.config.Rules)
	if err != nil {
		return nil, usagef("config %s: %v", o.configName, err)
	}
	return c, nil
}

// failed reports whether the findings reach the --fail-on level.
func (o *options) failed(rep *scanner.Report) bool {
	for _, f := range rep.Findings {
		if f.Suppression != nil {
			continue
		}
		switch o.failOn {
		case "public":
			return true
		case "private":
			if f.Visibility == rules.Private {
				return true
			}
		}
	}
	return false
}

// Build returns the commit and build date: the stamped ones, else what the
// go tool recorded from version control (a build in a git checkout), else
// "unknown". They are what a bug report needs beside the version.
func Build() (rev, when string) {
	rev, when = commit, date
	if bi, ok := debug.ReadBuildInfo(); ok {
		for _, s := range bi.Settings {
			switch {
			case s.Key == "vcs.revision" && rev == "":
				rev = s.Value
			case s.Key == "vcs.time" && when == "":
				when = s.Value
			}
		}
	}
	if rev == "" {
		rev = "unknown"
	}
	if when == "" {
		when = "unknown"
	}
	return rev, when
}
