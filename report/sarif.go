package report

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"net/url"
	"regexp"
	"sort"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"

	"github.com/owenrumney/go-sarif/v3/pkg/report/v210/sarif"

	"github.com/ampscan/ampscan/rules"
	"github.com/ampscan/ampscan/scanner"
)

// MaxSARIFResults is the most results GitHub code scanning accepts in one
// run; a larger upload is rejected whole.
const MaxSARIFResults = 25000

// Warner is implemented by writers that have something to tell the user
// after Write (on stderr), since writers never print.
type Warner interface {
	// Warnings returns what the last Write needs the user to know, if anything.
	Warnings() []string
}

// SARIF writes SARIF 2.1.0 for GitHub code scanning. Its rules are the nine
// key types, so an alert's help is the remediation of its key type. It never
// writes a secret value or anything derived from one except the content
// fingerprint, whatever Options.ShowSecrets says: a SARIF file is uploaded
// and kept.
type SARIF struct {
	Options
	// limit caps the results written; 0 means MaxSARIFResults.
	limit    int
	warnings []string
}

var (
	_ Writer = (*SARIF)(nil)
	_ Warner = (*SARIF)(nil)
)

func init() {
	newSARIF = func(o Options) Writer { return &SARIF{Options: o} }
}

const (
	sarifSchemaURI  = "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json"
	toolInfoURI     = "https://github.com/ampscan/ampscan"
	srcRoot         = "%SRCROOT%"
	fingerprintKey  = "ampscan/v1"
	unicodeColumns  = "unicodeCodePoints"
	cweHardcodedKey = "external/cwe/cwe-798"
)

// Warnings implements Warner.
func (s *SARIF) Warnings() []string { return s.warnings }

var _ Streamer = (*SARIF)(nil)

func (*SARIF) foreseesErrors() {}

// Write implements Writer. It checks that every kept finding can be
// expressed before it writes anything, then writes the log with the
// library's model for everything but the results, and the results one by
// one (runResults), so memory does not grow with the number of findings.
func (s *SARIF) Write(w io.Writer, rep *scanner.Report) error {
	s.warnings = nil
	limit := s.maxResults()
	// Notices take their places first: there are few, and a reviewer must see them.
	if len(rep.Notices) < limit {
		limit -= len(rep.Notices)
	}
	kept := mostSevereIndex(rep.Findings, limit)
	if len(kept) < len(rep.Findings) {
		s.warnings = append(s.warnings, fmt.Sprintf(
			"SARIF holds the %d most severe of %d findings: GitHub code scanning accepts at most %d results per run (use --format json for all of them)",
			len(kept), len(rep.Findings), limit))
	}
	run, index := s.newRun(rep, rep.Findings, kept)
	for _, i := range kept {
		if err := checkSARIFResult(&rep.Findings[i], index); err != nil {
			return err
		}
	}
	addSARIFNotices(run, rep.Notices)
	markSARIFIncomplete(run, rep.Incomplete)
	notices := run.Results
	run.Results = make([]*sarif.Result, 0)
	log := sarif.NewReport()
	log.Schema = sarifSchemaURI
	log.AddRun(run)
	return encodeSARIFStream(w, log, len(kept)+len(notices), func(i int) any {
		if i >= len(kept) {
			return notices[i-len(kept)]
		}
		res, _ := sarifResult(&rep.Findings[kept[i]], index) // checked above
		return res
	})
}

// encodeSARIF writes a log whole, indented, or nothing when it cannot be
// encoded.
func encodeSARIF(w io.Writer, log *sarif.Report) error {
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetIndent("", "  ")
	enc.SetEscapeHTML(false)
	if err := enc.Encode(log); err != nil {
		return fmt.Errorf("sarif: %w", err)
	}
	_, err := w.Write(buf.Bytes())
	return err
}

// resultsMember is where a one-run log's empty results array sits in its
// indented encoding: a member of the run, three levels deep.
const resultsMember = "\n      \"results\": []"

// encodeSARIFStream writes a log of one run whose results are n values
// made by result(i), byte for byte as encodeSARIF would write the log
// holding them, without holding them all. log's run must have no results.
func encodeSARIFStream(w io.Writer, log *sarif.Report, n int, result func(i int) any) error {
	var buf bytes.Buffer
	if err := encodeSARIF(&buf, log); err != nil {
		return err
	}
	doc := buf.Bytes()
	at := bytes.Index(doc, []byte(resultsMember))
	if at < 0 || bytes.Count(doc, []byte(resultsMember)) != 1 {
		return fmt.Errorf("sarif: the log has no single place for its results")
	}
	at += len(resultsMember) - len("[]")
	iw := newIndentWriter(w)
	iw.raw(string(doc[:at]))
	iw.array(n, 3, result)
	if iw.err == nil {
		_, iw.err = iw.w.Write(doc[at+len("[]"):])
	}
	return iw.flush()
}

func (s *SARIF) maxResults() int {
	if s.limit > 0 {
		return s.limit
	}
	return MaxSARIFResults
}

// mostSevere returns the findings in their sorted order, or, when there are
// more than limit, the limit most severe of them (ties keep the sorted
// order), still in sorted order.
func mostSevere(fs []scanner.Finding, limit int) []scanner.Finding {
	idx := mostSevereIndex(fs, limit)
	kept := make([]scanner.Finding, len(idx))
	for i, j := range idx {
		kept[i] = fs[j]
	}
	return kept
}

// mostSevereIndex is mostSevere as indexes into fs, so that the findings
// are neither copied nor reordered.
func mostSevereIndex(fs []scanner.Finding, limit int) []int {
	order := make([]int, len(fs))
	for i := range order {
		order[i] = i
	}
	if !sort.SliceIsSorted(fs, func(a, b int) bool { return scanner.Less(&fs[a], &fs[b]) }) {
		sort.SliceStable(order, func(a, b int) bool { return scanner.Less(&fs[order[a]], &fs[order[b]]) })
	}
	if len(order) <= limit {
		return order
	}
	// rank[k] is the k-th finding in sorted order; keep the limit most
	// urgent ranks, then put them back in sorted order.
	rank := make([]int, len(order))
	for i := range rank {
		rank[i] = i
	}
	sort.SliceStable(rank, func(a, b int) bool { return urgency(&fs[order[rank[a]]]) > urgency(&fs[order[rank[b]]]) })
	rank = rank[:limit]
	sort.Ints(rank)
	for i, r := range rank {
		rank[i] = order[r]
	}
	return rank
}

// newRun builds the run with the tool, every key type's rule, and the
// run's properties; index maps a rule id to its rule's index.
func (s *SARIF) newRun(rep *scanner.Report, fs []scanner.Finding, keptIdx []int) (*sarif.Run, map[string]int) {
	kept := len(keptIdx)
	run := sarif.NewRunWithInformationURI("ampscan", toolInfoURI)
	driver := run.Tool.Driver
	if s.Version != "" {
		driver.WithVersion(s.Version)
		if sv, ok := semanticVersion(s.Version); ok {
			driver.WithSemanticVersion(sv)
		}
	}
	index := map[string]int{}
	for i, p := range rules.Policies() {
		index[string(p.KeyType)] = i
		driver.AddRule(sarifRule(p))
	}
	addLiveRules(driver, fs, keptIdx, index)
	run.WithColumnKind(unicodeColumns)
	run.WithOriginalUriBaseIds(map[string]sarif.ArtifactLocation{
		srcRoot: *sarif.NewArtifactLocation().WithDescription(
			sarif.NewTextMessage("The root of the scanned directory or repository; every result's path is relative to it.")),
	})
	props := sarif.NewPropertyBag().
		Add("totalResults", len(rep.Findings)).
		Add("keptResults", kept).
		Add("truncated", kept < len(rep.Findings))
	if len(rep.Notes) > 0 {
		props.Add("notes", rep.Notes)
	}
	run.WithProperties(props)
	return run, index
}

// sarifRule describes one key type: what it is, how bad a leak is, and the
// remediation GitHub shows as the alert's help.
func sarifRule(p rules.Policy) *sarif.ReportingDescriptor {
	tags := []string{"security", "secret", string(p.KeyType), string(p.Visibility)}
	if p.Visibility == rules.Private {
		tags = append(tags, cweHardcodedKey)
	}
	props := sarif.NewPropertyBag().
		WithTags(tags).
		Add("precision", p.Precision).
		Add("security-severity", p.SARIFScore)
	return sarif.NewRule(string(p.KeyType)).
		WithName(ruleName(p.KeyType)).
		WithShortDescription(sarif.NewMultiformatMessageString().WithText(
			fmt.Sprintf("Leaked Amplitude %s (%s)", p.Name, p.Visibility))).
		WithFullDescription(sarif.NewMultiformatMessageString().WithText(fullDescription(p))).
		WithHelp(sarif.NewMultiformatMessageString().WithText(helpText(p)).WithMarkdown(helpMarkdown(p))).
		WithHelpURI(p.DocsURL).
		WithDefaultConfiguration(sarif.NewReportingConfiguration().WithLevel(level(p.Visibility))).
		WithProperties(props)
}

// ruleName is the key type id in CamelCase: amplitude-secret-key becomes
// AmplitudeSecretKey.
func ruleName(kt rules.KeyType) string {
	var b strings.Builder
	for _, part := range strings.Split(string(kt), "-") {
		r, n := utf8.DecodeRuneInString(part)
		b.WriteRune(unicode.ToUpper(r))
		b.WriteString(part[n:])
	}
	return b.String()
}

func fullDescription(p rules.Policy) string {
	kind := "public: Amplitude designs it to ship in browsers and apps"
	if p.Visibility == rules.Private {
		kind = "private: it must never leave servers and secret stores you control"
	}
	return fmt.Sprintf("An Amplitude %s (%s) is %s. %s", p.Name, p.Product, kind, p.Remediation)
}

func rotation(p rules.Policy) string {
	if p.Rotatable {
		return "yes, self-service"
	}
	return "no: only Amplitude Support can replace it"
}

func helpText(p rules.Policy) string {
	return fmt.Sprintf("Amplitude %s (%s, %s).\n\nWhat to do: %s\n\n%s\n\nManaged in: %s\nCan be rotated: %s\nDocs: %s\n",
		p.Name, p.KeyType, p.Visibility, p.Action, p.Remediation, p.ManagedIn, rotation(p), p.DocsURL)
}

func helpMarkdown(p rules.Policy) string {
	return fmt.Sprintf("**Amplitude %s** (`%s`, %s)\n\n**What to do:** %s\n\n%s\n\n"+
		"- **Managed in:** %s\n- **Can be rotated:** %s\n- **Product:** %s\n- **Docs:** [Amplitude keys and tokens](%s)\n",
		p.Name, p.KeyType, p.Visibility, p.Action, p.Remediation, p.ManagedIn, rotation(p), p.Product, p.DocsURL)
}

func level(v rules.Visibility) string {
	if v == rules.Private {
		return sarif.LevelError
	}
	return sarif.LevelNote
}

// checkSARIFResult fails for a finding sarifResult cannot render.
func checkSARIFResult(f *scanner.Finding, index map[string]int) error {
	if _, ok := index[sarifRuleID(f)]; !ok {
		return fmt.Errorf("sarif: finding at %s:%d has unknown key type %q", f.Path, f.Line, f.KeyType)
	}
	return nil
}

// sarifResult renders one finding. Nothing in it comes from the secret
// except the fingerprint.
func sarifResult(f *scanner.Finding, index map[string]int) (*sarif.Result, error) {
	if err := checkSARIFResult(f, index); err != nil {
		return nil, err
	}
	i := index[sarifRuleID(f)]
	region := sarif.NewRegion().WithStartLine(max(f.Line, 1)).WithStartColumn(max(f.Column, 1))
	region.WithEndColumn(max(f.EndColumn, *region.StartColumn))
	loc := sarif.NewLocationWithPhysicalLocation(sarif.NewPhysicalLocation().
		WithArtifactLocation(sarif.NewArtifactLocation().WithURI(artifactURI(f.Path)).WithURIBaseID(srcRoot)).
		WithRegion(region))
	res := sarif.NewRuleResult(sarifRuleID(f)).
		WithRuleIndex(i).
		WithLevel(level(f.Visibility)).
		WithMessage(sarif.NewTextMessage(resultMessage(f))).
		WithLocations([]*sarif.Location{loc}).
		WithPartialFingerprints(map[string]string{fingerprintKey: f.Fingerprint}).
		WithProperties(resultProperties(f))
	// An accepted finding stays in the report, marked suppressed, so that
	// code scanning closes its alert instead of losing track of it.
	if sup := f.Suppression; sup != nil {
		kind := "external" // allow entries of the configuration, the baseline
		if sup.Kind == "inline" {
			kind = "inSource"
		}
		res.WithSuppressions([]*sarif.Suppression{sarif.NewSuppression().WithKind(kind).WithJustification(sup.Reason)})
	}
	return res, nil
}

// resultMessage starts with one sentence naming the key type and the
// action, then says how it is exposed and where history put it.
func resultMessage(f *scanner.Finding) string {
	p := f.Policy()
	var b strings.Builder
	fmt.Fprintf(&b, "Amplitude %s (%s) found: %s", p.Name, f.Visibility, lowerFirst(p.Action))
	if f.Exposure != "" {
		fmt.Fprintf(&b, " Exposed: %s ships it to every user.", f.Exposure)
	}
	if c := f.Commit; c != nil {
		fmt.Fprintf(&b, " Introduced in commit %s on %s.", shortCommit(c.ID), c.Date.UTC().Format(time.DateOnly))
	}
	b.WriteString(verificationMessage(f))
	b.WriteString(" ")
	b.WriteString(remediation(f))
	return b.String()
}

func lowerFirst(s string) string {
	r, n := utf8.DecodeRuneInString(s)
	return string(unicode.ToLower(r)) + s[n:]
}

func shortCommit(id string) string {
	if len(id) > 12 {
		return id[:12]
	}
	return id
}

func resultProperties(f *scanner.Finding) *sarif.PropertyBag {
	props := sarif.NewPropertyBag().
		Add("rule_id", f.RuleID).
		Add("key_type", string(f.KeyType)).
		Add("visibility", string(f.Visibility)).
		Add("severity", f.Severity.String())
	if f.Exposure != "" {
		props.Add("exposure", f.Exposure)
	}
	addVerificationProps(props, f)
	if c := f.Commit; c != nil {
		props.Add("commit", c.ID).
			Add("author", c.Author).
			Add("email", c.Email).
			Add("date", c.Date.UTC().Format(time.RFC3339)).
			Add("in_head", c.InHead)
		if len(c.HeadLocations) > 0 {
			props.Add("head_locations", headLocations(c.HeadLocations))
		}
	}
	return props
}

func headLocations(ls []scanner.Location) []string {
	out := make([]string, len(ls))
	for i, l := range ls {
		out[i] = fmt.Sprintf("%s:%d:%d", l.Path, l.Line, l.Column)
	}
	sort.Strings(out)
	return out
}

// artifactURI turns a finding's path into a relative URI reference: each
// segment percent-encoded (colons too, so no segment reads as a scheme),
// no leading slash, no "./".
func artifactURI(path string) string {
	path = strings.TrimLeft(path, "/")
	for strings.HasPrefix(path, "./") {
		path = strings.TrimLeft(path[2:], "/")
	}
	segs := strings.Split(path, "/")
	for i, s := range segs {
		segs[i] = strings.ReplaceAll(url.PathEscape(s), ":", "%3A")
	}
	return strings.Join(segs, "/")
}

var semverRE = regexp.MustCompile(`^v?((0|[1-9]\d*)\.(0|[1-9]\d*)\.(0|[1-9]\d*)(-[0-9A-Za-z-]+(\.[0-9A-Za-z-]+)*)?(\+[0-9A-Za-z-]+(\.[0-9A-Za-z-]+)*)?)$`)

// semanticVersion returns v as SemVer 2.0 (without a leading "v"), if it is one.
func semanticVersion(v string) (string, bool) {
	m := semverRE.FindStringSubmatch(v)
	if m == nil {
		return "", false
	}
	return m[1], true
}
