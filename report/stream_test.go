package report

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"math/rand/v2"
	"reflect"
	"runtime"
	"sort"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/owenrumney/go-sarif/v3/pkg/report/v210/sarif"

	"github.com/ampscan/ampscan/rules"
	"github.com/ampscan/ampscan/scanner"
)

// streamReports are the reports whose streamed output is compared with the
// document built whole: every optional part of the JSON and SARIF
// contracts (history, suppression, verification, notices, an interrupted
// scan, errors, notes, skipped files), and no findings at all.
func streamReports() map[string]*scanner.Report {
	full := verifiedReport()
	full.Notices = noticeReport().Notices
	full.Incomplete = "interrupt signal received"
	full.Stats = scanner.Stats{Files: 12, Bytes: 3456, Commits: 7,
		Skipped: map[string]int64{"binary": 2, "unreadable": 2},
		Errors:  []scanner.FileError{{Path: "z/locked", Err: "permission denied"}, {Path: "a/gone", Err: "no such file"}}}
	full.Findings[0].Repo, full.Findings[0].WebURL = "https://example.com/org/app", "https://example.com/org/app/blob/x/web/src/analytics.ts#L12"
	// Enough findings of every shape for several blocks written by two
	// goroutines (see JSON.findings), the last block short.
	many := *full
	many.Findings = nil
	for len(many.Findings) < 4*findingsBlock+37 {
		for _, f := range full.Findings {
			f.Line = len(many.Findings) + 1
			many.Findings = append(many.Findings, f)
		}
	}
	return map[string]*scanner.Report{
		"fixture":    fixtureReport(),
		"everything": full,
		"many":       &many,
		"empty":      {Stats: scanner.Stats{Skipped: map[string]int64{}}},
		"notices":    noticeReport(),
		"suppressed": suppressedReport(),
	}
}

// wholeJSON is the JSON report as one json.Encoder writes it when it holds
// the whole document: the contract JSON.Write streams.
func wholeJSON(t *testing.T, j *JSON, rep *scanner.Report) []byte {
	t.Helper()
	out := jsonReport{Tool: jsonTool{Name: "ampscan", Version: j.Version}, Findings: []jsonFinding{}}
	for i := range rep.Findings {
		out.Findings = append(out.Findings, j.finding(&rep.Findings[i]))
	}
	out.Summary = *j.summary(rep)
	for _, n := range rep.Notices {
		out.Notices = append(out.Notices, jsonNotice{n.Kind, n.Path, n.Line, n.Message})
	}
	out.Incomplete, out.IncompleteReason = rep.Incomplete != "", rep.Incomplete
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetIndent("", "  ")
	enc.SetEscapeHTML(false)
	if err := enc.Encode(out); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

// wholeSARIF is the SARIF log built whole with go-sarif's model and encoded
// at once: the log SARIF.Write streams.
func wholeSARIF(t *testing.T, s *SARIF, rep *scanner.Report) []byte {
	t.Helper()
	limit := s.maxResults()
	if len(rep.Notices) < limit {
		limit -= len(rep.Notices)
	}
	kept := mostSevereIndex(rep.Findings, limit)
	run, index := s.newRun(rep, rep.Findings, kept)
	for _, i := range kept {
		res, err := sarifResult(&rep.Findings[i], index)
		if err != nil {
			t.Fatal(err)
		}
		run.AddResult(res)
	}
	addSARIFNotices(run, rep.Notices)
	markSARIFIncomplete(run, rep.Incomplete)
	log := sarif.NewReport()
	log.Schema = sarifSchemaURI
	log.AddRun(run)
	var buf bytes.Buffer
	if err := encodeSARIF(&buf, log); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

// TestStreamedDocumentsAreWhole: the JSON and SARIF writers, which write
// finding by finding, produce byte for byte the document encoding/json
// writes when it holds all of it, for every part of the contracts and with
// a truncated SARIF log.
func TestStreamedDocumentsAreWhole(t *testing.T) {
	t.Parallel()
	for name, rep := range streamReports() {
		for _, opts := range []Options{{Version: "v1.2.3"}, {Version: "dev", ShowSecrets: true}} {
			j := &JSON{Options: opts}
			var got bytes.Buffer
			if err := j.Write(&got, rep); err != nil {
				t.Fatal(err)
			}
			if diff := cmp.Diff(string(wholeJSON(t, j, rep)), got.String()); diff != "" {
				t.Errorf("%s: streamed JSON differs (-whole +streamed):\n%s", name, diff)
			}
			for _, limit := range []int{0, 3} {
				s := &SARIF{Options: opts, limit: limit}
				if diff := cmp.Diff(string(wholeSARIF(t, s, rep)), string(writeSARIF(t, s, rep))); diff != "" {
					t.Errorf("%s, limit %d: streamed SARIF differs (-whole +streamed):\n%s", name, limit, diff)
				}
			}
		}
	}
}

// TestSARIFFailsBeforeWriting: a finding SARIF cannot express fails the
// write before its first byte, even after thousands of good ones, so a
// streamed log is never cut short.
func TestSARIFFailsBeforeWriting(t *testing.T) {
	t.Parallel()
	rep := manyFindings(3000)
	bad := rep.Findings[len(rep.Findings)-1]
	bad.KeyType = "amplitude-unknown-key"
	bad.Path = "zz/last.env"
	rep.Findings = append(rep.Findings, bad)
	var out bytes.Buffer
	err := (&SARIF{}).Write(&out, rep)
	if err == nil || !strings.Contains(err.Error(), "unknown key type") || out.Len() != 0 {
		t.Errorf("err %v, %d bytes written; want the unknown key type and nothing written", err, out.Len())
	}
}

// manyFindings is a report of n generated findings over a few key types,
// as a dense .env gives.
func manyFindings(n int) *scanner.Report {
	kts := []rules.KeyType{rules.APIKey, rules.SecretKey, rules.APIKey, rules.ClientDeploymentKey, rules.ServerDeploymentKey}
	fs := make([]scanner.Finding, 0, n)
	for i := range n {
		kt := kts[i%len(kts)]
		secret := fmt.Sprintf("%016x%016x", uint64(i)*0x9e3779b97f4a7c15, uint64(i)+1)
		switch kt {
		case rules.ClientDeploymentKey:
			secret = "client-" + secret
		case rules.ServerDeploymentKey:
			secret = "server-" + secret
		}
		fs = append(fs, fixtureFinding("amplitude.env", kt, secret, "config/.env", i+1, 22))
	}
	scanner.Finalize(fs)
	return &scanner.Report{Findings: fs, Stats: scanner.Stats{Files: 1, Skipped: map[string]int64{}}}
}

// heapProbe is a destination that collects garbage every step bytes
// written and records the most heap then live, and the bytes written.
type heapProbe struct {
	step, pending, written int
	peak                   uint64
}

func (h *heapProbe) Write(p []byte) (int, error) {
	h.written += len(p)
	h.pending += len(p)
	if h.pending >= h.step {
		h.pending = 0
		h.peak = max(h.peak, liveHeap())
	}
	return len(p), nil
}

func liveHeap() uint64 {
	runtime.GC()
	var ms runtime.MemStats
	runtime.ReadMemStats(&ms)
	return ms.HeapAlloc
}

// TestWritersHoldNoDocument: writing a report with many findings keeps only
// a small, fixed amount of memory live beyond the findings themselves,
// whatever the format: no writer builds its document (or a copy of the
// findings) in memory. A writer that did would hold at least its output,
// many times the budget, when it wrote it.
func TestWritersHoldNoDocument(t *testing.T) {
	// Not parallel: it measures the heap of the whole process.
	const n, budget = 20000, 2 << 20
	rep := manyFindings(n)
	for _, format := range []string{"text", "json", "sarif"} {
		w, err := New(format, Options{Version: "dev"})
		if err != nil {
			t.Fatal(err)
		}
		before := liveHeap()
		probe := &heapProbe{step: 256 << 10}
		if err := w.Write(probe, rep); err != nil {
			t.Fatal(err)
		}
		if probe.written < 2*budget {
			t.Fatalf("%s: wrote only %d bytes, too few to tell a streamed report from a whole one", format, probe.written)
		}
		grew := int64(probe.peak) - int64(before)
		t.Logf("%s: %d findings, %d bytes written, live heap grew by at most %d bytes while writing", format, n, probe.written, grew)
		if grew > budget {
			t.Errorf("%s: the live heap grew by %d bytes while writing %d bytes; want at most %d", format, grew, probe.written, budget)
		}
	}
	runtime.KeepAlive(rep)
}

// TestMostSevereIndexOrders: unsorted findings are kept in sorted order,
// by index, without being reordered themselves.
func TestMostSevereIndexOrders(t *testing.T) {
	t.Parallel()
	rep := manyFindings(50)
	fs := rep.Findings
	for i, j := 0, len(fs)-1; i < j; i, j = i+1, j-1 { // reverse: unsorted
		fs[i], fs[j] = fs[j], fs[i]
	}
	snapshot := fingerprints(fs)
	for _, limit := range []int{100, 50, 7} {
		idx := mostSevereIndex(fs, limit)
		if len(idx) != min(limit, len(fs)) {
			t.Fatalf("limit %d: kept %d", limit, len(idx))
		}
		if !sort.SliceIsSorted(idx, func(a, b int) bool { return scanner.Less(&fs[idx[a]], &fs[idx[b]]) }) {
			t.Errorf("limit %d: kept findings are not in sorted order", limit)
		}
		for _, i := range idx[:min(limit, len(idx))] {
			if limit < len(fs) && fs[i].Visibility != rules.Private {
				t.Errorf("limit %d: kept a public key while private ones were dropped", limit)
				break
			}
		}
	}
	if diff := cmp.Diff(snapshot, fingerprints(fs)); diff != "" {
		t.Errorf("mostSevereIndex reordered the findings:\n%s", diff)
	}
}

// encoderBytes is what indentWriter.value writes for v at depth.
func encoderBytes(t *testing.T, v any, depth int) []byte {
	t.Helper()
	var out bytes.Buffer
	iw := newIndentWriter(&out)
	iw.value(v, depth)
	if err := iw.flush(); err != nil {
		t.Fatal(err)
	}
	return out.Bytes()
}

// The strings appendJSONString writes are the encoder's, byte for byte:
// every byte alone and between letters, the runes JSON or JavaScript
// treat apart, broken UTF-8 of each kind, and random bytes.
func TestAppendJSONStringAsEncoder(t *testing.T) {
	t.Parallel()
	texts := []string{"", "plain", "\u2028", "\u2029", "\ufffd", "é", "日本", "🔑", "\xc3", "\xe2\x80", "\xed\xa0\x80", "\xc0\xaf", "\xf4\x90\x80\x80", "a\x00b", "<&>"}
	for c := range 256 {
		texts = append(texts, string([]byte{byte(c)}), "a"+string([]byte{byte(c)})+"z")
	}
	// Every byte at every place of a text longer than two words, so that
	// each lands in each lane of the eight bytes read at once.
	plain := "The key is public by design, see docs."
	for c := range 256 {
		for at := range 18 {
			texts = append(texts, plain[:at]+string([]byte{byte(c)})+plain[at:])
		}
	}
	rng := rand.New(rand.NewPCG(9, 9))
	for n := range 4000 {
		b := make([]byte, rng.IntN(12+n%2*40))
		for i := range b {
			b[i] = byte(rng.IntN(256))
			if n%2 == 1 && rng.IntN(8) > 0 { // mostly plain, as real text is
				b[i] = byte(0x20 + rng.IntN(0x60))
			}
		}
		texts = append(texts, string(b))
	}
	for _, s := range texts {
		want := encoderBytes(t, s, 0)
		if got := appendJSONString(nil, s); !bytes.Equal(got, want) {
			t.Fatalf("%q: appendJSONString %s, encoder %s", s, got, want)
		}
	}
}

// finding writes what the encoder writes for a finding: with every member
// set (each string holding characters that need escaping), with every
// omitempty member empty, and at several depths. A member added to
// jsonFinding and not to finding fails here, as a field of a type
// fullFinding cannot fill does.
func TestFindingAsEncoderWritesIt(t *testing.T) {
	t.Parallel()
	full := fullFinding(t)
	bare := jsonFinding{RuleID: "amplitude.assignment", KeyType: "amplitude-api-key", Line: 3}
	inHead := false
	headOnly := jsonFinding{InHead: &inHead, Suppression: &jsonSuppression{Kind: "inline"}}
	for name, jf := range map[string]*jsonFinding{"full": &full, "bare": &bare, "head only": &headOnly} {
		for depth := range 4 {
			var out bytes.Buffer
			iw := newIndentWriter(&out)
			iw.finding(jf, depth)
			if err := iw.flush(); err != nil {
				t.Fatal(err)
			}
			if want := encoderBytes(t, jf, depth); !bytes.Equal(out.Bytes(), want) {
				t.Errorf("%s at depth %d:\n%s\nencoder:\n%s", name, depth, out.Bytes(), want)
			}
		}
	}
}

// fullFinding sets every field of a jsonFinding, by reflection, so that
// a field added later is set too.
func fullFinding(t *testing.T) jsonFinding {
	t.Helper()
	var jf jsonFinding
	v := reflect.ValueOf(&jf).Elem()
	for i := range v.NumField() {
		f, name := v.Field(i), v.Type().Field(i).Name
		switch f.Interface().(type) {
		case string:
			f.SetString(name + " \"quoted\" \\ \t\n\x01 é \u2028 \xff <&>")
		case int:
			f.SetInt(int64(100 + i))
		case bool:
			f.SetBool(true)
		case *bool:
			yes := true
			f.Set(reflect.ValueOf(&yes))
		case []scanner.Location:
			f.Set(reflect.ValueOf([]scanner.Location{{Path: "a\tb.go", Line: 1, Column: 2}, {Path: "c.go", Line: 3, Column: 4}}))
		case *jsonSuppression:
			f.Set(reflect.ValueOf(&jsonSuppression{Kind: "inline", Reason: "test \"fixture\""}))
		case *jsonVerification:
			f.Set(reflect.ValueOf(&jsonVerification{Status: "live", Reason: "200", Region: "EU", Request: "GET /"}))
		default:
			t.Fatalf("fullFinding cannot set %s (%s): teach it, and finding, the new field", name, f.Type())
		}
	}
	return jf
}

// remediation's texts, joined once for every key type (historyRemediations),
// are what joining them for each finding gives: for every built-in key
// type and one that is not built in, outside history, in HEAD and not.
func TestRemediationJoinedOnce(t *testing.T) {
	t.Parallel()
	kinds := []rules.KeyType{"amplitude-made-up-key"}
	for _, p := range rules.Policies() {
		kinds = append(kinds, p.KeyType)
	}
	for _, kt := range kinds {
		p, _ := rules.PolicyFor(kt)
		for _, c := range []*scanner.Commit{nil, {InHead: true}, {InHead: false}} {
			want := p.Remediation
			switch {
			case c == nil:
			case c.InHead:
				want += " The secret is still in the current tree (HEAD): remove it from the code as well."
			case p.Visibility == rules.Public:
				want += " It is no longer in the current tree but stays in history, readable by anyone with a clone."
			default:
				want += " It is no longer in the current tree, but it is still in history and readable by anyone with a clone: rotate it regardless of any history rewrite."
			}
			if got := remediation(&scanner.Finding{KeyType: kt, Commit: c}); got != want {
				t.Errorf("%s, commit %+v: remediation %q, want %q", kt, c, got, want)
			}
		}
	}
}

// failAfter accepts n bytes, then fails every write.
type failAfter struct{ n int }

var errFull = errors.New("no space left on device")

func (f *failAfter) Write(p []byte) (int, error) {
	if len(p) > f.n {
		k := f.n
		f.n = 0
		return k, errFull
	}
	f.n -= len(p)
	return len(p), nil
}

// A destination that fails while many findings are written in blocks
// fails the write with its error, wherever it fails.
func TestJSONBlocksStopOnFailure(t *testing.T) {
	t.Parallel()
	rep := streamReports()["many"]
	var whole bytes.Buffer
	if err := (&JSON{}).Write(&whole, rep); err != nil {
		t.Fatal(err)
	}
	for _, n := range []int{0, 100, whole.Len() / 3, whole.Len() - 10} {
		if err := (&JSON{}).Write(&failAfter{n}, rep); !errors.Is(err, errFull) {
			t.Errorf("destination full after %d of %d bytes: %v, want %v", n, whole.Len(), err, errFull)
		}
	}
}
