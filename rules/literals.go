package rules

import (
	"regexp"
	"regexp/syntax"
	"slices"
	"strings"
	"unicode"
)

// A rule's pattern often cannot match without some literal text: the
// Ampli CLI rule needs "--token" or " -t ", the prose rules a label. In
// code that names Amplitude on every line most windows lack it, and
// looking for a few strings is far cheaper than running the regex. So
// each rule carries the literals its own pattern requires (requiredSets),
// derived from the parsed expression, never written by hand: a window
// must hold at least one string of every set, or the regex is not run.
// The derivation only ever under-approximates what a match needs, so
// skipping a window never loses a match.

const (
	maxSetSize  = 64 // strings in one set: more and the check costs more than it saves
	maxRuleSets = 3  // sets kept per rule, the most selective first
	minSetLen   = 2  // a set whose shortest string is one byte rejects almost nothing
	smallClass  = 6  // a character class of up to this many ASCII characters is spelt out
	// maxFoldSpellings bounds the spellings of one case-folded literal:
	// each k and s in it doubles them (see spell).
	maxFoldSpellings = 8
)

// requiredSets returns, for a pattern, sets of lowercase strings such that
// any text the pattern matches holds, lowered (ASCII only), at least one
// string of every set. It returns nil when it cannot tell.
func requiredSets(pattern string) [][]byte {
	re, err := syntax.Parse(pattern, syntax.Perl)
	if err != nil {
		return nil
	}
	sets := mustHold(re.Simplify())
	sets = slices.DeleteFunc(sets, func(s []string) bool { return shortest(s) < minSetLen })
	// Longer strings are rarer: keep the sets whose shortest is longest.
	slices.SortStableFunc(sets, func(a, b []string) int { return shortest(b) - shortest(a) })
	sets = sets[:min(len(sets), maxRuleSets)]
	out := make([][]byte, 0, len(sets))
	for _, s := range sets {
		out = append(out, joinSet(s))
	}
	return out
}

// joinSet packs a set into one byte slice, each string followed by a zero
// byte (which no pattern literal here holds); a catalogue turns them into
// literal ids (setIDs).
func joinSet(set []string) []byte {
	var b []byte
	for _, s := range set {
		b = append(append(b, s...), 0)
	}
	return b
}

func shortest(set []string) int {
	n := -1
	for _, s := range set {
		if n < 0 || len(s) < n {
			n = len(s)
		}
	}
	return max(n, 0)
}

// mustHold returns sets of strings (conjunction of disjunctions) that any
// match of re holds.
func mustHold(re *syntax.Regexp) [][]string {
	switch re.Op {
	case syntax.OpCapture:
		return mustHold(re.Sub[0])
	case syntax.OpPlus:
		return mustHold(re.Sub[0])
	case syntax.OpRepeat:
		if re.Min >= 1 {
			return mustHold(re.Sub[0])
		}
		return nil
	case syntax.OpLiteral, syntax.OpCharClass:
		if s := spell(re); s != nil {
			return [][]string{s}
		}
		return nil
	case syntax.OpAlternate:
		var union []string
		for _, sub := range re.Sub {
			best := bestSet(mustHold(sub))
			if best == nil {
				return nil // this branch needs nothing we can name
			}
			union = appendNew(union, best...)
			if len(union) > maxSetSize {
				return nil
			}
		}
		return [][]string{union}
	case syntax.OpConcat:
		return concatSets(re.Sub)
	}
	return nil
}

// concatSets joins runs of adjacent literals and small classes into
// strings (`[ \t]+or[ \t]` holds " or " or "\tor\t" and so on) and adds
// what every other part must hold.
func concatSets(subs []*syntax.Regexp) [][]string {
	var out [][]string
	run := []string{""}
	flush := func() {
		if len(run) > 0 && run[0] != "" {
			out = append(out, run)
		}
		run = []string{""}
	}
	for _, sub := range subs {
		switch {
		case zeroWidth(sub.Op):
			// An assertion takes no text: the run goes on through it.
		case spell(sub) != nil:
			run = extend(run, spell(sub), flush)
		case (sub.Op == syntax.OpPlus || sub.Op == syntax.OpRepeat && sub.Min >= 1) && spell(sub.Sub[0]) != nil:
			// The first repeat ends the run, the last starts the next.
			each := spell(sub.Sub[0])
			run = extend(run, each, flush)
			flush()
			run = each
		default:
			flush()
			out = append(out, mustHold(sub)...)
		}
	}
	flush()
	return out
}

// extend appends next to the run, or, when that makes too many strings,
// ends the run and starts a new one with next.
func extend(run, next []string, flush func()) []string {
	if p := product(run, next); p != nil {
		return p
	}
	flush()
	return next
}

// product appends each of next to each of run, or returns nil when that
// makes too many strings.
func product(run, next []string) []string {
	if len(run)*len(next) > maxSetSize {
		return nil
	}
	out := make([]string, 0, len(run)*len(next))
	for _, a := range run {
		for _, b := range next {
			out = appendNew(out, a+b)
		}
	}
	return out
}

// spell returns the strings a literal or a small ASCII class matches,
// lowered; nil for anything else. Case folding reaches beyond ASCII for
// two letters only: (?i)k also matches the Kelvin sign (U+212A) and (?i)s
// the long s (U+017F), which lowering the text leaves as they are. So a
// case-folded literal is spelt both ways at each k and s ("key" and
// "\u212aey"), up to maxFoldSpellings strings; with more, not at all.
func spell(re *syntax.Regexp) []string {
	switch re.Op {
	case syntax.OpLiteral:
		out := []string{""}
		for _, r := range re.Rune {
			if r == 0 || r >= 0x80 {
				return nil
			}
			ways := []string{string(unicode.ToLower(r))}
			if re.Flags&syntax.FoldCase != 0 {
				for f := unicode.SimpleFold(r); f != r; f = unicode.SimpleFold(f) {
					if f >= 0x80 {
						ways = append(ways, string(f))
					}
				}
			}
			if len(out)*len(ways) > maxFoldSpellings {
				return nil
			}
			next := make([]string, 0, len(out)*len(ways))
			for _, o := range out {
				for _, w := range ways {
					next = append(next, o+w)
				}
			}
			out = next
		}
		return out
	case syntax.OpCharClass:
		var out []string
		for i := 0; i+1 < len(re.Rune); i += 2 {
			lo, hi := re.Rune[i], re.Rune[i+1]
			if lo == 0 || hi >= 0x80 || hi-lo >= smallClass {
				return nil
			}
			for r := lo; r <= hi; r++ {
				out = appendNew(out, string(unicode.ToLower(r)))
			}
			if len(out) > smallClass {
				return nil
			}
		}
		return out
	}
	return nil
}

func zeroWidth(op syntax.Op) bool {
	switch op {
	case syntax.OpEmptyMatch, syntax.OpBeginLine, syntax.OpEndLine, syntax.OpBeginText,
		syntax.OpEndText, syntax.OpWordBoundary, syntax.OpNoWordBoundary:
		return true
	}
	return false
}

// bestSet picks the set most likely to reject text: the one whose
// shortest string is longest.
func bestSet(sets [][]string) []string {
	var best []string
	for _, s := range sets {
		if best == nil || shortest(s) > shortest(best) {
			best = s
		}
	}
	return best
}

func appendNew(set []string, ss ...string) []string {
	for _, s := range ss {
		if !slices.Contains(set, s) {
			set = append(set, s)
		}
	}
	return set
}

// An optional part of a pattern that needs literals of its own (the
// assignment rule's `x ?? "…"` and `x || "…"` fallbacks) costs the regex
// engine at every position even where the text holds none of them. A
// rule's lean pattern is the same pattern with every such part made
// unable to match, its capture groups kept in place so that group numbers
// do not change; where a window holds none of the literals those parts
// need, they could not have matched anyway, and the lean pattern finds
// exactly what the full one would, faster.

// maxOptional bounds the optional parts made lean in one pattern.
const maxOptional = 4

// leanPattern returns the lean form of pattern and the literal sets whose
// absence allows it (one per part removed), or nil when no part qualifies.
func leanPattern(pattern string) (*regexp.Regexp, [][]byte) {
	re, err := syntax.Parse(pattern, syntax.Perl)
	if err != nil {
		return nil, nil
	}
	var sets [][]byte
	var walk func(*syntax.Regexp)
	walk = func(n *syntax.Regexp) {
		optional := n.Op == syntax.OpQuest || n.Op == syntax.OpStar || n.Op == syntax.OpRepeat && n.Min == 0
		if optional && len(sets) < maxOptional {
			if best := bestSet(mustHold(n.Sub[0].Simplify())); best != nil && shortest(best) >= minSetLen {
				sets = append(sets, joinSet(best))
				n.Sub[0] = unmatchable(n.Sub[0])
				return
			}
		}
		for _, sub := range n.Sub {
			walk(sub)
		}
	}
	walk(re)
	if len(sets) == 0 {
		return nil, nil
	}
	full, err := regexp.Compile(pattern)
	if err != nil {
		return nil, nil
	}
	lean, err := regexp.Compile(re.String())
	if err != nil || !slices.Equal(lean.SubexpNames(), full.SubexpNames()) {
		return nil, nil // cannot happen; if it did, the full pattern is always used
	}
	return lean, sets
}

// unmatchable returns an expression that matches nothing but holds the
// same capture groups as n, in the same order, each empty.
func unmatchable(n *syntax.Regexp) *syntax.Regexp {
	out := &syntax.Regexp{Op: syntax.OpConcat, Sub: []*syntax.Regexp{{Op: syntax.OpNoMatch}}}
	var caps func(*syntax.Regexp)
	caps = func(m *syntax.Regexp) {
		if m.Op == syntax.OpCapture {
			out.Sub = append(out.Sub, &syntax.Regexp{Op: syntax.OpCapture, Cap: m.Cap, Name: m.Name,
				Sub: []*syntax.Regexp{{Op: syntax.OpEmptyMatch}}})
		}
		for _, sub := range m.Sub {
			caps(sub)
		}
	}
	caps(n)
	return out
}

// Many patterns can only begin with one of a few literals: the SDK rules
// with `amplitude` or `amp`, the configuration rule with `configuration`
// or `apikey`. In code that names Amplitude on every line their windows
// are long (a minified bundle's line), and a regex searching a long
// window runs its whole length, in Go's slower engine. Such a rule is
// instead tried, anchored, only where one of its start literals stands:
// a match cannot begin anywhere else, the leftmost one is the first
// start where the anchored pattern matches, and that attempt picks the
// same match the search would, so nothing found changes.

// minStartLen is the shortest start literal worth jumping to: shorter
// ones stand almost everywhere.
const minStartLen = 3

// startLiterals returns lowercase strings one of which every match of
// pattern begins with (ASCII case-insensitively), with none a prefix of
// another; nil when it cannot tell, when a match may begin with an
// assertion (which would then see different text before it), or when a
// string is shorter than minStartLen.
func startLiterals(pattern string) []string {
	re, err := syntax.Parse(pattern, syntax.Perl)
	if err != nil {
		return nil
	}
	set := startsWith(re.Simplify())
	if set == nil || shortest(set) < minStartLen {
		return nil
	}
	return withoutLongerPrefixed(set)
}

// withoutLongerPrefixed returns the strings of set, shortest first, less
// those another of them begins: "amp" stands wherever "amplitude" does,
// so only "amp" need be looked for. It sorts set.
func withoutLongerPrefixed(set []string) []string {
	slices.SortFunc(set, func(a, b string) int { return len(a) - len(b) })
	var out []string
	for _, s := range set {
		if !slices.ContainsFunc(out, func(p string) bool { return strings.HasPrefix(s, p) }) {
			out = append(out, s)
		}
	}
	return out
}

// startsWith returns strings one of which every match of re begins with,
// or nil.
func startsWith(re *syntax.Regexp) []string {
	switch re.Op {
	case syntax.OpCapture:
		return startsWith(re.Sub[0])
	case syntax.OpPlus:
		return startsWith(re.Sub[0])
	case syntax.OpRepeat:
		if re.Min >= 1 {
			return startsWith(re.Sub[0])
		}
		return nil
	case syntax.OpLiteral, syntax.OpCharClass:
		return spell(re)
	case syntax.OpAlternate:
		var union []string
		for _, sub := range re.Sub {
			s := startsWith(sub)
			if s == nil {
				return nil
			}
			if union = appendNew(union, s...); len(union) > maxSetSize {
				return nil
			}
		}
		return union
	case syntax.OpConcat:
		// Whole literals and small classes at the front join up; the
		// first part that is neither adds what it starts with and ends
		// the prefix.
		prefix := []string{""}
		for _, sub := range re.Sub {
			if whole := spell(sub); whole != nil {
				if p := product(prefix, whole); p != nil {
					prefix = p
					continue
				}
				break
			}
			if s := startsWith(sub); s != nil {
				if p := product(prefix, s); p != nil {
					prefix = p
				}
			}
			break
		}
		if slices.Contains(prefix, "") {
			return nil
		}
		return prefix
	}
	return nil
}

// anchoredAt compiles pattern to match only at the start of its input,
// with the same groups.
func anchoredAt(pattern string) *regexp.Regexp {
	re, err := regexp.Compile(`\A(?:` + pattern + `)`)
	if err != nil {
		return nil
	}
	return re
}

// groupNeverEmpty reports whether every capture of the pattern named base
// (or an alternate of it: base_alt, base_alt2) takes at least one byte
// whenever it takes part in a match. False when there is none.
func groupNeverEmpty(pattern, base string) bool {
	re, err := syntax.Parse(pattern, syntax.Perl)
	if err != nil {
		return false
	}
	found, empty := false, false
	var walk func(re *syntax.Regexp)
	walk = func(re *syntax.Regexp) {
		if re.Op == syntax.OpCapture && strings.TrimSuffix(strings.TrimSuffix(re.Name, "_alt2"), "_alt") == base {
			found = true
			empty = empty || minLen(re.Sub[0]) == 0
		}
		for _, sub := range re.Sub {
			walk(sub)
		}
	}
	walk(re)
	return found && !empty
}

// minLen returns a lower bound on the bytes any match of re takes.
func minLen(re *syntax.Regexp) int {
	switch re.Op {
	case syntax.OpLiteral:
		return len(re.Rune)
	case syntax.OpCharClass, syntax.OpAnyChar, syntax.OpAnyCharNotNL:
		return 1
	case syntax.OpCapture, syntax.OpPlus:
		return minLen(re.Sub[0])
	case syntax.OpRepeat:
		return re.Min * minLen(re.Sub[0])
	case syntax.OpConcat:
		n := 0
		for _, sub := range re.Sub {
			n += minLen(sub)
		}
		return n
	case syntax.OpAlternate:
		n := -1
		for _, sub := range re.Sub {
			if m := minLen(sub); n < 0 || m < n {
				n = m
			}
		}
		return max(n, 0)
	}
	return 0
}

// byteSet is a set of bytes, as a table.
type byteSet [256]bool

// groupBounds reports, for the captures named base (and its alternates),
// the bytes they may hold (inside) and the bytes that may come right
// after them in a match (follow), with every ASCII letter in both cases.
// ok is false when that cannot be told: a capture the match may end
// with, or none at all.
func groupBounds(pattern, base string) (inside, follow byteSet, ok bool) {
	re, err := syntax.Parse(pattern, syntax.Perl)
	if err != nil {
		return inside, follow, false
	}
	var path []*syntax.Regexp
	found := false
	ok = true
	var walk func(re *syntax.Regexp)
	walk = func(re *syntax.Regexp) {
		path = append(path, re)
		if re.Op == syntax.OpCapture && strings.TrimSuffix(strings.TrimSuffix(re.Name, "_alt2"), "_alt") == base {
			found = true
			addBytes(&inside, re.Sub[0])
			ok = ok && followOf(path, &follow)
		}
		for _, sub := range re.Sub {
			walk(sub)
		}
		path = path[:len(path)-1]
	}
	walk(re)
	foldCase(&inside)
	foldCase(&follow)
	return inside, follow, found && ok
}

// followOf adds to set the bytes that may come right after path's last
// node, path being the nodes from the root down to it; false if the
// match may end there.
func followOf(path []*syntax.Regexp, set *byteSet) bool {
	for i := len(path) - 1; i > 0; i-- {
		node, parent := path[i], path[i-1]
		switch parent.Op {
		case syntax.OpConcat:
			k := slices.Index(parent.Sub, node)
			nullable := true
			for _, next := range parent.Sub[k+1:] {
				if !addFirst(set, next) {
					nullable = false
					break
				}
			}
			if !nullable {
				return true
			}
		case syntax.OpStar, syntax.OpPlus:
			addFirst(set, parent.Sub[0])
		case syntax.OpRepeat:
			if parent.Max != 1 {
				addFirst(set, parent.Sub[0])
			}
		}
	}
	return false
}

// addFirst adds the bytes a match of re may begin with and reports
// whether re may match the empty string.
func addFirst(set *byteSet, re *syntax.Regexp) (nullable bool) {
	switch re.Op {
	case syntax.OpLiteral:
		if len(re.Rune) == 0 {
			return true
		}
		addRune(set, re.Rune[0], re.Flags&syntax.FoldCase != 0)
		return false
	case syntax.OpCharClass, syntax.OpAnyChar, syntax.OpAnyCharNotNL:
		addBytes(set, re)
		return false
	case syntax.OpCapture:
		return addFirst(set, re.Sub[0])
	case syntax.OpStar, syntax.OpQuest:
		addFirst(set, re.Sub[0])
		return true
	case syntax.OpPlus:
		return addFirst(set, re.Sub[0])
	case syntax.OpRepeat:
		n := addFirst(set, re.Sub[0])
		return n || re.Min == 0
	case syntax.OpConcat:
		for _, sub := range re.Sub {
			if !addFirst(set, sub) {
				return false
			}
		}
		return true
	case syntax.OpAlternate:
		nullable = false
		for _, sub := range re.Sub {
			nullable = addFirst(set, sub) || nullable
		}
		return nullable
	case syntax.OpNoMatch:
		return false
	}
	return true // the empty string and every assertion take no byte
}

// addBytes adds every byte any match of re may hold.
func addBytes(set *byteSet, re *syntax.Regexp) {
	switch re.Op {
	case syntax.OpLiteral:
		for _, r := range re.Rune {
			addRune(set, r, re.Flags&syntax.FoldCase != 0)
		}
	case syntax.OpCharClass:
		for i := 0; i+1 < len(re.Rune); i += 2 {
			for r := re.Rune[i]; r <= min(re.Rune[i+1], 0x7f); r++ {
				set[r] = true
			}
			if re.Rune[i+1] >= 0x80 {
				addRune(set, 0x80, false)
			}
		}
	case syntax.OpAnyChar, syntax.OpAnyCharNotNL:
		for b := range set {
			set[b] = true
		}
	}
	for _, sub := range re.Sub {
		addBytes(set, sub)
	}
}

// addRune adds the bytes that may start r's encoding (every byte of
// 0x80 and above, for a rune beyond ASCII), in both cases if fold.
func addRune(set *byteSet, r rune, fold bool) {
	if r >= 0x80 {
		for b := 0x80; b < 0x100; b++ {
			set[b] = true
		}
		return
	}
	set[r] = true
	if fold {
		set[unicode.ToLower(r)], set[unicode.ToUpper(r)] = true, true
		if unicode.ToLower(r) == 'k' || unicode.ToLower(r) == 's' {
			addRune(set, 0x80, false) // the Kelvin sign, the long s
		}
	}
}

// foldCase adds each ASCII letter's other case: sets are asked about
// lowered text.
func foldCase(set *byteSet) {
	for c := 'a'; c <= 'z'; c++ {
		if set[c] || set[c-'a'+'A'] {
			set[c], set[c-'a'+'A'] = true, true
		}
	}
}

// A required literal followed by `\b` says more than the literal alone:
// the prose rules need "key" as a word of its own, and a .env file of
// keys holds "key" on every line, each time inside a longer name
// (AMPLITUDE_API_KEY_7). There the plain literal passes every window, and
// the pattern reads each one through to find no match. So a rule also
// carries the sets of literals its pattern needs right before a word
// boundary (wordEndSets): a window must hold a string of every set with a
// byte after it that is not a word character, or end right after it.

// wordEndSets returns, for a pattern, sets of lowercase strings, each
// ending in an ASCII word character, such that any match of the pattern
// in a text holds, lowered, a string of every set followed by a non-word
// byte or the end of the text. It returns nil when it finds none.
func wordEndSets(pattern string) [][]string {
	re, err := syntax.Parse(pattern, syntax.Perl)
	if err != nil {
		return nil
	}
	var out [][]string
	// Only parts every match goes through count: the whole pattern, its
	// groups, the parts of a sequence, and a part repeated at least once.
	var walk func(n *syntax.Regexp)
	walk = func(n *syntax.Regexp) {
		switch n.Op {
		case syntax.OpCapture, syntax.OpPlus:
			walk(n.Sub[0])
		case syntax.OpRepeat:
			if n.Min >= 1 {
				walk(n.Sub[0])
			}
		case syntax.OpConcat:
			for i, sub := range n.Sub {
				if i+1 < len(n.Sub) && n.Sub[i+1].Op == syntax.OpWordBoundary {
					if ends := mustEnd(sub); ends != nil && len(out) < maxRuleSets {
						out = append(out, ends)
					}
				}
				walk(sub)
			}
		}
	}
	walk(re.Simplify())
	return out
}

// mustEnd returns the strings, lowered, one of which every match of re
// ends with, when each is at least minSetLen bytes and ends in an ASCII
// word character (so that a word boundary right after it means a non-word
// byte or the text's end follows); nil otherwise.
func mustEnd(re *syntax.Regexp) []string {
	var ends []string
	switch re.Op {
	case syntax.OpLiteral, syntax.OpCharClass:
		ends = spell(re)
	case syntax.OpCapture, syntax.OpPlus:
		ends = mustEnd(re.Sub[0])
	case syntax.OpRepeat:
		if re.Min >= 1 {
			ends = mustEnd(re.Sub[0])
		}
	case syntax.OpConcat:
		// The last part decides how a match ends, unless it can match
		// nothing (an assertion, or a part that may be left out).
		if len(re.Sub) > 0 {
			ends = mustEnd(re.Sub[len(re.Sub)-1])
		}
	case syntax.OpAlternate:
		for _, sub := range re.Sub {
			e := mustEnd(sub)
			if e == nil {
				return nil
			}
			ends = appendNew(ends, e...)
		}
	}
	if len(ends) == 0 || len(ends) > maxSetSize || shortest(ends) < minSetLen {
		return nil
	}
	for _, e := range ends {
		if !syntax.IsWordChar(rune(e[len(e)-1])) {
			return nil
		}
	}
	return ends
}

// A pattern that begins with a few bytes of context and then a literal
// (the deployment key rule: one byte that is not part of a token, then
// "client" or "server") can only match where that literal stands, at
// most those few bytes in. Its windows are as long as any rule's, and the
// literal stands in few of them; the startFinder reads every byte of
// each to find the starts. So such a rule is tried only at the places
// the literal could lead: each start from lead bytes before each place
// it stands, to the place itself, anchored there by its byteProg.

// maxLead is the most bytes before its literal a match may begin with
// for a rule to be tried that way: each place the literal stands is then
// tried lead+1 times.
const maxLead = 8

// leadLiterals returns lowercase strings one of which every match of
// pattern holds, when the text is ASCII, starting at most lead bytes
// after the match begins; nil when it cannot tell, or a string is
// shorter than minStartLen, or lead would be more than maxLead.
func leadLiterals(pattern string) (lits []string, lead int) {
	re, err := syntax.Parse(pattern, syntax.Perl)
	if err != nil {
		return nil, 0
	}
	set, lead, ok := leadOf(re.Simplify())
	if !ok {
		return nil, 0
	}
	return withoutLongerPrefixed(set), lead
}

func leadOf(re *syntax.Regexp) ([]string, int, bool) {
	switch re.Op {
	case syntax.OpCapture:
		return leadOf(re.Sub[0])
	case syntax.OpConcat:
		width := 0 // the most bytes the parts before this one take
		for _, sub := range re.Sub {
			if set, lead, ok := leadOf(sub); ok && width+lead <= maxLead {
				return set, width + lead, true
			}
			w, ok := maxWidth(sub)
			if !ok || width+w > maxLead {
				return nil, 0, false
			}
			width += w
		}
		return nil, 0, false
	}
	set := startsWith(re)
	if set == nil || shortest(set) < minStartLen {
		return nil, 0, false
	}
	return set, 0, true
}

// maxWidth returns the most bytes of ASCII text a match of re takes, and
// false when there is no bound.
func maxWidth(re *syntax.Regexp) (int, bool) {
	switch re.Op {
	case syntax.OpEmptyMatch, syntax.OpNoMatch, syntax.OpBeginLine, syntax.OpEndLine, syntax.OpBeginText,
		syntax.OpEndText, syntax.OpWordBoundary, syntax.OpNoWordBoundary:
		return 0, true
	case syntax.OpLiteral:
		return len(re.Rune), true // one byte a rune, in ASCII text
	case syntax.OpCharClass, syntax.OpAnyChar, syntax.OpAnyCharNotNL:
		return 1, true
	case syntax.OpCapture, syntax.OpQuest:
		return maxWidth(re.Sub[0])
	case syntax.OpRepeat:
		w, ok := maxWidth(re.Sub[0])
		if !ok || re.Max < 0 {
			return 0, false
		}
		return w * re.Max, true
	case syntax.OpConcat, syntax.OpAlternate:
		total := 0
		for _, sub := range re.Sub {
			w, ok := maxWidth(sub)
			if !ok {
				return 0, false
			}
			if re.Op == syntax.OpConcat {
				total += w
			} else {
				total = max(total, w)
			}
		}
		return total, true
	}
	return 0, false // star, plus
}
