package rueidis_test

import (
	"context"
	"math"
	"strings"
	"testing"
	"time"

	"github.com/redpipe-go/redpipe/conformance/backendtest"

	"github.com/onsi/gomega/gleak"
	"github.com/redis/rueidis"

	rueidisadapter "github.com/redpipe-go/redpipe/adapters/rueidis"
	"github.com/redpipe-go/redpipe/ports"
)

func bulk(s string) ports.Reply { return ports.BulkReply(s) }

var bulks = backendtest.Bulks

// pick chooses the RESP2 or the RESP3 expectation.
func pick(resp2 bool, r2, r3 ports.Reply) ports.Reply {
	if resp2 {
		return r2
	}
	return r3
}

// TestReplyKinds sends commands whose replies cover every RESP type and
// checks the exact Reply, over RESP2 and RESP3.
func TestReplyKinds(t *testing.T) {
	forProtocols(t, func(t *testing.T, resp2 bool) {
		ctx := testCtx(t)
		b := rueidisadapter.NewBackend(newClient(t, resp2, rueidis.ClientOption{}, sharedAddr(t, ctx, 0)))
		p := prefix(t)
		k, n, l, h, z, s := p+"k", p+"n", p+"l", p+"h", p+"z", p+"s"

		type check struct {
			cmd  ports.Command
			want ports.Reply
		}
		checks := []check{
			{command("SET", k, "v"), ports.StatusReply("OK")},
			{command("GET", k), bulk("v")},
			{command("GET", p+"missing"), ports.NilReply()},
			{command("INCR", n), ports.IntReply(1)},
			{command("INCRBY", n, "-11"), ports.IntReply(-10)},
			{command("RPUSH", l, "a", "b", "c"), ports.IntReply(3)},
			{command("LRANGE", l, "0", "-1"), ports.ArrayReply(bulks("a", "b", "c"))},
			{command("LRANGE", p+"nolist", "0", "-1"), ports.ArrayReply([]ports.Reply{})},
			// A nil inside an array, over both protocols.
			{command("MGET", k, p+"missing", k), ports.ArrayReply([]ports.Reply{bulk("v"), ports.NilReply(), bulk("v")})},
			{command("HSET", h, "f2", "v2", "f1", "v1", "f3", "v3"), ports.IntReply(3)},
			// A small hash keeps insertion order, so the map's wire order is known.
			{command("HGETALL", h), pick(resp2,
				ports.ArrayReply(bulks("f2", "v2", "f1", "v1", "f3", "v3")),
				ports.MapReply(bulks("f2", "v2", "f1", "v1", "f3", "v3")))},
			{command("HGETALL", p+"nohash"), pick(resp2,
				ports.ArrayReply([]ports.Reply{}),
				ports.MapReply([]ports.Reply{}))},
			{command("CONFIG", "GET", "maxmemory-policy"), pick(resp2,
				ports.ArrayReply(bulks("maxmemory-policy", "noeviction")),
				ports.MapReply(bulks("maxmemory-policy", "noeviction")))},
			{command("ZADD", z, "1.5", "m", "inf", "i", "-inf", "j"), ports.IntReply(3)},
			{command("ZSCORE", z, "m"), pick(resp2, bulk("1.5"), ports.DoubleReply(1.5))},
			{command("ZSCORE", z, "i"), pick(resp2, bulk("inf"), ports.DoubleReply(math.Inf(1)))},
			{command("ZSCORE", z, "j"), pick(resp2, bulk("-inf"), ports.DoubleReply(math.Inf(-1)))},
			{command("ZSCORE", z, "nomember"), ports.NilReply()},
			// An intset: SMEMBERS gives its members sorted; a RESP3 set stays a set.
			{command("SADD", s, "3", "1", "2"), ports.IntReply(3)},
			{command("SMEMBERS", s), pick(resp2, ports.ArrayReply(bulks("1", "2", "3")), ports.SetReply(bulks("1", "2", "3")))},
			{command("EVAL", "redis.setresp(3); return true", "0"), pick(resp2, ports.IntReply(1), ports.BoolReply(true))},
			{command("EVAL", "redis.setresp(3); return false", "0"), pick(resp2, ports.IntReply(0), ports.BoolReply(false))},
			{command("EVAL", "return {double=3.25}", "0"), pick(resp2, bulk("3.25"), ports.DoubleReply(3.25))},
			{command("EVAL", "return {big_number='1234567890123456789012345678901234567890'}", "0"), pick(resp2,
				bulk("1234567890123456789012345678901234567890"),
				ports.BigNumberReply("1234567890123456789012345678901234567890"))},
			{command("EVAL", "return {set={x=true}}", "0"), pick(resp2, ports.ArrayReply(bulks("x")), ports.SetReply(bulks("x")))},
			{command("EVAL", "return {verbatim_string={format='txt', string='hi'}}", "0"), bulk("hi")},
			{command("EVAL", "return redis.status_reply('FINE')", "0"), ports.StatusReply("FINE")},
			// Nested aggregates, a nil (Lua false), a status and an error element.
			{command("EVAL", "return {1, {2, redis.error_reply('WRONGTYPE inner')}, redis.status_reply('FINE'), false, 'x'}", "0"),
				ports.ArrayReply([]ports.Reply{
					ports.IntReply(1),
					ports.ArrayReply([]ports.Reply{ports.IntReply(2), ports.ErrorReply(ports.NewRedisError("WRONGTYPE inner"))}),
					ports.StatusReply("FINE"),
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
			wantReply(t, strings.Join(c.cmd.Args, " "), out[i], c.want)
		}
		if e := out[len(out)-1].Reply.Elems[1].Elems[1].Err; e == nil || e.Kind() != ports.ErrWrongType {
			t.Errorf("nested error kind: got %v", e)
		}
	})
}

// TestMapWireOrder: a RESP3 map keeps the order of the wire, whatever its
// keys, and maps nested in arrays too.
func TestMapWireOrder(t *testing.T) {
	forProtocols(t, func(t *testing.T, resp2 bool) {
		ctx := testCtx(t)
		b := rueidisadapter.NewBackend(newClient(t, resp2, rueidis.ClientOption{}, sharedAddr(t, ctx, 0)))
		st := prefix(t) + "stream"
		out := execAll(ctx, b,
			command("XADD", st, "1-1", "z", "1", "a", "2"),
			command("XGROUP", "CREATE", st, "g", "0"),
			command("XINFO", "GROUPS", st),
		)
		wantReply(t, "XADD", out[0], bulk("1-1"))
		wantReply(t, "XGROUP CREATE", out[1], ports.StatusReply("OK"))
		group := []ports.Reply{
			bulk("name"), bulk("g"), bulk("consumers"), ports.IntReply(0), bulk("pending"), ports.IntReply(0),
			bulk("last-delivered-id"), bulk("0-0"), bulk("entries-read"), ports.NilReply(), bulk("lag"), ports.IntReply(1),
		}
		wantReply(t, "XINFO GROUPS", out[2], ports.ArrayReply([]ports.Reply{pick(resp2, ports.ArrayReply(group), ports.MapReply(group))}))
	})
}

// TestVerbatimString: INFO is a verbatim string over RESP3 and a bulk over
// RESP2; both arrive as the same bulk, without the "txt:" format prefix.
func TestVerbatimString(t *testing.T) {
	forProtocols(t, func(t *testing.T, resp2 bool) {
		ctx := testCtx(t)
		b := rueidisadapter.NewBackend(newClient(t, resp2, rueidis.ClientOption{}, sharedAddr(t, ctx, 0)))
		out := execAll(ctx, b, command("INFO", "server"))
		if out[0].Err != nil || out[0].Reply.Kind != ports.KindBulk || !strings.HasPrefix(out[0].Reply.Str, "# Server\r\n") {
			t.Errorf("INFO server: got %v %s %.30q", out[0].Err, out[0].Reply.Kind, out[0].Reply.Str)
		}
	})
}

// TestErrorText: Redis errors keep their exact text and class, top-level
// and nested, although rueidis's own errors strip "ERR " (message.go); nil
// replies are not errors; other commands are unaffected.
func TestErrorText(t *testing.T) {
	const (
		wrongType = "WRONGTYPE Operation against a key holding the wrong kind of value"
		notInt    = "ERR value is not an integer or out of range"
	)
	forProtocols(t, func(t *testing.T, resp2 bool) {
		ctx := testCtx(t)
		b := rueidisadapter.NewBackend(newClient(t, resp2, rueidis.ClientOption{}, sharedAddr(t, ctx, 0)))
		p := prefix(t)
		out := execAll(ctx, b,
			command("RPUSH", p+"list", "x"),
			command("GET", p+"list"),
			command("GET", p+"missing"),
			command("INCR", p+"list"),
			command("nosuch"),
			command("NOSUCHCMD", "a", "b"),
			command("SET", p+"k", "v", "EX", "notanumber"),
			command("MULTI"),
			command("SET", p+"s", "abc"),
			command("INCR", p+"s"),
			command("EXEC"),
			command("EVAL", "return redis.error_reply('ERR made up')", "0"),
			command("EVAL", "return redis.error_reply('MYERR no ERR prefix')", "0"),
			command("INCR", p+"n"),
		)
		wantReply(t, "RPUSH", out[0], ports.IntReply(1))
		wantRedisError(t, "GET list", out[1], wrongType, ports.ErrWrongType)
		wantReply(t, "GET missing", out[2], ports.NilReply())
		wantRedisError(t, "INCR list", out[3], wrongType, ports.ErrWrongType)
		wantRedisError(t, "nosuch", out[4], "ERR unknown command 'nosuch', with args beginning with: ", ports.ErrGeneric)
		wantRedisError(t, "NOSUCHCMD", out[5], "ERR unknown command 'NOSUCHCMD', with args beginning with: 'a' 'b' ", ports.ErrGeneric)
		wantRedisError(t, "SET EX", out[6], notInt, ports.ErrGeneric)
		wantReply(t, "MULTI", out[7], ports.StatusReply("OK"))
		wantReply(t, "SET queued", out[8], ports.StatusReply("QUEUED"))
		wantReply(t, "INCR queued", out[9], ports.StatusReply("QUEUED"))
		wantReply(t, "EXEC", out[10], ports.ArrayReply([]ports.Reply{
			ports.StatusReply("OK"),
			ports.ErrorReply(ports.NewRedisError(notInt)),
		}))
		wantRedisError(t, "error_reply ERR", out[11], "ERR made up", ports.ErrGeneric)
		wantRedisError(t, "error_reply MYERR", out[12], "MYERR no ERR prefix", ports.ErrGeneric)
		wantReply(t, "INCR after the errors", out[13], ports.IntReply(1))
	})
}

// TestBinaryValues: keys, values and hash fields with NUL, CR LF, invalid
// UTF-8 and the empty string round-trip bytes-exact.
func TestBinaryValues(t *testing.T) {
	forProtocols(t, func(t *testing.T, resp2 bool) {
		ctx := testCtx(t)
		addr := sharedAddr(t, ctx, 0)
		b := rueidisadapter.NewBackend(newClient(t, resp2, rueidis.ClientOption{}, addr))
		backendtest.BinaryValues(t, ctx, b, addr, prefix(t), ports.StatusReply("OK"))
	})
}

// TestRefusedCommands: what rueidis cannot send (its builder would panic)
// fails alone with a clear error, is never sent, and the others run.
func TestRefusedCommands(t *testing.T) {
	ctx := testCtx(t)
	addr := sharedAddr(t, ctx, 0)
	b := rueidisadapter.NewBackend(newClient(t, false, rueidis.ClientOption{}, addr))
	n := prefix(t) + "n"
	out := execAll(ctx, b,
		command("INCR", n),
		ports.Command{},
		ports.Command{Args: []string{"", n}, Keys: []int{1}},
		command("SUBSCRIBE", "ch"),
		command("punsubscribe"),
		ports.Command{Args: []string{"INCR", n}, Keys: []int{2}},
		command("INCR", n),
	)
	wantReply(t, "INCR", out[0], ports.IntReply(1))
	for i, want := range map[int]string{
		1: "rueidis adapter: empty command",
		2: "rueidis adapter: a command without a name cannot be sent through rueidis",
		3: "rueidis adapter: (un)subscribe commands cannot be pipelined; use rueidis's Receive",
		4: "rueidis adapter: (un)subscribe commands cannot be pipelined; use rueidis's Receive",
		5: "rueidis adapter: key position outside the command's arguments",
	} {
		if out[i].Err == nil || out[i].Err.Error() != want {
			t.Errorf("command %d: got %v %s, want the error %q", i, out[i].Err, out[i].Reply, want)
		}
	}
	wantReply(t, "INCR", out[6], ports.IntReply(2))
	if got := raw(t, ctx, addr, "GET", n); got != "2" {
		t.Errorf("counter is %v, want 2", got)
	}
}

// TestNoIO: an empty batch and a cancelled ctx send nothing.
func TestNoIO(t *testing.T) {
	ctx := testCtx(t)
	addr := sharedAddr(t, ctx, 0)
	b := rueidisadapter.NewBackend(newClient(t, false, rueidis.ClientOption{}, addr))
	b.Exec(ctx, nil, nil)
	cctx, cancel := context.WithCancel(ctx)
	cancel()
	n := prefix(t) + "n"
	out := execAll(cctx, b, command("INCR", n), command("GET", n))
	for i, r := range out {
		if r.Err != context.Canceled {
			t.Errorf("out[%d]: got %v, want context.Canceled", i, r.Err)
		}
	}
	if got := raw(t, ctx, addr, "GET", n); got != nil {
		t.Errorf("counter is %v, want no key", got)
	}
}

// TestBackendLeavesClientOpen: the backend uses the application's client
// and leaves it open and working.
func TestBackendLeavesClientOpen(t *testing.T) {
	ctx := testCtx(t)
	c := newClient(t, false, rueidis.ClientOption{}, sharedAddr(t, ctx, 0))
	b := rueidisadapter.NewBackend(c)
	if _, ok := b.(interface{ Close() error }); ok {
		t.Error("the backend implements io.Closer; closing the client is the application's job")
	}
	execAll(ctx, b, command("PING"))
	if err := c.Do(ctx, c.B().Ping().Build()).Error(); err != nil {
		t.Errorf("client after use: %v", err)
	}
}

// TestCloseEndsConnectionGoroutines: the goroutines the harnesses ignore
// (rueidis's per-connection read and write loops) are the client's, and
// end with Client.Close.
func TestCloseEndsConnectionGoroutines(t *testing.T) {
	ctx := testCtx(t)
	addr := sharedAddr(t, ctx, 0)
	cl := sharedCluster(t, ctx)
	before := gleak.Goroutines()
	for _, addrs := range [][]string{{addr}, cl.Addrs()} {
		c, err := rueidis.NewClient(rueidis.ClientOption{InitAddress: addrs})
		if err != nil {
			t.Fatal(err)
		}
		b := rueidisadapter.NewBackend(c)
		// A ctx without a deadline makes rueidis start a connection's loops.
		nctx, cancel := context.WithCancel(context.Background())
		execAll(nctx, b, command("SET", prefix(t)+"k", "v"), command("PING"))
		p := pin(t, nctx, b)
		execAll(nctx, p, command("GET", prefix(t)+"k"))
		p.Release()
		cancel()
		loops, err := gleak.HaveLeaked(before).Match(gleak.Goroutines())
		if err != nil || !loops {
			t.Fatalf("%v: no connection loop running before Close (%v)", addrs, err)
		}
		c.Close()
	}
	waitGoroutinesExcept(t, before, 5*time.Second)
}

// A nil client is a wiring mistake: it must show on the futures, not panic.
func TestNilClientFailsEveryCommand(t *testing.T) {
	b := rueidisadapter.NewBackend(nil)
	out := execAll(context.Background(), b, command("GET", "k"), command("PING"))
	const want = "rueidis adapter: NewBackend was given a nil rueidis client"
	for i, r := range out {
		if r.Err == nil || r.Err.Error() != want {
			t.Errorf("command %d: err = %v, want the nil-client error", i, r.Err)
		}
	}
	if _, err := b.(ports.Pinner).Pin(context.Background()); err == nil || err.Error() != want {
		t.Errorf("Pin: err = %v, want the nil-client error", err)
	}
}
