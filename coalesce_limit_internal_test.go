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
// duration, and timed feeds it what the Exec took.
func TestCoalescingRoundTripAverage(t *testing.T) {
	c := newCoalescer(okBackend{}, coalesceLimits{inFlight: 2, commands: 10, adaptive: true})
	c.roundTrip.Store(int64(800 * time.Microsecond))
	c.observe(0)
	if got := time.Duration(c.roundTrip.Load()); got != 700*time.Microsecond {
		t.Errorf("after an Exec of 0 s the average is %v, want 700µs (800 - 800/8)", got)
	}
	c.observe(1500 * time.Microsecond)
	if got := time.Duration(c.roundTrip.Load()); got != 800*time.Microsecond {
		t.Errorf("after an Exec of 1.5 ms the average is %v, want 800µs (700 + 800/8)", got)
	}
	c.timed(func() { time.Sleep(8 * time.Millisecond) })
	if got := time.Duration(c.roundTrip.Load()); got < 1700*time.Microsecond {
		t.Errorf("after an Exec of at least 8 ms the average is %v, want at least 1.7 ms (800µs + 7.2ms/8)", got)
	}
}
