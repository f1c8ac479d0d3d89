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

type rangeJSON struct {
	Findings []struct {
		Path        string          `json:"path"`
		Line        int             `json:"line"`
		Suppression json.RawMessage `json:"suppression"`
	} `json:"findings"`
	Notices []struct {
		Kind string `json:"kind"`
		Path string `json:"path"`
		Line int    `json:"line"`
	} `json:"notices"`
}

// TestRangeCannotSilenceItself is the acceptance test of a pull request that
// adds a private key and, in the same range, tries to accept it: by an
// allowlist entry in .ampscan.toml, or by an inline marker on its line. The
// range scan still fails, and says what the range tried.
func TestRangeCannotSilenceItself(t *testing.T) {
	cases := []struct {
		name       string
		change     func(r *gittest.Repo, key string)
		wantNotice string // kind
		wantPath   string
	}{
		{
			name: "allowlist entry added in the range",
			change: func(r *gittest.Repo, key string) {
				r.Write("deploy/prod.env", "AMPLITUDE_SECRET_KEY="+key+"\n")
				r.Write(".ampscan.toml", "[allowlist]\npaths = [\"deploy/\"]\nreason = \"fixtures\"\n")
			},
			wantNotice: "config-changed", wantPath: ".ampscan.toml",
		},
		{
			name: "inline marker on the key's line",
			change: func(r *gittest.Repo, key string) {
				r.Write("deploy/prod.env", "AMPLITUDE_SECRET_KEY="+key+" # ampscan:allow\n")
			},
			wantNotice: "allow-marker-added", wantPath: "deploy/prod.env",
		},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			k := gittest.NewKeys(t)
			r := gittest.New(t)
			r.Write("README.md", "clean\n")
			r.Write(".ampscan.toml", "[allowlist]\npaths = [\"testdata/\"]\n")
			base := r.Commit("A: clean")
			r.Write("src/app.go", "package app\n")
			r.Commit("B1: unrelated")
			tc.change(r, k.Hex())
			r.Commit("B2: add the key and try to accept it")
			rng := base.String() + "..HEAD"

			code, out, stderr := runGitCLI(t, "git", "--range", rng, "-q", r.Dir)
			t.Logf("ampscan git --range A..B (text):\n%s", out)
			if code != cli.ExitFindings {
				t.Fatalf("exit %d, want 1; stderr: %s", code, stderr)
			}
			if !strings.Contains(out, "notice: "+tc.wantPath) {
				t.Errorf("text summary has no notice for %s", tc.wantPath)
			}

			code, out, _ = runGitCLI(t, "git", "--range", rng, "-q", "--format", "json", r.Dir)
			var rep rangeJSON
			if err := json.Unmarshal([]byte(out), &rep); err != nil {
				t.Fatal(err)
			}
			if code != cli.ExitFindings || len(rep.Findings) != 1 || rep.Findings[0].Suppression != nil {
				t.Fatalf("exit %d, findings %+v: want one active finding", code, rep.Findings)
			}
			if len(rep.Notices) != 1 || rep.Notices[0].Kind != tc.wantNotice || rep.Notices[0].Path != tc.wantPath {
				t.Errorf("notices %+v, want one %s on %s", rep.Notices, tc.wantNotice, tc.wantPath)
			}

			code, out, _ = runGitCLI(t, "git", "--range", rng, "-q", "--format", "sarif", r.Dir)
			if code != cli.ExitFindings || !strings.Contains(out, `"ruleId": "ampscan/`+tc.wantNotice+`"`) {
				t.Errorf("exit %d; SARIF has no ampscan/%s result:\n%s", code, tc.wantNotice, out)
			}
		})
	}
}

// TestRangeConfigFromBase: the base's configuration applies to the range
// (its allowlist accepts a key the range adds there), a deletion of it in
// the range does not lift it, and the work tree's file is not read.
func TestRangeConfigFromBase(t *testing.T) {
	k := gittest.NewKeys(t)
	r := gittest.New(t)
	r.Write(".ampscan.toml", "[allowlist]\npaths = [\"fixtures/\"]\nreason = \"fake keys\"\n")
	base := r.Commit("A")
	r.Write("fixtures/keys.env", "AMPLITUDE_SECRET_KEY="+k.Hex()+"\n")
	r.Remove(".ampscan.toml")
	r.Commit("B: a fixture, and the configuration deleted")
	// The work tree says otherwise; a range scan must not care.
	r.Write(".ampscan.toml", "[allowlist]\npaths = [\"nothing/\"]\n")
	code, out, stderr := runGitCLI(t, "git", "--range", base.String()+"..HEAD", "-q", "--format", "json", r.Dir)
	if code != cli.ExitClean {
		t.Fatalf("exit %d, want 0 (the base's allowlist accepts fixtures/); stderr %s\n%s", code, stderr, out)
	}
	var rep rangeJSON
	if err := json.Unmarshal([]byte(out), &rep); err != nil {
		t.Fatal(err)
	}
	if len(rep.Findings) != 1 || rep.Findings[0].Suppression == nil {
		t.Errorf("findings %+v, want one suppressed by the base's allowlist", rep.Findings)
	}
	if len(rep.Notices) != 1 || rep.Notices[0].Kind != "config-changed" {
		t.Errorf("notices %+v, want the deletion of .ampscan.toml", rep.Notices)
	}
	// dir and a whole-history scan still read the work tree's file.
	if code, _, _ := runGitCLI(t, "git", "-q", r.Dir); code != cli.ExitFindings {
		t.Errorf("git without --range: exit %d, want 1 (the work tree's allowlist lists nothing)", code)
	}
}

// TestRangeMarkerOnlyMoved: a marker line that only moves is not new.
func TestRangeMarkerOnlyMoved(t *testing.T) {
	r := gittest.New(t)
	r.Write("a.txt", "one\nlegacy # ampscan:allow\ntwo\n")
	base := r.Commit("A")
	r.Write("a.txt", "zero\none\ntwo\nlegacy # ampscan:allow\nnew # AMPSCAN:ALLOW\n")
	r.Commit("B")
	code, out, _ := runGitCLI(t, "git", "--range", base.String()+"..HEAD", "-q", "--format", "json", r.Dir)
	var rep rangeJSON
	if err := json.Unmarshal([]byte(out), &rep); err != nil {
		t.Fatal(err)
	}
	if code != cli.ExitClean || len(rep.Notices) != 1 || rep.Notices[0].Line != 5 {
		t.Errorf("exit %d, notices %+v: want one, on line 5", code, rep.Notices)
	}
}

// TestRangeBaselineFromBase: a pull request that adds a key and records it
// in the repository's baseline still fails; the baseline is read from the
// base, and its change is a notice. A baseline from outside the repository
// (an artifact of an earlier run) is read as given.
func TestRangeBaselineFromBase(t *testing.T) {
	k := gittest.NewKeys(t)
	r := gittest.New(t)
	r.Write("README.md", "clean\n")
	base := r.Commit("A: clean")
	r.Write("deploy/prod.env", "AMPLITUDE_SECRET_KEY="+k.Hex()+"\n")
	r.Commit("B1: a key")
	rng := base.String() + "..HEAD"
	inRepo := filepath.Join(r.Dir, ".ampscan-baseline.json")
	// The pull request records its own key in the baseline.
	if code, _, stderr := runGitCLI(t, "git", "-q", "--write-baseline", inRepo, r.Dir); code != cli.ExitClean {
		t.Fatalf("writing the baseline: exit %d: %s", code, stderr)
	}
	r.Commit("B2: accept it in the baseline")

	code, out, stderr := runGitCLI(t, "git", "--range", rng, "-q", "--baseline", inRepo, "--format", "json", r.Dir)
	if code != cli.ExitFindings {
		t.Fatalf("a range that baselines its own key: exit %d, want 1; stderr %s\n%s", code, stderr, out)
	}
	var rep rangeJSON
	if err := json.Unmarshal([]byte(out), &rep); err != nil {
		t.Fatal(err)
	}
	if len(rep.Notices) != 1 || rep.Notices[0].Path != ".ampscan-baseline.json" {
		t.Errorf("notices %+v, want one for the baseline the range adds", rep.Notices)
	}
	outside := filepath.Join(t.TempDir(), "baseline.json")
	if err := os.Rename(inRepo, outside); err != nil {
		t.Fatal(err)
	}
	if code, _, stderr := runGitCLI(t, "git", "--range", rng, "-q", "--baseline", outside, r.Dir); code != cli.ExitClean {
		t.Errorf("a baseline from outside the repository: exit %d, want 0 (read as given); stderr %s", code, stderr)
	}
}
