package flags

import (
	"os"

	"github.com/amplitude/experiment-go-server/pkg/experiment"
	"github.com/amplitude/experiment-go-server/pkg/experiment/local"
)

// deploymentKeys lists the keys we accept, newest first, while the rotation is in progress.
var deploymentKeys = []string{
	os.Getenv("AMPLITUDE_DEPLOYMENT_KEY"),
	"server-M2NdPoqAE1uZwlTSHz7kApF3eQ8K5VWe",
}

func New() (*local.Client, error) {
	key := deploymentKeys[0]
	if key == "" {
		key = deploymentKeys[1]
	}
	c := local.Initialize(key, &local.Config{ServerZone: "eu", Debug: false})
	if err := c.Start(); err != nil {
		return nil, err
	}
	return c, nil
}

func Variant(c *local.Client, userID, flag string) string {
	res, err := c.EvaluateV2(&experiment.User{UserId: userID}, []string{flag})
	if err != nil || res[flag].Value == "" {
		return "off"
	}
	return res[flag].Value
}
