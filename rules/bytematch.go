package rules

import (
	"regexp/syntax"
	"sync"
)

// A byteProg runs a rule's pattern anchored at a position whose text is
// all ASCII, and gives the groups of its match exactly as Go's regexp
// would (leftmost-first, the same captures). It is used only where a
// startFinder has already read the window and found every byte below
// 0x80, so each byte is a rune and a class is one table lookup; Go's
// backtracker decodes each rune and searches each class's ranges, and on
// dense text those searches were a quarter of the matcher's time.
//
// It is the same depth-first search with memory of what failed as Go's
// backtracker: alternatives in priority order (Out before Arg), a
// capture's old value restored on the way back, and each (instruction,
// position) explored at most once, which loses nothing because the
// first match found is the one returned.
type byteProg struct {
	inst  []byteInst
	start int
	// unset is a match's groups before the search sets any: -1 each.
	unset []int
	// joins counts the instructions more than one path leads to (see
	// memo): only those need remembering.
	joins int
}

// byteInst is one instruction of a syntax.Prog, its rune test turned
// into a set of ASCII bytes.
type byteInst struct {
	op       syntax.InstOp
	out, arg uint32
	set      [2]uint64 // bytes 0..127 a rune instruction accepts
	// memo is the instruction's column among the joins, or -1: an
	// instruction only one other leads to is reached at a position only
	// as often as that one is, so once, and need not be remembered. A
	// loop without a byte read comes back through a join.
	memo int
	// loop marks a greedy loop over one class ([a-z]*, the tail of
	// [a-z]+): an Alt whose Out is a rune instruction leading back to it.
	// matchAt runs such a loop over its bytes in one go.
	loop bool
	// takes is, for a loop, the bytes its body takes, as a table: the
	// loop reads them in a few instructions each.
	takes *[256]bool
	// first holds the bytes a path from here can read first, and
	// nullable says whether one reaches a match reading none (assertions
	// taken as passed): where the next byte is not in first and the
	// instruction is not nullable, every path from it fails at once.
	first    [2]uint64
	nullable bool
	// choice says, for an Alt that is not a loop, which of its branches
	// may match at a byte (2 bits a byte: see altChoice), and atEnd at
	// the end of the input.
	choice [4]uint64
	atEnd  altChoice
	// jump is, for an Alt that is not a loop, where the search would go
	// at each byte below 0x80 through a chain of instructions that each
	// leave it one way without reading (see onlyWay), as pc<<8 and the
	// steps passed after this one; 0 where the chain is this Alt alone.
	// nil when it is at every byte. In a name and its value most Alts
	// lead to another: the ways of writing "=" are five nested Alts.
	jump *[128]uint32
	// chain is, for a rune instruction that leads straight to another
	// (a literal's bytes: "amplitude", ".init("), the sets of the whole
	// run of them from here, and chainEnd where the last one leads; nil
	// for a lone one. The search without memory reads such a run in one
	// loop and counts its steps.
	chain    [][2]uint64
	chainEnd uint32
}

// altChoice is which branches of an Alt may match at a place: a branch
// that fails at once is neither tried nor left to try.
type altChoice uint8

const (
	takeOut altChoice = 1 << iota
	takeArg
	takeBoth = takeOut | takeArg
)

// newByteProg compiles pattern as regexp.Compile does (Perl syntax,
// simplified); nil if it does not compile or uses an instruction this
// engine does not run.
func newByteProg(pattern string) *byteProg {
	re, err := syntax.Parse(pattern, syntax.Perl)
	if err != nil {
		return nil
	}
	prog, err := syntax.Compile(re.Simplify())
	if err != nil {
		return nil
	}
	p := &byteProg{inst: make([]byteInst, len(prog.Inst)), start: prog.Start, unset: make([]int, prog.NumCap)}
	for i := range p.unset {
		p.unset[i] = -1
	}
	for pc := range prog.Inst {
		in := &prog.Inst[pc]
		bi := &p.inst[pc]
		bi.op, bi.out, bi.arg = in.Op, in.Out, in.Arg
		switch in.Op {
		case syntax.InstRune, syntax.InstRune1, syntax.InstRuneAny, syntax.InstRuneAnyNotNL:
			for b := range rune(0x80) {
				ok := false
				switch in.Op {
				case syntax.InstRune:
					ok = in.MatchRune(b)
				case syntax.InstRune1:
					ok = b == in.Rune[0] // as Go's backtracker tests it
				case syntax.InstRuneAny:
					ok = true
				case syntax.InstRuneAnyNotNL:
					ok = b != '\n'
				}
				if ok {
					bi.set[b>>6] |= 1 << (b & 63)
				}
			}
		case syntax.InstAlt, syntax.InstCapture, syntax.InstEmptyWidth, syntax.InstNop, syntax.InstMatch, syntax.InstFail:
		default:
			return nil // InstAltMatch: Go's compiler does not emit it
		}
	}
	into := make([]int, len(prog.Inst))
	into[prog.Start]++ // the search's own entry
	for _, in := range p.inst {
		switch in.op {
		case syntax.InstMatch, syntax.InstFail:
		case syntax.InstAlt:
			into[in.out]++
			into[in.arg]++
		default:
			into[in.out]++
		}
	}
	for pc := range p.inst {
		in := &p.inst[pc]
		in.memo = -1
		if into[pc] > 1 {
			in.memo = p.joins
			p.joins++
		}
		if in.op == syntax.InstAlt {
			body := p.inst[in.out]
			in.loop = isRune(body.op) && int(body.out) == pc
		}
	}
	p.firstBytes()
	for pc := range p.inst {
		in := &p.inst[pc]
		switch {
		case in.loop:
			body := &p.inst[in.out]
			in.takes = new([256]bool)
			for b := range 128 {
				in.takes[b] = body.set[b>>6]&(1<<(b&63)) != 0
			}
		case in.op == syntax.InstAlt:
			in.choices(&p.inst[in.out], &p.inst[in.arg])
		}
	}
	p.jumps()
	p.chains()
	return p
}

// chains fills each rune instruction's chain: the sets of the rune
// instructions it leads to one after the other.
func (p *byteProg) chains() {
	for pc := range p.inst {
		var sets [][2]uint64
		at := pc
		for len(sets) < maxChain && isRune(p.inst[at].op) {
			sets = append(sets, p.inst[at].set)
			at = int(p.inst[at].out)
		}
		if len(sets) >= 2 {
			p.inst[pc].chain, p.inst[pc].chainEnd = sets, uint32(at) //nolint:gosec // an instruction's index
		}
	}
}

// maxChain bounds a chain; a literal longer than that is read in chains.
const maxChain = 64

func isRune(op syntax.InstOp) bool {
	switch op {
	case syntax.InstRune, syntax.InstRune1, syntax.InstRuneAny, syntax.InstRuneAnyNotNL:
		return true
	}
	return false
}

// jumps fills each Alt's jump: for each byte, where a chain of choices
// that byte leaves only one way through ends, and how many instructions
// the chain passes, when it passes more than the Alt itself.
func (p *byteProg) jumps() {
	for pc := range p.inst {
		in := &p.inst[pc]
		if in.op != syntax.InstAlt || in.loop {
			continue
		}
		var jump [128]uint32
		chained := false
		for b := range 128 {
			at, passed := pc, 0
			// A step is left to the search at any instruction that does
			// more than pick its way at this byte, and at any Alt or loop
			// with two ways or none. passed stays below len(p.inst), so
			// a chain that went round would stop.
			for passed < len(p.inst) {
				next, ok := p.onlyWay(at, byte(b))
				if !ok {
					break
				}
				at = next
				passed++
			}
			if passed >= 2 && passed <= 0xff && at <= 0xffffff {
				jump[b] = uint32(at)<<8 | uint32(passed-1) //nolint:gosec // both bounded just above
				chained = true
			}
		}
		if chained {
			in.jump = &jump
		}
	}
}

// onlyWay returns where the instruction at pc leads at byte b without
// reading it or recording anything, when there is only one way: a Nop,
// an Alt whose choice at b is one branch, or a loop whose body does not
// take b (it exits having read nothing).
func (p *byteProg) onlyWay(pc int, b byte) (int, bool) {
	in := &p.inst[pc]
	switch {
	case in.op == syntax.InstNop:
		return int(in.out), true
	case in.op != syntax.InstAlt:
		return 0, false
	case in.loop:
		if in.takes[b] {
			return 0, false
		}
		return int(in.arg), true
	}
	switch altChoice(in.choice[b>>5&3] >> (b & 31 * 2) & 3) {
	case takeOut:
		return int(in.out), true
	case takeArg:
		return int(in.arg), true
	}
	return 0, false
}

// choices fills an Alt's choice and atEnd from its branches' first bytes.
func (in *byteInst) choices(out, arg *byteInst) {
	for b := range 128 {
		var c altChoice
		if out.nullable || out.first[b>>6]&(1<<(b&63)) != 0 {
			c |= takeOut
		}
		if arg.nullable || arg.first[b>>6]&(1<<(b&63)) != 0 {
			c |= takeArg
		}
		in.choice[b>>5] |= uint64(c) << (b & 31 * 2)
	}
	if out.nullable {
		in.atEnd |= takeOut
	}
	if arg.nullable {
		in.atEnd |= takeArg
	}
}

// firstBytes sets each instruction's first and nullable, growing them
// until nothing changes (loops lead back to where they start).
func (p *byteProg) firstBytes() {
	for changed := true; changed; {
		changed = false
		for pc := range p.inst {
			in := &p.inst[pc]
			first, nullable := in.first, in.nullable
			switch in.op {
			case syntax.InstRune, syntax.InstRune1, syntax.InstRuneAny, syntax.InstRuneAnyNotNL:
				first = in.set
			case syntax.InstMatch:
				nullable = true
			case syntax.InstAlt:
				out, arg := &p.inst[in.out], &p.inst[in.arg]
				first = [2]uint64{out.first[0] | arg.first[0], out.first[1] | arg.first[1]}
				nullable = out.nullable || arg.nullable
			case syntax.InstCapture, syntax.InstNop, syntax.InstEmptyWidth:
				out := &p.inst[in.out]
				first, nullable = out.first, out.nullable
			}
			if first != in.first || nullable != in.nullable {
				in.first, in.nullable, changed = first, nullable, true
			}
		}
	}
}

// runOf is how many bytes at the start of b takes holds. (Apart from
// search, whose registers are all taken, the loop keeps its count in one.)
//
//go:noinline
func runOf(takes *[256]bool, b []byte) int {
	_ = takes[0]
	for i, c := range b {
		if !takes[c] {
			return i
		}
	}
	return len(b)
}

// byteScratch is what one goroutine's searches reuse.
type byteScratch struct {
	jobs []byteJob
	cap  []int
	// visited[(pos-from)*joins+memo] is gen once the search explored
	// that join at that position: a new search takes the next gen
	// rather than clearing what the last one marked.
	visited []uint16
	gen     uint16
}

// byteScratchPool keeps scratch between scans: what a search marked
// stays valid under later gens, so only growth is paid for.
var byteScratchPool = sync.Pool{New: func() any { return new(byteScratch) }}

// byteJob is an alternative still to try at pos, and then at each
// position down to lo (a loop's exits); or (restore) a capture's old
// value to put back.
type byteJob struct {
	pc      int
	restore bool
	pos, lo int
}

// visit marks join memo explored at row (a position less from) and
// reports whether it was not already.
func (sc *byteScratch) visit(memo, row, joins int) bool {
	if memo < 0 {
		return true
	}
	k := row*joins + memo
	if k >= len(sc.visited) {
		sc.visited = append(sc.visited, make([]uint16, k+1-len(sc.visited)+8*joins)...)
	}
	if sc.visited[k] == sc.gen {
		return false
	}
	sc.visited[k] = sc.gen
	return true
}

// matchAt returns the match of the pattern anchored at from in
// data[:hi], with offsets into data, or nil. The input the regexp would
// see begins at begin (begin <= from): the byte before from is in view
// of assertions only when begin < from. Every byte of data[begin:hi]
// must be below 0x80. m is reused for the result.
//
// It first searches without memory of what failed, within a budget of
// steps: most matches (a name, `=`, a value) take a straight path, and
// marking each (join, position) explored was a tenth of the keys
// matcher. Memory only ever skips a place whose whole exploration
// already failed, so both searches find the same match; a search that
// runs out of steps (a pattern that would go over the same text many
// ways) is done again with it.
func (p *byteProg) matchAt(sc *byteScratch, data []byte, begin, from, hi int, m []int) []int {
	if got, done := p.search(sc, data, begin, from, hi, m, false); done {
		return got
	}
	got, _ := p.search(sc, data, begin, from, hi, m, true)
	return got
}

// searchSteps is how many steps a search without memory may take: an
// instruction, or a byte a loop reads. A match of a name and its value
// takes a few hundred. It does not grow with the text the search may
// read: a search from each of a long line's many starts could then spend
// that much on each, and the line's cost would grow with its square.
const searchSteps = 2048

// search is matchAt's search, with memory of what failed (memo) or
// without it, in which case done is false when it ran out of steps.
func (p *byteProg) search(sc *byteScratch, data []byte, begin, from, hi int, m []int, memo bool) (match []int, done bool) {
	n := p.joins
	steps := searchSteps
	insts := p.inst // the slice kept in registers, not read from p at each step
	sc.cap = append(sc.cap[:0], p.unset...)
	if len(sc.cap) > 0 {
		sc.cap[0] = from
	}
	if memo {
		sc.gen++
		if sc.gen == 0 { // wrapped: marks of 2^16 searches ago would count
			clear(sc.visited)
			sc.gen = 1
		}
	}
	sc.jobs = append(sc.jobs[:0], byteJob{pc: p.start, pos: from, lo: from})
	for len(sc.jobs) > 0 {
		j := sc.jobs[len(sc.jobs)-1]
		sc.jobs = sc.jobs[:len(sc.jobs)-1]
		if j.restore {
			sc.cap[insts[j.pc].arg] = j.pos
			continue
		}
		pc, pos := j.pc, j.pos
		if pos > j.lo {
			sc.jobs = append(sc.jobs, byteJob{pc: pc, pos: pos - 1, lo: j.lo})
		}
	step:
		for {
			// Each (instruction, position) is explored once: a second
			// arrival finds what the first found, which was no match.
			in := &insts[pc]
			if memo {
				if !sc.visit(in.memo, pos-from, n) {
					break
				}
			} else if steps--; steps < 0 {
				return nil, false
			}
			switch in.op {
			case syntax.InstAlt:
				if in.loop {
					// What the step-by-step search would do, without
					// its steps: read the loop's bytes while the body
					// takes them and neither it nor the loop was here
					// before, then take the exit at the furthest
					// position reached, leaving the nearer ones to try
					// after it, furthest first.
					body := &insts[in.out]
					first := pos
					if memo {
						for pos < hi && sc.visit(body.memo, pos-from, n) {
							b := data[pos]
							if body.set[b>>6&1]&(1<<(b&63)) == 0 || !sc.visit(in.memo, pos+1-from, n) {
								break
							}
							pos++
						}
					} else {
						pos += runOf(in.takes, data[pos:hi])
						if steps -= pos - first; steps < 0 {
							return nil, false
						}
					}
					if pos > first {
						sc.jobs = append(sc.jobs, byteJob{pc: int(in.arg), pos: pos - 1, lo: first})
					}
					pc = int(in.arg)
				} else {
					// A branch that fails at once is neither tried nor
					// left to try: in a name and its value most are.
					c := in.atEnd
					if pos < hi {
						b := data[pos] // below 0x80, as all the input is
						if in.jump != nil && !memo {
							// Without memory, the steps between need
							// not be taken one by one, only counted.
							if j := in.jump[b&0x7f]; j != 0 {
								if steps -= int(j & 0xff); steps < 0 {
									return nil, false
								}
								pc = int(j >> 8)
								continue step
							}
						}
						//nolint:gosec // two bits
						c = altChoice(in.choice[b>>5&3] >> (b & 31 * 2) & 3)
					}
					switch c {
					case takeBoth:
						sc.jobs = append(sc.jobs, byteJob{pc: int(in.arg), pos: pos, lo: pos})
						pc = int(in.out)
					case takeOut:
						pc = int(in.out)
					case takeArg:
						pc = int(in.arg)
					default:
						break step
					}
				}
			case syntax.InstRune, syntax.InstRune1, syntax.InstRuneAny, syntax.InstRuneAnyNotNL:
				if in.chain != nil && !memo {
					// The run's bytes in one loop; its steps are the
					// instructions the step-by-step search would reach,
					// the one that fails included, this one counted.
					k := 0
					for k < len(in.chain) && pos+k < hi {
						b := data[pos+k]
						if in.chain[k][b>>6&1]&(1<<(b&63)) == 0 {
							break
						}
						k++
					}
					if k == len(in.chain) {
						if steps -= k - 1; steps < 0 {
							return nil, false
						}
						pos += k
						pc = int(in.chainEnd)
						continue step
					}
					if steps -= k; steps < 0 {
						return nil, false
					}
					break step
				}
				if pos >= hi {
					break step
				}
				b := data[pos]
				if in.set[b>>6&1]&(1<<(b&63)) == 0 {
					break step
				}
				pos++
				pc = int(in.out)
			case syntax.InstCapture:
				if int(in.arg) < len(sc.cap) {
					sc.jobs = append(sc.jobs, byteJob{pc: pc, restore: true, pos: sc.cap[in.arg]})
					sc.cap[in.arg] = pos
				}
				pc = int(in.out)
			case syntax.InstEmptyWidth:
				before, after := rune(-1), rune(-1)
				if pos > begin {
					before = rune(data[pos-1])
				}
				if pos < hi {
					after = rune(data[pos])
				}
				if in.arg&^uint32(syntax.EmptyOpContext(before, after)) != 0 {
					break step
				}
				pc = int(in.out)
			case syntax.InstNop:
				pc = int(in.out)
			case syntax.InstMatch:
				if len(sc.cap) > 1 {
					sc.cap[1] = pos
				}
				return append(m[:0], sc.cap...), true
			default: // InstFail
				break step
			}
		}
	}
	return nil, true
}
