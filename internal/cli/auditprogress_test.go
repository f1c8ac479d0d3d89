package cli

import (
	"testing"
	"time"
)

func TestCommitStatus(t *testing.T) {
	t.Parallel()
	tests := []struct {
		done, total int64
		el          time.Duration
		want        string
	}{
		{0, 0, time.Second, "listing commits"},
		{0, 50, time.Second, "0/50 commits"},
		{8, 50, 10 * time.Millisecond, "8/50 commits"},
		{100, 500, 2 * time.Second, "100/500 commits, 50/s, 8s left"},
		{500, 500, 10 * time.Second, "500/500 commits, 50/s, 0s left"},
	}
	for _, tt := range tests {
		if got := commitStatus(tt.done, tt.total, tt.el); got != tt.want {
			t.Errorf("commitStatus(%d, %d, %s) = %q, want %q", tt.done, tt.total, tt.el, got, tt.want)
		}
	}
}

func TestAuditProgressLine(t *testing.T) {
	t.Parallel()
	p := newAuditProgress(nil, true, 5)
	if got := p.line(time.Now()); got != "repositories 0/5" {
		t.Errorf("idle: %q", got)
	}
	a := p.start("acme/web")
	b := p.start("acme/api")
	now := time.Now()
	if got := p.line(now); got != "repositories 0/5 · acme/api: cloning (+1 more)" {
		t.Errorf("cloning: %q", got)
	}
	b.cloned()
	b.begun = now.Add(-4 * time.Second)
	b.counts.CommitsTotal.Store(300)
	b.counts.Commits.Store(100)
	p.done(a)
	if got, want := p.line(now), "repositories 1/5 · acme/api: 100/300 commits, 25/s, 8s left"; got != want {
		t.Errorf("scanning: %q, want %q", got, want)
	}
	p.stop()
}
