package cli

import (
	"bytes"
	"context"
	"os"

	"github.com/spf13/cobra"

	"github.com/ampscan/ampscan/report"
)

// mergeOptions is `ampscan merge`: the shared flags (--format, --output,
// --fail-on) and the shards' JSON reports.
type mergeOptions struct {
	streams *IO
	*options
	files []string
}

func newMergeCmd(streams *IO, opts *options) *cobra.Command {
	return &cobra.Command{
		Use:   "merge FILE...",
		Short: "Join the JSON reports of every shard of an audit into the report one whole run writes",
		Long: "Join the JSON reports written by `ampscan github|gitlab --shard I/N --format json` into one\n" +
			"JSON report, byte for byte the one a single unsharded run would have written. Every shard\n" +
			"1..N of the same listing must be given once. Exit status as for the audit: 1 when any\n" +
			"finding reaches --fail-on, else 2 when any repository failed, else 0.",
		Example: "  ampscan merge shard-*.json -o acme.json",
		Args:    cobra.MinimumNArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			return runMerge(cmd.Context(), &mergeOptions{streams: streams, options: opts, files: args})
		},
	}
}

func runMerge(_ context.Context, o *mergeOptions) error {
	format := "json"
	if o.formatGiven {
		format = o.format
	}
	if format != "json" && format != "html" {
		return usagef("merge writes JSON (the shards' format) or html, not %s", format)
	}
	if err := o.validate(); err != nil {
		return err
	}
	inputs := map[string][]byte{}
	for _, a := range o.files {
		raw, err := os.ReadFile(a)
		if err != nil {
			return usagef("cannot read %s: %v", a, unwrapPathError(err))
		}
		inputs[a] = raw
	}
	var buf bytes.Buffer
	res, err := report.MergeAudits(&buf, inputs)
	if err != nil {
		return usageError{err}
	}
	if format == "html" {
		// The page is drawn from the merged JSON's findings.
		if buf, err = mergedPage(buf.Bytes()); err != nil {
			return err
		}
	}
	if o.output == "" {
		if _, err := o.streams.Stdout.Write(buf.Bytes()); err != nil {
			return err
		}
	} else if err := writeFileAtomic(o.output, buf.Bytes()); err != nil {
		return err
	}
	return mergeStatus(o.failOn, res)
}

// mergedPage turns a merged audit's JSON into the HTML audit page.
func mergedPage(merged []byte) (bytes.Buffer, error) {
	var page bytes.Buffer
	a, err := report.AuditFromJSON(merged)
	if err != nil {
		return page, err
	}
	w, err := report.NewAudit("html", report.Options{Version: Version()})
	if err != nil {
		return page, err
	}
	return page, w.WriteAudit(&page, a)
}

// mergeStatus applies the audit's exit rule to a merged report.
func mergeStatus(failOn string, res *report.MergeResult) error {
	switch {
	case failOn == "private" && res.Private > 0, failOn == "public" && res.Private+res.Public > 0:
		return errFindings
	case len(res.Failed) > 0:
		return errReposFailed{res.Failed}
	}
	return nil
}
