package rules

import (
	"bytes"
	"cmp"
	"encoding/binary"
	"fmt"
	"regexp/syntax"
	"slices"
	"strings"
	"sync"
)

// A scan asks, window after window and rule after rule, whether the same
// few literals (anchors, window keywords, the literals a pattern needs)
// stand in some stretch of the lowered input. In ordinary code it asks
// about little of the input, and searching just those stretches is
// cheapest. In code that names Amplitude on every line the windows cover
// the input many times over, once per rule, and the same bytes were
// searched for the same words again and again (a fifth of a dense scan).
// So literals are searched for window by window only until those
// searches have read the input several times over (literalBudget); then
// every place each literal stands is found in one pass (indexAll), and
// later questions are answered from that list.

// literalTable numbers the distinct literals of a catalogue's rules, so a
// scan can keep what it has found of each in a slice.
type literalTable struct {
	ids   map[string]int
	words [][]byte
	rare  []int // by id: the offset of the word's rarest byte (see indexRare)
	// headLits[headStart[h]:headStart[h+1]] are the literals of three bytes
	// or more whose first three bytes hash to h (see headHash).
	headStart []int
	headLits  []headLiteral
	headBits  [headHashes / 64]uint64 // bit h: some literal's head hashes to h (small enough to stay in cache)
	// sets are the sets of literals a window must hold one of (a rule's
	// keywords, each set its pattern requires, ...), numbered so that a
	// scan can merge where a set's literals stand (see holdsSet).
	sets    [][]int
	setKeys map[string]int
	// pool keeps scans' occurrences, so that a dense file's long lists
	// are grown once, not once per file.
	pool *sync.Pool
	// digestSet is the set of the lexicon's digest words (see saysDigest).
	digestSet int
	// hostIDs are the ids of the lexicon's hosts, in its order (see
	// roleOfNearestHost), and deploymentIDs those of deploymentPrefixes.
	hostIDs, deploymentIDs []int
	// roleNames is how many roleNames the rules have (see roleNamesOf).
	roleNames int
}

func (t *literalTable) id(w string) int {
	if i, ok := t.ids[w]; ok {
		return i
	}
	if t.ids == nil {
		t.ids = map[string]int{}
	}
	t.ids[w] = len(t.words)
	t.words = append(t.words, []byte(w))
	t.rare = append(t.rare, rareOffset(t.words[len(t.words)-1]))
	return len(t.words) - 1
}

func (t *literalTable) idsOf(words []string) []int {
	out := make([]int, 0, len(words))
	for _, w := range words {
		out = append(out, t.id(w))
	}
	return out
}

// setIDs numbers joinSet's packed sets (see setOf).
func (t *literalTable) setIDs(sets [][]byte) []int {
	out := make([]int, 0, len(sets))
	for _, set := range sets {
		var words []string
		for rest := set; len(rest) > 0; {
			i := bytes.IndexByte(rest, 0)
			words = append(words, string(rest[:i]))
			rest = rest[i+1:]
		}
		out = append(out, t.setOf(words))
	}
	return out
}

// setOf returns the number of the set of words, or noSet for none. A word
// that holds another of the set is left out: text that holds it holds
// the other too ("ampli\t" and "ampli" ask what "ampli" alone does).
func (t *literalTable) setOf(words []string) int {
	if len(words) == 0 {
		return noSet
	}
	words = slices.Compact(slices.Sorted(slices.Values(words)))
	var ids []int
	for _, w := range words {
		if !slices.ContainsFunc(words, func(o string) bool { return o != w && strings.Contains(w, o) }) {
			ids = append(ids, t.id(w))
		}
	}
	slices.Sort(ids)
	key := fmt.Sprint(ids)
	if n, ok := t.setKeys[key]; ok {
		return n
	}
	if t.setKeys == nil {
		t.setKeys = map[string]int{}
	}
	t.setKeys[key] = len(t.sets)
	t.sets = append(t.sets, ids)
	return len(t.sets) - 1
}

// noSet stands for a set of no words, which every text holds.
const noSet = -1

// numberLiterals gives every rule of the catalogue the ids of its
// literals.
func (c *Catalogue) numberLiterals() {
	c.literals = literalTable{}
	for _, r := range c.rules {
		r.anchorIDs = c.literals.idsOf(r.Anchors)
		r.keywordSet = c.literals.setOf(r.Keywords)
		r.fileKeywordSet = c.literals.setOf(r.FileKeywords)
		r.requiredSets = c.literals.setIDs(r.required)
		r.leanSets = c.literals.setIDs(r.leanWhenLacking)
		r.leadIDs = c.literals.idsOf(r.leads)
		r.wordEndIDs = nil
		for _, set := range r.wordEnds {
			r.wordEndIDs = append(r.wordEndIDs, c.literals.idsOf(set))
		}
		r.names = nil
		if words, alone, ok := c.lex.roleWords(); ok {
			r.names = c.literals.roleNamesOf(r, words, alone)
		}
	}
	var digest []string
	for _, w := range c.lex.digestWords {
		digest = append(digest, string(w))
	}
	c.literals.digestSet = c.literals.setOf(digest)
	var hosts []string
	for _, h := range c.lex.hosts {
		hosts = append(hosts, string(h.host))
	}
	c.literals.hostIDs = c.literals.idsOf(hosts)
	c.literals.deploymentIDs = c.literals.idsOf(deploymentPrefixes)
	c.literals.index()
}

// index builds what indexAll needs, once the table holds every literal.
func (t *literalTable) index() {
	t.pool = &sync.Pool{}
	t.headStart = make([]int, headHashes+1)
	byHead := make([][]int, headHashes)
	for id, w := range t.words {
		if len(w) >= indexedLen {
			h := headHash(w[0], w[1], w[2])
			byHead[h] = append(byHead[h], id)
			t.headBits[h>>6] |= 1 << (h & 63)
		}
	}
	for h, ids := range byHead {
		t.headLits = append(t.headLits, headLiterals(t.words, ids)...)
		t.headStart[h+1] = len(t.headLits)
	}
}

// headLiteral is a literal as indexAll compares it: its first eight bytes
// (fewer for a shorter one, the rest masked off) as one word, and where
// its head's list goes on past the literals that begin with it.
type headLiteral struct {
	head uint64 // the literal's first bytes, little-endian
	mask uint64 // which bytes of head are the literal's
	// tail and tailMask are head and mask for the literal's bytes 8 to
	// 15; tailMask is 0 for a literal of eight bytes or fewer. "amplitude"
	// and its seven forms with a byte after it share a head, and each
	// stands wherever "amplitude" does: one masked compare of the next
	// word tells them apart where a call to compare the rest cost 20
	// instructions.
	tail, tailMask uint64
	id             int32
	// skip is the index in the head's list of the first literal after
	// this one that does not begin with it (see headLiterals).
	skip int32
	// whole says the words compared are not all of the literal (it is
	// longer than 16 bytes) or not enough to tell it (it holds a zero
	// byte, as the padding past the text does): it is compared whole.
	whole bool
}

// headLiterals orders one head's literals as a tree of the literals they
// begin with, each followed by those that begin with it (and with no
// longer one of the list): "amp", then "ampli", then "amplitude" and its
// forms with a byte after it. Where a literal does not stand, neither
// does any that begins with it, and indexAll skips them all (skip); the
// "api" head's seventeen literals are compared eight at a time when
// "api_key" stands, not seventeen.
func headLiterals(words [][]byte, ids []int) []headLiteral {
	slices.SortFunc(ids, func(a, b int) int {
		return cmp.Or(cmp.Compare(len(words[a]), len(words[b])), bytes.Compare(words[a], words[b]))
	})
	// children[j] begin with literal j and with no longer one of the
	// list; children[len(ids)] begin with none.
	children := make([][]int, len(ids)+1)
	for j, id := range ids {
		parent := len(ids)
		for k := j - 1; k >= 0; k-- {
			if bytes.HasPrefix(words[id], words[ids[k]]) {
				parent = k
				break
			}
		}
		children[parent] = append(children[parent], j)
	}
	out := make([]headLiteral, 0, len(ids))
	var place func(j int)
	place = func(j int) {
		w := words[ids[j]]
		var head [8]byte
		n := copy(head[:], w)
		at := len(out)
		out = append(out, headLiteral{id: int32(ids[j]), head: binary.LittleEndian.Uint64(head[:]), mask: ^uint64(0) >> (64 - 8*n), //nolint:gosec // a table of a few hundred literals
			whole: len(w) > 16 || bytes.IndexByte(w, 0) >= 0})
		if len(w) > 8 {
			var tail [8]byte
			n := copy(tail[:], w[8:])
			out[at].tail, out[at].tailMask = binary.LittleEndian.Uint64(tail[:]), ^uint64(0)>>(64-8*n)
		}
		for _, c := range children[j] {
			place(c)
		}
		out[at].skip = int32(len(out)) //nolint:gosec // as id
	}
	for _, j := range children[len(ids)] {
		place(j)
	}
	return out
}

// found is what a scan knows of where the literals stand: by literal id,
// and merged by set id.
type found struct {
	occ  []occurrences
	sets []setOccurrences
}

// occurrences returns an empty slate for a scan.
func (t *literalTable) occurrences() *found {
	if f, ok := t.pool.Get().(*found); ok {
		return f
	}
	return &found{occ: make([]occurrences, len(t.words)), sets: make([]setOccurrences, len(t.sets))}
}

// done gives a scan's occurrences back, emptied.
func (t *literalTable) done(f *found) {
	for i := range f.occ {
		f.occ[i] = occurrences{at: f.occ[i].at[:0], searchedAt: f.occ[i].searchedAt[:0]}
	}
	for i := range f.sets {
		f.sets[i] = setOccurrences{at: f.sets[i].at[:0], member: f.sets[i].member[:0], size: f.sets[i].size[:0]}
	}
	t.pool.Put(f)
}

// occurrences is what a scan knows of where one literal stands.
type occurrences struct {
	searched int   // bytes searched window by window so far
	searches int   // how many searches those were
	hits     int   // how many of them found the literal
	indexed  bool  // at holds every offset where the literal starts
	present  bool  // the input holds it somewhere (see nextUnindexed)
	at       []int // in order
	cursor   int   // the index in at of the last answer, see seek
	// Until the literal is indexed, stretches of places its searches
	// found it does not start at (see searchKnown), in order, apart.
	searchedAt []span
	spanAt     int // the k of searchKnown's last answer: the next is most often at it or after
}

// literalBudget is how many passes over the input the window-by-window
// searches of all literals together may make before every literal of
// indexedLen bytes or more is indexed (indexAll). Indexing reads every
// byte of the input and compares where a literal's head hashes, which
// costs several bytes.Index passes. Measured on the dense npm history
// (bench/histcost), whose files windows cover only a few times over, a
// budget of 1 or 4 made the scan slower than searching alone, and 8 did
// not. Shorter literals are found so fast by bytes.Index that each is
// indexed alone, once its own searches have read the input's length.
const literalBudget = 8

// searchesCheaper reports whether one more search of n bytes keeps a
// literal's searches window by window cheaper than indexing it alone,
// over an input of size bytes. A search costs the bytes it reads and a
// call (searchCall); an index reads the input once and makes a call for
// each place the literal stands, which the searches so far estimate: a
// literal they found in every few bytes would cost a call every few bytes
// to index, and is left to the searches.
func (o *occurrences) searchesCheaper(n, size int) bool {
	spent := o.searched + (o.searches+1)*searchCall + n
	if spent <= size {
		return true
	}
	if o.hits == 0 {
		return false
	}
	// The places expected in the whole input, from those found so far in
	// the bytes read so far.
	places := float64(size) * float64(o.hits) / float64(max(o.searched, 1))
	return float64(spent) <= float64(size)+places*searchCall
}

// searchCall is what a search of a window costs beyond the bytes it reads,
// in bytes read: the call to bytes.Index and its setting up. Searches of
// small windows were charged their bytes alone, so a literal asked about
// in thousands of windows of a small file was searched for far longer
// than indexing it would have taken. Measured with cachegrind on the
// first 2,500 blobs of the dense npm history (BenchmarkMatcherHistoryBlobs'
// text), three scans of them and their loading: charging a call 0, 128,
// 256, 512 and 1,024 bytes, without the estimate of places, took 12,545M,
// 10,955M, 10,919M, 10,995M and 11,493M instructions; 256 with it, 10,969M.
const searchCall = 256

// indexedLen is the length from which indexAll indexes a literal: three
// bytes of head make far fewer false hits in text than two did.
const indexedLen = 3

// headHash folds a literal's first three bytes into 15 bits. Each byte
// is shifted 5 bits past the next and the first byte's top bits fall
// outside the 15, so indexAll can roll the hash from one offset to the
// next with one shift and one xor.
func headHash(a, b, c byte) int { return (int(a)<<10 ^ int(b)<<5 ^ int(c)) & (headHashes - 1) }

const headHashes = 1 << 15

// next returns the first offset p with from <= p < limit at which literal
// id starts in s.lower (and ends within it), or -1.
func (s *scan) next(id, from, limit int) int {
	o := &s.occ[id]
	if !o.indexed {
		return s.nextUnindexed(id, o, from, limit)
	}
	k := o.cursor
	if !stillAt(o.at, k, from) {
		k = seek(o.at, k, from)
		o.cursor = k
	}
	if k < len(o.at) && o.at[k] < limit {
		return o.at[k]
	}
	return -1
}

// nextUnindexed is next for a literal not indexed yet: it is searched for
// in the window, or indexed (alone, or with all the others) and looked up.
func (s *scan) nextUnindexed(id int, o *occurrences, from, limit int) int {
	w := s.literals.words[id]
	if len(w) >= indexedLen && s.searched > literalBudget*len(s.lower) {
		s.indexAll()
	}
	if !o.indexed && !o.present && s.indexedAll {
		// In text dense enough to be indexed, a short literal is asked
		// about in thousands of windows (in dense code "|", "??" and
		// "'\t" each in ten thousand, to find nothing): one search of
		// the whole input first, up to where it stands, says whether
		// it stands anywhere.
		if indexRare(s.lower, w, s.literals.rare[id]) < 0 {
			o.indexed = true
		} else {
			o.present = true
		}
	}
	if !o.indexed {
		end := min(len(s.lower), limit+len(w)-1)
		if from >= end {
			return -1
		}
		if o.searchesCheaper(end-from, len(s.lower)) {
			return s.searchKnown(id, o, from, end-len(w))
		}
		for p := 0; ; {
			i := indexRare(s.lower[p:], w, s.literals.rare[id])
			if i < 0 {
				break
			}
			o.at = append(o.at, p+i)
			p += i + 1
		}
		o.indexed = true
	}
	return s.next(id, from, limit) // indexed now
}

// searchKnown returns the first place p, from <= p <= last, where literal
// id starts, or -1, searching only places not known to hold none. Rules
// that anchor on values share their windows, so the same literal was
// searched for in the same windows once for each rule: on the dense npm
// history's real blobs, 44% of the searches asked only about places
// searched before. Only what a search read without finding the literal
// is kept (searchedAt), if it is a long stretch, and not once every
// literal of three bytes or more is indexed (indexAll): the short ones
// left are asked about in windows that seldom meet again, and keeping
// what their searches read cost dense code 1% more than it saved.
func (s *scan) searchKnown(id int, o *occurrences, from, last int) int {
	w := s.literals.words[id]
	x := from
	k := spanEndingAfter(o.searchedAt, x, o.spanAt)
	for x <= last {
		if k < len(o.searchedAt) && o.searchedAt[k].lo <= x {
			x = o.searchedAt[k].hi // no place of the span holds the literal
			k++
			continue
		}
		// The places from x up to the next span, or last, are searched:
		// the bytes from x to where a literal starting at the last of
		// them ends.
		gap := last + 1
		if k < len(o.searchedAt) {
			gap = min(gap, o.searchedAt[k].lo)
		}
		i := indexRare(s.lower[x:gap+len(w)-1], w, s.literals.rare[id])
		// What a search reads is charged: up to the match, or all of it.
		n := gap + len(w) - 1 - x
		if i >= 0 {
			n = i + len(w)
			o.hits++
		}
		o.searched += n
		o.searches++
		s.searched += n
		if i >= 0 {
			if i >= keptMiss && !s.indexedAll {
				o.searchedAt = addSpan(o.searchedAt, k, span{x, x + i})
			}
			o.spanAt = k
			return x + i
		}
		if gap-x >= keptMiss && !s.indexedAll {
			o.searchedAt = addSpan(o.searchedAt, k, span{x, gap})
		}
		x = gap
		k = spanEndingAfter(o.searchedAt, x, max(k-1, 0))
	}
	o.spanAt = k
	return -1
}

// keptMiss is the shortest stretch searched without finding a literal
// that searchKnown keeps.
const keptMiss = 64

// spanEndingAfter returns the index of the first of spans (in order,
// apart) that ends after x, looking first at the few from from on.
func spanEndingAfter(spans []span, x, from int) int {
	k := min(from, len(spans))
	if k > 0 && spans[k-1].hi > x {
		k = 0 // asked about an earlier place (the next rule's first window)
	}
	for steps := 0; k < len(spans) && spans[k].hi <= x; k++ {
		if steps++; steps > 4 {
			lo, hi := k, len(spans)
			for lo < hi {
				m := int(uint(lo+hi) >> 1)
				if spans[m].hi <= x {
					lo = m + 1
				} else {
					hi = m
				}
			}
			return lo
		}
	}
	return k
}

// addSpan puts sp in spans at k, ordered spans apart from each other, and
// joins it to the spans it touches: the one before k may end at sp.lo,
// and the one at k may begin at sp.hi.
func addSpan(spans []span, k int, sp span) []span {
	if k > 0 && spans[k-1].hi == sp.lo {
		k--
		spans[k].hi = sp.hi
	} else {
		spans = slices.Insert(spans, k, sp)
	}
	if k+1 < len(spans) && spans[k+1].lo == spans[k].hi {
		spans[k].hi = spans[k+1].hi
		spans = slices.Delete(spans, k+1, k+2)
	}
	return spans
}

// stillAt reports whether the last answer of seek is the answer for from
// too, as it most often is (the end of the list included: a literal seen
// for the last time); small enough to be inlined where seek is called.
func stillAt(at []int, last, from int) bool {
	return last <= len(at) && (last == len(at) || at[last] >= from) && (last == 0 || at[last-1] < from)
}

// seek returns the index of the first offset in at that is from or more,
// searching from the index of the last answer: a rule asks about its
// windows in order, so the answer is usually at or just after it.
func seek(at []int, last, from int) int {
	if last > len(at) || last > 0 && at[last-1] >= from {
		last = 0 // asked about an earlier place (the next rule's first window)
	}
	// Gallop: the answer lies in at[lo:hi] once at[hi-1] >= from.
	lo, step := last, 1
	hi := lo
	for hi < len(at) && at[hi] < from {
		lo = hi + 1
		hi += step
		step *= 2
	}
	hi = min(hi, len(at))
	if lo == hi {
		return lo // most often: the answer is the last one or the next
	}
	k, _ := slices.BinarySearch(at[lo:hi], from)
	return lo + k
}

// indexAll finds, in one pass, every offset where each literal of
// indexedLen bytes or more starts (but those indexed alone already): at
// each offset, only the literals whose heads hash as the three bytes there
// do are compared.
func (s *scan) indexAll() {
	t, lower := s.literals, s.lower
	if len(lower) >= 3 {
		padded := paddedText(lower)
		heads := &t.headBits // checked for nil once, not at every byte
		// hh keeps the bytes of earlier places above the hash's 15 bits,
		// where they do no harm: h, its low 15 bits, is what is looked up.
		hh := uint32(lower[0])<<5 ^ uint32(lower[1])
		for i, c := range lower[2:] {
			hh = hh<<5 ^ uint32(c)
			h := int(hh & (headHashes - 1)) // headHash(lower[i], lower[i+1], c)
			if heads[h>>6]&(1<<(h&63)) == 0 {
				continue
			}
			next := binary.LittleEndian.Uint64(padded[i : i+8]) // the eight bytes from i
			lits := t.headLits[t.headStart[h]:t.headStart[h+1]]
			for j := 0; j < len(lits); {
				hl := &lits[j]
				if next&hl.mask != hl.head || binary.LittleEndian.Uint64(padded[i+8:i+16])&hl.tailMask != hl.tail ||
					hl.whole && !bytes.HasPrefix(lower[i:], t.words[hl.id]) {
					j = int(hl.skip) // nor any that begins with it
					continue
				}
				if o := &s.occ[hl.id]; !o.indexed {
					o.at = append(o.at, i)
				}
				j++
			}
		}
	}
	for id, w := range t.words {
		if len(w) >= indexedLen {
			s.occ[id].indexed = true
		}
	}
	s.indexedAll = true
}

// textPad is how many zero bytes indexAll reads past the text: two words
// from the last offset it compares at.
const textPad = 16

// paddedText returns text with textPad zero bytes after it, read where the
// text ends, so that indexAll compares words without asking at every
// offset whether they run past its end: no literal it compares as words
// holds a zero byte. The padding is toLower's; text from elsewhere is
// copied.
func paddedText(text []byte) []byte {
	if cap(text)-len(text) >= textPad {
		if p := text[:len(text)+textPad]; binary.LittleEndian.Uint64(p[len(text):])|binary.LittleEndian.Uint64(p[len(text)+8:]) == 0 {
			return p
		}
	}
	return append(slices.Clip(text), make([]byte, textPad)...)
}

// setOccurrences is where the literals of one set stand, merged, once
// every one of them is indexed.
type setOccurrences struct {
	merged bool
	at     []int   // starts in order
	member []uint8 // which of the set's literals starts there, by index
	size   []int   // by index, the length of each of the set's literals
	cursor int     // as in occurrences
}

// holdsSet reports whether s.lower[lo:hi] holds one of the set's literals
// (true for noSet). Once all of them are indexed, their places are merged
// into one list, and each question is one seek however large the set:
// the Ampli CLI rule's second set has 31 strings, and in dense code it
// is asked about in thousands of windows.
func (s *scan) holdsSet(set, lo, hi int) bool {
	if set == noSet {
		return true
	}
	ids := s.literals.sets[set]
	if len(ids) < minMerged || len(ids) > maxMerged {
		return s.holdsOne(ids, lo, hi)
	}
	so := &s.sets[set]
	if !so.merged {
		if !s.indexed(ids) {
			return s.holdsOne(ids, lo, hi)
		}
		s.merge(so, ids)
	}
	k := so.cursor
	if !stillAt(so.at, k, lo) {
		k = seek(so.at, k, lo)
		so.cursor = k
	}
	for ; k < len(so.at) && so.at[k] < hi; k++ {
		if so.at[k]+so.size[so.member[k]] <= hi {
			return true
		}
	}
	return false
}

// minMerged is the size from which a set's places are merged: asking a
// few literals one by one costs about what one seek does, and a merged
// list of common literals (two spellings of "key") is megabytes in a file
// of 200,000 keys.
const minMerged = 4

// maxMerged is the most literals a merged set may have: each place names
// its literal in a byte.
const maxMerged = 255

// lacksSet reports whether the whole input is known to hold none of the
// set's literals, without searching for any.
func (s *scan) lacksSet(set int) bool {
	if set == noSet {
		return false
	}
	return s.lacksAll(s.literals.sets[set])
}

// lacksAny reports whether the input is known to lack a literal set the
// rule cannot match without (its keywords, file keywords or a required
// set), or every one of its anchors: a rule's windows are found around
// its anchors (or values, see AnchorValues), so with none there is no
// window.
func (s *scan) lacksAny(r *Rule) bool {
	if s.lacksSet(r.keywordSet) || s.lacksSet(r.fileKeywordSet) {
		return true
	}
	if !r.AnchorValues && s.lacksAll(r.anchorIDs) {
		return true
	}
	return slices.ContainsFunc(r.requiredSets, s.lacksSet)
}

// lacksAll reports whether the input is known to hold none of the
// literals.
func (s *scan) lacksAll(ids []int) bool {
	if len(ids) == 0 || !s.indexed(ids) {
		return false
	}
	for _, id := range ids {
		if len(s.occ[id].at) > 0 {
			return false
		}
	}
	return true
}

func (s *scan) indexed(ids []int) bool {
	for _, id := range ids {
		if !s.occ[id].indexed {
			return false
		}
	}
	return true
}

// merge lists where the set's literals stand, in order of their starts,
// reading the literals' own lists side by side: no sorting, and nothing
// built but the merged list (a file of 200,000 keys holds "key" 200,000
// times). Most of a set's literals stand nowhere (a .env of keys holds
// two or three of the ten), so only the lists that hold any are read at
// each step.
func (s *scan) merge(so *setOccurrences, ids []int) {
	// The lists that hold any place, each with its index in ids, in the
	// order of ids: of places that tie, the first literal's comes first.
	lists := make([][]int, 0, len(ids))
	members := make([]uint8, 0, len(ids))
	total := 0
	for i, id := range ids {
		if at := s.occ[id].at; len(at) > 0 {
			lists = append(lists, at)
			members = append(members, uint8(i)) //nolint:gosec // a merged set has at most maxMerged literals
			total += len(at)
		}
	}
	n := len(so.at)
	so.at, so.member = slices.Grow(so.at, total)[:n+total], slices.Grow(so.member, total)[:n+total]
	at, member := so.at[n:], so.member[n:]
	k := 0
	for len(lists) > 1 {
		best, bestAt := 0, lists[0][0]
		for j := 1; j < len(lists); j++ {
			if lists[j][0] < bestAt {
				best, bestAt = j, lists[j][0]
			}
		}
		at[k], member[k] = bestAt, members[best]
		k++
		if lists[best] = lists[best][1:]; len(lists[best]) == 0 {
			lists = slices.Delete(lists, best, best+1)
			members = slices.Delete(members, best, best+1)
		}
	}
	if len(lists) == 1 { // the last list's places follow all the others'
		copy(at[k:], lists[0])
		for ; k < len(at); k++ {
			member[k] = members[0]
		}
	}
	so.size = so.size[:0]
	for _, id := range ids {
		so.size = append(so.size, len(s.literals.words[id]))
	}
	so.merged = true
}

// holdsOne reports whether s.lower[lo:hi] holds one of the literals.
func (s *scan) holdsOne(ids []int, lo, hi int) bool {
	for _, id := range ids {
		if s.next(id, lo, hi-len(s.literals.words[id])+1) >= 0 {
			return true
		}
	}
	return false
}

// holdsEvery reports whether s.lower[lo:hi] holds a literal of every set.
func (s *scan) holdsEvery(sets []int, lo, hi int) bool {
	for _, set := range sets {
		if !s.holdsSet(set, lo, hi) {
			return false
		}
	}
	return true
}

// lacksEvery reports whether s.lower[lo:hi] holds no literal of any set.
func (s *scan) lacksEvery(sets []int, lo, hi int) bool {
	for _, set := range sets {
		if s.holdsSet(set, lo, hi) {
			return false
		}
	}
	return true
}

// endsWords reports whether s.lower[lo:hi] holds, for every set, one of
// its literals with a non-word byte after it or ending at hi (where a
// search of the window sees the end of its text).
func (s *scan) endsWords(sets [][]int, lo, hi int) bool {
	for _, ids := range sets {
		if !s.endsWord(ids, lo, hi) {
			return false
		}
	}
	return true
}

func (s *scan) endsWord(ids []int, lo, hi int) bool {
	for _, id := range ids {
		n := len(s.literals.words[id])
		for from := lo; ; {
			p := s.next(id, from, hi-n+1)
			if p < 0 {
				break
			}
			if e := p + n; e == hi || !syntax.IsWordChar(rune(s.lower[e])) {
				return true
			}
			from = p + 1
		}
	}
	return false
}
