package report

import (
	"fmt"
	"strings"

	"github.com/owenrumney/go-sarif/v3/pkg/report/v210/sarif"

	"github.com/ampscan/ampscan/rules"
	"github.com/ampscan/ampscan/scanner"
)

// jsonVerification is a finding's --verify outcome: the status (live,
// invalid, unknown, skipped) and why. The field names and statuses are
// a contract outside checks rely on (README, "Is the key still live?").
type jsonVerification struct {
	Status  string `json:"status"`
	Reason  string `json:"reason"`
	Region  string `json:"region,omitempty"`
	Request string `json:"request,omitempty"`
}

func toJSONVerification(v *scanner.Verification) *jsonVerification {
	if v == nil {
		return nil
	}
	return &jsonVerification{Status: v.Status, Reason: v.Reason, Region: v.Region, Request: v.Request}
}

// livePrivate reports whether a finding is a private key verified live:
// the most severe finding there is.
func livePrivate(f *scanner.Finding) bool {
	return f.Live() && f.Visibility == rules.Private
}

// urgency orders findings for humans and for SARIF truncation: a live
// private key first, then any live key, then by severity.
func urgency(f *scanner.Finding) int {
	u := int(f.Severity)
	if f.Live() {
		u += 10
	}
	if livePrivate(f) {
		u += 10
	}
	return u
}

// verificationText is the line text output shows under a verified finding.
func verificationText(v *scanner.Verification) string {
	head := map[string]string{
		scanner.VerifyLive:    "LIVE",
		scanner.VerifyInvalid: "invalid",
		scanner.VerifyUnknown: "unknown",
		scanner.VerifySkipped: "not checked",
	}[v.Status]
	if head == "" {
		head = v.Status
	}
	return fmt.Sprintf("verified: %s — %s", head, v.Reason)
}

// verificationCounts is the summary line of --verify outcomes, or "" when
// nothing was verified.
func verificationCounts(fs []scanner.Finding) string {
	n := map[string]int{}
	seen := false
	for i := range fs {
		if v := fs[i].Verification; v != nil && fs[i].Suppression == nil {
			n[v.Status]++
			seen = true
		}
	}
	if !seen {
		return ""
	}
	var parts []string
	for _, s := range []string{scanner.VerifyLive, scanner.VerifyInvalid, scanner.VerifyUnknown, scanner.VerifySkipped} {
		if n[s] > 0 {
			parts = append(parts, fmt.Sprintf("%d %s", n[s], s))
		}
	}
	return "verification: " + strings.Join(parts, ", ")
}

// SARIF: a live private key gets a rule of its own, <key type>/live (a
// child of its key type's rule in SARIF's hierarchical ids), because GitHub
// ranks alerts by the rule's security-severity, not the result's.
const (
	liveRuleSuffix = "/live"
	liveScore      = "10.0"
)

func sarifRuleID(f *scanner.Finding) string {
	if livePrivate(f) {
		return string(f.KeyType) + liveRuleSuffix
	}
	return string(f.KeyType)
}

// sarifLiveRule describes a key type's verified-live findings.
func sarifLiveRule(p rules.Policy) *sarif.ReportingDescriptor {
	props := sarif.NewPropertyBag().
		WithTags([]string{"security", "secret", string(p.KeyType), string(p.Visibility), "live", cweHardcodedKey}).
		Add("precision", "very-high").
		Add("security-severity", liveScore)
	return sarif.NewRule(string(p.KeyType) + liveRuleSuffix).
		WithName(ruleName(p.KeyType) + "Live").
		WithShortDescription(sarif.NewMultiformatMessageString().WithText(
			fmt.Sprintf("Live Amplitude %s (private, verified working)", p.Name))).
		WithFullDescription(sarif.NewMultiformatMessageString().WithText(
			"ampscan --verify confirmed with a read-only request that this leaked key still works. " + fullDescription(p))).
		WithHelp(sarif.NewMultiformatMessageString().WithText(helpText(p)).WithMarkdown(helpMarkdown(p))).
		WithHelpURI(p.DocsURL).
		WithDefaultConfiguration(sarif.NewReportingConfiguration().WithLevel(sarif.LevelError)).
		WithProperties(props)
}

// addLiveRules adds the live rules the kept findings need, in policy
// order, and records their indexes.
func addLiveRules(driver *sarif.ToolComponent, fs []scanner.Finding, kept []int, index map[string]int) {
	need := map[rules.KeyType]bool{}
	for _, i := range kept {
		if livePrivate(&fs[i]) {
			need[fs[i].KeyType] = true
		}
	}
	for _, p := range rules.Policies() {
		if need[p.KeyType] {
			index[string(p.KeyType)+liveRuleSuffix] = len(driver.Rules)
			driver.AddRule(sarifLiveRule(p))
		}
	}
}

// addVerificationProps records a finding's --verify outcome on its result.
func addVerificationProps(props *sarif.PropertyBag, f *scanner.Finding) {
	v := f.Verification
	if v == nil {
		return
	}
	props.Add("verification", v.Status).Add("verification_reason", v.Reason)
	if v.Region != "" {
		props.Add("verification_region", v.Region)
	}
	if v.Request != "" {
		props.Add("verification_request", v.Request)
	}
	if livePrivate(f) {
		props.Add("security-severity", liveScore)
	}
}

// verificationMessage is the sentence a SARIF result message gains.
func verificationMessage(f *scanner.Finding) string {
	v := f.Verification
	if v == nil {
		return ""
	}
	if v.Status == scanner.VerifyLive {
		return " Verified LIVE: " + v.Reason + "."
	}
	return fmt.Sprintf(" Verification: %s (%s).", v.Status, v.Reason)
}
