package rules

import (
	"bytes"
	"cmp"
	"math/rand/v2"
	"slices"
	"strings"
	"testing"
)

// windowByWalk is the plain definition of a window, one byte at a time.
func windowByWalk(data []byte, start, end, n, maxBytes int) (int, int) {
	lo := start
	for lines := 0; lo > 0 && start-lo < maxBytes; lo-- {
		if data[lo-1] == '\n' {
			if lines == n {
				break
			}
			lines++
		}
	}
	hi := end
	for lines := 0; hi < len(data) && hi-end < maxBytes; hi++ {
		if data[hi] == '\n' {
			if lines == n {
				break
			}
			lines++
		}
	}
	return lo, hi
}

// lineIndex.window finds its lines from a table of newlines; it must give
// what walking the bytes gives, at the ends of the input, at the cap,
// across newlines and across the index's blocks.
func TestWindowMatchesByteWalk(t *testing.T) {
	t.Parallel()
	r := rand.New(rand.NewPCG(3, 3))
	for range 50000 {
		data := make([]byte, r.IntN(200))
		for i := range data {
			data[i] = "ab\n"[r.IntN(3)]
		}
		start := r.IntN(len(data) + 1)
		end := start + r.IntN(len(data)-start+1)
		n, maxBytes := r.IntN(4), 1+r.IntN(40)
		wlo, whi := windowByWalk(data, start, end, n, maxBytes)
		x := indexLines(data)
		if lo, hi := x.window(start, end, n, maxBytes); lo != wlo || hi != whi {
			t.Fatalf("lineIndex.window(%q, %d, %d, %d, %d) = %d, %d; walking the bytes gives %d, %d", data, start, end, n, maxBytes, lo, hi, wlo, whi)
		}
		x.release()
	}
}

// toLower works eight bytes at a time; every byte value, at every place
// in a word and in the tail, must come out as lowering it alone would.
func TestToLowerEveryByte(t *testing.T) {
	t.Parallel()
	src := make([]byte, 0, 256*9+7)
	for off := range 9 {
		for c := range 256 {
			src = append(src, byte((c+off*37)%256))
		}
	}
	src = append(src, "AZaz@[`{"[:7]...)
	got := toLower(nil, src)
	for i, c := range src {
		want := c
		if c >= 'A' && c <= 'Z' {
			want = c + 'a' - 'A'
		}
		if got[i] != want {
			t.Fatalf("byte %d (%#x) lowered to %#x, want %#x", i, c, got[i], want)
		}
	}
}

// lastIndexByte reads eight bytes at a time; it must agree with the
// standard library wherever the byte stands, and wherever it does not.
func TestLastIndexByte(t *testing.T) {
	t.Parallel()
	r := rand.New(rand.NewPCG(6, 6))
	for range 50000 {
		b := make([]byte, r.IntN(40))
		for i := range b {
			b[i] = []byte{'\n', 'a', 0x8a, 0x0b, 0x09, 0xff, 0}[r.IntN(7)]
		}
		for _, c := range []byte{'\n', 0x8a, 0} {
			if got, want := lastIndexByte(b, c), bytes.LastIndexByte(b, c); got != want {
				t.Fatalf("lastIndexByte(%q, %#x) = %d, want %d", b, c, got, want)
			}
		}
	}
}

// sortSpans orders spans that come in order, nearly in order (a few out
// of place, as windows of values inside tokens are), reversed or at random,
// as a sort does.
func TestSortSpans(t *testing.T) {
	t.Parallel()
	r := rand.New(rand.NewPCG(9, 9))
	for n := range 300 {
		in := make([]span, n)
		for i := range in {
			in[i] = span{i * 10, i*10 + 5 + r.IntN(40)}
		}
		switch n % 4 {
		case 1: // nearly: some windows swapped with a neighbour
			for i := 1; i < n; i += 1 + r.IntN(5) {
				in[i-1], in[i] = in[i], in[i-1]
			}
		case 2:
			slices.Reverse(in)
		case 3:
			r.Shuffle(n, func(i, j int) { in[i], in[j] = in[j], in[i] })
		}
		want := slices.SortedFunc(slices.Values(in), compareSpans)
		if got := sortSpans(slices.Clone(in)); !slices.Equal(got, want) {
			t.Fatalf("%d spans, order %d: got %v, want %v", n, n%4, got, want)
		}
	}
}

// TestCompareSpansOrder checks the order of spans, by start and then
// end, on every pair of spans of a small grid, and spanAfter with it.
func TestCompareSpansOrder(t *testing.T) {
	t.Parallel()
	var all []span
	for lo := range 4 {
		for hi := lo; hi < 5; hi++ {
			all = append(all, span{lo, hi})
		}
	}
	for _, a := range all {
		for _, b := range all {
			want := cmp.Or(cmp.Compare(a.lo, b.lo), cmp.Compare(a.hi, b.hi))
			if got := compareSpans(a, b); got != want {
				t.Errorf("compareSpans(%v, %v) = %d, want %d", a, b, got, want)
			}
			if got := spanAfter(a, b); got != (want > 0) {
				t.Errorf("spanAfter(%v, %v) = %v, want %v", a, b, got, want > 0)
			}
		}
	}
}

// continuesLine says what trimming the line before and comparing its end
// with each ending says, for lines ending every which way.
func TestContinuesLine(t *testing.T) {
	t.Parallel()
	endings := []string{"=", "(", "[", "{", ",", "??", "||", " or", "\\", ":", ">-", "|"}
	plain := func(data []byte, lineStart int) bool {
		prev := bytes.TrimRight(data[:lineStart-1], " \t\r")
		for _, end := range endings {
			if bytes.HasSuffix(prev, []byte(end)) {
				return true
			}
		}
		return false
	}
	pieces := append([]string{"x", "or", "?", "r", "-", ">", " ", "\t", "\r", "key", "0a1b"}, endings...)
	r := rand.New(rand.NewPCG(4, 12))
	yes := 0
	for range 20000 {
		var b strings.Builder
		for range r.IntN(5) {
			b.WriteString(pieces[r.IntN(len(pieces))])
		}
		b.WriteString("\n")
		data := []byte(b.String() + "  value")
		lineStart := b.Len()
		got, want := continuesLine(data, lineStart), plain(data, lineStart)
		if got != want {
			t.Fatalf("%q: continuesLine %v, want %v", data[:lineStart], got, want)
		}
		if want {
			yes++
		}
	}
	if yes < 1000 {
		t.Errorf("only %d lines continue: too few to show anything", yes)
	}
}

// lineBefore finds from the line index what reading back from p finds:
// the start of the line before p's.
func TestLineBefore(t *testing.T) {
	t.Parallel()
	plain := func(data []byte, p int) int {
		i := bytes.LastIndexByte(data[:p], '\n')
		if i <= 0 {
			return 0
		}
		return bytes.LastIndexByte(data[:i], '\n') + 1
	}
	r := rand.New(rand.NewPCG(6, 1))
	for range 2000 {
		data := make([]byte, r.IntN(300))
		for i := range data {
			data[i] = "ab\n"[r.IntN(3)]
		}
		x := indexLines(data)
		for p := 0; p <= len(data); p++ {
			if got, want := x.lineBefore(p), plain(data, p); got != want {
				t.Fatalf("%q at %d: lineBefore %d, reading back %d", data, p, got, want)
			}
		}
		x.release()
	}
}

// TestChunksAsWindowWalk compares chunksOf, and runAt over its chunks,
// with the walk the scan made over windows before it kept their chunks:
// at each run's first window, find the run's last; then cut chunks of
// whole windows, each reaching at most mergedRun bytes past its first
// window's start.
func TestChunksAsWindowWalk(t *testing.T) {
	r := rand.New(rand.NewPCG(7, 11))
	for trial := range 2000 {
		var wins []span
		lo := r.IntN(50)
		for range r.IntN(40) {
			n := 1 + r.IntN(600)
			if r.IntN(20) == 0 {
				n += mergedRun // a window longer than a chunk may be
			}
			wins = append(wins, span{lo, lo + n})
			lo += 1 + r.IntN(900)
		}
		reach := reachOf(wins, nil)
		got := chunksOf(wins, reach, nil)

		// What the walk knew at each chunk.
		type walked struct {
			lo, hi, reach int
			runStart      bool
			lastReaches   bool // at a run's start
			nextWin       int  // at a run's start, the window after the run
		}
		var want []walked
		for i := 0; i < len(wins); {
			w := wins[i]
			var wk walked
			if i == 0 || reach[i-1] < w.lo {
				last := i
				for last+1 < len(wins) && reach[last+1] == reach[i] {
					last++
				}
				wk.runStart, wk.lastReaches, wk.nextWin = true, wins[last].hi == reach[i], last+1
			}
			end, hi := i, w.hi
			for end+1 < len(wins) && wins[end+1].lo < reach[i] && max(hi, wins[end+1].hi)-w.lo <= mergedRun {
				end++
				hi = max(hi, wins[end].hi)
			}
			wk.lo, wk.hi, wk.reach = w.lo, hi, reach[i]
			want = append(want, wk)
			i = end + 1
		}
		if len(got) != len(want) {
			t.Fatalf("trial %d: %d chunks, the walk cut %d", trial, len(got), len(want))
		}
		for k, wk := range want {
			g := &got[k]
			if g.lo != wk.lo || g.hi() != wk.hi || (g.flags&chunkMore != 0) != (wk.reach > wk.hi) ||
				(g.flags&chunkRunStart != 0) != wk.runStart {
				t.Fatalf("trial %d, chunk %d: %+v (to %d), the walk has %+v", trial, k, *g, g.hi(), wk)
			}
			if !wk.runStart {
				continue
			}
			if (g.flags&chunkLastReaches != 0) != wk.lastReaches {
				t.Fatalf("trial %d, chunk %d: last window reaches %v, the walk says %v", trial, k, !wk.lastReaches, wk.lastReaches)
			}
			// The chunk after the run begins at the window after it,
			// and the run reaches as far as the walk's.
			next, reach := runAt(got, k)
			if reach != wk.reach {
				t.Fatalf("trial %d, chunk %d: the run reaches %d, the walk says %d", trial, k, reach, wk.reach)
			}
			if wk.nextWin == len(wins) {
				if next != len(got) {
					t.Fatalf("trial %d, chunk %d: next run at chunk %d of %d, want the end", trial, k, next, len(got))
				}
			} else if next >= len(got) || got[next].lo != wins[wk.nextWin].lo {
				t.Fatalf("trial %d, chunk %d: next run at chunk %d, want the one from window %d", trial, k, next, wk.nextWin)
			}
		}
	}
}

// TestValueWindowsHoldTheirValues checks what the scan takes for granted
// of every chunk of value windows: each window holds the value it was
// made for, whatever the lines asked and the lines around it.
func TestValueWindowsHoldTheirValues(t *testing.T) {
	t.Parallel()
	r := rand.New(rand.NewPCG(13, 17))
	alphabet := []byte("ab =:\"'\n\n  \t0123456789abcdef")
	for trial := range 300 {
		data := make([]byte, 50+r.IntN(3000))
		for i := range data {
			data[i] = alphabet[r.IntN(len(alphabet))]
		}
		s := &scan{data: data, text: indexLines(data)}
		var cands []span
		for p := r.IntN(40); p+32 <= len(data); p += 32 + r.IntN(700) {
			cands = append(cands, span{p, p + 32})
		}
		for _, lines := range []int{0, 1, 2, 8} {
			wins := s.valueWindows(slices.Clone(cands), lines, nil)
			if len(wins) != len(cands) {
				t.Fatalf("trial %d: %d windows for %d values", trial, len(wins), len(cands))
			}
			for _, c := range cands {
				if !slices.ContainsFunc(wins, func(w span) bool { return w.lo <= c.lo && c.hi <= w.hi }) {
					t.Fatalf("trial %d, lines %d: no window holds the value at %v: %v", trial, lines, c, wins)
				}
			}
		}
		s.text.release()
	}
}

// classesOf32 must say what the byte classes say of every byte, whatever
// byte stands at whatever place among lowercase hex or uppercase letters.
func TestClassesOf32EveryByte(t *testing.T) {
	t.Parallel()
	for _, fill := range []byte{'a', '7', 'Q'} {
		for at := range 32 {
			for c := range 256 {
				run := bytes.Repeat([]byte{fill}, 32)
				run[at] = byte(c)
				every := uint8(classAlnum | classLowerHex)
				for _, b := range run {
					every &= byteClass[b]
				}
				alnum, hex := classesOf32(run)
				if alnum != (every&classAlnum != 0) || hex != (every&classLowerHex != 0) {
					t.Fatalf("%q: classesOf32 says alphanumeric %v, lowercase hex %v", run, alnum, hex)
				}
			}
		}
	}
}

// credentialSeen must answer as a search of the credentialWordReach bytes
// before each place would, asked in order (words that end just past the
// last place asked, or begin just before it, included) and out of order.
func TestCredentialSeenAsSearch(t *testing.T) {
	t.Parallel()
	r := rand.New(rand.NewPCG(12, 13))
	words := [][]byte{[]byte("key"), []byte("y k"), []byte("e")}
	for round := range 2000 {
		text := make([]byte, r.IntN(1000))
		for i := range text {
			text[i] = "kkeeyy =-"[r.IntN(9)]
		}
		seen := newCredentialSeen(text, words[:1+round%3])
		for at := 0; at <= len(text); at += r.IntN(40) + 1 {
			if r.IntN(20) == 0 {
				at = r.IntN(at + 1) // once in a while, an earlier place
			}
			lo := max(0, at-credentialWordReach)
			want := slices.ContainsFunc(words[:1+round%3], func(w []byte) bool { return bytes.Contains(text[lo:at], w) })
			if got := seen.before(at); got != want {
				t.Fatalf("round %d, %q before %d: credentialSeen says %v, a search %v", round, text, at, got, want)
			}
		}
	}
}

// toLowerASCII must say a text is all ASCII exactly when it is: one byte
// of 0x80 or more anywhere, in a word or in the tail after the words,
// makes it not.
func TestToLowerASCIISaysASCII(t *testing.T) {
	t.Parallel()
	for n := range 40 {
		text := bytes.Repeat([]byte("aZ~\x7f"), 10)[:n]
		if _, ascii := toLowerASCII(nil, text); !ascii {
			t.Fatalf("%q: not ASCII, it says", text)
		}
		for at := range n {
			for _, c := range []byte{0x80, 0xc3, 0xff} {
				bad := slices.Clone(text)
				bad[at] = c
				if _, ascii := toLowerASCII(nil, bad); ascii {
					t.Fatalf("%q: ASCII, it says", bad)
				}
			}
		}
	}
}
