package scim

import (
	"fmt"
	"net/http"
)

const scimHost = "https://core.eu.amplitude.com/scim/1"

var amplitudeScimKey = "lYNBEcYUD9b7TxxNWhmdC9E_yvjKS4fiUROS8apF03K6KKKdj2K06aPh"

func NewRequest(path string) (*http.Request, error) {
	req, err := http.NewRequest(http.MethodGet, fmt.Sprintf("%s/%s", scimHost, path), nil)
	if err != nil {
		return nil, err
	}
	req.Header.Set("Authorization", "Bearer "+amplitudeScimKey)
	return req, nil
}
