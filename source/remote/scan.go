package remote

import (
	"context"
	"errors"
	"fmt"
	"net/url"
	"os"
	"strconv"
	"strings"

	git "github.com/go-git/go-git/v5"
	"github.com/go-git/go-git/v5/plumbing"
	"github.com/go-git/go-git/v5/plumbing/transport"

	"github.com/ampscan/ampscan/scanner"
	"github.com/ampscan/ampscan/scanner/history"
)

// Options shape one remote scan.
type Options struct {
	// Keep, when set, is the directory the bare clone is written to and
	// left in; otherwise the clone goes to a temporary directory under
	// TempDir ("" for the system's) and is removed afterwards.
	Keep    string
	TempDir string
	History history.Options
	// OnError is told about each unreadable object (see history.Scan).
	OnError func(scanner.FileError)
	// Cloned, when set, is called once the clone is on disk, before the
	// scan starts (for progress).
	Cloned func()
}

// ErrNotFound is returned (wrapped) when the host says the repository does
// not exist or is not visible with the credentials given.
var ErrNotFound = errors.New("repository not found")

// ErrClone is returned (wrapped, with the transport's own words) when a
// clone fails for another reason: a corrupt or unreadable repository, a
// broken connection. Those words vary from run to run; the sentinel does not.
var ErrClone = errors.New("clone failed")

// ErrEmpty is returned (wrapped) by Clone for a repository without commits.
var ErrEmpty = errors.New("repository is empty")

// ErrAuth is returned (wrapped) when the host refuses the credentials.
var ErrAuth = errors.New("authentication failed")

// Scan clones ep into a bare repository (no checkout), scans its whole
// history with eng, removes the clone unless opts.Keep is set, and returns
// the report with each finding naming the repository and, for known hosts,
// linking to the file at the commit.
func Scan(ctx context.Context, eng *scanner.Engine, ep *Endpoint, opts Options) (*scanner.Report, error) {
	dir, cleanup, err := cloneDir(opts)
	if err != nil {
		return nil, err
	}
	defer cleanup()
	if err := Clone(ctx, ep, dir); errors.Is(err, ErrEmpty) {
		return &scanner.Report{Stats: scanner.Stats{Skipped: map[string]int64{}}, Notes: []string{"the repository is empty: no commits to scan"}}, nil
	} else if err != nil {
		return nil, err
	}
	if opts.Cloned != nil {
		opts.Cloned()
	}
	hopts := hostNames(dir, opts.History)
	repo, err := history.Open(dir)
	if err != nil {
		return nil, fmt.Errorf("open clone of %s: %w", ep.URL, err)
	}
	defer repo.Close()
	rep, err := history.Scan(ctx, eng, repo, hopts, opts.OnError)
	if err != nil {
		return nil, ep.Scrub(fmt.Errorf("scan %s: %w", ep.URL, err))
	}
	for i := range rep.Findings {
		ep.annotate(&rep.Findings[i])
	}
	return rep, nil
}

// cloneDir returns where to clone and how to tidy up afterwards.
func cloneDir(opts Options) (string, func(), error) {
	if opts.Keep != "" {
		if entries, err := os.ReadDir(opts.Keep); err == nil && len(entries) > 0 {
			return "", nil, fmt.Errorf("--keep %s: directory exists and is not empty", opts.Keep)
		}
		return opts.Keep, func() {}, nil
	}
	dir, err := os.MkdirTemp(opts.TempDir, "ampscan-clone-*")
	if err != nil {
		return "", nil, fmt.Errorf("temporary clone directory: %w", err)
	}
	return dir, func() { os.RemoveAll(dir) }, nil
}

// Clone makes a bare clone of ep in dir: every branch (as remote-tracking
// branches, which the history walk covers) and every tag, no work tree.
// The clone's config records ep.URL, which holds no credentials.
func Clone(ctx context.Context, ep *Endpoint, dir string) error {
	_, err := git.PlainCloneContext(ctx, dir, true, &git.CloneOptions{
		URL:  ep.URL,
		Auth: ep.auth,
		Tags: git.AllTags,
	})
	switch {
	case err == nil:
		return nil
	case errors.Is(err, transport.ErrRepositoryNotFound):
		return fmt.Errorf("clone %s: %w", ep.URL, ErrNotFound)
	case errors.Is(err, transport.ErrAuthenticationRequired), errors.Is(err, transport.ErrAuthorizationFailed):
		return fmt.Errorf("clone %s: %w", ep.URL, ErrAuth)
	case errors.Is(err, transport.ErrEmptyRemoteRepository):
		return fmt.Errorf("clone %s: %w", ep.URL, ErrEmpty)
	}
	return ep.Scrub(fmt.Errorf("clone %s: %w: %w", ep.URL, ErrClone, err))
}

// hostNames lets --branch and --range name branches as they are named on
// the host: the bare clone holds them as origin/NAME (all but the default
// branch), so a name that is not a local branch but is a remote one is
// rewritten to it.
func hostNames(dir string, o history.Options) history.Options {
	repo, err := git.PlainOpen(dir)
	if err != nil {
		return o
	}
	rename := func(name string) string {
		if name == "" {
			return name
		}
		if _, err := repo.Reference(plumbing.NewBranchReferenceName(name), false); err == nil {
			return name
		}
		if _, err := repo.Reference(plumbing.NewRemoteReferenceName("origin", name), false); err == nil {
			return "origin/" + name
		}
		return name
	}
	o.Branch = rename(o.Branch)
	if a, b, ok := strings.Cut(o.Range, ".."); ok {
		o.Range = rename(a) + ".." + rename(b)
	}
	return o
}

// annotate names the repository on a finding and links it to the host.
func (e *Endpoint) annotate(f *scanner.Finding) {
	f.Repo = e.URL
	if e.Web == "" || f.Commit == nil {
		return
	}
	f.WebURL = WebLink(e.Kind, e.Web, f.Commit.ID, f.Path, f.Line)
}

// WebLink is the address of line in path at commit on a GitHub or GitLab
// repository page web, or "" for other kinds of host.
func WebLink(kind, web, commit, path string, line int) string {
	segs := strings.Split(path, "/")
	for i, s := range segs {
		segs[i] = url.PathEscape(s)
	}
	var mid string
	switch kind {
	case "github":
		mid = "/blob/"
	case "gitlab":
		mid = "/-/blob/"
	default:
		return ""
	}
	return strings.TrimSuffix(web, "/") + mid + commit + "/" + strings.Join(segs, "/") + "#L" + strconv.Itoa(line)
}

// WithWeb returns a copy of e that links findings to web, a repository page
// a listing gave (GitHub's html_url, GitLab's web_url), of host kind kind.
func (e *Endpoint) WithWeb(kind, web string) *Endpoint {
	c := *e
	c.Kind, c.Web = kind, web
	return &c
}
