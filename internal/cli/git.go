package cli

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"time"

	"github.com/spf13/cobra"

	"github.com/ampscan/ampscan/scanner"
	"github.com/ampscan/ampscan/scanner/history"
	"github.com/ampscan/ampscan/source/remote"
)

func init() {
	extraCommands = append(extraCommands, newGitCmd, newStagedCmd, newHookCmd)
}

// gitOptions is `ampscan git`: the shared scan flags, the repository (a
// path or a URL) and which part of its history to scan.
type gitOptions struct {
	streams *IO
	*options
	repo    string // never empty: the command defaults it to "."
	history history.Options
	since   string // --since as given; runGit parses it into history.Since
	keep    string
}

func newGitCmd(streams *IO, opts *options) *cobra.Command {
	o := &gitOptions{streams: streams, options: opts}
	cmd := &cobra.Command{
		Use:   "git [REPO|URL]",
		Short: "Scan every commit of a repository's history (default: the repository at .)",
		Long: "Scan every commit reachable from every ref (branches, remote-tracking branches, tags),\n" +
			"merges included. Each secret is reported once per path, attributed to the earliest commit\n" +
			"that introduced it, and marked as still in HEAD or only in history.",
		Example: "  ampscan git\n" +
			"  ampscan git --range origin/main..HEAD --format sarif -o ampscan.sarif\n" +
			"  ampscan git --branch release --since 2024-01-01 /path/to/repo",
		Args: cobra.MaximumNArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			o.repo = repoArg(args)
			return runGit(cmd.Context(), o)
		},
	}
	f := cmd.Flags()
	f.StringVar(&o.history.Range, "range", "", "scan only the commits reachable from B and not from A (`A..B`, e.g. a pull request's)")
	f.StringVar(&o.history.Branch, "branch", "", "scan only the history of one branch, tag or revision (`NAME`)")
	f.StringVar(&o.since, "since", "", "scan only commits committed on or after `DATE` (YYYY-MM-DD, midnight UTC, or RFC 3339)")
	f.StringVar(&o.keep, "keep", "", "for a URL: clone into `DIR` and leave the bare clone there instead of removing it")
	return cmd
}

func runGit(ctx context.Context, o *gitOptions) error {
	hopts := o.history
	if hopts.Range != "" && hopts.Branch != "" {
		return usagef("--range and --branch cannot be used together")
	}
	var err error
	if hopts.Since, err = parseSince(o.since); err != nil {
		return err
	}
	if remote.IsURL(o.repo) {
		return runRemoteGit(ctx, o, hopts)
	}
	repo, err := openHistoryRepo(o.options, o.repo, hopts.Range)
	if err != nil {
		return err
	}
	defer repo.Close()
	return runWith(ctx, o.streams, o.options, func(ctx context.Context, eng *scanner.Engine, onError func(scanner.FileError)) (*scanner.Report, error) {
		rep, err := history.Scan(ctx, eng, repo, hopts, onError)
		if err == nil && hopts.Range != "" {
			err = guardRange(ctx, repo, hopts.Range, o.guardedFiles(), rep)
		}
		return rep, revisionUsage(err, hopts)
	})
}

// stagedOptions is `ampscan staged`: the shared scan flags, the repository,
// and the index to read (GIT_INDEX_FILE, as git sets it for a hook; empty
// for the repository's own).
type stagedOptions struct {
	streams *IO
	*options
	repo      string // never empty: the command defaults it to "."
	indexFile string
}

func newStagedCmd(streams *IO, opts *options) *cobra.Command {
	return &cobra.Command{
		Use:   "staged [REPO]",
		Short: "Scan what the next commit would add (the index against HEAD): for pre-commit hooks",
		Long: "Scan the files staged for the next commit, and report only the secrets the commit would add:\n" +
			"a secret already in HEAD's version of a file is not reported again. Exits 1 when the commit\n" +
			"would add a secret at or above --fail-on.",
		Args: cobra.MaximumNArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			return runStaged(cmd.Context(), &stagedOptions{
				streams: streams, options: opts, repo: repoArg(args), indexFile: os.Getenv("GIT_INDEX_FILE"),
			})
		},
	}
}

func runStaged(ctx context.Context, o *stagedOptions) error {
	repo, err := openRepoWithConfig(o.options, o.repo)
	if err != nil {
		return err
	}
	defer repo.Close()
	sopts := history.StagedOptions{IndexFile: o.indexFile}
	return runWith(ctx, o.streams, o.options, func(ctx context.Context, eng *scanner.Engine, onError func(scanner.FileError)) (*scanner.Report, error) {
		rep, err := history.ScanStaged(ctx, eng, repo, sopts, onError)
		if errors.Is(err, history.ErrNoWorkTree) {
			return nil, usagef("staged: %v", err)
		}
		return rep, err
	})
}

func repoArg(args []string) string {
	if len(args) == 0 {
		return "."
	}
	return args[0]
}

// openRepoWithConfig opens the repository at path and reads the
// configuration at its work tree root (.ampscan.toml), as dir does at the
// scanned root.
func openRepoWithConfig(opts *options, path string) (*history.Repo, error) {
	repo, err := openRepo(path)
	if err != nil {
		return nil, err
	}
	if err := opts.loadConfig(repo.WorkTree()); err != nil {
		repo.Close()
		return nil, err
	}
	return repo, nil
}

// openRepo opens a repository, making "not a repository" a usage error.
func openRepo(path string) (*history.Repo, error) {
	repo, err := history.Open(path)
	switch {
	case errors.Is(err, history.ErrNotRepository):
		return nil, usagef("%s is not a git repository (nor inside one)", path)
	case err != nil:
		return nil, usagef("cannot open repository %s: %v", path, unwrapPathError(errors.Unwrap(err)))
	}
	return repo, nil
}

// revisionUsage turns a bad --range or --branch into a usage error that
// names the flag.
func revisionUsage(err error, hopts history.Options) error {
	var re *history.RevisionError
	if !errors.As(err, &re) {
		return err
	}
	flag := "--branch"
	if hopts.Range != "" {
		flag = "--range"
	}
	return usagef("bad %s %q: %v", flag, re.Rev, re.Err)
}

// parseSince accepts a date (midnight UTC) or an RFC 3339 time.
func parseSince(s string) (time.Time, error) {
	if s == "" {
		return time.Time{}, nil
	}
	if t, err := time.Parse(time.DateOnly, s); err == nil {
		return t, nil
	}
	if t, err := time.Parse(time.RFC3339, s); err == nil {
		return t, nil
	}
	return time.Time{}, usagef("bad --since %q: want a date as YYYY-MM-DD or an RFC 3339 time such as 2024-05-01T12:00:00Z", s)
}

// preCommitHook is the script `ampscan hook install` writes. It fails
// closed: a security check that silently does nothing is worse than none.
const preCommitHook = `#!/bin/sh
# Installed by "ampscan hook install": refuses a commit that would add an
# Amplitude credential. Bypass once (after rotating the key) with --no-verify.
if ! command -v ampscan >/dev/null 2>&1; then
	echo "ampscan pre-commit hook: ampscan is not on PATH" >&2
	echo "  install it: go install github.com/ampscan/ampscan/cmd/ampscan@latest" >&2
	exit 1
fi
exec ampscan staged
`

// hookInstallOptions is `ampscan hook install`.
type hookInstallOptions struct {
	streams *IO
	repo    string // never empty: the command defaults it to "."
	force   bool
}

func newHookCmd(streams *IO, _ *options) *cobra.Command {
	hook := &cobra.Command{
		Use:   "hook",
		Short: "Install ampscan as the repository's git pre-commit hook",
		Args:  cobra.NoArgs,
		RunE: func(cmd *cobra.Command, args []string) error {
			return cmd.Help()
		},
	}
	o := &hookInstallOptions{streams: streams}
	install := &cobra.Command{
		Use:   "install [REPO]",
		Short: "Write .git/hooks/pre-commit to run `ampscan staged` before every commit",
		Args: func(cmd *cobra.Command, args []string) error {
			if err := cobra.MaximumNArgs(1)(cmd, args); err != nil {
				return usageError{err}
			}
			return nil
		},
		RunE: func(cmd *cobra.Command, args []string) error {
			o.repo = repoArg(args)
			return runHookInstall(cmd.Context(), o)
		},
	}
	install.Flags().BoolVar(&o.force, "force", false, "replace an existing pre-commit hook")
	hook.AddCommand(install)
	return hook
}

func runHookInstall(_ context.Context, o *hookInstallOptions) error {
	path, err := installHook(o.repo, o.force)
	if err != nil {
		return err
	}
	_, err = fmt.Fprintf(o.streams.Stdout, "installed the ampscan pre-commit hook at %s\n", path)
	return err
}

// installHook writes the pre-commit hook into the hooks directory git uses
// (shared by linked worktrees; core.hooksPath when set) and returns its path.
func installHook(repoPath string, force bool) (string, error) {
	repo, err := openRepo(repoPath)
	if err != nil {
		return "", err
	}
	defer repo.Close()
	dir, err := repo.HooksDir()
	if err != nil {
		return "", usagef("%s: %v", repoPath, err)
	}
	path := filepath.Join(dir, "pre-commit")
	if old, err := os.ReadFile(path); err == nil && !force && !bytes.Equal(old, []byte(preCommitHook)) {
		return "", usagef("%s already exists; not overwriting it (use --force to replace it, or add `ampscan staged` to it)", path)
	}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return "", err
	}
	if err := os.WriteFile(path, []byte(preCommitHook), 0o755); err != nil {
		return "", err
	}
	// WriteFile keeps the mode of a file it replaces.
	return path, os.Chmod(path, 0o755)
}
