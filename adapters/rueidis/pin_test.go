package rueidis_test

import (
	"context"
	"errors"
	"fmt"
	"testing"
	"time"

	"github.com/onsi/gomega/gleak"
	"github.com/redis/rueidis"

	rueidisadapter "github.com/redpipe-go/redpipe/adapters/rueidis"
	"github.com/redpipe-go/redpipe/ports"
)

func pin(t *testing.T, ctx context.Context, b ports.Backend) ports.Pinned {
	t.Helper()
	p, err := b.(ports.Pinner).Pin(ctx)
	if err != nil {
		t.Fatalf("Pin: %v", err)
	}
	if !ports.HonoursContext(p) {
		t.Fatal("HonoursContext = false for a rueidis pinned connection")
	}
	t.Cleanup(p.Release)
	return p
}

// clientID runs CLIENT ID on b.
func clientID(t *testing.T, ctx context.Context, b ports.Backend) int64 {
	t.Helper()
	r := execAll(ctx, b, command("CLIENT", "ID"))[0]
	if r.Err != nil || r.Reply.Kind != ports.KindInt {
		t.Fatalf("CLIENT ID: %v %s", r.Err, r.Reply)
	}
	return r.Reply.Int
}

// TestPinnedConnection: every Exec of a Pinned uses one connection, another
// Pin another one, and after Release every command fails without being sent.
func TestPinnedConnection(t *testing.T) {
	forProtocols(t, func(t *testing.T, resp2 bool) {
		ctx := testCtx(t)
		addr := sharedAddr(t, ctx, 0)
		b := rueidisadapter.NewBackend(newClient(t, resp2, rueidis.ClientOption{}, addr))
		p1, p2 := pin(t, ctx, b), pin(t, ctx, b)
		id1 := clientID(t, ctx, p1)
		if again := clientID(t, ctx, p1); again != id1 {
			t.Errorf("second Exec on the Pinned: CLIENT ID %d, want %d", again, id1)
		}
		if other := clientID(t, ctx, p2); other == id1 {
			t.Errorf("another Pinned has the same CLIENT ID %d", other)
		}
		if shared := clientID(t, ctx, b); shared == id1 {
			t.Errorf("the backend's own Exec used the pinned connection %d", shared)
		}

		n := prefix(t) + "n"
		p1.Release()
		out := execAll(ctx, p1, command("INCR", n), command("PING"))
		for i, r := range out {
			if r.Err == nil || r.Err.Error() != "rueidis adapter: Exec on a pinned connection after Release" {
				t.Errorf("command %d after Release: got %v %s", i, r.Err, r.Reply)
			}
		}
		p1.Release() // twice is harmless
		if got := raw(t, ctx, addr, "GET", n); got != nil {
			t.Errorf("the INCR after Release was sent: counter %v", got)
		}
	})
}

// TestPinWaitsNoLongerThanCtx: with the blocking pool of one connection
// pinned, another Pin returns ctx's error by the deadline. The connection it
// was waiting for is given back once it gets it, so no goroutine is left and
// the next Pin reuses the connection.
func TestPinWaitsNoLongerThanCtx(t *testing.T) {
	ctx := testCtx(t)
	b := rueidisadapter.NewBackend(newClient(t, false, rueidis.ClientOption{BlockingPoolSize: 1}, sharedAddr(t, ctx, 0)))
	before := gleak.Goroutines()
	p1, err := b.(ports.Pinner).Pin(ctx)
	if err != nil {
		t.Fatal(err)
	}
	id1 := clientID(t, ctx, p1)

	short, cancel := context.WithTimeout(ctx, 200*time.Millisecond)
	defer cancel()
	start := time.Now()
	p2, err := b.(ports.Pinner).Pin(short)
	if took := time.Since(start); !errors.Is(err, context.DeadlineExceeded) || took > 700*time.Millisecond {
		t.Fatalf("second Pin: got %v, %v after %v; want context.DeadlineExceeded by the deadline", p2, err, took)
	}
	// The backend's own batches share rueidis's pipelined connection, not the pool.
	short2, cancel2 := context.WithTimeout(ctx, 200*time.Millisecond)
	defer cancel2()
	wantReply(t, "Exec beside the held pool", execAll(short2, b, command("PING"))[0], ports.StatusReply("PONG"))

	p1.Release()
	waitGoroutines(t, before, 5*time.Second)
	p3 := pin(t, ctx, b)
	if id := clientID(t, ctx, p3); id != id1 {
		t.Errorf("the next Pin has CLIENT ID %d, want the pool's one connection %d", id, id1)
	}
}

// TestPinnedConnectionKilled: a pinned connection killed by the server
// fails its next Exec instead of reconnecting (its WATCH/MULTI state would
// be gone), and is closed rather than reused.
func TestPinnedConnectionKilled(t *testing.T) {
	ctx := testCtx(t)
	addr := sharedAddr(t, ctx, 0)
	b := rueidisadapter.NewBackend(newClient(t, false, rueidis.ClientOption{BlockingPoolSize: 1}, addr))
	n := prefix(t) + "n"
	p := pin(t, ctx, b)
	id := clientID(t, ctx, p)
	raw(t, ctx, addr, "CLIENT", "KILL", "ID", fmt.Sprint(id))
	r := execAll(ctx, p, command("INCR", n))[0]
	if _, ok := r.Err.(*ports.TransportError); !ok {
		t.Errorf("INCR on the killed pinned connection: got %v %s, want a *ports.TransportError", r.Err, r.Reply)
	}
	p.Release()
	if got := raw(t, ctx, addr, "GET", n); got != nil {
		t.Errorf("counter is %v, want no key", got)
	}
	if fresh := clientID(t, ctx, pin(t, ctx, b)); fresh == id {
		t.Errorf("the killed connection %d was given out again", id)
	}
}

// TestPinnedAbandonedExecClosesConnection: an Exec abandoned at ctx's end
// leaves a reply unread on the pinned connection; Release closes it rather
// than giving it to the pool's next user.
func TestPinnedAbandonedExecClosesConnection(t *testing.T) {
	ctx := testCtx(t)
	addr := sharedAddr(t, ctx, 0)
	b := rueidisadapter.NewBackend(newClient(t, false, rueidis.ClientOption{BlockingPoolSize: 1}, addr))
	p := pin(t, ctx, b)
	id := clientID(t, ctx, p)
	short, cancel := context.WithTimeout(ctx, 100*time.Millisecond)
	defer cancel()
	r := execAll(short, p, command("BLPOP", prefix(t)+"empty", "2"))[0]
	if !errors.Is(r.Err, context.DeadlineExceeded) {
		t.Errorf("BLPOP past the deadline: got %v %s", r.Err, r.Reply)
	}
	p.Release()
	if fresh := clientID(t, ctx, pin(t, ctx, b)); fresh == id {
		t.Errorf("the connection %d with a reply unread was given out again", id)
	}
}

// TestPinnedCluster: a pinned cluster connection goes to the master of the
// first key of its first Exec; a key of another node gets Redis's MOVED; a
// first Exec without a key is refused and binds nothing.
func TestPinnedCluster(t *testing.T) {
	ctx := testCtx(t)
	cl := sharedCluster(t, ctx)
	b := rueidisadapter.NewBackend(newClient(t, false, rueidis.ClientOption{}, cl.Addrs()...))
	masters, err := cl.Masters(ctx)
	if err != nil {
		t.Fatal(err)
	}
	p := untagged(t)
	k, other := keyOn(t, ctx, cl, p, masters[1]), keyOn(t, ctx, cl, p, masters[2])

	pinned := pin(t, ctx, b)
	out := execAll(ctx, pinned, command("PING"))
	if out[0].Err == nil || out[0].Err.Error() != "rueidis adapter: a pinned cluster connection picks its node by the first key of its first Exec, and this batch has no key" {
		t.Errorf("keyless first Exec: got %v %s", out[0].Err, out[0].Reply)
	}
	myID := func(addr string) string {
		id, _ := raw(t, ctx, addr, "CLUSTER", "MYID").(string)
		return id
	}
	out = execAll(ctx, pinned, command("CLUSTER", "MYID"), command("SET", k, "v"), command("CLUSTER", "MYID"))
	wantReply(t, "CLUSTER MYID before the key", out[0], bulk(myID(masters[1])))
	wantReply(t, "SET", out[1], ports.StatusReply("OK"))
	wantReply(t, "CLUSTER MYID", out[2], bulk(myID(masters[1])))
	slot, _ := raw(t, ctx, masters[2], "CLUSTER", "KEYSLOT", other).(int64)
	out = execAll(ctx, pinned, command("GET", other), command("GET", k))
	wantRedisError(t, "GET on another node", out[0], fmt.Sprintf("MOVED %d %s", slot, masters[2]), ports.ErrMoved)
	wantReply(t, "GET on the pinned node", out[1], bulk("v"))
}
