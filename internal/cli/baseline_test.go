package cli_test

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/ampscan/ampscan/internal/cli"
	"github.com/ampscan/ampscan/internal/gittest"
)

// scanJSON is the part of the JSON report these tests read.
type scanJSON struct {
	Findings []struct {
		KeyType     string `json:"key_type"`
		Path        string `json:"path"`
		Line        int    `json:"line"`
		Severity    string `json:"severity"`
		Secret      string `json:"secret"`
		Fingerprint string `json:"fingerprint"`
		Commit      string `json:"commit"`
		Suppression *struct {
			Kind   string `json:"kind"`
			Reason string `json:"reason"`
		} `json:"suppression"`
	} `json:"findings"`
	Summary struct {
		Total      int            `json:"total"`
		Suppressed int            `json:"suppressed"`
		ByKind     map[string]int `json:"suppressed_by_kind"`
	} `json:"summary"`
}

// scan runs ampscan with --format json and decodes the report.
func scan(t *testing.T, args ...string) (int, scanJSON, string) {
	t.Helper()
	code, out, stderr := runGitCLI(t, append(args, "--format", "json")...)
	var rep scanJSON
	if code != cli.ExitUsage {
		if err := json.Unmarshal([]byte(out), &rep); err != nil {
			t.Fatalf("%v\n%s\n%s", err, out, stderr)
		}
	}
	return code, rep, stderr
}

// active lists the paths of the findings nothing accepts.
func (r scanJSON) active() []string {
	var out []string
	for _, f := range r.Findings {
		if f.Suppression == nil {
			out = append(out, f.Path)
		}
	}
	return out
}

func write(t *testing.T, path, content string) {
	t.Helper()
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(path, []byte(content), 0o644); err != nil {
		t.Fatal(err)
	}
}

func read(t *testing.T, path string) string {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

// The traps of a baseline keyed by content: a moved line stays accepted, a
// new secret at the same place or the same secret in a new file is new.
func TestBaselineTraps(t *testing.T) {
	k := gittest.NewKeys(t)
	held, fresh := k.Hex(), k.Hex()
	dir := t.TempDir()
	work := filepath.Join(dir, "work")
	bl := filepath.Join(dir, "baseline.json")
	write(t, filepath.Join(work, "srv/.env"), "AMPLITUDE_SECRET_KEY="+held+"\n")
	if code, rep, stderr := scan(t, "dir", "--write-baseline", bl, work); code != cli.ExitClean || len(rep.active()) != 0 || rep.Summary.ByKind["baseline"] != 1 {
		t.Fatalf("writing the baseline: exit %d, %+v %s", code, rep.Summary, stderr)
	}
	if code, rep, _ := scan(t, "dir", "--baseline", bl, work); code != cli.ExitClean || rep.Summary.Suppressed != 1 {
		t.Fatalf("rescan: exit %d, %+v", code, rep.Summary)
	}
	steps := []struct {
		name   string
		files  map[string]string
		code   int
		active []string
	}{
		{"a line inserted above", map[string]string{"srv/.env": "# moved down\nDEBUG=1\nAMPLITUDE_SECRET_KEY=" + held + "\n"}, 0, nil},
		{"a new secret at the same place", map[string]string{"srv/.env": "# moved down\nDEBUG=1\nAMPLITUDE_SECRET_KEY=" + fresh + "\n"}, 1, []string{"srv/.env"}},
		{"the same secret copied to a new file", map[string]string{"srv/.env": "AMPLITUDE_SECRET_KEY=" + held + "\n", "jobs/.env": "AMPLITUDE_SECRET_KEY=" + held + "\n"}, 1, []string{"jobs/.env"}},
	}
	for _, s := range steps {
		for p, c := range s.files {
			write(t, filepath.Join(work, p), c)
		}
		code, rep, _ := scan(t, "dir", "--baseline", bl, work)
		if code != s.code || strings.Join(rep.active(), ",") != strings.Join(s.active, ",") {
			t.Errorf("%s: exit %d, active %v; want exit %d, active %v", s.name, code, rep.active(), s.code, s.active)
		}
	}
}

func TestBaselineUpdateInPlace(t *testing.T) {
	k := gittest.NewKeys(t)
	dir := t.TempDir()
	work := filepath.Join(dir, "work")
	bl := filepath.Join(dir, "baseline.json")
	first, second := k.Hex(), k.Hex()
	write(t, filepath.Join(work, "a/.env"), "AMPLITUDE_SECRET_KEY="+first+"\n")
	if code, _, stderr := scan(t, "dir", "--baseline", bl, "--write-baseline", bl, work); code != 0 {
		t.Fatalf("creating with both flags: exit %d %s", code, stderr)
	}
	written := read(t, bl)
	if code, _, _ := scan(t, "dir", "--write-baseline", bl, work); code != 0 || read(t, bl) != written {
		t.Fatalf("a rerun changed the bytes:\n%s\n%s", written, read(t, bl))
	}
	// Someone fills in the reason; a new secret appears.
	write(t, bl, strings.Replace(written, `"reason":""`, `"reason":"rotated 2024-02"`, 1))
	write(t, filepath.Join(work, "b/.env"), "AMPLITUDE_SECRET_KEY="+second+"\n")
	code, rep, _ := scan(t, "dir", "--baseline", bl, "--write-baseline", bl, work)
	got := read(t, bl)
	if code != 0 || strings.Count(got, `"fingerprint"`) != 2 || !strings.Contains(got, "rotated 2024-02") {
		t.Fatalf("update: exit %d\n%s", code, got)
	}
	for _, f := range rep.Findings {
		if f.Path == "a/.env" && (f.Suppression == nil || f.Suppression.Reason != "rotated 2024-02") {
			t.Errorf("the entry's reason is not the suppression's: %+v", f.Suppression)
		}
	}
	// The first secret is removed: its entry stays, unless --prune.
	if err := os.Remove(filepath.Join(work, "a/.env")); err != nil {
		t.Fatal(err)
	}
	scan(t, "dir", "--baseline", bl, "--write-baseline", bl, work)
	if n := strings.Count(read(t, bl), `"fingerprint"`); n != 2 {
		t.Errorf("stale entry dropped without --prune: %d entries", n)
	}
	scan(t, "dir", "--baseline", bl, "--write-baseline", bl, "--prune", work)
	if got := read(t, bl); strings.Count(got, `"fingerprint"`) != 1 || strings.Contains(got, "rotated") {
		t.Errorf("--prune kept the stale entry:\n%s", got)
	}
}

// A secret found in history and the same secret in HEAD's files share one
// entry; a history rewrite that keeps the file keeps it accepted.
func TestBaselineHistory(t *testing.T) {
	k := gittest.NewKeys(t)
	held := k.Hex()
	r := gittest.New(t)
	r.Write("README.md", "hello\n")
	r.Commit("init")
	r.Write("config/.env", "AMPLITUDE_SECRET_KEY="+held+"\n")
	added := r.Commit("add key")
	bl := filepath.Join(t.TempDir(), "baseline.json")
	if code, _, stderr := scan(t, "git", "--write-baseline", bl, r.Dir); code != 0 {
		t.Fatalf("git --write-baseline: exit %d %s", code, stderr)
	}
	if got := read(t, bl); strings.Count(got, `"fingerprint"`) != 1 || !strings.Contains(got, `"commit":"`+added.String()+`"`) {
		t.Fatalf("baseline from history:\n%s", got)
	}
	code, rep, _ := scan(t, "dir", "--baseline", bl, r.Dir)
	if code != 0 || len(rep.Findings) != 1 || rep.Findings[0].Suppression == nil || rep.Findings[0].Suppression.Kind != "baseline" {
		t.Fatalf("HEAD's file with the history baseline: exit %d %+v", code, rep.Findings)
	}
	// The rewrite: another repository whose commits differ in every id and
	// date, holding the same file.
	rw := gittest.New(t)
	rw.Clock = rw.Clock.AddDate(1, 0, 0)
	rw.Write("config/.env", "# rewritten\nAMPLITUDE_SECRET_KEY="+held+"\n")
	rw.Commit("squashed")
	if code, rep, _ := scan(t, "git", "--baseline", bl, rw.Dir); code != 0 || rep.Summary.ByKind["baseline"] != 1 {
		t.Errorf("after a rewrite: exit %d %+v", code, rep.Summary)
	}
	// Staged: the same secret staged in a new file is new.
	r.Write("jobs/.env", "AMPLITUDE_SECRET_KEY="+held+"\n")
	r.Stage()
	if code, rep, _ := scan(t, "staged", "--baseline", bl, r.Dir); code != 1 || strings.Join(rep.active(), ",") != "jobs/.env" {
		t.Errorf("staged copy: exit %d, active %v", code, rep.active())
	}
	if code, _, _ := scan(t, "staged", "--baseline", bl, "--write-baseline", bl, r.Dir); code != 0 {
		t.Errorf("staged --write-baseline: exit %d", code)
	}
	if code, _, _ := scan(t, "staged", "--baseline", bl, r.Dir); code != 0 {
		t.Errorf("staged after the update: exit %d", code)
	}
}

func TestBaselineStdin(t *testing.T) {
	k := gittest.NewKeys(t)
	bl := filepath.Join(t.TempDir(), "b.json")
	in := "AMPLITUDE_SECRET_KEY=" + k.Hex() + "\n"
	runIn := func(stdin string, args ...string) int {
		var out, errb strings.Builder
		return cli.Run(t.Context(), append([]string{"stdin", "--name", ".env"}, args...), strings.NewReader(stdin), &out, &errb)
	}
	if code := runIn(in, "--write-baseline", bl); code != 0 {
		t.Fatalf("stdin --write-baseline: exit %d", code)
	}
	if code := runIn("# a new first line\n"+in, "--baseline", bl); code != 0 {
		t.Errorf("stdin with its baseline: exit %d", code)
	}
	if code := runIn("AMPLITUDE_SECRET_KEY="+k.Hex()+"\n", "--baseline", bl); code != 1 {
		t.Errorf("stdin with a new secret: exit %d", code)
	}
}

func TestBaselineUsageErrors(t *testing.T) {
	dir := t.TempDir()
	work := filepath.Join(dir, "work")
	write(t, filepath.Join(work, "main.go"), "package main\n")
	bad := filepath.Join(dir, "bad.json")
	write(t, bad, "{\n  \"ampscan_baseline\": 1,\n  \"entries\": [\n    {\"key_type\": \"amplitude-secret-key\",}\n  ]\n}\n")
	cases := []struct {
		name string
		args []string
		want string
	}{
		{"malformed", []string{"dir", "--baseline", bad, work}, "bad baseline " + bad + ": line 4"},
		{"missing", []string{"dir", "--baseline", filepath.Join(dir, "nope.json"), work}, "nope.json"},
		{"prune alone", []string{"dir", "--prune", work}, "--prune needs --write-baseline"},
	}
	for _, c := range cases {
		code, _, stderr := runGitCLI(t, c.args...)
		if code != cli.ExitUsage || !strings.Contains(stderr, c.want) {
			t.Errorf("%s: exit %d, stderr %q; want 2 and %q", c.name, code, stderr, c.want)
		}
	}
}
