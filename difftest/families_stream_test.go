package difftest

import (
	"github.com/redis/go-redis/v9"

	"github.com/redpipe-go/redpipe"
)

// dropTimes is a norm for XINFO STREAM FULL: a pending entry's delivery
// time and a consumer's seen and active times are the server's clock when
// it delivered (milliseconds, read a few milliseconds apart on the two
// servers), so those three fields go; everything else (ids, counts, lags,
// the radix tree sizes, the entries' fields, the consumers' names and their
// PEL, in order) compares exactly, which is where a decoding that shifts a
// field or misreads a nested array would show.
func dropTimes(v any) any {
	switch x := v.(type) {
	case map[string]any:
		out := map[string]any{}
		for k, e := range x {
			if k != "DeliveryTime" && k != "SeenTime" && k != "ActiveTime" {
				out[k] = dropTimes(e)
			}
		}
		return out
	case []any:
		out := make([]any, len(x))
		for i, e := range x {
			out[i] = dropTimes(e)
		}
		return out
	}
	return v
}

// Streams: explicit ids (1-1, 1-2, ...) so every id, start and count is
// the same on both servers. XTRIM's KEEPREF/DELREF/ACKED modes are a
// Redis 8.2 argument of a command every server has, so no needs: on an
// older server both sides must give the server's same syntax error. XACKDEL,
// XDELEX (8.2), XNACK and XCFGSET (8.8) are whole commands: needs.
var _ = family(func() []tcase {
	st := [][]string{
		args("XADD", "@s", "1-1", "f", "\x00\xff"), args("XADD", "@s", "1-2", "", "v"),
		args("XADD", "@s", "1-3", "a", "1", "b", "2"), args("XADD", "@s", "2-1", "f", "last"),
		args("XGROUP", "CREATE", "@s", "g", "0"),
	}
	read := arrangeThen(st, args("XREADGROUP", "GROUP", "g", "c1", "COUNT", "3", "STREAMS", "@s", ">"))
	return []tcase{
		// Entry 1-2 is deleted while pending: XAUTOCLAIM (7.0+) reports it
		// among the deleted ids, claims the others, and its next start is
		// 0-0 once the whole PEL was scanned.
		{name: "XAutoClaimWithDeleted", arrange: arrangeThen(read, args("XDEL", "@s", "1-2")), calls: []call{
			c(func(r *redis.Client, k K) (any, error) {
				msgs, start, deleted, err := r.XAutoClaimWithDeleted(ctx, &redis.XAutoClaimArgs{Stream: k("s"), Group: "g", Consumer: "c2", Start: "0", Count: 10}).Result()
				return autoClaimed{Messages: msgs, Start: start, DeletedIDs: deleted}, err
			}, func(p *redpipe.Pipeline, k K) func() (any, error) {
				return fut(p.XAutoClaimWithDeleted(&redpipe.XAutoClaimArgs{Stream: k("s"), Group: "g", Consumer: "c2", Start: "0", Count: 10}))
			}),
			// COUNT 1 from 1-1: one claimed, the next start is 1-3.
			c(func(r *redis.Client, k K) (any, error) {
				msgs, start, deleted, err := r.XAutoClaimWithDeleted(ctx, &redis.XAutoClaimArgs{Stream: k("s"), Group: "g", Consumer: "c3", Start: "1-1", Count: 1}).Result()
				return autoClaimed{Messages: msgs, Start: start, DeletedIDs: deleted}, err
			}, func(p *redpipe.Pipeline, k K) func() (any, error) {
				return fut(p.XAutoClaimWithDeleted(&redpipe.XAutoClaimArgs{Stream: k("s"), Group: "g", Consumer: "c3", Start: "1-1", Count: 1}))
			}),
			c(func(r *redis.Client, k K) (any, error) {
				msgs, start, deleted, err := r.XAutoClaimWithDeleted(ctx, &redis.XAutoClaimArgs{Stream: k("s"), Group: "nogroup", Consumer: "c", Start: "0"}).Result()
				return autoClaimed{Messages: msgs, Start: start, DeletedIDs: deleted}, err
			}, func(p *redpipe.Pipeline, k K) func() (any, error) {
				return fut(p.XAutoClaimWithDeleted(&redpipe.XAutoClaimArgs{Stream: k("s"), Group: "nogroup", Consumer: "c", Start: "0"}))
			}),
		}},
		{name: "XInfoStreamFull", arrange: arrangeThen(read, args("XGROUP", "CREATE", "@s", "idle", "$"), args("XGROUP", "CREATECONSUMER", "@s", "idle", "nobody"),
			args("XADD", "@e", "5-1", "f", "v"), args("XADD", "@e", "5-2", "f", "w"), args("XGROUP", "CREATE", "@e", "g", "0"),
			args("XDEL", "@e", "5-1", "5-2"),
			args("XADD", "@d", "1-1", "a", "1"), args("XADD", "@d", "1-2", "b", "2"), args("XADD", "@d", "1-3", "c", "3"),
			args("XGROUP", "CREATE", "@d", "g", "0"), args("XREADGROUP", "GROUP", "g", "c", "COUNT", "1", "STREAMS", "@d", ">"),
			args("XDEL", "@d", "1-2")), calls: []call{
			{oracle: func(r *redis.Client, k K) (any, error) { return r.XInfoStreamFull(ctx, k("s"), 0).Result() },
				queue: func(p *redpipe.Pipeline, k K) func() (any, error) { return fut(p.XInfoStreamFull(k("s"), 0)) }, norm: dropTimes},
			{oracle: func(r *redis.Client, k K) (any, error) { return r.XInfoStreamFull(ctx, k("s"), 1).Result() },
				queue: func(p *redpipe.Pipeline, k K) func() (any, error) { return fut(p.XInfoStreamFull(k("s"), 1)) }, norm: dropTimes},
			// Entries deleted from the middle (1-2) and a stream emptied by
			// XDEL: a max deleted id, a first entry id of 0-0, and a group
			// whose lag the server cannot know (nil, with entries deleted
			// after its last delivered id).
			{oracle: func(r *redis.Client, k K) (any, error) { return r.XInfoStreamFull(ctx, k("e"), 0).Result() },
				queue: func(p *redpipe.Pipeline, k K) func() (any, error) { return fut(p.XInfoStreamFull(k("e"), 0)) }, norm: dropTimes},
			{oracle: func(r *redis.Client, k K) (any, error) { return r.XInfoStreamFull(ctx, k("d"), 0).Result() },
				queue: func(p *redpipe.Pipeline, k K) func() (any, error) { return fut(p.XInfoStreamFull(k("d"), 0)) }, norm: lagKnownOrZero},
			c(func(r *redis.Client, k K) (any, error) { return r.XInfoStreamFull(ctx, k("none"), 0).Result() },
				func(p *redpipe.Pipeline, k K) func() (any, error) { return fut(p.XInfoStreamFull(k("none"), 0)) }),
		}},
		{name: "XTrimMaxLenMode", arrange: st, calls: []call{
			c(func(r *redis.Client, k K) (any, error) { return r.XTrimMaxLenMode(ctx, k("s"), 3, "KEEPREF").Result() },
				func(p *redpipe.Pipeline, k K) func() (any, error) {
					return fut(p.XTrimMaxLenMode(k("s"), 3, "KEEPREF"))
				}),
			c(func(r *redis.Client, k K) (any, error) {
				return r.XTrimMaxLenApproxMode(ctx, k("s"), 0, 100, "DELREF").Result()
			}, func(p *redpipe.Pipeline, k K) func() (any, error) {
				return fut(p.XTrimMaxLenApproxMode(k("s"), 0, 100, "DELREF"))
			}),
			c(func(r *redis.Client, k K) (any, error) { return r.XTrimMaxLenMode(ctx, k("s"), 1, "ACKED").Result() },
				func(p *redpipe.Pipeline, k K) func() (any, error) { return fut(p.XTrimMaxLenMode(k("s"), 1, "ACKED")) }),
		}},
		{name: "XTrimMinIDMode", arrange: st, calls: []call{
			c(func(r *redis.Client, k K) (any, error) {
				return r.XTrimMinIDMode(ctx, k("s"), "1-2", "KEEPREF").Result()
			},
				func(p *redpipe.Pipeline, k K) func() (any, error) {
					return fut(p.XTrimMinIDMode(k("s"), "1-2", "KEEPREF"))
				}),
			// A negative limit is LIMIT 0 (no cap) on both sides.
			c(func(r *redis.Client, k K) (any, error) {
				return r.XTrimMinIDApproxMode(ctx, k("s"), "2-1", -1, "DELREF").Result()
			}, func(p *redpipe.Pipeline, k K) func() (any, error) {
				return fut(p.XTrimMinIDApproxMode(k("s"), "2-1", -1, "DELREF"))
			}),
			c(func(r *redis.Client, k K) (any, error) {
				return r.XTrimMinIDApproxMode(ctx, k("s"), "9-9", 0, "ACKED").Result()
			}, func(p *redpipe.Pipeline, k K) func() (any, error) {
				return fut(p.XTrimMinIDApproxMode(k("s"), "9-9", 0, "ACKED"))
			}),
		}},
		// Per id: 1 acknowledged and deleted, -1 no such id, 2 not deleted
		// (still referenced, KEEPREF with another group's PEL).
		{name: "XAckDel", needs: []string{"XACKDEL"}, arrange: read, calls: []call{
			c(func(r *redis.Client, k K) (any, error) {
				return r.XAckDel(ctx, k("s"), "g", "KEEPREF", "1-1", "9-9").Result()
			}, func(p *redpipe.Pipeline, k K) func() (any, error) {
				return fut(p.XAckDel(k("s"), "g", "KEEPREF", "1-1", "9-9"))
			}),
			c(func(r *redis.Client, k K) (any, error) {
				return r.XAckDel(ctx, k("s"), "g", "ACKED", "1-2", "1-3").Result()
			}, func(p *redpipe.Pipeline, k K) func() (any, error) {
				return fut(p.XAckDel(k("s"), "g", "ACKED", "1-2", "1-3"))
			}),
			c(func(r *redis.Client, k K) (any, error) { return r.XAckDel(ctx, k("s"), "g", "BOGUS", "1-1").Result() },
				func(p *redpipe.Pipeline, k K) func() (any, error) { return fut(p.XAckDel(k("s"), "g", "BOGUS", "1-1")) }),
		}},
		{name: "XDelEx", needs: []string{"XDELEX"}, arrange: read, calls: []call{
			c(func(r *redis.Client, k K) (any, error) { return r.XDelEx(ctx, k("s"), "ACKED", "1-1", "2-1").Result() },
				func(p *redpipe.Pipeline, k K) func() (any, error) {
					return fut(p.XDelEx(k("s"), "ACKED", "1-1", "2-1"))
				}),
			c(func(r *redis.Client, k K) (any, error) { return r.XDelEx(ctx, k("s"), "DELREF", "1-2", "7-7").Result() },
				func(p *redpipe.Pipeline, k K) func() (any, error) {
					return fut(p.XDelEx(k("s"), "DELREF", "1-2", "7-7"))
				}),
			c(func(r *redis.Client, k K) (any, error) { return r.XDelEx(ctx, k("s"), "KEEPREF", "1-3").Result() },
				func(p *redpipe.Pipeline, k K) func() (any, error) { return fut(p.XDelEx(k("s"), "KEEPREF", "1-3")) }),
		}},
		{name: "XNack", needs: []string{"XNACK"}, arrange: read, calls: []call{
			c(func(r *redis.Client, k K) (any, error) {
				return r.XNack(ctx, &redis.XNackArgs{Stream: k("s"), Group: "g", Mode: redis.XNackModeSilent, IDs: []string{"1-1", "9-9"}}).Result()
			}, func(p *redpipe.Pipeline, k K) func() (any, error) {
				return fut(p.XNack(&redpipe.XNackArgs{Stream: k("s"), Group: "g", Mode: "SILENT", IDs: []string{"1-1", "9-9"}}))
			}),
			c(func(r *redis.Client, k K) (any, error) {
				n := uint64(7)
				return r.XNack(ctx, &redis.XNackArgs{Stream: k("s"), Group: "g", Mode: redis.XNackModeFail, IDs: []string{"1-2", "2-1"}, RetryCount: &n, Force: true}).Result()
			}, func(p *redpipe.Pipeline, k K) func() (any, error) {
				n := uint64(7)
				return fut(p.XNack(&redpipe.XNackArgs{Stream: k("s"), Group: "g", Mode: "FAIL", IDs: []string{"1-2", "2-1"}, RetryCount: &n, Force: true}))
			}),
			c(func(r *redis.Client, k K) (any, error) {
				zero := uint64(0)
				return r.XNack(ctx, &redis.XNackArgs{Stream: k("s"), Group: "g", Mode: redis.XNackModeFatal, IDs: []string{"1-3"}, RetryCount: &zero}).Result()
			}, func(p *redpipe.Pipeline, k K) func() (any, error) {
				zero := uint64(0)
				return fut(p.XNack(&redpipe.XNackArgs{Stream: k("s"), Group: "g", Mode: "FATAL", IDs: []string{"1-3"}, RetryCount: &zero}))
			}),
			{oracle: func(r *redis.Client, k K) (any, error) { return r.XInfoStreamFull(ctx, k("s"), 0).Result() },
				queue: func(p *redpipe.Pipeline, k K) func() (any, error) { return fut(p.XInfoStreamFull(k("s"), 0)) }, norm: dropTimes},
		}},
		{name: "XCfgSet", needs: []string{"XCFGSET"}, arrange: st, calls: []call{
			c(func(r *redis.Client, k K) (any, error) {
				return r.XCfgSet(ctx, &redis.XCfgSetArgs{Stream: k("s"), Duration: 60, MaxSize: 10}).Result()
			}, func(p *redpipe.Pipeline, k K) func() (any, error) {
				return fut(p.XCfgSet(&redpipe.XCfgSetArgs{Stream: k("s"), Duration: 60, MaxSize: 10}))
			}),
			c(func(r *redis.Client, k K) (any, error) {
				return r.XCfgSet(ctx, &redis.XCfgSetArgs{Stream: k("s"), MaxSize: 1}).Result()
			}, func(p *redpipe.Pipeline, k K) func() (any, error) {
				return fut(p.XCfgSet(&redpipe.XCfgSetArgs{Stream: k("s"), MaxSize: 1}))
			}),
			c(func(r *redis.Client, k K) (any, error) {
				return r.XCfgSet(ctx, &redis.XCfgSetArgs{Stream: k("none"), Duration: 5}).Result()
			},
				func(p *redpipe.Pipeline, k K) func() (any, error) {
					return fut(p.XCfgSet(&redpipe.XCfgSetArgs{Stream: k("none"), Duration: 5}))
				}),
		}},
	}
})

// autoClaimed is go-redis's three XAUTOCLAIM results under the field names
// of redpipe.XAutoClaimResult: canon compares structs by field name, and
// the entries' Values (go-redis a map, redpipe ordered fields) meet in
// fieldsAsMap.
type autoClaimed struct {
	Messages   []redis.XMessage
	Start      string
	DeletedIDs []string
}

// arrangeThen is base followed by more, in a new slice: cases share base, and an
// append into its spare capacity would give one case another's commands.
func arrangeThen(base [][]string, more ...[]string) [][]string {
	return append(append(make([][]string, 0, len(base)+len(more)), base...), more...)
}

// lagKnownOrZero is dropTimes plus the one difference kept in XINFO STREAM
// FULL: Redis sends a nil lag when it cannot tell it (entries deleted after
// the group's last delivered id); go-redis decodes that as 0 there, which
// reads as "caught up", while redpipe gives -1, documented on
// domain.XInfoStreamGroup and as go-redis itself does for the same nil in
// XINFO GROUPS. A group's Lag of -1 becomes 0 on both sides; every other
// field of the reply still compares.
func lagKnownOrZero(v any) any {
	v = dropTimes(v)
	m, ok := v.(map[string]any)
	if !ok {
		return v
	}
	groups, _ := m["Groups"].([]any)
	for _, g := range groups {
		if gm, ok := g.(map[string]any); ok && gm["Lag"] == int64(-1) {
			gm["Lag"] = int64(0)
		}
	}
	return m
}
