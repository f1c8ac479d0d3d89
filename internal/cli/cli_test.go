package cli

import (
	"bytes"
	"context"
	"encoding/json"
	"math/rand/v2"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/ampscan/ampscan/rules"
)

type result struct {
	code           int
	stdout, stderr string
}

func run(t *testing.T, stdin string, args ...string) result {
	t.Helper()
	var out, errb bytes.Buffer
	code := Run(context.Background(), args, strings.NewReader(stdin), &out, &errb)
	return result{code, out.String(), errb.String()}
}

func tree(t *testing.T, files map[string]string) string {
	t.Helper()
	dir := t.TempDir()
	for name, content := range files {
		p := filepath.Join(dir, name)
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(content), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return dir
}

func gen(seed uint64, tmpl string) string {
	return rules.ExpandExample(tmpl, rand.New(rand.NewPCG(seed, seed)))
}

func TestExitCodes(t *testing.T) {
	t.Parallel()
	secret := gen(1, "{{hex}}")
	private := tree(t, map[string]string{"server/.env": "AMPLITUDE_SECRET_KEY=" + secret + "\n"})
	public := tree(t, map[string]string{"web/.env": "NEXT_PUBLIC_AMPLITUDE_API_KEY=" + gen(2, "{{hex}}") + "\n"})
	clean := tree(t, map[string]string{"main.go": "package main\n"})
	cases := []struct {
		name string
		args []string
		want int
	}{
		{"private key fails by default", []string{"dir", private}, 1},
		{"public key alone passes by default", []string{"dir", public}, 0},
		{"public key fails with --fail-on public", []string{"dir", "--fail-on", "public", public}, 1},
		{"nothing fails with --fail-on none", []string{"dir", "--fail-on", "none", private}, 0},
		{"clean tree", []string{"dir", clean}, 0},
		{"missing path", []string{"dir", filepath.Join(clean, "nope")}, 2},
		{"bad flag", []string{"dir", "--bogus", clean}, 2},
		{"bad fail-on", []string{"dir", "--fail-on", "sometimes", clean}, 2},
		{"bad format", []string{"dir", "--format", "xml", clean}, 2},
		{"bad jobs", []string{"dir", "--jobs", "0", clean}, 2},
		{"unknown command", []string{"scan", clean}, 2},
		{"stray argument", []string{"version", "extra"}, 2},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			t.Parallel()
			r := run(t, "", c.args...)
			if r.code != c.want {
				t.Errorf("exit %d, want %d; stderr: %s", r.code, c.want, r.stderr)
			}
			if strings.Contains(r.stdout+r.stderr, secret) {
				t.Errorf("the secret appears in output without --no-redact")
			}
		})
	}
}

type jsonOut struct {
	Findings []map[string]any `json:"findings"`
	Summary  map[string]any   `json:"summary"`
}

func TestJSONContract(t *testing.T) {
	t.Parallel()
	secret, api, server := gen(3, "{{hex}}"), gen(4, "{{hex}}"), gen(5, "{{server}}")
	dir := tree(t, map[string]string{
		"a/.env":       "AMPLITUDE_SECRET_KEY=" + secret + "\n",
		"b/init.ts":    "import * as amplitude from '@amplitude/analytics-browser';\namplitude.init('" + api + "');\n",
		"c/flags.py":   "experiment = Experiment.initialize_remote('" + server + "')\n",
		"d/binary.bin": "\x00\x01\x02",
	})
	r := run(t, "", "dir", "--format", "json", dir)
	if r.code != 1 {
		t.Fatalf("exit %d, want 1: %s", r.code, r.stderr)
	}
	var out jsonOut
	if err := json.Unmarshal([]byte(r.stdout), &out); err != nil {
		t.Fatal(err)
	}
	want := []struct{ path, keyType, visibility string }{
		{"a/.env", "amplitude-secret-key", "private"},
		{"b/init.ts", "amplitude-api-key", "public"},
		{"c/flags.py", "amplitude-server-deployment-key", "private"},
	}
	if len(out.Findings) != len(want) {
		t.Fatalf("%d findings, want %d", len(out.Findings), len(want))
	}
	for i, w := range want {
		f := out.Findings[i]
		if f["path"] != w.path || f["key_type"] != w.keyType || f["visibility"] != w.visibility {
			t.Errorf("finding %d = %v %v %v, want %+v", i, f["path"], f["key_type"], f["visibility"], w)
		}
		for _, field := range []string{"line", "column", "fingerprint", "severity", "remediation", "rule_id", "docs_url", "managed_in"} {
			if _, ok := f[field]; !ok {
				t.Errorf("finding %d lacks %q", i, field)
			}
		}
		if f["line"].(float64) < 1 || f["column"].(float64) < 1 {
			t.Errorf("finding %d: line/column not 1-based", i)
		}
		if _, ok := f["commit"]; ok {
			t.Errorf("finding %d: a directory finding has no commit", i)
		}
		if _, ok := f["suppression"]; ok {
			t.Errorf("finding %d: an active finding has no suppression", i)
		}
	}
	for _, s := range []string{secret, api, server} {
		if strings.Contains(r.stdout, s) {
			t.Errorf("JSON holds a whole secret without --no-redact")
		}
	}
	if !strings.HasPrefix(out.Findings[2]["secret"].(string), "server-") {
		t.Errorf("redacted deployment key should keep its prefix: %v", out.Findings[2]["secret"])
	}
	if out.Summary["files_skipped"].(map[string]any)["binary"].(float64) != 1 {
		t.Errorf("binary file not counted: %v", out.Summary["files_skipped"])
	}

	// --no-redact shows the values; the output is byte-identical run to run.
	r2 := run(t, "", "dir", "--format", "json", "--no-redact", "--jobs", "1", dir)
	if !strings.Contains(r2.stdout, secret) {
		t.Errorf("--no-redact should show the secret")
	}
	r3 := run(t, "", "dir", "--format", "json", "--no-redact", "--jobs", "8", dir)
	if r2.stdout != r3.stdout {
		t.Errorf("JSON differs between --jobs 1 and --jobs 8")
	}
}

func TestTextReportAndOutputFile(t *testing.T) {
	t.Parallel()
	secret := gen(6, "{{hex}}")
	dir := tree(t, map[string]string{"x/.env": "AMPLITUDE_ORG_SECRET_KEY=" + secret + "\n"})
	outFile := filepath.Join(t.TempDir(), "report.txt")
	r := run(t, "", "dir", "--output", outFile, dir)
	if r.code != 1 || r.stdout != "" {
		t.Fatalf("exit %d, stdout %q", r.code, r.stdout)
	}
	text, err := os.ReadFile(outFile)
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{"PRIVATE", "amplitude-org-secret-key", "x/.env:1:26", "Contact Amplitude Support", "1 private, 0 public"} {
		if !strings.Contains(string(text), want) {
			t.Errorf("text report lacks %q:\n%s", want, text)
		}
	}
	if strings.Contains(string(text), secret) || strings.Contains(string(text), "\x1b[") {
		t.Errorf("text report to a file must be redacted and plain")
	}
}

func TestStdin(t *testing.T) {
	t.Parallel()
	key := gen(7, "{{token}}")
	r := run(t, "AMPLI_TOKEN="+key+"\n", "stdin", "--format", "json")
	if r.code != 1 || !strings.Contains(r.stdout, `"amplitude-data-api-token"`) || !strings.Contains(r.stdout, `"path": "stdin"`) {
		t.Fatalf("exit %d: %s %s", r.code, r.stdout, r.stderr)
	}
}

func TestRulesAndVersion(t *testing.T) {
	t.Parallel()
	r := run(t, "", "rules")
	if r.code != 0 {
		t.Fatalf("exit %d: %s", r.code, r.stderr)
	}
	for _, p := range rules.Policies() {
		if !strings.Contains(r.stdout, string(p.KeyType)) {
			t.Errorf("rules output lacks %s", p.KeyType)
		}
	}
	if !strings.Contains(r.stdout, "no: Support") {
		t.Errorf("rules output should say org keys need Support")
	}
	var rows []policyRow
	rj := run(t, "", "rules", "--format", "json")
	if err := json.Unmarshal([]byte(rj.stdout), &rows); err != nil || len(rows) != 9 {
		t.Fatalf("rules --format json: %v, %d rows", err, len(rows))
	}
	for _, row := range rows {
		if len(row.Rules) == 0 {
			t.Errorf("%s: no rule detects it", row.KeyType)
		}
	}
	if v := run(t, "", "version"); v.code != 0 || !strings.HasPrefix(v.stdout, "ampscan ") {
		t.Errorf("version: %d %q", v.code, v.stdout)
	}
}

func TestUserConfigRules(t *testing.T) {
	t.Parallel()
	cfg := filepath.Join(t.TempDir(), "extra.toml")
	bad := `[[rule]]
id = "acme.amplitude-key"
key_type = "amplitude-secret-key"
anchors = ["acme_amp"]
pattern = '''acme_amp\s*=\s*"(?P<secret>[0-9a-f]{32})"'''
examples = [{ text = "acme_amp = \"{{hex}}\"", key_types = ["amplitude-api-key"] }]
negative_examples = ["a", "b", "c"]
`
	if err := os.WriteFile(cfg, []byte(bad), 0o644); err != nil {
		t.Fatal(err)
	}
	r := run(t, "", "dir", "--config", cfg, t.TempDir())
	if r.code != 2 || !strings.Contains(r.stderr, "acme.amplitude-key") {
		t.Errorf("a user rule failing its own examples must be rejected at load: %d %s", r.code, r.stderr)
	}
}

func TestSuppression(t *testing.T) {
	t.Parallel()
	dir := tree(t, map[string]string{
		"app/.env":          "AMPLITUDE_SECRET_KEY=" + gen(20, "{{hex}}") + " # ampscan:allow rotated 2024-05\n",
		"fixtures/keys.env": "AMPLITUDE_SECRET_KEY=" + gen(21, "{{hex}}") + "\n",
		"srv/.env":          "AMPLITUDE_SECRET_KEY=" + gen(22, "{{hex}}") + "\n",
		".ampscan.toml":     "[allowlist]\npaths = [\"fixtures/\"]\nreason = \"test fixtures\"\n",
	})
	r := run(t, "", "dir", "--format", "json", dir)
	var out jsonOut
	if err := json.Unmarshal([]byte(r.stdout), &out); err != nil {
		t.Fatal(err)
	}
	kinds := map[string]string{}
	for _, f := range out.Findings {
		kind := ""
		if s, ok := f["suppression"].(map[string]any); ok {
			kind = s["kind"].(string)
		}
		kinds[f["path"].(string)] = kind
	}
	want := map[string]string{"app/.env": "inline", "fixtures/keys.env": "allowlist", "srv/.env": ""}
	for p, k := range want {
		if kinds[p] != k {
			t.Errorf("%s: suppression %q, want %q", p, kinds[p], k)
		}
	}
	if r.code != 1 || out.Summary["suppressed"].(float64) != 2 || out.Summary["total"].(float64) != 1 {
		t.Errorf("exit %d, summary %v", r.code, out.Summary)
	}
	// With only suppressed findings, the scan passes.
	if err := os.Remove(filepath.Join(dir, "srv/.env")); err != nil {
		t.Fatal(err)
	}
	if r := run(t, "", "dir", dir); r.code != 0 || !strings.Contains(r.stdout, "2 suppressed") {
		t.Errorf("exit %d: %s", r.code, r.stdout)
	}
}

// --output onto a pipe or device writes through it: an atomic rename would
// replace /dev/null with a plain file (it did, once). A named pipe of the
// test's own stands in for the device.
func TestOutputToPipe(t *testing.T) {
	t.Parallel()
	fifo := filepath.Join(t.TempDir(), "report.pipe")
	if err := mkfifo(fifo); err != nil {
		t.Skip("no named pipes here:", err)
	}
	got := make(chan []byte)
	go func() {
		data, _ := os.ReadFile(fifo) // blocks until the writer opens it
		got <- data
	}()
	dir := tree(t, map[string]string{"a/.env": "AMPLITUDE_SECRET_KEY=" + gen(30, "{{hex}}") + "\n"})
	if r := run(t, "", "dir", "--format", "json", "--output", fifo, dir); r.code != 1 {
		t.Fatalf("exit %d: %s", r.code, r.stderr)
	}
	st, err := os.Lstat(fifo)
	if err != nil || st.Mode()&os.ModeNamedPipe == 0 {
		t.Fatalf("%s is no longer a named pipe after --output", fifo)
	}
	select {
	case data := <-got:
		if !strings.Contains(string(data), "amplitude-secret-key") {
			t.Errorf("the report did not go through the pipe: %q", data)
		}
	case <-time.After(10 * time.Second):
		t.Fatal("nothing was written to the pipe")
	}
}

func TestUnreadableArgumentIsUsageError(t *testing.T) {
	t.Parallel()
	if os.Geteuid() == 0 {
		t.Skip("root can read a mode-000 file")
	}
	p := filepath.Join(t.TempDir(), "locked.env")
	if err := os.WriteFile(p, []byte("x\n"), 0o000); err != nil {
		t.Fatal(err)
	}
	if r := run(t, "", "dir", p); r.code != 2 || !strings.Contains(r.stderr, "locked.env") {
		t.Errorf("exit %d, stderr %q: an unreadable path on the command line is exit 2", r.code, r.stderr)
	}
}

// A rule in an .ampscan.toml found at the scanned root is gated by its own
// anchors (it finds a key in a file that never names Amplitude), and a
// broken one there fails with an error that names the file.
func TestFoundConfigRule(t *testing.T) {
	t.Parallel()
	rule := `[[rule]]
id = "acme.tracker-key"
key_type = "amplitude-api-key"
anchors = ["tracker_key"]
pattern = '''TRACKER_KEY\s*=\s*(?P<secret>[0-9a-f]{32})\b'''
examples = [
  { text = "TRACKER_KEY={{hex}}", key_types = ["amplitude-api-key"] },
  { text = "TRACKER_KEY = {{hex}}", key_types = ["amplitude-api-key"] },
  { text = "export TRACKER_KEY={{hex}}", key_types = ["amplitude-api-key"] },
]
negative_examples = ["TRACKER_KEY=changeme", "TRACKER_KEY=", "OTHER={{hex}}"]
`
	key := gen(15, "{{hex}}")
	good := tree(t, map[string]string{".ampscan.toml": rule, "deploy/app.env": "TRACKER_KEY=" + key + "\n"})
	r := run(t, "", "dir", "--format", "json", "--no-redact", good)
	if r.code != 0 || !strings.Contains(r.stdout, key) || !strings.Contains(r.stdout, "acme.tracker-key") {
		t.Errorf("the found config's rule must find its key: %d %s %s", r.code, r.stdout, r.stderr)
	}
	broken := tree(t, map[string]string{".ampscan.toml": strings.Replace(rule, `anchors = ["tracker_key"]`, "", 1)})
	r = run(t, "", "dir", broken)
	if r.code != 2 || !strings.Contains(r.stderr, ".ampscan.toml") || !strings.Contains(r.stderr, "anchors") {
		t.Errorf("a broken rule must fail naming the file and the field: %d %s", r.code, r.stderr)
	}
}
