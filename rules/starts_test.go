package rules

import (
	"math/rand/v2"
	"regexp"
	"slices"
	"strings"
	"testing"
)

// startsByRegexp is what startFinder.find must give, asked of Go's regexp
// one position at a time: a match begins at p if the pattern matches
// anchored there, with the byte before p (if any) in view for assertions.
func startsByRegexp(atStart, afterOne *regexp.Regexp, text []byte) []int {
	var out []int
	for p := len(text); p >= 0; p-- {
		if p == 0 && atStart.Match(text) || p > 0 && afterOne.Match(text[p-1:]) {
			out = append(out, p)
		}
	}
	return out
}

// The reversed DFA must find exactly the positions where a match begins,
// for every assertion Go's syntax has, on random text, and for every
// pattern of the catalogue on texts made of its own examples.
func TestStartFinderAgreesWithRegexp(t *testing.T) {
	t.Parallel()
	r := rand.New(rand.NewPCG(3, 9))
	tricky := []string{
		``, `a*`, `\bab\b`, `\Bb\B`, `(?m)^a+$`, `^a|b$`, `(?m)^$`, `\A\z`, `x|\b`,
		`(?m)$\n^`, `(a|ab)(c|bcd)(d*)`, `(?i)K[ _]?ey\s*=\s*(?P<secret>[0-9a-f]{4})\b`,
		`(?s)a.*b`, `a.b`, `[^a\n]+\n`, `(?U)a+?b`, `(?:ab){2,3}`, `\b\w{3}\b`, `(?i)\x{212a}`,
	}
	alphabet := "aAbBk_ =\n\t:'\"0123456789cdef-.K"
	for _, p := range tricky {
		c := newChecker(t, p)
		for range 1000 {
			text := make([]byte, r.IntN(24))
			for i := range text {
				text[i] = alphabet[r.IntN(len(alphabet))]
			}
			c.check(t, text)
		}
	}

	c, err := Builtin()
	if err != nil {
		t.Fatal(err)
	}
	for _, rule := range c.rules {
		patterns := []string{rule.Pattern}
		if rule.lean != nil {
			patterns = append(patterns, rule.lean.String())
		}
		pieces := examplePieces(rule, r)
		for _, p := range patterns {
			c := newChecker(t, p)
			found := 0
			for range 100 {
				var b strings.Builder
				for range 1 + r.IntN(3) {
					piece := pieces[r.IntN(len(pieces))]
					// a random cut, so that matches lose their edges
					lo := r.IntN(len(piece)/4 + 1)
					hi := len(piece) - r.IntN(len(piece)/4+1)
					b.WriteString(piece[lo:max(lo, hi)])
					b.WriteString([]string{"\n", " ", "", "x"}[r.IntN(4)])
				}
				text := []byte(b.String())
				if slices.ContainsFunc(text, func(c byte) bool { return c >= 0x80 }) {
					continue
				}
				found += c.check(t, text)
			}
			if found == 0 {
				t.Errorf("%s: no text had a match: the test shows nothing", rule.ID)
			}
		}
	}
}

// examplePieces is a rule's examples and near misses, each with fresh
// values: the start finder's tests cut and join them into texts.
func examplePieces(rule *Rule, r *rand.Rand) []string {
	var pieces []string
	for _, ex := range rule.Examples {
		pieces = append(pieces, ExpandExample(ex.Text, r))
	}
	for _, neg := range rule.NegativeExamples {
		pieces = append(pieces, ExpandExample(neg, r))
	}
	return pieces
}

// checker compares a pattern's startFinder with startsByRegexp.
type checker struct {
	pattern           string
	f                 *startFinder
	atStart, afterOne *regexp.Regexp
}

func newChecker(t *testing.T, pattern string) *checker {
	f := newStartFinder(pattern)
	if f == nil {
		t.Fatalf("%q: no finder", pattern)
	}
	return &checker{pattern, f, regexp.MustCompile(`\A(?:` + pattern + `)`), regexp.MustCompile(`\A(?s:.)(?:` + pattern + `)`)}
}

func (c *checker) check(t *testing.T, text []byte) int {
	t.Helper()
	got, ok := c.f.find(text, nil)
	if !ok {
		t.Fatalf("%q on %q: the finder gave up", c.pattern, text)
	}
	if want := startsByRegexp(c.atStart, c.afterOne, text); !slices.Equal(got, want) {
		t.Fatalf("%q on %q: starts %v, regexp says %v", c.pattern, text, got, want)
	}
	return len(got)
}

// A byte of 0x80 or above leaves the window to the regexp.
func TestStartFinderLeavesNonASCII(t *testing.T) {
	t.Parallel()
	f := newStartFinder(`k(?P<secret>\w+)`)
	out, ok := f.find([]byte("k12 é k34"), []int{7})
	if ok || !slices.Equal(out, []int{7}) {
		t.Errorf("non-ASCII window: %v, %v; want it left alone", out, ok)
	}
	if out, ok := f.find([]byte("k12 k34"), nil); !ok || !slices.Equal(out, []int{4, 0}) {
		t.Errorf("ASCII window: %v, %v; want [4 0]", out, ok)
	}
	// A window long enough to be read in two halves is left alone
	// wherever the byte stands: in the upper half, in the bytes the lower
	// run warms up on, or in the lower half.
	long := []byte(strings.Repeat("k1 ", 300))
	for _, at := range []int{len(long) - 1, len(long) / 2, len(long)/2 - splitWarmup/2 + 1, 10, 0} {
		text := slices.Clone(long)
		text[at] = 0xe9
		if out, ok := f.find(text, []int{7}); ok || !slices.Equal(out, []int{7}) {
			t.Errorf("%d-byte window with a byte of 0xe9 at %d: %v, %v; want it left alone", len(text), at, out, ok)
		}
	}
	if out, ok := f.find(long, nil); !ok || len(out) != 300 {
		t.Errorf("%d-byte ASCII window: %d starts, %v; want 300", len(long), len(out), ok)
	}
}

// A window long enough to be read as two runs in step (runSplit) gives
// the starts and the state one run gives, whether the lower run's guess
// held or not, for every pattern of the catalogue on long texts made of
// its own examples, and the starts Go's regexp gives.
func TestStartFinderSplitAgreesWithOneRun(t *testing.T) {
	t.Parallel()
	c, err := Builtin()
	if err != nil {
		t.Fatal(err)
	}
	r := rand.New(rand.NewPCG(5, 12))
	held, missed := 0, 0
	for _, rule := range c.rules {
		pieces := examplePieces(rule, r)
		ch := newChecker(t, rule.Pattern)
		f := ch.f
		for round := range 40 {
			var b strings.Builder
			for b.Len() < splitFrom+r.IntN(3000) {
				piece := pieces[r.IntN(len(pieces))]
				lo := r.IntN(len(piece)/4 + 1)
				hi := len(piece) - r.IntN(len(piece)/4+1)
				b.WriteString(piece[lo:max(lo, hi)])
				b.WriteString([]string{"\n", " ", "", "x", ";", `"`}[r.IntN(6)])
			}
			text := []byte(b.String())
			if slices.ContainsFunc(text, func(c byte) bool { return c >= 0x80 }) {
				continue
			}
			cache := f.pool.Get().(*dfaCache)
			wantState, want, ok := cache.run(f, text, 0, 0, nil)
			if !ok {
				t.Fatalf("%s: one run gave up", rule.ID)
			}
			// A warmup of 0 guesses wrong about half the time.
			for _, warmup := range []int{0, 1, splitWarmup} {
				st, got, ok, guessed := cache.runSplit(f, text, warmup, nil)
				if !ok {
					t.Fatalf("%s: the split runs gave up", rule.ID)
				}
				if st != wantState || !slices.Equal(got, want) {
					t.Fatalf("%s, warmup %d, guess held %v, on %q:\nstarts %v, state %d\none run: %v, state %d",
						rule.ID, warmup, guessed, text, got, st, want, wantState)
				}
				if guessed {
					held++
				} else {
					missed++
				}
			}
			f.pool.Put(cache)
			if round%10 == 0 {
				ch.check(t, text) // find, split, against the regexp
			}
		}
	}
	if held == 0 || missed == 0 {
		t.Errorf("guesses held %d times, missed %d: the test does not reach both", held, missed)
	}
}
