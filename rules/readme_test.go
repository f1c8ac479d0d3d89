package rules

import (
	"math/rand/v2"
	"os"
	"strings"
	"testing"
)

// readmeRule returns the rule example of the README's "Rules of your own"
// section: the first TOML block after its heading.
func readmeRule(t *testing.T) string {
	t.Helper()
	raw, err := os.ReadFile("../README.md")
	if err != nil {
		t.Fatal(err)
	}
	_, section, ok := strings.Cut(string(raw), "\n### Rules of your own\n")
	if !ok {
		t.Fatal(`README.md has no "### Rules of your own" section`)
	}
	_, block, ok := strings.Cut(section, "\n```toml\n")
	if !ok {
		t.Fatal("the README's rule section has no ```toml block")
	}
	block, _, ok = strings.Cut(block, "\n```\n")
	if !ok {
		t.Fatal("the README's rule example is not closed")
	}
	return block + "\n"
}

// The README documents the user rule schema with one complete example: it
// must load from .ampscan.toml as written, pass its own examples, and find
// its key, so that the documentation cannot rot.
func TestReadmeRuleExample(t *testing.T) {
	t.Parallel()
	cfg, err := ParseConfigFile(".ampscan.toml", []byte(readmeRule(t)))
	if err != nil {
		t.Fatal(err)
	}
	if len(cfg.Rules) != 1 {
		t.Fatalf("the README's example holds %d rules, want 1", len(cfg.Rules))
	}
	r := cfg.Rules[0]
	if len(r.Examples) != 3 || len(r.NegativeExamples) != 3 {
		t.Fatalf("the README's example has %d examples and %d negatives, want 3 and 3", len(r.Examples), len(r.NegativeExamples))
	}
	c, err := BuiltinWith(cfg.Rules) // checks the rule's examples
	if err != nil {
		t.Fatal(err)
	}
	rnd := rand.New(rand.NewPCG(15, 2))
	text := ExpandExample("# our wrapper's settings\nTRACKER_KEY={{hex}}\n", rnd)
	got := c.Scan("deploy/tracker.env", []byte(text))
	if len(got) != 1 || got[0].RuleID != r.ID || got[0].KeyType != APIKey {
		t.Fatalf("scan found %+v, want one %s from %s", got, APIKey, r.ID)
	}
	// Nothing in the built-in catalogue finds it: the rule is what does.
	builtin, err := Builtin()
	if err != nil {
		t.Fatal(err)
	}
	if got := builtin.Scan("deploy/tracker.env", []byte(text)); len(got) != 0 {
		t.Fatalf("the built-in rules found %+v", got)
	}
}

// A user rule is gated by its own needles, never by the built-in product
// words, and a broken one is refused with an error naming the rule and the
// field, and what to do.
func TestUserRuleErrors(t *testing.T) {
	t.Parallel()
	good := readmeRule(t)
	for _, tc := range []struct {
		name, from, to, want string
	}{
		{"no anchors", `anchors = ["tracker_key"]` + "\n", "", "rule acme.tracker-key: field anchors: missing; add anchors"},
		{"bad key type", `key_type = "amplitude-api-key"`, `key_type = "tracker-key"`, `field key_type: unknown key type "tracker-key"; use one of amplitude-api-key`},
		{"bad pattern", `(?P<secret>`, `(?P<key>`, "field pattern: needs a (?P<secret>…) group"},
		{"bad classify", `key_type = "amplitude-api-key"`, `key_type = "amplitude-api-key"` + "\nclassify = \"name\"", `field classify: unknown "name"`},
		{"failing example", `TRACKER_KEY_ID={{hex}}`, `TRACKER_KEY={{hex}}`, "rule acme.tracker-key: field negative_examples: negative example 2"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if !strings.Contains(good, tc.from) {
				t.Fatalf("the README's example no longer holds %q", tc.from)
			}
			cfg, err := ParseConfigFile(".ampscan.toml", []byte(strings.Replace(good, tc.from, tc.to, 1)))
			if err == nil {
				_, err = BuiltinWith(cfg.Rules)
			}
			if err == nil || !strings.Contains(err.Error(), tc.want) {
				t.Fatalf("got %v, want an error holding %q", err, tc.want)
			}
		})
	}
}
