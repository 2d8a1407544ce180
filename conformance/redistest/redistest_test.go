package redistest_test

import (
	"bufio"
	"context"
	"errors"
	"net"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"slices"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/redpipe-go/redpipe/conformance/redistest"
)

func TestMain(m *testing.M) { os.Exit(redistest.Main(m)) }

func ctxFor(t *testing.T, d time.Duration) context.Context {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), d)
	t.Cleanup(cancel)
	return ctx
}

func mustDo(t *testing.T, ctx context.Context, addr string, args ...string) any {
	t.Helper()
	v, err := redistest.Do(ctx, addr, args...)
	if err != nil {
		t.Fatalf("Do %v on %s: %v", args, addr, err)
	}
	return v
}

func TestSharedServersSetGet(t *testing.T) {
	ctx := ctxFor(t, 15*time.Second)
	s0, err := redistest.SharedServer(ctx, 0)
	if err != nil {
		t.Fatal(err)
	}
	s1, err := redistest.SharedServer(ctx, 1)
	if err != nil {
		t.Fatal(err)
	}
	again, err := redistest.SharedServer(ctx, 0)
	if err != nil || again != s0 {
		t.Fatalf("SharedServer(0) again = %p, %v; want %p", again, err, s0)
	}
	if s0.Addr == s1.Addr {
		t.Fatalf("shared servers 0 and 1 share %s", s0.Addr)
	}

	value := "binary\r\nsafe\x00value"
	if v := mustDo(t, ctx, s0.Addr, "SET", "rt:k", value); v != "OK" {
		t.Fatalf("SET = %#v", v)
	}
	if v := mustDo(t, ctx, s0.Addr, "GET", "rt:k"); v != value {
		t.Fatalf("GET = %#v, want %#v", v, value)
	}
	if v := mustDo(t, ctx, s1.Addr, "GET", "rt:k"); v != nil {
		t.Fatalf("GET on the other server = %#v, want nil", v)
	}
	mustDo(t, ctx, s0.Addr, "DEL", "rt:n", "rt:l")
	if v := mustDo(t, ctx, s0.Addr, "INCRBY", "rt:n", "41"); v != int64(41) {
		t.Fatalf("INCRBY = %#v", v)
	}
	mustDo(t, ctx, s0.Addr, "RPUSH", "rt:l", "a", "", "c")
	v := mustDo(t, ctx, s0.Addr, "LRANGE", "rt:l", "0", "-1")
	if got, ok := v.([]any); !ok || !slices.Equal(got, []any{"a", "", "c"}) {
		t.Fatalf("LRANGE = %#v", v)
	}
	_, err = redistest.Do(ctx, s0.Addr, "NOSUCHCOMMAND")
	var re redistest.ReplyError
	if !errors.As(err, &re) || !strings.HasPrefix(err.Error(), "ERR unknown command") {
		t.Fatalf("unknown command error = %v", err)
	}
	if _, err := redistest.Do(ctx, "10.1.2.3:6379", "PING"); err == nil {
		t.Fatal("Do to a non-loopback address was not refused")
	}
}

func TestCluster(t *testing.T) {
	ctx := ctxFor(t, 70*time.Second)
	start := time.Now()
	c, err := redistest.SharedCluster(ctx)
	if err != nil {
		t.Fatal(err)
	}
	t.Logf("cluster ready in %v", time.Since(start))
	addrs := c.Addrs()
	if len(addrs) != 6 {
		t.Fatalf("Addrs = %v, want 6", addrs)
	}
	for _, a := range addrs {
		info, ok := mustDo(t, ctx, a, "CLUSTER", "INFO").(string)
		if !ok || !strings.Contains(info, "cluster_state:ok\r\n") {
			t.Errorf("%s CLUSTER INFO: %q", a, info)
		}
	}
	masters, err := c.Masters(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if len(masters) != 3 || len(slices.Compact(slices.Sorted(slices.Values(masters)))) != 3 {
		t.Fatalf("Masters = %v, want 3 distinct", masters)
	}
	for _, m := range masters {
		if !slices.Contains(addrs, m) {
			t.Fatalf("master %s not among Addrs %v", m, addrs)
		}
		r, err := c.ReplicaOf(ctx, m)
		if err != nil || slices.Contains(masters, r) {
			t.Fatalf("ReplicaOf(%s) = %s, %v", m, r, err)
		}
	}
	if err := c.WaitReady(ctx); err != nil {
		t.Fatal(err)
	}
}

// TestClusterFailover kills a master, waits for its replica to take over,
// then lets SharedCluster restart the old master, which rejoins as a replica.
func TestClusterFailover(t *testing.T) {
	ctx := ctxFor(t, 60*time.Second)
	c, err := redistest.SharedCluster(ctx)
	if err != nil {
		t.Fatal(err)
	}
	masters, err := c.Masters(ctx)
	if err != nil {
		t.Fatal(err)
	}
	victim := masters[0]
	replica, err := c.ReplicaOf(ctx, victim)
	if err != nil {
		t.Fatal(err)
	}
	start := time.Now()
	if err := c.Node(victim).Kill(); err != nil {
		t.Fatal(err)
	}
	if err := c.WaitReady(ctx); err != nil {
		t.Fatal(err)
	}
	t.Logf("replica %s took over from %s in %v", replica, victim, time.Since(start))
	after, err := c.Masters(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if len(after) != 3 || !slices.Contains(after, replica) || slices.Contains(after, victim) {
		t.Fatalf("Masters after failover = %v (killed %s, replica %s)", after, victim, replica)
	}

	start = time.Now()
	if _, err := redistest.SharedCluster(ctx); err != nil {
		t.Fatal(err)
	}
	t.Logf("old master restarted and cluster ready in %v", time.Since(start))
	info, _ := mustDo(t, ctx, victim, "INFO", "replication").(string)
	if !strings.Contains(info, "role:slave\r\n") {
		t.Fatalf("restarted old master is not a replica:\n%s", info)
	}
}

// pingOn writes one PING on conn and reads its reply.
func pingOn(t *testing.T, conn net.Conn, r *bufio.Reader) {
	t.Helper()
	_ = conn.SetDeadline(time.Now().Add(3 * time.Second))
	if _, err := conn.Write(redistest.AppendCommand(nil, "PING")); err != nil {
		t.Fatal(err)
	}
	if v, err := redistest.ReadReply(r); err != nil || v != "PONG" {
		t.Fatalf("PING = %#v, %v", v, err)
	}
}

func newProxy(t *testing.T, delay time.Duration) *redistest.Proxy {
	t.Helper()
	s, err := redistest.SharedServer(ctxFor(t, 15*time.Second), 0)
	if err != nil {
		t.Fatal(err)
	}
	p, err := redistest.NewProxy(s.Addr, delay)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		if err := p.Close(); err != nil {
			t.Error(err)
		}
	})
	return p
}

func dial(t *testing.T, addr string) (net.Conn, *bufio.Reader) {
	t.Helper()
	conn, err := net.DialTimeout("tcp", addr, 2*time.Second)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { conn.Close() })
	return conn, bufio.NewReader(conn)
}

func TestProxyLatency(t *testing.T) {
	const delay = 50 * time.Millisecond
	p := newProxy(t, delay)
	conn, r := dial(t, p.Addr)
	pingOn(t, conn, r) // warm-up: the proxy dials the server on accept

	start := time.Now()
	pingOn(t, conn, r)
	took := time.Since(start)
	// The delay applies in each direction. Upper margin is generous for a
	// loaded 2-core machine running -race.
	if took < 2*delay || took >= 2*delay+150*time.Millisecond {
		t.Fatalf("PING through a %v proxy took %v, want [%v, %v)", delay, took, 2*delay, 2*delay+150*time.Millisecond)
	}

	// Latency, not bandwidth: five chunks 10 ms apart must each be released
	// 50 ms after arrival, not 50 ms after the previous one was released.
	start = time.Now()
	for range 5 {
		if _, err := conn.Write(redistest.AppendCommand(nil, "PING")); err != nil {
			t.Fatal(err)
		}
		time.Sleep(10 * time.Millisecond)
	}
	for range 5 {
		if v, err := redistest.ReadReply(r); err != nil || v != "PONG" {
			t.Fatalf("PING = %#v, %v", v, err)
		}
	}
	// Ideal: ~40 ms of writes + 2*50 ms. Accumulating delays would need >= 300 ms.
	if took := time.Since(start); took >= 250*time.Millisecond {
		t.Fatalf("5 spaced PINGs took %v: delays accumulate", took)
	}

	p.SetDelay(0)
	start = time.Now()
	pingOn(t, conn, r)
	if took := time.Since(start); took >= 50*time.Millisecond {
		t.Fatalf("PING after SetDelay(0) took %v", took)
	}
}

func TestProxyRoundTrips(t *testing.T) {
	p := newProxy(t, 10*time.Millisecond)
	conn, r := dial(t, p.Addr)

	var batch []byte
	for range 3 {
		batch = redistest.AppendCommand(batch, "PING")
	}
	if _, err := conn.Write(batch); err != nil {
		t.Fatal(err)
	}
	for range 3 {
		if v, err := redistest.ReadReply(r); err != nil || v != "PONG" {
			t.Fatalf("reply = %#v, %v", v, err)
		}
	}
	if n := p.RoundTrips(); n != 1 {
		t.Fatalf("3-command pipeline in one write: RoundTrips = %d, want 1", n)
	}

	p.ResetCounts()
	pingOn(t, conn, r)
	pingOn(t, conn, r)
	if n := p.RoundTrips(); n != 2 {
		t.Fatalf("two sequential PINGs: RoundTrips = %d, want 2", n)
	}

	// One pipeline written in three chunks before any reply is still one trip.
	p.SetDelay(50 * time.Millisecond)
	p.ResetCounts()
	for range 3 {
		if _, err := conn.Write(redistest.AppendCommand(nil, "PING")); err != nil {
			t.Fatal(err)
		}
		time.Sleep(2 * time.Millisecond)
	}
	for range 3 {
		if v, err := redistest.ReadReply(r); err != nil || v != "PONG" {
			t.Fatalf("reply = %#v, %v", v, err)
		}
	}
	if n := p.RoundTrips(); n != 1 {
		t.Fatalf("pipeline in 3 chunks: RoundTrips = %d, want 1", n)
	}
}

func TestProxyCloseConns(t *testing.T) {
	p := newProxy(t, 0)
	conn, r := dial(t, p.Addr)
	pingOn(t, conn, r)
	p.CloseConns()
	_ = conn.SetDeadline(time.Now().Add(2 * time.Second))
	_, _ = conn.Write(redistest.AppendCommand(nil, "PING"))
	if _, err := redistest.ReadReply(r); err == nil {
		t.Fatal("read on a connection closed by CloseConns succeeded")
	}
	conn2, r2 := dial(t, p.Addr)
	pingOn(t, conn2, r2)
	if err := p.Close(); err != nil {
		t.Fatal(err)
	}
	if c, err := net.DialTimeout("tcp", p.Addr, time.Second); err == nil {
		c.Close()
		t.Fatal("closed proxy still accepts")
	}
}

func TestFreezeThawKillRestart(t *testing.T) {
	ctx := ctxFor(t, 20*time.Second)
	s, err := redistest.StartServer(ctx, redistest.WithArgs("--maxmemory", "64mb"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = s.Stop() })
	if v := mustDo(t, ctx, s.Addr, "CONFIG", "GET", "maxmemory"); !slices.Equal(v.([]any), []any{"maxmemory", "67108864"}) {
		t.Fatalf("WithArgs not applied: %#v", v)
	}
	if !strings.Contains(s.LogTail(50), "Ready to accept connections") {
		t.Fatalf("LogTail:\n%s", s.LogTail(50))
	}

	if err := s.Freeze(); err != nil {
		t.Fatal(err)
	}
	short, cancel := context.WithTimeout(ctx, 300*time.Millisecond)
	_, err = redistest.Do(short, s.Addr, "PING")
	cancel()
	if !errors.Is(err, context.DeadlineExceeded) {
		t.Fatalf("PING to a frozen server: %v, want deadline exceeded", err)
	}
	if err := s.Thaw(); err != nil {
		t.Fatal(err)
	}
	if v := mustDo(t, ctx, s.Addr, "PING"); v != "PONG" {
		t.Fatalf("PING after Thaw = %#v", v)
	}

	mustDo(t, ctx, s.Addr, "SET", "k", "v")
	pid := s.Pid()
	if err := s.Kill(); err != nil {
		t.Fatal(err)
	}
	if s.Pid() != 0 {
		t.Fatal("Pid after Kill is not 0")
	}
	if _, err := redistest.Do(ctx, s.Addr, "PING"); !errors.Is(err, syscall.ECONNREFUSED) {
		t.Fatalf("PING to a killed server: %v, want connection refused", err)
	}
	if err := s.Restart(ctx); err != nil {
		t.Fatal(err)
	}
	if s.Pid() == 0 || s.Pid() == pid {
		t.Fatalf("Pid after Restart = %d (before %d)", s.Pid(), pid)
	}
	if v := mustDo(t, ctx, s.Addr, "GET", "k"); v != nil {
		t.Fatalf("GET after restart without persistence = %#v", v)
	}
	if err := s.Stop(); err != nil {
		t.Fatal(err)
	}
	if err := s.Stop(); err != nil {
		t.Fatalf("second Stop: %v", err)
	}
}

func TestSilentServer(t *testing.T) {
	addr, closeFn, err := redistest.NewSilentServer()
	if err != nil {
		t.Fatal(err)
	}
	defer closeFn()
	ctx, cancel := context.WithTimeout(context.Background(), 300*time.Millisecond)
	defer cancel()
	start := time.Now()
	if _, err := redistest.Do(ctx, addr, "PING"); !errors.Is(err, context.DeadlineExceeded) {
		t.Fatalf("PING to silent server: %v", err)
	}
	if took := time.Since(start); took < 250*time.Millisecond {
		t.Fatalf("silent server: gave up after %v", took)
	}
	if err := closeFn(); err != nil {
		t.Fatal(err)
	}
	if err := closeFn(); err != nil {
		t.Fatalf("second close: %v", err)
	}
}

func TestDeadAddr(t *testing.T) {
	addr, err := redistest.DeadAddr()
	if err != nil {
		t.Fatal(err)
	}
	if _, err := redistest.Do(context.Background(), addr, "PING"); !errors.Is(err, syscall.ECONNREFUSED) {
		t.Fatalf("PING to DeadAddr: %v, want connection refused", err)
	}
}

func TestErrNoRedis(t *testing.T) {
	t.Setenv("PATH", t.TempDir())
	_, err := redistest.StartServer(context.Background())
	if !errors.Is(err, redistest.ErrNoRedis) || !strings.Contains(err.Error(), "apt-get install -y redis-server redis-tools") {
		t.Fatalf("StartServer without redis on PATH: %v", err)
	}
	if _, err := redistest.StartCluster(context.Background()); !errors.Is(err, redistest.ErrNoRedis) {
		t.Fatalf("StartCluster without redis on PATH: %v", err)
	}
	if _, err := redistest.StartSentinel(context.Background()); !errors.Is(err, redistest.ErrNoRedis) {
		t.Fatalf("StartSentinel without redis on PATH: %v", err)
	}
}

// TestNoGoroutineLeak: Close and Stop leave none of the package's goroutines behind.
func TestNoGoroutineLeak(t *testing.T) {
	ctx := ctxFor(t, 15*time.Second)
	s, err := redistest.SharedServer(ctx, 0)
	if err != nil {
		t.Fatal(err)
	}
	before := runtime.NumGoroutine()

	p, err := redistest.NewProxy(s.Addr, 5*time.Millisecond)
	if err != nil {
		t.Fatal(err)
	}
	addr, closeSilent, err := redistest.NewSilentServer()
	if err != nil {
		t.Fatal(err)
	}
	var conns []net.Conn
	for range 3 {
		c, r := dial(t, p.Addr)
		pingOn(t, c, r)
		conns = append(conns, c)
		sc, err := net.Dial("tcp", addr)
		if err != nil {
			t.Fatal(err)
		}
		conns = append(conns, sc)
	}
	half := conns[0].(*net.TCPConn)
	_ = half.CloseWrite() // a half-closed proxied connection must wind down too
	short, cancel := context.WithTimeout(ctx, 50*time.Millisecond)
	_, _ = redistest.Do(short, addr, "PING")
	cancel()
	s2, err := redistest.StartServer(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if err := s2.Stop(); err != nil {
		t.Fatal(err)
	}
	if err := p.Close(); err != nil {
		t.Fatal(err)
	}
	if err := closeSilent(); err != nil {
		t.Fatal(err)
	}
	for _, c := range conns {
		c.Close()
	}
	deadline := time.Now().Add(2 * time.Second)
	for runtime.NumGoroutine() > before && time.Now().Before(deadline) {
		time.Sleep(20 * time.Millisecond)
	}
	if n := runtime.NumGoroutine(); n > before {
		buf := make([]byte, 1<<16)
		t.Fatalf("%d goroutines after Close/Stop, %d before:\n%s", n, before, buf[:runtime.Stack(buf, true)])
	}
}

// TestServerBinaryFromEnv: the servers started are the binary
// REDISTEST_SERVER names (redis-server by default), as INFO's executable
// field shows.
func TestServerBinaryFromEnv(t *testing.T) {
	s, err := redistest.StartServer(t.Context())
	if err != nil {
		t.Fatal(err)
	}
	defer func() { _ = s.Stop() }()
	info, err := redistest.Do(t.Context(), s.Addr, "INFO", "server")
	if err != nil {
		t.Fatal(err)
	}
	want, err := exec.LookPath(redistest.ServerBinary())
	if err != nil {
		t.Fatal(err)
	}
	if want, err = filepath.Abs(want); err != nil {
		t.Fatal(err)
	}
	var got string
	for _, line := range strings.Split(info.(string), "\r\n") {
		if v, ok := strings.CutPrefix(line, "executable:"); ok {
			got = v
		}
	}
	if got != want {
		t.Errorf("INFO server executable: %q, want %q (%s=%q)", got, want, redistest.ServerEnv, os.Getenv(redistest.ServerEnv))
	}
}
