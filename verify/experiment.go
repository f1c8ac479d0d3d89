package verify

import (
	"net/http"

	"github.com/ampscan/ampscan/scanner"
)

// Experiment's checks (amplitude-keys.md, section 6): a deployment key
// (client or server) lists the deployment's flags; a Management API key
// lists one deployment. Both only read.

var flagsEndpoint = &endpoint{
	name:   "the Experiment flags API",
	method: http.MethodGet,
	target: "/v1/flags",
	hosts:  map[string]string{scanner.RegionUS: "api.lab.amplitude.com", scanner.RegionEU: "api.lab.eu.amplitude.com"},
	auth:   apiKeyAuth,
}

var managementEndpoint = &endpoint{
	name:   "the Experiment Management API",
	method: http.MethodGet,
	target: "/api/1/deployments?limit=1",
	hosts:  map[string]string{scanner.RegionUS: "experiment.amplitude.com", scanner.RegionEU: "experiment.eu.amplitude.com"},
	auth:   bearerAuth,
}

func apiKeyAuth(r *http.Request, c credential) { r.Header.Set("Authorization", "Api-Key "+c.key) }

func bearerAuth(r *http.Request, c credential) { r.Header.Set("Authorization", "Bearer "+c.key) }
