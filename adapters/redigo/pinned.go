package redigo

import (
	"context"
	"errors"
	"sync"

	"github.com/gomodule/redigo/redis"

	"github.com/redpipe-go/redpipe/internal/fill"
	"github.com/redpipe-go/redpipe/ports"
)

var (
	errReleased = errors.New("redigo adapter: Exec on a pinned connection after its Release")
	errBroken   = errors.New("redigo adapter: the pinned connection failed in an earlier Exec and may hold unread replies; it is no longer used (release it and pin another)")
)

// pinned is one pooled connection reserved by Pin. Its mutex keeps Execs
// and Release from using the connection at the same time: a redigo Conn
// is not safe for concurrent use.
type pinned struct {
	mu     sync.Mutex
	conn   redis.Conn // nil once released
	broken bool       // a failed batch left conn in an unknown state
}

var _ ports.Pinned = (*pinned)(nil)

// Exec runs cmds on the pinned connection, by the same rules as the
// backend's Exec. A failure that breaks the connection fails every later
// Exec on it: the connection's state (WATCH, MULTI, unread replies) is then
// unknown, and silently switching connections would lose WATCH.
func (p *pinned) Exec(ctx context.Context, cmds []ports.Command, out []ports.Result) {
	if len(cmds) == 0 {
		return
	}
	p.mu.Lock()
	defer p.mu.Unlock()
	switch {
	case p.conn == nil:
		fill.All(out, errReleased)
	case p.broken:
		fill.All(out, errBroken)
	case ctx.Err() != nil:
		fill.All(out, ctx.Err())
	case rejectEmpty(cmds, out) == len(cmds):
	default:
		p.broken = !run(ctx, p.conn, cmds, out)
	}
}

// Release gives the connection back to the pool, or has the pool discard it
// when a batch broke it. Releasing twice is harmless.
func (p *pinned) Release() {
	p.mu.Lock()
	c, broken := p.conn, p.broken
	p.conn = nil
	p.mu.Unlock()
	if c == nil {
		return
	}
	if broken && c.Err() == nil {
		// run only reports a broken connection that redigo already put in
		// its error state; this makes sure Close cannot pool it regardless.
		kill(c)
	}
	_ = c.Close()
}
