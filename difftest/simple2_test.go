//lint:file-ignore SA1019 the differential test calls deprecated methods on both sides on purpose: they are still part of the surface

package difftest

import (
	"math"
	"time"

	"github.com/redis/go-redis/v9"

	"github.com/redpipe-go/redpipe"
)

// More single-call cases. The hash-field TTL commands (HEXPIRE and
// friends) are Redis 7.4: on this 7.0 server both sides get the same
// "unknown command" error, which still checks that redpipe reports the
// server's text on that call's future.
var _ = family(func() []tcase {
	h := [][]string{args("HSET", "@h", "only", "\x00")}
	s := [][]string{args("SADD", "@s", "one"), args("SADD", "@t", "one", "two")}
	l := [][]string{args("RPUSH", "@l", "a", "b", "c")}
	z := [][]string{args("ZADD", "@z", "1", "a", "2", "b", "3", "c")}
	st := [][]string{args("XADD", "@x", "1-0", "f", "v"), args("XADD", "@x", "2-0", "f", "w"), args("XADD", "@x", "3-0", "f", "u"),
		args("XGROUP", "CREATE", "@x", "g", "0"), args("XREADGROUP", "GROUP", "g", "c", "STREAMS", "@x", ">")}
	ex := [][]string{args("SET", "@a", "v", "EX", "100"), args("SET", "@p", "v")}
	return []tcase{
		one("Get", [][]string{args("SET", "@a", "")}, func(r rc, k K) (any, error) { return r.Get(ctx, k("a")).Result() },
			func(p pp, k K) rf { return fut(p.Get(k("a"))) }),
		one("Incr", [][]string{args("SET", "@a", "9223372036854775807")}, func(r rc, k K) (any, error) { return r.Incr(ctx, k("a")).Result() },
			func(p pp, k K) rf { return fut(p.Incr(k("a"))) }),
		one("HSet", h, func(r rc, k K) (any, error) {
			return r.HSet(ctx, k("h"), "a", "", "b", math.MaxInt64, "only", 1.5).Result()
		},
			func(p pp, k K) rf { return fut(p.HSet(k("h"), "a", "", "b", math.MaxInt64, "only", 1.5)) }),
		one("HMSet", h, func(r rc, k K) (any, error) { return r.HMSet(ctx, k("h"), "x", "\r\n").Result() },
			func(p pp, k K) rf { return fut(p.HMSet(k("h"), "x", "\r\n")) }),
		one("HRandField", h, func(r rc, k K) (any, error) { return r.HRandField(ctx, k("h"), -2).Result() },
			func(p pp, k K) rf { return fut(p.HRandField(k("h"), -2)) }),
		one("HExpire", h, func(r rc, k K) (any, error) { return r.HExpire(ctx, k("h"), time.Second, "only").Result() },
			func(p pp, k K) rf { return fut(p.HExpire(k("h"), time.Second, "only")) }),
		one("HTTL", h, func(r rc, k K) (any, error) { return r.HTTL(ctx, k("h"), "only").Result() },
			func(p pp, k K) rf { return fut(p.HTTL(k("h"), "only")) }),
		one("SRandMemberN", s, func(r rc, k K) (any, error) { return r.SRandMemberN(ctx, k("s"), -3).Result() },
			func(p pp, k K) rf { return fut(p.SRandMemberN(k("s"), -3)) }),
		one("SRandMember", s, func(r rc, k K) (any, error) { return r.SRandMember(ctx, k("none")).Result() },
			func(p pp, k K) rf { return fut(p.SRandMember(k("none"))) }),
		one("SInterStore", s, func(r rc, k K) (any, error) { return r.SInterStore(ctx, k("d"), k("s"), k("t")).Result() },
			func(p pp, k K) rf { return fut(p.SInterStore(k("d"), k("s"), k("t"))) }),
		one("SDiffStore", s, func(r rc, k K) (any, error) { return r.SDiffStore(ctx, k("d"), k("t"), k("s")).Result() },
			func(p pp, k K) rf { return fut(p.SDiffStore(k("d"), k("t"), k("s"))) }),
		tcase{name: "SScan", arrange: s, calls: []call{c(func(r rc, k K) (any, error) {
			keys, cur, err := r.SScan(ctx, k("t"), 0, "t*", 10).Result()
			return scanResult(keys, cur), err
		}, func(p pp, k K) rf { return fut(p.SScan(k("t"), 0, "t*", 10)) })}},
		one("RPush", l, func(r rc, k K) (any, error) { return r.RPush(ctx, k("l"), "", "\x00").Result() },
			func(p pp, k K) rf { return fut(p.RPush(k("l"), "", "\x00")) }),
		one("RPushX", nil, func(r rc, k K) (any, error) { return r.RPushX(ctx, k("l"), "a").Result() },
			func(p pp, k K) rf { return fut(p.RPushX(k("l"), "a")) }),
		one("LPop", nil, func(r rc, k K) (any, error) { return r.LPop(ctx, k("l")).Result() },
			func(p pp, k K) rf { return fut(p.LPop(k("l"))) }),
		one("RPopLPush", l, func(r rc, k K) (any, error) { return r.RPopLPush(ctx, k("l"), k("l")).Result() },
			func(p pp, k K) rf { return fut(p.RPopLPush(k("l"), k("l"))) }),
		one("LInsertAfter", l, func(r rc, k K) (any, error) { return r.LInsertAfter(ctx, k("l"), "c", "").Result() },
			func(p pp, k K) rf { return fut(p.LInsertAfter(k("l"), "c", "")) }),
		one("LInsertBefore", l, func(r rc, k K) (any, error) { return r.LInsertBefore(ctx, k("none"), "c", "x").Result() },
			func(p pp, k K) rf { return fut(p.LInsertBefore(k("none"), "c", "x")) }),
		one("SortStore", l, func(r rc, k K) (any, error) {
			return r.SortStore(ctx, k("l"), k("d"), &redis.Sort{Alpha: true, Order: "DESC"}).Result()
		},
			func(p pp, k K) rf { return fut(p.SortStore(k("l"), k("d"), &redpipe.Sort{Alpha: true, Order: "DESC"})) }),
		one("SortRO", l, func(r rc, k K) (any, error) {
			return r.SortRO(ctx, k("l"), &redis.Sort{Alpha: true, Count: 1}).Result()
		},
			func(p pp, k K) rf { return fut(p.SortRO(k("l"), &redpipe.Sort{Alpha: true, Count: 1})) }),
		one("ZAddGT", z, func(r rc, k K) (any, error) {
			return r.ZAddGT(ctx, k("z"), redis.Z{Score: 0, Member: "a"}, redis.Z{Score: 9, Member: "b"}).Result()
		},
			func(p pp, k K) rf {
				return fut(p.ZAddGT(k("z"), redpipe.Z{Score: 0, Member: "a"}, redpipe.Z{Score: 9, Member: "b"}))
			}),
		one("ZAddXX", z, func(r rc, k K) (any, error) { return r.ZAddXX(ctx, k("z"), redis.Z{Score: -7, Member: "new"}).Result() },
			func(p pp, k K) rf { return fut(p.ZAddXX(k("z"), redpipe.Z{Score: -7, Member: "new"})) }),
		one("ZRandMember", [][]string{args("ZADD", "@z", "1", "a")}, func(r rc, k K) (any, error) { return r.ZRandMember(ctx, k("z"), -2).Result() },
			func(p pp, k K) rf { return fut(p.ZRandMember(k("z"), -2)) }),
		one("ZRangeArgs", z, func(r rc, k K) (any, error) {
			return r.ZRangeArgs(ctx, redis.ZRangeArgs{Key: k("z"), Start: "[c", Stop: "-", ByLex: true, Rev: true}).Result()
		}, func(p pp, k K) rf {
			return fut(p.ZRangeArgs(redpipe.ZRangeArgs{Key: k("z"), Start: "[c", Stop: "-", ByLex: true, Rev: true}))
		}),
		one("ZRevRangeByScore", z, func(r rc, k K) (any, error) {
			return r.ZRevRangeByScore(ctx, k("z"), &redis.ZRangeBy{Min: "-inf", Max: "+inf", Offset: 1, Count: -1}).Result()
		}, func(p pp, k K) rf {
			return fut(p.ZRevRangeByScore(k("z"), &redpipe.ZRangeBy{Min: "-inf", Max: "+inf", Offset: 1, Count: -1}))
		}),
		one("XRevRange", st, func(r rc, k K) (any, error) { return r.XRevRange(ctx, k("x"), "+", "-").Result() },
			func(p pp, k K) rf { return fut(p.XRevRange(k("x"), "+", "-")) }),
		one("XRangeN", st, func(r rc, k K) (any, error) { return r.XRangeN(ctx, k("x"), "(1-0", "+", 1).Result() },
			func(p pp, k K) rf { return fut(p.XRangeN(k("x"), "(1-0", "+", 1)) }),
		one("XReadStreams", st, func(r rc, k K) (any, error) { return r.XReadStreams(ctx, k("x"), "2-0").Result() },
			func(p pp, k K) rf { return fut(p.XReadStreams(k("x"), "2-0")) }),
		one("XGroupCreate", st, func(r rc, k K) (any, error) { return r.XGroupCreate(ctx, k("x"), "g", "0").Result() },
			func(p pp, k K) rf { return fut(p.XGroupCreate(k("x"), "g", "0")) }),
		one("XGroupDelConsumer", st, func(r rc, k K) (any, error) { return r.XGroupDelConsumer(ctx, k("x"), "g", "c").Result() },
			func(p pp, k K) rf { return fut(p.XGroupDelConsumer(k("x"), "g", "c")) }),
		one("XAutoClaimJustID", st, func(r rc, k K) (any, error) {
			ids, start, err := r.XAutoClaimJustID(ctx, &redis.XAutoClaimArgs{Stream: k("x"), Group: "g", Consumer: "d", Start: "-"}).Result()
			return []any{ids, start}, err
		}, func(p pp, k K) rf {
			f := p.XAutoClaimJustID(&redpipe.XAutoClaimArgs{Stream: k("x"), Group: "g", Consumer: "d", Start: "-"})
			return func() (any, error) { v, err := f.Result(); return []any{v.IDs, v.Start}, err }
		}),
		one("XTrimMinIDApprox", st, func(r rc, k K) (any, error) { return r.XTrimMinIDApprox(ctx, k("x"), "3-0", 0).Result() },
			func(p pp, k K) rf { return fut(p.XTrimMinIDApprox(k("x"), "3-0", 0)) }),
		one("ExpireNX", ex, func(r rc, k K) (any, error) { return r.ExpireNX(ctx, k("a"), time.Minute).Result() },
			func(p pp, k K) rf { return fut(p.ExpireNX(k("a"), time.Minute)) }),
		one("ExpireXX", ex, func(r rc, k K) (any, error) { return r.ExpireXX(ctx, k("p"), time.Minute).Result() },
			func(p pp, k K) rf { return fut(p.ExpireXX(k("p"), time.Minute)) }),
		one("ExpireLT", ex, func(r rc, k K) (any, error) { return r.ExpireLT(ctx, k("p"), time.Minute).Result() },
			func(p pp, k K) rf { return fut(p.ExpireLT(k("p"), time.Minute)) }),
		one("ExpireAt", ex, func(r rc, k K) (any, error) { return r.ExpireAt(ctx, k("p"), time.Unix(4102444800, 0)).Result() },
			func(p pp, k K) rf { return fut(p.ExpireAt(k("p"), time.Unix(4102444800, 0))) }),
		one("PExpireAt", ex, func(r rc, k K) (any, error) { return r.PExpireAt(ctx, k("a"), time.Unix(1, 0)).Result() },
			func(p pp, k K) rf { return fut(p.PExpireAt(k("a"), time.Unix(1, 0))) }),
		one("Dump", [][]string{args("SET", "@a", "\x00\xff")}, func(r rc, k K) (any, error) { return r.Dump(ctx, k("a")).Result() },
			func(p pp, k K) rf { return fut(p.Dump(k("a"))) }),
		{name: "Keys", arrange: ex, calls: []call{{oracle: func(r rc, k K) (any, error) { return r.Keys(ctx, k("*")).Result() },
			queue: func(p pp, k K) rf { return fut(p.Keys(k("*"))) }, norm: sorted}}},
		one("Ping", nil, func(r rc, k K) (any, error) { return r.Ping(ctx).Result() },
			func(p pp, k K) rf { return fut(p.Ping()) }),
		one("ScriptExists", nil, func(r rc, k K) (any, error) {
			return r.ScriptExists(ctx, "0000000000000000000000000000000000000000").Result()
		},
			func(p pp, k K) rf { return fut(p.ScriptExists("0000000000000000000000000000000000000000")) }),
		one("EvalRO", [][]string{args("SET", "@a", "v")}, func(r rc, k K) (any, error) {
			return r.EvalRO(ctx, "return redis.call('SET', KEYS[1], 'x')", []string{k("a")}).Result()
		}, func(p pp, k K) rf { return fut(p.EvalRO("return redis.call('SET', KEYS[1], 'x')", []string{k("a")})) }),
		one("ObjectRefCount", [][]string{args("SET", "@a", "v")}, func(r rc, k K) (any, error) { return r.ObjectRefCount(ctx, k("a")).Result() },
			func(p pp, k K) rf { return fut(p.ObjectRefCount(k("a"))) }),
	}
})
