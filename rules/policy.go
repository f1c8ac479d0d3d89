// Package rules holds ampscan's knowledge of Amplitude credentials: the
// policy for each key type, the rule catalogue (embedded TOML), and the
// matcher that turns bytes into classified matches.
package rules

import "fmt"

// KeyType is the stable id of one of Amplitude's nine credential types.
type KeyType string

// The nine key types. Their ids are part of the JSON contract.
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
}

const keysDocs = "https://amplitude.com/docs/apis/keys-and-tokens"

var policies = []Policy{
	{
		KeyType: APIKey, Name: "project API key", Product: "Analytics",
		Visibility: Public, Rotatable: true,
		Action: "No action needed unless it is abused: the API key is public by design.",
		Remediation: "The project API key is meant to ship in browsers and apps, so finding it is information, not an incident. " +
			"If it is being abused (junk events), rotate or revoke it in Organization settings > API Keys; a revoked key can keep working for up to 6 hours.",
		ManagedIn: "Organization settings > API Keys (project settings > General)",
		DocsURL:   keysDocs, Severity: Low, Strictness: 1,
	},
	{
		KeyType: ClientDeploymentKey, Name: "client-side deployment key", Product: "Experiment",
		Visibility: Public, Rotatable: true,
		Action: "No action needed unless it is abused: client deployment keys are public by design.",
		Remediation: "Client-side deployment keys are built into web and mobile apps and are public by design. " +
			"If one is abused, create a new deployment, move its flags to it, and delete the old deployment key in Experiment > Deployments.",
		ManagedIn: "Experiment > Deployments",
		DocsURL:   keysDocs, Severity: Low, Strictness: 0,
	},
	{
		KeyType: SecretKey, Name: "project secret key", Product: "Analytics",
		Visibility: Private, Rotatable: true,
		Action: "Delete this secret key and generate a new one, then update every server that uses it.",
		Remediation: "A project secret key reads and changes project data through the server-side APIs. " +
			"Delete the compromised key and generate a new one in Organization settings > API Keys (a project can hold several), " +
			"update every server and job that uses it, and review exports and API usage for abuse.",
		ManagedIn: "Organization settings > API Keys",
		DocsURL:   keysDocs, Severity: High, Strictness: 3,
	},
	{
		KeyType: ServerDeploymentKey, Name: "server-side deployment key", Product: "Experiment",
		Visibility: Private, Rotatable: true,
		Action: "Create a new deployment key, replace the old one on every flag and experiment, then delete the old key.",
		Remediation: "Server-side deployment keys must stay on servers you control. " +
			"In Experiment > Deployments create a new deployment key, replace the leaked key with it on all flags and experiments, " +
			"update the servers that evaluate flags, then delete the old key.",
		ManagedIn: "Experiment > Deployments",
		DocsURL:   keysDocs, Severity: High, Strictness: 2,
	},
	{
		KeyType: ManagementAPIKey, Name: "Experiment Management API key", Product: "Experiment",
		Visibility: Private, Rotatable: true,
		Action: "Create a new Management API key and delete the leaked one.",
		Remediation: "The Management API key can create, change and delete flags and experiments. " +
			"Create a new key from the Management API link in the Experiment sidebar, move its users to it, and delete the leaked key.",
		ManagedIn: "Experiment sidebar > Management API",
		DocsURL:   keysDocs, Severity: High, Strictness: 4,
	},
	{
		KeyType: DataAPIToken, Name: "Data API token", Product: "Data",
		Visibility: Private, Rotatable: true,
		Action: "Revoke this token, create a new one, and update CI secrets such as AMPLI_TOKEN.",
		Remediation: "A Data API token acts with its creator's full permissions on the account (the Ampli CLI uses it). " +
			"Revoke it in Data > Settings > API Tokens, create a new token, and update every CI secret that held it (for example AMPLI_TOKEN).",
		ManagedIn: "Data > Settings > API Tokens",
		DocsURL:   keysDocs, Severity: Critical, Strictness: 5,
	},
	{
		KeyType: SCIMKey, Name: "SCIM key", Product: "Access management (Enterprise)",
		Visibility: Private, Rotatable: true,
		Action: "Regenerate the SCIM key in Amplitude now, then update your identity provider.",
		Remediation: "The SCIM key can create, change and remove users across the whole account. " +
			"Regenerate it in Settings > Access and SSO > Provisioning (the old key stops working at once), then update the identity provider's provisioning settings.",
		ManagedIn: "Settings > Access and SSO > Provisioning",
		DocsURL:   keysDocs, Severity: Critical, Strictness: 6,
	},
	{
		KeyType: OrgAPIKey, Name: "org-level API key", Product: "Organization",
		Visibility: Private, Rotatable: false,
		Action: "Contact Amplitude Support: org-level keys cannot be rotated self-service.",
		Remediation: "Org-level keys reach every project in the organization and cannot be rotated by you. " +
			"Contact Amplitude Support to have the key pair replaced, and remove it from code and configuration.",
		ManagedIn: "issued by Amplitude Support",
		DocsURL:   keysDocs, Severity: Critical, Strictness: 7,
	},
	{
		KeyType: OrgSecretKey, Name: "org-level secret key", Product: "Organization",
		Visibility: Private, Rotatable: false,
		Action: "Contact Amplitude Support: org-level keys cannot be rotated self-service.",
		Remediation: "The org-level secret key authenticates org-wide APIs for every project in the organization and cannot be rotated by you. " +
			"Contact Amplitude Support to have the key pair replaced, and remove it from code and configuration.",
		ManagedIn: "issued by Amplitude Support",
		DocsURL:   keysDocs, Severity: Critical, Strictness: 8,
	},
}

var policyByType = func() map[KeyType]Policy {
	m := make(map[KeyType]Policy, len(policies))
	for _, p := range policies {
		m[p.KeyType] = p
	}
	return m
}()

// Policies returns the policy table in a fixed order: public keys first,
// then private keys by how much they open.
func Policies() []Policy {
	out := make([]Policy, len(policies))
	copy(out, policies)
	return out
}

// PolicyFor returns the policy of a key type and whether it is known.
func PolicyFor(k KeyType) (Policy, bool) {
	p, ok := policyByType[k]
	return p, ok
}

// Stricter returns whichever of a and b Amplitude's policy treats more strictly.
func Stricter(a, b KeyType) KeyType {
	if policyByType[b].Strictness > policyByType[a].Strictness {
		return b
	}
	return a
}
