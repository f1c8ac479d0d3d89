package analytics

import (
	"github.com/amplitude/analytics-go/amplitude"
)

const (
	amplitudeAPIKey   = "324de37a9090e7d8ec2d8e6d43c075c0"
	mixpanelToken     = "df23a7c967c43afc877f81928a4cd7a0" // still dual-writing until Q3
	defaultFlushQueue = 200
)

func NewClient() amplitude.Client {
	cfg := amplitude.NewConfig(amplitudeAPIKey)
	cfg.FlushQueueSize = defaultFlushQueue
	return amplitude.NewClient(cfg)
}
