package cli

import (
	"errors"
	"fmt"
	"io/fs"
	"os"

	"github.com/spf13/pflag"

	"github.com/ampscan/ampscan/baseline"
	"github.com/ampscan/ampscan/rules"
	"github.com/ampscan/ampscan/scanner"
)

// acceptOptions are the flags that decide which findings are accepted:
// baselines, the audit switches, and whether --fail-on was given (it
// overrides the configuration's fail_on).
type acceptOptions struct {
	baseline       string
	writeBaseline  string
	prune          bool
	noInlineAllow  bool
	showSuppressed bool
	loaded         *baseline.Baseline // from --baseline, by loadBaseline
	// baselineInRepo is the --baseline's path in the repository when a
	// range scan read it from the range's base (see loadRangeBaseline).
	baselineInRepo string
}

func addAcceptFlags(pf *pflag.FlagSet, a *acceptOptions) {
	pf.StringVar(&a.baseline, "baseline", "", "accept the findings recorded in the baseline `FILE`: only new ones are reported as active")
	pf.StringVar(&a.writeBaseline, "write-baseline", "", "record this scan's findings in the baseline `FILE` and accept them (with --baseline on the same file: add the new ones)")
	pf.BoolVar(&a.prune, "prune", false, "with --write-baseline, drop entries whose finding this scan no longer sees")
	pf.BoolVar(&a.noInlineAllow, "no-inline-allow", false, "ignore "+scanner.InlineMarker+" markers: report the findings they silence (an audit)")
	pf.BoolVar(&a.showSuppressed, "show-suppressed", false, "list accepted findings in text output too, marked as suppressed")
}

// loadBaseline reads --baseline before the scan, so that a bad file fails
// at once. A baseline that --write-baseline is about to create may be
// missing.
func (a *acceptOptions) loadBaseline() error {
	if a.prune && a.writeBaseline == "" {
		return usagef("--prune needs --write-baseline")
	}
	if a.baselineInRepo != "" {
		return nil // read already, from the range's base
	}
	a.loaded = baseline.New()
	if a.baseline == "" {
		return nil
	}
	raw, err := os.ReadFile(a.baseline)
	if errors.Is(err, fs.ErrNotExist) && sameFile(a.baseline, a.writeBaseline) {
		return nil
	}
	if err != nil {
		return usagef("baseline: %v", err)
	}
	b, err := baseline.Parse(a.baseline, raw)
	if err != nil {
		return usagef("bad baseline %v", err)
	}
	a.loaded = b
	return nil
}

func sameFile(a, b string) bool {
	if a == b {
		return true
	}
	sa, errA := os.Stat(a)
	sb, errB := os.Stat(b)
	return errA == nil && errB == nil && os.SameFile(sa, sb)
}

// resolvePolicy lets the configuration's fail_on stand when --fail-on was
// not given, and checks the configuration's rule ids against the catalogue.
func (o *options) resolvePolicy(cat *rules.Catalogue) error {
	pol := &o.config.Policy
	if pol.FailOn != "" && !o.failOnGiven {
		o.failOn = pol.FailOn
	}
	if err := pol.CheckRules(cat); err != nil {
		return usageError{err}
	}
	return nil
}

// acceptFindings applies, in order: the audit switch, the configuration's
// policy (turned-off key types and rules, severities), its allow entries,
// and the baseline (writing it first when asked). Accepted findings stay
// in the report, marked; they never change the exit status.
func (o *options) acceptFindings(rep *scanner.Report, say func(string)) error {
	if o.config == nil { // a scan interrupted before its configuration was read
		o.config = &rules.Config{}
	}
	if o.accept.noInlineAllow {
		for i := range rep.Findings {
			if s := rep.Findings[i].Suppression; s != nil && s.Kind == "inline" {
				rep.Findings[i].Suppression = nil
			}
		}
	}
	rep.Findings = applySettings(&o.config.Policy, rep.Findings)
	applyAllowlist(o.config.Allowlist, rep.Findings)
	return o.accept.applyBaseline(rep.Findings, say)
}

func applySettings(s *rules.Settings, fs []scanner.Finding) []scanner.Finding {
	kept := fs[:0]
	for _, f := range fs {
		if s.Disabled(f.KeyType, f.RuleID) {
			continue
		}
		if sev, ok := s.Severity[f.KeyType]; ok {
			f.Severity = sev
		}
		kept = append(kept, f)
	}
	return kept
}

func applyAllowlist(entries []rules.AllowEntry, fs []scanner.Finding) {
	for i := range fs {
		f := &fs[i]
		for j := range entries {
			if f.Suppression != nil {
				break
			}
			if kind, ok := entries[j].Match(f.Fingerprint, f.Path, f.Secret); ok {
				f.Suppression = &scanner.Suppression{Kind: kind, Reason: entries[j].Reason}
			}
		}
	}
}

func (a *acceptOptions) applyBaseline(fs []scanner.Finding, say func(string)) error {
	b, source := a.loaded, a.baseline
	if a.writeBaseline != "" {
		seen := baseline.FromFindings(fs)
		before := b.Len()
		b.Merge(seen, a.prune)
		if err := writeFileAtomic(a.writeBaseline, b.Marshal()); err != nil {
			return fmt.Errorf("write baseline: %w", err)
		}
		say(fmt.Sprintf("wrote the baseline %s: %d entries (%d before)", a.writeBaseline, b.Len(), before))
		source = a.writeBaseline
	}
	if b != nil {
		b.Apply(fs, source)
	}
	return nil
}
