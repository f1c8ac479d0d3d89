package main

import (
	"log"

	"github.com/amplitude/experiment-go-server/pkg/experiment/remote"
)

func main() {
	client := remote.Initialize("server-nAYm7iRxWTWDRujM0HzgCJVT9TahyArr", &remote.Config{
		ServerZone: "eu",
	})
	variants, err := client.Fetch(nil)
	if err != nil {
		log.Fatal(err)
	}
	log.Printf("%d variants", len(variants))
}
