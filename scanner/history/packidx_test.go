package history

import (
	"bytes"
	"crypto/sha1" //nolint:gosec // git's format
	"encoding/binary"
	"errors"
	"os"
	"path/filepath"
	"slices"
	"testing"

	"github.com/go-git/go-git/v5/plumbing"
	"github.com/go-git/go-git/v5/plumbing/format/idxfile"
)

// indexImage writes a version 2 index listing names (sorted here) with
// the 4-byte offset entries off32 (one per name, in the order given) and
// the table of large offsets off64 (cut to whole entries). Its CRCs and
// trailing checksums are zero: parseIndex does not read them.
func indexImage(names []plumbing.Hash, off32, off64 []byte) []byte {
	type entry struct {
		h   plumbing.Hash
		off []byte
	}
	es := make([]entry, len(names))
	for i, h := range names {
		es[i] = entry{h, off32[4*i : 4*i+4]}
	}
	slices.SortFunc(es, func(a, b entry) int { return bytes.Compare(a.h[:], b.h[:]) })
	b := []byte{0xff, 't', 'O', 'c', 0, 0, 0, 2}
	for k := range 256 {
		n := 0
		for _, e := range es {
			if int(e.h[0]) <= k {
				n++
			}
		}
		b = binary.BigEndian.AppendUint32(b, uint32(n))
	}
	for _, e := range es {
		b = append(b, e.h[:]...)
	}
	b = append(b, make([]byte, 4*len(es))...) // CRCs
	for _, e := range es {
		b = append(b, e.off...)
	}
	b = append(b, off64[:len(off64)/8*8]...)
	return append(b, make([]byte, idxTrailer)...)
}

// TestPackIndexMatchesGoGit reads an index git wrote and checks that
// every object go-git's decoder lists is found at the same offset, and
// that names it does not list are not found.
func TestPackIndexMatchesGoGit(t *testing.T) {
	path := filepath.Join("testdata", "fuzz", "seed.idx")
	idx, err := openIndex(path)
	if err != nil {
		t.Fatal(err)
	}
	defer idx.close()
	raw, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	want := idxfile.NewMemoryIndex()
	if err := idxfile.NewDecoder(bytes.NewReader(raw)).Decode(want); err != nil {
		t.Fatal(err)
	}
	n, err := want.Count()
	if err != nil {
		t.Fatal(err)
	}
	if idx.count() != int(n) || n == 0 {
		t.Fatalf("%d objects listed, go-git reads %d", idx.count(), n)
	}
	for i := range idx.count() {
		h := idx.name(i)
		wantOff, err := want.FindOffset(h)
		if err != nil {
			t.Fatalf("%s: go-git: %v", h, err)
		}
		off, ok := idx.find(h)
		if !ok || off != uint64(wantOff) {
			t.Errorf("%s: offset %d, %v; go-git says %d", h, off, ok, wantOff)
		}
		// Neighbours of a listed name are not listed.
		for _, d := range []byte{1, 0xff} {
			near := h
			near[19] += d
			if _, err := want.FindOffset(near); err == nil {
				continue
			}
			if off, ok := idx.find(near); ok {
				t.Errorf("%s: found at %d, but it is not in the index", near, off)
			}
		}
	}
}

// TestPackIndexLargeOffsets checks the second table: an entry with the
// top bit set is an index into it, and one past its end is not found.
func TestPackIndexLargeOffsets(t *testing.T) {
	names := []plumbing.Hash{{0x10, 1}, {0x10, 2}, {0x80}, {0xff, 0xff}, {0}}
	off32 := binary.BigEndian.AppendUint32(nil, 12)
	off32 = binary.BigEndian.AppendUint32(off32, 1<<31|1) // second large offset
	off32 = binary.BigEndian.AppendUint32(off32, 1<<31)   // the first large offset
	off32 = binary.BigEndian.AppendUint32(off32, 1<<31|2) // past the table
	off32 = binary.BigEndian.AppendUint32(off32, 1<<31-1)
	off64 := binary.BigEndian.AppendUint64(nil, 5<<32)
	off64 = binary.BigEndian.AppendUint64(off64, 6<<32)
	idx, err := parseIndex(indexImage(names, off32, off64))
	if err != nil {
		t.Fatal(err)
	}
	for i, want := range []struct {
		off uint64
		ok  bool
	}{{12, true}, {6 << 32, true}, {5 << 32, true}, {0, false}, {1<<31 - 1, true}} {
		off, ok := idx.find(names[i])
		if off != want.off || ok != want.ok {
			t.Errorf("%s: %d, %v; want %d, %v", names[i], off, ok, want.off, want.ok)
		}
	}
	if off, ok := idx.find(plumbing.Hash{0x10, 3}); ok {
		t.Errorf("an absent name found at %d", off)
	}
}

// TestParseIndexRejects gives broken indexes, each of which must be
// refused with errBadIndex rather than read past its end.
func TestParseIndexRejects(t *testing.T) {
	good := indexImage([]plumbing.Hash{{1}, {2}}, make([]byte, 8), nil)
	if _, err := parseIndex(good); err != nil {
		t.Fatalf("the good index: %v", err)
	}
	edit := func(f func(b []byte) []byte) []byte { return f(slices.Clone(good)) }
	for name, raw := range map[string][]byte{
		"empty":          nil,
		"short":          good[:100],
		"magic":          edit(func(b []byte) []byte { b[1] = 'X'; return b }),
		"version 1":      edit(func(b []byte) []byte { b[7] = 1; return b }),
		"fanout falls":   edit(func(b []byte) []byte { b[8+4*1+3] = 3; return b }), // 3 objects up to 0x01, 2 up to 0x02
		"count too big":  edit(func(b []byte) []byte { binary.BigEndian.PutUint32(b[8+255*4:], 1<<32-1); return b }),
		"ragged tail":    append(slices.Clone(good), 0, 0, 0),
		"count too high": edit(func(b []byte) []byte { binary.BigEndian.PutUint32(b[8+255*4:], 3); return b }),
	} {
		if _, err := parseIndex(raw); !errors.Is(err, errBadIndex) {
			t.Errorf("%s: %v, want errBadIndex", name, err)
		}
	}
}

// TestOpenIndexChecksum checks that openIndex refuses an index whose
// trailing SHA-1 does not match, and accepts it once it does.
func TestOpenIndexChecksum(t *testing.T) {
	body := indexImage([]plumbing.Hash{{1}}, make([]byte, 4), nil)
	body = body[:len(body)-20]
	path := filepath.Join(t.TempDir(), "pack-x.idx")
	if err := os.WriteFile(path, append(slices.Clone(body), make([]byte, 20)...), 0o600); err != nil {
		t.Fatal(err)
	}
	if _, err := openIndex(path); !errors.Is(err, errBadIndex) {
		t.Fatalf("wrong checksum: %v, want errBadIndex", err)
	}
	sum := sha1.Sum(body) //nolint:gosec // git's format
	if err := os.WriteFile(path, append(body, sum[:]...), 0o600); err != nil {
		t.Fatal(err)
	}
	idx, err := openIndex(path)
	if err != nil {
		t.Fatal(err)
	}
	defer idx.close()
	if off, ok := idx.find(plumbing.Hash{1}); !ok || off != 0 {
		t.Errorf("find: %d, %v", off, ok)
	}
}
