//lint:file-ignore SA1019 the differential test calls deprecated methods on both sides on purpose: they are still part of the surface

package difftest

import (
	"time"

	"github.com/redis/go-redis/v9"

	"github.com/redpipe-go/redpipe"
)

// Geo: coordinates come back as doubles in RESP3 and bulk strings in RESP2,
// inside nested arrays whose shape depends on the WITH* flags.
var _ = family(func() []tcase {
	geo := args("GEOADD", "@g", "13.361389", "38.115556", "Palermo", "15.087269", "37.502669", "Catania", "2.3522", "48.8566", "\x00paris")
	return []tcase{
		{name: "GeoAdd", calls: []call{
			c(func(r *redis.Client, k K) (any, error) {
				return r.GeoAdd(ctx, k("g"), &redis.GeoLocation{Name: "", Longitude: -180, Latitude: -85.05112878}, &redis.GeoLocation{Name: "x", Longitude: 179.9, Latitude: 85}).Result()
			}, func(p *redpipe.Pipeline, k K) func() (any, error) {
				return fut(p.GeoAdd(k("g"), &redpipe.GeoLocation{Name: "", Longitude: -180, Latitude: -85.05112878}, &redpipe.GeoLocation{Name: "x", Longitude: 179.9, Latitude: 85}))
			}),
			c(func(r *redis.Client, k K) (any, error) {
				return r.GeoAdd(ctx, k("g"), &redis.GeoLocation{Name: "bad", Longitude: 200, Latitude: 0}).Result()
			}, func(p *redpipe.Pipeline, k K) func() (any, error) {
				return fut(p.GeoAdd(k("g"), &redpipe.GeoLocation{Name: "bad", Longitude: 200, Latitude: 0}))
			}),
		}},
		{name: "GeoPos", arrange: [][]string{geo}, calls: []call{
			c(func(r *redis.Client, k K) (any, error) {
				return r.GeoPos(ctx, k("g"), "Palermo", "missing", "\x00paris").Result()
			},
				func(p *redpipe.Pipeline, k K) func() (any, error) {
					return fut(p.GeoPos(k("g"), "Palermo", "missing", "\x00paris"))
				}),
		}},
		{name: "GeoDist", arrange: [][]string{geo}, calls: []call{
			c(func(r *redis.Client, k K) (any, error) {
				return r.GeoDist(ctx, k("g"), "Palermo", "Catania", "km").Result()
			},
				func(p *redpipe.Pipeline, k K) func() (any, error) {
					return fut(p.GeoDist(k("g"), "Palermo", "Catania", "km"))
				}),
			c(func(r *redis.Client, k K) (any, error) {
				return r.GeoDist(ctx, k("g"), "Palermo", "missing", "").Result()
			},
				func(p *redpipe.Pipeline, k K) func() (any, error) {
					return fut(p.GeoDist(k("g"), "Palermo", "missing", ""))
				}),
		}},
		{name: "GeoHash", arrange: [][]string{geo}, calls: []call{
			c(func(r *redis.Client, k K) (any, error) { return r.GeoHash(ctx, k("g"), "Catania", "missing").Result() },
				func(p *redpipe.Pipeline, k K) func() (any, error) {
					return fut(p.GeoHash(k("g"), "Catania", "missing"))
				}),
		}},
		{name: "GeoRadius", arrange: [][]string{geo}, calls: []call{
			c(func(r *redis.Client, k K) (any, error) {
				return r.GeoRadius(ctx, k("g"), 15, 37, &redis.GeoRadiusQuery{Radius: 200, Unit: "km", WithCoord: true, WithDist: true, WithGeoHash: true, Count: 5, Sort: "ASC"}).Result()
			}, func(p *redpipe.Pipeline, k K) func() (any, error) {
				return fut(p.GeoRadius(k("g"), 15, 37, &redpipe.GeoRadiusQuery{Radius: 200, Unit: "km", WithCoord: true, WithDist: true, WithGeoHash: true, Count: 5, Sort: "ASC"}))
			}),
		}},
		{name: "GeoRadiusByMember", arrange: [][]string{geo}, calls: []call{
			c(func(r *redis.Client, k K) (any, error) {
				return r.GeoRadiusByMember(ctx, k("g"), "Palermo", &redis.GeoRadiusQuery{Radius: 300000, Unit: "m", WithDist: true, Sort: "DESC"}).Result()
			}, func(p *redpipe.Pipeline, k K) func() (any, error) {
				return fut(p.GeoRadiusByMember(k("g"), "Palermo", &redpipe.GeoRadiusQuery{Radius: 300000, Unit: "m", WithDist: true, Sort: "DESC"}))
			}),
		}},
		{name: "GeoSearch", arrange: [][]string{geo}, calls: []call{
			c(func(r *redis.Client, k K) (any, error) {
				return r.GeoSearch(ctx, k("g"), &redis.GeoSearchQuery{Longitude: 15, Latitude: 37, BoxWidth: 400, BoxHeight: 400, BoxUnit: "km", Sort: "ASC"}).Result()
			}, func(p *redpipe.Pipeline, k K) func() (any, error) {
				return fut(p.GeoSearch(k("g"), &redpipe.GeoSearchQuery{Longitude: 15, Latitude: 37, BoxWidth: 400, BoxHeight: 400, BoxUnit: "km", Sort: "ASC"}))
			}),
		}},
		{name: "GeoSearchLocation", arrange: [][]string{geo}, calls: []call{
			c(func(r *redis.Client, k K) (any, error) {
				return r.GeoSearchLocation(ctx, k("g"), &redis.GeoSearchLocationQuery{GeoSearchQuery: redis.GeoSearchQuery{Member: "Catania", Radius: 5000, RadiusUnit: "km", Count: 2, Sort: "ASC"}, WithCoord: true, WithDist: true, WithHash: true}).Result()
			}, func(p *redpipe.Pipeline, k K) func() (any, error) {
				return fut(p.GeoSearchLocation(k("g"), &redpipe.GeoSearchLocationQuery{GeoSearchQuery: redpipe.GeoSearchQuery{Member: "Catania", Radius: 5000, RadiusUnit: "km", Count: 2, Sort: "ASC"}, WithCoord: true, WithDist: true, WithHash: true}))
			}),
		}},
		{name: "GeoSearchStore", arrange: [][]string{geo}, calls: []call{
			c(func(r *redis.Client, k K) (any, error) {
				return r.GeoSearchStore(ctx, k("g"), k("dst"), &redis.GeoSearchStoreQuery{GeoSearchQuery: redis.GeoSearchQuery{Member: "Palermo", Radius: 200, RadiusUnit: "km"}, StoreDist: true}).Result()
			}, func(p *redpipe.Pipeline, k K) func() (any, error) {
				return fut(p.GeoSearchStore(k("g"), k("dst"), &redpipe.GeoSearchStoreQuery{GeoSearchQuery: redpipe.GeoSearchQuery{Member: "Palermo", Radius: 200, RadiusUnit: "km"}, StoreDist: true}))
			}),
		}},
	}
})

// Streams: explicit ids throughout, so both servers hold the same entries;
// idle times are left out (they differ by the milliseconds between the
// two servers' calls).
var _ = family(func() []tcase {
	st := [][]string{
		args("XADD", "@s", "1-1", "f", "v", "", "\x00\xff"),
		args("XADD", "@s", "2-0", "n", "-9223372036854775808"),
		args("XADD", "@s", "3-5", "bin", "\r\n"),
		args("XGROUP", "CREATE", "@s", "g", "0"),
	}
	return []tcase{
		{name: "XAdd", calls: []call{
			c(func(r *redis.Client, k K) (any, error) {
				return r.XAdd(ctx, &redis.XAddArgs{Stream: k("s"), ID: "5-1", Values: []string{"a", "", "\x00", "\xff"}}).Result()
			}, func(p *redpipe.Pipeline, k K) func() (any, error) {
				return fut(p.XAdd(&redpipe.XAddArgs{Stream: k("s"), ID: "5-1", Values: []string{"a", "", "\x00", "\xff"}}))
			}),
			c(func(r *redis.Client, k K) (any, error) {
				return r.XAdd(ctx, &redis.XAddArgs{Stream: k("s"), ID: "6-*", MaxLen: 1, Approx: false, Values: map[string]any{"x": 1}}).Result()
			}, func(p *redpipe.Pipeline, k K) func() (any, error) {
				return fut(p.XAdd(&redpipe.XAddArgs{Stream: k("s"), ID: "6-*", MaxLen: 1, Approx: false, Values: map[string]any{"x": 1}}))
			}),
			c(func(r *redis.Client, k K) (any, error) {
				return r.XAdd(ctx, &redis.XAddArgs{Stream: k("none"), NoMkStream: true, ID: "1-1", Values: []string{"a", "b"}}).Result()
			}, func(p *redpipe.Pipeline, k K) func() (any, error) {
				return fut(p.XAdd(&redpipe.XAddArgs{Stream: k("none"), NoMkStream: true, ID: "1-1", Values: []string{"a", "b"}}))
			}),
			c(func(r *redis.Client, k K) (any, error) {
				return r.XAdd(ctx, &redis.XAddArgs{Stream: k("s"), ID: "1-0", Values: []string{"a", "b"}}).Result()
			}, func(p *redpipe.Pipeline, k K) func() (any, error) {
				return fut(p.XAdd(&redpipe.XAddArgs{Stream: k("s"), ID: "1-0", Values: []string{"a", "b"}}))
			}),
		}},
		{name: "XRange", arrange: st, calls: []call{
			c(func(r *redis.Client, k K) (any, error) { return r.XRange(ctx, k("s"), "-", "+").Result() },
				func(p *redpipe.Pipeline, k K) func() (any, error) { return fut(p.XRange(k("s"), "-", "+")) }),
			c(func(r *redis.Client, k K) (any, error) { return r.XRange(ctx, k("none"), "-", "+").Result() },
				func(p *redpipe.Pipeline, k K) func() (any, error) { return fut(p.XRange(k("none"), "-", "+")) }),
		}},
		{name: "XRevRangeN", arrange: st, calls: []call{
			c(func(r *redis.Client, k K) (any, error) { return r.XRevRangeN(ctx, k("s"), "+", "(1-1", 1).Result() },
				func(p *redpipe.Pipeline, k K) func() (any, error) { return fut(p.XRevRangeN(k("s"), "+", "(1-1", 1)) }),
		}},
		{name: "XRead", arrange: st, calls: []call{
			c(func(r *redis.Client, k K) (any, error) {
				return r.XRead(ctx, &redis.XReadArgs{Streams: []string{k("s"), k("s2"), "0", "0"}, Count: 2, Block: -1}).Result()
			}, func(p *redpipe.Pipeline, k K) func() (any, error) {
				return fut(p.XRead(&redpipe.XReadArgs{Streams: []string{k("s"), k("s2"), "0", "0"}, Count: 2, Block: -1}))
			}),
			c(func(r *redis.Client, k K) (any, error) {
				return r.XRead(ctx, &redis.XReadArgs{Streams: []string{k("s"), "$"}, Block: 10 * time.Millisecond}).Result()
			}, func(p *redpipe.Pipeline, k K) func() (any, error) {
				return fut(p.XRead(&redpipe.XReadArgs{Streams: []string{k("s"), "$"}, Block: 10 * time.Millisecond}))
			}),
		}},
		{name: "XReadGroup", arrange: st, calls: []call{
			c(func(r *redis.Client, k K) (any, error) {
				return r.XReadGroup(ctx, &redis.XReadGroupArgs{Group: "g", Consumer: "c\x00", Streams: []string{k("s"), ">"}, Count: 2, Block: -1}).Result()
			}, func(p *redpipe.Pipeline, k K) func() (any, error) {
				return fut(p.XReadGroup(&redpipe.XReadGroupArgs{Group: "g", Consumer: "c\x00", Streams: []string{k("s"), ">"}, Count: 2, Block: -1}))
			}),
			c(func(r *redis.Client, k K) (any, error) {
				return r.XReadGroup(ctx, &redis.XReadGroupArgs{Group: "g", Consumer: "d", Streams: []string{k("s"), ">"}, NoAck: true, Block: -1}).Result()
			}, func(p *redpipe.Pipeline, k K) func() (any, error) {
				return fut(p.XReadGroup(&redpipe.XReadGroupArgs{Group: "g", Consumer: "d", Streams: []string{k("s"), ">"}, NoAck: true, Block: -1}))
			}),
			c(func(r *redis.Client, k K) (any, error) {
				return r.XPending(ctx, k("s"), "g").Result()
			}, func(p *redpipe.Pipeline, k K) func() (any, error) { return fut(p.XPending(k("s"), "g")) }),
			c(func(r *redis.Client, k K) (any, error) { return r.XInfoGroups(ctx, k("s")).Result() },
				func(p *redpipe.Pipeline, k K) func() (any, error) { return fut(p.XInfoGroups(k("s"))) }),
			c(func(r *redis.Client, k K) (any, error) { return r.XAck(ctx, k("s"), "g", "1-1", "9-9").Result() },
				func(p *redpipe.Pipeline, k K) func() (any, error) { return fut(p.XAck(k("s"), "g", "1-1", "9-9")) }),
		}},
		{name: "XInfoStream", arrange: st, calls: []call{
			c(func(r *redis.Client, k K) (any, error) { return r.XInfoStream(ctx, k("s")).Result() },
				func(p *redpipe.Pipeline, k K) func() (any, error) { return fut(p.XInfoStream(k("s"))) }),
			c(func(r *redis.Client, k K) (any, error) { return r.XInfoStream(ctx, k("none")).Result() },
				func(p *redpipe.Pipeline, k K) func() (any, error) { return fut(p.XInfoStream(k("none"))) }),
		}},
		{name: "XLen", arrange: st, calls: []call{
			c(func(r *redis.Client, k K) (any, error) { return r.XLen(ctx, k("s")).Result() },
				func(p *redpipe.Pipeline, k K) func() (any, error) { return fut(p.XLen(k("s"))) }),
		}},
		{name: "XDel", arrange: st, calls: []call{
			c(func(r *redis.Client, k K) (any, error) { return r.XDel(ctx, k("s"), "2-0", "7-7").Result() },
				func(p *redpipe.Pipeline, k K) func() (any, error) { return fut(p.XDel(k("s"), "2-0", "7-7")) }),
		}},
		{name: "XTrimMinID", arrange: st, calls: []call{
			c(func(r *redis.Client, k K) (any, error) { return r.XTrimMinID(ctx, k("s"), "3-0").Result() },
				func(p *redpipe.Pipeline, k K) func() (any, error) { return fut(p.XTrimMinID(k("s"), "3-0")) }),
		}},
		{name: "XTrimMaxLen", arrange: st, calls: []call{
			c(func(r *redis.Client, k K) (any, error) { return r.XTrimMaxLen(ctx, k("s"), 0).Result() },
				func(p *redpipe.Pipeline, k K) func() (any, error) { return fut(p.XTrimMaxLen(k("s"), 0)) }),
		}},
		{name: "XGroupCreateMkStream", calls: []call{
			c(func(r *redis.Client, k K) (any, error) { return r.XGroupCreateMkStream(ctx, k("n"), "g", "$").Result() },
				func(p *redpipe.Pipeline, k K) func() (any, error) {
					return fut(p.XGroupCreateMkStream(k("n"), "g", "$"))
				}),
			c(func(r *redis.Client, k K) (any, error) { return r.XGroupCreateMkStream(ctx, k("n"), "g", "$").Result() },
				func(p *redpipe.Pipeline, k K) func() (any, error) {
					return fut(p.XGroupCreateMkStream(k("n"), "g", "$"))
				}),
			c(func(r *redis.Client, k K) (any, error) { return r.XGroupCreateConsumer(ctx, k("n"), "g", "c").Result() },
				func(p *redpipe.Pipeline, k K) func() (any, error) {
					return fut(p.XGroupCreateConsumer(k("n"), "g", "c"))
				}),
			c(func(r *redis.Client, k K) (any, error) { return r.XGroupSetID(ctx, k("n"), "g", "0-1").Result() },
				func(p *redpipe.Pipeline, k K) func() (any, error) { return fut(p.XGroupSetID(k("n"), "g", "0-1")) }),
		}},
		{name: "XClaim", arrange: append(st, args("XREADGROUP", "GROUP", "g", "a", "STREAMS", "@s", ">")), calls: []call{
			c(func(r *redis.Client, k K) (any, error) {
				return r.XClaim(ctx, &redis.XClaimArgs{Stream: k("s"), Group: "g", Consumer: "b", Messages: []string{"1-1", "3-5", "8-8"}}).Result()
			}, func(p *redpipe.Pipeline, k K) func() (any, error) {
				return fut(p.XClaim(&redpipe.XClaimArgs{Stream: k("s"), Group: "g", Consumer: "b", Messages: []string{"1-1", "3-5", "8-8"}}))
			}),
			c(func(r *redis.Client, k K) (any, error) {
				msgs, start, err := r.XAutoClaim(ctx, &redis.XAutoClaimArgs{Stream: k("s"), Group: "g", Consumer: "c", Start: "0", Count: 2}).Result()
				return []any{msgs, start}, err
			}, func(p *redpipe.Pipeline, k K) func() (any, error) {
				f := p.XAutoClaim(&redpipe.XAutoClaimArgs{Stream: k("s"), Group: "g", Consumer: "c", Start: "0", Count: 2})
				return func() (any, error) { v, err := f.Result(); return []any{v.Messages, v.Start}, err }
			}),
		}},
	}
})
