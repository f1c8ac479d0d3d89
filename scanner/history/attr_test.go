package history

import (
	"fmt"
	"math/rand/v2"
	"slices"
	"testing"

	"github.com/ampscan/ampscan/scanner"
)

// secretIndex must answer as reading the blob's findings would, for blobs
// read as a list and blobs given a set, before and after the set is built.
func TestSecretIndexHolds(t *testing.T) {
	t.Parallel()
	r := rand.New(rand.NewPCG(3, 5))
	secret := func() string { return fmt.Sprintf("s%d", r.IntN(40)) }
	found := map[int32][]scanner.Finding{}
	for id := range int32(30) {
		for range r.IntN(3 * listedSecrets) { // some above listedSecrets, some not, some none
			found[id] = append(found[id], scanner.Finding{Secret: secret()})
		}
	}
	held := newSecretIndex(found)
	for range 5000 {
		id, s := int32(r.IntN(32)), secret() // ids 30 and 31 were never scanned
		want := slices.ContainsFunc(found[id], func(f scanner.Finding) bool { return f.Secret == s })
		if got := held.holds(id, s); got != want {
			t.Fatalf("holds(%d, %q) = %v, want %v (blob of %d findings)", id, s, got, want, len(found[id]))
		}
	}
	if len(held.sets) == 0 {
		t.Error("no blob got a set: the test asks nothing of the sets")
	}
}
