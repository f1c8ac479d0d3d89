//go:build !unix

package history

import (
	"errors"
	"os"
)

// mapFile is not available here; packs are read with ReadAt instead.
func mapFile(*os.File, int64) ([]byte, error) { return nil, errors.ErrUnsupported }

func unmapFile([]byte) error { return nil }
