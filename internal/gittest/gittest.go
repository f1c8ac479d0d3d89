// Package gittest builds git repositories inside tests (never a committed
// .git) and generates fake Amplitude credentials random enough to pass the
// scanner's placeholder filters.
package gittest

import (
	"math/rand/v2"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	git "github.com/go-git/go-git/v5"
	"github.com/go-git/go-git/v5/plumbing"
	"github.com/go-git/go-git/v5/plumbing/object"

	"github.com/ampscan/ampscan/rules"
)

// Keys generates credentials from a fixed seed, so that failures repeat.
type Keys struct{ r *rand.Rand }

// NewKeys returns a generator seeded from the test's name.
func NewKeys(t testing.TB) *Keys {
	var seed uint64
	for _, c := range t.Name() {
		seed = seed*31 + uint64(c)
	}
	return &Keys{rand.New(rand.NewPCG(seed, 42))}
}

// Hex returns 32 random lowercase hex digits (API, secret and org keys).
func (k *Keys) Hex() string {
	for {
		v := k.pick("0123456789abcdef", 32)
		if rules.Plausible(v, rules.Hex32) {
			return v
		}
	}
}

// Server returns a server- deployment key (upper, lower and digits).
func (k *Keys) Server() string {
	const chars = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789"
	for {
		v := "server-" + k.pick(chars, 32)
		if strings.ContainsAny(v[7:], "ABCDEFGHIJKLMNOPQRSTUVWXYZ") && strings.ContainsAny(v[7:], "abcdefghijklmnopqrstuvwxyz") &&
			strings.ContainsAny(v[7:], "0123456789") && rules.Plausible(v, rules.Deployment) {
			return v
		}
	}
}

func (k *Keys) pick(chars string, n int) string {
	b := make([]byte, n)
	for i := range b {
		b[i] = chars[k.r.IntN(len(chars))]
	}
	return string(b)
}

// Repo is a repository with a work tree in a temporary directory. Each
// commit is one minute after the previous one, from a fixed start, so that
// dates and attribution are deterministic.
type Repo struct {
	t     testing.TB
	Dir   string
	Repo  *git.Repository
	WT    *git.Worktree
	Clock time.Time
}

// Start is the date of the first commit of every Repo.
var Start = time.Date(2024, 3, 1, 9, 0, 0, 0, time.UTC)

// New creates an empty repository whose first branch is main.
func New(t testing.TB) *Repo {
	t.Helper()
	dir := t.TempDir()
	repo, err := git.PlainInitWithOptions(dir, &git.PlainInitOptions{
		InitOptions: git.InitOptions{DefaultBranch: plumbing.NewBranchReferenceName("main")},
	})
	if err != nil {
		t.Fatal(err)
	}
	wt, err := repo.Worktree()
	if err != nil {
		t.Fatal(err)
	}
	return &Repo{t: t, Dir: dir, Repo: repo, WT: wt, Clock: Start}
}

// Write writes a file in the work tree (not staged).
func (r *Repo) Write(path, content string) {
	r.t.Helper()
	full := filepath.Join(r.Dir, filepath.FromSlash(path))
	if err := os.MkdirAll(filepath.Dir(full), 0o755); err != nil {
		r.t.Fatal(err)
	}
	if err := os.WriteFile(full, []byte(content), 0o644); err != nil {
		r.t.Fatal(err)
	}
}

// Remove deletes a file from the work tree (not staged).
func (r *Repo) Remove(path string) {
	r.t.Helper()
	if err := os.Remove(filepath.Join(r.Dir, filepath.FromSlash(path))); err != nil {
		r.t.Fatal(err)
	}
}

// Stage stages every change in the work tree, deletions included (git add -A).
func (r *Repo) Stage() {
	r.t.Helper()
	if err := r.WT.AddWithOptions(&git.AddOptions{All: true}); err != nil {
		r.t.Fatal(err)
	}
}

// Commit stages everything and commits it on the current branch, with
// extra parents for a merge. It returns the new commit.
func (r *Repo) Commit(msg string, mergeParents ...plumbing.Hash) plumbing.Hash {
	r.t.Helper()
	r.Stage()
	r.Clock = r.Clock.Add(time.Minute)
	sig := &object.Signature{Name: "Ada Lovelace", Email: "ada@example.com", When: r.Clock}
	opts := &git.CommitOptions{Author: sig, AllowEmptyCommits: true}
	if len(mergeParents) > 0 {
		opts.Parents = append([]plumbing.Hash{r.Head()}, mergeParents...)
	}
	h, err := r.WT.Commit(msg, opts)
	if err != nil {
		r.t.Fatal(err)
	}
	return h
}

// Head returns the commit HEAD names.
func (r *Repo) Head() plumbing.Hash {
	r.t.Helper()
	ref, err := r.Repo.Head()
	if err != nil {
		r.t.Fatal(err)
	}
	return ref.Hash()
}

// Branch creates branch name at commit from.
func (r *Repo) Branch(name string, from plumbing.Hash) {
	r.t.Helper()
	ref := plumbing.NewHashReference(plumbing.NewBranchReferenceName(name), from)
	if err := r.Repo.Storer.SetReference(ref); err != nil {
		r.t.Fatal(err)
	}
}

// DeleteBranch removes a branch ref.
func (r *Repo) DeleteBranch(name string) {
	r.t.Helper()
	if err := r.Repo.Storer.RemoveReference(plumbing.NewBranchReferenceName(name)); err != nil {
		r.t.Fatal(err)
	}
}

// Checkout switches the work tree and HEAD to a branch, discarding changes.
func (r *Repo) Checkout(name string) {
	r.t.Helper()
	err := r.WT.Checkout(&git.CheckoutOptions{Branch: plumbing.NewBranchReferenceName(name), Force: true})
	if err != nil {
		r.t.Fatal(err)
	}
}

// Tag creates an annotated tag on a commit.
func (r *Repo) Tag(name string, at plumbing.Hash) {
	r.t.Helper()
	sig := &object.Signature{Name: "Ada Lovelace", Email: "ada@example.com", When: r.Clock}
	if _, err := r.Repo.CreateTag(name, at, &git.CreateTagOptions{Tagger: sig, Message: "release " + name}); err != nil {
		r.t.Fatal(err)
	}
}

// AddRemoteBranch creates a remote-tracking branch (refs/remotes/origin/NAME).
func (r *Repo) AddRemoteBranch(name string, at plumbing.Hash) {
	r.t.Helper()
	ref := plumbing.NewHashReference(plumbing.NewRemoteReferenceName("origin", name), at)
	if err := r.Repo.Storer.SetReference(ref); err != nil {
		r.t.Fatal(err)
	}
}

// Git runs the git command line in dir, skipping the test when git is not
// installed. It returns the trimmed output.
func Git(t testing.TB, dir string, args ...string) string {
	t.Helper()
	if _, err := exec.LookPath("git"); err != nil {
		t.Skip("git is not on PATH")
	}
	cmd := exec.Command("git", args...)
	cmd.Dir = dir
	cmd.Env = append(os.Environ(), "GIT_CONFIG_NOSYSTEM=1", "HOME="+t.TempDir(),
		"GIT_AUTHOR_NAME=t", "GIT_AUTHOR_EMAIL=t@example.com", "GIT_COMMITTER_NAME=t", "GIT_COMMITTER_EMAIL=t@example.com")
	out, err := cmd.CombinedOutput()
	if err != nil {
		t.Fatalf("git %s: %v\n%s", strings.Join(args, " "), err, out)
	}
	return strings.TrimSpace(string(out))
}
