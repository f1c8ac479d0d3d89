package rules

// nameMemo holds what scans have judged of each name they met, each
// judgment made once, when first asked: in dense code a few names
// (AMPLITUDE_API_KEY, apiKey) hold most values, and splitting a name into
// words costs allocations. A name is asked for its role, whether no key
// type takes it, whether it names the product or only says "key", and its
// public prefix; a map for each cost four insertions per distinct name,
// and in a .env of 50,000 keys, every name distinct, inserting and
// growing those maps was a sixth of the scan. One map now gives each name
// its index in facts.
//
// Every judgment is of the name and the catalogue's lexicon alone, never
// of the file, so a memo is kept from scan to scan (see carried):
// a history holds the same file again and again, each version with the
// names of the last. Judging a .env's 50,000 names again for each of its
// 31 versions was a sixth of that history's scan (bench/git-keys.sh,
// 6.9 s against 5.8 s).
type nameMemo struct {
	index map[string]int32
	names []string // by place in facts, the names as index holds them
	facts []nameFacts
	lasts []lastValue
	// qualified is the last name qualifyName was asked about with an
	// enclosing name, that name, and its answer: the keys of one YAML
	// block or TOML table are met one after another.
	qualified struct{ parent, id, name string }
	// recent is the place of the name asked for last, +1 (0: none): a
	// match's name is asked for four or five times in a row (whether it
	// is keyless, its role, whether it names the product, its prefix).
	// Lookups in the map were 8% of the keys history's CPU.
	recent int32
}

// nameFacts is one name's judgments; known says which are made.
type nameFacts struct {
	role Role
	// refinable is refinable[role]: an enclosing name may refine it.
	refinable bool
	prefix    uint16 // the exposure its public prefix gives (see prefixExposure)
	known     uint8
	keyless   bool
	product   bool
	generic   bool // see genericKeyName
	// last is one more than the place in lasts of the value the name
	// held when last met (see half); 0 if none. Most names hold no value
	// half judges (they are keyless), so it is kept apart.
	last int32
}

// lastValue is a value as written and as half judged it.
type lastValue struct {
	raw, decode, value string
	shape              Shape
	ok, plausible      bool
}

const (
	knowsRole = 1 << iota
	knowsKeyless
	knowsProduct
	knowsPrefix
	knowsGeneric
)

// of returns id's facts, adding an entry with none known the first time.
// The pointer is valid until the next name is added.
func (m *nameMemo) of(id string) *nameFacts {
	return &m.facts[m.indexOf(id)]
}

// lastOf returns the last value of the name at facts[at], empty the first
// time; nil when maxKeptNames values are held already: a memo that holds
// more is emptied before the next scan (see keepCarried), so they would not
// be asked again (200,000 of them take 13 MB, more while the list grows).
// The pointer is valid until the next name's value is added.
func (m *nameMemo) lastOf(at int32) *lastValue {
	f := &m.facts[at]
	if f.last == 0 {
		if len(m.lasts) >= maxKeptNames {
			return nil
		}
		m.lasts = append(m.lasts, lastValue{})
		f.last = int32(len(m.lasts)) //nolint:gosec // no more than the names
	}
	return &m.lasts[f.last-1]
}

// indexOf returns id's place in facts, adding an entry the first time.
func (m *nameMemo) indexOf(id string) int32 {
	if m.recent > 0 && m.names[m.recent-1] == id {
		return m.recent - 1
	}
	i, ok := m.index[id]
	if !ok {
		if m.index == nil {
			m.index = map[string]int32{}
		}
		i = int32(len(m.facts)) //nolint:gosec // a scan's names are far fewer than 2^31: each stands before a value of several bytes in a window
		m.index[id] = i
		m.names = append(m.names, id)
		m.facts = append(m.facts, nameFacts{})
	}
	m.recent = i + 1
	return i
}

// indexBytes is indexOf for a name written in data, which it copies only
// when the name is new.
//
// Before the map, it tries the name added after the one asked for last:
// a file's names are added in the order it writes them, and the next
// version of a file in a history asks for them in that order again. In
// the keys .env's history that takes every name but the first of a
// version without a lookup in a map of 50,000 (4-5% of its CPU, 5
// alternating runs each way); in dense text it mostly fails, at the cost
// of one comparison.
func (m *nameMemo) indexBytes(id []byte) int32 {
	if m.recent > 0 && m.names[m.recent-1] == string(id) {
		return m.recent - 1
	}
	if n := m.recent; int(n) < len(m.names) && m.names[n] == string(id) {
		m.recent = n + 1
		return n
	}
	if i, ok := m.index[string(id)]; ok {
		m.recent = i + 1
		return i
	}
	return m.indexOf(string(id))
}

// maxKeptNames bounds a memo kept for the next scan: past it the memo is
// emptied (see keepCarried). A name costs about 190 bytes, and 110 more
// with the value it held last (50,031 names of the keys .env held 8.7 MB,
// and their values 5.4 MB more), so a memo kept between scans holds at
// most about 18 MB; most files name far fewer.
const maxKeptNames = 1 << 16
