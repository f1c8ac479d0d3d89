package report

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"sort"
	"strconv"
	"strings"

	"github.com/ampscan/ampscan/rules"
)

// auditDoc is an audit's JSON: the single-repository report's findings
// and summary, plus the audit and one entry per repository. Everything in
// it is derived from what it holds (see canonical), so that shards merged
// give the same bytes as a whole run.
type auditDoc struct {
	Tool         jsonTool        `json:"tool"`
	Audit        auditHeader     `json:"audit"`
	Repositories []auditRepoJSON `json:"repositories"`
	Findings     []jsonFinding   `json:"findings"`
	Summary      auditSummary    `json:"summary"`
}

type auditHeader struct {
	Source   string `json:"source"`
	Listed   int    `json:"listed"`
	Selected int    `json:"selected"`
	Shard    string `json:"shard,omitempty"`
	Scanned  int    `json:"scanned"`
	Failed   int    `json:"failed"`
}

type auditRepoJSON struct {
	Name         string           `json:"name"`
	URL          string           `json:"url"`
	WebURL       string           `json:"web_url,omitempty"`
	Status       string           `json:"status"` // "scanned" or "failed"
	Error        string           `json:"error,omitempty"`
	Findings     int              `json:"findings"`
	Private      int              `json:"private"`
	Public       int              `json:"public"`
	Suppressed   int              `json:"suppressed"`
	FilesScanned int64            `json:"files_scanned"`
	BytesScanned int64            `json:"bytes_scanned"`
	FilesSkipped map[string]int64 `json:"files_skipped,omitempty"`
	Errors       []jsonFileError  `json:"errors,omitempty"`
	Notes        []string         `json:"notes,omitempty"`
}

type auditSummary struct {
	Total        int              `json:"total"`
	Suppressed   int              `json:"suppressed"`
	Private      int              `json:"private"`
	Public       int              `json:"public"`
	ByKeyType    map[string]int   `json:"by_key_type"`
	FilesScanned int64            `json:"files_scanned"`
	BytesScanned int64            `json:"bytes_scanned"`
	FilesSkipped map[string]int64 `json:"files_skipped"`
}

// WriteAudit writes the audit's JSON.
func (j *JSON) WriteAudit(w io.Writer, a *Audit) error {
	doc := auditDoc{
		Tool:  jsonTool{Name: "ampscan", Version: j.Version},
		Audit: auditHeader{Source: a.Source, Listed: a.Listed, Selected: a.Selected, Shard: a.Shard},
	}
	for _, r := range a.Repos {
		entry := auditRepoJSON{Name: r.Name, URL: r.URL, WebURL: r.Web, Status: "failed", Error: r.Err}
		if rep := r.Report; rep != nil {
			entry.Status = "scanned"
			c := Count(rep.Findings)
			entry.Findings, entry.Private, entry.Public, entry.Suppressed = c.Private+c.Public, c.Private, c.Public, c.Suppressed
			entry.FilesScanned, entry.BytesScanned = rep.Stats.Files, rep.Stats.Bytes
			if len(rep.Stats.Skipped) > 0 {
				entry.FilesSkipped = rep.Stats.Skipped
			}
			for _, e := range rep.Stats.Errors {
				entry.Errors = append(entry.Errors, jsonFileError{e.Path, e.Err})
			}
			entry.Notes = rep.Notes
			for i := range rep.Findings {
				doc.Findings = append(doc.Findings, j.finding(&rep.Findings[i]))
			}
		}
		doc.Repositories = append(doc.Repositories, entry)
	}
	return encodeAudit(w, &doc)
}

// MergeAudits joins the JSON audits of every shard of one audit into the
// JSON a whole run would have written. The inputs must come from the same
// listing (source, counts, version) and be its N distinct shards.
func MergeAudits(w io.Writer, inputs map[string][]byte) (*MergeResult, error) {
	names := make([]string, 0, len(inputs))
	for n := range inputs {
		names = append(names, n)
	}
	sort.Strings(names)
	var merged *auditDoc
	seen := map[int]string{}
	count := 0
	repos := map[string]string{}
	for _, name := range names {
		doc, err := decodeAudit(inputs[name])
		if err != nil {
			return nil, fmt.Errorf("%s: %w", name, err)
		}
		idx, n, err := shardOf(doc.Audit.Shard)
		if err != nil {
			return nil, fmt.Errorf("%s: %w", name, err)
		}
		if merged == nil {
			merged, count = &auditDoc{Tool: doc.Tool, Audit: doc.Audit}, n
		}
		if err := sameAudit(merged, doc, count, n); err != nil {
			return nil, fmt.Errorf("%s: %w", name, err)
		}
		if prev, dup := seen[idx]; dup {
			return nil, fmt.Errorf("%s and %s are both shard %d/%d", prev, name, idx, n)
		}
		seen[idx] = name
		for _, r := range doc.Repositories {
			if prev, dup := repos[r.Name]; dup {
				return nil, fmt.Errorf("repository %s is in both %s and %s", r.Name, prev, name)
			}
			repos[r.Name] = name
		}
		merged.Repositories = append(merged.Repositories, doc.Repositories...)
		merged.Findings = append(merged.Findings, doc.Findings...)
	}
	if merged == nil {
		return nil, errors.New("nothing to merge")
	}
	var missing []string
	for i := 1; i <= count; i++ {
		if _, ok := seen[i]; !ok {
			missing = append(missing, fmt.Sprintf("%d/%d", i, count))
		}
	}
	if len(missing) > 0 {
		return nil, fmt.Errorf("missing shard %s: a merged report must cover the whole listing", strings.Join(missing, ", "))
	}
	merged.Audit.Shard = ""
	if err := encodeAudit(w, merged); err != nil {
		return nil, err
	}
	return merged.result(), nil
}

// MergeResult is what the exit status of a merge depends on.
type MergeResult struct {
	Private, Public int      // active findings
	Failed          []string // repositories that could not be scanned
}

func (d *auditDoc) result() *MergeResult {
	r := &MergeResult{Private: d.Summary.Private, Public: d.Summary.Public}
	for _, e := range d.Repositories {
		if e.Status != "scanned" {
			r.Failed = append(r.Failed, e.Name)
		}
	}
	return r
}

func decodeAudit(raw []byte) (*auditDoc, error) {
	dec := json.NewDecoder(bytes.NewReader(raw))
	dec.DisallowUnknownFields()
	var doc auditDoc
	if err := dec.Decode(&doc); err != nil {
		return nil, fmt.Errorf("not an ampscan audit report (JSON from ampscan github/gitlab --format json): %w", err)
	}
	if doc.Tool.Name != "ampscan" || doc.Audit.Source == "" {
		return nil, errors.New("not an ampscan audit report (JSON from ampscan github/gitlab --format json)")
	}
	return &doc, nil
}

// shardOf reads "I/N"; a whole run counts as 1/1.
func shardOf(s string) (int, int, error) {
	if s == "" {
		return 1, 1, nil
	}
	i, n, _ := strings.Cut(s, "/")
	idx, err1 := strconv.Atoi(i)
	cnt, err2 := strconv.Atoi(n)
	if err1 != nil || err2 != nil || idx < 1 || idx > cnt {
		return 0, 0, fmt.Errorf("bad shard %q", s)
	}
	return idx, cnt, nil
}

func sameAudit(a, b *auditDoc, count, n int) error {
	switch {
	case a.Tool != b.Tool:
		return fmt.Errorf("written by ampscan %s, the others by %s", b.Tool.Version, a.Tool.Version)
	case a.Audit.Source != b.Audit.Source:
		return fmt.Errorf("an audit of %s, the others of %s", b.Audit.Source, a.Audit.Source)
	case a.Audit.Listed != b.Audit.Listed || a.Audit.Selected != b.Audit.Selected:
		return fmt.Errorf("listed %d/%d repositories, the others %d/%d: the listing changed between shards",
			b.Audit.Listed, b.Audit.Selected, a.Audit.Listed, a.Audit.Selected)
	case count != n:
		return fmt.Errorf("one of %d shards, the others of %d", n, count)
	}
	return nil
}

// canonical sorts repositories by name and findings by repository
// (keeping each repository's own order), and derives every count from
// them, so that the same repositories give the same document however
// they were grouped into shards.
func (d *auditDoc) canonical() {
	sort.SliceStable(d.Repositories, func(i, j int) bool { return d.Repositories[i].Name < d.Repositories[j].Name })
	order := map[string]int{}
	for i, r := range d.Repositories {
		order[r.URL] = i
	}
	sort.SliceStable(d.Findings, func(i, j int) bool {
		return order[d.Findings[i].Repository] < order[d.Findings[j].Repository]
	})
	if d.Repositories == nil {
		d.Repositories = []auditRepoJSON{}
	}
	if d.Findings == nil {
		d.Findings = []jsonFinding{}
	}
	d.Audit.Scanned, d.Audit.Failed = 0, 0
	s := auditSummary{ByKeyType: map[string]int{}, FilesSkipped: map[string]int64{}}
	for _, r := range d.Repositories {
		if r.Status == "scanned" {
			d.Audit.Scanned++
		} else {
			d.Audit.Failed++
		}
		s.FilesScanned += r.FilesScanned
		s.BytesScanned += r.BytesScanned
		for k, v := range r.FilesSkipped {
			s.FilesSkipped[k] += v
		}
	}
	for _, f := range d.Findings {
		switch {
		case f.Suppression != nil:
			s.Suppressed++
			continue
		case f.Visibility == string(rules.Private):
			s.Private++
		default:
			s.Public++
		}
		s.ByKeyType[f.KeyType]++
	}
	s.Total = s.Private + s.Public
	d.Summary = s
}

func encodeAudit(w io.Writer, d *auditDoc) error {
	d.canonical()
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetIndent("", "  ")
	enc.SetEscapeHTML(false)
	if err := enc.Encode(d); err != nil {
		return err
	}
	_, err := w.Write(buf.Bytes())
	return err
}

// sortedRepos returns the repositories in name order.
func sortedRepos(rs []AuditRepo) []AuditRepo {
	out := append([]AuditRepo(nil), rs...)
	sort.SliceStable(out, func(i, j int) bool { return out[i].Name < out[j].Name })
	return out
}
