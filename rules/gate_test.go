package rules

import (
	"bytes"
	"testing"
)

// The gate decides which files the rules see at all: it must pass every
// way the product is named, and stop words that merely contain the letters.
func TestGate(t *testing.T) {
	t.Parallel()
	cases := map[string]bool{
		"import * as amplitude from '@amplitude/analytics-browser'": true,
		"AMPLITUDE_API_KEY=…":                               true,
		"NEXT_PUBLIC_AMP_KEY=…":                             true,
		"export AMPLI_TOKEN=…":                              true,
		"const c = getAmplitude()":                          true,
		"[[Amplitude instance] init]":                       true,
		"amp_key = …":                                       true,
		"key: client-Qm7ZtR2xK9pL4vN8cW1yB6sD3fH5jG0a":      true,
		`{"api_key": "…", "events": [{"event_type": "x"}]}`: true,
		"SO_TIMESTAMP_OLD = 0x1d":                           false,
		"const SAMPLING_RATE = 44100":                       false,
		"func resampling(x []float64)":                      false,
		"timestamp_ms := now()":                             false,
		"Sampling interval":                                 false,
		"the client-side renderer":                          false,
		`{"event_type": "push"}`:                            false,
		"amplitude.init(key, { serverZone: 'EU' })":         true,
		"x.init(k,{serverZone:\"EU\"})":                     true,
		"experiment_management_key = …":                     true,
		"EXPERIMENT_DEPLOYMENT_KEY=…":                       true,
		"an experiment with the deployment":                 true,
		"experiment results":                                false,
	}
	c, err := Builtin()
	if err != nil {
		t.Fatal(err)
	}
	for text, want := range cases {
		data := []byte(text)
		if _, got := c.openGates(data, func() []byte { return bytes.ToLower(data) }); got != want {
			t.Errorf("gate(%q) = %v, want %v", text, got, want)
		}
	}
}
