package flags

import (
	"time"

	"github.com/amplitude/experiment-go-server/pkg/experiment/local"
	"github.com/amplitude/experiment-go-server/pkg/experiment/remote"
)

const pricingDeploymentKey = "server-q8U9QCf9NiOSeLZY0jzHqL2WBAxrS7jI"

func NewRemote() *remote.Client {
	return remote.Initialize(pricingDeploymentKey, &remote.Config{FetchTimeout: 500 * time.Millisecond})
}

func NewLocal() (*local.Client, error) {
	c := local.Initialize(
		"server-X2VsTkgqoypoD5CJUOZoxcon8EujVKq1",
		&local.Config{FlagConfigPollerInterval: time.Minute},
	)
	return c, c.Start()
}
