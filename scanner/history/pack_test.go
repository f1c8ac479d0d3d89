package history

import (
	"bytes"
	"context"
	"encoding/binary"
	"errors"
	"fmt"
	"io"
	"math/rand/v2"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	git "github.com/go-git/go-git/v5"
	"github.com/go-git/go-git/v5/plumbing"

	"github.com/ampscan/ampscan/internal/gittest"
	"github.com/ampscan/ampscan/rules"
	"github.com/ampscan/ampscan/scanner"
)

// packedRepo builds a history with many versions of the same files and has
// git pack it with deep delta chains.
func packedRepo(t *testing.T) *gittest.Repo {
	t.Helper()
	r := gittest.New(t)
	k := gittest.NewKeys(t)
	var lines []string
	for i := range 400 {
		lines = append(lines, fmt.Sprintf("line %d: %s\n", i, k.Hex()))
	}
	for c := range 40 {
		lines[(c*37)%len(lines)] = fmt.Sprintf("edited in %d\n", c)
		lines = append(lines[:c], lines[c+1:]...)
		r.Write("big.txt", strings.Join(lines, ""))
		r.Write(fmt.Sprintf("dir%d/small.txt", c%5), fmt.Sprintf("version %d\n", c))
		if c == 20 {
			r.Write(".env", "AMPLITUDE_SECRET_KEY="+k.Hex()+"\n")
		}
		r.Commit(fmt.Sprint("commit ", c))
	}
	gittest.Git(t, r.Dir, "repack", "-a", "-d", "-f", "-q", "--depth=50", "--window=50")
	return r
}

// Every object read through the pack fast path equals go-git's reading,
// with a cache large enough to hold everything and with none at all.
func TestPackReaderMatchesGoGit(t *testing.T) {
	r := packedRepo(t)
	set := openPacks(filepath.Join(r.Dir, ".git", "objects"))
	defer set.close()
	if len(set.packs) != 1 {
		t.Fatalf("%d packs", len(set.packs))
	}
	fresh, err := git.PlainOpen(r.Dir) // r.Repo predates the repack
	if err != nil {
		t.Fatal(err)
	}
	iter, err := fresh.Storer.IterEncodedObjects(plumbing.AnyObject)
	if err != nil {
		t.Fatal(err)
	}
	var want = map[plumbing.Hash][]byte{}
	var types = map[plumbing.Hash]plumbing.ObjectType{}
	err = iter.ForEach(func(o plumbing.EncodedObject) error {
		rd, err := o.Reader()
		if err != nil {
			return err
		}
		defer rd.Close()
		want[o.Hash()], err = io.ReadAll(rd)
		types[o.Hash()] = o.Type()
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	for _, budget := range []int{64 << 20, 0} {
		rd := set.reader(&objCache{budget: budget})
		deltas := 0
		for h, content := range want {
			typ, data, err := rd.read(h)
			if err != nil {
				t.Fatalf("budget %d: %s: %v", budget, h, err)
			}
			if typ != types[h] || !bytes.Equal(data, content) {
				t.Fatalf("budget %d: %s: got %s of %d bytes, want %s of %d", budget, h, typ, len(data), types[h], len(content))
			}
			if off, _ := set.packs[0].find(h); off > 0 {
				if hd, _ := set.packs[0].header(off); hd.typ == plumbing.OFSDeltaObject {
					deltas++
				}
			}
		}
		if deltas == 0 {
			t.Fatalf("no deltas in the pack: the test proves nothing")
		}
	}
	if _, _, err := set.reader(&objCache{budget: 1 << 20}).read(plumbing.NewHash("0123456789012345678901234567890123456789")); err != errNotPacked {
		t.Errorf("missing object: %v, want errNotPacked", err)
	}
}

// badDelta is a corrupt delta, named for what is wrong with it.
type badDelta struct {
	name  string
	delta []byte
}

// corruptDeltas are deltas that a source of src bytes (6 to 127) must
// refuse, each for one reason.
func corruptDeltas(src byte) []badDelta {
	return []badDelta{
		{"empty", nil},
		{"wrong source size", []byte{src - 3, 3, 3, 'a', 'b', 'c'}},
		{"no target size", []byte{src}},
		{"copy past the source", []byte{src, 5, 0x91, src - 3, 5}},
		{"insert past the delta", []byte{src, 5, 4, 'a'}},
		{"target too long", []byte{src, 1, 2, 'a', 'b'}},
		{"target too short", []byte{src, 3, 1, 'a'}},
		{"reserved command", []byte{src, 1, 0}},
		{"truncated copy", []byte{src, 5, 0x91}},
	}
}

func TestApplyDeltaRejectsCorruption(t *testing.T) {
	base := []byte("hello, world\n")
	for _, tt := range corruptDeltas(byte(len(base))) {
		if _, err := applyDelta(base, tt.delta, largeBlob); err == nil {
			t.Errorf("%s: no error", tt.name)
		}
	}
	got, err := applyDelta(base, []byte{13, 8, 0x90, 5, 3, '!', '!', '!'}, largeBlob) // copy "hello", insert "!!!"
	if err != nil || string(got) != "hello!!!" {
		t.Errorf("valid delta: %q, %v", got, err)
	}
}

func FuzzApplyDelta(f *testing.F) {
	f.Add([]byte("hello, world\n"), []byte{13, 8, 0x90, 5, 3, '!', '!', '!'})
	f.Add([]byte("abc"), []byte{3, 0x80, 0x80, 0x80, 0x01, 0x91, 0xff})
	f.Fuzz(func(t *testing.T, base, delta []byte) {
		out, err := applyDelta(base, delta, largeBlob)
		if err == nil && len(out) > maxObject {
			t.Fatal("oversized result")
		}
	})
}

// A corrupt pack makes some objects unreadable: each is named, counted,
// and the scan completes.
func TestHistoryCorruptPack(t *testing.T) {
	r := packedRepo(t)
	packs, _ := filepath.Glob(filepath.Join(r.Dir, ".git", "objects", "pack", "*.pack"))
	raw, err := os.ReadFile(packs[0])
	if err != nil {
		t.Fatal(err)
	}
	for i := len(raw) / 3; i < len(raw)/3+400; i++ {
		raw[i] ^= 0x5a
	}
	if err := os.WriteFile(packs[0], raw, 0o644); err != nil {
		t.Fatal(err)
	}
	g, err := Open(r.Dir)
	if err != nil {
		t.Fatal(err)
	}
	defer g.Close()
	cat, err := rules.Builtin()
	if err != nil {
		t.Fatal(err)
	}
	var named []scanner.FileError
	rep, err := Scan(context.Background(), &scanner.Engine{Rules: cat, Jobs: 2}, g, Options{}, func(fe scanner.FileError) { named = append(named, fe) })
	if err != nil {
		t.Fatal(err)
	}
	if len(named) == 0 {
		t.Fatal("no object named unreadable")
	}
	if len(rep.Stats.Errors) != len(named) || rep.Stats.Skipped["unreadable"] != int64(len(named)) {
		t.Errorf("named %d, errors %d, unreadable %d", len(named), len(rep.Stats.Errors), rep.Stats.Skipped["unreadable"])
	}
	if rep.Stats.Files == 0 {
		t.Errorf("nothing scanned")
	}
	t.Logf("%d objects named unreadable, e.g. %v; %d blobs scanned", len(named), named[0], rep.Stats.Files)
}

// TestObjectDirsFollowsAlternates lays out object directories that borrow
// from each other (absolute, relative and quoted paths, a comment, a
// cycle, a missing directory, and a chain longer than git follows) and
// checks which are listed, in order, each once.
func TestObjectDirsFollowsAlternates(t *testing.T) {
	root := t.TempDir()
	dir := func(name string) string {
		d := filepath.Join(root, name, "objects")
		if err := os.MkdirAll(filepath.Join(d, "info"), 0o755); err != nil {
			t.Fatal(err)
		}
		return d
	}
	borrow := func(from string, lines ...string) {
		if err := os.WriteFile(filepath.Join(from, "info", "alternates"), []byte(strings.Join(lines, "\n")+"\n"), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	a, b, c, q := dir("a"), dir("b"), dir("c"), dir("with space")
	borrow(a, "# a comment", b, "", "../../c/objects\r", `"`+q+`"`, filepath.Join(root, "missing", "objects"))
	borrow(c, a) // a cycle back to the start
	chain := []string{dir("d0")}
	for i := 1; i <= maxAlternateDepth+2; i++ {
		d := dir(fmt.Sprint("d", i))
		borrow(chain[len(chain)-1], d)
		chain = append(chain, d)
	}
	borrow(b, chain[0])

	got := objectDirs(a)
	want := []string{a, b}
	// a's file is read at depth 0, b's at 1, chain[i]'s at i+2: the last
	// file read is chain[maxAlternateDepth-2]'s, naming chain[maxAlternateDepth-1].
	want = append(want, chain[:maxAlternateDepth]...)
	want = append(want, c, q, filepath.Join(root, "missing", "objects"))
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("objectDirs:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
}

// TestPacksOfAnAlternateAreRead: a --shared clone's borrowed objects are
// read from the alternate's pack by the fast path (go-git would decode the
// alternate's whole index on every lookup), and equal go-git's reading.
func TestPacksOfAnAlternateAreRead(t *testing.T) {
	origin := packedRepo(t)
	dst := filepath.Join(t.TempDir(), "shared")
	gittest.Git(t, origin.Dir, "clone", "-q", "--shared", origin.Dir, dst)
	set := openPacks(filepath.Join(dst, ".git", "objects"))
	defer set.close()
	if len(set.packs) != 1 {
		t.Fatalf("%d packs, want the origin's one", len(set.packs))
	}
	fresh, err := git.PlainOpen(origin.Dir) // where the objects are
	if err != nil {
		t.Fatal(err)
	}
	r := set.reader(&objCache{budget: 1 << 20})
	head := gittest.Git(t, dst, "rev-parse", "HEAD^{tree}")
	for _, h := range []plumbing.Hash{plumbing.NewHash(gittest.Git(t, dst, "rev-parse", "HEAD")), plumbing.NewHash(head)} {
		typ, data, err := r.read(h)
		if err != nil {
			t.Fatalf("%s: %v", h, err)
		}
		o, err := fresh.Storer.EncodedObject(plumbing.AnyObject, h)
		if err != nil {
			t.Fatal(err)
		}
		rd, err := o.Reader()
		if err != nil {
			t.Fatal(err)
		}
		want, err := io.ReadAll(rd)
		if err != nil {
			t.Fatal(err)
		}
		if typ != o.Type() || !bytes.Equal(data, want) {
			t.Errorf("%s: read a %s of %d bytes, go-git a %s of %d", h, typ, len(data), o.Type(), len(want))
		}
	}
}

// TestPackReaderManyPacks reads every object of a repository packed in
// several steps (one pack per step, as fetches without gc leave them)
// through one reader, in map order, so that the packs are asked in an
// order that keeps changing, and compares each with go-git's reading.
func TestPackReaderManyPacks(t *testing.T) {
	r := gittest.New(t)
	k := gittest.NewKeys(t)
	for step := range 4 {
		for c := range 5 {
			r.Write(fmt.Sprintf("dir%d/f%d.txt", step, c), fmt.Sprintf("step %d commit %d %s\n", step, c, k.Hex()))
			r.Write("shared.txt", fmt.Sprintf("edited at %d.%d\n", step, c))
			// git's own commands: r.Repo (go-git) keeps the pack list it
			// read first and loses the objects each repack moves.
			gittest.Git(t, r.Dir, "add", "-A")
			gittest.Git(t, r.Dir, "commit", "-q", "-m", fmt.Sprint("commit ", step, c))
		}
		gittest.Git(t, r.Dir, "repack", "-d", "-q") // only the loose objects: a new pack
	}
	set := openPacks(filepath.Join(r.Dir, ".git", "objects"))
	defer set.close()
	if len(set.packs) != 4 {
		t.Fatalf("%d packs, want 4", len(set.packs))
	}
	fresh, err := git.PlainOpen(r.Dir)
	if err != nil {
		t.Fatal(err)
	}
	want := map[plumbing.Hash][]byte{}
	types := map[plumbing.Hash]plumbing.ObjectType{}
	for _, name := range strings.Fields(gittest.Git(t, r.Dir, "cat-file", "--batch-all-objects", "--batch-check=%(objectname)")) {
		h := plumbing.NewHash(name)
		o, err := fresh.Storer.EncodedObject(plumbing.AnyObject, h)
		if err != nil {
			t.Fatalf("%s: %v", h, err)
		}
		rd, err := o.Reader()
		if err != nil {
			t.Fatal(err)
		}
		want[h], err = io.ReadAll(rd)
		rd.Close()
		if err != nil {
			t.Fatal(err)
		}
		types[h] = o.Type()
	}
	if len(want) < 60 {
		t.Fatalf("%d objects", len(want))
	}
	rd := set.reader(&objCache{budget: 1 << 20})
	for range 2 {
		for h, content := range want {
			typ, data, err := rd.read(h)
			if err != nil {
				t.Fatalf("%s: %v", h, err)
			}
			if typ != types[h] || !bytes.Equal(data, content) {
				t.Fatalf("%s: got %s of %d bytes, want %s of %d", h, typ, len(data), types[h], len(content))
			}
		}
	}
	if _, _, err := rd.read(plumbing.NewHash("0123456789012345678901234567890123456789")); err != errNotPacked {
		t.Errorf("missing object: %v, want errNotPacked", err)
	}
}

// TestLargeDeltaChain reads every version of a file over largeBlob that
// git packed as a delta chain: each must come from the packs (not go-git,
// which rebuilt each version from the chain's base), equal to what git
// reads, and the large reader must keep memory to the versions it holds.
func TestLargeDeltaChain(t *testing.T) {
	t.Parallel()
	r := gittest.New(t)
	lines := make([]string, 200_000) // 9.4 MB
	for i := range lines {
		lines[i] = fmt.Sprintf("const v%06d = %08d // a generated value\n", i, i)
	}
	var blobs []string
	for c := range 5 {
		lines[c*1000] = fmt.Sprintf("const v%06d = %d // edited in %d\n", c*1000, c, c)
		r.Write("gen/values.go", strings.Join(lines, ""))
		r.Commit(fmt.Sprintf("edit %d", c))
		blobs = append(blobs, gittest.Git(t, r.Dir, "rev-parse", "HEAD:gen/values.go"))
	}
	gittest.Git(t, r.Dir, "repack", "-a", "-d", "-f", "-q", "--depth=50", "--window=10")
	whole := map[string]bool{} // the versions git stored whole
	for _, line := range strings.Split(gittest.Git(t, r.Dir, "cat-file", "--batch-all-objects", "--batch-check=%(objectname) %(deltabase)"), "\n") {
		name, base, _ := strings.Cut(line, " ")
		if slices.Contains(blobs, name) && base == strings.Repeat("0", 40) {
			whole[name] = true
		}
	}
	if len(whole) == len(blobs) {
		t.Fatal("git stored no version as a delta: nothing to test")
	}
	g, err := Open(r.Dir)
	if err != nil {
		t.Fatal(err)
	}
	defer g.Close()
	for i := len(blobs) - 1; i >= 0; i-- { // newest first, as a scan reads them
		h := plumbing.NewHash(blobs[i])
		typ, data, err := g.read(h)
		if whole[blobs[i]] && errors.Is(err, errNotPacked) {
			// A whole object this large is streamed by go-git instead,
			// unless the reader holds it as the base of a chain it read.
			continue
		}
		if err != nil {
			t.Fatalf("version %d (%s): %v", i, h, err)
		}
		if typ != plumbing.BlobObject || string(data) != gittest.Git(t, r.Dir, "cat-file", "blob", blobs[i])+"\n" {
			t.Fatalf("version %d: not the blob git reads", i)
		}
	}
	c := g.large.cache.(*recentObjects)
	if kept := len(c.built) + len(c.base); kept == 0 || kept > 2*largeKept {
		t.Errorf("the large reader keeps %d objects, want 1 to %d", kept, 2*largeKept)
	}
}

// TestChainsFromOldest reads two delta chains whose bases are their oldest
// versions (as a fetch stores what it receives), newest first and in
// turn, as a scan reads two files edited in the same commits. Whether the
// reader is the large one (which keeps two versions and two bases) or a
// worker's whose cache is too small for a chain's versions, it must build
// every version right, and build each one once from its chain's base: not
// apply the chain one delta at a time, and not inflate a base again
// because the other chain's objects pushed it out.
func TestChainsFromOldest(t *testing.T) {
	r := rand.New(rand.NewPCG(5, 6))
	const depth = 12
	var chains [2][][]byte
	img := []byte("PACK\x00\x00\x00\x02\x00\x00\x00\x1a")
	var names []plumbing.Hash
	var offs []byte
	for c := range chains {
		versions, deltas := versionChain(r, 4000, depth) // about 80 KB each
		chains[c] = versions
		prev := int64(len(img))
		for i, v := range versions {
			off := int64(len(img))
			if i == 0 {
				img = append(img, packEntry(plumbing.BlobObject, int64(len(v)), 0, nil, v)...)
			} else {
				d := deltas[i-1]
				img = append(img, packEntry(plumbing.OFSDeltaObject, int64(len(d)), off-prev, nil, d)...)
			}
			prev = off
			names = append(names, fuzzHash(len(names)))
			offs = binary.BigEndian.AppendUint32(offs, uint32(off))
		}
	}
	idx, err := parseIndex(indexImage(names, offs, nil))
	if err != nil {
		t.Fatal(err)
	}
	p := &pack{data: img, idx: idx, size: int64(len(img))}
	for _, tc := range []struct {
		name  string
		cache objectCache
	}{
		{"large reader", &recentObjects{n: largeKept}},
		{"worker, room for 3 versions", newSharedCache(1 << 20)},
	} {
		rd := (&packSet{packs: []*pack{p}}).reader(tc.cache)
		var built int
		used := allocated(func() {
			for i := depth; i >= 1; i-- {
				for c := range chains {
					want := chains[c][i]
					built += len(want)
					typ, data, err := rd.read(names[c*(depth+1)+i])
					if err != nil || typ != plumbing.BlobObject || !bytes.Equal(data, want) {
						t.Fatalf("%s: chain %d, version %d: %s, %v; not the version", tc.name, c, i, typ, err)
					}
				}
			}
		})
		// Each version is built once (its bytes), each base inflated
		// once; the composed deltas are a few pieces. In turn, each read
		// would build every version below it: six times as much here.
		bases := len(chains[0][0]) + len(chains[1][0])
		if limit := uint64(built+bases) * 3 / 2; used > limit {
			t.Errorf("%s: reading %d versions of %d bytes allocated %d bytes, want at most %d", tc.name, 2*depth, built, used, limit)
		}
	}
}

// spareBuffers hands back a buffer given to it when it is large enough,
// and keeps no more than maxSpare.
func TestSpareBuffers(t *testing.T) {
	var s spareBuffers
	if b := s.get(10); b != nil {
		t.Fatalf("empty: got %d bytes", len(b))
	}
	for i := range maxSpare + 2 {
		s.put(make([]byte, 100+i, 200+i))
	}
	if len(s.bufs) != maxSpare {
		t.Errorf("keeps %d buffers, want %d", len(s.bufs), maxSpare)
	}
	if b := s.get(1000); b != nil {
		t.Errorf("too small a buffer handed out for 1000 bytes: cap %d", cap(b))
	}
	if b := s.get(150); len(b) != 150 || cap(b) < 150 {
		t.Errorf("get(150): len %d cap %d", len(b), cap(b))
	}
	if len(s.bufs) != maxSpare-1 {
		t.Errorf("after one get, %d kept, want %d", len(s.bufs), maxSpare-1)
	}
}

// A version that goes back to the large reader when read is given back
// once, on Close, and cannot be opened a second time.
func TestVersionReaderGivesBackOnce(t *testing.T) {
	given := 0
	v := &versionReader{Reader: bytes.NewReader([]byte("AMPLITUDE")), done: func() { given++ }}
	rc, err := v.open()
	if err != nil {
		t.Fatal(err)
	}
	if b, err := io.ReadAll(rc); err != nil || string(b) != "AMPLITUDE" {
		t.Fatalf("read %q, %v", b, err)
	}
	if given != 0 {
		t.Fatal("given back before Close")
	}
	if _, err := v.open(); err == nil {
		t.Error("opened twice")
	}
	_ = rc.Close()
	_ = rc.Close()
	if given != 1 {
		t.Errorf("given back %d times, want 1", given)
	}
	kept := &versionReader{Reader: bytes.NewReader([]byte("x"))} // shared with the cache: never given back
	for range 2 {
		if _, err := kept.open(); err != nil {
			t.Errorf("a version not given back: %v", err)
		}
	}
}
