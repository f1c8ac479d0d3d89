package rules

import "bytes"

// bytes.Index looks for a literal by its first byte and compares around
// each place that byte stands. The literals rules ask about often start
// with one of the commonest bytes of code ("event_type" with a quote,
// apikey with an a), so in a file dense with them it stops every few
// bytes: on the dense npm history (bench/git-dense.sh) those searches
// were a fifth of the CPU. indexRare looks for the literal's rarest byte
// instead.

// byteRank ranks every byte by how often it stands in lowercased source
// code, 0 the rarest; bench/byterank made it from Go's source tree and the
// files of the dense history. (The gate, which searches raw text for
// needles in several cases, keeps its own order, byteRarity: picking its
// bytes from this table cost BenchmarkScanPlainSource 18% more
// instructions, 734K per op against 620K.)
var byteRank = [256]uint8{
	0, 73, 64, 65, 66, 67, 74, 75, 1, 242, 246, 2, 3, 144, 4, 5,
	68, 6, 7, 8, 69, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19,
	255, 199, 224, 188, 187, 190, 202, 204, 233, 234, 208, 196, 240, 205, 236, 226,
	238, 222, 218, 213, 214, 206, 212, 200, 207, 203, 225, 217, 193, 230, 192, 195,
	189, 20, 21, 22, 23, 24, 25, 26, 27, 28, 29, 30, 31, 32, 33, 34,
	35, 36, 37, 38, 39, 40, 41, 42, 43, 44, 45, 211, 209, 210, 186, 219,
	191, 249, 227, 245, 241, 254, 237, 231, 229, 250, 197, 215, 244, 232, 251, 248,
	239, 198, 252, 247, 253, 243, 228, 216, 235, 223, 194, 221, 201, 220, 184, 46,
	183, 170, 179, 174, 147, 173, 159, 118, 171, 163, 160, 112, 136, 94, 128, 104,
	137, 110, 114, 155, 180, 138, 106, 146, 166, 131, 100, 99, 164, 169, 115, 134,
	107, 120, 105, 121, 157, 148, 142, 141, 113, 165, 124, 139, 149, 135, 116, 101,
	103, 150, 133, 145, 127, 123, 111, 162, 125, 175, 151, 129, 167, 158, 156, 126,
	47, 48, 182, 152, 86, 85, 78, 93, 84, 119, 108, 88, 143, 102, 177, 153,
	92, 95, 77, 80, 49, 98, 97, 109, 176, 181, 90, 91, 82, 70, 76, 79,
	132, 172, 185, 178, 122, 154, 168, 140, 130, 96, 89, 83, 87, 81, 71, 117,
	161, 50, 51, 52, 72, 53, 54, 55, 56, 57, 58, 59, 60, 61, 62, 63,
}

// rareOffset returns the offset in w of its rarest byte by byteRank (the
// last of equals).
func rareOffset(w []byte) int {
	off := 0
	for i, c := range w {
		if byteRank[c] <= byteRank[w[off]] {
			off = i
		}
	}
	return off
}

// indexRare returns the index of the first w in s, as bytes.Index does,
// where off is the offset of w's rarest byte (rareOffset): it looks for
// that byte and compares around each place it stands. Where the byte is
// not rare in this input (more than one false hit per 16 bytes read) the
// rest of s is left to bytes.Index.
func indexRare(s, w []byte, off int) int {
	if off == 0 {
		return bytes.Index(s, w) // looks for the first byte anyway
	}
	b, last := w[off], len(s)-len(w) // last: the last place w may start
	for p, misses := 0, 0; p <= last; {
		j := bytes.IndexByte(s[p+off:last+off+1], b)
		if j < 0 {
			return -1
		}
		p += j
		if bytes.Equal(s[p:p+len(w)], w) {
			return p
		}
		p++
		if misses++; misses > 4+p>>4 {
			if k := bytes.Index(s[p:], w); k >= 0 {
				return p + k
			}
			return -1
		}
	}
	return -1
}
