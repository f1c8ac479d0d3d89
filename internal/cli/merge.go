package cli

import (
	"bytes"
	"os"

	"github.com/spf13/cobra"

	"github.com/ampscan/ampscan/report"
)

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
			if cmd.Flags().Changed("format") && opts.format != "json" {
				return usagef("merge writes JSON only (the shards' format); drop --format %s", opts.format)
			}
			if err := opts.validate(); err != nil {
				return err
			}
			inputs := map[string][]byte{}
			for _, a := range args {
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
			if opts.output == "" {
				if _, err := streams.Stdout.Write(buf.Bytes()); err != nil {
					return err
				}
			} else if err := writeFileAtomic(opts.output, buf.Bytes()); err != nil {
				return err
			}
			return mergeStatus(opts.failOn, res)
		},
	}
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
