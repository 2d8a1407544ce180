package redpipe

import (
	"context"
	"errors"
	"fmt"

	"github.com/redpipe-go/redpipe/internal/fill"
	"github.com/redpipe-go/redpipe/internal/untilctx"
	"github.com/redpipe-go/redpipe/ports"
)

// execute sends the queue grouped by connection, resolves every future,
// runs the callbacks, and reports every failure.
//
// With atomic, some pipeline of the tree is Atomic(): each batch's Atomic
// commands are folded into MULTI ... EXEC blocks before sending, and their
// results unfolded from EXEC's reply after (atomic.go).
//
// labels are the tree's Labels, for its Observer.
func execute(ctx context.Context, c connections, q *batchQueue, callbacks []callback, serial bool, one *oneBatch, atomic bool, labels map[*node]string) error {
	cmds, entries := q.cmds, q.entries
	c.noteBatch(len(cmds))
	var errs []*CommandError
	fail := func(i int, err error) {
		entries[i].sink.fail(err)
		errs = append(errs, &CommandError{Conn: entries[i].conn, Command: cmds[i].Name(), Err: err})
	}

	batches := plan(ctx, c, q, fail, one)
	if atomic {
		batches = foldAtomic(batches, cmds, entries, fail)
	}
	if q.cached {
		for _, b := range batches {
			keepOrderForCache(b.cmds, b.conn.tx)
		}
	}
	var ob *observation
	if obs := c.observer(); obs != nil && len(batches) > 0 {
		ob = observeStart(ctx, obs, batches, entries, labels)
		ctx = ob.ctx
		for i, b := range batches {
			b.ctx = ob.sendCtx(i)
		}
	}
	send(ctx, batches, serial)
	if ob != nil {
		ob.batchesEnd(batches)
	}
	for _, b := range batches {
		if b.fold != nil {
			b.fold.unfold(b)
		}
	}

	for _, b := range batches {
		for k := range b.out {
			i := k
			if b.index != nil {
				i = b.index[k]
			}
			if res := &b.out[k]; res.Err != nil {
				fail(i, res.Err)
			} else if err := entries[i].sink.deliver(res.Reply); err != nil && !errors.Is(err, ErrNil) {
				errs = append(errs, &CommandError{Conn: entries[i].conn, Command: cmds[i].Name(), Err: err})
			}
		}
	}
	recycle := true
	for _, b := range batches {
		recycle = recycle && !b.abandoned
	}
	if recycle && ob == nil {
		q.recycle()
	}
	panics := runCallbacks(callbacks)
	if ob != nil {
		// The Observer reads the commands until ExecEnd returns.
		err := ob.finish(errs, panics)
		if recycle {
			q.recycle()
		}
		return err
	}
	if len(errs) == 0 && len(panics) == 0 {
		return nil
	}
	return &ExecError{Errors: errs, Panics: panics}
}

// plan groups the commands that can be sent into one batch per connection,
// failing the others at once (an encoding error, a cancelled ctx, an unknown
// connection). The common case, every command valid and for one connection,
// sends the queue itself.
func plan(ctx context.Context, c connections, q *batchQueue, fail func(int, error), one *oneBatch) []*batch {
	cmds, entries := q.cmds, q.entries
	ctxErr := ctx.Err() // a cancelled ctx sends nothing
	if len(entries) > 0 && ctxErr == nil && oneConnection(entries) {
		if cn := c.lookup(entries[0].conn); cn != nil {
			one.b = batch{name: cn.name, conn: cn, cmds: cmds, out: q.results()}
			one.list[0] = &one.b
			return one.list[:]
		}
	}
	var batches []*batch
	var refused map[string]int // per WithTransaction connection, its first command refused before sending
	for i := range entries {
		e := &entries[i]
		switch {
		case e.err != nil:
			fail(i, e.err)
			if cn := c.lookup(e.conn); cn != nil && cn.tx {
				if refused == nil {
					refused = map[string]int{}
				}
				if _, seen := refused[e.conn]; !seen {
					refused[e.conn] = i
				}
			}
		case ctxErr != nil:
			fail(i, ctxErr)
		default:
			b := findBatch(batches, e.conn)
			if b == nil {
				b = &batch{name: e.conn, conn: c.lookup(e.conn)}
				batches = append(batches, b)
			}
			if b.conn == nil {
				fail(i, fmt.Errorf("%w: %q", ErrUnknownConn, e.conn))
				continue
			}
			b.index = append(b.index, i)
		}
	}
	live := batches[:0]
	for _, b := range batches {
		if r, ok := refused[b.name]; ok && b.conn != nil {
			// The transaction cannot run whole, so none of it runs.
			abort := &TxAbortedError{Command: cmds[r].Name(), Cause: entries[r].err}
			for _, i := range b.index {
				fail(i, abort)
			}
			continue
		}
		if len(b.index) > 0 {
			b.cmds = make([]ports.Command, len(b.index))
			for k, i := range b.index {
				b.cmds[k] = cmds[i]
			}
			b.out = make([]ports.Result, len(b.index))
			live = append(live, b)
		}
	}
	return live
}

// oneConnection reports whether every entry can be sent, to one connection.
func oneConnection(entries []entry) bool {
	name := entries[0].conn
	for i := range entries {
		if entries[i].err != nil || entries[i].conn != name {
			return false
		}
	}
	return true
}

func findBatch(batches []*batch, name string) *batch {
	for _, b := range batches {
		if b.name == name {
			return b
		}
	}
	return nil
}

// send runs every batch and returns when each has either finished or been
// abandoned because ctx ended. A backend that ignores ctx cannot hold Exec
// past the deadline: its batch runs under untilctx and is abandoned, its
// results are never read, and its goroutine ends when the driver's own
// timeout fires. When every backend honours ctx itself (conn.honours), or
// ctx can never end, there is nothing to abandon: no goroutine and wait of
// the root's own.
func send(ctx context.Context, batches []*batch, serial bool) {
	if len(batches) == 0 {
		return
	}
	if ctx.Done() == nil || allHonour(batches) {
		sendDirect(ctx, batches, serial)
		return
	}
	if serial {
		for _, b := range batches {
			// A batch is never handed over once ctx has ended, so that
			// its commands are known never written.
			if ctx.Err() != nil || !startAndWait(ctx, []*batch{b}) {
				break
			}
		}
	} else {
		startAndWait(ctx, batches)
	}
	for _, b := range batches {
		b.collect(ctx)
	}
}

func allHonour(batches []*batch) bool {
	for _, b := range batches {
		if !b.conn.honours {
			return false
		}
	}
	return true
}

// sendDirect runs every batch into its own out, at once (the first on
// this goroutine) or, serial, one after another; a Serial batch is never
// handed over once ctx has ended, its commands then known never written.
func sendDirect(ctx context.Context, batches []*batch, serial bool) {
	if serial || len(batches) == 1 {
		for _, b := range batches {
			if err := ctx.Err(); err != nil {
				fill.All(b.out, err)
				continue
			}
			b.conn.exec(b.sendCtx(ctx), b.cmds, b.out)
		}
		return
	}
	works := make([]func(), len(batches))
	for i, b := range batches {
		works[i] = func() { b.conn.exec(b.sendCtx(ctx), b.cmds, b.out) }
	}
	untilctx.Parallel(works)
}

// startAndWait runs batches at once under untilctx, each into a buffer of
// its own, and waits for all of them or for ctx; it reports whether all
// finished.
func startAndWait(ctx context.Context, batches []*batch) bool {
	works := make([]func(), len(batches))
	for i, b := range batches {
		b.started = true
		b.late = make([]ports.Result, len(b.out))
		cmds, late, bctx := b.cmds, b.late, b.sendCtx(ctx)
		works[i] = func() { b.conn.exec(bctx, cmds, late) }
	}
	all := true
	for i, ok := range untilctx.All(ctx, 0, works) {
		batches[i].finished = ok
		all = all && ok
	}
	return all
}

// collect takes the backend's results if it finished, and otherwise gives
// ctx's error to every command: the backend goroutine keeps writing into
// b.late, which is never read again. A batch handed to its backend may have
// been written, in part or whole, so its commands' outcome is unknown
// (ports.ContextEnded); one a Serial Exec never started was not.
func (b *batch) collect(ctx context.Context) {
	if b.finished {
		b.out = b.late
		return
	}
	b.abandoned = b.started
	fill.Ended(b.out, ctx.Err(), b.started)
}

// runCallbacks runs every callback once, in order; one that panics does
// not stop the others, and its panic is returned.
func runCallbacks(callbacks []callback) []*PanicError {
	var panics []*PanicError
	for _, cb := range callbacks {
		if pe := runCallback(cb.fn); pe != nil {
			panics = append(panics, pe)
		}
	}
	return panics
}

func runCallback(fn func()) (pe *PanicError) {
	defer func() {
		if v := recover(); v != nil {
			pe = newPanicError("OnExec callback", v)
		}
	}()
	fn()
	return nil
}
