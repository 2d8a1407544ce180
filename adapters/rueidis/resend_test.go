package rueidis_test

import (
	"context"
	"testing"
	"time"

	"github.com/redis/rueidis"

	rueidisadapter "github.com/redpipe-go/redpipe/adapters/rueidis"
	"github.com/redpipe-go/redpipe/conformance/redistest"
	"github.com/redpipe-go/redpipe/ports"
)

// proxied returns a backend whose client reaches the shared server through
// a proxy adding delay each way, warmed so that its connection is up.
func proxied(t *testing.T, ctx context.Context, delay time.Duration) (ports.Backend, *redistest.Proxy, string) {
	t.Helper()
	addr := sharedAddr(t, ctx, 0)
	proxy, err := redistest.NewProxy(addr, delay)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = proxy.Close() })
	b := rueidisadapter.NewBackend(newClient(t, false, rueidis.ClientOption{ForceSingleClient: true}, proxy.Addr))
	wantReply(t, "warming PING", execAll(ctx, b, command("PING"))[0], ports.StatusReply("PONG"))
	return b, proxy, addr
}

// TestWriteNotResentAfterBrokenConnection: the connection breaks after the
// server ran a batch's INCR and before its reply came back. rueidis resends
// a batch by itself only when every command in it is read-only
// (client.go singleClient.DoMulti, allRetryable), so the INCR runs once and
// its outcome is reported unknown.
func TestWriteNotResentAfterBrokenConnection(t *testing.T) {
	ctx := testCtx(t)
	b, proxy, addr := proxied(t, ctx, 100*time.Millisecond)
	n := prefix(t) + "n"

	var out []ports.Result
	done := make(chan struct{})
	go func() {
		defer close(done)
		out = execAll(ctx, b, command("INCR", n), command("GET", n))
	}()
	// The server has run the INCR: its reply is in the proxy's delay.
	waitFor(t, 5*time.Second, "the INCR reaching the server", func() bool {
		v, _ := redistest.Do(ctx, addr, "GET", n)
		return v == "1"
	})
	proxy.CloseConns()
	<-done

	for i, r := range out {
		wantTransport(t, []string{"INCR", "GET"}[i], r, true)
	}
	time.Sleep(200 * time.Millisecond) // room for a resend, were there one
	if got := raw(t, ctx, addr, "GET", n); got != "1" {
		t.Errorf("counter is %v after the broken batch, want 1: the INCR ran twice", got)
	}
	wantReply(t, "the next Exec", execAll(ctx, b, command("INCR", n))[0], ports.IntReply(2))
}

// TestReadOnlyBatchResent documents the resend rueidis does do: a batch of
// read-only commands only, broken after the server ran it, is sent again
// and answered.
func TestReadOnlyBatchResent(t *testing.T) {
	ctx := testCtx(t)
	b, proxy, addr := proxied(t, ctx, 100*time.Millisecond)
	k := prefix(t) + "k"
	raw(t, ctx, addr, "SET", k, "abc")
	before := cmdCalls(t, ctx, addr, "strlen")

	var out []ports.Result
	done := make(chan struct{})
	go func() {
		defer close(done)
		out = execAll(ctx, b, command("STRLEN", k), command("GET", k))
	}()
	waitFor(t, 5*time.Second, "the STRLEN reaching the server", func() bool {
		return cmdCalls(t, ctx, addr, "strlen") == before+1
	})
	proxy.CloseConns()
	<-done

	wantReply(t, "STRLEN", out[0], ports.IntReply(3))
	wantReply(t, "GET", out[1], bulk("abc"))
	if got := cmdCalls(t, ctx, addr, "strlen") - before; got != 2 {
		t.Errorf("the server ran STRLEN %d times, want 2 (sent, broken, resent)", got)
	}
}

// TestKilledBlockingBatch: the connection of a batch is killed while it
// waits in BLPOP. The reply read before the kill is delivered, the commands
// after it are transport errors whose outcome is unknown, and no write is
// sent again. On a cluster client rueidis resends the read-only GET alone
// (cluster.go doresultfn: only IsRetryable commands); on a standalone one
// it resends nothing of a batch that writes.
func TestKilledBlockingBatch(t *testing.T) {
	for _, topology := range []string{"standalone", "cluster"} {
		t.Run(topology, func(t *testing.T) {
			ctx := testCtx(t)
			p := prefix(t)
			n, empty := p+"n", p+"empty"
			var c rueidis.Client
			var addr string
			if topology == "cluster" {
				cl := sharedCluster(t, ctx)
				c = newClient(t, false, rueidis.ClientOption{}, cl.Addrs()...)
				addr = ownerOf(t, ctx, cl, n)
			} else {
				addr = sharedAddr(t, ctx, 0)
				c = newClient(t, false, rueidis.ClientOption{}, addr)
			}
			b := rueidisadapter.NewBackend(c)

			killed := make(chan error, 1)
			go func() {
				_, err := killBlocked(ctx, addr)
				killed <- err
			}()
			// Without a deadline rueidis reads replies as they come
			// (pipe.go DoMulti queues the batch), so the INCR before the kill
			// keeps its reply.
			nctx, cancel := context.WithCancel(context.Background())
			defer cancel()
			out := execAll(nctx, b,
				command("INCR", n), command("BLPOP", empty, "10"), command("INCR", n), command("GET", n))
			if err := <-killed; err != nil {
				t.Fatal(err)
			}
			wantReply(t, "INCR before the kill", out[0], ports.IntReply(1))
			wantTransport(t, "BLPOP", out[1], true)
			wantTransport(t, "INCR after the kill", out[2], true)
			if topology == "cluster" {
				wantReply(t, "GET resent alone", out[3], bulk("1"))
			} else {
				wantTransport(t, "GET", out[3], true)
			}
			time.Sleep(100 * time.Millisecond)
			if got := raw(t, ctx, addr, "GET", n); got != "1" {
				t.Errorf("counter is %v, want 1", got)
			}
		})
	}
}
