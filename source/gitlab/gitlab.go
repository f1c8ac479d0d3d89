// Package gitlab lists the projects of a GitLab group, its subgroups
// included, through the REST API (gitlab.com or a self-managed instance).
package gitlab

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"time"

	gl "gitlab.com/gitlab-org/api/client-go/v2"
	"golang.org/x/time/rate"

	"github.com/ampscan/ampscan/source"
)

// DefaultAPI is gitlab.com's REST API.
const DefaultAPI = "https://gitlab.com/api/v4"

// Lister lists projects through one API endpoint.
type Lister struct {
	client *gl.Client
	Limits source.Limits
}

// New returns a Lister for apiURL ("" for gitlab.com; a self-managed
// instance's is https://HOST/api/v4) that sends token, if any.
func New(apiURL, token string, hc *http.Client) (*Lister, error) {
	if apiURL == "" {
		apiURL = DefaultAPI
	}
	if u, err := url.Parse(apiURL); err != nil || (u.Scheme != "https" && u.Scheme != "http") || u.Host == "" {
		return nil, fmt.Errorf("bad --api-url %q: want an http(s) URL such as https://gitlab.example.com/api/v4", apiURL)
	}
	// The client's own retries and limiter would wait silently; rate
	// limits are handled here instead, with a message or a clear stop.
	opts := []gl.ClientOptionFunc{
		gl.WithBaseURL(apiURL), gl.WithoutRetries(),
		gl.WithCustomLimiter(rate.NewLimiter(rate.Inf, 1)),
	}
	if hc != nil {
		opts = append(opts, gl.WithHTTPClient(hc))
	}
	c, err := gl.NewClient(token, opts...)
	if err != nil {
		return nil, fmt.Errorf("gitlab client: %w", err)
	}
	return &Lister{client: c}, nil
}

// Group lists every project of a group (a path such as "acme/platform")
// and of its subgroups.
func (l *Lister) Group(ctx context.Context, group string) ([]source.Repo, error) {
	opts := &gl.ListGroupProjectsOptions{
		IncludeSubGroups: gl.Ptr(true),
		ListOptions:      gl.ListOptions{PerPage: 100},
	}
	var out []source.Repo
	for {
		projects, resp, err := l.client.Groups.ListGroupProjects(group, opts, gl.WithContext(ctx))
		if reset, limited := rateLimited(resp); limited {
			if err := l.Limits.Wait(ctx, "GitLab", reset); err != nil {
				return nil, fmt.Errorf("list group %s: %w", group, err)
			}
			continue
		}
		if err != nil {
			return nil, listError(group, resp, err)
		}
		for _, p := range projects {
			out = append(out, convert(p))
		}
		if resp.NextPage == 0 {
			return out, nil
		}
		opts.Page = resp.NextPage
	}
}

// rateLimited reads a 429's reset time: RateLimit-Reset (a Unix time),
// else Retry-After (seconds), else a minute.
func rateLimited(resp *gl.Response) (time.Time, bool) {
	if resp == nil || resp.StatusCode != http.StatusTooManyRequests {
		return time.Time{}, false
	}
	if s, err := strconv.ParseInt(resp.Header.Get("RateLimit-Reset"), 10, 64); err == nil {
		return time.Unix(s, 0), true
	}
	if s, err := strconv.Atoi(resp.Header.Get("Retry-After")); err == nil {
		return time.Now().Add(time.Duration(s) * time.Second), true
	}
	return time.Now().Add(time.Minute), true
}

func listError(group string, resp *gl.Response, err error) error {
	switch {
	case errors.Is(err, gl.ErrNotFound):
		return fmt.Errorf("list group %s: not found (404): check the path, and that the token can see it", group)
	case resp != nil && resp.StatusCode == http.StatusUnauthorized:
		return fmt.Errorf("list group %s: the token was refused (401)", group)
	}
	return fmt.Errorf("list group %s: %w", group, err)
}

func convert(p *gl.Project) source.Repo {
	return source.Repo{
		FullName: p.PathWithNamespace,
		CloneURL: p.HTTPURLToRepo,
		Web:      strings.TrimSuffix(p.WebURL, "/"),
		Kind:     "gitlab",
		Fork:     p.ForkedFromProject != nil,
		Archived: p.Archived,
	}
}
