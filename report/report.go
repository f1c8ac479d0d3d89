// Package report renders a scanner.Report as text, JSON or SARIF. It is the
// only package that styles output, and it never prints on its own: a Writer
// writes one whole, sorted report to the io.Writer it is given.
package report

import (
	"fmt"
	"io"
	"strings"

	"github.com/ampscan/ampscan/rules"
	"github.com/ampscan/ampscan/scanner"
)

// Writer writes a whole report.
type Writer interface {
	Write(w io.Writer, rep *scanner.Report) error
}

// Options shape every format.
type Options struct {
	// ShowSecrets disables redaction (--no-redact). SARIF ignores it: a
	// SARIF file is uploaded and kept, so it never holds a secret.
	ShowSecrets bool
	// Color allows ANSI styling in text output.
	Color   bool
	Version string
	// ShowSuppressed lists accepted findings in text output, marked as
	// such (--show-suppressed); JSON and SARIF always hold them.
	ShowSuppressed bool
}

// Formats lists the accepted --format values.
var Formats = []string{"text", "json", "sarif"}

// New returns the writer for a format name.
func New(format string, opts Options) (Writer, error) {
	switch format {
	case "text":
		return &Text{Options: opts}, nil
	case "json":
		return &JSON{Options: opts}, nil
	case "sarif":
		if newSARIF == nil {
			return nil, fmt.Errorf("format %q is not available in this build", format)
		}
		return newSARIF(opts), nil
	}
	if mk, ok := registered[format]; ok {
		return mk(opts), nil
	}
	return nil, fmt.Errorf("unknown format %q (want one of %s)", format, strings.Join(Formats, ", "))
}

// registered holds the formats that live in packages of their own (the
// HTML page in report/html), which register themselves at init.
var registered = map[string]func(Options) Writer{}

// Register adds a format that lives in a package of its own. It is called
// from that package's init, so the caller must import it.
func Register(format string, mk func(Options) Writer) {
	if _, dup := registered[format]; !dup {
		Formats = append(Formats, format)
	}
	registered[format] = mk
}

// newSARIF is set by sarif.go; kept as a hook so the text and JSON writers
// do not depend on the SARIF library.
var newSARIF func(Options) Writer

// Redact shows enough of a secret to recognise it, never the whole value:
// the deployment prefix and three characters, or the first four
// characters of other keys, followed by an ellipsis.
func Redact(secret string) string {
	keep := 4
	switch {
	case strings.HasPrefix(secret, "client-"), strings.HasPrefix(secret, "server-"):
		keep = len("client-") + 3
	case len(secret) < 12:
		return "…"
	}
	return secret[:keep] + "…"
}

// shownSecret is the value a human-facing writer prints.
func shownSecret(f *scanner.Finding, o Options) string {
	if o.ShowSecrets {
		return f.Secret
	}
	return Redact(f.Secret)
}

// Counts summarises active findings by key type and visibility, in policy
// order; suppressed findings are only counted.
type Counts struct {
	Private, Public, Suppressed int
	ByKeyType                   []KeyTypeCount
	// SuppressedByKind counts accepted findings by suppression kind
	// (inline, allowlist, fingerprint, value, baseline).
	SuppressedByKind map[string]int
}

// KeyTypeCount is one row of Counts.
type KeyTypeCount struct {
	KeyType    rules.KeyType
	Visibility rules.Visibility
	Count      int
}

// Count tallies findings.
func Count(fs []scanner.Finding) Counts {
	c := Counts{SuppressedByKind: map[string]int{}}
	byType := map[rules.KeyType]int{}
	for _, f := range fs {
		if f.Suppression != nil {
			c.Suppressed++
			c.SuppressedByKind[f.Suppression.Kind]++
			continue
		}
		byType[f.KeyType]++
		if f.Visibility == rules.Private {
			c.Private++
		} else {
			c.Public++
		}
	}
	// Private key types first, then public, each in policy order.
	for _, vis := range []rules.Visibility{rules.Private, rules.Public} {
		for _, p := range rules.Policies() {
			if n := byType[p.KeyType]; n > 0 && p.Visibility == vis {
				c.ByKeyType = append(c.ByKeyType, KeyTypeCount{p.KeyType, p.Visibility, n})
			}
		}
	}
	return c
}
