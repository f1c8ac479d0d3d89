package flags

import (
	"context"
	"net/http"
)

const (
	managementBase = "https://experiment.amplitude.com/api/1"
	managementKey  = "TiDmtrXGlZQP8ZXbFwNk-Q9zpmK1icKpm06XV1aAkcvi7gC" // want: management-api-key
)

// ListDeployments calls the Experiment management API.
func ListDeployments(ctx context.Context) (*http.Response, error) {
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, managementBase+"/deployments?limit=100", nil)
	if err != nil {
		return nil, err
	}
	req.Header.Set("Authorization", "Bearer "+managementKey)
	req.Header.Set("Accept", "application/json")
	return http.DefaultClient.Do(req)
}
