package scanner

import (
	"math/rand/v2"
	"strings"
	"testing"

	"github.com/ampscan/ampscan/rules"
)

func TestRegionHint(t *testing.T) {
	t.Parallel()
	const key = "VALUE"
	cases := []struct {
		name, text, want string
	}{
		{"plain US variable", "AMPLITUDE_API_KEY=VALUE", ""},
		{"_EU suffix on its own line", "AMPLITUDE_API_KEY_EU=VALUE", RegionEU},
		{"_EU_ inside the name", "AMP_EU_SECRET_KEY=VALUE", RegionEU},
		{"_EU name on another line speaks only for its own value", "AMPLITUDE_API_KEY_EU=x\nAMPLITUDE_API_KEY=VALUE", ""},
		{"EUR is not EU", "PRICE_EUR_KEY=VALUE", ""},
		{"serverZone EU a line below", "amplitude.init('VALUE', {\n  serverZone: 'EU',\n})", RegionEU},
		{"Swift ServerZone.EU", "let c = Configuration(apiKey: \"VALUE\",\n serverZone: .EU)", RegionEU},
		{"Python server_zone", "Amplitude('VALUE', Config(server_zone=\"EU\"))", RegionEU},
		{"serverZone US", "amplitude.init('VALUE', {serverZone: 'US'})", ""},
		{"EU host nearby", "curl -H 'Authorization: Api-Key VALUE' \\\n https://api.lab.eu.amplitude.com/v1/flags", RegionEU},
		{"EU host far away", "https://api.eu.amplitude.com\n" + strings.Repeat("x\n", 10) + "VALUE", ""},
		{"a long minified line is bounded", "serverZone:'EU'" + strings.Repeat(";", 2000) + "VALUE", ""},
		// The bound is regionNearbyBytes either way, to the byte.
		{"setting just within the bound before", "serverZone:'EU'" + strings.Repeat(";", regionNearbyBytes-15) + "VALUE", RegionEU},
		{"setting one byte past the bound before", "serverZone:'EU'" + strings.Repeat(";", regionNearbyBytes-14) + "VALUE", ""},
		// (A setting ends at its EU: the quote after it is not needed.)
		{"setting just within the bound after", "VALUE" + strings.Repeat(";", regionNearbyBytes-14) + "serverZone:'EU'", RegionEU},
		{"setting one byte past the bound after", "VALUE" + strings.Repeat(";", regionNearbyBytes-13) + "serverZone:'EU'", ""},
		{"setting on a line within the bound", "serverZone:'EU'\n" + strings.Repeat(";", regionNearbyBytes-17) + "\nVALUE", RegionEU},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			t.Parallel()
			i := strings.Index(c.text, key)
			if got := regionHint([]byte(c.text), i, i+len(key)); got != c.want {
				t.Errorf("regionHint = %q, want %q", got, c.want)
			}
		})
	}
}

// TestRegionHintOnFindings: the engine fills the hint for what it finds.
func TestRegionHintOnFindings(t *testing.T) {
	t.Parallel()
	r := rand.New(rand.NewPCG(7, 7))
	text := rules.ExpandExample("AMPLITUDE_SECRET_KEY={{hex}}\nAMPLITUDE_SECRET_KEY_EU={{hex}}\n", r)
	fs := (&Engine{Rules: builtin(t)}).ScanBytes(".env", []byte(text))
	if len(fs) != 2 {
		t.Fatalf("%d findings, want 2", len(fs))
	}
	if fs[0].RegionHint != "" || fs[1].RegionHint != RegionEU {
		t.Errorf("hints %q, %q; want \"\", %q", fs[0].RegionHint, fs[1].RegionHint, RegionEU)
	}
}

// In a file of many keys the hints are first ruled out for the file as a
// whole (mayHintRegion): each finding must still get the hint it gets
// alone, with an EU name, setting or host somewhere among the keys or
// nowhere.
func TestRegionHintManyFindings(t *testing.T) {
	t.Parallel()
	r := rand.New(rand.NewPCG(5, 9))
	eng := &Engine{Rules: builtin(t)}
	for _, eu := range []map[int]string{
		{700: "AMPLITUDE_SECRET_KEY_EU={{hex}}"},
		{1500: "serverZone: 'EU'"},
		{1800: "# https://api.eu.amplitude.com/2/httpapi"},
		{},
	} {
		var b strings.Builder
		var starts []int
		for i := range 2000 {
			starts = append(starts, b.Len())
			line, ok := eu[i]
			if !ok {
				line = "AMPLITUDE_SECRET_KEY={{hex}}"
			}
			b.WriteString(rules.ExpandExample(line, r) + "\n")
		}
		data := []byte(b.String())
		fs := eng.ScanBytes(".env", data)
		if len(fs)*2*regionNearbyBytes < len(data) || len(fs) < 1990 {
			t.Fatalf("%d findings in %d bytes: the file is not the case tested", len(fs), len(data))
		}
		hinted := 0
		for _, f := range fs {
			start := starts[f.Line-1] + f.Column - 1
			want := regionHint(data, start, start+f.EndColumn-f.Column)
			if f.RegionHint != want {
				t.Fatalf("line %d: hint %q, alone %q", f.Line, f.RegionHint, want)
			}
			if want != "" {
				hinted++
			}
		}
		if (len(eu) > 0) != (hinted > 0) || hinted > 30 {
			t.Errorf("%d of %d findings hinted EU, with %d EU lines", hinted, len(fs), len(eu))
		}
	}
}

// TestRegionPrefilters: the cheap tests that spare most findings the
// regular expressions never turn away text those would match.
func TestRegionPrefilters(t *testing.T) {
	t.Parallel()
	pieces := []string{"_", "e", "E", "u", "U", "_eu", "_EU", "_Eu", "zone", "ZONE", "Zone", "server", "server_",
		".eu.amplitude.com", ".EU.Amplitude.COM", ".eu.amplitude.co", "a", "1", " ", "=", "\n", "eu", "serverZone: 'EU'", "é", "ſ"}
	r := rand.New(rand.NewPCG(3, 4))
	for range 20000 {
		var b strings.Builder
		for range 1 + r.IntN(8) {
			b.WriteString(pieces[r.IntN(len(pieces))])
		}
		s := []byte(b.String())
		if euName.Match(s) && !mayNameEU(s) {
			t.Fatalf("euName matches %q but mayNameEU says no", s)
		}
		if euSetting.Match(s) && !maySetEU(s) {
			t.Fatalf("euSetting matches %q but maySetEU says no", s)
		}
	}
}

// TestContainsFold checks the search against lowering the text and
// looking for the word, on text built from pieces of the words it is
// asked about, in both cases, with near misses and bytes that differ from
// a word's only in bit 0x20.
func TestContainsFold(t *testing.T) {
	t.Parallel()
	words := []string{"zone", ".eu.amplitude.com", InlineMarker, "a", "z"}
	pieces := []string{"z", "Z", "o", "ONE", "zon", "zonE", ".", "\x0e", ":", "\x1a", "eu", ".EU", "amplitude", "AMPLITUDE.com",
		".com", "ampscan", "AMPSCAN:", "allow", "Allow", "`", "@", " ", "é", "\n"}
	r := rand.New(rand.NewPCG(17, 17))
	for range 20000 {
		var b strings.Builder
		for range r.IntN(12) {
			b.WriteString(pieces[r.IntN(len(pieces))])
		}
		text := b.String()
		lowered := []byte(text)
		for i, c := range lowered {
			if 'A' <= c && c <= 'Z' {
				lowered[i] = c + 'a' - 'A'
			}
		}
		for _, w := range words {
			if got, want := containsFold([]byte(text), w), strings.Contains(string(lowered), w); got != want {
				t.Fatalf("containsFold(%q, %q) = %v, want %v", text, w, got, want)
			}
		}
	}
}
