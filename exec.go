package redpipe

import (
	"context"
	"errors"
	"fmt"
	"sync"

	"github.com/redpipe-go/redpipe/ports"
)

// batch is everything one root Exec sends to one named connection.
type batch struct {
	conn  *conn
	name  string
	index []int // index[k] is the queue position of cmds[k]; nil when the batch is the whole queue
	cmds  []ports.Command
	out   []ports.Result
	done  chan struct{}  // closed when the backend returned (goroutine mode)
	late  []ports.Result // the backend's results in goroutine mode, read only after done
	// abandoned: ctx ended first; the backend may still read cmds.
	abandoned bool
}

// execute sends the queue grouped by connection, resolves every future,
// runs the callbacks, and reports every failure.
func execute(ctx context.Context, c connections, q *batchQueue, callbacks []callback, serial bool) error {
	cmds, entries := q.cmds, q.entries
	c.noteBatch(len(cmds))
	var errs []*CommandError
	fail := func(i int, err error) {
		entries[i].sink.fail(err)
		errs = append(errs, &CommandError{Conn: entries[i].conn, Command: cmds[i].Name(), Err: err})
	}

	batches := plan(ctx, c, q, fail)
	send(ctx, batches, serial)

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
	if recycle {
		q.recycle()
	}
	panics := runCallbacks(callbacks)
	if len(errs) == 0 && len(panics) == 0 {
		return nil
	}
	return &ExecError{Errors: errs, Panics: panics}
}

// plan groups the commands that can be sent into one batch per connection,
// failing the others at once (an encoding error, a cancelled ctx, an unknown
// connection). The common case, every command valid and for one connection,
// sends the queue itself.
func plan(ctx context.Context, c connections, q *batchQueue, fail func(int, error)) []*batch {
	cmds, entries := q.cmds, q.entries
	ctxErr := ctx.Err() // a cancelled ctx sends nothing
	if len(entries) > 0 && ctxErr == nil && oneConnection(entries) {
		if cn := c.lookup(entries[0].conn); cn != nil {
			return []*batch{{name: cn.name, conn: cn, cmds: cmds, out: q.results()}}
		}
	}
	var batches []*batch
	for i := range entries {
		e := &entries[i]
		switch {
		case e.err != nil:
			fail(i, e.err)
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
// past the deadline: its batch is abandoned, its results are never read,
// and its goroutine ends when the driver's own timeout fires.
func send(ctx context.Context, batches []*batch, serial bool) {
	if len(batches) == 0 {
		return
	}
	if ctx.Done() == nil && (serial || len(batches) == 1) {
		for _, b := range batches {
			b.conn.exec(ctx, b.cmds, b.out)
		}
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

// startAndWait runs batches on goroutines of their own and waits for all of
// them or for ctx; it reports whether all finished.
func startAndWait(ctx context.Context, batches []*batch) bool {
	var wg sync.WaitGroup
	for _, b := range batches {
		b.done = make(chan struct{})
		b.late = make([]ports.Result, len(b.out))
		wg.Add(1)
		go func(cmds []ports.Command, out []ports.Result, done chan struct{}) {
			defer wg.Done()
			b.conn.exec(ctx, cmds, out)
			close(done)
		}(b.cmds, b.late, b.done)
	}
	all := make(chan struct{})
	go func() { wg.Wait(); close(all) }()
	select {
	case <-all:
		return true
	case <-ctx.Done():
		return false
	}
}

// collect takes the backend's results if it finished, and otherwise gives
// ctx's error to every command: the backend goroutine keeps writing into
// b.late, which is never read again. A batch handed to its backend may have
// been written, in part or whole, so its commands' outcome is unknown
// (ports.ContextEnded); one a Serial Exec never started was not.
func (b *batch) collect(ctx context.Context) {
	started := b.done != nil
	if started {
		select {
		case <-b.done:
			b.out = b.late
			return
		default:
		}
	}
	b.abandoned = true
	err := ports.ContextEnded(ctx.Err(), started)
	for i := range b.out {
		b.out[i].Err = err
	}
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
