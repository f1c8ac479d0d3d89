package rules

import (
	"bytes"
	"math/rand/v2"
	"slices"
	"strings"
	"testing"
)

// next must answer as bytes.Index over the stretch asked would, whether
// it searches the stretch, has indexed the literal alone, or has indexed
// every literal at once: the questions below start cheap and grow until
// every path has answered.
func TestNextAgreesWithSearch(t *testing.T) {
	t.Parallel()
	words := []string{"a", "ab", "aba", "ba", "b", "abab", "ca", "c a", "key", "ey"}
	r := rand.New(rand.NewPCG(3, 4))
	paths := map[string]int{}
	// One table for every round, so that rounds reuse the pooled
	// occurrences of the ones before.
	var tab literalTable
	ids := tab.idsOf(words)
	tab.index()
	for round := range 200 {
		text := randomText(r, "abck ey")
		s := &scan{lower: text, literals: &tab, found: tab.occurrences()}
		for q := range 300 {
			id := ids[r.IntN(len(ids))]
			w := tab.words[id]
			// Short stretches first, so that searching them stays under
			// the budget for a while; then anything.
			from := r.IntN(len(text) + 1)
			limit := from + r.IntN(min(len(text), 4+q/10)+1)
			if round%3 == 0 {
				limit = r.IntN(len(text) + 2)
			}
			want := -1
			if end := min(len(text), limit+len(w)-1); from < end {
				if i := bytes.Index(text[from:end], w); i >= 0 {
					want = from + i
				}
			}
			path := "searched"
			if s.occ[id].indexed {
				path = "indexed"
			}
			if got := s.next(id, from, limit); got != want {
				t.Fatalf("round %d: next(%q, %d, %d) over %q = %d, want %d (%s)", round, w, from, limit, text, got, want, path)
			}
			if s.occ[id].indexed && len(w) == 1 {
				path = "indexed alone"
			}
			paths[path]++
		}
		for id, o := range s.occ {
			if !o.indexed {
				continue
			}
			var all []int
			for i := range text {
				if bytes.HasPrefix(text[i:], tab.words[id]) {
					all = append(all, i)
				}
			}
			if !slices.Equal(o.at, all) {
				t.Fatalf("round %d: %q indexed at %v, stands at %v", round, tab.words[id], o.at, all)
			}
		}
		tab.done(s.found)
	}
	for _, p := range []string{"searched", "indexed", "indexed alone"} {
		if paths[p] == 0 {
			t.Errorf("no question was answered by the %s path: %v", p, paths)
		}
	}
}

// indexAll must find every place each literal starts, as bytes.HasPrefix
// at every offset would: literals that share a head and begin with one
// another, literals longer than the eight bytes compared at once (and
// than the sixteen of the two words compared), places in the last eight
// or sixteen bytes of the text, and literals already indexed alone
// (whose places indexAll must neither add again nor need for the longer
// literals that begin with them).
func TestIndexAllFindsEveryPlace(t *testing.T) {
	t.Parallel()
	words := []string{"amp", "ampli", "amplitude", "amplitude_api_key", "amplitude_api_ke", "amplitude_apix",
		"amplitude ", "ampx", "amplitudes", "key", "key=", "key_", "api", "api_key", "api_key_x", "ab\tc", "abc"}
	r := rand.New(rand.NewPCG(5, 6))
	var tab literalTable
	ids := tab.idsOf(words)
	tab.index()
	for round := range 300 {
		var b []byte
		for b = nil; len(b) < 20+r.IntN(200); {
			if r.IntN(3) == 0 {
				b = append(b, "amp_ x=k"[r.IntN(8)])
			} else {
				w := words[r.IntN(len(words))]
				b = append(b, w[:1+r.IntN(len(w))]...) // whole or cut short
			}
		}
		s := &scan{lower: b, literals: &tab, found: tab.occurrences()}
		every := func(w []byte) []int {
			var at []int
			for i := range b {
				if bytes.HasPrefix(b[i:], w) {
					at = append(at, i)
				}
			}
			return at
		}
		// Some rounds index a shorter literal alone first.
		alone := -1
		if round%2 == 0 {
			alone = ids[r.IntN(len(ids))]
			s.occ[alone] = occurrences{indexed: true, at: every(tab.words[alone])}
		}
		s.indexAll()
		for _, id := range ids {
			if got, want := s.occ[id].at, every(tab.words[id]); !slices.Equal(got, want) {
				t.Fatalf("round %d (%q indexed alone: %v): %q indexed at %v, stands at %v in %q",
					round, words[max(alone, 0)], alone >= 0, tab.words[id], got, want, b)
			}
		}
		tab.done(s.found)
	}
}

// indexAll reads words past the text's end (paddedText): a literal the
// bytes after it would complete must not be found there, whether those
// bytes are in the text's capacity or the padding toLower leaves, and a
// literal that holds a zero byte is compared whole.
func TestIndexAllStopsAtTheTextsEnd(t *testing.T) {
	t.Parallel()
	words := []string{"amplitude", "amplitude_api_key", "amp\x00x", "key", "key\x00"}
	var tab literalTable
	ids := tab.idsOf(words)
	tab.index()
	for _, tc := range []struct {
		buf  string
		n    int
		want []int // places, by word
	}{
		{"xxamplitude", 9, nil},               // "ampli" ends the text, "tude" lies past it
		{"amplitude_api_key=1", 16, []int{0}}, // "amplitude" stands; the long one is cut
		{"amp\x00xkey", 5, []int{0}},          // "amp\x00x" stands, "key" lies past the end
		{"amp\x00xkey", 8, []int{0, 5}},       // "key\x00" would need the padding's zero
		{"xkey\x00", 4, []int{1}},             // the same, with a zero in the capacity
		{"xkey\x00", 5, []int{1, 1}},          // both stand
	} {
		// Bytes that are not zero lie in the text's capacity past its end.
		text := []byte(tc.buf + strings.Repeat("e", textPad))[:tc.n]
		for _, lowered := range []bool{false, true} {
			if lowered {
				text = toLower(nil, []byte(tc.buf[:tc.n]))
			}
			s := &scan{lower: text, literals: &tab, found: tab.occurrences()}
			s.indexAll()
			var got []int
			for _, id := range ids {
				got = append(got, s.occ[id].at...)
			}
			slices.Sort(got)
			if !slices.Equal(got, tc.want) {
				t.Errorf("%q cut at %d (lowered %v): literals at %v, want %v", tc.buf, tc.n, lowered, got, tc.want)
			}
			tab.done(s.found)
		}
	}
}

// holdsSet and lacksSet must answer as reading the stretch for each of
// the set's words would, whether the words are searched one by one or
// their places have been merged, and after a word was left out of a set
// for holding another.
func TestHoldsSetAgreesWithSearch(t *testing.T) {
	t.Parallel()
	sets := [][]string{
		{"key", "key ", "key\t", "ke"},
		{"abc", "ab", "cab", "bca", "ack", "eyk"},
		{"ey k", "zz", "k\tb", "cc", "a a"},
		{"zz", "qq"},
		{"b"},
		nil,
	}
	r := rand.New(rand.NewPCG(8, 9))
	var tab literalTable
	ids := make([]int, len(sets))
	for i, set := range sets {
		ids[i] = tab.setOf(set)
	}
	tab.index()
	if ids[0] != tab.setOf([]string{"ke", "key"}) {
		t.Fatalf("the set %q is not the set of its shortest word", sets[0])
	}
	paths := map[string]int{}
	for round := range 200 {
		text := randomText(r, "abck ey\t")
		s := &scan{lower: text, literals: &tab, found: tab.occurrences()}
		for q := range 300 {
			i := r.IntN(len(sets))
			lo := r.IntN(len(text) + 1)
			hi := lo + r.IntN(min(len(text), 4+q/10)+1)
			if round%3 == 0 {
				lo, hi = r.IntN(len(text)+1), r.IntN(len(text)+2)
			}
			hi = min(hi, len(text))
			want := len(sets[i]) == 0
			for _, w := range sets[i] {
				want = want || lo < hi && bytes.Contains(text[lo:hi], []byte(w))
			}
			path := "searched"
			if ids[i] != noSet && s.sets[ids[i]].merged {
				path = "merged"
			}
			if got := s.holdsSet(ids[i], lo, hi); got != want {
				t.Fatalf("round %d: holdsSet(%q, %d, %d) over %q = %v, want %v (%s)", round, sets[i], lo, hi, text, got, want, path)
			}
			paths[path]++
			if s.lacksSet(ids[i]) {
				for _, w := range sets[i] {
					if bytes.Contains(text, []byte(w)) {
						t.Fatalf("round %d: lacksSet(%q) over %q, which holds %q", round, sets[i], text, w)
					}
				}
				paths["lacks"]++
			}
		}
		tab.done(s.found)
	}
	for _, p := range []string{"searched", "merged", "lacks"} {
		if paths[p] == 0 {
			t.Errorf("no question was answered by the %s path: %v", p, paths)
		}
	}
}

// seek must answer as a binary search over the whole list, whatever its
// last answer was: forward by a little or a lot, or back to the start;
// and stillAt must say when the last answer is the answer.
func TestSeekAgreesWithBinarySearch(t *testing.T) {
	t.Parallel()
	r := rand.New(rand.NewPCG(5, 6))
	for range 2000 {
		at := make([]int, r.IntN(40))
		for i := range at {
			at[i] = r.IntN(100)
		}
		slices.Sort(at)
		at = slices.Compact(at)
		last := 0
		for range 30 {
			from := r.IntN(110)
			want, _ := slices.BinarySearch(at, from)
			if got := seek(at, last, from); got != want {
				t.Fatalf("seek(%v, %d, %d) = %d, want %d", at, last, from, got, want)
			}
			if still := stillAt(at, last, from); still != (last == want) {
				t.Fatalf("stillAt(%v, %d, %d) = %v, the answer is %d", at, last, from, still, want)
			}
			last = want
			if r.IntN(5) == 0 {
				last = r.IntN(len(at) + 1) // a stale answer, from some other question
			}
		}
	}
}

// randomText returns 50 to 449 bytes drawn from alphabet: few enough
// letters that the literals asked about stand in it again and again.
func randomText(r *rand.Rand, alphabet string) []byte {
	text := make([]byte, 50+r.IntN(400))
	for i := range text {
		text[i] = alphabet[r.IntN(len(alphabet))]
	}
	return text
}

// A rule is passed over (lacksAny) only where it cannot match: never on
// one of its own examples, indexed whole, and always on text that holds
// none of its anchors.
func TestLacksAnyKeepsEveryExample(t *testing.T) {
	t.Parallel()
	c, err := Builtin()
	if err != nil {
		t.Fatal(err)
	}
	r := rand.New(rand.NewPCG(5, 6))
	indexed := func(text string) *scan {
		data := []byte(text)
		s := &scan{data: data, lower: toLower(nil, data), literals: &c.literals, found: c.literals.occurrences()}
		s.indexAll()
		return s
	}
	byAnchors := 0
	for _, rule := range c.rules {
		for _, ex := range rule.Examples {
			s := indexed(ExpandExample(ex.Text, r))
			if s.lacksAny(rule) {
				t.Errorf("%s is passed over on its own example %q", rule.ID, ex.Text)
			}
			c.literals.done(s.found)
		}
		if rule.AnchorValues || len(rule.anchorIDs) == 0 {
			continue
		}
		// An example stripped of every anchor of its rule.
		text := strings.ToLower(ExpandExample(rule.Examples[0].Text, r))
		for _, a := range rule.Anchors {
			text = strings.ReplaceAll(text, strings.ToLower(a), " ")
		}
		s := indexed(text)
		if s.indexed(rule.anchorIDs) {
			if !s.lacksAny(rule) {
				t.Errorf("%s is not passed over on %q, which holds none of its anchors %q", rule.ID, text, rule.Anchors)
			}
			byAnchors++
		}
		c.literals.done(s.found)
	}
	if byAnchors == 0 {
		t.Error("no rule was passed over for lacking its anchors")
	}
}

// A literal asked about in many small windows is indexed alone once the
// calls have cost what reading the input would, if the searches found it
// seldom; one they found every few bytes would cost a call at each of
// those places to index, and stays searched window by window.
func TestSearchesGiveWayToAnIndex(t *testing.T) {
	t.Parallel()
	var tab literalTable
	ids := tab.idsOf([]string{"||", ","})
	tab.index()
	rare, common := ids[0], ids[1]
	// 64 KiB of short lines: "||" in one line of 64, "," in every line.
	var b strings.Builder
	for i := 0; b.Len() < 64<<10; i++ {
		b.WriteString("x = a,b,c,d,e")
		if i%64 == 0 {
			b.WriteString(" || f")
		}
		b.WriteString(";\n")
	}
	text := []byte(b.String())
	s := &scan{lower: text, literals: &tab, found: tab.occurrences()}
	defer tab.done(s.found)
	// Windows of 16 bytes, each asked about once, in order.
	asked := 0
	for from := 0; from+16 <= len(text) && !s.occ[rare].indexed; from += 16 {
		s.next(rare, from, from+16)
		asked++
	}
	if !s.occ[rare].indexed {
		t.Fatalf("%q not indexed after %d windows of 16 bytes", "||", asked)
	}
	// Its searches read less than the input: the calls were charged.
	if read := 16 * asked; read >= len(text)/2 {
		t.Errorf("%q indexed only after its searches read %d of %d bytes", "||", read, len(text))
	}
	for from := 0; from+16 <= len(text); from += 16 {
		if got, want := s.next(common, from, from+16), bytes.IndexByte(text[from:from+16], ','); (want < 0) != (got < 0) || want >= 0 && got != from+want {
			t.Fatalf("next(%q, %d) = %d, want %d", ",", from, got, from+want)
		}
	}
	if s.occ[common].indexed {
		t.Errorf("%q, found in every window, was indexed: a call for each of its %d places", ",", bytes.Count(text, []byte(",")))
	}
}

// searchKnown must answer as a search of the stretch would, however its
// questions come: forward, as a rule asks about its windows, again from
// the start, as the next rule does, and anywhere, over stretches it
// kept and stretches it did not.
func TestSearchKnownAgreesWithSearch(t *testing.T) {
	t.Parallel()
	r := rand.New(rand.NewPCG(14, 15))
	words := []string{"key", "amplitude", "ke", "x"}
	var tab literalTable
	ids := tab.idsOf(words)
	tab.index()
	for round := range 300 {
		var b []byte
		for len(b) < 100+r.IntN(3000) {
			if r.IntN(40) == 0 {
				b = append(b, words[r.IntN(len(words))]...)
			} else {
				b = append(b, "abcdefghijklmnopqrstuvwxyz ky\n"[r.IntN(30)])
			}
		}
		// Every other round as in indexed text, where nothing is kept.
		s := &scan{lower: b, literals: &tab, found: tab.occurrences(), indexedAll: round%2 == 1}
		for q := range 200 {
			id := ids[r.IntN(len(ids))]
			w := tab.words[id]
			var from int
			switch {
			case q%50 < 25: // forward, in windows
				from = q % 25 * len(b) / 25
			default:
				from = r.IntN(len(b))
			}
			last := min(len(b)-len(w), from+r.IntN(400))
			want := -1
			if last >= from {
				if i := bytes.Index(b[from:last+len(w)], w); i >= 0 {
					want = from + i
				}
			}
			if got := s.searchKnown(id, &s.occ[id], from, last); got != want {
				t.Fatalf("round %d, question %d: %q from %d to %d: %d, a search finds %d", round, q, w, from, last, got, want)
			}
		}
		tab.done(s.found)
	}
}
