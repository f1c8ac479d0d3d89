package scanner

import (
	"bytes"
	"io"
	"unicode/utf16"
	"unicode/utf8"
)

// This file decides what a file's first bytes say it is, and turns the
// text encodings a plain byte scan would miss into UTF-8 with LF line
// breaks. Windows tools write .env and .json files in UTF-16 (PowerShell's
// Out-File did so by default): their NULs made such files look binary, and
// the keys inside were never seen. Classic Mac files end lines with a lone
// CR, which made a whole file one line and every line number wrong.

// textEncoding is how a file's text is encoded.
type textEncoding int

const (
	encPlain textEncoding = iota // UTF-8, ASCII or anything else byte-oriented
	encUTF16LE
	encUTF16BE
)

// utf16Sample is how many leading bytes the BOM-less UTF-16 test looks at.
const utf16Sample = 512

// sniffEncoding recognises UTF-16 by its byte order mark or, without one,
// by the shape ASCII text takes in it: every other byte NUL. It asks that
// nine in ten code units of the sample be printable ASCII or whitespace
// with a zero high byte, and that none be U+0000 (text has no NUL
// characters; binary formats are full of zero pairs), so that binary data
// is not decoded by mistake.
func sniffEncoding(b []byte) (textEncoding, int) {
	if len(b) >= 2 {
		switch {
		case b[0] == 0xFF && b[1] == 0xFE:
			return encUTF16LE, 2
		case b[0] == 0xFE && b[1] == 0xFF:
			return encUTF16BE, 2
		}
	}
	n := min(len(b), utf16Sample) &^ 1
	if n < 8 {
		return encPlain, 0
	}
	var le, be int
	for i := 0; i < n; i += 2 {
		switch {
		case b[i] == 0 && b[i+1] == 0:
			return encPlain, 0
		case b[i+1] == 0 && textByte(b[i]):
			le++
		case b[i] == 0 && textByte(b[i+1]):
			be++
		}
	}
	units := n / 2
	switch {
	case le*10 >= units*9:
		return encUTF16LE, 0
	case be*10 >= units*9:
		return encUTF16BE, 0
	}
	return encPlain, 0
}

func textByte(c byte) bool { return c >= 0x20 && c < 0x7F || c == '\t' || c == '\n' || c == '\r' }

// archiveMagic are the leading bytes of compressed files and archives.
// Their content is not text, and ampscan does not open them (see README):
// they are counted apart from other binary files so the summary says so.
var archiveMagic = [][]byte{
	{0x1F, 0x8B},                       // gzip (.gz, .tgz, .tar.gz)
	[]byte("PK\x03\x04"),               // zip, jar, apk, docx…
	[]byte("PK\x05\x06"),               // empty zip
	[]byte("BZh"),                      // bzip2 (checked further in isArchive)
	{0xFD, '7', 'z', 'X', 'Z', 0x00},   // xz
	{0x28, 0xB5, 0x2F, 0xFD},           // zstd
	{'7', 'z', 0xBC, 0xAF, 0x27, 0x1C}, // 7-Zip
	{'R', 'a', 'r', '!', 0x1A, 0x07},   // RAR
	{0x04, 0x22, 0x4D, 0x18},           // lz4 frame
	{0x1F, 0x9D},                       // compress (.Z)
	[]byte("!<arch>\n"),                // ar (.a, .deb)
	{0xED, 0xAB, 0xEE, 0xDB},           // rpm
	[]byte("070701"),                   // cpio newc (checked further in isArchive)
	[]byte("070707"),                   // cpio odc (likewise)
}

// skipReason says why a file with these leading bytes is not scanned, or
// "" when it is text (UTF-16 included).
func skipReason(head []byte) string {
	head = head[:min(len(head), sniffLen)]
	if enc, _ := sniffEncoding(head); enc != encPlain {
		return ""
	}
	if isArchive(head) {
		return "archive"
	}
	if bytes.IndexByte(head, 0) >= 0 {
		return "binary"
	}
	return ""
}

func isArchive(head []byte) bool {
	for _, m := range archiveMagic {
		if bytes.HasPrefix(head, m) {
			// "BZh" starts ordinary words too; bzip2 follows it with a
			// block size digit and the block magic 0x314159265359.
			if m[0] == 'B' {
				return len(head) >= 10 && head[3] >= '1' && head[3] <= '9' && bytes.Equal(head[4:10], []byte("1AY&SY"))
			}
			if m[0] == '0' { // cpio's ASCII magic: a line of text could start so too
				return bytes.IndexByte(head, 0) >= 0
			}
			return true
		}
	}
	// tar: "ustar" at offset 257.
	return len(head) >= 262 && bytes.Equal(head[257:262], []byte("ustar"))
}

// asText returns data as UTF-8 with LF line breaks: UTF-16 decoded, lone
// CRs turned into LFs (byte for byte, so offsets and columns stay). data
// is not modified; a copy is made only when something changes.
func asText(data []byte) []byte {
	if enc, bom := sniffEncoding(data[:min(len(data), sniffLen)]); enc != encPlain {
		data = decodeUTF16(data[bom:], enc)
		loneCRToLF(data, true)
		return data
	}
	if hasLoneCR(data, true) {
		data = bytes.Clone(data)
		loneCRToLF(data, true)
	}
	return data
}

// hasLoneCR reports whether b holds a CR not followed by LF. A CR that is
// b's last byte counts only at the end of the file (atEOF): otherwise its
// LF may be in the next window.
func hasLoneCR(b []byte, atEOF bool) bool {
	for i := bytes.IndexByte(b, '\r'); i >= 0; {
		if i+1 < len(b) && b[i+1] != '\n' || i+1 == len(b) && atEOF {
			return true
		}
		j := bytes.IndexByte(b[i+1:], '\r')
		if j < 0 {
			return false
		}
		i += 1 + j
	}
	return false
}

// loneCRToLF rewrites, in place, each CR not followed by LF (see hasLoneCR
// for atEOF). CRLF is left alone: line counting already handles it.
func loneCRToLF(b []byte, atEOF bool) {
	for i := bytes.IndexByte(b, '\r'); i >= 0; {
		if i+1 < len(b) && b[i+1] != '\n' || i+1 == len(b) && atEOF {
			b[i] = '\n'
		}
		j := bytes.IndexByte(b[i+1:], '\r')
		if j < 0 {
			return
		}
		i += 1 + j
	}
}

// decodeUTF16 transcodes a whole buffer (without its BOM) to UTF-8.
func decodeUTF16(b []byte, enc textEncoding) []byte {
	d := utf16Decoder{be: enc == encUTF16BE}
	out := make([]byte, 0, len(b)/2+len(b)/8+4)
	out = d.decode(out, b)
	return d.flush(out)
}

// utf16Decoder turns UTF-16 code units into UTF-8, carrying an odd byte
// and a high surrogate across calls. Invalid sequences become U+FFFD, as
// encoding/json and the utf8 package treat bad input.
type utf16Decoder struct {
	be      bool
	odd     []byte // a byte left over from the last call (0 or 1 of them)
	surr    rune   // a high surrogate waiting for its pair, or 0
	pending bool   // odd holds a byte
}

func (d *utf16Decoder) decode(out, b []byte) []byte {
	if d.pending && len(b) > 0 {
		out = d.unit(out, d.odd[0], b[0])
		d.pending = false
		b = b[1:]
	}
	for len(b) >= 2 {
		out = d.unit(out, b[0], b[1])
		b = b[2:]
	}
	if len(b) == 1 {
		d.odd = append(d.odd[:0], b[0])
		d.pending = true
	}
	return out
}

func (d *utf16Decoder) unit(out []byte, b0, b1 byte) []byte {
	u := rune(b0) | rune(b1)<<8
	if d.be {
		u = rune(b1) | rune(b0)<<8
	}
	if d.surr != 0 {
		r := utf16.DecodeRune(d.surr, u)
		d.surr = 0
		if r != utf8.RuneError {
			return utf8.AppendRune(out, r)
		}
		out = utf8.AppendRune(out, utf8.RuneError)
	}
	switch {
	case u >= 0xD800 && u < 0xDC00:
		d.surr = u
		return out
	case u >= 0xDC00 && u < 0xE000:
		return utf8.AppendRune(out, utf8.RuneError)
	}
	return utf8.AppendRune(out, u)
}

// flush ends the input: a lone surrogate or odd byte is U+FFFD.
func (d *utf16Decoder) flush(out []byte) []byte {
	if d.surr != 0 || d.pending {
		out = utf8.AppendRune(out, utf8.RuneError)
		d.surr, d.pending = 0, false
	}
	return out
}

// utf16Reader decodes a UTF-16 stream into UTF-8 as it is read, so that a
// large UTF-16 file is scanned in windows like any other.
type utf16Reader struct {
	r   io.Reader
	d   utf16Decoder
	raw []byte
	out []byte // decoded, not yet returned
	err error
}

func newUTF16Reader(r io.Reader, enc textEncoding) *utf16Reader {
	return &utf16Reader{r: r, d: utf16Decoder{be: enc == encUTF16BE}, raw: make([]byte, 64<<10)}
}

func (u *utf16Reader) Read(p []byte) (int, error) {
	for len(u.out) == 0 {
		if u.err != nil {
			return 0, u.err
		}
		n, err := u.r.Read(u.raw)
		u.out = u.d.decode(u.out[:0], u.raw[:n])
		if err != nil {
			if err == io.EOF {
				u.out = u.d.flush(u.out)
			}
			u.err = err
		}
	}
	n := copy(p, u.out)
	u.out = u.out[n:]
	return n, nil
}
