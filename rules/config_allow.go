package rules

import (
	"errors"
	"fmt"
	"regexp"
	"regexp/syntax"
	"slices"
	"strings"

	"github.com/BurntSushi/toml"
	"github.com/bmatcuk/doublestar/v4"
)

// AllowEntry is one [[allowlist]] table: findings that match every kind of
// criterion it gives (any of its paths, any of its fingerprints, any of its
// value patterns) are accepted, with its reason.
//
// Paths are doublestar globs over slash-separated paths relative to the
// scanned root: * and ? stay within one path segment, ** crosses segments,
// and a pattern ending in / matches everything below that directory.
// Fingerprints are findings' exact fingerprints. Values are RE2 patterns
// matched against the secret value (for an organisation's shared test
// keys); the value is never printed.
type AllowEntry struct {
	Paths        []string
	Fingerprints []string
	Values       []string
	Reason       string
	values       []*regexp.Regexp
}

type rawAllow struct {
	Paths        []string `toml:"paths"`
	Fingerprints []string `toml:"fingerprints"`
	Values       []string `toml:"values"`
	Reason       string   `toml:"reason"`
}

// legacyAllowReason is the reason of a single-table [allowlist] that gives
// none: that form predates required reasons and keeps working.
const legacyAllowReason = "path on the configuration's allowlist"

var fingerprintRE = regexp.MustCompile(`^[0-9a-f]{32}$`)

// decodeAllowlist reads either form: the original single [allowlist] table
// or any number of [[allowlist]] tables.
func decodeAllowlist(name string, md toml.MetaData, prim toml.Primitive, loc *locator) ([]AllowEntry, []error) {
	var raws []rawAllow
	legacy := false
	switch md.Type("allowlist") {
	case "Hash":
		legacy = true
		raws = make([]rawAllow, 1)
		if err := md.PrimitiveDecode(prim, &raws[0]); err != nil {
			return nil, []error{tomlError(name, err)}
		}
	case "ArrayHash", "Array": // [[allowlist]] tables, or an inline array of tables
		if err := md.PrimitiveDecode(prim, &raws); err != nil {
			return nil, []error{tomlError(name, err)}
		}
	default:
		return nil, []error{&ConfigError{File: name, Line: loc.key(toml.Key{"allowlist"}), Key: "allowlist",
			Err: errors.New("must be a table ([allowlist]) or tables ([[allowlist]])")}}
	}
	var out []AllowEntry
	var errs []error
	for i, r := range raws {
		idx := i
		if legacy {
			idx = -1
		}
		e, es := compileAllow(name, r, idx, legacy, loc)
		errs = append(errs, es...)
		out = append(out, e)
	}
	return out, errs
}

func compileAllow(name string, r rawAllow, idx int, legacy bool, loc *locator) (AllowEntry, []error) {
	e := AllowEntry{Fingerprints: r.Fingerprints, Values: r.Values, Reason: strings.TrimSpace(r.Reason)}
	var errs []error
	key := "allowlist"
	if !legacy {
		key = fmt.Sprintf("allowlist[%d]", idx)
	}
	bad := func(field string, err error) {
		k := key
		if field != "" {
			k += "." + field
		}
		errs = append(errs, &ConfigError{File: name, Line: loc.line("allowlist", idx, field), Key: k, Err: err})
	}
	if e.Reason == "" {
		if !legacy {
			bad("", errors.New("reason is required: say why these findings are accepted"))
		}
		e.Reason = legacyAllowReason
	}
	if len(r.Paths)+len(r.Fingerprints)+len(r.Values) == 0 {
		bad("", errors.New("give at least one of paths, fingerprints or values"))
	}
	for _, p := range r.Paths {
		if strings.HasSuffix(p, "/") {
			p += "**/*" // everything below the directory, not the directory
		}
		if !doublestar.ValidatePattern(p) {
			bad("paths", fmt.Errorf("bad glob %q", p))
		}
		e.Paths = append(e.Paths, p)
	}
	for _, fp := range r.Fingerprints {
		if !fingerprintRE.MatchString(fp) {
			bad("fingerprints", fmt.Errorf("%q is not a fingerprint (32 lowercase hex digits, as in JSON output)", fp))
		}
	}
	for i, v := range r.Values {
		re, err := regexp.Compile(v)
		if err != nil {
			// The pattern may spell a real test key: name its place, not its text.
			var rerr *syntax.Error
			msg := err.Error()
			if errors.As(err, &rerr) {
				msg = string(rerr.Code)
			}
			bad("values", fmt.Errorf("pattern %d is not a valid regular expression: %s", i+1, msg))
			continue
		}
		e.values = append(e.values, re)
	}
	return e, errs
}

// Kinds of suppression a configuration entry gives.
const (
	AllowPath        = "allowlist"
	AllowFingerprint = "fingerprint"
	AllowValue       = "value"
)

// Match reports whether the entry accepts a finding, and the most specific
// kind of criterion it matched on (fingerprint, value, else allowlist).
func (a *AllowEntry) Match(fingerprint, path, secret string) (kind string, ok bool) {
	if len(a.Paths) > 0 && !a.matchPath(path) {
		return "", false
	}
	kind = AllowPath
	if len(a.values) > 0 {
		if !a.matchValue(secret) {
			return "", false
		}
		kind = AllowValue
	}
	if len(a.Fingerprints) > 0 {
		if !slices.Contains(a.Fingerprints, fingerprint) {
			return "", false
		}
		kind = AllowFingerprint
	}
	return kind, len(a.Paths)+len(a.values)+len(a.Fingerprints) > 0
}

func (a *AllowEntry) matchPath(path string) bool {
	for _, p := range a.Paths {
		if ok, _ := doublestar.Match(p, path); ok {
			return true
		}
	}
	return false
}

func (a *AllowEntry) matchValue(secret string) bool {
	for _, re := range a.values {
		if re.MatchString(secret) {
			return true
		}
	}
	return false
}
