package difftest

import (
	"sort"

	"github.com/redis/go-redis/v9"

	"github.com/redpipe-go/redpipe"
)

// structure is a norm for replies whose values are the server's own
// (connection ids, addresses, idle times): only the set of field names and
// the length of slices compare.
func structure(v any) any {
	switch x := v.(type) {
	case map[string]any:
		names := make([]string, 0, len(x))
		for k := range x {
			names = append(names, k)
		}
		sort.Strings(names)
		return names
	case []any:
		out := make([]any, len(x))
		for i, e := range x {
			out[i] = structure(e)
		}
		return out
	}
	return "value"
}

// dropIdle is a norm that removes the fields that are milliseconds since
// something: the two servers are called a few milliseconds apart.
func dropIdle(v any) any {
	switch x := v.(type) {
	case map[string]any:
		out := map[string]any{}
		for k, e := range x {
			if k != "Idle" && k != "Inactive" {
				out[k] = dropIdle(e)
			}
		}
		return out
	case []any:
		out := make([]any, len(x))
		for i, e := range x {
			out[i] = dropIdle(e)
		}
		return out
	}
	return v
}

// Scripting, functions and server introspection: Eval's reply is
// any-shaped (RESP3 maps, doubles, booleans from Lua); FUNCTION LIST and
// XINFO CONSUMERS are nested structures; CLIENT INFO is the server's own
// description of a connection and compares structurally only.
var _ = family(func() []tcase {
	lib := "#!lua name=dtlib\nredis.register_function('dtecho', function(keys, args) return {keys[1], args[1], 42} end)\n" +
		"redis.register_function{function_name='dtro', callback=function(keys, args) return redis.call('GET', keys[1]) end, flags={'no-writes'}}"
	return []tcase{
		{name: "Eval", calls: []call{
			c(func(r *redis.Client, k K) (any, error) {
				return r.Eval(ctx, "return {KEYS[1], ARGV[1], 3, {err='ignored'} == nil}", []string{k("a")}, "\x00\xff").Result()
			}, func(p *redpipe.Pipeline, k K) func() (any, error) {
				return fut(p.Eval("return {KEYS[1], ARGV[1], 3, {err='ignored'} == nil}", []string{k("a")}, "\x00\xff"))
			}),
			c(func(r *redis.Client, k K) (any, error) {
				return r.Eval(ctx, "redis.setresp(3); return {map={a=1}, double=1.5}", nil).Result()
			}, func(p *redpipe.Pipeline, k K) func() (any, error) {
				return fut(p.Eval("redis.setresp(3); return {map={a=1}, double=1.5}", nil))
			}),
			c(func(r *redis.Client, k K) (any, error) {
				return r.Eval(ctx, "redis.setresp(3); return {double=-2.5}", nil).Result()
			}, func(p *redpipe.Pipeline, k K) func() (any, error) {
				return fut(p.Eval("redis.setresp(3); return {double=-2.5}", nil))
			}),
			c(func(r *redis.Client, k K) (any, error) {
				return r.Eval(ctx, "return redis.error_reply('MY bad')", nil).Result()
			},
				func(p *redpipe.Pipeline, k K) func() (any, error) {
					return fut(p.Eval("return redis.error_reply('MY bad')", nil))
				}),
			c(func(r *redis.Client, k K) (any, error) { return r.Eval(ctx, "return nil", nil).Result() },
				func(p *redpipe.Pipeline, k K) func() (any, error) { return fut(p.Eval("return nil", nil)) }),
		}},
		{name: "FunctionList", arrange: [][]string{args("FUNCTION", "LOAD", "REPLACE", lib), args("SET", "@a", "v")}, calls: []call{
			{oracle: func(r *redis.Client, k K) (any, error) {
				return r.FunctionList(ctx, redis.FunctionListQuery{LibraryNamePattern: "dtlib", WithCode: true}).Result()
			}, queue: func(p *redpipe.Pipeline, k K) func() (any, error) {
				return fut(p.FunctionList(redpipe.FunctionListQuery{LibraryNamePattern: "dtlib", WithCode: true}))
			}, norm: sortFunctions},
			c(func(r *redis.Client, k K) (any, error) { return r.FCall(ctx, "dtecho", []string{k("a")}, "").Result() },
				func(p *redpipe.Pipeline, k K) func() (any, error) {
					return fut(p.FCall("dtecho", []string{k("a")}, ""))
				}),
			c(func(r *redis.Client, k K) (any, error) { return r.FCallRO(ctx, "dtro", []string{k("a")}).Result() },
				func(p *redpipe.Pipeline, k K) func() (any, error) { return fut(p.FCallRO("dtro", []string{k("a")})) }),
		}},
		{name: "XInfoConsumers", arrange: [][]string{
			args("XADD", "@s", "1-0", "f", "v"), args("XGROUP", "CREATE", "@s", "g", "0"),
			args("XREADGROUP", "GROUP", "g", "c1", "STREAMS", "@s", ">"), args("XGROUP", "CREATECONSUMER", "@s", "g", "c2"),
		}, calls: []call{
			{oracle: func(r *redis.Client, k K) (any, error) { return r.XInfoConsumers(ctx, k("s"), "g").Result() },
				queue: func(p *redpipe.Pipeline, k K) func() (any, error) { return fut(p.XInfoConsumers(k("s"), "g")) }, norm: dropIdle},
		}},
		{name: "ClientInfo", calls: []call{
			{oracle: func(r *redis.Client, k K) (any, error) { return r.ClientInfo(ctx).Result() },
				queue: func(p *redpipe.Pipeline, k K) func() (any, error) { return fut(p.ClientInfo()) }, norm: structure},
		}},
		{name: "ConfigGet", calls: []call{
			c(func(r *redis.Client, k K) (any, error) { return r.ConfigGet(ctx, "maxmemory*").Result() },
				func(p *redpipe.Pipeline, k K) func() (any, error) { return fut(p.ConfigGet("maxmemory*")) }),
		}},
		{name: "ObjectEncoding", arrange: [][]string{args("SET", "@a", "12345"), args("RPUSH", "@l", "x")}, calls: []call{
			c(func(r *redis.Client, k K) (any, error) { return r.ObjectEncoding(ctx, k("a")).Result() },
				func(p *redpipe.Pipeline, k K) func() (any, error) { return fut(p.ObjectEncoding(k("a"))) }),
			c(func(r *redis.Client, k K) (any, error) { return r.ObjectEncoding(ctx, k("l")).Result() },
				func(p *redpipe.Pipeline, k K) func() (any, error) { return fut(p.ObjectEncoding(k("l"))) }),
		}},
		{name: "Type", arrange: [][]string{args("XADD", "@s", "1-0", "f", "v")}, calls: []call{
			c(func(r *redis.Client, k K) (any, error) { return r.Type(ctx, k("s")).Result() },
				func(p *redpipe.Pipeline, k K) func() (any, error) { return fut(p.Type(k("s"))) }),
			c(func(r *redis.Client, k K) (any, error) { return r.Type(ctx, k("none")).Result() },
				func(p *redpipe.Pipeline, k K) func() (any, error) { return fut(p.Type(k("none"))) }),
		}},
	}
})

// sortFunctions is a norm for FUNCTION LIST: a library's functions come in
// the order of the server's dict, whose hash seed differs per process, so
// the oracle's and the subject's orders differ for no fault of either.
func sortFunctions(v any) any {
	libs, ok := v.([]any)
	if !ok {
		return v
	}
	for _, l := range libs {
		if m, ok := l.(map[string]any); ok {
			m["Functions"] = sorted(m["Functions"])
		}
	}
	return libs
}
