package history

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"sort"
	"sync"
	"sync/atomic"
	"time"

	"github.com/ampscan/ampscan/scanner"
	"github.com/go-git/go-git/v5/plumbing"
	"github.com/go-git/go-git/v5/plumbing/filemode"
)

// Scan scans every commit opts selects: each commit is diffed
// against each of its parents (the empty tree for a root or a shallow
// boundary) without rename detection, every blob that appears on either
// side of a change is read once and scanned once, and each secret is
// attributed to the earliest commit that introduced it at a path (see
// attribute). onError is told about each unreadable object as it happens.
//
// The goroutine that calls Scan owns the repository and walks the trees;
// the engine's Jobs workers read blobs from the packs and scan them (see
// scanBlobs).
func Scan(ctx context.Context, eng *scanner.Engine, g *Repo, opts Options, onError func(scanner.FileError)) (*scanner.Report, error) {
	start := time.Now()
	h := newOwner(eng, g, onError)
	sel, err := g.selectCommits(ctx, opts, h.failObject)
	if err != nil {
		return nil, err
	}
	h.sel = sel
	if eng.Progress != nil {
		eng.Progress.CommitsTotal.Store(int64(len(sel.commits)))
	}
	// Interrupted, the report holds what the blobs scanned so far show.
	runErr := h.scanBlobs(ctx, h.walk)
	if runErr != nil && !scanner.Interrupted(ctx, runErr) {
		return nil, runErr
	}
	rep := h.rep
	rep.Stats.Commits = int64(len(sel.commits))
	rep.Findings = h.attribute()
	if len(rep.Findings) > 0 && runErr == nil {
		if err := h.locateInHead(ctx); err != nil {
			return nil, err
		}
	}
	rep.Notes = append(h.notes(opts), rep.Notes...)
	eng.ForgetNames() // no file is scanned after this
	scanner.Finalize(rep.Findings)
	sort.Slice(rep.Stats.Errors, func(i, j int) bool { return rep.Stats.Errors[i].Path < rep.Stats.Errors[j].Path })
	rep.Stats.Duration = time.Since(start)
	return rep, runErr
}

// owner is a history scan's state that only the goroutine that called
// Scan or ScanStaged may touch: the repository (go-git is not safe for
// concurrent use), the walk's tables and the changes it records. Workers
// never see an owner: they get the tally, and reach go-git only by asking
// the owner (see scanBlobs).
type owner struct {
	*tally
	g      *Repo
	sel    *selection
	differ treeDiffer

	blobs      idTable // blob ids, in order of first sight
	paths      map[string]int32
	pathNames  []string
	diffs      []commitDiff
	submodules map[string]bool
	failed     map[plumbing.Hash]bool
	// absentTrees counts the trees a partial clone lacks (its blobs are
	// counted in the report's skipped files).
	absentTrees int
	// rescans are blobs' findings at paths other than the one each was
	// scanned at, by blob and path (see atPath).
	rescans map[rescanKey]map[placedSecret]scanner.Finding
}

// tally is what the owner shares with the workers that read and scan
// blobs: the engine and, under mu, the findings and the report.
type tally struct {
	eng     *scanner.Engine
	packs   *packSet
	cache   *sharedCache // inflated delta bases, shared by the workers
	onError func(scanner.FileError)

	mu    sync.Mutex
	found *foundStore // findings per blob id
	rep   *scanner.Report
}

// commitDiff is one commit's changes against each of its parents, one list
// per parent in the commit's order (a single list against the empty tree
// for a root). Attribution reads a commit's changes parent by parent: the
// grouping is in the type, not in the order of a flat list.
type commitDiff struct {
	commit int32 // index into sel.commits
	bySlot [][]change
}

// change is one file differing between a commit and one of its parents:
// 12 bytes, so that hundreds of thousands of commits cost little memory.
type change struct {
	path int32
	old  int32 // blob id; noBlob when absent
	new  int32
}

const noBlob = -1

// blobTag travels with a unit through the engine.
type blobTag struct {
	id   int32
	hash plumbing.Hash
}

func newOwner(eng *scanner.Engine, g *Repo, onError func(scanner.FileError)) *owner {
	h := &owner{
		tally: &tally{
			eng: eng, packs: g.packs, cache: newSharedCache(blobCacheBudget), onError: onError,
			found: newFoundStore(),
			rep:   &scanner.Report{Stats: scanner.Stats{Skipped: map[string]int64{}}},
		},
		g:          g,
		paths:      map[string]int32{},
		submodules: map[string]bool{}, failed: map[plumbing.Hash]bool{},
	}
	h.differ = treeDiffer{g: g, fail: func(obj plumbing.Hash, path string, old bool, err error) bool {
		if path == "" {
			path = "/"
		}
		// A partial clone's missing tree (tree:0 and similar filters) is
		// read as empty when it is a parent's, so that the files of the
		// commits the clone does hold are scanned.
		if absent, first := h.absent(obj, err); absent {
			if first {
				h.absentTrees++
			}
			return old
		}
		h.failObject(obj, fmt.Sprintf("%s (tree %s)", path, obj), err)
		return false
	}}
	return h
}

// walk diffs every selected commit against its parents, records the
// changes, and sends each blob on the first time it is seen.
func (h *owner) walk(ctx context.Context, send func(blobJob) error) error {
	parentTrees := map[plumbing.Hash]plumbing.Hash{}
	for i := range h.sel.commits {
		if err := ctx.Err(); err != nil {
			return err
		}
		c := &h.sel.commits[i]
		parents := h.sel.parents(int32(i))
		cd := commitDiff{commit: int32(i), bySlot: make([][]change, max(1, len(parents)))}
		trees := []plumbing.Hash{plumbing.ZeroHash}
		if len(parents) > 0 {
			trees = trees[:0]
			for _, p := range parents {
				trees = append(trees, h.parentTree(p, parentTrees))
			}
		}
		for slot, pt := range trees {
			var err error
			if cd.bySlot[slot], err = h.diffTrees(pt, c.tree, send); err != nil {
				return err
			}
		}
		h.diffs = append(h.diffs, cd)
		if h.eng.Progress != nil {
			h.eng.Progress.Commits.Add(1)
		}
	}
	return nil
}

// parentTree finds a parent's tree: from the selection, or by reading a
// parent outside it (the base of a range, a commit before --since). A
// parent that cannot be read counts as the empty tree, like a shallow
// boundary's: its child's secrets are then attributed to the child.
func (h *owner) parentTree(p plumbing.Hash, memo map[plumbing.Hash]plumbing.Hash) plumbing.Hash {
	if i, ok := h.sel.lookup(p); ok {
		return h.sel.commits[i].tree
	}
	if t, ok := memo[p]; ok {
		return t
	}
	c, err := h.g.readCommit(p)
	if err != nil {
		h.failObject(p, "commit "+p.String(), err)
	}
	if c != nil {
		memo[p] = c.TreeHash
	} else {
		memo[p] = plumbing.ZeroHash
	}
	return memo[p]
}

// diffTrees returns the file changes from tree a to tree b.
func (h *owner) diffTrees(a, b plumbing.Hash, send func(blobJob) error) ([]change, error) {
	var out []change
	var sendErr error
	h.differ.diff(a, b, func(fc fileChange) {
		if sendErr != nil {
			return
		}
		if fc.NewMode == filemode.Submodule || fc.OldMode == filemode.Submodule {
			h.submodule(fc.Path)
		}
		ch := change{path: h.pathID(fc.Path), old: noBlob, new: noBlob}
		if isFile(fc.OldMode) {
			ch.old, sendErr = h.blob(fc.Old, fc.Path, send)
		}
		if isFile(fc.NewMode) && sendErr == nil {
			ch.new, sendErr = h.blob(fc.New, fc.Path, send)
		}
		if ch.old != noBlob || ch.new != noBlob {
			out = append(out, ch)
		}
	})
	return out, sendErr
}

func (h *owner) pathID(p string) int32 {
	if id, ok := h.paths[p]; ok {
		return id
	}
	id := int32(len(h.pathNames))
	h.paths[p] = id
	h.pathNames = append(h.pathNames, p)
	return id
}

// blob returns the id of blob hash, sending it to be read and scanned the
// first time it is seen. An unreadable blob gets an id too, with no
// findings, so that it is reported once.
func (h *owner) blob(hash plumbing.Hash, path string, send func(blobJob) error) (int32, error) {
	id, added := h.blobs.add(hash)
	if !added {
		return id, nil
	}
	return id, send(blobJob{id: id, hash: hash, path: path})
}

// unit reads a blob through the owner's own pack reader, else go-git; one
// larger than largeBlob gets an Open that reads it in windows instead. ok
// is false when it could not be read (reported). streamed says that Open
// streams from go-git, so must be read on this goroutine; otherwise the
// unit is bytes in memory that any goroutine may read.
func (h *owner) unit(hash plumbing.Hash, path string, id int32) (u scanner.Unit, ok, streamed bool) {
	u = scanner.Unit{Path: path, Tag: blobTag{id, hash}}
	data, ok, err := h.g.blobData(hash)
	switch {
	case err != nil:
		h.failObject(hash, fmt.Sprintf("%s (blob %s)", path, hash), err)
		return u, false, false
	case ok && len(data) > largeBlob:
		// A version of a large delta chain, built whole by the large
		// reader: scanned in windows like a blob go-git streams, so that
		// the matcher's memory stays bounded by the window, not the file.
		// The bytes are not modified (the large reader's cache may share
		// them), so the worker reads them itself; a version built for
		// this read alone goes back to the large reader when read.
		v := &versionReader{Reader: bytes.NewReader(data)}
		if h.g.large.isFresh(data) {
			v.done = func() { h.g.large.giveBack(data) }
		}
		u.Open = v.open
		return u, true, false
	case ok:
		u.Data = data
		return u, true, false
	}
	o, err := h.g.blobObject(hash)
	if absent, first := h.absent(hash, err); absent {
		if first {
			h.mu.Lock()
			h.rep.Stats.Skipped[absentFromPartialClone]++
			h.mu.Unlock()
		}
		return u, false, false
	}
	if err != nil {
		h.failObject(hash, fmt.Sprintf("%s (blob %s)", path, hash), err)
		return u, false, false
	}
	if o.Size() > largeBlob {
		u.Open = o.Reader
		return u, true, true
	}
	if u.Data, err = readBlob(o); err != nil {
		h.failObject(hash, fmt.Sprintf("%s (blob %s)", path, hash), err)
		return u, false, false
	}
	return u, true, false
}

// versionReader reads a version the large reader built, for one scan.
// done, when set, gives its bytes back once read: Open may then be
// called once only, or a second reader could read a buffer that holds
// another version by then.
type versionReader struct {
	*bytes.Reader
	done   func()
	opened atomic.Bool
}

func (v *versionReader) open() (io.ReadCloser, error) {
	if v.done != nil && v.opened.Swap(true) {
		return nil, errors.New("a version given back is opened twice")
	}
	return v, nil
}

func (v *versionReader) Close() error {
	if v.done != nil {
		v.done()
		v.done = nil
	}
	return nil
}

// record takes one scanned blob's result (from any goroutine).
func (h *tally) record(r scanner.Result) {
	tag := r.Unit.Tag.(blobTag)
	h.mu.Lock()
	defer h.mu.Unlock()
	s := &h.rep.Stats
	switch {
	case r.Err != nil:
		h.failLocked(fmt.Sprintf("%s (blob %s)", r.Unit.Path, tag.hash), r.Err)
	case r.Skipped != "":
		s.Skipped[r.Skipped]++
	default:
		s.Files++
		s.Bytes += r.Bytes
	}
	h.found.add(tag.id, r.Findings)
}

// absentFromPartialClone is the reason counted for a blob that a partial
// clone does not have.
const absentFromPartialClone = "absent from this partial clone"

// absent says whether err is obj missing from a partial clone, where the
// filter left it on the server: not an error in the repository but a
// limit of what can be scanned, said once in the report's notes rather
// than once per object. first is true the first time obj is met, so that
// each object is counted once.
func (h *owner) absent(obj plumbing.Hash, err error) (absent, first bool) {
	if h.g.partial == "" || !errors.Is(err, plumbing.ErrObjectNotFound) {
		return false, false
	}
	if h.failed[obj] {
		return true, false
	}
	h.failed[obj] = true
	return true, true
}

// failObject reports an unreadable object once, however often it is met.
func (h *owner) failObject(obj plumbing.Hash, name string, err error) {
	if h.failed[obj] {
		return
	}
	h.failed[obj] = true
	h.fail(name, err)
}

func (h *tally) fail(name string, err error) {
	h.mu.Lock()
	defer h.mu.Unlock()
	h.failLocked(name, err)
}

func (h *tally) failLocked(name string, err error) {
	fe := scanner.FileError{Path: name, Err: err.Error()}
	h.rep.Stats.Errors = append(h.rep.Stats.Errors, fe)
	h.rep.Stats.Skipped["unreadable"]++
	if h.onError != nil {
		h.onError(fe)
	}
}

// submodule counts a submodule path once and names it on stderr: its
// commits live in another repository, which is not followed.
func (h *owner) submodule(path string) {
	if h.submodules[path] {
		return
	}
	h.submodules[path] = true
	h.mu.Lock()
	defer h.mu.Unlock()
	h.rep.Stats.Skipped["submodule"]++
	if h.onError != nil {
		h.onError(scanner.FileError{Path: path, Err: "submodule, not followed"})
	}
}

// notes say what the scan covered, and what it could not.
func (h *owner) notes(opts Options) []string {
	scope := fmt.Sprintf("history: %d commits from %s", len(h.sel.commits), h.sel.scope)
	if !opts.Since.IsZero() {
		scope += fmt.Sprintf(", committed since %s", opts.Since.UTC().Format(time.RFC3339))
	}
	notes := []string{scope}
	if h.sel.shallow > 0 {
		notes = append(notes, fmt.Sprintf("shallow clone: history before %d boundary commit(s) was not scanned; "+
			"a secret added earlier is attributed to the boundary commit", h.sel.shallow))
	}
	if blobs := h.rep.Stats.Skipped[absentFromPartialClone]; blobs > 0 || h.absentTrees > 0 {
		notes = append(notes, fmt.Sprintf("partial clone (%s): %d blob(s) and %d tree(s) of the history are not in "+
			"this repository and were not scanned (a file of a commit whose parent's tree is absent is taken as added "+
			"there); scan a full clone (git clone without --filter) to cover them",
			h.g.partial, blobs, h.absentTrees))
	}
	return notes
}
