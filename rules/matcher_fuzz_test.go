package rules

import (
	"cmp"
	"encoding/json"
	"fmt"
	"math/rand/v2"
	"reflect"
	"slices"
	"strings"
	"testing"
)

// FuzzScan runs the whole catalogue over arbitrary bytes and a path. Seeds
// are every rule's examples with freshly generated values (never a
// committed key), as written and as a JSON string (escaped quotes,
// slashes, \u sequences). Invariants: no panic; every match lies inside
// the buffer and carries a value and a key type with a policy; matches are
// sorted; the buffer is left as it was; and the same input scanned again
// gives the same matches (the lower-case buffer is pooled).
func FuzzScan(f *testing.F) {
	cat, err := Builtin()
	if err != nil {
		f.Fatal(err)
	}
	rng := rand.New(rand.NewPCG(10, 10))
	for _, r := range cat.Rules() {
		for _, ex := range r.Examples {
			text := ExpandExample(ex.Text, rng)
			f.Add(ex.Path, []byte(text))
			quoted, _ := json.Marshal(map[string]string{"config": text})
			f.Add("settings.json", quoted)
		}
		for _, neg := range r.NegativeExamples {
			f.Add("", []byte(ExpandExample(neg, rng)))
		}
	}
	f.Add("src/amplitude.ts", []byte("amplitude.init('\\u0030\\\"', {serverZone: \"EU\"})"))
	f.Add("a.yaml", []byte("amplitude:\n  secret_key: |\n    \xff\xfe\x00"))
	f.Fuzz(func(t *testing.T, path string, data []byte) {
		orig := string(data)
		ms := cat.Scan(path, data)
		if string(data) != orig {
			t.Fatal("Scan modified its input")
		}
		for i, m := range ms {
			if m.Start < 0 || m.End > len(data) || m.Start >= m.End {
				t.Fatalf("match %d [%d,%d) outside a buffer of %d bytes", i, m.Start, m.End, len(data))
			}
			if m.Secret == "" || m.RuleID == "" {
				t.Fatalf("match %d has no value or rule: %+v", i, m)
			}
			if _, ok := PolicyFor(m.KeyType); !ok {
				t.Fatalf("match %d: key type %q has no policy", i, m.KeyType)
			}
			if i > 0 && ms[i-1].Start > m.Start {
				t.Fatalf("matches out of order at %d", i)
			}
		}
		again := cat.Scan(path, []byte(orig))
		if !reflect.DeepEqual(ms, again) {
			t.Fatalf("second scan differs:\n%+v\n%+v", ms, again)
		}
	})
}

// FuzzDecodeValue feeds the value decoders (base64, auto, as written) and
// the Basic decoder's first step arbitrary text. Invariants: no panic; a
// value decoded from base64 is credential-shaped and has no trailing line
// end; "as written" returns the text unchanged; every mode gives the
// shape of the value it returns.
func FuzzDecodeValue(f *testing.F) {
	rng := rand.New(rand.NewPCG(11, 11))
	for _, tpl := range []string{"{{b64hex}}", "{{b64token}}", "{{b64server}}", "{{basic}}", "{{hex}}", "{{client}}"} {
		f.Add(ExpandExample(tpl, rng))
	}
	f.Add("YWJjZA==\r\n")
	f.Add("====")
	f.Add("c2VydmVyLQ==")
	f.Fuzz(func(t *testing.T, raw string) {
		if v, sh, ok := decodeValue(raw, ""); !ok || v != raw || sh != ShapeOf(v) {
			t.Fatalf("as written: %q, %v, %v", v, sh, ok)
		}
		if v, sh, ok := decodeValue(raw, "base64"); ok {
			if sh == NoShape || sh != ShapeOf(v) || strings.HasSuffix(v, "\n") || strings.HasSuffix(v, "\r") {
				t.Fatalf("base64 %q decoded to %q (%v)", raw, v, sh)
			}
		}
		if v, sh, ok := decodeValue(raw, "auto"); !ok || (v != raw && sh == NoShape) || sh != ShapeOf(v) {
			t.Fatalf("auto %q decoded to %q, %v, %v", raw, v, sh, ok)
		}
		// A Basic credential through a rule: the scan must survive it.
		s := &scan{data: []byte(raw), lower: []byte(strings.ToLower(raw)), names: &nameMemo{}}
		s.applyBasic(&Rule{ID: "fuzz.basic", KeyType: APIKey, PairKeyType: SecretKey, lex: builtinLexicon()}, raw, 0, len(raw))
		for _, m := range s.matches {
			if !isHex32(m.secret) {
				t.Fatalf("Basic gave %q", m.secret)
			}
		}
	})
}

// FuzzParseConfig reads arbitrary configuration files. Invariants: no
// panic; an allowlist pattern without wildcards allows its own path; rules
// either compile or are refused with an error.
func FuzzParseConfig(f *testing.F) {
	f.Add([]byte("[allowlist]\npaths = [\"testdata/**\", \"*.md\", \"vendor/\"]\nreason = \"fixtures\"\n"))
	f.Add([]byte("[[rule]]\nid = \"x\"\nkey_type = \"amplitude-api-key\"\nanchors = [\"a\"]\npattern = '(?P<secret>[0-9a-f]{32})'\n"))
	f.Add([]byte("[allowlist]\npaths = [\"[\", \"**/**/?\", \"\\\\\"]\n"))
	f.Add([]byte("[[rule]]\npattern = '(?P<secret>'\n"))
	f.Add([]byte("unknown = 1\n"))
	f.Add([]byte("[allowlist\n"))
	f.Fuzz(func(t *testing.T, raw []byte) {
		c, err := ParseConfig(raw)
		if err != nil {
			return
		}
		for i := range c.Allowlist {
			e := &c.Allowlist[i]
			if len(e.Fingerprints) > 0 || len(e.Values) > 0 {
				continue // then a path alone does not match
			}
			for _, p := range e.Paths {
				if !strings.ContainsAny(p, "*?[{\\") && !e.matchPath(p) {
					t.Fatalf("pattern %q does not allow itself", p)
				}
			}
		}
		if len(c.Rules) > 0 && len(c.Rules) < 20 {
			if cat, err := Compile(c.Rules); err == nil {
				cat.Scan("x", raw)
			}
		}
	})
}

// The rules' runs, taken hit by hit with firstOf, give what a stable sort
// gives, ties between rules (one value seen by several) in the order the
// rules ran; runsInOrder gives up (nil) on a run out of order.
func TestMergeRunsSortsStably(t *testing.T) {
	t.Parallel()
	r := rand.New(rand.NewPCG(4, 4))
	for round := range 500 {
		s := &scan{}
		for rule := range r.IntN(8) {
			s.runs = append(s.runs, len(s.matches))
			var run []hit
			rr := &Rule{ID: fmt.Sprint("rule", rule)}
			for range r.IntN(12) {
				run = append(run, hit{rule: rr, secret: fmt.Sprint(r.IntN(3)), start: r.IntN(10), kind: uint32(r.IntN(100))})
			}
			slices.SortStableFunc(run, byPlace)
			s.matches = append(s.matches, run...)
		}
		want := slices.Clone(s.matches)
		slices.SortStableFunc(want, byPlace)
		merged := func() []hit {
			heads := s.runsInOrder()
			if heads == nil {
				return nil
			}
			var out []hit
			for len(heads) > 0 {
				var h hit
				h, heads = firstOf(heads)
				out = append(out, h)
			}
			return out
		}
		if got := merged(); !slices.Equal(got, want) {
			t.Fatalf("round %d: merged\n%v\nwant\n%v", round, got, want)
		}
		if len(s.matches) > 1 {
			i := r.IntN(len(s.matches) - 1)
			s.matches[i], s.matches[i+1] = s.matches[i+1], s.matches[i]
			unsorted := false
			for k, from := range s.runs {
				to := len(s.matches)
				if k+1 < len(s.runs) {
					to = s.runs[k+1]
				}
				unsorted = unsorted || !slices.IsSortedFunc(s.matches[from:to], byPlace)
			}
			if got := s.runsInOrder(); unsorted != (got == nil) {
				t.Fatalf("round %d: a run out of order: %v; merged: %v", round, unsorted, got != nil)
			}
		}
	}
}

// result gives what it gave when a scan listed whole Matches: the same
// matches, in order of place, the strictest key type of each value at each
// place and the first exposure given, for key types the catalogue declares
// and others, public prefixes and client code.
func TestResultAsListOfMatches(t *testing.T) {
	t.Parallel()
	lx := builtinLexicon()
	kinds := []KeyType{APIKey, SecretKey, "team-pass-key", "", "team-other-key"}
	for _, p := range lx.types {
		kinds = append(kinds, p.KeyType)
	}
	names := []string{"", "AMPLITUDE_API_KEY", "NEXT_PUBLIC_AMPLITUDE_API_KEY", "VITE_AMP_KEY", "public_key", "REACT_APP_X"}
	rules := []*Rule{{ID: "a"}, {ID: "b", Client: true}, {ID: "c"}}
	// plain is how result read a list of Matches before hits.
	plain := func(ms []Match) []Match {
		slices.SortStableFunc(ms, func(a, b Match) int {
			return cmp.Or(cmp.Compare(a.Start, b.Start), strings.Compare(a.Secret, b.Secret))
		})
		var out []Match
		for _, m := range ms {
			if n := len(out); n > 0 && out[n-1].Start == m.Start && out[n-1].Secret == m.Secret {
				if lx.stricter(out[n-1].KeyType, m.KeyType) != out[n-1].KeyType {
					out[n-1].KeyType, out[n-1].RuleID = m.KeyType, m.RuleID
				}
				if out[n-1].Exposure == "" {
					out[n-1].Exposure = m.Exposure
				}
				continue
			}
			out = append(out, m)
		}
		return out
	}
	r := rand.New(rand.NewPCG(8, 9))
	exposed := map[string]bool{}
	for round := range 400 {
		s := &scan{lex: lx, names: &nameMemo{}, clientPath: r.IntN(4) == 0}
		var want []Match
		for _, rule := range rules {
			s.runs = append(s.runs, len(s.matches))
			at := 0
			for range r.IntN(20) {
				at += r.IntN(3) // each rule adds in order of place, as scans do
				kt, id := kinds[r.IntN(len(kinds))], names[r.IntN(len(names))]
				secret := fmt.Sprint("v", r.IntN(3))
				s.add(rule, kt, secret, at, at+5, id)
				exposure := ""
				if p := lx.prefixExposure(id); p != noExposure {
					exposure = lx.exposures[p]
				} else if rule.Client || s.clientPath {
					exposure = "client-side code"
				}
				exposed[exposure] = true
				want = append(want, Match{RuleID: rule.ID, KeyType: kt, Secret: secret, Start: at, End: at + 5, Exposure: exposure})
			}
		}
		// Every other round appends to a list that holds a match already,
		// as AppendScan does to a reused one.
		var dst []Match
		if round%2 == 1 {
			dst = []Match{{RuleID: "earlier", Secret: "v0", Start: 99}}
			want = append(slices.Clone(dst), plain(want)...)
		} else {
			want = plain(want)
		}
		if got := s.result(dst); !slices.Equal(got, want) {
			t.Fatalf("round %d:\n got %v\nwant %v", round, got, want)
		}
	}
	for _, e := range []string{"", "client-side code", "public-bundle prefix NEXT_PUBLIC_", "public-bundle prefix VITE_", "public-bundle prefix REACT_APP_"} {
		if !exposed[e] {
			t.Errorf("no match had the exposure %q: the test does not reach it", e)
		}
	}
}

// TestPlacedBeforeAsByPlace checks the merge's comparison against the
// order a sort gives, on every pair of a grid of hits.
func TestPlacedBeforeAsByPlace(t *testing.T) {
	t.Parallel()
	var all []hit
	for start := range 3 {
		for _, secret := range []string{"", "a", "ab", "b"} {
			all = append(all, hit{start: start, end: start + len(secret), secret: secret})
		}
	}
	for i := range all {
		for j := range all {
			a, b := all[i], all[j]
			if got, want := placedBefore(&a, &b), byPlace(a, b) < 0; got != want {
				t.Errorf("placedBefore(%+v, %+v) = %v, byPlace says %v", a, b, got, want)
			}
		}
	}
}
