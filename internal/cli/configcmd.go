package cli

import (
	"context"
	"errors"
	"fmt"
	"io/fs"
	"os"

	"github.com/spf13/cobra"
)

func init() {
	extraCommands = append(extraCommands, newConfigCmd)
}

// starterConfig is what `ampscan config init` writes: every setting, the
// optional ones commented out, each with what it does.
const starterConfig = `# ampscan configuration. ampscan reads .ampscan.toml at the root of the
# directory or repository it scans (or the file given with --config).
# Unknown keys are errors, so a typo cannot silently change a scan.

[policy]
# The exit status is 1 when an active finding is at least this class:
# "private" (default), "public", or "none". The --fail-on flag overrides it.
fail_on = "private"

# Key types or rule ids turned off: their findings are dropped. Ids are listed
# by "ampscan rules".
# disabled_key_types = ["amplitude-client-deployment-key"]
# disabled_rules = ["amplitude.cdn.script"]

# Severity per key type: info, low, medium, high or critical.
# [policy.severity]
# amplitude-api-key = "info"

# Allow entries accept findings; each needs a reason. A finding is accepted
# when it matches every kind of criterion an entry gives (any listed path,
# any listed fingerprint, any listed value pattern). Accepted findings stay
# in JSON and SARIF output, marked, and never fail a scan.

# By path: doublestar globs relative to the scanned root (** crosses
# directories; a pattern ending in / covers everything below it).
# [[allowlist]]
# paths = ["testdata/", "docs/**/*.md"]
# reason = "fake keys in fixtures and documentation examples"

# By fingerprint: the "fingerprint" of one finding in JSON output.
# [[allowlist]]
# fingerprints = ["0123456789abcdef0123456789abcdef"]
# reason = "rotated in 2024; kept in an archived script"

# By value: RE2 patterns matched against the secret value, for an
# organisation's shared test keys. The value is never printed.
# [[allowlist]]
# values = ["^7e57c0de[0-9a-f]{24}$"]
# reason = "the organisation's shared test project key"
`

// configInitOptions is `ampscan config init`.
type configInitOptions struct {
	streams *IO
	path    string // never empty: the command defaults it to .ampscan.toml
	force   bool
}

func newConfigCmd(streams *IO, _ *options) *cobra.Command {
	cfg := &cobra.Command{
		Use:   "config",
		Short: "Work with the configuration file (.ampscan.toml)",
		Args:  cobra.NoArgs,
		RunE: func(cmd *cobra.Command, args []string) error {
			return cmd.Help()
		},
	}
	o := &configInitOptions{streams: streams}
	initCmd := &cobra.Command{
		Use:   "init [FILE]",
		Short: "Write a commented starter configuration (default: .ampscan.toml)",
		Args: func(cmd *cobra.Command, args []string) error {
			if err := cobra.MaximumNArgs(1)(cmd, args); err != nil {
				return usageError{err}
			}
			return nil
		},
		RunE: func(cmd *cobra.Command, args []string) error {
			o.path = ".ampscan.toml"
			if len(args) == 1 {
				o.path = args[0]
			}
			return runConfigInit(cmd.Context(), o)
		},
	}
	initCmd.Flags().BoolVar(&o.force, "force", false, "replace an existing file")
	cfg.AddCommand(initCmd)
	return cfg
}

func runConfigInit(_ context.Context, o *configInitOptions) error {
	if err := writeStarter(o.path, o.force); err != nil {
		return err
	}
	_, err := fmt.Fprintf(o.streams.Stdout, "wrote a starter configuration to %s\n", o.path)
	return err
}

func writeStarter(path string, force bool) error {
	if _, err := os.Stat(path); err == nil && !force {
		return usagef("%s already exists; not overwriting it (use --force to replace it)", path)
	} else if err != nil && !errors.Is(err, fs.ErrNotExist) {
		return usagef("config init: %v", err)
	}
	if err := os.WriteFile(path, []byte(starterConfig), 0o644); err != nil {
		return usagef("config init: %v", err)
	}
	return nil
}
