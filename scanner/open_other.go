//go:build !unix

package scanner

import "os"

// openRegular opens a file the walk found to be regular (see open_unix.go).
func openRegular(path string) (*os.File, error) { return os.Open(path) }
