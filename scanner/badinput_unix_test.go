//go:build unix

package scanner

import (
	"fmt"
	"net"
	"path/filepath"
	"syscall"
	"testing"
)

// makeSpecialFiles makes a FIFO with no writer (opening it would block
// forever), a listening unix socket and, where allowed (root, outside
// restricted containers), a character device like /dev/zero (reading it
// would never end). It returns how many it made.
func makeSpecialFiles(t *testing.T, dir string) (int, error) {
	if err := syscall.Mkfifo(filepath.Join(dir, "pipe"), 0o644); err != nil {
		return 0, fmt.Errorf("mkfifo: %w", err)
	}
	l, err := net.Listen("unix", filepath.Join(dir, "sock"))
	if err != nil {
		return 0, fmt.Errorf("unix socket: %w", err)
	}
	t.Cleanup(func() { l.Close() })
	n := 2
	// 1, 5 is /dev/zero on Linux; elsewhere whatever it is, it is a device.
	if err := syscall.Mknod(filepath.Join(dir, "zero"), syscall.S_IFCHR|0o666, int(mkdev(1, 5))); err != nil {
		t.Logf("no device file made here (%v): FIFO and socket only", err)
	} else {
		n++
	}
	return n, nil
}

func mkdev(major, minor uint64) uint64 {
	return (major&0xfff)<<8 | (minor & 0xff) | (major&^0xfff)<<32 | (minor&^0xff)<<12
}
