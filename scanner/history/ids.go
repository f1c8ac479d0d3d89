package history

import (
	"hash/maphash"
	"slices"

	"github.com/go-git/go-git/v5/plumbing"
)

// idTable numbers object names in the order they are first added: ids
// 0, 1, 2, ... A history scan keeps one entry for every blob it has seen
// and every commit it covers (see selection), so the entry is kept small:
// the name once, in a slice by id, and an int32 slot in an open-addressed
// table. A Go map of the same (a 20-byte key and an int32) cost about 86
// bytes a blob on the 64,038-commit synthetic history, plus 20 more for
// the slice of names; this measured 36 (4.6 MB for 127,813 blobs, in a
// heap profile at the peak).
type idTable struct {
	names []plumbing.Hash // by id
	slots []int32         // id+1 of the name hashed there; 0 is empty
	seed  maphash.Seed    // names are chosen by whoever wrote the repository
}

// lookup returns the id of h, if it has one.
func (t *idTable) lookup(h plumbing.Hash) (int32, bool) {
	if len(t.slots) == 0 {
		return 0, false
	}
	mask := uint64(len(t.slots) - 1)
	for i := t.home(h) & mask; ; i = (i + 1) & mask {
		s := t.slots[i]
		if s == 0 {
			return 0, false
		}
		if t.names[s-1] == h {
			return s - 1, true
		}
	}
}

// add returns the id of h, giving it the next one if it has none; added
// says which.
func (t *idTable) add(h plumbing.Hash) (id int32, added bool) {
	if id, ok := t.lookup(h); ok {
		return id, false
	}
	if 2*(len(t.names)+1) > len(t.slots) { // at most half full
		t.grow()
	}
	id = int32(len(t.names))
	t.names = append(t.names, h)
	t.place(h, id)
	return id, true
}

// reserve makes room for n names in all, so that adding them neither
// copies the list of names nor rebuilds the table.
func (t *idTable) reserve(n int) {
	t.names = slices.Grow(t.names, n-len(t.names))
	for 2*n > len(t.slots) {
		t.grow()
	}
}

// name is the name with the given id.
func (t *idTable) name(id int32) plumbing.Hash { return t.names[id] }

func (t *idTable) home(h plumbing.Hash) uint64 { return maphash.Bytes(t.seed, h[:]) }

func (t *idTable) place(h plumbing.Hash, id int32) {
	mask := uint64(len(t.slots) - 1)
	i := t.home(h) & mask
	for t.slots[i] != 0 {
		i = (i + 1) & mask
	}
	t.slots[i] = id + 1
}

func (t *idTable) grow() {
	n := max(2*len(t.slots), 1024)
	if len(t.slots) == 0 {
		t.seed = maphash.MakeSeed()
	}
	t.slots = make([]int32, n)
	for id, h := range t.names {
		t.place(h, int32(id))
	}
}
