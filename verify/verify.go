// Package verify tells a live Amplitude credential from a dead one, only
// when the user asks (--verify), and only with the read-only requests that
// section 6 of amplitude-keys.md documents: never an event, never a write.
// Each distinct credential is checked once per region, a few requests per
// second per host at most, and no secret reaches a reason or an error.
package verify

import (
	"context"
	"fmt"
	"net/http"
	"net/url"
	"sync/atomic"
	"time"

	"github.com/sourcegraph/conc/pool"

	"github.com/ampscan/ampscan/rules"
	"github.com/ampscan/ampscan/scanner"
)

// EnvBaseURL names the variable that, when set, sends every verification
// request to its URL instead, with the original host as the first path
// segment: https://api.lab.amplitude.com/v1/flags goes to
// $AMPSCAN_VERIFY_BASE_URL/api.lab.amplitude.com/v1/flags. For tests and
// for a forwarding proxy.
const EnvBaseURL = "AMPSCAN_VERIFY_BASE_URL"

// Defaults for Options.
const (
	DefaultTimeout     = 5 * time.Second
	DefaultConcurrency = 4
	// DefaultHostGap keeps each host at three requests a second or fewer.
	DefaultHostGap = time.Second / 3
)

// Options shape a Verifier; zero values take the defaults.
type Options struct {
	Timeout     time.Duration // per request
	Concurrency int           // checks in flight at once
	HostGap     time.Duration // least time between two requests to one host
	// Public also checks public API keys on their own (--verify-public).
	Public bool
	// Version names ampscan's version in the User-Agent.
	Version string
	// BaseURL is AMPSCAN_VERIFY_BASE_URL's value, or "".
	BaseURL string
	// Transport carries the requests; nil means a copy of
	// http.DefaultTransport of the Verifier's own (see newClient).
	Transport http.RoundTripper
}

// Verifier checks findings. It is safe to use once per report.
type Verifier struct {
	opts      Options
	base      *url.URL
	client    *http.Client
	limiter   *hostLimiter
	userAgent string
	requests  atomic.Int64 // sent, for the summary
	checks    int          // distinct credential checks planned
}

// Summary says how much was sent, for the report's notes.
func (v *Verifier) Summary() string {
	return fmt.Sprintf("--verify sent %d read-only requests to check %d distinct credentials", v.requests.Load(), v.checks)
}

// New returns a Verifier, or an error when the base URL is not usable.
func New(o Options) (*Verifier, error) {
	if o.Timeout <= 0 {
		o.Timeout = DefaultTimeout
	}
	if o.Concurrency <= 0 {
		o.Concurrency = DefaultConcurrency
	}
	if o.HostGap <= 0 {
		o.HostGap = DefaultHostGap
	}
	if o.Version == "" {
		o.Version = "dev"
	}
	base, err := parseBase(o.BaseURL)
	if err != nil {
		return nil, err
	}
	return &Verifier{
		opts: o, base: base, client: newClient(o.Transport), limiter: newHostLimiter(o.HostGap),
		userAgent: "ampscan/" + o.Version + " (read-only key verification; +https://github.com/ampscan/ampscan)",
	}, nil
}

// job is one distinct check: one endpoint and one credential, tried region
// by region, whose answer every finding of that credential shares.
type job struct {
	ep       *endpoint
	cred     credential
	hint     string
	findings []int
	result   scanner.Verification
}

// batch gathers the jobs of one round, each created once.
type batch struct {
	byKey map[string]*job
	order []*job
}

func (b *batch) add(ep *endpoint, c credential, hint string, finding int) {
	key := ep.name + "\x00" + c.user + "\x00" + c.key
	j := b.byKey[key]
	if j == nil {
		j = &job{ep: ep, cred: c}
		b.byKey[key] = j
		b.order = append(b.order, j)
	}
	if hint != "" {
		j.hint = hint
	}
	j.findings = append(j.findings, finding)
}

// Verify sets the Verification of every finding in fs (suppressed ones
// are skipped, not sent), and raises a live private key to critical. It
// returns the context's error if the scan was cancelled meanwhile.
func (v *Verifier) Verify(ctx context.Context, fs []scanner.Finding) error {
	first := &batch{byKey: map[string]*job{}}
	partnerOf := secretPartners(fs)
	for i := range fs {
		v.plan(first, fs, i, partnerOf)
	}
	v.run(ctx, first, fs)
	// Public API keys come second: one found with a live secret key is
	// live already and needs no request of its own.
	second := &batch{byKey: map[string]*job{}}
	livePair := livePairs(fs, first)
	for i := range fs {
		if fs[i].KeyType == rules.APIKey && fs[i].Suppression == nil {
			v.planAPIKey(second, fs, i, livePair)
		}
	}
	v.run(ctx, second, fs)
	v.client.CloseIdleConnections() // its checks are done
	for i := range fs {
		if fs[i].Live() && fs[i].Visibility == rules.Private {
			fs[i].Severity = rules.Critical
		}
	}
	return ctx.Err()
}

// plan sets the verification of finding i or adds it to the batch. API
// keys wait for the second round.
func (v *Verifier) plan(b *batch, fs []scanner.Finding, i int, partnerOf map[string]int) {
	f := &fs[i]
	skip := func(reason string) {
		f.Verification = &scanner.Verification{Status: scanner.VerifySkipped, Reason: reason}
	}
	if f.Suppression != nil {
		skip(fmt.Sprintf("suppressed (%s): not checked", f.Suppression.Kind))
		return
	}
	c := credential{key: f.Secret}
	switch f.KeyType {
	case rules.APIKey:
	case rules.ClientDeploymentKey, rules.ServerDeploymentKey:
		b.add(flagsEndpoint, c, f.RegionHint, i)
	case rules.ManagementAPIKey:
		b.add(managementEndpoint, c, f.RegionHint, i)
	case rules.SCIMKey:
		b.add(scimEndpoint, c, f.RegionHint, i)
	case rules.DataAPIToken:
		b.add(dataEndpoint, c, f.RegionHint, i)
	case rules.SecretKey:
		if j, ok := partnerOf[f.Secret]; ok {
			b.add(pairEndpoint, credential{key: f.Secret, user: fs[j].Secret}, hintOf(f, &fs[j]), i)
		} else {
			b.add(profileEndpoint, c, f.RegionHint, i)
		}
	case rules.OrgAPIKey, rules.OrgSecretKey:
		skip(orgReason)
	default:
		skip("no read-only check is known for this key type")
	}
}

// planAPIKey settles a public API key: live through a live pair, else
// checked alone with --verify-public, else skipped.
func (v *Verifier) planAPIKey(b *batch, fs []scanner.Finding, i int, livePair map[string]*scanner.Finding) {
	f := &fs[i]
	if s := livePair[f.Secret]; s != nil {
		pv := s.Verification
		f.Verification = &scanner.Verification{
			Status: scanner.VerifyLive, Region: pv.Region, Request: pv.Request,
			Reason: fmt.Sprintf("accepted together with the secret key at %s:%d: %s", s.Path, s.Line, pv.Reason),
		}
		return
	}
	if !v.opts.Public {
		f.Verification = &scanner.Verification{Status: scanner.VerifySkipped,
			Reason: "public API key: not checked unless --verify-public is given"}
		return
	}
	b.add(publicConfigEndpoint, credential{key: f.Secret}, f.RegionHint, i)
}

// secretPartners maps each secret key value to the API key finding it is
// checked with: the partner of its first finding that has one, so that a
// secret seen in several files is still sent once per region.
func secretPartners(fs []scanner.Finding) map[string]int {
	partners := pairPartners(fs)
	out := map[string]int{}
	for i := range fs {
		if j, ok := partners[i]; ok {
			if _, seen := out[fs[i].Secret]; !seen {
				out[fs[i].Secret] = j
			}
		}
	}
	return out
}

// livePairs maps an API key value to a secret-key finding whose pair check
// with it answered live.
func livePairs(fs []scanner.Finding, b *batch) map[string]*scanner.Finding {
	out := map[string]*scanner.Finding{}
	for _, j := range b.order {
		if j.ep == pairEndpoint && j.result.Status == scanner.VerifyLive {
			if _, seen := out[j.cred.user]; !seen {
				out[j.cred.user] = &fs[j.findings[0]]
			}
		}
	}
	return out
}

func hintOf(fs ...*scanner.Finding) string {
	for _, f := range fs {
		if f.RegionHint != "" {
			return f.RegionHint
		}
	}
	return ""
}

// run performs a batch's jobs a few at a time and hands each result to
// its findings.
func (v *Verifier) run(ctx context.Context, b *batch, fs []scanner.Finding) {
	v.checks += len(b.order)
	p := pool.New().WithMaxGoroutines(v.opts.Concurrency)
	for _, j := range b.order {
		p.Go(func() { j.result = v.check(ctx, j) })
	}
	p.Wait()
	for _, j := range b.order {
		for _, i := range j.findings {
			r := j.result
			fs[i].Verification = &r
		}
	}
}

// check asks region after region until one answers live.
func (v *Verifier) check(ctx context.Context, j *job) scanner.Verification {
	var results []regionResult
	for _, region := range j.ep.regionOrder(j.hint) {
		o := v.send(ctx, j.ep, region, j.cred)
		results = append(results, regionResult{region, o})
		if o.status == scanner.VerifyLive {
			break
		}
	}
	r := combine(j.ep, results)
	if r.Status == scanner.VerifyInvalid && j.hint != "" && j.ep.hosts[j.hint] == "" {
		// A rejection where the key's project does not live says nothing.
		r.Status = scanner.VerifyUnknown
		r.Reason += fmt.Sprintf("; but the text around the key points to the %s region, which this API does not serve", regionNames[j.hint])
	}
	r.Reason = scrub(r.Reason, j.cred)
	return r
}
