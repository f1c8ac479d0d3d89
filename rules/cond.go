package rules

import (
	"fmt"
	"slices"
	"strings"
)

// Word conditions, as the catalogue's words.toml writes them: words joined
// by "|" hold when a name has any of them, groups joined by "&" when every
// group holds, "@name" is a named condition, and a list holds when any of
// its conditions does.

// wordConds is a list of word conditions as written (see words.toml); a
// single string is a list of one.
type wordConds []string

func (w *wordConds) UnmarshalTOML(v any) error {
	switch v := v.(type) {
	case string:
		*w = wordConds{v}
	case []any:
		for _, x := range v {
			s, ok := x.(string)
			if !ok {
				return fmt.Errorf("a word condition is a string, not %T", x)
			}
			*w = append(*w, s)
		}
	default:
		return fmt.Errorf("a word condition is a string or a list of strings, not %T", v)
	}
	return nil
}

// cond is a compiled word condition: any of its conjunctions holds.
type cond []conj

// conj holds when each of its groups does; a group holds when the words
// hold one of its words, or one of its named conditions holds.
type conj []group

type group struct {
	words map[string]bool
	refs  []cond
}

func (c cond) holds(words []string) bool {
	for _, cj := range c {
		if cj.holds(words) {
			return true
		}
	}
	return false
}

func (cj conj) holds(words []string) bool {
	for _, g := range cj {
		if !g.holds(words) {
			return false
		}
	}
	return true
}

func (g group) holds(words []string) bool {
	for _, w := range words {
		if g.words[w] {
			return true
		}
	}
	for _, r := range g.refs {
		if r.holds(words) {
			return true
		}
	}
	return false
}

// parseCond compiles conditions such as "org | organization & @credential".
// defs are the named conditions as written, named those compiled so far;
// stack guards against a name that refers to itself.
func parseCond(w wordConds, defs map[string]wordConds, named map[string]cond, stack []string) (cond, error) {
	var c cond
	for _, s := range w {
		var cj conj
		for part := range strings.SplitSeq(s, "&") {
			g := group{words: map[string]bool{}}
			for word := range strings.SplitSeq(part, "|") {
				word = strings.ToLower(strings.TrimSpace(word))
				name, isRef := strings.CutPrefix(word, "@")
				switch {
				case word == "" || strings.ContainsAny(word, " \t"):
					return nil, fmt.Errorf("condition %q: each word between | and & must be one word", s)
				case !isRef:
					g.words[word] = true
					continue
				}
				ref, err := namedCond(name, defs, named, stack)
				if err != nil {
					return nil, fmt.Errorf("condition %q: %w", s, err)
				}
				g.refs = append(g.refs, ref)
			}
			cj = append(cj, g)
		}
		c = append(c, cj)
	}
	return c, nil
}

func namedCond(name string, defs map[string]wordConds, named map[string]cond, stack []string) (cond, error) {
	if c, ok := named[name]; ok {
		return c, nil
	}
	def, ok := defs[name]
	if !ok {
		return nil, fmt.Errorf("@%s is not in [identifiers.conditions]", name)
	}
	for _, s := range stack {
		if s == name {
			return nil, fmt.Errorf("@%s refers to itself", name)
		}
	}
	c, err := parseCond(def, defs, named, append(stack, name))
	if err == nil {
		named[name] = c
	}
	return c, err
}

// required returns words of which a name must hold at least one for the
// condition to hold (an empty list: it never holds), and false when the
// condition can hold without any word in particular. Conditions have no
// negation, so each "|" joins the words of its parts, and each "&" may
// take the words of any one part: pick chooses which.
func (c cond) required(pick func(parts [][]string) []string) ([]string, bool) {
	var all []string
	for _, cj := range c {
		words, ok := cj.required(pick)
		if !ok {
			return nil, false
		}
		all = append(all, words...)
	}
	return all, true
}

func (cj conj) required(pick func(parts [][]string) []string) ([]string, bool) {
	var parts [][]string
	for _, g := range cj {
		if words, ok := g.required(pick); ok {
			parts = append(parts, words)
		}
	}
	if len(parts) == 0 {
		return nil, false
	}
	return pick(parts), true
}

func (g group) required(pick func(parts [][]string) []string) ([]string, bool) {
	var all []string
	for w := range g.words {
		all = append(all, w)
	}
	slices.Sort(all)
	for _, r := range g.refs {
		words, ok := r.required(pick)
		if !ok {
			return nil, false
		}
		all = append(all, words...)
	}
	return all, true
}

// rarestPart picks, of the parts an "&" joins, the one whose words not
// yet covered (holding none of covered) are fewest to look for: none at
// all, else the longest shortest word (the rarest in text), else fewest.
func rarestPart(covered []string) func(parts [][]string) []string {
	uncovered := func(words []string) []string {
		var out []string
		for _, w := range words {
			if !slices.ContainsFunc(covered, func(c string) bool { return strings.Contains(w, c) }) {
				out = append(out, w)
			}
		}
		return out
	}
	return func(parts [][]string) []string {
		best, bestNew := parts[0], uncovered(parts[0])
		for _, p := range parts[1:] {
			n := uncovered(p)
			switch {
			case len(bestNew) == 0:
			case len(n) == 0,
				shortest(n) > shortest(bestNew),
				shortest(n) == shortest(bestNew) && len(n) < len(bestNew):
				best, bestNew = p, n
			}
		}
		return best
	}
}
