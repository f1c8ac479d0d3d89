package rules

import (
	"math"
	"math/rand/v2"
	"strings"
	"testing"
)

func TestShapeAndPlausible(t *testing.T) {
	t.Parallel()
	cases := []struct {
		name      string
		value     string
		shape     Shape
		plausible bool
	}{
		{"random hex", "9f3c1a7e52d04b68a1e9c3f7d20b4e51", Hex32, true},
		{"random hex with a run of five", "9f3c1a7e52d0333334b68a1e9c3f7d2b", Hex32, true},
		{"run of six", "9f3c1a7e52d0333333b68a1e9c3f7d2b", Hex32, false},
		{"sequential", "0123456789abcdef0123456789abcdef", Hex32, false},
		{"sixteen repeated twice", "1234567890abcdef1234567890abcdef", Hex32, false},
		{"deadbeef", "deadbeefdeadbeefdeadbeefdeadbeef", Hex32, false},
		{"one letter", "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa", Hex32, false},
		// Not 32 lowercase hex, so never an API/secret/org key; only a
		// name that says management, Data or SCIM can make them count.
		{"uppercase hex is opaque", "9F3C1A7E52D04B68A1E9C3F7D20B4E51", Opaque, true},
		{"33 hex is opaque", "9f3c1a7e52d04b68a1e9c3f7d20b4e51a", Opaque, true},
		{"server key", "server-Qm7ZtR2xK9pL4vN8cW1yB6sD3fH5jG0a", Deployment, true}, // ampscan:allow: generated test value
		{"client x placeholder", "client-xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx", Deployment, false},
		{"server X placeholder", "server-XXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXX", Deployment, false},
		{"lowercase-only tail", "server-abcdefghijklmnopqrstuvwxyzabcdef", Deployment, false},
		{"31 characters is not a deployment key", "client-Qm7ZtR2xK9pL4vN8cW1yB6sD3fH5jG0", Opaque, true},
		{"opaque token", "mK2_vQ9xR4tZ8bN1pL6wS3yC0hJ5dF7g", Opaque, true},
		{"env var name", "AMPLITUDE_MANAGEMENT_API_KEY_PROD_2", Opaque, false},
		{"reference", "process.env.AMPLITUDE_SCIM_KEY_2024", Opaque, false},
		{"placeholder word", "your-amplitude-scim-key-goes-here1", Opaque, false},
		{"path", "/var/run/secrets/amplitude/key2", Opaque, false},
		{"letters only", "abcdefghijklmnopqrstuvwxyzABCDEF", Opaque, false},
		{"too short", "abc123", NoShape, false},
		{"spaces", "not a token at all", NoShape, false},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			t.Parallel()
			if got := ShapeOf(c.value); got != c.shape {
				t.Errorf("ShapeOf = %v, want %v", got, c.shape)
			}
			if got := Plausible(c.value, c.shape); got != c.plausible {
				t.Errorf("Plausible = %v, want %v", got, c.plausible)
			}
		})
	}
}

func TestIdentifierRoles(t *testing.T) {
	t.Parallel()
	cases := map[string]Role{
		"AMPLITUDE_API_KEY":                       "project-api",
		"NEXT_PUBLIC_AMPLITUDE_API_KEY":           "project-api",
		"amplitudeApiKey":                         "project-api",
		"AMP_KEY":                                 "project-api",
		"AMPLITUDE_SECRET_KEY":                    "project-secret",
		"AMPLITUDE_API_SECRET":                    "project-secret",
		"AmplitudeAPI.config.secret_key":          "project-secret",
		"AMPLITUDE_DEPLOYMENT_KEY":                "deployment",
		"serverDeploymentKey":                     "deployment", // the prefix decides the class
		"AMPLITUDE_EXPERIMENT_MANAGEMENT_API_KEY": "management",
		"AMPLITUDE_MGMT_KEY":                      "management",
		"managementKey":                           "management",
		"AMPLI_TOKEN":                             "data-token",
		"AMPLITUDE_SCIM_KEY":                      "scim",
		"scim_token":                              "scim",
		"AMPLITUDE_ORG_API_KEY":                   "org-api",
		"AMPLITUDE_ORG_SECRET_KEY":                "org-secret",
		"AMPLITUDE_SECRET_KEY_ID":                 "",
		"AMPLITUDE_DEVICE_ID":                     "",
		"AMPLITUDE_API_KEY_NAME":                  "",
		"MIXPANEL_API_SECRET":                     "",
		"SEGMENT_WRITE_KEY":                       "",
		"DD_API_KEY":                              "",
		"amplitude_checksum":                      "",
		"timestamp_key_hash":                      "",
	}
	for id, want := range cases {
		if got := builtinLexicon().roleOfIdentifier(id); got != want {
			t.Errorf("roleOfIdentifier(%q) = %q, want %q", id, got, want)
		}
	}
}

// looksRandomPlainly is what looksRandom decides, written as plainly as
// it can be and apart from it: a set of the distinct bytes, the longest
// run of one byte, the ascending neighbours, and every unit tried by
// building the value it would repeat into.
func looksRandomPlainly(v string, minDistinct int) bool {
	distinct := map[byte]bool{}
	for i := range len(v) {
		distinct[v[i]] = true
	}
	longest := 0
	for i := 0; i < len(v); {
		j := i
		for j < len(v) && v[j] == v[i] {
			j++
		}
		longest, i = max(longest, j-i), j
	}
	ascending := 0
	for i := 1; i < len(v); i++ {
		prev, cur := v[i-1], v[i]
		folded := cur|0x20 == prev|0x20+1 && isAlnum(cur) && isAlnum(prev)
		if folded || cur|0x20 == 'a' && prev == '9' {
			ascending++
		}
	}
	if len(distinct) < minDistinct || longest >= 6 || 2*ascending >= len(v) {
		return false
	}
	for unit := 1; unit <= len(v)/2; unit++ {
		if strings.Repeat(v[:unit], len(v)/unit+1)[:len(v)] == v {
			return false
		}
	}
	return true
}

// looksRandom must judge as its plain definition does, on values built
// to reach every test: repeated units of every length, runs, ascending
// stretches, few distinct bytes, and plain random tokens.
func TestLooksRandomAgreesWithPlainDefinition(t *testing.T) {
	t.Parallel()
	r := rand.New(rand.NewPCG(12, 13))
	alphabets := []string{"0123456789abcdef", "ab", "abc1", "aAbBcC09", "0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ-_.", "\x00\xff\x80z"}
	rejected := 0
	for range 200000 {
		a := alphabets[r.IntN(len(alphabets))]
		var b []byte
		n := r.IntN(48)
		switch r.IntN(4) {
		case 0: // a unit repeated, maybe with a stray byte
			unit := make([]byte, 1+r.IntN(16))
			for i := range unit {
				unit[i] = a[r.IntN(len(a))]
			}
			for len(b) < n {
				b = append(b, unit...)
			}
			b = b[:n]
			if n > 0 && r.IntN(4) == 0 {
				b[r.IntN(n)] = a[r.IntN(len(a))]
			}
		case 1: // an ascending stretch inside
			for len(b) < n {
				if r.IntN(3) == 0 {
					k := r.IntN(len(a))
					b = append(b, a[k:min(len(a), k+r.IntN(12))]...)
				} else {
					b = append(b, a[r.IntN(len(a))])
				}
			}
		default:
			for range n {
				b = append(b, a[r.IntN(len(a))])
			}
		}
		v := string(b)
		for _, min := range []int{1, 8, 10} {
			want := looksRandomPlainly(v, min)
			if got := looksRandom(v, min); got != want {
				t.Fatalf("looksRandom(%q, %d) = %v, want %v", v, min, got, want)
			}
			if !want {
				rejected++
			}
		}
	}
	if rejected == 0 {
		t.Fatal("no value was rejected: the test reaches nothing")
	}
}

// The word sets and byte kinds that judge values answer as the plain
// searches they replace: for the catalogue's own word lists, on random
// strings over the words' letters and every byte, with words planted.
func TestSubstringSetAndKinds(t *testing.T) {
	lx := builtinLexicon()
	r := rand.New(rand.NewPCG(9, 9))
	few, one := newSubstringSet([]string{"fake", "dead"}), newSubstringSet([]string{"your"})
	bytesToo := newSubstringSet([]string{"q", "env[", "zz", "0"}) // words of one byte
	sets := []*substringSet{&lx.placeholders, &lx.hexPlaceholders, &lx.references, &few, &one, &bytesToo}
	var alphabet []byte
	for _, set := range sets {
		for _, w := range set.words {
			alphabet = append(alphabet, w...)
		}
	}
	alphabet = append(alphabet, 'Q', '0', 0x80, 0xff, 'Z')
	found := 0
	for range 20000 {
		b := make([]byte, r.IntN(48))
		for i := range b {
			b[i] = alphabet[r.IntN(len(alphabet))]
		}
		s := string(b)
		for _, set := range sets {
			if len(set.words) > 0 && r.IntN(4) == 0 {
				w := set.words[r.IntN(len(set.words))]
				at := r.IntN(len(s) + 1)
				s = s[:at] + w + s[at:]
			}
			want := false
			for _, w := range set.words {
				want = want || strings.Contains(s, w)
			}
			if got := set.search(s, false); got != want {
				t.Fatalf("%q: search says %v, a search for each word %v", s, got, want)
			}
			if want {
				found++
			}
			// Folded, search reads an ASCII value as it reads its lowered copy.
			if kindsOf(s)&kindHigh == 0 {
				mixed := []byte(s)
				for i, c := range mixed {
					if c >= 'a' && c <= 'z' && r.IntN(2) == 0 {
						mixed[i] = c - 'a' + 'A'
					}
				}
				lowered, wantFolded := strings.ToLower(string(mixed)), false
				for _, w := range set.words {
					wantFolded = wantFolded || strings.Contains(lowered, w)
				}
				if got := set.search(string(mixed), true); got != wantFolded {
					t.Fatalf("%q: folded, search says %v, a search of its lowered copy %v", mixed, got, wantFolded)
				}
			}
		}
		var upper, high, u, l, d bool
		for i := 0; i < len(s); i++ {
			c := s[i]
			upper = upper || c >= 'A' && c <= 'Z'
			high = high || c >= 0x80
			u, l, d = u || c >= 'A' && c <= 'Z', l || c >= 'a' && c <= 'z', d || c >= '0' && c <= '9'
		}
		if k := kindsOf(s); k&kindUpper != 0 != upper || k&kindHigh != 0 != high {
			t.Fatalf("%q: kindsOf %b", s, k)
		}
		want := 0
		for _, k := range []bool{u, l, d} {
			if k {
				want++
			}
		}
		if classCount(s) != want {
			t.Fatalf("%q: classCount %d, want %d", s, classCount(s), want)
		}
	}
	if found < 1000 {
		t.Errorf("only %d strings held a word: the test proves little", found)
	}
	if len(lx.placeholders.words) <= 2 || len(lx.references.words) <= 2 {
		t.Errorf("%d placeholders, %d references: the search by first byte should be tested", len(lx.placeholders.words), len(lx.references.words))
	}
}

// The shape checks that read the byte class table answer as the plain
// byte-by-byte readings they replaced, for every byte at every place of a
// value of each shape, and at the lengths either side of each bound.
func TestShapeChecksAsPlainReading(t *testing.T) {
	t.Parallel()
	plainHex := func(v string) bool {
		if len(v) != 32 {
			return false
		}
		for i := range len(v) {
			if c := v[i]; !(c >= '0' && c <= '9' || c >= 'a' && c <= 'f') {
				return false
			}
		}
		return true
	}
	plainDeployment := func(v string) bool {
		if len(v) != 39 || !(strings.HasPrefix(v, "client-") || strings.HasPrefix(v, "server-")) {
			return false
		}
		for i := 7; i < len(v); i++ {
			if !isAlnum(v[i]) {
				return false
			}
		}
		return true
	}
	plainOpaque := func(v string) bool {
		if len(v) < minOpaqueLen || len(v) > 256 {
			return false
		}
		for i := range len(v) {
			if c := v[i]; !(isAlnum(c) || strings.IndexByte("._~+/=-", c) >= 0) {
				return false
			}
		}
		return true
	}
	r := rand.New(rand.NewPCG(21, 22))
	const tokenBytes = "0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ._~+/=-"
	draw := func(alphabet string, n int) []byte {
		b := make([]byte, n)
		for i := range b {
			b[i] = alphabet[r.IntN(len(alphabet))]
		}
		return b
	}
	var values [][]byte
	for _, n := range []int{0, 1, 15, 16, 17, 31, 32, 33, 38, 39, 40, 255, 256, 257} {
		values = append(values, draw("0123456789abcdef", n), draw(tokenBytes, n))
	}
	for _, p := range []string{"client-", "server-", "Client-", "serve-x"} {
		values = append(values, append([]byte(p), draw(tokenBytes[:62], 32)...))
	}
	seen := map[bool]int{}
	for _, base := range values {
		for at := range base {
			for c := range 256 {
				v := []byte(string(base))
				v[at] = byte(c)
				s := string(v)
				for _, check := range []struct {
					name       string
					got, plain bool
				}{
					{"isHex32", isHex32(s), plainHex(s)},
					{"isDeploymentKey", isDeploymentKey(s), plainDeployment(s)},
					{"isOpaque", isOpaque(s), plainOpaque(s)},
				} {
					if check.got != check.plain {
						t.Fatalf("%s(%q) = %v, the plain reading %v", check.name, s, check.got, check.plain)
					}
					seen[check.plain]++
				}
			}
		}
	}
	if seen[true] == 0 || seen[false] == 0 {
		t.Fatalf("answers %v: the test reaches only one", seen)
	}
}

// entropy gives, to the last bit, what summing over all 256 byte counts
// in order gives.
func TestEntropyAsPlainSum(t *testing.T) {
	t.Parallel()
	plain := func(v string) float64 {
		var counts [256]int
		for i := range len(v) {
			counts[v[i]]++
		}
		h := 0.0
		for _, c := range counts {
			if c > 0 {
				p := float64(c) / float64(len(v))
				h -= p * math.Log2(p)
			}
		}
		return h
	}
	r := rand.New(rand.NewPCG(31, 32))
	for range 20000 {
		b := make([]byte, r.IntN(300))
		span := 1 + r.IntN(256)
		lo := r.IntN(257 - span)
		for i := range b {
			b[i] = byte(lo + r.IntN(span))
		}
		if got, want := entropy(string(b)), plain(string(b)); math.Float64bits(got) != math.Float64bits(want) {
			t.Fatalf("entropy(%q) = %v, the plain sum %v", b, got, want)
		}
	}
}

// plausible answers as it did when it lowered a copy of every value with
// capitals: over random values of each shape in mixed case, with the
// catalogue's placeholders and references planted in any case, and bytes
// past ASCII.
func TestPlausibleAsLoweredCopy(t *testing.T) {
	t.Parallel()
	lx := builtinLexicon()
	holds := func(s string, words []string) bool {
		for _, w := range words {
			if strings.Contains(s, w) {
				return true
			}
		}
		return false
	}
	plain := func(v string, sh Shape) bool {
		lower := v
		if sh != Hex32 {
			lower = strings.ToLower(v)
		}
		words := lx.placeholders.words
		if sh == Hex32 {
			words = lx.hexPlaceholders.words
		}
		if holds(lower, words) {
			return false
		}
		switch sh {
		case Hex32:
			return looksRandom(v, 8)
		case Deployment:
			tail := deploymentTail(v)
			return looksRandom(tail, 10) && classCount(tail) >= 2
		case Opaque:
			if holds(lower, lx.references.words) || strings.HasPrefix(v, "/") || strings.HasPrefix(v, ".") ||
				strings.HasPrefix(lower, "http") || strings.Contains(v, "//") || strings.Contains(v, "..") || looksLikeName(v) {
				return false
			}
			digit, letter := false, false
			for i := range len(v) {
				c := v[i]
				digit = digit || c >= '0' && c <= '9'
				letter = letter || c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z'
			}
			return digit && letter && looksRandom(v, 10) && entropy(v) >= 3.0
		}
		return false
	}
	r := rand.New(rand.NewPCG(41, 42))
	planted := append(append([]string{"HTTP://", "Https"}, lx.placeholders.words...), lx.references.words...)
	const letters = "0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ._-/+="
	answers := map[bool]int{}
	for range 30000 {
		b := make([]byte, 8+r.IntN(40))
		for i := range b {
			b[i] = letters[r.IntN(len(letters))]
		}
		v := string(b)
		if r.IntN(3) == 0 {
			w := []byte(planted[r.IntN(len(planted))])
			for i, c := range w {
				if c >= 'a' && c <= 'z' && r.IntN(2) == 0 {
					w[i] = c - 'a' + 'A'
				}
			}
			at := r.IntN(len(v) + 1)
			v = v[:at] + string(w) + v[at:]
		}
		if r.IntN(20) == 0 {
			v += "\u212a" // KELVIN SIGN: strings.ToLower makes it a k
		}
		for _, sh := range []Shape{Hex32, Deployment, Opaque} {
			val := v
			switch sh {
			case Hex32:
				val = genHex(r)
			case Deployment:
				val = "client-" + (v + strings.Repeat("Q7", 16))[:32]
			}
			got, want := lx.plausible(val, sh), plain(val, sh)
			if got != want {
				t.Fatalf("plausible(%q, %v) = %v, the lowered copy's reading %v", val, sh, got, want)
			}
			answers[got]++
		}
	}
	if answers[true] == 0 || answers[false] == 0 {
		t.Fatalf("answers %v: the test reaches only one", answers)
	}
}
