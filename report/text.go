package report

import (
	"fmt"
	"io"
	"sort"
	"strings"
	"time"

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
	private, public, sev, path, dim, head, action lipgloss.Style
}

func (t *Text) styles(w io.Writer) textStyles {
	r := lipgloss.NewRenderer(w)
	if t.Color {
		r.SetColorProfile(termenv.ANSI256)
	} else {
		r.SetColorProfile(termenv.Ascii)
	}
	return textStyles{
		private: r.NewStyle().Bold(true).Foreground(lipgloss.Color("196")),
		public:  r.NewStyle().Bold(true).Foreground(lipgloss.Color("33")),
		sev:     r.NewStyle().Foreground(lipgloss.Color("214")),
		path:    r.NewStyle().Bold(true),
		dim:     r.NewStyle().Faint(true),
		head:    r.NewStyle().Bold(true).Underline(true),
		action:  r.NewStyle().Foreground(lipgloss.Color("42")),
	}
}

// Write implements Writer.
func (t *Text) Write(w io.Writer, rep *scanner.Report) error {
	st := t.styles(w)
	var b strings.Builder
	fs := append([]scanner.Finding(nil), rep.Findings...)
	// Private first, most severe first; within that, the stable path order.
	sort.SliceStable(fs, func(i, j int) bool {
		if (fs[i].Visibility == rules.Private) != (fs[j].Visibility == rules.Private) {
			return fs[i].Visibility == rules.Private
		}
		return fs[i].Severity > fs[j].Severity
	})
	for i := range fs {
		if fs[i].Suppression == nil {
			t.writeFinding(&b, st, &fs[i])
		}
	}
	t.writeSummary(&b, st, rep)
	_, err := io.WriteString(w, b.String())
	return err
}

func (t *Text) writeFinding(b *strings.Builder, st textStyles, f *scanner.Finding) {
	p := f.Policy()
	class := st.public.Render("PUBLIC")
	if f.Visibility == rules.Private {
		class = st.private.Render("PRIVATE")
	}
	fmt.Fprintf(b, "%s  %s  %s (%s)\n", class, st.sev.Render(f.Severity.String()), p.Name, f.KeyType)
	fmt.Fprintf(b, "  %s  %s %s\n", st.path.Render(fmt.Sprintf("%s:%d:%d", f.Path, f.Line, f.Column)),
		shownSecret(f, t.Options), st.dim.Render(fmt.Sprintf("(%d chars, rule %s)", len(f.Secret), f.RuleID)))
	if f.Repo != "" {
		fmt.Fprintf(b, "  in %s\n", f.Repo)
	}
	if f.WebURL != "" {
		fmt.Fprintf(b, "  %s\n", st.dim.Render(f.WebURL))
	}
	if f.Exposure != "" {
		fmt.Fprintf(b, "  %s\n", st.sev.Render("exposed: "+f.Exposure+" ships it to every user"))
	}
	if c := f.Commit; c != nil {
		fmt.Fprintf(b, "  commit %s by %s <%s> on %s\n", c.ID, c.Author, c.Email, c.Date.UTC().Format(time.DateOnly))
		if c.InHead {
			locs := make([]string, len(c.HeadLocations))
			for i, l := range c.HeadLocations {
				locs[i] = fmt.Sprintf("%s:%d", l.Path, l.Line)
			}
			fmt.Fprintf(b, "  still in HEAD at %s\n", strings.Join(locs, ", "))
		} else {
			fmt.Fprintf(b, "  only in history: removed from the tree, but still readable by anyone with a clone\n")
		}
	}
	fmt.Fprintf(b, "  %s\n", st.action.Render("→ "+p.Action))
	rot := "rotatable"
	if !p.Rotatable {
		rot = "not rotatable self-service"
	}
	fmt.Fprintf(b, "  %s\n\n", st.dim.Render(fmt.Sprintf("managed in %s · %s · %s", p.ManagedIn, rot, p.DocsURL)))
}

func (t *Text) writeSummary(b *strings.Builder, st textStyles, rep *scanner.Report) {
	c := Count(rep.Findings)
	b.WriteString(st.head.Render("Summary") + "\n")
	if c.Private+c.Public == 0 {
		b.WriteString("  no Amplitude credentials found\n")
	}
	for _, k := range c.ByKeyType {
		fmt.Fprintf(b, "  %-8s %-34s %d\n", k.Visibility, k.KeyType, k.Count)
	}
	if c.Private+c.Public > 0 {
		fmt.Fprintf(b, "  %d private, %d public\n", c.Private, c.Public)
	}
	if c.Suppressed > 0 {
		fmt.Fprintf(b, "  %d suppressed (inline %s or the allowlist; see --format json)\n", c.Suppressed, scanner.InlineMarker)
	}
	s := rep.Stats
	fmt.Fprintf(b, "  scanned %d files, %s in %s\n", s.Files, humanBytes(s.Bytes), s.Duration.Round(time.Millisecond))
	if len(s.Skipped) > 0 {
		reasons := make([]string, 0, len(s.Skipped))
		for r, n := range s.Skipped {
			reasons = append(reasons, fmt.Sprintf("%d %s", n, r))
		}
		sort.Strings(reasons)
		fmt.Fprintf(b, "  skipped %s\n", strings.Join(reasons, ", "))
	}
	for _, e := range s.Errors {
		fmt.Fprintf(b, "  could not read %s: %s\n", e.Path, e.Err)
	}
	for _, n := range rep.Notes {
		fmt.Fprintf(b, "  note: %s\n", n)
	}
}

func humanBytes(n int64) string {
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
