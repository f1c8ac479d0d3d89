package history

import (
	"bytes"
	"crypto/sha1" //nolint:gosec // git's own checksum of the index file
	"encoding/binary"
	"errors"
	"fmt"
	"os"
	"sort"

	"github.com/go-git/go-git/v5/plumbing"
)

// packIndex is a pack's .idx file (version 2), read where it lies: in the
// mapped file where mapping is available, else in one copy of the file.
//
// go-git's idxfile.MemoryIndex, used before, copied every name and offset
// into the heap: 19 MB for a pack of 757,000 objects, live for the whole
// scan and doubled again by the collector's headroom, so a scan's memory
// grew with the size of the history. Mapped, the index is the kernel's
// page cache, shared and reclaimable, and opening a pack costs no copy.
type packIndex struct {
	raw    []byte // the whole file
	mapped bool   // raw is a mapping to unmap on close
	fanout [256]uint32
	names  []byte // n sorted object names of 20 bytes
	off32  []byte // n big-endian offsets; the top bit points into off64
	off64  []byte // 8-byte offsets of objects beyond 2 GiB
}

var errBadIndex = errors.New("malformed pack index")

const (
	idxHeader  = 8 + 256*4 // magic, version, fanout
	idxTrailer = 2 * 20    // checksums of the pack and of the index
)

// openIndex maps (or reads) the index at path and checks it, including
// its trailing SHA-1, as git fsck does and go-git's decoder did.
func openIndex(path string) (*packIndex, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close() // a mapping outlives its descriptor
	fi, err := f.Stat()
	if err != nil {
		return nil, err
	}
	raw, err := mapFile(f, fi.Size())
	mapped := err == nil
	if !mapped {
		if raw, err = os.ReadFile(path); err != nil {
			return nil, err
		}
	}
	idx, err := parseIndex(raw)
	if err == nil {
		body, sum := raw[:len(raw)-20], raw[len(raw)-20:]
		if got := sha1.Sum(body); !bytes.Equal(got[:], sum) { //nolint:gosec // git's format
			err = fmt.Errorf("%w: checksum %x, want %x", errBadIndex, got, sum)
		}
	}
	if err != nil {
		if mapped {
			_ = unmapFile(raw)
		}
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	idx.mapped = mapped
	return idx, nil
}

// parseIndex lays the tables of a version 2 index over raw. The object
// count comes from the fanout and is checked against the file's length
// before anything is sliced, so a corrupt count cannot reach past the end.
func parseIndex(raw []byte) (*packIndex, error) {
	if len(raw) < idxHeader+idxTrailer || !bytes.Equal(raw[:4], []byte{0xff, 't', 'O', 'c'}) {
		return nil, errBadIndex
	}
	if v := binary.BigEndian.Uint32(raw[4:]); v != 2 {
		return nil, fmt.Errorf("%w: version %d (only 2 is read)", errBadIndex, v)
	}
	idx := &packIndex{raw: raw}
	var prev uint32
	for k := range idx.fanout {
		c := binary.BigEndian.Uint32(raw[8+4*k:])
		if c < prev {
			return nil, fmt.Errorf("%w: fanout decreases at %d", errBadIndex, k)
		}
		idx.fanout[k], prev = c, c
	}
	n := uint64(prev)
	fixed := uint64(idxHeader) + 28*n + idxTrailer // names, CRCs and offsets of n objects
	if fixed > uint64(len(raw)) || (uint64(len(raw))-fixed)%8 != 0 {
		return nil, fmt.Errorf("%w: %d objects do not fit %d bytes", errBadIndex, n, len(raw))
	}
	names := uint64(idxHeader)
	offs := names + 24*n // after the names and the CRCs
	idx.names = raw[names : names+20*n]
	idx.off32 = raw[offs : offs+4*n]
	idx.off64 = raw[offs+4*n : uint64(len(raw))-idxTrailer]
	return idx, nil
}

// count is the number of objects the index lists.
func (x *packIndex) count() int { return len(x.names) / 20 }

// name is the i'th object name in sorted order.
func (x *packIndex) name(i int) plumbing.Hash { return plumbing.Hash(x.names[20*i : 20*i+20]) }

// find returns the pack offset of h, or false if the index does not list
// it or its offset entry is out of range.
func (x *packIndex) find(h plumbing.Hash) (uint64, bool) {
	lo := uint32(0)
	if h[0] > 0 {
		lo = x.fanout[h[0]-1]
	}
	hi := x.fanout[h[0]]
	// Names are compared by their first 8 bytes as a number, which almost
	// always decides, before the rest.
	key := binary.BigEndian.Uint64(h[:8])
	i := int(lo) + sort.Search(int(hi-lo), func(i int) bool {
		j := 20 * (int(lo) + i)
		if k := binary.BigEndian.Uint64(x.names[j:]); k != key {
			return k > key
		}
		return bytes.Compare(x.names[j+8:j+20], h[8:]) >= 0
	})
	if i == int(hi) || !bytes.Equal(x.names[20*i:20*i+20], h[:]) {
		return 0, false
	}
	off := uint64(binary.BigEndian.Uint32(x.off32[4*i:]))
	if off&(1<<31) != 0 {
		o64 := 8 * (off &^ (1 << 31))
		if o64+8 > uint64(len(x.off64)) {
			return 0, false
		}
		off = binary.BigEndian.Uint64(x.off64[o64:])
	}
	return off, true
}

func (x *packIndex) close() {
	if x.mapped {
		_ = unmapFile(x.raw) // read-only: nothing to flush
	}
	x.raw, x.names, x.off32, x.off64 = nil, nil, nil, nil
}
