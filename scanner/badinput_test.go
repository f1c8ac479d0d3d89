package scanner

import (
	"archive/tar"
	"archive/zip"
	"bufio"
	"bytes"
	"compress/gzip"
	"context"
	"errors"
	"io"
	"maps"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"
	"unicode/utf16"
	"unicode/utf8"

	"github.com/google/go-cmp/cmp"

	"github.com/ampscan/ampscan/internal/gittest"
)

// badFile is one hostile input for a directory scan. build lays it out
// under dir; the harness adds a healthy file beside it (beside/.env, with
// its own key) that must be found whatever the bad input does.
type badFile struct {
	name  string
	build func(t *testing.T, dir string, k *gittest.Keys) badWant
	chunk int // the engine's window size; 0 for the default (8 MiB)
	// hook, if set, sees each unit between the walk and the read (to make
	// files vanish, shrink or grow mid-scan, deterministically).
	hook func(dir string, u *Unit)
	// within is how long the scan may take; 0 for the harness's default.
	within time.Duration
}

// badWant is what the scan of one bad input must report, besides the key
// beside it. found is exact: any other finding fails the case.
type badWant struct {
	found   []spot
	absent  []string         // secrets that must not be reported
	mayFind []string         // secrets that may be reported, or not, besides found
	skipped map[string]int64 // exactly these skip counts ("unreadable" included)
	errors  []string         // exactly these paths named unreadable (a case with a check may leave it to the check)
	files   int64            // files scanned, when > 0
	check   func(t *testing.T, rep *Report)
}

// spot is a secret at a path; line and col (1-based code points) are
// checked when not zero.
type spot struct {
	path, secret string
	line, col    int
}

func TestBadInputFiles(t *testing.T) {
	t.Parallel()
	cat := builtin(t)
	for _, tc := range badFiles() {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			dir := t.TempDir()
			k := gittest.NewKeys(t)
			beside := k.Hex()
			writeBad(t, dir, "beside/.env", "AMPLITUDE_SECRET_KEY="+beside+"\n")
			want := tc.build(t, dir, k)
			want.found = append(want.found, spot{"beside/.env", beside, 1, 22})
			var src Source = &Dir{Roots: []string{dir}}
			if tc.hook != nil {
				src = hookSource{src, func(u *Unit) { tc.hook(dir, u) }}
			}
			eng := &Engine{Rules: cat, Jobs: 2, ChunkSize: tc.chunk}
			limit := tc.within
			if limit == 0 {
				limit = 3 * time.Minute // generous: CI runs with -race on shared cores
			}
			rep, named := scanWithin(t, limit, eng, src)
			checkBad(t, rep, named, want)
		})
	}
}

// scanWithin runs a directory scan and fails the test if it does not end
// in time: a hang is a failure, not a stuck CI job.
func scanWithin(t *testing.T, limit time.Duration, eng *Engine, src Source) (*Report, []FileError) {
	t.Helper()
	type outcome struct {
		rep   *Report
		named []FileError
		err   error
	}
	done := make(chan outcome, 1)
	start := time.Now()
	go func() {
		var named []FileError
		rep, err := Collect(context.Background(), eng, src, func(fe FileError) { named = append(named, fe) })
		done <- outcome{rep, named, err}
	}()
	select {
	case o := <-done:
		if o.err != nil {
			t.Fatalf("scan failed: %v", o.err)
		}
		t.Logf("scanned in %v: %d files, %d bytes, skipped %v", time.Since(start).Round(time.Millisecond),
			o.rep.Stats.Files, o.rep.Stats.Bytes, o.rep.Stats.Skipped)
		return o.rep, o.named
	case <-time.After(limit):
		t.Fatalf("the scan did not finish within %v", limit)
		return nil, nil
	}
}

func checkBad(t *testing.T, rep *Report, named []FileError, want badWant) {
	t.Helper()
	for _, s := range want.found {
		f := findSpot(rep.Findings, s.path, s.secret)
		switch {
		case f == nil:
			t.Errorf("%q: key not found", s.path)
		case s.line != 0 && f.Line != s.line, s.col != 0 && f.Column != s.col:
			t.Errorf("%q: found at %d:%d, want %d:%d", s.path, f.Line, f.Column, s.line, s.col)
		}
	}
	extra := 0
	for _, f := range rep.Findings {
		if slices.Contains(want.mayFind, f.Secret) {
			extra++
		}
	}
	if len(rep.Findings)-extra != len(want.found) {
		for _, f := range rep.Findings {
			t.Logf("finding %q %d:%d %s", f.Path, f.Line, f.Column, f.KeyType)
		}
		t.Errorf("%d findings, want %d", len(rep.Findings), len(want.found))
	}
	for _, secret := range want.absent {
		for _, f := range rep.Findings {
			if f.Secret == secret {
				t.Errorf("%q: a key that must not be read was reported", f.Path)
			}
		}
	}
	skipped := maps.Clone(want.skipped)
	if skipped == nil {
		skipped = map[string]int64{}
	}
	if d := cmp.Diff(skipped, rep.Stats.Skipped); d != "" {
		t.Errorf("skipped (-want +got):\n%s", d)
	}
	var paths []string
	for _, e := range rep.Stats.Errors {
		paths = append(paths, e.Path)
		for _, s := range want.found {
			if strings.Contains(e.Err, s.secret) {
				t.Errorf("an error message carries a secret")
			}
		}
	}
	if d := cmp.Diff(want.errors, paths); d != "" && (want.check == nil || want.errors != nil) {
		t.Errorf("unreadable paths (-want +got):\n%s", d)
	}
	if len(named) != len(rep.Stats.Errors) {
		t.Errorf("%d errors told as they happened, %d in the report", len(named), len(rep.Stats.Errors))
	}
	if want.files > 0 && rep.Stats.Files != want.files {
		t.Errorf("scanned %d files, want %d", rep.Stats.Files, want.files)
	}
	if want.check != nil {
		want.check(t, rep)
	}
}

func findSpot(fs []Finding, path, secret string) *Finding {
	for i := range fs {
		if fs[i].Path == path && fs[i].Secret == secret {
			return &fs[i]
		}
	}
	return nil
}

// hookSource lets a test act on each unit between the walk and the read.
type hookSource struct {
	inner Source
	hook  func(*Unit)
}

func (h hookSource) Units(ctx context.Context, emit func(Unit) error) error {
	return h.inner.Units(ctx, func(u Unit) error { h.hook(&u); return emit(u) })
}

func writeBad(t *testing.T, dir, name, content string) string {
	t.Helper()
	p := filepath.Join(dir, filepath.FromSlash(name))
	if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(p, []byte(content), 0o644); err != nil {
		t.Fatal(err)
	}
	return p
}

// locate gives the 1-based line and column (code points) of s in text,
// counting CRLF, LF and a lone CR each as one line break.
func locate(text, s string) (int, int) {
	i := strings.Index(text, s)
	before := strings.ReplaceAll(strings.ReplaceAll(text[:i], "\r\n", "\n"), "\r", "\n")
	line := strings.Count(before, "\n") + 1
	return line, utf8.RuneCountInString(before[strings.LastIndexByte(before, '\n')+1:]) + 1
}

// encodeUTF16 encodes s in UTF-16 with the byte order asked, and a BOM.
func encodeUTF16(s string, bigEndian, bom bool) []byte {
	units := utf16.Encode([]rune(s))
	if bom {
		units = append([]uint16{0xFEFF}, units...)
	}
	out := make([]byte, 0, 2*len(units))
	for _, u := range units {
		if bigEndian {
			out = append(out, byte(u>>8), byte(u))
		} else {
			out = append(out, byte(u), byte(u>>8))
		}
	}
	return out
}

func badFiles() []badFile {
	return []badFile{
		{name: "empty", build: func(t *testing.T, dir string, k *gittest.Keys) badWant {
			writeBad(t, dir, "empty.env", "")
			if err := os.Mkdir(filepath.Join(dir, "nothing"), 0o755); err != nil {
				t.Fatal(err)
			}
			return badWant{files: 2}
		}},
		{name: "binary", build: func(t *testing.T, dir string, k *gittest.Keys) badWant {
			key := k.Hex()
			writeBad(t, dir, "bin/blob.bin", "AMPLITUDE_SECRET_KEY="+key+"\n\x00\x01\x02")
			return badWant{absent: []string{key}, skipped: map[string]int64{"binary": 1}}
		}},
		{name: "invalid UTF-8", build: func(t *testing.T, dir string, k *gittest.Keys) badWant {
			key := k.Hex()
			text := "# caf\xe9 cr\xe8me \xc3(\n\xfe\xfe AMPLITUDE_SECRET_KEY=" + key + " # \xed\xa0\x80\n"
			writeBad(t, dir, "latin1.env", text)
			return badWant{found: []spot{{"latin1.env", key, 2, 25}}} // each bad byte is one column
		}},
		utf16Case("UTF-16 LE with BOM", "win/.env", false, true),
		utf16Case("UTF-16 BE with BOM", "win/config.json", true, true),
		utf16Case("UTF-16 LE without BOM", "win/.env", false, false),
		utf16Case("UTF-16 BE without BOM", "win/config.json", true, false),
		{name: "UTF-16 LE larger than a window", chunk: 64 << 10, build: func(t *testing.T, dir string, k *gittest.Keys) badWant {
			key := k.Hex()
			text := strings.Repeat("# padding line, ünïcödé 😀 included\r\n", 5000) + "AMPLITUDE_SECRET_KEY=" + key + "\r\n"
			writeBad(t, dir, "win/big.env", string(encodeUTF16(text, false, true)))
			return badWant{found: []spot{{"win/big.env", key, 5001, 22}}}
		}},
		lineEndCase("CRLF", "\r\n", 0),
		lineEndCase("lone CR", "\r", 0),
		lineEndCase("CRLF over many windows", "\r\n", 64<<10),
		lineEndCase("lone CR over many windows", "\r", 64<<10),
		{name: "100 MB on one line", within: 5 * time.Minute, build: hugeLine},
		{name: "400 keys on one 800 KB line", within: 5 * time.Minute, build: manyKeysOneLine},
		{name: "vanishes between listing and reading", build: func(t *testing.T, dir string, k *gittest.Keys) badWant {
			key := k.Hex()
			writeBad(t, dir, "gone.env", "AMPLITUDE_SECRET_KEY="+key+"\n")
			return badWant{absent: []string{key}, skipped: map[string]int64{"unreadable": 1}, errors: []string{"gone.env"}}
		}, hook: func(dir string, u *Unit) {
			if u.Path == "gone.env" {
				_ = os.Remove(filepath.Join(dir, "gone.env"))
			}
		}},
		{name: "shrinks during the read", chunk: 64 << 10, build: changingFile("shrink.env"), hook: afterFirstRead("shrink.env", func(p string) error {
			return os.Truncate(p, 100<<10)
		})},
		growCase(),
		{name: "symlink loops and links out of the tree", build: symlinks},
		{name: "FIFO, socket and device", within: 30 * time.Second, build: specialFiles},
		{name: "10,000 directories deep", within: 5 * time.Minute, build: deepTree},
		{name: "names with spaces, newlines and bytes not UTF-8", build: func(t *testing.T, dir string, k *gittest.Keys) badWant {
			var want badWant
			for _, name := range []string{"names/with space.env", "names/new\nline.env", "names/bad\xff\xfebyte.env", "names/tab\tand\x01ctrl.env"} {
				key := k.Hex()
				writeBad(t, dir, name, "AMPLITUDE_SECRET_KEY="+key+"\n")
				want.found = append(want.found, spot{name, key, 1, 22})
			}
			return want
		}},
		{name: "compressed files and archives", build: archives},
	}
}

func utf16Case(name, path string, bigEndian, bom bool) badFile {
	return badFile{name: name, build: func(t *testing.T, dir string, k *gittest.Keys) badWant {
		key := k.Hex()
		text := "# written by PowerShell: café ☕ 😀\r\nDEBUG=1\r\nAMPLITUDE_SECRET_KEY=" + key + "\r\n"
		if strings.HasSuffix(path, ".json") {
			text = "{\n  \"amplitude\": {\n    \"region\": \"EU\",\n    \"secret_key\": \"" + key + "\"\n  }\n}\n"
		}
		writeBad(t, dir, path, string(encodeUTF16(text, bigEndian, bom)))
		line, col := locate(text, key)
		return badWant{found: []spot{{path, key, line, col}}}
	}}
}

// lineEndCase puts a key after 3,000 lines ended by eol: with a small
// window, line breaks (and a CR apart from its LF) fall on window edges.
func lineEndCase(name, eol string, chunk int) badFile {
	return badFile{name: name, chunk: chunk, build: func(t *testing.T, dir string, k *gittest.Keys) badWant {
		key, second := k.Hex(), k.Hex()
		text := strings.Repeat("DEBUG=1"+eol, 3000) + "AMPLITUDE_SECRET_KEY=" + key + eol +
			strings.Repeat("X=2"+eol, 20000) + "AMPLITUDE_SECRET_KEY=" + second + eol
		writeBad(t, dir, "eol.env", text)
		l1, c1 := locate(text, key)
		l2, c2 := locate(text, second)
		if l1 != 3001 || l2 != 23002 {
			t.Fatalf("locate: %d, %d", l1, l2)
		}
		return badWant{found: []spot{{"eol.env", key, l1, c1}, {"eol.env", second, l2, c2}}}
	}}
}

// hugeLine writes 100 MiB of minified code on one line, with keys at the
// start, the middle and the end, and keys cut by the edges of the engine's
// 8 MiB windows and of their 64 KiB overlap.
func hugeLine(t *testing.T, dir string, k *gittest.Keys) badWant {
	const prefix = `;const AMPLITUDE_SECRET_KEY="`
	p := filepath.Join(dir, "dist/app.min.js")
	if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
		t.Fatal(err)
	}
	f, err := os.Create(p)
	if err != nil {
		t.Fatal(err)
	}
	w := bufio.NewWriterSize(f, 1<<20)
	var off int
	var want badWant
	put := func() {
		key := k.Hex()
		n, _ := w.WriteString(prefix + key + `";`)
		want.found = append(want.found, spot{"dist/app.min.js", key, 1, off + len(prefix) + 1})
		off += n
	}
	filler := "var a=function(b){return b*2};"
	fillTo := func(at int) {
		for off+len(filler) <= at {
			n, _ := w.WriteString(filler)
			off += n
		}
		n, _ := w.WriteString(strings.Repeat(" ", at-off))
		off += n
	}
	const win, overlap = defaultChunkSize, chunkOverlap
	put()
	// Each key's 32 hex digits straddle the edge: half before, half after.
	// (Each window holding a key is scanned by every rule: few of them,
	// so that the case stays quick under the race detector.)
	for _, edge := range []int{win, 2 * win, 2*win + overlap, 50 << 20} {
		fillTo(edge - len(prefix) - 16)
		put()
	}
	fillTo(100<<20 - 80)
	put()
	if err := errors.Join(w.Flush(), f.Close()); err != nil {
		t.Fatal(err)
	}
	return want
}

// growCase appends a line with a third key after the first read.
func growCase() badFile {
	var grown string
	build := changingFile("grow.env")
	return badFile{name: "grows during the read", chunk: 64 << 10,
		build: func(t *testing.T, dir string, k *gittest.Keys) badWant {
			want := build(t, dir, k)
			grown = k.Hex()
			want.found = append(want.found, spot{"grow.env", grown, 25003, 22})
			return want
		},
		hook: afterFirstRead("grow.env", func(p string) error {
			f, err := os.OpenFile(p, os.O_APPEND|os.O_WRONLY, 0)
			if err != nil {
				return err
			}
			_, err = f.WriteString("AMPLITUDE_SECRET_KEY=" + grown + "\n")
			return errors.Join(err, f.Close())
		}),
	}
}

// manyKeysOneLine puts a key every 2 KB of one 800 KB line: whatever is
// done per key should not cost the length of the line. (Matching from the
// line's start for each key made this take minutes; the rules still find
// each candidate's line start with a backward search, which is fast but
// not free: 2,000 keys on a 4 MB line take some 8 s of CPU.)
func manyKeysOneLine(t *testing.T, dir string, k *gittest.Keys) badWant {
	const prefix = `;const AMPLITUDE_SECRET_KEY="`
	var b strings.Builder
	var want badWant
	filler := strings.Repeat("var a=function(b){return b*2};", 2048/31)
	for range 400 {
		key := k.Hex()
		want.found = append(want.found, spot{"bundle.min.js", key, 1, b.Len() + len(prefix) + 1})
		b.WriteString(prefix + key + `";` + filler)
	}
	writeBad(t, dir, "bundle.min.js", b.String())
	return want
}

// changingFile writes a key near the start and one near the end of a 1 MB
// file; the hook then truncates it or appends to it after the first read.
func changingFile(name string) func(*testing.T, string, *gittest.Keys) badWant {
	return func(t *testing.T, dir string, k *gittest.Keys) badWant {
		first, last := k.Hex(), k.Hex()
		filler := strings.Repeat("PADDING=some ordinary configuration value\n", 25000)
		writeBad(t, dir, name, "AMPLITUDE_SECRET_KEY="+first+"\n"+filler+"AMPLITUDE_SECRET_KEY="+last+"\n")
		want := badWant{found: []spot{{name, first, 1, 22}}}
		if strings.HasPrefix(name, "grow") {
			want.found = append(want.found, spot{name, last, 25002, 22})
			return want
		}
		// Shrunk: the last key may or may not have been read before the
		// cut (a first read can already reach it), and either is right: it
		// was in the file when the scan read it. What must hold is that
		// the scan goes on and the first key is found.
		want.mayFind = []string{last}
		return want
	}
}

// afterFirstRead changes the file named once its first bytes are read, as
// another process writing it during the scan would.
func afterFirstRead(name string, change func(path string) error) func(string, *Unit) {
	return func(dir string, u *Unit) {
		if u.Path != name {
			return
		}
		open := u.Open
		u.Open = func() (io.ReadCloser, error) {
			rc, err := open()
			if err != nil {
				return nil, err
			}
			return &changeAfterRead{ReadCloser: rc, change: func() error { return change(filepath.Join(dir, name)) }}, nil
		}
	}
}

type changeAfterRead struct {
	io.ReadCloser
	change func() error
	done   bool
}

func (c *changeAfterRead) Read(p []byte) (int, error) {
	n, err := c.ReadCloser.Read(p)
	if !c.done {
		c.done = true
		if cerr := c.change(); cerr != nil {
			return n, cerr
		}
	}
	return n, err
}

func symlinks(t *testing.T, dir string, k *gittest.Keys) badWant {
	outside := t.TempDir()
	key := k.Hex()
	writeBad(t, outside, "secret.env", "AMPLITUDE_SECRET_KEY="+key+"\n")
	links := map[string]string{
		"loop/a":        "b",
		"loop/b":        "a",
		"loop/self":     ".",
		"loop/up":       "..",
		"out/file.env":  filepath.Join(outside, "secret.env"),
		"out/dir":       outside,
		"out/rel.env":   "../../../../../../../../../../etc/passwd",
		"out/dangling":  "nowhere",
		"out/root":      "/",
		"out/proc-self": "/proc/self/fd/0",
	}
	for name, target := range links {
		p := filepath.Join(dir, name)
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.Symlink(target, p); err != nil {
			t.Fatal(err)
		}
	}
	return badWant{absent: []string{key}, skipped: map[string]int64{"symlink": int64(len(links))}}
}

func specialFiles(t *testing.T, dir string, k *gittest.Keys) badWant {
	if err := os.MkdirAll(filepath.Join(dir, "special"), 0o755); err != nil {
		t.Fatal(err)
	}
	n, err := makeSpecialFiles(t, filepath.Join(dir, "special"))
	if err != nil {
		t.Skip("special files:", err)
	}
	return badWant{skipped: map[string]int64{"not a regular file": int64(n)}}
}

// deepTree nests 10,000 directories (a path of some 20 KB, five times
// PATH_MAX), with a key at depth 50 and one at the bottom. It is built with
// openat-style relative operations (os.Root), as no full path would do,
// and the walk must read it to the bottom the same way.
func deepTree(t *testing.T, dir string, k *gittest.Keys) badWant {
	const depth = 10_000
	shallow, deep := k.Hex(), k.Hex()
	if err := os.Mkdir(filepath.Join(dir, "deep"), 0o755); err != nil {
		t.Fatal(err)
	}
	r, err := os.OpenRoot(filepath.Join(dir, "deep"))
	if err != nil {
		t.Fatal(err)
	}
	for i := 1; i <= depth; i++ {
		if err := r.Mkdir("d", 0o755); err != nil {
			t.Fatal(err)
		}
		next, err := r.OpenRoot("d")
		r.Close()
		if err != nil {
			t.Fatal(err)
		}
		r = next
		switch i {
		case 50:
			err = r.WriteFile(".env", []byte("AMPLITUDE_SECRET_KEY="+shallow+"\n"), 0o644)
		case depth:
			err = r.WriteFile(".env", []byte("AMPLITUDE_SECRET_KEY="+deep+"\n"), 0o644)
		}
		if err != nil {
			t.Fatal(err)
		}
	}
	r.Close()
	return badWant{found: []spot{
		{"deep" + strings.Repeat("/d", 50) + "/.env", shallow, 1, 22},
		{"deep" + strings.Repeat("/d", depth) + "/.env", deep, 1, 22},
	}}
}

func archives(t *testing.T, dir string, k *gittest.Keys) badWant {
	var want badWant
	env := func() []byte {
		key := k.Hex()
		want.absent = append(want.absent, key)
		return []byte("AMPLITUDE_SECRET_KEY=" + key + "\n")
	}
	gz := func(data []byte) []byte {
		var b bytes.Buffer
		w := gzip.NewWriter(&b)
		_, _ = w.Write(data)
		_ = w.Close()
		return b.Bytes()
	}
	zipped := func(method uint16) []byte {
		var b bytes.Buffer
		w := zip.NewWriter(&b)
		f, _ := w.CreateHeader(&zip.FileHeader{Name: "app/.env", Method: method})
		_, _ = f.Write(env())
		_ = w.Close()
		return b.Bytes()
	}
	tarred := func() []byte {
		var b bytes.Buffer
		w := tar.NewWriter(&b)
		data := env()
		_ = w.WriteHeader(&tar.Header{Name: "app/.env", Mode: 0o644, Size: int64(len(data)), Format: tar.FormatUSTAR})
		_, _ = w.Write(data)
		_ = w.Close()
		return b.Bytes()
	}
	files := map[string][]byte{
		"arch/keys.env.gz":    gz(env()),
		"arch/deflated.zip":   zipped(zip.Deflate),
		"arch/stored.zip":     zipped(zip.Store), // the key is plain text inside
		"arch/bundle.tar":     tarred(),
		"arch/bundle.tar.gz":  gz(tarred()),
		"arch/release.tgz":    gz(tarred()),
		"arch/not-really.zip": nil, // a name is not a format: text, scanned
	}
	plain := k.Hex()
	files["arch/not-really.zip"] = []byte("BZh is how bzip2 starts; this is text.\nAMPLITUDE_SECRET_KEY=" + plain + "\n")
	want.found = append(want.found, spot{"arch/not-really.zip", plain, 2, 22})
	for name, data := range files {
		writeBad(t, dir, name, string(data))
	}
	want.skipped = map[string]int64{"archive": int64(len(files) - 1)}
	return want
}
