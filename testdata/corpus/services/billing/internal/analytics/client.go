package analytics

import "github.com/amplitude/analytics-go/amplitude"

// New returns the client for the EU project.
func New() amplitude.Client {
	config := amplitude.NewConfig("65ee3ace927a84e9b59e7e116718b08c") // want: api-key
	config.ServerZone = amplitude.ServerZoneEU
	config.FlushQueueSize = 200
	return amplitude.NewClient(config)
}
