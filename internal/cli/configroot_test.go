package cli

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestConfigFoundAtTheRootOfWhatIsScanned: every command finds
// .ampscan.toml the same way. A directory scan reads it in that directory;
// a single file, and stdin, read it at the root of the work tree around
// them; a broken file is named in the error, wherever it was found.
func TestConfigFoundAtTheRootOfWhatIsScanned(t *testing.T) {
	secret := gen(7, "{{hex}}")
	allow := "[allowlist]\npaths = [\"svc/\"]\nreason = \"fixture\"\n"
	repo := tree(t, map[string]string{
		".git/HEAD":     "ref: refs/heads/main\n",
		".ampscan.toml": allow,
		"svc/.env":      "AMPLITUDE_SECRET_KEY=" + secret + "\n",
	})
	file := filepath.Join(repo, "svc", ".env")
	if r := run(t, "", "dir", file); r.code != 0 {
		t.Errorf("a file in a repository whose root allows it: exit %d, want 0\n%s%s", r.code, r.stdout, r.stderr)
	}
	// The directory scanned is the root: svc/ has no configuration.
	if r := run(t, "", "dir", filepath.Join(repo, "svc")); r.code != 1 {
		t.Errorf("scanning svc/ itself (no configuration there): exit %d, want 1", r.code)
	}
	t.Chdir(filepath.Join(repo, "svc"))
	if r := run(t, "AMPLITUDE_SECRET_KEY="+secret+"\n", "stdin", "--name", "svc/.env"); r.code != 0 {
		t.Errorf("stdin inside the repository: exit %d, want 0 (the root's allowlist)\n%s%s", r.code, r.stdout, r.stderr)
	}
	if err := os.WriteFile(filepath.Join(repo, ".ampscan.toml"), []byte("[allowlist\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	for _, args := range [][]string{{"dir", file}, {"stdin"}, {"dir", repo}} {
		r := run(t, "", args...)
		if r.code != 2 || !strings.Contains(r.stderr, ".ampscan.toml") {
			t.Errorf("%v with a broken .ampscan.toml: exit %d, stderr %q; want 2 naming the file", args, r.code, r.stderr)
		}
	}
}
