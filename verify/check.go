package verify

import (
	"fmt"
	"net/http"
	"strings"

	"github.com/ampscan/ampscan/scanner"
)

// endpoint is one documented read-only request that tells a live key from
// a dead one. Each product's file declares its own.
type endpoint struct {
	name string // what answers, for reasons: "the Experiment flags API"
	// method and target (path and query). In target, {key} stands for the
	// credential (only the public API key's check puts it in the URL) and
	// {user} for a random user id.
	method, target string
	// hosts by region; a region without a host is not tried.
	hosts map[string]string
	// auth sets the credential on the request.
	auth func(r *http.Request, c credential)
	// body is sent as JSON when not empty.
	body string
	// judge reads a response; nil means judgeStatus with no extra
	// meanings. readBody asks for up to maxBody bytes of it.
	judge    func(status int, body []byte) outcome
	readBody bool
	// invalidNote, if set, explains what an invalid answer means.
	invalidNote string
}

// credential is what one check sends: a key, and for the Analytics pair
// the API key that goes with the secret (user in Basic auth).
type credential struct {
	key, user string
}

// outcome is what one region answered.
type outcome struct {
	status string // scanner.VerifyLive, VerifyInvalid or VerifyUnknown
	reason string // what the host answered, without the region
}

// describe names the request without the credential, for reports.
func (e *endpoint) describe(region string) string {
	t := strings.NewReplacer("{key}", "<api key>", "{user}", "<random>").Replace(e.target)
	return e.method + " " + e.hosts[region] + t
}

// regionOrder is the hinted region first, then the other; regions the
// endpoint has no host for are left out.
func (e *endpoint) regionOrder(hint string) []string {
	order := []string{scanner.RegionUS, scanner.RegionEU}
	if hint == scanner.RegionEU {
		order = []string{scanner.RegionEU, scanner.RegionUS}
	}
	var out []string
	for _, r := range order {
		if e.hosts[r] != "" {
			out = append(out, r)
		}
	}
	return out
}

// judgeStatus maps the statuses every endpoint shares; extra gives an
// endpoint's own meaning of a status (403 on the Analytics API, say).
func judgeStatus(status int, extra map[int]outcome) outcome {
	if o, ok := extra[status]; ok {
		return o
	}
	switch {
	case status == http.StatusOK:
		return outcome{scanner.VerifyLive, "accepted the key (HTTP 200)"}
	case status == http.StatusUnauthorized:
		return outcome{scanner.VerifyInvalid, "rejected the key (HTTP 401)"}
	case status == http.StatusForbidden:
		return outcome{scanner.VerifyUnknown, "refused the request (HTTP 403): the key may be valid without access to this resource"}
	case status == http.StatusTooManyRequests:
		return outcome{scanner.VerifyUnknown, "rate-limited the check (HTTP 429)"}
	case status >= 500:
		return outcome{scanner.VerifyUnknown, fmt.Sprintf("failed with a server error (HTTP %d)", status)}
	case status >= 300 && status < 400:
		return outcome{scanner.VerifyUnknown, fmt.Sprintf("redirected elsewhere (HTTP %d), not followed", status)}
	}
	return outcome{scanner.VerifyUnknown, fmt.Sprintf("answered with an unexpected status (HTTP %d)", status)}
}

// regionResult is one region's answer to one check.
type regionResult struct {
	region string
	outcome
}

var regionNames = map[string]string{scanner.RegionUS: "US", scanner.RegionEU: "EU"}

// combine turns the regions' answers into the finding's verification: live
// if any region accepted the key, invalid only if every region tried
// rejected it, unknown otherwise.
func combine(e *endpoint, results []regionResult) scanner.Verification {
	var parts []string
	allInvalid := len(results) > 0
	for _, r := range results {
		if r.status == scanner.VerifyLive {
			return scanner.Verification{
				Status: scanner.VerifyLive, Region: r.region, Request: e.describe(r.region),
				Reason: fmt.Sprintf("%s in the %s region %s", e.name, regionNames[r.region], r.reason),
			}
		}
		allInvalid = allInvalid && r.status == scanner.VerifyInvalid
		parts = append(parts, fmt.Sprintf("in the %s region %s", regionNames[r.region], r.reason))
	}
	v := scanner.Verification{Status: scanner.VerifyUnknown, Reason: e.name + " could not tell: " + strings.Join(parts, "; ")}
	if allInvalid {
		v.Status = scanner.VerifyInvalid
		v.Reason = e.name + ": " + strings.Join(parts, "; ")
		if e.invalidNote != "" {
			v.Reason += ": " + e.invalidNote
		}
	}
	if len(results) > 0 {
		v.Request = e.describe(results[0].region)
	}
	return v
}
