package soak

import (
	"testing"
	"time"
)

// stallTick is the stall watch's period; a tick later than stallSlack is
// recorded as a stall.
const (
	stallTick  = 10 * time.Millisecond
	stallSlack = 2 * time.Millisecond
	maxStalls  = 10000 // a bound; at one per tick a 60 s load has at most 6000
)

// interval is a stretch of wall-clock time.
type interval struct{ from, to time.Time }

// watchStalls measures how late a 10 ms ticker is served. A goroutine
// that only sleeps is served late when the process as a whole does not
// run: the machine's other work holds the cores, or a GC pause. (Its own
// goroutines cannot starve it for long: they wait on I/O and are
// pre-empted every 10 ms.) An Exec returning late inside such a stretch is
// late because nothing ran; its overrun beyond the stalls is what redpipe
// owes.
func (l *load) watchStalls(end time.Time) {
	t := time.NewTicker(stallTick)
	defer t.Stop()
	last := time.Now()
	for !l.stop.Load() && last.Before(end) {
		<-t.C
		// The time received is when the tick was sent; when it was served
		// is what a stall delays.
		now := time.Now()
		late := now.Sub(last) - stallTick
		if late > l.maxStall {
			l.maxStall, l.maxStallAt = late, last.Sub(l.started)
		}
		if late > stallSlack && len(l.stalls) < maxStalls {
			l.stalls = append(l.stalls, interval{last.Add(stallTick), now})
		}
		last = now
	}
}

// beyondStalls is d's part of [from, to] outside every stall.
func beyondStalls(late interval, stalls []interval) time.Duration {
	d := late.to.Sub(late.from)
	for _, s := range stalls {
		from, to := s.from, s.to
		if late.from.After(from) {
			from = late.from
		}
		if late.to.Before(to) {
			to = late.to
		}
		if to.After(from) {
			d -= to.Sub(from)
		}
	}
	return max(d, 0)
}

func TestBeyondStalls(t *testing.T) {
	at := func(ms int) time.Time { return time.Unix(0, 0).Add(time.Duration(ms) * time.Millisecond) }
	late := interval{at(1000), at(1500)} // an Exec 500 ms late
	for _, tc := range []struct {
		name   string
		stalls []interval
		want   time.Duration
	}{
		{"no stall", nil, 500 * time.Millisecond},
		{"covered", []interval{{at(900), at(1600)}}, 0},
		{"partly", []interval{{at(800), at(1100)}, {at(1400), at(1450)}}, 350 * time.Millisecond},
		{"elsewhere", []interval{{at(0), at(999)}, {at(1501), at(2000)}}, 500 * time.Millisecond},
	} {
		if got := beyondStalls(late, tc.stalls); got != tc.want {
			t.Errorf("%s: %v, want %v", tc.name, got, tc.want)
		}
	}
}
