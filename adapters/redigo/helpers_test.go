package redigo_test

import (
	"context"
	"errors"
	"net"
	"strconv"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/redpipe-go/redpipe/adapters/redigo/redigotest"
	"github.com/redpipe-go/redpipe/conformance/backendtest"

	"github.com/gomodule/redigo/redis"
	"github.com/onsi/gomega/gleak"

	"github.com/redpipe-go/redpipe/conformance/redistest"
	"github.com/redpipe-go/redpipe/ports"
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

func prefix(t testing.TB) string { return backendtest.KeyPrefix(t, "redigo") }

func sharedAddr(t *testing.T, ctx context.Context) string {
	t.Helper()
	srv, err := redistest.SharedServer(ctx, 0)
	if err != nil {
		t.Fatalf("starting redis-server: %v", err)
	}
	return srv.Addr
}

var freezable struct {
	once sync.Once
	srv  *redistest.Server
	err  error
}

// frozenServer returns this package's own server (shared servers must stay
// live for the conformance suite), frozen until the test ends. dial runs
// first, while the server still answers.
func frozenServer(t *testing.T, ctx context.Context, warm func(addr string)) *redistest.Server {
	t.Helper()
	freezable.once.Do(func() { freezable.srv, freezable.err = redistest.StartServer(ctx) })
	if freezable.err != nil {
		t.Fatalf("starting redis-server: %v", freezable.err)
	}
	s := freezable.srv
	warm(s.Addr)
	if err := s.Freeze(); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		if err := s.Thaw(); err != nil {
			t.Errorf("thawing %s: %v", s.Addr, err)
		}
	})
	return s
}

// newPool is appPool, closed when the test ends.
func newPool(t *testing.T, addr string, opts ...redis.DialOption) *redis.Pool {
	p := redigotest.AppPool(addr, opts...)
	t.Cleanup(func() { _ = p.Close() })
	return p
}

// clientID returns the server's id of the connection b's batch ran on.
func clientID(t *testing.T, ctx context.Context, b ports.Backend) int64 {
	t.Helper()
	out := execAll(ctx, b, command("CLIENT", "ID"))
	if out[0].Err != nil || out[0].Reply.Kind != ports.KindInt {
		t.Fatalf("CLIENT ID: %v %s", out[0].Err, out[0].Reply)
	}
	return out[0].Reply.Int
}

// wantErrs checks that every result's error is exactly want.
func wantErrs(t *testing.T, what string, out []ports.Result, want error) {
	t.Helper()
	for i, r := range out {
		if r.Err != want {
			t.Errorf("%s: out[%d] = %v (%T) reply %s, want %v", what, i, r.Err, r.Err, r.Reply, want)
		}
	}
}

// wantStats checks the pool's open and idle connection counts.
func wantStats(t *testing.T, what string, p *redis.Pool, active, idle int) {
	t.Helper()
	if s := p.Stats(); s.ActiveCount != active || s.IdleCount != idle {
		t.Errorf("%s: pool has %d open, %d idle connections; want %d open, %d idle", what, s.ActiveCount, s.IdleCount, active, idle)
	}
}

// noLeak waits until no goroutine started since before is left.
func noLeak(t *testing.T, before []gleak.Goroutine) {
	t.Helper()
	m := gleak.HaveLeaked(before)
	end := time.Now().Add(5 * time.Second)
	for {
		leaked, err := m.Match(gleak.Goroutines())
		if err != nil {
			t.Fatal(err)
		}
		if !leaked {
			return
		}
		if time.Now().After(end) {
			t.Errorf("goroutines still running: %s", m.FailureMessage(gleak.Goroutines()))
			return
		}
		time.Sleep(20 * time.Millisecond)
	}
}

// errInjected is the write failure a faultyConn produces on cue.
var errInjected = errors.New("injected write failure")

// faulty is a redigo dial option whose connections, once armed, fail their
// next socket write before sending any of its bytes (and every write after
// it), the way a write to a reset connection fails. The server stays a real
// redis-server and the connection a real redigo one; only the client's side
// of the socket is interfered with.
type faulty struct {
	armed atomic.Bool
	dials atomic.Int32
}

func (f *faulty) option() redis.DialOption {
	return redis.DialContextFunc(func(ctx context.Context, network, addr string) (net.Conn, error) {
		f.dials.Add(1)
		var d net.Dialer
		c, err := d.DialContext(ctx, network, addr)
		if err != nil {
			return nil, err
		}
		return &faultyConn{Conn: c, f: f}, nil
	})
}

type faultyConn struct {
	net.Conn
	f      *faulty
	failed bool
}

func (c *faultyConn) Write(p []byte) (int, error) {
	if c.failed || c.f.armed.CompareAndSwap(true, false) {
		c.failed = true
		return 0, errInjected
	}
	return c.Conn.Write(p)
}

func itoa(n int64) string { return strconv.FormatInt(n, 10) }
