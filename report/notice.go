package report

import (
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"strings"

	"github.com/owenrumney/go-sarif/v3/pkg/report/v210/sarif"

	"github.com/ampscan/ampscan/rules"
	"github.com/ampscan/ampscan/scanner"
)

// Notices (a range that changes ampscan's configuration or adds an inline
// marker) go into SARIF as results at level "note", each kind its own rule
// (ampscan/config-changed, ampscan/allow-marker-added), placed on the file
// and line concerned. GitHub code scanning shows such results as alerts,
// on the pull request's diff too; it does not show a run's tool
// notifications to a reviewer at all. A note does not fail the code
// scanning check by default: the scan's exit status does that.

// noticeRuleID is the SARIF rule id of a notice kind.
func noticeRuleID(kind string) string { return "ampscan/" + kind }

var noticeDescriptions = map[string]string{
	scanner.NoticeConfigChanged: "The scanned range changes ampscan's configuration (rules, allowlist); a range scan used the base commit's configuration instead",
	scanner.NoticeMarkerAdded:   "The scanned range adds an inline " + scanner.InlineMarker + " marker; a range scan does not honour it",
}

// addSARIFNotices appends one rule per notice kind present and a result
// for each notice.
func addSARIFNotices(run *sarif.Run, ns []scanner.Notice) {
	index := map[string]int{}
	for _, n := range ns {
		if _, ok := index[n.Kind]; ok {
			continue
		}
		index[n.Kind] = len(run.Tool.Driver.Rules)
		desc := noticeDescriptions[n.Kind]
		if desc == "" {
			desc = "ampscan notice: " + n.Kind
		}
		run.Tool.Driver.AddRule(sarif.NewRule(noticeRuleID(n.Kind)).
			WithName(ruleName(rules.KeyType(n.Kind))).
			WithShortDescription(sarif.NewMultiformatMessageString().WithText(desc)).
			WithFullDescription(sarif.NewMultiformatMessageString().WithText(desc + ". Review the change: once merged it can hide leaked credentials from later scans.")).
			WithDefaultConfiguration(sarif.NewReportingConfiguration().WithLevel(sarif.LevelNote)).
			WithProperties(sarif.NewPropertyBag().WithTags([]string{"ampscan-notice", n.Kind})))
	}
	for _, n := range ns {
		region := sarif.NewRegion().WithStartLine(max(n.Line, 1))
		loc := sarif.NewLocationWithPhysicalLocation(sarif.NewPhysicalLocation().
			WithArtifactLocation(sarif.NewArtifactLocation().WithURI(artifactURI(n.Path)).WithURIBaseID(srcRoot)).
			WithRegion(region))
		run.AddResult(sarif.NewRuleResult(noticeRuleID(n.Kind)).
			WithRuleIndex(index[n.Kind]).
			WithLevel(sarif.LevelNote).
			WithMessage(sarif.NewTextMessage(n.Message)).
			WithLocations([]*sarif.Location{loc}).
			WithPartialFingerprints(map[string]string{fingerprintKey: noticeFingerprint(n)}))
	}
}

func noticeFingerprint(n scanner.Notice) string {
	sum := sha256.Sum256([]byte(fmt.Sprintf("%s\x00%s\x00%d", n.Kind, n.Path, n.Line)))
	return hex.EncodeToString(sum[:16])
}

// markSARIFIncomplete records an interrupted scan: the run's invocation did
// not succeed, with the reason as an error notification, and the run's
// properties say so for tools that read only those.
func markSARIFIncomplete(run *sarif.Run, reason string) {
	if reason == "" {
		return
	}
	run.Properties.Add("incomplete", true).Add("incompleteReason", reason)
	run.AddInvocation(sarif.NewInvocation().
		WithExecutionSuccessful(false).
		AddToolExecutionNotification(sarif.NewNotification().
			WithLevel(sarif.LevelError).
			WithMessage(sarif.NewTextMessage(incompleteMessage(reason)))))
}

func incompleteMessage(reason string) string {
	return "scan incomplete (" + reason + "): this report holds only what was found before the scan stopped"
}

// noticeLine is a notice as the text summary shows it.
func noticeLine(n scanner.Notice) string {
	place := TerminalSafe(n.Path)
	if n.Line > 0 {
		place = fmt.Sprintf("%s:%d", place, n.Line)
	}
	return strings.TrimSpace(fmt.Sprintf("%s: %s", place, n.Message))
}
