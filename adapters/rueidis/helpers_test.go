package rueidis_test

import (
	"context"
	"fmt"
	"os"
	"reflect"
	"regexp"
	"strconv"
	"strings"
	"sync/atomic"
	"syscall"
	"testing"
	"time"

	"github.com/onsi/gomega/gleak"
	"github.com/redis/rueidis"

	"github.com/redpipe-go/redpipe/conformance/redistest"
	"github.com/redpipe-go/redpipe/domain"
	"github.com/redpipe-go/redpipe/ports"
)

// rueidisGoroutines matches the goroutines rueidis keeps per open
// connection: its read and write loops (pipe.go _background).
func rueidisGoroutines() []any {
	return []any{gleak.IgnoringInBacktrace("github.com/redis/rueidis.(*pipe)._background")}
}

// testCtx bounds every test against a hung server.
func testCtx(t *testing.T) context.Context {
	ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
	t.Cleanup(cancel)
	return ctx
}

var prefixSeq atomic.Int64

// prefix gives keys unique to the call (test, process, sequence), so that
// shared servers and -count=N never see a key twice. All keys of one prefix
// share a hash tag, so they live in one cluster slot.
func prefix(t *testing.T) string {
	return fmt.Sprintf("{rueidis-test:%d:%d}:%s:", os.Getpid(), prefixSeq.Add(1), t.Name())
}

// untagged is prefix without a hash tag: its keys spread over the slots.
func untagged(t *testing.T) string {
	return fmt.Sprintf("rueidis-test:%d:%d:%s:", os.Getpid(), prefixSeq.Add(1), t.Name())
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

// command describes args the way the root package does.
func command(args ...string) ports.Command {
	keys, ro := domain.Describe(args)
	return ports.Command{Args: args, Keys: keys, ReadOnly: ro}
}

func execAll(ctx context.Context, b ports.Backend, cmds ...ports.Command) []ports.Result {
	out := make([]ports.Result, len(cmds))
	b.Exec(ctx, cmds, out)
	return out
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

// raw runs a command straight on the server, without rueidis.
func raw(t *testing.T, ctx context.Context, addr string, args ...string) any {
	t.Helper()
	v, err := redistest.Do(ctx, addr, args...)
	if err != nil {
		t.Fatalf("%v on %s: %v", args, addr, err)
	}
	return v
}

func wantReply(t *testing.T, what string, got ports.Result, want ports.Reply) {
	t.Helper()
	if got.Err != nil {
		t.Errorf("%s: error %v (%T), want reply %s", what, got.Err, got.Err, want)
		return
	}
	if !reflect.DeepEqual(got.Reply, want) {
		t.Errorf("%s:\n got %s (%s)\nwant %s (%s)", what, got.Reply, got.Reply.Kind, want, want.Kind)
	}
}

func wantRedisError(t *testing.T, what string, got ports.Result, text string, kind ports.ErrorKind) {
	t.Helper()
	re, ok := got.Err.(*ports.RedisError)
	if !ok {
		t.Errorf("%s: got %v (%T) reply %s, want *ports.RedisError %q", what, got.Err, got.Err, got.Reply, text)
		return
	}
	if re.Error() != text || re.Kind() != kind {
		t.Errorf("%s: got %q (kind %d), want %q (kind %d)", what, re.Error(), re.Kind(), text, kind)
	}
}

// wantTransport checks a *ports.TransportError and returns its cause.
func wantTransport(t *testing.T, what string, got ports.Result, maybeWritten bool) error {
	t.Helper()
	te, ok := got.Err.(*ports.TransportError)
	if !ok {
		t.Errorf("%s: got %v (%T) reply %s, want *ports.TransportError", what, got.Err, got.Err, got.Reply)
		return nil
	}
	if te.MaybeWritten != maybeWritten {
		t.Errorf("%s: MaybeWritten = %v, want %v (%v)", what, te.MaybeWritten, maybeWritten, te)
	}
	return te.Err
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
