package scanner

import (
	"context"
	"errors"
	"fmt"
	"io"
	"strings"
	"testing"
	"time"
)

// endless yields units forever, each with one secret key, until ctx ends.
// A generated value the engine does not take for a key (the 14,414th holds
// "666666", a run no key has) is passed over, so that every unit yields
// one finding: a fast run reached it and the test failed.
type endless struct {
	n   int
	eng *Engine
}

func (e *endless) Units(ctx context.Context, emit func(Unit) error) error {
	for {
		e.n++
		path := fmt.Sprintf("f%06d.env", e.n)
		body := []byte(fmt.Sprintf("AMPLITUDE_SECRET_KEY=%016x%016x\n", uint64(e.n)*0x9e3779b97f4a7c15, uint64(e.n)*0xc2b2ae3d27d4eb4f))
		if len(e.eng.ScanBytes(path, body)) != 1 {
			continue
		}
		if err := emit(Unit{Path: path, Data: body}); err != nil {
			return err
		}
	}
}

// TestCollectInterrupted: cancelling a scan returns the report so far, with
// its findings, and the context's error, at once.
func TestCollectInterrupted(t *testing.T) {
	t.Parallel()
	// The catalogue loads before the clock starts: under -race on a busy
	// machine loading it can take most of the 200 ms, leaving no file
	// scanned before the cancel.
	eng := &Engine{Rules: builtin(t), Jobs: 4}
	ctx, cancel := context.WithCancel(context.Background())
	time.AfterFunc(200*time.Millisecond, cancel)
	rep, err := Collect(ctx, eng, &endless{eng: eng}, nil)
	if !errors.Is(err, context.Canceled) || !Interrupted(ctx, err) {
		t.Fatalf("err %v, want the context's", err)
	}
	if rep == nil || len(rep.Findings) == 0 || int64(len(rep.Findings)) != rep.Stats.Files {
		t.Fatalf("report %+v: want the findings of every file scanned so far", rep)
	}
}

// slowReader hands out a large file slowly, window after window.
type slowReader struct{ left int }

func (s *slowReader) Read(p []byte) (int, error) {
	if s.left == 0 {
		return 0, io.EOF
	}
	n := min(len(p), s.left, 4096)
	copy(p, strings.Repeat("x", n))
	s.left -= n
	return n, nil
}

// TestScanUnitStopsBetweenWindows: a large file stops after the window in
// which the context ends, marked interrupted.
func TestScanUnitStopsBetweenWindows(t *testing.T) {
	t.Parallel()
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	eng := &Engine{Rules: builtin(t), ChunkSize: 64 << 10}
	r := eng.ScanUnitContext(ctx, Unit{Path: "big.txt", Open: func() (io.ReadCloser, error) {
		return io.NopCloser(&slowReader{left: 64 << 20}), nil
	}})
	if r.Skipped != skipInterrupted || r.Bytes > 1<<20 {
		t.Errorf("skipped %q after %d bytes: want %q after one window", r.Skipped, r.Bytes, skipInterrupted)
	}
}

// panicking offers units that make a worker panic when it opens them.
type panicking struct{}

func (panicking) Units(ctx context.Context, emit func(Unit) error) error {
	for i := range 10_000 {
		open := func() (io.ReadCloser, error) { panic("open failed badly") }
		if err := emit(Unit{Path: fmt.Sprintf("f%05d", i), Open: open}); err != nil {
			return err
		}
	}
	return nil
}

// TestRunPanicDoesNotHang: once its workers panic, Run stops the source
// (which would otherwise wait on a queue no one reads) and passes the
// panic on.
func TestRunPanicDoesNotHang(t *testing.T) {
	t.Parallel()
	eng := &Engine{Rules: builtin(t), Jobs: 2}
	done := make(chan any, 1)
	go func() {
		defer func() { done <- recover() }()
		_ = eng.Run(context.Background(), panicking{}, func(Result) {})
	}()
	select {
	case r := <-done:
		if r == nil {
			t.Fatal("Run returned without passing the workers' panic on")
		}
	case <-time.After(30 * time.Second):
		t.Fatal("Run hung after its workers panicked")
	}
}
