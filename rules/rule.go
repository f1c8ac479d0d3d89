package rules

import (
	"embed"
	"errors"
	"fmt"
	"io/fs"
	"regexp"
	"runtime"
	"sort"
	"strings"
	"sync"

	"github.com/BurntSushi/toml"
	"github.com/sourcegraph/conc/pool"
)

// Rule is one credential shape, as data. See catalogue/*.toml.
type Rule struct {
	ID          string  `toml:"id"`
	Description string  `toml:"description"`
	KeyType     KeyType `toml:"key_type"`
	// Classify says where the key type comes from:
	//   fixed      - KeyType as given (the value's shape can still refine it);
	//   identifier - the words of the name in the "id" group;
	//   host       - the nearest Amplitude API host;
	//   pair       - "secret" is KeyType, "secret2" is PairKeyType.
	Classify    string  `toml:"classify"`
	PairKeyType KeyType `toml:"pair_key_type"`
	// FileKeywords gate the rule: it runs only on input holding one of them
	// anywhere (case-insensitive). Optional.
	FileKeywords []string `toml:"file_keywords"`
	// Gate holds the needles of the byte gate in front of the rule (see
	// gate.go for their syntax). Optional: without it a built-in rule takes
	// the catalogue's [defaults] gate, and any other rule its
	// file_keywords, else its anchors.
	Gate []string `toml:"gate"`
	// Keywords gate each window: the rule runs only on windows holding one
	// of them (case-insensitive). Optional; cheap, and most windows fail it.
	Keywords []string `toml:"keywords"`
	// Anchors say where to look: the rule runs only on the lines around an
	// occurrence of one of them (case-insensitive), or, with AnchorValues,
	// around credential-shaped values. One of the two is required.
	Anchors      []string `toml:"anchors"`
	AnchorValues bool     `toml:"anchor_values"`
	// Lines widens the window by this many lines either way, for shapes
	// that span lines (a YAML name: on one line, value: on the next).
	Lines int `toml:"lines"`
	// Pattern is RE2. Named groups: secret (the value), or ref (a name to
	// resolve to a constant in the same input); id (identifier); secret2
	// and ref2 for the second half of a pair.
	Pattern string `toml:"pattern"`
	// Decode: "" (as written), "base64" (the value is base64 of a key),
	// "auto" (as written, else base64), "basic" (base64 of API:SECRET).
	Decode string `toml:"decode"`
	// Context "amplitude" demands that the nearest vendor named around the
	// match is Amplitude; Window is how many lines either way to look.
	Context string `toml:"context"`
	Window  int    `toml:"window"`
	// Client marks shapes that only occur in browser or mobile code: a
	// private key found here ships to every user.
	Client           bool      `toml:"client"`
	Examples         []Example `toml:"examples"`
	NegativeExamples []string  `toml:"negative_examples"`

	re *regexp.Regexp
	// required are literals the pattern cannot match without (see
	// requiredSets): a window lacking them is not searched.
	required [][]byte
	// wordEnds are sets of literals the pattern cannot match without one
	// of them ending a word (see wordEndSets); wordEndIDs, their ids.
	wordEnds   [][]string
	wordEndIDs [][]int
	// lean is the pattern without its optional parts that need literals
	// of their own, used on windows lacking all of leanWhenLacking (see
	// leanPattern); nil when there are none.
	lean            *regexp.Regexp
	leanWhenLacking [][]byte
	// atRe and atLean are the pattern and its lean form anchored at the
	// start of their input.
	atRe, atLean *regexp.Regexp
	// finder says where matches begin in a window (see startFinder), and
	// byteRe and byteLean (the pattern and its lean form) take the groups
	// of each match there (see byteProg); all nil if any failed to build.
	finder           *startFinder
	byteRe, byteLean *byteProg
	// starts are the literals every match begins with (startLiterals);
	// where there are any, a window the finder cannot read (it holds a
	// byte of 0x80 or above) is tried anchored at each of them instead
	// of searched.
	starts [][]byte
	// leads are literals every match holds at most lead bytes after its
	// start, in ASCII text (leadLiterals); leadIDs, their ids. Where
	// there are any, a window the byteProg can read is tried at the
	// places they could lead, not read through by the finder.
	leads   []string
	lead    int
	leadIDs []int
	// The ids, in the catalogue's literal table, of Anchors, and of the
	// sets Keywords, FileKeywords, required and leanWhenLacking (see
	// numberLiterals).
	anchorIDs                  []int
	keywordSet, fileKeywordSet int
	requiredSets, leanSets     []int
	// names: what a name must hold to give a value of this rule a role
	// (see roleNamesOf); nil when the rule's findings need no such name.
	names   *roleNames
	lex     *lexicon // the catalogue's key types and words
	g       *gate
	gateIdx int // index of the rule's gate in its catalogue's gates
	// groups maps a group's base name (id, secret, ref, …) to the indexes
	// of it and its alternates (id_alt, id_alt2: RE2 alternatives cannot
	// share a name), built once at compile time.
	groups map[string][]int
	// byGroup is groups for the names matching asks for, by number: it
	// asks several times a match, and a map looked up by string each time
	// was 3% of the instructions of a scan of a .env of keys.
	byGroup [groupNames][]int
}

// A groupName is a group matching asks for by name.
type groupName uint8

const (
	gSecret groupName = iota
	gRef
	gID
	gVia
	gSecret2
	gRef2
	groupNames
)

var groupNameOf = [groupNames]string{"secret", "ref", "id", "via", "secret2", "ref2"}

// Example is a positive example: text that must yield findings of the
// listed key types (in order of position). Templates such as {{hex}} are
// replaced with generated values before use; see ExpandExample.
type Example struct {
	Text     string    `toml:"text"`
	KeyTypes []KeyType `toml:"key_types"`
	Path     string    `toml:"path"`
}

// catalogueFile is one file of a catalogue. Any file may hold any section.
type catalogueFile struct {
	Rules []Rule `toml:"rule"`
	// Defaults apply to the built-in rules that leave a field unset.
	Defaults struct {
		Gate []string `toml:"gate"`
	} `toml:"defaults"`
	Roles       []rawRole       `toml:"role"`
	KeyTypes    []rawKeyType    `toml:"key_type"`
	Hosts       []rawHost       `toml:"host"`
	Identifiers *rawIdentifiers `toml:"identifiers"`
	Vendors     *rawVendors     `toml:"vendors"`
	Mentions    *rawMentions    `toml:"mentions"`
	Values      *rawValues      `toml:"values"`
	Paths       *rawPaths       `toml:"paths"`
}

//go:embed catalogue/*.toml
var catalogueFS embed.FS

// Catalogue is a compiled, validated set of rules, with the key types,
// roles, hosts and words they are interpreted by.
type Catalogue struct {
	rules   []*Rule
	gates   []*gate // distinct gates; rules share them by gateIdx
	needles int     // distinct needles over all gates
	// literals numbers the literals rules look for in windows.
	literals literalTable
	lex      *lexicon
	// everywhere turns off every shortcut of Scan: the value gate (rules
	// search around every anchor whether or not a value is near), the
	// literals a window must hold (requiredSets) and the lean patterns.
	// They only save time; a test compares the two to show that they
	// lose nothing.
	everywhere bool
}

// Rules returns the rules in catalogue order.
func (c *Catalogue) Rules() []*Rule { return c.rules }

// Builtin loads the embedded catalogue.
func Builtin() (*Catalogue, error) {
	return loadFS(catalogueFS, "catalogue")
}

// builtinLexicon is the embedded catalogue's key types and words, read
// once. The embedded data is checked by every test run; if it did not
// compile, no scan could be right, so that is a panic.
var builtinLexicon = sync.OnceValue(func() *lexicon {
	_, _, d, err := readCatalogue(catalogueFS, "catalogue")
	if err != nil {
		panic(fmt.Sprintf("rules: the embedded catalogue: %v", err))
	}
	lx, err := compileLexicon(d)
	if err != nil {
		panic(fmt.Sprintf("rules: the embedded catalogue: %v", err))
	}
	return lx
})

// loadFS loads the catalogue in the *.toml files of dir, read in name order.
func loadFS(fsys fs.FS, dir string) (*Catalogue, error) {
	all, defaultGate, d, err := readCatalogue(fsys, dir)
	if err != nil {
		return nil, err
	}
	lx, err := compileLexicon(d)
	if err != nil {
		return nil, err
	}
	for i := range all {
		if len(all[i].Gate) == 0 {
			all[i].Gate = defaultGate
		}
	}
	return compileWith(all, lx)
}

func readCatalogue(fsys fs.FS, dir string) ([]Rule, []string, lexiconData, error) {
	var d lexiconData
	entries, err := fs.ReadDir(fsys, dir)
	if err != nil {
		return nil, nil, d, err
	}
	var all []Rule
	var defaultGate []string
	for _, e := range entries {
		if !strings.HasSuffix(e.Name(), ".toml") {
			continue
		}
		raw, err := fs.ReadFile(fsys, dir+"/"+e.Name())
		if err != nil {
			return nil, nil, d, err
		}
		var f catalogueFile
		if err := decodeStrict(raw, &f); err != nil {
			return nil, nil, d, fmt.Errorf("%s: %w", e.Name(), err)
		}
		if g := f.Defaults.Gate; len(g) > 0 {
			if defaultGate != nil {
				return nil, nil, d, fmt.Errorf("%s: [defaults] gate is declared twice in the catalogue", e.Name())
			}
			defaultGate = g
		}
		err = d.merge(lexiconData{Roles: f.Roles, KeyTypes: f.KeyTypes, Hosts: f.Hosts,
			Identifiers: f.Identifiers, Vendors: f.Vendors, Mentions: f.Mentions, Values: f.Values, Paths: f.Paths})
		if err != nil {
			return nil, nil, d, fmt.Errorf("%s: %w", e.Name(), err)
		}
		all = append(all, f.Rules...)
	}
	return all, defaultGate, d, nil
}

// decodeStrict decodes TOML and rejects fields the schema does not know, so
// that a misspelt key is an error rather than a rule silently half-read.
func decodeStrict(raw []byte, v any) error {
	md, err := toml.Decode(string(raw), v)
	if err != nil {
		return err
	}
	if und := md.Undecoded(); len(und) > 0 {
		keys := make([]string, len(und))
		for i, k := range und {
			keys[i] = k.String()
		}
		return fmt.Errorf("unknown fields: %s", strings.Join(keys, ", "))
	}
	return nil
}

// Compile validates rules (collecting every problem) and compiles their
// patterns, with the built-in key types and words.
func Compile(rs []Rule) (*Catalogue, error) {
	return compileWith(rs, builtinLexicon())
}

func compileWith(rs []Rule, lx *lexicon) (*Catalogue, error) {
	// Each rule compiles alone (its patterns, lean forms, byte programs and
	// finders), and that was 60% of loading the catalogue, which every run
	// pays before it reads a byte: the rules compile on every core, each
	// in its own place in compiled, and are taken in order below.
	compiled := make([]Rule, len(rs))
	failed := make([]error, len(rs))
	p := pool.New().WithMaxGoroutines(runtime.GOMAXPROCS(0))
	for i := range rs {
		p.Go(func() {
			compiled[i] = rs[i]
			compiled[i].lex = lx
			failed[i] = compiled[i].compile()
		})
	}
	p.Wait()
	var errs []error
	seen := map[string]bool{}
	c := &Catalogue{lex: lx}
	for i := range compiled {
		r := &compiled[i]
		if seen[r.ID] {
			errs = append(errs, fmt.Errorf("rule %s: duplicate id", r.ID))
		}
		seen[r.ID] = true
		if err := failed[i]; err != nil {
			errs = append(errs, fmt.Errorf("rule %s: %w", r.ID, err))
			continue
		}
		c.rules = append(c.rules, r)
	}
	c.shareGates()
	c.numberLiterals()
	if len(errs) > 0 {
		return nil, errors.Join(errs...)
	}
	sort.SliceStable(c.rules, func(i, j int) bool { return c.rules[i].ID < c.rules[j].ID })
	return c, nil
}

// shareGates gives rules with the same needles one gate, evaluated once per
// input.
func (c *Catalogue) shareGates() {
	byKey := map[string]int{}
	needles := map[string]*needle{}
	for _, r := range c.rules {
		for _, group := range r.g.groups {
			for i, n := range group {
				if m, ok := needles[n.key]; ok {
					group[i] = m
					continue
				}
				n.id = len(needles)
				needles[n.key] = n
			}
		}
		i, ok := byKey[r.g.key]
		if !ok {
			i = len(c.gates)
			byKey[r.g.key] = i
			c.gates = append(c.gates, r.g)
		}
		r.gateIdx = i
	}
	c.needles = len(needles)
}

func (r *Rule) compile() error {
	var errs []error
	if r.ID == "" {
		errs = append(errs, errors.New(`field id: missing; give the rule an id such as "team.tracker-key"`))
	}
	if _, ok := r.lex.policyFor(r.KeyType); !ok && r.Classify != "identifier" && r.Classify != "host" {
		errs = append(errs, fmt.Errorf("field key_type: unknown key type %q; use one of %s (see `ampscan rules`)",
			r.KeyType, r.lex.keyTypeList()))
	}
	switch r.Classify {
	case "", "fixed", "identifier", "host":
	case "pair":
		if _, ok := r.lex.policyFor(r.PairKeyType); !ok {
			errs = append(errs, fmt.Errorf("field pair_key_type: a pair rule needs the key type of its secret2 group, one of %s; got %q",
				r.lex.keyTypeList(), r.PairKeyType))
		}
	default:
		errs = append(errs, fmt.Errorf("field classify: unknown %q; use fixed (the default), identifier, host or pair", r.Classify))
	}
	switch r.Decode {
	case "", "base64", "auto", "basic":
	default:
		errs = append(errs, fmt.Errorf(`field decode: unknown %q; leave it out, or use base64, auto or basic`, r.Decode))
	}
	if r.Context != "" && r.Context != "amplitude" {
		errs = append(errs, fmt.Errorf(`field context: unknown %q; leave it out, or use "amplitude"`, r.Context))
	}
	if r.Window == 0 {
		r.Window = 8
	}
	for i, k := range r.Keywords {
		r.Keywords[i] = strings.ToLower(k)
	}
	for i, k := range r.FileKeywords {
		r.FileKeywords[i] = strings.ToLower(k)
	}
	for i, k := range r.Anchors {
		r.Anchors[i] = strings.ToLower(k)
	}
	if len(r.Anchors) == 0 && !r.AnchorValues {
		errs = append(errs, errors.New(`field anchors: missing; add anchors = ["…"], words that stand near `+
			`every key this rule finds (the rule looks only at the lines around them, case-insensitively), `+
			`or anchor_values = true to look around every credential-shaped value`))
	}
	if len(r.Gate) > 0 {
		g, err := parseGate(r.Gate)
		if err != nil {
			errs = append(errs, fmt.Errorf("field gate: %w", err))
		}
		r.g = g
	} else {
		r.g = derivedGate(r)
	}
	if len(r.Examples) < 3 || len(r.NegativeExamples) < 3 {
		errs = append(errs, fmt.Errorf("fields examples and negative_examples: at least 3 of each are needed, to show what the rule finds and what it must not (has %d and %d)",
			len(r.Examples), len(r.NegativeExamples)))
	}
	re, err := regexp.Compile(r.Pattern)
	if err != nil {
		errs = append(errs, fmt.Errorf("field pattern: %w (RE2 syntax: https://github.com/google/re2/wiki/Syntax)", err))
	} else {
		r.re = re
		r.required = requiredSets(r.Pattern)
		r.wordEnds = wordEndSets(r.Pattern)
		r.lean, r.leanWhenLacking = leanPattern(r.Pattern)
		r.atRe = anchoredAt(r.Pattern)
		if r.lean != nil {
			r.atLean = anchoredAt(r.lean.String())
		}
		anchorable := r.atRe != nil && (r.lean == nil) == (r.atLean == nil)
		if starts := startLiterals(r.Pattern); starts != nil && anchorable {
			for _, s := range starts {
				r.starts = append(r.starts, []byte(s))
			}
		}
		if anchorable {
			r.compileFinder()
		}
		if r.byteRe != nil {
			r.leads, r.lead = leadLiterals(r.Pattern)
		}
		r.groups = map[string][]int{}
		for i, n := range re.SubexpNames() {
			if n != "" {
				base := strings.TrimSuffix(strings.TrimSuffix(n, "_alt2"), "_alt")
				r.groups[base] = append(r.groups[base], i)
			}
		}
		for g, name := range groupNameOf {
			r.byGroup[g] = r.groups[name]
		}
		if _, ok := r.groups["secret"]; !ok {
			if _, ok := r.groups["ref"]; !ok {
				errs = append(errs, errors.New("field pattern: needs a (?P<secret>…) group around the key, or a (?P<ref>…) group around the name of a constant that holds it"))
			}
		}
		if _, ok := r.groups["id"]; !ok && r.Classify == "identifier" {
			errs = append(errs, errors.New(`field pattern: classify = "identifier" needs an (?P<id>…) group around the name the key is assigned to`))
		}
	}
	return errors.Join(errs...)
}

// BuiltinWith loads the embedded catalogue plus extra rules in the same
// schema (from a user's configuration). The extra rules are checked against
// their own examples at load, exactly as the built-in ones are in CI.
func BuiltinWith(extra []Rule) (*Catalogue, error) {
	base, err := Builtin()
	if err != nil || len(extra) == 0 {
		return base, err
	}
	all := make([]Rule, 0, len(base.rules)+len(extra))
	for _, r := range base.rules {
		all = append(all, *r)
	}
	all = append(all, extra...)
	c, err := compileWith(all, base.lex)
	if err != nil {
		return nil, err
	}
	var errs []error
	for _, r := range c.rules {
		for _, u := range extra {
			if u.ID == r.ID {
				if err := c.CheckRule(r, 1); err != nil {
					errs = append(errs, fmt.Errorf("rule %s: %w", r.ID, err))
				}
			}
		}
	}
	return c, errors.Join(errs...)
}

// compileFinder builds the rule's startFinder and the byte programs
// that take the groups of a match at each start it finds; the rule is
// left without a finder if any fails to build.
func (r *Rule) compileFinder() {
	f, bp := newStartFinder(r.Pattern), newByteProg(r.Pattern)
	var bpLean *byteProg
	if r.lean != nil {
		if bpLean = newByteProg(r.lean.String()); bpLean == nil {
			return
		}
	}
	if f == nil || bp == nil {
		return
	}
	r.finder, r.byteRe, r.byteLean = f, bp, bpLean
}
