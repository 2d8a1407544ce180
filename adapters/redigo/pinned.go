package redigo

import (
	"context"
	"errors"
	"sync"
	"sync/atomic"

	"github.com/gomodule/redigo/redis"

	"github.com/redpipe-go/redpipe/internal/fill"
	"github.com/redpipe-go/redpipe/internal/lazypin"
	"github.com/redpipe-go/redpipe/ports"
)

var (
	errReleased = errors.New("redigo adapter: Exec on a pinned connection after its Release")
	errBroken   = errors.New("redigo adapter: the pinned connection failed in an earlier Exec and may hold unread replies; it is no longer used (release it and pin another)")
)

// pinned is one pooled connection reserved by Pin. lazypin refuses Execs
// after Release and gives the connection back once no Exec uses it; exec
// keeps two Execs from using it at once: a redigo Conn is not safe for
// concurrent use.
type pinned struct {
	pin    lazypin.Pin[redis.Conn]
	exec   sync.Mutex
	broken atomic.Bool // a failed batch left the connection in an unknown state
}

var _ ports.Pinned = (*pinned)(nil)

func newPinned(c redis.Conn) *pinned {
	p := &pinned{}
	p.pin.Released = errReleased
	p.pin.Check = func(redis.Conn, []ports.Command) error {
		if p.broken.Load() {
			return errBroken
		}
		return nil
	}
	p.pin.Close = p.close
	p.pin.BindNow(c)
	return p
}

// Exec runs cmds on the pinned connection, by the same rules as the
// backend's Exec. A failure that breaks the connection fails every later
// Exec on it: the connection's state (WATCH, MULTI, unread replies) is then
// unknown, and silently switching connections would lose WATCH.
func (p *pinned) Exec(ctx context.Context, cmds []ports.Command, out []ports.Result) {
	if len(cmds) == 0 {
		return
	}
	c, err := p.pin.Acquire(ctx, cmds)
	if err != nil {
		fill.All(out, err)
		return
	}
	defer p.pin.Done() // after exec is unlocked: the last Done may close c
	p.exec.Lock()
	defer p.exec.Unlock()
	switch {
	case p.broken.Load(): // broken by the Exec this one waited for
		fill.All(out, errBroken)
	case ctx.Err() != nil:
		fill.All(out, ctx.Err())
	case rejectEmpty(cmds, out) == len(cmds):
	default:
		if !run(ctx, c, cmds, out) {
			p.broken.Store(true)
		}
	}
}

// Release gives the connection back to the pool, or has the pool discard it
// when a batch broke it, at once or when the Exec using it returns.
// Releasing twice is harmless.
func (p *pinned) Release() { p.pin.Release() }

// close gives c back (lazypin's Close: no Exec is using c).
func (p *pinned) close(c redis.Conn) {
	if p.broken.Load() && c.Err() == nil {
		// run only reports a broken connection that redigo already put in
		// its error state; this makes sure Close cannot pool it regardless.
		kill(c)
	}
	_ = c.Close()
}
