package history

import (
	"bytes"
	"fmt"
	"math/rand/v2"
	"slices"
	"strings"
	"testing"

	"github.com/go-git/go-git/v5/plumbing/format/packfile"
)

// deltaPair is a base and a delta from it to an edited copy, as in a pack
// of source files: a few lines changed, added and removed.
func deltaPair(lines int) (base, delta, target []byte) {
	r := rand.New(rand.NewPCG(1, 2))
	var ls []string
	for i := range lines {
		ls = append(ls, fmt.Sprintf("\tamplitude.track('event %d', { value: %d });\n", i, r.IntN(1e6)))
	}
	base = []byte(strings.Join(ls, ""))
	for range lines / 50 {
		i := r.IntN(len(ls))
		ls[i] = fmt.Sprintf("\t// edited %d\n", r.IntN(1e6))
	}
	target = []byte(strings.Join(ls, ""))
	return base, packfile.DiffDelta(base, target), target
}

// applyDelta and go-git's packfile.PatchDelta agree.
func TestApplyDeltaMatchesGoGit(t *testing.T) {
	for _, lines := range []int{1, 100, 5000} {
		base, delta, target := deltaPair(lines)
		ours, err := applyDelta(base, delta, largeBlob)
		if err != nil {
			t.Fatal(err)
		}
		theirs, err := packfile.PatchDelta(base, delta)
		if err != nil {
			t.Fatal(err)
		}
		if !bytes.Equal(ours, target) || !bytes.Equal(theirs, target) {
			t.Errorf("%d lines: applyDelta or PatchDelta does not rebuild the target", lines)
		}
	}
}

// BenchmarkApplyDelta compares applyDelta with go-git's PatchDelta on a
// 250 KB file with 2% of its lines edited (see applyDelta for the figure).
func BenchmarkApplyDelta(b *testing.B) {
	base, delta, target := deltaPair(5000)
	for _, bc := range []struct {
		name  string
		apply func(base, delta []byte) ([]byte, error)
	}{{"applyDelta", func(base, delta []byte) ([]byte, error) { return applyDelta(base, delta, largeBlob) }}, {"PatchDelta", packfile.PatchDelta}} {
		b.Run(bc.name, func(b *testing.B) {
			b.SetBytes(int64(len(target)))
			for b.Loop() {
				if _, err := bc.apply(base, delta); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

// versionChain is a file and n successive edits of it, each a few lines
// changed, added or removed, with the delta from each version to the next.
func versionChain(r *rand.Rand, lines, n int) (versions, deltas [][]byte) {
	var ls []string
	for i := range lines {
		ls = append(ls, fmt.Sprintf("const v%05d = %d\n", i, r.IntN(1e6)))
	}
	versions = append(versions, []byte(strings.Join(ls, "")))
	for range n {
		for range 1 + r.IntN(4) {
			i := r.IntN(len(ls) + 1)
			switch op := r.IntN(3); {
			case i == len(ls) || op == 0:
				ls = slices.Insert(ls, i, fmt.Sprintf("const added%d = %d\n", r.IntN(1e6), r.IntN(1e6)))
			case op == 1:
				ls[i] = fmt.Sprintf("// edited %d\n", r.IntN(1e6))
			default:
				ls = slices.Delete(ls, i, i+1)
			}
		}
		next := []byte(strings.Join(ls, ""))
		deltas = append(deltas, packfile.DiffDelta(versions[len(versions)-1], next))
		versions = append(versions, next)
	}
	return versions, deltas
}

// A chain composed into one delta builds every version that applying its
// deltas in turn builds, from files of one byte to thousands of lines.
func TestFlatDeltaMatchesApplyingInTurn(t *testing.T) {
	r := rand.New(rand.NewPCG(3, 4))
	for _, lines := range []int{1, 3, 50, 2000} {
		versions, deltas := versionChain(r, lines, 30)
		flat := flatBase(int64(len(versions[0])))
		for i, d := range deltas {
			var err error
			if flat, err = flat.then(d, largeBlob); err != nil {
				t.Fatalf("%d lines, delta %d: %v", lines, i, err)
			}
			inTurn, err := applyDelta(versions[i], d, largeBlob)
			if err != nil {
				t.Fatal(err)
			}
			if got := flat.apply(versions[0]); !bytes.Equal(got, versions[i+1]) || !bytes.Equal(inTurn, versions[i+1]) {
				t.Fatalf("%d lines, version %d: composed %v, in turn %v, want the version", lines, i+1, bytes.Equal(got, versions[i+1]), bytes.Equal(inTurn, versions[i+1]))
			}
		}
		// A big file edited in a few places stays a few pieces.
		if lines == 2000 && len(flat.ops) > 400 {
			t.Errorf("30 edits of 2000 lines composed into %d pieces", len(flat.ops))
		}
	}
}

// A delta that rewrites a third of a 2 MB file (700 KB of literal text)
// composes within a limit of 8 MiB: what the pieces take is counted, not
// what the delta's length could hold.
func TestFlatDeltaLargeDelta(t *testing.T) {
	var base, target []string
	for i := range 50_000 {
		base = append(base, fmt.Sprintf("const v%05d = %08d\n", i, i))
		if i%3 == 0 {
			target = append(target, fmt.Sprintf("const w%05d = %08d // rewritten\n", i, 3*i))
		} else {
			target = append(target, base[i])
		}
	}
	src, dst := []byte(strings.Join(base, "")), []byte(strings.Join(target, ""))
	delta := packfile.DiffDelta(src, dst)
	if len(delta) < 512<<10 {
		t.Fatalf("the delta is %d bytes; the test wants one over 512 KiB", len(delta))
	}
	flat := flatBase(int64(len(src)))
	got, err := flat.then(delta, largeBlob)
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(got.apply(src), dst) {
		t.Error("the composed delta does not build the target")
	}
}

// Composing refuses what applyDelta refuses, at any level of a chain,
// and gives errFragmented when the pieces would outgrow half the limit.
func TestFlatDeltaRejects(t *testing.T) {
	base := []byte("hello, world\n")
	good := []byte{13, 8, 0x90, 5, 3, '!', '!', '!'} // "hello!!!"
	for _, tt := range append(corruptDeltas(8),      // the second level's source is "hello!!!"
		badDelta{"target over the limit", deltaOf(8, largeBlob+1, 0x80)}) {
		flat := flatBase(int64(len(base)))
		flat, err := flat.then(good, largeBlob)
		if err != nil {
			t.Fatal(err)
		}
		if _, err := flat.then(tt.delta, largeBlob); err != errBadDelta {
			t.Errorf("%s: %v, want errBadDelta", tt.name, err)
		}
		if string(flat.apply(base)) != "hello!!!" {
			t.Errorf("%s: the first level builds %q", tt.name, flat.apply(base))
		}
	}
	// 600 one-byte copies, alternately from both ends of the source, make
	// 600 pieces: more than a limit of 8 KiB allows, not 64 KiB.
	src := bytes.Repeat([]byte("ab"), 300)
	var cmds []byte
	for i := range 600 {
		off := i / 2
		if i%2 == 1 {
			off = len(src) - 1 - i/2
		}
		cmds = append(cmds, 0x93, byte(off), byte(off>>8), 1) // copy: 2 offset bytes, 1 size byte
	}
	frag := deltaOf(uint64(len(src)), 600, cmds...)
	want, err := applyDelta(src, frag, largeBlob)
	if err != nil {
		t.Fatal(err)
	}
	small := flatBase(int64(len(src)))
	if _, err := small.then(frag, 8<<10); err != errFragmented {
		t.Errorf("limit 8 KiB: %v, want errFragmented", err)
	}
	if f, err := small.then(frag, 64<<10); err != nil || !bytes.Equal(f.apply(src), want) {
		t.Errorf("limit 64 KiB: %v", err)
	}
}
