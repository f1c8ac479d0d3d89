package history

import (
	"slices"

	"github.com/ampscan/ampscan/scanner"
)

// foundStore holds the findings of every scanned blob until attribution
// and the search of HEAD are done. A file of keys yields the same
// findings again in each of its versions, most of them at other lines:
// held whole, 31 versions of a .env of 50,000 keys took 867 MB. So each
// distinct finding but for its place (a kind) is held once, and a blob's
// findings are places of kinds, 32 bytes each.
type foundStore struct {
	kinds  []scanner.Finding // Line, Column and EndColumn zero
	kindOf map[scanner.Finding]int32
	// sups holds one Suppression of each value, so that the kinds of two
	// findings suppressed alike compare equal.
	sups   map[scanner.Suppression]*scanner.Suppression
	byBlob map[int32][]foundAt // clean blobs absent
	// sets are the secrets of blobs with many findings, built by holds
	// when first asked (by the owner only, once the blobs are scanned).
	sets map[int32]map[string]struct{}
}

// foundAt is one finding of a blob: its kind, and where it is.
type foundAt struct {
	kind                    int32
	line, column, endColumn int
}

func newFoundStore() *foundStore {
	return &foundStore{
		kindOf: map[scanner.Finding]int32{},
		sups:   map[scanner.Suppression]*scanner.Suppression{},
		byBlob: map[int32][]foundAt{},
	}
}

// add records the findings of blob id.
func (s *foundStore) add(id int32, fs []scanner.Finding) {
	if len(fs) == 0 {
		return
	}
	out := make([]foundAt, 0, len(fs))
	for _, f := range fs {
		at := foundAt{line: f.Line, column: f.Column, endColumn: f.EndColumn}
		f.Line, f.Column, f.EndColumn = 0, 0, 0
		if f.Suppression != nil {
			sup, ok := s.sups[*f.Suppression]
			if !ok {
				sup = f.Suppression
				s.sups[*sup] = sup
			}
			f.Suppression = sup
		}
		k, ok := s.kindOf[f]
		if !ok {
			k = int32(len(s.kinds))
			s.kinds = append(s.kinds, f)
			s.kindOf[f] = k
		}
		at.kind = k
		out = append(out, at)
	}
	s.byBlob[id] = out
}

// of returns the findings of blob id (none for a clean or unknown blob).
func (s *foundStore) of(id int32) []foundAt { return s.byBlob[id] }

// secret is the value a finding found.
func (s *foundStore) secret(a foundAt) string { return s.kinds[a.kind].Secret }

// finding returns a finding whole, a copy the caller may change.
func (s *foundStore) finding(a foundAt) scanner.Finding {
	f := s.kinds[a.kind]
	f.Line, f.Column, f.EndColumn = a.line, a.column, a.endColumn
	return f
}

// empty reports whether no blob had a finding.
func (s *foundStore) empty() bool { return len(s.byBlob) == 0 }

// listedSecrets is how many findings a blob may have for holds to read
// them as a list: about what hashing a secret costs.
const listedSecrets = 8

// holds reports whether the findings of blob id hold secret. Attribution
// asks that of every finding of every changed file, about the file's other
// side: asked of a list, a file of 64,000 keys on one line, committed and
// edited twice, took 40 s (the square of its findings). So a blob with
// more than a few findings gets a set of its secrets.
func (s *foundStore) holds(id int32, secret string) bool {
	fs := s.byBlob[id]
	if len(fs) <= listedSecrets {
		return slices.ContainsFunc(fs, func(a foundAt) bool { return s.secret(a) == secret })
	}
	set, ok := s.sets[id]
	if !ok {
		set = make(map[string]struct{}, len(fs))
		for _, a := range fs {
			set[s.secret(a)] = struct{}{}
		}
		if s.sets == nil {
			s.sets = map[int32]map[string]struct{}{}
		}
		s.sets[id] = set
	}
	_, ok = set[secret]
	return ok
}
