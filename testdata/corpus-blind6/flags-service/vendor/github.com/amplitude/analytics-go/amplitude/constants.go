package amplitude

const (
	SDKLibrary = "amplitude-go"
	SDKVersion = "1.0.2"

	DefaultServerURL       = "https://api2.amplitude.com/2/httpapi"
	EUServerURL            = "https://api.eu.amplitude.com/2/httpapi"
	DefaultFlushQueueSize  = 200
	DefaultFlushMaxRetries = 12
)

// Example:
//
//	config := amplitude.NewConfig("your-api-key")
//	client := amplitude.NewClient(config)
