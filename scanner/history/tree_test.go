package history

import (
	"fmt"
	"math/rand/v2"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/go-git/go-git/v5/plumbing"

	"github.com/ampscan/ampscan/internal/gittest"
)

// TestTreeDiffMatchesGit diffs the trees of a generated history with the
// scan's differ and with `git diff-tree -r --no-renames`, commit by
// commit, and wants the same changes. The history mixes what the differ's
// shortcuts must get right: a directory of 3,000 files where one or two
// change (long runs of identical entries passed over by bytes), names
// that sort around a directory's implied '/' (a.b, a-b, a/, a0), files
// becoming directories and back, executable bits flipping, deletions and
// additions at both ends of a directory, and the packed and loose forms
// of trees (the loose ones are read through go-git).
func TestTreeDiffMatchesGit(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	gittest.Git(t, dir, "init", "-q", "-b", "main")
	r := rand.New(rand.NewPCG(3, 5))
	write := func(name, content string, exec bool) {
		full := filepath.Join(dir, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(full), 0o755); err != nil {
			t.Fatal(err)
		}
		mode := os.FileMode(0o644)
		if exec {
			mode = 0o755
		}
		if err := os.WriteFile(full, []byte(content), mode); err != nil {
			t.Fatal(err)
		}
		if err := os.Chmod(full, mode); err != nil {
			t.Fatal(err)
		}
	}
	for i := range 3000 {
		write(fmt.Sprintf("wide/f%05d.txt", i), fmt.Sprintf("file %d\n", i), false)
	}
	tricky := []string{"a", "a.b", "a-b", "a0", "a/x", "a/y/z", "b", "wide/0first", "wide/zlast", "z/deep/er/file"}
	var commits []string
	commit := func(msg string) {
		gittest.Git(t, dir, "add", "-A")
		gittest.Git(t, dir, "commit", "-q", "--allow-empty", "-m", msg)
		commits = append(commits, gittest.Git(t, dir, "rev-parse", "HEAD"))
	}
	commit("start")
	for c := range 40 {
		for range 1 + r.IntN(3) {
			switch k := r.IntN(6); k {
			case 0, 1: // edit a file of the wide directory
				write(fmt.Sprintf("wide/f%05d.txt", r.IntN(3000)), fmt.Sprintf("edit %d\n", c), false)
			case 2: // a tricky name appears, changes or flips its executable bit
				name := tricky[r.IntN(len(tricky))]
				_ = os.RemoveAll(filepath.Join(dir, name)) // a directory that was a file, or the reverse
				write(name, fmt.Sprintf("tricky %d\n", c), r.IntN(2) == 0)
			case 3: // a tricky name, or the directory holding it, goes
				name := tricky[r.IntN(len(tricky))]
				if r.IntN(2) == 0 {
					name = strings.Split(name, "/")[0]
				}
				_ = os.RemoveAll(filepath.Join(dir, filepath.FromSlash(name)))
			case 4: // a file of the wide directory goes
				_ = os.Remove(filepath.Join(dir, "wide", fmt.Sprintf("f%05d.txt", r.IntN(3000))))
			case 5: // a new file at either end of the wide directory
				write(fmt.Sprintf("wide/%s%d", []string{"0", "z"}[r.IntN(2)], c), "new\n", false)
			}
		}
		commit(fmt.Sprintf("change %d", c))
		if c == 20 {
			gittest.Git(t, dir, "gc", "-q") // the first half packed, the rest loose
		}
	}

	g, err := Open(dir)
	if err != nil {
		t.Fatal(err)
	}
	defer g.Close()
	d := treeDiffer{g: g}
	tree := func(c string) string { return gittest.Git(t, dir, "rev-parse", c+"^{tree}") }
	for i := 1; i < len(commits); i++ {
		a, b := tree(commits[i-1]), tree(commits[i])
		want := strings.Split(gittest.Git(t, dir, "diff-tree", "-r", "--no-renames", a, b), "\n")
		if want[0] == "" {
			want = nil
		}
		var got []string
		d.diff(plumbing.NewHash(a), plumbing.NewHash(b), func(fc fileChange) {
			status := "M"
			switch {
			case fc.Old.IsZero():
				status = "A"
			case fc.New.IsZero():
				status = "D"
			}
			got = append(got, fmt.Sprintf(":%06o %06o %s %s %s\t%s", uint32(fc.OldMode), uint32(fc.NewMode), fc.Old, fc.New, status, fc.Path))
		})
		// git reports a type change (file to symlink) as T; there is none
		// here, and a file replacing a directory is a deletion and an
		// addition on both sides.
		if !slices.Equal(got, want) {
			t.Errorf("commit %d (%s..%s):\ngot  %q\nwant %q", i, a[:8], b[:8], got, want)
		}
	}
}
