package bench

import (
	"context"
	"fmt"
	"testing"
	"time"

	goredis "github.com/redis/go-redis/v9"

	"github.com/redpipe-go/redpipe"
	goredisadapter "github.com/redpipe-go/redpipe/adapters/goredis"
)

// composedCalls is how many times the composed scenario calls its building
// block (two commands each); composedRTT is the injected round-trip time.
const (
	composedCalls = 100
	composedRTT   = time.Millisecond
)

// incrAndExpire is the reusable building block, written once against
// redpipe.Scope (README's example): alone it costs one round trip, inside
// a caller's pipeline nothing extra.
func incrAndExpire(ctx context.Context, s redpipe.Scope, key string) *redpipe.Future[int64] {
	p := s.Pipeline()
	n := p.Incr(key)
	p.Expire(key, ttl)
	// Nested, Exec only hands the commands to the parent; a failure of
	// either command reaches n and the root's Exec.
	_ = p.Exec(ctx)
	return n
}

// incrAndExpireDirect is the same function written with direct go-redis
// calls: two round trips.
func incrAndExpireDirect(ctx context.Context, rdb *goredis.Client, key string) (int64, error) {
	n, err := rdb.Incr(ctx, key).Result()
	if err != nil {
		return 0, err
	}
	ok, err := rdb.Expire(ctx, key, ttl).Result()
	if err == nil && !ok {
		err = fmt.Errorf("EXPIRE %s: false", key)
	}
	return n, err
}

// composedKeys returns the per-call keys: the variant's hot ones, or fresh
// ones when checking (so that every INCR must give exactly 1).
func composedKeys(name string) func(check bool) []string {
	mk := func(prefix string) []string {
		keys := make([]string, composedCalls)
		for i := range keys {
			keys[i] = prefix + "k" + itoa(i)
		}
		return keys
	}
	hot := mk("hot:" + name + ":")
	return func(check bool) []string {
		if check {
			return mk(freshPrefix(name))
		}
		return hot
	}
}

func checkCounter(key string, n int64) error {
	if n != 1 {
		return fmt.Errorf("INCR %s: got %d, want 1", key, n)
	}
	return nil
}

// composedScenario: 100 calls of incrAndExpire behind a 1 ms round trip,
// composed into one redpipe Exec, against the same function with direct
// calls (200 round trips) and a hand-written go-redis pipeline of the same
// 200 commands.
func composedScenario(tb testing.TB) scenario {
	addr := proxied(tb, standalone(tb, 0), composedRTT)
	rdb := newGoRedis(tb, addr)
	c := newRedpipe(tb, goredisadapter.NewBackend(rdb))

	rpKeys := composedKeys("redpipe-goredis")
	futures := make([]*redpipe.Future[int64], composedCalls)
	rp := func(ctx context.Context, check bool) error {
		keys := rpKeys(check)
		p := c.Pipeline()
		for i, k := range keys {
			futures[i] = incrAndExpire(ctx, p, k)
		}
		if err := p.Exec(ctx); err != nil || !check {
			return err
		}
		for i, f := range futures {
			if err := checkCounter(keys[i], f.Val()); err != nil {
				return err
			}
		}
		return nil
	}

	directKeys := composedKeys("goredis-direct")
	direct := func(ctx context.Context, check bool) error {
		for _, k := range directKeys(check) {
			n, err := incrAndExpireDirect(ctx, rdb, k)
			if err != nil {
				return err
			}
			if check {
				if err := checkCounter(k, n); err != nil {
					return err
				}
			}
		}
		return nil
	}

	pipeKeys := composedKeys("goredis-pipeline")
	handWritten := func(ctx context.Context, check bool) error {
		keys := pipeKeys(check)
		pipe := rdb.Pipeline()
		incrs := make([]*goredis.IntCmd, len(keys))
		expires := make([]*goredis.BoolCmd, len(keys))
		for i, k := range keys {
			incrs[i] = pipe.Incr(ctx, k)
			expires[i] = pipe.Expire(ctx, k, ttl)
		}
		if _, err := pipe.Exec(ctx); err != nil || !check {
			return err
		}
		for i, k := range keys {
			if err := checkCounter(k, incrs[i].Val()); err != nil {
				return err
			}
			if !expires[i].Val() {
				return fmt.Errorf("EXPIRE %s: false", k)
			}
		}
		return nil
	}

	return scenario{
		cmds: 2 * composedCalls,
		variants: []variant{
			{name: "goredis-pipeline", run: handWritten},
			{name: "redpipe-goredis", run: rp},
			{name: "goredis-direct", run: direct},
		},
		ratios: [][2]string{
			{"redpipe-goredis", "goredis-pipeline"},
			{"goredis-direct", "redpipe-goredis"}, // redpipe's speed-up
		},
	}
}

// BenchmarkComposed: one iteration takes ~200 ms (the direct variant's 200
// round trips), so run it with a count, e.g. -benchtime 10x.
func BenchmarkComposed(b *testing.B) { measure(b, composedScenario(b)) }
