package goredis_test

import (
	"bytes"
	"context"
	"fmt"
	"io"
	"net"
	"os"
	"sync"
	"sync/atomic"
	"syscall"
	"testing"
	"time"

	"github.com/redpipe-go/redpipe/conformance/backendtest"

	"github.com/onsi/gomega/gleak"
	"github.com/redis/go-redis/v9"

	"github.com/redpipe-go/redpipe/conformance/redistest"
)

// The shared adapter-test checks (conformance/backendtest), by the short
// names this package's tests use.
var (
	testCtx        = backendtest.Context
	command        = backendtest.Command
	execAll        = backendtest.ExecAll
	raw            = backendtest.Raw
	wantReply      = backendtest.WantReply
	wantRedisError = backendtest.WantRedisError
	wantTransport  = backendtest.WantTransport
)

func prefix(t testing.TB) string { return backendtest.KeyPrefix(t, "goredis") }

// forProtocols runs fn once per RESP version, as subtests.
func forProtocols(t *testing.T, fn func(t *testing.T, protocol int)) {
	for _, protocol := range []int{2, 3} {
		t.Run(fmt.Sprintf("resp%d", protocol), func(t *testing.T) { fn(t, protocol) })
	}
}

func sharedAddr(t *testing.T, ctx context.Context, i int) string {
	t.Helper()
	srv, err := redistest.SharedServer(ctx, i)
	if err != nil {
		t.Fatalf("starting redis-server: %v", err)
	}
	return srv.Addr
}

func newClient(t *testing.T, o *redis.Options) *redis.Client {
	c := redis.NewClient(o)
	t.Cleanup(func() { _ = c.Close() })
	return c
}

// wire is a go-redis Dialer whose connections can be made to fail in the
// ways a real network fails: a dial refused before anything is sent, and a
// connection that breaks after the server has received (and run) a
// pipeline but before all its replies reached the client.
//
// The server stays a real redis-server; only the client's side of the
// socket is interfered with.
type wire struct {
	trigger []byte // a pipeline write containing this is the one to break

	armed     atomic.Bool  // break the next trigger write's replies
	passBytes int          // reply bytes delivered before the break
	waitBytes int          // reply bytes to wait for first: the server then ran every command
	failDials atomic.Int32 // dials to refuse before dialing for real

	dials  atomic.Int32 // dial attempts
	writes atomic.Int32 // writes containing trigger
	mu     sync.Mutex
	addrs  []string // address of each trigger write
}

func (w *wire) dial(ctx context.Context, network, addr string) (net.Conn, error) {
	w.dials.Add(1)
	if w.failDials.Add(-1) >= 0 {
		// What a refused connect looks like to go-redis (shouldRetry: a
		// *net.OpError with Op "dial" is always retried).
		return nil, &net.OpError{Op: "dial", Net: network, Err: os.NewSyscallError("connect", syscall.ECONNREFUSED)}
	}
	var d net.Dialer
	c, err := d.DialContext(ctx, network, addr)
	if err != nil {
		return nil, err
	}
	return &wireConn{Conn: c, w: w, addr: addr}, nil
}

func (w *wire) triggerAddrs() []string {
	w.mu.Lock()
	defer w.mu.Unlock()
	return append([]string(nil), w.addrs...)
}

type wireConn struct {
	net.Conn
	w    *wire
	addr string

	mu      sync.Mutex
	tripped bool   // this connection carried the armed write
	pending []byte // reply bytes still to deliver before the break
	broken  bool
}

func (c *wireConn) Write(p []byte) (int, error) {
	if len(c.w.trigger) > 0 && bytes.Contains(p, c.w.trigger) {
		c.w.writes.Add(1)
		c.w.mu.Lock()
		c.w.addrs = append(c.w.addrs, c.addr)
		c.w.mu.Unlock()
		if c.w.armed.CompareAndSwap(true, false) {
			c.mu.Lock()
			c.tripped = true
			c.mu.Unlock()
		}
	}
	return c.Conn.Write(p)
}

func (c *wireConn) Read(p []byte) (int, error) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if !c.tripped {
		return c.Conn.Read(p)
	}
	if c.broken {
		return 0, io.EOF
	}
	if c.pending == nil {
		// Wait for every reply: once they are here, the server has run
		// every command of the pipeline.
		var got []byte
		buf := make([]byte, 4096)
		for len(got) < c.w.waitBytes {
			n, err := c.Conn.Read(buf)
			got = append(got, buf[:n]...)
			if err != nil {
				break
			}
		}
		c.pending = append([]byte{}, got[:min(c.w.passBytes, len(got))]...)
	}
	if len(c.pending) > 0 {
		n := copy(p, c.pending)
		c.pending = c.pending[n:]
		return n, nil
	}
	// The break: the rest of the replies is lost with the connection.
	c.broken = true
	_ = c.Conn.Close()
	return 0, io.EOF
}

func splitHostPort(addr string) (host, port string, err error) { return net.SplitHostPort(addr) }

func goroutines() []gleak.Goroutine { return gleak.Goroutines() }

// waitGoroutines waits until no goroutine started since before is left
// (go-redis's per-client maintenance loop aside) and returns when that was.
func waitGoroutines(t *testing.T, before []gleak.Goroutine, limit time.Duration) time.Time {
	t.Helper()
	m := gleak.HaveLeaked(before,
		gleak.IgnoringTopFunction("github.com/redis/go-redis/v9/maintnotifications.(*CircuitBreakerManager).cleanupLoop"))
	end := time.Now().Add(limit)
	for {
		leaked, err := m.Match(gleak.Goroutines())
		if err != nil {
			t.Fatal(err)
		}
		if !leaked {
			return time.Now()
		}
		if time.Now().After(end) {
			t.Errorf("goroutines still running after %v: %s", limit, m.FailureMessage(gleak.Goroutines()))
			return time.Now()
		}
		time.Sleep(50 * time.Millisecond)
	}
}
