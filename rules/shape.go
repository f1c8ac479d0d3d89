package rules

import (
	"bytes"
	"math"
	"math/bits"
	"strings"
)

// Shape is the lexical form of a candidate secret.
type Shape int

// Shapes a credential can take. Amplitude publishes the first two; the
// Management API key, Data API token and SCIM key have no published format,
// so any plausible token is an Opaque candidate.
const (
	NoShape    Shape = iota
	Hex32            // project API/secret keys and org keys: 32 lowercase hex
	Deployment       // client-/server- followed by 32 [A-Za-z0-9]
	Opaque           // 16-256 characters of [A-Za-z0-9._~+/=-]
)

// ShapeOf classifies a candidate value. It does not judge whether the value
// is a placeholder; see Plausible.
func ShapeOf(v string) Shape {
	switch {
	case isHex32(v):
		return Hex32
	case isDeploymentKey(v):
		return Deployment
	case isOpaque(v):
		return Opaque
	}
	return NoShape
}

func isHex32(v string) bool { return len(v) == 32 && allOf(v, classLowerHex) }

func isAlnum(c byte) bool {
	return c >= '0' && c <= '9' || c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z'
}

func isDeploymentKey(v string) bool {
	return len(v) == 39 && (strings.HasPrefix(v, "client-") || strings.HasPrefix(v, "server-")) &&
		allOf(deploymentTail(v), classAlnum)
}

func isTokenByte(c byte) bool {
	return isAlnum(c) || strings.IndexByte("._~+/=-", c) >= 0
}

// minOpaqueLen is the shortest opaque token, and so the shortest value of
// any shape (Hex32 and Deployment are longer, and base64 of either longer
// still).
const minOpaqueLen = 16

func isOpaque(v string) bool {
	return len(v) >= minOpaqueLen && len(v) <= 256 && allOf(v, classTokenByte)
}

// deploymentTail returns the 32 random characters of a deployment key.
func deploymentTail(v string) string { return v[len("client-"):] }

// Plausible reports whether a value of the given shape looks like a real,
// randomly generated credential rather than a placeholder, a reference or a
// made-up sequence, by the built-in catalogue's [values] words.
func Plausible(v string, s Shape) bool { return builtinLexicon().plausible(v, s) }

func (lx *lexicon) plausible(v string, s Shape) bool {
	// The words are searched for in v in any case. Most values are
	// lowercase hex (Hex32 is nothing else): no reading for them. An ASCII
	// value with capitals is searched with its capitals lowered as it is
	// read, which is what lowering a copy gives; only a value of other
	// bytes (no shape holds one) is lowered first.
	k := lowerAsRead
	if s != Hex32 {
		if kinds := kindsOf(v); kinds&kindHigh != 0 {
			k = lowerCopied
		} else if kinds&kindUpper != 0 {
			k = lowerFolded
		}
	}
	lower := v
	if k == lowerCopied {
		lower = strings.ToLower(v)
	}
	words := &lx.placeholders
	if s == Hex32 {
		words = &lx.hexPlaceholders // "your", "xxxx": no other can stand in hex
	}
	if words.search(lower, k == lowerFolded) {
		return false
	}
	switch s {
	case Hex32:
		return looksRandom(v, 8)
	case Deployment:
		tail := deploymentTail(v)
		return looksRandom(tail, 10) && classCount(tail) >= 2
	case Opaque:
		return lx.plausibleOpaque(v, lower, k == lowerFolded)
	}
	return false
}

// How plausible reads a value in lower case.
const (
	lowerAsRead = iota // it has no capitals
	lowerFolded        // ASCII: capitals lowered as each byte is read
	lowerCopied        // other bytes: a lowered copy, strings.ToLower's
)

// kindsOf returns the kinds (charKinds) of the bytes v holds.
func kindsOf(v string) uint8 {
	var seen uint8
	for i := 0; i < len(v); i++ {
		seen |= charKinds[v[i]]
	}
	return seen
}

// plausibleOpaque judges an opaque token v; lower is v in lower case, or
// v itself with folded set (see plausible).
func (lx *lexicon) plausibleOpaque(v, lower string, folded bool) bool {
	if lx.references.search(lower, folded) {
		return false
	}
	if strings.HasPrefix(v, "/") || strings.HasPrefix(v, ".") || hasPrefixFolded(lower, "http") ||
		strings.Contains(v, "//") || strings.Contains(v, "..") {
		return false
	}
	// A value that reads like an identifier (AMPLITUDE_MGMT_KEY_2, my-secret-name)
	// is a name, not a credential.
	if looksLikeName(v) {
		return false
	}
	hasDigit, hasLetter := false, false
	for i := 0; i < len(v); i++ {
		c := v[i]
		hasDigit = hasDigit || c >= '0' && c <= '9'
		hasLetter = hasLetter || c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z'
	}
	return hasDigit && hasLetter && looksRandom(v, 10) && entropy(v) >= 3.0
}

// looksLikeName reports values made of dictionary-like words joined by
// separators, such as env var names or resource names.
func looksLikeName(v string) bool {
	sep := 0
	upper, lower, digit := 0, 0, 0
	for i := 0; i < len(v); i++ {
		c := v[i]
		switch {
		case c == '_' || c == '-' || c == '.':
			sep++
		case c >= 'A' && c <= 'Z':
			upper++
		case c >= 'a' && c <= 'z':
			lower++
		case c >= '0' && c <= '9':
			digit++
		}
	}
	if sep == 0 {
		return false
	}
	// ALL_CAPS_WITH_UNDERSCORES or all-lower-with-dashes, digits rare.
	words := len(v) / (sep + 1)
	return (upper == 0 || lower == 0) && digit*4 < len(v) && words < 9
}

// classCount counts which of upper, lower and digit appear in v.
func classCount(v string) int {
	return bits.OnesCount8(kindsOf(v) & (kindUpper | kindLower | kindDigit))
}

// looksRandom rejects values with too few distinct characters, long runs of
// one character, short repeating units, or ascending sequences such as
// 0123456789abcdef.
func looksRandom(v string, minDistinct int) bool {
	// Which bytes occur is kept as bits rather than counted as they are
	// met: in a random value whether a byte is new is a coin toss, and a
	// branch on it was mispredicted half the time.
	var seen [4]uint64
	run, maxRun, ascending := 1, 1, 0
	for i := 0; i < len(v); i++ {
		c := v[i]
		seen[c>>6] |= 1 << (c & 63)
		if i > 0 {
			if c == v[i-1] {
				run++
				maxRun = max(maxRun, run)
			} else {
				run = 1
			}
			// Case-folded, so AbCdEf… counts as the alphabet it is.
			if lc, lp := c|0x20, v[i-1]|0x20; lc == lp+1 && isAlnum(c) && isAlnum(v[i-1]) ||
				(lc == 'a' && v[i-1] == '9') {
				ascending++
			}
		}
	}
	distinct := bits.OnesCount64(seen[0]) + bits.OnesCount64(seen[1]) + bits.OnesCount64(seen[2]) + bits.OnesCount64(seen[3])
	if distinct < minDistinct || maxRun >= 6 || ascending*2 >= len(v) {
		return false
	}
	// A value that repeats a unit holds no byte the unit does not, so no
	// unit shorter than the number of distinct bytes can repeat.
	for unit := max(distinct, 1); unit <= len(v)/2; unit++ {
		if repeats(v, unit) {
			return false
		}
	}
	return true
}

func repeats(v string, unit int) bool {
	for i := unit; i < len(v); i++ {
		if v[i] != v[i-unit] {
			return false
		}
	}
	return true
}

// entropy returns the Shannon entropy of v's bytes, in bits per byte.
// The terms are summed in the order of the bytes' values, so that the
// answer is the same to the last bit whichever way the bytes are found:
// only the bytes v holds are visited, where reading all 256 counts, most
// of them zero, was most of the cost for a 40-byte token.
func entropy(v string) float64 {
	var counts [256]int
	var seen [4]uint64
	for i := 0; i < len(v); i++ {
		c := v[i]
		counts[c]++
		seen[c>>6] |= 1 << (c & 63)
	}
	h := 0.0
	if len(v) < len(entropyTerms) {
		terms := &entropyTerms[len(v)]
		for w, set := range seen {
			for ; set != 0; set &= set - 1 {
				h -= terms[counts[w<<6|bits.TrailingZeros64(set)]]
			}
		}
		return h
	}
	n := float64(len(v))
	for w, set := range seen {
		for ; set != 0; set &= set - 1 {
			h -= entropyTerm(counts[w<<6|bits.TrailingZeros64(set)], n)
		}
	}
	return h
}

// entropyTerm is what a byte seen c times in n adds to the entropy, with
// the sign turned.
func entropyTerm(c int, n float64) float64 {
	p := float64(c) / n
	return p * math.Log2(p)
}

// entropyTerms[n][c] is entropyTerm(c, n), computed once for the lengths
// most values have: nearly every value a rule judges is 32 to 64 bytes,
// and its 16 or more logarithms were most of what judging its entropy
// cost. The same expression gives the same bits.
var entropyTerms = func() (t [65][65]float64) {
	for n := 1; n < len(t); n++ {
		for c := 1; c <= n; c++ {
			t[n][c] = entropyTerm(c, float64(n))
		}
	}
	return t
}()

// hasDeploymentKey reports whether data holds a deployment-key-shaped
// token with clean boundaries. It runs on every file (the gate), so it
// searches for the dash, rarer in code than the c and s that start the
// prefixes, and looks back from it.
func hasDeploymentKey(data []byte) bool {
	for from := 6; from < len(data); {
		i := bytes.IndexByte(data[from:], '-')
		if i < 0 {
			return false
		}
		dash := from + i
		word := data[dash-6 : dash]
		if (string(word) == "client" || string(word) == "server") && deploymentAt(data, dash-6) {
			return true
		}
		from = dash + 1
	}
	return false
}

func deploymentAt(data []byte, at int) bool {
	end := at + 39
	if end > len(data) || (at > 0 && isAlnum(data[at-1])) || (end < len(data) && isAlnum(data[end])) {
		return false
	}
	for i := at + 7; i < end; i++ {
		if !isAlnum(data[i]) {
			return false
		}
	}
	return true
}

// charKinds says of each byte whether it is an upper or lower case ASCII
// letter, an ASCII digit, or not ASCII. kindsOf and classCount OR the
// kinds of a value's bytes together: a branch on each byte's kind was
// mispredicted at every other byte of a random key.
var charKinds = func() (t [256]uint8) {
	for c := range 256 {
		switch {
		case c >= 'A' && c <= 'Z':
			t[c] = kindUpper
		case c >= 'a' && c <= 'z':
			t[c] = kindLower
		case c >= '0' && c <= '9':
			t[c] = kindDigit
		case c >= 0x80:
			t[c] = kindHigh
		}
	}
	return t
}()

const (
	kindUpper = 1 << iota
	kindLower
	kindDigit
	kindHigh
)

// A substringSet says whether a string holds any of a few words. Each word
// is compared only where its first two bytes stand, which a bit per pair
// of bytes says: judging a value once asked strings.Contains for each of
// 20 placeholders in turn, most of the cost of judging a deployment key,
// and comparing every word at each place its first byte stood was still
// a tenth of a scan of .env files (pprof). A set of two words or fewer
// (the placeholders a hex value can hold: none in the built-in catalogue)
// is searched word by word, which is faster.
type substringSet struct {
	words   []string
	byFirst [256][]string
	// pairs has bit a<<8|b set when a word begins with the bytes a, b, or
	// is the one byte a; single[a] when a word is the one byte a.
	pairs  [1 << 16 / 64]uint64
	single [256]bool
}

func newSubstringSet(words []string) substringSet {
	ws := substringSet{words: words}
	for _, w := range words {
		switch len(w) {
		case 0:
			continue // found nowhere in a set of three or more, as before the pairs
		case 1:
			ws.single[w[0]] = true
			for b := range 256 {
				ws.setPair(w[0], byte(b))
			}
		default:
			ws.setPair(w[0], w[1])
		}
		ws.byFirst[w[0]] = append(ws.byFirst[w[0]], w)
	}
	return ws
}

func (ws *substringSet) setPair(a, b byte) {
	p := int(a)<<8 | int(b)
	ws.pairs[p>>6] |= 1 << (p & 63)
}

// search reports whether s holds one of the set's words; with fold, s
// with its ASCII capitals lowered, read without a copy (the set's words
// are lower case). Folded, s must be ASCII: strings.ToLower may change
// the length of other text.
func (ws *substringSet) search(s string, fold bool) bool {
	if len(ws.words) <= 2 {
		for _, w := range ws.words {
			if fold && containsFolded(s, w) || !fold && strings.Contains(s, w) {
				return true
			}
		}
		return false
	}
	for i := 0; i < len(s); i++ {
		a := s[i]
		if fold {
			a = lowerASCII(a)
		}
		if i+1 == len(s) {
			if ws.single[a] {
				return true
			}
			break
		}
		b := s[i+1]
		if fold {
			b = lowerASCII(b)
		}
		if p := int(a)<<8 | int(b); ws.pairs[p>>6]&(1<<(p&63)) == 0 {
			continue
		}
		for _, w := range ws.byFirst[a] {
			if fold && hasPrefixFolded(s[i:], w) || !fold && strings.HasPrefix(s[i:], w) {
				return true
			}
		}
	}
	return false
}

func lowerASCII(c byte) byte {
	if c >= 'A' && c <= 'Z' {
		return c + 'a' - 'A'
	}
	return c
}

// hasPrefixFolded reports whether s, its capitals lowered, begins with w.
func hasPrefixFolded(s, w string) bool {
	if len(s) < len(w) {
		return false
	}
	for i := 0; i < len(w); i++ {
		if lowerASCII(s[i]) != w[i] {
			return false
		}
	}
	return true
}

func containsFolded(s, w string) bool {
	for i := 0; i+len(w) <= len(s); i++ {
		if hasPrefixFolded(s[i:], w) {
			return true
		}
	}
	return false
}
