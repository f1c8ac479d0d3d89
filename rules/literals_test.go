package rules

import (
	"bytes"
	"math/rand/v2"
	"regexp"
	"regexp/syntax"
	"slices"
	"strings"
	"testing"
)

// The literal shortcuts may only skip text the pattern cannot match: for
// each pattern, random texts built from pieces that do and do not spell
// its literals must give the same matches with and without them.
func TestLiteralShortcuts(t *testing.T) {
	t.Parallel()
	cases := []struct {
		pattern string
		members []string // one string of each required set, in order
		lean    bool     // has a lean form
		pieces  []string // what texts are made of
	}{
		{`(?:\bampli\s+[a-z]+\b[^\n]*?|ampli_args=\()(?:--token[=\s]+|\s-t\s+)(?P<secret>[a-z0-9]+)`,
			[]string{"ampli ", " -t "}, false, []string{"ampli pull ", "AMPLI_ARGS=(", " --token ", "--token=", " -t ", "\t-t\n", "-t", "web ", "0123abcd", "\n", "ampli"}},
		{`(?P<id>[a-z_]+)\s*=\s*(?:(?P<via>[^\n;]*?)(?:\s*\?\?|\s*\|\||\s+or\s))?["']?(?P<secret>[0-9a-f]{8})`,
			nil, true, []string{"key", " = ", "=", "'", "??", "||", " or ", "|", "?", "or", "0123abcd", "\n", ";", "env.k"}},
		{`(?i)api[ _]?key\s*:\s*(?P<secret>\w+)`, []string{"api", "\u212aey"}, false, []string{"API", "api", "_", " ", "KEY", "key", ":", " : ", "x1", "\n"}},
		// (?i)s also matches U+017F and (?i)k U+212A: the sets spell both.
		{`(?i)secret\s*=\s*(?P<secret>\w+)`, []string{"\u017fecret"}, false, []string{"\u017fecret", "secret", "SECRET", "=", " = ", "x1", "\n"}},
		{`(?i)kEY=(?P<secret>\w+)`, []string{"\u212aey="}, false, []string{"\u212aey", "key", "KEY", "=", "x1", "\n"}},
		{`(?i)sksk=(?P<secret>\w+)`, nil, false, []string{"\u017f", "s", "S", "\u212a", "k", "=", "x1"}}, // 16 spellings: too many
		{`(?:cdn(?:\.eu)?\.example\.com/|cfg(?:\.eu)?\.example\.com/)(?P<secret>[0-9a-f]{8})`,
			[]string{".example.com/"}, true, []string{"cdn", "cfg", ".eu", ".example.com/", "0123abcd", "/"}},
		{`x(?P<secret>[0-9]+)(?:(?P<tail>zz)yy)*`, nil, true, []string{"x", "zz", "yy", "12", "9", "z"}},
		{`(?:AB|ab)+(?P<secret>[0-9]{2})`, []string{"ab"}, false, []string{"ab", "AB", "aB", "12", "9"}},
	}
	r := rand.New(rand.NewPCG(5, 5))
	for _, tc := range cases {
		pieces := tc.pieces
		full := regexp.MustCompile(tc.pattern)
		sets := requiredSets(tc.pattern)
		var got [][]string
		for _, s := range sets {
			got = append(got, strings.Split(strings.TrimSuffix(string(s), "\x00"), "\x00"))
		}
		ok := len(got) == len(tc.members)
		for i := 0; ok && i < len(got); i++ {
			ok = slices.Contains(got[i], tc.members[i])
		}
		if !ok {
			t.Errorf("%s: required sets %q, want one holding each of %q", tc.pattern, got, tc.members)
		}
		lean, when := leanPattern(tc.pattern)
		if (lean != nil) != tc.lean {
			t.Errorf("%s: lean form %v, want one: %v", tc.pattern, lean, tc.lean)
		}
		matched, leanUsed := 0, 0
		for range 20000 {
			var b strings.Builder
			for range 1 + r.IntN(8) {
				b.WriteString(pieces[r.IntN(len(pieces))])
			}
			text := []byte(b.String())
			lower := toLower(nil, text)
			want := full.FindAllSubmatchIndex(text, -1)
			if want != nil {
				matched++
				if !holdsAll(lower, sets) {
					t.Fatalf("%s: %q matches but lacks a required literal", tc.pattern, text)
				}
			}
			if lean != nil && lacksAll(lower, when) {
				leanUsed++
				if got := lean.FindAllSubmatchIndex(text, -1); !slices.EqualFunc(got, want, slices.Equal) {
					t.Fatalf("%s: on %q the lean form gives %v, the full %v", tc.pattern, text, got, want)
				}
			}
		}
		if matched < 20 || lean != nil && leanUsed < 20 {
			t.Errorf("%s: %d texts matched, %d used the lean form: too few to show anything", tc.pattern, matched, leanUsed)
		}
	}
}

// A pattern tried only at its start literals must find, from any
// position, the match a search from there finds; a pattern that may begin
// with an assertion, or with something no literal spells, gets no start
// literals.
func TestStartLiterals(t *testing.T) {
	t.Parallel()
	cases := []struct {
		pattern string
		starts  []string
		pieces  []string
	}{
		{`(?i:amplitude[A-Za-z0-9_]*|amp)\s*\.\s*(?:init|initAll)\(\s*(?:"(?P<secret>[0-9a-f]{4})"|(?P<ref>[A-Za-z_]\w*)\s*[,)])`,
			[]string{"amp"}, []string{"amplitude", "AMPLITUDE", "Amp", "amp", "_x", ".", " ", "init(", "initAll(", `"`, "0a1b", "key", ",", ")", "\n", "xamp",
				"amp.init(", "Amplitude_x . initAll(", `"0a1b"`, "key)"}},
		{`(?:Configuration\s*\(\s*|(?:initWithApiKey|[aA]piKey)\s*:\s*)"?(?P<secret>[0-9a-f]{4})`,
			[]string{"apikey", "configuration", "initwithapikey"}, []string{"Configuration", "configuration", "(", "initWithApiKey", "apiKey", "ApiKey", "APIKEY", ":", " ", `"`, "0a1b", "z"}},
		{`(?:<td|<th)[^>]*>\s*(?P<secret>[0-9a-f]{4})\s*</t[dh]>(?:\s*<td>(?P<more>\w+)</td>)?`,
			[]string{"<td", "<th"}, []string{"<td", "<th", "<TD", ">", " ", "0a1b", "</td>", "</th>", "<td>", "x1", "\n"}},
		// A start literal that overlaps itself: a failed try must not skip
		// the next place it stands, one byte on.
		{`aaa(?P<secret>\d)b`, []string{"aaa"}, []string{"a", "aa", "1", "b", "ab"}},
		{`\bamp\.init\((?P<secret>\w+)\)`, nil, nil},
		{`(?:^|[^.\w])init\((?P<secret>\w+)\)`, nil, nil},
		{`[A-Za-z_$][\w$]*\.init\((?P<secret>\w+)\)`, nil, nil},
		{`(?:ab|x)y(?P<secret>\w+)`, nil, nil}, // "xy" is too short to be worth jumping to
	}
	r := rand.New(rand.NewPCG(9, 9))
	for _, tc := range cases {
		got := startLiterals(tc.pattern)
		slices.Sort(got)
		if !slices.Equal(got, tc.starts) {
			t.Errorf("%s: start literals %q, want %q", tc.pattern, got, tc.starts)
		}
		if got == nil {
			continue
		}
		full := regexp.MustCompile(tc.pattern)
		rule := &Rule{atRe: anchoredAt(tc.pattern)}
		for _, s := range got {
			rule.starts = append(rule.starts, []byte(s))
		}
		matched := 0
		for range 20000 {
			var b strings.Builder
			for range 1 + r.IntN(10) {
				b.WriteString(tc.pieces[r.IntN(len(tc.pieces))])
			}
			text := []byte(b.String())
			s := &scan{data: text, lower: toLower(nil, text), nextStart: make([]int, len(rule.starts))}
			for i := range s.nextStart {
				s.nextStart[i] = -1
			}
			// Resume the way runRule does after a rejected match: one
			// byte on from its start.
			for pos := 0; pos < len(text); {
				want := full.FindSubmatchIndex(text[pos:])
				for i := range want {
					if want[i] >= 0 {
						want[i] += pos
					}
				}
				m := s.findAnchored(rule, rule.atRe, pos, len(text))
				if !slices.Equal(m, want) {
					t.Fatalf("%s: on %q from %d, tried at its starts %v, searched %v", tc.pattern, text, pos, m, want)
				}
				if m == nil {
					break
				}
				matched++
				pos = m[0] + 1
			}
		}
		if matched < 20 {
			t.Errorf("%s: %d matches: too few to show anything", tc.pattern, matched)
		}
	}
}

// holdsAll reports whether lower holds at least one string of every set:
// what the packed sets mean, read plainly (a scan asks holdsEvery, by
// literal id).
func holdsAll(lower []byte, sets [][]byte) bool {
	for _, set := range sets {
		found := false
		for rest := set; len(rest) > 0 && !found; {
			i := bytes.IndexByte(rest, 0)
			found = bytes.Contains(lower, rest[:i])
			rest = rest[i+1:]
		}
		if !found {
			return false
		}
	}
	return true
}

// lacksAll reports whether lower holds no string of any of the sets.
func lacksAll(lower []byte, sets [][]byte) bool {
	for _, set := range sets {
		if holdsAll(lower, [][]byte{set}) {
			return false
		}
	}
	return true
}

// A window is passed over when it lacks a literal its pattern needs right
// before a word boundary: every text a pattern matches must hold one, and
// endsWords must say so from the literals' places exactly as reading the
// window plainly does, found window by window or indexed.
func TestWordEndLiterals(t *testing.T) {
	t.Parallel()
	const hex = "0123456789abcdef0123456789abcdef"
	near := `(?i:(?P<id>\b(?:[a-z]+[ _-])?(?:api[ _-]?key|secret[ _-]?key|key)))\b(?:,?[ \t]+(?:[A-Za-z0-9.,/-]+|\([A-Za-z0-9 \t.,/-]{0,30}\))){0,6}?[ \t]*(?:\(|:)?[ \t]*["'\x60]?(?P<secret>[0-9a-f]{32})\b`
	cases := []struct {
		pattern string
		sets    [][]string // sorted
		pieces  []string
	}{
		{near, [][]string{{"key", "\u212aey"}}, []string{"api key", "API_KEY", "key", "Key", "\u212aey", "KEY_", "keys", " ", ": ", "(", hex, "\n", "secret ", "_1", "'"}},
		{`(?i)\b(?:api|secret)[ _]?token\b\s*=\s*(?P<secret>\w+)`, [][]string{{"token", "to\u212aen"}}, []string{"api", "secret", "_", " ", "token", "TOKEN", "to\u212aen", "tokens", "=", " = ", "x1", "\n"}},
		{`(?:^|\W)(?:sk|pk)_live\b(?P<secret>\w*)`, [][]string{{"_live"}}, []string{"sk_live", "pk_live", "_live", "live", "x", " ", "_", "-", "1"}},
		{`(?:key\b)?=(?P<secret>\w+)`, nil, nil},    // the word may be left out
		{`(?:foo\b|bar)=(?P<secret>\w+)`, nil, nil}, // only one branch needs it
		{`ke(?:y|-)\b=(?P<secret>\w+)`, nil, nil},   // one byte, and "-" is no word's end
		{`key\B_(?P<secret>\w+)`, nil, nil},         // not a word boundary
		{`(?i)desk\b(?P<secret>\w+)`, nil, nil},     // the Kelvin sign, which ends no word, spells its k
		{`(?i)\bapi key\b\s*(?P<secret>\w+)`, [][]string{{"api key", "api \u212aey"}}, nil},
	}
	r := rand.New(rand.NewPCG(11, 3))
	for _, tc := range cases {
		got := wordEndSets(tc.pattern)
		for _, s := range got {
			slices.Sort(s)
		}
		if !slices.EqualFunc(got, tc.sets, slices.Equal) {
			t.Errorf("%s: word-end sets %q, want %q", tc.pattern, got, tc.sets)
		}
		if tc.pieces == nil {
			continue
		}
		var table literalTable
		var sets [][]int
		for _, s := range got {
			sets = append(sets, table.idsOf(s))
		}
		table.index()
		full := regexp.MustCompile(tc.pattern)
		matched, refused := 0, 0
		for i := range 20000 {
			var b strings.Builder
			for range 1 + r.IntN(10) {
				b.WriteString(tc.pieces[r.IntN(len(tc.pieces))])
			}
			text := []byte(b.String())
			lower := toLower(nil, text)
			s := &scan{data: text, lower: lower, literals: &table, found: table.occurrences()}
			if i%2 == 0 {
				s.indexAll()
			}
			for range 4 {
				lo := r.IntN(len(text) + 1)
				hi := lo + r.IntN(len(text)-lo+1)
				want := plainEndsWords(lower, got, lo, hi)
				if s.endsWords(sets, lo, hi) != want {
					t.Fatalf("%s: on %q[%d:%d] endsWords says %v, reading it says %v", tc.pattern, text, lo, hi, !want, want)
				}
				if full.Match(text[lo:hi]) {
					matched++
					if !want {
						t.Fatalf("%s: %q matches but holds no word-end literal", tc.pattern, text[lo:hi])
					}
				} else if !want && holdsAll(lower[lo:hi], packSets(got)) {
					refused++ // the literal is there, but not ending a word
				}
			}
			table.done(s.found)
		}
		if matched < 20 || refused < 20 {
			t.Errorf("%s: %d windows matched, %d were refused for want of a word's end: too few to show anything", tc.pattern, matched, refused)
		}
	}
}

// plainEndsWords is what endsWords means, read from the text.
func plainEndsWords(lower []byte, sets [][]string, lo, hi int) bool {
	for _, set := range sets {
		found := false
		for _, w := range set {
			for p := lo; p+len(w) <= hi && !found; p++ {
				if string(lower[p:p+len(w)]) == w && (p+len(w) == hi || !syntax.IsWordChar(rune(lower[p+len(w)]))) {
					found = true
				}
			}
		}
		if !found {
			return false
		}
	}
	return true
}

func packSets(sets [][]string) [][]byte {
	var out [][]byte
	for _, s := range sets {
		out = append(out, joinSet(s))
	}
	return out
}

// leadLiterals finds the literal a match must hold near its start, and
// how far in, or nothing when the part before it has no bound.
func TestLeadLiterals(t *testing.T) {
	t.Parallel()
	cases := []struct {
		pattern string
		lits    []string
		lead    int
	}{
		{`(?:^|[^A-Za-z0-9_-])(?P<secret>(?:client|server)-[A-Za-z0-9]{4})`, []string{"client", "server"}, 1},
		{`\bamp\.init\((?P<secret>\w+)\)`, []string{"amp.init("}, 0},
		{`(?:amp\.)?init\((?P<secret>\w+)\)`, []string{"init("}, 4},
		{`[a-z]{2,3}_(?:key|token)=(?P<secret>\w+)`, []string{"key", "token"}, 4}, // "_" alone is too short
		{`(?i)x?Bearer\s+(?P<secret>\w+)`, []string{"bearer"}, 1},
		{`\w+client-(?P<secret>\w+)`, nil, 0},         // no bound before it
		{`(?:abc){0,3}init\((?P<secret>\w+)`, nil, 0}, // nine bytes in: too far
		{`(?:ab|x)y(?P<secret>\w+)`, nil, 0},          // "xy" is too short
		{`(?:client|[a-z])-(?P<secret>\w+)`, nil, 0},  // one branch holds no literal
	}
	for _, tc := range cases {
		lits, lead := leadLiterals(tc.pattern)
		slices.Sort(lits)
		if !slices.Equal(lits, tc.lits) || lead != tc.lead {
			t.Errorf("%s: lead literals %q at most %d bytes in, want %q at most %d", tc.pattern, lits, lead, tc.lits, tc.lead)
		}
	}
}

// A rule tried only where its lead literals stand must find, from every
// position of a window, the match the regexp finds searching from there,
// with the same groups, for every rule that has lead literals, on every
// example, near miss and dense template, as written and edited.
func TestLeadsAgreeWithRegexp(t *testing.T) {
	t.Parallel()
	c, err := Builtin()
	if err != nil {
		t.Fatal(err)
	}
	rng := rand.New(rand.NewPCG(23, 24))
	all := withEdits(rng, ruleTexts(c, rng), 2)
	withLeads, matched := 0, 0
	for _, r := range c.rules {
		if len(r.leadIDs) == 0 {
			continue
		}
		withLeads++
		progs := []struct {
			re *regexp.Regexp
			bp *byteProg
		}{{r.re, r.byteRe}}
		if r.lean != nil {
			progs = append(progs, struct {
				re *regexp.Regexp
				bp *byteProg
			}{r.lean, r.byteLean})
		}
		for _, text := range all {
			s := &scan{data: text, lower: toLower(nil, text), literals: &c.literals, found: c.literals.occurrences(), bytes: &byteScratch{}}
			if rng.IntN(2) == 0 {
				s.indexAll()
			}
			lo := rng.IntN(len(text)/4 + 1)
			hi := len(text) - rng.IntN(len(text)/4+1)
			if hi < lo {
				lo, hi = hi, lo
			}
			for _, p := range progs {
				s.resetLeads(len(r.leadIDs))
				// From every position in turn, as runRule moves on (up to
				// 60 of them), where a lead literal stands; else from the
				// window's start.
				last := lo
				if slices.ContainsFunc(r.leads, func(l string) bool { return bytes.Contains(s.lower[lo:hi], []byte(l)) }) {
					last = min(hi, lo+60)
				}
				for pos := lo; pos <= last; pos++ {
					want := shiftMatch(p.re.FindSubmatchIndex(text[pos:hi]), pos)
					got := s.matchFromLeads(r, p.bp, span{lo, hi}, pos)
					if !slices.Equal(got, want) {
						t.Fatalf("%s on %q[%d:%d] from %d: tried at its leads %v, searched %v", r.ID, text, lo, hi, pos, got, want)
					}
					if want != nil {
						matched++
					}
				}
			}
			c.literals.done(s.found)
		}
	}
	if withLeads < 5 || matched < 1000 {
		t.Errorf("%d rules have lead literals, %d matches compared: too few to show anything", withLeads, matched)
	}
}
