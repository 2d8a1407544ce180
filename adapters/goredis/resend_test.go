package goredis_test

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net"
	"strconv"
	"syscall"
	"testing"
	"time"

	"github.com/redis/go-redis/v9"

	"github.com/redpipe-go/redpipe/adapters/goredis"
	"github.com/redpipe-go/redpipe/conformance/redistest"
	"github.com/redpipe-go/redpipe/domain"
	"github.com/redpipe-go/redpipe/ports"
)

// The replies of INCR k (fresh), INCR k, GET other ("abc"): ":1\r\n"
// ":2\r\n" "$3\r\nabc\r\n", the same bytes in RESP2 and RESP3.
const (
	incrIncrGetReplyLen = 4 + 4 + 9
	firstReplyLen       = 4
)

// TestBreakAfterWrite is the test the issue asks for: the connection breaks
// after the pipeline was written and run, with only the first reply read.
// go-redis resends the whole pipeline by itself (the control proves it on
// the same setup: the counter ends at 4); through the backend nothing is
// sent twice, the reply that arrived keeps its value, and the commands whose
// replies were lost are reported as maybe written.
func TestBreakAfterWrite(t *testing.T) {
	forProtocols(t, func(t *testing.T, protocol int) {
		ctx := testCtx(t)
		addr := sharedAddr(t, ctx, 0)

		t.Run("control: go-redis alone sends the pipeline twice", func(t *testing.T) {
			rdb, w, k, other := armBreakAfterFirstReply(t, ctx, addr, protocol)
			pipe := rdb.Pipeline()
			a, b, g := pipe.Incr(ctx, k), pipe.Incr(ctx, k), pipe.Get(ctx, other)
			if _, err := pipe.Exec(ctx); err != nil {
				t.Fatalf("go-redis pipeline: %v", err)
			}
			if got := raw(t, ctx, addr, "GET", k); got != "4" {
				t.Errorf("server counter = %v, want 4 (go-redis resent the whole pipeline)", got)
			}
			if a.Val() != 3 || b.Val() != 4 || g.Val() != "abc" || w.writes.Load() != 2 {
				t.Errorf("go-redis results %d %d %q after %d writes, want 3 4 abc after 2", a.Val(), b.Val(), g.Val(), w.writes.Load())
			}
		})

		t.Run("backend: nothing is sent twice", func(t *testing.T) {
			rdb, w, k, other := armBreakAfterFirstReply(t, ctx, addr, protocol)
			out := execAll(ctx, goredis.NewBackend(rdb), command("INCR", k), command("INCR", k), command("GET", other))

			if got := raw(t, ctx, addr, "GET", k); got != "2" {
				t.Errorf("server counter = %v, want 2: each INCR ran exactly once", got)
			}
			if n := w.writes.Load(); n != 1 {
				t.Errorf("the pipeline was written %d times, want 1", n)
			}
			wantReply(t, "INCR read before the break", out[0], ports.IntReply(1))
			for i := 1; i < 3; i++ {
				if cause := wantTransport(t, fmt.Sprintf("out[%d], reply lost", i), out[i], true); cause != nil && !errors.Is(cause, io.EOF) {
					t.Errorf("out[%d]: cause %v, want the connection's io.EOF", i, cause)
				}
			}
			// The client is still usable, on a new connection.
			if v, err := rdb.Get(ctx, k).Result(); v != "2" || err != nil {
				t.Errorf("client after the break: %q, %v", v, err)
			}
		})
	})
}

// armBreakAfterFirstReply arranges the break of TestBreakAfterWrite, the same
// for the control and the backend: a client whose connection delivers the
// first reply of the next INCR k, INCR k, GET other pipeline and then EOF.
func armBreakAfterFirstReply(t *testing.T, ctx context.Context, addr string, protocol int) (rdb *redis.Client, w *wire, k, other string) {
	t.Helper()
	p := prefix(t)
	k, other = p+"k", p+"other"
	raw(t, ctx, addr, "SET", other, "abc")
	w = &wire{trigger: []byte(k), passBytes: firstReplyLen, waitBytes: incrIncrGetReplyLen}
	rdb = newClient(t, &redis.Options{Addr: addr, Protocol: protocol, Dialer: w.dial})
	if err := rdb.Ping(ctx).Err(); err != nil {
		t.Fatal(err)
	}
	w.armed.Store(true)
	return rdb, w, k, other
}

// TestBreakAfterWriteReadOnlyIsRetried: a batch of read-only commands may be
// sent again, so the guard lets go-redis's own retry through.
func TestBreakAfterWriteReadOnlyIsRetried(t *testing.T) {
	ctx := testCtx(t)
	addr := sharedAddr(t, ctx, 0)
	p := prefix(t)
	a, b := p+"a", p+"b"
	raw(t, ctx, addr, "MSET", a, "x", b, "y")
	w := &wire{trigger: []byte(a), passBytes: 0, waitBytes: 14}
	rdb := newClient(t, &redis.Options{Addr: addr, Dialer: w.dial})
	if err := rdb.Ping(ctx).Err(); err != nil {
		t.Fatal(err)
	}
	w.armed.Store(true)
	out := execAll(ctx, goredis.NewBackend(rdb), command("GET", a), command("GET", b))
	wantReply(t, "GET a", out[0], bulk("x"))
	wantReply(t, "GET b", out[1], bulk("y"))
	if n := w.writes.Load(); n != 2 {
		t.Errorf("written %d times, want 2 (sent, broken, resent)", n)
	}
}

// TestDialRetryIsAllowed: a dial that fails before anything was written is
// retried by go-redis, and the guard does not stand in the way.
func TestDialRetryIsAllowed(t *testing.T) {
	ctx := testCtx(t)
	addr := sharedAddr(t, ctx, 0)
	k := prefix(t) + "k"
	w := &wire{trigger: []byte(k)}
	w.failDials.Store(1)
	rdb := newClient(t, &redis.Options{Addr: addr, Dialer: w.dial})
	out := execAll(ctx, goredis.NewBackend(rdb), command("INCR", k), command("GET", k))
	wantReply(t, "INCR", out[0], ports.IntReply(1))
	wantReply(t, "GET", out[1], bulk("1"))
	if d, n := w.dials.Load(), w.writes.Load(); d < 2 || n != 1 {
		t.Errorf("%d dials and %d writes, want >= 2 dials (the first refused) and 1 write", d, n)
	}
}

// TestDeadAddress: nothing listens, nothing was written: every command is a
// transport error with MaybeWritten false.
func TestDeadAddress(t *testing.T) {
	ctx := testCtx(t)
	addr, err := redistest.DeadAddr()
	if err != nil {
		t.Fatal(err)
	}
	rdb := newClient(t, &redis.Options{Addr: addr})
	start := time.Now()
	out := execAll(ctx, goredis.NewBackend(rdb), command("INCR", "k"), command("GET", "k"), command("SET", "k", "v"))
	t.Logf("go-redis gave up on the dead address after %v", time.Since(start).Round(time.Millisecond))
	for i := range out {
		if cause := wantTransport(t, fmt.Sprintf("out[%d]", i), out[i], false); cause != nil && !errors.Is(cause, syscall.ECONNREFUSED) {
			t.Errorf("out[%d]: cause %v, want ECONNREFUSED", i, cause)
		}
	}
}

// TestSilentServerDeadline: a server that never answers, with go-redis's
// default options (ContextTimeoutEnabled false: go-redis itself ignores
// ctx's deadline and waits for its own timeouts): Exec still returns at
// ctx's deadline with ctx's error, and the goroutine it leaves to go-redis
// ends with go-redis's own timeout.
func TestSilentServerDeadline(t *testing.T) {
	ctx := testCtx(t)
	addr, closeSilent, err := redistest.NewSilentServer()
	if err != nil {
		t.Fatal(err)
	}
	defer closeSilent()
	rdb := newClient(t, &redis.Options{Addr: addr})
	b := goredis.NewBackend(rdb)
	before := goroutines()

	const deadline = 200 * time.Millisecond
	dctx, cancel := context.WithTimeout(ctx, deadline)
	defer cancel()
	start := time.Now()
	out := execAll(dctx, b, command("INCR", "k"), command("GET", "k"))
	elapsed := time.Since(start)
	if elapsed > deadline+100*time.Millisecond {
		t.Errorf("Exec returned after %v, want within %v", elapsed, deadline+100*time.Millisecond)
	}
	for i, r := range out {
		if !errors.Is(r.Err, context.DeadlineExceeded) {
			t.Errorf("out[%d]: %v, want context.DeadlineExceeded", i, r.Err)
		}
	}
	// The pipeline goroutine waits for go-redis, stuck in the new
	// connection's handshake (HELLO) on the silent server until go-redis's
	// own timeouts give up (about 5 s with the defaults: DialTimeout bounds
	// the handshake).
	gone := waitGoroutines(t, before, 10*time.Second)
	t.Logf("Exec returned after %v; the abandoned go-redis call ended %v after the start", elapsed.Round(time.Millisecond), gone.Sub(start).Round(100*time.Millisecond))
}

// TestReadOnlyReplicaWholeBatch: a standalone client pointed at a replica
// (as after a failover). READONLY is a refusal, so go-redis may resend a
// batch of such commands; but with a command in the batch that is neither
// refused nor read-only, the whole resend is refused before a byte of it
// is written, and each command keeps its real outcome.
func TestReadOnlyReplicaWholeBatch(t *testing.T) {
	ctx := testCtx(t)
	master := sharedAddr(t, ctx, 1)
	_, port, _ := splitHostPort(master)
	replica, err := redistest.StartServer(ctx, redistest.WithArgs("--replicaof", "127.0.0.1", port))
	if err != nil {
		t.Fatal(err)
	}
	defer replica.Stop()
	const readonly = "READONLY You can't write against a read only replica."

	t.Run("refused with a command that ran", func(t *testing.T) {
		k := prefix(t) + "k"
		w := &wire{trigger: []byte(k)}
		b := goredis.NewBackend(newClient(t, &redis.Options{Addr: replica.Addr, Dialer: w.dial}))
		echo := ports.Command{Args: []string{"ECHO", k}} // not marked read-only
		out := execAll(ctx, b, command("SET", k, "v"), echo)
		wantRedisError(t, "SET on a replica", out[0], readonly, ports.ErrReadOnly)
		wantReply(t, "ECHO", out[1], bulk(k))
		if n := w.writes.Load(); n != 1 {
			t.Errorf("written %d times, want 1", n)
		}
	})
	t.Run("resent while every command is refused or read-only", func(t *testing.T) {
		k := prefix(t) + "k"
		w := &wire{trigger: []byte(k)}
		b := goredis.NewBackend(newClient(t, &redis.Options{Addr: replica.Addr, Dialer: w.dial, MaxRetries: 2}))
		out := execAll(ctx, b, command("SET", k, "v"), command("GET", k))
		wantRedisError(t, "SET on a replica", out[0], readonly, ports.ErrReadOnly)
		wantReply(t, "GET", out[1], ports.NilReply())
		if n := w.writes.Load(); n != 3 {
			t.Errorf("written %d times, want 3 (MaxRetries 2: go-redis's retries are let through)", n)
		}
	})
}

// TestBreakAfterWriteCluster: the same break after the write, through a
// ClusterClient, which resends a node's whole batch after a read error.
func TestBreakAfterWriteCluster(t *testing.T) {
	ctx := testCtx(t)
	cl, err := redistest.SharedCluster(ctx)
	if err != nil {
		t.Fatal(err)
	}
	run := func(t *testing.T, viaBackend bool) (counter string, writes int32, out []ports.Result) {
		p := prefix(t) // one hash tag: one slot, one node
		k, other := p+"k", p+"other"
		w := &wire{trigger: []byte(k), passBytes: firstReplyLen, waitBytes: incrIncrGetReplyLen}
		rdb := redis.NewClusterClient(&redis.ClusterOptions{Addrs: cl.Addrs(), Protocol: 3, Dialer: w.dial})
		t.Cleanup(func() { _ = rdb.Close() })
		if err := rdb.Set(ctx, other, "abc", 0).Err(); err != nil { // also warms the node's connection
			t.Fatal(err)
		}
		w.armed.Store(true)
		if viaBackend {
			out = execAll(ctx, goredis.NewBackend(rdb), command("INCR", k), command("INCR", k), command("GET", other))
		} else {
			pipe := rdb.Pipeline()
			pipe.Incr(ctx, k)
			pipe.Incr(ctx, k)
			pipe.Get(ctx, other)
			_, _ = pipe.Exec(ctx)
		}
		writes = w.writes.Load() // before the GET below, which names k too
		v, err := rdb.Get(ctx, k).Result()
		if err != nil {
			t.Fatal(err)
		}
		return v, writes, out
	}

	t.Run("control: go-redis alone sends the node batch twice", func(t *testing.T) {
		if v, writes, _ := run(t, false); v != "4" || writes != 2 {
			t.Errorf("counter %s after %d writes, want 4 after 2", v, writes)
		}
	})
	t.Run("backend: nothing is sent twice", func(t *testing.T) {
		v, writes, out := run(t, true)
		if v != "2" || writes != 1 {
			t.Errorf("counter %s after %d writes, want 2 after 1", v, writes)
		}
		wantReply(t, "INCR read before the break", out[0], ports.IntReply(1))
		for i := 1; i < 3; i++ {
			if cause := wantTransport(t, fmt.Sprintf("out[%d], reply lost", i), out[i], true); cause != nil && !errors.Is(cause, io.EOF) {
				t.Errorf("out[%d]: cause %v, want io.EOF", i, cause)
			}
		}
	})
}

// TestMovedIsFollowedCluster: a MOVED reply is a refusal, so go-redis's
// redirection goes through the guard. The EVAL is routed by a wrong key
// position on purpose, so the first node it reaches answers MOVED.
func TestMovedIsFollowedCluster(t *testing.T) {
	ctx := testCtx(t)
	cl, err := redistest.SharedCluster(ctx)
	if err != nil {
		t.Fatal(err)
	}
	w := &wire{}
	rdb := redis.NewClusterClient(&redis.ClusterOptions{Addrs: cl.Addrs(), Dialer: w.dial})
	defer rdb.Close()
	shards, err := rdb.ClusterShards(ctx).Result()
	if err != nil {
		t.Fatal(err)
	}
	owner := func(key string) string {
		s := int64(domain.Slot(key))
		for _, sh := range shards {
			for _, r := range sh.Slots {
				if s < r.Start || s > r.End {
					continue
				}
				for _, n := range sh.Nodes {
					if n.Role == "master" {
						return net.JoinHostPort(n.IP, strconv.FormatInt(n.Port, 10))
					}
				}
			}
		}
		t.Fatalf("no node owns slot %d", s)
		return ""
	}
	var key string
	for i := 0; key == ""; i++ {
		if c := prefix(t) + strconv.Itoa(i); owner(c) != owner("1") {
			key = c
		}
	}
	w.trigger = []byte(key)
	eval := ports.Command{Args: []string{"EVAL", "return redis.call('INCR', KEYS[1])", "1", key}, Keys: []int{2}}
	out := execAll(ctx, goredis.NewBackend(rdb), eval)
	wantReply(t, "EVAL INCR", out[0], ports.IntReply(1))
	if addrs := w.triggerAddrs(); len(addrs) != 2 || addrs[0] != owner("1") || addrs[1] != owner(key) {
		t.Errorf("sent to %v, want [%s %s] (the wrong node, then the one MOVED names)", addrs, owner("1"), owner(key))
	}
	if v, err := rdb.Get(ctx, key).Result(); v != "1" || err != nil {
		t.Errorf("counter %q, %v; want 1", v, err)
	}
}
