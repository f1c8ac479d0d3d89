// Package shard splits a listing of repositories into N stable slices, so
// that N machines can audit one organisation without talking to each
// other.
package shard

import (
	"fmt"
	"hash/fnv"
	"strconv"
	"strings"

	"github.com/ampscan/ampscan/source"
)

// Shard is slice Index (1-based) of Count.
type Shard struct{ Index, Count int }

// Parse reads "I/N" with 1 <= I <= N.
func Parse(s string) (Shard, error) {
	i, n, ok := strings.Cut(s, "/")
	idx, err1 := strconv.Atoi(i)
	cnt, err2 := strconv.Atoi(n)
	if !ok || err1 != nil || err2 != nil || cnt < 1 || idx < 1 || idx > cnt {
		return Shard{}, fmt.Errorf("bad shard %q: want I/N with 1 <= I <= N, such as 2/5", s)
	}
	return Shard{idx, cnt}, nil
}

func (s Shard) String() string { return fmt.Sprintf("%d/%d", s.Index, s.Count) }

// Owns reports whether the repository named fullName belongs to s. It
// hashes the name, so a repository stays on its shard when others are
// added to or removed from the organisation.
func (s Shard) Owns(fullName string) bool {
	h := fnv.New64a()
	h.Write([]byte(fullName))
	// Parse keeps 1 <= Index <= Count, so both conversions are exact.
	return h.Sum64()%uint64(s.Count) == uint64(s.Index-1)
}

// Select keeps the repositories that belong to s, in their order.
func (s Shard) Select(repos []source.Repo) []source.Repo {
	var out []source.Repo
	for _, r := range repos {
		if s.Owns(r.FullName) {
			out = append(out, r)
		}
	}
	return out
}
