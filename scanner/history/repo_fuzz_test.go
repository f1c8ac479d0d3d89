package history

import (
	"bytes"
	"strings"
	"testing"

	"github.com/go-git/go-git/v5/plumbing"
	"github.com/go-git/go-git/v5/plumbing/object"
)

// FuzzParseTree feeds parseTree arbitrary tree content. Invariants: no
// panic; errors name the tree; a tree it accepts is exactly its entries,
// in order, each name and hash as written. Names git itself would refuse
// (empty, with a slash or "..") are kept, not dropped: the blob they name
// is in the history all the same, and may hold a credential.
func FuzzParseTree(f *testing.F) {
	h := plumbing.NewHash("4b825dc642cb6eb9a060e54bf8d69288fbee4904")
	entry := func(mode, name string) []byte {
		return append([]byte(mode+" "+name+"\x00"), h[:]...)
	}
	f.Add(append(entry("100644", "README.md"), entry("40000", "src")...))
	f.Add(entry("120000", "link"))
	f.Add(entry("160000", "submodule"))
	f.Add(entry("100644", "")[:10])                              // truncated hash
	f.Add([]byte("100644 name"))                                 // no NUL
	f.Add(entry("10064x", "bad mode"))                           // not octal
	f.Add(entry("77777777777777", "mode overflows"))             // too many digits
	f.Add(append(entry("100644", "a"), "junk"...))               // trailing bytes
	f.Add(entry(" 100644", "leading space"))                     // empty mode
	f.Add(entry("100644", "dir/../../escape"))                   // a slash in a name
	f.Add(append(entry("100644", "x"), entry("100644", "x")...)) // duplicate
	f.Fuzz(func(t *testing.T, data []byte) {
		tr, err := parseTree(h, data)
		if err != nil {
			if !strings.Contains(err.Error(), h.String()) {
				t.Fatalf("error does not name the tree: %v", err)
			}
			return
		}
		if len(data) > 0 && len(tr.ents) == 0 {
			t.Fatal("bytes accepted with no entry")
		}
		rest, at := data, 0
		for i, e := range tr.ents {
			name, hash := tr.name(i), tr.hash(i)
			if bytes.IndexByte(name, 0) >= 0 {
				t.Fatalf("entry name %q", name)
			}
			sp := bytes.IndexByte(rest, ' ')
			nul := bytes.IndexByte(rest, 0)
			if int(e.start) != at || !bytes.Equal(rest[sp+1:nul], name) || !bytes.Equal(rest[nul+1:nul+21], hash[:]) {
				t.Fatalf("entry %q does not match its bytes", name)
			}
			if int(tr.end(i)) != at+nul+21 {
				t.Fatalf("entry %q ends at %d, not %d", name, tr.end(i), at+nul+21)
			}
			rest, at = rest[nul+21:], at+nul+21
		}
		if len(rest) != 0 {
			t.Fatalf("%d bytes left over", len(rest))
		}
	})
}

// FuzzDecodeCommit decodes arbitrary commit content the way readCommit does
// for a packed commit (memoryObject, then go-git's decoder). readCommit
// also recovers from a panic, but the decoder must not need it.
func FuzzDecodeCommit(f *testing.F) {
	f.Add([]byte("tree 4b825dc642cb6eb9a060e54bf8d69288fbee4904\n" +
		"parent 9c1e7b3a5d2f4e6a8b0c1d3e5f7a9b1c3d5e7f90\n" +
		"author Ada Lovelace <ada@example.com> 1700000000 +0100\n" +
		"committer Ada Lovelace <ada@example.com> 1700000000 +0100\n\nmessage\n"))
	f.Add([]byte("tree zz\nauthor <> x -99999999999\n\n"))
	f.Add([]byte("author Ada <ada@example.com 1700000000\n"))
	f.Add([]byte("gpgsig -----BEGIN PGP SIGNATURE-----\n \n -----END PGP SIGNATURE-----\nencoding latin1\n"))
	f.Add([]byte("parent \nparent 1\nmergetag object x\n type commit\n"))
	f.Fuzz(func(t *testing.T, data []byte) {
		obj, err := memoryObject(plumbing.CommitObject, data)
		if err != nil {
			t.Fatal(err)
		}
		c := &object.Commit{}
		if err := c.Decode(obj); err != nil {
			return
		}
		_ = c.Author.When.String() // a decoded date must be printable
	})
}
