package soak

import (
	"context"
	"errors"
	"sync"
	"time"

	redigo "github.com/gomodule/redigo/redis"
	"github.com/redis/go-redis/v9"
	"github.com/redis/rueidis"

	"github.com/redpipe-go/redpipe"
	"github.com/redpipe-go/redpipe/adapters/cluster"
	"github.com/redpipe-go/redpipe/adapters/goredis"
	redigoadapter "github.com/redpipe-go/redpipe/adapters/redigo"
	rueidisadapter "github.com/redpipe-go/redpipe/adapters/rueidis"
	"github.com/redpipe-go/redpipe/ports"
)

// config is one adapter configuration: how an application would build its
// driver client(s) and a redpipe Client over them. connect registers the
// same backend twice, as DefaultConn and as atomicConn (WithTransaction),
// and returns what closes everything it made, redpipe's Client first.
type config struct {
	name    string
	connect func(ctx context.Context, seeds []string, opts []redpipe.ConnOption, obs redpipe.Observer) (*redpipe.Client, func() error, error)
	// opts are given to both connections (coalescing).
	opts []redpipe.ConnOption
}

// coalescing is cfg with both connections WithCoalescing().
func coalescing(cfg config) config {
	cfg.name += "/coalescing"
	cfg.opts = []redpipe.ConnOption{redpipe.WithCoalescing()}
	return cfg
}

// Driver clients are built with the drivers' defaults, as an application
// that read their documentation would: the soak is about what redpipe
// makes of them, not about tuned timeouts.

var goredisStandalone = config{
	name: "goredis/standalone",
	connect: func(_ context.Context, seeds []string, opts []redpipe.ConnOption, obs redpipe.Observer) (*redpipe.Client, func() error, error) {
		rdb := redis.NewClient(&redis.Options{Addr: seeds[0]})
		return wire(opts, obs, goredis.NewBackend(rdb), rdb.Close)
	},
}

var redigoStandalone = config{
	name: "redigo/standalone",
	connect: func(_ context.Context, seeds []string, opts []redpipe.ConnOption, obs redpipe.Observer) (*redpipe.Client, func() error, error) {
		pool := redigoPool(seeds[0])
		return wire(opts, obs, redigoadapter.NewBackend(pool), pool.Close)
	},
}

var rueidisStandalone = config{
	name: "rueidis/standalone",
	connect: func(_ context.Context, seeds []string, opts []redpipe.ConnOption, obs redpipe.Observer) (*redpipe.Client, func() error, error) {
		// ForceSingleClient: the server is known to be standalone, and the
		// client must survive it being down (rueidis otherwise probes the
		// topology at every reconnect).
		rc, err := rueidis.NewClient(rueidis.ClientOption{InitAddress: seeds, ForceSingleClient: true})
		if err != nil {
			return nil, nil, err
		}
		return wire(opts, obs, rueidisadapter.NewBackend(rc), func() error { rc.Close(); return nil })
	},
}

// clusterRouter is redpipe's own router over one node backend per cluster
// node, made by node (which also returns what closes the driver client).
func clusterRouter(name string, node func(addr string) (ports.Backend, func() error)) config {
	return config{
		name: name,
		connect: func(ctx context.Context, seeds []string, opts []redpipe.ConnOption, obs redpipe.Observer) (*redpipe.Client, func() error, error) {
			var mu sync.Mutex
			var closers []func() error
			r, err := cluster.New(ctx, cluster.Options{
				Addrs: seeds,
				NewNode: func(addr string) (ports.Backend, error) {
					b, closeFn := node(addr)
					mu.Lock()
					closers = append(closers, closeFn)
					mu.Unlock()
					return b, nil
				},
			})
			closeNodes := func() error {
				mu.Lock()
				defer mu.Unlock()
				var errs []error
				for _, f := range closers {
					errs = append(errs, f())
				}
				return errors.Join(errs...)
			}
			if err != nil {
				return nil, nil, errors.Join(err, closeNodes())
			}
			// The router closes before the node clients it routes to.
			return wire(opts, obs, r, func() error { return errors.Join(r.Close(), closeNodes()) })
		},
	}
}

var redigoNodesCluster = clusterRouter("cluster/redigo-nodes", func(addr string) (ports.Backend, func() error) {
	pool := redigoPool(addr)
	return redigoadapter.NewBackend(pool), pool.Close
})

var goredisNodesCluster = clusterRouter("cluster/goredis-nodes", func(addr string) (ports.Backend, func() error) {
	rdb := redis.NewClient(&redis.Options{Addr: addr})
	return goredis.NewBackend(rdb), rdb.Close
})

// rueidisNodesCluster's node clients keep rueidis's defaults (RESP3, its
// cache on), ForceSingleClient as for rueidisStandalone: the router routes.
var rueidisNodesCluster = clusterRouter("cluster/rueidis-nodes", func(addr string) (ports.Backend, func() error) {
	rc, err := rueidis.NewClient(rueidis.ClientOption{InitAddress: []string{addr}, ForceSingleClient: true})
	if rc == nil {
		return rueidisadapter.NewBackend(nil), func() error { return err }
	}
	return rueidisadapter.NewBackend(rc), func() error { rc.Close(); return nil }
})

// redigoPool is a pool as redigo's documentation configures one.
func redigoPool(addr string) *redigo.Pool {
	return &redigo.Pool{
		MaxIdle:     4,
		IdleTimeout: 4 * time.Minute,
		DialContext: func(ctx context.Context) (redigo.Conn, error) {
			return redigo.DialContext(ctx, "tcp", addr)
		},
	}
}

// wire makes the redpipe Client over b: DefaultConn for plain batches and
// atomicConn for MULTI/EXEC ones, both on the same driver client.
func wire(opts []redpipe.ConnOption, obs redpipe.Observer, b ports.Backend, closeDriver func() error) (*redpipe.Client, func() error, error) {
	c := redpipe.New(redpipe.WithObserver(obs))
	closeAll := func() error { return errors.Join(c.Close(), closeDriver()) }
	if err := c.Connect(redpipe.DefaultConn, b, opts...); err != nil {
		return nil, nil, errors.Join(err, closeAll())
	}
	if err := c.Connect(atomicConn, b, append([]redpipe.ConnOption{redpipe.WithTransaction()}, opts...)...); err != nil {
		return nil, nil, errors.Join(err, closeAll())
	}
	return c, closeAll, nil
}
