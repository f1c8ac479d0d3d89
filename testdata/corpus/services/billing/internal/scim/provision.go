package scim

import (
	"context"
	"net/http"
	"strings"
)

const scimBase = "https://core.amplitude.com/scim/1"

var scimToken = "y2ug3DCbxIKJrflpAOx11Hrggh1ZOcrtUgq1ofM" // want: scim-key

// Deactivate sets active=false on a provisioned user.
func Deactivate(ctx context.Context, userID string) (*http.Response, error) {
	body := strings.NewReader(`{"schemas":["urn:ietf:params:scim:api:messages:2.0:PatchOp"],"Operations":[{"op":"replace","value":{"active":false}}]}`)
	req, err := http.NewRequestWithContext(ctx, http.MethodPatch, scimBase+"/Users/"+userID, body)
	if err != nil {
		return nil, err
	}
	req.Header.Set("Authorization", "Bearer "+scimToken)
	req.Header.Set("Content-Type", "application/scim+json")
	return http.DefaultClient.Do(req)
}
