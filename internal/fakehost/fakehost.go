// Package fakehost serves loopback GitHub and GitLab REST APIs for tests:
// repository listings in pages with Link headers, one rate-limit response,
// 404 for unknown owners, and a check of the token on every request.
package fakehost

import (
	"encoding/json"
	"fmt"
	"net/http"
	"net/http/httptest"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"
)

// Repo is one repository of a fake listing.
type Repo struct {
	FullName string // "acme/api" or "group/sub/api"
	CloneURL string
	Fork     bool
	Archived bool
}

// API is a fake host's API.
type API struct {
	*httptest.Server
	Token string
	// Owners maps an organisation, user or group to its repositories.
	Owners map[string][]Repo
	// PageSize is how many repositories a page holds (2 by default).
	PageSize int
	// RateLimitPage, when above 0, is the page whose first request is
	// answered with a rate-limit response resetting a second later.
	RateLimitPage int

	limited   sync.Once
	RateLimit atomic.Int64 // rate-limit responses sent
	Refused   atomic.Int64 // requests without the right token
	Requests  atomic.Int64
}

// GitHub starts a fake GitHub REST API (the token as "Bearer").
func GitHub(t testing.TB, token string, owners map[string][]Repo) *API {
	a := &API{Token: token, Owners: owners, PageSize: 2}
	a.Server = httptest.NewServer(http.HandlerFunc(a.github))
	t.Cleanup(a.Close)
	return a
}

// GitLab starts a fake GitLab REST API under /api/v4 (the token as
// PRIVATE-TOKEN).
func GitLab(t testing.TB, token string, owners map[string][]Repo) *API {
	a := &API{Token: token, Owners: owners, PageSize: 2}
	a.Server = httptest.NewServer(http.HandlerFunc(a.gitlab))
	t.Cleanup(a.Close)
	return a
}

func (a *API) github(w http.ResponseWriter, r *http.Request) {
	a.Requests.Add(1)
	if r.Header.Get("Authorization") != "Bearer "+a.Token {
		a.Refused.Add(1)
		writeJSON(w, http.StatusUnauthorized, map[string]string{"message": "Bad credentials"})
		return
	}
	parts := strings.Split(strings.Trim(r.URL.Path, "/"), "/")
	if len(parts) != 3 || (parts[0] != "orgs" && parts[0] != "users") || parts[2] != "repos" {
		writeJSON(w, http.StatusNotFound, map[string]string{"message": "Not Found"})
		return
	}
	repos, ok := a.Owners[parts[1]]
	if !ok {
		writeJSON(w, http.StatusNotFound, map[string]string{"message": "Not Found"})
		return
	}
	page := pageOf(r)
	if a.rateLimit(page) {
		w.Header().Set("X-RateLimit-Limit", "60")
		w.Header().Set("X-RateLimit-Remaining", "0")
		w.Header().Set("X-RateLimit-Reset", strconv.FormatInt(time.Now().Add(time.Second).Unix(), 10))
		writeJSON(w, http.StatusForbidden, map[string]string{"message": "API rate limit exceeded"})
		return
	}
	items, last := a.page(repos, page)
	var out []map[string]any
	for _, rp := range items {
		out = append(out, map[string]any{
			"name": rp.FullName[strings.LastIndex(rp.FullName, "/")+1:], "full_name": rp.FullName,
			"clone_url": rp.CloneURL, "html_url": "https://github.com/" + rp.FullName,
			"fork": rp.Fork, "archived": rp.Archived,
		})
	}
	a.link(w, r, page, last)
	writeJSON(w, http.StatusOK, out)
}

func (a *API) gitlab(w http.ResponseWriter, r *http.Request) {
	a.Requests.Add(1)
	if r.Header.Get("PRIVATE-TOKEN") != a.Token {
		a.Refused.Add(1)
		writeJSON(w, http.StatusUnauthorized, map[string]string{"message": "401 Unauthorized"})
		return
	}
	// The group path arrives escaped: /api/v4/groups/acme%2Fplatform/projects.
	p := r.URL.EscapedPath()
	group, ok := strings.CutPrefix(p, "/api/v4/groups/")
	group, ok2 := strings.CutSuffix(group, "/projects")
	group = strings.ReplaceAll(group, "%2F", "/")
	repos, found := a.Owners[group]
	if !ok || !ok2 || !found {
		writeJSON(w, http.StatusNotFound, map[string]string{"message": "404 Group Not Found"})
		return
	}
	page := pageOf(r)
	if a.rateLimit(page) {
		w.Header().Set("RateLimit-Reset", strconv.FormatInt(time.Now().Add(time.Second).Unix(), 10))
		w.Header().Set("Retry-After", "1")
		writeJSON(w, http.StatusTooManyRequests, map[string]string{"message": "Retry later"})
		return
	}
	items, last := a.page(repos, page)
	var out []map[string]any
	for _, rp := range items {
		m := map[string]any{
			"path_with_namespace": rp.FullName, "http_url_to_repo": rp.CloneURL,
			"web_url": "https://gitlab.com/" + rp.FullName, "archived": rp.Archived,
		}
		if rp.Fork {
			m["forked_from_project"] = map[string]any{"id": 1, "path_with_namespace": "upstream/" + rp.FullName}
		}
		out = append(out, m)
	}
	w.Header().Set("X-Page", strconv.Itoa(page))
	w.Header().Set("X-Total-Pages", strconv.Itoa(last))
	if page < last {
		w.Header().Set("X-Next-Page", strconv.Itoa(page+1))
	}
	a.link(w, r, page, last)
	writeJSON(w, http.StatusOK, out)
}

func (a *API) rateLimit(page int) bool {
	hit := false
	if page == a.RateLimitPage {
		a.limited.Do(func() { hit = true; a.RateLimit.Add(1) })
	}
	return hit
}

func pageOf(r *http.Request) int {
	p, err := strconv.Atoi(r.URL.Query().Get("page"))
	if err != nil || p < 1 {
		return 1
	}
	return p
}

// page returns the repositories on page (1-based) and the last page number.
func (a *API) page(repos []Repo, page int) ([]Repo, int) {
	last := max((len(repos)+a.PageSize-1)/a.PageSize, 1)
	lo := min((page-1)*a.PageSize, len(repos))
	return repos[lo:min(lo+a.PageSize, len(repos))], last
}

// link writes an RFC 8288 Link header with next and last, as both hosts do.
func (a *API) link(w http.ResponseWriter, r *http.Request, page, last int) {
	at := func(p int) string {
		q := r.URL.Query()
		q.Set("page", strconv.Itoa(p))
		return fmt.Sprintf("<%s%s?%s>", a.URL, r.URL.EscapedPath(), q.Encode())
	}
	var links []string
	if page < last {
		links = append(links, at(page+1)+`; rel="next"`)
	}
	links = append(links, at(1)+`; rel="first"`, at(last)+`; rel="last"`)
	w.Header().Set("Link", strings.Join(links, ", "))
}

func writeJSON(w http.ResponseWriter, code int, v any) {
	w.Header().Set("Content-Type", "application/json")
	w.WriteHeader(code)
	_ = json.NewEncoder(w).Encode(v) // the client reads what arrives; a test asserts on it
}
