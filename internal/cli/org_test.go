package cli_test

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/ampscan/ampscan/internal/fakehost"
	"github.com/ampscan/ampscan/internal/gittest"
)

const orgToken = "org-token-0d8f6a2c91"

// planted is a key put into a fake repository's history.
type planted struct {
	repo, path, commit, keyType string
}

// fakeOrg is an organisation on a fake GitHub: repositories over smart
// HTTP (token required) and file://, one that is gone (404), one corrupt,
// and an archived fork, listed in pages of two.
type fakeOrg struct {
	api     *fakehost.API
	git     *gittest.Server
	planted []planted
	urls    map[string]string // full name -> clone URL
}

func newFakeOrg(t *testing.T) *fakeOrg {
	t.Helper()
	k := gittest.NewKeys(t)
	o := &fakeOrg{git: gittest.Serve(t, orgToken), urls: map[string]string{}}
	var listing []fakehost.Repo
	add := func(name, url string, fork bool) {
		o.urls[name] = url
		listing = append(listing, fakehost.Repo{FullName: name, CloneURL: url, Fork: fork, Archived: fork})
	}

	api := gittest.New(t)
	api.Write("README.md", "api\n")
	api.Commit("init")
	api.Write("deploy/.env", "AMPLITUDE_SECRET_KEY="+k.Hex()+"\n")
	c1 := api.Commit("add env")
	api.Remove("deploy/.env")
	api.Commit("remove env")
	api.Write("src/track.ts", "import * as amplitude from '@amplitude/analytics-browser';\namplitude.init('"+k.Hex()+"');\n")
	c2 := api.Commit("analytics")
	add("acme/api", o.git.Publish(t, api, "acme/api.git"), false)
	o.planted = append(o.planted,
		planted{"acme/api", "deploy/.env", c1.String(), "amplitude-secret-key"},
		planted{"acme/api", "src/track.ts", c2.String(), "amplitude-api-key"})

	web := gittest.New(t)
	web.Write("server/flags.go", "// Amplitude Experiment\nconst deploymentKey = \""+k.Server()+"\"\n")
	c3 := web.Commit("flags")
	add("acme/web", o.git.Publish(t, web, "acme/web.git"), false)
	o.planted = append(o.planted, planted{"acme/web", "server/flags.go", c3.String(), "amplitude-server-deployment-key"})

	docs := gittest.New(t)
	docs.Write("index.md", "# docs\n")
	docs.Commit("docs")
	add("acme/docs", o.git.Publish(t, docs, "acme/docs.git"), false)

	tools := gittest.New(t)
	tools.Write("ci/upload.sh", "# Amplitude\nexport AMPLITUDE_SECRET_KEY="+k.Hex()+"\n")
	c4 := tools.Commit("upload")
	toolsDir := filepath.Join(t.TempDir(), "tools.git")
	gittest.PublishBare(t, tools, toolsDir)
	add("acme/tools", "file://"+filepath.ToSlash(toolsDir), false)
	o.planted = append(o.planted, planted{"acme/tools", "ci/upload.sh", c4.String(), "amplitude-secret-key"})

	add("acme/gone", o.git.URL+"/acme/gone.git", false)

	corrupt := filepath.Join(t.TempDir(), "corrupt.git")
	gittest.PublishBare(t, docs, corrupt)
	entries, _ := os.ReadDir(filepath.Join(corrupt, "objects"))
	for _, e := range entries {
		if e.Name() != "info" {
			os.RemoveAll(filepath.Join(corrupt, "objects", e.Name()))
		}
	}
	add("acme/corrupt", "file://"+filepath.ToSlash(corrupt), false)

	fork := gittest.New(t)
	fork.Write(".env", "AMPLITUDE_SECRET_KEY="+k.Hex()+"\n")
	fork.Commit("fork")
	add("acme/old-fork", o.git.Publish(t, fork, "acme/old-fork.git"), true)

	o.api = fakehost.GitHub(t, orgToken, map[string][]fakehost.Repo{"acme": listing})
	o.api.RateLimitPage = 2
	t.Setenv("GITHUB_TOKEN", orgToken)
	t.Setenv("AMPSCAN_GIT_TOKEN", "")
	return o
}

type auditJSON struct {
	Audit struct {
		Source                            string
		Listed, Selected, Scanned, Failed int
	} `json:"audit"`
	Repositories []struct {
		Name, URL, Status, Error string
		Findings                 int
	} `json:"repositories"`
	Findings []struct {
		KeyType    string `json:"key_type"`
		Path       string `json:"path"`
		Commit     string `json:"commit"`
		Repository string `json:"repository"`
		WebURL     string `json:"web_url"`
	} `json:"findings"`
}

func TestOrgAuditWholeAndSharded(t *testing.T) {
	o := newFakeOrg(t)
	dir := t.TempDir()
	clones := t.TempDir()
	base := []string{"github", "--org", "acme", "--api-url", o.api.URL, "--format", "json", "--jobs", "3", "--temp-dir", clones}

	whole := filepath.Join(dir, "whole.json")
	code, out, errOut := runGitCLI(t, append(base, "-o", whole)...)
	if code != 1 {
		t.Fatalf("exit %d, want 1 (findings)\n%s", code, errOut)
	}
	if !strings.Contains(errOut, "rate limit reached: waiting") || !strings.Contains(errOut, "acme/gone: clone "+o.urls["acme/gone"]+": repository not found") ||
		!strings.Contains(errOut, "acme/corrupt: clone "+o.urls["acme/corrupt"]+": clone failed") {
		t.Errorf("stderr should tell the wait and name the missing repository:\n%s", errOut)
	}
	raw, err := os.ReadFile(whole)
	if err != nil {
		t.Fatal(err)
	}
	var rep auditJSON
	if err := json.Unmarshal(raw, &rep); err != nil {
		t.Fatal(err)
	}
	if a := rep.Audit; a.Listed != 7 || a.Selected != 6 || a.Scanned != 4 || a.Failed != 2 {
		t.Errorf("audit = %+v, want 7 listed, 6 selected (no archived fork), 4 scanned, 2 failed", a)
	}
	status := map[string]string{}
	for _, r := range rep.Repositories {
		status[r.Name] = r.Status
		// The transport's words vary with timing; the report's must not.
		if r.Name == "acme/corrupt" && !strings.HasPrefix(r.Error, "clone failed: the repository could not be fetched") {
			t.Errorf("acme/corrupt: error %q, want the stable clone failure", r.Error)
		}
		if r.URL != o.urls[r.Name] {
			t.Errorf("%s: url %q, want %q", r.Name, r.URL, o.urls[r.Name])
		}
	}
	if status["acme/gone"] != "failed" || status["acme/corrupt"] != "failed" || status["acme/docs"] != "scanned" {
		t.Errorf("statuses = %v", status)
	}
	checkPlanted(t, o, rep)

	// The same audit as three shards, merged.
	var shards []string
	for i := 1; i <= 3; i++ {
		p := filepath.Join(dir, fmt.Sprintf("shard-%d.json", i))
		code, _, errOut := runGitCLI(t, append(base, "--shard", fmt.Sprintf("%d/3", i), "-o", p)...)
		if code == 0 && strings.Contains(errOut, "could not be scanned") {
			t.Errorf("shard %d: exit 0 despite failures", i)
		}
		shards = append(shards, p)
	}
	merged := filepath.Join(dir, "merged.json")
	code, _, errOut = runGitCLI(t, append([]string{"merge", "-o", merged}, shards...)...)
	if code != 1 {
		t.Fatalf("merge: exit %d, want 1\n%s", code, errOut)
	}
	got, err := os.ReadFile(merged)
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(got, raw) {
		t.Errorf("merged shards differ from the whole run:\n--- whole\n%s\n--- merged\n%s", raw, got)
	}
	// The merged audit as the HTML page: the same repositories and figures.
	page := filepath.Join(dir, "merged.html")
	code, _, errOut = runGitCLI(t, append([]string{"merge", "--format", "html", "-o", page}, shards...)...)
	if code != 1 {
		t.Fatalf("merge --format html: exit %d, want 1\n%s", code, errOut)
	}
	html, err := os.ReadFile(page)
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{`<span id="fig-repos">4</span> scanned`, `<span id="fig-failed">2</span> failed`, "acme/corrupt", "acme/gone"} {
		if !bytes.Contains(html, []byte(want)) {
			t.Errorf("the merged HTML page lacks %q", want)
		}
	}
	for _, f := range rep.Findings {
		if !bytes.Contains(html, []byte(f.Path)) {
			t.Errorf("the merged HTML page lacks the finding at %s", f.Path)
		}
	}
	code, _, errOut = runGitCLI(t, "merge", shards[0], shards[2])
	if code != 2 || !strings.Contains(errOut, "missing shard 2/3") {
		t.Errorf("merge of two of three shards: exit %d, %s", code, errOut)
	}

	assertNoTokenIn(t, orgToken, out, errOut)
	assertNoTokenUnder(t, orgToken, dir)
	if entries, _ := os.ReadDir(clones); len(entries) != 0 {
		t.Errorf("%d clones left behind in the temporary directory", len(entries))
	}
	if o.api.Refused.Load() != 0 || o.git.Refused.Load() != 0 {
		t.Errorf("requests without the token: API %d, git %d", o.api.Refused.Load(), o.git.Refused.Load())
	}
}

// checkPlanted: every planted key once, with its repository, commit and
// path, and nothing else.
func checkPlanted(t *testing.T, o *fakeOrg, rep auditJSON) {
	t.Helper()
	seen := map[planted]int{}
	for _, f := range rep.Findings {
		name := ""
		for n, u := range o.urls {
			if u == f.Repository {
				name = n
			}
		}
		seen[planted{name, f.Path, f.Commit, f.KeyType}]++
		if strings.HasPrefix(f.Repository, "http") && !strings.HasPrefix(f.WebURL, "https://github.com/"+name+"/blob/"+f.Commit+"/") {
			t.Errorf("web_url %q for %s", f.WebURL, name)
		}
	}
	for _, p := range o.planted {
		if seen[p] != 1 {
			t.Errorf("%+v found %d times", p, seen[p])
		}
		delete(seen, p)
	}
	for p := range seen {
		t.Errorf("unexpected finding %+v", p)
	}
}

func TestOrgAuditListFormatsAndFailures(t *testing.T) {
	o := newFakeOrg(t)
	base := []string{"github", "--org", "acme", "--api-url", o.api.URL}

	code, out, errOut := runGitCLI(t, append(base, "--list", "--forks", "--archived")...)
	if code != 0 || strings.Count(out, "\n") != 7 || !strings.Contains(out, "acme/old-fork\t"+o.urls["acme/old-fork"]+"\tfork,archived") {
		t.Errorf("--list: exit %d\n%s%s", code, out, errOut)
	}

	code, out, errOut = runGitCLI(t, append(base, "--include", "gone", "--include", "docs", "--format", "sarif")...)
	if code != 2 || !strings.Contains(errOut, "1 repositories could not be scanned: acme/gone") {
		t.Errorf("only a failure: exit %d, stderr %s", code, errOut)
	}
	var sarif struct {
		Runs []struct {
			VersionControlProvenance []struct{ RepositoryURI string }     `json:"versionControlProvenance"`
			Invocations              []struct{ ExecutionSuccessful bool } `json:"invocations"`
		} `json:"runs"`
	}
	if err := json.Unmarshal([]byte(out), &sarif); err != nil || len(sarif.Runs) != 2 {
		t.Fatalf("SARIF: %v, %d runs, want one per repository", err, len(sarif.Runs))
	}
	if sarif.Runs[1].VersionControlProvenance[0].RepositoryURI != o.urls["acme/gone"] || sarif.Runs[1].Invocations[0].ExecutionSuccessful {
		t.Errorf("second run should be acme/gone, unsuccessful: %+v", sarif.Runs[1])
	}

	code, out, errOut = runGitCLI(t, append(base, "--include", "web", "--no-color")...)
	if code != 1 || !strings.Contains(out, "acme/web") || !strings.Contains(out, "in "+o.urls["acme/web"]) {
		t.Errorf("text: exit %d\n%s%s", code, out, errOut)
	}
	assertNoTokenIn(t, orgToken, out, errOut)

	code, _, errOut = runGitCLI(t, "github", "--org", "nobody", "--api-url", o.api.URL)
	if code != 2 || !strings.Contains(errOut, "not found (404)") {
		t.Errorf("unknown org: exit %d, %s", code, errOut)
	}
	code, _, errOut = runGitCLI(t, append(base, "--shard", "4/3")...)
	if code != 2 || !strings.Contains(errOut, "--shard") {
		t.Errorf("bad shard: exit %d, %s", code, errOut)
	}
}

func TestGitLabGroupAudit(t *testing.T) {
	const token = "gl-org-token-77e1"
	k := gittest.NewKeys(t)
	srv := gittest.Serve(t, token)
	r := gittest.New(t)
	r.Write("app/config.yml", "amplitude:\n  secret_key: "+k.Hex()+"\n")
	c := r.Commit("config")
	url := srv.Publish(t, r, "acme/platform/app.git")
	api := fakehost.GitLab(t, token, map[string][]fakehost.Repo{"acme/platform": {
		{FullName: "acme/platform/app", CloneURL: url},
		{FullName: "acme/platform/old", CloneURL: srv.URL + "/acme/platform/old.git", Fork: true, Archived: true},
	}})
	t.Setenv("GITLAB_TOKEN", token)
	t.Setenv("AMPSCAN_GIT_TOKEN", "")
	code, out, errOut := runGitCLI(t, "gitlab", "--group", "acme/platform", "--api-url", api.URL+"/api/v4", "--format", "json")
	if code != 1 {
		t.Fatalf("exit %d\n%s", code, errOut)
	}
	var rep auditJSON
	if err := json.Unmarshal([]byte(out), &rep); err != nil {
		t.Fatal(err)
	}
	if rep.Audit.Listed != 2 || rep.Audit.Selected != 1 || len(rep.Findings) != 1 {
		t.Fatalf("audit %+v, %d findings", rep.Audit, len(rep.Findings))
	}
	f := rep.Findings[0]
	if f.Repository != url || f.Commit != c.String() || f.WebURL != "https://gitlab.com/acme/platform/app/-/blob/"+c.String()+"/app/config.yml#L2" {
		t.Errorf("finding %+v", f)
	}
	assertNoTokenIn(t, token, out, errOut)
}

func assertNoTokenIn(t *testing.T, token string, outs ...string) {
	t.Helper()
	for _, s := range outs {
		if strings.Contains(s, token) {
			t.Errorf("output holds the token:\n%s", s)
		}
	}
}

func assertNoTokenUnder(t *testing.T, token, dir string) {
	t.Helper()
	_ = filepath.WalkDir(dir, func(path string, d fs.DirEntry, err error) error {
		if err == nil && !d.IsDir() {
			if b, _ := os.ReadFile(path); bytes.Contains(b, []byte(token)) {
				t.Errorf("%s holds the token", path)
			}
		}
		return nil
	})
}
