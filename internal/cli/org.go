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

// githubOptions is `ampscan github`: the shared scan flags, the listing
// flags, whose repositories to list, and the API token (GITHUB_TOKEN, else
// AMPSCAN_GIT_TOKEN; empty for none).
type githubOptions struct {
	streams *IO
	*options
	audit     auditFlags
	org, user string
	token     string
}

func newGitHubCmd(streams *IO, opts *options) *cobra.Command {
	o := &githubOptions{streams: streams, options: opts}
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
			o.token = firstEnv("GITHUB_TOKEN", "AMPSCAN_GIT_TOKEN")
			return runGitHub(cmd.Context(), o)
		},
	}
	cmd.Flags().StringVar(&o.org, "org", "", "the organisation `NAME`")
	cmd.Flags().StringVar(&o.user, "user", "", "the user `NAME` (repositories the user owns)")
	o.audit.register(cmd)
	return cmd
}

func runGitHub(ctx context.Context, o *githubOptions) error {
	if (o.org == "") == (o.user == "") {
		return usagef("give exactly one of --org and --user")
	}
	l, err := github.New(o.audit.apiURL, o.token, nil)
	if err != nil {
		return usageError{err}
	}
	what, list := "github org "+o.org, func(ctx context.Context, lim source.Limits) ([]source.Repo, error) {
		l.Limits = lim
		return l.Org(ctx, o.org)
	}
	if o.user != "" {
		what, list = "github user "+o.user, func(ctx context.Context, lim source.Limits) ([]source.Repo, error) {
			l.Limits = lim
			return l.User(ctx, o.user)
		}
	}
	spec := auditSpec{what: what, list: list, token: o.token, apiHost: apiHost(o.audit.apiURL, "api.github.com")}
	return runAudit(ctx, o.streams, o.options, &o.audit, spec)
}

// gitlabOptions is `ampscan gitlab`: the shared scan flags, the listing
// flags, the group, and the API token (GITLAB_TOKEN, else
// AMPSCAN_GIT_TOKEN; empty for none).
type gitlabOptions struct {
	streams *IO
	*options
	audit auditFlags
	group string
	token string
}

func newGitLabCmd(streams *IO, opts *options) *cobra.Command {
	o := &gitlabOptions{streams: streams, options: opts}
	cmd := &cobra.Command{
		Use:   "gitlab --group PATH",
		Short: "Audit every project of a GitLab group and its subgroups (clone, scan history, one report)",
		Long: "List the projects through the GitLab REST API (token from GITLAB_TOKEN, else\n" +
			"AMPSCAN_GIT_TOKEN), clone each into a temporary bare repository, scan its whole history,\n" +
			"and write one report. Exit status as for `ampscan github`.",
		Example: "  GITLAB_TOKEN=... ampscan gitlab --group acme/platform --format sarif -o platform.sarif",
		Args:    cobra.NoArgs,
		RunE: func(cmd *cobra.Command, args []string) error {
			o.token = firstEnv("GITLAB_TOKEN", "AMPSCAN_GIT_TOKEN")
			return runGitLab(cmd.Context(), o)
		},
	}
	cmd.Flags().StringVar(&o.group, "group", "", "the group's full `PATH` (such as acme/platform)")
	o.audit.register(cmd)
	return cmd
}

func runGitLab(ctx context.Context, o *gitlabOptions) error {
	if o.group == "" {
		return usagef("--group is required")
	}
	l, err := gitlab.New(o.audit.apiURL, o.token, nil)
	if err != nil {
		return usageError{err}
	}
	list := func(ctx context.Context, lim source.Limits) ([]source.Repo, error) {
		l.Limits = lim
		return l.Group(ctx, o.group)
	}
	spec := auditSpec{what: "gitlab group " + o.group, list: list, token: o.token, apiHost: apiHost(o.audit.apiURL, "gitlab.com")}
	return runAudit(ctx, o.streams, o.options, &o.audit, spec)
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
