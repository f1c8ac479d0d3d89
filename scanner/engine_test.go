package scanner

import (
	"bytes"
	"context"
	"fmt"
	"io"
	"math/rand/v2"
	"os"
	"os/exec"
	"path/filepath"
	"reflect"
	"runtime"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/ampscan/ampscan/rules"
)

func builtin(t testing.TB) *rules.Catalogue {
	t.Helper()
	c, err := rules.Builtin()
	if err != nil {
		t.Fatal(err)
	}
	return c
}

func fakeHex(r *rand.Rand) string {
	return rules.ExpandExample("{{hex}}", r)
}

// A key that a window edge cuts in two must still be found, once, with the
// right line, whatever the chunk size.
func TestChunkBoundaries(t *testing.T) {
	t.Parallel()
	r := rand.New(rand.NewPCG(7, 7))
	secret := fakeHex(r)
	line := "AMPLITUDE_SECRET_KEY=" + secret + "\n"
	filler := strings.Repeat("x = 1 # padding line\n", 300)
	content := filler + line + filler + line
	wantLines := []int{301, 602}
	eng := &Engine{Rules: builtin(t)}
	for _, chunk := range []int{1000, 4099, 6300, 6321, 6322, 6330, 8000, 1 << 20} {
		eng.ChunkSize = chunk
		got, _, skipped, err := eng.scanReader("big.env", strings.NewReader(content))
		if err != nil || skipped != "" {
			t.Fatalf("chunk %d: err %v skipped %q", chunk, err, skipped)
		}
		if len(got) != 2 {
			t.Fatalf("chunk %d: want 2 findings, got %d", chunk, len(got))
		}
		for i, f := range got {
			if f.Line != wantLines[i] || f.Secret != secret || f.KeyType != rules.SecretKey {
				t.Errorf("chunk %d: finding %d at line %d (%s), want line %d", chunk, i, f.Line, f.KeyType, wantLines[i])
			}
		}
	}
}

// Minified bundles put keys far into one enormous line.
func TestLongLine(t *testing.T) {
	t.Parallel()
	r := rand.New(rand.NewPCG(8, 8))
	key := fakeHex(r)
	var b bytes.Buffer
	for b.Len() < 3<<20 {
		b.WriteString("var a=function(b){return b*2};")
	}
	b.WriteString(`const u="https://api2.amplitude.com/2/httpapi";o.init("` + key + `",{serverZone:"US"});`)
	b.WriteString(strings.Repeat("x", 1<<20))
	eng := &Engine{Rules: builtin(t), ChunkSize: 1 << 20}
	got, _, _, err := eng.scanReader("dist/app.min.js", &b)
	if err != nil || len(got) != 1 || got[0].Secret != key || got[0].Line != 1 {
		t.Fatalf("want one finding on line 1, got %d (err %v)", len(got), err)
	}
	if got[0].Column < 3<<20 {
		t.Errorf("column %d: want the key's place far into the line", got[0].Column)
	}
}

func TestDirSkipsAndErrors(t *testing.T) {
	t.Parallel()
	r := rand.New(rand.NewPCG(9, 9))
	dir := t.TempDir()
	write := func(name, content string, mode os.FileMode) {
		p := filepath.Join(dir, name)
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(content), mode); err != nil {
			t.Fatal(err)
		}
	}
	key := fakeHex(r)
	write("app/.env", "AMPLITUDE_SECRET_KEY="+key+"\n", 0o644)
	write(".git/config", "AMPLITUDE_SECRET_KEY="+fakeHex(r)+"\n", 0o644)
	write("bin/blob.bin", "AMPLITUDE_SECRET_KEY="+fakeHex(r)+"\x00\x01", 0o644)
	canLock := os.Geteuid() != 0 && runtime.GOOS != "windows" // root reads mode-000 files
	if canLock {
		write("locked/.env", "AMPLITUDE_SECRET_KEY="+fakeHex(r)+"\n", 0o000)
	}
	if err := os.Symlink(filepath.Join(dir, "app/.env"), filepath.Join(dir, "link.env")); err != nil {
		t.Fatal(err)
	}
	eng := &Engine{Rules: builtin(t), Jobs: 3}
	var reported []FileError
	rep, err := Collect(context.Background(), eng, &Dir{Roots: []string{dir}}, func(fe FileError) { reported = append(reported, fe) })
	if err != nil {
		t.Fatal(err)
	}
	if len(rep.Findings) != 1 || rep.Findings[0].Path != "app/.env" || rep.Findings[0].Secret != key {
		t.Fatalf("want only app/.env's key, got %+v", rep.Findings)
	}
	if rep.Stats.Skipped["binary"] != 1 || rep.Stats.Skipped["symlink"] != 1 {
		t.Errorf("skipped = %v, want 1 binary and 1 symlink", rep.Stats.Skipped)
	}
	if canLock {
		if len(rep.Stats.Errors) != 1 || rep.Stats.Errors[0].Path != "locked/.env" || len(reported) != 1 {
			t.Errorf("errors = %v, want locked/.env named", rep.Stats.Errors)
		}
	}
	for _, e := range rep.Stats.Errors {
		if strings.Contains(e.Err, key) {
			t.Errorf("an error message carries a secret")
		}
	}
}

// Read errors in the middle of a file are reported with the file, never
// as a crash, and whatever was found before the error is kept.
func TestReadErrorKeepsEarlierFindings(t *testing.T) {
	t.Parallel()
	r := rand.New(rand.NewPCG(10, 10))
	key := fakeHex(r)
	content := "AMPLITUDE_SECRET_KEY=" + key + "\n" + strings.Repeat("y\n", 5000)
	eng := &Engine{Rules: builtin(t), ChunkSize: 2048}
	got, _, _, err := eng.scanReader("x.env", &failingReader{data: []byte(content), failAt: 6000})
	if err == nil {
		t.Fatal("want a read error")
	}
	if len(got) != 1 {
		t.Errorf("want the finding before the error kept, got %d", len(got))
	}
}

type failingReader struct {
	data   []byte
	off    int
	failAt int
}

func (f *failingReader) Read(p []byte) (int, error) {
	if f.off >= f.failAt {
		return 0, os.ErrDeadlineExceeded
	}
	n := copy(p, f.data[f.off:min(len(f.data), f.failAt)])
	f.off += n
	return n, nil
}

// The same input gives the same findings whatever the number of workers.
func TestDeterministicAcrossJobs(t *testing.T) {
	t.Parallel()
	root := filepath.Join("..", "testdata", "corpus")
	var first []Finding
	for _, jobs := range []int{1, 2, 7} {
		rep, err := Collect(context.Background(), &Engine{Rules: builtin(t), Jobs: jobs}, &Dir{Roots: []string{root}}, nil)
		if err != nil {
			t.Fatal(err)
		}
		if first == nil {
			first = rep.Findings
			continue
		}
		if len(rep.Findings) != len(first) {
			t.Fatalf("jobs=%d: %d findings, want %d", jobs, len(rep.Findings), len(first))
		}
		for i := range first {
			if first[i].Fingerprint != rep.Findings[i].Fingerprint || first[i].Line != rep.Findings[i].Line {
				t.Fatalf("jobs=%d: finding %d differs", jobs, i)
			}
		}
	}
}

func TestStricterClassWins(t *testing.T) {
	t.Parallel()
	r := rand.New(rand.NewPCG(11, 11))
	key := fakeHex(r)
	eng := &Engine{Rules: builtin(t)}
	fs := append(eng.ScanBytes("web/.env", []byte("NEXT_PUBLIC_AMPLITUDE_API_KEY="+key+"\n")),
		eng.ScanBytes("server/.env", []byte("AMPLITUDE_SECRET_KEY="+key+"\n"))...)
	Finalize(fs)
	for _, f := range fs {
		if f.KeyType != rules.SecretKey || f.Visibility != rules.Private {
			t.Errorf("%s: %s (%s), want the stricter secret key class", f.Path, f.KeyType, f.Visibility)
		}
	}
}

func TestExposureRaisesSeverity(t *testing.T) {
	t.Parallel()
	r := rand.New(rand.NewPCG(12, 12))
	eng := &Engine{Rules: builtin(t)}
	fs := append(eng.ScanBytes("a/.env", []byte("NEXT_PUBLIC_AMPLITUDE_SECRET_KEY="+fakeHex(r)+"\n")),
		eng.ScanBytes("b/.env", []byte("AMPLITUDE_SECRET_KEY="+fakeHex(r)+"\n"))...)
	Finalize(fs)
	if fs[0].Severity <= fs[1].Severity || fs[0].Exposure == "" {
		t.Errorf("a secret under NEXT_PUBLIC_ should rank above the same in a server .env: %v vs %v", fs[0].Severity, fs[1].Severity)
	}
}

func BenchmarkScanCorpus(b *testing.B) {
	root := filepath.Join("..", "testdata", "corpus")
	var files [][]byte
	var names []string
	var total int64
	_ = filepath.WalkDir(root, func(p string, d os.DirEntry, err error) error {
		if err == nil && !d.IsDir() {
			data, _ := os.ReadFile(p)
			files, names = append(files, data), append(names, p)
			total += int64(len(data))
		}
		return nil
	})
	cat := builtin(b)
	b.SetBytes(total)
	b.ResetTimer()
	for b.Loop() {
		for i, data := range files {
			cat.Scan(names[i], data)
		}
	}
}

// BenchmarkScanPlainSource measures the path most bytes take: ordinary code
// that never names Amplitude and stops at the gate.
func BenchmarkScanPlainSource(b *testing.B) {
	goroot, err := exec.Command("go", "env", "GOROOT").Output()
	if err != nil {
		b.Skip("no go command to find GOROOT")
	}
	src, err := os.ReadFile(filepath.Join(strings.TrimSpace(string(goroot)), "src", "net", "http", "server.go"))
	if err != nil {
		b.Skip("GOROOT source not available")
	}
	cat := builtin(b)
	b.SetBytes(int64(len(src)))
	b.ResetTimer()
	for b.Loop() {
		cat.Scan("server.go", src)
	}
}

// In a minified bundle the nearest product name can be kilobytes away from
// the key; with no other vendor anywhere in the file, the file decides.
// With another vendor named in it, a bare key far from any name is left
// alone.
func TestFarContextInBundle(t *testing.T) {
	t.Parallel()
	r := rand.New(rand.NewPCG(13, 13))
	key := fakeHex(r)
	filler := strings.Repeat("var a=function(b){return b*2};", 200) // ~6 KB
	bundle := `const u="https://api2.amplitude.com/2/httpapi";` + filler + `const Zt="` + key + `",Qe={region:"EU"};Ue.init(Zt,Qe);` + filler
	eng := &Engine{Rules: builtin(t)}
	got := eng.ScanBytes("dist/assets/index-4f9c2a1b.js", []byte(bundle))
	if len(got) != 1 || got[0].Secret != key || got[0].KeyType != rules.APIKey {
		t.Fatalf("want the API key, got %d findings", len(got))
	}
	other := bundle + `;window.mixpanel.init("` + fakeHex(r) + `")`
	if got := eng.ScanBytes("dist/assets/index-4f9c2a1b.js", []byte(other)); len(got) != 0 {
		t.Errorf("with another vendor in the file, a key far from any name is ambiguous: got %d findings", len(got))
	}
}

// TestWindowEdgeInFrontOfKey: wherever a window's edge falls in a line
// (in the name, on the '=', right before the value), the key is found once,
// at its place and with its key type: the window that owns the value also
// sees the name in front of it.
func TestWindowEdgeInFrontOfKey(t *testing.T) {
	t.Parallel()
	r := rand.New(rand.NewPCG(9, 9))
	secret := fakeHex(r)
	filler := strings.Repeat("x = 1 # padding line\n", 300)
	line := "AMPLITUDE_SECRET_KEY=" + secret + "\n"
	// Enough after the key that the file takes several windows.
	content := filler + line + strings.Repeat(filler, 20)
	eng := &Engine{Rules: builtin(t)}
	for cut := 0; cut <= len(line); cut++ {
		eng.ChunkSize = len(filler) + cut
		got, _, skipped, err := eng.scanReader("big.env", strings.NewReader(content))
		if err != nil || skipped != "" {
			t.Fatalf("edge %d bytes into the line: err %v skipped %q", cut, err, skipped)
		}
		if len(got) != 1 || got[0].Line != 301 || got[0].Column != 22 || got[0].Secret != secret || got[0].KeyType != rules.SecretKey {
			t.Errorf("edge %d bytes into the line: %d findings %+v, want the secret key at 301:22", cut, len(got), got)
		}
	}
}

// BenchmarkScanBytesKeysOnOneLine measures the whole path from bytes to
// findings (the matcher, then each finding's line, column and region
// hint) on one line holding n keys, as a minified bundle might: MB/s must
// hold as n grows. Reading to the line's ends for every key's region hint
// once made 16,000 keys cost 25 times what 4,000 did.
func BenchmarkScanBytesKeysOnOneLine(b *testing.B) {
	eng := &Engine{Rules: builtin(b)}
	for _, n := range []int{4000, 16000, 64000} {
		r := rand.New(rand.NewPCG(21, 21))
		var line strings.Builder
		for range n {
			line.WriteString("amplitude.init('" + fakeHex(r) + "');")
		}
		line.WriteString("\n")
		data := []byte(line.String())
		b.Run(fmt.Sprintf("%dkeys", n), func(b *testing.B) {
			b.SetBytes(int64(len(data)))
			for b.Loop() {
				if fs := eng.ScanBytes("dist/app.min.js", data); len(fs) != n {
					b.Fatalf("%d findings, want %d", len(fs), n)
				}
			}
		})
	}
}

// ScanUnitInto finds what ScanUnitContext does, in memory or read in
// windows, and puts it in the caller's list, not one of its own.
func TestScanUnitIntoReusesList(t *testing.T) {
	t.Parallel()
	r := rand.New(rand.NewPCG(3, 8))
	var b strings.Builder
	for i := range 50 {
		fmt.Fprintf(&b, "AMPLITUDE_API_KEY_%d=%s\nx = 1 # padding\n", i, fakeHex(r))
	}
	content := b.String()
	eng := &Engine{Rules: builtin(t), ChunkSize: 700}
	units := map[string]Unit{
		"in memory": {Path: "a.env", Data: []byte(content)},
		"read":      {Path: "a.env", Open: func() (io.ReadCloser, error) { return io.NopCloser(strings.NewReader(content)), nil }},
	}
	for name, u := range units {
		want := eng.ScanUnitContext(context.Background(), u).Findings
		if len(want) != 50 {
			t.Fatalf("%s: %d findings, want 50", name, len(want))
		}
		list := make([]Finding, 3, 64)
		got := eng.ScanUnitInto(context.Background(), u, list).Findings
		if !reflect.DeepEqual(got, want) {
			t.Errorf("%s: ScanUnitInto found %v, ScanUnitContext %v", name, got, want)
		}
		if &got[0] != &list[:1][0] {
			t.Errorf("%s: the findings are not in the list given", name)
		}
	}
}

// runeCount counts what utf8.RuneCount does, in ASCII, in UTF-8 and in
// broken UTF-8, whatever the lengths around its eight-byte steps.
func TestRuneCount(t *testing.T) {
	t.Parallel()
	pieces := []string{"a", "key=", "0123456789abcdef", "é", "€", "𝄞", "\xff", "\xe2\x82", "\n"}
	r := rand.New(rand.NewPCG(2, 9))
	for range 5000 {
		var b strings.Builder
		for range r.IntN(12) {
			b.WriteString(pieces[r.IntN(len(pieces))])
		}
		data := []byte(b.String())
		if got, want := runeCount(data), utf8.RuneCount(data); got != want {
			t.Fatalf("%q: runeCount %d, utf8.RuneCount %d", data, got, want)
		}
	}
}
