package verify

import (
	"context"
	"math/rand/v2"
	"net"
	"net/http"
	"slices"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"github.com/ampscan/ampscan/rules"
	"github.com/ampscan/ampscan/scanner"
)

var (
	rndMu sync.Mutex // the tests run in parallel
	rnd   = rand.New(rand.NewPCG(11, 11))
)

// gen makes a fake credential from the catalogue's templates ({{hex}},
// {{server}}, {{client}}, {{token}}).
func gen(tmpl string) string {
	rndMu.Lock()
	defer rndMu.Unlock()
	return rules.ExpandExample(tmpl, rnd)
}

func finding(kt rules.KeyType, secret, path string, line int) scanner.Finding {
	p, _ := rules.PolicyFor(kt)
	return scanner.Finding{KeyType: kt, Secret: secret, Path: path, Line: line, Column: 1,
		Visibility: p.Visibility, Severity: p.Severity}
}

func newTestVerifier(t *testing.T, f *fakeAmplitude, o Options) *Verifier {
	t.Helper()
	o.BaseURL = f.srv.URL
	if o.HostGap == 0 {
		o.HostGap = time.Millisecond
	}
	if o.Version == "" {
		o.Version = "1.2.3-test"
	}
	v, err := New(o)
	if err != nil {
		t.Fatal(err)
	}
	return v
}

const (
	us = scanner.RegionUS
	eu = scanner.RegionEU
)

// TestEveryKeyType runs one verification over a finding of every kind
// against the fake and asserts, per finding, its status, region and the
// exact requests its credential caused, and that nothing else was asked.
func TestEveryKeyType(t *testing.T) {
	type tc struct {
		name    string
		f       scanner.Finding
		answer  answer
		status  string
		region  string
		reason  string   // a substring of the reason
		request []string // "METHOD host/path [scheme]", in order
	}
	pairAPI, pairSecret := gen("{{hex}}"), gen("{{hex}}")
	planAPI, planSecret := gen("{{hex}}"), gen("{{hex}}")
	euHinted := finding(rules.ServerDeploymentKey, gen("{{server}}"), "eu/.env", 1)
	euHinted.RegionHint = eu
	euSecret := finding(rules.SecretKey, gen("{{hex}}"), "eu/secret.env", 1)
	euSecret.RegionHint = eu
	suppressed := finding(rules.ServerDeploymentKey, gen("{{server}}"), "fixtures/.env", 1)
	suppressed.Suppression = &scanner.Suppression{Kind: "inline", Reason: "test"}
	flagsUS, flagsEU := "GET api.lab.amplitude.com/v1/flags [Api-Key]", "GET api.lab.eu.amplitude.com/v1/flags [Api-Key]"
	cases := []tc{
		{name: "server deployment key live in US", f: finding(rules.ServerDeploymentKey, gen("{{server}}"), "a/.env", 1),
			answer: answer{status: map[string]int{"api.lab.amplitude.com": 200}},
			status: "live", region: us, reason: "accepted", request: []string{flagsUS}},
		{name: "client deployment key live in EU after US 401", f: finding(rules.ClientDeploymentKey, gen("{{client}}"), "b/app.js", 1),
			answer: answer{status: map[string]int{"api.lab.eu.amplitude.com": 200}},
			status: "live", region: eu, request: []string{flagsUS, flagsEU}},
		{name: "deployment key rejected in both regions", f: finding(rules.ServerDeploymentKey, gen("{{server}}"), "c/.env", 1),
			status: "invalid", reason: "HTTP 401", request: []string{flagsUS, flagsEU}},
		{name: "EU hint asks the EU host first", f: euHinted,
			answer: answer{status: map[string]int{"api.lab.eu.amplitude.com": 200}},
			status: "live", region: eu, request: []string{flagsEU}},
		{name: "management key 403 then 401 is unknown", f: finding(rules.ManagementAPIKey, gen("{{token}}"), "d/.env", 1),
			answer: answer{status: map[string]int{"experiment.amplitude.com": 403}},
			status: "unknown", reason: "HTTP 403",
			request: []string{"GET experiment.amplitude.com/api/1/deployments [Bearer]", "GET experiment.eu.amplitude.com/api/1/deployments [Bearer]"}},
		{name: "management key live", f: finding(rules.ManagementAPIKey, gen("{{token}}"), "e/.env", 1),
			answer: answer{status: map[string]int{"experiment.amplitude.com": 200}},
			status: "live", region: us, request: []string{"GET experiment.amplitude.com/api/1/deployments [Bearer]"}},
		{name: "SCIM key: US 5xx, EU live", f: finding(rules.SCIMKey, gen("{{token}}"), "f/.env", 1),
			answer: answer{status: map[string]int{"core.amplitude.com": 503, "core.eu.amplitude.com": 200}},
			status: "live", region: eu,
			request: []string{"GET core.amplitude.com/scim/1/Groups [Bearer]", "GET core.eu.amplitude.com/scim/1/Groups [Bearer]"}},
		{name: "SCIM key 5xx then 401 is unknown", f: finding(rules.SCIMKey, gen("{{token}}"), "g/.env", 1),
			answer: answer{status: map[string]int{"core.amplitude.com": 500}},
			status: "unknown", reason: "server error (HTTP 500)",
			request: []string{"GET core.amplitude.com/scim/1/Groups [Bearer]", "GET core.eu.amplitude.com/scim/1/Groups [Bearer]"}},
		{name: "Data API token live", f: finding(rules.DataAPIToken, gen("{{token}}"), "h/ci.yml", 1),
			answer: answer{status: map[string]int{"data-api.amplitude.com": 200}},
			status: "live", region: us, request: []string{"POST data-api.amplitude.com/graphql [Bearer]"}},
		{name: "API key and secret key pair live", f: finding(rules.SecretKey, pairSecret, "pair/.env", 2),
			answer: answer{status: map[string]int{"amplitude.com": 200}},
			status: "live", region: us, reason: "pair", request: []string{"GET amplitude.com/api/2/taxonomy/category [Basic]"}},
		{name: "the pair's API key is live through the pair, with no request", f: finding(rules.APIKey, pairAPI, "pair/.env", 1),
			status: "live", region: us, reason: "together with the secret key at pair/.env:2"},
		{name: "pair refused with 403 is unknown (plan limit)", f: finding(rules.SecretKey, planSecret, "plan/.env", 2),
			answer: answer{status: map[string]int{"amplitude.com": 403, "analytics.eu.amplitude.com": 403}},
			status: "unknown", reason: "plan limit",
			request: []string{"GET amplitude.com/api/2/taxonomy/category [Basic]", "GET analytics.eu.amplitude.com/api/2/taxonomy/category [Basic]"}},
		{name: "public API key of a dead pair is skipped", f: finding(rules.APIKey, planAPI, "plan/.env", 1),
			status: "skipped", reason: "--verify-public"},
		{name: "lone secret key live on the profile API", f: finding(rules.SecretKey, gen("{{hex}}"), "i/.env", 1),
			answer: answer{status: map[string]int{"profile-api.amplitude.com": 200}},
			status: "live", region: us, request: []string{"GET profile-api.amplitude.com/v1/userprofile [Api-Key]"}},
		{name: "lone secret key rejected (US only: one request)", f: finding(rules.SecretKey, gen("{{hex}}"), "j/.env", 1),
			status: "invalid", request: []string{"GET profile-api.amplitude.com/v1/userprofile [Api-Key]"}},
		{name: "lone EU secret key rejected by the US-only API is unknown", f: euSecret,
			status: "unknown", reason: "EU region", request: []string{"GET profile-api.amplitude.com/v1/userprofile [Api-Key]"}},
		{name: "org API key never sent", f: finding(rules.OrgAPIKey, gen("{{hex}}"), "k/.env", 1),
			status: "skipped", reason: "unverifiable, contact Amplitude Support"},
		{name: "org secret key never sent", f: finding(rules.OrgSecretKey, gen("{{hex}}"), "k/.env", 2),
			status: "skipped", reason: "unverifiable, contact Amplitude Support"},
		{name: "public API key alone skipped by default", f: finding(rules.APIKey, gen("{{hex}}"), "web/app.js", 1),
			status: "skipped", reason: "--verify-public"},
		{name: "suppressed finding never sent", f: suppressed, status: "skipped", reason: "suppressed"},
		{name: "slow host times out", f: finding(rules.ServerDeploymentKey, gen("{{server}}"), "slow/.env", 1),
			answer: answer{delay: 3 * time.Second},
			status: "unknown", reason: "timeout", request: []string{flagsUS, flagsEU}},
	}
	answers := map[string]answer{}
	var fs []scanner.Finding
	for _, c := range cases {
		answers[c.f.Secret] = c.answer
		fs = append(fs, c.f)
	}
	fake := newFake(t, answers)
	v := newTestVerifier(t, fake, Options{Timeout: 300 * time.Millisecond})
	if err := v.Verify(context.Background(), fs); err != nil {
		t.Fatal(err)
	}
	log, agents := fake.arrivals()
	byCred := map[string][]string{}
	for _, s := range log { // in arrival order: region order matters
		byCred[s.Cred] = append(byCred[s.Cred], s.String())
	}
	total := 0
	for i, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			got := fs[i].Verification
			if got == nil {
				t.Fatal("no verification")
			}
			if got.Status != c.status || got.Region != c.region || !strings.Contains(got.Reason, c.reason) {
				t.Errorf("got %s/%q (%s), want %s/%q with %q", got.Status, got.Region, got.Reason, c.status, c.region, c.reason)
			}
			if strings.Contains(got.Reason+got.Request, fs[i].Secret) {
				t.Errorf("the secret is in the verification: %+v", got)
			}
			if diff := cmp.Diff(c.request, byCred[fs[i].Secret]); diff != "" {
				t.Errorf("requests (-want +got):\n%s", diff)
			}
			wantSev := c.f.Severity
			if c.status == "live" && c.f.Visibility == rules.Private {
				wantSev = rules.Critical
			}
			if fs[i].Severity != wantSev {
				t.Errorf("severity %s, want %s", fs[i].Severity, wantSev)
			}
		})
		total += len(c.request)
	}
	if len(log) != total {
		t.Errorf("%d requests, want exactly the %d documented ones", len(log), total)
	}
	for _, s := range log {
		if s.Cred == pairSecret && s.User != pairAPI {
			t.Errorf("pair sent with the wrong API key")
		}
	}
	for _, ua := range agents {
		if ua != "ampscan/1.2.3-test (read-only key verification; +https://github.com/ampscan/ampscan)" {
			t.Errorf("User-Agent %q", ua)
		}
	}
}

// TestOncePerSecretAndRegion: the same secrets found in many files and
// commits cause at most one request per region each.
func TestOncePerSecretAndRegion(t *testing.T) {
	t.Parallel()
	dead, live, secret, api := gen("{{server}}"), gen("{{server}}"), gen("{{hex}}"), gen("{{hex}}")
	var fs []scanner.Finding
	for i, p := range []string{"a/.env", "b/.env", "c/config.yml", "d/deploy.sh"} {
		for _, s := range []string{dead, live} {
			f := finding(rules.ServerDeploymentKey, s, p, i+1)
			f.Commit = &scanner.Commit{ID: strings.Repeat(string(rune('a'+i)), 40)}
			fs = append(fs, f)
		}
		fs = append(fs, finding(rules.SecretKey, secret, p, 10), finding(rules.APIKey, api, p, 9))
	}
	fake := newFake(t, map[string]answer{live: {status: map[string]int{"api.lab.amplitude.com": 200}}})
	v := newTestVerifier(t, fake, Options{})
	if err := v.Verify(context.Background(), fs); err != nil {
		t.Fatal(err)
	}
	fake.assertOncePerCredentialAndHost(t)
	// dead: US and EU; live: US; the pair: US and EU.
	if n := len(fake.requests()); n != 5 {
		t.Errorf("%d requests, want 5: %v", n, fake.requests())
	}
	for _, f := range fs {
		want := "invalid"
		if f.Secret == live {
			want = "live"
		}
		if f.KeyType == rules.APIKey {
			want = "skipped"
		}
		if f.Verification.Status != want {
			t.Errorf("%s at %s: %s, want %s", f.KeyType, f.Path, f.Verification.Status, want)
		}
	}
}

// TestVerifyPublic: with Public, a lone API key gets the remote-config
// check (its key in the path), and an API key proven live by a pair gets
// no request of its own.
func TestVerifyPublic(t *testing.T) {
	t.Parallel()
	lone, dead, pairAPI, pairSecret := gen("{{hex}}"), gen("{{hex}}"), gen("{{hex}}"), gen("{{hex}}")
	fs := []scanner.Finding{
		finding(rules.APIKey, lone, "web/a.js", 1),
		finding(rules.APIKey, dead, "web/b.js", 1),
		finding(rules.APIKey, pairAPI, "srv/.env", 1),
		finding(rules.SecretKey, pairSecret, "srv/.env", 2),
	}
	fake := newFake(t, map[string]answer{
		lone:       {status: map[string]int{"sr-client-cfg.amplitude.com": 200}},
		dead:       {status: map[string]int{"sr-client-cfg.amplitude.com": 403, "sr-client-cfg.eu.amplitude.com": 403}},
		pairSecret: {status: map[string]int{"amplitude.com": 200}},
	})
	v := newTestVerifier(t, fake, Options{Public: true})
	if err := v.Verify(context.Background(), fs); err != nil {
		t.Fatal(err)
	}
	got := []string{}
	for _, f := range fs {
		got = append(got, f.Verification.Status)
	}
	if diff := cmp.Diff([]string{"live", "invalid", "live", "live"}, got); diff != "" {
		t.Errorf("statuses (-want +got):\n%s", diff)
	}
	var hosts []string
	for _, s := range fake.requests() {
		hosts = append(hosts, s.Host)
	}
	want := []string{"amplitude.com", "sr-client-cfg.amplitude.com", "sr-client-cfg.amplitude.com", "sr-client-cfg.eu.amplitude.com"}
	if diff := cmp.Diff(want, hosts); diff != "" {
		t.Errorf("hosts (-want +got):\n%s", diff)
	}
	if r := fs[0].Verification.Request; strings.Contains(r, lone) || !strings.Contains(r, "<api key>") {
		t.Errorf("request description %q should name the key's place, not the key", r)
	}
}

// TestPairing: a secret pairs with the nearest API key in its own file,
// never with one from another file.
func TestPairing(t *testing.T) {
	t.Parallel()
	far, near, other, secret, lone := gen("{{hex}}"), gen("{{hex}}"), gen("{{hex}}"), gen("{{hex}}"), gen("{{hex}}")
	fs := []scanner.Finding{
		finding(rules.APIKey, far, "app/.env", 1),
		finding(rules.APIKey, near, "app/.env", 20),
		finding(rules.SecretKey, secret, "app/.env", 21),
		finding(rules.APIKey, other, "web/.env", 1),
		finding(rules.SecretKey, lone, "srv/.env", 1),
	}
	fake := newFake(t, nil)
	v := newTestVerifier(t, fake, Options{})
	if err := v.Verify(context.Background(), fs); err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, s := range fake.requests() {
		got = append(got, s.Host+" user="+map[string]string{near: "near", far: "far", other: "other", "": ""}[s.User])
	}
	want := []string{"amplitude.com user=near", "analytics.eu.amplitude.com user=near", "profile-api.amplitude.com user="}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("(-want +got):\n%s", diff)
	}
}

// TestPairingOncePerSecret: a secret found in two files next to two
// different API keys is still sent once per region, with the API key of
// its first place.
func TestPairingOncePerSecret(t *testing.T) {
	t.Parallel()
	first, second, secret := gen("{{hex}}"), gen("{{hex}}"), gen("{{hex}}")
	fs := []scanner.Finding{
		finding(rules.APIKey, first, "x/.env", 1),
		finding(rules.SecretKey, secret, "x/.env", 2),
		finding(rules.APIKey, second, "y/.env", 1),
		finding(rules.SecretKey, secret, "y/.env", 2),
	}
	fake := newFake(t, nil)
	v := newTestVerifier(t, fake, Options{})
	if err := v.Verify(context.Background(), fs); err != nil {
		t.Fatal(err)
	}
	fake.assertOncePerCredentialAndHost(t)
	var got []string
	for _, s := range fake.requests() {
		got = append(got, s.Host+" "+map[string]string{first: "first", second: "second"}[s.User])
	}
	want := []string{"amplitude.com first", "analytics.eu.amplitude.com first"}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("(-want +got):\n%s", diff)
	}
}

// TestNoSecretInNetworkErrors: a host that cannot be reached yields
// unknown with a reason that quotes neither the key nor the URL holding
// it (the public config check carries the key in its path).
func TestNoSecretInNetworkErrors(t *testing.T) {
	t.Parallel()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	addr := ln.Addr().String()
	ln.Close() // nothing listens there now: connection refused
	key, token := gen("{{hex}}"), gen("{{token}}")
	fs := []scanner.Finding{finding(rules.APIKey, key, "web/a.js", 1), finding(rules.SCIMKey, token, "b/.env", 1)}
	v, err := New(Options{Public: true, BaseURL: "http://" + addr, HostGap: time.Millisecond, Timeout: time.Second})
	if err != nil {
		t.Fatal(err)
	}
	if err := v.Verify(context.Background(), fs); err != nil {
		t.Fatal(err)
	}
	for _, f := range fs {
		vr := f.Verification
		if vr.Status != "unknown" || !strings.Contains(vr.Reason, "network error") {
			t.Errorf("%s: %+v, want unknown with a network error", f.KeyType, vr)
		}
		if strings.Contains(vr.Reason+vr.Request, f.Secret) || strings.Contains(vr.Reason, addr) {
			t.Errorf("reason leaks the key or the URL: %s", vr.Reason)
		}
	}
}

// TestScrub covers the forms a key can take in a message.
func TestScrub(t *testing.T) {
	t.Parallel()
	c := credential{key: "sec+ret/key", user: "api"}
	msg := scrub("a sec+ret/key b sec%2Bret%2Fkey c sec%2Bret%2Fkey d "+"YXBpOnNlYytyZXQva2V5", c)
	if strings.Contains(msg, "ret") || strings.Contains(msg, "YXBp") {
		t.Errorf("not scrubbed: %s", msg)
	}
}

// TestRedirectsStayOnHost: a redirect to another host is not followed;
// the other host sees nothing and the key's status is unknown.
func TestRedirectsStayOnHost(t *testing.T) {
	t.Parallel()
	var elsewhere atomic.Int32
	other := newFake(t, nil)
	other.srv.Config.Handler = http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) { elsewhere.Add(1) })
	redirecting := newFake(t, nil)
	redirecting.srv.Config.Handler = http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		http.Redirect(w, r, other.srv.URL+r.URL.Path, http.StatusFound)
	})
	key := gen("{{server}}")
	fs := []scanner.Finding{finding(rules.ServerDeploymentKey, key, "a/.env", 1)}
	v := newTestVerifier(t, redirecting, Options{})
	if err := v.Verify(context.Background(), fs); err != nil {
		t.Fatal(err)
	}
	if elsewhere.Load() != 0 {
		t.Errorf("the redirect to another host was followed %d times", elsewhere.Load())
	}
	if vr := fs[0].Verification; vr.Status != "unknown" || !strings.Contains(vr.Reason, "not followed") {
		t.Errorf("got %+v", vr)
	}
}

// sendTimes records when each request leaves the client, by the host it
// is meant for (the first path segment under the base URL).
type sendTimes struct {
	mu    sync.Mutex
	times map[string][]time.Time
}

func (s *sendTimes) RoundTrip(r *http.Request) (*http.Response, error) {
	host, _, _ := strings.Cut(strings.TrimPrefix(r.URL.Path, "/"), "/")
	s.mu.Lock()
	s.times[host] = append(s.times[host], time.Now())
	s.mu.Unlock()
	return http.DefaultTransport.RoundTrip(r)
}

// TestHostGapAndConcurrency: requests to one host leave at least HostGap
// apart, and no more than Concurrency are in flight.
func TestHostGapAndConcurrency(t *testing.T) {
	t.Parallel()
	var fs []scanner.Finding
	answers := map[string]answer{}
	for i := range 6 {
		k := gen("{{server}}")
		answers[k] = answer{status: map[string]int{"api.lab.amplitude.com": 200}, delay: 30 * time.Millisecond}
		fs = append(fs, finding(rules.ServerDeploymentKey, k, "a/.env", i+1))
		tok := gen("{{token}}")
		answers[tok] = answer{status: map[string]int{"core.amplitude.com": 200}, delay: 30 * time.Millisecond}
		fs = append(fs, finding(rules.SCIMKey, tok, "b/.env", i+1))
	}
	fake := newFake(t, answers)
	const gap = 40 * time.Millisecond
	sent := &sendTimes{times: map[string][]time.Time{}}
	v := newTestVerifier(t, fake, Options{HostGap: gap, Concurrency: 2, Transport: sent})
	if err := v.Verify(context.Background(), fs); err != nil {
		t.Fatal(err)
	}
	fake.mu.Lock()
	defer fake.mu.Unlock()
	if fake.maxIn > 2 {
		t.Errorf("%d requests in flight at once, want at most 2", fake.maxIn)
	}
	if len(sent.times) != 2 {
		t.Fatalf("requests went to %d hosts, want 2", len(sent.times))
	}
	for host, ts := range sent.times {
		slices.SortFunc(ts, func(a, b time.Time) int { return a.Compare(b) })
		// Scheduling jitter between the limiter's release and the send
		// can shave a few milliseconds off one gap, but never accumulates:
		// each gap is well above none, and the span is the sum of the gaps.
		for i := 1; i < len(ts); i++ {
			if d := ts[i].Sub(ts[i-1]); d < gap/2 {
				t.Errorf("%s: two requests %s apart, want about %s", host, d, gap)
			}
		}
		if span, want := ts[len(ts)-1].Sub(ts[0]), time.Duration(len(ts)-1)*gap; span < want-10*time.Millisecond {
			t.Errorf("%s: %d requests within %s, want at least %s", host, len(ts), span, want)
		}
	}
}

// TestDefaults: the manners the issue asks for hold without options.
func TestDefaults(t *testing.T) {
	t.Parallel()
	v, err := New(Options{})
	if err != nil {
		t.Fatal(err)
	}
	if v.opts.Timeout != 5*time.Second || v.opts.Concurrency > 4 || v.opts.HostGap < time.Second/4 {
		t.Errorf("defaults: timeout %s, concurrency %d, gap %s", v.opts.Timeout, v.opts.Concurrency, v.opts.HostGap)
	}
	if v.base != nil {
		t.Error("a base URL without AMPSCAN_VERIFY_BASE_URL")
	}
}

func TestBaseURL(t *testing.T) {
	t.Parallel()
	cases := []struct {
		base, want string
		bad        bool
	}{
		{base: "", want: "https://api.lab.amplitude.com/v1/flags"},
		{base: "http://127.0.0.1:8080", want: "http://127.0.0.1:8080/api.lab.amplitude.com/v1/flags"},
		{base: "http://127.0.0.1:8080/prefix/", want: "http://127.0.0.1:8080/prefix/api.lab.amplitude.com/v1/flags"},
		{base: "ftp://host", bad: true},
		{base: "127.0.0.1:8080", bad: true},
		{base: "http://host/?x=1", bad: true},
	}
	for _, c := range cases {
		u, err := parseBase(c.base)
		if (err != nil) != c.bad {
			t.Errorf("%q: error %v, want bad=%v", c.base, err, c.bad)
			continue
		}
		if !c.bad {
			if got := targetURL(u, "api.lab.amplitude.com", "/v1/flags"); got != c.want {
				t.Errorf("%q: %s, want %s", c.base, got, c.want)
			}
		}
	}
}
