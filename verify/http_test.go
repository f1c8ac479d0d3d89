package verify

import (
	"context"
	"net"
	"net/http"
	"slices"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/ampscan/ampscan/rules"
	"github.com/ampscan/ampscan/scanner"
)

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
