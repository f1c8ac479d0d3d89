package scanner

// Verification is the outcome of the opt-in, read-only liveness check of a
// finding's credential (--verify). Neither field ever holds the secret.
type Verification struct {
	// Status is one of VerifyLive, VerifyInvalid, VerifyUnknown, VerifySkipped.
	Status string
	// Reason says why, in a sentence: which host answered what, or why no
	// request was sent.
	Reason string
	// Region is where the key answered live ("us" or "eu"), or "".
	Region string
	// Request names the read-only request that decided (method, host and
	// path, with the key never in it), or "" when none was sent.
	Request string
}

// Verification statuses: part of the JSON output that outside checks rely
// on (README, "Is the key still live?"); do not rename them.
const (
	VerifyLive    = "live"
	VerifyInvalid = "invalid"
	VerifyUnknown = "unknown"
	VerifySkipped = "skipped"
)

// Regions that a hint or a verification names.
const (
	RegionUS = "us"
	RegionEU = "eu"
)

// Live reports whether the finding's key was verified live.
func (f *Finding) Live() bool {
	return f.Verification != nil && f.Verification.Status == VerifyLive
}
