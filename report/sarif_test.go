package report

import (
	"bytes"
	"encoding/json"
	"flag"
	"net/url"
	"os"
	"path/filepath"
	"reflect"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/owenrumney/go-sarif/v3/pkg/report/v210/sarif"

	"github.com/ampscan/ampscan/rules"
	"github.com/ampscan/ampscan/scanner"
)

var update = flag.Bool("update", false, "rewrite golden files")

// Generated values shaped like real keys; none is a live credential.
const (
	fxAPIKey       = "3f9a2c7e41d05b86a9e3c1f7d2b04e58"
	fxSecretKey    = "b71e04c9d3a25f68e0c4b19a7d3f5e21"
	fxServerDeploy = "server-Qm7ZtR2xK9pL4vN8cW1yB6sD3fH5jG0a"
	fxClientDeploy = "client-Hx3Vb8Nq2Lm6Tz9Rk4Pw1Yd7Cs5Fg0Ja"
	fxDataToken    = "amp_dt.9fK2mQ7xR4tZ8vB1nL6pW3sY0cH5jD2e"
	fxSCIMKey      = "scim_Zr8Kq3Wm7Tx2Vn6Bp1Ly5Hd9Fs4Gc0Jx"
	fxOrgSecret    = "e8d2f6a1c93b47e05d1a8f3c6b29e74d"
	fxAcceptedKey  = "5c0e9a3d7f18b24e6a9d0c3f7b15e82a"
)

var fixtureSecrets = []string{fxAPIKey, fxSecretKey, fxServerDeploy, fxClientDeploy, fxDataToken, fxSCIMKey, fxOrgSecret, fxAcceptedKey}

func fixtureFinding(rule string, kt rules.KeyType, secret, path string, line, col int) scanner.Finding {
	return scanner.Finding{
		RuleID: rule, KeyType: kt, Secret: secret, Path: path,
		Line: line, Column: col, EndColumn: col + len([]rune(secret)),
	}
}

// fixtureReport is a realistic report: directory and history findings,
// public and private keys, an exposure, and paths that need URI escaping.
func fixtureReport() *scanner.Report {
	exposed := fixtureFinding("amplitude.secret-key.assignment", rules.SecretKey, fxSecretKey, "web/.env.production", 4, 27)
	exposed.Exposure = "public-bundle prefix NEXT_PUBLIC_"
	fs := []scanner.Finding{
		fixtureFinding("amplitude.sdk.init", rules.APIKey, fxAPIKey, "web/src/analytics.ts", 12, 19),
		exposed,
		fixtureFinding("amplitude.experiment.client", rules.ClientDeploymentKey, fxClientDeploy, "mobile/App config/ünïcode:v2.json", 3, 16),
		fixtureFinding("amplitude.ampli.cli-token", rules.DataAPIToken, fxDataToken, ".github/workflows/ampli.yml", 21, 25),
		fixtureFinding("amplitude.scim.bearer", rules.SCIMKey, fxSCIMKey, "ops/provision #1.sh", 7, 40),
	}
	deploy := fixtureFinding("amplitude.experiment.server", rules.ServerDeploymentKey, fxServerDeploy, "services/flags/main.go", 18, 30)
	deploy.Commit = &scanner.Commit{
		ID: "4b825dc642cb6eb9a060e54bf8d69288fbee4904", Author: "Ada Lovelace", Email: "ada@example.com",
		Date: time.Date(2024, 3, 9, 14, 5, 0, 0, time.FixedZone("CET", 3600)),
	}
	org := fixtureFinding("amplitude.org.assignment", rules.OrgSecretKey, fxOrgSecret, "scripts/export.py", 9, 22)
	org.Commit = &scanner.Commit{
		ID: "9c1e7b3a5d2f4e6a8b0c1d3e5f7a9b1c3d5e7f90", Author: "Grace Hopper", Email: "grace@example.com",
		Date: time.Date(2023, 11, 30, 23, 59, 59, 0, time.UTC), InHead: true,
		HeadLocations: []scanner.Location{{Path: "scripts/export.py", Line: 11, Column: 22}},
	}
	accepted := fixtureFinding("amplitude.assignment", rules.APIKey, fxAcceptedKey, "testdata/fixture.env", 2, 19)
	accepted.Suppression = &scanner.Suppression{Kind: "allowlist", Reason: "generated test fixtures"}
	fs = append(fs, deploy, org, accepted)
	scanner.Finalize(fs)
	return &scanner.Report{Findings: fs, Notes: []string{"shallow clone: history before the boundary was not scanned"}}
}

func writeSARIF(t *testing.T, s *SARIF, rep *scanner.Report) []byte {
	t.Helper()
	var buf bytes.Buffer
	if err := s.Write(&buf, rep); err != nil {
		t.Fatalf("Write: %v", err)
	}
	return buf.Bytes()
}

func TestSARIFGolden(t *testing.T) {
	t.Parallel()
	got := writeSARIF(t, &SARIF{Options: Options{Version: "v1.2.3"}}, fixtureReport())
	golden := filepath.Join("testdata", "golden.sarif")
	if *update {
		if err := os.MkdirAll("testdata", 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(golden, got, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	want, err := os.ReadFile(golden)
	if err != nil {
		t.Fatalf("%v (run go test ./report -update)", err)
	}
	if diff := cmp.Diff(string(want), string(got)); diff != "" {
		t.Errorf("SARIF differs from %s (-want +got; run go test ./report -update and review):\n%s", golden, diff)
	}
}

// TestSARIFSchema validates the bytes we write against the SARIF 2.1.0
// schema that go-sarif embeds, after checking that go-sarif's model holds
// every byte of them (so the validation sees exactly what we wrote).
func TestSARIFSchema(t *testing.T) {
	t.Parallel()
	out := writeSARIF(t, &SARIF{Options: Options{Version: "dev"}}, fixtureReport())
	validateSARIF(t, out)
}

func validateSARIF(t *testing.T, out []byte) {
	t.Helper()
	log, err := sarif.FromBytes(out, sarif.WithStrictValidation())
	if err != nil {
		t.Fatalf("parse: %v", err)
	}
	again, err := json.Marshal(log)
	if err != nil {
		t.Fatal(err)
	}
	var a, b any
	if err := json.Unmarshal(out, &a); err != nil {
		t.Fatal(err)
	}
	if err := json.Unmarshal(again, &b); err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(a, b) {
		t.Fatalf("go-sarif's model does not round-trip our output:\n%s", again)
	}
	if err := log.Validate(); err != nil {
		t.Fatalf("schema: %v", err)
	}
}

// The parts of a SARIF log that GitHub's checks read.
type ghLog struct {
	Runs []struct {
		ColumnKind string `json:"columnKind"`
		Tool       struct {
			Driver struct {
				Name, Version, SemanticVersion, InformationURI string
				Rules                                          []ghRule `json:"rules"`
			} `json:"driver"`
		} `json:"tool"`
		Results    []ghResult     `json:"results"`
		Properties map[string]any `json:"properties"`
	} `json:"runs"`
}

type ghText struct{ Text, Markdown string }

type ghRule struct {
	ID, Name                                string
	ShortDescription, FullDescription, Help ghText
	HelpURI                                 string `json:"helpUri"`
	DefaultConfiguration                    struct{ Level string }
	Properties                              map[string]any
}

type ghResult struct {
	RuleID    string `json:"ruleId"`
	RuleIndex int    `json:"ruleIndex"`
	Level     string
	Message   ghText
	Locations []struct {
		PhysicalLocation struct {
			ArtifactLocation struct {
				URI       string `json:"uri"`
				URIBaseID string `json:"uriBaseId"`
			}
			Region struct{ StartLine, StartColumn, EndLine, EndColumn int }
		}
	}
	PartialFingerprints map[string]string
	Properties          map[string]any
}

func parseGH(t *testing.T, out []byte) ghLog {
	t.Helper()
	var l ghLog
	if err := json.Unmarshal(out, &l); err != nil {
		t.Fatal(err)
	}
	if len(l.Runs) != 1 {
		t.Fatalf("want one run, got %d", len(l.Runs))
	}
	return l
}

func TestSARIFRules(t *testing.T) {
	t.Parallel()
	l := parseGH(t, writeSARIF(t, &SARIF{Options: Options{Version: "v1.2.3"}}, &scanner.Report{}))
	d := l.Runs[0].Tool.Driver
	if d.Name != "ampscan" || d.Version != "v1.2.3" || d.SemanticVersion != "1.2.3" || d.InformationURI != toolInfoURI {
		t.Errorf("driver = %q %q %q %q", d.Name, d.Version, d.SemanticVersion, d.InformationURI)
	}
	pols := rules.Policies()
	if len(d.Rules) != len(pols) {
		t.Fatalf("want %d rules (one per key type, even with no results), got %d", len(pols), len(d.Rules))
	}
	seen := map[string]bool{}
	for i, r := range d.Rules {
		p := pols[i]
		if r.ID != string(p.KeyType) || seen[r.ID] {
			t.Errorf("rule %d: id %q, want unique %q", i, r.ID, p.KeyType)
		}
		seen[r.ID] = true
		checkRule(t, r, p)
	}
}

func checkRule(t *testing.T, r ghRule, p rules.Policy) {
	t.Helper()
	if r.Name == "" || strings.ContainsAny(r.Name, "- ") {
		t.Errorf("%s: name %q is not CamelCase", r.ID, r.Name)
	}
	for what, s := range map[string]string{"shortDescription": r.ShortDescription.Text, "fullDescription": r.FullDescription.Text} {
		if s == "" || len(s) >= 1024 {
			t.Errorf("%s: %s has %d bytes, want 1..1023", r.ID, what, len(s))
		}
	}
	for _, help := range []string{r.Help.Text, r.Help.Markdown} {
		for _, want := range []string{p.Action, p.Remediation, p.ManagedIn, p.DocsURL} {
			if !strings.Contains(help, want) {
				t.Errorf("%s: help lacks %q", r.ID, want)
			}
		}
	}
	tags, _ := r.Properties["tags"].([]any)
	for _, want := range []string{"security", "secret", string(p.KeyType), string(p.Visibility)} {
		if !slices.Contains(tags, any(want)) {
			t.Errorf("%s: tags %v lack %q", r.ID, tags, want)
		}
	}
	if prec := r.Properties["precision"]; prec != "high" && prec != "medium" {
		t.Errorf("%s: precision %v", r.ID, prec)
	}
	sev, ok := r.Properties["security-severity"].(string)
	score, err := strconv.ParseFloat(sev, 64)
	switch {
	case !ok || err != nil:
		t.Errorf("%s: security-severity %#v is not a string number", r.ID, r.Properties["security-severity"])
	case p.Visibility == rules.Private && (score < 7 || score > 10):
		t.Errorf("%s: private key scored %v, want high (7-10)", r.ID, score)
	case p.Visibility == rules.Public && (score < 0.1 || score >= 4):
		t.Errorf("%s: public key scored %v, want low (0.1-3.9)", r.ID, score)
	}
	if want := map[rules.Visibility]string{rules.Private: "error", rules.Public: "note"}[p.Visibility]; r.DefaultConfiguration.Level != want {
		t.Errorf("%s: default level %q, want %q", r.ID, r.DefaultConfiguration.Level, want)
	}
}

// TestSARIFResults checks every result against GitHub's rules for uploads.
func TestSARIFResults(t *testing.T) {
	t.Parallel()
	rep := fixtureReport()
	l := parseGH(t, writeSARIF(t, &SARIF{}, rep))
	run := l.Runs[0]
	if run.ColumnKind != "unicodeCodePoints" {
		t.Errorf("columnKind %q", run.ColumnKind)
	}
	if len(run.Results) != len(rep.Findings) {
		t.Fatalf("%d results for %d findings", len(run.Results), len(rep.Findings))
	}
	for i, res := range run.Results {
		f := rep.Findings[i]
		checkResult(t, res, &f, run.Tool.Driver.Rules)
	}
}

func checkResult(t *testing.T, res ghResult, f *scanner.Finding, rs []ghRule) {
	t.Helper()
	p := f.Policy()
	if res.RuleIndex < 0 || res.RuleIndex >= len(rs) || rs[res.RuleIndex].ID != res.RuleID || res.RuleID != string(f.KeyType) {
		t.Errorf("%s: ruleId %q / ruleIndex %d do not match a rule", f.Path, res.RuleID, res.RuleIndex)
	}
	if want := map[rules.Visibility]string{rules.Private: "error", rules.Public: "note"}[f.Visibility]; res.Level != want {
		t.Errorf("%s: level %q, want %q", f.Path, res.Level, want)
	}
	first, _, _ := strings.Cut(res.Message.Text, ". ")
	if !strings.Contains(first, p.Name) || !strings.Contains(strings.ToLower(res.Message.Text), strings.ToLower(p.Action)) {
		t.Errorf("%s: message's first sentence %q lacks the key type or the action", f.Path, first)
	}
	if len(res.Locations) != 1 {
		t.Fatalf("%s: %d locations", f.Path, len(res.Locations))
	}
	pl := res.Locations[0].PhysicalLocation
	u, err := url.Parse(pl.ArtifactLocation.URI)
	switch {
	case err != nil, u.Scheme != "", u.Host != "", strings.HasPrefix(pl.ArtifactLocation.URI, "/"):
		t.Errorf("%s: uri %q is not a relative reference (%v)", f.Path, pl.ArtifactLocation.URI, err)
	case u.Path != f.Path:
		t.Errorf("uri %q decodes to %q, want %q", pl.ArtifactLocation.URI, u.Path, f.Path)
	}
	if pl.ArtifactLocation.URIBaseID != "%SRCROOT%" {
		t.Errorf("%s: uriBaseId %q", f.Path, pl.ArtifactLocation.URIBaseID)
	}
	r := pl.Region
	if r.StartLine != f.Line || r.StartColumn != f.Column || r.EndColumn != f.EndColumn || r.StartLine < 1 || r.StartColumn < 1 || r.EndColumn < r.StartColumn {
		t.Errorf("%s: region %+v for %d:%d-%d", f.Path, r, f.Line, f.Column, f.EndColumn)
	}
	if got := res.PartialFingerprints; len(got) != 1 || got["ampscan/v1"] != f.Fingerprint {
		t.Errorf("%s: partialFingerprints %v, want only ampscan/v1=%s", f.Path, got, f.Fingerprint)
	}
	if res.Properties["rule_id"] != f.RuleID || res.Properties["severity"] != f.Severity.String() {
		t.Errorf("%s: properties %v", f.Path, res.Properties)
	}
	if f.Exposure != "" && res.Properties["exposure"] != f.Exposure {
		t.Errorf("%s: exposure %v", f.Path, res.Properties["exposure"])
	}
	if c := f.Commit; c != nil {
		want := map[string]any{"commit": c.ID, "author": c.Author, "email": c.Email, "date": c.Date.UTC().Format(time.RFC3339), "in_head": c.InHead}
		for k, v := range want {
			if res.Properties[k] != v {
				t.Errorf("%s: property %s = %v, want %v", f.Path, k, res.Properties[k], v)
			}
		}
	}
}

func TestSARIFNoSecrets(t *testing.T) {
	t.Parallel()
	out := writeSARIF(t, &SARIF{Options: Options{ShowSecrets: true}}, fixtureReport())
	for _, s := range fixtureSecrets {
		// No run of 8 characters of a secret: not the value, not a
		// redacted prefix, not a fragment.
		for i := 0; i+8 <= len(s); i++ {
			if bytes.Contains(out, []byte(s[i:i+8])) {
				t.Errorf("output holds %q, part of a secret", s[i:i+8])
			}
		}
		if bytes.Contains(out, []byte(Redact(s))) {
			t.Errorf("output holds the redacted form %q", Redact(s))
		}
	}
}

func TestSARIFDeterministic(t *testing.T) {
	t.Parallel()
	a := writeSARIF(t, &SARIF{}, fixtureReport())
	rep := fixtureReport()
	slices.Reverse(rep.Findings)
	b := writeSARIF(t, &SARIF{}, rep)
	if !bytes.Equal(a, b) {
		t.Error("same findings in another order give different bytes")
	}
	if c := writeSARIF(t, &SARIF{}, fixtureReport()); !bytes.Equal(a, c) {
		t.Error("two writes of the same report differ")
	}
}

func TestSARIFUnknownKeyType(t *testing.T) {
	t.Parallel()
	rep := &scanner.Report{Findings: []scanner.Finding{{KeyType: "amplitude-nonsense", Path: "x", Line: 1, Column: 1, EndColumn: 2}}}
	var buf bytes.Buffer
	if err := (&SARIF{}).Write(&buf, rep); err == nil || buf.Len() != 0 {
		t.Errorf("want an error and no output, got %v and %d bytes", err, buf.Len())
	}
}

func TestSARIFHook(t *testing.T) {
	t.Parallel()
	w, err := New("sarif", Options{})
	if err != nil {
		t.Fatal(err)
	}
	if _, ok := w.(Warner); !ok {
		t.Errorf("New(\"sarif\") = %T, want a Warner", w)
	}
}

// An accepted finding is uploaded as a suppressed result, so code scanning
// closes its alert rather than forgetting it.
func TestSARIFSuppressions(t *testing.T) {
	t.Parallel()
	var doc struct {
		Runs []struct {
			Results []struct {
				Locations []struct {
					PhysicalLocation struct {
						ArtifactLocation struct{ URI string } `json:"artifactLocation"`
					} `json:"physicalLocation"`
				} `json:"locations"`
				Suppressions []struct{ Kind, Justification string } `json:"suppressions"`
			} `json:"results"`
		} `json:"runs"`
	}
	if err := json.Unmarshal(writeSARIF(t, &SARIF{}, fixtureReport()), &doc); err != nil {
		t.Fatal(err)
	}
	suppressed := 0
	for _, r := range doc.Runs[0].Results {
		uri := r.Locations[0].PhysicalLocation.ArtifactLocation.URI
		if len(r.Suppressions) > 0 {
			suppressed++
			if uri != "testdata/fixture.env" || r.Suppressions[0].Kind != "external" || r.Suppressions[0].Justification == "" {
				t.Errorf("%s: suppressions %+v", uri, r.Suppressions)
			}
		}
	}
	if suppressed != 1 {
		t.Errorf("%d suppressed results, want 1", suppressed)
	}
}
