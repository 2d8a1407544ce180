//lint:file-ignore SA1019 the differential test calls deprecated methods on both sides on purpose: they are still part of the surface

package difftest

import (
	"math"
	"time"

	"github.com/redis/go-redis/v9"

	"github.com/redpipe-go/redpipe"
)

// one is a case of a single call.
func one(name string, arrange [][]string, o func(r *redis.Client, k K) (any, error), q func(p *redpipe.Pipeline, k K) func() (any, error)) tcase {
	return tcase{name: name, arrange: arrange, calls: []call{c(o, q)}}
}

type (
	rc = *redis.Client
	pp = *redpipe.Pipeline
	rf = func() (any, error)
)

// Single-call cases over the simpler replies (integers, booleans, statuses,
// flat arrays), each on an edge of its arguments.
var _ = family(func() []tcase {
	str := [][]string{args("SET", "@a", "\x00\xff")}
	z := [][]string{args("ZADD", "@z", "1", "a", "2", "b", "-inf", "c"), args("ZADD", "@y", "5", "a", "6", "d")}
	h := [][]string{args("HSET", "@h", "", "\x00", "f", "v")}
	s := [][]string{args("SADD", "@s", "1", "2", "\x00"), args("SADD", "@t", "2", "x")}
	l := [][]string{args("RPUSH", "@l", "a", "b", "a", "c", "a")}
	geo := [][]string{args("GEOADD", "@g", "13.361389", "38.115556", "Palermo", "15.087269", "37.502669", "Catania")}
	st := [][]string{args("XADD", "@x", "1-0", "f", "v"), args("XADD", "@x", "2-0", "f", "w"), args("XADD", "@x", "3-0", "f", "u"),
		args("XGROUP", "CREATE", "@x", "g", "0"), args("XREADGROUP", "GROUP", "g", "c", "STREAMS", "@x", ">")}
	return []tcase{
		one("SetNX", str, func(r rc, k K) (any, error) { return r.SetNX(ctx, k("a"), "x", time.Second).Result() },
			func(p pp, k K) rf { return fut(p.SetNX(k("a"), "x", time.Second)) }),
		one("SetXX", str, func(r rc, k K) (any, error) { return r.SetXX(ctx, k("a"), "", 0).Result() },
			func(p pp, k K) rf { return fut(p.SetXX(k("a"), "", 0)) }),
		one("SetEx", nil, func(r rc, k K) (any, error) { return r.SetEx(ctx, k("a"), "v", 0).Result() },
			func(p pp, k K) rf { return fut(p.SetEx(k("a"), "v", 0)) }),
		one("Append", str, func(r rc, k K) (any, error) { return r.Append(ctx, k("a"), "\r\n").Result() },
			func(p pp, k K) rf { return fut(p.Append(k("a"), "\r\n")) }),
		one("DecrBy", nil, func(r rc, k K) (any, error) { return r.DecrBy(ctx, k("n"), math.MinInt64).Result() },
			func(p pp, k K) rf { return fut(p.DecrBy(k("n"), math.MinInt64)) }),
		one("Decr", str, func(r rc, k K) (any, error) { return r.Decr(ctx, k("a")).Result() },
			func(p pp, k K) rf { return fut(p.Decr(k("a"))) }),
		one("StrLen", str, func(r rc, k K) (any, error) { return r.StrLen(ctx, k("a")).Result() },
			func(p pp, k K) rf { return fut(p.StrLen(k("a"))) }),
		one("GetSet", str, func(r rc, k K) (any, error) { return r.GetSet(ctx, k("a"), math.MaxInt64).Result() },
			func(p pp, k K) rf { return fut(p.GetSet(k("a"), math.MaxInt64)) }),
		one("SetBit", str, func(r rc, k K) (any, error) { return r.SetBit(ctx, k("a"), 100, 1).Result() },
			func(p pp, k K) rf { return fut(p.SetBit(k("a"), 100, 1)) }),
		one("GetBit", str, func(r rc, k K) (any, error) { return r.GetBit(ctx, k("a"), 8).Result() },
			func(p pp, k K) rf { return fut(p.GetBit(k("a"), 8)) }),
		one("BitOpXor", [][]string{args("SET", "@a", "\xff"), args("SET", "@b", "\x0f\x01")},
			func(r rc, k K) (any, error) { return r.BitOpXor(ctx, k("d"), k("a"), k("b")).Result() },
			func(p pp, k K) rf { return fut(p.BitOpXor(k("d"), k("a"), k("b"))) }),
		one("BitOpNot", str, func(r rc, k K) (any, error) { return r.BitOpNot(ctx, k("d"), k("a")).Result() },
			func(p pp, k K) rf { return fut(p.BitOpNot(k("d"), k("a"))) }),
		one("PFMerge", [][]string{args("PFADD", "@h1", "a", "b"), args("PFADD", "@h2", "b", "c")},
			func(r rc, k K) (any, error) { return r.PFMerge(ctx, k("d"), k("h1"), k("h2")).Result() },
			func(p pp, k K) rf { return fut(p.PFMerge(k("d"), k("h1"), k("h2"))) }),
		one("HSetNX", h, func(r rc, k K) (any, error) { return r.HSetNX(ctx, k("h"), "", "y").Result() },
			func(p pp, k K) rf { return fut(p.HSetNX(k("h"), "", "y")) }),
		one("HExists", h, func(r rc, k K) (any, error) { return r.HExists(ctx, k("h"), "").Result() },
			func(p pp, k K) rf { return fut(p.HExists(k("h"), "")) }),
		one("HKeys", h, func(r rc, k K) (any, error) { return r.HKeys(ctx, k("h")).Result() },
			func(p pp, k K) rf { return fut(p.HKeys(k("h"))) }),
		one("HVals", h, func(r rc, k K) (any, error) { return r.HVals(ctx, k("h")).Result() },
			func(p pp, k K) rf { return fut(p.HVals(k("h"))) }),
		one("HStrLen", h, func(r rc, k K) (any, error) { return r.HStrLen(ctx, k("h"), "").Result() },
			func(p pp, k K) rf { return fut(p.HStrLen(k("h"), "")) }),
		one("HDel", h, func(r rc, k K) (any, error) { return r.HDel(ctx, k("h"), "", "nope").Result() },
			func(p pp, k K) rf { return fut(p.HDel(k("h"), "", "nope")) }),
		one("HLen", h, func(r rc, k K) (any, error) { return r.HLen(ctx, k("h")).Result() },
			func(p pp, k K) rf { return fut(p.HLen(k("h"))) }),
		one("HGet", h, func(r rc, k K) (any, error) { return r.HGet(ctx, k("h"), "missing").Result() },
			func(p pp, k K) rf { return fut(p.HGet(k("h"), "missing")) }),
		one("SAdd", s, func(r rc, k K) (any, error) { return r.SAdd(ctx, k("s"), "", "1", -1).Result() },
			func(p pp, k K) rf { return fut(p.SAdd(k("s"), "", "1", -1)) }),
		one("SIsMember", s, func(r rc, k K) (any, error) { return r.SIsMember(ctx, k("s"), "\x00").Result() },
			func(p pp, k K) rf { return fut(p.SIsMember(k("s"), "\x00")) }),
		{name: "SInter", arrange: s, calls: []call{{oracle: func(r rc, k K) (any, error) { return r.SInter(ctx, k("s"), k("t")).Result() },
			queue: func(p pp, k K) rf { return fut(p.SInter(k("s"), k("t"))) }, norm: sorted}}},
		{name: "SUnion", arrange: s, calls: []call{{oracle: func(r rc, k K) (any, error) { return r.SUnion(ctx, k("s"), k("t")).Result() },
			queue: func(p pp, k K) rf { return fut(p.SUnion(k("s"), k("t"))) }, norm: sorted}}},
		{name: "SDiff", arrange: s, calls: []call{{oracle: func(r rc, k K) (any, error) { return r.SDiff(ctx, k("s"), k("t")).Result() },
			queue: func(p pp, k K) rf { return fut(p.SDiff(k("s"), k("t"))) }, norm: sorted}}},
		one("SUnionStore", s, func(r rc, k K) (any, error) { return r.SUnionStore(ctx, k("d"), k("s"), k("t")).Result() },
			func(p pp, k K) rf { return fut(p.SUnionStore(k("d"), k("s"), k("t"))) }),
		one("SRem", s, func(r rc, k K) (any, error) { return r.SRem(ctx, k("s"), "\x00", "zz").Result() },
			func(p pp, k K) rf { return fut(p.SRem(k("s"), "\x00", "zz")) }),
		one("SCard", s, func(r rc, k K) (any, error) { return r.SCard(ctx, k("none")).Result() },
			func(p pp, k K) rf { return fut(p.SCard(k("none"))) }),
		one("LRem", l, func(r rc, k K) (any, error) { return r.LRem(ctx, k("l"), -2, "a").Result() },
			func(p pp, k K) rf { return fut(p.LRem(k("l"), -2, "a")) }),
		one("LTrim", l, func(r rc, k K) (any, error) { return r.LTrim(ctx, k("l"), 1, -2).Result() },
			func(p pp, k K) rf { return fut(p.LTrim(k("l"), 1, -2)) }),
		one("LPushX", nil, func(r rc, k K) (any, error) { return r.LPushX(ctx, k("l"), "a").Result() },
			func(p pp, k K) rf { return fut(p.LPushX(k("l"), "a")) }),
		one("LPush", l, func(r rc, k K) (any, error) { return r.LPush(ctx, k("l"), "", 1.5, math.MinInt64).Result() },
			func(p pp, k K) rf { return fut(p.LPush(k("l"), "", 1.5, math.MinInt64)) }),
		one("LLen", l, func(r rc, k K) (any, error) { return r.LLen(ctx, k("l")).Result() },
			func(p pp, k K) rf { return fut(p.LLen(k("l"))) }),
		one("RPopCount", l, func(r rc, k K) (any, error) { return r.RPopCount(ctx, k("l"), 10).Result() },
			func(p pp, k K) rf { return fut(p.RPopCount(k("l"), 10)) }),
		one("ZAddNX", z, func(r rc, k K) (any, error) {
			return r.ZAddNX(ctx, k("z"), redis.Z{Score: 9, Member: "a"}, redis.Z{Score: math.Inf(1), Member: "n"}).Result()
		}, func(p pp, k K) rf {
			return fut(p.ZAddNX(k("z"), redpipe.Z{Score: 9, Member: "a"}, redpipe.Z{Score: math.Inf(1), Member: "n"}))
		}),
		one("ZAddLT", z, func(r rc, k K) (any, error) { return r.ZAddLT(ctx, k("z"), redis.Z{Score: -1, Member: "b"}).Result() },
			func(p pp, k K) rf { return fut(p.ZAddLT(k("z"), redpipe.Z{Score: -1, Member: "b"})) }),
		one("ZUnion", z, func(r rc, k K) (any, error) {
			return r.ZUnion(ctx, redis.ZStore{Keys: []string{k("z"), k("y")}}).Result()
		},
			func(p pp, k K) rf { return fut(p.ZUnion(redpipe.ZStore{Keys: []string{k("z"), k("y")}})) }),
		one("ZInter", z, func(r rc, k K) (any, error) {
			return r.ZInter(ctx, &redis.ZStore{Keys: []string{k("z"), k("y")}}).Result()
		},
			func(p pp, k K) rf { return fut(p.ZInter(&redpipe.ZStore{Keys: []string{k("z"), k("y")}})) }),
		one("ZDiff", z, func(r rc, k K) (any, error) { return r.ZDiff(ctx, k("z"), k("y")).Result() },
			func(p pp, k K) rf { return fut(p.ZDiff(k("z"), k("y"))) }),
		one("ZCard", z, func(r rc, k K) (any, error) { return r.ZCard(ctx, k("z")).Result() },
			func(p pp, k K) rf { return fut(p.ZCard(k("z"))) }),
		one("ZRevRank", z, func(r rc, k K) (any, error) { return r.ZRevRank(ctx, k("z"), "c").Result() },
			func(p pp, k K) rf { return fut(p.ZRevRank(k("z"), "c")) }),
		one("ZRemRangeByRank", z, func(r rc, k K) (any, error) { return r.ZRemRangeByRank(ctx, k("z"), 0, 0).Result() },
			func(p pp, k K) rf { return fut(p.ZRemRangeByRank(k("z"), 0, 0)) }),
		one("GeoRadiusStore", geo, func(r rc, k K) (any, error) {
			return r.GeoRadiusStore(ctx, k("g"), 15, 37, &redis.GeoRadiusQuery{Radius: 200, Unit: "km", Store: k("d")}).Result()
		}, func(p pp, k K) rf {
			return fut(p.GeoRadiusStore(k("g"), 15, 37, &redpipe.GeoRadiusQuery{Radius: 200, Unit: "km", Store: k("d")}))
		}),
		{name: "XPendingExt", arrange: st, calls: []call{{oracle: func(r rc, k K) (any, error) {
			return r.XPendingExt(ctx, &redis.XPendingExtArgs{Stream: k("x"), Group: "g", Start: "-", End: "+", Count: 10, Consumer: "c"}).Result()
		}, queue: func(p pp, k K) rf {
			return fut(p.XPendingExt(&redpipe.XPendingExtArgs{Stream: k("x"), Group: "g", Start: "-", End: "+", Count: 10, Consumer: "c"}))
		}, norm: dropIdle}}},
		one("XClaimJustID", st, func(r rc, k K) (any, error) {
			return r.XClaimJustID(ctx, &redis.XClaimArgs{Stream: k("x"), Group: "g", Consumer: "d", Messages: []string{"2-0"}}).Result()
		}, func(p pp, k K) rf {
			return fut(p.XClaimJustID(&redpipe.XClaimArgs{Stream: k("x"), Group: "g", Consumer: "d", Messages: []string{"2-0"}}))
		}),
		one("XTrimMaxLenApprox", st, func(r rc, k K) (any, error) { return r.XTrimMaxLenApprox(ctx, k("x"), 1, 0).Result() },
			func(p pp, k K) rf { return fut(p.XTrimMaxLenApprox(k("x"), 1, 0)) }),
		one("XGroupDestroy", st, func(r rc, k K) (any, error) { return r.XGroupDestroy(ctx, k("x"), "g").Result() },
			func(p pp, k K) rf { return fut(p.XGroupDestroy(k("x"), "g")) }),
		one("Echo", nil, func(r rc, k K) (any, error) { return r.Echo(ctx, "\x00\r\n").Result() },
			func(p pp, k K) rf { return fut(p.Echo("\x00\r\n")) }),
		one("Touch", str, func(r rc, k K) (any, error) { return r.Touch(ctx, k("a"), k("none")).Result() },
			func(p pp, k K) rf { return fut(p.Touch(k("a"), k("none"))) }),
		one("Del", str, func(r rc, k K) (any, error) { return r.Del(ctx, k("a"), k("a")).Result() },
			func(p pp, k K) rf { return fut(p.Del(k("a"), k("a"))) }),
	}
})
