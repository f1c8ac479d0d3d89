package rules

import (
	"math/rand/v2"
	"strings"
	"testing"
)

// trackerRule is issue 15's user rule: a team's wrapper names the project
// API key TRACKER_KEY, and nothing in the file names Amplitude. The rule
// must be gated by its own anchor, not by the built-in product words.
const trackerRule = `
[[rule]]
id = "acme.tracker-key"
description = "Our tracking wrapper's project API key"
key_type = "amplitude-api-key"
anchors = ["tracker_key"]
pattern = '''TRACKER_KEY\s*[=:]\s*["']?(?P<secret>[0-9a-f]{32})\b'''
examples = [
  { text = "TRACKER_KEY={{hex}}", key_types = ["amplitude-api-key"] },
  { text = "export TRACKER_KEY=\"{{hex}}\"", key_types = ["amplitude-api-key"] },
  { text = "  TRACKER_KEY: '{{hex}}'", key_types = ["amplitude-api-key"] },
]
negative_examples = [
  "TRACKER_KEY=changeme",
  "TRACKER_KEY=${TRACKER_KEY}",
  "OTHER_KEY={{hex}}",
]
`

func TestUserRuleGatedByItsOwnNeedles(t *testing.T) {
	t.Parallel()
	cfg, err := ParseConfig([]byte(trackerRule))
	if err != nil {
		t.Fatal(err)
	}
	c, err := BuiltinWith(cfg.Rules)
	if err != nil {
		t.Fatalf("the rule's own examples must pass at load: %v", err)
	}
	key := genHex(rand.New(rand.NewPCG(15, 15)))
	got := c.Scan("deploy/settings.env", []byte("# tracking wrapper\nTRACKER_KEY="+key+"\n"))
	if len(got) != 1 || got[0].Secret != key || got[0].RuleID != "acme.tracker-key" || got[0].KeyType != APIKey {
		t.Fatalf("want the TRACKER_KEY value from acme.tracker-key, got %+v", got)
	}
	// Built-in rules keep the product gate: a file that never names
	// Amplitude gives them nothing to look at.
	if got := c.Scan("x.env", []byte("API_KEY="+key+"\n")); len(got) != 0 {
		t.Errorf("a bare API_KEY in a file that names no product: got %d findings", len(got))
	}
}

func TestRuleWithoutAnchorsSaysHowToFix(t *testing.T) {
	t.Parallel()
	cfg, err := ParseConfig([]byte(strings.Replace(trackerRule, `anchors = ["tracker_key"]`, "", 1)))
	if err != nil {
		t.Fatal(err)
	}
	_, err = BuiltinWith(cfg.Rules)
	if err == nil {
		t.Fatal("a rule without anchors or anchor_values must be rejected")
	}
	for _, want := range []string{"acme.tracker-key", "anchors", "anchor_values = true"} {
		if !strings.Contains(err.Error(), want) {
			t.Errorf("error %q does not say %q", err, want)
		}
	}
}

func TestDeclaredGate(t *testing.T) {
	t.Parallel()
	cases := []struct {
		specs []string
		text  string
		want  bool
	}{
		{[]string{"^ampli"}, "getAmplitude()", true},
		{[]string{"^ampli"}, "resampling", false},
		{[]string{"serverZone"}, "SERVERZONE=EU", true},
		{[]string{"serverZone"}, "server zone", false},
		{[]string{`"event_type" & "api_key"`}, `{"event_type": 1}`, false},
		{[]string{`"event_type" & "api_key"`}, `{"api_key": 1, "event_type": 2}`, true},
		{[]string{"{{server}}"}, "key: server-Qm7ZtR2xK9pL4vN8cW1yB6sD3fH5jG0a", true},
		{[]string{"{{server}}"}, "key: client-Qm7ZtR2xK9pL4vN8cW1yB6sD3fH5jG0a", false},
		{nil, "anything", true},
	}
	for _, tc := range cases {
		g, err := parseGate(tc.specs)
		if err != nil {
			t.Fatal(err)
		}
		data := []byte(tc.text)
		c := &Catalogue{rules: []*Rule{{g: g}}}
		c.shareGates()
		if _, got := c.openGates(data, func() []byte { return []byte(strings.ToLower(tc.text)) }); got != tc.want {
			t.Errorf("gate %q on %q = %v, want %v", tc.specs, tc.text, got, tc.want)
		}
	}
	if _, err := parseGate([]string{"^a"}); err == nil {
		t.Error("a one-letter needle must be rejected")
	}
}
