package cluster

import (
	"context"
	"errors"
	"fmt"
	"math/rand/v2"
	"net"
	"time"

	"github.com/redpipe-go/redpipe/ports"
)

// refreshCall is one slot-map load that concurrent callers share.
type refreshCall struct {
	done chan struct{}
	err  error
}

// refresh reloads the slot map, joining a load already under way instead
// of starting another. Unless force is set, a load that finished less than
// MinRefreshGap ago counts as fresh enough, so a burst of errors from one
// batch (or from many concurrent batches) makes one load. With wait false
// it returns at once; the load still ends by Close.
func (r *Router) refresh(ctx context.Context, force, wait bool) error {
	r.rmu.Lock()
	if r.closed {
		r.rmu.Unlock()
		return errClosed
	}
	c := r.inflight
	if c == nil {
		if !force && time.Since(r.lastRefresh) < r.opts.MinRefreshGap {
			r.rmu.Unlock()
			return nil
		}
		c = &refreshCall{done: make(chan struct{})}
		r.inflight = c
		r.wg.Add(1)
		go func() {
			defer r.wg.Done()
			err := r.load(r.base)
			r.rmu.Lock()
			r.inflight, r.lastRefresh = nil, time.Now()
			r.rmu.Unlock()
			c.err = err
			close(c.done)
		}()
	}
	r.rmu.Unlock()
	if !wait {
		return nil
	}
	select {
	case <-c.done:
		return c.err
	case <-ctx.Done():
		return ctx.Err()
	}
}

// refreshLoop reloads the map every RefreshInterval until Close.
func (r *Router) refreshLoop(every time.Duration) {
	defer r.wg.Done()
	t := time.NewTicker(every)
	defer t.Stop()
	for {
		select {
		case <-r.base.Done():
			return
		case <-t.C:
			_ = r.refresh(r.base, true, true)
		}
	}
}

// load asks the known nodes, then the seeds, for the slot map until one
// answers, and publishes it. Masters are asked first, in random order, so
// that one hung node does not delay every refresh.
func (r *Router) load(ctx context.Context) error {
	var errs []error
	for _, addr := range r.candidates() {
		if err := ctx.Err(); err != nil {
			return errors.Join(append(errs, err)...)
		}
		m, err := r.fetch(ctx, addr)
		if err != nil {
			errs = append(errs, fmt.Errorf("%s: %w", addr, err))
			continue
		}
		r.setSlots(m)
		// Make every node's backend now rather than in the middle of a
		// batch: a driver's connection setup belongs to topology changes.
		for _, a := range m.nodes() {
			_, _ = r.nodes.get(a)
		}
		return nil
	}
	return fmt.Errorf("cluster: no node gave the slot map: %w", errors.Join(errs...))
}

func (r *Router) candidates() []string {
	var known []string
	if m := r.slots.Load(); m != nil {
		known = m.nodes()
	}
	rand.Shuffle(len(known), func(i, j int) { known[i], known[j] = known[j], known[i] })
	seen := make(map[string]bool, len(known))
	out := make([]string, 0, len(known)+len(r.opts.Addrs))
	for _, a := range append(known, r.opts.Addrs...) {
		if !seen[a] {
			seen[a] = true
			out = append(out, a)
		}
	}
	return out
}

// fetch asks one node for CLUSTER SHARDS; for CLUSTER SLOTS when the node
// is older than Redis 7; for CLUSTER NODES when the SHARDS reply shows
// Redis 7.0's slotless-master bug (see errSlotlessMaster).
func (r *Router) fetch(ctx context.Context, addr string) (*slotMap, error) {
	b, err := r.nodes.get(addr)
	if err != nil {
		return nil, err
	}
	ctx, cancel := context.WithTimeout(ctx, r.opts.RefreshTimeout)
	defer cancel()
	host, _, _ := net.SplitHostPort(addr)
	res := execOne(ctx, b, "CLUSTER", "SHARDS")
	var re *ports.RedisError
	switch {
	case res.Err == nil:
		m, err := parseShards(res.Reply)
		if !errors.Is(err, errSlotlessMaster) {
			return m, err
		}
		res = execOne(ctx, b, "CLUSTER", "NODES")
		if res.Err != nil {
			return nil, res.Err
		}
		return parseNodes(res.Reply.Str, host)
	case !errors.As(res.Err, &re):
		return nil, res.Err // the node failed, not the command
	}
	res = execOne(ctx, b, "CLUSTER", "SLOTS")
	if res.Err != nil {
		return nil, res.Err
	}
	return parseSlots(res.Reply, host)
}

func execOne(ctx context.Context, b ports.Backend, args ...string) ports.Result {
	out := make([]ports.Result, 1)
	safeExec(ctx, b, []ports.Command{{Args: args, ReadOnly: true}}, out)
	return out[0]
}
