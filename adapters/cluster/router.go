package cluster

import (
	"context"
	"errors"
	"io"
	"sync"
	"sync/atomic"
	"time"

	"github.com/redpipe-go/redpipe/internal/fill"
	"github.com/redpipe-go/redpipe/ports"
)

// Router is a ports.Backend over a whole Redis Cluster, built from one
// backend per node. It is safe for concurrent use. Close it when done: it
// stops the background refresh and closes the node backends it made.
type Router struct {
	opts  Options
	nodes nodes
	slots atomic.Pointer[slotMap]
	mapMu sync.Mutex // orders writers of slots (refresh and MOVED)

	rmu         sync.Mutex
	inflight    *refreshCall
	lastRefresh time.Time
	closed      bool

	base   context.Context // ends at Close: background work stops with it
	cancel context.CancelFunc
	wg     sync.WaitGroup
}

var (
	_ ports.Backend          = (*Router)(nil)
	_ ports.BlockExecer      = (*Router)(nil)
	_ ports.ContextHonouring = (*Router)(nil)
	_ io.Closer              = (*Router)(nil)
)

// New learns the slot map from the seeds and returns a router. It fails
// when no seed gives a map before ctx ends.
func New(ctx context.Context, opts Options) (*Router, error) {
	opts, err := opts.withDefaults()
	if err != nil {
		return nil, err
	}
	r := &Router{opts: opts, nodes: nodes{newNode: opts.NewNode}}
	r.base, r.cancel = context.WithCancel(context.Background())
	if err := r.load(ctx); err != nil {
		r.cancel()
		return nil, errors.Join(err, r.nodes.close())
	}
	r.lastRefresh = time.Now()
	if opts.RefreshInterval > 0 {
		r.wg.Add(1)
		go r.refreshLoop(opts.RefreshInterval)
	}
	return r, nil
}

// Close stops the background refresh, waits for it, and closes the node
// backends that implement io.Closer. Exec after Close fails every command.
func (r *Router) Close() error {
	r.rmu.Lock()
	if r.closed {
		r.rmu.Unlock()
		return nil
	}
	r.closed = true
	r.rmu.Unlock()
	r.cancel()
	r.wg.Wait()
	return r.nodes.close()
}

// HonoursContext is true: the router returns at ctx's end whatever its
// node backends do. It waits for one that honours ctx itself with no
// goroutine and wait of its own, and abandons one that does not lateGrace
// after ctx's end (see sendRound); its refreshes and backoffs wait on ctx.
// A layer above need not wrap it.
func (r *Router) HonoursContext() bool { return true }

// Exec routes each command to the node serving its slot; see the package
// documentation for what is split, refused, redirected and retried.
// MULTI ... EXEC blocks of a batch built by hand are found with
// ports.FindBlocks; redpipe names them itself through ExecBlocks.
func (r *Router) Exec(ctx context.Context, cmds []ports.Command, out []ports.Result) {
	r.exec(ctx, cmds, ports.FindBlocks(cmds), out)
}

// ExecBlocks is Exec for a batch whose MULTI ... EXEC blocks are given:
// each runs whole on the master of its slot, or, when its keys span slots,
// is not sent, every command of it failing with ErrCrossSlot.
func (r *Router) ExecBlocks(ctx context.Context, cmds []ports.Command, blocks []ports.Block, out []ports.Result) {
	r.exec(ctx, cmds, blocks, out)
}

// exec is Exec with the batch's blocks.
func (r *Router) exec(ctx context.Context, cmds []ports.Command, blocks []ports.Block, out []ports.Result) {
	if len(out) < len(cmds) {
		cmds = cmds[:len(out)] // a caller bug; filling what exists beats a panic
	}
	if err := ctx.Err(); err != nil {
		fill.All(out[:len(cmds)], err)
		return
	}
	r.rmu.Lock()
	closed := r.closed
	r.rmu.Unlock()
	if closed {
		fill.All(out[:len(cmds)], errClosed)
		return
	}
	units, splits := plan(cmds, blocks, out)
	r.run(ctx, units)
	for _, u := range units {
		for j, i := range u.idx {
			out[i] = u.res[j]
		}
	}
	for _, s := range splits {
		out[s.at] = s.merge()
	}
}

func (r *Router) setSlots(m *slotMap) {
	r.mapMu.Lock()
	defer r.mapMu.Unlock()
	r.slots.Store(m)
}

// applyMoved points each slot at its new master: one copy of the map for
// all the MOVED replies of a round, however many.
func (r *Router) applyMoved(moved map[int]string) {
	r.mapMu.Lock()
	defer r.mapMu.Unlock()
	old := r.slots.Load()
	m := *old
	changed := false
	for slot, addr := range moved {
		if slot < 0 || slot >= len(m.slots) {
			continue
		}
		if sh := m.slots[slot]; sh == nil || sh.master != addr {
			m.slots[slot] = &shard{master: addr}
			changed = true
		}
	}
	if changed {
		r.slots.Store(&m)
	}
}
