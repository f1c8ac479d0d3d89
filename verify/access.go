package verify

import (
	"net/http"

	"github.com/ampscan/ampscan/scanner"
)

// The SCIM key's check lists at most one group: the SCIM API's cheapest
// read. A 403 can mean an account without the Enterprise SCIM feature, so
// it stays unknown (judgeStatus).
var scimEndpoint = &endpoint{
	name:   "the SCIM API",
	method: http.MethodGet,
	target: "/scim/1/Groups?count=1",
	hosts:  map[string]string{scanner.RegionUS: "core.amplitude.com", scanner.RegionEU: "core.eu.amplitude.com"},
	auth:   bearerAuth,
}

// Org-level keys have no documented read-only check, and a wrong guess
// could touch every project in an organisation: they are never sent.
const orgReason = "unverifiable, contact Amplitude Support: no read-only check is documented for org-level keys, so ampscan never sends them"
