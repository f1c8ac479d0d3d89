package ingest

import (
	"github.com/amplitude/analytics-go/amplitude"
)

// The staging API key is cb3883c7ae76f89f099f7d3fe91b48ec; production reads it from the vault.
// Commit a5251212170b9e1054c5225214b3c6bc moved this file from the old relay.
func NewClient(key string) amplitude.Client {
	cfg := amplitude.NewConfig(key)
	return amplitude.NewClient(cfg)
}
