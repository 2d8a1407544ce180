package cluster

import (
	"context"
	"errors"
	"fmt"

	"github.com/redpipe-go/redpipe/domain"
	"github.com/redpipe-go/redpipe/internal/fill"
	"github.com/redpipe-go/redpipe/internal/lazypin"
	"github.com/redpipe-go/redpipe/internal/untilctx"
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
	p := &pinned{r: r}
	p.pin.Released = errPinnedReleased
	p.pin.Bind = p.bind
	p.pin.Close = func(conn ports.Pinned) { conn.Release() }
	return p, nil
}

// pinned binds, at its first Exec, to a Pinned of one node backend
// (lazypin) and hands every Exec to it; ordering and discarding a broken
// connection are that adapter's job.
type pinned struct {
	r   *Router
	pin lazypin.Pin[ports.Pinned]
}

var (
	_ ports.Pinned           = (*pinned)(nil)
	_ ports.ContextHonouring = (*pinned)(nil)
)

// HonoursContext is true: binding to a node (which may make its backend)
// and an Exec on a node's pinned connection that does not honour ctx run
// under untilctx, abandoned at ctx's end.
func (p *pinned) HonoursContext() bool { return true }

func (p *pinned) Exec(ctx context.Context, cmds []ports.Command, out []ports.Result) {
	if len(cmds) == 0 {
		return
	}
	if err := ctx.Err(); err != nil {
		fill.All(out, err) // nothing sent
		return
	}
	untilctx.Exec(ctx, acquired{p}, cmds, out, nil)
}

// acquired is one Exec of the pinned connection: binding it if need be,
// then the node's Exec. It honours ctx when the node's connection, bound
// already, does.
type acquired struct{ p *pinned }

func (a acquired) HonoursContext() bool {
	conn, ok := a.p.pin.Bound()
	return ok && ports.HonoursContext(conn)
}

func (a acquired) Exec(ctx context.Context, cmds []ports.Command, out []ports.Result) {
	conn, err := a.p.pin.Acquire(ctx, cmds)
	if err != nil {
		fill.All(out, err)
		return
	}
	// Done once the node's Exec has returned, also when abandoned: the
	// node's connection is released only after it.
	defer a.p.pin.Done()
	conn.Exec(ctx, cmds, out)
}

// bind pins a connection of the master serving the batch's first key.
func (p *pinned) bind(ctx context.Context, cmds []ports.Command) (ports.Pinned, error) {
	key, ok := ports.FirstKey(cmds)
	if !ok {
		return nil, errPinNoKey
	}
	slot := domain.Slot(key)
	sh := p.r.slots.Load().slots[slot]
	if sh == nil {
		return nil, &ports.TransportError{Err: fmt.Errorf("cluster: no node serves slot %d", slot)}
	}
	node, err := p.r.nodes.get(sh.master)
	if err != nil {
		return nil, &ports.TransportError{Err: err}
	}
	pinner, ok := node.(ports.Pinner)
	if !ok {
		return nil, fmt.Errorf("cluster: the backend of node %s (%T) does not implement ports.Pinner", sh.master, node)
	}
	return pinner.Pin(ctx)
}

// Release gives the node's connection back, once no Exec uses it;
// Release twice is harmless.
func (p *pinned) Release() { p.pin.Release() }
