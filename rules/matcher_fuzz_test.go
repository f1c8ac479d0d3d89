package rules

import (
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
			if !isHex32(m.Secret) {
				t.Fatalf("Basic gave %q", m.Secret)
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

// mergeRuns gives what a stable sort gives, ties between rules (one value
// seen by several) in the order the rules ran, and gives up (nil) on a
// run out of order.
func TestMergeRunsSortsStably(t *testing.T) {
	t.Parallel()
	r := rand.New(rand.NewPCG(4, 4))
	for round := range 500 {
		s := &scan{}
		for rule := range r.IntN(8) {
			s.runs = append(s.runs, len(s.matches))
			var run []Match
			for range r.IntN(12) {
				run = append(run, Match{RuleID: fmt.Sprint("rule", rule), Secret: fmt.Sprint(r.IntN(3)), Start: r.IntN(10), KeyType: KeyType(fmt.Sprint(r.IntN(100)))})
			}
			slices.SortStableFunc(run, byPlace)
			s.matches = append(s.matches, run...)
		}
		want := slices.Clone(s.matches)
		slices.SortStableFunc(want, byPlace)
		if got := s.mergeRuns(); !slices.Equal(got, want) {
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
			if got := s.mergeRuns(); unsorted != (got == nil) {
				t.Fatalf("round %d: a run out of order: %v; merged: %v", round, unsorted, got != nil)
			}
		}
	}
}
