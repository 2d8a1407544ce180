package cluster

import (
	"context"
	"errors"
	"fmt"
	"sync"

	"github.com/redpipe-go/redpipe/domain"
	"github.com/redpipe-go/redpipe/internal/fill"
	"github.com/redpipe-go/redpipe/ports"
)

var _ ports.Pinner = (*Router)(nil)

var (
	errPinnedReleased = errors.New("cluster: Exec on a pinned connection after Release")
	errPinNoKey       = errors.New("cluster: a pinned connection picks its node by the first key of its first Exec, and this batch has no key")
)

// Pin returns a dedicated connection to the master serving the slot of the
// first key of the pinned connection's first Exec: a connection of that
// node's backend, which must implement ports.Pinner (every adapter of this
// module does). A pinned connection follows no redirect: its state (WATCH,
// MULTI) lives on the connection and cannot move with a command, so a key
// of another node gets Redis's MOVED reply.
func (r *Router) Pin(ctx context.Context) (ports.Pinned, error) {
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	r.rmu.Lock()
	closed := r.closed
	r.rmu.Unlock()
	if closed {
		return nil, errClosed
	}
	return &pinned{r: r}, nil
}

// pinned binds, at its first Exec, to a Pinned of one node backend and
// hands every Exec to it; ordering and discarding a broken connection are
// that adapter's job.
type pinned struct {
	r *Router

	mu       sync.Mutex
	conn     ports.Pinned
	released bool
}

func (p *pinned) Exec(ctx context.Context, cmds []ports.Command, out []ports.Result) {
	if len(cmds) == 0 {
		return
	}
	p.mu.Lock()
	if p.released {
		p.mu.Unlock()
		fill.All(out, errPinnedReleased)
		return
	}
	if p.conn == nil {
		if err := p.bind(ctx, cmds); err != nil {
			p.mu.Unlock()
			fill.All(out, err)
			return
		}
	}
	conn := p.conn
	p.mu.Unlock()
	conn.Exec(ctx, cmds, out)
}

// bind pins a connection of the master serving the batch's first key.
// Caller holds p.mu.
func (p *pinned) bind(ctx context.Context, cmds []ports.Command) error {
	key, ok := ports.FirstKey(cmds)
	if !ok {
		return errPinNoKey
	}
	slot := domain.Slot(key)
	sh := p.r.slots.Load().slots[slot]
	if sh == nil {
		return &ports.TransportError{Err: fmt.Errorf("cluster: no node serves slot %d", slot)}
	}
	node, err := p.r.nodes.get(sh.master)
	if err != nil {
		return &ports.TransportError{Err: err}
	}
	pinner, ok := node.(ports.Pinner)
	if !ok {
		return fmt.Errorf("cluster: the backend of node %s (%T) does not implement ports.Pinner", sh.master, node)
	}
	conn, err := pinner.Pin(ctx)
	if err != nil {
		return err
	}
	p.conn = conn
	return nil
}

// Release gives the node's connection back; Release twice is harmless.
func (p *pinned) Release() {
	p.mu.Lock()
	defer p.mu.Unlock()
	if p.released {
		return
	}
	p.released = true
	if p.conn != nil {
		p.conn.Release()
	}
}
