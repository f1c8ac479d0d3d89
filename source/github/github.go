// Package github lists the repositories of a GitHub organisation or user
// through the REST API (github.com or GitHub Enterprise Server).
package github

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"net/url"
	"strings"
	"time"

	gh "github.com/google/go-github/v75/github"

	"github.com/ampscan/ampscan/source"
)

// Lister lists repositories through one API endpoint.
type Lister struct {
	client *gh.Client
	Limits source.Limits
}

// New returns a Lister for apiURL ("" for api.github.com; GitHub
// Enterprise Server's is https://HOST/api/v3/) that sends token, if any.
func New(apiURL, token string, hc *http.Client) (*Lister, error) {
	c := gh.NewClient(hc)
	if token != "" {
		c = c.WithAuthToken(token)
	}
	if apiURL != "" {
		u, err := url.Parse(strings.TrimSuffix(apiURL, "/") + "/")
		if err != nil || (u.Scheme != "https" && u.Scheme != "http") || u.Host == "" {
			return nil, fmt.Errorf("bad --api-url %q: want an http(s) URL such as https://github.example.com/api/v3", apiURL)
		}
		c.BaseURL = u
	}
	return &Lister{client: c}, nil
}

// Org lists every repository of an organisation the token can see.
func (l *Lister) Org(ctx context.Context, org string) ([]source.Repo, error) {
	opts := &gh.RepositoryListByOrgOptions{Type: "all", ListOptions: gh.ListOptions{PerPage: 100}}
	return l.pages(ctx, "organisation "+org, &opts.ListOptions, func() ([]*gh.Repository, *gh.Response, error) {
		return l.client.Repositories.ListByOrg(ctx, org, opts)
	})
}

// User lists the repositories a user owns.
func (l *Lister) User(ctx context.Context, user string) ([]source.Repo, error) {
	opts := &gh.RepositoryListByUserOptions{Type: "owner", ListOptions: gh.ListOptions{PerPage: 100}}
	return l.pages(ctx, "user "+user, &opts.ListOptions, func() ([]*gh.Repository, *gh.Response, error) {
		return l.client.Repositories.ListByUser(ctx, user, opts)
	})
}

// pages follows the Link headers' next page until the last, waiting out
// (or stopping at) rate limits.
func (l *Lister) pages(ctx context.Context, what string, page *gh.ListOptions, fetch func() ([]*gh.Repository, *gh.Response, error)) ([]source.Repo, error) {
	var out []source.Repo
	for {
		repos, resp, err := fetch()
		if reset, limited := rateLimited(err); limited {
			if err := l.Limits.Wait(ctx, "GitHub", reset); err != nil {
				return nil, fmt.Errorf("list %s: %w", what, err)
			}
			continue
		}
		if err != nil {
			return nil, listError(what, resp, err)
		}
		for _, r := range repos {
			out = append(out, convert(r))
		}
		if resp.NextPage == 0 {
			return out, nil
		}
		page.Page = resp.NextPage
	}
}

func rateLimited(err error) (time.Time, bool) {
	var rl *gh.RateLimitError
	if errors.As(err, &rl) {
		return rl.Rate.Reset.Time, true
	}
	var abuse *gh.AbuseRateLimitError
	if errors.As(err, &abuse) {
		wait := time.Minute
		if abuse.RetryAfter != nil {
			wait = *abuse.RetryAfter
		}
		return time.Now().Add(wait), true
	}
	return time.Time{}, false
}

func listError(what string, resp *gh.Response, err error) error {
	if resp != nil {
		switch resp.StatusCode {
		case http.StatusNotFound:
			return fmt.Errorf("list %s: not found (404): check the name, and that the token can see it", what)
		case http.StatusUnauthorized:
			return fmt.Errorf("list %s: the token was refused (401)", what)
		}
	}
	return fmt.Errorf("list %s: %w", what, err)
}

func convert(r *gh.Repository) source.Repo {
	return source.Repo{
		FullName: r.GetFullName(),
		CloneURL: r.GetCloneURL(),
		Web:      r.GetHTMLURL(),
		Kind:     "github",
		Fork:     r.GetFork(),
		Archived: r.GetArchived(),
	}
}
