package cli

import (
	"context"
	"encoding/json"
	"fmt"
	"sort"
	"strings"
	"text/tabwriter"

	"github.com/spf13/cobra"

	"github.com/ampscan/ampscan/rules"
)

// versionOptions is `ampscan version`.
type versionOptions struct {
	streams *IO
}

func newVersionCmd(streams *IO) *cobra.Command {
	return &cobra.Command{
		Use:   "version",
		Short: "Print ampscan's version",
		Args:  cobra.NoArgs,
		RunE: func(cmd *cobra.Command, args []string) error {
			return runVersion(cmd.Context(), &versionOptions{streams: streams})
		},
	}
}

func runVersion(_ context.Context, o *versionOptions) error {
	rev, when := Build()
	_, err := fmt.Fprintf(o.streams.Stdout, "ampscan %s (commit %s, built %s)\n", Version(), rev, when)
	return err
}

// policyRow is one key type of the policy table, with the rules that can
// report it (taken from the rules' own examples, so the table cannot drift
// from the catalogue).
type policyRow struct {
	KeyType     rules.KeyType    `json:"key_type"`
	Name        string           `json:"name"`
	Product     string           `json:"product"`
	Visibility  rules.Visibility `json:"visibility"`
	Severity    string           `json:"severity"`
	Rotatable   bool             `json:"rotatable"`
	Action      string           `json:"action"`
	Remediation string           `json:"remediation"`
	ManagedIn   string           `json:"managed_in"`
	Rules       []string         `json:"rules"`
}

func policyRows(cat *rules.Catalogue) []policyRow {
	byType := map[rules.KeyType]map[string]bool{}
	for _, r := range cat.Rules() {
		for _, ex := range r.Examples {
			for _, kt := range ex.KeyTypes {
				if byType[kt] == nil {
					byType[kt] = map[string]bool{}
				}
				byType[kt][r.ID] = true
			}
		}
	}
	var rows []policyRow
	for _, p := range rules.Policies() {
		ids := make([]string, 0, len(byType[p.KeyType]))
		for id := range byType[p.KeyType] {
			ids = append(ids, id)
		}
		sort.Strings(ids)
		rows = append(rows, policyRow{p.KeyType, p.Name, p.Product, p.Visibility, p.Severity.String(),
			p.Rotatable, p.Action, p.Remediation, p.ManagedIn, ids})
	}
	return rows
}

// rulesOptions is `ampscan rules`: the shared flags give the output
// format (json, else a table) and --config's extra rules.
type rulesOptions struct {
	streams *IO
	*options
}

func newRulesCmd(streams *IO, opts *options) *cobra.Command {
	return &cobra.Command{
		Use:   "rules",
		Short: "Print the policy table: each key type, its class, what to do, and the rules that detect it",
		Args:  cobra.NoArgs,
		RunE: func(cmd *cobra.Command, args []string) error {
			return runRules(cmd.Context(), &rulesOptions{streams: streams, options: opts})
		},
	}
}

func runRules(_ context.Context, o *rulesOptions) error {
	cat, err := o.catalogue()
	if err != nil {
		return err
	}
	rows := policyRows(cat)
	out := o.streams.Stdout
	if o.format == "json" {
		enc := json.NewEncoder(out)
		enc.SetIndent("", "  ")
		return enc.Encode(rows)
	}
	tw := tabwriter.NewWriter(out, 0, 4, 2, ' ', 0)
	fmt.Fprintln(tw, "KEY TYPE\tPRODUCT\tCLASS\tSEVERITY\tROTATABLE\tMANAGED IN")
	for _, r := range rows {
		rot := "yes"
		if !r.Rotatable {
			rot = "no: Support"
		}
		fmt.Fprintf(tw, "%s\t%s\t%s\t%s\t%s\t%s\n", r.KeyType, r.Product, r.Visibility, r.Severity, rot, r.ManagedIn)
	}
	if err := tw.Flush(); err != nil {
		return err
	}
	for _, r := range rows {
		fmt.Fprintf(out, "\n%s (%s, %s)\n  if leaked: %s\n  detected by: %s\n",
			r.KeyType, r.Name, r.Visibility, r.Remediation, strings.Join(r.Rules, ", "))
	}
	return nil
}
