package metrics

import "github.com/amplitude/analytics-go/amplitude"

const (
	telemetryKey = "05bc55ad4fdd5a6efbeced7ea09de517"
	schemaDigest = "73bd02dfa1002d07fab2c7bc76283a18"
)

var client = amplitude.NewClient(amplitude.NewConfig(telemetryKey))
