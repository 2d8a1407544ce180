package untilctx

import (
	"context"
	"time"

	"github.com/redpipe-go/redpipe/internal/fill"
	"github.com/redpipe-go/redpipe/ports"
)

// Run runs work and returns nil once it has returned, or ctx's error once
// ctx has ended first. Work then still runs, on a goroutine of its own,
// until it returns by itself; what it writes is no longer the caller's to
// read. With a ctx that can never end, work runs on the caller's goroutine.
//
// Run does not look at ctx before starting work: a caller that must not
// start anything once ctx has ended checks ctx.Err() first.
func Run(ctx context.Context, work func()) error {
	if ctx.Done() == nil {
		work()
		return nil
	}
	done := make(chan struct{})
	go func() {
		defer close(done)
		work()
	}()
	select {
	case <-done:
		return nil
	case <-ctx.Done():
		select {
		case <-done: // returned at the same moment: what it wrote is real
			return nil
		default:
			return ctx.Err()
		}
	}
}

// All runs every work at once and returns once each has returned, or, once
// ctx has ended, grace later at the most: long enough for work that honours
// ctx to return with what it did get. finished[i] reports whether works[i]
// returned in time; the others are abandoned, as by Run. With a ctx that
// can never end, All is Parallel.
func All(ctx context.Context, grace time.Duration, works []func()) (finished []bool) {
	finished = make([]bool, len(works))
	if ctx.Done() == nil {
		Parallel(works)
		for i := range finished {
			finished[i] = true
		}
		return finished
	}
	done := make(chan int, len(works)) // buffered: an abandoned work never blocks
	for i, w := range works {
		go func() {
			w()
			done <- i
		}()
	}
	ended := ctx.Done()
	var late <-chan time.Time
	for n := 0; n < len(works); {
		select {
		case i := <-done:
			finished[i] = true
			n++
		case <-ended:
			if grace <= 0 {
				return drain(done, finished)
			}
			ended = nil
			t := time.NewTimer(grace)
			defer t.Stop()
			late = t.C
		case <-late:
			return drain(done, finished)
		}
	}
	return finished
}

// drain marks what returned at the same moment as ctx ended or grace
// passed: what it wrote is real.
func drain(done <-chan int, finished []bool) []bool {
	for {
		select {
		case i := <-done:
			finished[i] = true
		default:
			return finished
		}
	}
}

// Parallel runs every work at once, the first on the caller's goroutine,
// and returns when all have returned: for work that honours ctx by itself,
// or under a ctx that can never end. One work costs no goroutine.
func Parallel(works []func()) {
	if len(works) == 0 {
		return
	}
	done := make(chan struct{}, len(works)-1)
	for _, w := range works[1:] {
		go func() {
			w()
			done <- struct{}{}
		}()
	}
	works[0]()
	for range works[1:] {
		<-done
	}
}

// Exec runs b.Exec(ctx, cmds, out) and returns once it has returned, or
// once ctx has ended first: then every slot of out gets ctx's error as an
// outcome unknown (fill.Ended: b may have written any command) and Exec
// reports true. A backend that honours ctx, or a ctx that can never end,
// costs nothing: b.Exec runs on the caller's goroutine, into out. Otherwise
// b writes into a buffer of its own, copied to out when it returned in time.
// finished, when not nil, is called once b.Exec has returned, whether or
// not Exec still waited for it.
func Exec(ctx context.Context, b ports.Backend, cmds []ports.Command, out []ports.Result, finished func()) (abandoned bool) {
	if ctx.Done() == nil || ports.HonoursContext(b) {
		b.Exec(ctx, cmds, out)
		if finished != nil {
			finished()
		}
		return false
	}
	own := make([]ports.Result, len(out))
	if err := Run(ctx, func() {
		b.Exec(ctx, cmds, own)
		if finished != nil {
			finished()
		}
	}); err != nil {
		fill.Ended(out, err, true)
		return true
	}
	copy(out, own)
	return false
}
