package cluster

import (
	"context"
	"fmt"
	"math/rand/v2"
	"time"

	"github.com/redpipe-go/redpipe/internal/fill"
	"github.com/redpipe-go/redpipe/ports"
)

// lateGrace is how long Exec still waits for node batches after ctx ended:
// node backends that honour ctx return within it with the replies they did
// read; one that ignores ctx is abandoned, its commands get ctx's error.
const lateGrace = 20 * time.Millisecond

// run sends units in rounds until each has its outcome: the first round is
// one Exec per node, in parallel; later rounds carry only what was
// redirected or is worth retrying.
func (r *Router) run(ctx context.Context, units []*unit) {
	pending := units
	for round := 0; len(pending) > 0; round++ {
		if round > 0 && r.base.Err() != nil {
			// Close ran while this Exec was retrying: no node is left to
			// try, so what was to be retried fails now, not after every
			// round of backoff. (The first round was checked by Exec.)
			for _, u := range pending {
				u.fail(errClosed)
			}
			return
		}
		if err := ctx.Err(); err != nil {
			// A unit already tried keeps its last outcome: it says why
			// the command did not run, which ctx's error would hide.
			for _, u := range pending {
				if u.res == nil {
					u.fail(err)
				}
			}
			return
		}
		r.sendRound(ctx, pending)

		var next []*unit
		var pause time.Duration
		var moved map[int]string
		refresh := false
		for _, u := range pending {
			v := judge(u)
			switch v.act {
			case actMoved, actAsk:
				if u.redirects >= r.opts.MaxRedirects {
					continue
				}
				u.redirects++
				u.ask = ""
				if v.act == actAsk {
					u.ask = v.addr
				} else {
					if moved == nil {
						moved = map[int]string{}
					}
					moved[v.slot] = v.addr
				}
			case actRetry, actResend:
				if u.retries >= r.opts.MaxRetries {
					continue
				}
				u.retries++
				u.ask = ""
				if v.act == actResend && u.readOnly && r.opts.ReadFromReplicas {
					u.toMaster = true
				}
				pause = max(pause, r.opts.backoff(u.retries))
			default:
				continue
			}
			refresh = refresh || v.refresh
			next = append(next, u)
		}
		if len(moved) > 0 {
			r.applyMoved(moved)
		}
		if refresh {
			// MOVED alone is fixed by applyMoved: reload in the background.
			// A dead node or a cluster down needs the new map before resending.
			_ = r.refresh(ctx, false, pause > 0)
		}
		if pause > 0 && len(next) > 0 && !sleep(ctx, r.base, pause) && ctx.Err() != nil {
			return // each unit keeps its last outcome: why it was not done
		}
		pending = next
	}
}

// sleep waits d, and reports false when ctx or closing (the router's Close)
// ended it first.
func sleep(ctx, closing context.Context, d time.Duration) bool {
	t := time.NewTimer(d)
	defer t.Stop()
	select {
	case <-t.C:
		return true
	case <-ctx.Done():
		return false
	case <-closing.Done():
		return false
	}
}

func (u *unit) fail(err error) {
	u.res = make([]ports.Result, len(u.cmds))
	fill.All(u.res, err)
}

// slotOwner says which result of a node batch belongs to which command;
// u is nil for the READONLY and ASKING the router adds.
type slotOwner struct {
	u *unit
	j int
}

type nodeBatch struct {
	addr    string
	replica bool // the batch starts with READONLY
	size    int  // commands, READONLY and ASKING included
	cmds    []ports.Command
	owners  []slotOwner
	res     []ports.Result
}

var (
	cmdReadOnly = ports.Command{Args: []string{"READONLY"}, ReadOnly: true}
	cmdAsking   = ports.Command{Args: []string{"ASKING"}, ReadOnly: true}
)

// sendRound sends every unit once, one Exec per node, in parallel, and
// stores each command's outcome in its unit.
func (r *Router) sendRound(ctx context.Context, units []*unit) {
	type dest struct {
		addr    string
		replica bool
	}
	var batches []*nodeBatch
	byDest := map[dest]*nodeBatch{}
	// Each node batch is sized before it is filled: the first pass routes,
	// the second fills. With no ctx deadline no batch is ever abandoned,
	// so a unit's results can be its node batch's own (direct); otherwise
	// (and for ASK, whose commands are interleaved with ASKING) they are
	// copied from the batch once it is done, into one allocation per round.
	direct := ctx.Done() == nil
	var results []ports.Result
	ownResults := func(u *unit) {
		if results == nil {
			total := 0
			for _, u := range units {
				total += len(u.cmds)
			}
			results = make([]ports.Result, total)
		}
		u.res, results = results[:len(u.cmds):len(u.cmds)], results[len(u.cmds):]
	}
	to := make([]*nodeBatch, len(units))
	for k, u := range units {
		addr, replica, err := r.route(u)
		if err != nil {
			ownResults(u)
			for j := range u.res {
				u.res[j].Err = &ports.TransportError{Err: err}
			}
			continue
		}
		b := byDest[dest{addr, replica}]
		if b == nil {
			b = &nodeBatch{addr: addr, replica: replica}
			if replica {
				// READONLY lives on the connection, and the node backend's
				// pool may hand out any connection: sending it in the same
				// batch puts it on the right one at no extra round trip.
				b.size++
			}
			byDest[dest{addr, replica}] = b
			batches = append(batches, b)
		}
		b.size += len(u.cmds)
		if u.ask != "" {
			b.size += len(u.cmds)
		}
		to[k] = b
	}
	for _, b := range batches {
		b.cmds, b.owners = make([]ports.Command, 0, b.size), make([]slotOwner, 0, b.size)
		b.res = make([]ports.Result, b.size)
	}
	for k, u := range units {
		b := to[k]
		if b == nil {
			continue
		}
		if len(b.cmds) == 0 && b.replica {
			b.cmds = append(b.cmds, cmdReadOnly)
			b.owners = append(b.owners, slotOwner{})
		}
		if direct && u.ask == "" {
			at := len(b.cmds)
			u.res = b.res[at : at+len(u.cmds) : at+len(u.cmds)]
			b.cmds = append(b.cmds, u.cmds...)
			for range u.cmds {
				b.owners = append(b.owners, slotOwner{}) // nothing to copy
			}
			continue
		}
		ownResults(u)
		for j, c := range u.cmds {
			if u.ask != "" {
				b.cmds = append(b.cmds, cmdAsking)
				b.owners = append(b.owners, slotOwner{})
			}
			b.cmds = append(b.cmds, c)
			b.owners = append(b.owners, slotOwner{u, j})
		}
	}

	done := make(chan *nodeBatch, len(batches))
	exec := func(b *nodeBatch) {
		if node, err := r.nodes.get(b.addr); err != nil {
			for i := range b.res {
				b.res[i].Err = &ports.TransportError{Err: err}
			}
		} else {
			safeExec(ctx, node, b.cmds, b.res)
		}
		done <- b
	}
	// With no ctx deadline nothing is ever abandoned, so the first node's
	// batch runs on this goroutine: one goroutine fewer per Exec, and none
	// at all when the batch goes to one node.
	inline := ctx.Done() == nil && len(batches) > 0
	for i, b := range batches {
		if inline && i == 0 {
			continue
		}
		go exec(b)
	}
	if inline {
		exec(batches[0])
	}
	got := make(map[*nodeBatch]bool, len(batches))
	var late <-chan time.Time
	for len(got) < len(batches) {
		select {
		case b := <-done:
			got[b] = true
			for i, o := range b.owners {
				if o.u != nil {
					o.u.res[o.j] = b.res[i]
				}
			}
		case <-ctx.Done():
			if late == nil {
				t := time.NewTimer(lateGrace)
				defer t.Stop()
				late = t.C
			}
		case <-late:
			// Abandoned batches: their goroutines write only their own
			// nodeBatch and a buffered channel, then end with the driver.
			// The node backend may have written any of their commands.
			err := ports.ContextEnded(ctx.Err(), true)
			for _, b := range batches {
				if got[b] {
					continue
				}
				for _, o := range b.owners {
					if o.u != nil {
						o.u.res[o.j] = ports.Result{Err: err}
					}
				}
			}
			return
		}
	}
}

// route picks the node for a unit's next attempt.
func (r *Router) route(u *unit) (addr string, replica bool, err error) {
	if u.ask != "" {
		return u.ask, false, nil
	}
	m := r.slots.Load()
	sh := m.slots[u.slot]
	if sh == nil {
		return "", false, fmt.Errorf("cluster: no node serves slot %d", u.slot)
	}
	if r.opts.ReadFromReplicas && u.readOnly && !u.toMaster && len(sh.replicas) > 0 {
		return sh.replicas[rand.IntN(len(sh.replicas))], true, nil
	}
	return sh.master, false, nil
}

// safeExec keeps a node backend's panic from reaching the caller: its
// commands may have been written, so they get an outcome-unknown error.
func safeExec(ctx context.Context, b ports.Backend, cmds []ports.Command, out []ports.Result) {
	defer func() {
		if p := recover(); p != nil {
			fill.All(out, &ports.TransportError{Err: fmt.Errorf("cluster: node backend panicked: %v", p), MaybeWritten: true})
		}
	}()
	b.Exec(ctx, cmds, out)
}
