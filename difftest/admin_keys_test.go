package difftest

import (
	"time"

	"github.com/redis/go-redis/v9"

	"github.com/redpipe-go/redpipe"
)

// dumpHello is DUMP's payload for the string "hello" from redis-server
// 7.0 (RDB version 10, then the CRC64): RESTORE takes it on 7.0 and on any
// later server, so arrange can restore it with raw commands.
const dumpHello = "\x00\x05hello\x0a\x00cr\xdfve4 \x0a"

// idleAbout1000s is a norm for OBJECT IDLETIME of a key restored with
// IDLETIME 1000: a second or two may pass before the call. Read as
// nanoseconds (the wrong unit) the value is far from 1000 s and differs.
func idleAbout1000s(v any) any {
	if n, ok := v.(int64); ok && n >= int64(1000*time.Second) && n <= int64(1003*time.Second) {
		return "about 1000s"
	}
	return v
}

// db1 reads and deletes key in database 1 of addr: MOVE's and the
// case's own cleanup (the state comparison reads database 0 only).
func db1(addr, key string) (any, error) {
	cl := redis.NewClient(&redis.Options{Addr: addr, DB: 1, MaxRetries: -1})
	defer cl.Close()
	return cl.GetDel(ctx, key).Result()
}

// migrated reads and deletes key on the third server: what MIGRATE put
// there, removed so that the subject's MIGRATE finds it free as the
// oracle's did.
func migrated(key string) any { return rawQuiet(third(), "GETDEL", key) }

// Keys seen from the server's side: memory, OBJECT, DEBUG OBJECT, the
// database's size and random key, FLUSH*, MOVE to database 1, MIGRATE to a
// third private server, RESTORE of a DUMP payload.
var _ = family(func() []tcase {
	return []tcase{
		// Same binary, same allocator, same value: the same byte counts.
		{name: "MemoryUsage", arrange: [][]string{args("SET", "@a", "\x00\xff\r\n"), args("RPUSH", "@l", "a", "b", "c")}, calls: []call{
			c(func(r *redis.Client, k K) (any, error) { return r.MemoryUsage(ctx, k("a")).Result() },
				func(p *redpipe.Pipeline, k K) func() (any, error) { return fut(p.MemoryUsage(k("a"))) }),
			c(func(r *redis.Client, k K) (any, error) { return r.MemoryUsage(ctx, k("l"), 0).Result() },
				func(p *redpipe.Pipeline, k K) func() (any, error) { return fut(p.MemoryUsage(k("l"), 0)) }),
			c(func(r *redis.Client, k K) (any, error) { return r.MemoryUsage(ctx, k("none")).Result() },
				func(p *redpipe.Pipeline, k K) func() (any, error) { return fut(p.MemoryUsage(k("none"))) }),
			c(func(r *redis.Client, k K) (any, error) { return r.MemoryUsage(ctx, k("l"), 5).Result() },
				func(p *redpipe.Pipeline, k K) func() (any, error) { return fut(p.MemoryUsage(k("l"), 5)) }),
			c(func(r *redis.Client, k K) (any, error) { return r.MemoryUsage(ctx, k("l"), -1).Result() },
				func(p *redpipe.Pipeline, k K) func() (any, error) { return fut(p.MemoryUsage(k("l"), -1)) }),
			// Two sample counts: refused by both clients, nothing sent.
			c(func(r *redis.Client, k K) (any, error) { return r.MemoryUsage(ctx, k("l"), 1, 2).Result() },
				func(p *redpipe.Pipeline, k K) func() (any, error) { return fut(p.MemoryUsage(k("l"), 1, 2)) }),
		}},
		// OBJECT FREQ needs an LFU policy: first the error without one, then
		// a key made under allkeys-lfu, whose counter starts at 5 (LFU_INIT_VAL;
		// it only decays when a minute boundary falls between the SET and
		// the FREQ), then the policy restored.
		{name: "ObjectFreq", arrange: [][]string{args("SET", "@a", "v")}, calls: []call{
			c(func(r *redis.Client, k K) (any, error) { return r.ObjectFreq(ctx, k("a")).Result() },
				func(p *redpipe.Pipeline, k K) func() (any, error) { return fut(p.ObjectFreq(k("a"))) }),
			c(func(r *redis.Client, k K) (any, error) {
				return r.ConfigSet(ctx, "maxmemory-policy", "allkeys-lfu").Result()
			},
				func(p *redpipe.Pipeline, k K) func() (any, error) {
					return fut(p.ConfigSet("maxmemory-policy", "allkeys-lfu"))
				}),
			c(func(r *redis.Client, k K) (any, error) { return r.Set(ctx, k("b"), "v", 0).Result() },
				func(p *redpipe.Pipeline, k K) func() (any, error) { return fut(p.Set(k("b"), "v", 0)) }),
			c(func(r *redis.Client, k K) (any, error) { return r.ObjectFreq(ctx, k("b")).Result() },
				func(p *redpipe.Pipeline, k K) func() (any, error) { return fut(p.ObjectFreq(k("b"))) }),
			c(func(r *redis.Client, k K) (any, error) { return r.ObjectFreq(ctx, k("none")).Result() },
				func(p *redpipe.Pipeline, k K) func() (any, error) { return fut(p.ObjectFreq(k("none"))) }),
			c(func(r *redis.Client, k K) (any, error) {
				return r.ConfigSet(ctx, "maxmemory-policy", "noeviction").Result()
			},
				func(p *redpipe.Pipeline, k K) func() (any, error) {
					return fut(p.ConfigSet("maxmemory-policy", "noeviction"))
				}),
		}},
		{name: "ObjectIdleTime", arrange: [][]string{args("RESTORE", "@a", "0", dumpHello, "IDLETIME", "1000")}, calls: []call{
			{oracle: func(r *redis.Client, k K) (any, error) { return r.ObjectIdleTime(ctx, k("a")).Result() },
				queue: func(p *redpipe.Pipeline, k K) func() (any, error) { return fut(p.ObjectIdleTime(k("a"))) }, norm: idleAbout1000s},
			c(func(r *redis.Client, k K) (any, error) { return r.ObjectIdleTime(ctx, k("none")).Result() },
				func(p *redpipe.Pipeline, k K) func() (any, error) { return fut(p.ObjectIdleTime(k("none"))) }),
		}},
		{name: "DebugObject", arrange: [][]string{args("SET", "@a", "12345"), args("SET", "@s", "\x00\xff\r\n"), args("RPUSH", "@l", "a")}, calls: []call{
			{oracle: func(r *redis.Client, k K) (any, error) { return r.DebugObject(ctx, k("a")).Result() },
				queue: func(p *redpipe.Pipeline, k K) func() (any, error) { return fut(p.DebugObject(k("a"))) }, norm: debugObjectNorm},
			{oracle: func(r *redis.Client, k K) (any, error) { return r.DebugObject(ctx, k("s")).Result() },
				queue: func(p *redpipe.Pipeline, k K) func() (any, error) { return fut(p.DebugObject(k("s"))) }, norm: debugObjectNorm},
			{oracle: func(r *redis.Client, k K) (any, error) { return r.DebugObject(ctx, k("l")).Result() },
				queue: func(p *redpipe.Pipeline, k K) func() (any, error) { return fut(p.DebugObject(k("l"))) }, norm: debugObjectNorm},
			c(func(r *redis.Client, k K) (any, error) { return r.DebugObject(ctx, k("none")).Result() },
				func(p *redpipe.Pipeline, k K) func() (any, error) { return fut(p.DebugObject(k("none"))) }),
		}},
		// FLUSHDB first, so the database holds this case's one key: the
		// size is 1 and the random key is that key, then none.
		{name: "DBSize", arrange: [][]string{args("FLUSHDB"), args("SET", "@only", "v")}, calls: []call{
			c(func(r *redis.Client, k K) (any, error) { return r.DBSize(ctx).Result() },
				func(p *redpipe.Pipeline, k K) func() (any, error) { return fut(p.DBSize()) }),
			c(func(r *redis.Client, k K) (any, error) { return r.RandomKey(ctx).Result() },
				func(p *redpipe.Pipeline, k K) func() (any, error) { return fut(p.RandomKey()) }),
			c(func(r *redis.Client, k K) (any, error) { return r.FlushDB(ctx).Result() },
				func(p *redpipe.Pipeline, k K) func() (any, error) { return fut(p.FlushDB()) }),
			c(func(r *redis.Client, k K) (any, error) { return r.RandomKey(ctx).Result() },
				func(p *redpipe.Pipeline, k K) func() (any, error) { return fut(p.RandomKey()) }),
			c(func(r *redis.Client, k K) (any, error) { return r.DBSize(ctx).Result() },
				func(p *redpipe.Pipeline, k K) func() (any, error) { return fut(p.DBSize()) }),
		}},
		{name: "FlushDBAsync", arrange: [][]string{args("SET", "@a", "v"), args("HSET", "@h", "f", "v")}, calls: []call{
			c(func(r *redis.Client, k K) (any, error) { return r.FlushDBAsync(ctx).Result() },
				func(p *redpipe.Pipeline, k K) func() (any, error) { return fut(p.FlushDBAsync()) }),
			c(func(r *redis.Client, k K) (any, error) { return r.Exists(ctx, k("a"), k("h")).Result() },
				func(p *redpipe.Pipeline, k K) func() (any, error) { return fut(p.Exists(k("a"), k("h"))) }),
		}},
		{name: "FlushAll", arrange: [][]string{args("SET", "@a", "v")}, calls: []call{
			c(func(r *redis.Client, k K) (any, error) { return r.FlushAll(ctx).Result() },
				func(p *redpipe.Pipeline, k K) func() (any, error) { return fut(p.FlushAll()) }),
			c(func(r *redis.Client, k K) (any, error) { return r.Set(ctx, k("b"), "v", 0).Result() },
				func(p *redpipe.Pipeline, k K) func() (any, error) { return fut(p.Set(k("b"), "v", 0)) }),
			c(func(r *redis.Client, k K) (any, error) { return r.FlushAllAsync(ctx).Result() },
				func(p *redpipe.Pipeline, k K) func() (any, error) { return fut(p.FlushAllAsync()) }),
			c(func(r *redis.Client, k K) (any, error) { return r.DBSize(ctx).Result() },
				func(p *redpipe.Pipeline, k K) func() (any, error) { return fut(p.DBSize()) }),
		}},
		// MOVE to database 1: the last call reads (and deletes) the key
		// there on each server, after the oracle's calls and after Exec.
		{name: "Move", arrange: [][]string{args("SET", "@a", "\x00\xff"), args("SET", "@b", "v")}, calls: []call{
			c(func(r *redis.Client, k K) (any, error) { return r.Move(ctx, k("a"), 1).Result() },
				func(p *redpipe.Pipeline, k K) func() (any, error) { return fut(p.Move(k("a"), 1)) }),
			c(func(r *redis.Client, k K) (any, error) { return r.Move(ctx, k("none"), 1).Result() },
				func(p *redpipe.Pipeline, k K) func() (any, error) { return fut(p.Move(k("none"), 1)) }),
			c(func(r *redis.Client, k K) (any, error) { return r.Move(ctx, k("b"), 0).Result() },
				func(p *redpipe.Pipeline, k K) func() (any, error) { return fut(p.Move(k("b"), 0)) }),
			c(func(r *redis.Client, k K) (any, error) { return r.Move(ctx, k("b"), -1).Result() },
				func(p *redpipe.Pipeline, k K) func() (any, error) { return fut(p.Move(k("b"), -1)) }),
			c(func(r *redis.Client, k K) (any, error) { return r.Move(ctx, k("b"), 99999).Result() },
				func(p *redpipe.Pipeline, k K) func() (any, error) { return fut(p.Move(k("b"), 99999)) }),
			c(func(r *redis.Client, k K) (any, error) { return db1(oracleAddr(), k("a")) },
				func(p *redpipe.Pipeline, k K) func() (any, error) {
					return func() (any, error) { return db1(subjectAddr(), k("a")) }
				}),
		}},
		// MIGRATE to a third server: each side's call also reads (and
		// deletes) what arrived there, so the subject's MIGRATE finds the
		// target key free as the oracle's did. A missing key is NOKEY.
		{name: "Migrate", arrange: [][]string{args("SET", "@a", "\x00\xff\r\n")}, calls: []call{
			c(func(r *redis.Client, k K) (any, error) {
				host, port := hostPort(third())
				v, err := r.Migrate(ctx, host, port, k("a"), 0, 1500*time.Millisecond).Result()
				return []any{v, migrated(k("a"))}, err
			}, func(p *redpipe.Pipeline, k K) func() (any, error) {
				host, port := hostPort(third())
				f := p.Migrate(host, port, k("a"), 0, 1500*time.Millisecond)
				return func() (any, error) {
					v, err := f.Result()
					return []any{v, migrated(k("a"))}, err
				}
			}),
			c(func(r *redis.Client, k K) (any, error) {
				host, port := hostPort(third())
				return r.Migrate(ctx, host, port, k("none"), 0, time.Second).Result()
			}, func(p *redpipe.Pipeline, k K) func() (any, error) {
				host, port := hostPort(third())
				return fut(p.Migrate(host, port, k("none"), 0, time.Second))
			}),
		}},
		{name: "Restore", arrange: [][]string{args("SET", "@busy", "x")}, calls: []call{
			c(func(r *redis.Client, k K) (any, error) { return r.Restore(ctx, k("a"), 0, dumpHello).Result() },
				func(p *redpipe.Pipeline, k K) func() (any, error) { return fut(p.Restore(k("a"), 0, dumpHello)) }),
			c(func(r *redis.Client, k K) (any, error) { return r.Restore(ctx, k("busy"), 0, dumpHello).Result() },
				func(p *redpipe.Pipeline, k K) func() (any, error) { return fut(p.Restore(k("busy"), 0, dumpHello)) }),
			c(func(r *redis.Client, k K) (any, error) {
				return r.RestoreReplace(ctx, k("busy"), 1500*time.Millisecond, dumpHello).Result()
			}, func(p *redpipe.Pipeline, k K) func() (any, error) {
				return fut(p.RestoreReplace(k("busy"), 1500*time.Millisecond, dumpHello))
			}),
			c(func(r *redis.Client, k K) (any, error) { return r.Restore(ctx, k("bad"), 0, "\x00\xff").Result() },
				func(p *redpipe.Pipeline, k K) func() (any, error) { return fut(p.Restore(k("bad"), 0, "\x00\xff")) }),
			c(func(r *redis.Client, k K) (any, error) {
				return r.Restore(ctx, k("neg"), -time.Second, dumpHello).Result()
			},
				func(p *redpipe.Pipeline, k K) func() (any, error) {
					return fut(p.Restore(k("neg"), -time.Second, dumpHello))
				}),
			c(func(r *redis.Client, k K) (any, error) { return r.Dump(ctx, k("a")).Result() },
				func(p *redpipe.Pipeline, k K) func() (any, error) { return fut(p.Dump(k("a"))) }),
		}},
	}
})
