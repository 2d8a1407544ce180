//lint:file-ignore SA1019 the differential test calls deprecated methods on purpose: go-redis still has them, so redpipe does, and both must agree

package difftest

import (
	"crypto/sha1"
	"encoding/hex"
	"math"

	"github.com/redis/go-redis/v9"

	"github.com/redpipe-go/redpipe"
)

// sha1Hex is a script's SHA1 as SCRIPT LOAD gives it and EVALSHA takes it.
func sha1Hex(script string) string {
	h := sha1.Sum([]byte(script))
	return hex.EncodeToString(h[:])
}

// functionStats puts FUNCTION STATS's reply, whose running script is in
// unexported fields (go-redis's shape, kept by redpipe), where canon sees
// it: the engines, whether a function runs, which, and Enterprise's list.
func functionStats(engines any, running bool, rs any, all any) any {
	return map[string]any{"Engines": engines, "Running": running, "RunningScript": rs, "All": all}
}

// Scripts by SHA1, functions loaded, dumped, deleted and restored, and
// pub/sub counts with a subscription held on each server.
var _ = family(func() []tcase {
	const readScript = "return {KEYS[1], ARGV[1], redis.call('GET', KEYS[1])}"
	const writeScript = "return redis.call('SET', KEYS[1], ARGV[1])"
	lib := "#!lua name=dtadmin\n" +
		"redis.register_function{function_name='dtadm_ro', callback=function(keys, args) return {keys[1], args[1], redis.call('GET', keys[1])} end, flags={'no-writes'}}\n" +
		"redis.register_function('dtadm_w', function(keys, args) return redis.call('SET', keys[1], args[1]) end)"
	stats := func(r *redis.Client, k K) (any, error) {
		fs, err := r.FunctionStats(ctx).Result()
		rs, _ := fs.RunningScript()
		return functionStats(fs.Engines, fs.Running(), rs, fs.AllRunningScripts()), err
	}
	qstats := func(p *redpipe.Pipeline, k K) func() (any, error) {
		f := p.FunctionStats()
		return func() (any, error) {
			fs, err := f.Result()
			rs, _ := fs.RunningScript()
			return functionStats(fs.Engines, fs.Running(), rs, fs.AllRunningScripts()), err
		}
	}
	busyLib := "#!lua name=dtbusy\nredis.register_function{function_name='dtbusy', callback=function(keys, args) while true do end end, flags={'no-writes'}}"
	// dump is the oracle's FUNCTION DUMP, which both sides restore: the
	// oracle's halves run before the queue halves.
	var dump string
	return []tcase{
		{name: "ScriptLoad", arrange: [][]string{args("SCRIPT", "FLUSH"), args("SET", "@a", "\r\n")}, calls: []call{
			c(func(r *redis.Client, k K) (any, error) {
				return r.EvalSha(ctx, sha1Hex(readScript), []string{k("a")}).Result()
			},
				func(p *redpipe.Pipeline, k K) func() (any, error) {
					return fut(p.EvalSha(sha1Hex(readScript), []string{k("a")}))
				}),
			c(func(r *redis.Client, k K) (any, error) { return r.ScriptLoad(ctx, readScript).Result() },
				func(p *redpipe.Pipeline, k K) func() (any, error) { return fut(p.ScriptLoad(readScript)) }),
			c(func(r *redis.Client, k K) (any, error) { return r.ScriptLoad(ctx, writeScript).Result() },
				func(p *redpipe.Pipeline, k K) func() (any, error) { return fut(p.ScriptLoad(writeScript)) }),
			c(func(r *redis.Client, k K) (any, error) { return r.ScriptLoad(ctx, "return {").Result() },
				func(p *redpipe.Pipeline, k K) func() (any, error) { return fut(p.ScriptLoad("return {")) }),
			c(func(r *redis.Client, k K) (any, error) {
				return r.EvalSha(ctx, sha1Hex(readScript), []string{k("a")}, "\x00\xff", -1).Result()
			}, func(p *redpipe.Pipeline, k K) func() (any, error) {
				return fut(p.EvalSha(sha1Hex(readScript), []string{k("a")}, "\x00\xff", -1))
			}),
			c(func(r *redis.Client, k K) (any, error) {
				return r.EvalShaRO(ctx, sha1Hex(readScript), []string{k("none")}, "").Result()
			}, func(p *redpipe.Pipeline, k K) func() (any, error) {
				return fut(p.EvalShaRO(sha1Hex(readScript), []string{k("none")}, ""))
			}),
			c(func(r *redis.Client, k K) (any, error) {
				return r.EvalShaRO(ctx, sha1Hex(writeScript), []string{k("w")}, "v").Result()
			}, func(p *redpipe.Pipeline, k K) func() (any, error) {
				return fut(p.EvalShaRO(sha1Hex(writeScript), []string{k("w")}, "v"))
			}),
			c(func(r *redis.Client, k K) (any, error) {
				return r.EvalSha(ctx, sha1Hex(writeScript), []string{k("w")}, 1.5).Result()
			},
				func(p *redpipe.Pipeline, k K) func() (any, error) {
					return fut(p.EvalSha(sha1Hex(writeScript), []string{k("w")}, 1.5))
				}),
			// No script runs: NOTBUSY on both.
			c(func(r *redis.Client, k K) (any, error) { return r.ScriptKill(ctx).Result() },
				func(p *redpipe.Pipeline, k K) func() (any, error) { return fut(p.ScriptKill()) }),
			c(func(r *redis.Client, k K) (any, error) { return r.ScriptFlush(ctx).Result() },
				func(p *redpipe.Pipeline, k K) func() (any, error) { return fut(p.ScriptFlush()) }),
			c(func(r *redis.Client, k K) (any, error) {
				return r.EvalSha(ctx, sha1Hex(readScript), []string{k("a")}).Result()
			},
				func(p *redpipe.Pipeline, k K) func() (any, error) {
					return fut(p.EvalSha(sha1Hex(readScript), []string{k("a")}))
				}),
		}},
		{name: "FunctionLoad", arrange: [][]string{args("FUNCTION", "FLUSH"), args("SET", "@a", "\x00")}, calls: []call{
			c(func(r *redis.Client, k K) (any, error) { return r.FunctionLoad(ctx, lib).Result() },
				func(p *redpipe.Pipeline, k K) func() (any, error) { return fut(p.FunctionLoad(lib)) }),
			c(func(r *redis.Client, k K) (any, error) { return r.FunctionLoad(ctx, lib).Result() },
				func(p *redpipe.Pipeline, k K) func() (any, error) { return fut(p.FunctionLoad(lib)) }),
			c(func(r *redis.Client, k K) (any, error) { return r.FunctionLoadReplace(ctx, lib).Result() },
				func(p *redpipe.Pipeline, k K) func() (any, error) { return fut(p.FunctionLoadReplace(lib)) }),
			c(func(r *redis.Client, k K) (any, error) { return r.FunctionLoad(ctx, "#!lua\nreturn 1").Result() },
				func(p *redpipe.Pipeline, k K) func() (any, error) { return fut(p.FunctionLoad("#!lua\nreturn 1")) }),
			c(func(r *redis.Client, k K) (any, error) {
				return r.FCallRo(ctx, "dtadm_ro", []string{k("a")}, "\xff\r\n").Result()
			}, func(p *redpipe.Pipeline, k K) func() (any, error) {
				return fut(p.FCallRo("dtadm_ro", []string{k("a")}, "\xff\r\n"))
			}),
			c(func(r *redis.Client, k K) (any, error) {
				return r.FCallRo(ctx, "dtadm_w", []string{k("a")}, "v").Result()
			},
				func(p *redpipe.Pipeline, k K) func() (any, error) {
					return fut(p.FCallRo("dtadm_w", []string{k("a")}, "v"))
				}),
			c(func(r *redis.Client, k K) (any, error) { return r.FCallRo(ctx, "dtadm_none", nil).Result() },
				func(p *redpipe.Pipeline, k K) func() (any, error) { return fut(p.FCallRo("dtadm_none", nil)) }),
			c(stats, qstats),
			{oracle: func(r *redis.Client, k K) (any, error) {
				v, err := r.FunctionDump(ctx).Result()
				dump = v
				return v, err
			}, queue: func(p *redpipe.Pipeline, k K) func() (any, error) { return fut(p.FunctionDump()) }},
			c(func(r *redis.Client, k K) (any, error) { return r.FunctionDelete(ctx, "dtadmin").Result() },
				func(p *redpipe.Pipeline, k K) func() (any, error) { return fut(p.FunctionDelete("dtadmin")) }),
			c(func(r *redis.Client, k K) (any, error) { return r.FunctionDelete(ctx, "dtadmin").Result() },
				func(p *redpipe.Pipeline, k K) func() (any, error) { return fut(p.FunctionDelete("dtadmin")) }),
			c(func(r *redis.Client, k K) (any, error) { return r.FunctionRestore(ctx, dump).Result() },
				func(p *redpipe.Pipeline, k K) func() (any, error) { return fut(p.FunctionRestore(dump)) }),
			c(func(r *redis.Client, k K) (any, error) { return r.FunctionRestore(ctx, dump).Result() },
				func(p *redpipe.Pipeline, k K) func() (any, error) { return fut(p.FunctionRestore(dump)) }),
			c(func(r *redis.Client, k K) (any, error) { return r.FunctionRestore(ctx, "\x00\xff").Result() },
				func(p *redpipe.Pipeline, k K) func() (any, error) { return fut(p.FunctionRestore("\x00\xff")) }),
			c(func(r *redis.Client, k K) (any, error) {
				return r.FCallRo(ctx, "dtadm_ro", []string{k("a")}, "").Result()
			},
				func(p *redpipe.Pipeline, k K) func() (any, error) {
					return fut(p.FCallRo("dtadm_ro", []string{k("a")}, ""))
				}),
			// No function runs: NOTBUSY on both.
			c(func(r *redis.Client, k K) (any, error) { return r.FunctionKill(ctx).Result() },
				func(p *redpipe.Pipeline, k K) func() (any, error) { return fut(p.FunctionKill()) }),
			c(func(r *redis.Client, k K) (any, error) { return r.FunctionFlush(ctx).Result() },
				func(p *redpipe.Pipeline, k K) func() (any, error) { return fut(p.FunctionFlush()) }),
			c(stats, qstats),
			c(func(r *redis.Client, k K) (any, error) { return r.FunctionLoad(ctx, lib).Result() },
				func(p *redpipe.Pipeline, k K) func() (any, error) { return fut(p.FunctionLoad(lib)) }),
			c(func(r *redis.Client, k K) (any, error) { return r.FunctionFlushAsync(ctx).Result() },
				func(p *redpipe.Pipeline, k K) func() (any, error) { return fut(p.FunctionFlushAsync()) }),
			c(func(r *redis.Client, k K) (any, error) { return r.FunctionDump(ctx).Result() },
				func(p *redpipe.Pipeline, k K) func() (any, error) { return fut(p.FunctionDump()) }),
		}},
		// A side connection runs a looping function, the server past a 20 ms
		// busy-reply-threshold: FUNCTION STATS names it, SCRIPT KILL is
		// refused, FUNCTION KILL stops it, the side connection reads why.
		// Nothing else can follow in the pipeline: the killed script ends
		// at its next hook, after the server has answered BUSY to the rest
		// of what arrived with the KILL; killedScript restores the
		// threshold and deletes the library with raw commands instead.
		{name: "FunctionStats", arrange: [][]string{args("FUNCTION", "LOAD", "REPLACE", busyLib),
			args("CONFIG", "SET", "busy-reply-threshold", "20")}, calls: func() []call {
			var o, q *side
			return []call{
				{oracle: func(r *redis.Client, k K) (any, error) {
					o = busy(oracleAddr(), "FCALL", "dtbusy", "1", k("a"), "\x00")
					return stats(r, k)
				}, queue: func(p *redpipe.Pipeline, k K) func() (any, error) {
					q = busy(subjectAddr(), "FCALL", "dtbusy", "1", k("a"), "\x00")
					return qstats(p, k)
				}, norm: runningNorm},
				c(func(r *redis.Client, k K) (any, error) { return r.ScriptKill(ctx).Result() },
					func(p *redpipe.Pipeline, k K) func() (any, error) { return fut(p.ScriptKill()) }),
				c(func(r *redis.Client, k K) (any, error) { return r.FunctionKill(ctx).Result() },
					func(p *redpipe.Pipeline, k K) func() (any, error) { return fut(p.FunctionKill()) }),
				c(func(r *redis.Client, k K) (any, error) { return killedScript(o, oracleAddr()), nil },
					func(p *redpipe.Pipeline, k K) func() (any, error) {
						return func() (any, error) { return killedScript(q, subjectAddr()), nil }
					}),
			}
		}()},
		// The same with a looping EVAL: FUNCTION KILL is refused (BUSY), SCRIPT
		// KILL stops it.
		{name: "ScriptKill", arrange: [][]string{args("CONFIG", "SET", "busy-reply-threshold", "20")}, calls: func() []call {
			var o, q *side
			return []call{
				c(func(r *redis.Client, k K) (any, error) {
					o = busy(oracleAddr(), "EVAL", "while true do end", "0")
					return r.FunctionKill(ctx).Result()
				}, func(p *redpipe.Pipeline, k K) func() (any, error) {
					q = busy(subjectAddr(), "EVAL", "while true do end", "0")
					return fut(p.FunctionKill())
				}),
				c(func(r *redis.Client, k K) (any, error) { return r.ScriptKill(ctx).Result() },
					func(p *redpipe.Pipeline, k K) func() (any, error) { return fut(p.ScriptKill()) }),
				c(func(r *redis.Client, k K) (any, error) { return killedScript(o, oracleAddr()), nil },
					func(p *redpipe.Pipeline, k K) func() (any, error) {
						return func() (any, error) { return killedScript(q, subjectAddr()), nil }
					}),
			}
		}()},
		// Without subscribers every count is 0 and every list empty.
		{name: "Publish", calls: []call{
			c(func(r *redis.Client, k K) (any, error) { return r.Publish(ctx, k("c"), "\x00\xff").Result() },
				func(p *redpipe.Pipeline, k K) func() (any, error) { return fut(p.Publish(k("c"), "\x00\xff")) }),
			c(func(r *redis.Client, k K) (any, error) { return r.SPublish(ctx, k("s"), "").Result() },
				func(p *redpipe.Pipeline, k K) func() (any, error) { return fut(p.SPublish(k("s"), "")) }),
			c(func(r *redis.Client, k K) (any, error) { return r.PubSubChannels(ctx, k("*")).Result() },
				func(p *redpipe.Pipeline, k K) func() (any, error) { return fut(p.PubSubChannels(k("*"))) }),
			c(func(r *redis.Client, k K) (any, error) { return r.PubSubNumSub(ctx).Result() },
				func(p *redpipe.Pipeline, k K) func() (any, error) { return fut(p.PubSubNumSub()) }),
			c(func(r *redis.Client, k K) (any, error) { return r.PubSubShardNumSub(ctx, k("s")).Result() },
				func(p *redpipe.Pipeline, k K) func() (any, error) { return fut(p.PubSubShardNumSub(k("s"))) }),
		}},
		// A side connection on each server subscribes to a channel, a
		// pattern matching it and a shard channel, for the case's calls:
		// opened by the first call's halves (the queue half before Exec);
		// the last call's halves read what it was sent (the queue half's
		// after Exec), so the messages' bytes compare too.
		{name: "PubSubNumSub", calls: func() []call {
			subs := func(k K) [][]string {
				return [][]string{args("SUBSCRIBE", k("chan")), args("PSUBSCRIBE", k("ch*")), args("SSUBSCRIBE", k("shard"))}
			}
			var o, q *side
			// Each Publish to chan reaches the channel and the pattern: 2
			// messages; the SPublish 1; the Publish to shard none.
			const sent = 2*5 + 1
			return []call{
				c(func(r *redis.Client, k K) (any, error) {
					o = subscriber(oracleAddr(), subs(k)...)
					return r.PubSubNumSub(ctx, k("chan"), k("none"), k("shard")).Result()
				}, func(p *redpipe.Pipeline, k K) func() (any, error) {
					q = subscriber(subjectAddr(), subs(k)...)
					return fut(p.PubSubNumSub(k("chan"), k("none"), k("shard")))
				}),
				c(func(r *redis.Client, k K) (any, error) { return r.PubSubChannels(ctx, k("*")).Result() },
					func(p *redpipe.Pipeline, k K) func() (any, error) { return fut(p.PubSubChannels(k("*"))) }),
				c(func(r *redis.Client, k K) (any, error) { return r.PubSubChannels(ctx, k("x*")).Result() },
					func(p *redpipe.Pipeline, k K) func() (any, error) { return fut(p.PubSubChannels(k("x*"))) }),
				c(func(r *redis.Client, k K) (any, error) { return r.PubSubChannels(ctx, "*").Result() },
					func(p *redpipe.Pipeline, k K) func() (any, error) { return fut(p.PubSubChannels("*")) }),
				// "" is a pattern to go-redis (no channel matches it), every
				// channel to redpipe: listed in expected.
				c(func(r *redis.Client, k K) (any, error) { return r.PubSubChannels(ctx, "").Result() },
					func(p *redpipe.Pipeline, k K) func() (any, error) { return fut(p.PubSubChannels("")) }),
				c(func(r *redis.Client, k K) (any, error) { return r.PubSubNumPat(ctx).Result() },
					func(p *redpipe.Pipeline, k K) func() (any, error) { return fut(p.PubSubNumPat()) }),
				c(func(r *redis.Client, k K) (any, error) { return r.PubSubShardChannels(ctx, k("*")).Result() },
					func(p *redpipe.Pipeline, k K) func() (any, error) { return fut(p.PubSubShardChannels(k("*"))) }),
				c(func(r *redis.Client, k K) (any, error) { return r.PubSubShardChannels(ctx, "*").Result() },
					func(p *redpipe.Pipeline, k K) func() (any, error) { return fut(p.PubSubShardChannels("*")) }),
				c(func(r *redis.Client, k K) (any, error) { return r.PubSubShardChannels(ctx, "").Result() },
					func(p *redpipe.Pipeline, k K) func() (any, error) { return fut(p.PubSubShardChannels("")) }),
				c(func(r *redis.Client, k K) (any, error) {
					return r.PubSubShardNumSub(ctx, k("shard"), k("chan")).Result()
				},
					func(p *redpipe.Pipeline, k K) func() (any, error) {
						return fut(p.PubSubShardNumSub(k("shard"), k("chan")))
					}),
				c(func(r *redis.Client, k K) (any, error) { return r.Publish(ctx, k("chan"), "m\r\n").Result() },
					func(p *redpipe.Pipeline, k K) func() (any, error) { return fut(p.Publish(k("chan"), "m\r\n")) }),
				c(func(r *redis.Client, k K) (any, error) { return r.Publish(ctx, k("chan"), true).Result() },
					func(p *redpipe.Pipeline, k K) func() (any, error) { return fut(p.Publish(k("chan"), true)) }),
				c(func(r *redis.Client, k K) (any, error) { return r.Publish(ctx, k("chan"), -1.5).Result() },
					func(p *redpipe.Pipeline, k K) func() (any, error) { return fut(p.Publish(k("chan"), -1.5)) }),
				c(func(r *redis.Client, k K) (any, error) { return r.Publish(ctx, k("chan"), []byte("\x00\xff")).Result() },
					func(p *redpipe.Pipeline, k K) func() (any, error) {
						return fut(p.Publish(k("chan"), []byte("\x00\xff")))
					}),
				c(func(r *redis.Client, k K) (any, error) {
					return r.Publish(ctx, k("chan"), uint64(math.MaxUint64)).Result()
				},
					func(p *redpipe.Pipeline, k K) func() (any, error) {
						return fut(p.Publish(k("chan"), uint64(math.MaxUint64)))
					}),
				c(func(r *redis.Client, k K) (any, error) { return r.Publish(ctx, k("shard"), 7).Result() },
					func(p *redpipe.Pipeline, k K) func() (any, error) { return fut(p.Publish(k("shard"), 7)) }),
				c(func(r *redis.Client, k K) (any, error) { return r.SPublish(ctx, k("shard"), "").Result() },
					func(p *redpipe.Pipeline, k K) func() (any, error) { return fut(p.SPublish(k("shard"), "")) }),
				c(func(r *redis.Client, k K) (any, error) { return messages(o, sent), nil },
					func(p *redpipe.Pipeline, k K) func() (any, error) {
						return func() (any, error) { return messages(q, sent), nil }
					}),
			}
		}()},
	}
})
