package verify

import (
	"context"
	"math/rand/v2"
	"strings"
	"sync"
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
