package report

import (
	"fmt"
	"time"

	"github.com/ampscan/ampscan/rules"
	"github.com/ampscan/ampscan/scanner"
)

// AuditFromJSON rebuilds an audit from its JSON report (a whole run's, or
// one that merge wrote) for the writers that draw findings, such as the
// HTML page. Values are as the JSON holds them: redacted, unless the scan
// ran with --no-redact.
func AuditFromJSON(raw []byte) (*Audit, error) {
	doc, err := decodeAudit(raw)
	if err != nil {
		return nil, err
	}
	a := &Audit{Source: doc.Audit.Source, Listed: doc.Audit.Listed, Selected: doc.Audit.Selected, Shard: doc.Audit.Shard}
	byURL := map[string]*scanner.Report{}
	for _, r := range doc.Repositories {
		ar := AuditRepo{Name: r.Name, URL: r.URL, Web: r.WebURL, Err: r.Error}
		if r.Status == "scanned" {
			rep := &scanner.Report{Notes: r.Notes, Stats: scanner.Stats{
				Files: r.FilesScanned, Bytes: r.BytesScanned, Skipped: map[string]int64{}}}
			for k, v := range r.FilesSkipped {
				rep.Stats.Skipped[k] = v
			}
			for _, e := range r.Errors {
				rep.Stats.Errors = append(rep.Stats.Errors, scanner.FileError{Path: e.Path, Err: e.Error})
			}
			ar.Report = rep
			byURL[r.URL] = rep
		}
		a.Repos = append(a.Repos, ar)
	}
	for i := range doc.Findings {
		f, err := findingFromJSON(&doc.Findings[i])
		if err != nil {
			return nil, fmt.Errorf("finding %d: %w", i+1, err)
		}
		rep, ok := byURL[f.Repo]
		if !ok {
			return nil, fmt.Errorf("finding %d: its repository %q is not among the scanned ones", i+1, f.Repo)
		}
		rep.Findings = append(rep.Findings, f)
	}
	return a, nil
}

func findingFromJSON(j *jsonFinding) (scanner.Finding, error) {
	f := scanner.Finding{
		RuleID: j.RuleID, KeyType: rules.KeyType(j.KeyType), Visibility: rules.Visibility(j.Visibility),
		Secret: j.Secret, Path: j.Path, Line: j.Line, Column: j.Column, EndColumn: j.EndColumn,
		Fingerprint: j.Fingerprint, Exposure: j.Exposure, Repo: j.Repository, WebURL: j.WebURL,
	}
	if _, ok := rules.PolicyFor(f.KeyType); !ok {
		return f, fmt.Errorf("unknown key type %q", j.KeyType)
	}
	sev, ok := parseSeverity(j.Severity)
	if !ok {
		return f, fmt.Errorf("unknown severity %q", j.Severity)
	}
	f.Severity = sev
	if j.Commit != "" {
		date, err := time.Parse(time.RFC3339, j.Date)
		if err != nil {
			return f, fmt.Errorf("date %q: %w", j.Date, err)
		}
		f.Commit = &scanner.Commit{ID: j.Commit, Author: j.Author, Email: j.Email, Date: date,
			InHead: j.InHead != nil && *j.InHead, HeadLocations: j.HeadLocation}
		if j.RemovedIn != "" {
			removed, err := time.Parse(time.RFC3339, j.RemovedDate)
			if err != nil {
				return f, fmt.Errorf("removed_date %q: %w", j.RemovedDate, err)
			}
			f.Commit.RemovedIn, f.Commit.RemovedDate = j.RemovedIn, removed
		}
	}
	if s := j.Suppression; s != nil {
		f.Suppression = &scanner.Suppression{Kind: s.Kind, Reason: s.Reason}
	}
	if v := j.Verification; v != nil {
		f.Verification = &scanner.Verification{Status: v.Status, Reason: v.Reason, Region: v.Region, Request: v.Request}
	}
	return f, nil
}

func parseSeverity(s string) (rules.Severity, bool) {
	for sev := rules.Info; sev <= rules.Critical; sev++ {
		if sev.String() == s {
			return sev, true
		}
	}
	return 0, false
}
