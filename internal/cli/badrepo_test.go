package cli_test

import (
	"bytes"
	"compress/zlib"
	"context"
	"crypto/sha1"
	"encoding/binary"
	"encoding/json"
	"errors"
	"fmt"
	"hash/crc32"
	"io"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"testing"
	"time"

	"github.com/go-git/go-git/v5/plumbing"
	"github.com/go-git/go-git/v5/plumbing/filemode"
	"github.com/go-git/go-git/v5/plumbing/object"
	"github.com/google/go-cmp/cmp"

	"github.com/ampscan/ampscan/internal/cli"
	"github.com/ampscan/ampscan/internal/gittest"
)

// badRepo is one hostile repository for `ampscan git`. build makes it
// with a healthy commit holding a key beside the bad part (beside), which
// must be found whatever the bad part does. The test runs the command as
// a user would (in-process), so it checks the exit status, the JSON
// report and stderr, and that the scan ends in time.
type badRepo struct {
	name   string
	build  func(t *testing.T, k *gittest.Keys) repoWant
	within time.Duration // 0: three minutes
}

type repoWant struct {
	dir     string           // what to scan
	found   []repoSpot       // exactly these findings
	absent  []string         // secrets that must not be reported
	errors  []string         // each names a distinct summary error (substring of its path)
	skipped map[string]int64 // exactly these skip counts
	stderr  []string         // substrings stderr must hold
	notes   []string         // substrings the notes must hold
	check   func(t *testing.T, out badRepoJSON)
	// memLimit, when set, bounds what the whole scan may allocate
	// (runtime.MemStats.TotalAlloc), whatever objects claim.
	memLimit uint64
}

type repoSpot struct {
	path, secret, commit string // commit is checked when not ""
}

type badRepoJSON struct {
	Findings []struct {
		Path   string `json:"path"`
		Secret string `json:"secret"`
		Commit string `json:"commit"`
		Line   int    `json:"line"`
		InHead *bool  `json:"in_head"`
	} `json:"findings"`
	Summary struct {
		FilesScanned int64            `json:"files_scanned"`
		BytesScanned int64            `json:"bytes_scanned"`
		FilesSkipped map[string]int64 `json:"files_skipped"`
		Errors       []struct {
			Path  string `json:"path"`
			Error string `json:"error"`
		} `json:"errors"`
		Notes []string `json:"notes"`
	} `json:"summary"`
}

func TestBadRepositories(t *testing.T) {
	for _, tc := range badRepos() {
		t.Run(tc.name, func(t *testing.T) {
			want := tc.build(t, gittest.NewKeys(t))
			limit := tc.within
			if limit == 0 {
				limit = 3 * time.Minute // generous: CI runs with -race on shared cores
			}
			var before, after runtime.MemStats
			runtime.ReadMemStats(&before)
			code, out, stderr := runWithin(t, limit, "git", "--format", "json", "--no-redact", want.dir)
			runtime.ReadMemStats(&after)
			alloc := after.TotalAlloc - before.TotalAlloc
			t.Logf("allocated %d MiB in all", alloc>>20)
			if want.memLimit > 0 && alloc > want.memLimit {
				t.Errorf("the scan allocated %d MiB, over its %d MiB bound", alloc>>20, want.memLimit>>20)
			}
			wantCode := cli.ExitClean
			if len(want.found) > 0 {
				wantCode = cli.ExitFindings // every key here is a secret key
			}
			if code != wantCode {
				t.Fatalf("exit %d, want %d; stderr:\n%.2000s", code, wantCode, stderr)
			}
			var rep badRepoJSON
			if err := json.Unmarshal([]byte(out), &rep); err != nil {
				t.Fatalf("the report is not JSON: %v", err)
			}
			checkRepo(t, rep, stderr, want)
		})
	}
}

// runWithin runs the CLI in-process and fails the test if it has not
// returned within limit.
func runWithin(t *testing.T, limit time.Duration, args ...string) (int, string, string) {
	t.Helper()
	type outcome struct {
		code        int
		out, stderr string
	}
	done := make(chan outcome, 1)
	start := time.Now()
	go func() {
		var stdout, stderr bytes.Buffer
		code := cli.Run(context.Background(), args, strings.NewReader(""), &stdout, &stderr)
		done <- outcome{code, stdout.String(), stderr.String()}
	}()
	select {
	case o := <-done:
		t.Logf("ampscan %s: exit %d in %v", args[0], o.code, time.Since(start).Round(time.Millisecond))
		return o.code, o.out, o.stderr
	case <-time.After(limit):
		t.Fatalf("ampscan %s did not finish within %v", strings.Join(args, " "), limit)
		return 0, "", ""
	}
}

func checkRepo(t *testing.T, rep badRepoJSON, stderr string, want repoWant) {
	t.Helper()
	for _, s := range want.found {
		ok := false
		for _, f := range rep.Findings {
			if f.Path == s.path && f.Secret == s.secret {
				ok = true
				if s.commit != "" && f.Commit != s.commit {
					t.Errorf("%s: attributed to %s, want %s", s.path, f.Commit, s.commit)
				}
			}
		}
		if !ok {
			t.Errorf("%s: key not found", s.path)
		}
	}
	if len(rep.Findings) != len(want.found) {
		for _, f := range rep.Findings {
			t.Logf("finding %s:%d in %s", f.Path, f.Line, f.Commit)
		}
		t.Errorf("%d findings, want %d", len(rep.Findings), len(want.found))
	}
	for _, s := range want.absent {
		for _, f := range rep.Findings {
			if f.Secret == s {
				t.Errorf("%s: a key that must not be read was reported", f.Path)
			}
		}
	}
	if len(rep.Summary.Errors) != len(want.errors) {
		t.Errorf("%d errors, want %d: %+v", len(rep.Summary.Errors), len(want.errors), rep.Summary.Errors)
	}
	for _, w := range want.errors {
		if !strings.Contains(fmt.Sprint(rep.Summary.Errors), w) {
			t.Errorf("no error names %q: %+v", w, rep.Summary.Errors)
		}
	}
	skipped := want.skipped
	if skipped == nil {
		skipped = map[string]int64{}
	}
	if d := cmp.Diff(skipped, rep.Summary.FilesSkipped); d != "" {
		t.Errorf("skipped (-want +got):\n%s", d)
	}
	for _, s := range want.stderr {
		if !strings.Contains(stderr, s) {
			t.Errorf("stderr lacks %q:\n%.2000s", s, stderr)
		}
	}
	for _, n := range want.notes {
		if !strings.Contains(strings.Join(rep.Summary.Notes, "\n"), n) {
			t.Errorf("notes lack %q: %v", n, rep.Summary.Notes)
		}
	}
	for _, f := range want.found {
		if strings.Contains(stderr, f.secret) {
			t.Errorf("stderr carries a secret")
		}
	}
	if want.check != nil {
		want.check(t, rep)
	}
}

// beside commits a healthy file with a key and returns where it must be
// found.
func beside(r *gittest.Repo, k *gittest.Keys) repoSpot {
	key := k.Hex()
	r.Write("beside/.env", "AMPLITUDE_SECRET_KEY="+key+"\n")
	return repoSpot{"beside/.env", key, r.Commit("healthy").String()}
}

// looseObject returns the path of a loose object of repository dir.
func looseObject(dir, hash string) string {
	return filepath.Join(dir, ".git", "objects", hash[:2], hash[2:])
}

func blobHash(content string) string {
	return fmt.Sprintf("%x", sha1.Sum([]byte(fmt.Sprintf("blob %d\x00%s", len(content), content))))
}

func badRepos() []badRepo {
	return []badRepo{
		{name: "empty, no commits", build: func(t *testing.T, k *gittest.Keys) repoWant {
			r := gittest.New(t)
			r.Write(".env", "AMPLITUDE_SECRET_KEY="+k.Hex()+"\n") // never committed: not history
			return repoWant{dir: r.Dir, notes: []string{"history: 0 commits"}}
		}},
		{name: "unborn HEAD, a key on another branch", build: func(t *testing.T, k *gittest.Keys) repoWant {
			r := gittest.New(t)
			b := beside(r, k)
			gittest.Git(t, r.Dir, "branch", "-m", "main", "other")
			gittest.Git(t, r.Dir, "symbolic-ref", "HEAD", "refs/heads/main") // main is unborn
			return repoWant{dir: r.Dir, found: []repoSpot{b}}
		}},
		{name: "bare", build: func(t *testing.T, k *gittest.Keys) repoWant {
			r := gittest.New(t)
			b := beside(r, k)
			bare := filepath.Join(t.TempDir(), "bare.git")
			gittest.Git(t, r.Dir, "clone", "-q", "--bare", r.Dir, bare)
			return repoWant{dir: bare, found: []repoSpot{b}}
		}},
		{name: "detached HEAD", build: detachedHead},
		{name: "shallow clone", build: shallowClone},
		{name: "corrupt objects", build: corruptObjects},
		{name: "missing objects", build: missingObjects},
		{name: "submodule", build: func(t *testing.T, k *gittest.Keys) repoWant {
			r := gittest.New(t)
			b := beside(r, k)
			gittest.Git(t, r.Dir, "update-index", "--add", "--cacheinfo", "160000,"+b.commit+",vendor/lib")
			r.Write(".gitmodules", "[submodule \"vendor/lib\"]\n\tpath = vendor/lib\n\turl = https://example.com/lib.git\n")
			gittest.Git(t, r.Dir, "add", ".gitmodules")
			gittest.Git(t, r.Dir, "commit", "-q", "-m", "add submodule")
			return repoWant{dir: r.Dir, found: []repoSpot{b}, skipped: map[string]int64{"submodule": 1},
				stderr: []string{"vendor/lib: submodule, not followed"}}
		}},
		{name: "LFS pointers", build: lfsPointers},
		{name: "UTF-16 and lone-CR blobs", build: encodedBlobs},
		{name: "200 MB blob", within: 5 * time.Minute, build: hugeBlob},
		{name: "loose object claiming 2 GiB", build: lyingLooseObject},
		{name: "packed object claiming 2 GiB", build: lyingPackedObject},
		{name: "100,000 refs", build: manyRefs},
		{name: "loose objects only", build: func(t *testing.T, k *gittest.Keys) repoWant {
			r := gittest.New(t) // go-git writes loose objects only
			r.Write("README.md", "hello\n")
			r.Commit("init")
			b := beside(r, k)
			if packs, _ := filepath.Glob(filepath.Join(r.Dir, ".git", "objects", "pack", "*")); len(packs) > 0 {
				t.Fatalf("packs: %v", packs)
			}
			return repoWant{dir: r.Dir, found: []repoSpot{b}}
		}},
		{name: "alternates", build: alternates},
		{name: "pack with a bad checksum", build: badPackChecksum},
	}
}

// detachedHead: a commit reachable from HEAD alone, no branch.
func detachedHead(t *testing.T, k *gittest.Keys) repoWant {
	r := gittest.New(t)
	b := beside(r, k)
	gittest.Git(t, r.Dir, "checkout", "-q", "--detach")
	key := k.Hex()
	r.Write("detached.env", "AMPLITUDE_SECRET_KEY="+key+"\n")
	gittest.Git(t, r.Dir, "add", "detached.env")
	gittest.Git(t, r.Dir, "commit", "-q", "-m", "on a detached HEAD")
	c := gittest.Git(t, r.Dir, "rev-parse", "HEAD")
	return repoWant{dir: r.Dir, found: []repoSpot{b, {"detached.env", key, c}}}
}

// shallowClone: the boundary commit is a root; a key from before it that
// is still in its tree is attributed to it, and a note says so.
func shallowClone(t *testing.T, k *gittest.Keys) repoWant {
	r := gittest.New(t)
	old := k.Hex()
	r.Write("old.env", "AMPLITUDE_SECRET_KEY="+old+"\n")
	r.Commit("old")
	r.Write("n.txt", "1\n")
	r.Commit("filler")
	b := beside(r, k)
	dst := filepath.Join(t.TempDir(), "shallow")
	gittest.Git(t, r.Dir, "clone", "-q", "--depth", "1", "file://"+r.Dir, dst)
	return repoWant{dir: dst, found: []repoSpot{b, {"old.env", old, b.commit}}, notes: []string{"shallow clone"}}
}

// corruptObjects: one blob's loose file is garbage, another's is a zlib
// stream cut short; each is named and the healthy commit still read.
func corruptObjects(t *testing.T, k *gittest.Keys) repoWant {
	r := gittest.New(t)
	garbage, cut := "AMPLITUDE_SECRET_KEY="+k.Hex()+"\n", "AMPLITUDE_SECRET_KEY="+k.Hex()+"\n"
	r.Write("garbage.env", garbage)
	r.Write("cut.env", cut)
	r.Commit("to be damaged")
	b := beside(r, k)
	if err := os.WriteFile(looseObject(r.Dir, blobHash(garbage)), []byte("this is not zlib at all"), 0o644); err != nil {
		t.Fatal(err)
	}
	p := looseObject(r.Dir, blobHash(cut))
	raw, err := os.ReadFile(p)
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(p, raw[:len(raw)/2], 0o644); err != nil {
		t.Fatal(err)
	}
	return repoWant{dir: r.Dir, found: []repoSpot{b}, absent: []string{garbage[21:53], cut[21:53]},
		errors:  []string{"garbage.env (blob " + blobHash(garbage), "cut.env (blob " + blobHash(cut)},
		skipped: map[string]int64{"unreadable": 2}}
}

// missingObjects: a blob and the root commit are gone (a partial copy, a
// broken clone); the commits after the root are diffed against nothing.
func missingObjects(t *testing.T, k *gittest.Keys) repoWant {
	r := gittest.New(t)
	r.Write("lost.txt", "nothing to see\n")
	root := r.Commit("root").String()
	key := k.Hex()
	r.Write("later.env", "AMPLITUDE_SECRET_KEY="+key+"\n")
	later := r.Commit("later").String()
	b := beside(r, k)
	for _, h := range []string{blobHash("nothing to see\n"), root} {
		if err := os.Remove(looseObject(r.Dir, h)); err != nil {
			t.Fatal(err)
		}
	}
	return repoWant{dir: r.Dir, found: []repoSpot{b, {"later.env", key, later}},
		errors:  []string{"commit " + root, "lost.txt (blob " + blobHash("nothing to see\n")},
		skipped: map[string]int64{"unreadable": 2}}
}

// lfsPointers: Git LFS keeps a pointer in history, not the file. The
// pointer is text and is scanned as such: its sha256 oid is no key.
func lfsPointers(t *testing.T, k *gittest.Keys) repoWant {
	r := gittest.New(t)
	r.Write(".gitattributes", "*.bin filter=lfs diff=lfs merge=lfs -text\n*.env filter=lfs diff=lfs merge=lfs -text\n")
	for i, name := range []string{"model.bin", "secrets.env"} {
		oid := fmt.Sprintf("%064x", sha1.Sum([]byte(name)))[:64]
		r.Write(name, fmt.Sprintf("version https://git-lfs.github.com/spec/v1\noid sha256:%s\nsize %d\n", oid, 1000+i))
	}
	r.Commit("lfs")
	b := beside(r, k)
	return repoWant{dir: r.Dir, found: []repoSpot{b}, check: func(t *testing.T, out badRepoJSON) {
		if out.Summary.FilesScanned != 4 { // .gitattributes, two pointers, beside/.env
			t.Errorf("scanned %d blobs, want 4", out.Summary.FilesScanned)
		}
	}}
}

// encodedBlobs: blobs are scanned from memory, not streamed: UTF-16 and
// lone-CR text must be decoded on that path too.
func encodedBlobs(t *testing.T, k *gittest.Keys) repoWant {
	r := gittest.New(t)
	u16, cr := k.Hex(), k.Hex()
	text := "# PowerShell\r\nAMPLITUDE_SECRET_KEY=" + u16 + "\r\n"
	le := []byte{0xFF, 0xFE}
	for _, c := range text {
		le = append(le, byte(c), 0)
	}
	r.Write("win.env", string(le))
	r.Write("mac.env", "A=1\rB=2\rAMPLITUDE_SECRET_KEY="+cr+"\r")
	c := r.Commit("encodings").String()
	b := beside(r, k)
	return repoWant{dir: r.Dir, found: []repoSpot{b, {"win.env", u16, c}, {"mac.env", cr, c}}, check: func(t *testing.T, out badRepoJSON) {
		for _, f := range out.Findings {
			if (f.Path == "win.env" && f.Line != 2) || (f.Path == "mac.env" && f.Line != 3) {
				t.Errorf("%s: line %d", f.Path, f.Line)
			}
		}
	}}
}

// hugeBlob: a 200 MB blob (the largest this CI affords quickly; git's own
// limit is far above), with keys at its start and end, read through go-git
// as a stream in bounded windows.
func hugeBlob(t *testing.T, k *gittest.Keys) repoWant {
	r := gittest.New(t)
	first, last := k.Hex(), k.Hex()
	f, err := os.Create(filepath.Join(r.Dir, "dump.sql"))
	if err != nil {
		t.Fatal(err)
	}
	line := []byte("INSERT INTO events VALUES (1, 'page_view', '2024-03-01T09:00:00Z', '{}');\n")
	block := bytes.Repeat(line, (1<<20)/len(line))
	fmt.Fprintf(f, "-- AMPLITUDE_SECRET_KEY=%s\n", first)
	for range 200 {
		if _, err := f.Write(block); err != nil {
			t.Fatal(err)
		}
	}
	fmt.Fprintf(f, "-- AMPLITUDE_SECRET_KEY=%s\n", last)
	size, _ := f.Seek(0, io.SeekCurrent)
	if err := f.Close(); err != nil {
		t.Fatal(err)
	}
	gittest.Git(t, r.Dir, "-c", "core.compression=1", "add", "dump.sql")
	gittest.Git(t, r.Dir, "commit", "-q", "-m", "dump")
	c := gittest.Git(t, r.Dir, "rev-parse", "HEAD")
	b := beside(r, k)
	return repoWant{dir: r.Dir, found: []repoSpot{b, {"dump.sql", first, c}, {"dump.sql", last, c}}, check: func(t *testing.T, out badRepoJSON) {
		if out.Summary.BytesScanned < size {
			t.Errorf("scanned %d bytes", out.Summary.BytesScanned)
		}
	}}
}

// lyingLooseObject: a loose blob whose header claims 2 GiB and holds a few
// bytes. Nothing may be allocated for the claim: the scan reads it in
// windows, finds the key in what is there, and its memory stays small.
func lyingLooseObject(t *testing.T, k *gittest.Keys) repoWant {
	r := gittest.New(t)
	r.Write("README.md", "hello\n")
	r.Commit("init")
	b := beside(r, k)
	key := k.Hex()
	content := "AMPLITUDE_SECRET_KEY=" + key + "\n"
	hash := blobHash(content) // a name; the object's header will not match it
	var z bytes.Buffer
	zw := zlib.NewWriter(&z)
	fmt.Fprintf(zw, "blob %d\x00%s", int64(2)<<30, content)
	zw.Close()
	if err := os.MkdirAll(filepath.Dir(looseObject(r.Dir, hash)), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(looseObject(r.Dir, hash), z.Bytes(), 0o444); err != nil {
		t.Fatal(err)
	}
	lie := commitTree(t, r, b.commit, object.TreeEntry{Name: "big.env", Mode: filemode.Regular, Hash: plumbing.NewHash(hash)})
	return repoWant{dir: r.Dir, found: []repoSpot{b, {"big.env", key, lie}}, memLimit: 256 << 20}
}

// commitTree writes a tree of the entries given (whether their objects
// exist or not) and a commit of it on branch "crafted".
func commitTree(t *testing.T, r *gittest.Repo, parent string, entries ...object.TreeEntry) string {
	t.Helper()
	st := r.Repo.Storer
	tobj := st.NewEncodedObject()
	if err := (&object.Tree{Entries: entries}).Encode(tobj); err != nil {
		t.Fatal(err)
	}
	th, err := st.SetEncodedObject(tobj)
	if err != nil {
		t.Fatal(err)
	}
	sig := object.Signature{Name: "Ada Lovelace", Email: "ada@example.com", When: gittest.Start.Add(time.Hour)}
	c := &object.Commit{Author: sig, Committer: sig, Message: "crafted", TreeHash: th, ParentHashes: []plumbing.Hash{plumbing.NewHash(parent)}}
	cobj := st.NewEncodedObject()
	if err := c.Encode(cobj); err != nil {
		t.Fatal(err)
	}
	ch, err := st.SetEncodedObject(cobj)
	if err != nil {
		t.Fatal(err)
	}
	r.Branch("crafted", ch)
	return ch.String()
}

// lyingPackedObject: a pack of one blob whose entry header claims 2 GiB
// and whose zlib stream holds a few bytes, with an index made for it.
// Neither the pack reader nor go-git may allocate for the claim.
func lyingPackedObject(t *testing.T, k *gittest.Keys) repoWant {
	r := gittest.New(t)
	r.Write("README.md", "hello\n")
	r.Commit("init")
	b := beside(r, k)
	key := k.Hex()
	content := "AMPLITUDE_SECRET_KEY=" + key + "\n"
	name := sha1.Sum([]byte(content)) // any name: nothing checks it against the content
	var entry bytes.Buffer
	size := uint64(2) << 30
	c := byte(3<<4) | byte(size&15) // type 3: blob
	for size >>= 4; size > 0; size >>= 7 {
		entry.WriteByte(c | 0x80)
		c = byte(size & 0x7f)
	}
	entry.WriteByte(c)
	zw := zlib.NewWriter(&entry)
	if _, err := zw.Write([]byte(content)); err != nil {
		panic(err) // a bytes.Buffer does not fail
	}
	zw.Close()
	var pack bytes.Buffer
	pack.WriteString("PACK\x00\x00\x00\x02\x00\x00\x00\x01")
	pack.Write(entry.Bytes())
	packSum := sha1.Sum(pack.Bytes())
	pack.Write(packSum[:])
	var idx bytes.Buffer
	idx.WriteString("\xfftOc\x00\x00\x00\x02")
	for i := range 256 {
		n := uint32(0)
		if i >= int(name[0]) {
			n = 1
		}
		_ = binary.Write(&idx, binary.BigEndian, n)
	}
	idx.Write(name[:])
	_ = binary.Write(&idx, binary.BigEndian, crc32.ChecksumIEEE(entry.Bytes()))
	_ = binary.Write(&idx, binary.BigEndian, uint32(12)) // the entry's offset
	idx.Write(packSum[:])
	idxSum := sha1.Sum(idx.Bytes())
	idx.Write(idxSum[:])
	base := filepath.Join(r.Dir, ".git", "objects", "pack", fmt.Sprintf("pack-%x", packSum))
	if err := os.MkdirAll(filepath.Dir(base), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := errors.Join(os.WriteFile(base+".pack", pack.Bytes(), 0o444), os.WriteFile(base+".idx", idx.Bytes(), 0o444)); err != nil {
		t.Fatal(err)
	}
	lie := commitTree(t, r, b.commit, object.TreeEntry{Name: "big.env", Mode: filemode.Regular, Hash: plumbing.Hash(name)})
	return repoWant{dir: r.Dir, found: []repoSpot{b, {"big.env", key, lie}}, memLimit: 256 << 20}
}

// manyRefs: 100,000 refs (written as packed-refs, as `git pack-refs`
// leaves them), one of which alone reaches a commit with a key.
func manyRefs(t *testing.T, k *gittest.Keys) repoWant {
	r := gittest.New(t)
	b := beside(r, k)
	r.Branch("lonely", r.Head())
	r.Checkout("lonely")
	key := k.Hex()
	r.Write("lonely.env", "AMPLITUDE_SECRET_KEY="+key+"\n")
	lonely := r.Commit("only one ref of 100,000 reaches this").String()
	r.Checkout("main")
	r.DeleteBranch("lonely")
	var sb strings.Builder
	sb.WriteString("# pack-refs with: peeled fully-peeled sorted \n")
	for i := range 100_000 {
		h := b.commit
		if i == 73_421 {
			h = lonely
		}
		fmt.Fprintf(&sb, "%s refs/tags/t%06d\n", h, i)
	}
	if err := os.WriteFile(filepath.Join(r.Dir, ".git", "packed-refs"), []byte(sb.String()), 0o644); err != nil {
		t.Fatal(err)
	}
	return repoWant{dir: r.Dir, found: []repoSpot{b, {"lonely.env", key, lonely}}}
}

// alternates: a clone made with --shared borrows the original's objects
// through objects/info/alternates; the borrowed history is scanned too.
func alternates(t *testing.T, k *gittest.Keys) repoWant {
	origin := gittest.New(t)
	key := k.Hex()
	origin.Write("borrowed.env", "AMPLITUDE_SECRET_KEY="+key+"\n")
	borrowed := origin.Commit("in the origin's objects only").String()
	gittest.Git(t, origin.Dir, "repack", "-a", "-d", "-q") // a pack in the alternate, too
	dst := filepath.Join(t.TempDir(), "shared")
	gittest.Git(t, origin.Dir, "clone", "-q", "--shared", origin.Dir, dst)
	if _, err := os.Stat(filepath.Join(dst, ".git", "objects", "info", "alternates")); err != nil {
		t.Fatal(err)
	}
	own := k.Hex()
	if err := os.WriteFile(filepath.Join(dst, "own.env"), []byte("AMPLITUDE_SECRET_KEY="+own+"\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	gittest.Git(t, dst, "add", "own.env")
	gittest.Git(t, dst, "commit", "-q", "-m", "own")
	c := gittest.Git(t, dst, "rev-parse", "HEAD")
	return repoWant{dir: dst, found: []repoSpot{{"borrowed.env", key, borrowed}, {"own.env", own, c}}}
}

// badPackChecksum: the pack's trailing SHA-1 no longer matches its bytes;
// the objects themselves are intact.
func badPackChecksum(t *testing.T, k *gittest.Keys) repoWant {
	r := gittest.New(t)
	key := k.Hex()
	r.Write("packed.env", "AMPLITUDE_SECRET_KEY="+key+"\n")
	c := r.Commit("packed").String()
	b := beside(r, k)
	gittest.Git(t, r.Dir, "repack", "-a", "-d", "-q")
	packs, _ := filepath.Glob(filepath.Join(r.Dir, ".git", "objects", "pack", "*.pack"))
	if len(packs) != 1 {
		t.Fatalf("packs: %v", packs)
	}
	raw, err := os.ReadFile(packs[0])
	if err != nil {
		t.Fatal(err)
	}
	raw[len(raw)-1] ^= 0xFF
	if err := os.WriteFile(packs[0], raw, 0o644); err != nil {
		t.Fatal(err)
	}
	return repoWant{dir: r.Dir, found: []repoSpot{b, {"packed.env", key, c}}}
}
