package main

import (
	"log"

	"github.com/amplitude/analytics-go/amplitude"
	"github.com/amplitude/experiment-go-server/pkg/experiment/local"
	"github.com/amplitude/experiment-go-server/pkg/experiment/remote"
)

const amplitudeKey = "175a3bd3aecbbb761f0d5c160523e3fc"

func main() {
	client := amplitude.NewClient(
		amplitude.NewConfig(amplitudeKey),
	)
	defer client.Shutdown()

	flags := remote.Initialize("server-eAR4csK0meKR1YhzdPzJFQFoKNu0Os4j", &remote.Config{Debug: false})
	evaluator := local.Initialize("server-94MkTi97nUKpq4IbNyo376jshuQmrmSx", nil)
	if err := evaluator.Start(); err != nil {
		log.Fatal(err)
	}
	_ = flags
}
