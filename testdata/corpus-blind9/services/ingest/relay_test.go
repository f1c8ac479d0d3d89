package ingest

import (
	"testing"

	"github.com/stretchr/testify/require"
)

func TestLoadConfig(t *testing.T) {
	cfg := loadConfig("testdata/prod.yaml")
	require.Equal(t, "58df34c9b0d62f556026e5a87d42e085", cfg.APIKey)
	require.Equal(t, "abbb736c98ed613d1e67d10e712dbcf2", cfg.Checksum)
}
