package rules

import (
	"regexp/syntax"
	"slices"
	"strconv"
	"sync"
)

// A startFinder says, in one backward pass over a window (over its two
// halves at once if it is long, see runSplit), at which positions a match
// of a rule's pattern begins. It runs the pattern reversed as a lazily
// built DFA: one to three nanoseconds a byte, where Go's
// regexp package costs tens of nanoseconds a byte and more for every
// place a match is tried and fails. Scan then asks the regexp only for
// the groups of a match whose start is already known, anchored there,
// and never searches a window that holds no match at all.
//
// The DFA reads bytes below 0x80 only: a window holding any other byte is
// left to the regexp, so that it never has to agree with Go on how to
// decode broken UTF-8 backwards. Source code is almost all ASCII.
type startFinder struct {
	prog *syntax.Prog // the pattern reversed
	// leads: an assertion (\b, ^, $) may be tested before the pattern's
	// first rune, so a match at the very start of a search depends on
	// what the search sees before it.
	leads bool
	pool  sync.Pool // of *dfaCache; each goroutine builds its own states
}

// maxDFAStates bounds each cache. A pattern that needs more (counted
// repeats in many combinations) starts afresh and leaves the window
// that overflowed to the regexp.
const maxDFAStates = 2000

// dfaCache holds the states built so far, numbered in the order they
// were built; the state at the window's end, before any byte is read, is
// number 0.
type dfaCache struct {
	// trans holds a row of 256 transitions per state: trans[row(st)+b]
	// is what reading b does in state st. A transition is the next
	// state's row (a multiple of 256) with the flags below in its low
	// bits. A byte that neither begins a match nor needs building, which
	// is nearly every byte, has none, and its transition is at once the
	// row to index with the next byte: reading it is one load and one
	// addition.
	trans  []uint32
	states []dstate
	byKey  map[string]uint32 // state numbers
	// idleState, by class of the byte read last, is the state that
	// expects nothing (see idle), by its row; 0 if not built yet.
	idleState [3]uint32
	lower     []int // the starts the lower run of runSplit found
	// scratch for building a state
	seen  []uint32 // generation per instruction
	gen   uint32
	stack []int
	pend  []int
	key   []byte
}

// The flags of a transition.
const (
	startsHere uint32 = 1 // a match begins where the byte is read (after it in the text)
	unbuilt    uint32 = 2 // not computed yet
	nonASCII   uint32 = 4 // a byte of 0x80 or above: the window is left to the regexp
	transFlags        = startsHere | unbuilt | nonASCII
)

// row is where state st's transitions begin in trans; numberOf is its
// inverse.
func row(st uint32) uint32       { return st << 8 }
func numberOf(row uint32) uint32 { return row >> 8 }

// A dstate is a set of pending threads of the reversed program (before
// their empty-width closure, which depends on the next byte) and the
// class of the byte read last.
type dstate struct {
	pcs  []int
	prev int8 // -1 at the window's edge, else the byte read last, by class
	// atEdge: 1 if a match begins here when the window's first byte has
	// been read, -1 if not, 0 if not yet known.
	atEdge int8
}

// Byte classes that decide every empty-width assertion of Go's syntax.
const (
	classEdge int8 = -1
	classNL   int8 = 0
	classWord int8 = 1
	classRest int8 = 2
)

func classOf(b byte) int8 {
	switch {
	case b == '\n':
		return classNL
	case syntax.IsWordChar(rune(b)):
		return classWord
	}
	return classRest
}

// runeOfClass is a byte of each class, for syntax.EmptyOpContext.
func runeOfClass(c int8) rune {
	switch c {
	case classNL:
		return '\n'
	case classWord:
		return 'a'
	case classRest:
		return ' '
	}
	return -1
}

// newStartFinder compiles pattern reversed; nil if it cannot be.
func newStartFinder(pattern string) *startFinder {
	re, err := syntax.Parse(pattern, syntax.Perl)
	if err != nil {
		return nil
	}
	re = re.Simplify()
	fwd, err := syntax.Compile(re)
	if err != nil {
		return nil
	}
	prog, err := syntax.Compile(reverseRegexp(re))
	if err != nil {
		return nil
	}
	f := &startFinder{prog: prog, leads: leadsWithAssertion(fwd)}
	f.pool.New = func() any { return f.newCache() }
	return f
}

// reverseRegexp returns a regexp matching the reverse of every string re
// matches, with assertions turned around to suit: what is the end of a
// line forwards is its start backwards. re must be simplified (no
// counted repeats).
func reverseRegexp(re *syntax.Regexp) *syntax.Regexp {
	out := *re
	out.Sub = nil
	for _, sub := range re.Sub {
		out.Sub = append(out.Sub, reverseRegexp(sub))
	}
	switch re.Op {
	case syntax.OpConcat:
		slices.Reverse(out.Sub)
	case syntax.OpLiteral:
		out.Rune = slices.Clone(re.Rune)
		slices.Reverse(out.Rune)
	case syntax.OpBeginLine:
		out.Op = syntax.OpEndLine
	case syntax.OpEndLine:
		out.Op = syntax.OpBeginLine
	case syntax.OpBeginText:
		out.Op = syntax.OpEndText
	case syntax.OpEndText:
		out.Op = syntax.OpBeginText
	}
	return &out
}

// leadsWithAssertion reports whether an empty-width instruction can be
// reached from prog's start without reading a rune.
func leadsWithAssertion(prog *syntax.Prog) bool {
	seen := make([]bool, len(prog.Inst))
	stack := []int{prog.Start}
	for len(stack) > 0 {
		pc := stack[len(stack)-1]
		stack = stack[:len(stack)-1]
		if seen[pc] {
			continue
		}
		seen[pc] = true
		switch in := &prog.Inst[pc]; in.Op {
		case syntax.InstEmptyWidth:
			return true
		case syntax.InstAlt, syntax.InstAltMatch:
			stack = append(stack, int(in.Out), int(in.Arg))
		case syntax.InstCapture, syntax.InstNop:
			stack = append(stack, int(in.Out))
		}
	}
	return false
}

func (f *startFinder) newCache() *dfaCache {
	c := &dfaCache{seen: make([]uint32, len(f.prog.Inst))}
	c.reset(f)
	return c
}

func (c *dfaCache) reset(f *startFinder) {
	c.byKey = map[string]uint32{}
	c.trans, c.states = c.trans[:0], c.states[:0]
	c.idleState = [3]uint32{}
	c.state([]int{f.prog.Start}, classEdge) // number 0
}

// state returns the number of the state for pending threads pcs (sorted,
// distinct) after a byte of class prev, building it if need be; false
// when the cache is full.
func (c *dfaCache) state(pcs []int, prev int8) (uint32, bool) {
	c.key = strconv.AppendInt(c.key[:0], int64(prev), 10)
	for _, pc := range pcs {
		c.key = strconv.AppendInt(append(c.key, ','), int64(pc), 10)
	}
	if st, ok := c.byKey[string(c.key)]; ok {
		return st, true
	}
	if len(c.states) >= maxDFAStates {
		return 0, false
	}
	st := uint32(len(c.states)) //nolint:gosec // below maxDFAStates
	c.states = append(c.states, dstate{pcs: slices.Clone(pcs), prev: prev})
	for b := range 256 {
		t := unbuilt
		if b >= 0x80 {
			t = nonASCII
		}
		c.trans = append(c.trans, t)
	}
	c.byKey[string(c.key)] = st
	return st, true
}

// step computes what reading b (a byte below 0x80; none if edge, past
// the window's first byte) does in state st: whether a match begins at
// the current position, and the state after b (none at the edge, or when
// the cache is full: ok false). It reads st before it builds a state,
// which may move c.states.
func (c *dfaCache) step(f *startFinder, st *dstate, b byte, edge bool) (next uint32, ok, starts bool) {
	r := rune(b)
	if edge {
		r = -1
	}
	flag := uint32(syntax.EmptyOpContext(runeOfClass(st.prev), r))
	c.gen++
	if c.gen == 0 {
		clear(c.seen)
		c.gen = 1
	}
	c.pend = c.pend[:0]
	c.stack = append(c.stack[:0], st.pcs...)
	for len(c.stack) > 0 {
		pc := c.stack[len(c.stack)-1]
		c.stack = c.stack[:len(c.stack)-1]
		if c.seen[pc] == c.gen {
			continue
		}
		c.seen[pc] = c.gen
		switch in := &f.prog.Inst[pc]; in.Op {
		case syntax.InstMatch:
			starts = true
		case syntax.InstAlt, syntax.InstAltMatch:
			c.stack = append(c.stack, int(in.Arg), int(in.Out))
		case syntax.InstCapture, syntax.InstNop:
			c.stack = append(c.stack, int(in.Out))
		case syntax.InstEmptyWidth:
			if in.Arg&^flag == 0 {
				c.stack = append(c.stack, int(in.Out))
			}
		case syntax.InstRune, syntax.InstRune1, syntax.InstRuneAny, syntax.InstRuneAnyNotNL:
			if !edge && in.MatchRune(r) {
				c.pend = append(c.pend, int(in.Out))
			}
		}
	}
	if edge {
		return 0, false, starts
	}
	// A match may begin at every position: the search is unanchored.
	c.pend = append(c.pend, f.prog.Start)
	slices.Sort(c.pend)
	c.pend = slices.Compact(c.pend)
	next, ok = c.state(c.pend, classOf(b))
	return next, ok, starts
}

// find appends to out, in descending order, every offset p of text
// (0 ≤ p ≤ len(text)) where a match of the pattern in text begins, as
// Go's regexp would see it searching text whole: a match that ends by
// len(text), with text's edges as the edges of the input. It reports
// false, and out unchanged, when text holds a byte of 0x80 or above or
// the pattern needs more states than a cache may hold.
func (f *startFinder) find(text []byte, out []int) ([]int, bool) {
	c := f.pool.Get().(*dfaCache)
	defer f.pool.Put(c)
	n := len(out)
	var st uint32 // the state at the window's start, by its row
	var ok bool
	if len(text) >= splitFrom {
		st, out, ok, _ = c.runSplit(f, text, splitWarmup, out)
	} else {
		st, out, ok = c.run(f, text, 0, 0, out)
	}
	if !ok {
		return out[:n], false
	}
	edge := &c.states[numberOf(st)]
	if edge.atEdge == 0 {
		edge.atEdge = -1
		if _, _, starts := c.step(f, edge, 0, true); starts {
			edge.atEdge = 1
		}
	}
	if edge.atEdge > 0 {
		out = append(out, 0)
	}
	return out, true
}

// transition returns what reading b does in state st (by its row),
// building it the first time; false if b is 0x80 or above, or if the
// cache is full (it is then reset, and every state number let go of).
func (c *dfaCache) transition(f *startFinder, st uint32, b byte) (uint32, bool) {
	t := c.trans[st+uint32(b)]
	if t&nonASCII != 0 {
		return 0, false
	}
	if t&unbuilt != 0 {
		next, ok, starts := c.step(f, &c.states[numberOf(st)], b, false)
		if !ok {
			c.reset(f)
			return 0, false
		}
		t = row(next)
		if starts {
			t |= startsHere
		}
		c.trans[st+uint32(b)] = t
	}
	return t, true
}

// run reads text backwards from its end, in state st, appending to out
// base+i for every i (0 < i ≤ len(text)) where a match begins, and
// returns the state at text's start.
func (c *dfaCache) run(f *startFinder, text []byte, st uint32, base int, out []int) (uint32, []int, bool) {
	for i := len(text); i > 0; {
		i, st = c.plainRun(text[:i], st)
		// Bytes whose transitions have flags come in runs (every byte of
		// a name can begin a match): they are read here until a plain one,
		// building only what is not built yet.
		for ; i > 0; i-- {
			t := c.trans[st+uint32(text[i-1])]
			if t&transFlags == 0 {
				break
			}
			if t&(unbuilt|nonASCII) != 0 {
				var ok bool
				if t, ok = c.transition(f, st, text[i-1]); !ok {
					return 0, out, false
				}
			}
			if t&startsHere != 0 {
				out = append(out, base+i)
			}
			st = t &^ transFlags
		}
	}
	return st, out, true
}

// A window of splitFrom bytes or more is read as two halves at once (see
// runSplit), each half's first reading starting splitWarmup bytes above
// it.
const (
	splitFrom   = 512
	splitWarmup = 64
)

// runSplit is run over all of text from the window's end, read as two
// runs in step: each byte costs the time of a load that depends on the
// byte before, and two runs that do not depend on each other take about
// the time of one. The upper run reads text[m:] from the window's end,
// and finds the state at m. The lower run reads text[:m] from a guess at
// that state: the state that expects nothing, warmed up on the warmup
// bytes above m. A run's state is in practice set by the last few dozen
// bytes it read, so by m the guess has nearly always become the right
// state (with 32 bytes or more, every guess held on the dense and
// long-line benchmarks; with none, half or none of them).
// The guess is checked against the state the upper run found. If they
// are the same, the two runs are the one run they stand for, since the
// automaton is deterministic; if not, text[:m] is read again from the
// right state. guessed says which (for tests).
func (c *dfaCache) runSplit(f *startFinder, text []byte, warmup int, out []int) (st uint32, _ []int, ok, guessed bool) {
	m := (len(text) - warmup) / 2
	ia, ib := len(text), m+warmup // the next bytes each run reads are text[ia-1] and text[ib-1]
	var sa uint32                 // the upper run's state: the window's end
	sb, ok := c.idle(f, classOf(text[ib]))
	if !ok {
		return 0, out, false, false
	}
	c.lower = c.lower[:0]
	var atM uint32 // the lower run's state at m
	for _, stop := range [2]int{m, 0} {
		for ib > stop {
			var k int
			k, sa, sb = c.plainRun2(text, ia, ib, sa, sb, ib-stop)
			ia, ib = ia-k, ib-k
			if ib == stop {
				break
			}
			// One of the next two bytes needs more than a load: both
			// runs take steps the long way, until neither does.
			for ; ib > stop; ia, ib = ia-1, ib-1 {
				ta, tb := c.trans[sa+uint32(text[ia-1])], c.trans[sb+uint32(text[ib-1])]
				if (ta|tb)&transFlags == 0 {
					break
				}
				if ta&(unbuilt|nonASCII) != 0 {
					if ta, ok = c.transition(f, sa, text[ia-1]); !ok {
						return 0, out, false, false
					}
				}
				if tb&(unbuilt|nonASCII) != 0 {
					// tb was read before ta was built, which may have
					// grown trans: a built transition never changes, and
					// one not built yet is built here.
					if tb, ok = c.transition(f, sb, text[ib-1]); !ok {
						return 0, out, false, false
					}
				}
				if ta&startsHere != 0 {
					out = append(out, ia)
				}
				if tb&startsHere != 0 && stop == 0 { // above m, the upper run reports
					c.lower = append(c.lower, ib)
				}
				sa, sb = ta&^transFlags, tb&^transFlags
			}
		}
		if stop == m {
			atM = sb
		}
	}
	// The upper half is one byte longer when len(text)-warmup is odd.
	if sa, out, ok = c.run(f, text[m:ia], sa, m, out); !ok {
		return 0, out, false, false
	}
	if sa == atM {
		return sb, append(out, c.lower...), true, true
	}
	st, out, ok = c.run(f, text[:m], sa, 0, out)
	return st, out, ok, false
}

// idle returns the state (by its row) that expects nothing, every thread
// but a new match's start having died, after a byte of class prev.
func (c *dfaCache) idle(f *startFinder, prev int8) (uint32, bool) {
	if st := c.idleState[prev]; st != 0 {
		return st, true
	}
	st, ok := c.state([]int{f.prog.Start}, prev)
	if !ok {
		c.reset(f)
		return 0, false
	}
	c.idleState[prev] = row(st) // never 0: state 0 follows no byte
	return row(st), true
}

// plainRun2 is plainRun for two runs in step: the upper reading
// text[ia-1], text[ia-2], … from state sa, the lower text[ib-1], … from
// sb. It takes at most n steps, and stops before a step in which either
// run's transition has flags; it returns the steps taken and the states.
//
//go:noinline
func (c *dfaCache) plainRun2(text []byte, ia, ib int, sa, sb uint32, n int) (int, uint32, uint32) {
	trans := c.trans
	upper, lower := text[ia-n:ia], text[ib-n:ib]
	for k := n - 1; k >= 0; k-- {
		ta := trans[sa+uint32(upper[k])]
		tb := trans[sb+uint32(lower[k])]
		if (ta|tb)&transFlags != 0 {
			return n - 1 - k, sa, sb
		}
		sa, sb = ta, tb
	}
	return n, sa, sb
}

// plainRun reads text backwards from its end, from state st (by its
// row), while each byte's transition has no flags, which is nearly every
// byte. It returns the length of text left unread, and the state there:
// if the length is not 0, the byte before has a transition with flags.
//
// It is a function of its own so that its loop holds nothing but what it
// reads: with find's list of starts live across it, the compiler would
// save that list to memory on every byte. (Inlined, it would be back in
// find's loop.)
//
//go:noinline
func (c *dfaCache) plainRun(text []byte, st uint32) (int, uint32) {
	trans := c.trans
	for i := len(text) - 1; i >= 0; i-- {
		t := trans[st+uint32(text[i])]
		if t&transFlags != 0 {
			return i + 1, st
		}
		st = t
	}
	return 0, st
}
