package scanner

import (
	"io"
	"slices"
	"strings"
	"testing"
)

func TestAddedMarkerLines(t *testing.T) {
	t.Parallel()
	long := strings.Repeat("x", 64<<10-5) // puts the marker across a buffer edge
	cases := []struct {
		name     string
		old, new string
		noOld    bool
		want     []int
	}{
		{name: "new file", noOld: true, new: "a\nk # ampscan:allow\n", want: []int{2}},
		{name: "unchanged marker", old: "k # ampscan:allow\n", new: "k # ampscan:allow\n"},
		{name: "moved marker", old: "a\nk # ampscan:allow\n", new: "k # ampscan:allow\na\n"},
		{name: "duplicated marker", old: "k # ampscan:allow\n", new: "k # ampscan:allow\nk # ampscan:allow\n", want: []int{2}},
		{name: "edited marker line", old: "k=1 # ampscan:allow\n", new: "k=2 # ampscan:allow\n", want: []int{1}},
		{name: "any case, no final newline", old: "", new: "a\nb // AmpScan:Allow", want: []int{2}},
		{name: "CRLF to LF is not new", old: "k # ampscan:allow\r\n", new: "k # ampscan:allow\n"},
		{name: "marker across a buffer edge", old: "", new: "a\n" + long + "ampscan:allow" + long + "\nb\n", want: []int{2}},
		{name: "no marker", old: "a\n", new: "b\n"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			var old io.Reader = strings.NewReader(tc.old)
			if tc.noOld {
				old = nil
			}
			got, err := AddedMarkerLines(old, strings.NewReader(tc.new))
			if err != nil || !slices.Equal(got, tc.want) {
				t.Errorf("got %v, %v; want %v", got, err, tc.want)
			}
		})
	}
}
