package history

import (
	"context"
	"fmt"
	"sort"
	"sync"
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
// One goroutine at a time uses the repository through go-git (see Units
// for the pipeline that reads history); the engine's workers get bytes.
func Scan(ctx context.Context, eng *scanner.Engine, g *Repo, opts Options, onError func(scanner.FileError)) (*scanner.Report, error) {
	start := time.Now()
	h := newHistoryScan(eng, g, onError)
	sel, err := g.selectCommits(ctx, opts, h.failObject)
	if err != nil {
		return nil, err
	}
	h.sel = sel
	if err := eng.Run(ctx, h, h.record); err != nil {
		return nil, err
	}
	rep := h.rep
	rep.Findings = h.attribute()
	if len(rep.Findings) > 0 {
		if err := h.locateInHead(ctx); err != nil {
			return nil, err
		}
	}
	rep.Notes = append(h.notes(opts), rep.Notes...)
	scanner.Finalize(rep.Findings)
	sort.Slice(rep.Stats.Errors, func(i, j int) bool { return rep.Stats.Errors[i].Path < rep.Stats.Errors[j].Path })
	rep.Stats.Duration = time.Since(start)
	return rep, nil
}

// historyScan is the state of one history scan. Fields above mu belong to
// the goroutine that owns the repository (the walk, while it runs); those
// below are shared with the blob reader and the engine's workers.
type historyScan struct {
	eng     *scanner.Engine
	g       *Repo
	sel     *selection
	onError func(scanner.FileError)
	differ  treeDiffer

	blobs      map[plumbing.Hash]int32 // blob id, in order of first sight
	blobHashes []plumbing.Hash         // by blob id
	paths      map[string]int32
	pathNames  []string
	changes    []change
	submodules map[string]bool
	failed     map[plumbing.Hash]bool
	// handoff, during the walk, passes a packed blob to the goroutine that
	// reads them (see Units).
	handoff func(scanner.Unit) error

	mu    sync.Mutex
	found map[int32][]scanner.Finding // findings per blob id; clean blobs absent
	rep   *scanner.Report
}

// change is one file differing between a commit and one of its parents:
// 20 bytes, so that tens of thousands of commits cost little memory.
type change struct {
	commit int32 // index into sel.commits
	slot   int16 // which parent (0 for a root)
	path   int32
	old    int32 // blob id; noBlob when absent
	new    int32
}

const noBlob = -1

// blobTag travels with a unit through the engine.
type blobTag struct {
	id   int32
	hash plumbing.Hash
}

func newHistoryScan(eng *scanner.Engine, g *Repo, onError func(scanner.FileError)) *historyScan {
	h := &historyScan{
		eng: eng, g: g, onError: onError,
		blobs: map[plumbing.Hash]int32{}, paths: map[string]int32{},
		submodules: map[string]bool{}, failed: map[plumbing.Hash]bool{},
		found: map[int32][]scanner.Finding{},
		rep:   &scanner.Report{Stats: scanner.Stats{Skipped: map[string]int64{}}},
	}
	h.differ = treeDiffer{g: g, fail: func(obj plumbing.Hash, path string, err error) {
		if path == "" {
			path = "/"
		}
		h.failObject(obj, fmt.Sprintf("%s (tree %s)", path, obj), err)
	}}
	return h
}

// walk diffs every selected commit against its parents and hands each blob
// on the first time it is seen.
func (h *historyScan) walk(ctx context.Context, emit func(scanner.Unit) error) error {
	parentTrees := map[plumbing.Hash]plumbing.Hash{}
	for i := range h.sel.commits {
		if err := ctx.Err(); err != nil {
			return err
		}
		c := &h.sel.commits[i]
		if len(c.parents) == 0 {
			if err := h.diffCommit(int32(i), 0, plumbing.ZeroHash, emit); err != nil {
				return err
			}
		}
		for slot, p := range c.parents {
			pt := h.parentTree(p, parentTrees)
			if err := h.diffCommit(int32(i), int16(slot), pt, emit); err != nil {
				return err
			}
		}
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
func (h *historyScan) parentTree(p plumbing.Hash, memo map[plumbing.Hash]plumbing.Hash) plumbing.Hash {
	if i, ok := h.sel.index[p]; ok {
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

func (h *historyScan) diffCommit(ci int32, slot int16, parentTree plumbing.Hash, emit func(scanner.Unit) error) error {
	var emitErr error
	h.differ.diff(parentTree, h.sel.commits[ci].tree, func(fc fileChange) {
		if emitErr != nil {
			return
		}
		if fc.NewMode == filemode.Submodule || fc.OldMode == filemode.Submodule {
			h.submodule(fc.Path)
		}
		ch := change{commit: ci, slot: slot, path: h.pathID(fc.Path), old: noBlob, new: noBlob}
		if isFile(fc.OldMode) {
			ch.old, emitErr = h.blob(fc.Old, fc.Path, emit)
		}
		if isFile(fc.NewMode) && emitErr == nil {
			ch.new, emitErr = h.blob(fc.New, fc.Path, emit)
		}
		if ch.old != noBlob || ch.new != noBlob {
			h.changes = append(h.changes, ch)
		}
	})
	return emitErr
}

func (h *historyScan) pathID(p string) int32 {
	if id, ok := h.paths[p]; ok {
		return id
	}
	id := int32(len(h.pathNames))
	h.paths[p] = id
	h.pathNames = append(h.pathNames, p)
	return id
}

// blob returns the id of blob hash, reading and handing it to the engine
// the first time it is seen. An unreadable blob gets an id too, with no
// findings, so that it is reported once.
func (h *historyScan) blob(hash plumbing.Hash, path string, emit func(scanner.Unit) error) (int32, error) {
	if id, ok := h.blobs[hash]; ok {
		return id, nil
	}
	id := int32(len(h.blobs))
	h.blobs[hash] = id
	h.blobHashes = append(h.blobHashes, hash)
	if h.handoff != nil && h.g.packs.has(hash) {
		return id, h.handoff(scanner.Unit{Path: path, Tag: blobTag{id, hash}})
	}
	u, ok := h.unit(hash, path, id)
	if !ok {
		return id, nil
	}
	if u.Open != nil {
		// Large: stream it here, on the owner goroutine, in bounded windows.
		h.record(h.eng.ScanUnit(u))
		return id, nil
	}
	return id, emit(u)
}

// unit reads a blob into a scanner.Unit; one larger than largeBlob gets an Open
// that streams it instead. ok is false when it could not be read.
func (h *historyScan) unit(hash plumbing.Hash, path string, id int32) (scanner.Unit, bool) {
	u := scanner.Unit{Path: path, Tag: blobTag{id, hash}}
	data, ok, err := h.g.blobData(hash)
	switch {
	case err != nil:
		h.failObject(hash, fmt.Sprintf("%s (blob %s)", path, hash), err)
		return u, false
	case ok:
		u.Data = data
		return u, true
	}
	o, err := h.g.blobObject(hash)
	if err != nil {
		h.failObject(hash, fmt.Sprintf("%s (blob %s)", path, hash), err)
		return u, false
	}
	if o.Size() > largeBlob {
		u.Open = o.Reader
		return u, true
	}
	if u.Data, err = readBlob(o); err != nil {
		h.failObject(hash, fmt.Sprintf("%s (blob %s)", path, hash), err)
		return u, false
	}
	return u, true
}

// record takes one scanned blob's result (from any goroutine).
func (h *historyScan) record(r scanner.Result) {
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
	if len(r.Findings) > 0 {
		h.found[tag.id] = r.Findings
	}
}

// failObject reports an unreadable object once, however often it is met.
func (h *historyScan) failObject(obj plumbing.Hash, name string, err error) {
	if h.failed[obj] {
		return
	}
	h.failed[obj] = true
	h.fail(name, err)
}

func (h *historyScan) fail(name string, err error) {
	h.mu.Lock()
	defer h.mu.Unlock()
	h.failLocked(name, err)
}

func (h *historyScan) failLocked(name string, err error) {
	fe := scanner.FileError{Path: name, Err: err.Error()}
	h.rep.Stats.Errors = append(h.rep.Stats.Errors, fe)
	h.rep.Stats.Skipped["unreadable"]++
	if h.onError != nil {
		h.onError(fe)
	}
}

// submodule counts a submodule path once and names it on stderr: its
// commits live in another repository, which is not followed.
func (h *historyScan) submodule(path string) {
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
func (h *historyScan) notes(opts Options) []string {
	scope := fmt.Sprintf("history: %d commits from %s", len(h.sel.commits), h.sel.scope)
	if !opts.Since.IsZero() {
		scope += fmt.Sprintf(", committed since %s", opts.Since.UTC().Format(time.RFC3339))
	}
	notes := []string{scope}
	if h.sel.shallow > 0 {
		notes = append(notes, fmt.Sprintf("shallow clone: history before %d boundary commit(s) was not scanned; "+
			"a secret added earlier is attributed to the boundary commit", h.sel.shallow))
	}
	return notes
}
