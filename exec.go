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
	conn    *conn
	name    string
	entries []*entry
	cmds    []ports.Command
	out     []ports.Result
	done    chan struct{}  // closed when the backend returned (goroutine mode)
	late    []ports.Result // the backend's results in goroutine mode, read only after done
}

// execute sends entries grouped by connection, resolves every future, runs
// the callbacks, and reports every failure.
func execute(ctx context.Context, c *Client, entries []entry, callbacks []callback, serial bool) error {
	var errs []*CommandError
	fail := func(e *entry, err error) {
		e.sink.fail(err)
		errs = append(errs, &CommandError{Conn: e.conn, Command: e.cmd.Name(), Err: err})
	}

	ctxErr := ctx.Err() // a cancelled ctx sends nothing
	var batches []*batch
	for i := range entries {
		e := &entries[i]
		switch {
		case e.err != nil:
			fail(e, e.err)
		case ctxErr != nil:
			fail(e, ctxErr)
		default:
			b := findBatch(batches, e.conn)
			if b == nil {
				b = &batch{name: e.conn, conn: c.lookup(e.conn)}
				batches = append(batches, b)
			}
			if b.conn == nil {
				fail(e, fmt.Errorf("%w: %q", ErrUnknownConn, e.conn))
				continue
			}
			b.entries = append(b.entries, e)
		}
	}

	live := batches[:0]
	for _, b := range batches {
		if len(b.entries) > 0 {
			b.prepare()
			live = append(live, b)
		}
	}
	send(ctx, live, serial)

	for _, b := range live {
		for i, e := range b.entries {
			if res := b.out[i]; res.Err != nil {
				fail(e, res.Err)
			} else if err := e.sink.deliver(res.Reply); err != nil && !errors.Is(err, ErrNil) {
				errs = append(errs, &CommandError{Conn: e.conn, Command: e.cmd.Name(), Err: err})
			}
		}
	}
	for _, cb := range callbacks {
		cb.fn()
	}
	if len(errs) == 0 {
		return nil
	}
	return &ExecError{Errors: errs}
}

func findBatch(batches []*batch, name string) *batch {
	for _, b := range batches {
		if b.name == name {
			return b
		}
	}
	return nil
}

func (b *batch) prepare() {
	b.cmds = make([]ports.Command, len(b.entries))
	for i, e := range b.entries {
		b.cmds[i] = e.cmd
	}
	b.out = make([]ports.Result, len(b.entries))
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
			if !startAndWait(ctx, []*batch{b}) {
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
// b.late, which is never read again.
func (b *batch) collect(ctx context.Context) {
	if b.done != nil {
		select {
		case <-b.done:
			b.out = b.late
			return
		default:
		}
	}
	for i := range b.out {
		b.out[i].Err = ctx.Err()
	}
}
