package lazypin

import (
	"context"
	"sync"

	"github.com/redpipe-go/redpipe/ports"
)

// Pin is one pinned connection's state. Set its fields before first use
// and do not copy it afterwards.
type Pin[C any] struct {
	// Bind gives the connection at the first Exec (the first Acquire that
	// gets that far), from that batch. Binds run one at a time, other
	// Execs waiting for the one under way, but Release does not wait for
	// it. An error leaves the Pin unbound; the next Exec tries again.
	Bind func(ctx context.Context, cmds []ports.Command) (C, error)
	// Check, when set, may refuse a later batch on the bound connection
	// (keys of another shard, a connection known broken). It runs locked.
	Check func(conn C, cmds []ports.Command) error
	// Close gives the connection back, once, after Release, when no Exec
	// is using it. It runs locked, and only if the Pin was bound.
	Close func(conn C)
	// Released is the error of an Exec after Release.
	Released error

	binding  sync.Mutex // held across Bind
	mu       sync.Mutex // guards what follows; never held across Bind
	conn     C
	bound    bool
	busy     int // Execs that acquired the connection and have not called Done
	released bool
}

// Acquire returns the connection for one Exec, binding it first if need
// be, and counts the Exec as using it until Done. It fails, with nothing to
// call Done for, after Release (Released), when ctx has ended (ctx.Err()),
// or when Bind or Check refuse the batch.
func (p *Pin[C]) Acquire(ctx context.Context, cmds []ports.Command) (C, error) {
	p.mu.Lock()
	if !p.bound || p.released {
		p.mu.Unlock()
		return p.bind(ctx, cmds)
	}
	defer p.mu.Unlock()
	return p.use(ctx, cmds)
}

// use counts one more Exec on the bound connection. Caller holds p.mu.
func (p *Pin[C]) use(ctx context.Context, cmds []ports.Command) (C, error) {
	var zero C
	if p.released {
		return zero, p.Released
	}
	if err := ctx.Err(); err != nil {
		return zero, err
	}
	if p.Check != nil {
		if err := p.Check(p.conn, cmds); err != nil {
			return zero, err
		}
	}
	p.busy++
	return p.conn, nil
}

// bind runs Bind, one at a time, without p.mu: Release never waits for a
// Bind that waits for a server. A connection bound after Release is given
// back at once.
func (p *Pin[C]) bind(ctx context.Context, cmds []ports.Command) (C, error) {
	var zero C
	p.binding.Lock()
	defer p.binding.Unlock()
	p.mu.Lock()
	if p.bound || p.released {
		defer p.mu.Unlock()
		return p.use(ctx, cmds) // another Exec bound it meanwhile, or Release came
	}
	if err := ctx.Err(); err != nil {
		p.mu.Unlock()
		return zero, err
	}
	p.mu.Unlock()
	c, err := p.Bind(ctx, cmds)
	if err != nil {
		return zero, err
	}
	p.mu.Lock()
	defer p.mu.Unlock()
	p.conn, p.bound = c, true
	if p.released {
		p.Close(c)
		return zero, p.Released
	}
	p.busy++
	return c, nil
}

// BindNow binds the Pin to conn at once: for a connection taken at Pin
// rather than at the first Exec. Call it before the Pin is shared.
func (p *Pin[C]) BindNow(conn C) {
	p.mu.Lock()
	defer p.mu.Unlock()
	p.conn, p.bound = conn, true
}

// Bound returns the connection and true once the Pin is bound.
func (p *Pin[C]) Bound() (C, bool) {
	p.mu.Lock()
	defer p.mu.Unlock()
	return p.conn, p.bound
}

// Done ends the use Acquire counted. The last one after Release gives the
// connection back.
func (p *Pin[C]) Done() {
	p.mu.Lock()
	defer p.mu.Unlock()
	p.busy--
	if p.released && p.busy == 0 && p.bound {
		p.Close(p.conn)
	}
}

// Release refuses every later Exec and gives the connection back, at once
// or when the last Exec using it is done. Releasing twice is harmless.
func (p *Pin[C]) Release() {
	p.mu.Lock()
	defer p.mu.Unlock()
	if p.released {
		return
	}
	p.released = true
	if p.busy == 0 && p.bound {
		p.Close(p.conn)
	}
}
