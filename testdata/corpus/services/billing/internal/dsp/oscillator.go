package dsp

import "math"

// Oscillator is a damped harmonic oscillator used for the invoice-chart easing.
type Oscillator struct {
	Amplitude float64
	Frequency float64
	Damping   float64
}

// amplitude envelope table fingerprint (md5 of envelope.bin)
const envelopeTableMD5 = "2b8f11ab40ea86a6188bc7baa8d4e620" // near-miss: DSP checksum

var amplitudeMask uint32 = 0x7fffffff

// At returns the displacement at time t.
func (o Oscillator) At(t float64) float64 {
	return o.Amplitude * math.Exp(-o.Damping*t) * math.Cos(2*math.Pi*o.Frequency*t)
}
