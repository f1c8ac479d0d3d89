package verify

import (
	"net/http"

	"github.com/ampscan/ampscan/rules"
	"github.com/ampscan/ampscan/scanner"
)

// Analytics' checks. An API key and secret key found together read the
// event taxonomy's categories with Basic auth, as the Dashboard and
// Taxonomy REST APIs take them; a secret key alone asks the profile API
// (US only) about a user no project has; a public API key alone, only
// with --verify-public, fetches the browser SDK's remote configuration,
// the one check that carries a key in its URL.

var pairEndpoint = &endpoint{
	name:        "the Analytics Taxonomy API (API key and secret key as a pair)",
	method:      http.MethodGet,
	target:      "/api/2/taxonomy/category",
	hosts:       map[string]string{scanner.RegionUS: "amplitude.com", scanner.RegionEU: "analytics.eu.amplitude.com"},
	auth:        func(r *http.Request, c credential) { r.SetBasicAuth(c.user, c.key) },
	invalidNote: "the secret key is dead, or it belongs with another project's API key",
	judge: func(status int, _ []byte) outcome {
		return judgeStatus(status, map[int]outcome{
			http.StatusOK:           {scanner.VerifyLive, "accepted the pair (HTTP 200)"},
			http.StatusUnauthorized: {scanner.VerifyInvalid, "rejected the pair (HTTP 401)"},
			http.StatusForbidden: {scanner.VerifyUnknown,
				"refused the request (HTTP 403), which may mean a plan limit rather than a dead key"},
		})
	},
}

var profileEndpoint = &endpoint{
	name:   "the User Profile API (secret key alone; US only)",
	method: http.MethodGet,
	target: "/v1/userprofile?user_id={user}",
	hosts:  map[string]string{scanner.RegionUS: "profile-api.amplitude.com"},
	auth:   apiKeyAuth,
}

var publicConfigEndpoint = &endpoint{
	name:   "the browser SDK's remote configuration (public API key)",
	method: http.MethodGet,
	target: "/config/{key}?config_group=browser",
	hosts:  map[string]string{scanner.RegionUS: "sr-client-cfg.amplitude.com", scanner.RegionEU: "sr-client-cfg.eu.amplitude.com"},
	auth:   func(*http.Request, credential) {}, // the key is in the path
	judge: func(status int, _ []byte) outcome {
		return judgeStatus(status, map[int]outcome{
			http.StatusForbidden: {scanner.VerifyInvalid, "rejected the key (HTTP 403)"},
		})
	},
}

// pairPartners picks, for each active secret-key finding, the API key in
// the same file most likely to go with it: the same commit first, then the
// nearest line, then the earliest place. It returns secret index -> API key
// index into fs.
func pairPartners(fs []scanner.Finding) map[int]int {
	apiByPath := map[string][]int{}
	for j := range fs {
		if fs[j].KeyType == rules.APIKey && fs[j].Suppression == nil {
			apiByPath[fs[j].Path] = append(apiByPath[fs[j].Path], j)
		}
	}
	out := map[int]int{}
	for i := range fs {
		if fs[i].KeyType != rules.SecretKey || fs[i].Suppression != nil {
			continue
		}
		best := -1
		for _, j := range apiByPath[fs[i].Path] {
			if best < 0 || closer(&fs[i], &fs[j], &fs[best]) {
				best = j
			}
		}
		if best >= 0 {
			out[i] = best
		}
	}
	return out
}

// closer reports whether API key a sits closer to secret s than API key b.
func closer(s, a, b *scanner.Finding) bool {
	ca, cb := sameCommit(s, a), sameCommit(s, b)
	if ca != cb {
		return ca
	}
	da, db := abs(a.Line-s.Line), abs(b.Line-s.Line)
	if da != db {
		return da < db
	}
	if a.Line != b.Line {
		return a.Line < b.Line
	}
	return a.Column < b.Column
}

func sameCommit(a, b *scanner.Finding) bool {
	return (a.Commit == nil) == (b.Commit == nil) && (a.Commit == nil || a.Commit.ID == b.Commit.ID)
}

func abs(n int) int {
	if n < 0 {
		return -n
	}
	return n
}
