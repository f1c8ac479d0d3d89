package history_test

import (
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"
	"time"

	"github.com/go-git/go-git/v5/plumbing"
	"github.com/google/go-cmp/cmp"

	"github.com/ampscan/ampscan/internal/gittest"
	"github.com/ampscan/ampscan/scanner/history"
)

// A missing object is named and counted, and the rest of the scan goes on.
func TestHistoryMissingObject(t *testing.T) {
	k := gittest.NewKeys(t)
	r := gittest.New(t)
	key := k.Hex()
	r.Write("lost.txt", "nothing to see\n")
	r.Write(".env", "AMPLITUDE_SECRET_KEY="+key+"\n")
	r.Commit("one")
	obj, err := r.Repo.Storer.EncodedObject(plumbing.AnyObject, plumbing.ComputeHash(plumbing.BlobObject, []byte("nothing to see\n")))
	if err != nil {
		t.Fatal(err)
	}
	hex := obj.Hash().String()
	if err := os.Remove(filepath.Join(r.Dir, ".git", "objects", hex[:2], hex[2:])); err != nil {
		t.Fatal(err)
	}
	rep, errs := scanHistory(t, r.Dir, history.Options{})
	if len(errs) != 1 || !strings.Contains(errs[0].Path, hex) || !strings.Contains(errs[0].Path, "lost.txt") {
		t.Errorf("errors: %+v", errs)
	}
	if rep.Stats.Skipped["unreadable"] != 1 || len(rep.Stats.Errors) != 1 {
		t.Errorf("stats: %+v", rep.Stats)
	}
	if len(rep.Findings) != 1 || rep.Findings[0].Secret != key {
		t.Errorf("findings: %+v", summarize(rep.Findings))
	}
}

// A shallow clone's boundary is a root; the report says history before it
// was not scanned.
func TestHistoryShallowClone(t *testing.T) {
	k := gittest.NewKeys(t)
	r := gittest.New(t)
	old, recent := k.Hex(), k.Hex()
	r.Write(".env", "AMPLITUDE_SECRET_KEY="+old+"\n")
	r.Commit("one")
	for i := range 3 {
		r.Write("n.txt", fmt.Sprint(i))
		r.Commit("filler")
	}
	r.Write("b.env", "AMPLITUDE_SECRET_KEY="+recent+"\n")
	last := r.Commit("recent")
	dst := filepath.Join(t.TempDir(), "shallow")
	gittest.Git(t, r.Dir, "clone", "-q", "--depth", "2", "file://"+r.Dir, dst)
	rep, errs := scanHistory(t, dst, history.Options{})
	if len(errs) > 0 {
		t.Errorf("errors: %+v", errs)
	}
	boundary := gittest.Git(t, dst, "rev-parse", "HEAD~1")
	byPath := map[string]string{}
	for _, f := range rep.Findings {
		byPath[f.Path] = f.Commit.ID
	}
	if d := cmp.Diff(map[string]string{".env": boundary, "b.env": last.String()}, byPath); d != "" {
		t.Errorf("attribution (-want +got):\n%s", d)
	}
	if !strings.Contains(strings.Join(rep.Notes, "\n"), "shallow") {
		t.Errorf("notes: %v", rep.Notes)
	}
}

// A partial clone lacks the objects its filter left on the server: the
// blobs (and, with tree:0, trees) of old commits. Those are not errors in
// the repository; they are counted, said once in a note, and what the
// clone does hold (HEAD's files, fetched for the checkout) is scanned.
func TestHistoryPartialClone(t *testing.T) {
	k := gittest.NewKeys(t)
	r := gittest.New(t)
	old, recent := k.Hex(), k.Hex()
	r.Write("old/.env", "AMPLITUDE_SECRET_KEY="+old+"\n")
	r.Commit("old key")
	r.Remove("old/.env")
	r.Write("old/gone.txt", "removed since\n")
	r.Commit("old key removed")
	r.Write("b.env", "AMPLITUDE_SECRET_KEY="+recent+"\n")
	r.Remove("old/gone.txt")
	r.Commit("recent key")
	gittest.Git(t, r.Dir, "config", "uploadpack.allowFilter", "true")
	for _, c := range []struct {
		filter string
		trees  bool // trees of old commits are absent too
	}{{"blob:none", false}, {"tree:0", true}} {
		t.Run(c.filter, func(t *testing.T) {
			dst := filepath.Join(t.TempDir(), "partial")
			gittest.Git(t, r.Dir, "clone", "-q", "--filter="+c.filter, "file://"+r.Dir, dst)
			rep, errs := scanHistory(t, dst, history.Options{})
			if len(errs) > 0 || len(rep.Stats.Errors) > 0 {
				t.Errorf("errors: %+v", errs)
			}
			var secrets []string
			for _, f := range rep.Findings {
				secrets = append(secrets, f.Secret)
			}
			if d := cmp.Diff([]string{recent}, secrets); d != "" {
				t.Errorf("findings (-want +got):\n%s", d)
			}
			notes := strings.Join(rep.Notes, "\n")
			if !strings.Contains(notes, "partial clone (promisor remote \"origin\", filter "+c.filter+")") {
				t.Errorf("notes: %v", rep.Notes)
			}
			absent := rep.Stats.Skipped["absent from this partial clone"]
			if c.trees {
				if !strings.Contains(notes, "tree(s)") || strings.Contains(notes, " 0 tree(s)") {
					t.Errorf("absent trees not counted: %v", rep.Notes)
				}
			} else if absent != 2 { // old/.env and old/gone.txt
				t.Errorf("absent blobs: %d, want 2 (stats %+v)", absent, rep.Stats)
			}
		})
	}
}

func TestHistoryBareAndWorktree(t *testing.T) {
	h := buildHistory(t)
	bare := filepath.Join(t.TempDir(), "bare.git")
	gittest.Git(t, h.r.Dir, "clone", "-q", "--bare", "--mirror", h.r.Dir, bare)
	rep, _ := scanHistory(t, bare, history.Options{})
	if len(rep.Findings) != len(h.want) {
		t.Errorf("bare: %d findings, want %d", len(rep.Findings), len(h.want))
	}
	wt := filepath.Join(t.TempDir(), "wt")
	gittest.Git(t, h.r.Dir, "worktree", "add", "-q", wt, "feature")
	rep, _ = scanHistory(t, filepath.Join(wt), history.Options{})
	if len(rep.Findings) != len(h.want) {
		t.Errorf("worktree: %d findings, want %d", len(rep.Findings), len(h.want))
	}
	// HEAD of the worktree is feature: the rotated key is not in its tree.
	for _, f := range rep.Findings {
		if f.Path == "config/deploy.yml" && !f.Commit.InHead {
			t.Errorf("worktree HEAD: deploy.yml key should be in HEAD")
		}
		if f.Path == "merge.env" && f.Commit.InHead {
			t.Errorf("worktree HEAD: merge.env is not in feature")
		}
	}
}

func TestHistorySubmodule(t *testing.T) {
	r := gittest.New(t)
	r.Write("a.txt", "a\n")
	c := r.Commit("one")
	gittest.Git(t, r.Dir, "update-index", "--add", "--cacheinfo", "160000,"+c.String()+",vendor/lib")
	gittest.Git(t, r.Dir, "commit", "-q", "-m", "add submodule")
	rep, errs := scanHistory(t, r.Dir, history.Options{})
	if rep.Stats.Skipped["submodule"] != 1 || len(errs) != 1 || errs[0].Path != "vendor/lib" {
		t.Errorf("submodule: skipped %v, stderr %v", rep.Stats.Skipped, errs)
	}
}

// Commits within the same second are ordered ancestors first.
func TestHistorySameSecond(t *testing.T) {
	k := gittest.NewKeys(t)
	r := gittest.New(t)
	key := k.Hex()
	r.Write(".env", "AMPLITUDE_SECRET_KEY="+key+"\n")
	r.Clock = r.Clock.Add(-time.Minute)
	first := r.Commit("one")
	for i := range 5 {
		r.Remove(".env")
		r.Clock = r.Clock.Add(-time.Minute)
		r.Commit(fmt.Sprint("remove ", i))
		r.Write(".env", "AMPLITUDE_SECRET_KEY="+key+"\n")
		r.Clock = r.Clock.Add(-time.Minute)
		r.Commit(fmt.Sprint("re-add ", i))
	}
	rep, _ := scanHistory(t, r.Dir, history.Options{})
	if len(rep.Findings) != 1 || rep.Findings[0].Commit.ID != first.String() {
		t.Errorf("findings: %+v", summarize(rep.Findings))
	}
}

// A blob is scanned once, under one of its paths; each finding still says
// what its own path means (here: client-side code exposes the key), and
// keeps its own line and column.
func TestHistorySameBlobTwoPaths(t *testing.T) {
	k := gittest.NewKeys(t)
	r := gittest.New(t)
	content := "AMPLITUDE_SECRET_KEY=" + k.Hex() + "\n" +
		"AMPLITUDE_API_KEY=" + k.Hex() + " AMPLITUDE_SECRET_KEY_EU=" + k.Hex() + "\n"
	r.Write("server/keys.txt", content)
	r.Commit("server")
	r.Write("web/Keys.tsx", content)
	r.Commit("web")
	rep, _ := scanHistory(t, r.Dir, history.Options{})
	type at struct {
		line, column int
		exposure     string
	}
	got := map[string][]at{}
	for _, f := range rep.Findings {
		got[f.Path] = append(got[f.Path], at{f.Line, f.Column, f.Exposure})
	}
	for _, fs := range got {
		sort.Slice(fs, func(i, j int) bool {
			return fs[i].line < fs[j].line || fs[i].line == fs[j].line && fs[i].column < fs[j].column
		})
	}
	// The API key (line 2, column 19) is public: client code is where it
	// belongs, and nothing is exposed.
	want := map[string][]at{
		"server/keys.txt": {{1, 22, ""}, {2, 19, ""}, {2, 76, ""}},
		"web/Keys.tsx":    {{1, 22, "client-side code"}, {2, 19, ""}, {2, 76, "client-side code"}},
	}
	if d := cmp.Diff(want, got, cmp.AllowUnexported(at{})); d != "" {
		t.Errorf("findings by path (-want +got):\n%s", d)
	}
}

// A commit reachable only from a remote-tracking branch is scanned.
func TestHistoryRemoteTrackingBranch(t *testing.T) {
	k := gittest.NewKeys(t)
	r := gittest.New(t)
	r.Write("README.md", "hello\n")
	base := r.Commit("init")
	r.Branch("gone", base)
	r.Checkout("gone")
	r.Write(".env", "AMPLITUDE_SECRET_KEY="+k.Hex()+"\n")
	remote := r.Commit("pushed elsewhere")
	r.AddRemoteBranch("gone", remote)
	r.Checkout("main")
	r.DeleteBranch("gone")
	rep, _ := scanHistory(t, r.Dir, history.Options{})
	if len(rep.Findings) != 1 || rep.Findings[0].Commit.ID != remote.String() || rep.Findings[0].Commit.InHead {
		t.Errorf("findings: %+v", summarize(rep.Findings))
	}
	rep, _ = scanHistory(t, r.Dir, history.Options{Branch: "origin/gone"})
	if len(rep.Findings) != 1 {
		t.Errorf("--branch origin/gone: %+v", summarize(rep.Findings))
	}
}

// A blob over the 8 MiB that the pack reader inflates whole is streamed by
// the owner to a worker; its keys are found, at the right line, whether
// the blob is loose or packed, and with a small blob beside it.
func TestHistoryLargeBlob(t *testing.T) {
	for _, packed := range []bool{false, true} {
		t.Run(fmt.Sprintf("packed=%v", packed), func(t *testing.T) {
			k := gittest.NewKeys(t)
			r := gittest.New(t)
			big, small := k.Hex(), k.Hex()
			filler := strings.Repeat("// nothing to see in this line of filler text\n", 200_000) // 9.2 MB
			r.Write("big.txt", filler+"AMPLITUDE_SECRET_KEY="+big+"\n")
			r.Write("small.env", "AMPLITUDE_SECRET_KEY="+small+"\n")
			r.Commit("big")
			if packed {
				gittest.Git(t, r.Dir, "repack", "-a", "-d", "-q")
			}
			rep, errs := scanHistory(t, r.Dir, history.Options{})
			if len(errs) > 0 {
				t.Fatalf("errors: %v", errs)
			}
			lines := map[string]int{}
			for _, f := range rep.Findings {
				lines[f.Secret] = f.Line
			}
			if d := cmp.Diff(map[string]int{big: 200_001, small: 1}, lines); d != "" {
				t.Errorf("findings (-want +got):\n%s", d)
			}
		})
	}
}

// The versions of a file over 8 MiB that git packed as a delta chain are
// built by the large reader and scanned by the workers themselves, several
// at once: each version's new key is found at its line and attributed to
// the commit that added it.
func TestHistoryLargeDeltaChain(t *testing.T) {
	k := gittest.NewKeys(t)
	r := gittest.New(t)
	text := strings.Repeat("// nothing to see in this line of filler text\n", 200_000) // 9.2 MB
	want := map[string]got{}
	for c := range 5 {
		key := k.Hex()
		text += "AMPLITUDE_SECRET_KEY_" + fmt.Sprint(c) + "=" + key + "\n"
		r.Write("big.env", text)
		commit := r.Commit(fmt.Sprintf("key %d", c))
		want[key] = got{Commit: commit.String(), Path: "big.env", Line: 200_001 + c}
	}
	gittest.Git(t, r.Dir, "repack", "-a", "-d", "-f", "-q", "--depth=50", "--window=10")
	wantKeysAt(t, r.Dir, want)
}

// A file over 8 MiB that shrinks as it is edited is packed by git as a
// delta chain from its oldest (largest) version, each version a delta of
// the one before. Read newest first, each version is composed from that
// base by the large reader, built in a buffer that an earlier version's
// scan gave back, and scanned by the workers, several at once: each
// version's new key is still found at its line and attributed to the
// commit that added it.
func TestHistoryLargeChainFromOldest(t *testing.T) {
	k := gittest.NewKeys(t)
	r := gittest.New(t)
	lines := make([]string, 200_000) // 9.4 MB
	for i := range lines {
		lines[i] = fmt.Sprintf("// line %06d of filler text, nothing to see\n", i)
	}
	keys := ""
	want := map[string]got{}
	var blobs []string
	for c := range 10 {
		lines = lines[:len(lines)-500]
		for e := range 50 { // edits add up, so each version is nearest the one before
			i := (c*50 + e) * 997 % len(lines)
			lines[i] = fmt.Sprintf("// line %06d edited in commit %d\n", i, c)
		}
		key := k.Hex()
		keys += "AMPLITUDE_SECRET_KEY_" + fmt.Sprint(c) + "=" + key + "\n"
		r.Write("big.env", keys+strings.Join(lines, ""))
		commit := r.Commit(fmt.Sprintf("key %d", c))
		want[key] = got{Commit: commit.String(), Path: "big.env", Line: c + 1}
		blobs = append(blobs, gittest.Git(t, r.Dir, "rev-parse", "HEAD:big.env"))
	}
	gittest.Git(t, r.Dir, "repack", "-a", "-d", "-f", "-q", "--depth=50", "--window=10")
	bases := map[string]string{}
	for _, line := range strings.Split(gittest.Git(t, r.Dir, "cat-file", "--batch-all-objects", "--batch-check=%(objectname) %(deltabase)"), "\n") {
		name, base, _ := strings.Cut(line, " ")
		bases[name] = base
	}
	for i, b := range blobs {
		if i == 0 && bases[b] != strings.Repeat("0", 40) || i > 0 && bases[b] != blobs[i-1] {
			t.Fatalf("git did not pack version %d as a delta of the one before: nothing to test", i)
		}
	}
	wantKeysAt(t, r.Dir, want)
}

// wantKeysAt scans the history in dir and checks that it finds exactly
// the secrets of want, each at its commit, path and line, with no error.
func wantKeysAt(t *testing.T, dir string, want map[string]got) {
	t.Helper()
	rep, errs := scanHistory(t, dir, history.Options{})
	if len(errs) > 0 {
		t.Fatalf("errors: %v", errs)
	}
	found := map[string]got{}
	for _, f := range rep.Findings {
		found[f.Secret] = got{Commit: f.Commit.ID, Path: f.Path, Line: f.Line}
	}
	if d := cmp.Diff(want, found); d != "" {
		t.Errorf("findings (-want +got):\n%s", d)
	}
}

// TestHistoryRemovedIn: a secret gone from HEAD names the commit that took
// it out of its file (the end of its exposure window); one still at HEAD,
// or only on a branch never merged, names none.
func TestHistoryRemovedIn(t *testing.T) {
	k := gittest.NewKeys(t)
	r := gittest.New(t)
	gone, kept, branch := k.Hex(), k.Hex(), k.Hex()
	r.Write(".env", "AMPLITUDE_SECRET_KEY="+gone+"\n")
	r.Write("keep.env", "AMPLITUDE_SECRET_KEY="+kept+"\n")
	base := r.Commit("add two keys")
	r.Write("README.md", "unrelated\n")
	r.Commit("an unrelated edit")
	r.Write(".env", "AMPLITUDE_SECRET_KEY=${AMPLITUDE_SECRET_KEY}\n")
	removal := r.Commit("take the key out of .env")
	r.Branch("topic", base)
	r.Checkout("topic")
	r.Write("topic.env", "AMPLITUDE_SECRET_KEY="+branch+"\n")
	r.Commit("a key on a branch never merged")
	r.Checkout("main")

	rep, _ := scanHistory(t, r.Dir, history.Options{})
	want := map[string]string{gone: removal.String(), kept: "", branch: ""}
	if len(rep.Findings) != len(want) {
		t.Fatalf("findings: %+v", summarize(rep.Findings))
	}
	for _, f := range rep.Findings {
		if got := f.Commit.RemovedIn; got != want[f.Secret] {
			t.Errorf("%s: removed in %q, want %q", f.Path, got, want[f.Secret])
		}
		if f.Commit.RemovedIn != "" && f.Commit.RemovedDate.IsZero() {
			t.Errorf("%s: a removal without its date", f.Path)
		}
	}
}
