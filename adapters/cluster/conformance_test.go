package cluster_test

import (
	"context"
	"errors"
	"os"
	"testing"
	"time"

	redigoredis "github.com/gomodule/redigo/redis"
	"github.com/onsi/gomega/gleak"
	"github.com/redis/go-redis/v9"
	"github.com/redis/rueidis"

	"github.com/redpipe-go/redpipe/adapters/cluster"
	"github.com/redpipe-go/redpipe/adapters/goredis"
	"github.com/redpipe-go/redpipe/adapters/redigo"
	rueidisadapter "github.com/redpipe-go/redpipe/adapters/rueidis"
	"github.com/redpipe-go/redpipe/conformance"
	"github.com/redpipe-go/redpipe/conformance/redistest"
	"github.com/redpipe-go/redpipe/ports"
)

func TestMain(m *testing.M) { os.Exit(redistest.Main(m)) }

// TestCluster runs the contract over the router on both node drivers,
// with the router's own specs (faults, migration, splitting) in the same
// Ginkgo suite.
func TestCluster(t *testing.T) {
	conformance.RunAll(t,
		conformance.Config{Name: "cluster/goredis-nodes", Harness: newHarness(goredisDriver)},
		conformance.Config{Name: "cluster/redigo-nodes", Harness: newHarness(redigoDriver)},
		conformance.Config{Name: "cluster/goredis-nodes/coalescing", Harness: newHarness(goredisDriver), Coalescing: true},
		conformance.Config{Name: "cluster/rueidis-nodes", Harness: newHarness(rueidisDriver)},
	)
}

// driver makes the backend for one node (the main connection's routers)
// or for one standalone server (the second connection), and says how to
// close what it made.
type driver struct {
	name    string
	node    func(addr string) (ports.Backend, func() error)
	oneConn func(addr string) (ports.Backend, func() error) // a node backend whose pool holds one connection
	lacks   map[conformance.Capability]string
}

var goredisDriver = driver{
	name: "goredis",
	node: func(addr string) (ports.Backend, func() error) {
		c := redis.NewClient(&redis.Options{Addr: addr})
		return goredis.NewBackend(c), c.Close
	},
	oneConn: func(addr string) (ports.Backend, func() error) {
		c := redis.NewClient(&redis.Options{Addr: addr, PoolSize: 1})
		return goredis.NewBackend(c), c.Close
	},
	lacks: map[conformance.Capability]string{},
}

var redigoDriver = driver{
	name: "redigo",
	node: func(addr string) (ports.Backend, func() error) {
		p := &redigoredis.Pool{
			MaxIdle:     4,
			IdleTimeout: 4 * time.Minute,
			DialContext: func(ctx context.Context) (redigoredis.Conn, error) {
				return redigoredis.DialContext(ctx, "tcp", addr)
			},
		}
		return redigo.NewBackend(p), p.Close
	},
	oneConn: func(addr string) (ports.Backend, func() error) {
		p := &redigoredis.Pool{
			MaxActive: 1,
			Wait:      true,
			DialContext: func(ctx context.Context) (redigoredis.Conn, error) {
				return redigoredis.DialContext(ctx, "tcp", addr)
			},
		}
		return redigo.NewBackend(p), p.Close
	},
	lacks: map[conformance.Capability]string{
		conformance.CapRESP3Types: "redigo speaks RESP2 only: replies carry no double/boolean/big-number types",
	},
}

// rueidisDriver's nodes are rueidis clients with their cache on (RESP3,
// rueidis's defaults), one per node: ForceSingleClient keeps rueidis from
// making a cluster client of its own when the node it dials is a cluster
// node, so the router routes and rueidis only sends (and caches).
var rueidisDriver = driver{
	name: "rueidis",
	node: func(addr string) (ports.Backend, func() error) {
		return rueidisNode(rueidis.ClientOption{InitAddress: []string{addr}, ForceSingleClient: true})
	},
	oneConn: func(addr string) (ports.Backend, func() error) {
		return rueidisNode(rueidis.ClientOption{InitAddress: []string{addr}, ForceSingleClient: true, BlockingPoolSize: 1})
	},
	lacks: map[conformance.Capability]string{},
}

// rueidisNode makes the client. With ForceSingleClient, NewClient gives a
// client even for a server down or silent (with the dial's error), whose
// connection dials again for the next command, as an application that
// may start before its Redis needs.
func rueidisNode(o rueidis.ClientOption) (ports.Backend, func() error) {
	c, _ := rueidis.NewClient(o)
	if c == nil {
		return rueidisadapter.NewBackend(nil), func() error { return nil }
	}
	return rueidisadapter.NewBackend(c), func() error { c.Close(); return nil }
}

// harness builds routers whose nodes are the driver's backends, the way an
// application would, and closes routers and driver clients at the end.
type harness struct {
	drv driver

	routers conformance.Closers
	nodes   conformance.Closers
}

var (
	_ conformance.Harness              = (*harness)(nil)
	_ conformance.OneConnectionHarness = (*harness)(nil)
)

func newHarness(d driver) conformance.HarnessMaker {
	return func(context.Context) (conformance.Harness, error) { return &harness{drv: d}, nil }
}

func (h *harness) Topology() conformance.Topology { return conformance.Cluster }

func (h *harness) Standalone(_ context.Context, addr string) (ports.Backend, error) {
	return h.node(addr), nil
}

// StandaloneOneConnection: the driver's node backend with a pool of one.
func (h *harness) StandaloneOneConnection(_ context.Context, addr string) (ports.Backend, error) {
	b, closer := h.drv.oneConn(addr)
	h.nodes.Keep(closer)
	return b, nil
}

func (h *harness) Cluster(ctx context.Context, seeds []string) (ports.Backend, error) {
	r, err := cluster.New(ctx, cluster.Options{
		Addrs:   seeds,
		NewNode: func(addr string) (ports.Backend, error) { return h.node(addr), nil },
	})
	if err != nil {
		return nil, err
	}
	h.routers.Keep(r.Close)
	return r, nil
}

func (h *harness) node(addr string) ports.Backend {
	b, closer := h.drv.node(addr)
	h.nodes.Keep(closer)
	return b
}

func (h *harness) Lacks() map[conformance.Capability]string { return h.drv.lacks }

func (h *harness) IgnoredGoroutines() []any {
	return []any{
		gleak.IgnoringTopFunction("github.com/redis/go-redis/v9/maintnotifications.(*CircuitBreakerManager).cleanupLoop"),
		gleak.IgnoringInBacktrace("github.com/redis/rueidis.(*pipe)._background"),
	}
}

// Close closes the routers before the clients under them: a router's
// background refresh must not use a closed client.
func (h *harness) Close() error {
	return errors.Join(h.routers.Close(), h.nodes.Close())
}
