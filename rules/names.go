package rules

import "slices"

// roleNames is what a rule's matches need before one of them can be a
// finding: a word that names a role somewhere in the text searched, or a
// word that must be a whole name, standing as one.
type roleNames struct {
	words int   // the literal set of words that may stand anywhere in a name
	alone []int // literals of words that must be the name's only word
	// How a name that is one word ends in text: inside holds the bytes an
	// id may hold, follow those that may come after it in a match. via:
	// the rule also takes names from a fallback lookup, which end where a
	// run of letters, digits and underscores does.
	inside, follow byteSet
	via            bool
}

// roleNamesOf returns r's role names, from the lexicon's role words (see
// roleWords), or nil unless r reports a value only under a name (its id,
// or a name in its fallback lookup) that gives it a role, and no match has
// an empty name (which a table's column header would name). Where how r's
// names end cannot be told (an id or a fallback lookup the match may end
// with), a word that must be a whole name counts as one that may stand
// anywhere.
func (t *literalTable) roleNamesOf(r *Rule, words, alone []string) *roleNames {
	if r.Classify != "identifier" || r.Decode == "basic" || !groupNeverEmpty(r.Pattern, "id") {
		return nil
	}
	n := &roleNames{words: noSet}
	var ok bool
	n.inside, n.follow, ok = groupBounds(r.Pattern, "id")
	if _, n.via = r.groups["via"]; n.via && ok {
		_, _, ok = groupBounds(r.Pattern, "via")
	}
	if ok {
		n.alone = t.idsOf(slices.Compact(slices.Sorted(slices.Values(alone))))
	} else {
		words = append(words, alone...)
	}
	if len(words) > 0 {
		n.words = t.setOf(words)
	}
	return n
}

// mayName reports whether s.lower[lo:hi] may hold a name that gives one
// of r's values a role.
func (s *scan) mayName(n *roleNames, lo, hi int) bool {
	if n.words != noSet && s.holdsSet(n.words, lo, hi) {
		return true
	}
	for _, id := range n.alone {
		w := len(s.literals.words[id])
		for p := s.next(id, lo, hi-w+1); p >= 0; p = s.next(id, p+1, hi-w+1) {
			if n.endsName(s.lower[p+w : hi]) {
				return true
			}
		}
	}
	return false
}

// endsName reports whether a one-word name may end where rest begins:
// as the id, with only bytes an id holds that are no letter or digit
// before a byte that may follow it; or, as a name in a fallback lookup,
// with only underscores before a byte that is none of those.
func (n *roleNames) endsName(rest []byte) bool {
	for _, b := range rest {
		if n.follow[b] {
			return true
		}
		if !n.inside[b] || isAlnum(b) {
			break
		}
	}
	if n.via {
		i := 0
		for i < len(rest) && rest[i] == '_' {
			i++
		}
		return i < len(rest) && !isAlnum(rest[i]) && rest[i] != '_'
	}
	return false
}
