package rules

import (
	"bytes"
	"cmp"
	"encoding/base64"
	"encoding/binary"
	"regexp"
	"slices"
	"strings"
	"sync"
	"sync/atomic"
)

// Match is one credential found in a buffer.
type Match struct {
	RuleID  string
	KeyType KeyType
	Secret  string
	// Start and End are byte offsets, in the scanned buffer, of the value
	// as written (for decoded values, of the encoded text).
	Start, End int
	// Exposure explains why a private key here ships to users ("" if it
	// does not): a public-bundle env prefix or client-side code.
	Exposure string
}

var lowerPool = sync.Pool{New: func() any { b := make([]byte, 0, 64<<10); return &b }}

// denseCandidates: text with a value candidate in every denseCandidates
// bytes or fewer has its literals indexed before any rule runs. Counted
// with cachegrind against indexing only once the budget is spent: a
// generated Go file of a value every 75 bytes 19% fewer instructions,
// the keys .env (one every 26) 4%, the dense benchmark (134) 3.5%, the
// dense npm history's blobs no change in time.
const denseCandidates = 256

// Scan finds every credential in data. path is used only for hints (client
// code, a file named after the product); it may be empty. Scan is safe for
// concurrent use.
func (c *Catalogue) Scan(path string, data []byte) []Match {
	return c.scan(nil, path, data, nil, nil)
}

// AppendScan is Scan appending the matches to dst, so that a caller
// that scans file after file can reuse one list rather than have each
// scan allocate its own.
func (c *Catalogue) AppendScan(dst []Match, path string, data []byte) []Match {
	return c.scan(dst, path, data, nil, nil)
}

// scan is AppendScan with the names judged so far; nil takes those
// earlier scans kept, once data passes the gates (see takeCarried).
func (c *Catalogue) scan(dst []Match, path string, data []byte, names, valueMemo *nameMemo) []Match {
	pathNamesProduct := c.lex.pathNamesProduct(path)
	var bufp *[]byte
	defer func() {
		if bufp != nil {
			lowerPool.Put(bufp)
		}
	}()
	var lower []byte
	var allASCII bool // learnt as data is lowered
	lowered := func() []byte {
		if bufp == nil {
			bufp = lowerPool.Get().(*[]byte)
			lower, allASCII = toLowerASCII((*bufp)[:0], data)
			*bufp = lower
		}
		return lower
	}
	open, any := c.openGates(data, lowered)
	if !pathNamesProduct && !any {
		return dst
	}
	lower = lowered()
	// Every value a rule can report, directly or through a constant it
	// names, is written somewhere in data as a token that could hold a
	// credential. Without one there is nothing to find.
	carry := c.lex.takeCarried()
	defer c.lex.keepCarried(carry)
	cands, tokens := valueCandidates(data, lower, c.lex.credentialWords, carry.cands[:0], carry.tokens[:0])
	carry.cands, carry.tokens = cands, tokens
	if len(tokens) == 0 && !c.everywhere {
		return dst
	}
	values := unionOf(cands)
	var refs valueSpans // uses of names that may hold a value, found when a rule asks
	if c.everywhere {
		// Every anchor and window counts, valued or not (see everywhere).
		values = valueSpans{{0, len(data) + 1}}
	}
	if names == nil {
		names, valueMemo = carry.names, carry.values
	}
	s := &scan{data: data, lower: lower, path: path, clientPath: c.lex.isClientPath(path), pathNamesProduct: pathNamesProduct,
		noShortcuts: c.everywhere, literals: &c.literals, found: c.literals.occurrences(),
		text: indexLines(data), names: names, values: valueMemo, allASCII: allASCII}
	s.sections.text = s.text
	s.winBuf, s.reachBuf, s.chunkBuf = carry.windows[:0], carry.reaches[:0], carry.chunks[:0]
	defer func() { carry.windows, carry.reaches, carry.chunks = s.winBuf, s.reachBuf, s.chunkBuf }()
	s.runs = make([]int, 0, len(c.rules))
	defer s.text.release()
	defer s.brackets.release()
	s.bytes = byteScratchPool.Get().(*byteScratch)
	defer byteScratchPool.Put(s.bytes)
	defer c.literals.done(s.found)
	// Sized for a match per candidate at first, within the bound on what
	// is kept: a first scan of a minified line full of keys otherwise
	// grows the list a dozen times (3-9% of its time).
	s.matches = slices.Grow(carry.matches[:0], min(len(cands), maxCarriedMatches))
	// keepCarried lets go of the working list if it grew past
	// maxCarriedMatches (result then gave it to the caller), else empties it.
	defer func() { carry.matches = s.matches }()
	if len(cands)*denseCandidates >= len(data) {
		// Text this dense with values is windowed over many times, and
		// its literals would be indexed anyway once searching them window
		// by window had cost literalBudget passes. Indexed first, a rule
		// whose keywords, required literals or anchors stand nowhere in
		// it is passed over before its windows are found (lacksAny).
		s.indexAll()
	}
	// The chunks of value windows, by rule.Lines: most rules share one.
	valueChunks := map[int][]chunk{}
	regionMemo := map[regionKey][]span{}
	for _, r := range c.rules {
		s.runs = append(s.runs, len(s.matches))
		// A file whose name says Amplitude passes every gate.
		if !pathNamesProduct && !open[r.gateIdx] {
			continue
		}
		// Once the literals are indexed (dense text), a rule whose
		// keywords or required literals stand nowhere in the file is
		// passed over before its windows are found.
		if !s.noShortcuts && s.lacksAny(r) {
			continue
		}
		// The rule's file keywords are looked for only once it has a
		// window to search: a whole-file search for a word that is not
		// there costs more than finding that nothing needs searching.
		gated := 0 // 1: the file holds a file keyword, -1: it does not
		// A rule that can name its value (ref) may find it anywhere in
		// the buffer; one that must hold it searches only text that does.
		needsValue := len(r.byGroup[gRef]) == 0 && len(r.byGroup[gRef2]) == 0
		if !needsValue && refs == nil {
			refs = namedValueUses(data, tokens)
		}
		var chunks []chunk
		if r.AnchorValues {
			var ok bool
			if chunks, ok = valueChunks[r.Lines]; !ok {
				// The windows are let go once cut: only their chunks
				// are kept, for the rules that share them.
				s.winBuf = s.valueWindows(cands, r.Lines, s.winBuf)
				s.reachBuf = reachOf(s.winBuf, s.reachBuf)
				// Each list of chunks kept is in a list of its own,
				// which the next scan reuses.
				k := len(valueChunks)
				if k == len(carry.valueChunks) {
					carry.valueChunks = append(carry.valueChunks, nil)
				}
				chunks = chunksOf(s.winBuf, s.reachBuf, carry.valueChunks[k][:0])
				carry.valueChunks[k] = chunks
				valueChunks[r.Lines] = chunks
			}
		} else {
			// Only an anchor whose window reaches a value (or a name that
			// holds one) can matter, so anchors are looked for only near
			// those: in a file that names Amplitude on every line but
			// holds few values, most of it is never searched.
			key := regionKey{r.Lines, needsValue}
			regions, ok := regionMemo[key]
			if !ok {
				near := values
				if !needsValue {
					near = values.union(refs)
				}
				regions = s.regionsNear(near, r.Lines)
				regionMemo[key] = regions
			}
			wins := s.literalWindowsIn(r.anchorIDs, r.Lines, regions)
			s.reachBuf = reachOf(wins, s.reachBuf)
			s.chunkBuf = chunksOf(wins, s.reachBuf, s.chunkBuf)
			chunks = s.chunkBuf
		}
		// Windows overlap where mentions are dense. A run of overlapping
		// windows is searched in chunks of whole windows, each at most
		// mergedRun bytes (see chunksOf): a short run (ordinary code,
		// however dense) is one chunk, a long one (a minified line) many,
		// so a regex never sees more than mergedRun bytes at once and the
		// cost of a line is linear in its length however many candidates
		// it holds. Searching window by window instead would go over each
		// byte once for every window that holds it. pos carries on from
		// chunk to chunk so that no text is matched twice.
		pos, deferred := 0, false
		// Chunks come in order of their starts, so the spans they may
		// overlap are passed over once.
		valuesAt, refsAt := values.cursor(), refs.cursor()
		for ci := 0; ci < len(chunks); {
			c := &chunks[ci]
			if r.names != nil && !s.noShortcuts && c.flags&chunkRunStart != 0 {
				// A run of joined windows where no name can give a value
				// a role holds no finding of this rule (see roleNamesOf):
				// it is passed over whole, unless its last chunk could
				// hand a match cut at its end on to the next run.
				from := c.lo
				if deferred {
					from = min(from, pos)
				}
				if c.flags&chunkLastReaches != 0 {
					if next, reach := runAt(chunks, ci); !s.mayName(r.names, from, reach) {
						ci, deferred = next, false
						continue
					}
				}
			}
			lo, hi := max(c.lo, pos), c.hi()
			if deferred {
				lo = pos // a match cut by the last chunk's end resumes here
			}
			deferred = false
			// A chunk of value windows holds the value of its first
			// (valueWindows), so only other windows ask the values.
			if lo < hi && (r.AnchorValues || valuesAt.overlap(c.lo, hi) || !needsValue && refsAt.overlap(c.lo, hi)) &&
				s.holdsSet(r.keywordSet, c.lo, hi) {
				if gated == 0 {
					gated = -1
					if s.holdsSet(r.fileKeywordSet, 0, len(lower)) {
						gated = 1
					}
				}
				if gated < 0 {
					break
				}
				pos, deferred = s.runRule(r, span{lo, hi}, c.flags&chunkMore != 0)
			}
			ci++
		}
	}
	return s.result(dst)
}

func toLower(dst, src []byte) []byte {
	dst, _ = toLowerASCII(dst, src)
	return dst
}

// toLowerASCII is toLower, and reports whether src is all ASCII: read as it
// is lowered, where a pass of its own (see asciiIn) was 5% of a scan of
// the dense npm history's real blobs.
func toLowerASCII(dst, src []byte) ([]byte, bool) {
	if cap(dst) < len(src)+textPad {
		dst = make([]byte, len(src), len(src)+textPad)
	}
	// Zero bytes after the text, for indexAll (see paddedText).
	clear(dst[len(src) : len(src)+textPad])
	return lowerInto(dst[:len(src)], src)
}

// lowerInto is toLower into dst, as long as src. (A function of its own:
// with the padding cleared before it in the same function, the compiler
// no longer knew dst as long as src, and checked each word's bounds.)
func lowerInto(dst, src []byte) ([]byte, bool) {
	dst = dst[:len(src)]
	// Eight bytes at a time: every file that passes the gate is lowered
	// whole, and a byte at a time this was 7% of a dense history's CPU.
	// For a byte b below 0x80, b+(0x80-'A') has its top bit set when
	// b >= 'A', and b+(0x80-'Z'-1) when b > 'Z'; neither sum carries
	// into the next byte. Their XOR marks 'A'..'Z', bytes of 0x80 and
	// up are masked out, and the mark shifted to 0x20 lowers the letter.
	const ones, tops = 0x0101010101010101, 0x8080808080808080
	i := 0
	var all uint64 // every byte ORed in: its top bit says whether one was 0x80 or more
	for ; i+8 <= len(src); i += 8 {
		w := binary.LittleEndian.Uint64(src[i : i+8])
		all |= w
		low7 := w &^ tops
		upper := ((low7 + (0x80-'A')*ones) ^ (low7 + (0x80-'Z'-1)*ones)) &^ w & tops
		binary.LittleEndian.PutUint64(dst[i:i+8], w|upper>>2)
	}
	for ; i < len(src); i++ {
		c := src[i]
		all |= uint64(c)
		if c >= 'A' && c <= 'Z' {
			c += 'a' - 'A'
		}
		dst[i] = c
	}
	return dst, all&tops == 0
}

// openGates evaluates each distinct gate of the catalogue once and reports
// which let data through, and whether any did.
func (c *Catalogue) openGates(data []byte, lower func() []byte) ([]bool, bool) {
	open := make([]bool, len(c.gates))
	memo := make([]int8, c.needles)
	any := false
	for i, g := range c.gates {
		open[i] = g.pass(data, lower, memo)
		any = any || open[i]
	}
	return open, any
}

// runRule runs one rule over one window and returns where a search in the
// next window may resume. A match that yields nothing (a name where a
// value should be, a placeholder) does not hide a real match that overlaps
// it: the search resumes one byte after its start.
//
// A match that runs into the window's end may have been cut short by it
// (a value's tail, $ matching at the cut): when a later window reaches
// further (more), the search resumes there instead.
// maxDeferred bounds how much text a deferred match may carry on to the
// next window, so that deferring cannot make a long line cost its square.
const maxDeferred = 4 * windowMaxReach

// mergedRun is the longest run of overlapping windows that Scan searches
// whole rather than window by window: long enough for any ordinary line
// and its neighbours, short enough that a search stays cheap.
//
// A long run of value windows (a minified line full of ids and keys) is
// cut into chunks of this length too. It once had chunks of 1 KiB, when
// a search from each match could run on to the chunk's end through Go's
// regexp (a 260 KB bundle line took 0.9 s at 1 KiB and 2.8 s at 4 KiB).
// The byte programs bound that search now, and the start finder reads
// the text two chunks share once for each: 39% of each 1 KiB chunk of
// the long-line benchmark, 10% of a 4 KiB one.
const mergedRun = 4 << 10

func (s *scan) runRule(r *Rule, w span, more bool) (resume int, deferred bool) {
	pos := w.lo
	re, at, bp := r.re, r.atRe, r.byteRe
	if r.lean != nil && !s.noShortcuts && s.lacksEvery(r.leanSets, w.lo, w.hi) {
		re, at, bp = r.lean, r.atLean, r.byteLean
	}
	// Lacking a literal the pattern needs, or one it needs at a word's
	// end (wordEndSets), the window cannot match. The literals' places are
	// known (see next), so asking costs less than reading the window.
	if !s.noShortcuts && (!s.holdsEvery(r.requiredSets, w.lo, w.hi) || !s.endsWords(r.wordEndIDs, w.lo, w.hi)) {
		return pos, false
	}
	// Where the finder can say where matches begin, the regexp is only
	// asked for the groups of each, anchored at its start.
	found := false
	// A rule whose matches begin a few bytes before a literal is tried
	// where the literal stands (see leadLiterals), if the byteProg can
	// read the window.
	leads := len(r.leadIDs) > 0 && !s.noShortcuts && s.asciiIn(w.lo, w.hi)
	if leads {
		s.resetLeads(len(r.leadIDs))
	} else if r.finder != nil && !s.noShortcuts {
		s.starts, found = r.finder.find(s.data[w.lo:w.hi], s.starts[:0])
	}
	next := len(s.starts) - 1 // the first start not passed yet (they are in descending order)
	anchored := !leads && !found && len(r.starts) > 0 && !s.noShortcuts
	if anchored {
		s.nextStart = slices.Grow(s.nextStart[:0], len(r.starts))[:len(r.starts)]
		for i := range s.nextStart {
			s.nextStart[i] = -1
		}
	}
	for pos < w.hi {
		var m []int
		if leads {
			m = s.matchFromLeads(r, bp, w, pos)
		} else if found {
			m = s.matchFromStarts(r.finder, re, bp, w, pos, &next)
		} else if anchored {
			m = s.findAnchored(r, at, pos, w.hi)
		} else {
			m = shiftMatch(re.FindSubmatchIndex(s.data[pos:w.hi]), pos)
		}
		if m == nil {
			return pos, false
		}
		if more && m[1] == w.hi && w.hi-w.lo < maxDeferred {
			return pos, true
		}
		before := len(s.matches)
		s.apply(r, m)
		if len(s.matches) > before {
			pos = max(m[1], m[0]+1)
		} else {
			pos = m[0] + 1
			// What the rejected match took for a value may be the name
			// of a real one: resume there.
			// (Two bytes back, for the quote and escape a name may need.)
			if a, _, ok := s.group(r, m, gSecret); ok && a-2 > pos {
				pos = a - 2
			} else if a, _, ok := s.group(r, m, gRef); ok && a-2 > pos {
				pos = a - 2
			}
		}
	}
	return pos, false
}

// findAnchored returns the leftmost match of r in data[from:hi], with
// offsets into data, by trying re (r's pattern anchored) at each of r's
// start literals in turn (see startLiterals). nextStart keeps, per
// literal, the next place it stands, so a window is read once per
// literal however many places are tried.
func (s *scan) findAnchored(r *Rule, re *regexp.Regexp, from, hi int) []int {
	for {
		at := hi
		for i, lit := range r.starts {
			if s.nextStart[i] < from && s.nextStart[i] != hi {
				s.nextStart[i] = hi
				if j := bytes.Index(s.lower[from:hi], lit); j >= 0 {
					s.nextStart[i] = from + j
				}
			}
			at = min(at, s.nextStart[i])
		}
		if at >= hi {
			return nil
		}
		if m := re.FindSubmatchIndex(s.data[at:hi]); m != nil {
			return shiftMatch(m, at)
		}
		from = at + 1
	}
}

// matchFromStarts returns the leftmost match of re in data[pos:w.hi],
// with offsets into data, as re.FindSubmatchIndex would find it there,
// from the starts a finder found in data[w.lo:w.hi] (offsets from w.lo,
// in descending order). *next indexes the first start not yet passed; it
// only moves on, as pos does. The finder read the window and found it
// all ASCII, so bp, the same pattern as a byte program, takes the groups
// at a start.
func (s *scan) matchFromStarts(f *startFinder, re *regexp.Regexp, bp *byteProg, w span, pos int, next *int) []int {
	from := pos - w.lo
	if pos > w.lo && f.leads {
		// Searching from pos, the regexp sees the start of its input
		// there, not the byte before that the finder saw.
		if m := bp.matchAt(s.bytes, s.data, pos, pos, w.hi, s.match); m != nil {
			s.match = m
			return m
		}
		from++
	}
	for *next >= 0 && s.starts[*next] < from {
		*next--
	}
	if *next < 0 {
		return nil
	}
	p := w.lo + s.starts[*next]
	begin := p - 1 // the byte before is in view of assertions
	if p == pos {
		begin = p
	}
	m := bp.matchAt(s.bytes, s.data, begin, p, w.hi, s.match)
	if m == nil {
		// The finder said a match begins here and the regexp finds none.
		// That is a bug in the finder: believe the regexp.
		startsMissed.Add(1)
		return shiftMatch(re.FindSubmatchIndex(s.data[pos:w.hi]), pos)
	}
	s.match = m
	return m
}

// matchFromLeads returns the leftmost match of bp in data[pos:w.hi], as
// the regexp would find it there, with offsets into data: every match
// begins at most r.lead bytes before a place one of r's lead literals
// stands, so only those starts are tried, in order, each anchored. The
// byteProg's input begins at pos, as the regexp's would. s.nextStart
// keeps, per literal, the first place it stands from s.leadAsked on.
func (s *scan) matchFromLeads(r *Rule, bp *byteProg, w span, pos int) []int {
	for c := pos; ; {
		p := w.hi // the first place at or after c where a literal stands
		for i, id := range r.leadIDs {
			// A failed search went past pos, to where the literal stands
			// next after a place tried; from pos, a place tried then is
			// tried again, seeing the start of its input.
			if s.nextStart[i] < c || s.leadAsked[i] > c {
				s.nextStart[i], s.leadAsked[i] = w.hi, c
				if q := s.next(id, c, w.hi-len(s.literals.words[id])+1); q >= 0 {
					s.nextStart[i] = q
				}
			}
			p = min(p, s.nextStart[i])
		}
		if p >= w.hi {
			return nil
		}
		for start := max(c, p-r.lead); start <= p; start++ {
			if m := bp.matchAt(s.bytes, s.data, pos, start, w.hi, s.match); m != nil {
				s.match = m
				return m
			}
		}
		c = p + 1
	}
}

// resetLeads readies nextStart and leadAsked for a window's n lead
// literals.
func (s *scan) resetLeads(n int) {
	s.nextStart = slices.Grow(s.nextStart[:0], n)[:n]
	s.leadAsked = slices.Grow(s.leadAsked[:0], n)[:n]
	for i := range n {
		s.nextStart[i], s.leadAsked[i] = -1, 0
	}
}

// asciiIn reports whether data[lo:hi] is all ASCII (what a byteProg
// reads). Most files are, which lowering them found out.
func (s *scan) asciiIn(lo, hi int) bool {
	return s.allASCII || isASCII(s.data[lo:hi])
}

// isASCII reports whether b holds no byte of 0x80 or more, reading
// eight bytes at a time.
func isASCII(b []byte) bool {
	var or uint64
	for len(b) >= 8 {
		or |= binary.LittleEndian.Uint64(b)
		b = b[8:]
	}
	for _, c := range b {
		or |= uint64(c)
	}
	return or&0x8080808080808080 == 0
}

// startsMissed counts the starts a finder reported where the regexp
// found no match. Tests require it to stay 0.
var startsMissed atomic.Int64

// shiftMatch turns a match's offsets into a slice of data starting at
// by into offsets into data; groups that took no part stay -1.
func shiftMatch(m []int, by int) []int {
	for i := range m {
		if m[i] >= 0 {
			m[i] += by
		}
	}
	return m
}

// reachOf returns, for each window, the end of the run of overlapping
// windows it belongs to: how far text joined to it extends. buf is
// reused for it.
func reachOf(wins []span, buf []int) []int {
	buf = slices.Grow(buf[:0], len(wins))[:len(wins)]
	for i := 0; i < len(wins); {
		j, hi := i+1, wins[i].hi
		for j < len(wins) && wins[j].lo <= hi {
			hi = max(hi, wins[j].hi)
			j++
		}
		for k := i; k < j; k++ {
			buf[k] = hi
		}
		i = j
	}
	return buf
}

// chunk is a stretch of joined windows that a rule searches at once:
// the text from lo, the start of its first window, to hi(). It is at most
// mergedRun bytes, or one window (a few KiB at most: windowMaxReach each
// way and what it is around), so its size fits 32 bits. A dense file's
// value windows are kept as chunks for the whole scan, one list for each
// lines of context the rules ask, so a chunk is kept small: 16 bytes,
// less than a window and its reach took before.
type chunk struct {
	lo    int
	size  uint32
	flags uint8
}

func (c *chunk) hi() int { return c.lo + int(c.size) }

const (
	// chunkRunStart: the chunk begins its run of overlapping windows.
	chunkRunStart = 1 << iota
	// chunkLastReaches: (at a run's start) the run's last window is one
	// that ends at its reach, so a match cut at the run's end could be
	// handed on from there.
	chunkLastReaches
	// chunkMore: the run reaches past the chunk's end.
	chunkMore
)

// runAt returns, for the run that begins at chunk ci, the index of the
// first chunk after it and its reach: the furthest any of its windows,
// so any of its chunks, ends.
func runAt(chunks []chunk, ci int) (next, reach int) {
	reach = chunks[ci].hi()
	for next = ci + 1; next < len(chunks) && chunks[next].flags&chunkRunStart == 0; next++ {
		reach = max(reach, chunks[next].hi())
	}
	return next, reach
}

// chunksOf cuts windows (in order of their starts, with their reach, see
// reachOf) into the chunks a rule searches, in buf. It depends on the
// windows alone, so the rules that share value windows share it: each
// walked every window to find its chunks, 2-3 windows a chunk in dense
// text, for each of seventeen rules.
func chunksOf(wins []span, reach []int, buf []chunk) []chunk {
	buf = slices.Grow(buf[:0], len(wins)) // at most a chunk a window, and no list grown twice
	for i := 0; i < len(wins); {
		last := i // the run's last window
		for last+1 < len(wins) && reach[last+1] == reach[i] {
			last++
		}
		first := len(buf)
		for j := i; j <= last; {
			w := wins[j]
			end, hi := j, w.hi
			for end+1 < len(wins) && wins[end+1].lo < reach[j] && max(hi, wins[end+1].hi)-w.lo <= mergedRun {
				end++
				hi = max(hi, wins[end].hi)
			}
			c := chunk{lo: w.lo, size: uint32(hi - w.lo)} //nolint:gosec // a few KiB at most, see chunk
			if reach[j] > hi {
				c.flags = chunkMore
			}
			buf = append(buf, c)
			j = end + 1
		}
		buf[first].flags |= chunkRunStart
		if wins[last].hi == reach[i] {
			buf[first].flags |= chunkLastReaches
		}
		i = last + 1
	}
	return buf
}

type scan struct {
	data, lower []byte
	path        string
	clientPath  bool
	// pathNamesProduct: the file's own name says Amplitude (amplitude.yml,
	// amplitude_httpapi_batch.json), which counts as context when nothing
	// around a value names any vendor.
	pathNamesProduct bool
	fileVendors      int // 0 until onlyAmplitudeInFile has looked
	vendorMemo       map[contextKey]vendorMention
	mentions         mentionIndex            // see nearestVendor
	assigns          map[string][]assignment // by name, see resolve
	idents           map[string][]int        // every identifier's offsets, once many names are asked
	reachBuf         []int
	winBuf           []span
	chunkBuf         []chunk
	tables           *tableMemo   // see columnName
	nextStart        []int        // see findAnchored and matchFromLeads
	leadAsked        []int        // see matchFromLeads
	allASCII         bool         // data is all ASCII (see toLowerASCII)
	starts           []int        // see matchFromStarts
	bytes            *byteScratch // from byteScratchPool
	match            []int        // the last match from a byte program, reused
	noShortcuts      bool         // the catalogue's everywhere
	matches          []hit
	kinds            []KeyType // the key types added that lx does not declare, see kindOf
	lastKindOf       KeyType   // the key type numbered last, see kindOf
	lastKind         uint32    // and its number, +1 (0: none yet)
	runs             []int     // where each rule's matches start in matches, see mergeRuns
	literals         *literalTable
	*found                        // where literals stand, see next and holdsSet
	names            *nameMemo    // what each name says (role, keylessness, product, prefix...), judged once
	values           *nameMemo    // the values of no name judged, by themselves (see half)
	text             lineIndex    // where data's lines end
	sections         sectionLines // where section headers may stand, see enclosingName
	brackets         brackets     // where its brackets stand, see enclosedByOtherVendor
	searched         int          // bytes searched for literals window by window, see next
	indexedAll       bool         // indexAll has run
	// lex is the catalogue's key types and words, taken from the rules
	// applied (all of one catalogue share it).
	lex *lexicon
	// alones is, by roleNames' number, where its alone words end a name
	// (see mayName); nil where not found yet.
	alones []*aloneNames
	// assignMatch is assignmentsOf's match, apart from match: a value is
	// resolved while the match that named it is still read.
	assignMatch []int
}

// group returns the span of the named group or of whichever of its
// alternates (name_alt, name_alt2) took part in the match.
func (s *scan) group(r *Rule, m []int, name groupName) (int, int, bool) {
	for _, g := range r.byGroup[name] {
		if m[2*g] >= 0 {
			return m[2*g], m[2*g+1], true
		}
	}
	return 0, 0, false
}

func (s *scan) apply(r *Rule, m []int) {
	s.lex = r.lex
	// Cheapest first: a value written too short for any shape, then a name
	// no key type takes. Only then are values decoded and judged (half).
	name := int32(-1) // the match's name in s.names, once looked up
	if r.Decode != "basic" && r.Classify != "pair" {
		if a, b, ok := s.group(r, m, gSecret); ok && b-a < minOpaqueLen {
			return
		}
		if r.Classify == "identifier" {
			keyless, at := s.keylessName(r, m)
			if keyless {
				return
			}
			name = at
		}
	}
	// Values before the name's context: a name is qualified (its
	// enclosing block, its fallback lookup) only for values that may be
	// keys.
	var halves [2]half
	n := 0
	if h, ok := s.half(r, m, gSecret, gRef, r.KeyType, name); ok {
		halves[n], n = h, n+1
	}
	if r.Classify == "pair" {
		if h, ok := s.half(r, m, gSecret2, gRef2, r.PairKeyType, -1); ok {
			halves[n], n = h, n+1
		}
	}
	if n == 0 {
		return
	}
	id := ""
	if a, b, ok := s.group(r, m, gID); ok {
		if name >= 0 {
			id = s.names.names[name] // the same bytes, kept as a string (see keylessName)
		} else {
			id = string(s.data[a:b])
		}
		if r.Classify == "identifier" {
			if s.tables == nil {
				s.tables = newTableMemo()
			}
			id = s.lex.qualifyName(s.data, a, id, s.names, s.tables, &s.sections)
			if va, vb, ok := s.group(r, m, gVia); ok {
				id = s.lex.fallbackName(id, s.data[va:vb], s.names)
			}
		}
	}
	for _, h := range halves[:n] {
		s.applyHalf(r, id, h)
	}
}

// keylessName reports whether the match's name is one no key type takes,
// whatever its value: a name of no role (user_id, flushQueueSize) that is
// not a generic token name, with no fallback lookup (via) to take a role
// from and no enclosing block to refine it. applyHalf would drop every
// value under it (see role), so its values need not be decoded first:
// in dense code most matches are such names. An empty or missing name is
// left to applyHalf (a table column names the value).
//
// It also returns the name's place in s.names (-1 if not looked up), where
// half keeps the value the name held last.
func (s *scan) keylessName(r *Rule, m []int) (bool, int32) {
	a, b, ok := s.group(r, m, gID)
	if !ok || a == b || s.lex.refinesUnnamed {
		return false, -1
	}
	if _, _, ok := s.group(r, m, gVia); ok {
		return false, -1
	}
	at := s.names.indexBytes(s.data[a:b])
	f := &s.names.facts[at]
	if f.known&knowsKeyless == 0 {
		id := string(s.data[a:b])
		keyless := s.lex.roleOfName(id, s.names) == "" && !s.lex.genericTokenName(id)
		f = &s.names.facts[at] // roleOfName may have added names
		f.keyless, f.known = keyless, f.known|knowsKeyless
	}
	return f.keyless, at
}

// half is one value of a match, as written and decoded.
type half struct {
	start, end int
	raw, value string
	shape      Shape
	fixed      KeyType // the rule's key type for it
}

// half returns the value in a match's secretGroup, or in the constant
// its refGroup names, and whether it may be a key: one of a key's shapes,
// and plausible. (A basic credential is decoded by applyBasic.)
//
// name, when not -1, is the match's name in s.names: the judgment of the
// value is kept there, and a value the same as the one the name held last
// is not decoded or judged again. That is exact (the judgment is of the
// bytes and the decoding alone) and, in a history, the common case: a
// version of a file holds most of its names with the values of the last.
func (s *scan) half(r *Rule, m []int, secretGroup, refGroup groupName, fixed KeyType, name int32) (half, bool) {
	start, end, ok := s.group(r, m, secretGroup)
	if !ok {
		a, b, ok := s.group(r, m, refGroup)
		if !ok {
			return half{}, false
		}
		start, end, ok = s.resolve(string(s.data[a:b]), a)
		if !ok {
			return half{}, false
		}
	}
	if r.Decode == "basic" {
		return half{start: start, end: end, raw: string(s.data[start:end]), fixed: fixed}, true
	}
	var last *lastValue
	if name >= 0 {
		last = s.names.lastOf(name)
	} else if s.values != nil {
		// A value of no name (the deployment key rule's, an init call's)
		// is remembered by itself: the next version of a file in a
		// history holds it again, in the same order.
		last = s.values.lastOf(s.values.indexBytes(s.data[start:end]))
	}
	if last != nil && last.raw != "" && last.decode == r.Decode && last.raw == string(s.data[start:end]) {
		if !last.ok {
			return half{}, false
		}
		return half{start: start, end: end, raw: last.raw, value: last.value, shape: last.shape, fixed: fixed}, last.plausible
	}
	h := half{start: start, end: end, raw: string(s.data[start:end]), fixed: fixed}
	value, shape, ok := decodeValue(h.raw, r.Decode)
	// No key type takes a value of no shape (see keyTypeFor).
	plausible := ok && shape != NoShape && s.lex.plausible(value, shape)
	if last != nil {
		*last = lastValue{raw: h.raw, decode: r.Decode, value: value, shape: shape, ok: ok, plausible: plausible}
	}
	if !ok {
		return half{}, false
	}
	h.value, h.shape = value, shape
	return h, plausible
}

func (s *scan) applyHalf(r *Rule, id string, h half) {
	start, end, value, shape := h.start, h.end, h.value, h.shape
	if r.Decode == "basic" {
		s.applyBasic(r, h.raw, start, end)
		return
	}
	role := s.role(r, id, h.fixed, start, end)
	if role == "" {
		return
	}
	// The key types' takes decide what the role and the value's shape make
	// (a client-/server- prefix decides whatever the name says).
	kt := s.lex.keyTypeFor(role, shape, value)
	if kt == "" && shape == Opaque && r.Classify == "identifier" {
		// A token of no published format under a name like secretToken:
		// the Amplitude host it is used with (SCIM, Management, Data) says
		// what it is.
		kt = s.lex.keyTypeFor(s.roleOfNearestHost(start, end, s.lex.hostLines), shape, value)
	}
	if kt == "" || s.saysDigest(end) {
		return
	}
	idNamesProduct := r.Classify == "identifier" && s.namesProduct(id)
	if r.Classify == "identifier" && !idNamesProduct && !s.genericKeyName(id) {
		return // gameAnalyticsGameKey: a name for some other product's key
	}
	if r.Context != "" && !idNamesProduct && !s.amplitudeContext(start, end, r.Window) {
		return
	}
	s.add(r, kt, value, start, end, id)
}

// namesProduct reports whether the name says Amplitude (kept in s.names).
func (s *scan) namesProduct(id string) bool {
	f := s.names.of(id)
	if f.known&knowsProduct == 0 {
		f.product, f.known = s.lex.namesProduct(identWords(id)), f.known|knowsProduct
	}
	return f.product
}

// genericKeyName reports whether the name says only that it holds a key
// (kept in s.names): splitting it into words for every match it names was
// 7% of a scan of CI files full of CACHE_KEY: … lines.
func (s *scan) genericKeyName(id string) bool {
	f := s.names.of(id)
	if f.known&knowsGeneric == 0 {
		f.generic, f.known = s.lex.genericKeyName(id), f.known|knowsGeneric
	}
	return f.generic
}

// amplitudeContext decides whether a value whose own name does not say
// Amplitude belongs to Amplitude: the nearest vendor named around it must
// be Amplitude. When none is named nearby (a minified bundle, a long
// script), the file decides: it must name Amplitude (in its path or its
// text) and no other vendor anywhere.
func (s *scan) amplitudeContext(start, end, lines int) bool {
	// Several rules ask about the same value; the answer is memoised.
	key := contextKey{start, end, lines}
	v, ok := s.vendorMemo[key]
	if !ok {
		v = s.nearestVendor(start, end, lines)
		if s.vendorMemo == nil {
			s.vendorMemo = map[contextKey]vendorMention{}
		}
		s.vendorMemo[key] = v
	}
	switch v {
	case vendorAmplitude:
		return true
	case vendorNone:
		return s.onlyAmplitudeInFile()
	}
	return false
}

func (s *scan) onlyAmplitudeInFile() bool {
	if s.fileVendors == 0 {
		s.fileVendors = fileOnlyOther
		if amp, other := s.lex.mentions(s.lower, false); other < 0 {
			if s.pathNamesProduct || amp >= 0 || hasDeploymentKey(s.data) {
				s.fileVendors = fileOnlyAmplitude
			} else {
				s.fileVendors = fileNoVendor
			}
		}
	}
	return s.fileVendors == fileOnlyAmplitude
}

type contextKey struct{ start, end, lines int }

// What a whole file names, computed once per scan when needed.
const (
	fileOnlyAmplitude = iota + 1
	fileOnlyOther     // another vendor is named somewhere
	fileNoVendor
)

// saysDigest reports whether a digest word ([values] digest_words)
// follows a value on its line, within digestReach bytes (usually in a
// comment): it is a hash, not a key: AMPLITUDE_REF = "…"  # md5 of the
// calibration wav.
func (s *scan) saysDigest(end int) bool {
	return s.literals.digestSet != noSet && s.holdsSet(s.literals.digestSet, end, min(s.lineEnd(end), end+digestReach))
}

// digestReach is how far after a value a digest word still speaks of it:
// a comment after it on an ordinary line. The whole rest of its line was
// read before, and on a minified line one "md5" or "checksum" (a crypto
// library, an integrity attribute) hid every key before it on the line: a
// blind corpus's one-line bundle of 1 MB gave 485 findings, all in its
// last 80 KB, where its first 256 KB alone gave 1,645.
const digestReach = 200

// lineEnd returns the offset of the newline ending the line at from (or
// the end of the input), from the line index: on a long line, reading
// for it cost every value the rest of the line.
func (s *scan) lineEnd(from int) int {
	if j := s.text.after(from); j < len(s.text.nl) {
		return s.text.nl[j]
	}
	return len(s.lower)
}

func (s *scan) role(r *Rule, id string, fixed KeyType, start, end int) Role {
	switch r.Classify {
	case "identifier":
		if role := s.lex.roleOfName(id, s.names); role != "" || !s.lex.genericTokenName(id) {
			return role
		}
		// "token", "access_token", a Bearer field: the host the token is
		// sent to says what it is.
		return s.roleOfNearestHost(start, end, s.lex.hostLines)
	case "host":
		return s.roleOfNearestHost(start, end, r.Window)
	}
	return s.lex.typeRole[fixed] // a rule's own key type: the role it declares
}

// applyBasic decodes an HTTP Basic credential: base64 of API_KEY:SECRET_KEY.
func (s *scan) applyBasic(r *Rule, raw string, start, end int) {
	s.lex = r.lex
	dec, err := base64.StdEncoding.DecodeString(raw)
	if err != nil {
		return
	}
	user, pass, ok := strings.Cut(string(dec), ":")
	if !ok || !isHex32(user) || !isHex32(pass) || !s.lex.plausible(user, Hex32) || !s.lex.plausible(pass, Hex32) {
		return
	}
	if r.Context != "" && !s.amplitudeContext(start, end, r.Window) {
		return
	}
	s.add(r, r.KeyType, user, start, end, "")
	s.add(r, r.PairKeyType, pass, start, end, "")
}

// decodeValue returns the value as a rule's decode mode reads it, and
// its shape (which decoding has often had to find already).
func decodeValue(raw, mode string) (string, Shape, bool) {
	switch mode {
	case "base64":
		return decodeBase64Key(raw)
	case "auto":
		sh := ShapeOf(raw)
		if sh == Hex32 || sh == Deployment {
			return raw, sh, true
		}
		if v, vsh, ok := decodeBase64Key(raw); ok {
			return v, vsh, true
		}
		return raw, sh, true
	}
	return raw, ShapeOf(raw), true
}

// decodeBase64Key decodes a base64 value and accepts it only if the result
// is itself a credential-shaped token (Kubernetes Secret data: values).
func decodeBase64Key(raw string) (string, Shape, bool) {
	if len(raw) < 20 || len(raw)%4 != 0 {
		return "", NoShape, false
	}
	dec, err := base64.StdEncoding.DecodeString(raw)
	if err != nil {
		return "", NoShape, false
	}
	v := strings.TrimRight(string(dec), "\r\n")
	sh := ShapeOf(v)
	if sh == NoShape {
		return "", NoShape, false
	}
	return v, sh, true
}

// A hit is a match as a scan keeps it until result makes a Match of it:
// its rule, key type and exposure by reference and number, so that it
// holds one string where a Match holds four, in 48 bytes instead of 72. A
// minified line makes hundreds of thousands of them, and growing the list
// (fresh pages, copies, write barriers) was a tenth of an 8 MB line's
// first scan.
type hit struct {
	secret     string
	start, end int
	rule       *Rule
	// kind is the key type's number: its place in lx.types, or past them
	// in the scan's kinds for a type the catalogue does not declare.
	kind     uint32
	exposure uint16 // its place in lx.exposures
}

// The fixed places in lx.exposures; the public prefixes follow.
const (
	noExposure = iota
	clientExposure
	firstPrefixExposure
)

func (s *scan) add(r *Rule, kt KeyType, value string, start, end int, id string) {
	h := hit{secret: value, start: start, end: end, rule: r, kind: s.kindOf(kt), exposure: s.exposure(r, id)}
	// A constant used again and again (amplitude.init(K) on every line)
	// gives its one value at its one place each time. A copy of the match
	// added last changes nothing result keeps (the first of equal matches
	// stays, and a copy is no stricter), and the 58,000 copies of a 1 MB
	// line of init(K) calls were a third of its scan (pprof), growing the
	// list.
	if n := len(s.matches); n > 0 && s.matches[n-1] == h {
		return
	}
	s.matches = append(s.matches, h)
}

// kindOf returns kt's number (see hit). Every key type a rule's takes
// give is declared; a type that is not (a basic rule's own) is numbered
// in the scan after them.
func (s *scan) kindOf(kt KeyType) uint32 {
	// A rule adds one key type again and again: the last one is kept, so
	// that most matches need no map lookup.
	if s.lastKind > 0 && s.lastKindOf == kt {
		return s.lastKind - 1
	}
	kind := s.numberKind(kt)
	s.lastKindOf, s.lastKind = kt, kind+1
	return kind
}

func (s *scan) numberKind(kt KeyType) uint32 {
	if i, ok := s.lex.byType[kt]; ok {
		return uint32(i) //nolint:gosec // at most maxListed
	}
	i := slices.Index(s.kinds, kt)
	if i < 0 {
		i = len(s.kinds)
		s.kinds = append(s.kinds, kt)
	}
	return uint32(len(s.lex.types) + i) //nolint:gosec // two for each rule at most: far fewer than 2^32
}

// keyType returns the key type numbered kind.
func (s *scan) keyType(kind uint32) KeyType {
	if int(kind) < len(s.lex.types) {
		return s.lex.types[kind].KeyType
	}
	return s.kinds[int(kind)-len(s.lex.types)]
}

func (s *scan) exposure(r *Rule, id string) uint16 {
	f := s.names.of(id)
	if f.known&knowsPrefix == 0 {
		f.prefix, f.known = s.lex.prefixExposure(id), f.known|knowsPrefix
	}
	if f.prefix != noExposure {
		return f.prefix
	}
	if r.Client || s.clientPath {
		return clientExposure
	}
	return noExposure
}

// result appends to dst the matches, in order of place, each value at
// each place once (several rules may see one literal) with the strictest
// key type any rule gave it.
func (s *scan) result(dst []Match) []Match {
	if len(s.matches) == 0 {
		return dst
	}
	// Stable: where rules report one value, the dedupe below meets them
	// in the order the rules ran. Each rule reports in order of place, so
	// the rules' runs are merged as they are read; a list past its bound,
	// or a run out of order, is sorted in place first.
	// (Sorting a kept list stably in place, then copying it, was 3% of a
	// dense scan; sort.SliceStable, swapping through reflection, was 3%
	// too. Merging into a list of hits, then making a list of Matches of
	// it, was a tenth of the keys history.)
	var heads [][]hit
	if cap(s.matches) <= maxCarriedMatches {
		heads = s.runsInOrder()
	}
	if heads == nil {
		slices.SortStableFunc(s.matches, byPlace)
		heads = [][]hit{s.matches}
	}
	dst = slices.Grow(dst, len(s.matches))
	kept, heads := firstOf(heads) // the value last met, not yet appended
	for len(heads) > 0 {
		var h hit
		h, heads = firstOf(heads)
		if kept.start == h.start && kept.secret == h.secret {
			if s.lex.strictness(int(h.kind)) > s.lex.strictness(int(kept.kind)) {
				kept.kind, kept.rule = h.kind, h.rule
			}
			if kept.exposure == noExposure {
				kept.exposure = h.exposure
			}
			continue
		}
		dst = append(dst, s.asMatch(kept))
		kept = h
	}
	return append(dst, s.asMatch(kept))
}

// asMatch is the Match h stands for.
func (s *scan) asMatch(h hit) Match {
	return Match{RuleID: h.rule.ID, KeyType: s.keyType(h.kind), Secret: h.secret, Start: h.start, End: h.end,
		Exposure: s.lex.exposures[h.exposure]}
}

// byPlace orders matches by offset, then value. The values are compared
// only at one offset: cmp.Or would compare them every time (its
// arguments are all evaluated), and that was 3% of the keys history.
func byPlace(a, b hit) int {
	if c := cmp.Compare(a.start, b.start); c != 0 {
		return c
	}
	return strings.Compare(a.secret, b.secret)
}

// placedBefore is byPlace(*a, *b) < 0, small enough to be inlined where
// the runs are merged, and with no hit copied.
func placedBefore(a, b *hit) bool {
	return a.start < b.start || a.start == b.start && a.secret < b.secret
}

// runsInOrder returns the rules' runs of matches (see runs) that are
// not empty, in the order the rules ran; nil if a run is out of order.
func (s *scan) runsInOrder() [][]hit {
	var heads [][]hit
	for i, from := range s.runs {
		to := len(s.matches)
		if i+1 < len(s.runs) {
			to = s.runs[i+1]
		}
		run := s.matches[from:to]
		if len(run) == 0 {
			continue
		}
		for i := 1; i < len(run); i++ {
			if placedBefore(&run[i], &run[i-1]) {
				return nil
			}
		}
		heads = append(heads, run)
	}
	return heads
}

// firstOf takes the first hit, in order of place, from runs in order
// (not empty), a tie going to the earlier run, as a stable sort would
// order them; it returns the hit and the runs left.
func firstOf(heads [][]hit) (hit, [][]hit) {
	best := 0
	for i := 1; i < len(heads); i++ {
		if placedBefore(&heads[i][0], &heads[best][0]) {
			best = i
		}
	}
	h := heads[best][0]
	if heads[best] = heads[best][1:]; len(heads[best]) == 0 {
		heads = slices.Delete(heads, best, best+1)
	}
	return h, heads
}
