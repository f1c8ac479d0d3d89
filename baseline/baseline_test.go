package baseline

import (
	"bytes"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"github.com/ampscan/ampscan/rules"
	"github.com/ampscan/ampscan/scanner"
)

func finding(kt rules.KeyType, secret, path string, c *scanner.Commit) scanner.Finding {
	return scanner.Finding{KeyType: kt, Secret: secret, Path: path, Line: 3,
		Fingerprint: scanner.Fingerprint(kt, secret, path), Commit: c}
}

const (
	s1 = "3f9a1c7e5b2d8f4a6c0e9b7d5a3f1c8e" // plainly fake: not from any account
	s2 = "8e1c3f5a7b9d2f4e6a8c0b1d3e5f7a9c"
)

func TestMarshalSortedStableAndSecretFree(t *testing.T) {
	t.Parallel()
	day := time.Date(2024, 1, 2, 0, 0, 0, 0, time.UTC)
	fs := []scanner.Finding{
		finding(rules.SecretKey, s1, "z/.env", nil),
		finding(rules.APIKey, s2, "a/app.ts", &scanner.Commit{ID: "bbbb", Date: day.Add(time.Hour)}),
		finding(rules.APIKey, s2, "a/app.ts", &scanner.Commit{ID: "aaaa", Date: day}), // earlier: its commit wins
		finding(rules.SecretKey, s2, "a/app.ts", nil),
	}
	fs[3].Suppression = &scanner.Suppression{Kind: "inline"} // accepted otherwise: not recorded
	b := FromFindings(fs)
	got := string(b.Marshal())
	want := `{
  "ampscan_baseline": 1,
  "entries": [
    {"key_type":"amplitude-api-key","path":"a/app.ts","fingerprint":"` + fs[1].Fingerprint + `","commit":"aaaa","reason":""},
    {"key_type":"amplitude-secret-key","path":"z/.env","fingerprint":"` + fs[0].Fingerprint + `","reason":""}
  ]
}
`
	if diff := cmp.Diff(want, got); diff != "" {
		t.Fatalf("baseline (-want +got):\n%s", diff)
	}
	// Input order does not matter: reversed findings give the same bytes.
	rev := []scanner.Finding{fs[3], fs[2], fs[1], fs[0]}
	if again := FromFindings(rev).Marshal(); !bytes.Equal(again, []byte(got)) {
		t.Errorf("different bytes for the same findings:\n%s", again)
	}
	for _, s := range []string{s1, s2} {
		for i := 0; i+8 <= len(s); i++ {
			if strings.Contains(got, s[i:i+8]) {
				t.Fatalf("baseline holds part of a secret: %q", s[i:i+8])
			}
		}
	}
	// And it reads back to the same entries.
	back, err := Parse("b.json", []byte(got))
	if err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff(b.Entries(), back.Entries()); diff != "" {
		t.Errorf("round trip (-want +got):\n%s", diff)
	}
}

func TestEmptyBaseline(t *testing.T) {
	t.Parallel()
	raw := New().Marshal()
	if string(raw) != "{\n  \"ampscan_baseline\": 1,\n  \"entries\": []\n}\n" {
		t.Errorf("%s", raw)
	}
	if b, err := Parse("b.json", raw); err != nil || b.Len() != 0 {
		t.Errorf("%v %v", b, err)
	}
}

func TestMergeKeepsReasonsAndStale(t *testing.T) {
	t.Parallel()
	old := FromFindings([]scanner.Finding{finding(rules.SecretKey, s1, ".env", nil), finding(rules.SecretKey, s2, "gone.env", nil)})
	for fp, e := range old.entries {
		e.Reason = "rotated in 2023"
		old.entries[fp] = e
	}
	next := FromFindings([]scanner.Finding{
		finding(rules.SecretKey, s1, ".env", &scanner.Commit{ID: "cccc"}),
		finding(rules.APIKey, s2, "web/app.ts", nil),
	})
	old.Merge(next, false)
	es := old.Entries()
	if len(es) != 3 {
		t.Fatalf("entries %+v", es)
	}
	if es[0].Path != ".env" || es[0].Reason != "rotated in 2023" || es[0].Commit != "cccc" {
		t.Errorf("kept entry %+v: want its reason kept and the commit filled in", es[0])
	}
	if es[1].Path != "gone.env" {
		t.Errorf("stale entry dropped without --prune: %+v", es)
	}
	old.Merge(next, true)
	if es := old.Entries(); len(es) != 2 || es[0].Path != ".env" || es[1].Path != "web/app.ts" {
		t.Errorf("pruned: %+v", es)
	}
}

func TestApply(t *testing.T) {
	t.Parallel()
	b := FromFindings([]scanner.Finding{finding(rules.SecretKey, s1, ".env", nil)})
	fs := []scanner.Finding{
		finding(rules.SecretKey, s1, ".env", nil),     // the same: accepted
		finding(rules.SecretKey, s2, ".env", nil),     // a new secret at the same place
		finding(rules.SecretKey, s1, "copy.env", nil), // the same secret in a new file
	}
	fs[0].Line = 40 // moved: lines play no part
	if n := b.Apply(fs, "b.json"); n != 1 {
		t.Errorf("applied %d, want 1", n)
	}
	if s := fs[0].Suppression; s == nil || s.Kind != Kind || !strings.Contains(s.Reason, "b.json") {
		t.Errorf("moved finding: %+v", s)
	}
	if fs[1].Suppression != nil || fs[2].Suppression != nil {
		t.Errorf("new findings accepted: %+v %+v", fs[1].Suppression, fs[2].Suppression)
	}
}

func TestParseErrors(t *testing.T) {
	t.Parallel()
	fp := scanner.Fingerprint(rules.SecretKey, s1, ".env")
	cases := []struct{ name, raw, want string }{
		{"syntax", "{\n  \"ampscan_baseline\": 1,\n  \"entries\": [\n    {\"key_type\": }\n  ]\n}\n", "b.json: line 4, column 18"},
		{"not a baseline", `{"entries": []}`, "not an ampscan baseline"},
		{"version", `{"ampscan_baseline": 2, "entries": []}`, "version 2 is not supported"},
		{"unknown field", `{"ampscan_baseline": 1, "entries": [{"secret": "x"}]}`, `unknown field "secret"`},
		{"bad fingerprint", `{"ampscan_baseline": 1, "entries": [{"key_type": "amplitude-secret-key", "path": "a", "fingerprint": "12"}]}`, "entry 1: fingerprint"},
		{"bad key type", `{"ampscan_baseline": 1, "entries": [{"key_type": "nope", "path": "a", "fingerprint": "` + fp + `"}]}`, `entry 1: unknown key_type "nope"`},
		{"no path", `{"ampscan_baseline": 1, "entries": [{"key_type": "amplitude-secret-key", "fingerprint": "` + fp + `"}]}`, "entry 1: path is empty"},
		{"trailing data", `{"ampscan_baseline": 1, "entries": []} {}`, "unexpected data"},
		{"empty file", ``, "b.json: empty file"},
		{"cut short", "{\n  \"ampscan_baseline\": 1,\n  \"entries\": [\n", "b.json: cut short: the file ends at line 4"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			_, err := Parse("b.json", []byte(tc.raw))
			if err == nil || !strings.Contains(err.Error(), tc.want) {
				t.Fatalf("error %v, want %q", err, tc.want)
			}
		})
	}
}
