package rules

import "testing"

func TestShapeAndPlausible(t *testing.T) {
	t.Parallel()
	cases := []struct {
		name      string
		value     string
		shape     Shape
		plausible bool
	}{
		{"random hex", "9f3c1a7e52d04b68a1e9c3f7d20b4e51", Hex32, true},
		{"random hex with a run of five", "9f3c1a7e52d0333334b68a1e9c3f7d2b", Hex32, true},
		{"run of six", "9f3c1a7e52d0333333b68a1e9c3f7d2b", Hex32, false},
		{"sequential", "0123456789abcdef0123456789abcdef", Hex32, false},
		{"sixteen repeated twice", "1234567890abcdef1234567890abcdef", Hex32, false},
		{"deadbeef", "deadbeefdeadbeefdeadbeefdeadbeef", Hex32, false},
		{"one letter", "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa", Hex32, false},
		// Not 32 lowercase hex, so never an API/secret/org key; only a
		// name that says management, Data or SCIM can make them count.
		{"uppercase hex is opaque", "9F3C1A7E52D04B68A1E9C3F7D20B4E51", Opaque, true},
		{"33 hex is opaque", "9f3c1a7e52d04b68a1e9c3f7d20b4e51a", Opaque, true},
		{"server key", "server-Qm7ZtR2xK9pL4vN8cW1yB6sD3fH5jG0a", Deployment, true}, // ampscan:allow: generated test value
		{"client x placeholder", "client-xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx", Deployment, false},
		{"server X placeholder", "server-XXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXX", Deployment, false},
		{"lowercase-only tail", "server-abcdefghijklmnopqrstuvwxyzabcdef", Deployment, false},
		{"31 characters is not a deployment key", "client-Qm7ZtR2xK9pL4vN8cW1yB6sD3fH5jG0", Opaque, true},
		{"opaque token", "mK2_vQ9xR4tZ8bN1pL6wS3yC0hJ5dF7g", Opaque, true},
		{"env var name", "AMPLITUDE_MANAGEMENT_API_KEY_PROD_2", Opaque, false},
		{"reference", "process.env.AMPLITUDE_SCIM_KEY_2024", Opaque, false},
		{"placeholder word", "your-amplitude-scim-key-goes-here1", Opaque, false},
		{"path", "/var/run/secrets/amplitude/key2", Opaque, false},
		{"letters only", "abcdefghijklmnopqrstuvwxyzABCDEF", Opaque, false},
		{"too short", "abc123", NoShape, false},
		{"spaces", "not a token at all", NoShape, false},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			t.Parallel()
			if got := ShapeOf(c.value); got != c.shape {
				t.Errorf("ShapeOf = %v, want %v", got, c.shape)
			}
			if got := Plausible(c.value, c.shape); got != c.plausible {
				t.Errorf("Plausible = %v, want %v", got, c.plausible)
			}
		})
	}
}

func TestIdentifierRoles(t *testing.T) {
	t.Parallel()
	cases := map[string]Role{
		"AMPLITUDE_API_KEY":                       "project-api",
		"NEXT_PUBLIC_AMPLITUDE_API_KEY":           "project-api",
		"amplitudeApiKey":                         "project-api",
		"AMP_KEY":                                 "project-api",
		"AMPLITUDE_SECRET_KEY":                    "project-secret",
		"AMPLITUDE_API_SECRET":                    "project-secret",
		"AmplitudeAPI.config.secret_key":          "project-secret",
		"AMPLITUDE_DEPLOYMENT_KEY":                "deployment",
		"serverDeploymentKey":                     "deployment", // the prefix decides the class
		"AMPLITUDE_EXPERIMENT_MANAGEMENT_API_KEY": "management",
		"AMPLITUDE_MGMT_KEY":                      "management",
		"managementKey":                           "management",
		"AMPLI_TOKEN":                             "data-token",
		"AMPLITUDE_SCIM_KEY":                      "scim",
		"scim_token":                              "scim",
		"AMPLITUDE_ORG_API_KEY":                   "org-api",
		"AMPLITUDE_ORG_SECRET_KEY":                "org-secret",
		"AMPLITUDE_SECRET_KEY_ID":                 "",
		"AMPLITUDE_DEVICE_ID":                     "",
		"AMPLITUDE_API_KEY_NAME":                  "",
		"MIXPANEL_API_SECRET":                     "",
		"SEGMENT_WRITE_KEY":                       "",
		"DD_API_KEY":                              "",
		"amplitude_checksum":                      "",
		"timestamp_key_hash":                      "",
	}
	for id, want := range cases {
		if got := builtinLexicon().roleOfIdentifier(id); got != want {
			t.Errorf("roleOfIdentifier(%q) = %q, want %q", id, got, want)
		}
	}
}
