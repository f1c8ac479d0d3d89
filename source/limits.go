package source

import (
	"context"
	"fmt"
	"time"
)

// Limits says what a listing does when the host's API rate limit is
// reached: wait for the reset, saying so, or stop with an error.
type Limits struct {
	// Fail stops the listing with a RateLimitError instead of waiting.
	Fail bool
	// Notify is told, in one line, that the listing waits and until when.
	Notify func(string)
	// Now and Sleep are the clock (time.Now and a context-aware sleep when nil).
	Now   func() time.Time
	Sleep func(context.Context, time.Duration) error
}

// RateLimitError says the host's rate limit stopped a listing.
type RateLimitError struct {
	Host  string
	Reset time.Time
}

func (e *RateLimitError) Error() string {
	return fmt.Sprintf("%s API rate limit exceeded until %s (wait, or use a token with a higher limit)",
		e.Host, e.Reset.UTC().Format(time.RFC3339))
}

// Wait blocks until reset (plus a second, as reset times are whole
// seconds), or returns a RateLimitError when l.Fail is set.
func (l Limits) Wait(ctx context.Context, host string, reset time.Time) error {
	if l.Fail {
		return &RateLimitError{Host: host, Reset: reset}
	}
	now := time.Now
	if l.Now != nil {
		now = l.Now
	}
	d := max(reset.Sub(now())+time.Second, time.Second)
	if l.Notify != nil {
		l.Notify(fmt.Sprintf("%s API rate limit reached: waiting %s, until %s",
			host, d.Round(time.Second), reset.UTC().Format(time.TimeOnly+" MST")))
	}
	if l.Sleep != nil {
		return l.Sleep(ctx, d)
	}
	t := time.NewTimer(d)
	defer t.Stop()
	select {
	case <-ctx.Done():
		return ctx.Err()
	case <-t.C:
		return nil
	}
}
