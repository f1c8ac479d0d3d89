//go:build benchtools

// Command gengit builds a git repository with a long, realistic history for
// bench/git.sh, through `git fast-import` (seconds, not hours). There is no
// network here to clone a real one, so the history is synthesized from real
// code: the files are Go's own sources, and each commit edits a few of them
// the way people do (a few hunks of changed, inserted and deleted lines, an
// occasional new, deleted or renamed file), mostly in a hot set of files.
// Topic branches fork, get a few commits and are merged back; there are
// tags, and a handful of fake Amplitude keys come and go.
//
//	go run ./bench/gengit -out DIR -commits 20000 -files 3000 -src $(go env GOROOT)/src
package main

import (
	"bufio"
	"flag"
	"fmt"
	"io"
	"io/fs"
	"log"
	"math/rand/v2"
	"os"
	"os/exec"
	"path/filepath"
	"sort"
	"strings"
	"time"
)

func main() {
	out := flag.String("out", "", "directory of the repository to create (must not exist)")
	commits := flag.Int("commits", 20000, "number of commits on main (topic commits and merges come on top)")
	nfiles := flag.Int("files", 3000, "files in the first commit")
	src := flag.String("src", "", "tree of source files to draw content from (default: GOROOT/src)")
	seed := flag.Uint64("seed", 1, "random seed")
	flag.Parse()
	if *out == "" {
		log.Fatal("gengit: -out is required")
	}
	if *src == "" {
		goroot, err := exec.Command("go", "env", "GOROOT").Output()
		if err != nil {
			log.Fatal(err)
		}
		*src = filepath.Join(strings.TrimSpace(string(goroot)), "src")
	}
	pool, err := loadSources(*src)
	if err != nil {
		log.Fatal(err)
	}
	if err := run("git", "init", "-q", "-b", "main", *out); err != nil {
		log.Fatal(err)
	}
	cmd := exec.Command("git", "fast-import", "--quiet", "--done")
	cmd.Dir = *out
	cmd.Stderr = os.Stderr
	w, err := cmd.StdinPipe()
	if err != nil {
		log.Fatal(err)
	}
	if err := cmd.Start(); err != nil {
		log.Fatal(err)
	}
	g := &gen{w: bufio.NewWriterSize(w, 1<<20), r: rand.New(rand.NewPCG(*seed, 7)), pool: pool,
		files: map[string][]string{}, when: time.Date(2015, 1, 5, 9, 0, 0, 0, time.UTC)}
	g.history(*nfiles, *commits)
	fmt.Fprintln(g.w, "done")
	if err := g.w.Flush(); err != nil {
		log.Fatal(err)
	}
	w.Close()
	if err := cmd.Wait(); err != nil {
		log.Fatal(err)
	}
	fmt.Fprintf(os.Stderr, "gengit: %d commits (%d merges), %d files at the end\n", g.mark, g.merges, len(g.files))
}

func run(name string, args ...string) error {
	cmd := exec.Command(name, args...)
	cmd.Stdout, cmd.Stderr = os.Stderr, os.Stderr
	return cmd.Run()
}

type source struct {
	path  string
	lines []string
}

func loadSources(root string) ([]source, error) {
	var out []source
	err := filepath.WalkDir(root, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() || !strings.HasSuffix(p, ".go") || strings.Contains(p, "testdata") {
			return err
		}
		raw, err := os.ReadFile(p)
		if err != nil || len(raw) > 200<<10 {
			return err
		}
		rel, _ := filepath.Rel(root, p)
		out = append(out, source{filepath.ToSlash(rel), strings.SplitAfter(string(raw), "\n")})
		return nil
	})
	sort.Slice(out, func(i, j int) bool { return out[i].path < out[j].path })
	return out, err
}

type gen struct {
	w      *bufio.Writer
	r      *rand.Rand
	pool   []source
	next   int // next unused source
	files  map[string][]string
	paths  []string // sorted keys of files, rebuilt lazily
	dirty  bool
	hot    []string
	mark   int
	merges int
	when   time.Time
	keys   []string // paths holding a planted key
}

func (g *gen) history(nfiles, commits int) {
	var ops []string
	for range nfiles {
		ops = append(ops, g.add())
	}
	g.commit("refs/heads/main", "initial import", 0, ops)
	main := g.mark
	for i := 1; i < commits; i++ {
		switch {
		case i%97 == 0:
			main = g.topic(i, main)
		case i%1000 == 0:
			g.tag(fmt.Sprintf("v1.%d.0", i/1000), main)
			fallthrough
		default:
			g.commit("refs/heads/main", g.message(), main, g.edits(nil))
			main = g.mark
		}
	}
}

// topic forks a branch, commits to it, commits a little more on main
// (other files), and merges the branch back into main.
func (g *gen) topic(i, main int) int {
	name := fmt.Sprintf("refs/heads/topic/%d", i)
	overlay := map[string][]string{}
	tip := main
	for range 2 + g.r.IntN(6) {
		var ops []string
		for _, p := range g.pick(1 + g.r.IntN(2)) {
			if overlay[p] == nil {
				overlay[p] = append([]string(nil), g.files[p]...)
			}
			overlay[p] = g.edit(overlay[p])
			ops = append(ops, modify(p, overlay[p]))
		}
		g.commit(name, g.message(), tip, ops)
		tip = g.mark
	}
	for range 1 + g.r.IntN(3) {
		g.commit("refs/heads/main", g.message(), main, g.edits(overlay))
		main = g.mark
	}
	var ops []string
	for _, p := range sortedKeys(overlay) {
		g.files[p] = overlay[p]
		ops = append(ops, modify(p, overlay[p]))
	}
	g.merges++
	g.commit("refs/heads/main", "Merge branch '"+strings.TrimPrefix(name, "refs/heads/")+"'", main, ops, tip)
	return g.mark
}

// edits changes a few files on main (not those a topic holds), and now and
// then adds, deletes or renames one, or plants or removes a fake key.
func (g *gen) edits(avoid map[string][]string) []string {
	var ops []string
	for _, p := range g.pick(1 + g.r.IntN(3)) {
		if avoid[p] != nil {
			continue
		}
		g.files[p] = g.edit(g.files[p])
		ops = append(ops, modify(p, g.files[p]))
	}
	switch x := g.r.IntN(1000); {
	case x < 30 && g.next < len(g.pool):
		ops = append(ops, g.add())
	case x < 40:
		if p := g.pick(1)[0]; avoid[p] == nil {
			delete(g.files, p)
			g.dirty = true
			ops = append(ops, "D "+p)
		}
	case x < 45:
		if p := g.pick(1)[0]; avoid[p] == nil {
			np := "moved/" + p
			g.files[np] = g.files[p]
			delete(g.files, p)
			g.dirty = true
			ops = append(ops, "D "+p, modify(np, g.files[np]))
		}
	case x < 47:
		p := fmt.Sprintf("deploy/env-%d/.env", g.mark)
		g.files[p] = []string{"# deployment settings\n", "AMPLITUDE_SECRET_KEY=" + g.hex() + "\n"}
		g.dirty = true
		g.keys = append(g.keys, p)
		ops = append(ops, modify(p, g.files[p]))
	case x < 48 && len(g.keys) > 0:
		p := g.keys[0]
		g.keys = g.keys[1:]
		delete(g.files, p)
		g.dirty = true
		ops = append(ops, "D "+p)
	}
	return ops
}

// edit applies one to three hunks: a few lines deleted, a few lines from
// other real files inserted.
func (g *gen) edit(lines []string) []string {
	out := append([]string(nil), lines...)
	for range 1 + g.r.IntN(3) {
		at := g.r.IntN(len(out) + 1)
		del := min(g.r.IntN(4), len(out)-at)
		var ins []string
		s := g.pool[g.r.IntN(len(g.pool))].lines
		if n := g.r.IntN(6); n > 0 && len(s) > n {
			from := g.r.IntN(len(s) - n)
			ins = s[from : from+n]
		}
		out = append(out[:at], append(append([]string(nil), ins...), out[at+del:]...)...)
	}
	return out
}

func (g *gen) add() string {
	s := g.pool[g.next%len(g.pool)]
	g.next++
	p := "src/" + s.path
	g.files[p] = s.lines
	g.dirty = true
	return modify(p, s.lines)
}

// pick returns n paths, 80% of the time from a hot set of a few percent of
// the files, as real histories concentrate on a few files.
func (g *gen) pick(n int) []string {
	if g.dirty || g.paths == nil {
		g.paths = sortedKeys(g.files)
		g.dirty = false
		g.hot = g.hot[:0]
		for i := 0; i < len(g.paths); i += 25 {
			g.hot = append(g.hot, g.paths[i])
		}
	}
	out := make([]string, 0, n)
	for range n {
		p := g.paths[g.r.IntN(len(g.paths))]
		if g.r.IntN(10) < 8 {
			p = g.hot[g.r.IntN(len(g.hot))]
		}
		if g.files[p] != nil && !contains(out, p) {
			out = append(out, p)
		}
	}
	return out
}

func (g *gen) commit(ref, msg string, from int, ops []string, merge ...int) {
	g.mark++
	g.when = g.when.Add(time.Duration(5+g.r.IntN(240)) * time.Minute)
	who := []string{"Ada Lovelace <ada@example.com>", "Grace Hopper <grace@example.com>", "Alan Turing <alan@example.com>"}[g.r.IntN(3)]
	fmt.Fprintf(g.w, "commit %s\nmark :%d\nauthor %s %d +0000\ncommitter %s %d +0000\ndata %d\n%s\n",
		ref, g.mark, who, g.when.Unix(), who, g.when.Unix(), len(msg), msg)
	if from > 0 {
		fmt.Fprintf(g.w, "from :%d\n", from)
	}
	for _, m := range merge {
		fmt.Fprintf(g.w, "merge :%d\n", m)
	}
	for _, op := range ops {
		io.WriteString(g.w, op)
		io.WriteString(g.w, "\n")
	}
	io.WriteString(g.w, "\n")
}

func (g *gen) tag(name string, at int) {
	msg := "release " + name
	fmt.Fprintf(g.w, "tag %s\nfrom :%d\ntagger Release Bot <release@example.com> %d +0000\ndata %d\n%s\n",
		name, at, g.when.Unix(), len(msg), msg)
}

func (g *gen) message() string {
	verbs := []string{"fix", "add", "refactor", "simplify", "document", "handle", "speed up", "test"}
	nouns := []string{"parser", "cache", "retry logic", "error path", "config loading", "shutdown", "logging", "edge case"}
	return verbs[g.r.IntN(len(verbs))] + " " + nouns[g.r.IntN(len(nouns))]
}

func (g *gen) hex() string {
	const digits = "0123456789abcdef"
	b := make([]byte, 32)
	for i := range b {
		b[i] = digits[g.r.IntN(16)]
	}
	return string(b)
}

func modify(path string, lines []string) string {
	content := strings.Join(lines, "")
	return fmt.Sprintf("M 100644 inline %s\ndata %d\n%s", path, len(content), content)
}

func sortedKeys(m map[string][]string) []string {
	out := make([]string, 0, len(m))
	for k := range m {
		out = append(out, k)
	}
	sort.Strings(out)
	return out
}

func contains(s []string, v string) bool {
	for _, x := range s {
		if x == v {
			return true
		}
	}
	return false
}
