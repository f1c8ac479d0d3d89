package gitlab

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"testing"

	"github.com/ampscan/ampscan/internal/fakehost"
	"github.com/ampscan/ampscan/source"
)

func fakeGroup(n int) []fakehost.Repo {
	var repos []fakehost.Repo
	for i := range n {
		repos = append(repos, fakehost.Repo{FullName: fmt.Sprintf("acme/platform/p%d", i),
			CloneURL: fmt.Sprintf("https://git.example/acme/platform/p%d.git", i), Fork: i == 1, Archived: i == 1})
	}
	return repos
}

func TestListGroup(t *testing.T) {
	t.Parallel()
	api := fakehost.GitLab(t, "gl-token-1", map[string][]fakehost.Repo{"acme/platform": fakeGroup(5)})
	api.RateLimitPage = 3
	l, err := New(api.URL+"/api/v4", "gl-token-1", nil)
	if err != nil {
		t.Fatal(err)
	}
	var said []string
	l.Limits.Notify = func(s string) { said = append(said, s) }
	repos, err := l.Group(context.Background(), "acme/platform")
	if err != nil {
		t.Fatal(err)
	}
	if len(repos) != 5 || repos[4].FullName != "acme/platform/p4" || repos[0].Web != "https://gitlab.com/acme/platform/p0" || repos[0].Kind != "gitlab" {
		t.Fatalf("repos = %+v", repos)
	}
	if !repos[1].Fork || !repos[1].Archived || repos[0].Fork {
		t.Errorf("fork/archived flags: %+v", repos[:2])
	}
	if api.RateLimit.Load() != 1 || len(said) != 1 || api.Refused.Load() != 0 {
		t.Errorf("rate limits %d, messages %q, refused %d", api.RateLimit.Load(), said, api.Refused.Load())
	}
}

func TestListGroupErrors(t *testing.T) {
	t.Parallel()
	api := fakehost.GitLab(t, "gl-token-2", map[string][]fakehost.Repo{"acme": fakeGroup(3)})
	api.RateLimitPage = 2
	l, _ := New(api.URL+"/api/v4", "gl-token-2", nil)
	l.Limits.Fail = true
	var rl *source.RateLimitError
	if _, err := l.Group(context.Background(), "acme"); !errors.As(err, &rl) {
		t.Errorf("with Fail: %v, want a RateLimitError", err)
	}
	if _, err := l.Group(context.Background(), "nobody"); err == nil || !strings.Contains(err.Error(), "not found (404)") {
		t.Errorf("unknown group: %v", err)
	}
	bad, _ := New(api.URL+"/api/v4", "wrong-gl", nil)
	if _, err := bad.Group(context.Background(), "acme"); err == nil || !strings.Contains(err.Error(), "401") || strings.Contains(err.Error(), "wrong-gl") {
		t.Errorf("bad token: %v", err)
	}
}
