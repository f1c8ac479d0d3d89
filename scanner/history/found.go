package history

import (
	"hash/maphash"
	"math"
	"slices"

	"github.com/ampscan/ampscan/scanner"
)

// foundStore holds the findings of every scanned blob until attribution
// and the search of HEAD are done. A file of keys yields the same
// findings again in each of its versions, most of them at other lines:
// held whole, 31 versions of a .env of 50,000 keys took 867 MB. So each
// distinct finding but for its place (a kind) is held once, and a blob's
// findings are places of kinds, 16 bytes each.
type foundStore struct {
	kinds kindPages // Line, Column and EndColumn zero
	// kindOf gives, by a kind's hash, the last kind added with that hash,
	// and sameHash, by kind, the one added before it with the same hash
	// (-1: none). A map keyed by the 240-byte findings themselves held a
	// copy of each (12 MB for the keys history), grew under the tally's
	// lock, and kept the other worker waiting.
	kindOf   map[uint64]int32
	sameHash []int32
	seed     maphash.Seed
	// hash is maphash.Comparable with seed; tests make hashes collide.
	hash func(maphash.Seed, scanner.Finding) uint64
	// sups holds one Suppression of each value, so that the kinds of two
	// findings suppressed alike compare equal.
	sups   map[scanner.Suppression]*scanner.Suppression
	byBlob map[int32][]foundAt // clean blobs absent
	// secretIDs numbers the distinct secrets, and secretOf gives each
	// kind's number, so that attribution compares numbers, not strings.
	secretIDs map[string]int32
	secretOf  []int32 // by kind
	// sets are the secrets of blobs with many findings, by number and in
	// order, built by holds when first asked (by the owner only, once the
	// blobs are scanned).
	sets map[int32][]int32
	// lastAt is the blob last added under each path: the next version of
	// a file holds most of its findings, in the same order (see add).
	lastAt map[string]int32
	far    [][3]int // places too far for a foundAt (see foundAt)
}

// foundAt is one finding of a blob: its kind, and where it is. A history
// holds one for every finding of every version, 1.55 million in the keys
// history (bench/git-keys.sh), so its place is kept in 32-bit numbers.
// A place past them (a blob streamed whole, of more than 4 GiB) is kept
// in the store's far list, and line is farPlace.
type foundAt struct {
	kind                    int32
	line, column, endColumn uint32
}

// farPlace marks a foundAt whose place is far[column].
const farPlace = math.MaxUint32

// place returns where a finding is.
func (s *foundStore) place(a foundAt) (line, column, endColumn int) {
	if a.line == farPlace {
		p := s.far[a.column]
		return p[0], p[1], p[2]
	}
	return int(a.line), int(a.column), int(a.endColumn)
}

// at returns a foundAt for a finding at f's place, kind not set.
func (s *foundStore) at(f *scanner.Finding) foundAt {
	if int64(f.Line) < farPlace && int64(f.Column) < farPlace && int64(f.EndColumn) < farPlace {
		return foundAt{line: uint32(f.Line), column: uint32(f.Column), endColumn: uint32(f.EndColumn)} //nolint:gosec // checked just above
	}
	s.far = append(s.far, [3]int{f.Line, f.Column, f.EndColumn})
	return foundAt{line: farPlace, column: uint32(len(s.far) - 1)} //nolint:gosec // far places are a handful
}

func newFoundStore() *foundStore {
	return &foundStore{
		kindOf:    map[uint64]int32{},
		seed:      maphash.MakeSeed(),
		hash:      maphash.Comparable[scanner.Finding],
		secretIDs: map[string]int32{},
		sups:      map[scanner.Suppression]*scanner.Suppression{},
		byBlob:    map[int32][]foundAt{},
		lastAt:    map[string]int32{},
	}
}

// add records the findings of blob id.
func (s *foundStore) add(id int32, fs []scanner.Finding) {
	if len(fs) == 0 {
		return
	}
	out := make([]foundAt, 0, len(fs))
	// Looking a finding up in kindOf hashes its dozen strings, and in a
	// map of 50,000 kinds most lookups miss the cache: a twelfth of the
	// keys history's CPU, under the tally's lock. So each finding is
	// first compared with the next of the last version of its file, or
	// the one after (a finding added or replaced between the two).
	var prev []foundAt
	if last, ok := s.lastAt[fs[0].Path]; ok {
		prev = s.byBlob[last]
	}
	next := 0
	for i := range fs {
		f := fs[i] // a copy: its place is cleared (a Finding is 240 bytes: copied once)
		at := s.at(&f)
		f.Line, f.Column, f.EndColumn = 0, 0, 0
		if f.Suppression != nil {
			sup, ok := s.sups[*f.Suppression]
			if !ok {
				sup = f.Suppression
				s.sups[*sup] = sup
			}
			f.Suppression = sup
		}
		kind, j := s.kindAt(prev, next, &f)
		ok := j >= 0
		var hash uint64
		if ok {
			next = j + 1
		} else {
			kind, hash, ok = s.lookup(&f)
		}
		if !ok {
			kind = s.kinds.add(&f)
			before, held := s.kindOf[hash]
			if !held {
				before = -1
			}
			s.sameHash = append(s.sameHash, before)
			s.kindOf[hash] = kind
			n, ok := s.secretIDs[f.Secret]
			if !ok {
				n = int32(len(s.secretIDs)) //nolint:gosec // secrets held in memory, far fewer than 2^31
				s.secretIDs[f.Secret] = n
			}
			s.secretOf = append(s.secretOf, n)
		}
		at.kind = kind
		out = append(out, at)
	}
	s.byBlob[id] = out
	s.lastAt[fs[0].Path] = id
}

// lookup returns f's kind if it is held, and f's hash either way.
func (s *foundStore) lookup(f *scanner.Finding) (kind int32, hash uint64, ok bool) {
	hash = s.hash(s.seed, *f)
	kind, ok = s.kindOf[hash]
	for ok {
		if *s.kinds.at(kind) == *f {
			return kind, hash, true
		}
		kind = s.sameHash[kind]
		ok = kind >= 0
	}
	return 0, hash, false
}

// kindAt looks for f among prev[next] and prev[next+1]: its kind, and
// its index in prev, or -1.
func (s *foundStore) kindAt(prev []foundAt, next int, f *scanner.Finding) (int32, int) {
	for j := next; j < min(next+2, len(prev)); j++ {
		if *s.kinds.at(prev[j].kind) == *f {
			return prev[j].kind, j
		}
	}
	return 0, -1
}

// of returns the findings of blob id (none for a clean or unknown blob).
func (s *foundStore) of(id int32) []foundAt { return s.byBlob[id] }

// secret is the value a finding found.
func (s *foundStore) secret(a foundAt) string { return s.kinds.at(a.kind).Secret }

// secretID is the number of the value a finding found.
func (s *foundStore) secretID(a foundAt) int32 { return s.secretOf[a.kind] }

// finding returns a finding whole, a copy the caller may change.
func (s *foundStore) finding(a foundAt) scanner.Finding {
	f := *s.kinds.at(a.kind)
	f.Line, f.Column, f.EndColumn = s.place(a)
	return f
}

// empty reports whether no blob had a finding.
func (s *foundStore) empty() bool { return len(s.byBlob) == 0 }

// listedSecrets is how many findings a blob may have for holds to read
// them as a list.
const listedSecrets = 8

// secretsOf returns what holds needs to say which secrets blob id's
// findings hold. Attribution asks that of every finding of every changed
// file, about the file's other side: asked of a list, a file of 64,000
// keys on one line, committed and edited twice, took 40 s (the square of
// its findings). So a blob with more than a few findings gets the numbers
// of its secrets in order, to search; a map of its secrets, searched by
// string, was 0.55 s of the 8.7 s of CPU of bench/git-keys.sh, all of it
// on the owner's serial path.
func (s *foundStore) secretsOf(id int32) secretSet {
	fs := s.byBlob[id]
	if len(fs) <= listedSecrets {
		return secretSet{store: s, listed: fs}
	}
	set, ok := s.sets[id]
	if !ok {
		set = make([]int32, 0, len(fs))
		for _, a := range fs {
			set = append(set, s.secretOf[a.kind])
		}
		slices.Sort(set)
		set = slices.Compact(set)
		if s.sets == nil {
			s.sets = map[int32][]int32{}
		}
		s.sets[id] = set
	}
	return secretSet{store: s, sorted: set}
}

// A secretSet is the secrets of one blob's findings (see secretsOf).
type secretSet struct {
	store  *foundStore
	listed []foundAt // a few findings, read in turn
	sorted []int32   // else the numbers of the secrets, in order
	next   int       // the index in sorted after the last one asked for
}

// holds reports whether the set holds the secret numbered sid. Two
// versions of a file list most of their findings in the same order, so
// the next number asked for is most often the one after the last.
func (ss *secretSet) holds(sid int32) bool {
	if ss.sorted == nil {
		return slices.ContainsFunc(ss.listed, func(a foundAt) bool { return ss.store.secretOf[a.kind] == sid })
	}
	if ss.next < len(ss.sorted) && ss.sorted[ss.next] == sid {
		ss.next++
		return true
	}
	i, ok := slices.BinarySearch(ss.sorted, sid)
	if ok {
		ss.next = i + 1
	}
	return ok
}

// kindPages holds the kinds in pages of kindPage, all full but the last.
// One list of kinds was grown, and copied whole, a quarter at a time:
// 12 MB of 240-byte findings for the keys history, with a write barrier
// for each of their strings, under the tally's lock.
type kindPages [][]scanner.Finding

const kindPage = 1024

func (p *kindPages) add(f *scanner.Finding) int32 {
	n := len(*p)
	if n == 0 || len((*p)[n-1]) == kindPage {
		size := kindPage
		if n == 0 {
			size = 16 // most histories hold a few kinds: the first page grows
		}
		*p = append(*p, make([]scanner.Finding, 0, size))
		n++
	}
	last := &(*p)[n-1]
	*last = append(*last, *f)
	return int32((n-1)*kindPage + len(*last) - 1) //nolint:gosec // kinds held in memory, far fewer than 2^31
}

func (p kindPages) at(k int32) *scanner.Finding { return &p[k/kindPage][k%kindPage] }

func (p kindPages) len() int {
	if len(p) == 0 {
		return 0
	}
	return (len(p)-1)*kindPage + len(p[len(p)-1])
}
