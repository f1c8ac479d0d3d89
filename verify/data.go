package verify

import (
	"encoding/json"
	"net/http"

	"github.com/ampscan/ampscan/scanner"
)

// The Data API token's check asks the GraphQL endpoint for the name of its
// root type: a query (not a mutation) that reads no data. POST is how
// GraphQL takes a query; nothing is written. That the API answers it this
// way is a guess (amplitude-keys.md, section 6), so a 200 counts as live
// only when the body holds the answer.
var dataEndpoint = &endpoint{
	name:     "the Data API",
	method:   http.MethodPost,
	target:   "/graphql",
	hosts:    map[string]string{scanner.RegionUS: "data-api.amplitude.com", scanner.RegionEU: "data-api.eu.amplitude.com"},
	auth:     bearerAuth,
	body:     `{"query":"{__typename}"}`,
	readBody: true,
	judge:    judgeGraphQL,
}

func judgeGraphQL(status int, body []byte) outcome {
	if status != http.StatusOK {
		return judgeStatus(status, nil)
	}
	var resp struct {
		Data struct {
			Typename string `json:"__typename"`
		} `json:"data"`
	}
	if json.Unmarshal(body, &resp) != nil || resp.Data.Typename == "" {
		return outcome{scanner.VerifyUnknown, "answered HTTP 200 without the expected GraphQL data"}
	}
	return outcome{scanner.VerifyLive, "accepted the token (HTTP 200, GraphQL data returned)"}
}
