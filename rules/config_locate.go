package rules

import (
	"regexp"
	"strings"

	"github.com/BurntSushi/toml"
)

// locator finds the line of a key in a TOML file. The TOML library places
// its own errors, but it keeps one position per key name, the last one, so
// the n-th of several [[allowlist]] tables and checks made after decoding
// need their own look: headers and key lines, read line by line. It
// understands the layouts people write (tables, arrays of tables, bare or
// quoted keys); where it cannot tell, it answers 0 and the error names the
// key alone.
type locator struct {
	lines []locLine
}

type locLine struct {
	table string // the table the line is in, e.g. "policy.severity"
	index int    // which [[table]] occurrence, or -1 for a plain [table]
	key   string // the key the line sets, or "" for a header
	no    int
}

var (
	locHeader = regexp.MustCompile(`^\s*(\[\[?)\s*([^\]]+?)\s*\]\]?`)
	locKey    = regexp.MustCompile(`^\s*("[^"]*"|'[^']*'|[A-Za-z0-9_.-]+)\s*=`)
)

func newLocator(raw []byte) *locator {
	l := &locator{}
	table, index := "", -1
	counts := map[string]int{}
	for i, text := range strings.Split(string(raw), "\n") {
		if m := locHeader.FindStringSubmatch(text); m != nil {
			table, index = unquoteKey(m[2]), -1
			if m[1] == "[[" {
				index = counts[table]
				counts[table]++
			}
			l.lines = append(l.lines, locLine{table: table, index: index, no: i + 1})
			continue
		}
		if m := locKey.FindStringSubmatch(text); m != nil {
			l.lines = append(l.lines, locLine{table: table, index: index, key: unquoteKey(m[1]), no: i + 1})
		}
	}
	return l
}

func unquoteKey(k string) string {
	parts := strings.Split(k, ".")
	for i, p := range parts {
		parts[i] = strings.Trim(strings.TrimSpace(p), `"'`)
	}
	return strings.Join(parts, ".")
}

// line returns the line setting key in table (its index-th occurrence, or
// any when index is -1); for key "" or a key it cannot find there, the
// table's header; 0 when neither is found.
func (l *locator) line(table string, index int, key string) int {
	header := 0
	for _, ln := range l.lines {
		if ln.table != table || (index >= 0 && ln.index != index) {
			continue
		}
		if ln.key == "" && header == 0 {
			header = ln.no
		}
		if key != "" && ln.key == key {
			return ln.no
		}
	}
	return header
}

// key returns the line of a full key as the TOML library names it.
func (l *locator) key(k toml.Key) int {
	for _, ln := range l.lines { // a table of its own: [[rule.negatives]]
		if ln.key == "" && ln.table == k.String() {
			return ln.no
		}
	}
	if len(k) > 1 {
		if n := l.line(strings.Join(k[:len(k)-1], "."), -1, k[len(k)-1]); n > 0 {
			return n
		}
	}
	for _, ln := range l.lines {
		if ln.table == strings.Join(k, ".") || (ln.table == "" && ln.key == strings.Join(k, ".")) {
			return ln.no
		}
	}
	return 0
}
