package history

import (
	"bufio"
	"bytes"
	"compress/zlib"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"sync"

	"github.com/go-git/go-git/v5/plumbing"
)

// packSet is a repository's pack files, opened (and mapped) once. It is
// immutable after openPacks, so lookups are safe from any goroutine; reading
// objects goes through a packReader, which belongs to one goroutine.
//
// This is the history scan's fast path: go-git's object storage hashes every
// object it caches and re-reads any object over 16 KiB through a fresh file
// handle, which made a history walk slower than `git log -p`. Here an object
// is located with the pack index, inflated once, and delta chains are
// resolved against a bounded cache of recent objects keyed by pack offset.
// Anything it does not handle (loose objects, its own or an alternate's, a
// delta base in another pack, objects over its limit) is reported as
// errNotPacked and read instead by the goroutine that owns the repository:
// with its large reader (see largeDelta) or through go-git.
type packSet struct {
	packs []*pack
}

// packReader reads objects from a packSet with its own cache and inflater.
type packReader struct {
	set   *packSet
	cache objectCache
	// limit bounds every buffer the reader allocates: largeBlob, or
	// largeDelta for the owner's reader of large delta chains (see
	// Repo.large). A whole object over largeBlob is never read, only
	// streamed by go-git, unless it is the base of such a chain.
	limit   int64
	br      *bufio.Reader
	mr      bytes.Reader
	zr      io.ReadCloser
	scratch []byte // delta data, which is not kept
	// order lists the packs, the one that last held an object first.
	order []int
	// spare, for the large reader, holds the buffers of versions given
	// back (see giveBack), to build the next ones in. fresh is the last
	// object built for its read alone (composed, not kept in the cache):
	// nothing but its reader's caller holds it.
	spare *spareBuffers
	fresh []byte
}

// spareBuffers is a short list of buffers given back, safe for concurrent
// use. (A sync.Pool, which drops what it holds over collections, let 67
// MB be allocated for the 40 versions of bench/git-bigfile.sh against 45
// MB for this list, and bounds nothing.)
type spareBuffers struct {
	mu   sync.Mutex
	bufs [][]byte
}

// maxSpare is how many buffers spareBuffers keeps: one per version being
// scanned at once, and one being built, on two cores.
const maxSpare = 2

func (s *spareBuffers) get(n int64) []byte {
	s.mu.Lock()
	defer s.mu.Unlock()
	for i, b := range s.bufs {
		if int64(cap(b)) >= n {
			s.bufs = slices.Delete(s.bufs, i, i+1)
			return b[:n]
		}
	}
	return nil
}

func (s *spareBuffers) put(b []byte) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if len(s.bufs) < maxSpare {
		s.bufs = append(s.bufs, b[:0])
	}
}

type pack struct {
	f    *os.File
	data []byte // the whole pack, mapped; nil where mapping is unavailable
	idx  *packIndex
	size int64
}

var errNotPacked = errors.New("not in a pack this reader handles")

// maxObject bounds what one object header may claim before anything is
// allocated for it, so that a corrupt pack cannot exhaust memory.
const maxObject = 1 << 31

// Memory budget. A packReader never allocates a buffer larger than its
// limit (largeBlob, 8 MiB), whatever a header or delta claims: an entry
// (whole or delta) or a delta result that says it is larger is handed on.
// While resolving one object it holds at most four such buffers (the
// chain's base, the delta being applied, its result, and the top delta),
// so a reader's memory stays within its cache budget plus 4*limit. The
// checks are in resolve, inflate, inflateDelta and applyDelta;
// FuzzPackReader measures the allocations. Composing a chain instead (one
// whose versions the cache cannot keep, see resolve) holds the top delta,
// the one being read, and two composed deltas of at most limit/2 each in
// place of the object built in between.
//
// What a reader hands on goes to the owner. A whole object over largeBlob
// is streamed by go-git in bounded memory. A delta chain whose objects are
// over largeBlob (a big generated file edited commit after commit) is
// resolved by the owner's large reader (limit largeDelta), one at a time:
// go-git rebuilt every such version from the chain's base, with the whole
// chain in memory, and 40 versions of a 23 MB file took 31 s and 1.4 GB.

// largeDelta bounds the objects of a delta chain that the owner's large
// reader resolves. Larger ones are left to go-git (git itself does not
// delta-compress files over core.bigFileThreshold, 512 MiB by default).
const largeDelta = 48 << 20

// largeKept is how many of the large objects it built, and how many of
// those stored whole, the large reader keeps (see recentObjects): a chain
// whose base is its newest version, read newest first, applies one delta
// per version from the last one built; one whose base is its oldest
// composes the deltas from the kept base and builds each version with one
// pass (see flatDelta). At most 2*largeKept*largeDelta (192 MiB; 92 MB
// for two chains of a 23 MB file), and nothing unless such chains exist.
const largeKept = 2

// openPacks opens every pack under objectsDir/pack and under the object
// directories it borrows from (see objectDirs). A pack whose index cannot
// be read is left to go-git (which will report it when used).
func openPacks(objectsDir string) *packSet {
	s := &packSet{}
	for _, dir := range objectDirs(objectsDir) {
		names, _ := filepath.Glob(filepath.Join(dir, "pack", "pack-*.idx"))
		for _, name := range names {
			if p, err := openPack(name); err == nil {
				s.packs = append(s.packs, p)
			}
		}
	}
	return s
}

// maxAlternateDepth is how deep git itself reads the alternates of
// alternates: the repository's own file is read at depth 0, and a file
// deeper than this is ignored.
const maxAlternateDepth = 5

// objectDirs returns objectsDir and then the object directories it
// borrows from: those named in its info/alternates (a clone made with
// --shared or --reference), and theirs, each once. A line is a path,
// absolute or relative to the directory whose file names it, possibly
// quoted; blank lines and lines starting with '#' are skipped.
//
// Their packs are read here, not through go-git, because go-git builds a
// new object store for an alternate on every lookup and decodes the
// alternate's whole pack index each time: a scan of a --shared clone of
// the 21,340-commit synthetic history had not finished after 13 minutes of
// CPU, where the original takes 3 seconds.
func objectDirs(objectsDir string) []string {
	var dirs []string
	seen := map[string]bool{}
	var visit func(dir string, depth int)
	visit = func(dir string, depth int) {
		dir = filepath.Clean(dir)
		if seen[dir] {
			return
		}
		seen[dir] = true
		dirs = append(dirs, dir)
		if depth > maxAlternateDepth {
			return // git lists this one but reads no further
		}
		// The path comes from the repository being scanned, which may name
		// any object directory, as it may for git; only its packs are read.
		raw, err := os.ReadFile(filepath.Join(dir, "info", "alternates")) //nolint:gosec // see above
		if err != nil {
			return
		}
		for _, line := range strings.Split(string(raw), "\n") {
			line = strings.TrimRight(line, "\r")
			if line == "" || line[0] == '#' {
				continue
			}
			if line[0] == '"' {
				unq, err := strconv.Unquote(line)
				if err != nil {
					continue
				}
				line = unq
			}
			if !filepath.IsAbs(line) {
				line = filepath.Join(dir, line)
			}
			visit(line, depth+1)
		}
	}
	visit(objectsDir, 0)
	return dirs
}

// reader returns a new reader that keeps what it inflates in cache.
func (s *packSet) reader(cache objectCache) *packReader {
	order := make([]int, len(s.packs))
	for i := range order {
		order[i] = i
	}
	return &packReader{set: s, br: bufio.NewReaderSize(nil, 16<<10), cache: cache, order: order, limit: largeBlob}
}

func openPack(idxPath string) (*pack, error) {
	idx, err := openIndex(idxPath)
	if err != nil {
		return nil, err
	}
	f, err := os.Open(strings.TrimSuffix(idxPath, ".idx") + ".pack")
	if err != nil {
		idx.close()
		return nil, err
	}
	fi, err := f.Stat()
	if err != nil {
		idx.close()
		f.Close()
		return nil, err
	}
	p := &pack{f: f, idx: idx, size: fi.Size()}
	p.data, _ = mapFile(f, p.size) // nil: fall back to ReadAt
	return p, nil
}

func (s *packSet) close() {
	for _, p := range s.packs {
		if p.data != nil {
			_ = unmapFile(p.data) // a read-only mapping: nothing to flush, and the scan is over
		}
		p.idx.close()
		p.f.Close()
	}
	s.packs = nil
}

// read returns an object's type and content, or errNotPacked. The content
// may be shared with the cache: it must not be modified.
func (r *packReader) read(h plumbing.Hash) (typ plumbing.ObjectType, data []byte, err error) {
	defer recoverObject(h, &err) // a corrupt pack must not end the scan
	// Packs are asked most recently useful first, as git does: objects
	// read together (a commit's trees, the blobs of neighbouring commits)
	// were mostly packed together, and a repository fetched into many
	// times without gc has dozens of packs. On 101 packs of the synthetic
	// history, asking them in a fixed order made index lookups a quarter
	// of the scan's CPU.
	for k, i := range r.order {
		if off, ok := r.set.packs[i].find(h); ok {
			copy(r.order[1:k+1], r.order[:k])
			r.order[0] = i
			return r.resolve(i, off)
		}
	}
	return plumbing.InvalidObject, nil, errNotPacked
}

// header is a pack entry's header.
type header struct {
	typ     plumbing.ObjectType
	size    int64 // inflated size of the entry's data (the delta, for deltas)
	data    int64 // offset of the zlib stream
	base    int64 // OFS_DELTA: offset of the base
	baseRef plumbing.Hash
}

// step is one delta of a chain, applied base first.
type step struct {
	off int64
	h   header
}

// resolve reads the entry at off in pack pi, following its delta chain
// down to a cached or whole object and applying the deltas back up.
func (r *packReader) resolve(pi int, off int64) (plumbing.ObjectType, []byte, error) {
	r.fresh = nil
	p := r.set.packs[pi]
	var chain []step
	var typ plumbing.ObjectType
	var data []byte
	for {
		if o, ok := r.cache.get(pi, off); ok {
			typ, data = o.typ, o.data
			break
		}
		h, err := p.header(off)
		if err != nil {
			return 0, nil, err
		}
		if h.typ != plumbing.OFSDeltaObject && h.typ != plumbing.REFDeltaObject {
			// A large whole object is read only as the base of a chain
			// (by the large reader); asked for itself, go-git streams it.
			if h.size > r.limit || h.size > largeBlob && len(chain) == 0 {
				return 0, nil, errNotPacked
			}
			if data, err = r.inflate(p, h); err != nil {
				return 0, nil, err
			}
			typ = h.typ
			r.cache.put(pi, off, typ, data, true)
			break
		}
		if h.size > r.limit {
			return 0, nil, errNotPacked // a delta this large: see the budget above
		}
		chain = append(chain, step{off, h})
		if len(chain) > 10_000 {
			return 0, nil, fmt.Errorf("pack offset %d: delta chain too long", off)
		}
		if h.typ == plumbing.OFSDeltaObject {
			off = h.base
			continue
		}
		boff, ok := p.find(h.baseRef)
		if !ok {
			return 0, nil, errNotPacked // base elsewhere: let go-git find it
		}
		off = boff
	}
	var top []byte
	var topSize int64
	if len(chain) > 0 {
		// The object asked for is the top of the chain: refuse it before
		// building it if it is large (go-git streams those).
		var err error
		if top, err = r.inflate(p, chain[0].h); err != nil {
			return 0, nil, err
		}
		if _, size, _, ok := deltaSizes(top); ok {
			if size > r.limit {
				return 0, nil, errNotPacked
			}
			topSize = size
		}
	}
	// A chain read from its far end, one delta at a time, builds every
	// version below the one asked for, and the next reads (the versions
	// below, as a scan reads newest first) find them in the cache while
	// they fit. When they do not, each read built them all again: for 60
	// versions of a 6.8 MB file packed from the oldest, 452 deltas were
	// applied, 3.1 GB copied where the versions hold 410 MB. Such a chain
	// is composed into one delta (see flatDelta), and only the version
	// asked for is built. It is kept like any other (a tree is read again
	// as the next commit's parent), except by the large reader, which
	// reads each blob once: there it is fresh, built in a spare buffer
	// for its reader's caller alone, who gives the buffer back when done.
	if len(chain) > 1 && int64(len(chain)-1)*topSize > r.cache.room() {
		flat, err := r.compose(p, chain, top, int64(len(data)))
		if err == nil {
			if r.spare == nil {
				data = flat.apply(data)
				r.cache.put(pi, chain[0].off, typ, data, false)
				return typ, data, nil
			}
			out := r.buffer(flat.size)
			flat.build(out, data)
			r.fresh = out
			return typ, out, nil
		}
		if err != errFragmented {
			return 0, nil, err
		}
	}
	for i := len(chain) - 1; i >= 0; i-- {
		delta, err := r.level(p, chain, i, top)
		if err != nil {
			return 0, nil, err
		}
		if data, err = applyDelta(data, delta, r.limit); err != nil {
			return 0, nil, fmt.Errorf("pack offset %d: %w", chain[i].off, err)
		}
		r.cache.put(pi, chain[i].off, typ, data, false)
	}
	return typ, data, nil
}

// level returns the delta of chain[i], top for the top one (already
// inflated), the others inflated into the reader's scratch buffer. Each
// level's result is bounded, not only the top's: an intermediate base
// claiming gigabytes goes to go-git (errNotPacked).
func (r *packReader) level(p *pack, chain []step, i int, top []byte) ([]byte, error) {
	delta := top
	if i > 0 {
		var err error
		if delta, err = r.inflateDelta(p, chain[i].h); err != nil {
			return nil, err
		}
	}
	if _, size, _, ok := deltaSizes(delta); ok && size > r.limit {
		return nil, errNotPacked
	}
	return delta, nil
}

// buffer returns n bytes to build a fresh object in: a spare buffer given
// back, when one is large enough, else a new one. Its content is not cleared
// (flatDelta.build writes every byte).
func (r *packReader) buffer(n int64) []byte {
	if b := r.spare.get(n); b != nil {
		return b
	}
	// The versions of a file differ in size by a few bytes either way:
	// room to spare lets a buffer serve the next one.
	return make([]byte, n, n+n/64+4096)
}

// isFresh reports whether data is the last object r read, built for that
// read alone: its bytes are the caller's, who may give them back.
func (r *packReader) isFresh(data []byte) bool {
	return len(data) > 0 && len(r.fresh) == len(data) && &r.fresh[0] == &data[0]
}

// giveBack takes back the buffer of a fresh object (see isFresh) once
// nothing reads it any more, to build another version in. It may be
// called from any goroutine. Each version of a 23 MB file was a new 23 MB
// allocation: for bench/git-bigfile.sh, 920 MB allocated became 45 MB,
// and the scan 2.55-2.75 s became 1.77-2.15 s (peak RSS did not change).
func (r *packReader) giveBack(data []byte) {
	if r.spare != nil {
		r.spare.put(data)
	}
}

// compose returns the chain's deltas composed into one against its base,
// of size baseSize; top is the first delta, already inflated. The bounds
// are resolve's: a level larger than the limit is errNotPacked.
func (r *packReader) compose(p *pack, chain []step, top []byte, baseSize int64) (flatDelta, error) {
	flat := flatBase(baseSize)
	for i := len(chain) - 1; i >= 0; i-- {
		delta, err := r.level(p, chain, i, top)
		if err != nil {
			return flatDelta{}, err
		}
		if flat, err = flat.then(delta, r.limit); err != nil {
			if err == errFragmented {
				return flatDelta{}, err
			}
			return flatDelta{}, fmt.Errorf("pack offset %d: %w", chain[i].off, err)
		}
	}
	return flat, nil
}

// find looks an object up in the pack's index. (go-git's FindOffset also
// records every lookup in a map that only grows.)
func (p *pack) find(h plumbing.Hash) (int64, bool) {
	off, ok := p.idx.find(h)
	if !ok || off >= uint64(p.size) {
		return 0, false
	}
	return int64(off), true
}

// corruptHeader is the error for a header that cannot be read. It is made
// only when needed: header runs once per object read, and formatting the
// error up front cost an allocation each time (65 MB over a 64,000-commit
// history).
func corruptHeader(off int64) error {
	return fmt.Errorf("pack offset %d: corrupt object header", off)
}

// header parses the entry header at off.
func (p *pack) header(off int64) (header, error) {
	var b []byte
	if p.data != nil {
		b = p.data[off:min(off+32, p.size)]
	} else {
		var buf [32]byte
		n, err := p.f.ReadAt(buf[:], off)
		if n == 0 {
			return header{}, fmt.Errorf("pack offset %d: %w", off, err)
		}
		b = buf[:n]
	}
	i := 0
	c := b[i]
	i++
	h := header{typ: plumbing.ObjectType((c >> 4) & 7), size: int64(c & 15)}
	for shift := 4; c&0x80 != 0; shift += 7 {
		if i >= len(b) || shift > 56 {
			return h, corruptHeader(off)
		}
		c = b[i]
		i++
		h.size |= int64(c&0x7f) << shift
	}
	switch h.typ {
	case plumbing.OFSDeltaObject:
		if i >= len(b) {
			return h, corruptHeader(off)
		}
		c = b[i]
		i++
		rel := int64(c & 0x7f)
		for c&0x80 != 0 {
			if i >= len(b) || rel > 1<<55 {
				return h, corruptHeader(off)
			}
			c = b[i]
			i++
			rel = (rel+1)<<7 | int64(c&0x7f)
		}
		h.base = off - rel
		if h.base < 0 || rel == 0 {
			return h, corruptHeader(off)
		}
	case plumbing.REFDeltaObject:
		if i+20 > len(b) {
			return h, corruptHeader(off)
		}
		copy(h.baseRef[:], b[i:i+20])
		i += 20
	case plumbing.CommitObject, plumbing.TreeObject, plumbing.BlobObject, plumbing.TagObject:
	default:
		return h, corruptHeader(off)
	}
	h.data = off + int64(i)
	if h.size > maxObject || h.data >= p.size {
		return h, corruptHeader(off)
	}
	return h, nil
}

// inflate decompresses an entry's data, which must be h.size bytes, into
// a new slice.
func (r *packReader) inflate(p *pack, h header) ([]byte, error) {
	if h.size > r.limit {
		return nil, errNotPacked // never allocate what a header claims beyond the budget
	}
	return r.inflateInto(p, h, make([]byte, h.size))
}

// inflateDelta decompresses delta data into the reader's scratch buffer,
// valid until the next call.
func (r *packReader) inflateDelta(p *pack, h header) ([]byte, error) {
	if h.size > r.limit {
		return nil, errNotPacked // as in inflate
	}
	if int64(cap(r.scratch)) < h.size {
		r.scratch = make([]byte, h.size)
	}
	return r.inflateInto(p, h, r.scratch[:h.size])
}

func (r *packReader) inflateInto(p *pack, h header, out []byte) ([]byte, error) {
	var src io.Reader
	if p.data != nil {
		r.mr.Reset(p.data[h.data:])
		src = &r.mr // a ByteReader: flate reads it directly
	} else {
		r.br.Reset(io.NewSectionReader(p.f, h.data, p.size-h.data))
		src = r.br
	}
	var err error
	if r.zr == nil {
		r.zr, err = zlib.NewReader(src)
	} else {
		err = r.zr.(zlib.Resetter).Reset(src, nil)
	}
	if err != nil {
		return nil, fmt.Errorf("pack offset %d: %w", h.data, err)
	}
	if _, err := io.ReadFull(r.zr, out); err != nil {
		return nil, fmt.Errorf("pack offset %d: inflating %d bytes: %w", h.data, h.size, err)
	}
	return out, nil
}
