package history

import (
	"context"
	"slices"
	"testing"
	"time"

	"github.com/go-git/go-git/v5/plumbing"

	"github.com/ampscan/ampscan/internal/gittest"
)

// TestSelectionKeepsCommits checks the compact commit list against what
// go-git reads of each commit: its name and place, its parents in order
// (a root, single parents, and a merge of three), its author, and its
// author date to the second in its own zone. The list is newest first.
func TestSelectionKeepsCommits(t *testing.T) {
	t.Parallel()
	r := gittest.New(t)
	r.Clock = time.Date(2024, 3, 1, 9, 0, 0, 0, time.FixedZone("", 5*3600+30*60))
	r.Write("a.txt", "a\n")
	root := r.Commit("root")
	r.Branch("left", root)
	r.Checkout("left")
	r.Write("l.txt", "l\n")
	left := r.Commit("left")
	r.Checkout("main")
	r.Branch("right", root)
	r.Checkout("right")
	r.Clock = r.Clock.In(time.FixedZone("", -7*3600))
	r.Write("r.txt", "r\n")
	right := r.Commit("right")
	r.Checkout("main")
	r.Write("m.txt", "m\n")
	r.Commit("main")
	r.Commit("octopus", left, right)

	g, err := Open(r.Dir)
	if err != nil {
		t.Fatal(err)
	}
	defer g.Close()
	sel, err := g.selectCommits(context.Background(), Options{}, func(h plumbing.Hash, name string, err error) {
		t.Errorf("%s: %v", name, err)
	})
	if err != nil {
		t.Fatal(err)
	}
	if len(sel.commits) != 5 {
		t.Fatalf("%d commits selected, want 5", len(sel.commits))
	}
	merges := 0
	for i := range sel.commits {
		i := int32(i)
		h := sel.hash(i)
		if at, ok := sel.lookup(h); !ok || at != i {
			t.Errorf("commit %d: lookup(%s) = %d, %v", i, h, at, ok)
		}
		c, err := r.Repo.CommitObject(h)
		if err != nil {
			t.Fatal(err)
		}
		if got := sel.parents(i); !slices.Equal(got, c.ParentHashes) {
			t.Errorf("commit %s: parents %v, want %v", h, got, c.ParentHashes)
		}
		if len(c.ParentHashes) > 1 {
			merges++
		}
		if a := sel.authors[sel.commits[i].author]; a.name != c.Author.Name || a.email != c.Author.Email {
			t.Errorf("commit %s: author %v, want %s <%s>", h, a, c.Author.Name, c.Author.Email)
		}
		got := sel.authorDate(i)
		_, gotZone := got.Zone()
		_, wantZone := c.Author.When.Zone()
		if !got.Equal(c.Author.When) || gotZone != wantZone {
			t.Errorf("commit %s: author date %v, want %v", h, got, c.Author.When)
		}
		if sel.commits[i].tree != c.TreeHash {
			t.Errorf("commit %s: tree %s, want %s", h, sel.commits[i].tree, c.TreeHash)
		}
		if i > 0 && sel.commits[i].committed > sel.commits[i-1].committed {
			t.Errorf("commit %d is newer than the one before it", i)
		}
	}
	if merges != 1 {
		t.Errorf("%d merges, want the octopus", merges)
	}
	if _, ok := sel.lookup(plumbing.NewHash("0123456789abcdef0123456789abcdef01234567")); ok {
		t.Error("a commit never selected was found")
	}
}
