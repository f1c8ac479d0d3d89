// Package source says where repositories come from: a listing's entries
// (GitHub, GitLab; each host in its own package below) and the filters
// applied to a listing before anything is cloned.
package source

import (
	"fmt"
	"path"
	"sort"
	"strings"
)

// Repo is one repository of a listing.
type Repo struct {
	// FullName is the host's name for it ("acme/api", "group/sub/api"):
	// unique within a listing, the key reports and shards sort by.
	FullName string
	// CloneURL is the listing's own https clone URL (GitHub clone_url,
	// GitLab http_url_to_repo), without credentials.
	CloneURL string
	// Web is the repository's page (html_url, web_url); Kind is "github" or
	// "gitlab", for links to files at a commit.
	Web, Kind string
	Fork      bool
	Archived  bool
}

// Filter chooses repositories from a listing.
type Filter struct {
	Forks, Archived  bool     // include forks, archived repositories
	Include, Exclude []string // globs (path.Match) on the full or short name
}

// Validate checks the globs, so that a typo fails before any request.
func (f Filter) Validate() error {
	for _, g := range append(append([]string(nil), f.Include...), f.Exclude...) {
		if _, err := path.Match(g, ""); err != nil {
			return fmt.Errorf("bad glob %q: %w", g, err)
		}
	}
	return nil
}

// Apply returns the repositories f keeps, sorted by full name.
func (f Filter) Apply(repos []Repo) []Repo {
	var out []Repo
	for _, r := range repos {
		if (r.Fork && !f.Forks) || (r.Archived && !f.Archived) {
			continue
		}
		if len(f.Include) > 0 && !matchAny(f.Include, r.FullName) {
			continue
		}
		if matchAny(f.Exclude, r.FullName) {
			continue
		}
		out = append(out, r)
	}
	Sort(out)
	return out
}

// Sort orders repositories by full name.
func Sort(repos []Repo) {
	sort.Slice(repos, func(i, j int) bool { return repos[i].FullName < repos[j].FullName })
}

func matchAny(globs []string, name string) bool {
	short := name[strings.LastIndex(name, "/")+1:]
	for _, g := range globs {
		if ok, _ := path.Match(g, name); ok {
			return true
		}
		if ok, _ := path.Match(g, short); ok {
			return true
		}
	}
	return false
}
