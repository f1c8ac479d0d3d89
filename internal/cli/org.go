package cli

import (
	"context"
	"fmt"
	"net/url"
	"os"
	"strings"

	"github.com/spf13/cobra"

	"github.com/ampscan/ampscan/source"
	"github.com/ampscan/ampscan/source/github"
	"github.com/ampscan/ampscan/source/gitlab"
	"github.com/ampscan/ampscan/source/shard"
)

func init() {
	extraCommands = append(extraCommands, newGitHubCmd, newGitLabCmd, newMergeCmd)
}

// auditFlags are the flags every listing command shares.
type auditFlags struct {
	apiURL  string
	filter  source.Filter
	noWait  bool
	list    bool
	shard   string
	tempDir string
}

func (f *auditFlags) register(cmd *cobra.Command) {
	fl := cmd.Flags()
	fl.StringVar(&f.apiURL, "api-url", "", "the host's REST API base `URL` (GitHub Enterprise Server, self-managed GitLab)")
	fl.BoolVar(&f.filter.Forks, "forks", false, "include forks")
	fl.BoolVar(&f.filter.Archived, "archived", false, "include archived repositories")
	fl.StringArrayVar(&f.filter.Include, "include", nil, "scan only repositories whose full or short name matches `GLOB` (repeatable)")
	fl.StringArrayVar(&f.filter.Exclude, "exclude", nil, "skip repositories whose full or short name matches `GLOB` (repeatable)")
	fl.BoolVar(&f.noWait, "no-wait", false, "stop with an error when the API rate limit is reached, instead of waiting for its reset")
	fl.BoolVar(&f.list, "list", false, "print the selected repositories (name and clone URL) and stop")
	fl.StringVar(&f.shard, "shard", "", "scan only shard `I/N` of the selection (stable: by a hash of each full name)")
	fl.StringVar(&f.tempDir, "temp-dir", "", "clone into temporary directories under `DIR` (default: the system's)")
}

// lister fetches a listing; limits applies to its API calls.
type lister func(ctx context.Context, limits source.Limits) ([]source.Repo, error)

func newGitHubCmd(streams *IO, opts *options) *cobra.Command {
	var af auditFlags
	var org, user string
	cmd := &cobra.Command{
		Use:   "github (--org NAME | --user NAME)",
		Short: "Audit every repository of a GitHub organisation or user (clone, scan history, one report)",
		Long: "List the repositories through the GitHub REST API (token from GITHUB_TOKEN, else\n" +
			"AMPSCAN_GIT_TOKEN), clone each into a temporary bare repository, scan its whole history,\n" +
			"and write one report. --jobs repositories are cloned and scanned at once.\n\n" +
			"Exit status: 1 when any finding reaches --fail-on; else 2 when any repository could not\n" +
			"be listed, cloned or scanned (each is named in the report and on stderr); else 0.",
		Example: "  GITHUB_TOKEN=... ampscan github --org acme --format json -o acme.json\n" +
			"  ampscan github --org acme --shard 2/4 --format json -o shard-2.json\n" +
			"  ampscan github --user ada --list",
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, args []string) error {
			if (org == "") == (user == "") {
				return usagef("give exactly one of --org and --user")
			}
			token := firstEnv("GITHUB_TOKEN", "AMPSCAN_GIT_TOKEN")
			l, err := github.New(af.apiURL, token, nil)
			if err != nil {
				return usageError{err}
			}
			what, list := "github org "+org, func(ctx context.Context, lim source.Limits) ([]source.Repo, error) {
				l.Limits = lim
				return l.Org(ctx, org)
			}
			if user != "" {
				what, list = "github user "+user, func(ctx context.Context, lim source.Limits) ([]source.Repo, error) {
					l.Limits = lim
					return l.User(ctx, user)
				}
			}
			return runAudit(cmd.Context(), streams, opts, &af, auditSpec{what: what, list: list, token: token, apiHost: apiHost(af.apiURL, "api.github.com")})
		},
	}
	cmd.Flags().StringVar(&org, "org", "", "the organisation `NAME`")
	cmd.Flags().StringVar(&user, "user", "", "the user `NAME` (repositories the user owns)")
	af.register(cmd)
	return cmd
}

func newGitLabCmd(streams *IO, opts *options) *cobra.Command {
	var af auditFlags
	var group string
	cmd := &cobra.Command{
		Use:   "gitlab --group PATH",
		Short: "Audit every project of a GitLab group and its subgroups (clone, scan history, one report)",
		Long: "List the projects through the GitLab REST API (token from GITLAB_TOKEN, else\n" +
			"AMPSCAN_GIT_TOKEN), clone each into a temporary bare repository, scan its whole history,\n" +
			"and write one report. Exit status as for `ampscan github`.",
		Example: "  GITLAB_TOKEN=... ampscan gitlab --group acme/platform --format sarif -o platform.sarif",
		Args:    cobra.NoArgs,
		RunE: func(cmd *cobra.Command, args []string) error {
			if group == "" {
				return usagef("--group is required")
			}
			token := firstEnv("GITLAB_TOKEN", "AMPSCAN_GIT_TOKEN")
			l, err := gitlab.New(af.apiURL, token, nil)
			if err != nil {
				return usageError{err}
			}
			list := func(ctx context.Context, lim source.Limits) ([]source.Repo, error) {
				l.Limits = lim
				return l.Group(ctx, group)
			}
			return runAudit(cmd.Context(), streams, opts, &af, auditSpec{what: "gitlab group " + group, list: list, token: token, apiHost: apiHost(af.apiURL, "gitlab.com")})
		},
	}
	cmd.Flags().StringVar(&group, "group", "", "the group's full `PATH` (such as acme/platform)")
	af.register(cmd)
	return cmd
}

func firstEnv(names ...string) string {
	for _, n := range names {
		if v := os.Getenv(n); v != "" {
			return v
		}
	}
	return ""
}

// apiHost is the API's host name, which decides where the API token may
// also be sent for clones (see cloneToken).
func apiHost(apiURL, def string) string {
	if apiURL == "" {
		return def
	}
	if u, err := url.Parse(apiURL); err == nil {
		return u.Hostname()
	}
	return ""
}

// cloneToken is the API token when the clone URL is on the API's own host
// (or, for api.github.com, on github.com): a listing never sends the token
// to a host it names but the user did not.
func cloneToken(token, apiHost, cloneURL string) string {
	u, err := url.Parse(cloneURL)
	if err != nil || token == "" {
		return ""
	}
	h := strings.ToLower(u.Hostname())
	if h == apiHost || "api."+h == apiHost {
		return token
	}
	return ""
}

// selection lists, filters and shards; it returns the audit's header
// counts and the repositories to scan.
func (f *auditFlags) selection(ctx context.Context, streams *IO, opts *options, spec auditSpec) (listed, selected int, repos []source.Repo, err error) {
	if err := f.filter.Validate(); err != nil {
		return 0, 0, nil, usagef("%v", err)
	}
	var sh *shard.Shard
	if f.shard != "" {
		s, err := shard.Parse(f.shard)
		if err != nil {
			return 0, 0, nil, usagef("--shard: %v", err)
		}
		sh = &s
	}
	limits := source.Limits{Fail: f.noWait, Notify: func(m string) {
		if !opts.quiet {
			fmt.Fprintf(streams.Stderr, "ampscan: %s\n", m)
		}
	}}
	all, err := spec.list(ctx, limits)
	if err != nil {
		return 0, 0, nil, err
	}
	kept := f.filter.Apply(all)
	repos = kept
	if sh != nil {
		repos = sh.Select(kept)
	}
	return len(all), len(kept), repos, nil
}
