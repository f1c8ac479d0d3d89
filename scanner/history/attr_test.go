package history

import (
	"fmt"
	"hash/maphash"
	"math/rand/v2"
	"slices"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/ampscan/ampscan/scanner"
)

// secretSet.holds must answer as reading the blob's findings would, for
// blobs read as a list and blobs given a set, before and after the set is
// built, asked once or many times.
func TestFoundStoreHolds(t *testing.T) {
	t.Parallel()
	r := rand.New(rand.NewPCG(3, 5))
	secret := func() string { return fmt.Sprintf("s%d", r.IntN(40)) }
	found := map[int32][]scanner.Finding{}
	store := newFoundStore()
	for id := range int32(30) {
		for i := range r.IntN(3 * listedSecrets) { // some above listedSecrets, some not, some none
			found[id] = append(found[id], scanner.Finding{Secret: secret(), Line: i + 1})
		}
		store.add(id, found[id])
	}
	for range 5000 {
		id, s := int32(r.IntN(32)), secret() // ids 30 and 31 were never scanned
		want := slices.ContainsFunc(found[id], func(f scanner.Finding) bool { return f.Secret == s })
		sid, known := store.secretIDs[s]
		set := store.secretsOf(id)
		if got := known && set.holds(sid); got != want {
			t.Fatalf("holds(%d, %q) = %v, want %v (blob of %d findings)", id, s, got, want, len(found[id]))
		}
	}
	// One set asked many times, as attribution asks it: the blob's own
	// secrets in its order, then the other blobs', then at random.
	for id := range int32(32) {
		set := store.secretsOf(id)
		var asked []string
		for _, other := range []int32{id, (id + 1) % 32, (id + 7) % 32} {
			for _, f := range found[other] {
				asked = append(asked, f.Secret)
			}
		}
		for range 100 {
			asked = append(asked, secret())
		}
		for _, s := range asked {
			want := slices.ContainsFunc(found[id], func(f scanner.Finding) bool { return f.Secret == s })
			sid, known := store.secretIDs[s]
			if got := known && set.holds(sid); got != want {
				t.Fatalf("blob %d asked in turn, holds(%q) = %v, want %v", id, s, got, want)
			}
		}
	}
	if len(store.sets) == 0 {
		t.Error("no blob got a set: the test asks nothing of the sets")
	}
}

// foundStore must give back each finding as it was recorded, and hold a
// finding seen again at another place (the next version of a file of
// keys) once, but the same secret in another file apart.
func TestFoundStoreKeepsFindings(t *testing.T) {
	t.Parallel()
	version := func(path string, shift int) []scanner.Finding {
		var fs []scanner.Finding
		for i := range 50 {
			f := scanner.Finding{RuleID: "amplitude.assignment", KeyType: "amplitude-api-key", Secret: fmt.Sprintf("key%02d", i),
				Path: path, Line: i + 1 + shift, Column: 19, EndColumn: 51}
			if i%10 == 0 {
				f.Suppression = &scanner.Suppression{Kind: "inline", Reason: "ampscan:allow on the line"} // a pointer of its own each time
			}
			fs = append(fs, f)
		}
		return fs
	}
	// A blob streamed whole may hold a finding past 2^32 lines, or columns.
	far := version("dump.sql", 0)
	for i := range far {
		far[i].Line += (i % 3) << 32
		far[i].Column += (i % 2) << 32
		far[i].EndColumn = far[i].Column + 32
	}
	store := newFoundStore()
	want := map[int32][]scanner.Finding{1: version(".env", 0), 2: version(".env", 3), 3: nil, 4: version("web/.env", 1), 5: far}
	for id, fs := range want {
		store.add(id, fs)
	}
	for id, fs := range want {
		var got []scanner.Finding
		for _, a := range store.of(id) {
			got = append(got, store.finding(a))
		}
		if d := cmp.Diff(fs, got); d != "" {
			t.Errorf("blob %d (-recorded +given back):\n%s", id, d)
		}
	}
	if store.kinds.len() != 150 {
		t.Errorf("%d kinds held for 50 findings found twice at other lines and once in each of two other files", store.kinds.len())
	}
	if len(store.far) == 0 || len(store.far) == len(far) {
		t.Errorf("%d of %d places far, want some, not all", len(store.far), len(far))
	}
	if store.empty() {
		t.Error("empty after findings were added")
	}
}

// Versions of a file, each a few findings edited from the last (added,
// dropped, replaced, moved), added in any order and under two paths:
// every finding is given back as recorded, and each distinct finding is
// held as one kind, whether add found it from the last version or not.
// Kinds are found by hash: each round runs again with every hash equal,
// and with two, so that kinds of one hash must be told apart.
func TestFoundStoreVersions(t *testing.T) {
	t.Parallel()
	r := rand.New(rand.NewPCG(8, 8))
	hashes := []func(maphash.Seed, scanner.Finding) uint64{
		maphash.Comparable[scanner.Finding],
		func(maphash.Seed, scanner.Finding) uint64 { return 7 },
		func(_ maphash.Seed, f scanner.Finding) uint64 { return uint64(len(f.Secret) % 2) },
	}
	for round := range 60 {
		store := newFoundStore()
		store.hash = hashes[round%len(hashes)]
		distinct := map[scanner.Finding]bool{}
		recorded := map[int32][]scanner.Finding{}
		var secrets []string
		for i := range 60 {
			secrets = append(secrets, fmt.Sprintf("key%03d", i))
		}
		var ids []int32
		for v := range int32(12) {
			for range 1 + r.IntN(4) {
				i := r.IntN(len(secrets))
				switch r.IntN(3) {
				case 0: // replace
					secrets[i] = fmt.Sprintf("new%d-%d", v, i)
				case 1: // drop
					secrets = slices.Delete(secrets, i, i+1)
				default: // add
					secrets = slices.Insert(secrets, i, fmt.Sprintf("add%d-%d", v, i))
				}
			}
			for p, path := range []string{".env", "web/.env"} {
				var fs []scanner.Finding
				for line, s := range secrets {
					f := scanner.Finding{RuleID: "amplitude.assignment", KeyType: "amplitude-api-key", Secret: s, Path: path, Line: line + 1, Column: 5, EndColumn: 37}
					if (line+round)%7 == 0 {
						f.KeyType = "amplitude-secret-key" // one secret, another kind
					}
					fs = append(fs, f)
					g := f
					g.Line, g.Column, g.EndColumn = 0, 0, 0
					distinct[g] = true
				}
				id := v*2 + int32(p)
				recorded[id] = fs
				ids = append(ids, id)
			}
		}
		r.Shuffle(len(ids), func(i, j int) { ids[i], ids[j] = ids[j], ids[i] })
		for _, id := range ids {
			store.add(id, recorded[id])
		}
		for id, fs := range recorded {
			var got []scanner.Finding
			for _, a := range store.of(id) {
				got = append(got, store.finding(a))
			}
			if d := cmp.Diff(fs, got); d != "" {
				t.Fatalf("round %d, blob %d (-recorded +given back):\n%s", round, id, d)
			}
		}
		if store.kinds.len() != len(distinct) {
			t.Fatalf("round %d: %d kinds held for %d distinct findings", round, store.kinds.len(), len(distinct))
		}
	}
}

// kindPages gives back every kind added, across its pages.
func TestKindPages(t *testing.T) {
	t.Parallel()
	var p kindPages
	const n = 3*kindPage + 17
	for i := range n {
		f := scanner.Finding{Secret: fmt.Sprint(i)}
		if k := p.add(&f); k != int32(i) {
			t.Fatalf("kind %d added as %d", i, k)
		}
	}
	if p.len() != n {
		t.Fatalf("len %d, want %d", p.len(), n)
	}
	for i := range n {
		if got := p.at(int32(i)).Secret; got != fmt.Sprint(i) {
			t.Fatalf("kind %d holds %q", i, got)
		}
	}
	if len(p) != 4 {
		t.Errorf("%d pages for %d kinds, want 4", len(p), n)
	}
}
