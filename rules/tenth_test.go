package rules

import (
	"fmt"
	"io/fs"
	"math/rand/v2"
	"os"
	"path"
	"slices"
	"strings"
	"testing"
	"testing/fstest"
)

// overlayFS lays the files of an overlay directory over the embedded
// catalogue, so that a test catalogue goes through the one loader.
func overlayFS(t *testing.T, overlay string) fs.FS {
	t.Helper()
	m := fstest.MapFS{}
	add := func(fsys fs.FS, dir string) {
		entries, err := fs.ReadDir(fsys, dir)
		if err != nil {
			t.Fatal(err)
		}
		for _, e := range entries {
			raw, err := fs.ReadFile(fsys, path.Join(dir, e.Name()))
			if err != nil {
				t.Fatal(err)
			}
			m["catalogue/"+e.Name()] = &fstest.MapFile{Data: raw}
		}
	}
	add(catalogueFS, "catalogue")
	add(os.DirFS(overlay), ".")
	return m
}

// A tenth, made-up key type is data alone: testdata/tenth declares its
// policy, role, name words, a host and a rule, and the built-in rules as
// well as its own find it, with no change to Go.
func TestTenthKeyType(t *testing.T) {
	t.Parallel()
	const widget KeyType = "amplitude-widget-token"
	c, err := loadFS(overlayFS(t, "testdata/tenth"), "catalogue")
	if err != nil {
		t.Fatal(err)
	}
	builtin, err := Builtin()
	if err != nil {
		t.Fatal(err)
	}
	p, ok := c.PolicyFor(widget)
	if !ok || p.Visibility != Private || p.Severity != High || len(c.Policies()) != len(builtin.Policies())+1 {
		t.Fatalf("policy %+v, %v; %d key types", p, ok, len(c.Policies()))
	}
	if _, ok := PolicyFor(widget); ok {
		t.Fatal("the made-up key type leaked into the built-in catalogue")
	}
	rnd := rand.New(rand.NewPCG(15, 10))
	for _, tc := range []struct {
		name, text   string
		rule         string
		builtinFinds []KeyType // what the built-in catalogue makes of it
	}{
		// The name rule: before the overlay this is a Data API token.
		{"name", "AMPLITUDE_WIDGET_TOKEN={{token}}", "amplitude.assignment", []KeyType{DataAPIToken}},
		// A generic name, by context: widget is in the generic vocabulary.
		{"generic name", "# amplitude widgets\nwidgetToken: \"{{token}}\"", "amplitude.assignment", nil},
		// The host: a Bearer token sent to it.
		{"host", "curl -H 'Authorization: Bearer {{token}}' https://widgets.amplitude.example/v1/widgets", "amplitude.http.bearer", nil},
		// Its own rule.
		{"rule", "<amplitude-widget token=\"{{token}}\"></amplitude-widget>", "amplitude.widget.embed", nil},
	} {
		text := []byte(ExpandExample(tc.text, rnd))
		got := c.Scan("", text)
		if len(got) != 1 || got[0].KeyType != widget || got[0].RuleID != tc.rule {
			t.Errorf("%s: got %+v, want one %s from %s", tc.name, got, widget, tc.rule)
		}
		if b := keyTypes(builtin.Scan("", text)); !slices.Equal(b, tc.builtinFinds) {
			t.Errorf("%s: the built-in catalogue found %v, want %v", tc.name, b, tc.builtinFinds)
		}
	}
	// Every rule, the new one and the built-in ones, still passes its
	// examples in the larger catalogue.
	for _, r := range c.Rules() {
		if err := c.CheckRule(r, 1); err != nil {
			t.Errorf("rule %s: %v", r.ID, err)
		}
	}
}

// Broken catalogue data is refused with an error naming the file or the
// entry and the field.
func TestCatalogueDataErrors(t *testing.T) {
	t.Parallel()
	for _, tc := range []struct{ name, data, want string }{
		{"unknown role", "[[host]]\nhost = \"x.amplitude.example\"\nrole = \"nope\"\n", `host x.amplitude.example: unknown role "nope"`},
		{"taken twice", "[[role]]\nid = \"w\"\n[[key_type]]\nid = \"w-key\"\nname = \"w\"\nproduct = \"w\"\nclass = \"private\"\nseverity = \"high\"\nstrictness = 9\nrole = \"w\"\naction = \"a\"\nremediation = \"r\"\nmanaged_in = \"m\"\ntakes = [{ role = \"scim\", shape = \"opaque\" }]\n",
			`key_type w-key: field takes: role "scim", shape opaque and prefix "" are also amplitude-scim-key's`},
		{"bad key type", "[[key_type]]\nid = \"w-key\"\nclass = \"secret\"\n", `key_type w-key: field class: must be public or private, not "secret"`},
		{"bad SARIF score", "[[key_type]]\nid = \"w-key\"\nsarif_score = \"11\"\nprecision = \"certain\"\n", `key_type w-key: field sarif_score: must be a number from 0.0 to 10.0`},
		{"bad precision", "[[key_type]]\nid = \"w-key\"\nprecision = \"certain\"\n", `key_type w-key: field precision: must be one of very-high, high, medium, low, not "certain"`},
		{"bad condition", "[[identifiers.role]]\nwhen = \"widget & @nothing\"\nrole = \"scim\"\n", "@nothing is not in [identifiers.conditions]"},
		{"misspelt field", "[[host]]\nhots = \"x\"\n", "zz.toml: unknown fields: host.hots"},
		{"too many key types", strings.Repeat("[[key_type]]\nid = \"w-key\"\n", maxListed), fmt.Sprintf("more than the %d a catalogue may have", maxListed)},
		{"too many public prefixes", "[identifiers]\npublic_prefixes = [" + strings.Repeat("\"p\", ", maxListed) + "]\n", "[identifiers] public_prefixes: "},
	} {
		t.Run(tc.name, func(t *testing.T) {
			m := overlayFS(t, "testdata/tenth").(fstest.MapFS)
			delete(m, "catalogue/0-widget.toml")
			m["catalogue/zz.toml"] = &fstest.MapFile{Data: []byte(tc.data)}
			_, err := loadFS(m, "catalogue")
			if err == nil || !strings.Contains(err.Error(), tc.want) {
				t.Fatalf("got %v, want an error holding %q", err, tc.want)
			}
		})
	}
}
