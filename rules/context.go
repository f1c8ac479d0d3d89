package rules

import "bytes"

// window returns the byte range [lo, hi) covering up to n lines before and
// after the span [start, end), capped at maxBytes each way so that minified
// bundles with enormous lines do not drag in megabytes of context.
func window(data []byte, start, end, n, maxBytes int) (int, int) {
	lo := start
	for lines := 0; lo > 0 && start-lo < maxBytes; lo-- {
		if data[lo-1] == '\n' {
			if lines == n {
				break
			}
			lines++
		}
	}
	hi := end
	for lines := 0; hi < len(data) && hi-end < maxBytes; hi++ {
		if data[hi] == '\n' {
			if lines == n {
				break
			}
			lines++
		}
	}
	return lo, hi
}

const maxContextBytes = 2048

// productMarkers say "Amplitude" in a context window. The bare word is weak on
// its own (signal-processing code uses it), but it is only consulted next to
// an identifier that already says credential.
var productMarkers = [][]byte{[]byte("amplitude"), []byte("ampli"), []byte("amp_")}

type vendorMention int

const (
	vendorNone vendorMention = iota
	vendorAmplitude
	vendorOther
)

// nearestVendor looks around a candidate for mentions of Amplitude and of
// other vendors, and reports whose is the closest preceding mention (or,
// failing that, the closest following one). This is what keeps a mixpanel:
// section under an amplitude: section from being reported.
func nearestVendor(lower []byte, start, end, lines int) vendorMention {
	lo, hi := window(lower, start, end, lines, maxContextBytes)
	before := lower[lo:start]
	after := lower[end:hi]
	ampBefore := max(lastMention(before, productMarkers), lastDeploymentKey(before))
	otherBefore := lastMention(before, vendorMarkers)
	if ampBefore >= 0 || otherBefore >= 0 {
		return pick(ampBefore > otherBefore)
	}
	ampAfter := firstMention(after, productMarkers)
	if d := firstDeploymentKey(after); d >= 0 && (ampAfter < 0 || d < ampAfter) {
		ampAfter = d
	}
	otherAfter := firstMention(after, vendorMarkers)
	switch {
	case ampAfter < 0 && otherAfter < 0:
		return vendorNone
	case ampAfter < 0:
		return vendorOther
	}
	return pick(otherAfter < 0 || ampAfter < otherAfter)
}

func pick(amplitude bool) vendorMention {
	if amplitude {
		return vendorAmplitude
	}
	return vendorOther
}

var vendorMarkers = func() [][]byte {
	out := make([][]byte, 0, len(otherVendors))
	for _, v := range otherVendors {
		if len(v) >= 4 { // short names (dd, gcp, aws) are too common inside other words
			out = append(out, []byte(v))
		}
	}
	return out
}()

// isWordEdge reports whether the byte at i (possibly out of range) ends a
// mention: anything but a lowercase letter. Underscores and digits count as
// edges so that SEGMENT_WRITE_KEY and mixpanel2 still name their vendor.
func isWordEdge(b []byte, i int) bool {
	return i < 0 || i >= len(b) || !(b[i] >= 'a' && b[i] <= 'z')
}

func lastMention(b []byte, needles [][]byte) int {
	best := -1
	for _, n := range needles {
		for end := len(b); end > 0; {
			i := bytes.LastIndex(b[:end], n)
			if i < 0 {
				break
			}
			if isWordEdge(b, i-1) && (bytes.Equal(n, []byte("ampli")) || bytes.Equal(n, []byte("amplitude")) || isWordEdge(b, i+len(n)) || n[len(n)-1] == '_') {
				best = max(best, i)
				break
			}
			end = i
		}
	}
	return best
}

func firstMention(b []byte, needles [][]byte) int {
	best := -1
	for _, n := range needles {
		for from := 0; from < len(b); {
			i := bytes.Index(b[from:], n)
			if i < 0 {
				break
			}
			i += from
			if isWordEdge(b, i-1) && (bytes.Equal(n, []byte("ampli")) || bytes.Equal(n, []byte("amplitude")) || isWordEdge(b, i+len(n)) || n[len(n)-1] == '_') {
				if best < 0 || i < best {
					best = i
				}
				break
			}
			from = i + 1
		}
	}
	return best
}

// hostRoles map Amplitude API hosts (and paths) to the credential they take.
// Order matters only for ties; longer, more specific hosts come first.
var hostRoles = []struct {
	host []byte
	role Role
}{
	{[]byte("profile-api.amplitude.com"), SecretKey},
	{[]byte("api.lab.eu.amplitude.com"), ClientDeploymentKey},
	{[]byte("api.lab.amplitude.com"), ClientDeploymentKey},
	{[]byte("flag.lab.eu.amplitude.com"), ClientDeploymentKey},
	{[]byte("flag.lab.amplitude.com"), ClientDeploymentKey},
	{[]byte("experiment.eu.amplitude.com"), ManagementAPIKey},
	{[]byte("experiment.amplitude.com"), ManagementAPIKey},
	{[]byte("core.eu.amplitude.com"), SCIMKey},
	{[]byte("core.amplitude.com"), SCIMKey},
	{[]byte("data-api.eu.amplitude.com"), DataAPIToken},
	{[]byte("data-api.amplitude.com"), DataAPIToken},
}

// roleOfNearestHost returns the role of the Amplitude host closest to the
// span, looking a few lines either way.
func roleOfNearestHost(lower []byte, start, end, lines int) Role {
	lo, hi := window(lower, start, end, lines, maxContextBytes)
	best, bestDist := Role(""), -1
	for _, h := range hostRoles {
		for from := lo; from < hi; {
			i := bytes.Index(lower[from:hi], h.host)
			if i < 0 {
				break
			}
			i += from
			// api.lab.amplitude.com also ends "xapi.lab…": require a host edge.
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

// A blank line or an .http file's ### separator usually ends one request
// and starts another, so a host beyond one belongs to a different request
// unless nothing closer is found.
const blockPenalty = 4096

func crossesBlock(lower []byte, a, b int) bool {
	if a > b {
		a, b = b, a
	}
	between := lower[a:b]
	if bytes.Contains(between, []byte("\n###")) {
		return true
	}
	for i := bytes.IndexByte(between, '\n'); i >= 0; {
		j := i + 1
		for j < len(between) && (between[j] == ' ' || between[j] == '\t' || between[j] == '\r') {
			j++
		}
		if j < len(between) && between[j] == '\n' {
			return true
		}
		next := bytes.IndexByte(between[j:], '\n')
		if next < 0 {
			break
		}
		i = j + next
	}
	return false
}

func isHostByte(c byte) bool { return c == '.' || c == '-' || isAlnum(c) }

func distance(i, start, end int) int {
	switch {
	case i < start:
		return start - i
	case i >= end:
		return i - end
	}
	return 0
}

// A deployment key is itself an Amplitude marker: the evaluation proxy's
// config names no product, but lists deployment keys beside its apiKey.
func lastDeploymentKey(b []byte) int {
	last := -1
	for _, prefix := range [][]byte{[]byte("client-"), []byte("server-")} {
		for end := len(b); end > 0; {
			i := bytes.LastIndex(b[:end], prefix)
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

func firstDeploymentKey(b []byte) int {
	first := -1
	for _, prefix := range [][]byte{[]byte("client-"), []byte("server-")} {
		for from := 0; from < len(b); {
			i := bytes.Index(b[from:], prefix)
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
