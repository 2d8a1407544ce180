package goredis

import (
	"context"
	"errors"
	"fmt"

	"github.com/redis/go-redis/v9"

	"github.com/redpipe-go/redpipe/domain"
	"github.com/redpipe-go/redpipe/internal/lazypin"
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
	p := &pinned{}
	p.pin.Released = errPinnedReleased
	// Conn.Close only fails for a Conn already closed. go-redis itself
	// discards the connection instead of pooling it when a network error
	// broke it.
	p.pin.Close = func(c *redis.Conn) { _ = c.Close() }
	switch c := b.client.(type) {
	case *redis.Client:
		p.pin.Bind = func(context.Context, []ports.Command) (*redis.Conn, error) { return c.Conn(), nil }
	case *redis.ClusterClient:
		p.pin.Bind = func(ctx context.Context, cmds []ports.Command) (*redis.Conn, error) { return clusterConn(ctx, c, cmds) }
	case *redis.Ring:
		p.ring = c
		p.pin.Bind, p.pin.Check = p.bindShard, p.sameShard
	default:
		return nil, fmt.Errorf("%w, not a %T", errPinUnsupported, b.client)
	}
	return p, nil
}

// pinned is one *redis.Conn, taken at the first Exec (lazypin). go-redis
// serialises the Execs of one Conn (its StickyConnPool hands the connection
// to one user at a time) and, once a command on it failed with a network
// error, refuses every later command instead of dialling again: the
// connection's state (WATCH, MULTI) would be lost on a new one, so that is
// the behaviour a pinned connection needs. The connection goes back to the
// pool once released and no pipeline, even one abandoned at ctx's end, is
// still running on it.
type pinned struct {
	pin lazypin.Pin[*redis.Conn]
	// ring: the connection is one of the shard that owns the first Exec's
	// keys, and every later Exec's keys must belong to that shard too: no
	// server would refuse a key of another shard (as a cluster node answers
	// MOVED), it would silently act on the wrong one. shard is set by Bind
	// and read by Check, both under pin's lock.
	ring  *redis.Ring
	shard *redis.Client
}

var (
	_ ports.Pinned           = (*pinned)(nil)
	_ ports.ContextHonouring = (*pinned)(nil)
)

// HonoursContext is true: binding and the pipeline run under untilctx, as
// the backend's Exec does.
func (p *pinned) HonoursContext() bool { return true }

func (p *pinned) Exec(ctx context.Context, cmds []ports.Command, out []ports.Result) {
	execPipeline(ctx, &part{cmds: cmds, out: out, bt: newBatch(cmds, true, false),
		pick: func(ctx context.Context) (pipeliner, func(), error) {
			c, err := p.pin.Acquire(ctx, cmds)
			if err != nil {
				return nil, nil, err
			}
			return c, p.pin.Done, nil
		}})
}

// Release gives the connection back to the client's pool, at once or when
// the last pipeline still running on it returns.
func (p *pinned) Release() { p.pin.Release() }

// clusterConn is a connection to the master of the batch's first key.
func clusterConn(ctx context.Context, c *redis.ClusterClient, cmds []ports.Command) (*redis.Conn, error) {
	key, ok := ports.FirstKey(cmds)
	if !ok {
		return nil, errPinNoKey
	}
	node, err := c.MasterForKey(ctx, key)
	if err != nil {
		if ctx.Err() != nil {
			return nil, ctx.Err()
		}
		return nil, &ports.TransportError{Err: err}
	}
	return node.Conn(), nil
}

// bindShard is a connection to the Ring shard of all the batch's keys.
func (p *pinned) bindShard(_ context.Context, cmds []ports.Command) (*redis.Conn, error) {
	shard, err := ringShardOf(p.ring, cmds)
	if err != nil {
		return nil, err
	}
	p.shard = shard
	return shard.Conn(), nil
}

// sameShard refuses a batch with a key of another shard than the pinned
// one's.
func (p *pinned) sameShard(_ *redis.Conn, cmds []ports.Command) error {
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
