package rueidis_test

import (
	"context"
	"testing"
	"time"

	"github.com/redis/rueidis"

	rueidisadapter "github.com/redpipe-go/redpipe/adapters/rueidis"
	"github.com/redpipe-go/redpipe/conformance/redistest"
)

// TestKnownConnLifetimeResend pins a rueidis behaviour this adapter cannot
// veto from outside (see "Resends" in doc.go): with ClientOption.ConnLifetime
// set, a connection whose lifetime ends while a write waits for its reply
// is closed a second later (pipe.go Close), the write gets errConnExpired,
// and rueidis's DoMulti resends it on a new connection (client.go): the
// server runs it twice.
//
// This test passes while rueidis does that. When it fails, rueidis no
// longer resends a written command: remove the known limit from doc.go.
func TestKnownConnLifetimeResend(t *testing.T) {
	ctx := testCtx(t)
	srv, err := redistest.StartServer(ctx)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = srv.Stop() })
	c := newClient(t, false, rueidis.ClientOption{ConnLifetime: 300 * time.Millisecond, ForceSingleClient: true}, srv.Addr)
	b := rueidisadapter.NewBackend(c)
	n := prefix(t) + "n"

	if err := srv.Freeze(); err != nil {
		t.Fatal(err)
	}
	// No deadline: rueidis queues the batch on its connection's writer
	// (pipe.go DoMulti), the mode in which the expiry hands errConnExpired
	// to a written command.
	nctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	done := make(chan struct{})
	go func() {
		defer close(done)
		execAll(nctx, b, command("INCR", n))
	}()
	time.Sleep(2 * time.Second) // the lifetime ends, then Close's second passes
	if err := srv.Thaw(); err != nil {
		t.Fatal(err)
	}
	<-done
	if got := raw(t, ctx, srv.Addr, "GET", n); got != "2" {
		t.Fatalf("rueidis seems fixed: one INCR left the counter at %v, expected 2 (written, expired, resent)", got)
	}
	t.Log("rueidis still resends a written command after ConnLifetime; see doc.go, Resends")
}
