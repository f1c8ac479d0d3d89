package history

import (
	"cmp"
	"strings"

	"github.com/go-git/go-git/v5/plumbing"
	"github.com/go-git/go-git/v5/plumbing/filemode"
	"github.com/go-git/go-git/v5/plumbing/object"
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
	// cache; reading the parent's first put it out when trees are large
	// (the cache holds about 50,000 entries a generation), and a directory
	// of 60,000 files was parsed twice for every commit.
	eb, ok := d.entries(b, prefix, false)
	if !ok {
		return
	}
	ea, ok := d.entries(a, prefix, true)
	if !ok {
		return
	}
	i, j := 0, 0
	for i < len(ea) || j < len(eb) {
		var c int
		switch {
		case i == len(ea):
			c = 1
		case j == len(eb):
			c = -1
		default:
			c = compareEntries(&ea[i], &eb[j])
		}
		switch {
		case c < 0:
			d.side(prefix, &ea[i], true, fn)
			i++
		case c > 0:
			d.side(prefix, &eb[j], false, fn)
			j++
		default:
			x, y := &ea[i], &eb[j]
			i++
			j++
			if x.Hash == y.Hash && x.Mode == y.Mode {
				continue
			}
			if x.Mode == filemode.Dir { // both are directories: same key
				d.diffDir(join(prefix, x.Name), x.Hash, y.Hash, fn)
				continue
			}
			fn(fileChange{Path: join(prefix, x.Name), Old: x.Hash, New: y.Hash, OldMode: x.Mode, NewMode: y.Mode})
		}
	}
}

// side handles an entry present in only one tree.
func (d *treeDiffer) side(prefix string, e *object.TreeEntry, old bool, fn func(fileChange)) {
	p := join(prefix, e.Name)
	switch {
	case e.Mode == filemode.Dir && old:
		d.diffDir(p, e.Hash, plumbing.ZeroHash, fn)
	case e.Mode == filemode.Dir:
		d.diffDir(p, plumbing.ZeroHash, e.Hash, fn)
	case old:
		fn(fileChange{Path: p, Old: e.Hash, OldMode: e.Mode})
	default:
		fn(fileChange{Path: p, New: e.Hash, NewMode: e.Mode})
	}
}

// walk calls fn for every file in tree h (a whole-tree listing).
func (d *treeDiffer) walk(h plumbing.Hash, fn func(fileChange)) {
	d.diffDir("", plumbing.ZeroHash, h, fn)
}

func (d *treeDiffer) entries(h plumbing.Hash, path string, old bool) ([]object.TreeEntry, bool) {
	if h.IsZero() {
		return nil, true
	}
	if es, ok := d.cache.get(h); ok {
		return es, true
	}
	es, err := d.g.readTree(h)
	if err != nil {
		if d.fail != nil && d.fail(h, path, old, err) {
			return nil, true
		}
		return nil, false
	}
	d.cache.put(h, es)
	return es, true
}

// compareEntries orders entries as git sorts a tree: by name, a directory
// comparing as if its name ended in '/'. Equal means same name and kind.
func compareEntries(a, b *object.TreeEntry) int {
	n := min(len(a.Name), len(b.Name))
	if c := strings.Compare(a.Name[:n], b.Name[:n]); c != 0 {
		return c
	}
	return cmp.Compare(nameByte(a, n), nameByte(b, n))
}

func nameByte(e *object.TreeEntry, n int) int {
	switch {
	case len(e.Name) > n:
		return int(e.Name[n])
	case e.Mode == filemode.Dir:
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

// treeCache keeps recently decoded trees: a child's tree is diffed first as
// the new side and then, for its own parent, as the old side. Two
// generations of bounded size give LRU-like reuse with O(1) bookkeeping.
type treeCache struct {
	cur, prev map[plumbing.Hash][]object.TreeEntry
	size      int // entries held in cur
}

// treeCacheEntries bounds each generation by entries (about 100 bytes
// each), so the cache stays within a few tens of megabytes.
const treeCacheEntries = 50_000

func (c *treeCache) get(h plumbing.Hash) ([]object.TreeEntry, bool) {
	if es, ok := c.cur[h]; ok {
		return es, true
	}
	if es, ok := c.prev[h]; ok {
		c.put(h, es)
		return es, true
	}
	return nil, false
}

func (c *treeCache) put(h plumbing.Hash, es []object.TreeEntry) {
	if c.cur == nil || c.size+len(es) > treeCacheEntries {
		c.prev, c.cur, c.size = c.cur, make(map[plumbing.Hash][]object.TreeEntry, 1024), 0
	}
	c.cur[h] = es
	c.size += len(es)
}
