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

func newGitCmd(streams *IO, opts *options) *cobra.Command {
	var hopts history.Options
	var since, keep string
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
			if hopts.Range != "" && hopts.Branch != "" {
				return usagef("--range and --branch cannot be used together")
			}
			var err error
			if hopts.Since, err = parseSince(since); err != nil {
				return err
			}
			if remote.IsURL(repoArg(args)) {
				return runRemoteGit(cmd.Context(), streams, opts, args[0], hopts, keep)
			}
			repo, err := openHistoryRepo(opts, args, hopts.Range)
			if err != nil {
				return err
			}
			defer repo.Close()
			return runWith(cmd.Context(), streams, opts, func(ctx context.Context, eng *scanner.Engine, onError func(scanner.FileError)) (*scanner.Report, error) {
				rep, err := history.Scan(ctx, eng, repo, hopts, onError)
				if err == nil && hopts.Range != "" {
					err = guardRange(ctx, repo, hopts.Range, opts.guardedFiles(), rep)
				}
				return rep, revisionUsage(err, hopts)
			})
		},
	}
	f := cmd.Flags()
	f.StringVar(&hopts.Range, "range", "", "scan only the commits reachable from B and not from A (`A..B`, e.g. a pull request's)")
	f.StringVar(&hopts.Branch, "branch", "", "scan only the history of one branch, tag or revision (`NAME`)")
	f.StringVar(&since, "since", "", "scan only commits committed on or after `DATE` (YYYY-MM-DD, midnight UTC, or RFC 3339)")
	f.StringVar(&keep, "keep", "", "for a URL: clone into `DIR` and leave the bare clone there instead of removing it")
	return cmd
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
			repo, err := openRepoWithConfig(opts, args)
			if err != nil {
				return err
			}
			defer repo.Close()
			sopts := history.StagedOptions{IndexFile: os.Getenv("GIT_INDEX_FILE")}
			return runWith(cmd.Context(), streams, opts, func(ctx context.Context, eng *scanner.Engine, onError func(scanner.FileError)) (*scanner.Report, error) {
				rep, err := history.ScanStaged(ctx, eng, repo, sopts, onError)
				if errors.Is(err, history.ErrNoWorkTree) {
					return nil, usagef("staged: %v", err)
				}
				return rep, err
			})
		},
	}
}

func repoArg(args []string) string {
	if len(args) == 0 {
		return "."
	}
	return args[0]
}

// openRepoWithConfig opens the repository named by args (default ".") and
// reads the configuration at its work tree root (.ampscan.toml), as dir
// does at the scanned root.
func openRepoWithConfig(opts *options, args []string) (*history.Repo, error) {
	repo, err := openRepo(repoArg(args))
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

func newHookCmd(streams *IO, _ *options) *cobra.Command {
	hook := &cobra.Command{
		Use:   "hook",
		Short: "Install ampscan as the repository's git pre-commit hook",
		Args:  cobra.NoArgs,
		RunE: func(cmd *cobra.Command, args []string) error {
			return cmd.Help()
		},
	}
	var force bool
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
			path, err := installHook(repoArg(args), force)
			if err != nil {
				return err
			}
			_, err = fmt.Fprintf(streams.Stdout, "installed the ampscan pre-commit hook at %s\n", path)
			return err
		},
	}
	install.Flags().BoolVar(&force, "force", false, "replace an existing pre-commit hook")
	hook.AddCommand(install)
	return hook
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
