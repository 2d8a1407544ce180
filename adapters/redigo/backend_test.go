package redigo_test

import (
	"context"
	"errors"
	"io"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/redpipe-go/redpipe/conformance/backendtest"

	"github.com/gomodule/redigo/redis"
	"github.com/onsi/gomega/gleak"

	"github.com/redpipe-go/redpipe/adapters/redigo"
	"github.com/redpipe-go/redpipe/conformance/redistest"
	"github.com/redpipe-go/redpipe/ports"
)

const (
	textWrongType  = "WRONGTYPE Operation against a key holding the wrong kind of value"
	textNotInteger = "ERR value is not an integer or out of range"
)

func bulk(s string) ports.Reply { return ports.BulkReply(s) }

var bulks = backendtest.Bulks

// TestReplyKinds covers every RESP2 type redigo produces, nested ones
// included, and checks the exact Reply.
func TestReplyKinds(t *testing.T) {
	ctx := testCtx(t)
	b := redigo.NewBackend(newPool(t, sharedAddr(t, ctx)))
	p := prefix(t)
	k, e, n, l, h, z, tx := p+"k", p+"e", p+"n", p+"l", p+"h", p+"z", p+"tx"
	checks := []struct {
		cmd  ports.Command
		want ports.Reply
	}{
		{command("SET", k, "v"), ports.StatusReply("OK")},
		{command("GET", k), bulk("v")},
		{command("SET", e, ""), ports.StatusReply("OK")},
		{command("GET", e), bulk("")}, // an empty string, not a nil
		{command("GET", p+"missing"), ports.NilReply()},
		{command("PING"), ports.StatusReply("PONG")},
		{command("INCR", n), ports.IntReply(1)},
		{command("INCRBY", n, "-11"), ports.IntReply(-10)},
		{command("RPUSH", l, "a", "b", "c"), ports.IntReply(3)},
		{command("LRANGE", l, "0", "-1"), ports.ArrayReply(bulks("a", "b", "c"))},
		{command("LRANGE", p+"nolist", "0", "-1"), ports.ArrayReply([]ports.Reply{})},
		{command("MGET", k, p+"missing"), ports.ArrayReply([]ports.Reply{bulk("v"), ports.NilReply()})},
		// A blocking pop that times out is RESP2's nil array, "*-1".
		{command("BLPOP", p+"nolist", "0.01"), ports.NilReply()},
		{command("HSET", h, "f1", "v1"), ports.IntReply(1)},
		{command("HGETALL", h), ports.ArrayReply(bulks("f1", "v1"))}, // flat: lifting is the root's job
		{command("ZADD", z, "1.5", "m"), ports.IntReply(1)},
		{command("ZSCORE", z, "m"), bulk("1.5")},
		{command("EVAL", "return {1, {2, redis.error_reply('WRONGTYPE inner')}, redis.status_reply('FINE'), false, 'x'}", "0"),
			ports.ArrayReply([]ports.Reply{
				ports.IntReply(1),
				ports.ArrayReply([]ports.Reply{ports.IntReply(2), ports.ErrorReply(ports.NewRedisError("WRONGTYPE inner"))}),
				ports.StatusReply("FINE"),
				ports.NilReply(), // Lua false is a nil bulk
				bulk("x"),
			})},
		// Errors of queued commands come back inside EXEC's array.
		{command("MULTI"), ports.StatusReply("OK")},
		{command("SET", tx, "1"), ports.StatusReply("QUEUED")},
		{command("INCR", k), ports.StatusReply("QUEUED")},
		{command("LPUSH", tx, "x"), ports.StatusReply("QUEUED")},
		{command("EXEC"), ports.ArrayReply([]ports.Reply{
			ports.StatusReply("OK"),
			ports.ErrorReply(ports.NewRedisError(textNotInteger)),
			ports.ErrorReply(ports.NewRedisError(textWrongType)),
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
	exec := out[len(out)-1].Reply
	if len(exec.Elems) == 3 && (exec.Elems[1].Err.Kind() != ports.ErrGeneric || exec.Elems[2].Err.Kind() != ports.ErrWrongType) {
		t.Errorf("EXEC element error kinds: %d %d", exec.Elems[1].Err.Kind(), exec.Elems[2].Err.Kind())
	}
}

// TestRedisErrors: a top-level error reply is a *ports.RedisError with
// Redis's exact text and class; the other commands are unaffected.
func TestRedisErrors(t *testing.T) {
	ctx := testCtx(t)
	b := redigo.NewBackend(newPool(t, sharedAddr(t, ctx)))
	p := prefix(t)
	out := execAll(ctx, b,
		command("RPUSH", p+"list", "x"),
		command("GET", p+"list"),
		command("NOSUCHCMD", "a"),
		command("SET", p+"k", "v", "EX", "notanumber"),
		command("INCR", p+"n"),
	)
	wantReply(t, "RPUSH", out[0], ports.IntReply(1))
	wantRedisError(t, "GET list", out[1], textWrongType, ports.ErrWrongType)
	wantRedisError(t, "NOSUCHCMD", out[2], "ERR unknown command 'NOSUCHCMD', with args beginning with: 'a' ", ports.ErrGeneric)
	wantRedisError(t, "SET EX", out[3], textNotInteger, ports.ErrGeneric)
	wantReply(t, "INCR after the errors", out[4], ports.IntReply(1))
}

// TestBinaryValues: NUL, CR LF, invalid UTF-8 and RESP look-alikes
// round-trip bytes-exact as keys and values.
func TestBinaryValues(t *testing.T) {
	ctx := testCtx(t)
	addr := sharedAddr(t, ctx)
	backendtest.BinaryValues(t, ctx, redigo.NewBackend(newPool(t, addr)), addr, prefix(t), ports.StatusReply("OK"))
}

// TestBrokenBatchDiscardsConnection: the server drops the connection in the
// middle of a batch. Replies read before stay delivered, the rest are
// transport errors that may have run, and the connection never returns to
// the pool.
func TestBrokenBatchDiscardsConnection(t *testing.T) {
	ctx := testCtx(t)
	addr := sharedAddr(t, ctx)
	pool := newPool(t, addr)
	b := redigo.NewBackend(pool)
	p := prefix(t)
	id := clientID(t, ctx, b)
	wantStats(t, "after CLIENT ID", pool, 1, 1)

	// CLIENT KILL of its own connection: Redis answers, then closes the
	// connection without running what follows.
	out := execAll(ctx, b,
		command("INCR", p+"a"),
		command("CLIENT", "KILL", "ID", itoa(id), "SKIPME", "no"),
		command("INCR", p+"b"),
		command("GET", p+"a"),
	)
	wantReply(t, "INCR a", out[0], ports.IntReply(1))
	wantReply(t, "CLIENT KILL", out[1], ports.IntReply(1))
	for i, what := range []string{"INCR b", "GET a"} {
		if cause := wantTransport(t, what, out[2+i], true); cause != io.EOF {
			t.Errorf("%s: cause %v, want io.EOF", what, cause)
		}
	}
	wantStats(t, "after the broken batch", pool, 0, 0)
	if got := clientID(t, ctx, b); got == id {
		t.Errorf("the next batch ran on the killed connection %d", id)
	}
	if got := raw(t, ctx, addr, "GET", p+"b"); got != nil {
		t.Errorf("b = %v: Redis ran a command after the kill", got)
	}
}

// TestWriteFailures: a write that fails partway through Send fails the
// batch; commands handed whole to redigo before it may have been written,
// the one being sent and those after it were not. A failed Flush may have
// written everything.
func TestWriteFailures(t *testing.T) {
	ctx := testCtx(t)
	addr := sharedAddr(t, ctx)
	f := &faulty{}
	pool := newPool(t, addr, f.option())
	b := redigo.NewBackend(pool)
	clientID(t, ctx, b) // dial first: the fault is in a pipeline's write
	p := prefix(t)

	t.Run("Send", func(t *testing.T) {
		f.armed.Store(true)
		// redigo buffers 4096 bytes; the big value overflows the buffer,
		// so its Send writes (and fails) before the batch's Flush.
		big := strings.Repeat("v", 8192)
		out := execAll(ctx, b, command("SET", p+"s1", "x"), command("SET", p+"s2", big), command("SET", p+"s3", "y"))
		for i, maybe := range []bool{true, false, false} {
			if cause := wantTransport(t, "SET", out[i], maybe); cause != errInjected {
				t.Errorf("out[%d]: cause %v, want %v", i, cause, errInjected)
			}
		}
		wantStats(t, "after the failed Send", pool, 0, 0)
		for _, k := range []string{"s1", "s2", "s3"} {
			if got := raw(t, ctx, addr, "EXISTS", p+k); got != int64(0) {
				t.Errorf("%s exists (%v): nothing reached the server", k, got)
			}
		}
	})
	t.Run("Flush", func(t *testing.T) {
		clientID(t, ctx, b)
		f.armed.Store(true)
		out := execAll(ctx, b, command("SET", p+"f1", "x"), command("SET", p+"f2", "y"))
		for i := range out {
			if cause := wantTransport(t, "SET", out[i], true); cause != errInjected {
				t.Errorf("out[%d]: cause %v, want %v", i, cause, errInjected)
			}
		}
		wantStats(t, "after the failed Flush", pool, 0, 0)
	})
}

// TestDeadlineOnFrozenServer: a server that never answers holds Exec no
// longer than ctx, every command gets ctx's error, no goroutine is left and
// the connection, with its replies unread, is discarded.
func TestDeadlineOnFrozenServer(t *testing.T) {
	ctx := testCtx(t)
	var pool *redis.Pool
	var b ports.Backend
	var id int64
	srv := frozenServer(t, ctx, func(addr string) {
		pool = newPool(t, addr)
		b = redigo.NewBackend(pool)
		id = clientID(t, ctx, b)
	})
	p := prefix(t)
	before := gleak.Goroutines()

	cases := []struct {
		name string
		ctx  func() (context.Context, context.CancelFunc)
		want error
		cmds []ports.Command
	}{
		{"deadline while reading", func() (context.Context, context.CancelFunc) {
			return context.WithTimeout(ctx, 200*time.Millisecond)
		}, context.DeadlineExceeded, []ports.Command{command("INCR", p+"a"), command("GET", p+"a")}},
		{"cancel while reading", func() (context.Context, context.CancelFunc) {
			c, cancel := context.WithCancel(ctx)
			time.AfterFunc(200*time.Millisecond, cancel)
			return c, cancel
		}, context.Canceled, []ports.Command{command("INCR", p+"a")}},
		// 32 MB is more than the kernel buffers: Send blocks writing.
		{"deadline while writing", func() (context.Context, context.CancelFunc) {
			return context.WithTimeout(ctx, 200*time.Millisecond)
		}, context.DeadlineExceeded, bigSets(p, 16, 2<<20)},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			if c.name != cases[0].name {
				// A discarded connection is redialed: the frozen kernel
				// still accepts it into the listen backlog.
				wantStats(t, "before", pool, 0, 0)
			}
			cctx, cancel := c.ctx()
			defer cancel()
			start := time.Now()
			out := execAll(cctx, b, c.cmds...)
			if elapsed := time.Since(start); elapsed < 190*time.Millisecond || elapsed > 700*time.Millisecond {
				t.Errorf("Exec returned after %v, want 200 ms (the clock starts after the ctx; 500 ms of slack for a loaded machine)", elapsed)
			}
			if c.name == "deadline while writing" {
				// The commands handed whole to the socket may have been
				// written; from the one whose bytes stalled on, none was.
				n := 0
				for n < len(out) && errors.As(out[n].Err, new(*ports.TransportError)) {
					n++
				}
				if n == 0 || n == len(out) {
					t.Errorf("%d of %d commands reported maybe written, want the ones before the write stalled", n, len(out))
				}
				backendtest.WantContextEnded(t, c.name, out[:n], c.want, true)
				backendtest.WantContextEnded(t, c.name, out[n:], c.want, false)
			} else {
				backendtest.WantContextEnded(t, c.name, out, c.want, true) // the frozen kernel took the bytes
			}
			wantStats(t, "after", pool, 0, 0)
		})
	}
	noLeak(t, before)
	if err := srv.Thaw(); err != nil {
		t.Fatal(err)
	}
	if got := clientID(t, ctx, b); got == id {
		t.Errorf("the batch after the thaw ran on the abandoned connection %d", id)
	}
}

// TestDeadlineMidBatch: when ctx ends partway through a batch, the replies
// already read stay delivered, only the unanswered commands get ctx's
// error, and the connection is discarded.
func TestDeadlineMidBatch(t *testing.T) {
	ctx := testCtx(t)
	pool := newPool(t, sharedAddr(t, ctx))
	b := redigo.NewBackend(pool)
	p := prefix(t)
	id := clientID(t, ctx, b)
	dctx, cancel := context.WithTimeout(ctx, 200*time.Millisecond)
	defer cancel()
	start := time.Now()
	out := execAll(dctx, b, command("INCR", p+"n"), command("BLPOP", p+"nolist", "5"), command("INCR", p+"n"))
	if elapsed := time.Since(start); elapsed < 190*time.Millisecond || elapsed > 700*time.Millisecond {
		t.Errorf("Exec returned after %v, want 200 ms", elapsed)
	}
	wantReply(t, "INCR before the blocking command", out[0], ports.IntReply(1))
	backendtest.WantContextEnded(t, "after the blocking command", out[1:], context.DeadlineExceeded, true)
	wantStats(t, "after", pool, 0, 0)
	if got := clientID(t, ctx, b); got == id {
		t.Errorf("the next batch ran on the abandoned connection %d", id)
	}
}

func bigSets(p string, n, size int) []ports.Command {
	v := strings.Repeat("x", size)
	cmds := make([]ports.Command, n)
	for i := range cmds {
		cmds[i] = command("SET", p+"big"+itoa(int64(i)), v)
	}
	return cmds
}

// TestPinned: every Exec on a Pinned runs on one connection, which the
// backend's own Execs do not get until Release gives it back.
func TestPinned(t *testing.T) {
	ctx := testCtx(t)
	addr := sharedAddr(t, ctx)
	pool := newPool(t, addr)
	b := redigo.NewBackend(pool)
	p := prefix(t)

	pin, err := b.(ports.Pinner).Pin(ctx)
	if err != nil {
		t.Fatal(err)
	}
	id := clientID(t, ctx, pin)
	if other := clientID(t, ctx, b); other == id {
		t.Errorf("the backend ran on the pinned connection %d", id)
	}
	// WATCH state lives on the connection: a write from elsewhere between
	// the Execs aborts the transaction (EXEC's nil array, "*-1").
	wantReply(t, "WATCH", execAll(ctx, pin, command("WATCH", p+"w"))[0], ports.StatusReply("OK"))
	raw(t, ctx, addr, "SET", p+"w", "elsewhere")
	out := execAll(ctx, pin, command("MULTI"), command("SET", p+"w", "mine"), command("EXEC"), command("CLIENT", "ID"))
	wantReply(t, "MULTI", out[0], ports.StatusReply("OK"))
	wantReply(t, "SET", out[1], ports.StatusReply("QUEUED"))
	wantReply(t, "EXEC", out[2], ports.NilReply())
	wantReply(t, "CLIENT ID", out[3], ports.IntReply(id))
	if got := raw(t, ctx, addr, "GET", p+"w"); got != "elsewhere" {
		t.Errorf("w = %v after the aborted transaction", got)
	}
	wantStats(t, "while pinned", pool, 2, 1)

	pin.Release()
	wantStats(t, "after Release", pool, 2, 2)
	out = execAll(ctx, pin, command("PING"), command("GET", p+"w"))
	for i, r := range out {
		if r.Err == nil || r.Err.Error() != "redigo adapter: Exec on a pinned connection after its Release" {
			t.Errorf("out[%d] after Release: %v %s", i, r.Err, r.Reply)
		}
	}
	pin.Release() // a second Release is harmless
	wantStats(t, "after a second Release", pool, 2, 2)
}

// TestPinnedBroken: a pinned connection that failed is not used again, and
// Release discards it instead of pooling it.
func TestPinnedBroken(t *testing.T) {
	ctx := testCtx(t)
	pool := newPool(t, sharedAddr(t, ctx))
	b := redigo.NewBackend(pool)
	pin, err := b.(ports.Pinner).Pin(ctx)
	if err != nil {
		t.Fatal(err)
	}
	id := clientID(t, ctx, pin)
	out := execAll(ctx, pin, command("PING"), command("CLIENT", "KILL", "ID", itoa(id), "SKIPME", "no"), command("PING"))
	wantReply(t, "PING", out[0], ports.StatusReply("PONG"))
	wantReply(t, "CLIENT KILL", out[1], ports.IntReply(1))
	wantTransport(t, "PING after the kill", out[2], true)

	out = execAll(ctx, pin, command("PING"))
	const broken = "redigo adapter: the pinned connection failed in an earlier Exec and may hold unread replies; it is no longer used (release it and pin another)"
	if out[0].Err == nil || out[0].Err.Error() != broken {
		t.Errorf("Exec on the broken pinned connection: %v %s", out[0].Err, out[0].Reply)
	}
	pin.Release()
	wantStats(t, "after Release", pool, 0, 0)
	if got := clientID(t, ctx, b); got == id {
		t.Errorf("the backend reused the broken connection %d", id)
	}
}

// TestPinnedAbandoned: a pinned Exec abandoned at its deadline leaves
// replies unread; Release must discard the connection.
func TestPinnedAbandoned(t *testing.T) {
	ctx := testCtx(t)
	var pool *redis.Pool
	var pin ports.Pinned
	frozenServer(t, ctx, func(addr string) {
		pool = newPool(t, addr)
		var err error
		if pin, err = redigo.NewBackend(pool).(ports.Pinner).Pin(ctx); err != nil {
			t.Fatal(err)
		}
		clientID(t, ctx, pin)
	})
	dctx, cancel := context.WithTimeout(ctx, 100*time.Millisecond)
	defer cancel()
	start := time.Now()
	out := execAll(dctx, pin, command("PING"))
	if elapsed := time.Since(start); elapsed > 600*time.Millisecond {
		t.Errorf("pinned Exec returned after %v, want 100 ms", elapsed)
	}
	backendtest.WantContextEnded(t, "pinned Exec", out, context.DeadlineExceeded, true)
	wantStats(t, "before Release", pool, 1, 0)
	pin.Release()
	wantStats(t, "after Release", pool, 0, 0)
}

// TestPoolExhausted: with the pool's only connection pinned, a second Pin
// and a plain Exec wait for it no longer than ctx; without Wait the pool's
// refusal is a transport error that sent nothing.
func TestPoolExhausted(t *testing.T) {
	ctx := testCtx(t)
	addr := sharedAddr(t, ctx)
	pool := newPool(t, addr)
	pool.MaxActive, pool.Wait = 1, true
	b := redigo.NewBackend(pool)
	pin, err := b.(ports.Pinner).Pin(ctx)
	if err != nil {
		t.Fatal(err)
	}
	id := clientID(t, ctx, pin)

	within := func(what string, fn func(ctx context.Context)) {
		dctx, cancel := context.WithTimeout(ctx, 200*time.Millisecond)
		defer cancel()
		start := time.Now()
		fn(dctx)
		if elapsed := time.Since(start); elapsed < 190*time.Millisecond || elapsed > 700*time.Millisecond {
			t.Errorf("%s returned after %v, want 200 ms", what, elapsed)
		}
	}
	within("Pin", func(ctx context.Context) {
		if second, err := b.(ports.Pinner).Pin(ctx); err != context.DeadlineExceeded || second != nil {
			t.Errorf("second Pin: %v, %v; want context.DeadlineExceeded", second, err)
		}
	})
	within("Exec", func(ctx context.Context) {
		wantErrs(t, "Exec", execAll(ctx, b, command("PING"), command("PING")), context.DeadlineExceeded)
	})
	pin.Release()
	if got := clientID(t, ctx, b); got != id {
		t.Errorf("after Release the backend ran on connection %d, want the released %d", got, id)
	}

	// A pool's Wait cannot change once used (Pool.put would hand back a
	// token the pool never took): a pool of its own.
	noWait := newPool(t, addr)
	noWait.MaxActive = 1
	nb := redigo.NewBackend(noWait)
	pin, err = nb.(ports.Pinner).Pin(ctx)
	if err != nil {
		t.Fatal(err)
	}
	defer pin.Release()
	out := execAll(ctx, nb, command("PING"))
	if cause := wantTransport(t, "Exec on an exhausted pool", out[0], false); !errors.Is(cause, redis.ErrPoolExhausted) {
		t.Errorf("cause %v, want redis.ErrPoolExhausted", cause)
	}
}

// TestDialRefused: a server that is down fails every command with a
// transport error that sent nothing.
func TestDialRefused(t *testing.T) {
	ctx := testCtx(t)
	addr, err := redistest.DeadAddr()
	if err != nil {
		t.Fatal(err)
	}
	b := redigo.NewBackend(newPool(t, addr))
	out := execAll(ctx, b, command("INCR", "n"), command("GET", "n"))
	for i := range out {
		wantTransport(t, "command to a dead server", out[i], false)
	}
	if _, err := b.(ports.Pinner).Pin(ctx); err == nil {
		t.Error("Pin to a dead server succeeded")
	}
}

// TestNoIO: an empty batch, a cancelled ctx and a batch of empty commands
// touch nothing, not even the dialer.
func TestNoIO(t *testing.T) {
	ctx := testCtx(t)
	f := &faulty{}
	b := redigo.NewBackend(newPool(t, sharedAddr(t, ctx), f.option()))
	b.Exec(ctx, nil, nil)
	cctx, cancel := context.WithCancel(ctx)
	cancel()
	wantErrs(t, "cancelled ctx", execAll(cctx, b, command("INCR", "n"), command("GET", "n")), context.Canceled)
	if _, err := b.(ports.Pinner).Pin(cctx); err != context.Canceled {
		t.Errorf("Pin with a cancelled ctx: %v, want context.Canceled", err)
	}
	out := execAll(ctx, b, ports.Command{}, ports.Command{Args: []string{}})
	for i, r := range out {
		if r.Err == nil || r.Err.Error() != "redigo adapter: empty command (no name); it was not sent" {
			t.Errorf("empty command %d: %v %s", i, r.Err, r.Reply)
		}
	}
	if d := f.dials.Load(); d != 0 {
		t.Errorf("dialed %d times, want 0", d)
	}
}

// TestEmptyCommand: a command without a name fails alone; the others run
// in order around it, without a deadline on ctx.
func TestEmptyCommand(t *testing.T) {
	ctx := testCtx(t)
	b := redigo.NewBackend(newPool(t, sharedAddr(t, ctx)))
	n := prefix(t) + "n"
	out := execAll(context.Background(), b, command("INCR", n), ports.Command{}, command("INCR", n))
	wantReply(t, "INCR", out[0], ports.IntReply(1))
	if out[1].Err == nil || out[1].Err.Error() != "redigo adapter: empty command (no name); it was not sent" {
		t.Errorf("empty command: %v %s", out[1].Err, out[1].Reply)
	}
	wantReply(t, "INCR", out[2], ports.IntReply(2))
}

// A nil pool is a wiring mistake: it must show on the futures, not panic.
func TestNilPool(t *testing.T) {
	b := redigo.NewBackend(nil)
	const text = "redigo adapter: NewBackend was given a nil *redis.Pool"
	for i, r := range execAll(context.Background(), b, command("GET", "k"), command("PING")) {
		if r.Err == nil || r.Err.Error() != text {
			t.Errorf("out[%d] = %v %s, want %q", i, r.Err, r.Reply, text)
		}
	}
	if pin, err := b.(ports.Pinner).Pin(context.Background()); err == nil || err.Error() != text || pin != nil {
		t.Errorf("Pin = %v, %v; want %q", pin, err, text)
	}
}

// TestBackendLeavesPoolOpen: the backend uses the application's pool and
// leaves it open and working.
func TestBackendLeavesPoolOpen(t *testing.T) {
	ctx := testCtx(t)
	pool := newPool(t, sharedAddr(t, ctx))
	b := redigo.NewBackend(pool)
	if _, ok := b.(io.Closer); ok {
		t.Error("the backend implements io.Closer; closing the pool is the application's job")
	}
	execAll(ctx, b, command("PING"))
	c := pool.Get()
	defer c.Close()
	if v, err := redis.String(c.Do("PING")); err != nil || v != "PONG" {
		t.Errorf("pool after use: %q %v", v, err)
	}
}

// TestConcurrentExec: many goroutines share one backend; every INCR runs
// exactly once and each batch keeps its order.
func TestConcurrentExec(t *testing.T) {
	ctx := testCtx(t)
	addr := sharedAddr(t, ctx)
	b := redigo.NewBackend(newPool(t, addr))
	n := prefix(t) + "n"
	const workers, rounds = 16, 25
	var wg sync.WaitGroup
	for range workers {
		wg.Go(func() {
			for range rounds {
				dctx, cancel := context.WithTimeout(ctx, 10*time.Second)
				out := execAll(dctx, b, command("INCR", n), command("INCR", n))
				cancel()
				if out[0].Err != nil || out[1].Err != nil || out[1].Reply.Int <= out[0].Reply.Int {
					t.Errorf("batch: %v %s, %v %s", out[0].Err, out[0].Reply, out[1].Err, out[1].Reply)
				}
			}
		})
	}
	wg.Wait()
	if got := raw(t, ctx, addr, "GET", n); got != itoa(2*workers*rounds) {
		t.Errorf("n = %v, want %d", got, 2*workers*rounds)
	}
}
