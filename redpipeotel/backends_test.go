package redpipeotel_test

import (
	"context"
	"testing"

	redigo "github.com/gomodule/redigo/redis"
	"github.com/redis/go-redis/v9"
	"github.com/redis/rueidis"

	"github.com/redpipe-go/redpipe/adapters/cluster"
	goredisadapter "github.com/redpipe-go/redpipe/adapters/goredis"
	redigoadapter "github.com/redpipe-go/redpipe/adapters/redigo"
	rueidisadapter "github.com/redpipe-go/redpipe/adapters/rueidis"
	"github.com/redpipe-go/redpipe/conformance/redistest"
	"github.com/redpipe-go/redpipe/ports"
)

// backend is one way to the main server: every adapter, standalone and
// on the test cluster, and the router.
type backend struct {
	name string
	// addr is what ports.ServerAddresser gives for it ("" where the
	// backend cannot tell, or spreads a batch over a cluster).
	addr bool
	// node: the backend reports the node it sent to (the router), so a
	// batch of one hash tag carries that node's address.
	node    bool
	cluster bool
	// coalescing: the main connection is WithCoalescing().
	coalescing bool
	open       func(t *testing.T) ports.Backend
}

func sharedAddr(t *testing.T, i int) string {
	t.Helper()
	s, err := redistest.SharedServer(t.Context(), i)
	if err != nil {
		t.Fatal(err)
	}
	return s.Addr
}

func clusterAddrs(t *testing.T) []string {
	t.Helper()
	c, err := redistest.SharedCluster(t.Context())
	if err != nil {
		t.Fatal(err)
	}
	addrs := make([]string, len(c.Nodes))
	for i, n := range c.Nodes {
		addrs[i] = n.Addr
	}
	return addrs
}

func goredisBackend(t *testing.T, addr string) ports.Backend {
	return goredisProtocol(t, addr, 3)
}

func goredisProtocol(t *testing.T, addr string, protocol int) ports.Backend {
	c := redis.NewClient(&redis.Options{Addr: addr, Protocol: protocol})
	t.Cleanup(func() { _ = c.Close() })
	return goredisadapter.NewBackend(c)
}

func redigoBackend(t *testing.T, addr string) ports.Backend {
	pool := &redigo.Pool{MaxIdle: 2, DialContext: func(ctx context.Context) (redigo.Conn, error) {
		return redigo.DialContext(ctx, "tcp", addr)
	}}
	t.Cleanup(func() { _ = pool.Close() })
	return redigoadapter.NewBackend(pool)
}

func rueidisBackend(t *testing.T, addrs ...string) ports.Backend {
	return rueidisOptions(t, rueidis.ClientOption{InitAddress: addrs, DisableCache: true})
}

func rueidisOptions(t *testing.T, o rueidis.ClientOption) ports.Backend {
	c, err := rueidis.NewClient(o)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(c.Close)
	return rueidisadapter.NewBackend(c)
}

var backends = []backend{
	{name: "redigo", open: func(t *testing.T) ports.Backend { return redigoBackend(t, sharedAddr(t, 0)) }},
	{name: "goredis", addr: true, open: func(t *testing.T) ports.Backend { return goredisBackend(t, sharedAddr(t, 0)) }},
	{name: "rueidis", addr: true, open: func(t *testing.T) ports.Backend { return rueidisBackend(t, sharedAddr(t, 0)) }},
	{name: "goredis/resp2", addr: true, open: func(t *testing.T) ports.Backend { return goredisProtocol(t, sharedAddr(t, 0), 2) }},
	{name: "rueidis/resp2", addr: true, open: func(t *testing.T) ports.Backend {
		return rueidisOptions(t, rueidis.ClientOption{InitAddress: []string{sharedAddr(t, 0)}, DisableCache: true, AlwaysRESP2: true})
	}},
	{name: "goredis/coalescing", addr: true, coalescing: true, open: func(t *testing.T) ports.Backend { return goredisBackend(t, sharedAddr(t, 0)) }},
	// A sentinel-backed client has no fixed address to report.
	{name: "goredis/sentinel", open: func(t *testing.T) ports.Backend {
		d, err := redistest.SharedSentinel(t.Context())
		if err != nil {
			t.Fatal(err)
		}
		sentinels := make([]string, len(d.Sentinels))
		for i, s := range d.Sentinels {
			sentinels[i] = s.Addr
		}
		c := redis.NewFailoverClient(&redis.FailoverOptions{MasterName: d.MasterName, SentinelAddrs: sentinels})
		t.Cleanup(func() { _ = c.Close() })
		return goredisadapter.NewBackend(c)
	}},
	{name: "goredis/cluster", cluster: true, open: func(t *testing.T) ports.Backend {
		c := redis.NewClusterClient(&redis.ClusterOptions{Addrs: clusterAddrs(t)})
		t.Cleanup(func() { _ = c.Close() })
		return goredisadapter.NewBackend(c)
	}},
	{name: "rueidis/cluster", cluster: true, open: func(t *testing.T) ports.Backend { return rueidisBackend(t, clusterAddrs(t)...) }},
	{name: "router/redigo-nodes", cluster: true, node: true, open: func(t *testing.T) ports.Backend {
		r, err := cluster.New(t.Context(), cluster.Options{
			Addrs:   clusterAddrs(t),
			NewNode: func(addr string) (ports.Backend, error) { return redigoBackend(t, addr), nil },
		})
		if err != nil {
			t.Fatal(err)
		}
		t.Cleanup(func() { _ = r.Close() })
		return r
	}},
}

// owner is the master of the shared cluster that serves key's slot: the
// one that answers GET without MOVED.
func owner(t *testing.T, key string) string {
	t.Helper()
	_, masters := sharedMasters(t)
	for _, m := range masters {
		if _, err := redistest.Do(t.Context(), m, "GET", key); err == nil {
			return m
		}
	}
	t.Fatalf("no master serves %q", key)
	return ""
}

// sharedMasters is the shared cluster and its masters' addresses.
func sharedMasters(t *testing.T) (*redistest.Cluster, []string) {
	t.Helper()
	c, err := redistest.SharedCluster(t.Context())
	if err != nil {
		t.Fatal(err)
	}
	masters, err := c.Masters(t.Context())
	if err != nil {
		t.Fatal(err)
	}
	return c, masters
}
