package bench

import (
	"context"
	"testing"
	"time"

	"github.com/redpipe-go/redpipe"
	goredisadapter "github.com/redpipe-go/redpipe/adapters/goredis"
)

const (
	fanoutServers = 3
	fanoutCmds    = 10 // mixed commands per server
	fanoutRTT     = time.Millisecond
)

// fanoutScenario: three servers, each behind a 1 ms round trip, one redpipe
// Exec with a nested pipeline per named connection, sent in parallel (the
// default) or with Serial(); the reference is one raw go-redis round trip
// with one server's share of the batch.
func fanoutScenario(tb testing.TB) scenario {
	c := redpipe.New()
	var ref variant
	names := make([]string, fanoutServers)
	for i := range fanoutServers {
		rdb := newGoRedis(tb, proxied(tb, standalone(tb, i), fanoutRTT))
		names[i] = "s" + itoa(i)
		if err := c.Connect(names[i], goredisadapter.NewBackend(rdb)); err != nil {
			tb.Fatal(err)
		}
		if i == 0 {
			ref = batchVariant("goredis-1rtt", fanoutCmds, goredisMixed(rdb))
		}
	}
	return scenario{
		cmds: fanoutServers * fanoutCmds,
		variants: []variant{
			ref,
			fanoutVariant("redpipe-parallel", c, names),
			fanoutVariant("redpipe-serial", c, names, redpipe.Serial()),
		},
		ratios: [][2]string{
			{"redpipe-parallel", "goredis-1rtt"},
			{"redpipe-serial", "goredis-1rtt"},
		},
	}
}

// fanoutVariant queues fanoutCmds mixed commands on each named connection
// and executes them with one root Exec.
func fanoutVariant(name string, c *redpipe.Client, conns []string, opts ...redpipe.Option) variant {
	batches := make([]*redpipeBatch, len(conns))
	hot := make([][]op, len(conns))
	for i, cn := range conns {
		batches[i] = newRedpipeBatch(fanoutCmds)
		hot[i] = mixedOps("hot:"+name+":"+cn+":", fanoutCmds)
	}
	return variant{name: name, run: func(ctx context.Context, check bool) error {
		ops := hot
		if check {
			ops = make([][]op, len(conns))
			for i := range conns {
				ops[i] = mixedOps(freshPrefix(name), fanoutCmds)
			}
		}
		p := c.Pipeline(opts...)
		for i, cn := range conns {
			q := p.Pipeline(redpipe.On(cn))
			batches[i].queue(q, ops[i])
			if err := q.Exec(ctx); err != nil {
				return err
			}
		}
		if err := p.Exec(ctx); err != nil || !check {
			return err
		}
		for i := range conns {
			if err := batches[i].verify(ops[i]); err != nil {
				return err
			}
		}
		return nil
	}}
}

// BenchmarkFanout: one Exec over three servers, parallel vs Serial().
func BenchmarkFanout(b *testing.B) { measure(b, fanoutScenario(b)) }
