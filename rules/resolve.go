package rules

import (
	"bytes"
	"regexp"
	"sort"
	"strings"
)

// Constant resolution: `const KEY = "…"` on one line, `amplitude.init(KEY)`
// on another is the common case, so rules may capture a name (ref) that is
// looked up among the literal assignments of the same buffer. Only the name
// asked for is searched, with anchored patterns for what may follow it:
//
//	KEY = "…"   KEY: "…"   KEY := "…"   "KEY": "…"   KEY: String = "…"
//	KEY string = "…" (Go)   #define KEY @"…"
var afterName = []*regexp.Regexp{
	regexp.MustCompile(`^\\?["']?\s*(?::\s*[A-Za-z_][A-Za-z0-9_<>?\[\]]*\s*)?(?:=|:=|:|=>)\s*@?(?:\\?["'\x60]){1,2}([A-Za-z0-9._~+/=-]+)\\?["'\x60]`),
	regexp.MustCompile(`^\s+[A-Za-z_][A-Za-z0-9_.]*\s*=\s*"([A-Za-z0-9._~+/=-]+)"`),
	regexp.MustCompile(`^\s+@?"([A-Za-z0-9._~+/=-]+)"`),
}

// afterNameProgs are afterName as byte programs (see byteProg), which
// give the same match on ASCII text: in dense code a constant such as
// AMPLITUDE_API_KEY stands thousands of times, and asking Go's regexp
// about the text after each was 3% of the dense benchmark's time.
var afterNameProgs = func() []*byteProg {
	progs := make([]*byteProg, len(afterName))
	for i, re := range afterName {
		progs[i] = newByteProg(re.String())
	}
	return progs
}()

// assignment is one literal assignment to a name: the name at at, its
// value at [start, end).
type assignment struct{ at, start, end int }

// resolve finds the literal that the name ref (used at offset at) stands
// for: the nearest assignment before the use, else the first after it.
// A name's assignments are found once per buffer, so a bundle that uses
// one constant thousands of times costs one search, not thousands.
func (s *scan) resolve(ref string, at int) (int, int, bool) {
	if i := strings.LastIndexAny(ref, ".>"); i >= 0 {
		ref = ref[i+1:]
	}
	if ref == "" {
		return 0, 0, false
	}
	as, ok := s.assigns[ref]
	if !ok {
		as = s.assignmentsOf(ref)
		if s.assigns == nil {
			s.assigns = map[string][]assignment{}
		}
		s.assigns[ref] = as
	}
	k := sort.Search(len(as), func(i int) bool { return as[i].at >= at })
	switch {
	case k > 0:
		return as[k-1].start, as[k-1].end, true
	case k < len(as):
		return as[k].start, as[k].end, true
	}
	return 0, 0, false
}

// namesSearched is how many distinct names are searched for with a pass
// over the buffer each before one pass indexes every identifier instead:
// few names are the rule, and the index keeps many names linear.
const namesSearched = 16

// assignmentsOf returns every literal assignment to name, in order.
func (s *scan) assignmentsOf(name string) []assignment {
	var out []assignment
	for _, i := range s.occurrences(name) {
		end := i + len(name)
		hi := min(len(s.data), end+300)
		ascii := s.asciiIn(end, hi)
		for k, re := range afterName {
			if bp := afterNameProgs[k]; ascii && bp != nil {
				// Anchored at end, as the pattern's ^ anchors it there.
				s.assignMatch = bp.matchAt(s.bytes, s.data, end, end, hi, s.assignMatch)
				if m := s.assignMatch; m != nil && m[2] >= 0 {
					out = append(out, assignment{i, m[2], m[3]})
					break
				}
				continue
			}
			m := re.FindSubmatchIndex(s.data[end:hi])
			if m == nil || m[2] < 0 {
				continue
			}
			out = append(out, assignment{i, end + m[2], end + m[3]})
			break
		}
	}
	return out
}

// occurrences returns the offsets where name stands as a whole identifier.
func (s *scan) occurrences(name string) []int {
	if s.idents == nil && len(s.assigns) >= namesSearched && isIdent(name) {
		s.idents = indexIdents(s.data)
	}
	if s.idents != nil && isIdent(name) {
		return s.idents[name]
	}
	var out []int
	needle := []byte(name)
	for from := 0; from < len(s.data); {
		i := bytes.Index(s.data[from:], needle)
		if i < 0 {
			break
		}
		i += from
		from = i + 1
		end := i + len(name)
		if i > 0 && isIdentByte(s.data[i-1]) || end < len(s.data) && isIdentByte(s.data[end]) {
			continue
		}
		out = append(out, i)
	}
	return out
}

// indexIdents maps every identifier in data to its offsets.
func indexIdents(data []byte) map[string][]int {
	idx := map[string][]int{}
	for i := 0; i < len(data); {
		if !isIdentByte(data[i]) {
			i++
			continue
		}
		j := i
		for j < len(data) && isIdentByte(data[j]) {
			j++
		}
		idx[string(data[i:j])] = append(idx[string(data[i:j])], i)
		i = j
	}
	return idx
}

func isIdent(name string) bool {
	for i := 0; i < len(name); i++ {
		if !isIdentByte(name[i]) {
			return false
		}
	}
	return true
}

func isIdentByte(c byte) bool { return isAlnum(c) || c == '_' || c == '$' }
