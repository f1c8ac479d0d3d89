package history

import (
	"crypto/sha1" //nolint:gosec // object names, as git makes them
	"encoding/binary"
	"testing"

	"github.com/go-git/go-git/v5/plumbing"
)

// TestIDTableNumbersInOrder adds names (each twice, and across several
// growths of the table) and checks them against a map: ids in order of
// first sight, every name found with its id, names never added not found.
func TestIDTableNumbersInOrder(t *testing.T) {
	name := func(i int) plumbing.Hash {
		return plumbing.Hash(sha1.Sum(binary.LittleEndian.AppendUint64(nil, uint64(i)))) //nolint:gosec // test names
	}
	var tab idTable
	if _, ok := tab.lookup(name(0)); ok {
		t.Fatal("an empty table found a name")
	}
	want := map[plumbing.Hash]int32{}
	const n = 5000
	for i := range n {
		for try := range 2 {
			id, added := tab.add(name(i))
			if try == 0 {
				want[name(i)] = int32(len(want))
			}
			if id != want[name(i)] || added != (try == 0) {
				t.Fatalf("name %d, add %d: id %d, added %v; want %d, %v", i, try+1, id, added, want[name(i)], try == 0)
			}
		}
		// The zero hash is a name like any other here.
		if i == n/2 {
			if _, added := tab.add(plumbing.ZeroHash); !added {
				t.Fatal("the zero hash was not added")
			}
			want[plumbing.ZeroHash] = int32(len(want))
		}
	}
	if len(tab.names) != len(want) {
		t.Fatalf("%d names, want %d", len(tab.names), len(want))
	}
	for h, id := range want {
		if got, ok := tab.lookup(h); !ok || got != id {
			t.Errorf("%s: %d, %v; want %d", h, got, ok, id)
		}
		if tab.name(id) != h {
			t.Errorf("name(%d) = %s, want %s", id, tab.name(id), h)
		}
	}
	for i := n; i < 2*n; i++ {
		if id, ok := tab.lookup(name(i)); ok {
			t.Fatalf("name %d was never added, found as %d", i, id)
		}
	}
}

// TestIDTableReserve checks that a table sized up front takes that many
// names without copying its list or rebuilding its slots, and still
// finds every one.
func TestIDTableReserve(t *testing.T) {
	var tab idTable
	const n = 3000
	tab.reserve(n)
	names, slots := cap(tab.names), len(tab.slots)
	if names < n {
		t.Fatalf("room for %d names, want %d", names, n)
	}
	for i := range n {
		h := plumbing.Hash(sha1.Sum(binary.LittleEndian.AppendUint64(nil, uint64(i)))) //nolint:gosec // test names
		if id, added := tab.add(h); !added || id != int32(i) {
			t.Fatalf("name %d: id %d, added %v", i, id, added)
		}
		if got, ok := tab.lookup(h); !ok || got != int32(i) {
			t.Fatalf("name %d: found as %d, %v", i, got, ok)
		}
	}
	if cap(tab.names) != names || len(tab.slots) != slots {
		t.Errorf("the table grew: %d names and %d slots, reserved %d and %d", cap(tab.names), len(tab.slots), names, slots)
	}
}
