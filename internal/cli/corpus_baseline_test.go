package cli_test

import (
	"encoding/json"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/ampscan/ampscan/internal/cli"
	"github.com/ampscan/ampscan/internal/gittest"
)

// copyTree copies a fixture tree so that a test can edit it.
func copyTree(t *testing.T, from, to string) {
	t.Helper()
	err := filepath.WalkDir(from, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		rel, err := filepath.Rel(from, p)
		if err != nil {
			return err
		}
		raw, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		write(t, filepath.Join(to, rel), string(raw))
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
}

// The walk-through on a realistic corpus: accept everything once,
// move every secret down, rotate one, then mark it.
func TestBaselineCorpusWalkthrough(t *testing.T) {
	work := filepath.Join(t.TempDir(), "corpus")
	copyTree(t, filepath.Join("..", "..", "testdata", "corpus-blind3"), work)
	// The baseline lives inside the scanned tree: it must not be a finding.
	bl := filepath.Join(work, ".ampscan-baseline.json")

	code, out, _ := runGitCLI(t, "dir", "--no-redact", "--format", "json", work)
	var all scanJSON
	if err := json.Unmarshal([]byte(out), &all); err != nil {
		t.Fatal(err)
	}
	n := len(all.Findings)
	if code != cli.ExitFindings || n < 50 {
		t.Fatalf("the corpus: exit %d, %d findings", code, n)
	}

	// 1. Write the baseline; rescan with it: nothing active.
	if code, _, stderr := runGitCLI(t, "dir", "-q", "--write-baseline", bl, work); code != cli.ExitClean {
		t.Fatalf("write: exit %d %s", code, stderr)
	}
	code, rep, _ := scan(t, "dir", "--baseline", bl, work)
	if code != cli.ExitClean || len(rep.Findings) != n || rep.Summary.ByKind["baseline"] != n {
		t.Fatalf("rescan: exit %d, %d findings, %+v", code, len(rep.Findings), rep.Summary)
	}

	// 2. Two lines inserted above every secret (at the top of each file).
	files := map[string]bool{}
	for _, f := range all.Findings {
		files[f.Path] = true
	}
	for p := range files {
		full := filepath.Join(work, filepath.FromSlash(p))
		write(t, full, "\n\n"+read(t, full))
	}
	code, moved, _ := scan(t, "dir", "--baseline", bl, work)
	if code != cli.ExitClean || len(moved.Findings) != n || len(moved.active()) != 0 {
		t.Fatalf("moved: exit %d, %d findings, active %v", code, len(moved.Findings), moved.active())
	}
	for i, f := range moved.Findings {
		if f.Line != all.Findings[i].Line+2 {
			t.Fatalf("%s: line %d, want %d: the secrets did not move", f.Path, f.Line, all.Findings[i].Line+2)
		}
	}

	// 3. Rotate one secret: exactly that one is reported.
	target := rotatable(t, all)
	full := filepath.Join(work, filepath.FromSlash(target.Path))
	rotated := gittest.NewKeys(t).Hex()
	write(t, full, strings.Replace(read(t, full), target.Secret, rotated, 1))
	code, rep, _ = scan(t, "dir", "--baseline", bl, work)
	if code != cli.ExitFindings || strings.Join(rep.active(), ",") != target.Path || rep.Summary.Total != 1 {
		t.Fatalf("rotated %s: exit %d, active %v", target.Path, code, rep.active())
	}

	// 4. Mark it: nothing active.
	lines := strings.Split(read(t, full), "\n")
	lines[target.Line+2-1] += "  # ampscan:allow rotated key, tracked in SEC-1"
	write(t, full, strings.Join(lines, "\n"))
	code, rep, _ = scan(t, "dir", "--baseline", bl, work)
	if code != cli.ExitClean || len(rep.active()) != 0 || rep.Summary.ByKind["inline"] != 1 || rep.Summary.ByKind["baseline"] != n-1 {
		t.Fatalf("marked: exit %d, active %v, %+v", code, rep.active(), rep.Summary)
	}

	// 5. The baseline holds no secret, nor any 8 characters of one.
	raw := read(t, bl)
	if got := strings.Count(raw, `"fingerprint"`); got == 0 || got > n {
		t.Fatalf("baseline holds %d entries for %d findings", got, n)
	}
	for _, f := range all.Findings {
		s := strings.TrimPrefix(strings.TrimPrefix(f.Secret, "server-"), "client-")
		for i := 0; i+8 <= len(s); i++ {
			if strings.Contains(raw, s[i:i+8]) {
				t.Fatalf("the baseline holds %q of the secret at %s:%d", s[i:i+8], f.Path, f.Line)
			}
		}
	}
}

// rotatable picks a 32-hex secret key in a Python file that occurs once in
// the corpus and alone on its line, so that replacing it, and then marking
// its line, changes exactly one finding.
func rotatable(t *testing.T, all scanJSON) struct {
	Path, Secret string
	Line         int
} {
	t.Helper()
	count, perLine := map[string]int{}, map[string]int{}
	for _, f := range all.Findings {
		count[f.Secret]++
		perLine[fmt.Sprintf("%s:%d", f.Path, f.Line)]++
	}
	for _, f := range all.Findings {
		if f.KeyType == "amplitude-secret-key" && strings.HasSuffix(f.Path, ".py") && count[f.Secret] == 1 && len(f.Secret) == 32 &&
			perLine[fmt.Sprintf("%s:%d", f.Path, f.Line)] == 1 {
			return struct {
				Path, Secret string
				Line         int
			}{f.Path, f.Secret, f.Line}
		}
	}
	t.Fatal("no secret key in a Python file to rotate")
	panic("unreachable")
}
