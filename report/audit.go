package report

import (
	"fmt"
	"io"
	"strings"

	"github.com/owenrumney/go-sarif/v3/pkg/report/v210/sarif"

	"github.com/ampscan/ampscan/scanner"
)

// Audit is the outcome of scanning many repositories: a listing's
// selection, or one shard of it.
type Audit struct {
	// Source says what was listed ("github org acme", "gitlab group a/b").
	Source string
	// Listed counts the listing's repositories; Selected those the filters
	// kept (across all shards).
	Listed, Selected int
	// Shard is "I/N" for one shard of a sharded audit, "" for a whole one.
	Shard string
	Repos []AuditRepo
}

// AuditRepo is one repository's outcome: a report, or the reason it
// could not be scanned.
type AuditRepo struct {
	Name string // the listing's full name
	URL  string // clone URL without credentials
	Web  string
	// Err says why the repository could not be cloned or scanned; Report
	// is nil then.
	Err    string
	Report *scanner.Report
}

// Failed returns the names of the repositories that could not be scanned.
func (a *Audit) Failed() []string {
	var out []string
	for _, r := range a.Repos {
		if r.Report == nil {
			out = append(out, r.Name)
		}
	}
	return out
}

// Combined is every scanned repository's findings and counts in one
// report (findings keep their repository), for the fail-on decision and
// the text summary.
func (a *Audit) Combined() *scanner.Report {
	rep := &scanner.Report{Stats: scanner.Stats{Skipped: map[string]int64{}}}
	for _, r := range a.Repos {
		if r.Report == nil {
			continue
		}
		rep.Findings = append(rep.Findings, r.Report.Findings...)
		rep.Stats.Commits += r.Report.Stats.Commits
		rep.Stats.Files += r.Report.Stats.Files
		rep.Stats.Bytes += r.Report.Stats.Bytes
		rep.Stats.Duration += r.Report.Stats.Duration
		for k, v := range r.Report.Stats.Skipped {
			rep.Stats.Skipped[k] += v
		}
		for _, e := range r.Report.Stats.Errors {
			rep.Stats.Errors = append(rep.Stats.Errors, scanner.FileError{Path: r.Name + ": " + e.Path, Err: e.Err})
		}
		for _, n := range r.Report.Notes {
			rep.Notes = append(rep.Notes, r.Name+": "+n)
		}
	}
	return rep
}

// AuditWriter writes an audit in one format.
type AuditWriter interface {
	WriteAudit(w io.Writer, a *Audit) error
}

// NewAudit returns the audit writer for a format name.
func NewAudit(format string, opts Options) (AuditWriter, error) {
	switch format {
	case "text":
		return &Text{Options: opts}, nil
	case "json":
		return &JSON{Options: opts}, nil
	case "sarif":
		return &SARIF{Options: opts}, nil
	}
	// A format of its own package (the HTML page) writes audits too when
	// its writer says so.
	if mk, ok := registered[format]; ok {
		if aw, ok := mk(opts).(AuditWriter); ok {
			return aw, nil
		}
	}
	return nil, fmt.Errorf("unknown format %q (want one of %s)", format, strings.Join(Formats, ", "))
}

// WriteAudit writes a table of the repositories, then every finding with
// its repository, then the summary.
func (t *Text) WriteAudit(w io.Writer, a *Audit) error {
	st := t.styles(w)
	var b strings.Builder
	scanned := len(a.Repos) - len(a.Failed())
	fmt.Fprintf(&b, "%s\n", st.head.Render("Audit of "+a.Source))
	fmt.Fprintf(&b, "  %d listed, %d selected", a.Listed, a.Selected)
	if a.Shard != "" {
		fmt.Fprintf(&b, ", shard %s holds %d", a.Shard, len(a.Repos))
	}
	fmt.Fprintf(&b, "; %d scanned, %d failed\n", scanned, len(a.Repos)-scanned)
	for _, r := range a.Repos {
		if r.Report == nil {
			fmt.Fprintf(&b, "  %-40s %s\n", r.Name, st.private.Render("FAILED: "+r.Err))
			continue
		}
		c := Count(r.Report.Findings)
		fmt.Fprintf(&b, "  %-40s %d private, %d public\n", r.Name, c.Private, c.Public)
	}
	b.WriteString("\n")
	if _, err := io.WriteString(w, b.String()); err != nil {
		return err
	}
	return t.Write(w, a.Combined())
}

// WriteAudit writes one SARIF run per repository, in name order, each
// naming its repository in versionControlProvenance; a repository that
// failed gets a run with an unsuccessful invocation saying why.
func (s *SARIF) WriteAudit(w io.Writer, a *Audit) error {
	s.warnings = nil
	log := sarif.NewReport()
	log.Schema = sarifSchemaURI
	for _, r := range sortedRepos(a.Repos) {
		rep := r.Report
		if rep == nil {
			rep = &scanner.Report{}
		}
		kept := mostSevereIndex(rep.Findings, s.maxResults())
		if len(kept) < len(rep.Findings) {
			s.warnings = append(s.warnings, fmt.Sprintf("SARIF run for %s holds the %d most severe of %d findings", r.Name, len(kept), len(rep.Findings)))
		}
		run, index := s.newRun(rep, rep.Findings, kept)
		run.AddVersionControlProvenance(sarif.NewVersionControlDetails().WithRepositoryURI(r.URL))
		run.WithAutomationDetails(sarif.NewRunAutomationDetails().WithID("ampscan/audit/" + r.Name + "/"))
		inv := sarif.NewInvocation().WithExecutionSuccessful(r.Report != nil)
		if r.Report == nil {
			inv.WithToolExecutionNotifications([]*sarif.Notification{
				sarif.NewNotification().WithLevel("error").WithMessage(sarif.NewTextMessage(r.Err)),
			})
		}
		run.AddInvocation(inv)
		for _, i := range kept {
			res, err := sarifResult(&rep.Findings[i], index)
			if err != nil {
				return err
			}
			run.AddResult(res)
		}
		log.AddRun(run)
	}
	return encodeSARIF(w, log)
}
