package history

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"strings"

	"github.com/go-git/go-git/v5/plumbing"
	"github.com/go-git/go-git/v5/plumbing/filemode"
)

// A range scan (A..B) must take its configuration from A, the base a pull
// request is merged into, and show a reviewer what the range changes in it.
// These helpers read files from the two ends of a range without a checkout.

// RangeFile is a regular file that differs between the trees of A and B.
type RangeFile struct {
	Path string
	// Old and New open the file's content in A and in B; nil when the file
	// is absent (or not a regular file) on that side.
	Old, New func() (io.ReadCloser, error)
}

// maxBaseFile bounds a file read whole from the base tree (a configuration
// file): whatever a blob claims, memory stays small.
const maxBaseFile = 4 << 20

// RangeBaseFile returns the content of the regular file at path
// (slash-separated, from the repository root) in the tree of A, the base of
// range "A..B". ok is false when A's tree has no regular file there.
func (g *Repo) RangeBaseFile(rng, path string) (data []byte, ok bool, err error) {
	from, _, err := g.parseRange(rng)
	if err != nil {
		return nil, false, err
	}
	c, err := g.readCommit(from)
	if err != nil {
		return nil, false, fmt.Errorf("commit %s: %w", from, err)
	}
	blob, ok, err := g.lookupFile(c.TreeHash, path)
	if err != nil || !ok {
		return nil, false, err
	}
	rc, err := g.openBlob(blob)
	if err != nil {
		return nil, false, fmt.Errorf("%s (blob %s): %w", path, blob, err)
	}
	defer rc.Close()
	data, err = io.ReadAll(io.LimitReader(rc, maxBaseFile+1))
	switch {
	case err != nil:
		return nil, false, fmt.Errorf("%s (blob %s): %w", path, blob, err)
	case len(data) > maxBaseFile:
		return nil, false, fmt.Errorf("%s (blob %s): larger than %d bytes", path, blob, maxBaseFile)
	}
	return data, true, nil
}

// lookupFile finds the blob of a regular file at path in a tree.
func (g *Repo) lookupFile(tree plumbing.Hash, path string) (plumbing.Hash, bool, error) {
	segs := strings.Split(path, "/")
	for i, seg := range segs {
		t, err := g.readTree(tree)
		if err != nil {
			return plumbing.ZeroHash, false, fmt.Errorf("tree %s: %w", tree, err)
		}
		found := false
		for k := range t.ents {
			if string(t.name(k)) != seg {
				continue
			}
			last, mode := i == len(segs)-1, t.ents[k].mode
			switch {
			case last && isRegular(mode):
				return t.hash(k), true, nil
			case !last && mode == filemode.Dir:
				tree, found = t.hash(k), true
			}
			break
		}
		if !found {
			return plumbing.ZeroHash, false, nil
		}
	}
	return plumbing.ZeroHash, false, nil
}

// RangeFiles calls fn for each regular file that differs between A's tree
// and B's tree in range "A..B" (the pull request's net change, as a
// reviewer sees it), in tree order. It stops at fn's first error.
func (g *Repo) RangeFiles(ctx context.Context, rng string, fn func(RangeFile) error) error {
	from, to, err := g.parseRange(rng)
	if err != nil {
		return err
	}
	var trees [2]plumbing.Hash
	for i, h := range []plumbing.Hash{from, to} {
		c, err := g.readCommit(h)
		if err != nil {
			return fmt.Errorf("commit %s: %w", h, err)
		}
		trees[i] = c.TreeHash
	}
	var errs []error
	d := treeDiffer{g: g, fail: func(h plumbing.Hash, path string, _ bool, err error) bool {
		errs = append(errs, fmt.Errorf("%s (tree %s): %w", path, h, err))
		return false
	}}
	d.diff(trees[0], trees[1], func(fc fileChange) {
		if len(errs) > 0 {
			return
		}
		if err := ctx.Err(); err != nil {
			errs = append(errs, err)
			return
		}
		rf := RangeFile{Path: fc.Path, Old: g.opener(fc.Old, isRegular(fc.OldMode)), New: g.opener(fc.New, isRegular(fc.NewMode))}
		if rf.Old == nil && rf.New == nil {
			return
		}
		if err := fn(rf); err != nil {
			errs = append(errs, err)
		}
	})
	return errors.Join(errs...)
}

// isRegular is a file with content of its own: not a symlink, whose blob
// is only a target path.
func isRegular(m filemode.FileMode) bool {
	return m == filemode.Regular || m == filemode.Executable || m == filemode.Deprecated
}

func (g *Repo) opener(h plumbing.Hash, file bool) func() (io.ReadCloser, error) {
	if !file || h.IsZero() {
		return nil
	}
	return func() (io.ReadCloser, error) { return g.openBlob(h) }
}

// openBlob streams a blob: from the packs when it is small enough to be
// held there, else through go-git, which reads large objects lazily.
func (g *Repo) openBlob(h plumbing.Hash) (io.ReadCloser, error) {
	data, ok, err := g.blobData(h)
	switch {
	case err != nil:
		return nil, err
	case ok:
		return io.NopCloser(bytes.NewReader(data)), nil
	}
	o, err := g.blobObject(h)
	if err != nil {
		return nil, err
	}
	return o.Reader()
}
