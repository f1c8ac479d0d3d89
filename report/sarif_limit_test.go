package report

import (
	"cmp"
	"fmt"
	"slices"
	"strings"
	"testing"

	"github.com/ampscan/ampscan/rules"
	"github.com/ampscan/ampscan/scanner"
)

func TestSARIFTruncates(t *testing.T) {
	t.Parallel()
	rep := fixtureReport()
	s := &SARIF{limit: 3}
	l := parseGH(t, writeSARIF(t, s, rep))
	run := l.Runs[0]

	// The most severe three, ties in the sorted order, written in the sorted order.
	bySev := slices.Clone(rep.Findings)
	slices.SortStableFunc(bySev, func(a, b scanner.Finding) int { return cmp.Compare(b.Severity, a.Severity) })
	want := bySev[:3]
	slices.SortStableFunc(want, func(a, b scanner.Finding) int {
		return slices.Index(fingerprints(rep.Findings), a.Fingerprint) - slices.Index(fingerprints(rep.Findings), b.Fingerprint)
	})
	var got []string
	for _, r := range run.Results {
		got = append(got, r.PartialFingerprints["ampscan/v1"])
	}
	if !slices.Equal(got, fingerprints(want)) {
		t.Errorf("kept %v, want %v", got, fingerprints(want))
	}
	props := run.Properties
	if props["truncated"] != true || props["totalResults"] != float64(len(rep.Findings)) || props["keptResults"] != float64(3) {
		t.Errorf("run properties %v", props)
	}
	ws := s.Warnings()
	if len(ws) != 1 || !strings.Contains(ws[0], fmt.Sprintf("3 most severe of %d", len(rep.Findings))) {
		t.Errorf("warnings %q", ws)
	}
	// The warning is per write: a write under the limit clears it.
	s.limit = 100
	writeSARIF(t, s, rep)
	if ws := s.Warnings(); ws != nil {
		t.Errorf("warnings after an untruncated write: %q", ws)
	}
}

func fingerprints(fs []scanner.Finding) []string {
	out := make([]string, len(fs))
	for i, f := range fs {
		out[i] = f.Fingerprint
	}
	return out
}

// TestSARIFGitHubLimit checks the real limit on the selection alone
// (writing 25,000 results takes seconds under -race): 25,001 findings, the
// most severe sorted last, keep 25,000 that include it.
func TestSARIFGitHubLimit(t *testing.T) {
	t.Parallel()
	if got := (&SARIF{}).maxResults(); got != 25000 {
		t.Fatalf("default limit %d, want GitHub's 25,000", got)
	}
	fs := make([]scanner.Finding, 0, MaxSARIFResults+1)
	for i := range MaxSARIFResults {
		fs = append(fs, fixtureFinding("amplitude.sdk.init", rules.APIKey, fmt.Sprintf("%032x", i+1), fmt.Sprintf("a/%05d.js", i), 1, 1))
	}
	fs = append(fs, fixtureFinding("amplitude.org.assignment", rules.OrgSecretKey, fxOrgSecret, "z.py", 1, 1))
	scanner.Finalize(fs)
	kept := mostSevere(fs, (&SARIF{}).maxResults())
	if len(kept) != MaxSARIFResults {
		t.Fatalf("kept %d, want %d", len(kept), MaxSARIFResults)
	}
	if last := kept[len(kept)-1]; last.KeyType != rules.OrgSecretKey {
		t.Errorf("last kept is %s, want the org secret key", last.KeyType)
	}
	if got := kept[len(kept)-2].Path; got != "a/24998.js" {
		t.Errorf("the last public key should be dropped; kept before the org key: %s", got)
	}
	if got := mostSevere(fs[:MaxSARIFResults], MaxSARIFResults); len(got) != MaxSARIFResults {
		t.Errorf("exactly at the limit kept %d", len(got))
	}
}

func TestArtifactURI(t *testing.T) {
	t.Parallel()
	for _, tc := range []struct{ path, want string }{
		{"web/src/app.ts", "web/src/app.ts"},
		{".env", ".env"},
		{"./x/y.js", "x/y.js"},
		{"/abs/file.go", "abs/file.go"},
		{"my dir/a b.txt", "my%20dir/a%20b.txt"},
		{"c:/x", "c%3A/x"},
		{"a:b/c", "a%3Ab/c"},
		{"ünï.json", "%C3%BCn%C3%AF.json"},
		{"100%/#1?.md", "100%25/%231%3F.md"},
		{`back\slash`, "back%5Cslash"},
	} {
		if got := artifactURI(tc.path); got != tc.want {
			t.Errorf("artifactURI(%q) = %q, want %q", tc.path, got, tc.want)
		}
	}
}

func TestSemanticVersion(t *testing.T) {
	t.Parallel()
	for _, tc := range []struct {
		in, want string
		ok       bool
	}{
		{"v1.2.3", "1.2.3", true},
		{"0.4.0-rc.1+build.5", "0.4.0-rc.1+build.5", true},
		{"v0.0.0-20260410095643-746e56fc9e2f", "0.0.0-20260410095643-746e56fc9e2f", true},
		{"dev", "", false},
		{"1.2", "", false},
		{"01.2.3", "", false},
	} {
		got, ok := semanticVersion(tc.in)
		if got != tc.want || ok != tc.ok {
			t.Errorf("semanticVersion(%q) = %q, %v; want %q, %v", tc.in, got, ok, tc.want, tc.ok)
		}
	}
}

func TestRuleName(t *testing.T) {
	t.Parallel()
	if got := ruleName(rules.SecretKey); got != "AmplitudeSecretKey" {
		t.Errorf("ruleName = %q", got)
	}
	for _, p := range rules.Policies() {
		if p.SARIFScore == "" || p.Precision == "" {
			t.Errorf("no SARIF rank for %s: score %q, precision %q", p.KeyType, p.SARIFScore, p.Precision)
		}
	}
}
