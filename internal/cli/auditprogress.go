package cli

import (
	"fmt"
	"io"
	"sort"
	"sync"
	"time"

	"github.com/ampscan/ampscan/scanner"
)

// auditProgress draws one status line on a terminal while an audit runs:
// repositories done of the total, the repository being worked on, and its
// commits done of its total with a rate and the time left. Like progress,
// it never draws on a pipe or file, or with --quiet.
type auditProgress struct {
	w        io.Writer
	enabled  bool
	total    int
	mu       sync.Mutex
	finished int
	active   map[*repoTrack]bool
	drawn    bool
	quit     chan struct{}
	wg       sync.WaitGroup
}

// repoTrack is one repository in progress.
type repoTrack struct {
	name   string
	counts *scanner.Progress
	mu     sync.Mutex
	begun  time.Time // when the scan (after the clone) began; zero while cloning
}

func newAuditProgress(w io.Writer, quiet bool, total int) *auditProgress {
	p := &auditProgress{w: w, total: total, active: map[*repoTrack]bool{}, quit: make(chan struct{}),
		enabled: !quiet && isTerminal(w)}
	if p.enabled {
		p.wg.Add(1)
		go p.loop()
	}
	return p
}

func (p *auditProgress) loop() {
	defer p.wg.Done()
	t := time.NewTicker(250 * time.Millisecond)
	defer t.Stop()
	for {
		select {
		case <-p.quit:
			return
		case <-t.C:
			p.mu.Lock()
			fmt.Fprint(p.w, "\r\033[K"+p.line(time.Now()))
			p.drawn = true
			p.mu.Unlock()
		}
	}
}

func (p *auditProgress) start(name string) *repoTrack {
	t := &repoTrack{name: name, counts: &scanner.Progress{}}
	p.mu.Lock()
	p.active[t] = true
	p.mu.Unlock()
	return t
}

func (t *repoTrack) cloned() {
	t.mu.Lock()
	t.begun = time.Now()
	t.mu.Unlock()
}

func (p *auditProgress) done(t *repoTrack) {
	p.mu.Lock()
	delete(p.active, t)
	p.finished++
	p.mu.Unlock()
}

// println prints a message above the status line.
func (p *auditProgress) println(msg string) {
	p.mu.Lock()
	defer p.mu.Unlock()
	if p.drawn {
		fmt.Fprint(p.w, "\r\033[K")
		p.drawn = false
	}
	fmt.Fprintln(p.w, msg)
}

func (p *auditProgress) stop() {
	if p.enabled {
		close(p.quit)
		p.wg.Wait()
	}
	p.mu.Lock()
	defer p.mu.Unlock()
	if p.drawn {
		fmt.Fprint(p.w, "\r\033[K")
		p.drawn = false
	}
}

// line is the status line; p.mu is held. The repository shown is the
// one that started first among those in progress.
func (p *auditProgress) line(now time.Time) string {
	s := fmt.Sprintf("repositories %d/%d", p.finished, p.total)
	var cur []*repoTrack
	for t := range p.active {
		cur = append(cur, t)
	}
	if len(cur) == 0 {
		return s
	}
	sort.Slice(cur, func(i, j int) bool { return cur[i].name < cur[j].name })
	s += " · " + cur[0].status(now)
	if len(cur) > 1 {
		s += fmt.Sprintf(" (+%d more)", len(cur)-1)
	}
	return s
}

// status says what one repository is doing: cloning, or commits done of
// the total with a rate and an estimate of the time left.
func (t *repoTrack) status(now time.Time) string {
	t.mu.Lock()
	begun := t.begun
	t.mu.Unlock()
	if begun.IsZero() {
		return t.name + ": cloning"
	}
	return t.name + ": " + commitStatus(t.counts.Commits.Load(), t.counts.CommitsTotal.Load(), now.Sub(begun))
}

// commitStatus renders "1200/5000 commits, 340/s, 11s left".
func commitStatus(done, total int64, el time.Duration) string {
	if total == 0 {
		return "listing commits"
	}
	s := fmt.Sprintf("%d/%d commits", done, total)
	if el < time.Second || done == 0 {
		return s // too early for a rate worth showing
	}
	rate := float64(done) / el.Seconds()
	left := time.Duration(float64(total-done) / rate * float64(time.Second))
	return s + fmt.Sprintf(", %.0f/s, %s left", rate, left.Round(time.Second))
}
