package scanner

import (
	"bufio"
	"bytes"
	"cmp"
	"crypto/sha256"
	"errors"
	"hash"
	"io"
	"slices"
)

// Notice is something a reviewer must see although it is not a credential:
// a range that changes the scanner's own configuration, or adds an inline
// marker. Writers show notices beside the findings; they do not fail a scan.
type Notice struct {
	// Kind is a stable id: one of the Notice* constants.
	Kind string
	// Path is the file concerned, relative to the repository root; Line is
	// 1-based, or 0 when the notice is about the whole file.
	Path string
	Line int
	// Message says what changed and what ampscan did about it. It never
	// holds file content.
	Message string
}

// Notice kinds.
const (
	NoticeConfigChanged = "config-changed"
	NoticeMarkerAdded   = "allow-marker-added"
)

// SortNotices orders notices by path, line and kind, for stable output.
func SortNotices(ns []Notice) {
	slices.SortStableFunc(ns, func(a, b Notice) int {
		return cmp.Or(cmp.Compare(a.Path, b.Path), cmp.Compare(a.Line, b.Line), cmp.Compare(a.Kind, b.Kind))
	})
}

// AddedMarkerLines returns the numbers (1-based) of the lines of newer that
// hold InlineMarker and are not lines of older (compared whole, as a
// multiset, so a marker line that only moved is not new). older may be nil
// for a new file. Lines of any length are read in bounded memory.
func AddedMarkerLines(older, newer io.Reader) ([]int, error) {
	before := map[[sha256.Size]byte]int{}
	if older != nil {
		err := markerLines(older, func(_ int, sum [sha256.Size]byte) { before[sum]++ })
		if err != nil {
			return nil, err
		}
	}
	var added []int
	err := markerLines(newer, func(n int, sum [sha256.Size]byte) {
		if before[sum] > 0 {
			before[sum]--
			return
		}
		added = append(added, n)
	})
	return added, err
}

// markerLines calls fn with the number and content hash of each line of r
// that holds InlineMarker (case-insensitively).
func markerLines(r io.Reader, fn func(line int, sum [sha256.Size]byte)) error {
	br := bufio.NewReaderSize(r, 64<<10)
	var (
		line = 1
		h    = sha256.New()
		hit  bool
		// tail keeps the end of the line read so far, so that a marker cut
		// by a buffer boundary is still seen.
		tail []byte
	)
	for {
		frag, err := br.ReadSlice('\n')
		if len(frag) > 0 {
			h.Write(bytes.TrimRight(frag, "\r\n"))
			joined := append(tail, frag...)
			hit = hit || containsFold(joined, InlineMarker)
			tail = append(tail[:0], joined[max(0, len(joined)-len(InlineMarker)+1):]...)
		}
		switch {
		case errors.Is(err, bufio.ErrBufferFull):
			continue
		case err != nil && !errors.Is(err, io.EOF):
			return err
		}
		if err != nil || frag[len(frag)-1] == '\n' {
			emitLine(h, hit, line, fn)
			line++
			h.Reset()
			hit, tail = false, tail[:0]
		}
		if err != nil {
			return nil
		}
	}
}

func emitLine(h hash.Hash, hit bool, line int, fn func(int, [sha256.Size]byte)) {
	if !hit {
		return
	}
	var sum [sha256.Size]byte
	h.Sum(sum[:0])
	fn(line, sum)
}
