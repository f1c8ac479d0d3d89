package history

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"math"
	"os"
	"path/filepath"
	"strconv"
	"strings"

	"github.com/go-git/go-billy/v5/osfs"
	git "github.com/go-git/go-git/v5"
	"github.com/go-git/go-git/v5/plumbing"
	"github.com/go-git/go-git/v5/plumbing/cache"
	"github.com/go-git/go-git/v5/plumbing/filemode"
	"github.com/go-git/go-git/v5/plumbing/object"
	"github.com/go-git/go-git/v5/storage/filesystem"
)

// ErrNotRepository is returned when a path is not inside a git repository.
var ErrNotRepository = errors.New("not a git repository")

// RevisionError says that a range, branch or other revision given by the
// user does not name anything in the repository.
type RevisionError struct {
	Rev string
	Err error
}

func (e *RevisionError) Error() string { return fmt.Sprintf("%s: %v", e.Rev, e.Err) }
func (e *RevisionError) Unwrap() error { return e.Err }

// largeBlob is the size above which a blob is not read whole: the owner
// streams it through go-git to the worker that scans it, in windows (see
// scanBlobs). It keeps memory bounded whatever the repository holds.
const largeBlob = 8 << 20

// Repo is an open repository. It is not safe for concurrent use: a scan
// keeps it in its owner (see owner), which one goroutine holds.
type Repo struct {
	repo    *git.Repository
	storage *filesystem.Storage
	packs   *packSet    // the fast path for packed objects
	objects *packReader // reads packs for the goroutine that owns the repository
	large   *packReader // and the objects of large delta chains (see largeDelta)
	// gitDir is this worktree's git directory; commonDir is the one shared
	// by all worktrees (the same directory outside linked worktrees).
	gitDir, commonDir string
	// partial describes a partial clone (git clone --filter), whose
	// history lacks the objects its filter left on the server; "" for a
	// full clone.
	partial string
}

// Open opens the repository at or above path: a work tree, a linked
// worktree or a bare repository. It returns ErrNotRepository (wrapped) when
// there is none.
func Open(path string) (*Repo, error) {
	if _, err := os.Stat(path); err != nil {
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	// A bare repository is opened as it is; anything else is searched for
	// upwards, as git does (go-git's search would not stop at a bare one).
	detect := !isGitDir(path)
	probe, err := git.PlainOpenWithOptions(path, &git.PlainOpenOptions{DetectDotGit: detect, EnableDotGitCommonDir: true})
	if errors.Is(err, git.ErrRepositoryNotExists) {
		return nil, fmt.Errorf("%s: %w", path, ErrNotRepository)
	}
	if err != nil {
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	st, ok := probe.Storer.(*filesystem.Storage)
	if !ok {
		return nil, fmt.Errorf("%s: unexpected repository storage %T", path, probe.Storer)
	}
	// Reopen the same directories with descriptors kept open (go-git reopens
	// the pack for every object otherwise) and large objects read lazily.
	// Its object cache is a bounded LRU, smaller than the default because
	// packed objects are mostly read by packReader, with its own.
	fs := st.Filesystem()
	storage := filesystem.NewStorageWithOptions(fs, cache.NewObjectLRU(8*cache.MiByte), filesystem.Options{
		KeepDescriptors:      true,
		LargeObjectThreshold: largeBlob,
		// objects/info/alternates holds absolute paths (clone --shared,
		// --reference). Without a filesystem rooted at "/", go-git resolves
		// them inside the .git directory, fails, and every borrowed object
		// was reported missing: their secrets went unscanned.
		AlternatesFS: osfs.New(string(filepath.Separator)),
	})
	var repo *git.Repository
	if w, werr := probe.Worktree(); werr == nil {
		repo, err = git.Open(storage, w.Filesystem)
	} else {
		repo, err = git.Open(storage, nil)
	}
	if err != nil {
		storage.Close()
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	g := &Repo{repo: repo, storage: storage}
	g.gitDir, g.commonDir = gitDirs(path)
	g.packs = openPacks(filepath.Join(g.commonDir, "objects"))
	g.objects = g.packs.reader(&objCache{budget: 16 << 20})
	g.large = g.packs.reader(&recentObjects{n: largeKept})
	g.large.limit = largeDelta
	g.large.spare = &spareBuffers{}
	g.partial = g.partialClone()
	return g, nil
}

// WorkTree returns the root of the repository's work tree, or "" for a
// bare repository.
func (g *Repo) WorkTree() string {
	w, err := g.repo.Worktree()
	if err != nil {
		return ""
	}
	return w.Filesystem.Root()
}

// Close releases the pack files held open.
func (g *Repo) Close() error {
	g.packs.close()
	return g.storage.Close()
}

// IsBare reports whether the repository has no work tree.
func (g *Repo) IsBare() bool {
	_, err := g.repo.Worktree()
	return errors.Is(err, git.ErrIsBareRepository)
}

// HooksDir is where git looks for hooks: core.hooksPath when set (relative
// to the work tree's top), else hooks/ in the common git directory, which
// linked worktrees share.
func (g *Repo) HooksDir() (string, error) {
	cfg, err := g.repo.Config()
	if err == nil {
		if p := cfg.Raw.Section("core").Option("hooksPath"); p != "" {
			if !filepath.IsAbs(p) {
				top := g.commonDir
				if w, err := g.repo.Worktree(); err == nil {
					top = w.Filesystem.Root()
				}
				p = filepath.Join(top, p)
			}
			return p, nil
		}
	}
	if g.commonDir == "" {
		return "", fmt.Errorf("cannot locate the git directory")
	}
	return filepath.Join(g.commonDir, "hooks"), nil
}

// gitDirs finds the git directory for path the way git does: a .git
// directory, a .git file naming one (linked worktrees, submodules), or path
// itself when it is a bare repository; then its commondir, if any.
func gitDirs(path string) (gitDir, commonDir string) {
	abs, err := filepath.Abs(path)
	if err != nil {
		return "", ""
	}
	for dir := abs; ; dir = filepath.Dir(dir) {
		if d := dotGit(dir); d != "" {
			gitDir = d
			break
		}
		if isGitDir(dir) {
			gitDir = dir
			break
		}
		if filepath.Dir(dir) == dir {
			return "", ""
		}
	}
	commonDir = gitDir
	if raw, err := os.ReadFile(filepath.Join(gitDir, "commondir")); err == nil {
		c := strings.TrimSpace(string(raw))
		if !filepath.IsAbs(c) {
			c = filepath.Join(gitDir, c)
		}
		commonDir = filepath.Clean(c)
	}
	return gitDir, commonDir
}

func dotGit(dir string) string {
	p := filepath.Join(dir, ".git")
	fi, err := os.Stat(p)
	switch {
	case err != nil:
		return ""
	case fi.IsDir():
		return p
	}
	raw, err := os.ReadFile(p)
	if err != nil {
		return ""
	}
	line, _, _ := strings.Cut(string(raw), "\n")
	target, ok := strings.CutPrefix(strings.TrimSpace(line), "gitdir:")
	if !ok {
		return ""
	}
	target = strings.TrimSpace(target)
	if !filepath.IsAbs(target) {
		target = filepath.Join(dir, target)
	}
	return filepath.Clean(target)
}

func isGitDir(dir string) bool {
	for _, name := range []string{"HEAD", "objects", "refs"} {
		if _, err := os.Stat(filepath.Join(dir, name)); err != nil {
			return false
		}
	}
	return true
}

// resolve turns a user's revision (branch, tag, remote branch, hash,
// HEAD~2…) into a commit hash.
func (g *Repo) resolve(rev string) (plumbing.Hash, error) {
	for _, name := range []string{rev, "refs/heads/" + rev, "refs/remotes/" + rev, "refs/tags/" + rev} {
		if ref, err := g.repo.Reference(plumbing.ReferenceName(name), true); err == nil {
			if h, err := g.peel(ref.Hash()); err == nil {
				return h, nil
			}
		}
	}
	h, err := g.repo.ResolveRevision(plumbing.Revision(rev))
	if err != nil {
		return plumbing.ZeroHash, &RevisionError{Rev: rev, Err: errors.New("unknown revision")}
	}
	return g.peel(*h)
}

// peel follows annotated tags to the commit they name.
func (g *Repo) peel(h plumbing.Hash) (plumbing.Hash, error) {
	for range 16 {
		obj, err := g.object(h)
		if err != nil {
			return plumbing.ZeroHash, err
		}
		switch obj.Type() {
		case plumbing.CommitObject:
			return h, nil
		case plumbing.TagObject:
			tag, err := object.DecodeTag(g.repo.Storer, obj)
			if err != nil {
				return plumbing.ZeroHash, err
			}
			h = tag.Target
		default:
			return plumbing.ZeroHash, fmt.Errorf("%s names a %s, not a commit", h, obj.Type())
		}
	}
	return plumbing.ZeroHash, fmt.Errorf("%s: tag chain too long", h)
}

// read reads an object from the packs, with the owner's reader or, for
// an object of a large delta chain, the large reader; errNotPacked when
// go-git must read it.
func (g *Repo) read(h plumbing.Hash) (plumbing.ObjectType, []byte, error) {
	typ, data, err := g.objects.read(h)
	if errors.Is(err, errNotPacked) {
		return g.large.read(h)
	}
	return typ, data, err
}

// object reads any object, from the packs when it can.
func (g *Repo) object(h plumbing.Hash) (o plumbing.EncodedObject, err error) {
	defer recoverObject(h, &err)
	typ, data, err := g.read(h)
	switch {
	case errors.Is(err, errNotPacked):
		return g.repo.Storer.EncodedObject(plumbing.AnyObject, h)
	case err != nil:
		return nil, err
	}
	return memoryObject(typ, data)
}

// memoryObject wraps content for go-git's decoders.
func memoryObject(typ plumbing.ObjectType, data []byte) (*plumbing.MemoryObject, error) {
	obj := &plumbing.MemoryObject{}
	obj.SetType(typ)
	_, err := obj.Write(data)
	return obj, err
}

// readTree reads a tree, through the pack fast path when it can. go-git
// can panic on corrupt data, and a corrupt object must not end the scan.
func (g *Repo) readTree(h plumbing.Hash) (t *tree, err error) {
	defer recoverObject(h, &err)
	typ, data, err := g.read(h)
	switch {
	case errors.Is(err, errNotPacked):
		gt, err := object.GetTree(g.repo.Storer, h)
		if err != nil {
			return nil, err
		}
		// Written out again as git writes a tree, so that one form serves.
		var raw []byte
		for _, e := range gt.Entries {
			raw = strconv.AppendUint(raw, uint64(e.Mode), 8)
			raw = append(append(append(raw, ' '), e.Name...), 0)
			raw = append(raw, e.Hash[:]...)
		}
		return parseTree(h, raw)
	case err != nil:
		return nil, err
	case typ != plumbing.TreeObject:
		return nil, fmt.Errorf("object %s is a %s, not a tree", h, typ)
	}
	return parseTree(h, data)
}

// parseTree finds the entries of tree content, "<octal mode> <name>\0<hash>"
// each, and checks that they cover it whole. data is kept, not copied.
func parseTree(h plumbing.Hash, data []byte) (*tree, error) {
	if uint64(len(data)) > math.MaxUint32-21 {
		return nil, fmt.Errorf("tree %s: %d bytes, too large to read", h, len(data))
	}
	t := &tree{data: data, ents: make([]treeEntry, 0, len(data)/32)}
	for at := 0; at < len(data); {
		rest := data[at:]
		sp := bytes.IndexByte(rest, ' ')
		nul := bytes.IndexByte(rest, 0)
		if sp <= 0 || nul < sp || nul+21 > len(rest) {
			return nil, fmt.Errorf("corrupt tree %s", h)
		}
		var mode uint32
		for _, c := range rest[:sp] {
			if c < '0' || c > '7' {
				return nil, fmt.Errorf("corrupt tree %s: mode %q", h, rest[:sp])
			}
			mode = mode<<3 | uint32(c-'0')
		}
		t.ents = append(t.ents, treeEntry{start: uint32(at), name: uint32(at + sp + 1), nul: uint32(at + nul), mode: filemode.FileMode(mode)})
		at += nul + 21
	}
	return t, nil
}

// readCommit decodes a commit (see readTree).
func (g *Repo) readCommit(h plumbing.Hash) (c *object.Commit, err error) {
	defer recoverObject(h, &err)
	typ, data, err := g.read(h)
	switch {
	case errors.Is(err, errNotPacked):
		return object.GetCommit(g.repo.Storer, h)
	case err != nil:
		return nil, err
	case typ != plumbing.CommitObject:
		return nil, fmt.Errorf("object %s is a %s, not a commit", h, typ)
	}
	obj, err := memoryObject(typ, data)
	if err != nil {
		return nil, err
	}
	c = &object.Commit{}
	if err := c.Decode(obj); err != nil {
		return nil, err
	}
	c.Hash = h
	return c, nil
}

// blobData returns a small blob's bytes from a pack (shared with the pack
// cache: read-only). ok is false when the blob must be read through go-git
// instead (loose, large, or elsewhere).
func (g *Repo) blobData(h plumbing.Hash) (data []byte, ok bool, err error) {
	defer recoverObject(h, &err)
	typ, data, err := g.read(h)
	switch {
	case errors.Is(err, errNotPacked):
		return nil, false, nil
	case err != nil:
		return nil, true, err
	case typ != plumbing.BlobObject:
		return nil, true, fmt.Errorf("object %s is a %s, not a blob", h, typ)
	}
	return data, true, nil
}

// blobObject opens a blob for reading; small ones are already in memory.
func (g *Repo) blobObject(h plumbing.Hash) (o plumbing.EncodedObject, err error) {
	defer recoverObject(h, &err)
	return g.repo.Storer.EncodedObject(plumbing.BlobObject, h)
}

// readBlob returns a blob's bytes, a fresh copy that workers may keep.
func readBlob(o plumbing.EncodedObject) (data []byte, err error) {
	defer recoverObject(o.Hash(), &err)
	r, err := o.Reader()
	if err != nil {
		return nil, err
	}
	defer r.Close()
	data = make([]byte, 0, o.Size())
	buf := data[:o.Size()]
	n, err := io.ReadFull(r, buf)
	if err != nil {
		return nil, fmt.Errorf("read %d of %d bytes: %w", n, o.Size(), err)
	}
	return buf, nil
}

func recoverObject(h plumbing.Hash, err *error) {
	if r := recover(); r != nil {
		*err = fmt.Errorf("corrupt object %s: %v", h, r)
	}
}

// partialClone says whether the repository is a partial clone and how.
// Git marks the promisor remote with remote.<name>.promisor (and, in
// older versions, extensions.partialClone) and keeps its filter in
// remote.<name>.partialCloneFilter; a fetch into an existing repository
// may instead have left only .promisor packs. "" for a full clone.
func (g *Repo) partialClone() string {
	if cfg, err := g.repo.Config(); err == nil {
		remotes := cfg.Raw.Section("remote")
		describe := func(name string) string {
			desc := fmt.Sprintf("promisor remote %q", name)
			if f := remotes.Subsection(name).Option("partialclonefilter"); f != "" {
				desc += ", filter " + f
			}
			return desc
		}
		if name := cfg.Raw.Section("extensions").Option("partialclone"); name != "" {
			return describe(name)
		}
		for _, sub := range remotes.Subsections {
			if gitTrue(sub.Option("promisor")) {
				return describe(sub.Name)
			}
		}
	}
	if ps, _ := filepath.Glob(filepath.Join(g.commonDir, "objects", "pack", "pack-*.promisor")); len(ps) > 0 {
		return "promisor packs"
	}
	return ""
}

// gitTrue reads a git boolean that is set: true, yes, on or 1.
func gitTrue(v string) bool {
	switch strings.ToLower(v) {
	case "true", "yes", "on", "1":
		return true
	}
	return false
}
