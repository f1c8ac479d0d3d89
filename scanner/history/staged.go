package history

import (
	"bufio"
	"context"
	"errors"
	"fmt"
	"os"
	"sort"
	"time"

	"github.com/ampscan/ampscan/scanner"
	"github.com/go-git/go-git/v5/plumbing"
	"github.com/go-git/go-git/v5/plumbing/format/index"
)

// ErrNoWorkTree is returned by ScanStaged for a bare repository, which has
// no index.
var ErrNoWorkTree = errors.New("a bare repository has no index to scan")

// ScanStaged scans what committing the index would add: the index against
// HEAD's tree (the empty tree before the first commit). Only files that are
// new or changed are read. A finding is kept only when the commit adds its
// secret: not when HEAD's version of the same file already holds it (an
// unrelated edit), nor when it moves from a file the commit deletes or
// edits it out of (a rename). Deleted files are otherwise ignored.
func ScanStaged(ctx context.Context, eng *scanner.Engine, g *Repo, opts StagedOptions, onError func(scanner.FileError)) (*scanner.Report, error) {
	start := time.Now()
	if g.IsBare() {
		return nil, ErrNoWorkTree
	}
	idx, err := g.index(opts.IndexFile)
	if err != nil {
		return nil, fmt.Errorf("reading the index: %w", err)
	}
	head, err := g.stagedBase()
	if err != nil {
		return nil, err
	}
	h := newOwner(eng, g, onError)
	headFiles := map[string]plumbing.Hash{}
	h.differ.walk(head, func(fc fileChange) {
		if isFile(fc.NewMode) {
			headFiles[fc.Path] = fc.New
		}
	})
	added, deleted := stagedChanges(idx, headFiles)
	// First the staged side alone: most commits add no secret, and then
	// nothing of HEAD needs reading.
	if err := h.scanSides(ctx, added, func(c stagedFile) plumbing.Hash { return c.new }); err != nil {
		return nil, err
	}
	if !h.found.empty() {
		if err := h.scanSides(ctx, append(added, deleted...), func(c stagedFile) plumbing.Hash { return c.old }); err != nil {
			return nil, err
		}
	}
	var group []change
	for _, c := range append(added, deleted...) {
		group = append(group, change{path: h.pathID(c.path), old: h.blobID(c.old), new: h.blobID(c.new)})
	}
	for k, in := range introducedAgainst(group, h.found) {
		h.rep.Findings = append(h.rep.Findings, h.atPath(in, h.pathNames[k.path]))
	}
	rep := h.rep
	scanner.Finalize(rep.Findings)
	sort.Slice(rep.Stats.Errors, func(i, j int) bool { return rep.Stats.Errors[i].Path < rep.Stats.Errors[j].Path })
	rep.Stats.Duration = time.Since(start)
	return rep, nil
}

// StagedOptions adjust a staged scan.
type StagedOptions struct {
	// IndexFile, when set, is read instead of the repository's index: git
	// points GIT_INDEX_FILE at a temporary index for `git commit -a` and
	// `git commit PATH`, and that is what the pre-commit hook must check.
	IndexFile string
}

// index reads the repository's index, or the index file given.
func (g *Repo) index(file string) (*index.Index, error) {
	if file == "" {
		return g.repo.Storer.Index()
	}
	f, err := os.Open(file)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	idx := &index.Index{}
	if err := index.NewDecoder(bufio.NewReader(f)).Decode(idx); err != nil {
		return nil, fmt.Errorf("%s: %w", file, err)
	}
	return idx, nil
}

// stagedFile is a path whose staged content differs from HEAD's.
type stagedFile struct {
	path     string
	old, new plumbing.Hash // zero when absent
}

// stagedChanges compares the index with HEAD's files by blob hash: added
// holds new and modified files, deleted the files the commit removes.
// Conflicted entries (stages 1-3; go-git's index.Merged constant is 1,
// wrongly, so stage 0 is tested directly), intent-to-add entries and submodules
// are left out: git refuses to commit the first, and the others hold no
// content here.
func stagedChanges(idx *index.Index, headFiles map[string]plumbing.Hash) (added, deleted []stagedFile) {
	inIndex := make(map[string]bool, len(idx.Entries))
	for _, e := range idx.Entries {
		inIndex[e.Name] = true
		if e.Stage != 0 || e.IntentToAdd || !isFile(e.Mode) {
			continue
		}
		old := headFiles[e.Name]
		if old != e.Hash {
			added = append(added, stagedFile{path: e.Name, old: old, new: e.Hash})
		}
	}
	for p, old := range headFiles {
		if !inIndex[p] {
			deleted = append(deleted, stagedFile{path: p, old: old})
		}
	}
	sort.Slice(deleted, func(i, j int) bool { return deleted[i].path < deleted[j].path })
	return added, deleted
}

// scanSides reads and scans one side of each file (see scanBlobs) and
// records the findings per blob.
func (h *owner) scanSides(ctx context.Context, files []stagedFile, side func(stagedFile) plumbing.Hash) error {
	return h.scanBlobs(ctx, func(ctx context.Context, send func(blobJob) error) error {
		for _, f := range files {
			if hash := side(f); !hash.IsZero() {
				if _, err := h.blob(hash, f.path, send); err != nil {
					return err
				}
			}
		}
		return nil
	})
}

// blobID is the id of a blob already seen, or noBlob.
func (h *owner) blobID(hash plumbing.Hash) int32 {
	if id, ok := h.blobs.lookup(hash); ok && !hash.IsZero() {
		return id
	}
	return noBlob
}

// stagedBase is HEAD's tree, or the empty tree on an unborn branch.
func (g *Repo) stagedBase() (plumbing.Hash, error) {
	ref, err := g.repo.Head()
	if errors.Is(err, plumbing.ErrReferenceNotFound) {
		return plumbing.ZeroHash, nil
	}
	if err != nil {
		return plumbing.ZeroHash, fmt.Errorf("reading HEAD: %w", err)
	}
	ch, err := g.peel(ref.Hash())
	if err != nil {
		return plumbing.ZeroHash, fmt.Errorf("HEAD: %w", err)
	}
	c, err := g.readCommit(ch)
	if err != nil {
		return plumbing.ZeroHash, fmt.Errorf("HEAD: %w", err)
	}
	return c.TreeHash, nil
}
