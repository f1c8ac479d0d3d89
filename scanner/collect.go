package scanner

import (
	"context"
	"errors"
	"sort"
	"time"
)

// Report is the outcome of a whole scan, ready for a writer.
type Report struct {
	Findings []Finding
	Stats    Stats
	// Notes are facts about coverage a reader must know (for example that a
	// shallow clone's history before its boundary was not scanned).
	Notes []string
	// Notices are changes a reviewer must see (see Notice); sorted.
	Notices []Notice
	// Incomplete, when set, says why the scan stopped before the end (an
	// interrupt): the findings are those found until then.
	Incomplete string
}

// Collect runs the engine over src and gathers a finalized, sorted report.
// onError, if set, is told about each unreadable file as it happens (for
// stderr); the file is also recorded in the report and the scan goes on.
// When ctx is cancelled it returns the report so far with ctx's error.
func Collect(ctx context.Context, e *Engine, src Source, onError func(FileError)) (*Report, error) {
	start := time.Now()
	rep := &Report{Stats: Stats{Skipped: map[string]int64{}}}
	err := e.Run(ctx, src, func(r Result) {
		rep.add(r, onError)
	})
	if err != nil && !Interrupted(ctx, err) {
		return nil, err
	}
	Finalize(rep.Findings)
	sort.Slice(rep.Stats.Errors, func(i, j int) bool { return rep.Stats.Errors[i].Path < rep.Stats.Errors[j].Path })
	rep.Stats.Duration = time.Since(start)
	return rep, err
}

// Interrupted reports whether err ended a scan because ctx was cancelled.
// A scan so ended returns its report so far together with the error.
func Interrupted(ctx context.Context, err error) bool {
	return err != nil && ctx.Err() != nil && errors.Is(err, ctx.Err())
}

func (rep *Report) add(r Result, onError func(FileError)) {
	switch {
	case r.Err != nil:
		fe := FileError{Path: r.Unit.Path, Err: r.Err.Error()}
		rep.Stats.Errors = append(rep.Stats.Errors, fe)
		rep.Stats.Skipped["unreadable"]++
		if onError != nil {
			onError(fe)
		}
	case r.Skipped != "":
		rep.Stats.Skipped[r.Skipped]++
	default:
		rep.Stats.Files++
		rep.Stats.Bytes += r.Bytes
	}
	if rep.Findings == nil {
		// The first file's findings are taken as they are: a file with
		// many findings is not copied.
		rep.Findings = r.Findings
		return
	}
	rep.Findings = append(rep.Findings, r.Findings...)
}
