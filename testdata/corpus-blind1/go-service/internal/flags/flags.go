package flags

import (
	"time"

	"github.com/amplitude/experiment-go-server/pkg/experiment"
	"github.com/amplitude/experiment-go-server/pkg/experiment/local"
	"github.com/amplitude/experiment-go-server/pkg/experiment/remote"
)

const deploymentKey = "server-Y3QV87yymBOd0cTqqsUoevsgp17IO2Ln"

type Flags struct {
	Remote *remote.Client
	Local  *local.Client
}

func New() (*Flags, error) {
	rc := remote.Initialize(deploymentKey, &remote.Config{FetchTimeout: 500 * time.Millisecond})
	lc := local.Initialize(deploymentKey, &local.Config{FlagConfigPollerInterval: 30 * time.Second})
	if err := lc.Start(); err != nil {
		return nil, err
	}
	return &Flags{Remote: rc, Local: lc}, nil
}

func (f *Flags) Variant(userID, flag string) (experiment.Variant, error) {
	v, err := f.Remote.Fetch(&experiment.User{UserId: userID})
	if err != nil {
		return experiment.Variant{}, err
	}
	return v[flag], nil
}
