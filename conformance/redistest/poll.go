package redistest

import (
	"context"
	"errors"
	"fmt"
	"time"
)

// pollInterval is short enough that readiness is noticed within a few tens of
// milliseconds and long enough not to load a 2-core machine.
const pollInterval = 20 * time.Millisecond

// poll calls try until it returns nil, returns a permanent error, ctx ends or
// limit passes. The hard limit exists so that a caller passing
// context.Background() still never waits forever.
func poll(ctx context.Context, limit time.Duration, what string, try func(context.Context) error) error {
	ctx, cancel := context.WithTimeout(ctx, limit)
	defer cancel()
	t := time.NewTicker(pollInterval)
	defer t.Stop()
	for {
		err := try(ctx)
		if err == nil {
			return nil
		}
		var perm permanentError
		if errors.As(err, &perm) {
			return fmt.Errorf("redistest: %s: %w", what, perm.err)
		}
		select {
		case <-ctx.Done():
			return fmt.Errorf("redistest: %s: %w (last: %v)", what, ctx.Err(), err)
		case <-t.C:
		}
	}
}

// callTimeout bounds each probe inside a poll loop, so one frozen server
// cannot eat the whole budget.
const callTimeout = 500 * time.Millisecond

func doWithin(ctx context.Context, d time.Duration, addr string, args ...string) (any, error) {
	ctx, cancel := context.WithTimeout(ctx, d)
	defer cancel()
	return Do(ctx, addr, args...)
}
