package redpipe

import (
	"testing"
	"time"
)

// The adaptive limit allows as many backend Execs in flight as one round
// trip holds departure gaps, between the configured floor and the cap; a
// fixed limit never moves.
func TestCoalescingLimitFollowsTheRoundTrip(t *testing.T) {
	adaptive := newCoalescer(okBackend{}, coalesceLimits{inFlight: 2, commands: 10, adaptive: true})
	fixed := newCoalescer(okBackend{}, coalesceLimits{inFlight: 2, commands: 10})
	for _, c := range []struct {
		roundTrip     time.Duration
		adaptive, fix int
	}{
		{0, 2, 2},
		{150 * time.Microsecond, 2, 2},
		{time.Millisecond, 10, 2},
		{2500 * time.Microsecond, 25, 2},
		{time.Second, maxAdaptiveInFlight, 2},
	} {
		adaptive.roundTrip.Store(int64(c.roundTrip))
		fixed.roundTrip.Store(int64(c.roundTrip))
		if got := adaptive.limit(); got != c.adaptive {
			t.Errorf("adaptive, round trip %v: limit %d, want %d", c.roundTrip, got, c.adaptive)
		}
		if got := fixed.limit(); got != c.fix {
			t.Errorf("fixed, round trip %v: limit %d, want %d", c.roundTrip, got, c.fix)
		}
	}
}

// The running average moves an eighth of the way to each backend Exec's
// duration.
func TestCoalescingRoundTripAverage(t *testing.T) {
	c := newCoalescer(okBackend{}, coalesceLimits{inFlight: 2, commands: 10, adaptive: true})
	c.roundTrip.Store(int64(800 * time.Microsecond))
	c.timed(func() {}) // about 0 ns
	got := time.Duration(c.roundTrip.Load())
	if got < 699*time.Microsecond || got > 701*time.Microsecond {
		t.Errorf("after an Exec of ~0 s the average is %v, want ~700µs (800 - 800/8)", got)
	}
}
