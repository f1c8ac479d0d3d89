package rules

import (
	"bytes"
	"encoding/binary"
	"math/bits"
	"slices"
	"sync"
)

const maxContextBytes = 2048

type vendorMention int

const (
	vendorNone vendorMention = iota
	vendorAmplitude
	vendorOther
)

// nearestVendor looks around a candidate for mentions of Amplitude and of
// other vendors, and reports whose is the closest preceding mention (or,
// failing that, the closest following one). This is what keeps a mixpanel:
// section under an amplitude: section from being reported.
//
// s.mentions, once built, answers for the windows (see mentionIndex);
// until then it counts the bytes they read.
func (s *scan) nearestVendor(start, end, lines int) vendorMention {
	lx, lower, mi := s.lex, s.lower, &s.mentions
	if lx.enclosedByOtherVendor(lower, start, &s.brackets) {
		return vendorOther
	}
	lo, hi := s.text.window(start, end, lines, maxContextBytes)
	before := lower[lo:start]
	after := lower[end:hi]
	indexed := mi.ready(lx, lower)
	// The last mention before the value decides; a deployment key counts
	// as Amplitude's. Read from the value back, the first mention found
	// is the last, and only another vendor's needs the key looked for.
	var p int
	var amp bool
	if indexed {
		p, amp = mi.lastIn(lx, lower, lo, start)
	} else {
		p, amp = lx.lastMention(before)
		mi.read += len(before) - max(p, 0)
	}
	if p >= 0 && amp {
		return vendorAmplitude
	}
	if d := lastDeploymentKey(before); p >= 0 || d >= 0 {
		return pick(d > p)
	}
	var ampAfter, otherAfter int
	if indexed {
		ampAfter, otherAfter = mi.firstIn(lx, lower, end, hi)
	} else {
		ampAfter, otherAfter = lx.mentions(after, false)
		if ampAfter >= 0 && otherAfter >= 0 {
			mi.read += max(ampAfter, otherAfter)
		} else {
			mi.read += len(after)
		}
	}
	if d := s.firstDeploymentKey(end, hi); d >= 0 && (ampAfter < 0 || d < ampAfter) {
		ampAfter = d
	}
	switch {
	case ampAfter < 0 && otherAfter < 0:
		return vendorNone
	case ampAfter < 0:
		return vendorOther
	}
	return pick(otherAfter < 0 || ampAfter < otherAfter)
}

// mentions finds, in one pass over lowercased text, the last (or first)
// mention of Amplitude ([mentions]) and of another vendor ([vendors]
// names), or -1. A mention starts at a word edge (anything but a lowercase
// letter); Amplitude's may run on (amplitudeapikey, ampli_token, amp_key),
// another vendor's must end at an edge too (so "segments" is not Segment).
func (lx *lexicon) mentions(b []byte, last bool) (amp, other int) {
	amp, other = -1, -1
	for i := 0; i < len(b); {
		if b[i] < 'a' || b[i] > 'z' {
			i++
			continue
		}
		j := i
		for j < len(b) && b[j] >= 'a' && b[j] <= 'z' {
			j++
		}
		isAmp, isOther := lx.mentionIn(b[i:j], j < len(b) && b[j] == '_')
		switch {
		case isAmp && (last || amp < 0):
			amp = i
		case isOther && (last || other < 0):
			other = i
		}
		if !last && amp >= 0 && other >= 0 {
			return amp, other
		}
		i = j
	}
	return amp, other
}

// lastMention returns where the last mention of Amplitude or of another
// vendor in lowercased text starts, and whether it is Amplitude's, or -1:
// what mentions(b, true) says of whichever comes later, read from the end
// so that it stops at the first it meets.
func (lx *lexicon) lastMention(b []byte) (int, bool) {
	for j := len(b); j > 0; {
		if b[j-1] < 'a' || b[j-1] > 'z' {
			j--
			continue
		}
		i := j - 1
		for i > 0 && b[i-1] >= 'a' && b[i-1] <= 'z' {
			i--
		}
		if isAmp, isOther := lx.mentionIn(b[i:j], j < len(b) && b[j] == '_'); isAmp || isOther {
			return i, isAmp
		}
		j = i
	}
	return -1, false
}

// mentionIn reports whether a lowercase word (a run of a-z) names
// Amplitude ([mentions]) or, if not, another vendor ([vendors] names).
// underscore says whether a '_' follows it. Most words are neither, and
// the word's shape tells so before any map is looked in.
func (lx *lexicon) mentionIn(word []byte, underscore bool) (amp, other bool) {
	if lx.productPrefix(word) {
		return true, false
	}
	if !lx.mentionShapes.may(word) {
		return false, false
	}
	if underscore && lx.beforeUnderscore[string(word)] || lx.sdkOptions[string(word)] {
		return true, false
	}
	return false, lx.contextNames[string(word)]
}

// wordShapes holds, for each first letter a-z, a bit for each length
// (63 standing for 63 and more) of the words of some sets: a word whose
// letter and length have no bit is in none of them.
type wordShapes [26]uint64

func wordShapesOf(sets ...map[string]bool) wordShapes {
	var ws wordShapes
	for _, set := range sets {
		for w := range set {
			if w == "" || w[0] < 'a' || w[0] > 'z' {
				continue // no run of a-z is such a word
			}
			ws[w[0]-'a'] |= 1 << min(len(w), 63)
		}
	}
	return ws
}

// may reports whether word, a non-empty run of a-z, may be in the sets.
func (ws *wordShapes) may(word []byte) bool {
	return ws[word[0]-'a']>>min(len(word), 63)&1 != 0
}

// productPrefix reports whether a lowercase word starts with one of the
// prefixes that name Amplitude ([mentions] prefixes).
func (lx *lexicon) productPrefix(word []byte) bool {
	for _, p := range lx.mentionPrefixes {
		if bytes.HasPrefix(word, p) {
			return true
		}
	}
	return false
}

func pick(amplitude bool) vendorMention {
	if amplitude {
		return vendorAmplitude
	}
	return vendorOther
}

// roleOfNearestHost returns the role of the Amplitude host ([[host]])
// closest to the span, looking a few lines either way. The hosts are
// literals of the catalogue (hostIDs), found by next: window by window
// until that has read the input, then from the places of each, found once.
func (s *scan) roleOfNearestHost(start, end, lines int) Role {
	lo, hi := s.text.window(start, end, lines, maxContextBytes)
	best, bestDist := Role(""), -1
	for k, h := range s.lex.hosts {
		id := s.literals.hostIDs[k]
		for from := lo; ; {
			i := s.next(id, from, hi-len(h.host)+1)
			if i < 0 {
				break
			}
			// api.lab.amplitude.com also ends "xapi.lab…": require a host edge.
			if i == 0 || !isHostByte(s.lower[i-1]) {
				d := distance(i, start, end)
				if crossesBlock(s.lower, i, start) {
					d += blockPenalty
				}
				if bestDist < 0 || d < bestDist {
					best, bestDist = h.role, d
				}
			}
			from = i + len(h.host)
		}
	}
	return best
}

// A blank line or an .http file's ### separator usually ends one request
// and starts another, so a host beyond one belongs to a different request
// unless nothing closer is found.
const blockPenalty = 4096

func crossesBlock(lower []byte, a, b int) bool {
	if a > b {
		a, b = b, a
	}
	between := lower[a:b]
	if bytes.Contains(between, []byte("\n###")) {
		return true
	}
	for i := bytes.IndexByte(between, '\n'); i >= 0; {
		j := i + 1
		for j < len(between) && (between[j] == ' ' || between[j] == '\t' || between[j] == '\r') {
			j++
		}
		if j < len(between) && between[j] == '\n' {
			return true
		}
		next := bytes.IndexByte(between[j:], '\n')
		if next < 0 {
			break
		}
		i = j + next
	}
	return false
}

func isHostByte(c byte) bool { return c == '.' || c == '-' || isAlnum(c) }

func distance(i, start, end int) int {
	switch {
	case i < start:
		return start - i
	case i >= end:
		return i - end
	}
	return 0
}

// A deployment key is itself an Amplitude marker: the evaluation proxy's
// config names no product, but lists deployment keys beside its apiKey.
func lastDeploymentKey(b []byte) int {
	// Every deployment key holds a '-' after its prefix: look back from
	// one to the next, eight bytes at a time.
	for end := len(b); ; {
		k := lastIndexByte(b[:end], '-')
		if k < 0 {
			return -1
		}
		if i := k - len("client"); i >= 0 {
			if w := b[i:k]; (string(w) == "client" || string(w) == "server") && deploymentAt(b, i) {
				return i
			}
		}
		end = k
	}
}

// deploymentPrefixes are the prefixes of every deployment key.
var deploymentPrefixes = []string{"client-", "server-"}

// firstDeploymentKey returns where the first deployment key in
// s.lower[lo:hi] starts, from lo, or -1. The prefixes are literals of the
// catalogue (deploymentIDs), found by next.
func (s *scan) firstDeploymentKey(lo, hi int) int {
	first := -1
	for k, id := range s.literals.deploymentIDs {
		n := len(deploymentPrefixes[k])
		for from := lo; ; {
			i := s.next(id, from, hi-n+1)
			if i < 0 {
				break
			}
			if deploymentAt(s.lower[lo:hi], i-lo) {
				if first < 0 || i-lo < first {
					first = i - lo
				}
				break
			}
			from = i + 1
		}
	}
	return first
}

// A value inside a call or object literal that belongs to another vendor is
// that vendor's, whatever its string fields say: docsearch({ apiKey: "…",
// indexName: "amplitude-docs" }) holds Algolia's key, mixpanel.init("…",
// { name: "amplitude" }) Mixpanel's. enclosedByOtherVendor walks back from
// the value through the brackets still open around it (up to maxOpeners of
// them, within maxContextBytes) and asks what each was opened by: the callee
// of a "(", or the name a "{" is assigned to (algolia: {, intercomSettings = {).
//
// b, if not nil, lists the buffer's brackets as walks need them, and the
// walk reads only those; with nil it reads every byte.
func (lx *lexicon) enclosedByOtherVendor(lower []byte, at int, b *brackets) bool {
	const maxOpeners = 4
	depth, openers := 0, 0
	// opens answers for the bracket at i whether it decides: true and
	// whose it is, or false to read on.
	opens := func(i int) (decided, other bool) {
		switch lower[i] {
		case ')', '}', ']':
			depth++
		case '(', '{', '[':
			if depth > 0 {
				depth--
				return false, false
			}
			openers++
			if lower[i] == '[' {
				return false, false
			}
			// The innermost named opener decides: amplitude.init({ … })
			// inside some other vendor's wrapper is still Amplitude's.
			switch lx.calleeVendor(openerName(lower, i)) {
			case vendorOther:
				return true, true
			case vendorAmplitude:
				return true, false
			}
		}
		return false, false
	}
	if b != nil {
		lowest := max(0, at-maxContextBytes+1) // the walk reads no further back
		for k := (at - 1) / bracketBlock; at > 0 && k >= lowest/bracketBlock; k-- {
			list := b.inBlock(lower, k)
			if k == (at-1)/bracketBlock {
				n, _ := slices.BinarySearch(list, at)
				list = list[:n] // the brackets before at
			}
			for j := len(list) - 1; j >= 0; j-- {
				i := list[j]
				if i < lowest || openers >= maxOpeners {
					return false
				}
				if decided, other := opens(i); decided {
					return other
				}
			}
		}
		return false
	}
	for i := at - 1; i >= 0 && at-i < maxContextBytes && openers < maxOpeners; i-- {
		if isBracket[lower[i]] {
			if decided, other := opens(i); decided {
				return other
			}
		}
	}
	return false
}

// brackets is where a buffer's bracket bytes stand, listed block by block
// as walks back from values (enclosedByOtherVendor) reach them. In dense
// code nearly every value walks up to 2 KiB back, and reading every byte
// of every walk was 6% of a dense scan's instructions; now each byte is
// read once, and each walk reads the brackets alone.
type brackets struct {
	block []span // by block of bracketBlock bytes: where at lists its brackets; lo = -1 until listed
	at    []int
}

const bracketBlock = 2048

// bracketPool keeps the lists of scans that are done, so that a dense
// file's are grown once, not once per file.
var bracketPool = sync.Pool{New: func() any { return new(brackets) }}

// release gives the lists back, unless they grew past a megabyte each.
func (b *brackets) release() {
	if b.block != nil && cap(b.at) <= 1<<17 && cap(b.block) <= 1<<16 {
		bracketPool.Put(&brackets{block: b.block[:0], at: b.at[:0]})
	}
	*b = brackets{}
}

// inBlock returns, in order, the offsets of the brackets in block k,
// listing them first if no walk has needed them yet.
func (b *brackets) inBlock(lower []byte, k int) []int {
	if b.block == nil {
		kept := bracketPool.Get().(*brackets)
		n := len(lower)/bracketBlock + 1
		b.at, b.block = kept.at[:0], slices.Grow(kept.block[:0], n)[:n]
		for i := range b.block {
			b.block[i].lo = -1
		}
	}
	if sp := b.block[k]; sp.lo >= 0 {
		return b.at[sp.lo:sp.hi]
	}
	lo, from := len(b.at), k*bracketBlock
	b.at = appendBrackets(b.at, lower[from:min(len(lower), from+bracketBlock)], from)
	b.block[k] = span{lo, len(b.at)}
	return b.at[lo:]
}

var isBracket = [256]bool{'(': true, ')': true, '[': true, ']': true, '{': true, '}': true}

// appendBrackets appends base+i for each bracket byte text[i], in order.
// Eight bytes are tested at a time: "(" and ")" are the bytes b with
// b&^1 == '(', "[" and "{" those with b&^0x20 == '[', "]" and "}" those
// with b&^0x20 == ']' (no other byte is: the top bit stays in each). A
// byte of z is zero exactly when (z&0x7f)+0x7f, or z, lacks the top bit,
// and the sum carries into no other byte. Read a byte at a time, this
// was 3% of the dense benchmark's instructions.
func appendBrackets(at []int, text []byte, base int) []int {
	const ones, low7 = 0x0101010101010101, 0x7f7f7f7f7f7f7f7f
	i := 0
	for ; i+8 <= len(text); i += 8 {
		w := binary.LittleEndian.Uint64(text[i : i+8])
		paren, square := w&^ones^'('*ones, w&^(0x20*ones)
		opening, closing := square^'['*ones, square^']'*ones
		m := ((paren&low7 + low7) | paren) & ((opening&low7 + low7) | opening) & ((closing&low7 + low7) | closing)
		for m = ^m &^ low7; m != 0; m &= m - 1 {
			at = append(at, base+i+bits.TrailingZeros64(m)/8)
		}
	}
	for ; i < len(text); i++ {
		if isBracket[text[i]] {
			at = append(at, base+i)
		}
	}
	return at
}

// openerName returns the dotted name just before an opening bracket: the
// callee of a "(" (window.dd_rum.init for window.DD_RUM.init(), or the name
// an object literal is assigned to (algolia for algolia: {). A "{" after
// anything else (a class or function body, an argument) has no name.
func openerName(lower []byte, open int) []byte {
	i := open
	for i > 0 && (lower[i-1] == ' ' || lower[i-1] == '\t') {
		i--
	}
	if lower[open] == '{' {
		if i == 0 || lower[i-1] != '=' && lower[i-1] != ':' {
			return nil
		}
		for i > 0 && (lower[i-1] == '=' || lower[i-1] == ':' || lower[i-1] == ' ' || lower[i-1] == '"' || lower[i-1] == '\'') {
			i--
		}
	}
	j := i
	for j > 0 && (isIdentByte(lower[j-1]) || lower[j-1] == '.') {
		j--
	}
	return lower[j:i]
}

// calleeVendor says whose a callee or object name is: Amplitude's if a word
// of it starts with a product prefix ("ampli"), another vendor's if a word
// is or starts with a vendor's name (algoliasearch, datadogrum,
// intercomsettings) or it holds one of [vendors] calls, else nobody's.
func (lx *lexicon) calleeVendor(name []byte) vendorMention {
	if len(name) == 0 {
		return vendorNone
	}
	words := bytes.FieldsFunc(name, func(r rune) bool { return r < 'a' || r > 'z' })
	for _, w := range words {
		if lx.productPrefix(w) {
			return vendorAmplitude
		}
	}
	for _, k := range lx.vendorCalls {
		if bytes.Contains(name, []byte(k)) {
			return vendorOther
		}
	}
	for _, w := range words {
		if lx.contextNames[string(w)] {
			return vendorOther
		}
		for _, v := range lx.longContextNames {
			if bytes.HasPrefix(w, v) {
				return vendorOther
			}
		}
	}
	return vendorNone
}

// lineIndex holds the offset of every newline in a buffer, so that a
// window's lines are found without reading for them. Reading back for a
// line start stops at the 2 KiB cap on a minified line, and every
// candidate on such a line paid that: over a third of the long-line
// benchmark.
type lineIndex struct {
	size int   // the buffer's length
	nl   []int // in order
	// block[b] indexes the first newline at or after offset b*lineBlock
	// (a binary search over a dense file's hundred thousand lines cost
	// more than reading back had), and bit j of mask[b] is set where a
	// newline stands at b*lineBlock+j: the newlines before an offset are
	// counted, without a loop over them whose length the branch
	// predictor cannot know (in dense code, 4% of the scan).
	block []int
	mask  []uint64
}

const lineBlock = 64

type lineBufs struct {
	nl, block []int
	mask      []uint64
}

var linePool = sync.Pool{New: func() any { return new(lineBufs) }}

// indexLines returns the line index of data, in pooled slices that
// release gives back.
func indexLines(data []byte) lineIndex {
	b := linePool.Get().(*lineBufs)
	nl := b.nl[:0]
	for from := 0; ; {
		i := bytes.IndexByte(data[from:], '\n')
		if i < 0 {
			break
		}
		nl = append(nl, from+i)
		from += i + 1
	}
	blocks := len(data)/lineBlock + 1
	block := slices.Grow(b.block[:0], blocks)[:blocks]
	mask := slices.Grow(b.mask[:0], blocks)[:blocks]
	clear(mask)
	j := 0
	for k := range block {
		block[k] = j
		for j < len(nl) && nl[j] < (k+1)*lineBlock {
			mask[k] |= 1 << (nl[j] % lineBlock)
			j++
		}
	}
	return lineIndex{size: len(data), nl: nl, block: block, mask: mask}
}

func (x lineIndex) release() { linePool.Put(&lineBufs{nl: x.nl, block: x.block, mask: x.mask}) }

// after returns the index in nl of the first newline at or after p
// (0 ≤ p ≤ size): those in p's block before p, counted, after those
// before the block.
func (x lineIndex) after(p int) int {
	k := uint(p) / lineBlock //nolint:gosec // an offset, never negative: unsigned, it divides by a shift
	return x.block[k] + bits.OnesCount64(x.mask[k]&(1<<(uint(p)%lineBlock)-1))
}

// lineBefore returns the start of the line before the one holding p (0
// on the first two lines). The index answers without reading the line
// back, as a search for its newline did (bytes.LastIndexByte reads a byte
// at a time): 3% of the keys matcher, whose every name starts a line and
// may take in the two before.
func (x lineIndex) lineBefore(p int) int {
	k := x.after(p) - 1 // the last newline before p: it ends the line before p's
	if k < 1 {
		return 0
	}
	return x.nl[k-1] + 1
}

// window returns the byte range [lo, hi) covering up to n lines before and
// after the span [start, end), capped at maxBytes each way so that minified
// bundles with enormous lines do not drag in megabytes of context.
func (x lineIndex) window(start, end, n, maxBytes int) (int, int) {
	// The newlines before start, the nearest last: the window starts
	// after the (n+1)th of them, if it is within the cap.
	lo := max(0, start-maxBytes)
	if k := x.after(start) - 1 - n; k >= 0 && x.nl[k] >= lo {
		lo = x.nl[k] + 1
	}
	if end >= x.size {
		return lo, end
	}
	// The newlines from end on: the window ends at the (n+1)th.
	hi := min(x.size, end+maxBytes)
	if k := x.after(end) + n; k < len(x.nl) && x.nl[k] < hi {
		hi = x.nl[k]
	}
	return lo, hi
}
