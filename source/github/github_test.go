package github

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"testing"

	"github.com/ampscan/ampscan/internal/fakehost"
	"github.com/ampscan/ampscan/source"
)

func fakeOrg(n int) []fakehost.Repo {
	var repos []fakehost.Repo
	for i := range n {
		repos = append(repos, fakehost.Repo{FullName: fmt.Sprintf("acme/r%d", i), CloneURL: fmt.Sprintf("https://git.example/acme/r%d.git", i),
			Fork: i == 3, Archived: i == 3})
	}
	return repos
}

func TestListOrgFollowsPagesAndWaitsOutRateLimit(t *testing.T) {
	t.Parallel()
	api := fakehost.GitHub(t, "gh-token-1", map[string][]fakehost.Repo{"acme": fakeOrg(5), "ada": fakeOrg(1)})
	api.RateLimitPage = 2
	l, err := New(api.URL, "gh-token-1", nil)
	if err != nil {
		t.Fatal(err)
	}
	var said []string
	l.Limits.Notify = func(s string) { said = append(said, s) }
	repos, err := l.Org(context.Background(), "acme")
	if err != nil {
		t.Fatal(err)
	}
	if len(repos) != 5 || repos[4].FullName != "acme/r4" || repos[0].Web != "https://github.com/acme/r0" || repos[0].Kind != "github" {
		t.Fatalf("repos = %+v", repos)
	}
	if !repos[3].Fork || !repos[3].Archived || repos[3].CloneURL != "https://git.example/acme/r3.git" {
		t.Errorf("the archived fork lost its flags: %+v", repos[3])
	}
	if api.RateLimit.Load() != 1 || len(said) != 1 || !strings.Contains(said[0], "rate limit") {
		t.Errorf("rate limit: %d responses, messages %q", api.RateLimit.Load(), said)
	}
	if users, err := l.User(context.Background(), "ada"); err != nil || len(users) != 1 {
		t.Errorf("User = %v, %v", users, err)
	}
	if api.Refused.Load() != 0 {
		t.Errorf("%d requests without the token", api.Refused.Load())
	}
}

func TestListErrors(t *testing.T) {
	t.Parallel()
	api := fakehost.GitHub(t, "gh-token-2", map[string][]fakehost.Repo{"acme": fakeOrg(5)})
	api.RateLimitPage = 1
	l, _ := New(api.URL, "gh-token-2", nil)
	l.Limits.Fail = true
	_, err := l.Org(context.Background(), "acme")
	var rl *source.RateLimitError
	if !errors.As(err, &rl) {
		t.Errorf("with Fail: err = %v, want a RateLimitError", err)
	}
	// go-github remembers the limit until its reset: a fresh client.
	l, _ = New(api.URL, "gh-token-2", nil)
	if _, err := l.Org(context.Background(), "nobody"); err == nil || !strings.Contains(err.Error(), "not found (404)") {
		t.Errorf("unknown org: %v", err)
	}
	bad, _ := New(api.URL, "wrong", nil)
	if _, err := bad.Org(context.Background(), "acme"); err == nil || !strings.Contains(err.Error(), "refused (401)") || strings.Contains(err.Error(), "wrong") {
		t.Errorf("bad token: %v", err)
	}
	if _, err := New("ftp://x", "", nil); err == nil {
		t.Error("a bad --api-url was accepted")
	}
}
