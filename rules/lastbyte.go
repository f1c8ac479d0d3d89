package rules

import (
	"encoding/binary"
	"math/bits"
)

// lastIndexByte is bytes.LastIndexByte eight bytes at a time. The standard
// library reads backwards one byte at a time, and on a minified line the
// matcher looks back a long way for a newline or a brace around a name
// (enclosingName, lastInlineOpener).
func lastIndexByte(b []byte, c byte) int {
	const ones, low7 = 0x0101010101010101, 0x7f7f7f7f7f7f7f7f
	pattern := uint64(c) * ones
	i := len(b)
	for ; i >= 8; i -= 8 {
		x := binary.LittleEndian.Uint64(b[i-8:i]) ^ pattern
		// A byte of x is zero where b holds c. (x&low7)+low7 sets a
		// byte's top bit unless its low seven bits are zero, without
		// carrying into the next byte; or-ing x back in covers the top
		// bit itself. What is left unset marks exactly the zero bytes.
		zero := ^(((x & low7) + low7) | x | low7)
		if zero != 0 {
			return i - 8 + (63-bits.LeadingZeros64(zero))/8
		}
	}
	for i--; i >= 0; i-- {
		if b[i] == c {
			return i
		}
	}
	return -1
}
