package rules

import (
	"bytes"
	"math/rand/v2"
	"slices"
	"strings"
	"testing"
)

// Every name that gives a value a role must hold one of roleWords, or
// scans would pass over text that holds a finding (see roleNamesOf).
// Names are built from every word the conditions know, with fillers, in
// the spellings code uses.
func TestRoleWordsHoldEveryRoleName(t *testing.T) {
	t.Parallel()
	lx := builtinLexicon()
	words, alone, ok := lx.roleWords()
	if !ok || len(alone) == 0 {
		t.Fatalf("the built-in lexicon gives role words %q and %q, %v", words, alone, ok)
	}
	vocab := []string{"api", "my", "app", "id", "client", "v2", "x", "public", "next", "value", "_", "__"}
	for _, r := range lx.identRoles {
		vocab = append(vocab, condWords(r.when)...)
	}
	vocab = append(vocab, condWords(lx.tokenNeeds)...)
	for w := range lx.tokenWords {
		vocab = append(vocab, w)
	}
	slices.Sort(vocab)
	vocab = slices.Compact(vocab)
	spell := []func([]string) string{
		func(p []string) string { return strings.ToUpper(strings.Join(p, "_")) },
		func(p []string) string { return strings.Join(p, "") },
		func(p []string) string { return strings.Join(p, "-") },
		func(p []string) string {
			out := p[0]
			for _, w := range p[1:] {
				out += strings.ToUpper(w[:1]) + w[1:]
			}
			return out
		},
	}
	r := rand.New(rand.NewPCG(12, 13))
	roles := 0
	check := func(parts []string) {
		for _, sp := range spell {
			name := sp(parts)
			if lx.roleOfIdentifier(name) == "" && !lx.genericTokenName(name) {
				continue
			}
			roles++
			lower := strings.ToLower(name)
			if slices.ContainsFunc(words, func(w string) bool { return strings.Contains(lower, w) }) {
				continue
			}
			if w := identWords(name); len(w) != 1 || !slices.Contains(alone, w[0]) {
				t.Fatalf("%s has a role but holds none of %q, and is not one of %q alone", name, words, alone)
			}
		}
	}
	for _, a := range vocab {
		check([]string{a})
		for _, b := range vocab {
			check([]string{a, b})
		}
	}
	for range 20000 {
		parts := make([]string, 3+r.IntN(2))
		for i := range parts {
			parts[i] = vocab[r.IntN(len(vocab))]
		}
		check(parts)
	}
	if roles < 1000 {
		t.Fatalf("only %d names with a role: the check proves little", roles)
	}
}

// condWords lists every word a condition names, through its references.
func condWords(c cond) []string {
	var out []string
	for _, cj := range c {
		for _, g := range cj {
			for w := range g.words {
				out = append(out, w)
			}
			for _, ref := range g.refs {
				out = append(out, condWords(ref)...)
			}
		}
	}
	return out
}

// required takes every word of a "|" and one part of an "&", through
// references; a condition that needs no word in particular has none.
func TestCondRequired(t *testing.T) {
	t.Parallel()
	defs := map[string]wordConds{"credential": {"key | token"}}
	for _, tc := range []struct {
		cond []string
		want []string // nil: none
	}{
		{[]string{"scim"}, []string{"scim"}},
		{[]string{"org | organization & secret | private"}, []string{"private", "secret"}},
		{[]string{"deployment & @credential", "deploymentkey"}, []string{"deployment", "deploymentkey"}},
		{[]string{"mgmt & @credential"}, []string{"mgmt"}},
		{[]string{"a | @credential"}, []string{"a", "key", "token"}},
	} {
		c, err := parseCond(tc.cond, defs, map[string]cond{}, nil)
		if err != nil {
			t.Fatal(err)
		}
		got, ok := c.required(rarestPart(nil))
		slices.Sort(got)
		if !ok || !slices.Equal(got, tc.want) {
			t.Errorf("%q: required %q, %v; want %q", tc.cond, got, ok, tc.want)
		}
	}
	if _, ok := (cond{conj{}}).required(rarestPart(nil)); ok {
		t.Error("a conjunction of no parts always holds, so it needs no word")
	}
}

func TestGroupNeverEmpty(t *testing.T) {
	t.Parallel()
	for _, tc := range []struct {
		pattern string
		want    bool
	}{
		{`(?P<id>[A-Za-z_][A-Za-z0-9_]*)\s*=`, true},
		{`(?P<id>[a-z]*)=`, false},
		{`(?P<id>a|)x`, false},
		{`(?:(?P<id>k)|(?P<id_alt>\b))v`, false},
		{`(?P<id>x{2})`, true},
		{`(?P<id>x{0,2})`, false},
		{`(?P<id>a)?b`, true},
		{`(?P<secret>[a-f0-9]{32})`, false},
	} {
		if got := groupNeverEmpty(tc.pattern, "id"); got != tc.want {
			t.Errorf("%s: groupNeverEmpty = %v, want %v", tc.pattern, got, tc.want)
		}
	}
}

// groupBounds gives what an id may hold and what may follow it, in both
// cases, and refuses a capture a match may end with.
func TestGroupBounds(t *testing.T) {
	t.Parallel()
	for _, tc := range []struct {
		pattern        string
		inside, follow string // every byte listed must be in the set, and no other of "aZ_.-=:( \"'1"
		ok             bool
	}{
		{`(?P<id>[A-Za-z_][A-Za-z0-9_.\-]*)\\?["']?[ \t]*(?:=|:)`, "aZ_.-1", `= :"'` + "\\", true},
		{`(?P<id>[a-z]+)x?y*(?:z|\()`, "aZ", "Z(", true},        // x, y and z, in both cases
		{`(?:(?P<id>key)|(?P<id_alt>tok))\s*=`, "", "= ", true}, // k, e, y, t, o
		{`(?P<id>[a-z]+)(?:,(?P<id_alt>[a-z]+))*:`, "aZ", ",:", true},
		{`(?P<id>[a-z]+)`, "", "", false},
		{`(?P<id>[a-z]+)=?`, "", "", false},
		{`x`, "", "", false},
	} {
		inside, follow, ok := groupBounds(tc.pattern, "id")
		if ok != tc.ok {
			t.Errorf("%s: ok = %v, want %v", tc.pattern, ok, tc.ok)
			continue
		}
		if !ok {
			continue
		}
		for _, b := range []byte("aZ_.-=:( \"'1") {
			if inside[b] != (strings.IndexByte(tc.inside, b) >= 0) {
				t.Errorf("%s: inside[%q] = %v", tc.pattern, b, inside[b])
			}
			if follow[b] != (strings.IndexByte(tc.follow, b) >= 0) {
				t.Errorf("%s: follow[%q] = %v", tc.pattern, b, follow[b])
			}
		}
	}
}

// identWords splits a name at underscores and other punctuation and where
// its case changes, and lowers each word.
func TestIdentWords(t *testing.T) {
	t.Parallel()
	for id, want := range map[string][]string{
		"AMPLITUDE_API_KEY_123": {"amplitude", "api", "key", "123"},
		"amplitudeApiKey":       {"amplitude", "api", "key"},
		"APIKey":                {"api", "key"},
		"kAmplitudeSecretKey":   {"k", "amplitude", "secret", "key"},
		"key2EU":                {"key2", "eu"},
		"next-public.AMP_key":   {"next", "public", "amp", "key"},
		"__":                    nil,
		"ampli\u00e9Token":      {"ampli", "token"},
	} {
		if got := identWords(id); !slices.Equal(got, want) {
			t.Errorf("identWords(%q) = %q, want %q", id, got, want)
		}
	}
}

// trimBlanks trims what bytes.TrimLeft(b, " \t") trims, and no other space.
func TestTrimBlanks(t *testing.T) {
	for _, in := range []string{"", " ", "\t\t", "  a b ", "\t x", "x  ", " \r\n", "\u00a0 a", " \f x"} {
		if got, want := string(trimBlanks([]byte(in))), string(bytes.TrimLeft([]byte(in), " \t")); got != want {
			t.Errorf("trimBlanks(%q) = %q, want %q", in, got, want)
		}
	}
}

// Where a roleNames' alone words are indexed, mayName answers from the
// places each ends a name, found once in the whole text (aloneNames);
// the answer for every stretch must be the one reading the stretch gives:
// each place the word stands in it, and whether what follows it up to the
// stretch's end ends a name (endsNameIn, the rule as plainly written).
// The rules of the catalogue with alone words give the bytes a name
// holds and ends with, one of them with a fallback lookup.
func TestAloneNamesAgreeWithReading(t *testing.T) {
	t.Parallel()
	c, err := Builtin()
	if err != nil {
		t.Fatal(err)
	}
	var names []*roleNames
	via := false
	for _, r := range c.rules {
		if r.names != nil && len(r.names.alone) > 0 {
			n := *r.names
			n.words = noSet // the other half of mayName, not asked here
			names = append(names, &n)
			via = via || n.via
		}
	}
	if len(names) == 0 || !via {
		t.Fatalf("%d rules with alone words, one with a fallback lookup: %v", len(names), via)
	}
	pieces := []string{"user", "username", "password", "_", "__", ".", "-", " ", "=", ":", "\"", "'", "a", "7", "\n", "(", ")", "||"}
	r := rand.New(rand.NewPCG(9, 9))
	for round := range 200 {
		var b []byte
		for len(b) < 10+r.IntN(60) {
			b = append(b, pieces[r.IntN(len(pieces))]...)
		}
		s := &scan{data: b, lower: b, literals: &c.literals, found: c.literals.occurrences()}
		s.indexAll()
		for _, n := range names {
			if s.aloneNamesOf(n) == nil {
				t.Fatal("alone words not indexed after indexAll")
			}
			for lo := 0; lo <= len(b); lo++ {
				for hi := lo; hi <= len(b); hi++ {
					want := false
					for _, id := range n.alone {
						w := c.literals.words[id]
						for p := lo; p+len(w) <= hi && !want; p++ {
							want = bytes.HasPrefix(b[p:], w) && endsNameIn(n, b[p+len(w):hi])
						}
					}
					if got := s.mayName(n, lo, hi); got != want {
						t.Fatalf("round %d: mayName(%q) = %v, reading it: %v (via %v)", round, b[lo:hi], got, want, n.via)
					}
				}
			}
		}
		c.literals.done(s.found)
	}
}

// endsNameIn is what endsNameAt answers for text cut where rest ends,
// read forward once: a byte that may follow the id before any byte an id
// may not hold or any letter or digit, or, for a fallback lookup, a byte
// past the underscores that is no letter, digit or underscore.
func endsNameIn(n *roleNames, rest []byte) bool {
	for _, b := range rest {
		if n.follow[b] {
			return true
		}
		if !n.inside[b] || isAlnum(b) {
			break
		}
	}
	if n.via {
		i := 0
		for i < len(rest) && rest[i] == '_' {
			i++
		}
		return i < len(rest) && !isAlnum(rest[i]) && rest[i] != '_'
	}
	return false
}
