// Package baseline records a scan's findings so that later scans report
// only new ones. It sits between the scanner and the report in the data
// flow (findings -> policy -> suppressions -> report): it reads findings
// and marks the accepted ones, and never prints.
//
// An entry is keyed by the finding's content fingerprint (key type, a hash
// of the secret, and the path), never by line or commit: a line inserted
// above a secret or a history rewrite keeps it accepted, while a new secret
// at the same place, or the same secret in a new file, is new. An entry
// holds no secret and no part of one.
package baseline

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"regexp"
	"sort"

	"github.com/ampscan/ampscan/rules"
	"github.com/ampscan/ampscan/scanner"
)

// Version is the file format's version.
const Version = 1

// Kind is the suppression kind of a finding the baseline accepts.
const Kind = "baseline"

// Entry is one accepted finding.
type Entry struct {
	KeyType     rules.KeyType `json:"key_type"`
	Path        string        `json:"path"`
	Fingerprint string        `json:"fingerprint"`
	// Commit is the earliest commit the finding was seen in, when the scan
	// was of history; it is for people, and plays no part in matching.
	Commit string `json:"commit,omitempty"`
	// Reason is for people to fill in; it becomes the suppression's reason.
	Reason string `json:"reason"`
}

// Baseline is a set of accepted findings, by fingerprint.
type Baseline struct {
	entries map[string]Entry
}

// New returns an empty baseline.
func New() *Baseline { return &Baseline{entries: map[string]Entry{}} }

// Len is the number of entries.
func (b *Baseline) Len() int { return len(b.entries) }

// Entries returns the entries, sorted by path, key type and fingerprint.
func (b *Baseline) Entries() []Entry {
	out := make([]Entry, 0, len(b.entries))
	for _, e := range b.entries {
		out = append(out, e)
	}
	sort.Slice(out, func(i, j int) bool {
		a, c := out[i], out[j]
		switch {
		case a.Path != c.Path:
			return a.Path < c.Path
		case a.KeyType != c.KeyType:
			return a.KeyType < c.KeyType
		}
		return a.Fingerprint < c.Fingerprint
	})
	return out
}

// Has reports whether a fingerprint is accepted.
func (b *Baseline) Has(fingerprint string) bool {
	_, ok := b.entries[fingerprint]
	return ok
}

// FromFindings builds entries for findings that nothing else accepts yet.
// Several findings with one fingerprint (a secret seen in many commits)
// make one entry, with the earliest commit.
func FromFindings(fs []scanner.Finding) *Baseline {
	b := New()
	earliest := map[string]*scanner.Commit{}
	for i := range fs {
		f := &fs[i]
		if f.Suppression != nil {
			continue
		}
		if _, ok := b.entries[f.Fingerprint]; !ok {
			b.entries[f.Fingerprint] = Entry{Fingerprint: f.Fingerprint, KeyType: f.KeyType, Path: f.Path}
		}
		if c := f.Commit; c != nil && earlier(c, earliest[f.Fingerprint]) {
			earliest[f.Fingerprint] = c
			e := b.entries[f.Fingerprint]
			e.Commit = c.ID
			b.entries[f.Fingerprint] = e
		}
	}
	return b
}

func earlier(c, than *scanner.Commit) bool {
	if than == nil {
		return true
	}
	if !c.Date.Equal(than.Date) {
		return c.Date.Before(than.Date)
	}
	return c.ID < than.ID
}

// Merge adds the entries of next that b does not hold, and fills in a
// commit b's entry lacks. b's reasons are kept: people wrote them. With
// prune, b's entries that next does not hold are dropped (stale: the
// finding is gone).
func (b *Baseline) Merge(next *Baseline, prune bool) {
	for fp, e := range next.entries {
		old, ok := b.entries[fp]
		if !ok {
			b.entries[fp] = e
			continue
		}
		if old.Commit == "" {
			old.Commit = e.Commit
			b.entries[fp] = old
		}
	}
	if prune {
		for fp := range b.entries {
			if _, ok := next.entries[fp]; !ok {
				delete(b.entries, fp)
			}
		}
	}
}

// Apply marks the findings the baseline accepts as suppressed, unless
// something else already accepts them, and returns how many it marked.
// source names the baseline file in the default reason.
func (b *Baseline) Apply(fs []scanner.Finding, source string) int {
	n := 0
	for i := range fs {
		f := &fs[i]
		e, ok := b.entries[f.Fingerprint]
		if !ok || f.Suppression != nil {
			continue
		}
		reason := e.Reason
		if reason == "" {
			reason = "accepted in the baseline " + source
		}
		f.Suppression = &scanner.Suppression{Kind: Kind, Reason: reason}
		n++
	}
	return n
}

// Marshal writes the baseline as JSON with one entry a line, sorted, so
// that the same entries give the same bytes and a diff shows one line per
// change.
func (b *Baseline) Marshal() []byte {
	var buf bytes.Buffer
	fmt.Fprintf(&buf, "{\n  \"ampscan_baseline\": %d,\n  \"entries\": [", Version)
	for i, e := range b.Entries() {
		if i > 0 {
			buf.WriteByte(',')
		}
		buf.WriteString("\n    ")
		buf.Write(marshalEntry(e))
	}
	if b.Len() > 0 {
		buf.WriteString("\n  ")
	}
	buf.WriteString("]\n}\n")
	return buf.Bytes()
}

func marshalEntry(e Entry) []byte {
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(false)
	_ = enc.Encode(e) // a struct of strings always encodes
	return bytes.TrimRight(buf.Bytes(), "\n")
}

type file struct {
	Version *int    `json:"ampscan_baseline"`
	Entries []Entry `json:"entries"`
}

var fingerprintRE = regexp.MustCompile(`^[0-9a-f]{32}$`)

// Parse reads a baseline file; name is used only in errors. It rejects
// anything it does not understand rather than accept less than the file
// meant to.
func Parse(name string, raw []byte) (*Baseline, error) {
	var f file
	dec := json.NewDecoder(bytes.NewReader(raw))
	dec.DisallowUnknownFields()
	if err := dec.Decode(&f); err != nil {
		return nil, fmt.Errorf("%s: %w", name, jsonError(raw, err))
	}
	if dec.More() {
		return nil, fmt.Errorf("%s: unexpected data after the baseline object", name)
	}
	if f.Version == nil {
		return nil, fmt.Errorf("%s: not an ampscan baseline (no \"ampscan_baseline\" version field)", name)
	}
	if *f.Version != Version {
		return nil, fmt.Errorf("%s: baseline version %d is not supported (want %d)", name, *f.Version, Version)
	}
	b := New()
	var errs []error
	for i, e := range f.Entries {
		if err := check(e); err != nil {
			errs = append(errs, fmt.Errorf("%s: entry %d: %w", name, i+1, err))
			continue
		}
		if old, ok := b.entries[e.Fingerprint]; ok && old.Reason != "" {
			continue // a merged file may repeat an entry: keep the first reason
		}
		b.entries[e.Fingerprint] = e
	}
	if len(errs) > 0 {
		return nil, errors.Join(errs...)
	}
	return b, nil
}

func check(e Entry) error {
	if !fingerprintRE.MatchString(e.Fingerprint) {
		return fmt.Errorf("fingerprint %q is not 32 lowercase hex digits", e.Fingerprint)
	}
	if _, ok := rules.PolicyFor(e.KeyType); !ok {
		return fmt.Errorf("unknown key_type %q", e.KeyType)
	}
	if e.Path == "" {
		return errors.New("path is empty")
	}
	return nil
}

// jsonError places a decoding error at a line and column of the file.
func jsonError(raw []byte, err error) error {
	var off int64 = -1
	var se *json.SyntaxError
	var te *json.UnmarshalTypeError
	switch {
	case errors.Is(err, io.EOF):
		return errors.New("empty file, not a baseline")
	case errors.Is(err, io.ErrUnexpectedEOF):
		return fmt.Errorf("cut short: the file ends at line %d before the baseline does", bytes.Count(raw, []byte("\n"))+1)
	case errors.As(err, &se):
		off = se.Offset - 1 // the offset is just past the bad byte
	case errors.As(err, &te):
		off = te.Offset
	}
	if off < 0 {
		return err
	}
	before := raw[:min(int(off), len(raw))]
	line := bytes.Count(before, []byte("\n")) + 1
	col := int(off) - bytes.LastIndexByte(before, '\n')
	return fmt.Errorf("line %d, column %d: %w", line, col, err)
}
