//lint:file-ignore SA1019 the differential test calls deprecated methods on both sides on purpose: they are still part of the surface

package difftest

import (
	"github.com/redis/go-redis/v9"

	"github.com/redpipe-go/redpipe"
)

// Bitmaps and the store forms next to them: BITOP's operations (DIFF,
// DIFF1, ANDOR and ONE are Redis 8.2 arguments of a command 7.0 has, so
// COMMAND INFO cannot tell them apart and a needs entry would be wrong:
// on an older server both sides must give the server's same syntax error,
// on a newer one the same count and the same destination key),
// BITPOS with its BIT/BYTE span, GEORADIUSBYMEMBER's STORE and STOREDIST.
var _ = family(func() []tcase {
	bits := [][]string{args("SET", "@a", "\xff\x0f\x00"), args("SET", "@b", "\x0f\xf0"), args("SET", "@c", "\x01")}
	op := func(name string, o func(r *redis.Client, dest string, keys ...string) *redis.IntCmd,
		q func(p *redpipe.Pipeline, dest string, keys ...string) *redpipe.Future[int64]) tcase {
		return tcase{name: name, arrange: bits, calls: []call{
			c(func(r *redis.Client, k K) (any, error) { return o(r, k("d"), k("a"), k("b"), k("c")).Result() },
				func(p *redpipe.Pipeline, k K) func() (any, error) { return fut(q(p, k("d"), k("a"), k("b"), k("c"))) }),
			// A missing source is an empty string: the destination is
			// deleted (length 0) or as long as the longest source.
			c(func(r *redis.Client, k K) (any, error) { return o(r, k("e"), k("none"), k("b")).Result() },
				func(p *redpipe.Pipeline, k K) func() (any, error) { return fut(q(p, k("e"), k("none"), k("b"))) }),
		}}
	}
	return []tcase{
		op("BitOpAnd", func(r *redis.Client, d string, ks ...string) *redis.IntCmd { return r.BitOpAnd(ctx, d, ks...) },
			func(p *redpipe.Pipeline, d string, ks ...string) *redpipe.Future[int64] { return p.BitOpAnd(d, ks...) }),
		op("BitOpOr", func(r *redis.Client, d string, ks ...string) *redis.IntCmd { return r.BitOpOr(ctx, d, ks...) },
			func(p *redpipe.Pipeline, d string, ks ...string) *redpipe.Future[int64] { return p.BitOpOr(d, ks...) }),
		op("BitOpDiff", func(r *redis.Client, d string, ks ...string) *redis.IntCmd { return r.BitOpDiff(ctx, d, ks...) },
			func(p *redpipe.Pipeline, d string, ks ...string) *redpipe.Future[int64] { return p.BitOpDiff(d, ks...) }),
		op("BitOpDiff1", func(r *redis.Client, d string, ks ...string) *redis.IntCmd { return r.BitOpDiff1(ctx, d, ks...) },
			func(p *redpipe.Pipeline, d string, ks ...string) *redpipe.Future[int64] {
				return p.BitOpDiff1(d, ks...)
			}),
		op("BitOpAndOr", func(r *redis.Client, d string, ks ...string) *redis.IntCmd { return r.BitOpAndOr(ctx, d, ks...) },
			func(p *redpipe.Pipeline, d string, ks ...string) *redpipe.Future[int64] {
				return p.BitOpAndOr(d, ks...)
			}),
		op("BitOpOne", func(r *redis.Client, d string, ks ...string) *redis.IntCmd { return r.BitOpOne(ctx, d, ks...) },
			func(p *redpipe.Pipeline, d string, ks ...string) *redpipe.Future[int64] { return p.BitOpOne(d, ks...) }),
		{name: "BitPosSpan", arrange: [][]string{args("SET", "@a", "\x00\xff\x00")}, calls: []call{
			// Bit offsets 2..-1: the first 1 is bit 8.
			c(func(r *redis.Client, k K) (any, error) { return r.BitPosSpan(ctx, k("a"), 1, 2, -1, "bit").Result() },
				func(p *redpipe.Pipeline, k K) func() (any, error) { return fut(p.BitPosSpan(k("a"), 1, 2, -1, "bit")) }),
			// Byte 1 is all ones and the end is explicit: no 0 there, -1.
			c(func(r *redis.Client, k K) (any, error) { return r.BitPosSpan(ctx, k("a"), 0, 1, 1, "byte").Result() },
				func(p *redpipe.Pipeline, k K) func() (any, error) { return fut(p.BitPosSpan(k("a"), 0, 1, 1, "byte")) }),
			// The same range read as bits 9..15 (inside byte 1) has no 0
			// either, while bits 9..16 reach byte 2: 16.
			c(func(r *redis.Client, k K) (any, error) { return r.BitPosSpan(ctx, k("a"), 0, 9, 16, "BIT").Result() },
				func(p *redpipe.Pipeline, k K) func() (any, error) { return fut(p.BitPosSpan(k("a"), 0, 9, 16, "BIT")) }),
			c(func(r *redis.Client, k K) (any, error) { return r.BitPosSpan(ctx, k("a"), 2, 0, -1, "bit").Result() },
				func(p *redpipe.Pipeline, k K) func() (any, error) { return fut(p.BitPosSpan(k("a"), 2, 0, -1, "bit")) }),
			// A missing key is all zeros: the first 0 is bit 0, no 1 at all.
			c(func(r *redis.Client, k K) (any, error) { return r.BitPosSpan(ctx, k("none"), 0, 0, -1, "bit").Result() },
				func(p *redpipe.Pipeline, k K) func() (any, error) {
					return fut(p.BitPosSpan(k("none"), 0, 0, -1, "bit"))
				}),
			c(func(r *redis.Client, k K) (any, error) {
				return r.BitPosSpan(ctx, k("none"), 1, 0, -1, "byte").Result()
			},
				func(p *redpipe.Pipeline, k K) func() (any, error) {
					return fut(p.BitPosSpan(k("none"), 1, 0, -1, "byte"))
				}),
			c(func(r *redis.Client, k K) (any, error) { return r.BitPosSpan(ctx, k("a"), 1, 0, -1, "nibble").Result() },
				func(p *redpipe.Pipeline, k K) func() (any, error) {
					return fut(p.BitPosSpan(k("a"), 1, 0, -1, "nibble"))
				}),
		}},
		{name: "GeoRadiusByMemberStore", arrange: [][]string{
			args("GEOADD", "@g", "13.361389", "38.115556", "Palermo", "15.087269", "37.502669", "Catania", "2.3522", "48.8566", "\x00paris"),
		}, calls: []call{
			c(func(r *redis.Client, k K) (any, error) {
				return r.GeoRadiusByMemberStore(ctx, k("g"), "Palermo", &redis.GeoRadiusQuery{Radius: 200, Unit: "km", Count: 5, Sort: "ASC", Store: k("s")}).Result()
			}, func(p *redpipe.Pipeline, k K) func() (any, error) {
				return fut(p.GeoRadiusByMemberStore(k("g"), "Palermo", &redpipe.GeoRadiusQuery{Radius: 200, Unit: "km", Count: 5, Sort: "ASC", Store: k("s")}))
			}),
			// STOREDIST: the scores are the distances in the unit given
			// (the state comparison reads them back).
			c(func(r *redis.Client, k K) (any, error) {
				return r.GeoRadiusByMemberStore(ctx, k("g"), "Catania", &redis.GeoRadiusQuery{Radius: 2000, Unit: "mi", Sort: "DESC", Count: 1, StoreDist: k("d")}).Result()
			}, func(p *redpipe.Pipeline, k K) func() (any, error) {
				return fut(p.GeoRadiusByMemberStore(k("g"), "Catania", &redpipe.GeoRadiusQuery{Radius: 2000, Unit: "mi", Sort: "DESC", Count: 1, StoreDist: k("d")}))
			}),
			// Both destinations: the server keeps the last, STOREDIST.
			c(func(r *redis.Client, k K) (any, error) {
				return r.GeoRadiusByMemberStore(ctx, k("g"), "\x00paris", &redis.GeoRadiusQuery{Radius: 5000, Unit: "km", Store: k("both_s"), StoreDist: k("both_d")}).Result()
			}, func(p *redpipe.Pipeline, k K) func() (any, error) {
				return fut(p.GeoRadiusByMemberStore(k("g"), "\x00paris", &redpipe.GeoRadiusQuery{Radius: 5000, Unit: "km", Store: k("both_s"), StoreDist: k("both_d")}))
			}),
			// WITHDIST cannot go with STORE: the server's error.
			c(func(r *redis.Client, k K) (any, error) {
				return r.GeoRadiusByMemberStore(ctx, k("g"), "Palermo", &redis.GeoRadiusQuery{Radius: 200, WithDist: true, Store: k("w")}).Result()
			}, func(p *redpipe.Pipeline, k K) func() (any, error) {
				return fut(p.GeoRadiusByMemberStore(k("g"), "Palermo", &redpipe.GeoRadiusQuery{Radius: 200, WithDist: true, Store: k("w")}))
			}),
			// No destination: refused on both sides before anything is sent.
			c(func(r *redis.Client, k K) (any, error) {
				return r.GeoRadiusByMemberStore(ctx, k("g"), "Palermo", &redis.GeoRadiusQuery{Radius: 200}).Result()
			}, func(p *redpipe.Pipeline, k K) func() (any, error) {
				return fut(p.GeoRadiusByMemberStore(k("g"), "Palermo", &redpipe.GeoRadiusQuery{Radius: 200}))
			}),
			c(func(r *redis.Client, k K) (any, error) {
				return r.GeoRadiusByMemberStore(ctx, k("g"), "missing", &redis.GeoRadiusQuery{Radius: 1, Unit: "m", Store: k("x")}).Result()
			}, func(p *redpipe.Pipeline, k K) func() (any, error) {
				return fut(p.GeoRadiusByMemberStore(k("g"), "missing", &redpipe.GeoRadiusQuery{Radius: 1, Unit: "m", Store: k("x")}))
			}),
		}},
	}
})
