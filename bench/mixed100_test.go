package bench

import (
	"context"
	"testing"

	goredisadapter "github.com/redpipe-go/redpipe/adapters/goredis"
	redigoadapter "github.com/redpipe-go/redpipe/adapters/redigo"
	rueidisadapter "github.com/redpipe-go/redpipe/adapters/rueidis"
)

// batchVariant runs do on the variant's own hot keys, or on fresh keys
// when checking.
func batchVariant(name string, n int, do func(context.Context, []op, bool) error) variant {
	hot := mixedOps("hot:"+name+":", n)
	return variant{name: name, run: func(ctx context.Context, check bool) error {
		if check {
			return do(ctx, mixedOps(freshPrefix(name), n), true)
		}
		return do(ctx, hot, false)
	}}
}

// mixedScenario is a batch of n mixed commands through each driver raw and
// through redpipe over it, all on standalone server 0. The raw variants
// are named after their driver, redpipe's "redpipe-<driver>".
func mixedScenario(tb testing.TB, n int) scenario {
	addr := standalone(tb, 0)
	rdb := newGoRedis(tb, addr)
	pool := newRedigo(tb, addr)
	rue := newRueidis(tb, addr)
	// redpipe wraps the same driver clients the raw variants use.
	rpGoredis := newRedpipe(tb, goredisadapter.NewBackend(rdb))
	rpRedigo := newRedpipe(tb, redigoadapter.NewBackend(pool))
	rpRueidis := newRedpipe(tb, rueidisadapter.NewBackend(rue))
	// What tracing and metrics cost: the same over go-redis, observed by
	// redpipeotel.
	rpOtel := newOtelRedpipe(tb, goredisadapter.NewBackend(rdb))
	return scenario{
		cmds: n,
		variants: []variant{
			batchVariant("goredis", n, goredisMixed(rdb)),
			batchVariant("redpipe-goredis", n, redpipeMixed(rpGoredis, n)),
			batchVariant("redigo", n, redigoMixed(pool)),
			batchVariant("redpipe-redigo", n, redpipeMixed(rpRedigo, n)),
			batchVariant("rueidis", n, rueidisMixed(rue)),
			batchVariant("redpipe-rueidis", n, redpipeMixed(rpRueidis, n)),
			batchVariant("redpipe-goredis-otel", n, redpipeMixed(rpOtel, n)),
		},
		ratios: [][2]string{
			{"redpipe-goredis", "goredis"},
			{"redpipe-redigo", "redigo"},
			{"redpipe-rueidis", "rueidis"},
			// The drivers against go-redis, and redpipe's stretch target:
			// over its fastest adapter, faster than go-redis's Pipeline.
			{"redigo", "goredis"},
			{"rueidis", "goredis"},
			{"redpipe-redigo", "goredis"},
			{"redpipe-rueidis", "goredis"},
			{"redpipe-goredis-otel", "redpipe-goredis"},
		},
	}
}

// BenchmarkMixed100: 100 commands (INCR, SET, GET, HSET, HGETALL, ZADD,
// EXPIRE) in one round trip, each driver raw and under redpipe.
func BenchmarkMixed100(b *testing.B) { measure(b, mixedScenario(b, 100)) }
