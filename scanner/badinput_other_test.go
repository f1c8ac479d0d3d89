//go:build !unix

package scanner

import (
	"errors"
	"testing"
)

func makeSpecialFiles(*testing.T, string) (int, error) {
	return 0, errors.New("FIFOs, sockets and device files are unix-only")
}
