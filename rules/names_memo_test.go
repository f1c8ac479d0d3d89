package rules

import (
	"fmt"
	"testing"
)

// Each name keeps its own judgments however many names come after it,
// asked as a string or as bytes.
func TestNameMemo(t *testing.T) {
	var m nameMemo
	for i := range 1000 {
		f := m.of(fmt.Sprintf("NAME_%d", i))
		if f.known != 0 {
			t.Fatalf("name %d is new but has known %b", i, f.known)
		}
		f.role, f.prefix, f.known = Role(fmt.Sprint(i)), fmt.Sprint(-i), knowsRole|knowsPrefix
	}
	for i := range 1000 {
		f := m.ofBytes([]byte(fmt.Sprintf("NAME_%d", i)))
		if f.known != knowsRole|knowsPrefix || f.role != Role(fmt.Sprint(i)) || f.prefix != fmt.Sprint(-i) {
			t.Fatalf("name %d: %+v", i, *f)
		}
	}
	if len(m.facts) != 1000 || len(m.index) != 1000 {
		t.Errorf("%d facts, %d names indexed, want 1000", len(m.facts), len(m.index))
	}
}
