package history

import (
	"context"
	"errors"
	"fmt"
	"io"
	"sync"

	"github.com/go-git/go-git/v5/plumbing"

	"github.com/ampscan/ampscan/scanner"
)

// blobJob is one blob to read and scan, sent once per blob by the owner.
type blobJob struct {
	id   int32
	hash plumbing.Hash
	path string
}

// ask is a worker's request for a blob its pack reader cannot give (a
// loose object, one over largeBlob, a delta whose base is in another
// pack): only the owner may read it, with its large reader (a version of a
// large file packed as a delta chain) or through go-git.
type ask struct {
	job   blobJob
	reply chan<- answer
}

type answer struct {
	unit scanner.Unit
	ok   bool // false: unreadable, reported by the owner
}

// blobCacheBudget bounds the inflated objects (delta bases, mostly) that
// the workers share; the owner's reader has its own for trees and commits.
const blobCacheBudget = 32 << 20

// jobQueue bounds the blobs sent and not yet taken by a worker. A job is
// an id, a hash and a path: the queue holds no blob content.
const jobQueue = 1024

// scanBlobs runs feed on the calling goroutine, the owner, and reads and
// scans every blob it sends on the engine's Jobs workers. Every blob takes
// the same route: a worker reads it from the packs with its own reader and
// scans it; what the packs cannot give, the worker asks the owner for,
// which answers between sends (and, once feed returns, until the workers
// are done). A large blob read through go-git is streamed to the worker
// through a pipe that the owner writes, so go-git is only ever used by
// the owner and no blob is ever held whole above largeBlob.
func (h *owner) scanBlobs(ctx context.Context, feed func(ctx context.Context, send func(blobJob) error) error) error {
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()
	jobs := make(chan blobJob, jobQueue)
	asks := make(chan ask)
	var wg sync.WaitGroup
	for range max(h.eng.Jobs, 1) {
		wg.Add(1)
		go func() {
			defer wg.Done()
			h.work(ctx, jobs, asks)
		}()
	}
	done := make(chan struct{})
	go func() {
		wg.Wait()
		close(done)
	}()
	send := func(j blobJob) error {
		for {
			select {
			case jobs <- j:
				return nil
			case a := <-asks:
				h.answer(a)
			case <-ctx.Done():
				return ctx.Err()
			}
		}
	}
	err := feed(ctx, send)
	if err != nil {
		cancel()
	}
	close(jobs)
	for {
		select {
		case a := <-asks:
			h.answer(a)
		case <-done:
			if err == nil {
				err = ctx.Err()
			}
			return err
		}
	}
}

// work reads and scans jobs until there are none. It holds no go-git
// object: it reads packs with a reader of its own and asks the owner for
// the rest.
func (t *tally) work(ctx context.Context, jobs <-chan blobJob, asks chan<- ask) {
	r := t.packs.reader(t.cache)
	reply := make(chan answer, 1)
	var findings []scanner.Finding // one list for each blob's findings in turn (see ScanUnitInto)
	for j := range jobs {
		if ctx.Err() != nil {
			continue // drain, so that the owner can stop
		}
		u, ok := t.load(r, j)
		if !ok {
			select {
			case asks <- ask{j, reply}:
			case <-ctx.Done():
				continue
			}
			a := <-reply
			if u, ok = a.unit, a.ok; !ok {
				continue
			}
		}
		if u.Data == nil && u.Open == nil {
			continue // unreadable, reported
		}
		// A large blob is read in windows: stop between them when the
		// scan is interrupted.
		res := t.eng.ScanUnitInto(ctx, u, findings)
		t.record(res) // keeps numbers for the findings, not the list
		if cap(res.Findings) <= maxKeptFindings {
			findings = res.Findings[:0]
		}
	}
}

// maxKeptFindings bounds the list a worker keeps from blob to blob: a
// blob of more findings (a file of 200,000 keys) gets a list of its own.
// The keys history's 50,000 a version are kept.
const maxKeptFindings = 1 << 16

// load reads a blob from the packs. ok is false when the owner must read
// it instead; an unreadable blob is reported and comes back with neither
// Data nor Open.
func (t *tally) load(r *packReader, j blobJob) (scanner.Unit, bool) {
	u := scanner.Unit{Path: j.path, Tag: blobTag{j.id, j.hash}}
	typ, data, err := r.read(j.hash)
	switch {
	case errors.Is(err, errNotPacked):
		return u, false
	case err == nil && typ != plumbing.BlobObject:
		err = fmt.Errorf("object %s is a %s, not a blob", j.hash, typ)
	}
	if err != nil {
		t.fail(fmt.Sprintf("%s (blob %s)", j.path, j.hash), err)
		return u, true
	}
	u.Data = data
	return u, true
}

// answer reads a blob for a worker, through go-git or the large reader. A
// large one go-git streams is streamed on through a pipe: the owner
// copies into it until the worker has read it all or closed it. A version
// the large reader built is in memory: the worker reads it alone, and
// the owner goes back to answering. (Piped too, it held the owner for as
// long as the worker took to scan it, and two workers scanned the
// versions of a big file one at a time: 9.1 s against 7.8 s with one.)
func (h *owner) answer(a ask) {
	u, ok, streamed := h.unit(a.job.hash, a.job.path, a.job.id)
	if !ok || !streamed {
		a.reply <- answer{u, ok}
		return
	}
	src, err := u.Open()
	if err != nil {
		a.reply <- answer{scanner.Unit{Path: u.Path, Tag: u.Tag, Err: err}, true}
		return
	}
	defer src.Close()
	pr, pw := io.Pipe()
	u.Open = func() (io.ReadCloser, error) { return pr, nil }
	a.reply <- answer{u, true}
	_, err = io.Copy(pw, src)
	pw.CloseWithError(err) // nil: EOF to the reader
}
