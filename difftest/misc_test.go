package difftest

import (
	"math"
	"time"

	"github.com/redis/go-redis/v9"

	"github.com/redpipe-go/redpipe"
)

// ttlBucket is a norm for remaining times: the two servers set them a few
// milliseconds apart, so only their sign (and the -1/-2 markers) compare.
func ttlBucket(v any) any {
	if n, ok := v.(int64); ok && n > 0 {
		return "positive"
	}
	return v
}

// Strings, keys, hashes, lists, sets, bitmaps, HyperLogLog and LCS: binary
// values, extreme integers and floats, durations 0 / sub-second / negative.
var _ = family(func() []tcase {
	return []tcase{
		{name: "Set", calls: []call{
			c(func(r *redis.Client, k K) (any, error) { return r.Set(ctx, k("a"), "\x00\xff\r\n", 0).Result() },
				func(p *redpipe.Pipeline, k K) func() (any, error) { return fut(p.Set(k("a"), "\x00\xff\r\n", 0)) }),
			c(func(r *redis.Client, k K) (any, error) { return r.Set(ctx, k("b"), "", 1500*time.Millisecond).Result() },
				func(p *redpipe.Pipeline, k K) func() (any, error) {
					return fut(p.Set(k("b"), "", 1500*time.Millisecond))
				}),
			c(func(r *redis.Client, k K) (any, error) {
				return r.Set(ctx, k("c"), math.MinInt64, redis.KeepTTL).Result()
			},
				func(p *redpipe.Pipeline, k K) func() (any, error) {
					return fut(p.Set(k("c"), math.MinInt64, redis.KeepTTL))
				}),
			c(func(r *redis.Client, k K) (any, error) { return r.Set(ctx, k("d"), 1.5, -time.Second).Result() },
				func(p *redpipe.Pipeline, k K) func() (any, error) { return fut(p.Set(k("d"), 1.5, -time.Second)) }),
		}},
		{name: "SetArgs", arrange: [][]string{args("SET", "@a", "old")}, calls: []call{
			c(func(r *redis.Client, k K) (any, error) {
				return r.SetArgs(ctx, k("a"), "new", redis.SetArgs{Mode: "XX", Get: true, TTL: 10 * time.Second}).Result()
			}, func(p *redpipe.Pipeline, k K) func() (any, error) {
				return fut(p.SetArgs(k("a"), "new", redpipe.SetArgs{Mode: "XX", Get: true, TTL: 10 * time.Second}))
			}),
			c(func(r *redis.Client, k K) (any, error) {
				return r.SetArgs(ctx, k("n"), "v", redis.SetArgs{Mode: "NX", Get: true, KeepTTL: true}).Result()
			}, func(p *redpipe.Pipeline, k K) func() (any, error) {
				return fut(p.SetArgs(k("n"), "v", redpipe.SetArgs{Mode: "NX", Get: true, KeepTTL: true}))
			}),
			c(func(r *redis.Client, k K) (any, error) {
				return r.SetArgs(ctx, k("a"), "x", redis.SetArgs{Mode: "NX"}).Result()
			}, func(p *redpipe.Pipeline, k K) func() (any, error) {
				return fut(p.SetArgs(k("a"), "x", redpipe.SetArgs{Mode: "NX"}))
			}),
		}},
		{name: "GetEx", arrange: [][]string{args("SET", "@a", "\r\n")}, calls: []call{
			c(func(r *redis.Client, k K) (any, error) { return r.GetEx(ctx, k("a"), 250*time.Millisecond).Result() },
				func(p *redpipe.Pipeline, k K) func() (any, error) { return fut(p.GetEx(k("a"), 250*time.Millisecond)) }),
			c(func(r *redis.Client, k K) (any, error) { return r.GetEx(ctx, k("a"), 0).Result() },
				func(p *redpipe.Pipeline, k K) func() (any, error) { return fut(p.GetEx(k("a"), 0)) }),
			c(func(r *redis.Client, k K) (any, error) { return r.GetEx(ctx, k("none"), time.Hour).Result() },
				func(p *redpipe.Pipeline, k K) func() (any, error) { return fut(p.GetEx(k("none"), time.Hour)) }),
		}},
		{name: "IncrByFloat", arrange: [][]string{args("SET", "@f", "1e308"), args("SET", "@s", "abc")}, calls: []call{
			c(func(r *redis.Client, k K) (any, error) { return r.IncrByFloat(ctx, k("n"), -0.1).Result() },
				func(p *redpipe.Pipeline, k K) func() (any, error) { return fut(p.IncrByFloat(k("n"), -0.1)) }),
			c(func(r *redis.Client, k K) (any, error) { return r.IncrByFloat(ctx, k("f"), 1e308).Result() },
				func(p *redpipe.Pipeline, k K) func() (any, error) { return fut(p.IncrByFloat(k("f"), 1e308)) }),
			c(func(r *redis.Client, k K) (any, error) { return r.IncrByFloat(ctx, k("s"), 1).Result() },
				func(p *redpipe.Pipeline, k K) func() (any, error) { return fut(p.IncrByFloat(k("s"), 1)) }),
		}},
		{name: "IncrBy", arrange: [][]string{args("SET", "@m", "9223372036854775807")}, calls: []call{
			c(func(r *redis.Client, k K) (any, error) { return r.IncrBy(ctx, k("n"), math.MinInt64).Result() },
				func(p *redpipe.Pipeline, k K) func() (any, error) { return fut(p.IncrBy(k("n"), math.MinInt64)) }),
			c(func(r *redis.Client, k K) (any, error) { return r.IncrBy(ctx, k("m"), 1).Result() },
				func(p *redpipe.Pipeline, k K) func() (any, error) { return fut(p.IncrBy(k("m"), 1)) }),
		}},
		{name: "GetRange", arrange: [][]string{args("SET", "@a", "a\x00b\xffc")}, calls: []call{
			c(func(r *redis.Client, k K) (any, error) { return r.GetRange(ctx, k("a"), 1, -2).Result() },
				func(p *redpipe.Pipeline, k K) func() (any, error) { return fut(p.GetRange(k("a"), 1, -2)) }),
			c(func(r *redis.Client, k K) (any, error) { return r.SetRange(ctx, k("a"), 10, "\r\n").Result() },
				func(p *redpipe.Pipeline, k K) func() (any, error) { return fut(p.SetRange(k("a"), 10, "\r\n")) }),
		}},
		{name: "MGet", arrange: [][]string{args("SET", "@a", ""), args("HSET", "@h", "f", "v")}, calls: []call{
			c(func(r *redis.Client, k K) (any, error) { return r.MGet(ctx, k("a"), k("none"), k("h")).Result() },
				func(p *redpipe.Pipeline, k K) func() (any, error) { return fut(p.MGet(k("a"), k("none"), k("h"))) }),
		}},
		{name: "LCS", arrange: [][]string{args("SET", "@a", "ohmytext"), args("SET", "@b", "mynewtext")}, calls: []call{
			c(func(r *redis.Client, k K) (any, error) {
				return r.LCS(ctx, &redis.LCSQuery{Key1: k("a"), Key2: k("b")}).Result()
			}, func(p *redpipe.Pipeline, k K) func() (any, error) {
				return fut(p.LCS(&redpipe.LCSQuery{Key1: k("a"), Key2: k("b")}))
			}),
			c(func(r *redis.Client, k K) (any, error) {
				return r.LCS(ctx, &redis.LCSQuery{Key1: k("a"), Key2: k("b"), Len: true}).Result()
			}, func(p *redpipe.Pipeline, k K) func() (any, error) {
				return fut(p.LCS(&redpipe.LCSQuery{Key1: k("a"), Key2: k("b"), Len: true}))
			}),
			c(func(r *redis.Client, k K) (any, error) {
				return r.LCS(ctx, &redis.LCSQuery{Key1: k("a"), Key2: k("b"), Idx: true, MinMatchLen: 2, WithMatchLen: true}).Result()
			}, func(p *redpipe.Pipeline, k K) func() (any, error) {
				return fut(p.LCS(&redpipe.LCSQuery{Key1: k("a"), Key2: k("b"), Idx: true, MinMatchLen: 2, WithMatchLen: true}))
			}),
			c(func(r *redis.Client, k K) (any, error) {
				return r.LCS(ctx, &redis.LCSQuery{Key1: k("a"), Key2: k("b"), Idx: true}).Result()
			}, func(p *redpipe.Pipeline, k K) func() (any, error) {
				return fut(p.LCS(&redpipe.LCSQuery{Key1: k("a"), Key2: k("b"), Idx: true}))
			}),
		}},
		{name: "BitField", calls: []call{
			c(func(r *redis.Client, k K) (any, error) {
				return r.BitField(ctx, k("b"), "SET", "i8", 0, -128, "INCRBY", "u4", "#1", 20, "OVERFLOW", "FAIL", "INCRBY", "i8", 0, -1, "GET", "u16", 0).Result()
			}, func(p *redpipe.Pipeline, k K) func() (any, error) {
				return fut(p.BitField(k("b"), "SET", "i8", 0, -128, "INCRBY", "u4", "#1", 20, "OVERFLOW", "FAIL", "INCRBY", "i8", 0, -1, "GET", "u16", 0))
			}),
			c(func(r *redis.Client, k K) (any, error) { return r.BitFieldRO(ctx, k("b"), "GET", "i64", 0).Result() },
				func(p *redpipe.Pipeline, k K) func() (any, error) { return fut(p.BitFieldRO(k("b"), "GET", "i64", 0)) }),
		}},
		{name: "BitCount", arrange: [][]string{args("SET", "@a", "\xff\x00\x0f")}, calls: []call{
			c(func(r *redis.Client, k K) (any, error) {
				return r.BitCount(ctx, k("a"), &redis.BitCount{Start: 5, End: -1, Unit: "BIT"}).Result()
			}, func(p *redpipe.Pipeline, k K) func() (any, error) {
				return fut(p.BitCount(k("a"), &redpipe.BitCount{Start: 5, End: -1, Unit: "BIT"}))
			}),
		}},
		{name: "BitPos", arrange: [][]string{args("SET", "@a", "\xff\x00\x0f")}, calls: []call{
			c(func(r *redis.Client, k K) (any, error) { return r.BitPos(ctx, k("a"), 0, 1, -1).Result() },
				func(p *redpipe.Pipeline, k K) func() (any, error) { return fut(p.BitPos(k("a"), 0, 1, -1)) }),
		}},
		{name: "PFAdd", calls: []call{
			c(func(r *redis.Client, k K) (any, error) { return r.PFAdd(ctx, k("h"), "", "\x00", "a").Result() },
				func(p *redpipe.Pipeline, k K) func() (any, error) { return fut(p.PFAdd(k("h"), "", "\x00", "a")) }),
			c(func(r *redis.Client, k K) (any, error) { return r.PFCount(ctx, k("h"), k("none")).Result() },
				func(p *redpipe.Pipeline, k K) func() (any, error) { return fut(p.PFCount(k("h"), k("none"))) }),
		}},
		{name: "Expire", arrange: [][]string{args("SET", "@a", "v"), args("SET", "@b", "v")}, calls: []call{
			c(func(r *redis.Client, k K) (any, error) { return r.Expire(ctx, k("a"), 100*time.Second).Result() },
				func(p *redpipe.Pipeline, k K) func() (any, error) { return fut(p.Expire(k("a"), 100*time.Second)) }),
			c(func(r *redis.Client, k K) (any, error) { return r.Expire(ctx, k("b"), -time.Second).Result() },
				func(p *redpipe.Pipeline, k K) func() (any, error) { return fut(p.Expire(k("b"), -time.Second)) }),
			c(func(r *redis.Client, k K) (any, error) { return r.Expire(ctx, k("none"), time.Second).Result() },
				func(p *redpipe.Pipeline, k K) func() (any, error) { return fut(p.Expire(k("none"), time.Second)) }),
		}},
		{name: "ExpireGT", arrange: [][]string{args("SET", "@a", "v", "EX", "100")}, calls: []call{
			c(func(r *redis.Client, k K) (any, error) { return r.ExpireGT(ctx, k("a"), 50*time.Second).Result() },
				func(p *redpipe.Pipeline, k K) func() (any, error) { return fut(p.ExpireGT(k("a"), 50*time.Second)) }),
		}},
		{name: "PExpire", arrange: [][]string{args("SET", "@a", "v")}, calls: []call{
			c(func(r *redis.Client, k K) (any, error) {
				return r.PExpire(ctx, k("a"), 90*time.Second+500*time.Microsecond).Result()
			},
				func(p *redpipe.Pipeline, k K) func() (any, error) {
					return fut(p.PExpire(k("a"), 90*time.Second+500*time.Microsecond))
				}),
		}},
		{name: "TTL", arrange: [][]string{args("SET", "@a", "v", "EX", "100"), args("SET", "@p", "v")}, calls: []call{
			{oracle: func(r *redis.Client, k K) (any, error) { return r.TTL(ctx, k("a")).Result() },
				queue: func(p *redpipe.Pipeline, k K) func() (any, error) { return fut(p.TTL(k("a"))) }, norm: ttlBucket},
			c(func(r *redis.Client, k K) (any, error) { return r.TTL(ctx, k("p")).Result() },
				func(p *redpipe.Pipeline, k K) func() (any, error) { return fut(p.TTL(k("p"))) }),
			c(func(r *redis.Client, k K) (any, error) { return r.TTL(ctx, k("none")).Result() },
				func(p *redpipe.Pipeline, k K) func() (any, error) { return fut(p.TTL(k("none"))) }),
		}},
		{name: "PTTL", arrange: [][]string{args("SET", "@p", "v")}, calls: []call{
			c(func(r *redis.Client, k K) (any, error) { return r.PTTL(ctx, k("p")).Result() },
				func(p *redpipe.Pipeline, k K) func() (any, error) { return fut(p.PTTL(k("p"))) }),
			c(func(r *redis.Client, k K) (any, error) { return r.PTTL(ctx, k("none")).Result() },
				func(p *redpipe.Pipeline, k K) func() (any, error) { return fut(p.PTTL(k("none"))) }),
		}},
		{name: "ExpireTime", arrange: [][]string{args("SET", "@a", "v", "EXAT", "4102444800"), args("SET", "@p", "v")}, calls: []call{
			c(func(r *redis.Client, k K) (any, error) { return r.ExpireTime(ctx, k("a")).Result() },
				func(p *redpipe.Pipeline, k K) func() (any, error) { return fut(p.ExpireTime(k("a"))) }),
			c(func(r *redis.Client, k K) (any, error) { return r.ExpireTime(ctx, k("p")).Result() },
				func(p *redpipe.Pipeline, k K) func() (any, error) { return fut(p.ExpireTime(k("p"))) }),
			c(func(r *redis.Client, k K) (any, error) { return r.PExpireTime(ctx, k("none")).Result() },
				func(p *redpipe.Pipeline, k K) func() (any, error) { return fut(p.PExpireTime(k("none"))) }),
		}},
		{name: "Copy", arrange: [][]string{args("ZADD", "@z", "1", "a"), args("SET", "@d", "x")}, calls: []call{
			c(func(r *redis.Client, k K) (any, error) { return r.Copy(ctx, k("z"), k("d"), 0, false).Result() },
				func(p *redpipe.Pipeline, k K) func() (any, error) { return fut(p.Copy(k("z"), k("d"), 0, false)) }),
			c(func(r *redis.Client, k K) (any, error) { return r.Copy(ctx, k("z"), k("d"), 0, true).Result() },
				func(p *redpipe.Pipeline, k K) func() (any, error) { return fut(p.Copy(k("z"), k("d"), 0, true)) }),
		}},
		{name: "Sort", arrange: [][]string{args("RPUSH", "@l", "3", "-1", "10", "b"), args("SET", "@w_3", "x")}, calls: []call{
			c(func(r *redis.Client, k K) (any, error) {
				return r.Sort(ctx, k("l"), &redis.Sort{Alpha: true, Order: "DESC", Offset: 1, Count: 2}).Result()
			}, func(p *redpipe.Pipeline, k K) func() (any, error) {
				return fut(p.Sort(k("l"), &redpipe.Sort{Alpha: true, Order: "DESC", Offset: 1, Count: 2}))
			}),
			c(func(r *redis.Client, k K) (any, error) { return r.Sort(ctx, k("l"), &redis.Sort{}).Result() },
				func(p *redpipe.Pipeline, k K) func() (any, error) { return fut(p.Sort(k("l"), &redpipe.Sort{})) }),
			c(func(r *redis.Client, k K) (any, error) {
				return r.SortInterfaces(ctx, k("l"), &redis.Sort{Alpha: true, Get: []string{"#", k("w_*")}}).Result()
			}, func(p *redpipe.Pipeline, k K) func() (any, error) {
				return fut(p.SortInterfaces(k("l"), &redpipe.Sort{Alpha: true, Get: []string{"#", k("w_*")}}))
			}),
		}},
		{name: "Scan", arrange: [][]string{args("SET", "@a", "1"), args("HSET", "@h", "f", "v")}, calls: []call{
			{oracle: func(r *redis.Client, k K) (any, error) {
				keys, cur, err := r.ScanType(ctx, 0, k("*"), 1000, "hash").Result()
				return scanResult(keys, cur), err
			}, queue: func(p *redpipe.Pipeline, k K) func() (any, error) { return fut(p.ScanType(0, k("*"), 1000, "hash")) }},
		}},
		{name: "HGetAll", arrange: [][]string{args("HSET", "@h", "", "\x00", "\xff", "\r\n", "n", "-9223372036854775808")}, calls: []call{
			c(func(r *redis.Client, k K) (any, error) { return r.HGetAll(ctx, k("h")).Result() },
				func(p *redpipe.Pipeline, k K) func() (any, error) { return fut(p.HGetAll(k("h"))) }),
			c(func(r *redis.Client, k K) (any, error) { return r.HGetAll(ctx, k("none")).Result() },
				func(p *redpipe.Pipeline, k K) func() (any, error) { return fut(p.HGetAll(k("none"))) }),
			c(func(r *redis.Client, k K) (any, error) { return r.HMGet(ctx, k("h"), "", "missing", "n").Result() },
				func(p *redpipe.Pipeline, k K) func() (any, error) { return fut(p.HMGet(k("h"), "", "missing", "n")) }),
			c(func(r *redis.Client, k K) (any, error) { return r.HIncrByFloat(ctx, k("h"), "f", -1e-3).Result() },
				func(p *redpipe.Pipeline, k K) func() (any, error) { return fut(p.HIncrByFloat(k("h"), "f", -1e-3)) }),
			c(func(r *redis.Client, k K) (any, error) { return r.HIncrBy(ctx, k("h"), "n", -1).Result() },
				func(p *redpipe.Pipeline, k K) func() (any, error) { return fut(p.HIncrBy(k("h"), "n", -1)) }),
		}},
		{name: "HRandFieldWithValues", arrange: [][]string{args("HSET", "@h", "only", "\x00")}, calls: []call{
			c(func(r *redis.Client, k K) (any, error) { return r.HRandFieldWithValues(ctx, k("h"), -2).Result() },
				func(p *redpipe.Pipeline, k K) func() (any, error) { return fut(p.HRandFieldWithValues(k("h"), -2)) }),
		}},
		{name: "HScan", arrange: [][]string{args("HSET", "@h", "a", "1", "b", "")}, calls: []call{
			c(func(r *redis.Client, k K) (any, error) {
				keys, cur, err := r.HScan(ctx, k("h"), 0, "", 0).Result()
				return scanResult(keys, cur), err
			}, func(p *redpipe.Pipeline, k K) func() (any, error) { return fut(p.HScan(k("h"), 0, "", 0)) }),
		}},
		{name: "LMPop", arrange: [][]string{args("RPUSH", "@l", "a", "", "\x00")}, calls: []call{
			c(func(r *redis.Client, k K) (any, error) {
				key, vals, err := r.LMPop(ctx, "right", 2, k("none"), k("l")).Result()
				return redpipe.KeyValues{Key: key, Values: vals}, err
			}, func(p *redpipe.Pipeline, k K) func() (any, error) { return fut(p.LMPop("right", 2, k("none"), k("l"))) }),
		}},
		{name: "LPos", arrange: [][]string{args("RPUSH", "@l", "a", "b", "a", "a")}, calls: []call{
			c(func(r *redis.Client, k K) (any, error) {
				return r.LPos(ctx, k("l"), "a", redis.LPosArgs{Rank: -1}).Result()
			},
				func(p *redpipe.Pipeline, k K) func() (any, error) {
					return fut(p.LPos(k("l"), "a", redpipe.LPosArgs{Rank: -1}))
				}),
			c(func(r *redis.Client, k K) (any, error) { return r.LPos(ctx, k("l"), "z", redis.LPosArgs{}).Result() },
				func(p *redpipe.Pipeline, k K) func() (any, error) {
					return fut(p.LPos(k("l"), "z", redpipe.LPosArgs{}))
				}),
			c(func(r *redis.Client, k K) (any, error) {
				return r.LPosCount(ctx, k("l"), "a", 0, redis.LPosArgs{MaxLen: 3}).Result()
			},
				func(p *redpipe.Pipeline, k K) func() (any, error) {
					return fut(p.LPosCount(k("l"), "a", 0, redpipe.LPosArgs{MaxLen: 3}))
				}),
		}},
		{name: "SMIsMember", arrange: [][]string{args("SADD", "@s", "", "\x00")}, calls: []call{
			c(func(r *redis.Client, k K) (any, error) { return r.SMIsMember(ctx, k("s"), "", "x", "\x00").Result() },
				func(p *redpipe.Pipeline, k K) func() (any, error) { return fut(p.SMIsMember(k("s"), "", "x", "\x00")) }),
			{oracle: func(r *redis.Client, k K) (any, error) { return r.SMembers(ctx, k("s")).Result() },
				queue: func(p *redpipe.Pipeline, k K) func() (any, error) { return fut(p.SMembers(k("s"))) }, norm: sorted},
			c(func(r *redis.Client, k K) (any, error) { return r.SMembersMap(ctx, k("s")).Result() },
				func(p *redpipe.Pipeline, k K) func() (any, error) { return fut(p.SMembersMap(k("s"))) }),
		}},
		{name: "SInterCard", arrange: [][]string{args("SADD", "@a", "1", "2", "3"), args("SADD", "@b", "2", "3")}, calls: []call{
			c(func(r *redis.Client, k K) (any, error) { return r.SInterCard(ctx, 1, k("a"), k("b")).Result() },
				func(p *redpipe.Pipeline, k K) func() (any, error) { return fut(p.SInterCard(1, k("a"), k("b"))) }),
		}},
	}
})
