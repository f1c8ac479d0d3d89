package rules

import (
	"bytes"
	"fmt"
	"math/rand/v2"
	"regexp"
	"slices"
	"strings"
	"testing"
	"unicode"
)

// The value is marked with §; the question is whether the brackets open
// around it were opened by another vendor's call or object.
func TestEnclosedByOtherVendor(t *testing.T) {
	t.Parallel()
	for _, tc := range []struct {
		text string
		want bool
	}{
		{`docsearch({ appId: "X", apiKey: "§", indexName: "amplitude-docs" })`, true},
		{`const c = algoliasearch('latency', '§');`, true},
		{`window.DD_RUM.init({ clientToken: '§', service: 'amplitude' })`, true},
		{`datadogRum.init({ apiKey: '§' })`, true},
		{`window.intercomSettings = { app_id: "a", apiKey: "§" }`, true},
		{"themeConfig: {\n  algolia: {\n    apiKey: '§',\n  },\n}", true},
		{`mixpanel.init('§', { name: 'amplitude' })`, true},
		{`analytics.load("§")`, true},
		{`amplitude.init({ apiKey: '§' })`, false},
		{`Sentry.wrap(() => { amplitude.init('§') })`, false},
		{`class GoogleAmplitudeBridge { init() { const k = '§' } }`, false},
		{`foo({ apiKey: '§' })`, false},
		{`Sentry.init({ dsn }); const c = { apiKey: '§' };`, false},
	} {
		i := strings.Index(tc.text, "§")
		lower := []byte(strings.ToLower(tc.text))
		if got := builtinLexicon().enclosedByOtherVendor(lower, i, nil); got != tc.want {
			t.Errorf("%q: got %v, want %v", tc.text, got, tc.want)
		}
		if got := builtinLexicon().enclosedByOtherVendor(lower, i, &brackets{}); got != tc.want {
			t.Errorf("%q, brackets listed: got %v, want %v", tc.text, got, tc.want)
		}
	}
}

// Reading only the listed brackets must answer as reading every byte
// does, whatever blocks earlier walks listed, and at the 2 KiB limit.
func TestEnclosedByOtherVendorFromList(t *testing.T) {
	t.Parallel()
	lx := builtinLexicon()
	r := rand.New(rand.NewPCG(30, 31))
	pieces := []string{"mixpanel.init(", "amplitude.init(", "foo(", "{", "}", "(", ")", "[", "]", "x = {", "algolia: {",
		"a", " ", "\n", strings.Repeat("z", 300), "datadogrum.init({"}
	decidedOther := 0
	for range 400 {
		var b strings.Builder
		for b.Len() < 200+r.IntN(9000) {
			b.WriteString(pieces[r.IntN(len(pieces))])
		}
		lower := []byte(b.String())
		list := &brackets{} // shared by the walks from one buffer, as in a scan
		for range 40 {
			at := r.IntN(len(lower) + 1)
			want := lx.enclosedByOtherVendor(lower, at, nil)
			if got := lx.enclosedByOtherVendor(lower, at, list); got != want {
				t.Fatalf("at %d of %q: from the list %v, reading every byte %v", at, lower, got, want)
			}
			if want {
				decidedOther++
			}
		}
	}
	if decidedOther == 0 {
		t.Fatal("no answer said another vendor's: the test reaches too little")
	}
	// The opener at exactly the limit is out of reach, one byte nearer in;
	// and an opener in a block's first or last byte is listed.
	for pad := maxContextBytes - 20; pad < maxContextBytes+5; pad++ {
		for _, lower := range [][]byte{
			[]byte("mixpanel.init(" + strings.Repeat("z", pad)),
			[]byte(strings.Repeat("z", pad) + " mixpanel.init(zz"),
		} {
			for at := len(lower) - 3; at <= len(lower); at++ {
				want := lx.enclosedByOtherVendor(lower, at, nil)
				if got := lx.enclosedByOtherVendor(lower, at, &brackets{}); got != want {
					t.Fatalf("at %d of %q: from the list %v, reading every byte %v", at, lower, got, want)
				}
			}
		}
	}
}

// appendBrackets, which tests eight bytes at once, must list exactly the
// bytes isBracket holds: every byte value at every place of a word, with
// the brackets' neighbours in value (the same byte with a bit more or
// less) around it, and texts whose length leaves a short tail.
func TestAppendBracketsAsIsBracket(t *testing.T) {
	t.Parallel()
	r := rand.New(rand.NewPCG(40, 41))
	near := []byte("()[]{}'*+)*Y_y\x7f\xa8\xdb\xfd\x00 \x08\x09\x2a\x59\x5f\x79\x7f")
	for round := range 3000 {
		text := make([]byte, r.IntN(200))
		for i := range text {
			text[i] = near[r.IntN(len(near))]
		}
		if len(text) > 0 && round < 256*8 {
			text[r.IntN(len(text))] = byte(round / 8) // every byte value
		}
		var want []int
		for i, c := range text {
			if isBracket[c] {
				want = append(want, 100+i)
			}
		}
		if got := appendBrackets([]int{7}, text, 100); !slices.Equal(got[1:], want) || got[0] != 7 {
			t.Fatalf("brackets of %q: %v, want %v after 7", text, got, want)
		}
	}
}

// The value is marked with §; columnName names it by its column header.
func TestColumnName(t *testing.T) {
	t.Parallel()
	for _, tc := range []struct {
		text, want string
	}{
		{"| Project | Region | API key |\n|---|---|---|\n| web | US | §", "API key"},
		{"| Project | API key | Secret key |\n| --- | --- | --- |\n| a | x | §", "Secret key"},
		{"| Vendor | Key |\n|---|---|\n| Mixpanel | §", "Mixpanel Key"},
		{"||Environment||API Key||\n|Production|§", "API Key"},
		{"{| class=\"wikitable\"\n! Env !! API Key !! Secret Key\n|-\n| prod || x || §", "Secret Key"},
		{"{| class=\"wikitable\"\n! Env !! API Key\n|-\n| a || b\n|-\n| prod || §", "API Key"},
		{"Some text\n| prod | §", ""},
		{"| a | b |\n| c | d | e | §", ""},
	} {
		i := strings.Index(tc.text, "§")
		if got := builtinLexicon().columnName([]byte(tc.text), i, newTableMemo()); got != tc.want {
			t.Errorf("%q: got %q, want %q", tc.text, got, tc.want)
		}
	}
}

// A long table's every row is named by its header, asked in order with
// one memo (as a scan asks) or alone; and the rows of a second table are
// named by its own header, not the first's.
func TestColumnNameLongTables(t *testing.T) {
	t.Parallel()
	var b strings.Builder
	var rows []int // where each row's value starts
	table := func(header, rule string, n int) {
		b.WriteString(header + "\n" + rule + "\n")
		for i := range n {
			fmt.Fprintf(&b, "| env%d | ", i)
			rows = append(rows, b.Len())
			b.WriteString("value |\n")
		}
	}
	table("| Env | API key |", "|---|---|", 300)
	b.WriteString("\nThe secret keys:\n\n")
	first := len(rows)
	table("| Env | Secret key |", "| --- | :---: |", 300)
	text := []byte(b.String())
	lx := builtinLexicon()
	memo := newTableMemo()
	for i, at := range rows {
		want := "API key"
		if i >= first {
			want = "Secret key"
		}
		if got := lx.columnName(text, at, memo); got != want {
			t.Fatalf("row %d, asked in order: %q, want %q", i, got, want)
		}
		if got := lx.columnName(text, at, newTableMemo()); got != want {
			t.Fatalf("row %d, asked alone: %q, want %q", i, got, want)
		}
	}
}

// columnNamePlain is columnName read plainly, as it was written before
// rows and headers were kept: each question reads its row from the line's
// start and walks up to the header.
func columnNamePlain(lx *lexicon, data []byte, at int) string {
	ls := bytes.LastIndexByte(data[:at], '\n') + 1
	row := data[ls:at]
	var header []byte
	var style byte
	for end := ls - 1; end > 0 && style == 0; {
		start := bytes.LastIndexByte(data[:end], '\n') + 1
		lineEnd := end
		line := bytes.TrimSpace(data[start:lineEnd])
		end = start - 1
		if plainRow(line) {
			continue
		}
		switch {
		case bytes.HasPrefix(line, []byte("!")):
			header, style = line, '!'
		case bytes.HasPrefix(line, []byte("||")):
			header, style = line, 'c'
		case bytes.HasPrefix(line, []byte("|")) && isTableRule(line) && end > 0:
			header, style = bytes.TrimSpace(data[bytes.LastIndexByte(data[:end], '\n')+1:end]), 'm'
		}
		break
	}
	if style == 0 {
		return ""
	}
	var col int
	var cells [][]byte
	switch style {
	case '!':
		col = bytes.Count(row, []byte("||"))
		cells = bytes.Split(bytes.TrimPrefix(header, []byte("!")), []byte("!!"))
	case 'c':
		col = bytes.Count(row, []byte("|")) - 1
		cells = bytes.Split(bytes.TrimPrefix(header, []byte("||")), []byte("||"))
	default:
		col = bytes.Count(row, []byte("|")) - 1
		cells = bytes.Split(bytes.TrimPrefix(header, []byte("|")), []byte("|"))
	}
	if col < 0 || col >= len(cells) {
		return ""
	}
	name := string(bytes.Trim(cells[col], " \t*`"))
	label := ""
	if fields := bytes.FieldsFunc(row, func(r rune) bool { return r == '|' }); len(fields) > 0 {
		label = string(bytes.TrimSpace(fields[0]))
	}
	if lx.vendorWord(identWords(label)) {
		return label + " " + name
	}
	return name
}

// columnName keeps the last row and header it read; whatever the order of
// the questions, it must answer as the plain reading does, in tables of
// every syntax with wide rows, vendor labels, stray bars and pairs of them.
func TestColumnNameAsPlainReading(t *testing.T) {
	t.Parallel()
	lx := builtinLexicon()
	r := rand.New(rand.NewPCG(18, 18))
	cellPieces := []string{"a1b2", " ", "\t", "|", "||", "API key", "Mixpanel", "segment", "é", "`x`", "*", "-", ":", "!", "\r", "v"}
	cell := func() string { return drawText(r, cellPieces, 4) }
	named := 0
	for range 400 {
		var b strings.Builder
		for range 1 + r.IntN(3) {
			n := 1 + r.IntN(6)
			heads := make([]string, n)
			for i := range heads {
				heads[i] = []string{"Env", "API key", "Secret key", "Mixpanel token", "", "key"}[r.IntN(6)]
			}
			switch r.IntN(4) {
			case 0:
				b.WriteString("! " + strings.Join(heads, " !! ") + "\n")
			case 1:
				b.WriteString("||" + strings.Join(heads, "||") + "||\n")
			default:
				b.WriteString("| " + strings.Join(heads, " | ") + " |\n|" + strings.Repeat("---|", n) + "\n")
			}
			for range r.IntN(5) {
				cells := 1 + r.IntN(8)
				if r.IntN(6) == 0 {
					cells = 200 + r.IntN(300) // a wide row
				}
				b.WriteString([]string{"| ", "|", "  | ", "||", "|| "}[r.IntN(5)])
				b.WriteString([]string{"prod", "Mixpanel", "", "Amplitude EU"}[r.IntN(4)])
				for range cells {
					b.WriteString([]string{" | ", "|", " || "}[r.IntN(3)] + cell())
				}
				b.WriteString("\n")
			}
			if r.IntN(3) == 0 {
				b.WriteString("some prose between tables\n")
			}
		}
		data := []byte(b.String())
		// Questions are asked where a value could stand: on a line with
		// a letter or digit. (A Markdown rule line, |---|, holds none. A
		// question asked there leaves in the memo an answer for that line
		// as if it were a plain row, as it always has, and rows below it
		// then find no header; the plain reading does not.)
		var asks []int
		for len(asks) < 60 {
			at := r.IntN(len(data) + 1)
			ls := bytes.LastIndexByte(data[:at], '\n') + 1
			end := len(data)
			if i := bytes.IndexByte(data[at:], '\n'); i >= 0 {
				end = at + i
			}
			if bytes.IndexFunc(data[ls:end], func(c rune) bool { return unicode.IsLetter(c) || unicode.IsDigit(c) }) >= 0 {
				asks = append(asks, at)
			}
		}
		slices.Sort(asks)
		inOrder := newTableMemo()
		shuffled := newTableMemo()
		order := r.Perm(len(asks))
		for i, at := range asks {
			want := columnNamePlain(lx, data, at)
			if got := lx.columnName(data, at, inOrder); got != want {
				t.Fatalf("%q at %d, asked in order: %q, the plain reading %q", data, at, got, want)
			}
			if got := lx.columnName(data, at, newTableMemo()); got != want {
				t.Fatalf("%q at %d, asked alone: %q, the plain reading %q", data, at, got, want)
			}
			other := asks[order[i]]
			if got, want := lx.columnName(data, other, shuffled), columnNamePlain(lx, data, other); got != want {
				t.Fatalf("%q at %d, asked out of order: %q, the plain reading %q", data, other, got, want)
			}
			if want != "" {
				named++
			}
		}
	}
	if named < 3000 {
		t.Errorf("only %d questions named a column: too few to show anything", named)
	}
}

// The patterns lastInlineOpener and enclosingName read by hand (see
// inlineOpenerName and yamlParentName): an inline table or object opened
// on the key's line (org = {), and a YAML key opening a block.
var (
	inlineOpener = regexp.MustCompile(`([A-Za-z_][A-Za-z0-9_.\-]*)["']?\s*(?:=|:)\s*\{`)
	yamlParent   = regexp.MustCompile(`^\s*-?\s*["']?([A-Za-z_][A-Za-z0-9_.\-]*)["']?\s*:\s*\{?\s*$`)
)

// lastInlineOpener searches between braces from the end; it must name
// what the last of all inlineOpener's matches names.
func TestLastInlineOpener(t *testing.T) {
	t.Parallel()
	r := rand.New(rand.NewPCG(8, 8))
	pieces := []string{"a", "org", "b.c", "-", "_", "'", `"`, " ", "\t", "\n", "\r", "=", ":", "{", "(", "x1", "9", "{{", "k = {", "s: {", "Z", "é"}
	found := 0
	for range 50000 {
		b := []byte(drawText(r, pieces, 14))
		want, wantOK := "", false
		if all := inlineOpener.FindAllSubmatch(b, -1); len(all) > 0 {
			want, wantOK = string(all[len(all)-1][1]), true
			found++
		}
		if got, ok := lastInlineOpener(b); got != want || ok != wantOK {
			t.Fatalf("lastInlineOpener(%q) = %q, %v; the last of all matches names %q, %v", b, got, ok, want, wantOK)
		}
	}
	if found < 1000 {
		t.Errorf("only %d texts held an opener: too few to show anything", found)
	}
}

// yamlParentName reads a line by hand; it must name what yamlParent's
// match names, and match where it matches.
func TestYAMLParentName(t *testing.T) {
	t.Parallel()
	r := rand.New(rand.NewPCG(16, 16))
	pieces := []string{" ", "\t", "\r", "\f", "-", "'", `"`, ":", "{", "}", "foo", "_a", "9", ".", "x-y", "B", "é", "#", "\n"}
	found := 0
	for range 100000 {
		var sb strings.Builder
		if r.IntN(2) == 0 {
			sb.WriteString(drawText(r, pieces, 9))
		} else {
			// A parent line, each optional part drawn or not, then
			// perhaps one piece put in somewhere.
			pick := func(s ...string) string { return s[r.IntN(len(s))] }
			sb.WriteString(pick("", " ", "  \t") + pick("", "-", "- ") + pick("", "'", `"`) + pick("foo", "_a", "a.b-c", "B9") +
				pick("", "'", `"`) + pick("", " ") + ":" + pick("", " ", "\t") + pick("", "{", "{ ") + pick("", " ", "\r"))
			if r.IntN(2) == 0 {
				at := r.IntN(sb.Len() + 1)
				text := sb.String()
				sb.Reset()
				sb.WriteString(text[:at] + pieces[r.IntN(len(pieces))] + text[at:])
			}
		}
		line := []byte(sb.String())
		want, wantOK := "", false
		if m := yamlParent.FindSubmatch(line); m != nil {
			want, wantOK = string(m[1]), true
			found++
		}
		if got, ok := yamlParentName(line); got != want || ok != wantOK {
			t.Fatalf("yamlParentName(%q) = %q, %v; the pattern says %q, %v", line, got, ok, want, wantOK)
		}
	}
	if found < 20000 {
		t.Errorf("only %d lines were parents: too few to show anything", found)
	}
}

// lastDeploymentKeyByIndex is lastDeploymentKey's plain definition: the
// last "client-" or "server-" that starts a deployment key.
func lastDeploymentKeyByIndex(b []byte) int {
	last := -1
	for _, prefix := range []string{"client-", "server-"} {
		for end := len(b); end > 0; {
			i := bytes.LastIndex(b[:end], []byte(prefix))
			if i < 0 {
				break
			}
			if deploymentAt(b, i) {
				last = max(last, i)
				break
			}
			end = i
		}
	}
	return last
}

// nearestVendor reads the text before a value from its end; it must
// decide what the last mentions and deployment keys, found reading
// forward, decide.
func TestLastMentionReadsBack(t *testing.T) {
	t.Parallel()
	c, err := Builtin()
	if err != nil {
		t.Fatal(err)
	}
	lx := c.lex
	r := rand.New(rand.NewPCG(12, 12))
	key := "client-" + strings.Repeat("a1", 16)
	pieces := []string{"amplitude", "amp_", "ampli", "mixpanel", "segments", "segment", "sentry", " ", ".", "_", "-", "x",
		"client-", "server-", key, "server-" + strings.Repeat("9z", 16), "apikey", "serverzone", "\n", "a1"}
	kinds := map[string]int{}
	for range 30000 {
		b := []byte(drawText(r, pieces, 12))
		if got, want := lastDeploymentKey(b), lastDeploymentKeyByIndex(b); got != want {
			t.Fatalf("lastDeploymentKey(%q) = %d, want %d", b, got, want)
		}
		amp, other := lx.mentions(b, true)
		wantAt, wantAmp := -1, false
		switch {
		case amp > other:
			wantAt, wantAmp = amp, true
		case other >= 0:
			wantAt = other
		}
		at, isAmp := lx.lastMention(b)
		if at != wantAt || isAmp != wantAmp {
			t.Fatalf("lastMention(%q) = %d, %v; reading forward gives %d, %v", b, at, isAmp, wantAt, wantAmp)
		}
		kinds[fmt.Sprint(wantAmp, wantAt >= 0)]++
	}
	if len(kinds) < 3 {
		t.Errorf("texts covered only %v", kinds)
	}
}

// The name's start is marked with §; enclosingName names the block it
// sits in.
func TestEnclosingName(t *testing.T) {
	t.Parallel()
	for _, tc := range []struct {
		text, want string
	}{
		{"[amplitude]\n§api_key = x", "amplitude"},
		{"[[amplitude.org]]\n\n# the org's keys\n§api_key = x", "amplitude.org"},
		{"[amplitude]\r\n§api_key = x", "amplitude"},
		{"\r[amplitude]\n§api_key = x", "amplitude"},
		{"\f[amplitude]\n§api_key = x", "amplitude"},
		{"  [ amplitude ]  \n§api_key = x", "amplitude"},
		{"note [amplitude]\n§api_key = x", ""},
		{"[amplitude] # keys\n§api_key = x", ""},
		{"amplitude:\n  org:\n    §api_key: x", "org"},
		{"amplitude:\n  - \"org\": {\n    §api_key: x", "org"},
		{"org = { §api_key = \"x\" }", "org"},
		{"x = 1; §api_key = 2", ""},
	} {
		i := strings.Index(tc.text, "§")
		text := []byte(strings.Replace(tc.text, "§", "", 1))
		if got := enclosingName(text, i, nil); got != tc.want {
			t.Errorf("%q: got %q, want %q", tc.text, got, tc.want)
		}
		if got := enclosingNameListed(text, i); got != tc.want {
			t.Errorf("%q, section lines listed: got %q, want %q", tc.text, got, tc.want)
		}
	}
}

func enclosingNameListed(text []byte, at int) string {
	lines := indexLines(text)
	defer lines.release()
	return enclosingName(text, at, &sectionLines{text: lines})
}

// Listing the lines that may be section headers finds what reading back
// line by line finds, for every key in random flat files of headers,
// near-headers, comments, blank and CRLF lines, with gaps around the
// 40-line reach.
func TestSectionLinesMatchReadingBack(t *testing.T) {
	t.Parallel()
	r := rand.New(rand.NewPCG(5, 5))
	pieces := []string{"[amplitude]", "[[amplitude.org]]", "  [ org ]  ", "\f[org]", "\r[org]", "\v[org]",
		"[org] # x", "note [org]", "#[org]", "", "\r", "  ", "# comment", "x = 1", "  nested = 2", "[", "[]"}
	checked, named := 0, 0
	for range 300 {
		var b strings.Builder
		var keys []int
		for range r.IntN(200) {
			switch n := r.IntN(10); {
			case n < 4:
				keys = append(keys, b.Len())
				b.WriteString("api_key = x")
			case n < 6:
				b.WriteString(pieces[r.IntN(len(pieces))])
			default:
				for range r.IntN(30) {
					b.WriteString("\n")
				}
			}
			if r.IntN(5) == 0 {
				b.WriteString("\r")
			}
			b.WriteString("\n")
		}
		text := []byte(b.String())
		sl := &sectionLines{text: indexLines(text)}
		for _, k := range keys {
			want := enclosingName(text, k, nil)
			if got := enclosingName(text, k, sl); got != want {
				t.Fatalf("key at %d of %q: listed %q, read back %q", k, text, got, want)
			}
			checked++
			if want != "" {
				named++
			}
		}
		sl.text.release()
	}
	if checked < 1000 || named < checked/10 || named == checked {
		t.Fatalf("%d keys checked, %d of them in a section: the comparison proves little", checked, named)
	}
}

// A built mentionIndex must answer, for any window, what reading the
// window's words says: its edges may cut a word or hide the '_' after it.
func TestMentionIndexAsWindows(t *testing.T) {
	t.Parallel()
	c, err := Builtin()
	if err != nil {
		t.Fatal(err)
	}
	lx := c.lex
	r := rand.New(rand.NewPCG(13, 13))
	pieces := []string{"amplitude", "amp", "amp_", "_", "ampli", "mixpanel", "segments", "segment", "sentry", "serverzone",
		"flushqueuesize", " ", ".", "-", "x", "ab", "seg", "ment", "mix", "panel", "zone", "server", "\n", "a1", "é"}
	kinds := map[string]int{}
	for range 20000 {
		lower := []byte(drawText(r, pieces, 16))
		var mi mentionIndex
		mi.build(lx, lower)
		for range 8 {
			cut := []int{r.IntN(len(lower) + 1), r.IntN(len(lower) + 1), r.IntN(len(lower) + 1), r.IntN(len(lower) + 1)}
			slices.Sort(cut)
			lo, start, end, hi := cut[0], cut[1], cut[2], cut[3]
			wantAt, wantAmp := lx.lastMention(lower[lo:start])
			if at, amp := mi.lastIn(lx, lower, lo, start); at != wantAt || amp != wantAmp {
				t.Fatalf("in %q, before [%d,%d): index says %d, %v; the window %d, %v", lower, lo, start, at, amp, wantAt, wantAmp)
			}
			wantA, wantO := lx.mentions(lower[end:hi], false)
			if a, o := mi.firstIn(lx, lower, end, hi); a != wantA || o != wantO {
				t.Fatalf("in %q, after [%d,%d): index says %d, %d; the window %d, %d", lower, end, hi, a, o, wantA, wantO)
			}
			kinds[fmt.Sprint("before", wantAt >= 0, wantAmp)]++
			kinds[fmt.Sprint("after", wantA >= 0, wantO >= 0)]++
		}
	}
	if len(kinds) < 7 {
		t.Errorf("windows covered only %v", kinds)
	}
}

// roleOfNearestHostPlain and firstDeploymentKeyPlain are what the scan's
// searches through next must answer: a window searched host by host with
// bytes.Index, each search starting where the last host found ends, and
// the first deployment key standing whole in a window.
func roleOfNearestHostPlain(lx *lexicon, lower []byte, text lineIndex, start, end, lines int) Role {
	lo, hi := text.window(start, end, lines, maxContextBytes)
	best, bestDist := Role(""), -1
	for _, h := range lx.hosts {
		for from := lo; from < hi; {
			i := bytes.Index(lower[from:hi], h.host)
			if i < 0 {
				break
			}
			i += from
			if i == 0 || !isHostByte(lower[i-1]) {
				d := distance(i, start, end)
				if crossesBlock(lower, i, start) {
					d += blockPenalty
				}
				if bestDist < 0 || d < bestDist {
					best, bestDist = h.role, d
				}
			}
			from = i + len(h.host)
		}
	}
	return best
}

func firstDeploymentKeyPlain(b []byte) int {
	first := -1
	for _, prefix := range deploymentPrefixes {
		for from := 0; from < len(b); {
			i := bytes.Index(b[from:], []byte(prefix))
			if i < 0 {
				break
			}
			i += from
			if deploymentAt(b, i) {
				if first < 0 || i < first {
					first = i
				}
				break
			}
			from = i + 1
		}
	}
	return first
}

// roleOfNearestHost and firstDeploymentKey find hosts and key prefixes
// through the scan's literals, window by window and, once those searches
// have read the input, from every place found at once. Either way they
// must answer as the plain readings do, for hosts inside hosts, keys the
// window cuts and questions in any order.
func TestContextSearchesAsPlainReading(t *testing.T) {
	t.Parallel()
	c, err := Builtin()
	if err != nil {
		t.Fatal(err)
	}
	r := rand.New(rand.NewPCG(14, 14))
	key := strings.Repeat("a1", 16)
	pieces := []string{"api.lab.amplitude.com", "xapi.lab.amplitude.com", "lab.amplitude.com", "core.amplitude.com/scim/1",
		"data-api.amplitude.com", "experiment.amplitude.com", "\n", "\n\n", "###", " ", ".", "x", "token ",
		"client-" + key, "server-" + key, "client-", "server-", "client-client-" + key, "-", key, "9"}
	roles, keys := 0, 0
	for i := range 1500 {
		data := []byte(drawText(r, pieces, 40))
		if i%5 == 0 {
			// One long line with hosts and keys kilobytes apart, so that a
			// window's 2 KiB cap, not a newline, may cut the nearest.
			var b strings.Builder
			for range 1 + r.IntN(5) {
				b.WriteString(strings.Repeat("x", r.IntN(3000)) + " " + pieces[r.IntN(6)] + " client-" + key + " ")
			}
			data = []byte(b.String())
		}
		fresh := func() *scan {
			return &scan{data: data, lower: toLower(nil, data), text: indexLines(data), lex: c.lex,
				literals: &c.literals, found: c.literals.occurrences()}
		}
		shared := fresh()
		for range 40 {
			a, b := r.IntN(len(data)+1), r.IntN(len(data)+1)
			start, end := min(a, b), max(a, b)
			lines := r.IntN(4)
			want := roleOfNearestHostPlain(c.lex, shared.lower, shared.text, start, end, lines)
			if got := shared.roleOfNearestHost(start, end, lines); got != want {
				t.Fatalf("%q [%d,%d) %d lines, asked after others: %q, the plain reading %q", data, start, end, lines, got, want)
			}
			if got := fresh().roleOfNearestHost(start, end, lines); got != want {
				t.Fatalf("%q [%d,%d) %d lines, asked alone: %q, the plain reading %q", data, start, end, lines, got, want)
			}
			wantKey := firstDeploymentKeyPlain(shared.lower[start:end])
			if got := shared.firstDeploymentKey(start, end); got != wantKey {
				t.Fatalf("%q [%d,%d), asked after others: key at %d, the plain reading %d", data, start, end, got, wantKey)
			}
			if got := fresh().firstDeploymentKey(start, end); got != wantKey {
				t.Fatalf("%q [%d,%d), asked alone: key at %d, the plain reading %d", data, start, end, got, wantKey)
			}
			if want != "" {
				roles++
			}
			if wantKey >= 0 {
				keys++
			}
		}
		for _, id := range append(slices.Clone(c.literals.hostIDs), c.literals.deploymentIDs...) {
			if len(data) > 0 && !shared.occ[id].indexed && shared.occ[id].searched < len(data)/2 {
				t.Fatalf("%q: literal %d was neither indexed nor searched much: the questions did not reach the index", data, id)
			}
		}
		c.literals.done(shared.found)
	}
	if roles < 3000 || keys < 3000 {
		t.Errorf("only %d questions found a host and %d a key: too few to show anything", roles, keys)
	}
}

// drawText joins up to most-1 pieces drawn at random: the random texts
// the property tests above compare two readings over.
func drawText(r *rand.Rand, pieces []string, most int) string {
	var sb strings.Builder
	for range r.IntN(most) {
		sb.WriteString(pieces[r.IntN(len(pieces))])
	}
	return sb.String()
}
