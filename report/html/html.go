// Package html writes an audit report as one self-contained HTML page:
// headline figures, findings by key type, a timeline of when each secret
// entered history, a sortable and filterable findings table, and a
// remediation checklist. Everything the page shows is in its markup, so it
// reads with JavaScript off; the inline script only sorts, filters and keeps
// the checklist in the browser's local storage. The page loads nothing from
// any network, and a Content-Security-Policy that allows only its own inline
// style and script (by hash) says so to the browser.
package html

import (
	"crypto/sha256"
	_ "embed"
	"encoding/base64"
	"encoding/hex"
	"fmt"
	"html/template"
	"io"
	"slices"
	"sort"
	"strings"
	"time"

	"github.com/ampscan/ampscan/report"
	"github.com/ampscan/ampscan/rules"
	"github.com/ampscan/ampscan/scanner"
)

//go:embed page.tmpl
var pageText string

//go:embed page.css
var pageCSS string

//go:embed page.js
var pageJS string

var pageTemplate = template.Must(template.New("page").Parse(pageText))

// Writer renders the audit page. It always redacts: a report meant to be
// shared never holds more of a secret than its redacted prefix, whatever
// --no-redact says.
type Writer struct{ report.Options }

var _ report.Writer = (*Writer)(nil)

func init() {
	report.Register("html", func(o report.Options) report.Writer { return &Writer{Options: o} })
}

var _ report.AuditWriter = (*Writer)(nil)

// Write implements report.Writer.
func (w *Writer) Write(out io.Writer, rep *scanner.Report) error {
	return pageTemplate.Execute(out, build(rep, w.Version))
}

// WriteAudit implements report.AuditWriter: every repository's findings on
// one page, each row naming its repository, with the repositories scanned
// and those that failed.
func (w *Writer) WriteAudit(out io.Writer, a *report.Audit) error {
	av := &auditView{Source: a.Source, Listed: a.Listed, Selected: a.Selected, Shard: a.Shard}
	names := map[string]string{}
	for _, r := range a.Repos {
		names[r.URL] = r.Name
		if r.Report == nil {
			av.Failed = append(av.Failed, r)
		} else {
			av.Scanned++
		}
	}
	// Combined copies the findings: show each under its listed name.
	rep := a.Combined()
	for i := range rep.Findings {
		if n, ok := names[rep.Findings[i].Repo]; ok {
			rep.Findings[i].Repo = n
		}
	}
	v := build(rep, w.Version)
	v.Audit = av
	return pageTemplate.Execute(out, v)
}

// auditView is what an organisation audit adds to the page.
type auditView struct {
	Source, Shard    string
	Listed, Selected int
	Scanned          int
	Failed           []report.AuditRepo
}

// view is everything the template shows.
type view struct {
	Version    string
	CSP        string
	CSS        template.CSS
	JS         template.JS
	Figures    figures
	ByType     []typeRow
	Bars       barSet
	Timeline   *timelineView
	Rows       []row
	Checklist  []checkGroup
	Notes      []string
	Notices    []scanner.Notice
	Incomplete string
	Errors     []scanner.FileError
	Skipped    []string
	Filters    filters
	Audit      *auditView // set for an organisation audit
}

type figures struct {
	Private, Public, Suppressed, Total int
	AtHead, HistoryOnly                int
	Live, LivePrivate                  int
	Verified                           bool
	Files                              int64
	Bytes                              string
	Commits                            int
	Walked                             int64 // commits a history scan walked
	History                            bool
}

type typeRow struct {
	KeyType            string
	Name               string
	Visibility         string
	Count              int
	Action             string
	ManagedIn, DocsURL string
}

// row is one finding in the table; its data-* attributes drive sorting and
// filtering.
type row struct {
	KeyType, KeyName, Visibility, Severity string
	SevRank                                int
	Path                                   string
	Line, Column                           int
	Secret                                 string
	Commit, ShortCommit                    string
	Author, Date                           string
	Where                                  string // "head", "history" or "tree"
	Suppressed                             string // the suppression kind, or ""
	// Verified is the liveness status from --verify, or "".
	Verified string
	// Todo is the first clause of the policy's action; the full advice
	// and where the key is managed are in the key-type table it links to.
	Todo     string
	Exposure string
	// Repo is the repository's URL (its listed name on an audit page) and
	// WebURL links to the line at the commit, when the host has one.
	Repo, WebURL string
	// Removed is the short id of the commit that removed a secret no
	// longer at HEAD, when known.
	Removed string
}

// checkGroup is one remediation action and the distinct keys it applies to.
type checkGroup struct {
	Action string
	Class  string
	Items  []checkItem
}

// checkItem is one distinct key. ID is a hash that names the key in local
// storage without holding any of it.
type checkItem struct {
	ID, Secret string
	Places     []string
}

type filters struct {
	KeyTypes []string
}

func build(rep *scanner.Report, version string) view {
	v := view{
		Version:    version,
		CSS:        template.CSS(pageCSS),
		JS:         template.JS(pageJS),
		CSP:        csp(),
		Notes:      rep.Notes,
		Notices:    rep.Notices,
		Incomplete: rep.Incomplete,
		Errors:     rep.Stats.Errors,
	}
	c := report.Count(rep.Findings)
	v.Figures = figures{Private: c.Private, Public: c.Public, Suppressed: c.Suppressed, Total: c.Private + c.Public,
		Files: rep.Stats.Files, Bytes: report.HumanBytes(rep.Stats.Bytes)}
	commits := map[string]bool{}
	for i := range rep.Findings {
		f := &rep.Findings[i]
		r := newRow(f)
		v.Rows = append(v.Rows, r)
		if f.Verification != nil {
			v.Figures.Verified = true
		}
		if f.Suppression == nil && f.Live() {
			v.Figures.Live++
			if f.Visibility == rules.Private {
				v.Figures.LivePrivate++
			}
		}
		if f.Commit != nil {
			commits[f.Commit.ID] = true
			v.Figures.History = true
			if f.Suppression == nil {
				if f.Commit.InHead {
					v.Figures.AtHead++
				} else {
					v.Figures.HistoryOnly++
				}
			}
		}
	}
	v.Figures.Commits = len(commits)
	v.Figures.Walked = rep.Stats.Commits
	for _, k := range c.ByKeyType {
		p, _ := rules.PolicyFor(k.KeyType)
		v.ByType = append(v.ByType, typeRow{KeyType: string(k.KeyType), Name: p.Name, Visibility: string(k.Visibility),
			Count: k.Count, Action: p.Action, ManagedIn: p.ManagedIn, DocsURL: p.DocsURL})
		v.Filters.KeyTypes = append(v.Filters.KeyTypes, string(k.KeyType))
	}
	v.Bars = barChart(v.ByType)
	v.Timeline = timeline(rep.Findings)
	v.Checklist = checklist(rep.Findings)
	for reason, n := range rep.Stats.Skipped {
		v.Skipped = append(v.Skipped, fmt.Sprintf("%d %s", n, reason))
	}
	sort.Strings(v.Skipped)
	sortRows(v.Rows)
	return v
}

func newRow(f *scanner.Finding) row {
	p := f.Policy()
	r := row{
		KeyType: string(f.KeyType), KeyName: p.Name, Visibility: string(f.Visibility),
		Severity: f.Severity.String(), SevRank: int(f.Severity),
		Path: f.Path, Line: f.Line, Column: f.Column,
		Secret: report.Redact(f.Secret), Where: "tree",
		Todo: firstClause(p.Action), Exposure: f.Exposure,
		Repo: f.Repo, WebURL: f.WebURL,
	}
	if f.Suppression != nil {
		r.Suppressed = f.Suppression.Kind
	}
	if f.Verification != nil {
		r.Verified = f.Verification.Status
	}
	if c := f.Commit; c != nil {
		r.Commit, r.ShortCommit = c.ID, c.ID[:min(len(c.ID), 10)]
		r.Author = c.Author
		r.Date = c.Date.UTC().Format(time.DateOnly)
		r.Where = "history"
		if c.InHead {
			r.Where = "head"
		}
		if c.RemovedIn != "" {
			r.Removed = c.RemovedIn[:min(len(c.RemovedIn), 10)]
		}
	}
	return r
}

// firstClause shortens an action to what comes before its first comma or
// colon: "Delete this secret key and generate a new one".
func firstClause(action string) string {
	if i := strings.IndexAny(action, ",:"); i > 0 {
		return action[:i]
	}
	return strings.TrimSuffix(action, ".")
}

// sortRows puts active private findings first, most severe first, then the
// writers' stable path order; the page's script can re-sort.
func sortRows(rs []row) {
	sort.SliceStable(rs, func(i, j int) bool {
		a, b := rs[i], rs[j]
		if (a.Suppressed == "") != (b.Suppressed == "") {
			return a.Suppressed == ""
		}
		if (a.Visibility == "private") != (b.Visibility == "private") {
			return a.Visibility == "private"
		}
		return a.SevRank > b.SevRank
	})
}

// checklist groups the distinct active private keys by what must be done
// about them, the most urgent action first. Public keys need nothing unless
// abused, so they are left out.
func checklist(fs []scanner.Finding) []checkGroup {
	var groups []checkGroup
	groupOf := map[string]int{}   // action -> index in groups
	itemOf := map[string][2]int{} // key id -> group, item
	for i := range fs {
		f := &fs[i]
		if f.Suppression != nil || f.Visibility != rules.Private {
			continue
		}
		p := f.Policy()
		gi, ok := groupOf[p.Action]
		if !ok {
			gi = len(groups)
			groupOf[p.Action] = gi
			groups = append(groups, checkGroup{Action: p.Action, Class: string(f.KeyType)})
		}
		id := keyID(f.KeyType, f.Secret)
		at, ok := itemOf[id]
		if !ok {
			at = [2]int{gi, len(groups[gi].Items)}
			itemOf[id] = at
			groups[gi].Items = append(groups[gi].Items, checkItem{ID: id, Secret: report.Redact(f.Secret)})
		}
		it := &groups[at[0]].Items[at[1]]
		place := f.Path
		if f.Repo != "" {
			place = f.Repo + " › " + place
		}
		if f.Commit != nil {
			place += " @ " + f.Commit.ID[:min(len(f.Commit.ID), 10)]
		}
		if !slices.Contains(it.Places, place) {
			it.Places = append(it.Places, place)
		}
	}
	sort.SliceStable(groups, func(i, j int) bool {
		return strictness(groups[i].Class) > strictness(groups[j].Class)
	})
	return groups
}

func strictness(kt string) int {
	p, _ := rules.PolicyFor(rules.KeyType(kt))
	return p.Strictness
}

// keyID names a key for the checklist's local storage: a truncated hash of
// the key type and value. It reveals nothing a redacted value does not.
func keyID(kt rules.KeyType, secret string) string {
	sum := sha256.Sum256([]byte("ampscan-checklist\x00" + string(kt) + "\x00" + secret))
	return hex.EncodeToString(sum[:8])
}

// csp allows nothing but the page's own inline style and script, named by
// their hashes, and inline SVG/data images.
func csp() string {
	return fmt.Sprintf("default-src 'none'; style-src '%s'; script-src '%s'; img-src data:; base-uri 'none'; form-action 'none'",
		cspHash(pageCSS), cspHash(pageJS))
}

func cspHash(s string) string {
	sum := sha256.Sum256([]byte(s))
	return "sha256-" + base64.StdEncoding.EncodeToString(sum[:])
}
