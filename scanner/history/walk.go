package history

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"slices"
	"strings"
	"time"

	"github.com/go-git/go-git/v5/plumbing"
	"github.com/go-git/go-git/v5/plumbing/storer"
)

// Options choose the commits a history scan covers. The zero value
// means every commit reachable from every ref.
type Options struct {
	// Range is "A..B": the commits reachable from B and not from A (a pull
	// request's commits). An empty side means HEAD, as in git.
	Range string
	// Branch limits the scan to what one ref (branch, tag, remote branch or
	// any revision) reaches.
	Branch string
	// Since keeps only commits whose committer date is at or after it.
	Since time.Time
}

// commitInfo is what the scan keeps of a commit: enough to diff it and to
// name it in a finding, not its message.
type commitInfo struct {
	hash plumbing.Hash
	tree plumbing.Hash
	// parents are diffed against; none means a root or a shallow boundary
	// (diffed against the empty tree).
	parents   []plumbing.Hash
	committed time.Time
	author    *author
	authored  time.Time
	shallow   bool // a boundary of a shallow clone with parents not present
}

type author struct{ name, email string }

// selection is the outcome of choosing commits.
type selection struct {
	commits []commitInfo
	// index maps a commit to its place in commits.
	index   map[plumbing.Hash]int32
	shallow int // boundary commits whose parents are missing
	scope   string
}

// selectCommits finds the commits to scan, newest first (the order in which
// consecutive commits share trees in the object cache).
func (g *Repo) selectCommits(ctx context.Context, opts Options, fail func(obj plumbing.Hash, name string, err error)) (*selection, error) {
	tips, exclude, scope, err := g.tips(opts, fail)
	if err != nil {
		return nil, err
	}
	shallow, err := g.shallowSet()
	if err != nil {
		return nil, fmt.Errorf("reading the shallow list: %w", err)
	}
	sel := &selection{index: map[plumbing.Hash]int32{}, scope: scope}
	authors := map[author]*author{}
	seen := map[plumbing.Hash]bool{}
	stack := slices.Clone(tips)
	for len(stack) > 0 {
		if err := ctx.Err(); err != nil {
			return nil, err
		}
		h := stack[len(stack)-1]
		stack = stack[:len(stack)-1]
		if seen[h] || exclude[h] {
			continue
		}
		seen[h] = true
		c, err := g.readCommit(h)
		if err != nil {
			fail(h, "commit "+h.String(), err)
			continue
		}
		info := commitInfo{hash: h, tree: c.TreeHash, committed: c.Committer.When, authored: c.Author.When}
		a := author{c.Author.Name, c.Author.Email}
		if authors[a] == nil {
			authors[a] = &a
		}
		info.author = authors[a]
		if shallow[h] {
			info.shallow = true
		} else {
			info.parents = c.ParentHashes
			stack = append(stack, c.ParentHashes...)
		}
		if opts.Since.IsZero() || !info.committed.Before(opts.Since) {
			if info.shallow {
				sel.shallow++
			}
			sel.commits = append(sel.commits, info)
		}
	}
	slices.SortFunc(sel.commits, func(a, b commitInfo) int {
		if c := b.committed.Compare(a.committed); c != 0 {
			return c
		}
		return bytes.Compare(a.hash[:], b.hash[:])
	})
	for i, c := range sel.commits {
		sel.index[c.hash] = int32(i)
	}
	return sel, nil
}

// tips returns the commits to start from, the commits to leave out (the
// ancestors of A in A..B) and a phrase for the report saying which.
func (g *Repo) tips(opts Options, fail func(plumbing.Hash, string, error)) ([]plumbing.Hash, map[plumbing.Hash]bool, string, error) {
	switch {
	case opts.Range != "" && opts.Branch != "":
		return nil, nil, "", &RevisionError{Rev: opts.Range, Err: errors.New("--range and --branch cannot be used together")}
	case opts.Range != "":
		from, to, err := g.parseRange(opts.Range)
		if err != nil {
			return nil, nil, "", err
		}
		exclude, err := g.ancestors(from)
		if err != nil {
			return nil, nil, "", &RevisionError{Rev: opts.Range, Err: err}
		}
		return []plumbing.Hash{to}, exclude, "range " + opts.Range, nil
	case opts.Branch != "":
		h, err := g.resolve(opts.Branch)
		if err != nil {
			return nil, nil, "", &RevisionError{Rev: opts.Branch, Err: errors.New("no such branch, tag or revision")}
		}
		return []plumbing.Hash{h}, nil, "ref " + opts.Branch, nil
	}
	hs, err := g.allRefs(fail)
	return hs, nil, "every ref", err
}

// parseRange splits "A..B"; either side may be empty (HEAD).
func (g *Repo) parseRange(r string) (from, to plumbing.Hash, err error) {
	if strings.Contains(r, "...") {
		return from, to, &RevisionError{Rev: r, Err: errors.New("symmetric ranges (A...B) are not supported; use A..B")}
	}
	a, b, ok := strings.Cut(r, "..")
	if !ok {
		return from, to, &RevisionError{Rev: r, Err: errors.New("a range is written A..B")}
	}
	if a == "" {
		a = "HEAD"
	}
	if b == "" {
		b = "HEAD"
	}
	if from, err = g.resolve(a); err != nil {
		return from, to, &RevisionError{Rev: r, Err: fmt.Errorf("%s: unknown revision", a)}
	}
	if to, err = g.resolve(b); err != nil {
		return from, to, &RevisionError{Rev: r, Err: fmt.Errorf("%s: unknown revision", b)}
	}
	return from, to, nil
}

// ancestors returns h and every commit it reaches (stopping at shallow
// boundaries and missing commits).
func (g *Repo) ancestors(h plumbing.Hash) (map[plumbing.Hash]bool, error) {
	shallow, err := g.shallowSet()
	if err != nil {
		return nil, err
	}
	seen := map[plumbing.Hash]bool{}
	stack := []plumbing.Hash{h}
	for len(stack) > 0 {
		h := stack[len(stack)-1]
		stack = stack[:len(stack)-1]
		if seen[h] {
			continue
		}
		seen[h] = true
		if shallow[h] {
			continue
		}
		c, err := g.readCommit(h)
		if err != nil {
			continue // the walk of B reports what cannot be read
		}
		stack = append(stack, c.ParentHashes...)
	}
	return seen, nil
}

// allRefs returns the commits named by every ref (branches, remote-tracking
// branches, tags peeled to their commit, notes, stash) and HEAD, as
// `git log --all` does. A ref naming a tree or blob is left out.
func (g *Repo) allRefs(fail func(plumbing.Hash, string, error)) ([]plumbing.Hash, error) {
	iter, err := g.repo.Storer.IterReferences()
	if err != nil {
		return nil, fmt.Errorf("reading refs: %w", err)
	}
	var tips []plumbing.Hash
	// Refs often share targets (100,000 tags on a few commits): peel each
	// target once. Every peel reads an object, and go-git re-reads a loose
	// one from disk each time, which took seconds for 100,000 refs.
	peeled := map[plumbing.Hash]bool{}
	err = iter.ForEach(func(ref *plumbing.Reference) error {
		if ref.Type() == plumbing.SymbolicReference {
			r, err := storer.ResolveReference(g.repo.Storer, ref.Name())
			if err != nil {
				return nil // HEAD of an unborn branch
			}
			ref = r
		}
		if peeled[ref.Hash()] {
			return nil
		}
		peeled[ref.Hash()] = true
		h, err := g.peel(ref.Hash())
		switch {
		case errors.Is(err, plumbing.ErrObjectNotFound):
			fail(ref.Hash(), ref.Name().String(), fmt.Errorf("object %s: %w", ref.Hash(), err))
		case err == nil:
			tips = append(tips, h)
		}
		return nil
	})
	slices.SortFunc(tips, func(a, b plumbing.Hash) int { return bytes.Compare(a[:], b[:]) })
	return slices.Compact(tips), err
}

func (g *Repo) shallowSet() (map[plumbing.Hash]bool, error) {
	hs, err := g.repo.Storer.Shallow()
	if err != nil {
		return nil, err
	}
	set := make(map[plumbing.Hash]bool, len(hs))
	for _, h := range hs {
		set[h] = true
	}
	return set, nil
}
