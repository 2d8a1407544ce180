//lint:file-ignore SA1019 the differential test calls deprecated methods on both sides on purpose: they are still part of the surface

package difftest

import (
	"time"

	"github.com/redis/go-redis/v9"

	"github.com/redpipe-go/redpipe"
)

// More keys, lists and sets: pops and moves whose nil and empty replies
// differ by command, and renames whose errors Redis words itself.
var _ = family(func() []tcase {
	list := args("RPUSH", "@l", "a", "", "\x00\xff", "\r\n")
	return []tcase{
		{name: "LPopCount", arrange: [][]string{list}, calls: []call{
			c(func(r *redis.Client, k K) (any, error) { return r.LPopCount(ctx, k("l"), 2).Result() },
				func(p *redpipe.Pipeline, k K) func() (any, error) { return fut(p.LPopCount(k("l"), 2)) }),
			c(func(r *redis.Client, k K) (any, error) { return r.LPopCount(ctx, k("none"), 2).Result() },
				func(p *redpipe.Pipeline, k K) func() (any, error) { return fut(p.LPopCount(k("none"), 2)) }),
			c(func(r *redis.Client, k K) (any, error) { return r.RPop(ctx, k("l")).Result() },
				func(p *redpipe.Pipeline, k K) func() (any, error) { return fut(p.RPop(k("l"))) }),
		}},
		{name: "BLPop", arrange: [][]string{list}, calls: []call{
			c(func(r *redis.Client, k K) (any, error) { return r.BLPop(ctx, time.Second, k("none"), k("l")).Result() },
				func(p *redpipe.Pipeline, k K) func() (any, error) {
					return fut(p.BLPop(time.Second, k("none"), k("l")))
				}),
			c(func(r *redis.Client, k K) (any, error) { return r.BRPop(ctx, 10*time.Millisecond, k("none")).Result() },
				func(p *redpipe.Pipeline, k K) func() (any, error) {
					return fut(p.BRPop(10*time.Millisecond, k("none")))
				}),
		}},
		{name: "LMove", arrange: [][]string{list}, calls: []call{
			c(func(r *redis.Client, k K) (any, error) { return r.LMove(ctx, k("l"), k("m"), "LEFT", "RIGHT").Result() },
				func(p *redpipe.Pipeline, k K) func() (any, error) {
					return fut(p.LMove(k("l"), k("m"), "LEFT", "RIGHT"))
				}),
			c(func(r *redis.Client, k K) (any, error) {
				return r.LMove(ctx, k("none"), k("m"), "LEFT", "RIGHT").Result()
			},
				func(p *redpipe.Pipeline, k K) func() (any, error) {
					return fut(p.LMove(k("none"), k("m"), "LEFT", "RIGHT"))
				}),
		}},
		{name: "LInsert", arrange: [][]string{list}, calls: []call{
			c(func(r *redis.Client, k K) (any, error) { return r.LInsert(ctx, k("l"), "BEFORE", "", "\x00").Result() },
				func(p *redpipe.Pipeline, k K) func() (any, error) {
					return fut(p.LInsert(k("l"), "BEFORE", "", "\x00"))
				}),
			c(func(r *redis.Client, k K) (any, error) { return r.LInsert(ctx, k("l"), "AFTER", "zz", "x").Result() },
				func(p *redpipe.Pipeline, k K) func() (any, error) { return fut(p.LInsert(k("l"), "AFTER", "zz", "x")) }),
		}},
		{name: "LSet", arrange: [][]string{list}, calls: []call{
			c(func(r *redis.Client, k K) (any, error) { return r.LSet(ctx, k("l"), -1, "").Result() },
				func(p *redpipe.Pipeline, k K) func() (any, error) { return fut(p.LSet(k("l"), -1, "")) }),
			c(func(r *redis.Client, k K) (any, error) { return r.LSet(ctx, k("l"), 99, "x").Result() },
				func(p *redpipe.Pipeline, k K) func() (any, error) { return fut(p.LSet(k("l"), 99, "x")) }),
		}},
		{name: "LRange", arrange: [][]string{list}, calls: []call{
			c(func(r *redis.Client, k K) (any, error) { return r.LRange(ctx, k("l"), -100, 100).Result() },
				func(p *redpipe.Pipeline, k K) func() (any, error) { return fut(p.LRange(k("l"), -100, 100)) }),
			c(func(r *redis.Client, k K) (any, error) { return r.LIndex(ctx, k("l"), 7).Result() },
				func(p *redpipe.Pipeline, k K) func() (any, error) { return fut(p.LIndex(k("l"), 7)) }),
		}},
		{name: "SPopN", arrange: [][]string{args("SADD", "@s", "only")}, calls: []call{
			c(func(r *redis.Client, k K) (any, error) { return r.SPopN(ctx, k("s"), 5).Result() },
				func(p *redpipe.Pipeline, k K) func() (any, error) { return fut(p.SPopN(k("s"), 5)) }),
			c(func(r *redis.Client, k K) (any, error) { return r.SPop(ctx, k("s")).Result() },
				func(p *redpipe.Pipeline, k K) func() (any, error) { return fut(p.SPop(k("s"))) }),
		}},
		{name: "SMove", arrange: [][]string{args("SADD", "@s", "a"), args("SET", "@str", "x")}, calls: []call{
			c(func(r *redis.Client, k K) (any, error) { return r.SMove(ctx, k("s"), k("d"), "a").Result() },
				func(p *redpipe.Pipeline, k K) func() (any, error) { return fut(p.SMove(k("s"), k("d"), "a")) }),
			c(func(r *redis.Client, k K) (any, error) { return r.SMove(ctx, k("d"), k("str"), "a").Result() },
				func(p *redpipe.Pipeline, k K) func() (any, error) { return fut(p.SMove(k("d"), k("str"), "a")) }),
		}},
		{name: "Rename", arrange: [][]string{args("SET", "@a", "v")}, calls: []call{
			c(func(r *redis.Client, k K) (any, error) { return r.Rename(ctx, k("a"), k("b")).Result() },
				func(p *redpipe.Pipeline, k K) func() (any, error) { return fut(p.Rename(k("a"), k("b"))) }),
			c(func(r *redis.Client, k K) (any, error) { return r.Rename(ctx, k("none"), k("c")).Result() },
				func(p *redpipe.Pipeline, k K) func() (any, error) { return fut(p.Rename(k("none"), k("c"))) }),
			c(func(r *redis.Client, k K) (any, error) { return r.RenameNX(ctx, k("b"), k("b")).Result() },
				func(p *redpipe.Pipeline, k K) func() (any, error) { return fut(p.RenameNX(k("b"), k("b"))) }),
		}},
		{name: "GetDel", arrange: [][]string{args("SET", "@a", "\x00")}, calls: []call{
			c(func(r *redis.Client, k K) (any, error) { return r.GetDel(ctx, k("a")).Result() },
				func(p *redpipe.Pipeline, k K) func() (any, error) { return fut(p.GetDel(k("a"))) }),
			c(func(r *redis.Client, k K) (any, error) { return r.GetDel(ctx, k("a")).Result() },
				func(p *redpipe.Pipeline, k K) func() (any, error) { return fut(p.GetDel(k("a"))) }),
		}},
		{name: "MSetNX", arrange: [][]string{args("SET", "@b", "x")}, calls: []call{
			c(func(r *redis.Client, k K) (any, error) { return r.MSetNX(ctx, k("a"), "1", k("b"), "2").Result() },
				func(p *redpipe.Pipeline, k K) func() (any, error) { return fut(p.MSetNX(k("a"), "1", k("b"), "2")) }),
			c(func(r *redis.Client, k K) (any, error) { return r.MSet(ctx, k("c"), "", k("d"), -0.5).Result() },
				func(p *redpipe.Pipeline, k K) func() (any, error) { return fut(p.MSet(k("c"), "", k("d"), -0.5)) }),
		}},
		{name: "Persist", arrange: [][]string{args("SET", "@a", "v", "PX", "100000")}, calls: []call{
			c(func(r *redis.Client, k K) (any, error) { return r.Persist(ctx, k("a")).Result() },
				func(p *redpipe.Pipeline, k K) func() (any, error) { return fut(p.Persist(k("a"))) }),
			c(func(r *redis.Client, k K) (any, error) { return r.Persist(ctx, k("a")).Result() },
				func(p *redpipe.Pipeline, k K) func() (any, error) { return fut(p.Persist(k("a"))) }),
		}},
		{name: "Exists", arrange: [][]string{args("SET", "@a", "v")}, calls: []call{
			c(func(r *redis.Client, k K) (any, error) { return r.Exists(ctx, k("a"), k("a"), k("none")).Result() },
				func(p *redpipe.Pipeline, k K) func() (any, error) { return fut(p.Exists(k("a"), k("a"), k("none"))) }),
			c(func(r *redis.Client, k K) (any, error) { return r.Unlink(ctx, k("a"), k("none")).Result() },
				func(p *redpipe.Pipeline, k K) func() (any, error) { return fut(p.Unlink(k("a"), k("none"))) }),
		}},
		{name: "ZRevRangeByLex", arrange: [][]string{args("ZADD", "@l", "0", "a", "0", "b", "0", "c")}, calls: []call{
			c(func(r *redis.Client, k K) (any, error) {
				return r.ZRevRangeByLex(ctx, k("l"), &redis.ZRangeBy{Min: "-", Max: "(c"}).Result()
			}, func(p *redpipe.Pipeline, k K) func() (any, error) {
				return fut(p.ZRevRangeByLex(k("l"), &redpipe.ZRangeBy{Min: "-", Max: "(c"}))
			}),
			c(func(r *redis.Client, k K) (any, error) { return r.ZLexCount(ctx, k("l"), "[b", "+").Result() },
				func(p *redpipe.Pipeline, k K) func() (any, error) { return fut(p.ZLexCount(k("l"), "[b", "+")) }),
			c(func(r *redis.Client, k K) (any, error) { return r.ZRemRangeByLex(ctx, k("l"), "[a", "[b").Result() },
				func(p *redpipe.Pipeline, k K) func() (any, error) { return fut(p.ZRemRangeByLex(k("l"), "[a", "[b")) }),
		}},
	}
})
