package rules

import (
	"bytes"
	"regexp"
	"slices"
)

// identWords splits an identifier such as NEXT_PUBLIC_AMPLITUDE_API_KEY,
// amplitudeApiKey or AmplitudeAPI.config.secret_key into lowercase words.
func identWords(id string) []string {
	// The words are slices of one lowered copy of id: a name's words are
	// asked for by several judgments of every match, and a string per
	// word (and another to lower it) was most of their cost in a file of
	// many distinct names. Only ASCII letters and digits make words, so
	// lowering ASCII is lowering.
	lower := []byte(id)
	for i, c := range lower {
		lower[i] = lowerASCII(c)
	}
	text := string(lower)
	var words []string
	start := -1 // where the current word starts, or -1
	flush := func(end int) {
		if start >= 0 {
			words = append(words, text[start:end])
			start = -1
		}
	}
	for i := 0; i < len(id); i++ {
		c := id[i]
		if !isAlnum(c) {
			flush(i)
			continue
		}
		if c >= 'A' && c <= 'Z' && start >= 0 {
			prev := id[i-1]
			nextLower := i+1 < len(id) && id[i+1] >= 'a' && id[i+1] <= 'z'
			// amplitudeApi -> amplitude Api; APIKey -> API Key
			if prev >= 'a' && prev <= 'z' || prev >= '0' && prev <= '9' || (prev >= 'A' && prev <= 'Z' && nextLower) {
				flush(i)
			}
		}
		if start < 0 {
			start = i
		}
	}
	flush(len(id))
	return words
}

// namesProduct reports whether an identifier's words name the product
// itself ([identifiers.conditions] product).
func (lx *lexicon) namesProduct(words []string) bool { return lx.product.holds(words) }

// roleOfIdentifier classifies a value by the words of the name it is
// assigned to ([[identifiers.role]], first match). It returns "" when the
// name does not say one of our credentials.
func (lx *lexicon) roleOfIdentifier(id string) Role {
	words := identWords(id)
	if len(words) == 0 || lx.notAKeyTails[words[len(words)-1]] || lx.vendorWord(words) {
		return ""
	}
	for _, r := range lx.identRoles {
		if (!r.alone || len(words) == 1) && r.when.holds(words) {
			return r.role
		}
	}
	return ""
}

// roleWords returns words of which every name that gives its value a role
// holds one, as a word of its own (see identWords): a role's condition
// needs them, or the generic token names' condition does. So text that
// holds none of them, in any case, holds no such name. The words of roles
// that need the name to be that one word (alone) are returned apart: a
// name holding one of them is nothing but it, and perhaps underscores,
// dots or dashes. It returns false when a role could be had without any
// word in particular.
func (lx *lexicon) roleWords() (words, alone []string, ok bool) {
	if lx.refinesUnnamed {
		return nil, nil, false // a name of no role may still take its block's
	}
	conds := []cond{lx.tokenNeeds}
	lone := []bool{false}
	for _, r := range lx.identRoles {
		if r.role != "" {
			conds, lone = append(conds, r.when), append(lone, r.alone)
		}
	}
	// Where an "&" leaves a choice of parts, the part whose words are
	// looked for anyway is taken: a first pass collects the words of every
	// condition and named condition (@credential) that leaves no choice,
	// and each part chosen adds its own.
	var covered []string
	for i, c := range conds {
		if !lone[i] {
			c.required(func(parts [][]string) []string {
				if len(parts) == 1 {
					covered = append(covered, parts[0]...)
				}
				return parts[0]
			})
		}
	}
	for i, c := range conds {
		need, ok := c.required(rarestPart(covered))
		if !ok {
			return nil, nil, false
		}
		if lone[i] {
			alone = append(alone, need...)
		} else {
			words = append(words, need...)
			covered = append(covered, need...)
		}
	}
	return words, alone, true
}

// roleOfName is roleOfIdentifier, remembered in memo.
func (lx *lexicon) roleOfName(id string, memo *nameMemo) Role {
	role, _ := lx.roleOfNameRefinable(id, memo)
	return role
}

// roleOfNameRefinable is roleOfName, and whether an enclosing name may
// refine the role (see qualifyName), judged with it.
func (lx *lexicon) roleOfNameRefinable(id string, memo *nameMemo) (Role, bool) {
	f := memo.of(id)
	if f.known&knowsRole == 0 {
		f.role, f.known = lx.roleOfIdentifier(id), f.known|knowsRole
		f.refinable = lx.refinable[f.role]
	}
	return f.role, f.refinable
}

// vendorWord reports whether a name holds another vendor's name or the
// name of another system's credential ([vendors]).
func (lx *lexicon) vendorWord(words []string) bool {
	for _, w := range words {
		if lx.vendorWords[w] {
			return true
		}
	}
	return false
}

// prefixExposure returns the number in lx.exposures of the public-bundle
// prefix ([identifiers] public_prefixes) an identifier starts with, such
// as NEXT_PUBLIC_, or noExposure.
func (lx *lexicon) prefixExposure(id string) uint16 {
	words := identWords(id)
	for i, p := range lx.publicPrefixes {
		if len(words) > len(p) && hasPrefixWords(words, p) {
			return uint16(firstPrefixExposure + i) //nolint:gosec // at most maxListed
		}
	}
	return noExposure
}

func hasPrefixWords(words, prefix []string) bool {
	for i, p := range prefix {
		if words[i] != p {
			return false
		}
	}
	return true
}

// genericTokenName reports names that say "a token" without saying whose:
// token, access_token, bearerToken, Authorization ([identifiers]
// generic_token).
func (lx *lexicon) genericTokenName(id string) bool {
	words := identWords(id)
	if len(words) == 0 {
		return false
	}
	for _, w := range words {
		if !lx.tokenWords[w] {
			return false
		}
	}
	return lx.tokenNeeds.holds(words)
}

// A generic key name (api_key, secret_key) can sit inside a table or block
// whose own name says more: [amplitude.org] api_key = …, org = { api_key =
// … }, or a YAML org: block. qualifyName prefixes such a name with its
// enclosing one when that makes it a stricter role, and leaves it alone
// otherwise. Only roles marked enclosing_may_refine are refined.
// tables keeps what tableMemo.header found for rows already asked about.
func (lx *lexicon) qualifyName(data []byte, idStart int, id string, memo *nameMemo, tables *tableMemo, sections *sectionLines) string {
	if id == "" {
		return lx.columnName(data, idStart, tables)
	}
	role, refinable := lx.roleOfNameRefinable(id, memo)
	if !refinable {
		return id
	}
	parent := enclosingName(data, idStart, sections)
	if parent == "" {
		return id
	}
	// What a name and its parent give depends on them and the lexicon
	// alone; joining them and looking the join up for each key of a CI
	// job's env: block was 3% of a scan of such files.
	last := &memo.qualified
	if last.parent == parent && last.id == id && last.name != "" {
		return last.name
	}
	name := id
	qualified := parent + "_" + id
	if q := lx.roleOfName(qualified, memo); q != "" && q != role && lx.stricterRole(role, q) == q {
		name = qualified
	}
	last.parent, last.id, last.name = parent, id, name
	return name
}

// enclosingName finds the name of the block a key at idStart sits in: an
// inline table or object opened earlier on the same line, else the nearest
// less-indented YAML key above, else the nearest [section] header above.
//
// sections, when not nil, lists the lines that may be section headers,
// for a key at the start of its line: one that no block can enclose but
// a section. Such a key is the common case in a flat .env or .ini, and
// reading back over 40 lines for every one of its keys was a tenth of a
// scan of 50,000 of them.
func enclosingName(data []byte, idStart int, sections *sectionLines) string {
	// Look back a bounded span only, so that a key in a megabyte-long
	// minified line costs the same as one in a short line.
	from := max(0, idStart-inlineReach)
	lineStart := lastIndexByte(data[from:idStart], '\n') + 1 + from
	if name, ok := lastInlineOpener(data[lineStart:idStart]); ok {
		return name
	}
	if len(bytes.TrimLeft(data[lineStart:idStart], " \t-\"'")) > 0 {
		return "" // not the first thing on its line
	}
	lineStart = lastIndexByte(data[:idStart], '\n') + 1 // only blanks between
	indent := idStart - lineStart
	if indent == 0 && sections != nil {
		return sections.above(data, idStart, enclosingLines)
	}
	for end, seen := lineStart-1, 0; end > 0 && seen < enclosingLines; seen++ {
		start := lastIndexByte(data[:end], '\n') + 1
		line := data[start:end]
		end = start - 1
		trimmed := trimBlanks(line)
		if len(bytes.TrimSpace(trimmed)) == 0 || trimmed[0] == '#' {
			continue
		}
		// A header's first byte after blanks is '[' (a line starting
		// with \f or \r is left to the pattern, whose \s takes those
		// too): most lines are passed over without a search.
		if c := trimmed[0]; c == '[' || c == '\f' || c == '\r' {
			if m := sectionHeader.FindSubmatch(line); m != nil {
				return string(m[1])
			}
		}
		if lead := len(line) - len(trimmed); lead < indent {
			name, _ := yamlParentName(line)
			return name
		}
	}
	return ""
}

// enclosingLines is how far above a key enclosingName looks, in lines.
const enclosingLines = 40

// sectionLines lists the lines of a buffer whose first byte after blanks
// is one a section header may start with ('[', or '\f' or '\r', which
// sectionHeader's \s takes): enclosingName passes over every other line
// above a key at the start of its line. The list is made when first asked.
type sectionLines struct {
	text  lineIndex
	built bool
	lines []int // indices in text.nl, in order
}

// above returns the name in the nearest section header among the n lines
// above the one at p, or "".
func (sl *sectionLines) above(data []byte, p, n int) string {
	if !sl.built {
		sl.built = true
		start := 0
		for j, end := range sl.text.nl {
			i := start
			for i < end && (data[i] == ' ' || data[i] == '\t') {
				i++
			}
			if i < end && (data[i] == '[' || data[i] == '\f' || data[i] == '\r') {
				sl.lines = append(sl.lines, j)
			}
			start = end + 1
		}
	}
	k := sl.text.after(p) // p's line
	i, _ := slices.BinarySearch(sl.lines, k)
	for i--; i >= 0 && sl.lines[i] >= k-n; i-- {
		j := sl.lines[i]
		start := 0
		if j > 0 {
			start = sl.text.nl[j-1] + 1
		}
		if m := sectionHeader.FindSubmatch(data[start:sl.text.nl[j]]); m != nil {
			return string(m[1])
		}
	}
	return ""
}

// trimBlanks is bytes.TrimLeft(b, " \t") without building the cutset's
// table on every call: enclosingName trims each of up to 40 lines above
// every key it is asked about (a tenth of a scan of a flat .env).
func trimBlanks(b []byte) []byte {
	i := 0
	for i < len(b) && (b[i] == ' ' || b[i] == '\t') {
		i++
	}
	return b[i:]
}

// lastInlineOpener returns the name in the last match in b of inlineOpener
// (a pattern the tests hold), the one FindAll would list last: an inline
// table or object opened on the key's line. Every match ends at a '{' and holds
// no other, so the match ending at a '{' starts after the '{' before it:
// trying the stretches between braces from the end finds it with one
// short search, where listing every match on a minified line (a brace
// every few bytes) was a fifth of the long-line benchmark.
func lastInlineOpener(b []byte) (string, bool) {
	for brace := lastIndexByte(b, '{'); brace >= 0; {
		prev := lastIndexByte(b[:brace], '{')
		// The opener's '=' or ':' stands before its brace, blanks aside:
		// most braces in code follow something else, and are passed over
		// without a search.
		k := brace - 1
		for k >= 0 && isSpaceByte(b[k]) {
			k--
		}
		if k >= 0 && (b[k] == '=' || b[k] == ':') {
			if name, ok := inlineOpenerName(b, prev+1, k); ok {
				return name, true
			}
		}
		brace = prev
	}
	return "", false
}

// inlineOpenerName is the name inlineOpener's match in b[lo:brace+1] holds,
// where b[k] is the '=' or ':' before the brace, blanks aside. Every
// match ends at that brace, the stretch's only one, so it is read
// backwards: blanks, an optional quote, then the name, which is the
// longest run of name bytes there from its first letter or '_' (the
// leftmost match). The regexp, trying each start in turn, was 43% of a
// scan of a one-line JSON of projects and their keys (pprof).
func inlineOpenerName(b []byte, lo, k int) (string, bool) {
	k--
	for k >= lo && isSpaceByte(b[k]) {
		k--
	}
	end := k + 1
	if k >= lo && (b[k] == '"' || b[k] == '\'') {
		end = k
	}
	start := end
	for start > lo && isOpenerNameByte(b[start-1]) {
		start--
	}
	for start < end && !(isLetterByte(b[start]) || b[start] == '_') {
		start++
	}
	if start == end {
		return "", false
	}
	return string(b[start:end]), true
}

// yamlParentName returns the name in yamlParent's match of line, a
// YAML key that opens a block: a name and a colon, with blanks, a leading
// '-', quotes or an opening brace around them. Each part of the pattern
// can be read one way only (none of its optional bytes can start the part
// after it), so it is read by hand, left to right: the regexp's
// backtracker, asked about the line above every indented key, was a third
// of a scan of nested YAML keys.
func yamlParentName(line []byte) (string, bool) {
	blanks := func(i int) int {
		for i < len(line) && isSpaceByte(line[i]) {
			i++
		}
		return i
	}
	isQuote := func(i int) bool { return i < len(line) && (line[i] == '"' || line[i] == '\'') }
	i := blanks(0)
	if i < len(line) && line[i] == '-' {
		i = blanks(i + 1)
	}
	if isQuote(i) {
		i++
	}
	start := i
	if i == len(line) || !(isLetterByte(line[i]) || line[i] == '_') {
		return "", false
	}
	for i < len(line) && isOpenerNameByte(line[i]) {
		i++
	}
	end := i
	if isQuote(i) {
		i++
	}
	if i = blanks(i); i == len(line) || line[i] != ':' {
		return "", false
	}
	if i = blanks(i + 1); i < len(line) && line[i] == '{' {
		i = blanks(i + 1)
	}
	if i != len(line) {
		return "", false
	}
	return string(line[start:end]), true
}

// isOpenerNameByte is the name class, [A-Za-z0-9_.\-], of the patterns
// inlineOpener and yamlParent.
func isOpenerNameByte(c byte) bool {
	return isLetterByte(c) || c >= '0' && c <= '9' || c == '_' || c == '.' || c == '-'
}

// isSpaceByte is RE2's \s: space, tab, newline, form feed, carriage return.
func isSpaceByte(c byte) bool {
	return c == ' ' || c == '\t' || c == '\n' || c == '\f' || c == '\r'
}

// inlineReach is how far back on its line a key looks for the inline table
// or object it sits in (org = { api_key = …, secret_key = … }).
const inlineReach = 512

// sectionHeader is an INI or TOML section header. (An inline opener and a
// YAML parent line are read by hand: see inlineOpenerName and
// yamlParentName, and the patterns they are tested against.)
var sectionHeader = regexp.MustCompile(`^\s*\[+\s*([A-Za-z_][A-Za-z0-9_.\-]*)\s*\]+\s*$`)

// genericKeyName reports whether every word of a name is in the generic
// vocabulary ([identifiers] generic), or the name is a single short word
// (a config field, k, v).
func (lx *lexicon) genericKeyName(id string) bool {
	words := identWords(id)
	for _, w := range words {
		// One-letter words are receivers (c.api_key in a Ruby block).
		if !lx.generic[w] && !isNumber(w) && len(w) > 1 {
			return false
		}
	}
	return len(words) > 0
}

func isNumber(w string) bool {
	for i := 0; i < len(w); i++ {
		if w[i] < '0' || w[i] > '9' {
			return false
		}
	}
	return w != ""
}

var nameInExpr = regexp.MustCompile(`[A-Za-z_][A-Za-z0-9_]*`)

// fallbackName handles a literal that is the fallback of a lookup:
// key = process.env.AMPLITUDE_SECRET_KEY || "…". The name looked up says
// more than the variable it lands in, so the stricter of the two wins.
func (lx *lexicon) fallbackName(id string, via []byte, memo *nameMemo) string {
	best, bestRole := id, lx.roleOfName(id, memo)
	for _, m := range nameInExpr.FindAll(via, -1) {
		name := string(m)
		role := lx.roleOfName(name, memo)
		if role == "" {
			continue
		}
		if bestRole == "" || lx.stricterRole(bestRole, role) == role && role != bestRole {
			best, bestRole = name, role
		}
	}
	return best
}

// A table cell whose column, not its row, says what it holds: a Markdown,
// Confluence or MediaWiki table headed "Environment | API key". A rule marks
// such a value with an empty id group; columnName returns the name the value
// stands under: its column's header, or the header with the row's label in
// front when the label names another vendor (| Mixpanel | … | under "Key"),
// so that the name says whose it is. "" when no header is found.
func (lx *lexicon) columnName(data []byte, at int, tables *tableMemo) string {
	r := tables.rowAt(data, at)
	header, style, lo := tables.header(data, r.ls)
	if header == nil {
		return ""
	}
	// What the row holds before the value: bars (or MediaWiki's pairs of
	// them) number its column, and its first cell is its label.
	var col int
	switch style {
	case '!': // MediaWiki: | a || b, headed ! A !! B
		col = r.before(r.pairs(data), at-2)
	default: // Markdown (| a | b |, headed | A | B | over |---|---|), Confluence (|a|b|, headed ||A||B||)
		col = r.before(r.bars(data), at-1) - 1
	}
	cells := tables.cells(header, style, lo)
	if col < 0 || col >= len(cells) {
		return ""
	}
	name := string(bytes.Trim(cells[col], " \t*`"))
	if label, vendor := r.label(lx, data, at); vendor {
		return label + " " + name
	}
	return name
}

// tableMemo keeps what columnName has learnt of a scan's tables.
//
// answers keeps, by the start of a table's row, what walking up from it
// to its table's header found, so that the rows of one table are walked
// over once, not once for every row below them: a table of thousands of
// keys would cost the square of its rows. (The walk used to stop after 60
// rows instead, and a longer table's later rows lost their header and
// their findings.)
//
// row and head are the last row and header read. A row is read once
// however many values stand in it: a Markdown row of tens of thousands of
// cells on one line was read from its start, and its header split, for
// every one of them (0.4 MB/s for a row of 1 MB).
type tableMemo struct {
	answers map[int]tableAnswer
	row     tableRow
	head    tableHead
}

// tableAnswer is a table's header line, data[lo:hi], and its syntax (see
// header); style 0 when there is none.
type tableAnswer struct {
	lo, hi int
	style  byte
}

// tableRow is one line of the input, data[ls:end], as a table's row.
type tableRow struct {
	ls, end int // end is the line's newline, or the input's end; end < 0 when no row is read
	// The first cell, data[first:firstEnd]: the first run of bytes that
	// are not '|' (firstEnd is the bar after it, or end).
	first, firstEnd int
	labelName       string // the first cell whole, trimmed, once labelRead
	labelVendor     bool   // it names another vendor
	labelRead       bool
	barAt, pairAt   []int // where its '|' stand, and its "||" as bytes.Count finds them; nil until asked
}

// tableHead is a header line's cells, split as its style splits them
// (a line's first bytes decide its style, so its start is enough to know
// it by).
type tableHead struct {
	lo    int // the header line's start; -1 before any is split
	cells [][]byte
}

func newTableMemo() *tableMemo {
	return &tableMemo{answers: map[int]tableAnswer{}, row: tableRow{end: -1}, head: tableHead{lo: -1}}
}

// rowAt returns the row that holds at, reading it first unless it is the
// last one read.
func (m *tableMemo) rowAt(data []byte, at int) *tableRow {
	r := &m.row
	if r.end >= 0 && r.ls <= at && at <= r.end {
		return r
	}
	ls := bytes.LastIndexByte(data[:at], '\n') + 1
	end := len(data)
	if i := bytes.IndexByte(data[at:], '\n'); i >= 0 {
		end = at + i
	}
	first := ls
	for first < end && data[first] == '|' {
		first++
	}
	firstEnd := end
	if i := bytes.IndexByte(data[first:end], '|'); i >= 0 {
		firstEnd = first + i
	}
	*r = tableRow{ls: ls, end: end, first: first, firstEnd: firstEnd}
	return r
}

// bars returns where the row's '|' stand.
func (r *tableRow) bars(data []byte) []int {
	if r.barAt == nil {
		r.barAt = []int{}
		for i := r.ls; i < r.end; i++ {
			if data[i] == '|' {
				r.barAt = append(r.barAt, i)
			}
		}
	}
	return r.barAt
}

// pairs returns where the row's "||" stand, as bytes.Count counts them
// from the row's start: each search starts after the last pair found.
// Any prefix of the row holds the same pairs, up to its end.
func (r *tableRow) pairs(data []byte) []int {
	if r.pairAt == nil {
		r.pairAt = []int{}
		for i := r.ls; i+1 < r.end; i++ {
			if data[i] == '|' && data[i+1] == '|' {
				r.pairAt = append(r.pairAt, i)
				i++
			}
		}
	}
	return r.pairAt
}

// before returns how many of the places are at or before last.
func (r *tableRow) before(places []int, last int) int {
	n, _ := slices.BinarySearch(places, last+1)
	return n
}

// label returns the first cell of data[r.ls:at] (the first run of bytes
// that are not '|', trimmed) and whether it names another vendor: the
// first cell whole once at is past it (worked out once a row), or cut at
// at.
func (r *tableRow) label(lx *lexicon, data []byte, at int) (string, bool) {
	if at < r.firstEnd {
		if at <= r.first {
			return "", false // no cell yet: an empty label names no vendor
		}
		l := string(bytes.TrimSpace(data[r.first:at]))
		return l, lx.vendorWord(identWords(l))
	}
	if !r.labelRead {
		r.labelName = string(bytes.TrimSpace(data[r.first:r.firstEnd]))
		r.labelVendor, r.labelRead = lx.vendorWord(identWords(r.labelName)), true
	}
	return r.labelName, r.labelVendor
}

// cells returns the header's cells, splitting it unless it was the last
// one split.
func (m *tableMemo) cells(header []byte, style byte, lo int) [][]byte {
	if m.head.lo == lo {
		return m.head.cells
	}
	var cells [][]byte
	switch style {
	case '!':
		cells = bytes.Split(bytes.TrimPrefix(header, []byte("!")), []byte("!!"))
	case 'c':
		cells = bytes.Split(bytes.TrimPrefix(header, []byte("||")), []byte("||"))
	default:
		cells = bytes.Split(bytes.TrimPrefix(header, []byte("|")), []byte("|"))
	}
	m.head = tableHead{lo: lo, cells: cells}
	return cells
}

// header walks up from the row starting at ls over the rows of its table
// to the header, and says which table syntax it is: '!' MediaWiki, 'c'
// Confluence, 'm' Markdown, or 0 with a nil header when the rows above
// are not a table's. lo is where the header's line starts.
func (m *tableMemo) header(data []byte, ls int) (header []byte, style byte, lo int) {
	if a, ok := m.answers[ls]; ok { // this row, asked before
		return m.answerOf(data, a)
	}
	var ans tableAnswer
	var walked []int // the plain rows passed over: their answer is ls's
	for end := ls - 1; end > 0; {
		start := bytes.LastIndexByte(data[:end], '\n') + 1
		if a, ok := m.answers[start]; ok { // a plain row answered before
			ans = a
			break
		}
		lineEnd := end
		line := bytes.TrimSpace(data[start:lineEnd])
		end = start - 1
		if !plainRow(line) {
			switch {
			case bytes.HasPrefix(line, []byte("!")):
				ans = tableAnswer{start, lineEnd, '!'}
			case bytes.HasPrefix(line, []byte("||")):
				ans = tableAnswer{start, lineEnd, 'c'}
			case bytes.HasPrefix(line, []byte("|")) && isTableRule(line) && end > 0:
				hs := bytes.LastIndexByte(data[:end], '\n') + 1
				ans = tableAnswer{hs, end, 'm'}
			}
			break // any other line ends the table: no header
		}
		walked = append(walked, start)
	}
	for _, r := range walked {
		m.answers[r] = ans
	}
	// The asked row's own answer is kept only if it is a plain row: a
	// walk from below reads any other line itself.
	if rest := trimBlanks(data[ls:]); plainRow(rest[:min(len(rest), 2)]) {
		m.answers[ls] = ans
	}
	return m.answerOf(data, ans)
}

func (m *tableMemo) answerOf(data []byte, a tableAnswer) ([]byte, byte, int) {
	if a.style == 0 {
		return nil, 0, 0
	}
	return bytes.TrimSpace(data[a.lo:a.hi]), a.style, a.lo
}

// plainRow reports whether a line (trimmed, or its first two bytes) is a
// table's row that is neither a header nor a Markdown rule: the walk to
// the header goes on past it.
func plainRow(line []byte) bool {
	return bytes.HasPrefix(line, []byte("|")) && !bytes.HasPrefix(line, []byte("||")) && !isTableRule(line)
}

// isTableRule: a Markdown header separator such as |---|:--:|.
func isTableRule(line []byte) bool {
	// (MediaWiki's row separator |- has one bar, a Markdown rule two or more.)
	return bytes.Count(line, []byte("|")) >= 2 && bytes.Contains(line, []byte("-")) &&
		len(bytes.Trim(line, "|-: \t")) == 0
}
