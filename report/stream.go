package report

import (
	"bufio"
	"bytes"
	"encoding/json"
	"io"
	"strconv"
	"unicode/utf8"
)

// Streamer is implemented by the writers that find every error they can
// foresee before writing their first byte, and then write piece by piece
// instead of building the whole document in memory. Their output can go
// straight to its destination: only the destination itself can fail half
// way. Other writers' output is rendered in memory first.
type Streamer interface {
	Writer
	foreseesErrors()
}

// indentWriter writes JSON values one at a time, indented exactly as one
// json.Encoder with SetIndent("", "  ") and SetEscapeHTML(false) would
// write the whole document that holds them, so a long array can be written
// element by element without holding the document. It buffers its output;
// after the first failed write it writes nothing more, and flush returns
// that error.
type indentWriter struct {
	w   *bufio.Writer
	buf bytes.Buffer
	enc *json.Encoder
	err error
	obj []byte // see finding
}

// streamPiece is the most a writer hands its destination at once: a
// report reaches a pipe or a terminal as it is written, in pieces.
const streamPiece = 64 << 10

func newIndentWriter(w io.Writer) *indentWriter {
	iw := &indentWriter{w: bufio.NewWriterSize(w, streamPiece)}
	iw.enc = json.NewEncoder(&iw.buf)
	iw.enc.SetEscapeHTML(false)
	return iw
}

// raw writes s as it is: the punctuation and indentation between values.
func (iw *indentWriter) raw(s string) {
	if iw.err == nil {
		_, iw.err = iw.w.WriteString(s)
	}
}

// value writes v as it appears depth levels deep in the document (its
// first line is not indented: the caller has written what precedes it).
func (iw *indentWriter) value(v any, depth int) {
	if iw.err != nil {
		return
	}
	iw.buf.Reset()
	iw.enc.SetIndent(indentPrefix(depth), "  ")
	if iw.err = iw.enc.Encode(v); iw.err != nil {
		return
	}
	_, iw.err = iw.w.Write(bytes.TrimSuffix(iw.buf.Bytes(), []byte{'\n'}))
}

// field writes `"name": value` as a member of an object depth-1 levels deep,
// preceded by a comma unless it is the object's first member.
func (iw *indentWriter) field(name string, v any, depth int, first bool) {
	if !first {
		iw.raw(",")
	}
	iw.raw("\n" + indentPrefix(depth))
	iw.value(name, depth)
	iw.raw(": ")
	iw.value(v, depth)
}

// array writes n elements as a JSON array at depth, each produced by
// elem(i) only when it is written. An empty array is written "[]".
func (iw *indentWriter) array(n, depth int, elem func(i int) any) {
	iw.each(n, depth, func(i int) { iw.value(elem(i), depth+1) })
}

// each is array for elements that write(i) writes itself, depth+1
// levels deep, once the indentation before it is written.
func (iw *indentWriter) each(n, depth int, write func(i int)) {
	if n == 0 {
		iw.raw("[]")
		return
	}
	iw.raw("[")
	for i := 0; i < n && iw.err == nil; i++ {
		if i > 0 {
			iw.raw(",")
		}
		iw.raw("\n" + indentPrefix(depth+1))
		write(i)
	}
	iw.raw("\n" + indentPrefix(depth) + "]")
}

// writePieces writes b through iw's buffer no more than streamPiece at a
// time: given more at once, a bufio.Writer hands it to the destination
// whole.
func (iw *indentWriter) writePieces(b []byte) {
	for len(b) > 0 && iw.err == nil {
		n := min(len(b), streamPiece)
		_, iw.err = iw.w.Write(b[:n])
		b = b[n:]
	}
}

func (iw *indentWriter) flush() error {
	if iw.err != nil {
		return iw.err
	}
	return iw.w.Flush()
}

func indentPrefix(depth int) string {
	const spaces = "                                        "
	if 2*depth <= len(spaces) {
		return spaces[:2*depth]
	}
	return string(bytes.Repeat([]byte("  "), depth))
}

// finding writes jf as value(jf, depth) would. A report of a history
// holds tens of thousands of findings, and the encoder read each twice:
// by reflection, then again to indent it (0.3 s of the keys history's
// 3 s, all of it after the scan). Here the members are written in the
// order jsonFinding declares them, omitempty kept, already indented; the
// rare nested values (head locations, suppression, verification) still
// go through the encoder. TestFindingAsEncoderWritesIt holds the two to
// the same bytes, every member set and none.
func (iw *indentWriter) finding(jf *jsonFinding, depth int) {
	if iw.err != nil {
		return
	}
	o := objectWriter{b: append(iw.obj[:0], '{'), indent: indentPrefix(depth + 1)}
	o.str("rule_id", jf.RuleID)
	o.str("key_type", jf.KeyType)
	o.str("key_name", jf.KeyName)
	o.str("product", jf.Product)
	o.str("visibility", jf.Visibility)
	o.str("severity", jf.Severity)
	o.str("path", jf.Path)
	o.int("line", jf.Line)
	o.int("column", jf.Column)
	o.int("end_column", jf.EndColumn)
	o.str("secret", jf.Secret)
	o.int("secret_length", jf.SecretLength)
	o.bool("redacted", jf.Redacted)
	o.str("fingerprint", jf.Fingerprint)
	o.strOmitEmpty("exposure", jf.Exposure)
	o.str("action", jf.Action)
	o.str("remediation", jf.Remediation)
	o.bool("rotatable", jf.Rotatable)
	o.str("managed_in", jf.ManagedIn)
	o.str("docs_url", jf.DocsURL)
	o.strOmitEmpty("commit", jf.Commit)
	o.strOmitEmpty("author", jf.Author)
	o.strOmitEmpty("email", jf.Email)
	o.strOmitEmpty("date", jf.Date)
	if jf.InHead != nil {
		o.bool("in_head", *jf.InHead)
	}
	if len(jf.HeadLocation) > 0 {
		o.nested(iw, "head_locations", jf.HeadLocation, depth+1)
	}
	o.strOmitEmpty("removed_in", jf.RemovedIn)
	o.strOmitEmpty("removed_date", jf.RemovedDate)
	if jf.Suppression != nil {
		o.nested(iw, "suppression", jf.Suppression, depth+1)
	}
	if jf.Verification != nil {
		o.nested(iw, "verification", jf.Verification, depth+1)
	}
	o.strOmitEmpty("repository", jf.Repository)
	o.strOmitEmpty("web_url", jf.WebURL)
	o.b = append(o.b, '\n')
	o.b = append(o.b, indentPrefix(depth)...)
	o.b = append(o.b, '}')
	iw.obj = o.b
	if iw.err == nil {
		_, iw.err = iw.w.Write(o.b)
	}
}

// objectWriter builds an indented JSON object member by member.
type objectWriter struct {
	b       []byte
	indent  string // before each member
	members int
}

// key begins a member: name is plain ASCII, needing no escapes.
func (o *objectWriter) key(name string) {
	if o.members > 0 {
		o.b = append(o.b, ',')
	}
	o.members++
	o.b = append(o.b, '\n')
	o.b = append(o.b, o.indent...)
	o.b = append(o.b, '"')
	o.b = append(o.b, name...)
	o.b = append(o.b, '"', ':', ' ')
}

func (o *objectWriter) str(name, v string) {
	o.key(name)
	o.b = appendJSONString(o.b, v)
}

func (o *objectWriter) strOmitEmpty(name, v string) {
	if v != "" {
		o.str(name, v)
	}
}

func (o *objectWriter) int(name string, v int) {
	o.key(name)
	o.b = strconv.AppendInt(o.b, int64(v), 10)
}

func (o *objectWriter) bool(name string, v bool) {
	o.key(name)
	o.b = strconv.AppendBool(o.b, v)
}

// nested writes a member whose value the encoder writes, depth levels
// deep: what is built so far goes out first.
func (o *objectWriter) nested(iw *indentWriter, name string, v any, depth int) {
	o.key(name)
	if iw.err == nil {
		_, iw.err = iw.w.Write(o.b)
	}
	o.b = o.b[:0]
	iw.value(v, depth)
}

// appendJSONString appends s as encoding/json writes a string with HTML
// escaping off: quotes, backslashes and control characters escaped (the
// short forms where JSON has them), invalid UTF-8 as U+FFFD, and U+2028
// and U+2029 escaped, as JavaScript needs.
func appendJSONString(b []byte, s string) []byte {
	const hex = "0123456789abcdef"
	b = append(b, '"')
	start := 0
	for i := 0; i < len(s); {
		// Eight bytes that need no escape are passed over at once: a
		// history's report escapes about 600 bytes of policy text for
		// each finding, none of which needs it.
		if i+8 <= len(s) && plainWord(uint64(s[i])|uint64(s[i+1])<<8|uint64(s[i+2])<<16|uint64(s[i+3])<<24|
			uint64(s[i+4])<<32|uint64(s[i+5])<<40|uint64(s[i+6])<<48|uint64(s[i+7])<<56) {
			i += 8
			continue
		}
		c := s[i]
		if c < utf8.RuneSelf {
			if c >= 0x20 && c != '"' && c != '\\' {
				i++
				continue
			}
			b = append(b, s[start:i]...)
			switch c {
			case '"', '\\':
				b = append(b, '\\', c)
			case '\b':
				b = append(b, '\\', 'b')
			case '\f':
				b = append(b, '\\', 'f')
			case '\n':
				b = append(b, '\\', 'n')
			case '\r':
				b = append(b, '\\', 'r')
			case '\t':
				b = append(b, '\\', 't')
			default:
				b = append(b, '\\', 'u', '0', '0', hex[c>>4], hex[c&0xf])
			}
			i++
			start = i
			continue
		}
		r, size := utf8.DecodeRuneInString(s[i:])
		switch {
		case r == utf8.RuneError && size == 1:
			b = append(b, s[start:i]...)
			b = append(b, `\ufffd`...)
		case r == '\u2028' || r == '\u2029':
			b = append(b, s[start:i]...)
			b = append(b, '\\', 'u', '2', '0', '2', hex[r&0xf])
		default:
			i += size
			continue
		}
		i += size
		start = i
	}
	b = append(b, s[start:]...)
	return append(b, '"')
}

// plainWord reports whether none of the eight bytes in x needs a look:
// a control byte (below 0x20), a quote, a backslash, or a byte of 0x80 or
// more (UTF-8, checked rune by rune). A byte below 0x20 sets its high bit
// in x-0x20 and not in x; a quote or backslash makes its byte of x^q zero,
// and a zero byte sets its high bit in (x^q)-1 and not in x^q. Borrows
// carry only out of a byte that is one of these, so a word without one is
// never taken for one.
func plainWord(x uint64) bool {
	const ones, highs = 0x0101010101010101, 0x8080808080808080
	quote, backslash := x^('"'*ones), x^('\\'*ones)
	return (x|(x-0x20*ones)&^x|(quote-ones)&^quote|(backslash-ones)&^backslash)&highs == 0
}
