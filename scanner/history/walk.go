package history

import (
	"bytes"
	"cmp"
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
// name it in a finding, not its message. A history scan keeps one for
// every commit it covers, so it is kept small (80 bytes): its name is in
// the selection's table (see selection.ids), dates are seconds, the author
// is an index, and only a merge's parents take room outside it.
type commitInfo struct {
	tree plumbing.Hash
	// first holds the only parent of a commit that has one; a merge's
	// parents are in selection.mergeParents (see selection.parents). None
	// means a root or a shallow boundary (diffed against the empty tree).
	first     [1]plumbing.Hash
	committed int64 // committer date, in seconds since 1970
	authored  int64 // author date, in seconds since 1970
	zone      int32 // the author date's offset east of UTC, in seconds
	nparents  int32
	more      int32 // where a merge's parents start in mergeParents
	author    int32 // index into selection.authors
	shallow   bool  // a boundary of a shallow clone with parents not present
}

type author struct{ name, email string }

// selection is the outcome of choosing commits.
type selection struct {
	commits []commitInfo
	// ids names each commit and finds its place: commits[i] is the commit
	// ids names i.
	ids          idTable
	mergeParents []plumbing.Hash
	authors      []author
	shallow      int // boundary commits whose parents are missing
	scope        string
}

// hash is the name of commits[i].
func (s *selection) hash(i int32) plumbing.Hash { return s.ids.name(i) }

// lookup returns the place of commit h in commits, if it is selected.
func (s *selection) lookup(h plumbing.Hash) (int32, bool) { return s.ids.lookup(h) }

// parents are what commits[i] is diffed against.
func (s *selection) parents(i int32) []plumbing.Hash {
	c := &s.commits[i]
	if c.nparents <= 1 {
		return c.first[:c.nparents]
	}
	return s.mergeParents[c.more : c.more+c.nparents]
}

// authorDate is when commits[i] was written, in its author's zone.
func (s *selection) authorDate(i int32) time.Time {
	c := &s.commits[i]
	return time.Unix(c.authored, 0).In(time.FixedZone("", int(c.zone)))
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
	sel := &selection{scope: scope}
	authors := map[author]int32{}
	seen := map[plumbing.Hash]bool{}
	var commits []commitInfo
	var hashes []plumbing.Hash // of commits, by index
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
		_, zone := c.Author.When.Zone()
		info := commitInfo{tree: c.TreeHash, committed: c.Committer.When.Unix(), authored: c.Author.When.Unix(), zone: int32(zone)}
		a := author{c.Author.Name, c.Author.Email}
		id, ok := authors[a]
		if !ok {
			id = int32(len(sel.authors))
			authors[a] = id
			sel.authors = append(sel.authors, a)
		}
		info.author = id
		if shallow[h] {
			info.shallow = true
		} else {
			switch ps := c.ParentHashes; len(ps) {
			case 0:
			case 1:
				info.nparents, info.first[0] = 1, ps[0]
			default:
				info.nparents, info.more = int32(len(ps)), int32(len(sel.mergeParents))
				sel.mergeParents = append(sel.mergeParents, ps...)
			}
			stack = append(stack, c.ParentHashes...)
		}
		if opts.Since.IsZero() || !c.Committer.When.Before(opts.Since) {
			if info.shallow {
				sel.shallow++
			}
			commits = append(commits, info)
			hashes = append(hashes, h)
		}
	}
	// Newest first, ties by name. The commits are put in that order
	// through a list of their places, so that only the sorted list and
	// the table of names outlive the walk.
	order := make([]int32, len(commits))
	for i := range order {
		order[i] = int32(i)
	}
	slices.SortFunc(order, func(a, b int32) int {
		return cmp.Or(cmp.Compare(commits[b].committed, commits[a].committed), bytes.Compare(hashes[a][:], hashes[b][:]))
	})
	sel.commits = make([]commitInfo, len(commits))
	sel.ids.reserve(len(commits))
	for k, i := range order {
		sel.commits[k] = commits[i]
		sel.ids.add(hashes[i])
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
