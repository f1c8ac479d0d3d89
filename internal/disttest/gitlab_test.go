package disttest

import (
	"bytes"
	"encoding/json"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"

	"gopkg.in/yaml.v3"

	"github.com/ampscan/ampscan/internal/gittest"
)

// gitlabTemplate is ci/gitlab/ampscan.yml. Decoding it with unknown keys
// refused catches a misspelt keyword that GitLab would reject or ignore.
type gitlabTemplate struct {
	Variables map[string]string `yaml:"variables"`
	Job       struct {
		Stage string `yaml:"stage"`
		Image struct {
			Name       string   `yaml:"name"`
			Entrypoint []string `yaml:"entrypoint"`
		} `yaml:"image"`
		Variables map[string]string `yaml:"variables"`
		Rules     []struct {
			If string `yaml:"if"`
		} `yaml:"rules"`
		Script    []string `yaml:"script"`
		Artifacts struct {
			When     string   `yaml:"when"`
			ExpireIn string   `yaml:"expire_in"`
			Paths    []string `yaml:"paths"`
		} `yaml:"artifacts"`
	} `yaml:"ampscan"`
}

func loadGitLabTemplate(t *testing.T) gitlabTemplate {
	t.Helper()
	b, err := os.ReadFile(filepath.Join(root, "ci", "gitlab", "ampscan.yml"))
	if err != nil {
		t.Fatal(err)
	}
	dec := yaml.NewDecoder(bytes.NewReader(b))
	dec.KnownFields(true)
	var tpl gitlabTemplate
	if err := dec.Decode(&tpl); err != nil {
		t.Fatalf("ci/gitlab/ampscan.yml: %v", err)
	}
	return tpl
}

// ruleForm is the one form of rules:if the template uses: $VAR == "text"
// or $VAR == $OTHER.
var ruleForm = regexp.MustCompile(`^\$(\w+) == (?:"([^"]*)"|\$(\w+))$`)

// runsOn says whether the job's rules put it in a pipeline with these
// variables (GitLab: the first rule that matches; none matches, no job).
func runsOn(t *testing.T, tpl gitlabTemplate, vars map[string]string) bool {
	t.Helper()
	for _, r := range tpl.Job.Rules {
		m := ruleForm.FindStringSubmatch(r.If)
		if m == nil {
			t.Fatalf("rules: if %q: this test evaluates only $VAR == \"text\" and $VAR == $OTHER", r.If)
		}
		want := m[2]
		if m[3] != "" {
			want = vars[m[3]]
		}
		if vars[m[1]] == want && vars[m[1]] != "" {
			return true
		}
	}
	return false
}

func TestGitLabTemplateShape(t *testing.T) {
	tpl := loadGitLabTemplate(t)
	j := tpl.Job
	if !strings.HasPrefix(tpl.Variables["AMPSCAN_IMAGE"], "ghcr.io/ampscan/ampscan:") || j.Image.Name != "$AMPSCAN_IMAGE" {
		t.Errorf("image %q (AMPSCAN_IMAGE %q): want ampscan's image", j.Image.Name, tpl.Variables["AMPSCAN_IMAGE"])
	}
	// The image's entrypoint is ampscan itself; GitLab must start its shell instead.
	if !slices.Equal(j.Image.Entrypoint, []string{""}) {
		t.Errorf("entrypoint %q, want [\"\"]", j.Image.Entrypoint)
	}
	if j.Variables["GIT_DEPTH"] != "0" {
		t.Errorf("GIT_DEPTH %q: a shallow clone lacks the diff base and the history", j.Variables["GIT_DEPTH"])
	}
	if j.Artifacts.When != "always" || !slices.Equal(j.Artifacts.Paths, []string{"ampscan.json", "ampscan.sarif"}) {
		t.Errorf("artifacts when %q, paths %q: want both reports kept always, findings or not", j.Artifacts.When, j.Artifacts.Paths)
	}
	for _, tc := range []struct {
		name string
		vars map[string]string
		want bool
	}{
		{"merge request", map[string]string{"CI_PIPELINE_SOURCE": "merge_request_event", "CI_DEFAULT_BRANCH": "main"}, true},
		{"default branch push", map[string]string{"CI_PIPELINE_SOURCE": "push", "CI_COMMIT_BRANCH": "main", "CI_DEFAULT_BRANCH": "main"}, true},
		{"other branch push", map[string]string{"CI_PIPELINE_SOURCE": "push", "CI_COMMIT_BRANCH": "topic", "CI_DEFAULT_BRANCH": "main"}, false},
		{"tag", map[string]string{"CI_PIPELINE_SOURCE": "push", "CI_COMMIT_TAG": "v1.0.0", "CI_DEFAULT_BRANCH": "main"}, false},
	} {
		if got := runsOn(t, tpl, tc.vars); got != tc.want {
			t.Errorf("%s: job runs %v, want %v", tc.name, got, tc.want)
		}
	}
}

// TestGitLabTemplateScript runs the template's script, as the runner would
// (POSIX sh, in the project directory, with GitLab's variables and the
// template's), against a repository built here, with the test's ampscan
// first on PATH as it is in the image.
func TestGitLabTemplateScript(t *testing.T) {
	tpl := loadGitLabTemplate(t)
	k := gittest.NewKeys(t)
	r := gittest.New(t)
	r.Write("README.md", "# shop\n")
	r.Commit("init")
	r.Write(".env", "AMPLITUDE_SECRET_KEY="+k.Hex()+"\n")
	r.Commit("local settings")
	r.Remove(".env")
	base := r.Commit("remove local settings") // the old leak is only in history now

	r.Write("web/analytics.ts", "import * as amplitude from '@amplitude/analytics-browser';\namplitude.init('"+k.Hex()+"');\n")
	public := r.Commit("browser analytics")
	r.Branch("docs", public)
	r.Write("server/config.env", "AMPLITUDE_SECRET_KEY="+k.Hex()+"\n")
	leaky := r.Commit("server analytics")
	r.Branch("feature", leaky)
	// main stays at base, as the target of both merge requests.
	r.Branch("main", base)
	r.Checkout("main")

	type finding struct{ path, keyType, commit string }
	for _, tc := range []struct {
		name     string
		vars     map[string]string
		wantCode int
		want     []finding
	}{
		{"merge request adding a private key",
			map[string]string{"CI_PIPELINE_SOURCE": "merge_request_event", "CI_MERGE_REQUEST_DIFF_BASE_SHA": base.String(), "CI_COMMIT_SHA": leaky.String()},
			1, []finding{
				{"server/config.env", "amplitude-secret-key", leaky.String()},
				{"web/analytics.ts", "amplitude-api-key", public.String()},
			}},
		{"merge request adding only a public key",
			map[string]string{"CI_PIPELINE_SOURCE": "merge_request_event", "CI_MERGE_REQUEST_DIFF_BASE_SHA": base.String(), "CI_COMMIT_SHA": public.String()},
			0, []finding{{"web/analytics.ts", "amplitude-api-key", public.String()}}},
		{"default branch: the whole history",
			map[string]string{"CI_PIPELINE_SOURCE": "push", "CI_COMMIT_BRANCH": "main", "CI_COMMIT_SHA": base.String()},
			1, nil}, // checked below: the deleted .env is found
		{"default branch, AMPSCAN_FAIL_ON=none",
			map[string]string{"CI_PIPELINE_SOURCE": "push", "CI_COMMIT_BRANCH": "main", "CI_COMMIT_SHA": base.String(), "AMPSCAN_FAIL_ON": "none"},
			0, nil},
	} {
		t.Run(tc.name, func(t *testing.T) {
			for _, f := range tpl.Job.Artifacts.Paths {
				os.Remove(filepath.Join(r.Dir, f))
			}
			env := []string{"PATH=" + filepath.Dir(ampscanBin) + string(os.PathListSeparator) + os.Getenv("PATH"),
				"CI_PROJECT_DIR=" + r.Dir, "CI_DEFAULT_BRANCH=main",
				// Whatever CI runs this test must not leak its own into the job.
				"CI_MERGE_REQUEST_DIFF_BASE_SHA=", "CI_COMMIT_BRANCH="}
			vars := map[string]string{"CI_DEFAULT_BRANCH": "main"}
			// GitLab's precedence: the pipeline's variables, then the
			// template's global ones, then the job's; a test override last.
			for _, layer := range []map[string]string{tpl.Variables, tpl.Job.Variables, tc.vars} {
				for name, v := range layer {
					env = append(env, name+"="+v)
					vars[name] = v
				}
			}
			if !runsOn(t, tpl, vars) {
				t.Fatal("the template's rules leave the job out of this pipeline")
			}
			res := execIn(t, r.Dir, env, "sh", "-e", "-c", strings.Join(tpl.Job.Script, "\n"))
			if res.code != tc.wantCode {
				t.Fatalf("exit %d, want %d\nstdout: %s\nstderr: %s", res.code, tc.wantCode, res.stdout, res.stderr)
			}
			var rep struct {
				Findings []struct {
					Path    string `json:"path"`
					KeyType string `json:"key_type"`
					Commit  string `json:"commit"`
				} `json:"findings"`
			}
			readJSON(t, filepath.Join(r.Dir, "ampscan.json"), &rep)
			var got []finding
			for _, f := range rep.Findings {
				got = append(got, finding{f.Path, f.KeyType, f.Commit})
			}
			slices.SortFunc(got, func(a, b finding) int { return strings.Compare(a.path, b.path) })
			if tc.want != nil && !slices.Equal(got, tc.want) {
				t.Errorf("findings %v, want %v", got, tc.want)
			}
			if tc.want == nil && !slices.ContainsFunc(got, func(f finding) bool { return f.path == ".env" && f.keyType == "amplitude-secret-key" }) {
				t.Errorf("findings %v: the whole-history scan missed the deleted .env", got)
			}
			var sarif struct {
				Version string `json:"version"`
				Runs    []struct {
					Results []json.RawMessage `json:"results"`
				} `json:"runs"`
			}
			readJSON(t, filepath.Join(r.Dir, "ampscan.sarif"), &sarif)
			if sarif.Version != "2.1.0" || len(sarif.Runs) != 1 || len(sarif.Runs[0].Results) != len(got) {
				t.Errorf("SARIF %s with %d runs: want 2.1.0, one run with the %d findings", sarif.Version, len(sarif.Runs), len(got))
			}
		})
	}
}

func readJSON(t *testing.T, path string, v any) {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("report not written: %v", err)
	}
	if err := json.Unmarshal(b, v); err != nil {
		t.Fatalf("%s: %v", path, err)
	}
}
