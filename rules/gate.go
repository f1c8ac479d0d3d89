package rules

import (
	"bytes"
	"fmt"
	"strings"
)

// The byte gate runs on the raw bytes of every file before anything else:
// most source never names Amplitude and stops here. Each rule has its own
// gate, from its data:
//
//   - gate = [...] in the rule, or the catalogue's [defaults] gate for the
//     built-in rules that declare none;
//   - else its file_keywords, else its anchors (case-insensitive): a rule
//     can only match near one of them, so they never starve it;
//   - else (anchor_values alone) no gate: the rule sees every file.
//
// A declared needle is one of:
//
//	text        the text as written or in upper case, the first letter's
//	            case free: serverZone, ServerZone, SERVERZONE
//	^text       the same, starting a word (a camelCase boundary counts):
//	            ^ampli passes Amplitude and getAmplitude, not SAMPLING
//	{{client}}  a client- deployment key; {{server}} a server- one
//	a & b       every part must occur somewhere in the input
//
// The gate passes when any needle (or &-group) occurs.

// needle is one declared or derived needle.
type needle struct {
	key       string   // canonical text: equal needles are searched once per input
	id        int      // index in the catalogue's needles
	forms     [][]byte // as written and in upper case, first letter either case
	rare      int      // offset of the rarest byte: forms are searched from it
	wordStart bool
	prefix    string // a deployment-key shape: "client" or "server"
	fold      []byte // a derived needle: lowercase, searched in lowered text
}

// gate is a compiled gate: it passes when every needle of one of its
// groups occurs. A gate with no groups always passes.
type gate struct {
	key    string // canonical text, so that rules sharing a gate share its answer
	groups [][]*needle
	fold   bool // some needle needs the lowercased text
}

// parseGate compiles declared needles.
func parseGate(specs []string) (*gate, error) {
	g := &gate{key: "declared:" + strings.Join(specs, "\x00")}
	for _, spec := range specs {
		var group []*needle
		for part := range strings.SplitSeq(spec, "&") {
			n, err := parseNeedle(strings.TrimSpace(part))
			if err != nil {
				return nil, fmt.Errorf("needle %q: %w", spec, err)
			}
			group = append(group, n)
		}
		g.groups = append(g.groups, group)
	}
	return g, nil
}

func parseNeedle(s string) (*needle, error) {
	switch s {
	case "{{client}}", "{{server}}":
		return &needle{key: s, prefix: s[2:8]}, nil
	}
	n := &needle{key: s}
	if strings.HasPrefix(s, "^") {
		n.wordStart, s = true, s[1:]
	}
	if len(s) < 2 {
		return nil, fmt.Errorf("too short: a needle needs at least two characters")
	}
	for _, f := range []string{s, strings.ToUpper(s)} {
		for _, g := range []string{f, flipFirst(f)} {
			if !containsForm(n.forms, g) {
				n.forms = append(n.forms, []byte(g))
			}
		}
	}
	n.rare = rarestByte(s)
	return n, nil
}

func flipFirst(s string) string {
	if c := s[0]; isLetterByte(c) {
		return string(c^0x20) + s[1:]
	}
	return s
}

// byteRarity orders bytes from common to rare in source text, roughly:
// searching from a rare byte skips most of the input (Go's bytes.Index
// scans for the first byte of what it is given).
const byteRarity = " etaoinsrlcdhupmfgywbv.\"(),;:=-/kxjq_zETAOINSRLCDHUPMFGYWBVKXJQZ"

func rarestByte(s string) int {
	best, bestRank := 0, -1
	for i := 0; i < len(s); i++ {
		rank := strings.IndexByte(byteRarity, s[i])
		if rank < 0 {
			rank = len(byteRarity) // anything unlisted is rarer still
		}
		if rank >= bestRank {
			best, bestRank = i, rank
		}
	}
	return best
}

func containsForm(forms [][]byte, f string) bool {
	for _, x := range forms {
		if string(x) == f {
			return true
		}
	}
	return false
}

// derivedGate gates a rule that declares no needles by the words it must
// find anyway: its file keywords, else its anchors.
func derivedGate(r *Rule) *gate {
	words := r.FileKeywords
	if len(words) == 0 && !r.AnchorValues {
		words = r.Anchors
	}
	g := &gate{key: "derived:" + strings.Join(words, "\x00")}
	for _, w := range words {
		w = strings.ToLower(w)
		g.groups = append(g.groups, []*needle{{key: "fold:" + w, fold: []byte(w)}})
		g.fold = true
	}
	return g
}

// pass reports whether the gate lets the input through. lower is the
// lowercased input, computed only when a derived needle asks for it; memo
// holds what each of the catalogue's needles answered so far (0 unknown,
// 1 found, 2 not found).
func (g *gate) pass(data []byte, lower func() []byte, memo []int8) bool {
	if len(g.groups) == 0 {
		return true
	}
	for _, group := range g.groups {
		all := true
		for _, n := range group {
			if memo[n.id] == 0 {
				memo[n.id] = 2
				if n.in(data, lower) {
					memo[n.id] = 1
				}
			}
			if memo[n.id] != 1 {
				all = false
				break
			}
		}
		if all {
			return true
		}
	}
	return false
}

func (n *needle) in(data []byte, lower func() []byte) bool {
	switch {
	case n.fold != nil:
		return bytes.Contains(lower(), n.fold)
	case n.prefix != "":
		return hasDeploymentKeyWith(data, n.prefix)
	}
	// Forms that agree from the rare byte on share one search.
	for k, form := range n.forms {
		rest := form[n.rare:]
		if sharedRest(n.forms[:k], rest, n.rare) {
			continue
		}
		for from := n.rare; from < len(data); {
			i := bytes.Index(data[from:], rest)
			if i < 0 {
				break
			}
			at := from + i - n.rare
			if n.formAt(data, at, rest) {
				return true
			}
			from += i + 1
		}
	}
	return false
}

func sharedRest(forms [][]byte, rest []byte, rare int) bool {
	for _, f := range forms {
		if bytes.Equal(f[rare:], rest) {
			return true
		}
	}
	return false
}

// formAt reports whether a form ending in rest stands at data[at:].
func (n *needle) formAt(data []byte, at int, rest []byte) bool {
	for _, f := range n.forms {
		if bytes.Equal(f[n.rare:], rest) && bytes.Equal(data[at:at+n.rare], f[:n.rare]) &&
			(!n.wordStart || startsWord(data, at)) {
			return true
		}
	}
	return false
}

func isLetterByte(c byte) bool { return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' }

// startsWord reports whether the letter at p starts a word: an upper-case
// letter not after another (getAmplitude, AMPLI_TOKEN, not SAMPLING), a
// lower-case one after no letter at all (not sampling).
func startsWord(data []byte, p int) bool {
	prev := byte(0)
	if p > 0 {
		prev = data[p-1]
	}
	if c := data[p]; c >= 'A' && c <= 'Z' {
		return !(prev >= 'A' && prev <= 'Z')
	}
	return !isLetterByte(prev)
}

// hasDeploymentKeyWith reports whether data holds a deployment key with
// the given prefix ("client" or "server"), searched from the dash.
func hasDeploymentKeyWith(data []byte, prefix string) bool {
	for from := 6; from < len(data); {
		i := bytes.IndexByte(data[from:], '-')
		if i < 0 {
			return false
		}
		dash := from + i
		if string(data[dash-6:dash]) == prefix && deploymentAt(data, dash-6) {
			return true
		}
		from = dash + 1
	}
	return false
}
