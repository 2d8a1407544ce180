package rueidis_test

import (
	"context"
	"errors"
	"testing"
	"time"

	"github.com/onsi/gomega/gleak"
	"github.com/redis/rueidis"

	rueidisadapter "github.com/redpipe-go/redpipe/adapters/rueidis"
	"github.com/redpipe-go/redpipe/conformance/backendtest"
	"github.com/redpipe-go/redpipe/conformance/redistest"
	"github.com/redpipe-go/redpipe/ports"
)

// TestFrozenServer: a server that stops answering (SIGSTOP) holds Exec no
// longer than ctx, whether ctx ends by its deadline or by a cancel; every
// command then has ctx's error, nothing is sent twice, and no goroutine is
// left once the server answers again.
func TestFrozenServer(t *testing.T) {
	for _, how := range []string{"deadline", "cancel"} {
		t.Run(how, func(t *testing.T) {
			ctx := testCtx(t)
			srv, err := redistest.StartServer(ctx)
			if err != nil {
				t.Fatal(err)
			}
			t.Cleanup(func() { _ = srv.Stop() })
			b := rueidisadapter.NewBackend(newClient(t, false, rueidis.ClientOption{}, srv.Addr))
			if !ports.HonoursContext(b) {
				t.Fatal("HonoursContext = false, and yet Exec must return at ctx's end (this test)")
			}
			n := prefix(t) + "n"
			wantReply(t, "warming PING", execAll(ctx, b, command("PING"))[0], ports.StatusReply("PONG"))
			before := gleak.Goroutines()

			if err := srv.Freeze(); err != nil {
				t.Fatal(err)
			}
			const limit = 200 * time.Millisecond
			var ectx context.Context
			var want error
			if how == "deadline" {
				var cancel context.CancelFunc
				ectx, cancel = context.WithTimeout(ctx, limit)
				defer cancel()
				want = context.DeadlineExceeded
			} else {
				var cancel context.CancelFunc
				ectx, cancel = context.WithCancel(ctx)
				time.AfterFunc(limit, cancel)
				want = context.Canceled
			}
			start := time.Now()
			out := execAll(ectx, b, command("INCR", n), command("GET", n))
			if took := time.Since(start); took > limit+400*time.Millisecond {
				t.Errorf("Exec took %v against a frozen server with a %v ctx", took, limit)
			}
			// The frozen kernel took the bytes: the outcome is unknown.
			backendtest.WantContextEnded(t, how, out, want, true)

			if err := srv.Thaw(); err != nil {
				t.Fatal(err)
			}
			waitGoroutines(t, before, 5*time.Second)
			// The INCR was written before the server froze; whether it ran
			// depends on when the server saw the connection close, but it
			// ran at most once.
			first := raw(t, ctx, srv.Addr, "GET", n)
			if first != nil && first != "1" {
				t.Fatalf("counter %v after one INCR", first)
			}
			r := execAll(ctx, b, command("INCR", n))[0]
			if want := map[any]int64{nil: 1, "1": 2}[first]; r.Err != nil || r.Reply.Int != want {
				t.Errorf("INCR after the thaw: got %v %s, want %d", r.Err, r.Reply, want)
			}
		})
	}
}

// TestBlockingCommandKeepsOthersMoving: a blocking command goes to a
// connection of its own (it is marked Blocking for rueidis), so the
// batches of other callers do not wait behind it.
func TestBlockingCommandKeepsOthersMoving(t *testing.T) {
	ctx := testCtx(t)
	b := rueidisadapter.NewBackend(newClient(t, false, rueidis.ClientOption{}, sharedAddr(t, ctx, 0)))
	p := prefix(t)
	wantReply(t, "warming PING", execAll(ctx, b, command("PING"))[0], ports.StatusReply("PONG"))
	done := make(chan ports.Result, 1)
	go func() { done <- execAll(ctx, b, command("BLPOP", p+"empty", "1"))[0] }()
	time.Sleep(50 * time.Millisecond)
	for range 5 {
		start := time.Now()
		wantReply(t, "GET beside a BLPOP", execAll(ctx, b, command("GET", p+"k"))[0], ports.NilReply())
		if took := time.Since(start); took > 500*time.Millisecond {
			t.Errorf("GET took %v beside a blocked BLPOP", took)
		}
	}
	if r := <-done; r.Err != nil || r.Reply.Kind != ports.KindNil {
		t.Errorf("BLPOP timing out: got %v %s, want a nil reply", r.Err, r.Reply)
	}
}

// TestDeadAddress: a refused connection never carried the command.
func TestDeadAddress(t *testing.T) {
	ctx := testCtx(t)
	dead, err := redistest.DeadAddr()
	if err != nil {
		t.Fatal(err)
	}
	c, err := rueidis.NewClient(rueidis.ClientOption{InitAddress: []string{dead}, ForceSingleClient: true})
	if c == nil {
		t.Fatalf("NewClient: %v", err)
	}
	t.Cleanup(c.Close)
	out := execAll(ctx, rueidisadapter.NewBackend(c), command("INCR", "k"), command("GET", "k"))
	for i, r := range out {
		if cause := wantTransport(t, []string{"INCR", "GET"}[i], r, false); cause != nil && !errors.Is(cause, errConnRefused) {
			t.Errorf("cause %v, want a refused connection", cause)
		}
	}
}
