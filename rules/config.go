package rules

import (
	"fmt"
	"regexp"
	"strings"
)

// Config is a user's configuration file: extra rules in the catalogue's
// schema, and an allowlist of paths whose findings are accepted.
type Config struct {
	Rules     []Rule    `toml:"rule"`
	Allowlist Allowlist `toml:"allowlist"`
}

// Allowlist accepts findings in matching paths. Patterns are globs over
// slash-separated paths relative to the scanned root: * and ? stay within
// one path segment, ** crosses segments, and a pattern ending in / matches
// everything below that directory.
type Allowlist struct {
	Paths  []string `toml:"paths"`
	Reason string   `toml:"reason"`
	res    []*regexp.Regexp
}

// ParseConfig decodes and checks a configuration file.
func ParseConfig(raw []byte) (*Config, error) {
	var c Config
	if err := decodeStrict(raw, &c); err != nil {
		return nil, err
	}
	for _, p := range c.Allowlist.Paths {
		re, err := globRegexp(p)
		if err != nil {
			return nil, fmt.Errorf("allowlist path %q: %w", p, err)
		}
		c.Allowlist.res = append(c.Allowlist.res, re)
	}
	return &c, nil
}

// Allows reports whether a path is on the allowlist.
func (a *Allowlist) Allows(path string) bool {
	for _, re := range a.res {
		if re.MatchString(path) {
			return true
		}
	}
	return false
}

func globRegexp(glob string) (*regexp.Regexp, error) {
	if strings.HasSuffix(glob, "/") {
		glob += "**"
	}
	var b strings.Builder
	b.WriteString("^")
	for i := 0; i < len(glob); i++ {
		switch c := glob[i]; c {
		case '*':
			if i+1 < len(glob) && glob[i+1] == '*' {
				i++
				if i+1 < len(glob) && glob[i+1] == '/' {
					i++
					b.WriteString("(?:.*/)?") // **/ matches zero or more directories
				} else {
					b.WriteString(".*")
				}
			} else {
				b.WriteString("[^/]*")
			}
		case '?':
			b.WriteString("[^/]")
		default:
			b.WriteString(regexp.QuoteMeta(string(c)))
		}
	}
	b.WriteString("$")
	return regexp.Compile(b.String())
}
