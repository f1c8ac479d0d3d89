package history_test

import (
	"context"
	"errors"
	"fmt"
	"sort"
	"strings"
	"testing"

	"github.com/go-git/go-git/v5/plumbing"
	"github.com/google/go-cmp/cmp"

	"github.com/ampscan/ampscan/internal/gittest"
	"github.com/ampscan/ampscan/rules"
	"github.com/ampscan/ampscan/scanner"
	"github.com/ampscan/ampscan/scanner/history"
)

func testEngine(t testing.TB) *scanner.Engine {
	t.Helper()
	cat, err := rules.Builtin()
	if err != nil {
		t.Fatal(err)
	}
	return &scanner.Engine{Rules: cat, Jobs: 4, Progress: &scanner.Progress{}}
}

func scanHistory(t *testing.T, dir string, opts history.Options) (*scanner.Report, []scanner.FileError) {
	t.Helper()
	g, err := history.Open(dir)
	if err != nil {
		t.Fatal(err)
	}
	defer g.Close()
	var errs []scanner.FileError
	rep, err := history.Scan(context.Background(), testEngine(t), g, opts, func(fe scanner.FileError) { errs = append(errs, fe) })
	if err != nil {
		t.Fatal(err)
	}
	return rep, errs
}

// got is the part of a finding the history tests check.
type got struct {
	Secret, Path string
	KeyType      rules.KeyType
	Commit       string
	Line, Column int
	InHead       bool
	Head         string
}

func summarize(fs []scanner.Finding) []got {
	out := make([]got, 0, len(fs))
	for _, f := range fs {
		g := got{Secret: f.Secret, Path: f.Path, KeyType: f.KeyType, Line: f.Line, Column: f.Column}
		if f.Commit != nil {
			g.Commit, g.InHead = f.Commit.ID, f.Commit.InHead
			var locs []string
			for _, l := range f.Commit.HeadLocations {
				locs = append(locs, fmt.Sprintf("%s:%d:%d", l.Path, l.Line, l.Column))
			}
			g.Head = strings.Join(locs, " ")
		}
		out = append(out, g)
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Secret+out[i].Path < out[j].Secret+out[j].Path })
	return out
}

// fixture is the shared history: every situation the issue lists, and the
// findings each must give (and no others).
type fixture struct {
	r    *gittest.Repo
	want []got
	// commits by role, for the range and since tests
	base, feature, merge, deleted plumbing.Hash
}

func buildHistory(t *testing.T) *fixture {
	k := gittest.NewKeys(t)
	r := gittest.New(t)
	h := &fixture{r: r}
	secret1, api, secret, server, mergeKey, gone, rotated, tagged, moved := k.Hex(), k.Hex(), k.Hex(), k.Server(), k.Hex(), k.Hex(), k.Hex(), k.Hex(), k.Hex()

	r.Write("README.md", "# shop\n")
	r.Write("src/app.js", "console.log('hello')\n")
	r.Commit("init")

	r.Write(".env", "AMPLITUDE_SECRET_KEY="+secret1+"\n")
	r.Write("scripts/export.sh", "#!/bin/sh\ncurl -u "+api+":"+secret+" 'https://amplitude.com/api/2/export?start=20240101T00&end=20240102T00'\n")
	c2 := r.Commit("add env and export script")

	// An unrelated edit that also moves the key down two lines.
	r.Write(".env", "# settings\nDEBUG=1\nAMPLITUDE_SECRET_KEY="+secret1+"\n")
	h.base = r.Commit("tidy env")

	r.Branch("feature", h.base)
	r.Checkout("feature")
	r.Write("config/deploy.yml", "experiment:\n  deployment_key: "+server+"\n")
	h.feature = r.Commit("feature: experiment config")
	r.Write("src/app.js", "console.log('feature')\n")
	r.Commit("feature: edit")
	featureTip := r.Head()

	r.Checkout("main")
	// A rename: the key must not become a second finding at the new path.
	r.Remove("scripts/export.sh")
	r.Write("tools/export.sh", "#!/bin/sh\ncurl -u "+api+":"+secret+" 'https://amplitude.com/api/2/export?start=20240101T00&end=20240102T00'\n")
	r.Commit("move export script")

	// A merge that takes the feature's files and adds a key while resolving.
	r.Write("config/deploy.yml", "experiment:\n  deployment_key: "+server+"\n")
	r.Write("src/app.js", "console.log('feature')\n")
	r.Write("merge.env", "NEXT_PUBLIC_AMPLITUDE_API_KEY=\""+mergeKey+"\"\n")
	h.merge = r.Commit("merge feature", featureTip)

	r.Write("old/secrets.env", "AMPLITUDE_SECRET_KEY="+gone+"\n")
	h.deleted = r.Commit("add old secrets")
	r.Remove("old/secrets.env")
	r.Commit("remove old secrets")

	// Rotation: a new value at the same place is a new finding.
	r.Write(".env", "# settings\nDEBUG=1\nAMPLITUDE_SECRET_KEY="+rotated+"\n")
	rot := r.Commit("rotate")

	// A commit reachable only from an annotated tag.
	r.Branch("tmp", rot)
	r.Checkout("tmp")
	r.Write("release.env", "AMPLITUDE_SECRET_KEY="+tagged+"\n")
	tagOnly := r.Commit("release build")
	r.Tag("v1.0.0-rc", tagOnly)
	r.Checkout("main")
	r.DeleteBranch("tmp")

	// A line that moves: no second finding, line from the introducing commit.
	r.Write("src/analytics.ts", "import * as amplitude from '@amplitude/analytics-browser';\n\namplitude.init('"+moved+"');\n")
	mv := r.Commit("analytics")
	r.Write("src/analytics.ts", "import * as amplitude from '@amplitude/analytics-browser';\n// one\n// two\n\nexport const ready = true;\namplitude.init('"+moved+"');\n")
	r.Commit("move init down")

	h.want = []got{
		{Secret: secret1, Path: ".env", KeyType: "amplitude-secret-key", Commit: c2.String(), Line: 1, Column: 22},
		{Secret: api, Path: "scripts/export.sh", KeyType: "amplitude-api-key", Commit: c2.String(), Line: 2, Column: 9, InHead: true, Head: "tools/export.sh:2:9"},
		{Secret: secret, Path: "scripts/export.sh", KeyType: "amplitude-secret-key", Commit: c2.String(), Line: 2, Column: 42, InHead: true, Head: "tools/export.sh:2:42"},
		{Secret: server, Path: "config/deploy.yml", KeyType: "amplitude-server-deployment-key", Commit: h.feature.String(), Line: 2, Column: 19, InHead: true, Head: "config/deploy.yml:2:19"},
		{Secret: mergeKey, Path: "merge.env", KeyType: "amplitude-api-key", Commit: h.merge.String(), Line: 1, Column: 32, InHead: true, Head: "merge.env:1:32"},
		{Secret: gone, Path: "old/secrets.env", KeyType: "amplitude-secret-key", Commit: h.deleted.String(), Line: 1, Column: 22},
		{Secret: rotated, Path: ".env", KeyType: "amplitude-secret-key", Commit: rot.String(), Line: 3, Column: 22, InHead: true, Head: ".env:3:22"},
		{Secret: tagged, Path: "release.env", KeyType: "amplitude-secret-key", Commit: tagOnly.String(), Line: 1, Column: 22},
		{Secret: moved, Path: "src/analytics.ts", KeyType: "amplitude-api-key", Commit: mv.String(), Line: 3, Column: 17, InHead: true, Head: "src/analytics.ts:6:17"},
	}
	return h
}

func TestHistoryAttribution(t *testing.T) {
	h := buildHistory(t)
	rep, errs := scanHistory(t, h.r.Dir, history.Options{})
	if len(errs) > 0 {
		t.Errorf("errors: %v", errs)
	}
	have := summarize(rep.Findings)
	want := append([]got(nil), h.want...)
	sort.Slice(want, func(i, j int) bool { return want[i].Secret+want[i].Path < want[j].Secret+want[j].Path })
	if d := cmp.Diff(want, have); d != "" {
		t.Errorf("findings (-want +got):\n%s", d)
	}
	for _, f := range rep.Findings {
		c := f.Commit
		if c.Author != "Ada Lovelace" || c.Email != "ada@example.com" || c.Date.IsZero() {
			t.Errorf("%s: commit metadata %+v", f.Path, c)
		}
		if f.Fingerprint != scanner.Fingerprint(f.KeyType, f.Secret, f.Path) {
			t.Errorf("%s: fingerprint not finalized", f.Path)
		}
	}
	if rep.Stats.Files == 0 || len(rep.Notes) == 0 {
		t.Errorf("stats %+v notes %v", rep.Stats, rep.Notes)
	}
}

// Each blob is scanned once however many commits and paths share it.
func TestHistoryScansEachBlobOnce(t *testing.T) {
	r := gittest.New(t)
	r.Write("a.txt", "same\n")
	r.Commit("one")
	r.Write("b.txt", "same\n")
	r.Write("c/d.txt", "same\n")
	r.Commit("two")
	r.Write("a.txt", "changed\n")
	r.Commit("three")
	rep, _ := scanHistory(t, r.Dir, history.Options{})
	if rep.Stats.Files != 2 {
		t.Errorf("scanned %d blobs, want 2 (same, changed)", rep.Stats.Files)
	}
}

func TestHistoryRange(t *testing.T) {
	h := buildHistory(t)
	rep, _ := scanHistory(t, h.r.Dir, history.Options{Range: h.base.String() + "..feature"})
	have := summarize(rep.Findings)
	if len(have) != 1 || have[0].Commit != h.feature.String() || have[0].Path != "config/deploy.yml" {
		t.Errorf("range base..feature: %+v", have)
	}
	// What main has that feature has not: the merge's own key, the deleted
	// file, the rotation and the moved line; not the keys of the base (the
	// rename carries them), nor the feature's key taken by the merge.
	rep, _ = scanHistory(t, h.r.Dir, history.Options{Range: "feature..main"})
	paths := map[string]bool{}
	for _, f := range rep.Findings {
		paths[f.Path] = true
	}
	want := map[string]bool{"merge.env": true, "old/secrets.env": true, ".env": true, "src/analytics.ts": true}
	if d := cmp.Diff(want, paths); d != "" || len(rep.Findings) != 4 {
		t.Errorf("feature..main (-want +got):\n%s%+v", d, summarize(rep.Findings))
	}
	rep, _ = scanHistory(t, h.r.Dir, history.Options{Range: "main..main"})
	if len(rep.Findings) != 0 {
		t.Errorf("main..main: %d findings", len(rep.Findings))
	}
}

func TestHistoryBadRevision(t *testing.T) {
	h := buildHistory(t)
	g, err := history.Open(h.r.Dir)
	if err != nil {
		t.Fatal(err)
	}
	defer g.Close()
	for _, opts := range []history.Options{
		{Range: "nope..main"}, {Range: "main..nope"}, {Range: "main"}, {Range: "main...feature"}, {Branch: "nope"},
	} {
		_, err := history.Scan(context.Background(), testEngine(t), g, opts, nil)
		var re *history.RevisionError
		if !errors.As(err, &re) {
			t.Errorf("%+v: err = %v, want a RevisionError", opts, err)
		}
	}
}

func TestHistorySinceAndBranch(t *testing.T) {
	h := buildHistory(t)
	c, err := h.r.Repo.CommitObject(h.deleted)
	if err != nil {
		t.Fatal(err)
	}
	rep, _ := scanHistory(t, h.r.Dir, history.Options{Since: c.Committer.When})
	for _, f := range rep.Findings {
		fc, err := h.r.Repo.CommitObject(plumbing.NewHash(f.Commit.ID))
		if err != nil {
			t.Fatal(err)
		}
		if fc.Committer.When.Before(c.Committer.When) {
			t.Errorf("--since: %s from %s", f.Path, fc.Committer.When)
		}
	}
	if len(rep.Findings) != 4 { // deleted, rotated, tagged, moved
		t.Errorf("--since: %d findings, want 4: %+v", len(rep.Findings), summarize(rep.Findings))
	}
	rep, _ = scanHistory(t, h.r.Dir, history.Options{Branch: "feature"})
	paths := map[string]bool{}
	for _, f := range rep.Findings {
		paths[f.Path] = true
	}
	if d := cmp.Diff(map[string]bool{".env": true, "scripts/export.sh": true, "config/deploy.yml": true}, paths); d != "" {
		t.Errorf("--branch feature paths (-want +got):\n%s", d)
	}
}

func TestHistoryNotRepository(t *testing.T) {
	_, err := history.Open(t.TempDir())
	if !errors.Is(err, history.ErrNotRepository) {
		t.Errorf("err = %v, want ErrNotRepository", err)
	}
}
