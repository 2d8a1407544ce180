package redpipe

import (
	"context"
	"slices"
	"sync"
	"sync/atomic"
	"time"

	"github.com/redpipe-go/redpipe/domain"
	"github.com/redpipe-go/redpipe/internal/fill"
	"github.com/redpipe-go/redpipe/internal/untilctx"
	"github.com/redpipe-go/redpipe/ports"
)

// coalesceLimits are WithCoalescingLimits's bounds. adaptive (WithCoalescing)
// lets the in-flight limit grow from inFlight with the backend's round
// trip, up to maxAdaptiveInFlight.
type coalesceLimits struct {
	inFlight, commands int
	adaptive           bool
}

// departureGap is what an adaptive coalescer aims at between two backend
// Execs leaving: it allows as many in flight as one round trip holds gaps
// (its running average duration over departureGap), so a waiting Exec
// waits about a gap whatever the round trip. On loopback a round trip is
// a gap or two, and few Execs in flight make groups big; on a 1 ms link
// about ten go out at once, as many as the driver's pool keeps busy
// without coalescing, and waiting stays short.
const (
	departureGap        = 100 * time.Microsecond
	maxAdaptiveInFlight = 64
)

// coalescer is the innermost link of a WithCoalescing connection's send
// chain, right above the backend, so that the links above it (the
// MULTI/EXEC wrapper, the NOSCRIPT follow-up) still see one Exec each.
// It is always a BlockExecer, so that transactions reach it with their
// blocks marked and can be merged as units.
type coalescer struct {
	next   ports.Backend
	blocks ports.BlockExecer // nil when next runs a batch on one connection anyway
	limits coalesceLimits

	mu       sync.Mutex
	inFlight int // backend Execs under way
	queue    []*waiter
	// roundTrip is the running average duration of a backend Exec, in
	// nanoseconds, for the adaptive limit.
	roundTrip atomic.Int64
}

// limit is how many backend Execs may be in flight now.
func (c *coalescer) limit() int {
	if !c.limits.adaptive {
		return c.limits.inFlight
	}
	n := int(time.Duration(c.roundTrip.Load()) / departureGap)
	return min(max(n, c.limits.inFlight), maxAdaptiveInFlight)
}

// timed runs one backend Exec and, when the limit adapts, adds its
// duration to the running average (weight 1/8; a lost update between two
// goroutines only delays the average).
func (c *coalescer) timed(send func()) {
	if !c.limits.adaptive {
		send()
		return
	}
	start := time.Now()
	send()
	c.observe(time.Since(start))
}

// observe adds one backend Exec's duration d to the running average.
func (c *coalescer) observe(d time.Duration) {
	avg := c.roundTrip.Load()
	c.roundTrip.Store(avg + (int64(d)-avg)/8)
}

var (
	_ ports.Backend          = (*coalescer)(nil)
	_ ports.BlockExecer      = (*coalescer)(nil)
	_ ports.ContextHonouring = (*coalescer)(nil)
)

func newCoalescer(next ports.Backend, limits coalesceLimits) *coalescer {
	c := &coalescer{next: next, limits: limits}
	c.blocks, _ = next.(ports.BlockExecer)
	return c
}

// HonoursContext: an Exec that waits returns when its ctx ends, and one
// sent at once over a backend that ignores ctx runs under untilctx here
// (where the coalescer can still tell "waited, never sent" from "handed to
// the backend"), so the layers above add no goroutine of their own.
func (c *coalescer) HonoursContext() bool { return true }

func (c *coalescer) Exec(ctx context.Context, cmds []ports.Command, out []ports.Result) {
	c.send(ctx, cmds, nil, out)
}

func (c *coalescer) ExecBlocks(ctx context.Context, cmds []ports.Command, blocks []ports.Block, out []ports.Result) {
	c.send(ctx, cmds, blocks, out)
}

// waiter is one Exec waiting in the queue or in a merged batch.
type waiter struct {
	ctx    context.Context
	cmds   []ports.Command
	blocks []ports.Block
	out    []ports.Result
	state  atomic.Uint32
	done   chan struct{} // closed once out is filled, by whoever filled it
}

const (
	waiting   uint32 = iota // in the queue: nothing of it sent
	taken                   // in a batch handed to the backend
	delivered               // its results copied into out
	abandoned               // its ctx ended while it was in flight
)

func (c *coalescer) send(ctx context.Context, cmds []ports.Command, blocks []ports.Block, out []ports.Result) {
	if len(cmds) == 0 {
		return
	}
	if !mergeable(cmds, blocks) {
		c.now(ctx, cmds, blocks, out, nil)
		return
	}
	c.mu.Lock()
	if c.inFlight < c.limit() {
		c.inFlight++
		c.mu.Unlock()
		c.now(ctx, cmds, blocks, out, c.finished)
		return
	}
	// The waiter keeps a copy of cmds: it may be sent after its Exec has
	// returned (abandoned at its ctx), when the caller reuses its queue.
	w := &waiter{ctx: ctx, cmds: slices.Clone(cmds), blocks: blocks, out: out, done: make(chan struct{})}
	c.queue = append(c.queue, w)
	c.mu.Unlock()

	select {
	case <-w.done:
		return
	case <-ctx.Done():
	}
	c.mu.Lock()
	if w.state.Load() == waiting {
		c.remove(w)
		c.mu.Unlock()
		fill.Ended(out, ctx.Err(), false)
		return
	}
	c.mu.Unlock()
	if w.state.CompareAndSwap(taken, abandoned) {
		// The merged batch may have written it; its results, when they
		// come, are dropped.
		fill.Ended(out, ctx.Err(), true)
		return
	}
	<-w.done // being delivered right now
}

// now sends one Exec's batch at once, as it is, and calls then (if set)
// when the backend has returned — even when it panicked, even after ctx
// ended and the caller went.
func (c *coalescer) now(ctx context.Context, cmds []ports.Command, blocks []ports.Block, out []ports.Result, then func()) {
	ports.BatchReportFrom(ctx).Coalesced(1) // alone in its backend call
	if ctx.Done() == nil || ports.HonoursContext(c.next) {
		if then != nil {
			defer then()
		}
		c.timed(func() { c.direct(ctx, cmds, blocks, out) })
		return
	}
	// Abandoned at ctx, the backend goes on reading: it gets copies, so
	// that returning leaves nothing of the caller's in use (what
	// HonoursContext promises the layers above).
	own := make([]ports.Result, len(out))
	cmds = slices.Clone(cmds)
	err := untilctx.Run(ctx, func() {
		if then != nil {
			defer then()
		}
		c.timed(func() { c.sendRecovered(ctx, cmds, blocks, own) })
	})
	if err != nil {
		fill.Ended(out, err, true)
		return
	}
	copy(out, own)
}

// direct sends one Exec's batch as it is.
func (c *coalescer) direct(ctx context.Context, cmds []ports.Command, blocks []ports.Block, out []ports.Result) {
	if len(blocks) > 0 && c.blocks != nil {
		c.blocks.ExecBlocks(ctx, cmds, blocks, out)
		return
	}
	c.next.Exec(ctx, cmds, out)
}

// finished ends one backend Exec sent by its caller; what queued behind
// it goes out on a goroutine of its own (the caller has its results and
// returns).
func (c *coalescer) finished() {
	c.mu.Lock()
	if len(c.queue) == 0 {
		c.inFlight--
		c.mu.Unlock()
		return
	}
	g := c.take()
	more := c.takeMore()
	c.mu.Unlock()
	go c.flush(g)
	c.flushAll(more)
}

// takeMore takes a group for every slot the limit has free beyond the
// ones in use (the adaptive limit grew). Called with c.mu held.
func (c *coalescer) takeMore() [][]*waiter {
	var gs [][]*waiter
	for len(c.queue) > 0 && c.inFlight < c.limit() {
		c.inFlight++
		gs = append(gs, c.take())
	}
	return gs
}

func (c *coalescer) flushAll(gs [][]*waiter) {
	for _, g := range gs {
		go c.flush(g)
	}
}

// flush sends group after group until the queue is empty, as one of the
// connection's in-flight backend Execs.
func (c *coalescer) flush(g []*waiter) {
	for {
		c.sendGroup(g)
		c.mu.Lock()
		if len(c.queue) == 0 {
			c.inFlight--
			c.mu.Unlock()
			return
		}
		g = c.take()
		more := c.takeMore()
		c.mu.Unlock()
		c.flushAll(more)
	}
}

// take removes the next group from the queue: waiters in arrival order up
// to the command limit (at least one). A waiter whose ctx already ended
// is resolved here, never sent. Called with c.mu held.
func (c *coalescer) take() []*waiter {
	var g []*waiter
	n, k := 0, 0
	for ; k < len(c.queue); k++ {
		w := c.queue[k]
		if err := w.ctx.Err(); err != nil {
			w.state.Store(delivered)
			fill.Ended(w.out, err, false)
			close(w.done)
			continue
		}
		if len(g) > 0 && n+len(w.cmds) > c.limits.commands {
			break
		}
		w.state.Store(taken)
		g = append(g, w)
		n += len(w.cmds)
	}
	rest := copy(c.queue, c.queue[k:])
	clear(c.queue[rest:])
	c.queue = c.queue[:rest]
	return g
}

// remove takes w out of the queue. Called with c.mu held.
func (c *coalescer) remove(w *waiter) {
	for i, q := range c.queue {
		if q == w {
			c.queue = slices.Delete(c.queue, i, i+1) // clears the freed slot
			return
		}
	}
}

// sendGroup sends the group's batches as one backend Exec and gives each
// waiter still waiting its own slice of the results. It runs on flush's
// goroutine, so a panic of the backend is caught here and fails the
// group's commands as outcome unknown, like conn.exec does for a caller.
func (c *coalescer) sendGroup(g []*waiter) {
	if len(g) == 0 {
		return
	}
	cmds, blocks := g[0].cmds, g[0].blocks
	if len(g) > 1 {
		n := 0
		for _, w := range g {
			n += len(w.cmds)
		}
		cmds = make([]ports.Command, 0, n)
		blocks = nil
		for _, w := range g {
			off := len(cmds)
			cmds = append(cmds, w.cmds...)
			for _, b := range w.blocks {
				blocks = append(blocks, ports.Block{Start: b.Start + off, End: b.End + off})
			}
		}
	}
	for _, w := range g {
		ports.BatchReportFrom(w.ctx).Coalesced(len(g))
	}
	out := make([]ports.Result, len(cmds))
	ctx, stop := groupContext(g)
	c.timed(func() { c.sendRecovered(ctx, cmds, blocks, out) })
	stop()
	off := 0
	for _, w := range g {
		res := out[off : off+len(w.cmds)]
		off += len(w.cmds)
		if w.state.CompareAndSwap(taken, delivered) {
			copy(w.out, res)
			close(w.done)
		}
	}
}

func (c *coalescer) sendRecovered(ctx context.Context, cmds []ports.Command, blocks []ports.Block, out []ports.Result) {
	defer recoverBackendPanic(c.next, out)
	c.direct(ctx, cmds, blocks, out)
}

// groupContext is the ctx of a merged batch: it carries the first Exec's
// values (a trace, say), ends only when every Exec of the group has ended
// (each Exec stops waiting at its own ctx anyway), and has the latest of
// their deadlines when each has one, so that a driver still sets its
// socket deadlines.
func groupContext(g []*waiter) (context.Context, func()) {
	if len(g) == 1 {
		return g[0].ctx, func() {}
	}
	base := context.WithoutCancel(g[0].ctx)
	var latest time.Time
	for _, w := range g {
		d, ok := w.ctx.Deadline()
		if !ok {
			latest = time.Time{}
			break
		}
		if d.After(latest) {
			latest = d
		}
	}
	var ctx context.Context
	var cancel context.CancelFunc
	if latest.IsZero() {
		ctx, cancel = context.WithCancel(base)
	} else {
		ctx, cancel = context.WithDeadline(base, latest)
	}
	var left atomic.Int32
	left.Store(int32(len(g)))
	stops := make([]func() bool, len(g))
	for i, w := range g {
		stops[i] = context.AfterFunc(w.ctx, func() {
			if left.Add(-1) == 0 {
				cancel()
			}
		})
	}
	return ctx, func() {
		for _, s := range stops {
			s()
		}
		cancel()
	}
}

// mergeable reports whether a batch may share a backend Exec with others:
// not when it holds a command that can block the connection (everyone
// merged behind it would wait out its timeout) or changes the
// connection's state for the commands after it (WATCH, SELECT, a MULTI not
// marked as a block, ...).
func mergeable(cmds []ports.Command, blocks []ports.Block) bool {
	for i := range cmds {
		name := cmds[i].Name()
		if domain.Blocks(cmds[i].Args) || (blocks == nil && domain.ChangesConnection(name)) || (blocks != nil && changesConnectionOutsideTx(name)) {
			return false
		}
	}
	return true
}

// changesConnectionOutsideTx: in a batch whose transactions are marked as
// blocks, MULTI and EXEC are those blocks' own.
func changesConnectionOutsideTx(name string) bool {
	return domain.ChangesConnection(name) && !domain.IsTxControl(name)
}
