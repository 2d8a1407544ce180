//lint:file-ignore SA1019 the differential test calls deprecated methods on purpose: go-redis still has them, so redpipe does, and both must agree

package difftest

import (
	"fmt"
	"strings"
	"time"

	"github.com/redis/go-redis/v9"

	"github.com/redpipe-go/redpipe"
)

// commandNorm is a norm for COMMAND: go-redis parses the command tips into
// its own routing policy (CommandPolicy), redpipe keeps them as the
// server's strings (Tips); neither field has a counterpart, so both go.
// Every other field of every command (name, arity, flags, ACL categories,
// key positions, ReadOnly) compares.
var commandNorm = dropFields("CommandPolicy", "Tips")

// tipped are commands with command tips (KEYS two, DBSIZE two, GET none).
var tipped = []string{"keys", "dbsize", "get"}

// rawTips is each named command's tips from addr's COMMAND INFO.
func rawTips(addr string, names ...string) any {
	out := map[string]any{}
	infos, _ := rawQuiet(addr, append([]string{"COMMAND", "INFO"}, names...)...).([]any)
	for i, e := range infos {
		if es, ok := e.([]any); ok && len(es) > 7 {
			out[names[i]] = es[7]
		}
	}
	return out
}

// slowLogNorm keeps what a slow log entry says about the command (its
// arguments, the client's name) and drops what is the server's own: the
// entry id, when and how long it ran, and the client's address. The
// command's name is upper-cased: the log keeps it as the client spelt it,
// "get" from go-redis, "GET" from redpipe, and Redis reads both alike.
func slowLogNorm(v any) any {
	v = dropFields("ID", "Time", "Duration", "ClientAddr")(v)
	for _, e := range asSlice(v) {
		if m, ok := e.(map[string]any); ok {
			if a := asSlice(m["Args"]); len(a) > 0 {
				if name, ok := a[0].(string); ok {
					a[0] = strings.ToUpper(name)
				}
			}
		}
	}
	return v
}

func asSlice(v any) []any { s, _ := v.([]any); return s }

// latencyNorm keeps a latency event's name and whether its spikes are at
// least the 10 ms that DEBUG SLEEP 0.01 took (read as milliseconds: a
// wrong unit is far off); the time of the spike is the server's own.
func latencyNorm(v any) any {
	s, ok := v.([]any)
	if !ok {
		return v
	}
	out := make([]any, len(s))
	for i, e := range s {
		m, ok := e.(map[string]any)
		if !ok {
			return v
		}
		bucket := func(d any) any {
			if n, ok := d.(int64); ok && n >= int64(10*time.Millisecond) && n < int64(10*time.Second) {
				return ">=10ms"
			}
			return d
		}
		out[i] = map[string]any{"Name": m["Name"], "Latest": bucket(m["Latest"]), "Max": bucket(m["Max"]), "Time": recentUnix(m["Time"])}
	}
	return out
}

// asText is a norm for LATENCY RESET, an integer reply that go-redis reads
// into a StatusCmd as its digits and redpipe as an int64: both print the
// same, so the count still compares.
func asText(v any) any { return fmt.Sprint(v) }

// Server administration: configuration, command table, INFO, persistence,
// slow log, latency monitor, replication and modules. A parameter that a
// case sets is restored by a later call of the same case; BGSAVE and
// BGREWRITEAOF wait (bounded) until the server runs no background child, so
// each replies "started" on both servers, and again after their reply, so
// that the child's end (an aof-rename latency event, say) falls in no
// later case.
var _ = family(func() []tcase {
	return []tcase{
		{name: "ConfigSet", calls: []call{
			c(func(r *redis.Client, k K) (any, error) { return r.ConfigSet(ctx, "maxmemory-samples", "7").Result() },
				func(p *redpipe.Pipeline, k K) func() (any, error) { return fut(p.ConfigSet("maxmemory-samples", "7")) }),
			c(func(r *redis.Client, k K) (any, error) { return r.ConfigGet(ctx, "maxmemory-samples").Result() },
				func(p *redpipe.Pipeline, k K) func() (any, error) { return fut(p.ConfigGet("maxmemory-samples")) }),
			c(func(r *redis.Client, k K) (any, error) { return r.ConfigSet(ctx, "maxmemory-samples", "5").Result() },
				func(p *redpipe.Pipeline, k K) func() (any, error) { return fut(p.ConfigSet("maxmemory-samples", "5")) }),
			c(func(r *redis.Client, k K) (any, error) { return r.ConfigSet(ctx, "maxmemory-samples", "-1").Result() },
				func(p *redpipe.Pipeline, k K) func() (any, error) { return fut(p.ConfigSet("maxmemory-samples", "-1")) }),
			c(func(r *redis.Client, k K) (any, error) { return r.ConfigSet(ctx, "dt-nosuchparam", "").Result() },
				func(p *redpipe.Pipeline, k K) func() (any, error) { return fut(p.ConfigSet("dt-nosuchparam", "")) }),
			c(func(r *redis.Client, k K) (any, error) { return r.ConfigResetStat(ctx).Result() },
				func(p *redpipe.Pipeline, k K) func() (any, error) { return fut(p.ConfigResetStat()) }),
			// The servers run without a config file: the same error.
			c(func(r *redis.Client, k K) (any, error) { return r.ConfigRewrite(ctx).Result() },
				func(p *redpipe.Pipeline, k K) func() (any, error) { return fut(p.ConfigRewrite()) }),
		}},
		{name: "Command", calls: []call{
			{oracle: func(r *redis.Client, k K) (any, error) { return r.Command(ctx).Result() },
				queue: func(p *redpipe.Pipeline, k K) func() (any, error) { return fut(p.Command()) }, norm: commandNorm},
			// redpipe's Tips, which go-redis has no field for, against the
			// oracle server's own COMMAND INFO (its eighth element).
			c(func(r *redis.Client, k K) (any, error) { return rawTips(oracleAddr(), tipped...), nil },
				func(p *redpipe.Pipeline, k K) func() (any, error) {
					f := p.Command()
					return func() (any, error) {
						m, err := f.Result()
						out := map[string]any{}
						for _, name := range tipped {
							if ci := m[name]; ci != nil {
								out[name] = ci.Tips
							}
						}
						return out, err
					}
				}),
			c(func(r *redis.Client, k K) (any, error) {
				return r.CommandGetKeys(ctx, "MSET", k("a"), "1", k("b"), "").Result()
			},
				func(p *redpipe.Pipeline, k K) func() (any, error) {
					return fut(p.CommandGetKeys("MSET", k("a"), "1", k("b"), ""))
				}),
			// A command without keys, one with the wrong arity, and the
			// subcommand's own arity (-4: a command and one argument at least).
			c(func(r *redis.Client, k K) (any, error) { return r.CommandGetKeys(ctx, "ECHO", "x").Result() },
				func(p *redpipe.Pipeline, k K) func() (any, error) { return fut(p.CommandGetKeys("ECHO", "x")) }),
			c(func(r *redis.Client, k K) (any, error) { return r.CommandGetKeys(ctx, "GET", "a", "b").Result() },
				func(p *redpipe.Pipeline, k K) func() (any, error) { return fut(p.CommandGetKeys("GET", "a", "b")) }),
			c(func(r *redis.Client, k K) (any, error) { return r.CommandGetKeys(ctx, "GET").Result() },
				func(p *redpipe.Pipeline, k K) func() (any, error) { return fut(p.CommandGetKeys("GET")) }),
			c(func(r *redis.Client, k K) (any, error) {
				return r.CommandGetKeysAndFlags(ctx, "LMOVE", k("a"), "\x00\xff", "LEFT", "RIGHT").Result()
			}, func(p *redpipe.Pipeline, k K) func() (any, error) {
				return fut(p.CommandGetKeysAndFlags("LMOVE", k("a"), "\x00\xff", "LEFT", "RIGHT"))
			}),
			c(func(r *redis.Client, k K) (any, error) {
				return r.CommandGetKeysAndFlags(ctx, "EVAL", "return 1", 2, k("a"), k("b"), "arg").Result()
			}, func(p *redpipe.Pipeline, k K) func() (any, error) {
				return fut(p.CommandGetKeysAndFlags("EVAL", "return 1", 2, k("a"), k("b"), "arg"))
			}),
		}},
		// COMMAND LIST comes in dict order, per-process seeded: sorted.
		{name: "CommandList", calls: []call{
			{oracle: func(r *redis.Client, k K) (any, error) { return r.CommandList(ctx, nil).Result() },
				queue: func(p *redpipe.Pipeline, k K) func() (any, error) { return fut(p.CommandList(nil)) }, norm: sorted},
			{oracle: func(r *redis.Client, k K) (any, error) {
				return r.CommandList(ctx, &redis.FilterBy{Pattern: "x*a*"}).Result()
			}, queue: func(p *redpipe.Pipeline, k K) func() (any, error) {
				return fut(p.CommandList(&redpipe.FilterBy{Pattern: "x*a*"}))
			}, norm: sorted},
			{oracle: func(r *redis.Client, k K) (any, error) {
				return r.CommandList(ctx, &redis.FilterBy{ACLCat: "hyperloglog"}).Result()
			}, queue: func(p *redpipe.Pipeline, k K) func() (any, error) {
				return fut(p.CommandList(&redpipe.FilterBy{ACLCat: "hyperloglog"}))
			}, norm: sorted},
			c(func(r *redis.Client, k K) (any, error) {
				return r.CommandList(ctx, &redis.FilterBy{Module: "dtnosuchmodule"}).Result()
			}, func(p *redpipe.Pipeline, k K) func() (any, error) {
				return fut(p.CommandList(&redpipe.FilterBy{Module: "dtnosuchmodule"}))
			}),
		}},
		{name: "Info", calls: []call{
			{oracle: func(r *redis.Client, k K) (any, error) { return r.Info(ctx, "server", "clients").Result() },
				queue: func(p *redpipe.Pipeline, k K) func() (any, error) { return fut(p.Info("server", "clients")) }, norm: infoNorm},
			c(func(r *redis.Client, k K) (any, error) { return r.Info(ctx, "dtnosuchsection").Result() },
				func(p *redpipe.Pipeline, k K) func() (any, error) { return fut(p.Info("dtnosuchsection")) }),
			{oracle: func(r *redis.Client, k K) (any, error) { return r.InfoMap(ctx, "server", "memory", "cpu").Result() },
				queue: func(p *redpipe.Pipeline, k K) func() (any, error) { return fut(p.InfoMap("server", "memory", "cpu")) }, norm: infoNorm},
			{oracle: func(r *redis.Client, k K) (any, error) { return r.InfoMap(ctx).Result() },
				queue: func(p *redpipe.Pipeline, k K) func() (any, error) { return fut(p.InfoMap()) }, norm: infoNorm},
		}},
		{name: "Time", calls: []call{
			{oracle: func(r *redis.Client, k K) (any, error) { return r.Time(ctx).Result() },
				queue: func(p *redpipe.Pipeline, k K) func() (any, error) { return fut(p.Time()) }, norm: recentUnix},
		}},
		{name: "Save", calls: []call{
			{oracle: func(r *redis.Client, k K) (any, error) {
				waitNoChild(oracleAddr())
				return r.Save(ctx).Result()
			}, queue: func(p *redpipe.Pipeline, k K) func() (any, error) {
				waitNoChild(subjectAddr())
				return fut(p.Save())
			}},
			{oracle: func(r *redis.Client, k K) (any, error) { return r.LastSave(ctx).Result() },
				queue: func(p *redpipe.Pipeline, k K) func() (any, error) { return fut(p.LastSave()) }, norm: recentUnix},
		}},
		{name: "BgSave", calls: []call{
			{oracle: func(r *redis.Client, k K) (any, error) {
				waitNoChild(oracleAddr())
				v, err := r.BgSave(ctx).Result()
				waitNoChild(oracleAddr())
				return v, err
			}, queue: func(p *redpipe.Pipeline, k K) func() (any, error) {
				waitNoChild(subjectAddr())
				f := p.BgSave()
				return func() (any, error) {
					v, err := f.Result()
					waitNoChild(subjectAddr())
					return v, err
				}
			}},
		}},
		{name: "BgRewriteAOF", calls: []call{
			{oracle: func(r *redis.Client, k K) (any, error) {
				waitNoChild(oracleAddr())
				v, err := r.BgRewriteAOF(ctx).Result()
				waitNoChild(oracleAddr())
				return v, err
			}, queue: func(p *redpipe.Pipeline, k K) func() (any, error) {
				waitNoChild(subjectAddr())
				f := p.BgRewriteAOF()
				return func() (any, error) {
					v, err := f.Result()
					waitNoChild(subjectAddr())
					return v, err
				}
			}},
		}},
		// Every command is logged while slowlog-log-slower-than is 0: the
		// GET just before the threshold is restored is the newest entry
		// (the restoring CONFIG SET is measured against the restored 10 ms).
		{name: "SlowLogGet", arrange: [][]string{args("SLOWLOG", "RESET"), args("CONFIG", "SET", "slowlog-log-slower-than", "0")}, calls: []call{
			c(func(r *redis.Client, k K) (any, error) { return r.Get(ctx, k("\x00\xff")).Result() },
				func(p *redpipe.Pipeline, k K) func() (any, error) { return fut(p.Get(k("\x00\xff"))) }),
			c(func(r *redis.Client, k K) (any, error) {
				return r.ConfigSet(ctx, "slowlog-log-slower-than", "10000").Result()
			},
				func(p *redpipe.Pipeline, k K) func() (any, error) {
					return fut(p.ConfigSet("slowlog-log-slower-than", "10000"))
				}),
			{oracle: func(r *redis.Client, k K) (any, error) { return r.SlowLogGet(ctx, 1).Result() },
				queue: func(p *redpipe.Pipeline, k K) func() (any, error) { return fut(p.SlowLogGet(1)) }, norm: slowLogNorm},
			c(func(r *redis.Client, k K) (any, error) { return r.SlowLogReset(ctx).Result() },
				func(p *redpipe.Pipeline, k K) func() (any, error) { return fut(p.SlowLogReset()) }),
			c(func(r *redis.Client, k K) (any, error) { return r.SlowLogLen(ctx).Result() },
				func(p *redpipe.Pipeline, k K) func() (any, error) { return fut(p.SlowLogLen()) }),
			c(func(r *redis.Client, k K) (any, error) { return r.SlowLogGet(ctx, 10).Result() },
				func(p *redpipe.Pipeline, k K) func() (any, error) { return fut(p.SlowLogGet(10)) }),
			c(func(r *redis.Client, k K) (any, error) { return r.SlowLogGet(ctx, -1).Result() },
				func(p *redpipe.Pipeline, k K) func() (any, error) { return fut(p.SlowLogGet(-1)) }),
		}},
		// A 10 ms DEBUG SLEEP with the latency monitor at 1 ms is one
		// "command" event; the monitor is off again by the case's end.
		{name: "Latency", arrange: [][]string{args("LATENCY", "RESET"), args("CONFIG", "SET", "latency-monitor-threshold", "1"),
			args("DEBUG", "SLEEP", "0.01"), args("CONFIG", "SET", "latency-monitor-threshold", "0")}, calls: []call{
			{oracle: func(r *redis.Client, k K) (any, error) { return r.Latency(ctx).Result() },
				queue: func(p *redpipe.Pipeline, k K) func() (any, error) { return fut(p.Latency()) }, norm: latencyNorm},
			{oracle: func(r *redis.Client, k K) (any, error) { return r.LatencyReset(ctx, "command", "dt-noevent").Result() },
				queue: func(p *redpipe.Pipeline, k K) func() (any, error) {
					return fut(p.LatencyReset("command", "dt-noevent"))
				}, norm: asText},
			{oracle: func(r *redis.Client, k K) (any, error) { return r.LatencyReset(ctx).Result() },
				queue: func(p *redpipe.Pipeline, k K) func() (any, error) { return fut(p.LatencyReset()) }, norm: asText},
			c(func(r *redis.Client, k K) (any, error) { return r.Latency(ctx).Result() },
				func(p *redpipe.Pipeline, k K) func() (any, error) { return fut(p.Latency()) }),
		}},
		// The servers are masters: REPLICAOF NO ONE is a no-op "OK".
		{name: "ReplicaOf", calls: []call{
			c(func(r *redis.Client, k K) (any, error) { return r.ReplicaOf(ctx, "NO", "ONE").Result() },
				func(p *redpipe.Pipeline, k K) func() (any, error) { return fut(p.ReplicaOf("NO", "ONE")) }),
			c(func(r *redis.Client, k K) (any, error) { return r.SlaveOf(ctx, "no", "one").Result() },
				func(p *redpipe.Pipeline, k K) func() (any, error) { return fut(p.SlaveOf("no", "one")) }),
			c(func(r *redis.Client, k K) (any, error) { return r.ReplicaOf(ctx, "127.0.0.1", "notaport").Result() },
				func(p *redpipe.Pipeline, k K) func() (any, error) { return fut(p.ReplicaOf("127.0.0.1", "notaport")) }),
		}},
		// MODULE is off (enable-module-command no): the same refusal. With
		// one CONFIG pair and no ARGS, go-redis and redpipe send the same
		// words (they differ on several pairs' order and on ARGS).
		{name: "ModuleLoadex", calls: []call{
			c(func(r *redis.Client, k K) (any, error) {
				return r.ModuleLoadex(ctx, &redis.ModuleLoadexConfig{Path: "/dt/nosuch.so", Conf: map[string]any{"a": 1}}).Result()
			}, func(p *redpipe.Pipeline, k K) func() (any, error) {
				return fut(p.ModuleLoadex(&redpipe.ModuleLoadexConfig{Path: "/dt/nosuch.so", Conf: map[string]any{"a": 1}}))
			}),
		}},
	}
})
