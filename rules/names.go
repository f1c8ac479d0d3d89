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
	// number is this roleNames' place among the catalogue's (see
	// literalTable.roleNames), where a scan keeps its aloneNames.
	number int
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
	n := &roleNames{words: noSet, number: t.roleNames}
	t.roleNames++
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
	if len(n.alone) == 0 {
		return false
	}
	if a := s.aloneNamesOf(n); a != nil {
		return a.standIn(lo, hi)
	}
	for _, id := range n.alone {
		w := len(s.literals.words[id])
		for p := s.next(id, lo, hi-w+1); p >= 0; p = s.next(id, p+1, hi-w+1) {
			if _, ok := n.endsNameAt(s.lower[:hi], p+w); ok {
				return true
			}
		}
	}
	return false
}

// aloneNames is where the words of a roleNames that must stand alone
// stand as a whole name, in text searched to its end: at[i] is where a
// word starts and ends[i] where the text after it showed that it ends a
// name. Asked about s.lower[lo:hi], such a word ends a name there when
// ends[i] < hi (see endsNameAt). Dense text asks about its windows
// hundreds of thousands of times, and "user" stands in most of them
// inside a longer name (user_id, userProperties): looking it up place
// by place and reading past it each time cost more than finding once
// where it ends a name.
type aloneNames struct {
	at, ends []int
	cursor   int // as in occurrences
}

// aloneNamesOf returns n's aloneNames, built the first time, or nil while
// one of n's alone words is not indexed: text that has not indexed its
// literals is not dense enough to pay for reading every place they stand.
func (s *scan) aloneNamesOf(n *roleNames) *aloneNames {
	if s.alones != nil && s.alones[n.number] != nil {
		return s.alones[n.number]
	}
	if !s.indexed(n.alone) {
		return nil
	}
	if s.alones == nil {
		s.alones = make([]*aloneNames, s.literals.roleNames)
	}
	a := &aloneNames{}
	for _, id := range n.alone {
		w := len(s.literals.words[id])
		for _, p := range s.occ[id].at {
			if p+w < len(s.lower) {
				// Most places go on with a letter or a digit (userId,
				// lowered, is userid): no name ends there, as endsNameAt
				// would say after a call.
				if b := s.lower[p+w]; isAlnum(b) && !n.follow[b] {
					continue
				}
			}
			if end, ok := n.endsNameAt(s.lower, p+w); ok {
				a.at = append(a.at, p)
				a.ends = append(a.ends, end)
			}
		}
	}
	if len(n.alone) > 1 {
		sortByFirst(a.at, a.ends)
	}
	s.alones[n.number] = a
	return a
}

// standIn reports whether one of the words ends a name in lower[lo:hi].
func (a *aloneNames) standIn(lo, hi int) bool {
	k := a.cursor
	if !stillAt(a.at, k, lo) {
		k = seek(a.at, k, lo)
		a.cursor = k
	}
	for ; k < len(a.at) && a.at[k] < hi; k++ {
		if a.ends[k] < hi {
			return true
		}
	}
	return false
}

// sortByFirst orders at, and ends with it, by at.
func sortByFirst(at, ends []int) {
	idx := make([]int, len(at))
	for i := range idx {
		idx[i] = i
	}
	slices.SortStableFunc(idx, func(x, y int) int { return at[x] - at[y] })
	a, e := slices.Clone(at), slices.Clone(ends)
	for i, j := range idx {
		at[i], ends[i] = a[j], e[j]
	}
}

// endsNameAt reports whether a one-word name may end at from in lower:
// as the id, with only bytes an id holds that are no letter or digit
// before a byte that may follow it; or, as a name in a fallback lookup,
// with only underscores before a byte that is none of those. end is the
// byte that says so (the earlier, if both do), so that one reading
// answers for every cut of lower: the name ends at from in lower[:hi]
// exactly when ok and end < hi, as the same byte says so there if it is
// before hi, and no byte does otherwise.
func (n *roleNames) endsNameAt(lower []byte, from int) (end int, ok bool) {
	end = len(lower)
	for i := from; i < len(lower); i++ {
		b := lower[i]
		if n.follow[b] {
			end, ok = i, true
			break
		}
		if !n.inside[b] || isAlnum(b) {
			break
		}
	}
	if n.via {
		i := from
		for i < len(lower) && lower[i] == '_' {
			i++
		}
		if i < len(lower) && !isAlnum(lower[i]) && lower[i] != '_' && i < end {
			end, ok = i, true
		}
	}
	return end, ok
}
