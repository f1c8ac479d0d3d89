package rules

// nameMemo holds what one scan has judged of each name it met, each
// judgment made once, when first asked: in dense code a few names
// (AMPLITUDE_API_KEY, apiKey) hold most values, and splitting a name into
// words costs allocations. A name is asked for its role, whether no key
// type takes it, whether it names the product and its public prefix; a
// map for each cost four insertions per distinct name, and in a .env of
// 50,000 keys, every name distinct, inserting and growing those maps was
// a sixth of the scan. One map now gives each name its index in facts.
type nameMemo struct {
	index map[string]int32
	facts []nameFacts
}

// nameFacts is one name's judgments; known says which are made.
type nameFacts struct {
	role    Role
	prefix  string
	known   uint8
	keyless bool
	product bool
}

const (
	knowsRole = 1 << iota
	knowsKeyless
	knowsProduct
	knowsPrefix
)

// of returns id's facts, adding an entry with none known the first time.
// The pointer is valid until the next name is added.
func (m *nameMemo) of(id string) *nameFacts {
	if i, ok := m.index[id]; ok {
		return &m.facts[i]
	}
	if m.index == nil {
		m.index = map[string]int32{}
	}
	m.index[id] = int32(len(m.facts)) //nolint:gosec // a scan's names are far fewer than 2^31: each stands before a value of several bytes in a window
	m.facts = append(m.facts, nameFacts{})
	return &m.facts[len(m.facts)-1]
}

// ofBytes is of for a name written in data, which it copies only when the
// name is new.
func (m *nameMemo) ofBytes(id []byte) *nameFacts {
	if i, ok := m.index[string(id)]; ok {
		return &m.facts[i]
	}
	return m.of(string(id))
}
