package scanner

import (
	"context"
	"os"
	"os/exec"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
)

// TestBlindHistory scans a 65-commit history written independently of
// ampscan (testdata/history-blind/gen.sh: branches, a tag-only commit, a
// key added while resolving a merge, a deleted file, a rename, a rotated
// key, moved lines, unrelated edits, an unmerged branch) and expects
// exactly the 8 findings of its answer key, each with its introducing
// commit, line, and whether it is still in HEAD.
func TestBlindHistory(t *testing.T) {
	t.Parallel()
	for _, tool := range []string{"bash", "git"} {
		if _, err := exec.LookPath(tool); err != nil {
			t.Skipf("%s not on PATH", tool)
		}
	}
	dir := t.TempDir()
	repo := filepath.Join(dir, "repo")
	gen := exec.Command("bash", filepath.Join("..", "testdata", "history-blind", "gen.sh"), repo, dir)
	if out, err := gen.CombinedOutput(); err != nil {
		t.Fatalf("gen.sh: %v\n%s", err, out)
	}
	raw, err := os.ReadFile(filepath.Join("..", "testdata", "history-blind", "answers.tsv"))
	if err != nil {
		t.Fatal(err)
	}
	want := strings.Split(strings.TrimSpace(string(raw)), "\n")[1:] // after the header
	g, err := OpenGit(repo)
	if err != nil {
		t.Fatal(err)
	}
	defer g.Close()
	rep, err := ScanHistory(context.Background(), &Engine{Rules: builtin(t), Jobs: 2}, g, HistoryOptions{}, nil)
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
