package cli

import (
	"fmt"
	"math/rand/v2"
	"strings"
	"testing"
)

func alnum(r *rand.Rand, n int) string {
	const chars = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789"
	b := make([]byte, n)
	for i := range b {
		b[i] = chars[r.IntN(len(chars))]
	}
	return string(b)
}

func TestRedactMessage(t *testing.T) {
	t.Parallel()
	// Generated at test time: no literal key is committed.
	r := rand.New(rand.NewPCG(5, 5))
	hex := fmt.Sprintf("%016x%016x", r.Uint64(), r.Uint64())
	server := "server-Qm7" + alnum(r, 29)
	token := "Zr8" + alnum(r, 33)
	commit := "4b825dc642cb6eb9a060e54bf8d69288fbee4904"
	cases := []struct{ in, want string }{
		{"pattern `x(" + hex + "(`", "pattern `x(" + hex[:4] + "…(`"},
		{`example "AMPLITUDE_SERVER_KEY=` + server + `" failed`, `example "AMPLITUDE_SERVER_KEY=server-Qm7…" failed`},
		{`example "AMPLITUDE_MANAGEMENT_API_KEY=` + token + `"`, `example "AMPLITUDE_MANAGEMENT_API_KEY=` + token[:4] + `…"`},
		{"corrupt object " + commit + ": zlib: invalid header", "corrupt object " + commit + ": zlib: invalid header"},
		{"cannot read a/b.env: permission denied", "cannot read a/b.env: permission denied"},
	}
	for _, tc := range cases {
		if got := redactMessage(tc.in); got != tc.want {
			t.Errorf("redactMessage(%q)\n got %q\nwant %q", tc.in, got, tc.want)
		}
		for _, s := range []string{hex, server, token} {
			if strings.Contains(redactMessage(tc.in), s) {
				t.Errorf("%q still holds a secret", tc.in)
			}
		}
	}
}
