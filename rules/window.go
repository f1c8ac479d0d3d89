package rules

import (
	"bytes"
	"encoding/binary"
	"math/bits"
	"slices"
)

// Go's RE2 engine runs at tens of MB/s on patterns like ours, far too slow
// to run twenty of them over every byte of a minified bundle. So rules run
// only inside small windows: the lines around an anchor, which is either one
// of the rule's literal anchors or a credential-shaped value. Finding the
// anchors is a few linear passes with bytes.Index and a byte-class loop.
//
// Code that names Amplitude on every line puts an anchor on every line, so
// anchors alone would let the rules search nearly all of it. But every
// finding holds a value, written in the window or in a constant the window
// names (values.go). Anchors are looked for only near those, and a window
// with neither is not searched.

// windowMaxReach caps a window in bytes either way, for enormous lines.
const windowMaxReach = 2048

// valueLead and valueTail bound a value window around its value: room for a
// long name, quotes and operators before it, closing punctuation after.
const (
	valueLead = 400
	valueTail = 24
)

type span struct{ lo, hi int }

// windowAt returns the window around the n bytes at p: their line(s) and
// `lines` more lines either way, at most windowMaxReach bytes each way.
func (s *scan) windowAt(p, n, lines int) span {
	lo, hi := s.text.window(p, p+n, lines, windowMaxReach)
	return span{lo, hi}
}

// sortSpans sorts windows by start. They are not merged (see Scan).
func sortSpans(ws []span) []span {
	// Most come in order already, or nearly (candidates, and windows made
	// from them: a deployment key's window ends after that of the hex run
	// inside it, which starts later). An insertion sort puts those right
	// in one pass, where sorting anew cost several comparisons a window;
	// past a move a window it gives way to the sort, so that no order of
	// spans costs the square of their number.
	moves := 0
	for i := 1; i < len(ws); i++ {
		if !spanAfter(ws[i-1], ws[i]) {
			continue
		}
		w, j := ws[i], i
		for ; j > 0 && spanAfter(ws[j-1], w); j-- {
			ws[j] = ws[j-1]
		}
		ws[j] = w
		if moves += i - j; moves > len(ws) {
			slices.SortFunc(ws, compareSpans)
			break
		}
	}
	return ws
}

// compareSpans orders spans by start, then end.
func compareSpans(a, b span) int {
	switch {
	case spanAfter(a, b):
		return 1
	case a == b:
		return 0
	}
	return -1
}

// spanAfter reports whether a comes after b in compareSpans' order. (As
// cmp.Or of two cmp.Compare, the order made both comparisons every time.)
func spanAfter(a, b span) bool { return a.lo > b.lo || a.lo == b.lo && a.hi > b.hi }

// regionKey says which regions a rule's anchors are looked for in: those
// within its lines of a value, or also of a name that holds one.
type regionKey struct {
	lines int
	refs  bool
}

// maxAnchorLen bounds an anchor's length: a region reaches this far past
// the windows it is made of, so that an anchor straddling its edge is
// found whole.
const maxAnchorLen = 64

// regionsNear returns, merged and in order, the text where an anchor must
// lie for its window (windowAt with the same lines) to reach one of the
// spans. Windows are symmetric: an anchor's window reaches a span exactly
// when the anchor lies within the span's own window.
func (s *scan) regionsNear(spans valueSpans, lines int) []span {
	var out []span
	for _, v := range spans {
		w := s.windowAt(v.lo, v.hi-v.lo, lines)
		w.lo, w.hi = max(0, w.lo-maxAnchorLen), min(len(s.data), w.hi+maxAnchorLen)
		if n := len(out); n > 0 && w.lo <= out[n-1].hi {
			out[n-1].hi = max(out[n-1].hi, w.hi)
			continue
		}
		out = append(out, w)
	}
	return out
}

// literalWindowsIn returns the windows around every occurrence of the
// anchors (literal ids), in the lowercased input, that starts inside the
// regions. An occurrence inside the window of the one before adds no
// window.
func (s *scan) literalWindowsIn(anchors []int, lines int, regions []span) []span {
	var ws []span
	for _, a := range anchors {
		from := 0
		for _, rg := range regions {
			from = max(from, rg.lo)
			for from < rg.hi {
				i := s.next(a, from, rg.hi)
				if i < 0 {
					break
				}
				w := s.windowAt(i, len(s.literals.words[a]), lines)
				ws = append(ws, w)
				from = max(w.hi, i+1) // the rest of this window is covered
			}
		}
	}
	return sortSpans(ws)
}

const (
	classAlnum = 1 << iota
	classToken
	classLowerHex
	classDigit
	classLetter
	classIdent
	classTokenByte // isTokenByte: classToken and '='
)

var byteClass = func() (t [256]uint8) {
	for c := 0; c < 256; c++ {
		b := byte(c)
		if isAlnum(b) {
			t[c] |= classAlnum | classToken
		}
		// '=' joins NAME=value into one run, so it does not count here;
		// base64 padding is simply left off the candidate.
		if isTokenByte(b) && b != '=' {
			t[c] |= classToken
		}
		if b >= '0' && b <= '9' || b >= 'a' && b <= 'f' {
			t[c] |= classLowerHex
		}
		if b >= '0' && b <= '9' {
			t[c] |= classDigit
		}
		if b >= 'a' && b <= 'z' || b >= 'A' && b <= 'Z' {
			t[c] |= classLetter
		}
		if isIdentByte(b) {
			t[c] |= classIdent
		}
		if isTokenByte(b) {
			t[c] |= classTokenByte
		}
	}
	return t
}()

// allOf reports whether every byte of v is of class. It reads every byte
// and branches on none: for a random value, whether the next byte is a
// digit or a letter is a coin toss, and the byte-by-byte checks it
// replaced (c >= '0' && c <= '9' || c >= 'a' && c <= 'f') were
// mispredicted that often: isHex32 alone was 8% of a scan of CI files.
func allOf(v string, class uint8) bool {
	all := ^uint8(0)
	for i := 0; i < len(v); i++ {
		all &= byteClass[v[i]]
	}
	return all&class == class
}

const credentialWordReach = 160

// valueCandidates returns every credential-shaped value: a run of exactly
// 32 lowercase hex characters, a deployment key, or a longer token (opaque
// keys, base64 of keys) with a credential word just before it. One
// byte-class pass over the input; rules then look only around these.
//
// It also returns the wider set of tokens that a constant may hold: every
// token of 16 bytes or more with a letter and a digit, whatever precedes
// it. A rule that names its value (amplitude.init(KEY)) finds it through
// such a constant, whose own name need not say credential.
//
// Both lists are appended to cands and tokens, which may be reused.
func valueCandidates(data, lower []byte, words [][]byte, cands, tokens []span) ([]span, []span) {
	// Only token runs of minTokenRun bytes or more matter, and in code
	// most runs are shorter: identifiers, numbers, paths. The token bytes
	// of each 64 are read into a mask, without a branch on any of them,
	// and the mask says where 16 token bytes in a row begin (runsOf16).
	// The first such place at or after i starts a run, as i always
	// follows a byte that is no token byte (or i is 0): had the run that
	// holds it begun earlier, its own first 16 bytes would have been
	// found first. (Reading a byte in every 16, then back and forth from
	// each token byte met, as this did before, mispredicted a branch at
	// both ends of each run it met: 36 runs in a KiB of the dense npm
	// history's blobs, most of them short.)
	seen := newCredentialSeen(lower, words)
	base := 0 // m0 and m1 are the masks of data[base:base+64] and the 64 after
	m0, m1 := tokenMask(data, 0), tokenMask(data, 64)
	runs := runsOf16(m0, m1)
	for i := 0; i+minTokenRun <= len(data); {
		if at := i &^ 63; at != base {
			if at == base+64 {
				m0, m1 = m1, tokenMask(data, at+64)
			} else {
				m0, m1 = tokenMask(data, at), tokenMask(data, at+64)
			}
			base, runs = at, runsOf16(m0, m1)
		}
		// Shifts are masked to 63, which they are below (i-base is i&63):
		// unmasked, Go's rule for shifts of 64 or more cost a compare and a
		// mask each.
		starts := runs &^ (1<<(i&63) - 1)
		if starts == 0 {
			i = base + 64 // no run of 16 begins in data[i:base+64]
			continue
		}
		start := base + bits.TrailingZeros64(starts)
		// The run ends at the first byte after its 16 that is no token
		// byte, found in the masks if it is within them.
		end, rest := start+minTokenRun, start+minTokenRun-base
		if rest < 64 && ^m0>>(rest&63) != 0 {
			end += bits.TrailingZeros64(^m0 >> (rest & 63))
		} else if rest = max(rest-64, 0); ^m1>>(rest&63) != 0 { // rest is below 16 here
			end = base + 64 + rest + bits.TrailingZeros64(^m1>>(rest&63))
		} else {
			for end = base + 128; end < len(data) && byteClass[data[end]]&classToken != 0; {
				end++
			}
		}
		end = min(end, len(data))
		cands, tokens = tokenRun(data, seen, start, end, cands, tokens)
		i = end + 1
	}
	return cands, tokens
}

// tokenBit is 1 for a byte of classToken, 0 for any other.
var tokenBit = func() (t [256]uint64) {
	for c := range t {
		if byteClass[c]&classToken != 0 {
			t[c] = 1
		}
	}
	return t
}()

// tokenMask returns which of data[at:at+64] are token bytes: bit k for
// data[at+k]. Bytes past the end of data are none.
func tokenMask(data []byte, at int) uint64 {
	if at+64 > len(data) {
		var m uint64
		for k := at; k < len(data); k++ {
			m |= tokenBit[data[k]] << (k - at)
		}
		return m
	}
	b := data[at : at+64 : at+64]
	// Eight bits a word; the words unrolled, so that each shift is a
	// constant (a shift by the loop's count took a register move each).
	return tokenByte(binary.LittleEndian.Uint64(b[0:])) |
		tokenByte(binary.LittleEndian.Uint64(b[8:]))<<8 |
		tokenByte(binary.LittleEndian.Uint64(b[16:]))<<16 |
		tokenByte(binary.LittleEndian.Uint64(b[24:]))<<24 |
		tokenByte(binary.LittleEndian.Uint64(b[32:]))<<32 |
		tokenByte(binary.LittleEndian.Uint64(b[40:]))<<40 |
		tokenByte(binary.LittleEndian.Uint64(b[48:]))<<48 |
		tokenByte(binary.LittleEndian.Uint64(b[56:]))<<56
}

// tokenByte returns which of the eight bytes of w are token bytes, bit k
// for byte k.
func tokenByte(w uint64) uint64 {
	return uint64(tokenPairs[w&0xffff]) | uint64(tokenPairs[w>>16&0xffff])<<2 |
		uint64(tokenPairs[w>>32&0xffff])<<4 | uint64(tokenPairs[w>>48])<<6
}

// tokenPairs gives, for two bytes read as a little-endian uint16, which of
// them are token bytes (bit 0 for the first).
var tokenPairs = func() (t [1 << 16]uint8) {
	for i := range t {
		t[i] = uint8(tokenBit[i&0xff] | tokenBit[i>>8]<<1) //nolint:gosec // two bits
	}
	return t
}()

// runsOf16 returns the places of the 64 bits of lo at which 16 set bits
// in a row begin, reading on into hi (the next 64): bit k is set when bits
// k to k+15 of hi:lo all are. Each step doubles the length of the rows
// each bit stands for; what lies past hi counts as unset.
func runsOf16(lo, hi uint64) uint64 {
	lo, hi = lo&(lo>>1|hi<<63), hi&(hi>>1)
	lo, hi = lo&(lo>>2|hi<<62), hi&(hi>>2)
	lo, hi = lo&(lo>>4|hi<<60), hi&(hi>>4)
	return lo & (lo>>8 | hi<<56)
}

// runsOf16 and valueCandidates are written for runs of 16.
const _ = uint(minTokenRun-16) + uint(16-minTokenRun)

// tokenRun appends what the token run [start, end), minTokenRun bytes or
// more, holds: its 32-character values, and the run itself as a token
// (and a candidate, after a credential word) when it is short enough and
// has a letter and a digit.
func tokenRun(data []byte, seen *credentialSeen, start, end int, cands, tokens []span) ([]span, []span) {
	n := end - start
	runsFrom, tokensFrom := len(cands), len(tokens)
	if n == 32 {
		alnum, lowerHex := classesOf32(data[start:end])
		switch {
		case !alnum:
			cands, tokens = hex32Runs(data, start, end, cands, tokens)
		case lowerHex || deploymentAt(data, start-7):
			// The run is one value of 32 alphanumerics, a candidate: as a
			// token it would only be the same span again, so the
			// credential words before it need not be looked for (in
			// dense code, most runs are such values).
			return append(cands, span{start, end}), append(tokens, span{start, end})
		}
		// Else 32 alphanumerics that are neither: no value inside.
	} else if n > 32 {
		cands, tokens = hex32Runs(data, start, end, cands, tokens)
	}
	if n > 256 {
		return cands, tokens
	}
	if hasDigitAndLetter(data[start:end]) {
		// The whole run goes in among the runs inside it, so that
		// both lists stay in order and need no sorting.
		tokens = insertSpan(tokens, tokensFrom, span{start, end})
		if seen.before(start) {
			cands = insertSpan(cands, runsFrom, span{start, end})
		}
	}
	return cands, tokens
}

// classesOf32 reports whether the 32 bytes of run are all letters and
// digits, and whether they are all lowercase hex, eight bytes at a time
// as hasDigitAndLetter reads them: a byte at a time, the classes of the
// values of a .env of 50,000 keys were 1.5% of its scan.
func classesOf32(run []byte) (alnum, lowerHex bool) {
	const ones, tops = 0x0101010101010101, 0x8080808080808080
	run = run[:32:32]
	all, hex := uint64(tops), uint64(tops)
	for i := 0; i < 32; i += 8 {
		x := binary.LittleEndian.Uint64(run[i:])
		t := x &^ tops // bytes of 0x80 or more are dropped at the end
		u := t | 0x20*ones
		digit := (t + (0x80-'0')*ones) &^ (t + (0x7f-'9')*ones) &^ x
		letter := (u + (0x80-'a')*ones) &^ (u + (0x7f-'z')*ones) &^ x
		af := (t + (0x80-'a')*ones) &^ (t + (0x7f-'f')*ones) &^ x
		all &= digit | letter
		hex &= digit | af
	}
	return all == tops, hex == tops
}

// hasDigitAndLetter reports whether run holds an ASCII digit and an ASCII
// letter. Eight bytes are read at a time: for a byte t below 0x80,
// t+(0x80-lo) has its top bit set when t >= lo, and t+(0x7f-hi) when
// t > hi, and neither sum carries into the next byte. A run's last eight
// bytes are read whole, some of them again, rather than one by one.
func hasDigitAndLetter(run []byte) bool {
	const ones, tops = 0x0101010101010101, 0x8080808080808080
	if len(run) < 8 {
		var flags uint8
		for _, c := range run {
			flags |= byteClass[c]
		}
		return flags&classDigit != 0 && flags&classLetter != 0
	}
	var digits, letters uint64
	for i := 0; i < len(run); i += 8 {
		x := binary.LittleEndian.Uint64(run[min(i, len(run)-8):])
		t := x &^ tops     // bytes of 0x80 or more are dropped at the end
		u := t | 0x20*ones // letters lowered: no other byte becomes one of a-z
		digits |= (t + (0x80-'0')*ones) &^ (t + (0x7f-'9')*ones) &^ x
		letters |= (u + (0x80-'a')*ones) &^ (u + (0x7f-'z')*ones) &^ x
	}
	return digits&tops != 0 && letters&tops != 0
}

// insertSpan inserts sp into the ordered list, no earlier than from.
func insertSpan(list []span, from int, sp span) []span {
	i := len(list)
	for i > from && spanAfter(list[i-1], sp) {
		i--
	}
	if i == len(list) { // most often: a run with no value inside
		return append(list, sp)
	}
	return slices.Insert(list, i, sp)
}

// minTokenRun is the shortest token run that may hold a value: a
// candidate is 32 alphanumerics, a deployment key or a long token, and a
// constant's value 16 bytes or more.
const minTokenRun = 16

// hex32Runs appends the runs of exactly 32 alphanumerics inside the token
// run [lo, hi) that are lowercase hex or a deployment key's tail.
func hex32Runs(data []byte, lo, hi int, cands, tokens []span) ([]span, []span) {
	for i := lo; i < hi; {
		if byteClass[data[i]]&classAlnum == 0 {
			i++
			continue
		}
		start, hex := i, uint8(classLowerHex)
		for i < hi && byteClass[data[i]]&classAlnum != 0 {
			hex &= byteClass[data[i]]
			i++
		}
		if i-start == 32 && (hex != 0 || deploymentAt(data, start-7)) {
			cands = append(cands, span{start, i})
			tokens = append(tokens, span{start, i})
		}
	}
	return cands, tokens
}

// valueWindows turns candidates into windows `lines` lines wide, in buf. A
// value-anchored match ends with the value and its closing quote or tag,
// so a window stops just after the value, and starts no more than a long
// name's length before it.
func (s *scan) valueWindows(cands []span, lines int, buf []span) []span {
	data := s.data
	ws := slices.Grow(buf[:0], len(cands))
	for _, c := range cands {
		w := s.windowAt(c.lo, c.hi-c.lo, lines)
		w.hi = min(w.hi, c.hi+valueTail)
		w.lo = max(w.lo, c.lo-valueLead)
		if lines == 0 {
			// A value alone on its line (`KEY =` newline `  "…"`, a YAML
			// block scalar), or on a line continuing the one before
			// (`KEY =` newline `  lookup() || "…"`), belongs to the name
			// up there: take in up to two such lines. (Only a window that
			// starts a line can grow: one already cut at valueLead cannot.)
			floor := max(0, c.lo-valueLead)
			for n := 0; n < 2 && w.lo > floor; n++ {
				start := w.lo
				if data[start-1] != '\n' || !(valueStartsLine(data, c.lo) || continuesLine(data, start)) {
					break
				}
				w.lo = max(s.text.lineBefore(start), floor)
			}
		}
		ws = append(ws, w)
	}
	return sortSpans(ws)
}

// credentialSeen says whether one of the catalogue's credential words
// (words.toml) stands shortly before a place, for places asked in order,
// as valueCandidates asks for its runs: it keeps the last place each word
// was seen, and searches only the bytes no earlier question read. Runs
// close together had the same bytes searched again for each (on the
// dense npm history's real blobs, 0.7% of the scan). (Looking for the
// words together, by the pairs of bytes that begin them, as substringSet
// does, saved 1% of the instructions of a scan of those blobs but cost 4%
// of a .env of keys, where "key", the first word asked, stands in every
// name and one search for its first byte finds it.)
type credentialSeen struct {
	lower []byte
	words [][]byte
	// last[k] is where the last place words[k] stands that ends by upTo[k]
	// begins, or -1; or an earlier place, if the later ones begin before
	// every place still to be asked about may look.
	last, upTo []int
}

func newCredentialSeen(lower []byte, words [][]byte) *credentialSeen {
	c := &credentialSeen{lower: lower, words: words, last: make([]int, 2*len(words))}
	c.last, c.upTo = c.last[:len(words)], c.last[len(words):]
	for k := range c.last {
		c.last[k] = -1
	}
	return c
}

// before reports whether one of the words stands within the
// credentialWordReach bytes before at.
func (c *credentialSeen) before(at int) bool {
	lo := max(0, at-credentialWordReach)
	for k, w := range c.words {
		if at < c.upTo[k] { // asked out of order
			if bytes.Contains(c.lower[lo:at], w) {
				return true
			}
			continue
		}
		if c.last[k] >= lo {
			return true
		}
		// Only places that end after upTo[k] are not known yet.
		from := max(lo, c.upTo[k]-len(w)+1)
		c.upTo[k] = at
		if from+len(w) > at {
			continue
		}
		if i := bytes.Index(c.lower[from:at], w); i >= 0 {
			// The last place in the stretch is kept (bytes.LastIndex
			// reads a byte at a time: it made the real blobs 9% slower).
			for from += i; ; from += i {
				if i = bytes.Index(c.lower[from+1:at], w) + 1; i == 0 {
					break
				}
			}
			c.last[k] = from
			return true
		}
	}
	return false
}

// valueStartsLine reports whether only blanks, quotes, an opening bracket
// or a list dash stand between the start of p's line and p.
func valueStartsLine(data []byte, p int) bool {
	for i := p - 1; i >= 0; i-- {
		switch data[i] {
		case '\n':
			return true
		case ' ', '\t', '\r', '"', '\'', '`', '(', '[', '-', '@':
		default:
			return false
		}
	}
	return true
}

// continuesLine reports whether the line ending just before lineStart ends
// with something that carries on to the next line: an assignment, an open
// bracket, a fallback operator, a shell continuation, a YAML block marker.
func continuesLine(data []byte, lineStart int) bool {
	// Asked of nearly every line of a .env of keys, each ending in a
	// value: the last byte alone rules most out.
	end := lineStart - 1
	for end > 0 && (data[end-1] == ' ' || data[end-1] == '\t' || data[end-1] == '\r') {
		end--
	}
	if end == 0 {
		return false
	}
	prev := data[:end]
	switch prev[end-1] {
	case '=', '(', '[', '{', ',', '?', '|', 'r', '\\', ':', '-':
	default:
		return false
	}
	for _, end := range []string{"=", "(", "[", "{", ",", "??", "||", " or", "\\", ":", ">-", "|"} {
		if bytes.HasSuffix(prev, []byte(end)) {
			return true
		}
	}
	return false
}
