package rules

import "sort"

// mentionIndex answers nearestVendor's questions (the last mention of a
// vendor before a value, the first after it) from a list of every word of
// the input that names one, once reading window by window would read the
// input again and again.
//
// Each value's context is the 2 KiB before and after it, read word by
// word. Where a value stands every few dozen bytes and no vendor is named
// close by (a minified JSON of projects and their keys, a long line of
// nested objects), that read every byte about a hundred times over: such
// a line of 1 MB took 1 to 1.4 s. So the windows are read as before until
// they have read as many bytes as the input holds (most files never get
// there: a mention usually stands a line or two above); then the input's
// words are read once, and every later question is a binary search.
//
// The answers are the windows' own, word for word: a window's first and
// last words may be cut by its edges, or have a '_' after them that the
// window does not hold, so those two are judged as the window sees them;
// every word between is whole in both and judged alike.
type mentionIndex struct {
	read  int  // bytes read window by window so far
	built bool // words holds every mention of the input
	words []mentionWord
}

// mentionWord is a word of the input, lower[at:end], that names Amplitude
// (amp) or another vendor.
type mentionWord struct {
	at, end int
	amp     bool
}

// ready reports whether the index answers questions about lower, reading
// its words first when the windows have read as much as it holds.
func (mi *mentionIndex) ready(lx *lexicon, lower []byte) bool {
	if !mi.built && mi.read >= len(lower) {
		mi.build(lx, lower)
	}
	return mi.built
}

func (mi *mentionIndex) build(lx *lexicon, lower []byte) {
	mi.built = true
	for i := 0; i < len(lower); {
		if !isLowerLetter(lower[i]) {
			i++
			continue
		}
		j := i + 1
		for j < len(lower) && isLowerLetter(lower[j]) {
			j++
		}
		if amp, other := lx.mentionIn(lower[i:j], j < len(lower) && lower[j] == '_'); amp || other {
			mi.words = append(mi.words, mentionWord{i, j, amp})
		}
		i = j
	}
}

// lastIn is lx.lastMention(lower[lo:start]).
func (mi *mentionIndex) lastIn(lx *lexicon, lower []byte, lo, start int) (int, bool) {
	e := start
	// The window's last word: the input's may run on past start, or have
	// a '_' after it that the window does not hold.
	if e > lo && isLowerLetter(lower[e-1]) {
		i := e - 1
		for i > lo && isLowerLetter(lower[i-1]) {
			i--
		}
		if amp, other := lx.mentionIn(lower[i:e], false); amp || other {
			return i - lo, amp
		}
		e = i
	}
	// Whole words before it, judged alike in the input and the window:
	// each ends before e, so the byte after it is the window's too.
	k := sort.Search(len(mi.words), func(k int) bool { return mi.words[k].end > e }) - 1
	if k >= 0 && mi.words[k].at >= lo {
		return mi.words[k].at - lo, mi.words[k].amp
	}
	// The window's first word, when the input's starts before lo.
	if lo > 0 && lo < e && isLowerLetter(lower[lo]) && isLowerLetter(lower[lo-1]) {
		j := lo + 1
		for j < e && isLowerLetter(lower[j]) {
			j++
		}
		// j < e: a word reaching e was the last word, read above.
		if amp, other := lx.mentionIn(lower[lo:j], lower[j] == '_'); amp || other {
			return 0, amp
		}
	}
	return -1, false
}

// firstIn is lx.mentions(lower[end:hi], false).
func (mi *mentionIndex) firstIn(lx *lexicon, lower []byte, end, hi int) (amp, other int) {
	amp, other = -1, -1
	note := func(at int, isAmp bool) {
		switch {
		case isAmp && amp < 0:
			amp = at - end
		case !isAmp && other < 0:
			other = at - end
		}
	}
	from := end
	// The window's first word, when the input's starts before end.
	if from > 0 && from < hi && isLowerLetter(lower[from]) && isLowerLetter(lower[from-1]) {
		j := from + 1
		for j < hi && isLowerLetter(lower[j]) {
			j++
		}
		if a, o := lx.mentionIn(lower[from:j], j < hi && lower[j] == '_'); a || o {
			note(from, a)
		}
		from = j
	}
	// Whole words that end before hi, so that the byte after each is the
	// window's too.
	k := sort.Search(len(mi.words), func(k int) bool { return mi.words[k].at >= from })
	for ; k < len(mi.words) && mi.words[k].end < hi && (amp < 0 || other < 0); k++ {
		note(mi.words[k].at, mi.words[k].amp)
	}
	// The window's last word, which reaches hi: the input's may run on
	// past it, or have a '_' after it that the window does not hold.
	if hi > from && isLowerLetter(lower[hi-1]) {
		i := hi - 1
		for i > from && isLowerLetter(lower[i-1]) {
			i--
		}
		if a, o := lx.mentionIn(lower[i:hi], false); a || o {
			note(i, a)
		}
	}
	return amp, other
}

func isLowerLetter(c byte) bool { return c >= 'a' && c <= 'z' }
