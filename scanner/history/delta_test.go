package history

import (
	"bytes"
	"fmt"
	"math/rand/v2"
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
