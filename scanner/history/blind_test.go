package history

import (
	"context"
	"os"
	"os/exec"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
	"testing"

	"github.com/ampscan/ampscan/rules"
	"github.com/ampscan/ampscan/scanner"
	"github.com/google/go-cmp/cmp"
)

// TestBlindHistory scans histories written independently of ampscan
// (testdata/history-blind*/gen.sh) and expects exactly the findings of each
// answer key, with introducing commit, line, and whether the secret is still
// in HEAD. The first has branches, a tag-only commit, a key added while
// resolving a merge, a deleted file, a rename, a rotated key, moved lines,
// unrelated edits and an unmerged branch; the second adds a conflict
// resolution, a rename with edits, a copy into a second file (a new
// finding), and a key reverted back in (not a new one).
func TestBlindHistory(t *testing.T) {
	t.Parallel()
	for _, tool := range []string{"bash", "git"} {
		if _, err := exec.LookPath(tool); err != nil {
			t.Skipf("%s not on PATH", tool)
		}
	}
	for _, name := range []string{"history-blind", "history-blind2"} {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			checkBlindHistory(t, filepath.Join("..", "..", "testdata", name))
		})
	}
}

func checkBlindHistory(t *testing.T, dir string) {
	tmp := t.TempDir()
	repo := filepath.Join(tmp, "repo")
	gen := exec.Command("bash", filepath.Join(dir, "gen.sh"), repo, tmp)
	if out, err := gen.CombinedOutput(); err != nil {
		t.Fatalf("gen.sh: %v\n%s", err, out)
	}
	raw, err := os.ReadFile(filepath.Join(dir, "answers.tsv"))
	if err != nil {
		t.Fatal(err)
	}
	want := strings.Split(strings.TrimSpace(string(raw)), "\n")[1:] // after the header
	g, err := Open(repo)
	if err != nil {
		t.Fatal(err)
	}
	defer g.Close()
	rep, err := Scan(context.Background(), &scanner.Engine{Rules: builtin(t), Jobs: 2}, g, Options{}, nil)
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, f := range rep.Findings {
		got = append(got, strings.Join([]string{string(f.KeyType), f.Path, f.Commit.ID,
			strconv.Itoa(f.Line), strconv.FormatBool(f.Commit.InHead)}, "\t"))
	}
	sort.Strings(want)
	sort.Strings(got)
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("history findings differ from the answer key (-want +got):\n%s", diff)
	}
}

func builtin(t testing.TB) *rules.Catalogue {
	t.Helper()
	c, err := rules.Builtin()
	if err != nil {
		t.Fatal(err)
	}
	return c
}
