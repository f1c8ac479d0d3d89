package rules

import (
	"testing"
)

// TestCatalogueExamples is the one table test over every rule's examples:
// each positive example must give exactly its key types through the whole
// catalogue, and each negative example nothing.
func TestCatalogueExamples(t *testing.T) {
	t.Parallel()
	c, err := Builtin()
	if err != nil {
		t.Fatal(err)
	}
	for _, r := range c.Rules() {
		t.Run(r.ID, func(t *testing.T) {
			t.Parallel()
			// Several seeds: generated values differ each time, so a rule
			// that passes by luck of one value does not pass.
			for seed := uint64(1); seed <= 5; seed++ {
				if err := c.CheckRule(r, seed); err != nil {
					t.Fatalf("seed %d: %v", seed, err)
				}
			}
		})
	}
}
