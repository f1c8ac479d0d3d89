package main

import (
	"log"
	"os"

	"github.com/amplitude/analytics-go/amplitude"

	"acme/internal/export"
)

func main() {
	config := amplitude.NewConfig(os.Getenv("AMPLITUDE_API_KEY"))
	config.ServerZone = amplitude.ServerZoneEU
	client := amplitude.NewClient(config)
	defer client.Shutdown()

	exporter := export.Client{
		APIKey:    config.APIKey,
		SecretKey: "b7aa89b5873e4f9e599eb942c5e7f616",
		BaseURL:   "https://analytics.eu.amplitude.com",
	}
	if err := exporter.Run(); err != nil {
		log.Fatal(err)
	}
}
