package remote

import (
	"context"
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/ampscan/ampscan/internal/gittest"
	"github.com/ampscan/ampscan/rules"
	"github.com/ampscan/ampscan/scanner"
	"github.com/ampscan/ampscan/scanner/history"
)

func env(m map[string]string) func(string) string {
	return func(k string) string { return m[k] }
}

func TestParse(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name, raw        string
		env              map[string]string
		wantURL, wantWeb string
		wantUser         string // "" when no basic auth
	}{
		{name: "github token by host", raw: "https://github.com/acme/api.git", env: map[string]string{"GITHUB_TOKEN": "ghtok", "GITLAB_TOKEN": "gltok"},
			wantURL: "https://github.com/acme/api.git", wantWeb: "https://github.com/acme/api", wantUser: "x-access-token"},
		{name: "gitlab token by host", raw: "https://gitlab.com/grp/sub/api.git", env: map[string]string{"GITHUB_TOKEN": "ghtok", "GITLAB_TOKEN": "gltok"},
			wantURL: "https://gitlab.com/grp/sub/api.git", wantWeb: "https://gitlab.com/grp/sub/api", wantUser: "oauth2"},
		{name: "ampscan token wins", raw: "https://git.example.com/a/b", env: map[string]string{"AMPSCAN_GIT_TOKEN": "tok"},
			wantURL: "https://git.example.com/a/b", wantUser: "x-access-token"},
		{name: "userinfo moved out of the URL", raw: "https://me:s3cr3tpass@github.com/acme/api",
			wantURL: "https://github.com/acme/api", wantWeb: "https://github.com/acme/api", wantUser: "me"},
		{name: "bare token as user", raw: "https://tok123@gitlab.example.org/a/b.git",
			wantURL: "https://gitlab.example.org/a/b.git", wantWeb: "https://gitlab.example.org/a/b", wantUser: "oauth2"},
		{name: "no token", raw: "https://example.com/a/b.git", wantURL: "https://example.com/a/b.git"},
		{name: "ssh scp-like", raw: "git@github.com:acme/api.git", wantURL: "git@github.com:acme/api.git", wantWeb: "https://github.com/acme/api"},
		{name: "ssh URL", raw: "ssh://git@gitlab.com/grp/api.git", wantURL: "ssh://git@gitlab.com/grp/api.git", wantWeb: "https://gitlab.com/grp/api"},
		{name: "file", raw: "file:///srv/git/api.git", env: map[string]string{"AMPSCAN_GIT_TOKEN": "tok"}, wantURL: "file:///srv/git/api.git"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			if !IsURL(tt.raw) {
				t.Fatalf("IsURL(%q) = false", tt.raw)
			}
			ep, err := Parse(tt.raw, Credentials{Env: env(tt.env)})
			if err != nil {
				t.Fatal(err)
			}
			if ep.URL != tt.wantURL || ep.Web != tt.wantWeb {
				t.Errorf("URL, Web = %q, %q; want %q, %q", ep.URL, ep.Web, tt.wantURL, tt.wantWeb)
			}
			user := ""
			if ep.auth != nil {
				user = strings.SplitN(strings.TrimPrefix(ep.auth.String(), "http-basic-auth - "), ":", 2)[0]
			}
			if user != tt.wantUser {
				t.Errorf("auth user = %q, want %q", user, tt.wantUser)
			}
			for _, s := range []string{"ghtok", "gltok", "s3cr3tpass", "tok123"} {
				if strings.Contains(ep.URL, s) {
					t.Errorf("URL %q holds a credential", ep.URL)
				}
			}
		})
	}
}

func TestParseRefusesTokenOverPlainHTTP(t *testing.T) {
	t.Parallel()
	_, err := Parse("http://git.example.com/a/b", Credentials{Token: "tok"})
	if err == nil || strings.Contains(err.Error(), "tok ") {
		t.Fatalf("err = %v, want a refusal without the token", err)
	}
	if _, err := Parse("http://127.0.0.1:8080/a/b", Credentials{Token: "tok"}); err != nil {
		t.Fatalf("loopback: %v", err)
	}
}

func TestIsURL(t *testing.T) {
	t.Parallel()
	for s, want := range map[string]bool{".": false, "/srv/repo": false, "c:repo": false, "repo": false,
		"git@host:o/r": true, "HTTPS://h/r": true, "file:///r": true} {
		if got := IsURL(s); got != want {
			t.Errorf("IsURL(%q) = %v, want %v", s, got, want)
		}
	}
}

func TestRedact(t *testing.T) {
	t.Parallel()
	for in, want := range map[string]string{
		"https://u:pw@h/r":       "https://u:xxxxx@h/r",
		"https://tok@h/r":        "https://xxxxx@h/r",
		"https://h/r":            "https://h/r",
		"ht tps://u:pw@h/%zz/r":  "ht tps://xxxxx@h/%zz/r",
		"ssh://git@github.com/r": "ssh://git@github.com/r",
	} {
		if got := Redact(in); got != want {
			t.Errorf("Redact(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestWebLink(t *testing.T) {
	t.Parallel()
	for _, tt := range []struct{ kind, want string }{
		{"github", "https://github.com/o/r/blob/abc/dir/a%20b.env#L3"},
		{"gitlab", "https://github.com/o/r/-/blob/abc/dir/a%20b.env#L3"},
		{"", ""},
	} {
		if got := WebLink(tt.kind, "https://github.com/o/r", "abc", "dir/a b.env", 3); got != tt.want {
			t.Errorf("%s: %q, want %q", tt.kind, got, tt.want)
		}
	}
}

// keyRepo is a repository whose history holds one secret key, added and
// then removed.
func keyRepo(t *testing.T) (*gittest.Repo, string) {
	k := gittest.NewKeys(t)
	r := gittest.New(t)
	r.Write("README.md", "hello\n")
	r.Commit("init")
	r.Write("config/.env", "AMPLITUDE_SECRET_KEY="+k.Hex()+"\n")
	added := r.Commit("add key")
	r.Remove("config/.env")
	r.Commit("remove key")
	return r, added.String()
}

func engine(t *testing.T) *scanner.Engine {
	t.Helper()
	cat, err := rules.Builtin()
	if err != nil {
		t.Fatal(err)
	}
	return &scanner.Engine{Rules: cat, Jobs: 2}
}

func TestScanOverSmartHTTP(t *testing.T) {
	const token = "test-token-5f1e0c"
	r, added := keyRepo(t)
	srv := gittest.Serve(t, token)
	url := srv.Publish(t, r, "acme/api.git")
	keep := filepath.Join(t.TempDir(), "kept")

	ep, err := Parse(url, Credentials{Env: env(map[string]string{"AMPSCAN_GIT_TOKEN": token})})
	if err != nil {
		t.Fatal(err)
	}
	rep, err := Scan(context.Background(), engine(t), ep.WithWeb("github", "https://github.com/acme/api"), Options{Keep: keep})
	if err != nil {
		t.Fatal(err)
	}
	if len(rep.Findings) != 1 {
		t.Fatalf("findings = %d, want 1: %+v", len(rep.Findings), rep.Findings)
	}
	f := rep.Findings[0]
	if f.Path != "config/.env" || f.Commit == nil || f.Commit.ID != added || f.Repo != url {
		t.Errorf("finding = %s %v %q, want config/.env at %s in %s", f.Path, f.Commit, f.Repo, added, url)
	}
	if want := "https://github.com/acme/api/blob/" + added + "/config/.env#L1"; f.WebURL != want {
		t.Errorf("WebURL = %q, want %q", f.WebURL, want)
	}
	if _, err := os.Stat(filepath.Join(keep, "HEAD")); err != nil {
		t.Errorf("--keep left no bare repository: %v", err)
	}
	if _, err := os.Stat(filepath.Join(keep, "config")); err != nil {
		t.Fatal(err)
	}
	assertNoToken(t, keep, token)
}

func TestScanWrongTokenAndMissingRepository(t *testing.T) {
	const token = "right-token-77aa"
	r, _ := keyRepo(t)
	srv := gittest.Serve(t, token)
	url := srv.Publish(t, r, "acme/api.git")
	tmp := t.TempDir()
	tests := []struct {
		name, url, token string
		want             error
	}{
		{"wrong token", url, "wrong-token-0123", ErrAuth},
		{"missing repository", srv.URL + "/acme/missing.git", token, ErrNotFound},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			ep, err := Parse(tt.url, Credentials{Token: tt.token})
			if err != nil {
				t.Fatal(err)
			}
			_, err = Scan(context.Background(), engine(t), ep, Options{TempDir: tmp})
			if !errors.Is(err, tt.want) {
				t.Fatalf("err = %v, want %v", err, tt.want)
			}
			if strings.Contains(err.Error(), tt.token) {
				t.Errorf("error holds the token: %v", err)
			}
		})
	}
	if entries, _ := os.ReadDir(tmp); len(entries) != 0 {
		t.Errorf("failed clones left %d entries in the temporary directory", len(entries))
	}
}

func TestScanFileURL(t *testing.T) {
	r, added := keyRepo(t)
	dir := filepath.Join(t.TempDir(), "api.git")
	gittest.PublishBare(t, r, dir)
	ep, err := Parse("file://"+filepath.ToSlash(dir), Credentials{})
	if err != nil {
		t.Fatal(err)
	}
	tmp := t.TempDir()
	rep, err := Scan(context.Background(), engine(t), ep, Options{TempDir: tmp})
	if err != nil {
		t.Fatal(err)
	}
	if len(rep.Findings) != 1 || rep.Findings[0].Commit.ID != added || rep.Findings[0].WebURL != "" {
		t.Fatalf("findings = %+v", rep.Findings)
	}
	if entries, _ := os.ReadDir(tmp); len(entries) != 0 {
		t.Errorf("the temporary clone was not removed: %d entries", len(entries))
	}
}

// assertNoToken fails when any file under dir holds token.
func assertNoToken(t *testing.T, dir, token string) {
	t.Helper()
	err := filepath.WalkDir(dir, func(path string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		b, err := os.ReadFile(path)
		if err != nil {
			return err
		}
		if strings.Contains(string(b), token) {
			t.Errorf("%s holds the token", path)
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
}

func TestScanEmptyRepository(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "empty.git")
	gittest.Git(t, t.TempDir(), "init", "--quiet", "--bare", dir)
	ep, err := Parse("file://"+filepath.ToSlash(dir), Credentials{})
	if err != nil {
		t.Fatal(err)
	}
	rep, err := Scan(context.Background(), engine(t), ep, Options{TempDir: t.TempDir()})
	if err != nil {
		t.Fatal(err)
	}
	if len(rep.Findings) != 0 || len(rep.Notes) != 1 || !strings.Contains(rep.Notes[0], "empty") {
		t.Errorf("report = %+v, want no findings and a note that the repository is empty", rep)
	}
}

// --branch and --range name a remote's branches as on the host, although
// the bare clone holds them as origin/NAME.
func TestScanBranchAndRangeByHostNames(t *testing.T) {
	k := gittest.NewKeys(t)
	r := gittest.New(t)
	r.Write("README.md", "hello\n")
	base := r.Commit("init")
	r.Branch("feature", base)
	r.Checkout("feature")
	r.Write(".env", "AMPLITUDE_SECRET_KEY="+k.Hex()+"\n")
	added := r.Commit("key on a branch")
	r.Checkout("main")
	dir := filepath.Join(t.TempDir(), "r.git")
	gittest.PublishBare(t, r, dir)
	ep, err := Parse("file://"+filepath.ToSlash(dir), Credentials{})
	if err != nil {
		t.Fatal(err)
	}
	for _, h := range []history.Options{{Branch: "feature"}, {Range: "main..feature"}} {
		rep, err := Scan(context.Background(), engine(t), ep, Options{TempDir: t.TempDir(), History: h})
		if err != nil {
			t.Fatalf("%+v: %v", h, err)
		}
		if len(rep.Findings) != 1 || rep.Findings[0].Commit.ID != added.String() {
			t.Errorf("%+v: findings %+v", h, rep.Findings)
		}
	}
	rep, err := Scan(context.Background(), engine(t), ep, Options{TempDir: t.TempDir(), History: history.Options{Branch: "main"}})
	if err != nil || len(rep.Findings) != 0 {
		t.Errorf("main: %v, %d findings", err, len(rep.Findings))
	}
}
