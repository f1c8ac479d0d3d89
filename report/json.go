package report

import (
	"bytes"
	"io"
	"sort"
	"sync"
	"time"

	"github.com/sourcegraph/conc/stream"

	"github.com/ampscan/ampscan/rules"
	"github.com/ampscan/ampscan/scanner"
)

// JSON writes the machine-readable report. Its field names are a contract
// (README.md, "Sample output"): add fields, never rename them. It holds no timings, so
// the same input gives byte-identical output.
type JSON struct{ Options }

// jsonReport is the document JSON.Write streams, field by field in this
// order (tests decode into it).
type jsonReport struct {
	Tool     jsonTool      `json:"tool"`
	Findings []jsonFinding `json:"findings"`
	Summary  jsonSummary   `json:"summary"`
	// Notices: changes a reviewer must see (range scans); absent when none.
	Notices []jsonNotice `json:"notices,omitempty"`
	// Incomplete is true when the scan was interrupted; the findings are
	// those found until then, and IncompleteReason says why.
	Incomplete       bool   `json:"incomplete,omitempty"`
	IncompleteReason string `json:"incomplete_reason,omitempty"`
}

type jsonNotice struct {
	Kind    string `json:"kind"`
	Path    string `json:"path"`
	Line    int    `json:"line,omitempty"`
	Message string `json:"message"`
}

type jsonTool struct {
	Name    string `json:"name"`
	Version string `json:"version"`
}

type jsonFinding struct {
	RuleID       string             `json:"rule_id"`
	KeyType      string             `json:"key_type"`
	KeyName      string             `json:"key_name"`
	Product      string             `json:"product"`
	Visibility   string             `json:"visibility"`
	Severity     string             `json:"severity"`
	Path         string             `json:"path"`
	Line         int                `json:"line"`
	Column       int                `json:"column"`
	EndColumn    int                `json:"end_column"`
	Secret       string             `json:"secret"`
	SecretLength int                `json:"secret_length"`
	Redacted     bool               `json:"redacted"`
	Fingerprint  string             `json:"fingerprint"`
	Exposure     string             `json:"exposure,omitempty"`
	Action       string             `json:"action"`
	Remediation  string             `json:"remediation"`
	Rotatable    bool               `json:"rotatable"`
	ManagedIn    string             `json:"managed_in"`
	DocsURL      string             `json:"docs_url"`
	Commit       string             `json:"commit,omitempty"`
	Author       string             `json:"author,omitempty"`
	Email        string             `json:"email,omitempty"`
	Date         string             `json:"date,omitempty"`
	InHead       *bool              `json:"in_head,omitempty"`
	HeadLocation []scanner.Location `json:"head_locations,omitempty"`
	RemovedIn    string             `json:"removed_in,omitempty"`
	RemovedDate  string             `json:"removed_date,omitempty"`
	Suppression  *jsonSuppression   `json:"suppression,omitempty"`
	Verification *jsonVerification  `json:"verification,omitempty"`
	Repository   string             `json:"repository,omitempty"`
	WebURL       string             `json:"web_url,omitempty"`
}

// jsonSuppression says why a finding is accepted: an inline marker, an
// allow entry of the configuration (by path, fingerprint or value), or the
// baseline. An active finding has none.
type jsonSuppression struct {
	Kind   string `json:"kind"`
	Reason string `json:"reason"`
}

type jsonSummary struct {
	Total        int              `json:"total"`
	Suppressed   int              `json:"suppressed"`
	SuppressedBy map[string]int   `json:"suppressed_by_kind"`
	Private      int              `json:"private"`
	Public       int              `json:"public"`
	ByKeyType    map[string]int   `json:"by_key_type"`
	FilesScanned int64            `json:"files_scanned"`
	BytesScanned int64            `json:"bytes_scanned"`
	Commits      int64            `json:"commits_scanned,omitempty"`
	FilesSkipped map[string]int64 `json:"files_skipped"`
	Errors       []jsonFileError  `json:"errors"`
	Notes        []string         `json:"notes,omitempty"`
}

type jsonFileError struct {
	Path  string `json:"path"`
	Error string `json:"error"`
}

var _ Streamer = (*JSON)(nil)

func (*JSON) foreseesErrors() {}

// Write implements Writer. It writes the document as one json.Encoder
// would encode a jsonReport, indented, but finding by finding, so that
// memory does not grow with the number of findings.
func (j *JSON) Write(w io.Writer, rep *scanner.Report) error {
	iw := newIndentWriter(w)
	iw.raw("{")
	iw.field("tool", jsonTool{Name: "ampscan", Version: j.Version}, 1, true)
	iw.raw(",\n" + indentPrefix(1) + `"findings": `)
	j.findings(iw, rep.Findings)
	iw.field("summary", j.summary(rep), 1, false)
	if len(rep.Notices) > 0 {
		notices := make([]jsonNotice, 0, len(rep.Notices))
		for _, n := range rep.Notices {
			notices = append(notices, jsonNotice{n.Kind, n.Path, n.Line, n.Message})
		}
		iw.field("notices", notices, 1, false)
	}
	if rep.Incomplete != "" {
		iw.field("incomplete", true, 1, false)
		iw.field("incomplete_reason", rep.Incomplete, 1, false)
	}
	iw.raw("\n}\n")
	return iw.flush()
}

func (j *JSON) summary(rep *scanner.Report) *jsonSummary {
	c := Count(rep.Findings)
	s := &jsonSummary{
		Total: c.Private + c.Public, Suppressed: c.Suppressed, SuppressedBy: c.SuppressedByKind,
		Private: c.Private, Public: c.Public,
		ByKeyType:    map[string]int{},
		FilesScanned: rep.Stats.Files, BytesScanned: rep.Stats.Bytes, Commits: rep.Stats.Commits,
		FilesSkipped: map[string]int64{}, Errors: []jsonFileError{}, Notes: rep.Notes,
	}
	for _, k := range c.ByKeyType {
		s.ByKeyType[string(k.KeyType)] = k.Count
	}
	for k, v := range rep.Stats.Skipped {
		s.FilesSkipped[k] = v
	}
	errs := append([]scanner.FileError(nil), rep.Stats.Errors...)
	sort.Slice(errs, func(a, b int) bool { return errs[a].Path < errs[b].Path })
	for _, e := range errs {
		s.Errors = append(s.Errors, jsonFileError{e.Path, e.Err})
	}
	return s
}

func (j *JSON) finding(f *scanner.Finding) jsonFinding {
	p := f.Policy()
	jf := jsonFinding{
		RuleID: f.RuleID, KeyType: string(f.KeyType), KeyName: p.Name, Product: p.Product,
		Visibility: string(f.Visibility), Severity: f.Severity.String(),
		Path: f.Path, Line: f.Line, Column: f.Column, EndColumn: f.EndColumn,
		Secret: shownSecret(f, j.Options), SecretLength: len(f.Secret), Redacted: !j.ShowSecrets,
		Fingerprint: f.Fingerprint, Exposure: f.Exposure,
		Action: p.Action, Remediation: remediation(f), Rotatable: p.Rotatable,
		ManagedIn: p.ManagedIn, DocsURL: p.DocsURL,
		Repository: f.Repo, WebURL: f.WebURL,
	}
	jf.Verification = toJSONVerification(f.Verification)
	if sup := f.Suppression; sup != nil {
		jf.Suppression = &jsonSuppression{Kind: sup.Kind, Reason: sup.Reason}
	}
	if c := f.Commit; c != nil {
		jf.Commit, jf.Author, jf.Email = c.ID, c.Author, c.Email
		jf.Date = c.Date.UTC().Format(time.RFC3339)
		inHead := c.InHead
		jf.InHead = &inHead
		jf.HeadLocation = c.HeadLocations
		if c.RemovedIn != "" {
			jf.RemovedIn, jf.RemovedDate = c.RemovedIn, c.RemovedDate.UTC().Format(time.RFC3339)
		}
	}
	return jf
}

// remediation is the policy's advice, plus, for history findings, the plain
// statement that removing a secret from the tree does not un-leak it.
func remediation(f *scanner.Finding) string {
	if f.Commit == nil {
		return f.Policy().Remediation
	}
	texts := historyRemediations()
	if text, ok := texts[remediationKey{f.KeyType, f.Commit.InHead}]; ok {
		return text
	}
	return texts[remediationKey{"", f.Commit.InHead}]
}

type remediationKey struct {
	kt     rules.KeyType
	inHead bool
}

// historyRemediations is remediation's text for a history finding, by key
// type and whether the secret is still in HEAD, joined once: joined for
// each finding, it was a 360-byte string allocated and copied for each of
// the keys history's 50,025 (a sixth of writing its JSON). A key type
// that is not built in has the zero policy, whose texts the empty key
// type holds.
var historyRemediations = sync.OnceValue(func() map[remediationKey]string {
	texts := map[remediationKey]string{}
	for _, p := range append(rules.Policies(), rules.Policy{}) {
		texts[remediationKey{p.KeyType, true}] = p.Remediation + " The secret is still in the current tree (HEAD): remove it from the code as well."
		if p.Visibility == rules.Public {
			texts[remediationKey{p.KeyType, false}] = p.Remediation + " It is no longer in the current tree but stays in history, readable by anyone with a clone."
		} else {
			texts[remediationKey{p.KeyType, false}] = p.Remediation + " It is no longer in the current tree, but it is still in history and readable by anyone with a clone: rotate it regardless of any history rewrite."
		}
	}
	return texts
})

// findingsBlock is how many findings one goroutine writes at a time (see
// findings).
const findingsBlock = 128

// findings writes the findings array, in blocks written by two goroutines
// and put out in order (conc's stream): the keys history's 50,025
// findings, 64 MB of JSON, kept one core busy after its scan while the
// other had nothing to do. A few blocks are held at once, never the
// array. A report of a few findings is one block.
func (j *JSON) findings(iw *indentWriter, fs []scanner.Finding) {
	if len(fs) == 0 {
		iw.raw("[]")
		return
	}
	iw.raw("[")
	s := stream.New().WithMaxGoroutines(2)
	for from := 0; from < len(fs); from += findingsBlock {
		block := fs[from:min(len(fs), from+findingsBlock)]
		s.Go(func() stream.Callback {
			bw := blockWriters.Get().(*blockWriter)
			for i := range block {
				if from+i > 0 {
					bw.iw.raw(",")
				}
				bw.iw.raw("\n" + indentPrefix(2))
				jf := j.finding(&block[i])
				bw.iw.finding(&jf, 2)
			}
			err := bw.iw.flush()
			return func() {
				if iw.err == nil {
					if err != nil {
						iw.err = err
					} else {
						iw.writePieces(bw.buf.Bytes())
					}
				}
				bw.buf.Reset()
				bw.iw.err = nil
				blockWriters.Put(bw)
			}
		})
	}
	s.Wait()
	iw.raw("\n" + indentPrefix(1) + "]")
}

// blockWriter writes a block of findings into a buffer of its own.
type blockWriter struct {
	buf bytes.Buffer
	iw  *indentWriter
}

var blockWriters = sync.Pool{New: func() any {
	bw := &blockWriter{}
	bw.iw = newIndentWriter(&bw.buf)
	return bw
}}
