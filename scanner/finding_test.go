package scanner

import (
	"fmt"
	"math/rand/v2"
	"reflect"
	"sort"
	"testing"

	"github.com/ampscan/ampscan/rules"
)

// Finalize gives what the plain reading of its contract gives: each value
// takes the strictest key type it is seen with (the first seen on a tie),
// every finding is classified, and the list is sorted stably by path,
// line, column, key type, commit and fingerprint. The findings drawn share
// values across key types, places, paths and commits, so that every key
// of the order and every tie is met, in order and shuffled.
func TestFinalizeAsPlainReading(t *testing.T) {
	t.Parallel()
	r := rand.New(rand.NewPCG(4, 4))
	// Two key types the built-in policy does not know are equally strict:
	// between them, the first seen must win.
	kinds := []rules.KeyType{rules.APIKey, rules.SecretKey, rules.ServerDeploymentKey, rules.OrgAPIKey, "made-up-a", "made-up-b"}
	commits := []*Commit{nil, {ID: "b1"}, {ID: "a2"}}
	for round := range 300 {
		fs := make([]Finding, r.IntN(60))
		for i := range fs {
			fs[i] = Finding{
				RuleID: fmt.Sprintf("rule.%d", i), KeyType: kinds[r.IntN(len(kinds))],
				Secret: fmt.Sprintf("%032x", r.IntN(8)), Path: []string{"a.env", "b/c.ts", "a.env.bak"}[r.IntN(3)],
				Line: 1 + r.IntN(4), Column: 1 + r.IntN(3), Commit: commits[r.IntN(len(commits))],
			}
			if r.IntN(4) == 0 {
				fs[i].Exposure = "client-side code"
			}
		}
		if round%2 == 1 { // most histories arrive near their order
			sort.SliceStable(fs, func(a, b int) bool { return fs[a].Path < fs[b].Path })
		}
		want := plainFinalize(fs)
		got := append([]Finding(nil), fs...)
		Finalize(got)
		if !reflect.DeepEqual(got, want) {
			t.Fatalf("round %d: Finalize differs from the plain reading:\ngot  %+v\nwant %+v", round, got, want)
		}
	}
}

func plainFinalize(in []Finding) []Finding {
	fs := append([]Finding(nil), in...)
	strictest := map[string]rules.KeyType{}
	for _, f := range fs {
		if kt, ok := strictest[f.Secret]; ok {
			strictest[f.Secret] = rules.Stricter(kt, f.KeyType)
		} else {
			strictest[f.Secret] = f.KeyType
		}
	}
	for i := range fs {
		fs[i].KeyType = strictest[fs[i].Secret]
		fs[i].classify()
	}
	id := func(f Finding) string {
		if f.Commit == nil {
			return ""
		}
		return f.Commit.ID
	}
	sort.SliceStable(fs, func(i, j int) bool {
		a, b := fs[i], fs[j]
		switch {
		case a.Path != b.Path:
			return a.Path < b.Path
		case a.Line != b.Line:
			return a.Line < b.Line
		case a.Column != b.Column:
			return a.Column < b.Column
		case a.KeyType != b.KeyType:
			return a.KeyType < b.KeyType
		case id(a) != id(b):
			return id(a) < id(b)
		}
		return a.Fingerprint < b.Fingerprint
	})
	return fs
}

// BenchmarkFinalize finalizes the 50,000 findings of a history of a .env
// of keys, as they arrive (in order of place) and shuffled. It runs after
// the scan, on one core, so its cost is the run's.
func BenchmarkFinalize(b *testing.B) {
	const n = 50000
	r := rand.New(rand.NewPCG(1, 2))
	base := make([]Finding, n)
	for i := range base {
		base[i] = Finding{
			RuleID: "amplitude.assignment", KeyType: []rules.KeyType{rules.APIKey, rules.SecretKey, rules.ServerDeploymentKey}[i%3],
			Secret: fmt.Sprintf("%016x%016x", r.Uint64(), r.Uint64()), Path: ".env", Line: i + 1, Column: 21, EndColumn: 53,
			Commit: &Commit{ID: fmt.Sprintf("%040x", i%31)},
		}
	}
	for _, shuffled := range []bool{false, true} {
		b.Run(map[bool]string{false: "in-order", true: "shuffled"}[shuffled], func(b *testing.B) {
			fs := make([]Finding, n)
			for b.Loop() {
				copy(fs, base)
				if shuffled {
					r.Shuffle(n, func(i, j int) { fs[i], fs[j] = fs[j], fs[i] })
				}
				Finalize(fs)
			}
		})
	}
}
