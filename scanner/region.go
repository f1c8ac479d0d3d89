package scanner

import (
	"bytes"
	"regexp"
)

// How far regionHint looks. A key's own line may name its region (an _EU
// variable); a few lines around may configure it (serverZone: 'EU', an EU
// host). Bytes are capped too, so a minified bundle's one long line costs
// no more than a short file.
const (
	regionOwnBytes    = 256
	regionNearbyLines = 5
	regionNearbyBytes = 1024
)

var (
	// euName is an identifier ending in _EU or holding _EU_ (AMPLITUDE_API_KEY_EU,
	// AMP_EU_SECRET): a name, so it speaks only for the value on its own line.
	euName = regexp.MustCompile(`(?i)[a-z0-9]_eu(?:_|\b)`)
	// euSetting is an EU host or an SDK's server zone set to EU.
	euSetting = regexp.MustCompile(`(?i)\.eu\.amplitude\.com|server_?zone[^\n]{0,24}?\beu\b`)
)

// regionHint returns RegionEU when the text around data[start:end] points
// to Amplitude's EU data centre, else "". It is only an ordering hint for
// --verify, which still tries the other region when the hinted one does
// not answer live.
func regionHint(data []byte, start, end int) string {
	// Nothing further than regionNearbyBytes from the value counts, so
	// nothing further is read: the line ends below are looked for within
	// these bytes only. Reading to the ends of a minified bundle's one long
	// line for every key on it made a line of 16,000 keys take 3.8 s, four
	// fifths of it here.
	lo, hi := max(0, start-regionNearbyBytes), min(len(data), end+regionNearbyBytes)
	data, start, end = data[lo:hi], start-lo, end-lo
	ls, le := lineStart(data, start), lineEnd(data, end)
	from, to := ls, le
	for i := 0; i < regionNearbyLines && from > 0; i++ {
		from = lineStart(data, from-1)
	}
	for i := 0; i < regionNearbyLines && to < len(data); i++ {
		to = lineEnd(data, to+1)
	}
	own, near := data[max(ls, start-regionOwnBytes):min(le, end+regionOwnBytes)], data[from:to]
	// own lies within near: where near cannot hold a setting, own cannot
	// either, and most findings have none near them.
	setNear := maySetEU(near)
	if mayNameEU(own) && euName.Match(own) || setNear && maySetEU(own) && euSetting.Match(own) {
		return RegionEU
	}
	if setNear && euSetting.Match(near) {
		return RegionEU
	}
	return ""
}

// mayHintRegion reports whether any of a buffer's findings, of which it
// has found many, may have a region hint. Each hint reads up to
// 2×regionNearbyBytes around its finding; where the findings together
// would read the buffer over, one read of it says whether it holds what
// any hint needs (see mayNameEU), and in a file of 50,000 keys it most
// often does not: the hints were a twentieth of the keys history.
func mayHintRegion(data []byte, findings int) bool {
	if findings*2*regionNearbyBytes < len(data) {
		return true // fewer: each is cheaper asked alone
	}
	return mayNameEU(data) || maySetEU(data)
}

// mayNameEU and maySetEU are what euName and euSetting cannot match
// without: "_eu", and "zone" or ".eu.amplitude.com", in any case (none of
// their letters folds to anything outside ASCII). Most findings have
// neither near them, and a regular expression per finding is the costliest
// step of a file dense with keys.
func mayNameEU(b []byte) bool {
	for i := bytes.IndexByte(b, '_'); i >= 0 && i+2 < len(b); {
		if b[i+1]|0x20 == 'e' && b[i+2]|0x20 == 'u' {
			return true
		}
		j := bytes.IndexByte(b[i+1:], '_')
		if j < 0 {
			return false
		}
		i += 1 + j
	}
	return false
}

func maySetEU(b []byte) bool {
	return containsFold(b, "zone") || containsFold(b, ".eu.amplitude.com")
}

func lineStart(data []byte, at int) int {
	return bytes.LastIndexByte(data[:at], '\n') + 1
}
