package history_test

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"testing"

	"github.com/ampscan/ampscan/internal/gittest"
	"github.com/ampscan/ampscan/scanner"
	"github.com/ampscan/ampscan/scanner/history"
)

func scanStaged(t *testing.T, dir string, opts history.StagedOptions) *scanner.Report {
	t.Helper()
	g, err := history.Open(dir)
	if err != nil {
		t.Fatal(err)
	}
	defer g.Close()
	rep, err := history.ScanStaged(context.Background(), testEngine(t), g, opts, nil)
	if err != nil {
		t.Fatal(err)
	}
	return rep
}

func TestStaged(t *testing.T) {
	k := gittest.NewKeys(t)
	held, fresh, other := k.Hex(), k.Hex(), k.Hex()
	tests := []struct {
		name  string
		setup func(r *gittest.Repo) // after the base commit, before staging
		want  []string              // secrets reported
	}{
		{"nothing staged", func(r *gittest.Repo) {}, nil},
		{"unrelated edit of a file holding a key", func(r *gittest.Repo) {
			r.Write(".env", "# staging\nAMPLITUDE_SECRET_KEY="+held+"\nDEBUG=1\n")
		}, nil},
		{"new key in a modified file", func(r *gittest.Repo) {
			r.Write(".env", "AMPLITUDE_SECRET_KEY="+held+"\nAMPLITUDE_ORG_SECRET_KEY="+fresh+"\n")
		}, []string{fresh}},
		{"new key in a new file", func(r *gittest.Repo) {
			r.Write("deploy/prod.env", "AMPLITUDE_SECRET_KEY="+fresh+"\n")
		}, []string{fresh}},
		{"rotated key", func(r *gittest.Repo) {
			r.Write(".env", "AMPLITUDE_SECRET_KEY="+fresh+"\n")
		}, []string{fresh}},
		{"deleted file", func(r *gittest.Repo) {
			r.Remove(".env")
		}, nil},
		{"renamed file", func(r *gittest.Repo) {
			r.Remove(".env")
			r.Write("config/.env", "AMPLITUDE_SECRET_KEY="+held+"\n")
		}, nil},
		{"copied key stays where it was and lands in a new file", func(r *gittest.Repo) {
			r.Write("copy.env", "AMPLITUDE_SECRET_KEY="+held+"\n")
			r.Write("more.env", "AMPLITUDE_SECRET_KEY="+other+"\n")
		}, []string{held, other}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := gittest.New(t)
			r.Write(".env", "AMPLITUDE_SECRET_KEY="+held+"\n")
			r.Write("README.md", "hello\n")
			r.Commit("base")
			tt.setup(r)
			r.Stage()
			rep := scanStaged(t, r.Dir, history.StagedOptions{})
			var have []string
			for _, f := range rep.Findings {
				have = append(have, f.Secret)
				if f.Commit != nil || f.Fingerprint == "" {
					t.Errorf("%s: commit %v, fingerprint %q", f.Path, f.Commit, f.Fingerprint)
				}
			}
			if len(have) != len(tt.want) {
				t.Fatalf("findings %v, want %v", have, tt.want)
			}
			for _, w := range tt.want {
				found := false
				for _, h := range have {
					found = found || h == w
				}
				if !found {
					t.Errorf("missing %s in %v", w, have)
				}
			}
		})
	}
}

// Before the first commit, everything staged is compared with the empty tree.
func TestStagedFirstCommit(t *testing.T) {
	k := gittest.NewKeys(t)
	r := gittest.New(t)
	key := k.Hex()
	r.Write("app/.env", "AMPLITUDE_SECRET_KEY="+key+"\n")
	r.Stage()
	rep := scanStaged(t, r.Dir, history.StagedOptions{})
	if len(rep.Findings) != 1 || rep.Findings[0].Path != "app/.env" || rep.Findings[0].Line != 1 {
		t.Errorf("findings: %+v", rep.Findings)
	}
}

// Only the staged content counts, not the work tree's.
func TestStagedIgnoresUnstaged(t *testing.T) {
	k := gittest.NewKeys(t)
	r := gittest.New(t)
	r.Write("README.md", "hello\n")
	r.Commit("base")
	r.Write("a.env", "AMPLITUDE_SECRET_KEY="+k.Hex()+"\n") // not staged
	if rep := scanStaged(t, r.Dir, history.StagedOptions{}); len(rep.Findings) != 0 {
		t.Errorf("unstaged file reported: %+v", rep.Findings)
	}
}

// git commit -a and git commit PATH hand the hook a temporary index in
// GIT_INDEX_FILE.
func TestStagedIndexFile(t *testing.T) {
	k := gittest.NewKeys(t)
	r := gittest.New(t)
	r.Write("README.md", "hello\n")
	r.Commit("base")
	r.Write("a.env", "AMPLITUDE_SECRET_KEY="+k.Hex()+"\n")
	r.Stage()
	alt := filepath.Join(t.TempDir(), "index")
	raw, err := os.ReadFile(filepath.Join(r.Dir, ".git", "index"))
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(alt, raw, 0o644); err != nil {
		t.Fatal(err)
	}
	r.Remove("a.env")
	r.Stage() // the repository's own index no longer has it
	if rep := scanStaged(t, r.Dir, history.StagedOptions{}); len(rep.Findings) != 0 {
		t.Errorf("own index: %+v", rep.Findings)
	}
	if rep := scanStaged(t, r.Dir, history.StagedOptions{IndexFile: alt}); len(rep.Findings) != 1 {
		t.Errorf("GIT_INDEX_FILE: %+v", rep.Findings)
	}
}

func TestStagedBare(t *testing.T) {
	r := gittest.New(t)
	r.Write("README.md", "hello\n")
	r.Commit("base")
	bare := filepath.Join(t.TempDir(), "bare.git")
	gittest.Git(t, r.Dir, "clone", "-q", "--bare", r.Dir, bare)
	g, err := history.Open(bare)
	if err != nil {
		t.Fatal(err)
	}
	defer g.Close()
	if _, err := history.ScanStaged(context.Background(), testEngine(t), g, history.StagedOptions{}, nil); !errors.Is(err, history.ErrNoWorkTree) {
		t.Errorf("err = %v, want ErrNoWorkTree", err)
	}
}
