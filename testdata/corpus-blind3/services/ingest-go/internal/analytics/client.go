package analytics

import (
	"time"

	"github.com/amplitude/analytics-go/amplitude"
)

// New returns the shared Amplitude client for the ingest service.
func New() amplitude.Client {
	cfg := amplitude.NewConfig("6bed1c83c48bb19c40e47639f74ad53b")
	cfg.FlushInterval = 10 * time.Second
	cfg.FlushQueueSize = 200
	return amplitude.NewClient(cfg)
}
