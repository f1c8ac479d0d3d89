package flags

import (
	"github.com/amplitude/experiment-go-server/pkg/experiment/remote"
)

var Client = remote.Initialize("server-YiH0xQZDa9Q9veQtaQMG7KahtFPRvb4e", &remote.Config{
	ServerUrl: "https://api.lab.eu.amplitude.com",
	Debug:     false,
})
