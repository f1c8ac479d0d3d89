package cli_test

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/ampscan/ampscan/internal/gittest"
)

func TestGitURL(t *testing.T) {
	const token = "cli-token-3c9d1b7e"
	r, added := keyHistory(t)
	srv := gittest.Serve(t, token)
	url := srv.Publish(t, r, "acme/api.git")
	t.Setenv("AMPSCAN_GIT_TOKEN", token)
	keep := filepath.Join(t.TempDir(), "clone")

	code, out, errOut := runGitCLI(t, "git", url, "--format", "json", "--keep", keep)
	if code != 1 {
		t.Fatalf("exit %d, want 1\n%s", code, errOut)
	}
	var rep struct {
		Findings []struct {
			Path, Commit, Repository string
		} `json:"findings"`
	}
	if err := json.Unmarshal([]byte(out), &rep); err != nil {
		t.Fatal(err)
	}
	found := false
	for _, f := range rep.Findings {
		if f.Repository != url {
			t.Errorf("finding %s names repository %q, want %q", f.Path, f.Repository, url)
		}
		found = found || (f.Path == ".env" && f.Commit == added)
	}
	if !found {
		t.Errorf("no finding for .env at %s in %s", added, out)
	}
	for name, s := range map[string]string{"stdout": out, "stderr": errOut} {
		if strings.Contains(s, token) {
			t.Errorf("%s holds the token", name)
		}
	}
	cfg, err := os.ReadFile(filepath.Join(keep, "config"))
	if err != nil {
		t.Fatal(err)
	}
	if strings.Contains(string(cfg), token) || !strings.Contains(string(cfg), url) {
		t.Errorf("the kept clone's config should name %s without the token:\n%s", url, cfg)
	}

	t.Setenv("AMPSCAN_GIT_TOKEN", "wrong-"+token)
	code, _, errOut = runGitCLI(t, "git", url)
	if code != 2 || !strings.Contains(errOut, "authentication failed") || strings.Contains(errOut, token) {
		t.Errorf("wrong token: exit %d, stderr %q; want 2 and an authentication error without the token", code, errOut)
	}
}
