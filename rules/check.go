package rules

import (
	"encoding/base64"
	"errors"
	"fmt"
	"math/rand/v2"
	"slices"
	"strings"
)

// Example templates. Rule examples never hold a literal credential: each
// {{…}} is replaced by a freshly generated value, so the catalogue itself
// never trips a scanner (ours or anyone's).
//
//	{{hex}}      32 lowercase hex (API, secret and org keys)
//	{{client}}   client- deployment key      {{server}}  server- deployment key
//	{{token}}    an opaque token (management key, Data token, SCIM key)
//	{{basic}}    base64 of {{hex}}:{{hex}}   (an HTTP Basic credential)
//	{{b64hex}}   base64 of {{hex}}           {{b64token}} base64 of {{token}}
//	{{b64server}} base64 of {{server}}
var templateGenerators = map[string]func(r *rand.Rand) string{
	"hex":       genHex,
	"client":    func(r *rand.Rand) string { return "client-" + genAlnum(r, 32) },
	"server":    func(r *rand.Rand) string { return "server-" + genAlnum(r, 32) },
	"token":     genToken,
	"basic":     func(r *rand.Rand) string { return b64(genHex(r) + ":" + genHex(r)) },
	"b64hex":    func(r *rand.Rand) string { return b64(genHex(r)) },
	"b64token":  func(r *rand.Rand) string { return b64(genToken(r)) },
	"b64server": func(r *rand.Rand) string { return b64("server-" + genAlnum(r, 32)) },
}

func b64(s string) string { return base64.StdEncoding.EncodeToString([]byte(s)) }

func genHex(r *rand.Rand) string {
	const digits = "0123456789abcdef"
	for {
		b := make([]byte, 32)
		for i := range b {
			b[i] = digits[r.IntN(16)]
		}
		if Plausible(string(b), Hex32) {
			return string(b)
		}
	}
}

func genAlnum(r *rand.Rand, n int) string {
	const chars = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789"
	for {
		b := make([]byte, n)
		for i := range b {
			b[i] = chars[r.IntN(len(chars))]
		}
		if classCount(string(b)) == 3 {
			return string(b)
		}
	}
}

func genToken(r *rand.Rand) string {
	for {
		t := genAlnum(r, 24+r.IntN(24))
		if Plausible(t, Opaque) {
			return t
		}
	}
}

// ExpandExample replaces every template in text with a generated value.
func ExpandExample(text string, r *rand.Rand) string {
	var b strings.Builder
	for {
		i := strings.Index(text, "{{")
		if i < 0 {
			b.WriteString(text)
			return b.String()
		}
		j := strings.Index(text[i:], "}}")
		if j < 0 {
			b.WriteString(text)
			return b.String()
		}
		name := text[i+2 : i+j]
		gen, ok := templateGenerators[name]
		b.WriteString(text[:i])
		if ok {
			b.WriteString(gen(r))
		} else {
			b.WriteString(text[i : i+j+2])
		}
		text = text[i+j+2:]
	}
}

// CheckRule runs one rule's examples against the whole catalogue: each
// positive example must yield exactly its listed key types (and the rule
// itself must match it), each negative example nothing at all.
func (c *Catalogue) CheckRule(r *Rule, seed uint64) error {
	rnd := rand.New(rand.NewPCG(seed, uint64(len(r.ID))))
	var errs []error
	only := &Catalogue{rules: []*Rule{r}, gates: c.gates, needles: c.needles, literals: c.literals, lex: c.lex}
	for i, ex := range r.Examples {
		text := ExpandExample(ex.Text, rnd)
		got := keyTypes(c.Scan(ex.Path, []byte(text)))
		want := slices.Clone(ex.KeyTypes)
		slices.Sort(got)
		slices.Sort(want)
		if !slices.Equal(got, want) {
			errs = append(errs, fmt.Errorf("field examples: example %d %q: want %v, got %v (the key_types must list what the whole catalogue reports in it)", i+1, ex.Text, ex.KeyTypes, got))
		}
		if len(only.Scan(ex.Path, []byte(text))) == 0 {
			errs = append(errs, fmt.Errorf("field examples: example %d %q: this rule does not match it (check its pattern, and that an anchor stands within its lines)", i+1, ex.Text))
		}
	}
	for i, neg := range r.NegativeExamples {
		text := ExpandExample(neg, rnd)
		if got := c.Scan("", []byte(text)); len(got) > 0 {
			errs = append(errs, fmt.Errorf("field negative_examples: negative example %d %q: want nothing, got %v", i+1, neg, keyTypes(got)))
		}
	}
	return errors.Join(errs...)
}

func keyTypes(ms []Match) []KeyType {
	out := make([]KeyType, len(ms))
	for i, m := range ms {
		out[i] = m.KeyType
	}
	return out
}
