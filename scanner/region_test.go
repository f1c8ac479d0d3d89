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
