package difftest

import (
	"time"

	"github.com/redis/go-redis/v9"

	"github.com/redpipe-go/redpipe"
)

// ttlBuckets is ttlBucket over a per-field reply (HPTTL, HEXPIRETIME of a
// relative expiry): the two servers set the expiries a few milliseconds
// apart, so a positive remainder compares as "positive"; the markers -1
// (no expiry) and -2 (no field) and the reply's length and order still
// compare exactly, which is where a wrong decoding would show.
func ttlBuckets(v any) any {
	s, ok := v.([]any)
	if !ok {
		return ttlBucket(v)
	}
	out := make([]any, len(s))
	for i, e := range s {
		out[i] = ttlBucket(e)
	}
	return out
}

// farExpiry is a fixed instant (2100-01-01 UTC) for the absolute expiries: both
// servers store the same number, so HEXPIRETIME / HPEXPIRETIME compare
// exactly.
var farExpiry = time.Unix(4102444800, 0)

// Hash fields with expiries (Redis 7.4: HEXPIRE family, HPERSIST, HTTL,
// HEXPIRETIME; 8.0: HGETDEL, HGETEX, HSETEX), HSCAN NOVALUES and HIMPORT
// (8.10). The per-field replies are 1 set / 0 condition not met / 2
// deleted / -2 no such field, so a call per outcome is made.
var _ = family(func() []tcase {
	h := [][]string{args("HSET", "@h", "a", "1", "b", "\x00\xff", "", "empty")}
	hx := []string{"HEXPIRE"}
	return []tcase{
		{name: "HExpireWithArgs", needs: hx, arrange: h, calls: []call{
			// XX on fields without expiry: 0 each, -2 for the missing one.
			c(func(r *redis.Client, k K) (any, error) {
				return r.HExpireWithArgs(ctx, k("h"), 100*time.Second, redis.HExpireArgs{XX: true}, "a", "missing").Result()
			}, func(p *redpipe.Pipeline, k K) func() (any, error) {
				return fut(p.HExpireWithArgs(k("h"), 100*time.Second, redpipe.HExpireArgs{XX: true}, "a", "missing"))
			}),
			// Several flags: NX wins on both sides (go-redis sends only the
			// first set, redpipe documents the same precedence).
			c(func(r *redis.Client, k K) (any, error) {
				return r.HExpireWithArgs(ctx, k("h"), 100*time.Second, redis.HExpireArgs{NX: true, GT: true, LT: true}, "a", "").Result()
			}, func(p *redpipe.Pipeline, k K) func() (any, error) {
				return fut(p.HExpireWithArgs(k("h"), 100*time.Second, redpipe.HExpireArgs{NX: true, GT: true, LT: true}, "a", ""))
			}),
			// GT with a shorter expiry: 0.
			c(func(r *redis.Client, k K) (any, error) {
				return r.HExpireWithArgs(ctx, k("h"), 50*time.Second, redis.HExpireArgs{GT: true}, "a").Result()
			}, func(p *redpipe.Pipeline, k K) func() (any, error) {
				return fut(p.HExpireWithArgs(k("h"), 50*time.Second, redpipe.HExpireArgs{GT: true}, "a"))
			}),
			{oracle: func(r *redis.Client, k K) (any, error) { return r.HPTTL(ctx, k("h"), "a", "b", "missing").Result() },
				queue: func(p *redpipe.Pipeline, k K) func() (any, error) { return fut(p.HPTTL(k("h"), "a", "b", "missing")) }, norm: ttlBuckets},
			// A zero expiry deletes the field: 2.
			c(func(r *redis.Client, k K) (any, error) {
				return r.HExpireWithArgs(ctx, k("h"), 0, redis.HExpireArgs{}, "b").Result()
			}, func(p *redpipe.Pipeline, k K) func() (any, error) {
				return fut(p.HExpireWithArgs(k("h"), 0, redpipe.HExpireArgs{}, "b"))
			}),
			c(func(r *redis.Client, k K) (any, error) {
				return r.HExpireWithArgs(ctx, k("none"), time.Second, redis.HExpireArgs{LT: true}, "a").Result()
			}, func(p *redpipe.Pipeline, k K) func() (any, error) {
				return fut(p.HExpireWithArgs(k("none"), time.Second, redpipe.HExpireArgs{LT: true}, "a"))
			}),
		}},
		{name: "HPExpire", needs: hx, arrange: h, calls: []call{
			// A sub-millisecond duration is 1 ms on both sides, not 0 (which
			// would delete the field at once).
			c(func(r *redis.Client, k K) (any, error) {
				return r.HPExpire(ctx, k("h"), 90*time.Second+500*time.Microsecond, "a", "missing").Result()
			}, func(p *redpipe.Pipeline, k K) func() (any, error) {
				return fut(p.HPExpire(k("h"), 90*time.Second+500*time.Microsecond, "a", "missing"))
			}),
			c(func(r *redis.Client, k K) (any, error) {
				return r.HPExpireWithArgs(ctx, k("h"), 1500*time.Millisecond, redis.HExpireArgs{LT: true}, "a", "b").Result()
			}, func(p *redpipe.Pipeline, k K) func() (any, error) {
				return fut(p.HPExpireWithArgs(k("h"), 1500*time.Millisecond, redpipe.HExpireArgs{LT: true}, "a", "b"))
			}),
			c(func(r *redis.Client, k K) (any, error) {
				return r.HPExpireWithArgs(ctx, k("h"), time.Hour, redis.HExpireArgs{NX: true}, "a", "").Result()
			}, func(p *redpipe.Pipeline, k K) func() (any, error) {
				return fut(p.HPExpireWithArgs(k("h"), time.Hour, redpipe.HExpireArgs{NX: true}, "a", ""))
			}),
			{oracle: func(r *redis.Client, k K) (any, error) { return r.HPTTL(ctx, k("h"), "a", "", "b").Result() },
				queue: func(p *redpipe.Pipeline, k K) func() (any, error) { return fut(p.HPTTL(k("h"), "a", "", "b")) }, norm: ttlBuckets},
			c(func(r *redis.Client, k K) (any, error) { return r.HPersist(ctx, k("h"), "a", "b", "missing").Result() },
				func(p *redpipe.Pipeline, k K) func() (any, error) {
					return fut(p.HPersist(k("h"), "a", "b", "missing"))
				}),
			c(func(r *redis.Client, k K) (any, error) { return r.HPTTL(ctx, k("h"), "a", "").Result() },
				func(p *redpipe.Pipeline, k K) func() (any, error) { return fut(p.HPTTL(k("h"), "a", "")) }),
			c(func(r *redis.Client, k K) (any, error) { return r.HPersist(ctx, k("none"), "a").Result() },
				func(p *redpipe.Pipeline, k K) func() (any, error) { return fut(p.HPersist(k("none"), "a")) }),
		}},
		{name: "HExpireAt", needs: hx, arrange: h, calls: []call{
			c(func(r *redis.Client, k K) (any, error) {
				return r.HExpireAt(ctx, k("h"), farExpiry, "a", "missing").Result()
			},
				func(p *redpipe.Pipeline, k K) func() (any, error) {
					return fut(p.HExpireAt(k("h"), farExpiry, "a", "missing"))
				}),
			c(func(r *redis.Client, k K) (any, error) {
				return r.HExpireAtWithArgs(ctx, k("h"), farExpiry.Add(time.Hour), redis.HExpireArgs{GT: true}, "a", "b").Result()
			}, func(p *redpipe.Pipeline, k K) func() (any, error) {
				return fut(p.HExpireAtWithArgs(k("h"), farExpiry.Add(time.Hour), redpipe.HExpireArgs{GT: true}, "a", "b"))
			}),
			// A time in the past deletes the field: 2.
			c(func(r *redis.Client, k K) (any, error) {
				return r.HExpireAtWithArgs(ctx, k("h"), time.Unix(1, 0), redis.HExpireArgs{}, "").Result()
			}, func(p *redpipe.Pipeline, k K) func() (any, error) {
				return fut(p.HExpireAtWithArgs(k("h"), time.Unix(1, 0), redpipe.HExpireArgs{}, ""))
			}),
			c(func(r *redis.Client, k K) (any, error) {
				return r.HExpireTime(ctx, k("h"), "a", "b", "", "missing").Result()
			},
				func(p *redpipe.Pipeline, k K) func() (any, error) {
					return fut(p.HExpireTime(k("h"), "a", "b", "", "missing"))
				}),
			c(func(r *redis.Client, k K) (any, error) { return r.HPExpireTime(ctx, k("h"), "a").Result() },
				func(p *redpipe.Pipeline, k K) func() (any, error) { return fut(p.HPExpireTime(k("h"), "a")) }),
		}},
		{name: "HPExpireAt", needs: hx, arrange: h, calls: []call{
			// Millisecond precision survives: far + 1.25 s.
			c(func(r *redis.Client, k K) (any, error) {
				return r.HPExpireAt(ctx, k("h"), farExpiry.Add(1250*time.Millisecond), "a", "b").Result()
			}, func(p *redpipe.Pipeline, k K) func() (any, error) {
				return fut(p.HPExpireAt(k("h"), farExpiry.Add(1250*time.Millisecond), "a", "b"))
			}),
			c(func(r *redis.Client, k K) (any, error) {
				return r.HPExpireAtWithArgs(ctx, k("h"), farExpiry, redis.HExpireArgs{LT: true}, "a", "", "missing").Result()
			}, func(p *redpipe.Pipeline, k K) func() (any, error) {
				return fut(p.HPExpireAtWithArgs(k("h"), farExpiry, redpipe.HExpireArgs{LT: true}, "a", "", "missing"))
			}),
			c(func(r *redis.Client, k K) (any, error) {
				return r.HPExpireTime(ctx, k("h"), "a", "b", "", "missing").Result()
			},
				func(p *redpipe.Pipeline, k K) func() (any, error) {
					return fut(p.HPExpireTime(k("h"), "a", "b", "", "missing"))
				}),
			c(func(r *redis.Client, k K) (any, error) { return r.HExpireTime(ctx, k("none"), "a").Result() },
				func(p *redpipe.Pipeline, k K) func() (any, error) { return fut(p.HExpireTime(k("none"), "a")) }),
		}},
		{name: "HGetDel", needs: []string{"HGETDEL"}, arrange: h, calls: []call{
			c(func(r *redis.Client, k K) (any, error) { return r.HGetDel(ctx, k("h"), "b", "missing", "").Result() },
				func(p *redpipe.Pipeline, k K) func() (any, error) { return fut(p.HGetDel(k("h"), "b", "missing", "")) }),
			// The last field goes with the key.
			c(func(r *redis.Client, k K) (any, error) { return r.HGetDel(ctx, k("h"), "a").Result() },
				func(p *redpipe.Pipeline, k K) func() (any, error) { return fut(p.HGetDel(k("h"), "a")) }),
			c(func(r *redis.Client, k K) (any, error) { return r.HGetDel(ctx, k("h"), "a").Result() },
				func(p *redpipe.Pipeline, k K) func() (any, error) { return fut(p.HGetDel(k("h"), "a")) }),
		}},
		{name: "HGetEX", needs: []string{"HGETEX"}, arrange: h, calls: []call{
			c(func(r *redis.Client, k K) (any, error) { return r.HGetEX(ctx, k("h"), "b", "missing").Result() },
				func(p *redpipe.Pipeline, k K) func() (any, error) { return fut(p.HGetEX(k("h"), "b", "missing")) }),
			c(func(r *redis.Client, k K) (any, error) {
				return r.HGetEXWithArgs(ctx, k("h"), &redis.HGetEXOptions{ExpirationType: redis.HGetEXExpirationPXAT, ExpirationVal: farExpiry.UnixMilli() + 7}, "a", "").Result()
			}, func(p *redpipe.Pipeline, k K) func() (any, error) {
				return fut(p.HGetEXWithArgs(k("h"), &redpipe.HGetEXOptions{ExpirationType: redpipe.HGetEXExpirationPXAT, ExpirationVal: farExpiry.UnixMilli() + 7}, "a", ""))
			}),
			c(func(r *redis.Client, k K) (any, error) { return r.HPExpireTime(ctx, k("h"), "a", "", "b").Result() },
				func(p *redpipe.Pipeline, k K) func() (any, error) { return fut(p.HPExpireTime(k("h"), "a", "", "b")) }),
			c(func(r *redis.Client, k K) (any, error) {
				return r.HGetEXWithArgs(ctx, k("h"), &redis.HGetEXOptions{ExpirationType: redis.HGetEXExpirationPERSIST}, "a").Result()
			}, func(p *redpipe.Pipeline, k K) func() (any, error) {
				return fut(p.HGetEXWithArgs(k("h"), &redpipe.HGetEXOptions{ExpirationType: redpipe.HGetEXExpirationPERSIST}, "a"))
			}),
			c(func(r *redis.Client, k K) (any, error) {
				return r.HGetEXWithArgs(ctx, k("h"), &redis.HGetEXOptions{ExpirationType: redis.HGetEXExpirationEX, ExpirationVal: 100}, "b").Result()
			}, func(p *redpipe.Pipeline, k K) func() (any, error) {
				return fut(p.HGetEXWithArgs(k("h"), &redpipe.HGetEXOptions{ExpirationType: redpipe.HGetEXExpirationEX, ExpirationVal: 100}, "b"))
			}),
			{oracle: func(r *redis.Client, k K) (any, error) { return r.HPTTL(ctx, k("h"), "a", "b", "").Result() },
				queue: func(p *redpipe.Pipeline, k K) func() (any, error) { return fut(p.HPTTL(k("h"), "a", "b", "")) }, norm: ttlBuckets},
			// A negative expiry is the server's error on both sides.
			c(func(r *redis.Client, k K) (any, error) {
				return r.HGetEXWithArgs(ctx, k("h"), &redis.HGetEXOptions{ExpirationType: redis.HGetEXExpirationPX, ExpirationVal: -5}, "a").Result()
			}, func(p *redpipe.Pipeline, k K) func() (any, error) {
				return fut(p.HGetEXWithArgs(k("h"), &redpipe.HGetEXOptions{ExpirationType: redpipe.HGetEXExpirationPX, ExpirationVal: -5}, "a"))
			}),
		}},
		{name: "HSetEX", needs: []string{"HSETEX"}, arrange: h, calls: []call{
			c(func(r *redis.Client, k K) (any, error) {
				return r.HSetEX(ctx, k("n"), "f", "\x00", "", "\r\n").Result()
			},
				func(p *redpipe.Pipeline, k K) func() (any, error) {
					return fut(p.HSetEX(k("n"), "f", "\x00", "", "\r\n"))
				}),
			// FNX with one field that exists: nothing set, 0.
			c(func(r *redis.Client, k K) (any, error) {
				return r.HSetEXWithArgs(ctx, k("h"), &redis.HSetEXOptions{Condition: redis.HSetEXFNX, ExpirationType: redis.HSetEXExpirationEX, ExpirationVal: 100}, "new", "v", "a", "x").Result()
			}, func(p *redpipe.Pipeline, k K) func() (any, error) {
				return fut(p.HSetEXWithArgs(k("h"), &redpipe.HSetEXOptions{Condition: redpipe.HSetEXFNX, ExpirationType: redpipe.HSetEXExpirationEX, ExpirationVal: 100}, "new", "v", "a", "x"))
			}),
			c(func(r *redis.Client, k K) (any, error) {
				return r.HSetEXWithArgs(ctx, k("h"), &redis.HSetEXOptions{Condition: redis.HSetEXFXX, ExpirationType: redis.HSetEXExpirationPXAT, ExpirationVal: farExpiry.UnixMilli() + 3}, "a", "-9223372036854775808", "b", "").Result()
			}, func(p *redpipe.Pipeline, k K) func() (any, error) {
				return fut(p.HSetEXWithArgs(k("h"), &redpipe.HSetEXOptions{Condition: redpipe.HSetEXFXX, ExpirationType: redpipe.HSetEXExpirationPXAT, ExpirationVal: farExpiry.UnixMilli() + 3}, "a", "-9223372036854775808", "b", ""))
			}),
			// KEEPTTL keeps the expiry just set, no value after it.
			c(func(r *redis.Client, k K) (any, error) {
				return r.HSetEXWithArgs(ctx, k("h"), &redis.HSetEXOptions{ExpirationType: redis.HSetEXExpirationKEEPTTL}, "a", "kept").Result()
			}, func(p *redpipe.Pipeline, k K) func() (any, error) {
				return fut(p.HSetEXWithArgs(k("h"), &redpipe.HSetEXOptions{ExpirationType: redpipe.HSetEXExpirationKEEPTTL}, "a", "kept"))
			}),
			c(func(r *redis.Client, k K) (any, error) {
				return r.HPExpireTime(ctx, k("h"), "a", "b", "", "new").Result()
			},
				func(p *redpipe.Pipeline, k K) func() (any, error) {
					return fut(p.HPExpireTime(k("h"), "a", "b", "", "new"))
				}),
			// FXX on a missing key: 0, nothing created.
			c(func(r *redis.Client, k K) (any, error) {
				return r.HSetEXWithArgs(ctx, k("none"), &redis.HSetEXOptions{Condition: redis.HSetEXFXX}, "a", "1").Result()
			}, func(p *redpipe.Pipeline, k K) func() (any, error) {
				return fut(p.HSetEXWithArgs(k("none"), &redpipe.HSetEXOptions{Condition: redpipe.HSetEXFXX}, "a", "1"))
			}),
		}},
		// NOVALUES is a Redis 7.4 argument of HSCAN, which every server has:
		// COMMAND INFO cannot tell, so no needs. On an older server both
		// sides must give the server's same syntax error (the argument is
		// sent, in the right place); on a newer one the same field names.
		{name: "HScanNoValues", arrange: [][]string{args("HSET", "@h", "a", "1", "\x00", "v", "ab", "2")}, calls: []call{
			{oracle: func(r *redis.Client, k K) (any, error) {
				keys, cur, err := r.HScanNoValues(ctx, k("h"), 0, "a*", 100).Result()
				return scanResult(keys, cur), err
			}, queue: func(p *redpipe.Pipeline, k K) func() (any, error) {
				return fut(p.HScanNoValues(k("h"), 0, "a*", 100))
			}, norm: sortedKeys},
			c(func(r *redis.Client, k K) (any, error) {
				keys, cur, err := r.HScanNoValues(ctx, k("none"), 0, "", 0).Result()
				return scanResult(keys, cur), err
			}, func(p *redpipe.Pipeline, k K) func() (any, error) { return fut(p.HScanNoValues(k("none"), 0, "", 0)) }),
		}},
		// HIMPORT's fieldsets live in a connection's session: the oracle's
		// go-redis client remembers them client-side and replays PREPARE,
		// redpipe sends them in its one pipeline on one connection; either
		// way the session that runs SET has the fieldset. DISCARDALL counts
		// what is left (fs2), which is 1 on both sides.
		{name: "HImportSet", needs: []string{"HIMPORT"}, arrange: [][]string{args("HSET", "@h", "old", "gone")}, calls: []call{
			c(func(r *redis.Client, k K) (any, error) { return r.HImportPrepare(ctx, "dtfs1", "a", "", "n").Result() },
				func(p *redpipe.Pipeline, k K) func() (any, error) {
					return fut(p.HImportPrepare("dtfs1", "a", "", "n"))
				}),
			c(func(r *redis.Client, k K) (any, error) { return r.HImportPrepare(ctx, "dtfs2", "x").Result() },
				func(p *redpipe.Pipeline, k K) func() (any, error) { return fut(p.HImportPrepare("dtfs2", "x")) }),
			c(func(r *redis.Client, k K) (any, error) {
				return r.HImportSet(ctx, k("h"), "dtfs1", "\x00\xff", "", -7).Result()
			},
				func(p *redpipe.Pipeline, k K) func() (any, error) {
					return fut(p.HImportSet(k("h"), "dtfs1", "\x00\xff", "", -7))
				}),
			c(func(r *redis.Client, k K) (any, error) { return r.HImportSet(ctx, k("n"), "dtfs2", 1.5).Result() },
				func(p *redpipe.Pipeline, k K) func() (any, error) { return fut(p.HImportSet(k("n"), "dtfs2", 1.5)) }),
			// Too few values for the fieldset: the server's error.
			c(func(r *redis.Client, k K) (any, error) { return r.HImportSet(ctx, k("bad"), "dtfs1", "only").Result() },
				func(p *redpipe.Pipeline, k K) func() (any, error) {
					return fut(p.HImportSet(k("bad"), "dtfs1", "only"))
				}),
			c(func(r *redis.Client, k K) (any, error) { return r.HImportDiscard(ctx, "dtfs1").Result() },
				func(p *redpipe.Pipeline, k K) func() (any, error) { return fut(p.HImportDiscard("dtfs1")) }),
			c(func(r *redis.Client, k K) (any, error) { return r.HImportDiscard(ctx, "dtnosuch").Result() },
				func(p *redpipe.Pipeline, k K) func() (any, error) { return fut(p.HImportDiscard("dtnosuch")) }),
			c(func(r *redis.Client, k K) (any, error) { return r.HImportDiscardAll(ctx).Result() },
				func(p *redpipe.Pipeline, k K) func() (any, error) { return fut(p.HImportDiscardAll()) }),
		}},
	}
})

// sortedKeys is a norm for a SCAN reply whose order is the server's dict
// order (a hash seed per process): the keys compare as a sorted list, the
// cursor exactly.
func sortedKeys(v any) any {
	m, ok := v.(map[string]any)
	if !ok {
		return v
	}
	out := map[string]any{}
	for k, e := range m {
		out[k] = e
	}
	out["Keys"] = sorted(m["Keys"])
	return out
}
