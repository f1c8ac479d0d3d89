package rules

import (
	"bytes"
	"regexp"
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

// resolve finds the literal that the name ref (used at offset at) stands
// for: the nearest assignment before the use, else the first after it.
func (s *scan) resolve(ref string, at int) (int, int, bool) {
	if i := strings.LastIndexAny(ref, ".>"); i >= 0 {
		ref = ref[i+1:]
	}
	if ref == "" {
		return 0, 0, false
	}
	name := []byte(ref)
	best, bestStart, bestEnd := -1, 0, 0
	for from := 0; from < len(s.data); {
		i := bytes.Index(s.data[from:], name)
		if i < 0 {
			break
		}
		i += from
		from = i + 1
		end := i + len(name)
		if i > 0 && isIdentByte(s.data[i-1]) || end < len(s.data) && isIdentByte(s.data[end]) {
			continue
		}
		tail := s.data[end:min(len(s.data), end+300)]
		for _, re := range afterName {
			m := re.FindSubmatchIndex(tail)
			if m == nil || m[2] < 0 {
				continue
			}
			if best < 0 || i < at {
				best, bestStart, bestEnd = i, end+m[2], end+m[3]
			}
			break
		}
		if best >= 0 && i > at {
			break
		}
	}
	return bestStart, bestEnd, best >= 0
}

func isIdentByte(c byte) bool { return isAlnum(c) || c == '_' || c == '$' }
