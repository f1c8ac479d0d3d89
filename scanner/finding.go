// Package scanner turns sources of bytes (a directory tree, stdin, git
// history, the staged index) into sorted, classified findings.
package scanner

import (
	"cmp"
	"crypto/sha256"
	"encoding/hex"
	"slices"
	"strings"
	"time"

	"github.com/ampscan/ampscan/rules"
)

// Finding is one credential at one place. Secret holds the raw value: every
// writer redacts it unless the user asked otherwise, and no error or log line
// ever carries it.
type Finding struct {
	RuleID     string
	KeyType    rules.KeyType
	Visibility rules.Visibility
	Severity   rules.Severity
	Secret     string
	// Path is relative to the scanned root (or repository), with forward slashes.
	Path string
	// Line and Column are 1-based; Column counts Unicode code points.
	// EndColumn is one past the last character, on Line.
	Line, Column, EndColumn int
	Fingerprint             string
	// Exposure says why a private key here reaches users, or is "".
	Exposure string
	// Commit is set for findings from history.
	Commit *Commit
	// Suppression is set when the user has accepted this finding (an
	// inline marker or an allowlist); it is reported but does not fail.
	Suppression *Suppression
	// RegionHint is RegionEU when the text around the key points to
	// Amplitude's EU data centre (an EU host, an _EU name, serverZone EU),
	// else "". Verification tries the hinted region first.
	RegionHint string
	// Verification is set only by the opt-in --verify.
	Verification *Verification
	// Repo names the repository a finding comes from when a scan covers a
	// remote or many repositories: its URL without credentials. WebURL
	// links to the file at the commit on the host's web interface, when
	// the host is known to have one.
	Repo, WebURL string
}

// Suppression says why a finding is accepted.
type Suppression struct {
	Kind   string // "inline", "allowlist", "fingerprint", "value" or "baseline"
	Reason string
}

// InlineMarker on the line of a finding suppresses it, like gitleaks'
// gitleaks:allow. It is matched case-insensitively.
const InlineMarker = "ampscan:allow"

// Commit describes the commit that introduced a secret found in history.
type Commit struct {
	ID     string
	Author string
	Email  string
	Date   time.Time
	// InHead reports whether the same secret is still in HEAD's tree, and
	// HeadLocations where.
	InHead        bool
	HeadLocations []Location
	// RemovedIn, for a secret no longer in HEAD, is the first commit after
	// its introduction whose file at the finding's path no longer held it,
	// and RemovedDate that commit's date: the end of the exposure window.
	RemovedIn   string
	RemovedDate time.Time
}

// Location is a place in a file.
type Location struct {
	Path   string
	Line   int
	Column int
}

// Policy returns the policy for the finding's key type.
func (f *Finding) Policy() rules.Policy {
	p, _ := rules.PolicyFor(f.KeyType)
	return p
}

// Fingerprint identifies a secret at a path by content, so it survives line
// moves and reformatting: key type, a hash of the secret, and the path. It
// never contains the secret.
func Fingerprint(kt rules.KeyType, secret, path string) string {
	inner := sha256.Sum256([]byte(secret))
	h := sha256.New()
	h.Write([]byte(kt))
	h.Write([]byte{0})
	h.Write(inner[:])
	h.Write([]byte{0})
	h.Write([]byte(path))
	return hex.EncodeToString(h.Sum(nil)[:16])
}

// classify fills the policy-derived fields of a finding.
func (f *Finding) classify() {
	p := f.Policy()
	f.Visibility = p.Visibility
	f.Severity = p.Severity
	switch {
	case p.Visibility == rules.Public:
		f.Exposure = "" // public keys are meant to ship; nothing is exposed
	case f.Exposure != "":
		f.Severity = f.Severity.Raise()
	}
	f.Fingerprint = Fingerprint(f.KeyType, f.Secret, f.Path)
}

// Finalize applies the policy to a set of findings and sorts them: when the
// same value is seen in roles of different strictness (an API key in one
// file, the same value as a secret in another), the stricter class wins
// everywhere.
func Finalize(fs []Finding) {
	// Group equal values through a list sorted by value rather than a
	// map keyed by them: with many findings a map costs far more memory.
	// The list holds each value beside its finding's index: sorting
	// indexes alone read every value through its 240-byte finding, a
	// cache miss a comparison (BenchmarkFinalize, in order: 44 ms before,
	// 34 ms after).
	type valueAt struct {
		secret string
		at     int
	}
	bySecret := make([]valueAt, len(fs))
	for i := range fs {
		bySecret[i] = valueAt{fs[i].Secret, i}
	}
	// Equal values keep their order (on a tie of strictness the first
	// finding's key type wins): ties are broken by index, which is what
	// a stable sort does, and costs n log n where SortStableFunc's
	// merges cost n log² n (3% of the keys history's CPU, after its
	// scan, for the two sorts here).
	slices.SortFunc(bySecret, func(a, b valueAt) int {
		if c := strings.Compare(a.secret, b.secret); c != 0 {
			return c
		}
		return cmp.Compare(a.at, b.at)
	})
	for start := 0; start < len(bySecret); {
		end, kt := start+1, fs[bySecret[start].at].KeyType
		for end < len(bySecret) && bySecret[end].secret == bySecret[start].secret {
			kt = rules.Stricter(kt, fs[bySecret[end].at].KeyType)
			end++
		}
		for _, v := range bySecret[start:end] {
			fs[v.at].KeyType = kt
		}
		start = end
	}
	for i := range fs {
		fs[i].classify()
	}
	Sort(fs)
}

// Sort orders findings by path, line, column, key type, and then by
// fingerprint so that equal positions still sort the same way every time.
func Sort(fs []Finding) {
	if isSorted(fs) {
		return
	}
	// Sort indexes, then move each finding once: a stable sort of the
	// findings themselves moves 200-byte structs n·log²n times.
	order := make([]int, len(fs))
	for i := range order {
		order[i] = i
	}
	slices.SortFunc(order, func(a, b int) int { return cmp.Or(compare(&fs[a], &fs[b]), cmp.Compare(a, b)) }) // stable, as above
	permute(fs, order)
}

// permute puts fs[order[i]] at i, in place, following each cycle of the
// permutation once; order is used up.
func permute(fs []Finding, order []int) {
	for i := range order {
		if order[i] < 0 {
			continue
		}
		tmp, j := fs[i], i
		for order[j] != i {
			next := order[j]
			fs[j] = fs[next]
			order[j] = -1
			j = next
		}
		fs[j] = tmp
		order[j] = -1
	}
}

func compare(a, b *Finding) int {
	if c := strings.Compare(a.Path, b.Path); c != 0 {
		return c
	}
	if c := cmp.Compare(a.Line, b.Line); c != 0 {
		return c
	}
	if c := cmp.Compare(a.Column, b.Column); c != 0 {
		return c
	}
	if c := strings.Compare(string(a.KeyType), string(b.KeyType)); c != 0 {
		return c
	}
	if c := strings.Compare(commitID(a), commitID(b)); c != 0 {
		return c
	}
	return strings.Compare(a.Fingerprint, b.Fingerprint)
}

func isSorted(fs []Finding) bool {
	for i := 1; i < len(fs); i++ {
		if Less(&fs[i], &fs[i-1]) {
			return false
		}
	}
	return true
}

// Less is the order of Sort: by path, line, column, key type, commit,
// and then fingerprint.
func Less(a, b *Finding) bool { return compare(a, b) < 0 }

func commitID(f *Finding) string {
	if f.Commit == nil {
		return ""
	}
	return f.Commit.ID
}
