package rules

import (
	"bytes"
	"sort"
)

// placeIndex finds a few fixed words (roleOfNearestHost's hosts, the
// deployment key prefixes) in a scan's lowered input once, when searching
// window by window would search the input again and again: the same 2 KiB
// either side of every value (see mentionIndex). A token named only
// "token" or "Bearer" every few dozen bytes of a long line, with no host
// near, had each window searched for every host: 0.35 s for 1 MB of them.
//
// It lists every place each word stands, overlapping or not, and a
// window takes those inside it as bytes.Index would find them there, one
// after the other: the answers are the windows' own.
type placeIndex struct {
	read  int  // bytes searched window by window so far, word by word
	built bool // at holds every place of every word
	at    [][]int
}

// ready reports whether the index answers for words in lower, finding
// them first when the windows have searched as many bytes as that costs.
func (px *placeIndex) ready(words [][]byte, lower []byte) bool {
	if !px.built && px.read >= len(lower)*len(words) {
		px.built = true
		px.at = make([][]int, len(words))
		for k, w := range words {
			for from := 0; ; {
				i := bytes.Index(lower[from:], w)
				if i < 0 {
					break
				}
				px.at[k] = append(px.at[k], from+i)
				from += i + 1
			}
		}
	}
	return px.built
}

// each calls f with every place of words[k] (of length n) in
// lower[lo:hi] that a search of the window from lo finds, one after
// another, each search starting where the last word found ends, until f
// returns false.
func (px *placeIndex) each(k, n, lo, hi int, f func(i int) bool) {
	at := px.at[k]
	from := lo
	for j := sort.SearchInts(at, lo); j < len(at) && at[j]+n <= hi; j++ {
		if at[j] < from {
			continue // overlaps the place found before it
		}
		if !f(at[j]) {
			return
		}
		from = at[j] + n
	}
}
