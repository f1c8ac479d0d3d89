package report

import (
	"bytes"
	"encoding/json"
	"fmt"
	"strings"
	"testing"

	"github.com/ampscan/ampscan/scanner"
)

// noticeReport is fixtureReport with a range's notices, interrupted.
func noticeReport() *scanner.Report {
	rep := fixtureReport()
	rep.Notices = []scanner.Notice{
		{Kind: scanner.NoticeConfigChanged, Path: ".ampscan.toml", Message: "this range changes .ampscan.toml"},
		{Kind: scanner.NoticeMarkerAdded, Path: "deploy/prod.env", Line: 3, Message: "this range adds an inline marker"},
	}
	rep.Incomplete = "interrupt signal received"
	return rep
}

// TestSARIFNoticesAndIncomplete: notices are note-level results of their
// own rules, placed on their file; an interrupted run's invocation failed;
// the log stays valid SARIF.
func TestSARIFNoticesAndIncomplete(t *testing.T) {
	t.Parallel()
	out := writeSARIF(t, &SARIF{Options: Options{Version: "dev"}}, noticeReport())
	validateSARIF(t, out)
	var log struct {
		Runs []struct {
			Tool struct {
				Driver struct {
					Rules []struct{ ID string } `json:"rules"`
				} `json:"driver"`
			} `json:"tool"`
			Results []struct {
				RuleID    string `json:"ruleId"`
				RuleIndex int    `json:"ruleIndex"`
				Level     string `json:"level"`
				Locations []struct {
					PhysicalLocation struct {
						ArtifactLocation struct{ URI string }    `json:"artifactLocation"`
						Region           struct{ StartLine int } `json:"region"`
					} `json:"physicalLocation"`
				} `json:"locations"`
			} `json:"results"`
			Invocations []struct {
				ExecutionSuccessful bool `json:"executionSuccessful"`
			} `json:"invocations"`
		} `json:"runs"`
	}
	if err := json.Unmarshal(out, &log); err != nil {
		t.Fatal(err)
	}
	run := log.Runs[0]
	got := map[string]string{}
	for _, r := range run.Results {
		if !strings.HasPrefix(r.RuleID, "ampscan/") {
			continue
		}
		if run.Tool.Driver.Rules[r.RuleIndex].ID != r.RuleID || r.Level != "note" {
			t.Errorf("notice result %+v: wrong rule index or level", r)
		}
		loc := r.Locations[0].PhysicalLocation
		got[r.RuleID] = fmt.Sprintf("%s:%d", loc.ArtifactLocation.URI, loc.Region.StartLine)
	}
	want := map[string]string{"ampscan/config-changed": ".ampscan.toml:1", "ampscan/allow-marker-added": "deploy/prod.env:3"}
	if len(got) != 2 || got["ampscan/config-changed"] != want["ampscan/config-changed"] || got["ampscan/allow-marker-added"] != want["ampscan/allow-marker-added"] {
		t.Errorf("notice results %v, want %v", got, want)
	}
	if len(run.Invocations) != 1 || run.Invocations[0].ExecutionSuccessful {
		t.Errorf("invocations %+v: want one that did not succeed", run.Invocations)
	}
}

// TestJSONAndTextNotices: the additive JSON fields, and the summary lines.
func TestJSONAndTextNotices(t *testing.T) {
	t.Parallel()
	var buf bytes.Buffer
	if err := (&JSON{}).Write(&buf, noticeReport()); err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{`"notices": [`, `"kind": "allow-marker-added"`, `"incomplete": true`, `"incomplete_reason": "interrupt signal received"`} {
		if !strings.Contains(buf.String(), want) {
			t.Errorf("JSON lacks %s", want)
		}
	}
	buf.Reset()
	if err := (&JSON{}).Write(&buf, fixtureReport()); err != nil {
		t.Fatal(err)
	}
	if strings.Contains(buf.String(), "notices") || strings.Contains(buf.String(), "incomplete") {
		t.Error("a complete report without notices gained fields")
	}
	buf.Reset()
	if err := (&Text{}).Write(&buf, noticeReport()); err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{"notice: .ampscan.toml: this range", "notice: deploy/prod.env:3: this range", "INCOMPLETE: scan incomplete (interrupt signal received)"} {
		if !strings.Contains(buf.String(), want) {
			t.Errorf("text lacks %q:\n%s", want, buf.String())
		}
	}
}
