package cli

import (
	"encoding/json"
	"fmt"
	"sort"
	"strings"
	"text/tabwriter"

	"github.com/spf13/cobra"

	"github.com/ampscan/ampscan/rules"
)

func newVersionCmd(streams *IO) *cobra.Command {
	return &cobra.Command{
		Use:   "version",
		Short: "Print ampscan's version",
		Args:  cobra.NoArgs,
		RunE: func(cmd *cobra.Command, args []string) error {
			rev, when := Build()
			_, err := fmt.Fprintf(streams.Stdout, "ampscan %s (commit %s, built %s)\n", Version(), rev, when)
			return err
		},
	}
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

func newRulesCmd(streams *IO, opts *options) *cobra.Command {
	return &cobra.Command{
		Use:   "rules",
		Short: "Print the policy table: each key type, its class, what to do, and the rules that detect it",
		Args:  cobra.NoArgs,
		RunE: func(cmd *cobra.Command, args []string) error {
			cat, err := opts.catalogue()
			if err != nil {
				return err
			}
			rows := policyRows(cat)
			if opts.format == "json" {
				enc := json.NewEncoder(streams.Stdout)
				enc.SetIndent("", "  ")
				return enc.Encode(rows)
			}
			tw := tabwriter.NewWriter(streams.Stdout, 0, 4, 2, ' ', 0)
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
				fmt.Fprintf(streams.Stdout, "\n%s (%s, %s)\n  if leaked: %s\n  detected by: %s\n",
					r.KeyType, r.Name, r.Visibility, r.Remediation, strings.Join(r.Rules, ", "))
			}
			return nil
		},
	}
}
