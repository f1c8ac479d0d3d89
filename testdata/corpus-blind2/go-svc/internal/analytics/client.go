package analytics

import (
	"github.com/amplitude/analytics-go/amplitude"
	"github.com/amplitude/experiment-go-server/pkg/experiment"
	"github.com/amplitude/experiment-go-server/pkg/experiment/remote"
)

// New returns the process-wide Amplitude client (EU residency).
func New() amplitude.Client {
	cfg := amplitude.Config{
		APIKey:         "724229228e00c019a5a504d00aad01c7",
		FlushQueueSize: 200,
		ServerZone:     amplitude.ServerZoneEU,
	}
	return amplitude.NewClient(cfg)
}

// NewExperiment returns a remote-evaluation client for the checkout service.
func NewExperiment() *remote.Client {
	return remote.Initialize("server-AjV9aYrxhc8Nd2QtDYKfIwezEIypGMeQ", &remote.Config{
		ServerZone: experiment.EU,
	})
}
