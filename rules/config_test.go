package rules

import (
	"errors"
	"math/rand/v2"
	"strings"
	"testing"
)

func TestParseConfigFileForms(t *testing.T) {
	t.Parallel()
	legacy := "[allowlist]\npaths = [\"testdata/\", \"docs/*.md\"]\n"
	c, err := ParseConfigFile(".ampscan.toml", []byte(legacy))
	if err != nil {
		t.Fatal(err)
	}
	if len(c.Allowlist) != 1 || c.Allowlist[0].Reason != legacyAllowReason {
		t.Fatalf("legacy form: %+v", c.Allowlist)
	}
	inline := "allowlist = [{ paths = [\"a/\"], reason = \"r\" }, { values = [\"^7e57\"], reason = \"t\" }]\n"
	if c, err := ParseConfigFile("c.toml", []byte(inline)); err != nil || len(c.Allowlist) != 2 {
		t.Fatalf("inline array of tables: %v %+v", err, c)
	}
	many := `
[[allowlist]]
paths = ["fixtures/**"]
reason = "fixtures"

[[allowlist]]
fingerprints = ["0123456789abcdef0123456789abcdef"]
reason = "rotated"

[[allowlist]]
values = ["^0{24}"]
paths = ["tests/"]
reason = "org test key"

[policy]
fail_on = "public"
disabled_key_types = ["amplitude-api-key"]
disabled_rules = ["amplitude.cdn.script"]
[policy.severity]
amplitude-secret-key = "critical"
`
	c, err = ParseConfigFile(".ampscan.toml", []byte(many))
	if err != nil {
		t.Fatal(err)
	}
	if len(c.Allowlist) != 3 || c.Policy.FailOn != "public" || c.Policy.Severity[SecretKey] != Critical ||
		!c.Policy.Disabled(APIKey, "x") || !c.Policy.Disabled(SecretKey, "amplitude.cdn.script") || c.Policy.Disabled(SecretKey, "y") {
		t.Fatalf("many: %+v", c)
	}
}

// The globs keep the meaning the hand-written translation gave them.
func TestAllowEntryMatch(t *testing.T) {
	t.Parallel()
	raw := `
[[allowlist]]
paths = ["testdata/", "report/*_test.go", "**/fixtures/**", "a?.env"]
reason = "paths"
[[allowlist]]
fingerprints = ["00000000000000000000000000000001"]
reason = "one finding"
[[allowlist]]
values = ["^0{24}"]
paths = ["tests/"]
reason = "test keys in tests only"
`
	c, err := ParseConfigFile("c.toml", []byte(raw))
	if err != nil {
		t.Fatal(err)
	}
	testKey := strings.Repeat("0", 24) + "1a2b3c4d"
	cases := []struct {
		fp, path, secret string
		want             string // kind, "" for none
	}{
		{"", "testdata/x/y.env", "s", AllowPath},
		{"", "testdata", "s", ""},
		{"", "report/json_test.go", "s", AllowPath},
		{"", "report/sub/json_test.go", "s", ""},
		{"", "fixtures/a.env", "s", AllowPath},
		{"", "deep/in/fixtures/a.env", "s", AllowPath},
		{"", "ab.env", "s", AllowPath},
		{"", "sub/ab.env", "s", ""},
		{"00000000000000000000000000000001", "src/app.ts", "s", AllowFingerprint},
		{"00000000000000000000000000000002", "src/app.ts", "s", ""},
		{"", "tests/unit/app.py", testKey, AllowValue},
		{"", "src/app.py", testKey, ""}, // the value alone is not enough: the entry also names paths
		{"", "tests/unit/app.py", "1a2b3c4d" + strings.Repeat("0", 24), ""},
	}
	for _, tc := range cases {
		got := ""
		for i := range c.Allowlist {
			if kind, ok := c.Allowlist[i].Match(tc.fp, tc.path, tc.secret); ok {
				got = kind
				break
			}
		}
		if got != tc.want {
			t.Errorf("%s %s: kind %q, want %q", tc.path, tc.fp, got, tc.want)
		}
	}
}

func TestParseConfigFileErrors(t *testing.T) {
	t.Parallel()
	cases := []struct {
		name, raw string
		want      string // substring of the error: file:line: key
	}{
		{"unknown key", "[[allowlist]]\npaths = [\"a/\"]\nreason = \"r\"\npathz = [\"b\"]\n", "c.toml:4: allowlist.pathz: unknown key"},
		{"unknown table", "# x\n[polcy]\nfail_on = \"none\"\n", "c.toml:2: polcy: unknown key"},
		{"bad type", "[policy]\nfail_on = 3\n", "c.toml:2: policy.fail_on"},
		{"bad glob in the second table", "[[allowlist]]\npaths = [\"a/\"]\nreason = \"r\"\n\n[[allowlist]]\nreason = \"r\"\npaths = [\"src/[a\"]\n", "c.toml:7: allowlist[1].paths: bad glob"},
		{"bad regex", "[[allowlist]]\nreason = \"r\"\nvalues = [\"(abc\"]\n", "c.toml:3: allowlist[0].values: pattern 1 is not a valid regular expression"},
		{"missing reason", "[[allowlist]]\npaths = [\"a/\"]\n[[allowlist]]\npaths = [\"b/\"]\n", "c.toml:3: allowlist[1]: reason is required"},
		{"empty entry", "[[allowlist]]\nreason = \"r\"\n", "c.toml:1: allowlist[0]: give at least one"},
		{"bad fingerprint", "[[allowlist]]\nreason = \"r\"\nfingerprints = [\"abc\"]\n", "c.toml:3: allowlist[0].fingerprints"},
		{"bad fail_on", "[policy]\n\nfail_on = \"sometimes\"\n", "c.toml:3: policy.fail_on: must be private, public or none"},
		{"bad key type", "[policy]\ndisabled_key_types = [\"amplitude-nope\"]\n", "c.toml:2: policy.disabled_key_types: unknown key type"},
		{"bad severity", "[policy.severity]\namplitude-api-key = \"urgent\"\n", "c.toml:2: policy.severity.amplitude-api-key: severity must be"},
		{"severity of unknown key type", "[policy]\nseverity = { nope = \"low\" }\n", "c.toml:2: policy.severity.nope: unknown key type"},
		{"allowlist not a table", "allowlist = 3\n", "c.toml:1: allowlist: must be a table"},
		{"allowlist not tables", "allowlist = [3]\n", "c.toml"},
		{"syntax", "[policy\n", "c.toml:2"},
		{"unknown array of tables", "[[rule]]\nid = \"a\"\n[[rule.negatives]]\ntext = \"x\"\n[[rule.negatives]]\ntext = \"y\"\n", "c.toml:3: rule.negatives: unknown key"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			_, err := ParseConfigFile("c.toml", []byte(tc.raw))
			if err == nil || !strings.Contains(err.Error(), tc.want) {
				t.Fatalf("error %v, want it to contain %q", err, tc.want)
			}
			var ce *ConfigError
			if !errors.As(err, &ce) {
				t.Errorf("%T is not a *ConfigError", err)
			}
			if lines := strings.Split(err.Error(), "\n"); len(lines) > 1 && strings.HasPrefix(tc.name, "unknown") {
				t.Errorf("one mistake, %d errors:\n%v", len(lines), err)
			}
		})
	}
}

// A value pattern may spell a real test key: an error names its place only.
func TestValuePatternNotEchoed(t *testing.T) {
	t.Parallel()
	const secretish = "9f8e7d6c5b4a39281706f5e4d3c2b1a0"
	_, err := ParseConfigFile("c.toml", []byte("[[allowlist]]\nreason = \"r\"\nvalues = [\"("+secretish+"\"]\n"))
	if err == nil || strings.Contains(err.Error(), secretish[:8]) {
		t.Fatalf("error %v", err)
	}
}

func TestCheckRules(t *testing.T) {
	t.Parallel()
	c, err := ParseConfigFile("c.toml", []byte("[policy]\n\ndisabled_rules = [\"amplitude.cdn.script\", \"amplitude.nope\"]\n"))
	if err != nil {
		t.Fatal(err)
	}
	cat, err := Builtin()
	if err != nil {
		t.Fatal(err)
	}
	err = c.Policy.CheckRules(cat)
	if err == nil || !strings.Contains(err.Error(), `c.toml:3: policy.disabled_rules: unknown rule id "amplitude.nope"`) || strings.Contains(err.Error(), "cdn") {
		t.Fatalf("error %v", err)
	}
}

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
