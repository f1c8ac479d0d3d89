// Package rules holds ampscan's knowledge of Amplitude credentials: the
// policy for each key type, the rule catalogue (embedded TOML), and the
// matcher that turns bytes into classified matches.
package rules

import "fmt"

// KeyType is the stable id of a credential type. The key types, and
// everything said about them, are data: rules/catalogue/keytypes.toml.
type KeyType string

// The built-in key types by name, for code that must name one (tests,
// reports). Their ids are part of the JSON contract; what each means is in
// the catalogue.
const (
	APIKey              KeyType = "amplitude-api-key"
	SecretKey           KeyType = "amplitude-secret-key"
	ClientDeploymentKey KeyType = "amplitude-client-deployment-key"
	ServerDeploymentKey KeyType = "amplitude-server-deployment-key"
	ManagementAPIKey    KeyType = "amplitude-management-api-key"
	DataAPIToken        KeyType = "amplitude-data-api-token"
	SCIMKey             KeyType = "amplitude-scim-key"
	OrgAPIKey           KeyType = "amplitude-org-api-key"
	OrgSecretKey        KeyType = "amplitude-org-secret-key"
)

// Visibility says whether Amplitude treats a key as safe to ship to clients.
type Visibility string

// Visibilities.
const (
	Public  Visibility = "public"
	Private Visibility = "private"
)

// Severity orders how urgently a finding needs attention.
type Severity int

// Severities, lowest first.
const (
	Info Severity = iota
	Low
	Medium
	High
	Critical
)

var severityNames = [...]string{"info", "low", "medium", "high", "critical"}

func (s Severity) String() string {
	if s < Info || s > Critical {
		return fmt.Sprintf("severity(%d)", int(s))
	}
	return severityNames[s]
}

// Raise returns the next severity up, capped at Critical.
func (s Severity) Raise() Severity {
	if s >= Critical {
		return Critical
	}
	return s + 1
}

// Policy is what Amplitude says about one key type, in our words.
type Policy struct {
	KeyType    KeyType
	Name       string // short human name, e.g. "server-side deployment key"
	Product    string
	Visibility Visibility
	// Rotatable is false only for the org-level keys, which need Support.
	Rotatable bool
	// Action is the one-line instruction shown next to a finding.
	Action string
	// Remediation is the full advice for a leaked key of this type.
	Remediation string
	ManagedIn   string
	DocsURL     string
	Severity    Severity
	// Strictness orders key types when one value is seen in several roles:
	// the stricter class wins.
	Strictness int
	// SARIFScore is GitHub's security-severity for this key type's alerts,
	// a number from 0.0 to 10.0 written as a string; Precision is how often
	// its findings are right (very-high, high, medium or low).
	SARIFScore string
	Precision  string
}

// Policies returns the built-in catalogue's key types in its order: public
// keys first, then private keys by how much they open.
func Policies() []Policy { return builtinLexicon().policies() }

// PolicyFor returns the policy of a built-in key type and whether it is known.
func PolicyFor(k KeyType) (Policy, bool) { return builtinLexicon().policyFor(k) }

// Stricter returns whichever of a and b the built-in policy treats more strictly.
func Stricter(a, b KeyType) KeyType { return builtinLexicon().stricter(a, b) }

// Policies returns the catalogue's key types in its order.
func (c *Catalogue) Policies() []Policy { return c.lex.policies() }

// PolicyFor returns the policy of one of the catalogue's key types.
func (c *Catalogue) PolicyFor(k KeyType) (Policy, bool) { return c.lex.policyFor(k) }
