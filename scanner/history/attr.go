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

	"github.com/ampscan/ampscan/scanner"
	"github.com/go-git/go-git/v5/plumbing"
)

// secretAt is the identity of a history finding: a secret value at a path.
// An unrelated edit or a line move keeps it; a rotated key is a new value.
// The value is the store's number for it (see foundStore.secretID): the
// maps keyed by secretAt hold one for each secret at each path a commit
// introduces or loses, and hashing the values' strings was a third of
// attribution in the keys history.
type secretAt struct {
	secret, path int32
}

// intro is a finding as introduced: where the store keeps it, and the
// blob it was found in, whose scan gave its line and column. It holds the
// store's place, not the finding: the maps of attribution hold one for
// each secret at each path (the keys history's first commit, 50,000), and
// a 240-byte finding in each was copied from map to map.
type intro struct {
	at   foundAt
	blob int32
}

// candidate is an introduction of a secret at a path by a commit.
type candidate struct {
	intro
	commit int32
}

// attribute turns the recorded changes into findings. A commit C introduces
// secret s at path P when C's file at P holds s and, against every parent
// (the empty tree for a root):
//
//   - the parent's file at P did not hold s (so an edit elsewhere in the
//     file, or a merge that takes one side's file, introduces nothing), and
//   - no file the commit deleted or changed held s before and lost it (so a
//     rename, or a key moved from one file to another, introduces nothing).
//
// Each (s, P) is then attributed to its earliest introduction, by committer
// date, then by depth in the graph (ancestors first), then by commit id; its
// line and column are those in that commit's version of the file.
func (h *owner) attribute() []scanner.Finding {
	gen := h.sel.generations()
	best := map[secretAt]candidate{}
	removals := map[secretAt][]int32{}
	for _, cd := range h.diffs {
		for k, in := range h.introducedBy(cd) {
			if prev, ok := best[k]; !ok || h.earlier(cd.commit, prev.commit, gen) {
				best[k] = candidate{in, cd.commit}
			}
		}
		h.removedBy(cd, removals)
	}
	h.diffs, h.found.sets = nil, nil // no longer needed
	out := make([]scanner.Finding, 0, len(best))
	for k, c := range best {
		f := h.atPath(c.intro, h.pathNames[k.path])
		who := h.sel.authors[h.sel.commits[c.commit].author]
		f.Commit = &scanner.Commit{ID: h.sel.hash(c.commit).String(), Author: who.name, Email: who.email, Date: h.sel.authorDate(c.commit)}
		if r, ok := h.firstAfter(removals[k], c.commit, gen); ok {
			f.Commit.RemovedIn, f.Commit.RemovedDate = h.sel.hash(r).String(), h.sel.authorDate(r)
		}
		out = append(out, f)
	}
	h.rescans = nil // no longer needed
	return out
}

// removedBy records, for each secret at a path, the commits whose file at
// that path lost it against one of their parents (an edit, a deletion, or a
// merge that took the other side).
func (h *owner) removedBy(cd commitDiff, removals map[secretAt][]int32) {
	for _, group := range cd.bySlot {
		eachLost(group, h.found, func(c change, secret int32) {
			k := secretAt{secret, c.path}
			removals[k] = append(removals[k], cd.commit)
		})
	}
}

// firstAfter is the earliest of commits that comes after intro in the
// attribution order: the commit that ended the exposure at that path. (A
// removal before the introduction ended an earlier one.)
func (h *owner) firstAfter(commits []int32, intro int32, gen []int32) (int32, bool) {
	first, ok := int32(0), false
	for _, c := range commits {
		if c == intro || !h.earlier(intro, c, gen) {
			continue
		}
		if !ok || h.earlier(c, first, gen) {
			first, ok = c, true
		}
	}
	return first, ok
}

// introducedBy returns what one commit introduces: what it introduces
// against every one of its parents.
func (h *owner) introducedBy(cd commitDiff) map[secretAt]intro {
	var result map[secretAt]intro
	for _, group := range cd.bySlot {
		if !slices.ContainsFunc(group, func(c change) bool { return h.found.of(c.new) != nil || h.found.of(c.old) != nil }) {
			return nil // the commit's files with secrets all equal this parent's
		}
		got := introducedAgainst(group, h.found)
		if result == nil {
			result = got
			continue
		}
		for k := range result {
			if _, ok := got[k]; !ok {
				delete(result, k)
			}
		}
	}
	return result
}

// introducedAgainst applies the rule of attribute to the changes between a
// commit and one parent.
func introducedAgainst(group []change, found *foundStore) map[secretAt]intro {
	out := map[secretAt]intro{}
	var lost map[int32]bool // see lostIn; found when first needed
	for _, c := range group {
		old := found.secretsOf(c.old)
		for _, a := range found.of(c.new) {
			if old.holds(found.secretID(a)) {
				continue
			}
			secret := found.secretID(a)
			if lost == nil {
				lost = lostIn(group, found)
			}
			if lost[secret] {
				continue // moved here from a file that lost it
			}
			k := secretAt{secret, c.path}
			if prev, ok := out[k]; !ok || found.before(a, prev.at) {
				out[k] = intro{a, c.new}
			}
		}
	}
	return out
}

// atPath returns an introduced finding as found at path. A blob is scanned
// once, under the first path it was seen at; a path can change what a
// finding means (a client-side file exposes a key), so a blob attributed
// at another path is scanned again for it, once for all its findings
// there: a file of 2,000 keys copied to a new path was scanned again for
// each of them, 13.8 s.
func (h *owner) atPath(in intro, path string) scanner.Finding {
	f := h.found.finding(in.at)
	scanned := f.Path
	f.Path = path
	if scanned == path {
		return f
	}
	key := rescanKey{in.blob, path}
	again, ok := h.rescans[key]
	if !ok {
		again = h.rescan(in.blob, path)
		if h.rescans == nil {
			h.rescans = map[rescanKey]map[placedSecret]scanner.Finding{}
		}
		h.rescans[key] = again
	}
	if g, ok := again[placedSecret{f.Secret, f.Line, f.Column}]; ok {
		return g
	}
	return f
}

// rescanKey is a blob scanned again at another path than its first.
type rescanKey struct {
	blob int32
	path string
}

// placedSecret is a secret and where it was found in a blob.
type placedSecret struct {
	secret       string
	line, column int
}

// rescan scans a blob again as if at path, and returns its findings there
// by secret and place (the first of any found twice at one place); nil
// when the blob cannot be read again (reported).
func (h *owner) rescan(blob int32, path string) map[placedSecret]scanner.Finding {
	u, ok, _ := h.unit(h.blobs.name(blob), path, blob)
	if !ok {
		return nil
	}
	var found []scanner.Finding
	if u.Open != nil {
		found = h.eng.ScanUnit(u).Findings
	} else {
		found = h.eng.ScanBytes(path, u.Data)
	}
	out := make(map[placedSecret]scanner.Finding, len(found))
	for _, g := range found {
		k := placedSecret{g.Secret, g.Line, g.Column}
		if _, dup := out[k]; !dup {
			g.Path = path
			out[k] = g
		}
	}
	return out
}

// lostIn returns the secrets that a file in the group held before the
// change and does not after it (deleted, renamed away, or edited out).
// They are found in one pass over the group: asked secret by secret, a
// commit adding 10,000 files of one key each read the whole group for
// every key, 1.5 of the 2.7 s its history took.
func lostIn(group []change, found *foundStore) map[int32]bool {
	lost := map[int32]bool{}
	eachLost(group, found, func(_ change, secret int32) { lost[secret] = true })
	return lost
}

// eachLost calls visit for each secret that a change of the group lost:
// one its old file held and its new file does not.
func eachLost(group []change, found *foundStore, visit func(c change, secret int32)) {
	for _, c := range group {
		kept := found.secretsOf(c.new)
		for _, a := range found.of(c.old) {
			if id := found.secretID(a); !kept.holds(id) {
				visit(c, id)
			}
		}
	}
}

// before reports whether a stands before b in their file.
func (s *foundStore) before(a, b foundAt) bool {
	la, ca, _ := s.place(a)
	lb, cb, _ := s.place(b)
	return la < lb || la == lb && ca < cb
}

// earlier orders commits for attribution: committer date, then generation
// (so that, within one second, an ancestor comes before its descendants),
// then commit id.
func (h *owner) earlier(a, b int32, gen []int32) bool {
	ca, cb := h.sel.commits[a].committed, h.sel.commits[b].committed
	if ca != cb {
		return ca < cb
	}
	if gen[a] != gen[b] {
		return gen[a] < gen[b]
	}
	ha, hb := h.sel.hash(a), h.sel.hash(b)
	return bytes.Compare(ha[:], hb[:]) < 0
}

// generations numbers each selected commit by its longest path to a root
// of the selection.
func (s *selection) generations() []int32 {
	gen := make([]int32, len(s.commits))
	done := make([]bool, len(s.commits))
	var stack []int32
	for i := range s.commits {
		stack = append(stack[:0], int32(i))
		for len(stack) > 0 {
			c := stack[len(stack)-1]
			if done[c] {
				stack = stack[:len(stack)-1]
				continue
			}
			ready := true
			g := int32(0)
			for _, p := range s.parents(c) {
				pi, ok := s.lookup(p)
				switch {
				case !ok:
				case done[pi]:
					g = max(g, gen[pi]+1)
				default:
					ready = false
					stack = append(stack, pi)
				}
			}
			if ready {
				gen[c], done[c] = g, true
				stack = stack[:len(stack)-1]
			}
		}
	}
	return gen
}

// locateInHead says, for each finding, whether its secret is in HEAD's tree
// and where. Blobs of HEAD not met in the walk (possible with --range,
// --branch or --since) are scanned now.
func (h *owner) locateInHead(ctx context.Context) error {
	tree, err := h.headTree()
	if err != nil {
		h.rep.Notes = append(h.rep.Notes, fmt.Sprintf("HEAD does not name a commit (%v): no finding is marked as still in HEAD", err))
		return nil
	}
	type file struct {
		path string
		hash plumbing.Hash
	}
	var files, pending []file
	h.differ.walk(tree, func(fc fileChange) {
		if !isFile(fc.NewMode) {
			return
		}
		files = append(files, file{fc.Path, fc.New})
		if _, ok := h.blobs.lookup(fc.New); !ok {
			pending = append(pending, file{fc.Path, fc.New})
		}
	})
	if len(pending) > 0 {
		err := h.scanBlobs(ctx, func(ctx context.Context, send func(blobJob) error) error {
			for _, p := range pending {
				if _, err := h.blob(p.hash, p.path, send); err != nil {
					return err
				}
			}
			return nil
		})
		if err != nil {
			return err
		}
	}
	where := map[string][]scanner.Location{}
	for _, f := range h.rep.Findings {
		where[f.Secret] = nil
	}
	for _, fl := range files {
		id, ok := h.blobs.lookup(fl.hash)
		if !ok {
			continue // every file of HEAD was added above
		}
		for _, a := range h.found.of(id) {
			secret := h.found.secret(a)
			if locs, ok := where[secret]; ok {
				line, col, _ := h.found.place(a)
				where[secret] = append(locs, scanner.Location{Path: fl.path, Line: line, Column: col})
			}
		}
	}
	for i := range h.rep.Findings {
		f := &h.rep.Findings[i]
		locs := slices.CompactFunc(slices.SortedFunc(slices.Values(where[f.Secret]), compareLocations), func(a, b scanner.Location) bool { return a == b })
		f.Commit.InHead = len(locs) > 0
		f.Commit.HeadLocations = locs
		if f.Commit.InHead {
			// Still exposed at HEAD, in this file or another.
			f.Commit.RemovedIn, f.Commit.RemovedDate = "", time.Time{}
		}
	}
	return nil
}

func compareLocations(a, b scanner.Location) int {
	return cmp.Or(strings.Compare(a.Path, b.Path), cmp.Compare(a.Line, b.Line), cmp.Compare(a.Column, b.Column))
}

func (h *owner) headTree() (plumbing.Hash, error) {
	ref, err := h.g.repo.Head()
	if err != nil {
		return plumbing.ZeroHash, errors.New("unborn or missing HEAD")
	}
	ch, err := h.g.peel(ref.Hash())
	if err != nil {
		return plumbing.ZeroHash, err
	}
	c, err := h.g.readCommit(ch)
	if err != nil {
		return plumbing.ZeroHash, err
	}
	return c.TreeHash, nil
}
