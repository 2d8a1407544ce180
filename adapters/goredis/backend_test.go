package goredis_test

import (
	"context"
	"errors"
	"math"
	"strings"
	"testing"

	"github.com/redpipe-go/redpipe/conformance/backendtest"

	"github.com/redis/go-redis/v9"

	"github.com/redpipe-go/redpipe/adapters/goredis"
	"github.com/redpipe-go/redpipe/ports"
)

func bulk(s string) ports.Reply { return ports.BulkReply(s) }

var bulks = backendtest.Bulks

// pick chooses the RESP2 or the RESP3 expectation.
func pick(protocol int, resp2, resp3 ports.Reply) ports.Reply {
	if protocol == 2 {
		return resp2
	}
	return resp3
}

// TestReplyKinds sends commands whose replies cover every type go-redis can
// produce and checks the exact Reply, over RESP2 and RESP3.
func TestReplyKinds(t *testing.T) {
	forProtocols(t, func(t *testing.T, protocol int) {
		ctx := testCtx(t)
		b := goredis.NewBackend(newClient(t, &redis.Options{Addr: sharedAddr(t, ctx, 0), Protocol: protocol}))
		p := prefix(t)
		k, n, l, h, z, s := p+"k", p+"n", p+"l", p+"h", p+"z", p+"s"

		type check struct {
			cmd  ports.Command
			want ports.Reply
		}
		checks := []check{
			{command("SET", k, "v"), bulk("OK")}, // a status: go-redis gives it as a string like a bulk
			{command("GET", k), bulk("v")},
			{command("GET", p+"missing"), ports.NilReply()},
			{command("INCR", n), ports.IntReply(1)},
			{command("INCRBY", n, "-11"), ports.IntReply(-10)},
			{command("RPUSH", l, "a", "b", "c"), ports.IntReply(3)},
			{command("LRANGE", l, "0", "-1"), ports.ArrayReply(bulks("a", "b", "c"))},
			{command("LRANGE", p+"nolist", "0", "-1"), ports.ArrayReply([]ports.Reply{})},
			{command("MGET", k, p+"missing"), ports.ArrayReply([]ports.Reply{bulk("v"), ports.NilReply()})},
			{command("HSET", h, "f1", "v1", "f2", "v2"), ports.IntReply(2)},
			{command("HGETALL", h), pick(protocol,
				ports.ArrayReply(bulks("f1", "v1", "f2", "v2")),
				ports.MapReply(bulks("f1", "v1", "f2", "v2")))},
			{command("HGETALL", p+"nohash"), pick(protocol,
				ports.ArrayReply([]ports.Reply{}),
				ports.MapReply([]ports.Reply{}))},
			{command("CONFIG", "GET", "maxmemory-policy"), pick(protocol,
				ports.ArrayReply(bulks("maxmemory-policy", "noeviction")),
				ports.MapReply(bulks("maxmemory-policy", "noeviction")))},
			{command("ZADD", z, "1.5", "m", "inf", "i", "-inf", "j"), ports.IntReply(3)},
			{command("ZSCORE", z, "m"), pick(protocol, bulk("1.5"), ports.DoubleReply(1.5))},
			{command("ZSCORE", z, "i"), pick(protocol, bulk("inf"), ports.DoubleReply(math.Inf(1)))},
			{command("ZSCORE", z, "j"), pick(protocol, bulk("-inf"), ports.DoubleReply(math.Inf(-1)))},
			{command("ZSCORE", z, "nomember"), ports.NilReply()},
			// An intset: SMEMBERS gives its members sorted. go-redis reads
			// a RESP3 set as an array, so both protocols give KindArray.
			{command("SADD", s, "3", "1", "2"), ports.IntReply(3)},
			{command("SMEMBERS", s), ports.ArrayReply(bulks("1", "2", "3"))},
			// Lua's RESP3 conversions (redis.setresp(3) makes the script's
			// reply RESP3 when the connection is).
			{command("EVAL", "redis.setresp(3); return true", "0"), pick(protocol, ports.IntReply(1), ports.BoolReply(true))},
			{command("EVAL", "redis.setresp(3); return false", "0"), pick(protocol, ports.IntReply(0), ports.BoolReply(false))},
			{command("EVAL", "redis.setresp(3); return {double=3.25}", "0"), pick(protocol, bulk("3.25"), ports.DoubleReply(3.25))},
			{command("EVAL", "return {big_number='1234567890123456789012345678901234567890'}", "0"), pick(protocol,
				bulk("1234567890123456789012345678901234567890"),
				ports.BigNumberReply("1234567890123456789012345678901234567890"))},
			{command("EVAL", "return {map={b='2', a='1', c='3'}}", "0"), pick(protocol,
				ports.NilReply(), // replaced below: a Lua table's order is not defined over RESP2
				ports.MapReply(bulks("a", "1", "b", "2", "c", "3")))}, // sorted by key
			{command("EVAL", "return {set={x=true}}", "0"), ports.ArrayReply(bulks("x"))},
			{command("EVAL", "return {verbatim_string={format='txt', string='hi'}}", "0"), bulk("hi")},
			// Nested aggregates, a nil (Lua false) and an error element.
			{command("EVAL", "return {1, {2, redis.error_reply('WRONGTYPE inner')}, redis.status_reply('FINE'), false, 'x'}", "0"),
				ports.ArrayReply([]ports.Reply{
					ports.IntReply(1),
					ports.ArrayReply([]ports.Reply{ports.IntReply(2), ports.ErrorReply(ports.NewRedisError("WRONGTYPE inner"))}),
					bulk("FINE"),
					ports.NilReply(),
					bulk("x"),
				})},
		}
		cmds := make([]ports.Command, len(checks))
		for i, c := range checks {
			cmds[i] = c.cmd
		}
		out := execAll(ctx, b, cmds...)
		for i, c := range checks {
			if protocol == 2 && strings.Contains(c.cmd.Args[1], "map=") {
				got := out[i].Reply
				if out[i].Err != nil || got.Kind != ports.KindArray || len(got.Elems) != 6 {
					t.Errorf("%v: got %s %v, want an array of 6", c.cmd.Args, got, out[i].Err)
				}
				continue
			}
			wantReply(t, strings.Join(c.cmd.Args, " "), out[i], c.want)
		}
		if e := out[len(out)-1].Reply.Elems[1].Elems[1].Err; e == nil || e.Kind() != ports.ErrWrongType {
			t.Errorf("nested error kind: got %v", e)
		}
	})
}

// TestVerbatimString: INFO is a verbatim string over RESP3 and a bulk over
// RESP2; both arrive as the same bulk, without the "txt:" format prefix.
func TestVerbatimString(t *testing.T) {
	forProtocols(t, func(t *testing.T, protocol int) {
		ctx := testCtx(t)
		b := goredis.NewBackend(newClient(t, &redis.Options{Addr: sharedAddr(t, ctx, 0), Protocol: protocol}))
		out := execAll(ctx, b, command("INFO", "server"))
		if out[0].Err != nil || out[0].Reply.Kind != ports.KindBulk || !strings.HasPrefix(out[0].Reply.Str, "# Server\r\n") {
			t.Errorf("resp%d: INFO server: got %v %s %.30q", protocol, out[0].Err, out[0].Reply.Kind, out[0].Reply.Str)
		}
	})
}

// TestErrorsAndNil: a nil reply is a KindNil Reply with no error; Redis
// errors keep their exact text and class; other commands are unaffected.
func TestErrorsAndNil(t *testing.T) {
	forProtocols(t, func(t *testing.T, protocol int) {
		ctx := testCtx(t)
		b := goredis.NewBackend(newClient(t, &redis.Options{Addr: sharedAddr(t, ctx, 0), Protocol: protocol}))
		p := prefix(t)
		out := execAll(ctx, b,
			command("RPUSH", p+"list", "x"),
			command("GET", p+"list"),
			command("GET", p+"missing"),
			command("INCR", p+"list"),
			command("NOSUCHCMD", "a"),
			command("SET", p+"k", "v", "EX", "notanumber"),
			command("INCR", p+"n"),
		)
		wantReply(t, "RPUSH", out[0], ports.IntReply(1))
		wantRedisError(t, "GET list", out[1], "WRONGTYPE Operation against a key holding the wrong kind of value", ports.ErrWrongType)
		if out[2].Err != nil || out[2].Reply.Kind != ports.KindNil {
			t.Errorf("GET missing: got %v %s, want a nil reply and no error", out[2].Err, out[2].Reply)
		}
		wantRedisError(t, "INCR list", out[3], "WRONGTYPE Operation against a key holding the wrong kind of value", ports.ErrWrongType)
		wantRedisError(t, "NOSUCHCMD", out[4], "ERR unknown command 'NOSUCHCMD', with args beginning with: 'a' ", ports.ErrGeneric)
		wantRedisError(t, "SET EX", out[5], "ERR value is not an integer or out of range", ports.ErrGeneric)
		wantReply(t, "INCR after the errors", out[6], ports.IntReply(1))
	})
}

// TestBinaryValues: keys, values and hash fields with NUL, CR LF, invalid
// UTF-8 and the empty string round-trip bytes-exact.
func TestBinaryValues(t *testing.T) {
	forProtocols(t, func(t *testing.T, protocol int) {
		ctx := testCtx(t)
		addr := sharedAddr(t, ctx, 0)
		b := goredis.NewBackend(newClient(t, &redis.Options{Addr: addr, Protocol: protocol}))
		backendtest.BinaryValues(t, ctx, b, addr, prefix(t), bulk("OK")) // go-redis reads +OK as a string like a bulk
	})
}

// TestNoIO: an empty batch and a cancelled ctx touch nothing, not even the
// dialer.
func TestNoIO(t *testing.T) {
	ctx := testCtx(t)
	w := &wire{}
	b := goredis.NewBackend(newClient(t, &redis.Options{Addr: sharedAddr(t, ctx, 0), Dialer: w.dial}))
	b.Exec(ctx, nil, nil)
	cctx, cancel := context.WithCancel(ctx)
	cancel()
	n := prefix(t) + "n"
	out := execAll(cctx, b, command("INCR", n), command("GET", n))
	for i, r := range out {
		if !errors.Is(r.Err, context.Canceled) {
			t.Errorf("out[%d]: got %v, want context.Canceled", i, r.Err)
		}
	}
	if d := w.dials.Load(); d != 0 {
		t.Errorf("dialed %d times, want 0", d)
	}
}

// TestEmptyCommand: a command without a name fails alone; the others run.
func TestEmptyCommand(t *testing.T) {
	ctx := testCtx(t)
	b := goredis.NewBackend(newClient(t, &redis.Options{Addr: sharedAddr(t, ctx, 0)}))
	n := prefix(t) + "n"
	out := execAll(ctx, b, command("INCR", n), ports.Command{}, command("INCR", n))
	wantReply(t, "INCR", out[0], ports.IntReply(1))
	if out[1].Err == nil {
		t.Errorf("empty command: got reply %s, want an error", out[1].Reply)
	}
	wantReply(t, "INCR", out[2], ports.IntReply(2))
}

// TestClientNotClosed: the backend uses the application's client and leaves
// it open and working.
func TestBackendLeavesClientOpen(t *testing.T) {
	ctx := testCtx(t)
	rdb := newClient(t, &redis.Options{Addr: sharedAddr(t, ctx, 0)})
	b := goredis.NewBackend(rdb)
	if _, ok := b.(interface{ Close() error }); ok {
		t.Error("the backend implements io.Closer; closing the client is the application's job")
	}
	execAll(ctx, b, command("PING"))
	if err := rdb.Ping(ctx).Err(); err != nil {
		t.Errorf("client after use: %v", err)
	}
}

// A nil client is a wiring mistake: it must show on the futures, not panic.
func TestNilClientFailsEveryCommand(t *testing.T) {
	out := execAll(context.Background(), goredis.NewBackend(nil), command("GET", "k"), command("PING"))
	for i, r := range out {
		if r.Err == nil || r.Err.Error() != "goredis adapter: NewBackend was given a nil go-redis client" {
			t.Errorf("command %d: err = %v, want the nil-client error", i, r.Err)
		}
	}
}
