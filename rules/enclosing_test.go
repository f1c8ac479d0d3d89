package rules

import (
	"math/rand/v2"
	"strings"
	"testing"
)

// The value is marked with §; the question is whether the brackets open
// around it were opened by another vendor's call or object.
func TestEnclosedByOtherVendor(t *testing.T) {
	t.Parallel()
	for _, tc := range []struct {
		text string
		want bool
	}{
		{`docsearch({ appId: "X", apiKey: "§", indexName: "amplitude-docs" })`, true},
		{`const c = algoliasearch('latency', '§');`, true},
		{`window.DD_RUM.init({ clientToken: '§', service: 'amplitude' })`, true},
		{`datadogRum.init({ apiKey: '§' })`, true},
		{`window.intercomSettings = { app_id: "a", apiKey: "§" }`, true},
		{"themeConfig: {\n  algolia: {\n    apiKey: '§',\n  },\n}", true},
		{`mixpanel.init('§', { name: 'amplitude' })`, true},
		{`analytics.load("§")`, true},
		{`amplitude.init({ apiKey: '§' })`, false},
		{`Sentry.wrap(() => { amplitude.init('§') })`, false},
		{`class GoogleAmplitudeBridge { init() { const k = '§' } }`, false},
		{`foo({ apiKey: '§' })`, false},
		{`Sentry.init({ dsn }); const c = { apiKey: '§' };`, false},
	} {
		i := strings.Index(tc.text, "§")
		if got := builtinLexicon().enclosedByOtherVendor([]byte(strings.ToLower(tc.text)), i); got != tc.want {
			t.Errorf("%q: got %v, want %v", tc.text, got, tc.want)
		}
	}
}

// The value is marked with §; columnName names it by its column header.
func TestColumnName(t *testing.T) {
	t.Parallel()
	for _, tc := range []struct {
		text, want string
	}{
		{"| Project | Region | API key |\n|---|---|---|\n| web | US | §", "API key"},
		{"| Project | API key | Secret key |\n| --- | --- | --- |\n| a | x | §", "Secret key"},
		{"| Vendor | Key |\n|---|---|\n| Mixpanel | §", "Mixpanel Key"},
		{"||Environment||API Key||\n|Production|§", "API Key"},
		{"{| class=\"wikitable\"\n! Env !! API Key !! Secret Key\n|-\n| prod || x || §", "Secret Key"},
		{"{| class=\"wikitable\"\n! Env !! API Key\n|-\n| a || b\n|-\n| prod || §", "API Key"},
		{"Some text\n| prod | §", ""},
		{"| a | b |\n| c | d | e | §", ""},
	} {
		i := strings.Index(tc.text, "§")
		if got := builtinLexicon().columnName([]byte(tc.text), i); got != tc.want {
			t.Errorf("%q: got %q, want %q", tc.text, got, tc.want)
		}
	}
}

// lastInlineOpener searches between braces from the end; it must name
// what the last of all inlineOpener's matches names.
func TestLastInlineOpener(t *testing.T) {
	t.Parallel()
	r := rand.New(rand.NewPCG(8, 8))
	pieces := []string{"a", "org", "b.c", "-", "_", "'", `"`, " ", "\t", "=", ":", "{", "(", "x1", "9", "{{", "k = {", "s: {"}
	found := 0
	for range 50000 {
		var sb strings.Builder
		for range r.IntN(14) {
			sb.WriteString(pieces[r.IntN(len(pieces))])
		}
		b := []byte(sb.String())
		want, wantOK := "", false
		if all := inlineOpener.FindAllSubmatch(b, -1); len(all) > 0 {
			want, wantOK = string(all[len(all)-1][1]), true
			found++
		}
		if got, ok := lastInlineOpener(b); got != want || ok != wantOK {
			t.Fatalf("lastInlineOpener(%q) = %q, %v; the last of all matches names %q, %v", b, got, ok, want, wantOK)
		}
	}
	if found < 1000 {
		t.Errorf("only %d texts held an opener: too few to show anything", found)
	}
}
