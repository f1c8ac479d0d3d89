package cli

import (
	"regexp"
	"slices"
	"strings"
	"sync"

	"github.com/ampscan/ampscan/report"
	"github.com/ampscan/ampscan/rules"
)

// Messages on stderr can quote what the user wrote: a rule's failing
// example, a pattern that does not compile, a line of TOML. Any of them may
// hold a real key, so every message ampscan prints goes through
// redactMessage first: the catalogue scans it like any input, and the two
// published key formats (32 hex, client-/server- deployment keys) are
// redacted wherever they stand, context or not.

var publishedShapes = regexp.MustCompile(`\b(?:(?:client|server)-[A-Za-z0-9]{32}|[0-9a-f]{32})\b`)

var messageCatalogue = sync.OnceValues(rules.Builtin)

// redactMessage returns msg with every credential in it redacted.
func redactMessage(msg string) string {
	secrets := publishedShapes.FindAllString(msg, -1)
	if cat, err := messageCatalogue(); err == nil {
		for _, m := range cat.Scan("", []byte(msg)) {
			secrets = append(secrets, m.Secret)
		}
	}
	// Longest first, so that a secret holding another is replaced whole.
	slices.SortFunc(secrets, func(a, b string) int { return len(b) - len(a) })
	for _, s := range slices.Compact(secrets) {
		if s != "" {
			msg = strings.ReplaceAll(msg, s, report.Redact(s))
		}
	}
	return msg
}
