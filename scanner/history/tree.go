package history

import (
	"bytes"
	"cmp"
	"encoding/binary"
	"sort"
	"unsafe"

	"github.com/go-git/go-git/v5/plumbing"
	"github.com/go-git/go-git/v5/plumbing/filemode"
)

// treeDiffer compares trees the way `git diff-tree -r --no-renames` does,
// by entry hash: a subtree whose hash is the same on both sides is skipped
// without being read, which is what makes a whole-history walk cheap.
type treeDiffer struct {
	g     *Repo
	cache treeCache
	// fail is told about a tree that cannot be read, and whether it was
	// the old side of a diff. The subtree is skipped (neither side is
	// trusted, so nothing in it is reported as changed) unless fail returns
	// true, which reads an unreadable old side as empty: every file of the
	// new side is then reported as added, as at a shallow clone's boundary.
	fail func(h plumbing.Hash, path string, old bool, err error) (asEmpty bool)
}

// fileChange is one path whose file differs between two trees. A zero hash
// on one side means no file there (added or deleted).
type fileChange struct {
	Path     string
	Old, New plumbing.Hash
	// OldMode and NewMode say what each side is; a submodule is reported
	// so that the caller can count it, never followed.
	OldMode, NewMode filemode.FileMode
}

// diff calls fn for every file that differs between trees a and b (either
// may be plumbing.ZeroHash, the empty tree), in tree order.
func (d *treeDiffer) diff(a, b plumbing.Hash, fn func(fileChange)) {
	d.diffDir("", a, b, fn)
}

func (d *treeDiffer) diffDir(prefix string, a, b plumbing.Hash, fn func(fileChange)) {
	if a == b {
		return
	}
	// The new side is read first. Commits are walked newest first, so this
	// commit's tree was the previous commit's parent and is still in the
	// cache; reading the parent's first put it out when trees are large,
	// and a directory of 60,000 files was parsed twice for every commit.
	tb, ok := d.tree(b, prefix, false)
	if !ok {
		return
	}
	ta, ok := d.tree(a, prefix, true)
	if !ok {
		return
	}
	i, j := 0, 0
	for i < len(ta.ents) || j < len(tb.ents) {
		var c int
		switch {
		case i == len(ta.ents):
			c = 1
		case j == len(tb.ents):
			c = -1
		default:
			// Most of a large directory is the same on both sides: a run
			// of entries written alike is passed over by comparing bytes,
			// not entry by entry.
			if n := sameRun(ta, i, tb, j); n > 0 {
				i, j = i+n, j+n
				continue
			}
			c = compareEntries(ta, i, tb, j)
		}
		switch {
		case c < 0:
			d.side(prefix, ta, i, true, fn)
			i++
		case c > 0:
			d.side(prefix, tb, j, false, fn)
			j++
		default:
			x, y := &ta.ents[i], &tb.ents[j]
			xh, yh := ta.hash(i), tb.hash(j)
			name := ta.name(i)
			i++
			j++
			if xh == yh && x.mode == y.mode {
				continue
			}
			if x.mode == filemode.Dir { // both are directories: same key
				d.diffDir(join(prefix, string(name)), xh, yh, fn)
				continue
			}
			fn(fileChange{Path: join(prefix, string(name)), Old: xh, New: yh, OldMode: x.mode, NewMode: y.mode})
		}
	}
}

// side handles entry i of t, present in only one of the trees.
func (d *treeDiffer) side(prefix string, t *tree, i int, old bool, fn func(fileChange)) {
	p, h, mode := join(prefix, string(t.name(i))), t.hash(i), t.ents[i].mode
	switch {
	case mode == filemode.Dir && old:
		d.diffDir(p, h, plumbing.ZeroHash, fn)
	case mode == filemode.Dir:
		d.diffDir(p, plumbing.ZeroHash, h, fn)
	case old:
		fn(fileChange{Path: p, Old: h, OldMode: mode})
	default:
		fn(fileChange{Path: p, New: h, NewMode: mode})
	}
}

// walk calls fn for every file in tree h (a whole-tree listing).
func (d *treeDiffer) walk(h plumbing.Hash, fn func(fileChange)) {
	d.diffDir("", plumbing.ZeroHash, h, fn)
}

// emptyTree is what the zero hash names.
var emptyTree = &tree{}

func (d *treeDiffer) tree(h plumbing.Hash, path string, old bool) (*tree, bool) {
	if h.IsZero() {
		return emptyTree, true
	}
	if t, ok := d.cache.get(h); ok {
		return t, true
	}
	t, err := d.g.readTree(h)
	if err != nil {
		if d.fail != nil && d.fail(h, path, old, err) {
			return emptyTree, true
		}
		return nil, false
	}
	d.cache.put(h, t)
	return t, true
}

// tree is a tree object as stored, and where each of its entries stands
// in it. Names and hashes are read in place: a directory of 60,000 files
// made 60,000 strings each time it was read, and reading it was most of
// a history scan's time.
type tree struct {
	data []byte // read-only; may be shared with the object cache
	ents []treeEntry
}

// treeEntry is one entry of a tree: "<octal mode> <name>\0<20-byte hash>"
// from data[start] to data[nul+21].
type treeEntry struct {
	start, name, nul uint32
	mode             filemode.FileMode
}

func (t *tree) name(i int) []byte { return t.data[t.ents[i].name:t.ents[i].nul] }

func (t *tree) hash(i int) plumbing.Hash {
	return plumbing.Hash(t.data[t.ents[i].nul+1 : t.ents[i].nul+21])
}

// end is where entry i ends (and the next begins).
func (t *tree) end(i int) uint32 { return t.ents[i].nul + 21 }

// size is about what t holds in memory, for treeCache's budget.
func (t *tree) size() int { return len(t.data) + len(t.ents)*int(unsafe.Sizeof(treeEntry{})) }

// sameRun returns how many entries from ta's i-th and tb's j-th on are
// written byte for byte alike. Both start at an entry, and an entry's
// extent depends only on its own bytes, so the entries of ta that end
// within the common prefix are entries of tb too, at the same distances.
func sameRun(ta *tree, i int, tb *tree, j int) int {
	from := ta.ents[i].start
	k := commonPrefix(ta.data[from:], tb.data[tb.ents[j].start:])
	limit := from + uint32(k)
	if ta.end(i) > limit {
		return 0
	}
	return sort.Search(len(ta.ents)-i, func(n int) bool { return ta.end(i+n) > limit })
}

// commonPrefix returns the length of the longest common prefix of a and b.
func commonPrefix(a, b []byte) int {
	n := min(len(a), len(b))
	i := 0
	// A block at a time while blocks agree (bytes.Equal is vectorised),
	// then a word at a time, then bytes.
	const block = 256
	for i+block <= n && bytes.Equal(a[i:i+block], b[i:i+block]) {
		i += block
	}
	for i+8 <= n && binary.LittleEndian.Uint64(a[i:]) == binary.LittleEndian.Uint64(b[i:]) {
		i += 8
	}
	for i < n && a[i] == b[i] {
		i++
	}
	return i
}

// compareEntries orders entry i of ta and entry j of tb as git sorts a
// tree: by name, a directory comparing as if its name ended in '/'. Equal
// means same name and kind.
func compareEntries(ta *tree, i int, tb *tree, j int) int {
	a, b := ta.name(i), tb.name(j)
	n := min(len(a), len(b))
	if c := bytes.Compare(a[:n], b[:n]); c != 0 {
		return c
	}
	return cmp.Compare(nameByte(a, ta.ents[i].mode, n), nameByte(b, tb.ents[j].mode, n))
}

func nameByte(name []byte, mode filemode.FileMode, n int) int {
	switch {
	case len(name) > n:
		return int(name[n])
	case mode == filemode.Dir:
		return '/'
	}
	return 0
}

func join(prefix, name string) string {
	if prefix == "" {
		return name
	}
	return prefix + "/" + name
}

// isFile reports whether a tree entry mode holds scannable blob content
// (regular, executable, symlink); submodules and directories are not.
func isFile(m filemode.FileMode) bool {
	return m != filemode.Empty && m != filemode.Dir && m != filemode.Submodule
}

// treeCache keeps recently read trees: a child's tree is diffed first as
// the new side and then, for its own parent, as the old side. Two
// generations of bounded size give LRU-like reuse with O(1) bookkeeping.
type treeCache struct {
	cur, prev map[plumbing.Hash]*tree
	size      int // bytes held in cur, see tree.size
}

// treeCacheBytes bounds each generation. Two trees of a directory of
// 60,000 files (2.5 MB each, and 16 bytes an entry) fit in one.
const treeCacheBytes = 8 << 20

func (c *treeCache) get(h plumbing.Hash) (*tree, bool) {
	if t, ok := c.cur[h]; ok {
		return t, true
	}
	if t, ok := c.prev[h]; ok {
		c.put(h, t)
		return t, true
	}
	return nil, false
}

func (c *treeCache) put(h plumbing.Hash, t *tree) {
	if c.cur == nil || c.size+t.size() > treeCacheBytes {
		c.prev, c.cur, c.size = c.cur, make(map[plumbing.Hash]*tree, 1024), 0
	}
	c.cur[h] = t
	c.size += t.size()
}
