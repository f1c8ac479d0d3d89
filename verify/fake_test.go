package verify

import (
	"encoding/base64"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"
)

// documented is section 6 of amplitude-keys.md, written out again here (not
// taken from the code under test): for each host, the one request that may
// be sent to it.
var documented = map[string]struct{ method, path, scheme string }{
	"api.lab.amplitude.com":          {"GET", "/v1/flags", "Api-Key"},
	"api.lab.eu.amplitude.com":       {"GET", "/v1/flags", "Api-Key"},
	"amplitude.com":                  {"GET", "/api/2/taxonomy/category", "Basic"},
	"analytics.eu.amplitude.com":     {"GET", "/api/2/taxonomy/category", "Basic"},
	"profile-api.amplitude.com":      {"GET", "/v1/userprofile", "Api-Key"},
	"experiment.amplitude.com":       {"GET", "/api/1/deployments", "Bearer"},
	"experiment.eu.amplitude.com":    {"GET", "/api/1/deployments", "Bearer"},
	"core.amplitude.com":             {"GET", "/scim/1/Groups", "Bearer"},
	"core.eu.amplitude.com":          {"GET", "/scim/1/Groups", "Bearer"},
	"data-api.amplitude.com":         {"POST", "/graphql", "Bearer"},
	"data-api.eu.amplitude.com":      {"POST", "/graphql", "Bearer"},
	"sr-client-cfg.amplitude.com":    {"GET", "/config/", ""},
	"sr-client-cfg.eu.amplitude.com": {"GET", "/config/", ""},
}

// seen is one request as the fake received it.
type seen struct {
	Host, Method, Path, Scheme, Cred, User string
}

func (s seen) String() string {
	return fmt.Sprintf("%s %s%s [%s]", s.Method, s.Host, s.Path, s.Scheme)
}

// answer is how the fake treats one credential: the status per host (any
// host not listed answers 401, as Amplitude does for a key it does not
// know), or a delay before answering.
type answer struct {
	status map[string]int
	delay  time.Duration
}

// fakeAmplitude answers as the documented endpoints do, through the
// AMPSCAN_VERIFY_BASE_URL rewrite, and fails the test on any request that
// is not one of them.
type fakeAmplitude struct {
	t       *testing.T
	srv     *httptest.Server
	answers map[string]answer // by credential (the secret of a pair)

	mu       sync.Mutex
	log      []seen
	inFlight int
	maxIn    int
	agents   []string
}

func newFake(t *testing.T, answers map[string]answer) *fakeAmplitude {
	f := &fakeAmplitude{t: t, answers: answers}
	f.srv = httptest.NewServer(http.HandlerFunc(f.serve))
	t.Cleanup(f.srv.Close)
	return f
}

func (f *fakeAmplitude) serve(w http.ResponseWriter, r *http.Request) {
	host, path, _ := strings.Cut(strings.TrimPrefix(r.URL.Path, "/"), "/")
	path = "/" + path
	s := seen{Host: host, Method: r.Method, Path: path}
	s.Scheme, s.Cred, s.User = credentialOf(r, host, path)
	f.mu.Lock()
	f.log = append(f.log, s)
	f.agents = append(f.agents, r.UserAgent())
	f.inFlight++
	f.maxIn = max(f.maxIn, f.inFlight)
	f.mu.Unlock()
	defer func() { f.mu.Lock(); f.inFlight--; f.mu.Unlock() }()

	doc, ok := documented[host]
	if !ok || r.Method != doc.method || !strings.HasPrefix(path, doc.path) || s.Scheme != doc.scheme {
		f.t.Errorf("undocumented request %s", s)
		http.Error(w, "not an Amplitude endpoint", http.StatusTeapot)
		return
	}
	if !f.checkDetails(r, host) {
		http.Error(w, "bad request", http.StatusBadRequest)
		return
	}
	a := f.answers[s.Cred]
	if a.delay > 0 {
		select {
		case <-time.After(a.delay):
		case <-r.Context().Done():
			return
		}
	}
	status := http.StatusUnauthorized
	if st, ok := a.status[host]; ok {
		status = st
	}
	w.WriteHeader(status)
	if status == http.StatusOK && strings.HasPrefix(host, "data-api.") {
		_, _ = io.WriteString(w, `{"data":{"__typename":"Query"}}`)
	}
}

// checkDetails asserts what the documented request carries besides its
// method, path and scheme: the queries, and the Data API's read-only body.
func (f *fakeAmplitude) checkDetails(r *http.Request, host string) bool {
	q := r.URL.Query()
	ok := true
	switch {
	case strings.HasPrefix(host, "profile-api."):
		ok = strings.HasPrefix(q.Get("user_id"), "ampscan-verify-")
	case strings.HasPrefix(host, "experiment."):
		ok = q.Get("limit") == "1"
	case strings.HasPrefix(host, "core."):
		ok = q.Get("count") == "1"
	case strings.HasPrefix(host, "sr-client-cfg."):
		ok = q.Get("config_group") == "browser"
	case strings.HasPrefix(host, "data-api."):
		b, _ := io.ReadAll(r.Body)
		ok = string(b) == `{"query":"{__typename}"}` && r.Header.Get("Content-Type") == "application/json"
	}
	if !ok {
		f.t.Errorf("request to %s lacks its documented details: %s", host, r.URL.RequestURI())
	}
	return ok
}

// credentialOf returns the auth scheme and the credential a request
// carries (for Basic, the secret key as credential and the API key as
// user; for the public config, the key in the path).
func credentialOf(r *http.Request, host, path string) (scheme, cred, user string) {
	if strings.HasPrefix(host, "sr-client-cfg.") {
		return "", strings.TrimPrefix(path, "/config/"), ""
	}
	scheme, value, _ := strings.Cut(r.Header.Get("Authorization"), " ")
	if scheme == "Basic" {
		raw, _ := base64.StdEncoding.DecodeString(value)
		u, p, _ := strings.Cut(string(raw), ":")
		return scheme, p, u
	}
	return scheme, value, ""
}

// arrivals returns the log in arrival order, and the User-Agents seen.
func (f *fakeAmplitude) arrivals() ([]seen, []string) {
	f.mu.Lock()
	defer f.mu.Unlock()
	return slices.Clone(f.log), slices.Clone(f.agents)
}

// requests returns the log, sorted.
func (f *fakeAmplitude) requests() []seen {
	f.mu.Lock()
	defer f.mu.Unlock()
	out := slices.Clone(f.log)
	slices.SortFunc(out, func(a, b seen) int { return strings.Compare(a.String()+a.Cred, b.String()+b.Cred) })
	return out
}

// assertOncePerCredentialAndHost fails the test if any credential reached one host twice.
func (f *fakeAmplitude) assertOncePerCredentialAndHost(t *testing.T) {
	t.Helper()
	count := map[[2]string]int{}
	for _, s := range f.requests() {
		count[[2]string{s.Cred, s.Host}]++
	}
	for k, n := range count {
		if n > 1 {
			t.Errorf("credential %s… sent to %s %d times, want at most once", k[0][:4], k[1], n)
		}
	}
}
