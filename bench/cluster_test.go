package bench

import (
	"context"
	"testing"

	redigo "github.com/gomodule/redigo/redis"
	goredis "github.com/redis/go-redis/v9"

	"github.com/redpipe-go/redpipe/adapters/cluster"
	goredisadapter "github.com/redpipe-go/redpipe/adapters/goredis"
	redigoadapter "github.com/redpipe-go/redpipe/adapters/redigo"
	rueidisadapter "github.com/redpipe-go/redpipe/adapters/rueidis"
	"github.com/redpipe-go/redpipe/conformance/redistest"
	"github.com/redpipe-go/redpipe/ports"
)

const clusterKeys = 1000

// clusterOps returns one command per key over clusterKeys keys spread over
// every slot range: SET on even keys, GET on odd ones, whose value
// prepareCluster stored. Every reply is known, so the same keys serve the
// check and the loop.
func clusterOps() []op {
	ops := make([]op, clusterKeys)
	for i := range ops {
		o := op{kind: opSet, key: "cl:k" + itoa(i), val: "v" + itoa(i)}
		if i%2 == 1 {
			o.kind = opGet
		}
		ops[i] = o
	}
	return ops
}

// clusterMasters returns the shared cluster's master addresses.
func clusterMasters(tb testing.TB) []string {
	tb.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), setupTimeout)
	defer cancel()
	cl, err := redistest.SharedCluster(ctx)
	if err != nil {
		tb.Fatal(err)
	}
	masters, err := cl.Masters(ctx)
	if err != nil {
		tb.Fatal(err)
	}
	return masters
}

// newRouter returns redpipe's cluster router with a node backend per
// address made by newNode.
func newRouter(tb testing.TB, masters []string, newNode func(addr string) (ports.Backend, error)) *cluster.Router {
	tb.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), setupTimeout)
	defer cancel()
	r, err := cluster.New(ctx, cluster.Options{Addrs: masters, NewNode: newNode})
	if err != nil {
		tb.Fatal(err)
	}
	tb.Cleanup(func() { r.Close() }) // registered after the nodes' clients: runs before them
	return r
}

// clusterScenario: 1000 keys over the shared cluster's 3 masters, in one
// batch, through go-redis's ClusterClient pipeline (the reference),
// rueidis's cluster DoMulti, redpipe's router over redigo and over go-redis
// nodes, and redpipe's goredis and rueidis adapters over those drivers'
// own cluster clients.
func clusterScenario(tb testing.TB) scenario {
	masters := clusterMasters(tb)
	ops := clusterOps()

	cc := goredis.NewClusterClient(&goredis.ClusterOptions{Addrs: masters})
	tb.Cleanup(func() { cc.Close() })
	prepareCluster(tb, cc, ops)
	// Seeded with masters only: rueidis keeps its seed connections as they
	// are, without READONLY (see the rueidis adapter's doc).
	rue := newRueidis(tb, masters...)

	var pools []*redigo.Pool
	var nodeClients []*goredis.Client
	tb.Cleanup(func() {
		for _, p := range pools {
			p.Close()
		}
		for _, c := range nodeClients {
			c.Close()
		}
	})
	// NewNode may be called from the router's refresh: the slices are only
	// appended to before the benchmark starts in practice (the topology is
	// stable), and closed after the router stopped.
	overRedigo := newRouter(tb, masters, func(addr string) (ports.Backend, error) {
		p := redigoPool(addr)
		pools = append(pools, p)
		return redigoadapter.NewBackend(p), nil
	})
	overGoredis := newRouter(tb, masters, func(addr string) (ports.Backend, error) {
		c := goredis.NewClient(&goredis.Options{Addr: addr})
		nodeClients = append(nodeClients, c)
		return goredisadapter.NewBackend(c), nil
	})

	fixed := func(name string, do func(context.Context, []op, bool) error) variant {
		return variant{name: name, run: func(ctx context.Context, check bool) error { return do(ctx, ops, check) }}
	}
	return scenario{
		cmds: clusterKeys,
		variants: []variant{
			fixed("goredis-cluster", goredisMixed(cc)),
			fixed("rueidis-cluster", rueidisMixed(rue)),
			fixed("router-redigo", redpipeMixed(newRedpipe(tb, overRedigo), clusterKeys)),
			fixed("router-goredis", redpipeMixed(newRedpipe(tb, overGoredis), clusterKeys)),
			fixed("redpipe-goredis-cluster", redpipeMixed(newRedpipe(tb, goredisadapter.NewBackend(cc)), clusterKeys)),
			fixed("redpipe-rueidis-cluster", redpipeMixed(newRedpipe(tb, rueidisadapter.NewBackend(rue)), clusterKeys)),
		},
		ratios: [][2]string{
			{"rueidis-cluster", "goredis-cluster"},
			{"router-redigo", "goredis-cluster"},
			{"router-goredis", "goredis-cluster"},
			{"redpipe-goredis-cluster", "goredis-cluster"},
			{"redpipe-rueidis-cluster", "rueidis-cluster"},
		},
	}
}

// prepareCluster stores the value every GET of ops must read.
func prepareCluster(tb testing.TB, cc *goredis.ClusterClient, ops []op) {
	tb.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), setupTimeout)
	defer cancel()
	pipe := cc.Pipeline()
	for _, o := range ops {
		if o.kind == opGet {
			pipe.Set(ctx, o.key, o.val, 0)
		}
	}
	if _, err := pipe.Exec(ctx); err != nil {
		tb.Fatal(err)
	}
}

// BenchmarkCluster: 1000 keys over 3 masters in one batch.
func BenchmarkCluster(b *testing.B) { measure(b, clusterScenario(b)) }
