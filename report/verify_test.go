package report

import (
	"bytes"
	"encoding/json"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/ampscan/ampscan/rules"
	"github.com/ampscan/ampscan/scanner"
)

// verifiedReport is fixtureReport as --verify leaves it: a live private
// key (raised to critical), a live public key, and the other statuses.
func verifiedReport() *scanner.Report {
	rep := fixtureReport()
	set := map[rules.KeyType]scanner.Verification{
		rules.ServerDeploymentKey: {Status: scanner.VerifyLive, Region: scanner.RegionEU, Reason: "the Experiment flags API in the EU region accepted the key (HTTP 200)", Request: "GET api.lab.eu.amplitude.com/v1/flags"},
		rules.ClientDeploymentKey: {Status: scanner.VerifyLive, Region: scanner.RegionUS, Reason: "accepted (HTTP 200)", Request: "GET api.lab.amplitude.com/v1/flags"},
		rules.SecretKey:           {Status: scanner.VerifyInvalid, Reason: "rejected the key (HTTP 401)"},
		rules.SCIMKey:             {Status: scanner.VerifyUnknown, Reason: "did not answer within 5s (timeout)"},
		rules.OrgSecretKey:        {Status: scanner.VerifySkipped, Reason: "unverifiable, contact Amplitude Support"},
	}
	for i := range rep.Findings {
		f := &rep.Findings[i]
		if v, ok := set[f.KeyType]; ok {
			f.Verification = &v
		}
		if f.KeyType == rules.ServerDeploymentKey {
			f.Severity = rules.Critical
		}
	}
	return rep
}

func TestVerifiedSARIF(t *testing.T) {
	t.Parallel()
	out := writeSARIF(t, &SARIF{Options: Options{Version: "dev"}}, verifiedReport())
	validateSARIF(t, out)
	log := parseGH(t, out)
	run := log.Runs[0]
	score := map[string]string{}
	for _, r := range run.Tool.Driver.Rules {
		score[r.ID], _ = r.Properties["security-severity"].(string)
	}
	if score["amplitude-server-deployment-key/live"] != "10.0" || len(run.Tool.Driver.Rules) != 10 {
		t.Fatalf("want one live rule at 10.0 beside the nine: %v", score)
	}
	got := map[string]string{}
	for _, res := range run.Results {
		if run.Tool.Driver.Rules[res.RuleIndex].ID != res.RuleID {
			t.Errorf("result %s points at rule %d", res.RuleID, res.RuleIndex)
		}
		if v, ok := res.Properties["verification"].(string); ok {
			got[res.RuleID] = v
		}
		if res.RuleID == "amplitude-server-deployment-key/live" && !strings.Contains(res.Message.Text, "Verified LIVE") {
			t.Errorf("live result message: %s", res.Message.Text)
		}
	}
	want := map[string]string{
		"amplitude-server-deployment-key/live": "live",
		"amplitude-client-deployment-key":      "live", // public: no live rule
		"amplitude-secret-key":                 "invalid",
		"amplitude-scim-key":                   "unknown",
		"amplitude-org-secret-key":             "skipped",
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("verification by rule (-want +got):\n%s", diff)
	}
}

// TestTruncationKeepsLiveKeys: when SARIF must drop results, a live
// private key is the last to go.
func TestTruncationKeepsLiveKeys(t *testing.T) {
	t.Parallel()
	out := writeSARIF(t, &SARIF{limit: 1}, verifiedReport())
	log := parseGH(t, out)
	if res := log.Runs[0].Results; len(res) != 1 || res[0].RuleID != "amplitude-server-deployment-key/live" {
		t.Errorf("kept %v, want the live server deployment key", res)
	}
}

func TestVerifiedJSON(t *testing.T) {
	t.Parallel()
	var buf bytes.Buffer
	if err := (&JSON{}).Write(&buf, verifiedReport()); err != nil {
		t.Fatal(err)
	}
	var rep struct {
		Findings []struct {
			KeyType      string          `json:"key_type"`
			Verification json.RawMessage `json:"verification"`
		} `json:"findings"`
	}
	if err := json.Unmarshal(buf.Bytes(), &rep); err != nil {
		t.Fatal(err)
	}
	for _, f := range rep.Findings {
		switch f.KeyType {
		case "amplitude-server-deployment-key":
			want := `{"status":"live","reason":"the Experiment flags API in the EU region accepted the key (HTTP 200)","region":"eu","request":"GET api.lab.eu.amplitude.com/v1/flags"}`
			var compact bytes.Buffer
			if err := json.Compact(&compact, f.Verification); err != nil || compact.String() != want {
				t.Errorf("verification %s, want %s", f.Verification, want)
			}
		case "amplitude-data-api-token":
			if f.Verification != nil {
				t.Errorf("an unverified finding has a verification: %s", f.Verification)
			}
		}
	}
	buf.Reset()
	if err := (&JSON{}).Write(&buf, fixtureReport()); err != nil {
		t.Fatal(err)
	}
	if strings.Contains(buf.String(), "verification") {
		t.Error("JSON without --verify mentions verification")
	}
}

// TestVerifiedText: live keys open the report, the private one first, and
// every verified finding says its status.
func TestVerifiedText(t *testing.T) {
	t.Parallel()
	var buf bytes.Buffer
	if err := (&Text{}).Write(&buf, verifiedReport()); err != nil {
		t.Fatal(err)
	}
	out := buf.String()
	blocks := strings.Split(out, "\n\n")
	if !strings.HasPrefix(blocks[0], "LIVE  PRIVATE  critical  server-side deployment key") ||
		!strings.HasPrefix(blocks[1], "LIVE  PUBLIC") {
		t.Errorf("live keys do not come first:\n%s", out)
	}
	for _, s := range []string{"verified: LIVE — the Experiment flags API", "verified: invalid", "verified: unknown", "verified: not checked — unverifiable, contact Amplitude Support",
		"verification: 2 live, 1 invalid, 1 unknown, 1 skipped"} {
		if !strings.Contains(out, s) {
			t.Errorf("text lacks %q:\n%s", s, out)
		}
	}
}
