package scanner

import (
	"bytes"
	"context"
	"encoding/binary"
	"errors"
	"fmt"
	"io"
	"slices"
	"sync"
	"sync/atomic"
	"time"
	"unicode/utf8"

	"github.com/sourcegraph/conc/pool"

	"github.com/ampscan/ampscan/rules"
)

// Unit is one file's worth of input: a path and either its bytes or a way to
// open them. Sources yield units; the engine's workers read and scan them.
type Unit struct {
	Path string
	// Data holds the content when the source already has it in memory (git
	// blobs, stdin). Otherwise Open is called by a worker.
	Data []byte
	Open func() (io.ReadCloser, error)
	// Tag is passed through untouched to the result (a blob id, say).
	Tag any
	// Skip (a reason) or Err mark an entry the source could not offer for
	// scanning; it is counted and reported, not read.
	Skip string
	Err  error
}

// Source yields the units to scan. It has one method so that directories,
// stdin, git history and the staged index all plug into the same engine.
type Source interface {
	Units(ctx context.Context, emit func(Unit) error) error
}

// Result is what scanning one unit produced.
type Result struct {
	Unit     Unit
	Findings []Finding
	// Skipped is a reason ("binary") when the unit was not scanned.
	Skipped string
	// Err is set when the unit could not be read; the scan goes on.
	Err   error
	Bytes int64
}

// Progress counts work done, for a progress line. Safe for concurrent use.
type Progress struct {
	Files   atomic.Int64 // files or blobs scanned
	Bytes   atomic.Int64
	Commits atomic.Int64 // commits walked (history scans)
	// CommitsTotal is the number of commits a history scan will walk, set
	// once the walk is listed (0 until then), so progress can give an ETA.
	CommitsTotal atomic.Int64
}

// Engine scans units concurrently with a fixed set of rules.
type Engine struct {
	Rules *rules.Catalogue
	// Jobs is the number of concurrent workers; 0 means 1.
	Jobs int
	// ChunkSize bounds how much of one file is held in memory at once; files
	// larger than this are scanned in overlapping windows.
	ChunkSize int
	Progress  *Progress
	// Match, when set, replaces Rules.Scan: benchmarks use it to measure
	// what reading costs apart from matching.
	Match func(path string, data []byte) []rules.Match
}

const (
	defaultChunkSize = 8 << 20
	// chunkOverlap must exceed the longest credential shape plus the context
	// a rule looks at, so that a key cut by a window edge is whole in the
	// next window.
	chunkOverlap = 64 << 10
	sniffLen     = 8000
)

// ForgetNames lets go of what the rules keep from file to file to judge
// names faster (see rules.Catalogue.ForgetNames): a run of scans calls it
// when it ends, before its report is written.
func (e *Engine) ForgetNames() {
	if e.Rules != nil {
		e.Rules.ForgetNames()
	}
}

// Run scans every unit from src and hands each result to sink, one at a time
// (sink needs no locking). It stops early only when ctx is cancelled or the
// source fails.
//
// The source runs ahead of the workers by up to unitsAhead units a
// worker, and each worker takes the next unit from that queue itself. A
// directory walk is bursty (a directory is read whole before its first
// file is offered), and handing units over one at a time left the
// workers waiting for it: bench/dir.sh's tree took 2.2-2.5 s with two
// workers fed that way, and 1.7-1.8 s from the queue.
func (e *Engine) Run(ctx context.Context, src Source, sink func(Result)) error {
	defer e.ForgetNames()
	jobs := max(e.Jobs, 1)
	units := make(chan Unit, unitsAhead*jobs)
	// A worker that panics is gone; once one is, the source stops, so
	// that it never waits on a queue no one reads. p.Wait passes the
	// panic on.
	gone := make(chan struct{})
	var goneOnce sync.Once
	p := pool.New().WithContext(ctx)
	var mu sync.Mutex
	for range jobs {
		p.Go(func(ctx context.Context) error {
			finished := false
			defer func() {
				if !finished {
					goneOnce.Do(func() { close(gone) })
				}
			}()
			for u := range units {
				if ctx.Err() != nil {
					continue // interrupted: what is still queued is left unread
				}
				r := e.ScanUnitContext(ctx, u)
				mu.Lock()
				sink(r)
				mu.Unlock()
			}
			finished = true
			return nil
		})
	}
	srcErr := src.Units(ctx, func(u Unit) error {
		if err := ctx.Err(); err != nil {
			return err
		}
		select {
		case units <- u:
			return nil
		case <-ctx.Done():
			return ctx.Err()
		case <-gone:
			return errWorkerGone
		}
	})
	close(units)
	poolErr := p.Wait()
	return errors.Join(srcErr, poolErr)
}

// unitsAhead is how many units a worker may have queued. It is measured
// on bench/dir.sh's tree (95,000 files, two workers): 1 a worker took
// 1.9 s, 4 took 1.8 s, 16 and 64 took 1.6-1.7 s. Queued units are paths
// for a directory walk; a source whose units hold their bytes (Unit.Data)
// keeps up to this many files in memory for each worker.
const unitsAhead = 16

var errWorkerGone = errors.New("scan stopped: a worker failed")

// ScanUnit reads and scans one unit. Read errors are returned in the result,
// never as a panic or an exit, so one bad file cannot stop a scan.
func (e *Engine) ScanUnit(u Unit) Result {
	return e.ScanUnitContext(context.Background(), u)
}

// skipInterrupted marks a unit whose reading was cut short by ctx: its
// findings so far are kept, and it is counted apart from whole files.
const skipInterrupted = "interrupted"

// ScanUnitContext is ScanUnit that stops between windows of a large file
// when ctx is done, so that an interrupt is honoured within one window.
func (e *Engine) ScanUnitContext(ctx context.Context, u Unit) Result {
	return e.ScanUnitInto(ctx, u, nil)
}

// ScanUnitInto is ScanUnitContext with the findings appended to into[:0],
// for a caller that scans unit after unit and is done with each result's
// findings before the next (a history's worker, which keeps only numbers
// for them). A version of a .env of 50,000 keys has 12 MB of findings; one
// list reused saves allocating, faulting in and collecting that for every
// version (4% of the keys history's CPU).
func (e *Engine) ScanUnitInto(ctx context.Context, u Unit, into []Finding) Result {
	into = into[:0]
	res := Result{Unit: u, Skipped: u.Skip, Err: u.Err}
	if u.Skip != "" || u.Err != nil {
		return res
	}
	if u.Data != nil {
		res.Bytes = int64(len(u.Data))
		if res.Skipped = skipReason(u.Data); res.Skipped != "" {
			return res
		}
		data := asText(u.Data) // UTF-16 decoded, lone CRs as LFs; a copy if changed
		res.Findings = e.scanBytes(into, u.Path, data, 1, 0, 0, len(data))
		e.count(res.Bytes)
		return res
	}
	rc, err := u.Open()
	if err != nil {
		res.Err = err
		return res
	}
	defer rc.Close()
	res.Findings, res.Bytes, res.Skipped, res.Err = e.scanReaderContext(ctx, u.Path, rc, into)
	e.count(res.Bytes)
	return res
}

func (e *Engine) count(n int64) {
	if e.Progress != nil {
		e.Progress.Files.Add(1)
		e.Progress.Bytes.Add(n)
	}
}

var bufPool = sync.Pool{New: func() any { b := make([]byte, 0, 256<<10); return &b }}

// scanReader reads a file in windows of ChunkSize. Each window also holds
// chunkOverlap bytes after its own (a key straddling its end is whole
// there) and, after the first, chunkOverlap bytes before (the name or call
// in front of a key that starts its own part). A match is kept by the
// window whose own part it starts in, so it is found once.
func (e *Engine) scanReader(path string, r io.Reader) ([]Finding, int64, string, error) {
	return e.scanReaderContext(context.Background(), path, r, nil)
}

// scanReaderContext is scanReader that stops after the window in which ctx
// is done, keeping what it found (skip reason "interrupted"). The
// findings are appended to into.
func (e *Engine) scanReaderContext(ctx context.Context, path string, r io.Reader, into []Finding) ([]Finding, int64, string, error) {
	chunk := e.ChunkSize
	if chunk <= 0 {
		chunk = defaultChunkSize
	}
	bufp := bufPool.Get().(*[]byte)
	defer bufPool.Put(bufp)
	buf := (*bufp)[:0] // grown by readFull as needed; pooled buffers keep their size
	var (
		findings = into
		total    int64
		line     = 1 // line number at buf[0]
		col      = 0 // code points between the last newline and buf[0]
		from     = 0 // where the window's own part starts in buf
		first    = true
	)
	for {
		n, err := readFull(r, &buf, from+chunk+chunkOverlap)
		total += int64(n)
		if first {
			if enc, bom := sniffEncoding(buf[:min(len(buf), sniffLen)]); enc != encPlain {
				// UTF-16: start again on the decoded stream (see textenc.go).
				head := bytes.Clone(buf[bom:])
				*bufp = buf
				return e.scanReader(path, newUTF16Reader(io.MultiReader(bytes.NewReader(head), r), enc))
			}
			if skip := skipReason(buf); skip != "" {
				*bufp = buf
				return nil, total, skip, nil
			}
		}
		first = false
		eof := err == io.EOF || err == io.ErrUnexpectedEOF
		// Lone CRs end lines too (see textenc.go); a CR ending a window
		// that is not the last is left for the next, which sees its LF.
		loneCRToLF(buf, err != nil)
		keep := len(buf)
		if err == nil {
			keep = from + chunk // matches starting in the overlap belong to the next window
		}
		// On a read error, what was read is still scanned: nothing found
		// before the failure is lost.
		findings = e.scanBytes(findings, path, buf, line, col, from, keep)
		if err != nil {
			*bufp = buf
			if !eof {
				return findings, total, "", fmt.Errorf("read after %d bytes: %w", total, err)
			}
			return findings, total, "", nil
		}
		if ctx.Err() != nil {
			*bufp = buf
			return findings, total, skipInterrupted, nil
		}
		// The next window starts chunkOverlap bytes before its own part.
		next := max(keep-chunkOverlap, 0)
		consumed := buf[:next]
		if nl := bytes.LastIndexByte(consumed, '\n'); nl >= 0 {
			line += bytes.Count(consumed, []byte{'\n'})
			col = utf8.RuneCount(consumed[nl+1:])
		} else {
			col += utf8.RuneCount(consumed)
		}
		from = keep - next
		buf = append(buf[:0], buf[next:]...)
	}
}

// readFull fills *buf up to limit bytes (buf may already hold carried-over bytes).
func readFull(r io.Reader, buf *[]byte, limit int) (int, error) {
	b := *buf
	start := len(b)
	for len(b) < limit {
		if len(b) == cap(b) {
			nb := make([]byte, len(b), min(max(2*cap(b), 64<<10), limit))
			copy(nb, b)
			b = nb
		}
		n, err := r.Read(b[len(b):cap(b)])
		b = b[:len(b)+n]
		if err != nil {
			*buf = b
			if err == io.EOF && len(b) > 0 {
				return len(b) - start, io.EOF
			}
			return len(b) - start, err
		}
	}
	*buf = b
	return len(b) - start, nil
}

// ScanBytes scans an in-memory buffer as one file and returns its findings
// with 1-based lines and columns (policy not yet applied; see Finalize).
func (e *Engine) ScanBytes(path string, data []byte) []Finding {
	data = asText(data) // UTF-16 decoded, lone CRs as LFs; a copy if changed
	return e.scanBytes(nil, path, data, 1, 0, 0, len(data))
}

// matchLists keeps the lists the rules append a file's matches to, so
// that a worker reuses one from file to file rather than allocate one for
// each: in the keys history (blobs of 50,000 keys) the rules' result and
// its copies were a tenth of the CPU. A list of more than
// maxPooledMatches (about 5 MB) is not kept.
var matchLists = sync.Pool{New: func() any { return new([]rules.Match) }}

const maxPooledMatches = 1 << 16

// scanBytes scans one window of a file that starts on line firstLine,
// firstCol code points into that line, and appends to out the findings
// that start in data[from:keep], the window's own part (the rest belong to
// the windows before and after it).
func (e *Engine) scanBytes(out []Finding, path string, data []byte, firstLine, firstCol, from, keep int) []Finding {
	var ms []rules.Match
	if e.Match != nil {
		ms = e.Match(path, data)
	} else {
		buf := matchLists.Get().(*[]rules.Match)
		ms = e.Rules.AppendScan((*buf)[:0], path, data)
		defer func() {
			// The secrets are let go of with the list's entries; a list
			// grown by a file of many findings is let go of whole.
			clear(ms)
			if cap(ms) <= maxPooledMatches {
				*buf = ms[:0]
				matchLists.Put(buf)
			}
		}()
	}
	if len(ms) == 0 {
		return out
	}
	out = slices.Grow(out, len(ms))
	hints := mayHintRegion(data, len(ms))
	line, lineStart, pos := firstLine, 0, 0
	// A line in a minified bundle is megabytes long: what is computed over
	// a whole line (its end, the marker test, the column) is computed once
	// per line, and the column carried from match to match, or many keys on
	// one line would take quadratic time.
	curLine, eol, marked := -1, 0, false
	runePos, runes := 0, 0
	for _, m := range ms { // sorted by Start
		if m.Start < from || m.Start >= keep {
			continue
		}
		for pos < m.Start {
			i := bytes.IndexByte(data[pos:m.Start], '\n')
			if i < 0 {
				pos = m.Start
				break
			}
			pos += i + 1
			line++
			lineStart = pos
		}
		if curLine != lineStart {
			curLine, eol = lineStart, lineEnd(data, lineStart)
			marked = containsFold(data[lineStart:eol], InlineMarker)
			runePos, runes = lineStart, 0
		}
		if m.Start < runePos { // not sorted after all: count afresh
			runePos, runes = lineStart, 0
		}
		runes += runeCount(data[runePos:m.Start])
		runePos = m.Start
		col := runes + 1
		if line == firstLine {
			col += firstCol
		}
		end := min(m.End, eol)
		var sup *Suppression
		if marked {
			sup = &Suppression{Kind: "inline", Reason: InlineMarker + " on the line"}
		}
		out = append(out, Finding{
			RuleID: m.RuleID, KeyType: m.KeyType, Secret: m.Secret, Path: path,
			Line: line, Column: col, EndColumn: col + runeCount(data[m.Start:end]),
			Exposure: m.Exposure, Suppression: sup,
		})
		if hints {
			out[len(out)-1].RegionHint = regionHint(data, m.Start, m.End)
		}
	}
	return out
}

// runeCount is utf8.RuneCount, reading ASCII eight bytes at a time: it
// counts every finding's column and width, and utf8.RuneCount reads a
// byte at a time (2% of the keys history's instructions).
func runeCount(b []byte) int {
	n := 0
	for len(b) >= 8 && binary.LittleEndian.Uint64(b)&0x8080808080808080 == 0 {
		b, n = b[8:], n+8
	}
	return n + utf8.RuneCount(b)
}

// containsFold reports whether b holds word, which must be lowercase
// ASCII, ignoring the case of ASCII letters. It is asked of the text
// around every finding (see maySetEU) and of every line with one, so it
// looks for one byte of the word with bytes.IndexByte: comparing at every
// offset was two fifths of the time of a minified line full of keys.
func containsFold(b []byte, word string) bool {
	if len(word) == 0 {
		return true
	}
	end := len(b) - len(word) + 1 // a match starts before end
	if end <= 0 {
		return false
	}
	// A byte that is no letter has one case, and is often rarer than the
	// first: look for it alone. ("ampscan:allow" has ':', which a .env of
	// keys never holds, and whose every line starts with an A.)
	for k := range len(word) {
		if c := word[k]; c < 'a' || c > 'z' {
			for p := k; p < end+k; {
				i := indexFrom(b[:end+k], p, c)
				if i >= end+k {
					return false
				}
				if equalFoldASCII(b[i-k:i-k+len(word)], word) {
					return true
				}
				p = i + 1
			}
			return false
		}
	}
	lower, upper := word[0], word[0]
	if 'a' <= lower && lower <= 'z' {
		upper -= 'a' - 'A'
	}
	// The next place each case of the first byte stands, at or after p
	// (end when there is none), each looked for again only once passed.
	nextLower, nextUpper := -1, -1
	for p := 0; p < end; {
		if nextLower < p {
			nextLower = indexFrom(b[:end], p, lower)
		}
		i := nextLower
		if upper != lower {
			if nextUpper < p {
				nextUpper = indexFrom(b[:end], p, upper)
			}
			i = min(i, nextUpper)
		}
		if i >= end {
			return false
		}
		if equalFoldASCII(b[i+1:i+len(word)], word[1:]) {
			return true
		}
		p = i + 1
	}
	return false
}

// indexFrom returns the first offset of c in b at or after p, or len(b).
func indexFrom(b []byte, p int, c byte) int {
	if i := bytes.IndexByte(b[p:], c); i >= 0 {
		return p + i
	}
	return len(b)
}

// equalFoldASCII reports whether b is word (lowercase ASCII), ignoring the
// case of ASCII letters.
func equalFoldASCII(b []byte, word string) bool {
	for i, c := range b {
		if 'A' <= c && c <= 'Z' {
			c += 'a' - 'A'
		}
		if c != word[i] {
			return false
		}
	}
	return true
}

func lineEnd(data []byte, from int) int {
	if i := bytes.IndexByte(data[from:], '\n'); i >= 0 {
		return from + i
	}
	return len(data)
}

// Stats summarise a scan.
type Stats struct {
	// Commits counts the commits a history scan walked (0 for others).
	Commits  int64
	Files    int64
	Bytes    int64
	Skipped  map[string]int64
	Errors   []FileError
	Duration time.Duration
}

// FileError names a file that could not be read and why. The message comes
// from the operating system and never holds file content.
type FileError struct {
	Path string
	Err  string
}
