module github.com/acme/growth/backend/go

go 1.22

require (
	github.com/amplitude/analytics-go v1.0.2
	github.com/amplitude/experiment-go-server v1.5.0
)
