package cli_test

import (
	"bytes"
	"context"
	"encoding/json"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/owenrumney/go-sarif/v3/pkg/report/v210/sarif"

	"github.com/ampscan/ampscan/internal/cli"
	"github.com/ampscan/ampscan/internal/gittest"
	"github.com/ampscan/ampscan/rules"
)

// These tests run whole scans through the command line, so they live next
// to the commands; the SARIF writer's own tests stay in report/.

// runSARIF executes the CLI in-process and returns its exit code and streams.
func runSARIF(t *testing.T, args ...string) (int, []byte, string) {
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
	code, out, stderr := runSARIF(t, append([]string{"--format", "json", "--no-redact", "-q"}, args...)...)
	if code > 1 {
		t.Fatalf("json scan: exit %d: %s", code, stderr)
	}
	var rep struct{ Findings []jsonFinding }
	if err := json.Unmarshal(out, &rep); err != nil {
		t.Fatal(err)
	}
	code, out, stderr = runSARIF(t, append([]string{"--format", "sarif", "--no-redact", "-q"}, args...)...)
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
	fs, log, out := scanBoth(t, "dir", filepath.Join("..", "..", "testdata", "corpus"))
	checkScan(t, fs, log, out)
}

func TestSARIFHistory(t *testing.T) {
	t.Parallel()
	k := gittest.NewKeys(t)
	r := gittest.New(t)
	api := k.Hex()
	r.Write(".env", "AMPLITUDE_API_KEY="+api+"\nAMPLITUDE_SECRET_KEY="+k.Hex()+"\n")
	r.Commit("add keys")
	r.Write(".env", "AMPLITUDE_API_KEY="+api+"\n")
	r.Commit("drop the secret")

	fs, log, out := scanBoth(t, "git", r.Dir)
	checkScan(t, fs, log, out)
	if len(fs) != 2 {
		t.Errorf("%d findings, want the API key and the secret key", len(fs))
	}
	hex40 := regexp.MustCompile(`^[0-9a-f]{40}$`)
	added := gittest.Start.Add(time.Minute).Format(time.RFC3339)
	for _, res := range log.Runs[0].Results {
		pr := res.Properties.Properties
		if c, _ := pr["commit"].(string); !hex40.MatchString(c) || pr["author"] != "Ada Lovelace" || pr["date"] != added {
			t.Errorf("history result %s lacks commit data: %v", *res.RuleID, pr)
		}
		if _, ok := pr["in_head"].(bool); !ok {
			t.Errorf("history result %s lacks in_head", *res.RuleID)
		}
	}
}
