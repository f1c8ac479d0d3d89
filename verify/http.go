package verify

import (
	"context"
	"crypto/rand"
	"crypto/tls"
	"crypto/x509"
	"encoding/base64"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/url"
	"strings"
	"sync"
	"syscall"
	"time"

	"github.com/ampscan/ampscan/scanner"
)

// maxBody bounds how much of a response is read: the checks need only a
// status, and the Data API's a few bytes of JSON.
const maxBody = 64 << 10

// newClient returns a client that never follows a redirect to another
// host: a redirect there would hand the credential (Go drops the
// Authorization header, but a Basic-auth pair or a key in the path would
// still tell the other host something) to a server we did not choose.
//
// With no transport given, it has its own copy of http.DefaultTransport's
// settings (proxy, timeouts), not the shared one: anything in the process
// may close the shared transport's idle connections (every
// httptest.Server.Close does), and a check that was just taking one of
// them then failed with "connection broken" and was reported unknown.
// That made TestVerifyPublic and TestOncePerSecretAndRegion fail about
// once in a few hundred runs under load.
func newClient(rt http.RoundTripper) *http.Client {
	if rt == nil {
		rt = http.DefaultTransport
		if t, ok := rt.(*http.Transport); ok {
			rt = t.Clone()
		}
	}
	return &http.Client{
		Transport: rt,
		CheckRedirect: func(req *http.Request, via []*http.Request) error {
			first := via[0].URL
			if len(via) >= 3 || req.URL.Scheme != first.Scheme || req.URL.Host != first.Host {
				return http.ErrUseLastResponse
			}
			return nil
		},
	}
}

// parseBase checks AMPSCAN_VERIFY_BASE_URL: an absolute http or https URL.
func parseBase(raw string) (*url.URL, error) {
	if raw == "" {
		return nil, nil
	}
	u, err := url.Parse(raw)
	if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" || u.RawQuery != "" {
		return nil, fmt.Errorf("%s must be an absolute http or https URL without a query, not %q", EnvBaseURL, raw)
	}
	u.Path = strings.TrimRight(u.Path, "/")
	return u, nil
}

// targetURL is where a request for host+target goes: the host itself over
// https, or, with a base URL, the base with the host as the first path
// segment.
func targetURL(base *url.URL, host, target string) string {
	if base == nil {
		return "https://" + host + target
	}
	return base.Scheme + "://" + base.Host + base.Path + "/" + host + target
}

// buildRequest makes one check's request in one region.
func (v *Verifier) buildRequest(ctx context.Context, e *endpoint, region string, c credential) (*http.Request, error) {
	target := strings.NewReplacer("{key}", url.PathEscape(c.key), "{user}", randomUserID()).Replace(e.target)
	var body io.Reader
	if e.body != "" {
		body = strings.NewReader(e.body)
	}
	req, err := http.NewRequestWithContext(ctx, e.method, targetURL(v.base, e.hosts[region], target), body)
	if err != nil {
		return nil, errors.New("cannot build the request")
	}
	req.Header.Set("User-Agent", v.userAgent)
	req.Header.Set("Accept", "application/json")
	if e.body != "" {
		req.Header.Set("Content-Type", "application/json")
	}
	e.auth(req, c)
	return req, nil
}

// randomUserID is a user id no project holds, so a profile lookup reads
// nothing real.
func randomUserID() string {
	b := make([]byte, 12)
	_, _ = rand.Read(b)
	return "ampscan-verify-" + hex.EncodeToString(b)
}

// send performs one check in one region, waiting its turn for the host.
func (v *Verifier) send(ctx context.Context, e *endpoint, region string, c credential) outcome {
	if err := v.limiter.wait(ctx, e.hosts[region]); err != nil {
		return outcome{scanner.VerifyUnknown, "was not asked: the scan was cancelled"}
	}
	rctx, cancel := context.WithTimeout(ctx, v.opts.Timeout)
	defer cancel()
	req, err := v.buildRequest(rctx, e, region, c)
	if err != nil {
		return outcome{scanner.VerifyUnknown, err.Error()}
	}
	v.requests.Add(1)
	resp, err := v.client.Do(req)
	if err != nil {
		return outcome{scanner.VerifyUnknown, scrub(v.describeError(ctx, err), c)}
	}
	defer resp.Body.Close()
	var body []byte
	if e.readBody {
		body, _ = io.ReadAll(io.LimitReader(resp.Body, maxBody))
	}
	_, _ = io.Copy(io.Discard, io.LimitReader(resp.Body, maxBody)) // lets the connection be reused
	judge := e.judge
	if judge == nil {
		judge = func(status int, _ []byte) outcome { return judgeStatus(status, nil) }
	}
	return judge(resp.StatusCode, body)
}

// describeError says what went wrong in words of our own: errors from
// net/http quote the URL, and one check (the public API key's) carries the
// key in its path.
func (v *Verifier) describeError(parent context.Context, err error) string {
	var (
		dns     *net.DNSError
		netErr  net.Error
		certErr *tls.CertificateVerificationError
		unknown x509.UnknownAuthorityError
		hostErr x509.HostnameError
	)
	switch {
	case parent.Err() != nil:
		return "was not answered: the scan was cancelled"
	case errors.Is(err, context.DeadlineExceeded), errors.As(err, &netErr) && netErr.Timeout():
		return fmt.Sprintf("did not answer within %s (timeout)", v.opts.Timeout)
	case errors.As(err, &dns):
		return "could not be reached (network error: the host name did not resolve)"
	case errors.Is(err, syscall.ECONNREFUSED):
		return "could not be reached (network error: connection refused)"
	case errors.Is(err, syscall.ECONNRESET), errors.Is(err, io.EOF), errors.Is(err, io.ErrUnexpectedEOF):
		return "could not be reached (network error: the connection was closed)"
	case errors.As(err, &certErr), errors.As(err, &unknown), errors.As(err, &hostErr):
		return "could not be reached (network error: TLS certificate not trusted)"
	}
	var ue *url.Error
	if errors.As(err, &ue) {
		err = ue.Err // the URL is dropped here; scrub catches any copy left inside
	}
	return "could not be reached (network error: " + err.Error() + ")"
}

// scrub removes every form of the credential a message might quote: raw,
// escaped for a path or a query, and as a Basic-auth token.
func scrub(msg string, c credential) string {
	for _, s := range []string{c.key, c.user} {
		if s == "" {
			continue
		}
		for _, form := range []string{s, url.PathEscape(s), url.QueryEscape(s)} {
			msg = strings.ReplaceAll(msg, form, "[redacted]")
		}
	}
	if c.user != "" {
		msg = strings.ReplaceAll(msg, base64.StdEncoding.EncodeToString([]byte(c.user+":"+c.key)), "[redacted]")
	}
	return msg
}

// hostLimiter spaces the requests to each host at least gap apart, so a
// scan that finds many keys never hammers Amplitude.
type hostLimiter struct {
	gap  time.Duration
	mu   sync.Mutex
	next map[string]time.Time
}

func newHostLimiter(gap time.Duration) *hostLimiter {
	return &hostLimiter{gap: gap, next: map[string]time.Time{}}
}

// wait reserves the host's next slot and sleeps until it comes.
func (l *hostLimiter) wait(ctx context.Context, host string) error {
	l.mu.Lock()
	now := time.Now()
	at := l.next[host]
	if at.Before(now) {
		at = now
	}
	l.next[host] = at.Add(l.gap)
	l.mu.Unlock()
	d := time.Until(at)
	if d <= 0 {
		return ctx.Err()
	}
	t := time.NewTimer(d)
	defer t.Stop()
	select {
	case <-ctx.Done():
		return ctx.Err()
	case <-t.C:
		return nil
	}
}
