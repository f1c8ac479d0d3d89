package history

import (
	"bytes"
	"compress/zlib"
	"crypto/sha1" //nolint:gosec // git's index checksum is SHA-1
	"encoding/binary"
	"errors"
	"os"
	"path/filepath"
	"runtime"
	"testing"

	"github.com/go-git/go-git/v5/plumbing"
)

// Fuzz targets for the pack reader: hostile packs and indexes must give an
// error or errNotPacked, never a panic, a hang or an allocation beyond the
// budget documented in gitpack.go.

// allocated returns how many bytes f allocated on the heap. Fuzzing runs
// one input at a time in each worker process, so the count is f's own
// (give or take a few bytes of the fuzzing machinery).
func allocated(f func()) uint64 {
	var before, after runtime.MemStats
	runtime.ReadMemStats(&before)
	f()
	runtime.ReadMemStats(&after)
	return after.TotalAlloc - before.TotalAlloc
}

// packEntry encodes one pack entry: the type and size header, then for
// deltas the base (a relative offset or a hash), then zlib of content.
// size is what the header claims, which a hostile pack need not honour.
func packEntry(typ plumbing.ObjectType, size int64, rel int64, ref []byte, content []byte) []byte {
	var b []byte
	c := byte(typ)<<4 | byte(size&15)
	size >>= 4
	for size > 0 {
		b = append(b, c|0x80)
		c = byte(size & 0x7f)
		size >>= 7
	}
	b = append(b, c)
	switch typ {
	case plumbing.OFSDeltaObject:
		enc := []byte{byte(rel & 0x7f)}
		for rel >>= 7; rel > 0; rel >>= 7 {
			rel--
			enc = append([]byte{byte(rel&0x7f) | 0x80}, enc...)
		}
		b = append(b, enc...)
	case plumbing.REFDeltaObject:
		b = append(b, ref...)
	}
	var z bytes.Buffer
	w := zlib.NewWriter(&z)
	_, _ = w.Write(content)
	_ = w.Close()
	return append(b, z.Bytes()...)
}

// fuzzHash is the name FuzzPackReader gives its i-th index entry; a
// ref-delta names its base with these 20 bytes.
func fuzzHash(i int) plumbing.Hash {
	var h plumbing.Hash
	h[0] = byte(i + 1)
	return h
}

// deltaOf encodes a delta header (source and target sizes) and commands.
func deltaOf(src, dst uint64, cmds ...byte) []byte {
	var b []byte
	for _, v := range []uint64{src, dst} {
		for v >= 0x80 {
			b = append(b, byte(v)|0x80)
			v >>= 7
		}
		b = append(b, byte(v))
	}
	return append(b, cmds...)
}

// FuzzPackReader reads every object of a fuzzed pack through an index
// built from fuzzed offsets (entry i is named fuzzHash(i), so ref-deltas
// can point at each other). Invariants: no panic; an object read is a
// commit, tree, blob or tag of at most largeBlob bytes; one read allocates
// at most what the budget allows for the entries it may visit.
func FuzzPackReader(f *testing.F) {
	offsets := func(offs ...uint32) []byte {
		b := make([]byte, 4*len(offs))
		for i, o := range offs {
			binary.BigEndian.PutUint32(b[4*i:], o)
		}
		return b
	}
	hdr := []byte("PACK\x00\x00\x00\x02\x00\x00\x00\x03")
	blob := packEntry(plumbing.BlobObject, 13, 0, nil, []byte("hello, world\n"))
	good := deltaOf(13, 8, 0x90, 5, 3, '!', '!', '!')
	ofs := packEntry(plumbing.OFSDeltaObject, int64(len(good)), int64(len(blob)), nil, good)
	h1 := fuzzHash(0)
	ref := packEntry(plumbing.REFDeltaObject, int64(len(good)), 0, h1[:], good)
	git3 := append(append(append(append([]byte{}, hdr...), blob...), ofs...), ref...)
	a, b, c := uint32(len(hdr)), uint32(len(hdr)+len(blob)), uint32(len(hdr)+len(blob)+len(ofs))
	f.Add(git3, offsets(a, b, c))

	// A chain of two deltas (blob, "hello!!!", "!!hello"), which the large
	// reader composes.
	second := deltaOf(8, 7, 0x91, 5, 2, 0x90, 5)
	chain := append(append([]byte{}, git3[:c]...), packEntry(plumbing.OFSDeltaObject, int64(len(second)), int64(c-b), nil, second)...)
	f.Add(chain, offsets(c, b, a)) // the top first: nothing cached yet

	// Offsets out of range, and a 64-bit offset with no 64-bit table.
	f.Add(git3, offsets(uint32(len(git3)), 1<<31|5, 0xffffffff))
	// A ref-delta to itself (a loop), and to a name the index lacks.
	self := fuzzHash(1)
	loop := packEntry(plumbing.REFDeltaObject, int64(len(good)), 0, self[:], good)
	missing := packEntry(plumbing.REFDeltaObject, int64(len(good)), 0, bytes.Repeat([]byte{0xee}, 20), good)
	p2 := append(append(append(append([]byte{}, hdr...), blob...), loop...), missing...)
	f.Add(p2, offsets(a, b, b+uint32(len(loop))))
	// An ofs-delta pointing at itself (rel 0) and past the start.
	f.Add(append(append([]byte{}, hdr...), packEntry(plumbing.OFSDeltaObject, 8, 0, nil, good)...), offsets(a))
	f.Add(append(append([]byte{}, hdr...), packEntry(plumbing.OFSDeltaObject, 8, 1000, nil, good)...), offsets(a))
	// Sizes that lie: more than the stream holds, less, and 2 GiB.
	for _, size := range []int64{40, 3, 1 << 31, largeBlob + 1} {
		f.Add(append(append([]byte{}, hdr...), packEntry(plumbing.BlobObject, size, 0, nil, []byte("hello, world\n"))...), offsets(a))
	}
	// A truncated zlib stream, and one followed by garbage.
	f.Add(append(append([]byte{}, hdr...), blob[:len(blob)-6]...), offsets(a))
	f.Add(append(append(append([]byte{}, hdr...), blob...), bytes.Repeat([]byte{0xff}, 64)...), offsets(a))
	// A bomb: a tiny delta whose header claims a 2 GiB result, and one that
	// really builds largeBlob+64 KiB with one-byte copy commands.
	bomb := deltaOf(13, 1<<31, 0x80)
	f.Add(append(append(append([]byte{}, hdr...), blob...), packEntry(plumbing.OFSDeltaObject, int64(len(bomb)), int64(len(blob)), nil, bomb)...), offsets(a, b))
	// testdata/fuzz/FuzzPackReader holds the crashers found: a delta entry
	// whose header claims 2 GiB of delta data, and a 2 GiB delta result in
	// the middle of a chain (only the top's size was checked); each made
	// the reader allocate the claimed size up front.
	zeros := packEntry(plumbing.BlobObject, 1<<16, 0, nil, make([]byte, 1<<16))
	big := deltaOf(1<<16, largeBlob+1<<16, bytes.Repeat([]byte{0x80}, largeBlob>>16+1)...)
	p3 := append(append(append([]byte{}, hdr...), zeros...), packEntry(plumbing.OFSDeltaObject, int64(len(big)), int64(len(zeros)), nil, big)...)
	f.Add(p3, offsets(a, a+uint32(len(zeros))))

	// The pack git wrote for FuzzPackIndex, with its real offsets.
	if p, err := openPack(filepath.Join("testdata", "fuzz", "seed.idx")); err == nil {
		var real []uint32
		for i := 0; i < p.idx.count() && len(real) < 16; i++ {
			real = append(real, binary.BigEndian.Uint32(p.idx.off32[4*i:]))
		}
		data, err := os.ReadFile(filepath.Join("testdata", "fuzz", "seed.pack"))
		p.idx.close()
		p.f.Close()
		if err != nil {
			f.Fatal(err)
		}
		f.Add(data, offsets(real...))
	}

	f.Fuzz(func(t *testing.T, data, offs []byte) {
		if len(data) == 0 {
			return
		}
		n := min(len(offs)/4, 16)
		var names []plumbing.Hash
		for i := range n {
			names = append(names, fuzzHash(i))
		}
		idx, err := parseIndex(indexImage(names, offs[:4*n], offs[4*n:]))
		if err != nil {
			t.Fatalf("the test's own index: %v", err)
		}
		p := &pack{data: data, idx: idx, size: int64(len(data))}
		r := (&packSet{packs: []*pack{p}}).reader(newSharedCache(1 << 20))
		flat := (&packSet{packs: []*pack{p}}).reader(&recentObjects{n: largeKept})
		// A chain visits each entry at most once (a repeat would be a loop,
		// which never reaches a whole object), and each visit allocates at
		// most two buffers of largeBlob (the delta and its result), plus
		// the base and the top delta.
		budget := uint64(2*n+3)*largeBlob + 1<<20
		for i := range n {
			off, ok := p.find(fuzzHash(i))
			if !ok {
				continue
			}
			if off < 0 || off >= p.size {
				t.Fatalf("entry %d: offset %d outside a pack of %d bytes", i, off, p.size)
			}
			var typ plumbing.ObjectType
			var obj []byte
			var err error
			used := allocated(func() { typ, obj, err = r.resolve(0, off) })
			if used > budget {
				t.Fatalf("entry %d: allocated %d bytes, budget %d", i, used, budget)
			}
			// A reader that composes every chain (the large reader's
			// cache has no room for a chain's versions) reads the same
			// objects and refuses the same ones.
			ftyp, fobj, ferr := flat.resolve(0, off)
			if (err == nil) != (ferr == nil) || errors.Is(err, errNotPacked) != errors.Is(ferr, errNotPacked) || ftyp != typ && err == nil || !bytes.Equal(fobj, obj) {
				t.Fatalf("entry %d: read %s (%v) in turn, %s (%v) composed", i, typ, err, ftyp, ferr)
			}
			if err != nil {
				continue
			}
			switch typ {
			case plumbing.CommitObject, plumbing.TreeObject, plumbing.BlobObject, plumbing.TagObject:
			default:
				t.Fatalf("entry %d: read as a %s", i, typ)
			}
			if len(obj) > largeBlob {
				t.Fatalf("entry %d: %d bytes, over largeBlob", i, len(obj))
			}
		}
	})
}

// FuzzPackIndex opens a fuzzed .idx (its trailing checksum is computed
// here, since a fuzzer cannot forge SHA-1) beside a fuzzed .pack, as
// openPack does for a repository, then reads every object it lists.
// Invariants: no panic; opening allocates in proportion to the index file,
// not to the object count it claims; every offset found is inside the pack.
func FuzzPackIndex(f *testing.F) {
	for _, seed := range packIndexSeeds(f) {
		f.Add(seed[0], seed[1])
	}
	dir := f.TempDir()
	f.Fuzz(func(t *testing.T, idxBody, packData []byte) {
		sum := sha1.Sum(idxBody) //nolint:gosec // git's format
		idxPath := filepath.Join(dir, "pack-fuzz.idx")
		if err := os.WriteFile(idxPath, append(idxBody, sum[:]...), 0o600); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(filepath.Join(dir, "pack-fuzz.pack"), packData, 0o600); err != nil {
			t.Fatal(err)
		}
		var p *pack
		var err error
		used := allocated(func() { p, err = openPack(idxPath) })
		if limit := uint64(2*len(idxBody)) + 256<<10; used > limit {
			t.Fatalf("opening a %d-byte index allocated %d bytes (limit %d)", len(idxBody)+20, used, limit)
		}
		if err != nil {
			return
		}
		set := &packSet{packs: []*pack{p}}
		defer set.close()
		r := set.reader(newSharedCache(1 << 20))
		for i := range p.idx.count() {
			h := p.idx.name(i)
			off, ok := p.find(h)
			if !ok {
				continue
			}
			if off < 0 || off >= p.size {
				t.Fatalf("%s: offset %d outside a pack of %d bytes", h, off, p.size)
			}
			typ, obj, err := r.resolve(0, off)
			if err != nil {
				continue
			}
			if typ < plumbing.CommitObject || typ > plumbing.TagObject || len(obj) > largeBlob {
				t.Fatalf("%s: read as a %s of %d bytes", h, typ, len(obj))
			}
		}
	})
}

// packIndexSeeds are a real pack and index written by git (blobs, trees,
// commits, deltas). The crasher found, an index whose fanout claims 2^32-1
// objects in a file of a kilobyte, is in testdata/fuzz/FuzzPackIndex.
func packIndexSeeds(f *testing.F) [][2][]byte {
	raw, err := os.ReadFile(filepath.Join("testdata", "fuzz", "seed.idx"))
	if err != nil || len(raw) < 20 {
		f.Fatalf("testdata/fuzz/seed.idx: %v", err)
	}
	pk, err := os.ReadFile(filepath.Join("testdata", "fuzz", "seed.pack"))
	if err != nil {
		f.Fatal(err)
	}
	return [][2][]byte{{raw[:len(raw)-20], pk}}
}
