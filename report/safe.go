package report

import (
	"strconv"
	"unicode"
	"unicode/utf8"
)

// TerminalSafe returns s as it is when it is printable UTF-8 (spaces
// included), and quoted in Go syntax (\n, \x1b, \xff) otherwise. File
// names may hold newlines, escape sequences and bytes that are not UTF-8:
// printed raw, they would forge report lines or drive the reader's
// terminal, so the text report and stderr quote them. JSON and SARIF
// escape by their own rules.
func TerminalSafe(s string) string {
	if !utf8.ValidString(s) {
		return strconv.Quote(s)
	}
	for _, r := range s {
		if !unicode.IsPrint(r) {
			return strconv.Quote(s)
		}
	}
	return s
}
