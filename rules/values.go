package rules

import (
	"bytes"
	"cmp"
	"hash/maphash"
	"slices"
)

// valueSpans are disjoint spans of a buffer in order: where value
// candidates lie, or uses of the names that hold them.
type valueSpans []span

// unionOf returns the spans that ss cover, joined where they overlap (a
// 32-hex run is also part of a longer token).
func unionOf(ss []span) valueSpans {
	sorted := ss
	if !slices.IsSortedFunc(ss, compareSpans) {
		sorted = sortSpans(slices.Clone(ss))
	}
	out := make(valueSpans, 0, len(sorted)) // at most one span each
	for _, s := range sorted {
		if n := len(out); n > 0 && s.lo <= out[n-1].hi {
			out[n-1].hi = max(out[n-1].hi, s.hi)
			continue
		}
		out = append(out, s)
	}
	return out
}

// union returns the spans that v or w cover, joined where they overlap.
// Both are in order, so they are merged rather than sorted.
func (v valueSpans) union(w valueSpans) valueSpans {
	out := make(valueSpans, 0, len(v)+len(w))
	add := func(s span) {
		if n := len(out); n > 0 && s.lo <= out[n-1].hi {
			out[n-1].hi = max(out[n-1].hi, s.hi)
			return
		}
		out = append(out, s)
	}
	i, j := 0, 0
	for i < len(v) || j < len(w) {
		if j == len(w) || i < len(v) && !spanAfter(v[i], w[j]) {
			add(v[i])
			i++
		} else {
			add(w[j])
			j++
		}
	}
	return out
}

// spanCursor answers overlap for spans asked about in order of their
// starts, moving on through the spans as they do.
type spanCursor struct {
	v valueSpans
	k int // v[:k] end at or before the last start asked about
}

func (v valueSpans) cursor() spanCursor { return spanCursor{v: v} }

// overlap reports whether any span overlaps [lo, hi); lo must not be
// less than in the call before.
func (c *spanCursor) overlap(lo, hi int) bool {
	for c.k < len(c.v) && c.v[c.k].hi <= lo {
		c.k++
	}
	return c.k < len(c.v) && c.v[c.k].lo < hi
}

// namedValueUses returns every place where a name that may be assigned one
// of the tokens is used: the names a rule's ref can resolve to something.
// resolve reads a constant only from a literal assignment, where a quoted
// value follows the name with nothing but blanks, quotes, an operator and
// perhaps a type between (KEY = "…", "KEY": '…', KEY: String = "…",
// KEY string = "…", #define KEY @"…"). So the names are the last few
// identifiers before each quoted token, going back over those bytes only.
func namedValueUses(data []byte, tokens []span) valueSpans {
	names := nameSet{data: data}
	for _, v := range tokens {
		if v.lo == 0 || !isQuote(data[v.lo-1]) {
			continue
		}
		floor := max(0, v.lo-assignReach)
		found := 0
		for i := v.lo - 1; i > floor && found < namesPerValue; {
			c := data[i-1]
			if !isIdentByte(c) {
				if !assignByte[c] {
					break
				}
				i--
				continue
			}
			j := i
			for j > floor && isIdentByte(data[j-1]) {
				j--
			}
			names.add(j, i)
			found++
			i = j
		}
	}
	if len(names.spans) == 0 {
		return valueSpans{} // not nil: asked once per scan
	}
	if len(names.spans) <= searchedNames {
		return usesBySearch(data, &names)
	}
	return usesByToken(data, &names)
}

// nameSet is a set of distinct names, each held as a span of data where it
// is written. A generated file of 300,000 constants made a string of each
// for a map[string]bool: 28% of the matcher's time on that file.
type nameSet struct {
	data  []byte
	spans []span  // the distinct names, in the order added
	slots []int32 // index+1 in spans of the name hashed there; 0 is empty
}

// nameSeed hashes names; they are chosen by whoever wrote the file.
var nameSeed = maphash.MakeSeed()

// add puts data[lo:hi] in the set, unless a name of the same bytes is in it.
func (s *nameSet) add(lo, hi int) {
	if s.has(s.data[lo:hi]) {
		return
	}
	if 2*(len(s.spans)+1) > len(s.slots) { // at most half full
		s.slots = make([]int32, max(2*len(s.slots), 64))
		for k, n := range s.spans {
			s.place(s.data[n.lo:n.hi], int32(k))
		}
	}
	s.spans = append(s.spans, span{lo, hi})
	// Each name stands before a quoted token of several bytes, so a set
	// of 2^31 names needs a buffer of many GiB; the scanner's are windows.
	s.place(s.data[lo:hi], int32(len(s.spans)-1)) //nolint:gosec // see above
}

func (s *nameSet) place(name []byte, k int32) {
	mask := uint64(len(s.slots) - 1) //nolint:gosec // a length, never negative; slots is a power of two
	i := maphash.Bytes(nameSeed, name) & mask
	for s.slots[i] != 0 {
		i = (i + 1) & mask
	}
	s.slots[i] = k + 1
}

// has reports whether the set holds a name of the same bytes as name.
func (s *nameSet) has(name []byte) bool {
	if len(s.slots) == 0 {
		return false
	}
	mask := uint64(len(s.slots) - 1) //nolint:gosec // as in place
	for i := maphash.Bytes(nameSeed, name) & mask; s.slots[i] != 0; i = (i + 1) & mask {
		if n := s.spans[s.slots[i]-1]; bytes.Equal(s.data[n.lo:n.hi], name) {
			return true
		}
	}
	return false
}

// searchedNames is how many names usesBySearch looks for, one search
// each, before reading every identifier (usesByToken) costs less. Most
// files that name any have one or two.
const searchedNames = 8

// usesByToken returns, in order, the places where one of the names stands
// as a whole identifier, by reading every identifier in data.
func usesByToken(data []byte, names *nameSet) valueSpans {
	uses := valueSpans{}
	// Most identifiers cannot be one of the few names by their first byte
	// or length alone, which is far cheaper to ask than the set.
	var first [256]bool
	var lengths uint64 // bit n: a name n bytes long (63: 63 or more)
	for _, n := range names.spans {
		first[names.data[n.lo]] = true
		lengths |= 1 << min(n.hi-n.lo, 63)
	}
	for i := 0; i < len(data); {
		if byteClass[data[i]]&classIdent == 0 {
			i++
			continue
		}
		j := i + 1
		for j < len(data) && byteClass[data[j]]&classIdent != 0 {
			j++
		}
		if first[data[i]] && lengths&(1<<min(j-i, 63)) != 0 && names.has(data[i:j]) {
			uses = append(uses, span{i, j})
		}
		i = j
	}
	return uses
}

// usesBySearch returns what usesByToken does by searching for each name
// (indexRare) and keeping the places it stands alone: a few searches that
// skip most of the input were a tenth of a dense history's CPU as one
// pass reading every byte.
func usesBySearch(data []byte, names *nameSet) valueSpans {
	uses := valueSpans{}
	for _, n := range names.spans {
		name := names.data[n.lo:n.hi]
		rare := rareOffset(name)
		for from := 0; ; {
			i := indexRare(data[from:], name, rare)
			if i < 0 {
				break
			}
			lo, hi := from+i, from+i+len(name)
			if (lo == 0 || byteClass[data[lo-1]]&classIdent == 0) && (hi == len(data) || byteClass[data[hi]]&classIdent == 0) {
				uses = append(uses, span{lo, hi})
			}
			from = lo + 1
		}
	}
	// Whole identifiers do not overlap, so ordering by start orders them.
	slices.SortFunc(uses, func(a, b span) int { return cmp.Compare(a.lo, b.lo) })
	return uses
}

func isQuote(c byte) bool { return c == '"' || c == '\'' || c == '`' }

// assignReach bounds how far before its value a name is looked for: the
// text resolve matches after a name.
const assignReach = 300

// namesPerValue is how many identifiers before a value may be its name:
// KEY: Type = "…" and KEY Type = "…" put a type between the two.
const namesPerValue = 2

// assignByte are the bytes other than a name's that may stand between it
// and the value assigned to it: quotes, blanks, operators, a type's
// punctuation.
var assignByte = func() (t [256]bool) {
	for _, c := range []byte(" \t\r\n\"'`\\@=:><?[]") {
		t[c] = true
	}
	return t
}()
