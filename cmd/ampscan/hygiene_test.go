//go:build unix

package main

import (
	"encoding/base64"
	"encoding/json"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"syscall"
	"testing"

	"github.com/ampscan/ampscan/internal/gittest"
)

// credentials is one generated value of each of the nine key types, and
// the encoded forms in which the tree also carries some of them.
type credentials struct {
	byType  map[string]string
	encoded []string
	env     string // a .env file naming all nine
	http    string // an HTTP Basic credential (base64 of API:SECRET)
	k8s     string // a Kubernetes Secret (base64 of a secret key)
}

func newCredentials() *credentials {
	k := newKeyGen(99)
	alnum := func(n int) string {
		const chars = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789"
		b := make([]byte, n)
		for i := range b {
			b[i] = chars[k.r.IntN(len(chars))]
		}
		// Make sure of all three classes, as real keys have.
		b[0], b[1], b[2] = 'Q', 'q', '7'
		return string(b)
	}
	c := &credentials{byType: map[string]string{
		"amplitude-api-key":               k.hex(),
		"amplitude-secret-key":            k.hex(),
		"amplitude-client-deployment-key": "client-" + alnum(32),
		"amplitude-server-deployment-key": "server-" + alnum(32),
		"amplitude-management-api-key":    alnum(40),
		"amplitude-data-api-token":        alnum(32),
		"amplitude-scim-key":              alnum(44),
		"amplitude-org-api-key":           k.hex(),
		"amplitude-org-secret-key":        k.hex(),
	}}
	v := c.byType
	c.env = "AMPLITUDE_API_KEY=" + v["amplitude-api-key"] + "\n" +
		"AMPLITUDE_SECRET_KEY=" + v["amplitude-secret-key"] + "\n" +
		"AMPLITUDE_DEPLOYMENT_KEY=" + v["amplitude-client-deployment-key"] + "\n" +
		"AMPLITUDE_SERVER_DEPLOYMENT_KEY=" + v["amplitude-server-deployment-key"] + "\n" +
		"AMPLITUDE_MANAGEMENT_API_KEY=" + v["amplitude-management-api-key"] + "\n" +
		"AMPLI_TOKEN=" + v["amplitude-data-api-token"] + "\n" +
		"AMPLITUDE_SCIM_KEY=" + v["amplitude-scim-key"] + "\n" +
		"AMPLITUDE_ORG_API_KEY=" + v["amplitude-org-api-key"] + "\n" +
		"AMPLITUDE_ORG_SECRET_KEY=" + v["amplitude-org-secret-key"] + "\n"
	api2, secret2, secret3 := k.hex(), k.hex(), k.hex()
	basic := base64.StdEncoding.EncodeToString([]byte(api2 + ":" + secret2))
	c.http = "curl -H 'Authorization: Basic " + basic + "' https://amplitude.com/api/2/export\n"
	b64 := base64.StdEncoding.EncodeToString([]byte(secret3))
	c.k8s = "apiVersion: v1\nkind: Secret\nmetadata:\n  name: amplitude\ndata:\n  AMPLITUDE_SECRET_KEY: " + b64 + "\n"
	c.encoded = []string{basic, b64}
	return c
}

// forbidden is every full secret value: those planted, those the scanner
// decoded (from --no-redact JSON), and the encoded forms.
func (c *credentials) forbidden(found []string) []string {
	var out []string
	for _, v := range c.byType {
		out = append(out, v)
	}
	out = append(append(out, c.encoded...), found...)
	slices.Sort(out)
	return slices.Compact(out)
}

// unredacted runs a scan with --no-redact and returns the secrets and key
// types it found: proof that the scan sees every planted credential.
func unredacted(t *testing.T, args ...string) (secrets []string, types map[string]bool) {
	t.Helper()
	r := runAmpscan(t, nil, append([]string{"--format", "json", "--no-redact", "-q"}, args...)...)
	var rep struct {
		Findings []struct {
			KeyType string `json:"key_type"`
			Secret  string `json:"secret"`
		} `json:"findings"`
	}
	if err := json.Unmarshal([]byte(r.stdout), &rep); err != nil {
		t.Fatalf("exit %d: %v\n%s", r.code, err, r.stderr)
	}
	types = map[string]bool{}
	for _, f := range rep.Findings {
		secrets = append(secrets, f.Secret)
		types[f.KeyType] = true
	}
	return secrets, types
}

// TestNoSecretLeaks scans a tree and a history full of credentials of all
// nine types with default flags, in every format, to stdout and to a file,
// and through error paths (an unreadable file, bad configurations quoting
// a secret); no stream may hold a full secret value.
func TestNoSecretLeaks(t *testing.T) {
	c := newCredentials()
	dir := t.TempDir()
	files := map[string]string{"app/.env": c.env, "ops/export.sh": c.http, "k8s/secret.yaml": c.k8s}
	for p, body := range files {
		writeFile(t, filepath.Join(dir, p), body)
	}
	repo := gittest.New(t)
	for p, body := range files {
		repo.Write(p, body)
	}
	repo.Commit("add credentials")
	for p := range files {
		repo.Remove(p)
	}
	repo.Commit("remove them")

	var found []string
	for _, target := range [][]string{{"dir", dir}, {"git", repo.Dir}} {
		secrets, types := unredacted(t, target...)
		if len(types) != 9 {
			t.Fatalf("%s found key types %v, want all nine", target[0], types)
		}
		found = append(found, secrets...)
	}
	forbidden := c.forbidden(found)

	check := func(t *testing.T, what string, streams ...string) {
		t.Helper()
		for _, s := range streams {
			for _, secret := range forbidden {
				if strings.Contains(s, secret) {
					t.Errorf("%s holds the full secret %.4s…", what, secret)
				}
			}
		}
	}
	for _, target := range [][]string{{"dir", dir}, {"git", repo.Dir}} {
		for _, format := range []string{"text", "json", "sarif"} {
			out := filepath.Join(t.TempDir(), "report")
			r := runAmpscan(t, nil, append([]string{"--format", format}, target...)...)
			rf := runAmpscan(t, nil, append([]string{"--format", format, "--output", out}, target...)...)
			report, err := os.ReadFile(out)
			if r.code != 1 || rf.code != 1 || err != nil || len(r.stdout) < 100 {
				t.Fatalf("%s %s: exit %d/%d, %v", target[0], format, r.code, rf.code, err)
			}
			check(t, target[0]+" "+format, r.stdout, r.stderr, rf.stdout, rf.stderr, string(report))
		}
	}
	t.Run("bad configurations", func(t *testing.T) {
		for name, cfg := range badConfigs(c) {
			path := filepath.Join(t.TempDir(), "bad.toml")
			writeFile(t, path, cfg)
			r := runAmpscan(t, nil, "--config", path, "dir", dir)
			t.Logf("%s: exit %d: %s", name, r.code, strings.TrimSpace(r.stderr))
			if r.code != 2 {
				t.Errorf("%s: exit %d, want 2", name, r.code)
			}
			check(t, "config error "+name, r.stdout, r.stderr)
		}
	})
	t.Run("unreadable file", func(t *testing.T) {
		locked := filepath.Join(dir, "locked", ".env")
		writeFile(t, locked, c.env)
		if err := os.Chmod(locked, 0); err != nil {
			t.Fatal(err)
		}
		defer func() { _ = os.Chmod(locked, 0o644) }()
		cmd := ampscanCmd(t, nil, "dir", dir)
		if os.Geteuid() == 0 { // root reads anything: scan as nobody
			cmd = asNobody(t, dir)
		}
		var stdout, stderr strings.Builder
		cmd.Stdout, cmd.Stderr = &stdout, &stderr
		code := exitStatus(t, cmd.Run())
		t.Logf("exit %d: %s", code, strings.TrimSpace(stderr.String()))
		if code != 1 || !strings.Contains(stderr.String(), "locked/.env") {
			t.Errorf("exit %d, stderr %q: want the unreadable file named and the scan to go on", code, stderr.String())
		}
		check(t, "unreadable file", stdout.String(), stderr.String())
	})
}

// badConfigs are configuration files that fail to load, each quoting a
// secret where an error message might repeat it.
func badConfigs(c *credentials) map[string]string {
	secret := c.byType["amplitude-secret-key"]
	server := c.byType["amplitude-server-deployment-key"]
	token := c.byType["amplitude-management-api-key"]
	rule := func(example, pattern string) string {
		return "[[rule]]\nid = \"custom\"\nkey_type = \"amplitude-secret-key\"\nclassify = \"fixed\"\nanchors = [\"custom\"]\n" +
			"pattern = '''" + pattern + "'''\nexamples = [\n" + strings.Repeat("  { text = \""+example+"\", key_types = [\"amplitude-secret-key\"] },\n", 3) + "]\n"
	}
	return map[string]string{
		"example that fails":      rule("custom: "+secret+" and AMPLITUDE_SERVER_KEY="+server, `custom-(?P<secret>[0-9a-f]{32})`) + negatives("none"),
		"negative example fails":  rule("custom-"+secret, `custom-(?P<secret>[0-9a-f]{32})`) + negatives("custom-"+c.byType["amplitude-org-secret-key"]),
		"bad pattern":             rule("custom-"+secret, `custom-(?P<secret>`+secret+`(`) + negatives("none"),
		"syntax error":            "[allowlist]\npaths = [" + secret + "]\n",
		"unknown field":           "[allowlist]\npaths = []\n" + "amplitude_token = \"" + token + "\"\n",
		"wrong type":              "[allowlist]\npaths = \"" + server + "\"\n",
		"bad key type in example": rule("AMPLITUDE_MANAGEMENT_API_KEY="+token, `custom-(?P<secret>[0-9a-f]{32})`) + negatives("none"),
	}
}

// negatives is a negative_examples line of the same text three times.
func negatives(text string) string {
	return "negative_examples = [" + strings.Repeat("\""+text+"\", ", 3) + "]\n"
}

func writeFile(t *testing.T, path, body string) {
	t.Helper()
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(path, []byte(body), 0o644); err != nil {
		t.Fatal(err)
	}
}

// asNobody returns an ampscan process that runs as user nobody (65534),
// from a copy of the test binary that user can execute, so that a mode-000
// file is unreadable to it as it would be to anyone but root.
func asNobody(t *testing.T, dir string) *exec.Cmd {
	t.Helper()
	exe, err := os.Executable()
	if err != nil {
		t.Fatal(err)
	}
	bin := filepath.Join(t.TempDir(), "ampscan")
	raw, err := os.ReadFile(exe)
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(bin, raw, 0o755); err != nil {
		t.Fatal(err)
	}
	for _, d := range []string{filepath.Dir(bin), dir} {
		for p := d; p != os.TempDir() && p != "/" && p != "."; p = filepath.Dir(p) {
			if err := os.Chmod(p, 0o755); err != nil {
				t.Fatal(err)
			}
		}
	}
	cmd := ampscanCmd(t, nil, "dir", dir)
	cmd.Path, cmd.Args[0] = bin, bin
	cmd.SysProcAttr = &syscall.SysProcAttr{Credential: &syscall.Credential{Uid: 65534, Gid: 65534}}
	return cmd
}
