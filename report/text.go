package report

import (
	"bufio"
	"fmt"
	"io"
	"sort"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/charmbracelet/lipgloss"
	"github.com/muesli/termenv"

	"github.com/ampscan/ampscan/rules"
	"github.com/ampscan/ampscan/scanner"
)

// Text writes the human report: private findings first, each with its key
// type, class, severity, place, redacted value and what to do; then a
// summary. Styling comes from lipgloss and is dropped when Color is false.
type Text struct{ Options }

type textStyles struct {
	private, public, sev, path, dim, head, action style
	live                                          style
}

// style is one of the report's lipgloss styles. Without colour, lipgloss
// gives back a line of valid UTF-8 that holds no tab, CR or LF as it is
// (it turns tabs to spaces, pads the lines of a longer text to one width,
// and an underlined style reads rune by rune), yet it works out every
// style property on each call, seven calls a finding. So such a line is
// given back here; anything else still goes through lipgloss.
type style struct {
	lip   lipgloss.Style
	plain bool // no colour: lipgloss renders through the ASCII profile
}

func (s style) Render(text string) string {
	if s.plain && !strings.ContainsAny(text, "\t\r\n") && utf8.ValidString(text) {
		return text
	}
	return s.lip.Render(text)
}

func (t *Text) styles(w io.Writer) textStyles {
	r := lipgloss.NewRenderer(w)
	if t.Color {
		r.SetColorProfile(termenv.ANSI256)
	} else {
		r.SetColorProfile(termenv.Ascii)
	}
	st := func(l lipgloss.Style) style { return style{lip: l, plain: !t.Color} }
	return textStyles{
		private: st(r.NewStyle().Bold(true).Foreground(lipgloss.Color("196"))),
		public:  st(r.NewStyle().Bold(true).Foreground(lipgloss.Color("33"))),
		sev:     st(r.NewStyle().Foreground(lipgloss.Color("214"))),
		path:    st(r.NewStyle().Bold(true)),
		dim:     st(r.NewStyle().Faint(true)),
		head:    st(r.NewStyle().Bold(true).Underline(true)),
		action:  st(r.NewStyle().Foreground(lipgloss.Color("42"))),
		live:    st(r.NewStyle().Bold(true).Reverse(true).Foreground(lipgloss.Color("196"))),
	}
}

var _ Streamer = (*Text)(nil)

func (*Text) foreseesErrors() {}

// Write implements Writer. It orders the findings through an index rather
// than a copy, and writes them through a buffer as it goes; the buffer
// keeps the first write error, which Flush returns.
func (t *Text) Write(w io.Writer, rep *scanner.Report) error {
	st := t.styles(w)
	b := bufio.NewWriterSize(w, streamPiece)
	fs := rep.Findings
	// Live keys first (--verify), then private first, most severe first;
	// within that, the stable path order.
	order := make([]int, len(fs))
	for i := range order {
		order[i] = i
	}
	sort.SliceStable(order, func(i, j int) bool {
		a, c := &fs[order[i]], &fs[order[j]]
		if a.Live() != c.Live() {
			return a.Live()
		}
		if (a.Visibility == rules.Private) != (c.Visibility == rules.Private) {
			return a.Visibility == rules.Private
		}
		return a.Severity > c.Severity
	})
	for _, i := range order {
		if fs[i].Suppression == nil {
			t.writeFinding(b, st, &fs[i])
		}
	}
	if t.ShowSuppressed {
		t.writeSuppressed(b, st, fs, order)
	}
	t.writeSummary(b, st, rep)
	return b.Flush()
}

func (t *Text) writeFinding(b *bufio.Writer, st textStyles, f *scanner.Finding) {
	p := f.Policy()
	class := st.public.Render("PUBLIC")
	if f.Visibility == rules.Private {
		class = st.private.Render("PRIVATE")
	}
	if f.Live() {
		class = st.live.Render("LIVE") + "  " + class
	}
	fmt.Fprintf(b, "%s  %s  %s (%s)\n", class, st.sev.Render(f.Severity.String()), p.Name, f.KeyType)
	fmt.Fprintf(b, "  %s  %s %s\n", st.path.Render(fmt.Sprintf("%s:%d:%d", TerminalSafe(f.Path), f.Line, f.Column)),
		shownSecret(f, t.Options), st.dim.Render(fmt.Sprintf("(%d chars, rule %s)", len(f.Secret), TerminalSafe(f.RuleID))))
	if f.Repo != "" {
		fmt.Fprintf(b, "  in %s\n", TerminalSafe(f.Repo))
	}
	if f.WebURL != "" {
		fmt.Fprintf(b, "  %s\n", st.dim.Render(TerminalSafe(f.WebURL)))
	}
	if f.Exposure != "" {
		fmt.Fprintf(b, "  %s\n", st.sev.Render("exposed: "+TerminalSafe(f.Exposure)+" ships it to every user"))
	}
	if v := f.Verification; v != nil {
		line := verificationText(v)
		if f.Live() {
			line = st.private.Render(line)
		}
		fmt.Fprintf(b, "  %s\n", line)
	}
	if c := f.Commit; c != nil {
		fmt.Fprintf(b, "  commit %s by %s <%s> on %s\n", c.ID, TerminalSafe(c.Author), TerminalSafe(c.Email), c.Date.UTC().Format(time.DateOnly))
		if c.InHead {
			locs := make([]string, len(c.HeadLocations))
			for i, l := range c.HeadLocations {
				locs[i] = fmt.Sprintf("%s:%d", TerminalSafe(l.Path), l.Line)
			}
			fmt.Fprintf(b, "  still in HEAD at %s\n", strings.Join(locs, ", "))
		} else {
			removed := "removed from the tree"
			if c.RemovedIn != "" {
				removed = fmt.Sprintf("removed from the tree in commit %s on %s", c.RemovedIn, c.RemovedDate.UTC().Format(time.DateOnly))
			}
			fmt.Fprintf(b, "  only in history: %s, but still readable by anyone with a clone\n", removed)
		}
	}
	fmt.Fprintf(b, "  %s\n", st.action.Render("→ "+p.Action))
	rot := "rotatable"
	if !p.Rotatable {
		rot = "not rotatable self-service"
	}
	fmt.Fprintf(b, "  %s\n\n", st.dim.Render(fmt.Sprintf("managed in %s · %s · %s", p.ManagedIn, rot, p.DocsURL)))
}

func (t *Text) writeSummary(b *bufio.Writer, st textStyles, rep *scanner.Report) {
	c := Count(rep.Findings)
	fmt.Fprint(b, st.head.Render("Summary")+"\n")
	if c.Private+c.Public == 0 {
		fmt.Fprint(b, "  no Amplitude credentials found\n")
	}
	for _, k := range c.ByKeyType {
		fmt.Fprintf(b, "  %-8s %-34s %d\n", k.Visibility, k.KeyType, k.Count)
	}
	if c.Private+c.Public > 0 {
		fmt.Fprintf(b, "  %d private, %d public\n", c.Private, c.Public)
	}
	if vc := verificationCounts(rep.Findings); vc != "" {
		fmt.Fprintf(b, "  %s\n", vc)
	}
	if c.Suppressed > 0 {
		fmt.Fprintf(b, "  %d suppressed (%s; --show-suppressed lists them)\n", c.Suppressed, kindCounts(c.SuppressedByKind))
	}
	s := rep.Stats
	fmt.Fprintf(b, "  scanned %d files, %s in %s\n", s.Files, HumanBytes(s.Bytes), s.Duration.Round(time.Millisecond))
	if len(s.Skipped) > 0 {
		reasons := make([]string, 0, len(s.Skipped))
		for r, n := range s.Skipped {
			reasons = append(reasons, fmt.Sprintf("%d %s", n, TerminalSafe(r)))
		}
		sort.Strings(reasons)
		fmt.Fprintf(b, "  skipped %s\n", strings.Join(reasons, ", "))
	}
	for _, e := range s.Errors {
		fmt.Fprintf(b, "  could not read %s: %s\n", TerminalSafe(e.Path), TerminalSafe(e.Err))
	}
	for _, n := range rep.Notes {
		fmt.Fprintf(b, "  note: %s\n", TerminalSafe(n))
	}
	for _, n := range rep.Notices {
		fmt.Fprintf(b, "  %s %s\n", st.sev.Render("notice:"), noticeLine(n))
	}
	if rep.Incomplete != "" {
		fmt.Fprintf(b, "  %s %s\n", st.private.Render("INCOMPLETE:"), incompleteMessage(rep.Incomplete))
	}
}

// HumanBytes writes a byte count as people read it: 1.5 MiB.
func HumanBytes(n int64) string {
	switch {
	case n >= 1<<30:
		return fmt.Sprintf("%.1f GiB", float64(n)/(1<<30))
	case n >= 1<<20:
		return fmt.Sprintf("%.1f MiB", float64(n)/(1<<20))
	case n >= 1<<10:
		return fmt.Sprintf("%.1f KiB", float64(n)/(1<<10))
	}
	return fmt.Sprintf("%d B", n)
}

// writeSuppressed lists accepted findings after the active ones, each under
// a SUPPRESSED line that says how and why it was accepted.
func (t *Text) writeSuppressed(b *bufio.Writer, st textStyles, fs []scanner.Finding, order []int) {
	head := false
	for _, i := range order {
		sup := fs[i].Suppression
		if sup == nil {
			continue
		}
		if !head {
			fmt.Fprint(b, st.head.Render("Suppressed (accepted; they do not fail the scan)")+"\n")
			head = true
		}
		fmt.Fprintf(b, "%s %s\n", st.dim.Render("SUPPRESSED ["+sup.Kind+"]"), sup.Reason)
		t.writeFinding(b, st, &fs[i])
	}
}

// kindCounts says "2 baseline, 1 inline", kinds in name order.
func kindCounts(m map[string]int) string {
	kinds := make([]string, 0, len(m))
	for k := range m {
		kinds = append(kinds, k)
	}
	sort.Strings(kinds)
	parts := make([]string, len(kinds))
	for i, k := range kinds {
		parts[i] = fmt.Sprintf("%d %s", m[k], k)
	}
	return strings.Join(parts, ", ")
}
