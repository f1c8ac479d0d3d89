package rules

import (
	"bytes"
	"fmt"
	"io/fs"
	"math/rand/v2"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
)

// The value gate and the anchor regions only spare work: every input
// must give the same findings as a scan that searches around every
// anchor. The inputs are the catalogue's own examples and negatives, the
// fixture corpora, and dense and minified text.
func TestValueGateLosesNothing(t *testing.T) {
	t.Parallel()
	gated, err := Builtin()
	if err != nil {
		t.Fatal(err)
	}
	everywhere := *gated
	everywhere.everywhere = true
	inputs := fixtureInputs(t, gated)
	found := 0
	for _, in := range inputs {
		want := everywhere.Scan(in.path, in.data)
		got := gated.Scan(in.path, in.data)
		found += len(want)
		if !slices.Equal(got, want) {
			t.Errorf("%s: gated scan found %d, ungated %d:\n got %s\nwant %s", in.name, len(got), len(want), describe(got), describe(want))
		}
	}
	if found < 1000 {
		t.Fatalf("only %d findings over %d inputs: the comparison proves little", found, len(inputs))
	}
	// A start the finder reports where the regexp finds no match is
	// recovered from (the regexp searches instead), so findings alone
	// would not show it.
	if n := startsMissed.Load(); n != 0 {
		t.Errorf("the start finders reported %d starts where the regexp found no match", n)
	}
}

// An input is a file to scan: a name for messages, its path and its bytes.
type input struct {
	name, path string
	data       []byte
}

// fixtureInputs returns the catalogue's own examples and negatives, names
// that give a role only as their one word, dense and minified text, and
// every file of the fixture corpora and blind histories.
func fixtureInputs(t *testing.T, c *Catalogue) []input {
	t.Helper()
	var inputs []input
	r := rand.New(rand.NewPCG(3, 3))
	for _, rule := range c.Rules() {
		for _, ex := range rule.Examples {
			inputs = append(inputs, input{rule.ID + " example", ex.Path, []byte(ExpandExample(ex.Text, r))})
		}
		for _, neg := range rule.NegativeExamples {
			inputs = append(inputs, input{rule.ID + " negative", "", []byte(ExpandExample(neg, r))})
		}
	}
	// Names that give a role only as their one word (user, password),
	// as ids and in fallback lookups, between names that only hold it.
	alone := "import * as amplitude from '@amplitude/analytics-browser';\n"
	for _, line := range []string{`user = "{{hex}}"`, `USERNAME: {{hex}}`, `_user_ = '{{hex}}'`, `const User = "{{hex}}";`,
		`password = "{{hex}}"`, `key = process.env.user || "{{hex}}"`, `x = ENV.fetch("user") || "{{hex}}"`,
		`x = ENV.fetch("user_id") || "{{hex}}"`, `x = ENV.fetch(user) || "{{hex}}"`, `os.Setenv("USER", "{{hex}}")`, `os.Setenv("user_", "{{hex}}")`,
		`user_id = "{{hex}}"`, `userId: "{{hex}}"`, `user.name = "{{hex}}"`, `users = "{{hex}}"`} {
		alone += ExpandExample(line, r) + "\n"
	}
	inputs = append(inputs,
		input{"one-word names", "src/amplitude.py", []byte(alone)},
		input{"dense text", "src/analytics.ts", denseText(256 << 10)},
		input{"long line", "dist/app.min.js", longLine(128 << 10)})
	roots, _ := filepath.Glob("../testdata/corpus*")
	roots = append(roots, "../testdata/history-blind", "../testdata/history-blind2")
	if len(roots) < 10 {
		t.Fatalf("found %d fixture trees under ../testdata, want the corpora", len(roots))
	}
	for _, root := range roots {
		err := filepath.WalkDir(root, func(p string, d fs.DirEntry, err error) error {
			if err != nil || d.IsDir() {
				return err
			}
			data, err := os.ReadFile(p)
			if err != nil {
				return err
			}
			inputs = append(inputs, input{p, p, data})
			return nil
		})
		if err != nil {
			t.Fatal(err)
		}
	}
	return inputs
}

func describe(ms []Match) string {
	var b strings.Builder
	for _, m := range ms {
		fmt.Fprintf(&b, "%s@%d ", m.RuleID, m.Start)
	}
	return b.String()
}

// valueCandidatesByWalk is valueCandidates' plain definition, which the
// skipping form must agree with: it reads every byte, shares nothing with
// tokenRun, and sorts and dedupes its lists at the end.
func valueCandidatesByWalk(data, lower []byte, words [][]byte) (cands, tokens []span) {
	isToken := func(b byte) bool { return byteClass[b]&classToken != 0 }
	for i := 0; i < len(data); {
		if !isToken(data[i]) {
			i++
			continue
		}
		start := i
		for i < len(data) && isToken(data[i]) {
			i++
		}
		run := data[start:i]
		if len(run) < minTokenRun {
			continue
		}
		// Every run of exactly 32 alphanumerics that is lowercase hex or
		// a deployment key's tail.
		for a := 0; a < len(run); {
			if !isAlnum(run[a]) {
				a++
				continue
			}
			b := a
			for b < len(run) && isAlnum(run[b]) {
				b++
			}
			if b-a == 32 && (isHex32(string(run[a:b])) || deploymentAt(data, start+a-7)) {
				v := span{start + a, start + b}
				cands, tokens = append(cands, v), append(tokens, v)
			}
			a = b
		}
		// The whole run, up to 256 bytes with a letter and a digit.
		hasLetter := bytes.ContainsFunc(run, func(r rune) bool { return r < 128 && byteClass[r]&classLetter != 0 })
		hasDigit := bytes.ContainsAny(run, "0123456789")
		if len(run) <= 256 && hasLetter && hasDigit {
			tokens = append(tokens, span{start, i})
			before := lower[max(0, start-credentialWordReach):start]
			if slices.ContainsFunc(words, func(w []byte) bool { return bytes.Contains(before, w) }) {
				cands = append(cands, span{start, i})
			}
		}
	}
	tidy := func(ss []span) []span { return slices.Compact(sortSpans(ss)) }
	return tidy(cands), tidy(tokens)
}

func TestValueCandidatesSkipNothing(t *testing.T) {
	t.Parallel()
	r := rand.New(rand.NewPCG(4, 4))
	wordSets := [][]string{{"key"}, {"key", "nt-", "9a", "z"}}
	pieces := []string{"a", "Z", "0", "f", "3", "-", ".", "=", " ", "\n", "\"", "key=", "0123456789abcdef", "client-", "x9"}
	for round := range 20000 {
		// One round in four is long enough for runs to cross from one 64
		// bytes to the next, as valueCandidates reads them.
		n := r.IntN(60)
		if round%4 == 0 {
			n = r.IntN(400)
		}
		var b strings.Builder
		for range n {
			b.WriteString(pieces[r.IntN(len(pieces))])
		}
		data := []byte(b.String())
		lower := toLower(nil, data)
		var words [][]byte
		for _, w := range wordSets[round%2] {
			words = append(words, []byte(w))
		}
		c, tk := valueCandidates(data, lower, words, nil, nil)
		wc, wtk := valueCandidatesByWalk(data, lower, words)
		if !slices.Equal(c, wc) || !slices.Equal(tk, wtk) {
			t.Fatalf("on %q: candidates %v tokens %v; reading every byte gives %v and %v", data, c, tk, wc, wtk)
		}
	}
}

// union merges two ordered lists of spans; it must cover exactly what
// joining and sorting both would, and value candidates must come out of
// valueCandidates in order (unionOf then has nothing to sort).
func TestUnionMergesAsSortingWould(t *testing.T) {
	t.Parallel()
	r := rand.New(rand.NewPCG(8, 9))
	spans := func() []span {
		out := make([]span, r.IntN(12))
		for i := range out {
			lo := r.IntN(80)
			out[i] = span{lo, lo + 1 + r.IntN(10)}
		}
		return out
	}
	for range 5000 {
		a, b := spans(), spans()
		want := unionOf(append(slices.Clone(a), b...))
		if got := unionOf(a).union(unionOf(b)); !slices.Equal(got, want) {
			t.Fatalf("union of %v and %v = %v, want %v", a, b, got, want)
		}
	}
	c, err := Builtin()
	if err != nil {
		t.Fatal(err)
	}
	text := []byte("key client-M04AwNw5oEhjUmOMthmlhnOxD828FEso token=" + strings.Repeat("0123456789abcdef", 2) + "x9\n" +
		`api_key: "` + strings.Repeat("ab12", 8) + `" secret ` + strings.Repeat("Zz09", 6))
	cands, tokens := valueCandidates(text, toLower(nil, text), c.lex.credentialWords, nil, nil)
	if !slices.IsSortedFunc(cands, compareSpans) || !slices.IsSortedFunc(tokens, compareSpans) {
		t.Errorf("candidates %v or tokens %v out of order", cands, tokens)
	}
}

// The two ways of finding a constant's uses must agree on every input.
func TestUsesBySearchAgreesWithUsesByToken(t *testing.T) {
	t.Parallel()
	r := rand.New(rand.NewPCG(7, 9))
	const alpha = "abK_$ .=\"\n1"
	for n := 0; n < 5000; n++ {
		data := make([]byte, r.IntN(200))
		for i := range data {
			data[i] = alpha[r.IntN(len(alpha))]
		}
		// The names are written in a buffer of their own, some twice.
		written, spans := writeNames(r, r.IntN(searchedNames)+1, 3, "abK_")
		names := nameSet{data: written}
		distinct := map[string]bool{}
		for _, s := range spans {
			names.add(s.lo, s.hi)
			distinct[string(written[s.lo:s.hi])] = true
		}
		if len(names.spans) != len(distinct) {
			t.Fatalf("names %q: the set holds %d, want %d", written, len(names.spans), len(distinct))
		}
		if got, want := usesBySearch(data, &names), usesByToken(data, &names); !slices.Equal(got, want) {
			t.Fatalf("names %q in %q: by search %v, by token %v", written, data, got, want)
		}
	}
}

// nameSet must hold each distinct name once, across its growths, and find
// exactly the names a map of strings would.
func TestNameSetMatchesMap(t *testing.T) {
	t.Parallel()
	r := rand.New(rand.NewPCG(11, 13))
	written, spans := writeNames(r, 5000, 4, "abcK_9")
	set := nameSet{data: written}
	want := map[string]bool{}
	for _, s := range spans[:3000] {
		set.add(s.lo, s.hi)
		want[string(written[s.lo:s.hi])] = true
	}
	if len(set.spans) != len(want) {
		t.Fatalf("%d names held, want %d distinct", len(set.spans), len(want))
	}
	for _, s := range spans { // the last 2,000 were never added, unless written alike
		name := written[s.lo:s.hi]
		if got := set.has(name); got != want[string(name)] {
			t.Fatalf("has(%q) = %v, want %v", name, got, !got)
		}
	}
}

// writeNames writes n random names of 1 to maxLen bytes of alphabet, one
// after another with a blank between, and returns the text and where
// each name stands in it.
func writeNames(r *rand.Rand, n, maxLen int, alphabet string) ([]byte, []span) {
	var written []byte
	var spans []span
	for range n {
		lo := len(written)
		for range 1 + r.IntN(maxLen) {
			written = append(written, alphabet[r.IntN(len(alphabet))])
		}
		spans = append(spans, span{lo, len(written)})
		written = append(written, ' ')
	}
	return written, spans
}

// tokenMask must mark exactly the bytes byteClass calls token bytes:
// every byte value in each place of a block, whole blocks and the last
// short one.
func TestTokenMaskMarksTokenBytes(t *testing.T) {
	t.Parallel()
	r := rand.New(rand.NewPCG(6, 6))
	data := make([]byte, 64*300+37)
	for i := range data {
		data[i] = byte(i / 64) // every value in each place of a block
		if i >= 256*64 {
			data[i] = byte(r.Uint32())
		}
	}
	for at := 0; at < len(data); at += 64 {
		m := tokenMask(data, at)
		for k := range 64 {
			want := at+k < len(data) && byteClass[data[at+k]]&classToken != 0
			if got := m&(1<<k) != 0; got != want {
				t.Fatalf("byte %#x at %d: marked %v, is a token byte %v", data[at+k], at+k, got, want)
			}
		}
	}
	// Every pair of bytes, at every even place of a block (tokenMask reads
	// two bytes at a time), among bytes of both kinds.
	block := []byte(strings.Repeat("a ", 32))
	for pair := range 1 << 16 {
		k := 2 * (pair % 32)
		b := slices.Clone(block)
		b[k], b[k+1] = byte(pair), byte(pair>>8)
		m := tokenMask(b, 0)
		for j := range 64 {
			if want := byteClass[b[j]]&classToken != 0; m&(1<<j) != 0 != want {
				t.Fatalf("bytes %#x %#x at %d: byte %d marked %v, is a token byte %v", b[k], b[k+1], k, j, !want, want)
			}
		}
	}
}

// hasDigitAndLetter must say what the classes of a run's bytes say, for
// runs of every length around a word's eight bytes, of any bytes.
func TestHasDigitAndLetter(t *testing.T) {
	t.Parallel()
	r := rand.New(rand.NewPCG(7, 7))
	// 0xb0 and 0xc1 are a digit and a letter with the top bit set.
	alphabets := [][]byte{[]byte("aZ09_-.x\x80\xff\xb0\xc1 "), []byte("aZx_-.\xb0\xff "), []byte("09_-.\xc1\x80 ")}
	for round := range 50000 {
		alphabet := alphabets[round%3]
		run := make([]byte, r.IntN(40))
		for i := range run {
			run[i] = alphabet[r.IntN(len(alphabet))]
		}
		var flags uint8
		for _, c := range run {
			flags |= byteClass[c]
		}
		want := flags&classDigit != 0 && flags&classLetter != 0
		if got := hasDigitAndLetter(run); got != want {
			t.Fatalf("%q: %v, its bytes' classes say %v", run, got, want)
		}
	}
}
