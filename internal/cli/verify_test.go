package cli

import (
	"encoding/base64"
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"sort"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/ampscan/ampscan/internal/gittest"
	"github.com/ampscan/ampscan/verify"
)

// everyKeyType is a tree holding all nine key types, with generated values.
func everyKeyType(t *testing.T, seed uint64) (dir string, env string) {
	t.Helper()
	env = gen(seed, "AMPLITUDE_API_KEY={{hex}}\nAMPLITUDE_SECRET_KEY={{hex}}\n"+
		"AMPLITUDE_DEPLOYMENT_KEY={{server}}\nAMPLITUDE_MANAGEMENT_API_KEY={{token}}\n"+
		"AMPLITUDE_SCIM_KEY={{token}}\nAMPLI_TOKEN={{token}}\n"+
		"AMPLITUDE_ORG_API_KEY={{hex}}\nAMPLITUDE_ORG_SECRET_KEY={{hex}}\n")
	web := gen(seed+1, "import { Experiment } from '@amplitude/experiment-js-client';\n"+
		"const experiment = Experiment.initialize('{{client}}');\n")
	return tree(t, map[string]string{"server/.env": env, "web/app.js": web}), env
}

// guardTransport counts every request that goes through
// http.DefaultTransport while a test runs.
type guardTransport struct {
	inner http.RoundTripper
	n     atomic.Int32
}

func (g *guardTransport) RoundTrip(r *http.Request) (*http.Response, error) {
	g.n.Add(1)
	return g.inner.RoundTrip(r)
}

// TestNoNetworkWithoutVerify: every command and format, on a tree holding
// all nine key types, sends nothing anywhere without --verify; the same
// run with --verify does reach the server through the same guard, which
// proves the guard would have seen a request. Not parallel: it swaps
// http.DefaultTransport and sets the environment.
func TestNoNetworkWithoutVerify(t *testing.T) {
	var hits atomic.Int32
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		hits.Add(1)
		w.WriteHeader(http.StatusUnauthorized)
	}))
	defer srv.Close()
	t.Setenv(verify.EnvBaseURL, srv.URL)
	guard := &guardTransport{inner: http.DefaultTransport}
	http.DefaultTransport = guard
	defer func() { http.DefaultTransport = guard.inner }()
	old := verifyHostGap
	verifyHostGap = time.Millisecond
	defer func() { verifyHostGap = old }()

	dir, env := everyKeyType(t, 41)
	repo := gittest.New(t)
	repo.Write(".env", env)
	repo.Stage()
	repo.Commit("add keys")
	repo.Write("config.env", env)
	repo.Stage()

	var types map[string]bool
	for _, args := range [][]string{
		{"dir", dir}, {"dir", "--format", "json", dir}, {"dir", "--format", "sarif", dir},
		{"dir", "--fail-on", "none", "--no-redact", dir}, {"stdin", "--name", ".env"},
		{"git", repo.Dir}, {"staged", repo.Dir},
		{"dir", "--only-live", dir}, {"dir", "--verify-public", dir}, {"rules"},
	} {
		r := run(t, env, args...)
		if r.code == 2 && !strings.Contains(strings.Join(args, " "), "-live") && !strings.Contains(strings.Join(args, " "), "-public") {
			t.Errorf("%v: exit 2: %s", args, r.stderr)
		}
		if len(args) == 4 && args[2] == "json" {
			types = keyTypes(t, r.stdout)
		}
	}
	if len(types) != 9 {
		t.Errorf("the tree should hold all nine key types, got %v", types)
	}
	if hits.Load() != 0 || guard.n.Load() != 0 {
		t.Fatalf("without --verify: %d requests reached the server, %d went through http.DefaultTransport", hits.Load(), guard.n.Load())
	}
	// Control: the same guard sees --verify's requests.
	run(t, "", "dir", "--verify", dir)
	if hits.Load() == 0 || guard.n.Load() != hits.Load() {
		t.Errorf("with --verify: %d hits, %d through the guard; want the same non-zero count", hits.Load(), guard.n.Load())
	}
}

func keyTypes(t *testing.T, out string) map[string]bool {
	t.Helper()
	var rep struct {
		Findings []struct {
			KeyType string `json:"key_type"`
		} `json:"findings"`
	}
	if err := json.Unmarshal([]byte(out), &rep); err != nil {
		t.Fatalf("bad JSON: %v", err)
	}
	m := map[string]bool{}
	for _, f := range rep.Findings {
		m[f.KeyType] = true
	}
	return m
}

// fakeHosts answers 200 to the credentials in live (on the US host only)
// and 401 to everything else, and records what it was asked.
type fakeHosts struct {
	live map[string]bool
	mu   sync.Mutex
	seen []string // host path
}

func (f *fakeHosts) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	host, path, _ := strings.Cut(strings.TrimPrefix(r.URL.Path, "/"), "/")
	f.mu.Lock()
	f.seen = append(f.seen, r.Method+" "+host+"/"+path)
	f.mu.Unlock()
	_, cred, _ := strings.Cut(r.Header.Get("Authorization"), " ")
	if raw, err := base64.StdEncoding.DecodeString(cred); err == nil && strings.Contains(string(raw), ":") {
		_, cred, _ = strings.Cut(string(raw), ":")
	}
	if f.live[cred] && !strings.Contains(host, ".eu.") {
		w.WriteHeader(http.StatusOK)
		return
	}
	w.WriteHeader(http.StatusUnauthorized)
}

type verifiedFinding struct {
	KeyType      string `json:"key_type"`
	Severity     string `json:"severity"`
	Verification *struct {
		Status, Reason, Region, Request string
	} `json:"verification"`
}

func verifiedFindings(t *testing.T, out string) []verifiedFinding {
	t.Helper()
	var rep struct {
		Findings []verifiedFinding `json:"findings"`
	}
	if err := json.Unmarshal([]byte(out), &rep); err != nil {
		t.Fatalf("bad JSON: %v\n%s", err, out)
	}
	return rep.Findings
}

// TestVerifyEndToEnd drives --verify, --only-live and the writers through
// the command line against a loopback server.
func TestVerifyEndToEnd(t *testing.T) {
	liveServer := gen(51, "{{server}}")
	liveClient := gen(52, "{{client}}")
	deadSecret := gen(53, "{{hex}}")
	org := gen(54, "{{hex}}")
	fake := &fakeHosts{live: map[string]bool{liveServer: true, liveClient: true}}
	srv := httptest.NewServer(fake)
	defer srv.Close()
	t.Setenv(verify.EnvBaseURL, srv.URL)
	old := verifyHostGap
	verifyHostGap = time.Millisecond
	defer func() { verifyHostGap = old }()

	mixed := tree(t, map[string]string{
		"a/.env": "AMPLITUDE_SECRET_KEY=" + deadSecret + "\nAMPLITUDE_ORG_API_KEY=" + org + "\n",
		"z/.env": "AMPLITUDE_DEPLOYMENT_KEY=" + liveServer + "\n",
	})
	dead := tree(t, map[string]string{"a/.env": "AMPLITUDE_SECRET_KEY=" + deadSecret + "\n"})
	public := tree(t, map[string]string{"web/app.js": "import { Experiment } from '@amplitude/experiment-js-client';\n" +
		"const experiment = Experiment.initialize('" + liveClient + "');\n"})

	t.Run("json carries every verification", func(t *testing.T) {
		r := run(t, "", "dir", "--verify", "--format", "json", mixed)
		if r.code != 1 {
			t.Errorf("exit %d, want 1: %s", r.code, r.stderr)
		}
		got := map[string]string{}
		for _, f := range verifiedFindings(t, r.stdout) {
			if f.Verification == nil {
				t.Fatalf("%s has no verification", f.KeyType)
			}
			got[f.KeyType] = f.Verification.Status + " " + f.Severity
			if f.KeyType == "amplitude-org-api-key" && !strings.Contains(f.Verification.Reason, "contact Amplitude Support") {
				t.Errorf("org key reason: %s", f.Verification.Reason)
			}
		}
		want := map[string]string{
			"amplitude-server-deployment-key": "live critical",
			"amplitude-secret-key":            "invalid high",
			"amplitude-org-api-key":           "skipped critical",
		}
		if len(got) != len(want) {
			t.Errorf("got %v, want %v", got, want)
		}
		for k, v := range want {
			if got[k] != v {
				t.Errorf("%s: %q, want %q", k, got[k], v)
			}
		}
		for _, s := range []string{deadSecret, liveServer, org} {
			if strings.Contains(r.stdout+r.stderr, s) {
				t.Error("a secret appears in the output")
			}
		}
	})
	t.Run("text puts the live key first, marked", func(t *testing.T) {
		r := run(t, "", "dir", "--verify", "--no-color", mixed)
		if !strings.HasPrefix(r.stdout, "LIVE  PRIVATE") {
			t.Errorf("the report does not open with the live key:\n%s", r.stdout)
		}
		for _, s := range []string{"verified: LIVE", "verified: invalid", "verified: not checked", "verification: 1 live, 1 invalid, 1 skipped"} {
			if !strings.Contains(r.stdout, s) {
				t.Errorf("text lacks %q:\n%s", s, r.stdout)
			}
		}
	})
	t.Run("sarif ranks the live key highest", func(t *testing.T) {
		r := run(t, "", "dir", "--verify", "--format", "sarif", mixed)
		checkLiveSARIF(t, r.stdout)
	})
	exits := []struct {
		name string
		args []string
		code int
		live int
	}{
		{"only-live keeps the live private key and fails", []string{"dir", "--verify", "--only-live", "--format", "json", mixed}, 1, 1},
		{"only-live with no live key passes", []string{"dir", "--verify", "--only-live", "--format", "json", dead}, 0, 0},
		{"without only-live a dead private key still fails", []string{"dir", "--verify", "--format", "json", dead}, 1, -1},
		{"only-live, fail-on none", []string{"dir", "--verify", "--only-live", "--fail-on", "none", "--format", "json", mixed}, 0, 1},
		{"a live public key passes fail-on private", []string{"dir", "--verify", "--only-live", "--format", "json", public}, 0, 1},
		{"a live public key fails fail-on public", []string{"dir", "--verify", "--only-live", "--fail-on", "public", "--format", "json", public}, 1, 1},
		{"only-live needs verify", []string{"dir", "--only-live", mixed}, 2, -1},
		{"verify-public needs verify", []string{"dir", "--verify-public", mixed}, 2, -1},
		{"timeout must be positive", []string{"dir", "--verify", "--verify-timeout", "0s", mixed}, 2, -1},
	}
	for _, c := range exits {
		t.Run(c.name, func(t *testing.T) {
			r := run(t, "", c.args...)
			if r.code != c.code {
				t.Errorf("exit %d, want %d: %s", r.code, c.code, r.stderr)
			}
			if c.live >= 0 {
				fs := verifiedFindings(t, r.stdout)
				if len(fs) != c.live {
					t.Errorf("%d findings, want %d", len(fs), c.live)
				}
				for _, f := range fs {
					if f.Verification == nil || f.Verification.Status != "live" {
						t.Errorf("--only-live kept a finding that is not live: %+v", f)
					}
				}
			}
		})
	}
	t.Run("a bad base URL is a usage error", func(t *testing.T) {
		t.Setenv(verify.EnvBaseURL, "not a url")
		if r := run(t, "", "dir", "--verify", dead); r.code != 2 || !strings.Contains(r.stderr, verify.EnvBaseURL) {
			t.Errorf("exit %d: %s", r.code, r.stderr)
		}
	})
}

// checkLiveSARIF asserts that the live private key's result uses the live
// rule and that this rule has the highest security-severity of the run.
func checkLiveSARIF(t *testing.T, out string) {
	t.Helper()
	var log struct {
		Runs []struct {
			Tool struct {
				Driver struct {
					Rules []struct {
						ID         string         `json:"id"`
						Properties map[string]any `json:"properties"`
					} `json:"rules"`
				} `json:"driver"`
			} `json:"tool"`
			Results []struct {
				RuleID     string         `json:"ruleId"`
				RuleIndex  int            `json:"ruleIndex"`
				Properties map[string]any `json:"properties"`
			} `json:"results"`
		} `json:"runs"`
	}
	if err := json.Unmarshal([]byte(out), &log); err != nil {
		t.Fatal(err)
	}
	run := log.Runs[0]
	scores := map[string]float64{}
	var all []float64
	for _, r := range run.Tool.Driver.Rules {
		s, _ := strconv.ParseFloat(r.Properties["security-severity"].(string), 64)
		scores[r.ID] = s
		all = append(all, s)
	}
	sort.Float64s(all)
	found := false
	for _, res := range run.Results {
		if res.Properties["verification"] != "live" {
			continue
		}
		found = true
		if res.RuleID != "amplitude-server-deployment-key/live" || run.Tool.Driver.Rules[res.RuleIndex].ID != res.RuleID {
			t.Errorf("live result has rule %s (index %d)", res.RuleID, res.RuleIndex)
		}
		if scores[res.RuleID] != all[len(all)-1] || scores[res.RuleID] <= scores["amplitude-org-secret-key"] {
			t.Errorf("live rule score %v is not the highest (%v)", scores[res.RuleID], all)
		}
	}
	if !found {
		t.Error("no live result in the SARIF")
	}
}

// TestVerifyHistoryOncePerSecret: a key committed at several paths over
// several commits is sent once per region through the whole pipeline.
func TestVerifyHistoryOncePerSecret(t *testing.T) {
	live, dead := gen(61, "{{server}}"), gen(62, "{{server}}")
	fake := &fakeHosts{live: map[string]bool{live: true}}
	srv := httptest.NewServer(fake)
	defer srv.Close()
	t.Setenv(verify.EnvBaseURL, srv.URL)
	old := verifyHostGap
	verifyHostGap = time.Millisecond
	defer func() { verifyHostGap = old }()

	repo := gittest.New(t)
	for i, p := range []string{"a/.env", "b/.env", "c/.env"} {
		repo.Write(p, "AMPLITUDE_DEPLOYMENT_KEY="+live+"\nAMPLITUDE_EXPERIMENT_DEPLOYMENT_KEY="+dead+"\n")
		repo.Stage()
		repo.Commit("keys " + strconv.Itoa(i))
	}
	r := run(t, "", "git", "--verify", "--format", "json", repo.Dir)
	if r.code != 1 {
		t.Fatalf("exit %d: %s", r.code, r.stderr)
	}
	fs := verifiedFindings(t, r.stdout)
	if len(fs) != 6 {
		t.Errorf("%d findings, want 6", len(fs))
	}
	sort.Strings(fake.seen)
	want := []string{ // live: US answers; dead: US and EU refuse
		"GET api.lab.amplitude.com/v1/flags", "GET api.lab.amplitude.com/v1/flags", "GET api.lab.eu.amplitude.com/v1/flags",
	}
	if strings.Join(fake.seen, "\n") != strings.Join(want, "\n") {
		t.Errorf("requests:\n%s\nwant:\n%s", strings.Join(fake.seen, "\n"), strings.Join(want, "\n"))
	}
}
