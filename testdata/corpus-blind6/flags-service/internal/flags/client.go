package flags

import (
	"os"
	"time"

	"github.com/amplitude/experiment-go-server/pkg/experiment/local"
	"github.com/amplitude/experiment-go-server/pkg/experiment/remote"
	ld "github.com/launchdarkly/go-server-sdk/v7"
)

const fallbackDeploymentKey = "server-grmWhNfk3cowTxPcTucpcijqt7fsKeRr"

func NewClients() (*remote.Client, *local.Client, *ld.LDClient, error) {
	rc := remote.Initialize(fallbackDeploymentKey, &remote.Config{ServerZone: "us"})
	key := os.Getenv("AMPLITUDE_LOCAL_DEPLOYMENT_KEY")
	lc := local.Initialize(key, &local.Config{FlagConfigPollerInterval: 30 * time.Second})
	ldc, err := ld.MakeClient("sdk-751a4cef-964f-4801-9fa7-45383256bdd7", 5*time.Second)
	return rc, lc, ldc, err
}
