package goredis

import (
	"context"
	"errors"
	"fmt"
	"sync"

	"github.com/redis/go-redis/v9"

	"github.com/redpipe-go/redpipe/domain"
	"github.com/redpipe-go/redpipe/internal/fill"
	"github.com/redpipe-go/redpipe/ports"
)

var _ ports.Pinner = (*backend)(nil)

var (
	errPinnedReleased = errors.New("goredis adapter: Exec on a pinned connection after Release")
	errPinUnsupported = errors.New("goredis adapter: Pin needs a *redis.Client, *redis.ClusterClient or *redis.Ring")
	errPinNoKey       = errors.New("goredis adapter: a pinned cluster connection picks its node by the first key of its first Exec, and this batch has no key")
)

// Pin returns a dedicated connection: a *redis.Conn of the client. go-redis
// takes the connection from the pool at the pinned connection's first Exec
// (Client.Conn is lazy), so that is where a full pool makes the caller wait,
// bounded by that Exec's ctx.
//
// On a *redis.ClusterClient the connection is one to the master that owns
// the first key of the first Exec (ClusterClient has no Conn of its own);
// every later command must belong to that node, or Redis answers MOVED,
// which a dedicated connection does not follow.
func (b *backend) Pin(ctx context.Context) (ports.Pinned, error) {
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	switch c := b.client.(type) {
	case *redis.Client:
		return &pinned{conn: c.Conn()}, nil
	case *redis.ClusterClient:
		return &pinned{cluster: c}, nil
	case *redis.Ring:
		return &pinned{ring: c}, nil
	}
	return nil, fmt.Errorf("%w, not a %T", errPinUnsupported, b.client)
}

// pinned is one *redis.Conn. go-redis serialises the Execs of one Conn
// (its StickyConnPool hands the connection to one user at a time) and, once
// a command on it failed with a network error, refuses every later command
// instead of dialling again: the connection's state (WATCH, MULTI) would be
// lost on a new one, so that is the behaviour a pinned connection needs.
type pinned struct {
	cluster *redis.ClusterClient // set until the first Exec binds conn on a cluster
	// ring: the connection is one of the shard that owns the first Exec's
	// keys, and every later Exec's keys must belong to that shard too: no
	// server would refuse a key of another shard (as a cluster node answers
	// MOVED), it would silently act on the wrong one.
	ring  *redis.Ring
	shard *redis.Client

	mu       sync.Mutex
	conn     *redis.Conn
	busy     int  // pipelines still running, some possibly abandoned at ctx's end
	released bool // Release was called; conn is closed when busy reaches 0
}

func (p *pinned) Exec(ctx context.Context, cmds []ports.Command, out []ports.Result) {
	if len(cmds) == 0 {
		return
	}
	p.mu.Lock()
	if p.released {
		p.mu.Unlock()
		fill.All(out, errPinnedReleased)
		return
	}
	if p.conn == nil {
		if err := p.bind(ctx, cmds); err != nil {
			p.mu.Unlock()
			fill.All(out, err)
			return
		}
	} else if p.ring != nil {
		if err := p.sameShard(cmds); err != nil {
			p.mu.Unlock()
			fill.All(out, err)
			return
		}
	}
	p.busy++
	conn := p.conn
	p.mu.Unlock()
	execPipeline(ctx, conn, cmds, out, true, false, p.finished)
}

// bind picks the cluster node of the batch's first key, or the Ring shard
// of all its keys. Caller holds p.mu.
func (p *pinned) bind(ctx context.Context, cmds []ports.Command) error {
	if p.ring != nil {
		shard, err := ringShardOf(p.ring, cmds)
		if err != nil {
			return err
		}
		p.shard, p.conn = shard, shard.Conn()
		return nil
	}
	key, ok := ports.FirstKey(cmds)
	if !ok {
		return errPinNoKey
	}
	node, err := p.cluster.MasterForKey(ctx, key)
	if err != nil {
		if ctx.Err() != nil {
			return ctx.Err()
		}
		return &ports.TransportError{Err: err}
	}
	p.conn = node.Conn()
	return nil
}

// finished runs when a pipeline on conn has returned: the last one to end
// after Release closes the connection, so a pipeline abandoned at ctx's end
// never shares it with the pool's next user.
func (p *pinned) finished() {
	p.mu.Lock()
	defer p.mu.Unlock()
	p.busy--
	if p.released && p.busy == 0 {
		p.close()
	}
}

// Release gives the connection back to the client's pool, at once or when
// the last pipeline still running on it returns. go-redis itself discards
// it instead when a network error broke it.
func (p *pinned) Release() {
	p.mu.Lock()
	defer p.mu.Unlock()
	if p.released {
		return
	}
	p.released = true
	if p.busy == 0 {
		p.close()
	}
}

// close: caller holds p.mu. Conn.Close only fails for a Conn already closed.
func (p *pinned) close() {
	if p.conn != nil {
		_ = p.conn.Close()
	}
}

// sameShard refuses a batch with a key of another shard than the pinned
// one's. Caller holds p.mu.
func (p *pinned) sameShard(cmds []ports.Command) error {
	shard, err := ringShardOf(p.ring, cmds)
	if err != nil {
		return err
	}
	if _, keyed := ports.FirstKey(cmds); keyed && shard != p.shard {
		return fmt.Errorf("%w: goredis adapter: this batch's keys are on the Ring shard %s, the pinned connection on %s; nothing of it was sent",
			domain.ErrCrossSlot, shard.Options().Addr, p.shard.Options().Addr)
	}
	return nil
}
