package report

import (
	"bytes"
	"fmt"
	"io"
	"testing"
	"time"

	"github.com/ampscan/ampscan/rules"
	"github.com/ampscan/ampscan/scanner"
)

// BenchmarkJSONHistoryReport writes the JSON report of a history scan of
// a .env of keys, as bench/git-keys.sh's is: 50,025 findings, each with
// its commit and about 600 bytes of policy text. All of it is written
// after the scan, on one core, so its cost is the run's.
func BenchmarkJSONHistoryReport(b *testing.B) {
	const n = 10000
	rep := &scanner.Report{Findings: make([]scanner.Finding, n)}
	when := time.Date(2023, 11, 14, 22, 13, 20, 0, time.UTC)
	for i := range rep.Findings {
		kt := []rules.KeyType{rules.APIKey, rules.SecretKey, rules.ServerDeploymentKey}[i%3]
		secret := fmt.Sprintf("%032x", i*7919)
		rep.Findings[i] = scanner.Finding{
			RuleID: "amplitude.assignment", KeyType: kt, Visibility: rules.Private, Severity: rules.High,
			Secret: secret, Path: ".env", Line: i + 1, Column: 21, EndColumn: 53,
			Fingerprint: scanner.Fingerprint(kt, secret, ".env"),
			Commit: &scanner.Commit{
				ID: fmt.Sprintf("%040x", i), Author: "A", Email: "a@example.com", Date: when,
				InHead: i%2 == 0,
			},
		}
	}
	j := &JSON{Options{Version: "dev"}}
	var whole bytes.Buffer
	if err := j.Write(&whole, rep); err != nil {
		b.Fatal(err)
	}
	b.SetBytes(int64(whole.Len()))
	for b.Loop() {
		if err := j.Write(io.Discard, rep); err != nil {
			b.Fatal(err)
		}
	}
}
