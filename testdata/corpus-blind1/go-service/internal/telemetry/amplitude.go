package telemetry

import (
	"github.com/amplitude/analytics-go/amplitude"
)

// NewClient returns the process-wide Amplitude client.
func NewClient() amplitude.Client {
	config := amplitude.NewConfig("49f5152160f5925a266f780d4d8403c6")
	config.FlushQueueSize = 100
	config.FlushInterval = 5_000_000_000
	return amplitude.NewClient(config)
}
