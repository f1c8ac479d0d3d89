package rules

import "sync"

// carried is what a scan hands on to the next: the names it judged (see
// nameMemo), the values of no name it judged (see half), and the lists it
// grew. A version of a .env of 50,000 keys holds 114,000 tokens and makes
// 64,000 matches; grown afresh for every version a history scans, those
// lists were copied as they grew (write barriers and all, a match holding
// strings), and that was 8% of the keys history's CPU.
type carried struct {
	names, values *nameMemo
	cands, tokens []span
	matches       []hit
	// The working lists of windows and their chunks (see Catalogue.scan).
	// Grown anew for each version of a .env of 50,000 keys, they were
	// allocated, zeroed and collected again for each (growing the chunks
	// alone took 1.5% of that history's CPU).
	windows     []span
	reaches     []int
	chunks      []chunk   // a rule's chunks of anchor windows
	valueChunks [][]chunk // the chunks of value windows, one list for each rule.Lines met
}

// Bounds on what is kept between scans: a list that grew past its bound
// is left to the collector, and a memo past maxKeptNames is emptied.
// A carried holds at most about 18 MB of names, as much of values, 8 MiB
// of spans, 6 MiB of matches and 10 MiB of windows and chunks (4 MiB more
// for each further rule.Lines among the rules that anchor on values; the
// built-in rules have three), and maxCarried of them are kept (one for each
// scan that ran at once), so at most about 270 MB stays between scans,
// until ForgetNames; that takes files far denser than any code (a version
// of the keys .env keeps 14,000 values, span lists of under 2 MiB, 3.6 MiB
// of matches and 4.4 MiB of windows and chunks).
const (
	maxCarriedSpans   = 1 << 18 // 4 MiB a list
	maxCarriedMatches = 1 << 17 // 6 MiB of hits
	maxCarried        = 4
)

// keptScans is a lexicon's carried state between scans. It is a list,
// not a sync.Pool: a pool lets go of what it holds at every other
// collection, and a history of dense versions collects about once a
// version (a third of the keys history's scans started with an empty
// list when a pool held them).
type keptScans struct {
	mu   sync.Mutex
	kept []*carried
}

// takeCarried returns what an earlier scan with lx handed on, or a new
// carried with an empty memo.
func (lx *lexicon) takeCarried() *carried {
	k := &lx.kept
	k.mu.Lock()
	defer k.mu.Unlock()
	if n := len(k.kept); n > 0 {
		c := k.kept[n-1]
		k.kept[n-1] = nil
		k.kept = k.kept[:n-1]
		return c
	}
	return &carried{names: &nameMemo{}, values: &nameMemo{}}
}

// keepCarried hands c on to the next scan, within the bounds above. Its
// matches are cleared first, so that no secret outlives its scan there.
func (lx *lexicon) keepCarried(c *carried) {
	if len(c.names.facts) > maxKeptNames {
		*c.names = nameMemo{}
	}
	if len(c.values.facts) > maxKeptNames {
		*c.values = nameMemo{}
	}
	if cap(c.cands) > maxCarriedSpans || cap(c.tokens) > maxCarriedSpans {
		c.cands, c.tokens = nil, nil
	}
	c.cands, c.tokens = c.cands[:0], c.tokens[:0]
	if cap(c.windows) > maxCarriedSpans || cap(c.reaches) > maxCarriedSpans || cap(c.chunks) > maxCarriedSpans {
		c.windows, c.reaches, c.chunks = nil, nil, nil
	}
	c.windows, c.reaches, c.chunks = c.windows[:0], c.reaches[:0], c.chunks[:0]
	for i, cs := range c.valueChunks {
		if cap(cs) > maxCarriedSpans {
			cs = nil
		}
		c.valueChunks[i] = cs[:0]
	}
	if cap(c.matches) > maxCarriedMatches {
		c.matches = nil // past its bound: left to the collector
	}
	clear(c.matches)
	c.matches = c.matches[:0]
	k := &lx.kept
	k.mu.Lock()
	defer k.mu.Unlock()
	if len(k.kept) < maxCarried {
		k.kept = append(k.kept, c)
	}
}

// ForgetNames lets go of what scans hand on to the next: the judgments
// of names and the lists they grew. A run of scans calls it when it
// ends: a carried (up to 36 MB) would otherwise stay with the catalogue
// while the report is written.
func (c *Catalogue) ForgetNames() {
	k := &c.lex.kept
	k.mu.Lock()
	defer k.mu.Unlock()
	clear(k.kept)
	k.kept = k.kept[:0]
}
