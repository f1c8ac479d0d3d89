package cli

// These tests call each command's run function with an options struct, as
// cobra's RunE does, without cobra: no argument parsing, no global state.
// Exit statuses come from exitCode, the one place Run turns errors into
// them.

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/spf13/pflag"

	"github.com/ampscan/ampscan/internal/fakehost"
	"github.com/ampscan/ampscan/internal/gittest"
	"github.com/ampscan/ampscan/rules"
	"github.com/ampscan/ampscan/source"
)

// sharedOptions returns the shared scan flags at the defaults the root
// command gives them: registered by the same function, so they cannot
// drift from the command line's.
func sharedOptions(edit func(*options)) *options {
	o := &options{}
	addScanFlags(pflag.NewFlagSet("test", pflag.ContinueOnError), o)
	o.quiet = true
	if edit != nil {
		edit(o)
	}
	return o
}

// testIO is a command's streams in memory.
type testIO struct {
	*IO
	out, err *bytes.Buffer
}

func newTestIO(stdin string) testIO {
	var out, errb bytes.Buffer
	return testIO{&IO{Stdin: strings.NewReader(stdin), Stdout: &out, Stderr: &errb}, &out, &errb}
}

// status is the exit status Run would give err, its message going to the
// test's stderr as it would to the process's.
func (s testIO) status(err error) int { return exitCode(err, s.Stderr) }

// findingsOf decodes a JSON report's findings.
func findingsOf(t *testing.T, out string) []map[string]any {
	t.Helper()
	var rep struct{ Findings []map[string]any }
	if err := json.Unmarshal([]byte(out), &rep); err != nil {
		t.Fatalf("not a JSON report: %v\n%s", err, out)
	}
	return rep.Findings
}

func TestRunDir(t *testing.T) {
	t.Parallel()
	secret := gen(41, "{{hex}}")
	dir := tree(t, map[string]string{"server/.env": "AMPLITUDE_SECRET_KEY=" + secret + "\n"})
	cases := []struct {
		name     string
		paths    []string
		edit     func(*options)
		want     int
		findings int    // with --format json
		stderr   string // part of the error, for exit 2
	}{
		{"private key", []string{dir}, nil, 1, 1, ""},
		{"fail-on none", []string{dir}, func(o *options) { o.failOn = "none" }, 0, 1, ""},
		{"one file of the tree", []string{filepath.Join(dir, "server", ".env")}, nil, 1, 1, ""},
		{"missing path", []string{filepath.Join(dir, "nope")}, nil, 2, 0, "cannot scan"},
		{"bad fail-on", []string{dir}, func(o *options) { o.failOn = "sometimes" }, 2, 0, "--fail-on must be"},
		{"bad jobs", []string{dir}, func(o *options) { o.jobs = 0 }, 2, 0, "--jobs must be at least 1"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			t.Parallel()
			s := newTestIO("")
			opts := sharedOptions(c.edit)
			if c.want < 2 {
				opts.format = "json"
			}
			code := s.status(runDir(context.Background(), &dirOptions{streams: s.IO, options: opts, paths: c.paths}))
			if code != c.want {
				t.Fatalf("exit %d, want %d; stderr: %s", code, c.want, s.err)
			}
			if c.want == 2 {
				if !strings.Contains(s.err.String(), c.stderr) || s.out.Len() > 0 {
					t.Errorf("stderr %q lacks %q, or stdout holds %q", s.err, c.stderr, s.out)
				}
				return
			}
			fs := findingsOf(t, s.out.String())
			if len(fs) != c.findings || fs[0]["key_type"] != "amplitude-secret-key" {
				t.Errorf("findings %v, want %d secret key", fs, c.findings)
			}
			if strings.Contains(s.out.String()+s.err.String(), secret) {
				t.Error("the secret is in the output without --no-redact")
			}
		})
	}
}

func TestRunStdin(t *testing.T) {
	t.Parallel()
	input := "AMPLITUDE_SECRET_KEY=" + gen(42, "{{hex}}") + "\n"
	// A working directory whose configuration lets every finding pass.
	lenient := tree(t, map[string]string{".ampscan.toml": "[policy]\nfail_on = \"none\"\n"})
	cases := []struct {
		name    string
		workDir string
		given   bool // --fail-on private given, which overrides the configuration
		want    int
	}{
		{"no configuration", t.TempDir(), false, 1},
		{"the working directory's configuration", lenient, false, 0},
		{"--fail-on given over the configuration", lenient, true, 1},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			t.Parallel()
			s := newTestIO(input)
			opts := sharedOptions(func(o *options) { o.format, o.failOnGiven = "json", c.given })
			err := runStdin(context.Background(), &stdinOptions{streams: s.IO, options: opts, name: "deploy/.env", workDir: c.workDir})
			if code := s.status(err); code != c.want {
				t.Fatalf("exit %d, want %d; stderr: %s", code, c.want, s.err)
			}
			fs := findingsOf(t, s.out.String())
			if len(fs) != 1 || fs[0]["path"] != "deploy/.env" {
				t.Errorf("findings %v, want one at deploy/.env", fs)
			}
		})
	}
}

func TestRunGitAndStaged(t *testing.T) {
	t.Parallel()
	k := gittest.NewKeys(t)
	r := gittest.New(t)
	r.Write(".env", "AMPLITUDE_SECRET_KEY="+k.Hex()+"\n")
	added := r.Commit("add key")
	r.Remove(".env")
	r.Commit("remove key")

	git := func(edit func(*gitOptions)) (int, testIO) {
		s := newTestIO("")
		o := &gitOptions{streams: s.IO, options: sharedOptions(func(o *options) { o.format = "json" }), repo: r.Dir}
		if edit != nil {
			edit(o)
		}
		return s.status(runGit(context.Background(), o)), s
	}
	code, s := git(nil)
	if code != 1 {
		t.Fatalf("git: exit %d, want 1; stderr: %s", code, s.err)
	}
	if fs := findingsOf(t, s.out.String()); len(fs) != 1 || fs[0]["commit"] != added.String() || fs[0]["in_head"] != false {
		t.Errorf("git: findings %v, want the key from %s, gone from HEAD", fs, added)
	}
	if code, s := git(func(o *gitOptions) { o.since = "2030-01-01" }); code != 0 || len(findingsOf(t, s.out.String())) != 0 {
		t.Errorf("git --since after every commit: exit %d, %s", code, s.out)
	}
	for _, bad := range []struct {
		edit func(*gitOptions)
		msg  string
	}{
		{func(o *gitOptions) { o.since = "yesterday" }, "bad --since"},
		{func(o *gitOptions) { o.history.Range, o.history.Branch = "main~1..main", "main" }, "cannot be used together"},
		{func(o *gitOptions) { o.history.Branch = "nope" }, "bad --branch"},
		{func(o *gitOptions) { o.repo = t.TempDir() }, "not a git repository"},
	} {
		if code, s := git(bad.edit); code != 2 || !strings.Contains(s.err.String(), bad.msg) {
			t.Errorf("want exit 2 saying %q, got %d: %s", bad.msg, code, s.err)
		}
	}

	staged := func(repo string) (int, testIO) {
		s := newTestIO("")
		err := runStaged(context.Background(), &stagedOptions{streams: s.IO, options: sharedOptions(func(o *options) { o.format = "json" }), repo: repo})
		return s.status(err), s
	}
	if code, s := staged(r.Dir); code != 0 || len(findingsOf(t, s.out.String())) != 0 {
		t.Errorf("staged, nothing staged: exit %d, %s %s", code, s.out, s.err)
	}
	r.Write("config.js", "// Amplitude\nconst AMPLITUDE_SECRET_KEY = '"+k.Hex()+"';\n")
	r.Stage()
	if code, s := staged(r.Dir); code != 1 || len(findingsOf(t, s.out.String())) != 1 {
		t.Errorf("staged key: exit %d, %s %s", code, s.out, s.err)
	}
}

func TestRunHookInstall(t *testing.T) {
	t.Parallel()
	r := gittest.New(t)
	hook := filepath.Join(r.Dir, ".git", "hooks", "pre-commit")
	install := func(force bool) (int, testIO) {
		s := newTestIO("")
		return s.status(runHookInstall(context.Background(), &hookInstallOptions{streams: s.IO, repo: r.Dir, force: force})), s
	}
	if code, s := install(false); code != 0 || s.out.String() != "installed the ampscan pre-commit hook at "+hook+"\n" {
		t.Fatalf("install: exit %d, %q %s", code, s.out, s.err)
	}
	if st, err := os.Stat(hook); err != nil || st.Mode().Perm()&0o100 == 0 {
		t.Fatalf("hook not written executable: %v", err)
	}
	if code, s := install(false); code != 0 {
		t.Errorf("reinstalling the same hook: exit %d: %s", code, s.err)
	}
	if err := os.WriteFile(hook, []byte("#!/bin/sh\nmake lint\n"), 0o755); err != nil {
		t.Fatal(err)
	}
	if code, s := install(false); code != 2 || !strings.Contains(s.err.String(), "--force") {
		t.Errorf("over another hook: exit %d, %s", code, s.err)
	}
	if code, _ := install(true); code != 0 {
		t.Errorf("--force: exit %d", code)
	}
	if got, _ := os.ReadFile(hook); string(got) != preCommitHook {
		t.Errorf("hook holds %q", got)
	}
	s := newTestIO("")
	if code := s.status(runHookInstall(context.Background(), &hookInstallOptions{streams: s.IO, repo: t.TempDir()})); code != 2 {
		t.Errorf("outside a repository: exit %d", code)
	}
}

func TestRunConfigInit(t *testing.T) {
	t.Parallel()
	path := filepath.Join(t.TempDir(), "ampscan.toml")
	write := func(force bool) (int, testIO) {
		s := newTestIO("")
		return s.status(runConfigInit(context.Background(), &configInitOptions{streams: s.IO, path: path, force: force})), s
	}
	if code, s := write(false); code != 0 || s.out.String() != "wrote a starter configuration to "+path+"\n" {
		t.Fatalf("exit %d, %q %s", code, s.out, s.err)
	}
	raw, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := rules.ParseConfigFile(path, raw); err != nil {
		t.Errorf("the starter configuration does not load: %v", err)
	}
	if code, s := write(false); code != 2 || !strings.Contains(s.err.String(), "already exists") {
		t.Errorf("over an existing file: exit %d, %s", code, s.err)
	}
	if code, _ := write(true); code != 0 {
		t.Errorf("--force: exit %d", code)
	}
}

func TestRunRulesAndVersion(t *testing.T) {
	t.Parallel()
	s := newTestIO("")
	if err := runRules(context.Background(), &rulesOptions{streams: s.IO, options: sharedOptions(func(o *options) { o.format = "json" })}); err != nil {
		t.Fatal(err)
	}
	var rows []policyRow
	if err := json.Unmarshal(s.out.Bytes(), &rows); err != nil {
		t.Fatal(err)
	}
	if len(rows) != len(rules.Policies()) {
		t.Fatalf("%d rows for %d key types", len(rows), len(rules.Policies()))
	}
	for _, r := range rows {
		if len(r.Rules) == 0 {
			t.Errorf("%s: no rule detects it", r.KeyType)
		}
	}
	s = newTestIO("")
	if err := runRules(context.Background(), &rulesOptions{streams: s.IO, options: sharedOptions(nil)}); err != nil {
		t.Fatal(err)
	}
	if !strings.HasPrefix(s.out.String(), "KEY TYPE") || !strings.Contains(s.out.String(), "amplitude-secret-key (") {
		t.Errorf("the table lacks its header or a key type:\n%s", s.out)
	}
	s = newTestIO("")
	missing := sharedOptions(func(o *options) { o.configPath = filepath.Join(t.TempDir(), "none.toml") })
	if code := s.status(runRules(context.Background(), &rulesOptions{streams: s.IO, options: missing})); code != 2 {
		t.Errorf("rules with a missing --config: exit %d", code)
	}

	s = newTestIO("")
	if err := runVersion(context.Background(), &versionOptions{streams: s.IO}); err != nil {
		t.Fatal(err)
	}
	rev, when := Build()
	if want := fmt.Sprintf("ampscan %s (commit %s, built %s)\n", Version(), rev, when); s.out.String() != want {
		t.Errorf("version %q, want %q", s.out, want)
	}
}

func TestRunGitHubAndGitLabList(t *testing.T) {
	t.Parallel()
	const token = "list-token-5b1e"
	repos := []fakehost.Repo{
		{FullName: "acme/api", CloneURL: "https://example.com/acme/api.git"},
		{FullName: "acme/old", CloneURL: "https://example.com/acme/old.git", Fork: true, Archived: true},
		{FullName: "acme/web", CloneURL: "https://example.com/acme/web.git"},
	}
	hub := fakehost.GitHub(t, token, map[string][]fakehost.Repo{"acme": repos})
	lab := fakehost.GitLab(t, token, map[string][]fakehost.Repo{"acme/platform": repos})
	listing := "acme/api\thttps://example.com/acme/api.git\t\nacme/web\thttps://example.com/acme/web.git\t\n"
	all := "acme/api\thttps://example.com/acme/api.git\t\nacme/old\thttps://example.com/acme/old.git\tfork,archived\n" +
		"acme/web\thttps://example.com/acme/web.git\t\n"

	cases := []struct {
		name string
		run  func(*IO, auditFlags) error
		af   auditFlags
		want int
		out  string
	}{
		{"github org", func(s *IO, af auditFlags) error {
			return runGitHub(context.Background(), &githubOptions{streams: s, options: sharedOptions(nil), audit: af, org: "acme", token: token})
		}, auditFlags{apiURL: hub.URL, list: true}, 0, listing},
		{"github forks and archived", func(s *IO, af auditFlags) error {
			return runGitHub(context.Background(), &githubOptions{streams: s, options: sharedOptions(nil), audit: af, user: "acme", token: token})
		}, auditFlags{apiURL: hub.URL, list: true, filter: source.Filter{Forks: true, Archived: true}}, 0, all},
		{"github neither org nor user", func(s *IO, af auditFlags) error {
			return runGitHub(context.Background(), &githubOptions{streams: s, options: sharedOptions(nil), audit: af, token: token})
		}, auditFlags{apiURL: hub.URL, list: true}, 2, ""},
		{"github wrong token", func(s *IO, af auditFlags) error {
			return runGitHub(context.Background(), &githubOptions{streams: s, options: sharedOptions(nil), audit: af, org: "acme", token: "wrong"})
		}, auditFlags{apiURL: hub.URL, list: true}, 2, ""},
		{"gitlab group", func(s *IO, af auditFlags) error {
			return runGitLab(context.Background(), &gitlabOptions{streams: s, options: sharedOptions(nil), audit: af, group: "acme/platform", token: token})
		}, auditFlags{apiURL: lab.URL + "/api/v4", list: true}, 0, listing},
		{"gitlab no group", func(s *IO, af auditFlags) error {
			return runGitLab(context.Background(), &gitlabOptions{streams: s, options: sharedOptions(nil), audit: af, token: token})
		}, auditFlags{apiURL: lab.URL + "/api/v4", list: true}, 2, ""},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			t.Parallel()
			s := newTestIO("")
			if code := s.status(c.run(s.IO, c.af)); code != c.want || s.out.String() != c.out {
				t.Errorf("exit %d, want %d; stdout:\n%s\nwant:\n%s\nstderr: %s", code, c.want, s.out, c.out, s.err)
			}
			if strings.Contains(s.out.String()+s.err.String(), token) {
				t.Error("the token is in the output")
			}
		})
	}
}

func TestRunMerge(t *testing.T) {
	t.Parallel()
	k := gittest.NewKeys(t)
	var listing []fakehost.Repo
	for _, name := range []string{"api", "web", "docs"} {
		r := gittest.New(t)
		r.Write(name+"/.env", "AMPLITUDE_SECRET_KEY="+k.Hex()+"\n")
		r.Commit("add " + name)
		bare := filepath.Join(t.TempDir(), name+".git")
		gittest.PublishBare(t, r, bare)
		listing = append(listing, fakehost.Repo{FullName: "acme/" + name, CloneURL: "file://" + filepath.ToSlash(bare)})
	}
	const token = "merge-token-77c3"
	hub := fakehost.GitHub(t, token, map[string][]fakehost.Repo{"acme": listing})
	audit := func(shard, out string) {
		t.Helper()
		s := newTestIO("")
		opts := sharedOptions(func(o *options) { o.format, o.output, o.jobs = "json", out, 2 })
		af := auditFlags{apiURL: hub.URL, shard: shard, tempDir: t.TempDir()}
		if code := s.status(runGitHub(context.Background(), &githubOptions{streams: s.IO, options: opts, audit: af, org: "acme", token: token})); code != 1 {
			t.Fatalf("audit %s: exit %d, want 1: %s", shard, code, s.err)
		}
	}
	dir := t.TempDir()
	whole := filepath.Join(dir, "whole.json")
	audit("", whole)
	shards := []string{filepath.Join(dir, "1.json"), filepath.Join(dir, "2.json")}
	audit("1/2", shards[0])
	audit("2/2", shards[1])

	merge := func(edit func(*options), files ...string) (int, testIO) {
		s := newTestIO("")
		return s.status(runMerge(context.Background(), &mergeOptions{streams: s.IO, options: sharedOptions(edit), files: files})), s
	}
	code, s := merge(nil, shards...)
	want, err := os.ReadFile(whole)
	if err != nil {
		t.Fatal(err)
	}
	if code != 1 || !bytes.Equal(s.out.Bytes(), want) {
		t.Errorf("merge: exit %d (want 1); merged shards differ from the whole run:\n%s\n--- whole\n%s\n%s", code, s.out, want, s.err)
	}
	if code, _ := merge(func(o *options) { o.failOn = "none" }, shards...); code != 0 {
		t.Errorf("merge --fail-on none: exit %d", code)
	}
	// --format defaults to text, which merge ignores unless it is given.
	if code, s := merge(func(o *options) { o.formatGiven = true }, shards...); code != 2 || !strings.Contains(s.err.String(), "not text") {
		t.Errorf("merge --format text: exit %d, %s", code, s.err)
	}
	if code, s := merge(nil, shards[0]); code != 2 || !strings.Contains(s.err.String(), "missing shard 2/2") {
		t.Errorf("merge of one of two shards: exit %d, %s", code, s.err)
	}
	if code, s := merge(nil, filepath.Join(dir, "none.json")); code != 2 || !strings.Contains(s.err.String(), "cannot read") {
		t.Errorf("merge of a missing file: exit %d, %s", code, s.err)
	}
}
