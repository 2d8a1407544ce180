package cluster

import (
	"context"
	"fmt"
	"math/rand/v2"
	"time"

	"github.com/redpipe-go/redpipe/internal/fill"
	"github.com/redpipe-go/redpipe/internal/untilctx"
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
		report := ports.BatchReportFrom(ctx)
		for _, u := range pending {
			v := judge(u)
			switch v.act {
			case actMoved, actAsk:
				if int(u.redirects) >= r.opts.MaxRedirects {
					continue
				}
				u.redirects++
				report.Redirected(1)
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
				if int(u.retries) >= r.opts.MaxRetries {
					continue
				}
				u.retries++
				report.Retried(1)
				u.ask = ""
				if v.act == actResend && u.readOnly && r.opts.ReadFromReplicas {
					u.toMaster = true
				}
				pause = max(pause, r.opts.backoff(int(u.retries)))
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
	node    ports.Backend // the node's backend; nil until made (exec makes it)
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
	// Looking a destination up among the few batches made so far is
	// cheaper than hashing it: a map only for a round with many.
	var byDest map[dest]*nodeBatch
	find := func(d dest) *nodeBatch {
		if byDest != nil {
			return byDest[d]
		}
		for _, b := range batches {
			if b.addr == d.addr && b.replica == d.replica {
				return b
			}
		}
		return nil
	}
	// Each node batch is sized before it is filled: the first pass routes,
	// the second fills. When no batch can be abandoned (a ctx that never
	// ends, or node backends that all honour ctx), a unit's results can be
	// its node batch's own (direct); otherwise (and for ASK, whose commands
	// are interleaved with ASKING) they are copied from the batch once it
	// is done, into one allocation per round.
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
		b := find(dest{addr, replica})
		if b == nil {
			b = &nodeBatch{addr: addr, replica: replica}
			if replica {
				// READONLY lives on the connection, and the node backend's
				// pool may hand out any connection: sending it in the same
				// batch puts it on the right one at no extra round trip.
				b.size++
			}
			batches = append(batches, b)
			switch {
			case byDest != nil:
				byDest[dest{addr, replica}] = b
			case len(batches) > 8:
				byDest = make(map[dest]*nodeBatch, 2*len(batches))
				for _, b := range batches {
					byDest[dest{b.addr, b.replica}] = b
				}
			}
		}
		b.size += len(u.cmds)
		if u.ask != "" {
			b.size += len(u.cmds)
		}
		to[k] = b
	}
	// honours: every node backend is made already and returns at ctx's end
	// by itself. (Making one runs NewNode, which may dial without ctx.)
	honours := true
	for _, b := range batches {
		b.cmds, b.owners = make([]ports.Command, 0, b.size), make([]slotOwner, 0, b.size)
		b.res = make([]ports.Result, b.size)
		if b.node = r.nodes.known(b.addr); !ports.HonoursContext(b.node) {
			honours = false
		}
	}
	direct := honours || ctx.Done() == nil
	for k, u := range units {
		b := to[k]
		if b == nil {
			continue
		}
		if len(b.cmds) == 0 && b.replica {
			b.cmds = append(b.cmds, cmdReadOnly)
			b.owners = append(b.owners, slotOwner{})
		}
		if direct && u.ask == "" && !(b.replica && hasCacheTTL(u.cmds)) {
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
			if u.ask != "" || b.replica {
				// A node backend that caches answers cached reads apart
				// from the rest of its batch (ports.ReadCacher), so one
				// could lose the ASKING or READONLY that must come before
				// it on the same connection: sent as an ordinary read.
				c.CacheTTL = 0
			}
			b.cmds = append(b.cmds, c)
			b.owners = append(b.owners, slotOwner{u, j})
		}
	}

	if report := ports.BatchReportFrom(ctx); report != nil {
		for _, b := range batches {
			report.SentTo(b.addr)
		}
	}
	works := make([]func(), len(batches))
	for i, b := range batches {
		works[i] = func() { b.exec(ctx, &r.nodes) }
	}
	if honours {
		// Nothing to abandon: no wait of the router's own, only one
		// goroutine per node batch after the first.
		untilctx.Parallel(works)
		for _, b := range batches {
			b.collect()
		}
		return
	}
	// A node backend that ignores ctx is abandoned lateGrace after ctx's
	// end; those that honour it return within that grace with the replies
	// they did read.
	finished := untilctx.All(ctx, lateGrace, works)
	for i, b := range batches {
		if finished[i] {
			b.collect()
			continue
		}
		// Its goroutine writes only its own nodeBatch, then ends with the
		// driver. The node backend may have written any of its commands.
		err := ports.ContextEnded(ctx.Err(), true)
		for _, o := range b.owners {
			if o.u != nil {
				o.u.res[o.j] = ports.Result{Err: err}
			}
		}
	}
}

// collect copies the results of a node batch that returned to the units
// whose results are not the batch's own.
func (b *nodeBatch) collect() {
	for i, o := range b.owners {
		if o.u != nil {
			o.u.res[o.j] = b.res[i]
		}
	}
}

// exec sends the node batch to its node backend.
func (b *nodeBatch) exec(ctx context.Context, nodes *nodes) {
	if b.node == nil {
		node, err := nodes.get(b.addr)
		if err != nil {
			fill.All(b.res, &ports.TransportError{Err: err})
			return
		}
		b.node = node
	}
	safeExec(ctx, b.node, b.cmds, b.res)
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

// hasCacheTTL reports whether some command of cmds is a cached read.
func hasCacheTTL(cmds []ports.Command) bool {
	for i := range cmds {
		if cmds[i].CacheTTL > 0 {
			return true
		}
	}
	return false
}
