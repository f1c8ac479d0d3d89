package cli_test

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/ampscan/ampscan/internal/cli"
	"github.com/ampscan/ampscan/internal/gittest"
	"github.com/ampscan/ampscan/rules"
)

func TestPolicySettings(t *testing.T) {
	k := gittest.NewKeys(t)
	files := map[string]string{
		"srv/.env": "AMPLITUDE_SECRET_KEY=" + k.Hex() + "\n",
		"web/.env": "NEXT_PUBLIC_AMPLITUDE_API_KEY=" + k.Hex() + "\n",
	}
	cases := []struct {
		name, config string
		flags        []string
		code         int
		types        string // key types of the findings, in report order
		check        func(t *testing.T, rep scanJSON)
	}{
		{name: "no policy", code: 1, types: "amplitude-secret-key,amplitude-api-key"},
		{name: "fail_on none", config: "[policy]\nfail_on = \"none\"\n", code: 0, types: "amplitude-secret-key,amplitude-api-key"},
		{name: "the flag overrides fail_on", config: "[policy]\nfail_on = \"none\"\n", flags: []string{"--fail-on", "private"}, code: 1, types: "amplitude-secret-key,amplitude-api-key"},
		{name: "fail_on public", config: "[policy]\nfail_on = \"public\"\ndisabled_key_types = [\"amplitude-secret-key\"]\n", code: 1, types: "amplitude-api-key"},
		{name: "a key type turned off", config: "[policy]\ndisabled_key_types = [\"amplitude-secret-key\"]\n", code: 0, types: "amplitude-api-key"},
		{name: "severity override", config: "[policy.severity]\namplitude-api-key = \"info\"\n", code: 1, types: "amplitude-secret-key,amplitude-api-key",
			check: func(t *testing.T, rep scanJSON) {
				for _, f := range rep.Findings {
					if want := map[string]string{"amplitude-api-key": "info", "amplitude-secret-key": "high"}[f.KeyType]; f.Severity != want {
						t.Errorf("%s: severity %s, want %s", f.KeyType, f.Severity, want)
					}
				}
			}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			dir := t.TempDir()
			for p, content := range files {
				write(t, filepath.Join(dir, p), content)
			}
			if c.config != "" {
				write(t, filepath.Join(dir, ".ampscan.toml"), c.config)
			}
			code, rep, stderr := scan(t, append([]string{"dir", dir}, c.flags...)...)
			var types []string
			for _, f := range rep.Findings {
				types = append(types, f.KeyType)
			}
			if code != c.code || strings.Join(types, ",") != c.types {
				t.Errorf("exit %d, findings %v; want %d, %s (%s)", code, types, c.code, c.types, stderr)
			}
			if c.check != nil {
				c.check(t, rep)
			}
		})
	}
}

// A disabled rule drops its findings: find the rule that reports a key and
// turn it off.
func TestPolicyDisabledRule(t *testing.T) {
	k := gittest.NewKeys(t)
	dir := t.TempDir()
	write(t, filepath.Join(dir, "srv/.env"), "AMPLITUDE_SECRET_KEY="+k.Hex()+"\n")
	code, out, _ := runGitCLI(t, "dir", "--format", "json", dir)
	i := strings.Index(out, `"rule_id": "`)
	if code != 1 || i < 0 {
		t.Fatalf("exit %d\n%s", code, out)
	}
	id := out[i+len(`"rule_id": "`):]
	id = id[:strings.IndexByte(id, '"')]
	write(t, filepath.Join(dir, ".ampscan.toml"), "[policy]\ndisabled_rules = [\""+id+"\"]\n")
	if code, rep, _ := scan(t, "dir", dir); code != 0 || len(rep.Findings) != 0 {
		t.Errorf("rule %s off: exit %d, %d findings", id, code, len(rep.Findings))
	}
	write(t, filepath.Join(dir, ".ampscan.toml"), "[policy]\n\ndisabled_rules = [\"amplitude.no-such-rule\"]\n")
	if code, _, stderr := runGitCLI(t, "dir", dir); code != 2 || !strings.Contains(stderr, ".ampscan.toml:3: policy.disabled_rules: unknown rule id") {
		t.Errorf("unknown rule id: exit %d, %s", code, stderr)
	}
}

func TestConfigErrorsExit2(t *testing.T) {
	cases := map[string]string{
		"[allowlist]\npaths = [\"a/\"]\nreasn = \"x\"\n":         ".ampscan.toml:3: allowlist.reasn: unknown key",
		"[[allowlist]]\npaths = [\"a/\"]\n":                      ".ampscan.toml:1: allowlist[0]: reason is required",
		"[[allowlist]]\nreason = \"r\"\npaths = [\"{a\"]\n":      ".ampscan.toml:3: allowlist[0].paths: bad glob",
		"[policy]\nfail_on = [\"none\"]\n":                       ".ampscan.toml:2: policy.fail_on",
		"[[allowlist]]\nreason = \"r\"\nvalues = [\"a)\"]\n":     ".ampscan.toml:3: allowlist[0].values",
		"[policy.severity]\namplitude-api-key = \"very high\"\n": ".ampscan.toml:2: policy.severity.amplitude-api-key",
	}
	for config, want := range cases {
		dir := t.TempDir()
		write(t, filepath.Join(dir, ".ampscan.toml"), config)
		code, _, stderr := runGitCLI(t, "dir", dir)
		if code != cli.ExitUsage || !strings.Contains(stderr, want) {
			t.Errorf("%q: exit %d, stderr %q; want 2 and %q", config, code, stderr, want)
		}
	}
}

func TestAllowEntriesAndAudit(t *testing.T) {
	k := gittest.NewKeys(t)
	dir := t.TempDir()
	// An organisation's test keys start 7e57c0de; the rest is generated.
	testKey := "7e57c0de" + k.Hex()[8:]
	write(t, filepath.Join(dir, "app/.env"), "AMPLITUDE_SECRET_KEY="+k.Hex()+" # ampscan:allow rotated\n")
	write(t, filepath.Join(dir, "fixtures/keys.env"), "AMPLITUDE_SECRET_KEY="+k.Hex()+"\n")
	write(t, filepath.Join(dir, "tests/unit.env"), "AMPLITUDE_SECRET_KEY="+testKey+"\n")
	write(t, filepath.Join(dir, "old/.env"), "AMPLITUDE_SECRET_KEY="+k.Hex()+"\n")
	write(t, filepath.Join(dir, "srv/.env"), "AMPLITUDE_SECRET_KEY="+k.Hex()+"\n")
	_, first, _ := scan(t, "dir", dir)
	fps := map[string]string{}
	for _, f := range first.Findings {
		fps[f.Path] = f.Fingerprint
	}
	if len(fps) != 5 {
		t.Fatalf("want 5 findings, got %v", fps)
	}
	write(t, filepath.Join(dir, ".ampscan.toml"), `
[[allowlist]]
paths = ["fixtures/"]
reason = "fixtures"
[[allowlist]]
fingerprints = ["`+fps["old/.env"]+`"]
reason = "rotated in 2023"
[[allowlist]]
values = ["^7e57c0de"]
reason = "the organisation's test key"
`)
	code, rep, _ := scan(t, "dir", dir)
	kinds := map[string]string{}
	for _, f := range rep.Findings {
		if f.Suppression != nil {
			kinds[f.Path] = f.Suppression.Kind + ": " + f.Suppression.Reason
		}
	}
	want := map[string]string{
		"app/.env":          "inline: ampscan:allow on the line",
		"fixtures/keys.env": "allowlist: fixtures",
		"old/.env":          "fingerprint: rotated in 2023",
		"tests/unit.env":    "value: the organisation's test key",
	}
	if code != 1 || len(kinds) != 4 || rep.Summary.Total != 1 || rep.Summary.Suppressed != 4 {
		t.Errorf("exit %d, summary %+v", code, rep.Summary)
	}
	for p, w := range want {
		if kinds[p] != w {
			t.Errorf("%s: %q, want %q", p, kinds[p], w)
		}
	}
	// --no-inline-allow: the marker no longer silences its finding.
	if _, rep, _ := scan(t, "dir", "--no-inline-allow", dir); strings.Join(rep.active(), ",") != "app/.env,srv/.env" {
		t.Errorf("--no-inline-allow: active %v", rep.active())
	}
	// Text output lists accepted findings only with --show-suppressed, marked.
	_, plain, _ := runGitCLI(t, "dir", dir)
	_, shown, _ := runGitCLI(t, "dir", "--show-suppressed", dir)
	if strings.Contains(plain, "SUPPRESSED") || strings.Count(shown, "SUPPRESSED [") != 4 ||
		!strings.Contains(shown, "SUPPRESSED [value] the organisation's test key") ||
		!strings.Contains(plain, "4 suppressed (1 allowlist, 1 fingerprint, 1 inline, 1 value") {
		t.Errorf("text:\n%s\n---\n%s", plain, shown)
	}
	if strings.Contains(shown, testKey) || strings.Contains(shown, testKey[8:16]) {
		t.Errorf("the test key's value leaked into text output")
	}
	// SARIF keeps them as suppressions: inSource for the marker, external otherwise.
	_, sarif, _ := runGitCLI(t, "dir", "--format", "sarif", dir)
	if strings.Count(sarif, `"kind": "external"`) != 3 || strings.Count(sarif, `"kind": "inSource"`) != 1 {
		t.Errorf("SARIF suppressions:\n%s", sarif)
	}
}

func TestConfigInit(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, ".ampscan.toml")
	if code, out, stderr := runGitCLI(t, "config", "init", path); code != 0 || !strings.Contains(out, path) {
		t.Fatalf("exit %d %s %s", code, out, stderr)
	}
	raw, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := rules.ParseConfigFile(path, raw); err != nil {
		t.Errorf("the starter file does not parse: %v", err)
	}
	// Every commented example is valid too, once uncommented.
	var b strings.Builder
	for _, line := range strings.Split(string(raw), "\n") {
		if rest, ok := strings.CutPrefix(line, "# "); ok && (strings.HasPrefix(rest, "[") || strings.Contains(rest, " = ")) {
			line = rest
		}
		b.WriteString(line + "\n")
	}
	cfg, err := rules.ParseConfigFile(path, []byte(b.String()))
	if err != nil {
		t.Fatalf("the starter's examples do not parse: %v\n%s", err, b.String())
	}
	cat, err := rules.Builtin()
	if err != nil {
		t.Fatal(err)
	}
	if len(cfg.Allowlist) != 3 || len(cfg.Policy.DisabledRules) != 1 || cfg.Policy.CheckRules(cat) != nil {
		t.Errorf("examples: %+v", cfg)
	}
	if code, _, stderr := runGitCLI(t, "config", "init", path); code != 2 || !strings.Contains(stderr, "already exists") {
		t.Errorf("overwrite: exit %d %s", code, stderr)
	}
	if code, _, _ := runGitCLI(t, "config", "init", "--force", path); code != 0 {
		t.Errorf("--force: exit %d", code)
	}
}
