package report

import (
	"bytes"
	"encoding/hex"
	"encoding/json"
	"reflect"
	"strings"
	"testing"
	"time"

	"github.com/owenrumney/go-sarif/v3/pkg/report/v210/sarif"

	"github.com/ampscan/ampscan/rules"
	"github.com/ampscan/ampscan/scanner"
)

// The writer fuzz targets render a report built from fuzzed paths,
// authors, emails, reasons, notes and positions. The secret is a generated
// 32-hex value (from the fuzzed bytes), so that finding it whole in an
// output is a leak, not a coincidence with fixed text. No writer may fail,
// panic or hold the secret unless a fuzzed field itself does.

// fuzzReport builds the report. leaks fails t if out, the report written
// by write, holds the secret more often than the same report with
// another secret of the same shape does: there, only the fuzzed fields,
// as written, can hold it (a path of a NUL and zeros is written in JSON
// as \u0000 and zeros, and holds a secret of zeros).
func fuzzReport(t *testing.T, path, author, email, reason, note string, seed []byte, line, col int, kt, flags uint8, unix int64) (rep *scanner.Report, leaks func(format string, out []byte, write func(*scanner.Report) []byte)) {
	secret := hex.EncodeToString(append(append([]byte{}, seed...), make([]byte, 16)...)[:16])
	if kt%3 == 1 {
		secret = "server-" + secret[:32]
	}
	other := []byte(secret)
	for i, c := range other[len(other)-32:] {
		other[len(other)-32+i] = "123456789abcdef0"[strings.IndexByte("0123456789abcdef", c)]
	}
	rep = buildFuzzReport(secret, path, author, email, reason, note, line, col, kt, flags, unix)
	leaks = func(format string, out []byte, write func(*scanner.Report) []byte) {
		if n := bytes.Count(out, []byte(secret)); n > 0 {
			elsewhere := write(buildFuzzReport(string(other), path, author, email, reason, note, line, col, kt, flags, unix))
			if n > bytes.Count(elsewhere, []byte(secret)) {
				t.Fatalf("%s output holds the secret", format)
			}
		}
	}
	return rep, leaks
}

func buildFuzzReport(secret, path, author, email, reason, note string, line, col int, kt, flags uint8, unix int64) *scanner.Report {
	pols := rules.Policies()
	line = 1 + int(uint(line)%1_000_000)
	col = 1 + int(uint(col)%10_000)
	fs := []scanner.Finding{{
		RuleID: "fuzz.rule", KeyType: pols[int(kt)%len(pols)].KeyType, Secret: secret, Path: path,
		Line: line, Column: col, EndColumn: col + len(secret), Exposure: note,
	}}
	if flags&1 != 0 {
		c := fs[0]
		c.Path = path + "/history"
		c.Commit = &scanner.Commit{
			ID: strings.Repeat("a1", 20), Author: author, Email: email,
			Date: time.Unix(unix%(1<<40), 0), InHead: flags&2 != 0,
			HeadLocations: []scanner.Location{{Path: path, Line: line, Column: col}},
		}
		fs = append(fs, c)
	}
	if flags&4 != 0 {
		kind := "allowlist"
		if flags&8 != 0 {
			kind = "inline"
		}
		fs[0].Suppression = &scanner.Suppression{Kind: kind, Reason: reason}
	}
	scanner.Finalize(fs)
	return &scanner.Report{
		Findings: fs, Notes: []string{note},
		Stats: scanner.Stats{Files: 1, Skipped: map[string]int64{reason: 1}, Errors: []scanner.FileError{{Path: path, Err: reason}}},
	}
}

// written returns what w writes for a report, failing t if it fails.
func written(t *testing.T, w Writer) func(*scanner.Report) []byte {
	return func(rep *scanner.Report) []byte {
		var b bytes.Buffer
		if err := w.Write(&b, rep); err != nil {
			t.Fatalf("%T: %v", w, err)
		}
		return b.Bytes()
	}
}

func addWriterSeeds(f *testing.F) {
	f.Add("web/src/analytics.ts", "Ada Lovelace", "ada@example.com", "generated test fixtures", "shallow clone", []byte("0123456789abcdef"), 12, 19, uint8(0), uint8(7), int64(1700000000))
	f.Add("mobile/App config/ünïcode:v2.json", "Grace", "g@x", "", "", []byte{0xff, 0xfe}, 1, 1, uint8(3), uint8(1), int64(0))
	f.Add("./../a b/%2F?#[]", "\x1b]0;owned\x07", "a\nb", "\x00\u202e", "note\r\nfake: line", []byte("k"), 0, -5, uint8(8), uint8(2), int64(-62135596800))
	f.Add("\xff\xfe/\x00", "\u2028", "<script>", "&amp;", "\t", []byte("zz"), 1<<30, 1<<30, uint8(255), uint8(255), int64(1<<62))
}

// FuzzJSONTextWriters: JSON is valid and holds every finding; the text
// report carries no control characters but line ends (a hostile file name
// or author must not drive the reader's terminal).
func FuzzJSONTextWriters(f *testing.F) {
	addWriterSeeds(f)
	f.Fuzz(func(t *testing.T, path, author, email, reason, note string, seed []byte, line, col int, kt, flags uint8, unix int64) {
		rep, leaks := fuzzReport(t, path, author, email, reason, note, seed, line, col, kt, flags, unix)
		fs := rep.Findings
		var js bytes.Buffer
		if err := (&JSON{}).Write(&js, rep); err != nil {
			t.Fatalf("JSON: %v", err)
		}
		var got jsonReport
		if err := json.Unmarshal(js.Bytes(), &got); err != nil || !json.Valid(js.Bytes()) {
			t.Fatalf("JSON does not parse: %v", err)
		}
		if whole := wholeJSON(t, &JSON{}, rep); !bytes.Equal(js.Bytes(), whole) {
			t.Fatalf("streamed JSON differs from the document encoded whole:\n%s\nwhole:\n%s", js.Bytes(), whole)
		}
		if len(got.Findings) != len(fs) {
			t.Fatalf("JSON holds %d of %d findings", len(got.Findings), len(fs))
		}
		leaks("JSON", js.Bytes(), written(t, &JSON{}))

		var tx bytes.Buffer
		if err := (&Text{}).Write(&tx, rep); err != nil {
			t.Fatalf("text: %v", err)
		}
		leaks("text", tx.Bytes(), written(t, &Text{}))
		for _, r := range tx.String() {
			if r != '\n' && (r < 0x20 || r == 0x7f || (r >= 0x80 && r < 0xa0) || r == '\u2028' || r == '\u2029' || r == '\u202e') {
				t.Fatalf("text output holds control character %U", r)
			}
		}
	})
}

// FuzzSARIFWriter: the log parses, round-trips through go-sarif's model
// and passes its schema validation (slow: a few runs a second).
func FuzzSARIFWriter(f *testing.F) {
	addWriterSeeds(f)
	f.Fuzz(func(t *testing.T, path, author, email, reason, note string, seed []byte, line, col int, kt, flags uint8, unix int64) {
		rep, leaks := fuzzReport(t, path, author, email, reason, note, seed, line, col, kt, flags, unix)
		var sf bytes.Buffer
		if err := (&SARIF{Options: Options{Version: "v1.0.0"}}).Write(&sf, rep); err != nil {
			t.Fatalf("SARIF: %v", err)
		}
		// go-sarif's Validate compiles the schema on every call, the
		// bulk of each run's time, so it runs once here: on the model
		// read back from our bytes, which must round-trip exactly.
		log, err := sarif.FromBytes(sf.Bytes())
		if err != nil {
			t.Fatalf("SARIF does not parse: %v", err)
		}
		var ours, theirs any
		again, _ := json.Marshal(log)
		if json.Unmarshal(sf.Bytes(), &ours) != nil || json.Unmarshal(again, &theirs) != nil || !reflect.DeepEqual(ours, theirs) {
			t.Fatalf("go-sarif's model does not round-trip our SARIF")
		}
		if err := log.Validate(); err != nil {
			t.Fatalf("SARIF schema: %v", err)
		}
		leaks("SARIF", sf.Bytes(), written(t, &SARIF{Options: Options{Version: "v1.0.0"}}))
	})
}

func TestTerminalSafe(t *testing.T) {
	for in, want := range map[string]string{
		"web/src/a.ts":        "web/src/a.ts",
		"ünïcode dir/x":       "ünïcode dir/x",
		"\x1b]0;owned\x07":    `"\x1b]0;owned\a"`,
		"a\nb\tc":             `"a\nb\tc"`,
		"evil\u202egnp.js":    `"evil\u202egnp.js"`,
		"bad\xff\x9b[2Jbytes": `"bad\xff\x9b[2Jbytes"`,
	} {
		if got := TerminalSafe(in); got != want {
			t.Errorf("TerminalSafe(%q) = %q, want %q", in, got, want)
		}
	}
}
