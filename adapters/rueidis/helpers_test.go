package rueidis_test

import (
	"context"
	"fmt"
	"regexp"
	"strconv"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/redpipe-go/redpipe/conformance/backendtest"

	"github.com/onsi/gomega/gleak"
	"github.com/redis/rueidis"

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

func prefix(t testing.TB) string { return backendtest.KeyPrefix(t, "rueidis") }

// rueidisGoroutines matches the goroutines rueidis keeps per open
// connection: its read and write loops (pipe.go _background).
func rueidisGoroutines() []any {
	return []any{gleak.IgnoringInBacktrace("github.com/redis/rueidis.(*pipe)._background")}
}

// untagged is prefix without a hash tag: its keys spread over the slots.
func untagged(t *testing.T) string {
	return strings.NewReplacer("{", "", "}", "").Replace(backendtest.KeyPrefix(t, "rueidis"))
}

// forProtocols runs fn once per RESP version, as subtests.
func forProtocols(t *testing.T, fn func(t *testing.T, resp2 bool)) {
	for _, resp2 := range []bool{true, false} {
		name := "resp3"
		if resp2 {
			name = "resp2"
		}
		t.Run(name, func(t *testing.T) { fn(t, resp2) })
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

func sharedCluster(t *testing.T, ctx context.Context) *redistest.Cluster {
	t.Helper()
	c, err := redistest.SharedCluster(ctx)
	if err != nil {
		t.Fatalf("starting the cluster: %v", err)
	}
	return c
}

// newClient makes a rueidis client with o's options (defaults otherwise),
// closed when the test ends.
func newClient(t *testing.T, resp2 bool, o rueidis.ClientOption, addrs ...string) rueidis.Client {
	t.Helper()
	o.InitAddress = addrs
	if resp2 {
		o.AlwaysRESP2, o.DisableCache = true, true
	}
	c, err := rueidis.NewClient(o)
	if err != nil {
		t.Fatalf("rueidis.NewClient(%v): %v", addrs, err)
	}
	t.Cleanup(c.Close)
	return c
}

// waitGoroutines waits until no goroutine started since before is left
// (rueidis's per-connection loops aside) and returns when that was.
func waitGoroutines(t *testing.T, before []gleak.Goroutine, limit time.Duration) time.Time {
	t.Helper()
	return waitGoroutinesExcept(t, before, limit, rueidisGoroutines()...)
}

// waitGoroutinesExcept waits until no goroutine started since before is
// left but those ignore matches, and returns when that was.
func waitGoroutinesExcept(t *testing.T, before []gleak.Goroutine, limit time.Duration, ignore ...any) time.Time {
	t.Helper()
	m := gleak.HaveLeaked(append([]any{before}, ignore...)...)
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
		time.Sleep(20 * time.Millisecond)
	}
}

// cmdCalls is how many times the server at addr ran the command name
// (lowercase), from INFO commandstats.
func cmdCalls(t *testing.T, ctx context.Context, addr, name string) int64 {
	t.Helper()
	info, _ := raw(t, ctx, addr, "INFO", "commandstats").(string)
	for line := range strings.Lines(info) {
		if rest, ok := strings.CutPrefix(line, "cmdstat_"+name+":calls="); ok {
			n, err := strconv.ParseInt(rest[:strings.IndexByte(rest, ',')], 10, 64)
			if err != nil {
				t.Fatalf("INFO commandstats line %q: %v", line, err)
			}
			return n
		}
	}
	return 0
}

// ownerOf returns the address of the cluster master that serves key.
func ownerOf(t *testing.T, ctx context.Context, cl *redistest.Cluster, key string) string {
	t.Helper()
	masters, err := cl.Masters(ctx)
	if err != nil {
		t.Fatal(err)
	}
	for _, m := range masters {
		if _, err := redistest.Do(ctx, m, "EXISTS", key); err == nil {
			return m
		}
	}
	t.Fatalf("no master serves %q", key)
	return ""
}

// keyOn returns a key with prefix p (see untagged), served by the master at addr.
func keyOn(t *testing.T, ctx context.Context, cl *redistest.Cluster, p, addr string) string {
	t.Helper()
	for i := range 1000 {
		k := fmt.Sprintf("%s%d", p, i)
		if ownerOf(t, ctx, cl, k) == addr {
			return k
		}
	}
	t.Fatalf("no key of prefix %q on %s", p, addr)
	return ""
}

var blockedClient = regexp.MustCompile(`(?m)^id=(\d+) .* cmd=(blpop|brpop)\b`)

// killBlocked waits (bounded) for a client blocked in BLPOP or BRPOP on the
// server at addr and kills it with CLIENT KILL ID, returning its id.
func killBlocked(ctx context.Context, addr string) (int64, error) {
	deadline := time.Now().Add(5 * time.Second)
	for time.Now().Before(deadline) {
		v, err := redistest.Do(ctx, addr, "CLIENT", "LIST", "TYPE", "normal")
		if err != nil {
			return 0, err
		}
		list, _ := v.(string)
		if m := blockedClient.FindStringSubmatch(list); m != nil {
			id, _ := strconv.ParseInt(m[1], 10, 64)
			_, err := redistest.Do(ctx, addr, "CLIENT", "KILL", "ID", m[1])
			return id, err
		}
		time.Sleep(5 * time.Millisecond)
	}
	return 0, fmt.Errorf("no client blocked in BLPOP on %s within 5s", addr)
}

// waitFor polls cond every 2 ms until it holds, for at most limit.
func waitFor(t *testing.T, limit time.Duration, what string, cond func() bool) {
	t.Helper()
	end := time.Now().Add(limit)
	for !cond() {
		if time.Now().After(end) {
			t.Fatalf("%s: not within %v", what, limit)
		}
		time.Sleep(2 * time.Millisecond)
	}
}

var errConnRefused = syscall.ECONNREFUSED
