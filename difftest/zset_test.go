//lint:file-ignore SA1019 the differential test calls deprecated methods on both sides on purpose: they are still part of the surface

package difftest

import (
	"math"
	"time"

	"github.com/redis/go-redis/v9"

	"github.com/redpipe-go/redpipe"
)

// Sorted sets: scores are where RESP2 (bulk strings) and RESP3 (doubles)
// differ most, so they carry ±Inf, negative zero-ish fractions and members
// with binary bytes.
var _ = family(func() []tcase {
	zarr := args("ZADD", "@z", "-inf", "lo", "-1.5", "neg", "0", "", "0", "a\x00b", "2.25", "\xff\r\n", "1e300", "big", "+inf", "hi")
	zb := args("ZADD", "@b", "1", "a\x00b", "3", "big", "7", "only-b")
	return []tcase{
		{name: "ZAdd", calls: []call{
			c(func(r *redis.Client, k K) (any, error) {
				return r.ZAdd(ctx, k("z"), redis.Z{Score: math.Inf(-1), Member: ""}, redis.Z{Score: -0.5, Member: "\x00"}, redis.Z{Score: math.MaxInt64, Member: "m"}).Result()
			}, func(p *redpipe.Pipeline, k K) func() (any, error) {
				return fut(p.ZAdd(k("z"), redpipe.Z{Score: math.Inf(-1), Member: ""}, redpipe.Z{Score: -0.5, Member: "\x00"}, redpipe.Z{Score: math.MaxInt64, Member: "m"}))
			}),
			c(func(r *redis.Client, k K) (any, error) {
				return r.ZAdd(ctx, k("z"), redis.Z{Score: math.NaN(), Member: "nan"}).Result()
			}, func(p *redpipe.Pipeline, k K) func() (any, error) {
				return fut(p.ZAdd(k("z"), redpipe.Z{Score: math.NaN(), Member: "nan"}))
			}),
		}},
		{name: "ZAddArgs", arrange: [][]string{zarr}, calls: []call{
			c(func(r *redis.Client, k K) (any, error) {
				return r.ZAddArgs(ctx, k("z"), redis.ZAddArgs{XX: true, GT: true, Ch: true, Members: []redis.Z{{Score: 5, Member: "neg"}, {Score: -9, Member: "big"}, {Score: 1, Member: "new"}}}).Result()
			}, func(p *redpipe.Pipeline, k K) func() (any, error) {
				return fut(p.ZAddArgs(k("z"), redpipe.ZAddArgs{XX: true, GT: true, Ch: true, Members: []redpipe.Z{{Score: 5, Member: "neg"}, {Score: -9, Member: "big"}, {Score: 1, Member: "new"}}}))
			}),
			c(func(r *redis.Client, k K) (any, error) {
				return r.ZAddArgs(ctx, k("z"), redis.ZAddArgs{NX: true, Members: []redis.Z{{Score: 5, Member: "lo"}, {Score: 3, Member: "n2"}}}).Result()
			}, func(p *redpipe.Pipeline, k K) func() (any, error) {
				return fut(p.ZAddArgs(k("z"), redpipe.ZAddArgs{NX: true, Members: []redpipe.Z{{Score: 5, Member: "lo"}, {Score: 3, Member: "n2"}}}))
			}),
		}},
		{name: "ZAddArgsIncr", arrange: [][]string{zarr}, calls: []call{
			c(func(r *redis.Client, k K) (any, error) {
				return r.ZAddArgsIncr(ctx, k("z"), redis.ZAddArgs{Members: []redis.Z{{Score: -2.5, Member: "neg"}}}).Result()
			}, func(p *redpipe.Pipeline, k K) func() (any, error) {
				return fut(p.ZAddArgsIncr(k("z"), redpipe.ZAddArgs{Members: []redpipe.Z{{Score: -2.5, Member: "neg"}}}))
			}),
			c(func(r *redis.Client, k K) (any, error) { // XX on a missing member: nil
				return r.ZAddArgsIncr(ctx, k("z"), redis.ZAddArgs{XX: true, Members: []redis.Z{{Score: 1, Member: "absent"}}}).Result()
			}, func(p *redpipe.Pipeline, k K) func() (any, error) {
				return fut(p.ZAddArgsIncr(k("z"), redpipe.ZAddArgs{XX: true, Members: []redpipe.Z{{Score: 1, Member: "absent"}}}))
			}),
			c(func(r *redis.Client, k K) (any, error) { // +inf plus -inf is NaN: an error
				return r.ZAddArgsIncr(ctx, k("z"), redis.ZAddArgs{Members: []redis.Z{{Score: math.Inf(-1), Member: "hi"}}}).Result()
			}, func(p *redpipe.Pipeline, k K) func() (any, error) {
				return fut(p.ZAddArgsIncr(k("z"), redpipe.ZAddArgs{Members: []redpipe.Z{{Score: math.Inf(-1), Member: "hi"}}}))
			}),
		}},
		{name: "ZIncrBy", arrange: [][]string{zarr, args("SET", "@s", "str")}, calls: []call{
			c(func(r *redis.Client, k K) (any, error) { return r.ZIncrBy(ctx, k("z"), 0.1, "neg").Result() },
				func(p *redpipe.Pipeline, k K) func() (any, error) { return fut(p.ZIncrBy(k("z"), 0.1, "neg")) }),
			c(func(r *redis.Client, k K) (any, error) { return r.ZIncrBy(ctx, k("z"), 1, "hi").Result() },
				func(p *redpipe.Pipeline, k K) func() (any, error) { return fut(p.ZIncrBy(k("z"), 1, "hi")) }),
			c(func(r *redis.Client, k K) (any, error) { return r.ZIncrBy(ctx, k("s"), 1, "x").Result() },
				func(p *redpipe.Pipeline, k K) func() (any, error) { return fut(p.ZIncrBy(k("s"), 1, "x")) }),
		}},
		{name: "ZScore", arrange: [][]string{zarr}, calls: []call{
			c(func(r *redis.Client, k K) (any, error) { return r.ZScore(ctx, k("z"), "lo").Result() },
				func(p *redpipe.Pipeline, k K) func() (any, error) { return fut(p.ZScore(k("z"), "lo")) }),
			c(func(r *redis.Client, k K) (any, error) { return r.ZScore(ctx, k("z"), "big").Result() },
				func(p *redpipe.Pipeline, k K) func() (any, error) { return fut(p.ZScore(k("z"), "big")) }),
			c(func(r *redis.Client, k K) (any, error) { return r.ZScore(ctx, k("z"), "missing").Result() },
				func(p *redpipe.Pipeline, k K) func() (any, error) { return fut(p.ZScore(k("z"), "missing")) }),
		}},
		{name: "ZMScore", arrange: [][]string{zarr}, calls: []call{
			c(func(r *redis.Client, k K) (any, error) {
				return r.ZMScore(ctx, k("z"), "hi", "missing", "\xff\r\n").Result()
			},
				func(p *redpipe.Pipeline, k K) func() (any, error) {
					return fut(p.ZMScore(k("z"), "hi", "missing", "\xff\r\n"))
				}),
			c(func(r *redis.Client, k K) (any, error) { return r.ZMScore(ctx, k("nokey"), "a").Result() },
				func(p *redpipe.Pipeline, k K) func() (any, error) { return fut(p.ZMScore(k("nokey"), "a")) }),
		}},
		{name: "ZRangeWithScores", arrange: [][]string{zarr}, calls: []call{
			c(func(r *redis.Client, k K) (any, error) { return r.ZRangeWithScores(ctx, k("z"), 0, -1).Result() },
				func(p *redpipe.Pipeline, k K) func() (any, error) { return fut(p.ZRangeWithScores(k("z"), 0, -1)) }),
			c(func(r *redis.Client, k K) (any, error) {
				return r.ZRangeWithScores(ctx, k("z"), math.MinInt64, math.MaxInt64).Result()
			},
				func(p *redpipe.Pipeline, k K) func() (any, error) {
					return fut(p.ZRangeWithScores(k("z"), math.MinInt64, math.MaxInt64))
				}),
		}},
		{name: "ZRevRangeWithScores", arrange: [][]string{zarr}, calls: []call{
			c(func(r *redis.Client, k K) (any, error) { return r.ZRevRangeWithScores(ctx, k("z"), 1, 3).Result() },
				func(p *redpipe.Pipeline, k K) func() (any, error) { return fut(p.ZRevRangeWithScores(k("z"), 1, 3)) }),
		}},
		{name: "ZRange", arrange: [][]string{zarr}, calls: []call{
			c(func(r *redis.Client, k K) (any, error) { return r.ZRange(ctx, k("z"), -3, -1).Result() },
				func(p *redpipe.Pipeline, k K) func() (any, error) { return fut(p.ZRange(k("z"), -3, -1)) }),
		}},
		{name: "ZRevRange", arrange: [][]string{zarr}, calls: []call{
			c(func(r *redis.Client, k K) (any, error) { return r.ZRevRange(ctx, k("z"), 0, 2).Result() },
				func(p *redpipe.Pipeline, k K) func() (any, error) { return fut(p.ZRevRange(k("z"), 0, 2)) }),
		}},
		{name: "ZRangeByScoreWithScores", arrange: [][]string{zarr}, calls: []call{
			c(func(r *redis.Client, k K) (any, error) {
				return r.ZRangeByScoreWithScores(ctx, k("z"), &redis.ZRangeBy{Min: "-inf", Max: "(2.25", Offset: 1, Count: 3}).Result()
			}, func(p *redpipe.Pipeline, k K) func() (any, error) {
				return fut(p.ZRangeByScoreWithScores(k("z"), &redpipe.ZRangeBy{Min: "-inf", Max: "(2.25", Offset: 1, Count: 3}))
			}),
			c(func(r *redis.Client, k K) (any, error) {
				return r.ZRangeByScoreWithScores(ctx, k("z"), &redis.ZRangeBy{Min: "x", Max: "1"}).Result()
			}, func(p *redpipe.Pipeline, k K) func() (any, error) {
				return fut(p.ZRangeByScoreWithScores(k("z"), &redpipe.ZRangeBy{Min: "x", Max: "1"}))
			}),
		}},
		{name: "ZRevRangeByScoreWithScores", arrange: [][]string{zarr}, calls: []call{
			c(func(r *redis.Client, k K) (any, error) {
				return r.ZRevRangeByScoreWithScores(ctx, k("z"), &redis.ZRangeBy{Min: "0", Max: "+inf"}).Result()
			}, func(p *redpipe.Pipeline, k K) func() (any, error) {
				return fut(p.ZRevRangeByScoreWithScores(k("z"), &redpipe.ZRangeBy{Min: "0", Max: "+inf"}))
			}),
		}},
		{name: "ZRangeByScore", arrange: [][]string{zarr}, calls: []call{
			c(func(r *redis.Client, k K) (any, error) {
				return r.ZRangeByScore(ctx, k("z"), &redis.ZRangeBy{Min: "(0", Max: "1e300"}).Result()
			}, func(p *redpipe.Pipeline, k K) func() (any, error) {
				return fut(p.ZRangeByScore(k("z"), &redpipe.ZRangeBy{Min: "(0", Max: "1e300"}))
			}),
		}},
		{name: "ZRangeByLex", arrange: [][]string{args("ZADD", "@l", "0", "", "0", "a", "0", "b\x00", "0", "c")}, calls: []call{
			c(func(r *redis.Client, k K) (any, error) {
				return r.ZRangeByLex(ctx, k("l"), &redis.ZRangeBy{Min: "[a", Max: "+", Count: 2}).Result()
			}, func(p *redpipe.Pipeline, k K) func() (any, error) {
				return fut(p.ZRangeByLex(k("l"), &redpipe.ZRangeBy{Min: "[a", Max: "+", Count: 2}))
			}),
		}},
		{name: "ZRangeArgsWithScores", arrange: [][]string{zarr}, calls: []call{
			c(func(r *redis.Client, k K) (any, error) {
				return r.ZRangeArgsWithScores(ctx, redis.ZRangeArgs{Key: k("z"), Start: "+inf", Stop: "(-1.5", ByScore: true, Rev: true, Offset: 1, Count: 2}).Result()
			}, func(p *redpipe.Pipeline, k K) func() (any, error) {
				return fut(p.ZRangeArgsWithScores(redpipe.ZRangeArgs{Key: k("z"), Start: "+inf", Stop: "(-1.5", ByScore: true, Rev: true, Offset: 1, Count: 2}))
			}),
		}},
		{name: "ZRangeStore", arrange: [][]string{zarr}, calls: []call{
			c(func(r *redis.Client, k K) (any, error) {
				return r.ZRangeStore(ctx, k("dst"), redis.ZRangeArgs{Key: k("z"), Start: 1, Stop: -2}).Result()
			}, func(p *redpipe.Pipeline, k K) func() (any, error) {
				return fut(p.ZRangeStore(k("dst"), redpipe.ZRangeArgs{Key: k("z"), Start: 1, Stop: -2}))
			}),
		}},
		{name: "ZRankWithScore", arrange: [][]string{zarr}, calls: []call{
			c(func(r *redis.Client, k K) (any, error) { return r.ZRankWithScore(ctx, k("z"), "hi").Result() },
				func(p *redpipe.Pipeline, k K) func() (any, error) { return fut(p.ZRankWithScore(k("z"), "hi")) }),
			c(func(r *redis.Client, k K) (any, error) { return r.ZRankWithScore(ctx, k("z"), "nope").Result() },
				func(p *redpipe.Pipeline, k K) func() (any, error) { return fut(p.ZRankWithScore(k("z"), "nope")) }),
		}},
		{name: "ZRevRankWithScore", arrange: [][]string{zarr}, calls: []call{
			c(func(r *redis.Client, k K) (any, error) { return r.ZRevRankWithScore(ctx, k("z"), "lo").Result() },
				func(p *redpipe.Pipeline, k K) func() (any, error) { return fut(p.ZRevRankWithScore(k("z"), "lo")) }),
		}},
		{name: "ZRank", arrange: [][]string{zarr}, calls: []call{
			c(func(r *redis.Client, k K) (any, error) { return r.ZRank(ctx, k("z"), "\xff\r\n").Result() },
				func(p *redpipe.Pipeline, k K) func() (any, error) { return fut(p.ZRank(k("z"), "\xff\r\n")) }),
			c(func(r *redis.Client, k K) (any, error) { return r.ZRank(ctx, k("z"), "nope").Result() },
				func(p *redpipe.Pipeline, k K) func() (any, error) { return fut(p.ZRank(k("z"), "nope")) }),
		}},
		{name: "ZPopMin", arrange: [][]string{zarr}, calls: []call{
			c(func(r *redis.Client, k K) (any, error) { return r.ZPopMin(ctx, k("z")).Result() },
				func(p *redpipe.Pipeline, k K) func() (any, error) { return fut(p.ZPopMin(k("z"))) }),
			c(func(r *redis.Client, k K) (any, error) { return r.ZPopMin(ctx, k("z"), 3).Result() },
				func(p *redpipe.Pipeline, k K) func() (any, error) { return fut(p.ZPopMin(k("z"), 3)) }),
			c(func(r *redis.Client, k K) (any, error) { return r.ZPopMin(ctx, k("none"), 2).Result() },
				func(p *redpipe.Pipeline, k K) func() (any, error) { return fut(p.ZPopMin(k("none"), 2)) }),
		}},
		{name: "ZPopMax", arrange: [][]string{zarr}, calls: []call{
			c(func(r *redis.Client, k K) (any, error) { return r.ZPopMax(ctx, k("z"), 2).Result() },
				func(p *redpipe.Pipeline, k K) func() (any, error) { return fut(p.ZPopMax(k("z"), 2)) }),
		}},
		{name: "BZPopMin", arrange: [][]string{zarr}, calls: []call{
			c(func(r *redis.Client, k K) (any, error) { return r.BZPopMin(ctx, 0, k("empty"), k("z")).Result() },
				func(p *redpipe.Pipeline, k K) func() (any, error) { return fut(p.BZPopMin(0, k("empty"), k("z"))) }),
		}},
		{name: "BZPopMax", arrange: [][]string{zarr}, calls: []call{
			c(func(r *redis.Client, k K) (any, error) {
				return r.BZPopMax(ctx, 10*time.Millisecond, k("empty")).Result()
			},
				func(p *redpipe.Pipeline, k K) func() (any, error) {
					return fut(p.BZPopMax(10*time.Millisecond, k("empty")))
				}),
			c(func(r *redis.Client, k K) (any, error) { return r.BZPopMax(ctx, time.Second, k("z")).Result() },
				func(p *redpipe.Pipeline, k K) func() (any, error) { return fut(p.BZPopMax(time.Second, k("z"))) }),
		}},
		{name: "ZMPop", arrange: [][]string{zarr}, calls: []call{
			c(func(r *redis.Client, k K) (any, error) {
				key, zs, err := r.ZMPop(ctx, "max", 2, k("empty"), k("z")).Result()
				return redpipe.ZSliceWithKey{Key: key, Members: toZ(zs)}, err
			}, func(p *redpipe.Pipeline, k K) func() (any, error) { return fut(p.ZMPop("max", 2, k("empty"), k("z"))) }),
			c(func(r *redis.Client, k K) (any, error) {
				key, zs, err := r.ZMPop(ctx, "min", 1, k("empty")).Result()
				return redpipe.ZSliceWithKey{Key: key, Members: toZ(zs)}, err
			}, func(p *redpipe.Pipeline, k K) func() (any, error) { return fut(p.ZMPop("min", 1, k("empty"))) }),
		}},
		{name: "ZUnionWithScores", arrange: [][]string{zarr, zb}, calls: []call{
			c(func(r *redis.Client, k K) (any, error) {
				return r.ZUnionWithScores(ctx, redis.ZStore{Keys: []string{k("z"), k("b")}, Weights: []float64{2, -1}, Aggregate: "MAX"}).Result()
			}, func(p *redpipe.Pipeline, k K) func() (any, error) {
				return fut(p.ZUnionWithScores(redpipe.ZStore{Keys: []string{k("z"), k("b")}, Weights: []float64{2, -1}, Aggregate: "MAX"}))
			}),
		}},
		{name: "ZUnionStore", arrange: [][]string{zarr, zb}, calls: []call{
			c(func(r *redis.Client, k K) (any, error) {
				return r.ZUnionStore(ctx, k("dst"), &redis.ZStore{Keys: []string{k("z"), k("b")}, Aggregate: "MIN"}).Result()
			}, func(p *redpipe.Pipeline, k K) func() (any, error) {
				return fut(p.ZUnionStore(k("dst"), &redpipe.ZStore{Keys: []string{k("z"), k("b")}, Aggregate: "MIN"}))
			}),
		}},
		{name: "ZInterWithScores", arrange: [][]string{zarr, zb}, calls: []call{
			c(func(r *redis.Client, k K) (any, error) {
				return r.ZInterWithScores(ctx, &redis.ZStore{Keys: []string{k("z"), k("b")}, Weights: []float64{0.5, 3}}).Result()
			}, func(p *redpipe.Pipeline, k K) func() (any, error) {
				return fut(p.ZInterWithScores(&redpipe.ZStore{Keys: []string{k("z"), k("b")}, Weights: []float64{0.5, 3}}))
			}),
		}},
		{name: "ZInterStore", arrange: [][]string{zarr, zb}, calls: []call{
			c(func(r *redis.Client, k K) (any, error) {
				return r.ZInterStore(ctx, k("dst"), &redis.ZStore{Keys: []string{k("z"), k("b")}, Aggregate: "SUM"}).Result()
			}, func(p *redpipe.Pipeline, k K) func() (any, error) {
				return fut(p.ZInterStore(k("dst"), &redpipe.ZStore{Keys: []string{k("z"), k("b")}, Aggregate: "SUM"}))
			}),
		}},
		{name: "ZInterCard", arrange: [][]string{zarr, zb}, calls: []call{
			c(func(r *redis.Client, k K) (any, error) { return r.ZInterCard(ctx, 1, k("z"), k("b")).Result() },
				func(p *redpipe.Pipeline, k K) func() (any, error) { return fut(p.ZInterCard(1, k("z"), k("b"))) }),
			c(func(r *redis.Client, k K) (any, error) { return r.ZInterCard(ctx, 0, k("z"), k("b")).Result() },
				func(p *redpipe.Pipeline, k K) func() (any, error) { return fut(p.ZInterCard(0, k("z"), k("b"))) }),
		}},
		{name: "ZDiffWithScores", arrange: [][]string{zarr, zb}, calls: []call{
			c(func(r *redis.Client, k K) (any, error) { return r.ZDiffWithScores(ctx, k("z"), k("b")).Result() },
				func(p *redpipe.Pipeline, k K) func() (any, error) { return fut(p.ZDiffWithScores(k("z"), k("b"))) }),
		}},
		{name: "ZDiffStore", arrange: [][]string{zarr, zb}, calls: []call{
			c(func(r *redis.Client, k K) (any, error) { return r.ZDiffStore(ctx, k("dst"), k("b"), k("z")).Result() },
				func(p *redpipe.Pipeline, k K) func() (any, error) { return fut(p.ZDiffStore(k("dst"), k("b"), k("z"))) }),
		}},
		{name: "ZRandMemberWithScores", arrange: [][]string{args("ZADD", "@one", "-0.25", "solo")}, calls: []call{
			c(func(r *redis.Client, k K) (any, error) { return r.ZRandMemberWithScores(ctx, k("one"), -3).Result() },
				func(p *redpipe.Pipeline, k K) func() (any, error) { return fut(p.ZRandMemberWithScores(k("one"), -3)) }),
		}},
		{name: "ZCount", arrange: [][]string{zarr}, calls: []call{
			c(func(r *redis.Client, k K) (any, error) { return r.ZCount(ctx, k("z"), "(-inf", "+inf").Result() },
				func(p *redpipe.Pipeline, k K) func() (any, error) { return fut(p.ZCount(k("z"), "(-inf", "+inf")) }),
		}},
		{name: "ZRemRangeByScore", arrange: [][]string{zarr}, calls: []call{
			c(func(r *redis.Client, k K) (any, error) { return r.ZRemRangeByScore(ctx, k("z"), "-inf", "0").Result() },
				func(p *redpipe.Pipeline, k K) func() (any, error) {
					return fut(p.ZRemRangeByScore(k("z"), "-inf", "0"))
				}),
		}},
		{name: "ZRem", arrange: [][]string{zarr}, calls: []call{
			c(func(r *redis.Client, k K) (any, error) { return r.ZRem(ctx, k("z"), "", "a\x00b", "absent").Result() },
				func(p *redpipe.Pipeline, k K) func() (any, error) { return fut(p.ZRem(k("z"), "", "a\x00b", "absent")) }),
		}},
		{name: "ZScan", arrange: [][]string{zarr}, calls: []call{
			c(func(r *redis.Client, k K) (any, error) {
				keys, cur, err := r.ZScan(ctx, k("z"), 0, "*", 100).Result()
				return scanResult(keys, cur), err
			}, func(p *redpipe.Pipeline, k K) func() (any, error) { return fut(p.ZScan(k("z"), 0, "*", 100)) }),
		}},
	}
})
