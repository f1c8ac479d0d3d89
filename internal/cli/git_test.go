package cli_test

import (
	"bytes"
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/ampscan/ampscan/internal/cli"
	"github.com/ampscan/ampscan/internal/gittest"
)

// runGitCLI runs ampscan in-process and returns its exit code and output.
func runGitCLI(t *testing.T, args ...string) (int, string, string) {
	t.Helper()
	var stdout, stderr bytes.Buffer
	code := cli.Run(context.Background(), args, strings.NewReader(""), &stdout, &stderr)
	return code, stdout.String(), stderr.String()
}

type gitJSON struct {
	Findings []struct {
		KeyType     string `json:"key_type"`
		Visibility  string `json:"visibility"`
		Path        string `json:"path"`
		Line        int    `json:"line"`
		Commit      string `json:"commit"`
		Author      string `json:"author"`
		Email       string `json:"email"`
		Date        string `json:"date"`
		InHead      *bool  `json:"in_head"`
		Remediation string `json:"remediation"`
	} `json:"findings"`
	Summary struct {
		Notes []string `json:"notes"`
	} `json:"summary"`
}

func decodeGitJSON(t *testing.T, out string) gitJSON {
	t.Helper()
	var rep gitJSON
	if err := json.Unmarshal([]byte(out), &rep); err != nil {
		t.Fatalf("%v\n%s", err, out)
	}
	return rep
}

// keyHistory: a key added then deleted, and a public key still present.
func keyHistory(t *testing.T) (*gittest.Repo, string) {
	k := gittest.NewKeys(t)
	r := gittest.New(t)
	r.Write("README.md", "hello\n")
	r.Commit("init")
	r.Write(".env", "AMPLITUDE_SECRET_KEY="+k.Hex()+"\n")
	added := r.Commit("add key")
	r.Remove(".env")
	r.Commit("remove key")
	r.Write("src/analytics.ts", "import * as amplitude from '@amplitude/analytics-browser';\namplitude.init('"+k.Hex()+"');\n")
	r.Commit("analytics")
	return r, added.String()
}

func TestGitCommand(t *testing.T) {
	r, added := keyHistory(t)
	code, out, stderr := runGitCLI(t, "git", "--format", "json", "-q", r.Dir)
	if code != cli.ExitFindings {
		t.Fatalf("exit %d, want 1; stderr: %s", code, stderr)
	}
	rep := decodeGitJSON(t, out)
	if len(rep.Findings) != 2 {
		t.Fatalf("findings: %+v", rep.Findings)
	}
	for _, f := range rep.Findings {
		if len(f.Commit) != 40 || f.Author != "Ada Lovelace" || f.Email != "ada@example.com" || f.Date == "" || f.InHead == nil {
			t.Errorf("commit fields: %+v", f)
		}
		switch f.Path {
		case ".env":
			if f.Commit != added || *f.InHead || f.Visibility != "private" || !strings.Contains(f.Remediation, "rotate it regardless") {
				t.Errorf(".env: %+v", f)
			}
		case "src/analytics.ts":
			if !*f.InHead || f.Visibility != "public" {
				t.Errorf("analytics: %+v", f)
			}
		default:
			t.Errorf("unexpected path %s", f.Path)
		}
	}
	// Text names the commit too.
	_, text, _ := runGitCLI(t, "git", "-q", "--no-color", r.Dir)
	if !strings.Contains(text, "commit "+added) || !strings.Contains(text, "only in history") {
		t.Errorf("text report:\n%s", text)
	}
	// Public keys alone do not fail by default.
	code, _, _ = runGitCLI(t, "git", "-q", "--range", added+"..main", r.Dir)
	if code != cli.ExitClean {
		t.Errorf("--range after the secret: exit %d, want 0", code)
	}
}

func TestGitCommandUsageErrors(t *testing.T) {
	r, _ := keyHistory(t)
	tests := []struct {
		name string
		args []string
		want string // in stderr
	}{
		{"not a repository", []string{"git", t.TempDir()}, "not a git repository"},
		{"missing path", []string{"git", filepath.Join(t.TempDir(), "nope")}, "cannot open repository"},
		{"bad range", []string{"git", "--range", "nope..main", r.Dir}, "bad --range"},
		{"range without dots", []string{"git", "--range", "main", r.Dir}, "A..B"},
		{"bad branch", []string{"git", "--branch", "nope", r.Dir}, "bad --branch"},
		{"bad date", []string{"git", "--since", "last tuesday", r.Dir}, "bad --since"},
		{"range and branch", []string{"git", "--range", "main..main", "--branch", "main", r.Dir}, "cannot be used together"},
		{"two repositories", []string{"git", r.Dir, r.Dir}, "accepts at most 1 arg"},
		{"staged outside a repository", []string{"staged", t.TempDir()}, "not a git repository"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			code, _, stderr := runGitCLI(t, tt.args...)
			if code != cli.ExitUsage || !strings.Contains(stderr, tt.want) {
				t.Errorf("exit %d, stderr %q; want 2 and %q", code, stderr, tt.want)
			}
		})
	}
}

func TestGitCommandSince(t *testing.T) {
	r, _ := keyHistory(t)
	for _, since := range []string{"2024-03-01", "2024-03-01T09:03:00Z"} {
		code, out, _ := runGitCLI(t, "git", "-q", "--format", "json", "--since", since, r.Dir)
		rep := decodeGitJSON(t, out)
		wantN := 2
		if strings.Contains(since, "T") {
			wantN = 1 // only the analytics commit, at 09:04
		}
		if len(rep.Findings) != wantN || code == cli.ExitUsage {
			t.Errorf("--since %s: exit %d, %d findings, want %d", since, code, len(rep.Findings), wantN)
		}
	}
}

func TestStagedCommand(t *testing.T) {
	k := gittest.NewKeys(t)
	held := k.Hex()
	r := gittest.New(t)
	// Before the first commit: a staged key is reported.
	r.Write(".env", "AMPLITUDE_SECRET_KEY="+held+"\n")
	r.Stage()
	if code, _, stderr := runGitCLI(t, "staged", "-q", r.Dir); code != cli.ExitFindings {
		t.Fatalf("first commit: exit %d, want 1 (%s)", code, stderr)
	}
	r.Commit("base")
	// An unrelated edit of the file that already holds a key: exit 0.
	r.Write(".env", "# comment\nAMPLITUDE_SECRET_KEY="+held+"\nDEBUG=1\n")
	r.Stage()
	if code, out, _ := runGitCLI(t, "staged", "-q", r.Dir); code != cli.ExitClean {
		t.Errorf("unrelated edit: exit %d, want 0\n%s", code, out)
	}
	// A new secret staged: exit 1, reported at its staged line.
	r.Write(".env", "# comment\nAMPLITUDE_SECRET_KEY="+held+"\nDEBUG=1\nAMPLITUDE_ORG_SECRET_KEY="+k.Hex()+"\n")
	r.Stage()
	code, out, _ := runGitCLI(t, "staged", "-q", "--format", "json", r.Dir)
	rep := decodeGitJSON(t, out)
	if code != cli.ExitFindings || len(rep.Findings) != 1 || rep.Findings[0].Line != 4 || rep.Findings[0].Commit != "" {
		t.Errorf("new secret: exit %d, %+v", code, rep.Findings)
	}
	// Deleting the file is not an addition.
	r.Commit("second key")
	r.Remove(".env")
	r.Stage()
	if code, _, _ := runGitCLI(t, "staged", "-q", r.Dir); code != cli.ExitClean {
		t.Errorf("deleted file: exit %d, want 0", code)
	}
}

func TestHookInstall(t *testing.T) {
	r := gittest.New(t)
	hook := filepath.Join(r.Dir, ".git", "hooks", "pre-commit")
	code, out, stderr := runGitCLI(t, "hook", "install", r.Dir)
	if code != cli.ExitClean || !strings.Contains(out, hook) {
		t.Fatalf("install: exit %d, %s %s", code, out, stderr)
	}
	fi, err := os.Stat(hook)
	if err != nil {
		t.Fatal(err)
	}
	raw, _ := os.ReadFile(hook)
	if fi.Mode().Perm() != 0o755 || !strings.Contains(string(raw), "ampscan staged") || !strings.HasPrefix(string(raw), "#!/bin/sh") {
		t.Errorf("hook mode %v:\n%s", fi.Mode(), raw)
	}
	// Installing again is a no-op; someone else's hook is kept unless --force.
	if code, _, _ := runGitCLI(t, "hook", "install", r.Dir); code != cli.ExitClean {
		t.Errorf("reinstall: exit %d", code)
	}
	if err := os.WriteFile(hook, []byte("#!/bin/sh\nmake lint\n"), 0o700); err != nil {
		t.Fatal(err)
	}
	code, _, stderr = runGitCLI(t, "hook", "install", r.Dir)
	if code != cli.ExitUsage || !strings.Contains(stderr, "--force") {
		t.Errorf("existing hook: exit %d, stderr %q", code, stderr)
	}
	if raw, _ := os.ReadFile(hook); string(raw) != "#!/bin/sh\nmake lint\n" {
		t.Errorf("existing hook overwritten:\n%s", raw)
	}
	if code, _, _ := runGitCLI(t, "hook", "install", "--force", r.Dir); code != cli.ExitClean {
		t.Errorf("--force: exit %d", code)
	}
	fi, _ = os.Stat(hook)
	if raw, _ := os.ReadFile(hook); !strings.Contains(string(raw), "ampscan staged") || fi.Mode().Perm() != 0o755 {
		t.Errorf("--force did not replace the hook (mode %v):\n%s", fi.Mode(), raw)
	}
}

// A linked worktree's hooks live in the common git directory.
func TestHookInstallWorktree(t *testing.T) {
	r := gittest.New(t)
	r.Write("README.md", "hello\n")
	r.Commit("init")
	wt := filepath.Join(t.TempDir(), "wt")
	gittest.Git(t, r.Dir, "worktree", "add", "-q", "-b", "side", wt)
	if code, _, stderr := runGitCLI(t, "hook", "install", filepath.Join(wt)); code != cli.ExitClean {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	if _, err := os.Stat(filepath.Join(r.Dir, ".git", "hooks", "pre-commit")); err != nil {
		t.Errorf("hook not in the common dir: %v", err)
	}
	if code, _, _ := runGitCLI(t, "hook", "install", t.TempDir()); code != cli.ExitUsage {
		t.Errorf("outside a repository: exit %d, want 2", code)
	}
}
