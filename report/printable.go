package report

import (
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"
)

// printable makes text that comes from the scanned code (a path, an author,
// an error, a rule id from its config) safe for a terminal: control and
// format characters (escape sequences, bidi overrides, line separators)
// and bytes that are not UTF-8 are written as Go escapes, so a hostile
// file name cannot move the cursor, retitle the window or reorder the
// line the reader sees. Text that needs nothing is returned as it is.
func printable(s string) string {
	clean := true
	for _, r := range s {
		if r == utf8.RuneError || !unicode.IsPrint(r) {
			clean = false
			break
		}
	}
	if clean {
		return s
	}
	var b strings.Builder
	for i := 0; i < len(s); {
		r, n := utf8.DecodeRuneInString(s[i:])
		switch {
		case r == utf8.RuneError && n == 1:
			b.WriteString(`\x` + strconv.FormatUint(uint64(s[i])|0x100, 16)[1:])
		case unicode.IsPrint(r):
			b.WriteString(s[i : i+n])
		default:
			q := strconv.QuoteRuneToASCII(r)
			b.WriteString(q[1 : len(q)-1])
		}
		i += n
	}
	return b.String()
}
