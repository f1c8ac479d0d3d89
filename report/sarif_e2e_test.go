package report_test

import (
	"bytes"
	"context"
	"encoding/json"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/owenrumney/go-sarif/v3/pkg/report/v210/sarif"

	"github.com/ampscan/ampscan/internal/cli"
	"github.com/ampscan/ampscan/rules"
)

// run executes the CLI in-process and returns its exit code and streams.
func run(t *testing.T, args ...string) (int, []byte, string) {
	t.Helper()
	var stdout, stderr bytes.Buffer
	code := cli.Run(context.Background(), args, strings.NewReader(""), &stdout, &stderr)
	return code, stdout.Bytes(), stderr.String()
}

type jsonFinding struct {
	KeyType string `json:"key_type"`
	Secret  string `json:"secret"`
	Path    string `json:"path"`
	Line    int    `json:"line"`
	Column  int    `json:"column"`
	Commit  string `json:"commit"`
}

// scanBoth runs one scan as unredacted JSON (for the secrets) and as SARIF
// with --no-redact, which SARIF must ignore.
func scanBoth(t *testing.T, args ...string) ([]jsonFinding, *sarif.Report, []byte) {
	t.Helper()
	code, out, stderr := run(t, append([]string{"--format", "json", "--no-redact", "-q"}, args...)...)
	if code > 1 {
		t.Fatalf("json scan: exit %d: %s", code, stderr)
	}
	var rep struct{ Findings []jsonFinding }
	if err := json.Unmarshal(out, &rep); err != nil {
		t.Fatal(err)
	}
	code, out, stderr = run(t, append([]string{"--format", "sarif", "--no-redact", "-q"}, args...)...)
	if code > 1 {
		t.Fatalf("sarif scan: exit %d: %s", code, stderr)
	}
	log, err := sarif.FromBytes(out, sarif.WithStrictValidation())
	if err != nil {
		t.Fatal(err)
	}
	if err := log.Validate(); err != nil {
		t.Fatalf("schema: %v", err)
	}
	return rep.Findings, log, out
}

// checkScan holds a real scan's SARIF to the same rules as the unit tests:
// one result per finding in the same order, each naming its key type and
// remediation, and no secret anywhere.
func checkScan(t *testing.T, fs []jsonFinding, log *sarif.Report, out []byte) {
	t.Helper()
	if len(fs) == 0 {
		t.Fatal("the scan found nothing")
	}
	r := log.Runs[0]
	if len(r.Results) != len(fs) {
		t.Fatalf("%d results for %d findings", len(r.Results), len(fs))
	}
	for i, res := range r.Results {
		f := fs[i]
		p, _ := rules.PolicyFor(rules.KeyType(f.KeyType))
		rule := r.Tool.Driver.Rules[res.RuleIndex]
		region := res.Locations[0].PhysicalLocation.Region
		switch {
		case *res.RuleID != f.KeyType || *rule.ID != f.KeyType:
			t.Errorf("%s:%d: ruleId %s, rule %s, want %s", f.Path, f.Line, *res.RuleID, *rule.ID, f.KeyType)
		case *region.StartLine != f.Line || *region.StartColumn != f.Column:
			t.Errorf("%s:%d: region %d:%d", f.Path, f.Line, *region.StartLine, *region.StartColumn)
		case !strings.HasPrefix(*res.Message.Text, "Amplitude "+p.Name) || !strings.Contains(*res.Message.Text, p.Remediation):
			t.Errorf("%s:%d: message %q lacks the key type or remediation", f.Path, f.Line, *res.Message.Text)
		case !strings.Contains(*rule.Help.Markdown, p.Remediation):
			t.Errorf("%s: help lacks the remediation", *rule.ID)
		}
		if f.Commit != "" && res.Properties.Properties["commit"] != f.Commit {
			t.Errorf("%s:%d: commit %v, want %s", f.Path, f.Line, res.Properties.Properties["commit"], f.Commit)
		}
	}
	for _, f := range fs {
		if len(f.Secret) < 8 || strings.Contains(f.Secret, "…") {
			t.Fatalf("JSON with --no-redact gave %q", f.Secret)
		}
		// Any 12 characters of a secret: enough to catch a redacted prefix
		// such as "client-sYW", too many to collide with words like
		// "client-side".
		for i := 0; i+12 <= len(f.Secret); i++ {
			if bytes.Contains(out, []byte(f.Secret[i:i+12])) {
				t.Errorf("SARIF holds part of the secret found at %s:%d", f.Path, f.Line)
				break
			}
		}
	}
}

func TestSARIFCorpus(t *testing.T) {
	t.Parallel()
	corpus := filepath.Join("..", "testdata", "corpus")
	if _, err := os.Stat(corpus); err != nil {
		t.Skip("no corpus:", err)
	}
	fs, log, out := scanBoth(t, "dir", corpus)
	checkScan(t, fs, log, out)
}

func TestSARIFHistory(t *testing.T) {
	t.Parallel()
	git, err := exec.LookPath("git")
	if err != nil {
		t.Skip("no git binary")
	}
	dir := t.TempDir()
	gitRun := func(args ...string) {
		t.Helper()
		cmd := exec.Command(git, append([]string{"-C", dir, "-c", "user.name=Ada Lovelace", "-c", "user.email=ada@example.com", "-c", "commit.gpgsign=false"}, args...)...)
		cmd.Env = append(os.Environ(), "GIT_AUTHOR_DATE=2024-03-09T14:05:00+01:00", "GIT_COMMITTER_DATE=2024-03-09T14:05:00+01:00")
		if out, err := cmd.CombinedOutput(); err != nil {
			t.Fatalf("git %v: %v\n%s", args, err, out)
		}
	}
	write := func(name, text string) {
		t.Helper()
		if err := os.WriteFile(filepath.Join(dir, name), []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	gitRun("init", "-q", "-b", "main")
	write(".env", "AMPLITUDE_API_KEY=3f9a2c7e41d05b86a9e3c1f7d2b04e58\nAMPLITUDE_SECRET_KEY=b71e04c9d3a25f68e0c4b19a7d3f5e21\n")
	gitRun("add", ".env")
	gitRun("commit", "-q", "-m", "add keys")
	write(".env", "AMPLITUDE_API_KEY=3f9a2c7e41d05b86a9e3c1f7d2b04e58\n")
	gitRun("commit", "-q", "-am", "drop the secret")

	if code, _, stderr := run(t, "git", "-q", "--format", "json", dir); code == 2 && strings.Contains(stderr, "unknown command") {
		t.Skip("this build has no git command yet")
	}
	fs, log, out := scanBoth(t, "git", dir)
	checkScan(t, fs, log, out)
	hex40 := regexp.MustCompile(`^[0-9a-f]{40}$`)
	for _, res := range log.Runs[0].Results {
		pr := res.Properties.Properties
		if c, _ := pr["commit"].(string); !hex40.MatchString(c) || pr["author"] != "Ada Lovelace" || pr["date"] != "2024-03-09T13:05:00Z" {
			t.Errorf("history result %s lacks commit data: %v", *res.RuleID, pr)
		}
		if _, ok := pr["in_head"].(bool); !ok {
			t.Errorf("history result %s lacks in_head", *res.RuleID)
		}
	}
}
