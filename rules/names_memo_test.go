package rules

import (
	"fmt"
	"math/rand/v2"
	"slices"
	"strings"
	"testing"
)

// Each name keeps its own judgments however many names come after it,
// asked as a string or as bytes.
func TestNameMemo(t *testing.T) {
	var m nameMemo
	for i := range 1000 {
		f := m.of(fmt.Sprintf("NAME_%d", i))
		if f.known != 0 {
			t.Fatalf("name %d is new but has known %b", i, f.known)
		}
		f.role, f.prefix, f.known = Role(fmt.Sprint(i)), uint16(i), knowsRole|knowsPrefix
	}
	for i := range 1000 {
		f := &m.facts[m.indexBytes([]byte(fmt.Sprintf("NAME_%d", i)))]
		if f.known != knowsRole|knowsPrefix || f.role != Role(fmt.Sprint(i)) || f.prefix != uint16(i) {
			t.Fatalf("name %d: %+v", i, *f)
		}
	}
	// In any order, each name asked again at once, half by bytes: the
	// last name asked and the one added after it are tried first.
	r := rand.New(rand.NewPCG(1, 2))
	for _, i := range append(r.Perm(1000), r.Perm(1000)...) {
		for k := range 1 + i%3 {
			name := fmt.Sprintf("NAME_%d", i)
			var at int32
			if (k+i)%2 == 1 {
				at = m.indexBytes([]byte(name))
			} else {
				at = m.indexOf(name)
			}
			if f := m.facts[at]; f.role != Role(fmt.Sprint(i)) {
				t.Fatalf("name %d asked again: the facts of role %q", i, f.role)
			}
		}
	}
	if len(m.facts) != 1000 || len(m.index) != 1000 {
		t.Errorf("%d facts, %d names indexed, want 1000", len(m.facts), len(m.index))
	}
}

// Names and values judged in earlier scans, of other files, change
// nothing: every fixture scanned after all the others (twice, in both
// orders) gives what it gives with memos of its own.
func TestNamesKeptAcrossScans(t *testing.T) {
	t.Parallel()
	c, err := Builtin()
	if err != nil {
		t.Fatal(err)
	}
	inputs := fixtureInputs(t, c)
	want := make([][]Match, len(inputs))
	found := 0
	for i, in := range inputs {
		want[i] = c.scan(nil, in.path, in.data, &nameMemo{}, &nameMemo{})
		found += len(want[i])
	}
	if found < 1000 {
		t.Fatalf("only %d findings over %d inputs: the comparison proves little", found, len(inputs))
	}
	names, values := &nameMemo{}, &nameMemo{}
	var order []int
	for i := range inputs {
		order = append(order, i)
	}
	for i := range inputs {
		order = append(order, len(inputs)-1-i)
	}
	for _, i := range order {
		in := inputs[i]
		if got := c.scan(nil, in.path, in.data, names, values); !slices.Equal(got, want[i]) {
			t.Errorf("%s after other files' names: %d findings, alone %d:\n got %s\nwant %s", in.name, len(got), len(want[i]), describe(got), describe(want[i]))
		}
	}
	if len(names.facts) < 100 || len(values.facts) < 100 {
		t.Errorf("the memos hold %d names and %d values of no name after every fixture: they were not used", len(names.facts), len(values.facts))
	}
}

// A scan's names are kept for the next; ForgetNames lets go of them.
func TestForgetNames(t *testing.T) {
	t.Parallel()
	c, err := Builtin()
	if err != nil {
		t.Fatal(err)
	}
	kept := func() int {
		c.lex.kept.mu.Lock()
		defer c.lex.kept.mu.Unlock()
		n := 0
		for _, k := range c.lex.kept.kept {
			n += len(k.names.facts)
		}
		return n
	}
	text := []byte("import * as amplitude from '@amplitude/analytics-browser';\nconst AMPLITUDE_API_KEY = '9e3779b97f4a7c15c2b2ae3d27d4eb4f';\n")
	if len(c.Scan("src/a.ts", text)) == 0 || kept() == 0 {
		t.Fatalf("a scan with a finding kept %d names", kept())
	}
	c.ForgetNames()
	if n := kept(); n != 0 {
		t.Errorf("%d names kept after ForgetNames", n)
	}
	if len(c.Scan("src/a.ts", text)) == 0 {
		t.Error("no finding after ForgetNames")
	}
}

// A value a name held last is judged again when a rule decodes it another
// way: the same base64 text is a key of one shape to a rule that decodes
// base64 (amplitude.assignment) and a token of another to one that does
// not (amplitude.assignment.dockerfile). Each rule, after the other with
// the name's value kept, gives what it gives alone.
func TestLastValueKeptPerDecoding(t *testing.T) {
	c, err := Builtin()
	if err != nil {
		t.Fatal(err)
	}
	byID := map[string]*Rule{}
	for _, r := range c.Rules() {
		byID[r.ID] = r
	}
	type use struct {
		rule   *Rule
		format string // the line the rule matches, around the value
	}
	decoding := use{byID["amplitude.assignment"], "AMPLITUDE_SCIM_KEY=%s\n"}
	plain := use{byID["amplitude.assignment.dockerfile"], "ENV AMPLITUDE_SCIM_KEY %s\n"}
	if decoding.rule == nil || plain.rule == nil || decoding.rule.Decode != "auto" || plain.rule.Decode != "" {
		t.Fatal("the test needs a rule that decodes base64 and one that does not")
	}
	judge := func(u use, value string, names *nameMemo, at int32) (half, bool) {
		data := []byte(fmt.Sprintf(u.format, value))
		m := u.rule.re.FindSubmatchIndex(data)
		if m == nil {
			t.Fatalf("%s does not match %q", u.rule.ID, data)
		}
		s := &scan{data: data, names: names, lex: c.lex}
		return s.half(u.rule, m, gSecret, gRef, u.rule.KeyType, at)
	}
	r := rand.New(rand.NewPCG(5, 5))
	differ := 0
	for _, tpl := range []string{"{{b64hex}}", "{{b64token}}", "{{b64server}}", "{{hex}}", "{{token}}"} {
		value := ExpandExample(tpl, r)
		ha, oka := judge(decoding, value, &nameMemo{}, -1)
		hb, okb := judge(plain, value, &nameMemo{}, -1)
		if ha.value != hb.value || ha.shape != hb.shape || oka != okb {
			differ++
		}
		for _, order := range [][2]use{{decoding, plain}, {plain, decoding}} {
			names := &nameMemo{}
			at := names.indexOf("AMPLITUDE_SCIM_KEY")
			for _, u := range order {
				h, ok := judge(u, value, names, at)
				if wh, wok := judge(u, value, &nameMemo{}, -1); h != wh || ok != wok {
					t.Errorf("%s: %s after %s gives %+v %v, alone %+v %v", tpl, u.rule.ID, order[0].rule.ID, h, ok, wh, wok)
				}
			}
		}
	}
	if differ == 0 {
		t.Error("the two rules judged every value alike: the test proves nothing")
	}
}

// A memo holds the values of at most maxKeptNames names: past that it is
// emptied before the next scan, so more would never be asked again.
func TestLastValuesBounded(t *testing.T) {
	var m nameMemo
	for i := range maxKeptNames + 10 {
		at := m.indexOf(fmt.Sprintf("NAME_%d", i))
		last := m.lastOf(at)
		if (last != nil) != (i < maxKeptNames) {
			t.Fatalf("name %d: value kept %v", i, last != nil)
		}
		if last != nil {
			last.raw = fmt.Sprint(i)
		}
	}
	if len(m.lasts) != maxKeptNames {
		t.Errorf("%d values held", len(m.lasts))
	}
	if last := m.lastOf(m.indexOf("NAME_7")); last == nil || last.raw != "7" {
		t.Errorf("an early name lost its value: %+v", last)
	}
}

// What a scan hands on keeps its lists for the next scan, and no secret:
// the working list of matches is cleared before it is kept.
func TestCarriedKeepsListsNotSecrets(t *testing.T) {
	t.Parallel()
	c, err := Builtin()
	if err != nil {
		t.Fatal(err)
	}
	r := rand.New(rand.NewPCG(12, 13))
	var b strings.Builder
	for i := range 300 {
		fmt.Fprintf(&b, "AMPLITUDE_SECRET_KEY_%d=%s\n", i, ExpandExample("{{hex}}", r))
	}
	found := c.Scan(".env", []byte(b.String()))
	if len(found) != 300 {
		t.Fatalf("%d findings, want 300", len(found))
	}
	c.lex.kept.mu.Lock()
	defer c.lex.kept.mu.Unlock()
	if len(c.lex.kept.kept) != 1 {
		t.Fatalf("%d scans' lists kept, want 1", len(c.lex.kept.kept))
	}
	k := c.lex.kept.kept[0]
	if cap(k.matches) < len(found) || cap(k.tokens) < len(found) {
		t.Errorf("kept lists of %d matches and %d tokens, want room for the %d found", cap(k.matches), cap(k.tokens), len(found))
	}
	for i, m := range k.matches[:cap(k.matches)] {
		if m != (hit{}) {
			t.Fatalf("kept list of matches still holds match %d: rule %q", i, m.rule.ID)
		}
	}
}

// A working list past its bound is left to the collector, not kept for
// the next scan.
func TestKeepCarriedDropsListPastBound(t *testing.T) {
	t.Parallel()
	c, err := Builtin()
	if err != nil {
		t.Fatal(err)
	}
	given := make([]hit, 1, maxCarriedMatches+1)
	given[0] = hit{secret: "s"}
	c.lex.keepCarried(&carried{names: &nameMemo{}, values: &nameMemo{}, matches: given})
	if k := c.lex.takeCarried(); cap(k.matches) != 0 {
		t.Errorf("keepCarried kept a list of %d matches, past its bound", cap(k.matches))
	}
}
