package shard

import (
	"fmt"
	"testing"

	"github.com/ampscan/ampscan/source"
)

func TestParse(t *testing.T) {
	t.Parallel()
	for _, bad := range []string{"", "1", "0/3", "4/3", "1/0", "a/b", "-1/2", "1/2/3"} {
		if _, err := Parse(bad); err == nil {
			t.Errorf("Parse(%q) accepted", bad)
		}
	}
	s, err := Parse("2/5")
	if err != nil || s != (Shard{2, 5}) || s.String() != "2/5" {
		t.Errorf("Parse(2/5) = %v, %v", s, err)
	}
}

// Every repository lands on exactly one shard, whatever else the listing
// holds.
func TestSelectPartitionsStably(t *testing.T) {
	t.Parallel()
	var repos []source.Repo
	for i := range 200 {
		repos = append(repos, source.Repo{FullName: fmt.Sprintf("acme/repo-%03d", i)})
	}
	const n = 3
	owner := map[string]int{}
	for i := 1; i <= n; i++ {
		part := Shard{i, n}.Select(repos)
		if len(part) < 40 {
			t.Errorf("shard %d/%d holds only %d of 200", i, n, len(part))
		}
		for _, r := range part {
			if prev, ok := owner[r.FullName]; ok {
				t.Errorf("%s on shards %d and %d", r.FullName, prev, i)
			}
			owner[r.FullName] = i
		}
	}
	if len(owner) != len(repos) {
		t.Errorf("%d of %d repositories on a shard", len(owner), len(repos))
	}
	// Dropping half the listing moves nobody.
	for i := 1; i <= n; i++ {
		for _, r := range (Shard{i, n}).Select(repos[:100]) {
			if owner[r.FullName] != i {
				t.Errorf("%s moved from shard %d to %d", r.FullName, owner[r.FullName], i)
			}
		}
	}
}
