package difftest

import (
	"github.com/redis/go-redis/v9"

	"github.com/redpipe-go/redpipe"
)

// Arrays (AR*, Redis 8.8): every case needs the commands it sends, its
// arrange included (raw ARSET on a server without it would fail the
// test rather than skip the case). Indexes are uint64: one far beyond
// int32 shows they are not truncated; empty slots come back as nil in
// ARMGET / ARGETRANGE / ARLASTITEMS, empty strings stay "".
var _ = family(func() []tcase {
	const far40 = uint64(1) << 40
	arr := args("ARSET", "@a", "0", "v0", "v1", "v2", "v3", "v4", "v5", "v6", "v7", "v8", "v9")
	return []tcase{
		{name: "ARSet", needs: []string{"ARSET", "ARGET", "ARLEN", "ARCOUNT"}, arrange: [][]string{args("SET", "@s", "x")}, calls: []call{
			c(func(r *redis.Client, k K) (any, error) { return r.ARSet(ctx, k("a"), 0, "x", "", "\x00\xff").Result() },
				func(p *redpipe.Pipeline, k K) func() (any, error) {
					return fut(p.ARSet(k("a"), 0, "x", "", "\x00\xff"))
				}),
			// Slot 1 was set (to ""): no new slot.
			c(func(r *redis.Client, k K) (any, error) { return r.ARSet(ctx, k("a"), 1, "y").Result() },
				func(p *redpipe.Pipeline, k K) func() (any, error) { return fut(p.ARSet(k("a"), 1, "y")) }),
			c(func(r *redis.Client, k K) (any, error) { return r.ARSet(ctx, k("a"), far40, "far").Result() },
				func(p *redpipe.Pipeline, k K) func() (any, error) { return fut(p.ARSet(k("a"), far40, "far")) }),
			c(func(r *redis.Client, k K) (any, error) { return r.ARGet(ctx, k("a"), 2).Result() },
				func(p *redpipe.Pipeline, k K) func() (any, error) { return fut(p.ARGet(k("a"), 2)) }),
			c(func(r *redis.Client, k K) (any, error) { return r.ARGet(ctx, k("a"), far40).Result() },
				func(p *redpipe.Pipeline, k K) func() (any, error) { return fut(p.ARGet(k("a"), far40)) }),
			c(func(r *redis.Client, k K) (any, error) { return r.ARGet(ctx, k("a"), 5).Result() },
				func(p *redpipe.Pipeline, k K) func() (any, error) { return fut(p.ARGet(k("a"), 5)) }),
			c(func(r *redis.Client, k K) (any, error) { return r.ARGet(ctx, k("none"), 0).Result() },
				func(p *redpipe.Pipeline, k K) func() (any, error) { return fut(p.ARGet(k("none"), 0)) }),
			c(func(r *redis.Client, k K) (any, error) { return r.ARLen(ctx, k("a")).Result() },
				func(p *redpipe.Pipeline, k K) func() (any, error) { return fut(p.ARLen(k("a"))) }),
			c(func(r *redis.Client, k K) (any, error) { return r.ARCount(ctx, k("a")).Result() },
				func(p *redpipe.Pipeline, k K) func() (any, error) { return fut(p.ARCount(k("a"))) }),
			c(func(r *redis.Client, k K) (any, error) { return r.ARLen(ctx, k("none")).Result() },
				func(p *redpipe.Pipeline, k K) func() (any, error) { return fut(p.ARLen(k("none"))) }),
			c(func(r *redis.Client, k K) (any, error) { return r.ARSet(ctx, k("s"), 0, "v").Result() },
				func(p *redpipe.Pipeline, k K) func() (any, error) { return fut(p.ARSet(k("s"), 0, "v")) }),
		}},
		{name: "ARMSet", needs: []string{"ARMSET", "ARMGET", "ARGETRANGE"}, calls: []call{
			c(func(r *redis.Client, k K) (any, error) {
				return r.ARMSet(ctx, k("a"), redis.AREntry{Index: 0, Value: "a"}, redis.AREntry{Index: 5, Value: ""}, redis.AREntry{Index: 2, Value: "\r\n"}).Result()
			}, func(p *redpipe.Pipeline, k K) func() (any, error) {
				return fut(p.ARMSet(k("a"), redpipe.AREntry{Index: 0, Value: "a"}, redpipe.AREntry{Index: 5, Value: ""}, redpipe.AREntry{Index: 2, Value: "\r\n"}))
			}),
			c(func(r *redis.Client, k K) (any, error) {
				return r.ARMSet(ctx, k("a"), redis.AREntry{Index: 0, Value: "b"}, redis.AREntry{Index: 1, Value: "new"}).Result()
			}, func(p *redpipe.Pipeline, k K) func() (any, error) {
				return fut(p.ARMSet(k("a"), redpipe.AREntry{Index: 0, Value: "b"}, redpipe.AREntry{Index: 1, Value: "new"}))
			}),
			c(func(r *redis.Client, k K) (any, error) { return r.ARMGet(ctx, k("a"), 0, 3, 5, 2, 1<<40).Result() },
				func(p *redpipe.Pipeline, k K) func() (any, error) { return fut(p.ARMGet(k("a"), 0, 3, 5, 2, 1<<40)) }),
			c(func(r *redis.Client, k K) (any, error) { return r.ARGetRange(ctx, k("a"), 0, 6).Result() },
				func(p *redpipe.Pipeline, k K) func() (any, error) { return fut(p.ARGetRange(k("a"), 0, 6)) }),
			// A reversed range reads backwards.
			c(func(r *redis.Client, k K) (any, error) { return r.ARGetRange(ctx, k("a"), 5, 1).Result() },
				func(p *redpipe.Pipeline, k K) func() (any, error) { return fut(p.ARGetRange(k("a"), 5, 1)) }),
			c(func(r *redis.Client, k K) (any, error) { return r.ARGetRange(ctx, k("none"), 0, 2).Result() },
				func(p *redpipe.Pipeline, k K) func() (any, error) { return fut(p.ARGetRange(k("none"), 0, 2)) }),
		}},
		{name: "ARDel", needs: []string{"ARSET", "ARDEL", "ARDELRANGE", "ARCOUNT", "ARSCAN"}, arrange: [][]string{arr}, calls: []call{
			c(func(r *redis.Client, k K) (any, error) { return r.ARDel(ctx, k("a"), 1, 50).Result() },
				func(p *redpipe.Pipeline, k K) func() (any, error) { return fut(p.ARDel(k("a"), 1, 50)) }),
			c(func(r *redis.Client, k K) (any, error) { return r.ARDel(ctx, k("a"), 1).Result() },
				func(p *redpipe.Pipeline, k K) func() (any, error) { return fut(p.ARDel(k("a"), 1)) }),
			// Two ranges, the second reversed.
			c(func(r *redis.Client, k K) (any, error) {
				return r.ARDelRange(ctx, k("a"), redis.ARRange{Start: 3, End: 4}, redis.ARRange{Start: 8, End: 6}).Result()
			}, func(p *redpipe.Pipeline, k K) func() (any, error) {
				return fut(p.ARDelRange(k("a"), redpipe.ARRange{Start: 3, End: 4}, redpipe.ARRange{Start: 8, End: 6}))
			}),
			c(func(r *redis.Client, k K) (any, error) { return r.ARCount(ctx, k("a")).Result() },
				func(p *redpipe.Pipeline, k K) func() (any, error) { return fut(p.ARCount(k("a"))) }),
			c(func(r *redis.Client, k K) (any, error) { return r.ARScan(ctx, k("a"), 0, 100, nil).Result() },
				func(p *redpipe.Pipeline, k K) func() (any, error) { return fut(p.ARScan(k("a"), 0, 100, nil)) }),
			c(func(r *redis.Client, k K) (any, error) {
				return r.ARScan(ctx, k("a"), 1, 100, &redis.ARScanArgs{Limit: 2}).Result()
			}, func(p *redpipe.Pipeline, k K) func() (any, error) {
				return fut(p.ARScan(k("a"), 1, 100, &redpipe.ARScanArgs{Limit: 2}))
			}),
			c(func(r *redis.Client, k K) (any, error) { return r.ARScan(ctx, k("none"), 0, 9, nil).Result() },
				func(p *redpipe.Pipeline, k K) func() (any, error) { return fut(p.ARScan(k("none"), 0, 9, nil)) }),
			// Deleting the last slots deletes the key.
			c(func(r *redis.Client, k K) (any, error) {
				return r.ARDelRange(ctx, k("a"), redis.ARRange{Start: 0, End: 1 << 40}).Result()
			}, func(p *redpipe.Pipeline, k K) func() (any, error) {
				return fut(p.ARDelRange(k("a"), redpipe.ARRange{Start: 0, End: 1 << 40}))
			}),
		}},
		{name: "ARInsert", needs: []string{"ARINSERT", "ARNEXT", "ARSEEK", "ARLASTITEMS"}, calls: []call{
			c(func(r *redis.Client, k K) (any, error) { return r.ARInsert(ctx, k("a"), "a", "", "\x00").Result() },
				func(p *redpipe.Pipeline, k K) func() (any, error) { return fut(p.ARInsert(k("a"), "a", "", "\x00")) }),
			c(func(r *redis.Client, k K) (any, error) { return r.ARNext(ctx, k("a")).Result() },
				func(p *redpipe.Pipeline, k K) func() (any, error) { return fut(p.ARNext(k("a"))) }),
			c(func(r *redis.Client, k K) (any, error) { return r.ARSeek(ctx, k("a"), 10).Result() },
				func(p *redpipe.Pipeline, k K) func() (any, error) { return fut(p.ARSeek(k("a"), 10)) }),
			c(func(r *redis.Client, k K) (any, error) { return r.ARInsert(ctx, k("a"), "z").Result() },
				func(p *redpipe.Pipeline, k K) func() (any, error) { return fut(p.ARInsert(k("a"), "z")) }),
			c(func(r *redis.Client, k K) (any, error) { return r.ARNext(ctx, k("a")).Result() },
				func(p *redpipe.Pipeline, k K) func() (any, error) { return fut(p.ARNext(k("a"))) }),
			c(func(r *redis.Client, k K) (any, error) { return r.ARLastItems(ctx, k("a"), 2, false).Result() },
				func(p *redpipe.Pipeline, k K) func() (any, error) { return fut(p.ARLastItems(k("a"), 2, false)) }),
			c(func(r *redis.Client, k K) (any, error) { return r.ARLastItems(ctx, k("a"), 10, true).Result() },
				func(p *redpipe.Pipeline, k K) func() (any, error) { return fut(p.ARLastItems(k("a"), 10, true)) }),
			c(func(r *redis.Client, k K) (any, error) { return r.ARSeek(ctx, k("none"), 1).Result() },
				func(p *redpipe.Pipeline, k K) func() (any, error) { return fut(p.ARSeek(k("none"), 1)) }),
			c(func(r *redis.Client, k K) (any, error) { return r.ARNext(ctx, k("none")).Result() },
				func(p *redpipe.Pipeline, k K) func() (any, error) { return fut(p.ARNext(k("none"))) }),
			c(func(r *redis.Client, k K) (any, error) { return r.ARLastItems(ctx, k("none"), 3, false).Result() },
				func(p *redpipe.Pipeline, k K) func() (any, error) { return fut(p.ARLastItems(k("none"), 3, false)) }),
		}},
		// A ring of 3: the fourth value wraps to slot 0.
		{name: "ARRing", needs: []string{"ARRING", "ARGETRANGE", "ARLASTITEMS"}, calls: []call{
			c(func(r *redis.Client, k K) (any, error) { return r.ARRing(ctx, k("r"), 3, "1", "2", "3", "4").Result() },
				func(p *redpipe.Pipeline, k K) func() (any, error) {
					return fut(p.ARRing(k("r"), 3, "1", "2", "3", "4"))
				}),
			c(func(r *redis.Client, k K) (any, error) { return r.ARRing(ctx, k("r"), 3, "").Result() },
				func(p *redpipe.Pipeline, k K) func() (any, error) { return fut(p.ARRing(k("r"), 3, "")) }),
			c(func(r *redis.Client, k K) (any, error) { return r.ARGetRange(ctx, k("r"), 0, 3).Result() },
				func(p *redpipe.Pipeline, k K) func() (any, error) { return fut(p.ARGetRange(k("r"), 0, 3)) }),
			c(func(r *redis.Client, k K) (any, error) { return r.ARLastItems(ctx, k("r"), 3, false).Result() },
				func(p *redpipe.Pipeline, k K) func() (any, error) { return fut(p.ARLastItems(k("r"), 3, false)) }),
			c(func(r *redis.Client, k K) (any, error) { return r.ARRing(ctx, k("z"), 0, "x").Result() },
				func(p *redpipe.Pipeline, k K) func() (any, error) { return fut(p.ARRing(k("z"), 0, "x")) }),
		}},
		{name: "AROpSum", needs: []string{"ARSET", "AROP"}, arrange: [][]string{
			args("ARSET", "@n", "0", "1", "6", "-3", "12"), args("ARSET", "@n", "9", "2.5"), args("ARSET", "@t", "0", "abc", "6"),
		}, calls: []call{
			c(func(r *redis.Client, k K) (any, error) { return r.AROpSum(ctx, k("n"), 0, 9).Result() },
				func(p *redpipe.Pipeline, k K) func() (any, error) { return fut(p.AROpSum(k("n"), 0, 9)) }),
			c(func(r *redis.Client, k K) (any, error) { return r.AROpMin(ctx, k("n"), 0, 9).Result() },
				func(p *redpipe.Pipeline, k K) func() (any, error) { return fut(p.AROpMin(k("n"), 0, 9)) }),
			c(func(r *redis.Client, k K) (any, error) { return r.AROpMax(ctx, k("n"), 0, 9).Result() },
				func(p *redpipe.Pipeline, k K) func() (any, error) { return fut(p.AROpMax(k("n"), 0, 9)) }),
			c(func(r *redis.Client, k K) (any, error) { return r.AROpAnd(ctx, k("n"), 0, 3).Result() },
				func(p *redpipe.Pipeline, k K) func() (any, error) { return fut(p.AROpAnd(k("n"), 0, 3)) }),
			c(func(r *redis.Client, k K) (any, error) { return r.AROpOr(ctx, k("n"), 0, 3).Result() },
				func(p *redpipe.Pipeline, k K) func() (any, error) { return fut(p.AROpOr(k("n"), 0, 3)) }),
			c(func(r *redis.Client, k K) (any, error) { return r.AROpXor(ctx, k("n"), 0, 3).Result() },
				func(p *redpipe.Pipeline, k K) func() (any, error) { return fut(p.AROpXor(k("n"), 0, 3)) }),
			c(func(r *redis.Client, k K) (any, error) { return r.AROpMatch(ctx, k("n"), 0, 9, "6").Result() },
				func(p *redpipe.Pipeline, k K) func() (any, error) { return fut(p.AROpMatch(k("n"), 0, 9, "6")) }),
			c(func(r *redis.Client, k K) (any, error) { return r.AROpUsed(ctx, k("n"), 1, 100).Result() },
				func(p *redpipe.Pipeline, k K) func() (any, error) { return fut(p.AROpUsed(k("n"), 1, 100)) }),
			// A value that is not a number: what the server makes of it,
			// the same both sides.
			c(func(r *redis.Client, k K) (any, error) { return r.AROpSum(ctx, k("t"), 0, 1).Result() },
				func(p *redpipe.Pipeline, k K) func() (any, error) { return fut(p.AROpSum(k("t"), 0, 1)) }),
			c(func(r *redis.Client, k K) (any, error) { return r.AROpAnd(ctx, k("n"), 0, 9).Result() },
				func(p *redpipe.Pipeline, k K) func() (any, error) { return fut(p.AROpAnd(k("n"), 0, 9)) }),
			c(func(r *redis.Client, k K) (any, error) { return r.AROpMin(ctx, k("none"), 0, 9).Result() },
				func(p *redpipe.Pipeline, k K) func() (any, error) { return fut(p.AROpMin(k("none"), 0, 9)) }),
		}},
		{name: "ARGrep", needs: []string{"ARSET", "ARGREP"}, arrange: [][]string{args("ARSET", "@a", "0", "apple", "Banana", "cherry", "", "apricot", "band")}, calls: []call{
			c(func(r *redis.Client, k K) (any, error) {
				return r.ARGrep(ctx, k("a"), "-", "+", &redis.ARGrepArgs{Predicates: []redis.ARGrepPredicate{{Type: redis.ARGrepGlob, Value: "a*"}}}).Result()
			}, func(p *redpipe.Pipeline, k K) func() (any, error) {
				return fut(p.ARGrep(k("a"), "-", "+", &redpipe.ARGrepArgs{Predicates: []redpipe.ARGrepPredicate{{Type: redpipe.ARGrepGlob, Value: "a*"}}}))
			}),
			c(func(r *redis.Client, k K) (any, error) {
				return r.ARGrep(ctx, k("a"), "0", "5", &redis.ARGrepArgs{Predicates: []redis.ARGrepPredicate{{Type: redis.ARGrepExact, Value: "banana"}, {Type: redis.ARGrepRegex, Value: "^ch"}}, NoCase: true, Limit: 5}).Result()
			}, func(p *redpipe.Pipeline, k K) func() (any, error) {
				return fut(p.ARGrep(k("a"), "0", "5", &redpipe.ARGrepArgs{Predicates: []redpipe.ARGrepPredicate{{Type: redpipe.ARGrepExact, Value: "banana"}, {Type: redpipe.ARGrepRegex, Value: "^ch"}}, NoCase: true, Limit: 5}))
			}),
			c(func(r *redis.Client, k K) (any, error) {
				return r.ARGrepWithValues(ctx, k("a"), "-", "+", &redis.ARGrepArgs{Predicates: []redis.ARGrepPredicate{{Type: redis.ARGrepMatch, Value: "an"}, {Type: redis.ARGrepGlob, Value: "b*"}}, CombineAnd: true}).Result()
			}, func(p *redpipe.Pipeline, k K) func() (any, error) {
				return fut(p.ARGrepWithValues(k("a"), "-", "+", &redpipe.ARGrepArgs{Predicates: []redpipe.ARGrepPredicate{{Type: redpipe.ARGrepMatch, Value: "an"}, {Type: redpipe.ARGrepGlob, Value: "b*"}}, CombineAnd: true}))
			}),
			c(func(r *redis.Client, k K) (any, error) {
				return r.ARGrepWithValues(ctx, k("a"), "-", "+", &redis.ARGrepArgs{Predicates: []redis.ARGrepPredicate{{Type: redis.ARGrepGlob, Value: "*"}}, Limit: 2}).Result()
			}, func(p *redpipe.Pipeline, k K) func() (any, error) {
				return fut(p.ARGrepWithValues(k("a"), "-", "+", &redpipe.ARGrepArgs{Predicates: []redpipe.ARGrepPredicate{{Type: redpipe.ARGrepGlob, Value: "*"}}, Limit: 2}))
			}),
			c(func(r *redis.Client, k K) (any, error) {
				return r.ARGrep(ctx, k("none"), "-", "+", &redis.ARGrepArgs{Predicates: []redis.ARGrepPredicate{{Type: redis.ARGrepExact, Value: "x"}}}).Result()
			}, func(p *redpipe.Pipeline, k K) func() (any, error) {
				return fut(p.ARGrep(k("none"), "-", "+", &redpipe.ARGrepArgs{Predicates: []redpipe.ARGrepPredicate{{Type: redpipe.ARGrepExact, Value: "x"}}}))
			}),
		}},
		// ARINFO's fields are counts and sizes of the array's own slices:
		// the same operations on the same binary give the same numbers, so
		// they compare exactly.
		{name: "ARInfo", needs: []string{"ARSET", "ARINFO"}, arrange: [][]string{arr, args("ARSET", "@a", "1099511627776", "far")}, calls: []call{
			c(func(r *redis.Client, k K) (any, error) { return r.ARInfo(ctx, k("a")).Result() },
				func(p *redpipe.Pipeline, k K) func() (any, error) { return fut(p.ARInfo(k("a"))) }),
			c(func(r *redis.Client, k K) (any, error) { return r.ARInfoFull(ctx, k("a")).Result() },
				func(p *redpipe.Pipeline, k K) func() (any, error) { return fut(p.ARInfoFull(k("a"))) }),
			c(func(r *redis.Client, k K) (any, error) { return r.ARInfo(ctx, k("none")).Result() },
				func(p *redpipe.Pipeline, k K) func() (any, error) { return fut(p.ARInfo(k("none"))) }),
		}},
	}
})
