package rueidis

import (
	"context"
	"errors"
	"fmt"
	"sync/atomic"

	"github.com/redis/rueidis"

	"github.com/redpipe-go/redpipe/internal/fill"
	"github.com/redpipe-go/redpipe/internal/lazypin"
	"github.com/redpipe-go/redpipe/ports"
)

var (
	errPinnedReleased = errors.New("rueidis adapter: Exec on a pinned connection after Release")
	errPinNoKey       = errors.New("rueidis adapter: a pinned cluster connection picks its node by the first key of its first Exec, and this batch has no key")
)

// Pin returns a dedicated connection: rueidis's Client.Dedicate, a
// connection of the client's blocking pool (ClientOption.BlockingPoolSize)
// that no other caller shares.
//
// A standalone client's Dedicate takes the connection at once and waits
// for a free one without a ctx (client.go singleClient.Dedicate acquires
// with context.Background()), so Pin calls it on a goroutine and returns
// ctx's error when ctx ends first; that goroutine gives the connection back
// as soon as it gets one. A cluster client's Dedicate takes the connection
// at the first Exec instead, which waits for the pool within that Exec's
// ctx.
func (b *backend) Pin(ctx context.Context) (ports.Pinned, error) {
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	dc, release, err := dedicate(ctx, b.client)
	if err != nil {
		return nil, err
	}
	p := &pinned{dc: dc, release: release, cluster: b.cluster}
	p.pin.Released = errPinnedReleased
	p.pin.Bind = func(context.Context, []ports.Command) (string, error) { return "", nil }
	if b.cluster {
		p.pin.Bind = func(_ context.Context, cmds []ports.Command) (string, error) {
			if key, ok := firstKey(cmds); ok {
				return key, nil
			}
			return "", errPinNoKey
		}
	}
	p.pin.Close = func(string) { p.giveBack() }
	return p, nil
}

func dedicate(ctx context.Context, c rueidis.Client) (rueidis.DedicatedClient, func(), error) {
	type dedicated struct {
		dc      rueidis.DedicatedClient
		release func()
		err     error
	}
	got := make(chan dedicated) // unbuffered: either Pin takes it or the goroutine gives it back
	go func() {
		var d dedicated
		func() {
			defer func() {
				if r := recover(); r != nil {
					d.err = fmt.Errorf("rueidis adapter: rueidis panicked in Dedicate: %v", r)
				}
			}()
			d.dc, d.release = c.Dedicate()
		}()
		select {
		case got <- d:
		case <-ctx.Done():
			if d.err == nil {
				d.release()
			}
		}
	}()
	select {
	case d := <-got:
		return d.dc, d.release, d.err
	case <-ctx.Done():
		return nil, nil, ctx.Err()
	}
}

// pinned is one rueidis DedicatedClient.
//
// On a cluster, rueidis binds a dedicated client to the slot of the first
// command it is given and panics when a later command names another slot
// (cluster.go dedicatedClusterClient.acquire). A pinned cluster connection
// therefore goes to the master of the first key of its first Exec, and
// every command after that is sent to that slot's node whatever its keys:
// a key of another node gets Redis's MOVED reply, which a dedicated
// connection does not follow. What lazypin binds is that key ("" on a
// standalone client).
type pinned struct {
	dc      rueidis.DedicatedClient
	release func()
	cluster bool
	pin     lazypin.Pin[string]
	dirty   atomic.Bool // a DoMulti failed: the connection's state or unread replies are unknown
}

var (
	_ ports.Pinned           = (*pinned)(nil)
	_ ports.ContextHonouring = (*pinned)(nil)
)

// HonoursContext is true: DoMulti runs under untilctx, as the backend's does.
func (p *pinned) HonoursContext() bool { return true }

func (p *pinned) Exec(ctx context.Context, cmds []ports.Command, out []ports.Result) {
	if len(cmds) == 0 {
		return
	}
	pinKey, err := p.pin.Acquire(ctx, cmds)
	if err != nil {
		fill.All(out, err)
		return
	}
	mode := standaloneKeys
	if p.cluster {
		mode = pinnedKeys
	}
	bt := newBatch(p.dc.B(), cmds, out, mode, pinKey, nil)
	if len(bt.built) == 0 {
		p.pin.Done()
		return
	}
	res, err := send(ctx, p.dc, bt.built, p.finished)
	bt.results(ctx, res, err, out)
}

// firstKey returns the first key of the batch.
func firstKey(cmds []ports.Command) (string, bool) {
	for i := range cmds {
		c := &cmds[i]
		if sendable(c) == nil && len(c.Keys) > 0 {
			return c.Args[c.Keys[0]], true
		}
	}
	return "", false
}

// finished runs when a DoMulti on the connection has returned, also one
// abandoned at ctx's end: the last one to end after Release gives the
// connection back (lazypin), so it never goes to the pool's next user
// with a DoMulti still running on it.
func (p *pinned) finished(res []rueidis.RedisResult, err error) {
	if err != nil {
		p.dirty.Store(true)
	}
	for _, r := range res {
		if r.NonRedisError() != nil {
			p.dirty.Store(true)
		}
	}
	p.pin.Done()
}

// Release gives the connection back to the client's blocking pool, at
// once or when the last DoMulti still running on it returns. A connection
// on which a DoMulti failed (a broken connection, or ctx ending with
// replies unread) is closed instead: rueidis would put it back in the pool
// as it is (client.go dedicatedSingleClient.release).
func (p *pinned) Release() { p.pin.Release() }

// giveBack: rueidis does I/O to give a connection back (pipe.go
// CleanSubscriptions sends UNSUBSCRIBE ... DISCARD, and Close waits for
// the replies in flight), with no ctx; it runs on a goroutine of its own
// so that Release never waits for a server that stopped answering.
func (p *pinned) giveBack() {
	if p.dirty.Load() {
		go p.dc.Close()
		return
	}
	go p.release()
}
