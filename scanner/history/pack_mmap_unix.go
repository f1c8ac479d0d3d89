//go:build unix

package history

import (
	"os"
	"syscall"
)

// mapFile maps a pack read-only: the history walk reads hundreds of
// thousands of small objects, and a system call for each cost more than
// inflating them. git maps its packs the same way.
func mapFile(f *os.File, size int64) ([]byte, error) {
	if size <= 0 || int64(int(size)) != size {
		return nil, syscall.EINVAL
	}
	return syscall.Mmap(int(f.Fd()), 0, int(size), syscall.PROT_READ, syscall.MAP_SHARED)
}

func unmapFile(b []byte) error { return syscall.Munmap(b) }
