package source

import (
	"testing"

	"github.com/google/go-cmp/cmp"
)

func TestFilter(t *testing.T) {
	t.Parallel()
	all := []Repo{
		{FullName: "acme/web"}, {FullName: "acme/api"}, {FullName: "acme/old", Archived: true},
		{FullName: "acme/fork", Fork: true}, {FullName: "acme/api-docs"},
	}
	names := func(rs []Repo) []string {
		var out []string
		for _, r := range rs {
			out = append(out, r.FullName)
		}
		return out
	}
	tests := []struct {
		name   string
		filter Filter
		want   []string
	}{
		{"defaults drop forks and archived", Filter{}, []string{"acme/api", "acme/api-docs", "acme/web"}},
		{"with forks and archived", Filter{Forks: true, Archived: true}, []string{"acme/api", "acme/api-docs", "acme/fork", "acme/old", "acme/web"}},
		{"include short-name glob", Filter{Include: []string{"api*"}}, []string{"acme/api", "acme/api-docs"}},
		{"include full-name glob, exclude", Filter{Include: []string{"acme/*"}, Exclude: []string{"*-docs"}}, []string{"acme/api", "acme/web"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			if diff := cmp.Diff(tt.want, names(tt.filter.Apply(all))); diff != "" {
				t.Error(diff)
			}
		})
	}
	if err := (Filter{Include: []string{"["}}).Validate(); err == nil {
		t.Error("a bad glob was accepted")
	}
}
