package report

import (
	"bufio"
	"bytes"
	"encoding/json"
	"io"
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
}

func newIndentWriter(w io.Writer) *indentWriter {
	iw := &indentWriter{w: bufio.NewWriterSize(w, 64<<10)}
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
		iw.value(elem(i), depth+1)
	}
	iw.raw("\n" + indentPrefix(depth) + "]")
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
