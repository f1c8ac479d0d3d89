package flags

import (
	"time"

	"github.com/amplitude/experiment-go-server/pkg/experiment/local"
	"github.com/amplitude/experiment-go-server/pkg/experiment/remote"
)

var remoteClient = remote.Initialize("server-L9biPAgqmHYREZeRwEs5diPWOG4cJdKs", &remote.Config{FetchTimeout: 500 * time.Millisecond}) // want: server-deployment-key

var localClient = local.Initialize("server-4oZVKXHLYNj5Xf3AqgO1cYIjk6AKTpWt", &local.Config{FlagConfigPollerInterval: 30 * time.Second}) // want: server-deployment-key

func Start() error { return localClient.Start() }
