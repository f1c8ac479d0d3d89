package report

import (
	"bytes"
	"math/rand/v2"
	"testing"
)

// Without colour, a style gives back a line with no tab, CR or LF itself
// rather than through lipgloss; it must be what lipgloss gives, for every
// style of the report, and lipgloss must still see everything else.
func TestPlainStyleAsLipgloss(t *testing.T) {
	t.Parallel()
	texts := []string{"", " ", "PRIVATE", "a b", "  lead", "trail  ", "é ü 中文 🔑", "x\x1b[31my", "nul\x00byte",
		"\v\f", "nbsp\u00a0here", "(32 chars, rule amplitude.assignment)", "→ Rotate the key", "bad \xff utf-8",
		"two\nlines", "tab\there", "cr\rhere", "crlf\r\nhere", "a\nlonger second line\n"}
	r := rand.New(rand.NewPCG(17, 17))
	alphabet := []byte("ab \x00\x1b\xff\xc3\xa9\t\r\n-→")
	for range 3000 {
		b := make([]byte, r.IntN(24))
		for i := range b {
			b[i] = alphabet[r.IntN(len(alphabet))]
		}
		texts = append(texts, string(b))
	}
	st := (&Text{}).styles(&bytes.Buffer{})
	styles := map[string]style{"private": st.private, "public": st.public, "sev": st.sev, "path": st.path,
		"dim": st.dim, "head": st.head, "action": st.action, "live": st.live}
	changed := 0
	for name, s := range styles {
		if !s.plain {
			t.Fatalf("style %s: not plain without colour", name)
		}
		for _, text := range texts {
			want := s.lip.Render(text)
			if got := s.Render(text); got != want {
				t.Fatalf("style %s, %q: %q, lipgloss gives %q", name, text, got, want)
			}
			if want != text {
				changed++
			}
		}
	}
	// Texts lipgloss changes (tabs, CRLF, lines padded to one width) are
	// among those tried, so the comparison above can tell a shortcut
	// taken where it must not be.
	if changed == 0 {
		t.Error("no text tried is one lipgloss changes")
	}
	if colour := (&Text{Options: Options{Color: true}}).styles(&bytes.Buffer{}); colour.private.plain || colour.private.Render("x") == "x" {
		t.Error("with colour, styles must still colour")
	}
}
