//go:build benchtools

// Command gendense builds a dense git history from code no one here wrote:
// the published versions of Amplitude's own npm packages and Go modules
// listed in versions.txt, each committed over the last in its own directory, with
// generated commits between them that edit the files as a team would
// (instrumentation added, a version bumped, a key pasted in and later
// removed). Nearly every file names Amplitude, so the history exercises
// the matcher on every blob. The history is written with `git fast-import`
// into -out; the tarballs are fetched with `npm pack` into -cache and kept
// there, the modules with `go mod download` (never committed here).
//
//	go run -tags benchtools ./bench/gendense -out bench/work/dense/repo
package main

import (
	"archive/tar"
	"bufio"
	"compress/gzip"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"io/fs"
	"log"
	"maps"
	"math/rand/v2"
	"os"
	"os/exec"
	"path"
	"path/filepath"
	"slices"
	"strings"
	"time"
)

// release is one published version: of an npm package, or of a Go module
// (kind "go"), read through the module proxy.
type release struct{ kind, pkg, version string }

func main() {
	out := flag.String("out", "bench/work/dense/repo", "repository to create (must not exist)")
	list := flag.String("versions", "bench/gendense/versions.txt", "pinned list of releases")
	cache := flag.String("cache", "bench/work/dense/cache", "where npm pack puts the tarballs")
	edits := flag.Int("edits", 5, "generated commits after each release")
	flag.Parse()
	rels, err := readList(*list)
	if err != nil {
		log.Fatal(err)
	}
	if err := fetch(rels, *cache); err != nil {
		log.Fatal(err)
	}
	if _, err := os.Stat(*out); err == nil {
		log.Fatalf("%s exists", *out)
	}
	if err := run("git", "init", "-q", "-b", "main", *out); err != nil {
		log.Fatal(err)
	}
	fi := exec.Command("git", "-C", *out, "fast-import", "--quiet")
	stdin, err := fi.StdinPipe()
	if err != nil {
		log.Fatal(err)
	}
	fi.Stdout, fi.Stderr = os.Stdout, os.Stderr
	if err := fi.Start(); err != nil {
		log.Fatal(err)
	}
	w := bufio.NewWriterSize(stdin, 1<<20)
	g := &gen{w: w, rnd: rand.New(rand.NewPCG(7, 11)), when: time.Date(2022, 1, 3, 9, 0, 0, 0, time.UTC), trees: map[string]map[string][]byte{}}
	for _, r := range rels {
		var files map[string][]byte
		if r.kind == "go" {
			files, err = module(r)
		} else {
			files, err = unpack(filepath.Join(*cache, tarball(r)))
		}
		if err != nil {
			log.Fatalf("%s@%s: %v", r.pkg, r.version, err)
		}
		g.release(r, files)
		for range *edits {
			g.edit(r)
		}
	}
	if err := w.Flush(); err != nil {
		log.Fatal(err)
	}
	stdin.Close()
	if err := fi.Wait(); err != nil {
		log.Fatal(err)
	}
	if err := run("git", "-C", *out, "reset", "-q", "--hard"); err != nil {
		log.Fatal(err)
	}
	fmt.Printf("gendense: %d releases, %d commits, %d keys planted\n", len(rels), g.mark, g.keys)
}

func readList(name string) ([]release, error) {
	raw, err := os.ReadFile(name)
	if err != nil {
		return nil, err
	}
	var rels []release
	for i, line := range strings.Split(string(raw), "\n") {
		f := strings.Fields(line)
		switch {
		case len(f) == 0 || strings.HasPrefix(f[0], "#"):
		case len(f) == 3 && (f[0] == "npm" || f[0] == "go"):
			rels = append(rels, release{f[0], f[1], f[2]})
		default:
			return nil, fmt.Errorf("%s:%d: want `npm PACKAGE VERSION` or `go MODULE VERSION`", name, i+1)
		}
	}
	return rels, nil
}

// tarball is the file name npm pack gives a release.
func tarball(r release) string {
	return strings.ReplaceAll(strings.TrimPrefix(r.pkg, "@"), "/", "-") + "-" + r.version + ".tgz"
}

// fetch packs the releases not yet in the cache, a batch per npm call.
func fetch(rels []release, cache string) error {
	if err := os.MkdirAll(cache, 0o755); err != nil {
		return err
	}
	var missing []string
	for _, r := range rels {
		if r.kind == "go" {
			continue // go mod download caches them itself
		}
		if _, err := os.Stat(filepath.Join(cache, tarball(r))); err != nil {
			missing = append(missing, r.pkg+"@"+r.version)
		}
	}
	for batch := range slices.Chunk(missing, 40) {
		log.Printf("npm pack: %d of %d missing releases", len(batch), len(missing))
		cmd := exec.Command("npm", append([]string{"pack", "--silent", "--pack-destination", cache}, batch...)...)
		cmd.Stdout, cmd.Stderr = io.Discard, os.Stderr
		if err := cmd.Run(); err != nil {
			return fmt.Errorf("npm pack: %w", err)
		}
	}
	return nil
}

// module reads a Go module's files through `go mod download`.
func module(r release) (map[string][]byte, error) {
	out, err := exec.Command("go", "mod", "download", "-json", r.pkg+"@"+r.version).Output()
	if err != nil {
		return nil, fmt.Errorf("go mod download: %w", err)
	}
	var info struct{ Dir, Error string }
	if err := json.Unmarshal(out, &info); err != nil {
		return nil, err
	}
	if info.Error != "" {
		return nil, errors.New(info.Error)
	}
	files := map[string][]byte{}
	err = filepath.WalkDir(info.Dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil || !d.Type().IsRegular() {
			return err
		}
		rel, err := filepath.Rel(info.Dir, p)
		if err != nil {
			return err
		}
		data, err := os.ReadFile(p)
		files[filepath.ToSlash(rel)] = data
		return err
	})
	return files, err
}

// unpack reads a package tarball's regular files, without the leading
// "package/" directory.
func unpack(name string) (map[string][]byte, error) {
	f, err := os.Open(name)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	zr, err := gzip.NewReader(f)
	if err != nil {
		return nil, err
	}
	files := map[string][]byte{}
	tr := tar.NewReader(zr)
	for {
		h, err := tr.Next()
		if err == io.EOF {
			return files, nil
		}
		if err != nil {
			return nil, err
		}
		if h.Typeflag != tar.TypeReg {
			continue
		}
		_, rest, ok := strings.Cut(path.Clean(h.Name), "/")
		if !ok || strings.HasPrefix(rest, "..") {
			continue
		}
		data, err := io.ReadAll(tr)
		if err != nil {
			return nil, err
		}
		files[rest] = data
	}
}

type gen struct {
	w     *bufio.Writer
	rnd   *rand.Rand
	when  time.Time
	mark  int
	keys  int
	trees map[string]map[string][]byte // package -> its files as last committed
}

func dir(pkg string) string { return "packages/" + path.Base(pkg) }

// release commits a package's published files over its previous version.
func (g *gen) release(r release, files map[string][]byte) {
	g.trees[r.pkg] = files
	g.commit("Release "+r.pkg+" "+r.version, func() {
		fmt.Fprintf(g.w, "D %s\n", dir(r.pkg))
		for _, p := range slices.Sorted(maps.Keys(files)) {
			g.file(dir(r.pkg)+"/"+p, files[p])
		}
	})
}

// edit commits a generated change to one or two text files of a package:
// a tracking call added, a line changed, or (one edit in twelve) a key
// pasted into an init call, which a later edit of the same file may
// remove again.
func (g *gen) edit(r release) {
	files := g.trees[r.pkg]
	var text []string
	for p, data := range files {
		if isText(p) && len(data) < 2<<20 {
			text = append(text, p)
		}
	}
	if len(text) == 0 {
		return
	}
	slices.Sort(text)
	n := 1 + g.rnd.IntN(2)
	changed := map[string][]byte{}
	for range n {
		p := text[g.rnd.IntN(len(text))]
		lines := strings.SplitAfter(string(files[p]), "\n")
		at := g.rnd.IntN(len(lines) + 1)
		var add string
		switch k := g.rnd.IntN(12); {
		case k == 0:
			g.keys++
			add = fmt.Sprintf("amplitude.init('%s', { serverZone: 'US' });\n", g.hex())
		case k < 6:
			add = fmt.Sprintf("amplitude.track('%s', { step: %d });\n", event(g.rnd), g.rnd.IntN(1000))
		default:
			if at < len(lines) {
				lines = slices.Delete(lines, at, at+1) // a line edited away
			}
			add = fmt.Sprintf("// %s: see the tracking plan, revision %d\n", event(g.rnd), g.rnd.IntN(100000))
		}
		lines = slices.Insert(lines, min(at, len(lines)), add)
		files[p] = []byte(strings.Join(lines, ""))
		changed[p] = files[p]
	}
	g.commit("Instrument "+r.pkg, func() {
		for _, p := range slices.Sorted(maps.Keys(changed)) {
			g.file(dir(r.pkg)+"/"+p, changed[p])
		}
	})
}

func (g *gen) commit(msg string, body func()) {
	g.mark++
	g.when = g.when.Add(time.Duration(20+g.rnd.IntN(7200)) * time.Second)
	ts := fmt.Sprintf("%d +0000", g.when.Unix())
	fmt.Fprintf(g.w, "commit refs/heads/main\nmark :%d\nauthor Bench <bench@example.com> %s\ncommitter Bench <bench@example.com> %s\n", g.mark, ts, ts)
	fmt.Fprintf(g.w, "data %d\n%s\n", len(msg), msg)
	if g.mark > 1 {
		fmt.Fprintf(g.w, "from :%d\n", g.mark-1)
	}
	body()
	fmt.Fprintln(g.w)
}

func (g *gen) file(p string, data []byte) {
	fmt.Fprintf(g.w, "M 100644 inline %s\ndata %d\n", p, len(data))
	g.w.Write(data)
	g.w.WriteByte('\n')
}

// hex is a random 32-hex value: plainly fake, generated at build time.
func (g *gen) hex() string {
	const digits = "0123456789abcdef"
	b := make([]byte, 32)
	for i := range b {
		b[i] = digits[g.rnd.IntN(16)]
	}
	return string(b)
}

func event(r *rand.Rand) string {
	verbs := []string{"Viewed", "Clicked", "Started", "Completed", "Shared", "Exported"}
	nouns := []string{"Checkout", "Dashboard", "Chart", "Cohort", "Funnel", "Signup"}
	return nouns[r.IntN(len(nouns))] + " " + verbs[r.IntN(len(verbs))]
}

func isText(p string) bool {
	switch path.Ext(p) {
	case ".js", ".ts", ".mjs", ".cjs", ".md", ".json", ".tsx", ".go":
		return true
	}
	return false
}

func run(name string, args ...string) error {
	cmd := exec.Command(name, args...)
	cmd.Stdout, cmd.Stderr = os.Stdout, os.Stderr
	return cmd.Run()
}
