package report

import (
	"bytes"
	"encoding/json"
	"strings"
	"testing"

	"github.com/ampscan/ampscan/rules"
	"github.com/ampscan/ampscan/scanner"
)

func suppressedReport() *scanner.Report {
	mk := func(path string, sup *scanner.Suppression) scanner.Finding {
		secret := "3f9a1c7e5b2d8f4a6c0e9b7d5a3f1c8e" // plainly fake
		return scanner.Finding{RuleID: "r", KeyType: rules.SecretKey, Visibility: rules.Private, Severity: rules.High,
			Secret: secret, Path: path, Line: 1, Column: 1, EndColumn: 33,
			Fingerprint: scanner.Fingerprint(rules.SecretKey, secret, path), Suppression: sup}
	}
	return &scanner.Report{Findings: []scanner.Finding{
		mk("a/.env", nil),
		mk("b/.env", &scanner.Suppression{Kind: "baseline", Reason: "rotated 2024-02"}),
		mk("c/.env", &scanner.Suppression{Kind: "value", Reason: "org test key"}),
		mk("d/.env", &scanner.Suppression{Kind: "baseline", Reason: "old"}),
	}}
}

func TestTextShowSuppressed(t *testing.T) {
	t.Parallel()
	for _, show := range []bool{false, true} {
		var buf bytes.Buffer
		if err := (&Text{Options{ShowSuppressed: show}}).Write(&buf, suppressedReport()); err != nil {
			t.Fatal(err)
		}
		out := buf.String()
		if !strings.Contains(out, "3 suppressed (2 baseline, 1 value;") {
			t.Errorf("summary:\n%s", out)
		}
		wantMarks, wantPaths := 0, 1
		if show {
			wantMarks, wantPaths = 3, 4
		}
		if got := strings.Count(out, "SUPPRESSED ["); got != wantMarks {
			t.Errorf("show=%v: %d SUPPRESSED lines, want %d:\n%s", show, got, wantMarks, out)
		}
		if got := strings.Count(out, ".env:1:1"); got != wantPaths {
			t.Errorf("show=%v: %d findings listed, want %d", show, got, wantPaths)
		}
		if show && !strings.Contains(out, "SUPPRESSED [baseline] rotated 2024-02\n") {
			t.Errorf("the mark does not say kind and reason:\n%s", out)
		}
	}
}

func TestJSONSuppressedByKind(t *testing.T) {
	t.Parallel()
	var buf bytes.Buffer
	if err := (&JSON{}).Write(&buf, suppressedReport()); err != nil {
		t.Fatal(err)
	}
	var out struct {
		Summary struct {
			Total, Suppressed int
			ByKind            map[string]int `json:"suppressed_by_kind"`
		}
	}
	if err := json.Unmarshal(buf.Bytes(), &out); err != nil {
		t.Fatal(err)
	}
	if out.Summary.Total != 1 || out.Summary.Suppressed != 3 || out.Summary.ByKind["baseline"] != 2 || out.Summary.ByKind["value"] != 1 {
		t.Errorf("summary %+v", out.Summary)
	}
}
