package rules

import (
	"errors"
	"fmt"
	"regexp"
	"sort"
	"strconv"
	"strings"

	"github.com/BurntSushi/toml"
)

// Config is a user's configuration file (.ampscan.toml): extra rules in the
// catalogue's schema, allow entries that accept findings, and the policy
// settings that shape a scan's outcome. Parsing is pure: it reads bytes
// and names the file only in errors, so a configuration can come from a
// commit's tree as well as from disk.
type Config struct {
	Rules     []Rule
	Allowlist []AllowEntry
	Policy    Settings
}

// Settings are the policy settings of a configuration. Command-line flags
// override them.
type Settings struct {
	// FailOn is "private", "public", "none", or "" when the file leaves it
	// to the flag's default.
	FailOn string
	// DisabledKeyTypes and DisabledRules are turned off: their findings are
	// dropped, not suppressed.
	DisabledKeyTypes []KeyType
	DisabledRules    []string
	// Severity replaces the policy table's severity of a key type.
	Severity map[KeyType]Severity
	// disabledRulesLine is where disabled_rules is set, for errors found
	// once the catalogue is known.
	disabledRulesLine int
	file              string
}

// rawConfig is the file's schema as TOML sees it; ParseConfigFile checks
// and compiles it into a Config.
type rawConfig struct {
	Rules     []Rule         `toml:"rule"`
	Allowlist toml.Primitive `toml:"allowlist"`
	Policy    rawPolicy      `toml:"policy"`
}

type rawPolicy struct {
	FailOn           string            `toml:"fail_on"`
	DisabledKeyTypes []string          `toml:"disabled_key_types"`
	DisabledRules    []string          `toml:"disabled_rules"`
	Severity         map[string]string `toml:"severity"`
}

// ConfigError is a problem in a configuration file, placed at a line (0
// when unknown) and a key.
type ConfigError struct {
	File string
	Line int
	Key  string
	Err  error
}

func (e *ConfigError) Error() string {
	at := e.File
	if e.Line > 0 {
		at = fmt.Sprintf("%s:%d", e.File, e.Line)
	}
	if e.Key == "" {
		return fmt.Sprintf("%s: %v", at, e.Err)
	}
	return fmt.Sprintf("%s: %s: %v", at, e.Key, e.Err)
}

func (e *ConfigError) Unwrap() error { return e.Err }

// ParseConfig decodes and checks a configuration whose name is unknown.
func ParseConfig(raw []byte) (*Config, error) {
	return ParseConfigFile("config", raw)
}

// ParseConfigFile decodes and checks a configuration file. name is used only
// in errors. Every problem is reported (joined), each as a *ConfigError
// naming the file, the line and the key.
func ParseConfigFile(name string, raw []byte) (*Config, error) {
	var rc rawConfig
	md, err := toml.Decode(string(raw), &rc)
	if err != nil {
		return nil, tomlError(name, err)
	}
	loc := newLocator(raw)
	c := &Config{Rules: rc.Rules}
	var errs []error
	if md.IsDefined("allowlist") {
		c.Allowlist, errs = decodeAllowlist(name, md, rc.Allowlist, loc)
	}
	// The library lists an unknown key once for each table of an array
	// that holds it; the user needs to hear of it once.
	reported := map[string]bool{}
	for _, k := range md.Undecoded() {
		if reported[k.String()] || (len(k) > 1 && reported[k[:len(k)-1].String()]) {
			reported[k.String()] = true
			continue
		}
		reported[k.String()] = true
		msg := "unknown key"
		if k[0] == "rule" {
			msg += ` (a rule's fields are listed in the README, "Rules of your own")`
		}
		errs = append(errs, &ConfigError{File: name, Line: loc.key(k), Key: k.String(), Err: errors.New(msg)})
	}
	var perrs []error
	c.Policy, perrs = compileSettings(name, rc.Policy, loc)
	errs = append(errs, perrs...)
	if len(errs) > 0 {
		return nil, errors.Join(errs...)
	}
	return c, nil
}

// tomlError turns the library's error into a ConfigError: its ParseError
// carries the line and the last key.
func tomlError(name string, err error) error {
	var pe toml.ParseError
	if errors.As(err, &pe) {
		return &ConfigError{File: name, Line: pe.Position.Line, Key: pe.LastKey, Err: errors.New(pe.Message)}
	}
	// Type mismatches come as plain errors in the same words.
	if m := tomlErrRE.FindStringSubmatch(err.Error()); m != nil {
		line, _ := strconv.Atoi(m[1])
		return &ConfigError{File: name, Line: line, Key: m[2], Err: errors.New(m[3])}
	}
	return &ConfigError{File: name, Err: err}
}

var tomlErrRE = regexp.MustCompile(`^toml: line (\d+) \(last key "([^"]*)"\): (.*)$`)

func compileSettings(name string, rp rawPolicy, loc *locator) (Settings, []error) {
	s := Settings{FailOn: rp.FailOn, file: name, disabledRulesLine: loc.line("policy", -1, "disabled_rules")}
	var errs []error
	bad := func(key string, format string, args ...any) {
		errs = append(errs, &ConfigError{File: name, Line: loc.line("policy", -1, key), Key: "policy." + key, Err: fmt.Errorf(format, args...)})
	}
	switch rp.FailOn {
	case "", "private", "public", "none":
	default:
		bad("fail_on", "must be private, public or none, not %q", rp.FailOn)
	}
	for _, k := range rp.DisabledKeyTypes {
		if _, ok := PolicyFor(KeyType(k)); !ok {
			bad("disabled_key_types", "unknown key type %q (see `ampscan rules`)", k)
			continue
		}
		s.DisabledKeyTypes = append(s.DisabledKeyTypes, KeyType(k))
	}
	s.DisabledRules = rp.DisabledRules
	kts := make([]string, 0, len(rp.Severity))
	for k := range rp.Severity {
		kts = append(kts, k)
	}
	sort.Strings(kts)
	for _, k := range kts {
		line := loc.line("policy.severity", -1, k)
		if line == 0 {
			line = loc.line("policy", -1, "severity")
		}
		fail := func(err error) {
			errs = append(errs, &ConfigError{File: name, Line: line, Key: "policy.severity." + k, Err: err})
		}
		if _, ok := PolicyFor(KeyType(k)); !ok {
			fail(fmt.Errorf("unknown key type %q", k))
			continue
		}
		sev, ok := ParseSeverity(rp.Severity[k])
		if !ok {
			fail(fmt.Errorf("severity must be one of %s, not %q", strings.Join(severityNames[:], ", "), rp.Severity[k]))
			continue
		}
		if s.Severity == nil {
			s.Severity = map[KeyType]Severity{}
		}
		s.Severity[KeyType(k)] = sev
	}
	return s, errs
}

// CheckRules reports disabled rule ids the catalogue does not hold: a typo
// there would silently keep a rule on.
func (s *Settings) CheckRules(c *Catalogue) error {
	known := map[string]bool{}
	for _, r := range c.Rules() {
		known[r.ID] = true
	}
	var errs []error
	for _, id := range s.DisabledRules {
		if !known[id] {
			errs = append(errs, &ConfigError{File: s.file, Line: s.disabledRulesLine, Key: "policy.disabled_rules",
				Err: fmt.Errorf("unknown rule id %q (see `ampscan rules`)", id)})
		}
	}
	return errors.Join(errs...)
}

// Disabled reports whether findings of this key type or rule are turned off.
func (s *Settings) Disabled(kt KeyType, ruleID string) bool {
	for _, k := range s.DisabledKeyTypes {
		if k == kt {
			return true
		}
	}
	for _, id := range s.DisabledRules {
		if id == ruleID {
			return true
		}
	}
	return false
}

// ParseSeverity reads a severity name (info, low, medium, high, critical).
func ParseSeverity(name string) (Severity, bool) {
	for i, n := range severityNames {
		if n == name {
			return Severity(i), true
		}
	}
	return 0, false
}
