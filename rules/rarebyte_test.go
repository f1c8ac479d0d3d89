package rules

import (
	"bytes"
	"math/rand/v2"
	"testing"
)

// indexRare must answer exactly as bytes.Index, including where its rare
// byte is common and it hands over to bytes.Index part way.
func TestIndexRareAgreesWithIndex(t *testing.T) {
	t.Parallel()
	r := rand.New(rand.NewPCG(3, 5))
	alphabets := []string{"ab", "abc\"_", "the quick \"event_type\": apikey=0123", "zzzzzzzzzy"}
	for n := 0; n < 20000; n++ {
		alpha := alphabets[n%len(alphabets)]
		text := make([]byte, r.IntN(300))
		for i := range text {
			text[i] = alpha[r.IntN(len(alpha))]
		}
		var w []byte
		if len(text) > 0 && r.IntN(2) == 0 {
			at := r.IntN(len(text))
			w = bytes.Clone(text[at:min(len(text), at+1+r.IntN(12))])
		} else {
			w = make([]byte, 1+r.IntN(6))
			for i := range w {
				w[i] = alpha[r.IntN(len(alpha))]
			}
		}
		for _, off := range []int{rareOffset(w), r.IntN(len(w))} {
			if got, want := indexRare(text, w, off), bytes.Index(text, w); got != want {
				t.Fatalf("indexRare(%q, %q, %d) = %d, bytes.Index says %d", text, w, off, got, want)
			}
		}
	}
}
