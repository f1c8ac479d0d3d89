package history

import (
	"context"
	"errors"
	"fmt"

	"github.com/ampscan/ampscan/scanner"
	"github.com/go-git/go-git/v5/plumbing"
	"github.com/sourcegraph/conc"
)

// blobReq is one blob on its way from the walk to the engine: either read
// already (Data set), or packed, to be read by the blob reader.
type blobReq struct {
	unit   scanner.Unit
	packed bool
}

// blobReaderCache bounds the blob reader's cache of inflated objects (delta
// bases, mostly); the walk's reader has its own for trees and commits.
const blobReaderCache = 32 << 20

// Units implements scanner.Source as a two-stage pipeline, so that reading history
// uses more than one core before the engine's workers even start:
//
//   - a walking goroutine owns the repository: it diffs the trees of every
//     commit against its parents, and reads through go-git whatever is not
//     in a pack (loose objects, alternates, large blobs);
//   - this goroutine inflates the packed blobs the walk finds, with its own
//     packReader (no go-git), and hands their bytes to the engine.
//
// When the walk ends, ownership of the repository passes to this goroutine,
// which reads through go-git the few packed blobs its reader could not
// resolve alone. Workers only ever see bytes.
func (h *historyScan) Units(ctx context.Context, emit func(scanner.Unit) error) error {
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()
	reqs := make(chan blobReq, 256)
	send := func(r blobReq) error {
		select {
		case reqs <- r:
			return nil
		case <-ctx.Done():
			return ctx.Err()
		}
	}
	var walkErr error
	var wg conc.WaitGroup
	wg.Go(func() {
		defer close(reqs)
		h.handoff = func(u scanner.Unit) error { return send(blobReq{unit: u, packed: true}) }
		walkErr = h.walk(ctx, func(u scanner.Unit) error { return send(blobReq{unit: u}) })
	})
	reader := h.g.packs.reader(blobReaderCache)
	var retry []scanner.Unit
	var err error
	for req := range reqs {
		if err != nil {
			continue // drain, so that the walk can stop
		}
		u := req.unit
		if req.packed {
			var ok bool
			if u, ok = h.readPacked(reader, u); !ok {
				retry = append(retry, u)
				continue
			}
			if u.Data == nil {
				continue // unreadable, reported
			}
		}
		if err = emit(u); err != nil {
			cancel()
		}
	}
	wg.Wait()
	h.handoff = nil
	if err == nil {
		err = walkErr
	}
	for _, u := range retry {
		if err != nil {
			break
		}
		tag := u.Tag.(blobTag)
		if u, ok := h.unit(tag.hash, u.Path, tag.id); ok && u.Open != nil {
			h.record(h.eng.ScanUnit(u))
		} else if ok {
			err = emit(u)
		}
	}
	return err
}

// readPacked fills a unit from the packs. ok is false when go-git must read
// it instead; an unreadable blob is reported and comes back without Data.
func (h *historyScan) readPacked(r *packReader, u scanner.Unit) (scanner.Unit, bool) {
	tag := u.Tag.(blobTag)
	typ, data, err := r.read(tag.hash)
	switch {
	case errors.Is(err, errNotPacked):
		return u, false
	case err == nil && typ != plumbing.BlobObject:
		err = fmt.Errorf("object %s is a %s, not a blob", tag.hash, typ)
	}
	if err != nil {
		h.fail(fmt.Sprintf("%s (blob %s)", u.Path, tag.hash), err)
		return u, true
	}
	u.Data = data
	return u, true
}
