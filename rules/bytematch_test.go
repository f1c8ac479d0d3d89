package rules

import (
	"fmt"
	"math/rand/v2"
	"regexp"
	"slices"
	"strings"
	"testing"
)

// afterOneAt compiles pattern anchored one rune into its input: matched
// against text from the byte before a position, it finds what pattern
// finds at that position with the byte before in view of its
// assertions.
func afterOneAt(pattern string) *regexp.Regexp {
	return anchoredAt(`(?s:.)(?:` + pattern + `)`)
}

// byteProgCase is one pattern the matcher runs, with Go's regexp anchored
// the two ways matchFromStarts asks it.
type byteProgCase struct {
	name          string
	prog          *byteProg
	re, at, after *regexp.Regexp
}

func byteProgCases(t testing.TB, c *Catalogue) []byteProgCase {
	var cases []byteProgCase
	add := func(name, pattern string) {
		p := newByteProg(pattern)
		if p == nil {
			t.Fatalf("%s: the byte engine does not compile %q", name, pattern)
		}
		cases = append(cases, byteProgCase{name, p, regexp.MustCompile(pattern), anchoredAt(pattern), afterOneAt(pattern)})
	}
	for _, r := range c.rules {
		add(r.ID, r.Pattern)
		if r.lean != nil {
			add(r.ID+" (lean)", r.lean.String())
		}
	}
	for i, re := range afterName {
		// Anchored with ^, each matches only at the start of a text: the
		// texts it is tried on are those it matches at any place.
		add(fmt.Sprintf("afterName[%d]", i), re.String())
		cases[len(cases)-1].re = regexp.MustCompile(strings.TrimPrefix(re.String(), "^"))
	}
	return cases
}

// agreeAt checks the byte engine against Go's regexp at every position of
// text and for a window that ends at hi, both with the input starting at
// the position and one byte before it.
func agreeAt(t *testing.T, tc byteProgCase, sc *byteScratch, text []byte, hi int) {
	t.Helper()
	var got []int
	for from := 0; from <= hi; from++ {
		want := shiftMatch(tc.at.FindSubmatchIndex(text[from:hi]), from)
		got = tc.prog.matchAt(sc, text, from, from, hi, got)
		if !slices.Equal(got, want) {
			t.Fatalf("%s at %d of %q (window ends at %d): byte engine %v, regexp %v", tc.name, from, text, hi, got, want)
		}
		if from == 0 {
			continue
		}
		want = shiftMatch(tc.after.FindSubmatchIndex(text[from-1:hi]), from-1)
		if want != nil {
			want[0] = from
		}
		got = tc.prog.matchAt(sc, text, from-1, from, hi, got)
		if !slices.Equal(got, want) {
			t.Fatalf("%s at %d of %q after its byte (window ends at %d): byte engine %v, regexp %v", tc.name, from, text, hi, got, want)
		}
	}
}

// ruleTexts returns every rule's examples and near misses, and the dense
// templates, expanded, as ASCII (see asciiOnly).
func ruleTexts(c *Catalogue, rng *rand.Rand) [][]byte {
	var texts [][]byte
	for _, r := range c.rules {
		for _, ex := range r.Examples {
			texts = append(texts, asciiOnly(ExpandExample(ex.Text, rng)))
		}
		for _, neg := range r.NegativeExamples {
			texts = append(texts, asciiOnly(ExpandExample(neg, rng)))
		}
	}
	for _, tmpl := range denseTemplates {
		texts = append(texts, asciiOnly(ExpandExample(tmpl, rng)))
	}
	return texts
}

// withEdits returns each text followed by n edits of it (see mutate).
func withEdits(rng *rand.Rand, texts [][]byte, n int) [][]byte {
	var all [][]byte
	for _, text := range texts {
		all = append(all, text)
		for range n {
			all = append(all, mutate(rng, text))
		}
	}
	return all
}

// asciiOnly clears every byte's top bit: the engine runs only on windows
// without a byte of 0x80 or above.
func asciiOnly(s string) []byte {
	b := []byte(s)
	for i, c := range b {
		b[i] = c & 0x7f
	}
	return b
}

// mutate edits text the ways that move a match's edges: a byte dropped,
// a stretch repeated, punctuation or a newline put in.
func mutate(r *rand.Rand, text []byte) []byte {
	const punct = "\"'`\n\t =:;,|?()[]{}\\@#-_.!>"
	out := slices.Clone(text)
	for range 1 + r.IntN(3) {
		if len(out) == 0 {
			out = append(out, punct[r.IntN(len(punct))])
			continue
		}
		i := r.IntN(len(out))
		switch r.IntN(3) {
		case 0:
			out = slices.Delete(out, i, i+1)
		case 1:
			j := min(len(out), i+1+r.IntN(12))
			out = slices.Insert(out, i, slices.Clone(out[i:j])...)
		default:
			out = slices.Insert(out, i, punct[r.IntN(len(punct))])
		}
	}
	return out
}

// The byte engine must give what Go's regexp gives, groups and all, for
// every rule's pattern (and its lean form) and for afterName, at every
// position of every example, near miss and dense template, as written,
// cut short, and edited.
func TestByteProgAgreesWithRegexp(t *testing.T) {
	t.Parallel()
	c, err := Builtin()
	if err != nil {
		t.Fatal(err)
	}
	rng := rand.New(rand.NewPCG(21, 21))
	texts := append(ruleTexts(c, rng), []byte(""), []byte("\n"), []byte("a=\n"), []byte(strings.Repeat("x", 300)+"=\"abc\""))
	all := withEdits(rng, texts, 3)
	for _, tc := range byteProgCases(t, c) {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			sc := &byteScratch{}
			r := rand.New(rand.NewPCG(5, 5))
			for _, text := range all {
				if !tc.re.Match(text) {
					continue // nowhere to match: a few texts suffice for those
				}
				agreeAt(t, tc, sc, text, len(text))
				agreeAt(t, tc, sc, text, r.IntN(len(text)+1))
			}
			// Texts where the pattern finds nothing still pass through
			// it: a few of them, at every position.
			for _, text := range all[:min(len(all), 40)] {
				agreeAt(t, tc, sc, text, len(text))
			}
		})
	}
}

// The catalogue's patterns rarely give an alternation a branch that can
// match reading nothing where the next byte could not begin it (a lazy
// quantifier with nothing after it, an empty alternative): these do, at
// the end of the input and before bytes the branch cannot read.
func TestByteProgNullableBranches(t *testing.T) {
	t.Parallel()
	patterns := []string{`ab??`, `ab*?`, `a(?:|b)`, `a(?:b|)c?`, `a(?:x|y?)`, `(?P<k>[a-z]+?)(?P<v>=?)`, `a\b|ab`}
	texts := []string{"a", "ab", "ac", "abc", "a=", "xa b", "aab=c", "ay", "a b"}
	for _, pattern := range patterns {
		p := newByteProg(pattern)
		if p == nil {
			t.Fatalf("%s: no byte program", pattern)
		}
		tc := byteProgCase{pattern, p, regexp.MustCompile(pattern), anchoredAt(pattern), afterOneAt(pattern)}
		sc := &byteScratch{}
		for _, text := range texts {
			agreeAt(t, tc, sc, []byte(text), len(text))
		}
	}
}

// FuzzByteProg compares the byte engine with Go's regexp on arbitrary
// ASCII text, for every rule's pattern and afterName, at every position.
func FuzzByteProg(f *testing.F) {
	c, err := Builtin()
	if err != nil {
		f.Fatal(err)
	}
	cases := byteProgCases(f, c)
	rng := rand.New(rand.NewPCG(22, 22))
	for i, r := range c.rules {
		for _, ex := range r.Examples {
			f.Add(uint8(i), []byte(ExpandExample(ex.Text, rng)))
		}
	}
	f.Fuzz(func(t *testing.T, which uint8, data []byte) {
		if len(data) > 512 {
			return // every position is tried: keep each input quick
		}
		text := asciiOnly(string(data))
		tc := cases[int(which)%len(cases)]
		agreeAt(t, tc, &byteScratch{}, text, len(text))
	})
}

// A search without memory finds what one with it does, and gives up, for
// the search with memory to take over, where the text offers a pattern
// many ways to fail (`(?:aa|a)*b` over a run of a's) or a match takes more
// steps than its budget (a value thousands of bytes long).
func TestSearchWithoutMemory(t *testing.T) {
	t.Parallel()
	cases := []struct {
		pattern, text string
		gaveUp        bool
	}{
		{`(?P<id>[A-Za-z_]\w*)\s*=\s*"?(?P<secret>[0-9a-f]{32})`, "AMPLITUDE_API_KEY_7 = \"0123456789abcdef0123456789abcdef\"", false},
		{`(?:aa|a)*b`, strings.Repeat("a", 40), true},
		{`(?:aa|a)*b`, strings.Repeat("a", 40) + "b", false},
		{`x(?P<secret>[a-z]+)y`, "x" + strings.Repeat("q", 5000) + "y", true},
		{`x(?P<secret>[a-z]+)y`, "x" + strings.Repeat("q", 500) + "y", false},
	}
	for _, tc := range cases {
		p := newByteProg(tc.pattern)
		if p == nil {
			t.Fatalf("%s: no byte program", tc.pattern)
		}
		text := []byte(tc.text)
		want := shiftMatch(regexp.MustCompile(`\A(?:`+tc.pattern+`)`).FindSubmatchIndex(text), 0)
		sc := &byteScratch{}
		got, done := p.search(sc, text, 0, 0, len(text), nil, false)
		if done == tc.gaveUp {
			t.Errorf("%s on %.20q…: without memory, done %v, want %v", tc.pattern, text, done, !tc.gaveUp)
		}
		if done && !slices.Equal(got, want) {
			t.Errorf("%s on %.20q…: without memory %v, regexp %v", tc.pattern, text, got, want)
		}
		if got := p.matchAt(sc, text, 0, 0, len(text), nil); !slices.Equal(got, want) {
			t.Errorf("%s on %.20q…: matchAt %v, regexp %v", tc.pattern, text, got, want)
		}
	}
}
